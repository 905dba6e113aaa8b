package data

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// CertCycle is how a recurring certification 定期认证 repeats.
type CertCycle string

// Certification cycles.
const (
	// CycleQuarter: once in every calendar quarter (1–3月, 4–6月, 7–9月, 10–12月).
	CycleQuarter CertCycle = "quarter"
	// CycleMonths: the gap between two certifications may not exceed CertRule.Months months.
	CycleMonths CertCycle = "months"
)

// CertRule is one editable certification rule: who must certify for an item, and how often.
// The rules are kept as JSON in the settings (KeyCertRules).
type CertRule struct {
	Item   string    `json:"item"`             // 事项, e.g. 高龄津贴认证; a service of this item completes a cycle
	MinAge int       `json:"min_age"`          // residents of this age and over are in the cycle
	Cycle  CertCycle `json:"cycle"`            // CycleQuarter or CycleMonths
	Months int       `json:"months,omitempty"` // CycleMonths: the longest allowed gap
}

// KeyCertRules is the settings key of the certification rules (JSON list of CertRule).
const KeyCertRules = "cert_rules"

// DefaultCertRules: residents aged 80 and over certify for the old-age allowance every
// quarter; pensioners (taken as residents aged 60 and over) certify their pension
// eligibility at least once in every 12 months.
var DefaultCertRules = []CertRule{
	{Item: ItemOldAgeAllowance, MinAge: 80, Cycle: CycleQuarter},
	{Item: ItemPension, MinAge: 60, Cycle: CycleMonths, Months: 12},
}

// Describe says the rule in one Chinese sentence.
func (r CertRule) Describe() string {
	if r.Cycle == CycleQuarter {
		return fmt.Sprintf("年满%d周岁的在册居民每季度认证一次%s", r.MinAge, r.Item)
	}
	return fmt.Sprintf("年满%d周岁的在册居民至少每%d个月认证一次%s", r.MinAge, r.Months, r.Item)
}

// Validate checks one rule.
func (r *CertRule) Validate() error {
	r.Item = strings.TrimSpace(r.Item)
	if err := requireText("item", "认证事项", r.Item, MaxServiceShort); err != nil {
		return err
	}
	if r.MinAge < 0 || r.MinAge > 120 {
		return Invalid("min_age", "认证起始年龄应在0到120周岁之间，现在是%d", r.MinAge)
	}
	switch r.Cycle {
	case CycleQuarter:
		r.Months = 0
	case CycleMonths:
		if r.Months < 1 || r.Months > 60 {
			return Invalid("months", "认证间隔应在1到60个月之间，现在是%d", r.Months)
		}
	default:
		return Invalid("cycle", "认证周期“%s”无效，只能是每季度或按月数", string(r.Cycle))
	}
	return nil
}

// ParseCertRules reads the stored rules; an empty value gives DefaultCertRules.
func ParseCertRules(s string) ([]CertRule, error) {
	if strings.TrimSpace(s) == "" {
		return append([]CertRule(nil), DefaultCertRules...), nil
	}
	var rs []CertRule
	if err := json.Unmarshal([]byte(s), &rs); err != nil {
		return nil, &Error{Kind: ErrInvalid, Field: "cert_rules", Message: "认证规则设置已损坏，请管理员重新设置", Err: err}
	}
	if err := ValidateCertRules(rs); err != nil {
		return nil, err
	}
	return rs, nil
}

// ValidateCertRules checks every rule and that no item has two rules.
func ValidateCertRules(rs []CertRule) error {
	seen := map[string]bool{}
	for i := range rs {
		if err := rs[i].Validate(); err != nil {
			return err
		}
		if seen[rs[i].Item] {
			return Invalid("item", "认证事项“%s”有两条规则，只能保留一条", rs[i].Item)
		}
		seen[rs[i].Item] = true
	}
	return nil
}

// CertState is where a resident stands in a certification cycle on a day.
type CertState string

// Certification states.
const (
	CertNotInCycle CertState = ""          // 不在认证范围
	CertCertified  CertState = "certified" // 已认证
	CertDue        CertState = "due"       // 待认证
	CertOverdue    CertState = "overdue"   // 逾期未认证
	// CertPending selects, in lists, everyone not certified this cycle (待认证 and 逾期未认证
	// together): the 本季度待认证 of the dashboard. No resident is "in" it as a state.
	CertPending CertState = "pending"
)

// CertStates lists the states a list can filter by.
var CertStates = []CertState{CertDue, CertOverdue, CertCertified}

// String returns the Chinese name.
func (s CertState) String() string {
	switch s {
	case CertCertified:
		return "已认证"
	case CertDue:
		return "待认证"
	case CertOverdue:
		return "逾期未认证"
	case CertPending:
		return "未认证"
	}
	return "不在认证范围"
}

// CertDefinition states exactly how certification states are computed, for the README, the
// screen and inspectors. CertStateOf and the store's lists follow it; change them together.
const CertDefinition = `定期认证口径

只计“在册”且未作废的居民；已故、迁出的居民自动退出认证。年龄按身份证号中的出生日期计算。
某事项的“认证”指一条未作废、办理结果为“已办结”、事项为该认证事项的服务记录（类型不限，通常是入户认证），
认证日期为服务日期；一条记录登记多名居民时，每人都算认证一次。以每人该事项最近一次认证日期判断。

一、按季度认证（默认：高龄津贴认证，年满80周岁）
  本季度指查询日所在的自然季度（1—3月、4—6月、7—9月、10—12月）。
  1. 认证范围：本季度最后一天已年满80周岁的在册居民（季度中满80周岁的，当季即进入认证）。
  2. 已认证：最近一次认证日期在本季度第一天或以后。
  3. 逾期未认证：本季度未认证，且上季度最后一天已年满80周岁，而上季度也未认证（最近一次认证早于上季度第一天，或从未认证）。
  4. 待认证：在认证范围内、本季度未认证、且不属于逾期的居民（上季度已认证，或本季度才进入认证）。

二、按月数认证（默认：养老保险资格认证，年满60周岁，间隔不超过12个月）
  “往前推N个月”指查询日往前推N个月的同一日（该月没有这一日的取该月最后一天）。
  1. 认证范围：查询日已年满60周岁的在册居民。
  2. 已认证：最近一次认证日期不早于查询日往前推11个月（即距下次认证期限还有一个月以上）。
  3. 逾期未认证：最近一次认证日期早于查询日往前推12个月（认证满12个月的当天仍有效，次日起逾期）。
  4. 待认证：从未认证，或最近一次认证在有效期的最后一个月内。`

// CertWindow is a rule applied to one as-of date: the thresholds that decide each state, in
// the form both CertStateOf and the store's SQL use (dates compare as YYYY-MM-DD text).
type CertWindow struct {
	Rule  CertRule
	AsOf  Date
	From  Date // the cycle's first day (quarter) or the as-of date (months)
	To    Date // the cycle's last day (quarter) or the as-of date (months)
	Label string

	// EntryBirth: residents born on or before it are in the cycle (YYYY-MM-DD, may name a
	// day that does not exist, such as 1946-02-29: it is only compared as text).
	EntryBirth string
	// CertifiedFrom: a last certification on or after it is 已认证.
	CertifiedFrom Date
	// OverdueBefore: a last certification before it (or none, see NeverOverdueBirth) is 逾期.
	OverdueBefore Date
	// PrevBirth (quarter only): residents born on or before it were in the previous quarter's
	// cycle; only they can be overdue. Months rules: "" (never certified is 待认证).
	PrevBirth string
}

// QuarterStart returns the first day of d's calendar quarter.
func QuarterStart(d Date) Date { return Date{d.Year, time.Month((int(d.Month)-1)/3*3 + 1), 1} }

// QuarterEnd returns the last day of d's calendar quarter.
func QuarterEnd(d Date) Date {
	s := QuarterStart(d)
	m := s.Month + 2
	return Date{s.Year, m, daysIn(s.Year, m)}
}

// QuarterLabel is 2026年第一季度.
func QuarterLabel(d Date) string {
	return fmt.Sprintf("%d年第%s季度", d.Year, []string{"一", "二", "三", "四"}[(int(d.Month)-1)/3])
}

// MonthsBefore returns the same day n months before d, or that month's last day when it has
// no such day (2026-03-31 less one month is 2026-02-28).
func MonthsBefore(d Date, n int) Date {
	y, m := d.Year, int(d.Month)-n
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	day := min(d.Day, daysIn(y, time.Month(m)))
	return Date{y, time.Month(m), day}
}

// birthOnOrBefore returns the latest birth date (as text) of someone aged at least age on d:
// AgeOn(b, d) >= age exactly when b's YYYY-MM-DD is not after it.
func birthOnOrBefore(d Date, age int) string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year-age, int(d.Month), d.Day)
}

// Window applies the rule to an as-of date.
func (r CertRule) Window(asOf Date) CertWindow {
	w := CertWindow{Rule: r, AsOf: asOf}
	if r.Cycle == CycleQuarter {
		w.From, w.To = QuarterStart(asOf), QuarterEnd(asOf)
		prev := w.From.AddDays(-1)
		w.Label = QuarterLabel(asOf)
		w.EntryBirth = birthOnOrBefore(w.To, r.MinAge)
		w.CertifiedFrom = w.From
		w.OverdueBefore = QuarterStart(prev)
		w.PrevBirth = birthOnOrBefore(prev, r.MinAge)
		return w
	}
	w.From, w.To = asOf, asOf
	w.Label = fmt.Sprintf("截至%s", asOf.Chinese())
	w.EntryBirth = birthOnOrBefore(asOf, r.MinAge)
	w.CertifiedFrom = MonthsBefore(asOf, r.Months-1)
	w.OverdueBefore = MonthsBefore(asOf, r.Months)
	return w
}

// State is CertStateOf for one resident in this window.
func (w CertWindow) State(birth Date, status ResidentStatus, last Date) CertState {
	if status != ResidentActive || birth.IsZero() || birth.String() > w.EntryBirth {
		return CertNotInCycle
	}
	if !last.IsZero() && !last.Before(w.CertifiedFrom) {
		return CertCertified
	}
	if w.Rule.Cycle == CycleQuarter {
		if birth.String() <= w.PrevBirth && (last.IsZero() || last.Before(w.OverdueBefore)) {
			return CertOverdue
		}
		return CertDue
	}
	if !last.IsZero() && last.Before(w.OverdueBefore) {
		return CertOverdue
	}
	return CertDue
}

// CertStateOf computes, by CertDefinition, where a resident (born on birth, with status,
// last certified for the rule's item on last — zero if never) stands on asOf.
func CertStateOf(r CertRule, birth Date, status ResidentStatus, last, asOf Date) CertState {
	return r.Window(asOf).State(birth, status, last)
}

// CertFigures are the certification counts of `taizhang stats --json` (key
// "certifications"), as of the period end, summed over every rule.
type CertFigures struct {
	AsOf      Date                      `json:"as_of"`
	Due       int                       `json:"due"`       // 待认证
	Overdue   int                       `json:"overdue"`   // 逾期未认证
	Certified int                       `json:"certified"` // 已认证
	ByItem    map[string]map[string]int `json:"by_item"`   // item → due/overdue/certified
}

// CertAgeProblem says why a certification of item on day does not fit one of residents: the
// resident is not in the rule's cycle on day by age (高龄津贴认证 for a 41-year-old). The
// cycle is CertDefinition's: a quarterly rule takes in whoever reaches the age by the
// quarter's last day, so a 79-year-old turning 80 that quarter may be certified. "" when
// every resident is in, or no rule names item.
func CertAgeProblem(rules []CertRule, item string, residents []Resident, day Date) string {
	for _, rule := range rules {
		if rule.Item != item {
			continue
		}
		entry := rule.Window(day).EntryBirth
		for _, r := range residents {
			if r.Birth.IsZero() {
				continue
			}
			if age := AgeOn(r.Birth, day.In(time.UTC)); r.Birth.Format(time.DateOnly) > entry {
				return fmt.Sprintf("%s %d 周岁，未满%s的起始年龄 %d 周岁", r.Name, age, item, rule.MinAge)
			}
		}
	}
	return ""
}
