package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"taizhang/data"
	"taizhang/reports"
)

// cmdPrint writes the kept PDF of a signed document: `taizhang print --db FILE --doc
// NUMBER|ID --out FILE.pdf`, or with --receipt its 送达回证; with --form a resident's
// application forms (printForms).
//
// A document's PDF written here is a print like any other: counted and audited (as 命令行) in
// the same transaction that reads the kept bytes, so the command opens the database as a writer
// and does not run beside an open window. The bytes are checked against the SHA-256 kept at
// signing first; altered bytes are refused, saying why.
func cmdPrint(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	path := fs.String("db", "", "")
	ref := fs.String("doc", "", "")
	out := fs.String("out", "", "")
	receipt := fs.Bool("receipt", false, "")
	user := fs.String("user", "", "")
	form := fs.String("form", "", "")
	resident := fs.Int64("resident", 0, "")
	programme := fs.String("programme", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *form != "" {
		return printForms(ctx, *path, *form, *resident, *programme, *out, *user, stdout, stderr)
	}
	for _, f := range []struct{ name, value string }{{"db", *path}, {"doc", *ref}, {"out", *out}} {
		if err := need(f.name, f.value); err != nil {
			return err
		}
	}
	// With --user the print is that account's; a letter kept without its PDF (the demo's) is
	// rendered from its content, which holds the applicant's ID number and so needs the key.
	db, uctx, err := openAs(ctx, *path, *user, *receipt, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	doc, err := db.DocumentRef(ctx, *ref)
	if err != nil {
		return err
	}
	title := doc.Title
	var pdf []byte
	if *receipt {
		// The 送达回证 of a signed decision or 不予受理通知书, with the recorded delivery filled
		// in when there is one, blank lines for the pen otherwise.
		title = "送达回证"
		pdf, err = db.DeliveryReceiptPDF(ctx, doc.ID)
	} else {
		pdf, err = db.PrintDocument(uctx, doc.ID)
	}
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, pdf); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", *out), Err: err}
	}
	fmt.Fprintf(stdout, "已写出 %s：%s %s（%.1f KB）\n", *out, title, doc.DocNumber, float64(len(pdf))/1024)
	return nil
}

// printForms writes the application forms of a resident (`--form 申请审批表|核对授权书|
// 授权委托书|全部 --resident 档案编号 --programme 低保`) filled in from the record. They
// carry full ID numbers, so they need an account (--user); the print is audited as that
// account's and the file is written owner-readable only.
func printForms(ctx context.Context, path, form string, resident int64, programme, out, user string, stdout, stderr io.Writer) error {
	for _, f := range []struct{ name, value string }{{"db", path}, {"out", out}, {"programme", programme}} {
		if err := need(f.name, f.value); err != nil {
			return err
		}
	}
	if resident <= 0 {
		return need("resident", "")
	}
	forms, err := data.ParseAidForms(form)
	if err != nil {
		return err
	}
	p, err := parseProgramme(programme)
	if err != nil {
		return err
	}
	db, uctx, err := openAs(ctx, path, user, false, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := db.AidFormData(uctx, resident, p, forms)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reports.WriteAidForms(&buf, forms, d, reports.FontOptions(d.Fonts)); err != nil {
		return err
	}
	if err := writeFileAtomicMode(out, buf.Bytes(), 0o600); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", out), Err: err}
	}
	if err := db.RecordAidFormsPrint(uctx, resident, p, forms); err != nil {
		os.Remove(out) // a print that cannot be audited does not stand
		return err
	}
	what := form
	if form == data.AidFormAll {
		what = "申请材料（全部）"
	}
	fmt.Fprintf(stdout, "已写出 %s：%s %s（%.1f KB）\n", out, d.Applicant.Name, what, float64(buf.Len())/1024)
	return nil
}

// parseProgramme reads a programme of the command line: 低保, 特困供养 (or 特困), 临时救助.
func parseProgramme(s string) (data.Programme, error) {
	s = strings.TrimSpace(s)
	if s == "特困" {
		s = string(data.ProgrammeTekun)
	}
	for _, p := range data.DefaultProgrammes {
		if s == string(p) {
			return p, nil
		}
	}
	return "", data.Invalid("programme", "没有名为“%s”的救助项目：请填 低保、特困供养 或 临时救助", s)
}

// writeFileAtomic writes b to a temporary file beside path and renames it into place, so a
// failure never leaves half a PDF under the asked name.
func writeFileAtomic(path string, b []byte) error {
	return writeFileAtomicMode(path, b, 0o644) // a PDF or a masked ledger is for sharing
}

// writeFileAtomicMode is writeFileAtomic with the file's permissions (0600 for files holding
// full ID numbers).
func writeFileAtomicMode(path string, b []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".taizhang-print-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
