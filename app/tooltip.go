package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 has no tooltip. A cell or line cut off with … shows its full text in a small box
// after a short hover: hoverTip notices the pointer, and one tipLayer per window, laid over
// its content, draws the box. Neither takes a click or a key, so the table under the box
// works as before; the selected row's full-text line under each list stays.

// tipDelay is how long the pointer rests before the full text shows.
const tipDelay = 600 * time.Millisecond

// tipMaxWidth is the widest a tooltip gets before its text wraps.
const tipMaxWidth float32 = 520

// tipAfter runs fire after the delay on the UI goroutine; tests replace it to fire at once.
var tipAfter = func(fire func()) {
	time.AfterFunc(tipDelay, func() { fyne.Do(fire) })
}

// tipLayers are the windows' tooltip layers, by canvas.
var tipLayers = map[fyne.Canvas]*tipLayer{}

// tipLayer draws a window's one tooltip over its content.
type tipLayer struct {
	layer *fyne.Container // no layout: the box is placed by hand
	box   *fyne.Container
	label *widget.Label
	seq   int // the hover a pending tooltip belongs to
	owner *hoverTip
}

// withTips lays a tooltip layer over content, the content of c's window.
func withTips(c fyne.Canvas, content fyne.CanvasObject) fyne.CanvasObject {
	l := &tipLayer{label: widget.NewLabel("")}
	l.label.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	l.box = container.NewStack(bg, l.label)
	l.box.Hide()
	l.layer = container.NewWithoutLayout(l.box)
	tipLayers[c] = l
	return container.NewStack(content, l.layer)
}

// tipLayerOf is the layer of obj's window; nil when it has none.
func tipLayerOf(obj fyne.CanvasObject) *tipLayer {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	if c := a.Driver().CanvasForObject(obj); c != nil {
		return tipLayers[c]
	}
	return nil
}

// schedule shows text for h near the pointer at abs after the delay, unless the pointer
// leaves first.
func (l *tipLayer) schedule(h *hoverTip, text string, abs fyne.Position) {
	l.hide()
	l.owner = h
	l.seq++
	seq := l.seq
	tipAfter(func() {
		if l.seq == seq && l.owner == h {
			l.show(text, abs)
		}
	})
}

// show places the box with text below and right of abs, kept inside the window.
func (l *tipLayer) show(text string, abs fyne.Position) {
	pad := theme.InnerPadding()
	l.label.SetText(text)
	one := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{})
	w := min(one.Width+2*pad+2, tipMaxWidth)
	l.label.Resize(fyne.NewSize(w, l.label.MinSize().Height))
	size := fyne.NewSize(w, l.label.MinSize().Height)
	area := l.layer.Size()
	pos := fyne.NewPos(abs.X+4, abs.Y+22) // clear of the pointer
	if pos.X+size.Width > area.Width {
		pos.X = max(area.Width-size.Width-4, 0)
	}
	if pos.Y+size.Height > area.Height {
		pos.Y = max(abs.Y-size.Height-8, 0)
	}
	l.box.Move(pos)
	l.box.Resize(size)
	l.box.Show()
	l.layer.Refresh()
}

func (l *tipLayer) hide() {
	l.seq++
	l.owner = nil
	if l.box.Visible() {
		l.box.Hide()
		l.layer.Refresh()
	}
}

// shown is the text on show; "" when no tooltip is.
func (l *tipLayer) shown() string {
	if !l.box.Visible() {
		return ""
	}
	return l.label.Text
}

// hoverTip holds content whose text a narrow place may cut off with …; a short hover shows
// the full text. Hover events also go on to pass, the table under a cell, so its own hover
// still works.
type hoverTip struct {
	widget.BaseWidget
	content fyne.CanvasObject
	// text is the full text and whether the shown one is cut; nothing shows when it is not.
	text func() (string, bool)
	pass desktop.Hoverable
}

func newHoverTip(content fyne.CanvasObject, text func() (string, bool)) *hoverTip {
	h := &hoverTip{content: content, text: text}
	h.ExtendBaseWidget(h)
	return h
}

// labelTip shows the full text of l when its width cuts it.
func labelTip(l *widget.Label) *hoverTip {
	return newHoverTip(l, func() (string, bool) { return l.Text, labelCut(l) })
}

// labelCut reports whether l shows its text cut (… at the end) at its current width.
func labelCut(l *widget.Label) bool {
	if l.Text == "" || !l.Visible() {
		return false
	}
	w := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
	return w > l.Size().Width+0.5
}

// firstLabel is the first visible label in o, nil when there is none.
func firstLabel(o fyne.CanvasObject) *widget.Label {
	if !o.Visible() {
		return nil
	}
	switch x := o.(type) {
	case *widget.Label:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if l := firstLabel(c); l != nil {
				return l
			}
		}
	}
	return nil
}

func (h *hoverTip) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.content) }

func (h *hoverTip) MouseIn(ev *desktop.MouseEvent) {
	h.hover(ev)
	if h.pass != nil {
		h.pass.MouseIn(h.passed(ev))
	}
}

func (h *hoverTip) MouseMoved(ev *desktop.MouseEvent) {
	if l := tipLayerOf(h); l != nil && l.owner != h {
		h.hover(ev)
	}
	if h.pass != nil {
		h.pass.MouseMoved(h.passed(ev))
	}
}

func (h *hoverTip) MouseOut() {
	if l := tipLayerOf(h); l != nil && l.owner == h {
		l.hide()
	}
	if h.pass != nil {
		h.pass.MouseOut()
	}
}

// hover schedules the tooltip when the text is cut.
func (h *hoverTip) hover(ev *desktop.MouseEvent) {
	l := tipLayerOf(h)
	if l == nil {
		return
	}
	if text, cut := h.text(); cut {
		l.schedule(h, text, ev.AbsolutePosition)
	} else if l.owner != nil {
		l.hide()
	}
}

// passed is ev with its position made relative to pass.
func (h *hoverTip) passed(ev *desktop.MouseEvent) *desktop.MouseEvent {
	out := *ev
	if o, ok := h.pass.(fyne.CanvasObject); ok {
		if a := fyne.CurrentApp(); a != nil {
			out.Position = ev.AbsolutePosition.Subtract(a.Driver().AbsolutePositionForObject(o))
		}
	}
	return &out
}
