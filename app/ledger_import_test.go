package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

// The issue ledger's 导入 checks the file first, says what is missing, adds it when asked,
// and imports all rows or none; a 12345 export is recognised by its 工单编号.
func TestIssueImportDialog(t *testing.T) {
	s, db := demoShell(t, 0)
	ctx := s.Ctx()
	_, before, err := db.ListIssues(ctx, data.IssueFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	ledger := "鹿苑街道问题整改台账（2026年第三季度）\n" +
		"问题编号,登记日期,来源,问题类型,问题内容,所属社区,具体地点,整改期限,整改状态,办结日期,整改情况,回访时间,满意度\n" +
		",2026-07-03,网格员上报,环境卫生,导入测试：东门垃圾堆放,火星社区,东门,2026-07-10,已销号,2026-07-08,已清运,2026-07-10,满意\n" +
		",2026/7/5,居民反映,基础设施,导入测试：路灯不亮,,3号楼,2026.7.15,整改中,,,,\n"
	x := s.openIssueImport("台账.csv", []byte(ledger), nil)
	if x == nil || x.kind.Selected != importIssueLedger {
		t.Fatal("no import dialog for an issue ledger")
	}
	if !x.ok.Disabled() || !strings.Contains(x.result.Text, "未导入任何问题") || len(x.report.Problems) != 1 ||
		!strings.Contains(x.report.Problems[0].String(), "第 3 行 · 所属社区 · 本单位没有这个社区") {
		t.Fatalf("check: %q %v", x.result.Text, x.report.Problems)
	}
	test.Tap(x.add)
	if x.ok.Disabled() || !strings.Contains(x.result.Text, "可以导入 2 个问题") || !strings.Contains(x.result.Text, "社区“火星社区”") {
		t.Fatalf("with 添加: %q", x.result.Text)
	}
	test.Tap(x.ok)
	_, after, _ := db.ListIssues(ctx, data.IssueFilter{Limit: 1})
	if after != before+2 {
		t.Errorf("issues: %d before, %d after; want 2 more", before, after)
	}
	// Again: nothing new.
	x = s.openIssueImport("台账.csv", []byte(ledger), nil)
	test.Tap(x.add)
	if !x.ok.Disabled() || !strings.Contains(x.result.Text, "可以导入 0 个问题，2 个问题此前已导入") {
		t.Errorf("second time: %q", x.result.Text)
	}
	s.CloseDialog()

	hotline := "工单编号,来电时间,诉求内容,地址,办理时限,办理状态\nGD1,2026-11-01 09:00,导入测试：井盖缺失,鹿苑路,3个工作日,处理中\n"
	x = s.openIssueImport("工单.csv", []byte(hotline), nil)
	if x == nil || x.kind.Selected != importHotline || !strings.Contains(x.result.Text, "可以导入 1 张工单") {
		t.Fatalf("hotline: %v %q", x != nil && x.kind.Selected == importHotline, x.result.Text)
	}
}
