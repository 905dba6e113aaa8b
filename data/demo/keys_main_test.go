package demo

import (
	"os"
	"testing"

	"taizhang/data/sqlite"
)

// TestMain keeps the offices' audit keys of every test in a folder of its own.
func TestMain(m *testing.M) { os.Exit(sqlite.RunWithTempKeys(m)) }
