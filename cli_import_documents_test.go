package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"taizhang/data"

	"taizhang/data/sqlite"
)

// A fresh office imports its paper register: refused while the prefixes are unknown, then
// with --add-missing the registers take them, the counters move past the paper, and the same
// file again adds nothing.
func TestCLIImportDocuments(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	path := initOffice(t, "鹿苑社区")
	dir := t.TempDir()
	in := filepath.Join(dir, "文书登记簿.csv")
	os.WriteFile(in, []byte("\ufeff鹿苑街道办事处发文登记簿（2026年）\n"+
		"序号,发文字号,文书种类,当事人,签发日期,决定结果,金额（元）,备注\n"+
		"1,鹿民救决〔2026〕1号,最低生活保障批准决定书,王建国,2026年1月5日,,680,\n"+
		"2,鹿民救决〔2026〕2号,决定书,张秀兰,2026/1/9,不予批准,,\n"+
		"3,鹿民不受〔2026〕1号,不予受理通知书,李四,2026.2.1,,,不属本机关职责\n"+
		"4,鹿民救决〔2026〕4号,临时救助给予决定书,赵六,2026-03-02,,\"1,500\",\n"+
		"填表人：王芳\n"), 0o644)

	report := filepath.Join(dir, "报告.xlsx")
	code, _, errs := runCLI(t, "import", "documents", "--user", "admin", "--db", path, "--in", in, "--report", report)
	if code != exitFail || !strings.Contains(errs, "第 3 行 · 发文字号 · 本单位没有前缀为“鹿民救决”的文号：本单位的文号前缀有“民救决”（社会救助决定书）") ||
		!strings.Contains(errs, "未导入任何文书") {
		t.Fatalf("unknown prefixes: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(report); err != nil {
		t.Errorf("no report written: %v", err)
	}

	code, out, errs := runCLI(t, "import", "documents", "--user", "admin", "--db", path, "--in", in, "--add-missing", "--dry-run")
	if code != 0 || !strings.Contains(out, "将添加文号前缀：鹿民救决（社会救助决定书，原前缀“民救决”尚未编过号）") ||
		!strings.Contains(out, "将添加文号前缀：鹿民不受（不予受理通知书") || !strings.Contains(out, "可以导入 4 份文书") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "import", "documents", "--user", "admin", "--db", path, "--in", in, "--add-missing")
	if code != 0 || !strings.Contains(out, "已导入 4 份文书。") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "import", "documents", "--user", "admin", "--db", path, "--in", in)
	if code != 0 || !strings.Contains(out, "已导入 0 份文书；4 份文书此前已导入，跳过。") {
		t.Fatalf("again: exit %d\n%s%s", code, out, errs)
	}

	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	reg, err := db.DocNumberGaps(ctx, "decision", 2026)
	if err != nil {
		t.Fatal(err)
	}
	if reg.First != 1 || reg.Last != 4 || len(reg.Paper) != 3 || len(reg.Gaps) != 1 || reg.Gaps[0] != 3 {
		t.Errorf("decisions 2026: got %d–%d paper %v gaps %v, want 1–4, three on paper, 3 missing", reg.First, reg.Last, reg.Paper, reg.Gaps)
	}
	docs, err := db.PaperDocuments(ctx, data.PaperFilter{})
	if err != nil || len(docs) != 4 || docs[3].DocNumber != "鹿民救决〔2026〕4号" || docs[3].Amount != 150000 || docs[3].SourceFile != "文书登记簿.csv" {
		t.Errorf("got %+v, %v", docs, err)
	}
	if code, out, errs := runCLI(t, "check", "--db", path); code != 0 {
		t.Errorf("check after the import: exit %d\n%s%s", code, out, errs)
	}
}
