package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// countIssues counts the issues matching f (reading one row at most).
func countIssues(s *Session, f data.IssueFilter) (int, error) {
	f.Limit = 1
	_, n, err := s.DB.ListIssues(s.Ctx(), f)
	return n, err
}

// Filter choices that mean "any".
const (
	allSources    = "全部来源"
	allCategories = "全部类别"
	allTiers      = "全部层级"
	allUnits      = "全部单位"
	allDeadlines  = "全部时限"
)

// issueChoices are the pickers' lists: communities and grids, the three issue catalogs and
// the working calendar (for deadlines in working days).
type issueChoices struct {
	communities []data.Community
	grids       []data.Grid
	sources     []string
	categories  []string
	units       []string
	cal         *data.Calendar
}

// loadIssueChoices reads the lists off the UI goroutine and hands them to done.
func loadIssueChoices(s *Session, done func(*issueChoices)) {
	ch := &issueChoices{}
	s.Go(func() (err error) {
		ctx := s.Ctx()
		if ch.communities, err = s.DB.Communities(ctx, false); err != nil {
			return err
		}
		if ch.grids, err = s.DB.Grids(ctx, 0); err != nil {
			return err
		}
		if ch.sources, err = s.DB.CatalogValues(ctx, data.CatalogIssueSources); err != nil {
			return err
		}
		if ch.categories, err = s.DB.CatalogValues(ctx, data.CatalogIssueCategories); err != nil {
			return err
		}
		if ch.units, err = s.DB.CatalogValues(ctx, data.CatalogResponsibleUnits); err != nil {
			return err
		}
		ch.cal, err = s.DB.Calendar(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		done(ch)
	})
}

func (c *issueChoices) communityNames() []string {
	var out []string
	for _, x := range c.communities {
		out = append(out, x.Name)
	}
	return out
}

func (c *issueChoices) communityID(name string) int64 {
	for _, x := range c.communities {
		if x.Name == name {
			return x.ID
		}
	}
	return 0
}

func (c *issueChoices) gridNames(communityID int64) []string {
	var out []string
	for _, g := range c.grids {
		if g.CommunityID == communityID && communityID != 0 {
			out = append(out, g.Name)
		}
	}
	return out
}

func (c *issueChoices) gridID(communityID int64, name string) int64 {
	for _, g := range c.grids {
		if g.CommunityID == communityID && g.Name == name {
			return g.ID
		}
	}
	return 0
}

// withValue keeps a value a record already has in a picker's list, even if it has since
// been removed from the catalog.
func withValue(list []string, v string) []string {
	if v == "" || indexOf(list, v) >= 0 {
		return list
	}
	return append(append([]string(nil), list...), v)
}

// setOptions replaces a picker's options and keeps the choice if it is still there.
func setOptions(sel *widget.Select, opts []string, keep string) {
	sel.Options = opts
	if indexOf(opts, sel.Selected) < 0 {
		if keep != "" && indexOf(opts, keep) >= 0 {
			sel.SetSelected(keep)
		} else {
			sel.ClearSelected()
		}
	}
	sel.Refresh()
}

// issuesScreen is 问题台账: the filtered, paged ledger, the issue page, the form (新增, 编辑,
// 当场处置) and the batch page (批量录入).
type issuesScreen struct {
	sess *Session
	ch   *issueChoices

	// filter bar
	from, to   *dateField
	status     *widget.Select
	deadline   *widget.Select
	query      *keyEntry
	community  *widget.Select
	grid       *widget.Select
	source     *widget.Select
	category   *widget.Select
	tier       *widget.Select
	unit       *widget.Select
	searchBtn  *button
	resetBtn   *button
	moreBtn    *button
	moreRow    fyne.CanvasObject
	filterNote *widget.Label
	// toolbar
	newBtn, batchBtn, spotBtn *button

	list *issueTable

	*navigator
	detail   *issueDetail
	form     *issueForm
	batch    *issueBatch
	returnTo string // the screen the issue page's 返回 goes back to; "" for this list
}

var deadlineChoices = []string{allDeadlines, "逾期", "临期"}

func newIssuesScreen(s *Session) *issuesScreen {
	sc := &issuesScreen{sess: s, ch: &issueChoices{}}
	sc.from = newDateField(false)
	sc.to = newDateField(false)
	sc.from.entry.PlaceHolder = "起始日"
	sc.to.entry.PlaceHolder = "截止日"
	sc.from.OnSubmitted, sc.to.OnSubmitted = sc.onQuery, sc.onQuery
	statuses := []string{allStatuses}
	for _, st := range data.IssueStatuses {
		statuses = append(statuses, st.String())
	}
	sc.status = newSelect(statuses, nil)
	sc.status.SetSelected(allStatuses)
	sc.deadline = newSelect(deadlineChoices, nil)
	sc.deadline.SetSelected(allDeadlines)
	sc.query = newEntry("编号、问题描述或地点")
	sc.query.OnSubmitted = func(string) { sc.onQuery() }
	sc.community = newSelect([]string{allCommunities}, nil)
	sc.community.SetSelected(allCommunities)
	sc.community.OnChanged = func(string) { sc.onCommunity() }
	sc.grid = newSelect([]string{allGrids}, nil)
	sc.grid.SetSelected(allGrids)
	sc.grid.Disable()
	sc.source = newSelect([]string{allSources}, nil)
	sc.source.SetSelected(allSources)
	sc.category = newSelect([]string{allCategories}, nil)
	sc.category.SetSelected(allCategories)
	tiers := []string{allTiers}
	for _, t := range data.Tiers {
		tiers = append(tiers, t.String())
	}
	sc.tier = newSelect(tiers, nil)
	sc.tier.SetSelected(allTiers)
	sc.unit = newSelect([]string{allUnits}, nil)
	sc.unit.SetSelected(allUnits)
	sc.searchBtn = newButtonWithIcon("查询", theme.SearchIcon(), sc.onQuery)
	sc.searchBtn.Importance = widget.HighImportance
	sc.resetBtn = newButtonWithIcon("重置", theme.ContentClearIcon(), sc.onReset)
	sc.moreBtn = newButtonWithIcon("更多条件", theme.MenuDropDownIcon(), sc.onMore)
	sc.moreBtn.IconPlacement = widget.ButtonIconTrailingText
	sc.filterNote = newErrorLabel()

	sc.newBtn = newButtonWithIcon("新增", theme.ContentAddIcon(), sc.OnNew)
	sc.newBtn.Importance = widget.HighImportance
	sc.batchBtn = newButtonWithIcon("批量录入", theme.ListIcon(), sc.openBatch)
	sc.spotBtn = newButtonWithIcon("当场处置", theme.ConfirmIcon(), sc.openOnSpot)
	if !s.Can(data.ActRecord) {
		sc.newBtn.Disable()
		sc.batchBtn.Disable()
		sc.spotBtn.Disable()
	}

	sc.list = newIssueTable(s)
	sc.list.emptyText = func() string {
		if !issueFilterEmpty(sc.list.filter) {
			return "没有符合条件的问题，请调整查询条件后再查询"
		}
		return "还没有问题记录，点击“新增”或从 Excel 导入"
	}
	sc.list.onView = func(id int64) { sc.showDetail(id) }
	sc.list.onStep = sc.openStep

	label := func(t string) fyne.CanvasObject { return widget.NewLabel(t) }
	row1 := container.NewHBox(
		label("发现日期"), fixedWidth(132, sc.from.content), label("至"), fixedWidth(132, sc.to.content),
		label("状态"), fixedWidth(96, sc.status),
		label("时限"), fixedWidth(112, sc.deadline),
		label("关键词"), fixedWidth(170, sc.query),
		sc.searchBtn, sc.resetBtn, sc.moreBtn,
	)
	row2 := container.NewHBox(
		label("社区"), fixedWidth(118, sc.community), fixedWidth(104, sc.grid),
		label("来源"), fixedWidth(126, sc.source),
		label("类别"), fixedWidth(126, sc.category),
		label("处置层级"), fixedWidth(108, sc.tier),
		label("责任单位"), fixedWidth(150, sc.unit),
	)
	sc.moreRow = container.NewHScroll(row2)
	sc.moreRow.Hide()
	filters := card("", container.NewVBox(container.NewHScroll(row1), sc.moreRow, sc.filterNote))
	exportBtn := newButtonWithIcon("导出", theme.DownloadIcon(), sc.onExport) // app/export_issues.go
	importBtn := newButtonWithIcon("导入", theme.UploadIcon(), sc.onImport)   // app/ledger_import.go
	if !sc.sess.Can(data.ActRecord) {
		importBtn.Disable()
	}
	toolbar := container.NewHBox(sc.newBtn, sc.batchBtn, sc.spotBtn, importBtn, exportBtn, layout.NewSpacer(),
		hint("Ctrl+N 新增　Ctrl+F 查找　Ctrl+E 导出　F5 刷新"))
	top := container.NewVBox(heading("问题台账"), filters, toolbar)
	listView := container.NewBorder(top, nil, nil, nil, sc.list.content)
	sc.navigator = newNavigator(listView)
	return sc
}

func issueFilterEmpty(f data.IssueFilter) bool {
	f.Sort, f.Desc, f.Offset, f.Limit = "", false, 0, 0
	return f.From.IsZero() && f.To.IsZero() && f.CommunityID == 0 && f.GridID == 0 && f.Source == "" &&
		f.Category == "" && len(f.Statuses) == 0 && f.Tier == "" && f.ResponsibleUnit == "" &&
		f.Deadline == data.DeadlineNone && f.Query == "" && !f.FollowUpDue && !f.ExtensionDue && f.DuplicateOf == 0
}

// Title implements Screen.
func (sc *issuesScreen) Title() string { return "问题台账" }

// Content implements Screen.
func (sc *issuesScreen) Content() fyne.CanvasObject { return sc.box }

// Refresh reloads the pickers, the page, and the issue on show.
func (sc *issuesScreen) Refresh() {
	sc.loadChoices()
	sc.list.load()
	if sc.view == "detail" && sc.detail != nil {
		sc.detail.load()
	}
}

// OnNew opens an empty form (Ctrl+N).
func (sc *issuesScreen) OnNew() {
	if !sc.sess.Can(data.ActRecord) || sc.view == "form" || sc.view == "batch" {
		return
	}
	sc.openForm(data.Issue{}, false)
}

// FocusSearch puts the cursor in the keyword box (Ctrl+F).
func (sc *issuesScreen) FocusSearch() {
	if sc.view == "form" || sc.view == "batch" {
		return
	}
	sc.showList()
	sc.sess.Window.Canvas().Focus(sc.query)
}

// OnSave saves the open form (Ctrl+S).
func (sc *issuesScreen) OnSave() {
	switch {
	case sc.view == "form" && sc.form != nil:
		sc.form.onSave()
	case sc.view == "batch" && sc.batch != nil:
		sc.batch.onSaveRow()
	}
}

// OnExport implements Exporter: 导出 of the list on show.
func (sc *issuesScreen) OnExport() {
	if sc.onList() {
		sc.onExport()
	}
}

// OnEscape closes the form (asking first if something was typed), the batch page or the
// issue page.

func (sc *issuesScreen) OnEscape() bool {
	switch sc.view {
	case "form":
		sc.form.onCancel()
		return true
	case "batch":
		sc.batch.onClose()
		return true
	case "detail":
		sc.detail.onBack()
		return true
	}
	return false
}

func (sc *issuesScreen) loadChoices() {
	loadIssueChoices(sc.sess, func(ch *issueChoices) {
		sc.ch = ch
		setOptions(sc.community, append([]string{allCommunities}, ch.communityNames()...), allCommunities)
		sc.onCommunity()
		setOptions(sc.source, append([]string{allSources}, ch.sources...), allSources)
		setOptions(sc.category, append([]string{allCategories}, ch.categories...), allCategories)
		setOptions(sc.unit, append([]string{allUnits}, ch.units...), allUnits)
	})
}

func (sc *issuesScreen) onCommunity() {
	cid := sc.ch.communityID(sc.community.Selected)
	setOptions(sc.grid, append([]string{allGrids}, sc.ch.gridNames(cid)...), allGrids)
	enable2 := cid != 0 && len(sc.grid.Options) > 1
	if enable2 {
		sc.grid.Enable()
	} else {
		sc.grid.Disable()
	}
}

func (sc *issuesScreen) onMore() {
	if sc.moreRow.Visible() {
		sc.moreRow.Hide()
		sc.moreBtn.SetText("更多条件")
		sc.moreBtn.SetIcon(theme.MenuDropDownIcon())
	} else {
		sc.moreRow.Show()
		sc.moreBtn.SetText("收起条件")
		sc.moreBtn.SetIcon(theme.MenuDropUpIcon())
	}
	relayout(sc.moreBtn)
}

// filterFromBar reads the filter bar; ok is false when a date is wrong (the date field says
// why).
func (sc *issuesScreen) filterFromBar() (data.IssueFilter, bool) {
	var f data.IssueFilter
	var err1, err2 error
	f.From, err1 = sc.from.Date()
	f.To, err2 = sc.to.Date()
	if err1 != nil || err2 != nil {
		setMessage(sc.filterNote, "请先改正发现日期：可写成 2026-03-05、2026.3.5、20260305 或 2026年3月5日")
		return f, false
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		setMessage(sc.filterNote, "截止日不能早于起始日")
		return f, false
	}
	setMessage(sc.filterNote, "")
	if st, ok := data.ParseIssueStatus(sc.status.Selected); ok {
		f.Statuses = []data.IssueStatus{st}
	}
	switch sc.deadline.Selected {
	case "逾期":
		f.Deadline = data.DeadlineOverdue
	case "临期":
		f.Deadline = data.DeadlineDueSoon
	}
	f.Query = strings.TrimSpace(sc.query.Text)
	f.CommunityID = sc.ch.communityID(sc.community.Selected)
	if f.CommunityID != 0 {
		f.GridID = sc.ch.gridID(f.CommunityID, sc.grid.Selected)
	}
	if sc.source.Selected != allSources {
		f.Source = sc.source.Selected
	}
	if sc.category.Selected != allCategories {
		f.Category = sc.category.Selected
	}
	if t, ok := data.ParseTier(sc.tier.Selected); ok {
		f.Tier = t
	}
	if sc.unit.Selected != allUnits {
		f.ResponsibleUnit = sc.unit.Selected
	}
	return f, true
}

// onQuery applies the filter bar and shows the first page.
func (sc *issuesScreen) onQuery() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	sc.showList()
	sc.list.apply(f)
}

func (sc *issuesScreen) onReset() {
	sc.from.SetText("")
	sc.to.SetText("")
	sc.status.SetSelected(allStatuses)
	sc.deadline.SetSelected(allDeadlines)
	sc.query.SetText("")
	sc.community.SetSelected(allCommunities)
	sc.grid.SetSelected(allGrids)
	sc.source.SetSelected(allSources)
	sc.category.SetSelected(allCategories)
	sc.tier.SetSelected(allTiers)
	sc.unit.SetSelected(allUnits)
	sc.list.sortCol, sc.list.desc = -1, false
	sc.onQuery()
}

// showList returns to the ledger.
func (sc *issuesScreen) showList() {
	sc.returnTo = ""
	sc.showHome()
}

// showDetail opens an issue's page.
func (sc *issuesScreen) showDetail(id int64) {
	if sc.detail == nil {
		sc.detail = newIssueDetail(sc)
	}
	sc.show("detail", sc.detail.content)
	sc.detail.show(id)
}

// openStep opens an issue's page and the dialog of its next step (the 操作 column).
func (sc *issuesScreen) openStep(id int64, act data.IssueAction) {
	if sc.detail == nil {
		sc.detail = newIssueDetail(sc)
	}
	sc.show("detail", sc.detail.content)
	switch act {
	case data.IssueApproveCloseOut, data.IssueApproveExtension:
		sc.detail.show(id) // the reviewer decides on the page: 通过 or 退回, 批准 or 不批准
	default:
		sc.detail.showAndAct(id, act)
	}
}

// openIssue shows an issue's page from another screen; its 返回 goes back there. A step,
// if given, opens that action's dialog.
func openIssue(s *Session, id int64, from string, step ...data.IssueAction) {
	if s.shell == nil {
		return
	}
	s.shell.Show(ScreenIssues)
	if sc, ok := s.shell.Screen(ScreenIssues).(*issuesScreen); ok {
		sc.returnTo = from
		if len(step) > 0 {
			sc.openStep(id, step[0])
		} else {
			sc.showDetail(id)
		}
		sc.returnTo = from
	}
}

// showEdit opens the form on an issue.
func (sc *issuesScreen) showEdit(id int64) {
	var r data.IssueRow
	var seen data.Seen
	sc.sess.Go(func() (err error) {
		if seen, err = sc.sess.DB.Seen(sc.sess.Ctx(), "issues", id); err != nil {
			return err
		}
		r, err = sc.sess.DB.Issue(sc.sess.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			sc.sess.ShowError(err)
			return
		}
		sc.openForm(r.Issue, false)
		sc.form.seen = seen
	})
}

func (sc *issuesScreen) openForm(iss data.Issue, onSpot bool) {
	sc.form = newIssueForm(sc, iss, onSpot)
	sc.show("form", sc.form.content)
	sc.sess.Window.Canvas().Focus(sc.form.description)
}

func (sc *issuesScreen) openOnSpot() {
	if !sc.sess.Can(data.ActRecord) {
		return
	}
	sc.openForm(data.Issue{Tier: data.TierSimple}, true)
}

func (sc *issuesScreen) openBatch() {
	if !sc.sess.Can(data.ActRecord) {
		return
	}
	sc.batch = newIssueBatch(sc)
	sc.show("batch", sc.batch.content)
	sc.batch.focusFirst()
}

// closeForm leaves the form for the issue's page, or the list for a new one.
func (sc *issuesScreen) closeForm(id int64) {
	sc.form = nil
	if id != 0 {
		sc.showDetail(id)
		return
	}
	sc.showList()
}

// saved is called after the form saved iss: the list reloads and the record stays on screen.
func (sc *issuesScreen) saved(iss data.Issue) {
	sc.sess.Notify("已保存 " + iss.Number)
	sc.form = nil
	sc.list.load()
	sc.showDetail(iss.ID)
	sc.sess.shellBadges()
}

// shellBadges recounts the navigation badges after a change.
func (s *Session) shellBadges() {
	if s.shell != nil {
		s.shell.refreshBadges()
	}
}
