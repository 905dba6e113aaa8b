package main

import (
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data/demo"
	"taizhang/data/sqlite/dbtest"
)

// The demo office built on a PostgreSQL server from the same seed as on a file gives the
// same figures, byte for byte, and check passes on it as an account; a second demo into
// the same database is refused. Skipped when no test server is given (dbtest.Postgres).
func TestServerDemoSameFiguresAsFile(t *testing.T) {
	server := dbtest.Postgres(t)
	file := filepath.Join(t.TempDir(), "demo.db")
	t.Setenv(PasswordEnv, demo.Password)
	for _, loc := range []string{file, server} {
		if code, out, errs := runCLI(t, "demo", "--db", loc, "--seed", "5"); code != 0 {
			t.Fatalf("demo: exit %d, %s%s", code, out, errs)
		} else if strings.Contains(out, "@") {
			t.Errorf("demo output names the server with its password: %s", out)
		}
	}
	code, out, errs := runCLI(t, "check", "--db", server, "--user", "admin")
	if code != 0 || !strings.Contains(out, "已逐条解密核对") {
		t.Fatalf("check on the server: exit %d, %s%s", code, out, errs)
	}
	var figures [2]string
	for i, loc := range []string{file, server} {
		code, out, errs := runCLI(t, "stats", "--db", loc, "--json")
		if code != 0 {
			t.Fatalf("stats --db %s: exit %d, %s", filepath.Base(loc), code, errs)
		}
		figures[i] = out
	}
	if !strings.HasPrefix(strings.TrimSpace(figures[0]), "{") || len(figures[0]) < 200 {
		t.Fatalf("stats --json gave %q", figures[0])
	}
	if figures[0] != figures[1] {
		t.Errorf("stats differ:\nfile:   %s\nserver: %s", figures[0], figures[1])
	}
	code, _, errs = runCLI(t, "demo", "--db", server, "--seed", "5")
	if code == 0 || !strings.Contains(errs, "不是空的") {
		t.Errorf("a second demo into the same database: exit %d, %s", code, errs)
	}
}
