package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"taizhang/data"
)

// ---- drafts ----

// loadApplicant reads the resident a document is for, refusing a voided record.
func (tx *Tx) loadApplicant(residentID int64) (data.Resident, int, error) {
	if residentID == 0 {
		return data.Resident{}, 0, data.Invalid("resident", msgNeedsPerson)
	}
	r, err := scanResident(tx.QueryRowContext(tx.ctx, "SELECT "+residentCols+residentFrom+" WHERE r.id = ?", residentID))
	if isNoRows(err) {
		return r, 0, data.NotFound("居民档案不存在（编号 %d）", residentID)
	}
	if err != nil {
		return r, 0, err
	}
	if r.IDNumber, err = tx.openResidentID(r.ID, r.IDNumber); err != nil {
		return r, 0, err
	}
	k, err := tx.needKey()
	if err != nil {
		return r, 0, err
	}
	if r.Address, err = k.open(r.Address, placeOf("residents", "address", r.ID)); err != nil {
		return r, 0, data.Invalid("residents", "居民 #%d 的住址无法解密（密文被改动），请用“taizhang check”检查数据库", r.ID)
	}
	r.Phone = "" // not part of a document
	if r.Voided {
		return r, 0, data.Conflict(msgVoidedRes)
	}
	size := 1
	if r.HouseholdID != 0 {
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM residents WHERE household_id = ? AND voided = 0 AND status = ?",
			r.HouseholdID, string(data.ResidentActive)).Scan(&size); err != nil {
			return r, 0, err
		}
		size = max(size, 1)
	}
	return r, size, nil
}

// fillDecision writes into d what the program knows: the applicant from the resident record
// (never retyped) and the authority, 人民政府 and 人民法院 from the office settings.
func (tx *Tx) fillDecision(d *data.Decision, residentID int64) error {
	o, err := tx.office()
	if err != nil {
		return err
	}
	return tx.fillDecisionFrom(d, residentID, o)
}

func (tx *Tx) fillDecisionFrom(d *data.Decision, residentID int64, o data.Office) error {
	r, size, err := tx.loadApplicant(residentID)
	if err != nil {
		return err
	}
	d.Applicant, d.IDNumber, d.Address, d.HouseholdSize = r.Name, r.IDNumber, r.Address, size
	d.Government, d.Court = o.Government, o.Court
	return tx.applyCompetence(d, o)
}

func (tx *Tx) checkDraftDecision(d *data.Decision) error {
	if !d.Outcome.Valid() {
		return data.Invalid("outcome", "请选择决定结果（给予、不予批准、增发、减发或停发）")
	}
	d.Programme = data.Programme(strings.TrimSpace(string(d.Programme)))
	if d.Programme == "" {
		return data.Invalid("programme", "请选择救助类别")
	}
	ps, err := programmes(tx.ctx, tx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p == d.Programme {
			return nil
		}
	}
	return data.Invalid("programme", "救助类别“%s”不在列表中：请从列表中选择，或请管理员先添加", d.Programme)
}

func (tx *Tx) insertDocument(d *data.Document, pdf []byte) error {
	u := tx.user
	var uid int64
	uname := "系统"
	if u != nil {
		uid, uname = u.ID, u.Name
	}
	d.CreatedBy, d.CreatedAt = uname, tx.now
	if d.Date.IsZero() {
		d.Date = data.Today(tx.now)
	}
	var signedBy any
	var signedAt any
	if d.Status == data.DocSigned {
		signedBy, signedAt, d.SignedBy, d.SignedAt = nullID(uid), ts(tx.now), uname, tx.now
	}
	var seq, year any
	var number any
	if d.DocNumber != "" {
		_, y, s, err := data.ParseDocNumber(d.DocNumber)
		if err != nil {
			return err
		}
		seq, year, number = s, y, d.DocNumber
	}
	id, err := tx.nextID("documents")
	if err != nil {
		return err
	}
	var pdfArg any
	if pdf != nil {
		d.PDFSHA256 = sha256Hex(pdf)
		sealed, sum, err := tx.sealPDF(id, pdf)
		if err != nil {
			return err
		}
		pdfArg, d.PDFSealedSHA256 = sealed, sum
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO documents (id, kind, programme, outcome, title, applicant, resident_id, status,
		num_key, doc_number, prefix, year, seq, doc_date, corrects_id, body_font, body_font_sha, title_font, title_font_sha,
		signed_by, signed_by_name, signed_at, created_by, created_by_name, created_at, updated_at, pdf_sha256, pdf_sealed_sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, string(d.Kind), string(d.Programme), string(d.Outcome), d.Title, d.Applicant, nullID(d.ResidentID), string(d.Status),
		d.NumKey, number, docPrefix(d.DocNumber), year, seq, d.Date, nullID(d.CorrectsID), d.BodyFont.Path, d.BodyFont.SHA256,
		d.TitleFont.Path, d.TitleFont.SHA256, signedBy, d.SignedBy, signedAt, nullID(uid), uname, ts(tx.now), ts(tx.now),
		d.PDFSHA256, d.PDFSealedSHA256)
	if err != nil {
		return uniqueNumber(err, d.DocNumber)
	}
	d.ID = id
	content, err := tx.sealContent(d.ID, d.Content())
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, "INSERT INTO document_bodies (document_id, content, pdf) VALUES (?, ?, ?)", d.ID, content, pdfArg)
	return err
}

func docPrefix(number string) string {
	p, _, _, err := data.ParseDocNumber(number)
	if err != nil {
		return ""
	}
	return p
}

// uniqueNumber turns a duplicate-number failure into a message (it needs two registers
// configured with the same prefix; SetDocNumbering refuses that).
func uniqueNumber(err error, number string) error {
	if isUniqueViolation(err) { // doc_number is the only unique column the signing UPDATE sets
		return &data.Error{Kind: data.ErrConflict, Err: err,
			Message: fmt.Sprintf("文号“%s”已被使用：请检查文号设置，不同类别的文书不能使用相同的前缀", number)}
	}
	return err
}

// CreateDecisionDraft saves a new 社会救助决定书 draft for a resident. The applicant's name,
// ID number, address and household size come from the resident record, the authority and the
// remedy clause's 人民政府 and 人民法院 from the office settings; d supplies the decision.
// Full validation happens when it is signed.
func (db *DB) CreateDecisionDraft(ctx context.Context, residentID int64, d data.Decision) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		if err := tx.checkDraftDecision(&d); err != nil {
			return err
		}
		if err := tx.fillDecision(&d, residentID); err != nil {
			return err
		}
		d.DocNumber = ""
		doc := data.Document{DocumentRow: data.DocumentRow{Kind: data.DocDecision, Programme: d.Programme, Outcome: d.Outcome,
			Title: d.Title(), Applicant: d.Applicant, ResidentID: residentID, Status: data.DocDraft}, Decision: &d}
		if d.Corrects != "" {
			if err := tx.linkCorrection(&doc, d.Corrects); err != nil {
				return err
			}
		}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		id = doc.ID
		return tx.Audit("create", "documents", id, nil, docAudit(doc))
	})
	return id, err
}

// linkCorrection points a draft at the signed document of that number it corrects.
func (tx *Tx) linkCorrection(doc *data.Document, number string) error {
	var id int64
	err := tx.QueryRowContext(tx.ctx, "SELECT id FROM documents WHERE doc_number = ?", number).Scan(&id)
	if isNoRows(err) {
		return data.Invalid("corrects", "找不到被更正的文书“%s”", number)
	}
	doc.CorrectsID = id
	return err
}

func docAudit(d data.Document) map[string]any {
	return map[string]any{"kind": d.Kind, "title": d.Title, "applicant": d.Applicant, "resident_id": d.ResidentID,
		"status": d.Status, "doc_number": d.DocNumber, "corrects_id": d.CorrectsID, "content": d.Content()}
}

// editableDraft loads a document that must still be a draft of kind.
func (tx *Tx) editableDraft(id int64, kind data.DocKind) (data.Document, error) {
	if err := tx.checkSeen("documents", id); err != nil {
		return data.Document{}, err
	}
	d, err := tx.document(id)
	if err != nil {
		return d, err
	}
	switch d.Status {
	case data.DocSigned:
		return d, data.Conflict(msgFrozen)
	case data.DocVoided:
		return d, data.Conflict(msgVoidedDoc)
	}
	if d.Kind != kind {
		return d, data.Invalid("kind", "该文书是%s，不是%s", d.Kind, kind)
	}
	return d, nil
}

// saveDraft writes a draft's new content, only while it is still a draft.
func (tx *Tx) saveDraft(old, doc data.Document) error {
	res, err := tx.ExecContext(tx.ctx, `UPDATE documents SET programme = ?, outcome = ?, title = ?, applicant = ?,
		updated_at = ? WHERE id = ? AND status = 'draft'`,
		string(doc.Programme), string(doc.Outcome), doc.Title, doc.Applicant, ts(tx.now), doc.ID)
	if err := stillDraft(res, err); err != nil {
		return err
	}
	content, err := tx.sealContent(doc.ID, doc.Content())
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET content = ? WHERE document_id = ?", content, doc.ID); err != nil {
		return err
	}
	return tx.Audit("update", "documents", doc.ID, docAudit(old), docAudit(doc))
}

func stillDraft(res sql.Result, err error) error {
	if err != nil {
		if isTriggerAbort(err) {
			return data.Conflict(msgFrozen)
		}
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return data.Conflict(msgFrozen)
	}
	return nil
}

// UpdateDraft saves changes to a decision draft. The applicant's details are read again from
// the resident record. A signed document is refused: corrections are a new document.
func (db *DB) UpdateDraft(ctx context.Context, id int64, d data.Decision) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.editableDraft(id, data.DocDecision)
		if err != nil {
			return err
		}
		if err := tx.checkDraftDecision(&d); err != nil {
			return err
		}
		if err := tx.fillDecision(&d, old.ResidentID); err != nil {
			return err
		}
		d.DocNumber, d.Corrects = "", old.Decision.Corrects
		doc := old
		doc.Decision, doc.Programme, doc.Outcome, doc.Title, doc.Applicant = &d, d.Programme, d.Outcome, d.Title(), d.Applicant
		return tx.saveDraft(old, doc)
	})
}

// CreateRejectionDraft saves a new 不予受理通知书 draft. residentID names the applicant from
// the residents (0 when the applicant is not registered here: then r.Applicant is used).
// The authority and the remedy clause come from the office settings.
func (db *DB) CreateRejectionDraft(ctx context.Context, residentID int64, r data.RejectionNotice) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.fillRejection(&r, residentID); err != nil {
			return err
		}
		doc := data.Document{DocumentRow: data.DocumentRow{Kind: data.DocRejectionNotice, Title: "不予受理通知书", Applicant: r.Applicant,
			ResidentID: residentID, Status: data.DocDraft}, RejectionNotice: &r}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		id = doc.ID
		return tx.Audit("create", "documents", id, nil, docAudit(doc))
	})
	return id, err
}

func (tx *Tx) fillRejection(r *data.RejectionNotice, residentID int64) error {
	o, err := tx.office()
	if err != nil {
		return err
	}
	return tx.fillRejectionFrom(r, residentID, o)
}

func (tx *Tx) fillRejectionFrom(r *data.RejectionNotice, residentID int64, o data.Office) error {
	if residentID != 0 {
		res, _, err := tx.loadApplicant(residentID)
		if err != nil {
			return err
		}
		r.Applicant = res.Name
	}
	r.Applicant = strings.TrimSpace(r.Applicant)
	if r.Applicant == "" {
		return data.Invalid("applicant", "请填写申请人姓名，或从居民档案中选择")
	}
	r.Authority, r.Government, r.Court, r.DocNumber = o.Name, o.Government, o.Court, ""
	return nil
}

// UpdateRejectionDraft saves changes to a 不予受理通知书 draft.
func (db *DB) UpdateRejectionDraft(ctx context.Context, id int64, r data.RejectionNotice) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.editableDraft(id, data.DocRejectionNotice)
		if err != nil {
			return err
		}
		if err := tx.fillRejection(&r, old.ResidentID); err != nil {
			return err
		}
		doc := old
		doc.RejectionNotice, doc.Applicant = &r, r.Applicant
		return tx.saveDraft(old, doc)
	})
}
