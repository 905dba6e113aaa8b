package reports

import (
	"fmt"
	"strings"

	"taizhang/data"
)

// LedgerOptions say what a ledger export (issues, documents) says about itself.
type LedgerOptions struct {
	Office    data.Office
	Community string    // the community exported, "" for the whole office
	From, To  data.Date // the period exported; zero: unbounded
	Date      data.Date // 填报日期
	Preparer  string    // 填报人
	Reviewer  string    // 审核人
	// Full writes whole ID and phone numbers; the default masks them, also where they were
	// typed into a description or a result. Only a user allowed data.ActUnmask may ask.
	Full bool
	// Audit is the audit head at the export, printed in the footer (audit_footer.go).
	Audit string
}

// PeriodWords names a period the way a ledger title does: 2026年, 2026年第三季度, 2026年7月,
// 2026年7月1日至2026年8月15日, 2026年7月1日起, 截至2026年8月15日; "" when unbounded.
func PeriodWords(from, to data.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return from.Chinese() + "起"
	case from.IsZero():
		return "截至" + to.Chinese()
	}
	if from.Year == to.Year && from.Day == 1 && to.AddDays(1).Day == 1 {
		months := int(to.Month) - int(from.Month) + 1
		switch {
		case months == 12:
			return fmt.Sprintf("%d年", from.Year)
		case months == 3 && (int(from.Month)-1)%3 == 0:
			return fmt.Sprintf("%d年第%s季度", from.Year, []string{"一", "二", "三", "四"}[(int(from.Month)-1)/3])
		case months == 1:
			return fmt.Sprintf("%d年%d月", from.Year, int(from.Month))
		case months > 1 && from.Month == 1 && months == 6:
			return fmt.Sprintf("%d年上半年", from.Year)
		case months > 1 && from.Month == 7 && months == 6:
			return fmt.Sprintf("%d年下半年", from.Year)
		case months > 1:
			return fmt.Sprintf("%d年%d月至%d月", from.Year, int(from.Month), int(to.Month))
		}
	}
	if from == to {
		return from.Chinese()
	}
	return from.Chinese() + "至" + to.Chinese()
}

// LedgerTitle is an export's title: 平城区鹿苑街道问题整改台账（2026年第三季度), with the
// community after the office's name when one is chosen.
func LedgerTitle(office data.Office, community, ledger string, from, to data.Date) string {
	name := strings.TrimSuffix(strings.TrimSpace(office.Name), "办事处")
	if name == "" {
		name = office.ShortName
	}
	t := name + community + ledger
	if p := PeriodWords(from, to); p != "" {
		t += "（" + p + "）"
	}
	return t
}

func (o LedgerOptions) sheet(sheet, ledger string, cols []Column) LedgerSheet {
	unit := o.Office.Name
	if o.Community != "" {
		unit += o.Community
	}
	note := "身份证号、联系电话已隐去中间位。"
	if o.Full {
		note = "本表含完整身份证号和联系电话，请妥善保管，不得外传。"
	}
	return LedgerSheet{Sheet: sheet, Title: LedgerTitle(o.Office, o.Community, ledger, o.From, o.To), Unit: unit,
		Date: o.Date, Columns: cols, Preparer: o.Preparer, Reviewer: o.Reviewer, Note: note, Audit: o.Audit}
}

// IssueColumns are the columns of the issue ledger (问题整改台账), after 序号.
var IssueColumns = []Column{
	{"编号", 14, AlignCenter, CellText}, {"发现日期", 12, AlignCenter, CellDate}, {"问题来源", 8, AlignCenter, CellText},
	{"问题类别", 8, AlignCenter, CellText}, {"问题描述", 26, AlignLeft, CellText}, {"社区/网格", 12, AlignLeft, CellText},
	{"地点", 13, AlignLeft, CellText}, {"处置层级", 6, AlignCenter, CellText}, {"责任单位", 11, AlignLeft, CellText},
	{"责任人", 7, AlignCenter, CellText}, {"整改时限", 12, AlignCenter, CellDate}, {"整改措施", 16, AlignLeft, CellText},
	{"状态", 7, AlignCenter, CellText}, {"销号日期", 12, AlignCenter, CellDate}, {"整改结果", 16, AlignLeft, CellText},
	{"回访日期", 12, AlignCenter, CellDate}, {"回访满意度", 7, AlignCenter, CellText},
}

// IssueLedger is the sheet of the issue ledger for o.
func IssueLedger(o LedgerOptions) LedgerSheet {
	return o.sheet("问题整改台账", "问题整改台账", IssueColumns)
}

// IssueCells are the cells of one issue in the ledger, in IssueColumns' order. 回访日期 and
// 回访满意度 are of the latest follow-up visit ("" before any), so the ledger imports back
// to the same figures. Unless full, ID and phone numbers typed into the text are masked.
func IssueCells(r data.IssueRow, full bool) []string {
	i, satisfaction := r.Issue, r.Satisfaction
	text := func(s string) string {
		if full {
			return s
		}
		return MaskNumbers(s)
	}
	place := i.CommunityName
	if i.GridName != "" {
		place += "/" + i.GridName
	}
	sat := ""
	if satisfaction != data.SatisfactionNone {
		sat = satisfaction.String()
	}
	return []string{i.Number, dateCell(i.FoundOn), i.Source, i.Category, text(i.Description), place,
		text(i.Address), tierCell(i.Tier), i.ResponsibleUnit, i.ResponsiblePerson, dateCell(i.Deadline),
		text(i.Measures), i.Status.String(), dateCell(i.ClosedOn), text(i.Result), dateCell(r.FollowUpOn), sat}
}

func tierCell(t data.Tier) string {
	if t == "" {
		return ""
	}
	return t.String()
}

func dateCell(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
