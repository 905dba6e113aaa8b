package app

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Timing marks for `make bench` (bench_test.go, issue 16): with TAIZHANG_BENCH_MARKS set the
// window prints "bench-mark NAME UNIXNANO" lines to standard error when it is shown with its
// log-in page, when the log-in is submitted and when the dashboard's numbers are on screen,
// and, when the variable holds "name:password", fills the log-in form with them and submits it
// as a clerk would (the same check of the password). Unset, nothing happens: a hidden aid for
// measuring, not a feature.
var benchMarks = os.Getenv("TAIZHANG_BENCH_MARKS")

// benchOut receives the marks (tests replace it).
var benchOut io.Writer = os.Stderr

// benchMark prints one timing mark when marks are asked for.
func benchMark(name string) {
	if benchMarks != "" {
		fmt.Fprintf(benchOut, "bench-mark %s %d\n", name, time.Now().UnixNano())
	}
}

// benchLogin submits the log-in form with the marks' account, once, when one was given.
func benchLogin(s *Session) {
	user, pass, ok := strings.Cut(benchMarks, ":")
	if !ok || s == nil || s.login == nil {
		return
	}
	s.login.username.SetText(user)
	s.login.password.SetText(pass)
	benchMark("login")
	s.login.onSubmit()
}
