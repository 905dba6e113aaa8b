package app

import (
	"strings"
	"testing"
)

// The bench's log-in (TAIZHANG_BENCH_MARKS=name:password) goes through the form as a clerk's
// would: without the variable nothing happens, a wrong password is refused on the form, the
// right one opens the main window; each submission prints its mark.
func TestBenchLogin(t *testing.T) {
	db, _ := newTestDB(t)
	s, _ := startApp(t, db)
	var out strings.Builder
	oldMarks, oldOut := benchMarks, benchOut
	t.Cleanup(func() { benchMarks, benchOut = oldMarks, oldOut })
	benchOut = &out

	benchMarks = ""
	benchLogin(s)
	benchMark("window")
	if s.shell != nil || out.Len() > 0 {
		t.Fatalf("without the variable: shell %v, marks %q", s.shell != nil, out.String())
	}
	benchMarks = testAdmin + ":not-the-password"
	benchLogin(s)
	if s.shell != nil || s.login == nil || s.login.message.Text == "" {
		t.Fatal("a wrong password got past the log-in form")
	}
	benchMarks = testAdmin + ":" + testPassword
	benchLogin(s)
	if s.shell == nil {
		t.Fatal("the right password did not open the main window")
	}
	if n := strings.Count(out.String(), "bench-mark login "); n != 2 {
		t.Fatalf("%d log-in marks, want 2: %q", n, out.String())
	}
}
