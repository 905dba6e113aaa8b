package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

// demoNow is the clock of the tests on the demo office.
var demoNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// demoShell builds the small demo office on the test clock and logs in as user (an index
// into demo.Staff).
func demoShell(t *testing.T, user int) (*Session, *sqlite.DB) {
	t.Helper()
	db := openEmptyDB(t)
	db.Now = func() time.Time { return demoNow }
	if err := demo.Build(context.Background(), db, demo.Small, 11, nil); err != nil {
		t.Fatal(err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, demo.Staff[user].Username, demo.Password)
	if s.shell == nil {
		t.Fatal("log-in did not open the main window")
	}
	return s, db
}

func statsOf(t *testing.T, s *Session) *statsScreen {
	t.Helper()
	s.shell.Show(ScreenStats)
	sc, ok := s.shell.Screen(ScreenStats).(*statsScreen)
	if !ok {
		t.Fatalf("统计与导出: got %T, want *statsScreen", s.shell.Screen(ScreenStats))
	}
	return sc
}

func TestStatsScreenShowsTheFiguresOfThePeriod(t *testing.T) {
	s, db := demoShell(t, 0)
	sc := statsOf(t, s)
	cs, err := db.Communities(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	sc.period.SetSelected(periodMonth)
	sc.period.SetSelected(periodQuarter)
	sc.community.SetSelected(cs[2].Name)

	// demoNow is 2026-11-23: 本季度 is the fourth quarter.
	f := data.StatsFilter{From: data.MustDate(2026, 10, 1), To: data.MustDate(2026, 12, 31), CommunityID: cs[2].ID}
	want, err := db.Stats(s.Ctx(), f)
	if err != nil {
		t.Fatal(err)
	}
	q := want.Issues
	if q.Found == 0 {
		t.Fatal("the demo community found nothing this quarter; pick another")
	}
	for name, v := range map[string]string{
		"整改率":   data.Percent(q.Closed, q.Found),
		"按期整改率": data.Percent(q.ClosedOnTime, q.Closed),
		"满意率":   data.Percent(q.Satisfied, q.Visited),
		"逾期":    groupDigits(q.Overdue),
		"临期":    groupDigits(q.DueSoon),
		"发现":    groupDigits(q.Found),
		"销号":    groupDigits(q.Closed),
		"已回访":   groupDigits(q.Visited),
	} {
		if got := sc.figures[name].Text; got != v {
			t.Errorf("%s: got %q, want %q", name, got, v)
		}
	}
	if !strings.HasPrefix(sc.scope.Text, "2026年第四季度 · "+cs[2].Name) {
		t.Errorf("scope: got %q", sc.scope.Text)
	}
	// The table: one row per community and 合计, the chosen community's row as on the cards.
	if len(sc.rows) != len(cs)+1 || sc.cell(len(sc.rows), 0) != "合计" {
		t.Fatalf("table: got %d rows", len(sc.rows))
	}
	if got := sc.cell(3, 1); got != groupDigits(q.Found) {
		t.Errorf("table %s 发现数: got %q, want %d", cs[2].Name, got, q.Found)
	}
	if len(sc.byCommunity.points) != len(cs) || !sc.byCommunity.points[2].highlight {
		t.Errorf("community chart: got %+v", sc.byCommunity.points)
	}
	if len(sc.trend.points) != 6 || sc.trend.points[5].label != "11月" {
		t.Errorf("trend: got %+v", sc.trend.points)
	}

	// 自定义: typed dates.
	sc.period.SetSelected(periodCustom)
	sc.from.SetText("2025-12-01")
	sc.to.SetText("2025.12.31")
	test.Tap(sc.queryBtn)
	want, _ = db.Stats(s.Ctx(), data.StatsFilter{From: data.MustDate(2025, 12, 1), To: data.MustDate(2025, 12, 31), CommunityID: cs[2].ID})
	if got := sc.figures["发现"].Text; got != groupDigits(want.Issues.Found) {
		t.Errorf("custom period 发现: got %q, want %d", got, want.Issues.Found)
	}
	sc.to.SetText("2025-11-01")
	test.Tap(sc.queryBtn)
	if sc.note.Text == "" {
		t.Error("a period ending before it starts gave no message")
	}

	sc.define.OnTapped()
	if s.dialog == nil {
		t.Error("统计口径 did not open")
	}
}

func TestStatsScreenPeriods(t *testing.T) {
	d := data.MustDate
	for _, c := range []struct {
		choice   string
		from, to data.Date
	}{
		{periodMonth, d(2026, 8, 1), d(2026, 8, 31)},
		{periodQuarter, d(2026, 7, 1), d(2026, 9, 30)},
		{periodYear, d(2026, 1, 1), d(2026, 12, 31)},
	} {
		from, to := periodRange(c.choice, d(2026, 8, 19))
		if from != c.from || to != c.to {
			t.Errorf("%s: got %s–%s, want %s–%s", c.choice, from, to, c.from, c.to)
		}
	}
}
