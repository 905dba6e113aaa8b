package data

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The aid roster (救助对象台账) is derived from the signed decisions, never typed: a 给予
// starts a case, 增发 and 减发 change its monthly amount from their effective month, 停发
// ends it; a correction replaces the decision it corrects and a voided decision counts for
// nothing. A 临时救助 grant is a one-off payment in its month, kept as a case of one month so
// that a month's roster reads all programmes alike. The rules are here; the store keeps the
// derived cases in step with every signing and voiding, and `check` derives them again.

// Month is a calendar month as a count of months since January of year 0, so that months
// compare and add as integers. The zero Month is "none".
type Month int

// MonthOf returns d's month.
func MonthOf(d Date) Month {
	if d.IsZero() {
		return 0
	}
	return Month(d.Year*12 + int(d.Month) - 1)
}

// NewMonth returns the month m of year y.
func NewMonth(y int, m time.Month) Month { return Month(y*12 + int(m) - 1) }

// Year is the month's year.
func (m Month) Year() int { return int(m) / 12 }

// Mon is the month of the year.
func (m Month) Mon() time.Month { return time.Month(int(m)%12 + 1) }

// First is the first day of the month.
func (m Month) First() Date { return Date{m.Year(), m.Mon(), 1} }

// IsZero reports whether m is no month.
func (m Month) IsZero() bool { return m == 0 }

// String is the month as stored: 2026-11; "" for no month.
func (m Month) String() string {
	if m == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Mon()))
}

// Chinese is the month as printed: 2026年11月.
func (m Month) Chinese() string {
	if m == 0 {
		return ""
	}
	return fmt.Sprintf("%d年%d月", m.Year(), int(m.Mon()))
}

// ParseMonthKey reads a month as stored (2026-11) or as ParseMonth accepts it.
func ParseMonthKey(s string) (Month, error) {
	d, err := ParseMonth("month", s)
	if err != nil {
		return 0, err
	}
	return MonthOf(d), nil
}

// AidDecision is what the roster reads of one signed decision.
type AidDecision struct {
	DocID      int64
	DocNumber  string
	ResidentID int64
	Programme  Programme
	Outcome    Outcome
	Before     Fen   // 原金额 as the letter states it
	Amount     Fen   // the monthly amount after; the sum of a one-off grant
	Persons    int   // 保障人数: the household size, 1 for a programme granted to a person
	Month      Month // the effective month; for a one-off grant its month
	Date       Date  // 成文日期
	// SignedAt orders decisions of one month and date as they were signed (a draft made
	// earlier may be signed later); zero for the paper register's letters.
	SignedAt   time.Time
	Voided     bool
	CorrectsID int64 // the decision this one corrects, 0 if none
	// Paper marks a letter of the imported paper register: its DocID is minus its register
	// row's id, its amount the register's, its month the one after it was signed (最低生活保障
	// 审核确认办法第二十一条, 特困人员认定办法第十七条、第二十六条: 下月起), and the household
	// size unknown (0).
	Paper bool
}

// AidDecisionOfPaper reads a decision of the paper register for the roster; ok is false when
// the register does not say enough (no resident, no outcome, or no amount for a grant or a
// change).
func AidDecisionOfPaper(p PaperDocument) (AidDecision, bool) {
	if p.Kind != DocDecision || p.ResidentID == 0 || !p.Outcome.Valid() || p.Outcome == OutcomeRefuse {
		return AidDecision{}, false
	}
	if !p.HasAmount && p.Outcome != OutcomeStop {
		return AidDecision{}, false
	}
	a := AidDecision{DocID: -p.ID, DocNumber: p.DocNumber, ResidentID: p.ResidentID, Programme: p.Programme, Outcome: p.Outcome,
		Amount: p.Amount, Month: MonthOf(p.SignedOn) + 1, Date: p.SignedOn, Paper: true}
	if p.Outcome == OutcomeStop {
		a.Amount = 0
	}
	if p.Programme.Individual() {
		a.Persons = 1
	}
	if p.Programme.OneOff() {
		a.Month = MonthOf(p.SignedOn)
	}
	return a, true
}

// AidDecisionOf reads a signed decision for the roster. The month is the effective month,
// or for a one-off grant without one the month of the decision.
func AidDecisionOf(id int64, residentID int64, d Decision) AidDecision {
	a := AidDecision{DocID: id, DocNumber: d.DocNumber, ResidentID: residentID, Programme: d.Programme, Outcome: d.Outcome,
		Before: d.AmountBefore, Amount: d.AmountAfter, Persons: max(d.HouseholdSize, 1), Month: MonthOf(d.Effective), Date: d.Date}
	if d.Programme.Individual() {
		a.Persons = 1
	}
	if a.Month == 0 && d.Programme.OneOff() {
		a.Month = MonthOf(d.Date)
	}
	return a
}

// AidPeriod is a stretch of a case at one monthly amount, from the month of the decision
// that set it until the next change or the end of the case.
type AidPeriod struct {
	From      Month
	To        Month // the first month after the period; 0 while open
	Amount    Fen
	Persons   int
	DocID     int64
	DocNumber string
	Outcome   Outcome
}

// AidCase is one stretch of assistance of a person or household under a programme: from the
// 给予 that started it to the 停发 that ended it (End 0 while running).
type AidCase struct {
	ResidentID  int64
	Programme   Programme
	GrantID     int64 // the decision that started the case
	GrantNumber string
	Start       Month
	End         Month // the first month no longer paid; 0 while running
	EndID       int64 // the 停发 that ended it; 0 for a one-off payment or a running case
	EndNumber   string
	Periods     []AidPeriod
}

// Running reports whether the case pays in month m.
func (c AidCase) Running(m Month) bool {
	return m >= c.Start && (c.End == 0 || m < c.End)
}

// In returns the period paying in month m.
func (c AidCase) In(m Month) (AidPeriod, bool) {
	if !c.Running(m) {
		return AidPeriod{}, false
	}
	for i := len(c.Periods) - 1; i >= 0; i-- {
		if c.Periods[i].From <= m {
			return c.Periods[i], true
		}
	}
	return AidPeriod{}, false
}

// Latest is the case's last period: what it pays now, or paid when it ended.
func (c AidCase) Latest() AidPeriod {
	if len(c.Periods) == 0 {
		return AidPeriod{}
	}
	return c.Periods[len(c.Periods)-1]
}

// Fingerprint is the case written out whole, for comparing a stored case with a derived one.
func (c AidCase) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%s|%d|%s|%s|%d", c.ResidentID, c.Programme, c.GrantID, c.Start, c.End, c.EndID)
	for _, p := range c.Periods {
		fmt.Fprintf(&b, ";%s-%s:%d×%d@%d", p.From, p.To, p.Amount, p.Persons, p.DocID)
	}
	return b.String()
}

// EffectiveAidDecisions keeps the decisions that count, each once: not voided, and not
// corrected by a decision that itself counts (a correction replaces what it corrects; when the
// correction is voided, the corrected decision stands again).
func EffectiveAidDecisions(all []AidDecision) []AidDecision {
	corrected := map[int64]bool{}
	for _, d := range all {
		if !d.Voided && d.CorrectsID != 0 {
			corrected[d.CorrectsID] = true
		}
	}
	var out []AidDecision
	seen := map[int64]bool{}
	for _, d := range all {
		if !d.Voided && !corrected[d.DocID] && !seen[d.DocID] {
			seen[d.DocID] = true
			out = append(out, d)
		}
	}
	return out
}

type aidSubject struct {
	resident  int64
	programme Programme
}

// DeriveAid builds the cases from the decisions that count (EffectiveAidDecisions), in the
// order of their effective months (then date and id). A 增发, 减发 or 停发 that finds no running
// case changes nothing and is returned among the strays; a refusal changes nothing. A 给予
// while a case runs sets its amount from its month.
func DeriveAid(ds []AidDecision) (cases []AidCase, strays []AidDecision) {
	ds = slices.Clone(ds)
	slices.SortFunc(ds, func(a, b AidDecision) int {
		return cmp.Or(cmp.Compare(a.ResidentID, b.ResidentID), cmp.Compare(a.Programme, b.Programme), aidOrder(a, b))
	})
	var cur *AidCase
	var subject aidSubject
	flush := func() {
		if cur != nil {
			cases = append(cases, *cur)
			cur = nil
		}
	}
	for _, d := range ds {
		if s := (aidSubject{d.ResidentID, d.Programme}); s != subject {
			flush()
			subject = s
		}
		period := AidPeriod{From: d.Month, Amount: d.Amount, Persons: d.Persons, DocID: d.DocID, DocNumber: d.DocNumber, Outcome: d.Outcome}
		switch {
		case d.Outcome == OutcomeRefuse || !d.Outcome.Valid():
			continue
		case d.Programme.OneOff():
			if d.Outcome != OutcomeGrant || d.Month == 0 {
				strays = append(strays, d)
				continue
			}
			period.To = d.Month + 1
			cases = append(cases, AidCase{ResidentID: d.ResidentID, Programme: d.Programme, GrantID: d.DocID, GrantNumber: d.DocNumber,
				Start: d.Month, End: d.Month + 1, Periods: []AidPeriod{period}})
		case d.Month == 0:
			strays = append(strays, d)
		case d.Outcome == OutcomeGrant && cur == nil:
			cur = &AidCase{ResidentID: d.ResidentID, Programme: d.Programme, GrantID: d.DocID, GrantNumber: d.DocNumber,
				Start: d.Month, Periods: []AidPeriod{period}}
		case cur == nil:
			strays = append(strays, d)
		case d.Outcome == OutcomeStop:
			cur.End, cur.EndID, cur.EndNumber = d.Month, d.DocID, d.DocNumber
			cur.closePeriods()
			flush()
		default: // 给予 again, 增发, 减发: the amount from this month
			if last := &cur.Periods[len(cur.Periods)-1]; last.From == d.Month {
				*last = period // the later decision of the same month stands
			} else {
				last.To = d.Month
				cur.Periods = append(cur.Periods, period)
			}
		}
	}
	flush()
	return cases, strays
}

// closePeriods ends the last period with the case and drops the periods that start after it
// (a change effective after a 停发 of an earlier month pays nothing).
func (c *AidCase) closePeriods() {
	for len(c.Periods) > 1 && c.Periods[len(c.Periods)-1].From >= c.End {
		c.Periods = c.Periods[:len(c.Periods)-1]
	}
	c.Periods[len(c.Periods)-1].To = c.End
}

// CheckAidDecision refuses a decision the roster cannot take: a 增发, 减发 or 停发 for someone
// with no running case of the programme in its effective month, one whose 原金额 is not the
// amount then running, and any change of a one-off programme. cases are the subject's
// cases as the other decisions that count leave them.
func CheckAidDecision(cases []AidCase, d AidDecision) error {
	switch d.Outcome {
	case OutcomeIncrease, OutcomeDecrease, OutcomeStop:
	default:
		return nil
	}
	if d.Programme.OneOff() {
		return Invalid("outcome", "%s是一次性发放，不能%s：如需再次救助，请另作给予决定。", d.Programme, d.Outcome)
	}
	if d.Month == 0 {
		return nil // Validate asks for the month
	}
	for _, c := range cases {
		if c.Programme != d.Programme || c.ResidentID != d.ResidentID {
			continue
		}
		p, ok := c.In(d.Month)
		if !ok {
			continue
		}
		if d.Before != p.Amount {
			return Invalid("amount_before", "原金额（每月%s元）与救助对象台账不符：%s起按%s每月发放%s元，请改为%s元。",
				d.Before.Plain(), p.From.Chinese(), p.DocNumber, p.Amount.Plain(), p.Amount.Plain())
		}
		return nil
	}
	return Invalid("outcome", "该对象%s没有正在享受的%s，不能%s：请核对执行月份，或先作出给予决定。", d.Month.Chinese(), d.Programme.FullName(), d.Outcome)
}

// RunningCase returns the subject's case running in month m, if any.
func RunningCase(cases []AidCase, p Programme, m Month) (AidCase, bool) {
	for _, c := range cases {
		if c.Programme == p && c.Running(m) {
			return c, true
		}
	}
	return AidCase{}, false
}

// AidStatus is where a case stands in a month.
type AidStatus string

// Case statuses.
const (
	AidRunning AidStatus = "running" // 在保
	AidEnded   AidStatus = "ended"   // 已停发
	AidPending AidStatus = "pending" // 待发放: granted from a later month
	AidOneOff  AidStatus = "one_off" // 一次性
	// AidDue is not a state of its own but a filter: running cases due for review (待核查)
	// by the end of the month viewed.
	AidDue AidStatus = "due"
)

// String returns the Chinese name.
func (s AidStatus) String() string {
	switch s {
	case AidRunning:
		return "在保"
	case AidEnded:
		return "已停发"
	case AidPending:
		return "待发放"
	case AidOneOff:
		return "一次性救助"
	case AidDue:
		return "待核查"
	}
	return string(s)
}

// StatusIn is where the case stands in month m.
func (c AidCase) StatusIn(m Month) AidStatus {
	switch {
	case c.Programme.OneOff():
		return AidOneOff
	case m < c.Start:
		return AidPending
	case c.End != 0 && m >= c.End:
		return AidEnded
	}
	return AidRunning
}

// AidTotals are the households, persons and amount of a set of cases over a period.
type AidTotals struct {
	Households int // cases paid at least once in the period
	Persons    int // their 保障人数 as last paid in the period
	Amount     Fen // everything paid in the period
}

// Add counts case c over months from..to (inclusive).
func (t *AidTotals) Add(c AidCase, from, to Month) {
	paid, persons := false, 0
	for m := max(from, c.Start); m <= to && (c.End == 0 || m < c.End); m++ {
		if p, ok := c.In(m); ok {
			t.Amount += p.Amount
			paid, persons = true, p.Persons
		}
	}
	if paid {
		t.Households++
		t.Persons += persons
	}
}

// AidPeriodRange reads --month 2026-11, --quarter 2026-Q4 (or 2026-4) or --year 2026 into its
// first and last month and a Chinese name (2026年11月, 2026年第四季度, 2026年).
func AidPeriodRange(kind, s string) (from, to Month, name string, err error) {
	s = strings.TrimSpace(s)
	switch kind {
	case "month":
		m, err := ParseMonthKey(s)
		if err != nil || m == 0 {
			return 0, 0, "", Invalid("month", "月份“%s”无法识别，请写成 2026-11", s)
		}
		return m, m, m.Chinese(), nil
	case "quarter":
		y, q, ok := strings.Cut(strings.ToUpper(s), "-")
		q = strings.TrimPrefix(q, "Q")
		yi, e1 := strconv.Atoi(y)
		qi, e2 := strconv.Atoi(q)
		if !ok || e1 != nil || e2 != nil || qi < 1 || qi > 4 || yi < 1900 || yi > 9999 {
			return 0, 0, "", Invalid("quarter", "季度“%s”无法识别，请写成 2026-Q4", s)
		}
		from = NewMonth(yi, time.Month(qi*3-2))
		return from, from + 2, fmt.Sprintf("%d年第%s季度", yi, []string{"一", "二", "三", "四"}[qi-1]), nil
	case "year":
		yi, err := strconv.Atoi(s)
		if err != nil || yi < 1900 || yi > 9999 {
			return 0, 0, "", Invalid("year", "年份“%s”无法识别，请写成 2026", s)
		}
		return NewMonth(yi, time.January), NewMonth(yi, time.December), fmt.Sprintf("%d年", yi), nil
	}
	return 0, 0, "", Invalid("period", "请用 --month、--quarter 或 --year 指定期间")
}

// Amount is money in fen that JSON writes as a number of yuan with two decimals (743000.00),
// exact because it is formatted from the integer.
type Amount Fen

// MarshalJSON writes the yuan.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(Fen(a).Plain()), nil }

// AidPayRow is one line of a month's 发放花名册.
type AidPayRow struct {
	Name          string // 户主, or the person for 特困
	IDNumber      string // masked by the store
	CommunityName string
	Programme     Programme
	Persons       int
	Amount        Fen
	Note          string // 本月新增, 本月起增发 …, 一次性救助
}

// AidSummaryRow is one line of the summary by programme and community: CommunityName is ""
// on the programme's total line.
type AidSummaryRow struct {
	Programme     Programme
	CommunityName string
	AidTotals
}

// aidOrder is the order DeriveAid applies a subject's decisions in: effective month, date,
// then the order of signing.
func aidOrder(a, b AidDecision) int {
	return cmp.Or(cmp.Compare(a.Month, b.Month), a.Date.Compare(b.Date), a.SignedAt.Compare(b.SignedAt), cmp.Compare(a.DocID, b.DocID))
}

// AidBefore keeps the decisions of ds that DeriveAid applies before x (by effective month,
// date and id): what was in force when x took effect.
func AidBefore(ds []AidDecision, x AidDecision) []AidDecision {
	var out []AidDecision
	for _, d := range ds {
		if d.DocID != x.DocID && aidOrder(d, x) < 0 {
			out = append(out, d)
		}
	}
	return out
}

// AidFigures are one programme's figures of `stats --json` (aid.<programme>.*): see the
// README's 救助对象台账口径.
type AidFigures struct {
	Households int    `json:"households"`
	Persons    int    `json:"persons"`
	Amount     Amount `json:"amount"`
}
