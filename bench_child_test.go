//go:build bench

// Helpers of `make bench` (bench_test.go): running the built program and LibreOffice as child
// processes with their wall time, peak resident memory (the rusage of the reaped child) and
// bytes written to disk, and the table the run prints.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// figure is one line of the table: our figure beside its peer's, measured in the same run.
type figure struct {
	name      string
	ours      time.Duration
	peer      time.Duration
	peerName  string
	oursMem   string // peak memory, bytes written … of ours ("" when not measured)
	peerMem   string
	peerLimit bool // the peer was stopped at its time limit: its time is a lower bound
}

var figures []figure

func report(t *testing.T, name string, ours, peer time.Duration, peerName string) {
	t.Logf("%s: %v (对照 %v)", name, ours, peer)
	figures = append(figures, figure{name: name, ours: ours, peer: peer, peerName: peerName})
}

// reportRuns adds a figure of two child processes (the peer may be nil: none measured).
func reportRuns(t *testing.T, name string, ours childRun, peer *childRun, peerName string) {
	f := figure{name: name, ours: ours.wall, peerName: peerName, oursMem: ours.memory()}
	if peer != nil {
		f.peer, f.peerMem, f.peerLimit = peer.wall, peer.memory(), peer.timedOut
	}
	t.Logf("%s: %v %s (对照 %v %s)", name, f.ours, f.oursMem, f.peer, f.peerMem)
	figures = append(figures, f)
}

// childRun is what one child process cost.
type childRun struct {
	wall       time.Duration
	cpu        time.Duration // user + system time of it and its children
	maxRSS     int64         // bytes
	written    int64         // bytes written to storage (write_bytes of /proc/…/io)
	stdout     string
	stderr     string
	timedOut   bool
	err        error
	showWrites bool
}

func (r childRun) memory() string {
	if r.maxRSS == 0 {
		return ""
	}
	s := fmt.Sprintf("CPU %s，峰值 %d MB", round(r.cpu), r.maxRSS>>20)
	if r.showWrites {
		s += fmt.Sprintf("，写盘 %d MB", r.written>>20)
	}
	return s
}

// ioWritten is this process's write_bytes, which includes every child it has reaped: the
// kernel adds a child's I/O accounting to its parent's when it is waited for.
func ioWritten() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "write_bytes: "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

// gnuTime is GNU time (Debian package time), the small program through which the children
// are started: a child started by this (large) test process inherits its resident size into
// its own peak (Linux keeps the peak of the address space it leaves at exec, and Go starts
// children with the parent's), while one forked by time starts from time's few pages, and
// time reports the peak and CPU time that wait4 gives it.
const gnuTime = "/usr/bin/time"

// runChild starts name with args through GNU time, in its own process group (so that a
// stopped LibreOffice takes its helpers with it), waits at most limit, and returns what it
// cost. env is added to ours.
func runChild(limit time.Duration, env []string, name string, args ...string) childRun {
	var r childRun
	dir, err := os.MkdirTemp("", "tzrun")
	if err != nil {
		return childRun{err: err}
	}
	defer os.RemoveAll(dir)
	out, _ := os.Create(filepath.Join(dir, "out"))
	errf, _ := os.Create(filepath.Join(dir, "err"))
	defer out.Close()
	defer errf.Close()
	path, err := exec.LookPath(name)
	if err != nil {
		return childRun{err: err}
	}
	usage := filepath.Join(dir, "rusage")
	argv := append([]string{gnuTime, "-f", "%M %U %S", "-o", usage, path}, args...)
	w0 := ioWritten()
	s := time.Now()
	p, err := os.StartProcess(gnuTime, argv, &os.ProcAttr{
		Env: append(os.Environ(), env...), Files: []*os.File{nil, out, errf}, Sys: &syscall.SysProcAttr{Setpgid: true}})
	if err != nil {
		return childRun{err: err}
	}
	var late atomic.Bool
	stop := time.AfterFunc(limit, func() {
		late.Store(true)
		syscall.Kill(-p.Pid, syscall.SIGKILL)
	})
	var ws syscall.WaitStatus
	_, err = syscall.Wait4(p.Pid, &ws, 0, nil)
	for err == syscall.EINTR {
		_, err = syscall.Wait4(p.Pid, &ws, 0, nil)
	}
	r.wall = time.Since(s)
	stop.Stop()
	r.timedOut = late.Load()
	// Whatever the group left behind (LibreOffice's helper, Xvfb) goes too.
	syscall.Kill(-p.Pid, syscall.SIGKILL)
	r.written = ioWritten() - w0
	// The last line of time's report (a line before it says when the exit status was not 0).
	if b, rerr := os.ReadFile(usage); rerr == nil {
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		var kb int64
		var user, sys float64
		if _, serr := fmt.Sscanf(lines[len(lines)-1], "%d %f %f", &kb, &user, &sys); serr == nil {
			r.maxRSS = kb << 10
			r.cpu = time.Duration((user + sys) * float64(time.Second))
		}
	}
	r.err = err
	if err == nil && (!ws.Exited() || ws.ExitStatus() != 0) {
		r.err = fmt.Errorf("%s: %v", name, ws)
	}
	b, _ := os.ReadFile(out.Name())
	r.stdout = string(b)
	b, _ = os.ReadFile(errf.Name())
	r.stderr = string(b)
	return r
}

// mustRun is run for our own program, which must succeed.
func mustRun(t *testing.T, limit time.Duration, env []string, name string, args ...string) childRun {
	t.Helper()
	r := runChild(limit, env, name, args...)
	if r.err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), r.err, r.stdout, r.stderr)
	}
	return r
}

// libreOffice converts files with LibreOffice headless, one process at a time, in a profile
// of its own (made by a first, unmeasured conversion so no run pays for it).
type libreOffice struct {
	bin     string
	profile string
	env     []string
}

// fontsConf lets LibreOffice find the program's own Chinese faces (assets/fonts) and take
// them for 宋体, the ledgers' font: a machine without any Chinese font (this one) would
// otherwise lay the rows out in boxes that do not wrap, which is neither what an office sees
// nor the same work.
const fontsConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>%s</dir>
  <cachedir>%s</cachedir>
  <alias><family>宋体</family><prefer><family>Noto Serif SC</family></prefer></alias>
  <alias><family>SimSun</family><prefer><family>Noto Serif SC</family></prefer></alias>
</fontconfig>
`

func newLibreOffice(t *testing.T, dir string) *libreOffice {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("LibreOffice 未安装（apt-get install libreoffice-calc-nogui）：没有对照")
		return nil
	}
	fonts, err := filepath.Abs(filepath.Join("assets", "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, fontsConf, fonts, filepath.Join(dir, "fontcache")), 0o644); err != nil {
		t.Fatal(err)
	}
	lo := &libreOffice{bin: bin, profile: "file://" + filepath.Join(dir, "lo-profile"), env: []string{"FONTCONFIG_FILE=" + conf}}
	warm := filepath.Join(dir, "warm.csv")
	os.WriteFile(warm, []byte("a,b\n1,2\n"), 0o644)
	lo.convert(warm, "xlsx", dir, 5*time.Minute)
	return lo
}

// convert converts in to the format ("xlsx" or "pdf") into outDir and returns what it cost.
func (lo *libreOffice) convert(in, format, outDir string, limit time.Duration) childRun {
	args := []string{"-env:UserInstallation=" + lo.profile, "--headless", "--norestore", "--nolockcheck"}
	if strings.HasSuffix(in, ".csv") {
		args = append(args, "--infilter=CSV:44,34,76,1") // comma, double quote, UTF-8, from line 1
	}
	if format == "xlsx" {
		format = "xlsx:Calc MS Excel 2007 XML"
	}
	args = append(args, "--convert-to", format, "--outdir", outDir, in)
	r := runChild(limit, lo.env, lo.bin, args...)
	if r.err == nil && !r.timedOut {
		want := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + "." + strings.SplitN(format, ":", 2)[0]
		if _, err := os.Stat(filepath.Join(outDir, want)); err != nil {
			r.err = fmt.Errorf("LibreOffice wrote no %s: %s%s", want, r.stdout, r.stderr)
		}
	}
	return r
}

// marks reads the "bench-mark NAME UNIXNANO" lines the window prints (app/benchmarks.go).
func marks(stderr string) map[string]time.Time {
	out := map[string]time.Time{}
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "bench-mark" {
			if _, seen := out[f[1]]; seen {
				continue
			}
			ns, _ := strconv.ParseInt(f[2], 10, 64)
			out[f[1]] = time.Unix(0, ns)
		}
	}
	return out
}

// printTable prints every figure with its peer and the ratio (how many times the peer's time
// ours is; above 1 we are faster).
func printTable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n| 项目 | 台账 | 对照 | 倍数 | 对照方法 |\n|---|---|---|---|---|\n")
	for _, f := range figures {
		peer, ratio := "—", "—"
		if f.peer > 0 {
			lim := ""
			if f.peerLimit {
				lim = "> "
			}
			peer = lim + round(f.peer)
			if f.ours > 0 {
				x := float64(f.peer) / float64(f.ours)
				digits := 1
				if x < 0.1 {
					digits = max(1, int(math.Ceil(-math.Log10(x)))+1) // two significant digits
				}
				ratio = fmt.Sprintf("%s%.*f×", lim, digits, x)
			}
			if f.peerMem != "" {
				peer += "（" + f.peerMem + "）"
			}
		}
		ours := round(f.ours)
		if f.oursMem != "" {
			ours += "（" + f.oursMem + "）"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", f.name, ours, peer, ratio, f.peerName)
	}
	return b.String()
}

func round(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}
