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

// The 上门服务 ledger (job 3). Every action is one transaction that checks the record, writes
// the service, its residents and staff, its photos and one audit entry, and refreshes the
// latest certification (cert_last) of every resident and item it touched, so the 认证 lists
// never read the services themselves.

// ownerService owns the photos of a service in attachments.
const ownerService = "services"

// ServiceRow is a service as the ledger list and the form show it.
type ServiceRow struct {
	data.Service
	CommunityName string
	ResidentNames string // 张三、李四, as recorded at the time of service
	FirstIDNumber string // full; screens and exports mask it with data.MaskIDNumber
	StaffNames    string // 王芳、赵强
}

const serviceCols = `s.id, s.number, s.served_on, s.type, s.item, COALESCE(s.community_id, 0), COALESCE(c.name, ''),
	s.content, s.result, s.follow_up_on, s.on_the_spot, s.resident_names, s.first_id_number, s.staff_names,
	s.voided, s.void_reason, COALESCE(s.created_by, 0), s.created_at, s.updated_at`

const serviceFrom = ` FROM services s LEFT JOIN communities c ON c.id = s.community_id`

func scanService(sc interface{ Scan(...any) error }) (ServiceRow, error) {
	var r ServiceRow
	var typ, result, created, updated string
	err := sc.Scan(&r.ID, &r.Number, &r.Date, &typ, &r.Item, &r.CommunityID, &r.CommunityName,
		&r.Content, &result, &r.FollowUpOn, &r.OnTheSpot, &r.ResidentNames, &r.FirstIDNumber, &r.StaffNames,
		&r.Voided, &r.VoidReason, &r.CreatedBy, &created, &updated)
	r.Type, r.Result = data.ServiceType(typ), data.ServiceResult(result)
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

// Service returns one service (voided or not) with its residents and staff.
func (db *DB) Service(ctx context.Context, id int64) (ServiceRow, error) {
	return serviceByID(ctx, db.db, id)
}

// ServiceByNumber returns the service with that number (FW-2026-0001).
func (db *DB) ServiceByNumber(ctx context.Context, number string) (ServiceRow, error) {
	y, s, err := data.ParseServiceNumber(number)
	if err != nil {
		return ServiceRow{}, err
	}
	var id int64
	err = db.db.QueryRowContext(ctx, "SELECT id FROM services WHERE number = ?", data.FormatServiceNumber(y, s)).Scan(&id)
	if isNoRows(err) {
		return ServiceRow{}, data.NotFound("没有编号为 %s 的服务记录", data.FormatServiceNumber(y, s))
	}
	if err != nil {
		return ServiceRow{}, err
	}
	return db.Service(ctx, id)
}

func serviceByID(ctx context.Context, q sqlRunner, id int64) (ServiceRow, error) {
	r, err := scanService(q.QueryRowContext(ctx, "SELECT "+serviceCols+serviceFrom+" WHERE s.id = ?", id))
	if isNoRows(err) {
		return r, data.NotFound("服务记录不存在（编号 %d）", id)
	}
	if err != nil {
		return r, err
	}
	rows, err := q.QueryContext(ctx, "SELECT resident_id FROM service_residents WHERE service_id = ? ORDER BY rowid", id)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var rid int64
		if err := rows.Scan(&rid); err != nil {
			rows.Close()
			return r, err
		}
		r.ResidentIDs = append(r.ResidentIDs, rid)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, "SELECT COALESCE(user_id, 0), name FROM service_staff WHERE service_id = ? ORDER BY rowid", id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var st data.Staff
		if err := rows.Scan(&st.UserID, &st.Name); err != nil {
			return r, err
		}
		r.Staff = append(r.Staff, st)
	}
	return r, rows.Err()
}

// ServicePhotos lists the photos and files of a service, without their content.
func (db *DB) ServicePhotos(ctx context.Context, id int64) ([]data.Attachment, error) {
	return db.Attachments(ctx, ownerService, id)
}

// servedResident is what a service needs of each resident served.
type servedResident struct {
	id          int64
	name        string
	idNumber    string
	birth       time.Time
	communityID int64
}

// checkService normalises s and checks it against the database: the item catalog (an item
// the record already had is kept even if since removed), the residents (not voided), the
// staff accounts. It returns the residents in the order given, without repeats.
func (tx *Tx) checkService(s *data.Service, old *data.Service) ([]servedResident, error) {
	seen := map[int64]bool{}
	ids := s.ResidentIDs[:0:0]
	for _, id := range s.ResidentIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	s.ResidentIDs = ids
	// Staff given as accounts take their names from the account.
	for i := range s.Staff {
		if s.Staff[i].UserID == 0 {
			continue
		}
		var name string
		err := tx.QueryRowContext(tx.ctx, "SELECT name FROM users WHERE id = ?", s.Staff[i].UserID).Scan(&name)
		if isNoRows(err) {
			return nil, data.Invalid("staff", "所选服务人员账号不存在（编号 %d）", s.Staff[i].UserID)
		}
		if err != nil {
			return nil, err
		}
		s.Staff[i].Name = name
	}
	if err := s.Validate(tx.today()); err != nil {
		return nil, err
	}
	if old == nil || s.Item != old.Item {
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM catalog WHERE kind = ? AND value = ? AND voided = 0",
			string(data.CatalogServiceTopics), s.Item).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, &data.Error{Kind: data.ErrInvalid, Field: "item",
				Message: fmt.Sprintf("服务事项“%s”不在列表中，请从列表中选择；如需新增，请管理员在“基础数据”中添加", s.Item)}
		}
	}
	var out []servedResident
	for _, id := range s.ResidentIDs {
		var r servedResident
		var birth string
		var voided bool
		err := tx.QueryRowContext(tx.ctx, "SELECT id, name, id_number, birth_date, community_id, voided FROM residents WHERE id = ?", id).
			Scan(&r.id, &r.name, &r.idNumber, &birth, &r.communityID, &voided)
		if isNoRows(err) {
			return nil, data.Invalid("residents", "所选居民档案不存在（编号 %d）", id)
		}
		if err != nil {
			return nil, err
		}
		if voided {
			return nil, data.Invalid("residents", "居民“%s”的档案已作废，不能登记服务", r.name)
		}
		r.birth = parseDate(birth)
		out = append(out, r)
	}
	return out, nil
}

// serviceSummary is what the list shows of residents and staff, and the elderly flag.
func serviceSummary(s *data.Service, rs []servedResident) (names, firstID, staff string, elderly bool) {
	ns := make([]string, len(rs))
	for i, r := range rs {
		ns[i] = r.name
		if data.AgeOn(r.birth, s.Date.In(time.UTC)) >= data.ElderlyAge {
			elderly = true
		}
	}
	names = strings.Join(ns, "、")
	if utf8.RuneCountInString(names) > 60 {
		names = string([]rune(names)[:59]) + "…"
	}
	if len(rs) > 0 {
		firstID = rs[0].idNumber
		s.CommunityID = rs[0].communityID
	}
	return names, firstID, s.StaffNames(), elderly
}

func serviceAudit(s data.Service) map[string]any {
	return map[string]any{"number": s.Number, "date": s.Date.String(), "type": s.Type, "item": s.Item,
		"resident_ids": s.ResidentIDs, "staff": s.StaffNames(), "content": s.Content, "result": s.Result,
		"follow_up_on": s.FollowUpOn.String(), "on_the_spot": s.OnTheSpot, "void_reason": s.VoidReason}
}

// CreateService records a service with its photos in one transaction. The number
// (FW-2026-0001) comes from the yearly counter of the service date. With no staff given, the
// acting user is the one who served. s is updated as stored.
func (db *DB) CreateService(ctx context.Context, s *data.Service, files []NamedFile) error {
	return db.write(ctx, func(tx *Tx) error { return tx.CreateService(s, files) })
}

// CreateService is db.CreateService inside tx, for the importer.
func (tx *Tx) CreateService(s *data.Service, files []NamedFile) error {
	if err := tx.require(data.ActRecord); err != nil {
		return err
	}
	if len(s.Staff) == 0 {
		s.Staff = []data.Staff{{UserID: tx.user.ID, Name: tx.user.Name}}
	}
	s.Voided, s.VoidReason = false, ""
	rs, err := tx.checkService(s, nil)
	if err != nil {
		return err
	}
	year := s.Date.Year
	seq, err := tx.nextCounter("service", year, 1)
	if err != nil {
		return err
	}
	s.Number = data.FormatServiceNumber(year, seq)
	names, firstID, staff, elderly := serviceSummary(s, rs)
	s.CreatedBy, s.CreatedAt, s.UpdatedAt = tx.user.ID, tx.now, tx.now
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO services (number, year, seq, served_on, type, item, community_id,
		content, result, follow_up_on, on_the_spot, elderly, resident_names, first_id_number, staff_names,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Number, year, seq, s.Date, string(s.Type), s.Item, nullID(s.CommunityID), s.Content, string(s.Result),
		s.FollowUpOn, s.OnTheSpot, elderly, names, firstID, staff, nullID(s.CreatedBy), ts(tx.now), ts(tx.now))
	if err != nil {
		return err
	}
	s.ID, _ = res.LastInsertId()
	if err := tx.linkService(s); err != nil {
		return err
	}
	if err := tx.refreshCerts(s.ResidentIDs, []string{s.Item}); err != nil {
		return err
	}
	if err := tx.Audit("create", "services", s.ID, nil, serviceAudit(*s)); err != nil {
		return err
	}
	for _, f := range files {
		if _, err := tx.AddAttachment(ownerService, s.ID, f.Name, f.Content); err != nil {
			return err
		}
	}
	return nil
}

// linkService writes the residents and staff of a service (after deleting any old ones).
func (tx *Tx) linkService(s *data.Service) error {
	if _, err := tx.ExecContext(tx.ctx, "DELETE FROM service_residents WHERE service_id = ?", s.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, "DELETE FROM service_staff WHERE service_id = ?", s.ID); err != nil {
		return err
	}
	for _, rid := range s.ResidentIDs {
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO service_residents (service_id, resident_id) VALUES (?, ?)", s.ID, rid); err != nil {
			return err
		}
	}
	for _, st := range s.Staff {
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO service_staff (service_id, user_id, name, served_on) VALUES (?, ?, ?, ?)",
			s.ID, nullID(st.UserID), st.Name, s.Date); err != nil {
			return err
		}
	}
	return nil
}

// sqlCertActive is cert_last.active for a resident r: in a cycle at all (在册, not voided).
const sqlCertActive = "CASE WHEN r.status = 'active' AND r.voided = 0 THEN 1 ELSE 0 END"

// refreshCerts recomputes cert_last for every resident and item given: the latest completed
// (已办结), not voided service of that item, or no row at all.
func (tx *Tx) refreshCerts(residentIDs []int64, items []string) error {
	for _, item := range items {
		for _, rid := range residentIDs {
			var last string
			var sid int64
			err := tx.QueryRowContext(tx.ctx, `SELECT s.served_on, s.id FROM service_residents sr JOIN services s ON s.id = sr.service_id
				WHERE sr.resident_id = ? AND s.item = ? AND s.voided = 0 AND s.result = '已办结'
				ORDER BY s.served_on DESC, s.id DESC LIMIT 1`, rid, item).Scan(&last, &sid)
			if isNoRows(err) {
				if _, err := tx.ExecContext(tx.ctx, "DELETE FROM cert_last WHERE resident_id = ? AND item = ?", rid, item); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO cert_last (resident_id, item, last_on, service_id, community_id, birth_date, active)
				SELECT r.id, ?, ?, ?, r.community_id, r.birth_date, `+sqlCertActive+` FROM residents r WHERE r.id = ?
				ON CONFLICT (resident_id, item) DO UPDATE SET last_on = excluded.last_on, service_id = excluded.service_id`,
				item, last, sid, rid); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateService saves changes to a service that is not voided; the number never changes.
// files are added to its photos.
func (db *DB) UpdateService(ctx context.Context, s *data.Service, files []NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		cur, err := serviceByID(tx.ctx, tx, s.ID)
		if err != nil {
			return err
		}
		if cur.Voided {
			return data.Conflict("服务记录 %s 已作废，不能修改", cur.Number)
		}
		next := *s
		next.Number, next.CreatedBy, next.CreatedAt = cur.Number, cur.CreatedBy, cur.CreatedAt
		if len(next.Staff) == 0 {
			next.Staff = cur.Staff
		}
		rs, err := tx.checkService(&next, &cur.Service)
		if err != nil {
			return err
		}
		if next.Date.Year != cur.Date.Year {
			return data.Invalid("date", "服务日期不能改到另一年（编号 %s 属于 %d 年）；请作废后重新登记", cur.Number, cur.Date.Year)
		}
		names, firstID, staff, elderly := serviceSummary(&next, rs)
		res, err := tx.ExecContext(tx.ctx, `UPDATE services SET served_on = ?, type = ?, item = ?, community_id = ?,
			content = ?, result = ?, follow_up_on = ?, on_the_spot = ?, elderly = ?, resident_names = ?,
			first_id_number = ?, staff_names = ?, updated_at = ? WHERE id = ? AND voided = 0`,
			next.Date, string(next.Type), next.Item, nullID(next.CommunityID), next.Content, string(next.Result),
			next.FollowUpOn, next.OnTheSpot, elderly, names, firstID, staff, ts(tx.now), cur.ID)
		if err := stale(res, err); err != nil {
			return err
		}
		if err := tx.linkService(&next); err != nil {
			return err
		}
		if err := tx.refreshCerts(union(cur.ResidentIDs, next.ResidentIDs), uniqueStrings(cur.Item, next.Item)); err != nil {
			return err
		}
		if err := tx.Audit("update", "services", cur.ID, serviceAudit(cur.Service), serviceAudit(next)); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := tx.AddAttachment(ownerService, cur.ID, f.Name, f.Content); err != nil {
				return err
			}
		}
		next.UpdatedAt = tx.now
		*s = next
		return nil
	})
}

// VoidService voids a service with a reason (审核人 and 管理员 only, as for issues); a
// certification it gave is withdrawn.
func (db *DB) VoidService(ctx context.Context, id int64, reason string) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActReview); err != nil {
			if tx.user != nil && !tx.user.Role.Can(data.ActReview) {
				return data.Forbidden("只有审核人或管理员可以作废服务记录，当前账号是%s", tx.user.Role)
			}
			return err
		}
		reason = strings.TrimSpace(reason)
		if reason == "" {
			return data.Invalid("reason", "请填写作废理由")
		}
		if n := utf8.RuneCountInString(reason); n > data.MaxReasonLen {
			return data.Invalid("reason", "作废理由不能超过%d字（现有%d字）", data.MaxReasonLen, n)
		}
		cur, err := serviceByID(tx.ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Voided {
			return data.Conflict("服务记录 %s 已经作废", cur.Number)
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE services SET voided = 1, void_reason = ?, updated_at = ? WHERE id = ? AND voided = 0",
			reason, ts(tx.now), id)
		if err := stale(res, err); err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE service_staff SET voided = 1 WHERE service_id = ?", id); err != nil {
			return err
		}
		if err := tx.refreshCerts(cur.ResidentIDs, []string{cur.Item}); err != nil {
			return err
		}
		return tx.Audit("void", "services", id, nil, map[string]any{"number": cur.Number, "reason": reason})
	})
}

func union(a, b []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, v := range append(append([]int64(nil), a...), b...) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func uniqueStrings(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// ---- list ----

// ServiceFilter selects services for the ledger list and exports.
type ServiceFilter struct {
	From, To    data.Date // service date, both ends included; zero: unbounded
	CommunityID int64
	Type        data.ServiceType
	Item        string
	Result      data.ServiceResult
	Staff       string // a staff member's name
	ResidentID  int64
	Query       string // a number (or part of one), or a resident's name, initials, ID fragment, phone
	Voided      bool   // the voided records instead of the live ones

	Sort   string // a key of ServiceSortKeys; "": newest first
	Desc   bool
	Offset int
	Limit  int // 0: 50
}

// ServiceSortKeys are the columns the ledger list sorts by.
var ServiceSortKeys = []string{"date", "type", "item", "result", "follow_up", "community"}

var serviceSorts = map[string]string{
	"date": "", "type": "s.type%[1]s, ", "item": "s.item%[1]s, ", "result": "s.result%[1]s, ",
	"follow_up": "s.follow_up_on%[1]s, ", "community": "s.community_id%[1]s, ",
}

// serviceWhere builds the WHERE clause; the filter columns are written as col+name, so "+s."
// keeps the planner off their indexes (see unindexed in issues.go). voided stays indexable:
// every list index starts with it.
func serviceWhere(f ServiceFilter, col string) (string, []any) {
	voided := 0
	if f.Voided {
		voided = 1
	}
	conds := []string{fmt.Sprintf("s.voided = %d", voided)}
	var args []any
	if !f.From.IsZero() {
		conds = append(conds, col+"served_on >= ?")
		args = append(args, f.From)
	}
	if !f.To.IsZero() {
		conds = append(conds, col+"served_on <= ?")
		args = append(args, f.To)
	}
	for _, c := range []struct {
		col string
		v   any
		set bool
	}{
		{"community_id", f.CommunityID, f.CommunityID != 0},
		{"type", string(f.Type), f.Type != ""},
		{"item", f.Item, f.Item != ""},
		{"result", string(f.Result), f.Result != ""},
	} {
		if c.set {
			conds = append(conds, col+c.col+" = ?")
			args = append(args, c.v)
		}
	}
	if f.ResidentID != 0 {
		conds = append(conds, "s.id IN (SELECT service_id FROM service_residents WHERE resident_id = ?)")
		args = append(args, f.ResidentID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if y, n, err := data.ParseServiceNumber(q); err == nil {
			conds = append(conds, "s.number = ?")
			args = append(args, data.FormatServiceNumber(y, n))
		} else if strings.HasPrefix(strings.ToUpper(q), "FW") {
			conds = append(conds, `s.number LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscape(strings.ToUpper(q))+"%")
		} else {
			rc, rargs := searchCond(q)
			conds = append(conds, "s.id IN (SELECT sr.service_id FROM service_residents sr WHERE sr.resident_id IN (SELECT r.id FROM residents r WHERE "+rc+"))")
			args = append(args, rargs...)
		}
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// manyServices is the result size above which a page is read in the sort index's order.
var manyServices = 2000

// staffOnly reports whether f narrows by staff (and perhaps dates) and nothing else, so the
// count reads service_staff alone.
func staffOnly(f ServiceFilter) bool {
	g := f
	g.From, g.To, g.Staff, g.Sort, g.Desc, g.Offset, g.Limit = data.Date{}, data.Date{}, "", "", false, 0, 0
	return g == ServiceFilter{Voided: f.Voided}
}

// countServices counts the services matching f, each way reading one index: everything live
// is the table's count less the voided; one member of staff's services are counted in
// service_staff.
func (db *DB) countServices(ctx context.Context, f ServiceFilter) (int, error) {
	var n int
	name := strings.TrimSpace(f.Staff)
	switch {
	case name == "" && f == (ServiceFilter{Sort: f.Sort, Desc: f.Desc, Offset: f.Offset, Limit: f.Limit}):
		var v int
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM services").Scan(&n); err != nil {
			return 0, err
		}
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM services WHERE voided = 1").Scan(&v); err != nil {
			return 0, err
		}
		return n - v, nil
	case name != "" && staffOnly(f):
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
func serviceQuery(f ServiceFilter, col string) (string, string, []any) {
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
func (db *DB) ListServices(ctx context.Context, f ServiceFilter) ([]ServiceRow, int, error) {
	total, err := db.countServices(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	col := "s."
	if total > manyServices {
		// As in ListIssues: a filter that keeps many rows is read in the sort index's order.
		col = "+s."
	}
	from, where, args := serviceQuery(f, col)
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
		where+" ORDER BY "+order+" LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []ServiceRow
	for rows.Next() {
		r, err := scanService(rows)
		if err != nil {
			return nil, 0, err
		}
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

// ---- statistics ----

// ServiceStats computes the service figures of a period and community as
// data.ServiceFiguresDefinition defines them.
func (db *DB) ServiceStats(ctx context.Context, from, to data.Date, communityID int64) (data.ServiceFigures, error) {
	f := data.ServiceFigures{ByType: map[string]int{}, ByMonth: map[string]map[string]int{}}
	for _, t := range data.ServiceTypes {
		f.ByType[string(t)] = 0
	}
	q := `SELECT substr(served_on, 1, 7), type, count(*), sum(elderly), sum(on_the_spot), sum(CASE WHEN result = '已办结' THEN 1 ELSE 0 END)
		FROM services WHERE voided = 0`
	var args []any
	if !from.IsZero() {
		q += " AND served_on >= ?"
		args = append(args, from)
	}
	if !to.IsZero() {
		q += " AND served_on <= ?"
		args = append(args, to)
	}
	if communityID != 0 {
		q += " AND community_id = ?"
		args = append(args, communityID)
	}
	rows, err := db.db.QueryContext(ctx, q+" GROUP BY 1, 2", args...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var month, typ string
		var n, elderly, spot, done int
		if err := rows.Scan(&month, &typ, &n, &elderly, &spot, &done); err != nil {
			return f, err
		}
		f.Total += n
		f.Elderly += elderly
		f.OnTheSpot += spot
		f.Completed += done
		f.ByType[typ] += n
		if f.ByMonth[month] == nil {
			f.ByMonth[month] = map[string]int{}
		}
		f.ByMonth[month][typ] += n
	}
	if f.Total > 0 {
		f.ElderlyShare = float64(f.Elderly) / float64(f.Total)
	}
	return f, rows.Err()
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

// ---- bulk ----

// BulkServices records many services fast, for the demo office and large imports: batches of
// 5,000 per transaction with prepared statements, one audit entry per batch naming the range.
// Each service is checked with data.Service.Validate (the catalog and the residents are taken
// as given: the caller built them from the database). Staff must carry their names.
// Photos go with the service; cert_last is brought up to date at the end of each batch.
func (db *DB) BulkServices(ctx context.Context, services []data.Service, photos map[int][]NamedFile) ([]int64, error) {
	people, err := db.residentBriefs(ctx)
	if err != nil {
		return nil, err
	}
	today := db.today()
	for i := range services {
		if err := services[i].Validate(today); err != nil {
			return nil, fmt.Errorf("service %d: %w", i+1, err)
		}
		for _, rid := range services[i].ResidentIDs {
			if _, ok := people[rid]; !ok {
				return nil, fmt.Errorf("service %d: %w", i+1, data.Invalid("residents", "所选居民档案不存在（编号 %d）", rid))
			}
		}
	}
	// Written in date order: numbers then follow the dates, and every date-ordered index
	// grows at its end instead of being split all over.
	order := make([]int, len(services))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return services[order[a]].Date.Before(services[order[b]].Date) })
	ids := make([]int64, len(services))
	const batch = 5000
	for start := 0; start < len(order); start += batch {
		end := min(start+batch, len(order))
		err := db.write(ctx, func(tx *Tx) error {
			if err := tx.require(data.ActRecord); err != nil {
				return err
			}
			return tx.bulkServices(services, order[start:end], photos, people, ids)
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func (db *DB) residentBriefs(ctx context.Context) (map[int64]servedResident, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id, name, id_number, birth_date, community_id FROM residents WHERE voided = 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]servedResident{}
	for rows.Next() {
		var r servedResident
		var birth string
		if err := rows.Scan(&r.id, &r.name, &r.idNumber, &birth, &r.communityID); err != nil {
			return nil, err
		}
		r.birth = parseDate(birth)
		out[r.id] = r
	}
	return out, rows.Err()
}

// bulkServices writes services[k] for k in order (one batch) and sets ids[k].
func (tx *Tx) bulkServices(services []data.Service, order []int, photos map[int][]NamedFile, people map[int64]servedResident, ids []int64) error {
	ctx := tx.ctx
	need := map[int]int{}
	for _, k := range order {
		need[services[k].Date.Year]++
	}
	next := map[int]int{}
	for y, n := range need {
		first, err := tx.reserveCounter("service", y, n)
		if err != nil {
			return err
		}
		next[y] = first
	}
	prep := func(q string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, q) }
	ins, err := prep(`INSERT INTO services (number, year, seq, served_on, type, item, community_id,
		content, result, follow_up_on, on_the_spot, elderly, resident_names, first_id_number, staff_names,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	insRes, err := prep("INSERT INTO service_residents (service_id, resident_id) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer insRes.Close()
	insStaff, err := prep("INSERT INTO service_staff (service_id, user_id, name, served_on) VALUES (?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer insStaff.Close()
	insFile, err := prep(`INSERT INTO attachments (owner, owner_id, name, mime, size, sha256, content, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insFile.Close()
	upCert, err := prep(`INSERT INTO cert_last (resident_id, item, last_on, service_id, community_id, birth_date, active)
		SELECT r.id, ?, ?, ?, r.community_id, r.birth_date, ` + sqlCertActive + ` FROM residents r WHERE r.id = ?
		ON CONFLICT (resident_id, item) DO UPDATE SET last_on = excluded.last_on, service_id = excluded.service_id
		WHERE excluded.last_on > cert_last.last_on`)
	if err != nil {
		return err
	}
	defer upCert.Close()
	type key struct {
		rid  int64
		item string
	}
	type latest struct {
		on data.Date
		id int64
	}
	certs := map[key]latest{}
	at := func(d data.Date) string { return ts(d.In(data.OfficeZone).Add(10 * time.Hour)) }
	var firstID int64
	var firstNumber, lastNumber string
	for _, k := range order {
		s := &services[k]
		rs := make([]servedResident, 0, len(s.ResidentIDs))
		for _, rid := range s.ResidentIDs {
			rs = append(rs, people[rid])
		}
		y := s.Date.Year
		seq := next[y]
		next[y]++
		s.Number = data.FormatServiceNumber(y, seq)
		names, firstIDNumber, staff, elderly := serviceSummary(s, rs)
		res, err := ins.ExecContext(ctx, s.Number, y, seq, s.Date, string(s.Type), s.Item, nullID(s.CommunityID),
			s.Content, string(s.Result), s.FollowUpOn, s.OnTheSpot, elderly, names, firstIDNumber, staff,
			nullID(s.CreatedBy), at(s.Date), at(s.Date))
		if err != nil {
			return fmt.Errorf("service %s: %w", s.Number, err)
		}
		s.ID, _ = res.LastInsertId()
		ids[k] = s.ID
		if firstNumber == "" {
			firstID, firstNumber = s.ID, s.Number
		}
		lastNumber = s.Number
		for _, rid := range s.ResidentIDs {
			if _, err := insRes.ExecContext(ctx, s.ID, rid); err != nil {
				return err
			}
			if s.Result == data.ServiceDone {
				kk := key{rid, s.Item}
				if l, ok := certs[kk]; !ok || !s.Date.Before(l.on) {
					certs[kk] = latest{s.Date, s.ID}
				}
			}
		}
		for _, st := range s.Staff {
			if _, err := insStaff.ExecContext(ctx, s.ID, nullID(st.UserID), st.Name, s.Date); err != nil {
				return err
			}
		}
		for _, f := range photos[k] {
			a, err := checkAttachment(f.Name, f.Content)
			if err != nil {
				return fmt.Errorf("service %s: %w", s.Number, err)
			}
			if _, err := insFile.ExecContext(ctx, ownerService, s.ID, a.Name, a.MIME, a.Size, a.SHA256, f.Content,
				at(s.Date), staff); err != nil {
				return err
			}
		}
	}
	for k, l := range certs {
		if _, err := upCert.ExecContext(ctx, k.item, l.on, l.id, k.rid); err != nil {
			return err
		}
	}
	return tx.Audit("bulk_create", "services", firstID, nil, map[string]any{"count": len(order),
		"first_number": firstNumber, "last_number": lastNumber})
}
