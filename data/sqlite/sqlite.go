// Package sqlite is the store: one SQLite file, or one PostgreSQL database of the office's
// server (postgres.go), holding every ledger, the audit log and the attachments. Open it
// once; every user action is one transaction.
//
// What is SQLite's own (pragmas, VACUUM INTO, FTS5, WAL) lives in this file, backup.go and the
// search migration; what the server needs differently lives in postgres.go and planner.go,
// its schema in migrations_pg; the rest is plain SQL both engines share.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"taizhang/data"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// AppID marks a database as Taizhang's (PRAGMA application_id; "TZ" in ASCII).
const AppID = 0x545A0001

// DB is an open Taizhang database.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
	pg       bool // a PostgreSQL server (postgres.go), not a file
	bulk     bool // built in one go into a new file: no fsync until Close (Options.Bulk)
	// deferred are the CREATE statements of the secondary indexes a bulk build drops while
	// it writes, made again in one pass each by Analyze or Close (deferIndexes).
	deferred []string
	lockFile *os.File

	// Now is the clock; tests replace it. Timestamps are stored in UTC.
	Now func() time.Time
	// BcryptCost is the cost of new password hashes; tests lower it.
	BcryptCost int

	// officeID names the office's audit key, which is kept outside the file (auditkey.go);
	// auditKey is nil until the office has one, and on a computer without it.
	officeID string
	auditKey []byte

	// keys holds the office's data key from an account's log-in to its log-out (crypt.go).
	keys keyHolder
	// compactPending is set when a transaction sealed numbers that were in the clear: free
	// space of the file may still hold them, so the file is rewritten after the commit.
	compactPending atomic.Bool
	// retried counts the transactions run again after a serialisation failure or deadlock
	// on a server (WriteRetries).
	retried atomic.Int64

	dummyOnce sync.Once // dummyHash
	dummy     []byte

	render   data.Renderer             // nil: documents cannot be rendered
	embedded func() [2]data.FontChoice // the SHA-256 of the renderer's own faces, once
}

// Options changes how Open behaves.
type Options struct {
	// ReadOnly opens without the writer lock, for commands that only read (backup, check,
	// export, stats, print); they work beside a running app.
	ReadOnly bool
	// MustExist refuses to create a new file.
	MustExist bool
	// Renderer writes the PDFs of documents and receipts (reports.Renderer). Without one,
	// signing, printing a document made without its PDF and receipts fail.
	Renderer data.Renderer
	// Bulk is for a database built in one go into a new file that is renamed into place only
	// when whole (the demo office, TempDatabase): SQLite does not fsync at each commit
	// (synchronous=OFF), and Close syncs the finished file once. A crash meanwhile can leave
	// the temporary file damaged, never the office; Open refuses Bulk for an existing file.
	Bulk bool
}

// Open opens (creating if allowed) the database at path, takes the one-writer lock, and runs
// the migrations. Errors are *data.Error with a Chinese message.
func Open(path string, opt Options) (*DB, error) {
	if IsServerURL(path) {
		return openServer(path, opt)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := newDB(abs, opt)
	st, statErr := os.Stat(abs)
	exists := statErr == nil
	if exists && st.IsDir() {
		return nil, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("“%s”是一个文件夹，不是数据库文件", path)}
	}
	if !exists && (opt.ReadOnly || opt.MustExist) {
		return nil, data.NotFound("找不到数据库文件“%s”", path)
	}
	if opt.Bulk && (exists || opt.ReadOnly) {
		return nil, fmt.Errorf("open %s: a bulk build needs a new file", path)
	}
	if !opt.ReadOnly {
		if fs := networkFilesystem(filepath.Dir(abs)); fs != "" {
			return nil, data.Invalid("db", "数据库不能放在网络共享（%s）上：多人同时写入会损坏数据。请把它放在本机磁盘上", fs)
		}
		// The lock first: a file in use is reported as such, whatever name reached it.
		if err := db.lock(); err != nil {
			return nil, err
		}
	}
	if exists {
		if err := checkHeader(abs); err != nil {
			db.unlock()
			return nil, err
		}
	}
	// Statement journals (each statement of a many-row transaction that fires a trigger opens
	// one) and sorts' scratch space are kept in memory, not in temporary files: they serve
	// only to undo one statement and are never needed after a crash.
	conn := dsn(abs, opt.ReadOnly) + "&_pragma=temp_store(MEMORY)"
	if opt.Bulk {
		// The later pragma wins: commits of the build are not synced one by one, and the
		// page cache is halved (32 MB a connection), the build's memory being bounded.
		conn += "&_pragma=synchronous(OFF)&_pragma=cache_size(-32768)"
	}
	db.db, err = sql.Open("sqlite", conn)
	if err != nil {
		db.unlock()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// A file this call created is taken away again when the office could not be set up in it.
	created := !exists
	fail := func(err error) (*DB, error) {
		db.Close()
		if created {
			os.Remove(abs)
			os.Remove(abs + "-wal")
			os.Remove(abs + "-shm")
		}
		return nil, err
	}
	if opt.ReadOnly {
		db.db.SetMaxOpenConns(4)
	} else {
		// One writer connection keeps SQLite's locking simple; reads share it briefly.
		db.db.SetMaxOpenConns(4)
	}
	if err := db.migrate(context.Background()); err != nil {
		return fail(err)
	}
	if err := db.loadAuditKey(context.Background()); err != nil {
		return fail(err)
	}
	if !opt.ReadOnly {
		if err := db.ensureAidRoster(context.Background()); err != nil {
			return fail(err)
		}
	}
	if opt.Bulk {
		if err := db.deferIndexes(context.Background()); err != nil {
			return fail(err)
		}
	}
	return db, nil
}

// newDB is the handle of an office at loc, not yet connected.
func newDB(loc string, opt Options) *DB {
	db := &DB{path: loc, readOnly: opt.ReadOnly, bulk: opt.Bulk, Now: time.Now, BcryptCost: 10, render: opt.Renderer}
	db.embedded = sync.OnceValue(func() [2]data.FontChoice {
		var f data.Fonts
		if db.render != nil {
			f = db.render.EmbeddedFonts()
		}
		return [2]data.FontChoice{{SHA256: sha256Hex(f.Body)}, {SHA256: sha256Hex(f.Title)}}
	})
	return db
}

// bulkTables are the tables a bulk build fills with the most rows (100,000 issues, 300,000
// services in the large demo), whose plain secondary indexes are built once at the end rather
// than kept up to date row by row. Unique indexes stay: they enforce rules while writing.
var bulkTables = []string{"issues", "services"}

// deferIndexes drops the plain secondary indexes of bulkTables for a bulk build, keeping
// their CREATE statements for restoreIndexes.
func (db *DB) deferIndexes(ctx context.Context) error {
	if db.pg {
		return nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (?, ?) ORDER BY name`, bulkTables[0], bulkTables[1])
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return err
		}
		names = append(names, name)
		db.deferred = append(db.deferred, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := db.db.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
			return fmt.Errorf("defer index %s: %w", n, err)
		}
	}
	return nil
}

// restoreIndexes makes the indexes deferIndexes dropped, each in one pass over its table.
func (db *DB) restoreIndexes(ctx context.Context) error {
	for len(db.deferred) > 0 {
		if _, err := db.db.ExecContext(ctx, db.deferred[0]); err != nil {
			return fmt.Errorf("restore index: %w", err)
		}
		db.deferred = db.deferred[1:]
	}
	return nil
}

// readOfficeKey reads the office's identifier and, when this computer has it, its key.
func (db *DB) readOfficeKey(ctx context.Context) error {
	err := db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&db.officeID)
	if err != nil && !isNoRows(err) {
		return notADatabase(db.path, err)
	}
	db.auditKey, err = readAuditKey(db.officeID)
	return err
}

// loadAuditKey finds the office's audit key. A writer refuses to go on without it: entries it
// wrote could not be signed, and the chain would no longer prove anything.
func (db *DB) loadAuditKey(ctx context.Context) error {
	if db.auditKey != nil {
		return nil // made by the migration just now
	}
	if err := db.readOfficeKey(ctx); err != nil {
		return err
	}
	if db.auditKey == nil && !db.readOnly {
		p, _ := keyPath(db.officeID)
		var sealed string
		if validOfficeID(db.officeID) && db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", keyAuditSealed).Scan(&sealed) == nil && sealed != "" {
			return nil // the office carries it: the first log-in here fetches it (auditkey_travel.go)
		}
		if !validOfficeID(db.officeID) {
			return data.Invalid("db", "“%s”中的单位标识缺失或被改动，找不到它的审计密钥，不能写入。请用“taizhang check”检查该数据库", db.name())
		}
		return data.Invalid("db", "本机没有“%s”所属单位的审计密钥（应在“%s”）。从另一台电脑搬来数据或连接单位服务器时，请把该单位的密钥文件一起复制到这里", db.name(), p)
	}
	return nil
}

// checkHeader refuses, before the driver sees it (and so before anything is written to it, not
// even the switch to WAL), a file that is not a Taizhang database: not SQLite, an empty file
// (only a file that does not exist yet becomes a new office), or an SQLite database of another
// program (its application id, bytes 68–71 of the header). A Taizhang file whose id is still
// in its WAL (a crash right after it was made) has a -wal file beside it and is left to migrate.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法打开“%s”，请检查文件是否存在、是否有读写权限", path), Err: err}
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	if n == 0 {
		return data.Invalid("db", "“%s”是空文件，不是台账数据库。新建单位请选一个还不存在的文件名", filepath.Base(path))
	}
	if n < 16 || !bytes.Equal(head[:16], []byte("SQLite format 3\x00")) {
		return data.Invalid("db", "“%s”不是台账数据库文件（文件内容不是 SQLite 数据库）", filepath.Base(path))
	}
	if n == 100 && binary.BigEndian.Uint32(head[68:72]) != AppID {
		if _, err := os.Stat(path + "-wal"); err != nil {
			return data.Invalid("db", "“%s”是一个 SQLite 数据库，但不是台账的数据库", filepath.Base(path))
		}
	}
	return nil
}

// Analyze gathers the statistics the query planner uses to choose indexes; the demo calls it
// after filling a large office, and Close refreshes them with PRAGMA optimize.
func (db *DB) Analyze(ctx context.Context) error {
	if err := db.restoreIndexes(ctx); err != nil {
		return err
	}
	_, err := db.db.ExecContext(ctx, "ANALYZE")
	return err
}

// name is how messages name the database: the file's name, or the server's host and database.
func (db *DB) name() string {
	if db.pg {
		return serverName(db.path)
	}
	return filepath.Base(db.path)
}

// Path returns the database file's absolute path, or the server's URL as given to Open.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened read-only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// SQL exposes the connection pool to the other stores of this package's siblings and tests.
func (db *DB) SQL() *sql.DB { return db.db }

// Close closes the database and releases the writer lock.
func (db *DB) Close() error {
	var err error
	if db.db != nil {
		if !db.readOnly && !db.pg {
			if rerr := db.restoreIndexes(context.Background()); rerr != nil && db.bulk {
				err = rerr
			}
			// Refresh the planner's statistics where the data changed a lot (cheap when it
			// did not), then fold the WAL back so the file alone is complete.
			_, _ = db.db.Exec("PRAGMA optimize")
			_, cerr := db.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			if db.bulk && err == nil {
				err = cerr // the file must be whole before it is synced and placed
			}
		}
		if cerr := db.db.Close(); err == nil {
			err = cerr
		}
		if db.bulk && !db.pg && err == nil {
			// The one fsync of a bulk build: the checkpointed file, before it is renamed.
			err = syncFile(db.path)
		}
	}
	db.unlock()
	return err
}

// syncFile flushes a file's contents to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// lock takes the one-writer lock on the database file itself (lock_unix.go, lock_windows.go),
// not on a file named after its path: a hard link or a symbolic link reaches the same file and
// so the same lock. Who holds it is written beside the path for the refusal message.
//
// The handle stays open until unlock, after SQLite has closed its own: on Unix, closing any
// handle of a file drops the POSIX locks SQLite holds on it in this process.
func (db *DB) lock() error {
	f, err := openForLock(db.path)
	if err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法以写入方式打开“%s”，请检查该文件和所在文件夹的写入权限", filepath.Base(db.path)), Err: err}
	}
	ok, err := tryLock(f)
	if err != nil || !ok {
		f.Close()
		holder, _ := os.ReadFile(db.path + ".lock")
		who := strings.TrimSpace(string(holder))
		if who == "" {
			who = "另一个台账程序"
		}
		return data.Conflict("数据库“%s”正在被使用（%s）。同一数据库只能由一个台账程序写入，请先关闭它", filepath.Base(db.path), who)
	}
	host, _ := os.Hostname()
	user := os.Getenv("USER")
	if user == "" {
		user = os.Getenv("USERNAME")
	}
	info := fmt.Sprintf("计算机 %s，用户 %s，进程 %d，自 %s 起", host, user, os.Getpid(), time.Now().Format("2006-01-02 15:04"))
	_ = os.WriteFile(db.path+".lock", []byte(info), 0o644) // information only; best effort
	db.lockFile = f
	return nil
}

func (db *DB) unlock() {
	if db.lockFile != nil {
		os.Remove(db.path + ".lock")
		unlock(db.lockFile)
		db.lockFile.Close()
		db.lockFile = nil
	}
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) { return readMigrations(migrationFS, "migrations") }

// readMigrations reads the numbered SQL files of folder dir.
func readMigrations(fsys embed.FS, dir string) ([]migration, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: bad name", e.Name())
		}
		b, err := fsys.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the newest migration this program knows.
func SchemaVersion() int {
	ms, _ := migrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the pending migrations, each in its own transaction that also records the
// version. A database from a newer program, or one that is not Taizhang's, is refused.
func (db *DB) migrate(ctx context.Context) error {
	if db.pg {
		return db.migrateServer(ctx)
	}
	var appID int64
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return notADatabase(db.path, err)
	}
	var tables int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type='table'").Scan(&tables); err != nil {
		return notADatabase(db.path, err)
	}
	if appID != AppID && tables > 0 {
		return data.Invalid("db", "“%s”是一个 SQLite 数据库，但不是台账的数据库", filepath.Base(db.path))
	}
	current := 0
	if tables > 0 {
		if err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return notADatabase(db.path, err)
		}
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	newest := ms[len(ms)-1].version
	if current > newest {
		return data.Invalid("db", "此数据库由更新版本的台账程序创建（数据版本 %d，本程序支持到 %d），请升级程序后再打开", current, newest)
	}
	if db.readOnly {
		if current < newest {
			return data.Invalid("db", "此数据库的数据版本较旧（%d），请先用台账程序正常打开一次以完成升级", current)
		}
		return nil
	}
	if tables == 0 {
		if _, err := db.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", AppID)); err != nil {
			return fmt.Errorf("set application id: %w", err)
		}
		if _, err := db.db.ExecContext(ctx, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		txw := &Tx{Tx: tx, ctx: ctx, db: db, now: db.Now().UTC()}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		// Some migrations correct data with rules that live in Go (and write audit entries):
		// that step runs in the same transaction.
		if step := migrationSteps[m.version]; step != nil {
			if err := step(txw); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, db.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		db.anchor(txw.head)
	}
	return nil
}

func notADatabase(path string, err error) error {
	return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("“%s”不是可用的台账数据库（文件已损坏或不是数据库）", filepath.Base(path)), Err: err}
}

// Tx is one user action's transaction: it knows the acting user and the time, and writes
// audit entries.
type Tx struct {
	*sql.Tx
	ctx  context.Context
	db   *DB
	user *data.User
	now  time.Time
	head *data.AuditHeadInfo // the newest signed entry written in tx, for the anchor
	// unlock is the data key made or unwrapped in tx; the process holds it once tx commits.
	unlock *dataKey
	// changed are the tables tx's audit entries name: what other PCs are told changed
	// (notify.go).
	changed map[string]bool
}

// write runs fn in one immediate transaction and commits it, or rolls everything back. On
// PostgreSQL the transaction first takes the office's advisory lock (one writer at a time,
// as with SQLite), and one the server gave up to keep transactions apart runs again.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	if db.readOnly {
		return data.Forbidden("数据库以只读方式打开，不能修改")
	}
	if !db.pg {
		return db.writeOnce(ctx, fn)
	}
	var err error
	for try := 0; try < writeRetries; try++ {
		if err = db.writeOnce(ctx, fn); !retryable(err) {
			return err
		}
		db.retried.Add(1)
	}
	return busy(err)
}

func (db *DB) writeOnce(ctx context.Context, fn func(tx *Tx) error) error {
	var opts *sql.TxOptions
	if db.pg {
		// Each statement after the lock sees every earlier commit, whatever the server's
		// default isolation.
		opts = &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	}
	stx, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return busy(err)
	}
	// Rolled back unless committed, also when fn panics: the panic goes on to the caller's
	// recovery (cli.go, app/session.go), and the write lock is not left held.
	defer stx.Rollback()
	if db.pg {
		if _, err := stx.ExecContext(ctx, lockOffice); err != nil {
			return busy(err)
		}
	}
	tx := &Tx{Tx: stx, ctx: ctx, db: db, user: data.UserFromContext(ctx), now: db.Now().UTC()}
	if err := tx.refreshUser(); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.notifyChanges(); err != nil { // other PCs' windows hear of it at commit (notify.go)
		return err
	}
	if err := stx.Commit(); err != nil {
		if db.pg && retryable(err) {
			return err
		}
		return busy(err)
	}
	db.anchor(tx.head)
	if tx.unlock != nil {
		db.keys.set(tx.unlock)
	}
	return nil
}

// anchor records a committed head outside the file (auditkey.go).
func (db *DB) anchor(h *data.AuditHeadInfo) {
	if h != nil {
		saveAnchor(*h)
	}
}

// require checks that the acting user may perform act.
func (tx *Tx) require(act data.Action) error {
	return requireUser(tx.user, act)
}

func requireUser(u *data.User, act data.Action) error { return data.Require(u, act) }

// User returns the acting user of the transaction (nil for system work).
func (tx *Tx) User() *data.User { return tx.user }

// Now returns the transaction's timestamp.
func (tx *Tx) Now() time.Time { return tx.now }

// Ctx returns the transaction's context.
func (tx *Tx) Ctx() context.Context { return tx.ctx }

// nextCounter allocates the next value of a yearly counter inside tx (gitea's
// GetNextResourceIndex), in one statement both engines run alike: the upsert takes the row's
// write lock, so two writers never get the same value, and the value is the transaction's
// only when it commits (a rolled-back allocation takes no number). start is the first value
// when the counter does not exist yet.
func (tx *Tx) nextCounter(name string, year, start int) (int, error) {
	var v int
	err := tx.QueryRowContext(tx.ctx, `INSERT INTO counters (name, year, value) VALUES (?, ?, ?)
		ON CONFLICT (name, year) DO UPDATE SET value = counters.value + 1 RETURNING value`, name, year, start).Scan(&v)
	return v, err
}

// NextCounter is nextCounter for the sibling stores.
func (tx *Tx) NextCounter(name string, year, start int) (int, error) {
	return tx.nextCounter(name, year, start)
}

// Write runs fn as one transaction; the other stores of the program use it.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error { return db.write(ctx, fn) }

// Require checks a permission of the acting user in tx.
func (tx *Tx) Require(act data.Action) error { return tx.require(act) }

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func dateStr(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func parseDate(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
