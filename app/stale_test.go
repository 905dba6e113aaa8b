package app

import (
	"context"
	"testing"

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
