package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Document numbers (文号) are written prefix〔year〕seq号: 平民救决〔2026〕15号. The brackets are
// the hexagonal 〔〕 (U+3014, U+3015) required by GB/T 9704-2012 7.2.4, the sequence has no
// leading zeros and no 第. The store allocates seq per kind and year inside the issuing
// transaction; these functions only format and read.

// Limits on the parts of a document number.
const (
	MaxDocPrefixLen = 20     // characters
	MaxDocSeq       = 999999 // far beyond any office's yearly count
)

// FormatDocNumber returns prefix〔year〕seq号.
func FormatDocNumber(prefix string, year, seq int) string {
	return prefix + "〔" + strconv.Itoa(year) + "〕" + strconv.Itoa(seq) + "号"
}

// ValidateDocPrefix checks a configured prefix: 1–20 characters, none of them brackets,
// digits or spaces, which would make the number ambiguous.
func ValidateDocPrefix(prefix string) error {
	if n := utf8.RuneCountInString(prefix); n == 0 || n > MaxDocPrefixLen {
		return Invalid("prefix", "文号前缀应为 1 至 %d 个字，例如“平民救决”。", MaxDocPrefixLen)
	}
	if strings.ContainsAny(prefix, "〔〕[]［］()（）【】0123456789０１２３４５６７８９号 \t　") {
		return Invalid("prefix", "文号前缀“%s”不能含括号、数字、空格或“号”字；年份和序号由程序自动加上。", prefix)
	}
	return nil
}

// ParseDocNumber reads prefix〔year〕seq号. It also accepts the brackets people type instead
// of 〔〕 ([], ［］, 【】, （）, ()) and a 第 before the sequence, so a number copied from an old
// register is understood; FormatDocNumber then writes it the standard way.
func ParseDocNumber(s string) (prefix string, year, seq int, err error) {
	bad := func() error {
		return Invalid("doc_number", "文号“%s”格式不对，应如“平民救决〔2026〕15号”。", s)
	}
	t := strings.TrimSpace(s)
	for _, p := range [][2]string{{"[", "〔"}, {"]", "〕"}, {"［", "〔"}, {"］", "〕"}, {"【", "〔"}, {"】", "〕"}, {"（", "〔"}, {"）", "〕"}, {"(", "〔"}, {")", "〕"}} {
		t = strings.ReplaceAll(t, p[0], p[1])
	}
	open := strings.Index(t, "〔")
	closeAt := strings.Index(t, "〕")
	if open <= 0 || closeAt < open || !strings.HasSuffix(t, "号") || strings.Count(t, "〔") != 1 || strings.Count(t, "〕") != 1 {
		return "", 0, 0, bad()
	}
	prefix = t[:open]
	y := t[open+len("〔") : closeAt]
	n := strings.TrimSuffix(t[closeAt+len("〕"):], "号")
	n = strings.TrimPrefix(n, "第")
	if len(y) != 4 || !digitsOnly(y) || !digitsOnly(n) || len(n) > 6 {
		return "", 0, 0, bad()
	}
	year, _ = strconv.Atoi(y)
	seq, _ = strconv.Atoi(n)
	if seq < 1 || year < MinDateYear || ValidateDocPrefix(prefix) != nil {
		return "", 0, 0, bad()
	}
	return prefix, year, seq, nil
}

// DocNumberGaps returns the sequence numbers from start to max (inclusive) that are not in
// used, in order: the numbers of a year's register that are accounted for by no document
// (issued or voided). Numbers in used outside [start, max] are ignored.
func DocNumberGaps(used []int, start, max int) []int {
	if start < 1 {
		start = 1
	}
	if max < start {
		return nil
	}
	seen := make(map[int]bool, len(used))
	for _, u := range used {
		seen[u] = true
	}
	var gaps []int
	for n := start; n <= max; n++ {
		if !seen[n] {
			gaps = append(gaps, n)
		}
	}
	return gaps
}

// FormatChineseDate writes the date of t in full as on a document: 2026年7月1日, with no
// leading zeros (GB/T 9704-2012 7.3.5.1). t is read in its own location; pass
// t.In(OfficeZone) for a UTC timestamp.
func FormatChineseDate(t time.Time) string { return DateOf(t).Chinese() }

// FormatChineseMonth writes the month of d: 2026年7月.
func FormatChineseMonth(d Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月", d.Year, int(d.Month))
}

func digitsOnly(s string) bool {
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
