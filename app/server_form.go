package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/jackc/pgx/v5"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// sslChoices are the 加密连接 choices of a saved connection, as shown and as pgx spells them.
var sslChoices = []struct{ label, mode string }{
	{"加密并验证服务器证书（推荐）", sslVerifyFull},
	{"加密，不验证服务器证书", sslRequire},
	{"不加密（不安全）", sslDisable},
}

// serverForm is 连接单位服务器: the server's address, port, database, user and password, the
// 加密连接 choice with the CA certificate, and 测试连接. The first-start page and 设置 show it.
type serverForm struct {
	w                          fyne.Window
	host, port, database, user *keyEntry
	schema                     *keyEntry
	password                   *keyEntry
	ssl                        *widget.Select
	caFile                     *pathField
	caRow                      fyne.CanvasObject
	sslWarn                    *widget.Label
	test                       *button
	result                     *widget.Label // 测试连接's answer
	msgs                       map[string]*widget.Label
	content                    fyne.CanvasObject
	goWork                     func(work func() error, done func(error))
	testing                    bool
	lastTest                   string // the last answer, for tests
	passwordNote               string
}

func newServerForm(w fyne.Window, goWork func(func() error, func(error))) *serverForm {
	f := &serverForm{w: w, goWork: goWork, msgs: map[string]*widget.Label{}}
	f.host = newEntry("服务器的地址，如 192.168.1.10 或 db.jiedao.local")
	f.port = newEntry(strconv.Itoa(defaultPort))
	f.port.SetText(strconv.Itoa(defaultPort))
	f.database = newEntry("数据库名，如 taizhang")
	f.user = newEntry("数据库用户名，如 taizhang")
	f.schema = newEntry("可不填；一个数据库放几个单位时，填本单位的模式名")
	f.password = newPasswordEntry("数据库用户的密码")
	for _, k := range []string{"host", "port", "database", "user", "schema", "ca"} {
		f.msgs[k] = newErrorLabel()
	}
	labels := make([]string, len(sslChoices))
	for i, c := range sslChoices {
		labels[i] = c.label
	}
	f.sslWarn = newErrorLabel()
	f.caFile = newPathField(w, "签发服务器证书的 CA 证书文件（.crt / .pem），由单位的信息技术人员提供", []string{".crt", ".pem", ".cer"}, documentsDir)
	f.caRow = field(f.caFile.content, f.msgs["ca"])
	f.ssl = newSelect(labels, func(string) { f.onSSL() })
	f.ssl.SetSelected(labels[0])
	f.result = widget.NewLabel("")
	f.result.Wrapping = fyne.TextWrapWord
	f.result.Hide()
	f.test = newButton("测试连接", f.onTest)
	f.passwordNote = "密码不保存在这台电脑上，每次启动台账时输入一次。"
	if canSeal {
		f.passwordNote = "密码由 Windows 加密保存，只有这台电脑上的当前 Windows 账号能解开。"
	}
	f.content = container.NewVBox(formGrid(
		fieldLabel("服务器地址", true), field(f.host, f.msgs["host"]),
		fieldLabel("端口", true), field(fixedWidth(120, f.port), f.msgs["port"]),
		fieldLabel("数据库", true), field(f.database, f.msgs["database"]),
		fieldLabel("用户名", true), field(f.user, f.msgs["user"]),
		fieldLabel("模式", false), field(f.schema, f.msgs["schema"]),
		fieldLabel("密码", false), container.NewVBox(f.password, mutedLabel(f.passwordNote)),
		fieldLabel("加密连接", false), container.NewVBox(f.ssl, f.sslWarn),
		fieldLabel("CA 证书", false), f.caRow,
	), container.NewHBox(f.test), f.result)
	return f
}

// sslMode is the chosen 加密连接 as pgx spells it.
func (f *serverForm) sslMode() string {
	for _, c := range sslChoices {
		if c.label == f.ssl.Selected {
			return c.mode
		}
	}
	return sslVerifyFull
}

// onSSL shows the CA file for verify-full and warns about the weaker choices.
func (f *serverForm) onSSL() {
	switch f.sslMode() {
	case sslVerifyFull:
		setMessage(f.sslWarn, "")
	case sslRequire:
		setMessage(f.sslWarn, "连接加密，但不验证对方是不是单位的服务器：冒充的服务器可以截取密码和数据。只在临时排查时使用。")
	case sslDisable:
		setMessage(f.sslWarn, "警告：不加密时，居民信息和密码在网络上以明文传输，同一网络中的任何人都可能看到。只能在服务器就在本机时使用。")
	}
	if f.caRow != nil {
		if f.sslMode() == sslVerifyFull {
			f.caFile.entry.Enable()
			f.caFile.browse.Enable()
		} else {
			f.caFile.entry.Disable()
			f.caFile.browse.Disable()
		}
	}
}

// set fills the form from a saved connection (its password is not shown).
func (f *serverForm) set(c ServerConn) {
	f.host.SetText(c.Host)
	if c.Port != 0 {
		f.port.SetText(strconv.Itoa(c.Port))
	}
	f.database.SetText(c.Database)
	f.user.SetText(c.User)
	f.schema.SetText(c.Schema)
	for _, ch := range sslChoices {
		if ch.mode == c.SSLMode {
			f.ssl.SetSelected(ch.label)
		}
	}
	f.caFile.entry.SetText(c.CAFile)
}

// conn reads the form; a missing or wrong field is marked under it and reported as false.
func (f *serverForm) conn() (ServerConn, bool) {
	for _, l := range f.msgs {
		setMessage(l, "")
	}
	c := ServerConn{Host: strings.TrimSpace(f.host.Text), Database: strings.TrimSpace(f.database.Text),
		User: strings.TrimSpace(f.user.Text), Schema: strings.TrimSpace(f.schema.Text), SSLMode: f.sslMode()}
	ok := true
	need := func(key, v, msg string) {
		if v == "" {
			setMessage(f.msgs[key], msg)
			ok = false
		}
	}
	need("host", c.Host, "请填写服务器的地址")
	need("database", c.Database, "请填写数据库名")
	need("user", c.User, "请填写数据库用户名")
	if strings.ContainsAny(c.Host, "/@ ") {
		setMessage(f.msgs["host"], "服务器地址只写主机名或 IP 地址，如 192.168.1.10，不要带 postgres:// 或斜杠")
		ok = false
	}
	if strings.ContainsAny(c.Schema, ",\"' ") {
		setMessage(f.msgs["schema"], "模式名只写一个名字，不带逗号、引号或空格")
		ok = false
	}
	port, err := strconv.Atoi(strings.TrimSpace(f.port.Text))
	if err != nil || port < 1 || port > 65535 {
		setMessage(f.msgs["port"], "端口应为 1 到 65535 之间的数字，PostgreSQL 通常是 5432")
		ok = false
	}
	c.Port = port
	if c.SSLMode == sslVerifyFull {
		c.CAFile = f.caFile.Path()
		if c.CAFile != "" && !isFile(c.CAFile) {
			setMessage(f.msgs["ca"], fmt.Sprintf("找不到 CA 证书文件“%s”", c.CAFile))
			ok = false
		}
	}
	return c, ok
}

// onTest connects with what the form says and tells in one sentence how it went.
func (f *serverForm) onTest() {
	c, ok := f.conn()
	if !ok || f.testing {
		return
	}
	f.testing = true
	f.test.Disable()
	f.showResult("正在连接 "+c.Name()+" …", widget.MediumImportance)
	var answer string
	loc := c.URL(f.password.Text)
	f.goWork(func() (err error) {
		answer, err = testConnection(context.Background(), loc)
		return err
	}, func(err error) {
		f.testing = false
		f.test.Enable()
		if err != nil {
			f.showResult("连接失败："+connectMessage(loc, err), widget.DangerImportance)
			return
		}
		f.showResult("连接成功："+answer, widget.SuccessImportance)
	})
}

func (f *serverForm) showResult(msg string, imp widget.Importance) {
	f.lastTest = msg
	f.result.SetText(msg)
	f.result.Importance = imp
	f.result.Show()
	f.result.Refresh()
}

// testConnection connects to loc without changing anything there and describes the server:
// its version, how the connection is protected, and whether the database holds an office.
func testConnection(ctx context.Context, loc string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, loc)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	var version string
	var office bool
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version'), to_regclass('schema_migrations') IS NOT NULL").Scan(&version, &office); err != nil {
		return "", err
	}
	how := "未加密（不安全）"
	if _, ok := conn.PgConn().Conn().(*tls.Conn); ok {
		how = "已加密，未验证服务器证书"
		if c, _ := ConnFromURL(loc); c.SSLMode == sslVerifyFull {
			how = "已加密，服务器证书已验证"
		}
	}
	what := "数据库是空的，连接后进行单位的初始设置（已有数据请用“taizhang migrate”搬到服务器）"
	if office {
		what = "数据库中已有台账数据"
	}
	return fmt.Sprintf("PostgreSQL %s，%s；%s。", version, how, what), nil
}

// connectMessage says in Chinese why connecting to the server at loc failed, and what to
// check (sqlite.ConnectProblem); the store's own refusals (an office from a newer program …)
// in its words. Never with the password.
func connectMessage(loc string, err error) string {
	var de *data.Error
	if errors.As(err, &de) && de.Message != "" {
		return MaskURL(de.Message)
	}
	return MaskURL(sqlite.ConnectProblem(loc, err))
}

// isFile reports whether p names an existing file (not a folder).
func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
