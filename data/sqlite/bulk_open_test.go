package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"time"

	"taizhang/data"
)

// A bulk build (Options.Bulk) commits without syncing and leaves, after Close, a whole file in
// rollback-free form: no WAL beside it, every row there on the next ordinary open. It is
// refused for a file that already exists, which holds an office a crash must not damage.
func TestBulkBuildIsWholeAfterClose(t *testing.T) {
	dbtest.FileOnly(t)
	path := filepath.Join(t.TempDir(), "bulk.db")
	db, err := Open(path, Options{Bulk: true, Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	db.BcryptCost = 4
	var sync string
	if err := db.db.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != "0" {
		t.Fatalf("bulk build synchronous = %q (%v), want 0 (OFF)", sync, err)
	}
	admin, err := db.RunSetup(context.Background(), data.Setup{
		Office: data.Office{Name: "平城区鹿苑街道办事处"}, Communities: []string{"古城社区"},
		AdminUsername: "admin", AdminName: "李管理", AdminPassword: "secret123",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := data.NewContextWithUser(context.Background(), admin)
	c := communityID(t, db, "古城社区")
	var rs []data.Resident
	for i := range 300 {
		rs = append(rs, data.Resident{Name: "王秀兰", IDNumber: idn(1950, 1+i%12, 1+i%28, 100+i*2), Address: "古城街1号", CommunityID: c})
	}
	households := make([]int, 300)
	for i := range households {
		households[i] = 1
	}
	if _, err := db.BulkResidents(ctx, rs, households); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Fatalf("a WAL of %d bytes is left beside the closed bulk build", st.Size())
	}

	again, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := countRows(t, again, "residents"); n != 300 {
		t.Fatalf("%d residents after the bulk build, want 300", n)
	}
	var mode string
	again.db.QueryRow("PRAGMA synchronous").Scan(&mode)
	if mode != "2" {
		t.Fatalf("an ordinary open has synchronous = %s, want 2 (FULL)", mode)
	}
	if _, err := Open(path, Options{Bulk: true}); err == nil {
		t.Fatal("a bulk build over an existing office was allowed")
	}
}

// While a bulk build writes, the plain secondary indexes of the issues and services are
// dropped (unique ones stay); Close makes them again, so the finished file has exactly the
// indexes of an office made the ordinary way.
func TestBulkBuildDefersAndRestoresIndexes(t *testing.T) {
	dbtest.FileOnly(t)
	indexes := func(db *DB) string {
		t.Helper()
		var all string
		err := db.db.QueryRow(`SELECT coalesce(group_concat(name || ':' || sql, char(10)), '') FROM
			(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)`).Scan(&all)
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	dir := t.TempDir()
	plain, err := Open(filepath.Join(dir, "plain.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := indexes(plain)
	plain.Close()

	path := filepath.Join(dir, "bulk.db")
	db, err := Open(path, Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	during := indexes(db)
	for _, name := range []string{"issues_status_deadline:", "services_type_date:"} {
		if !strings.Contains(want, name) || strings.Contains(during, name) {
			t.Errorf("index %s: in an ordinary office %v, during the bulk build %v", name, strings.Contains(want, name), strings.Contains(during, name))
		}
	}
	for _, name := range []string{"issues_number:", "services_number:"} {
		if !strings.Contains(during, name) {
			t.Errorf("unique index %s dropped during the bulk build", name)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := indexes(again); got != want {
		t.Fatalf("indexes after the bulk build:\n%s\nwant:\n%s", got, want)
	}
}
