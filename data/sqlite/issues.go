package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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

// ActionLinkDuplicate is the history entry of LinkDuplicate; it is not a lifecycle move.
const ActionLinkDuplicate data.IssueAction = "link_duplicate"

// NamedFile is a file to attach: the name the user chose and its bytes.
type NamedFile struct {
	Name    string
	Content []byte
}

// IssueRow is an issue as the ledger list, the issue page and the exports show it: the record,
// what the store keeps beside it, and its deadline state today.
type IssueRow struct {
	data.Issue
	PendingDeadline data.Date          // deadline asked for by an extension awaiting approval; zero if none
	FollowUpOn      data.Date          // latest follow-up visit; zero if none
	Satisfaction    data.Satisfaction  // of the latest visit
	FollowUpDue     bool               // closed and not visited since it was closed
	State           data.DeadlineState // 逾期/临期 on the store's today, from data.DeadlineStateOf
}

// IssueEvent is one entry of an issue's history.
type IssueEvent struct {
	ID           int64
	IssueID      int64
	Date         data.Date        // the day it happened
	Action       data.IssueAction // the move, or ActionLinkDuplicate
	From, To     data.IssueStatus // equal when the status did not change
	UserID       int64
	UserName     string
	Note         string    // progress, result, reason or remarks
	OldDeadline  data.Date // extensions: the deadline before …
	NewDeadline  data.Date // … and the one asked for / granted
	Satisfaction data.Satisfaction
	Method       data.FollowUpMethod
	At           time.Time // when it was entered (UTC)
	Attachments  []data.Attachment
}

// Label is the Chinese name of the entry, as shown in the history.
func (e IssueEvent) Label() string {
	if e.Action == ActionLinkDuplicate {
		return "关联重复问题"
	}
	return e.Action.String()
}

const issueCols = `i.id, i.number, i.found_on, i.source, i.category, i.description,
	COALESCE(i.community_id, 0), COALESCE(c.name, ''), COALESCE(i.grid_id, 0), COALESCE(g.name, ''), i.address,
	COALESCE(i.found_by_id, 0), i.found_by, i.tier, i.responsible_unit, i.responsible_person, i.deadline,
	i.deadline_workdays, i.measures, i.status, i.result, i.lasting_measure, i.closed_on, COALESCE(i.duplicate_of, 0),
	i.void_reason, i.pending_deadline, i.follow_up_on, i.satisfaction, i.followed_up, COALESCE(i.created_by, 0),
	i.created_at, i.updated_at`

const issueFrom = ` FROM issues i LEFT JOIN communities c ON c.id = i.community_id LEFT JOIN grids g ON g.id = i.grid_id`

func scanIssue(sc interface{ Scan(...any) error }, today data.Date) (IssueRow, error) {
	var r IssueRow
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
func (db *DB) Issue(ctx context.Context, id int64) (IssueRow, error) {
	return issueByID(ctx, db.db, id, db.today())
}

// IssueByNumber returns the issue with that number (WT-2026-0001; the prefix in either case).
func (db *DB) IssueByNumber(ctx context.Context, number string) (IssueRow, error) {
	y, s, err := data.ParseIssueNumber(number)
	if err != nil {
		return IssueRow{}, err
	}
	var id int64
	err = db.db.QueryRowContext(ctx, "SELECT id FROM issues WHERE number = ?", data.FormatIssueNumber(y, s)).Scan(&id)
	if isNoRows(err) {
		return IssueRow{}, data.NotFound("没有编号为 %s 的问题", data.FormatIssueNumber(y, s))
	}
	if err != nil {
		return IssueRow{}, err
	}
	return db.Issue(ctx, id)
}

type sqlRunner interface {
	sqlQueryer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func issueByID(ctx context.Context, q sqlRunner, id int64, today data.Date) (IssueRow, error) {
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
func (db *DB) IssueHistory(ctx context.Context, id int64) ([]IssueEvent, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, issue_id, on_date, action, from_status, to_status, COALESCE(user_id, 0),
		user_name, note, old_deadline, new_deadline, satisfaction, method, created_at
		FROM issue_events WHERE issue_id = ? ORDER BY on_date, id`, id)
	if err != nil {
		return nil, err
	}
	var out []IssueEvent
	byID := map[int64]int{}
	for rows.Next() {
		var e IssueEvent
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

// ---- recording ----

// CreateIssue records a new issue (登记, status 待整改) with its links to residents. The number
// (WT-2026-0001) comes from the yearly counter of the year found, inside the same transaction,
// so it is never duplicated and never reused. A deadline given in working days
// (DeadlineWorkdays > 0) is counted on the stored working calendar from the date found. iss is
// updated with the id, number, status and names as stored.
func (db *DB) CreateIssue(ctx context.Context, iss *data.Issue, residentIDs []int64) error {
	return db.write(ctx, func(tx *Tx) error { return tx.CreateIssue(iss, residentIDs) })
}

// CreateIssue is db.CreateIssue inside tx, for the importer.
func (tx *Tx) CreateIssue(iss *data.Issue, residentIDs []int64) error {
	u, err := tx.issueUser()
	if err != nil {
		return err
	}
	if _, err := data.IssueMove(u.Role, data.IssueNew, data.IssueRecord, ""); err != nil {
		return err
	}
	iss.Status, iss.ClosedOn, iss.Result, iss.LastingMeasure, iss.VoidReason = data.IssueOpen, data.Date{}, "", "", ""
	if err := tx.checkIssue(iss, nil, residentIDs); err != nil {
		return err
	}
	return tx.insertIssue(iss, residentIDs, data.IssueRecord, "", nil)
}

// CloseOnSpot records an issue settled where it was found (当场处置) and closes it in the same
// step: only 简易 issues, with the result (evidence files are welcome, not required). The
// close-out date is the date found; a missing deadline is taken as that day too.
func (db *DB) CloseOnSpot(ctx context.Context, iss *data.Issue, residentIDs []int64, c data.CloseOut, files []NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		u, err := tx.issueUser()
		if err != nil {
			return err
		}
		if _, err := data.IssueMove(u.Role, data.IssueNew, data.IssueCloseOnSpot, ""); err != nil {
			return err
		}
		if err := data.CheckCloseOnSpot(iss.Tier); err != nil {
			return err
		}
		c.EvidenceCount = len(files)
		if err := c.Validate(true); err != nil {
			return err
		}
		if iss.Deadline.IsZero() && iss.DeadlineWorkdays == 0 {
			iss.Deadline = iss.FoundOn
		}
		iss.Status, iss.ClosedOn, iss.VoidReason = data.IssueClosed, iss.FoundOn, ""
		iss.Result, iss.LastingMeasure = strings.TrimSpace(c.Result), strings.TrimSpace(c.LastingMeasure)
		if err := tx.checkIssue(iss, nil, residentIDs); err != nil {
			return err
		}
		return tx.insertIssue(iss, residentIDs, data.IssueCloseOnSpot, iss.Result, files)
	})
}

func (tx *Tx) issueUser() (*data.User, error) {
	if tx.user == nil {
		return nil, &data.Error{Kind: data.ErrUnauthorized, Message: "请先登录"}
	}
	return tx.user, nil
}

// checkIssue normalises iss and checks it against the database: the catalogs, the community
// and grid, the staff member who found it, the residents. old is the stored issue when
// editing (values it already had are kept even if since removed from a catalog).
func (tx *Tx) checkIssue(iss *data.Issue, old *data.Issue, residentIDs []int64) error {
	for _, p := range []*string{&iss.Source, &iss.Category, &iss.Description, &iss.Address, &iss.FoundBy,
		&iss.ResponsibleUnit, &iss.ResponsiblePerson, &iss.Measures, &iss.Result, &iss.LastingMeasure} {
		*p = strings.TrimSpace(*p)
	}
	if iss.DeadlineWorkdays > 0 && !iss.FoundOn.IsZero() && iss.FoundOn.IsValid() {
		cal, err := tx.calendar()
		if err != nil {
			return err
		}
		iss.SetDeadlineWorkdays(cal, iss.DeadlineWorkdays)
	}
	if err := iss.Validate(); err != nil {
		return err
	}
	if today := tx.today(); iss.FoundOn.After(today) {
		return data.Invalid("found_on", "发现日期不能晚于今天（%s）", today)
	}
	cats := []struct {
		kind       data.CatalogKind
		name, v, o string
	}{
		{data.CatalogIssueSources, "问题来源", iss.Source, ""},
		{data.CatalogIssueCategories, "问题类别", iss.Category, ""},
		{data.CatalogResponsibleUnits, "责任单位", iss.ResponsibleUnit, ""},
	}
	if old != nil {
		cats[0].o, cats[1].o, cats[2].o = old.Source, old.Category, old.ResponsibleUnit
	}
	for _, c := range cats {
		if c.v == "" || c.v == c.o {
			continue
		}
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM catalog WHERE kind = ? AND value = ? AND voided = 0",
			string(c.kind), c.v).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &data.Error{Kind: data.ErrInvalid, Field: string(c.kind),
				Message: fmt.Sprintf("%s“%s”不在列表中，请从列表中选择；如需新增，请管理员在“基础数据”中添加", c.name, c.v)}
		}
	}
	if iss.GridID != 0 && (old == nil || iss.GridID != old.GridID) {
		var cid int64
		err := tx.QueryRowContext(tx.ctx, "SELECT community_id FROM grids WHERE id = ? AND voided = 0", iss.GridID).Scan(&cid)
		if isNoRows(err) {
			return data.Invalid("grid", "所选网格不存在或已作废")
		}
		if err != nil {
			return err
		}
		if iss.CommunityID == 0 {
			iss.CommunityID = cid
		}
		if cid != iss.CommunityID {
			return data.Invalid("grid", "所选网格不属于所选社区")
		}
	}
	if iss.CommunityID != 0 && (old == nil || iss.CommunityID != old.CommunityID) {
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM communities WHERE id = ? AND voided = 0", iss.CommunityID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.Invalid("community", "所选社区不存在或已作废")
		}
	}
	if iss.FoundByID == 0 && iss.FoundBy == "" {
		iss.FoundByID, iss.FoundBy = tx.user.ID, tx.user.Name
	}
	if iss.FoundByID != 0 && (old == nil || iss.FoundByID != old.FoundByID) {
		var name string
		err := tx.QueryRowContext(tx.ctx, "SELECT name FROM users WHERE id = ?", iss.FoundByID).Scan(&name)
		if isNoRows(err) {
			return data.Invalid("found_by", "所选发现人账号不存在")
		}
		if err != nil {
			return err
		}
		if iss.FoundBy == "" {
			iss.FoundBy = name
		}
	}
	for _, rid := range residentIDs {
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM residents WHERE id = ?", rid).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.Invalid("residents", "所选居民档案不存在（编号 %d）", rid)
		}
	}
	return nil
}

// insertIssue writes a checked new issue, its resident links, its first history entry (act,
// with note and files) and the audit entry.
func (tx *Tx) insertIssue(iss *data.Issue, residentIDs []int64, act data.IssueAction, note string, files []NamedFile) error {
	year := iss.FoundOn.Year
	seq, err := tx.nextCounter("issue", year, 1)
	if err != nil {
		return err
	}
	iss.Number = data.FormatIssueNumber(year, seq)
	iss.CreatedBy, iss.CreatedAt, iss.UpdatedAt = tx.user.ID, tx.now, tx.now
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO issues (number, year, seq, found_on, source, category, description,
		community_id, grid_id, address, found_by_id, found_by, tier, responsible_unit, responsible_person, deadline,
		deadline_workdays, measures, status, result, lasting_measure, closed_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		iss.Number, year, seq, iss.FoundOn, iss.Source, iss.Category, iss.Description,
		nullID(iss.CommunityID), nullID(iss.GridID), iss.Address, nullID(iss.FoundByID), iss.FoundBy, string(iss.Tier),
		iss.ResponsibleUnit, iss.ResponsiblePerson, iss.Deadline, iss.DeadlineWorkdays, iss.Measures, string(iss.Status),
		iss.Result, iss.LastingMeasure, iss.ClosedOn, nullID(iss.CreatedBy), ts(tx.now), ts(tx.now))
	if err != nil {
		return err
	}
	iss.ID, _ = res.LastInsertId()
	if err := tx.linkResidents(iss.ID, residentIDs); err != nil {
		return err
	}
	iss.ResidentIDs = residentIDs
	if err := tx.fillNames(iss); err != nil {
		return err
	}
	date := tx.today()
	if act == data.IssueCloseOnSpot {
		date = iss.FoundOn
	}
	ev := IssueEvent{IssueID: iss.ID, Date: date, Action: act, To: iss.Status, Note: note}
	if err := tx.addIssueEvent(&ev, files); err != nil {
		return err
	}
	return tx.Audit(string(act), "issues", iss.ID, nil, issueAudit(*iss))
}

func (tx *Tx) linkResidents(issueID int64, residentIDs []int64) error {
	seen := map[int64]bool{}
	for _, rid := range residentIDs {
		if seen[rid] {
			continue
		}
		seen[rid] = true
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO issue_residents (issue_id, resident_id) VALUES (?, ?)", issueID, rid); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) fillNames(iss *data.Issue) error {
	iss.CommunityName, iss.GridName = "", ""
	if iss.CommunityID != 0 {
		if err := tx.QueryRowContext(tx.ctx, "SELECT name FROM communities WHERE id = ?", iss.CommunityID).Scan(&iss.CommunityName); err != nil {
			return err
		}
	}
	if iss.GridID != 0 {
		if err := tx.QueryRowContext(tx.ctx, "SELECT name FROM grids WHERE id = ?", iss.GridID).Scan(&iss.GridName); err != nil {
			return err
		}
	}
	return nil
}

// addIssueEvent appends one history entry, signed by the acting user, with its files.
func (tx *Tx) addIssueEvent(e *IssueEvent, files []NamedFile) error {
	if tx.user != nil {
		e.UserID, e.UserName = tx.user.ID, tx.user.Name
	}
	if e.From == "" && e.Action != data.IssueRecord && e.Action != data.IssueCloseOnSpot {
		e.From = e.To
	}
	e.At = tx.now
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO issue_events (issue_id, on_date, action, from_status, to_status,
		user_id, user_name, note, old_deadline, new_deadline, satisfaction, method, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.IssueID, e.Date, string(e.Action), string(e.From), string(e.To), nullID(e.UserID), e.UserName, e.Note,
		e.OldDeadline, e.NewDeadline, string(e.Satisfaction), string(e.Method), ts(tx.now))
	if err != nil {
		return err
	}
	e.ID, _ = res.LastInsertId()
	for _, f := range files {
		a, err := tx.AddAttachment(ownerIssueEvent, e.ID, f.Name, f.Content)
		if err != nil {
			return err
		}
		e.Attachments = append(e.Attachments, a)
	}
	return nil
}

// issueAudit is the issue as written to the audit log.
func issueAudit(i data.Issue) map[string]any {
	return map[string]any{"number": i.Number, "found_on": i.FoundOn.String(), "source": i.Source, "category": i.Category,
		"description": i.Description, "community_id": i.CommunityID, "grid_id": i.GridID, "address": i.Address,
		"found_by": i.FoundBy, "tier": i.Tier, "responsible_unit": i.ResponsibleUnit,
		"responsible_person": i.ResponsiblePerson, "deadline": i.Deadline.String(), "deadline_workdays": i.DeadlineWorkdays,
		"measures": i.Measures, "status": i.Status, "result": i.Result, "lasting_measure": i.LastingMeasure,
		"closed_on": i.ClosedOn.String(), "duplicate_of": i.DuplicateOf, "void_reason": i.VoidReason,
		"resident_ids": i.ResidentIDs}
}

// UpdateIssue saves changes to the recorded fields of an issue not yet closed (修改登记内容):
// date found, source, category, description, place, who found it, tier, responsible unit and
// person, measures, and the linked residents (left alone when residentIDs is nil). The
// deadline may be corrected here only while the issue is 待整改 and not yet overdue; later it
// moves only through an approved extension. The number never changes.
func (db *DB) UpdateIssue(ctx context.Context, iss *data.Issue, residentIDs []int64) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(iss.ID, data.IssueEdit, "")
		if err != nil {
			return err
		}
		next := cur.Issue
		next.FoundOn, next.Source, next.Category, next.Description = iss.FoundOn, iss.Source, iss.Category, iss.Description
		next.CommunityID, next.GridID, next.Address = iss.CommunityID, iss.GridID, iss.Address
		next.FoundByID, next.FoundBy, next.Tier = iss.FoundByID, iss.FoundBy, iss.Tier
		next.ResponsibleUnit, next.ResponsiblePerson, next.Measures = iss.ResponsibleUnit, iss.ResponsiblePerson, iss.Measures
		next.Deadline, next.DeadlineWorkdays = iss.Deadline, iss.DeadlineWorkdays
		if next.FoundByID != cur.FoundByID && iss.FoundBy == cur.FoundBy {
			next.FoundBy = "" // a new account: take its name
		}
		links := residentIDs
		if links == nil {
			links = cur.ResidentIDs
		}
		if err := tx.checkIssue(&next, &cur.Issue, links); err != nil {
			return err
		}
		if next.Deadline != cur.Deadline && (cur.Status != data.IssueOpen || tx.today().After(cur.Deadline)) {
			return data.Invalid("deadline", "整改已开始或已逾期，整改时限不能直接修改，请提出延期申请并经审核人批准")
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE issues SET found_on = ?, source = ?, category = ?, description = ?,
			community_id = ?, grid_id = ?, address = ?, found_by_id = ?, found_by = ?, tier = ?, responsible_unit = ?,
			responsible_person = ?, deadline = ?, deadline_workdays = ?, measures = ?, updated_at = ?
			WHERE id = ? AND status = ?`,
			next.FoundOn, next.Source, next.Category, next.Description, nullID(next.CommunityID), nullID(next.GridID),
			next.Address, nullID(next.FoundByID), next.FoundBy, string(next.Tier), next.ResponsibleUnit,
			next.ResponsiblePerson, next.Deadline, next.DeadlineWorkdays, next.Measures, ts(tx.now), cur.ID, string(cur.Status))
		if err := stale(res, err); err != nil {
			return err
		}
		if residentIDs != nil {
			if _, err := tx.ExecContext(tx.ctx, "DELETE FROM issue_residents WHERE issue_id = ?", cur.ID); err != nil {
				return err
			}
			if err := tx.linkResidents(cur.ID, residentIDs); err != nil {
				return err
			}
			next.ResidentIDs = residentIDs
		}
		if err := tx.fillNames(&next); err != nil {
			return err
		}
		ev := IssueEvent{IssueID: cur.ID, Date: tx.today(), Action: data.IssueEdit, To: cur.Status}
		if err := tx.addIssueEvent(&ev, nil); err != nil {
			return err
		}
		next.UpdatedAt = tx.now
		*iss = next
		return tx.Audit(string(data.IssueEdit), "issues", cur.ID, issueAudit(cur.Issue), issueAudit(next))
	})
}

// ---- lifecycle ----

// beginMove loads issue id inside tx and checks act for the acting user from the issue's
// current status; it returns the issue and the status the action leads to.
func (tx *Tx) beginMove(id int64, act data.IssueAction, reason string) (IssueRow, data.IssueStatus, error) {
	u, err := tx.issueUser()
	if err != nil {
		return IssueRow{}, "", err
	}
	cur, err := issueByID(tx.ctx, tx.Tx, id, tx.today())
	if err != nil {
		return cur, "", err
	}
	to, err := data.IssueMove(u.Role, cur.Status, act, reason)
	return cur, to, err
}

// stale turns an UPDATE … WHERE status = ? that matched nothing into the message a clerk
// acts on: someone else moved the issue since it was read.
func stale(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return data.Conflict("该问题已被他人处理，请刷新后重试")
	}
	return nil
}

// col is one column a move sets.
type col struct {
	name  string
	value any
}

// finishMove writes a checked move: the columns in set (status and updated_at added here),
// guarded by the status read in beginMove, the history entry ev (with files) and the audit
// entry. before holds the old values of the columns set, for the audit log.
func (tx *Tx) finishMove(cur IssueRow, to data.IssueStatus, ev IssueEvent, set []col, files []NamedFile) error {
	before := map[string]any{"status": cur.Status}
	after := map[string]any{"status": to}
	old := issueAudit(cur.Issue)
	old["pending_deadline"], old["follow_up_on"], old["satisfaction"] = cur.PendingDeadline.String(), cur.FollowUpOn.String(), cur.Satisfaction
	old["followed_up"] = !cur.FollowUpDue
	var sets []string
	var args []any
	for _, c := range set {
		sets = append(sets, c.name+" = ?")
		args = append(args, c.value)
		before[c.name] = old[c.name]
		switch v := c.value.(type) {
		case data.Date:
			after[c.name] = v.String()
		default:
			after[c.name] = v
		}
	}
	sets = append(sets, "status = ?", "updated_at = ?")
	args = append(args, string(to), ts(tx.now), cur.ID, string(cur.Status))
	res, err := tx.ExecContext(tx.ctx, "UPDATE issues SET "+strings.Join(sets, ", ")+" WHERE id = ? AND status = ?", args...)
	if err := stale(res, err); err != nil {
		return err
	}
	ev.IssueID, ev.From, ev.To = cur.ID, cur.Status, to
	if ev.Date.IsZero() {
		ev.Date = tx.today()
	}
	if err := tx.addIssueEvent(&ev, files); err != nil {
		return err
	}
	if ev.Note != "" {
		after["note"] = ev.Note
	}
	return tx.Audit(string(ev.Action), "issues", cur.ID, before, after)
}

// simpleMove runs an action whose only effect is the status change and a history entry.
func (db *DB) simpleMove(ctx context.Context, id int64, act data.IssueAction, reason string, set func(cur IssueRow) []col) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, act, reason)
		if err != nil {
			return err
		}
		var cols []col
		if set != nil {
			cols = set(cur)
		}
		return tx.finishMove(cur, to, IssueEvent{Action: act, Note: strings.TrimSpace(reason)}, cols, nil)
	})
}

// StartIssue starts the rectification (开始整改): 待整改 → 整改中.
func (db *DB) StartIssue(ctx context.Context, id int64) error {
	return db.simpleMove(ctx, id, data.IssueStart, "", nil)
}

// AddProgress adds a progress entry (报告整改进展) with its evidence files to an issue 待整改 or
// 整改中; the status does not change.
func (db *DB) AddProgress(ctx context.Context, id int64, p data.Progress, files []NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueReportProgress, "")
		if err != nil {
			return err
		}
		p.Note = strings.TrimSpace(p.Note)
		if err := p.Validate(cur.FoundOn); err != nil {
			return err
		}
		if today := tx.today(); p.Date.After(today) {
			return data.Invalid("date", "进展日期不能晚于今天（%s）", today)
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueReportProgress, Date: p.Date, Note: p.Note}, nil, files)
	})
}

// RequestCloseOut asks for close-out (申请销号): 整改中 → 待验收, with the result, the files
// given now and the lasting measure proposed. At least one evidence file must be on the issue
// (given now or with an earlier entry).
func (db *DB) RequestCloseOut(ctx context.Context, id int64, c data.CloseOut, files []NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueRequestCloseOut, "")
		if err != nil {
			return err
		}
		n, err := tx.evidenceCount(id)
		if err != nil {
			return err
		}
		c.Result, c.LastingMeasure = strings.TrimSpace(c.Result), strings.TrimSpace(c.LastingMeasure)
		c.EvidenceCount = n + len(files)
		if err := c.Validate(false); err != nil {
			return err
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueRequestCloseOut, Note: c.Result},
			[]col{{"result", c.Result}, {"lasting_measure", c.LastingMeasure}}, files)
	})
}

// ApproveCloseOut is the reviewer's approval (验收销号): 待验收 → 已销号, closed today. A
// non-empty lastingMeasure (长效机制) replaces the one proposed with the request.
func (db *DB) ApproveCloseOut(ctx context.Context, id int64, lastingMeasure string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueApproveCloseOut, "")
		if err != nil {
			return err
		}
		lm := strings.TrimSpace(lastingMeasure)
		if lm == "" {
			lm = cur.LastingMeasure
		}
		n, err := tx.evidenceCount(id)
		if err != nil {
			return err
		}
		if err := (data.CloseOut{Result: cur.Result, EvidenceCount: n, LastingMeasure: lm}).Validate(false); err != nil {
			return err
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueApproveCloseOut, Note: lm},
			[]col{{"closed_on", tx.today()}, {"lasting_measure", lm}, {"followed_up", 0}}, nil)
	})
}

// RejectCloseOut sends the issue back (验收不通过、退回): 待验收 → 整改中, with the reason.
func (db *DB) RejectCloseOut(ctx context.Context, id int64, reason string) error {
	return db.simpleMove(ctx, id, data.IssueRejectCloseOut, reason, nil)
}

// RequestExtension asks to move the deadline (申请延期) to newDeadline, with a reason. One
// request at a time; the deadline moves only when a reviewer approves.
func (db *DB) RequestExtension(ctx context.Context, id int64, newDeadline data.Date, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueRequestExtension, reason)
		if err != nil {
			return err
		}
		if !cur.PendingDeadline.IsZero() {
			return data.Conflict("该问题已有一项延期申请（延至%s）等待审批，不能重复申请", cur.PendingDeadline)
		}
		x := data.Extension{OldDeadline: cur.Deadline, NewDeadline: newDeadline, Reason: strings.TrimSpace(reason)}
		if err := x.Validate(); err != nil {
			return err
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueRequestExtension, Note: x.Reason,
			OldDeadline: x.OldDeadline, NewDeadline: x.NewDeadline}, []col{{"pending_deadline", x.NewDeadline}}, nil)
	})
}

// ApproveExtension grants the pending extension (批准延期): the deadline becomes the one asked
// for; the history keeps the old and the new.
func (db *DB) ApproveExtension(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueApproveExtension, "")
		if err != nil {
			return err
		}
		if cur.PendingDeadline.IsZero() {
			return data.Conflict("该问题没有待审批的延期申请（可能已被他人处理，请刷新后重试）")
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueApproveExtension, OldDeadline: cur.Deadline,
			NewDeadline: cur.PendingDeadline},
			[]col{{"deadline", cur.PendingDeadline}, {"deadline_workdays", 0}, {"pending_deadline", data.Date{}}}, nil)
	})
}

// RejectExtension refuses the pending extension (驳回延期) with a reason; the deadline stays.
func (db *DB) RejectExtension(ctx context.Context, id int64, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, to, err := tx.beginMove(id, data.IssueRejectExtension, reason)
		if err != nil {
			return err
		}
		if cur.PendingDeadline.IsZero() {
			return data.Conflict("该问题没有待审批的延期申请（可能已被他人处理，请刷新后重试）")
		}
		return tx.finishMove(cur, to, IssueEvent{Action: data.IssueRejectExtension, Note: strings.TrimSpace(reason),
			OldDeadline: cur.Deadline, NewDeadline: cur.PendingDeadline}, []col{{"pending_deadline", data.Date{}}}, nil)
	})
}

// RecordFollowUp records a follow-up visit (回访) of a closed issue. An unsatisfied visit
// reopens it (已销号 → 整改中) with the remarks as the reason; it then needs a new close-out.
func (db *DB) RecordFollowUp(ctx context.Context, id int64, f data.FollowUp) error {
	return db.write(ctx, func(tx *Tx) error {
		f.Remarks = strings.TrimSpace(f.Remarks)
		act := f.Action()
		cur, to, err := tx.beginMove(id, act, f.Remarks)
		if err != nil {
			return err
		}
		if err := f.Validate(cur.ClosedOn); err != nil {
			return err
		}
		if today := tx.today(); f.Date.After(today) {
			return data.Invalid("date", "回访日期不能晚于今天（%s）", today)
		}
		set := []col{{"follow_up_on", f.Date}, {"satisfaction", string(f.Satisfaction)}, {"followed_up", 1}}
		if act == data.IssueReopen {
			set = append(set, col{"closed_on", data.Date{}})
		}
		return tx.finishMove(cur, to, IssueEvent{Action: act, Date: f.Date, Note: f.Remarks,
			Satisfaction: f.Satisfaction, Method: f.Method}, set, nil)
	})
}

// VoidIssue voids an issue (作废) with a reason. Its number is never given to another issue.
func (db *DB) VoidIssue(ctx context.Context, id int64, reason string) error {
	return db.simpleMove(ctx, id, data.IssueVoid, reason, func(cur IssueRow) []col {
		return []col{{"void_reason", strings.TrimSpace(reason)}, {"pending_deadline", data.Date{}}}
	})
}

// LinkDuplicate marks issue id as a duplicate of issue of (same place, same problem): lists
// show the link and the two can be handled together. A link to an issue that is itself a
// duplicate goes to the original.
func (db *DB) LinkDuplicate(ctx context.Context, id, of int64) error {
	return db.write(ctx, func(tx *Tx) error {
		u, err := tx.issueUser()
		if err != nil {
			return err
		}
		if err := data.Permit(u.Role, data.IssueEdit); err != nil {
			return err
		}
		cur, err := issueByID(tx.ctx, tx.Tx, id, tx.today())
		if err != nil {
			return err
		}
		target, err := issueByID(tx.ctx, tx.Tx, of, tx.today())
		if err != nil {
			return err
		}
		if target.DuplicateOf != 0 {
			if target, err = issueByID(tx.ctx, tx.Tx, target.DuplicateOf, tx.today()); err != nil {
				return err
			}
		}
		switch {
		case target.ID == cur.ID:
			return data.Invalid("duplicate_of", "不能把问题关联为它自己的重复")
		case target.Status == data.IssueVoided:
			return data.Invalid("duplicate_of", "问题 %s 已作废，不能作为关联对象", target.Number)
		case cur.DuplicateOf == target.ID:
			return nil
		}
		return tx.finishMove(cur, cur.Status, IssueEvent{Action: ActionLinkDuplicate,
			Note: "与 " + target.Number + " 为同一问题"}, []col{{"duplicate_of", target.ID}}, nil)
	})
}

// ---- lists ----

// IssueFilter selects issues for the ledger list, exports and the dashboard's lists.
type IssueFilter struct {
	From, To        data.Date // date found, both ends included; zero: unbounded
	CommunityID     int64
	GridID          int64
	Source          string
	Category        string
	Statuses        []data.IssueStatus // any of these; empty: all but 作废
	Tier            data.Tier
	ResponsibleUnit string
	Deadline        data.DeadlineState // DeadlineOverdue or DeadlineDueSoon on today's date; DeadlineNone: any
	Query           string             // a number (or part of one), or words of the description or address
	FollowUpDue     bool               // closed and not visited since (待回访)
	ExtensionDue    bool               // an extension awaiting approval
	DuplicateOf     int64              // issues linked to this one

	Sort   string // a key of IssueSortKeys; "": newest found first
	Desc   bool
	Offset int
	Limit  int // 0: 50
}

// IssueSortKeys are the columns the ledger list sorts by.
var IssueSortKeys = []string{"number", "found_on", "source", "category", "community", "grid", "address", "found_by",
	"tier", "unit", "person", "deadline", "status", "closed_on", "updated"}

// issueSorts gives each sort key its columns; every order ends with the date found and the id,
// so a page boundary is stable and the (column, found_on) indexes deliver rows in order.
var issueSorts = map[string]string{
	"number": "i.year%[1]s, i.seq%[1]s", "found_on": "i.found_on%[1]s", "source": "i.source%[1]s",
	"category": "i.category%[1]s", "community": "i.community_id%[1]s", "grid": "i.grid_id%[1]s",
	"address": "i.address%[1]s", "found_by": "i.found_by%[1]s", "tier": "i.tier%[1]s", "unit": "i.responsible_unit%[1]s",
	"person": "i.responsible_person%[1]s", "deadline": "i.deadline%[1]s", "status": "i.status%[1]s",
	"closed_on": "i.closed_on%[1]s", "updated": "i.updated_at%[1]s",
}

// Status conditions are written into SQL as literals (they are constants), so the planner can
// match the partial indexes. "Not voided" is written as <> rather than as an IN list on
// purpose: it then picks the index of the filter or of the sort order, not the status index
// (which would mean sorting nearly every issue for one page).
const (
	sqlUnclosed  = "('open', 'in_progress', 'pending_review')"
	sqlNotVoided = "i.status <> 'voided'"
)

func issueWhere(f IssueFilter, today data.Date) (string, []any) {
	return issueWhereCols(f, today, "i.")
}

// issueWhereCols builds the WHERE clause with the filter columns written as col+name. The
// count of voided issues passes "+i.": a unary plus keeps the planner from using the filter
// columns' indexes, so it reads the few voided issues through the status index instead.
func issueWhereCols(f IssueFilter, today data.Date, col string) (string, []any) {
	var conds []string
	var args []any
	if len(f.Statuses) > 0 {
		var qs []string
		for _, s := range f.Statuses {
			if s.Valid() {
				qs = append(qs, "'"+string(s)+"'")
			}
		}
		if len(qs) == 0 {
			qs = append(qs, "''")
		}
		conds = append(conds, "i.status IN ("+strings.Join(qs, ", ")+")")
	} else {
		conds = append(conds, sqlNotVoided)
	}
	if !f.From.IsZero() {
		conds = append(conds, col+"found_on >= ?")
		args = append(args, f.From)
	}
	if !f.To.IsZero() {
		conds = append(conds, col+"found_on <= ?")
		args = append(args, f.To)
	}
	for _, c := range []struct {
		col string
		v   any
		set bool
	}{
		{"community_id", f.CommunityID, f.CommunityID != 0},
		{"grid_id", f.GridID, f.GridID != 0},
		{"source", f.Source, f.Source != ""},
		{"category", f.Category, f.Category != ""},
		{"tier", string(f.Tier), f.Tier != ""},
		{"responsible_unit", f.ResponsibleUnit, f.ResponsibleUnit != ""},
		{"duplicate_of", f.DuplicateOf, f.DuplicateOf != 0},
	} {
		if c.set {
			conds = append(conds, col+c.col+" = ?")
			args = append(args, c.v)
		}
	}
	// The same rule as data.DeadlineStateOf on today: unclosed, and past the deadline
	// (逾期) or within DueSoonDays of it (临期).
	switch f.Deadline {
	case data.DeadlineOverdue:
		conds = append(conds, "i.status IN "+sqlUnclosed+" AND i.deadline < ?")
		args = append(args, today)
	case data.DeadlineDueSoon:
		conds = append(conds, "i.status IN "+sqlUnclosed+" AND i.deadline >= ? AND i.deadline <= ?")
		args = append(args, today, today.AddDays(data.DueSoonDays))
	}
	if f.FollowUpDue {
		conds = append(conds, "i.followed_up = 0 AND i.status = 'closed'")
	}
	if f.ExtensionDue {
		conds = append(conds, "i.pending_deadline IS NOT NULL AND i.status IN ('open', 'in_progress')")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if y, s, err := data.ParseIssueNumber(q); err == nil {
			conds = append(conds, "i.number = ?")
			args = append(args, data.FormatIssueNumber(y, s))
		} else {
			// Part of a number (digits, WT-) is looked up in the numbers; words go through the
			// full-text index only, so a Chinese query never scans the table.
			like := "%" + likeEscape(q) + "%"
			m := bigramMatch(q)
			switch {
			case looksLikeNumber(q) && m != "":
				conds = append(conds, `(i.number LIKE ? ESCAPE '\' OR i.id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH ?))`)
				args = append(args, like, m)
			case looksLikeNumber(q) || m == "":
				conds = append(conds, `i.number LIKE ? ESCAPE '\'`)
				args = append(args, like)
			default:
				conds = append(conds, `i.id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH ?)`)
				args = append(args, m)
			}
		}
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// looksLikeNumber reports whether a query could be part of an issue number: digits, W, T or -.
func looksLikeNumber(q string) bool {
	for _, r := range strings.ToUpper(q) {
		if !(r >= '0' && r <= '9' || r == 'W' || r == 'T' || r == '-') {
			return false
		}
	}
	return true
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListIssues returns one page of the issues matching f, in f's order, and how many match in
// all. Deadline states are computed from the store's clock.
func (db *DB) ListIssues(ctx context.Context, f IssueFilter) ([]IssueRow, int, error) {
	today := db.today()
	where, args := issueWhere(f, today)
	total, err := db.countIssues(ctx, f, today)
	if err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	// SQLite guesses how many rows a filter keeps, and for a filter that keeps most of the
	// ledger (状态 已销号: nine in ten) it guesses wrong and sorts them all for one page. The
	// count just taken says how many there are: when they are many, the filter's columns
	// are written so no index can serve them, which leaves the sort order's index to read
	// the page in order, stopping after it.
	if total > manyIssues {
		where = unindexed(where)
	}
	rows, err := db.listIssues(ctx, where, args, issueOrder(f), f.Limit, f.Offset, today)
	return rows, total, err
}

// isZero reports whether the filter selects nothing beyond "not voided".
func (f IssueFilter) isZero() bool {
	return f.From.IsZero() && f.To.IsZero() && f.CommunityID == 0 && f.GridID == 0 && f.Source == "" &&
		f.Category == "" && len(f.Statuses) == 0 && f.Tier == "" && f.ResponsibleUnit == "" &&
		f.Deadline == data.DeadlineNone && f.Query == "" && !f.FollowUpDue && !f.ExtensionDue && f.DuplicateOf == 0
}

// manyIssues is the result size above which a page is read in the sort index's order.
var manyIssues = 2000

// unindexed rewrites a WHERE clause over "i." so that no index can serve its conditions:
// SQLite's unary + on a column keeps the value and drops the index.
func unindexed(where string) string {
	return strings.ReplaceAll(where, "i.", "+i.")
}

// countIssues counts the issues matching f. Without a status filter ("all but voided") it
// counts every status and takes away the voided ones: each count then reads an index alone
// (the filter's index, and the few voided issues), where "status <> 'voided'" would read
// every matching row of the table to look at its status.
func (db *DB) countIssues(ctx context.Context, f IssueFilter, today data.Date) (int, error) {
	// Words alone: the full-text index counts its matches without reading the issues (every
	// issue has its index row, nothing is ever deleted); only the few voided ones are read.
	if q := strings.TrimSpace(f.Query); q != "" && !looksLikeNumber(q) && bigramMatch(q) != "" {
		rest := f
		rest.Query, rest.Sort, rest.Desc, rest.Offset, rest.Limit = "", "", false, 0, 0
		if rest.isZero() {
			var n, v int
			m := bigramMatch(q)
			if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues_fts WHERE issues_fts MATCH ?", m).Scan(&n); err != nil {
				return 0, err
			}
			if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM issues i WHERE i.status = 'voided'
				AND i.id IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH ?)`, m).Scan(&v); err != nil {
				return 0, err
			}
			return n - v, nil
		}
	}
	where, args := issueWhere(f, today)
	if len(f.Statuses) > 0 || f.Deadline != data.DeadlineNone || f.FollowUpDue || f.ExtensionDue {
		var n int
		err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+where, args...).Scan(&n)
		return n, err
	}
	all := strings.Replace(where, sqlNotVoided, "1 = 1", 1)
	voided, vargs := issueWhereCols(f, today, "+i.")
	voided = strings.Replace(voided, sqlNotVoided, "i.status = 'voided'", 1)
	var n, v int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+all, args...).Scan(&n); err != nil {
		return 0, err
	}
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+voided, vargs...).Scan(&v); err != nil {
		return 0, err
	}
	return n - v, nil
}

func issueOrder(f IssueFilter) string {
	format, ok := issueSorts[f.Sort]
	if !ok {
		return "i.found_on DESC, i.id DESC"
	}
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	order := fmt.Sprintf(format, dir)
	if f.Sort != "found_on" {
		order += ", i.found_on" + dir
	}
	return order + ", i.id" + dir
}

func (db *DB) listIssues(ctx context.Context, where string, args []any, order string, limit, offset int, today data.Date) ([]IssueRow, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+issueCols+issueFrom+where+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssueRow
	for rows.Next() {
		r, err := scanIssue(rows, today)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DuplicateWindow is how many days apart two issues of the same place and category may have
// been found to be pointed out as likely duplicates.
const DuplicateWindow = 7

// LikelyDuplicates lists the issues that may be the one being entered: not voided, of the same
// category, at the same place (the same grid, or the same address), found within
// DuplicateWindow days of foundOn (before or after, since a batch may be entered late). With
// neither a grid nor an address there is no place to compare and the list is empty.
func (db *DB) LikelyDuplicates(ctx context.Context, communityID, gridID int64, address, category string, foundOn data.Date) ([]IssueRow, error) {
	address = strings.TrimSpace(address)
	if (gridID == 0 && address == "") || strings.TrimSpace(category) == "" || foundOn.IsZero() {
		return nil, nil
	}
	where := " WHERE " + sqlNotVoided + " AND i.category = ? AND i.found_on >= ? AND i.found_on <= ?"
	args := []any{strings.TrimSpace(category), foundOn.AddDays(-DuplicateWindow), foundOn.AddDays(DuplicateWindow)}
	var place []string
	if gridID != 0 {
		place = append(place, "i.grid_id = ?")
		args = append(args, gridID)
	}
	if address != "" {
		place = append(place, "i.address = ?")
		args = append(args, address)
	}
	where += " AND (" + strings.Join(place, " OR ") + ")"
	if communityID != 0 {
		where += " AND i.community_id = ?"
		args = append(args, communityID)
	}
	return db.listIssues(ctx, where, args, "i.found_on DESC, i.id DESC", 20, 0, db.today())
}

// DashboardCounts is what the 工作台 shows: the work waiting today, each a click away from the
// list behind it (the IssueFilter in the comment), and this quarter's figures.
type DashboardCounts struct {
	Today            data.Date
	Overdue          int // IssueFilter{Deadline: data.DeadlineOverdue}
	DueSoon          int // IssueFilter{Deadline: data.DeadlineDueSoon}
	PendingReview    int // IssueFilter{Statuses: {data.IssuePendingReview}}
	PendingFollowUp  int // IssueFilter{FollowUpDue: true}
	PendingExtension int // IssueFilter{ExtensionDue: true}

	QuarterFrom data.Date         // first day of this quarter
	Quarter     data.IssueFigures // issues found this quarter, as of today
}

// Dashboard counts the work waiting today and computes this quarter's figures.
func (db *DB) Dashboard(ctx context.Context) (DashboardCounts, error) {
	today := db.today()
	d := DashboardCounts{Today: today}
	count := func(f IssueFilter) (int, error) { return db.countIssues(ctx, f, today) }
	for _, c := range []struct {
		n *int
		f IssueFilter
	}{
		{&d.Overdue, IssueFilter{Deadline: data.DeadlineOverdue}},
		{&d.DueSoon, IssueFilter{Deadline: data.DeadlineDueSoon}},
		{&d.PendingReview, IssueFilter{Statuses: []data.IssueStatus{data.IssuePendingReview}}},
		{&d.PendingFollowUp, IssueFilter{FollowUpDue: true}},
		{&d.PendingExtension, IssueFilter{ExtensionDue: true}},
	} {
		n, err := count(c.f)
		if err != nil {
			return d, err
		}
		*c.n = n
	}
	d.QuarterFrom = data.MustDate(today.Year, time.Month((int(today.Month)-1)/3*3+1), 1)
	facts, err := db.IssueFacts(ctx, d.QuarterFrom, today, 0)
	if err != nil {
		return d, err
	}
	d.Quarter = data.ComputeIssueFigures(facts, d.QuarterFrom, today, today)
	return d, nil
}

// ---- resident timeline ----

// issueTimeline lists the issues that name a resident, for the resident's timeline.
func issueTimeline(ctx context.Context, db *sql.DB, residentID int64) ([]data.TimelineEntry, error) {
	rows, err := db.QueryContext(ctx, `SELECT i.number, i.found_on, i.category, i.description, i.status
		FROM issue_residents r JOIN issues i ON i.id = r.issue_id WHERE r.resident_id = ? ORDER BY i.found_on DESC, i.id DESC`, residentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TimelineEntry
	for rows.Next() {
		var number, category, desc, status string
		var found data.Date
		if err := rows.Scan(&number, &found, &category, &desc, &status); err != nil {
			return nil, err
		}
		if utf8.RuneCountInString(desc) > 30 {
			desc = string([]rune(desc)[:30]) + "…"
		}
		out = append(out, data.TimelineEntry{Date: found.In(data.OfficeZone), Kind: "问题", Ref: number,
			Title: fmt.Sprintf("%s：%s（%s）", category, desc, data.IssueStatus(status))})
	}
	return out, rows.Err()
}

// ---- bulk ----

// BulkIssue is one issue for BulkIssues: the record as first entered and its history in order.
// Status, close-out date, result, deadline changes and visits follow from the history.
type BulkIssue struct {
	Issue       data.Issue
	ResidentIDs []int64
	Events      []BulkEvent // the first is data.IssueRecord or data.IssueCloseOnSpot
}

// BulkEvent is one entry of a BulkIssue's history, made by By on Date.
type BulkEvent struct {
	Date           data.Date
	Action         data.IssueAction
	By             data.User
	Note           string    // progress, result, reason or remarks; approve_close_out: the lasting measure, if any
	LastingMeasure string    // request_close_out: the lasting measure proposed
	NewDeadline    data.Date // request_extension
	Satisfaction   data.Satisfaction
	Method         data.FollowUpMethod
	Files          []NamedFile
}

// bulkState is an issue replayed through its history.
type bulkState struct {
	iss        data.Issue
	pending    data.Date
	followUpOn data.Date
	sat        data.Satisfaction
	followedUp bool
	events     []IssueEvent
	files      [][]NamedFile // per event
}

// replayIssue runs b's history through the same rules as the single actions (data.IssueMove
// for who and from which status, and the Validate of each kind of entry), so bulk data obeys
// the lifecycle exactly as typed-in data does.
func replayIssue(b *BulkIssue, today data.Date) (*bulkState, error) {
	st := &bulkState{iss: b.Issue}
	iss := &st.iss
	iss.Status, iss.ClosedOn, iss.Result, iss.LastingMeasure, iss.VoidReason = data.IssueNew, data.Date{}, "", "", ""
	if len(b.Events) == 0 || (b.Events[0].Action != data.IssueRecord && b.Events[0].Action != data.IssueCloseOnSpot) {
		return nil, data.Invalid("events", "问题的第一条记录须为登记或当场处置")
	}
	evidence := 0
	prev := iss.FoundOn
	for k, ev := range b.Events {
		if ev.Date.Before(prev) || ev.Date.After(today) {
			return nil, data.Invalid("date", "第 %d 条记录的日期 %s 不在 %s 与今天之间", k+1, ev.Date, prev)
		}
		prev = ev.Date
		note := strings.TrimSpace(ev.Note)
		from := iss.Status
		to, err := data.IssueMove(ev.By.Role, from, ev.Action, note)
		if err != nil {
			return nil, err
		}
		if k > 0 && (ev.Action == data.IssueRecord || ev.Action == data.IssueCloseOnSpot) {
			return nil, data.Invalid("events", "第 %d 条记录不能再次登记", k+1)
		}
		evidence += len(ev.Files)
		e := IssueEvent{Date: ev.Date, Action: ev.Action, From: from, To: to, UserID: ev.By.ID, UserName: ev.By.Name, Note: note}
		switch ev.Action {
		case data.IssueRecord:
			e.From = ""
		case data.IssueCloseOnSpot:
			e.From = ""
			if err := data.CheckCloseOnSpot(iss.Tier); err != nil {
				return nil, err
			}
			if err := (data.CloseOut{Result: note, EvidenceCount: evidence}).Validate(true); err != nil {
				return nil, err
			}
			iss.ClosedOn, iss.Result = ev.Date, note
		case data.IssueReportProgress:
			if err := (data.Progress{Date: ev.Date, Note: note}).Validate(iss.FoundOn); err != nil {
				return nil, err
			}
		case data.IssueRequestCloseOut:
			c := data.CloseOut{Result: note, EvidenceCount: evidence, LastingMeasure: strings.TrimSpace(ev.LastingMeasure)}
			if err := c.Validate(false); err != nil {
				return nil, err
			}
			iss.Result, iss.LastingMeasure = c.Result, c.LastingMeasure
		case data.IssueApproveCloseOut:
			if note != "" {
				iss.LastingMeasure = note
			}
			e.Note = iss.LastingMeasure
			iss.ClosedOn, st.followedUp = ev.Date, false
		case data.IssueRequestExtension:
			if !st.pending.IsZero() {
				return nil, data.Conflict("已有延期申请等待审批")
			}
			x := data.Extension{OldDeadline: iss.Deadline, NewDeadline: ev.NewDeadline, Reason: note}
			if err := x.Validate(); err != nil {
				return nil, err
			}
			st.pending, e.OldDeadline, e.NewDeadline = x.NewDeadline, x.OldDeadline, x.NewDeadline
		case data.IssueApproveExtension, data.IssueRejectExtension:
			if st.pending.IsZero() {
				return nil, data.Conflict("没有待审批的延期申请")
			}
			e.OldDeadline, e.NewDeadline = iss.Deadline, st.pending
			if ev.Action == data.IssueApproveExtension {
				iss.Deadline, iss.DeadlineWorkdays = st.pending, 0
			}
			st.pending = data.Date{}
		case data.IssueRecordFollowUp, data.IssueReopen:
			f := data.FollowUp{Date: ev.Date, Method: ev.Method, Satisfaction: ev.Satisfaction, Remarks: note}
			if f.Action() != ev.Action {
				return nil, data.Invalid("satisfaction", "回访结果与操作不符")
			}
			if err := f.Validate(iss.ClosedOn); err != nil {
				return nil, err
			}
			st.followUpOn, st.sat, st.followedUp = f.Date, f.Satisfaction, true
			e.Satisfaction, e.Method = f.Satisfaction, f.Method
			if ev.Action == data.IssueReopen {
				iss.ClosedOn = data.Date{}
			}
		case data.IssueVoid:
			iss.VoidReason, st.pending = note, data.Date{}
		}
		iss.Status = to
		st.events = append(st.events, e)
		st.files = append(st.files, ev.Files)
	}
	if err := iss.Validate(); err != nil {
		return nil, err
	}
	return st, nil
}

// reserveCounter takes n consecutive values of a yearly counter inside tx and returns the
// first; like nextCounter, the immediate transaction makes it safe under two writers.
func (tx *Tx) reserveCounter(name string, year, n int) (int, error) {
	res, err := tx.ExecContext(tx.ctx, "UPDATE counters SET value = value + ? WHERE name = ? AND year = ?", n, name, year)
	if err != nil {
		return 0, err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO counters (name, year, value) VALUES (?, ?, ?)", name, year, n); err != nil {
			return 0, err
		}
		return 1, nil
	}
	var v int
	err = tx.QueryRowContext(tx.ctx, "SELECT value FROM counters WHERE name = ? AND year = ?", name, year).Scan(&v)
	return v - n + 1, err
}

// BulkIssues records many issues with their histories fast, for the demo office and large
// imports: batches of 2,000 issues per transaction with prepared statements, each batch one
// audit entry naming the range of issues it created. Every history is replayed through the
// lifecycle rules first (replayIssue); the first fault stops everything not yet committed and
// says which issue. Numbers are taken from the yearly counters in input order, inside each
// batch's transaction. The acting user needs the record permission; each entry is signed by
// its own By. Returns the new ids in order.
func (db *DB) BulkIssues(ctx context.Context, issues []BulkIssue) ([]int64, error) {
	today := db.today()
	states := make([]*bulkState, len(issues))
	for i := range issues {
		st, err := replayIssue(&issues[i], today)
		if err != nil {
			return nil, fmt.Errorf("issue %d (%s): %w", i+1, issues[i].Issue.Description, err)
		}
		states[i] = st
	}
	ids := make([]int64, 0, len(issues))
	const batch = 2000
	for start := 0; start < len(issues); start += batch {
		end := min(start+batch, len(issues))
		err := db.write(ctx, func(tx *Tx) error {
			if err := tx.require(data.ActRecord); err != nil {
				return err
			}
			return tx.bulkIssues(issues[start:end], states[start:end], &ids)
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (tx *Tx) bulkIssues(issues []BulkIssue, states []*bulkState, ids *[]int64) error {
	ctx := tx.ctx
	// Numbers: one reservation per year in the batch.
	need := map[int]int{}
	for _, st := range states {
		need[st.iss.FoundOn.Year]++
	}
	next := map[int]int{}
	for y, n := range need {
		first, err := tx.reserveCounter("issue", y, n)
		if err != nil {
			return err
		}
		next[y] = first
	}
	prep := func(q string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, q) }
	insIssue, err := prep(`INSERT INTO issues (number, year, seq, found_on, source, category, description,
		community_id, grid_id, address, found_by_id, found_by, tier, responsible_unit, responsible_person, deadline,
		deadline_workdays, measures, status, result, lasting_measure, closed_on, void_reason, pending_deadline,
		follow_up_on, satisfaction, followed_up, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insIssue.Close()
	insEvent, err := prep(`INSERT INTO issue_events (issue_id, on_date, action, from_status, to_status,
		user_id, user_name, note, old_deadline, new_deadline, satisfaction, method, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insEvent.Close()
	insFile, err := prep(`INSERT INTO attachments (owner, owner_id, name, mime, size, sha256, content, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insFile.Close()
	insRes, err := prep("INSERT INTO issue_residents (issue_id, resident_id) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer insRes.Close()
	// Entered at 09:00 office time on the day it happened, so "entered at" reads naturally.
	at := func(d data.Date) string { return ts(d.In(data.OfficeZone).Add(9 * time.Hour)) }
	var firstID, lastID int64
	var firstNumber, lastNumber string
	nEvents, nFiles := 0, 0
	for k, st := range states {
		iss := &st.iss
		y := iss.FoundOn.Year
		seq := next[y]
		next[y]++
		iss.Number = data.FormatIssueNumber(y, seq)
		lastEv := st.events[len(st.events)-1]
		creator := issues[k].Events[0].By
		res, err := insIssue.ExecContext(ctx, iss.Number, y, seq, iss.FoundOn, iss.Source, iss.Category, iss.Description,
			nullID(iss.CommunityID), nullID(iss.GridID), iss.Address, nullID(iss.FoundByID), iss.FoundBy, string(iss.Tier),
			iss.ResponsibleUnit, iss.ResponsiblePerson, iss.Deadline, iss.DeadlineWorkdays, iss.Measures, string(iss.Status),
			iss.Result, iss.LastingMeasure, iss.ClosedOn, iss.VoidReason, st.pending, st.followUpOn, string(st.sat),
			st.followedUp, nullID(creator.ID), at(iss.FoundOn), at(lastEv.Date))
		if err != nil {
			return fmt.Errorf("issue %s: %w", iss.Number, err)
		}
		id, _ := res.LastInsertId()
		iss.ID = id
		*ids = append(*ids, id)
		if firstID == 0 {
			firstID, firstNumber = id, iss.Number
		}
		lastID, lastNumber = id, iss.Number
		seen := map[int64]bool{}
		for _, rid := range issues[k].ResidentIDs {
			if seen[rid] {
				continue
			}
			seen[rid] = true
			if _, err := insRes.ExecContext(ctx, id, rid); err != nil {
				return fmt.Errorf("issue %s resident %d: %w", iss.Number, rid, err)
			}
		}
		for j, e := range st.events {
			res, err := insEvent.ExecContext(ctx, id, e.Date, string(e.Action), string(e.From), string(e.To), nullID(e.UserID),
				e.UserName, e.Note, e.OldDeadline, e.NewDeadline, string(e.Satisfaction), string(e.Method), at(e.Date))
			if err != nil {
				return err
			}
			nEvents++
			if len(st.files[j]) == 0 {
				continue
			}
			eid, _ := res.LastInsertId()
			for _, f := range st.files[j] {
				a, err := checkAttachment(f.Name, f.Content)
				if err != nil {
					return fmt.Errorf("issue %s: %w", iss.Number, err)
				}
				if _, err := insFile.ExecContext(ctx, ownerIssueEvent, eid, a.Name, a.MIME, a.Size, a.SHA256, f.Content,
					at(e.Date), e.UserName); err != nil {
					return err
				}
				nFiles++
			}
		}
	}
	return tx.Audit("bulk_create", "issues", firstID, nil, map[string]any{"count": len(states), "first_id": firstID,
		"last_id": lastID, "first_number": firstNumber, "last_number": lastNumber, "events": nEvents, "attachments": nFiles})
}
