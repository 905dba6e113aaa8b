package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
	"taizhang/data/sqlite"
)

func TestLpstatParsing(t *testing.T) {
	names := parseLpstatE("Archive\nTaizhangPDF\n\n办公室_HP\n")
	if got := strings.Join(names, "|"); got != "Archive|TaizhangPDF|办公室_HP" {
		t.Errorf("lpstat -e: got %q", got)
	}
	for out, want := range map[string]string{
		"system default destination: TaizhangPDF\n": "TaizhangPDF",
		"no system default destination\n":           "",
		"":                                          "",
	} {
		if got := parseLpstatD(out); got != want {
			t.Errorf("lpstat -d %q: got %q, want %q", out, got, want)
		}
	}
}

func TestParseCopies(t *testing.T) {
	for in, want := range map[string]int{"1": 1, " 3 ": 3, "99": 99, "0": 0, "100": 0, "两": 0, "": 0, "-2": 0} {
		got, err := parseCopies(in)
		if want == 0 {
			if err == nil || !strings.Contains(data.Message(err), "1 到 99") {
				t.Errorf("%q: got %d, %v; want the 1 到 99 message", in, got, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("%q: got %d, %v; want %d", in, got, err, want)
		}
	}
}

// fakePrinters records the jobs the dialog submits.
type fakePrinters struct {
	names    []string
	def      string
	listErr  error
	printErr error
	jobs     []fakeJob
}

type fakeJob struct {
	printer string
	copies  int
	title   string
	pdf     []byte
}

func (f *fakePrinters) Printers() ([]string, string, error) { return f.names, f.def, f.listErr }

func (f *fakePrinters) Print(printer string, copies int, title, path string) error {
	if f.printErr != nil {
		return f.printErr
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f.jobs = append(f.jobs, fakeJob{printer, copies, title, b})
	return nil
}

// signedDecision starts the program with a signed 不予批准 decision for 张菊花 and shows it on
// the 行政文书 screen; the clerk is logged in.
func signedDecision(t *testing.T) (*Session, *sqlite.DB, *documentsScreen, int64, *[]string) {
	t.Helper()
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	docAddStaff(t, db, admin, "reviewer", "赵志刚", data.RoleReviewer)
	cs, _ := db.Communities(context.Background(), false)
	r := addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	clerk, err := db.Login(context.Background(), "clerk", testPassword)
	if err != nil {
		t.Fatalf("clerk: %v", err)
	}
	reviewer, err := db.Login(context.Background(), "reviewer", testPassword)
	if err != nil {
		t.Fatalf("reviewer: %v", err)
	}
	applied, _ := data.ParseDate("2026-02-10")
	investigated, _ := data.ParseDate("2026-02-20")
	id, err := db.CreateDecisionDraft(data.NewContextWithUser(context.Background(), clerk), r.ID, data.Decision{
		Programme: data.ProgrammeDibao, Outcome: data.OutcomeRefuse, Applied: applied, Investigated: investigated,
		Facts:   "经入户调查，申请人家庭共 1 人，月收入 1,850 元。",
		Reasons: "家庭月人均收入高于本市最低生活保障标准（760 元）。",
		Bases:   data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse),
	})
	if err != nil {
		t.Fatalf("draft: %v", err)
	}
	if _, err := db.SignDocument(data.NewContextWithUser(context.Background(), reviewer), id); err != nil {
		t.Fatalf("sign: %v", err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, "clerk", testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	return s, db, sc, id, &opened
}

func printCount(t *testing.T, db *sqlite.DB, id int64) int {
	t.Helper()
	d, err := db.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.PrintCount
}

func printAudits(t *testing.T, db *sqlite.DB, id int64) int {
	t.Helper()
	list, err := db.ListAudit(context.Background(), data.AuditFilter{Table: "documents", RecordID: id})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range list {
		if e.Action == "print" {
			n++
		}
	}
	return n
}

func TestPrintDialog(t *testing.T) {
	s, db, sc, id, opened := signedDecision(t)
	fake := &fakePrinters{names: []string{"Archive", "办公室_HP"}, def: "办公室_HP"}
	sc.printers = fake
	want, err := db.DocumentPDF(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("the default printer is preselected; cancelling counts nothing", func(t *testing.T) {
		sc.printDocument(id, nil)
		pd := sc.printDlg
		if pd == nil {
			t.Fatal("打印 showed no dialog")
		}
		if pd.printers.Selected != "办公室_HP" {
			t.Errorf("printer %q, want the default 办公室_HP", pd.printers.Selected)
		}
		if pd.copies.Text != "1" {
			t.Errorf("copies %q, want 1", pd.copies.Text)
		}
		test.Tap(pd.cancelBtn)
		if sc.printDlg != nil || len(fake.jobs) != 0 || printCount(t, db, id) != 0 || printAudits(t, db, id) != 0 {
			t.Errorf("cancel: dialog %v, %d jobs, count %d", sc.printDlg != nil, len(fake.jobs), printCount(t, db, id))
		}
	})

	t.Run("copies must be 1 to 99", func(t *testing.T) {
		sc.printDocument(id, nil)
		pd := sc.printDlg
		pd.copies.SetText("120")
		test.Tap(pd.printBtn)
		if !pd.message.Visible() || !strings.Contains(pd.message.Text, "1 到 99") {
			t.Errorf("message %q", pd.message.Text)
		}
		if len(fake.jobs) != 0 || printCount(t, db, id) != 0 {
			t.Error("a job went out with 120 copies")
		}
		test.Tap(pd.cancelBtn)
	})

	t.Run("a refused job is said and not counted", func(t *testing.T) {
		fake.printErr = data.Conflict("打印机“办公室_HP”没有接受打印任务。")
		defer func() { fake.printErr = nil }()
		sc.printDocument(id, nil)
		pd := sc.printDlg
		test.Tap(pd.printBtn)
		if !strings.Contains(pd.message.Text, "没有接受打印任务") || sc.printDlg == nil {
			t.Errorf("message %q, dialog open %v", pd.message.Text, sc.printDlg != nil)
		}
		if printCount(t, db, id) != 0 || printAudits(t, db, id) != 0 {
			t.Error("a refused job was counted")
		}
		test.Tap(pd.cancelBtn)
	})

	t.Run("打印 sends the signed PDF and counts one print, audited", func(t *testing.T) {
		sc.printDocument(id, nil)
		pd := sc.printDlg
		pd.printers.SetSelected("Archive")
		pd.copies.SetText("3")
		test.Tap(pd.printBtn)
		if len(fake.jobs) != 1 {
			t.Fatalf("%d jobs, want 1 (message %q)", len(fake.jobs), pd.message.Text)
		}
		j := fake.jobs[0]
		if j.printer != "Archive" || j.copies != 3 || !strings.Contains(j.title, "〔2026〕") {
			t.Errorf("job %s × %d %q", j.printer, j.copies, j.title)
		}
		if !bytes.Equal(j.pdf, want) {
			t.Error("the printed file is not the PDF kept at signing")
		}
		if got := printCount(t, db, id); got != 1 {
			t.Errorf("print count %d, want 1", got)
		}
		if got := printAudits(t, db, id); got != 1 {
			t.Errorf("%d print audit entries, want 1", got)
		}
		if sc.printDlg != nil {
			t.Error("the dialog stayed open")
		}
		if len(*opened) != 0 {
			t.Error("the viewer opened as well")
		}
	})

	t.Run("without CUPS the dialog says so and offers 打开 PDF, which counts", func(t *testing.T) {
		fake.listErr = errNoCUPS
		defer func() { fake.listErr = nil }()
		sc.printDocument(id, nil)
		pd := sc.printDlg
		if !pd.printBtn.Disabled() || !strings.Contains(pd.message.Text, "没有安装打印服务") {
			t.Errorf("print enabled %v, message %q", !pd.printBtn.Disabled(), pd.message.Text)
		}
		test.Tap(pd.openBtn)
		if len(*opened) != 1 {
			t.Fatalf("viewer opened %d times, want 1", len(*opened))
		}
		if got := printCount(t, db, id); got != 2 {
			t.Errorf("print count %d, want 2", got)
		}
	})

	t.Run("no printer added", func(t *testing.T) {
		fake.listErr = errNoPrinter
		defer func() { fake.listErr = nil }()
		sc.printDocument(id, nil)
		if pd := sc.printDlg; !strings.Contains(pd.message.Text, "还没有添加打印机") {
			t.Errorf("message %q", pd.message.Text)
		}
		s.CloseDialog()
	})

	t.Run("the 送达回证 goes through the same dialog and is not counted", func(t *testing.T) {
		before := len(fake.jobs)
		sc.printReceipt(id)
		pd := sc.printDlg
		if pd == nil {
			t.Fatal("no dialog for the receipt")
		}
		test.Tap(pd.printBtn)
		if len(fake.jobs) != before+1 || !strings.Contains(fake.jobs[before].title, "送达回证") {
			t.Fatalf("receipt job not sent: %+v", fake.jobs[before:])
		}
		if got := printCount(t, db, id); got != 2 {
			t.Errorf("print count %d after the receipt, want still 2", got)
		}
	})
}

func TestCUPSErrors(t *testing.T) {
	c := cupsPrinters{}
	t.Setenv("PATH", t.TempDir()) // no lpstat, no lp
	if _, _, err := c.Printers(); !errors.Is(err, errNoCUPS) {
		t.Errorf("without lpstat: %v, want errNoCUPS", err)
	}
	if err := c.Print("x", 1, "t", "/nonexistent.pdf"); !errors.Is(err, errNoCUPS) {
		t.Errorf("without lp: %v, want errNoCUPS", err)
	}
}
