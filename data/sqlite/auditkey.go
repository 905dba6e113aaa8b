package sqlite

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"taizhang/data"
)

// The audit chain is anchored outside the database file. Each office has a random 32-byte
// key, made when the office is created (migration 12) and kept in a key folder of the
// computer's user profile, never in the database: every audit entry and the chain's head carry
// an HMAC-SHA256 under it, so someone who has only the file and an SQLite tool cannot edit an
// entry and recompute the chain, nor forge a new head after cutting the tail. Beside the key
// the program keeps the newest head it wrote (the anchor), which catches a tail cut back to an
// older signed head and a wiped log. What this does not stop is described in the README
// (someone with the user's profile has the key).

// KeyDirEnv names the environment variable that moves the key folder (tests; offices that keep
// the keys on removable media).
const KeyDirEnv = "TAIZHANG_KEYS"

// KeyDir is the folder holding the offices' audit keys and anchors.
func KeyDir() (string, error) {
	if d := os.Getenv(KeyDirEnv); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", &data.Error{Kind: data.ErrInvalid, Message: "找不到当前用户的配置文件夹，无法保存审计密钥", Err: err}
	}
	return filepath.Join(base, "taizhang", "keys"), nil
}

// keyPath is the file of an office's audit key.
func keyPath(officeID string) (string, error) {
	dir, err := KeyDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, officeID+".key"), nil
}

func validOfficeID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// newOfficeID returns a random identifier for a new office.
func newOfficeID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// readAuditKey reads the office's key; a missing key is (nil, nil).
func readAuditKey(officeID string) ([]byte, error) {
	if !validOfficeID(officeID) {
		return nil, nil
	}
	p, err := keyPath(officeID)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法读取审计密钥文件“%s”，请检查其读取权限", p), Err: err}
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != 32 {
		return nil, data.Invalid("key", "审计密钥文件“%s”已损坏", p)
	}
	return key, nil
}

// createAuditKey makes and stores a new key for the office, readable by its owner only.
func createAuditKey(officeID string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return key, writeAuditKey(officeID, key)
}

// writeAuditKey stores the office's key in this computer's key folder, readable by its owner
// only; a key already there is never overwritten.
func writeAuditKey(officeID string, key []byte) error {
	p, err := keyPath(officeID)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法创建审计密钥文件夹“%s”", filepath.Dir(p)), Err: err}
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入审计密钥文件“%s”", p), Err: err}
	}
	_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入审计密钥文件“%s”", p), Err: err}
	}
	return nil
}

// macOf is the HMAC-SHA256 under key of the parts joined by the unit separator.
func macOf(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(m.Sum(nil))
}

func macEqual(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }

func headMAC(key []byte, officeID string, seq int64, hash string, at time.Time) string {
	return macOf(key, "head", officeID, strconv.FormatInt(seq, 10), hash, ts(at))
}

// anchorPath is the file beside the key holding the newest head this computer wrote.
func anchorPath(officeID string) (string, error) {
	dir, err := KeyDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, officeID+".head"), nil
}

// saveAnchor records h as the newest head written for its office. Written after the commit,
// so it may lag behind the database after a crash but is never ahead of it.
func saveAnchor(h data.AuditHeadInfo) {
	p, err := anchorPath(h.OfficeID)
	if err != nil || !validOfficeID(h.OfficeID) {
		return
	}
	line := fmt.Sprintf("%d %s %s %s\n", h.Seq, h.Hash, ts(h.At), h.MAC)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(line), 0o600); err != nil {
		return
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
	}
}

// readAnchor returns the recorded head of the office; ok is false when there is none.
func readAnchor(officeID string) (h data.AuditHeadInfo, ok bool) {
	p, err := anchorPath(officeID)
	if err != nil || !validOfficeID(officeID) {
		return h, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return h, false
	}
	f := strings.Fields(string(b))
	if len(f) != 4 {
		return h, false
	}
	seq, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return h, false
	}
	return data.AuditHeadInfo{OfficeID: officeID, Seq: seq, Hash: f[1], At: parseTS(f[2]), MAC: f[3]}, true
}

// stepAuditKey gives the office its identifier and audit key, and writes the first signed
// entry. An office that already has an identifier (a copy upgraded elsewhere) keeps it.
func stepAuditKey(tx *Tx) error {
	var id string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = 'office_id'").Scan(&id)
	if isNoRows(err) {
		id = newOfficeID()
		_, err = tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value) VALUES ('office_id', ?)", id)
	}
	if err != nil {
		return err
	}
	key, err := readAuditKey(id)
	if err == nil && key == nil {
		key, err = createAuditKey(id)
	}
	if err != nil {
		return err
	}
	tx.db.officeID, tx.db.auditKey = id, key
	return tx.Audit("audit_key", "settings", 0, nil, map[string]any{"office_id": id})
}

// RunWithTempKeys runs a package's tests (m.Run of a testing.M) with the offices' audit keys
// in a temporary folder of their own, never in the user's profile, and returns the exit
// code. A child process of a test keeps its parent's folder.
//
// The argon2id cost of the accounts' key wraps is lowered too (it is stored with each wrap):
// tests create many accounts, and what they check does not depend on the cost.
func RunWithTempKeys(m interface{ Run() int }) int {
	kdf.time, kdf.memory = 1, 64
	if os.Getenv(KeyDirEnv) != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "taizhang-keys-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "test keys:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	os.Setenv(KeyDirEnv, dir)
	return m.Run()
}
