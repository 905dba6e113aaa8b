package data

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// An office's register of documents issued on paper (文书登记簿 / 发文登记簿): one row per
// letter, its 文号, date, applicant and kind. ParsePaperRegister reads it; the store matches
// each number's prefix to a numbering register and the ID numbers to residents.

const (
	pcNumber    = "number"
	pcDate      = "date"
	pcApplicant = "applicant"
	pcIDs       = "ids"
	pcKind      = "kind"
	pcProgramme = "programme"
	pcOutcome   = "outcome"
	pcAmount    = "amount"
	pcNote      = "note"
)

var paperHeaders = []struct {
	field string
	names []string
}{
	{icSeq, []string{"序号", "No", "NO"}},
	{pcNumber, []string{"文号", "发文字号", "发文文号", "文书编号", "文书文号", "字号"}},
	{pcDate, []string{"签发日期", "成文日期", "发文日期", "日期", "签发时间", "发文时间"}},
	{pcApplicant, []string{"申请人", "当事人", "受文人", "救助对象", "申请人姓名", "姓名"}},
	{pcIDs, []string{"身份证号", "公民身份号码", "身份证号码", "证件号码", "申请人身份证号"}},
	{pcKind, []string{"文书种类", "文书类型", "文书名称", "种类", "类型"}},
	{pcProgramme, []string{"救助项目", "救助类别", "救助种类", "项目"}},
	{pcOutcome, []string{"决定结果", "决定", "决定事项", "决定内容", "结果"}},
	{pcAmount, []string{"金额", "救助金额", "保障金额", "月保障金额"}},
	{pcNote, []string{"备注"}},
}

var paperHeaderIndex = newLedgerHeaderIndex(paperHeaders)

// MaxPaperApplicant is the longest applicant name (characters) a register row may give.
const MaxPaperApplicant = 60

// PaperImportEntry is one letter read from a register row. Kind is empty when the row does
// not say it: the register its number belongs to does.
type PaperImportEntry struct {
	Sheet    string
	Line     int
	Doc      PaperDocument // NumKey, ResidentID and the kind when the row names none: the store's
	IDNumber string
	KindWord string // the 文书种类 as written
	Unread   string // a 决定结果 that names no outcome: a fault if the letter is a decision
	Titles   map[string]string
}

// OutcomeProblem says what is wrong with an Unread outcome.
func OutcomeProblem() string {
	var names []string
	for _, o := range Outcomes {
		names = append(names, o.String())
	}
	return fmt.Sprintf("决定结果只能是%s（也认批准、终止）", strings.Join(names, "、"))
}

// PaperRegisterFile is a parsed register of documents.
type PaperRegisterFile struct {
	Headers  []LedgerHeader
	Entries  []PaperImportEntry
	Problems []RosterProblem
}

// ParsePaperRegister reads a register of documents issued on paper: per sheet, the header
// row (it must name 文号 and 日期; title and 填报单位 rows above it are passed over), then
// every row below it. Every row is checked on its own and against the file's other rows.
func ParsePaperRegister(rows []SheetRow, today time.Time) PaperRegisterFile {
	var out PaperRegisterFile
	now := Today(today)
	for _, sh := range splitSheets(rows) {
		h, found := findLedgerHeader(sh, paperHeaderIndex, pcNumber, pcDate)
		if !found {
			continue
		}
		out.Headers = append(out.Headers, h)
		if _, ok := h.Columns[pcApplicant]; !ok {
			out.Problems = append(out.Problems, RosterProblem{Sheet: h.Sheet, Problem: "表头没有“申请人”（或“当事人”“受文人”）列"})
			continue
		}
		for _, row := range sh {
			if row.Line <= h.Line || skipLedgerRow(h, row, pcNumber) {
				continue
			}
			e, probs := parsePaperRow(h, row, now)
			out.Problems = append(out.Problems, probs...)
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Headers) == 0 {
		out.Problems = append(out.Problems, RosterProblem{Problem: "没有找到表头行：表头应包含“文号”（或“发文字号”）和“日期”（或“签发日期”“成文日期”）"})
		return out
	}
	if len(out.Headers) == 1 {
		for i := range out.Problems {
			out.Problems[i].Sheet = ""
		}
	}
	seen := map[string]PaperImportEntry{}
	for _, e := range out.Entries {
		if e.Doc.DocNumber == "" {
			continue
		}
		if first, dup := seen[e.Doc.DocNumber]; dup {
			sheet := ""
			if len(out.Headers) > 1 {
				sheet = e.Sheet
			}
			where := fmt.Sprintf("第 %d 行", first.Line)
			if first.Sheet != e.Sheet {
				where = fmt.Sprintf("工作表“%s”第 %d 行", first.Sheet, first.Line)
			}
			out.Problems = append(out.Problems, RosterProblem{Sheet: sheet, Line: e.Line, Column: e.Titles[pcNumber],
				Problem: fmt.Sprintf("文号与%s重复：一个文号只能登记一份文书", where), Value: e.Doc.DocNumber})
			continue
		}
		seen[e.Doc.DocNumber] = e
	}
	return out
}

func parsePaperRow(h LedgerHeader, row SheetRow, today Date) (PaperImportEntry, []RosterProblem) {
	e := PaperImportEntry{Sheet: row.Sheet, Line: row.Line, Titles: h.Titles}
	var probs []RosterProblem
	get := func(f string) string { return ledgerCell(row, h, f) }
	bad := func(f, value, format string, args ...any) {
		probs = append(probs, RosterProblem{Sheet: row.Sheet, Line: row.Line, Column: h.Titles[f], Problem: fmt.Sprintf(format, args...), Value: value})
	}
	d := &e.Doc
	if s := get(pcNumber); s == "" {
		bad(pcNumber, "", "未填写文号")
	} else {
		prefix, year, seq, err := ParseDocNumber(strings.Join(strings.Fields(foldWidth(s)), ""))
		switch {
		case err != nil:
			bad(pcNumber, s, "文号格式不对，应如“平民救决〔2026〕15号”（前缀、〔年份〕、序号、号）")
		case year > today.Year:
			bad(pcNumber, s, "文号的年份 %d 晚于今年", year)
		default:
			d.Prefix, d.Year, d.Seq = prefix, year, seq
			d.DocNumber = FormatDocNumber(prefix, year, seq)
		}
	}
	if s := get(pcDate); s == "" {
		bad(pcDate, "", "未填写日期")
	} else if day, err := cellDay(s); err != nil {
		bad(pcDate, s, "日期无法识别，请写成 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日")
	} else {
		d.SignedOn = day
		switch {
		case day.After(today):
			bad(pcDate, s, "日期晚于今天（%s）", today)
		case d.Year != 0 && day.Year != d.Year:
			bad(pcDate, s, "日期（%s）与文号的年份 %d 不符：文号按签发的年份编号", day, d.Year)
		}
	}
	d.Applicant = get(pcApplicant)
	if d.Applicant == "" {
		bad(pcApplicant, "", "未填写%s", h.Titles[pcApplicant])
	} else if n := utf8.RuneCountInString(d.Applicant); n > MaxPaperApplicant {
		bad(pcApplicant, d.Applicant, "过长（%d 字），最多 %d 字", n, MaxPaperApplicant)
	}
	if s := get(pcIDs); s != "" {
		id := strings.ToUpper(strings.Trim(strings.ReplaceAll(foldWidth(s), " ", ""), "'"))
		if strings.ContainsAny(id, "*＊") {
			bad(pcIDs, s, "身份证号已打码，无法对应居民：请填写完整的身份证号，或不填")
		} else if info, err := ParseIDNumber(id, today.In(time.UTC)); err != nil {
			bad(pcIDs, s, "%s", Message(err))
		} else {
			e.IDNumber = info.Number
		}
	}
	if s := get(pcKind); s != "" {
		e.KindWord = s
		k, prog, out, ok := ParseDocKindWord(s)
		if !ok {
			bad(pcKind, s, "文书种类只能是决定书、不予受理通知书或一次性告知单")
		}
		d.Kind, d.Programme, d.Outcome = k, prog, out
	}
	if s := get(pcProgramme); s != "" {
		p := ParseProgrammeWord(s)
		if d.Programme != "" && p != d.Programme {
			bad(pcProgramme, s, "与文书种类“%s”所写的救助项目（%s）不符", get(pcKind), d.Programme)
		}
		d.Programme = p
	}
	if s := get(pcOutcome); s != "" {
		o, ok := ParseOutcome(s)
		switch {
		case !ok:
			e.Unread = s // a fault only if the letter is a decision: the store knows its kind
		case d.Outcome != "" && o != d.Outcome:
			bad(pcOutcome, s, "与文书种类“%s”所写的决定（%s）不符", get(pcKind), d.Outcome.TitleWord())
		case ok:
			d.Outcome = o
		}
	}
	if s := get(pcAmount); s != "" {
		f, err := ParseYuan(foldWidth(s))
		if err != nil {
			bad(pcAmount, s, "金额无法识别：请填写以元为单位的数字，最多两位小数，例如 680 或 680.50")
		} else {
			d.Amount, d.HasAmount = f, true
		}
	}
	d.Note = get(pcNote)
	return e, probs
}
