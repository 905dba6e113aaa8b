package data

import "time"

// RecentRecord is one record a user worked on lately: the 工作台's 最近处理.
type RecentRecord struct {
	At       time.Time // the user's latest change to it (UTC)
	Action   string    // the audit action of that change (create, start, request_close_out …)
	Table    string    // "issues" or "residents"
	RecordID int64
	Ref      string // the number or the resident's name
	Title    string // the category and description; "" for residents
}
