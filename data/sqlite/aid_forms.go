package sqlite

import (
	"context"
	"encoding/json"

	"taizhang/data"
)

// AidFormData reads what the application forms of resident id under programme p print —
// the applicant, their household with full ID and phone numbers, the income the last signed
// decision found, the office. Full numbers need the office's data key: without a logged-in
// account it is refused, saying so. The print is recorded by RecordAidFormsPrint once the
// forms went to the printer or the file, as a letter's print is.
func (db *DB) AidFormData(ctx context.Context, id int64, p data.Programme, forms []data.AidForm) (data.AidFormData, error) {
	var out data.AidFormData
	if _, err := db.needKey(); err != nil {
		return out, err
	}
	if err := data.Require(data.UserFromContext(ctx), data.ActRecord); err != nil {
		return out, err
	}
	if p == "" {
		return out, data.Invalid("programme", "请选择救助项目（低保、特困供养或临时救助）")
	}
	if len(forms) == 0 {
		return out, data.Invalid("form", "请至少选择一份申请材料")
	}
	r, err := db.Resident(ctx, id)
	if err != nil {
		return out, err
	}
	if r.Voided {
		return out, data.Conflict("居民档案 %d（%s）已作废（原因：%s），不能打印申请材料", id, r.Name, r.VoidReason)
	}
	out.Applicant, out.Programme = r, p
	out.Members = []data.Resident{r}
	if r.HouseholdID != 0 {
		h, err := db.Household(ctx, r.HouseholdID)
		if err != nil {
			return out, err
		}
		out.HouseholdAddress = h.Address
		if len(h.Members) > 0 {
			out.Members = h.Members
		}
	}
	if out.Office, err = db.Office(ctx); err != nil {
		return out, err
	}
	if out.Income, out.IncomeRef, err = db.lastIncome(ctx, id, p); err != nil {
		return out, err
	}
	if out.Fonts, _, err = db.currentFonts(ctx, db.db); err != nil {
		return out, err
	}
	return out, nil
}

// RecordAidFormsPrint audits the print of forms for resident id under programme p: who
// printed which forms, with full numbers, and when.
func (db *DB) RecordAidFormsPrint(ctx context.Context, id int64, p data.Programme, forms []data.AidForm) error {
	names := make([]string, len(forms))
	for i, f := range forms {
		names[i] = string(f)
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		return tx.Audit("print_forms", "residents", id, nil, map[string]any{"forms": names, "programme": string(p)})
	})
}

// lastIncome returns the monthly income per person stated by the newest signed decision of
// the resident under p that states one, with its number.
func (db *DB) lastIncome(ctx context.Context, id int64, p data.Programme) (data.Fen, string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT COALESCE(d.doc_number, ''), b.content FROM documents d JOIN document_bodies b ON b.document_id = d.id
		WHERE d.kind = 'decision' AND d.status = 'signed' AND d.resident_id = ? AND d.programme = ? ORDER BY d.id DESC`, id, string(p))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	for rows.Next() {
		var number, content string
		if err := rows.Scan(&number, &content); err != nil {
			return 0, "", err
		}
		var d data.Decision
		if json.Unmarshal([]byte(content), &d) == nil && d.Income > 0 {
			return d.Income, number, nil
		}
	}
	return 0, "", rows.Err()
}
