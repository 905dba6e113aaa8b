package reports

import (
	"math"
	"strings"
)

// flow places text on the 22-line grid of successive pages. Each method takes whole grid
// lines; a title, a table row and the closing block are never split across pages.
type flow struct {
	pages   []Page
	content []bool    // the page holds more than the closing block
	pitch   []float64 // line pitch of each page: LinePitch unless set closer for the closing
	line    int       // next free grid line on the last page
	// numberSingle: number a one-page document too (decisions and notices do; the receipt
	// and the one-time notice are forms and carry a number only when they run over a page).
	numberSingle bool
}

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

func newFlow(numberSingle bool) *flow {
	f := &flow{numberSingle: numberSingle}
	f.newPage()
	return f
}

func (f *flow) newPage() {
	f.pages = append(f.pages, Page{})
	f.content = append(f.content, false)
	f.pitch = append(f.pitch, LinePitch)
	f.line = 0
}

func (f *flow) page() *Page { return &f.pages[len(f.pages)-1] }

// lineTop returns the top of grid line l in millimetres.
func lineTop(l int) float64 { return Top + float64(l)*LinePitch }

// baseline returns the baseline of a size-pt run on grid line l: its em box centred in the
// line.
func baseline(l int, size float64) float64 {
	em := Em(size)
	return lineTop(l) + (LinePitch-em)/2 + 0.88*em
}

// lines returns how many lines the current page holds: 22, or more once set closer.
func (f *flow) lines() int { return int(math.Round(BlockH / f.pitch[len(f.pitch)-1])) }

// need starts a new page unless n more lines fit on this one.
func (f *flow) need(n int) {
	if f.line+n > f.lines() && f.line > 0 {
		f.newPage()
	}
}

// blank skips n lines; blank lines are not carried to the top of a new page.
func (f *flow) blank(n int) {
	f.line += n
	if f.line >= GridLines {
		f.newPage()
	}
}

// put places s on the current line at x (mm) without advancing.
func (f *flow) put(x float64, s string, size float64, face Face, role Role) Text {
	// On a page set closer (tighten), the same place in its line.
	y := baseline(f.line, size) + float64(f.line)*(f.pitch[len(f.pitch)-1]-LinePitch)
	t := Text{X: x, Y: y, Size: size, Face: face, Cell: cellFor(size), S: s, Role: role}
	p := f.page()
	p.Texts = append(p.Texts, t)
	if role != RoleClosing {
		f.content[len(f.content)-1] = true
	}
	return t
}

// cellFor returns the grid cell of a size-pt run: the 3号 body fills 28 cells per line
// exactly; other sizes use their em.
func cellFor(size float64) float64 {
	if size == BodySize {
		return BodyCell
	}
	return Em(size)
}

// charsPerLine returns how many full-width size-pt characters fit in width mm.
func charsPerLine(size, width float64) int {
	return int(math.Floor(width/cellFor(size) + 1e-9))
}

// alignX returns the x of a run of s in the span [x0, x0+w].
func alignX(s string, size float64, a align, x0, w float64) float64 {
	tw := Cells(s) * cellFor(size)
	switch a {
	case alignCenter:
		return x0 + (w-tw)/2
	case alignRight:
		return x0 + w - tw
	}
	return x0
}

// lineOf places one line aligned in the text block with a right inset of inset cells.
func (f *flow) lineOf(s string, size float64, face Face, a align, inset float64, role Role) {
	f.need(1)
	w := BlockW - inset*cellFor(size)
	f.put(alignX(s, size, a, Left, w), s, size, face, role)
	f.line++
}

// title places a centred title, broken into as few lines as it needs, kept together.
func (f *flow) title(s string, size float64) {
	lines := BreakLines(s, charsPerLine(size, BlockW))
	f.need(len(lines))
	for _, l := range lines {
		f.put(alignX(l, size, alignCenter, Left, BlockW), l, size, FaceTitle, RoleTitle)
		f.line++
	}
}

// para places a body paragraph with a first-line indent of indent characters (2 for body
// text per GB/T 9704, 0 for a salutation). Lines flow across pages.
func (f *flow) para(s string, indent int) {
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			f.paraLine(p, indent)
		}
	}
}

func (f *flow) paraLine(s string, indent int) {
	for i, l := range breakLines(s, 2*(GridChars-indent), 2*GridChars) {
		f.need(1)
		x := Left
		if i == 0 {
			x += float64(indent) * BodyCell
		}
		f.put(x, l, BodySize, FaceBody, RoleBody)
		f.line++
	}
}

// field places "label value" with the value's continuation lines hanging under the value.
func (f *flow) field(label, value string) {
	lw := halfCells(label)
	lines := breakLines(value, 2*GridChars-lw, 2*GridChars-lw)
	f.need(min(len(lines), 2)) // keep the label with at least one more line of its value
	for i, l := range lines {
		f.need(1)
		if i == 0 {
			f.put(Left, label, BodySize, FaceBody, RoleBody)
		}
		f.put(Left+float64(lw)/2*BodyCell, l, BodySize, FaceBody, RoleBody)
		f.line++
	}
}

// sealRadius is the radius of the seal placeholder: a street office's round seal is 42 mm
// across.
const sealRadius = 21.0

// closing places the issuing authority and the date per GB/T 9704-2012 7.3.5.1: the date
// four characters in from the right, the authority centred over the date, the seal pressing
// on both with its top within one line of the body. The block is kept together; a page that
// ends up holding only this block carries no page number.
//
// signs, if given, are signature labels ("经办人（签字）：") placed at the left of the
// authority and date lines, each followed by a blank to sign on, clear of the seal.
func (f *flow) closing(authority, date string, sealMark bool, signs ...string) {
	const lines = 4 // two lines for the seal's upper half, authority, date
	if last := len(f.pages) - 1; f.line == 0 && last > 0 && len(f.pages[last].Texts) == 0 {
		// The body filled its page exactly: the closing belongs at its foot.
		f.pages, f.content, f.pitch = f.pages[:last], f.content[:last], f.pitch[:last]
		f.line = GridLines
	}
	if over := f.line + lines - GridLines; over > 0 {
		// GB/T 9704-2012 7.3.5.4: when the space left cannot hold the seal and the date, the
		// line spacing is adjusted. The closing stays with the text: this page's lines are
		// set closer, at most 4 more in the block (26 lines, 8.65 mm apart, still 1.5 times
		// the 3号 character), rather than the closing standing with a line or two of body
		// on a page of its own.
		f.tighten(GridLines + over)
	}
	f.line += 2
	dateW := Cells(date) * BodyCell
	dateX := Right - 4*BodyCell - dateW
	centre := dateX + dateW/2
	authW := Cells(authority) * BodyCell
	authX := centre - authW/2
	if authX+authW > Right { // a long name: flush right rather than past the block
		authX = Right - authW
	}
	top := Top + float64(f.line)*f.pitch[len(f.pitch)-1]
	for i, label := range signs {
		f.line += i
		t := f.put(Left, label, BodySize, FaceBody, RoleClosing)
		end := min(Left+t.Width()+5*BodyCell, centre-sealRadius-BodyCell)
		f.rule(Left+t.Width(), t.Y+1, end, t.Y+1, false)
		f.line -= i
	}
	f.put(authX, authority, BodySize, FaceBody, RoleClosing)
	f.line++
	f.put(dateX, date, BodySize, FaceBody, RoleClosing)
	f.line++
	if sealMark {
		p := f.page()
		p.Circles = append(p.Circles, Circle{X: centre, Y: top - 1, R: sealRadius, Width: 0.3, Dash: true, Gray: 0.75, Guide: true})
	}
}

// rule draws a line on the current page.
func (f *flow) rule(x1, y1, x2, y2 float64, dash bool) {
	p := f.page()
	p.Rules = append(p.Rules, Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: 0.3, Dash: dash})
}

// row is one row of a two-column table: a label and a value, at least minLines high; foot
// is printed right-aligned on the row's last line (e.g. "年　月　日" under a signature).
type row struct {
	label, value string
	minLines     int
	foot         string
}

// table places a bordered two-column table whose label column is labelCells wide. Rows are
// kept whole; a row that does not fit starts a new page.
func (f *flow) table(rows []row, labelCells int) {
	pad := 0.5 // cells of padding inside each column
	labelW := float64(labelCells) * BodyCell
	for _, r := range rows {
		lc := 2 * int(float64(labelCells)-2*pad)
		vc := 2 * int(float64(GridChars-labelCells)-2*pad)
		ll := breakLines(r.label, lc, lc)
		vl := breakLines(r.value, vc, vc)
		if r.value == "" {
			vl = nil
		}
		n := max(len(ll), len(vl)+btoi(r.foot != ""), r.minLines, 1)
		f.need(n)
		first := f.line
		// Labels are centred vertically in the row; values start at its top.
		off := (n - len(ll)) / 2
		for i, l := range ll {
			f.line = first + off + i
			f.put(alignX(l, BodySize, alignCenter, Left, labelW), l, BodySize, FaceBody, RoleBody)
		}
		for i, l := range vl {
			f.line = first + i
			f.put(Left+labelW+pad*BodyCell, l, BodySize, FaceBody, RoleBody)
		}
		if r.foot != "" {
			f.line = first + n - 1
			f.put(alignX(r.foot, BodySize, alignRight, Left, BlockW-pad*BodyCell), r.foot, BodySize, FaceBody, RoleBody)
		}
		y0, y1 := lineTop(first), lineTop(first+n)
		f.rule(Left, y0, Right, y0, false)
		f.rule(Left, y1, Right, y1, false)
		f.rule(Left, y0, Left, y1, false)
		f.rule(Left+labelW, y0, Left+labelW, y1, false)
		f.rule(Right, y0, Right, y1, false)
		f.line = first + n
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// finish numbers the pages and returns them. A page holding only the closing block gets no
// number; a one-page form gets none unless numberSingle.
func (f *flow) finish() []Page {
	if len(f.pages) > 1 && f.line == 0 && !f.content[len(f.pages)-1] && len(f.pages[len(f.pages)-1].Texts) == 0 {
		f.pages = f.pages[:len(f.pages)-1] // a trailing blank page
		f.content = f.content[:len(f.content)-1]
		f.pitch = f.pitch[:len(f.pitch)-1]
	}
	if len(f.pages) == 1 && !f.numberSingle {
		return f.pages
	}
	for i := range f.pages {
		if f.content[i] {
			f.pages[i].Number = i + 1
			f.pages[i].Texts = append(f.pages[i].Texts, pageNumberText(i+1))
		}
	}
	return f.pages
}

// note places small print (小4号) across the block at a pitch of 1.5 times its size: notes
// are not body text and need not sit on the body's grid. It takes whole grid lines.
func (f *flow) note(s string) {
	lines := BreakLines(s, charsPerLine(SmallSize, BlockW))
	pitch := 1.5 * Em(SmallSize)
	height := float64(len(lines))*pitch + 2
	n := int(math.Ceil(height / LinePitch))
	if over := f.line + n - GridLines; over > 0 && over <= 2 && f.line > n {
		// A form's note stays under its table: the page's lines are set a little closer
		// (GB/T 9704-2012 7.3.5.4 allows adjusting the line spacing), rather than the note
		// alone on a second page.
		f.tighten(f.line + n)
	}
	f.need(n)
	y := Top + float64(f.line)*f.pitch[len(f.pitch)-1] + 2 + 0.88*Em(SmallSize) + (pitch-Em(SmallSize))/2
	p := f.page()
	for _, l := range lines {
		p.Texts = append(p.Texts, Text{X: Left, Y: y, Size: SmallSize, Face: FaceBody, Cell: Em(SmallSize), S: l, Role: RoleNote})
		y += pitch
	}
	f.content[len(f.content)-1] = true
	f.line += n
}

// tighten sets the lines of the current page closer, n lines to the text block: every text
// keeps its place below the top of its line, rules and circles move with the lines.
func (f *flow) tighten(n int) {
	i := len(f.pages) - 1
	old, p := f.pitch[i], BlockH/float64(n)
	at := func(y float64) float64 { return Top + (y-Top)*p/old }
	pg := &f.pages[i]
	for k, t := range pg.Texts {
		l := math.Floor((t.Y - Top) / old)
		pg.Texts[k].Y = t.Y + l*(p-old)
	}
	for k, r := range pg.Rules {
		pg.Rules[k].Y1, pg.Rules[k].Y2 = at(r.Y1), at(r.Y2)
	}
	for k, c := range pg.Circles {
		pg.Circles[k].Y = at(c.Y)
	}
	f.pitch[i] = p
}
