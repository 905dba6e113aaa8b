package data

import (
	"fmt"
	"sort"
	"unicode"
)

// Printable reports whether the program can draw r everywhere: on screen and in every PDF.
// The table (printable_table.go) is generated from the embedded fonts and checked against
// them by the reports package's tests.
func Printable(r rune) bool {
	i := sort.Search(len(printableRanges), func(i int) bool { return printableRanges[i][1] >= r })
	return i < len(printableRanges) && printableRanges[i][0] <= r
}

// StandardForm returns the character to suggest for a variant no face draws (𠮷 → 吉), from
// Unicode's Unihan database (Unihan_Variants.txt, 15.0: its kCompatibilityVariant,
// kSpoofingVariant, kZVariant or semantic variant that the fonts draw, in simplified form
// where Unihan gives one), "" when none is known.
func StandardForm(r rune) string {
	return standardForms[r]
}

// CheckPrintable returns an ErrInvalid error for field when s (what the clerk typed under
// label, e.g. 姓名) holds a character the program cannot print: the error names the
// character and its code, and the standard form to use where one is known. Spaces and
// invisible characters are left to the field's own rules.
func CheckPrintable(field, label, s string) error {
	for _, r := range s {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || Printable(r) {
			continue
		}
		msg := fmt.Sprintf("%s中的“%c”（U+%04X）本程序的字体没有，无法显示和打印", label, r, r)
		if std := StandardForm(r); std != "" {
			msg += fmt.Sprintf("：请核对后改用通用写法“%s”", std)
		} else {
			msg += "：请改用《通用规范汉字表》中的字，或用同音字并在备注中说明"
		}
		return Invalid(field, "%s。", msg)
	}
	return nil
}
