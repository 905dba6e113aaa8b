package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"taizhang/data"
)

// issueEnv is a test office with a clerk and a reviewer, and a clock tests can move.
type issueEnv struct {
	db                *DB
	admin, clerk, rev context.Context
	gucheng, dongguan int64
	grid1, grid2      int64
}

func newIssueEnv(t *testing.T) *issueEnv {
	t.Helper()
	db, admin := newTestDB(t)
	e := &issueEnv{db: db, admin: admin, gucheng: communityID(t, db, "古城社区"), dongguan: communityID(t, db, "东关社区")}
	gs, err := db.Grids(admin, e.gucheng)
	if err != nil || len(gs) < 2 {
		t.Fatalf("grids: %v %v", gs, err)
	}
	e.grid1, e.grid2 = gs[0].ID, gs[1].ID
	clerk := &data.User{Username: "wangge", Name: "赵强", Role: data.RoleClerk}
	rev := &data.User{Username: "shenhe", Name: "孟丽华", Role: data.RoleReviewer}
	for _, u := range []*data.User{clerk, rev} {
		if err := db.CreateUser(admin, u, "demo12345"); err != nil {
			t.Fatal(err)
		}
	}
	e.clerk = data.NewContextWithUser(context.Background(), clerk)
	e.rev = data.NewContextWithUser(context.Background(), rev)
	return e
}

// at moves the store's clock to 10:00 office time on day.
func (e *issueEnv) at(day string) {
	d := mustDate(day)
	t := d.In(data.OfficeZone).Add(10 * time.Hour)
	e.db.Now = func() time.Time { return t }
}

func mustDate(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var photo = []data.NamedFile{{Name: "整改后.png", Content: pngBytes}}

// newIssue is a valid 一般 issue found today in 古城社区 第一网格.
func (e *issueEnv) newIssue(found string) *data.Issue {
	d := mustDate(found)
	return &data.Issue{FoundOn: d, Source: "日常巡查", Category: "环境卫生", Description: "自由小区3号楼楼道堆放杂物，堵塞消防通道",
		CommunityID: e.gucheng, GridID: e.grid1, Address: "自由小区3号楼", Tier: data.TierGeneral,
		ResponsibleUnit: "社区居委会", ResponsiblePerson: "张主任", Deadline: d.AddDays(10), Measures: "通知住户限期清理"}
}

func (e *issueEnv) create(t *testing.T, found string) data.Issue {
	t.Helper()
	iss := e.newIssue(found)
	if err := e.db.CreateIssue(e.clerk, iss, nil); err != nil {
		t.Fatalf("create: %v", err)
	}
	return *iss
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *issueEnv) status(t *testing.T, id int64) data.IssueRow {
	t.Helper()
	r, err := e.db.Issue(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func actions(h []data.IssueEvent) string {
	var s []string
	for _, e := range h {
		s = append(s, string(e.Action))
	}
	return strings.Join(s, ",")
}

func TestIssueWholeLifecycle(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-02")
	iss := e.create(t, "2026-11-02")
	if iss.Number != "WT-2026-0001" || iss.Status != data.IssueOpen || iss.CommunityName != "古城社区" || iss.FoundBy != "赵强" {
		t.Fatalf("got %s %s %q %q", iss.Number, iss.Status, iss.CommunityName, iss.FoundBy)
	}
	id := iss.ID
	audit0 := countRowsWhere(t, db, "audit_log", "table_name = 'issues' AND record_id = ?", id)

	must(t, db.StartIssue(e.clerk, id))
	must(t, db.AddProgress(e.clerk, id, data.Progress{Date: mustDate("2026-11-02"), Note: "已张贴限期清理通知"}, photo))
	e.at("2026-11-05")
	must(t, db.RequestCloseOut(e.clerk, id, data.CloseOut{Result: "杂物已清理"}, nil))
	must(t, db.RejectCloseOut(e.rev, id, "三楼仍有纸箱堆放"))
	if r := e.status(t, id); r.Status != data.IssueInProgress {
		t.Fatalf("after failed review got %s", r.Status)
	}
	must(t, db.RequestExtension(e.clerk, id, mustDate("2026-11-20"), "住户外出，需待其返回"))
	if r := e.status(t, id); r.PendingDeadline != mustDate("2026-11-20") || r.Deadline != mustDate("2026-11-12") {
		t.Fatalf("pending extension: got deadline %s pending %s", r.Deadline, r.PendingDeadline)
	}
	must(t, db.ApproveExtension(e.rev, id))
	e.at("2026-11-16")
	must(t, db.RequestCloseOut(e.clerk, id, data.CloseOut{Result: "全部清理完毕", LastingMeasure: "楼长每周巡查"}, photo))
	must(t, db.ApproveCloseOut(e.rev, id, ""))
	r := e.status(t, id)
	if r.Status != data.IssueClosed || r.ClosedOn != mustDate("2026-11-16") || r.LastingMeasure != "楼长每周巡查" || !r.FollowUpDue {
		t.Fatalf("after close-out got %+v", r)
	}
	e.at("2026-11-18")
	must(t, db.RecordFollowUp(e.clerk, id, data.FollowUp{Date: mustDate("2026-11-18"), Method: data.FollowUpPhone,
		Satisfaction: data.Unsatisfied, Remarks: "楼道又堆了杂物"}))
	r = e.status(t, id)
	if r.Status != data.IssueInProgress || !r.ClosedOn.IsZero() || r.Satisfaction != data.Unsatisfied {
		t.Fatalf("after unsatisfied visit got %s closed %s sat %s", r.Status, r.ClosedOn, r.Satisfaction)
	}
	must(t, db.RequestCloseOut(e.clerk, id, data.CloseOut{Result: "再次清理并加装监控提示"}, nil))
	e.at("2026-11-19")
	must(t, db.ApproveCloseOut(e.rev, id, "纳入楼道长效管理制度"))
	e.at("2026-11-23")
	must(t, db.RecordFollowUp(e.clerk, id, data.FollowUp{Date: mustDate("2026-11-23"), Method: data.FollowUpHome,
		Satisfaction: data.Satisfied}))
	r = e.status(t, id)
	if r.Status != data.IssueClosed || r.ClosedOn != mustDate("2026-11-19") || r.FollowUpDue || r.LastingMeasure != "纳入楼道长效管理制度" {
		t.Fatalf("final got %+v", r)
	}

	h, err := db.IssueHistory(context.Background(), id)
	must(t, err)
	want := "record,start,report_progress,request_close_out,reject_close_out,request_extension,approve_extension," +
		"request_close_out,approve_close_out,reopen,request_close_out,approve_close_out,record_follow_up"
	if got := actions(h); got != want {
		t.Fatalf("history\ngot  %s\nwant %s", got, want)
	}
	for _, ev := range h {
		switch ev.Action {
		case data.IssueRejectCloseOut:
			if ev.Note != "三楼仍有纸箱堆放" || ev.UserName != "孟丽华" || ev.From != data.IssuePendingReview || ev.To != data.IssueInProgress {
				t.Errorf("reject entry: %+v", ev)
			}
		case data.IssueApproveExtension:
			if ev.OldDeadline != mustDate("2026-11-12") || ev.NewDeadline != mustDate("2026-11-20") {
				t.Errorf("extension keeps both deadlines: got %s → %s", ev.OldDeadline, ev.NewDeadline)
			}
		case data.IssueReportProgress:
			if len(ev.Attachments) != 1 || ev.Attachments[0].MIME != "image/png" {
				t.Errorf("progress evidence: %+v", ev.Attachments)
			}
		case data.IssueReopen:
			if ev.Note != "楼道又堆了杂物" || ev.Satisfaction != data.Unsatisfied || ev.Method != data.FollowUpPhone {
				t.Errorf("reopen entry: %+v", ev)
			}
		}
	}
	// One audit entry per action (12 after the record).
	if got := countRowsWhere(t, db, "audit_log", "table_name = 'issues' AND record_id = ?", id) - audit0; got != 12 {
		t.Errorf("got %d audit entries for 12 actions", got)
	}
	if rep, err := db.Check(context.Background()); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
}

func TestCloseOnSpotAndVoid(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-23")
	iss := e.newIssue("2026-11-20")
	iss.Tier, iss.Deadline = data.TierSimple, data.Date{}
	must(t, db.CloseOnSpot(e.clerk, iss, nil, data.CloseOut{Result: "当场联系物业清理"}, nil))
	r := e.status(t, iss.ID)
	if r.Status != data.IssueClosed || r.ClosedOn != mustDate("2026-11-20") || r.Deadline != mustDate("2026-11-20") || r.Result != "当场联系物业清理" {
		t.Fatalf("closed on the spot: %+v", r)
	}
	h, _ := db.IssueHistory(context.Background(), iss.ID)
	if actions(h) != "close_on_spot" || h[0].Date != mustDate("2026-11-20") {
		t.Fatalf("history %s", actions(h))
	}
	must(t, db.VoidIssue(e.rev, iss.ID, "重复登记"))
	if r := e.status(t, iss.ID); r.Status != data.IssueVoided || r.VoidReason != "重复登记" {
		t.Fatalf("voided: %+v", r)
	}
	err := db.VoidIssue(e.rev, iss.ID, "再次作废")
	wantMessage(t, err, data.ErrConflict, "已作废")
}

func TestIssueRefusals(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-10")
	open := e.create(t, "2026-11-10")
	prog := e.create(t, "2026-11-10")
	must(t, db.StartIssue(e.clerk, prog.ID))
	review := e.create(t, "2026-11-10")
	must(t, db.StartIssue(e.clerk, review.ID))
	must(t, db.RequestCloseOut(e.clerk, review.ID, data.CloseOut{Result: "已清理"}, photo))
	closed := e.create(t, "2026-11-10")
	must(t, db.StartIssue(e.clerk, closed.ID))
	must(t, db.RequestCloseOut(e.clerk, closed.ID, data.CloseOut{Result: "已清理"}, photo))
	must(t, db.ApproveCloseOut(e.rev, closed.ID, ""))
	e.at("2026-11-23")
	nobody := context.Background()

	cases := []struct {
		name string
		do   func() error
		kind error
		msg  string
	}{
		{"not logged in", func() error { return db.StartIssue(nobody, open.ID) }, data.ErrUnauthorized, "请先登录"},
		{"clerk approves close-out", func() error { return db.ApproveCloseOut(e.clerk, review.ID, "") }, data.ErrForbidden, "只有审核人或管理员可以验收销号"},
		{"clerk rejects close-out", func() error { return db.RejectCloseOut(e.clerk, review.ID, "不行") }, data.ErrForbidden, "只有审核人"},
		{"clerk approves extension", func() error { return db.ApproveExtension(e.clerk, prog.ID) }, data.ErrForbidden, "只有审核人"},
		{"clerk voids", func() error { return db.VoidIssue(e.clerk, open.ID, "重复") }, data.ErrForbidden, "只有审核人"},
		{"start a closed issue", func() error { return db.StartIssue(e.clerk, closed.ID) }, data.ErrConflict, "已被他人处理，请刷新后重试"},
		{"close-out from 待整改", func() error {
			return db.RequestCloseOut(e.clerk, open.ID, data.CloseOut{Result: "好了"}, photo)
		}, data.ErrConflict, "当前状态为“待整改”"},
		{"progress on 待验收", func() error {
			return db.AddProgress(e.clerk, review.ID, data.Progress{Date: mustDate("2026-11-20"), Note: "x"}, nil)
		}, data.ErrConflict, "不能报告整改进展"},
		{"reject without reason", func() error { return db.RejectCloseOut(e.rev, review.ID, "  ") }, data.ErrInvalid, "请填写退回重新整改的理由"},
		{"void without reason", func() error { return db.VoidIssue(e.rev, open.ID, "") }, data.ErrInvalid, "请填写作废的理由"},
		{"close-out without evidence", func() error {
			return db.RequestCloseOut(e.clerk, prog.ID, data.CloseOut{Result: "已清理"}, nil)
		}, data.ErrInvalid, "佐证材料"},
		{"close-out without result", func() error {
			return db.RequestCloseOut(e.clerk, prog.ID, data.CloseOut{}, photo)
		}, data.ErrInvalid, "请填写整改结果"},
		{"extension without reason", func() error {
			return db.RequestExtension(e.clerk, prog.ID, mustDate("2026-12-30"), "")
		}, data.ErrInvalid, "请填写申请延期的理由"},
		{"extension not later", func() error {
			return db.RequestExtension(e.clerk, prog.ID, mustDate("2026-11-15"), "需要更多时间")
		}, data.ErrInvalid, "须晚于原时限"},
		{"approve extension none pending", func() error { return db.ApproveExtension(e.rev, prog.ID) }, data.ErrConflict, "没有待审批的延期申请"},
		{"unsatisfied visit without remarks", func() error {
			return db.RecordFollowUp(e.clerk, closed.ID, data.FollowUp{Date: mustDate("2026-11-20"), Method: data.FollowUpPhone, Satisfaction: data.Unsatisfied})
		}, data.ErrInvalid, "理由"},
		{"visit before close-out", func() error {
			return db.RecordFollowUp(e.clerk, closed.ID, data.FollowUp{Date: mustDate("2026-11-09"), Method: data.FollowUpPhone, Satisfaction: data.Satisfied})
		}, data.ErrInvalid, "不能早于销号日期"},
		{"visit in the future", func() error {
			return db.RecordFollowUp(e.clerk, closed.ID, data.FollowUp{Date: mustDate("2026-11-30"), Method: data.FollowUpPhone, Satisfaction: data.Satisfied})
		}, data.ErrInvalid, "不能晚于今天"},
		{"visit of an open issue", func() error {
			return db.RecordFollowUp(e.clerk, open.ID, data.FollowUp{Date: mustDate("2026-11-20"), Method: data.FollowUpPhone, Satisfaction: data.Satisfied})
		}, data.ErrConflict, "不能登记回访"},
		{"deadline before found", func() error {
			i := e.newIssue("2026-11-20")
			i.Deadline = mustDate("2026-11-19")
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "整改时限不能早于发现日期"},
		{"found in the future", func() error { return db.CreateIssue(e.clerk, e.newIssue("2026-11-24"), nil) }, data.ErrInvalid, "发现日期不能晚于今天"},
		{"unknown category", func() error {
			i := e.newIssue("2026-11-20")
			i.Category = "噪音"
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "问题类别“噪音”不在列表中"},
		{"unknown source", func() error {
			i := e.newIssue("2026-11-20")
			i.Source = "微博"
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "问题来源“微博”不在列表中"},
		{"unknown unit", func() error {
			i := e.newIssue("2026-11-20")
			i.ResponsibleUnit = "不存在的科室"
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "责任单位"},
		{"no unit", func() error {
			i := e.newIssue("2026-11-20")
			i.ResponsibleUnit = " "
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "请选择责任单位"},
		{"grid of another community", func() error {
			i := e.newIssue("2026-11-20")
			i.CommunityID = e.dongguan
			return db.CreateIssue(e.clerk, i, nil)
		}, data.ErrInvalid, "所选网格不属于所选社区"},
		{"unknown resident", func() error { return db.CreateIssue(e.clerk, e.newIssue("2026-11-20"), []int64{9999}) }, data.ErrInvalid, "居民档案不存在"},
		{"close on the spot a 一般 issue", func() error {
			return db.CloseOnSpot(e.clerk, e.newIssue("2026-11-20"), nil, data.CloseOut{Result: "好了"}, nil)
		}, data.ErrInvalid, "只有处置层级为“简易”"},
		{"edit a closed issue", func() error {
			i := closed
			i.Description = "改"
			return db.UpdateIssue(e.clerk, &i, nil)
		}, data.ErrConflict, "不能修改登记内容"},
		{"edit deadline after start", func() error {
			i := prog
			i.Deadline = mustDate("2026-12-31")
			return db.UpdateIssue(e.clerk, &i, nil)
		}, data.ErrInvalid, "延期申请"},
		{"edit deadline once overdue", func() error {
			i := open
			i.Deadline = mustDate("2026-12-31")
			return db.UpdateIssue(e.clerk, &i, nil)
		}, data.ErrInvalid, "延期申请"},
		{"unknown issue", func() error { return db.StartIssue(e.clerk, 9999) }, data.ErrNotFound, "问题不存在"},
		{"bad attachment", func() error {
			return db.AddProgress(e.clerk, prog.ID, data.Progress{Date: mustDate("2026-11-20"), Note: "x"},
				[]data.NamedFile{{Name: "a.exe", Content: []byte("MZ\x90\x00")}})
		}, data.ErrInvalid, "不是图片或 PDF"},
	}
	snapshot := func() string {
		var b strings.Builder
		for _, tbl := range []string{"issues", "issue_events", "issue_residents", "attachments", "audit_log", "counters"} {
			fmt.Fprintf(&b, "%s=%d ", tbl, countRows(t, db, tbl))
		}
		rows, _, _ := db.ListIssues(context.Background(), data.IssueFilter{Limit: 100})
		for _, r := range rows {
			fmt.Fprintf(&b, "%s:%s:%s:%s ", r.Number, r.Status, r.Deadline, r.Description)
		}
		return b.String()
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot()
			wantMessage(t, c.do(), c.kind, c.msg)
			if after := snapshot(); after != before {
				t.Errorf("a refused action changed the database:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func TestStaleTransitionFromTwoWindows(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-20")
	iss := e.create(t, "2026-11-20")
	must(t, db.StartIssue(e.clerk, iss.ID))
	must(t, db.RequestCloseOut(e.clerk, iss.ID, data.CloseOut{Result: "已清理"}, photo))

	// Window 1 and window 2 both show the issue 待验收.
	w1, _ := db.Issue(context.Background(), iss.ID)
	w2, _ := db.Issue(context.Background(), iss.ID)
	if w1.Status != data.IssuePendingReview || w2.Status != data.IssuePendingReview {
		t.Fatal("setup")
	}
	must(t, db.ApproveCloseOut(e.rev, w2.ID, ""))
	err := db.RejectCloseOut(e.rev, w1.ID, "照片不清楚")
	wantMessage(t, err, data.ErrConflict, "已被他人处理，请刷新后重试")
	if r := e.status(t, iss.ID); r.Status != data.IssueClosed {
		t.Fatalf("got %s", r.Status)
	}

	// The guard in the UPDATE itself: a move prepared from a status read before someone
	// else's change writes nothing.
	err = db.Write(e.rev, func(tx *Tx) error {
		return tx.finishMove(w1, data.IssueInProgress, data.IssueEvent{Action: data.IssueRejectCloseOut, Note: "迟到的退回"}, nil, nil)
	})
	wantMessage(t, err, data.ErrConflict, "已被他人处理，请刷新后重试")
	if r := e.status(t, iss.ID); r.Status != data.IssueClosed {
		t.Fatalf("stale update changed the status to %s", r.Status)
	}
}

func TestIssueNumbering(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-12-30")
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, e.create(t, "2026-12-30").Number)
	}
	must(t, db.VoidIssue(e.rev, mustIssue(t, db, got[2]).ID, "重复登记"))
	got = append(got, e.create(t, "2026-12-30").Number)
	// Entered late: an issue found last year takes last year's sequence.
	got = append(got, e.create(t, "2025-12-29").Number)
	e.at("2027-01-04")
	got = append(got, e.create(t, "2027-01-04").Number, e.create(t, "2027-01-04").Number)
	want := []string{"WT-2026-0001", "WT-2026-0002", "WT-2026-0003", "WT-2026-0004", "WT-2025-0001", "WT-2027-0001", "WT-2027-0002"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	r, err := db.IssueByNumber(context.Background(), " wt-2026-0002 ")
	if err != nil || r.Number != "WT-2026-0002" {
		t.Fatalf("by number: %v %v", r.Number, err)
	}
	_, err = db.IssueByNumber(context.Background(), "WT-2026-0099")
	wantMessage(t, err, data.ErrNotFound, "没有编号为 WT-2026-0099 的问题")
}

func mustIssue(t *testing.T, db *DB, number string) data.IssueRow {
	t.Helper()
	r, err := db.IssueByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDeadlineStatesFollowTheClock(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-02")
	iss := e.newIssue("2026-11-02")
	iss.Deadline = mustDate("2026-11-12")
	must(t, db.CreateIssue(e.clerk, iss, nil))
	ctx := context.Background()
	check := func(day string, want data.DeadlineState) {
		t.Helper()
		e.at(day)
		r := e.status(t, iss.ID)
		if r.State != want {
			t.Errorf("%s: got state %q, want %q", day, r.State, want)
		}
		d, err := db.Dashboard(ctx)
		must(t, err)
		overdue, _, _ := db.ListIssues(ctx, data.IssueFilter{Deadline: data.DeadlineOverdue})
		soon, _, _ := db.ListIssues(ctx, data.IssueFilter{Deadline: data.DeadlineDueSoon})
		wantOver, wantSoon := 0, 0
		switch want {
		case data.DeadlineOverdue:
			wantOver = 1
		case data.DeadlineDueSoon:
			wantSoon = 1
		}
		if d.Overdue != wantOver || len(overdue) != wantOver || d.DueSoon != wantSoon || len(soon) != wantSoon {
			t.Errorf("%s: dashboard overdue %d due soon %d, lists %d %d; want %d %d", day, d.Overdue, d.DueSoon,
				len(overdue), len(soon), wantOver, wantSoon)
		}
	}
	check("2026-11-08", data.DeadlineNone)
	check("2026-11-09", data.DeadlineDueSoon) // 3 days left
	check("2026-11-12", data.DeadlineDueSoon) // the deadline day itself
	check("2026-11-13", data.DeadlineOverdue)
	check("2026-12-31", data.DeadlineOverdue)
	// Closing it (late) takes it off the lists.
	must(t, db.StartIssue(e.clerk, iss.ID))
	must(t, db.RequestCloseOut(e.clerk, iss.ID, data.CloseOut{Result: "已清理"}, photo))
	check("2026-12-31", data.DeadlineOverdue) // 待验收 still counts
	must(t, db.ApproveCloseOut(e.rev, iss.ID, ""))
	check("2026-12-31", data.DeadlineNone)
	d, _ := db.Dashboard(ctx)
	if d.PendingFollowUp != 1 {
		t.Errorf("got %d pending follow-ups, want 1", d.PendingFollowUp)
	}
}

func TestListIssuesFiltersSortAndPaging(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	ctx := context.Background()
	e.at("2026-11-23")
	mk := func(found, category, source string, community, grid int64, tier data.Tier, deadline, desc string) int64 {
		t.Helper()
		i := e.newIssue(found)
		i.Category, i.Source, i.CommunityID, i.GridID, i.Tier, i.Deadline, i.Description = category, source, community, grid, tier,
			mustDate(deadline), desc
		i.Address = ""
		must(t, db.CreateIssue(e.clerk, i, nil))
		return i.ID
	}
	a := mk("2026-09-01", "环境卫生", "日常巡查", e.gucheng, e.grid1, data.TierGeneral, "2026-09-10", "楼道堆物")
	b := mk("2026-10-01", "安全隐患", "居民反映", e.gucheng, e.grid2, data.TierComplex, "2026-11-25", "井盖破损")
	c := mk("2026-11-01", "基础设施", "12345热线", e.dongguan, 0, data.TierGeneral, "2026-12-31", "路灯不亮")
	d := mk("2026-11-20", "安全隐患", "日常巡查", e.dongguan, 0, data.TierGeneral, "2026-12-31", "电动车飞线充电 100%")
	must(t, db.StartIssue(e.clerk, b))
	must(t, db.VoidIssue(e.rev, d, "误登记"))

	ids := func(rs []data.IssueRow) []int64 {
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	cases := []struct {
		name  string
		f     data.IssueFilter
		want  []int64
		total int
	}{
		{"default: newest first, voided hidden", data.IssueFilter{}, []int64{c, b, a}, 3},
		{"voided on request", data.IssueFilter{Statuses: []data.IssueStatus{data.IssueVoided}}, []int64{d}, 1},
		{"period", data.IssueFilter{From: mustDate("2026-09-15"), To: mustDate("2026-11-01")}, []int64{c, b}, 2},
		{"community", data.IssueFilter{CommunityID: e.dongguan}, []int64{c}, 1},
		{"grid", data.IssueFilter{GridID: e.grid2}, []int64{b}, 1},
		{"source", data.IssueFilter{Source: "日常巡查"}, []int64{a}, 1},
		{"category", data.IssueFilter{Category: "安全隐患"}, []int64{b}, 1},
		{"statuses", data.IssueFilter{Statuses: []data.IssueStatus{data.IssueOpen, data.IssueVoided}}, []int64{d, c, a}, 3},
		{"tier", data.IssueFilter{Tier: data.TierComplex}, []int64{b}, 1},
		{"unit", data.IssueFilter{ResponsibleUnit: "社区居委会"}, []int64{c, b, a}, 3},
		{"overdue", data.IssueFilter{Deadline: data.DeadlineOverdue}, []int64{a}, 1},
		{"due soon", data.IssueFilter{Deadline: data.DeadlineDueSoon}, []int64{b}, 1},
		{"text", data.IssueFilter{Query: "井盖"}, []int64{b}, 1},
		{"text with %", data.IssueFilter{Query: "100%", Statuses: data.IssueStatuses}, []int64{d}, 1},
		{"number", data.IssueFilter{Query: "WT-2026-0003"}, []int64{c}, 1},
		{"number fragment", data.IssueFilter{Query: "0002"}, []int64{b}, 1},
		{"sort by deadline", data.IssueFilter{Sort: "deadline"}, []int64{a, b, c}, 3},
		{"sort by number desc", data.IssueFilter{Sort: "number", Desc: true}, []int64{c, b, a}, 3},
		{"sort by category", data.IssueFilter{Sort: "category"}, []int64{c, b, a}, 3},
		{"page 2", data.IssueFilter{Sort: "found_on", Offset: 1, Limit: 1}, []int64{b}, 3},
		{"combined", data.IssueFilter{CommunityID: e.gucheng, Statuses: []data.IssueStatus{data.IssueInProgress}, From: mustDate("2026-01-01")}, []int64{b}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, total, err := db.ListIssues(ctx, tc.f)
			must(t, err)
			if !reflect.DeepEqual(ids(rs), tc.want) || total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)", ids(rs), total, tc.want, tc.total)
			}
		})
	}
	rs, _, _ := db.ListIssues(ctx, data.IssueFilter{Query: "WT-2026-0001"})
	if len(rs) != 1 || rs[0].State != data.DeadlineOverdue || rs[0].CommunityName != "古城社区" || rs[0].GridName != "第一网格" {
		t.Errorf("row: %+v", rs)
	}
}

func TestLikelyDuplicatesAndLink(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	ctx := context.Background()
	e.at("2026-11-23")
	first := e.create(t, "2026-11-18") // 环境卫生, 第一网格, 自由小区3号楼
	other := e.newIssue("2026-11-18")
	other.Category = "安全隐患"
	must(t, db.CreateIssue(e.clerk, other, nil))
	old := e.create(t, "2026-11-05")
	voided := e.create(t, "2026-11-20")
	must(t, db.VoidIssue(e.rev, voided.ID, "误登记"))

	cases := []struct {
		name      string
		grid      int64
		addr, cat string
		found     string
		want      []int64
	}{
		{"same grid and category", e.grid1, "", "环境卫生", "2026-11-23", []int64{first.ID}},
		{"same address, no grid", 0, "自由小区3号楼", "环境卫生", "2026-11-21", []int64{first.ID}},
		{"other category", e.grid1, "", "基础设施", "2026-11-23", nil},
		{"other grid", e.grid2, "", "环境卫生", "2026-11-23", nil},
		{"more than a week apart", e.grid1, "", "环境卫生", "2026-11-01", []int64{old.ID}},
		{"no place given", 0, "", "环境卫生", "2026-11-23", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, err := db.LikelyDuplicates(ctx, e.gucheng, c.grid, c.addr, c.cat, mustDate(c.found))
			must(t, err)
			var got []int64
			for _, r := range rs {
				got = append(got, r.ID)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	dup := e.create(t, "2026-11-23")
	must(t, db.LinkDuplicate(e.clerk, dup.ID, first.ID))
	// A link to a duplicate goes to the original.
	third := e.create(t, "2026-11-23")
	must(t, db.LinkDuplicate(e.clerk, third.ID, dup.ID))
	if r := e.status(t, third.ID); r.DuplicateOf != first.ID {
		t.Errorf("got duplicate_of %d, want %d", r.DuplicateOf, first.ID)
	}
	rs, total, _ := db.ListIssues(ctx, data.IssueFilter{DuplicateOf: first.ID})
	if total != 2 || len(rs) != 2 {
		t.Errorf("got %d linked issues, want 2", total)
	}
	wantMessage(t, db.LinkDuplicate(e.clerk, first.ID, first.ID), data.ErrInvalid, "它自己")
	wantMessage(t, db.LinkDuplicate(e.clerk, first.ID, voided.ID), data.ErrInvalid, "已作废")
	h, _ := db.IssueHistory(ctx, dup.ID)
	if last := h[len(h)-1]; last.Action != data.ActionLinkDuplicate || last.Label() != "关联重复问题" || !strings.Contains(last.Note, first.Number) {
		t.Errorf("history: %+v", last)
	}
}

func TestUpdateIssue(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-20")
	iss := e.create(t, "2026-11-20")
	r := &data.Resident{Name: "张菊花", IDNumber: idn(1941, 6, 2, 124), CommunityID: e.gucheng}
	must(t, db.CreateResident(e.admin, r))
	upd := iss
	upd.Description = "自由小区3号楼二单元楼道堆放杂物"
	upd.Deadline, upd.DeadlineWorkdays = data.Date{}, 5
	must(t, db.UpdateIssue(e.clerk, &upd, []int64{r.ID}))
	got := e.status(t, iss.ID)
	// Fri 11/20 + 5 working days = Fri 11/27.
	if got.Description != upd.Description || got.Deadline != mustDate("2026-11-27") || got.Number != iss.Number ||
		!reflect.DeepEqual(got.ResidentIDs, []int64{r.ID}) {
		t.Fatalf("got %+v", got)
	}
	tl, err := db.ResidentTimeline(context.Background(), r.ID)
	must(t, err)
	found := false
	for _, en := range tl {
		if en.Kind == "问题" && en.Ref == iss.Number && strings.Contains(en.Title, "待整改") {
			found = true
		}
	}
	if !found {
		t.Errorf("resident timeline lacks the issue: %+v", tl)
	}
}

func TestBulkIssues(t *testing.T) {
	e := newIssueEnv(t)
	db := e.db
	e.at("2026-11-23")
	e.create(t, "2026-03-01") // WT-2026-0001 taken by a typed-in issue
	clerk, rev := *data.UserFromContext(e.clerk), *data.UserFromContext(e.rev)
	d := mustDate
	good := data.BulkIssue{Issue: *e.newIssue("2026-10-01"), Events: []data.BulkEvent{
		{Date: d("2026-10-01"), Action: data.IssueRecord, By: clerk},
		{Date: d("2026-10-02"), Action: data.IssueStart, By: clerk},
		{Date: d("2026-10-03"), Action: data.IssueRequestExtension, By: clerk, NewDeadline: d("2026-10-20"), Note: "材料未到"},
		{Date: d("2026-10-03"), Action: data.IssueApproveExtension, By: rev},
		{Date: d("2026-10-09"), Action: data.IssueRequestCloseOut, By: clerk, Note: "已清理", Files: photo},
		{Date: d("2026-10-10"), Action: data.IssueApproveCloseOut, By: rev, Note: "每周巡查"},
		{Date: d("2026-10-12"), Action: data.IssueRecordFollowUp, By: clerk, Satisfaction: data.Satisfied, Method: data.FollowUpPhone},
	}}
	ids, err := db.BulkIssues(e.admin, []data.BulkIssue{good, good})
	must(t, err)
	r := e.status(t, ids[1])
	if r.Number != "WT-2026-0003" || r.Status != data.IssueClosed || r.ClosedOn != d("2026-10-10") || r.Deadline != d("2026-10-20") ||
		r.LastingMeasure != "每周巡查" || r.FollowUpDue || r.Satisfaction != data.Satisfied {
		t.Fatalf("bulk issue: %+v", r)
	}
	h, _ := db.IssueHistory(context.Background(), ids[0])
	if len(h) != 7 || len(h[4].Attachments) != 1 || h[3].OldDeadline != d("2026-10-11") {
		t.Fatalf("bulk history: %s %+v", actions(h), h[3])
	}
	// The next typed-in issue continues the sequence.
	if n := e.create(t, "2026-11-23").Number; n != "WT-2026-0004" {
		t.Errorf("got %s after bulk", n)
	}
	bad := good
	bad.Events = append([]data.BulkEvent{}, good.Events...)
	bad.Events[5].By = clerk // a clerk cannot approve
	before := countRows(t, db, "issues")
	_, err = db.BulkIssues(e.admin, []data.BulkIssue{good, bad})
	if !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("got %v, want forbidden", err)
	}
	if countRows(t, db, "issues") != before {
		t.Error("a refused bulk wrote issues")
	}
	noEvidence := good
	noEvidence.Events = append([]data.BulkEvent{}, good.Events...)
	noEvidence.Events[4].Files = nil
	_, err = db.BulkIssues(e.admin, []data.BulkIssue{noEvidence})
	wantMessage(t, err, data.ErrInvalid, "佐证材料")
	if rep, err := db.Check(context.Background()); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
}

// TestExplainIssueQueries prints the query plans and timings of the ledger list's count and
// page queries on a large office built by data/demo's TestLargeIssuesTimings. It runs only
// when asked:
//
//	TAIZHANG_LARGE_DB=/tmp/large.db go test ./data/sqlite -run ExplainIssue -v
func TestExplainIssueQueries(t *testing.T) {
	path := os.Getenv("TAIZHANG_LARGE_DB")
	if path == "" {
		t.Skip("set TAIZHANG_LARGE_DB to a large demo database")
	}
	if w, err := Open(path, Options{Renderer: testRenderer}); err == nil { // bring an older file up to date
		w.Close()
	}
	db, err := Open(path, Options{ReadOnly: true, Renderer: testRenderer})
	must(t, err)
	defer db.Close()
	ctx := context.Background()
	today := mustDate("2026-11-23")
	cs, _ := db.Communities(ctx, false)
	for _, c := range []struct {
		name string
		f    data.IssueFilter
	}{
		{"default", data.IssueFilter{}},
		{"sort deadline", data.IssueFilter{Sort: "deadline"}},
		{"sort category", data.IssueFilter{Sort: "category"}},
		{"community", data.IssueFilter{CommunityID: cs[1].ID}},
		{"community sort deadline", data.IssueFilter{CommunityID: cs[1].ID, Sort: "deadline"}},
		{"follow-up due", data.IssueFilter{FollowUpDue: true}},
		{"category", data.IssueFilter{Category: "安全隐患"}},
		{"overdue", data.IssueFilter{Deadline: data.DeadlineOverdue}},
		{"community+status+category", data.IssueFilter{CommunityID: cs[3].ID, Statuses: []data.IssueStatus{data.IssueClosed}, Category: "环境卫生"}},
		{"text", data.IssueFilter{Query: "路灯"}},
	} {
		where, args := issueWhere(c.f, today, db.pg)
		for _, q := range []struct{ kind, sql string }{
			{"count", "SELECT count(*) FROM issues i" + where},
			{"page", "SELECT " + issueCols + issueFrom + where + " ORDER BY " + issueOrder(c.f) + " LIMIT 50 OFFSET 0"},
		} {
			rows, err := db.SQL().QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.sql, args...)
			must(t, err)
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				must(t, rows.Scan(&id, &parent, &unused, &detail))
				plan = append(plan, detail)
			}
			rows.Close()
			start := time.Now()
			r, err := db.SQL().QueryContext(ctx, q.sql, args...)
			must(t, err)
			n := 0
			for r.Next() {
				n++
			}
			r.Close()
			t.Logf("%-26s %-5s %7.2f ms  %s", c.name, q.kind, float64(time.Since(start).Microseconds())/1000, strings.Join(plan, " | "))
		}
	}
}
