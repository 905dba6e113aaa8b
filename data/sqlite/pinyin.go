package sqlite

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.FirstLetter
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	return a
}()

// surnameReadings fixes surnames whose reading differs from the character's common one.
var surnameReadings = map[rune]string{'单': "s", '曾': "z", '解': "x", '仇': "q", '区': "o", '查': "z", '朴': "p", '尉': "y", '覃': "q", '翟': "z", '乐': "y", '缪': "m"}

// Initials returns the pinyin initials of a name: 张菊花 → zjh.
func Initials(name string) string {
	var b strings.Builder
	for i, r := range []rune(name) {
		if i == 0 {
			if s, ok := surnameReadings[r]; ok {
				b.WriteString(s)
				continue
			}
		}
		for _, p := range pinyin.SinglePinyin(r, pinyinArgs) {
			b.WriteString(p)
		}
	}
	return b.String()
}
