package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// calendarCN is the date picker: 2026年11月 between 上月 and 下月, the weeks from 一 to 日,
// and a button for each day (Tab and Enter pick one as a click does). Fyne's calendar
// names its months in English whatever the language.
type calendarCN struct {
	month    time.Time // the first of the month on show
	picked   data.Date // the date the field holds, marked; zero for none
	onPicked func(data.Date)

	title   *widget.Label
	days    *fyne.Container
	content fyne.CanvasObject
}

func newCalendarCN(start time.Time, picked data.Date, onPicked func(data.Date)) *calendarCN {
	c := &calendarCN{picked: picked, onPicked: onPicked}
	c.month = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	c.title = widget.NewLabel("")
	c.title.Alignment = fyne.TextAlignCenter
	c.title.TextStyle = fyne.TextStyle{Bold: true}
	prev := newButtonWithIcon("", theme.NavigateBackIcon(), func() { c.show(c.month.AddDate(0, -1, 0)) })
	next := newButtonWithIcon("", theme.NavigateNextIcon(), func() { c.show(c.month.AddDate(0, 1, 0)) })
	prev.Importance, next.Importance = widget.LowImportance, widget.LowImportance
	week := container.NewGridWithColumns(7)
	for _, d := range []string{"一", "二", "三", "四", "五", "六", "日"} {
		l := widget.NewLabel(d)
		l.Alignment = fyne.TextAlignCenter
		l.Importance = widget.LowImportance
		week.Add(l)
	}
	c.days = container.NewGridWithColumns(7)
	c.content = container.NewVBox(container.NewBorder(nil, nil, prev, next, c.title), week, c.days)
	c.show(c.month)
	return c
}

// show puts month's days on show.
func (c *calendarCN) show(month time.Time) {
	c.month = month
	c.title.SetText(fmt.Sprintf("%d年%d月", month.Year(), int(month.Month())))
	c.days.Objects = nil
	// Monday first: the blanks before the 1st.
	for range (int(month.Weekday()) + 6) % 7 {
		c.days.Add(layout.NewSpacer())
	}
	last := month.AddDate(0, 1, -1).Day()
	for day := 1; day <= last; day++ {
		d := data.DateOf(time.Date(month.Year(), month.Month(), day, 0, 0, 0, 0, time.UTC))
		b := newButton(fmt.Sprint(day), func() { c.onPicked(d) })
		b.Importance = widget.LowImportance
		if d == c.picked {
			b.Importance = widget.HighImportance
		}
		c.days.Add(b)
	}
	c.days.Refresh()
}
