package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
)

// The demo office's file and a backup of it hold none of its residents' ID or phone numbers:
// every table, index, search table, document content and audit entry keeps them sealed. The
// command line reads them only as an account (--user).
func TestCLIDemoOfficeHoldsNoNumberInTheClear(t *testing.T) {
	path := demoDB(t)
	backup := filepath.Join(t.TempDir(), "备份.db")
	if code, _, errs := runCLI(t, "backup", "--db", path, "--out", backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	db, _, err := accountDB(context.Background(), path, "admin", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	_, err = db.ExportResidents(data.NewContextWithUser(context.Background(), &data.User{ID: 1, Username: "admin", Role: data.RoleAdmin}),
		data.ResidentFilter{}, true, func(r data.Resident) error {
			if strings.Contains(r.IDNumber, "*") || len(r.IDNumber) != 18 {
				t.Fatalf("%s: ID %q not read whole", r.Name, r.IDNumber)
			}
			numbers = append(numbers, r.IDNumber)
			if r.Phone != "" {
				numbers = append(numbers, r.Phone)
			}
			return nil
		})
	db.Close()
	if err != nil || len(numbers) < 500 {
		t.Fatalf("read %d numbers: %v", len(numbers), err)
	}
	for _, f := range []string{path, backup} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, n := range numbers {
			if bytes.Contains(b, []byte(n)) {
				if found++; found <= 3 {
					t.Errorf("%s holds %s in the clear", filepath.Base(f), n)
				}
			}
		}
		if found > 0 {
			t.Errorf("%s: %d of %d numbers in the clear", filepath.Base(f), found, len(numbers))
		}
	}
	if code, out, errs := runCLI(t, "check", "--db", path, "--user", "admin"); code != 0 || !strings.Contains(out, "已逐条解密核对") {
		t.Errorf("check as an account: exit %d, %s%s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "check", "--db", path); code != 0 || !strings.Contains(out, "检查通过") {
		t.Errorf("check without an account: exit %d, %s%s", code, out, errs)
	}
	// Without an account, an import (which matches residents by ID number) is refused, in
	// Chinese, with the way to give one; nothing is written.
	in := filepath.Join(t.TempDir(), "名册.csv")
	os.WriteFile(in, []byte("姓名,身份证号,社区\n新居民,"+rid(1950, 1, 4, 11)+",鹿苑社区\n"), 0o644)
	code, _, errs := runCLI(t, "import", "residents", "--db", path, "--in", in)
	if code == 0 || !strings.Contains(errs, "须以本单位的账号登录") || !strings.Contains(errs, "--user") {
		t.Errorf("import without an account: exit %d, %q", code, errs)
	}
}
