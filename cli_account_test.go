package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// TestCLIFullExportNeedsAnAuthorisedAccount: --full without an account is refused, with a
// clerk's account or a wrong password too; with a reviewer's it is written owner-readable only
// and audited with its filter and row count.
func TestCLIFullExportNeedsAnAuthorisedAccount(t *testing.T) {
	dir := t.TempDir()
	office := rosterOffice(t, dir, "office.db")
	db, err := openStore(office, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.BcryptCost = 4
	admin, err := db.Login(context.Background(), "admin", "secret123") // the key, to write numbers
	if err != nil {
		t.Fatal(err)
	}
	actx := data.NewContextWithUser(context.Background(), admin)
	for _, u := range []*data.User{{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}, {Username: "shenhe", Name: "孟丽华", Role: data.RoleReviewer}} {
		if err := db.CreateUser(actx, u, "secret123"); err != nil {
			t.Fatal(err)
		}
	}
	cs, _ := db.Communities(actx, false)
	if err := db.CreateResident(actx, &data.Resident{Name: "张菊花", IDNumber: rid(1950, 3, 4, 12), CommunityID: cs[0].ID}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(dir, "完整.xlsx")
	readPassword = func(io.Writer) (string, error) { return "", data.Invalid("user", "没有密码") }

	code, _, errs := runCLI(t, "export", "issues", "--db", office, "--out", out, "--full")
	if code != exitUsage || !strings.Contains(errs, "须用 --user 指定") {
		t.Fatalf("--full without an account: exit %d, %q", code, errs)
	}
	t.Setenv(PasswordEnv, "secret123")
	code, _, errs = runCLI(t, "export", "residents", "--db", office, "--out", out, "--full", "--user", "chuangkou")
	if code != exitFail || !strings.Contains(errs, "账号“chuangkou”无权导出完整的身份证号和电话") {
		t.Fatalf("--full as a clerk: exit %d, %q", code, errs)
	}
	t.Setenv(PasswordEnv, "wrong-password")
	code, _, errs = runCLI(t, "export", "residents", "--db", office, "--out", out, "--full", "--user", "shenhe")
	if code != exitFail || !strings.Contains(errs, "登录名或密码不正确") {
		t.Fatalf("--full with a wrong password: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused export left a file")
	}

	t.Setenv(PasswordEnv, "secret123")
	code, stdout, errs := runCLI(t, "export", "residents", "--db", office, "--out", out, "--full", "--user", "shenhe", "--community", cs[0].Name)
	if code != exitOK {
		t.Fatalf("--full as a reviewer: exit %d, %q %q", code, stdout, errs)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("full export has mode %v, want 0600", st.Mode().Perm())
	}
	ro, err := openStore(office, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	audit, err := ro.ListAudit(context.Background(), data.AuditFilter{Table: "residents", Limit: 1})
	if err != nil || len(audit) != 1 || audit[0].Action != "export" || audit[0].UserName != "孟丽华" {
		t.Fatalf("the full export is not audited as the reviewer: %+v %v", audit, err)
	}
	var after struct {
		Filter map[string]string `json:"filter"`
		Rows   int               `json:"rows"`
		Full   bool              `json:"full"`
	}
	if err := json.Unmarshal([]byte(audit[0].After), &after); err != nil || !after.Full || after.Filter["community"] != cs[0].Name || after.Rows != 1 {
		t.Errorf("audit entry %s: %+v %v", audit[0].After, after, err)
	}
	if code, _, errs := runCLI(t, "check", "--db", office); code != 0 {
		t.Errorf("check after the export: %s", errs)
	}
}
