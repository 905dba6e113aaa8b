package sqlite

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"taizhang/data"
)

// A database built in one go (the demo office) is made under a temporary name beside its
// final place and renamed into place only when whole. The temporary files of a killed build,
// and the ".part" files of killed backups, are cleared away by the next build or automatic
// backup in the same folder.

const tempDBPrefix = ".taizhang-building-"

// staleAfter is how old an unlocked temporary file must be before it is taken for a killed
// process's: no backup or build of an office takes that long.
const staleAfter = time.Hour

// TempDatabase returns a new temporary name beside final, after clearing away the leftovers
// of killed builds there.
func TempDatabase(final string) (string, error) {
	dir := filepath.Dir(final)
	clearStale(dir, func(name string) bool { return strings.HasPrefix(name, tempDBPrefix) })
	f, err := os.CreateTemp(dir, tempDBPrefix+"*.db")
	if err != nil {
		return "", &data.Error{Kind: data.ErrInvalid, Message: "无法在“" + dir + "”中创建文件，请检查该文件夹是否存在、是否有写入权限", Err: err}
	}
	name := f.Name()
	f.Close()
	// Open makes a new office only in a file that does not exist yet.
	os.Remove(name)
	return name, nil
}

// PlaceDatabase renames a finished, closed database into place.
func PlaceDatabase(tmp, final string) error {
	if err := os.Rename(tmp, final); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: "无法写入“" + final + "”，请检查该文件夹的写入权限", Err: err}
	}
	fsyncDir(filepath.Dir(final))
	return nil
}

// RemoveDatabase removes a database file with its WAL, shared-memory and holder files.
func RemoveDatabase(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(path + suffix)
	}
}

// clearStale removes the files of dir that match and were last written more than staleAfter
// ago and that no process holds locked.
func clearStale(dir string, match func(name string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() || !match(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < staleAfter {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			ok, _ := tryLock(f)
			if ok {
				unlock(f)
			}
			f.Close()
			if !ok {
				continue // a running build
			}
		}
		os.Remove(p)
	}
}
