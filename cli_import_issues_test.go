package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

// initOffice makes a fresh office through `taizhang init`, with the password on stdin.
func initOffice(t *testing.T, communities ...string) string {
	t.Helper()
	t.Setenv(PasswordEnv, "Lu2026yuan") // for --user admin
	path := dbtest.Location(t, "office.db")
	old := cliStdin
	cliStdin = strings.NewReader("Lu2026yuan\n")
	t.Cleanup(func() { cliStdin = old })
	args := []string{"init", "--db", path, "--office", "平城区鹿苑街道办事处"}
	for _, c := range communities {
		args = append(args, "--community", c)
	}
	if code, out, errs := runCLI(t, args...); code != 0 || !strings.Contains(out, "已建立单位") {
		t.Fatalf("init: exit %d, %s %s", code, out, errs)
	}
	return path
}

// quarterLedger writes a hand-made 2026 Q3 issue ledger as an office keeps it: a title row,
// a 填报单位 row, header names of its own, dates spelt four ways (one a date cell), a
// voided row, a blank row and a signature footer.
func quarterLedger(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	set := func(row int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	set(1, "鹿苑街道问题整改台账（2026年第三季度）")
	set(2, "填报单位：平城区鹿苑街道办事处", "", "", "", "", "", "", "", "", "填报日期：2026年10月8日")
	set(3, "序号", "问题编号", "登记日期", "来源", "问题类型", "问题内容", "所属社区", "网格", "具体地点", "责任单位", "责任人",
		"整改期限", "整改措施", "整改状态", "办结日期", "整改情况", "回访时间", "满意度", "备注")
	set(4, 1, "WT-2026-0001", "2026-07-03", "网格员上报", "环境卫生", "东门垃圾堆放", "鹿苑社区", "第一网格", "小区东门", "社区居委会", "李明",
		"2026-07-10", "安排清运", "已销号", "2026-07-08", "已清运完毕", "2026-07-10", "满意")
	set(5, 2, "WT-2026-0002", "2026/7/5", "居民反映", "基础设施", "3号楼路灯不亮", "鹿苑社区", "", "3号楼", "街道城建办", "王强",
		"2026.7.15", "更换灯泡", "已办结", "2026年7月20日", "已修复", "2026-07-22", "基本满意")
	set(6, 3, "", "2026-08-01", "群众来信", "噪音扰民", "夜间施工噪音", "南关社区", "第二网格", "南关街8号", "城管中队", "赵刚",
		"2026-08-10", "约谈施工方", "已销号", "2026-08-09", "已停止夜间施工")
	set(7, 4, "WT-2026-0005", "2026-08-15", "网格员上报", "环境卫生", "楼道堆放杂物", "鹿苑社区", "第一网格", "5号楼2单元", "物业服务企业", "",
		"2026-09-15", "", "整改中")
	set(8)
	set(9, 5, "", "2026-09-20", "居民反映", "基础设施", "人行道砖松动", "南关社区", "", "南关街口", "", "",
		"2026-12-31", "", "待整改")
	set(10, 6, "", "2026-09-25", "网格员上报", "环境卫生", "绿化带枯死", "鹿苑社区", "", "中心广场", "街道城建办", "",
		"2026-10-31", "", "待验收", "", "已补种")
	set(11, 7, "", "2026-09-26", "网格员上报", "环境卫生", "重复登记的一条", "鹿苑社区", "", "", "", "",
		"2026-10-31", "", "已作废")
	set(13, "填报人：王建国", "", "", "", "", "", "", "", "", "审核人：李卫东")
	// 登记日期 of row 4 as a real date cell.
	if err := f.SetCellValue(sh, "C4", time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "2026年三季度问题台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func statsJSON(t *testing.T, path string, args ...string) data.IssueFigures {
	t.Helper()
	code, out, errs := runCLI(t, append([]string{"stats", "--db", path, "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	var s struct{ Issues data.IssueFigures }
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats json: %v\n%s", err, out)
	}
	return s.Issues
}

// The quarter the office counted by hand, imported into a fresh office with --add-missing,
// gives the same figures; importing it again adds nothing.
func TestCLIImportIssuesQuarter(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	db := initOffice(t, "鹿苑社区")
	in := quarterLedger(t)

	// Without --add-missing every row naming what the office lacks is refused, nothing written.
	code, _, errs := runCLI(t, "import", "issues", "--db", db, "--in", in)
	if code != exitFail || !strings.Contains(errs, "第 6 行 · 所属社区 · 本单位没有这个社区") || !strings.Contains(errs, "未导入任何问题") {
		t.Fatalf("without --add-missing: exit %d\n%s", code, errs)
	}
	if f := statsJSON(t, db); f.Found != 0 {
		t.Fatalf("a refused import wrote %d issues", f.Found)
	}

	// A dry run says what would be added and writes nothing.
	report := filepath.Join(t.TempDir(), "report.xlsx")
	code, out, errs := runCLI(t, "import", "issues", "--db", db, "--in", in, "--add-missing", "--dry-run", "--report", report)
	if code != 0 || !strings.Contains(out, "可以导入 7 个问题") || !strings.Contains(out, "将添加社区：南关社区") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	if f := statsJSON(t, db); f.Found != 0 {
		t.Fatalf("a dry run wrote %d issues", f.Found)
	}

	code, out, errs = runCLI(t, "import", "issues", "--db", db, "--in", in, "--add-missing", "--report", report)
	if code != 0 || !strings.Contains(out, "已导入 7 个问题") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if n := strings.Count(out, "已添加"); n != 6 {
		t.Errorf("added %d names, want 6:\n%s", n, out)
	}
	for _, want := range []string{"已添加网格：鹿苑社区/第一网格", "已添加社区：南关社区", "已添加网格：南关社区/第二网格", "已添加问题来源：群众来信",
		"已添加问题类别：噪音扰民", "已添加责任单位：城管中队"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	x, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	x.Close()
	if len(rows) != 3+6+3 || !strings.Contains(strings.Join(rows[4], "|"), "社区|南关社区") {
		t.Errorf("report: %q", rows)
	}

	// The figures the office counted by hand for the quarter (as of 2026-09-30):
	// found 6 (the voided one not counted), closed 3 of which 2 on time, visited 2 and both
	// satisfied, 1 overdue (楼道堆放杂物, due 09-15), 5+15+8 = 28 days to close.
	got := statsJSON(t, db, "--from", "2026-07-01", "--to", "2026-09-30")
	want := data.IssueFigures{Found: 6, Closed: 3, ClosedOnTime: 2, Visited: 2, Satisfied: 2, Overdue: 1, DaysToClose: 28}
	if got.Found != want.Found || got.Closed != want.Closed || got.ClosedOnTime != want.ClosedOnTime || got.Visited != want.Visited ||
		got.Satisfied != want.Satisfied || got.Overdue != want.Overdue || got.DueSoon != 0 || got.DaysToClose != want.DaysToClose {
		t.Errorf("figures:\n got %+v\nwant %+v", got, want)
	}

	// Numbers kept, the others numbered after the highest kept one; history marked 导入.
	s, err := openStore(db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.ListIssues(t.Context(), data.IssueFilter{Statuses: data.IssueStatuses, Sort: "number", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	byDesc := map[string]data.IssueRow{}
	for _, r := range list {
		byDesc[r.Description] = r
	}
	for desc, number := range map[string]string{"东门垃圾堆放": "WT-2026-0001", "3号楼路灯不亮": "WT-2026-0002",
		"楼道堆放杂物": "WT-2026-0005", "夜间施工噪音": "WT-2026-0006", "人行道砖松动": "WT-2026-0007"} {
		if byDesc[desc].Number != number {
			t.Errorf("%s: number %q, want %q", desc, byDesc[desc].Number, number)
		}
	}
	r := byDesc["3号楼路灯不亮"]
	if r.Status != data.IssueClosed || r.ClosedOn != data.MustDate(2026, 7, 20) || r.FollowUpOn != data.MustDate(2026, 7, 22) ||
		r.Satisfaction != data.BasicallySatisfied || r.Result != "已修复" {
		t.Errorf("lifecycle of 3号楼路灯不亮: %+v", r)
	}
	events, err := s.IssueHistory(t.Context(), r.ID)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.UserName != "导入" {
			t.Errorf("history entry %s signed %q, want 导入", e.Action, e.UserName)
		}
	}

	// The same file again adds nothing.
	code, out, errs = runCLI(t, "import", "issues", "--db", db, "--in", in, "--add-missing")
	if code != 0 || !strings.Contains(out, "已导入 0 个问题；7 个问题此前已导入，跳过") {
		t.Fatalf("second import: exit %d\n%s%s", code, out, errs)
	}
	if f := statsJSON(t, db, "--from", "2026-07-01", "--to", "2026-09-30"); f.Found != 6 {
		t.Errorf("after the second import: found %d", f.Found)
	}
}

// A full export of the issue ledger imported into a fresh office exports again to the same
// rows: every number, date, status, result and visit.
func TestCLIIssueLedgerRoundTrip(t *testing.T) {
	path := demoDB(t) // fixes the clock
	dir := t.TempDir()
	first := filepath.Join(dir, "first.xlsx")
	t.Setenv(PasswordEnv, demo.Password)
	if code, _, errs := runCLI(t, "export", "issues", "--db", path, "--out", first, "--full", "--user", "admin"); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	fresh := initOffice(t)
	code, out, errs := runCLI(t, "import", "issues", "--db", fresh, "--in", first, "--add-missing")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	second := filepath.Join(dir, "second.xlsx")
	t.Setenv(PasswordEnv, "Lu2026yuan") // initOffice's administrator
	if code, _, errs := runCLI(t, "export", "issues", "--db", fresh, "--out", second, "--full", "--user", "admin"); code != 0 {
		t.Fatalf("export again: %s", errs)
	}
	rows := func(p string) [][]string {
		x, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		r, _ := x.GetRows(x.GetSheetList()[0])
		return r
	}
	a, b := rows(first), rows(second)
	if len(a) < 10 || len(a) != len(b) {
		t.Fatalf("first export %d rows, second %d (%s)", len(a), len(b), out)
	}
	diffs := 0
	for i := range a {
		if len(a[i]) > 0 && strings.HasPrefix(a[i][0], "导出时的审计记录") {
			continue // the audit head: the import between the two exports moved it
		}
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			if diffs++; diffs <= 5 {
				t.Errorf("row %d:\n first %q\nsecond %q", i+1, a[i], b[i])
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d rows differ", diffs, len(a))
	}
	// The figures are the same too.
	if f1, f2 := statsJSON(t, path), statsJSON(t, fresh); f1 != f2 {
		t.Errorf("figures:\n demo %+v\nfresh %+v", f1, f2)
	}
}
