package data

import "time"

// Role is a staff account's role. Permissions are checked by the store with Can.
type Role string

// The three roles of PRODUCT.md.
const (
	RoleAdmin    Role = "admin"    // 管理员
	RoleReviewer Role = "reviewer" // 审核人
	RoleClerk    Role = "clerk"    // 工作人员
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleReviewer, RoleClerk}

// String returns the Chinese name of the role.
func (r Role) String() string {
	switch r {
	case RoleAdmin:
		return "管理员"
	case RoleReviewer:
		return "审核人"
	case RoleClerk:
		return "工作人员"
	}
	return string(r)
}

// ParseRole accepts the English key or the Chinese name.
func ParseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if s == string(r) || s == r.String() {
			return r, true
		}
	}
	return "", false
}

// Action is something a user may or may not be allowed to do.
type Action string

// Actions checked by the store.
const (
	ActEditResidents Action = "edit_residents" // create, edit, void residents
	ActManageOrg     Action = "manage_org"     // office, communities, grids, catalogs
	ActManageUsers   Action = "manage_users"   // staff accounts
	ActRestore       Action = "restore"        // restore a backup
	ActReview        Action = "review"         // approve close-outs, extensions; sign documents
	ActRecord        Action = "record"         // record issues, services, progress, drafts
	ActUnmask        Action = "unmask"         // export full ID and phone numbers
)

var permissions = map[Role]map[Action]bool{
	RoleAdmin: {ActEditResidents: true, ActManageOrg: true, ActManageUsers: true, ActRestore: true,
		ActReview: true, ActRecord: true, ActUnmask: true},
	RoleReviewer: {ActEditResidents: true, ActReview: true, ActRecord: true, ActUnmask: true},
	RoleClerk:    {ActEditResidents: true, ActRecord: true},
}

// Can reports whether role may perform act.
func (r Role) Can(act Action) bool { return permissions[r][act] }

// Require returns nil when u may do act, or the error a clerk reads: 请先登录 without a user,
// the role's refusal otherwise.
func Require(u *User, act Action) error {
	if u == nil {
		return &Error{Kind: ErrUnauthorized, Message: "请先登录"}
	}
	if !u.Role.Can(act) {
		return Forbidden("当前账号（%s）没有此项权限", u.Role)
	}
	return nil
}

// User is a staff account.
type User struct {
	ID          int64
	Username    string // log-in name
	Name        string // 姓名, shown on records and documents
	Role        Role
	CommunityID int64 // 0: the whole office
	Phone       string
	Disabled    bool
	LockedUntil time.Time // zero unless locked after repeated failures
	CreatedAt   time.Time
}

// MaxLoginFailures is the number of consecutive wrong passwords that lock an account for
// LockoutDuration.
const (
	MaxLoginFailures = 5
	LockoutDuration  = 15 * time.Minute
)
