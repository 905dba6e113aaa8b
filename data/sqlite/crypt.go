package sqlite

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"

	"taizhang/data"
)

// Personal data at rest (PIPL art. 28, 51): ID numbers and phone numbers are kept in the file
// only encrypted, under the office's data key, a random 32-byte key that is never stored in
// the clear. Each account holds the key wrapped with a key derived from its password
// (argon2id), so the file alone, or a backup of it, reveals no number; logging in unwraps it
// into this process's memory (DB.key) until log-out.
//
//   - A value is sealed with AES-256-GCM under a subkey, with a fresh random nonce and the
//     place it belongs to (table.column#row) as additional data: a ciphertext moved to
//     another row or column no longer opens. Sealed text is "tz1:" + base64(nonce‖ct).
//   - Exact look-up and the uniqueness of live ID numbers use a blind index: HMAC-SHA256 of
//     the number under another subkey, truncated to 16 bytes.
//   - Part of a number (what a clerk types: 1942070, the last digits of a phone) is found
//     through keyed trigram terms bound to their position, in their own full-text table
//     (resident_numbers): the same substring search as before, without the digits.
//
// Birth date, sex and community stay in plain columns: lists, age filters and the 认证
// cycles are index queries over them. Who may see whole numbers on screen is still decided
// by the role (data.ActUnmask); the key only decides whether the program can read them at all.

// sealPrefix marks a sealed value.
const sealPrefix = "tz1:"

// kdf is the argon2id cost of a password-derived wrapping key. OWASP's password storage
// cheat sheet: m = 19 MiB, t = 2, p = 1. The parameters are stored with each wrap, so they
// can be raised later; tests lower them (RunWithTempKeys).
var kdf = struct {
	time, memory uint32
	threads      uint8
}{2, 19 * 1024, 1}

// dataKey is the office's unwrapped key and its subkeys.
type dataKey struct {
	raw   []byte
	aead  cipher.AEAD
	index []byte // blind index of whole numbers
	terms []byte // fragment terms
}

func subkey(master []byte, label string) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte("taizhang/" + label))
	return m.Sum(nil)
}

func newDataKey(raw []byte) (*dataKey, error) {
	if len(raw) != 32 {
		return nil, errors.New("data key: wrong length")
	}
	block, err := aes.NewCipher(subkey(raw, "seal"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &dataKey{raw: raw, aead: aead, index: subkey(raw, "index"), terms: subkey(raw, "terms")}, nil
}

func randomKey() ([]byte, error) {
	k := make([]byte, 32)
	_, err := rand.Read(k)
	return k, err
}

// placeOf is the additional data of a value: its table, column and row.
func placeOf(table, column string, row int64) string {
	return table + "." + column + "#" + strconv.FormatInt(row, 10)
}

// seal encrypts a value for its place; "" stays "" (an empty phone is not secret).
func (k *dataKey) seal(plain, ad string) string {
	if plain == "" {
		return ""
	}
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // the system has no randomness: nothing can be sealed
	}
	ct := k.aead.Seal(nonce, nonce, []byte(plain), []byte(ad))
	return sealPrefix + base64.RawStdEncoding.EncodeToString(ct)
}

// errTampered is what opening a changed ciphertext, or one moved from another place, gives.
var errTampered = errors.New("sealed value does not open")

// open decrypts a sealed value of its place. A value that is not sealed (an office written
// before encryption, still to be encrypted) is returned as it is.
func (k *dataKey) open(s, ad string) (string, error) {
	if !isSealed(s) {
		return s, nil
	}
	b, err := base64.RawStdEncoding.DecodeString(s[len(sealPrefix):])
	ns := k.aead.NonceSize()
	if err != nil || len(b) < ns+k.aead.Overhead() {
		return "", errTampered
	}
	p, err := k.aead.Open(nil, b[:ns], b[ns:], []byte(ad))
	if err != nil {
		return "", errTampered
	}
	return string(p), nil
}

func isSealed(s string) bool { return strings.HasPrefix(s, sealPrefix) }

// normNumber is the form numbers are indexed and searched in.
func normNumber(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// blind is the blind index of a whole number of a kind ("id"): equal numbers, equal index.
func (k *dataKey) blind(kind, value string) string {
	value = normNumber(value)
	if value == "" {
		return ""
	}
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte(kind + "\x1f" + value))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// termMAC computes search terms; one is reused for all the terms of a record (Reset), so a
// bulk insert does not allocate a new HMAC per trigram.
type termMAC struct {
	m   hash.Hash
	buf []byte
}

func (k *dataKey) termMAC() *termMAC { return &termMAC{m: hmac.New(sha256.New, k.terms)} }

// term is the keyed search term of the trigram of a number of a kind at position pos.
func (t *termMAC) term(kind string, pos int, gram string) string {
	t.m.Reset()
	t.buf = append(append(append(append(append(t.buf[:0], kind...), 0x1f), strconv.Itoa(pos)...), 0x1f), gram...)
	t.m.Write(t.buf)
	var sum [sha256.Size]byte
	return "t" + hex.EncodeToString(t.m.Sum(sum[:0])[:8])
}

// numberKinds are the numbers of a resident found by part, with the longest value searched.
var numberKinds = []struct {
	kind string
	max  int
}{{"id", 18}, {"phone", 13}}

// termsOf is the indexed text of a resident's numbers and address: each trigram of each
// number as a term bound to its kind and position, then each trigram of the address (lower
// case, as the trigram tokenizer reads it) in order, bound to no position, so that a phrase
// of a query's trigrams finds the addresses that contain the query, as before.
func (k *dataKey) termsOf(values map[string]string) string {
	var b strings.Builder
	t := k.termMAC()
	for _, nk := range numberKinds {
		r := []rune(normNumber(values[nk.kind]))
		for i := 0; i+3 <= len(r); i++ {
			b.WriteString(t.term(nk.kind, i, string(r[i:i+3])))
			b.WriteByte(' ')
		}
	}
	r := []rune(strings.ToLower(values["address"]))
	for i := 0; i+3 <= len(r); i++ {
		b.WriteString(t.term("addr", 0, string(r[i:i+3])))
		b.WriteByte(' ')
	}
	return b.String()
}

// addressMatch is the full-text phrase finding the residents whose address contains q
// (three characters or more, lower case): its trigrams, consecutive.
func (k *dataKey) addressMatch(q string) string {
	r := []rune(strings.ToLower(q))
	if len(r) < 3 {
		return ""
	}
	t := k.termMAC()
	terms := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		terms = append(terms, t.term("addr", 0, string(r[i:i+3])))
	}
	return `"` + strings.Join(terms, " ") + `"`
}

// numberMatch is the full-text expression finding the residents one of whose numbers
// contains q (three characters or more): q's trigrams at every start position, in each kind.
// It returns "" when q cannot be part of a number.
func (k *dataKey) numberMatch(q string) string {
	r := []rune(normNumber(q))
	if len(r) < 3 {
		return ""
	}
	for _, c := range r {
		if !(c >= '0' && c <= '9' || c == 'X' || c == '-') {
			return ""
		}
	}
	var alts []string
	t := k.termMAC()
	for _, nk := range numberKinds {
		for p := 0; p+len(r) <= nk.max; p++ {
			var all []string
			for i := 0; i+3 <= len(r); i++ {
				all = append(all, t.term(nk.kind, p+i, string(r[i:i+3])))
			}
			alts = append(alts, "("+strings.Join(all, " AND ")+")")
		}
	}
	return strings.Join(alts, " OR ")
}

// ---- wrapping the key for an account ----

// wrapKey seals the data key for account userID of office with a key derived from password.
// Stored: "a2id:v1:<time>:<memory KiB>:<threads>:<salt>:<sealed key>".
func wrapKey(raw []byte, officeID string, userID int64, password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	t, m, p := kdf.time, kdf.memory, kdf.threads
	kek := argon2.IDKey([]byte(password), salt, t, m, p, 32)
	aead, err := gcmOf(kek)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	ct := aead.Seal(nonce, nonce, raw, []byte(wrapAD(officeID, userID)))
	enc := base64.RawStdEncoding
	return fmt.Sprintf("a2id:v1:%d:%d:%d:%s:%s", t, m, p, enc.EncodeToString(salt), enc.EncodeToString(ct)), nil
}

func wrapAD(officeID string, userID int64) string {
	return "wrap#" + officeID + "#" + strconv.FormatInt(userID, 10)
}

func gcmOf(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// errWrongWrap is a wrap that the password does not open (or that was changed).
var errWrongWrap = errors.New("key wrap does not open")

// unwrapKey opens an account's wrap with its password.
func unwrapKey(wrap, officeID string, userID int64, password string) ([]byte, error) {
	f := strings.Split(wrap, ":")
	if len(f) != 7 || f[0] != "a2id" || f[1] != "v1" {
		return nil, errWrongWrap
	}
	t, err1 := strconv.ParseUint(f[2], 10, 32)
	m, err2 := strconv.ParseUint(f[3], 10, 32)
	p, err3 := strconv.ParseUint(f[4], 10, 8)
	enc := base64.RawStdEncoding
	salt, err4 := enc.DecodeString(f[5])
	ct, err5 := enc.DecodeString(f[6])
	// Bounded, so that a wrap edited in the file cannot make a log-in exhaust the computer.
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil || t == 0 || t > 16 || p == 0 || p > 16 || m < 8 || m > 256<<10 {
		return nil, errWrongWrap
	}
	kek := argon2.IDKey([]byte(password), salt, uint32(t), uint32(m), uint8(p), 32)
	aead, err := gcmOf(kek)
	if err != nil {
		return nil, err
	}
	ns := aead.NonceSize()
	if len(ct) < ns+aead.Overhead() {
		return nil, errWrongWrap
	}
	raw, err := aead.Open(nil, ct[:ns], ct[ns:], []byte(wrapAD(officeID, userID)))
	if err != nil || len(raw) != 32 {
		return nil, errWrongWrap
	}
	return raw, nil
}

// ---- the key in this process ----

// keyHolder is the unwrapped key of an open database, from log-in to log-out.
type keyHolder struct {
	mu  sync.RWMutex
	key *dataKey
}

func (h *keyHolder) get() *dataKey {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.key
}

func (h *keyHolder) set(k *dataKey) {
	h.mu.Lock()
	h.key = k
	h.mu.Unlock()
}

// ErrNoDataKey is the refusal of work that reads or writes whole ID or phone numbers while
// no account has logged in to this database (the command line without --user).
var ErrNoDataKey = errors.New("no data key")

func noKey() error {
	return &data.Error{Kind: data.ErrUnauthorized, Err: ErrNoDataKey,
		Message: "身份证号、电话、住址和保存的文书、附件在数据库中是加密的，此操作须以本单位的账号登录后才能进行（命令行请用 --user 指定账号，密码在提示时输入或由环境变量 TAIZHANG_PASSWORD 提供）"}
}

// Unlocked reports whether this process holds the office's data key (an account logged in).
func (db *DB) Unlocked() bool { return db.keys.get() != nil }

// Lock forgets the data key: the window calls it at log-out.
func (db *DB) Lock() { db.keys.set(nil) }

// needKey returns the data key, or the refusal that explains how to get it.
func (db *DB) needKey() (*dataKey, error) {
	if k := db.keys.get(); k != nil {
		return k, nil
	}
	return nil, noKey()
}

// lockedID and lockedPhone stand for a number while the key is not held: masked lists and
// exports still work, and show nothing of it.
func lockedValue(sealed string) string {
	if sealed == "" {
		return ""
	}
	return strings.Repeat("*", 18)
}

// reveal opens a sealed value of its place with the held key; without the key it is the
// placeholder. A value that does not open is reported by check; here it reads as the
// placeholder too, never as the ciphertext.
func (db *DB) reveal(s, ad string) string {
	if !isSealed(s) {
		return s
	}
	k := db.keys.get()
	if k == nil {
		return lockedValue(s)
	}
	p, err := k.open(s, ad)
	if err != nil {
		return lockedValue(s)
	}
	return p
}

// ---- files: kept PDFs of signed letters and attachments ----

// blobMagic begins a sealed file: blobMagic ‖ nonce ‖ AES-256-GCM(file), the file's place
// (table.column#row) as additional data, like a sealed value. A file kept before encryption
// (a PDF begins "%PDF-", an image with its own signature) never begins with it.
var blobMagic = []byte("TZB1")

// Places of sealed files.
func pdfPlace(docID int64) string     { return placeOf("document_bodies", "pdf", docID) }
func attachmentPlace(id int64) string { return placeOf("attachments", "content", id) }
func isSealedBytes(b []byte) bool {
	return len(b) >= len(blobMagic) && string(b[:len(blobMagic)]) == string(blobMagic)
}
func (k *dataKey) blobOverhead() int { return len(blobMagic) + k.aead.NonceSize() + k.aead.Overhead() }
func (k *dataKey) nonceOf(b []byte) []byte {
	return b[len(blobMagic) : len(blobMagic)+k.aead.NonceSize()]
}

// sealBytes encrypts a file for its place, in one allocation (the reused AEAD, no key
// derivation per file).
func (k *dataKey) sealBytes(plain []byte, ad string) []byte {
	head := len(blobMagic) + k.aead.NonceSize()
	out := make([]byte, head, len(plain)+k.blobOverhead())
	copy(out, blobMagic)
	if _, err := rand.Read(out[len(blobMagic):head]); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // the system has no randomness: nothing can be sealed
	}
	return k.aead.Seal(out, out[len(blobMagic):head], plain, []byte(ad))
}

// openBytes decrypts a sealed file of its place; a changed byte, or a file moved from
// another row, does not open (GCM's tag).
func (k *dataKey) openBytes(b []byte, ad string) ([]byte, error) {
	if !isSealedBytes(b) || len(b) < k.blobOverhead() {
		return nil, errTampered
	}
	p, err := k.aead.Open(nil, k.nonceOf(b), b[len(blobMagic)+k.aead.NonceSize():], []byte(ad))
	if err != nil {
		return nil, errTampered
	}
	return p, nil
}

// openJSONValue opens one sealed value of its place with k; without k, or where it does not
// open, it reads as asterisks. A value not sealed is returned as it is.
func openJSONValue(k *dataKey, s, ad string) string {
	if !isSealed(s) {
		return s
	}
	if k != nil {
		if p, err := k.open(s, ad); err == nil {
			return p
		}
	}
	return lockedValue(s)
}
