package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// Fuzz targets for the parsers of outside input that had none: the stored certification rules
// (a settings value anyone with the file can edit), months and the numbers read from
// spreadsheets and typed into search. Each checks what a good answer must satisfy, and that a
// refusal is a *Error with a message for the clerk.

func wantClerkError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Message == "" {
		t.Fatalf("refusal %v is not an *Error with a message", err)
	}
}

func FuzzParseCertRules(f *testing.F) {
	def, _ := json.Marshal(DefaultCertRules)
	for _, s := range []string{"", string(def), "[]", "null", `[{"item":"高龄津贴认证","min_age":80,"cycle":"quarter"}]`,
		`[{"item":"","min_age":-1}]`, `{"a":1}`, `[{"item":"x","cycle":"months","months":0}]`, "[" + string(def)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := ParseCertRules(s)
		if err != nil {
			wantClerkError(t, err)
			return
		}
		if err := ValidateCertRules(rs); err != nil {
			t.Fatalf("accepted rules %q do not validate: %v", s, err)
		}
		// What is accepted is stored back as JSON and reads the same.
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseCertRules(string(b))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(rs) {
			t.Fatalf("rules %q do not round-trip: %v %v", b, again, err)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"", "2026-04", "2026-4", "2026.4", "2026/4", "2026年4月", "202604", "2026-04-15", "2026年13月",
		"０２６年４月", "2026-", "-04", "99999-1", "2026年4月31日", "202600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseMonth("month", s)
		if err != nil {
			wantClerkError(t, err)
			return
		}
		if d.IsZero() {
			return
		}
		if d.Day != 1 || d.Month < 1 || d.Month > 12 {
			t.Fatalf("ParseMonth(%q) = %v, want the first day of a real month", s, d)
		}
		again, err := ParseMonth("month", fmt.Sprintf("%04d-%02d", d.Year, d.Month))
		if err != nil || again != d {
			t.Fatalf("month %v of %q does not read back: %v %v", d, s, again, err)
		}
	})
}

func FuzzParseCellDate(f *testing.F) {
	for _, s := range []string{"46000", "46000.5", "1", "0", "2026", "2958465", "9999999", "2026-03-05", "2026年3月5日", "1e5", "-3", "46000."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseCellDate(s)
		if err != nil {
			wantClerkError(t, err)
			return
		}
		if d.IsZero() {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseCellDate(%q) = %v, which does not read back: %v %v", s, d, again, err)
		}
	})
}

func FuzzParseIssueNumber(f *testing.F) {
	for _, s := range []string{"WT-2026-0001", "wt-2026-0001", " WT-2026-123456789 ", "WT-2026-0000", "WT-26-1", "WT-2026-01234", "WT--", "WT-2026-9999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		year, seq, err := ParseIssueNumber(s)
		if err != nil {
			wantClerkError(t, err)
			return
		}
		if seq < 1 || year < MinDateYear {
			t.Fatalf("ParseIssueNumber(%q) = %d, %d", s, year, seq)
		}
		y2, s2, err := ParseIssueNumber(FormatIssueNumber(year, seq))
		if err != nil || y2 != year || s2 != seq {
			t.Fatalf("number %d-%d of %q does not read back: %d %d %v", year, seq, s, y2, s2, err)
		}
	})
}
