package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// aidCasePage is one case of the roster: the person, where the case stands in the month on
// show, its amounts over time, and every decision of the person under the programme as a
// timeline — those that count, and those voided, corrected or changing nothing, with why.
type aidCasePage struct {
	sc       *aidScreen
	id       int64
	view     data.AidCaseView
	reviews  []data.AidReview
	entries  []*link // each decision's 文号, which opens it
	review   *button // 登记入户核查; nil for 临时救助 or an ended case
	forms    *button // 打印申请材料
	formsDlg *aidFormsDialog
	content  fyne.CanvasObject
}

// showCase reads case id and shows its page over the list.
func (sc *aidScreen) showCase(id int64) {
	s := sc.sess
	var v data.AidCaseView
	var reviews []data.AidReview
	m := sc.month
	s.Go(func() (err error) {
		if v, err = s.DB.AidCase(s.Ctx(), id, m); err != nil {
			return err
		}
		reviews, err = s.DB.AidReviews(s.Ctx(), v.ResidentID, v.Programme)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.page = newAidCasePage(sc, v, reviews)
		sc.show("case", sc.page.content)
	})
}

func newAidCasePage(sc *aidScreen, v data.AidCaseView, reviews []data.AidReview) *aidCasePage {
	p := &aidCasePage{sc: sc, id: v.CaseID, view: v, reviews: reviews}
	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), func() { sc.OnEscape() })
	c := v.Case
	ended := "—"
	if c.End != 0 && !c.Programme.OneOff() {
		ended = fmt.Sprintf("%s起（%s）", c.End.Chinese(), c.EndNumber)
	}
	who := "户主"
	if c.Programme.Individual() {
		who = "救助对象"
	}
	facts := formGrid(
		fieldLabel(who, false), widget.NewLabel(v.Name+"　"+v.IDNumber),
		fieldLabel("社区 / 住址", false), widget.NewLabel(v.CommunityName+"　"+v.Address),
		fieldLabel("救助项目", false), widget.NewLabel(string(c.Programme)),
		fieldLabel(sc.month.Chinese(), false), widget.NewLabel(fmt.Sprintf("%s，保障%d人，每月%s元", v.Status, v.Persons, v.Amount.Yuan())),
		fieldLabel("起始", false), widget.NewLabel(fmt.Sprintf("%s起（%s）", c.Start.Chinese(), c.GrantNumber)),
		fieldLabel("停发", false), widget.NewLabel(ended),
	)
	periods := container.NewVBox()
	for _, per := range c.Periods {
		to := "至今"
		switch {
		case per.To == per.From+1:
			to = ""
		case per.To != 0:
			to = "至" + (per.To - 1).Chinese()
		}
		periods.Add(widget.NewLabel(fmt.Sprintf("%s%s　每月%s元　保障%d人　%s（%s）", per.From.Chinese(), to, per.Amount.Yuan(),
			per.Persons, per.Outcome, per.DocNumber)))
	}
	timeline := container.NewVBox()
	for _, e := range v.Timeline {
		id := e.DocID
		var l fyne.CanvasObject = widget.NewLabel(e.DocNumber + "（纸质登记簿）")
		if !e.Paper {
			ln := newLink(e.DocNumber, func() { sc.sess.shell.openDocument(id) })
			p.entries = append(p.entries, ln)
			l = ln
		}
		what := fmt.Sprintf("%s　%s", e.Date.Chinese(), e.Outcome)
		switch {
		case e.Outcome == data.OutcomeRefuse:
		case e.Outcome == data.OutcomeStop:
			what += fmt.Sprintf("　%s起停发", e.Month.Chinese())
		case e.Month != 0:
			what += fmt.Sprintf("　%s起每月%s元", e.Month.Chinese(), e.Amount.Yuan())
			if c.Programme.OneOff() {
				what = fmt.Sprintf("%s　%s　%s发放%s元", e.Date.Chinese(), e.Outcome, e.Month.Chinese(), e.Amount.Yuan())
			}
		}
		state := widget.NewLabel("计入台账")
		if !e.Counts {
			state.SetText(e.Why)
			state.Importance = widget.WarningImportance
		}
		if e.CorrectsID != 0 {
			what += "（更正决定）"
		}
		timeline.Add(container.NewHBox(l, widget.NewLabel(what), state))
	}
	body := container.NewVBox(card("救助对象", facts), card("金额变化", periods), p.reviewCard(),
		card("决定书（按成文日期）", container.NewVBox(timeline,
			hint("台账只由已签发的决定书生成：作废的决定书不计；更正决定书代替被更正的决定书。点文号查看决定书。"))))
	p.forms = newButtonWithIcon("打印申请材料", theme.DocumentPrintIcon(), func() {
		p.formsDlg = showAidFormsDialog(sc.sess, v.ResidentID, v.Name, c.Programme)
	})
	enable(p.forms, sc.sess.Can(data.ActRecord))
	top := container.NewHBox(back, heading(v.Name+" · "+string(c.Programme)), layout.NewSpacer(), p.forms)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
	return p
}

// onStandards lets the administrator set the local 低保标准 and 特困供养标准 from a month:
// the list in force and to come, and a line to add one (a standard of the same kind and
// month replaces the old one, which is kept as voided).
func (sc *aidScreen) onStandards() {
	s := sc.sess
	load(s, s.DB.AidStandards, func(list []data.AidStandard) { sc.showStandards(list) })
}

// standardsDialog is the 救助标准 dialog, kept for tests.
type standardsDialog struct {
	kind   *widget.Select
	from   *keyEntry
	amount *keyEntry
	note   *keyEntry
	msg    *widget.Label
	add    *button
	voids  []*button
	dlg    dialog.Dialog
}

func (sc *aidScreen) showStandards(list []data.AidStandard) *standardsDialog {
	s := sc.sess
	d := &standardsDialog{}
	rows := container.NewVBox()
	for _, st := range list {
		id := st.ID
		line := fmt.Sprintf("%s　%s起　每人每月%s元", st.Kind, st.From.Chinese(), st.Amount.Yuan())
		if st.Note != "" {
			line += "　依据：" + st.Note
		}
		v := newButton("撤销", func() {
			s.Go(func() error { return s.DB.VoidAidStandard(s.Ctx(), id) }, func(err error) {
				if err != nil {
					s.ShowError(err)
					return
				}
				s.Notify("已撤销该救助标准")
				sc.onStandards()
			})
		})
		d.voids = append(d.voids, v)
		rows.Add(container.NewBorder(nil, nil, nil, v, widget.NewLabel(line)))
	}
	if len(list) == 0 {
		rows.Add(hint("尚未设定救助标准。设定后，决定书表单按执行月份自动填入低保标准并提示差额。"))
	}
	var kinds []string
	for _, k := range data.StandardKinds {
		kinds = append(kinds, k.String())
	}
	d.kind = newSelect(kinds, nil)
	d.kind.SetSelected(kinds[0])
	d.from = newEntry("执行月份，如 2027-01")
	d.amount = newEntry("元/人·月，如 800")
	d.note = newEntry("依据文件，如 平政发〔2026〕40号（可不填）")
	d.msg = newErrorLabel()
	d.add = newButtonWithIcon("添加", theme.ContentAddIcon(), func() {
		st := data.AidStandard{Kind: data.StandardKinds[max(indexOf(kinds, d.kind.Selected), 0)], Note: d.note.Text}
		m, err := data.ParseMonth("from", d.from.Text)
		if err != nil {
			setMessage(d.msg, data.Message(err))
			return
		}
		st.From = data.MonthOf(m)
		if st.Amount, err = data.ParseYuan(d.amount.Text); err != nil {
			setMessage(d.msg, data.Message(err))
			return
		}
		s.Go(func() error { _, err := s.DB.SetAidStandard(s.Ctx(), st); return err }, func(err error) {
			if err != nil {
				setMessage(d.msg, data.Message(err))
				return
			}
			if d.dlg != nil {
				d.dlg.Hide()
			}
			s.Notify(fmt.Sprintf("已设定%s起的%s", st.From.Chinese(), st.Kind))
			sc.onStandards()
		})
	})
	d.add.Importance = widget.HighImportance
	form := container.NewVBox(
		container.NewGridWithColumns(4, d.kind, d.from, d.amount, d.note),
		container.NewBorder(nil, nil, nil, d.add, d.msg),
		hint("每年调整标准时，添加新标准并写明执行月份；同一月份再次添加即替换原标准（原记录保留备查）。"))
	body := container.NewBorder(nil, card("添加标准", form), nil, nil, container.NewVScroll(rows))
	dlg := dialog.NewCustom("救助标准", "关闭", body, s.Window)
	dlg.Resize(fyne.NewSize(760, 420))
	d.dlg = dlg
	s.ShowDialog(dlg)
	return d
}

// reviewCard is 动态管理 on the case's page: the category, when the next review is due, the
// reviews recorded, and 登记入户核查.
func (p *aidCasePage) reviewCard() fyne.CanvasObject {
	v, s := p.view, p.sc.sess
	if v.Programme.OneOff() {
		return container.NewVBox()
	}
	box := container.NewVBox()
	due := "已停发，不再核查"
	if !v.Due.IsZero() {
		due = "下次核查：" + v.Due.Chinese()
		if v.Due.Before(data.Today(s.Today())) {
			due += "（已逾期）"
		}
	}
	last := "尚未核查"
	if !v.LastReview.IsZero() {
		last = "上次核查：" + v.LastReview.Chinese()
	}
	head := container.NewHBox(widget.NewLabel("分类："+v.Category.String()), widget.NewLabel(last), widget.NewLabel(due))
	if v.Case.End == 0 && s.Can(data.ActRecord) {
		p.review = newButtonWithIcon("登记入户核查", theme.ContentAddIcon(), func() { p.onReview() })
		head.Add(p.review)
	}
	box.Add(head)
	for _, r := range p.reviews {
		box.Add(widget.NewLabel(fmt.Sprintf("%s　%s　%s　核查人：%s　%s", r.Date.Chinese(), r.Category, r.Finding, r.Reviewer, r.Note)))
	}
	return card("动态管理（入户核查）", box)
}

// aidReviewDialog is the 登记入户核查 dialog, kept for tests.
type aidReviewDialog struct {
	date     *dateField
	category *widget.RadioGroup
	finding  *widget.RadioGroup
	note     *keyEntry
	reviewer *keyEntry
	msg      *widget.Label
	save     *button
	dlg      dialog.Dialog
}

// onReview records a 入户核查: its date, the category found, the finding and what was seen.
// A change opens the drafted 增发, 减发 or 停发 in the decision form.
func (p *aidCasePage) onReview() *aidReviewDialog {
	s := p.sc.sess
	d := &aidReviewDialog{date: newDateField(false), note: newMultiLineEntry("家庭人口、收入、就业、财产有无变化"),
		reviewer: newEntry("核查人姓名，多人用顿号分隔"), msg: newErrorLabel()}
	d.date.SetDate(data.Today(s.Today()))
	if s.User != nil {
		d.reviewer.SetText(s.User.Name)
	}
	var cats, finds []string
	for _, c := range data.AidCategories {
		cats = append(cats, c.String())
	}
	for _, f := range data.AidFindings {
		finds = append(finds, f.String())
	}
	d.category = widget.NewRadioGroup(cats, nil)
	d.category.Horizontal = true
	d.category.SetSelected(p.view.Category.String())
	d.finding = widget.NewRadioGroup(finds, nil)
	d.finding.Horizontal = true
	d.finding.SetSelected(finds[0])
	d.save = newButtonWithIcon("保存核查记录", theme.DocumentSaveIcon(), func() {
		date, err := d.date.Date()
		if err != nil {
			setMessage(d.msg, data.Message(err))
			return
		}
		r := data.AidReview{Date: date, Note: d.note.Text, Reviewer: d.reviewer.Text}
		if i := indexOf(cats, d.category.Selected); i >= 0 {
			r.Category = data.AidCategories[i]
		}
		if i := indexOf(finds, d.finding.Selected); i >= 0 {
			r.Finding = data.AidFindings[i]
		}
		var draft int64
		s.Go(func() (err error) {
			_, draft, err = s.DB.RecordAidReview(s.Ctx(), p.id, r)
			return err
		}, func(err error) {
			if err != nil {
				setMessage(d.msg, data.Message(err))
				return
			}
			if d.dlg != nil {
				d.dlg.Hide()
			}
			if draft == 0 {
				s.Notify("已登记入户核查")
				p.sc.showCase(p.id)
				return
			}
			s.Notify("已登记入户核查，并按核查结论生成决定书草稿，请补全后提交签发")
			s.shell.Show(ScreenDocuments)
			if sc, ok := s.shell.Screen(ScreenDocuments).(*documentsScreen); ok {
				sc.editDocument(draft)
			}
		})
	})
	d.save.Importance = widget.HighImportance
	body := container.NewVBox(formGrid(
		fieldLabel("核查日期", true), d.date.content,
		fieldLabel("核查后分类", true), d.category,
		fieldLabel("核查结论", true), d.finding,
		fieldLabel("核查情况", true), d.note,
		fieldLabel("核查人", true), d.reviewer,
	), hint("分类决定下次核查时间（《最低生活保障审核确认办法》第三十一条）；结论为增发、减发或停发的，保存后生成决定书草稿。"),
		container.NewBorder(nil, nil, nil, d.save, d.msg))
	dlg := dialog.NewCustom("登记入户核查 · "+p.view.Name, "取消", body, s.Window)
	dlg.Resize(fyne.NewSize(720, 440))
	d.dlg = dlg
	s.ShowDialog(dlg)
	return d
}
