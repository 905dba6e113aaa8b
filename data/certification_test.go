package data

import (
	"errors"
	"testing"
	"time"
)

func TestCertStateQuarter(t *testing.T) {
	rule := DefaultCertRules[0]          // 高龄津贴认证, 80+, quarterly
	asOf := MustDate(2026, time.May, 10) // Q2: 2026-04-01 … 2026-06-30
	d := MustDate
	cases := []struct {
		name   string
		birth  Date
		status ResidentStatus
		last   Date
		want   CertState
	}{
		{"79 all quarter", d(1946, time.July, 1), ResidentActive, Date{}, CertNotInCycle},
		{"turns 80 on the quarter's last day", d(1946, time.June, 30), ResidentActive, Date{}, CertDue},
		{"turns 80 mid-quarter, after the as-of date", d(1946, time.May, 20), ResidentActive, Date{}, CertDue},
		{"turned 80 last quarter, never certified", d(1946, time.March, 31), ResidentActive, Date{}, CertOverdue},
		{"turned 80 on the first day of this quarter", d(1946, time.April, 1), ResidentActive, Date{}, CertDue},
		{"85, certified this quarter", d(1941, time.January, 5), ResidentActive, d(2026, time.April, 1), CertCertified},
		{"85, certified on the last day of last quarter", d(1941, time.January, 5), ResidentActive, d(2026, time.March, 31), CertDue},
		{"85, certified on the first day of last quarter", d(1941, time.January, 5), ResidentActive, d(2026, time.January, 1), CertDue},
		{"85, last certified the quarter before last", d(1941, time.January, 5), ResidentActive, d(2025, time.December, 31), CertOverdue},
		{"85, never certified", d(1941, time.January, 5), ResidentActive, Date{}, CertOverdue},
		{"deceased", d(1941, time.January, 5), ResidentDeceased, Date{}, CertNotInCycle},
		{"moved out", d(1941, time.January, 5), ResidentMovedOut, Date{}, CertNotInCycle},
		{"born 29 February, 80 on 1 March", d(1946, time.February, 28), ResidentActive, Date{}, CertOverdue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CertStateOf(rule, c.birth, c.status, c.last, asOf); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestCertStateQuarterLastDay(t *testing.T) {
	rule := DefaultCertRules[0]
	birth := MustDate(1940, time.March, 3)
	last := MustDate(2026, time.March, 31) // certified on the last day of Q1
	if got := CertStateOf(rule, birth, ResidentActive, last, MustDate(2026, time.March, 31)); got != CertCertified {
		t.Errorf("on the day: got %v, want 已认证", got)
	}
	if got := CertStateOf(rule, birth, ResidentActive, last, MustDate(2026, time.April, 1)); got != CertDue {
		t.Errorf("next day (new quarter): got %v, want 待认证", got)
	}
	if got := CertStateOf(rule, birth, ResidentActive, last, MustDate(2026, time.July, 1)); got != CertOverdue {
		t.Errorf("a quarter missed: got %v, want 逾期未认证", got)
	}
}

func TestCertStateMonths(t *testing.T) {
	rule := DefaultCertRules[1] // 养老保险资格认证, 60+, 12 months
	birth := MustDate(1950, time.June, 1)
	last := MustDate(2025, time.June, 15)
	d := MustDate
	cases := []struct {
		name string
		asOf Date
		last Date
		want CertState
	}{
		{"a month after", d(2025, time.July, 15), last, CertCertified},
		{"last day with more than a month left", d(2026, time.May, 15), last, CertCertified},
		{"final month begins", d(2026, time.May, 16), last, CertDue},
		{"12 months to the day: still valid", d(2026, time.June, 15), last, CertDue},
		{"day after the anniversary", d(2026, time.June, 16), last, CertOverdue},
		{"never certified", d(2026, time.June, 16), Date{}, CertDue},
		{"month end clamps", d(2026, time.February, 28), d(2025, time.February, 28), CertDue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CertStateOf(rule, birth, ResidentActive, c.last, c.asOf); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if got := CertStateOf(rule, MustDate(1966, time.June, 2), ResidentActive, Date{}, d(2026, time.June, 1)); got != CertNotInCycle {
		t.Errorf("59: got %v, want not in cycle", got)
	}
	if got := CertStateOf(rule, MustDate(1966, time.June, 1), ResidentActive, Date{}, d(2026, time.June, 1)); got != CertDue {
		t.Errorf("60 today: got %v, want 待认证", got)
	}
}

func TestMonthsBefore(t *testing.T) {
	for _, c := range []struct{ in, want Date }{
		{MustDate(2026, time.March, 31), MustDate(2026, time.February, 28)},
		{MustDate(2026, time.January, 15), MustDate(2025, time.December, 15)},
	} {
		if got := MonthsBefore(c.in, 1); got != c.want {
			t.Errorf("MonthsBefore(%v, 1) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := MonthsBefore(MustDate(2026, time.June, 16), 12); got != MustDate(2025, time.June, 16) {
		t.Errorf("12 months: got %v", got)
	}
}

func TestCertRulesParse(t *testing.T) {
	rs, err := ParseCertRules("")
	if err != nil || len(rs) != 2 {
		t.Fatalf("default: got %v, %v", rs, err)
	}
	if _, err := ParseCertRules(`[{"item":"高龄津贴认证","min_age":80,"cycle":"weekly"}]`); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad cycle: got %v, want ErrInvalid", err)
	}
	if _, err := ParseCertRules(`[{"item":"a","min_age":80,"cycle":"quarter"},{"item":"a","min_age":70,"cycle":"quarter"}]`); err == nil {
		t.Error("duplicate item accepted")
	}
}

func TestServiceValidate(t *testing.T) {
	today := MustDate(2026, time.May, 10)
	good := func() Service {
		return Service{Date: MustDate(2026, time.May, 9), Type: ServiceCertification, Item: ItemOldAgeAllowance,
			ResidentIDs: []int64{1}, Staff: []Staff{{UserID: 1, Name: "王芳"}}, Content: "入户核实本人健在", Result: ServiceDone}
	}
	s := good()
	if err := s.Validate(today); err != nil {
		t.Fatalf("good service: %v", err)
	}
	cases := []struct {
		name, field, msg string
		edit             func(*Service)
	}{
		{"no resident", "residents", "请选择服务对象（至少一名居民）", func(s *Service) { s.ResidentIDs = nil }},
		{"future date", "date", "服务日期不能晚于今天（2026-05-10）", func(s *Service) { s.Date = MustDate(2026, time.May, 11) }},
		{"bad type", "type", "", func(s *Service) { s.Type = "上门" }},
		{"no staff", "staff", "请选择服务人员（至少一人）", func(s *Service) { s.Staff = nil }},
		{"no content", "content", "请填写服务内容", func(s *Service) { s.Content = "  " }},
		{"on the spot but unfinished", "on_the_spot", "", func(s *Service) { s.Result = ServiceUnfinished; s.OnTheSpot = true }},
		{"follow-up before", "follow_up_on", "", func(s *Service) { s.FollowUpOn = MustDate(2026, time.May, 1) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := good()
			c.edit(&s)
			err := s.Validate(today)
			var e *Error
			if !errors.As(err, &e) || e.Field != c.field {
				t.Fatalf("got %v, want an error on %s", err, c.field)
			}
			if c.msg != "" && e.Message != c.msg {
				t.Errorf("got %q, want %q", e.Message, c.msg)
			}
		})
	}
}

func TestCertAgeProblem(t *testing.T) {
	day := MustDate(2026, time.March, 5)
	old := Resident{Name: "张菊花", Birth: time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC)}
	young := Resident{Name: "王小明", Birth: time.Date(1985, 3, 6, 0, 0, 0, 0, time.UTC)}  // 40 the day before 41
	eighty := Resident{Name: "李秀英", Birth: time.Date(1946, 3, 5, 0, 0, 0, 0, time.UTC)} // 80 that very day
	if p := CertAgeProblem(DefaultCertRules, ItemOldAgeAllowance, []Resident{old, eighty}, day); p != "" {
		t.Errorf("85 and 80 refused: %s", p)
	}
	want := "王小明 40 周岁，未满高龄津贴认证的起始年龄 80 周岁"
	if p := CertAgeProblem(DefaultCertRules, ItemOldAgeAllowance, []Resident{old, young}, day); p != want {
		t.Errorf("got %q, want %q", p, want)
	}
	if p := CertAgeProblem(DefaultCertRules, "残疾人证办理", []Resident{young}, day); p != "" {
		t.Errorf("an item without a rule refused: %s", p)
	}
	// The quarter's cycle takes in whoever turns 80 by 31 March, not the day after.
	turns := Resident{Name: "李建国", Birth: time.Date(1946, 3, 31, 0, 0, 0, 0, time.UTC)}
	after := Resident{Name: "赵德明", Birth: time.Date(1946, 4, 1, 0, 0, 0, 0, time.UTC)}
	if p := CertAgeProblem(DefaultCertRules, ItemOldAgeAllowance, []Resident{turns}, day); p != "" {
		t.Errorf("a 79-year-old turning 80 this quarter refused: %s", p)
	}
	if p := CertAgeProblem(DefaultCertRules, ItemOldAgeAllowance, []Resident{after}, day); p != "赵德明 79 周岁，未满高龄津贴认证的起始年龄 80 周岁" {
		t.Errorf("turning 80 next quarter: got %q", p)
	}
	// A months rule looks at the day itself.
	if p := CertAgeProblem(DefaultCertRules, ItemPension, []Resident{{Name: "周敏", Birth: time.Date(1966, 3, 6, 0, 0, 0, 0, time.UTC)}}, day); p == "" {
		t.Error("养老保险资格认证 accepted the day before the 60th birthday")
	}
}
