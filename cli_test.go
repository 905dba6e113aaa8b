package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/demo"

	_ "modernc.org/sqlite"
)

// runCLI runs the command line in-process and returns the exit status and both outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLIDemoCheckBackupRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	code, out, errs := runCLI(t, "demo", "--db", db, "--seed", "5")
	if code != 0 {
		t.Fatalf("demo: exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, "演示数据已生成") {
		t.Errorf("demo output: %q", out)
	}
	// Built under a temporary name and renamed into place: nothing else is left in the folder.
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != "demo.db" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after demo the folder holds %v, want only demo.db", names)
	}
	code, _, errs = runCLI(t, "demo", "--db", db)
	if code != 1 || !strings.Contains(errs, "已存在") {
		t.Errorf("demo over an existing file: exit %d, %q", code, errs)
	}

	code, out, errs = runCLI(t, "check", "--db", db)
	if code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check: exit %d, %q %q", code, out, errs)
	}

	bak := filepath.Join(dir, "bak", "备份.db")
	code, out, errs = runCLI(t, "backup", "--db", db, "--out", bak)
	if code != 0 || !strings.Contains(out, "已备份") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errs)
	}

	// Edit one audit row behind the program's back: check must fail and name it.
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE audit_log SET user_name = '冒名' WHERE id = 3"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, _, errs = runCLI(t, "check", "--db", db)
	if code != 1 || !strings.Contains(errs, "审计日志第 3 条内容被改动") {
		t.Fatalf("check after tampering: exit %d, stderr %q", code, errs)
	}

	code, _, errs = runCLI(t, "restore", "--db", db, "--from", bak)
	if code != exitUsage || !strings.Contains(errs, "恢复备份须由管理员进行") {
		t.Fatalf("restore without an administrator: exit %d, %q", code, errs)
	}
	t.Setenv(PasswordEnv, "wrong-password")
	code, _, errs = runCLI(t, "restore", "--db", db, "--from", bak, "--user", "admin")
	if code != exitFail || !strings.Contains(errs, "管理员登录名或密码不正确") {
		t.Fatalf("restore with a wrong password: exit %d, %q", code, errs)
	}
	t.Setenv(PasswordEnv, demo.Password)
	code, out, errs = runCLI(t, "restore", "--db", db, "--from", bak, "--user", "admin")
	if code != 0 || !strings.Contains(out, "已从") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errs)
	}
	code, _, errs = runCLI(t, "check", "--db", db)
	if code != 0 {
		t.Fatalf("check after restore: exit %d, %q", code, errs)
	}

	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database at all, just text"), 0o644)
	code, _, errs = runCLI(t, "restore", "--db", db, "--from", junk, "--user", "admin")
	if code != 1 || !strings.Contains(errs, "不是台账数据库文件") {
		t.Errorf("restore from junk: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "check", "--db", junk)
	if code != 1 || !strings.Contains(errs, "不是台账数据库文件") {
		t.Errorf("check junk: exit %d, %q", code, errs)
	}
}

func TestCLIUsageErrors(t *testing.T) {
	cases := [][]string{
		{"frobnicate"},
		{"check"},
		{"backup", "--db", "x.db"},
		{"demo", "--db", "x.db", "--size", "huge"},
		{"check", "--db", "x.db", "--nonsense"},
		{"version", "extra"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, errs := runCLI(t, args...)
			if code != 2 {
				t.Errorf("got exit %d, want 2 (stderr %q)", code, errs)
			}
			if !strings.Contains(errs, "用法") {
				t.Errorf("stderr lacks the usage: %q", errs)
			}
		})
	}
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.Contains(out, "台账 Taizhang") {
		t.Errorf("version: %d %q", code, out)
	}
	code, _, errs := runCLI(t, "check", "--db", filepath.Join(t.TempDir(), "none.db"))
	if code != 1 || !strings.Contains(errs, "找不到数据库文件") {
		t.Errorf("missing db: %d %q", code, errs)
	}
}

func TestCLIStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	code, out, errs := runCLI(t, "stats", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d, %s", code, errs)
	}
	var s struct {
		Issues    map[string]float64 `json:"issues"`
		Documents map[string]float64 `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"found", "closed", "closed_on_time", "overdue", "due_soon", "visited", "satisfied",
		"rectification_rate", "on_time_rate", "satisfaction_rate", "avg_days_to_close"} {
		if _, ok := s.Issues[k]; !ok {
			t.Errorf("issues.%s missing", k)
		}
	}
	if s.Documents["issued"] == 0 || s.Documents["awaiting_delivery"] == 0 {
		t.Errorf("documents figures: %v", s.Documents)
	}
	if s.Issues["found"] == 0 || s.Issues["closed"] > s.Issues["found"] {
		t.Errorf("implausible figures: %v", s.Issues)
	}
	code, _, errs = runCLI(t, "stats", "--db", db, "--community", "火星社区", "--json")
	if code != 1 || !strings.Contains(errs, "没有名为“火星社区”的社区") {
		t.Errorf("unknown community: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "stats", "--db", db, "--from", "2026-02-30", "--json")
	if code != 2 || !strings.Contains(errs, "2月只有28天") {
		t.Errorf("impossible date: exit %d, %q", code, errs)
	}
	code, out, _ = runCLI(t, "stats", "--db", db, "--community", "自由路社区")
	if code != 0 || !strings.Contains(out, "自由路社区") || !strings.Contains(out, "整改率") {
		t.Errorf("summary: %d %q", code, out)
	}
}

// The README quotes the figures' definitions word for word, so an inspector reads what the
// program computes.
func TestREADMEQuotesFiguresDefinition(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), data.FiguresDefinition) {
		t.Error("README.md does not quote data.FiguresDefinition verbatim; copy it again")
	}
}
