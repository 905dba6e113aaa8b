package app

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
