package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// issueDetail is an issue's page: every field, its deadline state, the linked residents, the
// files, the whole history as a timeline, and the buttons of the actions the current user
// may take (data.AvailableIssueActions). Each action opens a small dialog; the page reloads
// after it.
type issueDetail struct {
	sc        *issuesScreen
	id        int64
	r         data.IssueRow
	seen      data.Seen // the state of the issue r shows, passed back with each action
	history   []data.IssueEvent
	atts      []data.Attachment
	residents []data.Resident
	dupNumber string

	back      *button
	title     *widget.Label
	tags      *fyne.Container
	note      *widget.Label
	info      *fyne.Container
	people    *fyne.Container
	gallery   *attachmentGallery
	timeline  *fyne.Container
	actionBar *fyne.Container
	// buttons holds the action buttons on show by their label (开始整改, 审核通过 …).
	buttons map[string]*button
	// act is the open action dialog, for tests.
	act *actionForm
	// pending is the action to open once the issue is loaded (from the 操作 column).
	pending data.IssueAction
	content fyne.CanvasObject
}

func newIssueDetail(sc *issuesScreen) *issueDetail {
	d := &issueDetail{sc: sc, buttons: map[string]*button{}}
	d.back = newButtonWithIcon("返回", theme.NavigateBackIcon(), d.onBack)
	d.title = heading("")
	d.tags = container.NewHBox()
	d.note = newErrorLabel()
	d.info = container.NewGridWithColumns(2)
	d.people = container.NewVBox()
	d.gallery = newAttachmentGallery(sc.sess)
	d.timeline = container.NewVBox()
	d.actionBar = container.NewHBox()
	top := container.NewHBox(d.back, d.title, d.tags, layout.NewSpacer(), d.actionBar)
	body := container.NewVBox(d.note, card("问题信息", d.info),
		container.NewGridWithColumns(2, card("关联居民", d.people), card("附件与佐证材料", d.gallery.content)),
		card("处理经过", d.timeline))
	d.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
	return d
}

func (d *issueDetail) onBack() {
	if d.sc.returnTo != "" {
		to := d.sc.returnTo
		d.sc.showList()
		d.sc.sess.Open(to)
		return
	}
	d.sc.showList()
}

// showAndAct opens issue id and then the dialog of act, once the issue is read.
func (d *issueDetail) showAndAct(id int64, act data.IssueAction) {
	d.pending = act
	d.show(id)
}

func (d *issueDetail) show(id int64) {
	if d.id != id {
		d.id = id
		d.r, d.seen = data.IssueRow{}, data.Seen{}
		d.title.SetText("问题")
		d.info.Objects = nil
		d.timeline.Objects = nil
		d.actionBar.Objects = nil
		d.buttons = map[string]*button{}
	}
	d.load()
}

// load reads the issue, its history, files and residents.
func (d *issueDetail) load() {
	s := d.sc.sess
	id := d.id
	var r data.IssueRow
	var seen data.Seen
	var hist []data.IssueEvent
	var atts []data.Attachment
	var rs []data.Resident
	dup := ""
	s.Go(func() (err error) {
		ctx := s.Ctx()
		// The state first: a change between the two reads makes an action refused, not lost.
		if seen, err = s.DB.Seen(ctx, "issues", id); err != nil {
			return err
		}
		if r, err = s.DB.Issue(ctx, id); err != nil {
			return err
		}
		if hist, err = s.DB.IssueHistory(ctx, id); err != nil {
			return err
		}
		if atts, err = s.DB.IssueAttachments(ctx, id); err != nil {
			return err
		}
		for _, rid := range r.ResidentIDs {
			res, err := s.DB.Resident(ctx, rid)
			if err != nil {
				return err
			}
			rs = append(rs, res)
		}
		if r.DuplicateOf != 0 {
			if o, err := s.DB.Issue(ctx, r.DuplicateOf); err == nil {
				dup = o.Number
			}
		}
		return nil
	}, func(err error) {
		if id != d.id {
			return
		}
		if err != nil {
			s.ShowError(err)
			return
		}
		d.r, d.seen, d.history, d.atts, d.residents, d.dupNumber = r, seen, hist, atts, rs, dup
		d.render()
		if act := d.pending; act != "" {
			d.pending = ""
			d.startAction(act)
		}
	})
}

// deadlineText is 2026-03-19（星期四，按 10 个工作日）.
func deadlineText(i data.Issue) string {
	if i.Deadline.IsZero() {
		return "—"
	}
	if i.DeadlineWorkdays > 0 {
		return fmt.Sprintf("%s（%s，按 %d 个工作日）", i.Deadline, weekdayCN(i.Deadline), i.DeadlineWorkdays)
	}
	return dateWithWeekday(i.Deadline)
}

// stateText says how far the deadline is: 已逾期 3 天, 还剩 2 天.
func stateText(r data.IssueRow, today data.Date) string {
	switch r.State {
	case data.DeadlineOverdue:
		return fmt.Sprintf("已逾期 %d 天", today.DaysSince(r.Deadline))
	case data.DeadlineDueSoon:
		if n := r.Deadline.DaysSince(today); n > 0 {
			return fmt.Sprintf("还剩 %d 天", n)
		}
		return "今天到期"
	}
	return ""
}

func (d *issueDetail) render() {
	r := d.r
	s := d.sc.sess
	today := data.Today(s.Today())
	d.title.SetText(fmt.Sprintf("%s　%s", r.Number, r.Category))
	d.tags.Objects = []fyne.CanvasObject{statusTag(r.Status.String(), statusColor(r.Status))}
	switch r.State {
	case data.DeadlineOverdue:
		d.tags.Add(statusTag(stateText(r, today), colorOverdue))
	case data.DeadlineDueSoon:
		d.tags.Add(statusTag(stateText(r, today), colorDueSoon))
	}
	d.tags.Refresh()
	switch {
	case r.Status == data.IssueVoided:
		setMessage(d.note, "此问题已作废："+r.VoidReason)
	case !r.PendingDeadline.IsZero():
		setMessage(d.note, fmt.Sprintf("有一项延期申请等待审核：整改时限由 %s 延至 %s", r.Deadline, r.PendingDeadline))
	default:
		setMessage(d.note, "")
	}

	value := func(s string) *widget.Label {
		if strings.TrimSpace(s) == "" {
			s = "—"
		}
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		return l
	}
	deadline := value(deadlineText(r.Issue))
	if r.State == data.DeadlineOverdue {
		deadline.Importance = widget.DangerImportance
	}
	left := formGrid(
		fieldLabel("编号", false), value(r.Number),
		fieldLabel("发现日期", false), value(r.FoundOn.String()),
		fieldLabel("问题来源", false), value(r.Source),
		fieldLabel("问题类别", false), value(r.Category),
		fieldLabel("问题描述", false), value(r.Description),
		fieldLabel("处置层级", false), value(r.Tier.String()),
		fieldLabel("发现人", false), value(r.FoundBy),
	)
	right := formGrid(
		fieldLabel("社区/网格", false), value(placeText(r.Issue)),
		fieldLabel("具体地点", false), value(r.Address),
		fieldLabel("责任单位", false), value(r.ResponsibleUnit),
		fieldLabel("责任人", false), value(r.ResponsiblePerson),
		fieldLabel("整改时限", false), deadline,
		fieldLabel("整改措施", false), value(r.Measures),
		fieldLabel("状态", false), value(r.Status.String()),
	)
	if r.Result != "" || r.Status == data.IssueClosed {
		right.Add(fieldLabel("整改结果", false))
		right.Add(value(r.Result))
		right.Add(fieldLabel("长效机制", false))
		right.Add(value(r.LastingMeasure))
	}
	if !r.ClosedOn.IsZero() {
		right.Add(fieldLabel("销号日期", false))
		right.Add(value(r.ClosedOn.String()))
	}
	if !r.FollowUpOn.IsZero() {
		left.Add(fieldLabel("最近回访", false))
		left.Add(value(fmt.Sprintf("%s　%s", r.FollowUpOn, r.Satisfaction)))
	} else if r.FollowUpDue {
		left.Add(fieldLabel("回访", false))
		left.Add(value("待回访"))
	}
	if d.dupNumber != "" {
		left.Add(fieldLabel("重复问题", false))
		dupID := r.DuplicateOf
		link := newLink("与 "+d.dupNumber+" 为同一问题", nil)
		link.OnTapped = func() { d.sc.showDetail(dupID) }
		left.Add(link)
	}
	d.info.Objects = []fyne.CanvasObject{left, right}
	d.info.Refresh()

	d.people.Objects = nil
	for _, res := range d.residents {
		rid := res.ID
		l := widget.NewHyperlink(fmt.Sprintf("%s　%s", res.Name, data.MaskIDNumber(res.IDNumber)), nil)
		l.OnTapped = func() { s.OpenResident(rid) }
		d.people.Add(container.NewHBox(l, hint(res.Address)))
	}
	if len(d.residents) == 0 {
		d.people.Add(mutedLabel("未关联居民"))
	}
	d.people.Refresh()

	d.gallery.show(d.atts)
	if len(d.atts) == 0 {
		d.gallery.box.Add(mutedLabel("暂无附件"))
	}

	d.timeline.Objects = nil
	for i := len(d.history) - 1; i >= 0; i-- {
		d.timeline.Add(d.eventView(d.history[i]))
	}
	if len(d.history) == 0 {
		d.timeline.Add(mutedLabel("暂无记录"))
	}
	d.timeline.Refresh()
	d.renderActions()
	relayout(d.content) // the cards grew: lay the page out again rather than overlap
}

// eventView is one entry of the timeline, newest first.
func (d *issueDetail) eventView(e data.IssueEvent) fyne.CanvasObject {
	head := widget.NewLabel(fmt.Sprintf("%s　%s　%s", e.Date, e.UserName, e.Label()))
	head.TextStyle = fyne.TextStyle{Bold: true}
	row := container.NewHBox(head)
	if e.From != e.To && e.To != "" {
		if e.From == "" {
			row.Add(hint("状态：" + e.To.String()))
		} else {
			row.Add(hint(e.From.String() + " → " + e.To.String()))
		}
	}
	lines := container.NewVBox(row)
	var parts []string
	if !e.NewDeadline.IsZero() {
		parts = append(parts, fmt.Sprintf("整改时限 %s → %s", e.OldDeadline, e.NewDeadline))
	}
	if e.Satisfaction != "" {
		parts = append(parts, fmt.Sprintf("回访方式：%s　满意度：%s", e.Method, e.Satisfaction))
	}
	if e.Note != "" {
		label := map[data.IssueAction]string{
			data.IssueRejectCloseOut: "退回理由", data.IssueRequestExtension: "延期理由", data.IssueRejectExtension: "不批准理由",
			data.IssueVoid: "作废理由", data.IssueRequestCloseOut: "整改结果", data.IssueCloseOnSpot: "处置结果",
			data.IssueApproveCloseOut: "长效机制", data.IssueRecordFollowUp: "备注", data.IssueReopen: "不满意原因",
		}[e.Action]
		if label != "" {
			parts = append(parts, label+"："+e.Note)
		} else {
			parts = append(parts, e.Note)
		}
	}
	for _, p := range parts {
		l := widget.NewLabel(p)
		l.Wrapping = fyne.TextWrapWord
		lines.Add(l)
	}
	if len(e.Attachments) > 0 {
		lines.Add(attachmentThumbs(d.sc.sess, e.Attachments))
	}
	bar := widget.NewSeparator()
	return container.NewVBox(lines, bar)
}

// actionButtonLabels are the buttons' words for the lifecycle actions.
var actionButtonLabels = map[data.IssueAction]string{
	data.IssueEdit:             "编辑",
	data.IssueStart:            "开始整改",
	data.IssueReportProgress:   "填报进展",
	data.IssueRequestCloseOut:  "申请销号",
	data.IssueApproveCloseOut:  "审核通过",
	data.IssueRejectCloseOut:   "退回",
	data.IssueRecordFollowUp:   "回访",
	data.IssueRequestExtension: "申请延期",
	data.IssueApproveExtension: "批准延期",
	data.IssueRejectExtension:  "不批准",
	data.IssueVoid:             "作废",
}

// renderActions shows the buttons of what the current user may do now.
func (d *issueDetail) renderActions() {
	d.actionBar.Objects = nil
	d.buttons = map[string]*button{}
	s := d.sc.sess
	if s.User == nil {
		return
	}
	for _, a := range data.IssueActionsFor(s.User.Role, d.r.Status, d.r.PendingDeadline) {
		label, ok := actionButtonLabels[a]
		if !ok {
			continue
		}
		a := a
		b := newButton(label, func() { d.startAction(a) })
		switch a {
		case data.IssueStart, data.IssueRequestCloseOut, data.IssueApproveCloseOut, data.IssueApproveExtension, data.IssueRecordFollowUp:
			b.Importance = widget.HighImportance
		case data.IssueVoid:
			b.Importance = widget.DangerImportance
		}
		d.buttons[label] = b
		d.actionBar.Add(b)
	}
	d.actionBar.Refresh()
}

// startAction opens the dialog of act (also from the ledger's 操作 column).
func (d *issueDetail) startAction(act data.IssueAction) {
	switch act {
	case data.IssueEdit:
		d.sc.showEdit(d.id)
	case data.IssueStart:
		d.onStart()
	case data.IssueReportProgress:
		d.onProgress()
	case data.IssueRequestCloseOut:
		d.onRequestCloseOut()
	case data.IssueApproveCloseOut:
		d.onApproveCloseOut()
	case data.IssueRejectCloseOut:
		d.onReason("退回重新整改", "退回", "退回理由", "如：佐证照片不能反映整改后的情况，请补充", true,
			func(ctx context.Context, reason string) error { return d.sc.sess.DB.RejectCloseOut(ctx, d.id, reason) }, "已退回 ")
	case data.IssueRequestExtension:
		d.onRequestExtension()
	case data.IssueApproveExtension:
		d.onApproveExtension()
	case data.IssueRejectExtension:
		d.onReason("不批准延期", "不批准", "不批准理由", "如：整改工作量不大，应按原时限完成", true,
			func(ctx context.Context, reason string) error { return d.sc.sess.DB.RejectExtension(ctx, d.id, reason) }, "已不批准延期 ")
	case data.IssueRecordFollowUp:
		d.onFollowUp()
	case data.IssueVoid:
		d.onReason("作废问题", "确认作废", "作废理由", "如：重复登记、登记错误", true,
			func(ctx context.Context, reason string) error { return d.sc.sess.DB.VoidIssue(ctx, d.id, reason) }, "已作废 ")
	}
}

// changed runs after an action succeeded: a confirmation, and everything reloads.
func (d *issueDetail) changed(msg string) {
	s := d.sc.sess
	s.Notify(msg + d.r.Number)
	d.load()
	d.sc.list.load()
	s.shellBadges()
}
