package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
	"taizhang/reports"
)

// addIssueAs writes an issue straight to the store as u, due in days, as another PC would.
func addIssueAs(t *testing.T, db *sqlite.DB, u *data.User, desc string, days int) {
	t.Helper()
	ctx := data.NewContextWithUser(context.Background(), u)
	cs, err := db.Communities(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	today := data.Today(testNow)
	iss := &data.Issue{FoundOn: today, Source: "日常巡查", Category: "环境卫生", Description: desc,
		CommunityID: cs[0].ID, Address: "鹿苑小区3号楼", FoundBy: "王建国", Tier: data.TierGeneral,
		ResponsibleUnit: "社区居委会", Deadline: today.AddDays(days)}
	if err := db.CreateIssue(ctx, iss, nil); err != nil {
		t.Fatal(err)
	}
}

// reloaded returns a check that s finished a reload for other PCs' changes since now.
func reloaded(s *Session) func() bool {
	count := func() int {
		s.live.mu.Lock()
		defer s.live.mu.Unlock()
		return s.live.applied
	}
	before := count()
	return func() bool { return count() > before }
}

// within polls ok, with a short wait between tries, until it holds or d has passed.
func within(d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if ok() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Another PC's change reloads the list on show, keeping the selected issue, the typed search
// text and the open form of another screen; the badges are recounted.
func TestLiveRefreshKeepsWhatTheClerkIsDoing(t *testing.T) {
	s, db := loggedInShell(t)
	for i := 0; i < 3; i++ {
		addIssueAs(t, db, s.User, fmt.Sprintf("楼道堆放杂物 %d", i+1), 10)
	}
	sc := issuesOf(t, s)
	l := sc.list
	if l.count != 3 {
		t.Fatalf("listed %d issues, want 3", l.count)
	}
	l.table.selectRow(1)
	picked := l.rows[1].ID
	test.Type(sc.query, "楼道")

	addIssueAs(t, db, s.User, "路灯不亮", 2) // the newest, listed first
	done := reloaded(s)
	s.changed([]string{"issues"})
	if !within(2*time.Second, done) || l.count != 4 {
		t.Fatalf("the list did not show the other PC's issue within 2 s: %s", l.total.Text)
	}
	if sc.query.Text != "楼道" {
		t.Errorf("typed search text became %q", sc.query.Text)
	}
	if sel := l.table.selected; sel < 0 || l.rows[sel].ID != picked {
		t.Errorf("selection moved off issue %d (row %d)", picked, sel)
	}

	// A form open on the screen is left alone: nothing typed is lost.
	sc.OnNew()
	sc.form.description.SetText("正在填写的问题")
	addIssueAs(t, db, s.User, "井盖缺失", 2)
	s.applyChanges([]string{"issues"})
	if sc.view != "form" || sc.form.description.Text != "正在填写的问题" {
		t.Errorf("the open form was reset: view %q, text %q", sc.view, sc.form.description.Text)
	}

	// The dashboard recounts.
	sc.form.onCancel()
	s.PressDialogDefault()
	d := dashboardOf(t, s)
	before := d.cardNumber("issues_due_soon")
	addIssueAs(t, db, s.User, "台阶破损", 1)
	done = reloaded(s)
	s.changed([]string{"issues"})
	if !within(2*time.Second, done) || d.cardNumber("issues_due_soon") == before {
		t.Errorf("临期 stayed %s", before)
	}
}

// Two PCs on one server: what the second writes shows on the first's issue list and
// dashboard within two seconds, through LISTEN/NOTIFY, while the text typed in the search
// box stays; the first window's own writes do not come back to it.
func TestLiveOfficeOnServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	open := func() *sqlite.DB {
		db, err := sqlite.Open(loc, sqlite.Options{Renderer: reports.Renderer{}})
		if err != nil {
			t.Fatalf("open %s: %v", MaskURL(loc), err)
		}
		t.Cleanup(func() { db.Close() })
		db.BcryptCost = 4
		db.Now = func() time.Time { return testNow }
		return db
	}
	first := open()
	admin, err := first.RunSetup(context.Background(), data.Setup{
		Office: data.Office{Name: testOffice}, Communities: []string{"鹿苑社区"},
		AdminUsername: testAdmin, AdminName: "王建国", AdminPassword: testPassword,
	})
	if err != nil {
		t.Fatal(err)
	}
	second := open() // the other PC
	other, err := second.Login(context.Background(), testAdmin, testPassword)
	if err != nil {
		t.Fatal(err)
	}

	s, _ := startApp(t, first)
	logIn(t, s, testAdmin, testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s.live.stop = cancel
	if err := first.Watch(ctx, s.changed); err != nil {
		t.Fatalf("watch: %v", err)
	}
	addIssueAs(t, first, admin, "本机录入的问题", 10)
	sc := issuesOf(t, s)
	d := s.shell.Screen(ScreenDashboard).(*dashboardScreen)
	d.Refresh()
	if sc.list.count != 1 || d.cardNumber("issues_due_soon") != "0" {
		t.Fatalf("before: %d listed, 临期 %s", sc.list.count, d.cardNumber("issues_due_soon"))
	}
	test.Type(sc.query, "路灯")

	done := reloaded(s)
	addIssueAs(t, second, other, "路灯不亮", 2)
	if !within(2*time.Second, done) || sc.list.count != 2 {
		t.Fatalf("the other PC's issue did not show within 2 s: %s", sc.list.total.Text)
	}
	if sc.query.Text != "路灯" {
		t.Errorf("typed search text became %q", sc.query.Text)
	}
	s.Open(ScreenDashboard)
	done = reloaded(s)
	addIssueAs(t, second, other, "井盖缺失", 1)
	if !within(2*time.Second, done) || d.cardNumber("issues_due_soon") != "2" {
		t.Errorf("dashboard 临期 %s, want 2", d.cardNumber("issues_due_soon"))
	}
	// This window's own write is not reported back to it: of the two changes below, only
	// the other PC's (the later) is heard.
	heard := func() int {
		s.live.mu.Lock()
		defer s.live.mu.Unlock()
		return s.live.heard
	}
	before := heard()
	addIssueAs(t, first, admin, "本机又录入的问题", 10)
	addIssueAs(t, second, other, "最后一个", 10)
	if !within(2*time.Second, func() bool { return heard() > before }) {
		t.Fatal("the other PC's change never arrived")
	}
	if n := heard() - before; n != 1 {
		t.Errorf("heard %d changes, want only the other PC's", n)
	}
}

// A reload for another PC's change that fails (the server gone) says nothing over what the
// clerk is doing; F5 does say it.
func TestLiveRefreshFailsQuietly(t *testing.T) {
	s, db := loggedInShell(t)
	issuesOf(t, s)
	db.Close()
	s.applyChanges([]string{"issues"})
	if s.dialog != nil {
		t.Fatal("a failed background reload opened a dialog")
	}
	s.shell.onKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.dialog == nil {
		t.Error("F5 on a closed database said nothing")
	}
}
