package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// `print --form` writes a 低保 household's application forms from the record: the
// applicant's name and full ID number and every member's, only with an account; the print
// is audited as that account's and the file is owner-readable only.
func TestCLIPrintApplicationForms(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	ctx := context.Background()
	db, _, err := accountDB(ctx, path, "admin", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.AidRoster(ctx, data.AidFilter{Programme: data.ProgrammeDibao})
	if err != nil {
		t.Fatal(err)
	}
	var who data.Resident
	var household data.Household
	for _, row := range list.Rows {
		r, err := db.Resident(ctx, row.ResidentID)
		if err != nil || r.HouseholdID == 0 {
			continue
		}
		if h, err := db.Household(ctx, r.HouseholdID); err == nil && len(h.Members) >= 2 {
			who, household = r, h
			break
		}
	}
	db.Close()
	if who.ID == 0 {
		t.Fatal("no 低保 household of two or more in the demo")
	}
	id := strconv.FormatInt(who.ID, 10)

	// Without an account: refused in Chinese, nothing written.
	refused := filepath.Join(dir, "refused.pdf")
	code, _, errs := runCLI(t, "print", "--db", path, "--form", "全部", "--resident", id, "--programme", "低保", "--out", refused)
	if code == 0 || !strings.Contains(errs, "须以本单位的账号登录") {
		t.Errorf("without --user: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(refused); err == nil {
		t.Error("a refused print left a file")
	}
	for _, c := range []struct{ form, programme, msg string }{
		{"申请书", "低保", "没有名为“申请书”的申请材料"},
		{"全部", "五保", "没有名为“五保”的救助项目"},
	} {
		code, _, errs := runCLI(t, "print", "--db", path, "--form", c.form, "--resident", id, "--programme", c.programme, "--out", refused, "--user", "admin")
		if code == 0 || !strings.Contains(errs, c.msg) {
			t.Errorf("--form %s --programme %s: exit %d, %q; want %q", c.form, c.programme, code, errs, c.msg)
		}
	}

	out := filepath.Join(dir, "申请材料.pdf")
	code, stdout, errs := runCLI(t, "print", "--db", path, "--form", "全部", "--resident", id, "--programme", "低保", "--out", out, "--user", "admin")
	if code != 0 || !strings.Contains(stdout, who.Name) {
		t.Fatalf("print --form 全部: exit %d, %q %q", code, stdout, errs)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the forms' file: %v, mode %v; want 0600", err, st)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), "")
		for _, want := range []string{"最低生活保障申请审批表", "家庭经济状况核对授权书", "授权委托书", who.Name, who.IDNumber} {
			if !strings.Contains(flat, want) {
				t.Errorf("the forms lack %q", want)
			}
		}
		for _, m := range household.Members {
			if !strings.Contains(flat, m.IDNumber) {
				t.Errorf("the forms lack member %s's ID number", m.Name)
			}
		}
		if strings.Contains(flat, "******") {
			t.Error("the forms print a masked number")
		}
	}
	app, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	audit, _ := app.ListAudit(ctx, data.AuditFilter{Table: "residents", RecordID: who.ID})
	if len(audit) == 0 || audit[0].Action != "print_forms" || audit[0].UserName == "命令行" || !strings.Contains(string(audit[0].After), "授权委托书") {
		t.Errorf("the print is not audited as the account's: %+v", audit)
	}
}
