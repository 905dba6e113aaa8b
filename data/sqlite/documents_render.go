package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"taizhang/data"
)

// ---- rendering ----

// renderer is the injected PDF writer, or an internal error when the store was opened
// without one.
func (db *DB) renderer() (data.Renderer, error) {
	if db.render == nil {
		return nil, errors.New("sqlite: opened without a renderer (Options.Renderer)")
	}
	return db.render, nil
}

// renderDoc writes a document's content (one of the three pointers) with fonts.
func (db *DB) renderDoc(content any, fonts data.Fonts) ([]byte, error) {
	r, err := db.renderer()
	if err != nil {
		return nil, err
	}
	var pdf []byte
	switch c := content.(type) {
	case *data.Decision:
		pdf, err = r.Decision(*c, fonts)
	case *data.OneTimeNotice:
		pdf, err = r.OneTimeNotice(*c, fonts)
	case *data.RejectionNotice:
		pdf, err = r.RejectionNotice(*c, fonts)
	default:
		err = fmt.Errorf("render: unknown content %T", content)
	}
	if errors.Is(err, data.ErrFont) {
		return nil, &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
			Message: "所选字体不能用于打印文书（须为 TrueType .ttf 字体）：请在设置中改选字体，或改用内置字体"}
	}
	return pdf, err
}

// DocumentPreview returns a document as its preview shows it, with the fonts to draw it
// with (reports.LayoutDocument lays it out). A draft shows the number as prefix〔year〕　号
// (the number is allocated when it is signed) and today as its date, as signing would print
// them; a signed document shows its frozen content.
func (db *DB) DocumentPreview(ctx context.Context, id int64) (data.Document, data.Fonts, error) {
	d, err := db.Document(ctx, id)
	if err != nil {
		return d, data.Fonts{}, err
	}
	if d.Status != data.DocDraft {
		// The fonts it was signed with; if those files are gone, today's choice still shows
		// the frozen content.
		fonts, err := db.recordedFonts(d)
		if err != nil {
			if fonts, _, err = db.currentFonts(ctx, db.db); err != nil {
				return d, fonts, err
			}
		}
		return d, fonts, nil
	}
	fonts, _, err := db.currentFonts(ctx, db.db)
	if err != nil {
		return d, fonts, err
	}
	today := data.Today(db.Now())
	var prefix string
	err = db.db.QueryRowContext(ctx, `SELECT prefix FROM doc_numbering WHERE key IN (?, ?) ORDER BY length(key) DESC LIMIT 1`,
		NumberingKey(d.Kind, d.Programme), string(d.Kind)).Scan(&prefix)
	if isNoRows(err) {
		prefix, err = defaultNumbering[string(d.Kind)].Prefix, nil
	}
	if err != nil {
		return d, fonts, err
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
	if err := fillRemedyQ(ctx, db.db, d.Content()); err != nil {
		msg := "（救济途径无法写全：" + strings.TrimSuffix(data.Message(err), "。") + "。）"
		if d.Decision != nil {
			d.Decision.Remedy = msg
		} else if d.RejectionNotice != nil {
			d.RejectionNotice.Remedy = msg
		}
	}
	return d, fonts, nil
}
