package app

import (
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// openAwaitingDelivery shows the documents list filtered to decisions awaiting delivery.
func openAwaitingDelivery(s *Session) {
	if s.shell == nil {
		return
	}
	s.Open(ScreenDocuments)
	if sc, ok := s.shell.Screen(ScreenDocuments).(*documentsScreen); ok {
		sc.onReset()
		sc.delivered.SetSelected(docAwaiting)
		sc.onQuery()
	}
}

// Filter choices of the documents list.
const (
	allDocKinds   = "全部类型"
	allProgrammes = "全部项目"
	docDelivered  = "已送达"
	docAwaiting   = "待送达"
	allDeliveries = "全部"
)

// docKindChoices are the kinds a clerk makes (a 送达回证 is printed from its decision).
var docKindChoices = []data.DocKind{data.DocDecision, data.DocOneTimeNotice, data.DocRejectionNotice}

// docStatusColor is the colour of a document's status tag.
func docStatusColor(st data.DocStatus) color.Color {
	switch st {
	case data.DocDraft:
		return colorStatusOpen
	case data.DocSigned:
		return colorSuccess
	}
	return colorStatusVoided
}

// docKindShort is the kind as the table's 类型 column shows it.
func docKindShort(k data.DocKind) string {
	switch k {
	case data.DocDecision:
		return "决定书"
	case data.DocOneTimeNotice:
		return "一次性告知单"
	case data.DocRejectionNotice:
		return "不予受理通知书"
	}
	return k.String()
}

// Columns the code refers to.
const (
	docColKind      = 2
	docColTitle     = 3
	docColApplicant = 4
	docColStatus    = 5
	docColDelivered = 7
	docColOps       = 9
)

// docColumns are the columns of the documents table.
var docColumns = []column[data.DocumentRow]{
	{"序号", 50, "", false, fyne.TextAlignTrailing, func(t *pagedTable[data.DocumentRow], row int, _ data.DocumentRow) string {
		return t.seqText(row)
	}},
	{"文号", 178, "number", false, fyne.TextAlignLeading, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string { return r.Label() }},
	{"类型", 116, "kind", false, fyne.TextAlignLeading, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string {
		return docKindShort(r.Kind)
	}},
	{"标题", 220, "", false, fyne.TextAlignLeading, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string { return r.Title }},
	{"申请人", 80, "applicant", false, fyne.TextAlignLeading, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string { return r.Applicant }},
	{"状态", 76, "status", false, fyne.TextAlignCenter, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string { return r.Status.String() }},
	{"签发日期", 100, "date", false, fyne.TextAlignLeading, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string {
		if r.DocNumber == "" {
			return ""
		}
		return r.Date.String()
	}},
	{"送达", 70, "", false, fyne.TextAlignCenter, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string { return deliveryText(r) }},
	{"打印次数", 70, "", false, fyne.TextAlignTrailing, func(_ *pagedTable[data.DocumentRow], _ int, r data.DocumentRow) string {
		return groupDigits(r.PrintCount)
	}},
	{"操作", 150, "", false, fyne.TextAlignLeading, func(*pagedTable[data.DocumentRow], int, data.DocumentRow) string { return "" }},
}

// deliveryText is the 送达 column: 已送达, 待送达 (a signed decision not yet served) or nothing.
func deliveryText(r data.DocumentRow) string {
	switch {
	case r.Delivered:
		return docDelivered
	case r.AwaitingDelivery():
		return docAwaiting
	}
	return ""
}

// fileURL is the file:// URL of a local path (file:///C:/… on Windows).
func fileURL(path string) (*url.URL, error) {
	u, err := url.Parse("file://" + filepath.ToSlash(path))
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u, nil
}

// documentsScreen is 行政文书: the list of documents, a document's page, the decision form,
// the one-time notice and the non-acceptance notice.
type documentsScreen struct {
	sess *Session
	// open shows a PDF in the system's viewer; tests replace it.
	open func(path string) error
	// printDir is where PDFs are written for the printer or the viewer.
	printDir string
	// printers submits PDFs to a printer (CUPS); nil where the viewer prints (Windows).
	printers printService
	// printDlg is the print dialog while it is on show.
	printDlg *printDialog

	// filter bar
	query      *keyEntry
	kind       *widget.Select
	programme  *widget.Select
	status     *widget.Select
	delivered  *widget.Select
	from, to   *dateField
	more       *button
	moreBox    fyne.CanvasObject
	searchBtn  *button
	resetBtn   *button
	filterMsg  *widget.Label
	programmes []data.Programme
	// toolbar
	newDecision  *button
	newNotice    *button
	newRejection *button

	filter data.DocumentFilter
	*pagedTable[data.DocumentRow]
	// cellTags finds the status tag of a table cell by its box.
	cellTags map[*fyne.Container]*tag

	*navigator
	detail    *documentDetail
	form      *decisionForm
	notice    *noticeForm
	rejection *rejectionForm
}

func newDocumentsScreen(s *Session) *documentsScreen {
	sc := &documentsScreen{sess: s, open: openPDF, printers: defaultPrinters(), printDir: filepath.Join(os.TempDir(), "taizhang-print"),
		cellTags: map[*fyne.Container]*tag{}}
	sc.query = newEntry("文号或申请人")
	sc.query.OnSubmitted = func(string) { sc.onQuery() }
	kinds := []string{allDocKinds}
	for _, k := range docKindChoices {
		kinds = append(kinds, k.String())
	}
	sc.kind = newSelect(kinds, nil)
	sc.kind.SetSelected(allDocKinds)
	sc.programme = newSelect([]string{allProgrammes}, nil)
	sc.programme.SetSelected(allProgrammes)
	statuses := []string{allStatuses}
	for _, st := range data.DocStatuses {
		statuses = append(statuses, st.String())
	}
	sc.status = newSelect(statuses, nil)
	sc.status.SetSelected(allStatuses)
	sc.delivered = newSelect([]string{allDeliveries, docDelivered, docAwaiting}, nil)
	sc.delivered.SetSelected(allDeliveries)
	sc.from, sc.to = newDateField(false), newDateField(false)
	sc.from.entry.PlaceHolder, sc.to.entry.PlaceHolder = "起始日期", "截止日期"
	sc.from.OnSubmitted, sc.to.OnSubmitted = sc.onQuery, sc.onQuery
	sc.searchBtn = newButtonWithIcon("查询", theme.SearchIcon(), sc.onQuery)
	sc.searchBtn.Importance = widget.HighImportance
	sc.resetBtn = newButtonWithIcon("重置", theme.ContentClearIcon(), sc.onReset)
	sc.filterMsg = newErrorLabel()

	sc.newDecision = newButtonWithIcon("新建决定书", theme.ContentAddIcon(), sc.OnNew)
	sc.newDecision.Importance = widget.HighImportance
	sc.newNotice = newButtonWithIcon("一次性告知单", theme.ListIcon(), sc.openNotice)
	sc.newRejection = newButtonWithIcon("不予受理通知书", theme.DocumentCreateIcon(), func() { sc.openRejection(0) })
	if !s.Can(data.ActRecord) {
		sc.newDecision.Disable()
		sc.newNotice.Disable()
		sc.newRejection.Disable()
	}

	sc.pagedTable = newPagedTable(s, docColumns, sc.createCell, sc.updateCell, sc.load,
		pagedOptions{pageSizes: true, fit: docColTitle, fitMin: 150, fitMax: 420, wrapEmpty: true,
			grow: []int{docColKind, docColApplicant}})
	sc.opens(func(r data.DocumentRow) { sc.showDetail(r.ID) })
	sc.key = func(r data.DocumentRow) int64 { return r.ID }
	sc.emptyText = func() string {
		if sc.filtered() {
			return "没有符合条件的文书，请调整查询条件后再查询"
		}
		return "还没有行政文书。点击“新建决定书”为申请人制作社会救助决定书，或制作“一次性告知单”“不予受理通知书”"
	}

	sc.moreBox = container.NewHBox(widget.NewLabel("期间"), fixedWidth(170, sc.from.content), widget.NewLabel("至"),
		fixedWidth(170, sc.to.content))
	sc.moreBox.Hide()
	sc.more = newButtonWithIcon("更多条件", theme.MenuExpandIcon(), sc.onMore)
	sc.more.Importance = widget.LowImportance
	filters := container.NewVBox(
		container.NewHBox(
			widget.NewLabel("关键词"), fixedWidth(170, sc.query),
			widget.NewLabel("类型"), fixedWidth(150, sc.kind),
			widget.NewLabel("救助项目"), fixedWidth(112, sc.programme),
			widget.NewLabel("状态"), fixedWidth(100, sc.status),
			widget.NewLabel("送达"), fixedWidth(90, sc.delivered),
			sc.searchBtn, sc.resetBtn, sc.more),
		sc.moreBox, sc.filterMsg)
	exportBtn := newButtonWithIcon("导出", theme.DownloadIcon(), func() { s.showExport(documentExport(s, sc.filter)) })
	toolbar := container.NewHBox(sc.newDecision, sc.newNotice, sc.newRejection, exportBtn, layout.NewSpacer(),
		hint("Ctrl+N 新建决定书　Ctrl+E 导出　Ctrl+P 打印"))
	top := container.NewVBox(heading("行政文书"), card("", container.NewHScroll(filters)), toolbar)
	listView := container.NewBorder(top, sc.footer, nil, nil,
		sc.body)
	sc.navigator = newNavigator(listView)
	if s.Window != nil {
		// Ctrl+P 打印/预览: the shell binds N, F and S; this screen adds P while it is on show.
		s.Window.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) {
				if s.shell != nil && s.shell.current == ScreenDocuments && s.shell.screens[ScreenDocuments] == sc && s.dialog == nil {
					sc.OnPrint()
				}
			})
	}
	return sc
}

// OnPrint answers Ctrl+P: print the document on show, preview the form, make the notice.
func (sc *documentsScreen) OnPrint() {
	switch sc.view {
	case "detail":
		if b, ok := sc.detail.buttons["打印"]; ok && !b.Disabled() {
			b.OnTapped()
		}
	case "form":
		if !sc.form.preview.Disabled() {
			sc.form.onPreview()
		}
	case "notice":
		if !sc.notice.generate.Disabled() {
			sc.notice.onGenerate()
		}
	}
}

// A cell holds a label, a status tag and the 操作 links; updateCell shows one of them.
func (sc *documentsScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	tg := newTag()
	tagBox := tg.outer
	tagBox.Hide()
	var links []fyne.CanvasObject
	for _, name := range []string{"查看", "签发", "打印", "送达"} {
		links = append(links, newLink(name, nil))
	}
	ops := container.NewHBox(links...)
	ops.Hide()
	sc.cellTags[tagBox] = tg
	return container.NewStack(l, tagBox, ops)
}

func (sc *documentsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	l := st.Objects[0].(*widget.Label)
	tagBox := st.Objects[1].(*fyne.Container)
	ops := st.Objects[2].(*fyne.Container)
	tg := sc.cellTags[tagBox]
	if id.Row < 0 || id.Row >= len(sc.rows) {
		return
	}
	r := sc.rows[id.Row]
	switch id.Col {
	case docColOps:
		l.Hide()
		tagBox.Hide()
		ops.Show()
		sc.setOps(ops, r)
		return
	case docColStatus:
		l.Hide()
		ops.Hide()
		tg.set(r.Status.String(), docStatusColor(r.Status))
		tagBox.Show()
		tagBox.Refresh() // centre the tag at its new width, not the width of the last text
		return
	}
	ops.Hide()
	tagBox.Hide()
	l.Show()
	c := docColumns[id.Col]
	l.Alignment = c.align
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{}
	if id.Col == docColDelivered && deliveryText(r) == docAwaiting {
		l.Importance = widget.WarningImportance
		l.TextStyle = fyne.TextStyle{Bold: true}
	}
	if r.Status == data.DocVoided && id.Col != docColDelivered {
		l.Importance = widget.LowImportance
	}
	l.SetText(c.text(sc.pagedTable, id.Row, r))
}

// setOps shows the row's next steps: 查看, and 签发, 打印 or 送达 when they apply.
func (sc *documentsScreen) setOps(ops *fyne.Container, r data.DocumentRow) {
	view := ops.Objects[0].(*link)
	sign := ops.Objects[1].(*link)
	print := ops.Objects[2].(*link)
	deliver := ops.Objects[3].(*link)
	id := r.ID
	view.OnTapped = func() { sc.showDetail(id) }
	sign.OnTapped = func() { sc.sign(id, data.Seen{}, func(string) {}, nil) }
	print.OnTapped = func() { sc.printDocument(id, nil) }
	deliver.OnTapped = func() { sc.showDetailThen(id, func() { sc.detail.onDeliver() }) }
	show := func(h *link, on bool) {
		if on {
			h.Show()
		} else {
			h.Hide()
		}
	}
	show(sign, r.Status == data.DocDraft && r.Kind != data.DocOneTimeNotice && sc.sess.Can(data.ActReview))
	show(print, r.Status == data.DocSigned && sc.sess.Can(data.ActRecord))
	show(deliver, r.CheckDeliverable() == nil && !r.Delivered && sc.sess.Can(data.ActRecord))
	ops.Refresh()
}

// cellText is what the table shows at row, col (the 操作 column lists its visible links).
func (sc *documentsScreen) cellText(row, col int) string {
	o := sc.createCell()
	sc.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	st := o.(*fyne.Container)
	switch col {
	case docColOps:
		var names []string
		for _, h := range st.Objects[2].(*fyne.Container).Objects {
			if h.Visible() {
				names = append(names, h.(*link).Text)
			}
		}
		return strings.Join(names, " ")
	case docColStatus:
		return sc.cellTags[st.Objects[1].(*fyne.Container)].text.Text
	}
	return st.Objects[0].(*widget.Label).Text
}

// Title implements Screen.
func (sc *documentsScreen) Title() string { return "行政文书" }

// Content implements Screen.
func (sc *documentsScreen) Content() fyne.CanvasObject { return sc.box }

// Refresh reloads the pickers and the list (and the document on show).
func (sc *documentsScreen) Refresh() {
	sc.loadChoices()
	sc.load()
	if sc.view == "detail" && sc.detail != nil {
		sc.detail.load()
	}
}

// OnNew opens an empty decision form (Ctrl+N).
func (sc *documentsScreen) OnNew() {
	if !sc.sess.Can(data.ActRecord) || sc.view == "form" {
		return
	}
	sc.openForm(data.Document{})
}

// FocusSearch puts the cursor in the keyword box (Ctrl+F).
func (sc *documentsScreen) FocusSearch() {
	if sc.view != "list" {
		return
	}
	sc.sess.Window.Canvas().Focus(sc.query)
}

// OnSave saves the open form (Ctrl+S).
func (sc *documentsScreen) OnSave() {
	switch sc.view {
	case "form":
		sc.form.onSave()
	case "rejection":
		sc.rejection.onSave()
	}
}

// OnExport implements Exporter: 导出 of the list on show.
func (sc *documentsScreen) OnExport() {
	if sc.onList() {
		sc.sess.showExport(documentExport(sc.sess, sc.filter))
	}
}

// OnEscape closes the open form or page.
func (sc *documentsScreen) OnEscape() bool {
	switch sc.view {
	case "form":
		sc.form.onCancel()
		return true
	case "rejection":
		sc.rejection.onCancel()
		return true
	case "notice", "detail":
		sc.showList()
		return true
	}
	return false
}

func (sc *documentsScreen) loadChoices() {
	var ps []data.Programme
	sc.sess.Go(func() (err error) {
		ps, err = sc.sess.DB.Programmes(sc.sess.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			sc.sess.ShowError(err)
			return
		}
		sc.programmes = ps
		opts := []string{allProgrammes}
		for _, p := range ps {
			opts = append(opts, string(p))
		}
		sc.programme.Options = opts
		if indexOf(opts, sc.programme.Selected) < 0 {
			sc.programme.SetSelected(allProgrammes)
		}
		sc.programme.Refresh()
	})
}

func (sc *documentsScreen) onMore() {
	if sc.moreBox.Visible() {
		sc.moreBox.Hide()
		sc.more.SetIcon(theme.MenuExpandIcon())
	} else {
		sc.moreBox.Show()
		sc.more.SetIcon(theme.MenuDropUpIcon())
	}
	relayout(sc.moreBox)
}

// onQuery applies the filter bar and shows the first page.
func (sc *documentsScreen) onQuery() {
	f := data.DocumentFilter{Query: strings.TrimSpace(sc.query.Text)}
	for _, k := range docKindChoices {
		if k.String() == sc.kind.Selected {
			f.Kind = k
		}
	}
	if sc.programme.Selected != allProgrammes {
		f.Programme = data.Programme(sc.programme.Selected)
	}
	for _, st := range data.DocStatuses {
		if st.String() == sc.status.Selected {
			f.Status = st
		}
	}
	switch sc.delivered.Selected {
	case docDelivered:
		yes := true
		f.Delivered = &yes
	case docAwaiting:
		no := false
		f.Delivered = &no
	}
	var err error
	if f.From, err = sc.from.Date(); err != nil {
		setMessage(sc.filterMsg, "起始日期："+data.Message(err))
		return
	}
	if f.To, err = sc.to.Date(); err != nil {
		setMessage(sc.filterMsg, "截止日期："+data.Message(err))
		return
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		setMessage(sc.filterMsg, "截止日期早于起始日期，请核对期间")
		return
	}
	setMessage(sc.filterMsg, "")
	sc.filter = f
	sc.offset = 0
	sc.showList()
	sc.load()
}

func (sc *documentsScreen) onReset() {
	sc.query.SetText("")
	sc.kind.SetSelected(allDocKinds)
	sc.programme.SetSelected(allProgrammes)
	sc.status.SetSelected(allStatuses)
	sc.delivered.SetSelected(allDeliveries)
	sc.from.SetText("")
	sc.to.SetText("")
	sc.sortCol, sc.desc = -1, false
	sc.onQuery()
}

// load fetches the current page from the store.
func (sc *documentsScreen) load() {
	f := sc.filter
	sc.fetch(func(q pageQuery) ([]data.DocumentRow, int, error) {
		f.Offset, f.Limit, f.Sort, f.Desc = q.offset, q.limit, q.sort, q.desc
		return sc.sess.DB.ListDocuments(sc.sess.Ctx(), f)
	}, nil)
}

func (sc *documentsScreen) filtered() bool {
	f := sc.filter
	return f.Kind != "" || f.Programme != "" || f.Status != "" || f.Delivered != nil || f.Query != "" ||
		!f.From.IsZero() || !f.To.IsZero()
}

// showList returns to the list.
func (sc *documentsScreen) showList() {
	sc.showHome()
}

// showDetail opens a document's page.
func (sc *documentsScreen) showDetail(id int64) { sc.showDetailThen(id, nil) }

// showDetailThen opens a document's page and runs fn once it is loaded.
func (sc *documentsScreen) showDetailThen(id int64, fn func()) {
	if sc.detail == nil {
		sc.detail = newDocumentDetail(sc)
	}
	sc.show("detail", sc.detail.content)
	sc.detail.showThen(id, fn)
}

// openForm opens the decision form: empty, or on a draft.
func (sc *documentsScreen) openForm(doc data.Document) {
	sc.form = newDecisionForm(sc, doc)
	sc.show("form", sc.form.content)
	sc.sess.Window.Canvas().Focus(sc.form.picker.query)
}

// editDocument opens the form for a draft.
func (sc *documentsScreen) editDocument(id int64) {
	var doc data.Document
	var seen data.Seen
	sc.sess.Go(func() (err error) {
		if seen, err = sc.sess.DB.Seen(sc.sess.Ctx(), "documents", id); err != nil {
			return err
		}
		doc, err = sc.sess.DB.Document(sc.sess.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			sc.sess.ShowError(err)
			return
		}
		switch doc.Kind {
		case data.DocDecision:
			sc.openForm(doc)
			sc.form.seen = seen
		case data.DocRejectionNotice:
			sc.openRejectionDoc(doc)
			sc.rejection.seen = seen
		}
	})
}

// closeForm leaves a form for the document's page, or the list for a new one.
func (sc *documentsScreen) closeForm(id int64) {
	sc.form, sc.rejection = nil, nil
	sc.load()
	if id != 0 {
		sc.showDetail(id)
		return
	}
	sc.showList()
}

// signDraft is 签发 on a draft's form: when validate passes it saves the draft, signs it and
// shows the signed document (closeForm forgets the form first); otherwise it sets *tried and
// validates again so every missing field shows its message.
// seen gives the draft's state after the save, so a change by another PC between the save and
// the signing is refused.
func (sc *documentsScreen) signDraft(validate func() bool, tried *bool, save func(func(int64)), seen func() data.Seen, closeForm func()) {
	if !validate() {
		*tried = true
		validate()
		return
	}
	save(func(id int64) {
		sc.sign(id, seen(), func(number string) {
			closeForm()
			sc.showDetail(id)
			sc.sess.Notify("已签发 " + number)
		}, nil)
	})
}

// sign asks, then issues a draft (reviewers only); after gets the number. seen is the state
// of the draft the screen shows (zero: none, the draft was just saved from its form); when
// another PC changed it since, signing is refused and stale (if set) reads it again.
func (sc *documentsScreen) sign(id int64, seen data.Seen, after func(number string), stale func()) {
	s := sc.sess
	if !s.Can(data.ActReview) {
		s.ShowMessage("需审核人签发", "文书须由审核人或管理员签发。请保存草稿后提交审核人签发。")
		return
	}
	s.Confirm("签发文书", "签发后文书即定稿：分配文号，内容和打印文本不能再修改（如有错误，须另行制作更正文书）。确定签发吗？",
		"签发", "取消", func() {
			var number string
			ctx := data.WithSeen(s.Ctx(), seen)
			s.Go(func() (err error) {
				number, err = s.DB.SignDocument(ctx, id)
				return err
			}, func(err error) {
				if err != nil {
					s.ShowError(err)
					if data.IsStale(err) && stale != nil {
						stale()
					}
					return
				}
				s.Notify("已签发 " + number)
				sc.load()
				if s.shell != nil {
					s.shell.refreshBadges()
				}
				after(number)
			})
		})
}

// printDocument prints a signed document: its PDF goes to a printer (or the viewer), and
// only once it was sent or opened is the print counted and audited. done (if set) runs
// after the count.
func (sc *documentsScreen) printDocument(id int64, done func()) {
	s := sc.sess
	var pdf []byte
	var doc data.Document
	s.Go(func() (err error) {
		// The bytes kept at signing, not yet counted as a print.
		if pdf, err = s.DB.DocumentPDF(s.Ctx(), id); err != nil {
			return err
		}
		doc, err = s.DB.Document(s.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.startPrint(printRequest{Name: doc.Label(), PDF: pdf, Done: func(how string) {
			sc.countPrint(doc, how, done)
		}})
	})
}

// countPrint counts and audits the print of doc that was just sent or opened.
func (sc *documentsScreen) countPrint(doc data.Document, how string, done func()) {
	s := sc.sess
	s.Go(func() error {
		_, err := s.DB.PrintDocument(s.Ctx(), doc.ID)
		if err == nil {
			doc, err = s.DB.Document(s.Ctx(), doc.ID)
		}
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		if how == "opened" {
			s.Notify(fmt.Sprintf("已打开 %s 的打印文本（第 %d 次打印）", doc.Label(), doc.PrintCount))
		} else {
			s.Notify(fmt.Sprintf("%s %s（第 %d 次打印）", doc.Label(), how, doc.PrintCount))
		}
		sc.load()
		if done != nil {
			done()
		}
	})
}

// printReceipt prints the 送达回证 of a signed document (not counted: it is a form to fill).
func (sc *documentsScreen) printReceipt(id int64) {
	s := sc.sess
	var pdf []byte
	var doc data.Document
	s.Go(func() (err error) {
		if pdf, err = s.DB.DeliveryReceiptPDF(s.Ctx(), id); err != nil {
			return err
		}
		doc, err = s.DB.Document(s.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		name := doc.Label() + " 送达回证"
		sc.startPrint(printRequest{Name: name, PDF: pdf, Done: func(how string) {
			if how == "opened" {
				s.Notify("已打开 " + name)
			} else {
				s.Notify(name + " " + how)
			}
		}})
	})
}

// safeFileName turns a document number into a file name: 平民救决〔2026〕15号 → 平民救决2026-15号.
func safeFileName(s string) string {
	r := strings.NewReplacer("〔", "", "〕", "-", "/", "-", `\`, "-", ":", "-", "*", "", "?", "", `"`, "", "<", "", ">", "", "|", "", " ", "")
	return r.Replace(s)
}
