package app

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

func TestMaskURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://taizhang:Secret%21@db.local:5432/office?sslmode=verify-full", "postgres://taizhang:***@db.local:5432/office?sslmode=verify-full"},
		{"无法连接 postgresql://u:p@h/d：拒绝", "无法连接 postgresql://u:***@h/d：拒绝"},
		{"taizhang stats --db POSTGRES://u:x@h/d --json", "taizhang stats --db POSTGRES://u:***@h/d --json"},
		{"postgres://u@h/d?sslmode=require&password=hunter2", "postgres://u@h/d?sslmode=require&password=***"},
		{"postgres://h/d?password=hunter2&sslmode=disable", "postgres://h/d?password=***&sslmode=disable"},
		{"D:\\台账\\台账.db", "D:\\台账\\台账.db"},
		{"postgres://u@h/d", "postgres://u@h/d"},
	} {
		if got := MaskURL(tt.in); got != tt.want {
			t.Errorf("MaskURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	err := MaskErr(&data.Error{Kind: data.ErrConflict, Message: "连不上", Err: errors.New("dial postgres://u:hunter2@h/d: refused")})
	if strings.Contains(data.Detail(err).Error(), "hunter2") || !errors.Is(err, data.ErrConflict) {
		t.Errorf("MaskErr: %v (%v)", data.Detail(err), err)
	}
}

func TestServerNames(t *testing.T) {
	loc := "postgres://taizhang:hunter2@10.0.0.5:5433/luyuan?sslmode=verify-full"
	if !sqlite.IsServerURL(loc) || !sqlite.IsServerURL(" PostgreSQL://h/d") || sqlite.IsServerURL("postgres.db") || sqlite.IsServerURL(`C:\postgres\a.db`) {
		t.Error("IsServerURL tells a server from a file wrongly")
	}
	if got := sqlite.LocationName(loc); got != "单位服务器 10.0.0.5/luyuan" {
		t.Errorf("ServerName = %q", got)
	}
	if got := sqlite.LocationName(loc); strings.Contains(got, "hunter2") || strings.Contains(got, "taizhang") {
		t.Errorf("DatabaseName shows the user or password: %q", got)
	}
	if LogTarget(loc) != "" || LogTarget("a.db") != "a.db" {
		t.Error("a server's log goes to the configuration folder, a file's beside it")
	}
	conn := ServerConn{Host: "db.jiedao.local", Port: 5433, Database: "台账", User: "clerk", Schema: "luyuan_2026",
		SSLMode: sslVerifyFull, CAFile: "/etc/ssl/街道-ca.crt"}
	u := conn.URL("p@ss:w/rd")
	if !urlHasPassword(u) || urlHasPassword(conn.URL("")) {
		t.Errorf("password in the URL: %q", MaskURL(u))
	}
	back, ok := ConnFromURL(u)
	if !ok || !reflect.DeepEqual(back, conn) {
		t.Errorf("ConnFromURL(URL) = %+v, want %+v", back, conn)
	}
	if strings.Contains(MaskURL(u), "p@ss") || strings.Contains(MaskURL(u), "w/rd") {
		t.Errorf("masked URL still holds the password: %q", MaskURL(u))
	}
	if got := withPassword(conn.URL(""), "p@ss:w/rd"); got != u {
		t.Errorf("withPassword = %q, want %q", MaskURL(got), MaskURL(u))
	}
}

// A server connection is remembered without its password; the window starts on it, and
// back on the file after 改用本机数据文件.
func TestRememberServer(t *testing.T) {
	cfg := useTempConfig(t)
	file := filepath.Join(t.TempDir(), "台账.db")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rememberDatabase(file); err != nil {
		t.Fatal(err)
	}
	loc := "postgres://clerk:hunter2@db.local:5432/luyuan?sslmode=require"
	if err := rememberDatabase(loc); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(cfg, "taizhang", "start.json"))
	if err != nil || strings.Contains(string(raw), "hunter2") {
		t.Fatalf("settings hold the password in the clear (%v):\n%s", err, raw)
	}
	got, _ := StartDatabase("")
	if !sqlite.IsServerURL(got) || urlHasPassword(got) || sqlite.LocationName(got) != "单位服务器 db.local/luyuan" {
		t.Errorf("start on %q", MaskURL(got))
	}
	if c, _ := ConnFromURL(got); c.SSLMode != sslRequire || c.User != "clerk" {
		t.Errorf("remembered connection %+v", c)
	}
	if _, err := saveServer(ServerConn{Host: "db.local", Database: "luyuan", User: "clerk", SSLMode: sslVerifyFull}, "hunter2", true); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(filepath.Join(cfg, "taizhang", "start.json"))
	if strings.Contains(string(raw), "hunter2") {
		t.Fatalf("saveServer kept the password in the clear:\n%s", raw)
	}
	if conn, use := SavedServer(); !use || (conn.Sealed != nil) != canSeal {
		t.Errorf("saved %+v (use %v); sealed expected %v", conn, use, canSeal)
	}
	if err := useFile(); err != nil {
		t.Fatal(err)
	}
	if got, _ := StartDatabase(""); got != file {
		t.Errorf("after 改用本机数据文件: %q, want %s", got, file)
	}
	if conn, use := SavedServer(); use || conn.Host != "db.local" {
		t.Errorf("the connection is kept for later, not used: %+v %v", conn, use)
	}
}

func TestServerFormChecksFields(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := newServerForm(w, func(work func() error, done func(error)) { done(work()) })
	w.SetContent(f.content)
	f.port.SetText("54321x")
	f.host.SetText("postgres://db.local")
	if _, ok := f.conn(); ok {
		t.Fatal("a form with a URL as host, a wrong port and no database was accepted")
	}
	for key, want := range map[string]string{"host": "不要带 postgres://", "port": "1 到 65535", "database": "请填写数据库名", "user": "请填写数据库用户名"} {
		if got := f.msgs[key].Text; !strings.Contains(got, want) || !f.msgs[key].Visible() {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	f.ssl.SetSelected(sslChoices[2].label)
	if !strings.Contains(f.sslWarn.Text, "明文") || !f.caFile.entry.Disabled() {
		t.Errorf("不加密 warns %q, CA file disabled %v", f.sslWarn.Text, f.caFile.entry.Disabled())
	}
	f.ssl.SetSelected(sslChoices[0].label)
	f.host.SetText("db.local")
	f.port.SetText("5432")
	f.database.SetText("luyuan")
	f.user.SetText("clerk")
	f.caFile.entry.SetText(filepath.Join(t.TempDir(), "无此文件.crt"))
	if _, ok := f.conn(); ok || !strings.Contains(f.msgs["ca"].Text, "找不到 CA 证书文件") {
		t.Errorf("a missing CA file: %q", f.msgs["ca"].Text)
	}
	f.caFile.entry.SetText("")
	c, ok := f.conn()
	if !ok || c.SSLMode != sslVerifyFull || c.Port != 5432 || c.Name() != "单位服务器 db.local/luyuan" {
		t.Errorf("conn %+v %v", c, ok)
	}
}

// 测试连接 against the test server: a clear Chinese answer, right or wrong password, and a
// port where nothing listens.
func TestServerFormTestConnection(t *testing.T) {
	loc := os.Getenv("TAIZHANG_TEST_POSTGRES")
	if loc == "" {
		t.Skip("no PostgreSQL server (TAIZHANG_TEST_POSTGRES)")
	}
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))
	f := newServerForm(w, func(work func() error, done func(error)) { done(work()) })
	w.SetContent(f.content)
	conn, _ := ConnFromURL(loc)
	f.set(conn)
	pw := passwordOf(loc)
	f.password.SetText(pw)
	test.Tap(f.test)
	if !strings.HasPrefix(f.lastTest, "连接成功：PostgreSQL") || !strings.Contains(f.lastTest, "已加密，服务器证书已验证") {
		t.Errorf("right password: %q", f.lastTest)
	}
	f.password.SetText(pw + "x")
	test.Tap(f.test)
	if !strings.Contains(f.lastTest, "用户名或密码不对") || strings.Contains(f.lastTest, pw) {
		t.Errorf("wrong password: %q", f.lastTest)
	}
	f.port.SetText("1")
	f.password.SetText(pw)
	test.Tap(f.test)
	if !strings.Contains(f.lastTest, "连不上") && !strings.Contains(f.lastTest, "超时") {
		t.Errorf("nothing listening: %q", f.lastTest)
	}
}

// passwordOf is the password a server URL carries.
func passwordOf(loc string) string {
	u, err := url.Parse(loc)
	if err != nil || u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}

// The window on a server URL without a password: it asks for 服务器密码, says plainly when it
// is wrong (never echoing it), connects with the right one to the set-up of the empty
// office, names the server in the title, remembers the connection without the password,
// and goes back to this PC's data file on 改用本机数据文件.
func TestWindowOnServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	cfg := useTempConfig(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", filepath.Join(home, "文档"))
	t.Setenv("PGPASSWORD", "")
	pw := passwordOf(loc)
	u, _ := url.Parse(loc)
	u.User = url.User(u.User.Username())
	bare := u.String()

	l := firstStartWindow(t, bare)
	if l.server == nil {
		t.Fatal("no password page for a server URL without a password")
	}
	test.Type(l.server.password, pw+"x")
	test.Tap(l.server.connect)
	if l.sess != nil || !strings.Contains(l.server.message.Text, "密码不对") || strings.Contains(l.server.message.Text, pw) {
		t.Fatalf("wrong password: session %v, message %q", l.sess != nil, l.server.message.Text)
	}
	test.Type(l.server.password, pw)
	test.Tap(l.server.connect)
	if l.sess == nil {
		t.Fatalf("right password did not connect: %q", l.server.message.Text)
	}
	if title := l.w.Title(); !strings.Contains(title, "初始设置") {
		t.Errorf("an empty server database starts with the set-up: title %q", title)
	}
	if l.sess.title() != "台账（"+sqlite.LocationName(loc)+"）" || strings.Contains(l.sess.title(), pw) {
		t.Errorf("title %q", l.sess.title())
	}
	raw, _ := os.ReadFile(filepath.Join(cfg, "taizhang", "start.json"))
	if strings.Contains(string(raw), pw) || !strings.Contains(string(raw), `"use_server": true`) {
		t.Errorf("remembered:\n%s", raw)
	}
	l.switchToFile()
	if l.first == nil || l.sess != nil {
		t.Fatal("改用本机数据文件 did not go to this PC's first-start page")
	}
	if got, _ := StartDatabase(""); sqlite.IsServerURL(got) {
		t.Errorf("the next start is still on the server: %q", MaskURL(got))
	}
}

// 连接单位服务器 on the first-start page opens the office on the server (its log-in, as it is
// set up already); 设置 › 单位服务器 shows it and goes back to this PC's data file.
func TestConnectFromFirstStartAndBack(t *testing.T) {
	loc := dbtest.Postgres(t)
	useTempConfig(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", filepath.Join(home, "文档"))
	office, err := sqlite.Open(loc, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	office.BcryptCost = 4
	if _, err := office.RunSetup(context.Background(), data.Setup{Office: data.Office{Name: testOffice},
		Communities: []string{"鹿苑社区"}, AdminUsername: testAdmin, AdminName: "王建国", AdminPassword: testPassword}); err != nil {
		t.Fatal(err)
	}
	office.Close()

	file := filepath.Join(home, "文档", "台账", "台账.db")
	l := firstStartWindow(t, file)
	if l.first == nil {
		t.Fatal("no first-start page")
	}
	conn, _ := ConnFromURL(loc)
	l.first.server.set(conn)
	l.first.server.password.SetText(passwordOf(loc))
	test.Tap(l.first.connect)
	if l.sess == nil || l.sess.login == nil {
		t.Fatalf("连接 did not reach the office's log-in: %q", l.first.serverMsg.Text)
	}
	logIn(t, l.sess, testAdmin, testPassword)
	if l.sess.shell == nil {
		t.Fatal("could not log in on the server")
	}
	if title := l.w.Title(); !strings.Contains(title, sqlite.LocationName(loc)) || !strings.Contains(title, testOffice) {
		t.Errorf("title %q", title)
	}
	l.sess.shell.Show(ScreenSettings)
	st := l.sess.shell.Screen(ScreenSettings).(*settingsScreen)
	if !strings.Contains(st.server.now.Text, sqlite.LocationName(loc)) || !st.server.fileBtn.Visible() {
		t.Errorf("设置 › 单位服务器 says %q (改用本机数据文件 shown: %v)", st.server.now.Text, st.server.fileBtn.Visible())
	}
	test.Tap(st.server.fileBtn)
	if !l.sess.PressDialogDefault() {
		t.Fatal("no confirmation before leaving the server")
	}
	if l.sess != nil || l.first == nil {
		t.Fatal("改用本机数据文件 did not end the session and show this PC's first-start page")
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("a data file was made before 新建单位")
	}
}

// 设置 › 单位服务器 on a data file: it names the file, offers no way back to a file, and only an
// administrator may change the connection.
func TestServerSettingsOnFile(t *testing.T) {
	useTempConfig(t)
	s, db := loggedInShell(t)
	s.shell.Show(ScreenSettings)
	st := s.shell.Screen(ScreenSettings).(*settingsScreen)
	if !strings.Contains(st.server.now.Text, db.Path()) || st.server.fileBtn.Visible() || st.server.save.Disabled() {
		t.Errorf("administrator: %q, 改用本机数据文件 shown %v, 保存 disabled %v", st.server.now.Text, st.server.fileBtn.Visible(), st.server.save.Disabled())
	}
	// 保存并连接 with a missing field says so under it and asks nothing.
	test.Tap(st.server.save)
	if s.dialog != nil || !st.server.form.msgs["host"].Visible() {
		t.Error("an empty connection was offered for saving")
	}
	addStaff(t, db, s.User, "wangge", "李网格", data.RoleClerk)
	switchUser(t, s, "wangge")
	s.shell.Show(ScreenSettings)
	st = s.shell.Screen(ScreenSettings).(*settingsScreen)
	if !st.server.save.Disabled() {
		t.Error("a staff account may change the server connection")
	}
}
