package data

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestFormatDocNumber(t *testing.T) {
	for _, c := range []struct {
		prefix    string
		year, seq int
		want      string
	}{
		{"平民救决", 2026, 15, "平民救决〔2026〕15号"},
		{"平民救决", 2026, 1, "平民救决〔2026〕1号"},
		{"鹿街不受", 2027, 138, "鹿街不受〔2027〕138号"},
	} {
		if got := FormatDocNumber(c.prefix, c.year, c.seq); got != c.want {
			t.Errorf("FormatDocNumber(%q, %d, %d) = %q, want %q", c.prefix, c.year, c.seq, got, c.want)
		}
	}
}

func TestParseDocNumber(t *testing.T) {
	for _, c := range []struct {
		name, in  string
		prefix    string
		year, seq int
	}{
		{"standard", "平民救决〔2026〕15号", "平民救决", 2026, 15},
		{"square brackets typed", "平民救决[2026]38号", "平民救决", 2026, 38},
		{"full-width brackets", "平民救决［2026］7号", "平民救决", 2026, 7},
		{"round brackets and 第", "平民救决（2026）第9号", "平民救决", 2026, 9},
		{"spaces around", "  平民救决〔2026〕15号 ", "平民救决", 2026, 15},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, y, s, err := ParseDocNumber(c.in)
			if err != nil || p != c.prefix || y != c.year || s != c.seq {
				t.Errorf("ParseDocNumber(%q) = %q, %d, %d, %v; want %q, %d, %d", c.in, p, y, s, err, c.prefix, c.year, c.seq)
			}
		})
	}
	for _, bad := range []string{"", "〔2026〕15号", "平民救决〔26〕15号", "平民救决〔2026〕号", "平民救决〔2026〕0号",
		"平民救决2026-15", "平民救决〔2026〕15", "平民救决〔2026〕〔1〕5号", "平民救决〔2026〕1234567号", "平民救决〔2026〕-5号"} {
		if _, _, _, err := ParseDocNumber(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDocNumber(%q) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestDocNumberRoundTrip(t *testing.T) {
	for _, prefix := range []string{"平民救决", "鹿街救", "A民决"} {
		for _, year := range []int{2025, 2026, 2099} {
			for _, seq := range []int{1, 9, 10, 38, 999, 100000} {
				s := FormatDocNumber(prefix, year, seq)
				p, y, n, err := ParseDocNumber(s)
				if err != nil || p != prefix || y != year || n != seq {
					t.Errorf("round trip %q: got %q %d %d %v", s, p, y, n, err)
				}
			}
		}
	}
}

func FuzzParseDocNumber(f *testing.F) {
	for _, s := range []string{"平民救决〔2026〕15号", "平民救决[2026]38号", "x〔2026〕第1号", "〔〕号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, y, n, err := ParseDocNumber(s)
		if err != nil {
			return
		}
		// Whatever was accepted formats to the standard form, which parses to the same parts.
		std := FormatDocNumber(p, y, n)
		p2, y2, n2, err := ParseDocNumber(std)
		if err != nil || p2 != p || y2 != y || n2 != n {
			t.Fatalf("%q → %q → %q %d %d %v", s, std, p2, y2, n2, err)
		}
	})
}

func TestValidateDocPrefix(t *testing.T) {
	if err := ValidateDocPrefix("平民救决"); err != nil {
		t.Errorf("got %v, want nil", err)
	}
	for _, bad := range []string{"", "平民〔救决", "平民救决2026", "平民 救决", "救决号", "一二三四五六七八九十一二三四五六七八九十一"} {
		if err := ValidateDocPrefix(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ValidateDocPrefix(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestDocNumberGaps(t *testing.T) {
	for _, c := range []struct {
		name       string
		used       []int
		start, max int
		want       []int
	}{
		{"none used", nil, 38, 40, []int{38, 39, 40}},
		{"no gaps", []int{38, 39, 40}, 38, 40, nil},
		{"gaps in the middle", []int{38, 41, 40}, 38, 42, []int{39, 42}},
		{"used before start ignored", []int{1, 2, 38}, 38, 39, []int{39}},
		{"empty range", []int{1}, 5, 4, nil},
		{"start below one", []int{2}, 0, 3, []int{1, 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DocNumberGaps(c.used, c.start, c.max); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestFormatChineseDate(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 7, 1, 9, 0, 0, 0, OfficeZone), "2026年7月1日"},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, OfficeZone), "2026年12月31日"},
		{time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC).In(OfficeZone), "2026年7月1日"},
	} {
		if got := FormatChineseDate(c.t); got != c.want {
			t.Errorf("FormatChineseDate(%v) = %q, want %q", c.t, got, c.want)
		}
	}
	if got := FormatChineseMonth(MustDate(2026, 7, 15)); got != "2026年7月" {
		t.Errorf("FormatChineseMonth = %q, want 2026年7月", got)
	}
}
