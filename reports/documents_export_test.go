package reports

import (
	"bytes"
	"strings"
	"testing"

	"taizhang/data"
)

func TestDocumentLedgerXLSX(t *testing.T) {
	lines := []DocumentLine{
		{Number: "平民救决〔2026〕15号", Kind: data.DocDecision, Programme: "低保", Title: "关于张菊花最低生活保障的决定",
			Applicant: "张菊花", IDNumber: data.MaskIDNumber("140202194403051234"), Date: data.MustDate(2026, 7, 1), Signed: true,
			SignedBy: "李卫东", Status: "已签发", DeliveryMethod: data.DeliveryDirect, DeliveredOn: data.MustDate(2026, 7, 3), Recipient: "张菊花"},
		{Kind: data.DocOneTimeNotice, Title: "一次性告知单", Applicant: "王强", Date: data.MustDate(2026, 7, 2), Status: "草稿"},
	}
	o := LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Community: "鹿苑社区", From: data.MustDate(2026, 7, 1),
		To: data.MustDate(2026, 7, 31), Date: data.MustDate(2026, 8, 1)}
	var buf bytes.Buffer
	n, err := WriteLedger(&buf, FormatXLSX, DocumentLedger(o), func(each func([]string) error) error {
		for _, l := range lines {
			if err := each(DocumentCells(l)); err != nil {
				return err
			}
		}
		return nil
	}, Options{})
	if err != nil || n != 2 {
		t.Fatalf("got %d, %v", n, err)
	}
	var header []string
	for _, c := range DocumentColumns {
		header = append(header, c.Title)
	}
	// Documents belong to the office: no community in the title.
	rows := checkInspectorForm(t, buf.Bytes(), "平城区鹿苑街道行政文书台账（2026年7月）", header, 2)
	want := "1|平民救决〔2026〕15号|社会救助决定书|低保|关于张菊花最低生活保障的决定|张菊花|1402**********1234|2026-07-01|李卫东|已签发|直接送达|2026-07-03|张菊花"
	if got := strings.Join(rows[0], "|"); got != want {
		t.Errorf("row 1:\n got %s\nwant %s", got, want)
	}
	if rows[1][1] != "（草稿）" || (len(rows[1]) > 7 && rows[1][7] != "") {
		t.Errorf("a draft has no number or date: %q", rows[1])
	}
}
