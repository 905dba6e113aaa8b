package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"taizhang/data"
)

// Legal content of documents: the office's competence per programme, the
// versioned remedy-clause templates, and the correction of catalogs seeded before every
// article was checked against the published text.

// migrationSteps are the Go parts of migrations, run in the migration's transaction.
var migrationSteps = map[int]func(tx *Tx) error{
	10: fixLegalCatalog,
	13: stepAuditKey,
}

// fixLegalCatalog brings a stored legal-basis catalog up to the checked one: a row still
// equal to its old default is corrected (given the checked subject and source, or voided
// with the reason when its number pointed at another provision), checked articles it lacks
// are added, and the 特困 item's time limit follows 特困人员认定办法. Rows the office edited
// or added are left alone. Every change is audited; nothing is deleted.
func fixLegalCatalog(tx *Tx) error {
	seeded, err := catalogsSeeded(tx.ctx, tx)
	if err != nil || !seeded {
		return err // a catalog seeded later gets the checked defaults
	}
	kind := string(data.CatalogLegalBases)
	for _, old := range data.LegacyLegalBases {
		var id int64
		var extra string
		var voided bool
		err := tx.QueryRowContext(tx.ctx, "SELECT id, extra, voided FROM catalog WHERE kind = ? AND value = ?", kind, old.Cite()).Scan(&id, &extra, &voided)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return err
		}
		var x legalExtra
		if voided || json.Unmarshal([]byte(extra), &x) != nil || x.Law != old.Law || x.Article != old.Article || x.Subject != old.Subject {
			continue // edited or voided by the office: its own choice
		}
		reason, wrong := data.LegacyCorrections[old.Cite()]
		if nb, ok := data.DefaultBasisOf(old.Law, old.Article); ok {
			if x.Subject == nb.Subject && x.Source == nb.Source {
				continue // already the checked entry
			}
			nx := toJSON(legalExtra{nb.Law, nb.Article, nb.Subject, nb.Source})
			if _, err := tx.ExecContext(tx.ctx, "UPDATE catalog SET extra = ? WHERE id = ?", nx, id); err != nil {
				return err
			}
			if !wrong {
				reason = "按核对文本更正条款概要并注明出处"
			}
			if err := tx.Audit("update", "catalog", id, extra, map[string]any{"extra": json.RawMessage(nx), "reason": reason}); err != nil {
				return err
			}
			continue
		}
		if !wrong {
			reason = "该条款不在核对后的目录中"
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE catalog SET voided = 1 WHERE id = ?", id); err != nil {
			return err
		}
		if err := tx.Audit("void", "catalog", id, map[string]string{"kind": kind, "value": old.Cite()},
			map[string]string{"reason": "条款号有误：" + reason}); err != nil {
			return err
		}
	}
	for _, b := range data.DefaultLegalBases {
		var n int
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM catalog WHERE kind = ? AND value = ?", kind, b.Cite()).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if _, err := tx.addCatalog(data.CatalogLegalBases, b.Cite(), toJSON(legalExtra{b.Law, b.Article, b.Subject, b.Source}),
			tx.nextCatalogSort(data.CatalogLegalBases)); err != nil {
			return err
		}
	}
	// The 特困 item's time limit, when it is still the one shipped.
	var id int64
	var extra string
	err = tx.QueryRowContext(tx.ctx, "SELECT id, extra FROM catalog WHERE kind = ? AND value = ? AND voided = 0",
		string(CatalogServiceItems), "特困供养申请").Scan(&id, &extra)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	var se serviceExtra
	if json.Unmarshal([]byte(extra), &se) != nil || se.TimeLimit != data.LegacyTekunTimeLimit {
		return nil
	}
	se.TimeLimit = data.TekunTimeLimit
	nx := toJSON(se)
	if _, err := tx.ExecContext(tx.ctx, "UPDATE catalog SET extra = ? WHERE id = ?", nx, id); err != nil {
		return err
	}
	return tx.Audit("update", "catalog", id, extra, map[string]any{"extra": json.RawMessage(nx),
		"reason": "办理时限按《特困人员认定办法》第十三条、第十五条、第十六条更正"})
}

// ---- competence ----

func competenceKey(p data.Programme) string { return "competence:" + string(p) }

// Competence returns the office's setting for programme p (data.DefaultCompetence until an
// administrator sets it).
func (db *DB) Competence(ctx context.Context, p data.Programme) (data.Competence, error) {
	return competence(ctx, db.db, p)
}

func competence(ctx context.Context, q docQuerier, p data.Programme) (data.Competence, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", competenceKey(p)).Scan(&v)
	if isNoRows(err) {
		return data.DefaultCompetence(p), nil
	}
	if err != nil {
		return data.Competence{}, err
	}
	var c data.Competence
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		return data.DefaultCompetence(p), nil
	}
	c.Programme = p
	return c, nil
}

// SetCompetence saves who decides programme c.Programme (administrators only, audited).
func (db *DB) SetCompetence(ctx context.Context, c data.Competence) error {
	c.Delegation, c.Bureau = strings.TrimSpace(c.Delegation), strings.TrimSpace(c.Bureau)
	if c.Mode == data.CompetenceBureau {
		c.Delegation = ""
	} else {
		c.Bureau = ""
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		old, err := competence(tx.ctx, tx, c.Programme)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, competenceKey(c.Programme), toJSON(c)); err != nil {
			return err
		}
		return tx.Audit("update", "settings", 0, old, c)
	})
}

// applyCompetence sets a decision's authority and wording from the office's competence for
// its programme: the office decides under its delegation, or the 民政局 decides on what the
// office investigated.
func (tx *Tx) applyCompetence(d *data.Decision, o data.Office) error {
	c, err := competence(tx.ctx, tx, d.Programme)
	if err != nil {
		return err
	}
	d.Authority, d.Investigator, d.Delegation = o.Name, "", ""
	switch c.Mode {
	case data.CompetenceBureau:
		d.Authority, d.Investigator = c.Bureau, o.Name
	default:
		d.Delegation = c.Delegation
	}
	return nil
}

// ---- remedy templates ----

// RemedyTemplate returns the template in use for scope: its newest version, or the built-in
// default (Version 0) while it was never edited.
func (db *DB) RemedyTemplate(ctx context.Context, scope data.RemedyScope) (data.RemedyTemplate, error) {
	return remedyTemplate(ctx, db.db, scope)
}

func remedyTemplate(ctx context.Context, q docQuerier, scope data.RemedyScope) (data.RemedyTemplate, error) {
	t := data.DefaultRemedy(scope)
	var bases string
	err := q.QueryRowContext(ctx, "SELECT version, text, bases FROM remedy_templates WHERE scope = ? ORDER BY version DESC LIMIT 1",
		string(scope)).Scan(&t.Version, &t.Text, &bases)
	if isNoRows(err) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	t.Bases = nil
	if bases != "" {
		if err := json.Unmarshal([]byte(bases), &t.Bases); err != nil {
			return t, fmt.Errorf("remedy template %s v%d: %w", scope, t.Version, err)
		}
	}
	return t, nil
}

// RemedyHistory lists the stored versions of scope, newest first.
func (db *DB) RemedyHistory(ctx context.Context, scope data.RemedyScope) ([]data.RemedyVersion, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT version, text, bases, created_by_name, created_at FROM remedy_templates WHERE scope = ? ORDER BY version DESC", string(scope))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.RemedyVersion
	for rows.Next() {
		v := data.RemedyVersion{RemedyTemplate: data.RemedyTemplate{Scope: scope}}
		var bases string
		if err := rows.Scan(&v.Version, &v.Text, &bases, &v.By, &v.At); err != nil {
			return nil, err
		}
		if bases != "" {
			_ = json.Unmarshal([]byte(bases), &v.Bases)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveRemedyTemplate stores a new version of the template of scope (administrators only,
// audited) and returns its number. bases are the articles the clause rests on; at least one.
func (db *DB) SaveRemedyTemplate(ctx context.Context, scope data.RemedyScope, text string, bases []data.LegalBasis) (int, error) {
	if !scope.Valid() {
		return 0, data.Invalid("scope", "请选择救济途径告知适用的文书")
	}
	text = strings.TrimSpace(text)
	if err := data.ValidateRemedyText(text); err != nil {
		return 0, err
	}
	if len(bases) == 0 {
		return 0, data.Invalid("bases", "请写明救济途径告知所依据的条款（如《中华人民共和国行政复议法》第二十条）")
	}
	var version int
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		old, err := remedyTemplate(tx.ctx, tx, scope)
		if err != nil {
			return err
		}
		if old.Text == text {
			return data.Invalid("remedy", "内容没有变化，无需保存新版本")
		}
		version = old.Version + 1
		var id int64
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO remedy_templates (scope, version, text, bases, created_by, created_by_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, string(scope), version, text, toJSON(bases), nullID(tx.user.ID), tx.user.Name, ts(tx.now)).Scan(&id)
		if err != nil {
			return err
		}
		return tx.Audit("create", "remedy_templates", id, map[string]any{"version": old.Version, "text": old.Text},
			map[string]any{"scope": scope, "version": version, "text": text, "bases": bases})
	})
	return version, err
}

// fillRemedy fixes the remedy clause of a draft from the template in use: at signing (then
// frozen with the document) and for a preview. It refuses when the clause cannot be
// completed (no 人民政府 or 人民法院 configured).
func (tx *Tx) fillRemedy(content any) error {
	return fillRemedyQ(tx.ctx, tx, content)
}

func fillRemedyQ(ctx context.Context, q docQuerier, content any) error {
	switch c := content.(type) {
	case *data.Decision:
		t, err := remedyTemplate(ctx, q, data.RemedyScope(c.Outcome))
		if err != nil {
			return err
		}
		c.Remedy, err = data.RenderRemedy(t, c.Government, c.Court, "本决定书")
		c.RemedyVersion = t.Version
		return err
	case *data.RejectionNotice:
		t, err := remedyTemplate(ctx, q, data.RemedyRejection)
		if err != nil {
			return err
		}
		c.Remedy, err = data.RenderRemedy(t, c.Government, c.Court, "本通知书")
		c.RemedyVersion = t.Version
		return err
	}
	return nil
}

// ---- consistency ----

// DecisionFacts returns what the register knows about a resident for checking a decision on
// programme p (data.DecisionWarnings): the household's active members, and the amount the
// resident's latest case of p in the aid roster pays (0 once stopped).
func (db *DB) DecisionFacts(ctx context.Context, residentID int64, p data.Programme) (data.DecisionFacts, error) {
	var f data.DecisionFacts
	if residentID == 0 {
		return f, nil
	}
	var household int64
	if err := db.db.QueryRowContext(ctx, "SELECT COALESCE(household_id, 0) FROM residents WHERE id = ?", residentID).Scan(&household); err != nil {
		if isNoRows(err) {
			return f, nil
		}
		return f, err
	}
	f.Members = 1
	if household != 0 {
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM residents WHERE household_id = ? AND voided = 0 AND status = ?",
			household, string(data.ResidentActive)).Scan(&f.Members); err != nil {
			return f, err
		}
	}
	// The amount in force is the aid roster's: the person's latest case of p.
	cases, err := db.AidSubject(ctx, residentID, p, 0)
	if err != nil || len(cases) == 0 {
		return f, err
	}
	last := cases[len(cases)-1]
	f.HasCurrent = true
	if last.End != 0 && !p.OneOff() {
		f.CurrentRef = last.EndNumber
		return f, nil
	}
	f.Current, f.CurrentRef = last.Latest().Amount, last.Latest().DocNumber
	return f, nil
}
