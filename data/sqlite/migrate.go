package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"taizhang/data"
)

// Moving an office between a file and a server (issue 15): every row of every table is copied
// with its id, the kept PDFs and attachments as the sealed bytes they are stored as, the audit
// log with its chain and head, the counters and the data version; the search tables are
// filled on the target so that search works there. The office keeps its identifier, so the
// same audit key (and data key wraps, bound to it) serve the copy. The copy is one transaction
// on the target, read from one snapshot of the source, and checked afterwards: row counts per
// table, the audit chain and its head, the stored files against their sums.

// TableCount is one table's rows in a moved office.
type TableCount struct {
	Table string
	Rows  int64
}

// MoveReport says what Migrate moved.
type MoveReport struct {
	From, To string       // as shown to the clerk (a server's password left out)
	Tables   []TableCount // in foreign-key order
	Head     data.AuditHeadInfo
	// SignedPDFs is how many documents' kept PDFs were moved (in document_bodies).
	SignedPDFs int64
}

// Rows is the number of rows of table moved.
func (r MoveReport) Rows(table string) int64 {
	for _, t := range r.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

// Total is the number of rows moved.
func (r MoveReport) Total() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

type progressKey struct{}

// WithMoveProgress returns ctx with a function a move (Migrate, a server's backup or
// restore) tells its steps to, in Chinese: a large office takes minutes.
func WithMoveProgress(ctx context.Context, f func(step string)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

func moveProgress(ctx context.Context, format string, args ...any) {
	if f, _ := ctx.Value(progressKey{}).(func(string)); f != nil {
		f(fmt.Sprintf(format, args...))
	}
}

// seedTables are the tables the migrations fill in a new database (reference data, the
// data version, the office's identifier and the first audit entry): a target with rows in
// these only is still empty. TestSeedTables keeps the list true.
var seedTables = map[string]bool{
	"schema_migrations": true, "settings": true, "audit_log": true,
	"catalog": true, "doc_numbering": true, "work_calendar": true,
}

// Migrate copies the office at from (a file or a server URL) into to, which must be a file
// that does not exist yet or an empty server database. The source is only read. A file
// target is written under a temporary name and put in place when the copy is verified.
// With a username, the move is an administrator's of the source: the name and password are
// checked against its accounts (read-only, as for a backup) before anything is copied.
func Migrate(ctx context.Context, from, to, username, password string) (MoveReport, error) {
	rep := MoveReport{From: LocationName(from), To: LocationName(to)}
	if sameLocation(from, to) {
		return rep, data.Invalid("to", "迁移的源和目标是同一个数据库“%s”", rep.To)
	}
	if !IsServerURL(to) {
		if _, err := os.Stat(to); err == nil {
			return rep, data.Conflict("目标文件“%s”已存在。迁移只写入新的数据库文件，请换一个文件名", to)
		}
	}
	src, err := openMoveSource(ctx, from)
	if err != nil {
		return rep, err
	}
	defer src.Close()
	if username != "" {
		if _, err := officeAdmin(ctx, src.db, from, "迁移单位", "源数据库", username, password); err != nil {
			return rep, err
		}
	}
	if !IsServerURL(to) {
		r, err := src.copyToFile(ctx, to)
		r.From, r.To = rep.From, rep.To
		return r, err
	}
	r, err := src.copyToNew(ctx, to)
	r.From, r.To = rep.From, rep.To
	return r, err
}

// sameLocation reports whether two locations name the same database.
func sameLocation(a, b string) bool {
	if IsServerURL(a) || IsServerURL(b) {
		return strings.TrimSpace(a) == strings.TrimSpace(b)
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	if aa == bb {
		return true
	}
	sa, err1 := os.Stat(aa)
	sb, err2 := os.Stat(bb)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// openMoveSource opens the office to be moved read-only and makes sure it can be: at this
// program's data version, with its audit key on this computer and its audit chain sound.
func openMoveSource(ctx context.Context, from string) (*DB, error) {
	src, err := Open(from, Options{ReadOnly: true, MustExist: true})
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*DB, error) {
		src.Close()
		return nil, err
	}
	name := LocationName(from)
	var version int
	if err := src.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version); err != nil {
		return fail(notADatabase(from, err))
	}
	if version != SchemaVersion() {
		return fail(data.Invalid("from", "“%s”的数据版本为 %d，本程序为 %d：请先用本程序正常打开一次完成升级，再迁移", name, version, SchemaVersion()))
	}
	if src.auditKey == nil {
		p, _ := keyPath(src.officeID)
		return fail(data.Invalid("from", "本机没有“%s”所属单位的审计密钥（应在“%s”）：迁移要核对审计日志的签名，请在保存该密钥的电脑上迁移，或先把密钥文件复制到这里", name, p))
	}
	probs, _, err := src.verifyAudit(ctx, false)
	if err != nil {
		return fail(notADatabase(from, err))
	}
	if len(probs) > 0 {
		return fail(data.Invalid("from", "“%s”的审计日志不完整：%s。请先用“taizhang check”检查，处理后再迁移", name, probs[0].Message))
	}
	return src, nil
}

// copyToFile copies src into a new file at to: written under a temporary name beside it,
// verified, and renamed into place, owner-readable only (it holds every resident's data).
func (src *DB) copyToFile(ctx context.Context, to string) (MoveReport, error) {
	tmp, err := TempDatabase(to)
	if err != nil {
		return MoveReport{}, err
	}
	rep, err := src.copyToNew(ctx, tmp)
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		if _, serr := os.Stat(to); serr == nil {
			err = data.Conflict("目标文件“%s”在迁移期间被创建，迁移未写入它", to)
		}
	}
	if err == nil {
		err = PlaceDatabase(tmp, to)
	}
	if err != nil {
		RemoveDatabase(tmp)
	}
	return rep, err
}

// copyToNew opens loc (a file that does not exist yet, or an empty server database) as a
// new database, copies src into it in one transaction, closes it and verifies the copy.
func (src *DB) copyToNew(ctx context.Context, loc string) (MoveReport, error) {
	rep := MoveReport{From: LocationName(src.path), To: LocationName(loc)}
	dst, err := Open(loc, Options{})
	if err != nil {
		return rep, err
	}
	// The migrations of a new database give it an identifier and an audit key of its own;
	// the copy takes the source's, and the new one's key is taken away again. A server
	// left empty by a failed copy keeps its own (a file is removed by the caller).
	newID := dst.officeID
	copied := false
	defer func() {
		if newID != "" && newID != src.officeID && (copied || !dst.pg) {
			removeOfficeKey(newID)
		}
	}()
	tables, err := dst.moveTables(ctx)
	if err != nil {
		dst.Close()
		return rep, err
	}
	if err := dst.mustBeEmpty(ctx, tables, rep.To); err != nil {
		dst.Close()
		return rep, err
	}
	rep.Tables, rep.Head, rep.SignedPDFs, err = src.copyInto(ctx, dst, tables, rep.To)
	if err != nil {
		dst.Close()
		return rep, err
	}
	copied = true
	return rep, dst.Close()
}

// removeOfficeKey takes away the audit key and anchor of an office made only to be replaced.
func removeOfficeKey(officeID string) {
	if !validOfficeID(officeID) {
		return
	}
	if p, err := keyPath(officeID); err == nil {
		os.Remove(p)
	}
	if p, err := anchorPath(officeID); err == nil {
		os.Remove(p)
	}
}

// mustBeEmpty refuses a target that already holds an office's records.
func (db *DB) mustBeEmpty(ctx context.Context, tables []string, name string) error {
	for _, t := range tables {
		if seedTables[t] {
			continue
		}
		var n int64
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(t)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Conflict("目标“%s”不是空数据库（表 %s 已有 %d 行）。迁移只写入空的数据库，请换一个新的数据库", name, t, n)
		}
	}
	var n int64
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM audit_log WHERE user_id <> 0").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Conflict("目标“%s”不是空数据库（审计日志中已有 %d 条操作记录）。迁移只写入空的数据库，请换一个新的数据库", name, n)
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// searchTables are the full-text tables: FTS5 virtual tables on SQLite; on PostgreSQL
// issues_fts and resident_numbers are plain tables and residents_fts an index. They are not
// copied as rows: fillSearch fills the target's.
var searchTables = map[string]bool{"residents_fts": true, "issues_fts": true, "resident_numbers": true}

// moveTables lists the tables of the database that hold the office's rows, parents before
// the tables referring to them; the search tables (and FTS5's shadow tables) are not among
// them.
func (db *DB) moveTables(ctx context.Context) ([]string, error) {
	listQ := `SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`
	fkQ := `SELECT m.name, f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
	if db.pg {
		listQ = `SELECT tablename, '' FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
		fkQ = `SELECT cl.relname, pc.relname FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
			JOIN pg_class pc ON pc.oid = co.confrelid WHERE co.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`
	}
	rows, err := db.db.QueryContext(ctx, listQ)
	if err != nil {
		return nil, err
	}
	var names []string
	virtual := map[string]bool{}
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return nil, err
		}
		if strings.HasPrefix(strings.ToUpper(create), "CREATE VIRTUAL TABLE") {
			virtual[name] = true
			continue
		}
		names = append(names, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var plain []string
	for _, n := range names {
		if !isShadow(n, virtual) && !searchTables[n] {
			plain = append(plain, n)
		}
	}
	parents := map[string][]string{}
	frows, err := db.db.QueryContext(ctx, fkQ)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	for frows.Next() {
		var child, parent string
		if err := frows.Scan(&child, &parent); err != nil {
			return nil, err
		}
		parents[child] = append(parents[child], parent)
	}
	if err := frows.Err(); err != nil {
		return nil, err
	}
	return fkOrder(plain, parents)
}

// isShadow reports a table an FTS5 table keeps its index in (name_data, name_idx, …).
func isShadow(name string, virtual map[string]bool) bool {
	for _, suffix := range []string{"_data", "_idx", "_content", "_docsize", "_config"} {
		if v, ok := strings.CutSuffix(name, suffix); ok && virtual[v] {
			return true
		}
	}
	return false
}

// fkOrder orders tables so that every table comes after the tables it refers to (a table
// referring to itself is copied in id order); names sorted otherwise, for a stable order.
func fkOrder(tables []string, parents map[string][]string) ([]string, error) {
	sort.Strings(tables)
	known := map[string]bool{}
	for _, t := range tables {
		known[t] = true
	}
	done := map[string]bool{}
	var out []string
	for len(out) < len(tables) {
		progress := false
		for _, t := range tables {
			if done[t] {
				continue
			}
			ready := true
			for _, p := range parents[t] {
				if p != t && known[p] && !done[p] {
					ready = false
					break
				}
			}
			if ready {
				done[t] = true
				out = append(out, t)
				progress = true
			}
		}
		if !progress {
			var left []string
			for _, t := range tables {
				if !done[t] {
					left = append(left, t)
				}
			}
			return nil, fmt.Errorf("move: foreign keys form a cycle among %s", strings.Join(left, ", "))
		}
	}
	return out, nil
}

// column is one column of a table as a move needs it.
type column struct {
	name      string
	bytea     bool // PostgreSQL's binary type: a value read as text is sent as bytes
	text      bool // PostgreSQL's text: a value read as bytes is sent as text
	generated bool // the server makes its value (GENERATED ALWAYS): never written
}

// ordering is the column a PostgreSQL link table keeps its insertion order in (SQLite's
// rowid, insertionOrder): read in its order, never copied, made again by the target.
const ordering = "rowid"

// columns lists a table's columns in their order.
func (db *DB) columns(ctx context.Context, q queryer, table string) ([]column, error) {
	query := "SELECT name, '', '', '' FROM pragma_table_info(?) ORDER BY cid"
	if db.pg {
		query = `SELECT column_name, data_type, COALESCE(identity_generation, ''), is_generated FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
	}
	rows, err := q.QueryContext(ctx, query, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		var typ, identity, generated string
		if err := rows.Scan(&c.name, &typ, &identity, &generated); err != nil {
			return nil, err
		}
		c.bytea, c.text = typ == "bytea", typ == "text"
		c.generated = identity == "ALWAYS" || generated == "ALWAYS"
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// primaryKey lists the columns of a server table's primary key, in order.
func primaryKey(ctx context.Context, q queryer, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.attname FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid AND c.relnamespace = current_schema()::regnamespace AND c.relname = ?
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, quoteIdent(c))
	}
	return out, rows.Err()
}

// queryer is what reads: the pool, a connection or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// snapshot is one consistent read of the source.
type snapshot struct {
	queryer
	exec func(ctx context.Context, query string, args ...any) (sql.Result, error)
	end  func()
}

// readSnapshot begins a read-only transaction in which every table is read as of one moment
// while the office may go on working: on a server REPEATABLE READ; on a file a read
// transaction on a connection of its own (the pool's transactions begin IMMEDIATE, a write).
func (db *DB) readSnapshot(ctx context.Context) (*snapshot, error) {
	if db.pg {
		tx, err := db.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, busy(err)
		}
		return &snapshot{tx, tx.ExecContext, func() { _ = tx.Rollback() }}, nil
	}
	c, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// The search terms are read back sorted (copyFileTerms): millions of them in a large
	// office, sorted in temporary files rather than in memory (590 MB → 205 MB at most for
	// the large demo office).
	if _, err := c.ExecContext(ctx, "PRAGMA temp_store = FILE"); err != nil {
		c.Close()
		return nil, err
	}
	if _, err := c.ExecContext(ctx, "BEGIN"); err != nil {
		c.Close()
		return nil, busy(err)
	}
	return &snapshot{c, c.ExecContext, func() {
		_, _ = c.ExecContext(context.Background(), "ROLLBACK")
		_, _ = c.ExecContext(context.Background(), "PRAGMA temp_store = MEMORY") // as dsn's connections have it
		c.Close()
	}}, nil
}

// copyInto copies every table of src into the empty dst (called name in messages) in one
// transaction of dst, reading src from one snapshot, and verifies the copy before it commits.
// It returns the rows copied per table, the source's audit head and
// how many kept PDFs of documents were among them.
func (src *DB) copyInto(ctx context.Context, dst *DB, tables []string, name string) ([]TableCount, data.AuditHeadInfo, int64, error) {
	var counts []TableCount
	var head data.AuditHeadInfo
	var pdfs int64
	snap, err := src.readSnapshot(ctx)
	if err != nil {
		return nil, head, 0, err
	}
	defer snap.end()
	srcTables, err := src.moveTables(ctx)
	if err != nil {
		return nil, head, 0, err
	}
	if !sameSet(srcTables, tables) {
		return nil, head, 0, data.Invalid("to", "源和目标的数据表不一致（源：%s；目标：%s），不能迁移", strings.Join(srcTables, "、"), strings.Join(tables, "、"))
	}
	head.OfficeID = src.officeID
	var at string
	if err := snap.QueryRowContext(ctx, "SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&head.Seq, &head.Hash, &at); err != nil && !isNoRows(err) {
		return nil, head, 0, err
	}
	head.At = parseTS(at)
	if err := snap.QueryRowContext(ctx, "SELECT count(*) FROM document_bodies WHERE pdf IS NOT NULL").Scan(&pdfs); err != nil {
		return nil, head, 0, err
	}
	// The copy is no account's action on the target, which has no accounts until it commits.
	err = dst.write(data.NewContextWithUser(ctx, nil), func(tx *Tx) error {
		if !dst.pg {
			// Rows are written parents first; a row referring to a later row of its own
			// table is checked at the commit.
			if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
				return err
			}
		}
		// What the migrations of the new database seeded gives way to the office's own.
		for i := len(tables) - 1; i >= 0; i-- {
			var n int64
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(tables[i])).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+quoteIdent(tables[i])); err != nil {
				return fmt.Errorf("clear %s: %w", tables[i], err)
			}
		}
		for i, t := range tables {
			moveProgress(ctx, "复制表 %s（%d/%d）", t, i+1, len(tables))
			n, err := src.copyTable(ctx, snap, tx, t)
			if err != nil {
				return err
			}
			var have int64
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(t)).Scan(&have); err != nil {
				return err
			}
			if have != n {
				return data.Invalid("to", "复制表 %s 后核对行数不符：源 %d 行，目标 %d 行。目标数据库未写入任何内容", t, n, have)
			}
			counts = append(counts, TableCount{t, n})
		}
		moveProgress(ctx, "建立搜索索引")
		if err := src.fillSearch(ctx, snap, tx); err != nil {
			return err
		}
		if err := tx.syncIdentities(); err != nil {
			return err
		}
		moveProgress(ctx, "核对审计日志和文件校验值")
		return dst.verifyCopy(ctx, tx, name, head, src.auditKey)
	})
	if err != nil {
		return nil, head, 0, err
	}
	return counts, head, pdfs, nil
}

func sameSet(a, b []string) bool {
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, ",") == strings.Join(y, ",")
}

// copyTable copies one table's rows in their order and returns how many.
func (src *DB) copyTable(ctx context.Context, snap *snapshot, tx *Tx, table string) (int64, error) {
	scols, err := src.columns(ctx, snap, table)
	if err != nil {
		return 0, err
	}
	dcols, err := tx.db.columns(ctx, tx, table)
	if err != nil {
		return 0, err
	}
	inSource := map[string]bool{}
	for _, c := range scols {
		inSource[c.name] = true
	}
	inTarget := map[string]bool{}
	var cols []column
	for _, c := range dcols {
		inTarget[c.name] = true
		switch {
		case c.generated:
		case inSource[c.name]:
			cols = append(cols, c)
		default:
			return 0, data.Invalid("to", "源数据库的表 %s 没有列 %s，不能迁移（两边的数据版本不同？）", table, c.name)
		}
	}
	order := ""
	for _, c := range scols {
		switch {
		case c.name == ordering:
			order = " ORDER BY " + ordering
		case !inTarget[c.name] && !c.generated:
			return 0, data.Invalid("to", "目标数据库的表 %s 没有列 %s，不能迁移（两边的数据版本不同？）", table, c.name)
		}
	}
	switch {
	case !src.pg:
		// rowid: the order rows were written in, which the link tables are read in
		// (insertionOrder); for a table with an integer id it is the id.
		order = " ORDER BY rowid"
	case order == "":
		pk, err := primaryKey(ctx, snap, table)
		if err != nil {
			return 0, err
		}
		if len(pk) > 0 {
			order = " ORDER BY " + strings.Join(pk, ", ")
		}
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c.name)
	}
	list := strings.Join(quoted, ", ")
	rows, err := snap.QueryContext(ctx, "SELECT "+list+" FROM "+quoteIdent(table)+order)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	ins := newInserter(ctx, tx, "INSERT INTO "+quoteIdent(table)+" ("+list+") VALUES ", len(cols))
	defer ins.close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, fmt.Errorf("read %s: %w", table, err)
		}
		// SQLite keeps a value as it was given; the server's typed columns take the
		// same bytes as the type they are declared with.
		for i, c := range cols {
			switch v := vals[i].(type) {
			case string:
				if c.bytea {
					vals[i] = []byte(v)
				}
			case []byte:
				if c.text {
					vals[i] = string(v)
				}
			}
		}
		if err := ins.add(vals); err != nil {
			return n, copyError(table, ins.first, err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("read %s: %w", table, err)
	}
	if err := ins.flush(); err != nil {
		return n, copyError(table, ins.first, err)
	}
	return n, nil
}

func copyError(table string, first int64, err error) error {
	return &data.Error{Kind: data.ErrInvalid, Err: err,
		Message: fmt.Sprintf("复制表 %s 的第 %d 行起出错，目标数据库未写入任何内容", table, first)}
}

// inserter writes rows many to a statement (INSERT … VALUES (…), (…), …): a server is sent a
// few hundred rows a round trip instead of one. A batch ends at batchRows rows, at
// batchBytes of text and bytes (attachments), or at the end of the table.
type inserter struct {
	ctx   context.Context
	tx    *Tx
	head  string
	width int
	full  *sql.Stmt // the statement of a whole batch, prepared once
	args  []any
	rows  int
	bytes int
	first int64 // the number of the batch's first row (1-based), for messages
	done  int64
}

const (
	batchRows  = 200
	batchBytes = 8 << 20
)

func newInserter(ctx context.Context, tx *Tx, head string, width int) *inserter {
	return &inserter{ctx: ctx, tx: tx, head: head, width: width, first: 1}
}

// batchSize is how many rows a statement takes: at most batchRows, and within both
// engines' limit on parameters (SQLite's 32766, PostgreSQL's 65535).
func (b *inserter) batchSize() int {
	n := 30000 / max(b.width, 1)
	return max(1, min(n, batchRows))
}

func (b *inserter) add(vals []any) error {
	for _, v := range vals {
		switch v := v.(type) {
		case string:
			b.bytes += len(v)
		case []byte:
			b.bytes += len(v)
		}
	}
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows >= b.batchSize() || b.bytes >= batchBytes {
		return b.flush()
	}
	return nil
}

func (b *inserter) statement(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.width), ", ") + ")"
	return b.head + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

func (b *inserter) flush() error {
	if b.rows == 0 {
		return nil
	}
	var err error
	if b.rows == b.batchSize() {
		if b.full == nil {
			b.full, err = b.tx.PrepareContext(b.ctx, b.statement(b.rows))
			if err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(b.ctx, b.statement(b.rows), b.args...)
	}
	if err != nil {
		return err
	}
	b.done += int64(b.rows)
	b.first = b.done + 1
	b.args, b.rows, b.bytes = b.args[:0], 0, 0
	return nil
}

func (b *inserter) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// syncIdentities moves every identity of a server's tables past the ids written with rows
// (a copy of an office), so that the next row gets the next free id (SQLite's INTEGER
// PRIMARY KEY does so alone). SyncIdentities runs it in a transaction of its own.
func (tx *Tx) syncIdentities() error {
	if !tx.db.pg {
		return nil
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attidentity <> '' AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY 1, 2`)
	if err != nil {
		return err
	}
	var ids [][2]string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, [2]string{t, c})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		t, c := quoteIdent(id[0]), quoteIdent(id[1])
		if _, err := tx.ExecContext(tx.ctx, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("+c+"), 0) + 1, false) FROM "+t,
			t, id[1]); err != nil {
			return fmt.Errorf("identity of %s: %w", id[0], err)
		}
	}
	return nil
}

// fillSearch fills the target's search tables. On a file, residents' names and issues'
// texts are indexed by the target's own triggers as their rows are written; on a server the
// program writes the issues' terms (indexIssue), and names are found through an index of
// residents. The keyed terms of residents' numbers and addresses (resident_numbers) can only
// be made with the data key, so the source's are copied as they are: on a file read back
// from its FTS5 index term by term (the table keeps no text of its own).
func (src *DB) fillSearch(ctx context.Context, snap *snapshot, tx *Tx) error {
	ins := newInserter(ctx, tx, "INSERT INTO resident_numbers (rowid, terms) VALUES ", 2)
	defer ins.close()
	if src.pg {
		rows, err := snap.QueryContext(ctx, "SELECT rowid, terms FROM resident_numbers ORDER BY rowid")
		if err != nil {
			return fmt.Errorf("read search terms: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var terms string
			if err := rows.Scan(&id, &terms); err != nil {
				return err
			}
			if err := ins.add([]any{id, terms}); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
	} else if err := copyFileTerms(ctx, snap, ins); err != nil {
		return err
	}
	if err := ins.flush(); err != nil {
		return err
	}
	if !tx.db.pg {
		return nil
	}
	rows, err := snap.QueryContext(ctx, "SELECT id, COALESCE(description, ''), COALESCE(address, '') FROM issues ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var desc, addr string
		if err := rows.Scan(&id, &desc, &addr); err != nil {
			return err
		}
		if err := tx.indexIssue(id, desc, addr); err != nil {
			return err
		}
	}
	return rows.Err()
}

// copyFileTerms reads a file's resident_numbers back from its FTS5 index (fts5vocab gives
// every term of every row at its position) and writes each row's terms with ins.
func copyFileTerms(ctx context.Context, snap *snapshot, ins *inserter) error {
	if _, err := snap.exec(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.move_numbers USING fts5vocab(main, resident_numbers, instance)"); err != nil {
		return fmt.Errorf("read search terms: %w", err)
	}
	rows, err := snap.QueryContext(ctx, "SELECT doc, term FROM temp.move_numbers ORDER BY doc, offset")
	if err != nil {
		return fmt.Errorf("read search terms: %w", err)
	}
	defer rows.Close()
	var cur int64
	var terms []string
	flush := func() error {
		if len(terms) == 0 {
			return nil
		}
		err := ins.add([]any{cur, strings.Join(terms, " ") + " "})
		terms = terms[:0]
		return err
	}
	for rows.Next() {
		var doc int64
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			return err
		}
		if doc != cur {
			if err := flush(); err != nil {
				return err
			}
			cur = doc
		}
		terms = append(terms, term)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// verifyCopy checks the copy in its own transaction tx, before it commits: the target is
// now the source's office (its identifier and key), its audit chain verifies under the key
// and ends at the source's head, and the kept files match their sums. (The rows were counted
// table by table as they were written.) A copy that fails leaves nothing behind.
func (db *DB) verifyCopy(ctx context.Context, tx *Tx, name string, head data.AuditHeadInfo, key []byte) error {
	fail := func(what string) error {
		return data.Invalid("to", "复制后核对“%s”未通过：%s。目标数据库未写入任何内容", name, what)
	}
	var id string
	if err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&id); err != nil && !isNoRows(err) {
		return err
	}
	if id != head.OfficeID {
		return fail("单位标识与源不同")
	}
	db.officeID, db.auditKey = head.OfficeID, key
	probs, _, err := db.verifyAuditOn(ctx, tx, false)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return fail(probs[0].Message)
	}
	var seq int64
	var hash string
	if err := tx.QueryRowContext(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&seq, &hash); err != nil && !isNoRows(err) {
		return err
	}
	if seq != head.Seq || hash != head.Hash {
		return fail(fmt.Sprintf("审计日志到第 %d 条，源到第 %d 条", seq, head.Seq))
	}
	bprobs, err := storedBytesProblems(ctx, tx, nil)
	if err != nil {
		return err
	}
	if len(bprobs) > 0 {
		return fail(bprobs[0])
	}
	return nil
}

// restoreServer restores the backup file from into the empty server database at url: the
// backup is verified completely (with its manifest), brought to this program's data version
// in a temporary copy when it is older, moved as Migrate moves an office, and the restore is
// audited on the server as the acting administrator (ctx's user).
func restoreServer(ctx context.Context, url, from string) error {
	from, _ = filepath.Abs(from)
	head, err := verifyBackup(ctx, from)
	if err != nil {
		return err
	}
	if err := checkManifest(from, head.AuditHeadInfo, head.key); err != nil {
		return err
	}
	srcPath := from
	var version int
	if err := func() error {
		conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(from)+"?mode=ro&_pragma=busy_timeout(5000)")
		if err != nil {
			return err
		}
		defer conn.Close()
		return conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version)
	}(); err != nil {
		return notADatabase(from, err)
	}
	if version < SchemaVersion() {
		// An older backup is upgraded in a copy of its own; the backup stays as it is.
		tmp, err := TempDatabase(filepath.Join(os.TempDir(), "restore.db"))
		if err != nil {
			return err
		}
		defer RemoveDatabase(tmp)
		if err := copyFile(from, tmp); err != nil {
			return err
		}
		up, err := Open(tmp, Options{MustExist: true})
		if err != nil {
			return err
		}
		if err := up.Close(); err != nil {
			return err
		}
		srcPath = tmp
	}
	src, err := openMoveSource(ctx, srcPath)
	if err != nil {
		return err
	}
	_, err = src.copyToNew(ctx, url)
	src.Close()
	if err != nil {
		return err
	}
	db, err := Open(url, Options{MustExist: true})
	if err != nil {
		return err
	}
	err = db.write(ctx, func(tx *Tx) error {
		return tx.Audit("restore", "settings", 0, nil, map[string]any{"from": filepath.Base(from), "backup_audit_seq": head.Seq})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
