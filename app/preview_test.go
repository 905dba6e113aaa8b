package app

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/reports"
)

// TestPreviewAgainstPDF draws a signed decision in the preview and writes it beside the PDF,
// both at 100 dpi, into $TAIZHANG_PREVIEW_OUT for a side-by-side look (pdftoppm -r 100).
func TestPreviewAgainstPDF(t *testing.T) {
	out := os.Getenv("TAIZHANG_PREVIEW_OUT")
	if out == "" {
		t.Skip("set TAIZHANG_PREVIEW_OUT to compare the preview with the PDF")
	}
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	cs, _ := db.Communities(context.Background(), false)
	r := addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	ctx := data.NewContextWithUser(context.Background(), admin)
	d := data.Decision{Programme: data.ProgrammeDibao, Outcome: data.OutcomeRefuse,
		Applied: data.MustDate(2026, 2, 10), Investigated: data.MustDate(2026, 2, 20),
		Facts:   "经入户调查、邻里访问和信息核对，申请人家庭共 1 人，本人每月领取养老金 1,850 元，名下有存款 4.2 万元（Bank of China）。",
		Reasons: "家庭月人均收入高于本市最低生活保障标准（每人每月 760 元），不符合最低生活保障条件。",
		Bases:   data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse)}
	id, err := db.CreateDecisionDraft(ctx, r.ID, d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignDocument(ctx, id); err != nil {
		t.Fatal(err)
	}
	pdf, err := db.DocumentPDF(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "decision.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages, opts, err := layoutPreview(ctx, db, id)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	w := test.NewTempWindow(t, nil)
	scale := float32(100 / 25.4)
	w.Resize(fyne.NewSize(float32(reports.PageWidth)*scale+60, float32(reports.PageHeight)*scale+60))
	p := newDocPreview()
	p.SetZoom(scale)
	w.SetContent(p)
	p.SetPages(pages, opts)
	w.Resize(w.Canvas().Size())
	for i := range pages {
		p.scroll.ScrollToOffset(fyne.NewPos(0, float32(i)*p.pageStride()))
		f, err := os.Create(filepath.Join(out, fmt.Sprintf("preview-%d.png", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		err = png.Encode(f, w.Canvas().Capture())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}
