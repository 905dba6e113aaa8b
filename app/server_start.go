package app

import (
	"net/url"
	"os"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/data/sqlite"
)

// openServer opens the office's server at l.dbPath with the password its URL carries, the
// one sealed for the saved connection (Windows), or PGPASSWORD; without any it asks for the
// 服务器密码 first.
func (l *launcher) openServer() {
	loc := l.dbPath
	if !urlHasPassword(loc) && os.Getenv("PGPASSWORD") == "" {
		pw := savedPassword(loc)
		if pw == "" {
			l.showServerLogin("")
			return
		}
		loc = withPassword(loc, pw)
	}
	l.connect(loc)
}

// connect opens the server database at loc and starts the session on it: the set-up wizard
// for an empty database, else the log-in. A failure returns to the password page, saying why.
func (l *launcher) connect(loc string) {
	name := sqlite.LocationName(loc)
	l.w.SetTitle("台账 — " + name)
	l.w.SetContent(pageCentered(container.NewCenter(fixedWidth(480, card("", container.NewVBox(
		widget.NewLabel("正在连接"+name+"…"), widget.NewProgressBarInfinite()))))))
	l.dial(loc, l.showServerLogin)
}

// dial opens the server database at loc off the UI goroutine and begins the session on it,
// or tells failed why it could not.
func (l *launcher) dial(loc string, failed func(msg string)) {
	var db *sqlite.DB
	l.goWork(func() (err error) {
		db, err = openStore(loc)
		return err
	}, func(err error) {
		if err != nil {
			failed(connectMessage(loc, err))
			return
		}
		l.dbPath = loc
		l.begin(db)
		benchLogin(l.sess) // a server's log-in page comes after the window is shown (benchmarks.go)
	})
}

// serverLogin is the page that asks for the server's password (服务器密码) once per start
// where the system keeps none, and says why connecting failed.
type serverLogin struct {
	password *keyEntry
	connect  *button
	useFile  *button
	message  *widget.Label
}

// showServerLogin shows the password page for the server at l.dbPath, with msg (why the
// last try failed) under the password.
func (l *launcher) showServerLogin(msg string) {
	conn, _ := ConnFromURL(l.dbPath)
	name := sqlite.LocationName(l.dbPath)
	l.w.SetTitle("台账 — 连接" + name)
	p := &serverLogin{message: newErrorLabel()}
	l.server = p
	p.password = newPasswordEntry("服务器密码")
	p.connect = newButton("连接", func() {
		setMessage(p.message, "")
		l.connect(withPassword(l.dbPath, p.password.Text))
	})
	p.connect.Importance = widget.HighImportance
	p.password.OnSubmitted = func(string) { p.connect.OnTapped() }
	p.useFile = newButton("改用本机数据文件", l.switchToFile)
	quit := newButton("退出", l.w.Close)
	setMessage(p.message, msg)
	intro := mutedLabel("本单位的台账在" + name + "上，各台电脑共用。请输入数据库用户“" + conn.User + "”的密码（由单位的信息技术人员提供）：")
	note := mutedLabel("这台电脑不保存服务器密码，每次启动台账时输入一次。")
	if saved, _ := SavedServer(); canSeal && saved.Sealed != nil && sameServer(saved, conn) {
		note = mutedLabel("保存的服务器密码无法使用（可能换了 Windows 账号或电脑），请重新输入。")
	} else if canSeal {
		note = mutedLabel("连接成功后，密码由 Windows 加密保存在这台电脑上，下次不再询问。")
	}
	box := container.NewVBox(heading("连接单位服务器"), intro, p.password, p.message, note,
		container.NewHBox(p.connect, p.useFile, quit))
	l.w.SetContent(pageCentered(container.NewCenter(fixedWidth(560, card("", box)))))
	l.w.Canvas().Focus(p.password)
}

// switchToFile makes the window work on this PC's data file again (本机文件): the one opened
// last, or the default place. The server connection stays saved for 设置.
func (l *launcher) switchToFile() {
	_ = useFile()
	l.server = nil
	loc, missing := StartDatabase("")
	if sqlite.IsServerURL(loc) { // the settings could not be written
		loc, missing = DefaultDatabase(), ""
	}
	l.reopen(l.sess, loc, missing)
}

// relaunch ends sess and opens the window on loc (设置: 连接单位服务器, 改用本机数据文件).
func (l *launcher) relaunch(sess *Session, loc string) { l.reopen(sess, loc, "") }

// reopen ends sess, if any, and opens the window on loc; missing is a remembered file that
// is gone, which the first-start page mentions.
func (l *launcher) reopen(sess *Session, loc, missing string) {
	if sess != nil && l.sess == sess {
		if sess.shell != nil {
			sess.shell.unbindKeys(sess.Window.Canvas())
		}
		sess.CloseDialog()
		sess.stopWatching()
		sess.DB.Close()
		l.sess = nil
	}
	l.dbPath, l.missing = loc, missing
	l.open()
}

// urlHasPassword reports whether a server URL carries a password.
func urlHasPassword(loc string) bool {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil {
		return false
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			return true
		}
	}
	return u.Query().Get("password") != ""
}

// withPassword is the server URL loc with password pw.
func withPassword(loc, pw string) string {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil || pw == "" {
		return loc
	}
	user := ""
	if u.User != nil {
		user = u.User.Username()
	}
	u.User = url.UserPassword(user, pw)
	return u.String()
}
