package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The office's database lives in the user's documents folder, never beside the program: the
// program folder (C:\Program Files\台账, /opt/apps/…) is not writable by the clerk, and an
// uninstall or upgrade must not touch the data.
const (
	dataFolder = "台账"
	dataFile   = "台账.db"
)

// DefaultDatabase is where a new office's database goes on this PC: 文档\台账\台账.db on
// Windows; on Linux the XDG documents folder's 台账/台账.db, or ~/台账/台账.db when the user
// has no documents folder.
func DefaultDatabase() string {
	home, _ := os.UserHomeDir()
	return filepath.Join(dataDir(home, documentsDir(), dirExists), dataFile)
}

// dataDir chooses the folder for the database: 台账 inside the documents folder when there is
// one; else 台账 in the home folder (or the working folder when even home is unknown).
func dataDir(home, documents string, exists func(string) bool) string {
	if documents != "" && exists(documents) {
		return filepath.Join(documents, dataFolder)
	}
	if home != "" {
		for _, d := range []string{"Documents", "文档"} {
			if p := filepath.Join(home, d); exists(p) {
				return filepath.Join(p, dataFolder)
			}
		}
		return filepath.Join(home, dataFolder)
	}
	return dataFolder
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// xdgDocuments reads the answer of `xdg-user-dir DOCUMENTS`: it prints the home folder itself
// when no documents folder is configured, which is no documents folder at all.
func xdgDocuments(out, home string) string {
	p := strings.TrimSpace(out)
	if p == "" || !filepath.IsAbs(p) || filepath.Clean(p) == filepath.Clean(home) {
		return ""
	}
	return p
}

// startConfig is what the program remembers between starts, in the user's config folder.
type startConfig struct {
	// Database is the database opened last; the next start opens it again.
	Database string `json:"database"`
}

// configPath is the file holding startConfig; configDir is replaced in tests.
var configDir = os.UserConfigDir

func configPath() (string, error) {
	dir, err := configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "taizhang", "start.json"), nil
}

// LastDatabase returns the database opened last, or "" when none is remembered.
func LastDatabase() string {
	p, err := configPath()
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	var c startConfig
	if json.Unmarshal(b, &c) != nil {
		return ""
	}
	return c.Database
}

// rememberDatabase records path as the database to open at the next start. The file is
// replaced whole (write, then rename), so a crash never leaves half a file.
func rememberDatabase(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	p, err := configPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(startConfig{Database: abs}, "", "  ")
	tmp := p + ".part"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// StartDatabase decides which database the window opens: the one given with --db; else the
// one opened last, when it still exists; else the default place. missing is the remembered
// database that could not be found, which the first page mentions.
func StartDatabase(given string) (path, missing string) {
	if given != "" {
		return given, ""
	}
	if last := LastDatabase(); last != "" {
		if _, err := os.Stat(last); err == nil {
			return last, ""
		} else if errors.Is(err, os.ErrNotExist) {
			missing = last
		}
	}
	return DefaultDatabase(), missing
}

// missingNote is the first page's sentence about a remembered database that is gone.
func missingNote(missing string) string {
	if missing == "" {
		return ""
	}
	return fmt.Sprintf("上次使用的数据文件“%s”找不到了（可能已被移动、改名，或所在的 U 盘、移动硬盘没有接上）。"+
		"如果文件还在，请选“打开已有数据文件”找到它。", missing)
}
