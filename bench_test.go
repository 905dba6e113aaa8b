//go:build bench

// The speed figures of PRODUCT.md's quality bars and of issue 16, measured on the large demo
// office, each printed beside a peer measured in the same run so the ratio, not the absolute
// time, is read: the built program (exports, import, demo, window) runs as a child process so
// its peak memory and bytes written are its own; LibreOffice headless converts the same rows.
// Run with `make bench` (BENCHMARKS.md).
package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

func p95(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)*95/100]
}

func timeEach(n int, fn func(i int)) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		s := time.Now()
		fn(i)
		out[i] = time.Since(s)
	}
	return out
}

// benchDir is where the run keeps its files: TAIZHANG_BENCH_DIR, else the cache folder.
func benchDir(t *testing.T) string {
	dir := os.Getenv("TAIZHANG_BENCH_DIR")
	if dir == "" {
		cache, _ := os.UserCacheDir()
		dir = filepath.Join(cache, "taizhang-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// benchBinary is the program `make build` made (TAIZHANG_BENCH_BIN, else ./taizhang).
func benchBinary(t *testing.T) string {
	bin := os.Getenv("TAIZHANG_BENCH_BIN")
	if bin == "" {
		bin = "taizhang"
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("build the program first (make build): %v", err)
	}
	return abs
}

func TestBench(t *testing.T) {
	bin, dir := benchBinary(t), benchDir(t)
	if _, err := os.Stat(gnuTime); err != nil {
		t.Fatalf("the bench starts the program through GNU time (apt-get install time): %v", err)
	}
	// The offices' audit keys live beside the bench's files (this process and every child),
	// so a kept office (TAIZHANG_BENCH_REUSE) can be opened for writing by the next run.
	t.Setenv(sqlite.KeyDirEnv, filepath.Join(dir, "keys"))
	t.Logf("开始：%s", loadAverage())
	path := benchDemo(t, bin, dir)
	lo := newLibreOffice(t, dir)
	benchWindow(t, bin, path, lo, dir)
	ctx := context.Background()

	// Start-up: what the program does before its window is usable (open, office settings,
	// set-up check) and the first page of residents after log-in. The integrity check runs
	// beside the log-in page and is reported on its own.
	s := time.Now()
	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Office(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetupNeeded(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ListResidents(ctx, data.ResidentFilter{Limit: 50}); err != nil {
		t.Fatal(err)
	}
	startup := time.Since(s)
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	s = time.Now()
	var n int
	raw.QueryRow("SELECT count(*) FROM residents").Scan(&n)
	report(t, "打开数据库到第一页居民（窗口可用前）", startup, time.Since(s), "裸 SQLite 统计居民总数")
	s = time.Now()
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	check := time.Since(s)
	s = time.Now()
	copyFile(t, path, filepath.Join(t.TempDir(), "read.db"))
	report(t, "启动完整性检查（登录页旁后台进行）", check, time.Since(s), "把整个文件读一遍并复制")

	// Resident search over 200,000 residents. ID and phone numbers are encrypted in the file:
	// the sample and the searches by part of a number need an account's key, so they run on
	// a handle logged in as the demo administrator (the log-in is not timed).
	acct, err := openStore(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer acct.Close()
	if _, err := acct.Login(ctx, demo.Staff[0].Username, demo.Password); err != nil {
		t.Fatal(err)
	}
	sample, _, err := acct.ListResidents(ctx, data.ResidentFilter{Limit: 400, Offset: 50000})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var queries []string
	for _, res := range sample {
		switch r.IntN(5) {
		case 0:
			queries = append(queries, res.Name)
		case 1:
			queries = append(queries, sqlite.Initials(res.Name))
		case 2:
			queries = append(queries, res.IDNumber[8:14])
		case 3:
			if res.Phone != "" {
				queries = append(queries, res.Phone[3:9])
				continue
			}
			queries = append(queries, res.Name)
		default:
			queries = append(queries, string([]rune(res.Name)[:1]))
		}
	}
	ours := timeEach(len(queries), func(i int) {
		if _, err := acct.SearchResidents(ctx, queries[i], 20); err != nil {
			t.Fatal(err)
		}
	})
	peer := timeEach(20, func(i int) { // a full scan each: a few are enough for its p95
		q := "%" + queries[i] + "%"
		rows, err := raw.Query(`SELECT id, name FROM residents WHERE voided = 0 AND (name LIKE ? OR initials LIKE ? OR id_number LIKE ? OR phone LIKE ? OR address LIKE ?) ORDER BY name LIMIT 20`, q, q, q, q, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	})
	report(t, fmt.Sprintf("居民查找 p95（%d 次，20 万居民）", len(queries)), p95(ours), p95(peer), "裸 SQLite LIKE 全表扫描")

	// A ledger page: one community, one tag, sorted by name, 50 rows plus the total.
	cs, _ := db.Communities(ctx, false)
	tags := []string{"", "高龄", "低保", "独居", "残疾"}
	sorts := []string{"name", "birth", "address", ""}
	ours = timeEach(200, func(i int) {
		f := data.ResidentFilter{CommunityID: cs[i%len(cs)].ID, Tag: tags[i%len(tags)], Sort: sorts[i%len(sorts)], Limit: 50, Offset: (i % 7) * 50}
		if _, _, err := db.ListResidents(ctx, f); err != nil {
			t.Fatal(err)
		}
	})
	peer = timeEach(20, func(i int) {
		rows, _ := raw.Query("SELECT id, name, id_number, address, tags FROM residents WHERE community_id = ?", cs[i%len(cs)].ID)
		type row struct {
			id                  int64
			name, idn, addr, tg string
		}
		var all []row
		for rows.Next() {
			var x row
			rows.Scan(&x.id, &x.name, &x.idn, &x.addr, &x.tg)
			all = append(all, x)
		}
		rows.Close()
		sort.Slice(all, func(a, b int) bool { return all[a].name < all[b].name })
	})
	report(t, "居民台账一页（筛选+排序+总数）p95", p95(ours), p95(peer), "读出整个社区再排序（Excel 式）")

	// Backup of the large office.
	out := filepath.Join(t.TempDir(), "b.db")
	s = time.Now()
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	ourBackup := time.Since(s)
	s = time.Now()
	copyFile(t, path, filepath.Join(t.TempDir(), "c.db"))
	report(t, "备份（VACUUM INTO + 校验）", ourBackup, time.Since(s), "直接复制文件（不一致、无校验）")

	benchIssues(t, ctx, db, raw)
	benchStats(t, ctx, db, raw)
	benchExports(t, ctx, bin, dir, db, lo)
	benchImport(t, ctx, bin, dir, db)
	benchDecisions(t, ctx, acct) // letters kept without their PDF are rendered from content, which needs the key
	t.Logf("结束：%s", loadAverage())
	fmt.Print(printTable())
	fmt.Printf("\n%s\n", loadAverage())
}

// benchIssues measures the issue ledger pages, text search and the dashboard.
func benchIssues(t *testing.T, ctx context.Context, db *sqlite.DB, raw *sql.DB) {
	cs, _ := db.Communities(ctx, false)
	cats := append([]string{""}, data.DefaultIssueCategories...)
	sorts := sqlite.IssueSortKeys
	statuses := [][]data.IssueStatus{nil, {data.IssueInProgress}, {data.IssueClosed}, {data.IssueOpen, data.IssueInProgress}}
	states := []data.DeadlineState{data.DeadlineNone, data.DeadlineOverdue, data.DeadlineDueSoon}
	r := rand.New(rand.NewPCG(3, 4))
	var filters []data.IssueFilter
	for i := 0; i < 300; i++ {
		f := data.IssueFilter{Sort: sorts[r.IntN(len(sorts))], Desc: r.IntN(2) == 0, Limit: 50, Offset: r.IntN(5) * 50}
		if r.IntN(2) == 0 {
			f.CommunityID = cs[r.IntN(len(cs))].ID
		}
		f.Category = cats[r.IntN(len(cats))]
		f.Statuses = statuses[r.IntN(len(statuses))]
		f.Deadline = states[r.IntN(len(states))]
		if r.IntN(3) == 0 {
			y := 2022 + r.IntN(5)
			f.From, f.To = data.MustDate(y, 1, 1), data.MustDate(y, 12, 31)
		}
		filters = append(filters, f)
	}
	ours := timeEach(len(filters), func(i int) {
		if _, _, err := db.ListIssues(ctx, filters[i]); err != nil {
			t.Fatal(err)
		}
	})
	peer := timeEach(10, func(i int) {
		rows, _ := raw.Query("SELECT id, number, found_on, category, description, deadline, status FROM issues")
		type row struct {
			id                int64
			n, f, c, d, dl, s string
		}
		var all []row
		for rows.Next() {
			var x row
			rows.Scan(&x.id, &x.n, &x.f, &x.c, &x.d, &x.dl, &x.s)
			all = append(all, x)
		}
		rows.Close()
		sort.Slice(all, func(a, b int) bool { return all[a].dl < all[b].dl })
	})
	report(t, "问题台账一页（任意筛选+排序+总数）p95", p95(ours), p95(peer), "读出全部问题再排序（Excel 式）")

	words := []string{"路灯", "井盖", "楼道堆物", "电梯", "飞线充电", "办事指引", "漏水", "噪音"}
	ours = timeEach(80, func(i int) {
		if _, _, err := db.ListIssues(ctx, data.IssueFilter{Query: words[i%len(words)], Limit: 50}); err != nil {
			t.Fatal(err)
		}
	})
	peer = timeEach(16, func(i int) {
		var n int
		raw.QueryRow("SELECT count(*) FROM issues WHERE description LIKE ?", "%"+words[i%len(words)]+"%").Scan(&n)
	})
	report(t, "问题全文查找（路灯、井盖…）p95", p95(ours), p95(peer), "裸 SQLite LIKE 全表扫描")

	ours = timeEach(20, func(int) {
		if _, err := db.Dashboard(ctx); err != nil {
			t.Fatal(err)
		}
	})
	peer = timeEach(5, func(int) {
		var n int
		raw.QueryRow("SELECT count(*) FROM issues WHERE status NOT IN ('closed','voided') AND deadline < date('now')").Scan(&n)
		raw.QueryRow("SELECT count(*) FROM issues WHERE status = 'pending_review'").Scan(&n)
	})
	report(t, "工作台（全部卡片与本季度指标）p95", p95(ours), p95(peer), "两条裸 SQL 计数")
}

func sampleDecision() data.Decision {
	return data.Decision{
		Authority: "平城区鹿苑街道办事处", DocNumber: "平民救决〔2026〕15号", Programme: data.ProgrammeDibao,
		Outcome: data.OutcomeRefuse, Applicant: "王秀兰", IDNumber: "140202195803120026", Address: "平城区鹿苑街道自由路社区自由小区3号楼2单元501室",
		HouseholdSize: 3, Applied: data.MustDate(2026, 5, 6), Investigated: data.MustDate(2026, 5, 20),
		Facts:      "经入户调查和家庭经济状况信息核对，你家庭2026年2月至4月月均收入为5,460.00元，人均月收入1,820.00元；配偶名下登记有小型汽车1辆。",
		Reasons:    "你家庭人均月收入高于本市城市最低生活保障标准（每人每月780.00元），不符合最低生活保障条件。",
		Bases:      []data.LegalBasis{{Law: data.LawSocialAssistance, Article: "第九条"}, {Law: data.LawSocialAssistance, Article: "第十一条"}},
		Government: "平城区人民政府", Court: "平城区人民法院", Date: data.MustDate(2026, 6, 2),
	}
}

// copyFile copies a file and syncs the copy: what a plain copy costs.
func copyFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Sync(); err != nil {
		t.Fatal(err)
	}
}

// loadAverage is the machine's load average beside the run (the figures depend on it).
func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return fmt.Sprintf("负载（1、5、15 分钟）%s", bytes.Join(bytes.Fields(b)[:3], []byte(" ")))
}
