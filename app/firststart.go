package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// firstStart is the page shown when this PC has no office data yet: 新建单位 (the set-up
// form), 打开已有数据文件 (a .db brought from another PC, checked by the store) or 从备份恢复
// (a backup verified and restored into the default place).
type firstStart struct {
	l *launcher
	// existing is the database at the default place when it exists but was never set up.
	existing *sqlite.DB

	create, open, restore, connect *button
	openPath, backupPath           *pathField
	// server is 连接单位服务器: the office's ledger on its server, shared by its PCs.
	server    *serverForm
	serverMsg *widget.Label
	// Restoring needs an administrator's log-in, checked against the backup's accounts.
	restoreUser, restorePassword   *widget.Entry
	createMsg, openMsg, restoreMsg *widget.Label
	content                        fyne.CanvasObject
}

func newFirstStart(l *launcher, existing *sqlite.DB) *firstStart {
	p := &firstStart{l: l, existing: existing}
	p.create = newButton("新建单位", p.onCreate)
	p.create.Importance = widget.HighImportance
	p.open = newButton("打开", p.onOpen)
	p.restore = newButton("恢复", p.onRestore)
	p.createMsg, p.openMsg, p.restoreMsg = newErrorLabel(), newErrorLabel(), newErrorLabel()
	p.openPath = newPathField(l.w, "数据文件的位置，如 D:\\台账\\台账.db", []string{".db"}, documentsDir)
	p.openPath.entry.OnSubmitted = func(string) { p.onOpen() }
	p.backupPath = newPathField(l.w, "备份文件的位置", nil, func() string {
		if dir := sqlite.BackupDir(l.dbPath); dirExists(dir) {
			return dir
		}
		return documentsDir()
	})
	p.backupPath.entry.OnSubmitted = func(string) { p.onRestore() }
	p.restoreUser = widget.NewEntry()
	p.restoreUser.SetPlaceHolder("管理员登录名")
	p.restorePassword = widget.NewPasswordEntry()
	p.restorePassword.SetPlaceHolder("管理员密码")
	p.restorePassword.OnSubmitted = func(string) { p.onRestore() }

	where := fmt.Sprintf("数据将保存在：%s", l.dbPath)
	box := container.NewVBox(heading("欢迎使用台账"))
	if note := missingNote(l.missing); note != "" {
		n := widget.NewLabel(note)
		n.Importance = widget.WarningImportance
		n.Wrapping = fyne.TextWrapWord
		box.Add(n)
	}
	box.Add(mutedLabel("这台电脑上还没有台账数据。请选择："))
	box.Add(card("新建单位", container.NewVBox(
		mutedLabel("第一次使用台账：填写本单位的信息、社区和管理员账号。"),
		mutedLabel(where), p.createMsg, container.NewHBox(p.create))))
	box.Add(card("打开已有数据文件", container.NewVBox(
		mutedLabel("已经在用台账（例如从另一台电脑拷来的数据文件）：选择那个 .db 文件，以后就使用它。"),
		p.openPath.content, p.openMsg, container.NewHBox(p.open))))
	box.Add(card("从备份恢复", container.NewVBox(
		mutedLabel("用台账的备份文件恢复全部数据（先检查备份是否完好），"+where),
		p.backupPath.content,
		mutedLabel("恢复会替换全部数据，须由备份中的管理员账号登录确认："),
		container.NewGridWithColumns(2, p.restoreUser, p.restorePassword),
		p.restoreMsg, container.NewHBox(p.restore))))
	p.server = newServerForm(l.w, l.goWork)
	if conn, _ := SavedServer(); conn.Host != "" {
		p.server.set(conn)
	}
	p.serverMsg = newErrorLabel()
	p.connect = newButton("连接", p.onConnect)
	box.Add(card("连接单位服务器", container.NewVBox(
		mutedLabel("单位有数据库服务器、几台电脑共用一本台账时：填写信息技术人员给的服务器信息，先“测试连接”，再“连接”。"+
			"服务器上还没有数据时进行初始设置；已有的数据文件请用“taizhang migrate”搬到服务器。"),
		p.server.content, p.serverMsg, container.NewHBox(p.connect))))
	p.content = fixedWidth(720, container.NewPadded(box))
	return p
}

// onConnect saves the connection (the password sealed where the system can) and opens the
// office's server: its set-up when it is empty, else the log-in.
func (p *firstStart) onConnect() {
	p.clearMessages()
	conn, ok := p.server.conn()
	if !ok {
		return
	}
	pw := p.server.password.Text
	// Saved before connecting, not yet in use: a password sealed now stays with it once the
	// connection works (rememberDatabase).
	_, _ = saveServer(conn, pw, false)
	p.releaseExisting()
	p.setBusy(true)
	setMessage(p.serverMsg, "")
	p.l.dial(conn.URL(pw), func(msg string) {
		p.setBusy(false)
		setMessage(p.serverMsg, msg)
	})
}

func (p *firstStart) clearMessages() {
	setMessage(p.createMsg, "")
	setMessage(p.openMsg, "")
	setMessage(p.restoreMsg, "")
	setMessage(p.serverMsg, "")
}

func (p *firstStart) setBusy(busy bool) {
	for _, b := range []*button{p.create, p.open, p.restore, p.connect} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// releaseExisting closes the never-set-up database before another file takes its place.
func (p *firstStart) releaseExisting() {
	if p.existing != nil {
		p.existing.Close()
		p.existing = nil
	}
}

// makeDataFolder creates the folder of the default database.
func (p *firstStart) makeDataFolder() error {
	dir := filepath.Dir(p.l.dbPath)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.Conflict("无法建立数据文件夹“%s”：%v。请确认有权在这里建立文件夹，或联系单位的信息技术人员", dir, err)
	}
	return nil
}

// onCreate creates the database at the default place and shows the set-up form.
func (p *firstStart) onCreate() {
	p.clearMessages()
	if p.existing != nil {
		db := p.existing
		p.existing = nil
		p.l.begin(db)
		return
	}
	if err := p.makeDataFolder(); err != nil {
		setMessage(p.createMsg, data.Message(err))
		return
	}
	db, err := openStore(p.l.dbPath)
	if err != nil {
		setMessage(p.createMsg, openMessage(p.l.dbPath, err))
		return
	}
	p.l.begin(db)
}

// onOpen opens the chosen data file; the store refuses anything that is not a sound Taizhang
// database, in its own words.
func (p *firstStart) onOpen() {
	p.clearMessages()
	path := pickedFile(p.openPath.Path(), p.openMsg, "数据文件", "数据文件（.db）")
	if path == "" {
		return
	}
	if sqlite.IsServerURL(path) {
		setMessage(p.openMsg, "这是单位服务器的地址，不是数据文件。请在下面的“连接单位服务器”中填写服务器信息")
		return
	}
	if abs, err := filepath.Abs(path); err == nil && p.existing != nil && abs == p.existing.Path() {
		p.onCreate() // the never-set-up file itself
		return
	}
	p.releaseExisting()
	p.setBusy(true)
	var db *sqlite.DB
	p.l.goWork(func() (err error) {
		db, err = openStoreWith(path, sqlite.Options{MustExist: true})
		return err
	}, func(err error) {
		p.setBusy(false)
		if err != nil {
			setMessage(p.openMsg, openMessage(path, err))
			return
		}
		p.l.begin(db)
	})
}

// onRestore verifies the chosen backup and restores it into the default place, then opens it.
func (p *firstStart) onRestore() {
	p.clearMessages()
	from := pickedFile(p.backupPath.Path(), p.restoreMsg, "备份文件", "备份文件")
	if from == "" {
		return
	}
	if err := p.makeDataFolder(); err != nil {
		setMessage(p.restoreMsg, data.Message(err))
		return
	}
	p.releaseExisting()
	p.setBusy(true)
	dbPath := p.l.dbPath
	user, password := p.restoreUser.Text, p.restorePassword.Text
	var db *sqlite.DB
	p.l.goWork(func() error {
		if _, err := sqlite.RestoreAs(context.Background(), dbPath, from, user, password); err != nil {
			return err
		}
		var err error
		db, err = openStoreWith(dbPath, sqlite.Options{MustExist: true})
		return err
	}, func(err error) {
		p.setBusy(false)
		if err != nil {
			setMessage(p.restoreMsg, "未能恢复："+data.Message(err))
			return
		}
		p.l.begin(db)
	})
}

// pickedFile returns path when it names a file; otherwise it says under msg what to choose
// (what: 数据文件; inFolder: what to pick inside a folder) and returns "".
func pickedFile(path string, msg *widget.Label, what, inFolder string) string {
	switch {
	case path == "":
		setMessage(msg, "请填写"+what+"的位置，或点“浏览…”选择")
	case dirExists(path):
		setMessage(msg, fmt.Sprintf("“%s”是一个文件夹，请选择其中的%s", path, inFolder))
	default:
		return path
	}
	return ""
}
