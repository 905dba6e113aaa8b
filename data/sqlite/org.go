package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"taizhang/data"
)

// Setting keys of the office.
const (
	keyOfficeName = "office_name"
	keyShortName  = "office_short_name"
	keyGovernment = "office_government"
	keyCourt      = "office_court"
	keyAddress    = "office_address"
	keyPhone      = "office_phone"
	keySetupDone  = "setup_done"
)

// KeyDemoHint is the setting a demo office keeps its log-in hint in; the log-in page shows it.
const KeyDemoHint = "demo_hint"

// Setting returns a setting's value, or "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if isNoRows(err) {
		return "", nil
	}
	return v, err
}

// SetSetting writes a setting inside tx with an audit entry.
func (tx *Tx) SetSetting(key, value string) error {
	var old string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&old)
	if err != nil && !isNoRows(err) {
		return err
	}
	if err == nil && old == value {
		return nil
	}
	if _, err := tx.ExecContext(tx.ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return err
	}
	return tx.Audit("update", "settings", 0, map[string]string{key: old}, map[string]string{key: value})
}

// SetupNeeded reports whether the first-start set-up has not been done yet.
func (db *DB) SetupNeeded(ctx context.Context) (bool, error) {
	v, err := db.Setting(ctx, keySetupDone)
	return v == "", err
}

// Setup is the first-start set-up: the office, its communities and grids, and the
// administrator account.
type Setup struct {
	Office        data.Office
	Communities   []string
	Grids         map[string][]string // community name → grid names
	AdminUsername string
	AdminName     string
	AdminPassword string
}

// RunSetup performs the first-start set-up in one transaction. It refuses to run twice.
func (db *DB) RunSetup(ctx context.Context, s Setup) (*data.User, error) {
	if strings.TrimSpace(s.Office.Name) == "" {
		return nil, data.Invalid("office_name", "请填写单位名称（如：平城区鹿苑街道办事处）")
	}
	if len(s.Communities) == 0 {
		return nil, data.Invalid("communities", "请至少填写一个社区")
	}
	if err := data.CheckPassword(s.AdminPassword); err != nil {
		return nil, err
	}
	var admin *data.User
	err := db.write(ctx, func(tx *Tx) error {
		var done string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", keySetupDone).Scan(&done)
		if err == nil {
			return data.Conflict("初始设置已经完成，不能重复进行")
		}
		if err := tx.saveOffice(s.Office); err != nil {
			return err
		}
		for i, name := range s.Communities {
			c, err := tx.addCommunity(name, i+1)
			if err != nil {
				return err
			}
			for j, g := range s.Grids[name] {
				if _, err := tx.addGrid(c.ID, g, j+1); err != nil {
					return err
				}
			}
		}
		for i, t := range data.DefaultTags {
			if _, err := tx.addCatalog(data.CatalogTags, t, "", i+1); err != nil {
				return err
			}
		}
		admin = &data.User{Username: s.AdminUsername, Name: s.AdminName, Role: data.RoleAdmin}
		if admin.Username == "" {
			admin.Username = "admin"
		}
		if admin.Name == "" {
			admin.Name = "管理员"
		}
		if err := tx.createUser(admin, s.AdminPassword); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", keySetupDone, ts(tx.now)); err != nil {
			return err
		}
		return tx.Audit("setup", "settings", 0, nil, map[string]any{"office": s.Office.Name, "communities": s.Communities})
	})
	if err != nil {
		return nil, err
	}
	return admin, nil
}

// Office returns the office settings.
func (db *DB) Office(ctx context.Context) (data.Office, error) {
	var o data.Office
	rows, err := db.db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'office_%'")
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return o, err
		}
		switch k {
		case keyOfficeName:
			o.Name = v
		case keyShortName:
			o.ShortName = v
		case keyGovernment:
			o.Government = v
		case keyCourt:
			o.Court = v
		case keyAddress:
			o.Address = v
		case keyPhone:
			o.Phone = v
		}
	}
	return o, rows.Err()
}

// SaveOffice updates the office settings (administrators only).
func (db *DB) SaveOffice(ctx context.Context, o data.Office) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		return tx.saveOffice(o)
	})
}

func (tx *Tx) saveOffice(o data.Office) error {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return data.Invalid("office_name", "请填写单位名称")
	}
	if utf8.RuneCountInString(o.Name) > 40 {
		return data.Invalid("office_name", "单位名称过长，最多 40 字")
	}
	for k, v := range map[string]string{keyOfficeName: o.Name, keyShortName: o.ShortName, keyGovernment: o.Government,
		keyCourt: o.Court, keyAddress: o.Address, keyPhone: o.Phone} {
		if err := tx.SetSetting(k, strings.TrimSpace(v)); err != nil {
			return err
		}
	}
	return nil
}

// Communities lists the communities, voided ones only when asked.
func (db *DB) Communities(ctx context.Context, withVoided bool) ([]data.Community, error) {
	q := "SELECT id, name, sort, voided FROM communities"
	if !withVoided {
		q += " WHERE voided = 0"
	}
	rows, err := db.db.QueryContext(ctx, q+" ORDER BY sort, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Community
	for rows.Next() {
		var c data.Community
		if err := rows.Scan(&c.ID, &c.Name, &c.Sort, &c.Voided); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Grids lists the grids of a community (all communities when communityID is 0).
func (db *DB) Grids(ctx context.Context, communityID int64) ([]data.Grid, error) {
	q := "SELECT id, community_id, name, sort, voided FROM grids WHERE voided = 0"
	var args []any
	if communityID != 0 {
		q += " AND community_id = ?"
		args = append(args, communityID)
	}
	rows, err := db.db.QueryContext(ctx, q+" ORDER BY community_id, sort, id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Grid
	for rows.Next() {
		var g data.Grid
		if err := rows.Scan(&g.ID, &g.CommunityID, &g.Name, &g.Sort, &g.Voided); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// AddCommunity adds a community (administrators only).
func (db *DB) AddCommunity(ctx context.Context, name string) (data.Community, error) {
	var c data.Community
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		var max int
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(sort), 0) FROM communities").Scan(&max); err != nil {
			return err
		}
		var err error
		c, err = tx.addCommunity(name, max+1)
		return err
	})
	return c, err
}

func (tx *Tx) addCommunity(name string, sort int) (data.Community, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return data.Community{}, data.Invalid("community", "社区名称不能为空")
	}
	if utf8.RuneCountInString(name) > 30 {
		return data.Community{}, data.Invalid("community", "社区名称过长，最多 30 字")
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM communities WHERE name = ? AND voided = 0", name).Scan(&n); err != nil {
		return data.Community{}, err
	}
	if n > 0 {
		return data.Community{}, data.Conflict("社区“%s”已存在", name)
	}
	res, err := tx.ExecContext(tx.ctx, "INSERT INTO communities (name, sort) VALUES (?, ?)", name, sort)
	if err != nil {
		return data.Community{}, err
	}
	id, _ := res.LastInsertId()
	c := data.Community{ID: id, Name: name, Sort: sort}
	return c, tx.Audit("create", "communities", id, nil, c)
}

// AddGrid adds a grid to a community (administrators only).
func (db *DB) AddGrid(ctx context.Context, communityID int64, name string) (data.Grid, error) {
	var g data.Grid
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		var max int
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(sort), 0) FROM grids WHERE community_id = ?", communityID).Scan(&max); err != nil {
			return err
		}
		var err error
		g, err = tx.addGrid(communityID, name, max+1)
		return err
	})
	return g, err
}

func (tx *Tx) addGrid(communityID int64, name string, sort int) (data.Grid, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return data.Grid{}, data.Invalid("grid", "网格名称不能为空")
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM communities WHERE id = ? AND voided = 0", communityID).Scan(&n); err != nil {
		return data.Grid{}, err
	}
	if n == 0 {
		return data.Grid{}, data.Invalid("community", "所选社区不存在或已作废")
	}
	if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM grids WHERE community_id = ? AND name = ? AND voided = 0", communityID, name).Scan(&n); err != nil {
		return data.Grid{}, err
	}
	if n > 0 {
		return data.Grid{}, data.Conflict("网格“%s”已存在", name)
	}
	res, err := tx.ExecContext(tx.ctx, "INSERT INTO grids (community_id, name, sort) VALUES (?, ?, ?)", communityID, name, sort)
	if err != nil {
		return data.Grid{}, err
	}
	id, _ := res.LastInsertId()
	g := data.Grid{ID: id, CommunityID: communityID, Name: name, Sort: sort}
	return g, tx.Audit("create", "grids", id, nil, g)
}

// VoidCommunity voids a community with a reason; one that still has residents is refused.
func (db *DB) VoidCommunity(ctx context.Context, id int64, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if _, err := data.CheckVoidReason(reason); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM residents WHERE community_id = ? AND voided = 0", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Conflict("该社区还有 %d 名居民，不能作废。请先把居民调整到其他社区", n)
		}
		res, err := tx.ExecContext(ctx, "UPDATE communities SET voided = 1, void_reason = ? WHERE id = ? AND voided = 0", reason, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFound("社区不存在或已作废")
		}
		return tx.Audit("void", "communities", id, nil, map[string]string{"reason": reason})
	})
}

// Catalog lists the values of an editable list in order.
func (db *DB) Catalog(ctx context.Context, kind data.CatalogKind) ([]data.CatalogEntry, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id, kind, value, sort, voided FROM catalog WHERE kind = ? AND voided = 0 ORDER BY sort, id", string(kind))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.CatalogEntry
	for rows.Next() {
		var e data.CatalogEntry
		var k string
		if err := rows.Scan(&e.ID, &k, &e.Value, &e.Sort, &e.Voided); err != nil {
			return nil, err
		}
		e.Kind = data.CatalogKind(k)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CatalogValues returns just the values of an editable list.
func (db *DB) CatalogValues(ctx context.Context, kind data.CatalogKind) ([]string, error) {
	es, err := db.Catalog(ctx, kind)
	var vs []string
	for _, e := range es {
		vs = append(vs, e.Value)
	}
	return vs, err
}

// AddCatalog adds a value to an editable list (administrators only). A voided value of the
// same text is brought back instead.
func (db *DB) AddCatalog(ctx context.Context, kind data.CatalogKind, value string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		var max int
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(sort), 0) FROM catalog WHERE kind = ?", string(kind)).Scan(&max); err != nil {
			return err
		}
		_, err := tx.addCatalog(kind, value, "", max+1)
		return err
	})
}

// AddCatalogEntry is AddCatalog inside an existing transaction, for seeding catalogs.
func (tx *Tx) AddCatalogEntry(kind data.CatalogKind, value, extra string, sort int) (int64, error) {
	return tx.addCatalog(kind, value, extra, sort)
}

func (tx *Tx) addCatalog(kind data.CatalogKind, value, extra string, sort int) (int64, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, data.Invalid("value", "名称不能为空")
	}
	if utf8.RuneCountInString(value) > 60 {
		return 0, data.Invalid("value", "名称过长，最多 60 字")
	}
	var id int64
	var voided bool
	err := tx.QueryRowContext(tx.ctx, "SELECT id, voided FROM catalog WHERE kind = ? AND value = ?", string(kind), value).Scan(&id, &voided)
	switch {
	case err == nil && !voided:
		return 0, data.Conflict("“%s”已在列表中", value)
	case err == nil:
		if _, err := tx.ExecContext(tx.ctx, "UPDATE catalog SET voided = 0 WHERE id = ?", id); err != nil {
			return 0, err
		}
		return id, tx.Audit("restore", "catalog", id, nil, map[string]string{"kind": string(kind), "value": value})
	case !isNoRows(err):
		return 0, err
	}
	res, err := tx.ExecContext(tx.ctx, "INSERT INTO catalog (kind, value, extra, sort) VALUES (?, ?, ?, ?)", string(kind), value, extra, sort)
	if err != nil {
		return 0, err
	}
	id, _ = res.LastInsertId()
	return id, tx.Audit("create", "catalog", id, nil, map[string]string{"kind": string(kind), "value": value})
}

// VoidCatalog removes a value from an editable list; records that use it keep it.
func (db *DB) VoidCatalog(ctx context.Context, kind data.CatalogKind, value string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE catalog SET voided = 1 WHERE kind = ? AND value = ? AND voided = 0", string(kind), value)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Invalid("value", "列表中没有“%s”", value)
		}
		return tx.Audit("void", "catalog", 0, map[string]string{"kind": string(kind), "value": value}, nil)
	})
}

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
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO users (username, name, role, community_id, phone, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Username, u.Name, string(u.Role), nullID(u.CommunityID), u.Phone, string(hash), ts(u.CreatedAt))
	if err != nil {
		return err
	}
	u.ID, _ = res.LastInsertId()
	return tx.Audit("create", "users", u.ID, nil, map[string]any{"username": u.Username, "name": u.Name, "role": u.Role})
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
	err := db.write(ctx, func(tx *Tx) error {
		var hash string
		var failures int
		row := tx.QueryRowContext(ctx, "SELECT "+userCols+", password_hash, failed_logins FROM users WHERE username = ?", strings.TrimSpace(username))
		var role, locked, created string
		err := row.Scan(&u.ID, &u.Username, &u.Name, &role, &u.CommunityID, &u.Phone, &u.Disabled, &locked, &created, &hash, &failures)
		if isNoRows(err) {
			loginErr = &data.Error{Kind: data.ErrUnauthorized, Field: "username", Message: "登录名或密码不正确"}
			return nil
		}
		if err != nil {
			return err
		}
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
		if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
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
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' WHERE id = ?", string(hash), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFound("账号不存在")
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

// now returns the store's current time in UTC.
func (db *DB) now() time.Time { return db.Now().UTC() }
