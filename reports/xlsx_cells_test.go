package reports

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

// An exported ledger holds real date cells and numbers, rows tall enough for their wrapped
// text, and declares the range it uses.
func TestLedgerXLSXTypedCellsHeightsDimension(t *testing.T) {
	o := LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Date: data.MustDate(2026, 10, 8)}
	var buf bytes.Buffer
	if _, err := WriteLedger(&buf, FormatXLSX, IssueLedger(o), sampleIssueRows(3), Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]

	// 3 head rows, 3 data rows, 共 N 条, a blank row, the signatures: 9 rows; 序号 and 17 columns (R).
	if dim, err := f.GetSheetDimension(sheet); err != nil || dim != "A1:R9" {
		t.Errorf("dimension: got %q, %v; want A1:R9", dim, err)
	}
	// 发现日期 (C4) is a date serial shown as 2026-07-01; 序号 (A4) a number.
	raw, _ := f.GetCellValue(sheet, "C4", excelize.Options{RawCellValue: true})
	if d, err := data.ParseCellDate(raw); err != nil || d != data.MustDate(2026, 7, 1) {
		t.Errorf("C4 raw %q: got %v, %v; want the serial of 2026-07-01", raw, d, err)
	}
	if shown, _ := f.GetCellValue(sheet, "C4"); shown != "2026-07-01" {
		t.Errorf("C4 shown as %q, want 2026-07-01", shown)
	}
	if ty, _ := f.GetCellType(sheet, "C4"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("C4 type %v, want a number cell", ty)
	}
	if ty, _ := f.GetCellType(sheet, "A4"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("A4 (序号) type %v, want a number cell", ty)
	}
	// The number stays text: 编号 is a string cell.
	if ty, _ := f.GetCellType(sheet, "B4"); ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString {
		t.Errorf("B4 (编号) type %v, want text", ty)
	}
	// Row 5's description is twice row 4's, so it is taller; both more than one line.
	h4, _ := f.GetRowHeight(sheet, 4)
	h5, _ := f.GetRowHeight(sheet, 5)
	if h4 <= cellLineHeight+cellPadding || h5 <= h4 {
		t.Errorf("row heights 4: %v, 5: %v; want several lines, row 5 taller", h4, h5)
	}
}

func TestRowHeight(t *testing.T) {
	cols := []Column{{Title: "a", Width: 11}, {Title: "b", Width: 6}}
	for _, c := range []struct {
		cells []string
		lines int
	}{
		{[]string{"", ""}, 1},
		{[]string{"一二三四五", "12345"}, 1},         // 10 units in a 10-unit line
		{[]string{"一二三四五六", ""}, 2},             // 12 units
		{[]string{"短", "一二三四五六七"}, 4},           // 5 units a line: 2 characters each
		{[]string{"第一行\n第二行\n第三行\n第四行", ""}, 4}, // line breaks count
	} {
		if got := RowHeight(cols, c.cells); got != float64(c.lines)*cellLineHeight+cellPadding {
			t.Errorf("%q: got %v, want %d lines", c.cells, got, c.lines)
		}
	}
}

// Every column of the issue ledger wraps, the long-text ones too (社区/网格, 地点 were seen
// cut at the cell edge in LibreOffice on a machine without a Chinese font, where the boxes
// drawn for missing characters do not wrap), and a row with a long place is as tall as the
// lines it wraps to.
func TestIssueLedgerXLSXWrapsLongText(t *testing.T) {
	o := LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Date: data.MustDate(2026, 10, 8)}
	place := "福寓苑社区/第五网格"
	address := "御河西路118号御河湾小区12号楼3单元东侧车棚"
	rows := func(each func([]string) error) error {
		cells := make([]string, len(IssueColumns))
		cells[0], cells[4], cells[5], cells[6] = "WT-2026-0001", "楼道堆物", place, address
		return each(cells)
	}
	var buf bytes.Buffer
	if _, err := WriteLedger(&buf, FormatXLSX, IssueLedger(o), rows, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for i := range len(IssueColumns) + 1 {
		cell, _ := excelize.CoordinatesToCellName(i+1, ledgerHeadRows+1)
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("%s does not wrap (style %d: %+v, %v)", cell, id, st, err)
		}
	}
	if v, _ := f.GetCellValue(sheet, "H4"); v != address {
		t.Errorf("H4 (地点) holds %q", v)
	}
	// 地点 is 13 units wide: 6 Chinese characters a line, so the address takes 4 lines.
	if h, _ := f.GetRowHeight(sheet, ledgerHeadRows+1); h < 4*cellLineHeight {
		t.Errorf("the row is %v pt tall, want room for 4 lines of 地点", h)
	}
}
