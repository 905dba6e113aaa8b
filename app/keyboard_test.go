package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// press sends a key the way the window does: to the focused widget, or to the window's
// own key handler when nothing has the focus.
func press(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// tabTo presses Tab until want has the focus; false when a whole round never reaches it.
func tabTo(c fyne.Canvas, want fyne.Focusable) bool {
	for range 200 {
		if c.Focused() == want {
			return true
		}
		test.FocusNext(c)
	}
	return c.Focused() == want
}

func TestListByKeyboard(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	names := []string{"张菊花", "李桂兰", "王秀英"}
	for i, n := range names {
		addResident(t, db, s.User, n, time.Date(1940+i, 3, 5, 0, 0, 0, 0, time.UTC), 100+i, cs[0].ID)
	}
	r := residentsOf(t, s)
	c := s.Window.Canvas()
	if len(r.rows) != 3 {
		t.Fatalf("listed %d residents, want 3", len(r.rows))
	}

	c.Focus(r.query)
	if !tabTo(c, r.table) {
		t.Fatal("Tab never reaches the residents table")
	}
	if r.table.selected != 0 {
		t.Errorf("focus arriving selected row %d, want the first", r.table.selected)
	}
	press(c, fyne.KeyDown)
	press(c, fyne.KeyDown)
	press(c, fyne.KeyDown) // past the last row: stays there
	if r.table.selected != 2 {
		t.Fatalf("after Down ×3 row %d is selected, want 2", r.table.selected)
	}
	press(c, fyne.KeyUp)
	want := r.rows[1]
	press(c, fyne.KeyReturn)
	if r.view != "detail" || r.detail == nil || r.detail.id != want.ID {
		t.Fatalf("Enter on row 2: view %q, want the page of %s", r.view, want.Name)
	}
	press(c, fyne.KeyEscape)
	if r.view != "list" {
		t.Fatalf("Esc on the resident's page: view %q, want list", r.view)
	}

	// A double click opens the row under the pointer.
	first := r.rows[0]
	test.DoubleTap(r.table) // in the middle of the table: on no row at all
	if r.view != "list" {
		t.Errorf("double click off the rows opened %q", r.view)
	}
	r.table.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(80, 60)})
	if r.view != "detail" || r.detail.id != first.ID {
		t.Errorf("double click on the first row: view %q, want the page of %s", r.view, first.Name)
	}
}
