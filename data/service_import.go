package data

import (
	"fmt"
	"strings"
	"time"
)

// An old services ledger (上门服务台账) or certification register (认证登记表): one row per
// visit, its residents named by ID number. ParseServiceLedger reads it; the store matches
// the residents and writes the services, so a certification imported completes the cycle it
// records.

const (
	scNumber  = "number"
	scDate    = "date"
	scType    = "type"
	scItem    = "item"
	scNames   = "names"
	scIDs     = "ids"
	scStaff   = "staff"
	scContent = "content"
	scResult  = "result"
	scSpot    = "spot"
	scFollow  = "follow_up_on"
	scComm    = "community"
)

var serviceHeaders = []struct {
	field string
	names []string
}{
	{icSeq, []string{"序号", "No", "NO"}},
	{scNumber, []string{"编号", "服务编号", "记录编号"}},
	{scDate, []string{"服务日期", "认证日期", "走访日期", "办理日期", "上门日期", "日期"}},
	{scType, []string{"服务类型", "服务方式", "类型"}},
	{scItem, []string{"服务事项", "认证事项", "办理事项", "事项", "认证项目"}},
	{scNames, []string{"服务对象", "姓名", "居民姓名", "认证对象"}},
	{scIDs, []string{"身份证号", "公民身份号码", "身份证号码", "证件号码", "服务对象身份证号"}},
	{scComm, []string{"所属社区", "社区"}},
	{scStaff, []string{"服务人员", "经办人", "工作人员", "认证人", "认证人员"}},
	{scContent, []string{"服务内容", "内容", "办理情况", "认证情况"}},
	{scResult, []string{"办理结果", "结果", "认证结果"}},
	{scSpot, []string{"当场办结", "是否当场办结"}},
	{scFollow, []string{"回访日期", "回访时间"}},
}

var serviceHeaderIndex = newLedgerHeaderIndex(serviceHeaders)

// ServiceImportEntry is one service read from a row: the service without its residents, and
// the ID numbers and names the row gives for the store to match.
type ServiceImportEntry struct {
	Sheet     string
	Line      int
	Service   Service
	IDNumbers []string
	Names     []string
	Titles    map[string]string
}

// ServiceLedgerFile is a parsed services ledger.
type ServiceLedgerFile struct {
	Headers  []LedgerHeader
	Entries  []ServiceImportEntry
	Problems []RosterProblem
}

// ParseServiceLedger reads a services ledger, or with certifications a certification
// register (服务类型 defaults to 入户认证, 办理结果 to 已办结). Header row: 服务日期 (or
// 认证日期), 服务事项 (or 认证事项) and 身份证号 are required.
func ParseServiceLedger(rows []SheetRow, today time.Time, certifications bool) ServiceLedgerFile {
	var out ServiceLedgerFile
	now := Today(today)
	for _, sh := range splitSheets(rows) {
		h, found := findLedgerHeader(sh, serviceHeaderIndex, scDate, scItem, scIDs)
		if !found {
			continue
		}
		out.Headers = append(out.Headers, h)
		for _, row := range sh {
			if row.Line <= h.Line || skipLedgerRow(h, row, scIDs) {
				continue
			}
			e, probs := parseServiceRow(h, row, now, certifications)
			out.Problems = append(out.Problems, probs...)
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Headers) == 0 {
		out.Problems = append(out.Problems, RosterProblem{Problem: "没有找到表头行：表头应包含“服务日期”（或“认证日期”）、“服务事项”（或“认证事项”）和“身份证号”"})
		return out
	}
	if len(out.Headers) == 1 {
		for i := range out.Problems {
			out.Problems[i].Sheet = ""
		}
	}
	return out
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;；/ \n", r) })
}

func parseServiceRow(h LedgerHeader, row SheetRow, today Date, certifications bool) (ServiceImportEntry, []RosterProblem) {
	e := ServiceImportEntry{Sheet: row.Sheet, Line: row.Line, Titles: h.Titles}
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
			bad(f, s, "日期无法识别，请写成 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日")
			return Date{}
		}
		return d
	}
	s := &e.Service
	s.Date = day(scDate)
	if s.Date.IsZero() && get(scDate) == "" {
		bad(scDate, "", "未填写日期")
	}
	s.Type = ServiceAtHome
	if certifications {
		s.Type = ServiceCertification
	}
	if v := get(scType); v != "" {
		s.Type = ServiceType(v)
		if !s.Type.Valid() {
			var names []string
			for _, t := range ServiceTypes {
				names = append(names, string(t))
			}
			bad(scType, v, "服务类型只能是%s", strings.Join(names, "、"))
		}
	}
	s.Item = get(scItem)
	if s.Item == "" {
		bad(scItem, "", "未填写事项")
	}
	for _, id := range splitList(foldWidth(get(scIDs))) {
		id = strings.ToUpper(strings.Trim(id, "'"))
		if strings.ContainsAny(id, "*＊") {
			bad(scIDs, get(scIDs), "身份证号已打码，无法导入：请使用导出时选择“显示完整证件号码”的文件")
			continue
		}
		info, err := ParseIDNumber(id, today.In(time.UTC))
		if err != nil {
			bad(scIDs, id, "%s", Message(err))
			continue
		}
		e.IDNumbers = append(e.IDNumbers, info.Number)
	}
	if len(e.IDNumbers) == 0 && get(scIDs) == "" {
		bad(scIDs, "", "未填写身份证号：服务对象按身份证号对应居民档案")
	}
	e.Names = splitList(get(scNames))
	for _, n := range splitList(get(scStaff)) {
		s.Staff = append(s.Staff, Staff{Name: n})
	}
	s.Content = get(scContent)
	if s.Content == "" && certifications {
		s.Content = s.Item + "（导入）"
	}
	s.Result = ServiceDone
	if v := get(scResult); v != "" {
		s.Result = ServiceResult(v)
		if v == "已认证" || v == "认证通过" || v == "完成" {
			s.Result = ServiceDone
		}
		if !s.Result.Valid() {
			bad(scResult, v, "办理结果只能是已办结、未办结或转办")
		}
	}
	switch v := get(scSpot); v {
	case "是", "√", "✓", "当场办结":
		s.OnTheSpot = true
	case "", "否", "×":
	default:
		bad(scSpot, v, "当场办结请填“是”或“否”")
	}
	s.FollowUpOn = day(scFollow)
	return e, probs
}
