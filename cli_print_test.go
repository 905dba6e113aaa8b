package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite"
)

func TestCLIPrint(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "demo.db")
	if code, _, errs := runCLI(t, "demo", "--db", dbPath, "--seed", "2"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	// The app is open on the file meanwhile: print only reads.
	app, err := sqlite.Open(dbPath, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	ctx := context.Background()
	signed := true
	rows, _, err := app.ListDocuments(ctx, sqlite.DocumentFilter{Kind: data.DocDecision, Status: sqlite.DocSigned, Delivered: &signed, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no signed decision in the demo: %v", err)
	}
	doc := rows[0]
	drafts, _, _ := app.ListDocuments(ctx, sqlite.DocumentFilter{Status: sqlite.DocDraft, Limit: 1})
	if len(drafts) == 0 {
		t.Fatal("no draft in the demo")
	}
	want, err := app.DocumentPDF(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "决定书.pdf")
	code, stdout, errs := runCLI(t, "print", "--db", dbPath, "--doc", doc.DocNumber, "--out", out)
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
	if code, _, errs := runCLI(t, "print", "--db", dbPath, "--doc", strconv.FormatInt(doc.ID, 10), "--out", byID); code != 0 {
		t.Fatalf("print by id: %s", errs)
	}
	if b, _ := os.ReadFile(byID); !bytes.Equal(b, want) {
		t.Error("printing by id gave other bytes")
	}
	after, _ := app.Document(ctx, doc.ID)
	if after.PrintCount != doc.PrintCount {
		t.Errorf("got print count %d after CLI prints, want %d (the CLI reads only)", after.PrintCount, doc.PrintCount)
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
			code, _, errs := runCLI(t, append([]string{"print", "--db", dbPath}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("got exit %d, %q; want %d and %q", code, errs, c.code, c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "d.pdf")); err == nil {
		t.Error("a refused print left a file")
	}
}
