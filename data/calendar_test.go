package data

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func parseTestDate(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParseDate(t *testing.T) {
	want := MustDate(2026, time.March, 5)
	for _, s := range []string{
		"2026-03-05", "2026-3-5", "2026/3/5", "2026/03/05", "2026.3.5", "20260305",
		"2026年3月5日", "2026年03月05日", "2026年3月5号", "2026年3月5", "2026年 3月 5日",
		" 2026-03-05 ", "２０２６－０３－０５", "2026-03-05 00:00:00", "2026/3/5 8:30",
		"2026-03-05T23:59:59",
	} {
		t.Run(s, func(t *testing.T) {
			got, err := ParseDate(s)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", s, err)
			}
			if got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestParseDateRefused(t *testing.T) {
	for _, c := range []struct{ in, msg string }{
		{"", "日期不能为空"},
		{"   ", "日期不能为空"},
		{"2026-02-30", "2026年2月只有28天"},
		{"2026-02-29", "2026年2月只有28天"},
		{"2026-04-31", "2026年4月只有30天"},
		{"2026-13-01", "月份应在1到12之间"},
		{"2026-00-10", "月份应在1到12之间"},
		{"2026-01-00", "2026年1月只有31天"},
		{"20261301", "月份应在1到12之间"},
		{"2026年2月30日", "2026年2月只有28天"},
		{"0999-01-01", "年份应在1900到9999之间"},
		{"2026-3/5", "无法识别"},
		{"26-3-5", "无法识别"},
		{"2026-3", "无法识别"},
		{"2026-003-05", "无法识别"},
		{"2026-3-5 25:00", "无法识别"},
		{"abc", "无法识别"},
		{"2026年3月5日星期四", "无法识别"},
		{"46086", "无法识别"}, // an Excel serial is the importer's business
	} {
		t.Run(c.in, func(t *testing.T) {
			_, err := ParseDate(c.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) succeeded, want an error", c.in)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
			if !strings.Contains(Message(err), c.msg) {
				t.Errorf("got message %q, want it to contain %q", Message(err), c.msg)
			}
		})
	}
}

func TestParseDateLeapYear(t *testing.T) {
	if got := parseTestDate("2028-02-29"); got != MustDate(2028, time.February, 29) {
		t.Errorf("got %v, want 2028-02-29", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-05", "2026/3/5", "2026.3.5", "20260305", "2026年3月5日",
		"2026-02-30", "2026-13-01", "", "2026-03-05 08:00", "２０２６年３月５日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) || Message(err) == "" {
				t.Fatalf("ParseDate(%q): error without a message: %v", s, err)
			}
			return
		}
		if !v.IsValid() {
			t.Fatalf("ParseDate(%q) = %#v, not a valid date", s, v)
		}
		back, err := ParseDate(v.String())
		if err != nil || back != v {
			t.Fatalf("round trip of %q: got %v, %v; want %v", s, back, err, v)
		}
	})
}

func TestDate(t *testing.T) {
	a := MustDate(2026, time.February, 27)
	if got := a.AddDays(2); got != MustDate(2026, time.March, 1) {
		t.Errorf("AddDays: got %v, want 2026-03-01", got)
	}
	if got := a.AddDays(-58); got != MustDate(2025, time.December, 31) {
		t.Errorf("AddDays back: got %v, want 2025-12-31", got)
	}
	if got := MustDate(2026, time.March, 1).DaysSince(a); got != 2 {
		t.Errorf("DaysSince: got %d, want 2", got)
	}
	if !a.Before(a.AddDays(1)) || a.After(a) || a.Compare(a) != 0 {
		t.Error("Before/After/Compare disagree")
	}
	if got := a.String(); got != "2026-02-27" {
		t.Errorf("String: got %q, want 2026-02-27", got)
	}
	if got := a.Chinese(); got != "2026年2月27日" {
		t.Errorf("Chinese: got %q", got)
	}
	if got := (Date{}).String(); got != "" {
		t.Errorf("zero String: got %q, want empty", got)
	}
	if got := a.Weekday(); got != time.Friday {
		t.Errorf("Weekday: got %v, want Friday", got)
	}
	if _, err := NewDate(2026, time.February, 29); err == nil {
		t.Error("NewDate(2026-02-29) succeeded")
	}
}

func TestDateTime(t *testing.T) {
	// 2026-03-04 23:30 UTC is already 3月5日 in Beijing.
	now := time.Date(2026, time.March, 4, 23, 30, 0, 0, time.UTC)
	if got := Today(now); got != MustDate(2026, time.March, 5) {
		t.Errorf("Today: got %v, want 2026-03-05", got)
	}
	if got := DateOf(now); got != MustDate(2026, time.March, 4) {
		t.Errorf("DateOf: got %v, want 2026-03-04", got)
	}
	if got := MustDate(2026, time.March, 5).In(OfficeZone); !got.Equal(time.Date(2026, 3, 4, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("In: got %v", got)
	}
}

func TestDateEncoding(t *testing.T) {
	type row struct {
		On  Date `json:"on"`
		Off Date `json:"off"`
	}
	b, err := json.Marshal(row{On: MustDate(2026, time.March, 5)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"on":"2026-03-05","off":""}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var r row
	if err := json.Unmarshal([]byte(`{"on":"2026/3/5","off":""}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.On != MustDate(2026, time.March, 5) || !r.Off.IsZero() {
		t.Errorf("got %+v", r)
	}
	var s Date
	for _, src := range []any{"2026-03-05", []byte("2026-03-05"), time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)} {
		if err := s.Scan(src); err != nil || s != MustDate(2026, time.March, 5) {
			t.Errorf("Scan(%T): got %v, %v", src, s, err)
		}
	}
	if err := s.Scan(nil); err != nil || !s.IsZero() {
		t.Errorf("Scan(nil): got %v, %v", s, err)
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Errorf("Value of zero: got %v, want nil", v)
	}
}

func TestShippedHolidays(t *testing.T) {
	entries := DefaultHolidays()
	off, work := map[int]int{}, map[int]int{}
	seen := map[Date]bool{}
	for i, e := range entries {
		if seen[e.Date] {
			t.Errorf("%v listed twice", e.Date)
		}
		seen[e.Date] = true
		if i > 0 && !entries[i-1].Date.Before(e.Date) {
			t.Errorf("%v out of order", e.Date)
		}
		if e.Off {
			off[e.Date.Year]++
		} else {
			work[e.Date.Year]++
			if wd := e.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("make-up working day %v is a %v, not a weekend", e.Date, wd)
			}
		}
	}
	// 2025: 元旦1 + 春节8 + 清明3 + 劳动节5 + 端午3 + 国庆中秋8 = 28 days off; 5 make-up days.
	// 2026: 元旦3 + 春节9 + 清明3 + 劳动节5 + 端午3 + 中秋3 + 国庆7 = 33 days off; 6 make-up days.
	for _, c := range []struct{ year, off, work int }{{2025, 28, 5}, {2026, 33, 6}} {
		if off[c.year] != c.off || work[c.year] != c.work {
			t.Errorf("%d: got %d off and %d make-up days, want %d and %d",
				c.year, off[c.year], work[c.year], c.off, c.work)
		}
	}
	cal := NewCalendar(entries)
	for _, y := range []int{2025, 2026} {
		if !cal.Covers(y) {
			t.Errorf("Covers(%d) = false", y)
		}
	}
	if cal.Covers(2027) {
		t.Error("Covers(2027) = true, but 2027 is not shipped")
	}
}

func TestIsWorkday(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		date string
		want bool
		why  string
	}{
		{"2026-02-13", true, "Friday before 春节"},
		{"2026-02-14", true, "Saturday worked for 春节 (调休)"},
		{"2026-02-15", false, "春节, a Sunday"},
		{"2026-02-16", false, "春节 on a Monday"},
		{"2026-02-23", false, "last day of 春节, a Monday"},
		{"2026-02-24", true, "first day back"},
		{"2026-02-21", false, "春节 Saturday"},
		{"2026-02-28", true, "Saturday worked for 春节 (调休)"},
		{"2026-03-01", false, "an ordinary Sunday"},
		{"2026-09-20", true, "Sunday worked for 国庆 (调休)"},
		{"2026-09-25", false, "中秋 Friday"},
		{"2026-10-01", false, "国庆"},
		{"2026-10-07", false, "last day of 国庆, a Wednesday"},
		{"2026-10-08", true, "Thursday after 国庆"},
		{"2026-10-10", true, "Saturday worked for 国庆 (调休)"},
		{"2026-10-11", false, "an ordinary Sunday"},
		{"2026-01-04", true, "Sunday worked for 元旦 (调休)"},
		{"2025-01-26", true, "Sunday worked for 2025 春节"},
		{"2025-10-08", false, "2025 国庆中秋, a Wednesday"},
		{"2027-01-01", true, "2027 is not entered: a Friday counts as a working day"},
	} {
		t.Run(c.date+" "+c.why, func(t *testing.T) {
			if got := cal.IsWorkday(parseTestDate(c.date)); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	var plain *Calendar
	if plain.IsWorkday(parseTestDate("2026-10-01")) != true || plain.IsWorkday(parseTestDate("2026-10-10")) != false {
		t.Error("nil calendar should be the plain Monday-to-Friday week")
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-03-02", 0, "2026-03-02", "zero days is the day itself"},
		{"2026-03-02", 1, "2026-03-03", "next day"},
		{"2026-03-06", 1, "2026-03-09", "Friday + 1 skips the weekend"},
		{"2026-03-07", 1, "2026-03-09", "found on a Saturday"},
		{"2026-03-02", 5, "2026-03-09", "one ordinary week"},
		{"2026-02-12", 1, "2026-02-13", "Thursday before 春节"},
		{"2026-02-12", 2, "2026-02-14", "the 调休 Saturday is a working day"},
		{"2026-02-12", 3, "2026-02-24", "across 春节 2/15–2/23"},
		{"2026-02-12", 5, "2026-02-26", "across 春节"},
		{"2026-02-25", 3, "2026-02-28", "lands on the 调休 Saturday 2/28"},
		{"2026-09-28", 5, "2026-10-10", "across 国庆: 9/29, 9/30, 10/8, 10/9, 10/10(调休)"},
		{"2026-09-18", 1, "2026-09-20", "Friday + 1 is the 调休 Sunday 9/20"},
		{"2026-09-24", 1, "2026-09-28", "across 中秋 9/25–9/27"},
		{"2026-10-09", -2, "2026-09-30", "counting back across 国庆"},
		{"2025-12-31", 1, "2026-01-04", "across 元旦 2026: 1/1–1/3 off, Sunday 1/4 worked"},
	} {
		t.Run(c.from+" "+c.why, func(t *testing.T) {
			got := cal.AddWorkdays(parseTestDate(c.from), c.n)
			if want := parseTestDate(c.want); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
			if c.n >= 0 {
				if back := cal.WorkdaysBetween(parseTestDate(c.from), got); back != c.n {
					t.Errorf("WorkdaysBetween(%s, %v) = %d, want %d", c.from, got, back, c.n)
				}
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"2026-02-13", "2026-02-13", 0},
		{"2026-02-13", "2026-02-28", 6},  // 2/14, 2/24, 2/25, 2/26, 2/27, 2/28
		{"2026-02-28", "2026-02-13", -6}, // reversed
		{"2026-09-30", "2026-10-08", 1},  // only 10/8
		{"2026-01-01", "2026-01-31", 21}, // 22 weekdays − 1/1 (not counted) − 1/2 (off) + Sunday 1/4
		// All of 2026: 261 weekdays − 19 weekday holidays (元旦2 春节6 清明1 劳动节3 端午1 中秋1 国庆5)
		// + 6 make-up weekend days = 248.
		{"2025-12-31", "2026-12-31", 248},
	} {
		t.Run(c.a+".."+c.b, func(t *testing.T) {
			if got := cal.WorkdaysBetween(parseTestDate(c.a), parseTestDate(c.b)); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}

func TestCalendarOverride(t *testing.T) {
	entries := append(DefaultHolidays(), HolidayEntry{Date: parseTestDate("2026-10-10"), Off: true, Name: "更正"})
	cal := NewCalendar(entries)
	if cal.IsWorkday(parseTestDate("2026-10-10")) {
		t.Error("a later entry should override the shipped one")
	}
	if e, ok := cal.Entry(parseTestDate("2026-10-10")); !ok || e.Name != "更正" {
		t.Errorf("Entry: got %+v, %v", e, ok)
	}
}
