package sqlite

import (
	"context"
	"strings"
	"unicode/utf8"

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

// RunSetup performs the first-start set-up in one transaction. It refuses to run twice.
func (db *DB) RunSetup(ctx context.Context, s data.Setup) (*data.User, error) {
	if strings.TrimSpace(s.Office.Name) == "" {
		return nil, data.Invalid("office_name", "请填写单位名称（如：平城区鹿苑街道办事处）")
	}
	if len(s.Communities) == 0 && !s.CommunitiesLater {
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
	return officeSettings(ctx, db.db)
}

// office is Office read inside tx, on its own connection: a writer holding the office's
// lock never waits for a second connection of the pool, which writers queued behind the
// lock may all hold (SQLite gave them up after busy_timeout; a server would wait for ever).
func (tx *Tx) office() (data.Office, error) { return officeSettings(tx.ctx, tx) }

func officeSettings(ctx context.Context, q sqlQueryer) (data.Office, error) {
	var o data.Office
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'office_%'")
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
	var id int64
	if err := tx.QueryRowContext(tx.ctx, "INSERT INTO communities (name, sort) VALUES (?, ?) RETURNING id", name, sort).Scan(&id); err != nil {
		return data.Community{}, err
	}
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
	var id int64
	if err := tx.QueryRowContext(tx.ctx, "INSERT INTO grids (community_id, name, sort) VALUES (?, ?, ?) RETURNING id", communityID, name, sort).Scan(&id); err != nil {
		return data.Grid{}, err
	}
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
	if err := tx.QueryRowContext(tx.ctx, "INSERT INTO catalog (kind, value, extra, sort) VALUES (?, ?, ?, ?) RETURNING id", string(kind), value, extra, sort).Scan(&id); err != nil {
		return 0, err
	}
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
