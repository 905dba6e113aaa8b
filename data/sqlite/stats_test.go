package sqlite

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"taizhang/data"
)

// buildFigureOffice enters, through the store's actions on their own days, the fixed office of
// data/figures_test.go: 15 issues around 国庆 2026 (10/1–10/7 off, Saturday 10/10 worked;
// 中秋 9/25–9/27 off), several with deadlines in working days. It returns the facts written by
// hand, as data's test has them.
func buildFigureOffice(t *testing.T, e *issueEnv) []data.IssueFact {
	t.Helper()
	db := e.db
	d := mustDate
	none := data.Date{}
	type plan struct {
		found    string
		workdays int    // > 0: deadline in working days
		deadline string // else a date
		wantDL   string // the deadline the calendar must give
		steps    func(id int64)
	}
	closeOut := func(id int64, requested, approved string) {
		e.at(requested)
		must(t, db.StartIssue(e.clerk, id))
		must(t, db.RequestCloseOut(e.clerk, id, data.CloseOut{Result: "已整改"}, photo))
		e.at(approved)
		must(t, db.ApproveCloseOut(e.rev, id, ""))
	}
	visit := func(id int64, day string, s data.Satisfaction) {
		e.at(day)
		f := data.FollowUp{Date: d(day), Method: data.FollowUpPhone, Satisfaction: s}
		if s == data.Unsatisfied {
			f.Remarks = "问题反弹"
		}
		must(t, db.RecordFollowUp(e.clerk, id, f))
	}
	plans := []plan{
		{"2026-09-28", 5, "", "2026-10-10", func(id int64) { closeOut(id, "2026-10-09", "2026-10-09"); visit(id, "2026-10-12", data.Satisfied) }},
		{"2026-09-28", 5, "", "2026-10-10", func(id int64) {
			closeOut(id, "2026-10-14", "2026-10-15")
			visit(id, "2026-10-20", data.BasicallySatisfied)
		}},
		{"2026-09-30", 3, "", "2026-10-10", func(id int64) { must(t, db.StartIssue(e.clerk, id)) }},
		{"2026-09-01", 10, "", "2026-09-15", func(id int64) { closeOut(id, "2026-09-09", "2026-09-10"); visit(id, "2026-09-12", data.Satisfied) }},
		{"2026-09-05", 0, "", "2026-09-05", nil}, // #5 closed on the spot
		{"2026-09-15", 0, "2026-09-30", "2026-09-30", func(id int64) {
			closeOut(id, "2026-09-28", "2026-09-29")
			visit(id, "2026-10-08", data.Unsatisfied)
		}},
		{"2026-10-20", 10, "", "2026-11-03", nil},
		{"2026-10-25", 0, "2026-11-10", "2026-11-10", func(id int64) { must(t, db.StartIssue(e.clerk, id)) }},
		{"2026-10-10", 0, "2026-11-01", "2026-11-01", func(id int64) {
			e.at("2026-10-20")
			must(t, db.StartIssue(e.clerk, id))
			must(t, db.RequestCloseOut(e.clerk, id, data.CloseOut{Result: "已整改"}, photo))
		}},
		{"2026-10-12", 0, "2026-10-30", "2026-10-30", func(id int64) { closeOut(id, "2026-11-04", "2026-11-05"); visit(id, "2026-11-06", data.Satisfied) }},
		{"2026-09-10", 0, "2026-09-20", "2026-09-20", func(id int64) { e.at("2026-09-11"); must(t, db.VoidIssue(e.rev, id, "重复登记")) }},
		{"2026-08-28", 0, "2026-09-05", "2026-09-05", func(id int64) { closeOut(id, "2026-08-31", "2026-09-01") }},
		{"2026-11-02", 0, "2026-11-20", "2026-11-20", nil},
		{"2026-10-31", 0, "", "2026-10-31", func(id int64) { visit(id, "2026-10-31", data.Satisfied) }}, // #14 on the spot
		{"2026-09-24", 2, "", "2026-09-29", func(id int64) { closeOut(id, "2026-09-29", "2026-09-30") }},
	}
	for k, p := range plans {
		e.at(p.found)
		iss := e.newIssue(p.found)
		iss.Deadline, iss.DeadlineWorkdays = data.Date{}, p.workdays
		if p.deadline != "" {
			iss.Deadline = d(p.deadline)
		}
		if k == 4 || k == 13 {
			iss.Tier = data.TierSimple
			must(t, db.CloseOnSpot(e.clerk, iss, nil, data.CloseOut{Result: "当场处置"}, nil))
		} else {
			must(t, db.CreateIssue(e.clerk, iss, nil))
		}
		if iss.Deadline != d(p.wantDL) {
			t.Fatalf("#%d: got deadline %s, want %s", k+1, iss.Deadline, p.wantDL)
		}
		if p.steps != nil {
			p.steps(iss.ID)
		}
	}
	e.at("2026-11-23")
	p := d
	return []data.IssueFact{
		{FoundOn: p("2026-09-28"), Deadline: p("2026-10-10"), ClosedOn: p("2026-10-09"), Status: data.IssueClosed, FollowUpOn: p("2026-10-12"), Satisfaction: data.Satisfied},
		{FoundOn: p("2026-09-28"), Deadline: p("2026-10-10"), ClosedOn: p("2026-10-15"), Status: data.IssueClosed, FollowUpOn: p("2026-10-20"), Satisfaction: data.BasicallySatisfied},
		{FoundOn: p("2026-09-30"), Deadline: p("2026-10-10"), Status: data.IssueInProgress},
		{FoundOn: p("2026-09-01"), Deadline: p("2026-09-15"), ClosedOn: p("2026-09-10"), Status: data.IssueClosed, FollowUpOn: p("2026-09-12"), Satisfaction: data.Satisfied},
		{FoundOn: p("2026-09-05"), Deadline: p("2026-09-05"), ClosedOn: p("2026-09-05"), Status: data.IssueClosed},
		{FoundOn: p("2026-09-15"), Deadline: p("2026-09-30"), ClosedOn: none, Status: data.IssueInProgress, FollowUpOn: p("2026-10-08"), Satisfaction: data.Unsatisfied},
		{FoundOn: p("2026-10-20"), Deadline: p("2026-11-03"), Status: data.IssueOpen},
		{FoundOn: p("2026-10-25"), Deadline: p("2026-11-10"), Status: data.IssueInProgress},
		{FoundOn: p("2026-10-10"), Deadline: p("2026-11-01"), Status: data.IssuePendingReview},
		{FoundOn: p("2026-10-12"), Deadline: p("2026-10-30"), ClosedOn: p("2026-11-05"), Status: data.IssueClosed, FollowUpOn: p("2026-11-06"), Satisfaction: data.Satisfied},
		{FoundOn: p("2026-09-10"), Deadline: p("2026-09-20"), Status: data.IssueVoided},
		{FoundOn: p("2026-08-28"), Deadline: p("2026-09-05"), ClosedOn: p("2026-09-01"), Status: data.IssueClosed},
		{FoundOn: p("2026-11-02"), Deadline: p("2026-11-20"), Status: data.IssueOpen},
		{FoundOn: p("2026-10-31"), Deadline: p("2026-10-31"), ClosedOn: p("2026-10-31"), Status: data.IssueClosed, FollowUpOn: p("2026-10-31"), Satisfaction: data.Satisfied},
		{FoundOn: p("2026-09-24"), Deadline: p("2026-09-29"), ClosedOn: p("2026-09-30"), Status: data.IssueClosed},
	}
}

func sortFacts(fs []data.IssueFact) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.FoundOn != b.FoundOn {
			return a.FoundOn.Before(b.FoundOn)
		}
		if a.Deadline != b.Deadline {
			return a.Deadline.Before(b.Deadline)
		}
		return a.ClosedOn.Before(b.ClosedOn)
	})
}

func TestIssueFiguresOnAFixedOffice(t *testing.T) {
	e := newIssueEnv(t)
	hand := buildFigureOffice(t, e)
	db, ctx := e.db, context.Background()
	from, to, today := mustDate("2026-09-01"), mustDate("2026-10-31"), mustDate("2026-11-23")

	// The facts as stored equal the hand-written ones (voided issues are left out by the
	// SELECT; the figures skip them anyway).
	got, err := db.IssueFacts(ctx, data.Date{}, data.Date{}, 0)
	must(t, err)
	var want []data.IssueFact
	for _, f := range hand {
		if f.Status != data.IssueVoided {
			want = append(want, f)
		}
	}
	sortFacts(got)
	sortFacts(want)
	if len(got) != len(want) {
		t.Fatalf("got %d facts, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("fact %d: got %+v, want %+v", i, got[i], want[i])
		}
	}

	// The period 9/1–10/31, counted by hand in data/figures_test.go.
	fig, err := db.IssueFigures(ctx, from, to, 0)
	must(t, err)
	wantFig := data.IssueFigures{
		From: from, To: to, AsOf: to,
		Found: 12, Closed: 6, ClosedOnTime: 4, Visited: 5, Satisfied: 4, Overdue: 3, DueSoon: 2,
		RectificationRate: 6.0 / 12, OnTimeRate: 4.0 / 6, SatisfactionRate: 4.0 / 5,
		DaysToClose: 43, AvgDaysToClose: 7.2,
	}
	if fig != wantFig {
		t.Errorf("period figures\ngot  %+v\nwant %+v", fig, wantFig)
	}
	if same := data.ComputeIssueFigures(hand, from, to, today); fig != same {
		t.Errorf("store and data disagree:\nstore %+v\ndata  %+v", fig, same)
	}
	// A visit after the period end is not seen in the period's facts.
	pf, _ := db.IssueFacts(ctx, from, to, 0)
	for _, f := range pf {
		if f.FollowUpOn.After(to) {
			t.Errorf("fact has a visit after the period: %+v", f)
		}
	}

	// Everything as of today, as the dashboard and stats without dates show it.
	all, err := db.Stats(ctx, data.StatsFilter{})
	must(t, err)
	wantAll := data.IssueFigures{
		AsOf:  today,
		Found: 14, Closed: 8, ClosedOnTime: 5, Visited: 6, Satisfied: 5, Overdue: 6, DueSoon: 0,
		RectificationRate: 8.0 / 14, OnTimeRate: 5.0 / 8, SatisfactionRate: 5.0 / 6,
		DaysToClose: 71, AvgDaysToClose: 8.9,
	}
	if all.Issues != wantAll {
		t.Errorf("open period\ngot  %+v\nwant %+v", all.Issues, wantAll)
	}
	d, err := db.Dashboard(ctx)
	must(t, err)
	// Overdue today: #3, #6, #7, #8, #9, #13; #9 awaits review; #4's… no visit owed: #5, #12, #15.
	if d.Overdue != 6 || d.DueSoon != 0 || d.PendingReview != 1 || d.PendingFollowUp != 3 || d.QuarterFrom != mustDate("2026-10-01") {
		t.Errorf("dashboard: %+v", d)
	}
	if q := data.ComputeIssueFigures(hand, mustDate("2026-10-01"), today, today); d.Quarter != q {
		t.Errorf("dashboard quarter\ngot  %+v\nwant %+v", d.Quarter, q)
	}

	// The JSON keys of `taizhang stats --json`.
	s, err := db.Stats(ctx, data.StatsFilter{From: from, To: to, CommunityID: e.gucheng})
	must(t, err)
	b, _ := json.Marshal(s)
	var m map[string]map[string]any
	must(t, json.Unmarshal(b, &m))
	for _, k := range []string{"found", "closed", "closed_on_time", "overdue", "due_soon", "visited", "satisfied",
		"rectification_rate", "on_time_rate", "satisfaction_rate", "avg_days_to_close"} {
		if _, ok := m["issues"][k]; !ok {
			t.Errorf("stats JSON lacks issues.%s: %s", k, b)
		}
	}
	if m["issues"]["found"] != float64(12) || m["period"]["from"] != "2026-09-01" || m["period"]["community"] != "古城社区" {
		t.Errorf("stats JSON: %s", b)
	}
	if s, _ := db.Stats(ctx, data.StatsFilter{CommunityID: e.dongguan}); s.Issues.Found != 0 {
		t.Errorf("东关社区 has %d issues, want 0", s.Issues.Found)
	}
	_, err = db.Stats(ctx, data.StatsFilter{From: to, To: from})
	wantMessage(t, err, data.ErrInvalid, "不能早于起始日")
}
