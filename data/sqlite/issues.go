package sqlite

import (
	"context"
	"database/sql"

	"taizhang/data"
)

// The issue ledger 问题台账 and its rectification tracking 整改跟踪. Every user action is one
// transaction that checks the move with data.IssueMove (who may, from which status, with what
// reason), writes "UPDATE issues … WHERE id = ? AND status = ?", adds one row to the issue's
// history (issue_events) and one audit entry.

// Owners of issue attachments: files added to the issue as a whole, and evidence files of one
// history entry (a progress report, a close-out request).
const (
	ownerIssue      = "issues"
	ownerIssueEvent = "issue_events"
)

const issueCols = `i.id, i.number, i.found_on, i.source, i.category, i.description,
	COALESCE(i.community_id, 0), COALESCE(c.name, ''), COALESCE(i.grid_id, 0), COALESCE(g.name, ''), i.address,
	COALESCE(i.found_by_id, 0), i.found_by, i.tier, i.responsible_unit, i.responsible_person, i.deadline,
	i.deadline_workdays, i.measures, i.status, i.result, i.lasting_measure, i.closed_on, COALESCE(i.duplicate_of, 0),
	i.void_reason, i.pending_deadline, i.follow_up_on, i.satisfaction, i.followed_up, COALESCE(i.created_by, 0),
	i.created_at, i.updated_at`

const issueFrom = ` FROM issues i LEFT JOIN communities c ON c.id = i.community_id LEFT JOIN grids g ON g.id = i.grid_id`

func scanIssue(sc interface{ Scan(...any) error }, today data.Date) (data.IssueRow, error) {
	var r data.IssueRow
	var tier, status, sat, created, updated string
	var followedUp bool
	err := sc.Scan(&r.ID, &r.Number, &r.FoundOn, &r.Source, &r.Category, &r.Description,
		&r.CommunityID, &r.CommunityName, &r.GridID, &r.GridName, &r.Address,
		&r.FoundByID, &r.FoundBy, &tier, &r.ResponsibleUnit, &r.ResponsiblePerson, &r.Deadline,
		&r.DeadlineWorkdays, &r.Measures, &status, &r.Result, &r.LastingMeasure, &r.ClosedOn, &r.DuplicateOf,
		&r.VoidReason, &r.PendingDeadline, &r.FollowUpOn, &sat, &followedUp, &r.CreatedBy,
		&created, &updated)
	if err != nil {
		return r, err
	}
	r.Tier, r.Status, r.Satisfaction = data.Tier(tier), data.IssueStatus(status), data.Satisfaction(sat)
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	r.FollowUpDue = r.Status == data.IssueClosed && !followedUp
	r.State = data.DeadlineStateOf(r.Deadline, r.Status, r.ClosedOn, today)
	return r, nil
}

// today is the office's date on the store's clock.
func (db *DB) today() data.Date { return data.Today(db.Now()) }

func (tx *Tx) today() data.Date { return data.Today(tx.now) }

// ---- reading ----

// Issue returns one issue (voided or not) with its linked residents.
func (db *DB) Issue(ctx context.Context, id int64) (data.IssueRow, error) {
	if err := db.checkReader(ctx); err != nil {
		return data.IssueRow{}, err
	}
	return issueByID(ctx, db.db, id, db.today())
}

// IssueByNumber returns the issue with that number (WT-2026-0001; the prefix in either case).
func (db *DB) IssueByNumber(ctx context.Context, number string) (data.IssueRow, error) {
	y, s, err := data.ParseIssueNumber(number)
	if err != nil {
		return data.IssueRow{}, err
	}
	var id int64
	err = db.db.QueryRowContext(ctx, "SELECT id FROM issues WHERE number = ?", data.FormatIssueNumber(y, s)).Scan(&id)
	if isNoRows(err) {
		return data.IssueRow{}, data.NotFound("没有编号为 %s 的问题", data.FormatIssueNumber(y, s))
	}
	if err != nil {
		return data.IssueRow{}, err
	}
	return db.Issue(ctx, id)
}

type sqlRunner interface {
	sqlQueryer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func issueByID(ctx context.Context, q sqlRunner, id int64, today data.Date) (data.IssueRow, error) {
	r, err := scanIssue(q.QueryRowContext(ctx, "SELECT "+issueCols+issueFrom+" WHERE i.id = ?", id), today)
	if isNoRows(err) {
		return r, data.NotFound("问题不存在（编号 %d）", id)
	}
	if err != nil {
		return r, err
	}
	rows, err := q.QueryContext(ctx, "SELECT resident_id FROM issue_residents WHERE issue_id = ? ORDER BY resident_id", id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		if err := rows.Scan(&rid); err != nil {
			return r, err
		}
		r.ResidentIDs = append(r.ResidentIDs, rid)
	}
	return r, rows.Err()
}

// IssueHistory returns the whole history of an issue, oldest first, each entry with its
// files. Files added to the issue as a whole (not to an entry) go with the first entry.
func (db *DB) IssueHistory(ctx context.Context, id int64) ([]data.IssueEvent, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, issue_id, on_date, action, from_status, to_status, COALESCE(user_id, 0),
		user_name, note, old_deadline, new_deadline, satisfaction, method, created_at
		FROM issue_events WHERE issue_id = ? ORDER BY on_date, id`, id)
	if err != nil {
		return nil, err
	}
	var out []data.IssueEvent
	byID := map[int64]int{}
	for rows.Next() {
		var e data.IssueEvent
		var act, from, to, sat, method, at string
		if err := rows.Scan(&e.ID, &e.IssueID, &e.Date, &act, &from, &to, &e.UserID, &e.UserName, &e.Note,
			&e.OldDeadline, &e.NewDeadline, &sat, &method, &at); err != nil {
			rows.Close()
			return nil, err
		}
		e.Action, e.From, e.To = data.IssueAction(act), data.IssueStatus(from), data.IssueStatus(to)
		e.Satisfaction, e.Method, e.At = data.Satisfaction(sat), data.FollowUpMethod(method), parseTS(at)
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := db.Issue(ctx, id); err != nil {
			return nil, err
		}
		return nil, nil
	}
	as, err := db.IssueAttachments(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		i := 0
		if a.Owner == ownerIssueEvent {
			i = byID[a.OwnerID]
		}
		out[i].Attachments = append(out[i].Attachments, a)
	}
	return out, nil
}

// IssueAttachments lists every file of an issue: those of the issue itself and those of its
// history entries, oldest first, without their content.
func (db *DB) IssueAttachments(ctx context.Context, id int64) ([]data.Attachment, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, owner, owner_id, name, mime, size, sha256, created_at, created_by
		FROM attachments WHERE voided = 0 AND ((owner = ? AND owner_id = ?)
		OR (owner = ? AND owner_id IN (SELECT id FROM issue_events WHERE issue_id = ?))) ORDER BY id`,
		ownerIssue, id, ownerIssueEvent, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Attachment
	for rows.Next() {
		var a data.Attachment
		var created string
		if err := rows.Scan(&a.ID, &a.Owner, &a.OwnerID, &a.Name, &a.MIME, &a.Size, &a.SHA256, &created, &a.CreatedBy); err != nil {
			return nil, err
		}
		a.CreatedAt = parseTS(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// evidenceCount counts the files of an issue that are not voided.
func (tx *Tx) evidenceCount(id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM attachments WHERE voided = 0 AND ((owner = ? AND owner_id = ?)
		OR (owner = ? AND owner_id IN (SELECT id FROM issue_events WHERE issue_id = ?)))`,
		ownerIssue, id, ownerIssueEvent, id).Scan(&n)
	return n, err
}
