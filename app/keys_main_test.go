package app

import (
	"os"
	"testing"

	"taizhang/data/sqlite"
)

// TestMain keeps the offices' audit keys of every test in a folder of its own, never in the
// user's profile.
func TestMain(m *testing.M) {
	if os.Getenv(sqlite.KeyDirEnv) != "" { // a child process of a test: its parent's folder
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "taizhang-keys-")
	if err != nil {
		panic(err)
	}
	os.Setenv(sqlite.KeyDirEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
