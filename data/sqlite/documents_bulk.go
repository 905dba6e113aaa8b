package sqlite

import (
	"context"
	"fmt"
	"strconv"

	"taizhang/data"
)

// ---- bulk (demo) ----

// BulkSignDocuments signs many documents fast, for the large demo office: batches of 2,000 per
// transaction, one audit entry per batch, each document validated and numbered as
// SignDocument would, with the applicant read from the resident record. Their PDFs are not
// rendered here (20,000 letters would take minutes): each is rendered from its frozen
// content and recorded fonts at its first print and kept from then on. Documents must come
// in date order so that numbers follow dates. Reviewers and administrators only. It returns
// the new ids in order.
func (db *DB) BulkSignDocuments(ctx context.Context, docs []data.BulkDocument) ([]int64, error) {
	const batch = 2000
	ids := make([]int64, 0, len(docs))
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		err := db.write(ctx, func(tx *Tx) error {
			if err := tx.require(data.ActReview); err != nil {
				return err
			}
			if err := tx.ensureDocCatalogs(); err != nil {
				return err
			}
			b := docBulkState{numbering: map[string]data.DocNumbering{}}
			var err error
			if _, b.fonts, err = tx.db.currentFonts(tx.ctx, tx); err != nil {
				return err
			}
			if b.office, err = db.Office(tx.ctx); err != nil {
				return err
			}
			var first, last int64
			for i := start; i < end; i++ {
				id, err := tx.bulkSign(docs[i], &b)
				if err != nil {
					return fmt.Errorf("document %d: %w", i+1, err)
				}
				if first == 0 {
					first = id
				}
				last = id
				ids = append(ids, id)
			}
			// Each document's number, for check to compare the table with.
			numbers := map[string]string{}
			rows, err := tx.QueryContext(tx.ctx, "SELECT id, doc_number FROM documents WHERE id BETWEEN ? AND ?", first, last)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var num string
				if err := rows.Scan(&id, &num); err != nil {
					rows.Close()
					return err
				}
				numbers[strconv.FormatInt(id, 10)] = num
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			return tx.Audit("bulk_sign", "documents", first, nil, map[string]any{"count": end - start, "first_id": first, "last_id": last,
				"numbers": numbers, "aid_changes": b.aidChanges})
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// docBulkState is what a batch of BulkSignDocuments reads once.
type docBulkState struct {
	fonts     [2]data.FontChoice
	office    data.Office
	numbering map[string]data.DocNumbering
	// aidChanges counts the roster's cases made or changed by the batch, for its audit entry.
	aidChanges int
}

func (tx *Tx) bulkSign(b data.BulkDocument, st *docBulkState) (int64, error) {
	doc := data.Document{DocumentRow: data.DocumentRow{ResidentID: b.ResidentID, Status: data.DocSigned}, BodyFont: st.fonts[0], TitleFont: st.fonts[1]}
	var date data.Date
	switch {
	case b.Decision != nil:
		d := *b.Decision
		if err := tx.fillDecisionFrom(&d, b.ResidentID, st.office); err != nil {
			return 0, err
		}
		if err := d.Validate(); err != nil {
			return 0, err
		}
		if err := tx.fillRemedy(&d); err != nil {
			return 0, err
		}
		if err := tx.checkAid(0, b.ResidentID, 0, d); err != nil {
			return 0, err
		}
		doc.Kind, doc.Programme, doc.Outcome, doc.Decision, date = data.DocDecision, d.Programme, d.Outcome, &d, d.Date
	case b.RejectionNotice != nil:
		r := *b.RejectionNotice
		if err := tx.fillRejectionFrom(&r, b.ResidentID, st.office); err != nil {
			return 0, err
		}
		if err := r.Validate(); err != nil {
			return 0, err
		}
		if err := tx.fillRemedy(&r); err != nil {
			return 0, err
		}
		doc.Kind, doc.RejectionNotice, date = data.DocRejectionNotice, &r, r.Date
	case b.OneTimeNotice != nil:
		n := *b.OneTimeNotice
		if err := n.Validate(); err != nil {
			return 0, err
		}
		doc.Kind, doc.OneTimeNotice, date = data.DocOneTimeNotice, &n, n.Date
	default:
		return 0, data.Invalid("content", "没有文书内容")
	}
	if date.After(data.Today(tx.now)) {
		return 0, data.Invalid("date", "文书日期（%s）晚于今天", date.Chinese())
	}
	key := NumberingKey(doc.Kind, doc.Programme)
	n, ok := st.numbering[key]
	if !ok {
		var err error
		if n, err = tx.numbering(key, true); err != nil {
			return 0, err
		}
		st.numbering[key] = n
	}
	reg, _, num, err := tx.allocateIn(n, doc.Kind, date.Year)
	if err != nil {
		return 0, err
	}
	doc.NumKey, doc.DocNumber, doc.Date = reg.Key, num, date
	switch {
	case doc.Decision != nil:
		doc.Decision.DocNumber, doc.Title, doc.Applicant = num, doc.Decision.Title(), doc.Decision.Applicant
	case doc.RejectionNotice != nil:
		doc.RejectionNotice.DocNumber, doc.Title, doc.Applicant = num, "不予受理通知书", doc.RejectionNotice.Applicant
	default:
		doc.OneTimeNotice.DocNumber, doc.Title, doc.Applicant = num, doc.OneTimeNotice.Item+"一次性告知单", doc.OneTimeNotice.Applicant
	}
	if err := tx.insertDocument(&doc, nil); err != nil {
		return 0, err
	}
	if doc.Decision != nil && doc.Outcome != data.OutcomeRefuse { // a refusal changes no case
		changes, err := tx.aidChangesAfter(doc.ID)
		if err != nil {
			return 0, err
		}
		st.aidChanges += len(changes)
	}
	if b.Delivery != nil && doc.Kind != data.DocOneTimeNotice {
		r := *b.Delivery
		base := receiptOf(doc)
		r.Authority, r.DocName, r.DocNumber = base.Authority, base.DocName, base.DocNumber
		if r.Recipient == "" {
			r.Recipient = base.Recipient
		}
		if err := r.Validate(); err != nil {
			return 0, err
		}
		if r.Date.Before(date) || r.Date.After(data.Today(tx.now)) {
			return 0, data.Invalid("date", "送达日期（%s）不在文书日期与今天之间", r.Date.Chinese())
		}
		if err := tx.insertDelivery(doc.ID, r); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET delivered = 1 WHERE id = ?", doc.ID); err != nil {
			return 0, err
		}
	}
	return doc.ID, nil
}
