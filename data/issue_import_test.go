package data

import (
	"strings"
	"testing"
	"time"
)

var importToday = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func TestParseIssueLedger(t *testing.T) {
	rows := []SheetRow{
		{Line: 1, Cells: []string{"平城区鹿苑街道问题整改台账（2026年第三季度）"}},
		{Line: 2, Cells: []string{"填报单位：平城区鹿苑街道办事处"}},
		{Line: 3, Cells: []string{"序号", "编号", "发现日期", "问题来源", "问题类别", "问题描述", "社区/网格", "整改时限", "状态", "销号日期", "整改结果", "回访日期", "回访满意度", "说明"}},
		{Line: 4, Cells: []string{"1", "wt-2026-0007", "46206", "日常巡查", "环境卫生", "垃圾", "鹿苑社区/第一网格", "2026年7月20日", "已办结", "2026.7.18", "已清运", "2026/7/19", "满意"}},
		{Line: 5, Cells: []string{"2", "第7号", "2026-07-05", "日常巡查", "环境卫生", "路灯", "南关社区", "2026-07-15", "整改中"}},
		{Line: 6, Cells: []string{"3"}}, // 序号 only: passed over
		{Line: 7, Cells: []string{"序号", "编号", "发现日期", "问题来源", "问题类别", "问题描述"}}, // the header again
		{Line: 8, Cells: []string{"共 2 条。"}},
		{Line: 9, Cells: []string{"填报人：王建国", "", "审核人：李卫东"}},
	}
	f := ParseIssueLedger(rows, importToday)
	if len(f.Problems) != 0 || len(f.Entries) != 2 {
		t.Fatalf("problems %v, %d entries", f.Problems, len(f.Entries))
	}
	if got := f.Headers[0].Ignored; len(got) != 1 || got[0] != "说明" {
		t.Errorf("ignored: %q", got)
	}
	a, b := f.Entries[0], f.Entries[1]
	if a.Issue.Number != "WT-2026-0007" || a.Issue.FoundOn != MustDate(2026, 7, 3) || a.Community != "鹿苑社区" || a.Grid != "第一网格" ||
		a.Issue.Status != IssueClosed || a.Issue.ClosedOn != MustDate(2026, 7, 18) || a.Issue.Deadline != MustDate(2026, 7, 20) ||
		a.FollowUpOn != MustDate(2026, 7, 19) || a.Satisfaction != Satisfied || a.Issue.Tier != TierGeneral {
		t.Errorf("row 4: %+v", a)
	}
	if b.Issue.Number != "" || b.FileNumber != "第7号" || b.Issue.Status != IssueInProgress || b.Community != "南关社区" || b.Grid != "" {
		t.Errorf("row 5 (a number not in the office's format is not kept): %+v", b)
	}
}

func TestParseIssueLedgerProblems(t *testing.T) {
	head := SheetRow{Line: 1, Cells: []string{"编号", "登记日期", "来源", "问题类型", "问题内容", "整改期限", "整改状态", "完成日期", "整改情况", "满意度"}}
	for _, c := range []struct {
		name  string
		cells []string
		want  string
	}{
		{"bad date", []string{"", "2026-13-01", "甲", "乙", "丙", "2026-12-01"}, "第 2 行 · 登记日期 · 日期无法识别"},
		{"found in the future", []string{"", "2026-12-01", "甲", "乙", "丙", "2026-12-31"}, "日期晚于今天"},
		{"no deadline", []string{"", "2026-07-01", "甲", "乙", "丙", ""}, "整改期限 · 未填写整改期限"},
		{"deadline before found", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-06-01"}, "整改时限早于发现日期"},
		{"unknown status", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "研究中"}, "状态无法识别"},
		{"closed without date", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "已销号", "", "已改"}, "已销号的问题须填写销号日期"},
		{"closed without result", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "已销号", "2026-07-09"}, "须填写整改结果"},
		{"open with a closing date", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "整改中", "2026-07-09"}, "不应有销号日期"},
		{"visit on an open issue", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "待整改", "", "", "满意"}, "尚未销号，不能有回访"},
		{"no description", []string{"", "2026-07-01", "甲", "乙", "", "2026-08-01"}, "未填写问题描述"},
		{"bad satisfaction", []string{"", "2026-07-01", "甲", "乙", "丙", "2026-08-01", "已销号", "2026-07-09", "已改", "还行"}, "回访满意度只能是"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := ParseIssueLedger([]SheetRow{head, {Line: 2, Cells: c.cells}}, importToday)
			var got []string
			for _, p := range f.Problems {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	// A file without the header's required columns.
	f := ParseIssueLedger([]SheetRow{{Line: 1, Cells: []string{"姓名", "身份证号"}}}, importToday)
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Problem, "没有找到表头行") {
		t.Errorf("no header: %v", f.Problems)
	}
}
