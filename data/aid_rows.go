package data

import "strings"

// AidCaseView is a case's page: the case, its person and the decisions as a timeline.
type AidCaseView struct {
	AidRow
	IDNumber string // masked
	Address  string
	Timeline []AidTimelineEntry
}

// AidFilter chooses cases of the roster for a month.
type AidFilter struct {
	Month       Month // the month viewed; statuses and amounts are this month's
	Programme   Programme
	CommunityID int64
	Status      AidStatus // "" for every case
	Query       string    // part of the name
	Offset      int
	Limit       int    // 0: all
	Sort        string // name, community, programme, amount, start; "" by community and name
	Desc        bool
}

// Matches reports whether r passes f (the month's status included).
func (f AidFilter) Matches(r AidRow) bool {
	if f.Programme != "" && r.Programme != f.Programme {
		return false
	}
	if f.CommunityID != 0 && r.CommunityID != f.CommunityID {
		return false
	}
	if q := strings.TrimSpace(f.Query); q != "" && !strings.Contains(r.Name, q) {
		return false
	}
	switch f.Status {
	case "":
		return true
	case AidOneOff:
		return r.Status == AidOneOff && r.Case.Running(f.Month)
	case AidDue:
		return r.Status == AidRunning && !r.Due.IsZero() && !r.Due.After(MonthEnd(f.Month.First()))
	}
	return r.Status == f.Status
}

// AidRow is one case in the 救助对象 list.
type AidRow struct {
	CaseID        int64
	ResidentID    int64
	Name          string
	CommunityID   int64
	CommunityName string
	Programme     Programme
	Status        AidStatus
	Persons       int
	Amount        Fen // paid in the month; the last amount when nothing is paid in it
	Start, End    Month
	GrantNumber   string
	LastNumber    string // the decision that set the amount shown
	Case          AidCase
	// 动态管理: the case's last review since it started, its category (stable until a
	// review says otherwise) and when it is next due (zero once ended, or for 临时救助).
	LastReview Date
	Category   AidCategory
	Due        Date
}

// AidTimelineEntry is one decision of a case's person under its programme, as the case page
// lists it: whether it counts for the roster, and why not.
type AidTimelineEntry struct {
	AidDecision
	Counts bool
	Why    string // 已作废, 已被更正, 无在保记录 (a change with nothing running)
}
