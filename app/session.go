package app

import (
	"context"
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
	sync   bool
	dialog dialog.Dialog // the open dialog, which Esc closes
	// onLogout shows the log-in screen again.
	onLogout func()
	// openedAuditHead is the last audit entry when the program started: no change since
	// then means no backup is needed on exit.
	openedAuditHead int64
}

func newSession(db *sqlite.DB, w fyne.Window, sync bool) *Session {
	return &Session{DB: db, Window: w, sync: sync}
}

// Ctx returns a context carrying the acting user, which the store checks.
func (s *Session) Ctx() context.Context {
	return data.NewContextWithUser(context.Background(), s.User)
}

// Go runs work off the UI goroutine, then done on it with work's error.
func (s *Session) Go(work func() error, done func(err error)) {
	if s.sync {
		// The caller is the UI goroutine and wants the result at once.
		if err := work(); done != nil {
			done(err)
		}
		return
	}
	go func() {
		err := work()
		if done != nil {
			fyne.Do(func() { done(err) })
		}
	}()
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
	s.dialog = d
	d.SetOnClosed(func() {
		if s.dialog == d {
			s.dialog = nil
		}
	})
	d.Show()
}

// CloseDialog closes the open dialog; it reports whether there was one.
func (s *Session) CloseDialog() bool {
	if s.dialog == nil {
		return false
	}
	d := s.dialog
	s.dialog = nil
	d.Hide()
	return true
}

// ShowError tells the user in one Chinese sentence what went wrong.
func (s *Session) ShowError(err error) {
	if err == nil {
		return
	}
	s.ShowMessage("未能完成", data.Message(err))
}

// ShowMessage shows a short message with a single 知道了 button.
func (s *Session) ShowMessage(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "知道了", l, s.Window)
	d.Resize(fyne.NewSize(420, 180))
	s.ShowDialog(d)
}

// Confirm asks a yes/no question with Chinese buttons.
func (s *Session) Confirm(title, msg, yes, no string, fn func()) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, no, l, func(ok bool) {
		if ok {
			fn()
		}
	}, s.Window)
	d.Resize(fyne.NewSize(420, 180))
	s.ShowDialog(d)
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
