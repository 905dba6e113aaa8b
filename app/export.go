package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// ledgerExport is one export a screen offers (问题整改台账, 行政文书台账, 汇总表): what it is
// called, how many rows it will hold and how it writes itself. The export dialog (format,
// 显示完整证件号码, where to save) and the running export (progress bar, count, 取消) are
// the same for every ledger; the residents screen's roster export follows the same pattern
// (app/roster.go).
type ledgerExport struct {
	Title   string           // the dialog's title: 导出问题整改台账
	Name    string           // suggested file name without extension: the ledger's title
	Formats []reports.Format // offered formats, the first chosen
	Masked  bool             // the export holds ID or phone numbers: offer unmasking to those allowed
	// Count returns how many rows the export will hold, for the dialog and the progress bar.
	Count func(ctx context.Context) (int, error)
	// Write writes the export; progress may be called off the UI goroutine.
	Write func(ctx context.Context, w io.Writer, format reports.Format, full bool, progress reports.ExportProgress) (int, error)
}

// exportDialog is the dialog before an export: what will be exported, the format and, for a
// role that may unmask, 显示完整证件号码.
type exportDialog struct {
	dlg    *dialog.CustomDialog
	scope  *widget.Label
	format *widget.RadioGroup
	full   *widget.Check // nil unless the user may unmask
	choose *widget.Button
	e      ledgerExport
}

// showExport counts the rows, then shows the export dialog; 选择保存位置… asks for the file
// and runs the export.
func (s *Session) showExport(e ledgerExport) *exportDialog {
	d := &exportDialog{e: e}
	var total int
	s.Go(func() (err error) {
		if e.Count == nil {
			return nil
		}
		total, err = e.Count(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		if e.Count != nil && total == 0 {
			s.ShowMessage("没有可导出的记录", "当前条件下没有记录。请调整期间或查询条件后再导出。")
			return
		}
		msg := "将导出当前条件下的汇总数字。"
		if e.Count != nil {
			msg = fmt.Sprintf("将导出当前条件下的 %s 条记录。", groupDigits(total))
		}
		// One short sentence a line: Fyne wraps only at spaces, which would split "50 条".
		d.scope = widget.NewLabel(msg)
		items := []fyne.CanvasObject{d.scope}
		if e.Count != nil {
			items = append(items, hint("带标题、填报单位、填报日期和填报人/审核人，可直接打印。"))
		}
		var names []string
		for _, f := range e.Formats {
			names = append(names, formatLabel(f))
		}
		d.format = widget.NewRadioGroup(names, nil)
		d.format.Horizontal = true
		d.format.Required = true
		d.format.SetSelected(names[0])
		if len(names) > 1 {
			items = append(items, container.NewHBox(widget.NewLabel("格式"), d.format))
		}
		if e.Masked {
			if s.Can(data.ActUnmask) {
				d.full = widget.NewCheck("显示完整证件号码和电话（文件请妥善保管）", nil)
				items = append(items, d.full)
			} else {
				items = append(items, hint("身份证号和电话将隐去中间位。"))
			}
		}
		d.choose = widget.NewButtonWithIcon("选择保存位置…", theme.DocumentSaveIcon(), func() {
			d.dlg.Hide()
			s.askExportFile(e, d.chosenFormat(), d.full != nil && d.full.Checked)
		})
		d.choose.Importance = widget.HighImportance
		cancel := widget.NewButton("取消", func() { d.dlg.Hide() })
		body := container.NewBorder(nil, container.NewCenter(container.NewHBox(cancel, d.choose)), nil, nil, container.NewVBox(items...))
		d.dlg = dialog.NewCustomWithoutButtons(e.Title, body, s.Window)
		d.dlg.Resize(fyne.NewSize(540, 260))
		s.ShowDialog(d.dlg)
	})
	return d
}

func formatLabel(f reports.Format) string {
	if f == reports.FormatPDF {
		return "PDF（打印）"
	}
	return "Excel（.xlsx）"
}

func (d *exportDialog) chosenFormat() reports.Format {
	for _, f := range d.e.Formats {
		if d.format != nil && formatLabel(f) == d.format.Selected {
			return f
		}
	}
	return d.e.Formats[0]
}

// askExportFile asks where to save, then runs the export.
func (s *Session) askExportFile(e ledgerExport, format reports.Format, full bool) {
	ext := "." + format.String()
	saveFileDialog(s, e.Title, ext, documentsDir(), e.Name+ext, func(path string) {
		s.runExport(e, newFileSink(path), filepath.Base(path), format, full)
	})
}

// exportRun is a running export: a progress bar, 已导出 N / M 行 and 取消. The rest of the
// program stays usable meanwhile.
type exportRun struct {
	dlg    *dialog.CustomDialog
	bar    *widget.ProgressBar
	count  *widget.Label
	stop   *widget.Button
	cancel context.CancelFunc
	rows   int   // rows written, once finished
	err    error // how it ended
	done   bool
}

// runExport writes e to w in the background and closes w. The file is built in memory first,
// so a failure or 取消 never leaves half a file under the chosen name.
func (s *Session) runExport(e ledgerExport, w io.WriteCloser, name string, format reports.Format, full bool) *exportRun {
	r := s.newExportRun(name)
	s.startExport(r, e, w, name, format, full)
	return r
}

// newExportRun makes the progress dialog of an export to name.
func (s *Session) newExportRun(name string) *exportRun {
	r := &exportRun{bar: widget.NewProgressBar(), count: hint("正在读取…")}
	r.stop = widget.NewButton("取消", func() {
		if r.cancel != nil {
			r.cancel()
		}
	})
	r.dlg = dialog.NewCustomWithoutButtons("正在导出 "+name, container.NewVBox(r.bar, r.count, container.NewCenter(r.stop)), s.Window)
	r.dlg.Resize(fyne.NewSize(440, 170))
	return r
}

// startExport shows r and runs the export in the background.
func (s *Session) startExport(r *exportRun, e ledgerExport, w io.WriteCloser, name string, format reports.Format, full bool) {
	ctx, cancel := context.WithCancel(s.Ctx())
	r.cancel = cancel
	if !s.sync {
		r.dlg.Show()
	}
	progress := func(pass, passes, done, total int) {
		s.ui(func() {
			r.bar.SetValue((float64(pass-1)*float64(total) + float64(done)) / float64(max(passes*total, 1)))
			if pass < passes {
				r.count.SetText(fmt.Sprintf("正在分页 %s / %s 行", groupDigits(done), groupDigits(total)))
			} else {
				r.count.SetText(fmt.Sprintf("已导出 %s / %s 行", groupDigits(done), groupDigits(total)))
			}
		})
	}
	var n int
	s.Go(func() (err error) {
		defer func() {
			if cerr := w.Close(); err == nil && cerr != nil {
				err = &data.Error{Kind: data.ErrInvalid, Message: "文件未能写入，请换一个位置或文件名后重试", Err: cerr}
			}
		}()
		var buf bytes.Buffer
		if n, err = e.Write(ctx, &buf, format, full, progress); err != nil {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: "文件未能写入，请换一个位置或文件名后重试", Err: err}
		}
		if full {
			// Whole ID and phone numbers left the program: who, which ledger, how many rows.
			return s.DB.RecordExport(s.Ctx(), e.Name, map[string]any{"format": format.String()}, n, true, name)
		}
		return nil
	}, func(err error) {
		cancel()
		r.dlg.Hide()
		r.rows, r.err, r.done = n, err, true
		switch {
		case errors.Is(err, context.Canceled):
			s.ShowMessage("已取消", "导出已取消。")
		case err != nil:
			s.ShowError(err)
		default:
			r.bar.SetValue(1)
			r.count.SetText(fmt.Sprintf("已导出 %s 行", groupDigits(n)))
			s.Notify(fmt.Sprintf("已导出 %s 行到 %s", groupDigits(n), name))
		}
	})
}

// ledgerOptions fills a ledger's heading for the logged-in user.
func (s *Session) ledgerOptions(community string, from, to data.Date) reports.LedgerOptions {
	o := reports.LedgerOptions{Office: s.Office, Community: community, From: from, To: to, Date: data.Today(s.Today()),
		Audit: s.DB.HeadLine(s.Ctx())}
	if s.User != nil {
		o.Preparer = s.User.Name
	}
	return o
}

// issueExport is the export of the issue ledger for f; community names f's community in the
// title ("" for the whole office).
func issueExport(s *Session, f data.IssueFilter, community string) ledgerExport {
	o := s.ledgerOptions(community, f.From, f.To)
	title := reports.IssueLedger(o).Title
	return ledgerExport{Title: "导出问题整改台账", Name: title, Masked: true,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Count:   func(ctx context.Context) (int, error) { return s.DB.CountIssues(ctx, f) },
		Write: func(ctx context.Context, w io.Writer, format reports.Format, full bool, p reports.ExportProgress) (int, error) {
			o.Full = full
			return reports.ExportIssueLedger(ctx, w, format, s.DB, f, o, p)
		}}
}

// documentExport is the export of the documents ledger for f.
func documentExport(s *Session, f data.DocumentFilter) ledgerExport {
	o := s.ledgerOptions("", f.From, f.To)
	title := reports.DocumentLedger(o).Title
	return ledgerExport{Title: "导出行政文书台账", Name: title, Masked: true,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Count:   func(ctx context.Context) (int, error) { return s.DB.CountDocuments(ctx, f) },
		Write: func(ctx context.Context, w io.Writer, format reports.Format, full bool, p reports.ExportProgress) (int, error) {
			o.Full = full
			return reports.ExportDocumentLedger(ctx, w, format, s.DB, f, o, p)
		}}
}

// summaryExport is the monthly/quarterly summary (问题整改情况汇总表) of a period.
func summaryExport(s *Session, from, to data.Date, communityID int64, community string) ledgerExport {
	o := s.ledgerOptions("", from, to)
	return ledgerExport{Title: "导出月度/季度汇总", Name: reports.LedgerTitle(s.Office, "", "问题整改情况汇总表", from, to),
		Formats: []reports.Format{reports.FormatXLSX}, Count: nil,
		Write: func(ctx context.Context, w io.Writer, _ reports.Format, _ bool, p reports.ExportProgress) (int, error) {
			byC, byM, err := s.DB.Summary(ctx, from, to, communityID)
			if err != nil {
				return 0, err
			}
			n := len(byC) + len(byM)
			if p != nil {
				p(1, 1, n, n)
			}
			return n, reports.WriteSummaryXLSX(w, reports.Summary{Office: s.Office, Community: community, From: from, To: to,
				Date: o.Date, Preparer: o.Preparer, ByCommunity: byC, ByMonth: byM})
		}}
}
