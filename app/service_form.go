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

// serviceForm records or edits one service: who was served (a search box adding residents),
// when, the type and item, who served (the current user by default), what was done, the
// result, the follow-up date and photos. Every change is checked with data.Service.Validate,
// the same rule the store applies; the save button stays disabled and says why.
type serviceForm struct {
	sc      *servicesScreen
	orig    data.Service
	seen    data.Seen // the state of the record orig is: a save or void over another PC's change is refused
	touched bool

	resQuery  *keyEntry
	resFind   *button
	resHits   *fyne.Container
	resChosen *fyne.Container
	residents []data.Resident

	date      *dateField
	typ       *formSelect
	item      *formSelect
	staff     *widget.CheckGroup
	content   *keyEntry
	result    *formSelect
	onTheSpot *formCheck
	followUp  *dateField
	photos    *filePicker

	msgs   map[string]*widget.Label
	why    *widget.Label
	saved  *widget.Label
	save   *button
	cancel *button
	void   *button // 作废, for reviewers on a saved service

	content_ fyne.CanvasObject
	title    *widget.Label // 登记上门服务, then 修改服务记录 FW-… once saved
}

var serviceFields = []string{"residents", "date", "type", "item", "staff", "content", "result", "on_the_spot", "follow_up_on"}

func newServiceForm(sc *servicesScreen, svc data.Service, residents []data.Resident) *serviceForm {
	s := sc.sess
	f := &serviceForm{sc: sc, orig: svc, msgs: map[string]*widget.Label{}, residents: residents}
	for _, k := range serviceFields {
		f.msgs[k] = newErrorLabel()
	}
	f.resQuery = newEntry("输入姓名、拼音首字母（如 zjh）、身份证号片段或电话，回车查找")
	f.resQuery.OnSubmitted = func(string) { f.onFindResident() }
	f.resFind = newButtonWithIcon("查找", theme.SearchIcon(), f.onFindResident)
	f.resHits = container.NewVBox()
	downInto(f.resQuery, func() []fyne.CanvasObject { return f.resHits.Objects })
	f.resChosen = container.NewVBox()

	f.date = newDateField(true)
	f.msgs["date"] = f.date.msg // one message under the date, not the field's and the form's
	f.typ = newFormSelect(typeNames(), func(string) { f.changed("type") })
	items := sc.choices.items
	if svc.Item != "" && indexOf(items, svc.Item) < 0 {
		items = append(append([]string(nil), items...), svc.Item)
	}
	f.item = newFormSelect(items, func(string) { f.changed("item") })
	var names []string
	for _, u := range sc.choices.users {
		if !u.Disabled {
			names = append(names, u.Name)
		}
	}
	for _, st := range svc.Staff {
		if indexOf(names, st.Name) < 0 {
			names = append(names, st.Name)
		}
	}
	f.staff = widget.NewCheckGroup(names, func([]string) { f.changed("staff") })
	f.staff.Horizontal = true
	f.content = newMultiLineEntry("如：入户核实老人健在，采集认证照片，讲解发放时间")
	f.content.SetMinRowsVisible(3)
	f.content.OnChanged = func(string) { f.changed("content") }
	f.result = newFormSelect(resultNames(), func(string) { f.changed("result") })
	f.onTheSpot = newFormCheck("当场办结", func(bool) { f.changed("on_the_spot") })
	f.followUp = newDateField(false)
	f.photos = newFilePicker(s, "添加照片")
	f.why = hint("")
	f.why.Importance = widget.DangerImportance
	f.saved = widget.NewLabel("")
	f.saved.Importance = widget.SuccessImportance
	f.save = newButtonWithIcon("保存", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = newButton("返回", f.onCancel)

	// Fill from the record.
	if svc.ID == 0 {
		if svc.Date.IsZero() {
			svc.Date = data.Today(s.Today())
		}
		if svc.Result == "" {
			svc.Result = data.ServiceDone
		}
		if len(svc.Staff) == 0 && s.User != nil {
			svc.Staff = []data.Staff{{UserID: s.User.ID, Name: s.User.Name}}
		}
	}
	f.date.SetDate(svc.Date)
	if svc.Type != "" {
		f.typ.SetSelected(string(svc.Type))
	}
	if svc.Item != "" {
		f.item.SetSelected(svc.Item)
	}
	var chosen []string
	for _, st := range svc.Staff {
		chosen = append(chosen, st.Name)
	}
	f.staff.SetSelected(chosen)
	f.content.SetText(svc.Content)
	f.result.SetSelected(string(svc.Result))
	f.onTheSpot.SetChecked(svc.OnTheSpot)
	if !svc.FollowUpOn.IsZero() {
		f.followUp.SetDate(svc.FollowUpOn)
	}
	f.date.OnChanged = func(data.Date) { f.changed("date") }
	f.followUp.OnChanged = func(data.Date) { f.changed("follow_up_on") }
	f.followUp.OnSubmitted = f.onSave
	if svc.ID != 0 && len(residents) == 0 {
		f.loadResidents(svc.ResidentIDs)
	}
	f.renderResidents()

	title := "登记上门服务"
	if svc.ID != 0 {
		title = "修改服务记录 " + svc.Number
	}
	res := container.NewVBox(container.NewBorder(nil, nil, nil, f.resFind, f.resQuery), f.resHits, f.resChosen, messageLine(f.msgs["residents"]))
	basic := formGrid(
		fieldLabel("服务对象", true), res,
		fieldLabel("服务日期", true), fixedWidth(200, f.date.content),
		fieldLabel("服务类型", true), field(fixedWidth(200, f.typ), f.msgs["type"]),
		fieldLabel("服务事项", true), field(fixedWidth(280, f.item), f.msgs["item"]),
		fieldLabel("服务人员", true), field(f.staff, f.msgs["staff"]),
	)
	work := formGrid(
		fieldLabel("服务内容", true), field(f.content, f.msgs["content"]),
		fieldLabel("办理结果", true), field(container.NewVBox(container.NewHBox(fixedWidth(160, f.result), f.onTheSpot), f.msgs["on_the_spot"]), f.msgs["result"]),
		fieldLabel("回访日期", false), field(fixedWidth(200, f.followUp.content), f.msgs["follow_up_on"]),
		fieldLabel("照片", false), f.photos.content,
	)
	buttons := container.NewHBox(f.save, f.cancel, f.why, f.saved)
	f.void = newButtonWithIcon("作废", theme.DeleteIcon(), f.onVoid)
	f.void.Importance = widget.DangerImportance
	if svc.ID != 0 && s.Can(data.ActReview) {
		buttons.Add(layout.NewSpacer())
		buttons.Add(f.void)
	}
	f.title = heading(title)
	body := container.NewVBox(f.title, card("服务对象与事项", basic), card("服务内容与结果", work))
	// The save bar stays at the bottom of the window, not below the fold at 768 pixels.
	f.content_ = container.NewBorder(nil, card("", buttons), nil, nil, container.NewVScroll(body))
	f.check()
	return f
}

// content is the form's canvas object (named content_ to keep the entry's name).
func (f *serviceForm) canvasObject() fyne.CanvasObject { return f.content_ }

func (f *serviceForm) focusFirst() {
	if c := f.sc.sess.Window.Canvas(); c != nil {
		if len(f.residents) == 0 {
			c.Focus(f.resQuery)
		} else {
			c.Focus(f.content)
		}
	}
}

// collect reads the fields into a copy of the record; a date that cannot be read is a problem
// of its field.
func (f *serviceForm) collect() (data.Service, map[string]string) {
	problems := map[string]string{}
	svc := f.orig
	var err error
	if svc.Date, err = f.date.Date(); err != nil {
		problems["date"] = data.Message(err)
	}
	svc.Type = data.ServiceType(f.typ.Selected)
	svc.Item = f.item.Selected
	svc.ResidentIDs = nil
	for _, r := range f.residents {
		svc.ResidentIDs = append(svc.ResidentIDs, r.ID)
	}
	svc.Staff = nil
	for _, name := range f.staff.Selected {
		st := data.Staff{Name: name}
		for _, u := range f.sc.choices.users {
			if u.Name == name {
				st.UserID = u.ID
				break
			}
		}
		svc.Staff = append(svc.Staff, st)
	}
	svc.Content = f.content.Text
	svc.Result = data.ServiceResult(f.result.Selected)
	svc.OnTheSpot = f.onTheSpot.Checked
	if svc.FollowUpOn, err = f.followUp.Date(); err != nil {
		problems["follow_up_on"] = data.Message(err)
	}
	if p := data.CertAgeProblem(f.sc.choices.rules, svc.Item, f.residents, svc.Date); p != "" && !svc.Date.IsZero() {
		problems["item"] = p
	}
	return svc, problems
}

// changed marks the form as typed in and checks it again.
func (f *serviceForm) changed(string) {
	f.touched = true
	setText(f.saved, "")
	f.check()
}

// check validates the form as it stands: the first problem shows under its field (once the
// user has touched the form) and beside the disabled save button.
func (f *serviceForm) check() bool {
	svc, problems := f.collect()
	addProblems(problems, svc.Validate(data.Today(f.sc.sess.Today())), nil)
	// The whole form shows its problems once the user has typed in it.
	first := formState{fields: serviceFields, msgs: f.msgs, tried: f.touched}.show(problems)
	return gate(f.save, f.why, "不能保存：", first)
}

func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

func (f *serviceForm) onSave() {
	f.touched = true
	if !f.check() {
		return
	}
	svc, _ := f.collect()
	s := f.sc.sess
	files := f.photos.Files()
	seen := f.seen
	s.Go(func() (err error) {
		if svc.ID == 0 {
			err = s.DB.CreateService(s.Ctx(), &svc, files)
		} else {
			err = s.DB.UpdateService(data.WithSeen(s.Ctx(), seen), &svc, files)
		}
		if err == nil {
			seen = savedSeen(s, "services", svc.ID, seen)
		}
		return err
	}, func(err error) {
		if err != nil {
			var e *data.Error
			if de, ok := err.(*data.Error); ok {
				e = de
			}
			if e != nil && f.msgs[e.Field] != nil {
				setMessage(f.msgs[e.Field], e.Message)
			}
			s.ShowError(err)
			return
		}
		f.orig, f.seen = svc, seen
		f.touched = false
		f.title.SetText("修改服务记录 " + svc.Number) // saved: no longer 登记
		f.photos.files = nil
		f.photos.render()
		msg := fmt.Sprintf("已保存 %s", svc.Number)
		setText(f.saved, msg)
		s.Notify(msg)
	})
}

func (f *serviceForm) onCancel() {
	f.sc.sess.LeaveForm(f.touched, f.sc.closeForm)
}

// ---- residents ----

func (f *serviceForm) loadResidents(ids []int64) {
	s := f.sc.sess
	var rs []data.Resident
	s.Go(func() error {
		for _, id := range ids {
			r, err := s.DB.Resident(s.Ctx(), id)
			if err != nil {
				return err
			}
			rs = append(rs, r)
		}
		return nil
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		f.residents = rs
		f.renderResidents()
		f.check()
	})
}

func (f *serviceForm) onFindResident() {
	q := strings.TrimSpace(f.resQuery.Text)
	if q == "" {
		return
	}
	s := f.sc.sess
	var hits []data.Resident
	s.Go(func() (err error) {
		hits, err = s.DB.SearchResidents(s.Ctx(), q, 6)
		return err
	}, func(err error) {
		if err != nil {
			setMessage(f.msgs["residents"], data.Message(err))
			return
		}
		f.resHits.Objects = nil
		for _, r := range hits {
			r := r
			b := newButtonWithIcon(residentLine(r), theme.ContentAddIcon(), func() { f.addResident(r) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			f.resHits.Add(b)
		}
		if len(hits) == 0 {
			f.resHits.Add(hint("没有找到匹配的居民"))
		}
		f.resHits.Refresh()
		relayout(f.resHits)
	})
}

func (f *serviceForm) addResident(r data.Resident) {
	for _, x := range f.residents {
		if x.ID == r.ID {
			return
		}
	}
	f.residents = append(f.residents, r)
	f.resHits.Objects = nil
	f.resHits.Refresh()
	f.resQuery.SetText("")
	f.renderResidents()
	f.changed("residents")
}

func (f *serviceForm) renderResidents() {
	f.resChosen.Objects = nil
	today := f.sc.sess.Today()
	for i, r := range f.residents {
		i := i
		line := fmt.Sprintf("%s　%s　%d岁　%s　%s", r.Name, data.MaskIDNumber(r.IDNumber), r.Age(today), r.Address, data.MaskPhone(r.Phone))
		rm := newButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			f.residents = append(f.residents[:i:i], f.residents[i+1:]...)
			f.renderResidents()
			f.changed("residents")
		})
		rm.Importance = widget.LowImportance
		f.resChosen.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(line)))
	}
	f.resChosen.Refresh()
	relayout(f.resChosen)
}

// onVoid asks for a reason (required) and voids the saved service; a certification it gave
// is withdrawn by the store.
func (f *serviceForm) onVoid() {
	s := f.sc.sess
	svc := f.orig
	reason := newMultiLineEntry("作废原因（必填），如：重复登记、录入错误")
	reason.SetMinRowsVisible(3)
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	confirm := newButton("确认作废", nil)
	confirm.OnTapped = func() {
		confirm.Disable()
		ctx := data.WithSeen(s.Ctx(), f.seen)
		s.Go(func() error { return s.DB.VoidService(ctx, svc.ID, reason.Text) }, func(err error) {
			if err != nil {
				confirm.Enable()
				setMessage(msg, data.Message(err))
				return
			}
			dlg.Hide()
			s.Notify("已作废 " + svc.Number)
			f.touched = false
			f.sc.closeForm()
		})
	}
	confirm.Importance = widget.DangerImportance
	confirm.Disable()
	reason.OnChanged = func(t string) { enable(confirm, strings.TrimSpace(t) != "") }
	cancel := newButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(
		widget.NewLabel(fmt.Sprintf("作废服务记录 %s？作废后不再计入台账和认证，记录仍保留可查。", svc.Number)),
		reason, msg, container.NewHBox(layout.NewSpacer(), cancel, confirm))
	dlg = dialog.NewCustomWithoutButtons("作废服务记录", body, s.Window)
	dlg.Resize(fyne.NewSize(480, 260))
	s.ShowDialog(dlg)
}
