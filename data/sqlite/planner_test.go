package sqlite

import "testing"

// The connection's rebinding of ? to $n leaves quoted text, quoted names and comments alone.
func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{`SELECT '?', "?" FROM t WHERE a LIKE ? ESCAPE '\' AND b = ?`, `SELECT '?', "?" FROM t WHERE a LIKE $1 ESCAPE '\' AND b = $2`},
		{"SELECT 'it''s ?', ? -- why?\nFROM t WHERE c = ?", "SELECT 'it''s ?', $1 -- why?\nFROM t WHERE c = $2"},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The store's FTS5 expressions become tsqueries with the same meaning: a phrase's terms
// consecutive, a starred word a prefix, AND, OR and groups as written.
func TestTsquery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"路灯 灯不 不亮"`, `('路灯' <-> '灯不' <-> '不亮')`},
		{`"路灯 灯坏" AND "井"*`, `('路灯' <-> '灯坏') & ('井':*)`},
		{`"t1 t2" OR (a AND b) OR (c AND d)`, `('t1' <-> 't2') | ('a' & 'b') | ('c' & 'd')`},
		{`"o'neil ""x"""`, `('o''neil' <-> '"x"')`},
	} {
		if got := tsquery(c.in); got != c.want {
			t.Errorf("tsquery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
