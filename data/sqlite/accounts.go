package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"taizhang/data"
)

// ---- accounts ----

// CreateUser adds a staff account (administrators only).
func (db *DB) CreateUser(ctx context.Context, u *data.User, password string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageUsers); err != nil {
			return err
		}
		return tx.createUser(u, password)
	})
}

// CreateUserTx adds a staff account inside tx without a permission check (demo, set-up).
func (tx *Tx) CreateUserTx(u *data.User, password string) error { return tx.createUser(u, password) }

func (tx *Tx) createUser(u *data.User, password string) error {
	u.Username = strings.TrimSpace(u.Username)
	u.Name = strings.TrimSpace(u.Name)
	if u.Username == "" {
		return data.Invalid("username", "请填写登录名")
	}
	if u.Name == "" {
		return data.Invalid("name", "请填写姓名")
	}
	if _, ok := data.ParseRole(string(u.Role)); !ok {
		return data.Invalid("role", "请选择角色")
	}
	if err := data.CheckPassword(password); err != nil {
		return err
	}
	// The account gets its wrap of the office's data key; the first account of a new office
	// makes the key.
	k, err := tx.ensureKey()
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM users WHERE username = ?", u.Username).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Conflict("登录名“%s”已被使用", u.Username)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), tx.db.BcryptCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	u.CreatedAt = tx.now
	err = tx.QueryRowContext(tx.ctx, `INSERT INTO users (username, name, role, community_id, phone, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, u.Username, u.Name, string(u.Role), nullID(u.CommunityID), u.Phone, string(hash), ts(u.CreatedAt)).Scan(&u.ID)
	if err != nil {
		return err
	}
	if err := tx.wrapFor(u.ID, password, k); err != nil {
		return err
	}
	return tx.Audit("create", "users", u.ID, nil, map[string]any{"username": u.Username, "name": u.Name, "role": u.Role,
		"community_id": u.CommunityID, "phone": u.Phone, "disabled": false})
}

const userCols = "id, username, name, role, COALESCE(community_id, 0), phone, disabled, locked_until, created_at"

func scanUser(sc interface{ Scan(...any) error }) (data.User, error) {
	var u data.User
	var role, locked, created string
	err := sc.Scan(&u.ID, &u.Username, &u.Name, &role, &u.CommunityID, &u.Phone, &u.Disabled, &locked, &created)
	u.Role = data.Role(role)
	if locked != "" {
		u.LockedUntil = parseTS(locked)
	}
	u.CreatedAt = parseTS(created)
	return u, err
}

// Users lists the staff accounts.
func (db *DB) Users(ctx context.Context) ([]data.User, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+userCols+" FROM users ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Login checks a user's password. After data.MaxLoginFailures wrong passwords in a row the
// account is locked for data.LockoutDuration; every attempt is audited.
func (db *DB) Login(ctx context.Context, username, password string) (*data.User, error) {
	var u data.User
	var loginErr error
	dummy := db.dummyHash()
	err := db.write(ctx, func(tx *Tx) error {
		var hash string
		var failures int
		row := tx.QueryRowContext(ctx, "SELECT "+userCols+", password_hash, failed_logins FROM users WHERE username = ?", strings.TrimSpace(username))
		var role, locked, created string
		err := row.Scan(&u.ID, &u.Username, &u.Name, &role, &u.CommunityID, &u.Phone, &u.Disabled, &locked, &created, &hash, &failures)
		if isNoRows(err) {
			// One comparison, as for a known name: the time of the answer tells nothing.
			_ = compareHash(dummy, []byte(password))
			loginErr = &data.Error{Kind: data.ErrUnauthorized, Field: "username", Message: "登录名或密码不正确"}
			return nil
		}
		if err != nil {
			return err
		}
		// Compared before the account's state is looked at, for the same reason.
		passwordOK := compareHash([]byte(hash), []byte(password)) == nil
		u.Role = data.Role(role)
		u.CreatedAt = parseTS(created)
		tx.user = &u
		if u.Disabled {
			loginErr = &data.Error{Kind: data.ErrUnauthorized, Message: "该账号已停用，请联系管理员"}
			return nil
		}
		if locked != "" && tx.now.Before(parseTS(locked)) {
			mins := int(parseTS(locked).Sub(tx.now).Minutes()) + 1
			loginErr = &data.Error{Kind: data.ErrUnauthorized, Message: fmt.Sprintf("密码连续输错 %d 次，账号已锁定，请 %d 分钟后再试或联系管理员", data.MaxLoginFailures, mins)}
			return nil
		}
		if !passwordOK {
			failures++
			lockedUntil := ""
			msg := fmt.Sprintf("登录名或密码不正确（还可尝试 %d 次）", data.MaxLoginFailures-failures)
			if failures >= data.MaxLoginFailures {
				lockedUntil = ts(tx.now.Add(data.LockoutDuration))
				failures = 0
				msg = fmt.Sprintf("密码连续输错 %d 次，账号已锁定 %d 分钟", data.MaxLoginFailures, int(data.LockoutDuration.Minutes()))
			}
			if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failures, lockedUntil, u.ID); err != nil {
				return err
			}
			loginErr = &data.Error{Kind: data.ErrUnauthorized, Field: "password", Message: msg}
			return tx.Audit("login_failed", "users", u.ID, nil, nil)
		}
		if err := tx.unlockAtLogin(&u, password); err != nil {
			var de *data.Error
			if errors.As(err, &de) {
				loginErr = err
				return tx.Audit("login_refused", "users", u.ID, nil, map[string]string{"reason": de.Message})
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?", u.ID); err != nil {
			return err
		}
		return tx.Audit("login", "users", u.ID, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	if loginErr != nil {
		return nil, loginErr
	}
	db.compactIfPending(ctx)
	return &u, nil
}

// SetPassword changes a password: users change their own (giving the old one); administrators
// reset anyone's.
func (db *DB) SetPassword(ctx context.Context, userID int64, oldPassword, newPassword string) error {
	if err := data.CheckPassword(newPassword); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		me := tx.user
		if me == nil {
			return &data.Error{Kind: data.ErrUnauthorized, Message: "请先登录"}
		}
		if me.ID != userID && !me.Role.Can(data.ActManageUsers) {
			return data.Forbidden("只有管理员可以重设他人的密码")
		}
		if me.ID == userID {
			var hash string
			if err := tx.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = ?", userID).Scan(&hash); err != nil {
				return err
			}
			if bcrypt.CompareHashAndPassword([]byte(hash), []byte(oldPassword)) != nil {
				return data.Invalid("old_password", "原密码不正确")
			}
		}
		hash, err := bcrypt.GenerateFromPassword([]byte(newPassword), tx.db.BcryptCost)
		if err != nil {
			return err
		}
		// The account's new wrap of the data key: setting someone's password is also how an
		// administrator recovers an account that lost its wrap (a forgotten password, a
		// rotated key).
		k, err := tx.needKey()
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' WHERE id = ?", string(hash), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFound("账号不存在")
		}
		if err := tx.wrapFor(userID, newPassword, k); err != nil {
			return err
		}
		return tx.Audit("password", "users", userID, nil, nil)
	})
}

// UpdateUser changes a staff account's name, role, community, phone or disabled flag
// (administrators only). The last active administrator cannot be demoted or disabled.
func (db *DB) UpdateUser(ctx context.Context, u data.User) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageUsers); err != nil {
			return err
		}
		old, err := scanUser(tx.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", u.ID))
		if isNoRows(err) {
			return data.NotFound("账号不存在")
		}
		if err != nil {
			return err
		}
		if strings.TrimSpace(u.Name) == "" {
			return data.Invalid("name", "请填写姓名")
		}
		if _, ok := data.ParseRole(string(u.Role)); !ok {
			return data.Invalid("role", "请选择角色")
		}
		if old.Role == data.RoleAdmin && (u.Role != data.RoleAdmin || u.Disabled) {
			var admins int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").Scan(&admins); err != nil {
				return err
			}
			if admins <= 1 {
				return data.Conflict("这是唯一的管理员账号，不能改为其他角色或停用")
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET name = ?, role = ?, community_id = ?, phone = ?, disabled = ? WHERE id = ?",
			strings.TrimSpace(u.Name), string(u.Role), nullID(u.CommunityID), u.Phone, u.Disabled, u.ID); err != nil {
			return err
		}
		return tx.Audit("update", "users", u.ID, old, u)
	})
}

// refreshUser reads the acting account again at the start of every action, so that an open
// session of an account disabled or given another role since its log-in acts with what the
// account is now: disabled, it can do nothing; demoted, only what the new role allows. The
// command line's pseudo-account (no id) is not an account of the office.
func (tx *Tx) refreshUser() error {
	if tx.user == nil || tx.user.ID == 0 {
		return nil
	}
	u, err := scanUser(tx.QueryRowContext(tx.ctx, "SELECT "+userCols+" FROM users WHERE id = ?", tx.user.ID))
	if isNoRows(err) {
		return &data.Error{Kind: data.ErrUnauthorized, Message: "登录的账号已不存在，请重新登录"}
	}
	if err != nil {
		return err
	}
	if u.Disabled {
		return &data.Error{Kind: data.ErrUnauthorized, Message: fmt.Sprintf("账号“%s”已被停用，不能再进行操作。请联系管理员", u.Username)}
	}
	tx.user = &u
	return nil
}

// checkReader re-reads the acting account before a list or a record is read for it: one row
// by its primary key, cheap beside the read itself. A session whose account was disabled,
// removed, or given another role or community since its log-in loses its read rights at
// once, not only at its next write: the window ends such a session on ErrUnauthorized and
// the account logs in again with what it is now (its masking and unmasking follow the role).
// Work with no account (the command line's masked reads) is not an office account's.
func (db *DB) checkReader(ctx context.Context) error {
	u := data.UserFromContext(ctx)
	if u == nil || u.ID == 0 {
		return nil
	}
	var role string
	var disabled bool
	var community int64
	err := db.db.QueryRowContext(ctx, "SELECT role, disabled, COALESCE(community_id, 0) FROM users WHERE id = ?", u.ID).Scan(&role, &disabled, &community)
	switch {
	case isNoRows(err):
		return &data.Error{Kind: data.ErrUnauthorized, Message: "登录的账号已不存在，请重新登录"}
	case err != nil:
		return err
	case disabled:
		return &data.Error{Kind: data.ErrUnauthorized, Message: fmt.Sprintf("账号“%s”已被停用，不能再查看或修改数据。请联系管理员", u.Username)}
	case data.Role(role) != u.Role || community != u.CommunityID:
		return &data.Error{Kind: data.ErrUnauthorized, Message: fmt.Sprintf("账号“%s”的角色或所属社区已被管理员更改，请重新登录", u.Username)}
	}
	return nil
}

// KeylessAccounts returns the accounts that hold no wrap of the office's data key (an
// office encrypted or a key rotated since their password was last set): they cannot log in
// until an administrator sets their password.
func (db *DB) KeylessAccounts(ctx context.Context) (map[int64]bool, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id FROM users WHERE key_wrap = ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// compareHash is bcrypt's comparison; tests count its calls.
var compareHash = bcrypt.CompareHashAndPassword

// dummyHash is compared with when the log-in name is unknown, so that the answer takes as long
// as for a known name and does not tell which names exist.
func (db *DB) dummyHash() []byte {
	db.dummyOnce.Do(func() {
		db.dummy, _ = bcrypt.GenerateFromPassword([]byte("taizhang-no-such-account"), db.BcryptCost)
	})
	return db.dummy
}

// now returns the store's current time in UTC.
func (db *DB) now() time.Time { return db.Now().UTC() }

// RecordExport audits an export as its own action: which ledger, the filter, how many rows,
// the file's name and whether it holds full ID and phone numbers; a full export needs the
// acting account's data.ActUnmask.
func (db *DB) RecordExport(ctx context.Context, ledger string, filter any, rows int, full bool, file string) error {
	return db.write(ctx, func(tx *Tx) error {
		if full {
			if err := tx.require(data.ActUnmask); err != nil {
				return err
			}
		}
		return tx.Audit("export", ledger, 0, nil, map[string]any{"filter": filter, "rows": rows, "full": full, "file": filepath.Base(file)})
	})
}
