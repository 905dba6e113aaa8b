package data

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil calendar date (年月日) with no time of day and no time zone: the date an
// issue was found, a deadline, a close-out date. The zero Date means "no date" (a deadline not
// set, an issue not closed); String returns "" for it and Value stores it as NULL.
//
// Dates compare with == and Compare; arithmetic is in whole calendar days.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Date limits accepted by ParseDate and IsValid. Four-digit years keep String's YYYY-MM-DD
// shape sortable as text in the database.
const (
	MinDateYear = 1900
	MaxDateYear = 9999
)

// OfficeZone is the time zone of every office: China keeps one zone, UTC+8, with no summer
// time. Timestamps are stored in UTC; "today" and "the date it happened" are read here, so a
// record made at 07:00 Beijing time is not dated the day before.
var OfficeZone = time.FixedZone("CST", 8*60*60)

// NewDate returns the date y-m-d, or an ErrInvalid error in Chinese if there is no such day.
func NewDate(y int, m time.Month, d int) (Date, error) {
	dt := Date{y, m, d}
	if err := dt.check(fmt.Sprintf("%d年%d月%d日", y, int(m), d)); err != nil {
		return Date{}, err
	}
	return dt, nil
}

// MustDate is NewDate for constants and tests; it panics on an impossible date.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// DateOf returns the civil date of t in t's own location. Pass t.In(OfficeZone) (or use
// Today) when t is a UTC timestamp.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns the office's date at the instant now (read in OfficeZone). Callers pass the
// store's injectable clock, never time.Now directly, so tests do not depend on the date.
func Today(now time.Time) Date { return DateOf(now.In(OfficeZone)) }

// In returns midnight at the start of d in loc (UTC if loc is nil).
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d is a real day between MinDateYear and MaxDateYear.
func (d Date) IsValid() bool { return d.check("") == nil }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Chinese returns d written out in full as on a document: 2026年3月5日 ("" for the zero Date).
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// DaysSince returns the number of calendar days from e to d: positive when d is after e,
// 0 for the same day.
func (d Date) DaysSince(e Date) int { return d.dayNumber() - e.dayNumber() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.dayNumber(), e.dayNumber(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// dayNumber counts days since 1970-01-01, exact for any proleptic Gregorian date.
func (d Date) dayNumber() int {
	return int(d.In(time.UTC).Unix() / 86400)
}

// check validates d; what is how the user wrote it, quoted in the message.
func (d Date) check(what string) error {
	const field = "date"
	if d.Year < MinDateYear || d.Year > MaxDateYear {
		return Invalid(field, "日期“%s”有误：年份应在%d到%d之间", what, MinDateYear, MaxDateYear)
	}
	if d.Month < time.January || d.Month > time.December {
		return Invalid(field, "日期“%s”有误：月份应在1到12之间", what)
	}
	if n := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > n {
		return Invalid(field, "日期“%s”有误：%d年%d月只有%d天", what, d.Year, int(d.Month), n)
	}
	return nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateFolder turns full-width digits and separators, which Chinese input methods produce,
// into their ASCII forms.
var dateFolder = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"－", "-", "／", "/", "．", ".", "：", ":", "\u3000", " ",
)

// ParseDate reads a date as clerks and old ledgers write it:
//
//	2026-03-05   2026-3-5   2026/3/5   2026.3.5   20260305   2026年3月5日 (日 or 号, or neither)
//
// Full-width digits are accepted, and a trailing time of day (" 08:30", " 08:30:00",
// "T08:30:00") is read and dropped, since spreadsheets often add one. The empty string, an
// unknown shape and an impossible day (2026-02-30, 2026-13-01) are ErrInvalid errors whose
// Chinese message quotes the input and says what is wrong. Excel serial numbers are the
// importer's business, not this function's.
func ParseDate(s string) (Date, error) {
	const field = "date"
	in := strings.TrimSpace(dateFolder.Replace(s))
	if in == "" {
		return Date{}, Invalid(field, "日期不能为空")
	}
	bad := func() (Date, error) {
		return Date{}, Invalid(field, "日期“%s”无法识别，请写成 2026-03-05 或 2026年3月5日", strings.TrimSpace(s))
	}
	body, ok := dropTimeOfDay(in)
	if !ok {
		return bad()
	}
	var parts []string
	switch {
	case len(body) == 8 && asciiDigits(body):
		parts = []string{body[:4], body[4:6], body[6:]}
	case strings.Contains(body, "年"):
		y, rest, ok1 := strings.Cut(body, "年")
		m, d, ok2 := strings.Cut(rest, "月")
		if !ok1 || !ok2 {
			return bad()
		}
		d = strings.TrimSuffix(strings.TrimSuffix(d, "日"), "号")
		parts = []string{strings.TrimSpace(y), strings.TrimSpace(m), strings.TrimSpace(d)}
	default:
		sep := strings.IndexAny(body, "-/.")
		if sep < 0 {
			return bad()
		}
		parts = strings.Split(body, body[sep:sep+1])
		if len(parts) != 3 {
			return bad()
		}
	}
	if len(parts[0]) != 4 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 2 {
		return bad()
	}
	var n [3]int
	for i, p := range parts {
		if !asciiDigits(p) {
			return bad()
		}
		n[i], _ = strconv.Atoi(p) // at most 4 ASCII digits: cannot fail
	}
	d := Date{n[0], time.Month(n[1]), n[2]}
	if err := d.check(strings.TrimSpace(s)); err != nil {
		return Date{}, err
	}
	return d, nil
}

// dropTimeOfDay removes a trailing " hh:mm[:ss]" or "Thh:mm[:ss]"; ok is false when a time
// part is there but is not a time of day.
func dropTimeOfDay(s string) (string, bool) {
	i := strings.LastIndexAny(s, " T")
	if i < 0 {
		return s, true
	}
	date, clock := strings.TrimSpace(s[:i]), s[i+1:]
	if !strings.Contains(clock, ":") {
		return s, true // a space inside the date, as in 2026年 3月 5日
	}
	f := strings.Split(clock, ":")
	if len(f) < 2 || len(f) > 3 {
		return s, false
	}
	limits := []int{23, 59, 59}
	for j, p := range f {
		if len(p) < 1 || len(p) > 2 || !asciiDigits(p) {
			return s, false
		}
		if v, _ := strconv.Atoi(p); v > limits[j] {
			return s, false
		}
	}
	return date, true
}

func asciiDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalText writes YYYY-MM-DD ("" for the zero Date), so JSON carries dates as text.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads any spelling ParseDate accepts; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if strings.TrimSpace(string(b)) == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores d as the text YYYY-MM-DD, or NULL for the zero Date: portable between SQLite
// and PostgreSQL, and sortable.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date column: NULL, text in any ParseDate spelling, or a time.Time (its own
// calendar date, as a driver returns for a DATE column).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("scan date: unsupported type %T", src)
}

// HolidayEntry is one day of the working calendar that differs from the usual
// Monday-to-Friday week: a statutory day off (休) or a make-up working weekend day (调休上班, 班).
// The store keeps them in an editable table, seeded from DefaultHolidays; the administrator
// adds later years as the State Council publishes them.
type HolidayEntry struct {
	Date Date
	Off  bool   // true: 休, no work that day; false: 班, a weekend day worked in exchange
	Name string // the festival, e.g. 春节, 国庆节
}

// Calendar is the Chinese working calendar: Monday to Friday are working days unless an entry
// says the day is off; Saturday and Sunday are days off unless an entry says it is worked.
// A nil *Calendar is the plain Monday-to-Friday week. A Calendar is read-only after
// NewCalendar and safe for concurrent use.
type Calendar struct {
	days  map[Date]HolidayEntry
	years map[int]bool
}

// NewCalendar builds a calendar from entries. When a date appears twice the later entry wins,
// so an administrator's correction appended after the shipped table takes effect.
func NewCalendar(entries []HolidayEntry) *Calendar {
	c := &Calendar{days: make(map[Date]HolidayEntry, len(entries)), years: map[int]bool{}}
	for _, e := range entries {
		c.days[e.Date] = e
		c.years[e.Date.Year] = true
	}
	return c
}

// Entry returns the calendar's entry for d, if it has one.
func (c *Calendar) Entry(d Date) (HolidayEntry, bool) {
	if c == nil {
		return HolidayEntry{}, false
	}
	e, ok := c.days[d]
	return e, ok
}

// Covers reports whether the calendar holds any entry in year. Every year has statutory
// holidays, so a year with none has not been entered yet: the screens warn that deadlines in
// working days for that year count weekends only.
func (c *Calendar) Covers(year int) bool { return c != nil && c.years[year] }

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) bool {
	if e, ok := c.Entry(d); ok {
		return !e.Off
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays returns the deadline n working days after from, counting from the next day:
// the n-th working day after from. from itself never counts, even if it is a working day, so
// an issue found on Friday with 1 working day is due on Monday. n = 0 returns from; a
// negative n counts back to the |n|-th working day before from.
func (c *Calendar) AddWorkdays(from Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	d := from
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// WorkdaysBetween counts the working days d with a < d <= b: the inverse of AddWorkdays, so
// WorkdaysBetween(a, AddWorkdays(a, n)) == n. It is negative when b is before a.
func (c *Calendar) WorkdaysBetween(a, b Date) int {
	if b.Before(a) {
		return -c.WorkdaysBetween(b, a)
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}
