package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data/sqlite/dbtest"
)

// A server URL's password is never printed nor logged, whatever fails: a server that does not
// answer, a wrong command line, an init or demo that cannot start. Nothing is created in the
// working folder under a name made from the URL, and the log (if any) is in the user's
// configuration folder.
func TestServerURLPasswordNeverShown(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	wd := t.TempDir()
	t.Chdir(wd)
	// Port 1 on this machine: nothing listens there.
	url := "postgres://clerk:Hunter2secret@127.0.0.1:1/luyuan?sslmode=disable&connect_timeout=5"
	for _, args := range [][]string{
		{"stats", "--db", url},
		{"check", "--db", url},
		{"demo", "--db", url},
		{"backup", "--db", url, "--out", filepath.Join(wd, "b.db")},
		{"stats", "--db", url, "--bogus"},
	} {
		code, out, errs := runCLI(t, args...)
		if code == 0 {
			t.Errorf("%v: exit 0 against a server that does not answer", args[:1])
		}
		if strings.Contains(out+errs, "Hunter2secret") {
			t.Errorf("%v printed the password:\n%s%s", args[:1], out, errs)
		}
	}
	if entries, _ := os.ReadDir(wd); len(entries) != 0 {
		t.Errorf("files made in the working folder: %v", entries)
	}
	filepath.WalkDir(cfg, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "Hunter2secret") {
				t.Errorf("%s holds the password:\n%s", p, b)
			}
		}
		return nil
	})
}

// init on a server database: the output names 单位服务器 host/dbname and never the
// password; a second init of the same database is refused and leaves it as it was.
func TestCLIInitOnServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	pw := ""
	if u, err := url.Parse(loc); err == nil && u.User != nil {
		pw, _ = u.User.Password()
	}
	old := cliStdin
	t.Cleanup(func() { cliStdin = old })
	cliStdin = strings.NewReader("Lu2026yuan\n")
	code, out, errs := runCLI(t, "init", "--db", loc, "--office", "平城区鹿苑街道办事处", "--community", "鹿苑社区")
	if code != 0 {
		t.Fatalf("init: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "单位服务器 ") || (pw != "" && strings.Contains(out+errs, pw)) {
		t.Errorf("init said %q", out)
	}
	cliStdin = strings.NewReader("Lu2026yuan\n")
	code, out, errs = runCLI(t, "init", "--db", loc, "--office", "另一个单位")
	if code == 0 || !strings.Contains(errs, "已经完成") || (pw != "" && strings.Contains(out+errs, pw)) {
		t.Errorf("a second init: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ = runCLI(t, "stats", "--db", loc, "--json"); code != 0 || strings.Contains(out, "另一个单位") {
		t.Errorf("stats after the refused init: exit %d\n%s", code, out)
	}
}
