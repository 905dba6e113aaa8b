package reports

import (
	"context"
	"io"

	"taizhang/data"
)

// IssueRows is what the issue ledger export reads: the store's row iterator and its count
// (*sqlite.DB has both).
type IssueRows interface {
	CountIssues(ctx context.Context, f data.IssueFilter) (int, error)
	ExportIssues(ctx context.Context, f data.IssueFilter, full bool, each func(data.IssueRow) error) (int, error)
}

// DocumentRows is what the documents ledger export reads.
type DocumentRows interface {
	CountDocuments(ctx context.Context, f data.DocumentFilter) (int, error)
	ExportDocuments(ctx context.Context, f data.DocumentFilter, full bool, each func(data.DocumentExportRow) error) (int, error)
}

// ExportProgress reports an export's progress: done of total rows in pass (1-based) of
// passes (a PDF reads its rows twice: once to count the pages, once to draw them).
type ExportProgress func(pass, passes, done, total int)

// ExportIssueLedger writes the issues of src matching f as the issue ledger in format to w
// and returns the number of rows. Full ID and phone numbers (o.Full) need data.ActUnmask,
// which the store checks. progress may be nil; it is called every few hundred rows.
func ExportIssueLedger(ctx context.Context, w io.Writer, format Format, src IssueRows, f data.IssueFilter, o LedgerOptions, progress ExportProgress) (int, error) {
	if o.Full { // before anything is written (the store checks it again)
		if err := data.Require(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	total, err := src.CountIssues(ctx, f)
	if err != nil {
		return 0, err
	}
	rows := func(each func([]string) error) error {
		_, err := src.ExportIssues(ctx, f, o.Full, func(r data.IssueRow) error {
			return each(IssueCells(r, o.Full))
		})
		return err
	}
	return WriteLedger(w, format, IssueLedger(o), counted(rows, format, total, progress), Options{})
}

// ExportDocumentLedger writes the documents of src matching f as the documents ledger.
func ExportDocumentLedger(ctx context.Context, w io.Writer, format Format, src DocumentRows, f data.DocumentFilter, o LedgerOptions, progress ExportProgress) (int, error) {
	if o.Full {
		if err := data.Require(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	total, err := src.CountDocuments(ctx, f)
	if err != nil {
		return 0, err
	}
	rows := func(each func([]string) error) error {
		_, err := src.ExportDocuments(ctx, f, o.Full, func(r data.DocumentExportRow) error {
			return each(DocumentCells(DocumentLineOf(r)))
		})
		return err
	}
	return WriteLedger(w, format, DocumentLedger(o), counted(rows, format, total, progress), Options{})
}

// DocumentLineOf is the row as the documents ledger writer takes it.
func DocumentLineOf(r data.DocumentExportRow) DocumentLine {
	return DocumentLine{Number: r.DocNumber, Kind: r.Kind, Programme: r.Programme, Title: r.Title,
		Applicant: r.Applicant, IDNumber: r.IDNumber, Date: r.Date, Signed: r.Status != data.DocDraft && r.DocNumber != "",
		SignedBy: r.SignedBy, Status: r.Status.String(), DeliveryMethod: r.DeliveryMethod, DeliveredOn: r.DeliveredOn,
		Recipient: r.Recipient}
}

// counted wraps rows to report progress every 200 rows and at the end of each pass.
func counted(rows RowSource, format Format, total int, progress ExportProgress) RowSource {
	if progress == nil {
		return rows
	}
	passes := 1
	if format == FormatPDF {
		passes = 2
	}
	pass := 0
	return func(each func([]string) error) error {
		pass++
		done := 0
		progress(pass, passes, 0, total)
		err := rows(func(cells []string) error {
			if err := each(cells); err != nil {
				return err
			}
			done++
			if done%200 == 0 {
				progress(pass, passes, done, total)
			}
			return nil
		})
		if err == nil {
			progress(pass, passes, done, total)
		}
		return err
	}
}
