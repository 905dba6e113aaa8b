package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// pageState is the paging and sort order of a list screen that reads one page at a time
// from the store. The residents, issues and documents lists embed it; reload fetches the
// page the state now describes.
type pageState struct {
	count   int // rows matching the filter, from the store
	offset  int
	limit   int
	sortCol int  // index into the screen's columns; -1 for the store's default order
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

// listColumn is what the header row of a paged table needs from a column.
type listColumn interface {
	head() (title string, sortable bool, width float32)
}

func (c residentColumn) head() (string, bool, float32) { return c.title, c.sort != "", c.width }
func (c issueColumn) head() (string, bool, float32)    { return c.title, c.sort != "", c.width }
func (c docColumn) head() (string, bool, float32)      { return c.title, c.sort != "", c.width }

// sortableHeader gives t a header row of flat buttons and the columns' widths: a column that
// sorts shows ⇅, ▲ or ▼ and sorts the list when tapped.
func sortableHeader[C listColumn](p *pageState, t *widget.Table, cols []C) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
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
