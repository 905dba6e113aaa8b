package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

func servicesOf(t *testing.T, s *Session) *servicesScreen {
	t.Helper()
	s.shell.Show(ScreenServices)
	return s.shell.Screen(ScreenServices).(*servicesScreen)
}

// TestRecordHomeCertification records a 入户认证 for an 85-year-old by typing into the form,
// and sees the 本季度待认证 list and the dashboard card drop by one.
func TestRecordHomeCertification(t *testing.T) {
	s, db := loggedInShell(t)
	cs, err := db.Communities(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	// 85 on 2026-03-05, and 80+ last quarter: overdue until certified.
	addResident(t, db, s.User, "张菊花", time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC), 122, cs[0].ID)
	addResident(t, db, s.User, "李秀英", time.Date(1938, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[1].ID)
	addResident(t, db, s.User, "王小明", time.Date(1990, 7, 9, 0, 0, 0, 0, time.UTC), 131, cs[1].ID)

	if got := dashboardOf(t, s).cardNumber("certification_due"); got != "2" {
		t.Fatalf("dashboard card before: got %q, want 2", got)
	}
	sc := servicesOf(t, s)
	if !sc.empty.Visible() || !strings.Contains(sc.empty.Text, "还没有服务记录") {
		t.Errorf("empty state: got %q", sc.empty.Text)
	}
	sc.showCertifications(data.CertPending)
	if sc.certs.count != 2 || sc.certs.item.Selected != data.ItemOldAgeAllowance {
		t.Fatalf("pending before: got %d for %q, want 2 for 高龄津贴认证", sc.certs.count, sc.certs.item.Selected)
	}

	sc.OnNew()
	f := sc.form
	if f == nil {
		t.Fatal("新增 did not open the form")
	}
	if !f.save.Disabled() || !strings.Contains(f.why.Text, "请选择服务对象") {
		t.Errorf("an empty form: save disabled %v, why %q", f.save.Disabled(), f.why.Text)
	}
	if got := f.staff.Selected; len(got) != 1 || got[0] != s.User.Name {
		t.Errorf("staff default: got %v, want the current user", got)
	}
	// By keyboard: type, Enter finds, Down goes into the results, Enter adds.
	c := s.Window.Canvas()
	c.Focus(f.resQuery)
	test.Type(f.resQuery, "zjh")
	press(c, fyne.KeyReturn)
	if len(f.resHits.Objects) != 1 {
		t.Fatalf("search zjh: got %d hits", len(f.resHits.Objects))
	}
	press(c, fyne.KeyDown)
	if c.Focused() != f.resHits.Objects[0].(*button) {
		t.Fatalf("Down from the search box focused %T, want the result", c.Focused())
	}
	press(c, fyne.KeyReturn)
	if len(f.residents) != 1 || f.residents[0].Name != "张菊花" {
		t.Fatalf("residents: got %+v", f.residents)
	}
	f.typ.SetSelected(string(data.ServiceCertification))
	f.item.SetSelected(data.ItemOldAgeAllowance)
	if !strings.Contains(f.why.Text, "请填写服务内容") {
		t.Errorf("content missing: why %q", f.why.Text)
	}
	test.Type(f.content, "入户核实老人健在，采集认证照片")
	f.date.SetText("")
	test.Type(f.date.entry, "2026.3.4")
	f.onTheSpot.SetChecked(true)
	if f.save.Disabled() {
		t.Fatalf("save still disabled: %q", f.why.Text)
	}
	test.Tap(f.save)
	if !strings.HasPrefix(f.saved.Text, "已保存 FW-2026-") {
		t.Fatalf("after save: got %q", f.saved.Text)
	}
	if !strings.HasPrefix(f.title.Text, "修改服务记录 FW-2026-") {
		t.Errorf("after save the heading still says %q", f.title.Text)
	}
	// The save bar is on screen at 768 pixels: inside the window, not below the fold.
	if pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.save); pos.Y+f.save.Size().Height > 768 {
		t.Errorf("保存 sits at y=%v, below a 768-pixel window", pos.Y)
	}
	rows, total, err := db.ListServices(context.Background(), data.ServiceFilter{})
	if err != nil || total != 1 || rows[0].Type != data.ServiceCertification || rows[0].Date != data.MustDate(2026, 3, 4) || !rows[0].OnTheSpot {
		t.Fatalf("stored: %+v %d %v", rows, total, err)
	}
	test.Tap(f.cancel)
	if sc.form != nil {
		t.Fatal("返回 did not close the saved form")
	}
	sc.showCertifications(data.CertPending)
	if sc.certs.count != 1 || sc.certs.rows[0].Name != "李秀英" {
		t.Errorf("pending after: got %d %+v, want only 李秀英", sc.certs.count, sc.certs.rows)
	}
	sc.tabs.Select(sc.listTab)
	sc.Refresh()
	if sc.count != 1 || sc.cellText(0, serviceColResidents) != "张菊花（"+data.MaskIDNumber(rows[0].FirstIDNumber)+"）" {
		t.Errorf("ledger: total %d, 服务对象 %q", sc.count, sc.cellText(0, serviceColResidents))
	}
	if got := dashboardOf(t, s).cardNumber("certification_due"); got != "1" {
		t.Errorf("dashboard card after: got %q, want 1", got)
	}
}

// TestCertifyFromList opens the form from 登记认证: prefilled with 入户认证, the item and the
// resident.
func TestCertifyFromList(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	addResident(t, db, s.User, "张菊花", time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC), 122, cs[0].ID)
	sc := servicesOf(t, s)
	sc.showCertifications(data.CertOverdue)
	if sc.certs.count != 1 {
		t.Fatalf("overdue: got %d", sc.certs.count)
	}
	sc.certs.onCertify(sc.certs.rows[0])
	f := sc.form
	if f == nil || f.typ.Selected != string(data.ServiceCertification) || f.item.Selected != data.ItemOldAgeAllowance ||
		len(f.residents) != 1 || f.save.Disabled() {
		t.Fatalf("prefilled form: %+v", f)
	}
	test.Tap(f.save)
	if !strings.HasPrefix(f.saved.Text, "已保存") {
		t.Fatalf("save: %q %q", f.saved.Text, f.why.Text)
	}
	sc.closeForm()
	sc.showCertifications(data.CertCertified)
	if sc.certs.count != 1 {
		t.Errorf("certified: got %d, want 1", sc.certs.count)
	}
}

// The 定期认证 list pages through the same table as the other lists, so a slow page that
// finishes after a newer one no longer overwrites it.
func TestCertificationsDropStalePage(t *testing.T) {
	s, db := loggedInShell(t)
	cs, err := db.Communities(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	addResident(t, db, s.User, "张菊花", time.Date(1941, 1, 5, 0, 0, 0, 0, time.UTC), 122, cs[0].ID)
	addResident(t, db, s.User, "李秀英", time.Date(1938, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[1].ID)
	sc := servicesOf(t, s)
	sc.showCertifications(data.CertPending)
	v := sc.certs
	if v.count != 2 {
		t.Fatalf("pending in every community: got %d, want 2", v.count)
	}

	bg := runInBackground(t, s)
	first := bg.started()
	v.community.SetSelected(cs[0].Name) // asks for 张菊花 alone
	v.community.SetSelected(allComms)   // then for both
	if bg.started() != first+2 {
		t.Fatalf("%d pages asked for, want 2", bg.started()-first)
	}
	bg.finish(first + 1)
	if v.count != 2 || v.total.Text != "共 2 人" {
		t.Fatalf("the newer page: %d, %q; want 2 and 共 2 人", v.count, v.total.Text)
	}
	bg.finish(first)
	if v.count != 2 || len(v.rows) != 2 || v.total.Text != "共 2 人" {
		t.Errorf("after the stale page came in: %d rows, %q; want both residents", len(v.rows), v.total.Text)
	}

	// And the list still pages on: one community at a time.
	v.community.SetSelected(cs[1].Name)
	bg.finishAll()
	if len(v.rows) != 1 || v.rows[0].Name != "李秀英" {
		t.Errorf("南关社区: got %+v, want 李秀英 alone", v.rows)
	}
}

// TestOldAgeAllowanceNeedsTheAge picks 高龄津贴认证 for a 35-year-old: 保存 stays disabled
// and says why.
func TestOldAgeAllowanceNeedsTheAge(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(context.Background(), false)
	young := addResident(t, db, s.User, "王小明", time.Date(1990, 7, 9, 0, 0, 0, 0, time.UTC), 131, cs[1].ID)
	sc := servicesOf(t, s)
	sc.OnNew()
	f := sc.form
	f.addResident(young)
	f.typ.SetSelected(string(data.ServiceCertification))
	f.item.SetSelected(data.ItemOldAgeAllowance)
	test.Type(f.content, "入户核实")
	f.onSave()
	if !f.save.Disabled() || !strings.Contains(f.why.Text, "王小明 35 周岁，未满高龄津贴认证的起始年龄 80 周岁") {
		t.Errorf("a 35-year-old's 高龄津贴认证: save disabled %v, why %q", f.save.Disabled(), f.why.Text)
	}
	if rows, total, _ := db.ListServices(context.Background(), data.ServiceFilter{}); total != 0 {
		t.Errorf("saved anyway: %+v", rows)
	}
}
