package app

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/reports"
)

func TestExportFromTheStatsScreen(t *testing.T) {
	s, db := demoShell(t, 0)
	sc := statsOf(t, s)
	cs, _ := db.Communities(context.Background(), false)
	sc.period.SetSelected(periodYear)
	sc.community.SetSelected(cs[0].Name)
	f := data.IssueFilter{From: data.MustDate(2026, 1, 1), To: data.MustDate(2026, 12, 31), CommunityID: cs[0].ID}
	_, total, err := db.ListIssues(s.Ctx(), f)
	if err != nil || total == 0 {
		t.Fatalf("ListIssues: %d, %v", total, err)
	}

	// The dialog says how many, offers both formats and, to an administrator, unmasking.
	e := issueExport(s, f, cs[0].Name)
	d := s.showExport(e)
	if d.dlg == nil || !strings.Contains(d.scope.Text, groupDigits(total)+" 条") {
		t.Fatalf("export dialog: got %+v", d.scope)
	}
	if d.full == nil || len(d.format.Options) != 2 {
		t.Errorf("an administrator should be offered PDF and unmasking")
	}
	if e.Name != "平城区鹿苑街道"+cs[0].Name+"问题整改台账（2026年）" {
		t.Errorf("file name: got %q", e.Name)
	}
	s.CloseDialog()

	for _, format := range []reports.Format{reports.FormatXLSX, reports.FormatPDF} {
		t.Run(format.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ledger."+format.String())
			w, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			r := s.runExport(e, w, "ledger."+format.String(), format, false)
			if !r.done || r.err != nil || r.rows != total {
				t.Fatalf("got %d rows, %v; want %d", r.rows, r.err, total)
			}
			if want := "已导出 " + groupDigits(total) + " 行"; r.count.Text != want || r.bar.Value != 1 {
				t.Errorf("at the end: %q, %v; want %q, 1", r.count.Text, r.bar.Value, want)
			}
			b, _ := os.ReadFile(path)
			if format == reports.FormatXLSX {
				x, err := excelize.OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := x.GetRows(x.GetSheetList()[0])
				x.Close()
				// Title, 填报单位, header; 共 N 条, the audit head, a blank row, the signatures.
				if got := len(rows) - 7; got != total {
					t.Errorf("got %d rows in the file, want %d", got, total)
				}
			} else if !strings.HasPrefix(string(b), "%PDF-") {
				t.Error("not a PDF")
			}
		})
	}

	// The summary: two sheets.
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	w, _ := os.Create(path)
	r := s.runExport(summaryExport(s, f.From, f.To, f.CommunityID, cs[0].Name), w, "summary.xlsx", reports.FormatXLSX, false)
	if r.err != nil {
		t.Fatal(r.err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), "|"); got != "按社区|按月份" {
		t.Errorf("summary sheets: got %q", got)
	}
	byMonth, _ := x.GetRows("按月份")
	if len(byMonth) < 3+11 {
		t.Errorf("按月份 has %d rows, want January to November", len(byMonth))
	}
}

func TestExportProgressCount(t *testing.T) {
	s, db := demoShell(t, 0)
	f := data.IssueFilter{}
	_, total, _ := db.ListIssues(s.Ctx(), f)
	e := issueExport(s, f, "")
	var counts []string
	r := s.newExportRun("x.pdf")
	write := e.Write
	e.Write = func(ctx context.Context, w io.Writer, ft reports.Format, full bool, p reports.ExportProgress) (int, error) {
		return write(ctx, w, ft, full, func(pass, passes, done, all int) {
			p(pass, passes, done, all)
			counts = append(counts, r.count.Text)
		})
	}
	fw, err := os.Create(filepath.Join(t.TempDir(), "x.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	s.startExport(r, e, fw, "x.pdf", reports.FormatPDF, false)
	if r.err != nil || r.rows != total {
		t.Fatalf("got %d rows, %v; want %d", r.rows, r.err, total)
	}
	joined := strings.Join(counts, "\n")
	if !strings.Contains(joined, "正在分页 200 / "+groupDigits(total)+" 行") ||
		!strings.Contains(joined, "已导出 200 / "+groupDigits(total)+" 行") ||
		!strings.Contains(joined, "已导出 "+groupDigits(total)+" / "+groupDigits(total)+" 行") {
		t.Errorf("progress counts:\n%s", joined)
	}
}

func TestExportButtonsOnTheLedgers(t *testing.T) {
	s, _ := demoShell(t, 2) // a clerk: no unmasking
	s.shell.Show(ScreenIssues)
	is := s.shell.Screen(ScreenIssues).(*issuesScreen)
	is.onExport()
	if s.dialog == nil {
		t.Fatal("导出 on the issue ledger showed nothing")
	}
	s.CloseDialog()
	d := s.showExport(issueExport(s, data.IssueFilter{}, ""))
	if d.full != nil {
		t.Error("a clerk was offered full ID numbers")
	}
	s.CloseDialog()
	test.Tap(statsOf(t, s).exportDocs)
	if s.dialog == nil {
		t.Error("导出文书台账 showed nothing")
	}
}

func TestExportCancelLeavesNoFile(t *testing.T) {
	s, _ := demoShell(t, 0)
	e := issueExport(s, data.IssueFilter{}, "")
	r := s.newExportRun("x.xlsx")
	write := e.Write
	e.Write = func(ctx context.Context, w io.Writer, ft reports.Format, full bool, p reports.ExportProgress) (int, error) {
		return write(ctx, w, ft, full, func(pass, passes, done, all int) {
			p(pass, passes, done, all)
			if done >= 200 {
				test.Tap(r.stop) // 取消 part-way
			}
		})
	}
	path := filepath.Join(t.TempDir(), "x.xlsx")
	fw, _ := os.Create(path)
	s.startExport(r, e, fw, "x.xlsx", reports.FormatXLSX, false)
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", r.err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("a cancelled export wrote %v bytes", fi.Size())
	}
	if s.dialog == nil {
		t.Error("no 已取消 message")
	}
}
