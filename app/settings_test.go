package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

func settingsOf(t *testing.T, s *Session) *settingsScreen {
	t.Helper()
	s.shell.Show(ScreenSettings)
	return s.shell.Screen(ScreenSettings).(*settingsScreen)
}

func TestSettingsCommunities(t *testing.T) {
	s, _ := loggedInShell(t)
	st := settingsOf(t, s)

	test.Type(st.newCommunity, "七里村")
	test.Tap(st.addCommunity)
	if got := s.shell.notice.Text; got != "已添加社区 七里村" {
		t.Errorf("confirmation %q", got)
	}
	test.Type(st.newGrid, "东片")
	test.Tap(st.addGrid)

	r := residentsOf(t, s)
	if indexOf(r.community.Options, "七里村") < 0 {
		t.Fatalf("the residents' community filter %v lacks 七里村", r.community.Options)
	}
	r.community.SetSelected("七里村")
	if r.grid.Disabled() || indexOf(r.grid.Options, "东片") < 0 {
		t.Errorf("grid filter %v (disabled %v), want 东片", r.grid.Options, r.grid.Disabled())
	}

	t.Run("a duplicate community is refused with the store's message", func(t *testing.T) {
		st := settingsOf(t, s)
		test.Type(st.newCommunity, "鹿苑社区")
		test.Tap(st.addCommunity)
		if got := st.orgMsg.Text; got != "社区“鹿苑社区”已存在" {
			t.Errorf("message %q", got)
		}
	})

	t.Run("void a community with a reason", func(t *testing.T) {
		st := settingsOf(t, s)
		for _, c := range st.communities {
			if c.Name == "七里村" {
				st.onVoidCommunity(c)
			}
		}
		if st.voidConfirm == nil || !st.voidConfirm.Disabled() {
			t.Fatal("确认作废 must wait for a reason")
		}
		test.Type(st.voidReason, "并入鹿苑社区")
		test.Tap(st.voidConfirm)
		r := residentsOf(t, s)
		if indexOf(r.community.Options, "七里村") >= 0 {
			t.Errorf("a voided community is still offered: %v", r.community.Options)
		}
	})
}

func TestSettingsTagsAndAccounts(t *testing.T) {
	s, _ := loggedInShell(t)
	st := settingsOf(t, s)

	test.Type(st.newTag, "重点关注")
	test.Tap(st.addTag)
	r := residentsOf(t, s)
	if indexOf(r.tag.Options, "重点关注") < 0 {
		t.Errorf("tag filter %v lacks the new tag", r.tag.Options)
	}

	st = settingsOf(t, s)
	test.Type(st.newUsername, "lixiao")
	test.Type(st.newUserName, "李晓")
	st.newRole.SetSelected(data.RoleClerk.String())
	test.Type(st.newUserPass, "short")
	test.Type(st.newUserPass2, "short")
	test.Tap(st.createUser)
	if got := st.userMsg.Text; got != "密码至少 8 位" {
		t.Errorf("weak password message %q", got)
	}
	for _, e := range []*keyEntry{st.newUserPass, st.newUserPass2} {
		e.SetText("Lixiao2026")
	}
	test.Tap(st.createUser)
	if len(st.users) != 2 || st.users[1].Role != data.RoleClerk {
		t.Fatalf("users %v", st.users)
	}

	t.Run("a clerk sees the administrator's parts disabled", func(t *testing.T) {
		test.Tap(s.shell.logout)
		logIn(t, s, "lixiao", "Lixiao2026")
		if s.shell == nil {
			t.Fatal("the clerk could not log in")
		}
		if got := s.shell.user.Text; got != "李晓（工作人员）" {
			t.Errorf("user %q", got)
		}
		st := settingsOf(t, s)
		if !st.officeSave.Disabled() || !st.addCommunity.Disabled() || !st.createUser.Disabled() || !st.addTag.Disabled() {
			t.Error("administrator-only buttons are enabled for a clerk")
		}
		if st.officeName.Text != testOffice {
			t.Errorf("the clerk cannot read the office name: %q", st.officeName.Text)
		}
		// Residents are a clerk's work.
		if residentsOf(t, s).newBtn.Disabled() {
			t.Error("a clerk cannot add residents")
		}
	})

	t.Run("change one's own password", func(t *testing.T) {
		st := settingsOf(t, s)
		test.Type(st.oldPass, "wrong-old1")
		test.Type(st.newPass, "Newpass2026")
		test.Type(st.newPass2, "Newpass2026")
		test.Tap(st.changePass)
		if got := st.passMsg.Text; got != "原密码不正确" {
			t.Errorf("message %q", got)
		}
		st.oldPass.SetText("Lixiao2026")
		test.Tap(st.changePass)
		if got := s.shell.notice.Text; !strings.HasPrefix(got, "密码已修改") {
			t.Errorf("confirmation %q, message %q", got, st.passMsg.Text)
		}
	})
}

func TestSettingsOffice(t *testing.T) {
	s, _ := loggedInShell(t)
	st := settingsOf(t, s)
	if st.officeName.Text != testOffice {
		t.Fatalf("office name %q", st.officeName.Text)
	}
	st.officeName.SetText("")
	test.Tap(st.officeSave)
	if got := st.officeMsg.Text; got != "请填写单位名称" {
		t.Errorf("message %q", got)
	}
	st.officeName.SetText("平城区新华街道办事处")
	test.Tap(st.officeSave)
	if got := s.Window.Title(); got != "台账 — 平城区新华街道办事处" {
		t.Errorf("title %q", got)
	}
	if got := s.shell.office.Text; got != "平城区新华街道办事处" {
		t.Errorf("top bar %q", got)
	}
}

// An administrator rotates the data key from 账号管理, giving the password again; the other
// accounts then show they hold no key, refuse to log in, and log in again once their
// password is reset.
func TestSettingsRotateDataKey(t *testing.T) {
	s, db := loggedInShell(t)
	admin := s.User
	clerk := &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}
	if err := db.CreateUser(s.Ctx(), clerk, "Wangfang2026"); err != nil {
		t.Fatal(err)
	}
	cs, _ := db.Communities(s.Ctx(), false)
	r := addResident(t, db, admin, "张菊花", testNow.AddDate(-80, 0, 0), 21, cs[0].ID)
	st := settingsOf(t, s)
	test.Tap(st.rotateKey)
	test.Type(st.rotatePass, "wrong-pass1")
	test.Tap(st.rotateConfirm)
	if s.dialog == nil {
		t.Fatal("a wrong password closed the dialog")
	}
	st.rotatePass.SetText(testPassword)
	test.Tap(st.rotateConfirm)
	if got := s.shell.notice.Text; !strings.HasPrefix(got, "已更换数据密钥") {
		t.Fatalf("notice %q", got)
	}
	if !st.keyless[clerk.ID] || st.keyless[admin.ID] {
		t.Errorf("accounts without a key: %v", st.keyless)
	}
	if got, _ := db.Resident(s.Ctx(), r.ID); got.IDNumber != r.IDNumber {
		t.Errorf("after rotation the administrator reads %q", got.IDNumber)
	}
	test.Tap(s.shell.logout)
	logIn(t, s, "chuangkou", "Wangfang2026")
	if s.shell != nil || !strings.Contains(s.login.message.Text, "重设密码") {
		t.Fatalf("the clerk logged in with the old key: %v %q", s.User, s.login.message.Text)
	}
	logIn(t, s, testAdmin, testPassword)
	if err := db.SetPassword(s.Ctx(), clerk.ID, "", "Wangfang2027"); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.shell.logout)
	logIn(t, s, "chuangkou", "Wangfang2027")
	if s.shell == nil {
		t.Fatal("the recovered clerk cannot log in")
	}
	if got, _ := db.Resident(s.Ctx(), r.ID); got.IDNumber != r.IDNumber {
		t.Errorf("the recovered clerk reads %q", got.IDNumber)
	}
}
