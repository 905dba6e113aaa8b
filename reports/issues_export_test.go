package reports

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

func TestPeriodWords(t *testing.T) {
	d := data.MustDate
	for _, c := range []struct {
		name     string
		from, to data.Date
		want     string
	}{
		{"unbounded", data.Date{}, data.Date{}, ""},
		{"year", d(2026, 1, 1), d(2026, 12, 31), "2026年"},
		{"quarter", d(2026, 7, 1), d(2026, 9, 30), "2026年第三季度"},
		{"first quarter", d(2026, 1, 1), d(2026, 3, 31), "2026年第一季度"},
		{"month", d(2026, 2, 1), d(2026, 2, 28), "2026年2月"},
		{"half year", d(2026, 1, 1), d(2026, 6, 30), "2026年上半年"},
		{"months", d(2026, 2, 1), d(2026, 5, 31), "2026年2月至5月"},
		{"range", d(2026, 7, 3), d(2026, 8, 15), "2026年7月3日至2026年8月15日"},
		{"one day", d(2026, 7, 3), d(2026, 7, 3), "2026年7月3日"},
		{"from only", d(2026, 7, 3), data.Date{}, "2026年7月3日起"},
		{"to only", data.Date{}, d(2026, 8, 15), "截至2026年8月15日"},
		{"across years", d(2025, 10, 1), d(2026, 3, 31), "2025年10月1日至2026年3月31日"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := PeriodWords(c.from, c.to); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestMaskNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"居民张菊花，电话13835201234。":     "居民张菊花，电话138****1234。",
		"身份证140202194403051234反映":  "身份证1402**********1234反映",
		"身份证14020219440305123X":    "身份证1402**********123X",
		"固话0352-5021234，门牌12号":     "固话0352-5021234，门牌12号",
		"编号20260101000001":         "编号20260101000001", // 14 digits: not an ID
		"电话138-3520-1234":          "电话138-****-1234",
		"电话138 3520 1234，":         "电话138 **** 1234，",
		"电话１３８３５２０１２３４":            "电话１３８****１２３４",
		"电话8613835201234":          "电话86138****1234",
		"电话+86 138 3520 1234":      "电话+86 138 **** 1234",
		"旧身份证140202440305123":      "旧身份证1402********123",
		"工单202603050001234":        "工单202603050001234", // 15 digits, no birth date: an order number
		"2026-03-05 13835201234来电": "2026-03-05 138****1234来电",
		"身份证140202 19440305 1234":  "身份证1402** ******** 1234",
		"１４０２０２１９４４０３０５１２３Ｘ":       "１４０２**********１２３Ｘ",
		"门牌12-3-401，邮编037000":      "门牌12-3-401，邮编037000",
	} {
		if got := MaskNumbers(in); got != want {
			t.Errorf("MaskNumbers(%q): got %q, want %q", in, got, want)
		}
	}
}

// readLedger opens an exported workbook and returns its only sheet's rows.
func readLedger(t *testing.T, b []byte) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, sheet, rows
}

// checkInspectorForm checks what every ledger export has: the title, 填报单位/日期, the
// header, the frozen header, the print titles, numbered rows and the footer.
func checkInspectorForm(t *testing.T, b []byte, title string, header []string, n int) [][]string {
	t.Helper()
	f, sheet, rows := readLedger(t, b)
	if rows[0][0] != title {
		t.Errorf("title: got %q, want %q", rows[0][0], title)
	}
	if !strings.HasPrefix(rows[1][0], "填报单位：") {
		t.Errorf("row 2: got %q", rows[1])
	}
	if got := strings.Join(rows[2], "|"); got != "序号|"+strings.Join(header, "|") {
		t.Errorf("header: got %q", got)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("frozen pane: got %+v, %v", panes, err)
	}
	names := f.GetDefinedName()
	found := false
	for _, d := range names {
		if d.Name == "_xlnm.Print_Titles" && strings.HasSuffix(d.RefersTo, "!$3:$3") {
			found = true
		}
	}
	if !found {
		t.Errorf("print titles: got %+v, want row 3 repeated", names)
	}
	layout, err := f.GetPageLayout(sheet)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout: got %+v, %v", layout, err)
	}
	data := rows[3 : 3+n]
	for i, r := range data {
		if r[0] != strconv.Itoa(i+1) {
			t.Fatalf("row %d: 序号 %q", i+1, r[0])
		}
	}
	if len(rows) < 3+n+1 || !strings.HasPrefix(rows[3+n][0], "共 "+strconv.Itoa(n)+" 条") {
		t.Errorf("after the rows: got %q, want 共 %d 条", rows[min(3+n, len(rows)-1)], n)
	}
	last := strings.Join(rows[len(rows)-1], "")
	if !strings.Contains(last, "填报人：") || !strings.Contains(last, "审核人：") {
		t.Errorf("footer: got %q", last)
	}
	return data
}

func TestIssueLedgerXLSX(t *testing.T) {
	for _, full := range []bool{false, true} {
		o := LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Community: "鹿苑社区", From: data.MustDate(2026, 7, 1),
			To: data.MustDate(2026, 9, 30), Date: data.MustDate(2026, 10, 8), Full: full}
		rows := func(each func([]string) error) error {
			return sampleIssueRows(25)(func(c []string) error {
				if full {
					c[4] = "电话13835201234，身份证140202194403051234"
				}
				return each(c)
			})
		}
		var buf bytes.Buffer
		n, err := WriteLedger(&buf, FormatXLSX, IssueLedger(o), rows, Options{})
		if err != nil || n != 25 {
			t.Fatalf("got %d rows, %v", n, err)
		}
		var header []string
		for _, c := range IssueColumns {
			header = append(header, c.Title)
		}
		got := checkInspectorForm(t, buf.Bytes(), "平城区鹿苑街道鹿苑社区问题整改台账（2026年第三季度）", header, 25)
		desc := got[0][5]
		if full != strings.Contains(desc, "140202194403051234") || strings.Contains(desc, "1402**********1234") == full {
			t.Errorf("full=%v: description %q", full, desc)
		}
		if got[0][1] != "WT-2026-0001" || got[0][2] != "2026-07-01" || got[0][16] != "2026-07-25" || got[0][17] != "满意" {
			t.Errorf("first row: got %q", got[0])
		}
	}
}

func TestIssueCellsWithoutFollowUp(t *testing.T) {
	c := IssueCells(data.IssueRow{Issue: data.Issue{Number: "WT-2026-0001", Status: data.IssueOpen}}, false)
	if len(c) != len(IssueColumns) {
		t.Fatalf("got %d cells, want %d", len(c), len(IssueColumns))
	}
	if c[13] != "" || c[15] != "" || c[16] != "" || c[7] != "" {
		t.Errorf("empty dates, tier or satisfaction should be blank: %q", c)
	}
}

// BenchmarkIssueLedgerXLSX: 10,000 issue rows as the inspector's XLSX (PRODUCT.md: under 1 s).
func BenchmarkIssueLedgerXLSX(b *testing.B) {
	l := sampleLedger()
	rows := sampleIssueRows(10000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if n, err := WriteLedger(&buf, FormatXLSX, l, rows, Options{}); err != nil || n != 10000 {
			b.Fatalf("%d %v", n, err)
		}
	}
}
