package sqlite

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"taizhang/data"
)

// The office's data key over its life (crypt.go has the cryptography):
//
//   - A new office makes its key with its first account (RunSetup, `init`, `demo`); every
//     account created or given a password afterwards by someone holding the key gets its wrap.
//   - An office written before encryption (schema 0016 added the columns, but no key can be had
//     while migrating) is encrypted at its first administrator's log-in: the key is made,
//     every ID and phone number sealed, the search terms written and the numbers already in
//     the audit log sealed too, in one transaction; other accounts get their wraps when an
//     administrator sets their passwords. Until then only an administrator may log in.
//   - Log-in unwraps the key into the process (DB.keys); log-out forgets it (DB.Lock).
//   - An administrator can rotate the key (RotateDataKey: everything re-sealed in one
//     transaction, audited; the other accounts' wraps no longer fit and each is recovered by
//     setting a new password) and recover an account (SetPassword: a new wrap).

// keyDataKey is the setting holding the check value of the office's data key: which key the
// office's values are sealed with. No setting: the office has no key yet.
const keyDataKey = "data_key"

func keyCheck(raw []byte) string { return "v1:" + hex.EncodeToString(subkey(raw, "check")[:16]) }

// needKey is the key of tx: one made or unwrapped in tx, else the one the process holds.
func (tx *Tx) needKey() (*dataKey, error) {
	if tx.unlock != nil {
		return tx.unlock, nil
	}
	return tx.db.needKey()
}

func (tx *Tx) officeKeyCheck() (string, error) {
	var v string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", keyDataKey).Scan(&v)
	if isNoRows(err) {
		return "", nil
	}
	return v, err
}

// ensureKey returns the key of tx; an office that has none yet gets one now, and what is
// already written in it is sealed with it.
func (tx *Tx) ensureKey() (*dataKey, error) {
	if k, err := tx.needKey(); err == nil {
		return k, nil
	}
	check, err := tx.officeKeyCheck()
	if err != nil {
		return nil, err
	}
	if check != "" {
		return nil, noKey()
	}
	raw, err := randomKey()
	if err != nil {
		return nil, err
	}
	k, err := newDataKey(raw)
	if err != nil {
		return nil, err
	}
	tx.unlock = k
	n, err := tx.resealAll(nil, k, "seal")
	if err != nil {
		return nil, err
	}
	sealed, err := tx.sealAuditHistory(k)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", keyDataKey, keyCheck(raw)); err != nil {
		return nil, err
	}
	if n > 0 || sealed > 0 {
		tx.db.compactPending.Store(true) // the numbers' earlier form may linger in free space
	}
	return k, tx.Audit("data_key", "settings", 0, nil, map[string]any{"made": true, "records_sealed": n, "audit_entries_sealed": sealed})
}

// compactIfPending rewrites the file after an office's numbers were sealed (VACUUM, then the
// WAL folded back): free pages and the free space inside pages of a file written before
// encryption, without secure_delete, may still hold numbers in the clear. Run outside any
// transaction; a failure is logged beside the database.
func (db *DB) compactIfPending(ctx context.Context) {
	if !db.compactPending.Swap(false) {
		return
	}
	if _, err := db.db.ExecContext(ctx, "VACUUM"); err != nil {
		db.compactPending.Store(true)
		LogError(db.path, "加密后整理数据库文件", err)
		return
	}
	_, _ = db.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
}

// wrapFor gives account userID its wrap of k under password.
func (tx *Tx) wrapFor(userID int64, password string, k *dataKey) error {
	w, err := wrapKey(k.raw, tx.db.officeID, userID, password)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, "UPDATE users SET key_wrap = ? WHERE id = ?", w, userID)
	return err
}

// unlockAtLogin unwraps the data key for account u that has just given its password. What
// it writes (an office encrypted, files sealed) is undone when it refuses the log-in: the
// refusal itself is audited and committed by the caller.
func (tx *Tx) unlockAtLogin(u *data.User, password string) error {
	if _, err := tx.ExecContext(tx.ctx, "SAVEPOINT unlock"); err != nil {
		return err
	}
	pending := tx.db.compactPending.Load()
	err := tx.unlockAtLoginInner(u, password)
	if err != nil {
		tx.unlock = nil
		tx.db.compactPending.Store(pending)
		if _, rerr := tx.ExecContext(tx.ctx, "ROLLBACK TO unlock"); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if _, rerr := tx.ExecContext(tx.ctx, "RELEASE unlock"); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

func (tx *Tx) unlockAtLoginInner(u *data.User, password string) error {
	check, err := tx.officeKeyCheck()
	if err != nil {
		return err
	}
	if check == "" {
		if u.Role != data.RoleAdmin {
			return &data.Error{Kind: data.ErrUnauthorized, Message: "本单位的数据库刚升级，身份证号和电话尚未加密：须先由管理员登录一次完成加密，之后其他账号才能登录"}
		}
		k, err := tx.ensureKey()
		if err != nil {
			return err
		}
		return tx.wrapFor(u.ID, password, k)
	}
	var wrap string
	if err := tx.QueryRowContext(tx.ctx, "SELECT key_wrap FROM users WHERE id = ?", u.ID).Scan(&wrap); err != nil {
		return err
	}
	if wrap == "" {
		return &data.Error{Kind: data.ErrUnauthorized, Message: fmt.Sprintf("账号“%s”还没有数据密钥（数据加密或更换密钥之后未重设过密码），不能查看居民信息。请管理员在“账号管理”中为该账号重设密码", u.Username)}
	}
	raw, err := unwrapKey(wrap, tx.db.officeID, u.ID, password)
	if err == nil && subtle.ConstantTimeCompare([]byte(keyCheck(raw)), []byte(check)) != 1 {
		err = errWrongWrap
	}
	if err != nil {
		return &data.Error{Kind: data.ErrUnauthorized, Err: err, Message: fmt.Sprintf("账号“%s”保存的数据密钥无法用此密码打开（已被改动，或是更换数据密钥之前的）。请管理员在“账号管理”中为该账号重设密码", u.Username)}
	}
	k, err := newDataKey(raw)
	if err != nil {
		return err
	}
	tx.unlock = k
	// Files kept in the clear by an office encrypted before files were (schema 0017) are
	// sealed now; nothing to do is one look at two small columns.
	n, err := tx.resealFiles(nil, k)
	if err != nil {
		return err
	}
	m, err := tx.sealPending(k)
	if n+m > 0 {
		tx.db.compactPending.Store(true)
	}
	return err
}

// keySealPending is the setting left by migration 0017 in an office that already had its
// data key: its residents' and households' addresses, in their rows and in the audit log,
// are still in the clear, and the address search terms are still to be written.
const keySealPending = "seal_pending"

// sealPending seals what migration 0017 left in the clear, once, at the first log-in after
// it, in the log-in's transaction: every resident's values as resealAll seals them (what is
// already sealed opens with k and is sealed anew), the households' addresses, and the
// addresses already in the audit log (the chain verified first and signed again).
func (tx *Tx) sealPending(k *dataKey) (int, error) {
	var v string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", keySealPending).Scan(&v)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := tx.resealAll(k, k, "seal")
	if err != nil {
		return 0, err
	}
	m, err := tx.sealAuditHistory(k)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(tx.ctx, "DELETE FROM settings WHERE key = ?", keySealPending); err != nil {
		return 0, err
	}
	return n + m, tx.Audit("data_key", "settings", 0, nil, map[string]any{"addresses_sealed": true, "records_sealed": n, "audit_entries_sealed": m})
}

// openWith opens a value sealed with old for its place; a value not sealed (an office being
// encrypted) is already plain.
func openWith(old *dataKey, s, ad string) (string, error) {
	if !isSealed(s) || old == nil {
		if isSealed(s) {
			return "", errTampered
		}
		return s, nil
	}
	return old.open(s, ad)
}

// resealAll seals every personal number of the office with k, opening what is sealed with
// old (nil: the office is being encrypted and its values are plain): residents (their blind
// index and search terms too), services and documents. Each resident's new sealed values
// are audited (action), so that the log still gives what the row holds. It returns how many
// records it changed.
func (tx *Tx) resealAll(old, k *dataKey, action string) (int, error) {
	n := 0
	type res struct {
		id               int64
		idn, phone, addr string
	}
	var rs []res
	rows, err := tx.QueryContext(tx.ctx, "SELECT id, id_number, phone, address FROM residents ORDER BY id")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r res
		if err := rows.Scan(&r.id, &r.idn, &r.phone, &r.addr); err != nil {
			rows.Close()
			return 0, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(rs) > 0 {
		up, err := tx.PrepareContext(tx.ctx, "UPDATE residents SET id_number = ?, phone = ?, address = ?, id_index = ? WHERE id = ?")
		if err != nil {
			return 0, err
		}
		defer up.Close()
		audit, err := tx.newAuditBatch()
		if err != nil {
			return 0, err
		}
		defer audit.close()
		for _, r := range rs {
			idn, err1 := openWith(old, r.idn, placeOf("residents", "id_number", r.id))
			phone, err2 := openWith(old, r.phone, placeOf("residents", "phone", r.id))
			addr, err3 := openWith(old, r.addr, placeOf("residents", "address", r.id))
			if err := errors.Join(err1, err2, err3); err != nil {
				return 0, data.Invalid("key", "居民 #%d 的身份证号、电话或住址无法解密（密文被改动），不能更换密钥。请先用“taizhang check”检查数据库", r.id)
			}
			sid, sphone := k.seal(idn, placeOf("residents", "id_number", r.id)), k.seal(phone, placeOf("residents", "phone", r.id))
			saddr := k.seal(addr, placeOf("residents", "address", r.id))
			if _, err := up.ExecContext(tx.ctx, sid, sphone, saddr, k.blind("id", idn), r.id); err != nil {
				if isUniqueViolation(err) {
					return 0, data.Conflict("居民 #%d 的身份证号与另一条未作废的档案重复，请先处理重复档案", r.id)
				}
				return 0, err
			}
			if err := tx.setNumbers(r.id, k.termsOf(map[string]string{"id": idn, "phone": phone, "address": addr})); err != nil {
				return 0, err
			}
			if err := audit.add(action, "residents", r.id, nil, map[string]any{"id_number": sid, "phone": sphone, "address": saddr}); err != nil {
				return 0, err
			}
			n++
		}
		if err := audit.finish(); err != nil {
			return 0, err
		}
	}
	m, err := tx.resealColumn(old, k, "services", "id", "first_id_number")
	if err != nil {
		return 0, err
	}
	n += m
	if m, err = tx.resealColumn(old, k, "households", "id", "address"); err != nil {
		return 0, err
	}
	n += m
	if m, err = tx.resealColumn(old, k, "deliveries", "document_id", "place"); err != nil {
		return 0, err
	}
	n += m
	m, err = tx.resealDocuments(old, k)
	if err != nil {
		return 0, err
	}
	n += m
	if old == k {
		return n, nil // sealing what was left in the clear (sealPending): the files are sealed already
	}
	m, err = tx.resealFiles(old, k)
	return n + m, err
}

// resealColumn re-seals one column of a table whose rows are known by idCol.
func (tx *Tx) resealColumn(old, k *dataKey, table, idCol, col string) (int, error) {
	type cell struct {
		id int64
		v  string
	}
	var cs []cell
	rows, err := tx.QueryContext(tx.ctx, fmt.Sprintf("SELECT %s, %s FROM %s WHERE %s <> ''", idCol, col, table, col))
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var c cell
		if err := rows.Scan(&c.id, &c.v); err != nil {
			rows.Close()
			return 0, err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, c := range cs {
		ad := placeOf(table, col, c.id)
		p, err := openWith(old, c.v, ad)
		if err != nil {
			return 0, data.Invalid("key", "%s #%d 的%s无法解密（密文被改动），不能更换密钥", table, c.id, col)
		}
		if _, err := tx.ExecContext(tx.ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE %s = ?", table, col, idCol), k.seal(p, ad), c.id); err != nil {
			return 0, err
		}
	}
	return len(cs), nil
}

// sensitiveKeys are the JSON keys whose values are personal numbers, wherever they occur in
// a document's content or an audit entry.
var sensitiveKeys = map[string]bool{"id_number": true, "IDNumber": true, "first_id_number": true, "FirstIDNumber": true,
	"phone": true, "Phone": true, "id_numbers": true, "IDNumbers": true}

// addressKeys are the JSON keys whose values are residents' addresses: sealed in the records
// of residents and households and in documents' content (a decision's applicant), not in an
// issue's, whose address is the place of a street problem.
var addressKeys = map[string]bool{"address": true, "Address": true, "Place": true}

// holdsAddresses reports whether the JSON of table (an audit entry's table, or
// "document_bodies" for a document's content) has residents' addresses.
func holdsAddresses(table string) bool {
	return table == "residents" || table == "households" || table == "documents" || table == "document_bodies"
}

// sealJSON seals, inside a JSON text of table, every plain value of a sensitive key (strings,
// and the strings of an array) for place; a text without one is returned unchanged.
func sealJSON(k *dataKey, js, place, table string) string {
	addresses := holdsAddresses(table)
	if js == "" || !mayHoldNumbers(js) && !(addresses && (strings.Contains(js, "ddress\"") || strings.Contains(js, `"Place"`))) {
		return js
	}
	var v any
	if json.Unmarshal([]byte(js), &v) != nil {
		return js
	}
	changed := false
	var walk func(v any, sensitive bool) any
	walk = func(v any, sensitive bool) any {
		switch x := v.(type) {
		case map[string]any:
			for key, e := range x {
				x[key] = walk(e, sensitiveKeys[key] || addresses && addressKeys[key])
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e, sensitive)
			}
		case string:
			if sensitive && x != "" && !isSealed(x) {
				changed = true
				return k.seal(x, place)
			}
		}
		return v
	}
	v = walk(v, false)
	if !changed {
		return js
	}
	b, err := json.Marshal(v)
	if err != nil {
		return js
	}
	return string(b)
}

// openJSON opens the sealed values of a JSON text sealed for one of places (tried in turn);
// without the key (or where a value does not open) they read as asterisks.
func openJSON(k *dataKey, js string, places ...string) string {
	if !strings.Contains(js, sealPrefix) {
		return js
	}
	var v any
	if json.Unmarshal([]byte(js), &v) != nil {
		return js
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for key, e := range x {
				x[key] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		case string:
			if isSealed(x) {
				if k != nil {
					for _, place := range places {
						if p, err := k.open(x, place); err == nil {
							return p
						}
					}
				}
				return lockedValue(x)
			}
		}
		return v
	}
	b, err := json.Marshal(walk(v))
	if err != nil {
		return js
	}
	return string(b)
}

// quotedSensitiveKeys are sensitiveKeys as they appear in JSON, for a cheap first look.
var quotedSensitiveKeys = func() []string {
	var out []string
	for key := range sensitiveKeys {
		out = append(out, `"`+key+`"`)
	}
	return out
}()

func mayHoldNumbers(js string) bool {
	for _, key := range quotedSensitiveKeys {
		if strings.Contains(js, key) {
			return true
		}
	}
	return false
}

// resealDocuments re-seals the personal numbers inside documents' stored content.
func (tx *Tx) resealDocuments(old, k *dataKey) (int, error) {
	type body struct {
		id      int64
		content string
	}
	var bs []body
	rows, err := tx.QueryContext(tx.ctx, "SELECT document_id, content FROM document_bodies")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var b body
		if err := rows.Scan(&b.id, &b.content); err != nil {
			rows.Close()
			return 0, err
		}
		bs = append(bs, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// A signed document's content is frozen by a trigger; sealing it anew leaves what it says
	// unchanged, so the trigger is set aside for this transaction and put back as it was
	// (as bulk.go does with the search trigger): nothing outside ever sees it missing.
	restore, err := tx.setAsideTrigger("document_bodies", "document_bodies_frozen")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range bs {
		place := placeOf("document_bodies", "content", b.id)
		plain := b.content
		if old != nil {
			plain = openJSON(old, b.content, place)
			if strings.Contains(plain, "******************") && strings.Contains(b.content, sealPrefix) {
				return 0, data.Invalid("key", "文书 #%d 中的身份证号无法解密（密文被改动），不能更换密钥", b.id)
			}
		}
		sealed := sealJSON(k, plain, place, "document_bodies")
		if sealed == b.content {
			continue
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET content = ? WHERE document_id = ?", sealed, b.id); err != nil {
			return 0, err
		}
		n++
	}
	return n, restore()
}

// RotateDataKey replaces the office's data key with a new one (administrators, giving their
// own password again): every sealed value is opened with the old key and sealed with the new
// one in one transaction, audited. The administrator's account gets a wrap of the new key;
// every other account's wrap is cleared (it holds the old key), and each is recovered by an
// administrator setting its password. Entries already in the audit log stay sealed with the
// old key: changing them would break the chain; they show as asterisks from then on.
func (db *DB) RotateDataKey(ctx context.Context, password string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageUsers); err != nil {
			return err
		}
		if tx.user == nil || tx.user.ID == 0 {
			return data.Forbidden("更换数据密钥须以管理员账号登录")
		}
		var hash string
		if err := tx.QueryRowContext(tx.ctx, "SELECT password_hash FROM users WHERE id = ?", tx.user.ID).Scan(&hash); err != nil {
			return err
		}
		if compareHash([]byte(hash), []byte(password)) != nil {
			return data.Invalid("password", "密码不正确，未更换数据密钥")
		}
		old, err := tx.needKey()
		if err != nil {
			return err
		}
		raw, err := randomKey()
		if err != nil {
			return err
		}
		k, err := newDataKey(raw)
		if err != nil {
			return err
		}
		n, err := tx.resealAll(old, k, "rekey")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE settings SET value = ? WHERE key = ?", keyCheck(raw), keyDataKey); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE users SET key_wrap = '' WHERE id <> ? AND key_wrap <> ''", tx.user.ID)
		if err != nil {
			return err
		}
		cleared, _ := res.RowsAffected()
		if err := tx.wrapFor(tx.user.ID, password, k); err != nil {
			return err
		}
		tx.unlock = k
		return tx.Audit("rotate_key", "settings", 0, nil, map[string]any{"records_resealed": n, "accounts_to_recover": cleared})
	})
}

// sealAuditHistory seals the personal numbers already written in the audit log in the clear
// (an office encrypted after it was used) and signs the chain again from the first entry it
// changed: the entries keep their ids, times, actions and order, and the new head is
// anchored. The log is read a page at a time, so a large office's log is never all in
// memory. It returns how many entries it sealed.
func (tx *Tx) sealAuditHistory(k *dataKey) (int, error) {
	const page = 2000
	// each hands every entry, in order, to fn.
	each := func(fn func(e *data.AuditEntry) error) error {
		last := int64(0)
		for {
			rows, err := tx.QueryContext(tx.ctx, `SELECT id, at, user_id, user_name, action, table_name, record_id, before, after, prev_hash, hash
				FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`, last, page)
			if err != nil {
				return err
			}
			var es []data.AuditEntry
			for rows.Next() {
				var e data.AuditEntry
				var at string
				if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Action, &e.Table, &e.RecordID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
					rows.Close()
					return err
				}
				e.At = parseTS(at)
				es = append(es, e)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for i := range es {
				if err := fn(&es[i]); err != nil {
					return err
				}
			}
			if len(es) < page {
				return nil
			}
			last = es[len(es)-1].ID
		}
	}
	// Staff accounts' work phones stay plain: reconcile compares them with the row.
	sealedForm := func(e *data.AuditEntry) (before, after string) {
		if e.Table == "users" {
			return e.Before, e.After
		}
		place := placeOf("audit_log", "values", e.ID)
		return sealJSON(k, e.Before, place, e.Table), sealJSON(k, e.After, place, e.Table)
	}
	errPlain := errors.New("plain")
	err := each(func(e *data.AuditEntry) error {
		if b, a := sealedForm(e); b != e.Before || a != e.After {
			return errPlain
		}
		return nil
	})
	if err == nil {
		return 0, nil // nothing in the clear
	}
	if err != errPlain {
		return 0, err
	}
	// Signing the chain again must not launder a change made behind the program's back: the
	// chain is verified first, and an office whose log does not hold is not encrypted until
	// `taizhang check` has been looked at.
	probs, _, err := tx.db.verifyAudit(tx.ctx, true)
	if err != nil {
		return 0, err
	}
	if len(probs) > 0 {
		return 0, data.Invalid("audit", "审计日志校验未通过（%s），不能加密其中的身份证号和电话。请先用“taizhang check”检查数据库", probs[0].Message)
	}
	up, err := tx.PrepareContext(tx.ctx, "UPDATE audit_log SET before = ?, after = ?, prev_hash = ?, hash = ?, mac = ? WHERE id = ?")
	if err != nil {
		return 0, err
	}
	defer up.Close()
	sealed := 0
	rechain := false
	prev := ""
	err = each(func(e *data.AuditEntry) error {
		before, after := sealedForm(e)
		if before != e.Before || after != e.After {
			sealed++
			rechain = true
		}
		if !rechain {
			prev = e.Hash
			return nil
		}
		e.Before, e.After, e.PrevHash = before, after, prev
		e.Hash = auditHash(*e)
		mac := ""
		if key := tx.db.auditKey; key != nil {
			mac = macOf(key, e.Hash)
		}
		if _, err := up.ExecContext(tx.ctx, e.Before, e.After, e.PrevHash, e.Hash, mac, e.ID); err != nil {
			return err
		}
		prev = e.Hash
		return nil
	})
	return sealed, err
}

// sealProblems names every sealed value that does not open with the held key: changed,
// or moved from another row or column (GCM's tag over the value and its place).
func sealProblems(ctx context.Context, conn *sql.DB, k *dataKey) ([]string, error) {
	var probs []string
	rows, err := conn.QueryContext(ctx, "SELECT id, id_number, phone, address FROM residents ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var idn, phone, addr string
		if err := rows.Scan(&id, &idn, &phone, &addr); err != nil {
			return nil, err
		}
		if _, err := k.open(idn, placeOf("residents", "id_number", id)); err != nil || (!isSealed(idn) && idn != "") {
			probs = append(probs, fmt.Sprintf("居民 #%d 的身份证号无法解密：密文被改动、从别处移来或以明文写入", id))
		}
		if _, err := k.open(phone, placeOf("residents", "phone", id)); err != nil || (!isSealed(phone) && phone != "") {
			probs = append(probs, fmt.Sprintf("居民 #%d 的电话无法解密：密文被改动、从别处移来或以明文写入", id))
		}
		if _, err := k.open(addr, placeOf("residents", "address", id)); err != nil || (!isSealed(addr) && addr != "") {
			probs = append(probs, fmt.Sprintf("居民 #%d 的住址无法解密：密文被改动、从别处移来或以明文写入", id))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	srows, err := conn.QueryContext(ctx, "SELECT id, number, first_id_number FROM services WHERE first_id_number <> '' ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var number, v string
		if err := srows.Scan(&id, &number, &v); err != nil {
			return nil, err
		}
		if _, err := k.open(v, placeOf("services", "first_id_number", id)); err != nil || !isSealed(v) {
			probs = append(probs, fmt.Sprintf("服务记录 %s（#%d）的身份证号无法解密：密文被改动、从别处移来或以明文写入", number, id))
		}
	}
	if err := srows.Err(); err != nil {
		return nil, err
	}
	// The addresses copied out of residents' records: households' and delivery places.
	for _, c := range []struct{ table, idCol, col, what string }{
		{"households", "id", "address", "户 #%d 的住址"}, {"deliveries", "document_id", "place", "文书 #%d 的送达地点"},
	} {
		rows, err := conn.QueryContext(ctx, fmt.Sprintf("SELECT %s, %s FROM %s WHERE %s <> '' ORDER BY %s", c.idCol, c.col, c.table, c.col, c.idCol))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, err
			}
			if _, err := k.open(v, placeOf(c.table, c.col, id)); err != nil || !isSealed(v) {
				probs = append(probs, fmt.Sprintf(c.what+"无法解密：密文被改动、从别处移来或以明文写入", id))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return probs, nil
}

// resealFiles seals the kept PDFs of signed letters and the attachments with k (crypt.go),
// one file in memory at a time, each audited with the sum of its new stored bytes (action
// seal_file, or rekey_file when old is the key they were sealed with). With old nil only
// the files still kept in the clear are sealed (an office written before, at a log-in); one
// whose bytes no longer match its sum is left as it is, for `check` to name, rather than
// sealed and so made to look sound. With old, every sealed file is opened and sealed anew,
// and one that does not open stops the rotation.
func (tx *Tx) resealFiles(old, k *dataKey) (int, error) {
	action := "seal_file"
	if old != nil {
		action = "rekey_file"
	}
	type file struct {
		id        int64
		sum, ssum string
	}
	list := func(q string) ([]file, error) {
		rows, err := tx.QueryContext(tx.ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var fs []file
		for rows.Next() {
			var f file
			if err := rows.Scan(&f.id, &f.sum, &f.ssum); err != nil {
				return nil, err
			}
			fs = append(fs, f)
		}
		return fs, rows.Err()
	}
	// onlyPlain narrows a listing to the files not sealed yet, when sealing an office's.
	onlyPlain := func(col string) string {
		if old != nil {
			return ""
		}
		return " AND " + col + " = ''"
	}
	// plainOf is the file kept as b: nil when it is not the file its sums name.
	plainOf := func(b []byte, place string, f file) []byte {
		if !isSealedBytes(b) {
			if f.ssum == "" && sha256Hex(b) == f.sum {
				return b
			}
			return nil
		}
		if old == nil || sha256Hex(b) != f.ssum {
			return nil
		}
		p, err := old.openBytes(b, place)
		if err != nil || sha256Hex(p) != f.sum {
			return nil
		}
		return p
	}
	docs, err := list(`SELECT d.id, d.pdf_sha256, d.pdf_sealed_sha256 FROM documents d JOIN document_bodies b ON b.document_id = d.id
		WHERE d.pdf_sha256 <> '' AND b.pdf IS NOT NULL` + onlyPlain("d.pdf_sealed_sha256") + " ORDER BY d.id")
	if err != nil {
		return 0, err
	}
	atts, err := list("SELECT id, sha256, sealed_sha256 FROM attachments WHERE 1 = 1" + onlyPlain("sealed_sha256") + " ORDER BY id")
	if err != nil {
		return 0, err
	}
	n := 0
	if len(docs) > 0 {
		// A signed letter's PDF is frozen by a trigger; sealing it leaves the letter as it
		// is, so the trigger is set aside for this transaction and put back as it was.
		restore, err := tx.setAsideTrigger("document_bodies", "document_bodies_frozen")
		if err != nil {
			return 0, err
		}
		for _, f := range docs {
			var b []byte
			if err := tx.QueryRowContext(tx.ctx, "SELECT pdf FROM document_bodies WHERE document_id = ?", f.id).Scan(&b); err != nil {
				return 0, err
			}
			p := plainOf(b, pdfPlace(f.id), f)
			if p == nil {
				if old != nil {
					return 0, data.Invalid("key", "文书 #%d 保存的 PDF 无法解密或与校验值不一致（已被改动），不能更换密钥。请先用“taizhang check”检查数据库", f.id)
				}
				continue
			}
			sealed := k.sealBytes(p, pdfPlace(f.id))
			sum := sha256Hex(sealed)
			if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET pdf = ? WHERE document_id = ?", sealed, f.id); err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET pdf_sealed_sha256 = ? WHERE id = ?", sum, f.id); err != nil {
				return 0, err
			}
			if err := tx.Audit(action, "documents", f.id, nil, map[string]any{"pdf_sealed_sha256": sum}); err != nil {
				return 0, err
			}
			n++
		}
		if err := restore(); err != nil {
			return 0, err
		}
	}
	for _, f := range atts {
		var b []byte
		if err := tx.QueryRowContext(tx.ctx, "SELECT content FROM attachments WHERE id = ?", f.id).Scan(&b); err != nil {
			return 0, err
		}
		p := plainOf(b, attachmentPlace(f.id), f)
		if p == nil {
			if old != nil {
				return 0, data.Invalid("key", "附件 #%d 无法解密或与校验值不一致（已被改动），不能更换密钥。请先用“taizhang check”检查数据库", f.id)
			}
			continue
		}
		sealed := k.sealBytes(p, attachmentPlace(f.id))
		sum := sha256Hex(sealed)
		if _, err := tx.ExecContext(tx.ctx, "UPDATE attachments SET content = ?, sealed_sha256 = ? WHERE id = ?", sealed, sum, f.id); err != nil {
			return 0, err
		}
		if err := tx.Audit(action, "attachments", f.id, nil, map[string]any{"sealed_sha256": sum}); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}
