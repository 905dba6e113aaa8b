package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"taizhang/data"
	"taizhang/data/sqlite/dbtest"
)

// trustOffice is an office with a few residents, closed, ready to be attacked through its
// file: the path and the admin's context for reopening.
func trustOffice(t *testing.T) string {
	t.Helper()
	db, ctx := newTestDB(t)
	for i := 0; i < 4; i++ {
		r := &data.Resident{Name: "居民" + string(rune('甲'+i)), IDNumber: idn(1950, 2, 1+i, 20+i), Phone: "1380000000" + string(rune('0'+i)),
			CommunityID: communityID(t, db, "古城社区")}
		if err := db.CreateResident(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// attack changes the file the way someone with an SQLite tool would: a plain connection,
// none of the program's code.
func attack(t *testing.T, path string, fn func(conn *sql.DB)) {
	t.Helper()
	conn, err := openRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fn(conn)
}

func mustExec(t *testing.T, conn *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// checkFile runs `check` on the file and returns its problems joined.
func checkFile(t *testing.T, path string) string {
	t.Helper()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open for check: %v", err)
	}
	defer db.Close()
	rep, err := db.Check(context.Background())
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return strings.Join(rep.Problems, "\n")
}

func wantProblem(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("check found:\n%s\nwant a problem containing %q", got, w)
		}
	}
}

func TestCheckPassesUntouchedOffice(t *testing.T) {
	path := trustOffice(t)
	if got := checkFile(t, path); got != "" {
		t.Fatalf("a sound office has problems:\n%s", got)
	}
}

// recomputeChain rewrites every hash from the first entry on with the published (unkeyed)
// algorithm and points the head at the new last entry, as an attacker who edited an entry
// would.
func recomputeChain(t *testing.T, conn *sql.DB) {
	t.Helper()
	rows, err := conn.Query(`SELECT id, at, user_id, user_name, action, table_name, record_id, before, after FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var es []data.AuditEntry
	for rows.Next() {
		var e data.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After); err != nil {
			t.Fatal(err)
		}
		e.At = parseTS(at)
		es = append(es, e)
	}
	rows.Close()
	prev := ""
	for _, e := range es {
		e.PrevHash = prev
		e.Hash = auditHash(e)
		mustExec(t, conn, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", e.PrevHash, e.Hash, e.ID)
		prev = e.Hash
	}
	last := es[len(es)-1]
	mustExec(t, conn, "UPDATE settings SET value = ? WHERE key = 'audit_head'", strings.Join([]string{itoa(last.ID), prev}, ":"))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCheckCatchesTailCutWithHeadRewritten(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		var id int64
		var hash string
		conn.QueryRow("SELECT MAX(id) FROM audit_log").Scan(&id)
		mustExec(t, conn, "DELETE FROM audit_log WHERE id >= ?", id-1)
		conn.QueryRow("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&id, &hash)
		mustExec(t, conn, "UPDATE settings SET value = ? WHERE key = 'audit_head'", itoa(id)+":"+hash)
	})
	wantProblem(t, checkFile(t, path), "链头签名不符", "审计日志被截断")
}

func TestCheckCatchesTailCutBackToAnOlderSignedHead(t *testing.T) {
	db, ctx := newTestDB(t)
	var oldHead string
	db.SQL().QueryRow("SELECT value FROM settings WHERE key = 'audit_head'").Scan(&oldHead)
	var oldID int64
	db.SQL().QueryRow("SELECT MAX(id) FROM audit_log").Scan(&oldID)
	r := &data.Resident{Name: "王五", IDNumber: idn(1950, 3, 3, 33), CommunityID: communityID(t, db, "古城社区")}
	if err := db.CreateResident(ctx, r); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "DELETE FROM audit_log WHERE id > ?", oldID)
		mustExec(t, conn, "UPDATE settings SET value = ? WHERE key = 'audit_head'", oldHead)
	})
	// The old head's signature is genuine; only the anchor outside the file knows better.
	wantProblem(t, checkFile(t, path), "审计日志被截断")
}

func TestCheckCatchesRecomputedChain(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "UPDATE audit_log SET after = replace(after, '居民乙', '某某某') WHERE action = 'create' AND after LIKE '%居民乙%'")
		recomputeChain(t, conn)
	})
	wantProblem(t, checkFile(t, path), "签名不符")
}

func TestCheckCatchesRecomputedChainWithSignaturesStripped(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "UPDATE audit_log SET after = replace(after, '居民乙', '某某某') WHERE after LIKE '%居民乙%'")
		mustExec(t, conn, "UPDATE audit_log SET mac = ''")
		recomputeChain(t, conn)
	})
	wantProblem(t, checkFile(t, path), "没有一条签名记录")
}

func TestCheckCatchesWipedLog(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "DELETE FROM audit_log")
		mustExec(t, conn, "DELETE FROM settings WHERE key = 'audit_head'")
	})
	wantProblem(t, checkFile(t, path), "审计日志为空", "审计日志被截断")
}

func TestCheckCatchesWipedLogAndOfficeID(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "DELETE FROM audit_log")
		mustExec(t, conn, "DELETE FROM settings WHERE key IN ('audit_head', 'office_id')")
	})
	wantProblem(t, checkFile(t, path), "单位标识（office_id）缺失")
}

func TestWriterRefusesOfficeWithoutKey(t *testing.T) {
	path := trustOffice(t)
	// An office from before the key travelled with it: its sealed copy taken out.
	attack(t, path, func(conn *sql.DB) { mustExec(t, conn, "DELETE FROM settings WHERE key = ?", keyAuditSealed) })
	t.Setenv(KeyDirEnv, t.TempDir()) // another computer: the key was not copied along
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "审计密钥") {
		t.Fatalf("open without the key: %v", err)
	}
	wantProblem(t, checkFile(t, path), "本机没有此单位的审计密钥")
}

// auditCount is the number of entries in the office's audit log.
func auditCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.db.QueryRowContext(context.Background(), "SELECT count(*) FROM audit_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditKeyTravelsWithOffice: on a second computer (another PC of the office's server, or
// the PC a file was moved to) the first log-in fetches the audit key the office carries,
// sealed under its data key; until then nothing is written, not even a failed log-in.
func TestAuditKeyTravelsWithOffice(t *testing.T) {
	path := trustOffice(t)
	first, _ := os.ReadFile(mustKeyPath(t, path))
	if len(first) == 0 {
		t.Fatal("the first computer has no key")
	}
	t.Setenv(KeyDirEnv, t.TempDir()) // the second computer
	db, err := Open(path, Options{Renderer: testRenderer})
	if err != nil {
		t.Fatalf("open on a second computer: %v", err)
	}
	defer db.Close()
	db.Now = func() time.Time { return testNow }
	before := auditCount(t, db)
	if _, err := db.Login(context.Background(), "admin", "wrong-password"); err == nil || !strings.Contains(data.Message(err), "登录名或密码不正确") {
		t.Fatalf("wrong password: %v", err)
	}
	if got := auditCount(t, db); got != before {
		t.Fatalf("a refused log-in before the key wrote %d audit entries", got-before)
	}
	if _, err := os.Stat(mustKeyPath(t, path)); err == nil {
		t.Fatal("a wrong password fetched the key")
	}
	admin, err := db.Login(context.Background(), "admin", "secret123")
	if err != nil {
		t.Fatalf("log-in on a second computer: %v", err)
	}
	got, err := os.ReadFile(mustKeyPath(t, path))
	if err != nil || string(got) != string(first) {
		t.Fatalf("the second computer's key %q, want the office's %q (%v)", got, first, err)
	}
	ctx := data.NewContextWithUser(context.Background(), admin)
	r := &data.Resident{Name: "新居民", IDNumber: idn(1960, 3, 3, 31), CommunityID: communityID(t, db, "古城社区")}
	if err := db.CreateResident(ctx, r); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check on the second computer:\n%s", got)
	}
}

// TestSealedAuditKeyMustSignTheLog: a key planted in the office that does not sign its log is
// refused at log-in, and nothing is kept on the computer.
func TestSealedAuditKeyMustSignTheLog(t *testing.T) {
	path := trustOffice(t)
	db, err := Open(path, Options{Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := db.Login(context.Background(), "admin", "secret123")
	if err != nil {
		t.Fatal(err)
	}
	// Someone with an account seals a key of their own into the office.
	err = db.write(data.NewContextWithUser(context.Background(), admin), func(tx *Tx) error {
		k, err := tx.needKey()
		if err != nil {
			return err
		}
		real := db.auditKey
		defer func() { db.auditKey = real }()
		db.auditKey = make([]byte, 32)
		return tx.sealAuditKey(k)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv(KeyDirEnv, t.TempDir())
	db, err = Open(path, Options{Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Login(context.Background(), "admin", "secret123"); err == nil || !strings.Contains(data.Message(err), "签名不符") {
		t.Fatalf("log-in with a planted key: %v", err)
	}
	if _, err := os.Stat(mustKeyPath(t, path)); err == nil {
		t.Fatal("a planted key was kept")
	}
}

// mustKeyPath is the key file of the office at path in the current key folder.
func mustKeyPath(t *testing.T, path string) string {
	t.Helper()
	var id string
	attack(t, path, func(conn *sql.DB) {
		if err := conn.QueryRow("SELECT value FROM settings WHERE key = 'office_id'").Scan(&id); err != nil {
			t.Fatal(err)
		}
	})
	p, err := keyPath(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// flipBlobBit flips one bit in the middle of a stored blob, dropping the trigger that keeps
// signed documents frozen first, as an attacker with sqlite3 would.
func flipBlobBit(t *testing.T, conn *sql.DB, table, col, where string, arg any) {
	t.Helper()
	var b []byte
	if err := conn.QueryRow("SELECT "+col+" FROM "+table+" WHERE "+where, arg).Scan(&b); err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x10
	mustExec(t, conn, dropTriggerSQL("document_bodies_frozen", "document_bodies"))
	mustExec(t, conn, "UPDATE "+table+" SET "+col+" = ? WHERE "+where, b, arg)
}

func TestStoredBytesVerified(t *testing.T) {
	e := newDocEnv(t)
	id := e.draft(t, e.zhang, refusal())
	number := e.sign(t, id)
	att, err := e.db.AddAttachment(e.clerk, "residents", e.wang, "户口本.png", pngBytes)
	docMust(t, err)
	path := e.db.Path()
	e.db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("before the attack: %s", got)
	}
	attack(t, path, func(conn *sql.DB) {
		flipBlobBit(t, conn, "document_bodies", "pdf", "document_id = ?", id)
		flipBlobBit(t, conn, "attachments", "content", "id = ?", att.ID)
	})
	wantProblem(t, checkFile(t, path), "文书 "+number+"（#"+itoa(id)+"）保存的 PDF 与签发时的校验值不一致",
		"附件 #"+itoa(att.ID)+"（户口本.png）的内容与保存时的校验值不一致")

	// Print and opening the attachment refuse and say why.
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	if _, err := db.PrintDocument(e.clerk, id); err == nil || !strings.Contains(err.Error(), "不能打印") {
		t.Fatalf("print of an altered PDF: %v", err)
	}
	if _, err := db.DocumentPDF(e.clerk, id); err == nil || !strings.Contains(err.Error(), "校验值不一致") {
		t.Fatalf("PDF of an altered document: %v", err)
	}
	if _, err := db.AttachmentContent(e.clerk, att.ID); err == nil || !strings.Contains(err.Error(), "户口本.png") {
		t.Fatalf("altered attachment opened: %v", err)
	}
	db.Close()
	if !onFile() {
		return // restoring a server from itself is no backup (the move helper's)
	}

	// Restore refuses such a file as a backup.
	other := filepath.Join(t.TempDir(), "other.db")
	if _, err := Restore(context.Background(), other, path); err == nil || !strings.Contains(err.Error(), "校验值不一致") {
		t.Fatalf("restore from an altered file: %v", err)
	}
}

func TestStoredBytesReplacedWithTheirSum(t *testing.T) {
	e := newDocEnv(t)
	id := e.draft(t, e.zhang, refusal())
	number := e.sign(t, id)
	path := e.db.Path()
	e.db.Close()
	attack(t, path, func(conn *sql.DB) {
		flipBlobBit(t, conn, "document_bodies", "pdf", "document_id = ?", id)
		var b []byte
		conn.QueryRow("SELECT pdf FROM document_bodies WHERE document_id = ?", id).Scan(&b)
		// The PDF is kept sealed: the sum of the bytes stored is the one to rewrite.
		mustExec(t, conn, dropTriggerSQL("documents_frozen", "documents"))
		mustExec(t, conn, "UPDATE documents SET pdf_sealed_sha256 = ? WHERE id = ?", sha256Hex(b), id)
	})
	wantProblem(t, checkFile(t, path), "文书 "+number+"（#"+itoa(id)+"）的 PDF 校验值与审计记录不一致",
		"触发器 documents_frozen）被删除", "触发器 document_bodies_frozen）被删除")
}

func TestRestoreRefusesBackupChangedAfterItsManifest(t *testing.T) {
	dbtest.FileOnly(t)
	db, ctx := newTestDB(t)
	r := &data.Resident{Name: "赵六", IDNumber: idn(1939, 5, 5, 151), CommunityID: communityID(t, db, "古城社区")}
	docMust(t, db.CreateResident(ctx, r))
	out := filepath.Join(t.TempDir(), "备份.db")
	docMust(t, db.Backup(ctx, out))
	path := db.Path()
	db.Close()
	attack(t, out, func(conn *sql.DB) {
		mustExec(t, conn, "UPDATE residents SET name = '赵七' WHERE id = ?", r.ID)
	})
	_, err := Restore(context.Background(), path, out)
	if err == nil || !strings.Contains(err.Error(), "在备份之后被改动") {
		t.Fatalf("restore of a changed backup: %v", err)
	}
}

// residentID returns the id of the resident named name.
func residentIDByName(t *testing.T, conn *sql.DB, name string) int64 {
	t.Helper()
	var id int64
	if err := conn.QueryRow("SELECT id FROM residents WHERE name = ?", name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCheckReconcilesResidentsAndAccounts(t *testing.T) {
	cases := []struct {
		name   string
		attack func(t *testing.T, conn *sql.DB) string // returns the problem check must name
	}{
		{"name changed", func(t *testing.T, conn *sql.DB) string {
			id := residentIDByName(t, conn, "居民乙")
			mustExec(t, conn, "UPDATE residents SET name = '某某某' WHERE id = ?", id)
			return "居民 #" + itoa(id) + " 的姓名与审计记录不一致"
		}},
		{"id number changed", func(t *testing.T, conn *sql.DB) string {
			id := residentIDByName(t, conn, "居民丙")
			mustExec(t, conn, "UPDATE residents SET id_number = ? WHERE id = ?", idn(1950, 2, 9, 99), id)
			return "居民 #" + itoa(id) + " 的身份证号与审计记录不一致"
		}},
		{"role made admin", func(t *testing.T, conn *sql.DB) string {
			mustExec(t, conn, "UPDATE users SET role = 'admin' WHERE username = 'chuangkou'")
			return "（chuangkou）的角色与审计记录不一致"
		}},
		{"hard-deleted resident", func(t *testing.T, conn *sql.DB) string {
			id := residentIDByName(t, conn, "居民丁")
			mustExec(t, conn, "DELETE FROM resident_tags WHERE resident_id = ?", id)
			mustExec(t, conn, "DELETE FROM residents WHERE id = ?", id)
			return "居民 #" + itoa(id) + " 已被删除"
		}},
		{"row with no history", func(t *testing.T, conn *sql.DB) string {
			mustExec(t, conn, `INSERT INTO residents (id, name, id_number, birth_date, male, community_id, created_at, updated_at)
				VALUES (899, '冒名', ?, '1950-01-01', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, idn(1950, 1, 1, 77))
			return "居民 #899（冒名）没有任何审计记录"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, ctx := newTestDB(t)
			docMust(t, db.CreateUser(ctx, &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}, "secret123"))
			cid := communityID(t, db, "古城社区")
			for i, n := range []string{"居民甲", "居民乙", "居民丙", "居民丁"} {
				docMust(t, db.CreateResident(ctx, &data.Resident{Name: n, IDNumber: idn(1950, 2, 1+i, 20+i), CommunityID: cid, Tags: []string{"低保"}}))
			}
			// One resident changed through the program: the replay follows updates.
			r, _ := db.ResidentByIDNumber(ctx, idn(1950, 2, 2, 21))
			r.Phone = "13800001111"
			docMust(t, db.UpdateResident(ctx, &r))
			path := db.Path()
			db.Close()
			if got := checkFile(t, path); got != "" {
				t.Fatalf("before the attack: %s", got)
			}
			var want string
			attack(t, path, func(conn *sql.DB) { want = c.attack(t, conn) })
			wantProblem(t, checkFile(t, path), want)
		})
	}
}

func TestCheckReconcilesBulkCreatedResidents(t *testing.T) {
	db, ctx := newTestDB(t)
	cid := communityID(t, db, "古城社区")
	rs := []data.Resident{{Name: "批量甲", IDNumber: idn(1960, 1, 1, 11), CommunityID: cid}, {Name: "批量乙", IDNumber: idn(1960, 1, 2, 12), CommunityID: cid, Relation: "配偶"}}
	ids, err := db.BulkResidents(ctx, rs, []int{2})
	docMust(t, err)
	path := db.Path()
	db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("before the attack: %s", got)
	}
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "UPDATE residents SET phone = '13999999999' WHERE id = ?", ids[1])
	})
	wantProblem(t, checkFile(t, path), "居民 #"+itoa(ids[1])+" 的电话与审计记录不一致")
}

func TestOneWriterWhateverThePath(t *testing.T) {
	db, _ := newTestDB(t)
	dir := t.TempDir()
	hard := filepath.Join(dir, "硬链接.db")
	if err := os.Link(db.Path(), hard); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	soft := filepath.Join(dir, "符号链接.db")
	if err := os.Symlink(db.Path(), soft); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, p := range []string{hard, soft} {
		second, err := Open(p, Options{})
		if err == nil {
			second.Close()
			t.Fatalf("a second writer opened %s", filepath.Base(p))
		}
		wantMessage(t, err, data.ErrConflict, "正在被使用")
	}
	// Once the first writer is gone, the other name opens.
	db.Close()
	second, err := Open(hard, Options{})
	if err != nil {
		t.Fatalf("open through the hard link after close: %v", err)
	}
	second.Close()
}

func TestOpenSessionLosesRightsAtItsNextAction(t *testing.T) {
	db, admin := newTestDB(t)
	second := &data.User{Username: "admin2", Name: "赵管理", Role: data.RoleAdmin}
	clerk := &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}
	docMust(t, db.CreateUser(admin, second, "secret123"))
	docMust(t, db.CreateUser(admin, clerk, "secret123"))
	// The sessions keep the users as they logged in.
	secondCtx := data.NewContextWithUser(context.Background(), &data.User{ID: second.ID, Username: second.Username, Name: second.Name, Role: data.RoleAdmin})
	clerkCtx := data.NewContextWithUser(context.Background(), &data.User{ID: clerk.ID, Username: clerk.Username, Name: clerk.Name, Role: data.RoleClerk})

	demoted := *second
	demoted.Role = data.RoleClerk
	docMust(t, db.UpdateUser(admin, demoted))
	err := db.CreateUser(secondCtx, &data.User{Username: "x", Name: "某人", Role: data.RoleAdmin}, "secret123")
	wantMessage(t, err, data.ErrForbidden, "")

	disabled := *clerk
	disabled.Disabled = true
	docMust(t, db.UpdateUser(admin, disabled))
	err = db.CreateResident(clerkCtx, &data.Resident{Name: "李四", IDNumber: idn(1950, 4, 4, 44), CommunityID: communityID(t, db, "古城社区")})
	wantMessage(t, err, data.ErrUnauthorized, "账号“chuangkou”已被停用")
}

func TestLoginComparesOncePerAttemptWhateverTheName(t *testing.T) {
	db, admin := newTestDB(t)
	off := &data.User{Username: "tingyong", Name: "停用者", Role: data.RoleClerk}
	docMust(t, db.CreateUser(admin, off, "secret123"))
	off.Disabled = true
	docMust(t, db.UpdateUser(admin, *off))
	calls := 0
	orig := compareHash
	compareHash = func(h, p []byte) error { calls++; return orig(h, p) }
	t.Cleanup(func() { compareHash = orig })
	for _, c := range []struct{ name, password string }{
		{"nobody", "secret123"}, {"admin", "wrong-one"}, {"tingyong", "secret123"}, {"admin", "secret123"},
	} {
		calls = 0
		db.Login(context.Background(), c.name, c.password)
		if calls != 1 {
			t.Errorf("log-in as %q compared %d hashes, want 1 like every other answer", c.name, calls)
		}
	}
	// The unknown name's comparison is as costly as a real one: the same bcrypt cost.
	if cost, err := bcrypt.Cost(db.dummyHash()); err != nil || cost != db.BcryptCost {
		t.Errorf("dummy hash cost %d (%v), want %d", cost, err, db.BcryptCost)
	}
}

func TestRestoreAsNeedsAnAdministratorOfTheBackup(t *testing.T) {
	dbtest.FileOnly(t)
	db, admin := newTestDB(t)
	docMust(t, db.CreateUser(admin, &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}, "secret123"))
	backup := filepath.Join(t.TempDir(), "备份.db")
	docMust(t, db.Backup(admin, backup))
	path := db.Path()
	db.Close()
	ctx := context.Background()
	for _, c := range []struct{ user, password, want string }{
		{"", "", "须由管理员登录"},
		{"nobody", "secret123", "管理员登录名或密码不正确"},
		{"admin", "wrong-one", "管理员登录名或密码不正确"},
		{"chuangkou", "secret123", "不是备份中有效的管理员账号"},
	} {
		if _, err := RestoreAs(ctx, path, backup, c.user, c.password); err == nil || !strings.Contains(data.Message(err), c.want) {
			t.Errorf("restore as %q: %v, want %q", c.user, err, c.want)
		}
	}
	if _, err := RestoreAs(ctx, path, backup, "admin", "secret123"); err != nil {
		t.Fatalf("restore as the administrator: %v", err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	docMust(t, err)
	defer ro.Close()
	audit, _ := ro.ListAudit(ctx, data.AuditFilter{Limit: 1})
	if len(audit) != 1 || audit[0].Action != "restore" || audit[0].UserName != "李管理" {
		t.Errorf("the restore is not audited as the administrator: %+v", audit)
	}
	if got := checkFile(t, path); got != "" {
		t.Errorf("check after the restore: %s", got)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	sum, _, err := fileSHA256(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestRefusedFilesStayAsTheyWere(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "别的程序.db")
	attack(t, other, func(conn *sql.DB) {
		mustExec(t, conn, "PRAGMA journal_mode = DELETE")
		mustExec(t, conn, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
		mustExec(t, conn, "INSERT INTO notes (text) VALUES ('x')")
	})
	empty := filepath.Join(dir, "空.db")
	docMust(t, os.WriteFile(empty, nil, 0o644))
	for _, c := range []struct{ path, want string }{{other, "不是台账的数据库"}, {empty, "是空文件"}} {
		before := fileSum(t, c.path)
		for _, ro := range []bool{false, true} {
			db, err := Open(c.path, Options{ReadOnly: ro})
			if err == nil {
				db.Close()
				t.Fatalf("%s opened", filepath.Base(c.path))
			}
			wantMessage(t, err, nil, c.want)
		}
		if fileSum(t, c.path) != before {
			t.Errorf("%s was changed by the refusal", filepath.Base(c.path))
		}
		for _, suffix := range []string{"-wal", "-shm", ".lock"} {
			if _, err := os.Stat(c.path + suffix); err == nil {
				t.Errorf("the refusal left %s%s", filepath.Base(c.path), suffix)
			}
		}
	}
}

func TestLeftoversOfKilledWorkAreCleared(t *testing.T) {
	dbtest.FileOnly(t)
	db, ctx := newTestDB(t)
	dir := BackupDir(db.Path())
	docMust(t, os.MkdirAll(dir, 0o755))
	old := time.Now().Add(-2 * staleAfter)
	stalePart := filepath.Join(dir, "自动备份-20261101-080000.db.part")
	freshPart := filepath.Join(dir, "自动备份-20261122-120000.db.part")
	for _, p := range []string{stalePart, freshPart} {
		docMust(t, os.WriteFile(p, []byte("half a backup"), 0o644))
	}
	docMust(t, os.Chtimes(stalePart, old, old))
	if _, err := db.AutoBackup(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stalePart); err == nil {
		t.Error("a killed backup's .part file is still there")
	}
	if _, err := os.Stat(freshPart); err != nil {
		t.Error("a backup's .part file in progress was removed")
	}

	// A killed build's temporary database goes at the next build; a running one stays.
	final := filepath.Join(t.TempDir(), "演示.db")
	killed := filepath.Join(filepath.Dir(final), tempDBPrefix+"1.db")
	docMust(t, os.WriteFile(killed, []byte("SQLite format 3\x00"), 0o644))
	docMust(t, os.Chtimes(killed, old, old))
	running, err := TempDatabase(final)
	docMust(t, err)
	busy, err := Open(running, Options{})
	docMust(t, err)
	defer busy.Close()
	later := time.Now().Add(-2 * staleAfter)
	docMust(t, os.Chtimes(running, later, later))
	next, err := TempDatabase(final)
	docMust(t, err)
	if _, err := os.Stat(killed); err == nil {
		t.Error("a killed build's temporary file is still there")
	}
	if _, err := os.Stat(running); err != nil {
		t.Error("a running build's file was removed")
	}
	if next == running {
		t.Error("two builds got the same temporary name")
	}
}

func TestDatabaseAndBackupsOwnerReadableOnly(t *testing.T) {
	dbtest.FileOnly(t)
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	db, ctx := newTestDB(t)
	out := filepath.Join(t.TempDir(), "备份.db")
	docMust(t, db.Backup(ctx, out))
	for _, p := range []string{db.Path(), out, manifestPath(out)} {
		st, err := os.Stat(p)
		docMust(t, err)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

func TestCheckCatchesRewrittenTrigger(t *testing.T) {
	path := trustOffice(t)
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, dropTriggerSQL("documents_no_delete", "documents"))
		if dbtest.OnPostgres() {
			mustExec(t, conn, "CREATE FUNCTION tz_let_pass() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$")
			mustExec(t, conn, "CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents FOR EACH ROW EXECUTE FUNCTION tz_let_pass()")
			return
		}
		mustExec(t, conn, "CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT 1; END")
	})
	wantProblem(t, checkFile(t, path), "触发器 documents_no_delete）被改写")
}

func TestCheckReconcilesDocuments(t *testing.T) {
	e := newDocEnv(t)
	voided := e.draft(t, e.zhang, refusal())
	number := e.sign(t, voided)
	docMust(t, e.db.VoidDocument(e.reviewer, voided, "送达前发现事实认定有误"))
	draft := e.draft(t, e.wang, decrease())
	path := e.db.Path()
	e.db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("before the attack: %s", got)
	}
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, dropTriggerSQL("documents_frozen", "documents"))
		mustExec(t, conn, "UPDATE documents SET status = 'signed' WHERE id = ?", voided) // the voiding undone
		mustExec(t, conn, "UPDATE documents SET status = 'signed', doc_number = '平民救决〔2026〕99号' WHERE id = ?", draft)
	})
	wantProblem(t, checkFile(t, path), "文书 #"+itoa(voided)+"（"+number+"）的状态与审计记录不一致",
		"文书 #"+itoa(draft)+"（平民救决〔2026〕99号）的状态、文号与审计记录不一致")
}
