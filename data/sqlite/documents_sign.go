package sqlite

import (
	"context"
	"strings"

	"taizhang/data"
)

// ---- signing ----

// SignDocument issues (签发) a draft: reviewers and administrators only. It validates the
// content, dates it (the draft's date, or today), allocates the 文号 of its register in this
// transaction, renders the PDF with the office's fonts and keeps the bytes and the font
// choice. It returns the number. Any later change is refused.
func (db *DB) SignDocument(ctx context.Context, id int64) (string, error) {
	var number string
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActReview); err != nil {
			return data.Forbidden("只有审核人或管理员可以签发文书，请提交审核人签发")
		}
		if err := tx.checkSeen("documents", id); err != nil {
			return err
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		switch d.Status {
		case data.DocSigned:
			return data.Conflict("该文书已签发（%s），不能重复签发", d.DocNumber)
		case data.DocVoided:
			return data.Conflict("该文书已作废，不能签发")
		}
		if d.ResidentID != 0 {
			if _, _, err := tx.loadApplicant(d.ResidentID); err != nil {
				return err
			}
		}
		today := data.Today(tx.now)
		var date *data.Date
		var validate func() error
		switch d.Kind {
		case data.DocDecision:
			// A closure, not the method value: that would copy the decision before it is dated.
			date, validate = &d.Decision.Date, func() error { return d.Decision.Validate() }
		case data.DocRejectionNotice:
			date, validate = &d.RejectionNotice.Date, func() error { return d.RejectionNotice.Validate() }
		default:
			return data.Invalid("kind", "%s不需要签发", d.Kind)
		}
		if date.IsZero() {
			*date = today
		}
		if date.After(today) {
			return data.Invalid("date", "文书日期（%s）晚于今天，请改为签发当天或以前的日期", date.Chinese())
		}
		// Who decides and the remedy clause follow the settings in force when it is signed;
		// the clause is then frozen with the document.
		o, err := tx.office()
		if err != nil {
			return err
		}
		if d.Decision != nil {
			d.Decision.Government, d.Decision.Court = o.Government, o.Court
			if err := tx.applyCompetence(d.Decision, o); err != nil {
				return err
			}
		} else {
			d.RejectionNotice.Government, d.RejectionNotice.Court = o.Government, o.Court
		}
		if err := validate(); err != nil {
			return err
		}
		if d.Decision != nil {
			if err := tx.checkAid(id, d.ResidentID, d.CorrectsID, *d.Decision); err != nil {
				return err
			}
		}
		if err := tx.fillRemedy(d.Content()); err != nil {
			return err
		}
		reg, seq, num, err := tx.allocateNumber(d.Kind, d.Programme, date.Year)
		if err != nil {
			return err
		}
		if d.Decision != nil {
			d.Decision.DocNumber = num
		} else {
			d.RejectionNotice.DocNumber = num
		}
		// Rendered inside the transaction: the bytes are frozen with the number they carry.
		opts, fonts, err := tx.db.currentFonts(tx.ctx, tx)
		if err != nil {
			return err
		}
		pdf, err := tx.db.renderDoc(d.Content(), opts)
		if err != nil {
			return err
		}
		sum := sha256Hex(pdf)
		sealedPDF, sealedSum, err := tx.sealPDF(id, pdf)
		if err != nil {
			return err
		}
		// The body first, while the document is still a draft (the freeze trigger).
		content, err := tx.sealContent(id, d.Content())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET content = ?, pdf = ? WHERE document_id = ?",
			content, sealedPDF, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE documents SET status = 'signed', num_key = ?, doc_number = ?, prefix = ?,
			year = ?, seq = ?, doc_date = ?, body_font = ?, body_font_sha = ?, title_font = ?, title_font_sha = ?,
			signed_by = ?, signed_by_name = ?, signed_at = ?, updated_at = ?, pdf_sha256 = ?, pdf_sealed_sha256 = ?
			WHERE id = ? AND status = 'draft'`,
			reg.Key, num, reg.Prefix, date.Year, seq, *date, fonts[0].Path, fonts[0].SHA256,
			fonts[1].Path, fonts[1].SHA256, tx.user.ID, tx.user.Name, ts(tx.now), ts(tx.now), sum, sealedSum, id)
		if err != nil {
			return uniqueNumber(err, num)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("该文书已被他人签发或作废，请刷新后查看")
		}
		number = num
		if err := tx.Audit("sign", "documents", id, map[string]any{"status": data.DocDraft},
			map[string]any{"status": data.DocSigned, "doc_number": num, "date": *date, "pdf_sha256": sum, "pdf_sealed_sha256": sealedSum,
				"body_font": fonts[0], "title_font": fonts[1]}); err != nil {
			return err
		}
		if d.Kind != data.DocDecision {
			return nil
		}
		return tx.aidAfter(id) // the roster follows the signed decision
	})
	return number, err
}

// CreateOneTimeNotice makes a 一次性告知单 for a catalog item: brought[i] marks the i-th
// material as already brought. The notice needs no reviewer: it is numbered in the
// one-time-notice register (告知〔2026〕1号, so its stub can be found), dated today, signed
// by the clerk who makes it and rendered at once; the office's address and phone are its
// contact.
func (db *DB) CreateOneTimeNotice(ctx context.Context, itemName, applicant string, brought []bool) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		items, err := serviceItems(tx.ctx, tx, strings.TrimSpace(itemName))
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return data.NotFound("事项目录中没有“%s”，请从列表中选择", itemName)
		}
		n := items[0].Notice(brought)
		o, err := tx.office()
		if err != nil {
			return err
		}
		var contact []string
		if o.Address != "" {
			contact = append(contact, o.Address)
		}
		if o.Phone != "" {
			contact = append(contact, "电话 "+o.Phone)
		}
		if len(contact) == 0 {
			return data.Invalid("contact", "单位的地址和电话尚未设置：告知单须印出联系方式，请管理员先在设置中填写")
		}
		n.Authority, n.Applicant, n.Contact = o.Name, strings.TrimSpace(applicant), strings.Join(contact, "，")
		n.Clerk, n.Date = tx.user.Name, data.Today(tx.now)
		if err := n.Validate(); err != nil {
			return err
		}
		reg, _, num, err := tx.allocateNumber(data.DocOneTimeNotice, "", n.Date.Year)
		if err != nil {
			return err
		}
		n.DocNumber = num
		opts, fonts, err := tx.db.currentFonts(tx.ctx, tx)
		if err != nil {
			return err
		}
		pdf, err := tx.db.renderDoc(&n, opts)
		if err != nil {
			return err
		}
		doc := data.Document{DocumentRow: data.DocumentRow{Kind: data.DocOneTimeNotice, Title: n.Item + "一次性告知单", Applicant: n.Applicant,
			Status: data.DocSigned, NumKey: reg.Key, DocNumber: num, Date: n.Date}, OneTimeNotice: &n, BodyFont: fonts[0], TitleFont: fonts[1]}
		if err := tx.insertDocument(&doc, pdf); err != nil {
			return err
		}
		id = doc.ID
		a := docAudit(doc)
		a["pdf_sha256"] = doc.PDFSHA256
		a["pdf_sealed_sha256"] = doc.PDFSealedSHA256
		return tx.Audit("create", "documents", id, nil, a)
	})
	return id, err
}

// CorrectDocument starts a correction of a signed decision or non-acceptance notice: a new
// draft with the same content, the applicant read again from the resident record, and (for
// a decision) the old number in Corrects. The old document stays as it is; void it if it
// must no longer stand.
func (db *DB) CorrectDocument(ctx context.Context, id int64) (int64, error) {
	var newID int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.document(id)
		if err != nil {
			return err
		}
		if old.DocNumber == "" {
			return data.Conflict("草稿可以直接修改，不需要更正文书")
		}
		doc := data.Document{DocumentRow: data.DocumentRow{Kind: old.Kind, Programme: old.Programme, Outcome: old.Outcome, Title: old.Title,
			Applicant: old.Applicant, ResidentID: old.ResidentID, Status: data.DocDraft, CorrectsID: old.ID}}
		switch old.Kind {
		case data.DocDecision:
			d := *old.Decision
			d.DocNumber, d.Date, d.Corrects = "", data.Date{}, old.DocNumber
			if old.ResidentID != 0 {
				if err := tx.fillDecision(&d, old.ResidentID); err != nil {
					return err
				}
			}
			doc.Decision, doc.Applicant = &d, d.Applicant
		case data.DocRejectionNotice:
			r := *old.RejectionNotice
			r.Date = data.Date{}
			if err := tx.fillRejection(&r, old.ResidentID); err != nil {
				return err
			}
			doc.RejectionNotice, doc.Applicant = &r, r.Applicant
		default:
			return data.Invalid("kind", "一次性告知单不需要更正：请重新制作一份")
		}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		newID = doc.ID
		return tx.Audit("correct", "documents", newID, map[string]any{"corrects": old.DocNumber}, docAudit(doc))
	})
	return newID, err
}

// VoidDocument voids a document with a reason. It stays in the list with the reason; a signed
// document's number stays accounted for in its register and is never reused. Voiding a
// signed document needs a reviewer; a clerk may void (discard) a draft.
func (db *DB) VoidDocument(ctx context.Context, id int64, reason string) error {
	reason, err := data.CheckVoidReason(reason)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.checkSeen("documents", id); err != nil {
			return err
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		if !d.Status.CanTransition(data.DocVoided) {
			return data.Conflict("该文书已作废（原因：%s）", d.VoidReason)
		}
		if d.Status == data.DocSigned && !tx.user.Role.Can(data.ActReview) {
			return data.Forbidden("已签发的文书只能由审核人或管理员作废")
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE documents SET status = 'voided', void_reason = ?, voided_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			reason, ts(tx.now), ts(tx.now), id, string(d.Status))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("该文书的状态已被他人改变，请刷新后再试")
		}
		if err := tx.Audit("void", "documents", id, map[string]any{"status": d.Status, "doc_number": d.DocNumber},
			map[string]any{"status": data.DocVoided, "reason": reason}); err != nil {
			return err
		}
		if d.Kind != data.DocDecision || d.Status != data.DocSigned {
			return nil
		}
		return tx.aidAfter(id) // a voided decision counts for nothing
	})
}
