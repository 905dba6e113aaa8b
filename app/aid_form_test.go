package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// aidGrant bulk-signs, as the administrator, a 低保 给予 for r of amount a month from
// effective, dated date.
func aidGrant(t *testing.T, db *sqlite.DB, admin *data.User, r data.Resident, amount data.Fen, date, effective data.Date) {
	t.Helper()
	d := data.Decision{Programme: data.ProgrammeDibao, Outcome: data.OutcomeGrant, Applied: date.AddDays(-20), Investigated: date.AddDays(-10),
		Facts: "经入户调查，你家庭共同生活成员1人，月收入200元。", Reasons: "家庭月人均收入低于当地最低生活保障标准。",
		AmountAfter: amount, Effective: effective, Date: date, Bases: data.SuggestedBases(data.ProgrammeDibao, data.OutcomeGrant)}
	if _, err := db.BulkSignDocuments(data.NewContextWithUser(context.Background(), admin), []data.BulkDocument{{ResidentID: r.ID, Decision: &d}}); err != nil {
		t.Fatalf("grant: %v", err)
	}
}

// The decision form reads the person's case from the roster: it fills 原金额, shows the case
// and refuses a change of nothing running, as the store will.
func TestDecisionFormReadsTheRoster(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	addResident(t, db, admin, "李桂兰", time.Date(1960, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[0].ID)
	aidGrant(t, db, admin, zhang, 56000, data.MustDate(2026, 1, 20), data.MustDate(2026, 2, 1))

	s, _ := startApp(t, db)
	logIn(t, s, "clerk", testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	open := func(query string) *decisionForm {
		s.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
		f := sc.form
		if f == nil {
			t.Fatal("no form")
		}
		test.Type(f.picker.query, query)
		test.Tap(f.picker.hitButtons[0])
		f.programme.SetSelected(string(data.ProgrammeDibao))
		return f
	}

	f := open("zjh")
	f.outcome.SetSelected(data.OutcomeIncrease.String())
	test.Type(f.effective, "2026-04")
	if got := f.before.Text; got != "560" {
		t.Errorf("原金额 %q, want the running 560", got)
	}
	if !f.caseLine.Visible() || !strings.Contains(f.caseLine.Text, "2026年4月在保，自2026年2月起每月560.00元") {
		t.Errorf("case line %q (visible %v)", f.caseLine.Text, f.caseLine.Visible())
	}
	if f.touched["amount_before"] {
		t.Error("the filled 原金额 counts as typed")
	}
	d, _ := f.collect()
	if p := f.signProblems(d); p["amount_before"] != "" || p["outcome"] != "" {
		t.Errorf("a 增发 of the running case refused: %v", p)
	}
	// A month before the grant: nothing runs, 原金额 is emptied and signing is refused.
	f.effective.SetText("")
	test.Type(f.effective, "2026-01")
	d, _ = f.collect()
	if got := f.signProblems(d)["outcome"]; !strings.Contains(got, "2026年1月没有正在享受的最低生活保障，不能增发") {
		t.Errorf("outcome problem %q", got)
	}
	if f.before.Text != "" {
		t.Errorf("原金额 %q kept for a month with nothing running", f.before.Text)
	}
	// A typed 原金额 stays, and is refused when it is not the roster's.
	f.effective.SetText("")
	test.Type(f.effective, "2026-04")
	f.before.SetText("")
	test.Type(f.before, "600")
	f.effective.SetText("")
	test.Type(f.effective, "2026-05")
	if f.before.Text != "600" {
		t.Errorf("typed 原金额 replaced by %q", f.before.Text)
	}
	d, _ = f.collect()
	if got := f.signProblems(d)["amount_before"]; !strings.Contains(got, "请改为560.00元") {
		t.Errorf("amount_before problem %q", got)
	}
	test.Tap(f.cancel)
	if s.dialog != nil {
		s.dialog.(interface{ Confirm() }).Confirm()
	}

	g := open("lgl")
	g.outcome.SetSelected(data.OutcomeStop.String())
	test.Type(g.effective, "2026-04")
	if !strings.Contains(g.caseLine.Text, "没有低保记录") {
		t.Errorf("case line of a person with no case %q", g.caseLine.Text)
	}
	d, _ = g.collect()
	if got := g.signProblems(d)["outcome"]; !strings.Contains(got, "不能停发") {
		t.Errorf("stop with no case: %q", got)
	}
}

// The 低保标准 of the decision's month fills its field and the form shows the gap.
func TestDecisionFormFillsTheStandard(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	ctx := data.NewContextWithUser(context.Background(), admin)
	for _, st := range []data.AidStandard{{Kind: data.StandardDibao, From: data.NewMonth(2026, time.January), Amount: 76000},
		{Kind: data.StandardDibao, From: data.NewMonth(2026, time.July), Amount: 80000}} {
		if _, err := db.SetAidStandard(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	cs, _ := db.Communities(context.Background(), false)
	addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	s.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	f := sc.form
	test.Type(f.picker.query, "zjh")
	test.Tap(f.picker.hitButtons[0])
	f.programme.SetSelected(string(data.ProgrammeDibao))
	f.outcome.SetSelected(data.OutcomeGrant.String())
	test.Type(f.effective, "2026-04")
	if f.standard.Text != "760" {
		t.Errorf("standard %q, want 760 in April", f.standard.Text)
	}
	test.Type(f.income, "520")
	if !f.gapLine.Visible() || !strings.Contains(f.gapLine.Text, "差额每人每月240.00元，按1人计每月240.00元") {
		t.Errorf("gap line %q (visible %v)", f.gapLine.Text, f.gapLine.Visible())
	}
	f.effective.SetText("")
	test.Type(f.effective, "2026-08")
	if f.standard.Text != "800" {
		t.Errorf("standard %q, want 800 from July", f.standard.Text)
	}
	test.Type(f.after, "100")
	if !strings.Contains(f.warnings.Text, "每月100.00元低于按差额计算的金额（280.00元）") {
		t.Errorf("warnings %q", f.warnings.Text)
	}
	// A standard typed by the clerk stays.
	f.standard.SetText("")
	test.Type(f.standard, "700")
	f.effective.SetText("")
	test.Type(f.effective, "2026-03")
	if f.standard.Text != "700" {
		t.Errorf("typed standard replaced by %q", f.standard.Text)
	}
}
