package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"taizhang/data"
)

// ---- bulk ----

// bulkState is an issue replayed through its history.
type bulkState struct {
	iss        data.Issue
	pending    data.Date
	followUpOn data.Date
	sat        data.Satisfaction
	followedUp bool
	events     []data.IssueEvent
	files      [][]data.NamedFile // per event
}

// replayIssue runs b's history through the same rules as the single actions (data.IssueMove
// for who and from which status, the Validate of each kind of entry, and data.ApplyIssueEvent
// for what each action changes), so bulk data obeys the lifecycle exactly as typed-in data does.
func replayIssue(b *data.BulkIssue, today data.Date) (*bulkState, error) {
	st := &bulkState{iss: b.Issue}
	iss := &st.iss
	if !b.Imported {
		iss.Number = ""
	}
	iss.Status, iss.ClosedOn, iss.Result, iss.LastingMeasure, iss.VoidReason = data.IssueNew, data.Date{}, "", "", ""
	if len(b.Events) == 0 || (b.Events[0].Action != data.IssueRecord && b.Events[0].Action != data.IssueCloseOnSpot) {
		return nil, data.Invalid("events", "问题的第一条记录须为登记或当场处置")
	}
	state := data.IssueState{Status: data.IssueNew, Deadline: iss.Deadline, DeadlineWorkdays: iss.DeadlineWorkdays}
	evidence := 0
	prev := iss.FoundOn
	for k, ev := range b.Events {
		if ev.Date.Before(prev) || ev.Date.After(today) {
			return nil, data.Invalid("date", "第 %d 条记录的日期 %s 不在 %s 与今天之间", k+1, ev.Date, prev)
		}
		prev = ev.Date
		note := strings.TrimSpace(ev.Note)
		from := state.Status
		if _, err := data.IssueMove(ev.By.Role, from, ev.Action, note); err != nil {
			return nil, err
		}
		if k > 0 && (ev.Action == data.IssueRecord || ev.Action == data.IssueCloseOnSpot) {
			return nil, data.Invalid("events", "第 %d 条记录不能再次登记", k+1)
		}
		if err := data.CheckExtensionGate(ev.Action, state.PendingDeadline); err != nil {
			return nil, err
		}
		evidence += len(ev.Files)
		step := data.IssueStep{Action: ev.Action, Date: ev.Date, Note: note}
		e := data.IssueEvent{Date: ev.Date, Action: ev.Action, From: from, UserID: ev.By.ID, UserName: ev.By.Name, Note: note}
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
		case data.IssueReportProgress:
			if err := (data.Progress{Date: ev.Date, Note: note}).Validate(iss.FoundOn); err != nil {
				return nil, err
			}
		case data.IssueRequestCloseOut:
			c := data.CloseOut{Result: note, EvidenceCount: evidence, LastingMeasure: strings.TrimSpace(ev.LastingMeasure)}
			if err := c.Validate(b.Imported); err != nil {
				return nil, err
			}
			step.LastingMeasure = c.LastingMeasure
		case data.IssueRequestExtension:
			x := data.Extension{OldDeadline: state.Deadline, NewDeadline: ev.NewDeadline, Reason: note}
			if err := x.Validate(); err != nil {
				return nil, err
			}
			step.NewDeadline, e.OldDeadline, e.NewDeadline = x.NewDeadline, x.OldDeadline, x.NewDeadline
		case data.IssueApproveExtension, data.IssueRejectExtension:
			e.OldDeadline, e.NewDeadline = state.Deadline, state.PendingDeadline
		case data.IssueRecordFollowUp, data.IssueReopen:
			f := data.FollowUp{Date: ev.Date, Method: ev.Method, Satisfaction: ev.Satisfaction, Remarks: note}
			if f.Action() != ev.Action {
				return nil, data.Invalid("satisfaction", "回访结果与操作不符")
			}
			if err := f.Validate(state.ClosedOn); err != nil {
				return nil, err
			}
			step.Satisfaction, e.Satisfaction, e.Method = f.Satisfaction, f.Satisfaction, f.Method
		}
		state = data.ApplyIssueEvent(state, step)
		if ev.Action == data.IssueApproveCloseOut {
			e.Note = state.LastingMeasure
		}
		e.To = state.Status
		st.events = append(st.events, e)
		st.files = append(st.files, ev.Files)
	}
	iss.SetState(state)
	st.pending, st.followUpOn, st.sat, st.followedUp = state.PendingDeadline, state.FollowUpOn, state.Satisfaction, state.FollowedUp
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
func (db *DB) BulkIssues(ctx context.Context, issues []data.BulkIssue) ([]int64, error) {
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

func (tx *Tx) bulkIssues(issues []data.BulkIssue, states []*bulkState, ids *[]int64) error {
	ctx := tx.ctx
	// Numbers kept from an old ledger move the yearly counter past them first; the others
	// take one reservation per year in the batch.
	kept := map[int]int{}
	for _, st := range states {
		if st.iss.Number == "" {
			continue
		}
		y, seq, err := data.ParseIssueNumber(st.iss.Number)
		if err != nil {
			return err
		}
		kept[y] = max(kept[y], seq)
	}
	for y, seq := range kept {
		if _, err := tx.ExecContext(ctx, `INSERT INTO counters (name, year, value) VALUES ('issue', ?, ?)
			ON CONFLICT(name, year) DO UPDATE SET value = CASE WHEN counters.value < excluded.value THEN excluded.value ELSE counters.value END`, y, seq); err != nil {
			return err
		}
	}
	need := map[int]int{}
	for _, st := range states {
		if st.iss.Number == "" {
			need[st.iss.FoundOn.Year]++
		}
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
		follow_up_on, satisfaction, followed_up, created_by, created_at, updated_at, hotline_order)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer insIssue.Close()
	insEvent, err := prep(`INSERT INTO issue_events (issue_id, on_date, action, from_status, to_status,
		user_id, user_name, note, old_deadline, new_deadline, satisfaction, method, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer insEvent.Close()
	insFile, err := prep(attachmentInsert)
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
	// The batch's audit entries (each file's, then the batch's own) through one prepared
	// statement, the head moved once at the end.
	audit, err := tx.newAuditBatch()
	if err != nil {
		return err
	}
	defer audit.close()
	var fileKey *dataKey
	for k, st := range states {
		iss := &st.iss
		var y, seq int
		if iss.Number != "" {
			y, seq, _ = data.ParseIssueNumber(iss.Number)
			iss.Number = data.FormatIssueNumber(y, seq)
		} else {
			y = iss.FoundOn.Year
			seq = next[y]
			next[y]++
			iss.Number = data.FormatIssueNumber(y, seq)
		}
		lastEv := st.events[len(st.events)-1]
		creator := issues[k].Events[0].By
		var id int64
		err := insIssue.QueryRowContext(ctx, iss.Number, y, seq, iss.FoundOn, iss.Source, iss.Category, iss.Description,
			nullID(iss.CommunityID), nullID(iss.GridID), iss.Address, nullID(iss.FoundByID), iss.FoundBy, string(iss.Tier),
			iss.ResponsibleUnit, iss.ResponsiblePerson, iss.Deadline, iss.DeadlineWorkdays, iss.Measures, string(iss.Status),
			iss.Result, iss.LastingMeasure, iss.ClosedOn, iss.VoidReason, st.pending, st.followUpOn, string(st.sat),
			st.followedUp, nullID(creator.ID), at(iss.FoundOn), at(lastEv.Date), issues[k].HotlineOrder).Scan(&id)
		if err != nil {
			return fmt.Errorf("issue %s: %w", iss.Number, err)
		}
		iss.ID = id
		if err := tx.indexIssue(id, iss.Description, iss.Address); err != nil {
			return err
		}
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
			var eid int64
			err := insEvent.QueryRowContext(ctx, id, e.Date, string(e.Action), string(e.From), string(e.To), nullID(e.UserID),
				e.UserName, e.Note, e.OldDeadline, e.NewDeadline, string(e.Satisfaction), string(e.Method), at(e.Date)).Scan(&eid)
			if err != nil {
				return err
			}
			nEvents++
			if len(st.files[j]) == 0 {
				continue
			}
			for _, f := range st.files[j] {
				a, err := checkAttachment(f.Name, f.Content)
				if err != nil {
					return fmt.Errorf("issue %s: %w", iss.Number, err)
				}
				// Kept sealed, as AddAttachment keeps it (the key is needed only for files).
				if fileKey == nil {
					if fileKey, err = tx.needKey(); err != nil {
						return err
					}
				}
				fid, sealed, sealedSum, err := tx.sealAttachment(fileKey, f.Content)
				if err != nil {
					return err
				}
				if _, err := insFile.ExecContext(ctx, fid, ownerIssueEvent, eid, a.Name, a.MIME, a.Size, a.SHA256, sealedSum, sealed,
					at(e.Date), e.UserName); err != nil {
					return err
				}
				nFiles++
				// Each file's sums in the audit log, as AddAttachment writes them: check compares
				// the stored bytes and their sums with them.
				a.ID = fid
				if err := audit.add("attach", ownerIssueEvent, eid, nil, attachAudit(a, sealedSum)); err != nil {
					return err
				}
			}
		}
	}
	if err := audit.add("bulk_create", "issues", firstID, nil, map[string]any{"count": len(states), "first_id": firstID,
		"last_id": lastID, "first_number": firstNumber, "last_number": lastNumber, "events": nEvents, "attachments": nFiles}); err != nil {
		return err
	}
	return audit.finish()
}
