package sqlite

import (
	"context"
	"encoding/json"
	"strings"

	"taizhang/data"
)

// 动态管理 (data/aid_review.go): the review rules, recorded 入户核查 and the 待核查 queue.

// AidReviewRules returns the review rules in force (the defaults until an administrator
// changes them).
func (db *DB) AidReviewRules(ctx context.Context) ([]data.AidReviewRule, error) {
	v, err := db.Setting(ctx, data.KeyAidReviewRules)
	if err != nil {
		return nil, err
	}
	return data.ParseAidReviewRules(v)
}

// SetAidReviewRules replaces the review rules (administrators), audited.
func (db *DB) SetAidReviewRules(ctx context.Context, rules []data.AidReviewRule) error {
	if err := data.ValidateAidReviewRules(rules); err != nil {
		return err
	}
	b, err := json.Marshal(rules)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return data.Forbidden("只有管理员可以修改核查规则")
		}
		return tx.SetSetting(data.KeyAidReviewRules, string(b))
	})
}

// lastReviews returns, per subject, the latest review not voided: its date and category.
func lastReviews(ctx context.Context, q docQuerier) (map[aidSubjectKey]data.AidReview, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, case_id, resident_id, programme, reviewed_on, category, finding
		FROM aid_reviews WHERE voided = 0 ORDER BY reviewed_on, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[aidSubjectKey]data.AidReview{}
	for rows.Next() {
		var r data.AidReview
		var k aidSubjectKey
		var on, category, finding string
		if err := rows.Scan(&r.ID, &r.CaseID, &k.resident, &k.programme, &on, &category, &finding); err != nil {
			return nil, err
		}
		r.Date, _ = data.ParseDate(on)
		r.Category, r.Finding = data.AidCategory(category), data.AidFinding(finding)
		out[k] = r
	}
	return out, rows.Err()
}

type aidSubjectKey struct {
	resident  int64
	programme string
}

// reviewState fills a row's review columns: the last review of its case (one before the
// case started does not count), the category and the due date.
func reviewState(r *data.AidRow, last map[aidSubjectKey]data.AidReview, rules []data.AidReviewRule) {
	rv, ok := last[aidSubjectKey{r.ResidentID, string(r.Programme)}]
	if ok && data.MonthOf(rv.Date) >= r.Start {
		r.LastReview, r.Category = rv.Date, rv.Category
	}
	if r.Category == "" {
		r.Category = data.AidStable
	}
	if r.Case.End == 0 {
		r.Due = data.ReviewDue(r.Case, r.LastReview, r.Category, rules)
	}
}

// RecordAidReview records a 入户核查 of case caseID (clerks and above), audited. A finding
// of a change also makes the 增发, 减发 or 停发 draft, prefilled from the case (the amount in
// force as 原金额, the review's date and note as the investigation, from next month); its id
// is returned (0 for no change), so the clerk can finish and submit it.
func (db *DB) RecordAidReview(ctx context.Context, caseID int64, r data.AidReview) (reviewID, draftID int64, err error) {
	err = db.write(ctx, func(tx *Tx) error {
		reviewID, draftID, err = tx.RecordAidReview(caseID, r)
		return err
	})
	return reviewID, draftID, err
}

// RecordAidReview is RecordAidReview inside tx (the demo records many in one transaction).
func (tx *Tx) RecordAidReview(caseID int64, r data.AidReview) (reviewID, draftID int64, err error) {
	r.Note, r.Reviewer = strings.TrimSpace(r.Note), strings.TrimSpace(r.Reviewer)
	err = func() error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		today := data.Today(tx.now)
		if err := r.Validate(today); err != nil {
			return err
		}
		cases, err := storedAid(tx.ctx, tx, "a.id = ?", caseID)
		if err != nil {
			return err
		}
		if len(cases) == 0 {
			return data.NotFound("救助对象台账中没有第 %d 条记录（可能已因决定书作废或更正而撤销），请刷新后再试", caseID)
		}
		c := cases[0]
		m := data.MonthOf(r.Date)
		per, running := c.In(m)
		if c.Programme.OneOff() || !running {
			return data.Conflict("该对象%s没有在保的%s，不需要核查", m.Chinese(), c.Programme)
		}
		if r.Finding != data.FindingNoChange {
			d := data.Decision{Programme: c.Programme, Outcome: r.Finding.Outcome(), Investigated: r.Date,
				Facts: r.Note, AmountBefore: per.Amount, Effective: (data.MonthOf(today) + 1).First(),
				Bases: data.SuggestedBases(c.Programme, r.Finding.Outcome())}
			if err := tx.ensureDocCatalogs(); err != nil {
				return err
			}
			if err := tx.fillDecision(&d, c.ResidentID); err != nil {
				return err
			}
			doc := data.Document{DocumentRow: data.DocumentRow{Kind: data.DocDecision, Programme: d.Programme, Outcome: d.Outcome,
				Title: d.Title(), Applicant: d.Applicant, ResidentID: c.ResidentID, Status: data.DocDraft}, Decision: &d}
			if err := tx.insertDocument(&doc, nil); err != nil {
				return err
			}
			draftID = doc.ID
			if err := tx.Audit("create", "documents", draftID, nil, docAudit(doc)); err != nil {
				return err
			}
		}
		var by any
		name := ""
		if tx.user != nil {
			by, name = tx.user.ID, tx.user.Name
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO aid_reviews (case_id, resident_id, programme, reviewed_on, category, finding, note,
			reviewer, draft_id, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			caseID, c.ResidentID, string(c.Programme), r.Date, string(r.Category), string(r.Finding), r.Note, r.Reviewer,
			nullID(draftID), by, name, ts(tx.now)).Scan(&reviewID); err != nil {
			return err
		}
		return tx.Audit("create", "aid_reviews", reviewID, nil, map[string]any{"case_id": caseID, "date": r.Date,
			"category": r.Category, "finding": r.Finding, "reviewer": r.Reviewer, "draft_id": draftID})
	}()
	return reviewID, draftID, err
}

// AidReviews returns the reviews of a resident's programme, newest first.
func (db *DB) AidReviews(ctx context.Context, resident int64, p data.Programme) ([]data.AidReview, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, case_id, reviewed_on, category, finding, note, reviewer, created_by_name
		FROM aid_reviews WHERE resident_id = ? AND programme = ? AND voided = 0 ORDER BY reviewed_on DESC, id DESC`, resident, string(p))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AidReview
	for rows.Next() {
		var r data.AidReview
		var on, category, finding string
		if err := rows.Scan(&r.ID, &r.CaseID, &on, &category, &finding, &r.Note, &r.Reviewer, &r.RecordedBy); err != nil {
			return nil, err
		}
		r.Date, _ = data.ParseDate(on)
		r.Category, r.Finding = data.AidCategory(category), data.AidFinding(finding)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AidDueCounts returns how many running cases are due for review by the end of today's
// month (待核查) and how many of them are past their due date (逾期).
func (db *DB) AidDueCounts(ctx context.Context) (due, overdue int, err error) {
	today := data.Today(db.Now())
	l, err := db.AidRoster(ctx, data.AidFilter{Month: data.MonthOf(today), Status: data.AidDue})
	if err != nil {
		return 0, 0, err
	}
	for _, r := range l.Rows {
		if r.Due.Before(today) {
			overdue++
		}
	}
	return l.Total, overdue, nil
}
