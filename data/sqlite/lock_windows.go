//go:build windows

package sqlite

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset places the locked byte range far past the holder text written into the file, so
// the holder can still write it through the same handle and others can read it.
const lockOffset = 1 << 30

// tryLock takes an exclusive lock on a byte range of f without waiting.
func tryLock(f *os.File) (bool, error) {
	ol := &windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err == windows.ERROR_LOCK_VIOLATION || err == windows.ERROR_IO_PENDING {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) {
	ol := &windows.Overlapped{Offset: lockOffset}
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}
