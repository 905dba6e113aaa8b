//go:build unix

package sqlite

import (
	"os"

	"golang.org/x/sys/unix"
)

// openForLock opens the database file (creating it for a new office, readable by its owner
// only: it holds the residents' personal data) to hold the lock.
func openForLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}

// tryLock takes an exclusive advisory lock on f without waiting. flock locks the open file
// (the inode), whichever name reached it, and does not touch SQLite's own POSIX locks.
func tryLock(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if err == unix.EWOULDBLOCK {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }
