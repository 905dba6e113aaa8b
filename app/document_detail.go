package app

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// documentDetail is a document's page: everything about it on the left, the preview drawn
// from its page model on the right, and the actions the user's role allows.
type documentDetail struct {
	sc   *documentsScreen
	doc  data.Document
	seen data.Seen // the state of the document doc shows, passed back with 签发 and 作废

	title   *widget.Label
	status  *tag
	info    *fyne.Container
	actions *fyne.Container
	panel   *previewPanel

	// actions, by name, for tests
	buttons map[string]*button

	// the open 登记送达 dialog, for tests
	delivery *deliveryForm
	// the open 作废 dialog's reason and button, for tests
	voidReason  *keyEntry
	voidConfirm *button

	seq  int    // guards against a slow load overwriting a newer one
	then func() // runs once after the next load, with the document on show

	content fyne.CanvasObject
}

func newDocumentDetail(sc *documentsScreen) *documentDetail {
	d := &documentDetail{sc: sc, buttons: map[string]*button{}}
	d.title = heading("")
	d.status = newTag()
	d.info = container.NewVBox()
	d.actions = container.NewHBox()
	// 打印 is among the page's actions, above the preview.
	d.panel = newPreviewPanel(nil, d.onSaveAs)
	back := newButtonWithIcon("返回列表", theme.NavigateBackIcon(), sc.showList)
	top := container.NewVBox(container.NewHBox(back, d.title, d.status.outer), d.actions)
	left := card("文书信息", container.NewVScroll(d.info))
	d.content = container.NewBorder(top, nil, nil, nil,
		container.New(&docDetailColumns{}, left, d.panel.content))
	return d
}

// docDetailColumns gives the information a fixed column and the preview the rest.
type docDetailColumns struct{}

func (docDetailColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(340+240+theme.Padding(), 300)
}

func (docDetailColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	left := min(max(size.Width*0.34, 340), 440)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(left, size.Height))
	objs[1].Move(fyne.NewPos(left+theme.Padding(), 0))
	objs[1].Resize(fyne.NewSize(size.Width-left-theme.Padding(), size.Height))
}

// show loads document id.
func (d *documentDetail) show(id int64) {
	d.showThen(id, nil)
}

// showThen loads document id, then runs fn (a dialog that needs the document's content).
func (d *documentDetail) showThen(id int64, fn func()) {
	d.doc = data.Document{DocumentRow: data.DocumentRow{ID: id}}
	d.then = fn
	d.load()
	d.panel.view.scroll.ScrollToTop()
}

// load reads the document and its preview pages from the store.
func (d *documentDetail) load() {
	s := d.sc.sess
	id := d.doc.ID
	var doc data.Document
	var seen data.Seen
	var perr error
	var pages []reports.Page
	var opts reports.Options
	d.seq++
	seq := d.seq
	s.Go(func() (err error) {
		if seen, err = s.DB.Seen(s.Ctx(), "documents", id); err != nil {
			return err
		}
		if doc, err = s.DB.Document(s.Ctx(), id); err != nil {
			return err
		}
		pages, opts, perr = layoutPreview(s.Ctx(), s.DB, id)
		return nil
	}, func(err error) {
		if seq != d.seq {
			return
		}
		if err != nil {
			s.ShowError(err)
			return
		}
		d.doc, d.seen = doc, seen
		d.render()
		if perr != nil {
			d.panel.view.ShowMessage("无法显示预览：" + data.Message(perr))
		} else {
			d.panel.view.SetPages(pages, opts)
		}
		if fn := d.then; fn != nil {
			d.then = nil
			fn()
		}
	})
}

func (d *documentDetail) render() {
	doc := d.doc
	s := d.sc.sess
	d.title.SetText(doc.Title + "　" + doc.Label())
	d.status.set(doc.Status.String(), docStatusColor(doc.Status))

	rows := []fyne.CanvasObject{}
	add := func(label, value string) {
		if value == "" {
			return
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		rows = append(rows, fieldLabel(label, false), v)
	}
	add("文号", doc.Label())
	add("类型", doc.Kind.String())
	add("标题", doc.Title)
	if doc.ResidentID != 0 {
		rid := doc.ResidentID
		link := newLink(doc.Applicant, nil)
		link.OnTapped = func() { s.OpenResident(rid) }
		rows = append(rows, fieldLabel("申请人", false), link)
	} else {
		add("申请人", doc.Applicant)
	}
	if dec := doc.Decision; dec != nil {
		add("救助项目", string(dec.Programme))
		add("决定", dec.Outcome.String())
		add("身份证号", data.MaskIDNumber(dec.IDNumber))
		if dec.Outcome.ChangesMoney() {
			if dec.AmountBefore != 0 {
				add("原金额", dec.AmountBefore.Yuan()+" 元")
			}
			if dec.AmountAfter != 0 {
				add("决定后金额", dec.AmountAfter.Yuan()+" 元")
			}
			if !dec.Effective.IsZero() {
				add("执行月份", fmt.Sprintf("%d年%d月", dec.Effective.Year, int(dec.Effective.Month)))
			}
		}
		var cites []string
		for _, b := range dec.Bases {
			cites = append(cites, b.Cite())
		}
		add("法律依据", strings.Join(cites, "\n"))
	}
	if n := doc.OneTimeNotice; n != nil {
		add("事项", n.Item)
		missing := n.Missing()
		var names []string
		for _, m := range missing {
			names = append(names, m.Name)
		}
		add("还需提交", fmt.Sprintf("%d 项：%s", len(missing), strings.Join(names, "、")))
	}
	if r := doc.RejectionNotice; r != nil {
		add("申请事项", r.Item)
		add("理由", r.Reason)
		add("需补正", r.Correction)
	}
	add("状态", doc.Status.String())
	if doc.DocNumber != "" {
		add("成文日期", doc.Date.String())
	}
	if doc.SignedBy != "" {
		add("签发", fmt.Sprintf("%s　%s", doc.SignedBy, doc.SignedAt.In(data.OfficeZone).Format("2006-01-02 15:04")))
	}
	add("制作", fmt.Sprintf("%s　%s", doc.CreatedBy, doc.CreatedAt.In(data.OfficeZone).Format("2006-01-02 15:04")))
	if doc.Status != data.DocDraft {
		add("打印次数", fmt.Sprintf("%d 次", doc.PrintCount))
	}
	if doc.Corrects != "" {
		cid := doc.CorrectsID
		link := newLink("更正 "+doc.Corrects, nil)
		link.OnTapped = func() { d.show(cid) }
		rows = append(rows, fieldLabel("更正", false), link)
	}
	add("已被更正", doc.CorrectedBy)
	add("作废原因", doc.VoidReason)
	if doc.CheckDeliverable() == nil {
		if dl := doc.Delivery; dl != nil {
			add("送达", "已送达")
			add("送达方式", dl.Method.String())
			add("送达日期", dl.Date.String())
			add("送达地点", dl.Place)
			add("受送达人", dl.Recipient)
			add("代收人", dl.Agent)
			add("送达人", dl.Server)
			add("见证人", dl.Witness)
			add("拒收情况", dl.RefusalReason)
			add("备注", dl.Note)
			add("登记", dl.RecordedBy+"　"+dl.RecordedAt.In(data.OfficeZone).Format("2006-01-02 15:04"))
		} else if doc.AwaitingDelivery() {
			rows = append(rows, fieldLabel("送达", false), statusTagLeft(docAwaiting, colorWarning))
		} else {
			add("送达", "未登记")
		}
	}
	d.info.Objects = []fyne.CanvasObject{formGrid(rows...)}
	d.info.Refresh()
	d.renderActions()

	switch doc.Status {
	case data.DocDraft:
		d.panel.setPrintable(false, "草稿不能打印，签发后才能打印正式文本")
	case data.DocVoided:
		d.panel.setPrintable(false, "已作废的文书不能打印")
	default:
		d.panel.setPrintable(s.Can(data.ActRecord), "")
	}
	relayout(d.content) // the heading and cards grew: lay the page out again rather than overlap
}

// statusTagLeft is a status tag at the start of its row.
func statusTagLeft(text string, c color.Color) fyne.CanvasObject {
	t := newTag()
	t.set(text, c)
	return container.NewHBox(t.outer)
}

// renderActions shows what the user may do next with the document.
func (d *documentDetail) renderActions() {
	doc := d.doc
	s := d.sc.sess
	d.buttons = map[string]*button{}
	d.actions.Objects = nil
	add := func(name string, icon fyne.Resource, fn func(), important bool) *button {
		b := newButtonWithIcon(name, icon, fn)
		if important {
			b.Importance = widget.HighImportance
		}
		d.buttons[name] = b
		d.actions.Add(b)
		return b
	}
	record := s.Can(data.ActRecord)
	review := s.Can(data.ActReview)
	signable := doc.Kind == data.DocDecision || doc.Kind == data.DocRejectionNotice
	switch doc.Status {
	case data.DocDraft:
		if record {
			add("编辑", theme.DocumentCreateIcon(), func() { d.sc.editDocument(doc.ID) }, false)
		}
		if signable {
			b := add("签发", theme.ConfirmIcon(), d.onSign, true)
			if !review {
				b.Disable()
				d.actions.Add(hint("需审核人签发"))
			}
		}
		if record {
			add("作废", theme.DeleteIcon(), d.onVoid, false)
		}
	case data.DocSigned:
		if record {
			add("打印", theme.DocumentPrintIcon(), func() { d.sc.printDocument(doc.ID, d.load) }, true)
		}
		if doc.Kind.NeedsDelivery() && record {
			add("打印送达回证", theme.DocumentPrintIcon(), func() { d.sc.printReceipt(doc.ID) }, false)
			if !doc.Delivered {
				add("登记送达", theme.MailSendIcon(), d.onDeliver, doc.AwaitingDelivery())
			}
		}
		if signable && record && doc.CorrectedBy == "" {
			add("更正", theme.ContentRedoIcon(), d.onCorrect, false)
		}
		if doc.Kind == data.DocOneTimeNotice && record {
			add("登记再次办理", theme.ConfirmIcon(), func() { d.onNoticeReturn() }, false) // app/aid_notice.go
		}
		if review {
			add("作废", theme.DeleteIcon(), d.onVoid, false)
		}
	}
	d.actions.Add(layout.NewSpacer())
	d.actions.Refresh()
}

func (d *documentDetail) onSign() {
	id := d.doc.ID
	d.sc.sign(id, d.seen, func(string) { d.load() }, d.load)
}

// onSaveAs writes the document's PDF where the user chooses (not counted as a print).
func (d *documentDetail) onSaveAs() {
	s := d.sc.sess
	doc := d.doc
	var pdf []byte
	s.Go(func() (err error) {
		pdf, err = s.DB.DocumentPDF(s.Ctx(), doc.ID)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		saveFileDialog(s, "保存 PDF", ".pdf", documentsDir(), safeFileName(doc.Label())+".pdf", func(path string) {
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				s.ShowMessage("未能保存", "PDF 文件没有保存成功："+data.Message(err)+"。请换一个位置再试")
				return
			}
			s.Notify("已保存 " + filepath.Base(path))
		})
	})
}

// onCorrect starts a correction: a new draft naming this document's number.
func (d *documentDetail) onCorrect() {
	s := d.sc.sess
	doc := d.doc
	s.Confirm("更正文书", fmt.Sprintf("将新建一份更正文书草稿，写明更正 %s，内容先照原文书填好，修改后由审核人签发。原文书保持不变；如原文书不再有效，请另行作废。", doc.DocNumber),
		"新建更正文书", "取消", func() {
			var id int64
			s.Go(func() (err error) {
				id, err = s.DB.CorrectDocument(s.Ctx(), doc.ID)
				return err
			}, func(err error) {
				if err != nil {
					s.ShowError(err)
					return
				}
				s.Notify("已新建更正 " + doc.DocNumber + " 的草稿")
				d.sc.load()
				d.sc.editDocument(id)
			})
		})
}

// onVoid asks for the reason and voids the document.
func (d *documentDetail) onVoid() {
	s := d.sc.sess
	doc := d.doc
	d.voidReason = newMultiLineEntry("作废原因（必填），如：申请人撤回申请、内容有误已另行更正")
	d.voidReason.SetMinRowsVisible(3)
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	d.voidConfirm = newButton("确认作废", func() {
		reason := d.voidReason.Text
		d.voidConfirm.Disable()
		ctx := data.WithSeen(s.Ctx(), d.seen)
		s.Go(func() error { return s.DB.VoidDocument(ctx, doc.ID, reason) }, func(err error) {
			if err != nil {
				d.voidConfirm.Enable()
				setMessage(msg, data.Message(err))
				if data.IsStale(err) {
					d.load() // another PC changed the document: show what it is now
				}
				msg.Refresh()
				dlg.Refresh()
				return
			}
			dlg.Hide()
			s.Notify("已作废 " + doc.Label())
			d.sc.load()
			d.load()
			if s.shell != nil {
				s.shell.refreshBadges()
			}
		})
	})
	d.voidConfirm.Importance = widget.DangerImportance
	d.voidConfirm.Disable()
	d.voidReason.OnChanged = func(t string) { enable(d.voidConfirm, strings.TrimSpace(t) != "") }
	cancel := newButton("取消", func() { dlg.Hide() })
	what := "作废后仍在列表中显示，并注明原因。"
	if doc.DocNumber != "" {
		what = "文号 " + doc.DocNumber + " 作废后不再使用，仍在文号登记中留有记录。"
	}
	intro := widget.NewLabel(fmt.Sprintf("作废 %s（%s）？%s", doc.Title, doc.Applicant, what))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, d.voidReason, msg, container.NewHBox(layout.NewSpacer(), cancel, d.voidConfirm))
	dlg = dialog.NewCustomWithoutButtons("作废文书", body, s.Window)
	dlg.Resize(fyne.NewSize(540, 300))
	s.ShowDialog(dlg)
	s.Window.Canvas().Focus(d.voidReason)
}

// onDeliver opens the 登记送达 dialog.
func (d *documentDetail) onDeliver() {
	d.delivery = newDeliveryForm(d)
}

// deliveryForm records a 送达: method, date, place and the people, with 留置's witness and
// refusal; data.DeliveryReceipt.Validate says what is missing, under the field.
type deliveryForm struct {
	d          *documentDetail
	method     *widget.RadioGroup
	date       *dateField
	place      *keyEntry
	recipient  *keyEntry
	agent      *keyEntry // 代收人, for 直接送达 only
	server     *keyEntry
	witness    *keyEntry
	refusal    *keyEntry
	note       *keyEntry
	leftRows   []fyne.CanvasObject // shown for 留置送达
	directRows []fyne.CanvasObject // shown for 直接送达
	grid       *fyne.Container
	msgs       map[string]*widget.Label
	confirm    *button
	reason     *widget.Label
	touched    map[string]bool
	tried      bool
	dlg        *dialog.CustomDialog
}

var deliveryFields = []string{"method", "date", "place", "recipient", "agent", "server", "witness", "refusal_reason"}

func newDeliveryForm(d *documentDetail) *deliveryForm {
	s := d.sc.sess
	doc := d.doc
	f := &deliveryForm{d: d, msgs: map[string]*widget.Label{}, touched: map[string]bool{}}
	for _, k := range deliveryFields {
		f.msgs[k] = newErrorLabel()
	}
	var methods []string
	for _, m := range data.DeliveryMethods {
		methods = append(methods, m.String())
	}
	f.method = widget.NewRadioGroup(methods, func(string) { f.onMethod(); f.changed("method") })
	f.method.Horizontal = true
	f.date = newDateField(true)
	f.date.SetDate(data.Today(s.DB.Now()))
	f.date.OnChanged = func(data.Date) { f.changed("date") }
	entry := func(key, ph, text string) *keyEntry {
		e := newEntry(ph)
		e.SetText(text)
		e.OnChanged = func(string) { f.changed(key) }
		return e
	}
	place := ""
	if doc.Decision != nil {
		place = doc.Decision.Address
	}
	server := ""
	if s.User != nil {
		server = s.User.Name
	}
	f.place = entry("place", "送达地点，如申请人住址", place)
	f.recipient = entry("recipient", "受送达人", doc.Applicant)
	f.agent = entry("agent", "受送达人不在时，代收的同住成年家属姓名（可不填）", "")
	f.server = entry("server", "送达人姓名", server)
	f.witness = entry("witness", "见证人姓名，如社区工作人员", "")
	f.refusal = newMultiLineEntry("受送达人拒收的情况和理由")
	f.refusal.SetMinRowsVisible(2)
	f.refusal.OnChanged = func(string) { f.changed("refusal_reason") }
	f.note = newEntry("其他需要说明的情况（可不填）")
	f.confirm = newButtonWithIcon("登记送达", theme.ConfirmIcon(), f.onConfirm)
	f.confirm.Importance = widget.HighImportance
	f.reason = widget.NewLabel("")
	f.reason.Importance = widget.DangerImportance
	f.reason.Wrapping = fyne.TextWrapWord
	cancel := newButton("取消", func() { f.dlg.Hide() })
	f.directRows = []fyne.CanvasObject{fieldLabel("代收人", false), field(f.agent, f.msgs["agent"])}
	f.leftRows = []fyne.CanvasObject{
		fieldLabel("见证人", true), field(f.witness, f.msgs["witness"]),
		fieldLabel("拒收情况", true), field(f.refusal, f.msgs["refusal_reason"]),
	}
	rows := []fyne.CanvasObject{
		fieldLabel("送达文书", false), widget.NewLabel(doc.Title + "　" + doc.DocNumber),
		fieldLabel("送达方式", true), field(f.method, f.msgs["method"]),
		fieldLabel("送达日期", true), field(f.date.content, f.msgs["date"]),
		fieldLabel("送达地点", true), field(f.place, f.msgs["place"]),
		fieldLabel("受送达人", true), field(f.recipient, f.msgs["recipient"]),
	}
	rows = append(rows, f.directRows...)
	rows = append(rows, fieldLabel("送达人", true), field(f.server, f.msgs["server"]))
	rows = append(rows, f.leftRows...)
	rows = append(rows, fieldLabel("备注", false), f.note)
	f.grid = formGrid(rows...)
	body := container.NewBorder(nil, container.NewVBox(f.reason, container.NewHBox(layout.NewSpacer(), cancel, f.confirm)),
		nil, nil, container.NewVScroll(f.grid))
	f.dlg = dialog.NewCustomWithoutButtons("登记送达", body, s.Window)
	f.dlg.Resize(fyne.NewSize(680, 600))
	f.method.SetSelected(data.DeliveryDirect.String())
	f.onMethod()
	f.validate()
	s.ShowDialog(f.dlg)
	return f
}

func (f *deliveryForm) methodValue() data.DeliveryMethod {
	for _, m := range data.DeliveryMethods {
		if m.String() == f.method.Selected {
			return m
		}
	}
	return ""
}

func (f *deliveryForm) onMethod() {
	showIf := func(objs []fyne.CanvasObject, on bool) {
		for _, o := range objs {
			if on {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	showIf(f.leftRows, f.methodValue() == data.DeliveryLeft)
	showIf(f.directRows, f.methodValue() == data.DeliveryDirect)
	if f.grid != nil {
		f.grid.Refresh()
	}
}

func (f *deliveryForm) changed(key string) {
	if f.msgs == nil || f.confirm == nil {
		return
	}
	f.touched[key] = true
	f.validate()
}

// receipt reads the dialog into a receipt with the document's own names filled in.
func (f *deliveryForm) receipt() (data.DeliveryReceipt, error) {
	doc := f.d.doc
	r := data.DeliveryReceipt{DocName: doc.Title, DocNumber: doc.DocNumber, Authority: "-",
		Method: f.methodValue(), Place: f.place.Text, Recipient: f.recipient.Text, Server: f.server.Text, Note: f.note.Text}
	switch r.Method {
	case data.DeliveryLeft:
		r.Witness, r.RefusalReason = f.witness.Text, f.refusal.Text
	case data.DeliveryDirect:
		r.Agent = f.agent.Text
	}
	d, err := f.date.Date()
	r.Date = d
	return r, err
}

// validate shows the first problem under its field and beside 登记送达.
func (f *deliveryForm) validate() (data.DeliveryReceipt, bool) {
	problems := map[string]string{}
	r, err := f.receipt()
	if err != nil {
		problems["date"] = data.Message(err)
	}
	today := data.Today(f.d.sc.sess.DB.Now())
	switch {
	case r.Date.IsZero():
	case r.Date.Before(f.d.doc.Date):
		problems["date"] = fmt.Sprintf("送达日期（%s）早于文书签发日期（%s），请核对", r.Date.Chinese(), f.d.doc.Date.Chinese())
	case r.Date.After(today):
		problems["date"] = fmt.Sprintf("送达日期（%s）晚于今天，请核对", r.Date.Chinese())
	}
	addProblems(problems, r.Validate(), func(field, msg string) (string, string) {
		if _, ok := f.msgs[field]; !ok {
			return "date", msg // the document's own names: not the clerk's to fix here
		}
		return field, msg
	})
	first := formState{fields: deliveryFields, msgs: f.msgs, touched: f.touched, tried: f.tried,
		always: []string{"witness", "refusal_reason"}}.show(problems)
	ok := gate(f.confirm, f.reason, "暂不能登记：", first)
	if f.grid != nil {
		f.grid.Refresh() // messages appeared or went: the dialog is not the window's content
	}
	return r, ok
}

func (f *deliveryForm) onConfirm() {
	r, ok := f.validate()
	if !ok {
		f.tried = true
		f.validate()
		return
	}
	s := f.d.sc.sess
	doc := f.d.doc
	f.confirm.Disable()
	s.Go(func() error { return s.DB.RecordDelivery(s.Ctx(), doc.ID, r) }, func(err error) {
		if err != nil {
			f.confirm.Enable()
			f.reason.SetText("未登记：" + data.Message(err))
			return
		}
		f.dlg.Hide()
		f.d.delivery = nil
		s.Notify("已登记送达 " + doc.DocNumber)
		f.d.sc.load()
		f.d.load()
		if s.shell != nil {
			s.shell.refreshBadges()
		}
	})
}
