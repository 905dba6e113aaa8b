package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// SheetRow is one row of a spreadsheet or CSV file as read: the sheet it came from (empty
// for CSV), its 1-based row number in that sheet and the text of its cells. Readers keep the
// real row numbers, blank rows included, so a message's 第 N 行 is the row the clerk sees.
type SheetRow struct {
	Sheet string
	Line  int
	Cells []string
}

// RosterField is a column of a resident roster (居民花名册) that the importer understands.
type RosterField string

// Roster fields. Seq and Age are recognised so they are not reported as unknown, and are
// not read: a number is given by the store and an age is derived from the ID number.
const (
	RosterSeq       RosterField = "seq"
	RosterName      RosterField = "name"
	RosterIDNumber  RosterField = "id_number"
	RosterSex       RosterField = "sex"
	RosterBirth     RosterField = "birth"
	RosterAge       RosterField = "age"
	RosterPhone     RosterField = "phone"
	RosterAddress   RosterField = "address"
	RosterCommunity RosterField = "community"
	RosterGrid      RosterField = "grid"
	RosterHousehold RosterField = "household"
	RosterRelation  RosterField = "relation"
	RosterTags      RosterField = "tags"
	RosterStatus    RosterField = "status"
	RosterNote      RosterField = "note"
)

// rosterHeaders lists, per field, the header names found in real rosters, best first: when
// two columns name the same field (现住址 and 户籍地址), the better name wins and the other
// column is ignored. The first name is the one the exporter writes.
var rosterHeaders = []struct {
	field RosterField
	names []string
}{
	{RosterSeq, []string{"序号", "编号", "顺序号", "No", "NO"}},
	{RosterName, []string{"姓名", "名字", "居民姓名", "人员姓名", "成员姓名", "家庭成员姓名"}},
	{RosterIDNumber, []string{"身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "居民身份证号码", "身份证件号码", "证件号码", "证件号", "身份证"}},
	{RosterSex, []string{"性别"}},
	{RosterBirth, []string{"出生日期", "出生年月日", "出生年月", "生日"}},
	{RosterAge, []string{"年龄", "周岁", "年龄（岁）"}},
	{RosterPhone, []string{"联系电话", "手机", "电话", "手机号", "手机号码", "电话号码", "联系方式", "本人电话"}},
	{RosterAddress, []string{"住址", "现住址", "家庭住址", "居住地址", "详细地址", "地址", "户籍地址"}},
	{RosterCommunity, []string{"所属社区", "社区", "社区名称", "所在社区", "村/社区", "社区/村", "社区（村）", "村（社区）", "村居"}},
	{RosterGrid, []string{"网格", "所属网格", "网格名称", "所在网格"}},
	{RosterHousehold, []string{"户号", "户编号", "家庭编号"}},
	{RosterRelation, []string{"与户主关系", "与户主的关系", "家庭关系", "关系"}},
	{RosterTags, []string{"人员类别", "标签", "人员类型", "人员标签", "类别", "特殊人群", "重点人群"}},
	{RosterStatus, []string{"状态", "人员状态", "在册状态"}},
	{RosterNote, []string{"备注", "说明"}},
}

// RosterTitle returns the header name the exporter writes for f.
func RosterTitle(f RosterField) string {
	for _, h := range rosterHeaders {
		if h.field == f {
			return h.names[0]
		}
	}
	return string(f)
}

// headerKey folds a header cell for matching: no spaces, no required-field star, no
// bracketed hint such as （18位）, ASCII brackets and slashes.
func headerKey(s string) string {
	s = strings.NewReplacer("\u3000", "", " ", "", "\n", "", "\r", "", "\t", "", "*", "", "＊", "",
		"(", "（", ")", "）", "／", "/", "：", "", ":", "").Replace(s)
	// Drop a trailing hint in brackets, unless the whole name is built on one (社区（村）).
	if i := strings.Index(s, "（"); i > 0 && strings.HasSuffix(s, "）") {
		if _, ok := headerIndex[s]; !ok {
			s = s[:i]
		}
	}
	return s
}

// headerIndex maps a folded header name to its field and rank (0 is best).
var headerIndex = func() map[string]struct {
	field RosterField
	rank  int
} {
	m := map[string]struct {
		field RosterField
		rank  int
	}{}
	for _, h := range rosterHeaders {
		for i, n := range h.names {
			m[n] = struct {
				field RosterField
				rank  int
			}{h.field, i}
		}
	}
	return m
}()

// RosterHeader says where a sheet's header row is and which column holds which field.
type RosterHeader struct {
	Sheet   string
	Line    int
	Columns map[RosterField]int    // field → cell index
	Titles  map[RosterField]string // field → the header as written in the file
	Ignored []string               // header cells not understood, or a second column of a field
}

// FindRosterHeader looks in the first rows of one sheet for the header row: the row naming
// the most roster fields, which must include 姓名 and 身份证号. Title rows (花名册, 填报单位)
// above it are passed over.
func FindRosterHeader(rows []SheetRow) (RosterHeader, bool) {
	var best RosterHeader
	bestScore := 0
	for i, row := range rows {
		if i >= 30 {
			break
		}
		h := readHeader(row)
		_, hasName := h.Columns[RosterName]
		_, hasID := h.Columns[RosterIDNumber]
		if hasName && hasID && len(h.Columns) > bestScore {
			best, bestScore = h, len(h.Columns)
		}
	}
	return best, bestScore > 0
}

func readHeader(row SheetRow) RosterHeader {
	h := RosterHeader{Sheet: row.Sheet, Line: row.Line, Columns: map[RosterField]int{}, Titles: map[RosterField]string{}}
	rank := map[RosterField]int{}
	for i, c := range row.Cells {
		title := strings.TrimSpace(c)
		if title == "" {
			continue
		}
		e, ok := headerIndex[headerKey(title)]
		if !ok {
			h.Ignored = append(h.Ignored, title)
			continue
		}
		if _, seen := h.Columns[e.field]; seen {
			if rank[e.field] <= e.rank {
				h.Ignored = append(h.Ignored, title)
				continue
			}
			h.Ignored = append(h.Ignored, h.Titles[e.field])
		}
		h.Columns[e.field], h.Titles[e.field], rank[e.field] = i, title, e.rank
	}
	return h
}

// RosterProblem is one fault in an imported file: 第 N 行 · 列名 · 问题 · 原值.
type RosterProblem struct {
	Sheet   string // empty for CSV or when the file has one sheet
	Line    int    // 0 for a fault of the whole file
	Column  string // the column as named in the file
	Problem string // Chinese, says what to fix
	Value   string // the cell as written
}

// String is the problem as one line of a report.
func (p RosterProblem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "工作表“%s” ", p.Sheet)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, "第 %d 行", p.Line)
	} else {
		b.WriteString("整个文件")
	}
	if p.Column != "" {
		b.WriteString(" · " + p.Column)
	}
	b.WriteString(" · " + p.Problem)
	if p.Value != "" {
		b.WriteString(" · 原值“" + p.Value + "”")
	}
	return b.String()
}

// RosterEntry is one resident read from a roster row. Resident holds what the row says,
// normalised (ID number, birth date and sex derived); the community, grid and household are
// still the file's words, for the store to resolve.
type RosterEntry struct {
	Sheet     string
	Line      int
	Resident  Resident
	Community string
	Grid      string
	Household string // the household key: the file's 户号, or one made from 户主 rows
	Titles    map[RosterField]string
	// Bad says the row has a problem; it is kept so that a duplicate of it is still found.
	Bad bool
}

// HouseholdKey tells households apart across sheets: 户号 1 of two sheets are two households.
func (e RosterEntry) HouseholdKey() string {
	if e.Household == "" {
		return ""
	}
	return e.Sheet + "\x00" + e.Household
}

// Roster is a parsed roster file: the residents read and every problem found.
type Roster struct {
	Headers  []RosterHeader
	Entries  []RosterEntry
	Problems []RosterProblem
	Rows     int // data rows read (blank and footer rows not counted)
}

// ParseRoster reads a resident roster: for each sheet it finds the header row, then reads
// every row below it. Blank rows, repeated header rows and footer rows (填报人, 审核人, 合计)
// are passed over. Every row is checked on its own (name, ID number, sex and birth date
// against the ID, phone, relation, status, lengths) and against the rows before it
// (duplicate ID number, two 户主 in one household). What needs the database (community,
// grid, ID already registered) is the store's part.
//
// A file with no recognisable header gives one problem with Line 0.
func ParseRoster(rows []SheetRow, today time.Time) Roster {
	var out Roster
	sheets := splitSheets(rows)
	for _, sh := range sheets {
		h, ok := FindRosterHeader(sh)
		if !ok {
			continue
		}
		out.Headers = append(out.Headers, h)
		_, hasHousehold := h.Columns[RosterHousehold]
		implicit := "" // household key of the 户主 above, when the file has no 户号 column
		for _, row := range sh {
			if row.Line <= h.Line || skipRow(h, row) {
				continue
			}
			out.Rows++
			e, probs := ParseRosterRow(h, row, today)
			if !hasHousehold {
				// Rosters without a 户号 list a household's members under its 户主.
				switch rel := e.Resident.Relation; {
				case rel == "户主":
					implicit = fmt.Sprintf("%s#%d", row.Sheet, row.Line)
					e.Household = implicit
				case rel != "" && implicit != "":
					e.Household = implicit
				default:
					implicit = ""
				}
			}
			if len(probs) > 0 {
				out.Problems = append(out.Problems, probs...)
				e.Bad = true
			}
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Headers) == 0 {
		out.Problems = append(out.Problems, RosterProblem{Problem: "没有找到表头行：表头应包含“姓名”和“身份证号”（或“公民身份号码”“证件号码”）两列"})
		return out
	}
	if len(out.Headers) == 1 {
		for i := range out.Problems {
			out.Problems[i].Sheet = ""
		}
	}
	out.crossCheck(len(out.Headers) > 1)
	return out
}

// crossCheck finds what one row cannot see: a duplicate ID number and a second 户主.
func (r *Roster) crossCheck(multiSheet bool) {
	where := func(e RosterEntry) string {
		if multiSheet {
			return fmt.Sprintf("工作表“%s”第 %d 行", e.Sheet, e.Line)
		}
		return fmt.Sprintf("第 %d 行", e.Line)
	}
	sheet := func(e RosterEntry) string {
		if multiSheet {
			return e.Sheet
		}
		return ""
	}
	seen := map[string]int{}
	heads := map[string]int{}
	for i, e := range r.Entries {
		if e.Resident.IDNumber == "" {
			continue
		}
		if j, dup := seen[e.Resident.IDNumber]; dup {
			r.Problems = append(r.Problems, RosterProblem{Sheet: sheet(e), Line: e.Line, Column: e.Titles[RosterIDNumber],
				Problem: "身份证号与" + where(r.Entries[j]) + "重复（" + r.Entries[j].Resident.Name + "）", Value: e.Resident.IDNumber})
			r.Entries[i].Bad = true
			continue
		}
		seen[e.Resident.IDNumber] = i
		if e.Resident.Relation == "户主" && e.Household != "" {
			if j, two := heads[e.HouseholdKey()]; two {
				r.Problems = append(r.Problems, RosterProblem{Sheet: sheet(e), Line: e.Line, Column: e.Titles[RosterRelation],
					Problem: "同一户（户号 " + e.Household + "）已有户主：" + where(r.Entries[j]) + "的" + r.Entries[j].Resident.Name, Value: "户主"})
				r.Entries[i].Bad = true
				continue
			}
			heads[e.HouseholdKey()] = i
		}
	}
}

func splitSheets(rows []SheetRow) [][]SheetRow {
	var out [][]SheetRow
	for i, row := range rows {
		if i == 0 || row.Sheet != rows[i-1].Sheet {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], row)
	}
	return out
}

// footerWords start the rows under a roster that are not residents.
var footerWords = []string{"填报人", "填表人", "制表人", "审核人", "负责人", "合计", "总计", "小计", "注：", "注:", "说明：", "说明:",
	"导出时的审计记录"}

// skipRow reports whether a row below the header is not a resident: blank, the header
// repeated (a sheet pasted page by page), or a footer.
func skipRow(h RosterHeader, row SheetRow) bool {
	name := cell(row, h.Columns, RosterName)
	id := cell(row, h.Columns, RosterIDNumber)
	if name == h.Titles[RosterName] && id == h.Titles[RosterIDNumber] {
		return true
	}
	// A footer may spread over the ID column (审核人 under it); an ID has digits.
	digits := 0
	for _, c := range id {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits < 6 {
		for _, c := range row.Cells {
			c = strings.TrimSpace(c)
			for _, w := range footerWords {
				if strings.HasPrefix(c, w) {
					return true
				}
			}
		}
	}
	if name == "" && id == "" {
		// Blank, or only a 序号 or a subtotal left over: nothing to import. A row that has
		// an address or a phone but neither name nor ID is a resident half typed: report it.
		for f, i := range h.Columns {
			if f != RosterSeq && f != RosterAge && i < len(row.Cells) && strings.TrimSpace(row.Cells[i]) != "" {
				return false
			}
		}
		return true
	}
	return false
}

func cell(row SheetRow, cols map[RosterField]int, f RosterField) string {
	i, ok := cols[f]
	if !ok || i >= len(row.Cells) {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(row.Cells[i], "\u00a0", " "))
}

// ParseRosterRow reads one data row under header h. Every fault of the row is returned, each
// naming the column as the file names it; the entry is filled as far as it could be read.
func ParseRosterRow(h RosterHeader, row SheetRow, today time.Time) (RosterEntry, []RosterProblem) {
	e := RosterEntry{Sheet: row.Sheet, Line: row.Line, Titles: h.Titles}
	var probs []RosterProblem
	bad := func(f RosterField, value, format string, args ...any) {
		probs = append(probs, RosterProblem{Sheet: row.Sheet, Line: row.Line, Column: h.Titles[f],
			Problem: fmt.Sprintf(format, args...), Value: value})
	}
	get := func(f RosterField) string { return cell(row, h.Columns, f) }
	r := &e.Resident

	// 张 三 is 张三, but John Smith keeps its space.
	sep := ""
	if strings.IndexFunc(get(RosterName), func(c rune) bool { return c < utf8.RuneSelf && c > ' ' }) >= 0 {
		sep = " "
	}
	r.Name = strings.Join(strings.Fields(get(RosterName)), sep)
	if r.Name == "" {
		bad(RosterName, "", "未填写姓名")
	} else if n := utf8.RuneCountInString(r.Name); n > MaxNameLen {
		bad(RosterName, r.Name, "姓名过长（%d 字），最多 %d 字", n, MaxNameLen)
	} else if err := CheckPrintable("name", "姓名", r.Name); err != nil {
		bad(RosterName, r.Name, "%s", Message(err))
	}

	idRaw := get(RosterIDNumber)
	idOK := false
	switch id := strings.ReplaceAll(strings.ReplaceAll(foldWidth(idRaw), " ", ""), "'", ""); {
	case strings.ContainsAny(id, "*＊"):
		bad(RosterIDNumber, idRaw, "身份证号已打码，无法导入：请使用导出时选择“显示完整证件号码”的文件")
	case strings.ContainsAny(id, "Ee") && strings.Contains(id, "+"):
		bad(RosterIDNumber, idRaw, "身份证号被 Excel 存成了数字，后几位已丢失：请把这一列设为“文本”格式，重新填写后再导入")
	default:
		info, err := ParseIDNumber(id, today)
		if err != nil {
			bad(RosterIDNumber, idRaw, "%s", Message(err))
			break
		}
		r.IDNumber, r.Birth, r.Male, idOK = info.Number, info.Birth, info.Male, true
	}

	if s := get(RosterSex); s != "" {
		male, ok := map[string]bool{"男": true, "男性": true, "M": true, "m": true, "女": false, "女性": false, "F": false, "f": false}[s]
		switch {
		case !ok:
			bad(RosterSex, s, "性别应填“男”或“女”")
		case idOK && male != r.Male:
			bad(RosterSex, s, "性别与身份证号不符：身份证号表明为%s", r.Sex())
		}
	}

	if s := get(RosterBirth); s != "" {
		d, monthOnly, err := parseBirth(s)
		switch {
		case err != nil:
			bad(RosterBirth, s, "%s", Message(err))
		case idOK:
			b := DateOf(r.Birth)
			if d.Year != b.Year || d.Month != b.Month || (!monthOnly && d.Day != b.Day) {
				bad(RosterBirth, s, "出生日期与身份证号不符：身份证号中为 %s", b)
			}
		}
	}

	r.Phone = normalizePhone(get(RosterPhone))
	if strings.ContainsAny(r.Phone, "*＊") {
		bad(RosterPhone, get(RosterPhone), "联系电话已打码，无法导入：请使用导出时选择“显示完整证件号码”的文件，或清空这一格")
	} else if err := ValidatePhone(r.Phone); err != nil {
		bad(RosterPhone, get(RosterPhone), "%s", Message(err))
	}

	r.Address = get(RosterAddress)
	if n := utf8.RuneCountInString(r.Address); n > MaxAddressLen {
		bad(RosterAddress, r.Address, "住址过长（%d 字），最多 %d 字", n, MaxAddressLen)
	} else if err := CheckPrintable("address", "住址", r.Address); err != nil {
		bad(RosterAddress, r.Address, "%s", Message(err))
	}
	e.Community = get(RosterCommunity)
	e.Grid = get(RosterGrid)
	e.Household = get(RosterHousehold)

	if s := get(RosterRelation); s != "" {
		rel, ok := ParseRelation(s)
		if !ok {
			bad(RosterRelation, s, "与户主关系无法识别，可填：%s", strings.Join(Relations, "、"))
		}
		r.Relation = rel
	}
	r.Tags = SplitTags(get(RosterTags))

	if s := get(RosterStatus); s != "" {
		st, ok := ParseResidentStatus(s)
		if !ok {
			bad(RosterStatus, s, "人员状态无法识别，可填：在册、已故、迁出")
		}
		r.Status = st
	} else {
		r.Status = ResidentActive
	}
	r.Note = get(RosterNote)
	if n := utf8.RuneCountInString(r.Note); n > MaxNoteLen {
		bad(RosterNote, r.Note, "备注过长（%d 字），最多 %d 字", n, MaxNoteLen)
	}
	return e, probs
}

var widthFolder = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"－", "-", "ｘ", "x", "Ｘ", "X", "\u3000", " ",
)

func foldWidth(s string) string { return widthFolder.Replace(s) }

// normalizePhone drops the spaces and the ".0" a number cell gains on its way through a
// spreadsheet, and folds full-width digits.
func normalizePhone(s string) string {
	s = strings.ReplaceAll(foldWidth(s), " ", "")
	s = strings.TrimPrefix(s, "'")
	if strings.HasSuffix(s, ".0") && asciiDigits(strings.TrimSuffix(s, ".0")) {
		s = strings.TrimSuffix(s, ".0")
	}
	return s
}

// relationWords maps what rosters write in 与户主关系 to the program's relations.
var relationWords = map[string]string{
	"本人": "户主", "户主本人": "户主",
	"妻": "配偶", "妻子": "配偶", "夫": "配偶", "丈夫": "配偶", "爱人": "配偶",
	"子": "子女", "女": "子女", "儿子": "子女", "女儿": "子女", "长子": "子女", "次子": "子女", "三子": "子女",
	"长女": "子女", "次女": "子女", "三女": "子女", "之子": "子女", "之女": "子女", "独子": "子女", "独女": "子女",
	"养子": "子女", "养女": "子女", "继子": "子女", "继女": "子女",
	"父": "父母", "母": "父母", "父亲": "父母", "母亲": "父母",
	"孙子": "孙子女", "孙女": "孙子女", "外孙": "孙子女", "外孙子": "孙子女", "外孙女": "孙子女",
	"兄": "兄弟姐妹", "弟": "兄弟姐妹", "姐": "兄弟姐妹", "妹": "兄弟姐妹", "哥哥": "兄弟姐妹", "弟弟": "兄弟姐妹",
	"姐姐": "兄弟姐妹", "妹妹": "兄弟姐妹",
	"儿媳": "其他", "女婿": "其他", "祖父": "其他", "祖母": "其他", "外祖父": "其他", "外祖母": "其他",
	"公公": "其他", "婆婆": "其他", "岳父": "其他", "岳母": "其他", "侄子": "其他", "侄女": "其他",
}

// ParseRelation reads a relation to the head of household as rosters write it (妻, 长子,
// 之女 …) into one of Relations.
func ParseRelation(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, r := range Relations {
		if s == r {
			return r, true
		}
	}
	r, ok := relationWords[s]
	return r, ok
}

// ParseResidentStatus reads 在册, 已故, 迁出 and their usual synonyms.
func ParseResidentStatus(s string) (ResidentStatus, bool) {
	switch strings.TrimSpace(s) {
	case "在册", "正常", "在籍", "现住", "active":
		return ResidentActive, true
	case "已故", "死亡", "去世", "病故", "deceased":
		return ResidentDeceased, true
	case "迁出", "已迁出", "外迁", "moved_out":
		return ResidentMovedOut, true
	}
	return "", false
}

// SplitTags splits a tags cell (低保、高龄 / 低保,高龄 / 低保；高龄) into tags.
func SplitTags(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、,，;；/／|｜ \u3000\n", r)
	})
	if len(f) == 0 {
		return nil
	}
	return f
}

// parseBirth reads a birth date as ParseCellDate does, and also a year and month alone
// (1950.3, 1950年3月, 195003) as the 出生年月 column holds; monthOnly says which.
func parseBirth(s string) (d Date, monthOnly bool, err error) {
	d, err = ParseDate(s)
	if err == nil {
		return d, false, nil
	}
	if d, ok := parseYearMonth(s); ok {
		return d, true, nil
	}
	d, err = ParseCellDate(s)
	return d, false, err
}

// parseYearMonth reads 1950.3, 1950-03, 1950年3月 or 195003.
func parseYearMonth(s string) (Date, bool) {
	in := strings.TrimSuffix(strings.TrimSpace(foldWidth(s)), "月")
	var y, m string
	switch {
	case len(in) == 6 && asciiDigits(in):
		y, m = in[:4], in[4:]
	default:
		i := strings.IndexAny(in, "-/.年")
		if i < 0 {
			return Date{}, false
		}
		y, m = in[:i], strings.TrimLeft(in[i:], "-/.年")
	}
	if len(y) != 4 || !asciiDigits(y) || len(m) < 1 || len(m) > 2 || !asciiDigits(m) {
		return Date{}, false
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	d, err := NewDate(yy, time.Month(mm), 1)
	return d, err == nil
}

// ParseCellDate reads a date from a spreadsheet cell: every spelling ParseDate accepts, and
// an Excel date serial (the number of days since 1899-12-30 in the 1900 date system, with
// any time-of-day fraction dropped), which is what a date cell holds under its formatting.
func ParseCellDate(s string) (Date, error) {
	d, err := ParseDate(s)
	if err == nil {
		return d, nil
	}
	in := strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(in, ".")
	if whole == "" || len(whole) > 7 || !asciiDigits(whole) || (frac != "" && !asciiDigits(frac)) {
		return Date{}, err
	}
	n, _ := strconv.Atoi(whole)
	if len(whole) == 4 && n >= 1900 && n <= 2100 {
		return Date{}, err // a year alone, not the serial of a day in 1905
	}
	return ExcelSerialDate(n)
}

// ExcelSerialDate converts an Excel 1900-system day serial to a date. Excel counts a
// 29 February 1900 that never was (serial 60), so serials from 61 on count from 1899-12-30
// and those before it from 1899-12-31.
func ExcelSerialDate(n int) (Date, error) {
	const field = "date"
	switch {
	case n < 1 || n > 2958465:
		return Date{}, Invalid(field, "日期“%d”无法识别，请写成 2026-03-05 或 2026年3月5日", n)
	case n == 60:
		return Date{}, Invalid(field, "日期有误：1900年2月只有28天")
	case n < 60:
		return DateOf(time.Date(1899, 12, 31+n, 0, 0, 0, 0, time.UTC)), nil
	}
	return DateOf(time.Date(1899, 12, 30+n, 0, 0, 0, 0, time.UTC)), nil
}
