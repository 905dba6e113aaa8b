package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to hold an office's lock by hand

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

// Writers at once: on a server, two PCs (two *DB pools on one schema) with several
// goroutines each; on a file, one PC with several goroutines (a file has one program).
// Every write is serialised (the office's advisory lock, SQLite's one writer), so numbers
// and the audit chain stay linear.

func TestConcurrentWritersOnAServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	pc1 := concurrentOffice(t, loc, true)
	pc2 := concurrentOffice(t, loc, false)
	concurrentWrites(t, []*sqlite.DB{pc1, pc2}, 5, 4)
	concurrentStaleMove(t, []*sqlite.DB{pc1, pc2}, 4)
	concurrentLastAdmin(t, pc1, pc2)
	mustCheck(t, pc1)
}

func TestConcurrentWritersOnOnePC(t *testing.T) {
	db := concurrentOffice(t, dbtest.Location(t, "office.db"), true)
	concurrentWrites(t, []*sqlite.DB{db}, 6, 4)
	concurrentStaleMove(t, []*sqlite.DB{db}, 6)
	concurrentLastAdmin(t, db, db)
	mustCheck(t, db)
}

// concurrentOffice is staleOffice with the office's address and phone, which a one-time
// notice prints.
func concurrentOffice(t *testing.T, loc string, build bool) *sqlite.DB {
	t.Helper()
	db := staleOffice(t, loc, build)
	if build {
		admin := as(t, db, demo.Staff[0].Username)
		o, err := db.Office(admin)
		if err != nil {
			t.Fatal(err)
		}
		o.Address, o.Phone = "平城区鹿苑街道自由路1号", "0352-1234567"
		if err := db.SaveOffice(admin, o); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// concurrentWrites runs per goroutines on each PC, each doing rounds of: a new issue, a
// one-time notice (numbered and signed at once) and a 不予受理通知书 drafted and signed. It
// then checks that no number is duplicated or skipped and that every write that returned
// success is there with the number it returned.
func concurrentWrites(t *testing.T, pcs []*sqlite.DB, per, rounds int) {
	t.Helper()
	// A deadlock (a writer waiting for a connection its own pool cannot give while it holds
	// the office's lock) fails the test instead of hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	type result struct {
		issues  map[int64]string
		docs    map[int64]bool // signed: id
		errs    []error
		numbers map[string]int
	}
	res := result{issues: map[int64]string{}, docs: map[int64]bool{}, numbers: map[string]int{}}
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		res.errs = append(res.errs, err)
		mu.Unlock()
	}
	today := data.Today(staleNow)
	var wg sync.WaitGroup
	for p, db := range pcs {
		clerk, rev := as(t, db, "chuangkou"), as(t, db, "shenhe")
		clerk, rev = withDeadline(ctx, clerk), withDeadline(ctx, rev)
		cs, err := db.Communities(clerk, false)
		if err != nil {
			t.Fatal(err)
		}
		rs, _, err := db.ListResidents(clerk, data.ResidentFilter{Limit: 1})
		if err != nil || len(rs) == 0 {
			t.Fatal(err)
		}
		for g := 0; g < per; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := 0; r < rounds; r++ {
					iss := &data.Issue{FoundOn: today, Source: "日常巡查", Category: "环境卫生", Description: fmt.Sprintf("第 %d 台电脑第 %d 路第 %d 次登记", p+1, g+1, r+1),
						CommunityID: cs[0].ID, Address: "自由小区", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", Deadline: today.AddDays(5)}
					if err := db.CreateIssue(clerk, iss, nil); err != nil {
						fail(fmt.Errorf("create issue: %w", err))
						return
					}
					id, err := db.CreateOneTimeNotice(clerk, data.DefaultServiceItems[0].Name, "王秀兰", nil)
					if err != nil {
						fail(fmt.Errorf("one-time notice: %w", err))
						return
					}
					draft, err := db.CreateRejectionDraft(clerk, rs[0].ID, rejection(today))
					if err != nil {
						fail(fmt.Errorf("draft: %w", err))
						return
					}
					number, err := db.SignDocument(rev, draft)
					if err != nil {
						fail(fmt.Errorf("sign: %w", err))
						return
					}
					mu.Lock()
					res.issues[iss.ID] = iss.Number
					res.docs[id], res.docs[draft] = true, true
					res.numbers[number]++
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for _, err := range res.errs {
		t.Error(err)
	}
	if t.Failed() {
		t.FailNow()
	}
	db := pcs[0]
	admin := as(t, db, demo.Staff[0].Username)
	want := len(pcs) * per * rounds
	if len(res.issues) != want || len(res.docs) != 2*want {
		t.Fatalf("%d issues and %d documents written, want %d and %d", len(res.issues), len(res.docs), want, 2*want)
	}
	// Issue numbers: every one returned is on its issue; the year's are 1…n, each once.
	for id, number := range res.issues {
		r, err := db.Issue(admin, id)
		if err != nil || r.Number != number {
			t.Errorf("issue %d: %q, returned %q (%v)", id, r.Number, number, err)
		}
	}
	rows, total, err := db.ListIssues(admin, data.IssueFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, r := range rows {
		_, seq, err := data.ParseIssueNumber(r.Number)
		if err != nil || seen[seq] {
			t.Errorf("issue number %s twice (%v)", r.Number, err)
		}
		seen[seq] = true
	}
	for s := 1; s <= total; s++ {
		if !seen[s] {
			t.Errorf("issue number %d skipped (%d issues)", s, total)
		}
	}
	// 文号: both registers without a gap or a repeat, every returned number signed.
	for _, key := range []string{"one_time_notice", "rejection_notice"} {
		reg, err := db.DocNumberGaps(admin, key, staleNow.Year())
		if err != nil {
			t.Fatal(err)
		}
		if len(reg.Gaps) > 0 || len(reg.Signed) != want || reg.First != 1 || reg.Last != want {
			t.Errorf("register %s: %d signed, %d…%d, gaps %v; want %d", key, len(reg.Signed), reg.First, reg.Last, reg.Gaps, want)
		}
		if key == "rejection_notice" {
			for _, n := range reg.Signed {
				if res.numbers[n] != 1 {
					t.Errorf("%s returned %d times", n, res.numbers[n])
				}
			}
		}
	}
	for id := range res.docs {
		if d, err := db.Document(admin, id); err != nil || d.Status != data.DocSigned || d.DocNumber == "" {
			t.Errorf("document %d: %s %q %v", id, d.Status, d.DocNumber, err)
		}
	}
}

// withDeadline carries ctx's deadline into a context that acts as the user of u.
func withDeadline(ctx, u context.Context) context.Context {
	return data.NewContextWithUser(ctx, data.UserFromContext(u))
}

// concurrentStaleMove: every goroutine on every PC presses 开始整改 on the same issue from
// the same screen at once; exactly one move is made, every other is refused as stale.
func concurrentStaleMove(t *testing.T, pcs []*sqlite.DB, per int) {
	t.Helper()
	iss := firstIssue(t, pcs[0], data.IssueOpen)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, stale := 0, 0
	var other []error
	// Every PC's screen is drawn before anyone presses.
	var screens []context.Context
	for _, db := range pcs {
		screens = append(screens, seen(t, db, as(t, db, "wangge"), "issues", iss.ID))
	}
	for i, db := range pcs {
		screen := screens[i]
		for g := 0; g < per; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.StartIssue(screen, iss.ID)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case data.IsStale(err):
					stale++
				default:
					other = append(other, err)
				}
			}()
		}
	}
	wg.Wait()
	if ok != 1 || stale != len(pcs)*per-1 || len(other) > 0 {
		t.Errorf("one screen, %d presses: %d made, %d refused as stale, others %v", len(pcs)*per, ok, stale, other)
	}
	h, err := pcs[0].IssueHistory(context.Background(), iss.ID)
	if err != nil {
		t.Fatal(err)
	}
	starts := 0
	for _, e := range h {
		if e.Action == data.IssueStart {
			starts++
		}
	}
	if starts != 1 {
		t.Errorf("%d 开始整改 entries in the history", starts)
	}
}

// concurrentLastAdmin: two administrators on two PCs demote each other at once; the rule
// "the last administrator stays" holds: one demotion is made, the other refused.
func concurrentLastAdmin(t *testing.T, pc1, pc2 *sqlite.DB) {
	t.Helper()
	admin := as(t, pc1, demo.Staff[0].Username)
	second := &data.User{Username: "admin2", Name: "周建华", Role: data.RoleAdmin}
	if err := pc1.CreateUser(admin, second, demo.Password); err != nil {
		t.Fatal(err)
	}
	first := *data.UserFromContext(admin)
	a1, a2 := admin, as(t, pc2, "admin2")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []struct {
		db     *sqlite.DB
		ctx    context.Context
		target data.User
	}{{pc1, a1, *second}, {pc2, a2, first}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := c.target
			u.Role = data.RoleClerk
			errs[i] = c.db.UpdateUser(c.ctx, u)
		}()
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		switch {
		case err == nil:
			made++
		case errors.Is(err, data.ErrConflict), errors.Is(err, data.ErrForbidden), errors.Is(err, data.ErrUnauthorized):
			// refused: the last administrator, or the one demoted first has no right left
		default:
			t.Errorf("demotion: %v", err)
		}
	}
	users, err := pc1.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	admins := 0
	for _, u := range users {
		if u.Role == data.RoleAdmin && !u.Disabled {
			admins++
		}
	}
	if made != 1 || admins != 1 {
		t.Errorf("%d demotions made, %d administrators left (errors %v)", made, admins, errs)
	}
}

// Two offices as two schemas of one database: a writer of one (here a transaction holding
// its office's lock, as a long import would) does not hold up the other's writes.
func TestOfficesOfOneDatabaseDoNotWaitForEachOther(t *testing.T) {
	locA, locB := dbtest.Postgres(t), dbtest.Postgres(t)
	a := concurrentOffice(t, locA, true)
	b := concurrentOffice(t, locB, true)
	clerkA, clerkB := as(t, a, "chuangkou"), as(t, b, "chuangkou")
	raw, err := sql.Open("pgx", locA)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	hold, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.Exec("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", int32(sqlite.AppID)); err != nil {
		t.Fatal(err)
	}
	write := func(db *sqlite.DB, clerk context.Context) error {
		ctx, cancel := context.WithTimeout(clerk, 3*time.Second)
		defer cancel()
		_, err := db.CreateOneTimeNotice(ctx, data.DefaultServiceItems[0].Name, "王秀兰", nil)
		return err
	}
	if err := write(b, clerkB); err != nil {
		t.Fatalf("the other office's write waited for this one's lock: %v", err)
	}
	if err := write(a, clerkA); err == nil {
		t.Fatal("a write of the office went through while its lock was held")
	}
}
