package data

import (
	"strings"
	"testing"
	"time"
)

func TestParsePaperRegister(t *testing.T) {
	id := MakeIDNumber("140202", time.Date(1958, 3, 7, 0, 0, 0, 0, time.UTC), 24)
	for _, c := range []struct {
		name   string
		header []string
	}{
		{"文号 日期 申请人", []string{"序号", "文号", "日期", "申请人", "身份证号", "文书种类", "救助项目", "决定", "金额", "备注"}},
		{"发文字号 签发日期 当事人", []string{"序号", "发文字号", "签发日期", "当事人", "公民身份号码", "文书类型", "救助类别", "决定结果", "金额（元）", "备注"}},
		{"文书编号 成文日期 受文人", []string{"序号", "文书编号", "成文日期", "受文人", "证件号码", "文书名称", "救助项目", "决定事项", "救助金额", "备注"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := []SheetRow{
				{Line: 1, Cells: []string{"平城区鹿苑街道办事处文书登记簿"}},
				{Line: 2, Cells: []string{"填报单位：平城区鹿苑街道办事处", "", "", "填报日期：2026年11月1日"}},
				{Line: 3, Cells: c.header},
				{Line: 4, Cells: []string{"1", "平民救决〔2026〕7号", "46086", "张秀兰", id, "最低生活保障批准决定书", "", "", "680元", ""}},
				{Line: 5, Cells: []string{"2", " 平民救决【２０２６】第 8 号", "2026年3月12日", "王建国", "", "决定书", "最低生活保障", "不予批准", "", "未到场"}},
				{Line: 6, Cells: []string{"3", "平民不受(2026)2号", "2026/4/1", "李四", "", "不予受理通知书", "", "不予受理", "", ""}},
				{Line: 7, Cells: []string{"4"}},
				{Line: 8, Cells: c.header}, // the header again
				{Line: 9, Cells: []string{"5", "平民告知〔2026〕3号", "2026.5.6 10:30", "赵六", "", "", "", "", "", ""}},
				{Line: 10, Cells: []string{"填表人：王芳", "", "审核人：孟丽华"}},
			}
			f := ParsePaperRegister(rows, importToday)
			if len(f.Problems) != 0 || len(f.Entries) != 4 {
				t.Fatalf("got problems %v and %d entries, want none and 4", f.Problems, len(f.Entries))
			}
			a, b, r, n := f.Entries[0].Doc, f.Entries[1].Doc, f.Entries[2].Doc, f.Entries[3].Doc
			if a.DocNumber != "平民救决〔2026〕7号" || a.Prefix != "平民救决" || a.Year != 2026 || a.Seq != 7 || a.SignedOn != MustDate(2026, 3, 5) ||
				a.Kind != DocDecision || a.Programme != ProgrammeDibao || a.Outcome != OutcomeGrant || a.Amount != 68000 || !a.HasAmount ||
				f.Entries[0].IDNumber != id || a.Applicant != "张秀兰" {
				t.Errorf("row 4: got %+v", a)
			}
			if b.DocNumber != "平民救决〔2026〕8号" || b.SignedOn != MustDate(2026, 3, 12) || b.Programme != ProgrammeDibao ||
				b.Outcome != OutcomeRefuse || b.HasAmount || b.Note != "未到场" {
				t.Errorf("row 5: got %+v", b)
			}
			if r.DocNumber != "平民不受〔2026〕2号" || r.Kind != DocRejectionNotice || f.Entries[2].Unread != "不予受理" {
				t.Errorf("row 6: got %+v, unread %q", r, f.Entries[2].Unread)
			}
			if n.DocNumber != "平民告知〔2026〕3号" || n.Kind != "" || n.SignedOn != MustDate(2026, 5, 6) || f.Entries[3].Line != 9 {
				t.Errorf("row 9: got %+v", n)
			}
		})
	}
}

func TestParsePaperRegisterProblems(t *testing.T) {
	header := SheetRow{Line: 1, Cells: []string{"文号", "日期", "申请人", "身份证号", "文书种类", "救助项目", "决定", "金额"}}
	for _, c := range []struct {
		cells []string
		want  string
	}{
		{[]string{"", "2026-01-02", "王建国"}, "文号 · 未填写文号"},
		{[]string{"平民救决2026年3号", "2026-01-02", "王建国"}, "文号 · 文号格式不对"},
		{[]string{"平民救决〔2027〕3号", "2026-01-02", "王建国"}, "文号 · 文号的年份 2027 晚于今年"},
		{[]string{"平民救决〔2026〕3号", "", "王建国"}, "日期 · 未填写日期"},
		{[]string{"平民救决〔2026〕3号", "2026-02-30", "王建国"}, "日期 · 日期无法识别"},
		{[]string{"平民救决〔2026〕3号", "2026-11-24", "王建国"}, "日期 · 日期晚于今天（2026-11-23）"},
		{[]string{"平民救决〔2026〕3号", "2025-12-31", "王建国"}, "日期 · 日期（2025-12-31）与文号的年份 2026 不符"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", ""}, "申请人 · 未填写申请人"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "1402**********1234"}, "身份证号 · 身份证号已打码"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "140202195801020000"}, "身份证号 · "},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "", "送达回证"}, "文书种类 · 文书种类只能是决定书、不予受理通知书或一次性告知单"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "", "最低生活保障批准决定书", "临时救助"}, "救助项目 · 与文书种类“最低生活保障批准决定书”所写的救助项目（低保）不符"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "", "最低生活保障批准决定书", "", "减发"}, "决定 · 与文书种类“最低生活保障批准决定书”所写的决定（批准）不符"},
		{[]string{"平民救决〔2026〕3号", "2026-01-02", "王建国", "", "", "", "", "六百元"}, "金额 · 金额无法识别"},
	} {
		f := ParsePaperRegister([]SheetRow{header, {Line: 2, Cells: c.cells}}, importToday)
		var got []string
		for _, p := range f.Problems {
			got = append(got, p.String())
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], "第 2 行 · "+c.want) {
			t.Errorf("%q: got %q, want one problem starting 第 2 行 · %s", c.cells, got, c.want)
		}
	}

	t.Run("a number twice in the file", func(t *testing.T) {
		f := ParsePaperRegister([]SheetRow{header,
			{Line: 2, Cells: []string{"平民救决〔2026〕3号", "2026-01-02", "王建国"}},
			{Line: 3, Cells: []string{"平民救决[2026]第3号", "2026-01-03", "张秀兰"}},
		}, importToday)
		if len(f.Problems) != 1 || f.Problems[0].String() != "第 3 行 · 文号 · 文号与第 2 行重复：一个文号只能登记一份文书 · 原值“平民救决〔2026〕3号”" {
			t.Errorf("got %v", f.Problems)
		}
	})
	t.Run("one sheet a year", func(t *testing.T) {
		h := func(sheet string) SheetRow {
			return SheetRow{Sheet: sheet, Line: 1, Cells: []string{"文号", "日期", "申请人"}}
		}
		f := ParsePaperRegister([]SheetRow{h("2025年"),
			{Sheet: "2025年", Line: 2, Cells: []string{"平民救决〔2025〕3号", "2025-01-02", "王建国"}},
			h("2026年"),
			{Sheet: "2026年", Line: 2, Cells: []string{"平民救决〔2026〕1号", "2026-01-03", "张秀兰"}},
			{Sheet: "2026年", Line: 3, Cells: []string{"平民救决〔2025〕3号", "2025-01-02", "王建国"}},
		}, importToday)
		if len(f.Entries) != 3 || len(f.Problems) != 1 ||
			f.Problems[0].String() != "工作表“2026年” 第 3 行 · 文号 · 文号与工作表“2025年”第 2 行重复：一个文号只能登记一份文书 · 原值“平民救决〔2025〕3号”" {
			t.Errorf("got %d entries, problems %v", len(f.Entries), f.Problems)
		}
	})
	t.Run("no applicant column", func(t *testing.T) {
		f := ParsePaperRegister([]SheetRow{{Line: 1, Cells: []string{"文号", "日期"}}, {Line: 2, Cells: []string{"平民救决〔2026〕3号", "2026-01-02"}}}, importToday)
		if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Problem, "表头没有“申请人”") {
			t.Errorf("got %v", f.Problems)
		}
	})
}

func TestParseDocKindWord(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind DocKind
		prog Programme
		out  Outcome
		ok   bool
	}{
		{"决定书", DocDecision, "", "", true},
		{"社会救助决定书", DocDecision, "", "", true},
		{"最低生活保障不予批准决定书", DocDecision, ProgrammeDibao, OutcomeRefuse, true},
		{"特困人员救助供养终止决定书", DocDecision, ProgrammeTekun, OutcomeStop, true},
		{"临时救助给予决定书", DocDecision, ProgrammeTemporary, OutcomeGrant, true},
		{"不予受理通知书", DocRejectionNotice, "", "", true},
		{"不予受理", DocRejectionNotice, "", "", true},
		{"一次性告知单", DocOneTimeNotice, "", "", true},
		{"一次性 告知书", DocOneTimeNotice, "", "", true},
		{"one_time_notice", DocOneTimeNotice, "", "", true},
		{"送达回证", "", "", "", false},
		{"delivery_receipt", "", "", "", false},
		{"通知", "", "", "", false},
	} {
		k, p, o, ok := ParseDocKindWord(c.in)
		if k != c.kind || p != c.prog || o != c.out || ok != c.ok {
			t.Errorf("%q: got %q %q %q %v, want %q %q %q %v", c.in, k, p, o, ok, c.kind, c.prog, c.out, c.ok)
		}
	}
}

func FuzzParsePaperRow(f *testing.F) {
	f.Add("平民救决〔2026〕7号", "2026-03-05", "张秀兰", "最低生活保障批准决定书", "低保", "给予", "680")
	f.Add("x[2026]第1号", "46086", "", "送达回证", "", "减发", "1,2")
	f.Fuzz(func(t *testing.T, number, date, applicant, kind, prog, outcome, amount string) {
		file := ParsePaperRegister([]SheetRow{
			{Line: 1, Cells: []string{"文号", "日期", "申请人", "文书种类", "救助项目", "决定", "金额"}},
			{Line: 2, Cells: []string{number, date, applicant, kind, prog, outcome, amount}},
		}, importToday)
		if len(file.Problems) > 0 {
			return
		}
		for _, e := range file.Entries {
			// A row without problems has a number in the standard form, a date in the
			// number's year and not after today, and an applicant.
			p, y, n, err := ParseDocNumber(e.Doc.DocNumber)
			if err != nil || FormatDocNumber(p, y, n) != e.Doc.DocNumber || e.Doc.SignedOn.Year != y ||
				e.Doc.SignedOn.After(Today(importToday)) || e.Doc.Applicant == "" {
				t.Fatalf("accepted %+v", e.Doc)
			}
		}
	})
}
