package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"taizhang/data"
)

// ---- bulk ----

// BulkServices records many services fast, for the demo office and large imports: batches of
// 5,000 per transaction with prepared statements, one audit entry per batch naming the range.
// Each service is checked with data.Service.Validate (the catalog and the residents are taken
// as given: the caller built them from the database). Staff must carry their names.
// Photos go with the service; cert_last is brought up to date at the end of each batch.
func (db *DB) BulkServices(ctx context.Context, services []data.Service, photos map[int][]data.NamedFile) ([]int64, error) {
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
	k, err := db.needKey() // the ID numbers are matched in the clear, in memory
	if err != nil {
		return nil, err
	}
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
		if r.idNumber, err = openResidentIDWith(k, r.id, r.idNumber); err != nil {
			return nil, err
		}
		r.birth = parseDate(birth)
		out[r.id] = r
	}
	return out, rows.Err()
}

// bulkServices writes services[k] for k in order (one batch) and sets ids[k].
func (tx *Tx) bulkServices(services []data.Service, order []int, photos map[int][]data.NamedFile, people map[int64]servedResident, ids []int64) error {
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
	// Each row's id is known before its insert, so its first resident's ID number is sealed
	// for that row in the insert itself (the write transaction is immediate).
	dk, err := tx.needKey()
	if err != nil {
		return err
	}
	nextID, err := tx.nextID("services")
	if err != nil {
		return err
	}
	ins, err := prep(`INSERT INTO services (id, number, year, seq, served_on, type, item, community_id,
		content, result, follow_up_on, on_the_spot, elderly, resident_names, first_id_number, staff_names,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
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
	insFile, err := prep(attachmentInsert)
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
		s.ID = nextID
		nextID++
		if _, err := ins.ExecContext(ctx, s.ID, s.Number, y, seq, s.Date, string(s.Type), s.Item, nullID(s.CommunityID),
			s.Content, string(s.Result), s.FollowUpOn, s.OnTheSpot, elderly, names,
			dk.seal(firstIDNumber, placeOf("services", "first_id_number", s.ID)), staff,
			nullID(s.CreatedBy), at(s.Date), at(s.Date)); err != nil {
			return fmt.Errorf("service %s: %w", s.Number, err)
		}
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
			// Kept sealed, as AddAttachment keeps it.
			fid, sealed, sealedSum, err := tx.sealAttachment(dk, f.Content)
			if err != nil {
				return err
			}
			if _, err := insFile.ExecContext(ctx, fid, ownerService, s.ID, a.Name, a.MIME, a.Size, a.SHA256, sealedSum, sealed, at(s.Date), staff); err != nil {
				return err
			}
			// Each file's sums in the audit log, as AddAttachment writes them.
			a.ID = fid
			if err := tx.Audit("attach", ownerService, s.ID, nil, attachAudit(a, sealedSum)); err != nil {
				return err
			}
		}
	}
	for k, l := range certs {
		if _, err := upCert.ExecContext(ctx, k.item, l.on, l.id, k.rid); err != nil {
			return err
		}
	}
	if err := tx.syncID("services"); err != nil {
		return err
	}
	return tx.Audit("bulk_create", "services", firstID, nil, map[string]any{"count": len(order),
		"first_number": firstNumber, "last_number": lastNumber})
}
