package sqlite

import (
	"context"
	"errors"

	"taizhang/data"
)

// ---- printing ----

// PrintDocument returns the PDF of a signed document for printing and counts the print.
// Reprints are the bytes kept at signing, identical every time. A document made in bulk by
// the demo without its PDF is rendered now from its frozen content with the fonts it
// recorded, and those bytes are kept from then on.
func (db *DB) PrintDocument(ctx context.Context, id int64) ([]byte, error) {
	var pdf []byte
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		pdf, err = tx.db.docPDF(tx.ctx, tx, d)
		if err != nil {
			return err
		}
		if !d.HasPDF {
			sealed, sealedSum, err := tx.sealPDF(id, pdf)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET pdf = ? WHERE document_id = ? AND pdf IS NULL", sealed, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET pdf_sha256 = ?, pdf_sealed_sha256 = ? WHERE id = ? AND pdf_sha256 = ''",
				sha256Hex(pdf), sealedSum, id); err != nil {
				return err
			}
			if err := tx.Audit("render", "documents", id, nil, map[string]any{"pdf_sha256": sha256Hex(pdf), "pdf_sealed_sha256": sealedSum}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET print_count = print_count + 1 WHERE id = ?", id); err != nil {
			return err
		}
		return tx.Audit("print", "documents", id, nil, map[string]any{"doc_number": d.DocNumber, "print_count": d.PrintCount + 1})
	})
	return pdf, err
}

// DocumentPDF returns the PDF of a signed document without counting a print: for the
// read-only command line (`taizhang print`) and for viewing. A bulk-made demo document
// without stored bytes is rendered from its frozen content and not stored.
func (db *DB) DocumentPDF(ctx context.Context, id int64) ([]byte, error) {
	d, err := db.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.docPDF(ctx, db.db, d)
}

func (db *DB) docPDF(ctx context.Context, q docQuerier, d data.Document) ([]byte, error) {
	switch d.Status {
	case data.DocDraft:
		return nil, data.Conflict(msgNotSigned)
	case data.DocVoided:
		if d.DocNumber == "" {
			return nil, data.Conflict("该草稿已作废，没有正式文本")
		}
		return nil, data.Conflict("文书 %s 已作废（原因：%s），不能打印", d.DocNumber, d.VoidReason)
	}
	if d.HasPDF {
		var pdf []byte
		var sealedSum string
		err := q.QueryRowContext(ctx, `SELECT b.pdf, d.pdf_sealed_sha256 FROM document_bodies b JOIN documents d ON d.id = b.document_id
			WHERE b.document_id = ?`, d.ID).Scan(&pdf, &sealedSum)
		if err != nil {
			return nil, err
		}
		// Kept sealed (crypt.go): opened with the logged-in account's key, and never printed
		// when its bytes are not those kept at signing.
		pdf, err = db.openStored(pdf, pdfPlace(d.ID), sealedSum, d.PDFSHA256)
		if errors.Is(err, errNotSame) {
			return nil, data.Invalid("doc", "文书 %s 保存的 PDF 与签发时的校验值不一致（文件内容已被改动），不能打印。请从备份恢复或联系管理员", d.DocNumber)
		}
		return pdf, err
	}
	// Rendered from the content, which holds the applicant's ID number.
	if _, err := db.needKey(); err != nil {
		return nil, err
	}
	fonts, err := db.recordedFonts(d)
	if err != nil {
		return nil, err
	}
	return db.renderDoc(d.Content(), fonts)
}

// sealPDF is a document's PDF as kept: sealed with the data key for the document's row
// (crypt.go), and the SHA-256 of the bytes kept.
func (tx *Tx) sealPDF(docID int64, pdf []byte) (sealed []byte, sealedSum string, err error) {
	k, err := tx.needKey()
	if err != nil {
		return nil, "", err
	}
	sealed = k.sealBytes(pdf, pdfPlace(docID))
	return sealed, sha256Hex(sealed), nil
}
