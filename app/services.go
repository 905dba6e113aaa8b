package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// Filter choices that mean "any".
const (
	allTypes   = "全部类型"
	allItems   = "全部事项"
	allResults = "全部结果"
	allStaff   = "全部人员"
	allComms   = "全部社区"
)

// serviceChoices are the pickers' lists.
type serviceChoices struct {
	communities []data.Community
	items       []string
	users       []data.User
	staffNames  []string
	rules       []data.CertRule
}

func (c *serviceChoices) communityNames() []string {
	var out []string
	for _, x := range c.communities {
		out = append(out, x.Name)
	}
	return out
}

func (c *serviceChoices) communityID(name string) int64 {
	for _, x := range c.communities {
		if x.Name == name {
			return x.ID
		}
	}
	return 0
}

// servicesScreen is 上门服务: the ledger of services (filter bar, table, paging), the service
// form (新增, 编辑, 登记认证) and the 定期认证 lists, as two tabs.
type servicesScreen struct {
	sess    *Session
	choices *serviceChoices

	tabs    *container.AppTabs
	listTab *container.TabItem
	certTab *container.TabItem
	stack   *fyne.Container // the tabs, or the form
	form    *serviceForm
	certs   *certView

	// filter bar
	from, to  *dateField
	community *widget.Select
	typ       *widget.Select
	item      *widget.Select
	result    *widget.Select
	staff     *widget.Select
	query     *keyEntry
	newBtn    *widget.Button

	// table
	table   *widget.Table
	rows    []sqlite.ServiceRow
	total   int
	offset  int
	limit   int
	sortKey string
	desc    bool
	count   *widget.Label
	page    *widget.Label
	prev    *widget.Button
	next    *widget.Button
	empty   *widget.Label
	filter  sqlite.ServiceFilter
}

type serviceColumn struct {
	title string
	width float32
	sort  string
}

var serviceColumns = []serviceColumn{
	{"序号", 56, ""}, {"日期", 104, "date"}, {"类型", 84, "type"}, {"事项", 150, "item"}, {"服务对象", 230, ""},
	{"工作人员", 120, ""}, {"结果", 104, "result"}, {"回访日期", 104, "follow_up"}, {"操作", 110, ""},
}

func newServicesScreen(s *Session) *servicesScreen {
	sc := &servicesScreen{sess: s, limit: 50, choices: &serviceChoices{}}
	sc.from, sc.to = newDateField(false), newDateField(false)
	sc.community = widget.NewSelect(nil, nil)
	sc.typ = widget.NewSelect(append([]string{allTypes}, typeNames()...), nil)
	sc.item = widget.NewSelect(nil, nil)
	sc.result = widget.NewSelect(append([]string{allResults}, resultNames()...), nil)
	sc.staff = widget.NewSelect(nil, nil)
	sc.query = newEntry("服务对象姓名、拼音首字母、身份证号片段或编号")
	sc.query.OnSubmitted = func(string) { sc.onQuery() }
	sc.resetBar()
	queryBtn := widget.NewButtonWithIcon("查询", theme.SearchIcon(), sc.onQuery)
	queryBtn.Importance = widget.HighImportance
	resetBtn := widget.NewButton("重置", sc.onReset)
	sc.newBtn = widget.NewButtonWithIcon("新增", theme.ContentAddIcon(), sc.OnNew)
	sc.newBtn.Importance = widget.HighImportance
	bar := container.NewVBox(
		container.NewHBox(widget.NewLabel("服务日期"), fixedWidth(150, sc.from.content), widget.NewLabel("至"), fixedWidth(150, sc.to.content),
			fixedWidth(130, sc.community), fixedWidth(120, sc.typ), fixedWidth(170, sc.item)),
		container.NewBorder(nil, nil, container.NewHBox(fixedWidth(110, sc.result), fixedWidth(110, sc.staff)),
			container.NewHBox(queryBtn, resetBtn), sc.query),
	)
	toolbar := container.NewHBox(sc.newBtn, layout.NewSpacer())

	sc.table = widget.NewTable(func() (int, int) { return len(sc.rows), len(serviceColumns) }, sc.createCell, sc.updateCell)
	sc.table.ShowHeaderRow = true
	sc.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	sc.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(serviceColumns) {
			b.SetText("")
			return
		}
		c := serviceColumns[id.Col]
		text := c.title
		if c.sort != "" && c.sort == sc.sortKey {
			text += map[bool]string{true: " ↓", false: " ↑"}[sc.desc]
		}
		b.SetText(text)
		if c.sort != "" {
			key := c.sort
			b.OnTapped = func() { sc.onSort(key) }
		} else {
			b.OnTapped = nil
		}
	}
	for i, c := range serviceColumns {
		sc.table.SetColumnWidth(i, c.width)
	}
	sc.table.OnSelected = func(id widget.TableCellID) { sc.table.Unselect(id) }
	sc.empty = widget.NewLabel("")
	sc.empty.Alignment = fyne.TextAlignCenter
	sc.empty.Importance = widget.LowImportance
	sc.empty.Hide()
	sc.count = widget.NewLabel("共 0 条")
	sc.page = widget.NewLabel("第 1 / 1 页")
	sc.prev = widget.NewButtonWithIcon("上一页", theme.NavigateBackIcon(), func() { sc.offset = max(sc.offset-sc.limit, 0); sc.load() })
	sc.next = widget.NewButtonWithIcon("下一页", theme.NavigateNextIcon(), func() { sc.offset += sc.limit; sc.load() })
	sc.next.IconPlacement = widget.ButtonIconTrailingText
	footer := container.NewHBox(sc.count, layout.NewSpacer(), sc.prev, sc.page, sc.next)
	list := container.NewBorder(container.NewVBox(card("", bar), toolbar), footer, nil, nil,
		card("", container.NewStack(sc.table, container.NewCenter(sc.empty))))

	sc.certs = newCertView(sc)
	sc.listTab = container.NewTabItem("服务台账", list)
	sc.certTab = container.NewTabItem("定期认证", sc.certs.content)
	sc.tabs = container.NewAppTabs(sc.listTab, sc.certTab)
	sc.tabs.OnSelected = func(it *container.TabItem) {
		if it == sc.certTab {
			sc.certs.load()
		}
	}
	sc.stack = container.NewStack(sc.tabs)
	sc.loadChoices(func() { sc.onQuery() })
	return sc
}

func typeNames() []string {
	var out []string
	for _, t := range data.ServiceTypes {
		out = append(out, string(t))
	}
	return out
}

func resultNames() []string {
	var out []string
	for _, r := range data.ServiceResults {
		out = append(out, string(r))
	}
	return out
}

// Title implements Screen.
func (sc *servicesScreen) Title() string { return "上门服务" }

// Content implements Screen.
func (sc *servicesScreen) Content() fyne.CanvasObject { return sc.stack }

// Refresh reloads the lists (F5 and whenever the screen is shown); an open form is left alone.
func (sc *servicesScreen) Refresh() {
	if sc.form != nil {
		return
	}
	sc.loadChoices(func() {
		sc.load()
		if sc.tabs.Selected() == sc.certTab {
			sc.certs.load()
		}
	})
}

// OnNew opens an empty service form (Ctrl+N).
func (sc *servicesScreen) OnNew() {
	if !sc.sess.Can(data.ActRecord) {
		return
	}
	sc.openForm(data.Service{}, nil)
}

// FocusSearch focuses the query box (Ctrl+F).
func (sc *servicesScreen) FocusSearch() {
	if c := sc.sess.Window.Canvas(); c != nil && sc.form == nil {
		c.Focus(sc.query)
	}
}

// OnSave saves the open form (Ctrl+S).
func (sc *servicesScreen) OnSave() {
	if sc.form != nil {
		sc.form.onSave()
	}
}

// OnEscape closes the open form, asking first if something was typed.
func (sc *servicesScreen) OnEscape() bool {
	if sc.form == nil {
		return false
	}
	sc.form.onCancel()
	return true
}

func (sc *servicesScreen) loadChoices(done func()) {
	s := sc.sess
	ch := &serviceChoices{}
	s.Go(func() (err error) {
		ctx := s.Ctx()
		if ch.communities, err = s.DB.Communities(ctx, false); err != nil {
			return err
		}
		if ch.items, err = s.DB.CatalogValues(ctx, data.CatalogServiceTopics); err != nil {
			return err
		}
		if ch.users, err = s.DB.Users(ctx); err != nil {
			return err
		}
		if ch.staffNames, err = s.DB.ServiceStaffNames(ctx); err != nil {
			return err
		}
		ch.rules, err = s.DB.CertRules(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.choices = ch
		setOptions(sc.community, append([]string{allComms}, ch.communityNames()...), allComms)
		setOptions(sc.item, append([]string{allItems}, ch.items...), allItems)
		setOptions(sc.staff, append([]string{allStaff}, ch.staffNames...), allStaff)
		sc.certs.setChoices(ch)
		if done != nil {
			done()
		}
	})
}

func (sc *servicesScreen) resetBar() {
	sc.from.SetText("")
	sc.to.SetText("")
	sc.community.SetSelected(allComms)
	sc.typ.SetSelected(allTypes)
	sc.item.SetSelected(allItems)
	sc.result.SetSelected(allResults)
	sc.staff.SetSelected(allStaff)
	sc.query.SetText("")
}

func (sc *servicesScreen) filterFromBar() (sqlite.ServiceFilter, bool) {
	var f sqlite.ServiceFilter
	var err error
	if f.From, err = sc.from.Date(); err != nil {
		sc.sess.ShowError(err)
		return f, false
	}
	if f.To, err = sc.to.Date(); err != nil {
		sc.sess.ShowError(err)
		return f, false
	}
	f.CommunityID = sc.choices.communityID(sc.community.Selected)
	if v := sc.typ.Selected; v != allTypes && v != "" {
		f.Type = data.ServiceType(v)
	}
	if v := sc.item.Selected; v != allItems && v != "" {
		f.Item = v
	}
	if v := sc.result.Selected; v != allResults && v != "" {
		f.Result = data.ServiceResult(v)
	}
	if v := sc.staff.Selected; v != allStaff && v != "" {
		f.Staff = v
	}
	f.Query = strings.TrimSpace(sc.query.Text)
	return f, true
}

func (sc *servicesScreen) onQuery() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	sc.filter, sc.offset = f, 0
	sc.load()
}

func (sc *servicesScreen) onReset() {
	sc.resetBar()
	sc.onQuery()
}

func (sc *servicesScreen) onSort(key string) {
	if sc.sortKey == key {
		sc.desc = !sc.desc
	} else {
		sc.sortKey, sc.desc = key, false
	}
	sc.offset = 0
	sc.load()
}

// load fetches the current page (one page and the total, never the whole ledger).
func (sc *servicesScreen) load() {
	s := sc.sess
	f := sc.filter
	f.Offset, f.Limit, f.Sort, f.Desc = sc.offset, sc.limit, sc.sortKey, sc.desc
	var rows []sqlite.ServiceRow
	var total int
	s.Go(func() (err error) {
		rows, total, err = s.DB.ListServices(s.Ctx(), f)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.rows, sc.total = rows, total
		sc.update()
	})
}

func (sc *servicesScreen) update() {
	sc.count.SetText(fmt.Sprintf("共 %s 条", groupDigits(sc.total)))
	pages := max((sc.total+sc.limit-1)/sc.limit, 1)
	sc.page.SetText(fmt.Sprintf("第 %s / %s 页", groupDigits(sc.offset/sc.limit+1), groupDigits(pages)))
	enable(sc.prev, sc.offset > 0)
	enable(sc.next, sc.offset+sc.limit < sc.total)
	if sc.total == 0 {
		text := "还没有服务记录，点击“新增”登记一次上门服务"
		if sc.filter != (sqlite.ServiceFilter{}) {
			text = "没有符合条件的服务记录，请调整查询条件后再查询"
		}
		sc.empty.SetText(text)
		sc.empty.Show()
		sc.table.Hide()
	} else {
		sc.empty.Hide()
		sc.table.Show()
	}
	sc.table.Refresh()
	sc.table.ScrollToTop()
}

func (sc *servicesScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	edit := widget.NewHyperlink("", nil)
	return container.NewStack(l, edit)
}

func (sc *servicesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	l, link := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Hyperlink)
	if id.Row >= len(sc.rows) {
		return
	}
	r := sc.rows[id.Row]
	if serviceColumns[id.Col].title == "操作" {
		l.Hide()
		link.Show()
		if sc.sess.Can(data.ActRecord) {
			link.SetText("查看/编辑")
			rid := r.ID
			link.OnTapped = func() { sc.showEdit(rid) }
		} else {
			link.SetText("")
			link.OnTapped = nil
		}
		return
	}
	link.Hide()
	l.Show()
	l.Alignment = fyne.TextAlignLeading
	l.SetText(sc.cellText(id.Row, id.Col))
	if id.Col == 0 {
		l.Alignment = fyne.TextAlignTrailing
		l.Refresh()
	}
}

func (sc *servicesScreen) cellText(row, col int) string {
	r := sc.rows[row]
	switch serviceColumns[col].title {
	case "序号":
		return groupDigits(sc.offset + row + 1)
	case "日期":
		return r.Date.String()
	case "类型":
		return string(r.Type)
	case "事项":
		return r.Item
	case "服务对象":
		return fmt.Sprintf("%s（%s）", r.ResidentNames, data.MaskIDNumber(r.FirstIDNumber))
	case "工作人员":
		return r.StaffNames
	case "结果":
		if r.OnTheSpot {
			return string(r.Result) + "·当场"
		}
		return string(r.Result)
	case "回访日期":
		return r.FollowUpOn.String()
	}
	return ""
}

// showList shows the tabs again after the form.
func (sc *servicesScreen) showList() {
	sc.form = nil
	sc.stack.Objects = []fyne.CanvasObject{sc.tabs}
	sc.stack.Refresh()
}

// showCertifications shows the 定期认证 tab with a quick filter.
func (sc *servicesScreen) showCertifications(state data.CertState) {
	sc.showList()
	sc.certs.state = state
	sc.tabs.Select(sc.certTab)
	sc.certs.load()
}

func (sc *servicesScreen) showEdit(id int64) {
	s := sc.sess
	var row sqlite.ServiceRow
	s.Go(func() (err error) {
		row, err = s.DB.Service(s.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.openForm(row.Service, nil)
	})
}

// openForm shows the service form for svc (ID 0: a new service) with residents prefilled.
func (sc *servicesScreen) openForm(svc data.Service, residents []data.Resident) {
	sc.form = newServiceForm(sc, svc, residents)
	sc.stack.Objects = []fyne.CanvasObject{sc.form.canvasObject()}
	sc.stack.Refresh()
	sc.form.focusFirst()
}

// closeForm goes back to the tab the form was opened from and reloads it.
func (sc *servicesScreen) closeForm() {
	sc.showList()
	sc.loadChoices(func() {
		sc.load()
		if sc.tabs.Selected() == sc.certTab {
			sc.certs.load()
		}
	})
}
