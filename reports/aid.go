package reports

import (
	"fmt"
	"io"
	"strconv"

	"taizhang/data"
)

// AidPayrollColumns are the columns of the monthly 发放花名册, after 序号, in the form the
// inspectors use: 户主, 身份证号 (masked), 保障人数, 月保障金, 备注; 救助项目 is added when the
// roll covers more than one programme.
func AidPayrollColumns(mixed bool) []Column {
	cols := []Column{{"户主（对象）姓名", 14, AlignCenter, CellText}, {"身份证号", 21, AlignCenter, CellText},
		{"所属社区", 12, AlignLeft, CellText}}
	if mixed {
		cols = append(cols, Column{"救助项目", 10, AlignCenter, CellText})
	}
	return append(cols, Column{"保障人数", 9, AlignCenter, CellNumber}, Column{"月保障金（元）", 14, AlignRight, CellNumber},
		Column{"备注", 30, AlignLeft, CellText})
}

// AidPayroll is a month's roll as the store gives it.
type AidPayroll struct {
	Month     data.Month
	Programme data.Programme // "" for every programme
	Rows      []data.AidPayRow
	Totals    data.AidTotals
}

// AidPayrollCells are the cells of one line in AidPayrollColumns' order.
func AidPayrollCells(r data.AidPayRow, mixed bool) []string {
	cells := []string{r.Name, r.IDNumber, r.CommunityName}
	if mixed {
		cells = append(cells, string(r.Programme))
	}
	return append(cells, strconv.Itoa(r.Persons), r.Amount.Plain(), r.Note)
}

// WriteAidPayroll writes the 发放花名册 of a month as XLSX or PDF, with the totals on the line
// above the signatures, and returns the number of lines.
func WriteAidPayroll(w io.Writer, format Format, p AidPayroll, o LedgerOptions) (int, error) {
	mixed := p.Programme == ""
	name := string(p.Programme)
	if mixed {
		name = "社会救助"
	}
	month := p.Month.First()
	o.From, o.To = month, data.MonthEnd(month)
	l := o.sheet(name+"发放花名册", name+"资金发放花名册", AidPayrollColumns(mixed))
	l.Note = fmt.Sprintf("合计：%d户（人）、保障%d人，月保障金%s元。身份证号已隐去中间位。", p.Totals.Households, p.Totals.Persons, p.Totals.Amount.Plain())
	rows := func(each func([]string) error) error {
		for _, r := range p.Rows {
			if err := each(AidPayrollCells(r, mixed)); err != nil {
				return err
			}
		}
		return nil
	}
	return WriteLedger(w, format, l, rows, Options{})
}

// AidSummaryColumns are the columns of the summary by programme and community, after 序号.
var AidSummaryColumns = []Column{
	{"救助项目", 12, AlignCenter, CellText}, {"社区", 14, AlignLeft, CellText}, {"户数（人数）", 12, AlignRight, CellNumber},
	{"保障人数", 10, AlignRight, CellNumber}, {"发放金额（元）", 16, AlignRight, CellNumber},
}

// WriteAidSummary writes the summary of months from..to (named period: 2026年第四季度) by
// programme and community, each programme's 小计 after its communities and the 合计 last.
func WriteAidSummary(w io.Writer, format Format, rows []data.AidSummaryRow, grand data.AidTotals, from, to data.Month, o LedgerOptions) (int, error) {
	o.From, o.To = from.First(), data.MonthEnd(to.First())
	l := o.sheet("救助资金发放汇总", "社会救助资金发放汇总表", AidSummaryColumns)
	l.Note = "户数：期内至少发放一个月的户数（特困按人、临时救助按人次）；保障人数取期内最后一次发放时的人数；金额为期内各月发放之和。"
	src := func(each func([]string) error) error {
		for _, r := range rows {
			c := r.CommunityName
			if c == "" {
				c = "小计"
			}
			if err := each([]string{string(r.Programme), c, strconv.Itoa(r.Households), strconv.Itoa(r.Persons), r.Amount.Plain()}); err != nil {
				return err
			}
		}
		return each([]string{"合计", "", strconv.Itoa(grand.Households), strconv.Itoa(grand.Persons), grand.Amount.Plain()})
	}
	return WriteLedger(w, format, l, src, Options{})
}
