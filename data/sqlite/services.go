package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"taizhang/data"
)

// The 上门服务 ledger. Every action is one transaction that checks the record, writes
// the service, its residents and staff, its photos and one audit entry, and refreshes the
// latest certification (cert_last) of every resident and item it touched, so the 认证 lists
// never read the services themselves.

// ownerService owns the photos of a service in attachments.
const ownerService = "services"

const serviceCols = `s.id, s.number, s.served_on, s.type, s.item, COALESCE(s.community_id, 0), COALESCE(c.name, ''),
	s.content, s.result, s.follow_up_on, s.on_the_spot, s.resident_names, s.first_id_number, s.staff_names,
	s.voided, s.void_reason, COALESCE(s.created_by, 0), s.created_at, s.updated_at`

const serviceFrom = ` FROM services s LEFT JOIN communities c ON c.id = s.community_id`

func scanService(sc interface{ Scan(...any) error }) (data.ServiceRow, error) {
	var r data.ServiceRow
	var typ, result, created, updated string
	err := sc.Scan(&r.ID, &r.Number, &r.Date, &typ, &r.Item, &r.CommunityID, &r.CommunityName,
		&r.Content, &result, &r.FollowUpOn, &r.OnTheSpot, &r.ResidentNames, &r.FirstIDNumber, &r.StaffNames,
		&r.Voided, &r.VoidReason, &r.CreatedBy, &created, &updated)
	r.Type, r.Result = data.ServiceType(typ), data.ServiceResult(result)
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

// Service returns one service (voided or not) with its residents and staff.
func (db *DB) Service(ctx context.Context, id int64) (data.ServiceRow, error) {
	if err := db.checkReader(ctx); err != nil {
		return data.ServiceRow{}, err
	}
	r, err := serviceByID(ctx, db.db, id)
	r.FirstIDNumber = db.reveal(r.FirstIDNumber, placeOf("services", "first_id_number", r.ID))
	return r, err
}

// ServiceByNumber returns the service with that number (FW-2026-0001).
func (db *DB) ServiceByNumber(ctx context.Context, number string) (data.ServiceRow, error) {
	y, s, err := data.ParseServiceNumber(number)
	if err != nil {
		return data.ServiceRow{}, err
	}
	var id int64
	err = db.db.QueryRowContext(ctx, "SELECT id FROM services WHERE number = ?", data.FormatServiceNumber(y, s)).Scan(&id)
	if isNoRows(err) {
		return data.ServiceRow{}, data.NotFound("没有编号为 %s 的服务记录", data.FormatServiceNumber(y, s))
	}
	if err != nil {
		return data.ServiceRow{}, err
	}
	return db.Service(ctx, id)
}

func serviceByID(ctx context.Context, q sqlRunner, id int64) (data.ServiceRow, error) {
	r, err := scanService(q.QueryRowContext(ctx, "SELECT "+serviceCols+serviceFrom+" WHERE s.id = ?", id))
	if isNoRows(err) {
		return r, data.NotFound("服务记录不存在（编号 %d）", id)
	}
	if err != nil {
		return r, err
	}
	rows, err := q.QueryContext(ctx, "SELECT resident_id FROM service_residents WHERE service_id = ? ORDER BY "+insertionOrder, id)
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
	rows, err = q.QueryContext(ctx, "SELECT COALESCE(user_id, 0), name FROM service_staff WHERE service_id = ? ORDER BY "+insertionOrder, id)
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
		if r.idNumber, err = tx.openResidentID(r.id, r.idNumber); err != nil {
			return nil, err
		}
		r.birth = parseDate(birth)
		out = append(out, r)
	}
	var rules string
	if err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", data.KeyCertRules).Scan(&rules); err != nil && !isNoRows(err) {
		return nil, err
	}
	rs, err := data.ParseCertRules(rules)
	if err != nil {
		return nil, err
	}
	if p := certAgeProblem(rs, s.Item, out, s.Date); p != "" {
		return nil, data.Invalid("residents", "%s，不能登记这项认证", p)
	}
	return out, nil
}

// certAgeProblem is data.CertAgeProblem for the residents a service serves: a resident
// younger than the age from which the rules certify item on day.
func certAgeProblem(rules []data.CertRule, item string, rs []servedResident, day data.Date) string {
	people := make([]data.Resident, len(rs))
	for i, r := range rs {
		people[i] = data.Resident{Name: r.name, Birth: r.birth}
	}
	return data.CertAgeProblem(rules, item, people, day)
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
func (db *DB) CreateService(ctx context.Context, s *data.Service, files []data.NamedFile) error {
	return db.write(ctx, func(tx *Tx) error { return tx.CreateService(s, files) })
}

// CreateService is db.CreateService inside tx, for the importer.
func (tx *Tx) CreateService(s *data.Service, files []data.NamedFile) error {
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
	err = tx.QueryRowContext(tx.ctx, `INSERT INTO services (number, year, seq, served_on, type, item, community_id,
		content, result, follow_up_on, on_the_spot, elderly, resident_names, first_id_number, staff_names,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		s.Number, year, seq, s.Date, string(s.Type), s.Item, nullID(s.CommunityID), s.Content, string(s.Result),
		s.FollowUpOn, s.OnTheSpot, elderly, names, "", staff, nullID(s.CreatedBy), ts(tx.now), ts(tx.now)).Scan(&s.ID)
	if err != nil {
		return err
	}
	if err := tx.sealServiceID(s.ID, firstID); err != nil {
		return err
	}
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
func (db *DB) UpdateService(ctx context.Context, s *data.Service, files []data.NamedFile) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.checkSeen("services", s.ID); err != nil {
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
			next.FollowUpOn, next.OnTheSpot, elderly, names, "", staff, ts(tx.now), cur.ID)
		if err := stale(res, err); err != nil {
			return err
		}
		if err := tx.sealServiceID(cur.ID, firstID); err != nil {
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
		var err error
		if reason, err = data.CheckVoidReason(reason); err != nil {
			return err
		}
		if err := tx.checkSeen("services", id); err != nil {
			return err
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
