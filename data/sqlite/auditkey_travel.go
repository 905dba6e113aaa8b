package sqlite

import (
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"taizhang/data"
)

// The audit key travels with the office, sealed under its data key (setting audit_key_sealed),
// so that a second computer of the office — another PC on the office's server, or the PC a
// file was moved to — gets it at the first log-in there, instead of someone carrying the key
// file over by hand. Only an account's password opens the data key, so holding the database
// (a copy of the file, a dump of the server) still gives no way to re-sign the chain.
//
// Until a computer has the key it writes nothing: a log-in with the right password fetches
// the key first; a wrong password is refused without counting it (the count and its audit
// entry could not be signed). That gives away nothing: whoever can reach the database can
// already test passwords against the stored hashes at any speed.
const keyAuditSealed = "audit_key_sealed"

func auditKeyPlace() string { return placeOf("settings", keyAuditSealed, 0) }

// sealAuditKey keeps the office's audit key in the office, sealed under k: at set-up, when the
// data key is made or rotated, and at a log-in of an office that does not hold it yet.
func (tx *Tx) sealAuditKey(k *dataKey) error {
	if tx.db.auditKey == nil || k == nil {
		return nil
	}
	v := k.seal(hex.EncodeToString(tx.db.auditKey), auditKeyPlace())
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, keyAuditSealed, v)
	return err
}

// carryAuditKey seals the audit key into an office made before the key travelled with it, at
// a log-in on a computer that has the key.
func (tx *Tx) carryAuditKey(k *dataKey) error {
	var v string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", keyAuditSealed).Scan(&v)
	if err == nil || !isNoRows(err) {
		return err
	}
	return tx.sealAuditKey(k)
}

// fetchAuditKey gives this computer the office's audit key from the office, opened with the
// data key k that a log-in has just unwrapped, checked against the signed head of the log,
// and kept in the computer's key folder as a key made here would be.
func (tx *Tx) fetchAuditKey(k *dataKey) error {
	if tx.db.auditKey != nil {
		return nil
	}
	refuse := func() error {
		p, _ := keyPath(tx.db.officeID)
		return data.Invalid("db", "本机没有此单位的审计密钥（应在“%s”），数据库中也没有随附的密钥：请先在单位原来的电脑上用管理员账号登录一次，或把该单位的密钥文件复制到此处", p)
	}
	var v string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", keyAuditSealed).Scan(&v)
	if isNoRows(err) {
		return refuse()
	}
	if err != nil {
		return err
	}
	plain, err := k.open(v, auditKeyPlace())
	if err != nil {
		return refuse()
	}
	key, err := hex.DecodeString(plain)
	if err != nil || len(key) != 32 {
		return refuse()
	}
	var head string
	err = tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = 'audit_head'").Scan(&head)
	if err != nil && !isNoRows(err) {
		return err
	}
	if !headSignedBy(key, tx.db.officeID, head) {
		return data.Invalid("db", "数据库中随附的审计密钥与审计日志的签名不符：审计日志或密钥可能被改动。请用“taizhang check”检查")
	}
	if err := writeAuditKey(tx.db.officeID, key); err != nil {
		return err
	}
	tx.db.auditKey = key
	return nil
}

// headSignedBy tells whether the stored head "id:hash:unix:mac" carries key's signature; a
// log without a signed head (a new office) accepts any key.
func headSignedBy(key []byte, officeID, head string) bool {
	parts := strings.Split(head, ":")
	if len(parts) < 4 {
		return true
	}
	seq, err1 := strconv.ParseInt(parts[0], 10, 64)
	unix, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return macEqual(parts[3], headMAC(key, officeID, seq, parts[1], time.Unix(unix, 0).UTC()))
}
