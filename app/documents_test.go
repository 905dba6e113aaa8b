package app

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// docTestOffice sets up an office whose documents can be signed: the remedy clause's
// 人民政府 and 人民法院, and the contact a one-time notice prints.
func docTestOffice(t *testing.T, db *sqlite.DB, admin *data.User) {
	t.Helper()
	o := data.Office{Name: testOffice, ShortName: "鹿苑街道", Government: "平城区人民政府", Court: "平城区人民法院",
		Address: "平城区鹿苑路 18 号", Phone: "0352-5021234"}
	if err := db.SaveOffice(data.NewContextWithUser(context.Background(), admin), o); err != nil {
		t.Fatalf("office: %v", err)
	}
}

func docAddStaff(t *testing.T, db *sqlite.DB, admin *data.User, username, name string, role data.Role) {
	t.Helper()
	u := &data.User{Username: username, Name: name, Role: role}
	if err := db.CreateUser(data.NewContextWithUser(context.Background(), admin), u, testPassword); err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
}

// documentsOf shows 行政文书 with the PDF viewer replaced by a recorder, printing through
// the viewer as on Windows (print_test.go drives the printer dialog).
func documentsOf(t *testing.T, s *Session, opened *[]string) *documentsScreen {
	t.Helper()
	s.shell.Show(ScreenDocuments)
	sc := s.shell.Screen(ScreenDocuments).(*documentsScreen)
	sc.printDir = t.TempDir()
	sc.printers = nil
	sc.open = func(path string) error {
		*opened = append(*opened, path)
		return nil
	}
	return sc
}

func docSwitchUser(t *testing.T, s *Session, username string) {
	t.Helper()
	test.Tap(s.shell.logout)
	logIn(t, s, username, testPassword)
	if s.shell == nil {
		t.Fatalf("%s could not log in", username)
	}
}

func pageTexts(pages []reports.Page) string {
	var b strings.Builder
	for _, p := range pages {
		for _, t := range p.Texts {
			b.WriteString(t.S)
		}
	}
	return b.String()
}

func TestDocuments(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	docAddStaff(t, db, admin, "reviewer", "赵志刚", data.RoleReviewer)
	cs, _ := db.Communities(context.Background(), false)
	addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	addResident(t, db, admin, "李桂兰", time.Date(1960, 7, 9, 0, 0, 0, 0, time.UTC), 124, cs[0].ID)

	s, _ := startApp(t, db)
	logIn(t, s, "clerk", testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)

	t.Run("the empty list says what to do", func(t *testing.T) {
		if !sc.empty.Visible() || !strings.Contains(sc.empty.Text, "新建决定书") {
			t.Errorf("empty state %q (visible %v)", sc.empty.Text, sc.empty.Visible())
		}
	})

	var f *decisionForm
	t.Run("a clerk drafts a 低保 不予批准 decision", func(t *testing.T) {
		s.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
		if sc.view != "form" || sc.form == nil {
			t.Fatal("新建决定书 did not open the form")
		}
		f = sc.form
		test.Type(f.picker.query, "zjh")
		if len(f.picker.hitButtons) != 1 {
			t.Fatalf("search zjh found %d residents, want 1", len(f.picker.hitButtons))
		}
		test.Tap(f.picker.hitButtons[0])
		if got := f.picker.name.Text; got != "张菊花" {
			t.Errorf("applicant %q, want 张菊花", got)
		}
		if got := f.picker.idNumber.Text; !strings.Contains(got, "*") {
			t.Errorf("ID number %q is not masked", got)
		}
		f.programme.SetSelected(string(data.ProgrammeDibao))
		f.outcome.SetSelected(data.OutcomeRefuse.String())
		if f.money.Visible() {
			t.Error("amounts shown for 不予批准")
		}
		f.applied.SetText("2026.2.10")
		f.investigated.SetText("20260220")
		test.Type(f.facts, "经入户调查，申请人家庭共 1 人，月收入 1,850 元。")
		test.Type(f.reasons, "家庭月人均收入高于本市最低生活保障标准（760 元）。")
		ticked := 0
		for _, c := range f.basis.checks {
			if c.Checked {
				ticked++
			}
		}
		if ticked != len(data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse)) {
			t.Errorf("%d bases pre-ticked, want the %d suggested", ticked, len(data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse)))
		}
		for _, c := range f.basis.checks {
			if c.Checked {
				test.Tap(c)
			}
		}
		if msg := f.msgs["bases"]; !msg.Visible() || !strings.Contains(msg.Text, "没有法律依据") {
			t.Errorf("bases message %q (visible %v), want 没有法律依据", msg.Text, msg.Visible())
		}
		if f.save.Disabled() {
			t.Errorf("保存草稿 disabled: %s", f.reason.Text)
		}
		if !f.signBtn.Disabled() || !strings.Contains(f.signReason.Text, "需审核人签发") {
			t.Errorf("clerk's 签发: disabled %v, reason %q", f.signBtn.Disabled(), f.signReason.Text)
		}
		for i, b := range f.basis.bases {
			if b.Article == "第九条" || b.Article == "第十一条" && b.Law == data.LawSocialAssistance {
				test.Tap(f.basis.checks[i])
			}
		}
		if f.msgs["bases"].Visible() {
			t.Errorf("bases message still shown: %s", f.msgs["bases"].Text)
		}
		test.Tap(f.save)
		if f.id == 0 {
			t.Fatalf("not saved: %s", f.reason.Text)
		}
		if got := s.shell.notice.Text; got != "已保存草稿" {
			t.Errorf("notice %q, want 已保存草稿", got)
		}
	})

	t.Run("the draft is listed and a clerk cannot sign it", func(t *testing.T) {
		test.Tap(f.cancel)
		sc.showList()
		sc.load()
		if len(sc.rows) != 1 {
			t.Fatalf("%d rows, want 1", len(sc.rows))
		}
		if got := sc.cellText(0, 1); got != "草稿" {
			t.Errorf("文号 %q, want 草稿", got)
		}
		if got := sc.cellText(0, docColTitle); got != "最低生活保障不予批准决定书" {
			t.Errorf("标题 %q", got)
		}
		if got := sc.cellText(0, docColOps); strings.Contains(got, "签发") {
			t.Errorf("clerk's 操作 %q offers 签发", got)
		}
		sc.showDetail(sc.rows[0].ID)
		if b := sc.detail.buttons["签发"]; b == nil || !b.Disabled() {
			t.Error("the clerk's 签发 on the page is not disabled")
		}
	})

	var id int64
	t.Run("a reviewer signs it and the number shows", func(t *testing.T) {
		docSwitchUser(t, s, "reviewer")
		sc = documentsOf(t, s, &opened)
		if got := sc.cellText(0, docColOps); !strings.Contains(got, "签发") {
			t.Errorf("reviewer's 操作 %q, want 签发", got)
		}
		id = sc.rows[0].ID
		sc.showDetail(id)
		if got := sc.detail.panel.view.Pages(); got == 0 {
			t.Error("the draft's preview has no pages")
		}
		test.Tap(sc.detail.buttons["签发"])
		s.dialog.(interface{ Confirm() }).Confirm()
		if got := sc.cellText(0, 1); got != "民救决〔2026〕1号" {
			t.Errorf("文号 %q, want 民救决〔2026〕1号", got)
		}
		if got := sc.cellText(0, docColStatus); got != "已签发" {
			t.Errorf("状态 %q, want 已签发", got)
		}
		if got := sc.cellText(0, docColDelivered); got != "待送达" {
			t.Errorf("送达 %q, want 待送达", got)
		}
		if got := s.shell.notice.Text; !strings.Contains(got, "已签发 民救决〔2026〕1号") {
			t.Errorf("notice %q", got)
		}
	})

	t.Run("the preview draws the pages of the page model", func(t *testing.T) {
		pages, _, err := layoutPreview(s.Ctx(), db, id)
		if err != nil {
			t.Fatal(err)
		}
		v := sc.detail.panel.view
		if v.Pages() != len(pages) || len(v.sheets.Objects) != len(pages) {
			t.Errorf("preview draws %d pages (%d sheets), PreviewDocument gives %d", v.Pages(), len(v.sheets.Objects), len(pages))
		}
		glyphs := 0
		for _, p := range pages {
			for _, tx := range p.Texts {
				for _, g := range tx.Glyphs() {
					if g.R != ' ' && g.R != '\u3000' {
						glyphs++
					}
				}
			}
		}
		drawn := 0
		for _, p := range v.pages {
			drawn += len(p.glyphs)
		}
		if drawn != glyphs {
			t.Errorf("%d glyphs drawn, the model has %d", drawn, glyphs)
		}
		if !strings.Contains(sc.detail.panel.counter.Text, "/ "+strconv.Itoa(len(pages))+" 页") {
			t.Errorf("counter %q", sc.detail.panel.counter.Text)
		}
	})

	t.Run("printing opens the same PDF bytes each time", func(t *testing.T) {
		opened = nil
		test.Tap(sc.detail.buttons["打印"])
		// Ctrl+P prints the document on show.
		s.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault})
		if len(opened) != 2 {
			t.Fatalf("opener called %d times, want 2", len(opened))
		}
		a, _ := os.ReadFile(opened[0])
		b, _ := os.ReadFile(opened[1])
		if !bytes.HasPrefix(a, []byte("%PDF")) {
			t.Errorf("%s is not a PDF", opened[0])
		}
		if !bytes.Equal(a, b) {
			t.Error("the reprint differs from the first print")
		}
		if got := sc.cellText(0, 8); got != "2" {
			t.Errorf("打印次数 %q, want 2", got)
		}
	})

	t.Run("the delivery receipt prints", func(t *testing.T) {
		opened = nil
		test.Tap(sc.detail.buttons["打印送达回证"])
		if len(opened) != 1 {
			t.Fatalf("opener called %d times, want 1", len(opened))
		}
		b, _ := os.ReadFile(opened[0])
		if !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Error("the receipt is not a PDF")
		}
	})

	t.Run("留置 needs a witness and the refusal", func(t *testing.T) {
		test.Tap(sc.detail.buttons["登记送达"])
		df := sc.detail.delivery
		if df == nil {
			t.Fatal("登记送达 did not open the dialog")
		}
		if !df.directRows[1].Visible() {
			t.Error("代收人 hidden for 直接送达")
		}
		test.Type(df.agent, df.server.Text)
		if msg := df.msgs["agent"]; !msg.Visible() || !strings.Contains(msg.Text, "代收人不能是送达人") {
			t.Errorf("agent message %q (visible %v)", msg.Text, msg.Visible())
		}
		df.method.SetSelected(data.DeliveryLeft.String())
		if df.directRows[1].Visible() {
			t.Error("代收人 still shown for 留置送达")
		}
		if msg := df.msgs["witness"]; !msg.Visible() || !strings.Contains(msg.Text, "见证人") {
			t.Errorf("witness message %q (visible %v)", msg.Text, msg.Visible())
		}
		if !df.confirm.Disabled() {
			t.Error("登记送达 enabled without a witness")
		}
		test.Type(df.witness, "王社区")
		if msg := df.msgs["refusal_reason"]; !msg.Visible() || !strings.Contains(msg.Text, "拒收") {
			t.Errorf("refusal message %q (visible %v)", msg.Text, msg.Visible())
		}
		test.Type(df.refusal, "申请人拒绝签收，称不服决定。")
		if df.confirm.Disabled() {
			t.Fatalf("登记送达 disabled: %s", df.reason.Text)
		}
		test.Tap(df.confirm)
		if sc.detail.delivery != nil {
			t.Fatalf("not recorded: %s", df.reason.Text)
		}
		if got := sc.cellText(0, docColDelivered); got != "已送达" {
			t.Errorf("送达 %q, want 已送达", got)
		}
		if _, ok := sc.detail.buttons["登记送达"]; ok {
			t.Error("登记送达 still offered")
		}
	})

	t.Run("a one-time notice for 临时救助申请 lists what is missing", func(t *testing.T) {
		opened = nil
		test.Tap(sc.newNotice)
		nf := sc.notice
		if sc.view != "notice" || nf == nil {
			t.Fatal("一次性告知单 did not open")
		}
		test.Type(nf.search, "临时")
		if nf.item.Selected != "临时救助申请" {
			t.Fatalf("item %q, want 临时救助申请", nf.item.Selected)
		}
		test.Type(nf.applicant.entry, "李桂兰")
		if len(nf.applicant.hitButtons) == 1 {
			test.Tap(nf.applicant.hitButtons[0])
		}
		test.Tap(nf.checks[0])
		test.Tap(nf.checks[1])
		if got := nf.missing.Text; got != "还需提交 5 项" {
			t.Errorf("counter %q", got)
		}
		test.Tap(nf.generate)
		if nf.created == 0 {
			t.Fatalf("not created: %s", nf.reason.Text)
		}
		if len(opened) != 1 {
			t.Errorf("opener called %d times, want 1", len(opened))
		}
		text := pageTexts(nf.panel.view.Model())
		var item data.ServiceItem
		for _, it := range data.DefaultServiceItems {
			if it.Name == "临时救助申请" {
				item = it
			}
		}
		for _, m := range item.Materials[2:] {
			if !strings.Contains(text, m.Name) {
				t.Errorf("missing material %s not listed", m.Name)
			}
		}
		if !strings.Contains(text, "李桂兰") || !strings.Contains(text, "临时救助申请") {
			t.Errorf("the notice does not name the applicant and the item:\n%s", text)
		}
	})

	t.Run("the awaiting-delivery filter", func(t *testing.T) {
		openAwaitingDelivery(s)
		if sc.delivered.Selected != docAwaiting || sc.count != 0 {
			t.Errorf("filter %q shows %d, want 待送达 and none", sc.delivered.Selected, sc.count)
		}
		sc.onReset()
		if sc.count != 2 {
			t.Errorf("%d documents, want 2", sc.count)
		}
	})
}

func TestDocumentSettingsAndRejection(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	cs, _ := db.Communities(context.Background(), false)
	r := addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)

	s, _ := startApp(t, db)
	logIn(t, s, testAdmin, testPassword)
	s.shell.Show(ScreenSettings)
	st := s.shell.Screen(ScreenSettings).(*settingsScreen)
	ds := st.docs

	t.Run("an office continuing its paper register starts at 38", func(t *testing.T) {
		prefix, start := ds.prefixes[string(data.DocDecision)], ds.starts[string(data.DocDecision)]
		if prefix == nil || prefix.Text != "民救决" {
			t.Fatalf("decision prefix %v", prefix)
		}
		prefix.SetText("平民救决")
		start.SetText("38")
		test.Tap(ds.saves[string(data.DocDecision)])
		if ds.numberMsg.Visible() {
			t.Fatalf("not saved: %s", ds.numberMsg.Text)
		}
		ctx := data.NewContextWithUser(context.Background(), admin)
		id, err := db.CreateDecisionDraft(ctx, r.ID, data.Decision{Programme: data.ProgrammeDibao, Outcome: data.OutcomeRefuse,
			Applied: data.MustDate(2026, 2, 10), Facts: "查明的事实。", Reasons: "理由。",
			Bases: data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse)})
		if err != nil {
			t.Fatal(err)
		}
		var opened []string
		sc := documentsOf(t, s, &opened)
		sc.showDetail(id)
		test.Tap(sc.detail.buttons["签发"])
		s.dialog.(interface{ Confirm() }).Confirm()
		if got := sc.cellText(0, 1); got != "平民救决〔2026〕38号" {
			t.Errorf("文号 %q, want 平民救决〔2026〕38号", got)
		}
	})

	t.Run("a legal basis is added only with its source, and sources are shown", func(t *testing.T) {
		s.shell.Show(ScreenSettings)
		test.Type(ds.basisLaw, "山西省最低生活保障实施办法")
		test.Type(ds.basisArticle, "第八条")
		test.Type(ds.basisSubject, "低保标准的确定")
		test.Tap(ds.basisAdd)
		if !ds.basisMsg.Visible() || !strings.Contains(ds.basisMsg.Text, "核对出处") {
			t.Fatalf("added without a source: message %q", ds.basisMsg.Text)
		}
		test.Type(ds.basisSource, "山西省人民政府令第×号；核对文本：山西省人民政府公报")
		test.Tap(ds.basisAdd)
		if ds.basisMsg.Visible() {
			t.Fatalf("not added: %s", ds.basisMsg.Text)
		}
		entries, err := db.LegalBases(s.Ctx())
		if err != nil {
			t.Fatal(err)
		}
		last := entries[len(entries)-1]
		if last.Cite() != "《山西省最低生活保障实施办法》第八条" || !strings.Contains(last.Source, "公报") {
			t.Errorf("last entry %s from %q", last.Cite(), last.Source)
		}
		sources := 0
		for _, o := range ds.basisRows.Objects {
			if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "出处：") {
				sources++
			}
		}
		laws := map[string]bool{}
		for _, e := range entries {
			laws[e.Law] = true
		}
		if sources != len(laws) {
			t.Errorf("%d source lines shown, want one per law (%d)", sources, len(laws))
		}
	})

	t.Run("the remedy clause template is edited into a new version", func(t *testing.T) {
		s.shell.Show(ScreenSettings)
		ds.remedyScope.SetSelected(data.RemedyScope(data.OutcomeStop).String())
		if !strings.Contains(ds.remedyText.Text, "第二十三条第一款第（三）项") || !strings.Contains(ds.remedyVersion.Text, "内置默认") {
			t.Fatalf("default template %q (%s)", ds.remedyText.Text, ds.remedyVersion.Text)
		}
		if !strings.Contains(ds.remedyBases.Text, "《中华人民共和国行政复议法》第二十条") {
			t.Errorf("template bases %q", ds.remedyBases.Text)
		}
		ds.remedyText.SetText("如不服本决定，可以向平城区人民政府申请行政复议。")
		test.Tap(ds.remedySave)
		if !ds.remedyMsg.Visible() || !strings.Contains(ds.remedyMsg.Text, "{复议机关}") {
			t.Errorf("a clause naming the government literally: message %q", ds.remedyMsg.Text)
		}
		ds.remedyText.SetText(data.DefaultRemedyText + "（咨询电话：0352-5021234）")
		test.Tap(ds.remedySave)
		if ds.remedyMsg.Visible() {
			t.Fatalf("not saved: %s", ds.remedyMsg.Text)
		}
		if !strings.Contains(ds.remedyVersion.Text, "第 1 版") || !strings.Contains(ds.remedyHistory.Text, "第 1 版") {
			t.Errorf("after saving: %q / %q", ds.remedyVersion.Text, ds.remedyHistory.Text)
		}
		tpl, err := db.RemedyTemplate(s.Ctx(), data.RemedyScope(data.OutcomeStop))
		if err != nil || tpl.Version != 1 || !strings.Contains(tpl.Text, "咨询电话") || len(tpl.Bases) == 0 {
			t.Errorf("stored template %+v, %v", tpl, err)
		}
		ds.remedyScope.SetSelected(data.RemedyRejection.String())
		if strings.Contains(ds.remedyText.Text, "咨询电话") {
			t.Error("the 不予受理 template shows the 停发 edit")
		}
	})

	t.Run("competence: the 民政局 decides 特困", func(t *testing.T) {
		p := data.ProgrammeTekun
		if ds.compMode[p].Selected != data.CompetenceDelegated.String() || ds.compText[p].Text != "《特困人员认定办法》第二十八条" {
			t.Errorf("default shown as %q %q", ds.compMode[p].Selected, ds.compText[p].Text)
		}
		ds.compMode[p].SetSelected(data.CompetenceBureau.String())
		ds.compText[p].SetText("")
		test.Tap(ds.compSave[p])
		if !ds.compMsg[p].Visible() || !strings.Contains(ds.compMsg[p].Text, "民政部门的名称") {
			t.Errorf("bureau without a name: %q", ds.compMsg[p].Text)
		}
		test.Type(ds.compText[p], "平城区民政局")
		test.Tap(ds.compSave[p])
		if ds.compMsg[p].Visible() {
			t.Fatalf("not saved: %s", ds.compMsg[p].Text)
		}
		c, err := db.Competence(s.Ctx(), p)
		if err != nil || c.Mode != data.CompetenceBureau || c.Bureau != "平城区民政局" {
			t.Errorf("stored %+v, %v", c, err)
		}
	})

	t.Run("a clerk cannot change the settings", func(t *testing.T) {
		docSwitchUser(t, s, "clerk")
		s.shell.Show(ScreenSettings)
		cds := s.shell.Screen(ScreenSettings).(*settingsScreen).docs
		if !cds.saves[string(data.DocDecision)].Disabled() || !cds.fontSave.Disabled() || !cds.basisAdd.Disabled() ||
			!cds.remedySave.Disabled() || !cds.compSave[data.ProgrammeDibao].Disabled() {
			t.Error("a clerk can change 文书设置")
		}
	})

	t.Run("a clerk drafts a 不予受理通知书", func(t *testing.T) {
		var opened []string
		sc := documentsOf(t, s, &opened)
		test.Tap(sc.newRejection)
		f := sc.rejection
		if f == nil {
			t.Fatal("不予受理通知书 did not open")
		}
		test.Type(f.applicant.entry, "张菊花")
		if len(f.applicant.hitButtons) > 0 {
			test.Tap(f.applicant.hitButtons[0])
		}
		f.item.SetText("最低生活保障")
		ticked := map[string]bool{}
		for i, c := range f.basis.checks {
			if c.Checked {
				ticked[f.basis.bases[i].Cite()] = true
			}
		}
		for _, b := range data.SuggestedRejectionBases("最低生活保障") {
			if !ticked[b.Cite()] {
				t.Errorf("%s not pre-ticked for 最低生活保障 (ticked %v)", b.Cite(), ticked)
			}
		}
		test.Type(f.reasonText, "申请人户籍不在本街道。")
		if !f.signBtn.Disabled() {
			t.Error("a clerk's 签发 is enabled")
		}
		test.Tap(f.save)
		if f.id == 0 {
			t.Fatalf("not saved: %s", f.why.Text)
		}
		if got := f.signWhy.Text; !strings.Contains(got, "需审核人签发") {
			t.Errorf("签发 reason %q", got)
		}
		d, err := db.Document(s.Ctx(), f.id)
		if err != nil {
			t.Fatal(err)
		}
		if d.ResidentID != r.ID || d.RejectionNotice.Reason != "申请人户籍不在本街道。" || len(d.RejectionNotice.Bases) == 0 {
			t.Errorf("draft %+v with bases %v", d.DocumentRow, d.RejectionNotice.Bases)
		}
	})
}

// The decision form warns as the clerk types when the letter disagrees with itself or the
// register; it still saves.
func TestDecisionFormWarns(t *testing.T) {
	db, admin := newTestDB(t)
	docTestOffice(t, db, admin)
	docAddStaff(t, db, admin, "clerk", "李晓红", data.RoleClerk)
	cs, _ := db.Communities(context.Background(), false)
	addResident(t, db, admin, "张菊花", time.Date(1952, 3, 5, 0, 0, 0, 0, time.UTC), 123, cs[0].ID)
	s, _ := startApp(t, db)
	logIn(t, s, "clerk", testPassword)
	var opened []string
	sc := documentsOf(t, s, &opened)
	s.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	f := sc.form
	if f == nil {
		t.Fatal("no form")
	}
	test.Type(f.picker.query, "zjh")
	test.Tap(f.picker.hitButtons[0])
	f.programme.SetSelected(string(data.ProgrammeDibao))
	f.outcome.SetSelected(data.OutcomeGrant.String())
	if f.warnings.Visible() {
		t.Errorf("warning before anything was typed: %s", f.warnings.Text)
	}
	test.Type(f.income, "900")
	test.Type(f.standard, "760")
	if !f.warnings.Visible() || !strings.Contains(f.warnings.Text, "月人均收入（900.00元）不低于当地低保标准（760.00元），与“给予”不符") {
		t.Errorf("income above the standard: warnings %q (visible %v)", f.warnings.Text, f.warnings.Visible())
	}
	test.Type(f.facts, "你家庭共同生活成员3人。")
	if !strings.Contains(f.warnings.Text, "共同生活成员3人，与家庭人口（1人）不一致") {
		t.Errorf("household size: warnings %q", f.warnings.Text)
	}
	f.income.SetText("")
	test.Type(f.income, "500")
	f.facts.SetText("")
	test.Type(f.facts, "你家庭共同生活成员1人。")
	test.Type(f.after, "260")
	if f.warnings.Visible() {
		t.Errorf("a consistent grant still warns: %s", f.warnings.Text)
	}
	f.outcome.SetSelected(data.OutcomeIncrease.String())
	if !strings.Contains(f.warnings.Text, "没有已签发的最低生活保障给予决定，无从增发") {
		t.Errorf("a raise with nothing granted: warnings %q", f.warnings.Text)
	}
	if f.save.Disabled() && strings.Contains(f.reason.Text, "请核对") {
		t.Error("a warning stops saving")
	}
}
