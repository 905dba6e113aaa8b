package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

// childArgsEnv carries the command line a child process of TestImportChild runs.
const childArgsEnv = "TAIZHANG_TEST_CHILD_ARGS"

// TestImportChild is not a test of its own: run as a child process of this test binary with
// childArgsEnv set, it is `taizhang` with those arguments (a PC of its own).
func TestImportChild(t *testing.T) {
	raw := os.Getenv(childArgsEnv)
	if raw == "" {
		t.Skip("only as a child process of TestSixParallelImportsIntoOneServer")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	fmt.Print(out.String())
	fmt.Fprint(os.Stderr, errs.String())
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// Six PCs import at once into one server: three issue ledgers and three resident rosters,
// each its own file and process. All land: the counts add up, every issue number of the
// year once and none skipped, and the audit chain verifies.
func TestSixParallelImportsIntoOneServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	fixClock(t, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	t.Setenv(PasswordEnv, "Lu2026yuan")
	db, err := openStore(loc, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.BcryptCost = 4
	admin, err := db.RunSetup(context.Background(), data.Setup{Office: data.Office{Name: "平城区鹿苑街道办事处"},
		Communities: []string{"鹿苑社区", "南关社区"}, AdminUsername: "admin", AdminName: "王建国", AdminPassword: "Lu2026yuan"})
	if err != nil {
		t.Fatal(err)
	}
	actx := data.NewContextWithUser(context.Background(), admin)

	dir := t.TempDir()
	const issuesPer, residentsPer = 150, 200
	var files []string
	for i := 0; i < 3; i++ {
		files = append(files, issueLedgerFile(t, dir, i, issuesPer), rosterFile(t, dir, i, residentsPer))
	}
	type outcome struct {
		out, errs string
		err       error
	}
	results := make([]outcome, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		args := []string{"import", "issues", "--db", loc, "--in", f, "--add-missing"}
		if strings.Contains(filepath.Base(f), "居民") {
			args = []string{"import", "residents", "--user", "admin", "--db", loc, "--in", f}
		}
		raw, _ := json.Marshal(args)
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), childArgsEnv+"="+string(raw))
			var out, errs bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errs
			err := cmd.Run()
			results[i] = outcome{out.String(), errs.String(), err}
		}()
	}
	wg.Wait()
	for i, r := range results {
		want := fmt.Sprintf("已导入 %d 个问题", issuesPer)
		if strings.Contains(files[i], "居民") {
			want = fmt.Sprintf("已导入 %d 人", residentsPer)
		}
		t.Logf("%s: %s", filepath.Base(files[i]), strings.TrimSpace(r.out))
		if r.err != nil || !strings.Contains(r.out, want) {
			t.Errorf("%s: %v\n%s%s", filepath.Base(files[i]), r.err, r.out, r.errs)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	_, issues, err := db.ListIssues(actx, data.IssueFilter{Statuses: data.IssueStatuses, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, residents, err := db.ListResidents(actx, data.ResidentFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if issues != 3*issuesPer || residents != 3*residentsPer {
		t.Errorf("%d issues and %d residents on the server, want %d and %d", issues, residents, 3*issuesPer, 3*residentsPer)
	}
	rows, _, err := db.ListIssues(actx, data.IssueFilter{Statuses: data.IssueStatuses, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	seq := map[int]int{}
	for _, r := range rows {
		_, s, err := data.ParseIssueNumber(r.Number)
		if err != nil {
			t.Fatal(err)
		}
		seq[s]++
	}
	for s := 1; s <= 3*issuesPer; s++ {
		if seq[s] != 1 {
			t.Errorf("issue number %d held by %d issues", s, seq[s])
		}
	}
	// The catalog entries every ledger brought (the same three new names in each) were
	// added once, whichever import came first.
	cs, err := db.Communities(actx, false)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, c := range cs {
		names[c.Name]++
	}
	if names["新建社区"] != 1 || len(cs) != 3 {
		t.Errorf("communities after the imports: %v", cs)
	}
	rep, err := db.Check(actx)
	if err != nil || len(rep.Problems) > 0 || rep.AuditEntries == 0 {
		t.Errorf("check (%d audit entries): %v %v", rep.AuditEntries, rep.Problems, err)
	}
}

// issueLedgerFile writes the i-th issue ledger: n issues without numbers (the program numbers
// them), in the office's two communities and in 新建社区, which every ledger brings.
func issueLedgerFile(t *testing.T, dir string, i, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"序号", "问题编号", "登记日期", "来源", "问题类型", "问题内容", "所属社区", "网格", "具体地点", "责任单位", "责任人",
		"整改期限", "整改措施", "整改状态", "办结日期", "整改情况"}}
	communities := []string{"鹿苑社区", "南关社区", "新建社区"}
	for r := 0; r < n; r++ {
		day := 1 + r%28
		row := []any{r + 1, "", fmt.Sprintf("2026-09-%02d", day), "网格员上报", "环境卫生", fmt.Sprintf("第 %d 本台账第 %d 条：楼道堆放杂物", i+1, r+1),
			communities[r%3], "", fmt.Sprintf("%d号楼", r+1), "社区居委会", "", fmt.Sprintf("2026-10-%02d", day), "通知清理"}
		switch r % 3 {
		case 0:
			row = append(row, "待整改")
		case 1:
			row = append(row, "整改中")
		default:
			row = append(row, "已销号", fmt.Sprintf("2026-10-%02d", day), "已清理完毕")
		}
		rows = append(rows, row)
	}
	for r, vals := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("问题台账%d.xlsx", i+1))
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// rosterFile writes the i-th resident roster: n residents with ID numbers of their own.
func rosterFile(t *testing.T, dir string, i, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"姓名", "身份证号", "联系电话", "住址", "所属社区"}}
	for r := 0; r < n; r++ {
		born := time.Date(1940+r%50, time.Month(1+r%12), 1+i, 0, 0, 0, 0, time.UTC)
		rows = append(rows, []any{fmt.Sprintf("居民%d号%d", i+1, r+1), data.MakeIDNumber("140202", born, 100+r),
			fmt.Sprintf("1383520%04d", i*1000+r), fmt.Sprintf("鹿苑小区%d号楼", r%20+1), []string{"鹿苑社区", "南关社区"}[r%2]})
	}
	for r, vals := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("居民花名册%d.xlsx", i+1))
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
