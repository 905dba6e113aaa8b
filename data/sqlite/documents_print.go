package sqlite

import (
	"context"

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
			if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET pdf = ? WHERE document_id = ? AND pdf IS NULL", pdf, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET pdf_sha256 = ? WHERE id = ? AND pdf_sha256 = ''", sha256Hex(pdf), id); err != nil {
				return err
			}
			if err := tx.Audit("render", "documents", id, nil, map[string]any{"pdf_sha256": sha256Hex(pdf)}); err != nil {
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

func (db *DB) docPDF(ctx context.Context, q docQuerier, d Document) ([]byte, error) {
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
		err := q.QueryRowContext(ctx, "SELECT pdf FROM document_bodies WHERE document_id = ?", d.ID).Scan(&pdf)
		if err == nil && sha256Hex(pdf) != d.PDFSHA256 {
			// Never print altered bytes as the signed letter.
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
	return db.renderDoc(d.content(), fonts)
}
