package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"time"

	"taizhang/data"
)

// cryptOffice is an office with residents (one updated through the program), a signed
// decision naming one of them, and a service: every place a personal number is written.
func cryptOffice(t *testing.T) (*docEnv, []data.Resident) {
	t.Helper()
	e := newDocEnv(t)
	cid := communityID(t, e.db, "古城社区")
	rs := []data.Resident{
		{Name: "周凤英", IDNumber: idn(1944, 3, 5, 123), Phone: "13835201234", Address: "古城社区和平路7号", CommunityID: cid},
		{Name: "吴德顺", IDNumber: idn(1939, 11, 20, 117), Phone: "0352-6012345", Address: "古城社区自由路3号", CommunityID: cid},
	}
	for i := range rs {
		docMust(t, e.db.CreateResident(e.admin, &rs[i]))
	}
	rs[1].Phone = "13912345678" // the old number stays only in the log, sealed
	docMust(t, e.db.UpdateResident(e.admin, &rs[1]))
	e.sign(t, e.draft(t, rs[0].ID, refusal()))
	s := &data.Service{Date: mustDate("2026-05-09"), Type: data.ServiceCertification, Item: data.ItemOldAgeAllowance,
		ResidentIDs: []int64{rs[0].ID}, Content: "入户认证", Result: data.ServiceDone, Staff: []data.Staff{{Name: "王芳"}}}
	docMust(t, e.db.CreateService(e.clerk, s, nil))
	return e, rs
}

// grepFile fails the test for every number found in the file's bytes (as `grep` would).
func grepFile(t *testing.T, path string, numbers ...string) {
	t.Helper()
	if !onFile() {
		return // a server's files are its own; the rows are checked through SQL
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Fatalf("%s is empty", path)
	}
	for _, n := range numbers {
		if bytes.Contains(b, []byte(n)) {
			t.Errorf("%s holds %s in the clear", filepath.Base(path), n)
		}
	}
}

func TestPersonalNumbersNotInFileNorBackup(t *testing.T) {
	dbtest.FileOnly(t)
	e, rs := cryptOffice(t)
	numbers := []string{"13835201234", "0352-6012345", "6012345", "13912345678"}
	for _, r := range rs {
		numbers = append(numbers, r.IDNumber)
	}
	zhang, _ := e.db.Resident(e.admin, e.zhang)
	numbers = append(numbers, zhang.IDNumber)
	// The program still reads them whole with the key …
	got, err := e.db.Resident(e.admin, rs[1].ID)
	if err != nil || got.IDNumber != rs[1].IDNumber || got.Phone != "13912345678" {
		t.Fatalf("read back: %+v, %v", got, err)
	}
	backup := filepath.Join(t.TempDir(), "备份.db")
	docMust(t, e.db.Backup(e.admin, backup))
	path := e.db.Path()
	docMust(t, e.db.Close())
	// … and neither the file (every table, index and the audit log) nor its backup has them.
	grepFile(t, path, numbers...)
	grepFile(t, backup, numbers...)
	if _, err := os.Stat(path + "-wal"); err == nil {
		grepFile(t, path+"-wal", numbers...)
	}
	// The file is still sound: the log gives what each row holds, sealed.
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check: %s", got)
	}
}

func TestSearchThroughKeyedTerms(t *testing.T) {
	e, rs := cryptOffice(t)
	for _, c := range []struct{ q, want string }{
		{rs[0].IDNumber, "周凤英"},       // the whole number
		{rs[0].IDNumber[14:], "周凤英"},  // the last four
		{rs[0].IDNumber[6:12], "周凤英"}, // a run in the middle (the birth month)
		{"5201234", "周凤英"},            // part of a phone
		{"345678", "吴德顺"},             // the new phone
		{"6012345", ""},               // the old phone no longer finds anyone
		{"周凤", "周凤英"},                 // names as before
	} {
		found, err := e.db.SearchResidents(e.admin, c.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range found {
			names = append(names, r.Name)
		}
		if (c.want == "" && len(found) > 0) || (c.want != "" && (len(found) != 1 || found[0].Name != c.want)) {
			t.Errorf("search %q: got %v, want %q", c.q, names, c.want)
		}
	}
	r, err := e.db.ResidentByIDNumber(e.admin, strings.ToLower(rs[1].IDNumber))
	if err != nil || r.ID != rs[1].ID {
		t.Errorf("exact look-up: %+v, %v", r, err)
	}
	// The unique live ID number holds through the blind index, and says so in Chinese.
	dup := data.Resident{Name: "周凤英", IDNumber: rs[0].IDNumber, CommunityID: rs[0].CommunityID}
	err = e.db.CreateResident(e.admin, &dup)
	wantMessage(t, err, data.ErrConflict, "身份证号已登记：周凤英")
}

func TestKeyNeedsALogIn(t *testing.T) {
	e, rs := cryptOffice(t)
	path := e.db.Path()
	e.db.Close()
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	db.BcryptCost = 4
	cli := data.NewContextWithUser(context.Background(), &data.User{Name: "命令行", Role: data.RoleAdmin})
	// Without an account: masked reads work and show nothing of the numbers; whatever needs a
	// whole number is refused with the way to get it.
	got, err := db.Resident(cli, rs[0].ID)
	if err != nil || strings.Trim(got.IDNumber, "*") != "" || strings.Trim(got.Phone, "*") != "" || got.Name != "周凤英" {
		t.Fatalf("locked read: %+v, %v", got, err)
	}
	_, err = db.ResidentByIDNumber(cli, rs[0].IDNumber)
	if !errors.Is(err, ErrNoDataKey) || !strings.Contains(data.Message(err), "--user") {
		t.Errorf("look-up without a key: %v", err)
	}
	err = db.CreateResident(cli, &data.Resident{Name: "新人", IDNumber: idn(1960, 1, 1, 11), CommunityID: rs[0].CommunityID})
	if !errors.Is(err, ErrNoDataKey) {
		t.Errorf("write without a key: %v", err)
	}
	// A wrong password opens nothing; the right one unwraps the key.
	if _, err := db.Login(context.Background(), "chuangkou", "wrong-pass1"); err == nil || db.Unlocked() {
		t.Fatalf("wrong password: %v, unlocked %v", err, db.Unlocked())
	}
	u, err := db.Login(context.Background(), "chuangkou", "secret123")
	docMust(t, err)
	got, _ = db.Resident(data.NewContextWithUser(context.Background(), u), rs[0].ID)
	if got.IDNumber != rs[0].IDNumber {
		t.Errorf("after log-in: %q", got.IDNumber)
	}
	db.Lock()
	if db.Unlocked() {
		t.Error("log-out kept the key")
	}
	// A wrap is bound to its password: unwrapping with another one fails.
	var wrap, office string
	docMust(t, db.SQL().QueryRow("SELECT key_wrap FROM users WHERE id = ?", u.ID).Scan(&wrap))
	docMust(t, db.SQL().QueryRow("SELECT value FROM settings WHERE key = 'office_id'").Scan(&office))
	if _, err := unwrapKey(wrap, office, u.ID, "secret124"); err == nil {
		t.Error("a wrong password unwrapped the key")
	}
	if _, err := unwrapKey(wrap, office, u.ID+1, "secret123"); err == nil {
		t.Error("another account's wrap opened")
	}
}

func TestRotateAndRecover(t *testing.T) {
	e, rs := cryptOffice(t)
	before := rawColumn(t, e.db.SQL(), "residents", "id_number", rs[0].ID)
	wantMessage(t, e.db.RotateDataKey(e.admin, "wrong-pass1"), data.ErrInvalid, "密码不正确")
	if err := e.db.RotateDataKey(e.reviewer, "secret123"); err == nil {
		t.Fatal("a reviewer rotated the key")
	}
	docMust(t, e.db.RotateDataKey(e.admin, "secret123"))
	if after := rawColumn(t, e.db.SQL(), "residents", "id_number", rs[0].ID); after == before || !isSealed(after) {
		t.Errorf("not sealed anew: %q", after)
	}
	got, _ := e.db.Resident(e.admin, rs[0].ID)
	if got.IDNumber != rs[0].IDNumber {
		t.Errorf("after rotation: %q", got.IDNumber)
	}
	doc, err := e.db.Document(e.admin, e.lastDoc(t))
	docMust(t, err)
	if doc.Decision == nil || doc.Decision.IDNumber != rs[0].IDNumber {
		t.Errorf("signed decision after rotation: %+v", doc.Decision)
	}
	if found, _ := e.db.SearchResidents(e.admin, rs[0].IDNumber[10:16], 5); len(found) != 1 {
		t.Errorf("search after rotation: %v", names(found))
	}
	path := e.db.Path()
	e.db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check after rotation: %s", got)
	}
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	db.BcryptCost = 4
	// The other accounts hold the old key: refused, in Chinese, until recovered.
	_, err = db.Login(context.Background(), "chuangkou", "secret123")
	wantMessage(t, err, data.ErrUnauthorized, "请管理员在“账号管理”中为该账号重设密码")
	admin, err := db.Login(context.Background(), "admin", "secret123")
	docMust(t, err)
	actx := data.NewContextWithUser(context.Background(), admin)
	var clerk int64
	docMust(t, db.SQL().QueryRow("SELECT id FROM users WHERE username = 'chuangkou'").Scan(&clerk))
	docMust(t, db.SetPassword(actx, clerk, "", "newpass123"))
	db.Lock()
	u, err := db.Login(context.Background(), "chuangkou", "newpass123")
	docMust(t, err)
	got, _ = db.Resident(data.NewContextWithUser(context.Background(), u), rs[0].ID)
	if got.IDNumber != rs[0].IDNumber {
		t.Errorf("recovered account reads %q", got.IDNumber)
	}
}

func (e *docEnv) lastDoc(t *testing.T) int64 {
	t.Helper()
	var id int64
	docMust(t, e.db.SQL().QueryRow("SELECT MAX(id) FROM documents").Scan(&id))
	return id
}

func rawColumn(t *testing.T, conn *sql.DB, table, col string, id int64) string {
	t.Helper()
	var v string
	docMust(t, conn.QueryRow("SELECT "+col+" FROM "+table+" WHERE id = ?", id).Scan(&v))
	return v
}

func TestCheckNamesATamperedCiphertext(t *testing.T) {
	e, rs := cryptOffice(t)
	path := e.db.Path()
	e.db.Close()
	attack(t, path, func(conn *sql.DB) {
		// Swap two residents' sealed ID numbers (each one valid, but for another row), and flip
		// a character of a third's phone.
		a := rawColumn(t, conn, "residents", "id_number", rs[0].ID)
		b := rawColumn(t, conn, "residents", "id_number", rs[1].ID)
		mustExec(t, conn, "UPDATE residents SET id_number = ? WHERE id = ?", b, rs[0].ID)
		mustExec(t, conn, "UPDATE residents SET id_number = ? WHERE id = ?", a, rs[1].ID)
		p := []byte(rawColumn(t, conn, "residents", "phone", rs[1].ID))
		p[10] ^= 1
		mustExec(t, conn, "UPDATE residents SET phone = ? WHERE id = ?", string(p), rs[1].ID)
	})
	// Without the key the log names the rows changed behind the program's back …
	wantProblem(t, checkFile(t, path), "居民 #"+itoa(rs[0].ID)+" 的身份证号与审计记录不一致")
	// … and with an account logged in, GCM names every value that does not open.
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	db.BcryptCost = 4
	_, err = db.Login(context.Background(), "admin", "secret123")
	docMust(t, err)
	rep, err := db.Check(context.Background())
	docMust(t, err)
	got := strings.Join(rep.Problems, "\n")
	if !rep.Decrypted {
		t.Error("check did not open the sealed values")
	}
	wantProblem(t, got, "居民 #"+itoa(rs[0].ID)+" 的身份证号无法解密", "居民 #"+itoa(rs[1].ID)+" 的身份证号无法解密",
		"居民 #"+itoa(rs[1].ID)+" 的电话无法解密")
}

// An office written before encryption is encrypted at its first administrator's log-in: the
// numbers in its rows and in its audit log are sealed, the chain is signed again and holds,
// and only then may the other accounts log in (once an administrator set their passwords).
func TestExistingOfficeEncryptedAtFirstAdminLogIn(t *testing.T) {
	e, rs := cryptOffice(t)
	all, _, err := e.db.ListResidents(e.admin, data.ResidentFilter{WithVoided: true, Limit: 100})
	docMust(t, err)
	k := e.db.keys.get()
	bodies := map[int64]string{}
	rows, err := e.db.SQL().Query("SELECT document_id, content FROM document_bodies")
	docMust(t, err)
	for rows.Next() {
		var id int64
		var js string
		docMust(t, rows.Scan(&id, &js))
		bodies[id] = openJSON(k, js, placeOf("document_bodies", "content", id))
	}
	rows.Close()
	homes := map[int64]string{}
	rows, err = e.db.SQL().Query("SELECT id, address FROM households")
	docMust(t, err)
	for rows.Next() {
		var id int64
		var addr string
		docMust(t, rows.Scan(&id, &addr))
		homes[id], err = k.open(addr, placeOf("households", "address", id))
		docMust(t, err)
	}
	rows.Close()
	path := e.db.Path()
	e.db.Close()
	// Make it an office from before schema 0016 as far as personal data goes: plain numbers
	// in the rows and the log, no key, no wraps, no search terms.
	attack(t, path, func(conn *sql.DB) {
		for _, r := range all {
			mustExec(t, conn, "UPDATE residents SET id_number = ?, phone = ?, address = ?, id_index = NULL WHERE id = ?", r.IDNumber, r.Phone, r.Address, r.ID)
		}
		mustExec(t, conn, "UPDATE services SET first_id_number = ?", rs[0].IDNumber)
		for id, addr := range homes {
			mustExec(t, conn, "UPDATE households SET address = ? WHERE id = ?", addr, id)
		}
		restore := setTriggerAside(t, conn, "document_bodies", "document_bodies_frozen")
		for id, js := range bodies {
			mustExec(t, conn, "UPDATE document_bodies SET content = ? WHERE document_id = ?", js, id)
		}
		restore()
		mustExec(t, conn, "DELETE FROM resident_numbers")
		if onFile() {
			// Numbers in the clear left in free space, as a file written before secure_delete has.
			mustExec(t, conn, "PRAGMA secure_delete = 0")
			mustExec(t, conn, "CREATE TABLE leftover (v TEXT)")
			mustExec(t, conn, `INSERT INTO leftover WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
			SELECT ? FROM n`, rs[1].IDNumber+" "+rs[0].Phone)
			mustExec(t, conn, "DROP TABLE leftover")
		}
		// The log as the program wrote it then: the numbers in the clear, the chain signed.
		mustExec(t, conn, "UPDATE audit_log SET after = ? WHERE table_name = 'residents' AND action = 'create' AND record_id = ?",
			toJSON(map[string]any{"name": rs[0].Name, "id_number": rs[0].IDNumber, "phone": rs[0].Phone}), rs[0].ID)
		resign(t, conn)
		mustExec(t, conn, "DELETE FROM settings WHERE key = 'data_key'")
		mustExec(t, conn, "UPDATE users SET key_wrap = ''")
	})
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	db.BcryptCost = 4
	_, err = db.Login(context.Background(), "chuangkou", "secret123")
	wantMessage(t, err, data.ErrUnauthorized, "须先由管理员登录一次完成加密")
	admin, err := db.Login(context.Background(), "admin", "secret123")
	docMust(t, err)
	actx := data.NewContextWithUser(context.Background(), admin)
	got, _ := db.Resident(actx, rs[0].ID)
	if got.IDNumber != rs[0].IDNumber || !isSealed(rawColumn(t, db.SQL(), "residents", "id_number", rs[0].ID)) {
		t.Errorf("after encryption: %q / raw %q", got.IDNumber, rawColumn(t, db.SQL(), "residents", "id_number", rs[0].ID))
	}
	if found, _ := db.SearchResidents(actx, rs[1].IDNumber[8:14], 5); len(found) != 1 {
		t.Errorf("search after encryption: %v", names(found))
	}
	db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check after encryption: %s", got)
	}
	grepFile(t, path, rs[0].IDNumber, rs[1].IDNumber, "13835201234")
}

// resign recomputes the audit chain, its signatures, the head and the anchor with the office's
// key, as the program itself would have written the log.
func resign(t *testing.T, conn *sql.DB) {
	t.Helper()
	var office string
	docMust(t, conn.QueryRow("SELECT value FROM settings WHERE key = 'office_id'").Scan(&office))
	key, err := readAuditKey(office)
	if err != nil || key == nil {
		t.Fatalf("audit key: %v", err)
	}
	rows, err := conn.Query("SELECT id, at, user_id, user_name, action, table_name, record_id, before, after FROM audit_log ORDER BY id")
	docMust(t, err)
	var es []data.AuditEntry
	for rows.Next() {
		var e data.AuditEntry
		var at string
		docMust(t, rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After))
		e.At = parseTS(at)
		es = append(es, e)
	}
	rows.Close()
	prev := ""
	for _, e := range es {
		e.PrevHash = prev
		e.Hash = auditHash(e)
		mustExec(t, conn, "UPDATE audit_log SET prev_hash = ?, hash = ?, mac = ? WHERE id = ?", e.PrevHash, e.Hash, macOf(key, e.Hash), e.ID)
		prev = e.Hash
	}
	last := es[len(es)-1]
	h := data.AuditHeadInfo{OfficeID: office, Seq: last.ID, Hash: prev, At: last.At.UTC().Truncate(time.Second)}
	h.MAC = headMAC(key, office, h.Seq, h.Hash, h.At)
	mustExec(t, conn, "UPDATE settings SET value = ? WHERE key = 'audit_head'", fmt.Sprintf("%d:%s:%d:%s", h.Seq, h.Hash, h.At.Unix(), h.MAC))
	saveAnchor(h)
}

// checkAs checks the file as an account (`taizhang check --user`): sealed values and files
// are opened too.
func checkAs(t *testing.T, path, username string) (problems string, decrypted bool) {
	t.Helper()
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	db.BcryptCost = 4
	if _, err := db.Login(context.Background(), username, "secret123"); err != nil {
		t.Fatalf("log-in for check: %v", err)
	}
	rep, err := db.Check(context.Background())
	docMust(t, err)
	return strings.Join(rep.Problems, "\n"), rep.Decrypted
}

// fileOffice is an office with a signed letter (its PDF kept) and an attachment.
func fileOffice(t *testing.T) (e *docEnv, docID, attID int64, number string) {
	t.Helper()
	e = newDocEnv(t)
	docID = e.draft(t, e.zhang, refusal())
	number = e.sign(t, docID)
	a, err := e.db.AddAttachment(e.clerk, "residents", e.wang, "户口本.png", pngBytes)
	docMust(t, err)
	return e, docID, a.ID, number
}

// The kept PDF of a signed letter and an attachment are sealed in the file: no PDF or PNG
// header in the rows, in the file or in a backup; the program opens them with the key, and
// refuses without it.
func TestFilesSealedAtRest(t *testing.T) {
	dbtest.FileOnly(t)
	e, docID, attID, _ := fileOffice(t)
	pdf, err := e.db.DocumentPDF(e.clerk, docID)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("PDF read back: %.20q, %v", pdf, err)
	}
	if got, err := e.db.AttachmentContent(e.clerk, attID); err != nil || !bytes.Equal(got, pngBytes) {
		t.Fatalf("attachment read back: %v", err)
	}
	var rawPDF, rawAtt []byte
	docMust(t, e.db.SQL().QueryRow("SELECT pdf FROM document_bodies WHERE document_id = ?", docID).Scan(&rawPDF))
	docMust(t, e.db.SQL().QueryRow("SELECT content FROM attachments WHERE id = ?", attID).Scan(&rawAtt))
	if !isSealedBytes(rawPDF) || !isSealedBytes(rawAtt) || bytes.Contains(rawPDF, []byte("%PDF-")) || bytes.Contains(rawAtt, pngBytes[:8]) {
		t.Fatalf("stored in the clear: %.12q / %.12q", rawPDF, rawAtt)
	}
	backup := filepath.Join(t.TempDir(), "备份.db")
	docMust(t, e.db.Backup(e.admin, backup))
	// Without the key (the command line without --user) nothing is opened.
	e.db.Lock()
	if _, err := e.db.DocumentPDF(e.clerk, docID); !errors.Is(err, ErrNoDataKey) {
		t.Errorf("PDF without the key: %v", err)
	}
	if _, err := e.db.AttachmentContent(e.clerk, attID); !errors.Is(err, ErrNoDataKey) {
		t.Errorf("attachment without the key: %v", err)
	}
	path := e.db.Path()
	docMust(t, e.db.Close())
	for _, f := range []string{path, backup} {
		b, err := os.ReadFile(f)
		docMust(t, err)
		if bytes.Contains(b, []byte("%PDF-")) || bytes.Contains(b, pngBytes[:8]) {
			t.Errorf("%s holds a PDF or PNG in the clear", filepath.Base(f))
		}
	}
	if got := checkFile(t, path); got != "" {
		t.Errorf("check without a key: %s", got)
	}
	if got, dec := checkAs(t, path, "admin"); got != "" || !dec {
		t.Errorf("check with a key: %s (decrypted %v)", got, dec)
	}
}

// A flipped byte in a sealed PDF or attachment is named by check without a key (the sum of
// the bytes stored) and with one, and print refuses the letter; a sealed file moved to
// another row with its sum does not open (GCM's additional data) and the audit names it.
func TestSealedFileChangedIsNamed(t *testing.T) {
	e, docID, attID, number := fileOffice(t)
	second, err := e.db.AddAttachment(e.clerk, "residents", e.wang, "二.png", pngBytes)
	docMust(t, err)
	path := e.db.Path()
	e.db.Close()
	attack(t, path, func(conn *sql.DB) {
		flipBlobBit(t, conn, "document_bodies", "pdf", "document_id = ?", docID)
		flipBlobBit(t, conn, "attachments", "content", "id = ?", attID)
		// The second attachment replaced by the first's sealed bytes and sums.
		mustExec(t, conn, `UPDATE attachments SET content = (SELECT content FROM attachments WHERE id = ?),
			sealed_sha256 = (SELECT sealed_sha256 FROM attachments WHERE id = ?) WHERE id = ?`, attID, attID, second.ID)
	})
	wantDoc := "文书 " + number + "（#" + itoa(docID) + "）保存的 PDF 与签发时的校验值不一致"
	wantAtt := "附件 #" + itoa(attID) + "（户口本.png）的内容与保存时的校验值不一致"
	wantMoved := "附件 #" + itoa(second.ID) + "（二.png）的内容与保存时的校验值不一致"
	wantProblem(t, checkFile(t, path), wantDoc, wantAtt, wantMoved)
	got, dec := checkAs(t, path, "admin")
	if !dec {
		t.Error("check as an account did not open the sealed values")
	}
	wantProblem(t, got, wantDoc, wantAtt, wantMoved)
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	defer db.Close()
	db.BcryptCost = 4
	u, err := db.Login(context.Background(), "chuangkou", "secret123")
	docMust(t, err)
	ctx := data.NewContextWithUser(context.Background(), u)
	if _, err := db.PrintDocument(ctx, docID); err == nil || !strings.Contains(err.Error(), "不能打印") {
		t.Errorf("print of a changed sealed PDF: %v", err)
	}
	if _, err := db.AttachmentContent(ctx, second.ID); err == nil || !strings.Contains(err.Error(), "二.png") {
		t.Errorf("moved attachment opened: %v", err)
	}
}

// The moved file alone, with its sums made to agree with the audit log: the bytes stored and
// their sum are right, so only the key finds it — it was sealed for another row.
func TestSealedFileMovedOpensOnlyWhereItWasSealed(t *testing.T) {
	e, _, attID, _ := fileOffice(t)
	k := e.db.keys.get()
	other := k.sealBytes(pngBytes, attachmentPlace(attID+1)) // sealed for another row
	if _, err := k.openBytes(other, attachmentPlace(attID)); err == nil {
		t.Fatal("a file sealed for another row opened")
	}
	p, err := k.openBytes(k.sealBytes(pngBytes, attachmentPlace(attID)), attachmentPlace(attID))
	if err != nil || !bytes.Equal(p, pngBytes) {
		t.Fatalf("round trip: %v", err)
	}
}

// An office encrypted before files were (schema 16: numbers sealed, files in the clear) seals
// its files at the next log-in, audited; check is clean before and after, with and without a
// key, and the file then holds no PDF header.
func TestFilesOfAnEncryptedOfficeSealedAtLogIn(t *testing.T) {
	e, docID, attID, _ := fileOffice(t)
	pdf, err := e.db.DocumentPDF(e.clerk, docID)
	docMust(t, err)
	path := e.db.Path()
	e.db.Close()
	attack(t, path, func(conn *sql.DB) {
		restore := setTriggerAside(t, conn, "document_bodies", "document_bodies_frozen")
		mustExec(t, conn, "UPDATE document_bodies SET pdf = ? WHERE document_id = ?", pdf, docID)
		restore()
		mustExec(t, conn, "UPDATE documents SET pdf_sealed_sha256 = '' WHERE id = ?", docID)
		mustExec(t, conn, "UPDATE attachments SET content = ?, sealed_sha256 = '' WHERE id = ?", pngBytes, attID)
	})
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check of the office as it was: %s", got)
	}
	b, _ := os.ReadFile(path)
	if onFile() && !bytes.Contains(b, []byte("%PDF-")) {
		t.Fatal("the office as it was should hold its PDF in the clear")
	}
	if got, _ := checkAs(t, path, "chuangkou"); got != "" { // the log-in seals them
		t.Fatalf("check after the log-in: %s", got)
	}
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check without a key after sealing: %s", got)
	}
	b, _ = os.ReadFile(path)
	if onFile() && (bytes.Contains(b, []byte("%PDF-")) || bytes.Contains(b, pngBytes[:8])) {
		t.Error("a PDF or PNG in the clear after sealing")
	}
	conn, err := openRaw(path)
	docMust(t, err)
	defer conn.Close()
	var n int
	docMust(t, conn.QueryRow("SELECT count(*) FROM audit_log WHERE action = 'seal_file'").Scan(&n))
	if n != 2 {
		t.Errorf("%d files sealed in the audit log, want 2", n)
	}
}

// Residents' addresses are sealed, and the 关键词 box finds the same residents by part of
// an address as the trigram index over the plain address did: every resident whose name,
// initials or address contains the query (three characters or more), compared here with a
// scan of the addresses read back.
func TestAddressSealedAndFoundByPart(t *testing.T) {
	db, ctx := newTestDB(t)
	cid := communityID(t, db, "古城社区")
	addrs := []string{"迎宾花园3号楼2单元501", "迎宾花园12号楼1单元", "迎宾路52号", "和平路52号院", "新华街152号",
		"古城社区迎宾花园东区", "Sunshine Garden B座", "阳光花园B座1201", "", "和平路5号"}
	var rs []data.Resident
	for i, a := range addrs {
		r := data.Resident{Name: "居民" + string(rune('甲'+i)), IDNumber: idn(1950, 3, 1+i, 30+i), Address: a, CommunityID: cid}
		docMust(t, db.CreateResident(ctx, &r))
		rs = append(rs, r)
	}
	// One moved house: the old address no longer finds them.
	rs[9].Address = "迎宾花园西区7号"
	docMust(t, db.UpdateResident(ctx, &rs[9]))
	for _, r := range rs {
		if raw := rawColumn(t, db.SQL(), "residents", "address", r.ID); r.Address != "" && (!isSealed(raw) || strings.Contains(raw, r.Address)) {
			t.Fatalf("address stored as %q", raw)
		}
	}
	all, _, err := db.ListResidents(ctx, data.ResidentFilter{Limit: 100})
	docMust(t, err)
	for _, q := range []string{"迎宾花园", "52号", "花园3号", "和平路5", "sunshine", "GARDEN", "B座12", "西区7号", "和平路5号", "居民甲"} {
		var want []string
		for _, r := range all {
			lq := strings.ToLower(q)
			if strings.Contains(strings.ToLower(r.Address), lq) || strings.Contains(r.Name, q) {
				want = append(want, r.Name)
			}
		}
		got, total, err := db.ListResidents(ctx, data.ResidentFilter{Query: q, Sort: "name", Limit: 100})
		docMust(t, err)
		sort.Strings(want)
		if fmt.Sprint(names(got)) != fmt.Sprint(want) || total != len(want) {
			t.Errorf("%q: found %v (%d), want %v", q, names(got), total, want)
		}
	}
	if got, _, _ := db.ListResidents(ctx, data.ResidentFilter{Query: "迎宾花园"}); len(got) != 4 {
		t.Errorf("迎宾花园: %v, want 4 residents", names(got))
	}
	// Without the key an address reads as asterisks and is not searched.
	db.Lock()
	got, err := db.Resident(ctx, rs[0].ID)
	docMust(t, err)
	if strings.Trim(got.Address, "*") != "" || got.Address == "" {
		t.Errorf("address without the key: %q", got.Address)
	}
	if found, _, _ := db.ListResidents(ctx, data.ResidentFilter{Query: "迎宾花园"}); len(found) != 0 {
		t.Errorf("address search without the key: %v", names(found))
	}
	path := db.Path()
	docMust(t, db.Close())
	grepFile(t, path, "迎宾花园", "迎宾路52号", "和平路52号院", "新华街152号", "Sunshine Garden", "阳光花园", "西区7号")
	if got := checkFile(t, path); got != "" {
		t.Errorf("check: %s", got)
	}
}

// An office encrypted before addresses were (schema 16: numbers sealed, addresses in the
// clear in rows, households and the audit log) seals them at the first log-in after the
// upgrade, by any account holding the key: check is clean, search by address works, and
// the file holds no address.
func TestAddressesOfAnEncryptedOfficeSealedAtLogIn(t *testing.T) {
	e, rs := cryptOffice(t)
	k := e.db.keys.get()
	hid, err := e.db.StartHousehold(e.admin, rs[0].ID)
	docMust(t, err)
	path := e.db.Path()
	e.db.Close()
	attack(t, path, func(conn *sql.DB) {
		for _, r := range rs {
			mustExec(t, conn, "UPDATE residents SET address = ? WHERE id = ?", r.Address, r.ID)
		}
		mustExec(t, conn, "UPDATE households SET address = ? WHERE id = ?", rs[0].Address, hid)
		// The log as schema 16 wrote it: the address in the clear beside the sealed numbers.
		for _, r := range rs {
			rows, err := conn.Query("SELECT id, after FROM audit_log WHERE table_name = 'residents' AND action IN ('create', 'update') AND record_id = ?", r.ID)
			docMust(t, err)
			plain := map[int64]string{}
			for rows.Next() {
				var id int64
				var after string
				docMust(t, rows.Scan(&id, &after))
				var m map[string]any
				docMust(t, json.Unmarshal([]byte(after), &m))
				m["address"] = r.Address
				plain[id] = toJSON(m)
			}
			rows.Close()
			for id, js := range plain {
				mustExec(t, conn, "UPDATE audit_log SET after = ? WHERE id = ?", js, id)
			}
		}
		mustExec(t, conn, "UPDATE audit_log SET after = ? WHERE table_name = 'households' AND action = 'create' AND record_id = ?",
			toJSON(map[string]any{"address": rs[0].Address}), hid)
		resign(t, conn)
		// The numbers' terms only, as schema 16 wrote them.
		for _, r := range rs {
			mustExec(t, conn, "DELETE FROM resident_numbers WHERE rowid = ?", r.ID)
			mustExec(t, conn, "INSERT INTO resident_numbers (rowid, terms) VALUES (?, ?)", r.ID, k.termsOf(map[string]string{"id": r.IDNumber, "phone": r.Phone}))
		}
		mustExec(t, conn, "INSERT INTO settings (key, value) VALUES ('seal_pending', 'addresses')")
	})
	b, _ := os.ReadFile(path)
	if onFile() && !bytes.Contains(b, []byte("和平路7号")) {
		t.Fatal("the office as it was should hold the address in the clear")
	}
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check of the office as it was: %s", got)
	}
	db, err := Open(path, Options{Renderer: testRenderer})
	docMust(t, err)
	db.BcryptCost = 4
	u, err := db.Login(context.Background(), "chuangkou", "secret123")
	docMust(t, err)
	ctx := data.NewContextWithUser(context.Background(), u)
	if found, _, _ := db.ListResidents(ctx, data.ResidentFilter{Query: "和平路7"}); len(found) != 1 || found[0].Address != rs[0].Address {
		t.Errorf("search by address after sealing: %v", found)
	}
	h, err := db.Household(ctx, hid)
	if err != nil || h.Address != rs[0].Address {
		t.Errorf("household address: %q, %v", h.Address, err)
	}
	db.Close()
	if got := checkFile(t, path); got != "" {
		t.Fatalf("check after sealing: %s", got)
	}
	if got, _ := checkAs(t, path, "admin"); got != "" {
		t.Fatalf("check as an account after sealing: %s", got)
	}
	grepFile(t, path, "和平路7号", "自由路3号")
	// A resident's sealed address copied over the household's: the same text, sealed for
	// another row, does not open there, and check as an account names it.
	attack(t, path, func(conn *sql.DB) {
		mustExec(t, conn, "UPDATE households SET address = (SELECT address FROM residents WHERE id = ?) WHERE id = ?", rs[0].ID, hid)
	})
	got, _ := checkAs(t, path, "admin")
	wantProblem(t, got, "户 #"+itoa(hid)+" 的住址无法解密")
}
