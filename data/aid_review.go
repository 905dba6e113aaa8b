package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// 动态管理: the office reviews (核查) the families it supports on a schedule by category —
// 《最低生活保障审核确认办法》第三十一条第二款: a 低保 family whose economic situation changes
// little in the short term is reviewed once a year, one with an unstable income or members
// able to work every half year. The national 《特困人员认定办法》 sets no fixed cycle (its
// 第二十五条 asks for timely termination); yearly is this program's default, editable like
// every rule here. A review (入户核查) is recorded with what it found; a change leads to a
// 增发, 减发 or 停发 decision, drafted from the case.

// SourceAidReview is where the review cycle of 低保 was read.
const SourceAidReview = SourceDibaoReview + "：第三十一条第二款"

// KeyAidReviewRules is the setting that holds the review rules as JSON.
const KeyAidReviewRules = "aid_review_rules"

// AidCategory is a case's category for the review schedule.
type AidCategory string

// Categories. A 低保 family is stable unless a review found otherwise.
const (
	AidStable   AidCategory = "stable"   // 经济状况稳定（短期内变化不大）
	AidUnstable AidCategory = "unstable" // 收入来源不固定、有劳动能力
)

// AidCategories lists the categories in display order.
var AidCategories = []AidCategory{AidStable, AidUnstable}

// String returns the Chinese name.
func (c AidCategory) String() string {
	switch c {
	case AidStable:
		return "经济状况稳定"
	case AidUnstable:
		return "收入不固定或有劳动能力"
	}
	return string(c)
}

// AidReviewRule is how often cases of a programme (and, for 低保, a category) are reviewed.
type AidReviewRule struct {
	Programme Programme   `json:"programme"`
	Category  AidCategory `json:"category,omitempty"` // "" for every case of the programme
	Months    int         `json:"months"`
}

// Describe says the rule in a line: 低保（经济状况稳定）每12个月核查一次.
func (r AidReviewRule) Describe() string {
	who := string(r.Programme)
	if r.Category != "" {
		who += "（" + r.Category.String() + "）"
	}
	return fmt.Sprintf("%s每%d个月核查一次", who, r.Months)
}

// DefaultAidReviewRules are the starting rules (see the package comment for their source).
var DefaultAidReviewRules = []AidReviewRule{
	{Programme: ProgrammeDibao, Category: AidStable, Months: 12},
	{Programme: ProgrammeDibao, Category: AidUnstable, Months: 6},
	{Programme: ProgrammeTekun, Months: 12},
}

// ParseAidReviewRules reads the setting; empty is the defaults.
func ParseAidReviewRules(s string) ([]AidReviewRule, error) {
	if strings.TrimSpace(s) == "" {
		return slices.Clone(DefaultAidReviewRules), nil
	}
	var rs []AidReviewRule
	if err := json.Unmarshal([]byte(s), &rs); err != nil {
		return nil, fmt.Errorf("aid review rules: %w", err)
	}
	return rs, nil
}

// ValidateAidReviewRules checks rules before they are kept: 1 to 36 months each, one rule
// per programme and category.
func ValidateAidReviewRules(rs []AidReviewRule) error {
	seen := map[string]bool{}
	for _, r := range rs {
		if r.Months < 1 || r.Months > 36 {
			return Invalid("months", "“%s”的核查间隔应为 1 至 36 个月", strings.TrimSuffix(r.Describe(), fmt.Sprintf("每%d个月核查一次", r.Months)))
		}
		k := string(r.Programme) + "/" + string(r.Category)
		if seen[k] {
			return Invalid("programme", "%s的核查规则重复，请只保留一条", r.Programme)
		}
		seen[k] = true
	}
	return nil
}

// ReviewMonths is the interval of a case of programme p in category c under rules: the
// category's rule, or the programme's; 0 when the programme is not reviewed (临时救助).
func ReviewMonths(rules []AidReviewRule, p Programme, c AidCategory) int {
	if c == "" {
		c = AidStable
	}
	months := 0
	for _, r := range rules {
		switch {
		case r.Programme == p && r.Category == c:
			return r.Months
		case r.Programme == p && r.Category == "":
			months = r.Months
		}
	}
	return months
}

// AidFinding is what a review found.
type AidFinding string

// Findings. NoChange keeps the amount (第三十一条: 没有明显变化的，不再调整); the others lead to a
// decision drafted from the case.
const (
	FindingNoChange AidFinding = "no_change" // 无明显变化
	FindingIncrease AidFinding = "increase"  // 拟增发
	FindingDecrease AidFinding = "decrease"  // 拟减发
	FindingStop     AidFinding = "stop"      // 拟停发
)

// AidFindings lists the findings in display order.
var AidFindings = []AidFinding{FindingNoChange, FindingIncrease, FindingDecrease, FindingStop}

// String returns the Chinese name.
func (f AidFinding) String() string {
	switch f {
	case FindingNoChange:
		return "无明显变化"
	case FindingIncrease:
		return "拟增发"
	case FindingDecrease:
		return "拟减发"
	case FindingStop:
		return "拟停发"
	}
	return string(f)
}

// Outcome is the decision the finding leads to; "" for no change.
func (f AidFinding) Outcome() Outcome {
	switch f {
	case FindingIncrease:
		return OutcomeIncrease
	case FindingDecrease:
		return OutcomeDecrease
	case FindingStop:
		return OutcomeStop
	}
	return ""
}

// AidReview is a recorded 入户核查 of a case.
type AidReview struct {
	ID         int64
	CaseID     int64
	Date       Date
	Category   AidCategory // the category the review found the family in
	Finding    AidFinding
	Note       string // what was found: members, income, work
	Reviewer   string // 核查人
	RecordedBy string
}

// Validate checks a review before it is kept; every problem at once.
func (r AidReview) Validate(today Date) error {
	var p Problems
	if r.Date.IsZero() {
		p.Addf("date", "请填写核查日期。")
	} else if r.Date.After(today) {
		p.Addf("date", "核查日期（%s）晚于今天，请核对。", r.Date.Chinese())
	}
	if !slices.Contains(AidCategories, r.Category) {
		p.Addf("category", "请选择核查后的分类（经济状况稳定，或收入不固定、有劳动能力）。")
	}
	if !slices.Contains(AidFindings, r.Finding) {
		p.Addf("finding", "请选择核查结论（无明显变化、拟增发、拟减发或拟停发）。")
	}
	if strings.TrimSpace(r.Note) == "" {
		p.Addf("note", "请填写核查情况：家庭人口、收入、就业和财产有无变化。")
	} else if len([]rune(r.Note)) > 500 {
		p.Addf("note", "核查情况不超过500字，请精简。")
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		p.Addf("reviewer", "请填写核查人。")
	}
	return p.Err()
}

// ReviewDue is when a running case is next due for review: the interval after its last
// review, or after the first day of its first month when it was never reviewed; zero when
// the programme is not reviewed.
func ReviewDue(c AidCase, last Date, category AidCategory, rules []AidReviewRule) Date {
	months := ReviewMonths(rules, c.Programme, category)
	if months == 0 || c.Programme.OneOff() {
		return Date{}
	}
	from := last
	if from.IsZero() {
		from = c.Start.First()
	}
	return MonthsBefore(from, -months)
}
