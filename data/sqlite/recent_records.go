package sqlite

import (
	"context"
	"taizhang/data"
)

// Read-only queries of the 工作台 (dashboard) screen.

// recentScanLimit bounds how far back RecentRecords reads a user's audit entries.
const recentScanLimit = 2000

// RecentRecords returns the last limit distinct issues and residents the user changed, newest
// first, from the audit log. It reads the log backwards from its end and stops as soon as it
// has enough, so a long log costs no more than a short one.
func (db *DB) RecentRecords(ctx context.Context, userID int64, limit int) ([]data.RecentRecord, error) {
	if limit <= 0 {
		limit = 10
	}
	rows, err := db.db.QueryContext(ctx, `SELECT at, action, table_name, record_id FROM audit_log
		WHERE user_id = ? AND table_name IN ('issues', 'residents') AND record_id > 0
		ORDER BY id DESC LIMIT ?`, userID, recentScanLimit)
	if err != nil {
		return nil, err
	}
	type key struct {
		table string
		id    int64
	}
	seen := map[key]bool{}
	var out []data.RecentRecord
	for rows.Next() && len(out) < limit {
		var r data.RecentRecord
		var at string
		if err := rows.Scan(&at, &r.Action, &r.Table, &r.RecordID); err != nil {
			rows.Close()
			return nil, err
		}
		k := key{r.Table, r.RecordID}
		if seen[k] {
			continue
		}
		seen[k] = true
		r.At = parseTS(at)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		r := &out[i]
		var err error
		if r.Table == "issues" {
			var cat, desc string
			err = db.db.QueryRowContext(ctx, "SELECT number, category, description FROM issues WHERE id = ?", r.RecordID).Scan(&r.Ref, &cat, &desc)
			r.Title = cat + "：" + desc
		} else {
			err = db.db.QueryRowContext(ctx, "SELECT name FROM residents WHERE id = ?", r.RecordID).Scan(&r.Ref)
		}
		if err != nil && !isNoRows(err) {
			return nil, err
		}
	}
	return out, nil
}
