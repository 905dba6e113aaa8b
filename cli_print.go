package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"taizhang/data"
)

// cmdPrint writes the kept PDF of a signed document: `taizhang print --db FILE --doc
// NUMBER|ID --out FILE.pdf`, or with --receipt its 送达回证.
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
	if err := parseFlags(fs, args); err != nil {
		return err
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
