package sqlite

import (
	"database/sql"
	"testing"

	"taizhang/data/sqlite/dbtest"
)

// What a test does to a database behind the program's back, written for the engine the
// suite runs on (dbtest): the statements a database tool would use.

// dropTriggerSQL drops trigger name of table.
func dropTriggerSQL(name, table string) string {
	if dbtest.OnPostgres() {
		return "DROP TRIGGER IF EXISTS " + name + " ON " + table
	}
	return "DROP TRIGGER IF EXISTS " + name
}

// setTriggerAside disables trigger name of table and returns the function putting it back.
func setTriggerAside(t *testing.T, conn *sql.DB, table, name string) func() {
	t.Helper()
	if dbtest.OnPostgres() {
		mustExec(t, conn, "ALTER TABLE "+table+" DISABLE TRIGGER "+name)
		return func() { mustExec(t, conn, "ALTER TABLE "+table+" ENABLE TRIGGER "+name) }
	}
	var create string
	docMust(t, conn.QueryRow("SELECT sql FROM sqlite_master WHERE name = ?", name).Scan(&create))
	mustExec(t, conn, "DROP TRIGGER "+name)
	return func() { mustExec(t, conn, create) }
}

// onFile reports whether the test's database is a file whose bytes it may read.
func onFile() bool { return !dbtest.OnPostgres() }
