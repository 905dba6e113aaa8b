package sqlite

import (
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

// ftsMatch is the condition of an FTS5 table matching the one argument (a MATCH expression
// such as bigramMatch's): SQLite's full-text syntax.
func ftsMatch(table string) string { return table + " MATCH ?" }

// ftsIDs is the condition "col is the id of a row whose full-text entry matches": an FTS5
// table's rowid is the id of the row it indexes.
func ftsIDs(col, table string) string {
	return col + " IN (SELECT rowid FROM " + table + " WHERE " + ftsMatch(table) + ")"
}

// insertionOrder orders the rows of a link table (a service's residents and staff) as they
// were inserted: SQLite's rowid, which those tables have no other column for.
const insertionOrder = "rowid"
