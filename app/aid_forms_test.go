package app

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

// From a resident's page, by keyboard alone: Tab to 打印申请材料, Enter opens the dialog with
// every form ticked, Enter prints; the PDF (here opened in the "viewer") holds the applicant's
// and the household's full ID numbers, and the print is audited. Without the data key the
// dialog says why in Chinese and prints nothing.
func TestAidFormsFromTheResidentPageByKeyboard(t *testing.T) {
	db, admin := newTestDB(t)
	ctx := data.NewContextWithUser(context.Background(), admin)
	cs, _ := db.Communities(context.Background(), false)
	head := addResident(t, db, admin, "张秀兰", time.Date(1965, 3, 12, 0, 0, 0, 0, time.UTC), 152, cs[0].ID)
	son := addResident(t, db, admin, "李明", time.Date(1990, 7, 15, 0, 0, 0, 0, time.UTC), 203, cs[0].ID)
	hh, err := db.StartHousehold(ctx, head.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.JoinHousehold(ctx, son.ID, hh, "子"); err != nil {
		t.Fatal(err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	var opened []string
	documentsOf(t, s, &opened)
	rs := residentsOf(t, s)
	rs.showDetail(head.ID)
	d := rs.detail
	c := s.Window.Canvas()
	if d.forms.Disabled() {
		t.Fatal("打印申请材料 is disabled for the administrator")
	}
	if !tabTo(c, d.forms) {
		t.Fatal("Tab never reaches 打印申请材料")
	}
	press(c, fyne.KeyReturn)
	dlg := d.formsDlg
	if dlg == nil || s.dialog != dlg.dialog {
		t.Fatal("Enter on 打印申请材料 opened no dialog")
	}
	if len(dlg.chosen()) != 3 || dlg.programme.Selected != "低保" {
		t.Errorf("dialog starts with %v under %q; want the three forms under 低保", dlg.chosen(), dlg.programme.Selected)
	}
	press(c, fyne.KeyReturn)
	if len(opened) != 1 {
		t.Fatalf("Enter in the dialog opened %d files: %s", len(opened), dlg.message.Text)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(bin, "-enc", "UTF-8", opened[0], "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), "")
		for _, want := range []string{"最低生活保障申请审批表", "家庭经济状况核对授权书", "授权委托书", "张秀兰", head.IDNumber, son.IDNumber, head.Phone} {
			if !strings.Contains(flat, want) {
				t.Errorf("the printed forms lack %q", want)
			}
		}
	}
	audit, _ := db.ListAudit(context.Background(), data.AuditFilter{Table: "residents", RecordID: head.ID})
	if len(audit) == 0 || audit[0].Action != "print_forms" || audit[0].UserName != "王建国" {
		t.Errorf("the print is not audited as the clerk's: %+v", audit)
	}

	// Only the 授权委托书 under 临时救助, then without the key.
	dlg = showAidFormsDialog(s, head.ID, head.Name, data.ProgrammeTemporary)
	dlg.forms.SetSelected([]string{"授权委托书"})
	if got := dlg.chosen(); len(got) != 1 || got[0] != data.AidFormProxy {
		t.Fatalf("chosen %v", got)
	}
	dlg.forms.SetSelected(nil)
	dlg.onPrint()
	if !strings.Contains(dlg.message.Text, "请至少勾选一份申请材料") {
		t.Errorf("no form ticked: message %q", dlg.message.Text)
	}
	dlg.forms.SetSelected([]string{"授权委托书"})
	db.Lock()
	dlg.onPrint()
	if !strings.Contains(dlg.message.Text, "须以本单位的账号登录") || len(opened) != 1 {
		t.Errorf("without the key: message %q, %d files", dlg.message.Text, len(opened))
	}
}

// From a 救助对象 case page the dialog starts on the case's programme, and prints its forms.
func TestAidFormsFromTheCasePage(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	cs, _ := db.Communities(context.Background(), false)
	li := addResident(t, db, admin, "李桂兰", time.Date(1940, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[1].ID)
	d := data.MustDate
	aidSign(t, db, admin, data.BulkDocument{ResidentID: li.ID,
		Decision: aidDecision(data.ProgrammeTekun, data.OutcomeGrant, 0, 98800, d(2025, 12, 10), d(2026, 1, 1))})
	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	var opened []string
	documentsOf(t, s, &opened)
	s.shell.Show(ScreenAid)
	sc := s.shell.Screen(ScreenAid).(*aidScreen)
	if len(sc.rows) != 1 {
		t.Fatalf("%d cases, want 1", len(sc.rows))
	}
	sc.showCase(sc.rows[0].CaseID)
	if sc.page == nil || sc.page.forms == nil || sc.page.forms.Disabled() {
		t.Fatal("the case page has no 打印申请材料")
	}
	test.Tap(sc.page.forms)
	dlg := sc.page.formsDlg
	if dlg == nil || dlg.programme.Selected != string(data.ProgrammeTekun) {
		t.Fatalf("dialog %+v, want it on 特困供养", dlg)
	}
	dlg.forms.SetSelected([]string{string(data.AidFormApplication)})
	test.Tap(dlg.printBtn)
	if len(opened) != 1 {
		t.Fatalf("%d files opened: %s", len(opened), dlg.message.Text)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		text, _ := exec.Command(bin, "-enc", "UTF-8", opened[0], "-").Output()
		flat := strings.Join(strings.Fields(string(text)), "")
		for _, want := range []string{"特困人员救助供养申请审批表", "李桂兰", li.IDNumber, "本人月收入"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the form lacks %q", want)
			}
		}
		if strings.Contains(flat, "授权委托书") {
			t.Error("an unticked form was printed")
		}
	}
}
