package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

// sampleIssueRows makes n issue rows with long, wrapping descriptions and an ID number and
// a phone typed into the text.
func sampleIssueRows(n int) RowSource {
	return func(each func([]string) error) error {
		for i := 0; i < n; i++ {
			iss := data.Issue{Number: fmt.Sprintf("WT-2026-%04d", i+1), FoundOn: data.MustDate(2026, 7, 1+i%28),
				Source: "网格员上报", Category: "环境卫生",
				Description:   strings.Repeat("小区东门垃圾桶满溢，周边有散落垃圾（居民张菊花，电话13835201234，身份证140202194403051234）。", 1+i%3),
				CommunityName: "鹿苑社区", GridName: "第一网格", Address: "鹿苑小区东门", Tier: data.TierGeneral,
				ResponsibleUnit: "环卫所", ResponsiblePerson: "李明", Deadline: data.MustDate(2026, 8, 1),
				Measures: "安排清运，增加清运频次", Status: data.IssueClosed, ClosedOn: data.MustDate(2026, 7, 20),
				Result: "已清理完毕，每日巡查"}
			if err := each(IssueCells(data.IssueRow{Issue: iss, FollowUpOn: data.MustDate(2026, 7, 25), Satisfaction: data.Satisfied}, false)); err != nil {
				return err
			}
		}
		return nil
	}
}

func sampleLedger() LedgerSheet {
	return IssueLedger(LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, From: data.MustDate(2026, 7, 1),
		To: data.MustDate(2026, 9, 30), Date: data.MustDate(2026, 10, 8), Preparer: "王建国", Reviewer: "李卫东"})
}

func pageText(p Page, role Role) []string {
	var out []string
	for _, t := range p.Texts {
		if t.Role == role {
			out = append(out, t.S)
		}
	}
	return out
}

func TestLedgerPDFLayout(t *testing.T) {
	l := sampleLedger()
	const rows = 120
	pages, err := LayoutLedger(l, sampleIssueRows(rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 3 {
		t.Fatalf("got %d pages for %d wrapped rows, want several", len(pages), rows)
	}
	cells := 0
	for i, p := range pages {
		t.Run(fmt.Sprintf("page %d", i+1), func(t *testing.T) {
			head := strings.Join(pageText(p, RoleHeader), "|")
			if !strings.HasPrefix(head, "序号|编号|发现日期") || !strings.Contains(head, "回访") {
				t.Errorf("header row: got %q", head)
			}
			want := fmt.Sprintf("第 %d 页 共 %d 页", i+1, len(pages))
			if got := pageText(p, RolePageNumber); len(got) != 1 || got[0] != want {
				t.Errorf("page number: got %q, want %q", got, want)
			}
			for _, tx := range p.Texts {
				if tx.X < 0 || tx.X+tx.Width() > LedgerPageWidth+0.01 || tx.Y > LedgerPageHeight || tx.Y < 0 {
					t.Errorf("%q at (%.1f, %.1f) runs off the page", tx.S, tx.X, tx.Y)
				}
				for _, r := range []rune(tx.S)[:1] {
					if NoLineStartRune(r) && tx.Role == RoleCell {
						t.Errorf("line starts with %q: %q", r, tx.S)
					}
				}
			}
		})
		for _, s := range pageText(p, RoleCell) {
			if strings.Contains(s, "13835201234") || strings.Contains(s, "140202194403051234") {
				t.Errorf("unmasked number in %q", s)
			}
		}
		cells += len(pageText(p, RoleCell))
	}
	if got := pageText(pages[0], RoleTitle); strings.Join(got, "") != "平城区鹿苑街道问题整改台账（2026年第三季度）" {
		t.Errorf("title: got %q", got)
	}
	if got := strings.Join(pageText(pages[0], RoleMeta), "|"); got != "填报单位：平城区鹿苑街道办事处|填报日期：2026年10月8日" {
		t.Errorf("meta: got %q", got)
	}
	for _, p := range pages[1:] {
		if len(pageText(p, RoleTitle)) > 0 {
			t.Error("the title is repeated after page 1")
		}
	}
	foot := strings.Join(pageText(pages[len(pages)-1], RoleFooter), "|")
	if !strings.Contains(foot, "共 120 条") || !strings.Contains(foot, "填报人：王建国") || !strings.Contains(foot, "审核人：李卫东") {
		t.Errorf("footer: got %q", foot)
	}
	if cells < rows*17 {
		t.Errorf("got %d cell lines, want at least one per cell (%d)", cells, rows*17)
	}
}

func TestLedgerPDFEmptyAndOverlongRow(t *testing.T) {
	l := sampleLedger()
	pages, err := LayoutLedger(l, func(each func([]string) error) error { return nil })
	if err != nil || len(pages) != 1 {
		t.Fatalf("empty ledger: got %d pages, %v", len(pages), err)
	}
	long := strings.Repeat("很长的问题描述。", 600)
	pages, err = LayoutLedger(l, func(each func([]string) error) error {
		return each([]string{"WT-2026-0001", "2026-07-01", "", "", long})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		for _, tx := range p.Texts {
			if tx.Y > LedgerPageHeight {
				t.Fatalf("an over-long row runs off page %d", p.Number)
			}
		}
	}
}

func TestWriteLedgerPDF(t *testing.T) {
	var buf bytes.Buffer
	n, err := WriteLedgerPDF(&buf, sampleLedger(), sampleIssueRows(60), Options{})
	if err != nil || n != 60 {
		t.Fatalf("got %d rows, %v", n, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	var again bytes.Buffer
	if _, err := WriteLedgerPDF(&again, sampleLedger(), sampleIssueRows(60), Options{}); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("the same ledger written twice differs")
	}
	pages, _ := LayoutLedger(sampleLedger(), sampleIssueRows(60))
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "ledger.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"问题整改台账（2026年第三季度）", "填报单位：平城区鹿苑街道办事处", "WT-2026-0060",
		fmt.Sprintf("第 1 页 共 %d 页", len(pages)), fmt.Sprintf("第 %d 页 共 %d 页", len(pages), len(pages)), "填报人：王建国"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if got := strings.Count(text, "序号"); got != len(pages) {
		t.Errorf("header row printed %d times, want once per page (%d)", got, len(pages))
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"a.xlsx": "xlsx", "B.PDF": "pdf", "c.csv": "", "d": ""} {
		f, ok := FormatOf(name)
		got := ""
		if ok {
			got = f.String()
		}
		if got != want {
			t.Errorf("FormatOf(%q): got %q, want %q", name, got, want)
		}
	}
}

// BenchmarkIssueLedgerPDF: 10,000 issue rows as a printed ledger (PRODUCT.md: under 3 s).
func BenchmarkIssueLedgerPDF(b *testing.B) {
	l := sampleLedger()
	rows := sampleIssueRows(10000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if n, err := WriteLedgerPDF(&buf, l, rows, Options{}); err != nil || n != 10000 {
			b.Fatalf("%d %v", n, err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB/file")
	}
}

// BenchmarkIssueLedgerPDFTypical: 10,000 rows of the length the demo office's issues have
// (a sentence of description, measures and result), where BenchmarkIssueLedgerPDF's rows
// are two to three times longer.
func BenchmarkIssueLedgerPDFTypical(b *testing.B) {
	l := sampleLedger()
	rows := func(each func([]string) error) error {
		return sampleIssueRows(10000)(func(c []string) error {
			c[4] = "和平家园2号楼单元门禁损坏多日无人维修"
			return each(c)
		})
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if n, err := WriteLedgerPDF(&buf, l, rows, Options{}); err != nil || n != 10000 {
			b.Fatalf("%d %v", n, err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB/file")
	}
}

// The audit head at the export is printed under the ledger, in the PDF and in the XLSX, and
// an export without one prints no empty line.
func TestLedgerFooterAuditHead(t *testing.T) {
	const head = "审计 #1234 · 2026-11-30 08:15 · 3f2a9c1e0b7d"
	l := IssueLedger(LedgerOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Date: data.MustDate(2026, 10, 8), Audit: head})
	pages, err := LayoutLedger(l, sampleIssueRows(3))
	if err != nil {
		t.Fatal(err)
	}
	foot := strings.Join(pageText(pages[len(pages)-1], RoleFooter), "|")
	if !strings.Contains(foot, "导出时的审计记录："+head) {
		t.Errorf("PDF footer: got %q, want the audit head", foot)
	}
	var buf bytes.Buffer
	if _, err := WriteLedger(&buf, FormatXLSX, l, sampleIssueRows(3), Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetList()[0])
	var cells []string
	for _, r := range rows {
		cells = append(cells, strings.Join(r, ""))
	}
	if all := strings.Join(cells, "\n"); !strings.Contains(all, "导出时的审计记录："+head) {
		t.Errorf("XLSX footer has no audit head:\n%s", all)
	}
	l.Audit = ""
	pages, _ = LayoutLedger(l, sampleIssueRows(3))
	if foot := strings.Join(pageText(pages[len(pages)-1], RoleFooter), "|"); strings.Contains(foot, "审计") {
		t.Errorf("footer without a head: got %q", foot)
	}
}
