package reports

import "strings"

// MaskNumbers masks ID numbers and mobile numbers typed into free text, however they were
// written: 140202194403051234 → 1402**********1234, a 15-digit old ID number, 13835201234,
// 138-3520-1234, 138 3520 1234, +86 138 3520 1234, 8613835201234 and the same in full-width
// digits. The digits kept show where the number was (138****1234, separators kept); other
// numbers (dates, house numbers, landlines, order numbers) are left alone.
func MaskNumbers(s string) string {
	runes := []rune(s)
	digit := make([]byte, len(runes)) // the ASCII digit a rune stands for, or 0
	n := 0
	for i, r := range runes {
		switch {
		case r >= '0' && r <= '9':
			digit[i] = byte(r)
		case r >= '０' && r <= '９':
			digit[i] = byte('0' + r - '０')
		}
		if digit[i] != 0 {
			n++
		}
	}
	if n < 11 {
		return s
	}
	for _, g := range digitRuns(runes, digit) {
		maskRun(runes, digit, g)
	}
	return string(runes)
}

// group is one unbroken run of digits: runes [from, to), with an ID number's check
// character X after it when x.
type group struct {
	from, to int
	x        bool
}

func (g group) len() int { return g.to - g.from }

// digitRuns splits the text into runs of digit groups joined by single separators (a
// hyphen or a space, half- or full-width), each run a list of groups.
func digitRuns(runes []rune, digit []byte) [][]group {
	isSep := func(r rune) bool { return r == '-' || r == '－' || r == ' ' || r == '\u3000' || r == '—' }
	isX := func(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }
	var runs [][]group
	var cur []group
	for i := 0; i < len(runes); {
		if digit[i] == 0 {
			i++
			continue
		}
		j := i
		for j < len(runes) && digit[j] != 0 {
			j++
		}
		g := group{from: i, to: j}
		if j < len(runes) && isX(runes[j]) && (j+1 == len(runes) || !isLetter(runes[j+1])) {
			g.x = true
		}
		// Joined to the group before by exactly one separator?
		if len(cur) > 0 && !cur[len(cur)-1].x && cur[len(cur)-1].to+1 == i && isSep(runes[i-1]) {
			cur = append(cur, g)
		} else {
			if len(cur) > 0 {
				runs = append(runs, cur)
			}
			cur = []group{g}
		}
		i = j
		if g.x {
			i = j + 1
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// numberShapes are the ways an ID or mobile number is written, as the lengths of its digit
// groups; kind says what it is. Longer shapes are tried first.
var numberShapes = []struct {
	lens []int
	kind string
}{
	{[]int{2, 3, 4, 4}, "phone86"}, // 86 138 3520 1234 (+86 …)
	{[]int{6, 8, 4}, "id"},         // 140202 19440305 1234
	{[]int{6, 8, 3}, "id"},         // 140202 19440305 123X
	{[]int{3, 4, 4}, "phone"},      // 138-3520-1234
	{[]int{18}, "id"},
	{[]int{17}, "id"}, // with the X after it
	{[]int{15}, "oldid"},
	{[]int{13}, "phone86"},
	{[]int{11}, "phone"},
}

// maskRun masks every ID or mobile number found among a run's groups, left to right.
func maskRun(runes []rune, digit []byte, run []group) {
	for i := 0; i < len(run); {
		matched := 0
		for _, sh := range numberShapes {
			if i+len(sh.lens) > len(run) {
				continue
			}
			ok := true
			for k, l := range sh.lens {
				g := run[i+k]
				if g.len() != l || (g.x && k != len(sh.lens)-1) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			gs := run[i : i+len(sh.lens)]
			var ds []int // rune positions of the digits, plus the X
			for _, g := range gs {
				for p := g.from; p < g.to; p++ {
					ds = append(ds, p)
				}
			}
			last := gs[len(gs)-1]
			if last.x {
				ds = append(ds, last.to)
			}
			digits := make([]byte, 0, len(ds))
			for _, p := range ds {
				if digit[p] != 0 {
					digits = append(digits, digit[p])
				} else {
					digits = append(digits, 'X')
				}
			}
			keepHead, keepTail, hit := 0, 0, false
			switch sh.kind {
			case "id":
				if len(digits) == 18 && (last.x || len(ds) == 18) && last.x == (digits[17] == 'X') {
					keepHead, keepTail, hit = 4, 4, true
				}
			case "oldid":
				if !last.x && oldIDDate(string(digits)) {
					keepHead, keepTail, hit = 4, 3, true
				}
			case "phone":
				if !last.x && mobile(string(digits)) {
					keepHead, keepTail, hit = 3, 4, true
				}
			case "phone86":
				if !last.x && strings.HasPrefix(string(digits), "86") && mobile(string(digits[2:])) {
					keepHead, keepTail, hit = 5, 4, true
				}
			}
			if !hit {
				continue
			}
			for k, p := range ds {
				if k >= keepHead && k < len(ds)-keepTail {
					runes[p] = '*'
				}
			}
			matched = len(sh.lens)
			break
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
}

// mobile reports whether d is an 11-digit mainland mobile number (1[3-9]…).
func mobile(d string) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// oldIDDate reports whether 15 digits can be a first-generation ID number: an area code
// from 1 to 8 and a real-looking yymmdd birth date, so that order numbers stay.
func oldIDDate(d string) bool {
	if len(d) != 15 || d[0] < '1' || d[0] > '8' {
		return false
	}
	m := (d[8]-'0')*10 + d[9] - '0'
	day := (d[10]-'0')*10 + d[11] - '0'
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}
