package data

import (
	"strings"
	"testing"
	"time"
)

func TestStandards(t *testing.T) {
	list := []AidStandard{
		{Kind: StandardDibao, From: ym(2026, time.January), Amount: 76000},
		{Kind: StandardDibao, From: ym(2027, time.January), Amount: 80000},
		{Kind: StandardTekun, From: ym(2026, time.January), Amount: 98800},
	}
	for _, c := range []struct {
		m    Month
		want Fen
	}{{ym(2025, time.December), 0}, {ym(2026, time.June), 76000}, {ym(2027, time.January), 80000}} {
		s, _ := StandardIn(list, StandardDibao, c.m)
		if s.Amount != c.want {
			t.Errorf("%s: got %d, want %d", c.m, s.Amount, c.want)
		}
	}
	if g := AidGap(52000, 76000, 3); g != "月人均收入520.00元，低于低保标准760.00元：差额每人每月240.00元，按3人计每月720.00元" {
		t.Errorf("gap %q", g)
	}
	if g := AidGap(0, 76000, 3); g != "" {
		t.Errorf("gap without income %q", g)
	}

	d := Decision{Programme: ProgrammeDibao, Outcome: OutcomeGrant, Income: 52000, Standard: 76000, HouseholdSize: 3,
		AmountAfter: 50000, Effective: MustDate(2026, 6, 1)}
	w := strings.Join(StandardWarnings(d, list), "")
	if !strings.Contains(w, "每月500.00元低于按差额计算的金额（720.00元）") {
		t.Errorf("a grant below the gap: %q", w)
	}
	d.AmountAfter, d.Effective, d.Standard = 72000, MustDate(2027, 2, 1), 76000
	w = strings.Join(StandardWarnings(d, list), "")
	if !strings.Contains(w, "与本单位设定的2027年1月起低保标准（800.00元）不一致") {
		t.Errorf("an old standard after 1 January: %q", w)
	}
	tk := Decision{Programme: ProgrammeTekun, Outcome: OutcomeGrant, AmountAfter: 90000, Effective: MustDate(2026, 6, 1)}
	if w := StandardWarnings(tk, list); len(w) != 1 || !strings.Contains(w[0], "低于2026年1月起的特困供养标准（988.00元）") {
		t.Errorf("特困 below its standard: %q", w)
	}
	tk.AmountAfter = 120000 // 照料护理 on top
	if w := StandardWarnings(tk, list); len(w) != 0 {
		t.Errorf("特困 above its standard warns %q", w)
	}
	if err := (AidStandard{Kind: StandardDibao}).Validate(); err == nil || !strings.Contains(Message(err), "执行月份") {
		t.Errorf("got %v", err)
	}
}
