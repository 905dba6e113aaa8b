package data

import (
	"encoding/json"
	"strings"
	"testing"
)

// figureFacts is a fixed office of 15 issues around 国庆 2026 (10/1–10/7 off, Sunday 9/20 and
// Saturday 10/10 worked; 中秋 9/25–9/27 off). Deadlines given in working days are computed by
// the shipped calendar; the test checks those dates by hand first.
func figureFacts(t *testing.T) []IssueFact {
	t.Helper()
	cal := DefaultCalendar()
	p := parseTestDate
	wd := func(found string, n int, want string) Date {
		t.Helper()
		got := cal.AddWorkdays(p(found), n)
		if got != p(want) {
			t.Fatalf("AddWorkdays(%s, %d) = %v, want %s", found, n, got, want)
		}
		return got
	}
	none := Date{}
	return []IssueFact{
		// #1 found Mon 9/28, 5 working days: 9/29, 9/30, 10/8, 10/9, 10/10 (调休 Saturday).
		{p("2026-09-28"), wd("2026-09-28", 5, "2026-10-10"), p("2026-10-09"), IssueClosed, p("2026-10-12"), Satisfied},
		// #2 same deadline, closed late on 10/15.
		{p("2026-09-28"), wd("2026-09-28", 5, "2026-10-10"), p("2026-10-15"), IssueClosed, p("2026-10-20"), BasicallySatisfied},
		// #3 found Wed 9/30, 3 working days: 10/8, 10/9, 10/10. Still in progress.
		{p("2026-09-30"), wd("2026-09-30", 3, "2026-10-10"), none, IssueInProgress, none, SatisfactionNone},
		// #4 found Tue 9/1, 10 working days: 9/2–9/4, 9/7–9/11, 9/14, 9/15.
		{p("2026-09-01"), wd("2026-09-01", 10, "2026-09-15"), p("2026-09-10"), IssueClosed, p("2026-09-12"), Satisfied},
		// #5 简易, found and closed on the spot on Saturday 9/5.
		{p("2026-09-05"), p("2026-09-05"), p("2026-09-05"), IssueClosed, none, SatisfactionNone},
		// #6 closed 9/29, visited unsatisfied 10/8 and reopened: no longer closed.
		{p("2026-09-15"), p("2026-09-30"), none, IssueInProgress, p("2026-10-08"), Unsatisfied},
		// #7 found Tue 10/20, 10 working days: 10/21–10/23, 10/26–10/30, 11/2, 11/3.
		{p("2026-10-20"), wd("2026-10-20", 10, "2026-11-03"), none, IssueOpen, none, SatisfactionNone},
		// #8 found Sunday 10/25, deadline 11/10, in progress.
		{p("2026-10-25"), p("2026-11-10"), none, IssueInProgress, none, SatisfactionNone},
		// #9 found on the 调休 Saturday 10/10, deadline 11/1, awaiting review.
		{p("2026-10-10"), p("2026-11-01"), none, IssuePendingReview, none, SatisfactionNone},
		// #10 deadline 10/30, closed 11/5 (after the period), visited 11/6.
		{p("2026-10-12"), p("2026-10-30"), p("2026-11-05"), IssueClosed, p("2026-11-06"), Satisfied},
		// #11 voided: never counted.
		{p("2026-09-10"), p("2026-09-20"), none, IssueVoided, none, SatisfactionNone},
		// #12 found before the period.
		{p("2026-08-28"), p("2026-09-05"), p("2026-09-01"), IssueClosed, none, SatisfactionNone},
		// #13 found after the period.
		{p("2026-11-02"), p("2026-11-20"), none, IssueOpen, none, SatisfactionNone},
		// #14 found, closed on the spot and visited on the last day of the period.
		{p("2026-10-31"), p("2026-10-31"), p("2026-10-31"), IssueClosed, p("2026-10-31"), Satisfied},
		// #15 found Thu 9/24, 2 working days across 中秋: 9/25–9/27 off, so 9/28, 9/29. Closed 9/30, late.
		{p("2026-09-24"), wd("2026-09-24", 2, "2026-09-29"), p("2026-09-30"), IssueClosed, none, SatisfactionNone},
	}
}

func TestComputeIssueFigures(t *testing.T) {
	facts := figureFacts(t)
	from, to, today := parseTestDate("2026-09-01"), parseTestDate("2026-10-31"), parseTestDate("2026-11-23")
	got := ComputeIssueFigures(facts, from, to, today)
	// 期末 = 10/31 (earlier than today 11/23).
	// Found: found 9/1–10/31 and not voided: #1–#10, #14, #15 = 12 (#11 voided, #12 before, #13 after).
	// Closed: status 已销号 and closed by 10/31: #1, #2, #4, #5, #14, #15 = 6 (#10 closed 11/5).
	// On time: #1 (10/9 ≤ 10/10), #4 (9/10 ≤ 9/15), #5 (same day), #14 (same day) = 4;
	//   #2 (10/15 > 10/10) and #15 (9/30 > 9/29) late.
	// Visited by 10/31: #1, #2, #4, #6, #14 = 5 (#10's visit is 11/6). Satisfied: #1 满意, #2 基本满意,
	//   #4 满意, #14 满意 = 4 (#6 不满意).
	// Overdue at 10/31: #3 (10/10), #6 (9/30), #10 (10/30, not closed until 11/5) = 3.
	// Due soon at 10/31: #7 (11/3, 3 days left), #9 (11/1, 1 day left) = 2; #8 (11/10) has 10 days.
	// Days to close: #1 9/28→10/9 = 11, #2 9/28→10/15 = 17, #4 9/1→9/10 = 9, #5 0, #14 0,
	//   #15 9/24→9/30 = 6; sum 43; 43 ÷ 6 = 7.17 → 7.2.
	// 整改率 6 ÷ 12 = 0.5; 按期整改率 4 ÷ 6 = 0.667; 满意率 4 ÷ 5 = 0.8.
	want := IssueFigures{
		From: from, To: to, AsOf: to,
		Found: 12, Closed: 6, ClosedOnTime: 4, Visited: 5, Satisfied: 4, Overdue: 3, DueSoon: 2,
		RectificationRate: 6.0 / 12, OnTimeRate: 4.0 / 6, SatisfactionRate: 4.0 / 5,
		DaysToClose: 43, AvgDaysToClose: 7.2,
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	for _, c := range []struct{ got, want string }{
		{Percent(got.Closed, got.Found), "50.0%"},
		{Percent(got.ClosedOnTime, got.Closed), "66.7%"},
		{Percent(got.Satisfied, got.Visited), "80.0%"},
	} {
		if c.got != c.want {
			t.Errorf("Percent: got %s, want %s", c.got, c.want)
		}
	}
}

// TestComputeIssueFiguresOpenPeriod is the dashboard: every issue, as of today 11/23.
func TestComputeIssueFiguresOpenPeriod(t *testing.T) {
	facts := figureFacts(t)
	today := parseTestDate("2026-11-23")
	got := ComputeIssueFigures(facts, Date{}, Date{}, today)
	// Found: all but the voided #11 = 14.
	// Closed by 11/23: #1, #2, #4, #5, #10, #12, #14, #15 = 8.
	// On time: #1, #4, #5, #12 (9/1 ≤ 9/5), #14 = 5; late: #2, #10 (11/5 > 10/30), #15.
	// Visited: #1, #2, #4, #6, #10, #14 = 6; satisfied: all but #6 = 5.
	// Overdue at 11/23: #3 (10/10), #6 (9/30), #7 (11/3), #8 (11/10), #9 (11/1), #13 (11/20) = 6.
	// Days: 43 as before + #10 10/12→11/5 = 24 + #12 8/28→9/1 = 4 → 71; 71 ÷ 8 = 8.875 → 8.9.
	want := IssueFigures{
		AsOf:  today,
		Found: 14, Closed: 8, ClosedOnTime: 5, Visited: 6, Satisfied: 5, Overdue: 6, DueSoon: 0,
		RectificationRate: 8.0 / 14, OnTimeRate: 5.0 / 8, SatisfactionRate: 5.0 / 6,
		DaysToClose: 71, AvgDaysToClose: 8.9,
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestComputeIssueFiguresEmpty(t *testing.T) {
	today := parseTestDate("2026-11-23")
	got := ComputeIssueFigures(nil, parseTestDate("2026-01-01"), parseTestDate("2026-12-31"), today)
	want := IssueFigures{From: parseTestDate("2026-01-01"), To: parseTestDate("2026-12-31"), AsOf: today}
	if got != want {
		t.Errorf("got %+v, want all zero", got)
	}
	if p := Percent(got.Closed, got.Found); p != "—" {
		t.Errorf("Percent with no data: got %q, want —", p)
	}
}

func TestIssueFiguresJSON(t *testing.T) {
	b, err := json.Marshal(IssueFigures{Found: 2, Closed: 1, RectificationRate: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"found":2`, `"closed":1`, `"closed_on_time":0`, `"overdue":0`, `"due_soon":0`,
		`"visited":0`, `"satisfied":0`, `"rectification_rate":0.5`, `"on_time_rate":0`,
		`"satisfaction_rate":0`, `"avg_days_to_close":0`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
	if strings.Contains(string(b), "as_of") || strings.Contains(string(b), "AsOf") {
		t.Errorf("JSON %s carries the period", b)
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		num, den int
		want     string
	}{
		{0, 0, "—"}, {0, 5, "0.0%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"}, {1, 8, "12.5%"}, {5, 5, "100.0%"},
	} {
		if got := Percent(c.num, c.den); got != c.want {
			t.Errorf("Percent(%d, %d): got %s, want %s", c.num, c.den, got, c.want)
		}
	}
}

func TestFiguresDefinitionMentionsEveryFigure(t *testing.T) {
	for _, term := range []string{"发现数", "销号数", "按期销号数", "已回访数", "满意数", "逾期数", "临期数",
		"整改率", "按期整改率", "满意率", "平均整改天数", "期末"} {
		if !strings.Contains(FiguresDefinition, term) {
			t.Errorf("FiguresDefinition does not define %s", term)
		}
	}
}
