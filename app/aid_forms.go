package app

import (
	"bytes"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// aidFormsDialog is 打印申请材料: which of the application forms to print for a resident and
// under which programme. The forms are filled in from the record (full ID numbers, so only a
// logged-in account prints them) and go through the print dialog the letters use; the print
// is audited once sent or opened.
type aidFormsDialog struct {
	s          *Session
	residentID int64
	name       string

	forms     *widget.CheckGroup
	programme *widget.Select
	message   *widget.Label
	printBtn  *button
	cancelBtn *button
	dialog    dialog.Dialog
}

// showAidFormsDialog opens the dialog for resident id (named name), with programme p chosen
// (低保 when empty) and every form ticked.
func showAidFormsDialog(s *Session, id int64, name string, p data.Programme) *aidFormsDialog {
	d := &aidFormsDialog{s: s, residentID: id, name: name}
	names := make([]string, len(data.AidForms))
	for i, f := range data.AidForms {
		names[i] = string(f)
	}
	d.forms = widget.NewCheckGroup(names, nil)
	d.forms.SetSelected(names)
	progs := make([]string, len(data.DefaultProgrammes))
	for i, x := range data.DefaultProgrammes {
		progs[i] = string(x)
	}
	d.programme = newSelect(progs, nil)
	if p == "" {
		p = data.ProgrammeDibao
	}
	d.programme.SetSelected(string(p))
	d.message = newErrorLabel()
	d.printBtn = newButtonWithIcon("打印", theme.DocumentPrintIcon(), d.onPrint)
	d.printBtn.Importance = widget.HighImportance
	d.cancelBtn = newButton("取消", func() { d.dialog.Hide() })
	body := container.NewVBox(
		widget.NewLabel(name+"的申请材料从居民档案和家庭户填好，含完整身份证号；"),
		widget.NewLabel("只为签字、按指印、日期和档案里没有的内容留空。"),
		formGrid(fieldLabel("救助项目", true), d.programme, fieldLabel("申请材料", true), d.forms),
		d.message,
		container.NewHBox(d.printBtn, d.cancelBtn),
	)
	d.dialog = dialog.NewCustomWithoutButtons("打印申请材料", fixedWidth(520, body), s.Window)
	s.showDialog(d.dialog, d.onPrint)
	s.Window.Canvas().Focus(d.printBtn)
	return d
}

// chosen returns the ticked forms in the order of a 一次打印.
func (d *aidFormsDialog) chosen() []data.AidForm {
	var out []data.AidForm
	for _, f := range data.AidForms {
		for _, sel := range d.forms.Selected {
			if sel == string(f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// say shows msg under the choices and lays the dialog out again around it.
func (d *aidFormsDialog) say(msg string) {
	setMessage(d.message, msg)
	d.dialog.Refresh()
}

func (d *aidFormsDialog) onPrint() {
	d.say("")
	forms := d.chosen()
	if len(forms) == 0 {
		d.say("请至少勾选一份申请材料")
		return
	}
	p := data.Programme(d.programme.Selected)
	if p == "" {
		d.say("请选择救助项目")
		return
	}
	s := d.s
	var pdf bytes.Buffer
	d.printBtn.Disable()
	s.Go(func() error {
		fd, err := s.DB.AidFormData(s.Ctx(), d.residentID, p, forms)
		if err != nil {
			return err
		}
		return reports.WriteAidForms(&pdf, forms, fd, reports.FontOptions(fd.Fonts))
	}, func(err error) {
		d.printBtn.Enable()
		if err != nil {
			d.say(data.Message(err))
			return
		}
		docs, ok := s.shell.Screen(ScreenDocuments).(*documentsScreen)
		if !ok {
			d.say("行政文书模块未开启，无法打印")
			return
		}
		d.dialog.Hide()
		labels := make([]string, len(forms))
		for i, f := range forms {
			labels[i] = string(f)
		}
		name := d.name + "申请材料（" + strings.Join(labels, "、") + "）"
		docs.startPrint(printRequest{Name: name, PDF: pdf.Bytes(), Done: func(how string) {
			s.Go(func() error {
				return s.DB.RecordAidFormsPrint(s.Ctx(), d.residentID, p, forms)
			}, func(err error) {
				switch {
				case err != nil:
					s.ShowError(err)
				case how == "opened":
					s.Notify("已打开 " + name)
				default:
					s.Notify(name + " " + how)
				}
			})
		}})
	})
}
