package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
	"taizhang/reports/pack"
)

// onPack makes the inspection pack (迎检包) of the period the statistics screen shows: the
// clerk chooses a folder, the pack goes into a new folder inside it named after the period.
func (sc *statsScreen) onPack() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	s := sc.sess
	from, to := f.From, f.To
	if to.IsZero() {
		to = data.Today(s.Today())
	}
	if from.IsZero() {
		s.ShowError(data.Invalid("period", "请先选择迎检期间（本月、本季度、本年或自定义起止日期）"))
		return
	}
	name := reports.LedgerTitle(s.Office, "", "迎检包", from, to)
	var full *widget.Check
	items := []fyne.CanvasObject{widget.NewLabel(fmt.Sprintf("迎检期间：%s至%s\n内容：全部台账（XLSX 和 PDF）、汇总表、已签发文书、SHA-256 校验清单",
		from.Chinese(), to.Chinese()))}
	if s.Can(data.ActUnmask) {
		full = widget.NewCheck("显示完整证件号码（文件须妥善保管）", nil)
		items = append(items, full)
	}
	var dlg dialog.Dialog
	choose := widget.NewButton("选择存放位置…", func() {
		dlg.Hide()
		openFolderDialog(s, "选择迎检包的存放位置", "存放到这里", documentsDir(), func(dir string) {
			s.makePack(filepath.Join(dir, name), from, to, full != nil && full.Checked)
		})
	})
	choose.Importance = widget.HighImportance
	items = append(items, container.NewCenter(choose))
	dlg = dialog.NewCustom("生成迎检包", "取消", container.NewVBox(items...), s.Window)
	s.ShowDialog(dlg)
}

// makePack writes the pack to dir and says where it went and how to verify it.
func (s *Session) makePack(dir string, from, to data.Date, full bool) {
	var res pack.Result
	preparer := ""
	if s.User != nil {
		preparer = s.User.Name
	}
	s.Go(func() (err error) {
		res, err = pack.Make(s.Ctx(), s.DB, pack.Options{Dir: dir, From: from, To: to, Full: full, Preparer: preparer}, nil)
		if err == nil && full {
			filter := map[string]any{"from": from.String(), "to": to.String(), "files": len(res.Files)}
			err = s.DB.RecordExport(s.Ctx(), "pack", filter, len(res.Files), true, dir)
		}
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		s.ShowMessage("迎检包已生成", fmt.Sprintf("已写入 %s\n共 %d 个文件。检查组可在该文件夹中运行 sha256sum -c %s 核对文件未被改动。",
			dir, len(res.Files), pack.ManifestName))
	})
}
