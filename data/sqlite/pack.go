package sqlite

import (
	"context"

	"taizhang/data"
)

// AuditHeadHash returns the newest audit entry's id and hash (0 and "" when there is none):
// an inspection pack names it, so whoever holds the pack can later tell whether anything
// was changed after it was handed over (`taizhang check` verifies the chain up to it).
func (db *DB) AuditHeadHash(ctx context.Context) (int64, string, error) {
	var id int64
	var hash string
	err := db.db.QueryRowContext(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&id, &hash)
	if isNoRows(err) {
		return 0, "", nil
	}
	return id, hash, err
}

// SignedDocuments returns the signed documents dated in [from, to] (zero: unbounded), oldest
// first, for an inspection pack.
func (db *DB) SignedDocuments(ctx context.Context, from, to data.Date) ([]data.DocumentRow, error) {
	var out []data.DocumentRow
	f := data.DocumentFilter{From: from, To: to, Status: data.DocSigned, Sort: "date", Limit: ledgerExportPage}
	for {
		page, _, err := db.ListDocuments(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < ledgerExportPage {
			return out, nil
		}
		f.Offset += ledgerExportPage
	}
}
