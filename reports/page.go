// Package reports writes the office's documents: the 行政文书 as PDF laid out to
// GB/T 9704-2012. Writers take data types and write to an io.Writer; they hold no SQL and no
// GUI code.
//
// Every document is laid out once into pages of positioned text and rules in millimetres (the
// page model below); the PDF writer draws those pages, and the GUI preview draws the very same
// pages, so what the clerk previews is what prints.
package reports

import (
	"strconv"
	"unicode/utf8"
)

// GB/T 9704-2012 page geometry, in millimetres and points.
const (
	PageWidth  = 210.0 // A4
	PageHeight = 297.0
	Left       = 28.0  // 订口 (left margin) to the text block
	Top        = 37.0  // 天头 (top margin) to the text block
	BlockW     = 156.0 // 版心 width
	BlockH     = 225.0 // 版心 height
	Right      = Left + BlockW
	Bottom     = Top + BlockH

	GridLines = 22 // lines per page
	GridChars = 28 // characters per line

	LinePitch = BlockH / GridLines // 10.23 mm
	BodyCell  = BlockW / GridChars // 5.57 mm: one character of 3号 on the grid

	BodySize       = 16.0 // 3号
	TitleSize      = 22.0 // 2号
	PageNumberSize = 14.0 // 4号
	SmallSize      = 12.0 // 小4号, for the receipt's table notes and the stub

	// PageNumberGap is the distance from the bottom of the text block down to the page
	// number's 一字线 (GB/T 9704-2012 7.5).
	PageNumberGap = 7.0
)

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// Em returns the size of one em of a size-pt font in millimetres.
func Em(size float64) float64 { return size * mmPerPt }

// Face names a typeface of the document; the writer maps it to font bytes (Options).
type Face int

// Faces.
const (
	FaceBody  Face = iota // 仿宋-style body text (default: Noto Serif SC Regular)
	FaceTitle             // 小标宋-style title (default: Noto Serif SC Bold)
)

// Role says what a text run is, for tests and for a preview that wants to tell them apart.
type Role string

// Roles of text runs.
const (
	RoleTitle      Role = "title"
	RoleDocNumber  Role = "doc_number"
	RoleBody       Role = "body"
	RoleClosing    Role = "closing" // authority name and date under the body, beside the seal
	RolePageNumber Role = "page_number"
	RoleNote       Role = "note" // small print: stub heading, table notes
)

// Text is one line of text. X, Y locate the left end of its baseline in millimetres from the
// top-left corner of the page. Characters sit on a grid: each full-width character takes Cell
// mm and each ASCII character Cell/2 (Glyphs lists the positions), so the PDF and a preview
// place every character at the same spot whatever the font's own widths.
type Text struct {
	X, Y float64
	Size float64 // points
	Face Face
	Cell float64 // mm per full-width character
	S    string
	Role Role
}

// Width returns the width of the run in millimetres.
func (t Text) Width() float64 { return Cells(t.S) * t.Cell }

// Top returns the top of the em box of the run (CJK glyphs hang 0.88 em above the baseline).
func (t Text) Top() float64 { return t.Y - 0.88*Em(t.Size) }

// Glyph is one character of a Text at its grid position.
type Glyph struct {
	R    rune
	X    float64 // left edge, mm
	Cell float64 // width of its cell, mm
}

// Glyphs returns the characters of t with their grid positions.
func (t Text) Glyphs() []Glyph {
	gs := make([]Glyph, 0, utf8.RuneCountInString(t.S))
	x := t.X
	for _, r := range t.S {
		w := t.Cell * float64(runeHalfCells(r)) / 2
		gs = append(gs, Glyph{R: r, X: x, Cell: w})
		x += w
	}
	return gs
}

// Rule is a straight line: a signature blank, a table border, the stub's cut line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // mm
	Dash           bool
	Gray           float64 // 0 black … 1 white
}

// Circle is an outline circle: the place of the office's seal.
type Circle struct {
	X, Y, R float64
	Width   float64
	Dash    bool
	Gray    float64
	// Guide marks a circle drawn only on screen (the preview's seal guide): the PDF writer
	// leaves it out, so a kept official PDF never shows it.
	Guide bool
}

// Page is one A4 page of a laid-out document.
type Page struct {
	Texts   []Text
	Rules   []Rule
	Circles []Circle
	// Number is the printed page number, 0 when the page carries none (a page that holds only
	// the closing block).
	Number int
}

// dashTop is the height of the top of the em dash (一字线) above the baseline, in em: 0.293
// in the embedded Noto Serif SC (its glyph spans 0.242–0.293 em); 仿宋 faces set it alike.
const dashTop = 0.293

// pageNumberText returns the page number run for page n: "— n —" in 4号, its 一字线 7 mm
// below the text block (GB/T 9704-2012 7.5: 一字线上距版心下边缘 7 mm), one character in
// from the right edge on odd pages and from the left edge on even pages.
func pageNumberText(n int) Text {
	cell := Em(PageNumberSize)
	t := Text{Size: PageNumberSize, Face: FaceBody, Cell: cell, S: "— " + strconv.Itoa(n) + " —", Role: RolePageNumber}
	t.Y = Bottom + PageNumberGap + dashTop*cell
	if n%2 == 1 {
		t.X = Right - cell - t.Width()
	} else {
		t.X = Left + cell
	}
	return t
}
