package reports

import (
	"taizhang/data"
)

// DocumentLine is one document in the documents ledger (行政文书台账), as plain values: the
// store fills it, so this package needs no SQL.
type DocumentLine struct {
	Number    string // 文号; "" on a draft
	Kind      data.DocKind
	Programme data.Programme // decisions only
	Title     string
	Applicant string
	IDNumber  string // the applicant's, already masked unless the export is full
	Date      data.Date
	Signed    bool   // Date is the 成文日期 (签发日期) only once signed
	SignedBy  string // 签发人
	Status    string // 草稿, 已签发, 已作废
	// The recorded 送达: method (zero: not delivered), date and recipient.
	DeliveryMethod data.DeliveryMethod
	DeliveredOn    data.Date
	Recipient      string
}

// DocumentColumns are the columns of the documents ledger, after 序号.
var DocumentColumns = []Column{
	{"文号", 20, AlignLeft, CellText}, {"类型", 13, AlignCenter, CellText}, {"救助项目", 10, AlignCenter, CellText}, {"标题", 28, AlignLeft, CellText},
	{"申请人", 9, AlignCenter, CellText}, {"申请人身份证号", 21, AlignCenter, CellText}, {"签发日期", 11, AlignCenter, CellDate},
	{"签发人", 8, AlignCenter, CellText}, {"状态", 8, AlignCenter, CellText}, {"送达方式", 9, AlignCenter, CellText},
	{"送达日期", 11, AlignCenter, CellDate}, {"受送达人", 9, AlignCenter, CellText},
}

// DocumentLedger is the sheet of the documents ledger for o.
func DocumentLedger(o LedgerOptions) LedgerSheet {
	o.Community = "" // documents belong to the office, not a community
	return o.sheet("行政文书台账", "行政文书台账", DocumentColumns)
}

// DocumentCells are the cells of one document, in DocumentColumns' order.
func DocumentCells(d DocumentLine) []string {
	number, date := d.Number, ""
	if number == "" {
		number = "（草稿）"
	}
	if d.Signed {
		date = dateCell(d.Date)
	}
	method := ""
	if d.DeliveryMethod != "" {
		method = d.DeliveryMethod.String()
	}
	return []string{number, d.Kind.String(), string(d.Programme), d.Title, d.Applicant, d.IDNumber, date,
		d.SignedBy, d.Status, method, dateCell(d.DeliveredOn), d.Recipient}
}
