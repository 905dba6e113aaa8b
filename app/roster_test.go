package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

// memFile is a save dialog's file, kept in memory.
type memFile struct {
	bytes.Buffer
	closed bool
}

func (m *memFile) Close() error { m.closed = true; return nil }

func rosterID(y, m, d, seq int) string {
	return data.MakeIDNumber("140202", time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), seq)
}

// wrongCheckDigit returns id with a check digit that is not its own.
func wrongCheckDigit(id string) string {
	if id[17] == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

func TestRosterImport(t *testing.T) {
	s, db := loggedInShell(t)
	r := residentsOf(t, s)
	x := r.roster
	if x.importBtn.Disabled() || x.exportBtn.Disabled() {
		t.Fatal("导入 and 导出 should be enabled for the administrator")
	}

	t.Run("a file with bad rows imports nothing and lists them", func(t *testing.T) {
		csv := "居民花名册\n姓名,身份证号,手机,社区\n" +
			"张菊花," + rosterID(1944, 3, 5, 22) + ",13835201234,鹿苑社区\n" +
			"李四," + wrongCheckDigit(rosterID(1950, 1, 1, 11)) + ",,鹿苑社区\n" +
			"王五," + rosterID(1950, 1, 2, 11) + ",123,鹿苑社区\n" +
			"赵六," + rosterID(1950, 1, 3, 11) + ",,北关社区\n"
		x.check("名册.csv", []byte(csv))
		if x.dlg == nil || !strings.Contains(x.title.Text, "有 3 行数据有误") {
			t.Fatalf("got %q, want 有 3 行数据有误", x.title.Text)
		}
		if x.ok.Visible() || !x.save.Visible() || x.list.Length() != 3 {
			t.Errorf("导入 visible %v, 保存检查报告 visible %v, %d problems listed", x.ok.Visible(), x.save.Visible(), x.list.Length())
		}
		if p := x.report.Problems[2]; p.Line != 6 || p.Column != "社区" || !strings.Contains(p.Problem, "现有社区：鹿苑社区、南关社区") {
			t.Errorf("got %s", p)
		}
		var rep memFile
		x.writeReport(&rep)
		if !rep.closed || rep.Len() == 0 {
			t.Error("检查报告 not written")
		}
		test.Tap(x.stop)
		if _, total, _ := db.ListResidents(s.Ctx(), data.ResidentFilter{}); total != 0 {
			t.Errorf("got %d residents, want none", total)
		}
	})

	t.Run("a good file: check, then 导入", func(t *testing.T) {
		csv := "姓名,身份证号,手机,社区,网格,与户主关系,户号\n" +
			"张菊花," + rosterID(1944, 3, 5, 22) + ",13835201234,鹿苑社区,第一网格,户主,1\n" +
			"李大山," + rosterID(1942, 7, 1, 13) + ",,鹿苑社区,第一网格,配偶,1\n" +
			"王小明," + rosterID(1990, 12, 31, 15) + ",,南关社区,,,\n"
		x.check("名册.csv", []byte(csv))
		if !strings.Contains(x.title.Text, "可以导入 3 人（1 户）") || !x.ok.Visible() {
			t.Fatalf("got %q (导入 visible %v)", x.title.Text, x.ok.Visible())
		}
		if _, total, _ := db.ListResidents(s.Ctx(), data.ResidentFilter{}); total != 0 {
			t.Fatalf("the check wrote %d residents", total)
		}
		test.Tap(x.ok)
		if got := s.shell.notice.Text; got != "已导入 3 人（名册.csv）" {
			t.Errorf("notice %q", got)
		}
		if x.bar.Value != 1 || x.count.Text != "已导入 3 / 3 人" {
			t.Errorf("progress %v %q", x.bar.Value, x.count.Text)
		}
		if r.total.Text != "共 3 条" {
			t.Errorf("list %q, want 共 3 条", r.total.Text)
		}
	})

	t.Run("export, then import the masked export elsewhere", func(t *testing.T) {
		test.Tap(x.exportBtn)
		if x.full == nil || x.full.Checked || !strings.Contains(x.scope.Text, "3 人") {
			t.Fatalf("export dialog: full %v, scope %q", x.full, x.scope.Text)
		}
		var masked, full memFile
		x.export(&masked, "花名册.xlsx", false)
		x.export(&full, "完整.xlsx", true)
		if !masked.closed || x.lastOut != "完整.xlsx" || !strings.Contains(s.shell.notice.Text, "已导出 3 人") {
			t.Fatalf("export: closed %v, notice %q", masked.closed, s.shell.notice.Text)
		}
		f, err := excelize.OpenReader(bytes.NewReader(masked.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		title, _ := f.GetCellValue("居民花名册", "A1")
		id, _ := f.GetCellValue("居民花名册", "E4")
		f.Close()
		if !strings.HasPrefix(title, "平城区鹿苑街道居民花名册（2026年3月）") || !strings.Contains(id, "**********") {
			t.Errorf("got title %q, ID %q", title, id)
		}
		x.check("花名册.xlsx", masked.Bytes())
		if !strings.Contains(x.title.Text, "打码") {
			t.Errorf("masked export: got %q", x.title.Text)
		}
		x.dlg.Hide()
		x.check("完整.xlsx", full.Bytes())
		if !strings.Contains(x.title.Text, "文件中的 3 人都已登记") || !strings.Contains(x.report.Problems[0].Problem, "身份证号已登记") {
			t.Errorf("full export into the same office: got %q, want every ID already registered", x.title.Text)
		}
		x.dlg.Hide()
	})

	t.Run("a text file named .xlsx", func(t *testing.T) {
		x.check("名册.xlsx", []byte("姓名,身份证号\n"))
		if s.dialog == nil {
			t.Fatal("no message")
		}
		s.CloseDialog()
	})
}

func TestRosterExportClerk(t *testing.T) {
	db, admin := newTestDB(t)
	u := &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}
	if err := db.CreateUser(data.NewContextWithUser(context.Background(), admin), u, testPassword); err != nil {
		t.Fatal(err)
	}
	addResident(t, db, admin, "张菊花", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 22, 1)
	s, _ := startApp(t, db)
	logIn(t, s, "chuangkou", testPassword)
	x := residentsOf(t, s).roster
	test.Tap(x.exportBtn)
	if x.full != nil {
		t.Error("a clerk is offered 显示完整证件号码")
	}
	s.CloseDialog()
	// Below the GUI: a clerk asking for full numbers anyway is refused by the store.
	var out memFile
	x.export(&out, "完整.xlsx", true)
	if out.Len() != 0 || s.dialog == nil {
		t.Errorf("a clerk's full export: wrote %d bytes, dialog %v", out.Len(), s.dialog)
	}
}
