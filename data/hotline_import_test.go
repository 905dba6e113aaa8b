package data

import (
	"strings"
	"testing"
	"time"
)

func TestParseHotlineOrdersWithoutDeadlineColumn(t *testing.T) {
	rows := []SheetRow{
		{Line: 1, Cells: []string{"工单编号", "来电时间", "诉求内容"}},
		{Line: 2, Cells: []string{"GD1", "2026-11-01 09:00:00", "井盖缺失"}},
		{Line: 3, Cells: []string{"GD2", "2026-11-02 10:30", "路灯不亮"}},
	}
	f := ParseHotlineOrders(rows, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if len(f.Problems) != 1 || f.Problems[0].Line != 0 || !strings.Contains(f.Problems[0].Problem, "办理时限") {
		t.Errorf("problems: %v", f.Problems)
	}
	if len(f.Entries) != 2 || f.Entries[1].Issue.FoundOn != MustDate(2026, 11, 2) || f.Entries[0].HotlineOrder != "GD1" ||
		f.Entries[0].Issue.Source != HotlineSource {
		t.Errorf("entries: %+v", f.Entries)
	}
}
