package sqlite

import (
	"database/sql/driver"
	"strings"
	"unicode"

	"modernc.org/sqlite"
)

// Chinese has no spaces, so the full-text index of issue descriptions stores overlapping
// two-character terms ("路灯不亮" → 路灯 灯不 不亮 亮) in an ordinary unicode61 FTS5 table: a
// query of any length becomes a phrase of consecutive terms, so two-character words such as
// 路灯 or 井盖 are found through the index (a trigram index cannot find them).
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("tz_bigrams", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return bigramTerms(s), nil
	})
	if err != nil {
		panic(err)
	}
}

// runs splits text into lower-case runs of letters and digits.
func runs(s string) [][]rune {
	var out [][]rune
	var cur []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// bigramTerms is the indexed form of a text: each run's two-character terms, then its last
// character alone so that one-character prefix queries find it too.
func bigramTerms(s string) string {
	var b strings.Builder
	for _, run := range runs(s) {
		for i := 0; i+1 < len(run); i++ {
			b.WriteRune(run[i])
			b.WriteRune(run[i+1])
			b.WriteByte(' ')
		}
		b.WriteRune(run[len(run)-1])
		b.WriteByte(' ')
	}
	return b.String()
}

// bigramMatch turns a user's query into an FTS5 expression over bigramTerms: every word must
// occur; a word of one character matches as a prefix. It returns "" when the query has no
// letters or digits.
func bigramMatch(q string) string {
	var parts []string
	for _, run := range runs(q) {
		if len(run) == 1 {
			parts = append(parts, `"`+string(run)+`"*`)
			continue
		}
		var terms []string
		for i := 0; i+1 < len(run); i++ {
			terms = append(terms, string(run[i:i+2]))
		}
		parts = append(parts, `"`+strings.Join(terms, " ")+`"`)
	}
	return strings.Join(parts, " AND ")
}
