package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// storedBytesProblems checks every kept PDF of a document and every attachment against the
// SHA-256 stored beside it, and that stored SHA-256 against the one the audit log recorded
// when the bytes were kept: a changed byte, and a changed byte with its sum rewritten, are
// both named. `check` and `restore` run it; print and opening an attachment check their one
// file (docPDF, AttachmentContent).
func storedBytesProblems(ctx context.Context, conn *sql.DB) ([]string, error) {
	docSums, attSums, err := auditedSums(ctx, conn)
	if err != nil {
		return nil, err
	}
	var probs []string
	rows, err := conn.QueryContext(ctx, `SELECT d.id, COALESCE(d.doc_number, ''), d.pdf_sha256, b.pdf FROM documents d
		JOIN document_bodies b ON b.document_id = d.id WHERE b.pdf IS NOT NULL ORDER BY d.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var number, sum string
		var pdf []byte
		if err := rows.Scan(&id, &number, &sum, &pdf); err != nil {
			rows.Close()
			return nil, err
		}
		switch {
		case sha256Hex(pdf) != sum:
			probs = append(probs, fmt.Sprintf("文书 %s（#%d）保存的 PDF 与签发时的校验值不一致：文件内容被改动", number, id))
		case docSums[id] != "" && docSums[id] != sum:
			probs = append(probs, fmt.Sprintf("文书 %s（#%d）的 PDF 校验值与审计记录不一致：PDF 连同校验值被替换", number, id))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = conn.QueryContext(ctx, "SELECT id, name, sha256, content FROM attachments ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, sum string
		var content []byte
		if err := rows.Scan(&id, &name, &sum, &content); err != nil {
			return nil, err
		}
		switch {
		case sha256Hex(content) != sum:
			probs = append(probs, fmt.Sprintf("附件 #%d（%s）的内容与保存时的校验值不一致：文件内容被改动", id, name))
		case attSums[id] == "":
			probs = append(probs, fmt.Sprintf("附件 #%d（%s）没有审计记录：它不是由台账程序保存的", id, name))
		case attSums[id] != sum:
			probs = append(probs, fmt.Sprintf("附件 #%d（%s）的校验值与审计记录不一致：文件连同校验值被替换", id, name))
		}
	}
	return probs, rows.Err()
}

// auditedSums reads the SHA-256 the audit log recorded for each kept document PDF (signing,
// first print of a bulk-made document) and each attachment.
func auditedSums(ctx context.Context, conn *sql.DB) (docs, atts map[int64]string, err error) {
	docs, atts = map[int64]string{}, map[int64]string{}
	rows, err := conn.QueryContext(ctx, `SELECT action, record_id, after FROM audit_log
		WHERE (table_name = 'documents' AND action IN ('sign', 'render')) OR action = 'attach' ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var action, after string
		var rec int64
		if err := rows.Scan(&action, &rec, &after); err != nil {
			return nil, nil, err
		}
		var v struct {
			PDF        string `json:"pdf_sha256"`
			Attachment int64  `json:"attachment"`
			SHA256     string `json:"sha256"`
		}
		if json.Unmarshal([]byte(after), &v) != nil {
			continue // an edited entry: the chain check names it
		}
		if action == "attach" {
			atts[v.Attachment] = v.SHA256
		} else if v.PDF != "" {
			docs[rec] = v.PDF
		}
	}
	return docs, atts, rows.Err()
}
