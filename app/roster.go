package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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

// maxShownProblems is how many problems the import dialog lists; the saved report has all.
const maxShownProblems = 500

// rosterIO is the residents screen's 导入 and 导出: a roster comes in from Excel or CSV
// (checked in full first, then written in one transaction, or not at all) and goes out as
// the inspector's XLSX, masked unless the user may and does ask otherwise.
type rosterIO struct {
	r    *residentsScreen
	sess *Session

	importBtn *widget.Button
	exportBtn *widget.Button

	// the open import
	file   string
	rows   []data.SheetRow
	report data.ImportReport
	dlg    *dialog.CustomDialog
	title  *widget.Label // what the check found, in one sentence
	list   *widget.List  // the problems
	ok     *widget.Button
	save   *widget.Button // 保存检查报告
	bar    *widget.ProgressBar
	count  *widget.Label
	stop   *widget.Button
	cancel context.CancelFunc

	// the export dialog
	full    *widget.Check // 显示完整证件号码, only for roles that may unmask
	scope   *widget.Label
	choose  *widget.Button
	lastOut string // the file last written, for tests and the notice
}

// newRosterIO makes the two toolbar buttons of the residents screen.
func newRosterIO(r *residentsScreen) *rosterIO {
	x := &rosterIO{r: r, sess: r.sess}
	x.importBtn = widget.NewButtonWithIcon("导入", theme.UploadIcon(), x.onImport)
	x.exportBtn = widget.NewButtonWithIcon("导出", theme.DownloadIcon(), x.onExport)
	if !r.sess.Can(data.ActEditResidents) {
		x.importBtn.Disable()
	}
	return x
}

// ui runs fn on the UI goroutine (at once in tests, where work already runs there).
func (s *Session) ui(fn func()) {
	if s.sync {
		fn()
		return
	}
	fyne.Do(fn)
}

// onImport asks for the file, then checks it.
func (x *rosterIO) onImport() {
	openFileDialog(x.sess, "导入居民花名册", "打开", tableFileExts, documentsDir(), func(path string) {
		if b, ok := x.sess.readChosenFile(path); ok {
			x.check(filepath.Base(path), b)
		}
	})
}

// check reads the file and runs the import as a dry run: every row is checked, nothing is
// written. The dialog then lists the problems or offers 导入.
func (x *rosterIO) check(name string, b []byte) {
	x.file = name
	var rows []data.SheetRow
	var rep data.ImportReport
	x.sess.Go(func() (err error) {
		if rows, err = reports.ReadTable(name, bytes.NewReader(b)); err != nil {
			return err
		}
		rep, err = x.sess.DB.ImportResidents(x.sess.Ctx(), rows, true)
		return err
	}, func(err error) {
		x.rows, x.report = rows, rep
		if err != nil && len(rep.Problems) == 0 {
			x.sess.ShowMessage("不能导入", data.Message(err))
			return
		}
		x.showCheck(err)
	})
}

// showCheck is the dialog after the dry run.
func (x *rosterIO) showCheck(err error) {
	rep := x.report
	x.title = widget.NewLabel("")
	x.title.Wrapping = fyne.TextWrapWord
	x.bar = widget.NewProgressBar()
	x.bar.Hide()
	x.count = hint("")
	x.count.Hide()
	x.ok = widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), x.onConfirm)
	x.ok.Importance = widget.HighImportance
	x.save = widget.NewButtonWithIcon("保存检查报告", theme.DocumentSaveIcon(), x.onSaveReport)
	x.stop = widget.NewButton("取消", x.onStop)
	shown := rep.Problems[:min(len(rep.Problems), maxShownProblems)]
	x.list = widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(shown[i].String()) })
	var body fyne.CanvasObject
	if err != nil {
		msg := data.Message(err)
		if len(rep.Problems) > len(shown) {
			msg += fmt.Sprintf("。下面列出前 %d 个，全部问题请保存检查报告查看", len(shown))
		}
		x.title.SetText(msg)
		x.title.Importance = widget.DangerImportance
		x.ok.Hide()
		x.stop.SetText("关闭")
		body = container.NewBorder(x.title, nil, nil, nil, x.list)
	} else {
		x.title.SetText(fmt.Sprintf("检查通过：可以导入 %s 人（%s 户）。", groupDigits(rep.Residents), groupDigits(rep.Households)))
		x.save.Hide()
		x.list.Hide()
		var extra []fyne.CanvasObject
		if len(rep.Ignored) > 0 {
			l := hint("以下列不会读取：" + strings.Join(rep.Ignored, "、"))
			l.Wrapping = fyne.TextWrapWord
			extra = append(extra, l)
		}
		extra = append(extra, hint("导入在一次操作中完成：要么全部导入，要么一个也不导入。"), x.bar, x.count)
		body = container.NewVBox(append([]fyne.CanvasObject{x.title}, extra...)...)
	}
	buttons := container.NewHBox(x.save, x.stop, x.ok)
	x.dlg = dialog.NewCustomWithoutButtons("导入居民花名册 — "+x.file, container.NewBorder(nil, container.NewCenter(buttons), nil, nil, body), x.sess.Window)
	if err != nil {
		x.dlg.Resize(fyne.NewSize(860, 520))
	} else {
		x.dlg.Resize(fyne.NewSize(520, 260))
	}
	x.sess.ShowDialog(x.dlg)
}

// onConfirm writes the checked file in one transaction, with a progress bar and 取消.
func (x *rosterIO) onConfirm() {
	ctx, cancel := context.WithCancel(x.sess.Ctx())
	x.cancel = cancel
	x.ok.Disable()
	x.bar.Show()
	x.count.Show()
	x.count.SetText("正在检查并写入…")
	var rep data.ImportReport
	x.sess.Go(func() (err error) {
		rep, err = x.sess.DB.ImportResidentsProgress(ctx, x.rows, false, func(done, total int) {
			x.sess.ui(func() {
				x.bar.SetValue(float64(done) / float64(max(total, 1)))
				x.count.SetText(fmt.Sprintf("已导入 %s / %s 人", groupDigits(done), groupDigits(total)))
			})
		})
		return err
	}, func(err error) {
		cancel()
		x.cancel = nil
		x.dlg.Hide()
		switch {
		case errors.Is(err, context.Canceled):
			x.sess.ShowMessage("已取消", "导入已取消，没有导入任何居民。")
		case err != nil && len(rep.Problems) > 0:
			// The database changed between the check and the import (another window).
			x.report = rep
			x.showCheck(err)
		case err != nil:
			x.sess.ShowError(err)
		default:
			x.sess.Notify(fmt.Sprintf("已导入 %s 人（%s）", groupDigits(rep.Residents), x.file))
			x.r.loadChoices()
			x.r.load()
		}
	})
}

// onStop cancels a running import (nothing is kept) or closes the dialog.
func (x *rosterIO) onStop() {
	if x.cancel != nil {
		x.cancel()
		return
	}
	x.dlg.Hide()
}

// onSaveReport saves the problems as an XLSX to work through in Excel.
func (x *rosterIO) onSaveReport() {
	name := strings.TrimSuffix(x.file, fileExt(x.file)) + "-检查报告.xlsx"
	saveFileDialog(x.sess, "保存检查报告", ".xlsx", documentsDir(), name, func(path string) {
		x.writeReport(newFileSink(path))
	})
}

func (x *rosterIO) writeReport(w io.WriteCloser) {
	err := reports.WriteImportProblems(w, x.file, x.sess.Office, data.Today(x.sess.Today()), x.report.Problems)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		x.sess.ShowMessage("未能保存", "检查报告未能保存，请换一个位置重试。")
		return
	}
	x.sess.Notify("检查报告已保存")
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// onExport shows what will be exported (the residents the current query shows) and, for a
// role that may unmask, the 显示完整证件号码 choice; then asks where to save.
func (x *rosterIO) onExport() {
	f := x.r.filter
	var total int
	x.sess.Go(func() (err error) {
		f.Limit = 1
		_, total, err = x.sess.DB.ListResidents(x.sess.Ctx(), f)
		return err
	}, func(err error) {
		if err != nil {
			x.sess.ShowError(err)
			return
		}
		if total == 0 {
			x.sess.ShowMessage("没有可导出的居民", "当前查询条件下没有居民。请调整查询条件后再导出。")
			return
		}
		x.scope = widget.NewLabel(fmt.Sprintf("将导出当前查询条件下的 %s 人，格式为 Excel（.xlsx），带标题、填报单位和页脚，可直接打印。", groupDigits(total)))
		x.scope.Wrapping = fyne.TextWrapWord
		items := []fyne.CanvasObject{x.scope}
		x.full = nil
		if x.sess.Can(data.ActUnmask) {
			x.full = widget.NewCheck("显示完整证件号码（含完整电话；文件请妥善保管，只有这样的文件能再导入）", nil)
			items = append(items, x.full)
		} else {
			items = append(items, hint("身份证号和电话将隐去中间位。"))
		}
		var dlg *dialog.CustomDialog
		x.choose = widget.NewButtonWithIcon("选择保存位置…", theme.DocumentSaveIcon(), func() {
			dlg.Hide()
			x.askSave(x.full != nil && x.full.Checked)
		})
		x.choose.Importance = widget.HighImportance
		cancel := widget.NewButton("取消", func() { dlg.Hide() })
		body := container.NewBorder(nil, container.NewCenter(container.NewHBox(cancel, x.choose)), nil, nil, container.NewVBox(items...))
		dlg = dialog.NewCustomWithoutButtons("导出居民花名册", body, x.sess.Window)
		dlg.Resize(fyne.NewSize(520, 240))
		x.sess.ShowDialog(dlg)
	})
}

func (x *rosterIO) askSave(full bool) {
	saveFileDialog(x.sess, "导出居民花名册", ".xlsx", documentsDir(), x.title0()+".xlsx", func(path string) {
		x.export(newFileSink(path), filepath.Base(path), full)
	})
}

func (x *rosterIO) community() string {
	for _, c := range x.r.communities {
		if c.ID == x.r.filter.CommunityID {
			return c.Name
		}
	}
	return ""
}

// title0 is the export's title, which is also its suggested file name.
func (x *rosterIO) title0() string {
	return reports.RosterTitle(x.sess.Office, x.community(), data.Today(x.sess.Today()))
}

// export writes the roster of the current query to w in the background, with a progress
// bar, a count and 取消; w is closed.
func (x *rosterIO) export(w io.WriteCloser, name string, full bool) {
	ctx, cancel := context.WithCancel(x.sess.Ctx())
	bar := widget.NewProgressBar()
	count := hint("正在读取居民档案…")
	stop := widget.NewButton("取消", cancel)
	wait := dialog.NewCustomWithoutButtons("正在导出 "+name, container.NewVBox(bar, count, container.NewCenter(stop)), x.sess.Window)
	wait.Resize(fyne.NewSize(420, 160))
	if !x.sess.sync {
		wait.Show()
	}
	f := x.r.filter
	user := ""
	if x.sess.User != nil {
		user = x.sess.User.Name
	}
	o := reports.RosterOptions{Office: x.sess.Office, Community: x.community(), Date: data.Today(x.sess.Today()), Full: full, Preparer: user,
		Audit: x.sess.DB.HeadLine(x.sess.Ctx())}
	var n int
	x.sess.Go(func() (err error) {
		defer func() {
			if cerr := w.Close(); err == nil && cerr != nil {
				err = &data.Error{Kind: data.ErrInvalid, Message: "文件未能写入，请换一个位置或文件名后重试", Err: cerr}
			}
		}()
		xw, err := reports.NewRosterXLSX(o)
		if err != nil {
			return err
		}
		defer xw.Close()
		var total int
		if _, total, err = x.sess.DB.ListResidents(ctx, data.ResidentFilter{Query: f.Query, CommunityID: f.CommunityID,
			GridID: f.GridID, Tag: f.Tag, Status: f.Status, MinAge: f.MinAge, Limit: 1}); err != nil {
			return err
		}
		n, err = x.sess.DB.ExportResidents(ctx, f, full, func(r data.Resident) error {
			if err := xw.Add(r); err != nil {
				return err
			}
			if done := xw.Rows(); done%500 == 0 || done == total {
				x.sess.ui(func() {
					bar.SetValue(float64(done) / float64(max(total, 1)))
					count.SetText(fmt.Sprintf("已导出 %s / %s 行", groupDigits(done), groupDigits(total)))
				})
			}
			return nil
		})
		if err != nil {
			return err
		}
		// The workbook is built in memory first, so a failure or 取消 never leaves half a
		// file under the chosen name (an empty one, which the save dialog already made).
		var buf bytes.Buffer
		if _, err := xw.WriteTo(&buf); err != nil {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: "文件未能写入，请换一个位置或文件名后重试", Err: err}
		}
		return nil
	}, func(err error) {
		cancel()
		wait.Hide()
		switch {
		case errors.Is(err, context.Canceled):
			x.sess.ShowMessage("已取消", "导出已取消。")
		case err != nil:
			x.sess.ShowError(err)
		default:
			x.lastOut = name
			x.sess.Notify(fmt.Sprintf("已导出 %s 人到 %s", groupDigits(n), name))
		}
	})
}
