package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"taizhang/data"
)

// ---- list ----

// serviceSearch is a filter with what the store adds to run it.
type serviceSearch struct {
	data.ServiceFilter
	key *dataKey // the held data key, for a query that is part of a number (set by the store)
	pg  bool     // the store is on PostgreSQL (set by the store)
}

// ServiceSortKeys are the columns the ledger list sorts by.
var ServiceSortKeys = []string{"number", "date", "type", "item", "residents", "staff", "result", "follow_up", "community"}

var serviceSorts = map[string]string{
	"number": "s.year%[1]s, s.seq%[1]s, ", "date": "", "type": "s.type%[1]s, ", "item": "s.item%[1]s, ",
	"residents": "s.resident_names%[1]s, ", "staff": "s.staff_names%[1]s, ", "result": "s.result%[1]s, ",
	"follow_up": "s.follow_up_on%[1]s, ", "community": "s.community_id%[1]s, ",
}

// serviceWhere builds the WHERE clause; the filter columns are written as col+name, so "+s."
// keeps the planner off their indexes (see unindexed in planner.go). voided stays indexable:
// every list index starts with it.
func serviceWhere(f serviceSearch, col string) (string, []any) {
	voided := 0
	if f.Voided {
		voided = 1
	}
	var w where
	w.add(fmt.Sprintf("s.voided = %d", voided))
	w.dateRange(col+"served_on", f.From, f.To)
	w.equal(col+"community_id", f.CommunityID, f.CommunityID != 0)
	w.equal(col+"type", string(f.Type), f.Type != "")
	w.equal(col+"item", f.Item, f.Item != "")
	w.equal(col+"result", string(f.Result), f.Result != "")
	if f.ResidentID != 0 {
		w.add("s.id IN (SELECT service_id FROM service_residents WHERE resident_id = ?)", f.ResidentID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if y, n, err := data.ParseServiceNumber(q); err == nil {
			w.add("s.number = ?", data.FormatServiceNumber(y, n))
		} else if strings.HasPrefix(strings.ToUpper(q), "FW") {
			w.add(`s.number LIKE ? ESCAPE '\'`, "%"+likeEscape(strings.ToUpper(q))+"%")
		} else {
			rc, rargs := searchCond(q, f.key, f.pg)
			w.add("s.id IN (SELECT sr.service_id FROM service_residents sr WHERE sr.resident_id IN (SELECT r.id FROM residents r WHERE "+rc+"))", rargs...)
		}
	}
	return w.sql()
}

// manyServices is the result size above which a page is read in the sort index's order.
var manyServices = 2000

// staffOnly reports whether f narrows by staff (and perhaps dates) and nothing else, so the
// count reads service_staff alone.
func staffOnly(f data.ServiceFilter) bool {
	g := f
	g.From, g.To, g.Staff, g.Sort, g.Desc, g.Offset, g.Limit = data.Date{}, data.Date{}, "", "", false, 0, 0
	return g == data.ServiceFilter{Voided: f.Voided}
}

// countServices counts the services matching f, each way reading one index: everything live
// is the table's count less the voided; one member of staff's services are counted in
// service_staff.
func (db *DB) countServices(ctx context.Context, filter data.ServiceFilter) (int, error) {
	f := serviceSearch{filter, db.keys.get(), db.pg}
	var n int
	name := strings.TrimSpace(f.Staff)
	switch {
	// The shortcuts compare the clerk's filter alone: the key held and the engine say how to
	// run a filter, not what it selects.
	case name == "" && filter == (data.ServiceFilter{Sort: f.Sort, Desc: f.Desc, Offset: f.Offset, Limit: f.Limit}):
		var v int
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM services").Scan(&n); err != nil {
			return 0, err
		}
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM services WHERE voided = 1").Scan(&v); err != nil {
			return 0, err
		}
		return n - v, nil
	case name != "" && staffOnly(filter):
		q := "SELECT count(*) FROM service_staff st WHERE st.name = ? AND st.voided = ?"
		args := []any{name, f.Voided}
		if !f.From.IsZero() {
			q += " AND st.served_on >= ?"
			args = append(args, f.From)
		}
		if !f.To.IsZero() {
			q += " AND st.served_on <= ?"
			args = append(args, f.To)
		}
		err := db.db.QueryRowContext(ctx, q, args...).Scan(&n)
		return n, err
	}
	from, where, args := serviceQuery(f, "s.")
	err := db.db.QueryRowContext(ctx, "SELECT count(*)"+from+where, args...).Scan(&n)
	return n, err
}

// serviceQuery is the FROM and WHERE of a list: with a member of staff, the services are read
// through service_staff in date order.
func serviceQuery(f serviceSearch, col string) (string, string, []any) {
	where, args := serviceWhere(f, col)
	name := strings.TrimSpace(f.Staff)
	if name == "" {
		return " FROM services s", where, args
	}
	voided := 0
	if f.Voided {
		voided = 1
	}
	where += fmt.Sprintf(" AND st.name = ? AND st.voided = %d", voided)
	args = append(args, name)
	if !f.From.IsZero() {
		where += " AND st.served_on >= ?"
		args = append(args, f.From)
	}
	if !f.To.IsZero() {
		where += " AND st.served_on <= ?"
		args = append(args, f.To)
	}
	return " FROM service_staff st JOIN services s ON s.id = st.service_id", where, args
}

// ListServices returns one page of the services matching f, in f's order, and how many match.
func (db *DB) ListServices(ctx context.Context, f data.ServiceFilter) ([]data.ServiceRow, int, error) {
	if err := db.checkReader(ctx); err != nil {
		return nil, 0, err
	}
	total, err := db.countServices(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	col := "s."
	if total > manyServices && !db.pg {
		// As in ListIssues: a filter that keeps many rows is read in the sort index's order.
		col = "+s."
	}
	from, where, args := serviceQuery(serviceSearch{f, db.keys.get(), db.pg}, col)
	if col == "+s." && f.Type != "" && f.Sort == "item" {
		// services_type_item_date serves both the type and the order.
		where = strings.Replace(where, "+s.type = ?", "s.type = ?", 1)
	}
	dir := " DESC"
	if !f.Desc && f.Sort != "" {
		dir = ""
	}
	order := "s.served_on" + dir + ", s.id" + dir
	if f.Staff != "" {
		order = "st.served_on" + dir + ", st.service_id" + dir
	}
	if format := serviceSorts[f.Sort]; format != "" {
		order = fmt.Sprintf(format, dir) + order
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+serviceCols+from+` LEFT JOIN communities c ON c.id = s.community_id`+
		where+" ORDER BY "+orderBy(db.pg, order, "")+" LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []data.ServiceRow
	for rows.Next() {
		r, err := scanService(rows)
		if err != nil {
			return nil, 0, err
		}
		r.FirstIDNumber = db.reveal(r.FirstIDNumber, placeOf("services", "first_id_number", r.ID))
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// ServiceStaffNames lists the names of staff who have served, for the filter's picker.
func (db *DB) ServiceStaffNames(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT DISTINCT name FROM service_staff ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// ---- resident timeline ----

func serviceTimeline(ctx context.Context, db *sql.DB, residentID int64) ([]data.TimelineEntry, error) {
	rows, err := db.QueryContext(ctx, `SELECT s.number, s.served_on, s.type, s.item, s.result, s.voided
		FROM service_residents r JOIN services s ON s.id = r.service_id WHERE r.resident_id = ? ORDER BY s.served_on DESC, s.id DESC`, residentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TimelineEntry
	for rows.Next() {
		var number, typ, item, result string
		var on data.Date
		var voided bool
		if err := rows.Scan(&number, &on, &typ, &item, &result, &voided); err != nil {
			return nil, err
		}
		title := fmt.Sprintf("%s：%s（%s）", typ, item, result)
		if voided {
			title += "（已作废）"
		}
		out = append(out, data.TimelineEntry{Date: on.In(data.OfficeZone), Kind: "服务", Ref: number, Title: title})
	}
	return out, rows.Err()
}
