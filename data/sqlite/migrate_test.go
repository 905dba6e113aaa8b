package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite/dbtest"
)

// rowCounts counts the rows of every table a move copies.
func rowCounts(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	tables, err := db.moveTables(context.Background())
	docMust(t, err)
	out := map[string]int64{}
	for _, tb := range tables {
		var n int64
		docMust(t, db.db.QueryRow("SELECT count(*) FROM "+quoteIdent(tb)).Scan(&n))
		out[tb] = n
	}
	return out
}

// rowCountsAt is rowCounts of the database at loc, opened read-only.
func rowCountsAt(t *testing.T, loc string) map[string]int64 {
	t.Helper()
	db, err := Open(loc, Options{ReadOnly: true})
	docMust(t, err)
	defer db.Close()
	return rowCounts(t, db)
}

// allTables lists every table of the database, search and FTS5 shadow tables included.
func allTables(t *testing.T, db *DB) map[string]string {
	t.Helper()
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if db.pg {
		q = "SELECT tablename, '' FROM pg_tables WHERE schemaname = current_schema()"
	}
	rows, err := db.db.Query(q)
	docMust(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, create string
		docMust(t, rows.Scan(&name, &create))
		out[name] = create
	}
	return out
}

// TestMoveTablesCoverTheSchema: every table of the schema is copied by Migrate or is one of
// the search tables fillSearch fills (or an FTS5 shadow table), parents come before the
// tables referring to them, and the tables a new database is seeded with are seedTables.
func TestMoveTablesCoverTheSchema(t *testing.T) {
	db, err := Open(dbtest.Location(t, "new.db"), Options{})
	docMust(t, err)
	defer db.Close()
	tables, err := db.moveTables(context.Background())
	docMust(t, err)
	moved := map[string]bool{}
	for _, tb := range tables {
		moved[tb] = true
	}
	for name, create := range allTables(t, db) {
		base := name
		for _, s := range []string{"_data", "_idx", "_content", "_docsize", "_config"} {
			if b, ok := strings.CutSuffix(name, s); ok && searchTables[b] {
				base = b
			}
		}
		if !moved[name] && !searchTables[base] {
			t.Errorf("table %s is neither moved nor a search table fillSearch fills (%s)", name, create)
		}
		if strings.HasPrefix(create, "CREATE VIRTUAL") && !searchTables[name] {
			t.Errorf("full-text table %s is not filled on the target of a move", name)
		}
	}
	for name := range searchTables {
		if moved[name] {
			t.Errorf("search table %s is copied as rows", name)
		}
	}
	pos := map[string]int{}
	for i, tb := range tables {
		pos[tb] = i
	}
	fkQ := `SELECT m.name, f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
	if db.pg {
		fkQ = `SELECT cl.relname, pc.relname FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
			JOIN pg_class pc ON pc.oid = co.confrelid WHERE co.contype = 'f'`
	}
	fk, err := db.db.Query(fkQ)
	docMust(t, err)
	for fk.Next() {
		var child, parent string
		docMust(t, fk.Scan(&child, &parent))
		if child != parent && pos[parent] > pos[child] {
			t.Errorf("%s is copied before %s, which it refers to", child, parent)
		}
	}
	fk.Close()
	var seeded []string
	for name, n := range rowCounts(t, db) {
		if n > 0 {
			seeded = append(seeded, name)
		}
	}
	sort.Strings(seeded)
	var want []string
	for name := range seedTables {
		want = append(want, name)
	}
	sort.Strings(want)
	if strings.Join(seeded, ",") != strings.Join(want, ",") {
		t.Errorf("a new database has rows in %v; seedTables says %v", seeded, want)
	}
}

// TestMoveTablesSameOnBothEngines: a file and a server hold the same tables to move, with the
// same columns (a server's link tables have their ordering column besides).
func TestMoveTablesSameOnBothEngines(t *testing.T) {
	ctx := context.Background()
	file, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{})
	docMust(t, err)
	defer file.Close()
	server, err := Open(dbtest.Postgres(t), Options{})
	docMust(t, err)
	defer server.Close()
	ft, err := file.moveTables(ctx)
	docMust(t, err)
	st, err := server.moveTables(ctx)
	docMust(t, err)
	if strings.Join(ft, ",") != strings.Join(st, ",") {
		t.Fatalf("tables to move:\nfile   %v\nserver %v", ft, st)
	}
	names := func(db *DB, table string) string {
		cols, err := db.columns(ctx, db.db, table)
		docMust(t, err)
		var out []string
		for _, c := range cols {
			if c.name != ordering {
				out = append(out, c.name)
			}
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	for _, tb := range ft {
		if f, s := names(file, tb), names(server, tb); f != s {
			t.Errorf("table %s: file columns %s, server columns %s", tb, f, s)
		}
	}
}

// keyFiles lists the key folder.
func keyFiles(t *testing.T) []string {
	t.Helper()
	dir, err := KeyDir()
	docMust(t, err)
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// movedOffice is cryptOffice with an attachment and an issue, closed, at its location.
func movedOffice(t *testing.T) (string, []data.Resident) {
	t.Helper()
	e, rs := cryptOffice(t)
	_, err := e.db.AddAttachment(e.clerk, "residents", e.wang, "户口本.png", pngBytes)
	docMust(t, err)
	cid := communityID(t, e.db, "古城社区")
	iss := &data.Issue{FoundOn: mustDate("2026-11-20"), Source: "日常巡查", Category: "环境卫生", Description: "鹿苑新村井盖缺失，夜间行人易跌落",
		CommunityID: cid, Address: "鹿苑新村5号楼", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", ResponsiblePerson: "张主任",
		Deadline: mustDate("2026-11-30"), Measures: "设置围挡并报修"}
	docMust(t, e.db.CreateIssue(e.clerk, iss, nil))
	loc := e.db.Path()
	docMust(t, e.db.Close())
	return loc, rs
}

// checkMoved opens a moved office, logs in, and checks it as `check --user` does; it
// searches as the source was searched, and writes a new resident after the copied ones.
func checkMoved(t *testing.T, loc string, rs []data.Resident) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(loc, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	admin, err := db.Login(ctx, "admin", "secret123")
	docMust(t, err)
	actx := data.NewContextWithUser(ctx, admin)
	chk, err := db.Check(actx)
	docMust(t, err)
	if len(chk.Problems) > 0 || !chk.Decrypted {
		t.Errorf("check of the moved office at %s: %v (decrypted %v)", LocationName(loc), chk.Problems, chk.Decrypted)
	}
	for _, q := range []string{rs[0].IDNumber[6:12], "5201234", "周凤", "和平路7"} {
		found, err := db.SearchResidents(actx, q, 10)
		docMust(t, err)
		if len(found) != 1 || found[0].Name != "周凤英" {
			t.Errorf("search %q on the moved office at %s: %v", q, LocationName(loc), found)
		}
	}
	_, n, err := db.ListIssues(actx, data.IssueFilter{Query: "井盖"})
	docMust(t, err)
	if n != 1 {
		t.Errorf("issue search on the moved office at %s: %d found", LocationName(loc), n)
	}
	// The ids and the audit chain go on from the copied ones.
	var last int64
	docMust(t, db.db.QueryRow("SELECT MAX(id) FROM residents").Scan(&last))
	r := &data.Resident{Name: "新来的", IDNumber: idn(1970, 1, 1, 55+int(last)), CommunityID: communityID(t, db, "古城社区")}
	docMust(t, db.CreateResident(actx, r))
	if r.ID != last+1 {
		t.Errorf("new resident id %d after %d", r.ID, last)
	}
	if probs, _, err := db.VerifyAudit(ctx); err != nil || len(probs) > 0 {
		t.Errorf("audit after writing to the moved office: %v %v", probs, err)
	}
}

func TestMigrateToFile(t *testing.T) {
	from, rs := movedOffice(t)
	want := rowCountsAt(t, from)
	keysBefore := keyFiles(t)
	var before string
	if !IsServerURL(from) {
		before, _, _ = fileSHA256(from)
	}
	to := filepath.Join(t.TempDir(), "迁移", "office.db")
	docMust(t, os.MkdirAll(filepath.Dir(to), 0o755))
	rep, err := Migrate(context.Background(), from, to, "admin", "secret123")
	docMust(t, err)
	// The source is only read.
	if after, _, _ := fileSHA256(from); before != "" && after != before {
		t.Errorf("the source file changed during the move")
	}
	// Nothing but the office is left beside it, and the new database's own key is gone.
	entries, _ := os.ReadDir(filepath.Dir(to))
	for _, e := range entries {
		if e.Name() != "office.db" {
			t.Errorf("left beside the target: %s", e.Name())
		}
	}
	if k := keyFiles(t); strings.Join(k, ",") != strings.Join(keysBefore, ",") {
		t.Errorf("key folder %v after the move, %v before", k, keysBefore)
	}
	if st, err := os.Stat(to); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("target: %v; want it owner-readable only", err)
	}
	got := rowCountsAt(t, to)
	for name, n := range want {
		if got[name] != n {
			t.Errorf("table %s: %d rows moved, the source has %d", name, got[name], n)
		}
		if rep.Rows(name) != n {
			t.Errorf("report: %s %d rows, the source has %d", name, rep.Rows(name), n)
		}
	}
	if len(rep.Tables) != len(want) {
		t.Errorf("report names %d tables, the source has %d", len(rep.Tables), len(want))
	}
	if rep.Rows("residents") != 7 || rep.Rows("attachments") != 1 || rep.Rows("issues") != 1 || rep.SignedPDFs != 1 {
		t.Errorf("report: residents %d, attachments %d, issues %d, PDFs %d", rep.Rows("residents"), rep.Rows("attachments"), rep.Rows("issues"), rep.SignedPDFs)
	}
	checkMoved(t, to, rs)
}

// TestMigrateThroughServer moves an office to a server and back to a file; every table holds
// the same rows at each step, and each copy checks and searches as the source did.
func TestMigrateThroughServer(t *testing.T) {
	server := dbtest.Postgres(t)
	from, rs := movedOffice(t)
	want := rowCountsAt(t, from)
	ctx := context.Background()
	keysBefore := keyFiles(t)
	rep, err := Migrate(ctx, from, server, "", "")
	docMust(t, err)
	if rep.Total() == 0 || rep.Rows("residents") != want["residents"] {
		t.Errorf("report of the move to the server: %+v", rep)
	}
	for name, n := range rowCountsAt(t, server) {
		if n != want[name] {
			t.Errorf("server table %s: %d rows, the source has %d", name, n, want[name])
		}
	}
	if k := keyFiles(t); strings.Join(k, ",") != strings.Join(keysBefore, ",") {
		t.Errorf("key folder %v after the move, %v before", k, keysBefore)
	}
	// Moving again onto the office now there is refused, naming it.
	_, err = Migrate(ctx, from, server, "", "")
	wantMessage(t, err, data.ErrConflict, "不是空数据库")

	// The office goes on on the server (a log-in and a new resident), then is archived back
	// to a file: one office, one live copy at a time, as the anchor of its chain expects.
	checkMoved(t, server, rs)
	want = rowCountsAt(t, server)
	back := filepath.Join(t.TempDir(), "归档.db")
	_, err = Migrate(ctx, server, back, "", "")
	docMust(t, err)
	for name, n := range rowCountsAt(t, back) {
		if n != want[name] {
			t.Errorf("table %s after the round trip: %d rows, the server has %d", name, n, want[name])
		}
	}
	checkMoved(t, back, rs)
}

func TestMigrateRefuses(t *testing.T) {
	from, _ := movedOffice(t)
	ctx := context.Background()
	dir := t.TempDir()

	_, err := Migrate(ctx, from, from, "", "")
	wantMessage(t, err, data.ErrInvalid, "是同一个数据库")

	existing := filepath.Join(dir, "有了.db")
	docMust(t, os.WriteFile(existing, []byte("x"), 0o600))
	_, err = Migrate(ctx, from, existing, "", "")
	wantMessage(t, err, data.ErrConflict, "目标文件“"+existing+"”已存在")

	_, err = Migrate(ctx, from, filepath.Join(dir, "a.db"), "chuangkou", "secret123")
	wantMessage(t, err, data.ErrForbidden, "只有管理员可以迁移单位")
	_, err = Migrate(ctx, from, filepath.Join(dir, "a.db"), "admin", "wrong")
	wantMessage(t, err, data.ErrUnauthorized, "按源数据库中的账号核对")

	// A copy that fails half-way leaves nothing: no file, no temporary file, no key.
	keysBefore := keyFiles(t)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Migrate(cctx, from, filepath.Join(dir, "half.db"), "", ""); err == nil {
		t.Fatal("a cancelled move succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a failed move the folder holds %v", names)
	}
	if k := keyFiles(t); strings.Join(k, ",") != strings.Join(keysBefore, ",") {
		t.Errorf("key folder %v after a failed move, %v before", k, keysBefore)
	}

	// A source whose audit log was edited is not moved.
	db, err := Open(from, Options{})
	docMust(t, err)
	_, err = db.db.Exec("UPDATE audit_log SET user_name = '冒名' WHERE id = 3")
	docMust(t, err)
	kp, _ := keyPath(db.officeID)
	db.Close()
	_, err = Migrate(ctx, from, filepath.Join(dir, "b.db"), "", "")
	wantMessage(t, err, data.ErrInvalid, "审计日志不完整：审计日志第 3 条内容被改动")

	// Without the office's key on this computer nothing can be verified: refused.
	docMust(t, os.Rename(kp, kp+".away"))
	_, err = Migrate(ctx, from, filepath.Join(dir, "c.db"), "", "")
	wantMessage(t, err, data.ErrInvalid, "本机没有")
	docMust(t, os.Rename(kp+".away", kp))

	// A source at an older data version is upgraded by the program first, not moved.
	w, err := Open(from, Options{})
	docMust(t, err)
	_, err = w.db.Exec("DELETE FROM schema_migrations WHERE version = ?", SchemaVersion())
	w.Close()
	docMust(t, err)
	_, err = Migrate(ctx, from, filepath.Join(dir, "d.db"), "", "")
	wantMessage(t, err, data.ErrInvalid, "数据版本较旧")
}

// TestMigrateFailureLeavesServerEmpty: a move into a server that fails part-way (a source
// row the server refuses) or whose check fails (a damaged file in the source) leaves the
// server database as empty as it was.
func TestMigrateFailureLeavesServerEmpty(t *testing.T) {
	dbtest.FileOnly(t) // the source is edited as a file
	server := dbtest.Postgres(t)
	from, _ := movedOffice(t)
	raw, err := sql.Open("sqlite", "file:"+from)
	docMust(t, err)
	// A number the server's INTEGER column cannot hold: SQLite keeps whatever it is given.
	_, err = raw.Exec("UPDATE issues SET deadline_workdays = '十天'")
	docMust(t, err)
	raw.Close()
	_, err = Migrate(context.Background(), from, server, "", "")
	wantMessage(t, err, data.ErrInvalid, "复制表 issues 的第 1 行起出错，目标数据库未写入任何内容")
	empty := func() {
		t.Helper()
		for name, n := range rowCountsAt(t, server) {
			if n > 0 && !seedTables[name] {
				t.Errorf("after a failed move the server's table %s has %d rows", name, n)
			}
		}
	}
	empty()

	// An attachment changed in the source is copied as it is, and the check of the copy,
	// before it commits, refuses it: the server stays empty; a file target is not made.
	raw, err = sql.Open("sqlite", "file:"+from)
	docMust(t, err)
	_, err = raw.Exec("UPDATE issues SET deadline_workdays = 10")
	docMust(t, err)
	_, err = raw.Exec("UPDATE attachments SET content = x'00010203'")
	docMust(t, err)
	raw.Close()
	_, err = Migrate(context.Background(), from, server, "", "")
	wantMessage(t, err, data.ErrInvalid, "复制后核对")
	wantMessage(t, err, data.ErrInvalid, "文件内容被改动。目标数据库未写入任何内容")
	empty()
	to := filepath.Join(t.TempDir(), "b.db")
	_, err = Migrate(context.Background(), from, to, "", "")
	wantMessage(t, err, data.ErrInvalid, "文件内容被改动。目标数据库未写入任何内容")
	if entries, _ := os.ReadDir(filepath.Dir(to)); len(entries) > 0 {
		t.Errorf("a refused copy left %d files", len(entries))
	}
}

// TestServerBackupRestore: a server's office is backed up into a file the program verifies
// and can restore, and restored into an empty server database (not over an office) by an
// administrator of the backup, the restore audited.
func TestServerBackupRestore(t *testing.T) {
	server := dbtest.Postgres(t)
	from, _ := movedOffice(t)
	ctx := context.Background()
	_, err := Migrate(ctx, from, server, "", "")
	docMust(t, err)
	want := rowCountsAt(t, server)

	srv, err := Open(server, Options{ReadOnly: true})
	docMust(t, err)
	// No automatic backups of a server from each PC (and no folder named after its URL).
	wd, _ := os.Getwd()
	before, _ := os.ReadDir(wd)
	if p, err := srv.AutoBackup(ctx, true); p != "" || err != nil {
		t.Errorf("automatic backup of a server: %q, %v", p, err)
	}
	if after, _ := os.ReadDir(wd); len(after) != len(before) {
		t.Errorf("automatic backup of a server left %d new entries in %s", len(after)-len(before), wd)
	}
	out := filepath.Join(t.TempDir(), "备份", "服务器备份.db")
	docMust(t, srv.Backup(ctx, out))
	head, err := srv.Head(ctx)
	docMust(t, err)
	srv.Close()
	docMust(t, verifyFile(ctx, out))
	if _, err := os.Stat(manifestPath(out)); err != nil {
		t.Errorf("no manifest beside the backup: %v", err)
	}
	for name, n := range rowCountsAt(t, out) {
		if n != want[name] {
			t.Errorf("backup table %s: %d rows, the server has %d", name, n, want[name])
		}
	}

	_, err = RestoreAs(ctx, server, out, "admin", "secret123")
	wantMessage(t, err, data.ErrConflict, "不是空数据库")
	other := dbtest.Postgres(t)
	_, err = RestoreAs(ctx, other, out, "chuangkou", "secret123")
	wantMessage(t, err, data.ErrForbidden, "只有管理员可以恢复备份")
	kept, err := RestoreAs(ctx, other, out, "admin", "secret123")
	docMust(t, err)
	if kept != "" {
		t.Errorf("restore into an empty server keeps %q", kept)
	}
	got := rowCountsAt(t, other)
	for name, n := range want {
		if name == "audit_log" {
			n++ // the restore itself
		}
		if got[name] != n {
			t.Errorf("restored table %s: %d rows, want %d", name, got[name], n)
		}
	}
	db, err := Open(other, Options{ReadOnly: true})
	docMust(t, err)
	defer db.Close()
	if probs, _, err := db.VerifyAudit(ctx); err != nil || len(probs) > 0 {
		t.Errorf("audit of the restored office: %v %v", probs, err)
	}
	es, err := db.ListAudit(ctx, data.AuditFilter{Limit: 1})
	docMust(t, err)
	if len(es) != 1 || es[0].Action != "restore" || es[0].UserName != "李管理" || es[0].ID != head.Seq+1 {
		t.Errorf("newest audit entry after the restore: %+v", es)
	}
}
