package data

import (
	"errors"
	"strings"
	"testing"
)

var allIssueStatuses = []IssueStatus{IssueNew, IssueOpen, IssueInProgress, IssuePendingReview, IssueClosed, IssueVoided}

func TestCanTransition(t *testing.T) {
	// The lifecycle of PRODUCT.md's 问题台账, written out by hand, independently of issueRules.
	allowed := map[[2]IssueStatus]string{
		{IssueNew, IssueOpen}:                 "record",
		{IssueNew, IssueClosed}:               "close on the spot",
		{IssueOpen, IssueInProgress}:          "start",
		{IssueInProgress, IssuePendingReview}: "request close-out",
		{IssuePendingReview, IssueClosed}:     "approve",
		{IssuePendingReview, IssueInProgress}: "reject review",
		{IssueClosed, IssueInProgress}:        "unsatisfied follow-up",
		{IssueOpen, IssueVoided}:              "void",
		{IssueInProgress, IssueVoided}:        "void",
		{IssuePendingReview, IssueVoided}:     "void",
		{IssueClosed, IssueVoided}:            "void",
	}
	for _, from := range allIssueStatuses {
		for _, to := range allIssueStatuses {
			name, want := allowed[[2]IssueStatus{from, to}]
			if !want {
				name = "refused"
			}
			t.Run(from.String()+"→"+to.String()+" "+name, func(t *testing.T) {
				if got := CanTransition(from, to); got != want {
					t.Errorf("got %v, want %v", got, want)
				}
			})
		}
	}
}

func TestIssueMove(t *testing.T) {
	for _, c := range []struct {
		act  IssueAction
		from IssueStatus
		to   IssueStatus
	}{
		{IssueRecord, IssueNew, IssueOpen},
		{IssueCloseOnSpot, IssueNew, IssueClosed},
		{IssueEdit, IssueOpen, IssueOpen},
		{IssueEdit, IssuePendingReview, IssuePendingReview},
		{IssueStart, IssueOpen, IssueInProgress},
		{IssueReportProgress, IssueOpen, IssueOpen},
		{IssueReportProgress, IssueInProgress, IssueInProgress},
		{IssueRequestCloseOut, IssueInProgress, IssuePendingReview},
		{IssueApproveCloseOut, IssuePendingReview, IssueClosed},
		{IssueRejectCloseOut, IssuePendingReview, IssueInProgress},
		{IssueRecordFollowUp, IssueClosed, IssueClosed},
		{IssueReopen, IssueClosed, IssueInProgress},
		{IssueRequestExtension, IssueInProgress, IssueInProgress},
		{IssueApproveExtension, IssueOpen, IssueOpen},
		{IssueRejectExtension, IssueInProgress, IssueInProgress},
		{IssueVoid, IssueOpen, IssueVoided},
		{IssueVoid, IssueClosed, IssueVoided},
	} {
		t.Run(c.act.String()+" from "+c.from.String(), func(t *testing.T) {
			got, err := IssueMove(RoleAdmin, c.from, c.act, "理由")
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got != c.to {
				t.Errorf("got %v, want %v", got, c.to)
			}
		})
	}
}

// TestIssueMoveRefusedStatus tries every action from every status it does not start from:
// each must be an ErrConflict and leave the status as it was.
func TestIssueMoveRefusedStatus(t *testing.T) {
	for _, act := range IssueActions {
		from := issueRules[act].from
		for _, s := range allIssueStatuses {
			if hasStatus(from, s) {
				continue
			}
			t.Run(act.String()+" from "+s.String(), func(t *testing.T) {
				got, err := IssueMove(RoleAdmin, s, act, "理由")
				if !errors.Is(err, ErrConflict) {
					t.Errorf("got %v, want ErrConflict", err)
				}
				if got != s {
					t.Errorf("status moved to %v", got)
				}
				if Message(err) == "" || strings.Contains(Message(err), "内部") {
					t.Errorf("message %q is not a clerk's message", Message(err))
				}
			})
		}
	}
}

func TestIssueMoveReason(t *testing.T) {
	for _, act := range IssueActions {
		r := issueRules[act]
		t.Run(act.String(), func(t *testing.T) {
			_, err := IssueMove(RoleAdmin, r.from[0], act, "  ")
			if r.reason != errors.Is(err, ErrInvalid) {
				t.Errorf("reason required %v, got error %v", r.reason, err)
			}
			if act.NeedsReason() != r.reason {
				t.Errorf("NeedsReason = %v", act.NeedsReason())
			}
		})
	}
	for _, act := range []IssueAction{IssueRejectCloseOut, IssueReopen, IssueVoid, IssueRequestExtension} {
		if !act.NeedsReason() {
			t.Errorf("%v should need a reason", act)
		}
	}
	long := strings.Repeat("字", MaxReasonLen+1)
	if _, err := IssueMove(RoleReviewer, IssueOpen, IssueVoid, long); !errors.Is(err, ErrInvalid) {
		t.Errorf("overlong reason: got %v, want ErrInvalid", err)
	}
}

func TestPermit(t *testing.T) {
	reviewOnly := map[IssueAction]bool{
		IssueApproveCloseOut: true, IssueRejectCloseOut: true,
		IssueApproveExtension: true, IssueRejectExtension: true, IssueVoid: true,
	}
	for _, role := range Roles {
		for _, act := range IssueActions {
			want := role != RoleClerk || !reviewOnly[act]
			t.Run(role.String()+" "+act.String(), func(t *testing.T) {
				err := Permit(role, act)
				if want && err != nil {
					t.Errorf("got %v, want permitted", err)
				}
				if !want {
					if !errors.Is(err, ErrForbidden) {
						t.Fatalf("got %v, want ErrForbidden", err)
					}
					if !strings.Contains(Message(err), "审核人或管理员") {
						t.Errorf("message %q does not say who may", Message(err))
					}
				}
				// IssueMove checks permission before status: a clerk is told "not allowed",
				// not "wrong status".
				if _, err := IssueMove(role, IssueVoided, act, "理由"); !want && !errors.Is(err, ErrForbidden) {
					t.Errorf("IssueMove: got %v, want ErrForbidden", err)
				}
			})
		}
	}
	if err := Permit(Role("guest"), IssueRecord); !errors.Is(err, ErrForbidden) {
		t.Errorf("unknown role: got %v, want ErrForbidden", err)
	}
	if err := Permit(RoleAdmin, IssueAction("delete")); !errors.Is(err, ErrForbidden) {
		t.Errorf("unknown action: got %v, want ErrForbidden", err)
	}
}

func TestAvailableIssueActions(t *testing.T) {
	for _, c := range []struct {
		role Role
		s    IssueStatus
		want []IssueAction
	}{
		{RoleClerk, IssueOpen, []IssueAction{IssueEdit, IssueStart, IssueReportProgress, IssueRequestExtension}},
		{RoleClerk, IssuePendingReview, []IssueAction{IssueEdit}},
		{RoleReviewer, IssuePendingReview, []IssueAction{IssueEdit, IssueApproveCloseOut, IssueRejectCloseOut, IssueVoid}},
		{RoleClerk, IssueClosed, []IssueAction{IssueRecordFollowUp, IssueReopen}},
		{RoleAdmin, IssueVoided, nil},
	} {
		t.Run(c.role.String()+" "+c.s.String(), func(t *testing.T) {
			got := AvailableIssueActions(c.role, c.s)
			if strings.Join(actionKeys(got), ",") != strings.Join(actionKeys(c.want), ",") {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func actionKeys(as []IssueAction) []string {
	var out []string
	for _, a := range as {
		out = append(out, string(a))
	}
	return out
}

func TestParseEnums(t *testing.T) {
	for _, s := range IssueStatuses {
		if got, ok := ParseIssueStatus(s.String()); !ok || got != s {
			t.Errorf("ParseIssueStatus(%q) = %v, %v", s.String(), got, ok)
		}
		if got, ok := ParseIssueStatus(string(s)); !ok || got != s {
			t.Errorf("ParseIssueStatus(%q) = %v, %v", string(s), got, ok)
		}
	}
	if _, ok := ParseIssueStatus("完成"); ok {
		t.Error("ParseIssueStatus accepted 完成")
	}
	for _, v := range Tiers {
		if got, ok := ParseTier(v.String()); !ok || got != v {
			t.Errorf("ParseTier(%q) = %v, %v", v.String(), got, ok)
		}
	}
	for _, v := range Satisfactions {
		if got, ok := ParseSatisfaction(v.String()); !ok || got != v {
			t.Errorf("ParseSatisfaction(%q) = %v, %v", v.String(), got, ok)
		}
	}
	for _, v := range FollowUpMethods {
		if got, ok := ParseFollowUpMethod(v.String()); !ok || got != v {
			t.Errorf("ParseFollowUpMethod(%q) = %v, %v", v.String(), got, ok)
		}
	}
	if got, _ := ParseFollowUpMethod("微信"); got != FollowUpMessage {
		t.Errorf("微信: got %v", got)
	}
}

func validIssue() Issue {
	return Issue{
		FoundOn:     parseTestDate("2026-09-28"),
		Source:      "议事协商",
		Category:    "环境卫生",
		Description: "3号楼北侧垃圾桶满溢，无人清运",
		Tier:        TierGeneral,
		Deadline:    parseTestDate("2026-10-10"),
		Status:      IssueOpen,
	}
}

func TestIssueValidate(t *testing.T) {
	if err := func() error { i := validIssue(); return i.Validate() }(); err != nil {
		t.Fatalf("valid issue refused: %v", err)
	}
	for _, c := range []struct {
		name   string
		change func(*Issue)
		field  string
		msg    string
	}{
		{"no found date", func(i *Issue) { i.FoundOn = Date{} }, "found_on", "请填写发现日期"},
		{"no source", func(i *Issue) { i.Source = " " }, "source", "请填写问题来源"},
		{"no category", func(i *Issue) { i.Category = "" }, "category", "请填写问题类别"},
		{"no description", func(i *Issue) { i.Description = "" }, "description", "请填写问题描述"},
		{"description too long", func(i *Issue) { i.Description = strings.Repeat("脏", 2001) }, "description", "不能超过2000字（现有2001字）"},
		{"no tier", func(i *Issue) { i.Tier = "" }, "tier", "请选择处置层级"},
		{"unknown tier", func(i *Issue) { i.Tier = "urgent" }, "tier", "处置层级“urgent”不存在"},
		{"Chinese tier name stored", func(i *Issue) { i.Tier = "简易" }, "tier", "不存在"},
		{"no deadline", func(i *Issue) { i.Deadline = Date{} }, "deadline", "请填写整改时限"},
		{"deadline before found", func(i *Issue) { i.Deadline = parseTestDate("2026-09-27") }, "deadline", "整改时限不能早于发现日期"},
		{"negative workdays", func(i *Issue) { i.DeadlineWorkdays = -1 }, "deadline_workdays", "工作日数"},
		{"unknown status", func(i *Issue) { i.Status = "done" }, "status", "不存在"},
		{"closed without date", func(i *Issue) { i.Status = IssueClosed }, "closed_on", "须有销号日期"},
		{"open with close date", func(i *Issue) { i.ClosedOn = parseTestDate("2026-10-01") }, "closed_on", "不应有销号日期"},
		{"closed before found", func(i *Issue) {
			i.Status, i.ClosedOn = IssueClosed, parseTestDate("2026-09-01")
		}, "closed_on", "销号日期不能早于发现日期"},
		{"voided without reason", func(i *Issue) { i.Status = IssueVoided }, "void_reason", "作废理由"},
		{"address too long", func(i *Issue) { i.Address = strings.Repeat("路", 201) }, "address", "具体地点不能超过200字"},
	} {
		t.Run(c.name, func(t *testing.T) {
			i := validIssue()
			c.change(&i)
			err := i.Validate()
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want an ErrInvalid *Error", err)
			}
			if e.Field != c.field {
				t.Errorf("got field %q, want %q", e.Field, c.field)
			}
			if !strings.Contains(e.Message, c.msg) {
				t.Errorf("got message %q, want it to contain %q", e.Message, c.msg)
			}
		})
	}
}

func TestSetDeadlineWorkdays(t *testing.T) {
	i := validIssue() // found Monday 2026-09-28, just before 国庆
	i.SetDeadlineWorkdays(DefaultCalendar(), 5)
	if i.Deadline != parseTestDate("2026-10-10") || i.DeadlineWorkdays != 5 {
		t.Errorf("got %v (%d), want 2026-10-10 (5): 9/29, 9/30, 10/8, 10/9, 10/10 调休", i.Deadline, i.DeadlineWorkdays)
	}
}

func TestCloseOnSpot(t *testing.T) {
	if err := CheckCloseOnSpot(TierSimple); err != nil {
		t.Errorf("简易: got %v", err)
	}
	for _, tier := range []Tier{TierGeneral, TierComplex} {
		if err := CheckCloseOnSpot(tier); !errors.Is(err, ErrInvalid) {
			t.Errorf("%v: got %v, want ErrInvalid", tier, err)
		}
	}
}

func TestCloseOutValidate(t *testing.T) {
	for _, c := range []struct {
		name      string
		co        CloseOut
		onTheSpot bool
		field     string
	}{
		{"complete", CloseOut{Result: "已清运", EvidenceCount: 2}, false, ""},
		{"no result", CloseOut{EvidenceCount: 1}, false, "result"},
		{"no evidence", CloseOut{Result: "已清运"}, false, "evidence"},
		{"on the spot without photo", CloseOut{Result: "当场扶正井盖"}, true, ""},
		{"on the spot without result", CloseOut{}, true, "result"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.co.Validate(c.onTheSpot)
			var e *Error
			switch {
			case c.field == "" && err != nil:
				t.Errorf("got %v, want nil", err)
			case c.field != "" && (!errors.As(err, &e) || e.Field != c.field):
				t.Errorf("got %v, want an error on %q", err, c.field)
			}
		})
	}
}

func TestExtensionValidate(t *testing.T) {
	old := parseTestDate("2026-10-10")
	for _, c := range []struct {
		name string
		e    Extension
		ok   bool
	}{
		{"later with reason", Extension{old, parseTestDate("2026-10-20"), "需协调燃气公司"}, true},
		{"same day", Extension{old, old, "理由"}, false},
		{"earlier", Extension{old, parseTestDate("2026-10-01"), "理由"}, false},
		{"no reason", Extension{old, parseTestDate("2026-10-20"), ""}, false},
		{"no new deadline", Extension{OldDeadline: old, Reason: "理由"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.e.Validate(); (err == nil) != c.ok {
				t.Errorf("got %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func TestFollowUpValidate(t *testing.T) {
	closed := parseTestDate("2026-10-09")
	for _, c := range []struct {
		name string
		f    FollowUp
		ok   bool
		act  IssueAction
	}{
		{"satisfied by phone", FollowUp{parseTestDate("2026-10-12"), FollowUpPhone, Satisfied, ""}, true, IssueRecordFollowUp},
		{"basic, same day", FollowUp{closed, FollowUpSite, BasicallySatisfied, ""}, true, IssueRecordFollowUp},
		{"unsatisfied with remarks", FollowUp{parseTestDate("2026-10-12"), FollowUpHome, Unsatisfied, "又满了"}, true, IssueReopen},
		{"unsatisfied without remarks", FollowUp{parseTestDate("2026-10-12"), FollowUpHome, Unsatisfied, ""}, false, IssueReopen},
		{"before close-out", FollowUp{parseTestDate("2026-10-08"), FollowUpPhone, Satisfied, ""}, false, IssueRecordFollowUp},
		{"no method", FollowUp{Date: parseTestDate("2026-10-12"), Satisfaction: Satisfied}, false, IssueRecordFollowUp},
		{"Chinese method stored", FollowUp{parseTestDate("2026-10-12"), "电话", Satisfied, ""}, false, IssueRecordFollowUp},
		{"no satisfaction", FollowUp{Date: parseTestDate("2026-10-12"), Method: FollowUpPhone}, false, IssueRecordFollowUp},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.f.Validate(closed); (err == nil) != c.ok {
				t.Errorf("got %v, want ok=%v", err, c.ok)
			}
			if got := c.f.Action(); got != c.act {
				t.Errorf("Action: got %v, want %v", got, c.act)
			}
		})
	}
}

func TestProgressValidate(t *testing.T) {
	found := parseTestDate("2026-09-28")
	if err := (Progress{parseTestDate("2026-09-29"), "已联系物业"}).Validate(found); err != nil {
		t.Errorf("got %v", err)
	}
	if err := (Progress{parseTestDate("2026-09-27"), "已联系物业"}).Validate(found); err == nil {
		t.Error("progress before found date accepted")
	}
	if err := (Progress{Date: parseTestDate("2026-09-29")}).Validate(found); err == nil {
		t.Error("empty progress note accepted")
	}
}

func TestIssueNumber(t *testing.T) {
	for _, c := range []struct {
		year, seq int
		want      string
	}{
		{2026, 1, "WT-2026-0001"},
		{2026, 42, "WT-2026-0042"},
		{2026, 9999, "WT-2026-9999"},
		{2026, 10000, "WT-2026-10000"},
		{2027, 123456, "WT-2027-123456"},
	} {
		t.Run(c.want, func(t *testing.T) {
			if got := FormatIssueNumber(c.year, c.seq); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			y, s, err := ParseIssueNumber(c.want)
			if err != nil || y != c.year || s != c.seq {
				t.Errorf("parse: got %d, %d, %v", y, s, err)
			}
		})
	}
	if y, s, err := ParseIssueNumber(" wt-2026-0007 "); err != nil || y != 2026 || s != 7 {
		t.Errorf("lower case: got %d, %d, %v", y, s, err)
	}
	for _, bad := range []string{"", "WT-2026-1", "WT-2026-0000", "WT-26-0001", "QT-2026-0001",
		"WT-2026-00001", "WT-2026-0001-1", "WT-2026-00a1", "WT2026-0001"} {
		t.Run("refused "+bad, func(t *testing.T) {
			if _, _, err := ParseIssueNumber(bad); !errors.Is(err, ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
		})
	}
}

func TestDeadlineStateOf(t *testing.T) {
	deadline := parseTestDate("2026-10-10")
	none := Date{}
	for _, c := range []struct {
		name     string
		today    string
		status   IssueStatus
		closedOn Date
		want     DeadlineState
	}{
		{"4 days left", "2026-10-06", IssueInProgress, none, DeadlineNone},
		{"3 days left", "2026-10-07", IssueInProgress, none, DeadlineDueSoon},
		{"1 day left", "2026-10-09", IssueOpen, none, DeadlineDueSoon},
		{"deadline day itself", "2026-10-10", IssueInProgress, none, DeadlineDueSoon},
		{"one day after", "2026-10-11", IssueInProgress, none, DeadlineOverdue},
		{"long after", "2026-12-31", IssueOpen, none, DeadlineOverdue},
		{"pending review after deadline", "2026-10-11", IssuePendingReview, none, DeadlineOverdue},
		{"closed on time", "2026-10-11", IssueClosed, parseTestDate("2026-10-09"), DeadlineNone},
		{"closed late", "2026-10-20", IssueClosed, parseTestDate("2026-10-15"), DeadlineNone},
		{"closed late, seen before close-out", "2026-10-12", IssueClosed, parseTestDate("2026-10-15"), DeadlineOverdue},
		{"closed, seen 3 days before deadline", "2026-10-07", IssueClosed, parseTestDate("2026-10-09"), DeadlineDueSoon},
		{"closed, no date", "2026-10-11", IssueClosed, none, DeadlineNone},
		{"voided", "2026-10-11", IssueVoided, none, DeadlineNone},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := DeadlineStateOf(deadline, c.status, c.closedOn, parseTestDate(c.today))
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	if got := DeadlineStateOf(Date{}, IssueOpen, Date{}, parseTestDate("2026-10-11")); got != DeadlineNone {
		t.Errorf("no deadline: got %q", got)
	}
	if DeadlineOverdue.String() != "逾期" || DeadlineDueSoon.String() != "临期" || DeadlineNone.String() != "" {
		t.Error("DeadlineState names")
	}
}
