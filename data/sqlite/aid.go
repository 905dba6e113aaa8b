package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"taizhang/data"
)

// 救助对象台账: the store keeps aid_cases and aid_periods (migration 0015) equal to what
// data.DeriveAid makes of the decisions that count, in the transaction that signs or voids a
// decision. check derives the whole roster again and compares (aidProblems).

const keyAidBuilt = "aid_roster_built"

// aidDecisionCols reads a decision for the roster; its amounts and months are in the content.
const aidDecisionCols = `d.id, COALESCE(d.doc_number, ''), COALESCE(d.resident_id, 0), d.programme, d.outcome, d.status,
	COALESCE(d.corrects_id, 0), COALESCE(d.signed_at, ''), b.content`

// aidDecisions reads the signed and voided decisions with a resident that match where.
func aidDecisions(ctx context.Context, q docQuerier, where string, args ...any) ([]data.AidDecision, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+aidDecisionCols+` FROM documents d JOIN document_bodies b ON b.document_id = d.id
		WHERE d.kind = 'decision' AND d.status IN ('signed', 'voided') AND d.resident_id IS NOT NULL AND `+where+` ORDER BY d.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AidDecision
	for rows.Next() {
		var id, resident, corrects int64
		var number, programme, outcome, status, signed, content string
		if err := rows.Scan(&id, &number, &resident, &programme, &outcome, &status, &corrects, &signed, &content); err != nil {
			return nil, err
		}
		var d data.Decision
		if err := json.Unmarshal([]byte(content), &d); err != nil {
			return nil, fmt.Errorf("decision %d: %w", id, err)
		}
		// The row's columns are what the list and the freeze trigger keep; the content agrees.
		d.Programme, d.Outcome, d.DocNumber = data.Programme(programme), data.Outcome(outcome), number
		a := data.AidDecisionOf(id, resident, d)
		a.Voided, a.CorrectsID = status == string(data.DocVoided), corrects
		if signed != "" {
			a.SignedAt = parseTS(signed)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// paperAidDecisions reads the decisions of the imported paper register matching where (on
// paper_documents p) that say enough for the roster (data.AidDecisionOfPaper).
func paperAidDecisions(ctx context.Context, q docQuerier, where string, args ...any) ([]data.AidDecision, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.doc_number, p.programme, p.outcome, p.signed_on, COALESCE(p.resident_id, 0), p.amount
		FROM paper_documents p WHERE p.kind = 'decision' AND p.resident_id IS NOT NULL AND `+where+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AidDecision
	for rows.Next() {
		d := data.PaperDocument{Kind: data.DocDecision}
		var programme, outcome, signed string
		var amount sql.NullInt64
		if err := rows.Scan(&d.ID, &d.DocNumber, &programme, &outcome, &signed, &d.ResidentID, &amount); err != nil {
			return nil, err
		}
		d.Programme, d.Outcome = data.Programme(programme), data.Outcome(outcome)
		d.SignedOn, _ = data.ParseDate(signed)
		d.Amount, d.HasAmount = data.Fen(amount.Int64), amount.Valid
		if a, ok := data.AidDecisionOfPaper(d); ok {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// allAidDecisions reads every signed, voided and paper decision, for a whole derivation.
func allAidDecisions(ctx context.Context, q docQuerier) ([]data.AidDecision, error) {
	ds, err := aidDecisions(ctx, q, "1 = 1")
	if err != nil {
		return nil, err
	}
	paper, err := paperAidDecisions(ctx, q, "1 = 1")
	return append(ds, paper...), err
}

// subjectDecisions returns the decisions of a resident's programme that count, excluding the
// ids in skip: those of the subject, with the corrections (of any subject) that replace them.
func subjectDecisions(ctx context.Context, q docQuerier, resident int64, p data.Programme, skip ...int64) ([]data.AidDecision, error) {
	ds, err := aidDecisions(ctx, q, "d.resident_id = ? AND d.programme = ?", resident, string(p))
	if err != nil {
		return nil, err
	}
	paper, err := subjectPaper(ctx, q, resident, p)
	if err != nil {
		return nil, err
	}
	var fixes []data.AidDecision
	if len(ds) > 0 {
		ids := make([]any, len(ds))
		for i, d := range ds {
			ids[i] = d.DocID
		}
		// Corrections of the subject's decisions made under another resident or programme
		// (those of the subject itself are in ds already). Their ids first, on the index of
		// corrections alone: joined with the rest of the conditions, SQLite without statistics
		// scanned every decision for each signing.
		fixIDs, err := idsWhere(ctx, q, "SELECT id FROM documents WHERE corrects_id IN ("+placeholders(len(ids))+")", ids...)
		if err != nil {
			return nil, err
		}
		if len(fixIDs) > 0 {
			fixes, err = aidDecisions(ctx, q, "d.id IN ("+placeholders(len(fixIDs))+") AND NOT (d.resident_id = ? AND d.programme = ?)",
				append(fixIDs, resident, string(p))...)
			if err != nil {
				return nil, err
			}
		}
	}
	all := append(append(ds, paper...), fixes...)
	if len(all) == 0 {
		return nil, nil
	}
	var kept []data.AidDecision
	for _, d := range data.EffectiveAidDecisions(dropIDs(all, skip)) {
		if d.ResidentID == resident && d.Programme == p {
			kept = append(kept, d)
		}
	}
	return kept, nil
}

func dropIDs(ds []data.AidDecision, skip []int64) []data.AidDecision {
	if len(skip) == 0 {
		return ds
	}
	var out []data.AidDecision
	for _, d := range ds {
		drop := false
		for _, s := range skip {
			drop = drop || d.DocID == s
		}
		if !drop {
			out = append(out, d)
		}
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// storedAid reads the roster's current (not superseded) cases matching where, with their
// periods, in the order of their ids.
func storedAid(ctx context.Context, q docQuerier, where string, args ...any) ([]StoredAidCase, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.resident_id, a.programme, a.grant_id, a.grant_number, a.start_month, a.end_month,
		COALESCE(a.end_id, 0), a.end_number FROM aid_cases a WHERE a.superseded = 0 AND `+where+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []StoredAidCase
	index := map[int64]int{}
	for rows.Next() {
		var c StoredAidCase
		var programme, start, end string
		if err := rows.Scan(&c.ID, &c.ResidentID, &programme, &c.GrantID, &c.GrantNumber, &start, &end, &c.EndID, &c.EndNumber); err != nil {
			rows.Close()
			return nil, err
		}
		c.Programme = data.Programme(programme)
		c.Start, c.End = monthOf(start), monthOf(end)
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	// The periods of these cases: all of them when many cases were asked for.
	pq := `SELECT p.case_id, p.document_id, p.doc_number, p.outcome, p.from_month, p.to_month, p.amount, p.persons
		FROM aid_periods p WHERE p.superseded = 0`
	var pargs []any
	if len(out) <= 200 {
		pq += " AND p.case_id IN (" + placeholders(len(out)) + ")"
		for _, c := range out {
			pargs = append(pargs, c.ID)
		}
	}
	prows, err := q.QueryContext(ctx, pq+" ORDER BY p.case_id, p.from_month, p.id", pargs...)
	if err != nil {
		return nil, err
	}
	defer prows.Close()
	for prows.Next() {
		var caseID int64
		var p data.AidPeriod
		var outcome, from, to string
		if err := prows.Scan(&caseID, &p.DocID, &p.DocNumber, &outcome, &from, &to, &p.Amount, &p.Persons); err != nil {
			return nil, err
		}
		i, ok := index[caseID]
		if !ok {
			continue
		}
		p.Outcome, p.From, p.To = data.Outcome(outcome), monthOf(from), monthOf(to)
		out[i].Periods = append(out[i].Periods, p)
	}
	return out, prows.Err()
}

func monthOf(s string) data.Month {
	if s == "" {
		return 0
	}
	m, _ := data.ParseMonthKey(s)
	return m
}

// StoredAidCase is a case as the roster keeps it, with its id.
type StoredAidCase struct {
	ID int64
	data.AidCase
}

// aidChange is what syncAid changed, for the audit log.
type aidChange struct {
	action string // derive (new case), update, supersede
	caseID int64
	before map[string]any
	after  map[string]any
}

func aidAudit(c data.AidCase) map[string]any {
	last := c.Latest()
	m := map[string]any{"resident_id": c.ResidentID, "programme": c.Programme, "grant": c.GrantNumber,
		"start": c.Start.String(), "amount": last.Amount, "persons": last.Persons}
	if c.End != 0 {
		m["end"] = c.End.String()
		if c.EndNumber != "" {
			m["end_by"] = c.EndNumber
		}
	}
	return m
}

// syncAid makes the roster of one resident's programme what its decisions produce: cases are
// matched by the 给予 that started them, changed ones rewritten (their old periods kept as
// superseded), and cases whose 给予 no longer counts superseded.
func (tx *Tx) syncAid(resident int64, p data.Programme) ([]aidChange, error) {
	ds, err := subjectDecisions(tx.ctx, tx, resident, p)
	if err != nil {
		return nil, err
	}
	derived, _ := data.DeriveAid(ds)
	stored, err := storedAid(tx.ctx, tx, "a.resident_id = ? AND a.programme = ?", resident, string(p))
	if err != nil {
		return nil, err
	}
	byGrant := map[int64]StoredAidCase{}
	for _, s := range stored {
		byGrant[s.GrantID] = s
	}
	now := ts(tx.now)
	var changes []aidChange
	for _, c := range derived {
		s, ok := byGrant[c.GrantID]
		delete(byGrant, c.GrantID)
		if ok && s.Fingerprint() == c.Fingerprint() {
			continue
		}
		last := c.Latest()
		id := s.ID
		if ok {
			if _, err := tx.ExecContext(tx.ctx, `UPDATE aid_cases SET start_month = ?, end_month = ?, end_id = ?, end_number = ?,
				amount = ?, persons = ?, updated_at = ? WHERE id = ?`, c.Start.String(), c.End.String(), nullID(c.EndID), c.EndNumber,
				last.Amount, last.Persons, now, id); err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE aid_periods SET superseded = 1 WHERE case_id = ? AND superseded = 0", id); err != nil {
				return nil, err
			}
			changes = append(changes, aidChange{"update", id, aidAudit(s.AidCase), aidAudit(c)})
		} else {
			if err := tx.QueryRowContext(tx.ctx, `INSERT INTO aid_cases (resident_id, programme, grant_id, grant_number, start_month, end_month,
				end_id, end_number, amount, persons, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				c.ResidentID, string(c.Programme), c.GrantID, c.GrantNumber, c.Start.String(), c.End.String(), nullID(c.EndID), c.EndNumber,
				last.Amount, last.Persons, now, now).Scan(&id); err != nil {
				return nil, err
			}
			changes = append(changes, aidChange{"derive", id, nil, aidAudit(c)})
		}
		for _, pd := range c.Periods {
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO aid_periods (case_id, document_id, doc_number, outcome, from_month, to_month,
				amount, persons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, pd.DocID, pd.DocNumber, string(pd.Outcome), pd.From.String(),
				pd.To.String(), pd.Amount, pd.Persons); err != nil {
				return nil, err
			}
		}
	}
	gone := make([]StoredAidCase, 0, len(byGrant))
	for _, s := range byGrant {
		gone = append(gone, s)
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i].ID < gone[j].ID })
	for _, s := range gone {
		if _, err := tx.ExecContext(tx.ctx, "UPDATE aid_cases SET superseded = 1, updated_at = ? WHERE id = ?", now, s.ID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE aid_periods SET superseded = 1 WHERE case_id = ?", s.ID); err != nil {
			return nil, err
		}
		changes = append(changes, aidChange{"supersede", s.ID, aidAudit(s.AidCase), map[string]any{"superseded": true}})
	}
	return changes, nil
}

// aidAfter brings the roster in step after decision id was signed or voided: its own
// subject, and the subject of the decision it corrects when that is another. Each change is
// audited.
func (tx *Tx) aidAfter(id int64) error {
	changes, err := tx.aidChangesAfter(id)
	if err != nil {
		return err
	}
	for _, c := range changes {
		if err := tx.Audit(c.action, "aid_cases", c.caseID, c.before, c.after); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) aidChangesAfter(id int64) ([]aidChange, error) {
	type subject struct {
		resident  int64
		programme string
	}
	// Two look-ups by key: "id = ? OR id = (subquery)" would scan the documents.
	var subjects []subject
	for next := id; next != 0; {
		var s subject
		var resident sql.NullInt64
		var corrects int64
		err := tx.QueryRowContext(tx.ctx, `SELECT resident_id, programme, COALESCE(corrects_id, 0) FROM documents
			WHERE id = ? AND kind = 'decision'`, next).Scan(&resident, &s.programme, &corrects)
		if isNoRows(err) {
			break
		}
		if err != nil {
			return nil, err
		}
		if s.resident = resident.Int64; resident.Valid && (len(subjects) == 0 || subjects[0] != s) {
			subjects = append(subjects, s)
		}
		if next == id {
			next = corrects // the decision it corrects, once
		} else {
			next = 0
		}
	}
	var all []aidChange
	for _, s := range subjects {
		ch, err := tx.syncAid(s.resident, data.Programme(s.programme))
		if err != nil {
			return nil, fmt.Errorf("aid roster: %w", err)
		}
		all = append(all, ch...)
	}
	return all, nil
}

// checkAid refuses to sign decision d (document id, correcting correctsID) when the roster
// cannot take it (data.CheckAidDecision): the subject's cases are derived from its other
// decisions that count, without the one d corrects.
func (tx *Tx) checkAid(id, resident, correctsID int64, d data.Decision) error {
	if resident == 0 {
		return nil
	}
	a := data.AidDecisionOf(id, resident, d)
	switch a.Outcome {
	case data.OutcomeIncrease, data.OutcomeDecrease, data.OutcomeStop:
	default:
		return nil
	}
	ds, err := subjectDecisions(tx.ctx, tx, resident, d.Programme, id, correctsID)
	if err != nil {
		return err
	}
	if a.Date.IsZero() {
		a.Date = data.Today(tx.now) // dated when signed
	}
	// Being signed now, it comes after every decision of its month and date already signed.
	a.SignedAt = tx.now.Add(time.Nanosecond) // after what was signed this very second too
	if a.DocID == 0 {
		a.DocID = math.MaxInt64 // a bulk letter not yet inserted
	}
	cases, _ := data.DeriveAid(data.AidBefore(ds, a))
	return data.CheckAidDecision(cases, a)
}

// AidInForce returns the case period decision id found in force when it took effect: what
// its 原金额 must be (false when nothing was running).
func (db *DB) AidInForce(ctx context.Context, id int64) (data.AidPeriod, bool, error) {
	all, err := aidDecisions(ctx, db.db, "d.id = ?", id)
	if err != nil || len(all) == 0 {
		return data.AidPeriod{}, false, err
	}
	x := all[0]
	ds, err := subjectDecisions(ctx, db.db, x.ResidentID, x.Programme, id)
	if err != nil {
		return data.AidPeriod{}, false, err
	}
	cases, _ := data.DeriveAid(data.AidBefore(ds, x))
	c, ok := data.RunningCase(cases, x.Programme, x.Month)
	if !ok {
		return data.AidPeriod{}, false, nil
	}
	p, ok := c.In(x.Month)
	return p, ok, nil
}

// AidSubject returns a resident's cases of a programme as the decisions that count make them
// (the form's 原金额 and current case), without the decision skip (the draft being corrected).
func (db *DB) AidSubject(ctx context.Context, resident int64, p data.Programme, skip int64) ([]data.AidCase, error) {
	if resident == 0 || p == "" {
		return nil, nil
	}
	ds, err := subjectDecisions(ctx, db.db, resident, p, skip)
	if err != nil {
		return nil, err
	}
	cases, _ := data.DeriveAid(ds)
	return cases, nil
}

// ensureAidRoster derives the roster of an office that signed decisions before the roster
// existed, once, when the database is opened for writing.
func (db *DB) ensureAidRoster(ctx context.Context) error {
	built, err := aidBuilt(ctx, db.db)
	if err != nil || built {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		// Again under the write lock: another PC may have built it meanwhile.
		if built, err := aidBuilt(tx.ctx, tx); err != nil || built {
			return err
		}
		var subjects [][2]any
		rows, err := tx.QueryContext(tx.ctx, `SELECT resident_id, programme FROM documents
			WHERE kind = 'decision' AND status = 'signed' AND resident_id IS NOT NULL
			UNION SELECT resident_id, programme FROM paper_documents WHERE kind = 'decision' AND resident_id IS NOT NULL
			ORDER BY 1, 2`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r int64
			var p string
			if err := rows.Scan(&r, &p); err != nil {
				rows.Close()
				return err
			}
			subjects = append(subjects, [2]any{r, p})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		n := 0
		for _, s := range subjects {
			ch, err := tx.syncAid(s[0].(int64), data.Programme(s[1].(string)))
			if err != nil {
				return err
			}
			n += len(ch)
		}
		if _, err := tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", keyAidBuilt, ts(tx.now)); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		return tx.Audit("rebuild", "aid_cases", 0, nil, map[string]any{"cases": n})
	})
}

func aidBuilt(ctx context.Context, q docQuerier) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", keyAidBuilt).Scan(&v)
	if isNoRows(err) {
		return false, nil
	}
	return err == nil, err
}

// allAidCases returns the whole roster: as kept, or derived from the decisions when the
// roster of an old file opened read-only was never built.
func allAidCases(ctx context.Context, q docQuerier) ([]StoredAidCase, error) {
	built, err := aidBuilt(ctx, q)
	if err != nil {
		return nil, err
	}
	if built {
		return storedAid(ctx, q, "1 = 1")
	}
	ds, err := allAidDecisions(ctx, q)
	if err != nil {
		return nil, err
	}
	cases, _ := data.DeriveAid(data.EffectiveAidDecisions(ds))
	out := make([]StoredAidCase, len(cases))
	for i, c := range cases {
		out[i] = StoredAidCase{AidCase: c}
	}
	return out, nil
}

// aidProblems derives the roster again from every decision and names each case that differs
// from the kept one (check).
func aidProblems(ctx context.Context, conn *sql.DB) ([]string, error) {
	built, err := aidBuilt(ctx, conn)
	if err != nil || !built {
		return nil, err
	}
	ds, err := allAidDecisions(ctx, conn)
	if err != nil {
		return nil, err
	}
	derived, _ := data.DeriveAid(data.EffectiveAidDecisions(ds))
	stored, err := storedAid(ctx, conn, "1 = 1")
	if err != nil {
		return nil, err
	}
	kept := map[int64]StoredAidCase{}
	for _, s := range stored {
		kept[s.GrantID] = s
	}
	var probs []string
	for _, c := range derived {
		s, ok := kept[c.GrantID]
		delete(kept, c.GrantID)
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("救助对象台账缺少%s（%s）起的%s：台账与决定书不一致", c.GrantNumber, c.Start.Chinese(), c.Programme))
		case s.Fingerprint() != c.Fingerprint():
			probs = append(probs, fmt.Sprintf("救助对象台账中%s起的%s（第 %d 条）与决定书推算的不一致", c.GrantNumber, c.Programme, s.ID))
		}
	}
	for _, s := range stored {
		if _, ok := kept[s.GrantID]; ok {
			probs = append(probs, fmt.Sprintf("救助对象台账第 %d 条（%s）没有有效的给予决定书支持", s.ID, s.GrantNumber))
		}
	}
	return probs, nil
}

// ---- standards ----

// AidStandards returns the local standards in force and to come, by kind and month.
func (db *DB) AidStandards(ctx context.Context) ([]data.AidStandard, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, kind, from_month, amount, note FROM aid_standards WHERE voided = 0
		ORDER BY kind, from_month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AidStandard
	for rows.Next() {
		var s data.AidStandard
		var kind, from string
		if err := rows.Scan(&s.ID, &kind, &from, &s.Amount, &s.Note); err != nil {
			return nil, err
		}
		s.Kind, s.From = data.StandardKind(kind), monthOf(from)
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetAidStandard records a local standard from its month (administrators). A standard of the
// same kind and month is replaced: the old entry is voided, and both steps audited.
func (db *DB) SetAidStandard(ctx context.Context, s data.AidStandard) (int64, error) {
	s.Note = strings.TrimSpace(s.Note)
	if err := s.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return data.Forbidden("只有管理员可以设定救助标准")
		}
		var old int64
		var oldAmount data.Fen
		err := tx.QueryRowContext(tx.ctx, "SELECT id, amount FROM aid_standards WHERE kind = ? AND from_month = ? AND voided = 0",
			string(s.Kind), s.From.String()).Scan(&old, &oldAmount)
		switch {
		case err == nil:
			if _, err := tx.ExecContext(tx.ctx, "UPDATE aid_standards SET voided = 1 WHERE id = ?", old); err != nil {
				return err
			}
			if err := tx.Audit("void", "aid_standards", old, map[string]any{"amount": oldAmount}, map[string]any{"voided": true}); err != nil {
				return err
			}
		case !isNoRows(err):
			return err
		}
		var by any
		name := ""
		if tx.user != nil {
			by, name = tx.user.ID, tx.user.Name
		}
		if err := tx.QueryRowContext(tx.ctx, `INSERT INTO aid_standards (kind, from_month, amount, note, created_by, created_by_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, string(s.Kind), s.From.String(), s.Amount, s.Note, by, name, ts(tx.now)).Scan(&id); err != nil {
			return err
		}
		return tx.Audit("create", "aid_standards", id, nil, map[string]any{"kind": s.Kind, "from": s.From.String(), "amount": s.Amount, "note": s.Note})
	})
	return id, err
}

// VoidAidStandard withdraws a standard entered by mistake (administrators).
func (db *DB) VoidAidStandard(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return data.Forbidden("只有管理员可以撤销救助标准")
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE aid_standards SET voided = 1 WHERE id = ? AND voided = 0", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.NotFound("该救助标准不存在或已撤销，请刷新后再试")
		}
		return tx.Audit("void", "aid_standards", id, nil, map[string]any{"voided": true})
	})
}

// aidAfterPaper brings the roster in step with letters of the paper register just imported:
// the subjects of their decisions are derived again, and one audit entry says how many cases
// were made or changed.
func (tx *Tx) aidAfterPaper(docs []data.PaperDocument) error {
	type subject struct {
		resident  int64
		programme data.Programme
	}
	seen := map[subject]bool{}
	n := 0
	for _, d := range docs {
		s := subject{d.ResidentID, d.Programme}
		if d.Kind != data.DocDecision || d.ResidentID == 0 || seen[s] {
			continue
		}
		seen[s] = true
		ch, err := tx.syncAid(s.resident, s.programme)
		if err != nil {
			return fmt.Errorf("aid roster: %w", err)
		}
		n += len(ch)
	}
	if n == 0 {
		return nil
	}
	return tx.Audit("derive", "aid_cases", 0, nil, map[string]any{"from": "paper_documents", "changes": n})
}

// idsWhere runs a query that selects ids.
func idsWhere(ctx context.Context, q docQuerier, query string, args ...any) ([]any, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// subjectPaper reads a resident's programme's letters of the paper register: their ids by
// the resident's index first, as for corrections (most offices have none).
func subjectPaper(ctx context.Context, q docQuerier, resident int64, p data.Programme) ([]data.AidDecision, error) {
	ids, err := idsWhere(ctx, q, "SELECT id FROM paper_documents WHERE resident_id = ?", resident)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return paperAidDecisions(ctx, q, "p.id IN ("+placeholders(len(ids))+") AND p.programme = ?", append(ids, string(p))...)
}
