package data

import (
	"strings"
	"testing"
	"time"
)

func ym(y int, m time.Month) Month { return NewMonth(y, m) }

func TestMonth(t *testing.T) {
	m := ym(2026, time.December)
	if m.String() != "2026-12" || (m+1).String() != "2027-01" || m.Chinese() != "2026年12月" {
		t.Fatalf("got %s, %s, %s", m, m+1, m.Chinese())
	}
	if got, err := ParseMonthKey("2026-11"); err != nil || got != ym(2026, time.November) {
		t.Fatalf("got %v %v", got, err)
	}
	if MonthOf(MustDate(2027, 1, 31)) != ym(2027, time.January) || MonthOf(Date{}) != 0 {
		t.Fatal("MonthOf")
	}
}

// ev is a decision of resident 1's 低保 for the derivation tests.
func ev(id int64, o Outcome, before, amount Fen, m Month) AidDecision {
	return AidDecision{DocID: id, DocNumber: "平民救决〔2026〕" + string(rune('0'+id)) + "号", ResidentID: 1, Programme: ProgrammeDibao,
		Outcome: o, Before: before, Amount: amount, Persons: 3, Month: m, Date: m.First().AddDays(-10)}
}

func amounts(c AidCase, from, to Month) []Fen {
	var out []Fen
	for m := from; m <= to; m++ {
		p, _ := c.In(m)
		out = append(out, p.Amount)
	}
	return out
}

func TestDeriveAidGrantIncreaseCorrectionStop(t *testing.T) {
	grant := ev(1, OutcomeGrant, 0, 60000, ym(2026, time.March))
	inc := ev(2, OutcomeIncrease, 60000, 70000, ym(2026, time.June))
	// The 增发 is corrected: the amount was 72000, not 70000.
	fix := ev(3, OutcomeIncrease, 60000, 72000, ym(2026, time.June))
	fix.CorrectsID = 2
	stop := ev(4, OutcomeStop, 72000, 0, ym(2026, time.October))
	voided := ev(5, OutcomeDecrease, 72000, 10000, ym(2026, time.August))
	voided.Voided = true
	cases, strays := DeriveAid(EffectiveAidDecisions([]AidDecision{stop, inc, grant, fix, voided}))
	if len(cases) != 1 || len(strays) != 0 {
		t.Fatalf("got %d cases %d strays, want 1 and 0", len(cases), len(strays))
	}
	c := cases[0]
	want := []Fen{0, 60000, 60000, 60000, 72000, 72000, 72000, 72000, 0, 0}
	got := amounts(c, ym(2026, time.February), ym(2026, time.November))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("month %d: got %v, want %v", i+2, got, want)
		}
	}
	if c.GrantID != 1 || c.End != ym(2026, time.October) || c.EndID != 4 || len(c.Periods) != 2 || c.Periods[1].DocID != 3 {
		t.Fatalf("got %+v", c)
	}
	if c.StatusIn(ym(2026, time.November)) != AidEnded || c.StatusIn(ym(2026, time.April)) != AidRunning || c.StatusIn(ym(2026, time.January)) != AidPending {
		t.Fatal("statuses")
	}

	// Voiding the correction brings the corrected 增发 back.
	fix.Voided = true
	cases, _ = DeriveAid(EffectiveAidDecisions([]AidDecision{grant, inc, fix, stop}))
	if p, _ := cases[0].In(ym(2026, time.July)); p.Amount != 70000 || p.DocID != 2 {
		t.Fatalf("got %+v, want the 增发 of 700 yuan", p)
	}
}

func TestDeriveAidStraysAndRestarts(t *testing.T) {
	orphan := ev(1, OutcomeIncrease, 0, 50000, ym(2026, time.February))
	grant := ev(2, OutcomeGrant, 0, 40000, ym(2026, time.March))
	stop := ev(3, OutcomeStop, 40000, 0, ym(2026, time.May))
	late := ev(4, OutcomeDecrease, 40000, 30000, ym(2026, time.June)) // after the 停发
	again := ev(5, OutcomeGrant, 0, 45000, ym(2026, time.September))
	refused := ev(6, OutcomeRefuse, 0, 0, ym(2026, time.August))
	cases, strays := DeriveAid([]AidDecision{orphan, grant, stop, late, again, refused})
	if len(cases) != 2 || len(strays) != 2 || strays[0].DocID != 1 || strays[1].DocID != 4 {
		t.Fatalf("got %d cases, strays %+v", len(cases), strays)
	}
	if cases[1].Start != ym(2026, time.September) || cases[1].End != 0 {
		t.Fatalf("second case %+v", cases[1])
	}
	var tot AidTotals
	for _, c := range cases {
		tot.Add(c, ym(2026, time.January), ym(2026, time.December))
	}
	// March, April at 400; September–December at 450.
	if tot.Households != 2 || tot.Amount != 2*40000+4*45000 || tot.Persons != 6 {
		t.Fatalf("got %+v", tot)
	}

	// A one-off payment is a case of its month.
	temp := AidDecision{DocID: 9, ResidentID: 2, Programme: ProgrammeTemporary, Outcome: OutcomeGrant, Amount: 200000, Persons: 2,
		Month: ym(2026, time.July)}
	cases, _ = DeriveAid([]AidDecision{temp})
	if len(cases) != 1 || !cases[0].Running(ym(2026, time.July)) || cases[0].Running(ym(2026, time.August)) {
		t.Fatalf("got %+v", cases)
	}
}

func TestCheckAidDecision(t *testing.T) {
	cases, _ := DeriveAid([]AidDecision{ev(1, OutcomeGrant, 0, 60000, ym(2026, time.March)), ev(2, OutcomeStop, 60000, 0, ym(2026, time.June))})
	for _, c := range []struct {
		name string
		d    AidDecision
		want string // "" for accepted
	}{
		{"increase while running", ev(7, OutcomeIncrease, 60000, 65000, ym(2026, time.April)), ""},
		{"before month differs", ev(7, OutcomeIncrease, 50000, 65000, ym(2026, time.April)), "原金额（每月500.00元）与救助对象台账不符"},
		{"after the stop", ev(7, OutcomeDecrease, 60000, 30000, ym(2026, time.July)), "该对象2026年7月没有正在享受的最低生活保障，不能减发"},
		{"before the grant", ev(7, OutcomeStop, 60000, 0, ym(2026, time.February)), "不能停发"},
		{"grant needs no case", ev(7, OutcomeGrant, 0, 30000, ym(2026, time.July)), ""},
		{"one-off cannot change", AidDecision{ResidentID: 1, Programme: ProgrammeTemporary, Outcome: OutcomeStop, Month: ym(2026, time.April)}, "一次性发放"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckAidDecision(cases, c.d)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("got %v, want accepted", err)
			case c.want != "" && (err == nil || !strings.Contains(Message(err), c.want)):
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestAidPeriodRange(t *testing.T) {
	for _, c := range []struct{ kind, in, from, to, name string }{
		{"month", "2026-11", "2026-11", "2026-11", "2026年11月"},
		{"quarter", "2026-Q4", "2026-10", "2026-12", "2026年第四季度"},
		{"quarter", "2026-1", "2026-01", "2026-03", "2026年第一季度"},
		{"year", "2026", "2026-01", "2026-12", "2026年"},
	} {
		f, to, name, err := AidPeriodRange(c.kind, c.in)
		if err != nil || f.String() != c.from || to.String() != c.to || name != c.name {
			t.Fatalf("%s %s: got %s %s %s %v", c.kind, c.in, f, to, name, err)
		}
	}
	if _, _, _, err := AidPeriodRange("quarter", "2026-Q5"); err == nil {
		t.Fatal("want a refusal of Q5")
	}
}
