package sqlite

import (
	"context"
	"fmt"
	"strings"

	"taizhang/data"
)

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
	iss.SetState(data.ApplyIssueEvent(data.IssueState{Status: data.IssueNew, Deadline: iss.Deadline,
		DeadlineWorkdays: iss.DeadlineWorkdays}, data.IssueStep{Action: data.IssueRecord, Date: iss.FoundOn}))
	if err := data.CheckResponsibleUnit(iss.ResponsibleUnit, false); err != nil {
		return err
	}
	if err := tx.checkIssue(iss, nil, residentIDs); err != nil {
		return err
	}
	return tx.insertIssue(iss, residentIDs, data.IssueRecord, "", nil)
}

// CloseOnSpot records an issue settled where it was found (当场处置) and closes it in the same
// step: only 简易 issues, with the result (evidence files are welcome, not required). The
// close-out date is the date found; a missing deadline is taken as that day too.
func (db *DB) CloseOnSpot(ctx context.Context, iss *data.Issue, residentIDs []int64, c data.CloseOut, files []data.NamedFile) error {
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
		iss.SetState(data.ApplyIssueEvent(data.IssueState{Status: data.IssueNew, Deadline: iss.Deadline,
			DeadlineWorkdays: iss.DeadlineWorkdays}, data.IssueStep{Action: data.IssueCloseOnSpot, Date: iss.FoundOn,
			Note: strings.TrimSpace(c.Result), LastingMeasure: strings.TrimSpace(c.LastingMeasure)}))
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
	if err := data.CheckFoundOn(iss.FoundOn, tx.today()); err != nil {
		return err
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
func (tx *Tx) insertIssue(iss *data.Issue, residentIDs []int64, act data.IssueAction, note string, files []data.NamedFile) error {
	year := iss.FoundOn.Year
	seq, err := tx.nextCounter("issue", year, 1)
	if err != nil {
		return err
	}
	iss.Number = data.FormatIssueNumber(year, seq)
	iss.CreatedBy, iss.CreatedAt, iss.UpdatedAt = tx.user.ID, tx.now, tx.now
	err = tx.QueryRowContext(tx.ctx, `INSERT INTO issues (number, year, seq, found_on, source, category, description,
		community_id, grid_id, address, found_by_id, found_by, tier, responsible_unit, responsible_person, deadline,
		deadline_workdays, measures, status, result, lasting_measure, closed_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		iss.Number, year, seq, iss.FoundOn, iss.Source, iss.Category, iss.Description,
		nullID(iss.CommunityID), nullID(iss.GridID), iss.Address, nullID(iss.FoundByID), iss.FoundBy, string(iss.Tier),
		iss.ResponsibleUnit, iss.ResponsiblePerson, iss.Deadline, iss.DeadlineWorkdays, iss.Measures, string(iss.Status),
		iss.Result, iss.LastingMeasure, iss.ClosedOn, nullID(iss.CreatedBy), ts(tx.now), ts(tx.now)).Scan(&iss.ID)
	if err != nil {
		return err
	}
	if err := tx.indexIssue(iss.ID, iss.Description, iss.Address); err != nil {
		return err
	}
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
	ev := data.IssueEvent{IssueID: iss.ID, Date: date, Action: act, To: iss.Status, Note: note}
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
func (tx *Tx) addIssueEvent(e *data.IssueEvent, files []data.NamedFile) error {
	if tx.user != nil {
		e.UserID, e.UserName = tx.user.ID, tx.user.Name
	}
	if e.From == "" && e.Action != data.IssueRecord && e.Action != data.IssueCloseOnSpot {
		e.From = e.To
	}
	e.At = tx.now
	err := tx.QueryRowContext(tx.ctx, `INSERT INTO issue_events (issue_id, on_date, action, from_status, to_status,
		user_id, user_name, note, old_deadline, new_deadline, satisfaction, method, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.IssueID, e.Date, string(e.Action), string(e.From), string(e.To), nullID(e.UserID), e.UserName, e.Note,
		e.OldDeadline, e.NewDeadline, string(e.Satisfaction), string(e.Method), ts(tx.now)).Scan(&e.ID)
	if err != nil {
		return err
	}
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
		if next.Deadline != cur.Deadline {
			if err := data.CheckDeadlineEditable(cur.Status, cur.Deadline, tx.today()); err != nil {
				return err
			}
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
		if next.Description != cur.Description || next.Address != cur.Address {
			if err := tx.indexIssue(cur.ID, next.Description, next.Address); err != nil {
				return err
			}
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
		ev := data.IssueEvent{IssueID: cur.ID, Date: tx.today(), Action: data.IssueEdit, To: cur.Status}
		if err := tx.addIssueEvent(&ev, nil); err != nil {
			return err
		}
		next.UpdatedAt = tx.now
		*iss = next
		return tx.Audit(string(data.IssueEdit), "issues", cur.ID, issueAudit(cur.Issue), issueAudit(next))
	})
}
