package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"taizhang/assets"
	"taizhang/data"
	"taizhang/reports"
)

// 行政文书 (job 4). A decision or a non-acceptance notice is a draft until a reviewer signs
// (签发) it; signing validates it, allocates its 文号 from the counters table, renders the PDF
// and keeps the bytes, all in one transaction. From then on the row is frozen (the store
// refuses, and a trigger of migration 0004 backs it up): reprints are the stored bytes, a
// correction is a new document naming the old number, voiding keeps it visible with the
// reason. A one-time notice (一次性告知单) needs no reviewer: it is numbered, rendered and
// kept when the clerk makes it.

// DocStatus is the lifecycle state of a document.
type DocStatus string

// Document states.
const (
	DocDraft  DocStatus = "draft"  // 草稿
	DocSigned DocStatus = "signed" // 已签发
	DocVoided DocStatus = "voided" // 已作废
)

// DocStatuses lists the states in display order.
var DocStatuses = []DocStatus{DocDraft, DocSigned, DocVoided}

// String returns the Chinese name.
func (s DocStatus) String() string {
	switch s {
	case DocDraft:
		return "草稿"
	case DocSigned:
		return "已签发"
	case DocVoided:
		return "已作废"
	}
	return string(s)
}

var docTransitions = map[DocStatus][]DocStatus{
	DocDraft:  {DocSigned, DocVoided},
	DocSigned: {DocVoided},
}

// CanTransition reports whether a document may move from s to to.
func (s DocStatus) CanTransition(to DocStatus) bool {
	for _, t := range docTransitions[s] {
		if t == to {
			return true
		}
	}
	return false
}

// Editable lists of job 4 besides data.CatalogLegalBases.
const (
	CatalogServiceItems data.CatalogKind = "service_item" // 一次性告知事项目录, materials in extra
	CatalogProgrammes   data.CatalogKind = "programme"    // 救助类别
)

// Setting keys of job 4.
const (
	keyDocBodyFont  = "doc_body_font"  // path of the body font file; empty: embedded
	keyDocTitleFont = "doc_title_font" // path of the title font file; empty: embedded
	keyDocCatalogs  = "doc_catalogs_seeded"
)

// Messages used in more than one place.
const (
	msgFrozen      = "已签发的文书不能修改；如需更正，请新建一份更正文书"
	msgVoidedDoc   = "该文书已作废，不能修改"
	msgNotSigned   = "文书尚未签发，不能打印正式文本"
	msgVoidedRes   = "该居民档案已作废，不能为其制作文书。如档案作废有误，请先恢复档案"
	msgNeedsPerson = "请先从居民档案中选择申请人"
)

// FontChoice is a font a document was (or will be) rendered with: the file's path, empty for
// the embedded face, and the SHA-256 of its bytes.
type FontChoice struct {
	Path   string
	SHA256 string
}

// Embedded reports whether the choice is the program's own face.
func (f FontChoice) Embedded() bool { return f.Path == "" }

// DocumentRow is a document as the documents list shows it.
type DocumentRow struct {
	ID         int64
	Kind       data.DocKind
	Programme  data.Programme // decisions only
	Outcome    data.Outcome   // decisions only
	Title      string
	DocNumber  string // empty on a draft
	Applicant  string
	ResidentID int64 // 0 when the applicant is not in the residents
	Status     DocStatus
	NumKey     string    // the numbering register (doc_numbering key)
	Date       data.Date // 成文日期 once signed; the day it was drafted before
	CorrectsID int64     // the document this one corrects
	Corrects   string    // its number
	// CorrectedBy is the number of a correction naming this document ("草稿" while that
	// correction is still a draft), empty when there is none.
	CorrectedBy string
	SignedBy    string
	SignedAt    time.Time
	CreatedBy   string
	CreatedAt   time.Time
	VoidReason  string
	PrintCount  int
	Delivered   bool
	// HasPDF is false only for demo documents made in bulk: their PDF is rendered from the
	// frozen content at the first print and kept from then on.
	HasPDF bool
}

// Label is the number, or 草稿 for a draft.
func (r DocumentRow) Label() string {
	if r.DocNumber != "" {
		return r.DocNumber
	}
	return "草稿"
}

// Document is a whole document: the row, its content (one of the three pointers, by Kind),
// the fonts it was signed with and its recorded delivery.
type Document struct {
	DocumentRow
	Decision        *data.Decision
	OneTimeNotice   *data.OneTimeNotice
	RejectionNotice *data.RejectionNotice
	BodyFont        FontChoice // zero on a draft
	TitleFont       FontChoice
	PDFSHA256       string
	Delivery        *Delivery // nil until delivered
}

// Delivery is a recorded 送达.
type Delivery struct {
	data.DeliveryReceipt
	RecordedBy string
	RecordedAt time.Time
}

func (d *Document) content() any {
	switch d.Kind {
	case data.DocDecision:
		return d.Decision
	case data.DocOneTimeNotice:
		return d.OneTimeNotice
	case data.DocRejectionNotice:
		return d.RejectionNotice
	}
	return nil
}

func (d *Document) decode(js string) error {
	switch d.Kind {
	case data.DocDecision:
		d.Decision = new(data.Decision)
		return json.Unmarshal([]byte(js), d.Decision)
	case data.DocOneTimeNotice:
		d.OneTimeNotice = new(data.OneTimeNotice)
		return json.Unmarshal([]byte(js), d.OneTimeNotice)
	case data.DocRejectionNotice:
		d.RejectionNotice = new(data.RejectionNotice)
		return json.Unmarshal([]byte(js), d.RejectionNotice)
	}
	return fmt.Errorf("document %d: unknown kind %q", d.ID, d.Kind)
}

// docQuerier is what reads need: *sql.DB, *sql.Tx and *Tx all have it.
type docQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const docRowCols = `d.id, d.kind, d.programme, d.outcome, d.title, COALESCE(d.doc_number, ''), d.applicant,
	COALESCE(d.resident_id, 0), d.status, d.num_key, d.doc_date, COALESCE(d.corrects_id, 0),
	COALESCE((SELECT c.doc_number FROM documents c WHERE c.id = d.corrects_id), ''),
	COALESCE((SELECT COALESCE(x.doc_number, '草稿') FROM documents x WHERE x.corrects_id = d.id AND x.status <> 'voided' ORDER BY x.id DESC LIMIT 1), ''),
	d.signed_by_name, COALESCE(d.signed_at, ''), d.created_by_name, d.created_at, d.void_reason, d.print_count,
	d.delivered, d.pdf_sha256 <> ''`

func scanDocRow(sc interface{ Scan(...any) error }, extra ...any) (DocumentRow, error) {
	var r DocumentRow
	var kind, prog, outcome, status, signedAt, createdAt string
	dest := []any{&r.ID, &kind, &prog, &outcome, &r.Title, &r.DocNumber, &r.Applicant, &r.ResidentID, &status,
		&r.NumKey, &r.Date, &r.CorrectsID, &r.Corrects, &r.CorrectedBy, &r.SignedBy, &signedAt, &r.CreatedBy,
		&createdAt, &r.VoidReason, &r.PrintCount, &r.Delivered, &r.HasPDF}
	err := sc.Scan(append(dest, extra...)...)
	r.Kind, r.Programme, r.Outcome, r.Status = data.DocKind(kind), data.Programme(prog), data.Outcome(outcome), DocStatus(status)
	if signedAt != "" {
		r.SignedAt = parseTS(signedAt)
	}
	r.CreatedAt = parseTS(createdAt)
	return r, err
}

// loadDocument reads a whole document (without its PDF bytes).
func loadDocument(ctx context.Context, q docQuerier, where string, arg any) (Document, error) {
	var d Document
	var js string
	row, err := scanDocRow(q.QueryRowContext(ctx, "SELECT "+docRowCols+`, b.content, d.body_font, d.body_font_sha,
		d.title_font, d.title_font_sha, d.pdf_sha256 FROM documents d JOIN document_bodies b ON b.document_id = d.id WHERE `+where, arg),
		&js, &d.BodyFont.Path, &d.BodyFont.SHA256, &d.TitleFont.Path, &d.TitleFont.SHA256, &d.PDFSHA256)
	if err != nil {
		return d, err
	}
	d.DocumentRow = row
	if err := d.decode(js); err != nil {
		return d, err
	}
	if d.Delivered {
		var m, on, created string
		dl := &Delivery{}
		err := q.QueryRowContext(ctx, `SELECT method, delivered_on, place, recipient, server, witness, refusal_reason, note, agent,
			created_by_name, created_at FROM deliveries WHERE document_id = ?`, d.ID).Scan(&m, &on, &dl.Place, &dl.Recipient,
			&dl.Server, &dl.Witness, &dl.RefusalReason, &dl.Note, &dl.Agent, &dl.RecordedBy, &created)
		if err != nil && !isNoRows(err) {
			return d, err
		}
		if err == nil {
			dl.Method = data.DeliveryMethod(m)
			if err := dl.Date.Scan(on); err != nil {
				return d, err
			}
			dl.RecordedAt = parseTS(created)
			dl.DocNumber, dl.DocName = d.DocNumber, d.Title
			d.Delivery = dl
		}
	}
	return d, nil
}

// Document returns one document (any state) with its content and delivery.
func (db *DB) Document(ctx context.Context, id int64) (Document, error) {
	d, err := loadDocument(ctx, db.db, "d.id = ?", id)
	if isNoRows(err) {
		return d, data.NotFound("找不到编号为 %d 的文书", id)
	}
	return d, err
}

// DocumentByNumber returns the document with that 文号. Brackets people type instead of 〔〕
// and a 第 before the sequence are accepted.
func (db *DB) DocumentByNumber(ctx context.Context, number string) (Document, error) {
	n := strings.TrimSpace(number)
	if p, y, s, err := data.ParseDocNumber(n); err == nil {
		n = data.FormatDocNumber(p, y, s)
	}
	d, err := loadDocument(ctx, db.db, "d.doc_number = ?", n)
	if isNoRows(err) {
		return d, data.NotFound("找不到文号为“%s”的文书", strings.TrimSpace(number))
	}
	return d, err
}

// DocumentRef finds a document by 文号 or by its numeric id (the command line's --doc).
func (db *DB) DocumentRef(ctx context.Context, ref string) (Document, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Document{}, data.Invalid("doc", "请填写文号或文书编号")
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return db.Document(ctx, id)
	}
	if _, _, _, err := data.ParseDocNumber(ref); err != nil {
		return Document{}, data.NotFound("找不到文号为“%s”的文书（文号应如“平民救决〔2026〕15号”，或填写文书编号）", ref)
	}
	return db.DocumentByNumber(ctx, ref)
}

// txDocument loads a document inside tx for a change, with the not-found message.
func (tx *Tx) document(id int64) (Document, error) {
	d, err := loadDocument(tx.ctx, tx, "d.id = ?", id)
	if isNoRows(err) {
		return d, data.NotFound("找不到编号为 %d 的文书", id)
	}
	return d, err
}

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
	e := serviceExtra{TimeLimit: s.TimeLimit}
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

// LegalBasisEntry is an entry of the legal-basis catalog.
type LegalBasisEntry struct {
	ID int64 // 0 for a default not yet stored
	data.LegalBasis
	// Source names the published text the entry was checked against; empty only for an
	// entry typed through the plain catalog editor of an old version.
	Source string
}

// LegalBases lists the legal-basis catalog in order (the defaults until it is first stored).
func (db *DB) LegalBases(ctx context.Context) ([]LegalBasisEntry, error) {
	seeded, err := catalogsSeeded(ctx, db.db)
	if err != nil {
		return nil, err
	}
	var out []LegalBasisEntry
	if !seeded {
		for _, b := range data.DefaultLegalBases {
			out = append(out, LegalBasisEntry{LegalBasis: b.LegalBasis, Source: b.Source})
		}
		return out, nil
	}
	rows, err := db.db.QueryContext(ctx, "SELECT id, value, extra FROM catalog WHERE kind = ? AND voided = 0 ORDER BY sort, id", string(data.CatalogLegalBases))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e LegalBasisEntry
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
		s.TimeLimit = x.TimeLimit
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

// ---- numbering ----

// DocNumbering is one 文号 register: its key, prefix and starting number. Keys are a
// document kind ("decision", "one_time_notice", "rejection_notice") or "decision:" and a
// programme, for an office that numbers a programme's decisions apart.
type DocNumbering struct {
	Key    string
	Prefix string
	// Start is the first number of StartYear, for an office continuing that year's paper
	// register; every other year starts at 1.
	Start     int
	StartYear int
}

// startFor returns the first number of year.
func (n DocNumbering) startFor(year int) int {
	if year == n.StartYear && n.Start > 1 {
		return n.Start
	}
	return 1
}

// NumberingKey returns the register key of a kind, or of a programme's decisions.
func NumberingKey(kind data.DocKind, programme data.Programme) string {
	if kind == data.DocDecision && programme != "" {
		return string(kind) + ":" + string(programme)
	}
	return string(kind)
}

var defaultNumbering = map[string]DocNumbering{
	string(data.DocDecision):        {Key: string(data.DocDecision), Prefix: "民救决", Start: 1},
	string(data.DocOneTimeNotice):   {Key: string(data.DocOneTimeNotice), Prefix: "告知", Start: 1},
	string(data.DocRejectionNotice): {Key: string(data.DocRejectionNotice), Prefix: "不予受理", Start: 1},
}

// DocNumberings lists the configured registers.
func (db *DB) DocNumberings(ctx context.Context) ([]DocNumbering, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT key, prefix, start, start_year FROM doc_numbering ORDER BY key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocNumbering
	for rows.Next() {
		var n DocNumbering
		if err := rows.Scan(&n.Key, &n.Prefix, &n.Start, &n.StartYear); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetDocNumbering sets the prefix and the starting number of a register (administrators
// only). The starting number is for the current year and applies while the year's counter
// does not exist yet, so an office continuing its paper register at 38 sets it before the
// program issues the year's first document; later years start at 1. Numbers already issued
// are never reused.
func (db *DB) SetDocNumbering(ctx context.Context, key, prefix string, start int) error {
	key, prefix = strings.TrimSpace(key), strings.TrimSpace(prefix)
	kind, prog, hasProg := strings.Cut(key, ":")
	if !data.DocKind(kind).Valid() || kind == string(data.DocDeliveryReceipt) || (hasProg && (kind != string(data.DocDecision) || strings.TrimSpace(prog) == "")) {
		return data.Invalid("key", "文号类别“%s”不存在", key)
	}
	if err := data.ValidateDocPrefix(prefix); err != nil {
		return err
	}
	if start < 1 || start > data.MaxDocSeq {
		return data.Invalid("start", "起始号应为 1 至 %d 之间的整数", data.MaxDocSeq)
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		var other string
		err := tx.QueryRowContext(tx.ctx, "SELECT key FROM doc_numbering WHERE prefix = ? AND key <> ?", prefix, key).Scan(&other)
		if err == nil {
			return data.Conflict("前缀“%s”已用于另一类文书（%s）：两类文书同用一个前缀会出现重复文号，请换一个前缀", prefix, other)
		}
		if !isNoRows(err) {
			return err
		}
		old, err := tx.numbering(key, false)
		if err != nil {
			return err
		}
		n := DocNumbering{key, prefix, start, data.Today(tx.now).Year}
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO doc_numbering (key, prefix, start, start_year) VALUES (?, ?, ?, ?)
			ON CONFLICT(key) DO UPDATE SET prefix = excluded.prefix, start = excluded.start, start_year = excluded.start_year`,
			n.Key, n.Prefix, n.Start, n.StartYear); err != nil {
			return err
		}
		return tx.Audit("update", "doc_numbering", 0, old, n)
	})
}

// numbering returns the register of key; with fallback, a programme's key falls back to the
// decisions' register and a missing row to the built-in default.
func (tx *Tx) numbering(key string, fallback bool) (DocNumbering, error) {
	n := DocNumbering{Key: key}
	err := tx.QueryRowContext(tx.ctx, "SELECT prefix, start, start_year FROM doc_numbering WHERE key = ?", key).Scan(&n.Prefix, &n.Start, &n.StartYear)
	if err == nil || !isNoRows(err) {
		return n, err
	}
	if !fallback {
		return DocNumbering{}, nil
	}
	if kind, _, ok := strings.Cut(key, ":"); ok {
		return tx.numbering(kind, true)
	}
	return defaultNumbering[key], nil
}

// allocateNumber takes the next 文号 of the register for kind (and programme) in year.
func (tx *Tx) allocateNumber(kind data.DocKind, programme data.Programme, year int) (DocNumbering, int, string, error) {
	n, err := tx.numbering(NumberingKey(kind, programme), true)
	if err != nil {
		return n, 0, "", err
	}
	return tx.allocateIn(n, kind, year)
}

func (tx *Tx) allocateIn(n DocNumbering, kind data.DocKind, year int) (DocNumbering, int, string, error) {
	seq, err := tx.nextCounter("doc:"+n.Key, year, n.startFor(year))
	if err != nil {
		return n, 0, "", err
	}
	if seq > data.MaxDocSeq {
		return n, 0, "", data.Conflict("%d年的%s文号已用到 %d，超出上限", year, kind, seq-1)
	}
	return n, seq, data.FormatDocNumber(n.Prefix, year, seq), nil
}

// DocNumberRegister is a year of one register: the numbers accounted for and any gaps.
type DocNumberRegister struct {
	Key    string
	Year   int
	First  int      // the first number of the year (0 when none was issued)
	Last   int      // the last number allocated
	Signed []string // numbers of documents in force
	Voided []string // numbers of voided documents: accounted for, never reused
	Gaps   []int    // numbers between First and Last held by no document
}

// DocNumberGaps reads a year's register of key: every number from the first to the last
// allocated is held by a document, signed or voided, unless listed in Gaps.
func (db *DB) DocNumberGaps(ctx context.Context, key string, year int) (DocNumberRegister, error) {
	reg := DocNumberRegister{Key: key, Year: year}
	rows, err := db.db.QueryContext(ctx, "SELECT seq, doc_number, status FROM documents WHERE num_key = ? AND year = ? AND seq IS NOT NULL ORDER BY seq", key, year)
	if err != nil {
		return reg, err
	}
	defer rows.Close()
	var used []int
	for rows.Next() {
		var seq int
		var num, status string
		if err := rows.Scan(&seq, &num, &status); err != nil {
			return reg, err
		}
		used = append(used, seq)
		if DocStatus(status) == DocVoided {
			reg.Voided = append(reg.Voided, num)
		} else {
			reg.Signed = append(reg.Signed, num)
		}
	}
	if err := rows.Err(); err != nil {
		return reg, err
	}
	err = db.db.QueryRowContext(ctx, "SELECT value FROM counters WHERE name = ? AND year = ?", "doc:"+key, year).Scan(&reg.Last)
	if err != nil && !isNoRows(err) {
		return reg, err
	}
	switch {
	case len(used) > 0:
		reg.First = used[0]
	case reg.Last > 0:
		var n DocNumbering
		err := db.db.QueryRowContext(ctx, "SELECT start, start_year FROM doc_numbering WHERE key = ?", key).Scan(&n.Start, &n.StartYear)
		if err != nil && !isNoRows(err) {
			return reg, err
		}
		reg.First = n.startFor(year)
	}
	if len(used) > 0 && used[len(used)-1] > reg.Last {
		reg.Last = used[len(used)-1]
	}
	reg.Gaps = data.DocNumberGaps(used, reg.First, reg.Last)
	return reg, nil
}

// ---- fonts ----

var embeddedFonts = sync.OnceValue(func() [2]FontChoice {
	return [2]FontChoice{{"", sha256Hex(assets.SerifRegular)}, {"", sha256Hex(assets.SerifBold)}}
})

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// fontFiles keeps the bytes of font files read from disk: the PDF writer caches its parse of
// a font by the address of its bytes, so each file is read once per size and mtime.
var fontFiles struct {
	sync.Mutex
	m map[string]fontFile
}

type fontFile struct {
	size int64
	mod  time.Time
	b    []byte
	sha  string
}

// maxFontSize bounds a font file read into memory (a full CJK TrueType face is 10–25 MB).
const maxFontSize = 64 << 20

func readFontFile(path string) ([]byte, string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if st.IsDir() || st.Size() > maxFontSize {
		return nil, "", fmt.Errorf("%s: not a font file", path)
	}
	fontFiles.Lock()
	f, ok := fontFiles.m[path]
	fontFiles.Unlock()
	if ok && f.size == st.Size() && f.mod.Equal(st.ModTime()) {
		return f.b, f.sha, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	f = fontFile{size: st.Size(), mod: st.ModTime(), b: b, sha: sha256Hex(b)}
	fontFiles.Lock()
	if fontFiles.m == nil {
		fontFiles.m = map[string]fontFile{}
	}
	fontFiles.m[path] = f
	fontFiles.Unlock()
	return b, f.sha, nil
}

var faceNames = [2]string{"正文", "标题"}

// currentFonts reads the office's font choice and loads the files.
func currentFonts(ctx context.Context, q docQuerier) (reports.Options, [2]FontChoice, error) {
	var opts reports.Options
	fonts := embeddedFonts()
	for i, key := range []string{keyDocBodyFont, keyDocTitleFont} {
		var path string
		err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&path)
		if err != nil && !isNoRows(err) {
			return opts, fonts, err
		}
		if path == "" {
			continue
		}
		b, sha, err := readFontFile(path)
		if err != nil {
			return opts, fonts, &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("设置的%s字体文件“%s”无法读取：请在设置中重新选择字体，或改用内置字体", faceNames[i], path)}
		}
		fonts[i] = FontChoice{path, sha}
		if i == 0 {
			opts.BodyFont = b
		} else {
			opts.TitleFont = b
		}
	}
	return opts, fonts, nil
}

// recordedFonts loads the fonts a document was signed with, checking they are the same bytes.
func recordedFonts(d Document) (reports.Options, error) {
	var opts reports.Options
	emb := embeddedFonts()
	for i, f := range [2]FontChoice{d.BodyFont, d.TitleFont} {
		if f.Path == "" {
			if f.SHA256 != "" && f.SHA256 != emb[i].SHA256 {
				return opts, data.Conflict("文书 %s 签发时所用的内置%s字体与本程序的不同，无法重新生成与签发时一致的文本", d.Label(), faceNames[i])
			}
			continue
		}
		b, sha, err := readFontFile(f.Path)
		if err != nil || sha != f.SHA256 {
			return opts, &data.Error{Kind: data.ErrConflict, Err: err,
				Message: fmt.Sprintf("文书 %s 签发时所用的%s字体“%s”已不存在或已变化，无法重新生成与签发时一致的文本", d.Label(), faceNames[i], f.Path)}
		}
		if i == 0 {
			opts.BodyFont = b
		} else {
			opts.TitleFont = b
		}
	}
	return opts, nil
}

// DocumentFonts returns the office's current font choice for documents.
func (db *DB) DocumentFonts(ctx context.Context) (body, title FontChoice, err error) {
	_, fonts, err := currentFonts(ctx, db.db)
	return fonts[0], fonts[1], err
}

// SetDocumentFonts chooses the body and title font files of documents (administrators
// only); an empty path means the embedded face. Each file must be a TrueType (.ttf) font the
// PDF writer can embed, e.g. Windows' simfang.ttf (仿宋) or 方正小标宋. Each document records
// the choice (path and SHA-256) when it is signed.
func (db *DB) SetDocumentFonts(ctx context.Context, bodyPath, titlePath string) error {
	paths := [2]string{strings.TrimSpace(bodyPath), strings.TrimSpace(titlePath)}
	for i, p := range paths {
		if p == "" {
			continue
		}
		b, _, err := readFontFile(p)
		if err != nil {
			return &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("无法读取%s字体文件“%s”：请确认文件存在", faceNames[i], p)}
		}
		opts := reports.Options{BodyFont: b, TitleFont: b}
		page := reports.Page{Texts: []reports.Text{{X: 30, Y: 50, Size: 16, Cell: 5.6, S: "台账字体测试，仿宋、小标宋。"}}}
		if err := reports.WritePDF(&bytes.Buffer{}, []reports.Page{page}, opts); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("“%s”不能用作%s字体：须为 TrueType 字体文件（.ttf，如 simfang.ttf），不支持 .otf 和 .ttc", p, faceNames[i])}
		}
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if err := tx.SetSetting(keyDocBodyFont, paths[0]); err != nil {
			return err
		}
		return tx.SetSetting(keyDocTitleFont, paths[1])
	})
}

// ---- rendering ----

func layoutDoc(content any, opts reports.Options) []reports.Page {
	switch c := content.(type) {
	case *data.Decision:
		return reports.LayoutDecision(*c, opts)
	case *data.OneTimeNotice:
		return reports.LayoutOneTimeNotice(*c, opts)
	case *data.RejectionNotice:
		return reports.LayoutRejectionNotice(*c, opts)
	}
	return nil
}

func renderDoc(content any, opts reports.Options) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch c := content.(type) {
	case *data.Decision:
		err = reports.WriteDecision(&buf, *c, opts)
	case *data.OneTimeNotice:
		err = reports.WriteOneTimeNotice(&buf, *c, opts)
	case *data.RejectionNotice:
		err = reports.WriteRejectionNotice(&buf, *c, opts)
	default:
		err = fmt.Errorf("render: unknown content %T", content)
	}
	if errors.Is(err, reports.ErrFont) {
		return nil, &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
			Message: "所选字体不能用于打印文书（须为 TrueType .ttf 字体）：请在设置中改选字体，或改用内置字体"}
	}
	return buf.Bytes(), err
}

// PreviewDocument lays out a document for the preview with the page model that writes its
// PDF, and returns the font options to draw it with. A draft shows the number as
// prefix〔year〕　号 (the number is allocated when it is signed) and today as its date, as
// signing would print them; a signed document shows its frozen content.
func (db *DB) PreviewDocument(ctx context.Context, id int64) ([]reports.Page, reports.Options, error) {
	d, err := db.Document(ctx, id)
	if err != nil {
		return nil, reports.Options{}, err
	}
	if d.Status != DocDraft {
		// The fonts it was signed with; if those files are gone, today's choice still shows
		// the frozen content.
		opts, err := recordedFonts(d)
		if err != nil {
			if opts, _, err = currentFonts(ctx, db.db); err != nil {
				return nil, opts, err
			}
		}
		return layoutDoc(d.content(), opts), opts, nil
	}
	opts, _, err := currentFonts(ctx, db.db)
	if err != nil {
		return nil, opts, err
	}
	today := data.Today(db.Now())
	var prefix string
	err = db.db.QueryRowContext(ctx, `SELECT prefix FROM doc_numbering WHERE key IN (?, ?) ORDER BY length(key) DESC LIMIT 1`,
		NumberingKey(d.Kind, d.Programme), string(d.Kind)).Scan(&prefix)
	if isNoRows(err) {
		prefix, err = defaultNumbering[string(d.Kind)].Prefix, nil
	}
	if err != nil {
		return nil, opts, err
	}
	switch {
	case d.Decision != nil:
		if d.Decision.Date.IsZero() {
			d.Decision.Date = today
		}
		d.Decision.DocNumber = prefix + "〔" + strconv.Itoa(d.Decision.Date.Year) + "〕　　号"
	case d.RejectionNotice != nil:
		if d.RejectionNotice.Date.IsZero() {
			d.RejectionNotice.Date = today
		}
		d.RejectionNotice.DocNumber = prefix + "〔" + strconv.Itoa(d.RejectionNotice.Date.Year) + "〕　　号"
	}
	// The remedy clause as signing would write it now; when it cannot be completed the
	// preview says so where the clause goes (signing refuses).
	if err := fillRemedyQ(ctx, db.db, d.content()); err != nil {
		msg := "（救济途径无法写全：" + strings.TrimSuffix(data.Message(err), "。") + "。）"
		if d.Decision != nil {
			d.Decision.Remedy = msg
		} else if d.RejectionNotice != nil {
			d.RejectionNotice.Remedy = msg
		}
	}
	return layoutDoc(d.content(), opts), opts, nil
}

// ---- drafts ----

// loadApplicant reads the resident a document is for, refusing a voided record.
func (tx *Tx) loadApplicant(residentID int64) (data.Resident, int, error) {
	if residentID == 0 {
		return data.Resident{}, 0, data.Invalid("resident", msgNeedsPerson)
	}
	r, err := scanResident(tx.QueryRowContext(tx.ctx, "SELECT "+residentCols+residentFrom+" WHERE r.id = ?", residentID))
	if isNoRows(err) {
		return r, 0, data.NotFound("居民档案不存在（编号 %d）", residentID)
	}
	if err != nil {
		return r, 0, err
	}
	if r.Voided {
		return r, 0, data.Conflict(msgVoidedRes)
	}
	size := 1
	if r.HouseholdID != 0 {
		if err := tx.QueryRowContext(tx.ctx, "SELECT count(*) FROM residents WHERE household_id = ? AND voided = 0 AND status = ?",
			r.HouseholdID, string(data.ResidentActive)).Scan(&size); err != nil {
			return r, 0, err
		}
		size = max(size, 1)
	}
	return r, size, nil
}

// fillDecision writes into d what the program knows: the applicant from the resident record
// (never retyped) and the authority, 人民政府 and 人民法院 from the office settings.
func (tx *Tx) fillDecision(d *data.Decision, residentID int64) error {
	o, err := tx.db.Office(tx.ctx)
	if err != nil {
		return err
	}
	return tx.fillDecisionFrom(d, residentID, o)
}

func (tx *Tx) fillDecisionFrom(d *data.Decision, residentID int64, o data.Office) error {
	r, size, err := tx.loadApplicant(residentID)
	if err != nil {
		return err
	}
	d.Applicant, d.IDNumber, d.Address, d.HouseholdSize = r.Name, r.IDNumber, r.Address, size
	d.Government, d.Court = o.Government, o.Court
	return tx.applyCompetence(d, o)
}

func (tx *Tx) checkDraftDecision(d *data.Decision) error {
	if !d.Outcome.Valid() {
		return data.Invalid("outcome", "请选择决定结果（给予、不予批准、增发、减发或停发）")
	}
	d.Programme = data.Programme(strings.TrimSpace(string(d.Programme)))
	if d.Programme == "" {
		return data.Invalid("programme", "请选择救助类别")
	}
	ps, err := programmes(tx.ctx, tx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p == d.Programme {
			return nil
		}
	}
	return data.Invalid("programme", "救助类别“%s”不在列表中：请从列表中选择，或请管理员先添加", d.Programme)
}

func (tx *Tx) insertDocument(d *Document, pdf []byte) error {
	u := tx.user
	var uid int64
	uname := "系统"
	if u != nil {
		uid, uname = u.ID, u.Name
	}
	d.CreatedBy, d.CreatedAt = uname, tx.now
	if d.Date.IsZero() {
		d.Date = data.Today(tx.now)
	}
	var signedBy any
	var signedAt any
	if d.Status == DocSigned {
		signedBy, signedAt, d.SignedBy, d.SignedAt = nullID(uid), ts(tx.now), uname, tx.now
	}
	var seq, year any
	var number any
	if d.DocNumber != "" {
		_, y, s, err := data.ParseDocNumber(d.DocNumber)
		if err != nil {
			return err
		}
		seq, year, number = s, y, d.DocNumber
	}
	var pdfArg any
	if pdf != nil {
		pdfArg = pdf
		d.PDFSHA256 = sha256Hex(pdf)
	}
	res, err := tx.ExecContext(tx.ctx, `INSERT INTO documents (kind, programme, outcome, title, applicant, resident_id, status,
		num_key, doc_number, prefix, year, seq, doc_date, corrects_id, body_font, body_font_sha, title_font, title_font_sha,
		signed_by, signed_by_name, signed_at, created_by, created_by_name, created_at, updated_at, pdf_sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(d.Kind), string(d.Programme), string(d.Outcome), d.Title, d.Applicant, nullID(d.ResidentID), string(d.Status),
		d.NumKey, number, docPrefix(d.DocNumber), year, seq, d.Date, nullID(d.CorrectsID), d.BodyFont.Path, d.BodyFont.SHA256,
		d.TitleFont.Path, d.TitleFont.SHA256, signedBy, d.SignedBy, signedAt, nullID(uid), uname, ts(tx.now), ts(tx.now),
		d.PDFSHA256)
	if err != nil {
		return uniqueNumber(err, d.DocNumber)
	}
	d.ID, _ = res.LastInsertId()
	_, err = tx.ExecContext(tx.ctx, "INSERT INTO document_bodies (document_id, content, pdf) VALUES (?, ?, ?)", d.ID, toJSON(d.content()), pdfArg)
	return err
}

func docPrefix(number string) string {
	p, _, _, err := data.ParseDocNumber(number)
	if err != nil {
		return ""
	}
	return p
}

// uniqueNumber turns a duplicate-number failure into a message (it needs two registers
// configured with the same prefix; SetDocNumbering refuses that).
func uniqueNumber(err error, number string) error {
	if err != nil && strings.Contains(err.Error(), "UNIQUE") && strings.Contains(err.Error(), "doc_number") {
		return &data.Error{Kind: data.ErrConflict, Err: err,
			Message: fmt.Sprintf("文号“%s”已被使用：请检查文号设置，不同类别的文书不能使用相同的前缀", number)}
	}
	return err
}

// CreateDecisionDraft saves a new 社会救助决定书 draft for a resident. The applicant's name,
// ID number, address and household size come from the resident record, the authority and the
// remedy clause's 人民政府 and 人民法院 from the office settings; d supplies the decision.
// Full validation happens when it is signed.
func (db *DB) CreateDecisionDraft(ctx context.Context, residentID int64, d data.Decision) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		if err := tx.checkDraftDecision(&d); err != nil {
			return err
		}
		if err := tx.fillDecision(&d, residentID); err != nil {
			return err
		}
		d.DocNumber = ""
		doc := Document{DocumentRow: DocumentRow{Kind: data.DocDecision, Programme: d.Programme, Outcome: d.Outcome,
			Title: d.Title(), Applicant: d.Applicant, ResidentID: residentID, Status: DocDraft}, Decision: &d}
		if d.Corrects != "" {
			if err := tx.linkCorrection(&doc, d.Corrects); err != nil {
				return err
			}
		}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		id = doc.ID
		return tx.Audit("create", "documents", id, nil, docAudit(doc))
	})
	return id, err
}

// linkCorrection points a draft at the signed document of that number it corrects.
func (tx *Tx) linkCorrection(doc *Document, number string) error {
	var id int64
	err := tx.QueryRowContext(tx.ctx, "SELECT id FROM documents WHERE doc_number = ?", number).Scan(&id)
	if isNoRows(err) {
		return data.Invalid("corrects", "找不到被更正的文书“%s”", number)
	}
	doc.CorrectsID = id
	return err
}

func docAudit(d Document) map[string]any {
	return map[string]any{"kind": d.Kind, "title": d.Title, "applicant": d.Applicant, "resident_id": d.ResidentID,
		"status": d.Status, "doc_number": d.DocNumber, "corrects_id": d.CorrectsID, "content": d.content()}
}

// editableDraft loads a document that must still be a draft of kind.
func (tx *Tx) editableDraft(id int64, kind data.DocKind) (Document, error) {
	d, err := tx.document(id)
	if err != nil {
		return d, err
	}
	switch d.Status {
	case DocSigned:
		return d, data.Conflict(msgFrozen)
	case DocVoided:
		return d, data.Conflict(msgVoidedDoc)
	}
	if d.Kind != kind {
		return d, data.Invalid("kind", "该文书是%s，不是%s", d.Kind, kind)
	}
	return d, nil
}

// saveDraft writes a draft's new content, only while it is still a draft.
func (tx *Tx) saveDraft(old, doc Document) error {
	res, err := tx.ExecContext(tx.ctx, `UPDATE documents SET programme = ?, outcome = ?, title = ?, applicant = ?,
		updated_at = ? WHERE id = ? AND status = 'draft'`,
		string(doc.Programme), string(doc.Outcome), doc.Title, doc.Applicant, ts(tx.now), doc.ID)
	if err := stillDraft(res, err); err != nil {
		return err
	}
	if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET content = ? WHERE document_id = ?", toJSON(doc.content()), doc.ID); err != nil {
		return err
	}
	return tx.Audit("update", "documents", doc.ID, docAudit(old), docAudit(doc))
}

func stillDraft(res sql.Result, err error) error {
	if err != nil {
		if strings.Contains(err.Error(), "frozen") {
			return data.Conflict(msgFrozen)
		}
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return data.Conflict(msgFrozen)
	}
	return nil
}

// UpdateDraft saves changes to a decision draft. The applicant's details are read again from
// the resident record. A signed document is refused: corrections are a new document.
func (db *DB) UpdateDraft(ctx context.Context, id int64, d data.Decision) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.editableDraft(id, data.DocDecision)
		if err != nil {
			return err
		}
		if err := tx.checkDraftDecision(&d); err != nil {
			return err
		}
		if err := tx.fillDecision(&d, old.ResidentID); err != nil {
			return err
		}
		d.DocNumber, d.Corrects = "", old.Decision.Corrects
		doc := old
		doc.Decision, doc.Programme, doc.Outcome, doc.Title, doc.Applicant = &d, d.Programme, d.Outcome, d.Title(), d.Applicant
		return tx.saveDraft(old, doc)
	})
}

// CreateRejectionDraft saves a new 不予受理通知书 draft. residentID names the applicant from
// the residents (0 when the applicant is not registered here: then r.Applicant is used).
// The authority and the remedy clause come from the office settings.
func (db *DB) CreateRejectionDraft(ctx context.Context, residentID int64, r data.RejectionNotice) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.fillRejection(&r, residentID); err != nil {
			return err
		}
		doc := Document{DocumentRow: DocumentRow{Kind: data.DocRejectionNotice, Title: "不予受理通知书", Applicant: r.Applicant,
			ResidentID: residentID, Status: DocDraft}, RejectionNotice: &r}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		id = doc.ID
		return tx.Audit("create", "documents", id, nil, docAudit(doc))
	})
	return id, err
}

func (tx *Tx) fillRejection(r *data.RejectionNotice, residentID int64) error {
	o, err := tx.db.Office(tx.ctx)
	if err != nil {
		return err
	}
	return tx.fillRejectionFrom(r, residentID, o)
}

func (tx *Tx) fillRejectionFrom(r *data.RejectionNotice, residentID int64, o data.Office) error {
	if residentID != 0 {
		res, _, err := tx.loadApplicant(residentID)
		if err != nil {
			return err
		}
		r.Applicant = res.Name
	}
	r.Applicant = strings.TrimSpace(r.Applicant)
	if r.Applicant == "" {
		return data.Invalid("applicant", "请填写申请人姓名，或从居民档案中选择")
	}
	r.Authority, r.Government, r.Court, r.DocNumber = o.Name, o.Government, o.Court, ""
	return nil
}

// UpdateRejectionDraft saves changes to a 不予受理通知书 draft.
func (db *DB) UpdateRejectionDraft(ctx context.Context, id int64, r data.RejectionNotice) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.editableDraft(id, data.DocRejectionNotice)
		if err != nil {
			return err
		}
		if err := tx.fillRejection(&r, old.ResidentID); err != nil {
			return err
		}
		doc := old
		doc.RejectionNotice, doc.Applicant = &r, r.Applicant
		return tx.saveDraft(old, doc)
	})
}

// ---- signing ----

// SignDocument issues (签发) a draft: reviewers and administrators only. It validates the
// content, dates it (the draft's date, or today), allocates the 文号 of its register in this
// transaction, renders the PDF with the office's fonts and keeps the bytes and the font
// choice. It returns the number. Any later change is refused.
func (db *DB) SignDocument(ctx context.Context, id int64) (string, error) {
	var number string
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActReview); err != nil {
			return data.Forbidden("只有审核人或管理员可以签发文书，请提交审核人签发")
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		switch d.Status {
		case DocSigned:
			return data.Conflict("该文书已签发（%s），不能重复签发", d.DocNumber)
		case DocVoided:
			return data.Conflict("该文书已作废，不能签发")
		}
		if d.ResidentID != 0 {
			if _, _, err := tx.loadApplicant(d.ResidentID); err != nil {
				return err
			}
		}
		today := data.Today(tx.now)
		var date *data.Date
		var validate func() error
		switch d.Kind {
		case data.DocDecision:
			// A closure, not the method value: that would copy the decision before it is dated.
			date, validate = &d.Decision.Date, func() error { return d.Decision.Validate() }
		case data.DocRejectionNotice:
			date, validate = &d.RejectionNotice.Date, func() error { return d.RejectionNotice.Validate() }
		default:
			return data.Invalid("kind", "%s不需要签发", d.Kind)
		}
		if date.IsZero() {
			*date = today
		}
		if date.After(today) {
			return data.Invalid("date", "文书日期（%s）晚于今天，请改为签发当天或以前的日期", date.Chinese())
		}
		// Who decides and the remedy clause follow the settings in force when it is signed;
		// the clause is then frozen with the document.
		o, err := tx.db.Office(tx.ctx)
		if err != nil {
			return err
		}
		if d.Decision != nil {
			d.Decision.Government, d.Decision.Court = o.Government, o.Court
			if err := tx.applyCompetence(d.Decision, o); err != nil {
				return err
			}
		} else {
			d.RejectionNotice.Government, d.RejectionNotice.Court = o.Government, o.Court
		}
		if err := validate(); err != nil {
			return err
		}
		if err := tx.fillRemedy(d.content()); err != nil {
			return err
		}
		reg, seq, num, err := tx.allocateNumber(d.Kind, d.Programme, date.Year)
		if err != nil {
			return err
		}
		if d.Decision != nil {
			d.Decision.DocNumber = num
		} else {
			d.RejectionNotice.DocNumber = num
		}
		opts, fonts, err := currentFonts(tx.ctx, tx)
		if err != nil {
			return err
		}
		pdf, err := renderDoc(d.content(), opts)
		if err != nil {
			return err
		}
		sum := sha256Hex(pdf)
		// The body first, while the document is still a draft (the freeze trigger).
		if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET content = ?, pdf = ? WHERE document_id = ?",
			toJSON(d.content()), pdf, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, `UPDATE documents SET status = 'signed', num_key = ?, doc_number = ?, prefix = ?,
			year = ?, seq = ?, doc_date = ?, body_font = ?, body_font_sha = ?, title_font = ?, title_font_sha = ?,
			signed_by = ?, signed_by_name = ?, signed_at = ?, updated_at = ?, pdf_sha256 = ?
			WHERE id = ? AND status = 'draft'`,
			reg.Key, num, reg.Prefix, date.Year, seq, *date, fonts[0].Path, fonts[0].SHA256,
			fonts[1].Path, fonts[1].SHA256, tx.user.ID, tx.user.Name, ts(tx.now), ts(tx.now), sum, id)
		if err != nil {
			return uniqueNumber(err, num)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("该文书已被他人签发或作废，请刷新后查看")
		}
		number = num
		return tx.Audit("sign", "documents", id, map[string]any{"status": DocDraft},
			map[string]any{"status": DocSigned, "doc_number": num, "date": *date, "pdf_sha256": sum,
				"body_font": fonts[0], "title_font": fonts[1]})
	})
	return number, err
}

// CreateOneTimeNotice makes a 一次性告知单 for a catalog item: brought[i] marks the i-th
// material as already brought. The notice needs no reviewer: it is numbered in the
// one-time-notice register (告知〔2026〕1号, so its stub can be found), dated today, signed
// by the clerk who makes it and rendered at once; the office's address and phone are its
// contact.
func (db *DB) CreateOneTimeNotice(ctx context.Context, itemName, applicant string, brought []bool) (int64, error) {
	var id int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		if err := tx.ensureDocCatalogs(); err != nil {
			return err
		}
		items, err := serviceItems(tx.ctx, tx, strings.TrimSpace(itemName))
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return data.NotFound("事项目录中没有“%s”，请从列表中选择", itemName)
		}
		n := items[0].Notice(brought)
		o, err := tx.db.Office(tx.ctx)
		if err != nil {
			return err
		}
		var contact []string
		if o.Address != "" {
			contact = append(contact, o.Address)
		}
		if o.Phone != "" {
			contact = append(contact, "电话 "+o.Phone)
		}
		if len(contact) == 0 {
			return data.Invalid("contact", "单位的地址和电话尚未设置：告知单须印出联系方式，请管理员先在设置中填写")
		}
		n.Authority, n.Applicant, n.Contact = o.Name, strings.TrimSpace(applicant), strings.Join(contact, "，")
		n.Clerk, n.Date = tx.user.Name, data.Today(tx.now)
		if err := n.Validate(); err != nil {
			return err
		}
		reg, _, num, err := tx.allocateNumber(data.DocOneTimeNotice, "", n.Date.Year)
		if err != nil {
			return err
		}
		n.DocNumber = num
		opts, fonts, err := currentFonts(tx.ctx, tx)
		if err != nil {
			return err
		}
		pdf, err := renderDoc(&n, opts)
		if err != nil {
			return err
		}
		doc := Document{DocumentRow: DocumentRow{Kind: data.DocOneTimeNotice, Title: n.Item + "一次性告知单", Applicant: n.Applicant,
			Status: DocSigned, NumKey: reg.Key, DocNumber: num, Date: n.Date}, OneTimeNotice: &n, BodyFont: fonts[0], TitleFont: fonts[1]}
		if err := tx.insertDocument(&doc, pdf); err != nil {
			return err
		}
		id = doc.ID
		a := docAudit(doc)
		a["pdf_sha256"] = doc.PDFSHA256
		return tx.Audit("create", "documents", id, nil, a)
	})
	return id, err
}

// CorrectDocument starts a correction of a signed decision or non-acceptance notice: a new
// draft with the same content, the applicant read again from the resident record, and (for
// a decision) the old number in Corrects. The old document stays as it is; void it if it
// must no longer stand.
func (db *DB) CorrectDocument(ctx context.Context, id int64) (int64, error) {
	var newID int64
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		old, err := tx.document(id)
		if err != nil {
			return err
		}
		if old.DocNumber == "" {
			return data.Conflict("草稿可以直接修改，不需要更正文书")
		}
		doc := Document{DocumentRow: DocumentRow{Kind: old.Kind, Programme: old.Programme, Outcome: old.Outcome, Title: old.Title,
			Applicant: old.Applicant, ResidentID: old.ResidentID, Status: DocDraft, CorrectsID: old.ID}}
		switch old.Kind {
		case data.DocDecision:
			d := *old.Decision
			d.DocNumber, d.Date, d.Corrects = "", data.Date{}, old.DocNumber
			if old.ResidentID != 0 {
				if err := tx.fillDecision(&d, old.ResidentID); err != nil {
					return err
				}
			}
			doc.Decision, doc.Applicant = &d, d.Applicant
		case data.DocRejectionNotice:
			r := *old.RejectionNotice
			r.Date = data.Date{}
			if err := tx.fillRejection(&r, old.ResidentID); err != nil {
				return err
			}
			doc.RejectionNotice, doc.Applicant = &r, r.Applicant
		default:
			return data.Invalid("kind", "一次性告知单不需要更正：请重新制作一份")
		}
		if err := tx.insertDocument(&doc, nil); err != nil {
			return err
		}
		newID = doc.ID
		return tx.Audit("correct", "documents", newID, map[string]any{"corrects": old.DocNumber}, docAudit(doc))
	})
	return newID, err
}

// VoidDocument voids a document with a reason. It stays in the list with the reason; a signed
// document's number stays accounted for in its register and is never reused. Voiding a
// signed document needs a reviewer; a clerk may void (discard) a draft.
func (db *DB) VoidDocument(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.Invalid("reason", "请填写作废原因")
	}
	if utf8.RuneCountInString(reason) > data.MaxReasonLen {
		return data.Invalid("reason", "作废原因过长，最多 %d 字", data.MaxReasonLen)
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		if !d.Status.CanTransition(DocVoided) {
			return data.Conflict("该文书已作废（原因：%s）", d.VoidReason)
		}
		if d.Status == DocSigned && !tx.user.Role.Can(data.ActReview) {
			return data.Forbidden("已签发的文书只能由审核人或管理员作废")
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE documents SET status = 'voided', void_reason = ?, voided_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			reason, ts(tx.now), ts(tx.now), id, string(d.Status))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("该文书的状态已被他人改变，请刷新后再试")
		}
		return tx.Audit("void", "documents", id, map[string]any{"status": d.Status, "doc_number": d.DocNumber},
			map[string]any{"status": DocVoided, "reason": reason})
	})
}

// ---- printing ----

// PrintDocument returns the PDF of a signed document for printing and counts the print.
// Reprints are the bytes kept at signing, identical every time. A document made in bulk by
// the demo without its PDF is rendered now from its frozen content with the fonts it
// recorded, and those bytes are kept from then on.
func (db *DB) PrintDocument(ctx context.Context, id int64) ([]byte, error) {
	var pdf []byte
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(id)
		if err != nil {
			return err
		}
		pdf, err = docPDF(tx.ctx, tx, d)
		if err != nil {
			return err
		}
		if !d.HasPDF {
			if _, err := tx.ExecContext(tx.ctx, "UPDATE document_bodies SET pdf = ? WHERE document_id = ? AND pdf IS NULL", pdf, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET pdf_sha256 = ? WHERE id = ? AND pdf_sha256 = ''", sha256Hex(pdf), id); err != nil {
				return err
			}
			if err := tx.Audit("render", "documents", id, nil, map[string]any{"pdf_sha256": sha256Hex(pdf)}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET print_count = print_count + 1 WHERE id = ?", id); err != nil {
			return err
		}
		return tx.Audit("print", "documents", id, nil, map[string]any{"doc_number": d.DocNumber, "print_count": d.PrintCount + 1})
	})
	return pdf, err
}

// DocumentPDF returns the PDF of a signed document without counting a print: for the
// read-only command line (`taizhang print`) and for viewing. A bulk-made demo document
// without stored bytes is rendered from its frozen content and not stored.
func (db *DB) DocumentPDF(ctx context.Context, id int64) ([]byte, error) {
	d, err := db.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	return docPDF(ctx, db.db, d)
}

func docPDF(ctx context.Context, q docQuerier, d Document) ([]byte, error) {
	switch d.Status {
	case DocDraft:
		return nil, data.Conflict(msgNotSigned)
	case DocVoided:
		if d.DocNumber == "" {
			return nil, data.Conflict("该草稿已作废，没有正式文本")
		}
		return nil, data.Conflict("文书 %s 已作废（原因：%s），不能打印", d.DocNumber, d.VoidReason)
	}
	if d.HasPDF {
		var pdf []byte
		err := q.QueryRowContext(ctx, "SELECT pdf FROM document_bodies WHERE document_id = ?", d.ID).Scan(&pdf)
		return pdf, err
	}
	opts, err := recordedFonts(d)
	if err != nil {
		return nil, err
	}
	return renderDoc(d.content(), opts)
}

// ---- deliveries ----

// deliverable loads a signed decision or non-acceptance notice for its 送达回证.
func deliverable(d Document) error {
	if d.Kind != data.DocDecision && d.Kind != data.DocRejectionNotice {
		return data.Invalid("kind", "%s不需要送达回证", d.Kind)
	}
	switch d.Status {
	case DocDraft:
		return data.Conflict("文书尚未签发，不能送达")
	case DocVoided:
		return data.Conflict("文书 %s 已作废，不能送达", d.DocNumber)
	}
	return nil
}

func receiptOf(d Document) data.DeliveryReceipt {
	r := data.DeliveryReceipt{DocName: d.Title, DocNumber: d.DocNumber, Recipient: d.Applicant}
	if d.Decision != nil {
		r.Authority, r.Place = d.Decision.Authority, d.Decision.Address
	} else if d.RejectionNotice != nil {
		r.Authority = d.RejectionNotice.Authority
	}
	return r
}

// DeliveryReceiptPDF writes the 送达回证 of a signed decision: the document's name and number,
// recipient and address filled in and the signature blanks empty; once the delivery is
// recorded, the recorded method, date, people and reason are filled in as well.
func (db *DB) DeliveryReceiptPDF(ctx context.Context, docID int64) ([]byte, error) {
	d, err := db.Document(ctx, docID)
	if err != nil {
		return nil, err
	}
	if err := deliverable(d); err != nil {
		return nil, err
	}
	r := receiptOf(d)
	if d.Delivery != nil {
		r = d.Delivery.DeliveryReceipt
		r.Authority = receiptOf(d).Authority
	}
	if err := r.ValidateForm(); err != nil {
		return nil, err
	}
	opts, _, err := currentFonts(ctx, db.db)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reports.WriteDeliveryReceipt(&buf, r, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RecordDelivery records the 送达 of a signed decision (or non-acceptance notice): method,
// date, place, recipient, server, and for 留置 the witness and the reason of the refusal. The
// document's name, number and authority come from the document; the recipient defaults to
// the applicant. The date may not precede the document's date nor follow today. The decision
// then leaves the "awaiting delivery" list.
func (db *DB) RecordDelivery(ctx context.Context, docID int64, r data.DeliveryReceipt) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		d, err := tx.document(docID)
		if err != nil {
			return err
		}
		if err := deliverable(d); err != nil {
			return err
		}
		if d.Delivered {
			return data.Conflict("文书 %s 已记录送达，不能重复记录", d.DocNumber)
		}
		base := receiptOf(d)
		r.Authority, r.DocName, r.DocNumber = base.Authority, base.DocName, base.DocNumber
		if strings.TrimSpace(r.Recipient) == "" {
			r.Recipient = base.Recipient
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if r.Date.Before(d.Date) {
			return data.Invalid("date", "送达日期（%s）早于文书签发日期（%s），请核对", r.Date.Chinese(), d.Date.Chinese())
		}
		if r.Date.After(data.Today(tx.now)) {
			return data.Invalid("date", "送达日期（%s）晚于今天，请核对", r.Date.Chinese())
		}
		if err := tx.insertDelivery(docID, r); err != nil {
			return err
		}
		res, err := tx.ExecContext(tx.ctx, "UPDATE documents SET delivered = 1, updated_at = ? WHERE id = ? AND status = 'signed' AND delivered = 0", ts(tx.now), docID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return data.Conflict("文书 %s 的状态已被他人改变，请刷新后再试", d.DocNumber)
		}
		return tx.Audit("deliver", "documents", docID, nil, r)
	})
}

func (tx *Tx) insertDelivery(docID int64, r data.DeliveryReceipt) error {
	var uid int64
	uname := "系统"
	if tx.user != nil {
		uid, uname = tx.user.ID, tx.user.Name
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO deliveries (document_id, method, delivered_on, place, recipient, server, witness,
		refusal_reason, note, agent, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		docID, string(r.Method), r.Date, strings.TrimSpace(r.Place), strings.TrimSpace(r.Recipient), strings.TrimSpace(r.Server),
		strings.TrimSpace(r.Witness), strings.TrimSpace(r.RefusalReason), strings.TrimSpace(r.Note), strings.TrimSpace(r.Agent),
		nullID(uid), uname, ts(tx.now))
	return err
}

const sqlAwaiting = "kind = 'decision' AND status = 'signed' AND delivered = 0"

// AwaitingDelivery counts the signed decisions not yet delivered, for the dashboard.
func (db *DB) AwaitingDelivery(ctx context.Context) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE "+sqlAwaiting).Scan(&n)
	return n, err
}

// DocumentStats returns, for `taizhang stats` and the statistics page, the documents signed
// in [from, to] (zero: unbounded) and not voided, of every kind (documents.issued), and the
// signed decisions awaiting delivery now (documents.awaiting_delivery; a state, so not
// bounded by the period).
func (db *DB) DocumentStats(ctx context.Context, from, to data.Date) (issued, awaitingDelivery int, err error) {
	q := "SELECT count(*) FROM documents WHERE status = 'signed'"
	var args []any
	if !from.IsZero() {
		q += " AND doc_date >= ?"
		args = append(args, from)
	}
	if !to.IsZero() {
		q += " AND doc_date <= ?"
		args = append(args, to)
	}
	if err = db.db.QueryRowContext(ctx, q, args...).Scan(&issued); err != nil {
		return 0, 0, err
	}
	awaitingDelivery, err = db.AwaitingDelivery(ctx)
	return issued, awaitingDelivery, err
}

// ---- lists ----

// DocumentFilter selects documents for the list.
type DocumentFilter struct {
	Kind       data.DocKind
	Programme  data.Programme
	Status     DocStatus
	Delivered  *bool // nil: either
	ResidentID int64
	Query      string    // 文号 (whole or part) or applicant's name
	From, To   data.Date // by the document's date
	Offset     int
	Limit      int    // default 50
	Sort       string // "" (newest first), "date", "number", "applicant", "kind", "status"
	Desc       bool
}

var documentSorts = map[string]string{
	"date": "d.doc_date %s, d.id %[1]s", "number": "d.num_key %s, d.year %[1]s, d.seq %[1]s",
	"applicant": "d.applicant %s, d.id %[1]s", "kind": "d.kind %s, d.doc_date %[1]s", "status": "d.status %s, d.doc_date %[1]s",
}

func docLikeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	return r.Replace(s)
}

// ListDocuments returns one page of documents and the total matching the filter.
func (db *DB) ListDocuments(ctx context.Context, f DocumentFilter) ([]DocumentRow, int, error) {
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
			add("d.kind = 'decision' AND d.status = 'signed' AND d.delivered = 0")
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
			add(`(d.doc_number LIKE ? ESCAPE '\' OR d.applicant LIKE ? ESCAPE '\')`, like, like)
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
	rows, err := db.db.QueryContext(ctx, "SELECT "+docRowCols+" FROM documents d"+where+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []DocumentRow
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
		state := DocStatus(status).String()
		if DocStatus(status) == DocSigned && data.DocKind(kind) == data.DocDecision {
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

// ---- bulk (demo) ----

// BulkDocument is one signed document made by BulkSignDocuments: exactly one of Decision,
// RejectionNotice and OneTimeNotice, and for a decision optionally its recorded delivery.
type BulkDocument struct {
	ResidentID      int64
	Decision        *data.Decision
	RejectionNotice *data.RejectionNotice
	OneTimeNotice   *data.OneTimeNotice
	Delivery        *data.DeliveryReceipt
}

// BulkSignDocuments signs many documents fast, for the large demo office: batches of 2,000 per
// transaction, one audit entry per batch, each document validated and numbered as
// SignDocument would, with the applicant read from the resident record. Their PDFs are not
// rendered here (20,000 letters would take minutes): each is rendered from its frozen
// content and recorded fonts at its first print and kept from then on. Documents must come
// in date order so that numbers follow dates. Reviewers and administrators only. It returns
// the new ids in order.
func (db *DB) BulkSignDocuments(ctx context.Context, docs []BulkDocument) ([]int64, error) {
	const batch = 2000
	ids := make([]int64, 0, len(docs))
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		err := db.write(ctx, func(tx *Tx) error {
			if err := tx.require(data.ActReview); err != nil {
				return err
			}
			if err := tx.ensureDocCatalogs(); err != nil {
				return err
			}
			b := docBulkState{numbering: map[string]DocNumbering{}}
			var err error
			if _, b.fonts, err = currentFonts(tx.ctx, tx); err != nil {
				return err
			}
			if b.office, err = db.Office(tx.ctx); err != nil {
				return err
			}
			var first, last int64
			for i := start; i < end; i++ {
				id, err := tx.bulkSign(docs[i], &b)
				if err != nil {
					return fmt.Errorf("document %d: %w", i+1, err)
				}
				if first == 0 {
					first = id
				}
				last = id
				ids = append(ids, id)
			}
			return tx.Audit("bulk_sign", "documents", first, nil, map[string]any{"count": end - start, "first_id": first, "last_id": last})
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// docBulkState is what a batch of BulkSignDocuments reads once.
type docBulkState struct {
	fonts     [2]FontChoice
	office    data.Office
	numbering map[string]DocNumbering
}

func (tx *Tx) bulkSign(b BulkDocument, st *docBulkState) (int64, error) {
	doc := Document{DocumentRow: DocumentRow{ResidentID: b.ResidentID, Status: DocSigned}, BodyFont: st.fonts[0], TitleFont: st.fonts[1]}
	var date data.Date
	switch {
	case b.Decision != nil:
		d := *b.Decision
		if err := tx.fillDecisionFrom(&d, b.ResidentID, st.office); err != nil {
			return 0, err
		}
		if err := d.Validate(); err != nil {
			return 0, err
		}
		if err := tx.fillRemedy(&d); err != nil {
			return 0, err
		}
		doc.Kind, doc.Programme, doc.Outcome, doc.Decision, date = data.DocDecision, d.Programme, d.Outcome, &d, d.Date
	case b.RejectionNotice != nil:
		r := *b.RejectionNotice
		if err := tx.fillRejectionFrom(&r, b.ResidentID, st.office); err != nil {
			return 0, err
		}
		if err := r.Validate(); err != nil {
			return 0, err
		}
		if err := tx.fillRemedy(&r); err != nil {
			return 0, err
		}
		doc.Kind, doc.RejectionNotice, date = data.DocRejectionNotice, &r, r.Date
	case b.OneTimeNotice != nil:
		n := *b.OneTimeNotice
		if err := n.Validate(); err != nil {
			return 0, err
		}
		doc.Kind, doc.OneTimeNotice, date = data.DocOneTimeNotice, &n, n.Date
	default:
		return 0, data.Invalid("content", "没有文书内容")
	}
	if date.After(data.Today(tx.now)) {
		return 0, data.Invalid("date", "文书日期（%s）晚于今天", date.Chinese())
	}
	key := NumberingKey(doc.Kind, doc.Programme)
	n, ok := st.numbering[key]
	if !ok {
		var err error
		if n, err = tx.numbering(key, true); err != nil {
			return 0, err
		}
		st.numbering[key] = n
	}
	reg, _, num, err := tx.allocateIn(n, doc.Kind, date.Year)
	if err != nil {
		return 0, err
	}
	doc.NumKey, doc.DocNumber, doc.Date = reg.Key, num, date
	switch {
	case doc.Decision != nil:
		doc.Decision.DocNumber, doc.Title, doc.Applicant = num, doc.Decision.Title(), doc.Decision.Applicant
	case doc.RejectionNotice != nil:
		doc.RejectionNotice.DocNumber, doc.Title, doc.Applicant = num, "不予受理通知书", doc.RejectionNotice.Applicant
	default:
		doc.OneTimeNotice.DocNumber, doc.Title, doc.Applicant = num, doc.OneTimeNotice.Item+"一次性告知单", doc.OneTimeNotice.Applicant
	}
	if err := tx.insertDocument(&doc, nil); err != nil {
		return 0, err
	}
	if b.Delivery != nil && doc.Kind != data.DocOneTimeNotice {
		r := *b.Delivery
		base := receiptOf(doc)
		r.Authority, r.DocName, r.DocNumber = base.Authority, base.DocName, base.DocNumber
		if r.Recipient == "" {
			r.Recipient = base.Recipient
		}
		if err := r.Validate(); err != nil {
			return 0, err
		}
		if r.Date.Before(date) || r.Date.After(data.Today(tx.now)) {
			return 0, data.Invalid("date", "送达日期（%s）不在文书日期与今天之间", r.Date.Chinese())
		}
		if err := tx.insertDelivery(doc.ID, r); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE documents SET delivered = 1 WHERE id = ?", doc.ID); err != nil {
			return 0, err
		}
	}
	return doc.ID, nil
}
