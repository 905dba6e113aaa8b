package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"taizhang/data"
)

// ledgerExportPage is how many rows the ledger exports read per page: big enough that the
// per-page count and query cost nothing, small enough that memory stays flat.
const ledgerExportPage = 1000

// eachPage reads a ledger a page at a time (fetch gets the offset of the page) and calls each
// with every row, stopping when ctx is cancelled; it returns how many rows each accepted.
func eachPage[T any](ctx context.Context, fetch func(offset int) ([]T, error), each func(T) error) (int, error) {
	n := 0
	for offset := 0; ; offset += ledgerExportPage {
		page, err := fetch(offset)
		if err != nil {
			return n, err
		}
		for _, r := range page {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if err := each(r); err != nil {
				return n, err
			}
			n++
		}
		if len(page) < ledgerExportPage {
			return n, nil
		}
	}
}

// ExportIssues calls each with every issue matching f, oldest found first (the order of an
// inspection ledger), reading the ledger one page at a time so 100,000 issues take no more
// memory than 1,000. It returns the number of rows passed to each; f's Sort, Offset and Limit
// are ignored. Cancelling ctx stops it between rows. The rows are not masked; an export that
// writes full ID and phone numbers says full, which needs data.ActUnmask.
func (db *DB) ExportIssues(ctx context.Context, f data.IssueFilter, full bool, each func(data.IssueRow) error) (int, error) {
	if full {
		if err := requireUser(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	f.Sort, f.Desc, f.Limit = "found_on", false, ledgerExportPage
	return eachPage(ctx, func(offset int) ([]data.IssueRow, error) {
		f.Offset = offset
		page, _, err := db.ListIssues(ctx, f)
		return page, err
	}, each)
}

// CountIssues returns how many issues ExportIssues would pass for f, for a progress bar.
func (db *DB) CountIssues(ctx context.Context, f data.IssueFilter) (int, error) {
	f.Offset, f.Limit = 0, 1
	_, total, err := db.ListIssues(ctx, f)
	return total, err
}

// ExportDocuments calls each with every document matching f, oldest first, a page at a time.
// ID numbers are masked unless full, which needs data.ActUnmask.
func (db *DB) ExportDocuments(ctx context.Context, f data.DocumentFilter, full bool, each func(data.DocumentExportRow) error) (int, error) {
	if full {
		if err := requireUser(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	f.Sort, f.Desc, f.Limit = "date", false, ledgerExportPage
	return eachPage(ctx, func(offset int) ([]data.DocumentExportRow, error) {
		f.Offset = offset
		page, _, err := db.ListDocuments(ctx, f)
		if err != nil {
			return nil, err
		}
		extra, err := db.documentExtras(ctx, page)
		if err != nil {
			return nil, err
		}
		rows := make([]data.DocumentExportRow, len(page))
		for i, r := range page {
			rows[i] = extra[r.ID]
			rows[i].DocumentRow = r
			if !full {
				rows[i].IDNumber = data.MaskIDNumber(rows[i].IDNumber)
			}
		}
		return rows, nil
	}, each)
}

// CountDocuments returns how many documents ExportDocuments would pass for f.
func (db *DB) CountDocuments(ctx context.Context, f data.DocumentFilter) (int, error) {
	f.Offset, f.Limit = 0, 1
	_, total, err := db.ListDocuments(ctx, f)
	return total, err
}

// documentExtras reads the applicant's ID number and the delivery of one page of documents
// in one query.
func (db *DB) documentExtras(ctx context.Context, page []data.DocumentRow) (map[int64]data.DocumentExportRow, error) {
	out := make(map[int64]data.DocumentExportRow, len(page))
	if len(page) == 0 {
		return out, nil
	}
	ids := make([]any, len(page))
	for i, r := range page {
		ids[i] = r.ID
	}
	q := `SELECT d.id, COALESCE(r.id, 0), COALESCE(r.id_number, ''), COALESCE(v.method, ''), COALESCE(v.delivered_on, ''), COALESCE(v.recipient, '')
		FROM documents d LEFT JOIN residents r ON r.id = d.resident_id LEFT JOIN deliveries v ON v.document_id = d.id
		WHERE d.id IN (?` + strings.Repeat(", ?", len(ids)-1) + ")"
	rows, err := db.db.QueryContext(ctx, q, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, rid int64
		var x data.DocumentExportRow
		var method, on string
		if err := rows.Scan(&id, &rid, &x.IDNumber, &method, &on, &x.Recipient); err != nil {
			return nil, err
		}
		x.IDNumber = db.reveal(x.IDNumber, placeOf("residents", "id_number", rid))
		x.DeliveryMethod = data.DeliveryMethod(method)
		if on != "" {
			if err := x.DeliveredOn.Scan(on); err != nil {
				return nil, err
			}
		}
		out[id] = x
	}
	return out, rows.Err()
}

// FiguresByCommunity computes the figures of the period for each community (in the office's
// order), followed by 合计 for the whole office. An issue without a community counts only
// in 合计.
func (db *DB) FiguresByCommunity(ctx context.Context, from, to data.Date) ([]data.FiguresRow, error) {
	cs, err := db.Communities(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []data.FiguresRow
	for _, c := range cs {
		f, err := db.IssueFigures(ctx, from, to, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, data.FiguresRow{Label: c.Name, Figures: f})
	}
	all, err := db.IssueFigures(ctx, from, to, 0)
	if err != nil {
		return nil, err
	}
	return append(out, data.FiguresRow{Label: "合计", Figures: all}), nil
}

// FiguresByMonth computes the figures of each calendar month that meets [from, to] (to zero:
// today; from zero: twelve months back), each month clipped to the period, in one community
// (0: all). At most 120 months.
func (db *DB) FiguresByMonth(ctx context.Context, from, to data.Date, communityID int64) ([]data.FiguresRow, error) {
	today := db.today()
	if to.IsZero() || to.After(today) {
		to = today
	}
	if from.IsZero() {
		from = data.DateOf(data.MustDate(to.Year, to.Month, 1).In(time.UTC).AddDate(0, -11, 0))
	}
	if to.Before(from) {
		return nil, data.Invalid("to", "统计截止日（%s）不能早于起始日（%s）", to, from)
	}
	var out []data.FiguresRow
	first := data.MustDate(from.Year, from.Month, 1).In(time.UTC)
	for m := first; !data.DateOf(m).After(to) && len(out) < 120; m = m.AddDate(0, 1, 0) {
		a, b := data.DateOf(m), data.DateOf(m.AddDate(0, 1, -1))
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		f, err := db.IssueFigures(ctx, a, b, communityID)
		if err != nil {
			return nil, err
		}
		out = append(out, data.FiguresRow{Label: fmt.Sprintf("%d年%d月", m.Year(), int(m.Month())), Figures: f})
	}
	return out, nil
}

// Summary reads the figures of the monthly/quarterly summary export for a period: by
// community (with 合计) and by month (in communityID, 0: all).
func (db *DB) Summary(ctx context.Context, from, to data.Date, communityID int64) (byCommunity, byMonth []data.FiguresRow, err error) {
	if byCommunity, err = db.FiguresByCommunity(ctx, from, to); err != nil {
		return nil, nil, err
	}
	byMonth, err = db.FiguresByMonth(ctx, from, to, communityID)
	return byCommunity, byMonth, err
}
