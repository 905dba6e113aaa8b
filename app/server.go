package app

import (
	"errors"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// An office that outgrows one PC keeps its ledger on the office's PostgreSQL server (issue
// 15); the window and every subcommand take its URL where they take a file. This file holds
// what the program does with such a URL: telling it from a path, masking its password in
// anything shown or logged, naming it in the title, and building it from a saved connection.

var (
	// postgres://user:secret@host → postgres://user:***@host
	urlPassword = regexp.MustCompile(`(?i)(postgres(?:ql)?:/+[^:/@\s]*):[^@\s]*@`)
	// ?password=secret or &password=secret in a URL's query
	queryPassword = regexp.MustCompile(`(?i)([?&]password=)[^&\s]*`)
)

// MaskURL returns s with the password of every server URL in it replaced by ***: messages,
// log lines and command lines are shown or written only through it.
func MaskURL(s string) string {
	if !strings.Contains(strings.ToLower(s), "postgres") {
		return s
	}
	s = urlPassword.ReplaceAllString(s, "$1:***@")
	return queryPassword.ReplaceAllString(s, "${1}***")
}

// MaskErr is err for the log: its message and the detail behind it with every server URL's
// password masked (a driver's error may quote the URL it was given).
func MaskErr(err error) error {
	detail := data.Detail(err)
	if detail == nil {
		return err
	}
	e := &data.Error{Kind: data.ErrInvalid, Message: MaskURL(data.Message(err)), Err: errors.New(MaskURL(detail.Error()))}
	var de *data.Error
	if errors.As(err, &de) {
		e.Kind, e.Field = de.Kind, de.Field
	}
	return e
}

// LogTarget is where the log of unexpected failures for loc goes, as sqlite.LogError and
// sqlite.LogCrash take it: beside a database file, or ("") in the user's configuration
// folder for a server, which has no folder of ours.
func LogTarget(loc string) string {
	if sqlite.IsServerURL(loc) {
		return ""
	}
	return loc
}

// SSL modes offered for a saved connection, as libpq and pgx spell them.
const (
	sslVerifyFull = "verify-full"
	sslRequire    = "require"
	sslDisable    = "disable"
)

// ServerConn is a saved connection to the office's server (连接单位服务器), kept in the
// program's settings on this PC. The password is never kept in the clear: Sealed holds it
// sealed by the operating system where it can (Windows DPAPI, seal_windows.go), and is empty
// elsewhere, where the window asks for it once per start.
type ServerConn struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
	// SSLMode is verify-full (the default: encrypted, and the server proven by CAFile),
	// require (encrypted, the server not proven) or disable.
	SSLMode string `json:"sslmode"`
	// CAFile is the certificate of the authority that signed the server's certificate,
	// for verify-full.
	CAFile string `json:"ca_file,omitempty"`
	// Schema is the office's schema when one database holds several offices ("" for the
	// user's default, public).
	Schema string `json:"schema,omitempty"`
	// Sealed is the password sealed for this Windows account (DPAPI); nil elsewhere.
	Sealed []byte `json:"sealed_password,omitempty"`
}

// defaultPort is PostgreSQL's port.
const defaultPort = 5432

// URL is the connection's postgres:// URL with password (which may be "": pgx then also
// reads PGPASSWORD and the user's .pgpass).
func (c ServerConn) URL(password string) string {
	port := c.Port
	if port == 0 {
		port = defaultPort
	}
	u := url.URL{Scheme: "postgres", Host: net.JoinHostPort(strings.TrimSpace(c.Host), strconv.Itoa(port)),
		Path: "/" + strings.TrimSpace(c.Database)}
	if password != "" {
		u.User = url.UserPassword(strings.TrimSpace(c.User), password)
	} else {
		u.User = url.User(strings.TrimSpace(c.User))
	}
	q := url.Values{}
	mode := c.SSLMode
	if mode == "" {
		mode = sslVerifyFull
	}
	q.Set("sslmode", mode)
	if mode == sslVerifyFull && strings.TrimSpace(c.CAFile) != "" {
		q.Set("sslrootcert", strings.TrimSpace(c.CAFile))
	}
	if schema := strings.TrimSpace(c.Schema); schema != "" {
		q.Set("search_path", schema+",public") // public after it, for the extensions
	}
	// A server that does not answer is reported after 10 seconds, not waited for forever.
	q.Set("connect_timeout", "10")
	u.RawQuery = q.Encode()
	return u.String()
}

// Name is 单位服务器 host/dbname.
func (c ServerConn) Name() string { return sqlite.LocationName(c.URL("")) }

// ConnFromURL reads a saved connection's fields back from a URL (its password left out).
func ConnFromURL(loc string) (ServerConn, bool) {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil || !sqlite.IsServerURL(loc) {
		return ServerConn{}, false
	}
	c := ServerConn{Host: u.Hostname(), Database: strings.TrimPrefix(u.Path, "/"), SSLMode: u.Query().Get("sslmode"),
		CAFile: u.Query().Get("sslrootcert")}
	if u.User != nil {
		c.User = u.User.Username()
	}
	if sp := u.Query().Get("search_path"); sp != "" {
		c.Schema, _, _ = strings.Cut(sp, ",")
		c.Schema = strings.TrimSpace(c.Schema)
	}
	if p, err := strconv.Atoi(u.Port()); err == nil {
		c.Port = p
	}
	return c, true
}
