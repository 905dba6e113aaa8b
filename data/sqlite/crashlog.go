package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CrashLogPath is the log of unexpected failures for the database at dbPath: a text file
// beside it (taizhang.db-日志.txt), or in the user's configuration folder when there is no
// database.
func CrashLogPath(dbPath string) string {
	if dbPath != "" {
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
