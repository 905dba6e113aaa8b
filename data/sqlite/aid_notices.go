package sqlite

import (
	"context"
	"strings"

	"taizhang/data"
)

// 一次性告知 that counts trips (data/aid_notice.go): the returns of applicants after a
// 一次性告知单, and the figures.

// RecordNoticeReturn records that the applicant of notice noticeID came back (clerks and
// above), audited. A notice whose matter is done takes no more returns.
func (db *DB) RecordNoticeReturn(ctx context.Context, noticeID int64, r data.NoticeReturn) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) (err error) {
		id, err = tx.RecordNoticeReturn(noticeID, r)
		return err
	})
	return id, err
}

// RecordNoticeReturn is RecordNoticeReturn inside tx (the demo records many in one
// transaction).
func (tx *Tx) RecordNoticeReturn(noticeID int64, r data.NoticeReturn) (int64, error) {
	r.Application, r.Note = strings.TrimSpace(r.Application), strings.TrimSpace(r.Note)
	var id int64
	err := func() error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(noticeID)
		if err != nil {
			return err
		}
		if d.Kind != data.DocOneTimeNotice {
			return data.Invalid("kind", "只有一次性告知单可以登记补齐材料")
		}
		if d.Status != data.DocSigned {
			return data.Conflict("该告知单已作废，不能登记")
		}
		if err := r.Validate(d.Date, data.Today(tx.now)); err != nil {
			return err
		}
		var done int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM notice_returns WHERE notice_id = ? AND complete = 1 AND voided = 0",
			noticeID).Scan(&done); err != nil {
			return err
		}
		if done > 0 {
			return data.Conflict("该告知单的事项已办成（材料已齐全），不需要再登记")
		}
		if r.Application != "" {
			var n int
			if err := tx.QueryRowContext(tx.ctx, `SELECT (SELECT count(*) FROM documents WHERE doc_number = ?)
				+ (SELECT count(*) FROM paper_documents WHERE doc_number = ?)`, r.Application, r.Application).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return data.Invalid("application", "没有文号为“%s”的文书：请核对文号，或留空", r.Application)
			}
		}
		var by any
		name := ""
		if tx.user != nil {
			by, name = tx.user.ID, tx.user.Name
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO notice_returns (notice_id, returned_on, complete, application, note,
			created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			noticeID, r.Date, r.Complete, r.Application, r.Note, by, name, ts(tx.now)).Scan(&id); err != nil {
			return err
		}
		return tx.Audit("create", "notice_returns", id, nil, map[string]any{"notice": d.DocNumber, "date": r.Date,
			"complete": r.Complete, "application": r.Application})
	}()
	return id, err
}

// NoticeReturns returns the returns recorded for a notice, in date order.
func (db *DB) NoticeReturns(ctx context.Context, noticeID int64) ([]data.NoticeReturn, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, returned_on, complete, application, note, created_by_name FROM notice_returns
		WHERE notice_id = ? AND voided = 0 ORDER BY returned_on, id`, noticeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.NoticeReturn
	for rows.Next() {
		r := data.NoticeReturn{NoticeID: noticeID}
		var on string
		if err := rows.Scan(&r.ID, &on, &r.Complete, &r.Application, &r.Note, &r.RecordedBy); err != nil {
			return nil, err
		}
		r.Date, _ = data.ParseDate(on)
		out = append(out, r)
	}
	return out, rows.Err()
}

// NoticeFigures counts the notices dated from..to (either may be zero: unbounded) with their
// returns up to asOf (data.NoticeFiguresDefinition).
func (db *DB) NoticeFigures(ctx context.Context, from, to, asOf data.Date) (data.NoticeFigures, error) {
	q := `SELECT d.id, d.title, COALESCE(r.complete, -1) FROM documents d
		LEFT JOIN notice_returns r ON r.notice_id = d.id AND r.voided = 0 AND r.returned_on <= ?
		WHERE d.kind = 'one_time_notice' AND d.status = 'signed'`
	args := []any{asOf}
	if !from.IsZero() {
		q += " AND d.doc_date >= ?"
		args = append(args, from)
	}
	if !to.IsZero() {
		q += " AND d.doc_date <= ?"
		args = append(args, to)
	}
	rows, err := db.db.QueryContext(ctx, q+" ORDER BY d.id, r.returned_on, r.id", args...)
	if err != nil {
		return data.NoticeFigures{}, err
	}
	defer rows.Close()
	var facts []data.NoticeFact
	last := int64(0)
	for rows.Next() {
		var id int64
		var title string
		var complete int
		if err := rows.Scan(&id, &title, &complete); err != nil {
			return data.NoticeFigures{}, err
		}
		if id != last {
			facts = append(facts, data.NoticeFact{Item: strings.TrimSuffix(title, "一次性告知单")})
			last = id
		}
		if complete >= 0 {
			f := &facts[len(facts)-1]
			f.Returns = append(f.Returns, complete == 1)
		}
	}
	if err := rows.Err(); err != nil {
		return data.NoticeFigures{}, err
	}
	return data.ComputeNoticeFigures(facts), nil
}
