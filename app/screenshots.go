package app

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// ScreenshotSize is the window size of the screenshots: the smallest screen the program
// is made for. WideScreenshotSize is the common office monitor.
var (
	ScreenshotSize     = fyne.NewSize(1366, 768)
	WideScreenshotSize = fyne.NewSize(1920, 1080)
)

// Screenshots renders the main screens headless, as user, in a window of size, into outDir
// as PNG files (01-login.png, 02-dashboard.png …). It never opens a real window: it runs on
// Fyne's test driver with the program's theme, so the pictures show the embedded Chinese
// font. The database must have been set up; the resident pages show its first resident.
func Screenshots(db *sqlite.DB, user *data.User, outDir string, size fyne.Size) error {
	// Fyne's test driver takes the calling goroutine for the GUI thread and complains ("Error
	// in Fyne call thread") when that is the program's main goroutine: draw on another.
	done := make(chan error, 1)
	go func() { done <- screenshots(db, user, outDir, size) }()
	return <-done
}

func screenshots(db *sqlite.DB, user *data.User, outDir string, size fyne.Size) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	a := test.NewApp()
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow("台账")
	w.Resize(size)
	defer w.Close()

	s := newSession(db, w, true)
	s.start()
	if s.login == nil {
		return fmt.Errorf("screenshots: the office has not been set up")
	}
	s.login.username.SetText(user.Username)

	var first int64
	var residents *residentsScreen
	var issues *issuesScreen
	steps := []struct {
		name string
		show func()
	}{
		{"01-login.png", func() {}},
		{"02-dashboard.png", func() { s.loggedIn(user) }},
		{"03-residents.png", func() {
			s.shell.Show(ScreenResidents)
			residents = s.shell.Screen(ScreenResidents).(*residentsScreen)
			if len(residents.rows) > 0 {
				first = residents.rows[0].ID
			}
		}},
		{"04-resident-detail.png", func() {
			if first != 0 {
				residents.showDetail(first)
			}
		}},
		{"05-resident-form.png", func() {
			if first != 0 {
				residents.showEdit(first)
			} else {
				residents.OnNew()
			}
		}},
		{"06-resident-new.png", func() {
			residents.showList()
			residents.OnNew()
			f := residents.form
			f.name.SetText("张菊花")
			id := data.MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123)
			f.idNumber.SetText(id[:17] + "0") // a wrong check digit, to show the message
			f.changed("name")
			f.changed("id_number")
		}},
		{"07-resident-void.png", func() {
			if first == 0 {
				return
			}
			residents.showDetail(first)
			residents.detail.onVoid()
		}},
		{"08-settings.png", func() {
			s.CloseDialog()
			residents.showList()
			s.shell.Show(ScreenSettings)
		}},
		{"09-settings-org.png", func() { s.shell.Screen(ScreenSettings).(*settingsScreen).tabs.SelectIndex(1) }},
		{"10-settings-accounts.png", func() { s.shell.Screen(ScreenSettings).(*settingsScreen).tabs.SelectIndex(3) }},
		{"11-settings-server.png", func() {
			st := s.shell.Screen(ScreenSettings).(*settingsScreen)
			st.tabs.Select(st.tabs.Items[len(st.tabs.Items)-1])
			// An office's server as the information centre would hand it over, not whatever
			// this computer has saved; the file by its name, not this computer's folders.
			st.server.form.set(ServerConn{Host: "192.168.10.5", Port: 5432, Database: "luyuan", User: "taizhang",
				SSLMode: sslVerifyFull, CAFile: "单位CA证书.crt"})
			st.server.now.SetText("本机数据文件：" + filepath.Base(s.DB.Path()))
		}},
		{"12-issues.png", func() {
			s.shell.Show(ScreenIssues)
			issues = s.shell.Screen(ScreenIssues).(*issuesScreen)
		}},
		{"13-issue-detail.png", func() {
			if len(issues.list.rows) > 0 {
				issues.showDetail(issues.list.rows[0].ID)
			}
		}},
		{"14-issue-form.png", func() {
			issues.showList()
			issues.OnNew()
			f := issues.form
			if len(f.category.Options) > 0 {
				f.category.SetSelected(f.category.Options[0])
			}
			f.description.SetText("小区东门垃圾桶满溢，周边有散落垃圾")
			f.address.SetText("鹿苑小区东门")
			if len(issues.list.rows) > 0 {
				// The same place and category as the newest issue: the form points it out.
				r := issues.list.rows[0]
				f.category.SetSelected(r.Category)
				f.community.SetSelected(r.CommunityName)
				f.grid.SetSelected(r.GridName)
				f.address.SetText(r.Address)
			}
			f.changed("description")
		}},
		{"15-batch-entry.png", func() {
			issues.form = nil
			issues.openBatch()
			b := issues.batch
			b.category.SetText("1")
			b.description.SetText("楼道堆放杂物，影响消防通道")
			b.address.SetText("3 号楼 2 单元")
			b.unit.SetText("1")
		}},
		{"16-rectification.png", func() {
			issues.batch = nil
			issues.showList()
			s.shell.Show(ScreenRectification)
		}},
		{"17-settings-calendar.png", func() {
			s.shell.Show(ScreenSettings)
			st := s.shell.Screen(ScreenSettings).(*settingsScreen)
			for _, it := range st.tabs.Items {
				if it.Text == "工作日历" {
					st.tabs.Select(it)
				}
			}
		}},
	}
	steps = append(steps, documentScreenshots(s)...)
	steps = append(steps, serviceScreenshots(s)...)
	steps = append(steps, statsScreenshots(s)...) // 40-stats.png, 41-export.png
	steps = append(steps, aidScreenshots(s)...)   // 50-aid.png, 51-aid-case.png
	for _, st := range steps {
		st.show()
		if err := capture(w, filepath.Join(outDir, st.name)); err != nil {
			return err
		}
	}
	return nil
}

func capture(w fyne.Window, path string) error {
	img := w.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("screenshots: %w", err)
	}
	return f.Close()
}
