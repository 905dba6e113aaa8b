package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ServiceType is the kind of a service 上门服务: the value stored is the Chinese name itself,
// since the six types are fixed by PRODUCT.md and read the same in every export.
type ServiceType string

// Service types.
const (
	ServiceAtHome        ServiceType = "上门办"
	ServiceCertification ServiceType = "入户认证"
	ServiceProxy         ServiceType = "帮办代办"
	ServiceAccompany     ServiceType = "陪同办"
	ServiceVisit         ServiceType = "走访慰问"
	ServicePolicy        ServiceType = "政策宣传"
)

// ServiceTypes lists the types in display order.
var ServiceTypes = []ServiceType{ServiceAtHome, ServiceCertification, ServiceProxy, ServiceAccompany, ServiceVisit, ServicePolicy}

// String returns the Chinese name.
func (t ServiceType) String() string { return string(t) }

// Valid reports whether t is one of ServiceTypes.
func (t ServiceType) Valid() bool { return isOneOf(ServiceTypes, t) }

// ServiceResult is how a service ended 办理结果.
type ServiceResult string

// Service results.
const (
	ServiceDone        ServiceResult = "已办结"
	ServiceUnfinished  ServiceResult = "未办结"
	ServiceTransferred ServiceResult = "转办"
)

// ServiceResults lists the results in display order.
var ServiceResults = []ServiceResult{ServiceDone, ServiceUnfinished, ServiceTransferred}

// String returns the Chinese name.
func (r ServiceResult) String() string { return string(r) }

// Valid reports whether r is one of ServiceResults.
func (r ServiceResult) Valid() bool { return isOneOf(ServiceResults, r) }

// CatalogServiceTopics is the editable catalog of service items 服务事项 (高龄津贴认证 …). It is
// a separate list from the one-time-notice items of 行政文书, which carry materials.
const CatalogServiceTopics CatalogKind = "service_topic"

// Certification items named by the default rules.
const (
	ItemOldAgeAllowance = "高龄津贴认证"
	ItemPension         = "养老保险资格认证"
)

// DefaultServiceTopics is the starting catalog of service items 服务事项; the administrator edits it.
var DefaultServiceTopics = []string{
	ItemOldAgeAllowance, ItemPension, "残疾人证办理", "低保申请", "特困供养申请", "临时救助申请",
	"医保报销", "医保参保登记", "居民养老保险缴费", "老年优待证办理", "社保卡办理", "居住证明开具",
	"走访慰问", "政策宣传", "其他",
}

// ServiceNumberPrefix starts a service number: FW-2026-0001.
const ServiceNumberPrefix = "FW"

// FormatServiceNumber returns the number of the seq-th service of year.
func FormatServiceNumber(year, seq int) string {
	return fmt.Sprintf("%s-%04d-%04d", ServiceNumberPrefix, year, seq)
}

// ParseServiceNumber reads FW-2026-0001 (prefix in either case).
func ParseServiceNumber(s string) (year, seq int, err error) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(s)), "-")
	if len(parts) != 3 || parts[0] != ServiceNumberPrefix {
		return 0, 0, Invalid("number", "服务编号“%s”格式不对，应为 FW-2026-0001", s)
	}
	year, err1 := strconv.Atoi(parts[1])
	seq, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || year < MinDateYear || seq < 1 {
		return 0, 0, Invalid("number", "服务编号“%s”格式不对，应为 FW-2026-0001", s)
	}
	return year, seq, nil
}

// Staff is one member of staff who delivered a service: an account (UserID) or a name only.
type Staff struct {
	UserID int64
	Name   string
}

// Length limits of service fields, in characters.
const (
	MaxServiceContent  = 2000
	MaxServiceShort    = 60
	MaxServiceStaff    = 10
	MaxServiceResident = 50
)

// Service is one record of the 上门服务 ledger: a visit at home or a service done on someone's
// behalf.
type Service struct {
	ID          int64
	Number      string // FW-2026-0001, from a yearly counter
	Date        Date   // 服务日期
	Type        ServiceType
	Item        string // 服务事项, from CatalogServiceTopics
	ResidentIDs []int64
	Staff       []Staff
	Content     string // 服务内容
	Result      ServiceResult
	FollowUpOn  Date // 回访日期; zero if none
	OnTheSpot   bool // 当场办结 (only with 已办结)

	CommunityID int64 // of the first resident served, filled by the store
	Voided      bool
	VoidReason  string
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Validate checks the service's own fields and returns every field's problem at once as
// *Problems (ErrInvalid, a Chinese message under each field's key). Catalog membership and the existence of
// residents and accounts are the store's to check. today bounds the date.
func (s *Service) Validate(today Date) error {
	var p Problems
	s.Item = strings.TrimSpace(s.Item)
	s.Content = strings.TrimSpace(s.Content)
	if len(s.ResidentIDs) == 0 {
		p.Addf("residents", "请选择服务对象（至少一名居民）")
	}
	if len(s.ResidentIDs) > MaxServiceResident {
		p.Addf("residents", "一条服务记录最多登记%d名居民", MaxServiceResident)
	}
	if s.Date.IsZero() {
		p.Addf("date", "请填写服务日期")
	}
	if !s.Date.IsValid() {
		p.Addf("date", "服务日期“%s”不是有效日期", s.Date)
	}
	if !today.IsZero() && s.Date.After(today) {
		p.Addf("date", "服务日期不能晚于今天（%s）", today)
	}
	if s.Type == "" {
		p.Addf("type", "请选择服务类型")
	}
	if !s.Type.Valid() {
		p.Addf("type", "服务类型“%s”不存在，只能是上门办、入户认证、帮办代办、陪同办、走访慰问或政策宣传", string(s.Type))
	}
	p.Add(requireText("item", "服务事项", s.Item, MaxServiceShort))
	if len(s.Staff) == 0 {
		p.Addf("staff", "请选择服务人员（至少一人）")
	}
	if len(s.Staff) > MaxServiceStaff {
		p.Addf("staff", "服务人员最多%d人", MaxServiceStaff)
	}
	seen := map[string]bool{}
	for i := range s.Staff {
		s.Staff[i].Name = strings.TrimSpace(s.Staff[i].Name)
		if s.Staff[i].Name == "" {
			p.Addf("staff", "服务人员姓名不能为空")
		}
		p.Add(limitText("staff", "服务人员姓名", s.Staff[i].Name, MaxNameLen))
		if seen[s.Staff[i].Name] {
			p.Addf("staff", "服务人员“%s”重复", s.Staff[i].Name)
		}
		seen[s.Staff[i].Name] = true
	}
	p.Add(requireText("content", "服务内容", s.Content, MaxServiceContent))
	if s.Result == "" {
		p.Addf("result", "请选择办理结果")
	}
	if !s.Result.Valid() {
		p.Addf("result", "办理结果“%s”不存在，只能是已办结、未办结或转办", string(s.Result))
	}
	if s.OnTheSpot && s.Result != ServiceDone {
		p.Addf("on_the_spot", "只有“已办结”的服务可以标记为当场办结")
	}
	if !s.FollowUpOn.IsZero() {
		if !s.FollowUpOn.IsValid() {
			p.Addf("follow_up_on", "回访日期“%s”不是有效日期", s.FollowUpOn)
		}
		if !p.Has("date") && s.FollowUpOn.Before(s.Date) {
			p.Addf("follow_up_on", "回访日期不能早于服务日期（服务日期%s，回访日期%s）", s.Date, s.FollowUpOn)
		}
	}
	if s.Voided && strings.TrimSpace(s.VoidReason) == "" {
		p.Addf("void_reason", "请填写作废理由")
	}
	return p.Err()
}

// StaffNames joins the staff names for lists: 王芳、赵强.
func (s Service) StaffNames() string {
	names := make([]string, len(s.Staff))
	for i, st := range s.Staff {
		names[i] = st.Name
	}
	return strings.Join(names, "、")
}

// ElderlyAge is the age from which a resident served counts as elderly in 老年人占比.
const ElderlyAge = 60

// ServiceFigures are the service figures of `taizhang stats --json` (key "services").
type ServiceFigures struct {
	Total        int            `json:"total"`         // services dated in the period, not voided
	ByType       map[string]int `json:"by_type"`       // the same, per type (every type present, 0 if none)
	Elderly      int            `json:"elderly"`       // of Total: at least one resident served aged ElderlyAge+ on the service date
	ElderlyShare float64        `json:"elderly_share"` // Elderly / Total, 0..1, 0 when Total is 0
	OnTheSpot    int            `json:"on_the_spot"`   // of Total: completed on the spot (当场办结)
	Completed    int            `json:"completed"`     // of Total: result 已办结
	// ByMonth gives the visits per type per month: "2026-03" → type → count.
	ByMonth map[string]map[string]int `json:"by_month"`
}

// ServiceFiguresDefinition states how the service figures count, for the README and
// inspectors; change it only together with the store's ServiceStats.
const ServiceFiguresDefinition = `上门服务统计口径

统计期为[起始日, 截止日]，两端都含，按服务日期计；作废的记录不计。
1. 服务总数（services.total）：服务日期在统计期内的服务记录条数（一条记录服务多名居民也只算一条）。
2. 按类型（services.by_type）：上述记录按服务类型分别计数；按月（services.by_month）再按服务日期所在月份分列。
3. 老年人服务数（services.elderly）：上述记录中，至少有一名服务对象在服务日期当天年满60周岁（按身份证号中的出生日期计算）的条数。
4. 老年人占比（services.elderly_share）= 老年人服务数 ÷ 服务总数，0到1之间的小数；服务总数为0时记为0。
5. 当场办结数（services.on_the_spot）：上述记录中标记为“当场办结”的条数（只有办理结果为“已办结”的记录可以标记）。`
