package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// navigator is a screen's stack of views, after rymdport's StackNavigator: the list at the
// bottom and at most one page over it (a record, a form, the batch entry). view names the
// page on show, for the keys that depend on it (Esc, Ctrl+N, Ctrl+S).
type navigator struct {
	box   *fyne.Container
	pages []fyne.CanvasObject // pages[0] is the list
	view  string              // "list" at the bottom
}

func newNavigator(list fyne.CanvasObject) *navigator {
	return &navigator{box: container.NewStack(list),
		pages: []fyne.CanvasObject{list}, view: "list"}
}

// show puts page, named name, over the list in place of any page there.
func (n *navigator) show(name string, page fyne.CanvasObject) {
	n.pages = append(n.pages[:1], page)
	n.view = name
	n.refresh()
}

// onList reports whether the list is on show.
func (n *navigator) onList() bool { return len(n.pages) == 1 }

// showHome goes back to the list.
func (n *navigator) showHome() {
	n.pages = n.pages[:1]
	n.view = "list"
	n.refresh()
}

func (n *navigator) refresh() {
	n.box.Objects = []fyne.CanvasObject{n.pages[len(n.pages)-1]}
	n.box.Refresh()
}
