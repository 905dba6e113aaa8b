package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"taizhang/data"
)

// TestDisabledAccountSessionEnds: an account disabled while its window is open is refused at
// its next action, and the window goes back to the log-in.
func TestDisabledAccountSessionEnds(t *testing.T) {
	db, admin := newTestDB(t)
	clerk := &data.User{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk}
	actx := data.NewContextWithUser(context.Background(), admin)
	if err := db.CreateUser(actx, clerk, testPassword); err != nil {
		t.Fatal(err)
	}
	s, _ := startApp(t, db)
	logIn(t, s, "chuangkou", testPassword)
	if s.shell == nil {
		t.Fatal("the clerk could not log in")
	}
	off := *clerk
	off.Disabled = true
	if err := db.UpdateUser(actx, off); err != nil {
		t.Fatal(err)
	}
	cs, _ := db.Communities(actx, false)
	err := db.CreateResident(s.Ctx(), &data.Resident{Name: "李四", IDNumber: data.MakeIDNumber("140202", testNow.AddDate(-70, 0, 0), 12), CommunityID: cs[0].ID})
	if err == nil {
		t.Fatal("a disabled account's session still writes")
	}
	s.ShowError(err)
	if s.User != nil || s.shell != nil || s.login == nil {
		t.Errorf("the session goes on after its account was disabled: user %v", s.User)
	}
}

// TestReadsRecheckTheAccount: a session whose account is disabled, or given another role,
// while its window is open loses its read rights at its next read too (a list, a record),
// not only at its next write; the window goes back to the log-in and says why.
func TestReadsRecheckTheAccount(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(u *data.User)
		want   string
	}{
		{"disabled", func(u *data.User) { u.Disabled = true }, "已被停用"},
		{"demoted", func(u *data.User) { u.Role = data.RoleClerk }, "角色或所属社区已被管理员更改"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, admin := newTestDB(t)
			actx := data.NewContextWithUser(context.Background(), admin)
			reviewer := &data.User{Username: "shenhe", Name: "孟丽华", Role: data.RoleReviewer}
			if err := db.CreateUser(actx, reviewer, testPassword); err != nil {
				t.Fatal(err)
			}
			cs, _ := db.Communities(actx, false)
			addResident(t, db, admin, "张菊花", testNow.AddDate(-80, 0, 0), 21, cs[0].ID)
			s, _ := startApp(t, db)
			logIn(t, s, "shenhe", testPassword)
			if s.shell == nil {
				t.Fatal("the reviewer could not log in")
			}
			rs := residentsOf(t, s)
			if got := rs.cellText(0, 0); got == "" {
				t.Fatal("the list is empty before the change")
			}
			changed := *reviewer
			c.change(&changed)
			if err := db.UpdateUser(actx, changed); err != nil {
				t.Fatal(err)
			}
			// A record and a list read as the old session are refused, in Chinese.
			if _, err := db.Resident(s.Ctx(), 1); err == nil || !strings.Contains(data.Message(err), c.want) {
				t.Errorf("detail read: got %v, want %q", err, c.want)
			}
			if _, _, err := db.ListIssues(s.Ctx(), data.IssueFilter{}); !errors.Is(err, data.ErrUnauthorized) {
				t.Errorf("issue list: got %v, want refused", err)
			}
			rs.Refresh()
			if s.User != nil || s.shell != nil || s.login == nil {
				t.Errorf("the session reads on after its account was %s: user %v", c.name, s.User)
			}
			// Logging in again works with what the account is now (unless disabled).
			if c.name == "demoted" {
				logIn(t, s, "shenhe", testPassword)
				if s.User == nil || s.User.Role != data.RoleClerk {
					t.Fatalf("log-in after the change: %v", s.User)
				}
				if _, _, err := db.ListResidents(s.Ctx(), data.ResidentFilter{}); err != nil {
					t.Errorf("the new session cannot read: %v", err)
				}
			}
		})
	}
}
