package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

// demoDB makes the small demo office through the CLI, on a fixed day (its issues and
// documents are dated back from the store's today).
func demoDB(t *testing.T) string {
	t.Helper()
	fixClock(t, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	t.Setenv(PasswordEnv, demo.Password) // for --user admin
	path := dbtest.Location(t, "office.db")
	if code, _, errs := runCLI(t, "demo", "--db", path, "--size", "small", "--seed", "5"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	return path
}

func TestCLIExportLedgers(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	cs, _ := db.Communities(ctx, false)
	community := cs[1].Name
	f := data.IssueFilter{From: data.MustDate(2025, 1, 1), To: data.MustDate(2026, 12, 31), CommunityID: cs[1].ID,
		Statuses: []data.IssueStatus{data.IssueClosed}}
	_, total, err := db.ListIssues(ctx, f)
	if err != nil || total == 0 {
		t.Fatalf("ListIssues: %d, %v", total, err)
	}

	out := filepath.Join(dir, "issues.xlsx")
	code, stdout, errs := runCLI(t, "export", "issues", "--db", path, "--out", out, "--from", "2025-01-01", "--to", "2026-12-31",
		"--community", community, "--status", "已销号")
	if code != 0 {
		t.Fatalf("export issues: exit %d, %s", code, errs)
	}
	if !strings.Contains(stdout, groupDigits(total)+" 条") {
		t.Errorf("stdout: %q, want the count %d", stdout, total)
	}
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	x.Close()
	if !strings.Contains(rows[0][0], community+"问题整改台账（2025年1月1日至2026年12月31日）") {
		t.Errorf("title: got %q", rows[0][0])
	}
	n := 0
	for _, r := range rows[3:] {
		if len(r) > 13 && r[13] == "已销号" {
			n++
		}
	}
	if n != total {
		t.Errorf("round trip: %d 已销号 rows in the file, ListIssues total %d", n, total)
	}

	pdf := filepath.Join(dir, "issues.pdf")
	if code, _, errs := runCLI(t, "export", "issues", "--db", path, "--out", pdf); code != 0 {
		t.Fatalf("export issues pdf: %s", errs)
	}
	for _, name := range []string{"documents.xlsx", "documents.PDF"} {
		if code, _, errs := runCLI(t, "export", "documents", "--db", path, "--out", filepath.Join(dir, name), "--status", "已签发"); code != 0 {
			t.Fatalf("export %s: %s", name, errs)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		b, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if text := string(b); !strings.Contains(text, "第 1 页 共") || !strings.Contains(text, "问题整改台账") {
			t.Errorf("the PDF lacks its title or page numbers")
		}
	}
	// residents still export as before
	if code, _, errs := runCLI(t, "export", "residents", "--db", path, "--out", filepath.Join(dir, "r.xlsx")); code != 0 {
		t.Fatalf("export residents: %s", errs)
	}
}

func TestCLIExportExitCodes(t *testing.T) {
	path := demoDB(t)
	out := filepath.Join(t.TempDir(), "x.xlsx")
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown ledger", []string{"export", "budget", "--db", path, "--out", out}, exitUsage, "不能导出“budget”"},
		{"no ledger", []string{"export", "--db", path}, exitUsage, "需要指明台账"},
		{"wrong extension", []string{"export", "issues", "--db", path, "--out", "x.csv"}, exitUsage, ".xlsx 或 .pdf"},
		{"residents as csv", []string{"export", "residents", "--db", path, "--out", "x.csv"}, exitUsage, ".xlsx（Excel）或 .pdf"},
		{"no out", []string{"export", "issues", "--db", path}, exitUsage, "--out"},
		{"bad date", []string{"export", "issues", "--db", path, "--out", out, "--from", "2026-13-01"}, exitUsage, "--from"},
		{"bad status", []string{"export", "issues", "--db", path, "--out", out, "--status", "完成"}, exitUsage, "--status"},
		{"to before from", []string{"export", "issues", "--db", path, "--out", out, "--from", "2026-05-01", "--to", "2026-04-01"}, exitUsage, "--to"},
		{"documents by community", []string{"export", "documents", "--db", path, "--out", out, "--community", "x"}, exitUsage, "社区"},
		{"unknown community", []string{"export", "issues", "--db", path, "--out", out, "--community", "火星社区"}, exitFail, "火星社区"},
		{"no database", []string{"export", "issues", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", out}, exitFail, ""},
		{"a clerk's folder that is not there", []string{"export", "issues", "--db", path, "--out", filepath.Join(t.TempDir(), "no", "x.xlsx")}, exitFail, "无法写入"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.args...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("got exit %d, %q; want %d with %q", code, errs, c.code, c.msg)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed export left a file")
	}
}

// fixClock sets the command line's clock to at for the rest of the test.
func fixClock(t *testing.T, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}
