package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"taizhang/data"
)

// auditHash chains an entry to the one before it. The entry's own id is part of the hash, so
// reordering, removing or editing any entry breaks the chain from that point on.
func auditHash(e data.AuditEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s",
		e.ID, e.At.UTC().Format("2006-01-02T15:04:05Z07:00"), e.UserID, e.UserName, e.Action, e.Table,
		e.RecordID, e.Before, e.After, e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// Audit appends an entry to the audit log inside tx: who (the context's user), when, what
// (action on table/record), with the record before and after as JSON. Once the office has its
// key, the entry and the head are signed with it.
func (tx *Tx) Audit(action, table string, recordID int64, before, after any) error {
	b, err := tx.newAuditBatch()
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.add(action, table, recordID, before, after); err != nil {
		return err
	}
	return b.finish()
}

// auditBatch appends many entries to the audit log with one prepared statement, chaining
// each to the one before, signing each with the office's key, and moves the head once at the
// end. Audit is a batch of one.
type auditBatch struct {
	tx     *Tx
	stmt   *sql.Stmt
	prevID int64
	prev   string
	at     time.Time
}

func (tx *Tx) newAuditBatch() (*auditBatch, error) {
	b := &auditBatch{tx: tx}
	err := tx.QueryRowContext(tx.ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&b.prevID, &b.prev)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("audit: %w", err)
	}
	q := `INSERT INTO audit_log (id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash, mac)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	if tx.db.auditKey == nil && validOfficeID(tx.db.officeID) {
		// An office whose key this computer has not fetched yet (auditkey_travel.go): nothing
		// is written here before a log-in has fetched it.
		p, _ := keyPath(tx.db.officeID)
		return nil, data.Invalid("db", "本机还没有此单位的审计密钥（应在“%s”），不能写入：请先登录", p)
	}
	if tx.db.auditKey == nil {
		// Before the office has its key: the migrations of a new file up to 0013, which
		// adds the mac column.
		q = `INSERT INTO audit_log (id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	}
	b.stmt, err = tx.PrepareContext(tx.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return b, nil
}

func (b *auditBatch) add(action, table string, recordID int64, before, after any) error {
	if b.tx.changed == nil {
		b.tx.changed = map[string]bool{}
	}
	b.tx.changed[table] = true
	e := data.AuditEntry{ID: b.prevID + 1, At: b.tx.now, PrevHash: b.prev, Action: action, Table: table, RecordID: recordID,
		Before: toJSON(before), After: toJSON(after)}
	// Personal numbers never reach the log in the clear: what the caller did not seal already
	// (a resident's values are logged as stored) is sealed for this entry. Staff accounts'
	// work phones stay plain, as in their row.
	if k, err := b.tx.needKey(); err == nil && table != "users" {
		place := placeOf("audit_log", "values", e.ID)
		e.Before, e.After = sealJSON(k, e.Before, place, table), sealJSON(k, e.After, place, table)
	}
	if u := b.tx.user; u != nil {
		e.UserID, e.UserName = u.ID, u.Name
	} else {
		e.UserName = "系统"
	}
	e.Hash = auditHash(e)
	args := []any{e.ID, ts(e.At), e.UserID, e.UserName, e.Action, e.Table, e.RecordID, e.Before, e.After, e.PrevHash, e.Hash}
	if key := b.tx.db.auditKey; key != nil {
		args = append(args, macOf(key, e.Hash))
	}
	if _, err := b.stmt.ExecContext(b.tx.ctx, args...); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	b.prevID, b.prev, b.at = e.ID, e.Hash, e.At
	return nil
}

// finish writes the head: "id:hash", and once the office has its key
// "id:hash:unix-seconds:mac" signed over the office, id, hash and time.
func (b *auditBatch) finish() error {
	head := fmt.Sprintf("%d:%s", b.prevID, b.prev)
	if key := b.tx.db.auditKey; key != nil {
		h := data.AuditHeadInfo{OfficeID: b.tx.db.officeID, Seq: b.prevID, Hash: b.prev, At: b.at.UTC().Truncate(time.Second)}
		h.MAC = headMAC(key, h.OfficeID, h.Seq, h.Hash, h.At)
		head += fmt.Sprintf(":%d:%s", h.At.Unix(), h.MAC)
		b.tx.head = &h
	}
	_, err := b.tx.ExecContext(b.tx.ctx, `INSERT INTO settings (key, value) VALUES ('audit_head', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, head)
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

func (b *auditBatch) close() { b.stmt.Close() }

// AuditHead returns the id of the newest audit entry (0 when there is none): a cheap way to
// tell whether anything changed.
func (db *DB) AuditHead(ctx context.Context) (int64, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM audit_log").Scan(&id)
	return id, err
}

// AuditProblem is one break found in the audit chain.
type AuditProblem struct {
	EntryID int64
	Message string // Chinese
}

// VerifyAudit walks the whole audit chain and reports every entry that was edited, removed
// or reordered behind the program's back, every entry whose signature does not hold (the chain
// recomputed without the key), a head that does not match, and a log that was wiped. An empty
// result means the chain is sound.
func (db *DB) VerifyAudit(ctx context.Context) ([]AuditProblem, int64, error) {
	return db.verifyAudit(ctx, false)
}

// verifyAudit is VerifyAudit; anchored also compares the chain with the head this computer
// last wrote for the office (the live database, not an older backup).
func (db *DB) verifyAudit(ctx context.Context, anchored bool) ([]AuditProblem, int64, error) {
	return db.verifyAuditOn(ctx, db.db, anchored)
}

// verifyAuditOn is verifyAudit reading the log through q (a copy's own transaction, before
// it commits: migrate.go).
func (db *DB) verifyAuditOn(ctx context.Context, q queryer, anchored bool) ([]AuditProblem, int64, error) {
	hasMAC := 1 // a server's schema starts at version 17
	if !db.pg {
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'mac'").Scan(&hasMAC); err != nil {
			return nil, 0, err
		}
	}
	macCol := "''"
	if hasMAC > 0 {
		macCol = "mac"
	}
	rows, err := q.QueryContext(ctx, `SELECT id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash, `+macCol+`
		FROM audit_log ORDER BY id`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	key := db.auditKey
	var probs []AuditProblem
	var prev data.AuditEntry
	var n int64
	signed := false // an entry with a signature has been seen: every later one needs one too
	hashes := map[int64]string{}
	for rows.Next() {
		var e data.AuditEntry
		var at, mac string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After, &e.PrevHash, &e.Hash, &mac); err != nil {
			return nil, 0, err
		}
		e.At = parseTS(at)
		n++
		switch {
		case e.ID != prev.ID+1:
			probs = append(probs, AuditProblem{e.ID, fmt.Sprintf("审计日志第 %d 条之前缺少第 %d–%d 条（记录被删除）", e.ID, prev.ID+1, e.ID-1)})
		case e.PrevHash != prev.Hash:
			probs = append(probs, AuditProblem{e.ID, fmt.Sprintf("审计日志第 %d 条与前一条接不上（前一条被改动、删除或调换了顺序）", e.ID)})
		}
		if auditHash(e) != e.Hash {
			probs = append(probs, AuditProblem{e.ID, fmt.Sprintf("审计日志第 %d 条内容被改动（%s %s #%d）", e.ID, e.Action, e.Table, e.RecordID)})
		}
		switch {
		case mac != "":
			signed = true
			if key != nil && !macEqual(mac, macOf(key, e.Hash)) {
				probs = append(probs, AuditProblem{e.ID, fmt.Sprintf("审计日志第 %d 条的签名不符：该条或它之前的记录被改动后重新计算过（%s %s #%d）", e.ID, e.Action, e.Table, e.RecordID)})
			}
		case signed:
			probs = append(probs, AuditProblem{e.ID, fmt.Sprintf("审计日志第 %d 条没有签名：它不是由台账程序写入的", e.ID)})
		}
		hashes[e.ID] = e.Hash
		prev = e
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var head string
	err = q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'audit_head'").Scan(&head)
	if err != nil && !isNoRows(err) {
		return nil, 0, err
	}
	keyed := hasMAC > 0 // from data version 13 on, every office has a key and a signed log
	switch {
	case keyed && db.officeID == "":
		probs = append(probs, AuditProblem{0, "数据库中的单位标识（office_id）缺失或被改动，无法找到审计密钥：审计日志可能被整体替换"})
	case keyed && key == nil:
		p, _ := keyPath(db.officeID)
		probs = append(probs, AuditProblem{0, fmt.Sprintf("本机没有此单位的审计密钥（应在“%s”），无法确认审计日志没有被重新计算。请把该单位的密钥文件复制到此处后再检查", p)})
	}
	if keyed && n == 0 {
		probs = append(probs, AuditProblem{0, "审计日志为空：全部记录和链头已被删除"})
	} else if keyed && !signed {
		probs = append(probs, AuditProblem{0, "审计日志中没有一条签名记录：整条日志在程序之外被重新计算过"})
	}
	if head != "" {
		parts := strings.Split(head, ":")
		hid, _ := strconv.ParseInt(parts[0], 10, 64)
		hash := ""
		if len(parts) > 1 {
			hash = parts[1]
		}
		if hid != prev.ID || hash != prev.Hash {
			probs = append(probs, AuditProblem{hid, fmt.Sprintf("审计日志末尾不完整：应到第 %d 条，实际到第 %d 条（末尾记录被删除或改动）", hid, prev.ID)})
		}
		if signed && key != nil {
			var sec int64
			if len(parts) == 4 {
				sec, _ = strconv.ParseInt(parts[2], 10, 64)
			}
			if len(parts) != 4 || !macEqual(parts[3], headMAC(key, db.officeID, hid, hash, time.Unix(sec, 0).UTC())) {
				probs = append(probs, AuditProblem{hid, "审计日志的链头签名不符：链头在程序之外被改写（末尾记录可能被删除）"})
			}
		}
	} else if n > 0 {
		probs = append(probs, AuditProblem{0, "审计日志的链头记录缺失"})
	}
	if anchored && key != nil {
		if a, ok := readAnchor(db.officeID); ok && macEqual(a.MAC, headMAC(key, a.OfficeID, a.Seq, a.Hash, a.At)) {
			switch h, have := hashes[a.Seq]; {
			case a.Seq > prev.ID:
				probs = append(probs, AuditProblem{a.Seq, fmt.Sprintf("审计日志被截断：本机记录的最新审计为第 %d 条（%s），数据库中只到第 %d 条",
					a.Seq, a.At.Local().Format("2006-01-02 15:04:05"), prev.ID)})
			case !have || h != a.Hash:
				probs = append(probs, AuditProblem{a.Seq, fmt.Sprintf("审计日志第 %d 条与本机记录的不同（%s 写入）：日志被改写", a.Seq, a.At.Local().Format("2006-01-02 15:04:05"))})
			}
		}
	}
	return probs, n, nil
}

// Head returns the newest audit entry, signed, for backup manifests and export footers; the
// zero value when the log is empty.
func (db *DB) Head(ctx context.Context) (data.AuditHeadInfo, error) {
	h := data.AuditHeadInfo{OfficeID: db.officeID}
	var at string
	err := db.db.QueryRowContext(ctx, "SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&h.Seq, &h.Hash, &at)
	if isNoRows(err) {
		return h, nil
	}
	if err != nil {
		return h, err
	}
	h.At = parseTS(at)
	if db.auditKey != nil {
		h.MAC = headMAC(db.auditKey, h.OfficeID, h.Seq, h.Hash, h.At)
	}
	return h, nil
}

// HeadLine is Head as the line under every ledger export (审计 #1234 · 2026-11-30 08:15 ·
// 3f2a9c1e…); "" when the log is empty or cannot be read, and the export goes on without it.
func (db *DB) HeadLine(ctx context.Context) string {
	h, err := db.Head(ctx)
	if err != nil || h.Seq == 0 {
		return ""
	}
	return h.String()
}

// ListAudit returns audit entries newest first.
func (db *DB) ListAudit(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error) {
	q := `SELECT id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash FROM audit_log WHERE 1=1`
	var args []any
	if f.Table != "" {
		q += " AND table_name = ?"
		args = append(args, f.Table)
	}
	if f.RecordID != 0 {
		q += " AND record_id = ?"
		args = append(args, f.RecordID)
	}
	if f.Limit <= 0 {
		f.Limit = 200
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, f.Limit)
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AuditEntry
	for rows.Next() {
		var e data.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		// Sealed numbers are shown opened while an account is logged in: a resident's as
		// stored in its row, the others as sealed for the entry (crypt.go).
		if k := db.keys.get(); k != nil {
			places := []string{placeOf(e.Table, "id_number", e.RecordID), placeOf(e.Table, "phone", e.RecordID),
				placeOf("audit_log", "values", e.ID)}
			e.Before, e.After = openJSON(k, e.Before, places...), openJSON(k, e.After, places...)
		}
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
