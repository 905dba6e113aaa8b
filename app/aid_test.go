package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// aidSign bulk-signs decisions as the administrator, in order.
func aidSign(t *testing.T, db *sqlite.DB, admin *data.User, docs ...data.BulkDocument) {
	t.Helper()
	if _, err := db.BulkSignDocuments(data.NewContextWithUser(context.Background(), admin), docs); err != nil {
		t.Fatalf("sign: %v", err)
	}
}

func aidDecision(p data.Programme, o data.Outcome, before, after data.Fen, date, effective data.Date) *data.Decision {
	d := &data.Decision{Programme: p, Outcome: o, Investigated: date.AddDays(-10),
		Facts: "经入户调查，申请人独自生活，月收入200元。", Reasons: "符合条件。",
		AmountBefore: before, AmountAfter: after, Effective: effective, Date: date, Bases: data.SuggestedBases(p, o)}
	if o == data.OutcomeGrant || o == data.OutcomeRefuse {
		d.Applied = date.AddDays(-20)
	}
	return d
}

// The 救助对象 screen lists the month's cases from the signed decisions, with the month's
// totals, filters, a case's page with its timeline, the 发放花名册 and the 救助标准.
func TestAidScreen(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	li := addResident(t, db, admin, "李桂兰", time.Date(1940, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[1].ID)
	d := data.MustDate
	aidSign(t, db, admin,
		data.BulkDocument{ResidentID: li.ID, Decision: aidDecision(data.ProgrammeTekun, data.OutcomeGrant, 0, 98800, d(2025, 12, 10), d(2026, 1, 1))},
		data.BulkDocument{ResidentID: zhang.ID, Decision: aidDecision(data.ProgrammeDibao, data.OutcomeGrant, 0, 56000, d(2026, 1, 20), d(2026, 2, 1))},
		data.BulkDocument{ResidentID: zhang.ID, Decision: aidDecision(data.ProgrammeDibao, data.OutcomeIncrease, 56000, 60000, d(2026, 2, 20), d(2026, 3, 1))},
		data.BulkDocument{ResidentID: li.ID, Decision: aidDecision(data.ProgrammeTemporary, data.OutcomeGrant, 0, 200000, d(2026, 3, 2), data.Date{})},
	)

	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	s.shell.Show(ScreenAid)
	sc, ok := s.shell.Screen(ScreenAid).(*aidScreen)
	if !ok {
		t.Fatalf("got %T, want *aidScreen", s.shell.Screen(ScreenAid))
	}

	t.Run("the month's running cases and totals", func(t *testing.T) {
		if sc.monthLabel.Text != "2026年3月" || len(sc.rows) != 2 {
			t.Fatalf("month %s, %d rows, want 2026年3月 and 2", sc.monthLabel.Text, len(sc.rows))
		}
		var got []string
		for i := range sc.rows {
			got = append(got, sc.cellText(i, 1)+" "+sc.cellText(i, 6)+" "+sc.cellText(i, 4))
		}
		if strings.Join(got, "，") != "李桂兰 988.00 在保，张菊花 600.00 在保" {
			t.Errorf("rows %q, want 李桂兰 (南关社区) first, 张菊花 at the raised 600.00", got)
		}
		if got := sc.totals.Text; got != "2026年3月发放合计：2 户（人）、保障 2 人、1,588.00 元" {
			t.Errorf("totals %q", got)
		}
		sc.status.SetSelected(aidAllStatuses)
		if len(sc.rows) != 3 || !strings.Contains(sc.totals.Text, "3,588.00 元") {
			t.Errorf("all statuses: %d rows, totals %q", len(sc.rows), sc.totals.Text)
		}
		sc.programme.SetSelected(string(data.ProgrammeDibao))
		if len(sc.rows) != 1 || sc.rows[0].Name != "张菊花" {
			t.Errorf("低保 only: %+v", sc.rows)
		}
		sc.programme.SetSelected(allProgrammes)
		sc.setMonth(data.NewMonth(2026, time.January))
		if len(sc.rows) != 3 || !strings.Contains(sc.totals.Text, "1 户（人）、保障 1 人、988.00 元") {
			t.Errorf("January: %d rows, totals %q", len(sc.rows), sc.totals.Text)
		}
		sc.setMonth(data.NewMonth(2026, time.March))
	})

	t.Run("a case's page lists its decisions", func(t *testing.T) {
		var id int64
		for _, r := range sc.rows {
			if r.Programme == data.ProgrammeDibao {
				id = r.CaseID
			}
		}
		sc.showCase(id)
		if sc.page == nil || sc.view != "case" || len(sc.page.entries) != 2 {
			t.Fatalf("case page %+v", sc.page)
		}
		v := sc.page.view
		if !strings.Contains(v.IDNumber, "*") || v.Timeline[1].Outcome != data.OutcomeIncrease || !v.Timeline[1].Counts {
			t.Errorf("view %+v", v)
		}
		if !sc.OnEscape() || !sc.onList() {
			t.Error("Esc did not go back to the list")
		}
	})

	t.Run("the month's 发放花名册 lists exactly who is paid", func(t *testing.T) {
		var buf bytes.Buffer
		n, err := sc.payrollExport().Write(s.Ctx(), &buf, reports.FormatXLSX, false, nil)
		if err != nil || n != 3 {
			t.Fatalf("wrote %d rows, %v; want 3", n, err)
		}
		rows, err := reports.ReadTable("roll.xlsx", &buf)
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		for _, r := range rows {
			text = append(text, strings.Join(r.Cells, "|"))
		}
		all := strings.Join(text, "\n")
		for _, want := range []string{"资金发放花名册（2026年3月）", "张菊花|1402**********1236|鹿苑社区|低保|1|600|本月起增发", "|2000|一次性救助",
			"合计：3户（人）、保障3人，月保障金3588.00元"} {
			if !strings.Contains(all, want) {
				t.Errorf("roll lacks %q:\n%s", want, all)
			}
		}
	})

	t.Run("动态管理: the rules, the 待核查 card and a review that drafts a 减发", func(t *testing.T) {
		rd := sc.showReviewRules(data.DefaultAidReviewRules)
		rd.months[2].SetText("2") // 特困 every two months: 李桂兰's falls due on 1 March
		rd.save(true)
		n, err := aidDueCard.Count(s)
		if err != nil || n != 1 {
			t.Fatalf("待核查 %d, %v; want 1", n, err)
		}
		aidDueCard.Open(s)
		if sc.status.Selected != "待核查" || len(sc.rows) != 1 || sc.rows[0].Name != "李桂兰" || sc.cellText(0, 10) != "2026-03-01" {
			t.Fatalf("due list: %q, %+v", sc.status.Selected, sc.rows)
		}
		sc.status.SetSelected(data.AidRunning.String())
		var id int64
		for _, r := range sc.rows {
			if r.Programme == data.ProgrammeDibao {
				id = r.CaseID
			}
		}
		sc.showCase(id)
		if sc.page.review == nil {
			t.Fatal("no 登记入户核查 on a running case")
		}
		rv := sc.page.onReview()
		test.Tap(rv.save)
		if !strings.Contains(rv.msg.Text, "请填写核查情况") {
			t.Errorf("message %q", rv.msg.Text)
		}
		test.Type(rv.note, "经入户核查，其子已就业，月收入3000元。")
		rv.finding.SetSelected(data.FindingDecrease.String())
		test.Tap(rv.save)
		docs, ok := s.shell.Current().(*documentsScreen)
		if !ok || docs.form == nil {
			t.Fatalf("the drafted 减发 did not open: %T", s.shell.Current())
		}
		f := docs.form
		if f.outcomeValue() != data.OutcomeDecrease || f.before.Text != "600" || f.effective.Text != "2026-04" ||
			!strings.Contains(f.facts.Text, "其子已就业") {
			t.Errorf("draft form: %s, 原金额 %q, 执行月份 %q, facts %q", f.outcomeValue(), f.before.Text, f.effective.Text, f.facts.Text)
		}
		reviews, _ := db.AidReviews(s.Ctx(), zhang.ID, data.ProgrammeDibao)
		if len(reviews) != 1 || reviews[0].Reviewer != "王建国" {
			t.Errorf("reviews %+v", reviews)
		}
		s.shell.Show(ScreenAid)
	})

	t.Run("the administrator sets the 救助标准", func(t *testing.T) {
		dlg := sc.showStandards(nil)
		test.Type(dlg.from, "2027-1")
		test.Type(dlg.amount, "0")
		test.Tap(dlg.add)
		if !strings.Contains(dlg.msg.Text, "应大于零") {
			t.Errorf("message %q", dlg.msg.Text)
		}
		dlg.amount.SetText("")
		test.Type(dlg.amount, "800")
		test.Tap(dlg.add)
		list, err := db.AidStandards(s.Ctx())
		if err != nil || len(list) != 1 || list[0].Amount != 80000 || list[0].From != data.NewMonth(2027, time.January) {
			t.Fatalf("standards %+v, %v", list, err)
		}
	})
}

// A 一次性告知单's page records the applicant's return: the first complete one is 一次办成,
// and the statistics screen counts it.
func TestNoticeReturnDialog(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	ctx := data.NewContextWithUser(context.Background(), admin)
	items, err := db.ServiceItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateOneTimeNotice(ctx, items[0].Name, "张菊花", nil)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	sc.showDetail(id)
	b := sc.detail.buttons["登记再次办理"]
	if b == nil {
		t.Fatalf("no 登记再次办理 on a notice: %v", sc.detail.buttons)
	}
	rd := sc.detail.onNoticeReturn()
	if rd.save == nil || !rd.complete.Checked {
		t.Fatal("the dialog did not open ready to record a complete return")
	}
	test.Type(rd.application, "第3号")
	test.Tap(rd.save)
	if !strings.Contains(rd.msg.Text, "格式不对") {
		t.Errorf("message %q", rd.msg.Text)
	}
	rd.application.SetText("")
	test.Tap(rd.save)
	if got := s.shell.notice.Text; !strings.Contains(got, "一次办成") {
		t.Errorf("notice %q", got)
	}
	again := sc.detail.onNoticeReturn()
	if len(again.returns) != 1 || !again.returns[0].Complete {
		t.Errorf("returns %+v", again.returns)
	}
	st, err := db.Stats(ctx, data.StatsFilter{})
	if err != nil || st.Notices.FirstReturn != 1 || st.Notices.AvgTrips != 1 {
		t.Errorf("figures %+v, %v", st.Notices, err)
	}
}

// 文书设置 › 办事指南 keeps each item's guide address for the notice's QR code.
func TestGuideSettings(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	ds := newDocSettings(s)
	ds.loadGuides()
	items, err := db.ServiceItems(s.Ctx())
	if err != nil || len(ds.guides.urls) != len(items) {
		t.Fatalf("%d address boxes for %d items (%v)", len(ds.guides.urls), len(items), err)
	}
	name := items[0].Name
	test.Type(ds.guides.urls[name], "zwfw.example.gov.cn")
	test.Tap(ds.guides.saves[name])
	if !strings.Contains(ds.guides.msgs[name].Text, "http://") {
		t.Errorf("message %q", ds.guides.msgs[name].Text)
	}
	ds.guides.urls[name].SetText("https://zwfw.example.gov.cn/bszn/1")
	test.Tap(ds.guides.saves[name])
	items, _ = db.ServiceItems(s.Ctx())
	if items[0].GuideURL != "https://zwfw.example.gov.cn/bszn/1" {
		t.Errorf("saved %q", items[0].GuideURL)
	}
}
