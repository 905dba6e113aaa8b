package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

// Summary is the monthly/quarterly summary export (问题整改情况汇总表): the figures of the
// period by community, and month by month.
type Summary struct {
	Office      data.Office
	Community   string    // of the monthly sheet; "" for the whole office
	From, To    data.Date // the period
	Date        data.Date // 填报日期
	Preparer    string
	Reviewer    string
	ByCommunity []data.FiguresRow // the last row is 合计
	ByMonth     []data.FiguresRow
}

// SummaryColumns are the figure columns of both sheets, after the label column.
var SummaryColumns = []string{"发现数", "销号数", "按期销号数", "整改率", "按期整改率", "已回访数", "满意数", "满意率",
	"平均整改天数", "逾期数", "临期数"}

// SummaryCells are the figure cells of one row, in SummaryColumns' order: counts as numbers,
// rates as "83.3%" (or "—" when the denominator is 0), exactly as the statistics page shows.
func SummaryCells(f data.IssueFigures) []any {
	avg := "—"
	if f.Closed > 0 {
		avg = fmt.Sprintf("%.1f", f.AvgDaysToClose)
	}
	return []any{f.Found, f.Closed, f.ClosedOnTime, data.Percent(f.Closed, f.Found), data.Percent(f.ClosedOnTime, f.Closed),
		f.Visited, f.Satisfied, data.Percent(f.Satisfied, f.Visited), avg, f.Overdue, f.DueSoon}
}

// WriteSummaryXLSX writes the summary as a workbook of two sheets, 按社区 and 按月份, each in
// the inspector's form (title, 填报单位/日期, frozen and repeated header, A4 landscape,
// 填报人/审核人), with the 统计口径 in one line under the table.
func WriteSummaryXLSX(w io.Writer, s Summary) error {
	f := excelize.NewFile()
	defer f.Close()
	period := PeriodWords(s.From, s.To)
	if period == "" {
		period = "截至" + s.Date.Chinese()
	}
	name := LedgerTitle(s.Office, "", "", data.Date{}, data.Date{})
	sheets := []struct {
		sheet, title, label string
		rows                []data.FiguresRow
	}{
		{"按社区", fmt.Sprintf("%s问题整改情况汇总表（%s）", name, period), "社区", s.ByCommunity},
		{"按月份", fmt.Sprintf("%s%s问题整改情况月度统计表（%s）", name, s.Community, period), "月份", s.ByMonth},
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.sheet); err != nil {
				return fmt.Errorf("summary xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(sh.sheet); err != nil {
			return fmt.Errorf("summary xlsx: %w", err)
		}
		if err := summarySheet(f, sh.sheet, sh.title, sh.label, sh.rows, s); err != nil {
			return fmt.Errorf("summary xlsx: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("summary xlsx: %w", err)
	}
	return nil
}

func summarySheet(f *excelize.File, sheet, title, label string, rows []data.FiguresRow, s Summary) error {
	thin := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	const font = "宋体"
	var err error
	style := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	titleS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	metaS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11}, Alignment: &excelize.Alignment{Vertical: "center"}})
	headS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Bold: true}, Border: thin,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	labelS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11}, Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	numS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11}, Border: thin, NumFmt: 3,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	totalS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Bold: true}, Border: thin,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	noteS := style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	last := len(SummaryColumns) + 1
	lastCol, _ := excelize.ColumnNumberToName(last)
	set := func(cell string, v any, st int) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
		if err == nil {
			err = f.SetCellStyle(sheet, cell, cell, st)
		}
	}
	merge := func(a, b string) {
		if err == nil {
			err = f.MergeCell(sheet, a, b)
		}
	}
	set("A1", title, titleS)
	merge("A1", lastCol+"1")
	unit := s.Office.Name
	set("A2", "填报单位："+unit, metaS)
	merge("A2", "F2")
	set("G2", "填报日期："+s.Date.Chinese(), metaS)
	merge("G2", lastCol+"2")
	set("A3", label, headS)
	for i, c := range SummaryColumns {
		cell, _ := excelize.CoordinatesToCellName(i+2, 3)
		set(cell, c, headS)
	}
	for r, row := range rows {
		st := labelS
		if row.Label == "合计" {
			st = totalS
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+4)
		set(cell, row.Label, st)
		for i, v := range SummaryCells(row.Figures) {
			cell, _ := excelize.CoordinatesToCellName(i+2, r+4)
			set(cell, v, numS)
		}
	}
	end := len(rows) + 4
	set(fmt.Sprintf("A%d", end), "统计口径：比率的分母为0时记为“—”；详见程序“统计口径”。发现数按发现日期在统计期内计，作废的问题不计。", noteS)
	merge(fmt.Sprintf("A%d", end), fmt.Sprintf("%s%d", lastCol, end))
	set(fmt.Sprintf("A%d", end+2), "填报人："+s.Preparer, metaS)
	merge(fmt.Sprintf("A%d", end+2), fmt.Sprintf("F%d", end+2))
	set(fmt.Sprintf("G%d", end+2), "审核人："+s.Reviewer, metaS)
	merge(fmt.Sprintf("G%d", end+2), fmt.Sprintf("%s%d", lastCol, end+2))
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", lastCol, 11); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 34); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 3, 30); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 3, XSplit: 1, TopLeftCell: "B4", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: fmt.Sprintf("'%s'!$3:$3", sheet)})
}
