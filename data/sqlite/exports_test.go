package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// demoOffice builds the small demo office on a fixed clock.
func demoOffice(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.BcryptCost = 4
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := demo.Build(context.Background(), db, demo.Small, 3, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestExportIssuesMatchesTheLedger(t *testing.T) {
	db := demoOffice(t)
	ctx := context.Background()
	cs, err := db.Communities(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    data.IssueFilter
	}{
		{"everything", data.IssueFilter{}},
		{"a quarter", data.IssueFilter{From: data.MustDate(2026, 7, 1), To: data.MustDate(2026, 9, 30)}},
		{"a community, closed", data.IssueFilter{CommunityID: cs[0].ID, Statuses: []data.IssueStatus{data.IssueClosed}}},
		{"a category", data.IssueFilter{Category: "环境卫生"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, total, err := db.ListIssues(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int64]bool{}
			var last data.Date
			n, err := db.ExportIssues(ctx, c.f, false, func(r data.IssueRow) error {
				if seen[r.ID] {
					t.Errorf("issue %s exported twice", r.Number)
				}
				seen[r.ID] = true
				if r.FoundOn.Before(last) {
					t.Errorf("%s out of order", r.Number)
				}
				last = r.FoundOn
				return nil
			})
			if err != nil || n != total || len(seen) != total {
				t.Errorf("got %d rows (%d distinct), %v; want %d", n, len(seen), err, total)
			}
		})
	}
}

func TestWriteIssueLedgerRowCount(t *testing.T) {
	db := demoOffice(t)
	ctx := data.NewContextWithUser(context.Background(), &data.User{Name: "王建国", Role: data.RoleClerk})
	f := data.IssueFilter{From: data.MustDate(2026, 1, 1), To: data.MustDate(2026, 12, 31)}
	_, total, err := db.ListIssues(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var progress []int
	var buf bytes.Buffer
	n, err := reports.ExportIssueLedger(ctx, &buf, reports.FormatXLSX, db, f, reports.LedgerOptions{Date: data.MustDate(2026, 11, 23)},
		func(pass, passes, done, all int) { progress = append(progress, done) })
	if err != nil || n != total {
		t.Fatalf("got %d rows, %v; want %d", n, err, total)
	}
	if progress[len(progress)-1] != total {
		t.Errorf("progress ended at %d, want %d", progress[len(progress)-1], total)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetList()[0])
	if got := len(rows) - 3 - 3; got != total { // title, 填报单位, header; 共 N 条, a blank, signatures
		t.Errorf("got %d data rows, want %d", got, total)
	}
	// A clerk may not unmask.
	_, err = reports.ExportIssueLedger(ctx, &buf, reports.FormatXLSX, db, f, reports.LedgerOptions{Full: true}, nil)
	if !errors.Is(err, data.ErrForbidden) {
		t.Errorf("full export by a clerk: got %v, want ErrForbidden", err)
	}
}

func TestExportDocumentsMasksIDs(t *testing.T) {
	db := demoOffice(t)
	admin := data.NewContextWithUser(context.Background(), &data.User{Role: data.RoleAdmin})
	_, total, err := db.ListDocuments(admin, data.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, full := range []bool{false, true} {
		withID := 0
		n, err := db.ExportDocuments(admin, data.DocumentFilter{}, full, func(r data.DocumentExportRow) error {
			if r.IDNumber == "" {
				return nil
			}
			withID++
			if masked := strings.Contains(r.IDNumber, "*"); masked == full {
				t.Errorf("full=%v: ID %q", full, r.IDNumber)
			}
			return nil
		})
		if err != nil || n != total {
			t.Errorf("got %d, %v; want %d", n, err, total)
		}
		if withID == 0 {
			t.Error("no document had an applicant's ID number")
		}
	}
	clerk := data.NewContextWithUser(context.Background(), &data.User{Role: data.RoleClerk})
	if _, err := db.ExportDocuments(clerk, data.DocumentFilter{}, true, func(data.DocumentExportRow) error { return nil }); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("full export by a clerk: got %v, want ErrForbidden", err)
	}
}

func TestFiguresByCommunityAndMonth(t *testing.T) {
	db := demoOffice(t)
	ctx := context.Background()
	from, to := data.MustDate(2026, 7, 1), data.MustDate(2026, 9, 30)
	rows, err := db.FiguresByCommunity(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.IssueFigures(ctx, from, to, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; last.Label != "合计" || last.Figures != all {
		t.Errorf("合计: got %+v, want %+v", last, all)
	}
	sum := 0
	for _, r := range rows[:len(rows)-1] {
		sum += r.Figures.Found
	}
	if sum > all.Found || sum == 0 {
		t.Errorf("communities found %d, office %d", sum, all.Found)
	}
	months, err := db.FiguresByMonth(ctx, from, to, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 3 || months[0].Label != "2026年7月" || months[2].Label != "2026年9月" {
		t.Fatalf("months: got %v", months)
	}
	found := 0
	for _, m := range months {
		found += m.Figures.Found
	}
	if found != all.Found {
		t.Errorf("months found %d, the quarter %d", found, all.Found)
	}
	if _, err := db.FiguresByMonth(ctx, to, from, 0); err == nil {
		t.Error("a period ending before it starts was accepted")
	}
}

// BenchmarkWriteIssueLedger10000: 10,000 issues read page by page from the store and written
// as the inspector's XLSX and as the printed PDF (PRODUCT.md: under 1 s and under 3 s).
func BenchmarkWriteIssueLedger10000(b *testing.B) {
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.BcryptCost = 4
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := demo.Build(context.Background(), db, demo.Small, 3, nil); err != nil {
		b.Fatal(err)
	}
	admin := &data.User{ID: 1, Name: demo.Staff[0].Name, Role: data.RoleAdmin}
	ctx := data.NewContextWithUser(context.Background(), admin)
	seed, _, err := db.ListIssues(ctx, data.IssueFilter{Limit: 300})
	if err != nil {
		b.Fatal(err)
	}
	var bulk []data.BulkIssue
	for i := 0; len(bulk)+len(seed) < 10000; i++ {
		iss := seed[i%len(seed)].Issue
		iss.ID, iss.Number, iss.Status, iss.ClosedOn, iss.Result, iss.DuplicateOf = 0, "", "", data.Date{}, "", 0
		iss.ResidentIDs = nil
		bulk = append(bulk, data.BulkIssue{Issue: iss, Events: []data.BulkEvent{{Date: iss.FoundOn, Action: data.IssueRecord, By: *admin}}})
	}
	if _, err := db.BulkIssues(ctx, bulk); err != nil {
		b.Fatal(err)
	}
	for _, format := range []reports.Format{reports.FormatXLSX, reports.FormatPDF} {
		b.Run(format.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				n, err := reports.ExportIssueLedger(ctx, &buf, format, db, data.IssueFilter{}, reports.LedgerOptions{Date: data.MustDate(2026, 11, 23)}, nil)
				if err != nil || n != 10000 {
					b.Fatalf("%d %v", n, err)
				}
			}
		})
	}
}
