package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBreakLines(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		n    int
		want []string
	}{
		{"fits", "社会救助决定书", 28, []string{"社会救助决定书"}},
		{"plain break", "一二三四五六", 4, []string{"一二三四", "五六"}},
		{"comma moves the last character down", "一二三四，五六", 4, []string{"一二三", "四，五六"}},
		{"opening bracket never ends a line", "一二三（四）。五", 4, []string{"一二三", "（四）。", "五"}},
		{"closing marks stay together", "一二三四）。五", 4, []string{"一二三", "四）。五"}},
		{"opening bracket goes down", "一二三《四五》", 4, []string{"一二三", "《四五》"}},
		{"closing quote", "一二三“四”，五", 5, []string{"一二三", "“四”，五"}},
		{"digits count half", "共1234567890元", 8, []string{"共1234567890元"}},
		{"number not split", "金额为1,820.00元", 6, []string{"金额为", "1,820.00元"}},
		{"long number cut", "12345678901234567890", 4, []string{"12345678", "90123456", "7890"}},
		{"newline breaks", "一二\n三", 28, []string{"一二", "三"}},
		{"empty", "", 28, []string{""}},
		{"doubled dash kept", "一二三——四", 4, []string{"一二三", "——四"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := BreakLines(c.text, c.n)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("BreakLines(%q, %d) = %q, want %q", c.text, c.n, got, c.want)
			}
		})
	}
}

func TestCells(t *testing.T) {
	for s, want := range map[string]float64{"": 0, "国": 1, "1": 0.5, "〔2026〕": 4, "— 1 —": 3.5, "，": 1} {
		if got := Cells(s); got != want {
			t.Errorf("Cells(%q) = %v, want %v", s, got, want)
		}
	}
}

// checkLines asserts the invariants of BreakLines on text; strict also demands that no line
// starts or ends with a forbidden character.
func checkLines(t *testing.T, text string, n int, lines []string, strict bool) {
	t.Helper()
	if got := strings.Join(lines, ""); got != strings.ReplaceAll(text, "\n", "") {
		t.Fatalf("lines do not join back to the text:\n%q\n%q", got, text)
	}
	// hard[i]: the break after line i is a newline of the text, where anything may stand.
	hard := make([]bool, len(lines))
	pos := 0
	for i, l := range lines {
		pos += len(l)
		if pos < len(text) && text[pos] == '\n' {
			hard[i] = true
			pos++
		}
	}
	for i, l := range lines {
		if Cells(l) > float64(n) {
			t.Fatalf("line %d %q is %v cells, more than %d", i, l, Cells(l), n)
		}
		if !strict || i == len(lines)-1 || hard[i] {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(l)
		next, _ := utf8.DecodeRuneInString(lines[i+1])
		if NoLineEndRune(last) {
			t.Fatalf("line %d ends with %q: %q (text %q)", i, last, l, text)
		}
		if NoLineStartRune(next) {
			t.Fatalf("line %d starts with %q: %q (text %q)", i+1, next, lines[i+1], text)
		}
	}
}

// randomText draws text like a decision's: mostly 汉字, punctuation now and then, numbers.
func randomText(r *rand.Rand) string {
	han := []rune("社会救助决定本机关认为你家庭人均收入低于当地最低生活保障标准经调查核实")
	punct := []rune(NoLineStart + NoLineEnd)
	var b strings.Builder
	for range r.IntN(300) {
		switch x := r.IntN(100); {
		case x < 70:
			b.WriteRune(han[r.IntN(len(han))])
		case x < 85:
			b.WriteRune(punct[r.IntN(len(punct))])
		case x < 95:
			for range 1 + r.IntN(8) {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
		default:
			b.WriteString("《社会救助暂行办法》")
		}
	}
	return b.String()
}

func TestBreakLinesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		text := randomText(r)
		n := 10 + r.IntN(19)
		checkLines(t, text, n, BreakLines(text, n), true)
	}
}

func FuzzBreakLines(f *testing.F) {
	f.Add("你（户）于2026年5月6日提出最低生活保障申请。", 28)
	f.Add("，，，，，，（（（（（", 3)
	f.Add("1234567890123456789012345678901234567890", 5)
	f.Fuzz(func(t *testing.T, text string, n int) {
		if !utf8.ValidString(text) || n < 1 || n > 60 || strings.ContainsFunc(text, func(r rune) bool { return r < 0x20 && r != '\n' }) {
			return
		}
		lines := BreakLines(text, n)
		// The rules can always be kept unless punctuation or an unbreakable number fills a
		// whole line: only then is a forbidden break allowed.
		strict := n >= 8 && !hasRun(text, n/2)
		checkLines(t, text, n, lines, strict)
	})
}

// hasRun reports whether text has more than k consecutive forbidden characters or Latin
// word characters in a row.
func hasRun(text string, k int) bool {
	run := 0
	for _, r := range text {
		if NoLineStartRune(r) || NoLineEndRune(r) || wordRune(r) || halfWidth(r) || r == '—' || r == '…' {
			run++
			if run > k {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
