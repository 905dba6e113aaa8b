package reports

import (
	"io"

	"taizhang/data"
)

// blankDate is printed where a date is written by hand.
const blankDate = "　　年　　月　　日"

// LayoutDeliveryReceipt lays out a 送达回证 (see WriteDeliveryReceipt).
func LayoutDeliveryReceipt(r data.DeliveryReceipt, opts Options) []Page {
	f := newFlow(false)
	head(f, "送达回证", "")
	date := blankDate
	if !r.Date.IsZero() {
		date = r.Date.Chinese()
	}
	rows := []row{
		{label: "送达机关", value: r.Authority},
		{label: "送达文书", value: r.DocName},
		{label: "文号", value: r.DocNumber},
		{label: "受送达人", value: r.Recipient},
		{label: "送达地点", value: r.Place},
		{label: "送达方式", value: methodBoxes(r.Method)},
		{label: "送达时间", value: date},
		{label: "受送达人签名（盖章）", minLines: 2, foot: blankDate},
		{label: "代收人签名", value: r.Agent, minLines: 2, foot: blankDate},
		{label: "送达人签名", value: r.Server, minLines: 2, foot: blankDate},
		{label: "见证人签名", value: r.Witness, minLines: 2, foot: blankDate},
		{label: "拒收事由", value: r.RefusalReason, minLines: 2},
		{label: "备注", value: r.Note},
	}
	f.table(rows, 7)
	f.note("注：受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，" +
		"在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所，即视为送达（留置送达）。")
	return f.finish()
}

// methodBoxes lists the four methods with the chosen one ticked: ■直接　□留置　□邮寄　□委托.
func methodBoxes(m data.DeliveryMethod) string {
	s := ""
	for i, x := range data.DeliveryMethods {
		if i > 0 {
			s += "　"
		}
		if x == m {
			s += "■"
		} else {
			s += "□"
		}
		s += x.String()[:len("直接")]
	}
	return s
}

// WriteDeliveryReceipt writes a 送达回证 as PDF: the serving office, the document's name and
// number, the recipient, place, method (the chosen one ticked), date, and the blanks for the
// signatures of recipient, 代收人, server and witness (the recorded names printed in them)
// and for the reason of a refusal.
func WriteDeliveryReceipt(w io.Writer, r data.DeliveryReceipt, opts Options) error {
	opts = opts.withDefaults(r.Date, "送达回证")
	return WritePDF(w, LayoutDeliveryReceipt(r, opts), opts)
}
