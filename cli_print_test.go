package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

func TestCLIPrint(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "demo.db")
	t.Setenv(PasswordEnv, demo.Password) // --user admin: the kept PDFs are sealed
	if code, _, errs := runCLI(t, "demo", "--db", dbPath, "--seed", "2"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	// Printing counts and audits, so it writes: the window must be closed. What to compare
	// with is read first as the account (the key opens the kept PDF and the delivery place).
	ctx := context.Background()
	app, _, err := accountDB(ctx, dbPath, "admin", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	signed := true
	rows, _, err := app.ListDocuments(ctx, data.DocumentFilter{Kind: data.DocDecision, Status: data.DocSigned, Delivered: &signed, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no signed decision in the demo: %v", err)
	}
	doc := rows[0]
	drafts, _, _ := app.ListDocuments(ctx, data.DocumentFilter{Status: data.DocDraft, Limit: 1})
	if len(drafts) == 0 {
		t.Fatal("no draft in the demo")
	}
	want, err := app.DocumentPDF(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	full, err := app.Document(ctx, doc.ID)
	if err != nil || full.Delivery == nil {
		t.Fatalf("the delivered decision has no delivery: %v", err)
	}
	undelivered := false
	open, _, _ := app.ListDocuments(ctx, data.DocumentFilter{Kind: data.DocDecision, Status: data.DocSigned, Delivered: &undelivered, Limit: 1})
	app.Close()
	// Without an account the sealed PDF is not opened: print says how to give one.
	if code, _, errs := runCLI(t, "print", "--db", dbPath, "--doc", doc.DocNumber, "--out", filepath.Join(dir, "x.pdf")); code == 0 || !strings.Contains(errs, "--user") {
		t.Errorf("print without an account: exit %d, %q", code, errs)
	}
	if app, err = openStore(dbPath, sqlite.Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	defer app.Close()

	out := filepath.Join(dir, "决定书.pdf")
	code, stdout, errs := runCLI(t, "print", "--db", dbPath, "--user", "admin", "--doc", doc.DocNumber, "--out", out)
	if code != 0 || !strings.Contains(stdout, doc.DocNumber) {
		t.Fatalf("print by number: exit %d, %q %q", code, stdout, errs)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, want) {
		t.Error("the printed file is not the kept PDF")
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), "")
		if !strings.Contains(flat, doc.DocNumber) || !strings.Contains(flat, doc.Applicant) {
			t.Errorf("pdftotext lacks %s or %s", doc.DocNumber, doc.Applicant)
		}
	}
	byID := filepath.Join(dir, "by-id.pdf")
	if code, _, errs := runCLI(t, "print", "--db", dbPath, "--user", "admin", "--doc", strconv.FormatInt(doc.ID, 10), "--out", byID); code != 0 {
		t.Fatalf("print by id: %s", errs)
	}
	if b, _ := os.ReadFile(byID); !bytes.Equal(b, want) {
		t.Error("printing by id gave other bytes")
	}
	after, _ := app.Document(ctx, doc.ID)
	if after.PrintCount != doc.PrintCount+2 {
		t.Errorf("got print count %d after two CLI prints, want %d", after.PrintCount, doc.PrintCount+2)
	}
	if audit, _ := app.ListAudit(ctx, data.AuditFilter{Table: "documents", RecordID: doc.ID}); len(audit) == 0 ||
		audit[0].Action != "print" || audit[0].UserName == "命令行" {
		t.Errorf("the CLI print is not audited: %+v", audit)
	}

	// The 送达回证 from the command line: the recorded delivery filled in.
	rc := filepath.Join(dir, "回证.pdf")
	code, stdout, errs = runCLI(t, "print", "--db", dbPath, "--user", "admin", "--doc", doc.DocNumber, "--receipt", "--out", rc)
	if code != 0 || !strings.Contains(stdout, "送达回证 "+doc.DocNumber) {
		t.Fatalf("print --receipt: exit %d, %q %q", code, stdout, errs)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, _ := exec.Command(bin, "-enc", "UTF-8", rc, "-").Output()
		flat := strings.Join(strings.Fields(string(text)), "")
		dl := full.Delivery
		for _, want := range []string{"送达回证", doc.DocNumber, dl.Recipient, dl.Server, strings.Join(strings.Fields(dl.Place), ""),
			dl.Date.Chinese(), "■" + dl.Method.String()[:len("直接")], "代收人签名", "见证人签名"} {
			if !strings.Contains(flat, want) {
				t.Errorf("送达回证 lacks %q:\n%s", want, flat)
			}
		}
		if dl.Witness != "" && !strings.Contains(flat, dl.Witness) {
			t.Errorf("送达回证 lacks the witness %q", dl.Witness)
		}
	}
	if len(open) > 0 {
		rc2 := filepath.Join(dir, "空白回证.pdf")
		if code, _, errs := runCLI(t, "print", "--db", dbPath, "--user", "admin", "--doc", open[0].DocNumber, "--receipt", "--out", rc2); code != 0 {
			t.Errorf("print --receipt of an undelivered decision: %s", errs)
		} else if bin, err := exec.LookPath("pdftotext"); err == nil {
			text, _ := exec.Command(bin, "-enc", "UTF-8", rc2, "-").Output()
			if flat := strings.Join(strings.Fields(string(text)), ""); !strings.Contains(flat, "□直接□留置□邮寄□委托") || !strings.Contains(flat, open[0].Applicant) {
				t.Errorf("blank 送达回证: got %s", flat)
			}
		}
	}

	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"draft", []string{"--doc", strconv.FormatInt(drafts[0].ID, 10), "--out", filepath.Join(dir, "d.pdf")}, 1, "文书尚未签发，不能打印正式文本"},
		{"unknown number", []string{"--doc", "平民救决〔2019〕999号", "--out", filepath.Join(dir, "u.pdf")}, 1, "找不到文号为“平民救决〔2019〕999号”的文书"},
		{"not a number", []string{"--doc", "第一份", "--out", filepath.Join(dir, "u.pdf")}, 1, "找不到文号为“第一份”的文书"},
		{"no out", []string{"--doc", doc.DocNumber}, 2, "缺少参数 --out"},
		{"no doc", []string{"--out", out}, 2, "缺少参数 --doc"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"print", "--db", dbPath, "--user", "admin"}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("got exit %d, %q; want %d and %q", code, errs, c.code, c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "d.pdf")); err == nil {
		t.Error("a refused print left a file")
	}
}
