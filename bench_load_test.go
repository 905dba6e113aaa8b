//go:build bench

// The load benchmark of issue 15: 20 simulated clerks on one office at once, each doing a
// realistic mix of what the window does (ledger pages with filters, searches, an issue's
// page, new issues, progress entries, close-outs and their approval, drafting and signing
// letters). On a PostgreSQL server every clerk has a *DB of its own (its own connection
// pool, as separate PCs would); on a file the same 20 share one *DB, the one program a file
// allows (SQLite's single-PC figures of the same mix). Each write is made from the state the
// clerk's "screen" read (data.WithSeen), so two clerks on one issue meet the stale-move
// refusal, and the loser opens the issue again and retries when the action still applies.
// Afterwards: check passes, the audit chain verifies, no issue or 文号 number is duplicated
// or skipped, and every write a clerk was told succeeded is there.
//
// Run with `make bench-load` (BENCHMARKS.md); TAIZHANG_LOAD_DURATION (default 2m) or
// TAIZHANG_LOAD_ACTIONS (per clerk) bound it, TAIZHANG_LOAD_SIZE=small takes the small demo.
package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

// loadClerks is how many clerks work at once; every loadReviewerEvery-th is a reviewer
// (审核人: approves close-outs, signs letters), the others window or grid clerks.
const (
	loadClerks        = 20
	loadReviewerEvery = 5
)

// loadSize is the office the clerks work on: a street office of a few years, big enough
// that a ledger page is an indexed query rather than a scan of a few hundred rows.
var loadSize = demo.Size{Residents: 10000, Issues: 5000, Services: 2000, Documents: 200}

// loadOp is one kind of operation the clerks time.
type loadOp string

const (
	opIssuePage    loadOp = "问题台账一页（筛选+排序+总数）"
	opIssueSearch  loadOp = "问题查找（关键词）"
	opResidentPage loadOp = "居民台账一页（筛选）"
	opResidentFind loadOp = "居民查找（姓名/拼音首字母）"
	opOpenIssue    loadOp = "打开问题（状态+记录+处理经过）"
	opDashboard    loadOp = "工作台"
	opNewIssue     loadOp = "登记新问题"
	opStart        loadOp = "开始整改"
	opProgress     loadOp = "填报进展"
	opRequest      loadOp = "申请销号（附佐证）"
	opApprove      loadOp = "审核通过、销号"
	opReject       loadOp = "退回重新整改"
	opDraft        loadOp = "起草不予受理通知书"
	opSign         loadOp = "签发文书（分配文号+生成 PDF）"
)

var loadOps = []loadOp{opIssuePage, opIssueSearch, opResidentPage, opResidentFind, opOpenIssue, opDashboard,
	opNewIssue, opStart, opProgress, opRequest, opApprove, opReject, opDraft, opSign}

// loadRun is what one run measured and what its clerks were told succeeded.
type loadRun struct {
	mu        sync.Mutex
	lat       map[loadOp][]time.Duration
	errs      map[loadOp]int
	errSample []string
	conflicts int // writes refused because another clerk changed the record first
	retried   int // of those, retried on the record read again
	idle      int // a write with nothing to act on (no issue in the status it needs)
	// storeRetries are the transactions the store ran again itself after the server gave
	// them up (serialisation failure, deadlock: sqlite.DB.WriteRetries).
	storeRetries int64
	wall         time.Duration

	issues   map[int64]string // created: id → number
	progress map[int64]int    // progress entries written per issue
	approved map[int64]bool
	signed   map[int64]string // document id → 文号
}

func newLoadRun() *loadRun {
	return &loadRun{lat: map[loadOp][]time.Duration{}, errs: map[loadOp]int{}, issues: map[int64]string{},
		progress: map[int64]int{}, approved: map[int64]bool{}, signed: map[int64]string{}}
}

func (r *loadRun) record(op loadOp, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil && (!errors.Is(err, data.ErrConflict) || busyErr(err)) {
		r.errs[op]++
		if len(r.errSample) < 10 {
			r.errSample = append(r.errSample, fmt.Sprintf("%s: %v", op, err))
		}
		return
	}
	if err == nil {
		r.lat[op] = append(r.lat[op], d)
	}
}

// busyErr is the store's 数据库正忙: a writer that waited too long for the lock. It is an
// ErrConflict to the clerk (try again) but a failure of the run, not another clerk's change.
func busyErr(err error) bool { return strings.HasPrefix(data.Message(err), "数据库正忙") }

func (r *loadRun) note(fn func()) {
	r.mu.Lock()
	fn()
	r.mu.Unlock()
}

// clerk is one simulated PC with one clerk logged in.
type clerk struct {
	db       *sqlite.DB
	ctx      context.Context
	reviewer bool
	rnd      *rand.Rand
	run      *loadRun
	cs       []data.Community
	people   []int64 // residents to draft letters for
}

// timed runs fn as op and records its time (successes) or its error.
func (c *clerk) timed(op loadOp, fn func() error) error {
	s := time.Now()
	err := fn()
	c.run.record(op, time.Since(s), err)
	return err
}

var loadWords = []string{"路灯", "井盖", "楼道堆物", "电梯", "飞线充电", "漏水", "噪音", "垃圾"}

var loadCategories = append([]string{""}, data.DefaultIssueCategories...)

// page is a ledger page as the list screen asks for it.
func (c *clerk) page(f data.IssueFilter) ([]data.IssueRow, error) {
	var rows []data.IssueRow
	err := c.timed(opIssuePage, func() (err error) {
		rows, _, err = c.db.ListIssues(c.ctx, f)
		return err
	})
	return rows, err
}

// open is the issue's page: its state first, then the record and its history.
func (c *clerk) open(id int64) (data.Seen, data.IssueRow, error) {
	var seen data.Seen
	var r data.IssueRow
	err := c.timed(opOpenIssue, func() (err error) {
		if seen, err = c.db.Seen(c.ctx, "issues", id); err != nil {
			return err
		}
		if r, err = c.db.Issue(c.ctx, id); err != nil {
			return err
		}
		_, err = c.db.IssueHistory(c.ctx, id)
		return err
	})
	return seen, r, err
}

// onIssue picks an issue in status from a ledger page, opens it and runs act on it from the
// state it read. Refused because another clerk moved it first, the clerk opens it again and
// retries while the action still applies.
func (c *clerk) onIssue(op loadOp, from data.IssueStatus, act func(ctx context.Context, id int64) error) {
	rows, err := c.page(data.IssueFilter{Statuses: []data.IssueStatus{from}, Sort: "deadline", Limit: 50, Offset: c.rnd.IntN(3) * 50})
	if err == nil && len(rows) == 0 {
		rows, err = c.page(data.IssueFilter{Statuses: []data.IssueStatus{from}, Sort: "deadline", Limit: 50})
	}
	if err != nil {
		return
	}
	if len(rows) == 0 {
		c.run.note(func() { c.run.idle++ })
		return
	}
	id := rows[c.rnd.IntN(len(rows))].ID
	for attempt := 0; attempt < 3; attempt++ {
		seen, r, err := c.open(id)
		if err != nil || r.Status != from {
			return // gone on since the page was drawn: the clerk takes another next time
		}
		err = c.timed(op, func() error { return act(data.WithSeen(c.ctx, seen), id) })
		if !errors.Is(err, data.ErrConflict) || busyErr(err) {
			return
		}
		c.run.note(func() {
			c.run.conflicts++
			if attempt < 2 {
				c.run.retried++
			}
		})
	}
}

var evidence = []data.NamedFile{{Name: "整改后.png", Content: []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1,
	0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}}}

// step does one action of the clerk's mix.
func (c *clerk) step() {
	today := data.Today(time.Now())
	x := c.rnd.IntN(100)
	if c.reviewer {
		switch {
		case x < 25:
			c.listPage()
		case x < 35:
			c.search()
		case x < 60:
			c.onIssue(opApprove, data.IssuePendingReview, func(ctx context.Context, id int64) error {
				err := c.db.ApproveCloseOut(ctx, id, "")
				if err == nil {
					c.run.note(func() { c.run.approved[id] = true })
				}
				return err
			})
		case x < 65:
			c.onIssue(opReject, data.IssuePendingReview, func(ctx context.Context, id int64) error {
				return c.db.RejectCloseOut(ctx, id, "佐证照片不能反映整改后的情况，请补充")
			})
		case x < 88:
			c.sign()
		default:
			c.timed(opDashboard, func() error { _, err := c.db.Dashboard(c.ctx); return err })
		}
		return
	}
	switch {
	case x < 25:
		c.listPage()
	case x < 35:
		c.search()
	case x < 43:
		c.residents()
	case x < 53:
		c.newIssue(today)
	case x < 63:
		c.onIssue(opStart, data.IssueOpen, func(ctx context.Context, id int64) error { return c.db.StartIssue(ctx, id) })
	case x < 78:
		c.onIssue(opProgress, data.IssueInProgress, func(ctx context.Context, id int64) error {
			err := c.db.AddProgress(ctx, id, data.Progress{Date: today, Note: "已约谈责任人，正在整改"}, nil)
			if err == nil {
				c.run.note(func() { c.run.progress[id]++ })
			}
			return err
		})
	case x < 88:
		c.onIssue(opRequest, data.IssueInProgress, func(ctx context.Context, id int64) error {
			return c.db.RequestCloseOut(ctx, id, data.CloseOut{Result: "已整改完毕，现场已恢复"}, evidence)
		})
	case x < 95:
		c.draft(today)
	default:
		c.timed(opDashboard, func() error { _, err := c.db.Dashboard(c.ctx); return err })
	}
}

func (c *clerk) listPage() {
	f := data.IssueFilter{Sort: sqlite.IssueSortKeys[c.rnd.IntN(len(sqlite.IssueSortKeys))], Desc: c.rnd.IntN(2) == 0,
		Category: loadCategories[c.rnd.IntN(len(loadCategories))], Limit: 50, Offset: c.rnd.IntN(4) * 50}
	if c.rnd.IntN(2) == 0 {
		f.CommunityID = c.cs[c.rnd.IntN(len(c.cs))].ID
	}
	switch c.rnd.IntN(4) {
	case 0:
		f.Statuses = []data.IssueStatus{data.IssueInProgress}
	case 1:
		f.Deadline = data.DeadlineOverdue
	}
	c.page(f)
}

func (c *clerk) search() {
	q := loadWords[c.rnd.IntN(len(loadWords))]
	c.timed(opIssueSearch, func() error {
		_, _, err := c.db.ListIssues(c.ctx, data.IssueFilter{Query: q, Limit: 50})
		return err
	})
}

var loadSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "zh", "wj", "lx"}

func (c *clerk) residents() {
	if c.rnd.IntN(2) == 0 {
		tags := []string{"", "高龄", "低保", "独居", "残疾"}
		f := data.ResidentFilter{CommunityID: c.cs[c.rnd.IntN(len(c.cs))].ID, Tag: tags[c.rnd.IntN(len(tags))], Sort: "name", Limit: 50}
		c.timed(opResidentPage, func() error { _, _, err := c.db.ListResidents(c.ctx, f); return err })
		return
	}
	q := loadSurnames[c.rnd.IntN(len(loadSurnames))]
	c.timed(opResidentFind, func() error { _, err := c.db.SearchResidents(c.ctx, q, 20); return err })
}

func (c *clerk) newIssue(today data.Date) {
	cm := c.cs[c.rnd.IntN(len(c.cs))]
	iss := &data.Issue{FoundOn: today, Source: "日常巡查", Category: data.DefaultIssueCategories[c.rnd.IntN(len(data.DefaultIssueCategories))],
		Description: loadWords[c.rnd.IntN(len(loadWords))] + "问题，居民反映多次，需尽快处理", CommunityID: cm.ID,
		Address: cm.Name + "3号楼", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", Deadline: today.AddDays(10)}
	err := c.timed(opNewIssue, func() error { return c.db.CreateIssue(c.ctx, iss, nil) })
	if err == nil {
		c.run.note(func() { c.run.issues[iss.ID] = iss.Number })
	}
}

func (c *clerk) draft(today data.Date) {
	r := data.RejectionNotice{Item: "最低生活保障", Applied: today.AddDays(-2), Reason: "申请人户籍不在本街道辖区",
		Correction: "请向户籍所在地乡镇人民政府（街道办事处）提出申请", Bases: data.SuggestedRejectionBases("最低生活保障")}
	c.timed(opDraft, func() error {
		_, err := c.db.CreateRejectionDraft(c.ctx, c.people[c.rnd.IntN(len(c.people))], r)
		return err
	})
}

// sign signs a 不予受理通知书 draft from the list, from the state its page read.
func (c *clerk) sign() {
	rows, _, err := c.db.ListDocuments(c.ctx, data.DocumentFilter{Kind: data.DocRejectionNotice, Status: data.DocDraft, Limit: 20})
	if err != nil || len(rows) == 0 {
		c.run.note(func() { c.run.idle++ })
		return
	}
	id := rows[c.rnd.IntN(len(rows))].ID
	seen, err := c.db.Seen(c.ctx, "documents", id)
	if err != nil {
		return
	}
	var number string
	err = c.timed(opSign, func() (err error) {
		number, err = c.db.SignDocument(data.WithSeen(c.ctx, seen), id)
		return err
	})
	switch {
	case err == nil:
		c.run.note(func() { c.run.signed[id] = number })
	case errors.Is(err, data.ErrConflict) && !busyErr(err):
		c.run.note(func() { c.run.conflicts++ }) // signed by another reviewer: not retried
	}
}

// loadUsers creates the clerks' accounts (load01 … load20) as the demo's administrator.
func loadUsers(t *testing.T, db *sqlite.DB) []string {
	ctx := context.Background()
	admin, err := db.Login(ctx, demo.Staff[0].Username, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	actx := data.NewContextWithUser(ctx, admin)
	var names []string
	for i := 1; i <= loadClerks; i++ {
		role := data.RoleClerk
		if i%loadReviewerEvery == 0 {
			role = data.RoleReviewer
		}
		u := &data.User{Username: fmt.Sprintf("load%02d", i), Name: fmt.Sprintf("测试员%02d", i), Role: role}
		if err := db.CreateUser(actx, u, demo.Password); err != nil {
			t.Fatal(err)
		}
		names = append(names, u.Username)
	}
	return names
}

// loadOffice builds the demo office at loc (a new file, or an empty server database) and
// adds the clerks' accounts.
func loadOffice(t *testing.T, loc string, size demo.Size) {
	t.Helper()
	opt := sqlite.Options{}
	if !sqlite.IsServerURL(loc) {
		opt.Bulk = true // a new file: built in one go, synced once
	}
	db, err := openStore(loc, opt)
	if err != nil {
		t.Fatal(err)
	}
	db.BcryptCost = 4
	s := time.Now()
	if err := demo.Build(context.Background(), db, size, 15, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Analyze(context.Background()); err != nil {
		t.Fatal(err)
	}
	loadUsers(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("演示单位（%d 居民、%d 问题）已建好：%v", size.Residents, size.Issues, time.Since(s).Round(time.Second))
}

// runLoad runs the clerks on the office at loc: one *DB each (perPC), or one for all.
func runLoad(t *testing.T, loc string, perPC bool, dur time.Duration, actions int) (*loadRun, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	open := func() *sqlite.DB {
		db, err := openStore(loc, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	shared := open()
	cs, err := shared.Communities(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	adminU, err := shared.Login(ctx, demo.Staff[0].Username, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	rs, _, err := shared.ListResidents(data.NewContextWithUser(ctx, adminU), data.ResidentFilter{Limit: 200, Offset: 100})
	if err != nil {
		t.Fatal(err)
	}
	var people []int64
	for _, r := range rs {
		people = append(people, r.ID)
	}
	run := newLoadRun()
	var clerks []*clerk
	for i := 1; i <= loadClerks; i++ {
		db := shared
		if perPC {
			db = open()
		}
		u, err := db.Login(ctx, fmt.Sprintf("load%02d", i), demo.Password)
		if err != nil {
			t.Fatal(err)
		}
		clerks = append(clerks, &clerk{db: db, ctx: data.NewContextWithUser(ctx, u), reviewer: u.Role == data.RoleReviewer,
			rnd: rand.New(rand.NewPCG(uint64(i), 42)), run: run, cs: cs, people: people})
	}
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	s := time.Now()
	for _, c := range clerks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				if (actions > 0 && n >= actions) || (actions == 0 && time.Now().After(deadline)) {
					return
				}
				c.step()
			}
		}()
	}
	wg.Wait()
	run.wall = time.Since(s)
	handles := map[*sqlite.DB]bool{}
	for _, c := range clerks {
		if !handles[c.db] {
			handles[c.db] = true
			run.storeRetries += c.db.WriteRetries()
		}
	}
	return run, shared
}

// verifyLoad checks the office after a run: check (the audit chain included), no issue or
// 文号 number duplicated or skipped, and every write the clerks were told succeeded is there.
func verifyLoad(t *testing.T, db *sqlite.DB, run *loadRun) {
	t.Helper()
	ctx := context.Background()
	admin, err := db.Login(ctx, demo.Staff[0].Username, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	actx := data.NewContextWithUser(ctx, admin)
	rep, err := db.Check(actx)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("check after the run: %v %v", rep.Problems, err)
	}
	if probs, _, err := db.VerifyAudit(ctx); err != nil || len(probs) > 0 {
		t.Errorf("audit chain: %v %v", probs, err)
	}
	// Issue numbers: the year's are 1…n without a gap or a repeat, and the counter is at n.
	year := time.Now().Year()
	var count, distinct, maxSeq, counter int
	q := fmt.Sprintf("SELECT COUNT(*), COUNT(DISTINCT seq), COALESCE(MAX(seq), 0) FROM issues WHERE year = %d", year)
	if err := db.SQL().QueryRowContext(ctx, q).Scan(&count, &distinct, &maxSeq); err != nil {
		t.Fatal(err)
	}
	q = fmt.Sprintf("SELECT value FROM counters WHERE name = 'issue' AND year = %d", year)
	if err := db.SQL().QueryRowContext(ctx, q).Scan(&counter); err != nil {
		t.Fatal(err)
	}
	if count != distinct || count != maxSeq || counter != maxSeq {
		t.Errorf("issue numbers of %d: %d issues, %d distinct numbers, highest %d, counter %d", year, count, distinct, maxSeq, counter)
	}
	for id, number := range run.issues {
		r, err := db.Issue(actx, id)
		if err != nil || r.Number != number {
			t.Errorf("created issue %d (%s) lost: %q %v", id, number, r.Number, err)
		}
	}
	for id, n := range run.progress {
		h, err := db.IssueHistory(actx, id)
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, e := range h {
			if e.Action == data.IssueReportProgress && e.UserName != "" && strings.HasPrefix(e.UserName, "测试员") {
				got++
			}
		}
		if got != n {
			t.Errorf("issue %d: %d progress entries of the clerks, %d were saved", id, got, n)
		}
	}
	for id := range run.approved {
		if r, err := db.Issue(actx, id); err != nil || r.Status != data.IssueClosed {
			t.Errorf("approved issue %d is %s %v", id, r.Status, err)
		}
	}
	// The 文号 registers: every number from the first to the last held by one document.
	keys := map[string]bool{}
	for id, number := range run.signed {
		d, err := db.Document(actx, id)
		if err != nil || d.DocNumber != number || d.Status != data.DocSigned {
			t.Errorf("signed document %d (%s) lost: %q %s %v", id, number, d.DocNumber, d.Status, err)
			continue
		}
		keys[d.NumKey] = true
	}
	for key := range keys {
		reg, err := db.DocNumberGaps(actx, key, year)
		if err != nil || len(reg.Gaps) > 0 {
			t.Errorf("register %s %d: gaps %v %v", key, year, reg.Gaps, err)
		}
		seen := map[string]bool{}
		for _, n := range append(append(reg.Signed, reg.Voided...), reg.Paper...) {
			if seen[n] {
				t.Errorf("register %s: %s twice", key, n)
			}
			seen[n] = true
		}
	}
}

// loadTable is the run's figures as a Markdown table.
func loadTable(name string, run *loadRun) string {
	var b strings.Builder
	total, errs := 0, 0
	for _, op := range loadOps {
		total += len(run.lat[op])
		errs += run.errs[op]
	}
	fmt.Fprintf(&b, "\n%s：%d 个操作，%.1f 秒，%.1f 个/秒；冲突（他人先改）%d 次，其中重新打开后重试 %d 次；数据库自动重试事务 %d 次；无事可做 %d 次；出错 %d 次\n\n",
		name, total, run.wall.Seconds(), float64(total)/run.wall.Seconds(), run.conflicts, run.retried, run.storeRetries, run.idle, errs)
	fmt.Fprintf(&b, "| 操作 | 次数 | p50 | p95 | 最长 | 出错 |\n|---|---|---|---|---|---|\n")
	for _, op := range loadOps {
		ds := append([]time.Duration(nil), run.lat[op]...)
		if len(ds) == 0 && run.errs[op] == 0 {
			continue
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		p := func(q int) string {
			if len(ds) == 0 {
				return "—"
			}
			return round(ds[min(len(ds)-1, len(ds)*q/100)])
		}
		long := "—"
		if len(ds) > 0 {
			long = round(ds[len(ds)-1])
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %d |\n", op, len(ds), p(50), p(95), long, run.errs[op])
	}
	for _, e := range run.errSample {
		fmt.Fprintf(&b, "\n出错示例：%s", e)
	}
	return b.String()
}

func loadLimits(t *testing.T) (time.Duration, int, demo.Size) {
	dur, actions, size := 2*time.Minute, 0, loadSize
	if v := os.Getenv("TAIZHANG_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("TAIZHANG_LOAD_DURATION: %v", err)
		}
		dur = d
	}
	if v := os.Getenv("TAIZHANG_LOAD_ACTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("TAIZHANG_LOAD_ACTIONS: %v", err)
		}
		actions = n
	}
	if os.Getenv("TAIZHANG_LOAD_SIZE") == "small" {
		size = demo.Small
	}
	return dur, actions, size
}

// TestBenchLoad runs the mix on a file (one PC) and, when a server is given, on it (20 PCs).
func TestBenchLoad(t *testing.T) {
	dur, actions, size := loadLimits(t)
	t.Setenv(sqlite.KeyDirEnv, filepath.Join(t.TempDir(), "keys"))
	t.Logf("开始：%s", loadAverage())
	var out strings.Builder
	for _, engine := range loadEngines(t) {
		t.Run(engine.name, func(t *testing.T) {
			loadOffice(t, engine.loc, size)
			run, db := runLoad(t, engine.loc, engine.perPC, dur, actions)
			table := loadTable(engine.name, run)
			t.Log(table)
			out.WriteString(table + "\n")
			verifyLoad(t, db, run)
			for op, n := range run.errs {
				t.Errorf("%s: %d errors", op, n)
			}
		})
	}
	fmt.Print(out.String())
	fmt.Printf("\n%s\n", loadAverage())
}

type loadEngine struct {
	name  string
	loc   string
	perPC bool
}

// loadEngines are the offices the mix runs on: always a file, one program for the 20 clerks
// (a file allows one); the server of TAIZHANG_TEST_POSTGRES too when given (a fresh schema,
// dropped afterwards), one *DB per clerk.
func loadEngines(t *testing.T) []loadEngine {
	es := []loadEngine{{name: "SQLite 单机（20 人共用一个程序）", loc: filepath.Join(t.TempDir(), "load.db")}}
	if os.Getenv(dbtest.ServerEnv) != "" {
		es = append(es, loadEngine{name: "PostgreSQL（20 台电脑，各自一个连接池）", loc: dbtest.Postgres(t), perPC: true})
	} else {
		t.Logf("没有 %s：只测 SQLite", dbtest.ServerEnv)
	}
	return es
}
