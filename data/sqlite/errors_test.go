package sqlite

import (
	"context"
	"errors"
	"taizhang/data/sqlite/dbtest"
	"testing"

	"taizhang/data"
)

// The driver's errors are classified by result code: a UNIQUE failure, a trigger's abort and
// a busy database each come out as what they are.
func TestErrorsByResultCode(t *testing.T) {
	dbtest.FileOnly(t)
	db, _ := newTestDB(t)
	ctx := context.Background()
	if _, err := db.db.ExecContext(ctx, "CREATE TABLE t (k TEXT UNIQUE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `CREATE TRIGGER t_frozen BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'frozen'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, "INSERT INTO t VALUES ('a')"); err != nil {
		t.Fatal(err)
	}
	_, err := db.db.ExecContext(ctx, "INSERT INTO t VALUES ('a')")
	if !isUniqueViolation(err) || isTriggerAbort(err) {
		t.Errorf("duplicate: got code %d (%v), want a unique violation", resultCode(err), err)
	}
	_, err = db.db.ExecContext(ctx, "UPDATE t SET k = 'b'")
	if !isTriggerAbort(err) || isUniqueViolation(err) {
		t.Errorf("trigger: got code %d (%v), want a trigger abort", resultCode(err), err)
	}
	if isUniqueViolation(errors.New("UNIQUE constraint failed")) {
		t.Error("a plain error with the words is not a driver's unique violation")
	}
	// A second connection holding the write lock makes BEGIN IMMEDIATE fail with SQLITE_BUSY.
	other, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	hold, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.ExecContext(ctx, "INSERT INTO t VALUES ('c')"); err != nil {
		t.Fatal(err)
	}
	_, err = other.ExecContext(ctx, "BEGIN IMMEDIATE")
	if err == nil {
		other.ExecContext(ctx, "ROLLBACK")
	}
	if got := busy(err); !errors.Is(got, data.ErrConflict) || data.Message(got) != "数据库正忙（另一项操作正在写入），请稍后再试" {
		t.Errorf("busy: got %v (code %d)", got, resultCode(err))
	}
}
