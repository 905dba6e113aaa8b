package data

import (
	"fmt"
	"slices"
	"strings"
)

// StandardKind is which local standard (救助标准) an amount is.
type StandardKind string

// Standards the office sets per period.
const (
	StandardDibao StandardKind = "dibao" // 最低生活保障标准, per person and month
	StandardTekun StandardKind = "tekun" // 特困人员基本生活（供养）标准, per person and month
)

// StandardKinds lists the kinds in display order.
var StandardKinds = []StandardKind{StandardDibao, StandardTekun}

// String returns the Chinese name.
func (k StandardKind) String() string {
	switch k {
	case StandardDibao:
		return "低保标准"
	case StandardTekun:
		return "特困供养标准"
	}
	return string(k)
}

// Valid reports whether k is one of StandardKinds.
func (k StandardKind) Valid() bool { return slices.Contains(StandardKinds, k) }

// AidStandard is a local standard from a month until the next one of its kind.
type AidStandard struct {
	ID     int64
	Kind   StandardKind
	From   Month
	Amount Fen    // per person and month
	Note   string // the document that set it
}

// Validate checks a standard before it is kept.
func (s AidStandard) Validate() error {
	var p Problems
	if !s.Kind.Valid() {
		p.Addf("kind", "请选择标准类别（低保标准或特困供养标准）。")
	}
	if s.From.IsZero() {
		p.Addf("from", "请填写标准的执行月份，如 2027-01。")
	}
	if s.Amount <= 0 {
		p.Addf("amount", "请填写标准金额（元/人·月），应大于零。")
	}
	if len([]rune(strings.TrimSpace(s.Note))) > 100 {
		p.Addf("note", "依据文件不超过100字。")
	}
	return p.Err()
}

// StandardIn returns the standard of kind k in force in month m: the latest one from m or
// before.
func StandardIn(list []AidStandard, k StandardKind, m Month) (AidStandard, bool) {
	var best AidStandard
	found := false
	for _, s := range list {
		if s.Kind == k && s.From <= m && (!found || s.From > best.From) {
			best, found = s, true
		}
	}
	return best, found
}

// AidGap describes the 低保 gap for the form: the monthly per-capita income against the
// standard, and the amount the gap gives for the household (社会救助暂行办法第十二条: 按照
// 共同生活的家庭成员人均收入低于当地最低生活保障标准的差额，按月发给). "" when the income or the
// standard is not known.
func AidGap(income, standard Fen, persons int) string {
	if income <= 0 || standard <= 0 || persons < 1 {
		return ""
	}
	if income >= standard {
		return fmt.Sprintf("月人均收入%s元，不低于低保标准%s元（高出%s元）", income.Plain(), standard.Plain(), (income - standard).Plain())
	}
	gap := standard - income
	return fmt.Sprintf("月人均收入%s元，低于低保标准%s元：差额每人每月%s元，按%d人计每月%s元", income.Plain(), standard.Plain(),
		gap.Plain(), persons, (gap * Fen(persons)).Plain())
}

// StandardWarnings returns what in d does not follow from the local standards in force in
// its month, as Chinese sentences for the form (warnings, not refusals): a 低保 amount below
// the gap, a stated standard other than the office's, a 特困 amount below the 特困供养标准.
func StandardWarnings(d Decision, list []AidStandard) []string {
	var out []string
	m := MonthOf(d.Effective)
	if m == 0 {
		m = MonthOf(d.Date)
	}
	if m == 0 || !d.Outcome.ChangesMoney() || d.Outcome == OutcomeStop {
		return nil
	}
	if s, ok := StandardIn(list, StandardDibao, m); ok && d.Standard > 0 && d.Standard != s.Amount &&
		(d.Programme == ProgrammeDibao || d.Programme.Individual()) {
		out = append(out, fmt.Sprintf("所填低保标准（%s元）与本单位设定的%s起低保标准（%s元）不一致。", d.Standard.Plain(), s.From.Chinese(), s.Amount.Plain()))
	}
	switch {
	case d.Programme == ProgrammeDibao && d.Income > 0 && d.Standard > 0 && d.Income < d.Standard && d.HouseholdSize > 0:
		gap := (d.Standard - d.Income) * Fen(d.HouseholdSize)
		if d.AmountAfter > 0 && d.AmountAfter < gap {
			out = append(out, fmt.Sprintf("每月%s元低于按差额计算的金额（%s元），请核对或在理由中写明。", d.AmountAfter.Plain(), gap.Plain()))
		}
	case d.Programme.Individual():
		// The 基本生活 part is the standard; 照料护理 may come on top, so only less warns.
		if s, ok := StandardIn(list, StandardTekun, m); ok && d.AmountAfter > 0 && d.AmountAfter < s.Amount {
			out = append(out, fmt.Sprintf("每月%s元低于%s起的特困供养标准（%s元），请核对。", d.AmountAfter.Plain(), s.From.Chinese(), s.Amount.Plain()))
		}
	}
	return out
}
