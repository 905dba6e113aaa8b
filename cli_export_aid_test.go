package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// On the demo office the month's 发放花名册 lists exactly the cases the roster pays, its
// totals are theirs, every 增发/减发 letter's 原金额 is the amount then running, and
// `stats --json` gives the aid figures.
func TestCLIExportAid(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	ctx := context.Background()
	nov := data.NewMonth(2026, 11)

	out := filepath.Join(dir, "roll.xlsx")
	code, stdout, errs := runCLI(t, "export", "aid", "--db", path, "--out", out, "--month", "2026-11")
	if code != 0 {
		t.Fatalf("export: exit %d %s", code, errs)
	}
	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := db.AidRoster(ctx, data.AidFilter{Month: nov})
	if err != nil {
		t.Fatal(err)
	}
	var paid []string
	var sum data.Fen
	for _, r := range l.Rows {
		if p, ok := r.Case.In(nov); ok {
			paid = append(paid, r.Name+"|"+strconv.Itoa(p.Persons))
			sum += p.Amount
		}
	}
	if len(paid) == 0 || sum != l.Paid.Amount || len(paid) != l.Paid.Households {
		t.Fatalf("roster: %d paid, sum %d, totals %+v", len(paid), sum, l.Paid)
	}
	f, _ := os.Open(out)
	rows, err := reports.ReadTable(out, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	var listedSum data.Fen
	for _, r := range rows {
		if _, err := strconv.Atoi(r.Cells[0]); err != nil || len(r.Cells) < 7 {
			continue // title, heading, note, signatures
		}
		listed = append(listed, r.Cells[1]+"|"+r.Cells[5])
		a, err := data.ParseYuan(r.Cells[6])
		if err != nil {
			t.Fatalf("amount %q: %v", r.Cells[6], err)
		}
		listedSum += a
		if !strings.Contains(r.Cells[2], "*") {
			t.Errorf("ID number %q not masked", r.Cells[2])
		}
	}
	if strings.Join(listed, ",") != strings.Join(sortedCopy(paid, listed), ",") || listedSum != sum {
		t.Errorf("roll lists %v (%d), roster pays %v (%d)", listed, listedSum, paid, sum)
	}
	if !strings.Contains(stdout, "合计"+strconv.Itoa(len(paid))+"户") {
		t.Errorf("stdout %q", stdout)
	}

	// Without an account the sealed numbers print as asterisks; with --user, masked as on screen.
	for _, r := range rows {
		if _, err := strconv.Atoi(r.Cells[0]); err == nil && len(r.Cells) >= 7 && strings.Trim(r.Cells[2], "*") != "" {
			t.Errorf("without an account the roll shows %q", r.Cells[2])
		}
	}
	t.Setenv(PasswordEnv, demo.Password)
	userOut := filepath.Join(dir, "roll-user.xlsx")
	if code, _, errs := runCLI(t, "export", "aid", "--db", path, "--out", userOut, "--month", "2026-11", "--user", demo.Staff[0].Username); code != 0 {
		t.Fatalf("export --user: exit %d %s", code, errs)
	}
	f, _ = os.Open(userOut)
	urows, err := reports.ReadTable(userOut, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	masked := 0
	for _, r := range urows {
		if _, err := strconv.Atoi(r.Cells[0]); err == nil && len(r.Cells) >= 7 {
			if len(r.Cells[2]) != 18 || strings.Trim(r.Cells[2][:4], "0123456789") != "" || r.Cells[2][4:14] != "**********" {
				t.Errorf("with --user the ID reads %q, want 1402**********1234", r.Cells[2])
			}
			masked++
		}
	}
	if masked != len(paid) {
		t.Errorf("with --user %d rows, want %d", masked, len(paid))
	}

	// Every 增发/减发/停发 starts from the amount the roster then paid.
	q, err := db.SQL().QueryContext(ctx, `SELECT id FROM documents
		WHERE kind = 'decision' AND status = 'signed' AND outcome IN ('increase', 'decrease', 'stop')`)
	if err != nil {
		t.Fatal(err)
	}
	var changes []int64
	for q.Next() {
		var id int64
		if err := q.Scan(&id); err != nil {
			t.Fatal(err)
		}
		changes = append(changes, id)
	}
	q.Close()
	if len(changes) == 0 {
		t.Fatal("the demo has no 增发, 减发 or 停发")
	}
	for _, id := range changes {
		doc, err := db.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		per, ok, err := db.AidInForce(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		m := data.MonthOf(doc.Decision.Effective)
		if !ok || per.Amount != doc.Decision.AmountBefore {
			t.Errorf("%s: 原金额 %s, the roster paid %s in %s", doc.DocNumber, doc.Decision.AmountBefore.Plain(), per.Amount.Plain(), m.Chinese())
		}
	}

	// The summaries and the figures.
	for _, args := range [][]string{{"--quarter", "2026-Q4", "--out", filepath.Join(dir, "q.pdf")},
		{"--year", "2026", "--out", filepath.Join(dir, "y.xlsx")}, {"--month", "2026-11", "--summary", "--out", filepath.Join(dir, "m.xlsx")}} {
		if code, _, errs := runCLI(t, append([]string{"export", "aid", "--db", path}, args...)...); code != 0 {
			t.Errorf("%v: exit %d %s", args, code, errs)
		}
	}
	for _, bad := range [][]string{{"--month", "2026-11", "--year", "2026"}, {"--quarter", "2026-Q5"}, {}, {"--year", "2026", "--category", "低保"},
		{"--month", "2026-11", "--category", "五保"}} {
		if code, _, _ := runCLI(t, append([]string{"export", "aid", "--db", path, "--out", filepath.Join(dir, "x.xlsx")}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	code, stdout, errs = runCLI(t, "stats", "--db", path, "--from", "2026-11-01", "--to", "2026-11-30", "--json")
	if code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	var s struct {
		Aid     map[string]map[string]float64 `json:"aid"`
		Notices map[string]any                `json:"notices"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	var households int
	var amount float64
	for _, p := range data.DefaultProgrammes {
		fig, ok := s.Aid[string(p)]
		if !ok {
			t.Fatalf("aid.%s missing: %s", p, stdout)
		}
		households += int(fig["households"])
		amount += fig["amount"]
	}
	for _, k := range []string{"issued", "completed", "first_return", "first_return_rate", "trips", "avg_trips", "second_trips", "by_item"} {
		if _, ok := s.Notices[k]; !ok {
			t.Errorf("notices.%s missing", k)
		}
	}
	if households != l.Paid.Households || int64(amount*100+0.5) != int64(l.Paid.Amount) {
		t.Errorf("stats aid: %d households %.2f yuan, roster %+v", households, amount, l.Paid)
	}
	if code, out, errs := runCLI(t, "check", "--db", path); code != 0 {
		t.Errorf("check: %s%s", out, errs)
	}
}

// sortedCopy returns want in the order of got when both hold the same items, so a
// difference in content, not order, fails the comparison.
func sortedCopy(want, got []string) []string {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	var out []string
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			out = append(out, g)
		}
	}
	for w, n := range left {
		for ; n > 0; n-- {
			out = append(out, w)
		}
	}
	return out
}

// The README quotes the 一次性告知 figures' definition word for word.
func TestREADMEQuotesNoticeDefinition(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), data.NoticeFiguresDefinition) {
		t.Error("README.md does not quote data.NoticeFiguresDefinition")
	}
}
