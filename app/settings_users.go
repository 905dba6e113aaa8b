package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// ---- 账号管理 ----

func roleNames() []string {
	var out []string
	for _, r := range data.Roles {
		out = append(out, r.String())
	}
	return out
}

func (st *settingsScreen) usersTab() fyne.CanvasObject {
	st.userRows = container.NewVBox()
	st.newUsername = newEntry("登录名，如 zhangsan")
	st.newUserName = newEntry("姓名")
	st.newRole = widget.NewSelect(roleNames(), nil)
	st.newRole.SetSelected(data.RoleClerk.String())
	st.newUserPass = newPasswordEntry("至少 8 位，含字母和数字")
	st.newUserPass2 = newPasswordEntry("再输入一次")
	st.newUserPass2.OnSubmitted = func(string) { st.onCreateUser() }
	st.createUser = widget.NewButtonWithIcon("创建账号", theme.ContentAddIcon(), st.onCreateUser)
	st.createUser.Importance = widget.HighImportance
	st.userMsg = newErrorLabel()
	manage := st.sess.Can(data.ActManageUsers)
	if !manage {
		for _, e := range []*keyEntry{st.newUsername, st.newUserName, st.newUserPass, st.newUserPass2} {
			e.Disable()
		}
		st.newRole.Disable()
		st.createUser.Disable()
	}
	note := mutedLabel(fmt.Sprintf("只有管理员可以管理账号。当前账号为%s。", st.sess.User.Role))
	if manage {
		note.Hide()
	}
	create := card("新建账号", container.NewVBox(formGrid(
		fieldLabel("登录名", true), st.newUsername,
		fieldLabel("姓名", true), st.newUserName,
		fieldLabel("角色", true), st.newRole,
		fieldLabel("初始密码", true), st.newUserPass,
		fieldLabel("确认密码", true), st.newUserPass2,
	), st.userMsg, container.NewHBox(st.createUser)))
	st.rotateKey = widget.NewButtonWithIcon("更换数据密钥", theme.ViewRefreshIcon(), st.onRotateKey)
	keyCard := card("数据密钥", container.NewVBox(mutedLabel("居民的身份证号和电话在数据库和备份中加密保存，每个账号的密码各保管一份密钥。"+
		"怀疑密钥或数据库文件外泄时，可更换数据密钥：全部号码用新密钥重新加密；之后其他账号须由管理员重设密码才能登录。"),
		container.NewHBox(st.rotateKey)))
	if !manage {
		st.rotateKey.Disable()
		keyCard.Hide()
	}
	list := card("账号", container.NewVScroll(st.userRows))
	return container.NewBorder(note, nil, nil, fixedWidth(420, container.NewVBox(create, keyCard)), list)
}

// onRotateKey asks for the administrator's password again and replaces the office's data key.
func (st *settingsScreen) onRotateKey() {
	s := st.sess
	st.rotatePass = newPasswordEntry("请输入您的登录密码以确认")
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	st.rotateConfirm = widget.NewButton("更换", func() {
		pass := st.rotatePass.Text
		s.Go(func() error { return s.DB.RotateDataKey(s.Ctx(), pass) }, func(err error) {
			if err != nil {
				setMessage(msg, data.Message(err))
				return
			}
			dlg.Hide()
			s.Notify("已更换数据密钥。其他账号须由管理员重设密码后才能登录")
			st.loadUsers()
		})
	})
	st.rotateConfirm.Importance = widget.DangerImportance
	cancel := widget.NewButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(mutedLabel("全部身份证号和电话将用新的数据密钥重新加密，并记入审计日志。更换后，除您之外的账号都须由管理员重设密码才能再登录。"),
		st.rotatePass, msg, container.NewHBox(layout.NewSpacer(), cancel, st.rotateConfirm))
	dlg = dialog.NewCustomWithoutButtons("更换数据密钥", body, s.Window)
	dlg.Resize(fyne.NewSize(480, 260))
	s.ShowDialog(dlg)
}

func (st *settingsScreen) loadUsers() {
	if !st.sess.Can(data.ActManageUsers) {
		st.userRows.Objects = []fyne.CanvasObject{mutedLabel("账号列表仅管理员可见。")}
		st.userRows.Refresh()
		return
	}
	var us []data.User
	var keyless map[int64]bool
	st.sess.Go(func() (err error) {
		if us, err = st.sess.DB.Users(st.sess.Ctx()); err != nil {
			return err
		}
		keyless, err = st.sess.DB.KeylessAccounts(st.sess.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.users, st.keyless = us, keyless
		st.renderUsers()
	})
}

func (st *settingsScreen) renderUsers() {
	st.userRows.Objects = nil
	now := st.sess.Today()
	for _, u := range st.users {
		u := u
		state := "正常"
		switch {
		case u.Disabled:
			state = "已停用"
		case now.Before(u.LockedUntil):
			state = "已锁定至 " + u.LockedUntil.Local().Format("15:04")
		case st.keyless[u.ID]:
			state = "无数据密钥，须重设密码"
		}
		info := widget.NewLabel(fmt.Sprintf("%s　%s　%s　%s", u.Username, u.Name, u.Role, state))
		if u.Disabled {
			info.Importance = widget.LowImportance
		}
		toggle := widget.NewButton("停用", func() { st.onToggleUser(u) })
		if u.Disabled {
			toggle.SetText("启用")
		}
		reset := widget.NewButton("重设密码", func() { st.onResetPassword(u) })
		role := widget.NewSelect(roleNames(), nil)
		role.SetSelected(u.Role.String())
		role.OnChanged = func(v string) {
			if r, ok := data.ParseRole(v); ok && r != u.Role {
				st.onChangeRole(u, r)
			}
		}
		if u.ID == st.sess.User.ID {
			toggle.Disable() // one does not lock oneself out
		}
		st.userRows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(110, role), toggle, reset), info))
	}
	st.userRows.Refresh()
}

func (st *settingsScreen) updateUser(u data.User, ok string) {
	s := st.sess
	s.Go(func() error { return s.DB.UpdateUser(s.Ctx(), u) }, func(err error) {
		if err != nil {
			s.ShowError(err)
		} else {
			s.Notify(ok)
		}
		st.loadUsers()
	})
}

func (st *settingsScreen) onToggleUser(u data.User) {
	u.Disabled = !u.Disabled
	if u.Disabled {
		st.updateUser(u, "已停用账号 "+u.Username)
	} else {
		st.updateUser(u, "已启用账号 "+u.Username)
	}
}

func (st *settingsScreen) onChangeRole(u data.User, r data.Role) {
	u.Role = r
	st.updateUser(u, fmt.Sprintf("已将 %s 的角色改为%s", u.Username, r))
}

func (st *settingsScreen) onCreateUser() {
	if st.newUserPass.Text != st.newUserPass2.Text {
		setMessage(st.userMsg, "两次输入的密码不一致")
		return
	}
	role, _ := data.ParseRole(st.newRole.Selected)
	u := &data.User{Username: st.newUsername.Text, Name: st.newUserName.Text, Role: role}
	pass := st.newUserPass.Text
	s := st.sess
	s.Go(func() error { return s.DB.CreateUser(s.Ctx(), u, pass) }, func(err error) {
		if err != nil {
			setMessage(st.userMsg, data.Message(err))
			return
		}
		setMessage(st.userMsg, "")
		for _, e := range []*keyEntry{st.newUsername, st.newUserName, st.newUserPass, st.newUserPass2} {
			e.SetText("")
		}
		s.Notify(fmt.Sprintf("已创建账号 %s（%s）", u.Username, u.Role))
		st.loadUsers()
	})
}

func (st *settingsScreen) onResetPassword(u data.User) {
	s := st.sess
	p1 := newPasswordEntry("新密码：至少 8 位，含字母和数字")
	p2 := newPasswordEntry("再输入一次")
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	ok := widget.NewButton("重设", func() {
		if p1.Text != p2.Text {
			setMessage(msg, "两次输入的密码不一致")
			return
		}
		pass := p1.Text
		s.Go(func() error { return s.DB.SetPassword(s.Ctx(), u.ID, "", pass) }, func(err error) {
			if err != nil {
				setMessage(msg, data.Message(err))
				return
			}
			dlg.Hide()
			s.Notify("已重设 " + u.Username + " 的密码")
		})
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("为 %s（%s）设置新密码，并解除锁定。", u.Name, u.Username)),
		p1, p2, msg, container.NewHBox(layout.NewSpacer(), cancel, ok))
	dlg = dialog.NewCustomWithoutButtons("重设密码", body, s.Window)
	dlg.Resize(fyne.NewSize(460, 280))
	s.ShowDialog(dlg)
}

// ---- 修改密码 ----

func (st *settingsScreen) passwordTab() fyne.CanvasObject {
	st.oldPass = newPasswordEntry("当前密码")
	st.newPass = newPasswordEntry("至少 8 位，含字母和数字")
	st.newPass2 = newPasswordEntry("再输入一次")
	st.newPass2.OnSubmitted = func(string) { st.onChangePassword() }
	st.passMsg = newErrorLabel()
	st.changePass = widget.NewButtonWithIcon("修改密码", theme.ConfirmIcon(), st.onChangePassword)
	st.changePass.Importance = widget.HighImportance
	form := formGrid(
		fieldLabel("原密码", true), st.oldPass,
		fieldLabel("新密码", true), st.newPass,
		fieldLabel("确认新密码", true), st.newPass2,
	)
	return narrow(520, container.NewVBox(card("修改我的密码", container.NewVBox(form, st.passMsg)), container.NewHBox(st.changePass)))
}

func (st *settingsScreen) onChangePassword() {
	if st.newPass.Text != st.newPass2.Text {
		setMessage(st.passMsg, "两次输入的新密码不一致")
		return
	}
	s := st.sess
	old, pass := st.oldPass.Text, st.newPass.Text
	s.Go(func() error { return s.DB.SetPassword(s.Ctx(), s.User.ID, old, pass) }, func(err error) {
		if err != nil {
			setMessage(st.passMsg, data.Message(err))
			return
		}
		setMessage(st.passMsg, "")
		for _, e := range []*keyEntry{st.oldPass, st.newPass, st.newPass2} {
			e.SetText("")
		}
		s.Notify("密码已修改，下次登录请使用新密码")
	})
}
