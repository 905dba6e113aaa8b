package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
)

// storedBytesProblems checks every kept PDF of a document and every attachment against the
// SHA-256 stored beside it, and that stored SHA-256 against the one the audit log recorded
// when the bytes were kept: a changed byte, and a changed byte with its sum rewritten, are
// both named. `check` and `restore` run it; print and opening an attachment check their one
// file (docPDF, AttachmentContent).
//
// A file sealed with the data key (crypt.go) has two sums: of the bytes stored, checked
// without a key, and of the file itself, checked when k (an account logged in) opens it —
// GCM also refuses a file changed or moved from another row. Both are audited. A file kept
// before encryption has only the second, checked on its bytes.
func storedBytesProblems(ctx context.Context, conn queryer, k *dataKey) ([]string, error) {
	sums, err := auditedSums(ctx, conn)
	if err != nil {
		return nil, err
	}
	var probs []string
	// check names what is wrong with one file: what names it ("附件 #3（户口本.png）"),
	// changed and replaced say how its bytes, or its bytes and their sum, were found.
	check := func(what, changed, replaced string, b []byte, place string, sum, sealedSum string, audited fileSums) {
		if sealedSum == "" && !isSealedBytes(b) {
			switch {
			case sha256Hex(b) != sum:
				probs = append(probs, changed)
			case audited.plain != "" && audited.plain != sum:
				probs = append(probs, replaced)
			}
			return
		}
		switch {
		case sha256Hex(b) != sealedSum:
			probs = append(probs, changed)
			return
		case audited.sealed != sealedSum || audited.plain != "" && audited.plain != sum:
			probs = append(probs, replaced)
			return
		}
		if k == nil {
			return
		}
		p, err := k.openBytes(b, place)
		switch {
		case err != nil:
			probs = append(probs, what+"无法解密：加密保存的内容被改动或从别处移来")
		case sha256Hex(p) != sum:
			probs = append(probs, what+"解密后与保存时的校验值不一致")
		}
	}
	rows, err := conn.QueryContext(ctx, `SELECT d.id, COALESCE(d.doc_number, ''), d.pdf_sha256, d.pdf_sealed_sha256 FROM documents d
		JOIN document_bodies b ON b.document_id = d.id WHERE b.pdf IS NOT NULL ORDER BY d.id`)
	if err != nil {
		return nil, err
	}
	type file struct {
		id              int64
		name, sum, ssum string
	}
	var docs []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.name, &f.sum, &f.ssum); err != nil {
			rows.Close()
			return nil, err
		}
		docs = append(docs, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// One file in memory at a time.
	for _, f := range docs {
		var pdf []byte
		if err := conn.QueryRowContext(ctx, "SELECT pdf FROM document_bodies WHERE document_id = ?", f.id).Scan(&pdf); err != nil {
			return nil, err
		}
		what := fmt.Sprintf("文书 %s（#%d）", f.name, f.id)
		check(what+"保存的 PDF ", what+"保存的 PDF 与签发时的校验值不一致：文件内容被改动",
			what+"的 PDF 校验值与审计记录不一致：PDF 连同校验值被替换", pdf, pdfPlace(f.id), f.sum, f.ssum, sums.docs[f.id])
	}
	rows, err = conn.QueryContext(ctx, "SELECT id, name, sha256, sealed_sha256 FROM attachments ORDER BY id")
	if err != nil {
		return nil, err
	}
	var atts []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.name, &f.sum, &f.ssum); err != nil {
			rows.Close()
			return nil, err
		}
		atts = append(atts, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, f := range atts {
		what := fmt.Sprintf("附件 #%d（%s）", f.id, f.name)
		a, ok := sums.atts[f.id]
		if !ok {
			probs = append(probs, what+"没有审计记录：它不是由台账程序保存的")
			continue
		}
		var content []byte
		if err := conn.QueryRowContext(ctx, "SELECT content FROM attachments WHERE id = ?", f.id).Scan(&content); err != nil {
			return nil, err
		}
		check(what+"的内容", what+"的内容与保存时的校验值不一致：文件内容被改动",
			what+"的校验值与审计记录不一致：文件连同校验值被替换", content, attachmentPlace(f.id), f.sum, f.ssum, a)
	}
	return probs, nil
}

// fileSums are a kept file's sums as the audit log last recorded them: of the file, and of
// the bytes stored once it is sealed.
type fileSums struct{ plain, sealed string }

// auditedFiles are the audited sums of the kept document PDFs and attachments, by id.
type auditedFiles struct{ docs, atts map[int64]fileSums }

// auditedSums reads the SHA-256 sums the audit log recorded for each kept document PDF
// (signing, a one-time notice's creation, first print of a bulk-made document, sealing) and
// each attachment (attaching, sealing): the latest of each.
func auditedSums(ctx context.Context, conn queryer) (auditedFiles, error) {
	out := auditedFiles{docs: map[int64]fileSums{}, atts: map[int64]fileSums{}}
	rows, err := conn.QueryContext(ctx, `SELECT action, table_name, record_id, after FROM audit_log
		WHERE (table_name = 'documents' AND action IN ('create', 'sign', 'render', 'seal_file', 'rekey_file'))
		OR action = 'attach' OR (table_name = 'attachments' AND action IN ('seal_file', 'rekey_file')) ORDER BY id`)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var action, table, after string
		var rec int64
		if err := rows.Scan(&action, &table, &rec, &after); err != nil {
			return out, err
		}
		var v struct {
			PDF        string `json:"pdf_sha256"`
			PDFSealed  string `json:"pdf_sealed_sha256"`
			Attachment int64  `json:"attachment"`
			SHA256     string `json:"sha256"`
			Sealed     string `json:"sealed_sha256"`
		}
		if json.Unmarshal([]byte(after), &v) != nil {
			continue // an edited entry: the chain check names it
		}
		switch {
		case action == "attach":
			out.atts[v.Attachment] = fileSums{plain: v.SHA256, sealed: v.Sealed}
		case table == "attachments":
			s := out.atts[rec]
			s.sealed = v.Sealed
			out.atts[rec] = s
		case v.PDF != "" || v.PDFSealed != "":
			s := out.docs[rec]
			if v.PDF != "" {
				s.plain = v.PDF
			}
			s.sealed = v.PDFSealed
			out.docs[rec] = s
		}
	}
	return out, rows.Err()
}
