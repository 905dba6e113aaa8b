package app

import (
	"context"
	"path/filepath"
	"sync"
	"taizhang/reports"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

// testNow is the store's clock in every test: ages never depend on the real date.
var testNow = time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)

const (
	testOffice   = "平城区鹿苑街道办事处"
	testAdmin    = "admin"
	testPassword = "Luyuan2026"
)

// newTestDB opens a real SQLite file in t.TempDir() (or a fresh schema of the test server,
// with TAIZHANG_TEST_ENGINE=postgres) and runs the first-start set-up.
func newTestDB(t *testing.T) (*sqlite.DB, *data.User) {
	t.Helper()
	db, err := sqlite.Open(dbtest.Location(t, "taizhang.db"), sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.BcryptCost = 4 // bcrypt.MinCost
	db.Now = func() time.Time { return testNow }
	admin, err := db.RunSetup(context.Background(), data.Setup{
		Office:        data.Office{Name: testOffice, ShortName: "鹿苑街道"},
		Communities:   []string{"鹿苑社区", "南关社区"},
		Grids:         map[string][]string{"鹿苑社区": {"第一网格", "第二网格"}},
		AdminUsername: testAdmin,
		AdminName:     "王建国",
		AdminPassword: testPassword,
	})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	return db, admin
}

// startApp shows the program's first page in a headless 1366×768 window.
func startApp(t *testing.T, db *sqlite.DB) (*Session, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	s := newSession(db, w, true)
	s.start()
	return s, w
}

// logIn types the log-in form and taps 登录.
func logIn(t *testing.T, s *Session, user, pass string) {
	t.Helper()
	if s.login == nil {
		t.Fatal("the log-in screen is not on show")
	}
	l := s.login
	l.username.SetText("")
	l.password.SetText("")
	test.Type(l.username, user)
	test.Type(l.password, pass)
	test.Tap(l.submit)
}

// loggedInShell starts the program and logs the administrator in.
func loggedInShell(t *testing.T) (*Session, *sqlite.DB) {
	t.Helper()
	db, _ := newTestDB(t)
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	if s.shell == nil {
		t.Fatal("log-in did not open the main window")
	}
	return s, db
}

func residentsOf(t *testing.T, s *Session) *residentsScreen {
	t.Helper()
	s.shell.Show(ScreenResidents)
	return s.shell.Screen(ScreenResidents).(*residentsScreen)
}

// addResident writes a resident straight to the store.
func addResident(t *testing.T, db *sqlite.DB, u *data.User, name string, birth time.Time, seq int, community int64) data.Resident {
	t.Helper()
	r := data.Resident{Name: name, IDNumber: data.MakeIDNumber("140202", birth, seq), CommunityID: community,
		Phone: "13835201234", Address: "鹿苑小区 3 号楼 2 单元 501", Tags: []string{"高龄", "独居"}}
	if err := db.CreateResident(data.NewContextWithUser(context.Background(), u), &r); err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return r
}

// openEmptyDB opens a new database that has not been set up.
func openEmptyDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "new.db"), sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.BcryptCost = 4
	db.Now = func() time.Time { return testNow }
	return db
}

var keyReturn = &fyne.KeyEvent{Name: fyne.KeyReturn}

// backgroundWork makes a session run its background work as the program does: work on its
// own goroutine, done through fyne.Do (which the test driver runs at once on that
// goroutine). Each piece is held until the test releases it, so a test chooses the order in
// which pieces finish and waits for them without sleeping.
type backgroundWork struct {
	t     *testing.T
	s     *Session
	mu    sync.Mutex
	gates []chan struct{}
	ends  []chan struct{}
	freed []bool
}

func runInBackground(t *testing.T, s *Session) *backgroundWork {
	t.Helper()
	b := &backgroundWork{t: t, s: s}
	s.sync = false
	s.spawn = func(job func()) {
		gate, end := make(chan struct{}), make(chan struct{})
		b.mu.Lock()
		b.gates, b.ends, b.freed = append(b.gates, gate), append(b.ends, end), append(b.freed, false)
		b.mu.Unlock()
		go func() {
			defer close(end)
			<-gate
			job()
		}()
	}
	t.Cleanup(func() {
		b.finishAll()
		s.sync, s.spawn = true, nil
	})
	return b
}

// started is how many pieces of work have started so far.
func (b *backgroundWork) started() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.gates)
}

// finish releases piece i (counted from 0) and waits until it and its done have run.
func (b *backgroundWork) finish(i int) {
	b.t.Helper()
	b.mu.Lock()
	if i >= len(b.gates) {
		b.mu.Unlock()
		b.t.Fatalf("piece %d of background work never started (%d did)", i, len(b.gates))
	}
	gate, end, freed := b.gates[i], b.ends[i], b.freed[i]
	b.freed[i] = true
	b.mu.Unlock()
	if !freed {
		close(gate)
	}
	<-end
}

// finishAll releases every piece in the order they started, those they start included, and
// waits until the session has nothing left to do.
func (b *backgroundWork) finishAll() {
	b.t.Helper()
	for i := 0; i < b.started(); i++ {
		b.finish(i)
	}
	b.s.pending.Wait()
}
