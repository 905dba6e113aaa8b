package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

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
// (action on table/record), with the record before and after as JSON.
func (tx *Tx) Audit(action, table string, recordID int64, before, after any) error {
	var e data.AuditEntry
	var prevID int64
	err := tx.QueryRowContext(tx.ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&prevID, &e.PrevHash)
	if err != nil && !isNoRows(err) {
		return fmt.Errorf("audit: %w", err)
	}
	e.ID = prevID + 1
	e.At = tx.now
	if tx.user != nil {
		e.UserID, e.UserName = tx.user.ID, tx.user.Name
	} else {
		e.UserName = "系统"
	}
	e.Action, e.Table, e.RecordID = action, table, recordID
	e.Before, e.After = toJSON(before), toJSON(after)
	e.Hash = auditHash(e)
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO audit_log (id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, ts(e.At), e.UserID, e.UserName, e.Action, e.Table, e.RecordID, e.Before, e.After, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	// The head (count and last hash) is kept apart so a removed tail is noticed too.
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO settings (key, value) VALUES ('audit_head', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.FormatInt(e.ID, 10)+":"+e.Hash)
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

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
// or reordered behind the program's back. An empty result means the chain is sound.
func (db *DB) VerifyAudit(ctx context.Context) ([]AuditProblem, int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var probs []AuditProblem
	var prev data.AuditEntry
	var n int64
	for rows.Next() {
		var e data.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
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
		prev = e
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var head string
	err = db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'audit_head'").Scan(&head)
	if err != nil && !isNoRows(err) {
		return nil, 0, err
	}
	if head != "" {
		id, hash, _ := strings.Cut(head, ":")
		hid, _ := strconv.ParseInt(id, 10, 64)
		if hid != prev.ID || hash != prev.Hash {
			probs = append(probs, AuditProblem{hid, fmt.Sprintf("审计日志末尾不完整：应到第 %d 条，实际到第 %d 条（末尾记录被删除或改动）", hid, prev.ID)})
		}
	} else if n > 0 {
		probs = append(probs, AuditProblem{0, "审计日志的链头记录缺失"})
	}
	return probs, n, nil
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Table    string
	RecordID int64
	Limit    int
}

// ListAudit returns audit entries newest first.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]data.AuditEntry, error) {
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
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
