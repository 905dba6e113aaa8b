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
