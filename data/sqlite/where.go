package sqlite

import (
	"strings"

	"taizhang/data"
)

// where collects the conditions and arguments of a list's WHERE clause, so each list states
// only which columns its filter narrows.
type where struct {
	conds []string
	args  []any
}

// add appends a condition with its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// dateRange narrows col to [from, to], both ends included; a zero end is unbounded.
func (w *where) dateRange(col string, from, to data.Date) {
	if !from.IsZero() {
		w.add(col+" >= ?", from)
	}
	if !to.IsZero() {
		w.add(col+" <= ?", to)
	}
}

// equal narrows col to v when set (the filter's field was chosen).
func (w *where) equal(col string, v any, set bool) {
	if set {
		w.add(col+" = ?", v)
	}
}

// sql is the clause, " WHERE …", and its arguments.
func (w *where) sql() (string, []any) {
	return " WHERE " + strings.Join(w.conds, " AND "), w.args
}
