package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/data"
	"taizhang/data/sqlite"
)

// settingsScreen is 设置: the office, communities and grids, resident tags, staff accounts,
// one's own password, and 关于. What only administrators may change is disabled for others,
// with the reason; the store refuses it anyway.
type settingsScreen struct {
	sess *Session
	tabs *container.AppTabs

	// 单位信息
	officeName, shortName, government, court, officeAddress, officePhone *keyEntry
	officeSave                                                           *widget.Button
	officeMsg                                                            *widget.Label

	// 社区与网格
	communities   []data.Community
	grids         []data.Grid
	selected      int64 // the community whose grids are shown
	communityRows *fyne.Container
	gridRows      *fyne.Container
	gridTitle     *widget.Label
	newCommunity  *keyEntry
	addCommunity  *widget.Button
	newGrid       *keyEntry
	addGrid       *widget.Button
	orgMsg        *widget.Label
	voidReason    *keyEntry // the open 作废社区 dialog's reason, for tests
	voidConfirm   *widget.Button

	// 居民标签
	tagRows *fyne.Container
	newTag  *keyEntry
	addTag  *widget.Button
	tagMsg  *widget.Label

	// 账号管理
	users                     []data.User
	userRows                  *fyne.Container
	newUsername, newUserName  *keyEntry
	newRole                   *widget.Select
	newUserPass, newUserPass2 *keyEntry
	createUser                *widget.Button
	userMsg                   *widget.Label

	// 修改密码
	oldPass, newPass, newPass2 *keyEntry
	changePass                 *widget.Button
	passMsg                    *widget.Label

	// 工作日历, 问题来源, 问题类别, 责任单位 (issue_settings.go)
	issues *issueSettings

	// 文书设置: 文号, 字体, 法律依据 (documents_settings.go)
	docs *docSettings
}

func newSettingsScreen(s *Session) *settingsScreen {
	st := &settingsScreen{sess: s}
	st.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("单位信息", theme.HomeIcon(), st.officeTab()),
		container.NewTabItemWithIcon("社区与网格", theme.GridIcon(), st.orgTab()),
		container.NewTabItemWithIcon("居民标签", theme.ListIcon(), st.tagsTab()),
		container.NewTabItemWithIcon("账号管理", theme.AccountIcon(), st.usersTab()),
		container.NewTabItemWithIcon("修改密码", theme.VisibilityOffIcon(), st.passwordTab()),
		container.NewTabItemWithIcon("关于", theme.InfoIcon(), st.aboutTab()),
	)
	st.issues = newIssueSettings(s)
	for _, t := range st.issues.tabs() {
		st.tabs.Append(t)
	}
	st.docs = newDocSettings(s)
	st.tabs.Append(st.docs.tab())
	return st
}

// Title implements Screen.
func (st *settingsScreen) Title() string { return "设置" }

// Content implements Screen.
func (st *settingsScreen) Content() fyne.CanvasObject {
	return container.NewBorder(heading("设置"), nil, nil, nil, st.tabs)
}

// Refresh reloads everything from the store.
func (st *settingsScreen) Refresh() {
	st.loadOffice()
	st.loadOrg()
	st.loadTags()
	st.loadUsers()
	st.issues.load()
	st.docs.load()
}

func (st *settingsScreen) admin() bool { return st.sess.Can(data.ActManageOrg) }

// adminNote explains a disabled part to a non-administrator.
func (st *settingsScreen) adminNote(what string) fyne.CanvasObject {
	l := mutedLabel(fmt.Sprintf("只有管理员可以%s。当前账号为%s，可以查看，不能修改。", what, st.sess.User.Role))
	if st.admin() {
		l.Hide()
	}
	return l
}

// ---- 单位信息 ----

func (st *settingsScreen) officeTab() fyne.CanvasObject {
	st.officeName = newEntry("如：平城区鹿苑街道办事处")
	st.shortName = newEntry("如：鹿苑街道")
	st.government = newEntry("文书救济条款中的人民政府")
	st.court = newEntry("文书救济条款中的人民法院")
	st.officeAddress = newEntry("办公地址")
	st.officePhone = newEntry("办公电话")
	st.officeMsg = newErrorLabel()
	st.officeSave = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), st.onSaveOffice)
	st.officeSave.Importance = widget.HighImportance
	st.officePhone.OnSubmitted = func(string) { st.onSaveOffice() }
	if !st.admin() {
		for _, e := range []*keyEntry{st.officeName, st.shortName, st.government, st.court, st.officeAddress, st.officePhone} {
			e.Disable()
		}
		st.officeSave.Disable()
	}
	form := formGrid(
		fieldLabel("单位名称", true), field(st.officeName, st.officeMsg),
		fieldLabel("简称", false), st.shortName,
		fieldLabel("人民政府", false), st.government,
		fieldLabel("人民法院", false), st.court,
		fieldLabel("地址", false), st.officeAddress,
		fieldLabel("电话", false), st.officePhone,
	)
	return container.NewVScroll(narrow(680, container.NewVBox(st.adminNote("修改单位信息"),
		card("单位信息", form), container.NewHBox(st.officeSave))))
}

func (st *settingsScreen) loadOffice() {
	var o data.Office
	st.sess.Go(func() (err error) {
		o, err = st.sess.DB.Office(st.sess.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.officeName.SetText(o.Name)
		st.shortName.SetText(o.ShortName)
		st.government.SetText(o.Government)
		st.court.SetText(o.Court)
		st.officeAddress.SetText(o.Address)
		st.officePhone.SetText(o.Phone)
	})
}

func (st *settingsScreen) onSaveOffice() {
	o := data.Office{Name: st.officeName.Text, ShortName: st.shortName.Text, Government: st.government.Text,
		Court: st.court.Text, Address: st.officeAddress.Text, Phone: st.officePhone.Text}
	s := st.sess
	s.Go(func() error { return s.DB.SaveOffice(s.Ctx(), o) }, func(err error) {
		if err != nil {
			setMessage(st.officeMsg, data.Message(err))
			return
		}
		setMessage(st.officeMsg, "")
		s.Office = o
		s.Window.SetTitle(windowTitle(o))
		if s.shell != nil {
			s.shell.office.SetText(o.Name)
		}
		s.Notify("已保存单位信息")
	})
}

// ---- 社区与网格 ----

func (st *settingsScreen) orgTab() fyne.CanvasObject {
	st.communityRows = container.NewVBox()
	st.gridRows = container.NewVBox()
	st.gridTitle = widget.NewLabel("网格")
	st.gridTitle.TextStyle = fyne.TextStyle{Bold: true}
	st.newCommunity = newEntry("新社区名称")
	st.addCommunity = widget.NewButtonWithIcon("添加社区", theme.ContentAddIcon(), st.onAddCommunity)
	st.newCommunity.OnSubmitted = func(string) { st.onAddCommunity() }
	st.newGrid = newEntry("新网格名称")
	st.addGrid = widget.NewButtonWithIcon("添加网格", theme.ContentAddIcon(), st.onAddGrid)
	st.newGrid.OnSubmitted = func(string) { st.onAddGrid() }
	st.orgMsg = newErrorLabel()
	if !st.admin() {
		st.newCommunity.Disable()
		st.addCommunity.Disable()
		st.newGrid.Disable()
		st.addGrid.Disable()
	}
	left := card("社区", container.NewBorder(container.NewBorder(nil, nil, nil, st.addCommunity, st.newCommunity), nil, nil, nil,
		container.NewVScroll(st.communityRows)))
	right := card("", container.NewBorder(container.NewVBox(st.gridTitle, container.NewBorder(nil, nil, nil, st.addGrid, st.newGrid)), nil, nil, nil,
		container.NewVScroll(st.gridRows)))
	return container.NewBorder(container.NewVBox(st.adminNote("调整社区和网格"), st.orgMsg), nil, nil, nil,
		container.NewGridWithColumns(2, left, right))
}

func (st *settingsScreen) loadOrg() {
	var cs []data.Community
	var gs []data.Grid
	st.sess.Go(func() (err error) {
		ctx := st.sess.Ctx()
		if cs, err = st.sess.DB.Communities(ctx, true); err != nil {
			return err
		}
		gs, err = st.sess.DB.Grids(ctx, 0)
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.communities, st.grids = cs, gs
		if st.selected == 0 && len(cs) > 0 {
			st.selected = cs[0].ID
		}
		st.renderOrg()
	})
}

func (st *settingsScreen) renderOrg() {
	st.communityRows.Objects = nil
	for _, c := range st.communities {
		c := c
		name := widget.NewButton(c.Name, func() { st.selected = c.ID; st.renderOrg() })
		name.Alignment = widget.ButtonAlignLeading
		name.Importance = widget.LowImportance
		if c.ID == st.selected {
			name.Importance = widget.HighImportance
		}
		n := 0
		for _, g := range st.grids {
			if g.CommunityID == c.ID {
				n++
			}
		}
		row := container.NewBorder(nil, nil, nil, nil, name)
		if c.Voided {
			name.SetText(c.Name + "（已作废）")
			name.Disable()
		} else {
			void := widget.NewButton("作废", func() { st.onVoidCommunity(c) })
			void.Importance = widget.LowImportance
			if !st.admin() {
				void.Disable()
			}
			row = container.NewBorder(nil, nil, nil, container.NewHBox(hint(fmt.Sprintf("%d 个网格", n)), void), name)
		}
		st.communityRows.Add(row)
	}
	if len(st.communities) == 0 {
		st.communityRows.Add(mutedLabel("还没有社区，请在上方添加。"))
	}
	st.communityRows.Refresh()

	st.gridRows.Objects = nil
	cname := ""
	for _, c := range st.communities {
		if c.ID == st.selected {
			cname = c.Name
		}
	}
	st.gridTitle.SetText(cname + " 的网格")
	for _, g := range st.grids {
		if g.CommunityID == st.selected {
			st.gridRows.Add(widget.NewLabel(g.Name))
		}
	}
	if len(st.gridRows.Objects) == 0 {
		st.gridRows.Add(mutedLabel("该社区还没有网格。网格可不设。"))
	}
	st.gridRows.Refresh()
}

func (st *settingsScreen) onAddCommunity() {
	name := st.newCommunity.Text
	s := st.sess
	var c data.Community
	s.Go(func() (err error) {
		c, err = s.DB.AddCommunity(s.Ctx(), name)
		return err
	}, func(err error) {
		if err != nil {
			setMessage(st.orgMsg, data.Message(err))
			return
		}
		setMessage(st.orgMsg, "")
		st.newCommunity.SetText("")
		st.selected = c.ID
		s.Notify("已添加社区 " + c.Name)
		st.loadOrg()
	})
}

func (st *settingsScreen) onAddGrid() {
	name, cid := st.newGrid.Text, st.selected
	if cid == 0 {
		setMessage(st.orgMsg, "请先在左侧选择一个社区")
		return
	}
	s := st.sess
	s.Go(func() error { _, err := s.DB.AddGrid(s.Ctx(), cid, name); return err }, func(err error) {
		if err != nil {
			setMessage(st.orgMsg, data.Message(err))
			return
		}
		setMessage(st.orgMsg, "")
		st.newGrid.SetText("")
		s.Notify("已添加网格 " + strings.TrimSpace(name))
		st.loadOrg()
	})
}

func (st *settingsScreen) onVoidCommunity(c data.Community) {
	s := st.sess
	st.voidReason = newEntry("作废原因（必填），如：社区合并")
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	st.voidConfirm = widget.NewButton("确认作废", func() {
		reason := st.voidReason.Text
		s.Go(func() error { return s.DB.VoidCommunity(s.Ctx(), c.ID, reason) }, func(err error) {
			if err != nil {
				setMessage(msg, data.Message(err))
				return
			}
			dlg.Hide()
			s.Notify("已作废社区 " + c.Name)
			st.loadOrg()
		})
	})
	st.voidConfirm.Importance = widget.DangerImportance
	st.voidConfirm.Disable()
	st.voidReason.OnChanged = func(t string) { enable(st.voidConfirm, strings.TrimSpace(t) != "") }
	cancel := widget.NewButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("作废社区“%s”？还有居民的社区不能作废。", c.Name)),
		st.voidReason, msg, container.NewHBox(layout.NewSpacer(), cancel, st.voidConfirm))
	dlg = dialog.NewCustomWithoutButtons("作废社区", body, s.Window)
	dlg.Resize(fyne.NewSize(480, 240))
	s.ShowDialog(dlg)
}

// ---- 居民标签 ----

func (st *settingsScreen) tagsTab() fyne.CanvasObject {
	st.tagRows = container.NewVBox()
	st.newTag = newEntry("新标签，如：重点关注")
	st.addTag = widget.NewButtonWithIcon("添加标签", theme.ContentAddIcon(), st.onAddTag)
	st.newTag.OnSubmitted = func(string) { st.onAddTag() }
	st.tagMsg = newErrorLabel()
	if !st.admin() {
		st.newTag.Disable()
		st.addTag.Disable()
	}
	top := container.NewVBox(st.adminNote("调整居民标签"),
		mutedLabel("居民档案中可勾选的标签。移除后，已有档案上的标签仍保留。"),
		container.NewBorder(nil, nil, nil, st.addTag, st.newTag), st.tagMsg)
	return narrow(560, card("居民标签", container.NewBorder(top, nil, nil, nil, container.NewVScroll(st.tagRows))))
}

func (st *settingsScreen) loadTags() {
	var tags []string
	st.sess.Go(func() (err error) {
		tags, err = st.sess.DB.CatalogValues(st.sess.Ctx(), data.CatalogTags)
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.tagRows.Objects = nil
		for _, t := range tags {
			t := t
			rm := widget.NewButton("移除", func() { st.onVoidTag(t) })
			rm.Importance = widget.LowImportance
			if !st.admin() {
				rm.Disable()
			}
			st.tagRows.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(t)))
		}
		st.tagRows.Refresh()
	})
}

func (st *settingsScreen) onAddTag() {
	v := st.newTag.Text
	s := st.sess
	s.Go(func() error { return s.DB.AddCatalog(s.Ctx(), data.CatalogTags, v) }, func(err error) {
		if err != nil {
			setMessage(st.tagMsg, data.Message(err))
			return
		}
		setMessage(st.tagMsg, "")
		st.newTag.SetText("")
		s.Notify("已添加标签 " + strings.TrimSpace(v))
		st.loadTags()
	})
}

func (st *settingsScreen) onVoidTag(v string) {
	s := st.sess
	s.Confirm("移除标签", fmt.Sprintf("从标签列表中移除“%s”？已有档案上的这个标签仍保留。", v), "移除", "取消", func() {
		s.Go(func() error { return s.DB.VoidCatalog(s.Ctx(), data.CatalogTags, v) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已移除标签 " + v)
			st.loadTags()
		})
	})
}

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
	list := card("账号", container.NewVScroll(st.userRows))
	return container.NewBorder(note, nil, nil, fixedWidth(420, create), list)
}

func (st *settingsScreen) loadUsers() {
	if !st.sess.Can(data.ActManageUsers) {
		st.userRows.Objects = []fyne.CanvasObject{mutedLabel("账号列表仅管理员可见。")}
		st.userRows.Refresh()
		return
	}
	var us []data.User
	st.sess.Go(func() (err error) {
		us, err = st.sess.DB.Users(st.sess.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.users = us
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

// ---- 关于 ----

func (st *settingsScreen) aboutTab() fyne.CanvasObject {
	s := st.sess
	lines := formGrid(
		fieldLabel("程序", false), widget.NewLabel("台账 Taizhang — 街道办事处工作台账"),
		fieldLabel("版本", false), widget.NewLabel(Version),
		fieldLabel("数据版本", false), widget.NewLabel(fmt.Sprint(sqlite.SchemaVersion())),
		fieldLabel("数据库文件", false), widget.NewLabel(s.DB.Path()),
	)
	fonts := mutedLabel("界面字体 Noto Sans SC，文书字体 Noto Serif SC，均依 SIL Open Font License 1.1（SIL 开源字体许可协议）使用，随程序附带，无需在电脑上另装中文字体。")
	licence := widget.NewButton("查看字体许可协议", func() {
		text := widget.NewLabel(assets.SansLicence)
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom("SIL Open Font License 1.1", "关闭", container.NewVScroll(text), s.Window)
		d.Resize(fyne.NewSize(640, 520))
		s.ShowDialog(d)
	})
	return narrow(720, container.NewVBox(card("关于台账", container.NewVBox(lines, fonts, container.NewHBox(licence)))))
}
