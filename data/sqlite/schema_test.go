package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taizhang/data/sqlite/dbtest"
)

// The server's schema (migrations_pg) and the file's (migrations) must not drift apart: the
// same tables, the same columns of each, the same named indexes (unique and partial alike).
// What differs by design is listed here: SQLite's FTS5 tables are plain tables with a
// tsvector column (or, for names, a trigram index on residents), and the link tables keep
// their insertion order in a rowid column of their own.
func TestSchemasAgree(t *testing.T) {
	ctx := context.Background()
	file, err := Open(filepath.Join(t.TempDir(), "schema.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	server, err := Open(dbtest.Postgres(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()

	lite := schemaOf(t, ctx, file)
	pg := schemaOf(t, ctx, server)
	t.Logf("%d tables, %d named indexes", len(lite.columns), len(lite.indexes))
	if !slices.Equal(keys(lite.columns), keys(pg.columns)) {
		t.Errorf("tables differ:\n file:   %v\n server: %v", keys(lite.columns), keys(pg.columns))
	}
	for table, cols := range lite.columns {
		if other, ok := pg.columns[table]; ok && !slices.Equal(cols, other) {
			t.Errorf("columns of %s differ:\n file:   %v\n server: %v", table, cols, other)
		}
	}
	if !slices.Equal(lite.indexes, pg.indexes) {
		t.Errorf("indexes differ:\n file:   %v\n server: %v", lite.indexes, pg.indexes)
	}
	// The seeds and the Go steps of the migrations give a new office the same rows.
	for _, q := range []string{
		"SELECT kind || '|' || value || '|' || extra || '|' || sort || '|' || voided FROM catalog ORDER BY id",
		"SELECT day || '|' || off || '|' || name FROM work_calendar ORDER BY day",
		"SELECT key || '|' || prefix || '|' || start || '|' || start_year FROM doc_numbering ORDER BY key",
		"SELECT scope || '|' || version || '|' || text || '|' || bases FROM remedy_templates ORDER BY id",
		"SELECT action || '|' || table_name || '|' || record_id FROM audit_log ORDER BY id",
	} {
		a, b := queryStrings(t, ctx, file, q), queryStrings(t, ctx, server, q)
		if !slices.Equal(a, b) || len(a) == 0 && strings.Contains(q, "catalog") {
			t.Errorf("%s: the file has %d rows, the server %d, or they differ", q, len(a), len(b))
		}
	}
	if SchemaVersion() != newestPG(t) {
		t.Errorf("the file's schema is at version %d, the server's at %d: a migration lacks its pair", SchemaVersion(), newestPG(t))
	}
}

// Every SQLite migration after the server's one-step schema has its pair of the same number.
func TestMigrationsComeInPairs(t *testing.T) {
	lite, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	pg, err := pgMigrations()
	if err != nil || len(pg) == 0 {
		t.Fatalf("server migrations: %v", err)
	}
	pairs := map[int]bool{}
	for _, m := range pg {
		pairs[m.version] = true
	}
	for _, m := range lite {
		if m.version > pg[0].version && !pairs[m.version] {
			t.Errorf("migrations/%s has no pair in migrations_pg", m.name)
		}
	}
	for _, m := range pg[1:] {
		if m.version > SchemaVersion() {
			t.Errorf("migrations_pg/%s has no SQLite migration of its number", m.name)
		}
	}
}

type schemaShape struct {
	columns map[string][]string // table → sorted column names
	indexes []string            // "table.name unique partial", sorted
}

// searchIndexes are the server's indexes standing for FTS5 tables.
var searchIndexes = map[string]bool{"residents_fts": true, "issues_fts_tsv": true, "resident_numbers_tsv": true}

func schemaOf(t *testing.T, ctx context.Context, db *DB) schemaShape {
	t.Helper()
	s := schemaShape{columns: map[string][]string{}}
	var tq, cq, iq string
	if db.pg {
		tq = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
		cq = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
		iq = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
	} else {
		// FTS5 tables are virtual, their shadow tables are FTS5's own.
		tq = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
			AND name NOT LIKE '%_fts_%' AND name NOT LIKE 'resident_numbers_%'`
		cq = "SELECT name FROM pragma_table_info(?)"
		iq = "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
	}
	for _, table := range queryStrings(t, ctx, db, tq) {
		if table == "residents_fts" {
			continue // the server searches names on residents (searchIndexes)
		}
		var cols []string
		for _, c := range queryStrings(t, ctx, db, cq, table) {
			if db.pg && (c == "rowid" || c == "tsv") {
				continue
			}
			cols = append(cols, c)
		}
		if (table == "issues_fts" || table == "resident_numbers") && !db.pg {
			cols = []string{"terms"}
		} else if table == "issues_fts" || table == "resident_numbers" {
			cols = slices.DeleteFunc(cols, func(c string) bool { return c != "terms" })
		}
		slices.Sort(cols)
		s.columns[table] = cols
	}
	rows, err := db.db.QueryContext(ctx, iq)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, name, def string
		if err := rows.Scan(&table, &name, &def); err != nil {
			t.Fatal(err)
		}
		if db.pg && (strings.HasSuffix(name, "_pkey") || strings.HasSuffix(name, "_key") || searchIndexes[name]) {
			continue // constraints' own indexes (SQLite's are unnamed), and search
		}
		up := strings.ToUpper(def)
		s.indexes = append(s.indexes, table+"."+name+" unique="+boolStr(strings.Contains(up, "CREATE UNIQUE"))+
			" partial="+boolStr(strings.Contains(up, " WHERE ")))
	}
	slices.Sort(s.indexes)
	return s
}

func queryStrings(t *testing.T, ctx context.Context, db *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func keys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func boolStr(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func newestPG(t *testing.T) int {
	ms, err := pgMigrations()
	if err != nil || len(ms) == 0 {
		t.Fatalf("server migrations: %v", err)
	}
	return ms[len(ms)-1].version
}
