package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// 打印 sends a PDF to a printer the way the office expects. On Linux (UOS, Kylin) that is
// CUPS: the clerk picks the printer (the system's default preselected) and the copies, and
// `lp` submits the file. On Windows the PDF opens in the default viewer, from which the clerk
// prints (ShellExecute "open": Edge, the usual viewer, has no "print" verb).

// printService lists printers and submits a PDF to one. cupsPrinters is the real one; tests
// give the dialog a fake.
type printService interface {
	// Printers returns the printers' names and the default one ("" when none is set). The
	// error says in Chinese why there is no printing service.
	Printers() (names []string, def string, err error)
	// Print submits the PDF file at path to printer: copies copies, title naming the job in
	// the printer's queue.
	Print(printer string, copies int, title, path string) error
}

// cupsPrinters talks to CUPS through its command-line tools.
type cupsPrinters struct {
	// Server is the CUPS server ("host:port"); "" is the system's own (or $CUPS_SERVER).
	Server string
}

// errNoCUPS means the PC has no CUPS client tools at all.
var errNoCUPS = data.Conflict("这台电脑没有安装打印服务（CUPS），无法直接打印。可以点“打开 PDF”，在阅读器中打印；或请单位的信息技术人员安装打印机")

// errNoPrinter means CUPS has no printer.
var errNoPrinter = data.Conflict("这台电脑还没有添加打印机。可以点“打开 PDF”，在阅读器中打印；或在系统的“打印机”设置中添加打印机后再试")

func (c cupsPrinters) command(name string, args ...string) *exec.Cmd {
	if c.Server != "" {
		args = append([]string{"-h", c.Server}, args...)
	}
	cmd := exec.Command(name, args...)
	// lpstat's words are translated by the locale; parse them in English.
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	return cmd
}

// run runs a CUPS tool and returns its standard output; a failure carries its message.
func (c cupsPrinters) run(name string, args ...string) (string, error) {
	cmd := c.command(name, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if errors.Is(err, exec.ErrNotFound) {
		return "", errNoCUPS
	}
	if err != nil {
		detail := strings.TrimSpace(errOut.String())
		if detail == "" {
			detail = err.Error()
		}
		return out.String(), &cupsError{tool: name, detail: detail}
	}
	return out.String(), nil
}

// cupsError is a CUPS tool that failed; detail is its own (English) words, for IT staff.
type cupsError struct{ tool, detail string }

func (e *cupsError) Error() string { return e.tool + ": " + e.detail }

func (c cupsPrinters) Printers() ([]string, string, error) {
	out, err := c.run("lpstat", "-e")
	if err != nil {
		var ce *cupsError
		if errors.As(err, &ce) {
			if strings.Contains(ce.detail, "No destinations") {
				return nil, "", errNoPrinter
			}
			return nil, "", data.Conflict("无法连接打印服务（CUPS），暂时不能直接打印。可以点“打开 PDF”，在阅读器中打印。技术信息：%s", ce.detail)
		}
		return nil, "", err
	}
	names := parseLpstatE(out)
	if len(names) == 0 {
		return nil, "", errNoPrinter
	}
	def := ""
	if out, err := c.run("lpstat", "-d"); err == nil {
		def = parseLpstatD(out)
	}
	return names, def, nil
}

func (c cupsPrinters) Print(printer string, copies int, title, path string) error {
	_, err := c.run("lp", "-d", printer, "-n", strconv.Itoa(copies), "-t", title, "--", path)
	var ce *cupsError
	if errors.As(err, &ce) {
		return data.Conflict("打印机“%s”没有接受打印任务。请检查打印机是否开着、是否已暂停，或点“打开 PDF”在阅读器中打印。技术信息：%s", printer, ce.detail)
	}
	return err
}

// parseLpstatE reads `lpstat -e`: one destination per line.
func parseLpstatE(out string) []string {
	var names []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	return names
}

// parseLpstatD reads `lpstat -d`: "system default destination: NAME", or "no system default
// destination".
func parseLpstatD(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if _, name, ok := strings.Cut(l, "system default destination:"); ok {
			return strings.TrimSpace(name)
		}
	}
	return ""
}

// printRequest is one PDF to print.
type printRequest struct {
	// Name names the file and the print job: the document's label.
	Name string
	PDF  []byte
	// Done runs after the PDF was sent to a printer or opened in the viewer (not when the
	// clerk cancels): a signed document's print is counted there.
	Done func(how string)
}

// printDialog asks for the printer and copies, or offers the viewer when there is no printer.
type printDialog struct {
	printers  *widget.Select
	copies    *keyEntry
	message   *widget.Label
	printBtn  *button
	openBtn   *button
	cancelBtn *button
	dialog    dialog.Dialog
}

// parseCopies reads the copies entry: 1 to 99.
func parseCopies(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 99 {
		return 0, data.Invalid("copies", "份数请填 1 到 99 之间的整数")
	}
	return n, nil
}

// startPrint writes the PDF into the print folder, then sends it to a printer through the
// print dialog, or opens it in the viewer when the PC prints from there (Windows).
func (sc *documentsScreen) startPrint(req printRequest) {
	s := sc.sess
	path, err := sc.writePrintFile(req.Name, req.PDF)
	if err != nil {
		s.ShowError(err)
		return
	}
	if sc.printers == nil {
		if err := sc.openPrintFile(path); err != nil {
			s.ShowError(err)
			return
		}
		req.Done("opened")
		return
	}
	var names []string
	var def string
	s.Go(func() (err error) {
		names, def, err = sc.printers.Printers()
		return err
	}, func(err error) {
		sc.showPrintDialog(req, path, names, def, err)
	})
}

func (sc *documentsScreen) showPrintDialog(req printRequest, path string, names []string, def string, listErr error) {
	s := sc.sess
	pd := &printDialog{}
	sc.printDlg = pd
	pd.printers = newSelect(names, nil)
	switch {
	case def != "" && contains(names, def):
		pd.printers.SetSelected(def)
	case len(names) > 0:
		pd.printers.SetSelected(names[0])
	}
	pd.copies = newEntry("1")
	pd.copies.SetText("1")
	pd.message = newErrorLabel()
	pd.printBtn = newButtonWithIcon("打印", theme.DocumentPrintIcon(), nil)
	pd.printBtn.Importance = widget.HighImportance
	pd.openBtn = newButton("打开 PDF", nil)
	pd.cancelBtn = newButton("取消", nil)
	finish := func() {
		pd.dialog.Hide()
		if sc.printDlg == pd {
			sc.printDlg = nil
		}
	}
	pd.cancelBtn.OnTapped = finish
	pd.openBtn.OnTapped = func() {
		if err := sc.openPrintFile(path); err != nil {
			setMessage(pd.message, data.Message(err))
			return
		}
		finish()
		req.Done("opened")
	}
	pd.printBtn.OnTapped = func() {
		setMessage(pd.message, "")
		printer := pd.printers.Selected
		if printer == "" {
			setMessage(pd.message, "请选择打印机")
			return
		}
		copies, err := parseCopies(pd.copies.Text)
		if err != nil {
			setMessage(pd.message, data.Message(err))
			return
		}
		pd.printBtn.Disable()
		s.Go(func() error {
			return sc.printers.Print(printer, copies, req.Name, path)
		}, func(err error) {
			pd.printBtn.Enable()
			if err != nil {
				setMessage(pd.message, data.Message(err))
				return
			}
			finish()
			req.Done(fmt.Sprintf("已发送到打印机“%s”，%d 份", printer, copies))
		})
	}
	pd.copies.OnSubmitted = func(string) { pd.printBtn.OnTapped() }

	body := container.NewVBox(widget.NewLabel(req.Name))
	if listErr != nil {
		pd.printBtn.Disable()
		pd.printers.Disable()
		pd.copies.Disable()
		setMessage(pd.message, data.Message(listErr))
	} else {
		body.Add(formGrid(fieldLabel("打印机", true), pd.printers, fieldLabel("份数", true), fixedWidth(120, pd.copies)))
	}
	body.Add(pd.message)
	body.Add(container.NewHBox(pd.printBtn, pd.openBtn, pd.cancelBtn))
	pd.dialog = dialog.NewCustomWithoutButtons("打印", fixedWidth(460, body), s.Window)
	s.ShowDialog(pd.dialog)
	if listErr == nil {
		s.Window.Canvas().Focus(pd.copies)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writePrintFile writes a PDF named after the document into the print folder.
func (sc *documentsScreen) writePrintFile(name string, pdf []byte) (string, error) {
	if err := os.MkdirAll(sc.printDir, 0o755); err != nil {
		return "", data.Conflict("无法建立打印用的临时文件夹（%s）：%v", sc.printDir, err)
	}
	f, err := os.CreateTemp(sc.printDir, safeFileName(name)+"-*.pdf")
	if err != nil {
		return "", data.Conflict("无法写入打印用的临时文件：%v", err)
	}
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		return "", data.Conflict("无法写入打印用的临时文件：%v", err)
	}
	if err := f.Close(); err != nil {
		return "", data.Conflict("无法写入打印用的临时文件：%v", err)
	}
	return f.Name(), nil
}

// openPrintFile opens a written PDF in the system's viewer.
func (sc *documentsScreen) openPrintFile(path string) error {
	if err := sc.open(path); err != nil {
		return data.Conflict("无法打开 PDF 阅读器：%v。文件已保存在 %s，可以手动打开打印", err, path)
	}
	return nil
}

// fyneOpenURL opens a file through Fyne (xdg-open on Linux).
func fyneOpenURL(path string) error {
	u, err := fileURL(path)
	if err != nil {
		return err
	}
	return fyne.CurrentApp().OpenURL(u)
}
