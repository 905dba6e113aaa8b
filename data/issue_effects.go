package data

// IssueState is what an issue's history decides: its status and the fields the lifecycle
// actions set. The store's actions and the replay of a bulk history both change it only
// through ApplyIssueEvent.
type IssueState struct {
	Status           IssueStatus
	Deadline         Date
	DeadlineWorkdays int
	PendingDeadline  Date // deadline asked for by an extension awaiting approval; zero if none
	Result           string
	LastingMeasure   string
	ClosedOn         Date
	VoidReason       string
	FollowUpOn       Date
	Satisfaction     Satisfaction
	FollowedUp       bool // visited since it was last closed
}

// IssueStep is one event of an issue's history: the action as it happened, with what it
// carries. Note is the trimmed text of the entry: the result (当场处置, 申请销号), the lasting measure a reviewer sets (验收销号,
// empty keeps the proposed one), the remarks of a visit, or the reason (作废 …).
type IssueStep struct {
	Action         IssueAction
	Date           Date
	Note           string
	LastingMeasure string // 申请销号, 当场处置: the lasting measure proposed
	NewDeadline    Date   // 申请延期
	Satisfaction   Satisfaction
}

// ApplyIssueEvent returns the state after e, an action already checked (IssueMove and the
// Validate of its entry): the status the rule table gives and the fields the action sets.
func ApplyIssueEvent(s IssueState, e IssueStep) IssueState {
	if r, ok := issueRules[e.Action]; ok && r.to != IssueNew {
		s.Status = r.to
	}
	switch e.Action {
	case IssueCloseOnSpot:
		s.ClosedOn, s.Result, s.LastingMeasure = e.Date, e.Note, e.LastingMeasure
	case IssueRequestCloseOut:
		s.Result, s.LastingMeasure = e.Note, e.LastingMeasure
	case IssueApproveCloseOut:
		if e.Note != "" {
			s.LastingMeasure = e.Note
		}
		s.ClosedOn, s.FollowedUp = e.Date, false
	case IssueRequestExtension:
		s.PendingDeadline = e.NewDeadline
	case IssueApproveExtension:
		s.Deadline, s.DeadlineWorkdays, s.PendingDeadline = s.PendingDeadline, 0, Date{}
	case IssueRejectExtension:
		s.PendingDeadline = Date{}
	case IssueRecordFollowUp, IssueReopen:
		s.FollowUpOn, s.Satisfaction, s.FollowedUp = e.Date, e.Satisfaction, true
		if e.Action == IssueReopen {
			s.ClosedOn = Date{}
		}
	case IssueVoid:
		s.VoidReason, s.PendingDeadline = e.Note, Date{}
	}
	return s
}

// SetState copies the lifecycle fields of s into the issue.
func (i *Issue) SetState(s IssueState) {
	i.Status, i.Deadline, i.DeadlineWorkdays = s.Status, s.Deadline, s.DeadlineWorkdays
	i.Result, i.LastingMeasure, i.ClosedOn, i.VoidReason = s.Result, s.LastingMeasure, s.ClosedOn, s.VoidReason
}

// Lifecycle is the row's lifecycle state (FollowedUp is read from FollowUpDue, which is what
// the row knows of it: only a closed issue can be visited).
func (r IssueRow) Lifecycle() IssueState {
	return IssueState{Status: r.Status, Deadline: r.Deadline, DeadlineWorkdays: r.DeadlineWorkdays,
		PendingDeadline: r.PendingDeadline, Result: r.Result, LastingMeasure: r.LastingMeasure, ClosedOn: r.ClosedOn,
		VoidReason: r.VoidReason, FollowUpOn: r.FollowUpOn, Satisfaction: r.Satisfaction, FollowedUp: !r.FollowUpDue}
}
