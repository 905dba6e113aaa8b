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
)

// rawCounts counts the rows of every table of a database file, shadow tables of the full-text
// indexes included, read straight from the file.
func rawCounts(t *testing.T, path string) map[string]int64 {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		docMust(t, rows.Scan(&n))
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int64{}
	for _, n := range names {
		var c int64
		docMust(t, conn.QueryRow(`SELECT count(*) FROM "`+n+`"`).Scan(&c))
		out[n] = c
	}
	return out
}

// TestMoveTablesCoverTheSchema: every table of the schema is copied by Migrate or is one of
// the full-text tables fillSearch fills (or their shadow tables), and the tables a new
// database is seeded with are exactly seedTables.
func TestMoveTablesCoverTheSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := Open(path, Options{})
	docMust(t, err)
	defer db.Close()
	tables, err := db.moveTables(context.Background())
	docMust(t, err)
	moved := map[string]bool{}
	for _, tb := range tables {
		moved[tb] = true
	}
	search := map[string]bool{"residents_fts": true, "issues_fts": true, "resident_numbers": true}
	rows, err := db.db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	docMust(t, err)
	for rows.Next() {
		var name, create string
		docMust(t, rows.Scan(&name, &create))
		base := name
		for _, s := range []string{"_data", "_idx", "_content", "_docsize", "_config"} {
			if b, ok := strings.CutSuffix(name, s); ok && search[b] {
				base = b
			}
		}
		switch {
		case moved[name]:
		case search[base]:
		default:
			t.Errorf("table %s is neither moved nor a search table fillSearch fills (%s)", name, create)
		}
		if strings.HasPrefix(create, "CREATE VIRTUAL") && !search[name] {
			t.Errorf("full-text table %s is not filled on the target of a move", name)
		}
	}
	rows.Close()
	for name := range search {
		if moved[name] {
			t.Errorf("search table %s is copied as rows", name)
		}
	}
	// Parents before children.
	pos := map[string]int{}
	for i, tb := range tables {
		pos[tb] = i
	}
	for _, tb := range tables {
		fk, err := db.db.Query(`SELECT "table" FROM pragma_foreign_key_list(?)`, tb)
		docMust(t, err)
		for fk.Next() {
			var p string
			docMust(t, fk.Scan(&p))
			if p != tb && pos[p] > pos[tb] {
				t.Errorf("%s is copied before %s, which it refers to", tb, p)
			}
		}
		fk.Close()
	}
	var seeded []string
	for name, n := range rawCounts(t, path) {
		if n > 0 && moved[name] {
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

// movedOffice is cryptOffice with an attachment and an issue, closed, at its file's path.
func movedOffice(t *testing.T) (string, *docEnv, []data.Resident) {
	t.Helper()
	e, rs := cryptOffice(t)
	_, err := e.db.AddAttachment(e.clerk, "residents", e.wang, "户口本.png", pngBytes)
	docMust(t, err)
	cid := communityID(t, e.db, "古城社区")
	iss := &data.Issue{FoundOn: mustDate("2026-11-20"), Source: "日常巡查", Category: "环境卫生", Description: "鹿苑新村井盖缺失，夜间行人易跌落",
		CommunityID: cid, Address: "鹿苑新村5号楼", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", ResponsiblePerson: "张主任",
		Deadline: mustDate("2026-11-30"), Measures: "设置围挡并报修"}
	docMust(t, e.db.CreateIssue(e.clerk, iss, nil))
	path := e.db.Path()
	docMust(t, e.db.Close())
	return path, e, rs
}

func TestMigrateFileToFile(t *testing.T) {
	from, _, rs := movedOffice(t)
	keysBefore := keyFiles(t)
	to := filepath.Join(t.TempDir(), "迁移", "office.db")
	docMust(t, os.MkdirAll(filepath.Dir(to), 0o755))
	ctx := context.Background()
	rep, err := Migrate(ctx, from, to, "admin", "secret123")
	docMust(t, err)
	// Nothing but the office is left beside it, and the new database's own key is gone.
	entries, _ := os.ReadDir(filepath.Dir(to))
	for _, e := range entries {
		if e.Name() != "office.db" {
			t.Errorf("left beside the target: %s", e.Name())
		}
	}

	// Every table, with the search tables' shadow tables, holds what the source holds.
	want, got := rawCounts(t, from), rawCounts(t, to)
	for name, n := range want {
		if got[name] != n && !strings.HasSuffix(name, "_data") && !strings.HasSuffix(name, "_idx") {
			t.Errorf("table %s: %d rows moved, the source has %d", name, got[name], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the target has %d tables, the source %d", len(got), len(want))
	}
	for _, tc := range rep.Tables {
		if tc.Rows != want[tc.Table] {
			t.Errorf("report: %s %d rows, the source has %d", tc.Table, tc.Rows, want[tc.Table])
		}
	}
	if rep.Rows("residents") != 7 || rep.Rows("attachments") != 1 || rep.Rows("issues") != 1 || rep.SignedPDFs != 1 {
		t.Errorf("report: residents %d, attachments %d, issues %d, PDFs %d", rep.Rows("residents"), rep.Rows("attachments"), rep.Rows("issues"), rep.SignedPDFs)
	}
	if st, err := os.Stat(to); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("target: %v, mode %v; want owner-readable only", err, st.Mode().Perm())
	}
	if k := keyFiles(t); strings.Join(k, ",") != strings.Join(keysBefore, ",") {
		t.Errorf("key folder %v after the move, %v before", k, keysBefore)
	}

	// The moved office opens, checks and is searched as the source was.
	db, err := Open(to, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	admin, err := db.Login(ctx, "admin", "secret123")
	docMust(t, err)
	actx := data.NewContextWithUser(ctx, admin)
	chk, err := db.Check(actx)
	docMust(t, err)
	if len(chk.Problems) > 0 || !chk.Decrypted {
		t.Errorf("check of the moved office: %v (decrypted %v)", chk.Problems, chk.Decrypted)
	}
	for _, q := range []string{rs[0].IDNumber[6:12], "5201234", "周凤", "和平路7"} {
		found, err := db.SearchResidents(actx, q, 10)
		docMust(t, err)
		if len(found) != 1 || found[0].Name != "周凤英" {
			t.Errorf("search %q on the moved office: %v", q, found)
		}
	}
	issues, n, err := db.ListIssues(actx, data.IssueFilter{Query: "井盖"})
	docMust(t, err)
	if n != 1 || len(issues) != 1 {
		t.Errorf("issue search on the moved office: %d", n)
	}
	// A new record continues the ids and the audit chain.
	r := &data.Resident{Name: "新来的", IDNumber: idn(1970, 1, 1, 55), CommunityID: communityID(t, db, "古城社区")}
	docMust(t, db.CreateResident(actx, r))
	if r.ID != rs[1].ID+1 {
		t.Errorf("new resident id %d after %d", r.ID, rs[1].ID)
	}
	if probs, _, err := db.VerifyAudit(ctx); err != nil || len(probs) > 0 {
		t.Errorf("audit after writing to the moved office: %v %v", probs, err)
	}
}

func TestMigrateRefuses(t *testing.T) {
	from, _, _ := movedOffice(t)
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
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
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
	raw, err := sql.Open("sqlite", "file:"+from)
	docMust(t, err)
	_, err = raw.Exec("UPDATE audit_log SET user_name = '冒名' WHERE id = 3")
	docMust(t, err)
	raw.Close()
	_, err = Migrate(ctx, from, filepath.Join(dir, "b.db"), "", "")
	wantMessage(t, err, data.ErrInvalid, "审计日志不完整：审计日志第 3 条内容被改动")

	// Without the office's key on this computer nothing can be verified: refused.
	db, err := Open(from, Options{ReadOnly: true})
	docMust(t, err)
	kp, _ := keyPath(db.officeID)
	db.Close()
	docMust(t, os.Rename(kp, kp+".away"))
	defer os.Rename(kp+".away", kp)
	_, err = Migrate(ctx, from, filepath.Join(dir, "c.db"), "", "")
	wantMessage(t, err, data.ErrInvalid, "本机没有")
}
