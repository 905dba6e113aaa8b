package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// serverSettings is 设置 › 单位服务器: which database this PC works on (its data file or the
// office's server), the saved connection, and the switch between the two. The connection
// is this PC's setting (in the user's configuration folder), not the office's; only an
// administrator changes it.
type serverSettings struct {
	sess    *Session
	form    *serverForm
	now     *widget.Label
	save    *button
	fileBtn *button
	msg     *widget.Label
}

func (st *settingsScreen) serverTab() *container.TabItem {
	s := st.sess
	p := &serverSettings{sess: s, msg: newErrorLabel()}
	st.server = p
	p.form = newServerForm(s.Window, func(work func() error, done func(error)) { s.Go(work, done) })
	if conn, _ := SavedServer(); conn.Host != "" {
		p.form.set(conn)
	}
	p.now = widget.NewLabel("")
	p.now.Wrapping = fyne.TextWrapWord
	p.save = newButtonWithIcon("保存并连接", theme.DocumentSaveIcon(), p.onSave)
	p.save.Importance = widget.HighImportance
	p.fileBtn = newButton("改用本机数据文件", p.onUseFile)
	p.show()
	if !st.admin() {
		p.save.Disable()
		p.fileBtn.Disable()
	}
	body := container.NewVBox(st.adminNote("更改这台电脑连接的数据库"), card("这台电脑现在使用", p.now),
		card("连接单位服务器", container.NewVBox(
			mutedLabel("几台电脑共用一本台账时，台账放在单位的数据库服务器（PostgreSQL）上。这里的设置只对这台电脑有效。"+
				"把这台电脑上已有的数据搬到服务器，请用“taizhang migrate”。"),
			p.form.content)),
		p.msg, container.NewHBox(p.save, p.fileBtn))
	return container.NewTabItemWithIcon("单位服务器", theme.StorageIcon(), container.NewVScroll(narrow(720, body)))
}

// show says which database is in use.
func (p *serverSettings) show() {
	if p.sess.server != "" {
		p.now.SetText(p.sess.server + "（几台电脑共用）")
		p.fileBtn.Show()
		return
	}
	p.now.SetText("本机数据文件：" + p.sess.DB.Path())
	p.fileBtn.Hide()
}

// onSave saves the connection and, once confirmed, logs out and opens the server.
func (p *serverSettings) onSave() {
	setMessage(p.msg, "")
	conn, ok := p.form.conn()
	if !ok {
		return
	}
	pw := p.form.password.Text
	p.sess.Confirm("连接单位服务器", "将退出当前登录，改用"+conn.Name()+"，登录后在服务器上工作。这台电脑上的数据文件不会被改动。",
		"连接", "取消", func() {
			if _, err := saveServer(conn, pw, false); err != nil {
				setMessage(p.msg, "未能保存连接设置："+err.Error())
				return
			}
			if p.sess.relaunch != nil {
				p.sess.relaunch(conn.URL(pw))
			}
		})
}

// onUseFile goes back to this PC's data file, once confirmed.
func (p *serverSettings) onUseFile() {
	p.sess.Confirm("改用本机数据文件", "将退出当前登录，改用这台电脑上的数据文件。服务器上的数据不受影响，连接设置保留，以后可以再连接。",
		"改用", "取消", func() {
			if err := useFile(); err != nil {
				setMessage(p.msg, "未能保存设置："+err.Error())
				return
			}
			loc, _ := StartDatabase("")
			if p.sess.relaunch != nil {
				p.sess.relaunch(loc)
			}
		})
}
