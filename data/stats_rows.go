package data

// DocumentFigures are the document counts of `taizhang stats --json`.
type DocumentFigures struct {
	Issued           int `json:"issued"`            // signed, not voided, dated in the period
	AwaitingDelivery int `json:"awaiting_delivery"` // signed decisions not yet delivered, as of now
}

// Stats is the object `taizhang stats --json` prints. Each ledger is one part, a field
// with its JSON key (services, certifications, documents …); the keys inside a part are
// English snake_case, documented in the README.
type Stats struct {
	Period    StatsPeriod     `json:"period"`
	Issues    IssueFigures    `json:"issues"` // issues.found, issues.closed, … (see FiguresDefinition)
	Documents DocumentFigures `json:"documents"`
	// services.total, services.by_type, services.elderly_share … (see ServiceFiguresDefinition)
	Services ServiceFigures `json:"services"`
	// certifications.due, .overdue, .certified as of the period end (see CertDefinition)
	Certifications CertFigures `json:"certifications"`
	// aid.低保.households, .persons, .amount: paid in the period's months (see AidStats)
	Aid map[string]AidFigures `json:"aid"`
	// notices.issued, .first_return, .avg_trips … (see NoticeFiguresDefinition)
	Notices NoticeFigures `json:"notices"`
}

// StatsFilter is the period and community of `taizhang stats` and the statistics page.
type StatsFilter struct {
	From, To    Date  // zero: unbounded / today
	CommunityID int64 // 0: the whole office
}

// StatsPeriod says what a Stats object covers.
type StatsPeriod struct {
	From        Date   `json:"from"`  // "" when unbounded
	To          Date   `json:"to"`    // "" when up to today
	AsOf        Date   `json:"as_of"` // 期末: the earlier of to and today
	CommunityID int64  `json:"community_id,omitempty"`
	Community   string `json:"community,omitempty"`
}
