package data

import (
	"strings"
	"testing"
	"time"
)

func TestAidReviewSchedule(t *testing.T) {
	rules := DefaultAidReviewRules
	c := AidCase{Programme: ProgrammeDibao, Start: ym(2026, time.March)}
	for _, x := range []struct {
		name     string
		last     Date
		category AidCategory
		want     string
	}{
		{"never reviewed, stable: a year after the first month", Date{}, AidStable, "2027-03-01"},
		{"unstable: half a year after the last review", MustDate(2026, 5, 31), AidUnstable, "2026-11-30"},
		{"no category counts as stable", MustDate(2026, 5, 10), "", "2027-05-10"},
	} {
		if got := ReviewDue(c, x.last, x.category, rules).String(); got != x.want {
			t.Errorf("%s: got %s, want %s", x.name, got, x.want)
		}
	}
	tk := AidCase{Programme: ProgrammeTekun, Start: ym(2026, time.January)}
	if got := ReviewDue(tk, Date{}, AidUnstable, rules).String(); got != "2027-01-01" {
		t.Errorf("特困: got %s, want yearly", got)
	}
	if got := ReviewDue(AidCase{Programme: ProgrammeTemporary, Start: ym(2026, 1)}, Date{}, "", rules); !got.IsZero() {
		t.Errorf("临时救助 is not reviewed: got %s", got)
	}
	if err := ValidateAidReviewRules([]AidReviewRule{{Programme: ProgrammeDibao, Category: AidStable, Months: 0}}); err == nil ||
		!strings.Contains(Message(err), "“低保（经济状况稳定）”的核查间隔应为 1 至 36 个月") {
		t.Errorf("got %v", err)
	}
	if err := ValidateAidReviewRules([]AidReviewRule{{Programme: ProgrammeTekun, Months: 12}, {Programme: ProgrammeTekun, Months: 6}}); err == nil {
		t.Error("a repeated rule was accepted")
	}
	r := AidReview{Date: MustDate(2026, 12, 1), Category: AidStable, Finding: FindingNoChange}
	err := r.Validate(MustDate(2026, 11, 23))
	for _, want := range []string{"晚于今天", "请填写核查情况", "请填写核查人"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}
