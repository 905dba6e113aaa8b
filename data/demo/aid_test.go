package demo

import (
	"context"
	"testing"
	"time"

	"taizhang/data"
)

// The small office's roster shows something believable, made wholly of signed, delivered
// letters that check derives again, with a few cases due for review.
func TestSmallDemoAidRoster(t *testing.T) {
	db := buildSmall(t, 11)
	ctx := data.NewContextWithUser(context.Background(), &data.User{ID: 3, Name: "王芳", Role: data.RoleClerk})
	l, err := db.AidRoster(ctx, data.AidFilter{Month: data.NewMonth(2026, time.November), Status: data.AidRunning})
	if err != nil {
		t.Fatal(err)
	}
	byProg := map[data.Programme]int{}
	for _, r := range l.Rows {
		byProg[r.Programme]++
	}
	if byProg[data.ProgrammeDibao] < 15 || byProg[data.ProgrammeTekun] < 1 || l.Paid.Amount <= 0 {
		t.Errorf("running in November: %v, paid %+v", byProg, l.Paid)
	}
	last, err := db.AidRoster(ctx, data.AidFilter{Month: data.NewMonth(2025, time.June), Status: data.AidOneOff})
	if err != nil || last.Total == 0 {
		t.Errorf("no 临时救助 in June 2025: %d, %v", last.Total, err)
	}
	st, err := db.AidStandards(ctx)
	if err != nil || len(st) != 4 {
		t.Fatalf("standards %+v, %v", st, err)
	}
	if s, _ := data.StandardIn(st, data.StandardDibao, data.NewMonth(2026, time.January)); s.Amount != dibaoStandard {
		t.Errorf("低保标准 from January 2026: %d, want the letters' %d", s.Amount, dibaoStandard)
	}
	old, total, err := db.ListDocuments(ctx, data.DocumentFilter{To: data.MustDate(2025, 12, 31), Limit: 1000})
	if err != nil || total == 0 {
		t.Fatalf("last year's letters: %d, %v", total, err)
	}
	for _, r := range old {
		if !r.Delivered {
			t.Errorf("%s is not delivered", r.DocNumber)
		}
	}
	due, overdue, err := db.AidDueCounts(ctx)
	if err != nil || due == 0 || due > l.Total/3 || overdue > due {
		t.Errorf("待核查 %d (逾期 %d) of %d running: %v", due, overdue, l.Total, err)
	}
	figs, err := db.Stats(ctx, data.StatsFilter{})
	if n := figs.Notices; err != nil || n.Completed == 0 || n.FirstReturn == 0 || n.AvgTrips < 1 || n.AvgTrips > 1.6 {
		t.Errorf("notices %+v, %v", n, err)
	}
	rep, err := db.Check(ctx)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("check: %v %v", rep.Problems, err)
	}
}
