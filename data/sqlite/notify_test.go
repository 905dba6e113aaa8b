package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite/dbtest"
)

// heardWithin waits up to d for what Watch reports next.
func heardWithin(t *testing.T, heard <-chan []string, d time.Duration) []string {
	t.Helper()
	select {
	case k := <-heard:
		return k
	case <-time.After(d):
		t.Fatalf("nothing heard within %v", d)
		return nil
	}
}

// Two handles on one server office: each hears the other's writes, named by the tables their
// audit entries name, never its own; a listening connection the server drops is made again
// and reported as AnyChange; other offices' schemas on the same database are not heard.
func TestWatchHearsOtherHandles(t *testing.T) {
	b := make([]byte, 4)
	rand.Read(b)
	app := "tzwatch_" + hex.EncodeToString(b)
	loc := dbtest.Postgres(t) + "&application_name=" + app
	open := func(loc string) *DB {
		db, err := Open(loc, Options{Renderer: testRenderer})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		db.Now = func() time.Time { return testNow }
		db.BcryptCost = 4
		return db
	}
	setup := func(db *DB) context.Context {
		admin, err := db.RunSetup(context.Background(), data.Setup{Office: data.Office{Name: "平城区鹿苑街道办事处"},
			Communities: []string{"古城社区"}, AdminUsername: "admin", AdminName: "李管理", AdminPassword: "secret123"})
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		return data.NewContextWithUser(context.Background(), admin)
	}
	db := open(loc)
	admin := setup(db)
	other := open(loc)
	u, err := other.Login(context.Background(), "admin", "secret123")
	if err != nil {
		t.Fatal(err)
	}
	otherCtx := data.NewContextWithUser(context.Background(), u)
	neighbour := open(dbtest.Postgres(t)) // another office's schema in the same database
	neighbourCtx := setup(neighbour)

	heard := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := db.Watch(ctx, func(k []string) { heard <- k }); err != nil {
		t.Fatalf("watch: %v", err)
	}
	resident := func(ctx context.Context, db *DB, name string, seq int) {
		t.Helper()
		cs, err := db.Communities(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		r := data.Resident{Name: name, IDNumber: idn(1950, 3, 1, seq), CommunityID: cs[0].ID}
		if err := db.CreateResident(ctx, &r); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
	}
	if _, err := db.AddCommunity(admin, "东关社区"); err != nil { // this handle's own write
		t.Fatal(err)
	}
	if _, err := neighbour.AddCommunity(neighbourCtx, "南关社区"); err != nil { // another office
		t.Fatal(err)
	}
	resident(otherCtx, other, "张菊花", 12)
	if k := heardWithin(t, heard, 2*time.Second); !slices.Contains(k, "residents") || slices.Contains(k, "communities") {
		t.Fatalf("heard %v first, want the other handle's residents only", k)
	}

	// The server drops the listening connection: Watch connects again and says AnyChange.
	var n int
	if err := other.SQL().QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = ? AND query = 'LISTEN `+changesChannel+`'`, app).Scan(&n); err != nil || n != 1 {
		t.Fatalf("terminated %d listeners (%v)", n, err)
	}
	if k := heardWithin(t, heard, 5*time.Second); !slices.Equal(k, []string{AnyChange}) {
		t.Fatalf("after the connection was dropped: heard %v, want %s", k, AnyChange)
	}
	resident(otherCtx, other, "李桂兰", 13)
	if k := heardWithin(t, heard, 2*time.Second); !slices.Contains(k, "residents") {
		t.Fatalf("after reconnecting: heard %v", k)
	}
}

// On a file Watch does nothing and returns at once.
func TestWatchOnFile(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "taizhang.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Watch(context.Background(), func([]string) { t.Error("a file reported a change") }); err != nil {
		t.Fatal(err)
	}
}
