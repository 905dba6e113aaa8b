package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// Session is the working context of the window: the store, the logged-in user (nil before
// log-in) and the window. Screens receive it and do all database work through Go.
type Session struct {
	DB     *sqlite.DB
	User   *data.User
	Office data.Office
	Window fyne.Window

	shell *Shell
	login *loginScreen // the log-in form while it is on show
	// sync runs background work inline: tests and screenshots want the result before they
	// look at the screen.
	sync bool
	// spawn, when set (tests), starts each piece of background work in place of a plain go
	// statement, so a test can hold it and choose the order in which work finishes.
	spawn func(job func())
	// pending counts background work not yet finished, so that a test can wait for it
	// without sleeping (the test driver runs fyne.Do at once, so done is included there).
	pending sync.WaitGroup
	dialog  dialog.Dialog // the open dialog, which Esc closes
	// dialogEnter presses the open dialog's default button, for Enter; nil when it has none.
	dialogEnter func()
	// onLogout shows the log-in screen again.
	onLogout func()
	// openedAuditHead is the last audit entry when the program started: no change since
	// then means no backup is needed on exit.
	openedAuditHead int64
	// live hears of other PCs' changes and reloads what is on show (live.go).
	live liveState
	// relaunch closes the session and opens the window again on another database (a server
	// connection saved in 设置, or back to the file); nil in tests without a launcher.
	relaunch func(loc string)
	// server is 单位服务器 host/dbname when the ledger is on the office's server, "" for a
	// file.
	server string
}

func newSession(db *sqlite.DB, w fyne.Window, sync bool) *Session {
	return &Session{DB: db, Window: w, sync: sync}
}

// Ctx returns a context carrying the acting user, which the store checks.
func (s *Session) Ctx() context.Context {
	return data.NewContextWithUser(context.Background(), s.User)
}

// Go runs work off the UI goroutine, then done on it with work's error. A panic in work
// becomes an error that done receives (its detail logged beside the database, the store's
// transaction rolled back); a panic in done is shown and logged the same way (Guard).
func (s *Session) Go(work func() error, done func(err error)) {
	run := func() (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = s.crashed("后台操作", v, debug.Stack())
			}
		}()
		return work()
	}
	if s.live.reload && done != nil {
		// A reload for another PC's change never interrupts the clerk with a message: a
		// failure is logged, and the clerk's next action (or F5) says it if it lasts.
		shown := done
		done = func(err error) {
			s.live.quiet++
			defer func() { s.live.quiet-- }()
			shown(err)
		}
	}
	if s.sync {
		// The caller is the UI goroutine and wants the result at once.
		if err := run(); done != nil {
			s.Guard("显示结果", func() { done(err) })
		}
		return
	}
	s.pending.Add(1)
	job := func() {
		defer s.pending.Done()
		err := run()
		if done != nil {
			fyne.Do(func() { s.Guard("显示结果", func() { done(err) }) })
		}
	}
	if s.spawn != nil {
		s.spawn(job)
		return
	}
	go job()
}

// load reads with fetch off the UI goroutine, then shows what it read on it; a failed read is
// shown as an error and show is not called.
func load[T any](s *Session, fetch func(ctx context.Context) (T, error), show func(T)) {
	var v T
	s.Go(func() (err error) {
		v, err = fetch(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		show(v)
	})
}

// Guard runs fn, a UI callback, and turns a panic in it into a Chinese message on screen,
// the detail and stack logged beside the database, so that no panic reaches the clerk as a
// closed window.
func (s *Session) Guard(what string, fn func()) {
	defer func() {
		if v := recover(); v != nil {
			s.ShowError(s.crashed(what, v, debug.Stack()))
		}
	}()
	fn()
}

// crashed logs a recovered panic and returns the error to show for it.
func (s *Session) crashed(what string, v any, stack []byte) error {
	db := ""
	if s.DB != nil {
		db = s.logTarget()
	}
	msg := "程序内部出错，" + what + "未完成（未完成的修改已撤销）。"
	path, err := sqlite.LogCrash(db, what, MaskURL(fmt.Sprint(v)), stack)
	if err == nil {
		msg += "详细情况已记入日志文件“" + path + "”，请把它交给技术支持。"
	}
	return &data.Error{Kind: data.ErrInvalid, Message: msg, Err: fmt.Errorf("panic: %v", v)}
}

// logTarget is where the detail of a failure is logged: beside the database file, or in the
// user's configuration folder for a server.
func (s *Session) logTarget() string {
	if s.server != "" {
		return ""
	}
	return LogTarget(s.DB.Path())
}

// after runs fn on the UI goroutine after d; never in tests, where a message stays put.
func (s *Session) after(d time.Duration, fn func()) {
	if s.sync {
		return
	}
	time.AfterFunc(d, func() { fyne.Do(fn) })
}

// Today returns the store's clock, so tests never depend on the real date.
func (s *Session) Today() time.Time { return s.DB.Now() }

// ShowDialog shows d and remembers it so Esc can close it.
func (s *Session) ShowDialog(d dialog.Dialog) {
	s.showDialog(d, nil)
}

// showDialog shows d; enter, if set, is what Enter does while nothing in it has the focus.
func (s *Session) showDialog(d dialog.Dialog, enter func()) {
	s.dialog, s.dialogEnter = d, enter
	d.SetOnClosed(func() {
		if s.dialog == d {
			s.dialog, s.dialogEnter = nil, nil
		}
	})
	d.Show()
}

// PressDialogDefault presses the open dialog's default button; it reports whether there
// was one.
func (s *Session) PressDialogDefault() bool {
	if s.dialog == nil || s.dialogEnter == nil {
		return false
	}
	s.dialogEnter()
	return true
}

// CloseDialog closes the open dialog; it reports whether there was one.
func (s *Session) CloseDialog() bool {
	if s.dialog == nil {
		return false
	}
	d := s.dialog
	s.dialog, s.dialogEnter = nil, nil
	d.Hide()
	return true
}

// ShowError tells the user in one Chinese sentence what went wrong.
func (s *Session) ShowError(err error) {
	if err == nil {
		return
	}
	if s.DB != nil { // the detail behind the message goes to the log beside the database
		sqlite.LogError(s.logTarget(), "窗口操作", MaskErr(err))
	}
	if s.live.quiet > 0 {
		return
	}
	// The store refused the logged-in account itself (disabled since it logged in): the
	// session ends, and the message is read on the log-in screen.
	if errors.Is(err, data.ErrUnauthorized) && s.User != nil && s.onLogout != nil {
		s.onLogout()
	}
	s.ShowMessage("未能完成", MaskURL(data.Message(err)))
}

// ShowMessage shows a short message with a single 知道了 button.
func (s *Session) ShowMessage(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "知道了", l, s.Window)
	d.Resize(fyne.NewSize(420, 180))
	s.showDialog(d, func() { s.CloseDialog() })
}

// Confirm asks a yes/no question with Chinese buttons.
func (s *Session) Confirm(title, msg, yes, no string, fn func()) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	entered := false
	d := dialog.NewCustomConfirm(title, yes, no, l, func(ok bool) {
		if ok || entered {
			fn()
		}
	}, s.Window)
	d.Resize(fyne.NewSize(420, 180))
	// Enter presses the highlighted button, yes.
	s.showDialog(d, func() {
		entered = true
		s.CloseDialog()
	})
}

// LeaveForm runs leave at once when nothing was typed, and otherwise asks first whether to
// throw the typing away (Esc, 返回, 取消 on every form).
func (s *Session) LeaveForm(dirty bool, leave func()) {
	if !dirty {
		leave()
		return
	}
	s.Confirm("放弃修改", "填写的内容还没有保存，确定放弃吗？", "放弃", "继续填写", leave)
}

// Notify shows a brief confirmation (已保存 张菊花) under the top bar.
func (s *Session) Notify(msg string) {
	if s.shell != nil {
		s.shell.notify(msg)
	}
}

// Open shows the screen registered under id.
func (s *Session) Open(id string) {
	if s.shell != nil {
		s.shell.Show(id)
	}
}

// OpenResident shows a resident's page on the residents screen.
func (s *Session) OpenResident(id int64) {
	if s.shell == nil {
		return
	}
	s.shell.Show(ScreenResidents)
	if r, ok := s.shell.Screen(ScreenResidents).(*residentsScreen); ok {
		r.showDetail(id)
	}
}

// Can reports whether the logged-in user may do act (the store checks again).
func (s *Session) Can(act data.Action) bool {
	return s.User != nil && s.User.Role.Can(act)
}
