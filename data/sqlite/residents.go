package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"taizhang/data"
)

const residentCols = `r.id, r.name, r.id_number, r.birth_date, r.male, r.phone, r.address, r.community_id,
	COALESCE(c.name, ''), COALESCE(r.grid_id, 0), COALESCE(g.name, ''), COALESCE(r.household_id, 0), r.relation,
	r.tags, r.status, r.note, r.voided, r.void_reason, r.created_at, r.updated_at`

const residentFrom = ` FROM residents r LEFT JOIN communities c ON c.id = r.community_id LEFT JOIN grids g ON g.id = r.grid_id`

func scanResident(sc interface{ Scan(...any) error }) (data.Resident, error) {
	var r data.Resident
	var birth, tags, status, created, updated string
	err := sc.Scan(&r.ID, &r.Name, &r.IDNumber, &birth, &r.Male, &r.Phone, &r.Address, &r.CommunityID,
		&r.CommunityName, &r.GridID, &r.GridName, &r.HouseholdID, &r.Relation, &tags, &status, &r.Note,
		&r.Voided, &r.VoidReason, &created, &updated)
	r.Birth = parseDate(birth)
	if tags != "" {
		r.Tags = strings.Split(tags, ",")
	}
	r.Status = data.ResidentStatus(status)
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

// revealResident opens r's sealed ID and phone numbers with the held key; without it they
// read as asterisks (crypt.go).
func (db *DB) revealResident(r *data.Resident) {
	r.IDNumber = db.reveal(r.IDNumber, placeOf("residents", "id_number", r.ID))
	r.Phone = db.reveal(r.Phone, placeOf("residents", "phone", r.ID))
	r.Address = db.reveal(r.Address, placeOf("residents", "address", r.ID))
}

// sealResident is r as stored in row id: its ID and phone numbers and its address sealed for
// that row; with the blind index of the ID number and the search terms of the numbers and
// the address.
func (tx *Tx) sealResident(r data.Resident, id int64) (stored data.Resident, index, terms string, err error) {
	k, err := tx.needKey()
	if err != nil {
		return r, "", "", err
	}
	stored = r
	stored.IDNumber = k.seal(r.IDNumber, placeOf("residents", "id_number", id))
	stored.Phone = k.seal(r.Phone, placeOf("residents", "phone", id))
	stored.Address = k.seal(r.Address, placeOf("residents", "address", id))
	return stored, k.blind("id", r.IDNumber), k.termsOf(map[string]string{"id": r.IDNumber, "phone": r.Phone, "address": r.Address}), nil
}

// openResidentID opens the sealed ID number of resident id read inside tx.
func (tx *Tx) openResidentID(id int64, sealed string) (string, error) {
	k, err := tx.needKey()
	if err != nil {
		return "", err
	}
	return openResidentIDWith(k, id, sealed)
}

func openResidentIDWith(k *dataKey, id int64, sealed string) (string, error) {
	p, err := k.open(sealed, placeOf("residents", "id_number", id))
	if err != nil {
		return "", data.Invalid("residents", "居民 #%d 的身份证号无法解密（密文被改动），请用“taizhang check”检查数据库", id)
	}
	return p, nil
}

// sealServiceID writes a service's first resident's ID number, sealed for the service's row.
func (tx *Tx) sealServiceID(serviceID int64, idNumber string) error {
	k, err := tx.needKey()
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, "UPDATE services SET first_id_number = ? WHERE id = ?",
		k.seal(idNumber, placeOf("services", "first_id_number", serviceID)), serviceID)
	return err
}

// setNumbers replaces a resident's row of number search terms.
func (tx *Tx) setNumbers(id int64, terms string) error {
	if _, err := tx.ExecContext(tx.ctx, "DELETE FROM resident_numbers WHERE rowid = ?", id); err != nil {
		return err
	}
	_, err := tx.ExecContext(tx.ctx, "INSERT INTO resident_numbers (rowid, terms) VALUES (?, ?)", id, terms)
	return err
}

// nextID is the id the next row of table gets (INTEGER PRIMARY KEY: the largest plus one),
// known before the insert so that its sealed values can be bound to it. The write
// transaction is immediate: no other writer takes it meanwhile.
func (tx *Tx) nextID(table string) (int64, error) {
	var id int64
	q := "SELECT COALESCE(MAX(id), 0) + 1 FROM " + table
	if tx.db.pg {
		// The identity's sequence moves past the id taken, so rows inserted without one
		// later in the transaction get the ids after it.
		q = "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1)"
	}
	err := tx.QueryRowContext(tx.ctx, q).Scan(&id)
	return id, err
}

// Resident returns one resident, voided or not.
func (db *DB) Resident(ctx context.Context, id int64) (data.Resident, error) {
	if err := db.checkReader(ctx); err != nil {
		return data.Resident{}, err
	}
	r, err := scanResident(db.db.QueryRowContext(ctx, "SELECT "+residentCols+residentFrom+" WHERE r.id = ?", id))
	if isNoRows(err) {
		return r, data.NotFound("居民档案不存在（编号 %d）", id)
	}
	db.revealResident(&r)
	return r, err
}

// ResidentByIDNumber returns the active (not voided) resident with that ID number.
func (db *DB) ResidentByIDNumber(ctx context.Context, idNumber string) (data.Resident, error) {
	k, err := db.needKey()
	if err != nil {
		return data.Resident{}, err
	}
	r, err := scanResident(db.db.QueryRowContext(ctx, "SELECT "+residentCols+residentFrom+" WHERE r.id_index = ? AND r.voided = 0",
		k.blind("id", idNumber)))
	if isNoRows(err) {
		return r, data.NotFound("没有身份证号为 %s 的居民", data.MaskIDNumber(idNumber))
	}
	db.revealResident(&r)
	return r, err
}

// CreateResident validates and adds a resident. A duplicate ID number is refused with a
// pointer to the existing resident.
func (db *DB) CreateResident(ctx context.Context, r *data.Resident) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		return tx.CreateResident(r)
	})
}

// CreateResident adds a resident inside tx (used by the importer and the demo as well).
func (tx *Tx) CreateResident(r *data.Resident) error {
	if err := tx.checkResident(r, 0); err != nil {
		return err
	}
	r.CreatedAt, r.UpdatedAt = tx.now, tx.now
	id, err := tx.nextID("residents")
	if err != nil {
		return err
	}
	stored, index, terms, err := tx.sealResident(*r, id)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(tx.ctx, `INSERT INTO residents (id, name, initials, id_number, id_index, birth_date, male, phone, address,
		community_id, grid_id, household_id, relation, tags, status, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, r.Name, Initials(r.Name), stored.IDNumber, index, dateStr(r.Birth), r.Male, stored.Phone, stored.Address, r.CommunityID,
		nullID(r.GridID), nullID(r.HouseholdID), r.Relation, strings.Join(r.Tags, ","), string(r.Status), r.Note,
		ts(r.CreatedAt), ts(r.UpdatedAt))
	if err != nil {
		return err
	}
	r.ID = id
	if err := tx.setNumbers(id, terms); err != nil {
		return err
	}
	if err := tx.setTags(r.ID, r.CommunityID, r.Tags); err != nil {
		return err
	}
	// The log holds the values as stored: sealed, and equal to the row (reconcile.go).
	return tx.Audit("create", "residents", r.ID, nil, auditResident(stored))
}

// setTags replaces a resident's rows in resident_tags, the index behind the tag filter.
func (tx *Tx) setTags(residentID, communityID int64, tags []string) error {
	if _, err := tx.ExecContext(tx.ctx, "DELETE FROM resident_tags WHERE resident_id = ?", residentID); err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO resident_tags (resident_id, tag, community_id) VALUES (?, ?, ?)", residentID, t, communityID); err != nil {
			return err
		}
	}
	return nil
}

// auditResident is the resident as written to the audit log.
func auditResident(r data.Resident) map[string]any {
	return map[string]any{"name": r.Name, "id_number": r.IDNumber, "phone": r.Phone, "address": r.Address,
		"community_id": r.CommunityID, "grid_id": r.GridID, "household_id": r.HouseholdID, "relation": r.Relation,
		"tags": r.Tags, "status": r.Status, "note": r.Note}
}

// checkResident normalises r and checks what needs the database: a duplicate ID number,
// a community and grid that exist and match, a household that exists.
func (tx *Tx) checkResident(r *data.Resident, selfID int64) error {
	if err := r.Normalize(tx.now); err != nil {
		return err
	}
	k, err := tx.needKey()
	if err != nil {
		return err
	}
	var otherID int64
	var otherName, otherCommunity string
	err = tx.QueryRowContext(tx.ctx, `SELECT r.id, r.name, COALESCE(c.name, '') FROM residents r LEFT JOIN communities c ON c.id = r.community_id
		WHERE r.id_index = ? AND r.voided = 0 AND r.id <> ?`, k.blind("id", r.IDNumber), selfID).Scan(&otherID, &otherName, &otherCommunity)
	if err == nil {
		return &data.Error{Kind: data.ErrConflict, Field: "id_number", Other: otherID,
			Message: fmt.Sprintf("身份证号已登记：%s（%s，档案编号 %d），请勿重复建档", otherName, otherCommunity, otherID)}
	}
	if !isNoRows(err) {
		return err
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM communities WHERE id = ? AND voided = 0", r.CommunityID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return data.Invalid("community", "所选社区不存在或已作废")
	}
	if r.GridID != 0 {
		var cid int64
		err := tx.QueryRowContext(tx.ctx, "SELECT community_id FROM grids WHERE id = ? AND voided = 0", r.GridID).Scan(&cid)
		if isNoRows(err) || (err == nil && cid != r.CommunityID) {
			return data.Invalid("grid", "所选网格不属于所选社区")
		}
		if err != nil {
			return err
		}
	}
	if r.HouseholdID != 0 {
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM households WHERE id = ?", r.HouseholdID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.Invalid("household", "所选户不存在")
		}
	}
	return nil
}

// UpdateResident saves changes to a resident; the audit log keeps before and after.
func (db *DB) UpdateResident(ctx context.Context, r *data.Resident) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		if err := tx.checkSeen("residents", r.ID); err != nil {
			return err
		}
		old, err := scanResident(tx.QueryRowContext(ctx, "SELECT "+residentCols+residentFrom+" WHERE r.id = ?", r.ID))
		if isNoRows(err) {
			return data.NotFound("居民档案不存在")
		}
		if err != nil {
			return err
		}
		if old.Voided {
			return data.Conflict("该居民档案已作废，不能修改")
		}
		if err := tx.checkResident(r, r.ID); err != nil {
			return err
		}
		r.UpdatedAt = tx.now
		stored, index, terms, err := tx.sealResident(*r, r.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE residents SET name = ?, initials = ?, id_number = ?, id_index = ?, birth_date = ?, male = ?, phone = ?,
			address = ?, community_id = ?, grid_id = ?, household_id = ?, relation = ?, tags = ?, status = ?, note = ?, updated_at = ?
			WHERE id = ?`,
			r.Name, Initials(r.Name), stored.IDNumber, index, dateStr(r.Birth), r.Male, stored.Phone, stored.Address, r.CommunityID, nullID(r.GridID),
			nullID(r.HouseholdID), r.Relation, strings.Join(r.Tags, ","), string(r.Status), r.Note, ts(r.UpdatedAt), r.ID)
		if err != nil {
			return err
		}
		if err := tx.setNumbers(r.ID, terms); err != nil {
			return err
		}
		if err := tx.setTags(r.ID, r.CommunityID, r.Tags); err != nil {
			return err
		}
		return tx.Audit("update", "residents", r.ID, auditResident(old), auditResident(stored))
	})
}

// VoidResident voids a resident with a reason; the record stays, hidden from lists.
func (db *DB) VoidResident(ctx context.Context, id int64, reason string) error {
	reason, err := data.CheckVoidReason(reason)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		if err := tx.checkSeen("residents", id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE residents SET voided = 1, void_reason = ?, updated_at = ? WHERE id = ? AND voided = 0", reason, ts(tx.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Conflict("该居民档案不存在或已作废")
		}
		return tx.Audit("void", "residents", id, nil, map[string]string{"reason": reason})
	})
}

// residentWhere builds the WHERE clause of a resident list.
func residentWhere(f data.ResidentFilter, today time.Time, k *dataKey, pg bool) (string, []any) {
	var w where
	if !f.WithVoided {
		w.add("r.voided = 0")
	}
	w.equal("r.community_id", f.CommunityID, f.CommunityID != 0)
	w.equal("r.grid_id", f.GridID, f.GridID != 0)
	w.equal("r.status", string(f.Status), f.Status != "")
	if f.Tag != "" {
		if f.CommunityID != 0 {
			w.add("r.id IN (SELECT resident_id FROM resident_tags WHERE tag = ? AND community_id = ?)", f.Tag, f.CommunityID)
		} else {
			w.add("r.id IN (SELECT resident_id FROM resident_tags WHERE tag = ?)", f.Tag)
		}
	}
	if f.MinAge > 0 {
		w.add("r.birth_date <= ?", today.AddDate(-f.MinAge, 0, 0).Format("2006-01-02"))
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		c, a := searchCond(q, k, pg)
		w.add(c, a...)
	}
	if len(w.conds) == 0 {
		return "", nil
	}
	return w.sql()
}

// searchCond matches a query against name, pinyin initials, ID number, phone and address.
// Three characters or more use the trigram index of name and initials, and the keyed terms
// of the address and, for what can be part of a number, of the ID and phone numbers (with
// the held key k; without it addresses and numbers are not searched); shorter ones match the
// start of the name or initials through their ordinary indexes.
func searchCond(q string, k *dataKey, pg bool) (string, []any) {
	if utf8.RuneCountInString(q) >= 3 {
		// The query is one FTS phrase; double quotes inside are doubled.
		phrase := `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
		if k != nil {
			m := k.addressMatch(q)
			if n := k.numberMatch(q); n != "" {
				m += " OR " + n
			}
			nc, na := ftsIDs(pg, "r.id", "resident_numbers", m)
			pc, pa := ftsIDs(pg, "r.id", "residents_fts", phrase)
			return "(" + pc + " OR " + nc + ")", append(pa, na...)
		}
		return ftsIDs(pg, "r.id", "residents_fts", phrase)
	}
	return prefixCond(pg, q)
}

var residentSorts = map[string]string{
	"name": "r.name", "id_number": "r.birth_date", "birth": "r.birth_date", "community": "r.community_id",
	// The address is sealed: a list sorted by 住址 is sorted by community, then record.
	"address": "r.community_id", "updated": "r.updated_at", "": "r.id",
}

// ListResidents returns one page of residents and the total matching the filter.
func (db *DB) ListResidents(ctx context.Context, f data.ResidentFilter) ([]data.Resident, int, error) {
	if err := db.checkReader(ctx); err != nil {
		return nil, 0, err
	}
	where, args := residentWhere(f, db.now(), db.keys.get(), db.pg)
	var total int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM residents r"+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	order, ok := residentSorts[f.Sort]
	if !ok {
		order = "r.id"
	}
	if f.Desc {
		order += " DESC"
	}
	// An exact name match comes first when searching.
	if q := strings.TrimSpace(f.Query); q != "" && f.Sort == "" {
		order = "(r.name = ?) DESC, r.name, r.id"
		args = append(args, q)
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+residentCols+residentFrom+where+" ORDER BY "+orderBy(db.pg, order, "r.id")+" LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []data.Resident
	for rows.Next() {
		r, err := scanResident(rows)
		if err != nil {
			return nil, 0, err
		}
		db.revealResident(&r)
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// SearchResidents finds up to limit residents for a picker or the global search box.
func (db *DB) SearchResidents(ctx context.Context, query string, limit int) ([]data.Resident, error) {
	if err := db.checkReader(ctx); err != nil {
		return nil, err
	}
	rs, _, err := db.listNoCount(ctx, data.ResidentFilter{Query: query, Limit: limit})
	return rs, err
}

func (db *DB) listNoCount(ctx context.Context, f data.ResidentFilter) ([]data.Resident, int, error) {
	where, args := residentWhere(f, db.now(), db.keys.get(), db.pg)
	if f.Limit <= 0 {
		f.Limit = 20
	}
	q := strings.TrimSpace(f.Query)
	rows, err := db.db.QueryContext(ctx, "SELECT "+residentCols+residentFrom+where+" ORDER BY (r.name = ?) DESC, r.name, r.id LIMIT ?",
		append(args, q, f.Limit)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []data.Resident
	for rows.Next() {
		r, err := scanResident(rows)
		if err != nil {
			return nil, 0, err
		}
		db.revealResident(&r)
		out = append(out, r)
	}
	return out, len(out), rows.Err()
}

// Household returns a household with its active members, head first.
func (db *DB) Household(ctx context.Context, id int64) (data.Household, error) {
	h := data.Household{ID: id}
	err := db.db.QueryRowContext(ctx, "SELECT address FROM households WHERE id = ?", id).Scan(&h.Address)
	if isNoRows(err) {
		return h, data.NotFound("户不存在")
	}
	if err != nil {
		return h, err
	}
	h.Address = db.reveal(h.Address, placeOf("households", "address", id))
	rows, err := db.db.QueryContext(ctx, "SELECT "+residentCols+residentFrom+
		" WHERE r.household_id = ? AND r.voided = 0 ORDER BY (r.relation = '户主') DESC, r.birth_date", id)
	if err != nil {
		return h, err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanResident(rows)
		if err != nil {
			return h, err
		}
		db.revealResident(&r)
		h.Members = append(h.Members, r)
	}
	return h, rows.Err()
}

// StartHousehold makes resident headID the 户主 of a new household at their address.
func (db *DB) StartHousehold(ctx context.Context, headID int64) (int64, error) {
	var hid int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		var cid int64
		var addr string
		var cur sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT community_id, address, household_id FROM residents WHERE id = ? AND voided = 0", headID).Scan(&cid, &addr, &cur)
		if isNoRows(err) {
			return data.NotFound("居民档案不存在或已作废")
		}
		if err != nil {
			return err
		}
		if cur.Valid {
			return data.Conflict("该居民已属于一户，请先将其移出")
		}
		k, err := tx.needKey()
		if err != nil {
			return err
		}
		if addr, err = k.open(addr, placeOf("residents", "address", headID)); err != nil {
			return data.Invalid("residents", "居民 #%d 的住址无法解密（密文被改动），请用“taizhang check”检查数据库", headID)
		}
		hid, err = tx.CreateHousehold(cid, addr)
		if err != nil {
			return err
		}
		return tx.setHousehold(headID, hid, "户主")
	})
	return hid, err
}

// CreateHousehold inserts an empty household inside tx.
func (tx *Tx) CreateHousehold(communityID int64, address string) (int64, error) {
	id, err := tx.insertHousehold(nil, communityID, address, ts(tx.now))
	if err != nil {
		return 0, err
	}
	return id, tx.Audit("create", "households", id, nil, map[string]any{"address": address})
}

// householdInsert writes a household, its address sealed for its row (crypt.go).
const householdInsert = "INSERT INTO households (id, community_id, address, created_at) VALUES (?, ?, ?, ?)"

// insertHousehold writes a household through stmt (a prepared householdInsert; nil: tx) and
// returns its id.
func (tx *Tx) insertHousehold(stmt *sql.Stmt, communityID int64, address, createdAt string) (int64, error) {
	k, err := tx.needKey()
	if err != nil {
		return 0, err
	}
	id, err := tx.nextID("households")
	if err != nil {
		return 0, err
	}
	sealed := k.seal(address, placeOf("households", "address", id))
	if stmt != nil {
		_, err = stmt.ExecContext(tx.ctx, id, communityID, sealed, createdAt)
	} else {
		_, err = tx.ExecContext(tx.ctx, householdInsert, id, communityID, sealed, createdAt)
	}
	return id, err
}

// JoinHousehold puts a resident into a household with a relation (户主 only if it has none).
func (db *DB) JoinHousehold(ctx context.Context, residentID, householdID int64, relation string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		if relation == "户主" {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM residents WHERE household_id = ? AND relation = '户主' AND voided = 0 AND id <> ?",
				householdID, residentID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return data.Conflict("该户已有户主")
			}
		}
		return tx.setHousehold(residentID, householdID, relation)
	})
}

// LeaveHousehold takes a resident out of their household.
func (db *DB) LeaveHousehold(ctx context.Context, residentID int64) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		return tx.setHousehold(residentID, 0, "")
	})
}

func (tx *Tx) setHousehold(residentID, householdID int64, relation string) error {
	var old sql.NullInt64
	var oldRel string
	err := tx.QueryRowContext(tx.ctx, "SELECT household_id, relation FROM residents WHERE id = ? AND voided = 0", residentID).Scan(&old, &oldRel)
	if isNoRows(err) {
		return data.NotFound("居民档案不存在或已作废")
	}
	if err != nil {
		return err
	}
	if householdID != 0 {
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM households WHERE id = ?", householdID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.NotFound("户不存在")
		}
	}
	if _, err := tx.ExecContext(tx.ctx, "UPDATE residents SET household_id = ?, relation = ?, updated_at = ? WHERE id = ?",
		nullID(householdID), relation, ts(tx.now), residentID); err != nil {
		return err
	}
	return tx.Audit("household", "residents", residentID,
		map[string]any{"household_id": old.Int64, "relation": oldRel},
		map[string]any{"household_id": householdID, "relation": relation})
}

// TimelineSource adds a resident's entries from one ledger.
type TimelineSource func(ctx context.Context, db *sql.DB, residentID int64) ([]data.TimelineEntry, error)

// timelineSources is every ledger that names residents. Entries of the same moment keep this
// order (the sort is stable).
var timelineSources = []TimelineSource{documentTimeline, issueTimeline, serviceTimeline}

// ResidentTimeline returns a resident's history newest first: the record's own changes and
// every ledger's entries that name them.
func (db *DB) ResidentTimeline(ctx context.Context, id int64) ([]data.TimelineEntry, error) {
	audit, err := db.ListAudit(ctx, data.AuditFilter{Table: "residents", RecordID: id, Limit: 100})
	if err != nil {
		return nil, err
	}
	actions := map[string]string{"create": "建立档案", "update": "修改档案", "void": "作废档案", "household": "调整户籍关系",
		"import": "导入档案", "bulk_create": "批量导入档案", "seal": "加密身份证号和电话", "rekey": "更换数据密钥"}
	var out []data.TimelineEntry
	for _, e := range audit {
		title := actions[e.Action]
		if title == "" {
			title = "档案变更" // never the audit log's internal word
		}
		out = append(out, data.TimelineEntry{Date: e.At, Kind: "档案", Title: title + "（" + e.UserName + "）"})
	}
	for _, src := range timelineSources {
		es, err := src(ctx, db.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	sortTimeline(out)
	return out, nil
}

func sortTimeline(es []data.TimelineEntry) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Date.After(es[j].Date) })
}
