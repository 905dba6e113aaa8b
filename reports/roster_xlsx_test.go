package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"taizhang/data"
)

var rosterDate = data.MustDate(2026, 11, 23)

func testResidents(n int) []data.Resident {
	out := make([]data.Resident, n)
	for i := range out {
		birth := time.Date(1930+i%80, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		out[i] = data.Resident{ID: int64(i + 1), Name: fmt.Sprintf("居民%d", i), IDNumber: data.MakeIDNumber("140202", birth, i%1000),
			Birth: birth, Male: i%2 == 1, Phone: "13835201234", Address: "古城街 1 号", CommunityName: "古城社区", GridName: "第一网格",
			Tags: []string{"高龄", "独居"}, Status: data.ResidentActive}
		if i%4 < 2 {
			out[i].HouseholdID, out[i].Relation = int64(100+i/4), []string{"户主", "配偶"}[i%4]
		}
	}
	return out
}

func writeRoster(t testing.TB, o RosterOptions, rs []data.Resident) []byte {
	t.Helper()
	x, err := NewRosterXLSX(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if err := x.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRosterXLSX(t *testing.T) {
	office := data.Office{Name: "平城区鹿苑街道办事处"}
	rs := testResidents(3)
	for _, full := range []bool{false, true} {
		t.Run(fmt.Sprintf("full=%v", full), func(t *testing.T) {
			b := writeRoster(t, RosterOptions{Office: office, Date: rosterDate, Full: full, Preparer: "王芳"}, rs)
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			const sh = "居民花名册"
			get := func(cell string) string {
				v, err := f.GetCellValue(sh, cell)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			if got, want := get("A1"), "平城区鹿苑街道居民花名册（2026年11月）"; got != want {
				t.Errorf("title: got %q, want %q", got, want)
			}
			if got := get("A2"); got != "填报单位：平城区鹿苑街道办事处" {
				t.Errorf("unit: got %q", got)
			}
			if got := get("H2"); got != "填报日期：2026年11月23日" {
				t.Errorf("date: got %q", got)
			}
			if got := get("A3") + get("B3") + get("E3"); got != "序号姓名身份证号" {
				t.Errorf("header: got %q", got)
			}
			if get("A4") != "1" || get("A6") != "3" || get("B4") != "居民0" {
				t.Errorf("rows: got %q %q %q", get("A4"), get("A6"), get("B4"))
			}
			idWant, phoneWant := data.MaskIDNumber(rs[0].IDNumber), "138****1234"
			if full {
				idWant, phoneWant = rs[0].IDNumber, rs[0].Phone
			}
			if get("E4") != idWant || get("F4") != phoneWant {
				t.Errorf("ID and phone: got %q %q, want %q %q", get("E4"), get("F4"), idWant, phoneWant)
			}
			if get("J4") != "1" || get("K4") != "户主" || get("J5") != "1" || get("J6") != "" {
				t.Errorf("households: got %q %q %q %q", get("J4"), get("K4"), get("J5"), get("J6"))
			}
			if got := get("A7"); !strings.HasPrefix(got, "共 3 条") {
				t.Errorf("note: got %q", got)
			}
			if got := get("A9"); got != "填报人：王芳" || get("H9") != "审核人：" {
				t.Errorf("footer: got %q", got)
			}
			merged, _ := f.GetMergeCells(sh)
			if len(merged) == 0 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "N1" {
				t.Errorf("title merge: got %v", merged)
			}
			panes, _ := f.GetPanes(sh)
			if !panes.Freeze || panes.YSplit != 3 {
				t.Errorf("panes: got %+v, want frozen under row 3", panes)
			}
			pl, _ := f.GetPageLayout(sh)
			if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
				t.Errorf("page layout: got %+v, want A4 landscape", pl)
			}
			names := f.GetDefinedName()
			if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || !strings.HasSuffix(names[0].RefersTo, "$3:$3") {
				t.Errorf("print titles: got %+v", names)
			}
			style, _ := f.GetCellStyle(sh, "E5")
			st, _ := f.GetStyle(style)
			if len(st.Border) != 4 {
				t.Errorf("data cell borders: got %v", st.Border)
			}
		})
	}
}

func TestReadTableXLSX(t *testing.T) {
	id := data.MakeIDNumber("140202", time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC), 13)
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetCellValue(sh, "A1", "古城社区居民花名册")
	f.SetCellValue(sh, "A3", "序号")
	f.SetCellValue(sh, "B3", "名字")
	f.SetCellValue(sh, "C3", "公民身份号码")
	f.SetCellValue(sh, "D3", "出生日期")
	f.SetCellValue(sh, "E3", "手机")
	f.SetCellValue(sh, "A4", 1)
	f.SetCellValue(sh, "B4", "张三")
	f.SetCellValue(sh, "C4", id)
	f.SetCellValue(sh, "D4", time.Date(1950, 3, 5, 0, 0, 0, 0, time.UTC)) // a real date cell
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "D4", "D4", dateStyle)
	f.SetCellValue(sh, "E4", 13835201234) // a phone typed as a number
	var buf bytes.Buffer
	f.WriteTo(&buf)
	f.Close()

	rows, err := ReadTable("花名册.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1].Line != 3 || rows[2].Line != 4 {
		t.Fatalf("got rows %v, want lines 1, 3, 4", rows)
	}
	r := data.ParseRoster(rows, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if len(r.Problems) > 0 || len(r.Entries) != 1 {
		t.Fatalf("got %v %v", r.Problems, r.Entries)
	}
	if e := r.Entries[0].Resident; e.Phone != "13835201234" || e.IDNumber != id {
		t.Errorf("got %+v", e)
	}
}

func TestReadTableCSV(t *testing.T) {
	text := "居民花名册\r\n姓名,身份证号,住址\r\n张菊花,11010519491231002X,\"古城街 1 号,2 单元\"\r\n\r\n李四,110105194912310029,东关\r\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(text, ",", "\t"))
	tests := []struct {
		name string
		b    []byte
	}{
		{"utf-8", []byte(text)},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"gbk", []byte(gbk)},
		{"utf-16 tab separated", []byte(utf16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ReadTable("名册.csv", bytes.NewReader(tt.b))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 4 {
				t.Fatalf("got %d rows %v, want 4", len(rows), rows)
			}
			addr := "古城街 1 号,2 单元"
			if strings.HasPrefix(tt.name, "utf-16") {
				addr = "古城街 1 号\t2 单元" // the test made every comma a tab
			}
			if rows[2].Cells[0] != "张菊花" || rows[2].Cells[2] != addr || rows[3].Line != 5 {
				t.Errorf("got %v", rows)
			}
		})
	}
}

func TestReadTableRefusesWrongFiles(t *testing.T) {
	xlsx := writeRoster(t, RosterOptions{Date: rosterDate}, testResidents(1))
	tests := []struct {
		name, file string
		b          []byte
		want       string
	}{
		{"text named xlsx", "名册.xlsx", []byte("姓名,身份证号\n张三,1\n"), "不是 Excel 工作簿，而是一个文本文件"},
		{"xlsx named csv", "名册.csv", xlsx, "内容是 Excel 工作簿：请把扩展名改为 .xlsx"},
		{"binary named csv", "名册.csv", []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, "不是文本格式的 CSV"},
		{"old xls", "名册.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "另存为” .xlsx"},
		{"old xls named xlsx", "名册.xlsx", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "旧版 Excel"},
		{"broken zip", "名册.xlsx", []byte("PK\x03\x04garbage"), "已损坏"},
		{"pdf", "名册.pdf", []byte("%PDF-1.4"), "只能导入 Excel 工作簿（.xlsx）或 CSV"},
		{"not gbk either", "名册.csv", []byte{0xFF, 0x41, 0x81, 0x20, 0xFE, 0x0A}, "文字编码无法识别"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTable(tt.file, bytes.NewReader(tt.b))
			if err == nil || !strings.Contains(data.Message(err), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestWriteImportProblems(t *testing.T) {
	var buf bytes.Buffer
	probs := []data.RosterProblem{{Line: 5, Column: "身份证号", Problem: "身份证号校验位错误，应为 3", Value: "140202195003050132"}}
	if err := WriteImportProblems(&buf, "名册.xlsx", data.Office{Name: "鹿苑街道办事处"}, rosterDate, probs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("导入检查报告")
	if len(rows) < 4 || strings.Join(rows[3], "|") != "1|第 5 行|身份证号|身份证号校验位错误，应为 3|140202195003050132" {
		t.Errorf("got %q", rows)
	}
}

// BenchmarkRosterXLSX writes a 10,000-resident roster (PRODUCT.md: an XLSX ledger export of
// 10,000 rows under 1 s).
func BenchmarkRosterXLSX(b *testing.B) {
	rs := testResidents(10000)
	o := RosterOptions{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Date: rosterDate}
	for b.Loop() {
		writeRoster(b, o, rs)
	}
}

func TestReadTableSheets(t *testing.T) {
	f := excelize.NewFile()
	id := func(seq int) string {
		return data.MakeIDNumber("140202", time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), seq)
	}
	f.SetSheetName("Sheet1", "古城社区")
	f.SetSheetRow("古城社区", "A1", &[]any{"姓名", "身份证号"})
	f.SetSheetRow("古城社区", "A2", &[]any{"甲", id(11)})
	f.NewSheet("东关社区")
	f.SetSheetRow("东关社区", "A1", &[]any{"东关社区名册"})
	f.SetSheetRow("东关社区", "A2", &[]any{"姓名", "身份证号"})
	f.SetSheetRow("东关社区", "A3", &[]any{"乙", id(11)})
	f.NewSheet("旧数据")
	f.SetSheetRow("旧数据", "A1", &[]any{"姓名", "身份证号"})
	f.SetSheetRow("旧数据", "A2", &[]any{"丙", id(13)})
	f.SetSheetVisible("旧数据", false)
	var buf bytes.Buffer
	f.WriteTo(&buf)
	f.Close()
	rows, err := ReadTable("名册.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	r := data.ParseRoster(rows, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if len(r.Entries) != 2 {
		t.Errorf("got %d entries, want 2 (the hidden sheet skipped)", len(r.Entries))
	}
	if len(r.Problems) != 1 || r.Problems[0].String() != "工作表“东关社区” 第 3 行 · 身份证号 · 身份证号与工作表“古城社区”第 2 行重复（甲） · 原值“"+id(11)+"”" {
		t.Errorf("got %v", r.Problems)
	}
}

// A cell merged down over several rows (社区 of a block of rows) counts for each of them; a
// title merged across the sheet stays in its one row.
func TestReadTableMergedCells(t *testing.T) {
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetSheetRow(sh, "A1", &[]any{"2026年第三季度问题整改台账"})
	f.MergeCell(sh, "A1", "D1")
	f.SetSheetRow(sh, "A2", &[]any{"社区", "发现日期", "问题描述", "整改时限"})
	f.SetSheetRow(sh, "A3", &[]any{"鹿苑社区", time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC), "甲", "2026-07-10"})
	f.SetSheetRow(sh, "B4", &[]any{"2026-07-04", "乙", "2026-07-11"})
	f.SetSheetRow(sh, "B5", &[]any{"2026-07-05", "丙", "2026-07-12"})
	f.MergeCell(sh, "A3", "A5")
	var buf bytes.Buffer
	f.WriteTo(&buf)
	f.Close()
	rows, err := ReadTable("台账.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || len(rows[0].Cells) != 1 {
		t.Fatalf("title row: %q", rows[0].Cells)
	}
	for _, r := range rows[2:] {
		if r.Cells[0] != "鹿苑社区" {
			t.Errorf("row %d: 社区 %q, want 鹿苑社区", r.Line, r.Cells[0])
		}
	}
	if d, err := data.ParseCellDate(rows[2].Cells[1]); err != nil || d != data.MustDate(2026, 7, 3) {
		t.Errorf("the date cell reads %q", rows[2].Cells[1])
	}
}
