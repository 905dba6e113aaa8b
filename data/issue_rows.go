package data

import "time"

// ActionLinkDuplicate is the history entry of LinkDuplicate; it is not a lifecycle move.
const ActionLinkDuplicate IssueAction = "link_duplicate"

// AddedName is a community, grid or catalog value an import added (or, on a dry run, would
// add): Kind is 社区, 网格, 问题来源, 问题类别 or 责任单位.
type AddedName struct {
	Kind, Name string
}

// BulkEvent is one entry of a BulkIssue's history, made by By on Date.
type BulkEvent struct {
	Date           Date
	Action         IssueAction
	By             User
	Note           string // progress, result, reason or remarks; approve_close_out: the lasting measure, if any
	LastingMeasure string // request_close_out: the lasting measure proposed
	NewDeadline    Date   // request_extension
	Satisfaction   Satisfaction
	Method         FollowUpMethod
	Files          []NamedFile
}

// BulkIssue is one issue for BulkIssues: the record as first entered and its history in order.
// Status, close-out date, result, deadline changes and visits follow from the history.
type BulkIssue struct {
	Issue       Issue
	ResidentIDs []int64
	Events      []BulkEvent // the first is IssueRecord or IssueCloseOnSpot
	// Imported marks an issue from an old ledger: its close-out evidence stayed on paper, so
	// 申请销号 needs none, and Issue.Number, when set, is kept instead of a new number.
	Imported bool
	// HotlineOrder is the 12345 hotline's 工单编号 of an issue imported from its export.
	HotlineOrder string
}

// DashboardCounts is what the 工作台 shows: the work waiting today, each a click away from the
// list behind it (the IssueFilter in the comment), and this quarter's figures.
type DashboardCounts struct {
	Today            Date
	Overdue          int // IssueFilter{Deadline: DeadlineOverdue}
	DueSoon          int // IssueFilter{Deadline: DeadlineDueSoon}
	PendingReview    int // IssueFilter{Statuses: {IssuePendingReview}}
	PendingFollowUp  int // IssueFilter{FollowUpDue: true}
	PendingExtension int // IssueFilter{ExtensionDue: true}

	QuarterFrom Date         // first day of this quarter
	Quarter     IssueFigures // issues found this quarter, as of today
}

// IssueEvent is one entry of an issue's history.
type IssueEvent struct {
	ID           int64
	IssueID      int64
	Date         Date        // the day it happened
	Action       IssueAction // the move, or ActionLinkDuplicate
	From, To     IssueStatus // equal when the status did not change
	UserID       int64
	UserName     string
	Note         string // progress, result, reason or remarks
	OldDeadline  Date   // extensions: the deadline before …
	NewDeadline  Date   // … and the one asked for / granted
	Satisfaction Satisfaction
	Method       FollowUpMethod
	At           time.Time // when it was entered (UTC)
	Attachments  []Attachment
}

// Label is the Chinese name of the entry, as shown in the history.
func (e IssueEvent) Label() string {
	if e.Action == ActionLinkDuplicate {
		return "关联重复问题"
	}
	return e.Action.String()
}

// IssueImportOptions say how ImportIssues treats a file.
type IssueImportOptions struct {
	DryRun bool // check only; nothing is written
	// AddMissing adds the communities, grids, sources, categories and responsible units the
	// file names and the office lacks (listed in the report), instead of refusing their rows.
	AddMissing bool
	File       string // the file's name, for the history's 导入 entry
	// Hotline reads the file as the 12345 hotline's work-order export: each order an issue of
	// source 12345热线 keeping its 工单编号; an order already imported is skipped.
	Hotline bool
}

// LedgerImportReport is what ImportIssues did or, on a dry run, would do.
type LedgerImportReport struct {
	DryRun   bool
	Rows     int // issues read from the file
	Imported int // issues added (or ready to add)
	Skipped  int // issues the office already has: imported before
	Added    []AddedName
	Problems []RosterProblem
	Ignored  []string
}

// NamedFile is a file to attach: the name the user chose and its bytes.
type NamedFile struct {
	Name    string
	Content []byte
}
