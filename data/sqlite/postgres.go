package sqlite

import (
	"context"
	"crypto/x509"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"taizhang/data"
)

// PostgreSQL, the store's second engine, for an office whose PCs share one server. The store
// writes its queries once, in SQLite's dialect with ? placeholders; what the server needs
// differently lives here and in planner.go:
//
//   - the placeholders are rebound to $1, $2 … by the connection itself (pgConn), so every
//     statement, prepared or not, of the store or of a sibling, reaches the server in its form;
//   - Go booleans are sent as the integers 0 and 1 the columns hold (flags are INTEGER on both
//     engines, so figures read back the same);
//   - a write transaction first takes the office's advisory lock: one writer at a time as with
//     SQLite, so numbers, counters and the audit chain stay linear; reads never wait;
//   - failures are told apart by SQLSTATE, not by message text.

// IsServerURL reports whether loc names a PostgreSQL server (postgres:// or postgresql://)
// rather than a database file.
func IsServerURL(loc string) bool {
	l := strings.ToLower(strings.TrimSpace(loc))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// lockOffice is the statement taking the advisory lock a write transaction holds on
// PostgreSQL until it ends: keyed by AppID ("TZ", version 1) and the office's schema, since
// an office is one database or one schema of a database (advisory locks are per database).
var lockOffice = fmt.Sprintf("SELECT pg_advisory_xact_lock(%d, hashtext(current_schema()))", int32(AppID))

// serverName is a server location without its user or password, for messages: host/dbname,
// with the office's schema when it is not the default one.
func serverName(loc string) string {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil {
		return "地址无法识别"
	}
	q := u.Query()
	host := u.Hostname()
	if host == "" {
		host = q.Get("host")
	}
	if host == "" {
		host = "localhost"
	}
	name := host
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		name += "/" + db
	} else if db := q.Get("dbname"); db != "" {
		name += "/" + db
	}
	if sp := strings.TrimSpace(strings.Split(q.Get("search_path"), ",")[0]); sp != "" && sp != "public" {
		name += "（" + sp + "）"
	}
	return name
}

// openPostgres opens the pool of connections to the server at loc; a read-only pool's
// transactions are read-only on the server too (SQLite's mode=ro).
func openPostgres(loc string, readOnly bool) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(loc)
	if err != nil {
		return nil, &data.Error{Kind: data.ErrInvalid, Field: "db", Message: ConnectProblem(loc, err), Err: err}
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)}), nil
}

// pgConnector hands out pgConns.
type pgConnector struct{ driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return pgConn{conn.(*stdlib.Conn)}, nil
}

// pgConn is pgx's connection with the store's SQL rebound for the server. Everything else
// (transactions, pings, session resets) is pgx's own.
type pgConn struct{ *stdlib.Conn }

func (c pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// CheckNamedValue sends booleans as the integers the schema stores.
func (c pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		if b {
			nv.Value = int64(1)
		} else {
			nv.Value = int64(0)
		}
	}
	return nil
}

// rebound caches rebind's result per query text: the store's queries are a few hundred
// constant strings.
var rebound sync.Map

// rebind turns the ? placeholders of query into $1, $2 … , leaving quoted strings, quoted
// identifiers and comments alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(fmt.Sprint(n))
		default:
			b.WriteByte(c)
		}
	}
	q := b.String()
	if len(query) < 4096 {
		rebound.Store(query, q)
	}
	return q
}

// pgCode is the SQLSTATE of a server error, "" for any other error.
func pgCode(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// pgErrText is the server's own message of err, or err's text.
func pgErrText(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// retryable reports a transaction the server gave up to keep transactions apart
// (serialization failure, deadlock): run again, it normally succeeds.
func retryable(err error) bool {
	c := pgCode(err)
	return c == "40001" || c == "40P01"
}

// ConnectProblem says in Chinese why connecting to the server at loc failed, naming what the
// clerk or the information centre can act on — the password, the database, the certificate,
// the address, the network — and the driver's own words only for anything else.
func ConnectProblem(loc string, err error) string {
	name := "数据库服务器“" + serverName(loc) + "”"
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01":
			return "连接" + name + "时用户名或密码不对。请核对数据库用户名和密码（注意大小写）"
		case "28000":
			return name + "不允许这个用户从这台电脑连接（服务器的 pg_hba.conf 中没有放行）。请联系单位的信息技术人员"
		case "3D000":
			return name + "上没有这个数据库。请核对数据库名，或请信息技术人员先建好数据库"
		case "42501":
			return "这个数据库用户在" + name + "上的权限不够。请联系单位的信息技术人员"
		}
	}
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	var ce x509.CertificateInvalidError
	text := err.Error()
	var ne net.Error
	switch {
	case errors.As(err, &ue):
		return name + "的证书不是所选 CA 证书签发的，无法确认对方是单位的服务器。请选对 CA 证书文件"
	case errors.As(err, &he):
		return name + "证书上的名称与填写的服务器地址不一致。请按证书上的名称填写服务器地址"
	case errors.As(err, &ce):
		return name + "的证书无效（可能已过期）。请联系单位的信息技术人员"
	case strings.Contains(text, "server refused TLS") || strings.Contains(text, "server does not support TLS"):
		return name + "不接受加密连接。请让信息技术人员为服务器开启 SSL；临时排查可改选“不加密”"
	case strings.Contains(text, "sslrootcert") || strings.Contains(text, "CA file") || strings.Contains(text, "add CA to cert pool"):
		return "读不出连接" + name + "用的 CA 证书文件。请确认选的是 .crt 或 .pem 格式的证书"
	case strings.Contains(text, "no such host"):
		return "找不到" + name + "。请核对服务器地址"
	case strings.Contains(text, "connection refused"):
		return "连不上" + name + "：服务器没有在这个端口上接受连接。请核对端口，确认数据库服务已启动"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded), strings.Contains(text, "timeout"):
		return "连接" + name + "超时。请确认服务器已开机、网络畅通、防火墙放行了数据库端口"
	case strings.Contains(text, "cannot parse"):
		return "数据库服务器地址写法有误（应为 postgres://用户名@地址:端口/数据库）：" + pgErrText(err)
	}
	return "无法连接" + name + "：" + pgErrText(err) + "。请检查地址、用户名、密码和网络"
}

// writeRetries bounds how often db.write runs a transaction again after retryable failures.
const writeRetries = 5

// openServer opens the office database on a PostgreSQL server: no file lock (the server
// serialises writers through the advisory lock), no network-share check, no pragmas.
func openServer(loc string, opt Options) (*DB, error) {
	db := newDB(loc, opt)
	db.pg = true
	conn, err := openPostgres(loc, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	db.db = conn
	db.db.SetMaxOpenConns(8)
	fail := func(err error) (*DB, error) {
		db.db.Close()
		return nil, err
	}
	ctx := context.Background()
	if err := db.db.PingContext(ctx); err != nil {
		return fail(&data.Error{Kind: data.ErrInvalid, Message: ConnectProblem(loc, err), Err: err})
	}
	tables, err := db.serverTables(ctx)
	if err != nil {
		return fail(err)
	}
	if tables == 0 && (opt.ReadOnly || opt.MustExist) {
		return fail(data.NotFound("数据库服务器“%s”上的数据库是空的，还没有台账数据", serverName(loc)))
	}
	if opt.Bulk && tables > 0 {
		return fail(data.Invalid("db", "数据库服务器“%s”上的数据库不是空的：演示单位只能建在一个空的数据库里", serverName(loc)))
	}
	if err := db.migrate(ctx); err != nil {
		return fail(err)
	}
	if err := db.loadAuditKey(ctx); err != nil {
		return fail(err)
	}
	if !opt.ReadOnly {
		if err := db.ensureAidRoster(ctx); err != nil {
			return fail(err)
		}
	}
	return db, nil
}

// serverTables counts the tables of the office's schema (the first of the search path).
func (db *DB) serverTables(ctx context.Context) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").Scan(&n)
	if err != nil {
		return 0, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法读取数据库服务器“%s”上的数据库：%s", serverName(db.path), pgErrText(err)), Err: err}
	}
	return n, nil
}

// appMarker is the comment on schema_migrations that marks a schema as a Taizhang office
// (SQLite's application_id).
const appMarker = "taizhang:545A0001"

//go:embed migrations_pg/*.sql
var pgMigrationFS embed.FS

// pgMigrations are the server's migrations: the first makes a new office at its version in
// one step; each later one is the pair of the SQLite migration of the same number.
func pgMigrations() ([]migration, error) { return readMigrations(pgMigrationFS, "migrations_pg") }

// pgSeeds are the rows the SQLite migrations up to version upTo insert (the working
// calendar, the catalogs, the numbering registers): the same INSERT … VALUES statements,
// run on the server after its consolidated schema.
func pgSeeds(upTo int) ([]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		if m.version > upTo {
			break
		}
		for _, st := range splitStatements(m.sql) {
			head := strings.ToUpper(st)
			if !strings.HasPrefix(head, "INSERT INTO ") || !strings.Contains(head, " VALUES") ||
				strings.Contains(head, "SELECT") || strings.Contains(st, "_fts") || strings.Contains(st, "resident_numbers") {
				continue
			}
			out = append(out, st)
		}
	}
	return out, nil
}

// splitStatements splits a migration into its statements, without comments.
func splitStatements(sqlText string) []string {
	var out []string
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(sqlText); i++ {
		c := sqlText[i]
		switch {
		case inQuote:
			b.WriteByte(c)
			if c == '\'' {
				inQuote = false
			}
		case c == '\'':
			inQuote = true
			b.WriteByte(c)
		case c == '-' && i+1 < len(sqlText) && sqlText[i+1] == '-':
			j := strings.IndexByte(sqlText[i:], '\n')
			if j < 0 {
				i = len(sqlText)
			} else {
				i += j - 1
			}
		case c == ';':
			if st := strings.TrimSpace(b.String()); st != "" {
				out = append(out, st)
			}
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	if st := strings.TrimSpace(b.String()); st != "" {
		out = append(out, st)
	}
	return out
}

// migrateServer brings the office's schema on the server to this program's version, in one
// transaction under the office's lock (two PCs opening a new office at once make it once).
func (db *DB) migrateServer(ctx context.Context) error {
	where := serverName(db.path)
	tables, err := db.serverTables(ctx)
	if err != nil {
		return err
	}
	current := 0
	if tables > 0 {
		var marker sql.NullString
		err := db.db.QueryRowContext(ctx, `SELECT obj_description(c.oid, 'pg_class') FROM pg_class c
			WHERE c.relname = 'schema_migrations' AND c.relnamespace = current_schema()::regnamespace`).Scan(&marker)
		if err != nil && !isNoRows(err) {
			return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法读取数据库服务器“%s”上的数据库：%s", where, pgErrText(err)), Err: err}
		}
		if marker.String != appMarker {
			return data.Invalid("db", "数据库服务器“%s”上的数据库不是台账的数据库（其中已有别的表）。请为台账单独建一个空数据库", where)
		}
		if err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法读取数据库服务器“%s”上的数据版本：%s", where, pgErrText(err)), Err: err}
		}
	}
	ms, err := pgMigrations()
	if err != nil {
		return err
	}
	newest := ms[len(ms)-1].version
	if current > newest {
		return data.Invalid("db", "此数据库由更新版本的台账程序创建（数据版本 %d，本程序支持到 %d），请升级程序后再打开", current, newest)
	}
	if current == newest {
		return nil
	}
	if db.readOnly {
		return data.Invalid("db", "此数据库的数据版本较旧（%d），请先用台账程序正常打开一次以完成升级", current)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return busy(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, lockOffice); err != nil {
		return busy(err)
	}
	// Another PC may have migrated while this one waited for the lock.
	if tables > 0 || db.serverHasMigrations(ctx, tx) {
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return err
		}
		if current >= newest {
			return nil
		}
	}
	txw := &Tx{Tx: tx, ctx: ctx, db: db, now: db.Now().UTC()}
	if current == 0 {
		// pg_trgm's operator classes must be on the search path; the extension is the
		// database's, installed in one schema.
		var have, visible int
		if err := tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE extnamespace::regnamespace::text = ANY (current_schemas(false)))
			FROM pg_extension WHERE extname = 'pg_trgm'`).Scan(&have, &visible); err != nil {
			return err
		}
		if have > 0 && visible == 0 {
			return data.Invalid("db", "数据库服务器“%s”上的 pg_trgm 扩展装在台账的搜索路径（search_path）之外，全文检索用不到它。请服务器管理员把它所在的模式加入该账号的 search_path", where)
		}
		if have == 0 {
			if _, err := tx.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); err != nil {
				return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("数据库服务器“%s”上无法启用 pg_trgm 扩展（全文检索需要）：%s。请服务器管理员执行 CREATE EXTENSION pg_trgm", where, pgErrText(err)), Err: err}
			}
		}
		if _, err := tx.ExecContext(ctx, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "COMMENT ON TABLE schema_migrations IS '"+appMarker+"'"); err != nil {
			return err
		}
	}
	first := true
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		from := m.version
		if first && current == 0 {
			// The consolidated schema stands for every SQLite migration up to its version:
			// their seeds and Go steps run here, in the same order as on a file.
			seeds, err := pgSeeds(m.version)
			if err != nil {
				return err
			}
			for _, st := range seeds {
				if _, err := tx.ExecContext(ctx, st); err != nil {
					return fmt.Errorf("migration %s: seed: %w", m.name, err)
				}
			}
			from = 1
		}
		first = false
		for v := from; v <= m.version; v++ {
			if step := migrationSteps[v]; step != nil {
				if err := step(txw); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, db.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return busy(err)
	}
	db.anchor(txw.head)
	return nil
}

func (db *DB) serverHasMigrations(ctx context.Context, tx *sql.Tx) bool {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'").Scan(&n)
	return err == nil && n > 0
}

// openRaw is a plain connection to the database at loc, none of the store's code: for tests
// that change a database the way someone with a database tool would, and for tools.
func openRaw(loc string) (*sql.DB, error) {
	if IsServerURL(loc) {
		return openPostgres(loc, false)
	}
	return sql.Open("sqlite", "file:"+filepath.ToSlash(loc))
}

// LocationName is how the clerk is shown the database at loc, in messages, titles and the
// 关于 page: a file's path, or 单位服务器 host/dbname — never a user or password.
func LocationName(loc string) string {
	if IsServerURL(loc) {
		return "单位服务器 " + serverName(loc)
	}
	return loc
}

// SyncIdentities moves every id sequence of a server office past the largest id its table
// holds, after rows were written with ids of their own (a copy of an office, a bulk load):
// rows inserted afterwards without an id then get the next free one. A file needs nothing.
func (db *DB) SyncIdentities(ctx context.Context) error {
	if !db.pg {
		return nil
	}
	return db.write(ctx, func(tx *Tx) error { return tx.syncIdentities() })
}
