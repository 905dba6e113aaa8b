package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"taizhang/data"
)

// BulkResidents inserts many residents fast, for the demo office and large imports: batches
// of 5,000 per transaction, each batch one audit entry naming the range of records it
// created. households gives the size of each consecutive household in rs (head first); the
// residents of one household share a new household row. Returns the new ids in order.
func (db *DB) BulkResidents(ctx context.Context, rs []data.Resident, households []int) ([]int64, error) {
	ids := make([]int64, 0, len(rs))
	hh := 0   // index into households
	left := 0 // members left in the current household
	var hid int64
	const batch = 5000
	for start := 0; start < len(rs); start += batch {
		end := min(start+batch, len(rs))
		err := db.write(ctx, func(tx *Tx) error {
			if err := tx.require(data.ActEditResidents); err != nil {
				return err
			}
			ri, err := tx.newResidentInserter()
			if err != nil {
				return err
			}
			defer ri.close()
			hins, err := tx.PrepareContext(ctx, householdInsert)
			if err != nil {
				return err
			}
			defer hins.Close()
			now := ts(tx.now)
			digests := make(map[string]string, end-start) // each record's fingerprint, for check
			for i := start; i < end; i++ {
				r := &rs[i]
				if err := r.Normalize(tx.now); err != nil {
					return fmt.Errorf("resident %d (%s): %w", i+1, r.Name, err)
				}
				if left == 0 && hh < len(households) {
					left = households[hh]
					hh++
					hid = 0
					if left > 1 {
						if hid, err = tx.insertHousehold(hins, r.CommunityID, r.Address, now); err != nil {
							return err
						}
					}
				}
				left--
				rel := r.Relation
				if hid == 0 {
					rel = ""
				}
				r.HouseholdID, r.Relation = hid, rel
				id, stored, err := ri.insert(r, now)
				if err != nil {
					if isUniqueViolation(err) {
						return data.Conflict("第 %d 人（%s）的身份证号重复", i+1, r.Name)
					}
					return err
				}
				ids = append(ids, id)
				digests[strconv.FormatInt(id, 10)] = residentDigest(stored)
			}
			if err := ri.finish(); err != nil {
				return err
			}
			return tx.Audit("bulk_create", "residents", ids[start], nil,
				map[string]any{"count": end - start, "first_id": ids[start], "last_id": ids[end-1], "digests": digests})
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// residentInserter writes new residents and their tags inside one transaction for the bulk
// paths (demo, import). The search index is filled once, in one statement over the new rows,
// instead of by the per-row trigger, which is many times slower; the trigger is taken away
// for the transaction and put back by finish, so nothing outside ever sees it missing.
type residentInserter struct {
	tx              *Tx
	key             *dataKey
	trigger         string
	ins, tins, nins *sql.Stmt
	next            int64 // the id of the next resident
	first, last     int64
}

func (tx *Tx) newResidentInserter() (*residentInserter, error) {
	k, err := tx.needKey()
	if err != nil {
		return nil, err
	}
	ri := &residentInserter{tx: tx, key: k}
	if ri.next, err = tx.nextID("residents"); err != nil {
		return nil, err
	}
	if !tx.db.pg { // PostgreSQL searches names on residents itself: no trigger, no table
		err = tx.QueryRowContext(tx.ctx, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'residents_fts_ai'").Scan(&ri.trigger)
		if err != nil {
			return nil, fmt.Errorf("read search trigger: %w", err)
		}
		if _, err := tx.ExecContext(tx.ctx, "DROP TRIGGER residents_fts_ai"); err != nil {
			return nil, err
		}
	}
	if ri.ins, err = tx.PrepareContext(tx.ctx, `INSERT INTO residents (id, name, initials, id_number, id_index, birth_date, male, phone, address,
		community_id, grid_id, household_id, relation, tags, status, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return nil, err
	}
	if ri.tins, err = tx.PrepareContext(tx.ctx, "INSERT INTO resident_tags (resident_id, tag, community_id) VALUES (?, ?, ?)"); err != nil {
		ri.ins.Close()
		return nil, err
	}
	if ri.nins, err = tx.PrepareContext(tx.ctx, "INSERT INTO resident_numbers (rowid, terms) VALUES (?, ?)"); err != nil {
		ri.ins.Close()
		ri.tins.Close()
		return nil, err
	}
	return ri, nil
}

// insert writes one normalised resident (household and relation already set), its number
// search terms and its tags, with now as both timestamps, and returns its id and the record
// as stored (the ID and phone numbers sealed for its row).
func (ri *residentInserter) insert(r *data.Resident, now string) (int64, data.Resident, error) {
	ctx := ri.tx.ctx
	id, k := ri.next, ri.key
	stored := *r
	stored.IDNumber = k.seal(r.IDNumber, placeOf("residents", "id_number", id))
	stored.Phone = k.seal(r.Phone, placeOf("residents", "phone", id))
	stored.Address = k.seal(r.Address, placeOf("residents", "address", id))
	_, err := ri.ins.ExecContext(ctx, id, r.Name, Initials(r.Name), stored.IDNumber, k.blind("id", r.IDNumber), dateStr(r.Birth), r.Male,
		stored.Phone, stored.Address, r.CommunityID, nullID(r.GridID), nullID(r.HouseholdID), r.Relation, strings.Join(r.Tags, ","),
		string(r.Status), r.Note, now, now)
	if err != nil {
		return 0, stored, err
	}
	ri.next++
	if _, err := ri.nins.ExecContext(ctx, id, k.termsOf(map[string]string{"id": r.IDNumber, "phone": r.Phone, "address": r.Address})); err != nil {
		return 0, stored, err
	}
	for _, t := range r.Tags {
		if _, err := ri.tins.ExecContext(ctx, id, t, r.CommunityID); err != nil {
			return 0, stored, err
		}
	}
	if ri.first == 0 {
		ri.first = id
	}
	ri.last = id
	stored.ID = id
	return id, stored, nil
}

// finish indexes the new residents for search and puts the trigger back.
func (ri *residentInserter) finish() error {
	if ri.tx.db.pg {
		return ri.tx.syncID("residents")
	}
	if ri.first != 0 {
		if _, err := ri.tx.ExecContext(ri.tx.ctx, `INSERT INTO residents_fts (rowid, name, initials)
			SELECT id, name, initials FROM residents WHERE id BETWEEN ? AND ?`, ri.first, ri.last); err != nil {
			return err
		}
	}
	_, err := ri.tx.ExecContext(ri.tx.ctx, ri.trigger)
	return err
}

func (ri *residentInserter) close() {
	ri.ins.Close()
	ri.tins.Close()
	ri.nins.Close()
}
