package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"taizhang/data"
)

// ---- catalogs ----

type legalExtra struct {
	Law     string `json:"law"`
	Article string `json:"article"`
	Subject string `json:"subject"`
	// Source names the published text the entry was checked against (document, 文号, where
	// it was read).
	Source string `json:"source,omitempty"`
}

type serviceExtra struct {
	Materials []materialExtra `json:"materials"`
	TimeLimit string          `json:"time_limit"`
	GuideURL  string          `json:"guide_url,omitempty"` // 办事指南, printed as a QR code
}

type materialExtra struct {
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
}

// EnsureDocumentCatalogs seeds, once, the editable lists documents draw on: the legal bases
// (data.DefaultLegalBases), the service items with their materials (data.DefaultServiceItems)
// and the programmes (data.DefaultProgrammes). Every action that makes a document runs it
// first, so an office that never opens the catalogs still has them.
func (db *DB) EnsureDocumentCatalogs(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error { return tx.ensureDocCatalogs() })
}

func (tx *Tx) ensureDocCatalogs() error {
	var v string
	err := tx.QueryRowContext(tx.ctx, "SELECT value FROM settings WHERE key = ?", keyDocCatalogs).Scan(&v)
	if err == nil {
		return nil
	}
	if !isNoRows(err) {
		return err
	}
	add := func(kind data.CatalogKind, value string, extra any, sort int) error {
		ex := ""
		if extra != nil {
			ex = toJSON(extra)
		}
		_, err := tx.addCatalog(kind, value, ex, sort)
		if errors.Is(err, data.ErrConflict) {
			return nil // already there (added by hand)
		}
		return err
	}
	for i, b := range data.DefaultLegalBases {
		if err := add(data.CatalogLegalBases, b.Cite(), legalExtra{b.Law, b.Article, b.Subject, b.Source}, i+1); err != nil {
			return err
		}
	}
	for i, s := range data.DefaultServiceItems {
		if err := add(CatalogServiceItems, s.Name, serviceExtraOf(s), i+1); err != nil {
			return err
		}
	}
	for i, p := range data.DefaultProgrammes {
		if err := add(CatalogProgrammes, string(p), nil, i+1); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", keyDocCatalogs, ts(tx.now))
	return err
}

func serviceExtraOf(s data.ServiceItem) serviceExtra {
	e := serviceExtra{TimeLimit: s.TimeLimit, GuideURL: s.GuideURL}
	for _, m := range s.Materials {
		e.Materials = append(e.Materials, materialExtra{m.Name, m.Note})
	}
	return e
}

func catalogsSeeded(ctx context.Context, q docQuerier) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", keyDocCatalogs).Scan(&v)
	if isNoRows(err) {
		return false, nil
	}
	return err == nil, err
}

// LegalBases lists the legal-basis catalog in order (the defaults until it is first stored).
func (db *DB) LegalBases(ctx context.Context) ([]data.LegalBasisEntry, error) {
	seeded, err := catalogsSeeded(ctx, db.db)
	if err != nil {
		return nil, err
	}
	var out []data.LegalBasisEntry
	if !seeded {
		for _, b := range data.DefaultLegalBases {
			out = append(out, data.LegalBasisEntry{LegalBasis: b.LegalBasis, Source: b.Source})
		}
		return out, nil
	}
	rows, err := db.db.QueryContext(ctx, "SELECT id, value, extra FROM catalog WHERE kind = ? AND voided = 0 ORDER BY sort, id", string(data.CatalogLegalBases))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e data.LegalBasisEntry
		var value, extra string
		if err := rows.Scan(&e.ID, &value, &extra); err != nil {
			return nil, err
		}
		var x legalExtra
		if extra != "" && json.Unmarshal([]byte(extra), &x) == nil {
			e.LegalBasis = data.LegalBasis{Law: x.Law, Article: x.Article, Subject: x.Subject}
			e.Source = x.Source
		} else {
			e.Law = value // added through the plain catalog editor: the citation as typed
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddLegalBasis adds an article to the legal-basis catalog (administrators only). source
// names the published text it was checked against: the document's name and 文号 and where
// the text was read; an entry without one is refused.
func (db *DB) AddLegalBasis(ctx context.Context, b data.LegalBasis, source string) error {
	b.Law = strings.Trim(strings.TrimSpace(b.Law), "《》")
	b.Article, b.Subject = strings.TrimSpace(b.Article), strings.TrimSpace(b.Subject)
	source = strings.TrimSpace(source)
	if b.Law == "" || b.Article == "" {
		return data.Invalid("law", "请填写法规名称和条款，例如“社会救助暂行办法”“第十一条”")
	}
	if b.Subject == "" {
		return data.Invalid("subject", "请用一句话写明该条款的内容，便于经办人选择")
	}
	if source == "" {
		return data.Invalid("source", "请填写核对出处：文件名称、文号和核对所用文本的来源（网址或公报），未经核对的条款不能加入目录")
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		_, err := tx.addCatalog(data.CatalogLegalBases, b.Cite(), toJSON(legalExtra{b.Law, b.Article, b.Subject, source}), tx.nextCatalogSort(data.CatalogLegalBases))
		return err
	})
}

func (tx *Tx) nextCatalogSort(kind data.CatalogKind) int {
	var max int
	_ = tx.QueryRowContext(tx.ctx, "SELECT COALESCE(MAX(sort), 0) FROM catalog WHERE kind = ?", string(kind)).Scan(&max)
	return max + 1
}

// ServiceItems lists the one-time-notice catalog: items and their materials.
func (db *DB) ServiceItems(ctx context.Context) ([]data.ServiceItem, error) {
	seeded, err := catalogsSeeded(ctx, db.db)
	if err != nil {
		return nil, err
	}
	if !seeded {
		return append([]data.ServiceItem(nil), data.DefaultServiceItems...), nil
	}
	return serviceItems(ctx, db.db, "")
}

func serviceItems(ctx context.Context, q docQuerier, name string) ([]data.ServiceItem, error) {
	query := "SELECT value, extra FROM catalog WHERE kind = ? AND voided = 0"
	args := []any{string(CatalogServiceItems)}
	if name != "" {
		query += " AND value = ?"
		args = append(args, name)
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY sort, id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ServiceItem
	for rows.Next() {
		var s data.ServiceItem
		var extra string
		if err := rows.Scan(&s.Name, &extra); err != nil {
			return nil, err
		}
		var x serviceExtra
		if extra != "" {
			if err := json.Unmarshal([]byte(extra), &x); err != nil {
				return nil, fmt.Errorf("service item %s: %w", s.Name, err)
			}
		}
		s.TimeLimit, s.GuideURL = x.TimeLimit, x.GuideURL
		for _, m := range x.Materials {
			s.Materials = append(s.Materials, data.Material{Name: m.Name, Note: m.Note})
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveServiceItem adds an item to the one-time-notice catalog or replaces the materials and
// time limit of the item of that name (administrators only).
func (db *DB) SaveServiceItem(ctx context.Context, s data.ServiceItem) error {
	s.Name, s.TimeLimit = strings.TrimSpace(s.Name), strings.TrimSpace(s.TimeLimit)
	if s.Name == "" {
		return data.Invalid("name", "请填写事项名称")
	}
	if len(s.Materials) == 0 {
		return data.Invalid("materials", "请至少填写一项所需材料")
	}
	for i := range s.Materials {
		s.Materials[i].Name = strings.TrimSpace(s.Materials[i].Name)
		if s.Materials[i].Name == "" {
			return data.Invalid("materials", "第 %d 项材料没有名称，请补全或删除", i+1)
		}
	}
	if s.TimeLimit == "" {
		return data.Invalid("time_limit", "请填写办理时限，例如“受理之日起10个工作日内办结”")
	}
	var err error
	if s.GuideURL, err = data.CheckGuideURL(s.GuideURL); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		extra := toJSON(serviceExtraOf(s))
		var id int64
		var old string
		err := tx.QueryRowContext(tx.ctx, "SELECT id, extra FROM catalog WHERE kind = ? AND value = ? AND voided = 0",
			string(CatalogServiceItems), s.Name).Scan(&id, &old)
		if isNoRows(err) {
			_, err = tx.addCatalog(CatalogServiceItems, s.Name, extra, tx.nextCatalogSort(CatalogServiceItems))
			return err
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE catalog SET extra = ? WHERE id = ?", extra, id); err != nil {
			return err
		}
		return tx.Audit("update", "catalog", id, old, extra)
	})
}

// Programmes lists the programmes (救助类别) decisions may name.
func (db *DB) Programmes(ctx context.Context) ([]data.Programme, error) {
	return programmes(ctx, db.db)
}

func programmes(ctx context.Context, q docQuerier) ([]data.Programme, error) {
	seeded, err := catalogsSeeded(ctx, q)
	if err != nil {
		return nil, err
	}
	if !seeded {
		return append([]data.Programme(nil), data.DefaultProgrammes...), nil
	}
	rows, err := q.QueryContext(ctx, "SELECT value FROM catalog WHERE kind = ? AND voided = 0 ORDER BY sort, id", string(CatalogProgrammes))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Programme
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, data.Programme(p))
	}
	return out, rows.Err()
}
