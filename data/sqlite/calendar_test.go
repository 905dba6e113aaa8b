package sqlite

import (
	"reflect"
	"testing"

	"taizhang/data"
)

// The migration copies the shipped tables; they must not drift apart.
func TestMigrationSeedsMatchDefaults(t *testing.T) {
	db, ctx := newTestDB(t)
	got, err := db.CalendarEntries(ctx, 0)
	must(t, err)
	if want := data.DefaultHolidays(); !reflect.DeepEqual(got, want) {
		t.Errorf("work_calendar differs from data.DefaultHolidays:\ngot  %v\nwant %v", got, want)
	}
	for kind, want := range map[data.CatalogKind][]string{
		data.CatalogIssueSources:    data.DefaultIssueSources,
		data.CatalogIssueCategories: data.DefaultIssueCategories,
	} {
		got, err := db.CatalogValues(ctx, kind)
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("catalog %s: got %v, want %v", kind, got, want)
		}
	}
	if units, _ := db.CatalogValues(ctx, data.CatalogResponsibleUnits); len(units) == 0 {
		t.Error("no responsible units seeded")
	}
}

func TestWorkingCalendarEdits(t *testing.T) {
	e := newIssueEnv(t)
	db, ctx := e.db, e.admin
	e.at("2027-01-04")
	cal, err := db.Calendar(ctx)
	must(t, err)
	if cal.Covers(2027) || !cal.Covers(2026) || cal.IsWorkday(mustDate("2026-10-07")) || !cal.IsWorkday(mustDate("2026-10-10")) {
		t.Fatal("stored calendar does not match the shipped one")
	}
	// Not the administrator: refused, nothing changed.
	wantMessage(t, db.SetCalendarDay(e.rev, mustDate("2027-01-01"), true, "元旦"), data.ErrForbidden, "没有此项权限")
	wantMessage(t, db.SetCalendarDay(ctx, mustDate("2027-01-06"), false, "元旦"), data.ErrInvalid, "不需要登记为调休上班")
	wantMessage(t, db.SetCalendarDay(ctx, mustDate("2027-01-01"), true, " "), data.ErrInvalid, "节日名称")
	audit := countRowsWhere(t, db, "audit_log", "table_name = 'work_calendar'")
	// The administrator enters 2027's 元旦 (Fri 1/1) and a made-up make-up Saturday 1/9.
	must(t, db.SetCalendarDay(ctx, mustDate("2027-01-01"), true, "元旦"))
	must(t, db.SetCalendarDay(ctx, mustDate("2027-01-08"), true, "元旦"))
	must(t, db.SetCalendarDay(ctx, mustDate("2027-01-09"), false, "元旦"))
	must(t, db.SetCalendarDay(ctx, mustDate("2027-01-08"), true, "元旦（更正）"))
	must(t, db.RemoveCalendarDay(ctx, mustDate("2027-01-08")))
	wantMessage(t, db.RemoveCalendarDay(ctx, mustDate("2027-01-08")), data.ErrNotFound, "没有")
	if got := countRowsWhere(t, db, "audit_log", "table_name = 'work_calendar'") - audit; got != 5 {
		t.Errorf("got %d audit entries for 5 edits", got)
	}
	es, _ := db.CalendarEntries(ctx, 2027)
	if len(es) != 2 || es[1].Date != mustDate("2027-01-09") || es[1].Off {
		t.Fatalf("2027 entries: %+v", es)
	}
	// A deadline in working days counts the stored calendar: from Mon 1/4, 5 working days are
	// 1/5, 1/6, 1/7, 1/8 and the worked Saturday 1/9.
	iss := e.newIssue("2027-01-04")
	iss.Deadline, iss.DeadlineWorkdays = data.Date{}, 5
	must(t, db.CreateIssue(e.clerk, iss, nil))
	if iss.Deadline != mustDate("2027-01-09") || iss.DeadlineWorkdays != 5 {
		t.Errorf("got deadline %s (%d working days), want 2027-01-09", iss.Deadline, iss.DeadlineWorkdays)
	}
	// Editing the calendar later does not move a deadline already set.
	must(t, db.RemoveCalendarDay(ctx, mustDate("2027-01-09")))
	if r := e.status(t, iss.ID); r.Deadline != mustDate("2027-01-09") {
		t.Errorf("deadline moved to %s", r.Deadline)
	}
}
