package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
)

func TestDataDir(t *testing.T) {
	home := filepath.FromSlash("/home/wang")
	tests := []struct {
		name      string
		documents string
		dirs      []string // folders that exist
		want      string
	}{
		{"the XDG documents folder", "/home/wang/文档", []string{"/home/wang/文档"}, "/home/wang/文档/台账"},
		{"Windows' known folder moved to D:", "/d/我的文档", []string{"/d/我的文档"}, "/d/我的文档/台账"},
		{"no XDG answer, ~/Documents exists", "", []string{"/home/wang/Documents"}, "/home/wang/Documents/台账"},
		{"no XDG answer, ~/文档 exists", "", []string{"/home/wang/文档"}, "/home/wang/文档/台账"},
		{"a documents folder that is gone", "/home/wang/文档", nil, "/home/wang/台账"},
		{"no documents folder at all", "", nil, "/home/wang/台账"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exists := func(p string) bool {
				for _, d := range tt.dirs {
					if filepath.FromSlash(d) == p {
						return true
					}
				}
				return false
			}
			got := dataDir(home, filepath.FromSlash(tt.documents), exists)
			if want := filepath.FromSlash(tt.want); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func TestXDGDocuments(t *testing.T) {
	for _, tt := range []struct{ out, want string }{
		{"/home/wang/文档\n", "/home/wang/文档"},
		{"/home/wang\n", ""}, // xdg-user-dir answers the home folder when none is set
		{"/home/wang/\n", ""},
		{"\n", ""},
		{"文档\n", ""},
	} {
		if got := xdgDocuments(tt.out, "/home/wang"); got != tt.want {
			t.Errorf("xdgDocuments(%q) = %q, want %q", tt.out, got, tt.want)
		}
	}
}

// useTempConfig points the remembered-database file into the test's folder.
func useTempConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	prev := configDir
	configDir = func() (string, error) { return dir, nil }
	t.Cleanup(func() { configDir = prev })
	return dir
}

func TestStartDatabase(t *testing.T) {
	useTempConfig(t)
	dir := t.TempDir()
	given := filepath.Join(dir, "given.db")
	if got, missing := StartDatabase(given); got != given || missing != "" {
		t.Errorf("--db: got %s (missing %q), want %s", got, missing, given)
	}
	if got, missing := StartDatabase(""); got != DefaultDatabase() || missing != "" {
		t.Errorf("nothing remembered: got %s (missing %q), want the default %s", got, missing, DefaultDatabase())
	}
	last := filepath.Join(dir, "单位", "台账.db")
	if err := os.MkdirAll(filepath.Dir(last), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(last, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rememberDatabase(last); err != nil {
		t.Fatalf("remember: %v", err)
	}
	if got, _ := StartDatabase(""); got != last {
		t.Errorf("remembered: got %s, want %s", got, last)
	}
	if got, _ := StartDatabase(given); got != given {
		t.Errorf("--db beside a remembered file: got %s, want %s", got, given)
	}
	os.Remove(last)
	got, missing := StartDatabase("")
	if got != DefaultDatabase() || missing != last {
		t.Errorf("remembered file gone: got %s (missing %q), want the default and %s", got, missing, last)
	}
	if note := missingNote(missing); !strings.Contains(note, last) || !strings.Contains(note, "打开已有数据文件") {
		t.Errorf("note %q", note)
	}
}

// firstStartWindow starts the launcher headless on dbPath.
func firstStartWindow(t *testing.T, dbPath string) *launcher {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	l := newLauncher(w, dbPath, "", true)
	t.Cleanup(l.closeDB)
	l.open()
	return l
}

// officeDB writes a set-up office database at path and closes it.
func officeDB(t *testing.T, path, office string) {
	t.Helper()
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer db.Close()
	db.BcryptCost = 4
	if _, err := db.RunSetup(context.Background(), data.Setup{
		Office: data.Office{Name: office}, Communities: []string{"鹿苑社区"},
		AdminUsername: testAdmin, AdminName: "王建国", AdminPassword: testPassword,
	}); err != nil {
		t.Fatalf("setup: %v", err)
	}
}

func TestFirstStart(t *testing.T) {
	t.Run("新建单位 creates the database in the documents folder and shows the set-up form", func(t *testing.T) {
		cfg := useTempConfig(t)
		dbPath := filepath.Join(t.TempDir(), "文档", "台账", "台账.db")
		l := firstStartWindow(t, dbPath)
		if l.first == nil {
			t.Fatal("no first-start page for a PC without data")
		}
		if _, err := os.Stat(dbPath); err == nil {
			t.Fatal("the database was created before the clerk chose 新建单位")
		}
		test.Tap(l.first.create)
		if l.sess == nil {
			t.Fatalf("新建单位 did not start: %s", l.first.createMsg.Text)
		}
		if _, err := os.Stat(dbPath); err != nil {
			t.Fatalf("no database at %s: %v", dbPath, err)
		}
		if got := l.w.Title(); got != "台账 — 初始设置" {
			t.Errorf("window title %q, want the set-up form's", got)
		}
		if got := LastDatabase(); got != dbPath {
			t.Errorf("remembered %q, want %s (config in %s)", got, dbPath, cfg)
		}
	})

	t.Run("打开已有数据文件 refuses what is not Taizhang's, then opens the office", func(t *testing.T) {
		useTempConfig(t)
		dir := t.TempDir()
		l := firstStartWindow(t, filepath.Join(dir, "文档", "台账", "台账.db"))
		p := l.first

		test.Tap(p.open)
		if !p.openMsg.Visible() || !strings.Contains(p.openMsg.Text, "请填写数据文件的位置") {
			t.Errorf("empty path: message %q", p.openMsg.Text)
		}
		p.openPath.entry.SetText(filepath.Join(dir, "没有这个文件.db"))
		test.Tap(p.open)
		if !strings.Contains(p.openMsg.Text, "找不到") {
			t.Errorf("missing file: message %q", p.openMsg.Text)
		}
		notes := filepath.Join(dir, "会议记录.db")
		os.WriteFile(notes, []byte(strings.Repeat("这不是数据库。", 100)), 0o644)
		p.openPath.entry.SetText(notes)
		test.Tap(p.open)
		if !strings.Contains(p.openMsg.Text, "不是台账数据库文件") {
			t.Errorf("a text file: message %q", p.openMsg.Text)
		}
		other := filepath.Join(dir, "其他程序.db")
		conn, err := sql.Open("sqlite", other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)"); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		p.openPath.entry.SetText(other)
		test.Tap(p.open)
		if !strings.Contains(p.openMsg.Text, "不是台账的数据库") {
			t.Errorf("another program's SQLite file: message %q", p.openMsg.Text)
		}
		if l.sess != nil {
			t.Fatal("a refused file started a session")
		}

		office := filepath.Join(dir, "U盘", "鹿苑街道.db")
		os.MkdirAll(filepath.Dir(office), 0o755)
		officeDB(t, office, testOffice)
		p.openPath.entry.SetText(`"` + office + `"`) // as Windows' 复制文件地址 gives it
		test.Tap(p.open)
		if l.sess == nil {
			t.Fatalf("the office's file did not open: %s", p.openMsg.Text)
		}
		if l.sess.login == nil {
			t.Error("the log-in is not on show")
		}
		if got := l.sess.DB.Path(); got != office {
			t.Errorf("opened %s, want %s", got, office)
		}
		if got := LastDatabase(); got != office {
			t.Errorf("remembered %q, want %s", got, office)
		}
		logIn(t, l.sess, testAdmin, testPassword)
		if l.sess.shell == nil {
			t.Error("could not log in to the opened office")
		}
	})

	t.Run("从备份恢复 verifies the backup and restores it into the default place", func(t *testing.T) {
		useTempConfig(t)
		dir := t.TempDir()
		office := filepath.Join(dir, "旧电脑", "台账.db")
		os.MkdirAll(filepath.Dir(office), 0o755)
		officeDB(t, office, testOffice)
		src, err := sqlite.Open(office, sqlite.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(dir, "U盘", "台账备份-20260301.db")
		if err := src.Backup(context.Background(), backup); err != nil {
			t.Fatalf("backup: %v", err)
		}
		src.Close()

		dbPath := filepath.Join(dir, "文档", "台账", "台账.db")
		l := firstStartWindow(t, dbPath)
		p := l.first
		junk := filepath.Join(dir, "照片.db")
		os.WriteFile(junk, []byte("\x89PNG not a backup"), 0o644)
		p.backupPath.entry.SetText(junk)
		test.Tap(p.restore)
		if !strings.Contains(p.restoreMsg.Text, "未能恢复") || !strings.Contains(p.restoreMsg.Text, "照片.db") {
			t.Errorf("a bad backup: message %q", p.restoreMsg.Text)
		}
		if _, err := os.Stat(dbPath); err == nil {
			t.Error("a bad backup left a database behind")
		}

		// Restoring needs an administrator of the backup.
		p.backupPath.entry.SetText(backup)
		test.Tap(p.restore)
		if l.sess != nil || !strings.Contains(p.restoreMsg.Text, "须由管理员登录") {
			t.Fatalf("restore without a log-in: %q", p.restoreMsg.Text)
		}
		p.restoreUser.SetText(testAdmin)
		p.restorePassword.SetText("wrong-password")
		test.Tap(p.restore)
		if l.sess != nil || !strings.Contains(p.restoreMsg.Text, "管理员登录名或密码不正确") {
			t.Fatalf("restore with a wrong password: %q", p.restoreMsg.Text)
		}
		if _, err := os.Stat(dbPath); err == nil {
			t.Error("a refused restore left a database behind")
		}
		p.restorePassword.SetText(testPassword)
		test.Tap(p.restore)
		if l.sess == nil {
			t.Fatalf("restore did not start: %s", p.restoreMsg.Text)
		}
		if got := l.sess.DB.Path(); got != dbPath {
			t.Errorf("working on %s, want the default place %s", got, dbPath)
		}
		if l.sess.Office.Name != testOffice {
			t.Errorf("office %q after restore, want %s", l.sess.Office.Name, testOffice)
		}
		if l.sess.login == nil {
			t.Error("the log-in is not on show after the restore")
		}
		if got := LastDatabase(); got != dbPath {
			t.Errorf("remembered %q, want %s", got, dbPath)
		}
	})

	t.Run("a database that was never set up shows the choices again", func(t *testing.T) {
		useTempConfig(t)
		dbPath := filepath.Join(t.TempDir(), "台账.db")
		db, err := sqlite.Open(dbPath, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		l := firstStartWindow(t, dbPath)
		if l.first == nil || l.first.existing == nil {
			t.Fatal("no first-start page for a database without an office")
		}
		test.Tap(l.first.create)
		if l.sess == nil || l.w.Title() != "台账 — 初始设置" {
			t.Fatalf("新建单位 did not show the set-up form (title %q)", l.w.Title())
		}
	})

	t.Run("a set-up office goes straight to the log-in", func(t *testing.T) {
		useTempConfig(t)
		dbPath := filepath.Join(t.TempDir(), "台账.db")
		officeDB(t, dbPath, testOffice)
		l := firstStartWindow(t, dbPath)
		if l.first != nil || l.sess == nil || l.sess.login == nil {
			t.Fatal("the log-in is not on show")
		}
	})
}

func TestPathFieldBrowser(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "2026年"), 0o755)
	os.WriteFile(filepath.Join(dir, "2026年", "台账.db"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "旧台账.DB"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".隐藏.db"), []byte("x"), 0o644)
	f := newPathField(w, "", []string{".db"}, func() string { return dir })
	test.Tap(f.browse)
	b := f.browser
	if b == nil {
		t.Fatal("浏览… opened nothing")
	}
	var names []string
	for _, it := range b.items {
		names = append(names, it.name)
	}
	if got := strings.Join(names, " "); got != "2026年 旧台账.DB" {
		t.Errorf("listed %q, want the folder first, then the .db files only", got)
	}
	b.list.Select(b.index("2026年"))
	if b.dir != filepath.Join(dir, "2026年") {
		t.Fatalf("selecting the folder did not open it: in %s", b.dir)
	}
	b.list.Select(b.index("台账.db"))
	want := filepath.Join(dir, "2026年", "台账.db")
	if !strings.Contains(b.chosen.Text, want) {
		t.Errorf("chosen %q", b.chosen.Text)
	}
	test.Tap(b.up)
	if b.dir != dir {
		t.Errorf("上一级 went to %s, want %s", b.dir, dir)
	}
	f.onChosen(b, true)
	if got := f.Path(); got != want {
		t.Errorf("entry %q, want %s", got, want)
	}
}
