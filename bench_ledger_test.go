//go:build bench

// The figures of issue 16 a clerk feels: the demo office built, the window started and logged
// in, ledger exports against LibreOffice converting the same rows, an import against raw
// inserts, the statistics screen, and a year's decision letters.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"taizhang/assets"
	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// benchDemo builds the large demo office with `taizhang demo --size large` as a child process
// (time, peak memory, bytes written, file size) beside writing a file of the same size and
// syncing it. TAIZHANG_BENCH_REUSE=1 keeps an office built by an earlier run.
func benchDemo(t *testing.T, bin, dir string) string {
	path := filepath.Join(dir, fmt.Sprintf("large-v%d.db", sqlite.SchemaVersion()))
	if _, err := os.Stat(path); err == nil && os.Getenv("TAIZHANG_BENCH_REUSE") != "" {
		t.Log("沿用已生成的大型演示单位：" + path)
		return path
	}
	sqlite.RemoveDatabase(path)
	r := mustRun(t, 10*time.Minute, nil, bin, "demo", "--db", path, "--size", "large")
	r.showWrites = true
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	s := time.Now()
	copyFile(t, path, filepath.Join(dir, "copy.db"))
	peer := childRun{wall: time.Since(s)}
	os.Remove(filepath.Join(dir, "copy.db"))
	reportRuns(t, fmt.Sprintf("演示数据 demo --size large（文件 %d MB）", st.Size()>>20), r, &peer, "把同样大小的文件复制一遍并落盘")
	return path
}

// benchWindow starts the program under Xvfb on the large office, logs in as a clerk would and
// reads the window's timing marks (app/benchmarks.go): start to the usable log-in window, and
// log-in to the dashboard's numbers. The peer is LibreOffice opening the 10,000-row ledger
// headless, i.e. its start-up before any work.
func benchWindow(t *testing.T, bin, path string, lo *libreOffice, dir string) {
	xvfb := "/usr/bin/xvfb-run"
	if _, err := os.Stat(xvfb); err != nil {
		t.Log("xvfb-run 未安装（apt-get install xvfb）：不测窗口")
		return
	}
	// The window is closed by the bench once the dashboard shows; it works on a copy so the
	// office of the other figures is not changed by the log-in.
	office := filepath.Join(dir, "window.db")
	copyFile(t, path, office)
	defer sqlite.RemoveDatabase(office)
	// A home of its own: the remembered database and Fyne's settings stay out of the user's.
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o755)
	env := []string{"TAIZHANG_BENCH_MARKS=admin:demo1234", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config")}
	var startup, login time.Duration
	for range 2 { // the first start pays for the fonts and the file in the page cache
		// Timed from the exec of the program, once Xvfb is up.
		r := runUntil(60*time.Second, env, "dashboard", xvfb, "-a", "-s", "-screen 0 1366x768x24",
			"/bin/sh", "-c", `echo "bench-mark exec $(date +%s%N)" >&2; exec "$0" "$@"`, bin, "--db", office)
		m := marks(r.stderr)
		if m["exec"].IsZero() || m["window"].IsZero() || m["login"].IsZero() || m["dashboard"].IsZero() {
			t.Fatalf("window marks missing: %v\n%s", m, r.stderr)
		}
		startup, login = m["window"].Sub(m["exec"]), m["dashboard"].Sub(m["login"])
	}
	var peer *childRun
	if lo != nil {
		csvIn := filepath.Join(dir, "one.csv")
		os.WriteFile(csvIn, []byte("序号,问题\n1,路灯不亮\n"), 0o644)
		r := lo.convert(csvIn, "xlsx", t.TempDir(), 2*time.Minute)
		peer = &r
	}
	report(t, "启动到可用的登录窗口（Xvfb，大型单位）", startup, peerWall(peer), "LibreOffice 启动并转换 1 行 CSV")
	report(t, "登录到工作台数字出现", login, 0, "")
}

func peerWall(r *childRun) time.Duration {
	if r == nil {
		return 0
	}
	return r.wall
}

// runUntil runs the program until its standard error shows the mark, then stops its
// process group.
func runUntil(limit time.Duration, env []string, mark, name string, args ...string) childRun {
	// The window never exits by itself: run it with a watcher that ends it after the mark.
	dir, _ := os.MkdirTemp("", "tzmark")
	defer os.RemoveAll(dir)
	errFile := filepath.Join(dir, "stderr")
	script := fmt.Sprintf(`"$@" 2>%q & pid=$!
for i in $(seq 1 %d); do grep -q "bench-mark %s" %q && break; sleep 0.05; done
kill -TERM $pid; sleep 0.5; kill -KILL $pid 2>/dev/null; wait`, errFile, int(limit/(50*time.Millisecond)), mark, errFile)
	r := runChild(limit+10*time.Second, env, "/bin/sh", append([]string{"-c", script, "sh", name}, args...)...)
	b, _ := os.ReadFile(errFile)
	r.stderr = string(b)
	return r
}

// issueCSV writes the rows the issue ledger export writes for f, with its header, as CSV:
// the input LibreOffice converts.
func issueCSV(t *testing.T, ctx context.Context, db *sqlite.DB, f data.IssueFilter, path string) [][]string {
	var rows [][]string
	var head []string
	for _, c := range reports.IssueLedger(reports.LedgerOptions{}).Columns {
		head = append(head, c.Title)
	}
	rows = append(rows, head)
	if _, err := db.ExportIssues(ctx, f, false, func(r data.IssueRow) error {
		rows = append(rows, reports.IssueCells(r, false))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

// benchExports exports the issue ledger of about 10,000 rows (the newest issues) and of all
// 100,000 with the program, XLSX and PDF, beside LibreOffice converting the same rows from
// CSV to XLSX and our XLSX to PDF.
func benchExports(t *testing.T, ctx context.Context, bin, dir string, db *sqlite.DB, lo *libreOffice) {
	all, err := db.CountIssues(ctx, data.IssueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := db.ListIssues(ctx, data.IssueFilter{Sort: "found_on", Desc: true, Offset: min(all, 10000) - 1, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("find a period of 10,000 issues: %v", err)
	}
	cases := []struct {
		name string
		from data.Date
	}{{"1 万", rows[0].FoundOn}, {"10 万", data.Date{}}}
	if os.Getenv("TAIZHANG_BENCH_QUICK") != "" {
		cases = cases[:1] // a check of the bench itself: the 10,000 rows only
	}
	for _, c := range cases {
		out := filepath.Join(dir, "export")
		os.RemoveAll(out)
		os.MkdirAll(out, 0o755)
		f := data.IssueFilter{From: c.from}
		csvIn := filepath.Join(out, "ledger.csv")
		n := len(issueCSV(t, ctx, db, f, csvIn))
		args := []string{"export", "issues", "--db", db.Path()}
		if !c.from.IsZero() {
			args = append(args, "--from", c.from.String())
		}
		ourX := mustRun(t, 10*time.Minute, nil, bin, append(args, "--out", filepath.Join(out, "ours.xlsx"))...)
		ourP := mustRun(t, 10*time.Minute, nil, bin, append(args, "--out", filepath.Join(out, "ours.pdf"))...)
		if want := fmt.Sprintf(" %s 条", groupDigits(n)); !strings.Contains(ourX.stdout, want) || !strings.Contains(ourP.stdout, want) {
			t.Fatalf("exports wrote other rows than the CSV's %d: %s %s", n, ourX.stdout, ourP.stdout)
		}
		var peerX, peerP *childRun
		if lo != nil {
			limit := 4 * time.Minute
			x := lo.convert(csvIn, "xlsx", out, limit)
			p := lo.convert(filepath.Join(out, "ours.xlsx"), "pdf", filepath.Join(out, "lo"), limit)
			if x.err != nil && !x.timedOut || p.err != nil && !p.timedOut {
				t.Fatalf("LibreOffice: %v %v", x.err, p.err)
			}
			peerX, peerP = &x, &p
		}
		pages := pdfPages(filepath.Join(out, "ours.pdf"))
		loPages := "未完成"
		if peerP != nil && !peerP.timedOut {
			loPages = fmt.Sprintf("%d 页", pdfPages(filepath.Join(out, "lo", "ours.pdf")))
		}
		reportRuns(t, fmt.Sprintf("问题台账导出 XLSX（%s：%d 行）", c.name, n), ourX, peerX, "LibreOffice 把同样的行 CSV→XLSX")
		reportRuns(t, fmt.Sprintf("问题台账导出 PDF（%s：%d 行，%d 页）", c.name, n, pages), ourP, peerP,
			fmt.Sprintf("LibreOffice 把我们的 XLSX→PDF（%s）", loPages))
	}
}

// pdfPages counts a PDF's pages by its page objects (0 when there is no file).
func pdfPages(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte("/Type /Page\n")) + bytes.Count(b, []byte("/Type/Page/")) + bytes.Count(b, []byte("/Type/Page\n")) +
		bytes.Count(b, []byte("/Type /Page/")) + bytes.Count(b, []byte("/Type/Page ")) + bytes.Count(b, []byte("/Type /Page "))
}

// benchImport imports a 10,000-row issue ledger (the export above, read back) into a small
// office with the full checks, beside raw SQLite inserts of the same rows.
func benchImport(t *testing.T, ctx context.Context, bin, dir string, db *sqlite.DB) {
	out := filepath.Join(dir, "import")
	os.RemoveAll(out)
	os.MkdirAll(out, 0o755)
	all, _ := db.CountIssues(ctx, data.IssueFilter{})
	rows, _, err := db.ListIssues(ctx, data.IssueFilter{Sort: "found_on", Desc: true, Offset: min(all, 10000) - 1, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("find a period of 10,000 issues: %v", err)
	}
	ledger := filepath.Join(out, "ledger.xlsx")
	mustRun(t, 5*time.Minute, nil, bin, "export", "issues", "--db", db.Path(), "--from", rows[0].FoundOn.String(), "--out", ledger)
	cells := issueCSV(t, ctx, db, data.IssueFilter{From: rows[0].FoundOn}, filepath.Join(out, "ledger.csv"))
	office := filepath.Join(out, "office.db")
	mustRun(t, 5*time.Minute, nil, bin, "demo", "--db", office, "--size", "small", "--seed", "7")
	r := mustRun(t, 10*time.Minute, nil, bin, "import", "issues", "--db", office, "--in", ledger, "--add-missing")
	if !strings.Contains(r.stdout, "已导入") {
		t.Fatalf("import: %s%s", r.stdout, r.stderr)
	}

	// The peer: the same rows into a plain table, one prepared insert per row, one transaction.
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(out, "raw.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	cols := len(cells[0])
	s := time.Now()
	var defs []string
	for i := range cols {
		defs = append(defs, fmt.Sprintf("c%d TEXT", i))
	}
	if _, err := raw.Exec(fmt.Sprintf("CREATE TABLE issues (%s)", strings.Join(defs, ", "))); err != nil {
		t.Fatal(err)
	}
	tx, _ := raw.Begin()
	ins, err := tx.Prepare(fmt.Sprintf("INSERT INTO issues VALUES (%s)", strings.TrimSuffix(strings.Repeat("?,", cols), ",")))
	if err != nil {
		t.Fatal(err)
	}
	args := make([]any, cols)
	for _, row := range cells {
		for i := range args {
			args[i] = row[i]
		}
		if _, err := ins.Exec(args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	peer := childRun{wall: time.Since(s)}
	r.showWrites = true
	reportRuns(t, fmt.Sprintf("导入问题台账 %d 行（全部校验，%s）", len(cells), firstLine(r.stdout)), r, &peer, "同样的行裸 SQLite 插入（一个事务）")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSuffix(s, "。")
}

// benchStats measures the statistics screen for a year by community (what app/stats.go asks
// the store for) beside a raw GROUP BY of the same issues.
func benchStats(t *testing.T, ctx context.Context, db *sqlite.DB, raw *sql.DB) {
	year := db.Now().Year() - 1
	from, to := data.MustDate(year, 1, 1), data.MustDate(year, 12, 31)
	ours := timeEach(5, func(int) {
		st, err := db.Stats(ctx, data.StatsFilter{From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.FiguresByCommunity(ctx, from, to); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FiguresByMonth(ctx, from, st.Issues.AsOf, 0); err != nil {
			t.Fatal(err)
		}
	})
	peer := timeEach(5, func(int) {
		rows, err := raw.Query(`SELECT community_id, count(*), sum(status = 'closed') FROM issues
			WHERE found_on BETWEEN ? AND ? AND status <> 'voided' GROUP BY community_id`, from.String(), to.String())
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	})
	report(t, fmt.Sprintf("统计页：%d 年按社区（全部台账数字+社区表+月度趋势）p95", year), p95(ours), p95(peer), "一条裸 SQL 按社区计数")
}

// benchDecisions renders 1,000 signed decision letters of the newest year (the 文书 folder of
// that year's 迎检包) from the store, beside gofpdf loading the whole font for each letter
// (measured on 20 letters, times 50).
func benchDecisions(t *testing.T, ctx context.Context, db *sqlite.DB) {
	year := db.Now().Year()
	var docs []data.DocumentRow
	for y := year; y > year-5 && len(docs) < 1000; y-- {
		d, err := db.SignedDocuments(ctx, data.MustDate(y, 1, 1), data.MustDate(year, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		docs = d
	}
	docs = docs[:min(len(docs), 1000)]
	size, largest := 0, 0
	s := time.Now()
	each := timeEach(len(docs), func(i int) {
		b, err := db.DocumentPDF(ctx, docs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		size += len(b)
		largest = max(largest, len(b))
	})
	ours := time.Since(s)
	d := sampleDecision()
	s = time.Now()
	for range 20 {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("serif", "", assets.SerifRegular)
		pdf.AddPage()
		pdf.SetFont("serif", "", 16)
		for _, line := range reports.BreakLines(d.Facts+d.Reasons, 28) {
			pdf.Cell(0, 10, line)
			pdf.Ln(10)
		}
		var b bytes.Buffer
		pdf.Output(&b)
	}
	one := time.Since(s) / 20
	report(t, fmt.Sprintf("一批 %d 份已签发文书 PDF（迎检包文书，共 %d MB）", len(docs), size>>20), ours, one*time.Duration(len(docs)),
		fmt.Sprintf("gofpdf 每份载入整套字体（20 份实测 ×%d）", len(docs)/20))
	report(t, fmt.Sprintf("其中一份文书 PDF p95（最大 %d KB）", largest>>10), p95(each), one, "gofpdf 载入整套字体写一份")
}
