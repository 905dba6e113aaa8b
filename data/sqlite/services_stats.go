package sqlite

import (
	"context"

	"taizhang/data"
)

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
