package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// issueSettings are the 设置 tabs of the issue ledger: the working calendar and the three
// catalogs (问题来源, 问题类别, 责任单位). Only administrators change them; the store refuses
// anyone else anyway.
type issueSettings struct {
	sess     *Session
	calendar *calendarTab
	catalogs []*catalogEditor
}

func newIssueSettings(s *Session) *issueSettings {
	return &issueSettings{sess: s, calendar: newCalendarTab(s), catalogs: []*catalogEditor{
		newCatalogEditor(s, data.CatalogIssueSources, "问题来源", "新来源，如：媒体曝光", "登记问题时可选的来源。移除后，已登记问题上的来源仍保留。"),
		newCatalogEditor(s, data.CatalogIssueCategories, "问题类别", "新类别，如：停车管理", "登记问题时可选的类别。移除后，已登记问题上的类别仍保留。"),
		newCatalogEditor(s, data.CatalogResponsibleUnits, "责任单位", "新单位，如：区城管局", "可指定为责任单位的部门和单位。移除后，已登记问题上的单位仍保留。"),
	}}
}

// tabs returns the tab items, in order.
func (is *issueSettings) tabs() []*container.TabItem {
	out := []*container.TabItem{container.NewTabItemWithIcon("工作日历", theme.CalendarIcon(), is.calendar.content)}
	for _, c := range is.catalogs {
		out = append(out, container.NewTabItemWithIcon(c.title, theme.ListIcon(), c.content))
	}
	return out
}

func (is *issueSettings) load() {
	is.calendar.load()
	for _, c := range is.catalogs {
		c.load()
	}
}

func isAdmin(s *Session) bool { return s.Can(data.ActManageOrg) }

func adminOnly(s *Session, what string) fyne.CanvasObject {
	role := ""
	if s.User != nil {
		role = s.User.Role.String()
	}
	l := mutedLabel(fmt.Sprintf("只有管理员可以%s。当前账号为%s，可以查看，不能修改。", what, role))
	if isAdmin(s) {
		l.Hide()
	}
	return l
}

// catalogEditor edits one editable list: add a value, remove one (records keep theirs).
type catalogEditor struct {
	sess  *Session
	kind  data.CatalogKind
	title string
	rows  *fyne.Container
	value *keyEntry
	add   *button
	msg   *widget.Label

	content fyne.CanvasObject
}

func newCatalogEditor(s *Session, kind data.CatalogKind, title, placeHolder, about string) *catalogEditor {
	c := &catalogEditor{sess: s, kind: kind, title: title, rows: container.NewVBox(), msg: newErrorLabel()}
	c.value = newEntry(placeHolder)
	c.value.OnSubmitted = func(string) { c.onAdd() }
	c.add = newButtonWithIcon("添加", theme.ContentAddIcon(), c.onAdd)
	if !isAdmin(s) {
		c.value.Disable()
		c.add.Disable()
	}
	top := container.NewVBox(adminOnly(s, "调整"+title), mutedLabel(about),
		container.NewBorder(nil, nil, nil, c.add, c.value), c.msg)
	c.content = narrow(560, card(title, container.NewBorder(top, nil, nil, nil, container.NewVScroll(c.rows))))
	return c
}

func (c *catalogEditor) load() {
	var vs []string
	c.sess.Go(func() (err error) {
		vs, err = c.sess.DB.CatalogValues(c.sess.Ctx(), c.kind)
		return err
	}, func(err error) {
		if err != nil {
			c.sess.ShowError(err)
			return
		}
		c.rows.Objects = nil
		for i, v := range vs {
			v := v
			rm := newButton("移除", func() { c.onRemove(v) })
			rm.Importance = widget.LowImportance
			if !isAdmin(c.sess) {
				rm.Disable()
			}
			c.rows.Add(container.NewBorder(nil, nil, hint(strconv.Itoa(i+1)), rm, widget.NewLabel(v)))
		}
		if len(vs) == 0 {
			c.rows.Add(mutedLabel("列表是空的，请在上方添加。"))
		}
		c.rows.Refresh()
	})
}

func (c *catalogEditor) onAdd() {
	v := c.value.Text
	s := c.sess
	s.Go(func() error { return s.DB.AddCatalog(s.Ctx(), c.kind, v) }, func(err error) {
		if err != nil {
			setMessage(c.msg, data.Message(err))
			return
		}
		setMessage(c.msg, "")
		c.value.SetText("")
		s.Notify(fmt.Sprintf("已添加%s %s", c.title, strings.TrimSpace(v)))
		c.load()
	})
}

func (c *catalogEditor) onRemove(v string) {
	s := c.sess
	s.Confirm("移除"+c.title, fmt.Sprintf("从列表中移除“%s”？已登记问题上的这一项仍保留。", v), "移除", "取消", func() {
		s.Go(func() error { return s.DB.VoidCatalog(s.Ctx(), c.kind, v) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify(fmt.Sprintf("已移除%s %s", c.title, v))
			c.load()
		})
	})
}

// calendarTab is 工作日历: the statutory holidays (休) and make-up working days (班) of a
// year, which deadlines in working days are counted on.
type calendarTab struct {
	sess    *Session
	year    *widget.Select
	rows    *fyne.Container
	note    *widget.Label
	date    *dateField
	kind    *widget.RadioGroup
	name    *keyEntry
	add     *button
	msg     *widget.Label
	entries []data.HolidayEntry
	content fyne.CanvasObject
}

const (
	calendarOff  = "放假（休）"
	calendarWork = "调休上班（班）"
)

func newCalendarTab(s *Session) *calendarTab {
	c := &calendarTab{sess: s, rows: container.NewVBox(), msg: newErrorLabel(), note: mutedLabel("")}
	y := data.Today(s.Today()).Year
	var years []string
	for k := y - 1; k <= y+2; k++ {
		years = append(years, fmt.Sprintf("%d年", k))
	}
	c.year = newSelect(years, func(string) { c.load() })
	c.year.SetSelected(fmt.Sprintf("%d年", y))
	c.date = newDateField(true)
	c.kind = widget.NewRadioGroup([]string{calendarOff, calendarWork}, nil)
	c.kind.Horizontal = true
	c.kind.SetSelected(calendarOff)
	c.name = newEntry("节日名称，如：春节")
	c.name.OnSubmitted = func(string) { c.onAdd() }
	c.add = newButtonWithIcon("添加", theme.ContentAddIcon(), c.onAdd)
	c.add.Importance = widget.HighImportance
	if !isAdmin(s) {
		c.date.Disable()
		c.kind.Disable()
		c.name.Disable()
		c.add.Disable()
	}
	about := mutedLabel("按“工作日”计算的整改时限依此日历：周一至周五上班，周六、周日休息；这里登记与此不同的日子——法定节假日放假和调休上班的周末。程序自带国务院公布的当年和次年安排，以后各年由管理员在此补录。修改日历不影响已登记问题的整改时限。")
	form := formGrid(
		fieldLabel("日期", true), c.date.content,
		fieldLabel("安排", true), c.kind,
		fieldLabel("节日", true), c.name,
	)
	left := card("登记一天", container.NewVBox(adminOnly(s, "修改工作日历"), form, c.msg, container.NewHBox(c.add)))
	list := card("", container.NewBorder(container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("年份"), fixedWidth(110, c.year)), nil, c.note),
		nil, nil, nil, container.NewVScroll(c.rows)))
	c.content = container.NewBorder(about, nil, fixedWidth(430, left), nil, list)
	return c
}

func (c *calendarTab) selectedYear() int {
	y, _ := strconv.Atoi(strings.TrimSuffix(c.year.Selected, "年"))
	return y
}

func (c *calendarTab) load() {
	year := c.selectedYear()
	var es []data.HolidayEntry
	c.sess.Go(func() (err error) {
		es, err = c.sess.DB.CalendarEntries(c.sess.Ctx(), year)
		return err
	}, func(err error) {
		if err != nil {
			c.sess.ShowError(err)
			return
		}
		c.entries = es
		c.render(year)
	})
}

func (c *calendarTab) render(year int) {
	c.rows.Objects = nil
	off, work := 0, 0
	for _, e := range c.entries {
		e := e
		kind := "休"
		if e.Off {
			off++
		} else {
			kind = "班"
			work++
		}
		rm := newButton("移除", func() { c.onRemove(e) })
		rm.Importance = widget.LowImportance
		if !isAdmin(c.sess) {
			rm.Disable()
		}
		col := colorStatusClosed
		if !e.Off {
			col = colorDueSoon
		}
		c.rows.Add(container.NewBorder(nil, nil,
			container.NewHBox(widget.NewLabel(dateWithWeekday(e.Date)), statusTag(kind, col)), rm, widget.NewLabel(e.Name)))
	}
	if len(c.entries) == 0 {
		c.note.SetText(fmt.Sprintf("%d年尚未录入节假日安排：按工作日计算的时限只扣除周末。请按国务院办公厅通知补录。", year))
		c.note.Importance = widget.DangerImportance
	} else {
		c.note.SetText(fmt.Sprintf("放假 %d 天，调休上班 %d 天", off, work))
		c.note.Importance = widget.LowImportance
	}
	c.note.Refresh()
	c.rows.Refresh()
}

func (c *calendarTab) onAdd() {
	d, err := c.date.Date()
	if err != nil {
		setMessage(c.msg, data.Message(err))
		return
	}
	off := c.kind.Selected == calendarOff
	name := c.name.Text
	s := c.sess
	s.Go(func() error { return s.DB.SetCalendarDay(s.Ctx(), d, off, name) }, func(err error) {
		if err != nil {
			setMessage(c.msg, data.Message(err))
			return
		}
		setMessage(c.msg, "")
		c.date.SetText("")
		s.Notify("已登记 " + d.Chinese() + " " + strings.TrimSpace(name))
		if d.Year != c.selectedYear() {
			c.year.SetSelected(fmt.Sprintf("%d年", d.Year)) // reloads
			return
		}
		c.load()
	})
}

func (c *calendarTab) onRemove(e data.HolidayEntry) {
	s := c.sess
	s.Confirm("移除", fmt.Sprintf("把 %s（%s）恢复为平常的安排？", e.Date.Chinese(), e.Name), "移除", "取消", func() {
		s.Go(func() error { return s.DB.RemoveCalendarDay(s.Ctx(), e.Date) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已移除 " + e.Date.Chinese())
			c.load()
		})
	})
}
