package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// noticeReturnDialog is 登记再次办理 on a 一次性告知单's page: the returns so far, and a new
// one — the date, whether everything was brought (the first complete return is 一次办成), the
// application it led to and a note. Kept for tests.
type noticeReturnDialog struct {
	returns     []data.NoticeReturn
	date        *dateField
	complete    *widget.Check
	application *keyEntry
	note        *keyEntry
	msg         *widget.Label
	save        *button
	dlg         dialog.Dialog
}

// onNoticeReturn reads the notice's returns and shows the dialog.
func (d *documentDetail) onNoticeReturn() *noticeReturnDialog {
	s := d.sc.sess
	id := d.doc.ID
	rd := &noticeReturnDialog{}
	s.Go(func() (err error) {
		rd.returns, err = s.DB.NoticeReturns(s.Ctx(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		rd.show(d)
	})
	return rd
}

func (rd *noticeReturnDialog) show(d *documentDetail) {
	s := d.sc.sess
	id := d.doc.ID
	list := container.NewVBox()
	done := false
	for i, r := range rd.returns {
		what := "材料仍不齐全"
		if r.Complete {
			what, done = "材料齐全，已办成", true
			if i == 0 {
				what += "（一次办成）"
			}
		}
		line := fmt.Sprintf("第%d次　%s　%s", i+1, r.Date.Chinese(), what)
		if r.Application != "" {
			line += "　申请：" + r.Application
		}
		if r.Note != "" {
			line += "　" + r.Note
		}
		list.Add(widget.NewLabel(line))
	}
	if len(rd.returns) == 0 {
		list.Add(hint("申请人尚未再次来办理。"))
	}
	rd.date = newDateField(true)
	rd.date.SetDate(data.Today(s.Today()))
	rd.complete = widget.NewCheck("告知的材料已全部补齐", nil)
	rd.complete.SetChecked(true)
	rd.application = newEntry("由此受理的申请所作决定书的文号，如 平民救决〔2026〕15号（可不填）")
	rd.note = newEntry("备注（可不填）")
	rd.msg = newErrorLabel()
	rd.save = newButtonWithIcon("保存", theme.DocumentSaveIcon(), func() {
		date, err := rd.date.Date()
		if err != nil {
			setMessage(rd.msg, data.Message(err))
			return
		}
		r := data.NoticeReturn{Date: date, Complete: rd.complete.Checked, Application: rd.application.Text, Note: rd.note.Text}
		s.Go(func() error { _, err := s.DB.RecordNoticeReturn(s.Ctx(), id, r); return err }, func(err error) {
			if err != nil {
				setMessage(rd.msg, data.Message(err))
				return
			}
			if rd.dlg != nil {
				rd.dlg.Hide()
			}
			switch {
			case r.Complete && len(rd.returns) == 0:
				s.Notify("已登记：告知后第一次来即办成（一次办成）")
			case r.Complete:
				s.Notify(fmt.Sprintf("已登记：告知后第%d次来办成", len(rd.returns)+1))
			default:
				s.Notify("已登记再次办理，材料仍不齐全")
			}
			d.load()
		})
	})
	rd.save.Importance = widget.HighImportance
	var form fyne.CanvasObject = hint("该事项已办成，不需要再登记。")
	if !done {
		form = container.NewVBox(formGrid(
			fieldLabel("办理日期", true), rd.date.content,
			fieldLabel("材料", false), rd.complete,
			fieldLabel("申请", false), rd.application,
			fieldLabel("备注", false), rd.note,
		), container.NewBorder(nil, nil, nil, rd.save, rd.msg))
	}
	body := container.NewVBox(card("再次办理记录", list), form,
		hint("申请人按告知单补齐材料后第一次来即办成的，计为“一次办成”；统计见“统计与导出”。"))
	dlg := dialog.NewCustom("登记再次办理 · "+d.doc.Applicant, "关闭", body, s.Window)
	dlg.Resize(fyne.NewSize(720, 420))
	rd.dlg = dlg
	s.ShowDialog(dlg)
}

// guideSettings is 办事指南 in 文书设置: each item of the one-time-notice catalog with the web
// address of its guide, printed as a QR code on the item's 一次性告知单.
type guideSettings struct {
	rows  *fyne.Container
	urls  map[string]*keyEntry // by item, for tests
	saves map[string]*button
	msgs  map[string]*widget.Label
}

func (ds *docSettings) guideTab() fyne.CanvasObject {
	ds.guides = &guideSettings{rows: container.NewVBox()}
	return container.NewBorder(container.NewVBox(ds.note("修改办事指南网址"),
		hint("填写事项办事指南的网址（如政务服务网上该事项的页面）后，一次性告知单上印出二维码，申请人用手机扫码即可查看。已制作的告知单不变。")),
		nil, nil, nil, container.NewVScroll(ds.guides.rows))
}

func (ds *docSettings) loadGuides() {
	s := ds.sess
	load(s, s.DB.ServiceItems, func(items []data.ServiceItem) {
		g := ds.guides
		g.urls, g.saves, g.msgs = map[string]*keyEntry{}, map[string]*button{}, map[string]*widget.Label{}
		g.rows.Objects = nil
		for _, it := range items {
			it := it
			e := newEntry("https://…（可不填）")
			e.SetText(it.GuideURL)
			msg := newErrorLabel()
			save := newButton("保存", func() {
				it.GuideURL = e.Text
				s.Go(func() error { return s.DB.SaveServiceItem(s.Ctx(), it) }, func(err error) {
					if err != nil {
						setMessage(msg, data.Message(err))
						return
					}
					setMessage(msg, "")
					s.Notify("已保存“" + it.Name + "”的办事指南网址")
				})
			})
			if !ds.admin() {
				e.Disable()
				save.Disable()
			}
			g.urls[it.Name], g.saves[it.Name], g.msgs[it.Name] = e, save, msg
			g.rows.Add(container.NewBorder(nil, msg, fixedWidth(180, boldLabel(it.Name)), save, e))
		}
		g.rows.Refresh()
	})
}
