package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"taizhang/data"
)

// 行政文书. A decision or a non-acceptance notice is a draft until a reviewer signs
// (签发) it; signing validates it, allocates its 文号 from the counters table, renders the PDF
// and keeps the bytes, all in one transaction. From then on the row is frozen (the store
// refuses, and a trigger of migration 0004 backs it up): reprints are the stored bytes, a
// correction is a new document naming the old number, voiding keeps it visible with the
// reason. A one-time notice (一次性告知单) needs no reviewer: it is numbered, rendered and
// kept when the clerk makes it.

// Editable lists of documents besides data.CatalogLegalBases.
const (
	CatalogServiceItems data.CatalogKind = "service_item" // 一次性告知事项目录, materials in extra
	CatalogProgrammes   data.CatalogKind = "programme"    // 救助类别
)

// Setting keys of documents.
const (
	keyDocBodyFont  = "doc_body_font"  // path of the body font file; empty: embedded
	keyDocTitleFont = "doc_title_font" // path of the title font file; empty: embedded
	keyDocCatalogs  = "doc_catalogs_seeded"
)

// Messages used in more than one place.
const (
	msgFrozen      = "已签发的文书不能修改；如需更正，请新建一份更正文书"
	msgVoidedDoc   = "该文书已作废，不能修改"
	msgNotSigned   = "文书尚未签发，不能打印正式文本"
	msgVoidedRes   = "该居民档案已作废，不能为其制作文书。如档案作废有误，请先恢复档案"
	msgNeedsPerson = "请先从居民档案中选择申请人"
)

// docQuerier is what reads need: *sql.DB, *sql.Tx and *Tx all have it.
type docQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const docRowCols = `d.id, d.kind, d.programme, d.outcome, d.title, COALESCE(d.doc_number, ''), d.applicant,
	COALESCE(d.resident_id, 0), d.status, d.num_key, d.doc_date, COALESCE(d.corrects_id, 0),
	COALESCE((SELECT c.doc_number FROM documents c WHERE c.id = d.corrects_id), ''),
	COALESCE((SELECT COALESCE(x.doc_number, '草稿') FROM documents x WHERE x.corrects_id = d.id AND x.status <> 'voided' ORDER BY x.id DESC LIMIT 1), ''),
	d.signed_by_name, COALESCE(d.signed_at, ''), d.created_by_name, d.created_at, d.void_reason, d.print_count,
	d.delivered, d.pdf_sha256 <> ''`

func scanDocRow(sc interface{ Scan(...any) error }, extra ...any) (data.DocumentRow, error) {
	var r data.DocumentRow
	var kind, prog, outcome, status, signedAt, createdAt string
	dest := []any{&r.ID, &kind, &prog, &outcome, &r.Title, &r.DocNumber, &r.Applicant, &r.ResidentID, &status,
		&r.NumKey, &r.Date, &r.CorrectsID, &r.Corrects, &r.CorrectedBy, &r.SignedBy, &signedAt, &r.CreatedBy,
		&createdAt, &r.VoidReason, &r.PrintCount, &r.Delivered, &r.HasPDF}
	err := sc.Scan(append(dest, extra...)...)
	r.Kind, r.Programme, r.Outcome, r.Status = data.DocKind(kind), data.Programme(prog), data.Outcome(outcome), data.DocStatus(status)
	if signedAt != "" {
		r.SignedAt = parseTS(signedAt)
	}
	r.CreatedAt = parseTS(createdAt)
	return r, err
}

// loadDocument reads a whole document (without its PDF bytes).
// Its personal numbers are opened with k; without k they read as asterisks.
func loadDocument(ctx context.Context, q docQuerier, k *dataKey, where string, arg any) (data.Document, error) {
	var d data.Document
	var js string
	row, err := scanDocRow(q.QueryRowContext(ctx, "SELECT "+docRowCols+`, b.content, d.body_font, d.body_font_sha,
		d.title_font, d.title_font_sha, d.pdf_sha256 FROM documents d JOIN document_bodies b ON b.document_id = d.id WHERE `+where, arg),
		&js, &d.BodyFont.Path, &d.BodyFont.SHA256, &d.TitleFont.Path, &d.TitleFont.SHA256, &d.PDFSHA256)
	if err != nil {
		return d, err
	}
	d.DocumentRow = row
	js = openJSON(k, js, placeOf("document_bodies", "content", row.ID))
	if err := d.DecodeContent(js); err != nil {
		return d, err
	}
	if d.Delivered {
		var m, on, created string
		dl := &data.Delivery{}
		err := q.QueryRowContext(ctx, `SELECT method, delivered_on, place, recipient, server, witness, refusal_reason, note, agent,
			created_by_name, created_at FROM deliveries WHERE document_id = ?`, d.ID).Scan(&m, &on, &dl.Place, &dl.Recipient,
			&dl.Server, &dl.Witness, &dl.RefusalReason, &dl.Note, &dl.Agent, &dl.RecordedBy, &created)
		if err != nil && !isNoRows(err) {
			return d, err
		}
		if err == nil {
			dl.Place = openJSONValue(k, dl.Place, deliveryPlace(d.ID))
			dl.Method = data.DeliveryMethod(m)
			if err := dl.Date.Scan(on); err != nil {
				return d, err
			}
			dl.RecordedAt = parseTS(created)
			dl.DocNumber, dl.DocName = d.DocNumber, d.Title
			d.Delivery = dl
		}
	}
	return d, nil
}

// sealContent is a document's content as stored: JSON with its personal numbers sealed for
// the document's row.
func (tx *Tx) sealContent(id int64, content any) (string, error) {
	k, err := tx.needKey()
	if err != nil {
		return "", err
	}
	return sealJSON(k, toJSON(content), placeOf("document_bodies", "content", id), "document_bodies"), nil
}

// Document returns one document (any state) with its content and delivery.
func (db *DB) Document(ctx context.Context, id int64) (data.Document, error) {
	if err := db.checkReader(ctx); err != nil {
		return data.Document{}, err
	}
	d, err := loadDocument(ctx, db.db, db.keys.get(), "d.id = ?", id)
	if isNoRows(err) {
		return d, data.NotFound("找不到编号为 %d 的文书", id)
	}
	return d, err
}

// DocumentByNumber returns the document with that 文号. Brackets people type instead of 〔〕
// and a 第 before the sequence are accepted.
func (db *DB) DocumentByNumber(ctx context.Context, number string) (data.Document, error) {
	n := strings.TrimSpace(number)
	if p, y, s, err := data.ParseDocNumber(n); err == nil {
		n = data.FormatDocNumber(p, y, s)
	}
	d, err := loadDocument(ctx, db.db, db.keys.get(), "d.doc_number = ?", n)
	if isNoRows(err) {
		// A letter issued on paper and imported from the register has a number but no text.
		var on, applicant string
		perr := db.db.QueryRowContext(ctx, "SELECT signed_on, applicant FROM paper_documents WHERE doc_number = ?", n).Scan(&on, &applicant)
		if perr == nil {
			return d, data.NotFound("“%s”是用程序之前纸质签发的文书（%s，申请人%s，从文书登记簿导入），程序中没有它的正文和 PDF", n, on, applicant)
		}
		return d, data.NotFound("找不到文号为“%s”的文书", strings.TrimSpace(number))
	}
	return d, err
}

// DocumentRef finds a document by 文号 or by its numeric id (the command line's --doc).
func (db *DB) DocumentRef(ctx context.Context, ref string) (data.Document, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return data.Document{}, data.Invalid("doc", "请填写文号或文书编号")
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return db.Document(ctx, id)
	}
	if _, _, _, err := data.ParseDocNumber(ref); err != nil {
		return data.Document{}, data.NotFound("找不到文号为“%s”的文书（文号应如“平民救决〔2026〕15号”，或填写文书编号）", ref)
	}
	return db.DocumentByNumber(ctx, ref)
}

// txDocument loads a document inside tx for a change, with the not-found message.
func (tx *Tx) document(id int64) (data.Document, error) {
	// Without the key the numbers read as asterisks; a change that writes the content back
	// seals it and so is refused then (sealContent), and nothing is rendered from it (docPDF).
	k, _ := tx.needKey()
	d, err := loadDocument(tx.ctx, tx, k, "d.id = ?", id)
	if isNoRows(err) {
		return d, data.NotFound("找不到编号为 %d 的文书", id)
	}
	return d, err
}
