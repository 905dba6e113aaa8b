package data

import (
	"strings"
	"testing"
)

func TestNoticeFigures(t *testing.T) {
	f := ComputeNoticeFigures([]NoticeFact{
		{Item: "临时救助申请", Returns: []bool{true}},                 // 一次办成
		{Item: "临时救助申请", Returns: []bool{false, true}},          // 二次跑动
		{Item: "最低生活保障申请", Returns: []bool{true}},               // 一次办成
		{Item: "最低生活保障申请", Returns: []bool{false}},              // not yet done
		{Item: "最低生活保障申请"},                                      // never came back
		{Item: "最低生活保障申请", Returns: []bool{false, false, true}}, // three trips
	})
	if f.Issued != 6 || f.Completed != 4 || f.FirstReturn != 2 || f.Trips != 7 || f.SecondTrips != 2 || f.AvgTrips != 1.8 || f.FirstReturnRate != 0.5 {
		t.Errorf("got %+v", f)
	}
	if it := f.ByItem["最低生活保障申请"]; it.Issued != 4 || it.Completed != 2 || it.FirstReturn != 1 {
		t.Errorf("by item: %+v", it)
	}
	if z := ComputeNoticeFigures(nil); z.AvgTrips != 0 || z.FirstReturnRate != 0 {
		t.Errorf("no notices: %+v", z)
	}
	r := NoticeReturn{Date: MustDate(2026, 11, 1), Application: "第15号"}
	err := r.Validate(MustDate(2026, 11, 5), MustDate(2026, 11, 23))
	for _, want := range []string{"早于告知日期", "格式不对"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
	lines := AidLines(map[string]AidFigures{"低保": {Households: 2, Persons: 5, Amount: 150000}}, f)
	if len(lines) != 1 || !strings.Contains(lines[0], "低保 2 户 5 人 1,500.00 元；一次性告知 6 份，一次办成 2 份（50.0%），平均跑动 1.8 次") {
		t.Errorf("lines %q", lines)
	}
}

func TestCheckGuideURL(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"", "", ""},
		{"  https://zwfw.example.gov.cn/bszn/1 ", "https://zwfw.example.gov.cn/bszn/1", ""},
		{"www.example.gov.cn", "", "应以 http:// 或 https:// 开头"},
		{"https://", "", "应以 http:// 或 https:// 开头"},
		{"https://example.gov.cn/办事指南", "", "不能有空格、中文或全角字符"},
		{"https://example.gov.cn/" + strings.Repeat("a", 300), "", "过长"},
	} {
		got, err := CheckGuideURL(c.in)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("%q: got %q, %v", c.in, got, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: got %v, want %q", c.in, err, c.err)
		}
	}
}
