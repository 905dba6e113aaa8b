package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"taizhang/data"
)

// ImportPaperDocuments imports the office's register of documents issued on paper (rows as
// reports.ReadTable reads them). Each 文号's prefix names its numbering register; the letters
// hold their numbers, and in the same transaction each register's counter for each year is
// brought up to at least the highest imported number, so the next document signed gets the
// number after them. Every row is checked first; one problem and nothing is written. A letter
// already imported (same number, date and applicant) is skipped, so importing a register twice
// adds nothing. It moves the numbering, so only administrators may run it.
func (db *DB) ImportPaperDocuments(ctx context.Context, rows []data.SheetRow, opt data.PaperImportOptions) (data.LedgerImportReport, error) {
	rep := data.LedgerImportReport{DryRun: opt.DryRun}
	if err := requireUser(data.UserFromContext(ctx), data.ActManageOrg); err != nil {
		return rep, err
	}
	file := data.ParsePaperRegister(rows, db.now())
	rep.Rows = len(file.Entries)
	for _, h := range file.Headers {
		rep.Ignored = append(rep.Ignored, h.Ignored...)
	}
	people, err := db.residentBriefs(ctx)
	if err != nil {
		return rep, err
	}
	finish := func(p *paperImportPlan) (data.LedgerImportReport, error) {
		rep.Problems = append(append([]data.RosterProblem(nil), file.Problems...), p.problems...)
		sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
		rep.Imported, rep.Skipped = len(p.docs), p.skipped
		for _, r := range p.registers {
			rep.Added = append(rep.Added, data.AddedName{Kind: "文号前缀", Name: r.describe()})
		}
		if len(rep.Problems) > 0 {
			if len(rep.Problems) == 1 && rep.Problems[0].Line == 0 {
				return rep, data.Invalid("file", "%s，未导入任何文书", rep.Problems[0].Problem)
			}
			lines := map[string]bool{}
			for _, pr := range rep.Problems {
				lines[fmt.Sprint(pr.Sheet, "\x00", pr.Line)] = true
			}
			return rep, data.Invalid("file", "有 %d 行数据有误（共 %d 个问题），未导入任何文书。请改正后重新导入", len(lines), len(rep.Problems))
		}
		if rep.Rows == 0 {
			return rep, data.Invalid("file", "文件中没有文书：表头下面没有任何一行")
		}
		return rep, nil
	}
	if opt.DryRun {
		p, err := planPaperImport(ctx, db.db, file, opt, people)
		if err != nil {
			return rep, err
		}
		return finish(p)
	}
	err = db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		p, err := planPaperImport(ctx, tx.Tx, file, opt, people)
		if err != nil {
			return err
		}
		if rep, err = finish(p); err != nil {
			return err
		}
		for _, r := range p.registers {
			if _, err := tx.ExecContext(tx.ctx, `INSERT INTO doc_numbering (key, prefix, start, start_year) VALUES (?, ?, ?, ?)
				ON CONFLICT(key) DO UPDATE SET prefix = excluded.prefix`, r.n.Key, r.n.Prefix, r.n.Start, r.n.StartYear); err != nil {
				return err
			}
			action, before := "create", any(nil)
			if r.old != nil {
				action, before = "update", *r.old
			}
			if err := tx.Audit(action, "doc_numbering", 0, before, r.n); err != nil {
				return err
			}
		}
		if len(p.docs) == 0 {
			return nil
		}
		return tx.insertPaperDocuments(p.docs, opt.File)
	})
	return rep, err
}

// insertPaperDocuments writes the letters and brings each register's yearly counter up to
// the highest number among them, so numbering continues after them.
func (tx *Tx) insertPaperDocuments(docs []data.PaperDocument, file string) error {
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if a.NumKey != b.NumKey {
			return a.NumKey < b.NumKey
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Seq < b.Seq
	})
	ins, err := tx.PrepareContext(tx.ctx, `INSERT INTO paper_documents (num_key, year, seq, doc_number, kind, programme, outcome,
		signed_on, applicant, resident_id, amount, note, source_file, source_row, created_by, created_by_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer ins.Close()
	var by int64
	name := importedBy.Name
	if tx.user != nil {
		by, name = tx.user.ID, tx.user.Name
	}
	var firstID int64
	type yearKey struct {
		key  string
		year int
	}
	highest := map[yearKey]int{}
	for k, d := range docs {
		var amount any
		if d.HasAmount {
			amount = int64(d.Amount)
		}
		var id int64
		err := ins.QueryRowContext(tx.ctx, d.NumKey, d.Year, d.Seq, d.DocNumber, string(d.Kind), string(d.Programme), string(d.Outcome),
			d.SignedOn.String(), d.Applicant, nullID(d.ResidentID), amount, d.Note, file, d.SourceRow, nullID(by), name, ts(tx.now)).Scan(&id)
		if err != nil {
			return fmt.Errorf("paper document %s: %w", d.DocNumber, err)
		}
		if k == 0 {
			firstID = id
		}
		if yk := (yearKey{d.NumKey, d.Year}); d.Seq > highest[yk] {
			highest[yk] = d.Seq
		}
	}
	var counters []map[string]any
	for yk, seq := range highest {
		n, err := tx.numbering(yk.key, true)
		if err != nil {
			return err
		}
		// A register's counter holds the last number taken. When the year has none yet, it
		// starts where the register's starting number says, or after the paper, whichever is
		// later; an existing counter only ever moves up.
		v := max(seq, n.StartFor(yk.year)-1)
		if _, err := tx.ExecContext(tx.ctx, `INSERT INTO counters (name, year, value) VALUES (?, ?, ?)
			ON CONFLICT(name, year) DO UPDATE SET value = CASE WHEN counters.value < excluded.value THEN excluded.value ELSE counters.value END`,
			"doc:"+yk.key, yk.year, v); err != nil {
			return err
		}
		counters = append(counters, map[string]any{"register": yk.key, "year": yk.year, "at_least": v})
	}
	sort.Slice(counters, func(i, j int) bool { return fmt.Sprint(counters[i]) < fmt.Sprint(counters[j]) })
	// One entry for the file, as the other importers write: the letters are the rows from
	// first_id on (one immediate transaction), each naming its file and row.
	if err := tx.Audit("import", "paper_documents", firstID, nil, map[string]any{"file": file, "count": len(docs), "first_id": firstID,
		"first": docs[0].DocNumber, "last": docs[len(docs)-1].DocNumber, "counters": counters}); err != nil {
		return err
	}
	return tx.aidAfterPaper(docs) // the roster starts from the paper register's decisions (aid.go)
}

// paperRegister is a numbering register an import adds (old nil) or gives a new prefix.
type paperRegister struct {
	n   data.DocNumbering
	old *data.DocNumbering
}

func (r paperRegister) describe() string {
	what := registerName(r.n.Key)
	if r.old != nil {
		return fmt.Sprintf("%s（%s，原前缀“%s”尚未编过号）", r.n.Prefix, what, r.old.Prefix)
	}
	return fmt.Sprintf("%s（%s）", r.n.Prefix, what)
}

// registerName names a register for a clerk: 社会救助决定书, 社会救助决定书·低保.
func registerName(key string) string {
	kind, prog, ok := strings.Cut(key, ":")
	if ok {
		return data.DocKind(kind).String() + "·" + prog
	}
	return data.DocKind(kind).String()
}

type paperImportPlan struct {
	docs      []data.PaperDocument
	registers []paperRegister
	skipped   int
	problems  []data.RosterProblem
}

// paperHeld is a number already accounted for: by a document of the program (status) or by a
// paper letter imported before (its date and applicant).
type paperHeld struct {
	number, status, on, applicant string
}

func planPaperImport(ctx context.Context, q docQuerier, file data.PaperRegisterFile, opt data.PaperImportOptions,
	people map[int64]servedResident) (*paperImportPlan, error) {
	p := &paperImportPlan{}
	if len(file.Headers) == 0 {
		return p, nil
	}
	multi := len(file.Headers) > 1
	byPrefix := map[string]data.DocNumbering{}
	byKey := map[string]data.DocNumbering{}
	rows, err := q.QueryContext(ctx, "SELECT key, prefix, start, start_year FROM doc_numbering ORDER BY key")
	if err != nil {
		return nil, err
	}
	var registers []data.DocNumbering
	for rows.Next() {
		var n data.DocNumbering
		if err := rows.Scan(&n.Key, &n.Prefix, &n.Start, &n.StartYear); err != nil {
			rows.Close()
			return nil, err
		}
		byPrefix[n.Prefix], byKey[n.Key] = n, n
		registers = append(registers, n)
	}
	rows.Close()
	// The registers that have numbered anything: in the program, on paper, or by a counter.
	used, err := stringSet(ctx, q, `SELECT num_key FROM documents WHERE seq IS NOT NULL
		UNION SELECT num_key FROM paper_documents UNION SELECT substr(name, 5) FROM counters WHERE name LIKE 'doc:%'`)
	if err != nil {
		return nil, err
	}
	slot := func(key string, year, seq int) string { return fmt.Sprint(key, "\x00", year, "\x00", seq) }
	held := map[string]paperHeld{} // by number and by register slot
	rows, err = q.QueryContext(ctx, "SELECT doc_number, num_key, year, seq, status FROM documents WHERE doc_number IS NOT NULL AND seq IS NOT NULL")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var h paperHeld
		var key string
		var year, seq int
		if err := rows.Scan(&h.number, &key, &year, &seq, &h.status); err != nil {
			rows.Close()
			return nil, err
		}
		held[h.number], held[slot(key, year, seq)] = h, h
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, "SELECT doc_number, num_key, year, seq, signed_on, applicant FROM paper_documents")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var h paperHeld
		var key string
		var year, seq int
		if err := rows.Scan(&h.number, &key, &year, &seq, &h.on, &h.applicant); err != nil {
			rows.Close()
			return nil, err
		}
		held[h.number], held[slot(key, year, seq)] = h, h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	progs, err := programmes(ctx, q)
	if err != nil {
		return nil, err
	}
	progSet := map[data.Programme]bool{}
	var progNames []string
	for _, pr := range progs {
		progSet[pr] = true
		progNames = append(progNames, string(pr))
	}
	byID := map[string]servedResident{}
	for _, r := range people {
		byID[r.idNumber] = r
	}

	problem := func(e *data.PaperImportEntry, field, value, format string, args ...any) {
		sheet := ""
		if multi {
			sheet = e.Sheet
		}
		p.problems = append(p.problems, data.RosterProblem{Sheet: sheet, Line: e.Line, Column: e.Titles[field],
			Problem: fmt.Sprintf(format, args...), Value: value})
	}

	// Prefixes the office has no register for: refused, or with AddMissing given one.
	unknown := map[string][]*data.PaperImportEntry{}
	var unknownOrder []string
	// A letter imported before (same number, date and applicant) is skipped whatever its
	// register's prefix is now.
	again := func(e *data.PaperImportEntry) bool {
		h, ok := held[e.Doc.DocNumber]
		return ok && h.status == "" && h.on == e.Doc.SignedOn.String() && h.applicant == e.Doc.Applicant
	}
	inFile := map[string]bool{}
	for k := range file.Entries {
		e := &file.Entries[k]
		if e.Doc.Prefix == "" || again(e) {
			continue
		}
		inFile[e.Doc.Prefix] = true
		if _, ok := byPrefix[e.Doc.Prefix]; !ok {
			if unknown[e.Doc.Prefix] == nil {
				unknownOrder = append(unknownOrder, e.Doc.Prefix)
			}
			unknown[e.Doc.Prefix] = append(unknown[e.Doc.Prefix], e)
		}
	}
	var have []string
	for _, n := range registers {
		have = append(have, fmt.Sprintf("“%s”（%s）", n.Prefix, registerName(n.Key)))
	}
	refused := map[string]bool{}
	claimed := map[string]bool{}
	for _, prefix := range unknownOrder {
		entries := unknown[prefix]
		if !opt.AddMissing {
			for _, e := range entries {
				problem(e, "number", e.Doc.DocNumber, "本单位没有前缀为“%s”的文号：本单位的文号前缀有%s。请先在“设置 › 文号”中设好前缀，或导入时选择添加缺少的前缀（--add-missing）",
					prefix, strings.Join(have, "、"))
			}
			refused[prefix] = true
			continue
		}
		key, why := newRegisterKey(prefix, entries, byKey, used, claimed, inFile)
		if key == "" {
			for _, e := range entries {
				problem(e, "number", e.Doc.DocNumber, "%s", why)
			}
			refused[prefix] = true
			continue
		}
		r := paperRegister{n: data.DocNumbering{Key: key, Prefix: prefix, Start: 1}}
		if old, ok := byKey[key]; ok {
			r.n.Start, r.n.StartYear = old.Start, old.StartYear
			r.old = &old
			delete(byPrefix, old.Prefix)
		}
		p.registers = append(p.registers, r)
		byPrefix[prefix], byKey[key] = r.n, r.n
		claimed[key] = true // a second unknown prefix cannot take the same register
	}

	seen := map[string]*data.PaperImportEntry{} // register slots in the file
	for k := range file.Entries {
		e := &file.Entries[k]
		d := e.Doc
		d.SourceRow = e.Line
		before := len(p.problems)
		if d.Prefix != "" && again(e) {
			p.skipped++
			continue
		}
		n, ok := byPrefix[d.Prefix]
		if d.Prefix == "" || refused[d.Prefix] || !ok {
			continue // the number is unreadable or belongs to no register: reported
		}
		kind, prog, _ := strings.Cut(n.Key, ":")
		if d.Kind != "" && d.Kind != data.DocKind(kind) {
			problem(e, "kind", e.KindWord, "文号前缀“%s”是%s的文号，与文书种类“%s”不符", d.Prefix, data.DocKind(kind), d.Kind)
		}
		d.Kind, d.NumKey = data.DocKind(kind), n.Key
		if prog != "" {
			if d.Programme != "" && d.Programme != data.Programme(prog) {
				problem(e, "programme", string(d.Programme), "文号前缀“%s”是%s的文号，与救助项目“%s”不符", d.Prefix, registerName(n.Key), d.Programme)
			}
			d.Programme = data.Programme(prog)
		}
		if d.Kind == data.DocDecision {
			if e.Unread != "" {
				problem(e, "outcome", e.Unread, "%s", data.OutcomeProblem())
			}
			if d.Programme != "" && !progSet[d.Programme] {
				problem(e, "programme", string(d.Programme), "“%s”不在本单位的救助项目中（%s）：请先在“设置”中添加", d.Programme, strings.Join(progNames, "、"))
			}
		} else {
			// Only decisions carry a programme, an outcome and an amount; a register's column
			// for them is blank or repeats the kind (不予受理) on other letters.
			d.Programme, d.Outcome, d.Amount, d.HasAmount = "", "", 0, false
		}
		if e.IDNumber != "" {
			r, ok := byID[e.IDNumber]
			switch {
			case !ok:
				problem(e, "ids", e.IDNumber, "没有这个身份证号的居民档案：请先导入或登记该居民，或不填身份证号")
			case d.Applicant != "" && r.name != d.Applicant:
				problem(e, "applicant", d.Applicant, "与身份证号 %s 的居民（%s）姓名不符", data.MaskIDNumber(e.IDNumber), r.name)
			default:
				d.ResidentID = r.id
			}
		}
		s := slot(d.NumKey, d.Year, d.Seq)
		h, taken := held[d.DocNumber]
		if !taken {
			h, taken = held[s]
		}
		switch {
		case taken && h.status != "":
			what := "已签发"
			if data.DocStatus(h.status) == data.DocVoided {
				what = "已作废"
			}
			problem(e, "number", d.DocNumber, "这个文号已由本单位在程序中签发的文书（%s，%s）使用：同一文号不能有两份文书", h.number, what)
		case taken && h.on == d.SignedOn.String() && h.applicant == d.Applicant:
			if len(p.problems) == before {
				p.skipped++ // imported before
				continue
			}
		case taken:
			problem(e, "number", d.DocNumber, "这个文号已登记为另一份纸质文书（%s，%s，申请人%s）：同一文号不能有两份文书", h.number, h.on, h.applicant)
		}
		// The same number twice is the parser's to report; two numbers on one register slot
		// (two prefixes of one register) are this one's.
		if first, dup := seen[s]; dup && !taken && first.Doc.DocNumber != d.DocNumber {
			problem(e, "number", d.DocNumber, "与第 %d 行的“%s”是同一类文书同一年的同一个号：一个号只能登记一份文书", first.Line, first.Doc.DocNumber)
		}
		seen[s] = e
		if len(p.problems) > before {
			continue
		}
		p.docs = append(p.docs, d)
	}
	return p, nil
}

// newRegisterKey chooses the register a prefix the office lacks joins: the base register of
// its letters' kind while it has numbered nothing and the file uses no other prefix for it
// (its own, or one claimed by another unknown prefix), else
// for decisions of one programme that programme's register if it has numbered nothing. It
// returns "" and the reason, in Chinese, when there is none.
func newRegisterKey(prefix string, entries []*data.PaperImportEntry, byKey map[string]data.DocNumbering, used, claimed, inFile map[string]bool) (string, string) {
	kind := entries[0].Doc.Kind
	prog := entries[0].Doc.Programme
	for _, e := range entries {
		if e.Doc.Kind == "" {
			return "", fmt.Sprintf("本单位没有前缀为“%s”的文号，这一行又没有写文书种类，无法确定添加到哪一类文书：请填写“文书种类”", prefix)
		}
		if e.Doc.Kind != kind {
			return "", fmt.Sprintf("前缀为“%s”的文号既有%s又有%s：一个前缀只能用于一类文书", prefix, kind, e.Doc.Kind)
		}
		if e.Doc.Programme != prog {
			prog = ""
		}
	}
	free := func(key string) bool {
		n, ok := byKey[key]
		return !used[key] && !claimed[key] && (!ok || !inFile[n.Prefix])
	}
	base := string(kind)
	if free(base) {
		return base, ""
	}
	if kind == data.DocDecision && prog != "" && free(NumberingKey(kind, prog)) {
		return NumberingKey(kind, prog), ""
	}
	cur := byKey[base].Prefix
	if !used[base] {
		return "", fmt.Sprintf("这份登记簿中的%s既有前缀“%s”又有前缀“%s”：一类文书只能用一个前缀编号，请核对文号", kind, cur, prefix)
	}
	return "", fmt.Sprintf("本单位的%s已用前缀“%s”编号，不能再添加前缀“%s”：如果是换过前缀，请在“设置 › 文号”中核对；前缀“%s”的文号暂不能导入",
		kind, cur, prefix, prefix)
}

// PaperDocuments lists the letters imported from the paper register, oldest first: the
// decisions among them are where the aid roster starts.
func (db *DB) PaperDocuments(ctx context.Context, f data.PaperFilter) ([]data.PaperDocument, error) {
	var where []string
	var args []any
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, string(f.Kind))
	}
	if f.Programme != "" {
		where, args = append(where, "programme = ?"), append(args, string(f.Programme))
	}
	if f.ResidentID != 0 {
		where, args = append(where, "resident_id = ?"), append(args, f.ResidentID)
	}
	q := `SELECT id, num_key, year, seq, doc_number, kind, programme, outcome, signed_on, applicant, COALESCE(resident_id, 0),
		amount, note, source_file, source_row FROM paper_documents`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.db.QueryContext(ctx, q+" ORDER BY signed_on, id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.PaperDocument
	for rows.Next() {
		var d data.PaperDocument
		var kind, prog, outcome, on string
		var amount *int64
		if err := rows.Scan(&d.ID, &d.NumKey, &d.Year, &d.Seq, &d.DocNumber, &kind, &prog, &outcome, &on, &d.Applicant,
			&d.ResidentID, &amount, &d.Note, &d.SourceFile, &d.SourceRow); err != nil {
			return nil, err
		}
		d.Kind, d.Programme, d.Outcome = data.DocKind(kind), data.Programme(prog), data.Outcome(outcome)
		d.SignedOn, _ = data.ParseDate(on)
		if amount != nil {
			d.Amount, d.HasAmount = data.Fen(*amount), true
		}
		d.Prefix, _, _, _ = data.ParseDocNumber(d.DocNumber)
		out = append(out, d)
	}
	return out, rows.Err()
}
