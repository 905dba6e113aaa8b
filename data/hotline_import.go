package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The 12345 hotline's work-order export (12345 热线工单): one row per order, with its 工单编号,
// 来电时间, 诉求内容, 地址, 办理时限 and, once handled, 办结时间 and 办理结果. Each order
// becomes an issue of source 12345热线 that keeps its 工单编号, so a later export of the same
// orders adds only the new ones.

// HotlineSource is the 问题来源 of issues imported from the hotline's orders.
const HotlineSource = "12345热线"

// Hotline columns the importer understands, besides the issue ledger's.
const (
	hcOrder     = "order"
	hcCaller    = "caller"
	hcCallerTel = "caller_phone"
)

var hotlineHeaders = []struct {
	field string
	names []string
}{
	{icSeq, []string{"序号", "No", "NO"}},
	{hcOrder, []string{"工单编号", "工单号", "受理编号", "工单流水号", "流水号"}},
	{icFoundOn, []string{"来电时间", "受理时间", "来电日期", "派单时间", "登记时间", "交办时间"}},
	{icDescription, []string{"诉求内容", "来电内容", "反映内容", "工单内容", "问题描述", "诉求描述"}},
	{icAddress, []string{"地址", "诉求地址", "事发地址", "发生地点", "事发地点", "问题地址"}},
	{icDeadline, []string{"办理时限", "办结时限", "处理时限", "截止时间", "办理期限"}},
	{icCategory, []string{"诉求分类", "诉求类型", "问题分类", "工单分类", "工单类型", "问题类别"}},
	{icCommunity, []string{"所属社区", "社区", "涉及社区"}},
	{icGrid, []string{"网格", "所属网格"}},
	{icUnit, []string{"承办单位", "责任单位", "办理单位"}},
	{icStatus, []string{"办理状态", "工单状态", "状态", "处理状态"}},
	{icClosedOn, []string{"办结时间", "办结日期", "回复时间", "完成时间"}},
	{icResult, []string{"办理结果", "回复内容", "处理结果", "办理情况", "答复内容"}},
	{icFollowUpOn, []string{"回访时间", "回访日期"}},
	{icSatisfaction, []string{"满意度", "回访满意度", "评价结果", "市民评价"}},
	{hcCaller, []string{"来电人", "诉求人", "姓名"}},
	{hcCallerTel, []string{"来电号码", "联系电话", "诉求人电话"}},
}

var hotlineHeaderIndex = newLedgerHeaderIndex(hotlineHeaders)

// hotlineClosed are the order states that mean handled (办结); anything else is still open.
var hotlineClosed = map[string]bool{"已办结": true, "办结": true, "已完成": true, "已回复": true, "已答复": true, "已归档": true, "已关闭": true}

// ParseHotlineOrders reads a 12345 work-order export: the header row (工单编号 and 诉求内容
// required) and every order under it, checked on its own and for a 工单编号 given twice.
// Orders become issues of source HotlineSource, category 其他 unless the file says; a
// 办理时限 may be a date or N个工作日 / N天 (Issue.DeadlineWorkdays is set for the store to
// count on its calendar). The caller's name and phone are not imported.
func ParseHotlineOrders(rows []SheetRow, today time.Time) IssueLedgerFile {
	var out IssueLedgerFile
	now := Today(today)
	for _, sh := range splitSheets(rows) {
		h, found := findLedgerHeader(sh, hotlineHeaderIndex, hcOrder, icDescription)
		if !found {
			continue
		}
		out.Headers = append(out.Headers, h)
		for _, row := range sh {
			if row.Line <= h.Line || skipLedgerRow(h, row, icDescription) {
				continue
			}
			e, probs := parseHotlineRow(h, row, now)
			out.Problems = append(out.Problems, probs...)
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Headers) == 0 {
		out.Problems = append(out.Problems, RosterProblem{Problem: "没有找到表头行：12345 工单导出表应包含“工单编号”和“诉求内容”两列"})
		return out
	}
	for _, h := range out.Headers {
		if _, ok := h.Columns[icFoundOn]; !ok {
			out.Problems = append(out.Problems, RosterProblem{Sheet: h.Sheet, Problem: "表头没有“来电时间”（或“受理时间”）列"})
		}
		if _, ok := h.Columns[icDeadline]; !ok {
			out.Problems = append(out.Problems, RosterProblem{Sheet: h.Sheet, Problem: "表头没有“办理时限”列：每张工单都须有办理时限（日期，或“5个工作日”“15天”）"})
		}
	}
	if len(out.Headers) == 1 {
		for i := range out.Problems {
			out.Problems[i].Sheet = ""
		}
	}
	seen := map[string]int{}
	for _, e := range out.Entries {
		if e.HotlineOrder == "" {
			continue
		}
		if first, dup := seen[e.HotlineOrder]; dup {
			out.Problems = append(out.Problems, RosterProblem{Line: e.Line, Column: e.Titles[hcOrder],
				Problem: fmt.Sprintf("工单编号与第 %d 行重复", first), Value: e.HotlineOrder})
			continue
		}
		seen[e.HotlineOrder] = e.Line
	}
	return out
}

// cellDay reads the day of a date or date-and-time cell (2026-05-05 10:23:11, an Excel
// serial with a time fraction).
func cellDay(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if f := strings.Fields(strings.Replace(s, "T", " ", 1)); len(f) > 1 {
		s = f[0]
	}
	return ParseCellDate(s)
}

func parseHotlineRow(h LedgerHeader, row SheetRow, today Date) (IssueImportEntry, []RosterProblem) {
	e := IssueImportEntry{Sheet: row.Sheet, Line: row.Line, Titles: h.Titles}
	var probs []RosterProblem
	get := func(f string) string { return ledgerCell(row, h, f) }
	bad := func(f, value, format string, args ...any) {
		probs = append(probs, RosterProblem{Sheet: row.Sheet, Line: row.Line, Column: h.Titles[f], Problem: fmt.Sprintf(format, args...), Value: value})
	}
	day := func(f string) Date {
		s := get(f)
		if s == "" {
			return Date{}
		}
		d, err := cellDay(s)
		if err != nil {
			bad(f, s, "日期无法识别，请写成 2026-03-05 或 2026-03-05 10:30")
			return Date{}
		}
		if d.After(today) && f != icDeadline {
			bad(f, s, "日期晚于今天（%s）", today)
		}
		return d
	}
	i := &e.Issue
	e.HotlineOrder = strings.TrimSpace(foldWidth(get(hcOrder)))
	e.HotlineOrder = strings.TrimSuffix(e.HotlineOrder, ".0")
	if e.HotlineOrder == "" {
		bad(hcOrder, "", "未填写工单编号")
	} else if utf8.RuneCountInString(e.HotlineOrder) > 40 {
		bad(hcOrder, e.HotlineOrder, "工单编号过长，最多 40 个字符")
	}
	i.FoundOn = day(icFoundOn)
	if i.FoundOn.IsZero() && get(icFoundOn) == "" {
		if _, ok := h.Columns[icFoundOn]; ok {
			bad(icFoundOn, "", "未填写来电时间")
		}
	}
	i.Source = HotlineSource
	i.Category = get(icCategory)
	if i.Category == "" {
		i.Category = "其他"
	}
	i.Description = get(icDescription)
	if i.Description == "" {
		bad(icDescription, "", "未填写诉求内容")
	} else if n := utf8.RuneCountInString(i.Description); n > MaxIssueDescription {
		bad(icDescription, "", "诉求内容过长（%d 字），最多 %d 字", n, MaxIssueDescription)
	}
	i.Address = get(icAddress)
	e.Community, e.Grid = get(icCommunity), get(icGrid)
	i.ResponsibleUnit = get(icUnit)
	i.Tier = TierGeneral
	i.FoundBy = "12345热线"
	_, hasDeadline := h.Columns[icDeadline]
	switch s := strings.TrimSpace(get(icDeadline)); {
	case s == "" && !hasDeadline: // one problem for the whole file
	case s == "":
		bad(icDeadline, "", "未填写办理时限")
	case strings.HasSuffix(s, "个工作日") || strings.HasSuffix(s, "工作日"):
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "工作日"), "个")))
		if err != nil || n < 1 || n > MaxDeadlineWorkdays {
			bad(icDeadline, s, "办理时限无法识别：写日期，或“5个工作日”“15天”")
		}
		i.DeadlineWorkdays = n
	case strings.HasSuffix(s, "天") || strings.HasSuffix(s, "日") && !strings.Contains(s, "月"):
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimRight(s, "天日个自然")))
		if err != nil || n < 0 || n > 366 {
			bad(icDeadline, s, "办理时限无法识别：写日期，或“5个工作日”“15天”")
		} else if !i.FoundOn.IsZero() {
			i.Deadline = i.FoundOn.AddDays(n)
		}
	default:
		i.Deadline = day(icDeadline)
		if !i.Deadline.IsZero() && !i.FoundOn.IsZero() && i.Deadline.Before(i.FoundOn) {
			bad(icDeadline, s, "办理时限早于来电时间（%s）", i.FoundOn)
		}
	}
	i.Status = IssueOpen
	status := strings.TrimSpace(get(icStatus))
	i.ClosedOn = day(icClosedOn)
	i.Result = get(icResult)
	if hotlineClosed[status] || (status == "" && !i.ClosedOn.IsZero()) {
		i.Status = IssueClosed
		if i.ClosedOn.IsZero() && get(icClosedOn) == "" {
			bad(icClosedOn, "", "已办结的工单须有办结时间")
		}
		if i.Result == "" {
			bad(icResult, "", "已办结的工单须有办理结果")
		}
		if !i.ClosedOn.IsZero() && !i.FoundOn.IsZero() && i.ClosedOn.Before(i.FoundOn) {
			bad(icClosedOn, get(icClosedOn), "办结时间早于来电时间（%s）", i.FoundOn)
		}
		e.FollowUpOn = day(icFollowUpOn)
		if s := get(icSatisfaction); s != "" {
			sat, ok := ParseSatisfaction(s)
			switch {
			case !ok && (s == "非常满意" || s == "比较满意"):
				sat, ok = Satisfied, true
			case !ok && s == "一般":
				sat, ok = BasicallySatisfied, true
			}
			if !ok {
				bad(icSatisfaction, s, "满意度只能是满意、基本满意或不满意")
			}
			e.Satisfaction = sat
			if e.FollowUpOn.IsZero() {
				e.FollowUpOn = i.ClosedOn
			}
		}
		if e.Satisfaction == Unsatisfied && !e.FollowUpOn.IsZero() {
			i.Status = IssueInProgress // sent back to rectify after the caller's verdict
			i.ClosedOn = Date{}
		}
		if !e.FollowUpOn.IsZero() && e.Satisfaction == SatisfactionNone {
			e.FollowUpOn = Date{} // a visit without a verdict is not a follow-up
		}
		if !e.FollowUpOn.IsZero() && !i.ClosedOn.IsZero() && e.FollowUpOn.Before(i.ClosedOn) {
			e.FollowUpOn = i.ClosedOn
		}
	} else {
		i.ClosedOn = Date{}
	}
	return e, probs
}
