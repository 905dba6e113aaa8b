package sqlite

import (
	"context"

	"taizhang/data"
)

// A record's version is the id of the newest audit entry that names it: every change is
// audited in the transaction that makes it (one linear chain, one writer at a time), so the
// version grows with each change, whichever PC made it and within the same second too, and
// needs no column of its own. The index audit_log_record finds it.
const versionQuery = "SELECT id, COALESCE(user_id, 0) FROM audit_log WHERE table_name = ? AND record_id = ? ORDER BY id DESC LIMIT 1"

// Seen returns the state of record id of table ("issues", "documents", "residents") for a
// screen about to show it: read it before the record, so a change in between makes the
// screen's action refused (and the record read again) rather than applied unseen. The
// screen passes it back with data.WithSeen on the action's context.
func (db *DB) Seen(ctx context.Context, table string, id int64) (data.Seen, error) {
	s := data.Seen{Table: table, ID: id}
	err := db.db.QueryRowContext(ctx, versionQuery, table, id).Scan(&s.Version, &s.By)
	if isNoRows(err) {
		err = nil
	}
	return s, err
}

// checkSeen refuses a change of record id of table when the action's context carries the
// state a screen showed (data.WithSeen) and the record changed since: another PC's action
// committed in between. Called inside the write transaction, after its lock, so nothing can
// slip in between the check and the change. Without a seen state (the command line, imports)
// there is nothing to compare.
func (tx *Tx) checkSeen(table string, id int64) error {
	s, ok := data.SeenFrom(tx.ctx)
	if !ok || s.Table != table || s.ID != id {
		return nil
	}
	var v, by int64
	if err := tx.QueryRowContext(tx.ctx, versionQuery, table, id).Scan(&v, &by); err != nil && !isNoRows(err) {
		return err
	}
	if v != s.Version {
		return data.Stale(table)
	}
	return nil
}
