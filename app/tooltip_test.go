package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"taizhang/data"
)

// walkObjects calls f on o and everything drawn inside it, widgets' parts included.
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, f)
		}
	}
}

// cellTip is the hover area of the table cell showing text, nil when none is drawn.
func cellTip(root fyne.CanvasObject, text string) *hoverTip {
	var found *hoverTip
	walkObjects(root, func(o fyne.CanvasObject) {
		if h, ok := o.(*hoverTip); ok && found == nil {
			if l := firstLabel(h.content); l != nil && l.Text == text {
				found = h
			}
		}
	})
	return found
}

// TestTooltipShowsCutText rests the pointer on a 住址 the column cuts off: after the delay
// its full text shows beside the pointer, and goes when the pointer leaves; a name shown
// whole gets no tooltip. The table still hears the pointer (its own hover).
func TestTooltipShowsCutText(t *testing.T) {
	var pending []func()
	tipAfter = func(fire func()) { pending = append(pending, fire) }
	t.Cleanup(func() {
		tipAfter = func(fire func()) { time.AfterFunc(tipDelay, func() { fyne.Do(fire) }) }
	})
	fireAll := func() {
		for _, f := range pending {
			f()
		}
		pending = nil
	}
	s, db := loggedInShell(t)
	s.Window.Resize(fyne.NewSize(1366, 768))
	cs, _ := db.Communities(context.Background(), false)
	long := "鹿苑街道古城社区平城区魏都大道南延线东侧幸福里小区 12 号楼 3 单元 1402 室（东户）"
	r := data.Resident{Name: "张菊花", IDNumber: data.MakeIDNumber("140202", time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC), 22),
		CommunityID: cs[0].ID, Address: long}
	if err := db.CreateResident(data.NewContextWithUser(context.Background(), s.User), &r); err != nil {
		t.Fatal(err)
	}
	sc := residentsOf(t, s)
	sc.Refresh()
	c := s.Window.Canvas()
	layer := tipLayers[c]
	if layer == nil {
		t.Fatal("the main window has no tooltip layer")
	}
	addr := cellTip(sc.table, long)
	name := cellTip(sc.table, "张菊花")
	if addr == nil || name == nil {
		t.Fatal("the 住址 or 姓名 cell is not laid out")
	}
	at := func(h *hoverTip) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(h).Add(fyne.NewPos(10, 10))
	}

	test.MoveMouse(c, at(addr))
	if layer.shown() != "" {
		t.Error("the tooltip showed before the delay")
	}
	fireAll()
	if layer.shown() != long {
		t.Fatalf("after the delay the tooltip shows %q, want the whole address", layer.shown())
	}
	if p := layer.box.Position(); p.Y < at(addr).Y {
		t.Errorf("the tooltip at %v covers the pointer at %v", p, at(addr))
	}
	// Wider than tipMaxWidth: it wraps onto a second line inside the window.
	if sz, p := layer.box.Size(), layer.box.Position(); sz.Width > tipMaxWidth || sz.Height < 2*theme.TextSize()+theme.InnerPadding() ||
		p.X+sz.Width > 1366 {
		t.Errorf("tooltip %v at %v: want at most %v wide, two lines, inside the window", sz, p, tipMaxWidth)
	}
	test.MoveMouse(c, at(name))
	fireAll()
	if layer.shown() != "" {
		t.Errorf("moving to a whole name: tooltip %q, want none", layer.shown())
	}
	// Leaving before the delay shows nothing.
	test.MoveMouse(c, at(addr))
	test.MoveMouse(c, at(name))
	fireAll()
	if layer.shown() != "" {
		t.Errorf("a tooltip showed after the pointer left: %q", layer.shown())
	}
	// The selected row's line keeps the full text too.
	sc.table.selectRow(0)
	if !strings.Contains(sc.full.Text, "住址："+long) {
		t.Errorf("under the table: %q", sc.full.Text)
	}
}
