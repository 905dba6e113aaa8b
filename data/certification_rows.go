package data

// CertExportFilter selects the certification ledger: the items (none: every rule's), a
// community, a state (CertNotInCycle: everyone in the cycle) and the as-of day.
type CertExportFilter struct {
	Items       []string
	CommunityID int64
	State       CertState
	AsOf        Date // zero: today
}

// CertFilter selects residents of one certification item.
type CertFilter struct {
	Item        string    // required: the rule's item
	CommunityID int64     // 0: every community
	State       CertState // CertDue, CertOverdue, CertCertified, CertPending (due or overdue); CertNotInCycle: everyone in the cycle
	AsOf        Date      // zero: today
	Offset      int
	Limit       int // 0: 50
}

// CertRow is one resident in a certification list.
type CertRow struct {
	ResidentID    int64
	Name          string
	IDNumber      string // full; screens mask it
	Birth         Date
	Age           int // on the as-of date
	CommunityID   int64
	CommunityName string
	Address       string
	Phone         string
	Last          Date // latest certification; zero if never
	LastServiceID int64
	State         CertState
}
