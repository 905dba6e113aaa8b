package sqlite

import (
	"errors"
	"fmt"
	"sort"
	"strings"
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

// The server's errors are classified by SQLSTATE as SQLite's are by result code: a unique
// violation, a trigger's refusal (the same text as SQLite's RAISE), and a serialisation
// failure, which db.write runs again.
func TestServerErrorsBySQLState(t *testing.T) {
	if !dbtest.OnPostgres() {
		t.Skip("the server's error codes")
	}
	db, ctx := newTestDB(t)
	mustExec(t, db.db, "CREATE TABLE t (k TEXT UNIQUE)")
	mustExec(t, db.db, "CREATE TRIGGER t_frozen BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION tz_refuse('frozen')")
	mustExec(t, db.db, "INSERT INTO t VALUES ('a')")
	_, err := db.db.ExecContext(ctx, "INSERT INTO t VALUES ('a')")
	if !isUniqueViolation(err) || isTriggerAbort(err) {
		t.Errorf("duplicate: got %q (%v), want a unique violation", pgCode(err), err)
	}
	_, err = db.db.ExecContext(ctx, "UPDATE t SET k = 'b'")
	if !isTriggerAbort(err) || isUniqueViolation(err) || pgErrText(err) != "frozen" {
		t.Errorf("trigger: got %q (%v), want the trigger's refusal", pgCode(err), err)
	}
	// A transaction failing with 40001 the first time is run again, and lands.
	tries := 0
	err = db.write(ctx, func(tx *Tx) error {
		if tries++; tries == 1 {
			_, err := tx.ExecContext(tx.ctx, "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$")
			return err
		}
		_, err := tx.ExecContext(tx.ctx, "INSERT INTO t VALUES ('c')")
		return err
	})
	if err != nil || tries != 2 {
		t.Fatalf("retry: %d tries, %v", tries, err)
	}
	var n int
	docMust(t, db.db.QueryRowContext(ctx, "SELECT count(*) FROM t WHERE k = 'c'").Scan(&n))
	if n != 1 {
		t.Errorf("%d rows written by the retried transaction, want 1", n)
	}
	// One that keeps failing ends as a conflict the clerk can act on.
	err = db.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(tx.ctx, "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40P01'; END $$")
		return err
	})
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(data.Message(err), "数据库正忙") {
		t.Errorf("retries exhausted: got %v", err)
	}
}

// Part of an issue number is found whatever the case typed, on both engines (SQLite's LIKE
// ignores ASCII case; PostgreSQL's does not, so the dialect says ILIKE there).
func TestPartOfNumberAnyCase(t *testing.T) {
	e := newIssueEnv(t)
	e.at("2026-03-02")
	e.create(t, "2026-03-02")
	e.create(t, "2026-03-02")
	for _, q := range []string{"WT-2026-000", "wt-2026-000"} {
		if _, total, err := e.db.ListIssues(e.admin, data.IssueFilter{Query: q}); err != nil || total != 2 {
			t.Errorf("%s: %d issues (%v), want 2", q, total, err)
		}
	}
}

// A store opened read-only on a server cannot write even through its own connections, as
// SQLite's mode=ro cannot; the refusal is the clerk's message.
func TestServerReadOnlyIsReadOnly(t *testing.T) {
	if !dbtest.OnPostgres() {
		t.Skip("the server's read-only transactions")
	}
	db, _ := newTestDB(t)
	ro, err := Open(db.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.db.Exec("UPDATE settings SET value = value WHERE key = 'office_id'")
	if pgCode(err) != "25006" {
		t.Errorf("raw write through a read-only store: %v", err)
	}
	if got := busy(err); !errors.Is(got, data.ErrForbidden) {
		t.Errorf("its message: %v", got)
	}
}

// Open of a server database refuses, in Chinese, what SQLite's header check and application
// id refuse for a file: a database of another program, one of a newer Taizhang, and (for
// commands that need an office) an empty one; two PCs opening a new office at once make it
// once.
func TestServerOpenRefusals(t *testing.T) {
	other := dbtest.Postgres(t)
	conn, err := openRaw(other)
	docMust(t, err)
	defer conn.Close()
	if _, err := Open(other, Options{MustExist: true}); !errors.Is(err, data.ErrNotFound) || !strings.Contains(data.Message(err), "是空的") {
		t.Errorf("an empty database for a command that needs an office: %v", err)
	}
	mustExec(t, conn, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
	if _, err := Open(other, Options{}); err == nil || !strings.Contains(data.Message(err), "不是台账的数据库") {
		t.Errorf("another program's database: %v", err)
	}

	office := dbtest.Postgres(t)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(office, Options{})
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("two PCs opening a new office at once: %v", errs)
	}
	oc, err := openRaw(office)
	docMust(t, err)
	defer oc.Close()
	var n int
	docMust(t, oc.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n))
	if n != 1 {
		t.Errorf("%d migrations recorded, want the one step", n)
	}
	mustExec(t, oc, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'later', '')")
	if _, err := Open(office, Options{}); err == nil || !strings.Contains(data.Message(err), "更新版本") {
		t.Errorf("a newer program's database: %v", err)
	}
}

// After rows written with ids of their own (as a copy of an office writes them), the next
// row inserted without one gets the next free id.
func TestSyncIdentities(t *testing.T) {
	if !dbtest.OnPostgres() {
		t.Skip("a server's id sequences")
	}
	db, ctx := newTestDB(t)
	mustExec(t, db.db, "INSERT INTO communities (id, name) VALUES (40, '外来社区')")
	docMust(t, db.SyncIdentities(ctx))
	c, err := db.AddCommunity(ctx, "新社区")
	docMust(t, err)
	if c.ID != 41 {
		t.Errorf("the next community got id %d, want 41", c.ID)
	}
}
