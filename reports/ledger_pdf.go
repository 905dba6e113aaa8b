package reports

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// RowSource yields a ledger's rows, each the ledger's columns without 序号, in order. It may
// be called more than once: the PDF writer reads the rows twice (once to count the pages for
// 共 M 页, once to draw them), so memory stays flat however many rows there are.
type RowSource func(each func(cells []string) error) error

// Format is the file format of a ledger export.
type Format int

// Formats of a ledger export.
const (
	FormatXLSX Format = iota
	FormatPDF
)

// String is the format's extension without the dot.
func (f Format) String() string {
	if f == FormatPDF {
		return "pdf"
	}
	return "xlsx"
}

// FormatOf tells the format from a file name's extension (.xlsx or .pdf, any case).
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return FormatXLSX, true
	case ".pdf":
		return FormatPDF, true
	}
	return 0, false
}

// WriteLedger writes a ledger in the inspector's form as XLSX or PDF and returns the number of
// rows written. opts is used for a PDF only.
func WriteLedger(w io.Writer, format Format, l LedgerSheet, rows RowSource, opts Options) (int, error) {
	if format == FormatPDF {
		return WriteLedgerPDF(w, l, rows, opts)
	}
	x, err := NewLedgerXLSX(l)
	if err != nil {
		return 0, err
	}
	defer x.Close()
	if err := rows(func(cells []string) error { return x.Row(cells...) }); err != nil {
		return x.Rows(), err
	}
	if _, err := x.WriteTo(w); err != nil {
		return x.Rows(), err
	}
	return x.Rows(), nil
}

// Printed ledger geometry: A4 landscape, in millimetres and points.
const (
	LedgerPageWidth  = 297.0
	LedgerPageHeight = 210.0
	ledgerMarginX    = 12.0
	ledgerTop        = 12.0
	ledgerBottom     = LedgerPageHeight - 16.0 // the table stops here; the page footer sits below
	ledgerCellSize   = 8.0                     // between 小5号 and 6号, so 17 columns fit a landscape page
	ledgerTitleSize  = 16.0                    // 3号 title
	ledgerMetaSize   = 10.5                    // 5号 for 填报单位 and the signatures
	ledgerPadX       = 0.8
	ledgerPadY       = 1.0
)

// Roles of the printed ledger's runs, for tests and a preview.
const (
	RoleHeader Role = "header" // a column heading, repeated on every page
	RoleCell   Role = "cell"
	RoleMeta   Role = "meta"   // 填报单位, 填报日期
	RoleFooter Role = "footer" // 共 N 条, 填报人, 审核人
)

// ledgerLineH is the height of one text line in a cell.
var ledgerLineH = Em(ledgerCellSize) * 1.3

// ledgerLayout lays a ledger out page by page, handing each finished page to emit; total is
// the page count when known (the second pass), used for 第 N 页 共 M 页.
type ledgerLayout struct {
	l      LedgerSheet
	cols   []Column
	x      []float64 // left edge of each column, plus the right edge of the table
	half   []int     // half cells per line in each column
	total  int
	emit   func(Page) error
	page   Page
	n      int     // pages begun
	y      float64 // next free y on the page
	tableY float64 // top of the table on this page
	rows   int

	lastRowBottom float64
}

func newLedgerLayout(l LedgerSheet, total int, emit func(Page) error) *ledgerLayout {
	g := &ledgerLayout{l: l, total: total, emit: emit}
	g.cols = append([]Column{{Title: "序号", Width: 6, Align: AlignCenter}}, l.Columns...)
	sum := 0.0
	for i := range g.cols {
		if g.cols[i].Width <= 0 {
			g.cols[i].Width = 12
		}
		sum += g.cols[i].Width
	}
	width := LedgerPageWidth - 2*ledgerMarginX
	x := ledgerMarginX
	cell := Em(ledgerCellSize)
	for _, c := range g.cols {
		g.x = append(g.x, x)
		w := width * c.Width / sum
		g.half = append(g.half, max(int(math.Floor(2*(w-2*ledgerPadX)/cell+1e-9)), 2))
		x += w
	}
	g.x = append(g.x, ledgerMarginX+width)
	return g
}

func (g *ledgerLayout) text(x, y, size float64, face Face, s string, role Role) {
	g.page.Texts = append(g.page.Texts, Text{X: x, Y: y, Size: size, Face: face, Cell: Em(size), S: s, Role: role})
}

// start begins a page: the title block on page 1, then the header row.
func (g *ledgerLayout) start() {
	g.n++
	g.page = Page{Number: g.n}
	g.y = ledgerTop
	if g.n == 1 {
		em := Em(ledgerTitleSize)
		for _, line := range BreakLines(g.l.Title, int((LedgerPageWidth-2*ledgerMarginX)/em)) {
			g.text(alignX2(line, ledgerTitleSize, ledgerMarginX, LedgerPageWidth-2*ledgerMarginX), g.y+0.88*em, ledgerTitleSize, FaceTitle, line, RoleTitle)
			g.y += em * 1.4
		}
		g.y += 2
		me := Em(ledgerMetaSize)
		g.text(ledgerMarginX, g.y+0.88*me, ledgerMetaSize, FaceBody, "填报单位："+g.l.Unit, RoleMeta)
		d := "填报日期：" + g.l.Date.Chinese()
		g.text(LedgerPageWidth-ledgerMarginX-Cells(d)*me, g.y+0.88*me, ledgerMetaSize, FaceBody, d, RoleMeta)
		g.y += me * 1.8
	}
	g.tableY = g.y
	cells := make([]string, len(g.cols))
	for i, c := range g.cols {
		cells[i] = c.Title
	}
	g.row(cells, FaceTitle, RoleHeader, true)
	// A second rule under the header sets it off from the rows.
	g.page.Rules = append(g.page.Rules, Rule{X1: g.x[0], Y1: g.y - 0.4, X2: g.x[len(g.x)-1], Y2: g.y - 0.4, Width: 0.2})
}

// finish draws the table's vertical rules and the page footer, and hands the page on.
func (g *ledgerLayout) finish() error {
	for _, x := range g.x {
		g.page.Rules = append(g.page.Rules, Rule{X1: x, Y1: g.tableY, X2: x, Y2: g.tableBottom(), Width: 0.2})
	}
	total := g.total
	if total == 0 {
		total = 999 // first pass: the same digits as the real count will print, near enough
	}
	s := fmt.Sprintf("第 %d 页 共 %d 页", g.n, total)
	size := ledgerMetaSize
	g.text(alignX2(s, size, 0, LedgerPageWidth), LedgerPageHeight-8, size, FaceBody, s, RolePageNumber)
	return g.emit(g.page)
}

// tableBottom is the bottom of the last row on the page (the table's rules stop there).
func (g *ledgerLayout) tableBottom() float64 { return g.lastRowBottom }

// row places one bordered row of cells (a header when header is set) at g.y; the caller has
// made room.
func (g *ledgerLayout) row(cells []string, face Face, role Role, header bool) {
	lines, h := g.measure(cells)
	g.place(cells, lines, h, face, role, header)
}

func (g *ledgerLayout) measure(cells []string) ([][]string, float64) {
	lines := make([][]string, len(g.cols))
	most := 1
	for i := range g.cols {
		s := ""
		if i < len(cells) {
			s = strings.TrimSpace(cells[i])
		}
		if s == "" {
			continue
		}
		lines[i] = breakLines(s, g.half[i], g.half[i])
		most = max(most, len(lines[i]))
	}
	// A row never runs over a page: an over-long cell is cut with an ellipsis.
	room := ledgerBottom - ledgerTop - 2*ledgerLineH - 2*ledgerPadY
	limit := max(int(room/ledgerLineH), 1)
	if most > limit {
		for i, ls := range lines {
			if len(ls) > limit {
				last := []rune(ls[limit-1])
				if len(last) > 1 {
					last = last[:len(last)-1]
				}
				lines[i] = append(ls[:limit-1:limit-1], string(last)+"…")
			}
		}
		most = limit
	}
	return lines, float64(most)*ledgerLineH + 2*ledgerPadY
}

func (g *ledgerLayout) place(cells []string, lines [][]string, h float64, face Face, role Role, header bool) {
	em := Em(ledgerCellSize)
	if header || g.y == g.tableY {
		g.page.Rules = append(g.page.Rules, Rule{X1: g.x[0], Y1: g.y, X2: g.x[len(g.x)-1], Y2: g.y, Width: 0.2})
	}
	for i, ls := range lines {
		a := g.cols[i].Align
		if header {
			a = AlignCenter
		}
		x0, w := g.x[i]+ledgerPadX, g.x[i+1]-g.x[i]-2*ledgerPadX
		// Vertically centred in the row.
		top := g.y + (h-float64(len(ls))*ledgerLineH)/2
		for k, s := range ls {
			x := x0
			switch a {
			case AlignCenter:
				x = x0 + (w-Cells(s)*em)/2
			case AlignRight:
				x = x0 + w - Cells(s)*em
			}
			base := top + float64(k)*ledgerLineH + (ledgerLineH-em)/2 + 0.88*em
			g.text(x, base, ledgerCellSize, face, s, role)
		}
	}
	g.y += h
	g.page.Rules = append(g.page.Rules, Rule{X1: g.x[0], Y1: g.y, X2: g.x[len(g.x)-1], Y2: g.y, Width: 0.2})
	g.lastRowBottom = g.y
}

// add places a data row, starting a new page (with the header again) when it does not fit.
func (g *ledgerLayout) add(cells []string) error {
	g.rows++
	all := append([]string{strconv.Itoa(g.rows)}, cells...)
	lines, h := g.measure(all)
	if g.y+h > ledgerBottom {
		if err := g.finish(); err != nil {
			return err
		}
		g.start()
	}
	g.place(all, lines, h, FaceBody, RoleCell, false)
	return nil
}

// end writes 共 N 条 with the note, and 填报人/审核人, then finishes the last page.
func (g *ledgerLayout) end() error {
	me := Em(ledgerMetaSize)
	need := me * 7.5
	if g.y+need > ledgerBottom+8 {
		if err := g.finish(); err != nil {
			return err
		}
		g.start()
	}
	note := fmt.Sprintf("共 %d 条。", g.rows) + g.l.Note
	y := g.y + me*1.6
	g.text(ledgerMarginX, y, ledgerMetaSize, FaceBody, note, RoleFooter)
	if a := auditFooter(g.l); a != "" {
		y += me * 1.5
		g.text(ledgerMarginX, y, ledgerMetaSize, FaceBody, a, RoleFooter)
	}
	y += me * 2.6
	sign := func(label, name string) string { return label + "：" + name }
	g.text(ledgerMarginX, y, ledgerMetaSize, FaceBody, sign("填报人", g.l.Preparer), RoleFooter)
	g.text(ledgerMarginX+(LedgerPageWidth-2*ledgerMarginX)/2, y, ledgerMetaSize, FaceBody, sign("审核人", g.l.Reviewer), RoleFooter)
	// Vertical rules must stop at the table, not at the footer.
	return g.finish()
}

// alignX2 centres s of size pt in [x0, x0+w].
func alignX2(s string, size, x0, w float64) float64 { return x0 + (w-Cells(s)*Em(size))/2 }

// layoutLedger runs rows through the layout once.
func layoutLedger(l LedgerSheet, rows RowSource, total int, emit func(Page) error) (pages, n int, err error) {
	if len(l.Columns) == 0 {
		return 0, 0, errors.New("ledger pdf: no columns")
	}
	g := newLedgerLayout(l, total, emit)
	g.start()
	if err := rows(g.add); err != nil {
		return g.n, g.rows, err
	}
	if err := g.end(); err != nil {
		return g.n, g.rows, err
	}
	return g.n, g.rows, nil
}

// LayoutLedger lays a whole ledger out into landscape pages (LedgerPageWidth ×
// LedgerPageHeight) of the page model, for tests and a preview. For a big ledger use
// WriteLedgerPDF, which never holds more than one page.
func LayoutLedger(l LedgerSheet, rows RowSource) ([]Page, error) {
	n, _, err := layoutLedger(l, rows, 0, func(Page) error { return nil })
	if err != nil {
		return nil, err
	}
	var pages []Page
	_, _, err = layoutLedger(l, rows, n, func(p Page) error { pages = append(pages, p); return nil })
	return pages, err
}

// WriteLedgerPDF writes a ledger as a printable A4 landscape PDF: the title and 填报单位/日期
// on page 1, the header row repeated on every page, wrapped cells following the Chinese
// line-breaking rules, 第 N 页 共 M 页 under each page and 共 N 条, 填报人 and 审核人 at the
// end. rows is read twice; it returns the number of rows.
func WriteLedgerPDF(w io.Writer, l LedgerSheet, rows RowSource, opts Options) (int, error) {
	// Pass 1: count the pages and collect the characters each face prints.
	used := map[Face]map[rune]bool{FaceBody: {}, FaceTitle: {}}
	for _, r := range "第页共 0123456789" { // pass 1 counts 999 pages; pass 2 prints the real count
		used[FaceBody][r] = true
	}
	pages, _, err := layoutLedger(l, rows, 0, func(p Page) error {
		for _, t := range p.Texts {
			addRunes(used, t)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}

	if opts.Created.IsZero() {
		opts.Created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		if !l.Date.IsZero() {
			opts.Created = l.Date.In(time.UTC)
		}
	}
	if opts.Title == "" {
		opts.Title = l.Title
	}
	pdf, fonts, err := newPDF("L", opts, used)
	if err != nil {
		return 0, err
	}

	// Pass 2: draw each page as it is laid out.
	_, n, err := layoutLedger(l, rows, pages, func(p Page) error {
		pdf.AddPage()
		setStroke(pdf, 0.2, 0, false)
		for _, r := range p.Rules {
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		pdf.SetTextColor(0, 0, 0)
		for _, t := range p.Texts {
			drawText(pdf, t, fonts)
		}
		return pdf.Error()
	})
	if err != nil {
		return n, err
	}
	if err := outputPDF(w, pdf, fonts); err != nil {
		return n, fmt.Errorf("ledger: %w", err)
	}
	return n, nil
}
