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
	allCommunities = "全部社区"
	allGrids       = "全部网格"
	allTags        = "全部标签"
	allStatuses    = "全部状态"
	noGrid         = "（不选）"
)

// Columns the code refers to.
const (
	colCommunity = 6
	colGrid      = 7
	colAddress   = 8
	colTags      = 9
	colStatus    = 10
	colOps       = 11
)

// residentColumns are the columns of the residents table.
var residentColumns = []column[data.Resident]{
	{"序号", 48, "", false, fyne.TextAlignTrailing, func(t *pagedTable[data.Resident], row int, _ data.Resident) string {
		return t.seqText(row)
	}},
	{"姓名", 88, "name", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.Name }},
	{"性别", 50, "", false, fyne.TextAlignCenter, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.Sex() }},
	{"年龄", 60, "birth", true, fyne.TextAlignTrailing, func(t *pagedTable[data.Resident], _ int, r data.Resident) string {
		return fmt.Sprint(r.Age(t.sess.Today()))
	}},
	{"身份证号", 160, "id_number", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string {
		return data.MaskIDNumber(r.IDNumber)
	}},
	{"联系电话", 116, "", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string {
		return data.MaskPhone(r.Phone)
	}},
	{"社区", 100, "community", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.CommunityName }},
	{"网格", 90, "", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.GridName }},
	{"住址", 160, "address", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.Address }},
	{"标签", 96, "", false, fyne.TextAlignLeading, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string {
		return strings.Join(r.Tags, "、")
	}},
	{"状态", 56, "", false, fyne.TextAlignCenter, func(_ *pagedTable[data.Resident], _ int, r data.Resident) string { return r.Status.String() }},
	{"操作", 96, "", false, fyne.TextAlignLeading, func(*pagedTable[data.Resident], int, data.Resident) string { return "" }},
}

// residentsScreen is 居民档案: a filtered, paged list; a resident's page; the form.
type residentsScreen struct {
	sess *Session

	// filter bar
	query     *keyEntry
	community *widget.Select
	grid      *widget.Select
	tag       *widget.Select
	status    *widget.Select
	searchBtn *button
	resetBtn  *button
	// toolbar
	newBtn    *button
	importBtn *widget.Button
	exportBtn *widget.Button
	roster    *rosterIO // 导入 and 导出 (roster.go)

	communities []data.Community
	grids       []data.Grid // every grid; filtered by community in memory
	tags        []string

	filter data.ResidentFilter // as last applied by 查询
	*pagedTable[data.Resident]

	*navigator
	detail *residentDetail
	form   *residentForm
}

func newResidentsScreen(s *Session) *residentsScreen {
	r := &residentsScreen{sess: s}
	r.query = newEntry("姓名、拼音、证件号、电话、住址")
	r.query.OnSubmitted = func(string) { r.onQuery() }
	r.grid = newSelect([]string{allGrids}, nil)
	r.grid.SetSelected(allGrids)
	r.grid.Disable()
	r.community = newSelect([]string{allCommunities}, nil)
	r.community.SetSelected(allCommunities)
	r.community.OnChanged = func(string) { r.onCommunityChanged() }
	r.tag = newSelect([]string{allTags}, nil)
	r.tag.SetSelected(allTags)
	statuses := []string{allStatuses}
	for _, st := range data.ResidentStatuses {
		statuses = append(statuses, st.String())
	}
	r.status = newSelect(statuses, nil)
	r.status.SetSelected(allStatuses)
	r.searchBtn = newButtonWithIcon("查询", theme.SearchIcon(), r.onQuery)
	r.searchBtn.Importance = widget.HighImportance
	r.resetBtn = newButtonWithIcon("重置", theme.ContentClearIcon(), r.onReset)

	r.newBtn = newButtonWithIcon("新增", theme.ContentAddIcon(), r.OnNew)
	r.newBtn.Importance = widget.HighImportance
	r.roster = newRosterIO(r)
	r.importBtn, r.exportBtn = r.roster.importBtn, r.roster.exportBtn
	if !s.Can(data.ActEditResidents) {
		r.newBtn.Disable()
	}

	r.pagedTable = newPagedTable(s, residentColumns, r.createCell, r.updateCell, r.load,
		pagedOptions{pageSizes: true, fit: colAddress, fitMin: 140, fitMax: 420,
			grow: []int{colCommunity, colGrid, colTags}})
	r.key = func(p data.Resident) int64 { return p.ID }
	r.emptyText = func() string {
		if r.filter == (data.ResidentFilter{}) {
			return "还没有居民档案，点击“新增”建立，或从 Excel 导入"
		}
		return "没有符合条件的居民，请调整查询条件后再查询"
	}
	r.opens(func(res data.Resident) { r.showDetail(res.ID) })

	filters := container.NewHBox(
		widget.NewLabel("关键词"), fixedWidth(250, r.query),
		widget.NewLabel("社区"), fixedWidth(130, r.community),
		widget.NewLabel("网格"), fixedWidth(120, r.grid),
		widget.NewLabel("标签"), fixedWidth(110, r.tag),
		widget.NewLabel("状态"), fixedWidth(100, r.status),
		r.searchBtn, r.resetBtn,
	)
	toolbar := container.NewHBox(r.newBtn, r.importBtn, r.exportBtn, layout.NewSpacer())
	top := container.NewVBox(heading("居民档案"), card("", container.NewHScroll(filters)), toolbar)
	listView := container.NewBorder(top, r.footer, nil, nil,
		r.body)
	r.navigator = newNavigator(listView)
	return r
}

func (r *residentsScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	view := newLink("查看", nil)
	edit := newLink("编辑", nil)
	ops := container.NewHBox(view, edit)
	ops.Hide()
	return container.NewStack(l, ops)
}

func (r *residentsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	l := st.Objects[0].(*widget.Label)
	ops := st.Objects[1].(*fyne.Container)
	if id.Row < 0 || id.Row >= len(r.rows) {
		return
	}
	res := r.rows[id.Row]
	if id.Col == colOps {
		l.Hide()
		ops.Show()
		view := ops.Objects[0].(*link)
		edit := ops.Objects[1].(*link)
		rid := res.ID
		view.OnTapped = func() { r.showDetail(rid) }
		edit.OnTapped = func() { r.showEdit(rid) }
		if r.sess.Can(data.ActEditResidents) {
			edit.Show()
		} else {
			edit.Hide()
		}
		return
	}
	ops.Hide()
	l.Show()
	c := residentColumns[id.Col]
	l.Alignment = c.align
	l.Importance = widget.MediumImportance
	if id.Col == colStatus && res.Status != data.ResidentActive {
		l.Importance = widget.LowImportance
	}
	l.SetText(c.text(r.pagedTable, id.Row, res))
}

// cellText is what the table shows at row, col (the 操作 column reads "查看 编辑").
func (r *residentsScreen) cellText(row, col int) string {
	o := r.createCell()
	r.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	st := o.(*fyne.Container)
	if col == colOps {
		ops := st.Objects[1].(*fyne.Container)
		return ops.Objects[0].(*link).Text + " " + ops.Objects[1].(*link).Text
	}
	return st.Objects[0].(*widget.Label).Text
}

// Title implements Screen.
func (r *residentsScreen) Title() string { return "居民档案" }

// Content implements Screen.
func (r *residentsScreen) Content() fyne.CanvasObject { return r.box }

// Refresh reloads the pickers and the page on show (or the resident on show).
func (r *residentsScreen) Refresh() {
	r.loadChoices()
	r.load()
	if r.view == "detail" && r.detail != nil {
		r.detail.load()
	}
}

// OnNew opens an empty form (Ctrl+N).
func (r *residentsScreen) OnNew() {
	if !r.sess.Can(data.ActEditResidents) {
		return
	}
	r.openForm(data.Resident{Status: data.ResidentActive, CommunityID: r.filter.CommunityID, GridID: r.filter.GridID})
}

// FocusSearch puts the cursor in the keyword box (Ctrl+F).
func (r *residentsScreen) FocusSearch() {
	if r.view == "form" {
		return
	}
	r.showList()
	r.sess.Window.Canvas().Focus(r.query)
}

// OnSave saves the open form (Ctrl+S).
func (r *residentsScreen) OnSave() {
	if r.view == "form" && r.form != nil {
		r.form.onSave()
	}
}

// OnEscape closes the form (asking first if something was typed) or the resident's page.
// OnExport implements Exporter: 导出 of the roster, when the list is on show.
func (r *residentsScreen) OnExport() {
	if r.onList() && !r.exportBtn.Disabled() && r.exportBtn.OnTapped != nil {
		r.exportBtn.OnTapped()
	}
}

func (r *residentsScreen) OnEscape() bool {
	switch r.view {
	case "form":
		r.form.onCancel()
		return true
	case "detail":
		r.showList()
		return true
	}
	return false
}

// loadChoices fills the community, grid and tag pickers from the store.
func (r *residentsScreen) loadChoices() {
	var cs []data.Community
	var gs []data.Grid
	var tags []string
	r.sess.Go(func() (err error) {
		ctx := r.sess.Ctx()
		if cs, err = r.sess.DB.Communities(ctx, false); err != nil {
			return err
		}
		if gs, err = r.sess.DB.Grids(ctx, 0); err != nil {
			return err
		}
		tags, err = r.sess.DB.CatalogValues(ctx, data.CatalogTags)
		return err
	}, func(err error) {
		if err != nil {
			r.sess.ShowError(err)
			return
		}
		r.communities, r.grids, r.tags = cs, gs, tags
		opts := []string{allCommunities}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		r.community.Options = opts
		if indexOf(opts, r.community.Selected) < 0 {
			r.community.SetSelected(allCommunities)
		}
		r.community.Refresh()
		r.onCommunityChanged()
		r.tag.Options = append([]string{allTags}, tags...)
		if indexOf(r.tag.Options, r.tag.Selected) < 0 {
			r.tag.SetSelected(allTags)
		}
		r.tag.Refresh()
	})
}

func (r *residentsScreen) communityID(name string) int64 {
	for _, c := range r.communities {
		if c.Name == name {
			return c.ID
		}
	}
	return 0
}

func (r *residentsScreen) gridsOf(communityID int64) []data.Grid {
	var out []data.Grid
	for _, g := range r.grids {
		if g.CommunityID == communityID {
			out = append(out, g)
		}
	}
	return out
}

func (r *residentsScreen) onCommunityChanged() {
	cid := r.communityID(r.community.Selected)
	opts := []string{allGrids}
	for _, g := range r.gridsOf(cid) {
		opts = append(opts, g.Name)
	}
	r.grid.Options = opts
	if indexOf(opts, r.grid.Selected) < 0 {
		r.grid.SetSelected(allGrids)
	}
	if cid == 0 || len(opts) == 1 {
		r.grid.Disable()
	} else {
		r.grid.Enable()
	}
	r.grid.Refresh()
}

// onQuery applies the filter bar and shows the first page.
func (r *residentsScreen) onQuery() {
	f := data.ResidentFilter{Query: strings.TrimSpace(r.query.Text)}
	f.CommunityID = r.communityID(r.community.Selected)
	if f.CommunityID != 0 {
		for _, g := range r.gridsOf(f.CommunityID) {
			if g.Name == r.grid.Selected {
				f.GridID = g.ID
			}
		}
	}
	if r.tag.Selected != allTags {
		f.Tag = r.tag.Selected
	}
	for _, st := range data.ResidentStatuses {
		if st.String() == r.status.Selected {
			f.Status = st
		}
	}
	r.filter = f
	r.offset = 0
	r.showList()
	r.load()
}

func (r *residentsScreen) onReset() {
	r.query.SetText("")
	r.community.SetSelected(allCommunities)
	r.grid.SetSelected(allGrids)
	r.tag.SetSelected(allTags)
	r.status.SetSelected(allStatuses)
	r.sortCol, r.desc = -1, false
	r.onQuery()
}

// load fetches the current page from the store: one page at a time, never the whole list.
func (r *residentsScreen) load() {
	f := r.filter
	r.fetch(func(q pageQuery) ([]data.Resident, int, error) {
		f.Offset, f.Limit, f.Sort, f.Desc = q.offset, q.limit, q.sort, q.desc
		return r.sess.DB.ListResidents(r.sess.Ctx(), f)
	}, nil)
}

// showList returns to the list.
func (r *residentsScreen) showList() {
	r.showHome()
}

// showDetail opens a resident's page.
func (r *residentsScreen) showDetail(id int64) {
	if r.detail == nil {
		r.detail = newResidentDetail(r)
	}
	r.show("detail", r.detail.content)
	r.detail.show(id)
}

// showEdit opens the form on a resident.
func (r *residentsScreen) showEdit(id int64) {
	var res data.Resident
	var seen data.Seen
	r.sess.Go(func() (err error) {
		if seen, err = r.sess.DB.Seen(r.sess.Ctx(), "residents", id); err != nil {
			return err
		}
		res, err = r.sess.DB.Resident(r.sess.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			r.sess.ShowError(err)
			return
		}
		r.openForm(res)
		r.form.seen = seen
	})
}

func (r *residentsScreen) openForm(res data.Resident) {
	r.form = newResidentForm(r, res)
	r.show("form", r.form.content)
	r.sess.Window.Canvas().Focus(r.form.name)
}

// closeForm leaves the form for the resident's page, or the list for a new one.
func (r *residentsScreen) closeForm(id int64) {
	r.form = nil
	if id != 0 {
		r.showDetail(id)
		return
	}
	r.showList()
}

// saved is called after the form saved res: the list reloads and the record stays on screen.
func (r *residentsScreen) saved(res data.Resident) {
	r.sess.Notify("已保存 " + res.Name)
	r.form = nil
	r.load()
	r.showDetail(res.ID)
}
