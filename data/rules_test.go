package data

import (
	"errors"
	"strings"
	"testing"
)

func TestParseWorkdays(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		msg  string
	}{
		{" 5 ", 5, ""}, {"1", 1, ""}, {"365", 365, ""},
		{"", 0, "请填写工作日数"}, {"0", 0, "1 到 365"}, {"366", 0, "1 到 365"}, {"五", 0, "1 到 365"}, {"2.5", 0, "1 到 365"},
	} {
		n, err := ParseWorkdays("deadline", c.in)
		if c.msg == "" {
			if err != nil || n != c.want {
				t.Errorf("%q: got %d, %v; want %d", c.in, n, err, c.want)
			}
			continue
		}
		var de *Error
		if !errors.As(err, &de) || de.Field != "deadline" || !strings.Contains(de.Message, c.msg) {
			t.Errorf("%q: got %v, want a deadline error saying %q", c.in, err, c.msg)
		}
	}
}

func TestCheckVoidReason(t *testing.T) {
	if r, err := CheckVoidReason("  录入重复 "); err != nil || r != "录入重复" {
		t.Errorf("got %q, %v", r, err)
	}
	if _, err := CheckVoidReason(" \t"); err == nil || Message(err) != "请填写作废原因" {
		t.Errorf("empty: got %v", err)
	}
	if _, err := CheckVoidReason(strings.Repeat("字", MaxReasonLen+1)); err == nil || !strings.Contains(Message(err), "作废原因不能超过") {
		t.Errorf("long: got %v", err)
	}
}

func TestCheckPassword(t *testing.T) {
	for p, ok := range map[string]bool{"abc12345": true, "abcdefgh": false, "12345678": false, "ab1": false,
		strings.Repeat("a1", 37): false} {
		if err := CheckPassword(p); (err == nil) != ok {
			t.Errorf("%q: got %v, want ok=%v", p, err, ok)
		}
	}
}

func TestIssueRulesOfTheForm(t *testing.T) {
	today := MustDate(2026, 11, 23)
	if err := CheckFoundOn(today, today); err != nil {
		t.Errorf("today: %v", err)
	}
	if err := CheckFoundOn(MustDate(2026, 11, 24), today); err == nil || !strings.Contains(Message(err), "不能晚于今天") {
		t.Errorf("tomorrow: got %v", err)
	}
	if err := CheckResponsibleUnit(" ", false); err == nil || Message(err) != "请选择责任单位" {
		t.Errorf("no unit: got %v", err)
	}
	if err := CheckResponsibleUnit("", true); err != nil {
		t.Errorf("on the spot needs no unit: got %v", err)
	}
}
