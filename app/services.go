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

	tabs       *container.AppTabs
	listTab    *container.TabItem
	certTab    *container.TabItem
	*navigator // the tabs, or the form over them
	form       *serviceForm
	certs      *certView

	// filter bar
	from, to  *dateField
	community *widget.Select
	typ       *widget.Select
	item      *widget.Select
	result    *widget.Select
	staff     *widget.Select
	query     *keyEntry
	newBtn    *button

	*pagedTable[data.ServiceRow]
	filter data.ServiceFilter
}

// svcCol makes a column of the services table that shows text.
func svcCol(title string, width float32, sort string, text func(data.ServiceRow) string) column[data.ServiceRow] {
	return column[data.ServiceRow]{title: title, width: width, sort: sort,
		text: func(_ *pagedTable[data.ServiceRow], _ int, r data.ServiceRow) string { return text(r) }}
}

// Columns the code refers to: 服务对象 takes the width the others leave, 操作 holds the link.
const (
	serviceColItem      = 4
	serviceColResidents = 5
	serviceColStaff     = 6
	serviceColOps       = 9
)

// serviceColumns are the columns of the services table.
var serviceColumns = []column[data.ServiceRow]{
	{title: "序号", width: 56, align: fyne.TextAlignTrailing,
		text: func(t *pagedTable[data.ServiceRow], row int, _ data.ServiceRow) string { return t.seqText(row) }},
	svcCol("编号", 118, "number", func(r data.ServiceRow) string { return r.Number }),
	svcCol("日期", 104, "date", func(r data.ServiceRow) string { return r.Date.String() }),
	svcCol("类型", 84, "type", func(r data.ServiceRow) string { return string(r.Type) }),
	svcCol("事项", 150, "item", func(r data.ServiceRow) string { return r.Item }),
	svcCol("服务对象", 200, "residents", func(r data.ServiceRow) string {
		return fmt.Sprintf("%s（%s）", r.ResidentNames, data.MaskIDNumber(r.FirstIDNumber))
	}),
	svcCol("工作人员", 120, "staff", func(r data.ServiceRow) string { return r.StaffNames }),
	svcCol("结果", 104, "result", func(r data.ServiceRow) string {
		if r.OnTheSpot {
			return string(r.Result) + "·当场"
		}
		return string(r.Result)
	}),
	svcCol("回访日期", 104, "follow_up", func(r data.ServiceRow) string { return r.FollowUpOn.String() }),
	{title: "操作", width: 110},
}

func newServicesScreen(s *Session) *servicesScreen {
	sc := &servicesScreen{sess: s, choices: &serviceChoices{}}
	sc.from, sc.to = newDateField(false), newDateField(false)
	sc.community = newSelect(nil, nil)
	sc.typ = newSelect(append([]string{allTypes}, typeNames()...), nil)
	sc.item = newSelect(nil, nil)
	sc.result = newSelect(append([]string{allResults}, resultNames()...), nil)
	sc.staff = newSelect(nil, nil)
	sc.query = newEntry("服务对象姓名、拼音首字母、身份证号片段或编号")
	sc.query.OnSubmitted = func(string) { sc.onQuery() }
	sc.resetBar()
	queryBtn := newButtonWithIcon("查询", theme.SearchIcon(), sc.onQuery)
	queryBtn.Importance = widget.HighImportance
	resetBtn := newButton("重置", sc.onReset)
	sc.newBtn = newButtonWithIcon("新增", theme.ContentAddIcon(), sc.OnNew)
	sc.newBtn.Importance = widget.HighImportance
	// Every filter named, as on the issue ledger.
	bar := container.NewVBox(
		container.NewHScroll(container.NewHBox(widget.NewLabel("服务日期"), fixedWidth(150, sc.from.content), widget.NewLabel("至"), fixedWidth(150, sc.to.content),
			widget.NewLabel("社区"), fixedWidth(130, sc.community), widget.NewLabel("类型"), fixedWidth(120, sc.typ),
			widget.NewLabel("事项"), fixedWidth(170, sc.item))),
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("结果"), fixedWidth(110, sc.result),
			widget.NewLabel("工作人员"), fixedWidth(110, sc.staff), widget.NewLabel("关键词")),
			container.NewHBox(queryBtn, resetBtn), sc.query),
	)
	exportBtn := newButtonWithIcon("导出", theme.DownloadIcon(), sc.onExport) // app/export_services.go
	toolbar := container.NewHBox(sc.newBtn, exportBtn, layout.NewSpacer(), hint("Ctrl+N 新增　Ctrl+F 查找　Ctrl+E 导出　F5 刷新"))

	sc.pagedTable = newPagedTable(s, serviceColumns, sc.createCell, sc.updateCell, sc.load,
		pagedOptions{pageSizes: true, fit: serviceColResidents, fitMin: 160, fitMax: 420,
			grow: []int{serviceColItem, serviceColStaff}})
	sc.key = func(r data.ServiceRow) int64 { return r.ID }
	sc.opens(func(r data.ServiceRow) {
		if sc.sess.Can(data.ActRecord) {
			sc.showEdit(r.ID)
		}
	})
	sc.emptyText = func() string {
		if sc.filter != (data.ServiceFilter{}) {
			return "没有符合条件的服务记录，请调整查询条件后再查询"
		}
		return "还没有服务记录，点击“新增”登记一次上门服务"
	}
	list := container.NewBorder(container.NewVBox(card("", bar), toolbar), sc.footer, nil, nil, sc.body)

	sc.certs = newCertView(sc)
	sc.listTab = container.NewTabItem("服务台账", list)
	sc.certTab = container.NewTabItem("定期认证", sc.certs.content)
	sc.tabs = container.NewAppTabs(sc.listTab, sc.certTab)
	sc.tabs.OnSelected = func(it *container.TabItem) {
		if it == sc.certTab {
			sc.certs.load()
		}
	}
	sc.navigator = newNavigator(sc.tabs)
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
func (sc *servicesScreen) Content() fyne.CanvasObject { return sc.box }

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

// OnExport implements Exporter: 导出 of the services list (Ctrl+E), not while a form is open.
func (sc *servicesScreen) OnExport() {
	if sc.form == nil {
		sc.onExport()
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

func (sc *servicesScreen) filterFromBar() (data.ServiceFilter, bool) {
	var f data.ServiceFilter
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

// load fetches the current page (one page and the total, never the whole ledger).
func (sc *servicesScreen) load() {
	f := sc.filter
	sc.fetch(func(q pageQuery) ([]data.ServiceRow, int, error) {
		f.Offset, f.Limit, f.Sort, f.Desc = q.offset, q.limit, q.sort, q.desc
		return sc.sess.DB.ListServices(sc.sess.Ctx(), f)
	}, nil)
}

func (sc *servicesScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	edit := newLink("", nil)
	return container.NewStack(l, edit)
}

func (sc *servicesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	l, link := c.Objects[0].(*widget.Label), c.Objects[1].(*link)
	if id.Row >= len(sc.rows) {
		return
	}
	r := sc.rows[id.Row]
	if id.Col == serviceColOps {
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
	l.Alignment = serviceColumns[id.Col].align
	l.SetText(sc.cellText(id.Row, id.Col))
}

// cellText is what the table shows at row, col.
func (sc *servicesScreen) cellText(row, col int) string {
	if col == serviceColOps || row >= len(sc.rows) {
		return ""
	}
	return serviceColumns[col].text(sc.pagedTable, row, sc.rows[row])
}

// showList shows the tabs again after the form.
func (sc *servicesScreen) showList() {
	sc.form = nil
	sc.showHome()
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
	var row data.ServiceRow
	var seen data.Seen
	s.Go(func() (err error) {
		if seen, err = s.DB.Seen(s.Ctx(), "services", id); err != nil {
			return err
		}
		row, err = s.DB.Service(s.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.openForm(row.Service, nil)
		sc.form.seen = seen
	})
}

// openForm shows the service form for svc (ID 0: a new service) with residents prefilled.
func (sc *servicesScreen) openForm(svc data.Service, residents []data.Resident) {
	sc.form = newServiceForm(sc, svc, residents)
	sc.show("form", sc.form.canvasObject())
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
