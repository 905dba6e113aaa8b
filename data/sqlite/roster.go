package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"taizhang/data"
)

// ImportResidents reads a resident roster (rows as a spreadsheet reader gives them, title
// rows and all) and adds every resident in one transaction. Every row is checked first — ID
// number, duplicates within the file and against the database, community and grid, name,
// phone, dates — and if any row is bad nothing is written: the report lists each problem
// (第 N 行 · 列名 · 问题 · 原值) and the error is ErrInvalid with a Chinese summary. A dry run
// checks without writing or taking the writer's lock.
func (db *DB) ImportResidents(ctx context.Context, rows []data.SheetRow, dryRun bool) (data.ImportReport, error) {
	return db.ImportResidentsProgress(ctx, rows, dryRun, nil)
}

// ImportResidentsProgress is ImportResidents reporting progress(done, total) while it
// writes, for a progress bar. Cancelling ctx rolls the whole import back.
func (db *DB) ImportResidentsProgress(ctx context.Context, rows []data.SheetRow, dryRun bool, progress func(done, total int)) (data.ImportReport, error) {
	rep := data.ImportReport{DryRun: dryRun}
	if err := requireUser(data.UserFromContext(ctx), data.ActEditResidents); err != nil {
		return rep, err
	}
	now := db.now()
	roster := data.ParseRoster(rows, now)
	rep.Rows = len(roster.Entries)
	for _, h := range roster.Headers {
		rep.Ignored = append(rep.Ignored, h.Ignored...)
	}
	if dryRun {
		plan, probs, err := db.planImport(ctx, db.db, roster)
		if err != nil {
			return rep, err
		}
		return finishReport(rep, roster, plan, probs)
	}
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActEditResidents); err != nil {
			return err
		}
		plan, probs, err := db.planImport(ctx, tx.Tx, roster)
		if err != nil {
			return err
		}
		if rep, err = finishReport(rep, roster, plan, probs); err != nil {
			return err
		}
		return tx.insertImport(plan, progress)
	})
	return rep, err
}

// finishReport fills the counts and turns problems into the summary error.
func finishReport(rep data.ImportReport, roster data.Roster, plan importPlan, probs []data.RosterProblem) (data.ImportReport, error) {
	rep.Problems = append(append([]data.RosterProblem(nil), roster.Problems...), probs...)
	sortProblems(rep.Problems, roster.Headers)
	if len(rep.Problems) > 0 {
		return rep, importError(rep)
	}
	if len(plan.residents) == 0 {
		return rep, data.Invalid("file", "文件中没有居民数据：表头下面没有任何一行")
	}
	rep.Residents, rep.Households = len(plan.residents), len(plan.households)
	return rep, nil
}

// importError is the one-sentence summary of a refused import.
func importError(rep data.ImportReport) error {
	masked, registered := 0, 0
	for _, p := range rep.Problems {
		if strings.Contains(p.Problem, "已打码") {
			masked++
		}
		if strings.HasPrefix(p.Problem, "身份证号已登记") {
			registered++
		}
	}
	if registered > 0 && registered == len(rep.Problems) && registered == rep.Rows {
		return data.Conflict("文件中的 %d 人都已登记，无需再次导入", registered)
	}
	if masked > 0 && masked == len(rep.Problems) {
		return data.Invalid("file", "这是打码导出的文件：身份证号已打码，无法导入。请使用导出时选择“显示完整证件号码”的文件，未导入任何居民")
	}
	if len(rep.Problems) == 1 && rep.Problems[0].Line == 0 {
		return data.Invalid("file", "%s，未导入任何居民", rep.Problems[0].Problem)
	}
	return data.Invalid("file", "有 %d 行数据有误（共 %d 个问题），未导入任何居民。请改正后重新导入", rep.BadRows(), len(rep.Problems))
}

// sortProblems orders problems by sheet (in file order), row, then column position.
func sortProblems(ps []data.RosterProblem, headers []data.RosterHeader) {
	sheetOrder := map[string]int{}
	colOrder := map[string]int{}
	for i, h := range headers {
		sheetOrder[h.Sheet] = i
		for f, c := range h.Columns {
			colOrder[h.Sheet+"\x00"+h.Titles[f]] = c
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Sheet != b.Sheet {
			return sheetOrder[a.Sheet] < sheetOrder[b.Sheet]
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return colOrder[a.Sheet+"\x00"+a.Column] < colOrder[b.Sheet+"\x00"+b.Column]
	})
}

// importPlan is a checked roster, ready to write.
type importPlan struct {
	residents  []data.Resident
	households [][]int // indexes into residents, head first
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// stringSet reads the one text column query returns into a set.
func stringSet(ctx context.Context, q querier, query string, args ...any) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		set[v] = true
	}
	return set, rows.Err()
}

// planImport resolves communities and grids, finds ID numbers already registered, and
// groups households. q is the pool for a dry run and the write transaction otherwise, so
// what is checked is what is written.
func (db *DB) planImport(ctx context.Context, q querier, roster data.Roster) (importPlan, []data.RosterProblem, error) {
	var plan importPlan
	var probs []data.RosterProblem
	if len(roster.Headers) == 0 {
		return plan, nil, nil
	}
	comms, grids, err := orgNames(ctx, q)
	if err != nil {
		return plan, nil, err
	}
	var commNames []string
	for _, c := range comms {
		commNames = append(commNames, c.Name)
	}
	k, err := db.needKey() // duplicates are found through the blind index
	if err != nil {
		return plan, nil, err
	}
	registered, err := registeredIDs(ctx, q, k, roster.Entries)
	if err != nil {
		return plan, nil, err
	}
	multiSheet := len(roster.Headers) > 1
	household := map[string]int{} // file key → index into plan.households
	for _, e := range roster.Entries {
		bad := func(f data.RosterField, value, format string, args ...any) {
			sheet := ""
			if multiSheet {
				sheet = e.Sheet
			}
			probs = append(probs, data.RosterProblem{Sheet: sheet, Line: e.Line, Column: columnTitle(e, f),
				Problem: fmt.Sprintf(format, args...), Value: value})
			e.Bad = true
		}
		r := e.Resident
		if reg, ok := registered[r.IDNumber]; ok && !e.Bad {
			bad(data.RosterIDNumber, r.IDNumber, "身份证号已登记：%s（%s，档案编号 %d），请勿重复导入", reg.name, reg.community, reg.id)
		}
		var comm *data.Community
		switch name := e.Community; {
		case name == "" && len(comms) == 1:
			comm = &comms[0]
		case name == "":
			bad(data.RosterCommunity, "", "未填写所属社区（现有社区：%s）", strings.Join(commNames, "、"))
		default:
			if comm = findCommunity(comms, name); comm == nil {
				bad(data.RosterCommunity, name, "没有这个社区（现有社区：%s）", strings.Join(commNames, "、"))
			}
		}
		if comm != nil {
			r.CommunityID, r.CommunityName = comm.ID, comm.Name
			if e.Grid != "" {
				var names []string
				for _, g := range grids[comm.ID] {
					if g.Name == e.Grid {
						r.GridID, r.GridName = g.ID, g.Name
					}
					names = append(names, g.Name)
				}
				if r.GridID == 0 {
					if len(names) == 0 {
						bad(data.RosterGrid, e.Grid, "%s还没有设置网格，请先在“设置”中添加，或清空这一格", comm.Name)
					} else {
						bad(data.RosterGrid, e.Grid, "%s没有这个网格（该社区的网格：%s）", comm.Name, strings.Join(names, "、"))
					}
				}
			}
		}
		if e.Bad {
			continue
		}
		if err := r.Normalize(db.now()); err != nil {
			// ParseRosterRow checked the same rules; this is a safety net, not a path.
			bad(data.RosterField(""), "", "%s", data.Message(err))
			continue
		}
		i := len(plan.residents)
		plan.residents = append(plan.residents, r)
		if key := e.HouseholdKey(); key != "" {
			h, ok := household[key]
			if !ok {
				h = len(plan.households)
				household[key] = h
				plan.households = append(plan.households, nil)
			}
			if r.Relation == "户主" {
				plan.households[h] = append([]int{i}, plan.households[h]...)
			} else {
				plan.households[h] = append(plan.households[h], i)
			}
		}
	}
	return plan, probs, nil
}

func columnTitle(e data.RosterEntry, f data.RosterField) string {
	if t := e.Titles[f]; t != "" {
		return t
	}
	if f == "" {
		return ""
	}
	return data.RosterTitle(f)
}

// findCommunity matches a community by name, also when one side writes 社区 or 村 and the
// other does not (古城 / 古城社区).
func findCommunity(cs []data.Community, name string) *data.Community {
	for i := range cs {
		if cs[i].Name == name {
			return &cs[i]
		}
	}
	short := func(s string) string {
		for _, suf := range []string{"社区居委会", "村委会", "居委会", "社区", "村"} {
			if t := strings.TrimSuffix(s, suf); t != s && t != "" {
				return t
			}
		}
		return s
	}
	var found *data.Community
	for i := range cs {
		if short(cs[i].Name) == short(name) {
			if found != nil {
				return nil // ambiguous
			}
			found = &cs[i]
		}
	}
	return found
}

// orgNames reads the live communities and their grids.
func orgNames(ctx context.Context, q querier) ([]data.Community, map[int64][]data.Grid, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, sort FROM communities WHERE voided = 0 ORDER BY sort, id")
	if err != nil {
		return nil, nil, err
	}
	var cs []data.Community
	for rows.Next() {
		var c data.Community
		if err := rows.Scan(&c.ID, &c.Name, &c.Sort); err != nil {
			rows.Close()
			return nil, nil, err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = q.QueryContext(ctx, "SELECT id, community_id, name FROM grids WHERE voided = 0 ORDER BY sort, id")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	gs := map[int64][]data.Grid{}
	for rows.Next() {
		var g data.Grid
		if err := rows.Scan(&g.ID, &g.CommunityID, &g.Name); err != nil {
			return nil, nil, err
		}
		gs[g.CommunityID] = append(gs[g.CommunityID], g)
	}
	return cs, gs, rows.Err()
}

type registeredResident struct {
	id              int64
	name, community string
}

// registeredIDs finds which of the entries' ID numbers a live resident already has, 500 to
// a query.
func registeredIDs(ctx context.Context, q querier, k *dataKey, es []data.RosterEntry) (map[string]registeredResident, error) {
	out := map[string]registeredResident{}
	byIndex := map[string]string{} // blind index → the number as the roster gives it
	var ids []any
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		rows, err := q.QueryContext(ctx, `SELECT r.id, r.name, r.id_index, COALESCE(c.name, '') FROM residents r
			LEFT JOIN communities c ON c.id = r.community_id
			WHERE r.voided = 0 AND r.id_index IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r registeredResident
			var index string
			if err := rows.Scan(&r.id, &r.name, &index, &r.community); err != nil {
				return err
			}
			out[byIndex[index]] = r
		}
		ids = ids[:0]
		return rows.Err()
	}
	for _, e := range es {
		if e.Resident.IDNumber == "" {
			continue
		}
		index := k.blind("id", e.Resident.IDNumber)
		byIndex[index] = e.Resident.IDNumber
		ids = append(ids, index)
		if len(ids) == 500 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return out, flush()
}

// insertImport writes a checked plan inside tx: households, residents, their tags, and one
// audit entry per resident (action "import"), so each resident's history says where the
// record came from.
func (tx *Tx) insertImport(plan importPlan, progress func(done, total int)) error {
	ctx := tx.ctx
	rs := plan.residents
	hid := make([]int64, len(rs))
	hins, err := tx.PrepareContext(ctx, householdInsert)
	if err != nil {
		return err
	}
	defer hins.Close()
	now := ts(tx.now)
	for _, members := range plan.households {
		head := rs[members[0]]
		id, err := tx.insertHousehold(hins, head.CommunityID, head.Address, now)
		if err != nil {
			return err
		}
		for _, m := range members {
			hid[m] = id
		}
	}
	ri, err := tx.newResidentInserter()
	if err != nil {
		return err
	}
	defer ri.close()
	audit, err := tx.newAuditBatch()
	if err != nil {
		return err
	}
	defer audit.close()
	for i := range rs {
		if i%500 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(i, len(rs))
			}
		}
		r := &rs[i]
		r.HouseholdID = hid[i]
		if r.HouseholdID == 0 {
			r.Relation = "" // a relation means nothing outside a household
		}
		r.CreatedAt, r.UpdatedAt = tx.now, tx.now
		id, stored, err := ri.insert(r, now)
		if err != nil {
			return err
		}
		r.ID = id
		if err := audit.add("import", "residents", r.ID, nil, auditResident(stored)); err != nil {
			return err
		}
	}
	if err := ri.finish(); err != nil {
		return err
	}
	if progress != nil {
		progress(len(rs), len(rs))
	}
	return audit.finish()
}

// exportPage is how many residents ExportResidents reads per ListResidents page.
const exportPage = 2000

// ExportResidents hands each live resident matching f (its paging ignored) to each, in the
// order of a printed roster: by community, a household's members together with the 户主
// first, then by record number. Unless full, ID and phone numbers are masked here, before
// they leave the store; full values need a user whose role may unmask (data.ActUnmask).
// It returns the number of residents handed over.
func (db *DB) ExportResidents(ctx context.Context, f data.ResidentFilter, full bool, each func(data.Resident) error) (int, error) {
	if full {
		if err := requireUser(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	f.Offset, f.Limit, f.Sort, f.Desc, f.WithVoided = 0, exportPage, "", false, false
	var all []data.Resident
	for {
		page, total, err := db.ListResidents(ctx, f)
		if err != nil {
			return 0, err
		}
		if all == nil {
			all = make([]data.Resident, 0, total)
		}
		all = append(all, page...)
		if len(page) < exportPage {
			break
		}
		f.Offset += exportPage
	}
	// A household sorts where its first member (by record number) would.
	first := map[int64]int64{}
	for _, r := range all {
		if r.HouseholdID != 0 {
			if _, ok := first[r.HouseholdID]; !ok {
				first[r.HouseholdID] = r.ID
			}
		}
	}
	key := func(r data.Resident) int64 {
		if r.HouseholdID != 0 {
			return first[r.HouseholdID]
		}
		return r.ID
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.CommunityID != b.CommunityID {
			return a.CommunityID < b.CommunityID
		}
		if ka, kb := key(a), key(b); ka != kb {
			return ka < kb
		}
		if (a.Relation == "户主") != (b.Relation == "户主") {
			return a.Relation == "户主"
		}
		return a.ID < b.ID
	})
	for i, r := range all {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		if !full {
			r.IDNumber, r.Phone = data.MaskIDNumber(r.IDNumber), data.MaskPhone(r.Phone)
		}
		if err := each(r); err != nil {
			return i, err
		}
	}
	return len(all), nil
}
