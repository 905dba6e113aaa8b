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
	"taizhang/reports"
)

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
	generate  *button
	again     *button
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
	sc.show("notice", sc.notice.content)
	sc.sess.Window.Canvas().Focus(sc.notice.search)
}

func newNoticeForm(sc *documentsScreen) *noticeForm {
	s := sc.sess
	f := &noticeForm{sc: sc}
	f.search = newEntry("输入关键字筛选事项，如 临时")
	f.search.OnChanged = func(string) { f.onSearch() }
	f.item = newSelect(nil, func(string) { f.onItem() })
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
	f.generate = newButtonWithIcon("生成并打印", theme.DocumentPrintIcon(), f.onGenerate)
	f.generate.Importance = widget.HighImportance
	f.again = newButtonWithIcon("再做一份", theme.ContentAddIcon(), sc.openNotice)
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

	back := newButtonWithIcon("返回列表", theme.NavigateBackIcon(), sc.showList)
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
		f.materials.Add(container.NewBorder(nil, nil, c, nil, labelTip(note)))
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
	var doc data.Document
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
