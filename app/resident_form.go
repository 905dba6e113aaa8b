package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

const noRelation = "（无）"

// formFields is the reading order of the form's fields, by the store's field keys; the
// first problem in this order is the reason shown beside the disabled 保存.
var formFields = []string{"name", "id_number", "phone", "status", "community", "grid", "address", "note", "household"}

// residentForm creates or edits a resident. Every rule comes from data: the ID number's
// check (data.ParseIDNumber), the phone's shape and Resident.Normalize.
type residentForm struct {
	scr  *residentsScreen
	orig data.Resident
	seen data.Seen // the state of the record orig is: a save over another PC's change is refused

	name, idNumber, phone, address, note *keyEntry
	derived                              *widget.Label
	other                                *link // 查看已登记的档案, after a duplicate ID number
	status, relation, community, grid    *formSelect
	tags                                 *widget.CheckGroup
	msgs                                 map[string]*widget.Label
	save, cancel                         *button
	reason                               *widget.Label

	touched map[string]bool
	tried   bool // 保存 was pressed: show every problem
	dirty   bool
	ready   bool // set-up done; changes from now on are the user's
	content fyne.CanvasObject
}

func newResidentForm(scr *residentsScreen, r data.Resident) *residentForm {
	f := &residentForm{scr: scr, orig: r, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	for _, k := range formFields {
		f.msgs[k] = newErrorLabel()
	}
	f.name = f.entry("name", "姓名")
	f.idNumber = f.entry("id_number", "18 位身份证号")
	f.phone = f.entry("phone", "手机或固定电话，如 0352-1234567")
	f.address = f.entry("address", "如：鹿苑小区 3 号楼 2 单元 501")
	f.note = f.entry("note", "其他需要说明的情况")
	f.derived = widget.NewLabel("")
	f.derived.Importance = widget.LowImportance

	var statuses []string
	for _, st := range data.ResidentStatuses {
		statuses = append(statuses, st.String())
	}
	f.status = newFormSelect(statuses, func(string) { f.changed("status") })
	f.relation = newFormSelect(append([]string{noRelation}, data.Relations...), func(string) { f.changed("household") })
	var communities []string
	for _, c := range scr.communities {
		communities = append(communities, c.Name)
	}
	f.community = newFormSelect(communities, func(string) { f.onCommunity(); f.changed("community") })
	f.community.PlaceHolder = "请选择社区"
	f.grid = newFormSelect([]string{noGrid}, func(string) { f.changed("grid") })
	f.grid.PlaceHolder = noGrid
	tags := append([]string(nil), scr.tags...)
	for _, t := range r.Tags {
		if indexOf(tags, t) < 0 {
			tags = append(tags, t) // a tag since removed from the list stays on the record
		}
	}
	f.tags = widget.NewCheckGroup(tags, func([]string) { f.changed("tags") })
	f.tags.Horizontal = true

	// Fill in the record.
	f.name.SetText(r.Name)
	f.idNumber.SetText(r.IDNumber)
	f.phone.SetText(r.Phone)
	f.address.SetText(r.Address)
	f.note.SetText(r.Note)
	if r.Status == "" {
		r.Status = data.ResidentActive
	}
	f.status.SetSelected(r.Status.String())
	if r.Relation == "" {
		f.relation.SetSelected(noRelation)
	} else {
		f.relation.SetSelected(r.Relation)
	}
	for _, c := range scr.communities {
		if c.ID == r.CommunityID {
			f.community.SetSelected(c.Name)
		}
	}
	f.onCommunity()
	for _, g := range scr.grids {
		if g.ID == r.GridID {
			f.grid.SetSelected(g.Name)
		}
	}
	f.tags.SetSelected(r.Tags)

	f.save = newButtonWithIcon("保存", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = newButton("取消", f.onCancel)
	f.reason = widget.NewLabel("")
	f.reason.Importance = widget.DangerImportance

	title := "新增居民档案"
	if r.ID != 0 {
		title = "编辑居民档案 · " + r.Name
	}
	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), f.onCancel)
	basic := card("基本信息", formGrid(
		fieldLabel("姓名", true), field(f.name, f.msgs["name"]),
		fieldLabel("身份证号", true), field(f.idNumber, f.msgs["id_number"]),
		fieldLabel("出生日期 / 性别 / 年龄", false), f.derived,
		fieldLabel("联系电话", false), field(f.phone, f.msgs["phone"]),
		fieldLabel("人员状态", true), field(f.status, f.msgs["status"]),
	))
	place := card("住址与网格", formGrid(
		fieldLabel("社区", true), field(f.community, f.msgs["community"]),
		fieldLabel("网格", false), field(f.grid, f.msgs["grid"]),
		fieldLabel("住址", false), field(f.address, f.msgs["address"]),
		fieldLabel("与户主关系", false), field(f.relation, f.msgs["household"]),
	))
	more := card("标签与备注", formGrid(
		fieldLabel("标签", false), f.tags,
		fieldLabel("备注", false), field(f.note, f.msgs["note"]),
	))
	body := container.NewVBox(container.NewGridWithColumns(2, basic, place), more)
	top := container.NewHBox(back, heading(title))
	// A duplicate ID number offers the record already on file.
	f.other = newLink("查看已登记的档案", nil)
	f.other.Hide()
	bottom := container.NewHBox(f.save, f.cancel, f.reason, f.other, layout.NewSpacer(),
		hint("带 * 的为必填项　Enter 保存　Esc 取消"))
	f.content = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(body))
	f.ready = true
	f.validate()
	return f
}

func (f *residentForm) entry(key, placeHolder string) *keyEntry {
	e := newEntry(placeHolder)
	e.OnChanged = func(string) { f.changed(key) }
	e.OnSubmitted = func(string) { f.onSave() }
	return e
}

func (f *residentForm) changed(key string) {
	if !f.ready {
		return
	}
	f.touched[key] = true
	f.dirty = true
	f.validate()
}

func (f *residentForm) onCommunity() {
	opts := []string{noGrid}
	for _, g := range f.scr.gridsOf(f.scr.communityID(f.community.Selected)) {
		opts = append(opts, g.Name)
	}
	f.grid.Options = opts
	if indexOf(opts, f.grid.Selected) < 0 {
		f.grid.ClearSelected()
	}
	f.grid.Refresh()
}

// collect reads the fields into a copy of the record being edited.
func (f *residentForm) collect() data.Resident {
	r := f.orig
	r.Name = f.name.Text
	r.IDNumber = f.idNumber.Text
	r.Phone = f.phone.Text
	r.Address = f.address.Text
	r.Note = f.note.Text
	for _, st := range data.ResidentStatuses {
		if st.String() == f.status.Selected {
			r.Status = st
		}
	}
	r.Relation = f.relation.Selected
	if r.Relation == noRelation {
		r.Relation = ""
	}
	r.CommunityID = f.scr.communityID(f.community.Selected)
	r.GridID = 0
	for _, g := range f.scr.gridsOf(r.CommunityID) {
		if g.Name == f.grid.Selected {
			r.GridID = g.ID
		}
	}
	r.Tags = append([]string(nil), f.tags.Selected...)
	return r
}

// validate shows each problem under its field (once the field was touched, or after 保存
// was pressed), shows what the ID number says, and enables 保存 only when nothing is wrong.
func (f *residentForm) validate() (data.Resident, bool) {
	r := f.collect()
	today := f.scr.sess.Today()
	problems := map[string]string{}
	if info, err := data.ParseIDNumber(r.IDNumber, today); err != nil {
		problems["id_number"] = data.Message(err)
		f.derived.SetText("填写身份证号后自动得出")
		f.derived.Importance = widget.LowImportance
	} else {
		f.derived.SetText(fmt.Sprintf("%s　%s　%d 岁", info.Birth.Format("2006-01-02"), info.Sex(), data.AgeOn(info.Birth, today)))
		f.derived.Importance = widget.MediumImportance
	}
	f.derived.Refresh()
	if err := data.ValidatePhone(r.Phone); err != nil {
		problems["phone"] = data.Message(err)
	}
	n := r
	addProblems(problems, n.Normalize(today), nil)
	first := formState{fields: formFields, msgs: f.msgs, touched: f.touched, tried: f.tried}.show(problems)
	return r, gate(f.save, f.reason, "暂不能保存：", first)
}

// onSave writes the record (Enter, Ctrl+S or 保存) and keeps it on screen.
func (f *residentForm) onSave() {
	r, ok := f.validate()
	if !ok {
		f.tried = true
		f.validate()
		return
	}
	s := f.scr.sess
	f.save.Disable()
	ctx := data.WithSeen(s.Ctx(), f.seen)
	s.Go(func() error {
		if r.ID == 0 {
			return s.DB.CreateResident(ctx, &r)
		}
		return s.DB.UpdateResident(ctx, &r)
	}, func(err error) {
		if err != nil {
			f.save.Enable()
			var de *data.Error
			if errors.As(err, &de) {
				if l, ok := f.msgs[de.Field]; ok {
					setMessage(l, de.Message)
				}
				if other := de.Other; other != 0 {
					f.other.OnTapped = func() {
						s.LeaveForm(f.dirty, func() { f.scr.showDetail(other) })
					}
					f.other.Show()
				}
			}
			f.reason.SetText("未保存：" + data.Message(err))
			return
		}
		f.dirty = false
		f.scr.saved(r)
	})
}

// onCancel leaves the form, asking first if something was typed (Esc, 取消).
func (f *residentForm) onCancel() {
	leave := func() { f.scr.closeForm(f.orig.ID) }
	f.scr.sess.LeaveForm(f.dirty, leave)
}
