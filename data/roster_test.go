package data

import (
	"strings"
	"testing"
	"time"
)

func rows(lines ...[]string) []SheetRow {
	out := make([]SheetRow, len(lines))
	for i, l := range lines {
		out[i] = SheetRow{Line: i + 1, Cells: l}
	}
	return out
}

func TestFindRosterHeader(t *testing.T) {
	tests := []struct {
		name    string
		rows    []SheetRow
		line    int
		want    map[RosterField]int
		ignored []string
	}{
		{"plain", rows([]string{"姓名", "身份证号", "联系电话"}), 1,
			map[RosterField]int{RosterName: 0, RosterIDNumber: 1, RosterPhone: 2}, nil},
		{"under a title and a unit line", rows(
			[]string{"古城社区居民花名册"},
			[]string{"填报单位：古城社区", "", "填报日期：2026年3月1日"},
			[]string{"序号", "名字", "公民身份号码（18位）", "手机", "家庭住址", "所属社区", "网格", "人员类别", "与户主关系", "备注", "民族"}), 3,
			map[RosterField]int{RosterSeq: 0, RosterName: 1, RosterIDNumber: 2, RosterPhone: 3, RosterAddress: 4,
				RosterCommunity: 5, RosterGrid: 6, RosterTags: 7, RosterRelation: 8, RosterNote: 9}, []string{"民族"}},
		{"stars, spaces and line breaks", rows([]string{"*姓 名", "证件号码\n", "电 话"}), 1,
			map[RosterField]int{RosterName: 0, RosterIDNumber: 1, RosterPhone: 2}, nil},
		{"better address wins", rows([]string{"姓名", "身份证", "户籍地址", "现住址"}), 1,
			map[RosterField]int{RosterName: 0, RosterIDNumber: 1, RosterAddress: 3}, []string{"户籍地址"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := FindRosterHeader(tt.rows)
			if !ok {
				t.Fatal("got no header")
			}
			if h.Line != tt.line {
				t.Errorf("got line %d, want %d", h.Line, tt.line)
			}
			if len(h.Columns) != len(tt.want) {
				t.Errorf("got columns %v, want %v", h.Columns, tt.want)
			}
			for f, i := range tt.want {
				if h.Columns[f] != i {
					t.Errorf("got %s at %d, want %d", f, h.Columns[f], i)
				}
			}
			if strings.Join(h.Ignored, ",") != strings.Join(tt.ignored, ",") {
				t.Errorf("got ignored %v, want %v", h.Ignored, tt.ignored)
			}
		})
	}
	if _, ok := FindRosterHeader(rows([]string{"姓名", "电话"}, []string{"张三", "13800000000"})); ok {
		t.Error("a sheet without an ID column: got a header, want none")
	}
}

func TestParseCellDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  string
	}{
		{"2026-03-05", MustDate(2026, 3, 5), ""},
		{"2026/3/5", MustDate(2026, 3, 5), ""},
		{"2026.3.5", MustDate(2026, 3, 5), ""},
		{"2026年3月5日", MustDate(2026, 3, 5), ""},
		{"46086", MustDate(2026, 3, 5), ""},
		{"18327", MustDate(1950, 3, 5), ""},
		{"18327.75", MustDate(1950, 3, 5), ""},
		{"1", MustDate(1900, 1, 1), ""},
		{"59", MustDate(1900, 2, 28), ""},
		{"61", MustDate(1900, 3, 1), ""},
		{"60", Date{}, "只有28天"},
		{"1950", Date{}, "无法识别"},
		{"2026-02-30", Date{}, "只有28天"},
		{"abc", Date{}, "无法识别"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCellDate(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(Message(err), tt.err) {
					t.Fatalf("got %v, %v; want error with %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestParseRosterRow(t *testing.T) {
	birth := time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC)
	man := MakeIDNumber("140202", birth, 13)
	woman := MakeIDNumber("140202", birth, 24)
	h, _ := FindRosterHeader(rows([]string{"姓名", "身份证号", "性别", "出生日期", "电话", "与户主关系", "状态", "人员类别"}))
	tests := []struct {
		name   string
		cells  []string
		column string
		want   string
	}{
		{"good", []string{"张三", man, "男", "1950年3月5日", "13835201234", "妻", "在册", "高龄、独居"}, "", ""},
		{"good with a serial birth date and month-only", []string{"张三", man, "男", "18327", "", "户主", "", ""}, "", ""},
		{"month only", []string{"张三", man, "", "1950.3", "", "", "", ""}, "", ""},
		{"empty name", []string{"", man}, "姓名", "未填写姓名"},
		{"bad check digit", []string{"张三", man[:17] + string("10X98765432"[(strings.IndexByte("10X98765432", man[17])+1)%11])}, "身份证号", "校验位错误"},
		{"masked", []string{"张三", MaskIDNumber(man)}, "身份证号", "已打码"},
		{"excel number", []string{"张三", "1.40202195003051E+17"}, "身份证号", "存成了数字"},
		{"sex against the ID", []string{"张三", woman, "男"}, "性别", "身份证号表明为女"},
		{"impossible birth date", []string{"张三", man, "", "1950-02-30"}, "出生日期", "只有28天"},
		{"birth date against the ID", []string{"张三", man, "", "1950-03-06"}, "出生日期", "与身份证号不符"},
		{"bad phone", []string{"张三", man, "", "", "1383520123"}, "电话", "应为 11 位"},
		{"masked phone", []string{"张三", man, "", "", "138****1234"}, "电话", "已打码"},
		{"unknown relation", []string{"张三", man, "", "", "", "邻居"}, "与户主关系", "无法识别"},
		{"unknown status", []string{"张三", man, "", "", "", "", "出差"}, "状态", "无法识别"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, probs := ParseRosterRow(h, SheetRow{Line: 7, Cells: tt.cells}, today)
			if tt.want == "" {
				if len(probs) > 0 {
					t.Fatalf("got problems %v, want none", probs)
				}
				if e.Resident.Birth != birth {
					t.Errorf("got birth %v, want %v", e.Resident.Birth, birth)
				}
				return
			}
			if len(probs) != 1 {
				t.Fatalf("got %d problems %v, want 1", len(probs), probs)
			}
			p := probs[0]
			if p.Line != 7 || p.Column != tt.column || !strings.Contains(p.Problem, tt.want) {
				t.Errorf("got %s, want 第 7 行 · %s · …%s…", p, tt.column, tt.want)
			}
		})
	}
}

func TestParseRoster(t *testing.T) {
	id := func(seq int) string { return MakeIDNumber("140202", time.Date(1960, 5, 1, 0, 0, 0, 0, time.UTC), seq) }
	in := rows(
		[]string{"鹿苑街道居民花名册（2026年11月）"},
		[]string{"填报单位：鹿苑街道", "", "", "填报日期：2026年11月23日"},
		[]string{"序号", "姓名", "身份证号", "与户主关系"},
		[]string{"1", "张三", id(11), "户主"},
		[]string{"2", "李四", id(22), "妻"},
		[]string{"3", "张小", id(31), "子"},
		[]string{},
		[]string{"4", "王五", id(41), ""},
		[]string{"序号", "姓名", "身份证号", "与户主关系"},
		[]string{"5", "赵六", id(11), ""},
		[]string{"6", "钱七", id(51), "户主"},
		[]string{"7", "", "", "妻"},
		[]string{"共 6 条"},
		[]string{"填报人：", "", "审核人："},
	)
	r := ParseRoster(in, today)
	if r.Rows != 7 {
		t.Errorf("got %d rows, want 7", r.Rows)
	}
	if len(r.Problems) != 3 || r.Problems[0].Line != 12 || r.Problems[0].Problem != "未填写姓名" ||
		r.Problems[1].Problem != "请填写身份证号" || r.Problems[2].Line != 10 || !strings.Contains(r.Problems[2].Problem, "与第 4 行重复") {
		t.Fatalf("got problems %v, want line 12 half typed and a duplicate on line 10", r.Problems)
	}
	hh := map[string][]string{}
	for _, e := range r.Entries {
		if e.Household != "" {
			hh[e.Household] = append(hh[e.Household], e.Resident.Name)
		}
	}
	if len(hh) != 2 || len(hh["#4"]) != 3 || len(hh["#11"]) != 2 {
		t.Errorf("got households %v, want 张三's three and 钱七 with the half-typed row", hh)
	}
	if r.Entries[1].Resident.Relation != "配偶" || r.Entries[2].Resident.Relation != "子女" {
		t.Errorf("got relations %q %q, want 配偶 子女", r.Entries[1].Resident.Relation, r.Entries[2].Resident.Relation)
	}

	none := ParseRoster(rows([]string{"会议纪要"}, []string{"今天开会"}), today)
	if len(none.Problems) != 1 || none.Problems[0].Line != 0 || !strings.Contains(none.Problems[0].Problem, "没有找到表头") {
		t.Errorf("got %v, want one file-level problem", none.Problems)
	}
}

// FuzzParseRosterRow feeds arbitrary cells to the row parser: it must not panic, every problem
// names its row, and a row without problems is a resident the store accepts.
func FuzzParseRosterRow(f *testing.F) {
	h, _ := FindRosterHeader(rows([]string{"姓名", "身份证号", "性别", "出生日期", "电话", "住址", "与户主关系", "人员类别", "状态", "备注"}))
	good := MakeIDNumber("140202", time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC), 13)
	f.Add("张三", good, "男", "18327", "13835201234", "鹿苑小区", "户主", "高龄、独居", "在册", "")
	f.Add("", "1402**********1234", "女", "1950.3", "138****1234", "", "妻", "", "已故", "x")
	f.Add(" 李 四 ", "1.40202E+17", "M", "2026年2月30日", "0352-1234567", "", "之子", "低保,,", "", "")
	f.Fuzz(func(t *testing.T, name, id, sex, birth, phone, addr, rel, tags, status, note string) {
		e, probs := ParseRosterRow(h, SheetRow{Line: 9, Cells: []string{name, id, sex, birth, phone, addr, rel, tags, status, note}}, today)
		for _, p := range probs {
			if p.Line != 9 || p.Problem == "" || p.Column == "" {
				t.Fatalf("problem without a place: %+v", p)
			}
		}
		if len(probs) == 0 {
			r := e.Resident
			r.CommunityID = 1
			if err := r.Normalize(today); err != nil {
				t.Fatalf("row passed the parser, store refuses it: %v (%+v)", err, r)
			}
		}
	})
}

func TestRosterNameSpaces(t *testing.T) {
	h, _ := FindRosterHeader(rows([]string{"姓名", "身份证号"}))
	id := MakeIDNumber("140202", time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC), 13)
	for in, want := range map[string]string{"张 三": "张三", " 张　三 ": "张三", "John  Smith": "John Smith", "阿依古丽·买买提": "阿依古丽·买买提"} {
		e, probs := ParseRosterRow(h, SheetRow{Line: 2, Cells: []string{in, id}}, today)
		if len(probs) > 0 || e.Resident.Name != want {
			t.Errorf("%q: got %q %v, want %q", in, e.Resident.Name, probs, want)
		}
	}
}
