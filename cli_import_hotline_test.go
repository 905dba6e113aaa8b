package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// hotlineCSV writes a 12345 work-order export as the hotline's system gives it: a title
// line, date-and-time cells, deadlines as dates or working days.
func hotlineCSV(t *testing.T, name string, lines ...string) string {
	t.Helper()
	body := "平城区12345政务服务便民热线工单导出\n" +
		"工单编号,来电时间,来电人,来电号码,诉求分类,诉求内容,地址,所属社区,办理时限,办理状态,办结时间,办理结果,满意度\n" +
		strings.Join(lines, "\n") + "\n"
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A 12345 export imported twice adds its orders once; a later export with new orders adds
// only those; the 工单编号 finds its issue.
func TestCLIImportHotline(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	db := initOffice(t, "鹿苑社区")
	orders := []string{
		"GD20261001001,2026-10-08 09:12:33,张先生,13835201234,环境卫生,小区门口垃圾无人清运,鹿苑小区东门,鹿苑社区,2026-10-15 18:00:00,已办结,2026-10-12 16:20:00,已协调环卫清运,满意",
		"GD20261001002,2026-10-09 14:01:00,李女士,13900001111,,夜间广场舞噪音扰民,中心广场,鹿苑社区,5个工作日,处理中,,,",
		"GD20261001003,2026/10/20 10:00,王先生,,基础设施,路面塌陷,鹿苑路12号,,2026-11-05,已办结,2026-10-30,已修复路面,不满意",
	}
	first := hotlineCSV(t, "工单导出1.csv", orders...)
	code, out, errs := runCLI(t, "import", "hotline", "--db", db, "--in", first, "--add-missing")
	if code != 0 || !strings.Contains(out, "已导入 3 张工单") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(out, "已添加问题来源") {
		t.Errorf("12345热线 is a default source; got %s", out)
	}
	code, out, errs = runCLI(t, "import", "hotline", "--db", db, "--in", first)
	if code != 0 || !strings.Contains(out, "已导入 0 张工单；3 张工单此前已导入，跳过") {
		t.Fatalf("again: exit %d\n%s%s", code, out, errs)
	}
	later := hotlineCSV(t, "工单导出2.csv", append(orders[1:], "GD20261101004,2026-11-02 08:30:00,赵先生,,,楼道灯不亮,3号楼,鹿苑社区,3天,待处理,,,")...)
	code, out, errs = runCLI(t, "import", "hotline", "--db", db, "--in", later)
	if code != 0 || !strings.Contains(out, "已导入 1 张工单；2 张工单此前已导入，跳过") {
		t.Fatalf("later export: exit %d\n%s%s", code, out, errs)
	}

	s, err := openStore(db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	all, total, err := s.ListIssues(ctx, data.IssueFilter{Limit: 20})
	if err != nil || total != 4 {
		t.Fatalf("got %d issues, %v; want 4", total, err)
	}
	for _, r := range all {
		if r.Source != data.HotlineSource {
			t.Errorf("%s: source %q", r.Description, r.Source)
		}
	}
	find := func(q string) data.IssueRow {
		t.Helper()
		rows, n, err := s.ListIssues(ctx, data.IssueFilter{Query: q, Limit: 5})
		if err != nil || n != 1 || len(rows) != 1 {
			t.Fatalf("search %q: %d rows (%d), %v; want 1", q, len(rows), n, err)
		}
		return rows[0]
	}
	r := find("GD20261001001")
	if r.Description != "小区门口垃圾无人清运" || r.Status != data.IssueClosed || r.ClosedOn != data.MustDate(2026, 10, 12) ||
		r.Deadline != data.MustDate(2026, 10, 15) || r.Satisfaction != data.Satisfied || r.CommunityName != "鹿苑社区" {
		t.Errorf("order 001: %+v", r)
	}
	// 5个工作日 from Friday 2026-10-09 is Thursday 2026-10-15 on the office's calendar: Saturday
	// 10-10 is a make-up working day of the National Day holiday. The caller's phone is not kept.
	r = find("GD20261001002")
	if r.Status != data.IssueOpen || r.Deadline != data.MustDate(2026, 10, 15) || r.Category != "其他" ||
		strings.Contains(r.Description+r.Address, "13900001111") {
		t.Errorf("order 002: %+v", r)
	}
	// An unsatisfied caller sends the order back to rectification.
	if r = find("GD20261001003"); r.Status != data.IssueInProgress || r.Satisfaction != data.Unsatisfied {
		t.Errorf("order 003: %+v", r)
	}
	if r = find("GD20261101004"); r.Deadline != data.MustDate(2026, 11, 5) {
		t.Errorf("order 004: %+v", r)
	}

	// A file with an order twice is refused whole.
	dup := hotlineCSV(t, "重复.csv", "GD9,2026-11-01 08:00,,,,甲,,,2026-11-09,,,,", "GD9,2026-11-02 08:00,,,,乙,,,2026-11-09,,,,")
	if code, _, errs := runCLI(t, "import", "hotline", "--db", db, "--in", dup); code != exitFail || !strings.Contains(errs, "工单编号与第 3 行重复") {
		t.Errorf("duplicate order: exit %d\n%s", code, errs)
	}
}
