package sqlite

import (
	"context"
	"strings"

	"taizhang/data"
)

// IssueFacts reads, in one SELECT, what data.ComputeIssueFigures needs of every issue found in
// [from, to] (zero: unbounded) in one community (0: all): the dashboard, the statistics page
// and `taizhang stats --json` all compute their figures from it, so they cannot disagree.
// The visit reported is the latest on or before the period end (the earlier of to and today).
func (db *DB) IssueFacts(ctx context.Context, from, to data.Date, communityID int64) ([]data.IssueFact, error) {
	asOf := db.today()
	if !to.IsZero() && to.Before(asOf) {
		asOf = to
	}
	q := `SELECT i.found_on, i.deadline, i.closed_on, i.status,
		(SELECT e.on_date || ' ' || e.satisfaction FROM issue_events e
			WHERE e.issue_id = i.id AND e.action IN ('record_follow_up', 'reopen') AND e.on_date <= ?
			ORDER BY e.on_date DESC, e.id DESC LIMIT 1)
		FROM issues i WHERE ` + sqlNotVoided + " AND i.found_on <= ?"
	args := []any{asOf, asOf}
	if !from.IsZero() {
		q += " AND i.found_on >= ?"
		args = append(args, from)
	}
	if communityID != 0 {
		q += " AND i.community_id = ?"
		args = append(args, communityID)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.IssueFact
	for rows.Next() {
		var f data.IssueFact
		var status string
		var visit *string
		if err := rows.Scan(&f.FoundOn, &f.Deadline, &f.ClosedOn, &status, &visit); err != nil {
			return nil, err
		}
		f.Status = data.IssueStatus(status)
		if visit != nil {
			day, sat, _ := strings.Cut(*visit, " ")
			if err := f.FollowUpOn.Scan(day); err != nil {
				return nil, err
			}
			f.Satisfaction = data.Satisfaction(sat)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// IssueFigures computes the office's rectification figures for a period and community, as
// data.FiguresDefinition defines them.
func (db *DB) IssueFigures(ctx context.Context, from, to data.Date, communityID int64) (data.IssueFigures, error) {
	facts, err := db.IssueFacts(ctx, from, to, communityID)
	if err != nil {
		return data.IssueFigures{}, err
	}
	return data.ComputeIssueFigures(facts, from, to, db.today()), nil
}

// Stats computes the figures of every ledger for a period and community.
func (db *DB) Stats(ctx context.Context, f data.StatsFilter) (data.Stats, error) {
	var s data.Stats
	s.Period = data.StatsPeriod{From: f.From, To: f.To, CommunityID: f.CommunityID}
	if f.CommunityID != 0 {
		err := db.db.QueryRowContext(ctx, "SELECT name FROM communities WHERE id = ?", f.CommunityID).Scan(&s.Period.Community)
		if isNoRows(err) {
			return s, data.NotFound("社区不存在（编号 %d）", f.CommunityID)
		}
		if err != nil {
			return s, err
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return s, data.Invalid("to", "统计截止日（%s）不能早于起始日（%s）", f.To, f.From)
	}
	var err error
	if s.Issues, err = db.IssueFigures(ctx, f.From, f.To, f.CommunityID); err != nil {
		return s, err
	}
	s.Period.AsOf = s.Issues.AsOf
	if s.Documents.Issued, s.Documents.AwaitingDelivery, err = db.DocumentStats(ctx, f.From, f.To); err != nil {
		return s, err
	}
	if s.Services, err = db.ServiceStats(ctx, f.From, f.To, f.CommunityID); err != nil {
		return s, err
	}
	if s.Certifications, err = db.CertFigures(ctx, s.Period.AsOf, f.CommunityID); err != nil {
		return s, err
	}
	if s.Aid, err = db.AidStats(ctx, data.MonthOf(f.From), data.MonthOf(s.Period.AsOf), f.CommunityID); err != nil {
		return s, err
	}
	if s.Notices, err = db.NoticeFigures(ctx, f.From, s.Period.AsOf, s.Period.AsOf); err != nil {
		return s, err
	}
	return s, nil
}
