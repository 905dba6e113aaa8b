package data

import "time"

// The rows and filters of the lists: what the store reads for the ledger, the documents list
// and the exports, and what the screens, the CLI and the report writers take. They are plain
// values; the store fills them.

// DocStatus is the lifecycle state of a document.
type DocStatus string

// Document states.
const (
	DocDraft  DocStatus = "draft"  // 草稿
	DocSigned DocStatus = "signed" // 已签发
	DocVoided DocStatus = "voided" // 已作废
)

// DocStatuses lists the states in display order.
var DocStatuses = []DocStatus{DocDraft, DocSigned, DocVoided}

// String returns the Chinese name.
func (s DocStatus) String() string {
	switch s {
	case DocDraft:
		return "草稿"
	case DocSigned:
		return "已签发"
	case DocVoided:
		return "已作废"
	}
	return string(s)
}

var docTransitions = map[DocStatus][]DocStatus{
	DocDraft:  {DocSigned, DocVoided},
	DocSigned: {DocVoided},
}

// CanTransition reports whether a document may move from s to to.
func (s DocStatus) CanTransition(to DocStatus) bool {
	for _, t := range docTransitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// FontChoice is a font a document was (or will be) rendered with: the file's path, empty for
// the embedded face, and the SHA-256 of its bytes.
type FontChoice struct {
	Path   string
	SHA256 string
}

// Embedded reports whether the choice is the program's own face.
func (f FontChoice) Embedded() bool { return f.Path == "" }

// DocumentRow is a document as the documents list shows it.
type DocumentRow struct {
	ID         int64
	Kind       DocKind
	Programme  Programme // decisions only
	Outcome    Outcome   // decisions only
	Title      string
	DocNumber  string // empty on a draft
	Applicant  string
	ResidentID int64 // 0 when the applicant is not in the residents
	Status     DocStatus
	NumKey     string // the numbering register (doc_numbering key)
	Date       Date   // 成文日期 once signed; the day it was drafted before
	CorrectsID int64  // the document this one corrects
	Corrects   string // its number
	// CorrectedBy is the number of a correction naming this document ("草稿" while that
	// correction is still a draft), empty when there is none.
	CorrectedBy string
	SignedBy    string
	SignedAt    time.Time
	CreatedBy   string
	CreatedAt   time.Time
	VoidReason  string
	PrintCount  int
	Delivered   bool
	// HasPDF is false only for demo documents made in bulk: their PDF is rendered from the
	// frozen content at the first print and kept from then on.
	HasPDF bool
}

// Label is the number, or 草稿 for a draft.
func (r DocumentRow) Label() string {
	if r.DocNumber != "" {
		return r.DocNumber
	}
	return "草稿"
}

// DocumentFilter selects documents for the list.
type DocumentFilter struct {
	Kind       DocKind
	Programme  Programme
	Status     DocStatus
	Delivered  *bool // nil: either
	ResidentID int64
	Query      string // 文号 (whole or part) or applicant's name
	From, To   Date   // by the document's date
	Offset     int
	Limit      int    // default 50
	Sort       string // "" (newest first), "date", "number", "applicant", "kind", "status"
	Desc       bool
}

// IssueRow is an issue as the ledger list, the issue page and the exports show it: the record,
// what the store keeps beside it, and its deadline state today.
type IssueRow struct {
	Issue
	PendingDeadline Date          // deadline asked for by an extension awaiting approval; zero if none
	FollowUpOn      Date          // latest follow-up visit; zero if none
	Satisfaction    Satisfaction  // of the latest visit
	FollowUpDue     bool          // closed and not visited since it was closed
	State           DeadlineState // 逾期/临期 on the store's today, from DeadlineStateOf
}

// IssueFilter selects issues for the ledger list, exports and the dashboard's lists.
type IssueFilter struct {
	From, To        Date // date found, both ends included; zero: unbounded
	CommunityID     int64
	GridID          int64
	Source          string
	Category        string
	Statuses        []IssueStatus // any of these; empty: all but 作废
	Tier            Tier
	ResponsibleUnit string
	Deadline        DeadlineState // DeadlineOverdue or DeadlineDueSoon on today's date; DeadlineNone: any
	Query           string        // a number (or part of one), or words of the description or address
	FollowUpDue     bool          // closed and not visited since (待回访)
	ExtensionDue    bool          // an extension awaiting approval
	DuplicateOf     int64         // issues linked to this one

	Sort   string // a key of the store's IssueSortKeys; "": newest found first
	Desc   bool
	Offset int
	Limit  int // 0: 50
}

// DocumentExportRow is one row of the documents ledger: the list row, the applicant's ID
// number (masked unless the export is full) and the recorded delivery, if any.
type DocumentExportRow struct {
	DocumentRow
	IDNumber       string         // 申请人身份证号, from the linked resident; "" when none
	DeliveryMethod DeliveryMethod // "" when not delivered
	DeliveredOn    Date
	Recipient      string
}

// FiguresRow is one line of a statistics summary: a community, 合计 or a month, and its
// figures (FiguresDefinition).
type FiguresRow struct {
	Label   string
	Figures IssueFigures
}
