package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// issueFormFields is the reading order of the form's fields by the store's keys; the first
// problem in this order is the reason shown beside the disabled 保存.
var issueFormFields = []string{"found_on", "source", "category", "description", "tier", "found_by",
	"community", "grid", "address", "residents", "responsible_unit", "responsible_person",
	"deadline", "measures", "result", "lasting_measure"}

// Deadline modes of the form.
const (
	deadlineByDate     = "按日期"
	deadlineByWorkdays = "按工作日"
)

// issueForm records a new issue, edits one, or records and closes one settled on the spot
// (当场处置). Every rule comes from data (Issue.Validate, CloseOut.Validate) and the store.
type issueForm struct {
	sc     *issuesScreen
	orig   data.Issue
	seen   data.Seen // the state of the issue orig is: a save over another PC's change is refused
	onSpot bool

	foundOn          *dateField
	source, category *formSelect
	description      *keyEntry
	tier             *widget.RadioGroup
	foundBy          *keyEntry
	community, grid  *formSelect
	address          *keyEntry
	resQuery         *keyEntry
	resFind          *button
	resHits          *fyne.Container
	resHitButtons    []*button
	resChosen        *fyne.Container
	residents        []data.Resident
	unit             *formSelect
	person           *keyEntry
	deadlineMode     *widget.RadioGroup
	deadline         *dateField
	workdays         *keyEntry
	computed         *widget.Label
	deadlineNote     *widget.Label
	deadlineBox      fyne.CanvasObject // the date field, or …
	workdaysBox      fyne.CanvasObject // … the working days, by the mode
	measures         *keyEntry
	result, lasting  *keyEntry
	photos           *filePicker

	msgs         map[string]*widget.Label
	save, cancel *button
	reason       *widget.Label

	dupBox     *fyne.Container
	dups       []data.IssueRow
	dupButtons []*button
	dupLink    int64 // the issue this one will be linked to as a duplicate on 保存
	dupSeq     int

	touched map[string]bool
	tried   bool
	dirty   bool
	ready   bool
	content fyne.CanvasObject
}

func newIssueForm(sc *issuesScreen, iss data.Issue, onSpot bool) *issueForm {
	s := sc.sess
	ch := sc.ch
	f := &issueForm{sc: sc, orig: iss, onSpot: onSpot, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	for _, k := range issueFormFields {
		f.msgs[k] = newErrorLabel()
	}
	today := data.Today(s.Today())

	f.foundOn = newDateField(true)
	f.msgs["found_on"] = f.foundOn.msg
	f.foundOn.OnChanged = func(data.Date) { f.changed("found_on"); f.findDuplicates() }
	f.source = newFormSelect(withValue(ch.sources, iss.Source), func(string) { f.changed("source") })
	f.source.PlaceHolder = "请选择来源"
	f.category = newFormSelect(withValue(ch.categories, iss.Category), func(string) { f.changed("category"); f.findDuplicates() })
	f.category.PlaceHolder = "请选择类别"
	f.description = newMultiLineEntry("发现了什么问题，在哪里，影响到谁")
	f.description.SetMinRowsVisible(3)
	f.description.OnChanged = func(string) { f.changed("description") }
	var tiers []string
	for _, t := range data.Tiers {
		tiers = append(tiers, t.String())
	}
	f.tier = widget.NewRadioGroup(tiers, func(string) { f.changed("tier") })
	f.tier.Horizontal = true
	f.foundBy = f.entry("found_by", "发现人姓名")
	f.community = newFormSelect(ch.communityNames(), func(string) { f.onCommunity(); f.changed("community"); f.findDuplicates() })
	f.community.PlaceHolder = "请选择社区"
	f.grid = newFormSelect([]string{noGrid}, func(string) { f.changed("grid"); f.findDuplicates() })
	f.grid.PlaceHolder = noGrid
	f.address = f.entry("address", "如：鹿苑小区 3 号楼东侧")
	f.address.OnChanged = func(string) { f.changed("address"); f.findDuplicates() }
	f.resQuery = newEntry("姓名、拼音首字母或身份证号，Enter 查找")
	f.resQuery.OnSubmitted = func(string) { f.onFindResident() }
	f.resFind = newButtonWithIcon("查找", theme.SearchIcon(), f.onFindResident)
	f.resHits = container.NewVBox()
	downInto(f.resQuery, func() []fyne.CanvasObject { return f.resHits.Objects })
	f.resChosen = container.NewVBox()
	f.unit = newFormSelect(withValue(ch.units, iss.ResponsibleUnit), func(string) { f.changed("responsible_unit") })
	f.unit.PlaceHolder = "请选择责任单位"
	f.person = f.entry("responsible_person", "责任人姓名")
	f.deadlineMode = widget.NewRadioGroup([]string{deadlineByWorkdays, deadlineByDate}, func(string) { f.onDeadlineMode(); f.changed("deadline") })
	f.deadlineMode.Horizontal = true
	f.deadline = newDateField(false)
	f.deadline.OnChanged = func(data.Date) { f.changed("deadline") }
	f.deadline.OnSubmitted = f.onSave
	f.workdays = f.entry("deadline", "如 10")
	f.computed = widget.NewLabel("")
	f.deadlineNote = mutedLabel("")
	f.deadlineNote.Hide()
	f.measures = f.entry("measures", "计划采取的整改措施")
	f.result = f.entry("result", "当场如何处置、结果如何")
	f.lasting = f.entry("lasting_measure", "长效机制（选填）：如建立巡查制度")
	f.photos = newFilePicker(s, "添加照片")
	f.reason = widget.NewLabel("")
	f.reason.Importance = widget.DangerImportance
	f.reason.Truncation = fyne.TextTruncateEllipsis
	f.save = newButtonWithIcon("保存", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	if onSpot {
		f.save.SetText("保存并销号")
	}
	f.cancel = newButton("取消", f.onCancel)
	f.dupBox = container.NewVBox()

	// Fill in the record, or the defaults of a new one.
	if iss.FoundOn.IsZero() {
		iss.FoundOn = today
	}
	f.foundOn.SetDate(iss.FoundOn)
	f.source.SetSelected(iss.Source)
	f.category.SetSelected(iss.Category)
	f.description.SetText(iss.Description)
	if iss.Tier == "" {
		iss.Tier = data.TierGeneral
	}
	f.tier.SetSelected(iss.Tier.String())
	if iss.ID == 0 && iss.FoundBy == "" && s.User != nil {
		f.orig.FoundByID, f.orig.FoundBy = s.User.ID, s.User.Name
	}
	f.foundBy.SetText(f.orig.FoundBy)
	for _, c := range ch.communities {
		if c.ID == iss.CommunityID {
			f.community.SetSelected(c.Name)
		}
	}
	f.onCommunity()
	for _, g := range ch.grids {
		if g.ID == iss.GridID {
			f.grid.SetSelected(g.Name)
		}
	}
	f.address.SetText(iss.Address)
	f.unit.SetSelected(iss.ResponsibleUnit)
	f.person.SetText(iss.ResponsiblePerson)
	if iss.ID != 0 && iss.DeadlineWorkdays == 0 {
		f.deadlineMode.SetSelected(deadlineByDate)
		f.deadline.SetDate(iss.Deadline)
	} else {
		f.deadlineMode.SetSelected(deadlineByWorkdays)
		n := iss.DeadlineWorkdays
		if n == 0 {
			n = 10
		}
		f.workdays.SetText(strconv.Itoa(n))
	}
	f.measures.SetText(iss.Measures)
	if onSpot {
		f.tier.SetSelected(data.TierSimple.String())
		f.tier.Disable()
	}
	if err := data.CheckDeadlineEditable(iss.Status, iss.Deadline, today); iss.ID != 0 && err != nil {
		f.deadlineMode.Disable()
		f.deadline.Disable()
		f.workdays.Disable()
		f.deadlineNote.SetText(data.Message(err))
		f.deadlineNote.Show()
	}
	f.deadlineBox = fixedWidth(150, f.deadline.content)
	f.workdaysBox = container.NewHBox(fixedWidth(80, f.workdays), widget.NewLabel("个工作日"))
	f.onDeadlineMode()
	if len(iss.ResidentIDs) > 0 {
		f.loadResidents(iss.ResidentIDs)
	}
	f.renderResidents()
	f.renderDuplicates()

	title := "新增问题"
	switch {
	case onSpot:
		title = "当场处置：登记并销号"
	case iss.ID != 0:
		title = "编辑问题 · " + iss.Number
	}
	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), f.onCancel)
	basic := card("基本信息", formGrid(
		fieldLabel("发现日期", true), f.foundOn.content,
		fieldLabel("问题来源", true), field(f.source, f.msgs["source"]),
		fieldLabel("问题类别", true), field(f.category, f.msgs["category"]),
		fieldLabel("问题描述", true), field(f.description, f.msgs["description"]),
		fieldLabel("处置层级", true), field(f.tier, f.msgs["tier"]),
		fieldLabel("发现人", false), field(f.foundBy, f.msgs["found_by"]),
	))
	residents := container.NewVBox(container.NewBorder(nil, nil, nil, f.resFind, f.resQuery), f.resHits, f.resChosen, messageLine(f.msgs["residents"]))
	place := card("地点与责任", formGrid(
		fieldLabel("社区", false), field(f.community, f.msgs["community"]),
		fieldLabel("小区/网格", false), field(f.grid, f.msgs["grid"]),
		fieldLabel("具体地点", false), field(f.address, f.msgs["address"]),
		fieldLabel("关联居民", false), residents,
		fieldLabel("责任单位", !onSpot), field(f.unit, f.msgs["responsible_unit"]),
		fieldLabel("责任人", false), field(f.person, f.msgs["responsible_person"]),
	))
	var third fyne.CanvasObject
	if onSpot {
		third = card("处置结果", formGrid(
			fieldLabel("处置结果", true), field(f.result, f.msgs["result"]),
			fieldLabel("长效机制", false), field(f.lasting, f.msgs["lasting_measure"]),
			fieldLabel("现场照片", false), f.photos.content,
		))
	} else {
		when := container.NewVBox(f.deadlineMode,
			container.NewHBox(f.deadlineBox, f.workdaysBox, f.computed),
			messageLine(f.msgs["deadline"]), f.deadlineNote)
		third = card("整改要求", formGrid(
			fieldLabel("整改时限", true), when,
			fieldLabel("整改措施", false), field(f.measures, f.msgs["measures"]),
		))
	}
	body := container.NewVBox(container.NewGridWithColumns(2, basic, place), third)
	side := card("重复登记提示", container.NewVScroll(f.dupBox))
	top := container.NewHBox(back, heading(title))
	bottom := container.NewBorder(nil, nil, container.NewHBox(f.save, f.cancel), hint("带 * 的为必填项　Ctrl+S 保存　Esc 取消"), f.reason)
	f.content = container.NewBorder(top, bottom, nil, fixedWidth(270, side), container.NewVScroll(body))
	f.ready = true
	f.validate()
	f.findDuplicates()
	return f
}

func (f *issueForm) entry(key, placeHolder string) *keyEntry {
	e := newEntry(placeHolder)
	e.OnChanged = func(string) { f.changed(key) }
	e.OnSubmitted = func(string) { f.onSave() }
	return e
}

func (f *issueForm) changed(key string) {
	if !f.ready {
		return
	}
	f.touched[key] = true
	f.dirty = true
	f.validate()
}

func (f *issueForm) onCommunity() {
	opts := append([]string{noGrid}, f.sc.ch.gridNames(f.sc.ch.communityID(f.community.Selected))...)
	setOptions(&f.grid.Select, opts, "")
}

func (f *issueForm) onDeadlineMode() {
	if f.deadlineBox == nil {
		return
	}
	if f.deadlineMode.Selected == deadlineByDate {
		f.deadlineBox.Show()
		f.workdaysBox.Hide()
	} else {
		f.deadlineBox.Hide()
		f.workdaysBox.Show()
	}
	relayout(f.workdays)
}

// workdaysValue reads the working days; the error is the Chinese message.
func (f *issueForm) workdaysValue() (int, error) {
	return data.ParseWorkdays("deadline", f.workdays.Text)
}

// collect reads the fields into a copy of the record; problems found while reading (a date
// that cannot be read) are returned by field.
func (f *issueForm) collect() (data.Issue, map[string]string) {
	problems := map[string]string{}
	ch := f.sc.ch
	iss := f.orig
	var err error
	if iss.FoundOn, err = f.foundOn.Date(); err != nil {
		problems["found_on"] = data.Message(err)
	}
	iss.Source = f.source.Selected
	iss.Category = f.category.Selected
	iss.Description = f.description.Text
	iss.Tier, _ = data.ParseTier(f.tier.Selected)
	iss.FoundBy = strings.TrimSpace(f.foundBy.Text)
	if iss.FoundBy != f.orig.FoundBy {
		iss.FoundByID = 0 // someone without an account, by name
	}
	iss.CommunityID = ch.communityID(f.community.Selected)
	iss.GridID = ch.gridID(iss.CommunityID, f.grid.Selected)
	iss.Address = f.address.Text
	iss.ResponsibleUnit = f.unit.Selected
	iss.ResponsiblePerson = f.person.Text
	iss.Measures = f.measures.Text
	iss.ResidentIDs = nil
	for _, r := range f.residents {
		iss.ResidentIDs = append(iss.ResidentIDs, r.ID)
	}
	f.computed.SetText("")
	switch {
	case f.onSpot:
		iss.Deadline, iss.DeadlineWorkdays = iss.FoundOn, 0
	case f.deadlineMode.Selected == deadlineByDate:
		iss.DeadlineWorkdays = 0
		if iss.Deadline, err = f.deadline.Date(); err != nil {
			problems["deadline"] = data.Message(err)
		}
	default:
		n, err := f.workdaysValue()
		if err != nil {
			problems["deadline"] = data.Message(err)
			iss.Deadline = data.Date{}
		} else if problems["found_on"] == "" {
			iss.SetDeadlineWorkdays(ch.cal, n)
			f.computed.SetText("截止 " + dateWithWeekday(iss.Deadline))
		}
	}
	return iss, problems
}

// validate shows each problem under its field (once touched, or after 保存 was pressed) and
// enables 保存 only when nothing is wrong; the reason beside it says what is missing.
func (f *issueForm) validate() (data.Issue, bool) {
	iss, problems := f.collect()
	today := data.Today(f.sc.sess.Today())
	if err := data.CheckFoundOn(iss.FoundOn, today); problems["found_on"] == "" && err != nil {
		problems["found_on"] = data.Message(err)
	}
	if err := data.CheckResponsibleUnit(iss.ResponsibleUnit, f.onSpot); err != nil {
		problems["responsible_unit"] = data.Message(err)
	}
	check := iss
	if check.Deadline.IsZero() && problems["deadline"] != "" {
		check.Deadline = check.FoundOn // reported already
	}
	addProblems(problems, check.Validate(), func(field, msg string) (string, string) {
		if field == "deadline_workdays" {
			return "deadline", msg
		}
		return field, msg
	})
	if f.onSpot {
		addProblems(problems, data.CloseOut{Result: f.result.Text, LastingMeasure: f.lasting.Text}.Validate(true), nil)
	}
	first := formState{fields: issueFormFields, msgs: f.msgs, touched: f.touched, tried: f.tried}.show(problems)
	return iss, gate(f.save, f.reason, "暂不能保存：", first)
}

// onSave writes the record (Enter, Ctrl+S or 保存) and keeps it on screen.
func (f *issueForm) onSave() {
	iss, ok := f.validate()
	if !ok {
		f.tried = true
		f.validate()
		return
	}
	s := f.sc.sess
	residentIDs := iss.ResidentIDs
	if residentIDs == nil {
		residentIDs = []int64{}
	}
	link := f.dupLink
	var linkErr error
	f.save.Disable()
	seen := f.seen
	s.Go(func() error {
		ctx := s.Ctx()
		var err error
		switch {
		case f.onSpot:
			err = s.DB.CloseOnSpot(ctx, &iss, residentIDs, data.CloseOut{Result: f.result.Text, LastingMeasure: f.lasting.Text}, f.photos.Files())
		case iss.ID == 0:
			err = s.DB.CreateIssue(ctx, &iss, residentIDs)
		default:
			// Refused when another PC changed the issue since the form was filled from it:
			// the clerk's text stays in the form, the message says to reopen it.
			err = s.DB.UpdateIssue(data.WithSeen(ctx, seen), &iss, residentIDs)
		}
		if err == nil && link != 0 && link != iss.DuplicateOf {
			linkErr = s.DB.LinkDuplicate(ctx, iss.ID, link)
		}
		return err
	}, func(err error) {
		if err != nil {
			f.save.Enable()
			var de *data.Error
			if errors.As(err, &de) {
				key := map[string]string{string(data.CatalogIssueSources): "source", string(data.CatalogIssueCategories): "category",
					string(data.CatalogResponsibleUnits): "responsible_unit", "deadline_workdays": "deadline"}[de.Field]
				if key == "" {
					key = de.Field
				}
				if l, ok := f.msgs[key]; ok {
					setMessage(l, de.Message)
				}
			}
			f.reason.SetText("未保存：" + data.Message(err))
			return
		}
		f.dirty = false
		f.sc.saved(iss)
		if linkErr != nil {
			s.ShowError(linkErr)
		}
	})
}

// onCancel leaves the form, asking first if something was typed (Esc, 取消).
func (f *issueForm) onCancel() {
	leave := func() { f.sc.closeForm(f.orig.ID) }
	f.sc.sess.LeaveForm(f.dirty, leave)
}

// ---- linked residents ----

func (f *issueForm) loadResidents(ids []int64) {
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
	})
}

func (f *issueForm) onFindResident() {
	q := strings.TrimSpace(f.resQuery.Text)
	if utf8.RuneCountInString(q) == 0 {
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
		f.resHitButtons = nil
		for _, r := range hits {
			r := r
			b := newButtonWithIcon(residentLine(r), theme.ContentAddIcon(), func() { f.addResident(r) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			f.resHitButtons = append(f.resHitButtons, b)
			f.resHits.Add(b)
		}
		if len(hits) == 0 {
			f.resHits.Add(hint("没有找到匹配的居民"))
		}
		f.resHits.Refresh()
		relayout(f.resHits)
	})
}

func residentLine(r data.Resident) string {
	return fmt.Sprintf("%s　%s　%s", r.Name, data.MaskIDNumber(r.IDNumber), r.Address)
}

func (f *issueForm) addResident(r data.Resident) {
	for _, x := range f.residents {
		if x.ID == r.ID {
			return
		}
	}
	f.residents = append(f.residents, r)
	f.resHits.Objects = nil
	f.resHitButtons = nil
	f.resHits.Refresh()
	f.resQuery.SetText("")
	f.renderResidents()
	f.changed("residents")
}

func (f *issueForm) renderResidents() {
	f.resChosen.Objects = nil
	for i, r := range f.residents {
		i := i
		rm := newButtonWithIcon("", theme.CancelIcon(), func() {
			f.residents = append(f.residents[:i:i], f.residents[i+1:]...)
			f.renderResidents()
			f.changed("residents")
		})
		rm.Importance = widget.LowImportance
		f.resChosen.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(residentLine(r))))
	}
	f.resChosen.Refresh()
	relayout(f.resChosen)
}

// ---- likely duplicates ----

// findDuplicates looks for issues of the same category at the same place within a few days,
// while the user types.
func (f *issueForm) findDuplicates() {
	if !f.ready {
		return
	}
	s := f.sc.sess
	ch := f.sc.ch
	cid := ch.communityID(f.community.Selected)
	gid := ch.gridID(cid, f.grid.Selected)
	address, category := f.address.Text, f.category.Selected
	found, err := f.foundOn.Date()
	if err != nil {
		return
	}
	f.dupSeq++
	seq := f.dupSeq
	var rows []data.IssueRow
	s.Go(func() (err error) {
		rows, err = s.DB.LikelyDuplicates(s.Ctx(), cid, gid, address, category, found)
		return err
	}, func(err error) {
		if seq != f.dupSeq || err != nil {
			return
		}
		f.dups = nil
		for _, r := range rows {
			if r.ID != f.orig.ID {
				f.dups = append(f.dups, r)
			}
		}
		f.renderDuplicates()
	})
}

func (f *issueForm) renderDuplicates() {
	f.dupBox.Objects = nil
	f.dupButtons = nil
	if len(f.dups) == 0 {
		f.dupBox.Add(mutedLabel("选择类别并填写地点后，这里列出近 7 天同一地点、同一类别的问题，避免重复登记。"))
	} else {
		f.dupBox.Add(widget.NewLabel("可能重复："))
	}
	for _, r := range f.dups {
		r := r
		text := fmt.Sprintf("%s　%s\n%s　%s", r.Number, r.FoundOn, truncate(oneLine(r.Description), 24), r.Status)
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		b := newButtonWithIcon("关联", theme.ContentCopyIcon(), func() { f.onLink(r.ID) })
		if f.dupLink == r.ID {
			b.SetText("已关联（取消）")
			b.Importance = widget.HighImportance
		}
		f.dupButtons = append(f.dupButtons, b)
		f.dupBox.Add(container.NewVBox(l, container.NewHBox(b), widget.NewSeparator()))
	}
	if f.dupLink != 0 {
		f.dupBox.Add(mutedLabel("保存时将本问题关联为上述问题的重复，两者可一并处理。"))
	}
	f.dupBox.Refresh()
}

// onLink marks (or unmarks) the issue to link this one to on 保存.
func (f *issueForm) onLink(id int64) {
	if f.dupLink == id {
		f.dupLink = 0
	} else {
		f.dupLink = id
	}
	f.dirty = true
	f.renderDuplicates()
}

// truncate shortens s to n characters with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
