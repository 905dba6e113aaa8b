package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// nonBMP196 returns the 196 characters of 《通用规范汉字表》 outside the BMP (the list and its
// source, Unicode's Unihan kTGH, are in reports/testdata).
func nonBMP196(t *testing.T) []rune {
	t.Helper()
	b, err := os.ReadFile("reports/testdata/tgh2013-nonbmp.txt")
	if err != nil {
		t.Fatal(err)
	}
	var rs []rune
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Split(l, "\t"); len(f) == 3 && strings.HasPrefix(f[0], "U+") {
			r, _ := utf8.DecodeRuneInString(f[1])
			rs = append(rs, r)
		}
	}
	if len(rs) != 196 {
		t.Fatalf("got %d characters, want 196", len(rs))
	}
	return rs
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// A roster whose names use all 196 characters imports from XLSX and from CSV, exports as the
// 花名册 PDF (masked by default) with every character given back by pdftotext, and a name
// with 𠮷 is refused with the row, the character and the standard form.
func TestCLIRosterNonBMPNames(t *testing.T) {
	rs := nonBMP196(t)
	dir := t.TempDir()
	var names []string
	for i := 0; i < len(rs); i += 2 {
		names = append(names, "王"+string(rs[i:i+2]))
	}
	header := []string{"姓名", "身份证号", "所属社区", "住址"}
	rowOf := func(i int) []string {
		return []string{names[i], rid(1950+i%40, 1+i%12, 1+i%28, 100+i), "古城社区", "古城街" + string(rs[2*i]) + "巷 1 号"}
	}

	xlsx := filepath.Join(dir, "花名册.xlsx")
	f := excelize.NewFile()
	put := func(row int, vals []string) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		vs := make([]any, len(vals))
		for i, v := range vals {
			vs[i] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vs); err != nil {
			t.Fatal(err)
		}
	}
	put(1, header)
	for i := range names[:50] {
		put(i+2, rowOf(i))
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	f.Close()
	csv := strings.Join(header, ",") + "\n"
	for i := 50; i < len(names); i++ {
		csv += strings.Join(rowOf(i), ",") + "\n"
	}
	csvPath := filepath.Join(dir, "花名册.csv")
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}

	office := rosterOffice(t, dir, "office.db")
	for _, in := range []string{xlsx, csvPath} {
		if code, out, errs := runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", in); code != 0 || !strings.Contains(out, "已导入") {
			t.Fatalf("import %s: exit %d, %q %q", filepath.Base(in), code, out, errs)
		}
	}
	got := residentsOf(t, office)
	if len(got) != len(names) {
		t.Fatalf("imported %d residents, want %d", len(got), len(names))
	}
	stored := map[string]bool{}
	for _, p := range got {
		stored[p.Name] = true
	}
	for _, n := range names {
		if !stored[n] {
			t.Errorf("%s not stored as typed", n)
		}
	}

	pdf := filepath.Join(dir, "花名册.pdf")
	code, out, errs := runCLI(t, "export", "residents", "--user", "admin", "--db", office, "--out", pdf) // masked, as an account
	if code != 0 || !strings.Contains(out, "已导出 98 人") || !strings.Contains(out, "已打码") {
		t.Fatalf("export pdf: exit %d, %q %q", code, out, errs)
	}
	text := pdfToText(t, pdf)
	for _, r := range rs {
		if !strings.ContainsRune(text, r) {
			t.Errorf("花名册 PDF: pdftotext lacks %c U+%X", r, r)
		}
	}
	for _, want := range []string{"平城区鹿苑街道居民花名册", "身份证号", "联系电话", names[0] + "女", "古城街" + string(rs[0]) + "巷1号", "1402**********", "共98条", "第1页共"} {
		if !strings.Contains(text, want) {
			t.Errorf("花名册 PDF lacks %q", want)
		}
	}
	if strings.Contains(text, rowOf(0)[1]) {
		t.Error("花名册 PDF shows a whole ID number without --full")
	}
	full := filepath.Join(dir, "完整.pdf")
	t.Setenv(PasswordEnv, "secret123")
	if code, _, errs := runCLI(t, "export", "residents", "--db", office, "--out", full, "--full", "--user", "admin"); code != 0 {
		t.Fatalf("export pdf --full: %s", errs)
	}
	if text := pdfToText(t, full); !strings.Contains(text, rowOf(0)[1]) || !strings.Contains(text, "妥善保管") {
		t.Error("花名册 PDF --full lacks the whole ID number or the warning")
	}

	bad := filepath.Join(dir, "日文名.csv")
	if err := os.WriteFile(bad, []byte(strings.Join(header, ",")+"\n𠮷田花子,"+rid(1970, 1, 1, 999)+",古城社区,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, "import", "residents", "--user", "admin", "--db", office, "--in", bad)
	if code != 1 || !strings.Contains(errs, "第 2 行") || !strings.Contains(errs, "“𠮷”（U+20BB7）") || !strings.Contains(errs, "“吉”") {
		t.Errorf("import of 𠮷田花子: exit %d, %q", code, errs)
	}
}

// A panic in a command reaches the clerk as one Chinese sentence and exit status 1; the
// detail and the stack go to the log beside the database.
func TestCLIRecoversPanic(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "office.db")
	commands["test-panic"] = command{func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		var m map[string]int
		//lint:ignore SA5000 the test panics on purpose
		m["boom"]++ // assignment to entry in nil map
		return nil
	}}
	defer delete(commands, "test-panic")
	code, _, errs := runCLI(t, "test-panic", "--db", db)
	logPath := db + "-日志.txt"
	if code != 1 || !strings.Contains(errs, "程序内部出错，操作未完成") || !strings.Contains(errs, logPath) {
		t.Errorf("got exit %d, %q; want 1 and the Chinese message naming %s", code, errs, logPath)
	}
	if strings.Contains(errs, "goroutine") || strings.Contains(errs, "nil map") {
		t.Errorf("the clerk sees the internal detail: %q", errs)
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"taizhang test-panic --db", "assignment to entry in nil map", "goroutine", "cli_glyphs_test.go"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}
