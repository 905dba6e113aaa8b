// Package dbtest gives each test that opens a store a location of its own: a file in the
// test's temporary folder, or, when TAIZHANG_TEST_ENGINE=postgres, a fresh schema of the
// PostgreSQL server named by TAIZHANG_TEST_POSTGRES, dropped when the test ends. The same
// suite so runs against both engines. It imports no package of taizhang, so the store's own
// internal tests can use it.
package dbtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to make and drop schemas
)

// EngineEnv chooses the engine of the suite ("postgres"; anything else: SQLite files);
// ServerEnv is the URL of the test server (a database the role may create schemas in).
const (
	EngineEnv = "TAIZHANG_TEST_ENGINE"
	ServerEnv = "TAIZHANG_TEST_POSTGRES"
)

// OnPostgres reports whether the suite runs against PostgreSQL.
func OnPostgres() bool { return os.Getenv(EngineEnv) == "postgres" }

// Location returns where a test's store lives: a path named name in t.TempDir(), or on
// PostgreSQL the URL of a fresh schema (the test fails when the server is not given).
func Location(t testing.TB, name string) string {
	t.Helper()
	if !OnPostgres() {
		return filepath.Join(t.TempDir(), name)
	}
	if os.Getenv(ServerEnv) == "" {
		t.Fatalf("%s=postgres needs %s (the test server's URL)", EngineEnv, ServerEnv)
	}
	return freshSchema(t)
}

// Postgres returns the URL of a fresh schema of the test server whatever the engine of the
// suite, or skips the test when no server is given.
func Postgres(t testing.TB) string {
	t.Helper()
	if os.Getenv(ServerEnv) == "" {
		t.Skipf("no PostgreSQL test server (%s is not set)", ServerEnv)
	}
	return freshSchema(t)
}

// FileOnly skips a test about the database file itself (locks, network shares, a killed
// writer, bulk files, VACUUM) when the suite runs on PostgreSQL.
func FileOnly(t testing.TB) {
	t.Helper()
	if OnPostgres() {
		t.Skip("about the SQLite file itself; not on PostgreSQL")
	}
}

// freshSchema makes a schema of its own for t and returns the server URL whose search path
// starts with it (public after it, for the extensions); the schema is dropped at cleanup.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(ServerEnv)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", ServerEnv, err)
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "tz_" + strings.ToLower(sanitize(t.Name())) + "_" + hex.EncodeToString(b)
	if len(schema) > 60 {
		schema = "tz_" + hex.EncodeToString(b) + "_" + strings.ToLower(sanitize(t.Name()))[:40]
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA "` + schema + `"`); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("drop test schema: %v", err)
			return
		}
		defer c.Close()
		if _, err := c.Exec(`DROP SCHEMA "` + schema + `" CASCADE`); err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
