package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// rejectionForm makes or edits a 不予受理通知书 draft; a reviewer signs it.
type rejectionForm struct {
	sc         *documentsScreen
	doc        data.Document
	id         int64
	seen       data.Seen // as decisionForm.seen
	applicant  *nameField
	item       *widget.SelectEntry
	applied    *dateField
	reasonText *keyEntry
	correction *keyEntry
	// The legal basis, from the catalog like a decision's.
	basis   *basisList
	msgs    map[string]*widget.Label
	save    *button
	signBtn *button
	why     *widget.Label
	signWhy *widget.Label
	touched map[string]bool
	tried   bool
	dirty   bool
	ready   bool
	content fyne.CanvasObject
}

var rejectionFields = []string{"office", "applicant", "item", "applied", "reason", "correction", "bases", "date"}

func (sc *documentsScreen) openRejection(id int64) {
	if id != 0 {
		sc.editDocument(id)
		return
	}
	if !sc.sess.Can(data.ActRecord) {
		return
	}
	sc.openRejectionDoc(data.Document{})
}

func (sc *documentsScreen) openRejectionDoc(doc data.Document) {
	sc.rejection = newRejectionForm(sc, doc)
	sc.show("rejection", sc.rejection.content)
	sc.sess.Window.Canvas().Focus(sc.rejection.applicant.entry)
}

func newRejectionForm(sc *documentsScreen, doc data.Document) *rejectionForm {
	s := sc.sess
	f := &rejectionForm{sc: sc, doc: doc, id: doc.ID, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	for _, k := range rejectionFields {
		f.msgs[k] = newErrorLabel()
	}
	f.applicant = newNameField(s)
	f.applicant.OnChanged = func() { f.changed("applicant") }
	var items []string
	for _, p := range sc.programmes {
		items = append(items, p.FullName())
	}
	f.item = widget.NewSelectEntry(items)
	f.item.PlaceHolder = "申请的事项，如 最低生活保障"
	f.item.OnChanged = func(string) { f.changed("item"); f.tickSuggested() }
	f.applied = newDateField(false)
	f.applied.OnChanged = func(data.Date) { f.changed("applied") }
	f.reasonText = newMultiLineEntry("不予受理的理由，如：申请人户籍不在本街道，不属于本机关受理范围")
	f.reasonText.SetMinRowsVisible(4)
	f.reasonText.OnChanged = func(string) { f.changed("reason") }
	f.correction = newMultiLineEntry("需要补正或改正的内容，或应向哪个机关申请")
	f.correction.SetMinRowsVisible(4)
	f.correction.OnChanged = func(string) { f.changed("correction") }
	f.basis = newBasisList(false, func() { f.changed("bases") })
	if r := doc.RejectionNotice; r != nil {
		f.applicant.entry.SetText(r.Applicant)
		f.applicant.resident, f.applicant.picked = doc.ResidentID, r.Applicant
		f.applicant.showHits(nil)
		f.item.SetText(r.Item)
		f.applied.SetDate(r.Applied)
		f.reasonText.SetText(r.Reason)
		f.correction.SetText(r.Correction)
	}
	if doc.ID != 0 {
		f.applicant.entry.Disable()
	}
	f.save = newButtonWithIcon("保存草稿", theme.DocumentSaveIcon(), f.onSave)
	f.signBtn = newButtonWithIcon("签发", theme.ConfirmIcon(), f.onSign)
	f.signBtn.Importance = widget.HighImportance
	cancel := newButton("返回", f.onCancel)
	f.why = widget.NewLabel("")
	f.why.Importance = widget.DangerImportance
	f.signWhy = widget.NewLabel("")
	f.signWhy.Importance = widget.WarningImportance
	title := "新建不予受理通知书"
	if doc.ID != 0 {
		title = "编辑不予受理通知书草稿 · " + doc.Applicant
	}
	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), f.onCancel)
	form := card("通知内容", container.NewVBox(f.msgs["office"], formGrid(
		fieldLabel("申请人", true), field(f.applicant.content, f.msgs["applicant"]),
		fieldLabel("申请事项", true), field(f.item, f.msgs["item"]),
		fieldLabel("申请日期", false), field(f.applied.content, f.msgs["applied"]),
		fieldLabel("不予受理的理由", true), field(f.reasonText, f.msgs["reason"]),
		fieldLabel("需补正的内容", true), field(f.correction, f.msgs["correction"]),
		fieldLabel("法律依据", true), field(f.basis.box, f.msgs["bases"]),
	), messageLine(f.msgs["date"])))
	bottom := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(f.save, f.signBtn, cancel), nil, f.why),
		container.NewBorder(nil, nil, nil, hint("带 * 的为必填项　Ctrl+S 保存草稿　Esc 返回"), f.signWhy))
	f.content = container.NewBorder(container.NewHBox(back, heading(title)), bottom, nil, nil,
		container.NewVScroll(narrow(860, form)))
	f.ready = true
	f.loadBases()
	f.validate()
	return f
}

// loadBases lists the catalog's articles as checks, ticking the draft's or, for a new
// notice, those usually cited for the item.
func (f *rejectionForm) loadBases() {
	var draft []data.LegalBasis
	if r := f.doc.RejectionNotice; r != nil {
		draft = r.Bases
	}
	f.basis.load(f.sc.sess, draft, func() {
		if f.doc.ID == 0 {
			f.tickSuggested()
		}
		f.validate()
	})
}

// tickSuggested ticks the articles usually cited for the item, until the clerk chooses.
func (f *rejectionForm) tickSuggested() {
	if f.touched["bases"] || f.doc.ID != 0 || !f.basis.loaded() {
		return
	}
	f.basis.tick(data.SuggestedRejectionBases(f.item.Text))
}

func (f *rejectionForm) changed(key string) {
	if !f.ready {
		return
	}
	f.touched[key] = true
	f.dirty = true
	f.validate()
}

func (f *rejectionForm) collect() (data.RejectionNotice, map[string]string) {
	problems := map[string]string{}
	var r data.RejectionNotice
	if f.doc.RejectionNotice != nil {
		r = *f.doc.RejectionNotice
	}
	r.Applicant = f.applicant.Name()
	r.Item = strings.TrimSpace(f.item.Text)
	r.Reason, r.Correction = strings.TrimSpace(f.reasonText.Text), strings.TrimSpace(f.correction.Text)
	d, err := f.applied.Date()
	if err != nil {
		problems["applied"] = data.Message(err)
	}
	r.Applied = d
	if f.basis.loaded() {
		r.Bases = f.basis.chosen()
	}
	if r.Applicant == "" {
		problems["applicant"] = "请填写申请人姓名，或从居民档案中选择"
	}
	return r, problems
}

func (f *rejectionForm) validate() (data.RejectionNotice, bool, bool) {
	r, problems := f.collect()
	draftOK := len(problems) == 0
	s := f.sc.sess
	check := r
	check.Authority, check.Government, check.Court = s.Office.Name, s.Office.Government, s.Office.Court
	if check.Date.IsZero() {
		check.Date = data.Today(s.DB.Now())
	}
	addProblems(problems, check.Validate(), officeProblem(func(field string) string {
		switch field {
		case "authority", "government", "court":
			return "office"
		}
		return field
	}))
	firstDraft := ""
	for _, k := range rejectionFields {
		if !draftOK && firstDraft == "" && (k == "applicant" || k == "applied") {
			firstDraft = problems[k]
		}
	}
	first := formState{fields: rejectionFields, msgs: f.msgs, touched: f.touched, tried: f.tried,
		always: []string{"office"}}.show(problems)
	gate(f.save, f.why, "暂不能保存：", firstDraft)
	if !s.Can(data.ActReview) {
		f.signBtn.Disable()
		f.signWhy.SetText("需审核人签发：请保存草稿后提交审核人或管理员签发")
	} else {
		gate(f.signBtn, f.signWhy, "暂不能签发：", first)
	}
	return r, draftOK, first == ""
}

func (f *rejectionForm) saveDraft(after func(id int64)) {
	r, ok, _ := f.validate()
	if !ok {
		f.tried = true
		f.validate()
		return
	}
	s := f.sc.sess
	id, resident := f.id, f.applicant.resident
	f.save.Disable()
	seen := f.seen
	s.Go(func() (err error) {
		if id == 0 {
			id, err = s.DB.CreateRejectionDraft(s.Ctx(), resident, r)
		} else {
			err = s.DB.UpdateRejectionDraft(data.WithSeen(s.Ctx(), seen), id, r)
		}
		if err == nil {
			seen = savedSeen(s, "documents", id, seen)
		}
		return err
	}, func(err error) {
		f.save.Enable()
		f.seen = seen
		if err != nil {
			f.why.SetText("未保存：" + data.Message(err))
			return
		}
		f.id, f.dirty = id, false
		f.applicant.entry.Disable()
		f.sc.load()
		after(id)
	})
}

func (f *rejectionForm) onSave() {
	f.saveDraft(func(int64) { f.sc.sess.Notify("已保存草稿") })
}

func (f *rejectionForm) onSign() {
	f.sc.signDraft(func() bool { _, _, ok := f.validate(); return ok }, &f.tried, f.saveDraft,
		func() data.Seen { return f.seen }, func() { f.sc.rejection = nil })
}

func (f *rejectionForm) onCancel() {
	leave := func() { f.sc.closeForm(f.id) }
	f.sc.sess.LeaveForm(f.dirty, leave)
}
