package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"taizhang/data"
)

// ---- lifecycle ----

// beginMove loads issue id inside tx and checks act for the acting user from the issue's
// current status; it returns the issue and the status the action leads to. An action from a
// screen that showed an older state of the issue (data.WithSeen) is refused first.
func (tx *Tx) beginMove(id int64, act data.IssueAction, reason string) (data.IssueRow, data.IssueStatus, error) {
	u, err := tx.issueUser()
	if err != nil {
		return data.IssueRow{}, "", err
	}
	if err := tx.checkSeen("issues", id); err != nil {
		return data.IssueRow{}, "", err
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
		return data.Stale("issues")
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
func (tx *Tx) finishMove(cur data.IssueRow, to data.IssueStatus, ev data.IssueEvent, set []col, files []data.NamedFile) error {
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

// move writes step, an action checked by beginMove, on cur: the columns that
// data.ApplyIssueEvent changes (the same function replays bulk histories), the history entry
// ev and the audit entry.
func (tx *Tx) move(cur data.IssueRow, step data.IssueStep, ev data.IssueEvent, files []data.NamedFile) error {
	if step.Date.IsZero() {
		step.Date = tx.today()
	}
	before := cur.Lifecycle()
	after := data.ApplyIssueEvent(before, step)
	ev.Action = step.Action
	return tx.finishMove(cur, after.Status, ev, moveCols(before, after), files)
}

// moveCols lists the columns whose values differ between two states of an issue (the status
// is finishMove's to write).
func moveCols(a, b data.IssueState) []col {
	var set []col
	add := func(name string, changed bool, v any) {
		if changed {
			set = append(set, col{name, v})
		}
	}
	add("deadline", a.Deadline != b.Deadline, b.Deadline)
	add("deadline_workdays", a.DeadlineWorkdays != b.DeadlineWorkdays, b.DeadlineWorkdays)
	add("pending_deadline", a.PendingDeadline != b.PendingDeadline, b.PendingDeadline)
	add("result", a.Result != b.Result, b.Result)
	add("lasting_measure", a.LastingMeasure != b.LastingMeasure, b.LastingMeasure)
	add("closed_on", a.ClosedOn != b.ClosedOn, b.ClosedOn)
	add("void_reason", a.VoidReason != b.VoidReason, b.VoidReason)
	add("follow_up_on", a.FollowUpOn != b.FollowUpOn, b.FollowUpOn)
	add("satisfaction", a.Satisfaction != b.Satisfaction, string(b.Satisfaction))
	followed := 0
	if b.FollowedUp {
		followed = 1
	}
	add("followed_up", a.FollowedUp != b.FollowedUp, followed)
	return set
}

// simpleMove runs an action whose only input is a reason (none for 开始整改).
func (db *DB) simpleMove(ctx context.Context, id int64, act data.IssueAction, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, act, reason)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(reason)
		return tx.move(cur, data.IssueStep{Action: act, Note: note}, data.IssueEvent{Note: note}, nil)
	})
}

// StartIssue starts the rectification (开始整改): 待整改 → 整改中.
func (db *DB) StartIssue(ctx context.Context, id int64) error {
	return db.simpleMove(ctx, id, data.IssueStart, "")
}

// AddProgress adds a progress entry (报告整改进展) with its evidence files to an issue 待整改 or
// 整改中; the status does not change.
func (db *DB) AddProgress(ctx context.Context, id int64, p data.Progress, files []data.NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueReportProgress, "")
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
		return tx.move(cur, data.IssueStep{Action: data.IssueReportProgress, Date: p.Date, Note: p.Note},
			data.IssueEvent{Date: p.Date, Note: p.Note}, files)
	})
}

// RequestCloseOut asks for close-out (申请销号): 整改中 → 待验收, with the result, the files
// given now and the lasting measure proposed. At least one evidence file must be on the issue
// (given now or with an earlier entry).
func (db *DB) RequestCloseOut(ctx context.Context, id int64, c data.CloseOut, files []data.NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueRequestCloseOut, "")
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
		return tx.move(cur, data.IssueStep{Action: data.IssueRequestCloseOut, Note: c.Result, LastingMeasure: c.LastingMeasure},
			data.IssueEvent{Note: c.Result}, files)
	})
}

// ApproveCloseOut is the reviewer's approval (验收销号): 待验收 → 已销号, closed today. A
// non-empty lastingMeasure (长效机制) replaces the one proposed with the request.
func (db *DB) ApproveCloseOut(ctx context.Context, id int64, lastingMeasure string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueApproveCloseOut, "")
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
		return tx.move(cur, data.IssueStep{Action: data.IssueApproveCloseOut, Note: lm}, data.IssueEvent{Note: lm}, nil)
	})
}

// RejectCloseOut sends the issue back (验收不通过、退回): 待验收 → 整改中, with the reason.
func (db *DB) RejectCloseOut(ctx context.Context, id int64, reason string) error {
	return db.simpleMove(ctx, id, data.IssueRejectCloseOut, reason)
}

// RequestExtension asks to move the deadline (申请延期) to newDeadline, with a reason. One
// request at a time; the deadline moves only when a reviewer approves.
func (db *DB) RequestExtension(ctx context.Context, id int64, newDeadline data.Date, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueRequestExtension, reason)
		if err != nil {
			return err
		}
		if err := data.CheckExtensionGate(data.IssueRequestExtension, cur.PendingDeadline); err != nil {
			return err
		}
		x := data.Extension{OldDeadline: cur.Deadline, NewDeadline: newDeadline, Reason: strings.TrimSpace(reason)}
		if err := x.Validate(); err != nil {
			return err
		}
		return tx.move(cur, data.IssueStep{Action: data.IssueRequestExtension, Note: x.Reason, NewDeadline: x.NewDeadline},
			data.IssueEvent{Note: x.Reason, OldDeadline: x.OldDeadline, NewDeadline: x.NewDeadline}, nil)
	})
}

// ApproveExtension grants the pending extension (批准延期): the deadline becomes the one asked
// for; the history keeps the old and the new.
func (db *DB) ApproveExtension(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueApproveExtension, "")
		if err != nil {
			return err
		}
		if err := data.CheckExtensionGate(data.IssueApproveExtension, cur.PendingDeadline); err != nil {
			return err
		}
		return tx.move(cur, data.IssueStep{Action: data.IssueApproveExtension},
			data.IssueEvent{OldDeadline: cur.Deadline, NewDeadline: cur.PendingDeadline}, nil)
	})
}

// RejectExtension refuses the pending extension (驳回延期) with a reason; the deadline stays.
func (db *DB) RejectExtension(ctx context.Context, id int64, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		cur, _, err := tx.beginMove(id, data.IssueRejectExtension, reason)
		if err != nil {
			return err
		}
		if err := data.CheckExtensionGate(data.IssueRejectExtension, cur.PendingDeadline); err != nil {
			return err
		}
		note := strings.TrimSpace(reason)
		return tx.move(cur, data.IssueStep{Action: data.IssueRejectExtension, Note: note},
			data.IssueEvent{Note: note, OldDeadline: cur.Deadline, NewDeadline: cur.PendingDeadline}, nil)
	})
}

// RecordFollowUp records a follow-up visit (回访) of a closed issue. An unsatisfied visit
// reopens it (已销号 → 整改中) with the remarks as the reason; it then needs a new close-out.
func (db *DB) RecordFollowUp(ctx context.Context, id int64, f data.FollowUp) error {
	return db.write(ctx, func(tx *Tx) error {
		f.Remarks = strings.TrimSpace(f.Remarks)
		act := f.Action()
		cur, _, err := tx.beginMove(id, act, f.Remarks)
		if err != nil {
			return err
		}
		if err := f.Validate(cur.ClosedOn); err != nil {
			return err
		}
		if today := tx.today(); f.Date.After(today) {
			return data.Invalid("date", "回访日期不能晚于今天（%s）", today)
		}
		return tx.move(cur, data.IssueStep{Action: act, Date: f.Date, Note: f.Remarks, Satisfaction: f.Satisfaction},
			data.IssueEvent{Date: f.Date, Note: f.Remarks, Satisfaction: f.Satisfaction, Method: f.Method}, nil)
	})
}

// VoidIssue voids an issue (作废) with a reason. Its number is never given to another issue.
func (db *DB) VoidIssue(ctx context.Context, id int64, reason string) error {
	return db.simpleMove(ctx, id, data.IssueVoid, reason)
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
		if err := tx.checkSeen("issues", id); err != nil {
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
		return tx.finishMove(cur, cur.Status, data.IssueEvent{Action: data.ActionLinkDuplicate,
			Note: "与 " + target.Number + " 为同一问题"}, []col{{"duplicate_of", target.ID}}, nil)
	})
}
