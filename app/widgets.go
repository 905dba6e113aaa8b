package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a widget.Entry that lets the window's own keys through while it has the focus:
// Ctrl+N / Ctrl+F / Ctrl+S reach the window's shortcuts, Esc and F5 its key handler. A plain
// Entry swallows them.
type keyEntry struct {
	widget.Entry
	// onDown, if set, answers Down (into a list of results under the box); false leaves the
	// key to the entry.
	onDown func() bool
	// selectOnFocus selects the whole text when the focus arrives, so that typing replaces a
	// value carried over from the last row rather than adding to it.
	selectOnFocus bool
}

// AcceptsTab is false even for a multi-line entry: Tab moves to the next field, as in every
// other box, instead of typing a tab into 问题描述.
func (e *keyEntry) AcceptsTab() bool { return false }

// FocusGained selects the whole text of a selectOnFocus entry.
func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.selectOnFocus && e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	e.followCaret()
}

// TypedRune types r; the input method's windows follow the caret (followCaret).
func (e *keyEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	e.followCaret()
}

// Tapped places the caret where the box was clicked; the input method follows it.
func (e *keyEntry) Tapped(ev *fyne.PointEvent) {
	e.Entry.Tapped(ev)
	e.followCaret()
}

func newEntry(placeHolder string) *keyEntry {
	e := &keyEntry{}
	e.PlaceHolder = placeHolder
	e.ExtendBaseWidget(e)
	return e
}

func newPasswordEntry(placeHolder string) *keyEntry {
	e := newEntry(placeHolder)
	e.Password = true
	return e
}

func newMultiLineEntry(placeHolder string) *keyEntry {
	e := newEntry(placeHolder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *keyEntry) canvas() fyne.Canvas {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().CanvasForObject(e)
	}
	return nil
}

// TypedShortcut passes the window's custom shortcuts on and keeps copy, paste and the rest.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*desktop.CustomShortcut); ok {
		if c, ok := e.canvas().(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey passes Esc and F5 to the window, and Down to onDown.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown && e.onDown != nil && e.onDown() {
		return
	}
	if k.Name == fyne.KeyEscape || k.Name == fyne.KeyF5 {
		if c := e.canvas(); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
			return
		}
	}
	e.Entry.TypedKey(k)
	e.followCaret()
}

// newErrorLabel is the short red message under a field; hidden while empty.
func newErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setMessage shows msg in l, or hides l when msg is empty. The window is laid out again
// when the message changes, since a label growing or appearing does not move its neighbours.
// A new message for a field the clerk is still typing in waits until the cursor leaves it
// (holdWhileTyping).
func setMessage(l *widget.Label, msg string) {
	if h := heldMessages[l]; h != nil {
		h.pending = msg
		if h.typing && msg != "" {
			msg = ""
		}
	}
	if e := messageEntries[l]; e != nil {
		var err error
		if msg != "" {
			err = errors.New(msg)
		}
		e.SetValidationError(err)
	}
	if l.Text == msg && l.Visible() == (msg != "") {
		return
	}
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
	relayout(l)
}

// heldMessage is the message of a field that holds new messages while it is typed in.
type heldMessage struct {
	typing  bool
	pending string // the last message set, shown once typing stops
}

// heldMessages are the message labels of fields that hold their messages while typed in;
// labels are only added, one per such field built.
var heldMessages = map[*widget.Label]*heldMessage{}

// holdWhileTyping makes l hold new messages while typing is on; when typing stops, the
// last message set shows.
func holdWhileTyping(l *widget.Label) (typing func(on bool)) {
	h := &heldMessage{}
	heldMessages[l] = h
	return func(on bool) {
		h.typing = on
		if !on {
			setMessage(l, h.pending)
		}
	}
}

// relayout lays out the window holding obj again.
func relayout(obj fyne.CanvasObject) {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(obj); c != nil && c.Content() != nil {
			c.Content().Refresh()
		}
	}
}

// hint is one line of secondary text that never wraps.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// heading is a screen or page title.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// mutedLabel is secondary text.
func mutedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// fieldLabel is a form label, with a red * when the field is required.
func fieldLabel(text string, required bool) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	if !required {
		return l
	}
	star := widget.NewLabel("*")
	star.Importance = widget.DangerImportance
	star.TextStyle = fyne.TextStyle{Bold: true}
	// The star sits close to its label, and both at the top of a row that may also hold a
	// message under the field.
	return container.NewVBox(container.NewHBox(layout.NewSpacer(), container.New(&tightLayout{}, star), l))
}

// tightLayout draws its object without the label's leading padding.
type tightLayout struct{}

func (tightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width-theme.InnerPadding(), m.Height)
}

func (tightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width+theme.InnerPadding(), size.Height))
}

// field is a form value with its message underneath.
func field(obj fyne.CanvasObject, msg *widget.Label) fyne.CanvasObject {
	if msg == nil {
		return obj
	}
	if e, ok := obj.(*keyEntry); ok {
		markWithMessage(e, msg)
	}
	return container.NewVBox(obj, messageLine(msg))
}

// messageEntries are the text boxes whose border turns red while their message shows.
var messageEntries = map[*widget.Label]*keyEntry{}

// markWithMessage turns e's border red (with Fyne's error mark) while msg shows a problem,
// once the cursor has left e.
func markWithMessage(e *keyEntry, msg *widget.Label) {
	e.AlwaysShowValidationError = true
	messageEntries[msg] = e
}

// messageLine keeps one line of room for msg whether it shows or not, so a message appearing
// under a field does not push the form down under the mouse; a longer message that wraps
// takes the room it needs.
func messageLine(msg *widget.Label) fyne.CanvasObject {
	return container.New(messageLayout{}, msg)
}

type messageLayout struct{}

// messageRoom is the height kept for a one-line message: the text without the label's
// padding above and below.
func messageRoom(l fyne.CanvasObject) float32 {
	h := l.MinSize().Height - 2*theme.InnerPadding()
	return max(h, theme.TextSize()+6)
}

func (messageLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	l := objs[0]
	h := messageRoom(l)
	w := float32(0)
	if l.Visible() {
		w = l.MinSize().Width
	}
	return fyne.NewSize(w, h)
}

func (messageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l := objs[0]
	// The label's own padding overlaps the room above and below.
	l.Move(fyne.NewPos(0, -theme.InnerPadding()))
	l.Resize(fyne.NewSize(size.Width, size.Height+2*theme.InnerPadding()))
}

// card is a white panel with an optional bold title, the way sections are grouped.
func card(title string, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(colorSurface)
	bg.CornerRadius = 6
	bg.StrokeColor = colorBorder
	bg.StrokeWidth = 1
	inner := content
	if title != "" {
		t := widget.NewLabel(title)
		t.TextStyle = fyne.TextStyle{Bold: true}
		inner = container.NewBorder(container.NewVBox(t, widget.NewSeparator()), nil, nil, nil, content)
	}
	return container.NewStack(bg, container.NewPadded(inner))
}

// formGrid lays out label/field pairs with the labels on the left.
func formGrid(pairs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), pairs...)
}

// fixedWidth gives obj a fixed width (and its own minimum height).
func fixedWidth(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w: w}, obj)
}

// narrow keeps obj at width w on the left of a wider area.
func narrow(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewHBox(fixedWidth(w, obj))
}

type widthLayout struct{ w float32 }

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(l.w, h)
}

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// groupDigits writes n with thousands separators: 1234567 → 1,234,567.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// indexOf returns the position of s in list, or -1.
func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// button is a widget.Button that Enter presses as Space does, and that lets Esc and F5
// through to the window while it has the focus.
type button struct {
	widget.Button
	// arrows makes Up and Down move the focus to the previous or next item, in a list of
	// results.
	arrows bool
}

func newButton(label string, tapped func()) *button {
	b := &button{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func newButtonWithIcon(label string, icon fyne.Resource, tapped func()) *button {
	b := newButton(label, tapped)
	b.Icon = icon
	return b
}

// TypedKey presses the button on Enter and passes Esc and F5 on to the window.
func (b *button) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape, fyne.KeyF5:
		passToWindow(b, k)
	case fyne.KeyDown, fyne.KeyUp:
		if c := fyne.CurrentApp().Driver().CanvasForObject(b); b.arrows && c != nil {
			if k.Name == fyne.KeyDown {
				c.FocusNext()
			} else {
				c.FocusPrevious()
			}
		}
	default:
		b.Button.TypedKey(k)
	}
}

// link is a widget.Hyperlink that runs OnTapped; Enter follows it as Space does.
type link struct {
	widget.Hyperlink
}

func newLink(text string, tapped func()) *link {
	l := &link{}
	l.Text, l.OnTapped = text, tapped
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey follows the link on Enter and passes Esc and F5 on to the window.
func (l *link) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.Hyperlink.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape, fyne.KeyF5:
		passToWindow(l, k)
	default:
		l.Hyperlink.TypedKey(k)
	}
}

// downInto makes Down in a search box move the focus to the first result listed in hits,
// and Up and Down move between the results; Enter picks one.
func downInto(e *keyEntry, hits func() []fyne.CanvasObject) {
	e.onDown = func() bool {
		var first *button
		for _, o := range hits() {
			if b, ok := o.(*button); ok && b.Visible() && !b.Disabled() {
				b.arrows = true
				if first == nil {
					first = b
				}
			}
		}
		c := e.canvas()
		if first == nil || c == nil {
			return false
		}
		c.Focus(first)
		return true
	}
}

// formSelect is a widget.Select of a form: Enter, Esc and F5 reach the window while it has
// the focus (widget.Select keeps them), so Enter saves the form from a choice as it does
// from a text box, and Esc closes it.
type formSelect struct {
	widget.Select
}

func newFormSelect(options []string, changed func(string)) *formSelect {
	s := &formSelect{}
	s.Options, s.OnChanged, s.PlaceHolder = options, changed, "请选择"
	s.ExtendBaseWidget(s)
	return s
}

func (s *formSelect) TypedKey(k *fyne.KeyEvent) {
	if !passFormKey(s, k) {
		s.Select.TypedKey(k)
	}
}

// formCheck is a widget.Check of a form: Enter, Esc and F5 reach the window as from a
// formSelect; Space ticks it.
type formCheck struct {
	widget.Check
}

func newFormCheck(label string, changed func(bool)) *formCheck {
	c := &formCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *formCheck) TypedKey(k *fyne.KeyEvent) {
	if !passFormKey(c, k) {
		c.Check.TypedKey(k)
	}
}

// passFormKey hands Enter, Esc and F5 from a form's choice to the window; false for other keys.
func passFormKey(obj fyne.CanvasObject, k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape, fyne.KeyF5:
		return passToWindow(obj, k)
	}
	return false
}

// newSelect is a widget.Select that says 请选择 while nothing is chosen (Fyne's own
// placeholder is the English "(Select one)"); a form may name the choice more exactly.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = "请选择"
	return s
}
