package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	officeSave                                                           *button
	officeMsg                                                            *widget.Label

	// 社区与网格
	communities   []data.Community
	grids         []data.Grid
	selected      int64 // the community whose grids are shown
	communityRows *fyne.Container
	gridRows      *fyne.Container
	gridTitle     *widget.Label
	newCommunity  *keyEntry
	addCommunity  *button
	newGrid       *keyEntry
	addGrid       *button
	orgMsg        *widget.Label
	voidReason    *keyEntry // the open 作废社区 dialog's reason, for tests
	voidConfirm   *button

	// 居民标签
	tagRows *fyne.Container
	newTag  *keyEntry
	addTag  *button
	tagMsg  *widget.Label

	// 账号管理
	users                     []data.User
	userRows                  *fyne.Container
	newUsername, newUserName  *keyEntry
	newRole                   *widget.Select
	newUserPass, newUserPass2 *keyEntry
	createUser                *widget.Button
	userMsg                   *widget.Label
	keyless                   map[int64]bool // accounts with no wrap of the data key
	rotateKey                 *widget.Button
	rotatePass                *keyEntry // the open 更换数据密钥 dialog's password, for tests
	rotateConfirm             *widget.Button

	// 修改密码
	oldPass, newPass, newPass2 *keyEntry
	changePass                 *widget.Button
	passMsg                    *widget.Label

	// 工作日历, 问题来源, 问题类别, 责任单位 (issue_settings.go)
	issues *issueSettings

	// 文书设置: 文号, 字体, 法律依据 (documents_settings.go)
	docs *docSettings

	// 单位服务器 (settings_server.go)
	server *serverSettings
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
	st.tabs.Append(st.serverTab())
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
	st.officeSave = newButtonWithIcon("保存", theme.DocumentSaveIcon(), st.onSaveOffice)
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
		s.Window.SetTitle(s.title())
		if s.shell != nil {
			s.shell.office.SetText(o.Name)
		}
		s.Notify("已保存单位信息")
	})
}

// ---- 关于 ----

func (st *settingsScreen) aboutTab() fyne.CanvasObject {
	s := st.sess
	where, db := "数据库文件", s.DB.Path()
	if s.server != "" {
		where, db = "数据库", s.server
	}
	lines := formGrid(
		fieldLabel("程序", false), widget.NewLabel("台账 Taizhang — 街道办事处工作台账"),
		fieldLabel("版本", false), widget.NewLabel(Version),
		fieldLabel("数据版本", false), widget.NewLabel(fmt.Sprint(sqlite.SchemaVersion())),
		fieldLabel(where, false), widget.NewLabel(db),
	)
	fonts := mutedLabel("界面字体 Noto Sans SC，文书字体 Noto Serif SC，均依 SIL Open Font License 1.1（SIL 开源字体许可协议）使用，随程序附带，无需在电脑上另装中文字体。")
	licence := newButton("查看字体许可协议", func() {
		text := widget.NewLabel(assets.SansLicence)
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom("SIL Open Font License 1.1", "关闭", container.NewVScroll(text), s.Window)
		d.Resize(fyne.NewSize(640, 520))
		s.ShowDialog(d)
	})
	return narrow(720, container.NewVBox(card("关于台账", container.NewVBox(lines, fonts, container.NewHBox(licence)))))
}
