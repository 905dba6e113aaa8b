package sqlite

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"taizhang/data"
)

// The roster's reading side: the 救助对象 list, a case's page, the monthly 发放花名册, the
// summary by programme and community and the figures of `stats`. The cases are few (hundreds
// to a few thousand) and read whole; filters, totals and sorting are worked in Go with the
// same data.AidCase methods that check and the form use.

// AidList is a page of the list with the totals of everything the filter matched.
type AidList struct {
	Rows  []data.AidRow
	Total int
	// Paid are the households, persons and amount paid in the month among the matched cases.
	Paid data.AidTotals
}

// aidPerson is what the roster shows of a case's person: no ID number (the case page and the
// 花名册 read it through Resident, masked).
type aidPerson struct {
	name          string
	communityID   int64
	communityName string
}

func aidPeople(ctx context.Context, q docQuerier) (map[int64]aidPerson, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.name, r.community_id, COALESCE(c.name, '') FROM residents r
		LEFT JOIN communities c ON c.id = r.community_id
		WHERE r.id IN (SELECT resident_id FROM documents WHERE kind = 'decision' AND resident_id IS NOT NULL)
		OR r.id IN (SELECT resident_id FROM paper_documents WHERE kind = 'decision' AND resident_id IS NOT NULL)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]aidPerson{}
	for rows.Next() {
		var id int64
		var p aidPerson
		if err := rows.Scan(&id, &p.name, &p.communityID, &p.communityName); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// aidRows reads every case as a row for month m, before filtering.
func (db *DB) aidRows(ctx context.Context, m data.Month) ([]data.AidRow, error) {
	cases, err := allAidCases(ctx, db.db)
	if err != nil {
		return nil, err
	}
	people, err := aidPeople(ctx, db.db)
	if err != nil {
		return nil, err
	}
	rules, err := db.AidReviewRules(ctx)
	if err != nil {
		return nil, err
	}
	last, err := lastReviews(ctx, db.db)
	if err != nil {
		return nil, err
	}
	out := make([]data.AidRow, 0, len(cases))
	for _, c := range cases {
		p := people[c.ResidentID]
		r := data.AidRow{CaseID: c.ID, ResidentID: c.ResidentID, Name: p.name, CommunityID: p.communityID, CommunityName: p.communityName,
			Programme: c.Programme, Status: c.StatusIn(m), Start: c.Start, End: c.End, GrantNumber: c.GrantNumber, Case: c.AidCase}
		per, ok := c.In(m)
		if !ok {
			per = c.Latest()
		}
		r.Persons, r.Amount, r.LastNumber = per.Persons, per.Amount, per.DocNumber
		reviewState(&r, last, rules)
		out = append(out, r)
	}
	return out, nil
}

// AidRoster returns the cases matching f, a page of them, and what was paid in the month
// among all those matched.
func (db *DB) AidRoster(ctx context.Context, f data.AidFilter) (AidList, error) {
	var l AidList
	if f.Month == 0 {
		f.Month = data.MonthOf(data.Today(db.Now()))
	}
	all, err := db.aidRows(ctx, f.Month)
	if err != nil {
		return l, err
	}
	if f.Status == data.AidDue && f.Sort == "" {
		f.Sort = "due" // the longest overdue first
	}
	var rows []data.AidRow
	for _, r := range all {
		if f.Matches(r) {
			rows = append(rows, r)
			l.Paid.Add(r.Case, f.Month, f.Month)
		}
	}
	slices.SortStableFunc(rows, func(a, b data.AidRow) int {
		var c int
		switch f.Sort {
		case "name":
			c = cmp.Compare(a.Name, b.Name)
		case "community":
			c = cmp.Compare(a.CommunityName, b.CommunityName)
		case "programme":
			c = cmp.Compare(a.Programme, b.Programme)
		case "amount":
			c = cmp.Compare(a.Amount, b.Amount)
		case "start":
			c = cmp.Compare(a.Start, b.Start)
		case "due":
			c = a.Due.Compare(b.Due)
		}
		if f.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.CommunityName, b.CommunityName), cmp.Compare(a.Name, b.Name), cmp.Compare(a.CaseID, b.CaseID))
	})
	l.Total = len(rows)
	if f.Offset > 0 {
		rows = rows[min(f.Offset, len(rows)):]
	}
	if f.Limit > 0 && len(rows) > f.Limit {
		rows = rows[:f.Limit]
	}
	l.Rows = rows
	return l, nil
}

// AidCase returns the page of case id as it stands in month m (0: this month).
func (db *DB) AidCase(ctx context.Context, id int64, m data.Month) (data.AidCaseView, error) {
	var v data.AidCaseView
	if m == 0 {
		m = data.MonthOf(data.Today(db.Now()))
	}
	rows, err := db.aidRows(ctx, m)
	if err != nil {
		return v, err
	}
	found := false
	for _, r := range rows {
		if r.CaseID == id {
			v.AidRow, found = r, true
			break
		}
	}
	if !found {
		return v, data.NotFound("救助对象台账中没有第 %d 条记录（可能已因决定书作废或更正而撤销），请刷新列表", id)
	}
	res, err := db.Resident(ctx, v.ResidentID)
	if err != nil {
		return v, err
	}
	v.IDNumber, v.Address = data.MaskIDNumber(res.IDNumber), res.Address
	all, err := aidDecisions(ctx, db.db, "d.resident_id = ? AND d.programme = ?", v.ResidentID, string(v.Programme))
	if err != nil {
		return v, err
	}
	paper, err := subjectPaper(ctx, db.db, v.ResidentID, v.Programme)
	if err != nil {
		return v, err
	}
	all = append(all, paper...)
	counting := map[int64]bool{}
	for _, d := range data.EffectiveAidDecisions(all) {
		counting[d.DocID] = true
	}
	_, strays := data.DeriveAid(data.EffectiveAidDecisions(all))
	stray := map[int64]bool{}
	for _, s := range strays {
		stray[s.DocID] = true
	}
	for _, d := range all {
		e := data.AidTimelineEntry{AidDecision: d, Counts: counting[d.DocID] && !stray[d.DocID]}
		switch {
		case d.Voided:
			e.Why = "已作废"
		case !counting[d.DocID]:
			e.Why = "已被更正"
		case stray[d.DocID]:
			e.Why = "无在保记录，未计入"
		}
		v.Timeline = append(v.Timeline, e)
	}
	slices.SortStableFunc(v.Timeline, func(a, b data.AidTimelineEntry) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.DocID, b.DocID))
	})
	return v, nil
}

// AidPayroll returns who is paid in month m under programme p ("" for all) in a community
// (0 for all), by community and name, with the totals. ID numbers are masked.
func (db *DB) AidPayroll(ctx context.Context, m data.Month, p data.Programme, community int64) ([]data.AidPayRow, data.AidTotals, error) {
	var tot data.AidTotals
	l, err := db.AidRoster(ctx, data.AidFilter{Month: m, Programme: p, CommunityID: community})
	if err != nil {
		return nil, tot, err
	}
	var out []data.AidPayRow
	for _, r := range l.Rows {
		per, ok := r.Case.In(m)
		if !ok {
			continue
		}
		res, err := db.Resident(ctx, r.ResidentID)
		if err != nil {
			return nil, tot, err
		}
		row := data.AidPayRow{Name: r.Name, IDNumber: data.MaskIDNumber(res.IDNumber), CommunityName: r.CommunityName, Programme: r.Programme,
			Persons: per.Persons, Amount: per.Amount}
		switch {
		case r.Programme.OneOff():
			row.Note = "一次性救助（" + per.DocNumber + "）"
		case r.Start == m:
			row.Note = "本月新增（" + per.DocNumber + "）"
		case per.From == m:
			row.Note = "本月起" + per.Outcome.String() + "（" + per.DocNumber + "）"
		}
		if r.Case.End == m+1 && !r.Programme.OneOff() {
			row.Note = strings.TrimPrefix(row.Note+"；", "；") + "下月起停发（" + r.Case.EndNumber + "）"
		}
		out = append(out, row)
		tot.Add(r.Case, m, m)
	}
	return out, tot, nil
}

// AidSummary returns, for months from..to, the households, persons and amount paid by
// programme and community, each programme followed by its total, and the grand total.
func (db *DB) AidSummary(ctx context.Context, from, to data.Month, community int64) ([]data.AidSummaryRow, data.AidTotals, error) {
	var grand data.AidTotals
	rows, err := db.aidRows(ctx, to)
	if err != nil {
		return nil, grand, err
	}
	type key struct {
		p data.Programme
		c string
	}
	cells := map[key]*data.AidTotals{}
	var keys []key
	for _, r := range rows {
		if community != 0 && r.CommunityID != community {
			continue
		}
		for _, k := range []key{{r.Programme, r.CommunityName}, {r.Programme, "\x00"}} {
			t, ok := cells[k]
			if !ok {
				t = &data.AidTotals{}
				cells[k] = t
				keys = append(keys, k)
			}
			t.Add(r.Case, from, to)
		}
		grand.Add(r.Case, from, to)
	}
	order := func(p data.Programme) int {
		if i := slices.Index(data.DefaultProgrammes, p); i >= 0 {
			return i
		}
		return len(data.DefaultProgrammes)
	}
	slices.SortFunc(keys, func(a, b key) int {
		// Each programme's communities, then its total ("\x00" sorts first, so it is flipped).
		ta, tb := a.c == "\x00", b.c == "\x00"
		c := cmp.Or(cmp.Compare(order(a.p), order(b.p)), cmp.Compare(a.p, b.p))
		if c != 0 {
			return c
		}
		if ta != tb {
			if ta {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.c, b.c)
	})
	var out []data.AidSummaryRow
	for _, k := range keys {
		t := *cells[k]
		if t.Households == 0 {
			continue
		}
		name := k.c
		if name == "\x00" {
			name = ""
		}
		out = append(out, data.AidSummaryRow{Programme: k.p, CommunityName: name, AidTotals: t})
	}
	return out, grand, nil
}

// AidStats returns the figures of each programme paid in months from..to (see the README's
// 救助对象口径).
func (db *DB) AidStats(ctx context.Context, from, to data.Month, community int64) (map[string]data.AidFigures, error) {
	rows, _, err := db.AidSummary(ctx, from, to, community)
	if err != nil {
		return nil, err
	}
	out := map[string]data.AidFigures{}
	for _, p := range data.DefaultProgrammes {
		out[string(p)] = data.AidFigures{}
	}
	for _, r := range rows {
		if r.CommunityName == "" {
			out[string(r.Programme)] = data.AidFigures{Households: r.Households, Persons: r.Persons, Amount: data.Amount(r.Amount)}
		}
	}
	return out, nil
}
