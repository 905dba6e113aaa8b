package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"taizhang/data"
)

// press sends a key the way the window does: to the focused widget, or to the window's
// own key handler when nothing has the focus.
func press(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// tabTo presses Tab until want has the focus; false when a whole round never reaches it.
func tabTo(c fyne.Canvas, want fyne.Focusable) bool {
	for range 200 {
		if c.Focused() == want {
			return true
		}
		test.FocusNext(c)
	}
	return c.Focused() == want
}

func TestListByKeyboard(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	names := []string{"张菊花", "李桂兰", "王秀英"}
	for i, n := range names {
		addResident(t, db, s.User, n, time.Date(1940+i, 3, 5, 0, 0, 0, 0, time.UTC), 100+i, cs[0].ID)
	}
	r := residentsOf(t, s)
	c := s.Window.Canvas()
	if len(r.rows) != 3 {
		t.Fatalf("listed %d residents, want 3", len(r.rows))
	}

	c.Focus(r.query)
	if !tabTo(c, r.table) {
		t.Fatal("Tab never reaches the residents table")
	}
	if r.table.selected != 0 {
		t.Errorf("focus arriving selected row %d, want the first", r.table.selected)
	}
	press(c, fyne.KeyDown)
	press(c, fyne.KeyDown)
	press(c, fyne.KeyDown) // past the last row: stays there
	if r.table.selected != 2 {
		t.Fatalf("after Down ×3 row %d is selected, want 2", r.table.selected)
	}
	press(c, fyne.KeyUp)
	want := r.rows[1]
	// What the narrow columns cut off reads in full under the table.
	if !strings.Contains(r.full.Text, want.Name) || !strings.Contains(r.full.Text, "住址："+want.Address) {
		t.Errorf("under the table: %q, want row 2 in full", r.full.Text)
	}
	press(c, fyne.KeyReturn)
	if r.view != "detail" || r.detail == nil || r.detail.id != want.ID {
		t.Fatalf("Enter on row 2: view %q, want the page of %s", r.view, want.Name)
	}
	press(c, fyne.KeyEscape)
	if r.view != "list" {
		t.Fatalf("Esc on the resident's page: view %q, want list", r.view)
	}

	// A double click opens the row under the pointer.
	first := r.rows[0]
	test.DoubleTap(r.table) // in the middle of the table: on no row at all
	if r.view != "list" {
		t.Errorf("double click off the rows opened %q", r.view)
	}
	r.table.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(80, 60)})
	if r.view != "detail" || r.detail.id != first.ID {
		t.Errorf("double click on the first row: view %q, want the page of %s", r.view, first.Name)
	}
}

func TestEnterPressesAndDownGoesIntoResults(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, s.User, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	addResident(t, db, s.User, "张建国", time.Date(1950, 6, 1, 0, 0, 0, 0, time.UTC), 124, cs[0].ID)
	r := residentsOf(t, s)
	c := s.Window.Canvas()

	t.Run("Enter presses the focused button", func(t *testing.T) {
		if !tabTo(c, r.newBtn) {
			t.Fatal("Tab never reaches 新增")
		}
		press(c, fyne.KeyReturn)
		if r.view != "form" {
			t.Fatalf("Enter on 新增: view %q, want form", r.view)
		}
		press(c, fyne.KeyEscape) // an untouched form closes at once
		if r.view != "list" {
			t.Fatalf("Esc on the untouched form: view %q, want list", r.view)
		}
	})

	t.Run("Down from the global search, Enter opens the resident", func(t *testing.T) {
		sh := s.shell
		c.Focus(sh.search)
		test.Type(sh.search, "张")
		press(c, fyne.KeyReturn)
		if len(sh.searchHits) != 2 {
			t.Fatalf("search 张 listed %d, want 2", len(sh.searchHits))
		}
		press(c, fyne.KeyDown)
		if c.Focused() != sh.searchHits[0] {
			t.Fatalf("Down from the search box focused %T, want the first result", c.Focused())
		}
		press(c, fyne.KeyDown)
		if c.Focused() != sh.searchHits[1] {
			t.Fatalf("Down in the results focused %T, want the second result", c.Focused())
		}
		press(c, fyne.KeyUp)
		if c.Focused() != sh.searchHits[0] {
			t.Fatal("Up did not go back to the first result")
		}
		hit := sh.searchHits[0].Text
		press(c, fyne.KeyReturn)
		if r.view != "detail" {
			t.Fatalf("Enter on %q: view %q, want the resident's page", hit, r.view)
		}
		if want := r.detail.r.Name; !strings.HasPrefix(hit, want) {
			t.Errorf("Enter on %q opened %s", hit, want)
		}
		press(c, fyne.KeyEscape)
		if r.view != "list" {
			t.Errorf("Esc: view %q, want list", r.view)
		}
	})

	t.Run("Enter presses a dialog's default button", func(t *testing.T) {
		confirmed := 0
		s.Confirm("作废", "确定作废吗？", "作废", "取消", func() { confirmed++ })
		c.Unfocus()
		press(c, fyne.KeyReturn)
		if confirmed != 1 || s.dialog != nil {
			t.Errorf("Enter on the dialog: confirmed %d times, dialog still open %v", confirmed, s.dialog != nil)
		}
		s.Confirm("作废", "确定作废吗？", "作废", "取消", func() { confirmed++ })
		press(c, fyne.KeyEscape)
		if confirmed != 1 || s.dialog != nil {
			t.Errorf("Esc on the dialog: confirmed %d times, dialog still open %v", confirmed, s.dialog != nil)
		}
	})
	_ = zhang
}

// TestBatchTypingReplacesCarriedValues types a second row over the first one's 地点 and 时限:
// the carried-over values are selected when the cursor arrives, so typing replaces them.
func TestBatchTypingReplacesCarriedValues(t *testing.T) {
	s, db := loggedInShell(t)
	c := s.Window.Canvas()
	sc := issuesOf(t, s)
	test.Tap(sc.batchBtn)
	b := sc.batch
	row := func(desc string, fields ...string) {
		t.Helper()
		for _, v := range fields {
			if v != "" {
				typeHere(t, c, v)
			}
			press(c, fyne.KeyReturn)
		}
		if b.msg.Visible() {
			t.Fatalf("row %q not saved: %s", desc, b.msg.Text)
		}
	}
	c.Focus(b.category)
	row("楼道堆放杂物", "1", "楼道堆放杂物", "3号楼", "居委", "")
	if c.Focused() != b.description {
		t.Fatal("after a saved row the cursor is not in 问题描述")
	}
	// 地点 and 时限 are typed over, 类别 and 单位 kept.
	row("单元门禁损坏", "单元门禁损坏", "5号楼", "", "3")
	got, _, err := db.ListIssues(context.Background(), data.IssueFilter{Limit: 10})
	if err != nil || len(got) != 2 {
		t.Fatalf("listed %d issues (%v), want 2", len(got), err)
	}
	byDesc := map[string]data.IssueRow{}
	for _, r := range got {
		byDesc[r.Description] = r
	}
	first, second := byDesc["楼道堆放杂物"], byDesc["单元门禁损坏"]
	if first.Address != "3号楼" || second.Address != "5号楼" {
		t.Errorf("地点 saved %q and %q, want 3号楼 and 5号楼", first.Address, second.Address)
	}
	if second.Category != first.Category || second.ResponsibleUnit != first.ResponsibleUnit {
		t.Errorf("carried 类别/单位: %q/%q after %q/%q", second.Category, second.ResponsibleUnit,
			first.Category, first.ResponsibleUnit)
	}
	if first.DeadlineWorkdays != 10 || second.DeadlineWorkdays != 3 {
		t.Errorf("时限 saved %d and %d working days, want 10 and 3 (typed over, not added to)",
			first.DeadlineWorkdays, second.DeadlineWorkdays)
	}
}

// TestMessagesDoNotMoveTheForm types a wrong ID number: its message shows under the field and
// nothing below it moves.
func TestMessagesDoNotMoveTheForm(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	r.OnNew()
	f := r.form
	d := fyne.CurrentApp().Driver()
	before := d.AbsolutePositionForObject(f.phone)
	test.Type(f.idNumber, "1402021944030512")
	test.Type(f.idNumber, "0")
	if msg := f.msgs["id_number"]; !msg.Visible() || msg.Text == "" {
		t.Fatal("a wrong ID number shows no message")
	}
	if after := d.AbsolutePositionForObject(f.phone); after != before {
		t.Errorf("电话 moved from %v to %v when the message appeared", before, after)
	}
}

// TestDateNotFlaggedWhileTyping types a service date digit by digit: nothing is flagged
// until the cursor leaves the field, and then one message shows.
func TestDateNotFlaggedWhileTyping(t *testing.T) {
	s, _ := loggedInShell(t)
	sc := servicesOf(t, s)
	sc.OnNew()
	f := sc.form
	c := s.Window.Canvas()
	f.date.SetText("")
	c.Focus(f.date.entry)
	typeHere(t, c, "2026-")
	if f.date.msg.Visible() {
		t.Errorf("“2026-” flagged while typing: %q", f.date.msg.Text)
	}
	c.Focus(f.content)
	if !f.date.msg.Visible() || f.date.msg.Text == "" {
		t.Fatal("a half-typed date is not flagged once the cursor leaves it")
	}
	if f.msgs["date"] != f.date.msg {
		t.Error("the form keeps a second message for the date")
	}
	c.Focus(f.date.entry)
	typeHere(t, c, "3-4")
	if f.date.msg.Visible() {
		t.Errorf("a good date still flagged: %q", f.date.msg.Text)
	}
}

// TestSavedBannerDoesNotPushTheScreen shows 已保存 and finds the screen where it was.
func TestSavedBannerDoesNotPushTheScreen(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	d := fyne.CurrentApp().Driver()
	before := d.AbsolutePositionForObject(r.query)
	s.Notify("已保存 张菊花")
	if !s.shell.noticeBar.Visible() {
		t.Fatal("the banner does not show")
	}
	if after := d.AbsolutePositionForObject(r.query); after != before {
		t.Errorf("the screen moved from %v to %v under the banner", before, after)
	}
}

// TestNoEnglishPlaceholders opens each new-record form and finds no Fyne English on it.
func TestNoEnglishPlaceholders(t *testing.T) {
	s, _ := loggedInShell(t)
	c := s.Window.Canvas()
	for _, open := range []struct {
		name string
		fn   func()
	}{
		{"居民档案", func() { residentsOf(t, s).OnNew() }},
		{"问题台账", func() { issuesOf(t, s).OnNew() }},
		{"上门服务", func() { servicesOf(t, s).OnNew() }},
		{"行政文书", func() { documentsOf(t, s, nil).OnNew() }},
	} {
		open.fn()
		if shown := test.RenderToMarkup(c); strings.Contains(shown, "(Select one)") {
			t.Errorf("%s: the new form shows “(Select one)”", open.name)
		}
		s.shell.Current().(Closer).OnEscape()
	}
}

// TestTimelineSaysBulkImportInChinese imports residents in bulk and reads the first one's
// timeline: 批量导入档案, not the audit log's bulk_create.
func TestTimelineSaysBulkImportInChinese(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	rs := []data.Resident{
		{Name: "张菊花", IDNumber: data.MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123), CommunityID: cs[0].ID},
		{Name: "李桂兰", IDNumber: data.MakeIDNumber("140202", time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC), 124), CommunityID: cs[0].ID},
	}
	ids, err := db.BulkResidents(data.NewContextWithUser(context.Background(), s.User), rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := residentsOf(t, s)
	r.showDetail(ids[0])
	shown := test.RenderToMarkup(s.Window.Canvas())
	if strings.Contains(shown, "bulk_create") || !strings.Contains(shown, "批量导入档案") {
		t.Errorf("the timeline does not say 批量导入档案 (bulk_create shown: %v)", strings.Contains(shown, "bulk_create"))
	}
}

// TestChineseDatePicker picks a date from the calendar and closes it with Esc without
// leaving the form.
func TestChineseDatePicker(t *testing.T) {
	s, _ := loggedInShell(t)
	sc := servicesOf(t, s)
	sc.OnNew()
	f := sc.form
	c := s.Window.Canvas()
	f.date.SetText("2026-11-20")
	test.Tap(f.date.pick)
	cal := f.date.cal
	if cal == nil || !f.date.pop.Visible() {
		t.Fatal("the calendar did not open")
	}
	if cal.title.Text != "2026年11月" {
		t.Errorf("calendar title %q, want 2026年11月", cal.title.Text)
	}
	if shown := test.RenderToMarkup(c); strings.Contains(shown, "November") {
		t.Error("the calendar names the month in English")
	}
	// 2026-11-01 is a Sunday: six blanks before it, Monday first.
	var day4 *button
	for _, o := range cal.days.Objects {
		if b, ok := o.(*button); ok && b.Text == "4" {
			day4 = b
		}
	}
	if day4 == nil || cal.days.Objects[6].(*button).Text != "1" {
		t.Fatal("the month does not start on its weekday (Sunday, 7th place)")
	}
	c.Focus(day4)
	press(c, fyne.KeyReturn)
	if f.date.Text() != "2026-11-04" || f.date.pop.Visible() {
		t.Errorf("Enter on 4: date %q, calendar open %v", f.date.Text(), f.date.pop.Visible())
	}

	test.Tap(f.date.pick)
	c.Unfocus()
	press(c, fyne.KeyEscape)
	if f.date.pop.Visible() {
		t.Error("Esc did not close the calendar")
	}
	if sc.view != "form" || s.dialog != nil {
		t.Errorf("Esc with the calendar open left the form (view %q) or asked (dialog %v)", sc.view, s.dialog != nil)
	}
}

// TestChineseFileDialogs chooses a file to open and a place to save in the Chinese browser,
// by keyboard: Enter presses 选择 / 保存, and an existing file is replaced only when confirmed.
func TestChineseFileDialogs(t *testing.T) {
	s, _ := loggedInShell(t)
	c := s.Window.Canvas()
	dir := t.TempDir()
	for _, n := range []string{"仿宋.ttf", "说明.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var opened string
	b := openFileDialog(s, "选择字体文件", "选择", []string{".ttf"}, dir, func(p string) { opened = p })
	if len(b.items) != 1 || b.items[0].name != "仿宋.ttf" {
		t.Fatalf("the browser lists %+v, want only 仿宋.ttf", b.items)
	}
	c.Unfocus()
	press(c, fyne.KeyReturn) // nothing chosen yet: stays open
	if s.dialog == nil {
		t.Fatal("Enter with no file chosen closed the dialog")
	}
	b.list.Select(0)
	press(c, fyne.KeyReturn)
	if want := filepath.Join(dir, "仿宋.ttf"); opened != want || s.dialog != nil {
		t.Errorf("opened %q (dialog open %v), want %q", opened, s.dialog != nil, want)
	}

	var saved []string
	saveFileDialog(s, "保存 PDF", ".pdf", dir, "决定书", func(p string) { saved = append(saved, p) })
	press(c, fyne.KeyReturn)
	want := filepath.Join(dir, "决定书.pdf")
	if len(saved) != 1 || saved[0] != want {
		t.Fatalf("saved to %v, want %s", saved, want)
	}
	if err := os.WriteFile(want, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	saveFileDialog(s, "保存 PDF", ".pdf", dir, "决定书.pdf", func(p string) { saved = append(saved, p) })
	press(c, fyne.KeyReturn)
	if len(saved) != 1 || s.dialog == nil {
		t.Fatalf("an existing file was replaced without asking (saved %v)", saved)
	}
	press(c, fyne.KeyReturn) // 替换
	if len(saved) != 2 || saved[1] != want {
		t.Errorf("after 替换 saved %v", saved)
	}
}

// TestRailReturnsToTheList clicks 居民档案 in the rail with a resident's page open, from
// another screen and from the same one: the list shows, not the last record.
func TestRailReturnsToTheList(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, s.User, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	r := residentsOf(t, s)
	r.showDetail(zhang.ID)
	s.shell.Show(ScreenIssues)
	test.Tap(s.shell.nav[ScreenResidents])
	if s.shell.current != ScreenResidents || r.view != "list" {
		t.Errorf("rail from another screen: %s view %q, want the residents list", s.shell.current, r.view)
	}
	r.showDetail(zhang.ID)
	test.Tap(s.shell.nav[ScreenResidents])
	if r.view != "list" {
		t.Errorf("rail on the same screen: view %q, want list", r.view)
	}
}

// TestCtrlEExports presses Ctrl+E on the issue ledger: the export dialog opens; on an open
// record it does not.
func TestCtrlEExports(t *testing.T) {
	s, _ := loggedInShell(t)
	c := s.Window.Canvas()
	sc := issuesOf(t, s)
	ctrlE := func() {
		c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault})
	}
	sc.OnNew()
	ctrlE()
	if s.dialog != nil {
		t.Error("Ctrl+E on the new-issue form opened a dialog")
	}
	sc.OnEscape()
	ctrlE()
	if s.dialog == nil {
		t.Fatal("Ctrl+E on the ledger did not open 导出")
	}
}

// TestFocusShows checks the focus colour over the two backgrounds it failed on: a white
// dashboard card (where it hid the number) and a blue primary button (where it vanished).
func TestFocusShows(t *testing.T) {
	th := NewTheme()
	focus := th.Color(theme.ColorNameFocus, theme.VariantLight)
	for _, bg := range []color.Color{colorSurface, colorAccent} {
		got := blendOver(bg, focus)
		if d := colorDistance(got, bg); d < 40 {
			t.Errorf("focus over %v gives %v: too close to the background (%.0f)", bg, got, d)
		}
	}
	// The card's number (accent) stays readable on a focused white card.
	if d := colorDistance(blendOver(colorSurface, focus), colorAccent); d < 80 {
		t.Errorf("a focused card's number is too close to its background (%.0f)", d)
	}
}

// blendOver paints c (with its alpha) over an opaque bg.
func blendOver(bg, c color.Color) color.NRGBA {
	br, bgc, bb, _ := bg.RGBA()
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(b uint32, v uint8) uint8 { return uint8(float64(b>>8)*(1-a) + float64(v)*a) }
	return color.NRGBA{R: mix(br, n.R), G: mix(bgc, n.G), B: mix(bb, n.B), A: 0xFF}
}

func colorDistance(a, b color.Color) float64 {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) float64 { v := float64(x>>8) - float64(y>>8); return v * v }
	return math.Sqrt(d(ar, br) + d(ag, bg) + d(ab, bb))
}

// TestTimesInTheOfficeZone opens a resident created at 09:30 UTC: the page says 17:30, the
// office's (Beijing) time, in 建档时间 and the timeline alike, whatever zone the machine has.
func TestTimesInTheOfficeZone(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, s.User, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	r := residentsOf(t, s)
	r.showDetail(zhang.ID)
	shown := test.RenderToMarkup(s.Window.Canvas())
	if n := strings.Count(shown, "2026-03-05 17:30"); n < 2 {
		t.Errorf("17:30 shown %d times, want in 建档时间 and the timeline (09:30 shown: %v)",
			n, strings.Contains(shown, "09:30"))
	}
}

// TestDuplicateIDOffersTheRecord types an ID number already on file: the form says so and
// offers the resident on file, which opens after 放弃 (Enter on the question).
func TestDuplicateIDOffersTheRecord(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	zhang := addResident(t, db, s.User, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	r := residentsOf(t, s)
	r.OnNew()
	f := r.form
	test.Type(f.name, "张菊华")
	test.Type(f.idNumber, zhang.IDNumber)
	f.community.SetSelected("鹿苑社区")
	f.onSave()
	if !f.other.Visible() || !strings.Contains(f.reason.Text, "身份证号已登记") {
		t.Fatalf("a duplicate ID: reason %q, link shown %v", f.reason.Text, f.other.Visible())
	}
	c := s.Window.Canvas()
	c.Focus(f.other)
	press(c, fyne.KeyReturn) // follow the link
	c.Unfocus()
	press(c, fyne.KeyReturn) // 放弃 what was typed
	if r.view != "detail" || r.detail.id != zhang.ID {
		t.Errorf("the link opened view %q, want 张菊花's page", r.view)
	}
}

// TestWideScreenWidensEveryColumn lays the issue table out 1920 pixels wide: 问题描述 takes
// TestWideScreenWidensTheLongText lays the lists out at 1920×1080: 问题描述 (住址…) takes its
// maximum, the other long-text columns take most of the rest, short columns (序号, 编号,
// dates) little, and nothing is left blank; at 1366×768 every column keeps at least its
// width (the residents' 操作 is not cut) and the table fits without scrolling sideways.
func TestWideScreenWidensTheLongText(t *testing.T) {
	s, _ := loggedInShell(t)
	check := func(name string, fit *fitColumn, base []float32, wide bool) {
		t.Helper()
		if fit == nil || len(fit.cur) != len(base) {
			t.Fatalf("%s: not laid out", name)
		}
		total := float32(0)
		for i, w := range fit.cur {
			total += w
			if w < base[i] && i != fit.flex {
				t.Errorf("%s: column %d is %v wide, narrower than its %v", name, i, w, base[i])
			}
		}
		size := fit.table.Size()
		if room := size.Width - float32(len(base))*2 - 36; total > room+1 || (wide && total < room-1) {
			t.Errorf("%s: columns take %v of %v pixels", name, total, room)
		}
		if !wide {
			return
		}
		if fit.cur[fit.flex] != fit.max {
			t.Errorf("%s: the flexible column is %v wide, want its maximum %v", name, fit.cur[fit.flex], fit.max)
		}
		growth := func(i int) float32 { return fit.cur[i] / base[i] }
		for _, g := range fit.grow {
			if growth(g) <= growth(0)+0.1 {
				t.Errorf("%s: long-text column %d grew ×%.2f, no more than 序号 (×%.2f)", name, g, growth(g), growth(0))
			}
		}
	}
	widths := func(n int, w func(int) float32) []float32 {
		out := make([]float32, n)
		for i := range out {
			out[i] = w(i)
		}
		return out
	}
	for _, size := range []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1366, 768)} {
		s.Window.Resize(size)
		wide := size.Width > 1366
		is := issuesOf(t, s)
		check(fmt.Sprint("问题台账 ", size), is.list.fit, widths(len(issueColumns), func(i int) float32 { return issueColumns[i].width }), wide)
		r := residentsOf(t, s)
		check(fmt.Sprint("居民档案 ", size), r.fit, widths(len(residentColumns), func(i int) float32 { return residentColumns[i].width }), wide)
		sv := servicesOf(t, s)
		check(fmt.Sprint("上门服务 ", size), sv.fit, widths(len(serviceColumns), func(i int) float32 { return serviceColumns[i].width }), wide)
	}
}

// TestWrongFieldTurnsRed types a wrong ID number and leaves the box: its border turns red,
// and back once the number is right.
func TestWrongFieldTurnsRed(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	r.OnNew()
	f := r.form
	c := s.Window.Canvas()
	c.Focus(f.idNumber)
	typeHere(t, c, "140202194403051230")
	c.Focus(f.phone)
	red := func() bool { return strings.Contains(test.RenderObjectToMarkup(f.idNumber), `strokeColor="error"`) }
	if !red() {
		t.Fatal("a wrong ID number's box is not marked once the cursor leaves it")
	}
	f.idNumber.SetText("")
	test.Type(f.idNumber, data.MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123))
	if red() {
		t.Error("the box stays red after the number was put right")
	}
}

// TestLedgerFilesThroughTheChineseBrowser exports and imports through the Chinese browser
// (no Fyne file dialog with its English place names), by keyboard: Enter saves under the
// suggested name, Enter on a file in the list opens it, and the folder picker of 迎检包
// lists folders only and takes the folder shown.
func TestLedgerFilesThroughTheChineseBrowser(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", dir)
	s, db := loggedInShell(t)
	c := s.Window.Canvas()
	u, _ := db.Users(context.Background())
	addResident(t, db, &u[0], "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 22, 1)

	// 导出居民花名册: Enter saves in 文档 under the roster's title.
	x := residentsOf(t, s).roster
	x.askSave(false)
	if s.dialog == nil {
		t.Fatal("导出 showed no save dialog")
	}
	c.Unfocus()
	press(c, fyne.KeyReturn)
	roster := filepath.Join(dir, x.title0()+".xlsx")
	if b, err := os.ReadFile(roster); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("the roster was not saved as %s: %v", roster, err)
	}

	// 导入: Tab into the list, Enter on the file opens it and runs the check.
	os.WriteFile(filepath.Join(dir, "说明.pdf"), []byte("%PDF"), 0o644)
	os.Mkdir(filepath.Join(dir, "2026"), 0o755)
	x.onImport()
	var list *browseList
	for range 50 {
		if l, ok := c.Focused().(*browseList); ok {
			list = l
			break
		}
		test.FocusNext(c)
	}
	if list == nil {
		t.Fatal("Tab never reaches the browser's list")
	}
	press(c, fyne.KeyDown) // past the folder 2026 to the roster (说明.pdf is not listed)
	press(c, fyne.KeyReturn)
	if x.file != filepath.Base(roster) {
		t.Fatalf("Enter on the file opened %q, want %q", x.file, filepath.Base(roster))
	}
	s.CloseDialog()

	// 迎检包's folder picker: only folders; Enter opens one, Enter again takes it.
	var chosen string
	b := openFolderDialog(s, "选择迎检包的存放位置", "存放到这里", dir, func(d string) { chosen = d })
	if len(b.items) != 1 || !b.items[0].dir {
		t.Fatalf("the folder picker lists %+v, want only the folder 2026", b.items)
	}
	c.Focus(b.list)
	press(c, fyne.KeyReturn)
	if chosen != "" || b.dir != filepath.Join(dir, "2026") {
		t.Fatalf("Enter on 2026: chosen %q, showing %s", chosen, b.dir)
	}
	press(c, fyne.KeyBackspace)
	c.Focus(b.list)
	press(c, fyne.KeyReturn)
	c.Unfocus()
	press(c, fyne.KeyReturn)
	if chosen != filepath.Join(dir, "2026") {
		t.Errorf("chose %q, want the folder 2026", chosen)
	}

	// A file never written to (a failed or cancelled export) is not made at all.
	if err := newFileSink(filepath.Join(dir, "空.xlsx")).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "空.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a sink never written to left a file: %v", err)
	}
}

// TestEnterSavesFromAChoice presses Enter with a choice box or tick box of a form focused
// (the resident form's 与户主关系, the services form's 当场办结): the form saves to the
// database, as from a text box; Esc from a choice box leaves the form.
func TestEnterSavesFromAChoice(t *testing.T) {
	s, db := loggedInShell(t)
	c := s.Window.Canvas()
	ctx := context.Background()
	cs, _ := db.Communities(ctx, false)
	r := residentsOf(t, s)
	r.OnNew()
	f := r.form
	c.Focus(f.name)
	test.Type(f.name, "周桂芝")
	c.Focus(f.idNumber)
	test.Type(f.idNumber, data.MakeIDNumber("140202", time.Date(1942, 4, 3, 0, 0, 0, 0, time.UTC), 18))
	f.community.SetSelected(cs[0].Name)
	c.Focus(f.relation)
	press(c, fyne.KeyReturn)
	rows, n, err := db.ListResidents(ctx, data.ResidentFilter{Query: "周桂芝"})
	if err != nil || n != 1 || rows[0].CommunityID != cs[0].ID {
		t.Fatalf("Enter on 与户主关系 saved %d residents (%v)", n, err)
	}

	sc := servicesOf(t, s)
	sc.OnNew()
	g := sc.form
	g.addResident(rows[0])
	g.typ.SetSelected(string(data.ServiceAtHome))
	g.item.SetSelected("医保报销")
	c.Focus(g.content)
	test.Type(g.content, "上门收取医保报销材料")
	g.result.SetSelected(string(data.ServiceDone))
	c.Focus(g.onTheSpot)
	c.Focused().TypedRune(' ') // Space ticks it
	press(c, fyne.KeyReturn)
	list, total, err := db.ListServices(ctx, data.ServiceFilter{})
	if err != nil || total != 1 || !list[0].OnTheSpot || list[0].Item != "医保报销" {
		t.Fatalf("Enter on 当场办结 saved %d services (%v): %+v", total, err, list)
	}

	// Esc from a choice box closes the form, as from a text box.
	r = residentsOf(t, s)
	r.OnNew()
	c.Focus(r.form.status)
	press(c, fyne.KeyEscape)
	if r.view == "form" {
		t.Error("Esc on 人员状态 left the form open")
	}
}

// TestServicesSortByNumber sorts 上门服务 by 编号 from its header, as the issue ledger sorts:
// the record entered first comes first although it was served later.
func TestServicesSortByNumber(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	res := addResident(t, db, s.User, "张菊花", time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC), 22, cs[0].ID)
	ctx := data.NewContextWithUser(context.Background(), s.User)
	for _, day := range []data.Date{data.MustDate(2026, 3, 2), data.MustDate(2026, 2, 10)} {
		svc := &data.Service{Date: day, Type: data.ServiceAtHome, Item: "医保报销", ResidentIDs: []int64{res.ID},
			Content: "上门收取材料", Result: data.ServiceDone}
		if err := db.CreateService(ctx, svc, nil); err != nil {
			t.Fatal(err)
		}
	}
	sc := servicesOf(t, s)
	sc.Refresh()
	if sc.rows[0].Number != "FW-2026-0001" {
		t.Fatalf("newest first: got %s first", sc.rows[0].Number)
	}
	sc.onSort(1)
	if sc.rows[0].Number != "FW-2026-0001" || sc.headerText(1) != "编号 ▲" {
		t.Errorf("sorted by 编号: %s first, header %q", sc.rows[0].Number, sc.headerText(1))
	}
	sc.onSort(1)
	if sc.rows[0].Number != "FW-2026-0002" || sc.headerText(1) != "编号 ▼" {
		t.Errorf("sorted by 编号 descending: %s first, header %q", sc.rows[0].Number, sc.headerText(1))
	}
}
