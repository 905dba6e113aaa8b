package app

import (
	"context"
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
