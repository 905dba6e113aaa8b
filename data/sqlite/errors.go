package sqlite

import (
	"errors"

	"taizhang/data"

	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The driver's failures are told apart by their result codes (sqlite.org/rescode.html), not
// by the text of their messages.

// resultCode is the extended result code of a driver error, 0 for any other error.
func resultCode(err error) int {
	var e *driver.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// primaryCode is the primary result code: the low byte of the extended one.
func primaryCode(err error) int { return resultCode(err) & 0xff }

// isUniqueViolation reports a UNIQUE or PRIMARY KEY constraint failure.
func isUniqueViolation(err error) bool {
	if pgCode(err) == "23505" { // unique_violation
		return true
	}
	c := resultCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// isTriggerAbort reports a statement refused by a trigger's RAISE(ABORT, …): the freeze
// triggers of signed documents (migration 0004).
// On PostgreSQL the same triggers are plpgsql functions raising the same text
// (raise_exception, P0001).
func isTriggerAbort(err error) bool {
	return resultCode(err) == sqlite3.SQLITE_CONSTRAINT_TRIGGER || pgCode(err) == "P0001"
}

// busy turns SQLITE_BUSY and friends into a message a clerk can act on.
func busy(err error) error {
	switch pgCode(err) {
	case "40001", "40P01", "55P03": // serialization failure, deadlock, lock not available
		return &data.Error{Kind: data.ErrConflict, Message: "数据库正忙（另一台电脑正在写入），请稍后再试", Err: err}
	case "53100":
		return &data.Error{Kind: data.ErrInvalid, Message: "数据库服务器磁盘空间已满，未能保存。请联系服务器管理员", Err: err}
	case "25006", "42501": // read-only transaction, insufficient privilege
		return &data.Error{Kind: data.ErrForbidden, Message: "数据库服务器拒绝写入（只读或权限不足），未能保存。请联系服务器管理员", Err: err}
	}
	switch primaryCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &data.Error{Kind: data.ErrConflict, Message: "数据库正忙（另一项操作正在写入），请稍后再试", Err: err}
	case sqlite3.SQLITE_FULL:
		return &data.Error{Kind: data.ErrInvalid, Message: "磁盘空间已满，未能保存。请清理磁盘后重试", Err: err}
	case sqlite3.SQLITE_READONLY:
		return &data.Error{Kind: data.ErrForbidden, Message: "数据库文件只读，无法保存。请检查文件权限", Err: err}
	}
	return err
}
