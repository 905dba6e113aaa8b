package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
)

func TestSummaryXLSX(t *testing.T) {
	fig := func(found, closed int) data.IssueFigures {
		return data.IssueFigures{Found: found, Closed: closed, ClosedOnTime: closed, Visited: closed, Satisfied: closed,
			RectificationRate: float64(closed) / float64(max(found, 1)), AvgDaysToClose: 4.5}
	}
	s := Summary{Office: data.Office{Name: "平城区鹿苑街道办事处"}, From: data.MustDate(2026, 7, 1), To: data.MustDate(2026, 9, 30),
		Date: data.MustDate(2026, 10, 8), Preparer: "王建国",
		ByCommunity: []data.FiguresRow{{Label: "鹿苑社区", Figures: fig(10, 8)}, {Label: "南关社区", Figures: fig(0, 0)}, {Label: "合计", Figures: fig(10, 8)}},
		ByMonth:     []data.FiguresRow{{Label: "2026年7月", Figures: fig(4, 4)}, {Label: "2026年8月", Figures: fig(3, 2)}, {Label: "2026年9月", Figures: fig(3, 2)}}}
	var buf bytes.Buffer
	if err := WriteSummaryXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "按社区|按月份" {
		t.Fatalf("sheets: got %q", got)
	}
	for sheet, want := range map[string][]string{
		"按社区": {"平城区鹿苑街道问题整改情况汇总表（2026年第三季度）", "社区", "鹿苑社区|10|8|8|80.0%|100.0%|8|8|100.0%|4.5|0|0",
			"南关社区|0|0|0|—|—|0|0|—|—|0|0", "合计|10|8"},
		"按月份": {"平城区鹿苑街道问题整改情况月度统计表（2026年第三季度）", "月份", "2026年7月|4|4|4|100.0%", "2026年8月|3|2", "2026年9月|3|2"},
	} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != want[0] {
			t.Errorf("%s title: got %q, want %q", sheet, rows[0][0], want[0])
		}
		if got := strings.Join(rows[2], "|"); got != want[1]+"|"+strings.Join(SummaryColumns, "|") {
			t.Errorf("%s header: got %q", sheet, got)
		}
		for i, w := range want[2:] {
			if got := strings.Join(rows[3+i], "|"); !strings.HasPrefix(got, w) {
				t.Errorf("%s row %d: got %q, want %q…", sheet, i+1, got, w)
			}
		}
		if p, err := f.GetPanes(sheet); err != nil || !p.Freeze || p.YSplit != 3 {
			t.Errorf("%s panes: got %+v", sheet, p)
		}
	}
}
