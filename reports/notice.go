package reports

import (
	"io"
	"strconv"
	"strings"

	"taizhang/data"
)

// LayoutOneTimeNotice lays out a 一次性告知单 and its stub (see WriteOneTimeNotice).
func LayoutOneTimeNotice(n data.OneTimeNotice, opts Options) []Page {
	f := newFlow(false)
	head(f, "一次性告知单", n.DocNumber)
	f.para(n.Applicant+"：", 0)

	missing := n.Missing()
	if len(missing) == 0 {
		f.para("您申请办理的“"+n.Item+"”事项，所需材料已经齐全，本机关予以受理。", 2)
	} else {
		f.para("您申请办理的“"+n.Item+"”事项，所需材料尚不齐全。现将还需提交的材料一次性告知如下：", 2)
		for i, m := range missing {
			f.field("　　"+strconv.Itoa(i+1)+"．", materialText(m))
		}
	}
	var brought []string
	for _, m := range n.Materials {
		if m.Brought {
			brought = append(brought, m.Name)
		}
	}
	if len(brought) > 0 && len(missing) > 0 {
		f.para("您已提交的"+strings.Join(brought, "、")+"不需要重复提交。", 2)
	}
	f.para("办理时限："+sentence(n.TimeLimit), 2)
	if len(missing) > 0 {
		f.para("请您补齐上述材料后到"+n.Authority+"办理。联系方式："+sentence(n.Contact), 2)
	} else {
		f.para("联系方式："+sentence(n.Contact), 2)
	}
	var qr *qrBlock
	if n.GuideURL != "" {
		qr = guide(f, n.GuideURL) // aid_qr.go
	}
	f.closing(n.Authority, n.Date.Chinese(), !opts.NoSealMark, "经办人（签字）：", "申请人（签字）：")
	qr.square(f)

	stub(f, n, missing)
	return f.finish()
}

// stub places the office's stub (存根) after a cut line: who, what is missing, when, who told
// them, and a blank for the applicant's signature.
func stub(f *flow, n data.OneTimeNotice, missing []data.Material) {
	const height = 6 // cut line, heading, three fields, signature
	if f.line+height > GridLines {
		// No room below the notice: the stub gets a page of its own, with no cut line.
		f.newPage()
	}
	if f.line > 0 {
		y := lineTop(f.line) + LinePitch/2
		label := "（沿此线剪开）"
		lw := Cells(label) * Em(SmallSize)
		mid := Left + BlockW/2
		f.rule(Left, y, mid-lw/2-1, y, true)
		f.rule(mid+lw/2+1, y, Right, y, true)
		t := Text{X: mid - lw/2, Y: y + 0.35*Em(SmallSize), Size: SmallSize, Face: FaceBody, Cell: Em(SmallSize), S: label, Role: RoleNote}
		p := f.page()
		p.Texts = append(p.Texts, t)
		f.line++
	}
	f.title("一次性告知单（存根）", BodySize)
	f.field("申请人：", n.Applicant+"　　事项："+n.Item)
	names := make([]string, len(missing))
	for i, m := range missing {
		names[i] = m.Name
	}
	still := "无（材料齐全，已受理）"
	if len(names) > 0 {
		still = strings.Join(names, "、") + "（共" + strconv.Itoa(len(names)) + "项）"
	}
	f.field("尚需材料：", still)
	f.field("告知日期：", n.Date.Chinese()+"　　经办人："+n.Clerk)
	signatures(f, "申请人签收：", "签收日期：")
}

// signatures places two labelled signature blanks on one line.
func signatures(f *flow, a, b string) {
	f.need(1)
	half := BlockW / 2
	for i, label := range []string{a, b} {
		x := Left + float64(i)*half
		t := f.put(x, label, BodySize, FaceBody, RoleBody)
		y := t.Y + 1
		f.rule(x+t.Width(), y, x+half-BodyCell, y, false)
	}
	f.line++
}

// materialText is a material as listed: 户口簿（原件及复印件各1份）.
func materialText(m data.Material) string {
	if m.Note == "" {
		return m.Name + "；"
	}
	return m.Name + "（" + m.Note + "）；"
}

// WriteOneTimeNotice writes a 一次性告知单 as PDF: the item, every material still needed,
// the time limit and the office's contact, signature lines for the clerk and the applicant,
// and below a cut line the stub the office keeps.
func WriteOneTimeNotice(w io.Writer, n data.OneTimeNotice, opts Options) error {
	opts = opts.withDefaults(n.Date, "一次性告知单")
	return WritePDF(w, LayoutOneTimeNotice(n, opts), opts)
}

// LayoutRejectionNotice lays out a 不予受理通知书 (see WriteRejectionNotice).
func LayoutRejectionNotice(r data.RejectionNotice, opts Options) []Page {
	f := newFlow(true)
	head(f, "不予受理通知书", r.DocNumber)
	f.para(r.Applicant+"：", 0)
	for _, p := range r.Paragraphs() {
		f.para(p, 2)
	}
	f.closing(r.Authority, r.Date.Chinese(), !opts.NoSealMark)
	return f.finish()
}

// WriteRejectionNotice writes a 不予受理通知书 as PDF: the application, the reason it is not
// accepted, what to correct, the remedy clause when the office names one, the authority,
// date and seal area.
func WriteRejectionNotice(w io.Writer, r data.RejectionNotice, opts Options) error {
	opts = opts.withDefaults(r.Date, "不予受理通知书")
	return WritePDF(w, LayoutRejectionNotice(r, opts), opts)
}
