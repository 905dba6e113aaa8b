package main

import (
	"path/filepath"
	"strings"
	"testing"
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
