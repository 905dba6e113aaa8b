package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// dateField is a date entry with a calendar picker. It accepts every spelling data.ParseDate
// reads (2026-3-5, 2026.3.5, 20260305, 2026年3月5日), shows what is wrong under the field in
// Chinese (日期“2026-02-30”有误：2026年2月只有28天), and writes the date back as 2026-03-05
// when the cursor leaves it. Any screen with a date uses it.
type dateField struct {
	entry    *dateEntry
	pick     *button
	msg      *widget.Label
	required bool
	// OnChanged is called after every change with the date (zero when empty or wrong).
	OnChanged func(d data.Date)
	// OnSubmitted is called on Enter.
	OnSubmitted func()

	pop     *widget.PopUp
	cal     *calendarCN // the picker last shown
	content fyne.CanvasObject
}

// dateEntry is the text part: a keyEntry that tidies its text when it loses the focus.
type dateEntry struct {
	keyEntry
	onBlur func()
	typing func(on bool) // holds the field's message while the cursor is in it
}

func (e *dateEntry) FocusGained() {
	e.keyEntry.FocusGained()
	if e.typing != nil {
		e.typing(true)
	}
}

func (e *dateEntry) FocusLost() {
	e.keyEntry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
	if e.typing != nil {
		e.typing(false)
	}
}

// newDateField returns an empty date field; required fields say so when left empty.
func newDateField(required bool) *dateField {
	f := &dateField{required: required, msg: newErrorLabel()}
	f.entry = &dateEntry{}
	f.entry.PlaceHolder = "如 2026-03-05"
	f.entry.ExtendBaseWidget(f.entry)
	f.entry.OnChanged = func(string) { f.changed() }
	f.entry.OnSubmitted = func(string) {
		f.tidy()
		f.entry.typing(false)
		if f.OnSubmitted != nil {
			f.OnSubmitted()
		}
	}
	f.entry.onBlur = f.tidy
	// "2026-" is not flagged while it is being typed; what is wrong shows when the cursor
	// leaves the field (or on Enter).
	f.entry.typing = holdWhileTyping(f.msg)
	markWithMessage(&f.entry.keyEntry, f.msg)
	f.pick = newButtonWithIcon("", theme.CalendarIcon(), f.showPicker)
	f.pick.Importance = widget.LowImportance
	f.content = container.NewVBox(container.NewBorder(nil, nil, nil, f.pick, f.entry), messageLine(f.msg))
	return f
}

// Date returns the date typed, or an error with the Chinese message shown under the field.
// An empty optional field gives the zero Date and no error.
func (f *dateField) Date() (data.Date, error) {
	t := strings.TrimSpace(f.entry.Text)
	if t == "" {
		if f.required {
			return data.Date{}, data.Invalid("date", "请填写日期")
		}
		return data.Date{}, nil
	}
	return data.ParseDate(t)
}

// Valid reports whether the field holds a usable date (or is empty and optional).
func (f *dateField) Valid() bool {
	_, err := f.Date()
	return err == nil
}

// SetDate shows d (nothing for the zero Date).
func (f *dateField) SetDate(d data.Date) {
	f.entry.SetText(d.String())
}

// SetText types text into the field, as a user would.
func (f *dateField) SetText(text string) { f.entry.SetText(text) }

// Text is what the field shows.
func (f *dateField) Text() string { return f.entry.Text }

// Message is the complaint under the field; "" when the date is fine.
func (f *dateField) Message() string {
	if !f.msg.Visible() {
		return ""
	}
	return f.msg.Text
}

// Disable makes the field read-only.
func (f *dateField) Disable() {
	f.entry.Disable()
	f.pick.Disable()
}

// Enable makes the field editable again.
func (f *dateField) Enable() {
	f.entry.Enable()
	f.pick.Enable()
}

func (f *dateField) changed() {
	d, err := f.Date()
	if err != nil && strings.TrimSpace(f.entry.Text) == "" {
		// An empty required field is reported by the form on 保存, not while typing.
		setMessage(f.msg, "")
	} else if err != nil {
		setMessage(f.msg, data.Message(err))
	} else {
		setMessage(f.msg, "")
	}
	if f.OnChanged != nil {
		f.OnChanged(d)
	}
}

// tidy rewrites an accepted spelling as 2026-03-05.
func (f *dateField) tidy() {
	t := strings.TrimSpace(f.entry.Text)
	if t == "" {
		return
	}
	if d, err := data.ParseDate(t); err == nil && d.String() != f.entry.Text {
		f.entry.SetText(d.String())
	}
}

func (f *dateField) showPicker() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.entry)
	if c == nil {
		return
	}
	start := time.Now()
	picked, err := f.Date()
	if err == nil && !picked.IsZero() {
		start = picked.In(time.Local)
	}
	f.cal = newCalendarCN(start, picked, func(d data.Date) {
		f.entry.SetText(d.String())
		if f.pop != nil {
			f.pop.Hide()
		}
		c.Focus(f.entry)
	})
	cal := f.cal.content
	f.pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry)
	size := cal.MinSize().Max(fyne.NewSize(260, 0))
	y := pos.Y + f.entry.Size().Height + 2
	if y+size.Height > c.Size().Height {
		y = max(pos.Y-size.Height-2, 0)
	}
	f.pop.ShowAtPosition(fyne.NewPos(min(pos.X, c.Size().Width-size.Width-8), y))
	f.pop.Resize(size)
}

// weekdayCN is 星期一 … 星期日.
func weekdayCN(d data.Date) string {
	return "星期" + []string{"日", "一", "二", "三", "四", "五", "六"}[d.Weekday()]
}

// dateWithWeekday writes 2026-03-12（星期四）.
func dateWithWeekday(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s（%s）", d, weekdayCN(d))
}
