package app

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chinese input: Fyne receives the text an input method commits but does not tell the input
// method where the caret is, so its composition and candidate windows open in a corner of
// the screen. On Windows the program tells it itself (ime_windows.go) each time the caret of
// a text box moves; elsewhere placeIME does nothing (Linux stays on X11, where the input
// method follows the focused window).

// imeSpot is where the input method's windows go: the caret's top-left corner and the
// line's height, in the window's client pixels.
type imeSpot struct {
	X, Y, H int32
}

// caretGeometry is what caretSpot needs of a text box: where it is in the window (Fyne
// units), its size, its text and caret, and how its text is drawn.
type caretGeometry struct {
	Pos      fyne.Position // the box's top-left corner in the window
	Size     fyne.Size
	Text     string
	Row, Col int // the caret: row of the text (lines split at \n) and rune column in it
	TextSize float32
	Style    fyne.TextStyle
	Pad      float32 // the inner padding between the box's edge and its text
	Scale    float32 // pixels per Fyne unit (the window's scale)
	Measure  func(text string, size float32, style fyne.TextStyle) fyne.Size
}

// caretSpot converts a caret to client pixels: the text of its line up to the caret, measured,
// after the box's padding, one line height per row above; kept inside the box.
func caretSpot(g caretGeometry) imeSpot {
	measure := g.Measure
	if measure == nil {
		measure = fyne.MeasureText
	}
	lines := strings.Split(g.Text, "\n")
	row := min(max(g.Row, 0), len(lines)-1)
	line := []rune(lines[row])
	col := min(max(g.Col, 0), len(line))
	lineH := measure("字", g.TextSize, g.Style).Height
	x := g.Pad + measure(string(line[:col]), g.TextSize, g.Style).Width
	y := g.Pad + float32(row)*lineH
	x = min(x, max(g.Size.Width-g.Pad, 0))
	y = min(y, max(g.Size.Height-lineH, 0))
	px := func(v float32) int32 { return int32(math.Round(float64(v * g.Scale))) }
	return imeSpot{X: px(g.Pos.X + x), Y: px(g.Pos.Y + y), H: px(lineH)}
}

// entryCaret is the geometry of e's caret in the window of canvas c.
func entryCaret(c fyne.Canvas, e *widget.Entry, obj fyne.CanvasObject) caretGeometry {
	text := e.Text
	if e.Password {
		text = strings.Repeat("•", len([]rune(text)))
	}
	return caretGeometry{
		Pos:      fyne.CurrentApp().Driver().AbsolutePositionForObject(obj),
		Size:     obj.Size(),
		Text:     text,
		Row:      e.CursorRow,
		Col:      e.CursorColumn,
		TextSize: theme.TextSize(),
		Style:    e.TextStyle,
		Pad:      theme.InnerPadding(),
		Scale:    c.Scale(),
	}
}

// followCaret tells the input method where e's caret now is (Windows only).
func (e *keyEntry) followCaret() {
	if !imeSupported {
		return
	}
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	var c fyne.Canvas
	var obj fyne.CanvasObject
	for _, w := range a.Driver().AllWindows() {
		// The focused box is e itself or a widget built on it (dateEntry).
		if f, ok := w.Canvas().Focused().(interface{ imeEntry() *keyEntry }); ok && f.imeEntry() == e {
			c, obj = w.Canvas(), f.(fyne.CanvasObject)
			placeIME(w, caretSpot(entryCaret(c, &e.Entry, obj)))
			return
		}
	}
}

// imeEntry is e, also for the widgets built on it.
func (e *keyEntry) imeEntry() *keyEntry { return e }
