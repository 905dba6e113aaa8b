package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"taizhang/data"
)

// ---- lists ----

var documentSorts = map[string]string{
	"date": "d.doc_date %s, d.id %[1]s", "number": "d.num_key %s, d.year %[1]s, d.seq %[1]s",
	"applicant": "d.applicant %s, d.id %[1]s", "kind": "d.kind %s, d.doc_date %[1]s", "status": "d.status %s, d.doc_date %[1]s",
}

func docLikeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	return r.Replace(s)
}

// ListDocuments returns one page of documents and the total matching the filter.
func (db *DB) ListDocuments(ctx context.Context, f data.DocumentFilter) ([]data.DocumentRow, int, error) {
	if err := db.checkReader(ctx); err != nil {
		return nil, 0, err
	}
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds = append(conds, c); args = append(args, a...) }
	if f.Kind != "" {
		add("d.kind = ?", string(f.Kind))
	}
	if f.Programme != "" {
		add("d.programme = ?", string(f.Programme))
	}
	if f.Status != "" {
		add("d.status = ?", string(f.Status))
	}
	if f.Delivered != nil {
		if *f.Delivered {
			add("d.delivered = 1")
		} else {
			add("d.kind = 'decision' AND d.status = 'signed' AND d.delivered = 0") // data.DocumentRow.AwaitingDelivery
		}
	}
	if f.ResidentID != 0 {
		add("d.resident_id = ?", f.ResidentID)
	}
	if !f.From.IsZero() {
		add("d.doc_date >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("d.doc_date <= ?", f.To)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if p, y, s, err := data.ParseDocNumber(q); err == nil {
			add("d.doc_number = ?", data.FormatDocNumber(p, y, s))
		} else {
			like := "%" + docLikeEscape(q) + "%"
			add(`(d.doc_number `+likeOp(db.pg)+` ? ESCAPE '\' OR d.applicant `+likeOp(db.pg)+` ? ESCAPE '\')`, like, like)
		}
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM documents d"+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	order := "d.doc_date DESC, d.id DESC"
	if tmpl, ok := documentSorts[f.Sort]; ok {
		dir := "ASC"
		if f.Desc {
			dir = "DESC"
		}
		order = fmt.Sprintf(tmpl, dir)
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+docRowCols+" FROM documents d"+where+" ORDER BY "+orderBy(db.pg, order, "d.id")+" LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []data.DocumentRow
	for rows.Next() {
		r, err := scanDocRow(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// ---- resident timeline ----

// documentTimeline lists a resident's documents: number, title and state.
func documentTimeline(ctx context.Context, db *sql.DB, residentID int64) ([]data.TimelineEntry, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, title, COALESCE(doc_number, ''), status, delivered, kind, COALESCE(signed_at, created_at)
		FROM documents WHERE resident_id = ? ORDER BY doc_date DESC, id DESC LIMIT 200`, residentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TimelineEntry
	for rows.Next() {
		var id int64
		var title, number, status, kind, at string
		var delivered bool
		if err := rows.Scan(&id, &title, &number, &status, &delivered, &kind, &at); err != nil {
			return nil, err
		}
		state := data.DocStatus(status).String()
		if data.DocStatus(status) == data.DocSigned && data.DocKind(kind) == data.DocDecision {
			if delivered {
				state += "，已送达"
			} else {
				state += "，待送达"
			}
		}
		label, ref := number, number
		if number == "" {
			label, ref = "草稿", strconv.FormatInt(id, 10)
		}
		out = append(out, data.TimelineEntry{Date: parseTS(at), Kind: "文书", Title: title + " " + label + "（" + state + "）", Ref: ref})
	}
	return out, rows.Err()
}
