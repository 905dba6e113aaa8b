package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"taizhang/data"
)

// ---- lists ----

// IssueSortKeys are the columns the ledger list sorts by.
var IssueSortKeys = []string{"number", "found_on", "source", "category", "community", "grid", "address", "found_by",
	"tier", "unit", "person", "deadline", "status", "closed_on", "updated"}

// issueSorts gives each sort key its columns; every order ends with the date found and the id,
// so a page boundary is stable and the (column, found_on) indexes deliver rows in order.
var issueSorts = map[string]string{
	"number": "i.year%[1]s, i.seq%[1]s", "found_on": "i.found_on%[1]s", "source": "i.source%[1]s",
	"category": "i.category%[1]s", "community": "i.community_id%[1]s", "grid": "i.grid_id%[1]s",
	"address": "i.address%[1]s", "found_by": "i.found_by%[1]s", "tier": "i.tier%[1]s", "unit": "i.responsible_unit%[1]s",
	"person": "i.responsible_person%[1]s", "deadline": "i.deadline%[1]s", "status": "i.status%[1]s",
	"closed_on": "i.closed_on%[1]s", "updated": "i.updated_at%[1]s",
}

// Status conditions are written into SQL as literals (they are constants), so the planner can
// match the partial indexes. "Not voided" is written as <> rather than as an IN list on
// purpose: it then picks the index of the filter or of the sort order, not the status index
// (which would mean sorting nearly every issue for one page).
const (
	sqlUnclosed  = "('open', 'in_progress', 'pending_review')"
	sqlNotVoided = "i.status <> 'voided'"
)

func issueWhere(f data.IssueFilter, today data.Date, pg bool) (string, []any) {
	return issueWhereCols(f, today, "i.", pg)
}

// issueWhereCols builds the WHERE clause with the filter columns written as col+name. The
// count of voided issues passes "+i.": a unary plus keeps the planner from using the filter
// columns' indexes, so it reads the few voided issues through the status index instead.
func issueWhereCols(f data.IssueFilter, today data.Date, col string, pg bool) (string, []any) {
	var w where
	if len(f.Statuses) > 0 {
		var qs []string
		for _, s := range f.Statuses {
			if s.Valid() {
				qs = append(qs, "'"+string(s)+"'")
			}
		}
		if len(qs) == 0 {
			qs = append(qs, "''")
		}
		w.add("i.status IN (" + strings.Join(qs, ", ") + ")")
	} else {
		w.add(sqlNotVoided)
	}
	w.dateRange(col+"found_on", f.From, f.To)
	w.equal(col+"community_id", f.CommunityID, f.CommunityID != 0)
	w.equal(col+"grid_id", f.GridID, f.GridID != 0)
	w.equal(col+"source", f.Source, f.Source != "")
	w.equal(col+"category", f.Category, f.Category != "")
	w.equal(col+"tier", string(f.Tier), f.Tier != "")
	w.equal(col+"responsible_unit", f.ResponsibleUnit, f.ResponsibleUnit != "")
	w.equal(col+"duplicate_of", f.DuplicateOf, f.DuplicateOf != 0)
	// The same rule as data.DeadlineStateOf on today: unclosed, and past the deadline
	// (逾期) or within DueSoonDays of it (临期).
	switch f.Deadline {
	case data.DeadlineOverdue:
		w.add("i.status IN "+sqlUnclosed+" AND i.deadline < ?", today)
	case data.DeadlineDueSoon:
		w.add("i.status IN "+sqlUnclosed+" AND i.deadline >= ? AND i.deadline <= ?", today, today.AddDays(data.DueSoonDays))
	}
	if f.FollowUpDue {
		w.add("i.followed_up = 0 AND i.status = 'closed'")
	}
	if f.ExtensionDue {
		w.add("i.pending_deadline IS NOT NULL AND i.status IN ('open', 'in_progress')")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if y, s, err := data.ParseIssueNumber(q); err == nil {
			w.add("i.number = ?", data.FormatIssueNumber(y, s))
		} else {
			// Part of a number (digits, WT-) is looked up in the numbers; words go through the
			// full-text index only, so a Chinese query never scans the table.
			// A 12345 工单编号, whole, finds its issue whichever way.
			like := "%" + likeEscape(q) + "%"
			m := bigramMatch(q)
			switch {
			case looksLikeNumber(q) && m != "":
				fc, fa := ftsIDs(pg, "i.id", "issues_fts", m)
				w.add(`(i.number `+likeOp(pg)+` ? ESCAPE '\' OR i.hotline_order = ? OR `+fc+`)`, append([]any{like, q}, fa...)...)
			case looksLikeNumber(q) || m == "":
				w.add(`(i.number `+likeOp(pg)+` ? ESCAPE '\' OR i.hotline_order = ?)`, like, q)
			default:
				fc, fa := ftsIDs(pg, "i.id", "issues_fts", m)
				w.add(`(i.hotline_order = ? OR `+fc+`)`, append([]any{q}, fa...)...)
			}
		}
	}
	return w.sql()
}

// looksLikeNumber reports whether a query could be part of an issue number: digits, W, T or -.
func looksLikeNumber(q string) bool {
	for _, r := range strings.ToUpper(q) {
		if !(r >= '0' && r <= '9' || r == 'W' || r == 'T' || r == '-') {
			return false
		}
	}
	return true
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListIssues returns one page of the issues matching f, in f's order, and how many match in
// all. Deadline states are computed from the store's clock.
func (db *DB) ListIssues(ctx context.Context, f data.IssueFilter) ([]data.IssueRow, int, error) {
	if err := db.checkReader(ctx); err != nil {
		return nil, 0, err
	}
	today := db.today()
	where, args := issueWhere(f, today, db.pg)
	total, err := db.countIssues(ctx, f, today)
	if err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	// SQLite guesses how many rows a filter keeps, and for a filter that keeps most of the
	// ledger (状态 已销号: nine in ten) it guesses wrong and sorts them all for one page. The
	// count just taken says how many there are: when they are many, the filter's columns
	// are written so no index can serve them, which leaves the sort order's index to read
	// the page in order, stopping after it.
	if total > manyIssues && !db.pg {
		where = unindexed(where)
	}
	rows, err := db.listIssues(ctx, where, args, issueOrder(f), f.Limit, f.Offset, today)
	return rows, total, err
}

// selectsAll reports whether the filter selects nothing beyond "not voided".
func selectsAll(f data.IssueFilter) bool {
	return f.From.IsZero() && f.To.IsZero() && f.CommunityID == 0 && f.GridID == 0 && f.Source == "" &&
		f.Category == "" && len(f.Statuses) == 0 && f.Tier == "" && f.ResponsibleUnit == "" &&
		f.Deadline == data.DeadlineNone && f.Query == "" && !f.FollowUpDue && !f.ExtensionDue && f.DuplicateOf == 0
}

// countIssues counts the issues matching f. Without a status filter ("all but voided") it
// counts every status and takes away the voided ones: each count then reads an index alone
// (the filter's index, and the few voided issues), where "status <> 'voided'" would read
// every matching row of the table to look at its status.
func (db *DB) countIssues(ctx context.Context, f data.IssueFilter, today data.Date) (int, error) {
	// Words alone: the full-text index counts its matches without reading the issues (every
	// issue has its index row, nothing is ever deleted); only the few voided ones are read.
	if q := strings.TrimSpace(f.Query); q != "" && !looksLikeNumber(q) && bigramMatch(q) != "" {
		rest := f
		rest.Query, rest.Sort, rest.Desc, rest.Offset, rest.Limit = "", "", false, 0, 0
		if selectsAll(rest) {
			var n, v int
			m := bigramMatch(q)
			mc, ma := ftsMatch(db.pg, "issues_fts", m)
			if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues_fts WHERE "+mc, ma...).Scan(&n); err != nil {
				return 0, err
			}
			fc, fa := ftsIDs(db.pg, "i.id", "issues_fts", m)
			if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM issues i WHERE i.status = 'voided' AND `+fc, fa...).Scan(&v); err != nil {
				return 0, err
			}
			// A 12345 工单编号 the words do not match (one row at most, through its index).
			var h int
			if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM issues i WHERE i.hotline_order = ? AND i.status <> 'voided' AND NOT `+
				fc, append([]any{q}, fa...)...).Scan(&h); err != nil {
				return 0, err
			}
			return n - v + h, nil
		}
	}
	where, args := issueWhere(f, today, db.pg)
	if len(f.Statuses) > 0 || f.Deadline != data.DeadlineNone || f.FollowUpDue || f.ExtensionDue {
		var n int
		err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+where, args...).Scan(&n)
		return n, err
	}
	all := strings.Replace(where, sqlNotVoided, "1 = 1", 1)
	voided, vargs := issueWhereCols(f, today, unindexedCol(db.pg, "i."), db.pg)
	voided = strings.Replace(voided, sqlNotVoided, "i.status = 'voided'", 1)
	var n, v int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+all, args...).Scan(&n); err != nil {
		return 0, err
	}
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM issues i"+voided, vargs...).Scan(&v); err != nil {
		return 0, err
	}
	return n - v, nil
}

func issueOrder(f data.IssueFilter) string {
	format, ok := issueSorts[f.Sort]
	if !ok {
		return "i.found_on DESC, i.id DESC"
	}
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	order := fmt.Sprintf(format, dir)
	if f.Sort != "found_on" {
		order += ", i.found_on" + dir
	}
	return order + ", i.id" + dir
}

func (db *DB) listIssues(ctx context.Context, where string, args []any, order string, limit, offset int, today data.Date) ([]data.IssueRow, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+issueCols+issueFrom+where+" ORDER BY "+orderBy(db.pg, order, "")+" LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.IssueRow
	for rows.Next() {
		r, err := scanIssue(rows, today)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DuplicateWindow is how many days apart two issues of the same place and category may have
// been found to be pointed out as likely duplicates.
const DuplicateWindow = 7

// LikelyDuplicates lists the issues that may be the one being entered: not voided, of the same
// category, at the same place (the same grid, or the same address), found within
// DuplicateWindow days of foundOn (before or after, since a batch may be entered late). With
// neither a grid nor an address there is no place to compare and the list is empty.
func (db *DB) LikelyDuplicates(ctx context.Context, communityID, gridID int64, address, category string, foundOn data.Date) ([]data.IssueRow, error) {
	address = strings.TrimSpace(address)
	if (gridID == 0 && address == "") || strings.TrimSpace(category) == "" || foundOn.IsZero() {
		return nil, nil
	}
	where := " WHERE " + sqlNotVoided + " AND i.category = ? AND i.found_on >= ? AND i.found_on <= ?"
	args := []any{strings.TrimSpace(category), foundOn.AddDays(-DuplicateWindow), foundOn.AddDays(DuplicateWindow)}
	var place []string
	if gridID != 0 {
		place = append(place, "i.grid_id = ?")
		args = append(args, gridID)
	}
	if address != "" {
		place = append(place, "i.address = ?")
		args = append(args, address)
	}
	where += " AND (" + strings.Join(place, " OR ") + ")"
	if communityID != 0 {
		where += " AND i.community_id = ?"
		args = append(args, communityID)
	}
	return db.listIssues(ctx, where, args, "i.found_on DESC, i.id DESC", 20, 0, db.today())
}

// Dashboard counts the work waiting today and computes this quarter's figures.
func (db *DB) Dashboard(ctx context.Context) (data.DashboardCounts, error) {
	today := db.today()
	d := data.DashboardCounts{Today: today}
	count := func(f data.IssueFilter) (int, error) { return db.countIssues(ctx, f, today) }
	for _, c := range []struct {
		n *int
		f data.IssueFilter
	}{
		{&d.Overdue, data.IssueFilter{Deadline: data.DeadlineOverdue}},
		{&d.DueSoon, data.IssueFilter{Deadline: data.DeadlineDueSoon}},
		{&d.PendingReview, data.IssueFilter{Statuses: []data.IssueStatus{data.IssuePendingReview}}},
		{&d.PendingFollowUp, data.IssueFilter{FollowUpDue: true}},
		{&d.PendingExtension, data.IssueFilter{ExtensionDue: true}},
	} {
		n, err := count(c.f)
		if err != nil {
			return d, err
		}
		*c.n = n
	}
	d.QuarterFrom = data.QuarterStart(today)
	facts, err := db.IssueFacts(ctx, d.QuarterFrom, today, 0)
	if err != nil {
		return d, err
	}
	d.Quarter = data.ComputeIssueFigures(facts, d.QuarterFrom, today, today)
	return d, nil
}

// ---- resident timeline ----

// issueTimeline lists the issues that name a resident, for the resident's timeline.
func issueTimeline(ctx context.Context, db *sql.DB, residentID int64) ([]data.TimelineEntry, error) {
	rows, err := db.QueryContext(ctx, `SELECT i.number, i.found_on, i.category, i.description, i.status
		FROM issue_residents r JOIN issues i ON i.id = r.issue_id WHERE r.resident_id = ? ORDER BY i.found_on DESC, i.id DESC`, residentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TimelineEntry
	for rows.Next() {
		var number, category, desc, status string
		var found data.Date
		if err := rows.Scan(&number, &found, &category, &desc, &status); err != nil {
			return nil, err
		}
		if utf8.RuneCountInString(desc) > 30 {
			desc = string([]rune(desc)[:30]) + "…"
		}
		out = append(out, data.TimelineEntry{Date: found.In(data.OfficeZone), Kind: "问题", Ref: number,
			Title: fmt.Sprintf("%s：%s（%s）", category, desc, data.IssueStatus(status))})
	}
	return out, rows.Err()
}
