package data

// ServiceImportOptions say how ImportServices treats a file.
type ServiceImportOptions struct {
	DryRun         bool
	AddMissing     bool // add the 服务事项 the file names and the catalog lacks
	Certifications bool // a certification register: 入户认证, 已办结 unless the file says
}

// ServiceRow is a service as the ledger list and the form show it.
type ServiceRow struct {
	Service
	CommunityName string
	ResidentNames string // 张三、李四, as recorded at the time of service
	FirstIDNumber string // full; screens and exports mask it with MaskIDNumber
	StaffNames    string // 王芳、赵强
}

// ServiceFilter selects services for the ledger list and exports.
type ServiceFilter struct {
	From, To    Date // service date, both ends included; zero: unbounded
	CommunityID int64
	Type        ServiceType
	Item        string
	Result      ServiceResult
	Staff       string // a staff member's name
	ResidentID  int64
	Query       string // a number (or part of one), or a resident's name, initials, ID fragment, phone
	Voided      bool   // the voided records instead of the live ones

	Sort   string // a key of the store's ServiceSortKeys; "": newest first
	Desc   bool
	Offset int
	Limit  int // 0: 50
}
