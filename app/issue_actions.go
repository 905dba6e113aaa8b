package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// actionForm is the dialog of one action on an issue. Only the inputs the action needs are
// set; confirm stays disabled, with the reason beside it, until they are filled in.
type actionForm struct {
	dlg          *dialog.CustomDialog
	date         *dateField
	text         *keyEntry // progress note, result, reason or remarks
	extra        *keyEntry // lasting measure
	files        *filePicker
	method       *widget.Select
	satisfaction *widget.RadioGroup
	mode         *widget.RadioGroup // extension: by working days or by date
	workdays     *keyEntry
	newDeadline  *dateField
	computed     *widget.Label
	warn         *widget.Label
	msg          *widget.Label
	confirm      *button
	cancel       *button

	ready func() string   // "" when confirm may be pressed, else why not
	root  *fyne.Container // the dialog's content, laid out again when a message appears
	body  *fyne.Container // the form part of root
	h     float32         // the dialog's height
}

// fit grows the dialog to show its whole form, up to a height that fits 768 pixels.
func (a *actionForm) fit() {
	if a.dlg == nil {
		return
	}
	h := min(a.body.MinSize().Height+a.msg.MinSize().Height+150, 660)
	if h > a.h {
		a.h = h
		a.dlg.Resize(fyne.NewSize(620, h))
	}
}

// relayout lays the dialog out again: a message or a thumbnail that appears does not move
// its neighbours by itself, and the window's relayout does not reach a dialog.
func (a *actionForm) relayout() {
	if a.root != nil {
		a.fit()
		a.root.Refresh()
	}
}

func (a *actionForm) check() {
	if a.confirm == nil {
		return // still being built
	}
	why := ""
	if a.ready != nil {
		why = a.ready()
	}
	if why != "" {
		a.confirm.Disable()
		setMessage(a.msg, why)
		a.msg.Importance = widget.LowImportance
		a.msg.Refresh()
	} else {
		a.confirm.Enable()
		setMessage(a.msg, "")
	}
	a.relayout()
}

// openAction shows an action's dialog: intro text, the form rows, 取消 and the confirm
// button, which runs work off the UI goroutine and on success closes the dialog and reloads.
// work's context carries the state of the issue the page shows: when another PC changed the
// issue since, the store refuses the action, the dialog says so (keeping what was typed) and
// the page reads the issue again.
func (d *issueDetail) openAction(title, confirmLabel string, danger bool, intro string, rows []fyne.CanvasObject,
	a *actionForm, work func(ctx context.Context) error, done string) {
	s := d.sc.sess
	a.msg = newErrorLabel()
	a.confirm = newButton(confirmLabel, nil)
	a.confirm.Importance = widget.HighImportance
	if danger {
		a.confirm.Importance = widget.DangerImportance
	}
	a.cancel = newButton("取消", func() { a.dlg.Hide() })
	a.confirm.OnTapped = func() {
		a.check()
		if a.confirm.Disabled() {
			return
		}
		a.confirm.Disable()
		ctx := data.WithSeen(s.Ctx(), d.seen)
		s.Go(func() error { return work(ctx) }, func(err error) {
			if err != nil {
				a.confirm.Enable()
				setMessage(a.msg, data.Message(err))
				a.msg.Importance = widget.DangerImportance
				a.msg.Refresh()
				a.relayout()
				if data.IsStale(err) {
					d.load()
					d.sc.list.load()
				}
				return
			}
			a.dlg.Hide()
			if d.act == a {
				d.act = nil
			}
			d.changed(done)
		})
	}
	items := []fyne.CanvasObject{}
	if intro != "" {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		items = append(items, l)
	}
	if len(rows) > 0 {
		items = append(items, formGrid(rows...))
	}
	if a.warn != nil {
		items = append(items, a.warn)
	}
	body := container.NewVBox(items...)
	bottom := container.NewVBox(a.msg, container.NewHBox(layout.NewSpacer(), a.cancel, a.confirm))
	a.root = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(body))
	if a.files != nil {
		a.files.OnChanged = a.check
	}
	a.body = body
	a.dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf("%s — %s", title, d.r.Number), a.root, s.Window)
	a.h = 240
	a.dlg.Resize(fyne.NewSize(620, a.h))
	a.fit()
	d.act = a
	a.check()
	// Enter, with nothing focused in it, presses its confirm button when it may be pressed.
	s.showDialog(a.dlg, func() {
		if !a.confirm.Disabled() && a.confirm.OnTapped != nil {
			a.confirm.OnTapped()
		}
	})
	// The cursor starts in the text the clerk came to write, so typing is not lost.
	if a.text != nil {
		s.Window.Canvas().Focus(a.text)
	}
}

func textEntry(a *actionForm, placeHolder string, multi bool) *keyEntry {
	var e *keyEntry
	if multi {
		e = newMultiLineEntry(placeHolder)
		e.SetMinRowsVisible(3)
	} else {
		e = newEntry(placeHolder)
	}
	e.OnChanged = func(string) { a.check() }
	return e
}

func filled(e *keyEntry) bool { return e != nil && strings.TrimSpace(e.Text) != "" }

func (d *issueDetail) onStart() {
	s := d.sc.sess
	a := &actionForm{}
	d.openAction("开始整改", "开始整改", false, "确认责任单位已着手整改？状态将由“待整改”变为“整改中”。", nil, a,
		func(ctx context.Context) error { return s.DB.StartIssue(ctx, d.id) }, "已开始整改 ")
}

func (d *issueDetail) onProgress() {
	s := d.sc.sess
	a := &actionForm{}
	a.date = newDateField(true)
	a.date.SetDate(data.Today(s.Today()))
	a.date.OnChanged = func(data.Date) { a.check() }
	a.text = textEntry(a, "做了什么、进展到哪一步", true)
	a.files = newFilePicker(s, "添加照片")
	a.ready = func() string {
		if _, err := a.date.Date(); err != nil {
			return "请填写正确的进展日期"
		}
		if !filled(a.text) {
			return "请填写进展情况"
		}
		return ""
	}
	rows := []fyne.CanvasObject{
		fieldLabel("日期", true), a.date.content,
		fieldLabel("进展情况", true), a.text,
		fieldLabel("照片", false), a.files.content,
	}
	d.openAction("填报进展", "保存进展", false, "", rows, a, func(ctx context.Context) error {
		date, _ := a.date.Date()
		return s.DB.AddProgress(ctx, d.id, data.Progress{Date: date, Note: a.text.Text}, a.files.Files())
	}, "已填报进展 ")
}

func (d *issueDetail) onRequestCloseOut() {
	s := d.sc.sess
	a := &actionForm{}
	a.text = textEntry(a, "整改后的结果", true)
	a.files = newFilePicker(s, "添加佐证材料")
	a.extra = textEntry(a, "选填：如建立定期巡查制度", false)
	existing := len(d.atts)
	a.ready = func() string {
		if !filled(a.text) {
			return "请填写整改结果"
		}
		if existing == 0 && len(a.files.Files()) == 0 {
			return "请添加整改佐证材料（照片或文件）"
		}
		return ""
	}
	intro := "提交后由审核人验收销号。"
	if existing > 0 {
		intro += fmt.Sprintf("该问题已有 %d 份附件，可再补充。", existing)
	}
	rows := []fyne.CanvasObject{
		fieldLabel("整改结果", true), a.text,
		fieldLabel("佐证材料", existing == 0), a.files.content,
		fieldLabel("长效机制", false), a.extra,
	}
	d.openAction("申请销号", "提交申请", false, intro, rows, a, func(ctx context.Context) error {
		return s.DB.RequestCloseOut(ctx, d.id, data.CloseOut{Result: a.text.Text, LastingMeasure: a.extra.Text}, a.files.Files())
	}, "已申请销号 ")
}

func (d *issueDetail) onApproveCloseOut() {
	s := d.sc.sess
	a := &actionForm{}
	a.extra = textEntry(a, "选填：长效机制、建章立制", false)
	a.extra.SetText(d.r.LastingMeasure)
	result := widget.NewLabel(d.r.Result)
	result.Wrapping = fyne.TextWrapWord
	rows := []fyne.CanvasObject{
		fieldLabel("整改结果", false), result,
		fieldLabel("佐证材料", false), attachmentThumbs(s, d.atts),
		fieldLabel("长效机制", false), a.extra,
	}
	d.openAction("审核通过", "验收通过，销号", false, "核实整改结果和佐证材料无误后销号；如不符合要求，请关闭本窗口后点“退回”。", rows, a,
		func(ctx context.Context) error { return s.DB.ApproveCloseOut(ctx, d.id, a.extra.Text) }, "已销号 ")
}

// onReason is an action that needs only a reason: 退回, 不批准, 作废.
func (d *issueDetail) onReason(title, confirm, label, placeHolder string, danger bool, run func(ctx context.Context, reason string) error, done string) {
	a := &actionForm{}
	a.text = textEntry(a, placeHolder, true)
	a.ready = func() string {
		if !filled(a.text) {
			return "请填写" + label
		}
		return ""
	}
	d.openAction(title, confirm, danger, "", []fyne.CanvasObject{fieldLabel(label, true), a.text}, a,
		func(ctx context.Context) error { return run(ctx, a.text.Text) }, done)
}

// newDeadline reads the extension's new deadline: n working days after the current one,
// or a date.
func (d *issueDetail) extensionDate(a *actionForm) (data.Date, string) {
	if a.mode.Selected == deadlineByDate {
		nd, err := a.newDeadline.Date()
		if err != nil {
			return data.Date{}, data.Message(err)
		}
		return nd, ""
	}
	n, err := data.ParseWorkdays("workdays", a.workdays.Text)
	if err != nil {
		return data.Date{}, data.Message(err)
	}
	return d.sc.ch.cal.AddWorkdays(d.r.Deadline, n), ""
}

func (d *issueDetail) onRequestExtension() {
	s := d.sc.sess
	a := &actionForm{}
	a.workdays = textEntry(a, "如 5", false)
	a.workdays.SetText("5")
	a.newDeadline = newDateField(true)
	a.newDeadline.OnChanged = func(data.Date) { a.check() }
	a.computed = widget.NewLabel("")
	a.mode = widget.NewRadioGroup([]string{deadlineByWorkdays, deadlineByDate}, nil)
	a.mode.Horizontal = true
	a.mode.OnChanged = func(string) {
		if a.mode.Selected == deadlineByDate {
			a.workdays.Hide()
			a.newDeadline.content.Show()
		} else {
			a.workdays.Show()
			a.newDeadline.content.Hide()
		}
		a.check()
	}
	a.mode.SetSelected(deadlineByWorkdays)
	a.text = textEntry(a, "为什么不能按期完成", true)
	a.ready = func() string {
		nd, why := d.extensionDate(a)
		if why != "" {
			a.computed.SetText("")
			return why
		}
		a.computed.SetText("延至 " + dateWithWeekday(nd))
		if !nd.After(d.r.Deadline) {
			return fmt.Sprintf("延期后的整改时限须晚于原时限（%s）", d.r.Deadline)
		}
		if !filled(a.text) {
			return "请填写延期理由"
		}
		return ""
	}
	when := container.NewVBox(a.mode, container.NewHBox(widget.NewLabel("原时限后延长"), fixedWidth(70, a.workdays),
		widget.NewLabel("个工作日"), fixedWidth(150, a.newDeadline.content)), a.computed)
	rows := []fyne.CanvasObject{
		fieldLabel("原整改时限", false), widget.NewLabel(deadlineText(d.r.Issue)),
		fieldLabel("延期至", true), when,
		fieldLabel("延期理由", true), a.text,
	}
	d.openAction("申请延期", "提交申请", false, "延期须经审核人批准后生效，批准前仍按原时限计算。", rows, a, func(ctx context.Context) error {
		nd, _ := d.extensionDate(a)
		return s.DB.RequestExtension(ctx, d.id, nd, a.text.Text)
	}, "已申请延期 ")
}

func (d *issueDetail) onApproveExtension() {
	s := d.sc.sess
	a := &actionForm{}
	reason := ""
	for _, e := range d.history {
		if e.Action == data.IssueRequestExtension {
			reason = e.Note
		}
	}
	rows := []fyne.CanvasObject{
		fieldLabel("原整改时限", false), widget.NewLabel(dateWithWeekday(d.r.Deadline)),
		fieldLabel("申请延至", false), widget.NewLabel(dateWithWeekday(d.r.PendingDeadline)),
		fieldLabel("延期理由", false), mutedLabel(reason),
	}
	d.openAction("批准延期", "批准延期", false, "批准后整改时限改为申请的日期，原时限保留在处理经过中。", rows, a,
		func(ctx context.Context) error { return s.DB.ApproveExtension(ctx, d.id) }, "已批准延期 ")
}

func (d *issueDetail) onFollowUp() {
	s := d.sc.sess
	a := &actionForm{}
	a.date = newDateField(true)
	a.date.SetDate(data.Today(s.Today()))
	a.date.OnChanged = func(data.Date) { a.check() }
	var methods []string
	for _, m := range data.FollowUpMethods {
		methods = append(methods, m.String())
	}
	a.method = newSelect(methods, func(string) { a.check() })
	a.method.SetSelected(data.FollowUpPhone.String())
	var sats []string
	for _, x := range data.Satisfactions {
		sats = append(sats, x.String())
	}
	a.warn = newErrorLabel()
	a.satisfaction = widget.NewRadioGroup(sats, func(v string) {
		if v == data.Unsatisfied.String() {
			setMessage(a.warn, "群众不满意：保存后问题将退回“整改中”重新整改，请在备注中写明不满意的原因。")
		} else {
			setMessage(a.warn, "")
		}
		a.relayout()
		a.check()
	})
	a.satisfaction.Horizontal = true
	a.text = textEntry(a, "群众的意见；不满意时必填", true)
	a.ready = func() string {
		if _, err := a.date.Date(); err != nil {
			return "请填写正确的回访日期"
		}
		if a.satisfaction.Selected == "" {
			return "请选择满意度"
		}
		if a.satisfaction.Selected == data.Unsatisfied.String() && !filled(a.text) {
			return "回访不满意时，请在备注中写明群众不满意的原因"
		}
		return ""
	}
	rows := []fyne.CanvasObject{
		fieldLabel("回访日期", true), a.date.content,
		fieldLabel("回访方式", true), a.method,
		fieldLabel("满意度", true), a.satisfaction,
		fieldLabel("备注", false), a.text,
	}
	d.openAction("回访", "保存回访", false, "", rows, a, func(ctx context.Context) error {
		date, _ := a.date.Date()
		m, _ := data.ParseFollowUpMethod(a.method.Selected)
		sat, _ := data.ParseSatisfaction(a.satisfaction.Selected)
		return s.DB.RecordFollowUp(ctx, d.id, data.FollowUp{Date: date, Method: m, Satisfaction: sat, Remarks: a.text.Text})
	}, "已登记回访 ")
}
