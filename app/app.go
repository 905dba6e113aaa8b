// Package app is Taizhang's desktop interface (Fyne): the set-up wizard, the log-in, the main
// window with its navigation rail, and the screens. It holds no business rule: validation and
// permissions come from taizhang/data and the store.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	_ "taizhang/app/uilocale" // Fyne in Chinese and quiet under LANG=C
	"taizhang/data"
	"taizhang/data/sqlite"
)

// AppID identifies the program to the desktop (preferences, notifications).
const AppID = "cn.taizhang.desktop"

// Version is shown in 设置 › 关于; main sets it from the build.
var Version = "开发版"

// Run opens the database at dbPath and runs the program until its window is closed: the
// first-start page when the office has no data yet (新建单位, 打开已有数据文件, 从备份恢复),
// else the log-in, then the main window. missing is a remembered database that could not be
// found, which the first-start page mentions. An error means the window could not be shown.
func Run(dbPath, missing string) error {
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(NewTheme())
	started := false
	w := a.NewWindow("台账")
	w.Resize(fyne.NewSize(1366, 768))
	w.CenterOnScreen()

	l := newLauncher(w, dbPath, missing, false)
	a.Lifecycle().SetOnStarted(func() {
		started = true
		benchMark("window")
		benchLogin(l.sess)
	})
	w.SetCloseIntercept(l.onClose)
	l.open()
	w.ShowAndRun()
	l.closeDB()
	if !started {
		// Fyne gives up without a window (and only an English log line) when the graphics
		// driver fails after the start-up check passed.
		return data.Conflict("台账的程序窗口未能打开：图形系统启动失败。请更新显卡驱动；云桌面或虚拟机请开启“3D 加速”；仍不能打开时请联系单位的信息技术人员")
	}
	return nil
}

// launcher takes the window from start to a working session: it opens the database, shows
// the first-start page, the recovery page or the session's log-in, and closes the database
// (with a backup) when the window closes.
type launcher struct {
	w       fyne.Window
	dbPath  string // the database the window works on
	missing string // a remembered database that was not found
	// sync runs work inline (tests).
	sync    bool
	sess    *Session
	first   *firstStart  // the first-start page while it is on show
	server  *serverLogin // the server password page while it is on show
	closing bool
}

func newLauncher(w fyne.Window, dbPath, missing string, sync bool) *launcher {
	return &launcher{w: w, dbPath: dbPath, missing: missing, sync: sync}
}

// goWork runs work off the UI goroutine (inline in tests), then done on it.
func (l *launcher) goWork(work func() error, done func(error)) {
	if l.sync {
		done(work())
		return
	}
	go func() {
		err := work()
		fyne.Do(func() { done(err) })
	}()
}

// open opens the database, or shows the first-start page when there is none yet or it was
// never set up, or the recovery page when it cannot be opened.
func (l *launcher) open() {
	l.first, l.server = nil, nil
	if sqlite.IsServerURL(l.dbPath) {
		l.openServer() // server_start.go
		return
	}
	if _, err := os.Stat(l.dbPath); errors.Is(err, os.ErrNotExist) {
		l.showFirstStart(nil)
		return
	}
	db, err := openStore(l.dbPath)
	if err != nil {
		// Only a damaged file is worth replacing by a backup; a file in use, or one from a
		// newer program, is not.
		var de *data.Error
		damaged := errors.As(err, &de) && de.Err != nil && !errors.Is(err, data.ErrConflict)
		l.w.SetContent(recoveryPage(l.w, l.dbPath, "无法打开数据库", openMessage(l.dbPath, err), damaged, l.open))
		return
	}
	if need, err := db.SetupNeeded(context.Background()); err == nil && need {
		l.showFirstStart(db)
		return
	}
	l.begin(db)
}

func (l *launcher) showFirstStart(existing *sqlite.DB) {
	l.w.SetTitle("台账 — 开始使用")
	l.first = newFirstStart(l, existing)
	l.w.SetContent(pageScrolled(l.first.content))
}

// begin starts the session on db: the log-in, or the set-up form for a new office. The
// database is remembered for the next start.
func (l *launcher) begin(db *sqlite.DB) {
	l.first, l.server = nil, nil
	if p := db.Path(); p != "" && !sqlite.IsServerURL(p) {
		l.dbPath = p // a server's location is the one connected to, with its password
	}
	// Not remembering only costs the clerk a choice at the next start.
	_ = rememberDatabase(l.dbPath)
	sess := newSession(db, l.w, l.sync)
	l.sess = sess
	sess.relaunch = func(loc string) { l.relaunch(sess, loc) }
	if sqlite.IsServerURL(l.dbPath) {
		sess.server = sqlite.LocationName(l.dbPath)
	}
	head, _ := db.AuditHead(context.Background())
	if sqlite.IsServerURL(l.dbPath) {
		// The server's integrity and its backups are the server's (pg_dump, `taizhang
		// check`): no PC reads the whole office at each start or keeps a copy of it. Other
		// PCs' changes reach the screens on show (live.go).
		ctx, cancel := context.WithCancel(context.Background())
		sess.live.stop = cancel
		go func() { _ = db.Watch(ctx, sess.changed) }() // it keeps trying when the first try fails
		sess.start()
		sess.openedAuditHead = head
		return
	}
	sess.Go(func() error {
		// The integrity check reads the whole file (seconds on a large office), so it runs
		// beside the log-in page; a damaged file takes the window to the recovery page.
		if err := db.QuickCheck(context.Background()); err != nil {
			return err
		}
		// The daily automatic backup; a failure here must not stop the office working.
		_, _ = db.AutoBackup(context.Background(), false)
		return nil
	}, func(err error) {
		if err != nil && l.sess == sess {
			db.Close()
			l.sess = nil
			l.w.SetContent(recoveryPage(l.w, l.dbPath, "数据库检查未通过", data.Message(err), true, l.open))
		}
	})
	sess.start()
	sess.openedAuditHead = head
}

// onClose closes the window after the backup on exit.
func (l *launcher) onClose() {
	w := l.w
	if l.sess == nil {
		l.closeDB()
		w.Close()
		return
	}
	if l.closing {
		return
	}
	l.closing = true
	s := l.sess
	s.stopWatching()
	if sqlite.IsServerURL(l.dbPath) { // no backup on this PC of the office's server
		s.DB.Close()
		l.sess = nil
		w.Close()
		return
	}
	// The backup on exit is skipped when nothing was changed since the program started
	// and today's automatic backup exists; otherwise the clerk sees why closing waits.
	if head, err := s.DB.AuditHead(context.Background()); err == nil && head == s.openedAuditHead && backedUpToday(s.DB) {
		s.DB.Close()
		l.sess = nil
		w.Close()
		return
	}
	wait := dialog.NewCustomWithoutButtons("正在退出", container.NewVBox(
		widget.NewLabel("正在自动备份数据，请稍候…"), widget.NewProgressBarInfinite()), w)
	wait.Show()
	go func() {
		_, _ = s.DB.AutoBackup(context.Background(), true)
		fyne.Do(func() {
			s.DB.Close()
			l.sess = nil
			w.Close()
		})
	}()
}

// closeDB closes whatever database the window still holds.
func (l *launcher) closeDB() {
	if l.sess != nil {
		l.sess.stopWatching()
		l.sess.DB.Close()
		l.sess = nil
	}
	if l.first != nil && l.first.existing != nil {
		l.first.existing.Close()
		l.first.existing = nil
	}
}

// pageScrolled wraps a page taller than the window before log-in: the page scrolls, centred
// while it fits.
func pageScrolled(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(colorBackground), container.NewVScroll(container.NewCenter(obj)))
}

// backedUpToday reports whether an automatic backup of the database was written today.
func backedUpToday(db *sqlite.DB) bool {
	list, err := sqlite.Backups(db.Path())
	if err != nil || len(list) == 0 {
		return false
	}
	y1, m1, d1 := list[0].Time.Date()
	y2, m2, d2 := db.Now().Local().Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// openMessage explains why the database did not open, in the store's words when it has them.
func openMessage(path string, err error) string {
	var de *data.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return fmt.Sprintf("无法打开数据库文件“%s”。请确认文件存在、未被其他程序占用，且本机磁盘有空间。", path)
}

// recoveryPage says plainly what is wrong with the database and offers the newest good
// automatic backup, if there is one.
func recoveryPage(w fyne.Window, dbPath, title, msg string, offerBackup bool, reopen func()) fyne.CanvasObject {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	status := newErrorLabel()
	quit := newButton("退出", w.Close)
	box := container.NewVBox(container.NewHBox(widget.NewIcon(theme.ErrorIcon()), heading(title)), text)
	if !offerBackup {
		box.Add(container.NewHBox(quit))
		return pageCentered(container.NewCenter(fixedWidth(560, card("", box))))
	}
	if b, err := sqlite.NewestGoodBackup(context.Background(), dbPath); err == nil {
		when := b.Time.In(data.OfficeZone).Format("2006-01-02 15:04")
		box.Add(mutedLabel(fmt.Sprintf("找到最新的可用备份：%s（%s）。恢复后，当前文件会另存一份，不会丢失。", when, b.Path)))
		// Restoring replaces everything: an administrator of the backup logs in for it.
		user := widget.NewEntry()
		user.SetPlaceHolder("管理员登录名")
		password := widget.NewPasswordEntry()
		password.SetPlaceHolder("管理员密码")
		restore := newButton("用此备份恢复", nil)
		restore.Importance = widget.HighImportance
		restore.OnTapped = func() {
			restore.Disable()
			if _, err := sqlite.RestoreAs(context.Background(), dbPath, b.Path, user.Text, password.Text); err != nil {
				restore.Enable()
				setMessage(status, data.Message(err))
				return
			}
			reopen()
		}
		password.OnSubmitted = func(string) { restore.OnTapped() }
		box.Add(mutedLabel("恢复须由管理员登录确认（按备份中的账号核对）："))
		box.Add(container.NewGridWithColumns(2, user, password))
		box.Add(container.NewHBox(restore, quit))
	} else {
		box.Add(mutedLabel("没有找到可用的自动备份。请联系管理员，或用“taizhang restore”从备份文件恢复。"))
		box.Add(container.NewHBox(quit))
	}
	box.Add(status)
	return pageCentered(container.NewCenter(fixedWidth(560, card("", box))))
}

// start shows the set-up wizard or the log-in screen.
func (s *Session) start() {
	s.onLogout = s.logout
	office, err := s.DB.Office(context.Background())
	if err == nil {
		s.Office = office
	}
	need, err := s.DB.SetupNeeded(context.Background())
	if err != nil {
		s.ShowError(err)
	}
	if need {
		s.Window.SetTitle("台账 — 初始设置")
		p := newSetupScreen(s, s.loggedIn)
		s.Window.SetContent(pageScrolled(p.content))
		s.Window.Canvas().Focus(p.officeName)
		return
	}
	s.showLogin()
}

func (s *Session) showLogin() {
	s.Window.SetTitle(s.title())
	l := newLoginScreen(s, s.loggedIn)
	s.login = l
	s.Window.SetContent(pageCentered(l.content))
	s.Window.Canvas().Focus(l.username)
}

// loggedIn opens the main window for u.
func (s *Session) loggedIn(u *data.User) {
	s.User = u
	s.login = nil
	if office, err := s.DB.Office(context.Background()); err == nil {
		s.Office = office
	}
	s.Window.SetTitle(s.title())
	sh := newShell(s)
	s.Window.SetContent(withTips(s.Window.Canvas(), sh.Content()))
	sh.bindKeys(s.Window.Canvas())
	sh.Show(ScreenDashboard)
}

func (s *Session) logout() {
	if s.shell != nil {
		s.shell.unbindKeys(s.Window.Canvas())
	}
	s.CloseDialog()
	s.shell = nil
	s.User = nil
	s.DB.Lock() // the office's data key leaves with the account (crypt.go)
	s.showLogin()
}

// title is the window's title: 台账 — the office, and 单位服务器 host/dbname when the
// ledger is on the office's server.
func (s *Session) title() string {
	t := "台账"
	if s.Office.Name != "" {
		t += " — " + s.Office.Name
	}
	if s.server != "" {
		t += "（" + s.server + "）"
	}
	return t
}
