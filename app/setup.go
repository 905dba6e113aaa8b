package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// setupScreen is the first-start set-up: the office, its communities and grids, and the
// administrator account.
type setupScreen struct {
	sess                                     *Session
	officeName, shortName, government, court *keyEntry
	communities, grids                       *keyEntry
	adminUser, adminName, password, repeat   *keyEntry
	msgs                                     map[string]*widget.Label // by the store's field keys
	message                                  *widget.Label
	submit                                   *button
	content                                  fyne.CanvasObject
	onDone                                   func(*data.User)
}

func newSetupScreen(s *Session, onDone func(*data.User)) *setupScreen {
	p := &setupScreen{sess: s, onDone: onDone, msgs: map[string]*widget.Label{}}
	p.officeName = newEntry("如：平城区鹿苑街道办事处")
	p.shortName = newEntry("如：鹿苑街道")
	p.government = newEntry("如：大同市平城区人民政府")
	p.court = newEntry("如：大同市平城区人民法院")
	p.communities = newMultiLineEntry("每行一个社区，如：\n鹿苑社区\n南关社区")
	p.communities.SetMinRowsVisible(4)
	p.grids = newMultiLineEntry("可不填。每行：社区名：网格1、网格2\n如：鹿苑社区：第一网格、第二网格")
	p.grids.SetMinRowsVisible(3)
	p.adminUser = newEntry("admin")
	p.adminUser.SetText("admin")
	p.adminName = newEntry("管理员的姓名")
	p.password = newPasswordEntry("至少 8 位，含字母和数字")
	p.repeat = newPasswordEntry("再输入一次")
	p.repeat.OnSubmitted = func(string) { p.onSubmit() }
	for _, k := range []string{"office_name", "communities", "username", "name", "password", "repeat"} {
		p.msgs[k] = newErrorLabel()
	}
	p.msgs["community"] = p.msgs["communities"] // a bad community name
	p.msgs["grid"] = p.msgs["communities"]
	p.message = newErrorLabel()
	p.submit = newButton("完成设置", p.onSubmit)
	p.submit.Importance = widget.HighImportance

	office := card("单位信息", formGrid(
		fieldLabel("单位名称", true), field(p.officeName, p.msgs["office_name"]),
		fieldLabel("简称", false), p.shortName,
		fieldLabel("人民政府", false), p.government,
		fieldLabel("人民法院", false), p.court,
	))
	org := card("社区与网格", formGrid(
		fieldLabel("社区", true), field(p.communities, p.msgs["communities"]),
		fieldLabel("网格", false), p.grids,
	))
	admin := card("管理员账号", formGrid(
		fieldLabel("登录名", true), field(p.adminUser, p.msgs["username"]),
		fieldLabel("姓名", true), field(p.adminName, p.msgs["name"]),
		fieldLabel("密码", true), field(p.password, p.msgs["password"]),
		fieldLabel("确认密码", true), field(p.repeat, p.msgs["repeat"]),
	))
	intro := mutedLabel("欢迎使用台账。第一次使用请填写本单位的基本信息和管理员账号，以后可在“设置”中修改。")
	body := container.NewVBox(heading("初始设置"), intro, office, org, admin, p.message,
		container.NewHBox(p.submit))
	p.content = fixedWidth(720, container.NewPadded(body))
	return p
}

// setupGrids reads "社区名：网格1、网格2" lines.
func setupGrids(text string) map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.ReplaceAll(line, ":", "：")
		name, rest, ok := strings.Cut(line, "：")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		out[name] = append(out[name], strings.FieldsFunc(rest, func(r rune) bool {
			return r == '、' || r == ',' || r == '，' || r == ' ' || r == '　' || r == ';' || r == '；'
		})...)
	}
	return out
}

func splitLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (p *setupScreen) onSubmit() {
	for _, l := range p.msgs {
		setMessage(l, "")
	}
	setMessage(p.message, "")
	if p.password.Text != p.repeat.Text {
		setMessage(p.msgs["repeat"], "两次输入的密码不一致")
		return
	}
	setup := data.Setup{
		Office: data.Office{Name: p.officeName.Text, ShortName: p.shortName.Text,
			Government: p.government.Text, Court: p.court.Text},
		Communities:   splitLines(p.communities.Text),
		Grids:         setupGrids(p.grids.Text),
		AdminUsername: p.adminUser.Text,
		AdminName:     p.adminName.Text,
		AdminPassword: p.password.Text,
	}
	if strings.TrimSpace(setup.AdminName) == "" {
		setMessage(p.msgs["name"], "请填写管理员的姓名")
		return
	}
	p.submit.Disable()
	var u *data.User
	p.sess.Go(func() (err error) {
		u, err = p.sess.DB.RunSetup(p.sess.Ctx(), setup)
		return err
	}, func(err error) {
		p.submit.Enable()
		if err != nil {
			var de *data.Error
			if errors.As(err, &de) {
				if l, ok := p.msgs[de.Field]; ok {
					setMessage(l, de.Message)
					return
				}
			}
			setMessage(p.message, data.Message(err))
			return
		}
		p.onDone(u)
	})
}
