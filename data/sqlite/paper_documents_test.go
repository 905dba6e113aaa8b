package sqlite

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/reports"
)

// paperRegisterXLSX writes rows as an office's 文书登记簿 workbook (a title row merged across
// the sheet, a 填报单位 row, the header, then rows) and reads it back the way the importer
// does. A time.Time value becomes a real date cell.
func paperRegisterXLSX(t *testing.T, rows ...[]any) []data.SheetRow {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell("Sheet1", "A1", "J1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := reports.ReadTable("文书登记簿.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var paperHeader = []any{"序号", "发文字号", "文书种类", "救助项目", "当事人", "身份证号", "成文日期", "决定结果", "金额（元）", "备注"}

// paperEnv is newDocEnv with the office's own prefixes for decisions and rejections.
func paperEnv(t *testing.T) *docEnv {
	t.Helper()
	e := newDocEnv(t)
	docMust(t, e.db.SetDocNumbering(e.admin, "decision", "平民救决", 1))
	docMust(t, e.db.SetDocNumbering(e.admin, "rejection_notice", "平民不受", 1))
	return e
}

// goodRegister is two years of a paper register: a title row, dates written four ways (one
// a date cell), two registers' prefixes, brackets as typed, a decision's full title as its
// kind, and a footer.
func goodRegister(t *testing.T) []data.SheetRow {
	return paperRegisterXLSX(t,
		[]any{"鹿苑街道办事处社会救助文书登记簿"},
		[]any{"填报单位：平城区鹿苑街道办事处"},
		paperHeader,
		[]any{1, "平民救决〔2025〕7号", "最低生活保障批准决定书", "", "张秀兰", idn(1958, 3, 7, 24), time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), "", "680", ""},
		[]any{2, "平民救决[2025]8号", "决定书", "低保", "王建国", "", "2025/3/12", "不予批准", "", ""},
		[]any{3, "平民不受〔2025〕2号", "不予受理通知书", "", "李四", "", "2025年4月1日", "不予受理", "", "申请事项不属本机关职责"},
		[]any{4, "平民救决〔2026〕3号", "决定书", "临时救助", "王建国", idn(1950, 1, 2, 31), "2026.1.8", "给予", "1,500.00", ""},
		[]any{5, "平民救决（2026）第5号", "社会救助决定书", "特困供养", "张秀兰", "", "2026-02-03", "", "", "复印件存档"},
		[]any{},
		[]any{"填表人：王芳"},
	)
}

func TestImportPaperRegister(t *testing.T) {
	e := paperEnv(t)
	rows := goodRegister(t)
	auditBefore, _ := e.db.AuditHead(e.admin)

	rep, err := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{DryRun: true, File: "文书登记簿.xlsx"})
	docMust(t, err)
	if rep.Imported != 5 || countRows(t, e.db, "paper_documents") != 0 {
		t.Fatalf("dry run: got %d to import and %d rows written, want 5 and 0", rep.Imported, countRows(t, e.db, "paper_documents"))
	}
	if head, _ := e.db.AuditHead(e.admin); head != auditBefore {
		t.Errorf("a dry run wrote to the audit log")
	}

	rep, err = e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{File: "文书登记簿.xlsx"})
	docMust(t, err)
	if rep.Imported != 5 || rep.Skipped != 0 || len(rep.Problems) != 0 {
		t.Fatalf("got imported %d skipped %d problems %v, want 5, 0, none", rep.Imported, rep.Skipped, rep.Problems)
	}
	docs, err := e.db.PaperDocuments(e.admin, data.PaperFilter{})
	docMust(t, err)
	byNumber := map[string]data.PaperDocument{}
	for _, d := range docs {
		byNumber[d.DocNumber] = d
	}
	want := []struct {
		number    string
		key       string
		kind      data.DocKind
		prog      data.Programme
		outcome   data.Outcome
		on        string
		resident  int64
		amount    data.Fen
		hasAmount bool
		row       int
	}{
		{"平民救决〔2025〕7号", "decision", data.DocDecision, data.ProgrammeDibao, data.OutcomeGrant, "2025-03-05", e.zhang, 68000, true, 4},
		{"平民救决〔2025〕8号", "decision", data.DocDecision, data.ProgrammeDibao, data.OutcomeRefuse, "2025-03-12", 0, 0, false, 5},
		{"平民不受〔2025〕2号", "rejection_notice", data.DocRejectionNotice, "", "", "2025-04-01", 0, 0, false, 6},
		{"平民救决〔2026〕3号", "decision", data.DocDecision, data.ProgrammeTemporary, data.OutcomeGrant, "2026-01-08", e.wang, 150000, true, 7},
		{"平民救决〔2026〕5号", "decision", data.DocDecision, data.ProgrammeTekun, "", "2026-02-03", 0, 0, false, 8},
	}
	for _, w := range want {
		d, ok := byNumber[w.number]
		if !ok {
			t.Errorf("%s not imported; got %v", w.number, docs)
			continue
		}
		if d.NumKey != w.key || d.Kind != w.kind || d.Programme != w.prog || d.Outcome != w.outcome || d.SignedOn.String() != w.on ||
			d.ResidentID != w.resident || d.Amount != w.amount || d.HasAmount != w.hasAmount || d.SourceRow != w.row || d.SourceFile != "文书登记簿.xlsx" {
			t.Errorf("%s: got %+v, want %+v", w.number, d, w)
		}
	}
	if d := byNumber["平民不受〔2025〕2号"]; d.Note != "申请事项不属本机关职责" || d.Applicant != "李四" {
		t.Errorf("rejection notice: got note %q applicant %q", d.Note, d.Applicant)
	}
	if got, _ := e.db.PaperDocuments(e.admin, data.PaperFilter{ResidentID: e.wang}); len(got) != 1 || got[0].DocNumber != "平民救决〔2026〕3号" {
		t.Errorf("王建国's paper letters: got %v, want the one matched by ID number", got)
	}
	if head, _ := e.db.AuditHead(e.admin); head == auditBefore {
		t.Errorf("the import was not audited")
	}

	t.Run("numbering continues after the paper", func(t *testing.T) {
		if n := e.sign(t, e.draft(t, e.zhang, refusal())); n != "平民救决〔2026〕6号" {
			t.Errorf("got %s, want 平民救决〔2026〕6号 after paper 5号", n)
		}
		reg, err := e.db.DocNumberGaps(e.admin, "decision", 2026)
		docMust(t, err)
		if reg.First != 3 || reg.Last != 6 || len(reg.Gaps) != 1 || reg.Gaps[0] != 4 {
			t.Errorf("2026: got %d–%d gaps %v, want 3–6 with only 4 missing (3 and 5 are on paper)", reg.First, reg.Last, reg.Gaps)
		}
		if strings.Join(reg.Paper, " ") != "平民救决〔2026〕3号 平民救决〔2026〕5号" || len(reg.Signed) != 1 {
			t.Errorf("2026: got paper %v signed %v", reg.Paper, reg.Signed)
		}
		reg, err = e.db.DocNumberGaps(e.admin, "rejection_notice", 2025)
		docMust(t, err)
		if reg.First != 2 || reg.Last != 2 || len(reg.Gaps) != 0 {
			t.Errorf("rejections 2025: got %d–%d gaps %v, want 2–2 without gaps", reg.First, reg.Last, reg.Gaps)
		}
	})

	t.Run("the same register again adds nothing", func(t *testing.T) {
		head, _ := e.db.AuditHead(e.admin)
		rep, err := e.db.ImportPaperDocuments(e.admin, goodRegister(t), data.PaperImportOptions{File: "文书登记簿.xlsx"})
		docMust(t, err)
		if rep.Imported != 0 || rep.Skipped != 5 || countRows(t, e.db, "paper_documents") != 5 {
			t.Errorf("again: got imported %d skipped %d rows %d, want 0, 5, 5", rep.Imported, rep.Skipped, countRows(t, e.db, "paper_documents"))
		}
		if h, _ := e.db.AuditHead(e.admin); h != head {
			t.Errorf("a re-import that added nothing wrote to the audit log")
		}
	})

	t.Run("a signed number or another letter's number is refused", func(t *testing.T) {
		rows := paperRegisterXLSX(t, []any{"文书登记簿"}, paperHeader,
			[]any{1, "平民救决〔2026〕6号", "决定书", "低保", "王建国", "", "2026-03-01"},
			[]any{2, "平民救决〔2025〕7号", "决定书", "低保", "王建国", "", "2025-03-05"},
		)
		_, err := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{})
		wantMessage(t, err, data.ErrInvalid, "未导入任何文书")
		rep, _ := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{DryRun: true})
		got := problemLines(rep.Problems)
		for _, w := range []string{"第 3 行 · 发文字号 · 这个文号已由本单位在程序中签发的文书（平民救决〔2026〕6号，已签发）使用",
			"第 4 行 · 发文字号 · 这个文号已登记为另一份纸质文书（平民救决〔2025〕7号，2025-03-05，申请人张秀兰）"} {
			if !strings.Contains(got, w) {
				t.Errorf("problems lack %q:\n%s", w, got)
			}
		}
	})

	t.Run("a paper number looked up says it is on paper", func(t *testing.T) {
		_, err := e.db.DocumentByNumber(e.clerk, "平民救决[2025]7号")
		wantMessage(t, err, data.ErrNotFound, "“平民救决〔2025〕7号”是用程序之前纸质签发的文书（2025-03-05，申请人张秀兰")
	})

	t.Run("another kind may not take a paper prefix", func(t *testing.T) {
		docMust(t, e.db.SetDocNumbering(e.admin, "decision", "平民救字", 1))
		// The register imported before is still recognised after its prefix changed.
		rep, err := e.db.ImportPaperDocuments(e.admin, goodRegister(t), data.PaperImportOptions{})
		if err != nil || rep.Skipped != 5 || rep.Imported != 0 {
			t.Errorf("again after the prefix changed: got %d skipped, %d imported, %v; want 5, 0, nil", rep.Skipped, rep.Imported, err)
		}
		wantMessage(t, e.db.SetDocNumbering(e.admin, "one_time_notice", "平民救决", 1), data.ErrConflict, "纸质文书登记簿中另一类文书（社会救助决定书）用过的前缀")
		docMust(t, e.db.SetDocNumbering(e.admin, "decision", "平民救决", 1)) // its own kind may return to it
	})

	t.Run("a clerk may not move the numbering", func(t *testing.T) {
		if _, err := e.db.ImportPaperDocuments(e.clerk, goodRegister(t), data.PaperImportOptions{}); !errors.Is(err, data.ErrForbidden) {
			t.Errorf("clerk: got %v, want forbidden", err)
		}
	})
}

func problemLines(ps []data.RosterProblem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// One bad row and nothing is written: every problem is named by row and column.
func TestImportPaperRegisterRefusesBadRows(t *testing.T) {
	e := paperEnv(t)
	signed := e.sign(t, e.draft(t, e.wang, refusal())) // 平民救决〔2026〕1号
	head, _ := e.db.AuditHead(e.admin)
	rows := paperRegisterXLSX(t,
		[]any{"文书登记簿（2026年）"},
		paperHeader,
		[]any{1, "平民救决〔2025〕1号", "决定书", "低保", "王建国", "", "2025-05-06"},
		[]any{2, "鹿民救决〔2025〕2号", "决定书", "低保", "王建国", "", "2025-05-07"},
		[]any{3, "平民救决〔2025〕3号", "决定书", "低保", "王建国", "", "2025-02-30"},
		[]any{4, signed, "决定书", "低保", "王建国", "", "2026-03-01"},
		[]any{5, "平民救决〔2025〕1号", "决定书", "低保", "张秀兰", "", "2025-05-08"},
		[]any{6, "平民救决〔2025〕6号", "告知单", "", "王建国", "", "2025-05-09"},
		[]any{7, "平民救决〔2025〕7号", "决定书", "低保", "张三", idn(1950, 1, 2, 31), "2025-06-01"},
		[]any{8, "平民救决〔2025〕8号", "决定书", "低保", "王建国", "", "2026-05-09"},
		[]any{9, "平民救决2025-9", "决定书", "低保", "王建国", "", "2025-05-09"},
	)
	rep, err := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{})
	wantMessage(t, err, data.ErrInvalid, "有 8 行数据有误")
	got := problemLines(rep.Problems)
	for _, w := range []string{
		"第 4 行 · 发文字号 · 本单位没有前缀为“鹿民救决”的文号：本单位的文号前缀有“平民救决”（社会救助决定书）、“告知”（一次性告知单）、“平民不受”（不予受理通知书）",
		"第 5 行 · 成文日期 · 日期无法识别",
		"第 6 行 · 发文字号 · 这个文号已由本单位在程序中签发的文书（平民救决〔2026〕1号，已签发）使用",
		"第 7 行 · 发文字号 · 文号与第 3 行重复",
		"第 8 行 · 文书种类 · 文号前缀“平民救决”是社会救助决定书的文号，与文书种类“一次性告知单”不符 · 原值“告知单”",
		"第 9 行 · 当事人 · 与身份证号 ",
		"第 10 行 · 成文日期 · 日期（2026-05-09）与文号的年份 2025 不符",
		"第 11 行 · 发文字号 · 文号格式不对",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("problems lack %q:\n%s", w, got)
		}
	}
	for _, p := range rep.Problems {
		if p.Line == 3 {
			t.Errorf("row 3 is good, yet reported: %s", p)
		}
	}
	if n := countRows(t, e.db, "paper_documents"); n != 0 {
		t.Errorf("got %d paper documents written, want none", n)
	}
	if n := countRowsWhere(t, e.db, "counters", "name = 'doc:decision' AND year = 2025"); n != 0 {
		t.Errorf("a refused import moved the 2025 counter")
	}
	if h, _ := e.db.AuditHead(e.admin); h != head {
		t.Errorf("a refused import wrote to the audit log")
	}

	t.Run("no header", func(t *testing.T) {
		_, err := e.db.ImportPaperDocuments(e.admin, paperRegisterXLSX(t, []any{"姓名", "日期"}, []any{"王建国", "2025-01-01"}), data.PaperImportOptions{})
		wantMessage(t, err, data.ErrInvalid, "没有找到表头行")
	})
}

// --add-missing gives an unused register the paper's prefix, or refuses when the register
// has numbered already.
func TestImportPaperRegisterAddMissing(t *testing.T) {
	e := newDocEnv(t) // the built-in prefixes, none used yet
	rows := paperRegisterXLSX(t, []any{"文书登记簿"}, paperHeader,
		[]any{1, "鹿民救决〔2026〕11号", "决定书", "低保", "王建国", "", "2026-04-01"},
		[]any{2, "鹿民救决〔2026〕12号", "决定书", "临时救助", "张秀兰", "", "2026-04-02"},
	)
	_, err := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{})
	wantMessage(t, err, data.ErrInvalid, "未导入任何文书")
	rep, err := e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{AddMissing: true, DryRun: true})
	docMust(t, err)
	if len(rep.Added) != 1 || rep.Added[0].Name != "鹿民救决（社会救助决定书，原前缀“民救决”尚未编过号）" {
		t.Fatalf("dry run: got added %v", rep.Added)
	}
	if ns, _ := e.db.DocNumberings(e.admin); ns[0].Prefix != "民救决" {
		t.Fatalf("a dry run changed the prefix to %s", ns[0].Prefix)
	}
	rep, err = e.db.ImportPaperDocuments(e.admin, rows, data.PaperImportOptions{AddMissing: true})
	docMust(t, err)
	if rep.Imported != 2 {
		t.Fatalf("got %d imported, want 2", rep.Imported)
	}
	if n := e.sign(t, e.draft(t, e.wang, refusal())); n != "鹿民救决〔2026〕13号" {
		t.Errorf("got %s, want 鹿民救决〔2026〕13号", n)
	}

	// The decisions' register has numbered now: another new prefix for it is refused.
	other := paperRegisterXLSX(t, []any{"文书登记簿"}, paperHeader,
		[]any{1, "旧民救决〔2025〕1号", "决定书", "", "王建国", "", "2025-04-01"})
	rep, err = e.db.ImportPaperDocuments(e.admin, other, data.PaperImportOptions{AddMissing: true})
	wantMessage(t, err, data.ErrInvalid, "未导入任何文书")
	if got := problemLines(rep.Problems); !strings.Contains(got, "第 3 行 · 发文字号 · 本单位的社会救助决定书已用前缀“鹿民救决”编号，不能再添加前缀“旧民救决”") {
		t.Errorf("got problems:\n%s", got)
	}
	// Two new prefixes for one kind in one register: the second is refused.
	two := paperRegisterXLSX(t, []any{"文书登记簿"}, paperHeader,
		[]any{1, "鹿告〔2026〕1号", "一次性告知单", "", "王建国", "", "2026-04-01"},
		[]any{2, "鹿告知〔2026〕2号", "一次性告知单", "", "张秀兰", "", "2026-04-02"})
	rep, err = e.db.ImportPaperDocuments(e.admin, two, data.PaperImportOptions{AddMissing: true})
	wantMessage(t, err, data.ErrInvalid, "有 1 行数据有误")
	if got := problemLines(rep.Problems); !strings.Contains(got, "第 4 行 · 发文字号 · 这份登记簿中的一次性告知单既有前缀“鹿告”又有前缀“鹿告知”") {
		t.Errorf("got problems:\n%s", got)
	}
	// A prefix of one programme's decisions gets that programme's register.
	tekun := paperRegisterXLSX(t, []any{"文书登记簿"}, paperHeader,
		[]any{1, "鹿特决〔2026〕2号", "特困人员救助供养批准决定书", "", "王建国", "", "2026-05-01"})
	rep, err = e.db.ImportPaperDocuments(e.admin, tekun, data.PaperImportOptions{AddMissing: true})
	docMust(t, err)
	if len(rep.Added) != 1 || rep.Added[0].Name != "鹿特决（社会救助决定书·特困供养）" {
		t.Errorf("got added %v", rep.Added)
	}
	d := refusal()
	d.Programme, d.Bases = data.ProgrammeTekun, data.SuggestedBases(data.ProgrammeTekun, data.OutcomeRefuse)
	if n := e.sign(t, e.draft(t, e.wang, d)); n != "鹿特决〔2026〕3号" {
		t.Errorf("got %s, want 鹿特决〔2026〕3号", n)
	}
}
