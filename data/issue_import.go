package data

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// An old issue ledger (问题整改台账) as offices keep it in Excel: a title and a 填报单位 row
// above the header, header names that vary from office to office, dates in every spelling,
// status words as clerks write them. ParseIssueLedger reads it into issues with their
// lifecycle (已销号 on its 销号日期, 回访 on its date); the store resolves the names and writes.

// Issue ledger columns the importer understands.
const (
	icSeq          = "seq"
	icNumber       = "number"
	icFoundOn      = "found_on"
	icSource       = "source"
	icCategory     = "category"
	icDescription  = "description"
	icPlace        = "community_grid" // 社区/网格 in one cell, as the export writes it
	icCommunity    = "community"
	icGrid         = "grid"
	icAddress      = "address"
	icFoundBy      = "found_by"
	icTier         = "tier"
	icUnit         = "unit"
	icPerson       = "person"
	icDeadline     = "deadline"
	icMeasures     = "measures"
	icStatus       = "status"
	icClosedOn     = "closed_on"
	icResult       = "result"
	icFollowUpOn   = "follow_up_on"
	icSatisfaction = "satisfaction"
)

// issueHeaders lists, per column, the header names found in real ledgers, best first.
var issueHeaders = []struct {
	field string
	names []string
}{
	{icSeq, []string{"序号", "顺序号", "No", "NO"}},
	{icNumber, []string{"编号", "问题编号", "台账编号", "工单号"}},
	{icFoundOn, []string{"发现日期", "登记日期", "发现时间", "登记时间", "上报日期", "上报时间", "日期"}},
	{icSource, []string{"问题来源", "来源", "发现渠道", "问题渠道"}},
	{icCategory, []string{"问题类别", "类别", "问题类型", "问题分类", "类型"}},
	{icDescription, []string{"问题描述", "问题内容", "存在问题", "问题", "具体问题", "反映问题"}},
	{icPlace, []string{"社区/网格", "社区网格", "社区（网格）"}},
	{icCommunity, []string{"社区", "所属社区", "社区名称", "所在社区", "村/社区", "社区/村"}},
	{icGrid, []string{"网格", "所属网格", "网格名称"}},
	{icAddress, []string{"地点", "具体地点", "问题地点", "地址", "位置", "具体位置"}},
	{icFoundBy, []string{"发现人", "上报人", "登记人"}},
	{icTier, []string{"处置层级", "层级", "问题层级", "难易程度"}},
	{icUnit, []string{"责任单位", "责任部门", "整改单位", "承办单位"}},
	{icPerson, []string{"责任人", "整改责任人", "负责人"}},
	{icDeadline, []string{"整改时限", "整改期限", "完成时限", "办结时限", "时限"}},
	{icMeasures, []string{"整改措施", "处置措施", "整改方案"}},
	{icStatus, []string{"状态", "整改状态", "办理状态", "进度", "整改进度", "是否销号"}},
	{icClosedOn, []string{"销号日期", "销号时间", "办结日期", "完成日期", "整改完成日期", "完成时间"}},
	{icResult, []string{"整改结果", "整改情况", "办理结果", "处置结果", "整改完成情况"}},
	{icFollowUpOn, []string{"回访日期", "回访时间"}},
	{icSatisfaction, []string{"回访满意度", "满意度", "回访结果", "群众满意度", "回访情况"}},
}

// ledgerHeaderIndex maps a folded header name to its field and rank (0 is best).
type ledgerHeaderIndex map[string]struct {
	field string
	rank  int
}

func newLedgerHeaderIndex(list []struct {
	field string
	names []string
}) ledgerHeaderIndex {
	m := ledgerHeaderIndex{}
	for _, h := range list {
		for i, n := range h.names {
			m[n] = struct {
				field string
				rank  int
			}{h.field, i}
		}
	}
	return m
}

var issueHeaderIndex = newLedgerHeaderIndex(issueHeaders)

// LedgerHeader says where a sheet's header row is and which column holds which field.
type LedgerHeader struct {
	Sheet   string
	Line    int
	Columns map[string]int
	Titles  map[string]string
	Ignored []string
}

func readLedgerHeader(row SheetRow, index ledgerHeaderIndex) LedgerHeader {
	h := LedgerHeader{Sheet: row.Sheet, Line: row.Line, Columns: map[string]int{}, Titles: map[string]string{}}
	rank := map[string]int{}
	for i, c := range row.Cells {
		title := strings.TrimSpace(c)
		if title == "" {
			continue
		}
		key := headerKey(title)
		e, ok := index[key]
		if !ok {
			if j := strings.Index(key, "（"); j > 0 {
				e, ok = index[key[:j]]
			}
		}
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

// findLedgerHeader finds the header row among a sheet's first rows: the row naming the
// most fields of index, which must include every one of required. Title and 填报单位 rows
// above it are passed over.
func findLedgerHeader(rows []SheetRow, index ledgerHeaderIndex, required ...string) (LedgerHeader, bool) {
	var best LedgerHeader
	score := 0
rows:
	for i, row := range rows {
		if i >= 30 {
			break
		}
		h := readLedgerHeader(row, index)
		for _, f := range required {
			if _, ok := h.Columns[f]; !ok {
				continue rows
			}
		}
		if len(h.Columns) > score {
			best, score = h, len(h.Columns)
		}
	}
	return best, score > 0
}

// findIssueHeader finds the issue ledger's header row: it names the date found and the
// description.
func findIssueHeader(rows []SheetRow) (LedgerHeader, bool) {
	return findLedgerHeader(rows, issueHeaderIndex, icFoundOn, icDescription)
}

// IssueImportEntry is one issue read from a ledger row: the issue as the row says it, with
// the community, grid and catalog values still the file's words, and its lifecycle.
type IssueImportEntry struct {
	Sheet        string
	Line         int
	Issue        Issue // Number set only when the file's number fits the office's format
	FileNumber   string
	Community    string
	Grid         string
	FollowUpOn   Date
	Satisfaction Satisfaction
	HotlineOrder string // 12345 工单编号
	Titles       map[string]string
}

// IssueLedgerFile is a parsed issue ledger.
type IssueLedgerFile struct {
	Headers  []LedgerHeader
	Entries  []IssueImportEntry
	Problems []RosterProblem
}

// issueStatusWords maps what ledgers write in 状态 to a status.
var issueStatusWords = map[string]IssueStatus{
	"待整改": IssueOpen, "未整改": IssueOpen, "未开始": IssueOpen, "待处理": IssueOpen, "新登记": IssueOpen,
	"整改中": IssueInProgress, "正在整改": IssueInProgress, "处理中": IssueInProgress, "办理中": IssueInProgress, "未销号": IssueInProgress,
	"待验收": IssuePendingReview, "申请销号": IssuePendingReview, "已整改待验收": IssuePendingReview,
	"已销号": IssueClosed, "销号": IssueClosed, "已完成": IssueClosed, "已办结": IssueClosed, "办结": IssueClosed,
	"已整改": IssueClosed, "完成": IssueClosed, "是": IssueClosed, "已解决": IssueClosed,
	"已作废": IssueVoided, "作废": IssueVoided,
}

// ParseIssueStatusWord reads a status as a ledger writes it.
func ParseIssueStatusWord(s string) (IssueStatus, bool) {
	s = strings.TrimSpace(s)
	if st, ok := issueStatusWords[s]; ok {
		return st, true
	}
	return ParseIssueStatus(s)
}

// ParseIssueLedger reads an issue ledger: per sheet, the header row, then every row below
// it; blank rows, a repeated header and footer rows (填报人, 合计 …) are passed over. Every
// row is checked on its own; names are the store's to resolve.
func ParseIssueLedger(rows []SheetRow, today time.Time) IssueLedgerFile {
	var out IssueLedgerFile
	for _, sh := range splitSheets(rows) {
		h, ok := findIssueHeader(sh)
		if !ok {
			continue
		}
		out.Headers = append(out.Headers, h)
		for _, row := range sh {
			if row.Line <= h.Line || skipLedgerRow(h, row, icDescription) {
				continue
			}
			e, probs := parseIssueRow(h, row, Today(today))
			out.Problems = append(out.Problems, probs...)
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Headers) == 0 {
		out.Problems = append(out.Problems, RosterProblem{Problem: "没有找到表头行：表头应包含“发现日期”（或“登记日期”）和“问题描述”两列"})
		return out
	}
	for _, h := range out.Headers {
		if _, ok := h.Columns[icDeadline]; !ok {
			out.Problems = append(out.Problems, RosterProblem{Sheet: h.Sheet, Problem: "表头没有“整改时限”列：每个问题都须有整改时限，请加上这一列后再导入"})
		}
		for _, f := range []string{icSource, icCategory} {
			if _, ok := h.Columns[f]; !ok {
				out.Problems = append(out.Problems, RosterProblem{Sheet: h.Sheet, Problem: fmt.Sprintf("表头没有“%s”列", map[string]string{icSource: "问题来源", icCategory: "问题类别"}[f])})
			}
		}
	}
	if len(out.Headers) == 1 {
		for i := range out.Problems {
			out.Problems[i].Sheet = ""
		}
	}
	seen := map[string]int{}
	for _, e := range out.Entries {
		if e.FileNumber == "" {
			continue
		}
		if first, dup := seen[e.FileNumber]; dup {
			out.Problems = append(out.Problems, RosterProblem{Line: e.Line, Column: e.Titles[icNumber],
				Problem: fmt.Sprintf("编号与第 %d 行重复", first), Value: e.FileNumber})
			continue
		}
		seen[e.FileNumber] = e.Line
	}
	return out
}

func ledgerCell(row SheetRow, h LedgerHeader, f string) string {
	i, ok := h.Columns[f]
	if !ok || i >= len(row.Cells) {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(row.Cells[i], "\u00a0", " "))
}

// skipLedgerRow reports whether a row under the header holds no record: the header repeated
// (its key column reads the key's title), a footer (填报人, the exporter's 共 N 条), or
// nothing but a 序号.
func skipLedgerRow(h LedgerHeader, row SheetRow, key string) bool {
	if ledgerCell(row, h, key) == h.Titles[key] {
		return true // the header repeated
	}
	for _, c := range row.Cells {
		c = strings.TrimSpace(c)
		for _, w := range footerWords {
			if strings.HasPrefix(c, w) {
				return true
			}
		}
		if strings.HasPrefix(c, "共 ") && strings.Contains(c, " 条") {
			return true // the exporter's 共 N 条 line
		}
	}
	for f, i := range h.Columns {
		if f != icSeq && i < len(row.Cells) && strings.TrimSpace(row.Cells[i]) != "" {
			return false
		}
	}
	return true
}

func parseIssueRow(h LedgerHeader, row SheetRow, today Date) (IssueImportEntry, []RosterProblem) {
	e := IssueImportEntry{Sheet: row.Sheet, Line: row.Line, Titles: h.Titles}
	var probs []RosterProblem
	name := func(f string) string {
		if t := h.Titles[f]; t != "" {
			return t
		}
		return map[string]string{icDeadline: "整改时限", icClosedOn: "销号日期", icResult: "整改结果", icSource: "问题来源",
			icCategory: "问题类别", icFollowUpOn: "回访日期", icSatisfaction: "回访满意度"}[f]
	}
	bad := func(f, value, format string, args ...any) {
		title := name(f)
		probs = append(probs, RosterProblem{Sheet: row.Sheet, Line: row.Line, Column: title,
			Problem: fmt.Sprintf(format, args...), Value: value})
	}
	get := func(f string) string { return ledgerCell(row, h, f) }
	date := func(f string, required bool) Date {
		s := get(f)
		if s == "" {
			if required {
				bad(f, "", "未填写%s", name(f))
			}
			return Date{}
		}
		d, err := ParseCellDate(s)
		if err != nil {
			bad(f, s, "日期无法识别，请写成 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日")
			return Date{}
		}
		if d.After(today) && f != icDeadline { // only a deadline may lie ahead
			bad(f, s, "日期晚于今天（%s）", today)
		}
		return d
	}
	i := &e.Issue
	if n := get(icNumber); n != "" {
		e.FileNumber = n
		if _, _, err := ParseIssueNumber(n); err == nil {
			i.Number = strings.ToUpper(strings.TrimSpace(n))
		}
	}
	i.FoundOn = date(icFoundOn, true)
	i.Source, i.Category = get(icSource), get(icCategory)
	if _, ok := h.Columns[icSource]; ok && i.Source == "" {
		bad(icSource, "", "未填写问题来源")
	}
	if _, ok := h.Columns[icCategory]; ok && i.Category == "" {
		bad(icCategory, "", "未填写问题类别")
	}
	i.Description = strings.TrimSpace(get(icDescription))
	if i.Description == "" {
		bad(icDescription, "", "未填写问题描述")
	} else if n := utf8.RuneCountInString(i.Description); n > MaxIssueDescription {
		bad(icDescription, "", "问题描述过长（%d 字），最多 %d 字", n, MaxIssueDescription)
	}
	e.Community, e.Grid = get(icCommunity), get(icGrid)
	if p := get(icPlace); p != "" && e.Community == "" {
		c, g, _ := strings.Cut(strings.NewReplacer("／", "/", "（", "/", "）", "").Replace(p), "/")
		e.Community, e.Grid = strings.TrimSpace(c), strings.TrimSpace(g)
	}
	i.Address, i.FoundBy = get(icAddress), get(icFoundBy)
	i.Tier = TierGeneral
	if s := get(icTier); s != "" {
		t, ok := ParseTier(s)
		if !ok {
			bad(icTier, s, "处置层级只能是简易、一般或疑难")
		}
		i.Tier = t
	}
	i.ResponsibleUnit, i.ResponsiblePerson, i.Measures = get(icUnit), get(icPerson), get(icMeasures)
	_, hasDeadline := h.Columns[icDeadline]
	i.Deadline = date(icDeadline, hasDeadline) // no column at all: one problem for the file
	if !i.FoundOn.IsZero() && !i.Deadline.IsZero() && i.Deadline.Before(i.FoundOn) {
		bad(icDeadline, get(icDeadline), "整改时限早于发现日期（%s）", i.FoundOn)
	}
	i.Status = IssueOpen
	if s := get(icStatus); s != "" {
		st, ok := ParseIssueStatusWord(s)
		if !ok {
			bad(icStatus, s, "状态无法识别，可填：待整改、整改中、待验收、已销号、已作废")
		}
		i.Status = st
	}
	i.ClosedOn = date(icClosedOn, false)
	i.Result = get(icResult)
	e.FollowUpOn = date(icFollowUpOn, false)
	if s := get(icSatisfaction); s != "" {
		sat, ok := ParseSatisfaction(s)
		if !ok {
			bad(icSatisfaction, s, "回访满意度只能是满意、基本满意或不满意")
		}
		e.Satisfaction = sat
	}
	if e.Satisfaction == Unsatisfied && i.Status != IssueVoided {
		// The latest visit was unsatisfied: sent back (整改中), re-submitted (待验收) or
		// closed again after it (已销号, on a later 销号日期).
		switch {
		case e.FollowUpOn.IsZero():
			bad(icFollowUpOn, "", "回访不满意，须填写回访日期")
		case i.Status == IssueOpen:
			bad(icStatus, get(icStatus), "回访不满意的问题已退回整改，状态应为整改中、待验收或已销号")
		case i.Status == IssueClosed && !i.ClosedOn.IsZero() && i.ClosedOn.Before(e.FollowUpOn):
			bad(icClosedOn, get(icClosedOn), "回访不满意后重新销号，销号日期不能早于回访日期（%s）", e.FollowUpOn)
		case !i.FoundOn.IsZero() && e.FollowUpOn.Before(i.FoundOn):
			bad(icFollowUpOn, get(icFollowUpOn), "回访日期早于发现日期（%s）", i.FoundOn)
		}
		if i.Status == IssuePendingReview && i.Result == "" {
			bad(icResult, "", "待验收的问题须填写整改结果")
		}
		if i.Status == IssueClosed && i.ClosedOn.IsZero() && get(icClosedOn) == "" {
			bad(icClosedOn, "", "已销号的问题须填写销号日期")
		}
		if i.Status == IssueClosed && i.Result == "" {
			bad(icResult, "", "已销号的问题须填写整改结果")
		}
		return e, probs
	}
	switch i.Status {
	case IssueClosed:
		if i.ClosedOn.IsZero() && get(icClosedOn) == "" {
			bad(icClosedOn, "", "已销号的问题须填写销号日期")
		}
		if !i.ClosedOn.IsZero() && !i.FoundOn.IsZero() && i.ClosedOn.Before(i.FoundOn) {
			bad(icClosedOn, get(icClosedOn), "销号日期早于发现日期（%s）", i.FoundOn)
		}
		if i.Result == "" {
			bad(icResult, "", "已销号的问题须填写整改结果")
		}
		if !e.FollowUpOn.IsZero() && !i.ClosedOn.IsZero() && e.FollowUpOn.Before(i.ClosedOn) {
			bad(icFollowUpOn, get(icFollowUpOn), "回访日期早于销号日期（%s）", i.ClosedOn)
		}
		if e.Satisfaction != SatisfactionNone && e.FollowUpOn.IsZero() && get(icFollowUpOn) == "" {
			e.FollowUpOn = i.ClosedOn // a satisfaction without a date: visited on closing
		}
		if !e.FollowUpOn.IsZero() && e.Satisfaction == SatisfactionNone {
			bad(icSatisfaction, "", "有回访日期，须填写回访满意度")
		}
	case IssuePendingReview:
		if i.Result == "" {
			bad(icResult, "", "待验收的问题须填写整改结果")
		}
		fallthrough
	default:
		if !i.ClosedOn.IsZero() && i.Status != IssueVoided {
			bad(icClosedOn, get(icClosedOn), "问题状态是“%s”，不应有销号日期", i.Status.String())
		}
		if i.Status != IssueVoided && (!e.FollowUpOn.IsZero() || e.Satisfaction != SatisfactionNone) {
			bad(icFollowUpOn, get(icFollowUpOn), "问题尚未销号，不能有回访")
		}
	}
	return e, probs
}
