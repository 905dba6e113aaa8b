package reports

import (
	"strings"
	"unicode/utf8"
)

// Chinese line-breaking rules (禁则), after GB/T 15834 and common typesetting practice: a line
// may not begin with closing or pausing punctuation, nor end with opening punctuation.
const (
	// NoLineStart holds the characters that may not begin a line.
	NoLineStart = "，。、；：？！）》」』”’〕】］｝〉％‰…·,.;:?!)]}%"
	// NoLineEnd holds the characters that may not end a line.
	NoLineEnd = "（《「『“‘〔【［｛〈([{"
)

// NoLineStartRune reports whether r may not begin a line.
func NoLineStartRune(r rune) bool { return strings.ContainsRune(NoLineStart, r) }

// NoLineEndRune reports whether r may not end a line.
func NoLineEndRune(r rune) bool { return strings.ContainsRune(NoLineEnd, r) }

// halfWidth reports whether r takes half a cell of the character grid: printable ASCII and
// the half-width forms. Everything else (汉字, full-width punctuation) takes a whole cell.
func halfWidth(r rune) bool {
	return (r >= 0x20 && r < 0x7F) || (r >= 0xFF61 && r <= 0xFFDC)
}

// Cells returns the width of s on the character grid: 1 per 汉字 or full-width mark, 0.5 per
// ASCII character.
func Cells(s string) float64 { return float64(halfCells(s)) / 2 }

func halfCells(s string) int {
	n := 0
	for _, r := range s {
		n += runeHalfCells(r)
	}
	return n
}

func runeHalfCells(r rune) int {
	if halfWidth(r) {
		return 1
	}
	return 2
}

// wordRune reports whether r belongs to an unbreakable Latin run: an amount such as
// 1,234.50, an ID number, a date written 2026-07-01, a phone number.
func wordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' ||
		strings.ContainsRune(".,-/%:_@+#", r)
}

// units splits a line of text into the pieces a break may fall between: Latin words and
// numbers stay whole, as do the doubled dash —— and ellipsis …….
func units(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case wordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !wordRune(r2) {
					break
				}
				j += n2
			}
			// A trailing , . : belongs to the sentence, not the number ("见第3条," ).
			for j-1 > i && strings.ContainsRune(",.:", rune(s[j-1])) {
				j--
			}
		case r == '—' || r == '…':
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 != r {
					break
				}
				j += n2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// BreakLines breaks text into lines of at most charsPerLine cells (see Cells), following the
// Chinese line-breaking rules: no line begins with a character of NoLineStart and none ends
// with one of NoLineEnd, found by moving characters down to the next line. A newline in text
// always breaks. Numbers and Latin words are not split unless longer than a line. Joining
// the lines gives back text without its newlines.
func BreakLines(text string, charsPerLine int) []string {
	return breakLines(text, 2*charsPerLine, 2*charsPerLine)
}

// breakLines works in half cells; the first line may be narrower (a hanging label) or the
// same as the rest.
func breakLines(text string, first, rest int) []string {
	if first < 2 {
		first = 2
	}
	if rest < 2 {
		rest = 2
	}
	var lines []string
	width := first
	for _, para := range strings.Split(text, "\n") {
		us := units(para)
		if len(us) == 0 {
			lines = append(lines, "")
			width = rest
			continue
		}
		for len(us) > 0 {
			// Greedy fill.
			j, w := 0, 0
			for j < len(us) {
				uw := halfCells(us[j])
				if w+uw > width {
					// A unit wider than any line is cut anyway: cut it here, filling this
					// line, rather than leave a short line before it.
					if uw > rest && j > 0 {
						if head, tail := cutAt(us[j], width-w); halfCells(head) <= width-w && tail != "" {
							us = append(us[:j], append([]string{head, tail}, us[j+1:]...)...)
							w += halfCells(head)
							j++
						}
					}
					break
				}
				w += uw
				j++
			}
			if j == 0 {
				// One unit wider than the line: cut it at the width.
				head, tail := cutAt(us[0], width)
				lines = append(lines, head)
				us[0] = tail
				width = rest
				continue
			}
			if j < len(us) {
				// Move characters down until the break is allowed; give up (keep the greedy
				// break) only when the whole line is punctuation that cannot be split.
				k := j
				for k > 0 && !breakOK(us[k-1], us[k]) {
					k--
				}
				if k > 0 {
					j = k
				} else if r, _ := utf8.DecodeRuneInString(us[j]); wordRune(r) && width-w >= 1 {
					// No allowed break at all: rather than break after an opening bracket,
					// split the number or word that follows it.
					head, tail := cutAt(us[j], width-w)
					if halfCells(head) <= width-w && tail != "" {
						us = append(us[:j], append([]string{head, tail}, us[j+1:]...)...)
						j++
					}
				}
			}
			lines = append(lines, strings.Join(us[:j], ""))
			us = us[j:]
			width = rest
		}
	}
	return lines
}

// breakOK reports whether a line may end with unit a and the next begin with unit b.
func breakOK(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	firstR, _ := utf8.DecodeRuneInString(b)
	return !NoLineEndRune(last) && !NoLineStartRune(firstR)
}

// cutAt splits s after at most w half cells (at least one rune).
func cutAt(s string, w int) (string, string) {
	n := 0
	for i, r := range s {
		n += runeHalfCells(r)
		if n > w && i > 0 {
			return s[:i], s[i:]
		}
	}
	return s, ""
}
