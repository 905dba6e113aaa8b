package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data/demo"
	"taizhang/data/sqlite/dbtest"
)

// roundTrip moves the demo office from a file through mid and back to a new file, and checks
// that check passes and stats gives the same figures at every step.
func roundTrip(t *testing.T, mid string) {
	t.Helper()
	dir := t.TempDir()
	a, c := filepath.Join(dir, "单位.db"), filepath.Join(dir, "归档.db")
	if code, _, errs := runCLI(t, "demo", "--db", a, "--seed", "7"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	stats := func(db string) string {
		t.Helper()
		code, out, errs := runCLI(t, "stats", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("stats --db %s: exit %d, %s", db, code, errs)
		}
		return out
	}
	want := stats(a)
	code, out, errs := runCLI(t, "migrate", "--from", a, "--to", mid)
	if code != 0 {
		t.Fatalf("migrate to %s: exit %d, %s", mid, code, errs)
	}
	for _, s := range []string{"居民 2000 人", "问题 300 条", "已签发的 PDF", "附件", "逐表核对行数与源一致", "链头与源一致"} {
		if !strings.Contains(out, s) {
			t.Errorf("migrate output lacks %q: %s", s, out)
		}
	}
	if !strings.Contains(errs, "复制表 residents") || !strings.Contains(errs, "核对审计日志") {
		t.Errorf("migrate tells no progress: %q", errs)
	}
	code, out, errs = runCLI(t, "check", "--db", mid)
	if code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check of the moved office: exit %d, %s %s", code, out, errs)
	}
	if got := stats(mid); got != want {
		t.Errorf("stats after the move differ:\n%s\nwant\n%s", got, want)
	}
	code, _, errs = runCLI(t, "migrate", "--from", mid, "--to", c)
	if code != 0 {
		t.Fatalf("migrate back to a file: exit %d, %s", code, errs)
	}
	code, out, errs = runCLI(t, "check", "--db", c)
	if code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check after the round trip: exit %d, %s %s", code, out, errs)
	}
	if got := stats(c); got != want {
		t.Errorf("stats after the round trip differ:\n%s\nwant\n%s", got, want)
	}
	// The target must be empty: moving again into the archive is refused, naming it.
	code, _, errs = runCLI(t, "migrate", "--from", a, "--to", c)
	if code != exitFail || !strings.Contains(errs, "已存在") || !strings.Contains(errs, c) {
		t.Errorf("migrate onto an office: exit %d, %q", code, errs)
	}
}

func TestCLIMigrateFileRoundTrip(t *testing.T) {
	roundTrip(t, filepath.Join(t.TempDir(), "中转.db"))
}

// TestCLIMigrateThroughServer: the demo office moves to a server and back to a file, with
// check passing and stats --json giving the same figures at every step.
func TestCLIMigrateThroughServer(t *testing.T) {
	roundTrip(t, dbtest.Postgres(t))
}

// TestCLIServerBackupRestore: backup of a server office writes a file the program restores,
// and restore puts it into an empty server database, by an administrator of the backup.
func TestCLIServerBackupRestore(t *testing.T) {
	server := dbtest.Postgres(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "单位.db")
	if code, _, errs := runCLI(t, "demo", "--db", a, "--seed", "3"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	if code, _, errs := runCLI(t, "migrate", "--from", a, "--to", server); code != 0 {
		t.Fatalf("migrate: %s", errs)
	}
	code, want, errs := runCLI(t, "stats", "--db", server, "--json")
	if code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	bak := filepath.Join(dir, "备份", "服务器.db")
	code, out, errs := runCLI(t, "backup", "--db", server, "--out", bak)
	if code != 0 || !strings.Contains(out, "已备份") {
		t.Fatalf("backup of the server: exit %d, %q %q", code, out, errs)
	}
	if _, err := os.Stat(bak + ".manifest.json"); err != nil {
		t.Errorf("no manifest beside the server's backup: %v", err)
	}
	if code, out, errs := runCLI(t, "check", "--db", bak); code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check of the server's backup: exit %d, %q %q", code, out, errs)
	}
	t.Setenv(PasswordEnv, demo.Password)
	code, _, errs = runCLI(t, "restore", "--db", server, "--from", bak, "--user", "admin")
	if code != exitFail || !strings.Contains(errs, "不是空数据库") {
		t.Errorf("restore over the office on the server: exit %d, %q", code, errs)
	}
	empty := dbtest.Postgres(t)
	code, out, errs = runCLI(t, "restore", "--db", empty, "--from", bak, "--user", "admin")
	if code != 0 || !strings.Contains(out, "已从") {
		t.Fatalf("restore into an empty server database: exit %d, %q %q", code, out, errs)
	}
	if strings.Contains(out, "password") || strings.Contains(out, "@") {
		t.Errorf("restore output shows the server's URL: %q", out)
	}
	if code, out, errs := runCLI(t, "check", "--db", empty); code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check after the restore: exit %d, %q %q", code, out, errs)
	}
	if code, got, errs := runCLI(t, "stats", "--db", empty, "--json"); code != 0 || got != want {
		t.Errorf("stats after the restore (exit %d, %s):\n%s\nwant\n%s", code, errs, got, want)
	}
}

func TestCLIMigrateUsage(t *testing.T) {
	for _, args := range [][]string{{"migrate"}, {"migrate", "--from", "a.db"}, {"migrate", "--to", "b.db"}} {
		if code, _, errs := runCLI(t, args...); code != exitUsage || !strings.Contains(errs, "缺少参数") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	code, _, errs := runCLI(t, "migrate", "--from", filepath.Join(t.TempDir(), "没有.db"), "--to", filepath.Join(t.TempDir(), "b.db"))
	if code != exitFail || !strings.Contains(errs, "找不到数据库文件") {
		t.Errorf("missing source: exit %d, %q", code, errs)
	}
}
