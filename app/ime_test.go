package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fixedMeasure measures every rune 10 units wide and a line 20 high, so the figures below
// are worked out by hand.
func fixedMeasure(text string, _ float32, _ fyne.TextStyle) fyne.Size {
	return fyne.NewSize(10*float32(len([]rune(text))), 20)
}

// TestCaretSpot converts carets to the client pixels the input method is placed at.
func TestCaretSpot(t *testing.T) {
	g := caretGeometry{Pos: fyne.NewPos(100, 50), Size: fyne.NewSize(300, 40), Pad: 8, Scale: 1.5, Measure: fixedMeasure}
	for _, c := range []struct {
		name     string
		text     string
		row, col int
		size     fyne.Size
		want     imeSpot
	}{
		// (100 + 8 + 3×10) × 1.5 = 207; (50 + 8) × 1.5 = 87; 20 × 1.5 = 30.
		{"after 3 characters", "鹿苑小区", 0, 3, g.Size, imeSpot{207, 87, 30}},
		{"empty box", "", 0, 0, g.Size, imeSpot{162, 87, 30}},
		// Second line of a multi-line box: y = 50 + 8 + 20.
		{"second line", "第一行\n第二", 1, 2, fyne.NewSize(300, 100), imeSpot{192, 117, 30}},
		// A caret past the box's right edge stays inside it: x = 100 + 300 - 8.
		{"past the right edge", "这是一段比文本框还要长得多的问题描述文字，一直写下去写下去写下去写下去", 0, 40, g.Size, imeSpot{588, 87, 30}},
		// A row or column out of range (text changed under the caret) is clamped.
		{"out of range", "住址", 5, 9, g.Size, imeSpot{192, 87, 30}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := g
			g.Text, g.Row, g.Col, g.Size = c.text, c.row, c.col, c.size
			if got := caretSpot(g); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

// TestEntryCaretFollowsTyping reads a focused box's caret as typed, in the window's units.
func TestEntryCaretFollowsTyping(t *testing.T) {
	e := newEntry("")
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(400, 100))
	c := w.Canvas()
	c.Focus(e)
	test.Type(e, "鹿苑")
	g := entryCaret(c, &e.Entry, e)
	if g.Text != "鹿苑" || g.Row != 0 || g.Col != 2 || g.Scale != c.Scale() {
		t.Fatalf("caret: %+v", g)
	}
	if f, ok := c.Focused().(interface{ imeEntry() *keyEntry }); !ok || f.imeEntry() != e {
		t.Error("the focused box is not recognised as the one typed in")
	}
	before := caretSpot(g)
	test.Type(e, "小区")
	if after := caretSpot(entryCaret(c, &e.Entry, e)); after.X <= before.X || after.Y != before.Y {
		t.Errorf("typing two more characters moved the spot from %+v to %+v", before, after)
	}
	e.Password = true
	if g := entryCaret(c, &e.Entry, e); g.Text != "••••" {
		t.Errorf("a password box measures %q", g.Text)
	}
}
