package data

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ResidentStatus says whether a resident still lives in the office's area.
type ResidentStatus string

// Resident statuses. Deceased and moved-out residents leave certification cycles.
const (
	ResidentActive   ResidentStatus = "active"    // 在册
	ResidentDeceased ResidentStatus = "deceased"  // 已故
	ResidentMovedOut ResidentStatus = "moved_out" // 迁出
)

// String returns the Chinese name.
func (s ResidentStatus) String() string {
	switch s {
	case ResidentActive:
		return "在册"
	case ResidentDeceased:
		return "已故"
	case ResidentMovedOut:
		return "迁出"
	}
	return string(s)
}

// ResidentStatuses lists the statuses in display order.
var ResidentStatuses = []ResidentStatus{ResidentActive, ResidentDeceased, ResidentMovedOut}

// DefaultTags is the starting list of resident tags; the administrator edits it.
var DefaultTags = []string{"低保", "特困", "高龄", "残疾", "独居", "空巢", "困境儿童", "退役军人", "优抚对象", "留守老人"}

// Relations to the head of household.
var Relations = []string{"户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他"}

// Resident is a person in the office's area (居民档案). Birth date, sex and age are derived
// from the ID number, never typed.
type Resident struct {
	ID            int64
	Name          string
	IDNumber      string
	Birth         time.Time // derived
	Male          bool      // derived
	Phone         string
	Address       string
	CommunityID   int64
	CommunityName string // filled on read
	GridID        int64
	GridName      string // filled on read
	HouseholdID   int64  // 0: not grouped
	Relation      string // relation to the head of household
	Tags          []string
	Status        ResidentStatus
	Note          string
	Voided        bool
	VoidReason    string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Sex returns 男 or 女.
func (r Resident) Sex() string {
	if r.Male {
		return "男"
	}
	return "女"
}

// Age returns the resident's age in whole years on day.
func (r Resident) Age(day time.Time) int { return AgeOn(r.Birth, day) }

// HasTag reports whether the resident carries tag.
func (r Resident) HasTag(tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Field limits, shared by the forms and the store.
const (
	MaxNameLen    = 30
	MaxAddressLen = 120
	MaxNoteLen    = 1000
	MaxReasonLen  = 500
)

// Normalize trims the text fields and derives birth date and sex from a valid ID number.
// It returns every field's problem at once as *Problems (ErrInvalid).
func (r *Resident) Normalize(today time.Time) error {
	var p Problems
	r.Name = strings.TrimSpace(r.Name)
	r.Phone = strings.TrimSpace(r.Phone)
	r.Address = strings.TrimSpace(r.Address)
	r.Note = strings.TrimSpace(r.Note)
	r.Relation = strings.TrimSpace(r.Relation)
	if r.Name == "" {
		p.Addf("name", "请填写姓名")
	}
	if n := utf8.RuneCountInString(r.Name); n > MaxNameLen {
		p.Addf("name", "姓名过长（%d 字），最多 %d 字", n, MaxNameLen)
	}
	p.Add(CheckPrintable("name", "姓名", r.Name))
	if info, err := ParseIDNumber(r.IDNumber, today); !p.Add(err) {
		r.IDNumber, r.Birth, r.Male = info.Number, info.Birth, info.Male
	}
	p.Add(ValidatePhone(r.Phone))
	if n := utf8.RuneCountInString(r.Address); n > MaxAddressLen {
		p.Addf("address", "住址过长（%d 字），最多 %d 字", n, MaxAddressLen)
	}
	p.Add(CheckPrintable("address", "住址", r.Address))
	if n := utf8.RuneCountInString(r.Note); n > MaxNoteLen {
		p.Addf("note", "备注过长（%d 字），最多 %d 字", n, MaxNoteLen)
	}
	if r.CommunityID == 0 {
		p.Addf("community", "请选择所属社区")
	}
	if r.Status == "" {
		r.Status = ResidentActive
	}
	switch r.Status {
	case ResidentActive, ResidentDeceased, ResidentMovedOut:
	default:
		p.Addf("status", "人员状态“%s”无效", r.Status)
	}
	seen := map[string]bool{}
	tags := r.Tags[:0:0]
	for _, t := range r.Tags {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	r.Tags = tags
	return p.Err()
}

// ResidentFilter selects residents for a list page.
type ResidentFilter struct {
	Query       string // name, pinyin initials, ID fragment, phone or address
	CommunityID int64
	GridID      int64
	Tag         string
	Status      ResidentStatus // empty: any
	MinAge      int            // 0: any
	WithVoided  bool
	Offset      int
	Limit       int // 0: 50
	Sort        string
	Desc        bool
}

// TimelineEntry is one event in a resident's history: an issue, a service or a document.
type TimelineEntry struct {
	Date  time.Time
	Kind  string // 问题, 服务, 文书, 档案
	Title string
	Ref   string // a number such as WT-2026-0001, for opening the record
}
