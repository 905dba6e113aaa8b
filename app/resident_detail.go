package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// residentDetail is a resident's page: every field (the full ID number only here), the
// household, and the timeline.
type residentDetail struct {
	scr       *residentsScreen
	id        int64
	r         data.Resident
	seen      data.Seen // the state of the record r shows, passed back with 作废
	household data.Household
	timeline  []data.TimelineEntry

	title    *widget.Label
	voidNote *widget.Label
	info     *fyne.Container
	members  *fyne.Container
	events   *fyne.Container

	back, edit, void      *button
	forms                 *button // 打印申请材料
	formsDlg              *aidFormsDialog
	makeHead, join, leave *button
	voidReason            *keyEntry // the open 作废 dialog's reason, for tests
	voidConfirm           *button
	joinQuery             *keyEntry
	joinHits              *widget.RadioGroup
	joinRelation          *widget.Select
	joinConfirm           *button
	joinFound             []data.Resident
	content               fyne.CanvasObject
}

func newResidentDetail(scr *residentsScreen) *residentDetail {
	d := &residentDetail{scr: scr}
	d.title = heading("")
	d.voidNote = newErrorLabel()
	d.back = newButtonWithIcon("返回列表", theme.NavigateBackIcon(), scr.showList)
	d.edit = newButtonWithIcon("编辑", theme.DocumentCreateIcon(), func() { scr.showEdit(d.id) })
	d.edit.Importance = widget.HighImportance
	d.void = newButtonWithIcon("作废", theme.DeleteIcon(), d.onVoid)
	d.void.Importance = widget.DangerImportance
	d.forms = newButtonWithIcon("打印申请材料", theme.DocumentPrintIcon(), func() {
		d.formsDlg = showAidFormsDialog(scr.sess, d.id, d.r.Name, "")
	})
	d.makeHead = newButton("设为户主", d.onMakeHead)
	d.join = newButton("加入户", d.onJoin)
	d.leave = newButton("移出户", d.onLeave)
	d.info = container.NewGridWithColumns(2)
	d.members = container.NewVBox()
	d.events = container.NewVBox()

	top := container.NewHBox(d.back, d.title, layout.NewSpacer(), d.forms, d.edit, d.void)
	household := card("家庭户", container.NewBorder(nil, container.NewHBox(d.makeHead, d.join, d.leave), nil, nil, d.members))
	timeline := card("时间线", d.events)
	body := container.NewVBox(d.voidNote, card("基本信息", d.info), household, timeline)
	d.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
	return d
}

func (d *residentDetail) show(id int64) {
	if d.id != id {
		d.id = id
		d.r = data.Resident{}
		d.title.SetText("居民档案")
		d.info.Objects = nil
		d.members.Objects = nil
		d.events.Objects = nil
	}
	d.load()
}

// load reads the resident, their household and timeline from the store.
func (d *residentDetail) load() {
	s := d.scr.sess
	id := d.id
	var r data.Resident
	var seen data.Seen
	var h data.Household
	var tl []data.TimelineEntry
	s.Go(func() (err error) {
		ctx := s.Ctx()
		if seen, err = s.DB.Seen(ctx, "residents", id); err != nil {
			return err
		}
		if r, err = s.DB.Resident(ctx, id); err != nil {
			return err
		}
		if r.HouseholdID != 0 {
			if h, err = s.DB.Household(ctx, r.HouseholdID); err != nil {
				return err
			}
		}
		tl, err = s.DB.ResidentTimeline(ctx, id)
		return err
	}, func(err error) {
		if id != d.id {
			return
		}
		if err != nil {
			s.ShowError(err)
			return
		}
		d.r, d.seen, d.household, d.timeline = r, seen, h, tl
		d.render()
	})
}

func (d *residentDetail) render() {
	r := d.r
	today := d.scr.sess.Today()
	d.title.SetText(fmt.Sprintf("%s　%s · %d 岁", r.Name, r.Sex(), r.Age(today)))
	if r.Voided {
		setMessage(d.voidNote, "此档案已作废："+r.VoidReason)
	} else {
		setMessage(d.voidNote, "")
	}
	value := func(s string) *widget.Label {
		if s == "" {
			s = "—"
		}
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		return l
	}
	left := formGrid(
		fieldLabel("姓名", false), value(r.Name),
		fieldLabel("身份证号", false), value(r.IDNumber),
		fieldLabel("出生日期", false), value(r.Birth.Format("2006-01-02")),
		fieldLabel("性别", false), value(r.Sex()),
		fieldLabel("年龄", false), value(fmt.Sprintf("%d 岁", r.Age(today))),
		fieldLabel("联系电话", false), value(r.Phone),
		fieldLabel("人员状态", false), value(r.Status.String()),
	)
	right := formGrid(
		fieldLabel("社区", false), value(r.CommunityName),
		fieldLabel("网格", false), value(r.GridName),
		fieldLabel("住址", false), value(r.Address),
		fieldLabel("与户主关系", false), value(r.Relation),
		fieldLabel("标签", false), value(strings.Join(r.Tags, "、")),
		fieldLabel("备注", false), value(r.Note),
		fieldLabel("建档时间", false), value(r.CreatedAt.In(data.OfficeZone).Format("2006-01-02 15:04")),
	)
	d.info.Objects = []fyne.CanvasObject{left, right}
	d.info.Refresh()

	d.members.Objects = nil
	if r.HouseholdID == 0 {
		d.members.Add(mutedLabel("尚未归户。可“设为户主”新建一户，或“加入户”加入已有的户。"))
	} else {
		if d.household.Address != "" {
			d.members.Add(mutedLabel("户籍地址：" + d.household.Address))
		}
		for _, m := range d.household.Members {
			mid := m.ID
			rel := m.Relation
			if rel == "" {
				rel = "成员"
			}
			text := fmt.Sprintf("%s　%s　%s · %d 岁　%s", rel, m.Name, m.Sex(), m.Age(today), data.MaskIDNumber(m.IDNumber))
			l := widget.NewLabel(text)
			if mid == r.ID {
				l.TextStyle = fyne.TextStyle{Bold: true}
			}
			open := newLink("查看", nil)
			open.OnTapped = func() { d.scr.showDetail(mid) }
			d.members.Add(container.NewHBox(l, open))
		}
	}
	d.members.Refresh()

	d.events.Objects = nil
	if len(d.timeline) == 0 {
		d.events.Add(mutedLabel("暂无记录"))
	}
	for _, e := range d.timeline {
		line := fmt.Sprintf("%s　【%s】%s", e.Date.In(data.OfficeZone).Format("2006-01-02 15:04"), e.Kind, e.Title)
		if e.Ref != "" {
			line += "　" + e.Ref
		}
		d.events.Add(widget.NewLabel(line))
	}
	d.events.Refresh()

	can := d.scr.sess.Can(data.ActEditResidents) && !r.Voided
	hasHead := false
	for _, m := range d.household.Members {
		if m.Relation == "户主" {
			hasHead = true
		}
	}
	enable(d.edit, can)
	enable(d.forms, d.scr.sess.Can(data.ActRecord) && !r.Voided && r.ID != 0)
	enable(d.void, can)
	enable(d.makeHead, can && (r.HouseholdID == 0 || (!hasHead && r.Relation != "户主")))
	enable(d.join, can && r.HouseholdID == 0)
	enable(d.leave, can && r.HouseholdID != 0)
	relayout(d.content) // the cards grew: lay the page out again rather than overlap
}

func enable(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// after runs a household or void change and reloads the page and the list.
func (d *residentDetail) change(work func() error, ok string) {
	s := d.scr.sess
	s.Go(work, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		if ok != "" {
			s.Notify(ok)
		}
		d.load()
		d.scr.load()
	})
}

func (d *residentDetail) onMakeHead() {
	s := d.scr.sess
	r := d.r
	if r.HouseholdID != 0 {
		d.change(func() error { return s.DB.JoinHousehold(s.Ctx(), r.ID, r.HouseholdID, "户主") }, "已将 "+r.Name+" 设为户主")
		return
	}
	d.change(func() error { _, err := s.DB.StartHousehold(s.Ctx(), r.ID); return err }, "已以 "+r.Name+" 为户主建立新户")
}

func (d *residentDetail) onLeave() {
	s := d.scr.sess
	r := d.r
	s.Confirm("移出户", fmt.Sprintf("把 %s 移出所在的户？档案本身不受影响。", r.Name), "移出", "取消", func() {
		d.change(func() error { return s.DB.LeaveHousehold(s.Ctx(), r.ID) }, "已将 "+r.Name+" 移出户")
	})
}

// onJoin finds a household through any of its members and joins it with a relation.
func (d *residentDetail) onJoin() {
	s := d.scr.sess
	r := d.r
	d.joinQuery = newEntry("输入户内任一成员的姓名、拼音首字母或身份证号")
	d.joinHits = widget.NewRadioGroup(nil, nil)
	var relations []string
	for _, rel := range data.Relations {
		if rel != "户主" {
			relations = append(relations, rel)
		}
	}
	d.joinRelation = newSelect(relations, nil)
	d.joinRelation.PlaceHolder = "请选择"
	msg := newErrorLabel()
	find := newButtonWithIcon("查找", theme.SearchIcon(), nil)
	var dlg *dialog.CustomDialog
	d.joinConfirm = newButton("加入", func() {
		i := indexOf(d.joinHits.Options, d.joinHits.Selected)
		if i < 0 {
			setMessage(msg, "请在查找结果中选择一户")
			return
		}
		if d.joinRelation.Selected == "" {
			setMessage(msg, "请选择与户主的关系")
			return
		}
		hid, rel := d.joinFound[i].HouseholdID, d.joinRelation.Selected
		dlg.Hide()
		d.change(func() error { return s.DB.JoinHousehold(s.Ctx(), r.ID, hid, rel) }, "已将 "+r.Name+" 加入户")
	})
	d.joinConfirm.Importance = widget.HighImportance
	find.OnTapped = func() {
		q := d.joinQuery.Text
		var found []data.Resident
		s.Go(func() (err error) {
			found, err = s.DB.SearchResidents(s.Ctx(), q, 30)
			return err
		}, func(err error) {
			if err != nil {
				setMessage(msg, data.Message(err))
				return
			}
			d.joinFound = nil
			var opts []string
			for _, f := range found {
				if f.HouseholdID == 0 || f.ID == r.ID {
					continue
				}
				d.joinFound = append(d.joinFound, f)
				opts = append(opts, fmt.Sprintf("%s（%s）%s　%s", f.Name, f.Relation, data.MaskIDNumber(f.IDNumber), f.Address))
			}
			d.joinHits.Options = opts
			d.joinHits.Refresh()
			if len(opts) == 0 {
				setMessage(msg, "没有找到已归户的居民。请先在户主的档案中“设为户主”")
			} else {
				setMessage(msg, "")
			}
		})
	}
	d.joinQuery.OnSubmitted = func(string) { find.OnTapped() }
	cancel := newButton("取消", func() { dlg.Hide() })
	body := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, find, d.joinQuery), msg),
		container.NewVBox(formGrid(fieldLabel("与户主关系", true), d.joinRelation), container.NewHBox(layout.NewSpacer(), cancel, d.joinConfirm)),
		nil, nil, container.NewVScroll(d.joinHits))
	dlg = dialog.NewCustomWithoutButtons("加入户 — "+r.Name, body, s.Window)
	dlg.Resize(fyne.NewSize(560, 420))
	s.ShowDialog(dlg)
	s.Window.Canvas().Focus(d.joinQuery)
}

// onVoid asks for a reason (required) and voids the record.
func (d *residentDetail) onVoid() {
	s := d.scr.sess
	r := d.r
	d.voidReason = newMultiLineEntry("作废原因（必填），如：重复建档、录入错误")
	d.voidReason.SetMinRowsVisible(3)
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	d.voidConfirm = newButton("确认作废", func() {
		reason := d.voidReason.Text
		d.voidConfirm.Disable()
		ctx := data.WithSeen(s.Ctx(), d.seen)
		s.Go(func() error { return s.DB.VoidResident(ctx, r.ID, reason) }, func(err error) {
			if err != nil {
				d.voidConfirm.Enable()
				setMessage(msg, data.Message(err))
				if data.IsStale(err) {
					d.load() // another PC changed the record: show what it is now
				}
				return
			}
			dlg.Hide()
			s.Notify("已作废 " + r.Name)
			d.scr.showList()
			d.scr.load()
		})
	})
	d.voidConfirm.Importance = widget.DangerImportance
	d.voidConfirm.Disable()
	d.voidReason.OnChanged = func(t string) { enable(d.voidConfirm, strings.TrimSpace(t) != "") }
	cancel := newButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(
		widget.NewLabel(fmt.Sprintf("作废 %s（%s）的档案？作废后不再出现在列表中，记录仍保留可查。", r.Name, data.MaskIDNumber(r.IDNumber))),
		d.voidReason, msg,
		container.NewHBox(layout.NewSpacer(), cancel, d.voidConfirm))
	dlg = dialog.NewCustomWithoutButtons("作废居民档案", body, s.Window)
	dlg.Resize(fyne.NewSize(520, 280))
	s.ShowDialog(dlg)
	s.Window.Canvas().Focus(d.voidReason)
}
