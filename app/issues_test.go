package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

const staffPassword = "Gongzuo2026"

func issuesOf(t *testing.T, s *Session) *issuesScreen {
	t.Helper()
	s.shell.Show(ScreenIssues)
	return s.shell.Screen(ScreenIssues).(*issuesScreen)
}

func dashboardOf(t *testing.T, s *Session) *dashboardScreen {
	t.Helper()
	s.shell.Show(ScreenDashboard)
	return s.shell.Screen(ScreenDashboard).(*dashboardScreen)
}

// addStaff creates an account with staffPassword.
func addStaff(t *testing.T, db *sqlite.DB, admin *data.User, username, name string, role data.Role) {
	t.Helper()
	u := &data.User{Username: username, Name: name, Role: role}
	if err := db.CreateUser(data.NewContextWithUser(context.Background(), admin), u, staffPassword); err != nil {
		t.Fatalf("create %s: %v", username, err)
	}
}

// switchUser logs out and logs in as username.
func switchUser(t *testing.T, s *Session, username string) {
	t.Helper()
	test.Tap(s.shell.logout)
	logIn(t, s, username, staffPassword)
	if s.shell == nil || s.User.Username != username {
		t.Fatalf("could not log in as %s", username)
	}
}

// pressEnter sends Enter to the focused field.
func pressEnter(t *testing.T, c fyne.Canvas) {
	t.Helper()
	f := c.Focused()
	if f == nil {
		t.Fatal("nothing has the keyboard focus")
	}
	f.TypedKey(keyReturn)
}

// typeHere types text into the focused field, as the keyboard does.
func typeHere(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	f := c.Focused()
	if f == nil {
		t.Fatal("nothing has the keyboard focus")
	}
	for _, r := range text {
		f.TypedRune(r)
	}
}

func TestBatchEntryOfARoundTable(t *testing.T) {
	s, _ := loggedInShell(t)
	c := s.Window.Canvas()
	sc := issuesOf(t, s)
	if !sc.list.empty.Visible() || sc.list.empty.Text != "还没有问题记录，点击“新增”或从 Excel 导入" {
		t.Errorf("empty ledger says %q", sc.list.empty.Text)
	}
	test.Tap(sc.batchBtn)
	b := sc.batch
	if sc.view != "batch" || b == nil {
		t.Fatal("批量录入 did not open the batch page")
	}
	if b.source.Selected != "议事协商" {
		t.Errorf("batch source %q, want 议事协商", b.source.Selected)
	}
	if c.Focused() != b.category {
		t.Fatal("the batch page must start with the cursor in 类别")
	}
	problems := []string{
		"小区东门垃圾桶满溢", "3 号楼楼道堆放杂物", "健身器材松动", "路灯不亮", "下水道井盖破损",
		"电动车楼道充电", "绿化带缺株", "单元门禁损坏", "广场舞噪音扰民", "快递乱堆放",
	}
	start := time.Now()
	for i, p := range problems {
		if i == 0 {
			typeHere(t, c, "1") // 类别 1 环境卫生
			pressEnter(t, c)
		}
		if c.Focused() != b.description {
			t.Fatalf("row %d: the cursor is not in 问题描述", i+1)
		}
		typeHere(t, c, p)
		pressEnter(t, c)
		if i == 0 {
			typeHere(t, c, "鹿苑小区")
		}
		pressEnter(t, c)
		if i == 0 {
			typeHere(t, c, "居委") // 社区居委会, by part of its name
		}
		pressEnter(t, c)
		pressEnter(t, c) // 时限: 10 working days, as carried
		if msg := b.msg.Text; b.msg.Visible() {
			t.Fatalf("row %d not saved: %s", i+1, msg)
		}
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("ten rows took %v", time.Since(start))
	}
	got := b.savedNumbers()
	if len(got) != 10 {
		t.Fatalf("saved %d rows, want 10", len(got))
	}
	for i, n := range got {
		if want := fmt.Sprintf("WT-2026-%04d", i+1); n != want {
			t.Errorf("row %d numbered %s, want %s", i+1, n, want)
		}
	}
	listed := test.RenderToMarkup(c)
	for i := 1; i <= 10; i++ {
		if n := fmt.Sprintf("WT-2026-%04d", i); !strings.Contains(listed, n) {
			t.Errorf("%s is not listed on the batch page", n)
		}
	}
	if b.count.Text != "本次已录入 10 条" {
		t.Errorf("count %q", b.count.Text)
	}

	test.Tap(b.done)
	if sc.view != "list" || sc.list.total.Text != "共 10 条" {
		t.Fatalf("ledger: view %q, total %q", sc.view, sc.list.total.Text)
	}
	// Newest first: the last row typed is on top.
	for col, want := range map[int]string{1: "WT-2026-0010", 2: "2026-03-05", 3: "议事协商", 4: "环境卫生",
		5: "快递乱堆放", 6: "鹿苑社区" /* not set */, 7: "社区居委会", 8: "2026-03-19", 9: "待整改", 10: "查看 开始整改"} {
		if col == 6 {
			want = "全街道"
		}
		if got := sc.list.cellText(0, col); got != want {
			t.Errorf("cell (0, %s) = %q, want %q", issueColumns[col].title, got, want)
		}
	}

	// The filter bar: keyword and sorting.
	test.Type(sc.query, "路灯")
	test.Tap(sc.searchBtn)
	if sc.list.total.Text != "共 1 条" || sc.list.cellText(0, 1) != "WT-2026-0004" {
		t.Errorf("keyword 路灯: %q, %q", sc.list.total.Text, sc.list.cellText(0, 1))
	}
	test.Tap(sc.resetBtn)
	sc.list.onSort(1)
	if got := sc.list.cellText(0, 1); got != "WT-2026-0001" || sc.list.headerText(1) != "编号 ▲" {
		t.Errorf("sorted by number: first %q, header %q", got, sc.list.headerText(1))
	}
	sc.deadline.SetSelected("逾期")
	test.Tap(sc.searchBtn)
	if sc.list.total.Text != "共 0 条" || !strings.Contains(sc.list.empty.Text, "没有符合条件") {
		t.Errorf("逾期 filter: %q, %q", sc.list.total.Text, sc.list.empty.Text)
	}
}

func TestDateField(t *testing.T) {
	test.NewTempApp(t)
	f := newDateField(true)
	w := test.NewTempWindow(t, f.content)
	_ = w
	f.SetText("2026.3.5")
	if d, err := f.Date(); err != nil || d != data.MustDate(2026, 3, 5) || f.Message() != "" {
		t.Errorf("2026.3.5: %v %v, message %q", d, err, f.Message())
	}
	f.entry.OnSubmitted(f.entry.Text)
	if f.Text() != "2026-03-05" {
		t.Errorf("tidied to %q, want 2026-03-05", f.Text())
	}
	for _, in := range []string{"2026-3-5", "20260305", "2026年3月5日"} {
		f.SetText(in)
		if d, err := f.Date(); err != nil || d != data.MustDate(2026, 3, 5) {
			t.Errorf("%s: %v %v", in, d, err)
		}
	}
	f.SetText("2026-02-30")
	if _, err := f.Date(); err == nil {
		t.Error("2026-02-30 accepted")
	}
	if got, want := f.Message(), "日期“2026-02-30”有误：2026年2月只有28天"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	f.SetText("")
	if f.Message() != "" {
		t.Errorf("an empty field complains while typing: %q", f.Message())
	}
}

// writePNG writes a small photo into dir.
func writePNG(t *testing.T, dir, name string) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x * 4), G: 120, B: uint8(y * 5), A: 255})
		}
	}
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// tapAction taps the issue page's button with label, failing if it is not there.
func tapAction(t *testing.T, d *issueDetail, label string) *actionForm {
	t.Helper()
	b := d.buttons[label]
	if b == nil {
		var have []string
		for l := range d.buttons {
			have = append(have, l)
		}
		t.Fatalf("no %s button; the page offers %v", label, have)
	}
	test.Tap(b)
	return d.act
}

func confirmAction(t *testing.T, a *actionForm) {
	t.Helper()
	if a.confirm.Disabled() {
		t.Fatalf("%s is disabled: %s", a.confirm.Text, a.msg.Text)
	}
	test.Tap(a.confirm)
	if a.msg.Visible() && a.msg.Importance == widget.DangerImportance {
		t.Fatalf("%s failed: %s", a.confirm.Text, a.msg.Text)
	}
}

func TestIssueThroughEveryState(t *testing.T) {
	db, admin := newTestDB(t)
	addStaff(t, db, admin, "chuangkou", "王芳", data.RoleClerk)
	addStaff(t, db, admin, "shenhe", "孟丽华", data.RoleReviewer)
	s, _ := startApp(t, db)
	logIn(t, s, "chuangkou", staffPassword)
	cs, _ := db.Communities(s.Ctx(), false)
	res := addResident(t, db, admin, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)

	// The clerk records the issue through the form.
	sc := issuesOf(t, s)
	test.Tap(sc.newBtn)
	f := sc.form
	if f == nil || !f.save.Disabled() || !strings.Contains(f.reason.Text, "问题来源") {
		t.Fatalf("empty form: reason %q", f.reason.Text)
	}
	if f.foundOn.Text() != "2026-03-05" || f.foundBy.Text != "王芳" {
		t.Errorf("defaults: found %q by %q", f.foundOn.Text(), f.foundBy.Text)
	}
	f.foundOn.SetText("2026-02-30")
	if !f.save.Disabled() || f.foundOn.Message() != "日期“2026-02-30”有误：2026年2月只有28天" {
		t.Errorf("2026-02-30: message %q", f.foundOn.Message())
	}
	f.foundOn.SetText("2026.3.5")
	f.source.SetSelected("居民反映")
	f.category.SetSelected("环境卫生")
	test.Type(f.description, "小区东门垃圾桶满溢，周边有散落垃圾")
	f.community.SetSelected("鹿苑社区")
	f.grid.SetSelected("第一网格")
	test.Type(f.address, "鹿苑小区东门")
	test.Type(f.resQuery, "zjh")
	f.resQuery.TypedKey(keyReturn)
	if len(f.resHitButtons) != 1 {
		t.Fatalf("resident search found %d", len(f.resHitButtons))
	}
	test.Tap(f.resHitButtons[0])
	f.unit.SetSelected("社区居委会")
	f.workdays.SetText("")
	test.Type(f.workdays, "3")
	if got := f.computed.Text; got != "截止 2026-03-10（星期二）" {
		t.Errorf("3 working days from Thursday 5 March: %q", got)
	}
	test.Tap(f.save)
	if got := s.shell.notice.Text; got != "已保存 WT-2026-0001" {
		t.Fatalf("notice %q (form reason %q)", got, f.reason.Text)
	}
	d := sc.detail
	if sc.view != "detail" || d.r.Number != "WT-2026-0001" || len(d.residents) != 1 || d.residents[0].ID != res.ID {
		t.Fatalf("after saving: view %q, %q, residents %v", sc.view, d.r.Number, d.residents)
	}
	id := d.r.ID

	// A second, similar issue is pointed out as a likely duplicate.
	sc.showList()
	test.Tap(sc.newBtn)
	f = sc.form
	f.category.SetSelected("环境卫生")
	test.Type(f.address, "鹿苑小区东门")
	if len(f.dups) != 1 || f.dups[0].Number != "WT-2026-0001" {
		t.Fatalf("likely duplicates: %v", f.dups)
	}
	if !strings.Contains(test.RenderToMarkup(s.Window.Canvas()), "可能重复：") {
		t.Error("the side note does not say 可能重复")
	}
	test.Tap(f.dupButtons[0])
	f.source.SetSelected("12345热线")
	test.Type(f.description, "东门垃圾没人清")
	f.unit.SetSelected("社区居委会")
	s.shell.bindKeys(s.Window.Canvas())
	f.description.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if s.shell.notice.Text != "已保存 WT-2026-0002" || sc.detail.dupNumber != "WT-2026-0001" {
		t.Fatalf("Ctrl+S on a linked duplicate: notice %q, linked to %q (%s)", s.shell.notice.Text, sc.detail.dupNumber, f.reason.Text)
	}
	sc.detail.onBack()
	sc.OnNew()
	test.Type(sc.form.description, "写了一半")
	sc.form.description.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.dialog == nil || sc.view != "form" {
		t.Fatal("Esc on a typed form must ask first")
	}
	s.CloseDialog()
	sc.form.dirty = false
	sc.OnEscape()

	if d.buttons["审核通过"] != nil || d.buttons["作废"] != nil {
		t.Error("a clerk is offered 审核通过 or 作废")
	}
	sc.showDetail(id)
	// By keyboard: Enter with nothing focused in the dialog presses 开始整改.
	tapAction(t, d, "开始整改")
	s.Window.Canvas().Unfocus()
	press(s.Window.Canvas(), fyne.KeyReturn)
	if d.r.Status != data.IssueInProgress {
		t.Fatalf("status %s after 开始整改", d.r.Status)
	}

	// 编辑 while 整改中: the deadline moves only by an extension.
	tapAction(t, d, "编辑")
	f = sc.form
	if sc.view != "form" || f.orig.ID != id || !f.workdays.Disabled() || !f.deadlineNote.Visible() {
		t.Fatalf("编辑: view %q, deadline locked %v", sc.view, f.workdays.Disabled())
	}
	if len(f.residents) != 1 || f.residents[0].Name != "张菊花" {
		t.Errorf("the form lost the linked resident: %v", f.residents)
	}
	test.Type(f.person, "刘主任")
	test.Tap(f.save)
	if sc.view != "detail" || d.r.ResponsiblePerson != "刘主任" || d.r.Deadline != data.MustDate(2026, 3, 10) {
		t.Fatalf("after 编辑: view %q, person %q, deadline %s (%s)", sc.view, d.r.ResponsiblePerson, d.r.Deadline, f.reason.Text)
	}

	// 申请延期 by the clerk: 5 more working days.
	a := tapAction(t, d, "申请延期")
	if got := s.Window.Canvas().Focused(); got != a.text {
		t.Errorf("the 申请延期 dialog opens with %T focused, want its 理由", got)
	}
	if a.text.AcceptsTab() {
		t.Error("Tab in a multi-line box types a tab instead of moving on")
	}
	a.workdays.SetText("")
	test.Type(a.workdays, "5")
	if !a.confirm.Disabled() || a.msg.Text != "请填写延期理由" {
		t.Errorf("without a reason: %q", a.msg.Text)
	}
	test.Type(a.text, "需协调环卫所增设垃圾桶")
	if got := a.computed.Text; got != "延至 2026-03-17（星期二）" {
		t.Errorf("computed %q", got)
	}
	confirmAction(t, a)
	if d.r.PendingDeadline != data.MustDate(2026, 3, 17) || !strings.Contains(d.note.Text, "延期申请等待审核") {
		t.Errorf("pending %s, note %q", d.r.PendingDeadline, d.note.Text)
	}
	if d.buttons["申请延期"] != nil || d.buttons["批准延期"] != nil {
		t.Error("the clerk may not ask twice nor approve")
	}

	// 批准延期 by the reviewer.
	switchUser(t, s, "shenhe")
	openIssue(s, id, "")
	sc = s.shell.Screen(ScreenIssues).(*issuesScreen)
	d = sc.detail
	confirmAction(t, tapAction(t, d, "批准延期"))
	if d.r.Deadline != data.MustDate(2026, 3, 17) {
		t.Errorf("deadline %s after 批准延期", d.r.Deadline)
	}
	found := false
	for _, e := range d.history {
		if e.Action == data.IssueApproveExtension && e.OldDeadline == data.MustDate(2026, 3, 10) && e.NewDeadline == data.MustDate(2026, 3, 17) {
			found = true
		}
	}
	if !found {
		t.Error("the history does not keep both deadlines")
	}

	// The clock passes the deadline: the dashboard shows it overdue.
	db.Now = func() time.Time { return time.Date(2026, 3, 18, 2, 0, 0, 0, time.UTC) }
	dash := dashboardOf(t, s)
	if got := dash.cardNumber("issues_overdue"); got != "1" {
		t.Errorf("逾期 card %q, want 1", got)
	}
	if got := dash.cardNumber("certification_due"); got == "—" || got == "" {
		t.Errorf("本季度待认证 card shows %q, want a count", got)
	}
	if got := s.shell.nav[ScreenIssues].Text; got != "问题台账  1" {
		t.Errorf("nav badge %q", got)
	}
	test.Tap(dash.tiles[0])
	rect := s.shell.Screen(ScreenRectification).(*rectificationScreen)
	if s.shell.current != ScreenRectification || rect.queue != queueOverdue || rect.list.total.Text != "共 1 条" ||
		!strings.HasSuffix(rect.list.cellText(0, issueColStatus), " 逾期") {
		t.Errorf("逾期 card leads to %s queue %d, %q", s.shell.current, rect.queue, rect.list.total.Text)
	}

	// The clerk asks for close-out with a photo as evidence.
	switchUser(t, s, "chuangkou")
	openIssue(s, id, "")
	d = s.shell.Screen(ScreenIssues).(*issuesScreen).detail
	a = tapAction(t, d, "申请销号")
	test.Type(a.text, "已增设垃圾桶 2 个，清理散落垃圾")
	if !a.confirm.Disabled() || a.msg.Text != "请添加整改佐证材料（照片或文件）" {
		t.Errorf("without evidence: %q", a.msg.Text)
	}
	if err := a.files.AddPath(writePNG(t, t.TempDir(), "整改后.png")); err != nil {
		t.Fatal(err)
	}
	confirmAction(t, a)
	if d.r.Status != data.IssuePendingReview || len(d.atts) != 1 {
		t.Fatalf("after 申请销号: %s, %d files", d.r.Status, len(d.atts))
	}
	if d.buttons["审核通过"] != nil || d.buttons["退回"] != nil {
		t.Error("the clerk sees 审核通过 or 退回")
	}

	// The reviewer sends it back with a reason.
	switchUser(t, s, "shenhe")
	openIssue(s, id, "")
	d = s.shell.Screen(ScreenIssues).(*issuesScreen).detail
	a = tapAction(t, d, "退回")
	if !a.confirm.Disabled() {
		t.Error("退回 without a reason")
	}
	test.Type(a.text, "照片看不出整改后的情况，请补充")
	confirmAction(t, a)
	if d.r.Status != data.IssueInProgress {
		t.Fatalf("after 退回: %s", d.r.Status)
	}
	last := d.history[len(d.history)-1]
	if last.Action != data.IssueRejectCloseOut || last.Note != "照片看不出整改后的情况，请补充" {
		t.Errorf("history ends with %s %q", last.Action, last.Note)
	}

	// The clerk asks again (the photo is already there); the reviewer approves.
	switchUser(t, s, "chuangkou")
	openIssue(s, id, "")
	d = s.shell.Screen(ScreenIssues).(*issuesScreen).detail
	a = tapAction(t, d, "申请销号")
	test.Type(a.text, "补拍照片，垃圾桶已就位")
	confirmAction(t, a)
	switchUser(t, s, "shenhe")
	openIssue(s, id, "")
	d = s.shell.Screen(ScreenIssues).(*issuesScreen).detail
	confirmAction(t, tapAction(t, d, "审核通过"))
	if d.r.Status != data.IssueClosed || d.r.ClosedOn != data.MustDate(2026, 3, 18) {
		t.Fatalf("after 审核通过: %s on %s", d.r.Status, d.r.ClosedOn)
	}
	dash = dashboardOf(t, s)
	if dash.cardNumber("issues_overdue") != "0" || dash.cardNumber("issues_follow_up") != "1" {
		t.Errorf("cards after close-out: 逾期 %q, 待回访 %q", dash.cardNumber("issues_overdue"), dash.cardNumber("issues_follow_up"))
	}
	if got := dash.figures["整改率"].Text; got != "50.0%" { // 1 of the 2 found this quarter
		t.Errorf("整改率 %q", got)
	}

	// An unsatisfied visit reopens it.
	switchUser(t, s, "chuangkou")
	openIssue(s, id, "")
	d = s.shell.Screen(ScreenIssues).(*issuesScreen).detail
	a = tapAction(t, d, "回访")
	a.satisfaction.SetSelected("不满意")
	if !a.warn.Visible() || !strings.Contains(a.warn.Text, "退回“整改中”") {
		t.Errorf("不满意 warning %q", a.warn.Text)
	}
	if !a.confirm.Disabled() {
		t.Error("不满意 without remarks")
	}
	test.Type(a.text, "垃圾桶位置挡住消防通道")
	confirmAction(t, a)
	if d.r.Status != data.IssueInProgress {
		t.Fatalf("after an unsatisfied visit: %s", d.r.Status)
	}
	if !strings.Contains(test.RenderToMarkup(s.Window.Canvas()), "不满意原因：垃圾桶位置挡住消防通道") {
		t.Error("the timeline does not show the reason")
	}
	s.shell.Show(ScreenRectification)
	rect = s.shell.Screen(ScreenRectification).(*rectificationScreen)
	rect.showQueue(queueInProgress)
	if rect.list.total.Text != "共 1 条" || rect.list.cellText(0, 1) != "WT-2026-0001" {
		t.Errorf("整改中 queue: %q", rect.list.total.Text)
	}
}

func TestOnSpotAndCalendarSettings(t *testing.T) {
	s, db := loggedInShell(t)
	sc := issuesOf(t, s)
	test.Tap(sc.spotBtn)
	f := sc.form
	if !f.onSpot || f.tier.Selected != "简易" || !f.tier.Disabled() {
		t.Fatal("当场处置 must be a 简易 issue")
	}
	f.source.SetSelected("日常巡查")
	f.category.SetSelected("政务服务/办事指引")
	test.Type(f.description, "大厅缺少高龄津贴办事指引")
	if !f.save.Disabled() || !strings.Contains(f.reason.Text, "请填写整改结果") {
		t.Errorf("without a result: %q", f.reason.Text)
	}
	test.Type(f.result, "当场张贴办事指引")
	test.Tap(f.save)
	if sc.detail == nil || sc.detail.r.Status != data.IssueClosed || s.shell.notice.Text != "已保存 WT-2026-0001" {
		t.Fatalf("当场处置: notice %q, reason %q", s.shell.notice.Text, f.reason.Text)
	}

	// 作废 by the administrator, with a reason; the ledger then leaves it out.
	d := sc.detail
	a := tapAction(t, d, "作废")
	if !a.confirm.Disabled() {
		t.Error("作废 without a reason")
	}
	test.Type(a.text, "与其他问题重复登记")
	confirmAction(t, a)
	if d.r.Status != data.IssueVoided || !strings.Contains(d.note.Text, "此问题已作废：与其他问题重复登记") || len(d.buttons) != 0 {
		t.Errorf("after 作废: %s, %q, buttons %d", d.r.Status, d.note.Text, len(d.buttons))
	}
	d.onBack()
	if sc.list.total.Text != "共 0 条" {
		t.Errorf("the ledger still counts a voided issue: %q", sc.list.total.Text)
	}
	sc.status.SetSelected("作废")
	test.Tap(sc.searchBtn)
	if sc.list.total.Text != "共 1 条" || sc.list.cellText(0, issueColStatus) != "作废" {
		t.Errorf("作废 filter: %q", sc.list.total.Text)
	}

	s.shell.Show(ScreenSettings)
	st := s.shell.Screen(ScreenSettings).(*settingsScreen)
	cal := st.issues.calendar
	if len(cal.entries) == 0 || !strings.Contains(cal.note.Text, "放假") {
		t.Fatalf("2026 calendar: %d entries, %q", len(cal.entries), cal.note.Text)
	}
	cal.year.SetSelected("2028年")
	if len(cal.entries) != 0 || !strings.Contains(cal.note.Text, "尚未录入") {
		t.Errorf("2028: %q", cal.note.Text)
	}
	cal.date.SetText("2028.1.1")
	test.Type(cal.name, "元旦")
	test.Tap(cal.add)
	if len(cal.entries) != 1 || cal.entries[0].Name != "元旦" {
		t.Errorf("after adding: %v (%q)", cal.entries, cal.msg.Text)
	}
	units := st.issues.catalogs[2]
	test.Type(units.value, "区城管局")
	test.Tap(units.add)
	vs, _ := db.CatalogValues(s.Ctx(), data.CatalogResponsibleUnits)
	if indexOf(vs, "区城管局") < 0 {
		t.Errorf("units %v (%q)", vs, units.msg.Text)
	}
}

// TestScreenshotsWithIssues renders the screens over a small demo office, so the issue
// screens are looked at with data in every state (TAIZHANG_SHOTS=dir keeps the pictures).
func TestScreenshotsWithIssues(t *testing.T) {
	db := openEmptyDB(t)
	db.Now = func() time.Time { return testNow }
	if err := demo.Build(context.Background(), db, demo.Size{Residents: 300, Issues: 150, Services: 0, Documents: 0}, 7, nil); err != nil {
		t.Skipf("demo office: %v", err)
	}
	admin, err := db.Login(context.Background(), demo.Staff[0].Username, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("TAIZHANG_SHOTS")
	if out == "" {
		out = t.TempDir()
	}
	test.NewTempApp(t)
	if err := Screenshots(db, admin, out, ScreenshotSize); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"02-dashboard.png", "12-issues.png", "13-issue-detail.png", "14-issue-form.png",
		"15-batch-entry.png", "16-rectification.png"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil || st.Size() < 10000 {
			t.Errorf("%s: missing or blank (%v)", f, err)
		}
	}
}

func TestIssueLedgerPaging(t *testing.T) {
	s, db := loggedInShell(t)
	cats := data.DefaultIssueCategories
	var bulk []data.BulkIssue
	for i := 0; i < 1234; i++ {
		found := data.MustDate(2026, 1, 1).AddDays(i % 60)
		bulk = append(bulk, data.BulkIssue{
			Issue: data.Issue{FoundOn: found, Source: "日常巡查", Category: cats[i%len(cats)],
				Description: fmt.Sprintf("巡查发现的第 %d 个问题", i+1), Tier: data.TierGeneral,
				ResponsibleUnit: "社区居委会", Deadline: found.AddDays(10)},
			Events: []data.BulkEvent{{Date: found, Action: data.IssueRecord, By: *s.User}},
		})
	}
	if _, err := db.BulkIssues(s.Ctx(), bulk); err != nil {
		t.Fatal(err)
	}
	sc := issuesOf(t, s)
	l := sc.list
	bg := runInBackground(t, s)
	if l.total.Text != "共 1,234 条" || l.page.Text != "第 1 / 25 页" || len(l.rows) != 50 || !l.prev.Disabled() {
		t.Fatalf("first page: %q %q, %d rows", l.total.Text, l.page.Text, len(l.rows))
	}
	test.Tap(l.next)
	bg.finishAll()
	if l.cellText(0, 0) != "51" || l.page.Text != "第 2 / 25 页" {
		t.Errorf("second page: 序号 %q, %q", l.cellText(0, 0), l.page.Text)
	}
	l.pageSize.SetSelected("100 条/页")
	bg.finishAll()
	if len(l.rows) != 100 || l.page.Text != "第 1 / 13 页" {
		t.Errorf("100 a page: %d rows, %q", len(l.rows), l.page.Text)
	}
	test.Tap(sc.moreBtn)
	sc.category.SetSelected("安全隐患")
	test.Tap(sc.searchBtn)
	bg.finishAll()
	if l.total.Text != "共 177 条" || l.cellText(0, 4) != "安全隐患" {
		t.Errorf("安全隐患: %q, %q", l.total.Text, l.cellText(0, 4))
	}
	// Found 60 days from 1 January with 10 days each: by 5 March, all but the last
	// ones are overdue.
	sc.deadline.SetSelected("逾期")
	test.Tap(sc.searchBtn)
	bg.finishAll()
	if l.count == 0 || l.cellText(0, issueColStatus) != "待整改 逾期" {
		t.Errorf("逾期: %q, status %q", l.total.Text, l.cellText(0, issueColStatus))
	}
	sc.from.SetText("2026-02-30")
	test.Tap(sc.searchBtn)
	bg.finishAll()
	if !sc.filterNote.Visible() || sc.from.Message() == "" {
		t.Error("a wrong date in the filter bar is not pointed out")
	}
}

// Saving an empty form shows each field's problem under it at once, not only the first.
func TestIssueFormShowsEveryProblemAtOnce(t *testing.T) {
	db, admin := newTestDB(t)
	addStaff(t, db, admin, "chuangkou", "王芳", data.RoleClerk)
	s, _ := startApp(t, db)
	logIn(t, s, "chuangkou", staffPassword)
	sc := issuesOf(t, s)
	test.Tap(sc.newBtn)
	f := sc.form
	if f == nil {
		t.Fatal("新增 did not open the form")
	}
	if f.msgs["source"].Visible() || f.msgs["category"].Visible() {
		t.Errorf("untouched fields show messages: %q, %q", f.msgs["source"].Text, f.msgs["category"].Text)
	}
	f.onSave() // Ctrl+S on the empty form
	for field, want := range map[string]string{"source": "请填写问题来源", "category": "请填写问题类别", "description": "请填写问题描述"} {
		if m := f.msgs[field]; !m.Visible() || m.Text != want {
			t.Errorf("%s: message %q (visible %v), want %q", field, m.Text, m.Visible(), want)
		}
	}
	if !f.save.Disabled() || f.reason.Text != "暂不能保存：请填写问题来源" {
		t.Errorf("save disabled %v, reason %q", f.save.Disabled(), f.reason.Text)
	}
}
