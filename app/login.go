package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// loginScreen asks for the log-in name and password.
type loginScreen struct {
	sess       *Session
	username   *keyEntry
	password   *keyEntry
	message    *widget.Label
	submit     *widget.Button
	content    fyne.CanvasObject
	onLoggedIn func(u *data.User)
}

func newLoginScreen(s *Session, onLoggedIn func(*data.User)) *loginScreen {
	l := &loginScreen{sess: s, onLoggedIn: onLoggedIn}
	l.username = newEntry("登录名")
	l.password = newPasswordEntry("密码")
	l.message = newErrorLabel()
	l.submit = widget.NewButton("登录", l.onSubmit)
	l.submit.Importance = widget.HighImportance
	l.username.OnSubmitted = func(string) { s.Window.Canvas().Focus(l.password) }
	l.password.OnSubmitted = func(string) { l.onSubmit() }

	office := s.Office.Name
	if office == "" {
		office = "台账"
	}
	title := canvas.NewText("台账", colorAccent)
	title.TextSize = 30
	title.TextStyle = fyne.TextStyle{Bold: true}
	sub := widget.NewLabel(office)
	sub.Alignment = fyne.TextAlignCenter
	form := formGrid(
		fieldLabel("登录名", false), l.username,
		fieldLabel("密码", false), field(l.password, l.message),
	)
	box := container.NewVBox(container.NewCenter(title), sub, widget.NewSeparator(), form, l.submit,
		mutedLabel("忘记密码请联系本单位管理员重设。"))
	if hint, _ := s.DB.Setting(s.Ctx(), sqlite.KeyDemoHint); hint != "" {
		h := widget.NewLabel(hint) // the hint's own line breaks; wrapping overflows the card
		h.Importance = widget.LowImportance
		box.Add(h)
	}
	l.content = container.NewCenter(fixedWidth(400, card("", box)))
	return l
}

func (l *loginScreen) onSubmit() {
	user, pass := l.username.Text, l.password.Text
	if user == "" {
		setMessage(l.message, "请填写登录名")
		return
	}
	l.submit.Disable()
	setMessage(l.message, "")
	var u *data.User
	l.sess.Go(func() (err error) {
		u, err = l.sess.DB.Login(l.sess.Ctx(), user, pass)
		return err
	}, func(err error) {
		l.submit.Enable()
		if err != nil {
			var de *data.Error
			if !errors.As(err, &de) {
				l.sess.ShowError(err)
				return
			}
			setMessage(l.message, de.Message)
			l.password.SetText("")
			l.sess.Window.Canvas().Focus(l.password)
			return
		}
		l.onLoggedIn(u)
	})
}

// pageCentered wraps a page for the empty window before log-in.
func pageCentered(obj fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(colorBackground)
	return container.NewStack(bg, container.NewVBox(layout.NewSpacer(), obj, layout.NewSpacer()))
}
