package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
)

// An error's hidden detail goes to the log beside the database; a message that hides
// nothing is not logged.
func TestLogError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "taizhang.db")
	if _, ok := LogError(db, "保存", data.Invalid("name", "请填写姓名")); ok {
		t.Error("a plain message was logged")
	}
	cause := errors.New("write /x/taizhang.db: no space left on device")
	path, ok := LogError(db, "保存", &data.Error{Kind: data.ErrInvalid, Message: "磁盘空间已满，未能保存。请清理磁盘后重试", Err: cause})
	if !ok || path != db+"-日志.txt" {
		t.Fatalf("got %q, %v", path, ok)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"错误（保存）", "磁盘空间已满", "no space left on device"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("log lacks %q:\n%s", want, b)
		}
	}
}
