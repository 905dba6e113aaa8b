package app

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestCUPSPrintEndToEnd prints a signed decision through the 打印 dialog and `lp` to a
// CUPS PDF printer on a cupsd of its own (localhost, a free port, its configuration in a
// temporary folder), then reads the PDF the printer wrote with pdftotext.
func TestCUPSPrintEndToEnd(t *testing.T) {
	cupsd := lookTool("cupsd")
	if cupsd == "" {
		t.Skip("cupsd is not installed (Debian: apt-get install cups printer-driver-cups-pdf)")
	}
	for _, tool := range []string{"lp", "lpstat", "lpadmin", "pdftotext", "pdfinfo"} {
		if lookTool(tool) == "" {
			t.Fatalf("cupsd is installed but %s is not", tool)
		}
	}
	backend := "/usr/lib/cups/backend/cups-pdf"
	ppd := "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
	if _, err := os.Stat(backend); err != nil {
		t.Fatalf("cupsd is installed but the CUPS PDF printer is not (apt-get install printer-driver-cups-pdf): %v", err)
	}
	if _, err := os.Stat(ppd); err != nil {
		t.Fatalf("no cups-pdf PPD: %v", err)
	}
	if os.Geteuid() != 0 {
		// cups-pdf refuses to run unless its cupsd runs as root, and cupsd only runs a
		// backend as root when it is root itself.
		t.Skip("the CUPS PDF printer needs cupsd to run as root; run this test as root (CI does)")
	}

	// cupsd runs filters as the lp user: the folders must be reachable for it, so they are
	// not under t.TempDir (0700).
	root, err := os.MkdirTemp("", "taizhang-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	dirs := map[string]os.FileMode{"spool": 0o710, "cache": 0o755, "state": 0o755, "tmp": 0o1777, "log": 0o755, "out": 0o755, "ppd": 0o755}
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	for d, mode := range dirs {
		p := filepath.Join(root, d)
		if err := os.Mkdir(p, mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode) // past the umask
	}
	port := freePort(t)
	server := fmt.Sprintf("127.0.0.1:%d", port)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cupsd.conf", fmt.Sprintf(`Listen %s
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
`, server))
	write("cups-files.conf", fmt.Sprintf(`ServerRoot %[1]s
RequestRoot %[1]s/spool
CacheDir %[1]s/cache
StateDir %[1]s/state
TempDir %[1]s/tmp
ErrorLog %[1]s/log/error_log
AccessLog %[1]s/log/access_log
PageLog %[1]s/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
`, root))
	// cups-pdf reads its settings from /etc/cups only: cups-pdf-<name>.conf for a queue
	// whose device is cups-pdf:/<name>. This one sends the PDFs into the test's folder.
	queueConf := fmt.Sprintf("taizhangtest%d", port)
	confPath := filepath.Join("/etc/cups", "cups-pdf-"+queueConf+".conf")
	if err := os.WriteFile(confPath, []byte(fmt.Sprintf("Out %s\nLabel 0\nLog %s\n", filepath.Join(root, "out"), filepath.Join(root, "log"))), 0o644); err != nil {
		t.Skipf("cannot write the CUPS PDF printer's settings %s: %v", confPath, err)
	}
	t.Cleanup(func() { os.Remove(confPath) })

	cmd := exec.Command(cupsd, "-f", "-c", filepath.Join(root, "cupsd.conf"), "-s", filepath.Join(root, "cups-files.conf"))
	var cupsOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &cupsOut, &cupsOut
	if err := cmd.Start(); err != nil {
		t.Fatalf("start cupsd: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	tool := func(name string, args ...string) (string, error) {
		c := exec.Command(lookTool(name), append([]string{"-h", server}, args...)...)
		c.Env = append(os.Environ(), "LC_ALL=C")
		out, err := c.CombinedOutput()
		return string(out), err
	}
	waitFor(t, 20*time.Second, "cupsd to answer", func() bool {
		out, _ := tool("lpstat", "-r")
		return strings.Contains(out, "is running")
	})
	// Two printers, so the preselection is the default's and not just the first.
	for _, q := range []string{"Archive", "TaizhangPDF"} {
		if out, err := tool("lpadmin", "-p", q, "-E", "-v", "cups-pdf:/"+queueConf, "-P", ppd,
			// pdftocairo keeps the text of the CJK fonts readable through the PostScript step.
			"-o", "pdftops-renderer-default=pdftocairo"); err != nil {
			t.Fatalf("lpadmin %s: %v\n%s\ncupsd: %s", q, err, out, cupsOut.String())
		}
	}
	if out, err := tool("lpadmin", "-d", "TaizhangPDF"); err != nil {
		t.Fatalf("lpadmin -d: %v\n%s", err, out)
	}

	s, db, sc, id, _ := signedDecision(t)
	sc.printers = cupsPrinters{Server: server}
	doc, err := db.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	original, err := db.DocumentPDF(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	origPath := filepath.Join(t.TempDir(), "original.pdf")
	os.WriteFile(origPath, original, 0o644)

	sc.printDocument(id, nil)
	pd := sc.printDlg
	if pd == nil {
		t.Fatal("打印 showed no dialog")
	}
	if pd.message.Visible() {
		t.Fatalf("the dialog says %q", pd.message.Text)
	}
	if got := strings.Join(pd.printers.Options, " "); got != "Archive TaizhangPDF" {
		t.Errorf("printers %q, want Archive TaizhangPDF", got)
	}
	if pd.printers.Selected != "TaizhangPDF" {
		t.Errorf("preselected %q, want the default TaizhangPDF", pd.printers.Selected)
	}
	test.Tap(pd.printBtn)
	if sc.printDlg != nil {
		t.Fatalf("lp did not take the job: %s", pd.message.Text)
	}
	if got := printCount(t, db, id); got != 1 {
		t.Errorf("print count %d, want 1", got)
	}
	if got := printAudits(t, db, id); got != 1 {
		t.Errorf("%d print audit entries, want 1", got)
	}
	_ = s

	// The job is done when the queue is empty and cups-pdf has left its file.
	var printed string
	waitFor(t, 90*time.Second, "the CUPS PDF printer's file", func() bool {
		if out, _ := tool("lpstat", "-o"); strings.TrimSpace(out) != "" {
			return false
		}
		files, _ := filepath.Glob(filepath.Join(root, "out", "*.pdf"))
		if len(files) == 1 {
			printed = files[0]
			return true
		}
		return false
	})
	pages := func(path string) string {
		out, err := exec.Command("pdfinfo", path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
		}
		return regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out))[1]
	}
	if got, want := pages(printed), pages(origPath); got != want {
		t.Errorf("the printer wrote %s pages, the decision has %s", got, want)
	}
	out, err := exec.Command("pdftotext", "-layout", printed, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{doc.Title, "张菊花", "社会救助暂行办法", "不予批准你家庭的最低生活保障申请", testOffice} {
		if !strings.Contains(text, want) {
			t.Errorf("printed text lacks %q:\n%s", want, out)
		}
	}
}

// lookTool finds a program on the PATH or in the sbin folders, where cupsd and lpadmin live.
func lookTool(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/bin"} {
		if p := filepath.Join(dir, name); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %v", what, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
