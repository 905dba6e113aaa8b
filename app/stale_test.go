package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// A clerk's issue page drawn before a reviewer on another PC moved the issue: the clerk's
// action is refused with the message, what the clerk typed stays in the dialog, and the page
// shows the issue as it is now.
func TestStaleIssueActionIsRefusedAndThePageReloads(t *testing.T) {
	db, admin := newTestDB(t)
	addStaff(t, db, admin, "chuangkou", "王芳", data.RoleClerk)
	s, _ := startApp(t, db)
	logIn(t, s, "chuangkou", staffPassword)
	cs, _ := db.Communities(s.Ctx(), false)
	iss := &data.Issue{FoundOn: data.Today(testNow), Source: "日常巡查", Category: "环境卫生", Description: "鹿苑小区3号楼楼道堆放杂物",
		CommunityID: cs[0].ID, Address: "鹿苑小区3号楼", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会",
		Deadline: data.Today(testNow).AddDays(10)}
	if err := db.CreateIssue(s.Ctx(), iss, nil); err != nil {
		t.Fatal(err)
	}
	sc := issuesOf(t, s)
	sc.showDetail(iss.ID)
	d := sc.detail
	a := tapAction(t, d, "填报进展")
	a.text.SetText("已通知住户本周内清理")

	// Meanwhile, on the other PC, the issue is started (and so no longer 待整改).
	other := data.NewContextWithUser(context.Background(), admin)
	if err := db.StartIssue(other, iss.ID); err != nil {
		t.Fatal(err)
	}
	if d.r.Status != data.IssueOpen {
		t.Fatalf("the page shows %s before the refusal", d.r.Status)
	}
	tapConfirm(t, a)
	if a.msg.Text != "该问题已被他人处理，请刷新后重试" || a.msg.Importance != widget.DangerImportance {
		t.Fatalf("message %q", a.msg.Text)
	}
	if a.text.Text != "已通知住户本周内清理" {
		t.Errorf("the typed note is gone: %q", a.text.Text)
	}
	if d.r.Status != data.IssueInProgress {
		t.Errorf("the page was not read again: it shows %s", d.r.Status)
	}
	h, _ := db.IssueHistory(s.Ctx(), iss.ID)
	if len(h) != 2 {
		t.Fatalf("history %v: the stale progress entry was written", h)
	}
	// Pressed again, now against the state on screen, it is saved.
	tapConfirm(t, a)
	if h, _ := db.IssueHistory(s.Ctx(), iss.ID); len(h) != 3 || h[2].Note != "已通知住户本周内清理" {
		t.Fatalf("after the retry: %v", h)
	}
}

func tapConfirm(t *testing.T, a *actionForm) {
	t.Helper()
	if a.confirm.Disabled() {
		t.Fatalf("%s is disabled: %s", a.confirm.Text, a.msg.Text)
	}
	a.confirm.OnTapped()
}

// A 不予受理通知书 draft open in a clerk's form: the clerk's own saves follow one another, but
// once another PC saved the draft, the form's next save is refused and the other's text stays.
func TestStaleDraftSaveIsRefused(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	cs, _ := db.Communities(context.Background(), false)
	r := addResident(t, db, admin, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	other := data.NewContextWithUser(context.Background(), admin)
	notice := data.RejectionNotice{Item: "最低生活保障", Applied: data.Today(testNow).AddDays(-2), Reason: "申请人户籍不在本街道。",
		Correction: "请向户籍所在地提出申请。", Bases: data.SuggestedRejectionBases("最低生活保障")}
	id, err := db.CreateRejectionDraft(other, r.ID, notice)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, "clerk", testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	sc.editDocument(id)
	f := sc.rejection
	if f == nil || f.id != id {
		t.Fatal("the draft's form did not open")
	}
	for _, reason := range []string{"申请人户籍不在本街道辖区。", "申请人户籍不在本街道辖区，不属于本机关受理范围。"} {
		f.reasonText.SetText(reason)
		test.Tap(f.save)
		if d, err := db.Document(other, id); err != nil || d.RejectionNotice.Reason != reason {
			t.Fatalf("own save %q: stored %q, form says %q (%v)", reason, d.RejectionNotice.Reason, f.why.Text, err)
		}
	}
	notice.Reason = "申请人已在户籍地提出申请。"
	if err := db.UpdateRejectionDraft(other, id, notice); err != nil {
		t.Fatal(err)
	}
	f.reasonText.SetText("申请材料不齐全。")
	test.Tap(f.save)
	if f.why.Text != "未保存：该文书已被他人处理，请刷新后重试" {
		t.Errorf("the form says %q", f.why.Text)
	}
	if d, _ := db.Document(other, id); d.RejectionNotice.Reason != notice.Reason {
		t.Errorf("the other PC's text was overwritten: %q", d.RejectionNotice.Reason)
	}
}
