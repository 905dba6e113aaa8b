package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"unicode/utf8"

	"taizhang/data"
)

// The demo office's file and a backup of it hold none of its residents' ID or phone numbers:
// every table, index, search table, document content and audit entry keeps them sealed. The
// command line reads them only as an account (--user).
func TestCLIDemoOfficeHoldsNoNumberInTheClear(t *testing.T) {
	dbtest.FileOnly(t) // greps the file and its backup
	path := demoDB(t)
	backup := filepath.Join(t.TempDir(), "备份.db")
	if code, _, errs := runCLI(t, "backup", "--db", path, "--out", backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	// The demo keeps signed letters' PDFs (printed ones) and evidence photos: all sealed as
	// the demo wrote them (read before any log-in, which would seal what was left in the clear).
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var pdfs, files int
	raw.QueryRow("SELECT count(*) FROM document_bodies WHERE pdf IS NOT NULL").Scan(&pdfs)
	raw.QueryRow("SELECT count(*) FROM attachments").Scan(&files)
	raw.Close()
	if pdfs == 0 || files == 0 {
		t.Fatalf("the demo keeps %d PDFs and %d attachments: nothing to look for", pdfs, files)
	}
	for _, f := range []string{path, backup} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for what, head := range map[string]string{"PDF": "%PDF-", "PNG": "\x89PNG\r\n\x1a\n", "JPEG": "\xff\xd8\xff\xdb\x00\x84\x00"} {
			if n := bytes.Count(b, []byte(head)); n > 0 {
				t.Errorf("%s holds %d %s headers in the clear (%d PDFs, %d attachments kept)", filepath.Base(f), n, what, pdfs, files)
			}
		}
	}
	db, _, err := accountDB(context.Background(), path, "admin", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var numbers, addresses []string
	seen := map[string]bool{}
	_, err = db.ExportResidents(data.NewContextWithUser(context.Background(), &data.User{ID: 1, Username: "admin", Role: data.RoleAdmin}),
		data.ResidentFilter{}, true, func(r data.Resident) error {
			if strings.Contains(r.IDNumber, "*") || len(r.IDNumber) != 18 {
				t.Fatalf("%s: ID %q not read whole", r.Name, r.IDNumber)
			}
			numbers = append(numbers, r.IDNumber)
			if r.Phone != "" {
				numbers = append(numbers, r.Phone)
			}
			if strings.Contains(r.Address, "*") {
				t.Fatalf("%s: address %q not read whole", r.Name, r.Address)
			}
			if utf8.RuneCountInString(r.Address) >= 6 && !seen[r.Address] {
				seen[r.Address] = true
				addresses = append(addresses, r.Address)
			}
			return nil
		})
	db.Close()
	if err != nil || len(numbers) < 500 || len(addresses) < 50 {
		t.Fatalf("read %d numbers, %d addresses: %v", len(numbers), len(addresses), err)
	}
	// The residents' addresses (in UTF-8, as grep finds them) are sealed too.
	numbers = append(numbers, addresses...)
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

	// A flipped byte in a letter's sealed PDF: check names it without an account (the sum of
	// the bytes kept) and with one, and print refuses the letter, saying why.
	raw, err = sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var docID int64
	var number string
	var pdf []byte
	if err := raw.QueryRow(`SELECT d.id, d.doc_number, b.pdf FROM documents d JOIN document_bodies b ON b.document_id = d.id
		WHERE b.pdf IS NOT NULL AND d.status = 'signed' ORDER BY d.id LIMIT 1`).Scan(&docID, &number, &pdf); err != nil {
		t.Fatal(err)
	}
	pdf[len(pdf)/2] ^= 0x04
	for _, q := range []string{"DROP TRIGGER document_bodies_frozen", "UPDATE document_bodies SET pdf = ? WHERE document_id = ?"} {
		if _, err := raw.Exec(q, pdf, docID); err != nil && !strings.HasPrefix(q, "DROP") {
			t.Fatal(err)
		}
	}
	raw.Close()
	want := "文书 " + number + "（#" + fmt.Sprint(docID) + "）保存的 PDF 与签发时的校验值不一致"
	for _, user := range [][]string{nil, {"--user", "admin"}} {
		code, out, errs := runCLI(t, append([]string{"check", "--db", path}, user...)...)
		if code == 0 || !strings.Contains(out+errs, want) {
			t.Errorf("check %v of a changed sealed PDF: exit %d, %s%s", user, code, out, errs)
		}
	}
	code, _, errs = runCLI(t, "print", "--db", path, "--user", "admin", "--doc", number, "--out", filepath.Join(t.TempDir(), "文书.pdf"))
	if code == 0 || !strings.Contains(errs, "不能打印") {
		t.Errorf("print of a changed sealed PDF: exit %d, %q", code, errs)
	}
}
