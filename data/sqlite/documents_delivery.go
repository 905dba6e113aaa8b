package sqlite

import (
	"context"
	"strings"

	"taizhang/data"
)

// ---- deliveries ----

func receiptOf(d data.Document) data.DeliveryReceipt {
	r := data.DeliveryReceipt{DocName: d.Title, DocNumber: d.DocNumber, Recipient: d.Applicant}
	if d.Decision != nil {
		r.Authority, r.Place = d.Decision.Authority, d.Decision.Address
	} else if d.RejectionNotice != nil {
		r.Authority = d.RejectionNotice.Authority
	}
	return r
}

// DeliveryReceiptPDF writes the 送达回证 of a signed decision: the document's name and number,
// recipient and address filled in and the signature blanks empty; once the delivery is
// recorded, the recorded method, date, people and reason are filled in as well.
func (db *DB) DeliveryReceiptPDF(ctx context.Context, docID int64) ([]byte, error) {
	// The place is the applicant's address, or the recorded delivery place: both sealed.
	if _, err := db.needKey(); err != nil {
		return nil, err
	}
	d, err := db.Document(ctx, docID)
	if err != nil {
		return nil, err
	}
	if err := d.CheckDeliverable(); err != nil {
		return nil, err
	}
	r := receiptOf(d)
	if d.Delivery != nil {
		r = d.Delivery.DeliveryReceipt
		r.Authority = receiptOf(d).Authority
	}
	if err := r.ValidateForm(); err != nil {
		return nil, err
	}
	fonts, _, err := db.currentFonts(ctx, db.db)
	if err != nil {
		return nil, err
	}
	rd, err := db.renderer()
	if err != nil {
		return nil, err
	}
	return rd.DeliveryReceipt(r, fonts)
}

// RecordDelivery records the 送达 of a signed decision (or non-acceptance notice): method,
// date, place, recipient, server, and for 留置 the witness and the reason of the refusal. The
// document's name, number and authority come from the document; the recipient defaults to
// the applicant. The date may not precede the document's date nor follow today. The decision
// then leaves the "awaiting delivery" list.
func (db *DB) RecordDelivery(ctx context.Context, docID int64, r data.DeliveryReceipt) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(docID)
		if err != nil {
			return err
		}
		if err := d.CheckDeliverable(); err != nil {
			return err
		}
		if d.Delivered {
			return data.Conflict("文书 %s 已记录送达，不能重复记录", d.DocNumber)
		}
		base := receiptOf(d)
		r.Authority, r.DocName, r.DocNumber = base.Authority, base.DocName, base.DocNumber
		if strings.TrimSpace(r.Recipient) == "" {
			r.Recipient = base.Recipient
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if r.Date.Before(d.Date) {
			return data.Invalid("date", "送达日期（%s）早于文书签发日期（%s），请核对", r.Date.Chinese(), d.Date.Chinese())
		}
		if r.Date.After(data.Today(tx.now)) {
			return data.Invalid("date", "送达日期（%s）晚于今天，请核对", r.Date.Chinese())
		}
		if err := tx.insertDelivery(docID, r); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE documents SET delivered = 1, updated_at = ? WHERE id = ? AND status = 'signed' AND delivered = 0", ts(tx.now), docID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("文书 %s 的状态已被他人改变，请刷新后再试", d.DocNumber)
		}
		return tx.Audit("deliver", "documents", docID, nil, r)
	})
}

func (tx *Tx) insertDelivery(docID int64, r data.DeliveryReceipt) error {
	var uid int64
	uname := "系统"
	if tx.user != nil {
		uid, uname = tx.user.ID, tx.user.Name
	}
	// The place is mostly the applicant's home: sealed like their address (crypt.go).
	k, err := tx.needKey()
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO deliveries (document_id, method, delivered_on, place, recipient, server, witness,
		refusal_reason, note, agent, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		docID, string(r.Method), r.Date, k.seal(strings.TrimSpace(r.Place), deliveryPlace(docID)), strings.TrimSpace(r.Recipient), strings.TrimSpace(r.Server),
		strings.TrimSpace(r.Witness), strings.TrimSpace(r.RefusalReason), strings.TrimSpace(r.Note), strings.TrimSpace(r.Agent),
		nullID(uid), uname, ts(tx.now))
	return err
}

// sqlAwaiting is data.DocumentRow.AwaitingDelivery in SQL.
const sqlAwaiting = "kind = 'decision' AND status = 'signed' AND delivered = 0"

// AwaitingDelivery counts the signed decisions not yet delivered, for the dashboard.
func (db *DB) AwaitingDelivery(ctx context.Context) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE "+sqlAwaiting).Scan(&n)
	return n, err
}

// DocumentStats returns, for `taizhang stats` and the statistics page, the documents signed
// in [from, to] (zero: unbounded) and not voided, of every kind (documents.issued), and the
// signed decisions awaiting delivery now (documents.awaiting_delivery; a state, so not
// bounded by the period).
func (db *DB) DocumentStats(ctx context.Context, from, to data.Date) (issued, awaitingDelivery int, err error) {
	q := "SELECT count(*) FROM documents WHERE status = 'signed'"
	var args []any
	if !from.IsZero() {
		q += " AND doc_date >= ?"
		args = append(args, from)
	}
	if !to.IsZero() {
		q += " AND doc_date <= ?"
		args = append(args, to)
	}
	if err = db.db.QueryRowContext(ctx, q, args...).Scan(&issued); err != nil {
		return 0, 0, err
	}
	awaitingDelivery, err = db.AwaitingDelivery(ctx)
	return issued, awaitingDelivery, err
}

// deliveryPlace is where a document's delivery place is sealed.
func deliveryPlace(docID int64) string { return placeOf("deliveries", "place", docID) }
