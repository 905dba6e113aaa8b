package sqlite

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// What is SQLite's own in the store's queries, kept here so a second database (PostgreSQL)
// has one file to answer: the connection's pragmas, the unary + that steers the planner,
// the FTS5 full-text match and rowid as insertion order. Everything else is plain SQL.

// dsn is the connection string of the modernc.org/sqlite driver. The pragmas run on every
// pooled connection (a PRAGMA through db.Exec would reach one only).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// busy_timeout first so the later pragmas wait instead of failing.
	q.Add("_pragma", "busy_timeout(5000)")
	if !readOnly {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Deleted and overwritten content is zeroed, so no earlier form of a value (a number
	// from before its encryption, say) lingers in free space of the file or its backups.
	q.Add("_pragma", "secure_delete(1)")
	// A 64 MB page cache per connection keeps the indexes of a large office in memory.
	q.Add("_pragma", "cache_size(-65536)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Set("mode", "ro")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// manyIssues is the result size above which a page is read in the sort index's order.
var manyIssues = 2000

// unindexed rewrites a WHERE clause over "i." so that no index can serve its conditions:
// SQLite's unary + on a column keeps the value and drops the index.
func unindexed(where string) string {
	return strings.ReplaceAll(where, "i.", "+i.")
}

// unindexedCol is the prefix of columns no index may serve: "+col" on SQLite; PostgreSQL's
// planner weighs its statistics and has no such hint (nor a unary + on text).
func unindexedCol(pg bool, col string) string {
	if pg {
		return col
	}
	return "+" + col
}

// ftsMatch is the condition of a full-text table matching m, an FTS5 expression such as
// bigramMatch's, and its arguments. On SQLite, FTS5's own MATCH; on PostgreSQL the table holds
// the same terms and a tsvector of them (tz_tsvector), and m is translated into a tsquery.
func ftsMatch(pg bool, table, m string) (string, []any) {
	if pg {
		return "tsv @@ ?::tsquery", []any{tsquery(m)}
	}
	return table + " MATCH ?", []any{m}
}

// ftsIDs is the condition "col is the id of a row whose full-text entry matches m": an FTS5
// table's rowid is the id of the row it indexes (the PostgreSQL tables keep the name).
// residents_fts, the trigram index of names and initials, matches a phrase (the query,
// lower case, quoted) anywhere in either; on PostgreSQL that is a LIKE of each through the
// trigram index of residents.
func ftsIDs(pg bool, col, table, m string) (string, []any) {
	if pg && table == "residents_fts" {
		q := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(m, `"`), `"`), `""`, `"`)
		like := "%" + likeEscape(q) + "%"
		return col + ` IN (SELECT id FROM residents WHERE lower(name) LIKE ? ESCAPE '\' OR lower(initials) LIKE ? ESCAPE '\')`, []any{like, like}
	}
	c, a := ftsMatch(pg, table, m)
	return col + " IN (SELECT rowid FROM " + table + " WHERE " + c + ")", a
}

// prefixCond matches a short query (one or two characters) at the start of a resident's name
// or initials, case as written: GLOB on SQLite, LIKE on PostgreSQL (both case-sensitive).
func prefixCond(pg bool, q string) (string, []any) {
	if pg {
		like := likeEscape(q) + "%"
		return `(r.name LIKE ? ESCAPE '\' OR r.initials LIKE ? ESCAPE '\')`, []any{like, like}
	}
	glob := globEscape(q) + "*"
	return "(r.name GLOB ? OR r.initials GLOB ?)", []any{glob, glob}
}

func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '*', '?', '[', ']':
			b.WriteString("[" + string(r) + "]")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tsquery translates the FTS5 expressions the store writes (quoted phrases, a quoted word with
// * for a prefix, bare terms, AND, OR and parentheses) into PostgreSQL's tsquery syntax over
// the same terms: a phrase's terms must follow one another (<->), as in FTS5. Lexemes are
// quoted, so no text search configuration (nor the server's locale) reads them.
func tsquery(m string) string {
	var b strings.Builder
	for i := 0; i < len(m); {
		switch c := m[i]; {
		case c == ' ':
			i++
		case c == '(' || c == ')':
			b.WriteByte(c)
			i++
		case c == '"':
			j := i + 1
			var phrase strings.Builder
			for j < len(m) {
				if m[j] == '"' {
					if j+1 < len(m) && m[j+1] == '"' {
						phrase.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				phrase.WriteByte(m[j])
				j++
			}
			i = j + 1
			prefix := i < len(m) && m[i] == '*'
			if prefix {
				i++
			}
			terms := strings.Fields(phrase.String())
			b.WriteByte('(')
			for k, t := range terms {
				if k > 0 {
					b.WriteString(" <-> ")
				}
				b.WriteString(tsLexeme(t))
				if prefix && k == len(terms)-1 {
					b.WriteString(":*")
				}
			}
			b.WriteByte(')')
		default:
			j := i
			for j < len(m) && m[j] != ' ' && m[j] != '(' && m[j] != ')' {
				j++
			}
			switch w := m[i:j]; w {
			case "AND":
				b.WriteString(" & ")
			case "OR":
				b.WriteString(" | ")
			case "NOT":
				b.WriteString(" & !")
			default:
				b.WriteString(tsLexeme(w))
			}
			i = j
		}
	}
	return b.String()
}

// tsLexeme quotes one term for tsquery's input syntax.
func tsLexeme(t string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), "'", "''") + "'"
}

// indexIssue writes an issue's full-text terms on PostgreSQL, where no SQL function computes
// them (on SQLite the triggers of migration 0005 call tz_bigrams).
func (tx *Tx) indexIssue(id int64, description, address string) error {
	if !tx.db.pg {
		return nil
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO issues_fts (rowid, terms) VALUES (?, ?)
		ON CONFLICT (rowid) DO UPDATE SET terms = excluded.terms`, id, bigramTerms(description+" "+address))
	return err
}

// syncID moves a PostgreSQL identity past the ids a bulk insert gave its rows itself, so that
// rows inserted without one get the next free id (SQLite's INTEGER PRIMARY KEY does so alone).
func (tx *Tx) syncID(table string) error {
	if !tx.db.pg {
		return nil
	}
	_, err := tx.ExecContext(tx.ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), (SELECT MAX(id) FROM "+table+"))")
	return err
}

// insertionOrder orders the rows of a link table (a service's residents and staff) as they
// were inserted: SQLite's rowid, which those tables have no other column for (on PostgreSQL
// an identity column of the same name).
const insertionOrder = "rowid"

// setAsideTrigger disables trigger name of table for the rest of the transaction and returns
// the function that puts it back as it was: SQLite drops it and runs its CREATE again;
// PostgreSQL disables and enables it (ALTER TABLE, transactional). Nothing outside the
// transaction ever sees it missing.
func (tx *Tx) setAsideTrigger(table, name string) (restore func() error, err error) {
	if tx.db.pg {
		if _, err := tx.ExecContext(tx.ctx, "ALTER TABLE "+table+" DISABLE TRIGGER "+name); err != nil {
			return nil, err
		}
		return func() error {
			_, err := tx.ExecContext(tx.ctx, "ALTER TABLE "+table+" ENABLE TRIGGER "+name)
			return err
		}, nil
	}
	var create string
	if err := tx.QueryRowContext(tx.ctx, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", name).Scan(&create); err != nil {
		return nil, fmt.Errorf("read trigger %s: %w", name, err)
	}
	if _, err := tx.ExecContext(tx.ctx, "DROP TRIGGER "+name); err != nil {
		return nil, err
	}
	return func() error {
		_, err := tx.ExecContext(tx.ctx, create)
		return err
	}, nil
}

// groupConcat is the aggregate joining a group's values with commas.
func groupConcat(pg bool, expr string) string {
	if pg {
		return "string_agg((" + expr + ")::text, ',')"
	}
	return "group_concat(" + expr + ")"
}

// orderBy is an ORDER BY list in SQLite's order on either engine: SQLite sorts NULL first
// ascending and last descending, PostgreSQL the other way, so on PostgreSQL each term says
// so; rows equal in every term follow the table's id (SQLite's scan order of such ties).
func orderBy(pg bool, order, idCol string) string {
	if !pg {
		return order
	}
	terms := strings.Split(order, ",")
	for i, t := range terms {
		t = strings.TrimSpace(t)
		up := strings.ToUpper(t)
		switch {
		case strings.Contains(up, " NULLS "):
		case strings.HasSuffix(up, " DESC"):
			t += " NULLS LAST"
		default:
			t += " NULLS FIRST"
		}
		terms[i] = t
	}
	out := strings.Join(terms, ", ")
	if idCol != "" && !strings.Contains(order, idCol) {
		out += ", " + idCol
	}
	return out
}

// likeOp is SQLite's LIKE, which ignores the case of ASCII letters: ILIKE on PostgreSQL
// (whose LIKE minds case). Chinese has no case, so the two agree on an office's text.
func likeOp(pg bool) string {
	if pg {
		return "ILIKE"
	}
	return "LIKE"
}
