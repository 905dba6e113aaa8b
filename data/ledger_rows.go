package data

// ServiceExportRow is one row of the services ledger (上门服务台账): the service, the names
// recorded with it and the first resident's ID number (masked unless the export is full).
type ServiceExportRow struct {
	Service
	CommunityName string
	ResidentNames string // 张三、李四
	IDNumber      string // the first resident's
	StaffNames    string // 王芳、赵强
}

// CertExportRow is one resident of a certification cycle in the certification ledger
// (定期认证台账): who, the latest certification and the state on the cycle's as-of date.
// ID and phone numbers are masked unless the export is full.
type CertExportRow struct {
	Item          string // 认证事项
	Period        string // the cycle: 2026年第四季度, 截至2026年11月30日
	Name          string
	IDNumber      string
	Age           int
	CommunityName string
	Address       string
	Phone         string
	Last          Date // latest certification; zero if never
	State         CertState
}
