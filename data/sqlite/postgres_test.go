package sqlite

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite/dbtest"
)

// Two PCs (two handles, two pools) writing to one server at once: every write lands, the
// issue numbers are consecutive without a gap or a repeat, and the audit chain is one linear
// chain that verifies — the advisory lock makes them take turns, as SQLite's one writer did.
func TestTwoWritersOnOneServer(t *testing.T) {
	if !dbtest.OnPostgres() {
		t.Skip("two writers at once is the server's case (a file has one writer)")
	}
	e := newIssueEnv(t)
	e.at("2026-03-02")
	other, err := Open(e.db.Path(), Options{Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = e.db.Now
	const each = 12
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for _, db := range []*DB{e.db, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := db.CreateIssue(e.clerk, e.newIssue("2026-03-02"), nil); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("create: %v", err)
	}
	rows, total, err := e.db.ListIssues(e.admin, data.IssueFilter{Limit: 100})
	if err != nil || total != 2*each {
		t.Fatalf("got %d issues (%v), want %d", total, err, 2*each)
	}
	var numbers []string
	for _, r := range rows {
		numbers = append(numbers, r.Number)
	}
	sort.Strings(numbers)
	for i, n := range numbers {
		if want := fmt.Sprintf("WT-2026-%04d", i+1); n != want {
			t.Fatalf("numbers %v: #%d is %s, want %s", numbers, i, n, want)
		}
	}
	probs, n, err := e.db.VerifyAudit(e.admin)
	if err != nil || len(probs) > 0 {
		t.Fatalf("audit chain of %d entries: %v %v", n, probs, err)
	}
}
