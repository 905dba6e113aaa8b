package app

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// Kinds of file the issue ledger's 导入 reads.
const (
	importIssueLedger = "原问题整改台账"
	importHotline     = "12345 热线工单导出表"
)

// issueImport is the issue ledger's 导入: an old ledger or a 12345 export, checked in full
// (a dry run) whenever the clerk changes what the file is or whether missing names may be
// added, then written in one transaction or not at all.
type issueImport struct {
	sess    *Session
	done    func() // reloads the ledger after an import
	file    string
	rows    []data.SheetRow
	kind    *widget.RadioGroup
	add     *widget.Check // nil unless the user may add communities and catalogs
	result  *widget.Label
	list    *widget.List
	ok      *widget.Button
	save    *widget.Button
	dlg     *dialog.CustomDialog
	report  data.LedgerImportReport
	checked error // the dry run's verdict
}

// onImport asks for the file, then checks it.
func (sc *issuesScreen) onImport() {
	s := sc.sess
	openFileDialog(s, "导入问题台账", "打开", tableFileExts, documentsDir(), func(path string) {
		if b, ok := s.readChosenFile(path); ok {
			s.openIssueImport(filepath.Base(path), b, func() { sc.Refresh() })
		}
	})
}

// tableFileExts are the files the importers read: Excel workbooks and CSV/text tables.
var tableFileExts = []string{".xlsx", ".xls", ".csv", ".txt"}

// openIssueImport reads the file and shows the import dialog with its first check.
func (s *Session) openIssueImport(name string, b []byte, done func()) *issueImport {
	rows, err := reports.ReadTable(name, bytes.NewReader(b))
	if err != nil {
		s.ShowMessage("不能导入", data.Message(err))
		return nil
	}
	x := &issueImport{sess: s, done: done, file: name, rows: rows}
	x.kind = widget.NewRadioGroup([]string{importIssueLedger, importHotline}, func(string) { x.check() })
	x.kind.Horizontal = true
	x.kind.SetSelected(importIssueLedger)
	for _, r := range rows[:min(len(rows), 30)] {
		if strings.Contains(strings.Join(r.Cells, "|"), "工单编号") {
			x.kind.SetSelected(importHotline)
		}
	}
	x.result = widget.NewLabel("")
	x.result.Wrapping = fyne.TextWrapWord
	x.list = widget.NewList(func() int { return min(len(x.report.Problems), maxShownProblems) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(x.report.Problems[i].String())
		})
	x.ok = widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), x.onConfirm)
	x.ok.Importance = widget.HighImportance
	x.save = widget.NewButtonWithIcon("保存检查报告", theme.DocumentSaveIcon(), x.onSaveReport)
	closeBtn := widget.NewButton("关闭", func() { x.dlg.Hide() })
	top := []fyne.CanvasObject{container.NewHBox(widget.NewLabel("文件类型"), x.kind)}
	if s.Can(data.ActManageOrg) {
		x.add = widget.NewCheck("添加台账中出现、本单位还没有的社区、网格、问题来源、问题类别和责任单位", func(bool) { x.check() })
		top = append(top, x.add)
	}
	top = append(top, x.result)
	body := container.NewBorder(container.NewVBox(top...), container.NewCenter(container.NewHBox(x.save, closeBtn, x.ok)), nil, nil, x.list)
	x.dlg = dialog.NewCustomWithoutButtons("导入问题台账 — "+name, body, s.Window)
	x.dlg.Resize(fyne.NewSize(860, 560))
	x.check()
	s.ShowDialog(x.dlg)
	return x
}

func (x *issueImport) options(dryRun bool) data.IssueImportOptions {
	return data.IssueImportOptions{DryRun: dryRun, AddMissing: x.add != nil && x.add.Checked, File: x.file,
		Hotline: x.kind.Selected == importHotline}
}

// check runs the import as a dry run and shows what it found.
func (x *issueImport) check() {
	if x.result == nil {
		return // still being built
	}
	var rep data.LedgerImportReport
	x.sess.Go(func() (err error) {
		rep, err = x.sess.DB.ImportIssues(x.sess.Ctx(), x.rows, x.options(true))
		return err
	}, func(err error) {
		x.report, x.checked = rep, err
		x.list.Refresh()
		if err != nil {
			x.result.SetText(data.Message(err))
			x.result.Importance = widget.DangerImportance
			x.ok.Disable()
			x.save.Enable()
			return
		}
		x.result.Importance = widget.MediumImportance
		unit := "个问题"
		if x.kind.Selected == importHotline {
			unit = "张工单"
		}
		msg := fmt.Sprintf("检查通过：可以导入 %s %s", groupDigits(rep.Imported), unit)
		if rep.Skipped > 0 {
			msg += fmt.Sprintf("，%s %s此前已导入，将跳过", groupDigits(rep.Skipped), unit)
		}
		msg += "。"
		if len(rep.Added) > 0 {
			var names []string
			for _, a := range rep.Added {
				names = append(names, a.Kind+"“"+a.Name+"”")
			}
			msg += "将添加：" + strings.Join(names, "、") + "。"
		}
		x.result.SetText(msg + "导入在一次操作中完成：要么全部导入，要么一个也不导入。")
		x.save.Disable()
		if rep.Imported > 0 || len(rep.Added) > 0 {
			x.ok.Enable()
		} else {
			x.ok.Disable()
		}
	})
}

// onConfirm imports the checked file.
func (x *issueImport) onConfirm() {
	x.ok.Disable()
	var rep data.LedgerImportReport
	x.sess.Go(func() (err error) {
		rep, err = x.sess.DB.ImportIssues(x.sess.Ctx(), x.rows, x.options(false))
		return err
	}, func(err error) {
		if err != nil {
			x.report, x.checked = rep, err
			x.list.Refresh()
			x.result.SetText(data.Message(err))
			x.result.Importance = widget.DangerImportance
			return
		}
		x.dlg.Hide()
		x.sess.Notify(fmt.Sprintf("已导入 %s 个问题（%s）", groupDigits(rep.Imported), x.file))
		if x.done != nil {
			x.done()
		}
	})
}

// onSaveReport saves the problems as an XLSX to work through in Excel.
func (x *issueImport) onSaveReport() {
	name := strings.TrimSuffix(x.file, fileExt(x.file)) + "-检查报告.xlsx"
	saveFileDialog(x.sess, "保存检查报告", ".xlsx", documentsDir(), name, func(path string) {
		wc := newFileSink(path)
		err := reports.WriteImportReport(wc, "问题整改台账", x.file, x.sess.Office, data.Today(x.sess.Today()), x.report.Problems, nil)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			x.sess.ShowMessage("未能保存", "检查报告未能保存，请换一个位置重试。")
			return
		}
		x.sess.Notify("检查报告已保存")
	})
}
