package sqlite

import (
	"context"
	"encoding/json"
	"strings"

	"taizhang/data"
)

// Recurring certifications 定期认证: who is certified, due and overdue for an item, computed
// as data.CertDefinition says from the residents' birth dates and status and the latest
// certification per resident and item (cert_last, kept by the service transactions). A list
// is one index range over the residents in the cycle (status, birth date) joined to cert_last
// by its primary key; services are never scanned.

// CertRules returns the certification rules (the defaults until the administrator edits them).
func (db *DB) CertRules(ctx context.Context) ([]data.CertRule, error) {
	v, err := db.Setting(ctx, data.KeyCertRules)
	if err != nil {
		return nil, err
	}
	return data.ParseCertRules(v)
}

// CertRule returns the rule of one item.
func (db *DB) CertRule(ctx context.Context, item string) (data.CertRule, error) {
	rs, err := db.CertRules(ctx)
	if err != nil {
		return data.CertRule{}, err
	}
	for _, r := range rs {
		if r.Item == item {
			return r, nil
		}
	}
	return data.CertRule{}, data.NotFound("“%s”没有定期认证规则", item)
}

// SetCertRules replaces the certification rules (administrators only). Each item must be in
// the service item catalog, so a visit of that item can complete the cycle.
func (db *DB) SetCertRules(ctx context.Context, rules []data.CertRule) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if err := data.ValidateCertRules(rules); err != nil {
			return err
		}
		for _, r := range rules {
			var n int
			if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM catalog WHERE kind = ? AND value = ? AND voided = 0",
				string(data.CatalogServiceTopics), r.Item).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return data.Invalid("item", "认证事项“%s”不在服务事项列表中，请先在“基础数据”中添加", r.Item)
			}
		}
		b, err := json.Marshal(rules)
		if err != nil {
			return err
		}
		return tx.SetSetting(data.KeyCertRules, string(b))
	})
}

// CertList is one page of a certification list with its total and the window it was computed in.
type CertList struct {
	Rows   []data.CertRow
	Total  int
	Window data.CertWindow
}

// certWhere is the SQL form of data.CertWindow.State for one state.
func certWhere(w data.CertWindow, communityID int64, state data.CertState) (string, []any) {
	conds := []string{"r.voided = 0", "r.status = 'active'", "r.birth_date <= ?"}
	args := []any{w.EntryBirth}
	if communityID != 0 {
		conds = append(conds, "r.community_id = ?")
		args = append(args, communityID)
	}
	quarter := w.Rule.Cycle == data.CycleQuarter
	switch state {
	case data.CertCertified:
		conds = append(conds, "c.last_on >= ?")
		args = append(args, w.CertifiedFrom)
	case data.CertPending:
		conds = append(conds, "(c.last_on IS NULL OR c.last_on < ?)")
		args = append(args, w.CertifiedFrom)
	case data.CertOverdue:
		if quarter {
			conds = append(conds, "(c.last_on IS NULL OR c.last_on < ?) AND r.birth_date <= ?")
			args = append(args, w.OverdueBefore, w.PrevBirth)
		} else {
			conds = append(conds, "c.last_on < ?")
			args = append(args, w.OverdueBefore)
		}
	case data.CertDue:
		if quarter {
			conds = append(conds, "(c.last_on IS NULL OR c.last_on < ?) AND (c.last_on >= ? OR r.birth_date > ?)")
			args = append(args, w.CertifiedFrom, w.OverdueBefore, w.PrevBirth)
		} else {
			conds = append(conds, "(c.last_on IS NULL OR (c.last_on >= ? AND c.last_on < ?))")
			args = append(args, w.OverdueBefore, w.CertifiedFrom)
		}
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

const certFrom = ` FROM residents r LEFT JOIN cert_last c ON c.resident_id = r.id AND c.item = ?`

// certFromLast reads the residents with a certification of the item (the item is the first
// argument, as with certFrom).
const certFromLast = ` FROM cert_last c JOIN residents r ON r.id = c.resident_id`

// certLastWhere selects, through cert_last's own copies of the residents' fields, the
// certified residents (or, for a months rule, the overdue ones).
func certLastWhere(w data.CertWindow, communityID int64, state data.CertState) (string, []any) {
	q := " WHERE c.item = ? AND c.active = 1 AND c.birth_date <= ?"
	args := []any{w.Rule.Item, w.EntryBirth}
	if communityID != 0 {
		q += " AND c.community_id = ?"
		args = append(args, communityID)
	}
	if state == data.CertCertified {
		return q + " AND c.last_on >= ?", append(args, w.CertifiedFrom)
	}
	return q + " AND c.last_on < ?", append(args, w.OverdueBefore)
}

func (db *DB) certWindow(ctx context.Context, item string, asOf data.Date) (data.CertWindow, error) {
	rule, err := db.CertRule(ctx, item)
	if err != nil {
		return data.CertWindow{}, err
	}
	if asOf.IsZero() {
		asOf = db.today()
	}
	return rule.Window(asOf), nil
}

// Certifications returns one page of the residents of an item's cycle in the state asked
// for, oldest first, and how many there are.
func (db *DB) Certifications(ctx context.Context, f data.CertFilter) (CertList, error) {
	if err := db.checkReader(ctx); err != nil {
		return CertList{}, err
	}
	w, err := db.certWindow(ctx, f.Item, f.AsOf)
	if err != nil {
		return CertList{}, err
	}
	out := CertList{Window: w}
	counts, err := db.certCounts(ctx, w, f.CommunityID)
	if err != nil {
		return out, err
	}
	out.Total = counts[f.State]
	where, args := certWhere(w, f.CommunityID, f.State)
	args = append([]any{w.Rule.Item}, args...)
	if f.Limit <= 0 {
		f.Limit = 50
	}
	from, order := certFrom, " ORDER BY r.birth_date, r.id"
	if f.State == data.CertCertified || (f.State == data.CertOverdue && w.Rule.Cycle == data.CycleMonths) {
		// Everyone listed has a cert_last row: read the page in that index's order instead of
		// walking the residents in the cycle, most of whom may not be in this state.
		from, order = certFromLast, " ORDER BY c.birth_date, c.resident_id"
		where, args = certLastWhere(w, f.CommunityID, f.State)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT r.id, r.name, r.id_number, r.birth_date, r.community_id, COALESCE(cm.name, ''),
		r.address, r.phone, c.last_on, COALESCE(c.service_id, 0)`+from+` LEFT JOIN communities cm ON cm.id = r.community_id`+
		where+order+" LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var c data.CertRow
		var last *string
		if err := rows.Scan(&c.ResidentID, &c.Name, &c.IDNumber, &c.Birth, &c.CommunityID, &c.CommunityName,
			&c.Address, &c.Phone, &last, &c.LastServiceID); err != nil {
			return out, err
		}
		c.IDNumber = db.reveal(c.IDNumber, placeOf("residents", "id_number", c.ResidentID))
		c.Phone = db.reveal(c.Phone, placeOf("residents", "phone", c.ResidentID))
		c.Address = db.reveal(c.Address, placeOf("residents", "address", c.ResidentID))
		if last != nil {
			if err := c.Last.Scan(*last); err != nil {
				return out, err
			}
		}
		c.Age = data.AgeOn(c.Birth.In(data.OfficeZone), w.AsOf.In(data.OfficeZone))
		c.State = w.State(c.Birth, data.ResidentActive, c.Last)
		out.Rows = append(out.Rows, c)
	}
	return out, rows.Err()
}

// CertCounts counts the residents of an item's cycle in each state.
func (db *DB) CertCounts(ctx context.Context, item string, communityID int64, asOf data.Date) (map[data.CertState]int, data.CertWindow, error) {
	w, err := db.certWindow(ctx, item, asOf)
	if err != nil {
		return nil, w, err
	}
	counts, err := db.certCounts(ctx, w, communityID)
	return counts, w, err
}

// certCounts counts each state by CertDefinition without reading the residents one by one:
// the residents in a cycle are one range of a residents index, and the certified (or, for
// the quarter, the not overdue) ones one range of a cert_last index; the other states are
// their differences.
//
//	quarter: 已认证 = K(入范围, last ≥ 本季度初); 未认证 = E(入范围) − 已认证;
//	         逾期 = E(上季度已入范围) − K(上季度已入范围, last ≥ 上季度初); 待认证 = 未认证 − 逾期
//	months:  已认证 = K(入范围, last ≥ CertifiedFrom); 逾期 = K(入范围, last < OverdueBefore);
//	         待认证 = E(入范围) − 已认证 − 逾期
func (db *DB) certCounts(ctx context.Context, w data.CertWindow, communityID int64) (map[data.CertState]int, error) {
	e := func(birth string) (int, error) {
		q := "SELECT count(*) FROM residents r WHERE r.voided = 0 AND r.status = 'active' AND r.birth_date <= ?"
		args := []any{birth}
		if communityID != 0 {
			q += " AND r.community_id = ?"
			args = append(args, communityID)
		}
		var n int
		err := db.db.QueryRowContext(ctx, q, args...).Scan(&n)
		return n, err
	}
	k := func(birth, cond string, last data.Date) (int, error) {
		q := "SELECT count(*) FROM cert_last c WHERE c.item = ? AND c.active = 1 AND c.birth_date <= ?"
		args := []any{w.Rule.Item, birth}
		if communityID != 0 {
			q += " AND c.community_id = ?"
			args = append(args, communityID)
		}
		var n int
		err := db.db.QueryRowContext(ctx, q+" AND c.last_on "+cond+" ?", append(args, last)...).Scan(&n)
		return n, err
	}
	all, err := e(w.EntryBirth)
	if err != nil {
		return nil, err
	}
	certified, err := k(w.EntryBirth, ">=", w.CertifiedFrom)
	if err != nil {
		return nil, err
	}
	var overdue int
	if w.Rule.Cycle == data.CycleQuarter {
		prev, err := e(w.PrevBirth)
		if err != nil {
			return nil, err
		}
		kept, err := k(w.PrevBirth, ">=", w.OverdueBefore)
		if err != nil {
			return nil, err
		}
		overdue = prev - kept
	} else if overdue, err = k(w.EntryBirth, "<", w.OverdueBefore); err != nil {
		return nil, err
	}
	return map[data.CertState]int{
		data.CertNotInCycle: all,
		data.CertCertified:  certified,
		data.CertPending:    all - certified,
		data.CertOverdue:    overdue,
		data.CertDue:        all - certified - overdue,
	}, nil
}

// CertDueThisQuarter counts the residents 待认证 and 逾期未认证 today for every quarterly
// rule: the dashboard's 本季度待认证 card. The first quarterly item is returned for the click.
func (db *DB) CertDueThisQuarter(ctx context.Context) (int, string, error) {
	rs, err := db.CertRules(ctx)
	if err != nil {
		return 0, "", err
	}
	total, first := 0, ""
	for _, r := range rs {
		if r.Cycle != data.CycleQuarter {
			continue
		}
		if first == "" {
			first = r.Item
		}
		counts, err := db.certCounts(ctx, r.Window(db.today()), 0)
		if err != nil {
			return 0, "", err
		}
		total += counts[data.CertPending]
	}
	return total, first, nil
}

// CertFigures counts due, overdue and certified residents of every rule as of asOf (zero:
// today), for `taizhang stats --json`.
func (db *DB) CertFigures(ctx context.Context, asOf data.Date, communityID int64) (data.CertFigures, error) {
	if asOf.IsZero() || db.today().Before(asOf) {
		asOf = db.today()
	}
	f := data.CertFigures{AsOf: asOf, ByItem: map[string]map[string]int{}}
	rs, err := db.CertRules(ctx)
	if err != nil {
		return f, err
	}
	for _, r := range rs {
		counts, err := db.certCounts(ctx, r.Window(asOf), communityID)
		if err != nil {
			return f, err
		}
		f.Due += counts[data.CertDue]
		f.Overdue += counts[data.CertOverdue]
		f.Certified += counts[data.CertCertified]
		f.ByItem[r.Item] = map[string]int{"due": counts[data.CertDue], "overdue": counts[data.CertOverdue],
			"certified": counts[data.CertCertified]}
	}
	return f, nil
}
