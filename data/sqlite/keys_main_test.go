package sqlite

import (
	"os"
	"testing"
)

// TestMain keeps the offices' audit keys of every test in a folder of its own.
func TestMain(m *testing.M) { os.Exit(RunWithTempKeys(m)) }
