package app

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// nameField is an applicant's name typed in, or picked from the residents that match what is
// typed (name, pinyin initials, ID fragment). For papers that may go to someone not yet on
// file: the one-time notice and the non-acceptance notice.
type nameField struct {
	sess     *Session
	entry    *keyEntry
	hits     *fyne.Container
	resident int64 // the resident picked; 0 when the name was typed
	picked   string
	// hitButtons are the last search's results, for tests.
	hitButtons []*widget.Button
	seq        int
	OnChanged  func()
	content    fyne.CanvasObject
}

func newNameField(s *Session) *nameField {
	f := &nameField{sess: s}
	f.entry = newEntry("姓名；输入后可从居民档案中选择")
	f.entry.OnChanged = func(string) { f.onChanged() }
	f.hits = container.NewVBox()
	f.content = container.NewVBox(f.entry, f.hits)
	return f
}

// Name is the applicant's name as it will print.
func (f *nameField) Name() string { return strings.TrimSpace(f.entry.Text) }

func (f *nameField) onChanged() {
	if f.resident != 0 && f.entry.Text != f.picked {
		f.resident = 0
	}
	if f.OnChanged != nil {
		f.OnChanged()
	}
	q := strings.TrimSpace(f.entry.Text)
	f.seq++
	seq := f.seq
	if q == "" || f.resident != 0 {
		f.showHits(nil)
		return
	}
	s := f.sess
	var hits []data.Resident
	s.Go(func() (err error) {
		hits, err = s.DB.SearchResidents(s.Ctx(), q, 5)
		return err
	}, func(err error) {
		if seq != f.seq || err != nil {
			return
		}
		f.showHits(hits)
	})
}

func (f *nameField) showHits(hits []data.Resident) {
	f.hits.Objects = nil
	f.hitButtons = nil
	for _, r := range hits {
		r := r
		text := fmt.Sprintf("%s　%s　%s", r.Name, data.MaskIDNumber(r.IDNumber), r.Address)
		b := widget.NewButtonWithIcon(text, theme.AccountIcon(), func() { f.choose(r) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		f.hitButtons = append(f.hitButtons, b)
		f.hits.Add(b)
	}
	f.hits.Refresh()
	relayout(f.hits)
}

func (f *nameField) choose(r data.Resident) {
	f.resident, f.picked = r.ID, r.Name
	f.entry.SetText(r.Name)
	f.showHits(nil)
}

// noticeForm is 一次性告知单 in one view: the item, the applicant, what they brought; 生成并打印
// numbers and keeps the notice, opens it for printing and shows it on the right.
type noticeForm struct {
	sc        *documentsScreen
	items     []data.ServiceItem
	search    *keyEntry
	item      *widget.Select
	applicant *nameField
	checks    []*widget.Check
	materials *fyne.Container
	timeLimit *widget.Label
	contact   *widget.Label
	missing   *widget.Label
	generate  *widget.Button
	again     *widget.Button
	reason    *widget.Label
	panel     *previewPanel
	fonts     reports.Options // the office's document fonts, for the live preview
	created   int64           // the notice made last
	content   fyne.CanvasObject
}

func (sc *documentsScreen) openNotice() {
	if !sc.sess.Can(data.ActRecord) {
		return
	}
	sc.notice = newNoticeForm(sc)
	sc.view = "notice"
	sc.setView(sc.notice.content)
	sc.sess.Window.Canvas().Focus(sc.notice.search)
}

func newNoticeForm(sc *documentsScreen) *noticeForm {
	s := sc.sess
	f := &noticeForm{sc: sc}
	f.search = newEntry("输入关键字筛选事项，如 临时")
	f.search.OnChanged = func(string) { f.onSearch() }
	f.item = widget.NewSelect(nil, func(string) { f.onItem() })
	f.item.PlaceHolder = "请选择办理事项"
	f.applicant = newNameField(s)
	f.applicant.OnChanged = f.validate
	f.materials = container.NewVBox(hint("请先选择办理事项"))
	f.timeLimit = widget.NewLabel("")
	f.timeLimit.Wrapping = fyne.TextWrapWord
	f.contact = widget.NewLabel(f.contactText())
	f.contact.Wrapping = fyne.TextWrapWord
	if f.contact.Text == "" {
		f.contact.SetText("尚未设置（请管理员在“设置 › 单位信息”中填写地址和电话）")
		f.contact.Importance = widget.DangerImportance
	}
	f.missing = widget.NewLabel("")
	f.missing.TextStyle = fyne.TextStyle{Bold: true}
	f.generate = widget.NewButtonWithIcon("生成并打印", theme.DocumentPrintIcon(), f.onGenerate)
	f.generate.Importance = widget.HighImportance
	f.again = widget.NewButtonWithIcon("再做一份", theme.ContentAddIcon(), sc.openNotice)
	f.again.Hide()
	f.reason = widget.NewLabel("")
	f.reason.Importance = widget.DangerImportance
	f.reason.Wrapping = fyne.TextWrapWord
	f.panel = newPreviewPanel(func() {
		if f.created != 0 {
			sc.printDocument(f.created, nil)
		}
	}, func() {
		if f.created != 0 {
			sc.showDetailThen(f.created, func() { sc.detail.onSaveAs() })
		}
	})
	f.panel.setPrintable(false, "生成后可打印")
	f.panel.view.ShowMessage("选择事项、勾选申请人已带来的材料，点击“生成并打印”。\n告知单列出其余全部材料，一次告知。")

	back := widget.NewButtonWithIcon("返回列表", theme.NavigateBackIcon(), sc.showList)
	form := container.NewVBox(
		formGrid(
			fieldLabel("办理事项", true), container.NewVBox(f.search, f.item),
			fieldLabel("申请人", true), f.applicant.content,
		),
		widget.NewSeparator(),
		container.NewHBox(widget.NewLabel("所需材料（勾选已带来的）"), layout.NewSpacer(), f.missing),
		f.materials,
		widget.NewSeparator(),
		formGrid(
			fieldLabel("办理时限", false), f.timeLimit,
			fieldLabel("联系方式", false), f.contact,
		),
	)
	left := card("", container.NewBorder(nil, container.NewVBox(f.reason, container.NewHBox(f.generate, f.again)), nil, nil,
		container.NewVScroll(form)))
	top := container.NewHBox(back, heading("一次性告知单"), hint("材料不齐时，一次告知申请人还需提交的全部材料"))
	f.content = container.NewBorder(top, nil, nil, nil, container.New(&docNoticeColumns{}, left, f.panel.content))
	f.load()
	return f
}

// docNoticeColumns: the form on the left (45%), the notice on the right.
type docNoticeColumns struct{}

func (docNoticeColumns) MinSize(objs []fyne.CanvasObject) fyne.Size { return fyne.NewSize(760, 300) }

func (docNoticeColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	left := min(max(size.Width*0.45, 440), 620)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(left, size.Height))
	objs[1].Move(fyne.NewPos(left+theme.Padding(), 0))
	objs[1].Resize(fyne.NewSize(size.Width-left-theme.Padding(), size.Height))
}

func (f *noticeForm) load() {
	s := f.sc.sess
	var items []data.ServiceItem
	var fonts reports.Options
	s.Go(func() (err error) {
		if items, err = s.DB.ServiceItems(s.Ctx()); err != nil {
			return err
		}
		fonts = documentFonts(s)
		return nil
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		f.items, f.fonts = items, fonts
		f.onSearch()
	})
}

// documentFonts reads the font files the office chose for documents; nil bytes (the
// embedded faces) for any that cannot be read, since a preview is only a preview.
func documentFonts(s *Session) reports.Options {
	var opts reports.Options
	body, title, err := s.DB.DocumentFonts(s.Ctx())
	if err != nil {
		return opts
	}
	if !body.Embedded() {
		if b, err := os.ReadFile(body.Path); err == nil {
			opts.BodyFont = b
		}
	}
	if !title.Embedded() {
		if b, err := os.ReadFile(title.Path); err == nil {
			opts.TitleFont = b
		}
	}
	return opts
}

// livePreview lays the notice out as it stands, before it is numbered, so the clerk sees
// what the applicant will be told while ticking.
func (f *noticeForm) livePreview() {
	it, ok := f.selectedItem()
	if !ok || f.created != 0 {
		return
	}
	s := f.sc.sess
	n := it.Notice(f.brought())
	n.Authority, n.Applicant, n.Contact = s.Office.Name, f.applicant.Name(), f.contactText()
	if n.Applicant == "" {
		n.Applicant = "申请人"
	}
	if s.User != nil {
		n.Clerk = s.User.Name
	}
	n.Date = data.Today(s.DB.Now())
	f.panel.view.SetPages(reports.LayoutOneTimeNotice(n, f.fonts), f.fonts)
}

// contactText is the office's contact as the notice prints it.
func (f *noticeForm) contactText() string {
	o := f.sc.sess.Office
	var contact []string
	if o.Address != "" {
		contact = append(contact, o.Address)
	}
	if o.Phone != "" {
		contact = append(contact, "电话 "+o.Phone)
	}
	return strings.Join(contact, "，")
}

// onSearch narrows the item list to what matches the search; a single match is chosen.
func (f *noticeForm) onSearch() {
	q := strings.TrimSpace(f.search.Text)
	var opts []string
	for _, it := range f.items {
		if q == "" || strings.Contains(it.Name, q) {
			opts = append(opts, it.Name)
		}
	}
	f.item.Options = opts
	if len(opts) == 1 && f.item.Selected != opts[0] {
		f.item.SetSelected(opts[0])
	}
	f.item.Refresh()
}

func (f *noticeForm) selectedItem() (data.ServiceItem, bool) {
	for _, it := range f.items {
		if it.Name == f.item.Selected {
			return it, true
		}
	}
	return data.ServiceItem{}, false
}

func (f *noticeForm) onItem() {
	it, ok := f.selectedItem()
	f.materials.Objects = nil
	f.checks = nil
	if !ok {
		f.materials.Add(hint("请先选择办理事项"))
	}
	for _, m := range it.Materials {
		c := widget.NewCheck(m.Name, func(bool) { f.validate() })
		note := hint(m.Note)
		note.Truncation = fyne.TextTruncateEllipsis
		f.checks = append(f.checks, c)
		f.materials.Add(container.NewBorder(nil, nil, c, nil, note))
	}
	f.timeLimit.SetText(it.TimeLimit)
	f.materials.Refresh()
	relayout(f.materials)
	f.validate()
}

func (f *noticeForm) brought() []bool {
	out := make([]bool, len(f.checks))
	for i, c := range f.checks {
		out[i] = c.Checked
	}
	return out
}

func (f *noticeForm) validate() {
	it, ok := f.selectedItem()
	n := 0
	for _, b := range f.brought() {
		if !b {
			n++
		}
	}
	switch {
	case !ok:
		f.missing.SetText("")
	case n == 0:
		f.missing.SetText("材料已齐全")
	default:
		f.missing.SetText(fmt.Sprintf("还需提交 %d 项", n))
	}
	msg := ""
	switch {
	case !ok:
		msg = "请选择办理事项"
	case len(it.Materials) == 0:
		msg = fmt.Sprintf("“%s”没有所需材料清单：请管理员先在事项目录中填写材料", it.Name)
	case f.applicant.Name() == "":
		msg = "请填写申请人姓名"
	}
	gate(f.generate, f.reason, "暂不能生成：", msg)
	if f.created != 0 {
		f.generate.Disable() // made already: once per visit
	}
	f.livePreview()
}

// onGenerate makes the notice, opens it for printing and shows it.
func (f *noticeForm) onGenerate() {
	it, ok := f.selectedItem()
	if !ok {
		return
	}
	s := f.sc.sess
	name, brought := f.applicant.Name(), f.brought()
	var id int64
	var pdf []byte
	var doc sqlite.Document
	var pages []reports.Page
	var opts reports.Options
	f.generate.Disable()
	s.Go(func() (err error) {
		if id, err = s.DB.CreateOneTimeNotice(s.Ctx(), it.Name, name, brought); err != nil {
			return err
		}
		// Counted as a print once it is sent or opened, below.
		if pdf, err = s.DB.DocumentPDF(s.Ctx(), id); err != nil {
			return err
		}
		if doc, err = s.DB.Document(s.Ctx(), id); err != nil {
			return err
		}
		pages, opts, err = layoutPreview(s.Ctx(), s.DB, id)
		return err
	}, func(err error) {
		if err != nil {
			f.generate.Enable()
			f.reason.SetText("未生成：" + data.Message(err))
			return
		}
		f.created = id
		f.panel.view.SetPages(pages, opts)
		f.panel.setPrintable(true, "")
		f.again.Show()
		f.lock()
		f.sc.load()
		s.Notify("已生成 " + doc.Label())
		f.sc.startPrint(printRequest{Name: doc.Label(), PDF: pdf, Done: func(how string) {
			f.sc.countPrint(doc, how, nil)
		}})
	})
}

// lock freezes the form once the notice is made: a changed notice is a new one (再做一份).
func (f *noticeForm) lock() {
	f.search.Disable()
	f.item.Disable()
	f.applicant.entry.Disable()
	for _, c := range f.checks {
		c.Disable()
	}
	f.generate.Disable()
}

// rejectionForm makes or edits a 不予受理通知书 draft; a reviewer signs it.
type rejectionForm struct {
	sc         *documentsScreen
	doc        sqlite.Document
	id         int64
	applicant  *nameField
	item       *widget.SelectEntry
	applied    *dateField
	reasonText *keyEntry
	correction *keyEntry
	// The legal basis, from the catalog like a decision's.
	bases      []data.LegalBasis
	baseChecks []*widget.Check
	basesBox   *fyne.Container
	msgs       map[string]*widget.Label
	save       *widget.Button
	signBtn    *widget.Button
	why        *widget.Label
	signWhy    *widget.Label
	touched    map[string]bool
	tried      bool
	dirty      bool
	ready      bool
	content    fyne.CanvasObject
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
	sc.openRejectionDoc(sqlite.Document{})
}

func (sc *documentsScreen) openRejectionDoc(doc sqlite.Document) {
	sc.rejection = newRejectionForm(sc, doc)
	sc.view = "rejection"
	sc.setView(sc.rejection.content)
	sc.sess.Window.Canvas().Focus(sc.rejection.applicant.entry)
}

func newRejectionForm(sc *documentsScreen, doc sqlite.Document) *rejectionForm {
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
	f.basesBox = container.NewVBox(hint("正在读取法律依据目录……"))
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
	f.save = widget.NewButtonWithIcon("保存草稿", theme.DocumentSaveIcon(), f.onSave)
	f.signBtn = widget.NewButtonWithIcon("签发", theme.ConfirmIcon(), f.onSign)
	f.signBtn.Importance = widget.HighImportance
	cancel := widget.NewButton("返回", f.onCancel)
	f.why = widget.NewLabel("")
	f.why.Importance = widget.DangerImportance
	f.signWhy = widget.NewLabel("")
	f.signWhy.Importance = widget.WarningImportance
	title := "新建不予受理通知书"
	if doc.ID != 0 {
		title = "编辑不予受理通知书草稿 · " + doc.Applicant
	}
	back := widget.NewButtonWithIcon("返回", theme.NavigateBackIcon(), f.onCancel)
	form := card("通知内容", container.NewVBox(f.msgs["office"], formGrid(
		fieldLabel("申请人", true), field(f.applicant.content, f.msgs["applicant"]),
		fieldLabel("申请事项", true), field(f.item, f.msgs["item"]),
		fieldLabel("申请日期", false), field(f.applied.content, f.msgs["applied"]),
		fieldLabel("不予受理的理由", true), field(f.reasonText, f.msgs["reason"]),
		fieldLabel("需补正的内容", true), field(f.correction, f.msgs["correction"]),
		fieldLabel("法律依据", true), field(f.basesBox, f.msgs["bases"]),
	), f.msgs["date"]))
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
	s := f.sc.sess
	var entries []sqlite.LegalBasisEntry
	s.Go(func() (err error) {
		entries, err = s.DB.LegalBases(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		chosen := map[string]bool{}
		if r := f.doc.RejectionNotice; r != nil {
			for _, b := range r.Bases {
				chosen[b.Cite()] = true
			}
		}
		f.basesBox.Objects, f.bases, f.baseChecks = nil, nil, nil
		for _, e := range entries {
			b := e.LegalBasis
			c := widget.NewCheck(b.Cite(), func(bool) { f.changed("bases") })
			c.Checked = chosen[b.Cite()]
			delete(chosen, b.Cite())
			subject := hint(b.Subject)
			subject.Truncation = fyne.TextTruncateEllipsis
			f.basesBox.Add(container.NewBorder(nil, nil, c, nil, subject))
			f.bases, f.baseChecks = append(f.bases, b), append(f.baseChecks, c)
		}
		if r := f.doc.RejectionNotice; r != nil { // articles since removed from the catalog stay ticked
			for _, b := range r.Bases {
				if chosen[b.Cite()] {
					c := widget.NewCheck(b.Cite(), func(bool) { f.changed("bases") })
					c.Checked = true
					f.basesBox.Add(container.NewBorder(nil, nil, c, nil, hint("（已不在目录中）")))
					f.bases, f.baseChecks = append(f.bases, b), append(f.baseChecks, c)
				}
			}
		}
		f.basesBox.Refresh()
		if f.doc.ID == 0 {
			f.tickSuggested()
		}
		f.validate()
	})
}

// tickSuggested ticks the articles usually cited for the item, until the clerk chooses.
func (f *rejectionForm) tickSuggested() {
	if f.touched["bases"] || f.doc.ID != 0 || len(f.baseChecks) == 0 {
		return
	}
	want := map[string]bool{}
	for _, b := range data.SuggestedRejectionBases(f.item.Text) {
		want[b.Cite()] = true
	}
	ready := f.ready
	f.ready = false
	for i, c := range f.baseChecks {
		c.SetChecked(want[f.bases[i].Cite()])
	}
	f.ready = ready
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
	if f.baseChecks != nil {
		r.Bases = nil
		for i, c := range f.baseChecks {
			if c.Checked {
				r.Bases = append(r.Bases, f.bases[i])
			}
		}
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
	s.Go(func() (err error) {
		if id == 0 {
			id, err = s.DB.CreateRejectionDraft(s.Ctx(), resident, r)
			return err
		}
		return s.DB.UpdateRejectionDraft(s.Ctx(), id, r)
	}, func(err error) {
		f.save.Enable()
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
	if _, _, ok := f.validate(); !ok {
		f.tried = true
		f.validate()
		return
	}
	f.saveDraft(func(id int64) {
		f.sc.sign(id, func(number string) {
			f.sc.rejection = nil
			f.sc.showDetail(id)
			f.sc.sess.Notify("已签发 " + number)
		})
	})
}

func (f *rejectionForm) onCancel() {
	leave := func() { f.sc.closeForm(f.id) }
	f.sc.sess.LeaveForm(f.dirty, leave)
}
