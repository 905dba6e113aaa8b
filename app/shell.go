package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// Screen is one page of the main window. The shell shows one at a time.
type Screen interface {
	Title() string
	Content() fyne.CanvasObject
	// Refresh reloads the screen from the store: on F5 and whenever it is shown.
	Refresh()
}

// A screen may also answer the window's keys by implementing any of these.
type (
	// Creator answers Ctrl+N (新增).
	Creator interface{ OnNew() }
	// Searcher answers Ctrl+F: focus the screen's search box.
	Searcher interface{ FocusSearch() }
	// Saver answers Ctrl+S (保存).
	Saver interface{ OnSave() }
	// Closer answers Esc: close a detail or form; false when there was nothing to close.
	Closer interface{ OnEscape() bool }
	// Exporter answers Ctrl+E (导出) on its list.
	Exporter interface{ OnExport() }
)

// Screen IDs of the navigation rail, in order.
const (
	ScreenDashboard     = "dashboard"
	ScreenIssues        = "issues"
	ScreenRectification = "rectification"
	ScreenServices      = "services"
	ScreenDocuments     = "documents"
	ScreenStats         = "stats"
	ScreenResidents     = "residents"
	ScreenSettings      = "settings"
)

// NavItem is one entry of the navigation rail.
type NavItem struct {
	ID    string
	Label string
	Icon  fyne.Resource
	// New builds the screen once per log-in.
	New func(s *Session) Screen
	// Badge, if set, returns the number that needs action (逾期, 待审核 …); run off the UI
	// goroutine.
	Badge func(s *Session) (int, error)
}

// navItems is the navigation rail, top to bottom.
var navItems = []NavItem{
	{ID: ScreenDashboard, Label: "工作台", Icon: theme.HomeIcon(),
		New: func(s *Session) Screen { return newDashboard(s) }},
	{ID: ScreenIssues, Label: "问题台账", Icon: theme.DocumentIcon(),
		New: func(s *Session) Screen { return newIssuesScreen(s) },
		Badge: func(s *Session) (int, error) {
			return countIssues(s, data.IssueFilter{Deadline: data.DeadlineOverdue})
		}},
	{ID: ScreenRectification, Label: "整改跟踪", Icon: theme.HistoryIcon(),
		New: func(s *Session) Screen { return newRectificationScreen(s) },
		Badge: func(s *Session) (int, error) {
			return countIssues(s, data.IssueFilter{Statuses: []data.IssueStatus{data.IssuePendingReview}})
		}},
	{ID: ScreenServices, Label: "上门服务", Icon: theme.MailSendIcon(),
		New: func(s *Session) Screen { return newServicesScreen(s) }},
	{ID: ScreenDocuments, Label: "行政文书", Icon: theme.FileTextIcon(),
		New:   func(s *Session) Screen { return newDocumentsScreen(s) },
		Badge: func(s *Session) (int, error) { return s.DB.AwaitingDelivery(s.Ctx()) }},
	{ID: ScreenAid, Label: "救助对象", Icon: theme.ListIcon(),
		New: func(s *Session) Screen { return newAidScreen(s) }}, // app/aid.go
	{ID: ScreenStats, Label: "统计与导出", Icon: theme.GridIcon(),
		New: func(s *Session) Screen { return newStatsScreen(s) }},
	{ID: ScreenResidents, Label: "居民档案", Icon: theme.AccountIcon(),
		New: func(s *Session) Screen { return newResidentsScreen(s) }},
	{ID: ScreenSettings, Label: "设置", Icon: theme.SettingsIcon(),
		New: func(s *Session) Screen { return newSettingsScreen(s) }},
}

// Shell is the main window: the navigation rail, the top bar and one screen at a time.
type Shell struct {
	sess    *Session
	items   []NavItem
	screens map[string]Screen
	current string

	nav        map[string]*button
	content    *fyne.Container
	office     *widget.Label
	user       *widget.Label
	search     *keyEntry
	searchHits []*button // the global search's last results, for tests
	searchPop  *widget.PopUp
	notice     *widget.Label
	noticeBar  fyne.CanvasObject
	logout     *button
	noticeSeq  int

	root fyne.CanvasObject
}

func newShell(s *Session) *Shell {
	sh := &Shell{sess: s, items: navItems, screens: map[string]Screen{}, nav: map[string]*button{}}
	s.shell = sh

	rail := container.NewVBox()
	title := canvas.NewText("台账", colorAccent)
	title.TextSize = 22
	title.TextStyle = fyne.TextStyle{Bold: true}
	rail.Add(container.NewPadded(container.NewCenter(title)))
	rail.Add(widget.NewSeparator())
	for _, it := range sh.items {
		id := it.ID
		b := newButtonWithIcon(it.Label, it.Icon, func() { sh.onRail(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		sh.nav[id] = b
		rail.Add(b)
	}
	railBg := canvas.NewRectangle(colorSurface)
	railBg.StrokeColor = colorBorder
	railBg.StrokeWidth = 1
	railBox := fixedWidth(160, container.NewStack(railBg, container.NewPadded(rail)))

	sh.office = widget.NewLabel(s.Office.Name)
	sh.office.TextStyle = fyne.TextStyle{Bold: true}
	sh.office.SizeName = theme.SizeNameSubHeadingText
	sh.search = newEntry("查找居民、问题编号或文号")
	sh.search.OnSubmitted = func(string) { sh.onSearch() }
	downInto(sh.search, func() []fyne.CanvasObject {
		if sh.searchPop == nil || !sh.searchPop.Visible() {
			return nil
		}
		hits := make([]fyne.CanvasObject, len(sh.searchHits))
		for i, b := range sh.searchHits {
			hits[i] = b
		}
		return hits
	})
	searchBtn := newButtonWithIcon("", theme.SearchIcon(), sh.onSearch)
	who := ""
	if s.User != nil {
		who = fmt.Sprintf("%s（%s）", s.User.Name, s.User.Role)
	}
	sh.user = widget.NewLabel(who)
	sh.logout = newButtonWithIcon("退出", theme.LogoutIcon(), sh.onLogout)
	top := container.NewHBox(sh.office, layout.NewSpacer(),
		fixedWidth(340, container.NewBorder(nil, nil, nil, searchBtn, sh.search)),
		widget.NewIcon(theme.AccountIcon()), sh.user, sh.logout)
	topBg := canvas.NewRectangle(colorSurface)
	topBg.StrokeColor = colorBorder
	topBg.StrokeWidth = 1
	topBar := container.NewStack(topBg, container.NewPadded(top))

	sh.notice = widget.NewLabel("")
	sh.notice.Importance = widget.SuccessImportance
	sh.notice.TextStyle = fyne.TextStyle{Bold: true}
	noticeBg := canvas.NewRectangle(colorSuccessSoft)
	noticeBg.CornerRadius = 6
	noticeBg.StrokeColor = colorSuccess
	noticeBg.StrokeWidth = 1
	sh.noticeBar = container.NewStack(noticeBg, container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), sh.notice, layout.NewSpacer()))
	sh.noticeBar.Hide()

	sh.content = container.NewStack()
	// The confirmation floats over the top of the screen, centred, instead of pushing the
	// screen down under the mouse while it shows.
	toast := container.NewVBox(container.NewHBox(layout.NewSpacer(), sh.noticeBar, layout.NewSpacer()))
	main := container.NewBorder(topBar, nil, nil, nil, container.NewStack(container.NewPadded(sh.content), toast))
	sh.root = container.NewBorder(nil, nil, railBox, nil, main)
	return sh
}

// Content returns the shell's root object, to put in the window.
func (sh *Shell) Content() fyne.CanvasObject { return sh.root }

// Screen returns the screen with id, building it on first use.
func (sh *Shell) Screen(id string) Screen {
	if sc, ok := sh.screens[id]; ok {
		return sc
	}
	for _, it := range sh.items {
		if it.ID == id && it.New != nil {
			sc := it.New(sh.sess)
			sh.screens[id] = sc
			return sc
		}
	}
	return nil
}

// Current returns the screen on show.
func (sh *Shell) Current() Screen { return sh.Screen(sh.current) }

// Show puts the screen with id in the content area and highlights it in the rail.
func (sh *Shell) Show(id string) {
	sc := sh.Screen(id)
	if sc == nil {
		return
	}
	for nid, b := range sh.nav {
		if nid == id {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	if sh.current != id {
		sh.current = id
		sh.content.Objects = []fyne.CanvasObject{sc.Content()}
		sh.content.Refresh()
	}
	sc.Refresh()
	sh.refreshBadges()
}

// onRail shows the screen a rail entry names at its list: a record left open there closes,
// and a form asks first when something was typed (as Esc does).
func (sh *Shell) onRail(id string) {
	sh.Show(id)
	sc, ok := sh.Screen(id).(Closer)
	if !ok {
		return
	}
	if v, ok := sc.(interface{ onList() bool }); ok && v.onList() {
		return
	}
	sc.OnEscape()
}

// refreshBadges puts each screen's count of things that need action after its label.
func (sh *Shell) refreshBadges() {
	for _, it := range sh.items {
		if it.Badge == nil {
			continue
		}
		it := it
		var n int
		sh.sess.Go(func() (err error) {
			n, err = it.Badge(sh.sess)
			return err
		}, func(err error) {
			b := sh.nav[it.ID]
			if err != nil || n == 0 {
				b.SetText(it.Label)
				return
			}
			b.SetText(fmt.Sprintf("%s  %s", it.Label, groupDigits(n)))
		})
	}
}

// notify shows a brief green confirmation under the top bar.
func (sh *Shell) notify(msg string) {
	sh.noticeSeq++
	seq := sh.noticeSeq
	sh.notice.SetText(msg)
	sh.noticeBar.Show()
	sh.sess.after(4e9, func() {
		if sh.noticeSeq == seq {
			sh.noticeBar.Hide()
		}
	})
}

// bindKeys installs the window's keyboard: Ctrl+N, Ctrl+F, Ctrl+S, Ctrl+E, F5, Esc, Enter.
func (sh *Shell) bindKeys(c fyne.Canvas) {
	add := func(key fyne.KeyName, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { fn() })
	}
	add(fyne.KeyN, func() {
		if sc, ok := sh.Current().(Creator); ok && sh.sess.dialog == nil {
			sc.OnNew()
		}
	})
	add(fyne.KeyF, func() {
		if sc, ok := sh.Current().(Searcher); ok {
			sc.FocusSearch()
		} else {
			c.Focus(sh.search)
		}
	})
	add(fyne.KeyS, func() {
		if sc, ok := sh.Current().(Saver); ok && sh.sess.dialog == nil {
			sc.OnSave()
		}
	})
	add(fyne.KeyE, func() {
		if sc, ok := sh.Current().(Exporter); ok && sh.sess.dialog == nil {
			sc.OnExport()
		}
	})
	c.SetOnTypedKey(sh.onKey)
}

func (sh *Shell) unbindKeys(c fyne.Canvas) {
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyF, fyne.KeyS, fyne.KeyE} {
		c.RemoveShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	c.SetOnTypedKey(nil)
}

func (sh *Shell) onKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyF5:
		if sc := sh.Current(); sc != nil {
			sc.Refresh()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		// A dialog's default button; else the open form saves, as on Ctrl+S (Enter from a
		// form's choice box arrives here).
		if !sh.sess.PressDialogDefault() && sh.sess.dialog == nil {
			if sc, ok := sh.Current().(Saver); ok {
				sc.OnSave()
			}
		}
	case fyne.KeyDown:
		// The results pop-up takes the keys from the search box: Down goes into them.
		if sh.searchPop != nil && sh.searchPop.Visible() {
			sh.search.onDown()
		}
	case fyne.KeyEscape:
		if sh.searchPop != nil && sh.searchPop.Visible() {
			sh.searchPop.Hide()
			return
		}
		// A pop-up over the screen (the date picker) closes first, not the form under it.
		if top := sh.sess.Window.Canvas().Overlays().Top(); top != nil && sh.sess.dialog == nil {
			top.Hide()
			return
		}
		if sh.sess.CloseDialog() {
			return
		}
		if sc, ok := sh.Current().(Closer); ok {
			sc.OnEscape()
		}
	}
}

// numberHit is a record found by its number in the top bar: an issue or a document.
type numberHit struct {
	text string
	open func()
}

// onSearch looks residents up from the top bar and lists them in a pop-up; a query that is
// an issue number (WT-2026-0001) or a document number (平民救决〔2026〕15号) also finds that
// record.
func (sh *Shell) onSearch() {
	q := strings.TrimSpace(sh.search.Text)
	if len([]rune(q)) == 0 {
		return
	}
	var hits []data.Resident
	var numbers []numberHit
	sh.sess.Go(func() (err error) {
		ctx := sh.sess.Ctx()
		if _, _, perr := data.ParseIssueNumber(q); perr == nil {
			if iss, err := sh.sess.DB.IssueByNumber(ctx, q); err == nil {
				id := iss.ID
				numbers = append(numbers, numberHit{fmt.Sprintf("问题　%s　%s", iss.Number, iss.Description),
					func() { openIssue(sh.sess, id, "") }})
			}
		}
		if _, _, _, perr := data.ParseDocNumber(q); perr == nil {
			if d, err := sh.sess.DB.DocumentByNumber(ctx, q); err == nil {
				id := d.ID
				numbers = append(numbers, numberHit{fmt.Sprintf("文书　%s　%s　%s", d.DocNumber, d.Title, d.Applicant),
					func() { sh.openDocument(id) }})
			}
		}
		hits, err = sh.sess.DB.SearchResidents(ctx, q, 12)
		return err
	}, func(err error) {
		if err != nil {
			sh.sess.ShowError(err)
			return
		}
		sh.showSearchHits(hits, numbers)
	})
}

// openDocument shows a document's page on the documents screen.
func (sh *Shell) openDocument(id int64) {
	sh.Show(ScreenDocuments)
	if sc, ok := sh.Screen(ScreenDocuments).(*documentsScreen); ok {
		sc.showDetail(id)
	}
}

func (sh *Shell) showSearchHits(hits []data.Resident, numbers []numberHit) {
	list := container.NewVBox()
	sh.searchHits = nil
	for _, n := range numbers {
		open := n.open
		b := newButton(n.text, func() {
			sh.searchPop.Hide()
			open()
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		sh.searchHits = append(sh.searchHits, b)
		list.Add(b)
	}
	today := sh.sess.Today()
	for _, r := range hits {
		id := r.ID
		text := fmt.Sprintf("%s　%s %d岁　%s　%s", r.Name, r.Sex(), r.Age(today), data.MaskIDNumber(r.IDNumber), r.CommunityName)
		b := newButton(text, func() {
			sh.searchPop.Hide()
			sh.sess.OpenResident(id)
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		sh.searchHits = append(sh.searchHits, b)
		list.Add(b)
	}
	if len(hits) == 0 && len(numbers) == 0 {
		list.Add(mutedLabel("没有找到匹配的居民。可以输入姓名、拼音首字母（如 zjh）、身份证号或电话的一部分。"))
	}
	c := sh.sess.Window.Canvas()
	if sh.searchPop != nil {
		sh.searchPop.Hide()
	}
	sh.searchPop = widget.NewPopUp(container.NewVScroll(list), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(sh.search)
	width := float32(480)
	x := min(pos.X, c.Size().Width-width-8)
	h := min(list.MinSize().Height+8, 420)
	sh.searchPop.ShowAtPosition(fyne.NewPos(x, pos.Y+sh.search.Size().Height+2))
	sh.searchPop.Resize(fyne.NewSize(width, h))
}

func (sh *Shell) onLogout() {
	if sh.sess.onLogout != nil {
		sh.sess.onLogout()
	}
}
