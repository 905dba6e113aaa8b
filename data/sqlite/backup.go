package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"taizhang/data"
)

// Backup writes a consistent copy of the open database to out: VACUUM INTO a temporary file
// beside out, fsync it, open it and run integrity_check, then rename it into place. The live
// file is never copied byte by byte; it works while the app is writing.
func (db *DB) Backup(ctx context.Context, out string) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if out == db.path {
		return data.Invalid("out", "备份文件不能与数据库文件相同")
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: "无法创建备份文件夹，请检查磁盘空间和该文件夹的写入权限", Err: err}
	}
	tmp := out + ".part"
	os.Remove(tmp)
	if db.pg {
		// A server's office is copied into a new file from one snapshot (migrate.go).
		if _, err := db.copyToNew(ctx, tmp); err != nil {
			RemoveDatabase(tmp)
			return err
		}
	} else if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return busy(fmt.Errorf("vacuum into: %w", err))
	}
	// A backup holds every resident's personal data: readable by its owner only.
	if err := os.Chmod(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := fsyncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	head, err := verifyBackup(ctx, tmp)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("verify backup: %w", err)
	}
	man, err := db.manifest(tmp, head.AuditHeadInfo)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	// The manifest first: a backup file is never in place without it.
	if err := writeFileSync(manifestPath(out), man, 0o600); err != nil {
		os.Remove(tmp)
		return &data.Error{Kind: data.ErrInvalid, Message: "无法写入备份清单，请检查磁盘空间和该文件夹的写入权限", Err: err}
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		os.Remove(manifestPath(out))
		return &data.Error{Kind: data.ErrInvalid, Message: "无法写入备份文件，请检查磁盘空间和该文件夹的写入权限", Err: err}
	}
	fsyncDir(filepath.Dir(out))
	return nil
}

// manifestPath is the file beside a backup that records what it holds.
func manifestPath(backup string) string { return backup + ".manifest.json" }

// backupManifest is written beside every backup: the audit head the backup ends with and the
// SHA-256 of the whole file, signed with the office's key, so a backup changed afterwards
// (or a different file put in its place) is refused on restore.
type backupManifest struct {
	data.AuditHeadInfo
	SchemaVersion int    `json:"schema_version"`
	Size          int64  `json:"size"`
	SHA256        string `json:"sha256"`
	MAC           string `json:"mac"` // over the head and the file's SHA-256
}

func manifestMAC(key []byte, m backupManifest) string {
	return macOf(key, "backup", m.OfficeID, strconv.FormatInt(m.Seq, 10), m.Hash, m.SHA256, strconv.FormatInt(m.Size, 10))
}

func (db *DB) manifest(file string, head data.AuditHeadInfo) ([]byte, error) {
	sum, size, err := fileSHA256(file)
	if err != nil {
		return nil, err
	}
	m := backupManifest{AuditHeadInfo: head, SchemaVersion: SchemaVersion(), Size: size, SHA256: sum}
	if db.auditKey != nil {
		m.MAC = manifestMAC(db.auditKey, m)
	}
	return json.MarshalIndent(m, "", "  ")
}

func fileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// checkManifest compares a backup with the manifest beside it, when there is one (a backup
// copied without it is judged by its own content alone).
func checkManifest(path string, head data.AuditHeadInfo, key []byte) error {
	b, err := os.ReadFile(manifestPath(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var m backupManifest
	if err := json.Unmarshal(b, &m); err != nil {
		return data.Invalid("from", "备份“%s”的清单文件已损坏", filepath.Base(path))
	}
	sum, size, err := fileSHA256(path)
	if err != nil {
		return err
	}
	switch {
	case sum != m.SHA256 || size != m.Size:
		return data.Invalid("from", "备份“%s”在备份之后被改动：与其清单中的校验值不符", filepath.Base(path))
	case m.Seq != head.Seq || m.Hash != head.Hash:
		return data.Invalid("from", "备份“%s”的审计日志与其清单不符：清单记到第 %d 条，备份中到第 %d 条", filepath.Base(path), m.Seq, head.Seq)
	case key != nil && !macEqual(m.MAC, manifestMAC(key, m)):
		return data.Invalid("from", "备份“%s”的清单签名不符：清单被改写", filepath.Base(path))
	}
	return nil
}

// writeFileSync writes b to path and flushes it to disk.
func writeFileSync(path string, b []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func fsyncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func fsyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not supported on every platform; best effort
		d.Close()
	}
}

// verifyFile opens a database file read-only and checks that it is a sound Taizhang database
// this program can open: integrity, application id, schema version, the audit chain, the kept
// PDFs and attachments against their sums, and the manifest beside it.
func verifyFile(ctx context.Context, path string) error {
	head, err := verifyBackup(ctx, path)
	if err != nil {
		return err
	}
	return checkManifest(path, head.AuditHeadInfo, head.key)
}

// verifiedHead is a verified file's audit head, with the key it was checked with.
type verifiedHead struct {
	data.AuditHeadInfo
	key []byte
}

// verifyBackup is verifyFile without the manifest; it returns the file's audit head.
func verifyBackup(ctx context.Context, path string) (verifiedHead, error) {
	var vh verifiedHead
	if err := checkHeader(path); err != nil {
		return vh, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return vh, &data.Error{Kind: data.ErrNotFound, Message: fmt.Sprintf("找不到文件“%s”", path), Err: err}
	}
	if st.Size() == 0 {
		return vh, data.Invalid("from", "“%s”是空文件，不是台账备份", filepath.Base(path))
	}
	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return vh, err
	}
	defer conn.Close()
	probs, err := integrity(ctx, conn)
	if err != nil {
		return vh, notADatabase(path, err)
	}
	if len(probs) > 0 {
		return vh, data.Invalid("from", "“%s”已损坏：%s", filepath.Base(path), probs[0])
	}
	var appID int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil || appID != AppID {
		return vh, data.Invalid("from", "“%s”不是台账的数据库或备份", filepath.Base(path))
	}
	var version int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version); err != nil {
		return vh, notADatabase(path, err)
	}
	if version > SchemaVersion() {
		return vh, data.Invalid("from", "“%s”来自更新版本的台账程序（数据版本 %d），请先升级程序", filepath.Base(path), version)
	}
	tmp := &DB{db: conn, path: path, readOnly: true, Now: time.Now}
	if err := tmp.readOfficeKey(ctx); err != nil {
		return vh, err
	}
	aprobs, _, err := tmp.VerifyAudit(ctx)
	if err != nil {
		return vh, notADatabase(path, err)
	}
	if len(aprobs) > 0 {
		return vh, data.Invalid("from", "“%s”的审计日志不完整：%s", filepath.Base(path), aprobs[0].Message)
	}
	bprobs, err := storedBytesProblems(ctx, conn, nil)
	if err != nil {
		return vh, notADatabase(path, err)
	}
	if len(bprobs) > 0 {
		return vh, data.Invalid("from", "“%s”不能使用：%s", filepath.Base(path), bprobs[0])
	}
	vh.AuditHeadInfo, err = tmp.Head(ctx)
	vh.key = tmp.auditKey
	return vh, err
}

func integrity(ctx context.Context, conn *sql.DB) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var probs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			probs = append(probs, s)
		}
	}
	return probs, rows.Err()
}

// fileIntegrity runs SQLite's integrity and foreign-key checks of the file.
func (db *DB) fileIntegrity(ctx context.Context, rep *CheckReport) error {
	probs, err := integrity(ctx, db.db)
	if err != nil {
		return err
	}
	for _, p := range probs {
		rep.Problems = append(rep.Problems, "数据库结构损坏："+p)
	}
	rows, err := db.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		rep.Problems = append(rep.Problems, fmt.Sprintf("表 %s 第 %d 行引用了不存在的 %s 记录", table, rowid.Int64, parent))
	}
	return rows.Err()
}

// CheckReport is what `taizhang check` found.
type CheckReport struct {
	SchemaVersion int
	AuditEntries  int64
	Decrypted     bool     // every sealed ID and phone number was opened (an account was logged in)
	Problems      []string // Chinese; empty when sound
}

// Check runs the integrity check, the foreign-key check, the schema version check and the
// audit-chain verification.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	var rep CheckReport
	if !db.pg { // a server keeps its pages and its foreign keys itself
		if err := db.fileIntegrity(ctx, &rep); err != nil {
			return rep, err
		}
	}
	if err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&rep.SchemaVersion); err != nil {
		return rep, err
	}
	if rep.SchemaVersion != SchemaVersion() {
		rep.Problems = append(rep.Problems, fmt.Sprintf("数据版本为 %d，本程序为 %d", rep.SchemaVersion, SchemaVersion()))
	}
	aprobs, n, err := db.verifyAudit(ctx, true)
	if err != nil {
		return rep, err
	}
	rep.AuditEntries = n
	for _, p := range aprobs {
		rep.Problems = append(rep.Problems, p.Message)
	}
	bprobs, err := storedBytesProblems(ctx, db.db, db.keys.get())
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, bprobs...)
	tprobs, err := triggerProblems(ctx, db.db, db.pg)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, tprobs...)
	rprobs, err := reconcile(ctx, db.db)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, rprobs...)
	aprobs2, err := aidProblems(ctx, db.db)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, aprobs2...)
	// With an account logged in, every sealed number is opened too (crypt.go).
	if k := db.keys.get(); k != nil {
		rep.Decrypted = true
		sprobs, err := sealProblems(ctx, db.db, k)
		if err != nil {
			return rep, err
		}
		rep.Problems = append(rep.Problems, sprobs...)
	}
	return rep, nil
}

// Restore replaces the database at dbPath with the backup at from, after verifying the backup
// completely. The current file is first kept as a backup of its own. The database must not be
// open anywhere: Restore takes the writer lock itself.
func Restore(ctx context.Context, dbPath, from string) (kept string, err error) {
	return restore(ctx, dbPath, from)
}

// RestoreAs is Restore for the window, where restoring needs an administrator's log-in: the
// name and password are checked against the accounts of the backup (the current file may be
// the damaged one), and the restore is audited as that administrator.
func RestoreAs(ctx context.Context, dbPath, from, username, password string) (kept string, err error) {
	from, _ = filepath.Abs(from)
	if _, err := verifyBackup(ctx, from); err != nil {
		return "", err
	}
	u, err := backupAdmin(ctx, from, username, password)
	if err != nil {
		return "", err
	}
	return restore(data.NewContextWithUser(ctx, u), dbPath, from)
}

// restoreDummy is compared with for an unknown name, as in Login.
var restoreDummy = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("taizhang-no-such-account"), bcrypt.DefaultCost)
	return h
})

// backupAdmin checks an administrator's log-in against the accounts kept in a backup file.
func backupAdmin(ctx context.Context, path, username, password string) (*data.User, error) {
	if strings.TrimSpace(username) == "" || password == "" {
		return nil, &data.Error{Kind: data.ErrUnauthorized, Field: "username", Message: "恢复备份须由管理员登录：请填写管理员的登录名和密码"}
	}
	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return officeAdmin(ctx, conn, path, "恢复备份", "备份", username, password)
}

// officeAdmin checks an administrator's log-in against the accounts of the database conn
// reads (a backup, or the office being moved), without writing to it: act is what needs the
// administrator ("恢复备份"), where names the database ("备份").
func officeAdmin(ctx context.Context, conn queryer, path, act, where, username, password string) (*data.User, error) {
	var hash string
	var u data.User
	var role string
	err := conn.QueryRowContext(ctx, "SELECT id, username, name, role, disabled, password_hash FROM users WHERE username = ?",
		strings.TrimSpace(username)).Scan(&u.ID, &u.Username, &u.Name, &role, &u.Disabled, &hash)
	if isNoRows(err) {
		_ = compareHash(restoreDummy(), []byte(password))
		return nil, &data.Error{Kind: data.ErrUnauthorized, Field: "username", Message: "管理员登录名或密码不正确（按" + where + "中的账号核对）"}
	}
	if err != nil {
		return nil, notADatabase(path, err)
	}
	u.Role = data.Role(role)
	if compareHash([]byte(hash), []byte(password)) != nil {
		return nil, &data.Error{Kind: data.ErrUnauthorized, Field: "password", Message: "管理员登录名或密码不正确（按" + where + "中的账号核对）"}
	}
	if u.Disabled || !u.Role.Can(data.ActRestore) {
		return nil, data.Forbidden("只有管理员可以%s：账号“%s”不是%s中有效的管理员账号", act, u.Username, where)
	}
	return &u, nil
}

func restore(ctx context.Context, dbPath, from string) (kept string, err error) {
	if IsServerURL(dbPath) {
		// Into an empty server database only: nothing there is replaced (migrate.go).
		return "", restoreServer(ctx, dbPath, from)
	}
	dbPath, _ = filepath.Abs(dbPath)
	from, _ = filepath.Abs(from)
	if dbPath == from {
		return "", data.Invalid("from", "备份文件不能与数据库文件相同")
	}
	head, err := verifyBackup(ctx, from)
	if err != nil {
		return "", err
	}
	if err := checkManifest(from, head.AuditHeadInfo, head.key); err != nil {
		return "", err
	}
	_, statErr := os.Stat(dbPath)
	lk := &DB{path: dbPath}
	if err := lk.lock(); err != nil {
		return "", err
	}
	defer lk.unlock()
	if statErr == nil {
		// Keep what is being replaced, in the same consistent way as any backup.
		kept = filepath.Join(BackupDir(dbPath), "恢复前-"+time.Now().Format("20060102-150405")+".db")
		cur, err := openLocked(dbPath)
		if err == nil {
			err = cur.Backup(ctx, kept)
			cur.db.Close()
		}
		if err != nil {
			// The current file may be the damaged one being replaced: keep its raw bytes.
			if err := os.MkdirAll(BackupDir(dbPath), 0o755); err != nil {
				return "", err
			}
			if err := copyFile(dbPath, kept); err != nil {
				return "", fmt.Errorf("keep current database: %w", err)
			}
		}
	}
	tmp := dbPath + ".restore"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return kept, err
	}
	if err := fsyncFile(tmp); err != nil {
		os.Remove(tmp)
		return kept, err
	}
	// Stale WAL and shared-memory files belong to the old database.
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return kept, err
	}
	fsyncDir(filepath.Dir(dbPath))
	// The restored chain is the backup's: this computer's anchor goes back with it, and the
	// restore itself is the next entry.
	saveAnchor(head.AuditHeadInfo)
	if db, err := openLocked(dbPath); err == nil {
		db.officeID, db.auditKey = head.OfficeID, head.key
		if db.auditKey != nil {
			err = db.write(ctx, func(tx *Tx) error {
				return tx.Audit("restore", "settings", 0, nil, map[string]any{"from": filepath.Base(from), "kept": filepath.Base(kept),
					"backup_audit_seq": head.Seq})
			})
		}
		db.db.Close()
		if err != nil {
			return kept, err
		}
	}
	return kept, nil
}

// openLocked opens a database whose lock the caller already holds.
func openLocked(path string) (*DB, error) {
	db := &DB{path: path, Now: time.Now}
	var err error
	db.db, err = sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	if err := db.db.Ping(); err != nil {
		db.db.Close()
		return nil, notADatabase(path, err)
	}
	return db, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BackupDir is where automatic backups of dbPath go: a folder beside it.
func BackupDir(dbPath string) string {
	return strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + "-备份"
}

// BackupInfo describes one automatic backup file.
type BackupInfo struct {
	Path string
	Time time.Time
	Size int64
}

const autoPrefix = "自动备份-"

// Backups lists the automatic backups of the database, newest first.
func Backups(dbPath string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(BackupDir(dbPath))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".db") {
			continue
		}
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, autoPrefix), ".db")
		stamp = strings.TrimPrefix(stamp, "恢复前-")
		t, err := time.ParseInLocation("20060102-150405", stamp, time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(BackupDir(dbPath), name), Time: t, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out, nil
}

// Setting key for the number of automatic backups kept.
const keyBackupKeep = "backup_keep"

// DefaultBackupKeep is how many automatic backups are kept unless the office says otherwise.
const DefaultBackupKeep = 30

// AutoBackup writes an automatic backup when force is set (on exit) or when the newest one is
// older than a day, then removes the oldest automatic backups beyond the number to keep.
func (db *DB) AutoBackup(ctx context.Context, force bool) (string, error) {
	if db.pg {
		return "", nil // a server is backed up by its administrator (pg_dump), not beside a file
	}
	// The ".part" files of backups killed half-way.
	clearStale(BackupDir(db.path), func(name string) bool { return strings.HasSuffix(name, ".part") })
	list, err := Backups(db.path)
	if err != nil {
		return "", err
	}
	if !force && len(list) > 0 && db.Now().Sub(list[0].Time) < 24*time.Hour {
		return "", nil
	}
	out := filepath.Join(BackupDir(db.path), autoPrefix+db.Now().Local().Format("20060102-150405")+".db")
	if err := db.Backup(ctx, out); err != nil {
		return "", err
	}
	keep := DefaultBackupKeep
	if v, _ := db.Setting(ctx, keyBackupKeep); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			keep = n
		}
	}
	list, err = Backups(db.path)
	if err != nil {
		return out, err
	}
	var autos []BackupInfo
	for _, b := range list {
		if strings.HasPrefix(filepath.Base(b.Path), autoPrefix) {
			autos = append(autos, b)
		}
	}
	for i := keep; i < len(autos); i++ {
		os.Remove(autos[i].Path)
		os.Remove(manifestPath(autos[i].Path))
	}
	return out, nil
}

// NewestGoodBackup returns the newest automatic backup that passes verification, for the
// start-up offer when the database fails its check.
func NewestGoodBackup(ctx context.Context, dbPath string) (BackupInfo, error) {
	list, err := Backups(dbPath)
	if err != nil {
		return BackupInfo{}, err
	}
	for _, b := range list {
		if verifyFile(ctx, b.Path) == nil {
			return b, nil
		}
	}
	return BackupInfo{}, data.NotFound("没有可用的备份")
}

// QuickCheck is the start-up integrity check: PRAGMA quick_check, fast on a large file.
func (db *DB) QuickCheck(ctx context.Context) error {
	if db.pg {
		return nil // the server keeps its own pages
	}
	var s string
	if err := db.db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&s); err != nil {
		return notADatabase(db.path, err)
	}
	if s != "ok" {
		return &data.Error{Kind: data.ErrInvalid, Message: "数据库文件已损坏（" + s + "）"}
	}
	return nil
}
