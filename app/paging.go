package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var pageSizes = []string{"20 条/页", "50 条/页", "100 条/页"}
var pageSizeValues = []int{20, 50, 100}

// pageState is the paging and sort order of a list that reads one page at a time from the
// store; reload fetches the page the state now describes.
type pageState struct {
	count   int // rows matching the filter, from the store
	offset  int
	limit   int
	sortCol int  // index into the table's columns; -1 for the store's default order
	desc    bool // sort descending
	seq     int  // guards against a slow, stale page overwriting a newer one
	reload  func()
}

// newPageState starts on the first page of limit rows in the store's default order.
func newPageState(limit int) pageState { return pageState{limit: limit, sortCol: -1} }

// onSort sorts by col, or turns the order round when col already sorts.
func (p *pageState) onSort(col int) {
	if p.sortCol == col {
		p.desc = !p.desc
	} else {
		p.sortCol, p.desc = col, false
	}
	p.offset = 0
	p.reload()
}

func (p *pageState) onPrev() {
	if p.offset == 0 {
		return
	}
	p.offset = max(p.offset-p.limit, 0)
	p.reload()
}

func (p *pageState) onNext() {
	if p.offset+p.limit >= p.count {
		return
	}
	p.offset += p.limit
	p.reload()
}

// loadPage fetches the page p describes off the UI goroutine and hands its rows to show. A
// slower, older request that finishes late is dropped; a page left empty (after a void or a
// narrower filter) moves back to the last page that has rows.
func loadPage[T any](s *Session, p *pageState, fetch func() ([]T, int, error), show func([]T)) {
	p.seq++
	seq := p.seq
	var rows []T
	var total int
	s.Go(func() (err error) {
		rows, total, err = fetch()
		return err
	}, func(err error) {
		if seq != p.seq {
			return
		}
		if err != nil {
			s.ShowError(err)
			return
		}
		if len(rows) == 0 && total > 0 && p.offset > 0 {
			p.offset = max((total-1)/p.limit*p.limit, 0)
			p.reload()
			return
		}
		p.count = total
		show(rows)
	})
}

// column is one column of a paged table of R.
type column[R any] struct {
	title string
	width float32
	sort  string // the store's sort key; "" when the column does not sort
	flip  bool   // ascending here is descending in the store (年龄 sorts by birth date)
	align fyne.TextAlign
	text  func(t *pagedTable[R], row int, r R) string
}

// pageQuery is what a store's list call needs of the paging: the page and the sort order.
type pageQuery struct {
	offset, limit int
	sort          string // the sorting column's key; "" for the store's default order
	desc          bool
}

// pagedTable is the list part of a screen: a table of one page of R from the store, its
// sortable header, the text shown when nothing is listed, and the footer (共 N 条, page
// size, 上一页, 第 x / y 页, 下一页). The screen supplies the cells and the store call.
type pagedTable[R any] struct {
	pageState
	sess *Session
	cols []column[R]
	rows []R
	unit string // 条, or 人 for a list of people

	table    *listTable
	fit      *fitColumn // nil when no column fits the width
	empty    *widget.Label
	total    *widget.Label
	page     *widget.Label
	pageSize *widget.Select // nil when the page size is fixed
	prev     *button
	next     *button
	footer   *fyne.Container
	// full shows the selected row's cells in full under the table: what a narrow column
	// cuts off with … can be read there.
	full *widget.Label
	// body is the table in its card with the empty text over it; the screen places it.
	body fyne.CanvasObject
	// emptyText says what to do when nothing is listed.
	emptyText func() string
	// key names a row's record (its id), so that a list reloaded for another PC's change
	// keeps the same record selected; nil keeps the selected place.
	key func(R) int64
}

// pagedOptions are the ways the five lists differ.
type pagedOptions struct {
	unit      string // 条 when empty
	pageSizes bool   // offer 20/50/100 a page; otherwise a fixed 50
	// fit gives column fit the width the others leave, between fitMin and fitMax, so the
	// table fits a 1366-pixel screen without scrolling sideways; -1 for none.
	fit            int
	fitMin, fitMax float32
	grow           []int // the other long-text columns, which a wide screen widens first
	wrapEmpty      bool  // the empty text is long enough to wrap
}

// newPagedTable makes the table; reload is the screen's load, which builds its filter and
// calls fetch.
func newPagedTable[R any](s *Session, cols []column[R], create func() fyne.CanvasObject,
	update func(widget.TableCellID, fyne.CanvasObject), reload func(), opt pagedOptions) *pagedTable[R] {
	t := &pagedTable[R]{pageState: newPageState(50), sess: s, cols: cols, unit: opt.unit}
	if t.unit == "" {
		t.unit = "条"
	}
	t.reload = reload
	t.table = newListTable(func() int { return len(t.rows) }, len(cols), create, update)
	sortableHeader(&t.pageState, &t.table.Table, cols)

	t.empty = widget.NewLabel("")
	t.empty.Alignment = fyne.TextAlignCenter
	t.empty.Importance = widget.LowImportance
	if opt.wrapEmpty {
		t.empty.Wrapping = fyne.TextWrapWord
	}
	t.empty.Hide()
	t.total = widget.NewLabel("共 0 " + t.unit)
	t.page = widget.NewLabel("第 1 / 1 页")
	t.prev = newButtonWithIcon("上一页", theme.NavigateBackIcon(), t.onPrev)
	t.next = newButtonWithIcon("下一页", theme.NavigateNextIcon(), t.onNext)
	t.next.IconPlacement = widget.ButtonIconTrailingText
	t.footer = container.NewHBox(t.total, layout.NewSpacer())
	if opt.pageSizes {
		t.pageSize = newSelect(pageSizes, func(v string) {
			if n := pageSizeValues[max(indexOf(pageSizes, v), 0)]; n != t.limit {
				t.limit, t.offset = n, 0
				t.reload()
			}
		})
		t.pageSize.SetSelected(pageSizes[1])
		t.footer.Add(fixedWidth(120, t.pageSize))
	}
	t.footer.Add(t.prev)
	t.footer.Add(t.page)
	t.footer.Add(t.next)

	var table fyne.CanvasObject = t.table
	if opt.fit >= 0 && opt.fit < len(cols) {
		fit := &fitColumn{table: &t.table.Table, flex: opt.fit, grow: opt.grow, min: opt.fitMin, max: opt.fitMax}
		for _, c := range cols {
			fit.widths = append(fit.widths, c.width)
		}
		table = container.New(fit, t.table)
		t.fit = fit
	}
	t.full = widget.NewLabel("")
	t.full.Wrapping = fyne.TextWrapWord
	t.full.Importance = widget.LowImportance
	t.table.onSelect = t.showFull
	// Two lines kept for it, so the table does not jump when a row is selected.
	fullBox := container.New(&heightLayout{h: 2*theme.TextSize() + 3*theme.InnerPadding()}, container.NewVScroll(t.full))
	t.body = card("", container.NewBorder(nil, fullBox, nil, nil,
		container.NewStack(table, container.NewCenter(t.empty))))
	return t
}

// showFull writes the selected row's columns in full under the table, each with its title;
// columns that show nothing as text (序号 aside, 操作) are left out.
func (t *pagedTable[R]) showFull(row int) {
	if row < 0 || row >= len(t.rows) {
		t.full.SetText("单击或用方向键选中一行，这里显示它的完整内容；回车或双击打开")
		return
	}
	var parts []string
	for _, c := range t.cols {
		if c.title == "序号" {
			continue
		}
		if v := strings.TrimSpace(c.text(t, row, t.rows[row])); v != "" {
			parts = append(parts, c.title+"："+v)
		}
	}
	t.full.SetText(strings.Join(parts, "　"))
}

// heightLayout gives its objects a fixed height.
type heightLayout struct{ h float32 }

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

func (l *heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// query is the page and sort order the state describes.
func (t *pagedTable[R]) query() pageQuery {
	q := pageQuery{offset: t.offset, limit: t.limit}
	if t.sortCol >= 0 && t.sortCol < len(t.cols) {
		c := t.cols[t.sortCol]
		q.sort, q.desc = c.sort, t.desc != c.flip
	}
	return q
}

// fetch reads the page with list off the UI goroutine and shows it, then runs shown (if any)
// on the UI goroutine. A request overtaken by a newer one is dropped (loadPage).
func (t *pagedTable[R]) fetch(list func(pageQuery) ([]R, int, error), shown func()) {
	q := t.query()
	live := t.sess.liveReload()
	loadPage(t.sess, &t.pageState, func() ([]R, int, error) { return list(q) }, func(rows []R) {
		if live {
			t.keepPlace(rows)
		} else {
			t.rows = rows
			t.update()
		}
		if shown != nil {
			shown()
		}
	})
}

// showCount shows the count, the page and which of 上一页 and 下一页 apply.
func (t *pagedTable[R]) showCount() {
	t.total.SetText(fmt.Sprintf("共 %s %s", groupDigits(t.count), t.unit))
	pages := max((t.count+t.limit-1)/t.limit, 1)
	t.page.SetText(fmt.Sprintf("第 %s / %s 页", groupDigits(t.offset/t.limit+1), groupDigits(pages)))
	enable(t.prev, t.offset > 0)
	enable(t.next, t.offset+t.limit < t.count)
}

// update shows the rows, the count and the page, or the empty text.
func (t *pagedTable[R]) update() {
	t.showCount()
	if t.count == 0 {
		text := ""
		if t.emptyText != nil {
			text = t.emptyText()
		}
		t.empty.SetText(text)
		t.empty.Show()
		t.table.Hide()
	} else {
		t.empty.Hide()
		t.table.Show()
	}
	t.footer.Refresh()
	t.table.clearSelection()
	t.table.Refresh()
	t.table.ScrollToTop()
}

// keepPlace shows rows reloaded for another PC's change: the count and the page as update
// does, but the selected record stays selected (or the selected place, without a key) and
// the table stays scrolled where the clerk left it.
func (t *pagedTable[R]) keepPlace(rows []R) {
	sel := t.table.selected
	var selKey int64
	hadKey := t.key != nil && sel >= 0 && sel < len(t.rows)
	if hadKey {
		selKey = t.key(t.rows[sel])
	}
	t.rows = rows
	switch {
	case hadKey:
		sel = -1
		for i, r := range rows {
			if t.key(r) == selKey {
				sel = i
				break
			}
		}
	case sel >= len(rows):
		sel = -1
	}
	if t.count == 0 {
		t.update()
		return
	}
	t.showCount()
	t.empty.Hide()
	t.table.Show()
	t.footer.Refresh()
	t.table.selected = sel
	if t.table.onSelect != nil {
		t.table.onSelect(sel)
	}
	t.table.Refresh()
}

// opens makes Enter and a double click on a row run open with the row's record.
func (t *pagedTable[R]) opens(open func(r R)) {
	t.table.onOpen = func(row int) {
		if row < len(t.rows) {
			open(t.rows[row])
		}
	}
}

// seqText is the 序号 of row: its place in the whole list, not the page.
func (t *pagedTable[R]) seqText(row int) string { return groupDigits(t.offset + row + 1) }

// headerText is the header of col as shown, with its sort mark.
func (t *pagedTable[R]) headerText(col int) string { return t.sortMark(col, t.cols[col]) }

// listColumn is what the header row of a paged table needs from a column.
type listColumn interface {
	head() (title string, sortable bool, width float32)
}

func (c column[R]) head() (string, bool, float32) { return c.title, c.sort != "", c.width }

// sortableHeader gives t a header row of flat buttons and the columns' widths: a column that
// sorts shows ⇅, ▲ or ▼ and sorts the list when tapped.
func sortableHeader[C listColumn](p *pageState, t *widget.Table, cols []C) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := newButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*button)
		if id.Col < 0 || id.Col >= len(cols) {
			b.SetText("")
			return
		}
		col := id.Col
		b.SetText(p.sortMark(col, cols[col]))
		if _, sortable, _ := cols[col].head(); sortable {
			b.OnTapped = func() { p.onSort(col) }
		} else {
			b.OnTapped = nil
		}
	}
	for i, c := range cols {
		_, _, w := c.head()
		t.SetColumnWidth(i, w)
	}
}

// sortMark is a column's title with its sort mark: ⇅ sortable, ▲/▼ the current order.
func (p *pageState) sortMark(col int, c listColumn) string {
	title, sortable, _ := c.head()
	switch {
	case !sortable:
		return title
	case p.sortCol != col:
		return title + " ⇅"
	case p.desc:
		return title + " ▼"
	}
	return title + " ▲"
}

// fitColumn gives one column of a table the width the others leave, between min and max, so
// a table fits a 1366-pixel screen without scrolling sideways and uses a wider one. What
// the flexible column cannot take (a 1920-pixel screen) goes to the other long-text columns
// (grow), up to growMax times their width; only what they cannot take either widens every
// column, instead of leaving blank space after the last.
type fitColumn struct {
	table    *widget.Table
	widths   []float32
	flex     int
	grow     []int // the other columns of long text
	min, max float32
	cur      []float32 // the widths set, by column
}

// growMax is how many times its own width a long-text column grows to on a wide screen.
const growMax = 2.5

func (l *fitColumn) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *fitColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for i, w := range l.widths {
		if i != l.flex {
			fixed += w
		}
	}
	// Room for the column separators and the vertical scroll bar.
	room := size.Width - fixed - float32(len(l.widths))*2 - 36
	want := append([]float32(nil), l.widths...)
	want[l.flex] = min(max(room, l.min), l.max)
	if extra := room - want[l.flex]; extra > 0 {
		growBase := float32(0)
		for _, i := range l.grow {
			growBase += l.widths[i]
		}
		if growBase > 0 {
			give := min(extra, growBase*(growMax-1))
			for _, i := range l.grow {
				want[i] += give * l.widths[i] / growBase
			}
			extra -= give
		}
		if extra > 0 && fixed > 0 {
			for i := range want {
				if i != l.flex {
					want[i] += l.widths[i] * extra / fixed
				}
			}
		}
	}
	changed := len(l.cur) != len(want)
	for i := range want {
		changed = changed || l.cur[i] != want[i]
	}
	if changed {
		l.cur = want
		for i, w := range want {
			l.table.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
