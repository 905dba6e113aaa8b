package sqlite

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"taizhang/data"
)

// ---- numbering ----

// NumberingKey returns the register key of a kind, or of a programme's decisions.
func NumberingKey(kind data.DocKind, programme data.Programme) string {
	if kind == data.DocDecision && programme != "" {
		return string(kind) + ":" + string(programme)
	}
	return string(kind)
}

var defaultNumbering = map[string]data.DocNumbering{
	string(data.DocDecision):        {Key: string(data.DocDecision), Prefix: "民救决", Start: 1},
	string(data.DocOneTimeNotice):   {Key: string(data.DocOneTimeNotice), Prefix: "告知", Start: 1},
	string(data.DocRejectionNotice): {Key: string(data.DocRejectionNotice), Prefix: "不予受理", Start: 1},
}

// DocNumberings lists the configured registers.
func (db *DB) DocNumberings(ctx context.Context) ([]data.DocNumbering, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT key, prefix, start, start_year FROM doc_numbering ORDER BY key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.DocNumbering
	for rows.Next() {
		var n data.DocNumbering
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
		// Letters imported from the paper register keep the prefix they were numbered with:
		// another kind taking it could print a number one of them already holds.
		err = tx.QueryRowContext(tx.ctx, "SELECT num_key FROM paper_documents WHERE substr(doc_number, 1, ?) = ? AND num_key <> ? LIMIT 1",
			utf8.RuneCountInString(prefix)+1, prefix+"〔", key).Scan(&other)
		if err == nil {
			return data.Conflict("前缀“%s”是纸质文书登记簿中另一类文书（%s）用过的前缀，不能用于这一类：否则会出现重复文号，请换一个前缀", prefix, registerName(other))
		}
		if !isNoRows(err) {
			return err
		}
		old, err := tx.numbering(key, false)
		if err != nil {
			return err
		}
		n := data.DocNumbering{Key: key, Prefix: prefix, Start: start, StartYear: data.Today(tx.now).Year}
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
func (tx *Tx) numbering(key string, fallback bool) (data.DocNumbering, error) {
	n := data.DocNumbering{Key: key}
	err := tx.QueryRowContext(tx.ctx, "SELECT prefix, start, start_year FROM doc_numbering WHERE key = ?", key).Scan(&n.Prefix, &n.Start, &n.StartYear)
	if err == nil || !isNoRows(err) {
		return n, err
	}
	if !fallback {
		return data.DocNumbering{}, nil
	}
	if kind, _, ok := strings.Cut(key, ":"); ok {
		return tx.numbering(kind, true)
	}
	return defaultNumbering[key], nil
}

// allocateNumber takes the next 文号 of the register for kind (and programme) in year.
func (tx *Tx) allocateNumber(kind data.DocKind, programme data.Programme, year int) (data.DocNumbering, int, string, error) {
	n, err := tx.numbering(NumberingKey(kind, programme), true)
	if err != nil {
		return n, 0, "", err
	}
	return tx.allocateIn(n, kind, year)
}

func (tx *Tx) allocateIn(n data.DocNumbering, kind data.DocKind, year int) (data.DocNumbering, int, string, error) {
	seq, err := tx.nextCounter("doc:"+n.Key, year, n.StartFor(year))
	if err != nil {
		return n, 0, "", err
	}
	if seq > data.MaxDocSeq {
		return n, 0, "", data.Conflict("%d年的%s文号已用到 %d，超出上限", year, kind, seq-1)
	}
	return n, seq, data.FormatDocNumber(n.Prefix, year, seq), nil
}

// DocNumberGaps reads a year's register of key: every number from the first to the last
// allocated is held by a document, signed or voided, or by a letter issued on paper, unless
// listed in Gaps.
func (db *DB) DocNumberGaps(ctx context.Context, key string, year int) (data.DocNumberRegister, error) {
	reg := data.DocNumberRegister{Key: key, Year: year}
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
		if data.DocStatus(status) == data.DocVoided {
			reg.Voided = append(reg.Voided, num)
		} else {
			reg.Signed = append(reg.Signed, num)
		}
	}
	if err := rows.Err(); err != nil {
		return reg, err
	}
	rows.Close()
	// Letters issued on paper and imported from the register hold their numbers too.
	rows, err = db.db.QueryContext(ctx, "SELECT seq, doc_number FROM paper_documents WHERE num_key = ? AND year = ? ORDER BY seq", key, year)
	if err != nil {
		return reg, err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var num string
		if err := rows.Scan(&seq, &num); err != nil {
			return reg, err
		}
		used = append(used, seq)
		reg.Paper = append(reg.Paper, num)
	}
	if err := rows.Err(); err != nil {
		return reg, err
	}
	sort.Ints(used)
	err = db.db.QueryRowContext(ctx, "SELECT value FROM counters WHERE name = ? AND year = ?", "doc:"+key, year).Scan(&reg.Last)
	if err != nil && !isNoRows(err) {
		return reg, err
	}
	switch {
	case len(used) > 0:
		reg.First = used[0]
	case reg.Last > 0:
		var n data.DocNumbering
		err := db.db.QueryRowContext(ctx, "SELECT start, start_year FROM doc_numbering WHERE key = ?", key).Scan(&n.Start, &n.StartYear)
		if err != nil && !isNoRows(err) {
			return reg, err
		}
		reg.First = n.StartFor(year)
	}
	if len(used) > 0 && used[len(used)-1] > reg.Last {
		reg.Last = used[len(used)-1]
	}
	reg.Gaps = data.DocNumberGaps(used, reg.First, reg.Last)
	return reg, nil
}
