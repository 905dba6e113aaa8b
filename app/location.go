package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"taizhang/data/sqlite"
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
	// Database is the database file opened last; the next start opens it again unless the
	// office's server is in use.
	Database string `json:"database"`
	// Server is the saved connection to the office's server (连接单位服务器), if any;
	// UseServer says the window starts on it rather than on the file.
	Server    *ServerConn `json:"server,omitempty"`
	UseServer bool        `json:"use_server,omitempty"`
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

// readStartConfig reads what the program remembers; the zero value when nothing is.
func readStartConfig() startConfig {
	var c startConfig
	p, err := configPath()
	if err != nil {
		return c
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return c
	}
	if json.Unmarshal(b, &c) != nil {
		return startConfig{}
	}
	return c
}

// writeStartConfig replaces the remembered settings whole (write, then rename), so a crash
// never leaves half a file. It holds no password in the clear, only the owner reads it.
func writeStartConfig(c startConfig) error {
	p, err := configPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	tmp := p + ".part"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// LastDatabase returns the database file opened last, or "" when none is remembered.
func LastDatabase() string { return readStartConfig().Database }

// SavedServer returns the saved connection to the office's server and whether the window
// starts on it.
func SavedServer() (c ServerConn, use bool) {
	sc := readStartConfig()
	if sc.Server == nil {
		return ServerConn{}, false
	}
	return *sc.Server, sc.UseServer
}

// rememberDatabase records loc as the database to open at the next start: a file (the
// server connection, if any, is kept for 连接单位服务器 but no longer used), or a server
// URL (kept as a saved connection without its password in the clear: the password it
// carries is sealed where the system can, else one sealed earlier for the same connection
// stays).
func rememberDatabase(loc string) error {
	c := readStartConfig()
	if sqlite.IsServerURL(loc) {
		conn, _ := ConnFromURL(loc)
		if old := c.Server; old != nil && sameServer(*old, conn) {
			conn.Sealed = old.Sealed
		}
		if u, err := url.Parse(loc); canSeal && err == nil && u.User != nil {
			if pw, ok := u.User.Password(); ok && pw != "" {
				if sealed, err := sealPassword(pw); err == nil {
					conn.Sealed = sealed
				}
			}
		}
		c.Server, c.UseServer = &conn, true
		return writeStartConfig(c)
	}
	abs, err := filepath.Abs(loc)
	if err != nil {
		return err
	}
	c.Database, c.UseServer = abs, false
	return writeStartConfig(c)
}

// saveServer records conn as the office's server, sealing password where the system can
// (Windows); use says the window starts on it from now on. It reports whether the password
// was kept.
func saveServer(conn ServerConn, password string, use bool) (sealed bool, err error) {
	conn.Sealed = nil
	if canSeal && password != "" {
		if conn.Sealed, err = sealPassword(password); err != nil {
			conn.Sealed = nil // kept without it: the window asks at each start
		}
	}
	c := readStartConfig()
	c.Server, c.UseServer = &conn, use
	return conn.Sealed != nil, writeStartConfig(c)
}

// useFile makes the window start on the database file again (本机文件); the server
// connection stays saved for later.
func useFile() error {
	c := readStartConfig()
	c.UseServer = false
	return writeStartConfig(c)
}

// sameServer reports whether two connections reach the same database as the same user.
func sameServer(a, b ServerConn) bool {
	return a.URL("") == b.URL("")
}

// savedPassword is the sealed password of the saved connection for loc, "" when there is
// none (or it cannot be unsealed: another Windows account, another PC).
func savedPassword(loc string) string {
	conn, ok := ConnFromURL(loc)
	saved, _ := SavedServer()
	if !ok || saved.Sealed == nil || !sameServer(saved, conn) {
		return ""
	}
	pw, err := unsealPassword(saved.Sealed)
	if err != nil {
		return ""
	}
	return pw
}

// StartDatabase decides which database the window opens: the one given with --db; else the
// office's server when a saved connection is in use; else the file opened last, when it still exists; else the default place. missing is the remembered
// database that could not be found, which the first page mentions.
//
// A saved server connection in use is returned as its URL without the password, which the
// window unseals or asks for.
func StartDatabase(given string) (path, missing string) {
	if given != "" {
		return given, ""
	}
	if conn, use := SavedServer(); use {
		return conn.URL(""), ""
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
