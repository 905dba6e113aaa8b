package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"taizhang/data"
)

// CrashLogPath is the log of unexpected failures for the database at dbPath: a text file
// beside it (taizhang.db-日志.txt), or in the user's configuration folder when there is no
// database or it is on a server.
func CrashLogPath(dbPath string) string {
	if dbPath != "" && !IsServerURL(dbPath) {
		return dbPath + "-日志.txt"
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "taizhang-日志.txt"
	}
	return filepath.Join(dir, "taizhang", "taizhang-日志.txt")
}

// LogCrash appends a recovered panic to the log for dbPath: when, what was being done, the
// panic value and the stack. It returns the log's path. The log may name residents, so only
// its owner may read it.
func LogCrash(dbPath, what string, v any, stack []byte) (string, error) {
	path := CrashLogPath(dbPath)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return path, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return path, err
	}
	_, err = fmt.Fprintf(f, "==== %s 程序内部错误（%s）\n%v\n\n%s\n", time.Now().UTC().Format(time.RFC3339), what, v, stack)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, err
}

// LogError appends to the log for dbPath an error whose detail the clerk did not see
// (data.Detail): when, what was being done, the message shown and the detail. Errors that
// hide nothing are not logged. It returns the log's path and whether it wrote to it.
func LogError(dbPath, what string, err error) (string, bool) {
	detail := data.Detail(err)
	if detail == nil {
		return "", false
	}
	path := CrashLogPath(dbPath)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return path, false
	}
	f, ferr := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if ferr != nil {
		return path, false
	}
	_, werr := fmt.Fprintf(f, "==== %s 错误（%s）\n显示：%s\n详情：%v\n\n", time.Now().UTC().Format(time.RFC3339), what, data.Message(err), detail)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return path, werr == nil
}
