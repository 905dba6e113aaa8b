package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"taizhang/reports"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
)

func TestLogIn(t *testing.T) {
	db, _ := newTestDB(t)
	s, w := startApp(t, db)
	if got, want := w.Title(), "台账 — "+testOffice; got != want {
		t.Errorf("window title %q, want %q", got, want)
	}

	t.Run("wrong password shows the message under the field", func(t *testing.T) {
		logIn(t, s, testAdmin, "wrong-password1")
		if s.shell != nil {
			t.Fatal("logged in with a wrong password")
		}
		msg := s.login.message
		if !msg.Visible() || !strings.HasPrefix(msg.Text, "登录名或密码不正确") {
			t.Errorf("message %q (visible %v), want 登录名或密码不正确…", msg.Text, msg.Visible())
		}
	})

	t.Run("right password opens the main window", func(t *testing.T) {
		logIn(t, s, testAdmin, testPassword)
		if s.shell == nil {
			t.Fatal("the main window did not open")
		}
		if got, want := s.shell.user.Text, "王建国（管理员）"; got != want {
			t.Errorf("user %q, want %q", got, want)
		}
		if got := s.shell.office.Text; got != testOffice {
			t.Errorf("office %q, want %q", got, testOffice)
		}
		if b := s.shell.nav[ScreenDashboard]; b.Importance == 0 || s.shell.current != ScreenDashboard {
			t.Errorf("工作台 is not the selected screen")
		}
	})

	t.Run("退出 returns to the log-in screen", func(t *testing.T) {
		test.Tap(s.shell.logout)
		if s.login == nil || s.shell != nil {
			t.Fatal("退出 did not show the log-in screen")
		}
	})
}

func TestSetupWizard(t *testing.T) {
	s, w := startApp(t, openEmptyDB(t))
	_ = w
	if s.login != nil {
		t.Fatal("a new database must start with the set-up, not the log-in")
	}
	p := newSetupScreen(s, s.loggedIn)
	test.Type(p.officeName, testOffice)
	p.communities.SetText("鹿苑社区\n南关社区")
	test.Type(p.grids, "鹿苑社区：第一网格、第二网格")
	test.Type(p.adminName, "王建国")
	test.Type(p.password, testPassword)
	test.Type(p.repeat, "other2026x")
	test.Tap(p.submit)
	if got := p.msgs["repeat"].Text; got != "两次输入的密码不一致" {
		t.Fatalf("mismatch message %q", got)
	}
	p.repeat.SetText(testPassword)
	test.Tap(p.submit)
	if s.shell == nil {
		t.Fatalf("set-up did not open the main window; message %q", p.message.Text)
	}
	gs, _ := s.DB.Grids(context.Background(), 0)
	if len(gs) != 2 {
		t.Errorf("got %d grids, want 2", len(gs))
	}
}

func TestKeyboard(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	c := s.Window.Canvas()
	ctrl := func(k fyne.KeyName) {
		c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	ctrl(fyne.KeyN)
	if r.view != "form" {
		t.Fatalf("Ctrl+N: view %q, want form", r.view)
	}
	test.Type(r.form.name, "张")
	// Esc goes through the focused entry to the window.
	r.form.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r.view != "form" || s.dialog == nil {
		t.Fatal("Esc on a typed form must ask before leaving")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) // closes the question
	if s.dialog != nil || r.view != "form" {
		t.Fatal("Esc on the question must close it and keep the form")
	}
	r.form.dirty = false
	r.form.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r.view != "list" {
		t.Errorf("Esc on an untouched form: view %q, want list", r.view)
	}
	ctrl(fyne.KeyF)
	if c.Focused() != r.query {
		t.Errorf("Ctrl+F did not focus the keyword box")
	}
}

func TestScreenshots(t *testing.T) {
	db, admin := newTestDB(t)
	cs, _ := db.Communities(context.Background(), false)
	names := []string{"张菊花", "李桂兰", "王秀英", "赵德胜", "刘玉梅", "陈志强", "杨淑珍", "黄建国"}
	for i, n := range names {
		addResident(t, db, admin, n, time.Date(1938+i*6, time.Month(i%12+1), 5+i, 0, 0, 0, 0, time.UTC), 100+i, cs[i%2].ID)
	}
	out := os.Getenv("TAIZHANG_SHOTS")
	if out == "" {
		out = t.TempDir()
	}
	test.NewTempApp(t) // restore a fresh test app afterwards
	if err := Screenshots(db, admin, out, ScreenshotSize); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"01-login.png", "02-dashboard.png", "03-residents.png", "04-resident-detail.png",
		"05-resident-form.png", "08-settings.png"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil || st.Size() < 10000 {
			t.Errorf("%s: missing or blank (%v)", f, err)
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 12: "12", 999: "999", 1000: "1,000", 1234: "1,234", 200000: "200,000", 1234567: "1,234,567"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

var _ = data.MaskIDNumber

func TestOpenFailureIsExplained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "笔记.db")
	if err := os.WriteFile(path, []byte("这不是数据库，只是一段文字。"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(path, sqlite.Options{Renderer: reports.Renderer{}})
	if err == nil {
		t.Fatal("opened a text file as a database")
	}
	msg := openMessage(path, err)
	if !strings.Contains(msg, "不是台账数据库文件") {
		t.Errorf("message %q", msg)
	}
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.SetContent(recoveryPage(w, path, "无法打开数据库", msg, false, func() {}))
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "不是台账数据库文件") {
		t.Error("the page does not show the store's message")
	}
}
