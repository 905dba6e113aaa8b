package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// rosterOffice makes a set-up office with two communities and returns its file; the
// database is closed so the command line can open it.
func rosterOffice(t testing.TB, dir, name string) string {
	t.Helper()
	t.Setenv(PasswordEnv, "secret123") // for --user admin
	path := filepath.Join(dir, name)
	db, err := openStore(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.BcryptCost = 4
	if _, err := db.RunSetup(context.Background(), data.Setup{
		Office:        data.Office{Name: "平城区鹿苑街道办事处"},
		Communities:   []string{"古城社区", "东关社区"},
		Grids:         map[string][]string{"古城社区": {"第一网格", "第二网格"}, "东关社区": {"东一网格"}},
		AdminUsername: "admin", AdminName: "李管理", AdminPassword: "secret123",
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func rid(y, m, d, seq int) string {
	return data.MakeIDNumber("140202", time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), seq)
}

// officeRoster is a roster as an office keeps it: a title, a unit line, odd header names,
// dates spelled four ways (one a real date cell), a household listed under its 户主, a
// footer.
func officeRoster(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	put := func(row int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	put(1, "鹿苑街道重点人群花名册")
	put(2, "填报单位：鹿苑街道", "", "", "", "填报日期：2026年3月1日")
	put(4, "序号", "名字", "公民身份号码", "出生年月日", "手机", "家庭住址", "所属社区", "网格", "人员类别", "与户主关系", "人员状态", "备注", "民族")
	put(5, 1, "张菊花", rid(1944, 3, 5, 22), "1944-03-05", "13835201234", "古城街 1 号", "古城社区", "第一网格", "高龄、独居", "户主", "在册", "", "汉")
	put(6, 2, "李大山", rid(1942, 7, 1, 13), "1942/7/1", "", "古城街 1 号", "古城", "第一网格", "高龄，残疾", "夫", "", "腿脚不便", "汉")
	put(7, 3, "王小明", rid(1990, 12, 31, 15), "1990年12月31日", "0352-1234567", "东关路 8 号", "东关社区", "东一网格", "", "", "", "", "回")
	put(8, 4, "赵老汉", rid(1930, 1, 2, 17), time.Date(1930, 1, 2, 0, 0, 0, 0, time.UTC), "", "南街 3 号", "东关社区", "", "低保", "", "已故", "", "汉")
	put(9, 5, "钱芳", rid(1985, 6, 6, 26), "1985.6.6", "13912345678", "西街 9 号", "古城社区", "第二网格", "", "", "迁出", "", "汉")
	put(11, "填报人：王芳", "", "", "审核人：李管理")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "D8", "D8", style)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

type rosterPerson struct {
	Name, IDNumber, Phone, Address, Community, Grid, Relation, Tags, Status, Note string
	Household                                                                     string // names of the household, sorted
}

// residentsOf reads every live resident of an office, with households as their members'
// names, so two offices can be compared whatever their record numbers.
func residentsOf(t *testing.T, path string) []rosterPerson {
	t.Helper()
	db, _, err := accountDB(context.Background(), path, "admin", io.Discard) // the numbers need the key
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rs, _, err := db.ListResidents(context.Background(), data.ResidentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	members := map[int64][]string{}
	for _, r := range rs {
		if r.HouseholdID != 0 {
			members[r.HouseholdID] = append(members[r.HouseholdID], r.Name)
		}
	}
	var out []rosterPerson
	for _, r := range rs {
		p := rosterPerson{r.Name, r.IDNumber, r.Phone, r.Address, r.CommunityName, r.GridName, r.Relation,
			strings.Join(r.Tags, ","), string(r.Status), r.Note, ""}
		if m := members[r.HouseholdID]; r.HouseholdID != 0 {
			m = append([]string(nil), m...)
			sort.Strings(m)
			p.Household = strings.Join(m, ",")
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IDNumber < out[j].IDNumber })
	return out
}

func TestCLIRosterRoundTrip(t *testing.T) {
	dir := t.TempDir()
	office := rosterOffice(t, dir, "office.db")
	in := filepath.Join(dir, "花名册.xlsx")
	officeRoster(t, in)

	code, out, errs := runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", in, "--dry-run")
	if code != 0 || !strings.Contains(out, "可以导入 5 人（1 户）") {
		t.Fatalf("dry run: exit %d, %q %q", code, out, errs)
	}
	if got := residentsOf(t, office); len(got) != 0 {
		t.Fatalf("dry run wrote %d residents", len(got))
	}
	code, out, errs = runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", in)
	if code != 0 || !strings.Contains(out, "已导入 5 人（1 户）") || !strings.Contains(errs, "民族") {
		t.Fatalf("import: exit %d, %q %q", code, out, errs)
	}
	before := residentsOf(t, office)
	want := rosterPerson{"李大山", rid(1942, 7, 1, 13), "", "古城街 1 号", "古城社区", "第一网格", "配偶", "高龄,残疾", "active", "腿脚不便", "张菊花,李大山"}
	if before[1] != want {
		t.Errorf("got %+v, want %+v", before[1], want)
	}
	if code, _, errs := runCLI(t, "check", "--db", office); code != 0 {
		t.Errorf("check after import: %s", errs)
	}

	full := filepath.Join(dir, "完整.xlsx")
	t.Setenv(PasswordEnv, "secret123")
	code, out, errs = runCLI(t, "export", "residents", "--db", office, "--out", full, "--full", "--user", "admin")
	if code != 0 || !strings.Contains(out, "已导出 5 人") || !strings.Contains(out, "完整") {
		t.Fatalf("export --full: exit %d, %q %q", code, out, errs)
	}
	empty := rosterOffice(t, dir, "empty.db")
	code, out, errs = runCLI(t, "import", "residents", "--user", "admin", "--db", empty, "--in", full)
	if code != 0 {
		t.Fatalf("import of the export: exit %d, %q %q", code, out, errs)
	}
	after := residentsOf(t, empty)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("round trip changed the residents:\n got %+v\nwant %+v", after, before)
	}

	masked := filepath.Join(dir, "打码.xlsx")
	if code, _, errs := runCLI(t, "export", "residents", "--db", office, "--out", masked); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	third := rosterOffice(t, dir, "third.db")
	code, _, errs = runCLI(t, "import", "residents", "--user", "admin", "--db", third, "--in", masked)
	if code != 1 || !strings.Contains(errs, "这是打码导出的文件：身份证号已打码，无法导入") {
		t.Errorf("import of a masked export: exit %d, %q", code, errs)
	}

	code, out, errs = runCLI(t, "export", "residents", "--db", office, "--out", filepath.Join(dir, "东关.xlsx"), "--community", "东关社区")
	if code != 0 || !strings.Contains(out, "已导出 2 人") {
		t.Errorf("export one community: exit %d, %q %q", code, out, errs)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "东关.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	title, _ := f.GetCellValue("居民花名册", "A1")
	f.Close()
	if !strings.HasPrefix(title, "平城区鹿苑街道东关社区居民花名册（") {
		t.Errorf("got title %q", title)
	}
}

func TestCLIImportReportsBadRows(t *testing.T) {
	dir := t.TempDir()
	office := rosterOffice(t, dir, "office.db")
	good := rid(1950, 1, 2, 11)
	wrong := good[:17] + string("10X98765432"[(strings.IndexByte("10X98765432", good[17])+1)%11])
	csv := "姓名,身份证号,联系电话,社区,网格\n" +
		"甲," + rid(1950, 1, 1, 11) + ",,古城社区,\n" +
		"乙," + wrong + ",,古城社区,\n" +
		"丙," + rid(1950, 1, 3, 11) + ",1380000,古城社区,\n" +
		"丁," + rid(1950, 1, 4, 11) + ",,古城社区,第九网格\n" +
		"戊," + rid(1950, 1, 5, 11) + ",,东关社区,\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csv)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "名册.csv")
	os.WriteFile(in, []byte(gbk), 0o644)
	report := filepath.Join(dir, "报告.xlsx")
	code, out, errs := runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", in, "--report", report)
	if code != 1 || out != "" {
		t.Fatalf("got exit %d, %q; want 1 and nothing on stdout", code, out)
	}
	for _, want := range []string{
		"第 3 行 · 身份证号 · 身份证号校验位错误",
		"第 4 行 · 联系电话 · 手机号应为 11 位，现在是 7 位 · 原值“1380000”",
		"第 5 行 · 网格 · 古城社区没有这个网格（该社区的网格：第一网格、第二网格） · 原值“第九网格”",
		"有 3 行数据有误（共 3 个问题），未导入任何居民",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if n := strings.Count(errs, "第 "); n != 3 {
		t.Errorf("got %d rows reported, want 3:\n%s", n, errs)
	}
	if got := residentsOf(t, office); len(got) != 0 {
		t.Errorf("got %d residents, want none imported", len(got))
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	rows, _ := f.GetRows("导入检查报告")
	f.Close()
	if len(rows) < 6 || rows[3][1] != "第 3 行" || rows[5][1] != "第 5 行" || rows[5][4] != "第九网格" {
		t.Errorf("report rows: %q", rows)
	}

	// The same file, corrected, in GBK: imports.
	fixed := strings.NewReplacer(wrong, good, ",1380000,", ",13800000000,", "第九网格", "第二网格").Replace(csv)
	gbk, _ = simplifiedchinese.GBK.NewEncoder().String(fixed)
	os.WriteFile(in, []byte(gbk), 0o644)
	code, out, errs = runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", in)
	if code != 0 || !strings.Contains(out, "已导入 5 人") {
		t.Errorf("corrected GBK file: exit %d, %q %q", code, out, errs)
	}
	if got := residentsOf(t, office); len(got) != 5 || got[0].Name != "甲" {
		t.Errorf("got %+v", got)
	}
}

func TestCLIRosterExitCodes(t *testing.T) {
	dir := t.TempDir()
	office := rosterOffice(t, dir, "office.db")
	text := filepath.Join(dir, "假的.xlsx")
	os.WriteFile(text, []byte("姓名,身份证号\n张三,1\n"), 0o644)
	bin := filepath.Join(dir, "假的.csv")
	os.WriteFile(bin, []byte{0, 1, 2, 3, 0xFF, 0xD8}, 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import"}, 2, "需要指明台账"},
		{[]string{"import", "residents", "--db", office}, 2, "缺少参数 --in"},
		{[]string{"import", "aid", "--db", office, "--in", text}, 2, "documents（文书登记簿）"},
		{[]string{"import", "residents", "--db", office, "--in", text, "--add-missing"}, 2, "没有 --add-missing"},
		{[]string{"import", "residents", "--db", office, "--in", text, "--report", "x.pdf"}, 2, "--report"},
		{[]string{"import", "residents", "--db", office, "--in", text}, 1, "不是 Excel 工作簿，而是一个文本文件"},
		{[]string{"import", "residents", "--db", office, "--in", bin}, 1, "不是文本格式的 CSV"},
		{[]string{"import", "residents", "--db", office, "--in", filepath.Join(dir, "没有.csv")}, 1, "无法打开要导入的文件"},
		{[]string{"import", "residents", "--db", filepath.Join(dir, "没有.db"), "--in", text}, 1, "不是 Excel 工作簿"},
		{[]string{"export", "residents", "--db", office}, 2, "缺少参数 --out"},
		{[]string{"export", "residents", "--db", office, "--out", "x.csv"}, 2, "--out"},
		{[]string{"export", "residents", "--db", office, "--out", filepath.Join(dir, "x.xlsx"), "--community", "火星社区"}, 1, "没有名为“火星社区”的社区"},
		{[]string{"export", "residents", "--db", office, "--out", filepath.Join(dir, "x.xlsx")}, 1, "没有可导出的居民"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("got exit %d, %q; want %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
	code, _, errs := runCLI(t, "import", "residents", "--user", "admin", "--db", filepath.Join(dir, "没有.db"), "--in", filepath.Join(dir, "名册.csv"))
	if code != 1 || !strings.Contains(errs, "无法打开") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

// benchRoster is a 10,000-resident full export of an office, built once.
func benchRoster(b *testing.B) (office, file string) {
	b.Helper()
	dir := b.TempDir()
	office = rosterOffice(b, dir, "office.db")
	rows := [][]string{{"姓名", "身份证号", "联系电话", "住址", "所属社区", "网格", "人员类别", "户号", "与户主关系"}}
	for i := 0; i < 10000; i++ {
		hh, rel := "", ""
		if i%4 < 2 {
			hh, rel = fmt.Sprint(i/4), []string{"户主", "配偶"}[i%4]
		}
		rows = append(rows, []string{fmt.Sprintf("居民%d", i), rid(1930+i%80, 1+i%12, 1+i%28, i%1000), "13835201234", "古城街 1 号",
			"古城社区", "第一网格", "高龄、独居", hh, rel})
	}
	var buf bytes.Buffer
	for _, r := range rows {
		buf.WriteString(strings.Join(r, ",") + "\n")
	}
	csvPath := filepath.Join(dir, "in.csv")
	os.WriteFile(csvPath, buf.Bytes(), 0o644)
	var errs bytes.Buffer
	if code := run([]string{"import", "residents", "--db", office, "--in", csvPath}, &bytes.Buffer{}, &errs); code != 0 {
		b.Fatalf("import: %s", errs.String())
	}
	file = filepath.Join(dir, "full.xlsx")
	b.Setenv(PasswordEnv, "secret123")
	if code := run([]string{"export", "residents", "--db", office, "--out", file, "--full", "--user", "admin"}, &bytes.Buffer{}, &errs); code != 0 {
		b.Fatalf("export: %s", errs.String())
	}
	return office, file
}

// BenchmarkExportResidents: 10,000 residents read from the store and written as a roster
// XLSX (PRODUCT.md: under 1 s).
func BenchmarkExportResidents(b *testing.B) {
	office, _ := benchRoster(b)
	db, err := openStore(office, sqlite.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := data.NewContextWithUser(context.Background(), cliUser)
	for b.Loop() {
		var buf bytes.Buffer
		if n, err := exportRoster(ctx, db, &buf, data.ResidentFilter{}, reports.RosterOptions{Date: data.MustDate(2026, 11, 23)}); err != nil || n != 10000 {
			b.Fatalf("export: %d %v", n, err)
		}
	}
}

// BenchmarkImportRosterXLSX: the exporter's 10,000-row XLSX read, checked row by row and
// imported into an empty office of the same communities (PRODUCT.md: under 3 s).
func BenchmarkImportRosterXLSX(b *testing.B) {
	_, file := benchRoster(b)
	for b.Loop() {
		b.StopTimer()
		empty := rosterOffice(b, b.TempDir(), "empty.db")
		b.StartTimer()
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := reports.ReadTable(file, f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		db, err := openStore(empty, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := db.ImportResidents(data.NewContextWithUser(context.Background(), cliUser), rows, false)
		if err != nil || rep.Residents != 10000 {
			b.Fatalf("import: %d %v %v", rep.Residents, err, rep.Problems[:min(3, len(rep.Problems))])
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
