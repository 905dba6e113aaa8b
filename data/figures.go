package data

import (
	"fmt"
	"math"
)

// FiguresDefinition states, for the README, the statistics page and inspectors, exactly how
// ComputeIssueFigures counts. It is the one definition; change it only together with the code.
const FiguresDefinition = `问题整改统计口径

统计期为[起始日, 截止日]，两端都含。“期末”指截止日与今天两者中较早的一天。
不填起始日表示不限起始；不填截止日表示截止到今天。
作废的问题一律不计。以下每一项都只在“发现数”所含的问题中计数。

1. 发现数：发现日期在统计期内的问题条数。
2. 销号数：发现数中，状态为“已销号”且销号日期不晚于期末的条数。
3. 按期销号数：销号数中，销号日期不晚于整改时限的条数（批准延期的，以延期后的时限为准）。
4. 已回访数：发现数中，期末以前（含期末）做过回访的条数；每个问题只算一次。
5. 满意数：已回访数中，期末以前最近一次回访结果为“满意”或“基本满意”的条数。
6. 逾期数：发现数中，到期末仍未销号（未销号，或销号日期晚于期末），且期末已晚于整改时限的条数。
7. 临期数：发现数中，到期末仍未销号，且期末距整改时限还有0至3个自然日（含时限当天）的条数。
8. 整改率 = 销号数 ÷ 发现数。
9. 按期整改率 = 按期销号数 ÷ 销号数。
10. 满意率 = 满意数 ÷ 已回访数。
11. 平均整改天数 = 各销号问题从发现日期到销号日期相隔的自然日数之和 ÷ 销号数（当天销号记0天），
    四舍五入保留1位小数。

比率以0到1之间的小数给出，显示时乘以100%并保留1位小数；分母为0时比率记为0，显示为“—”。`

// IssueFact is the little the figures need to know about one issue, so the store can fill a
// slice with one SELECT over the issues found in the period (the figures check the period
// again, so a wider SELECT is harmless).
type IssueFact struct {
	FoundOn  Date
	Deadline Date // current deadline, after any approved extension
	ClosedOn Date // zero unless closed
	Status   IssueStatus

	// The latest follow-up visit on or before the period end: its date (zero if none) and
	// satisfaction. A visit dated after the period end is ignored by the figures.
	FollowUpOn   Date
	Satisfaction Satisfaction
}

// IssueFigures are the office's rectification figures for one period, as defined in
// FiguresDefinition. The JSON keys are those of `taizhang stats --json` under "issues".
type IssueFigures struct {
	From Date `json:"-"` // start of the period; zero: unbounded
	To   Date `json:"-"` // end of the period as asked; zero: today
	AsOf Date `json:"-"` // 期末: the earlier of To and today

	Found        int `json:"found"`          // 发现数
	Closed       int `json:"closed"`         // 销号数
	ClosedOnTime int `json:"closed_on_time"` // 按期销号数
	Visited      int `json:"visited"`        // 已回访数
	Satisfied    int `json:"satisfied"`      // 满意数 (满意 + 基本满意)
	Overdue      int `json:"overdue"`        // 逾期数
	DueSoon      int `json:"due_soon"`       // 临期数

	RectificationRate float64 `json:"rectification_rate"` // 整改率 = Closed / Found
	OnTimeRate        float64 `json:"on_time_rate"`       // 按期整改率 = ClosedOnTime / Closed
	SatisfactionRate  float64 `json:"satisfaction_rate"`  // 满意率 = Satisfied / Visited
	DaysToClose       int     `json:"days_to_close"`      // sum of calendar days from found to closed
	AvgDaysToClose    float64 `json:"avg_days_to_close"`  // DaysToClose / Closed, rounded to 0.1
}

// ComputeIssueFigures computes the figures over facts for the period [from, to] as of today,
// exactly as FiguresDefinition says. from zero means no lower bound; to zero (or after today)
// means up to today. Rates are 0 when their denominator is 0; the counts say whether a rate
// is meaningful (see Percent).
func ComputeIssueFigures(facts []IssueFact, from, to, today Date) IssueFigures {
	asOf := to
	if asOf.IsZero() || asOf.After(today) {
		asOf = today
	}
	f := IssueFigures{From: from, To: to, AsOf: asOf}
	for _, x := range facts {
		if x.Status == IssueVoided || x.FoundOn.After(asOf) || (!from.IsZero() && x.FoundOn.Before(from)) {
			continue
		}
		f.Found++
		closedOn := x.ClosedOn
		if closedOn.IsZero() {
			closedOn = x.FoundOn // a closed issue without a date: taken as closed the day found
		}
		if x.Status == IssueClosed && !closedOn.After(asOf) {
			f.Closed++
			if !x.Deadline.IsZero() && !closedOn.After(x.Deadline) {
				f.ClosedOnTime++
			}
			f.DaysToClose += closedOn.DaysSince(x.FoundOn)
		}
		if !x.FollowUpOn.IsZero() && !x.FollowUpOn.After(asOf) {
			f.Visited++
			if x.Satisfaction.Counts() {
				f.Satisfied++
			}
		}
		switch DeadlineStateOf(x.Deadline, x.Status, closedOn, asOf) {
		case DeadlineOverdue:
			f.Overdue++
		case DeadlineDueSoon:
			f.DueSoon++
		}
	}
	f.RectificationRate = figureRate(f.Closed, f.Found)
	f.OnTimeRate = figureRate(f.ClosedOnTime, f.Closed)
	f.SatisfactionRate = figureRate(f.Satisfied, f.Visited)
	if f.Closed > 0 {
		f.AvgDaysToClose = math.Round(float64(f.DaysToClose)*10/float64(f.Closed)) / 10
	}
	return f
}

func figureRate(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Percent formats num/den for people: "83.3%" (one decimal, rounded half away from zero), or
// "—" when den is 0 and the rate means nothing.
func Percent(num, den int) string {
	if den == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", math.Round(float64(num)*1000/float64(den))/10)
}
