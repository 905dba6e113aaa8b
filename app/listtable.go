package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listTable is the table of every list screen, made for the keyboard as well as the mouse:
// Tab brings the focus in, Up and Down move the selected row, Enter (or a double click) opens
// it, and Esc and F5 reach the window as they do from a text box. The selected row is
// tinted across all its cells; widget.Table alone marks a single cell.
type listTable struct {
	widget.Table
	selected int // the selected row, -1 for none
	// onOpen opens a row: the record's page. Nil when rows do not open.
	onOpen func(row int)
	// onSelect hears of each row selected; -1 when the selection is dropped.
	onSelect func(row int)
	rows     func() int
}

func newListTable(rows func() int, cols int, create func() fyne.CanvasObject,
	update func(widget.TableCellID, fyne.CanvasObject)) *listTable {
	t := &listTable{selected: -1, rows: rows}
	t.Length = func() (int, int) { return rows(), cols }
	// Each cell sits on a band that shows the selected row, and shows its full text after a
	// short hover when the column cuts it off.
	t.CreateCell = func() fyne.CanvasObject {
		band := canvas.NewRectangle(color.Transparent)
		band.CornerRadius = theme.SelectionRadiusSize()
		box := container.NewStack(band, create())
		tip := newHoverTip(box, func() (string, bool) {
			if l := firstLabel(box.Objects[1]); l != nil {
				return l.Text, labelCut(l)
			}
			return "", false
		})
		tip.pass = t
		return tip
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		box := o.(*hoverTip).content.(*fyne.Container)
		band := box.Objects[0].(*canvas.Rectangle)
		want := color.Color(color.Transparent)
		if id.Row == t.selected {
			want = theme.Color(theme.ColorNameSelection)
		}
		if band.FillColor != want {
			band.FillColor = want
			band.Refresh()
		}
		update(id, box.Objects[1])
	}
	// A click selects the row (and the cell the table focuses), never a single cell.
	t.OnSelected = func(id widget.TableCellID) {
		t.selectRow(id.Row)
		t.Unselect(id)
	}
	t.ExtendBaseWidget(t)
	return t
}

// selectRow selects row, scrolls it into view and tints it.
func (t *listTable) selectRow(row int) {
	if row < 0 || row >= t.rows() || row == t.selected {
		return
	}
	t.selected = row
	t.ScrollTo(widget.TableCellID{Row: row, Col: 0})
	t.Refresh()
	if t.onSelect != nil {
		t.onSelect(row)
	}
}

// clearSelection drops the selected row: a new page is on show. The table's own keyboard
// focus goes back to the first cell, so that it and the selection move together.
func (t *listTable) clearSelection() {
	t.selected = -1
	if t.onSelect != nil {
		t.onSelect(-1)
	}
	on := t.OnSelected
	t.OnSelected = nil
	t.Table.Select(widget.TableCellID{})
	t.UnselectAll()
	t.OnSelected = on
}

// FocusGained selects the first row when the focus arrives with none selected, so Enter
// has something to open.
func (t *listTable) FocusGained() {
	t.Table.FocusGained()
	if t.selected < 0 && t.rows() > 0 {
		t.selectRow(0)
	}
}

// TypedKey moves the selection with Up and Down (the table's own focus follows), opens the
// selected row with Enter, and passes Esc and F5 to the window.
func (t *listTable) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		if t.selected+1 < t.rows() {
			t.Table.TypedKey(k)
			t.selectRow(t.selected + 1)
		}
	case fyne.KeyUp:
		if t.selected > 0 {
			t.Table.TypedKey(k)
			t.selectRow(t.selected - 1)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		t.open()
	case fyne.KeyEscape, fyne.KeyF5:
		passToWindow(t, k)
	default:
		t.Table.TypedKey(k)
	}
}

// DoubleTapped opens the row under the pointer.
func (t *listTable) DoubleTapped(e *fyne.PointEvent) {
	prev := t.selected
	t.selected = -1
	t.Table.Tapped(e) // selects the row under the pointer, if there is one
	if t.selected < 0 {
		t.selected = prev
		return
	}
	t.open()
}

func (t *listTable) open() {
	if t.onOpen != nil && t.selected >= 0 && t.selected < t.rows() {
		t.onOpen(t.selected)
	}
}

// passToWindow hands k to the window's key handler (Esc, F5), which a focused widget
// otherwise keeps to itself.
func passToWindow(obj fyne.CanvasObject, k *fyne.KeyEvent) bool {
	a := fyne.CurrentApp()
	if a == nil {
		return false
	}
	if c := a.Driver().CanvasForObject(obj); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(k)
		return true
	}
	return false
}
