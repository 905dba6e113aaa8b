package demo

import (
	"context"
	"os"
	"sort"
	"taizhang/reports"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite"
)

func TestSmallDemoIssues(t *testing.T) {
	db := buildSmall(t, 7)
	ctx := context.Background()
	all, total, err := db.ListIssues(ctx, data.IssueFilter{Statuses: data.IssueStatuses, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if total != Small.Issues || len(all) != total {
		t.Fatalf("got %d issues, want %d", total, Small.Issues)
	}
	byStatus := map[data.IssueStatus]int{}
	states := map[data.DeadlineState]int{}
	reopened, extended, pendingExt, onSpot, linked, residents := 0, 0, 0, 0, 0, 0
	for _, r := range all {
		byStatus[r.Status]++
		states[r.State]++
		if !r.PendingDeadline.IsZero() {
			pendingExt++
		}
		if r.DuplicateOf != 0 {
			linked++
		}
		if len(r.ResidentIDs) > 0 {
			residents++
		}
	}
	for _, s := range data.IssueStatuses {
		if byStatus[s] == 0 {
			t.Errorf("no issue is %s: %v", s, byStatus)
		}
	}
	if states[data.DeadlineOverdue] == 0 || states[data.DeadlineDueSoon] == 0 {
		t.Errorf("deadline states: %v", states)
	}
	if byStatus[data.IssueClosed] < total/2 {
		t.Errorf("only %d of %d closed", byStatus[data.IssueClosed], total)
	}
	var events, files int
	for _, r := range all {
		h, err := db.IssueHistory(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range h {
			events++
			files += len(e.Attachments)
			switch e.Action {
			case data.IssueReopen:
				reopened++
			case data.IssueApproveExtension:
				extended++
			case data.IssueCloseOnSpot:
				onSpot++
			case data.IssueApproveCloseOut:
				if e.UserName != "孟丽华" {
					t.Errorf("close-out approved by %s", e.UserName)
				}
			}
		}
	}
	if reopened == 0 || extended == 0 || onSpot == 0 || pendingExt == 0 || files < total/3 || linked == 0 {
		t.Errorf("reopened %d, extended %d, on the spot %d, extension pending %d, files %d, duplicates %d",
			reopened, extended, onSpot, pendingExt, files, linked)
	}
	d, err := db.Dashboard(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Overdue == 0 || d.PendingReview == 0 || d.PendingFollowUp == 0 || d.Quarter.Found == 0 {
		t.Errorf("dashboard: %+v", d)
	}
	rep, err := db.Check(ctx)
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
	t.Logf("%d issues, %d events, %d files; %v; %v; dashboard %+v", total, events, files, byStatus, states, d)
}

func TestDemoIssuesAreDeterministic(t *testing.T) {
	a, b := buildSmall(t, 5), buildSmall(t, 5)
	ra, _, _ := a.ListIssues(context.Background(), data.IssueFilter{Sort: "number", Statuses: data.IssueStatuses, Limit: 1000})
	rb, _, _ := b.ListIssues(context.Background(), data.IssueFilter{Sort: "number", Statuses: data.IssueStatuses, Limit: 1000})
	if len(ra) != len(rb) {
		t.Fatalf("got %d and %d issues", len(ra), len(rb))
	}
	for i := range ra {
		if ra[i].Number != rb[i].Number || ra[i].Description != rb[i].Description || ra[i].Status != rb[i].Status ||
			ra[i].Deadline != rb[i].Deadline {
			t.Fatalf("issue %d differs: %+v vs %+v", i, ra[i].Issue, rb[i].Issue)
		}
	}
}

// TestLargeIssuesTimings builds the large office into $TAIZHANG_LARGE_DB (if the file does not
// exist yet) and prints how long the ledger list and the dashboard take. It is a measurement,
// not a check, and runs only when asked:
//
//	TAIZHANG_LARGE_DB=/tmp/large.db go test ./data/demo -run LargeIssues -v -timeout 30m
func TestLargeIssuesTimings(t *testing.T) {
	path := os.Getenv("TAIZHANG_LARGE_DB")
	if path == "" {
		t.Skip("set TAIZHANG_LARGE_DB to build and measure the large office")
	}
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		db, err := sqlite.Open(path, sqlite.Options{Renderer: reports.Renderer{}})
		if err != nil {
			t.Fatal(err)
		}
		db.BcryptCost = 4
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		start := time.Now()
		if err := Build(ctx, db, Large, 1, func(s string) { t.Logf("%6.1fs %s", time.Since(start).Seconds(), s) }); err != nil {
			t.Fatal(err)
		}
		t.Logf("built in %.1fs", time.Since(start).Seconds())
		db.Close()
	}
	if w, err := sqlite.Open(path, sqlite.Options{Renderer: reports.Renderer{}}); err == nil { // bring an older file up to date
		w.Close()
	}
	db, err := sqlite.Open(path, sqlite.Options{ReadOnly: true, Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	cs, _ := db.Communities(ctx, false)
	today := data.Today(now)
	filters := []struct {
		name string
		f    data.IssueFilter
	}{
		{"default", data.IssueFilter{}},
		{"page 100", data.IssueFilter{Offset: 5000}},
		{"sort number desc", data.IssueFilter{Sort: "number", Desc: true}},
		{"sort deadline", data.IssueFilter{Sort: "deadline"}},
		{"sort category", data.IssueFilter{Sort: "category"}},
		{"sort unit desc", data.IssueFilter{Sort: "unit", Desc: true}},
		{"this quarter", data.IssueFilter{From: data.MustDate(2026, 10, 1), To: today}},
		{"one year, community", data.IssueFilter{From: data.MustDate(2026, 1, 1), To: today, CommunityID: cs[2].ID}},
		{"community", data.IssueFilter{CommunityID: cs[1].ID}},
		{"community sort deadline", data.IssueFilter{CommunityID: cs[1].ID, Sort: "deadline"}},
		{"status in progress", data.IssueFilter{Statuses: []data.IssueStatus{data.IssueInProgress}}},
		{"status closed", data.IssueFilter{Statuses: []data.IssueStatus{data.IssueClosed}}},
		{"overdue", data.IssueFilter{Deadline: data.DeadlineOverdue}},
		{"due soon", data.IssueFilter{Deadline: data.DeadlineDueSoon}},
		{"follow-up due", data.IssueFilter{FollowUpDue: true}},
		{"category", data.IssueFilter{Category: "安全隐患"}},
		{"source", data.IssueFilter{Source: "议事协商"}},
		{"tier", data.IssueFilter{Tier: data.TierComplex}},
		{"unit", data.IssueFilter{ResponsibleUnit: "物业服务企业"}},
		{"category+community+year", data.IssueFilter{Category: "物业管理", CommunityID: cs[0].ID, From: data.MustDate(2026, 1, 1)}},
		{"community+status+category", data.IssueFilter{CommunityID: cs[3].ID, Statuses: []data.IssueStatus{data.IssueClosed}, Category: "环境卫生"}},
		{"text 路灯", data.IssueFilter{Query: "路灯"}},
		{"text 电梯 in year", data.IssueFilter{Query: "电梯", From: data.MustDate(2026, 1, 1)}},
		{"number", data.IssueFilter{Query: "WT-2024-0100"}},
	}
	for _, c := range filters {
		var times []time.Duration
		var total int
		for i := 0; i < 20; i++ {
			start := time.Now()
			_, n, err := db.ListIssues(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			times = append(times, time.Since(start))
			total = n
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%-28s total %6d  median %6.2f ms  p95 %6.2f ms", c.name, total, ms(times[10]), ms(times[18]))
	}
	for i := 0; i < 3; i++ {
		start := time.Now()
		d, err := db.Dashboard(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("dashboard %.1f ms: %+v", ms(time.Since(start)), d)
	}
	start := time.Now()
	s, err := db.Stats(ctx, data.StatsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stats (all five years) %.1f ms: %+v", ms(time.Since(start)), s.Issues)
	start = time.Now()
	if _, err := db.LikelyDuplicates(ctx, cs[0].ID, 3, "自由小区3号楼", "环境卫生", today); err != nil {
		t.Fatal(err)
	}
	t.Logf("likely duplicates %.2f ms", ms(time.Since(start)))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
