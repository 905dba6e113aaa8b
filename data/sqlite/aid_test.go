package sqlite

import (
	"strings"
	"testing"
	"time"

	"taizhang/data"
)

// grant is a 低保 给予 decision of 680 yuan a month from December 2026, ready to sign.
func grant() data.Decision {
	g := decrease()
	g.Outcome, g.AmountBefore, g.AmountAfter, g.Applied = data.OutcomeGrant, 0, 68000, day("2026-11-02")
	g.Facts = "经入户调查和家庭经济状况核对，你家庭共同生活成员3人，月人均收入533元。"
	return g
}

// grantBefore signs and delivers, in October, a 低保 给予 of 680 yuan a month from November
// for resident, so that a 增发, 减发 or 停发 finds a running case.
func (e *docEnv) grantBefore(t *testing.T, resident int64) {
	t.Helper()
	g := grant()
	g.Applied, g.Investigated, g.Date, g.Effective = day("2026-10-08"), day("2026-10-12"), day("2026-10-20"), day("2026-11-01")
	_, err := e.db.BulkSignDocuments(e.reviewer, []data.BulkDocument{{ResidentID: resident, Decision: &g,
		Delivery: &data.DeliveryReceipt{Method: data.DeliveryDirect, Date: day("2026-10-21"), Place: "家中", Server: "王芳"}}})
	docMust(t, err)
}

func month(s string) data.Month {
	m, err := data.ParseMonthKey(s)
	if err != nil {
		panic(err)
	}
	return m
}

// amountsOf returns what the roster pays the resident's 低保 in each month from..to.
func amountsOf(t *testing.T, e *docEnv, resident int64, from, to string) []data.Fen {
	t.Helper()
	cases, err := storedAid(e.clerk, e.db.db, "a.resident_id = ? AND a.programme = ?", resident, string(data.ProgrammeDibao))
	docMust(t, err)
	var out []data.Fen
	for m := month(from); m <= month(to); m++ {
		var sum data.Fen
		for _, c := range cases {
			if p, ok := c.In(m); ok {
				sum += p.Amount
			}
		}
		out = append(out, sum)
	}
	return out
}

func wantAmounts(t *testing.T, got []data.Fen, want ...data.Fen) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func wantCheckClean(t *testing.T, e *docEnv) {
	t.Helper()
	rep, err := e.db.Check(e.clerk)
	docMust(t, err)
	if len(rep.Problems) > 0 {
		t.Fatalf("check: %v", rep.Problems)
	}
}

// A case from 给予 through 增发, a correction of the 增发 and 停发, each month's amount read
// from the roster the store keeps, which check derives again.
func TestAidRosterFollowsDecisions(t *testing.T) {
	e := newDocEnv(t)
	// Nothing running: a 减发 is refused with the reason.
	_, err := e.db.SignDocument(e.reviewer, e.draft(t, e.zhang, decrease()))
	wantMessage(t, err, data.ErrInvalid, "该对象2026年12月没有正在享受的最低生活保障，不能减发")

	g := grant()
	g.Effective = day("2026-11-01")
	e.sign(t, e.draft(t, e.zhang, g))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-10", "2026-12"), 0, 68000, 68000)

	// The 增发 from December: its 原金额 must be the running 680.
	e.now = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	inc := grant()
	inc.Outcome, inc.Applied, inc.Investigated, inc.Effective = data.OutcomeIncrease, data.Date{}, day("2026-12-01"), day("2027-01-01")
	inc.AmountBefore, inc.AmountAfter = 60000, 80000
	bad := e.draft(t, e.zhang, inc)
	_, err = e.db.SignDocument(e.reviewer, bad)
	wantMessage(t, err, data.ErrInvalid, "原金额（每月600.00元）与救助对象台账不符")
	docMust(t, e.db.VoidDocument(e.clerk, bad, "原金额填写错误"))
	inc.AmountBefore = 68000
	incID := e.draft(t, e.zhang, inc)
	e.sign(t, incID)
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-11", "2027-02"), 68000, 68000, 80000, 80000)

	// The 增发 corrected: 820 yuan, not 800. Until the correction is signed the 增发 stands.
	fixID, err := e.db.CorrectDocument(e.clerk, incID)
	docMust(t, err)
	doc, _ := e.db.Document(e.clerk, fixID)
	fixed := *doc.Decision
	fixed.AmountAfter = 82000
	docMust(t, e.db.UpdateDraft(e.clerk, fixID, fixed))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2027-01", "2027-01"), 80000)
	e.sign(t, fixID)
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-11", "2027-02"), 68000, 68000, 82000, 82000)
	wantCheckClean(t, e)

	// 停发 from March 2027: it must start from the corrected 820.
	e.now = time.Date(2027, 2, 10, 9, 0, 0, 0, time.UTC)
	stop := grant()
	stop.Outcome, stop.Applied, stop.Investigated, stop.Effective = data.OutcomeStop, data.Date{}, day("2027-02-05"), day("2027-03-01")
	stop.AmountBefore, stop.AmountAfter = 82000, 0
	stopID := e.draft(t, e.zhang, stop)
	e.sign(t, stopID)
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-11", "2027-04"), 68000, 68000, 82000, 82000, 0, 0)
	f, err := e.db.DecisionFacts(e.clerk, e.zhang, data.ProgrammeDibao)
	docMust(t, err)
	if !f.HasCurrent || f.Current != 0 {
		t.Fatalf("after the 停发: got %+v", f)
	}
	// Nothing more can change a stopped case.
	late := decrease()
	late.AmountBefore, late.Effective = 82000, day("2027-04-01")
	_, err = e.db.SignDocument(e.reviewer, e.draft(t, e.zhang, late))
	wantMessage(t, err, data.ErrInvalid, "不能减发")

	// Voiding the 停发 lets the case run on; every change is audited.
	docMust(t, e.db.VoidDocument(e.reviewer, stopID, "停发事实认定有误"))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2027-03", "2027-04"), 82000, 82000)
	var audits int
	docMust(t, e.db.db.QueryRow("SELECT count(*) FROM audit_log WHERE table_name = 'aid_cases'").Scan(&audits))
	if audits != 5 { // derive, 增发, correction, 停发, void of the 停发
		t.Errorf("got %d audit entries of the roster, want 5", audits)
	}
	// Voiding the 给予 leaves no case; the superseded rows stay.
	cases, _ := storedAid(e.clerk, e.db.db, "1 = 1")
	grantID := cases[0].GrantID
	docMust(t, e.db.VoidDocument(e.reviewer, grantID, "申请人隐瞒收入"))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-11", "2027-04"), 0, 0, 0, 0, 0, 0)
	if n := countRowsWhere(t, e.db, "aid_cases", "superseded = 1"); n != 1 {
		t.Errorf("got %d superseded cases, want 1", n)
	}
	wantCheckClean(t, e)
}

// check finds a roster edited behind the store's back, and a file from before the roster
// gets it derived when opened.
func TestAidRosterCheckAndRebuild(t *testing.T) {
	e := newDocEnv(t)
	e.grantBefore(t, e.zhang)
	e.grantBefore(t, e.wang)
	wantCheckClean(t, e)
	if _, err := e.db.db.Exec("UPDATE aid_periods SET amount = 99000 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	rep, err := e.db.Check(e.clerk)
	docMust(t, err)
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "与决定书推算的不一致") {
		t.Fatalf("got %v, want the edited case named", rep.Problems)
	}
	// As if the roster had never been built: the next opening derives it, audited.
	for _, q := range []string{"UPDATE aid_periods SET superseded = 1", "UPDATE aid_cases SET superseded = 1",
		"DELETE FROM settings WHERE key = '" + keyAidBuilt + "'"} {
		if _, err := e.db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	path := e.db.Path()
	e.db.Close()
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	e.db = db
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return e.now }
	cases, err := storedAid(e.clerk, db.db, "1 = 1")
	docMust(t, err)
	if len(cases) != 2 || cases[0].Latest().Amount != 68000 {
		t.Fatalf("got %+v after reopening", cases)
	}
	if n := countRowsWhere(t, db, "audit_log", "action = 'rebuild' AND table_name = 'aid_cases'"); n != 1 {
		t.Errorf("got %d rebuild entries, want 1", n)
	}
}

func TestAidStandards(t *testing.T) {
	e := newDocEnv(t)
	s := data.AidStandard{Kind: data.StandardDibao, From: month("2026-01"), Amount: 76000, Note: "平政发〔2025〕40号"}
	_, err := e.db.SetAidStandard(e.clerk, s)
	wantMessage(t, err, data.ErrForbidden, "只有管理员")
	_, err = e.db.SetAidStandard(e.admin, data.AidStandard{Kind: data.StandardDibao, Amount: 76000})
	wantMessage(t, err, data.ErrInvalid, "执行月份")
	_, err = e.db.SetAidStandard(e.admin, s)
	docMust(t, err)
	s.Amount = 77000 // the same month again replaces it
	_, err = e.db.SetAidStandard(e.admin, s)
	docMust(t, err)
	next, err := e.db.SetAidStandard(e.admin, data.AidStandard{Kind: data.StandardDibao, From: month("2027-01"), Amount: 80000})
	docMust(t, err)
	list, err := e.db.AidStandards(e.clerk)
	docMust(t, err)
	if len(list) != 2 || list[0].Amount != 77000 || list[1].ID != next {
		t.Fatalf("got %+v", list)
	}
	docMust(t, e.db.VoidAidStandard(e.admin, next))
	list, _ = e.db.AidStandards(e.clerk)
	if len(list) != 1 {
		t.Fatalf("got %+v after voiding", list)
	}
	if n := countRowsWhere(t, e.db, "audit_log", "table_name = 'aid_standards'"); n != 5 {
		t.Errorf("got %d audit entries, want 5 (create, void+create, create, void)", n)
	}
	if n := countRowsWhere(t, e.db, "aid_standards", "1 = 1"); n != 3 {
		t.Errorf("got %d rows, want 3 (nothing deleted)", n)
	}
}

// A corrected one-off payment is paid once, by the correction.
func TestAidRosterCorrectedOneOff(t *testing.T) {
	e := newDocEnv(t)
	g := grant()
	g.Programme, g.Effective, g.AmountAfter, g.Bases = data.ProgrammeTemporary, data.Date{}, 200000,
		data.SuggestedBases(data.ProgrammeTemporary, data.OutcomeGrant)
	id := e.draft(t, e.wang, g)
	e.sign(t, id)
	docMust(t, e.db.VoidDocument(e.reviewer, id, "金额有误"))
	fix, err := e.db.CorrectDocument(e.clerk, id)
	docMust(t, err)
	e.sign(t, fix)
	l, err := e.db.AidRoster(e.clerk, data.AidFilter{Month: month("2026-11")})
	docMust(t, err)
	if l.Total != 1 || l.Paid.Amount != 200000 || l.Rows[0].Case.GrantID != fix {
		t.Fatalf("got %+v, want the correction's one payment", l)
	}
	wantCheckClean(t, e)
}

// 动态管理: a case falls due on its category's schedule, a recorded review moves the date
// and can draft the change, prefilled from the case; the rules are the administrator's.
func TestAidReviews(t *testing.T) {
	e := newDocEnv(t)
	e.grantBefore(t, e.zhang) // 680 a month from November 2026
	cases, _ := storedAid(e.clerk, e.db.db, "1 = 1")
	caseID := cases[0].ID
	due := func() (int, int) {
		t.Helper()
		d, o, err := e.db.AidDueCounts(e.clerk)
		docMust(t, err)
		return d, o
	}
	if d, o := due(); d != 0 || o != 0 {
		t.Fatalf("a new stable case is due: %d, %d", d, o)
	}
	e.now = time.Date(2027, 11, 3, 9, 0, 0, 0, time.UTC) // a year on: due 2027-11-01, overdue
	if d, o := due(); d != 1 || o != 1 {
		t.Fatalf("a year on: got %d due, %d overdue, want 1 and 1", d, o)
	}
	r := data.AidReview{Date: day("2027-11-02"), Category: data.AidUnstable, Finding: data.FindingNoChange,
		Note: "家庭成员李明灵活就业，收入不固定。", Reviewer: "王芳、社区网格员韩晓燕"}
	_, _, err := e.db.RecordAidReview(e.clerk, caseID, data.AidReview{Date: day("2027-11-02")})
	wantMessage(t, err, data.ErrInvalid, "请选择核查后的分类")
	rid, draft, err := e.db.RecordAidReview(e.clerk, caseID, r)
	docMust(t, err)
	if rid == 0 || draft != 0 {
		t.Fatalf("review %d, draft %d", rid, draft)
	}
	l, err := e.db.AidRoster(e.clerk, data.AidFilter{Month: month("2028-05")})
	docMust(t, err)
	if row := l.Rows[0]; row.Category != data.AidUnstable || row.Due != day("2028-05-02") {
		t.Fatalf("after the review: %+v", row)
	}
	// Half a year on the family is reviewed again and the income has risen: a 减发 draft.
	e.now = time.Date(2028, 5, 6, 9, 0, 0, 0, time.UTC)
	r.Date, r.Finding, r.Note = day("2028-05-05"), data.FindingDecrease, "李明已签订劳动合同，月收入2800元。"
	_, draft, err = e.db.RecordAidReview(e.clerk, caseID, r)
	docMust(t, err)
	doc, err := e.db.Document(e.clerk, draft)
	docMust(t, err)
	d := doc.Decision
	if doc.Status != data.DocDraft || d.Outcome != data.OutcomeDecrease || d.AmountBefore != 68000 || d.Effective != day("2028-06-01") ||
		d.Investigated != r.Date || d.Facts != r.Note || d.HouseholdSize != 3 {
		t.Fatalf("draft %+v", d)
	}
	if n := countRowsWhere(t, e.db, "audit_log", "table_name = 'aid_reviews'"); n != 2 {
		t.Errorf("got %d audit entries of reviews, want 2", n)
	}
	reviews, err := e.db.AidReviews(e.clerk, e.zhang, data.ProgrammeDibao)
	docMust(t, err)
	if len(reviews) != 2 || reviews[0].Finding != data.FindingDecrease {
		t.Fatalf("reviews %+v", reviews)
	}

	// The rules: only an administrator changes them, and they move the due dates.
	rules := []data.AidReviewRule{{Programme: data.ProgrammeDibao, Category: data.AidStable, Months: 12},
		{Programme: data.ProgrammeDibao, Category: data.AidUnstable, Months: 3}, {Programme: data.ProgrammeTekun, Months: 12}}
	wantMessage(t, e.db.SetAidReviewRules(e.clerk, rules), data.ErrForbidden, "只有管理员")
	docMust(t, e.db.SetAidReviewRules(e.admin, rules))
	l, _ = e.db.AidRoster(e.clerk, data.AidFilter{Month: month("2028-08")})
	if l.Rows[0].Due != day("2028-08-05") {
		t.Errorf("due under a 3-month rule: %s", l.Rows[0].Due)
	}

	// Nothing to review in a month the case does not pay.
	_, _, err = e.db.RecordAidReview(e.clerk, caseID, data.AidReview{Date: day("2026-10-15"), Category: data.AidStable,
		Finding: data.FindingNoChange, Note: "核查", Reviewer: "王芳"})
	wantMessage(t, err, data.ErrConflict, "2026年10月没有在保的低保")
}

// 一次性告知 that counts trips: returns are recorded against the notice until the matter is
// done, and the figures say which were done at the first return.
func TestNoticeReturns(t *testing.T) {
	e := newDocEnv(t)
	items, err := e.db.ServiceItems(e.clerk)
	docMust(t, err)
	notice := func(who string) int64 {
		id, err := e.db.CreateOneTimeNotice(e.clerk, items[0].Name, who, nil)
		docMust(t, err)
		return id
	}
	first, second, never := notice("张秀兰"), notice("王建国"), notice("李国强")
	_, err = e.db.RecordNoticeReturn(e.clerk, first, data.NoticeReturn{Date: day("2026-11-20")})
	wantMessage(t, err, data.ErrInvalid, "早于告知日期")
	_, err = e.db.RecordNoticeReturn(e.clerk, first, data.NoticeReturn{Date: day("2026-11-23"), Complete: true, Application: "民救决〔2026〕3号"})
	wantMessage(t, err, data.ErrInvalid, "没有文号为“民救决〔2026〕3号”的文书")
	application := e.sign(t, e.draft(t, e.zhang, refusal()))
	_, err = e.db.RecordNoticeReturn(e.clerk, first, data.NoticeReturn{Date: day("2026-11-23"), Complete: true, Application: application})
	docMust(t, err)
	_, err = e.db.RecordNoticeReturn(e.clerk, first, data.NoticeReturn{Date: day("2026-11-23"), Complete: true})
	wantMessage(t, err, data.ErrConflict, "已办成")
	docMust2 := func(_ int64, err error) { t.Helper(); docMust(t, err) }
	docMust2(e.db.RecordNoticeReturn(e.clerk, second, data.NoticeReturn{Date: day("2026-11-23"), Note: "缺户口簿"}))
	docMust2(e.db.RecordNoticeReturn(e.clerk, second, data.NoticeReturn{Date: day("2026-11-23"), Complete: true}))
	docMust(t, e.db.VoidDocument(e.reviewer, never, "重复制作"))
	_, err = e.db.RecordNoticeReturn(e.clerk, never, data.NoticeReturn{Date: day("2026-11-23"), Complete: true})
	wantMessage(t, err, data.ErrConflict, "已作废")

	st, err := e.db.Stats(e.clerk, data.StatsFilter{From: day("2026-11-01")})
	docMust(t, err)
	n := st.Notices
	if n.Issued != 2 || n.Completed != 2 || n.FirstReturn != 1 || n.Trips != 3 || n.SecondTrips != 1 || n.AvgTrips != 1.5 {
		t.Errorf("figures %+v", n)
	}
	returns, err := e.db.NoticeReturns(e.clerk, second)
	docMust(t, err)
	if len(returns) != 2 || returns[0].Complete || !returns[1].Complete || returns[0].RecordedBy != "王芳" {
		t.Errorf("returns %+v", returns)
	}
	if c := countRowsWhere(t, e.db, "audit_log", "table_name = 'notice_returns'"); c != 3 {
		t.Errorf("got %d audit entries, want 3", c)
	}
}

// An item's 办事指南 address is kept in the catalog and frozen into each notice made from it.
func TestServiceItemGuideURL(t *testing.T) {
	e := newDocEnv(t)
	items, err := e.db.ServiceItems(e.clerk)
	docMust(t, err)
	it := items[0]
	it.GuideURL = "www.example.gov.cn"
	wantMessage(t, e.db.SaveServiceItem(e.admin, it), data.ErrInvalid, "应以 http:// 或 https:// 开头")
	it.GuideURL = " https://zwfw.example.gov.cn/bszn/0012 "
	docMust(t, e.db.SaveServiceItem(e.admin, it))
	items, _ = e.db.ServiceItems(e.clerk)
	if items[0].GuideURL != "https://zwfw.example.gov.cn/bszn/0012" {
		t.Fatalf("got %q", items[0].GuideURL)
	}
	id, err := e.db.CreateOneTimeNotice(e.clerk, it.Name, "张秀兰", nil)
	docMust(t, err)
	doc, err := e.db.Document(e.clerk, id)
	docMust(t, err)
	if doc.OneTimeNotice.GuideURL != "https://zwfw.example.gov.cn/bszn/0012" {
		t.Fatalf("notice guide %q", doc.OneTimeNotice.GuideURL)
	}
	// A later change of the address leaves the signed notice as it was.
	it.GuideURL = "https://zwfw.example.gov.cn/bszn/0099"
	docMust(t, e.db.SaveServiceItem(e.admin, it))
	doc, _ = e.db.Document(e.clerk, id)
	if doc.OneTimeNotice.GuideURL != "https://zwfw.example.gov.cn/bszn/0012" {
		t.Errorf("the signed notice changed: %q", doc.OneTimeNotice.GuideURL)
	}
}

// An office that moves from paper keeps its running cases: a grant of the imported paper
// register starts a case from the month after it was signed, which a 增发 then changes.
func TestAidRosterFromPaperRegister(t *testing.T) {
	e := newDocEnv(t)
	paper := []data.PaperDocument{{NumKey: "decision", DocNumber: "民救决〔2025〕8号", Prefix: "民救决", Year: 2025, Seq: 8,
		Kind: data.DocDecision, Programme: data.ProgrammeDibao, Outcome: data.OutcomeGrant, SignedOn: day("2025-12-10"),
		Applicant: "张秀兰", ResidentID: e.zhang, Amount: 60000, HasAmount: true},
		{NumKey: "decision", DocNumber: "民救决〔2025〕9号", Prefix: "民救决", Year: 2025, Seq: 9,
			Kind: data.DocDecision, Programme: data.ProgrammeDibao, SignedOn: day("2025-12-11"), Applicant: "王建国", ResidentID: e.wang}}
	docMust(t, e.db.write(e.admin, func(tx *Tx) error { return tx.insertPaperDocuments(paper, "发文登记簿.xlsx") }))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2025-12", "2026-02"), 0, 60000, 60000)
	wantCheckClean(t, e)
	inc := grant()
	inc.Outcome, inc.Applied, inc.AmountBefore, inc.AmountAfter = data.OutcomeIncrease, data.Date{}, 60000, 68000
	e.sign(t, e.draft(t, e.zhang, inc))
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-11", "2026-12"), 60000, 68000)
	v, err := e.db.AidCase(e.clerk, mustCase(t, e, e.zhang), month("2026-12"))
	docMust(t, err)
	if len(v.Timeline) != 2 || !v.Timeline[0].Paper || v.Timeline[0].DocNumber != "民救决〔2025〕8号" {
		t.Errorf("timeline %+v", v.Timeline)
	}
	if n := countRowsWhere(t, e.db, "audit_log", "action = 'derive' AND table_name = 'aid_cases' AND after LIKE '%paper%'"); n != 1 {
		t.Errorf("got %d audit entries for the paper register's cases, want 1", n)
	}
	wantCheckClean(t, e)
}

func mustCase(t *testing.T, e *docEnv, resident int64) int64 {
	t.Helper()
	cases, err := storedAid(e.clerk, e.db.db, "a.resident_id = ?", resident)
	docMust(t, err)
	if len(cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(cases))
	}
	return cases[0].ID
}

// A grant and a 增发 signed in bulk on the same day for the same month: the 增发 comes after
// the grant it changes (it was failing the large demo).
func TestAidBulkSameDayChange(t *testing.T) {
	e := newDocEnv(t)
	g := grant()
	g.Date = day("2026-11-20")
	inc := grant()
	inc.Outcome, inc.Applied, inc.AmountBefore, inc.AmountAfter, inc.Date = data.OutcomeIncrease, data.Date{}, 68000, 70000, day("2026-11-20")
	_, err := e.db.BulkSignDocuments(e.reviewer, []data.BulkDocument{{ResidentID: e.zhang, Decision: &g}, {ResidentID: e.zhang, Decision: &inc}})
	docMust(t, err)
	wantAmounts(t, amountsOf(t, e, e.zhang, "2026-12", "2026-12"), 70000)
	// A draft made first but signed last comes after what was signed before it.
	e2 := newDocEnv(t)
	incID := e2.draft(t, e2.zhang, inc)
	grantID := e2.draft(t, e2.zhang, g)
	e2.sign(t, grantID)
	e2.now = e2.now.Add(time.Second)
	e2.sign(t, incID)
	wantAmounts(t, amountsOf(t, e2, e2.zhang, "2026-12", "2026-12"), 70000)
	wantCheckClean(t, e2)
}
