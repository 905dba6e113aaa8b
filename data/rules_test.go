package data

import (
	"errors"
	"strings"
	"testing"
)

func TestParseWorkdays(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		msg  string
	}{
		{" 5 ", 5, ""}, {"1", 1, ""}, {"365", 365, ""},
		{"", 0, "请填写工作日数"}, {"0", 0, "1 到 365"}, {"366", 0, "1 到 365"}, {"五", 0, "1 到 365"}, {"2.5", 0, "1 到 365"},
	} {
		n, err := ParseWorkdays("deadline", c.in)
		if c.msg == "" {
			if err != nil || n != c.want {
				t.Errorf("%q: got %d, %v; want %d", c.in, n, err, c.want)
			}
			continue
		}
		var de *Error
		if !errors.As(err, &de) || de.Field != "deadline" || !strings.Contains(de.Message, c.msg) {
			t.Errorf("%q: got %v, want a deadline error saying %q", c.in, err, c.msg)
		}
	}
}

func TestCheckVoidReason(t *testing.T) {
	if r, err := CheckVoidReason("  录入重复 "); err != nil || r != "录入重复" {
		t.Errorf("got %q, %v", r, err)
	}
	if _, err := CheckVoidReason(" \t"); err == nil || Message(err) != "请填写作废原因" {
		t.Errorf("empty: got %v", err)
	}
	if _, err := CheckVoidReason(strings.Repeat("字", MaxReasonLen+1)); err == nil || !strings.Contains(Message(err), "作废原因不能超过") {
		t.Errorf("long: got %v", err)
	}
}

func TestCheckPassword(t *testing.T) {
	for p, ok := range map[string]bool{"abc12345": true, "abcdefgh": false, "12345678": false, "ab1": false,
		strings.Repeat("a1", 37): false} {
		if err := CheckPassword(p); (err == nil) != ok {
			t.Errorf("%q: got %v, want ok=%v", p, err, ok)
		}
	}
}

func TestIssueRulesOfTheForm(t *testing.T) {
	today := MustDate(2026, 11, 23)
	if err := CheckFoundOn(today, today); err != nil {
		t.Errorf("today: %v", err)
	}
	if err := CheckFoundOn(MustDate(2026, 11, 24), today); err == nil || !strings.Contains(Message(err), "不能晚于今天") {
		t.Errorf("tomorrow: got %v", err)
	}
	if err := CheckResponsibleUnit(" ", false); err == nil || Message(err) != "请选择责任单位" {
		t.Errorf("no unit: got %v", err)
	}
	if err := CheckResponsibleUnit("", true); err != nil {
		t.Errorf("on the spot needs no unit: got %v", err)
	}
}

func TestCheckDeadlineEditable(t *testing.T) {
	today := MustDate(2026, 5, 10)
	for _, c := range []struct {
		status   IssueStatus
		deadline Date
		ok       bool
	}{
		{IssueOpen, MustDate(2026, 5, 10), true},
		{IssueOpen, MustDate(2026, 6, 1), true},
		{IssueOpen, MustDate(2026, 5, 9), false}, // overdue
		{IssueInProgress, MustDate(2026, 6, 1), false},
		{IssuePendingReview, MustDate(2026, 6, 1), false},
		{IssueClosed, MustDate(2026, 6, 1), false},
	} {
		err := CheckDeadlineEditable(c.status, c.deadline, today)
		if (err == nil) != c.ok {
			t.Errorf("%s, deadline %s: got %v, want ok=%v", c.status, c.deadline, err, c.ok)
		}
		var de *Error
		if err != nil && (!errors.As(err, &de) || de.Field != "deadline" || !strings.Contains(de.Message, "延期申请")) {
			t.Errorf("%s: got %v, want a deadline error pointing to 延期申请", c.status, err)
		}
	}
}

func TestCheckExtensionGate(t *testing.T) {
	pending := MustDate(2026, 6, 1)
	for _, c := range []struct {
		act     IssueAction
		pending Date
		ok      bool
	}{
		{IssueRequestExtension, Date{}, true}, {IssueRequestExtension, pending, false},
		{IssueApproveExtension, pending, true}, {IssueApproveExtension, Date{}, false},
		{IssueRejectExtension, pending, true}, {IssueRejectExtension, Date{}, false},
		{IssueStart, pending, true}, {IssueStart, Date{}, true},
	} {
		err := CheckExtensionGate(c.act, c.pending)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrConflict)) {
			t.Errorf("%s with pending %q: got %v, want ok=%v", c.act, c.pending, err, c.ok)
		}
	}
}

func TestIssueActionsFor(t *testing.T) {
	pending := MustDate(2026, 6, 1)
	has := func(list []IssueAction, a IssueAction) bool { return isOneOf(list, a) }
	clerk := IssueActionsFor(RoleClerk, IssueOpen, Date{})
	if !has(clerk, IssueStart) || !has(clerk, IssueRequestExtension) || has(clerk, IssueApproveExtension) || has(clerk, IssueVoid) {
		t.Errorf("clerk, open, nothing pending: %v", clerk)
	}
	if got := IssueActionsFor(RoleClerk, IssueOpen, pending); has(got, IssueRequestExtension) {
		t.Errorf("clerk, open, extension pending: %v offers a second request", got)
	}
	rev := IssueActionsFor(RoleReviewer, IssueInProgress, pending)
	if !has(rev, IssueApproveExtension) || !has(rev, IssueRejectExtension) {
		t.Errorf("reviewer, extension pending: %v", rev)
	}
	if got := IssueActionsFor(RoleReviewer, IssueInProgress, Date{}); has(got, IssueApproveExtension) || has(got, IssueRejectExtension) {
		t.Errorf("reviewer, nothing pending: %v", got)
	}
	// Every action offered is one the store's checks accept.
	for _, role := range []Role{RoleClerk, RoleReviewer, RoleAdmin} {
		for _, s := range IssueStatuses {
			for _, p := range []Date{{}, pending} {
				for _, a := range IssueActionsFor(role, s, p) {
					if _, err := IssueMove(role, s, a, "理由"); err != nil {
						t.Errorf("%s %s %s offered but IssueMove says %v", role, s, a, err)
					}
				}
			}
		}
	}
}

func TestNextIssueStep(t *testing.T) {
	pending := MustDate(2026, 6, 1)
	for _, c := range []struct {
		role     Role
		status   IssueStatus
		pending  Date
		followUp bool
		want     IssueAction
	}{
		{RoleClerk, IssueOpen, Date{}, false, IssueStart},
		{RoleClerk, IssueOpen, pending, false, IssueStart}, // a clerk cannot approve
		{RoleReviewer, IssueOpen, pending, false, IssueApproveExtension},
		{RoleClerk, IssueInProgress, Date{}, false, IssueRequestCloseOut},
		{RoleClerk, IssuePendingReview, Date{}, false, ""},
		{RoleReviewer, IssuePendingReview, Date{}, false, IssueApproveCloseOut},
		{RoleReviewer, IssuePendingReview, pending, false, IssueApproveCloseOut}, // the store refuses extensions here
		{RoleClerk, IssueClosed, Date{}, true, IssueRecordFollowUp},
		{RoleClerk, IssueClosed, Date{}, false, ""},
		{RoleAdmin, IssueVoided, pending, true, ""},
	} {
		if got := NextIssueStep(c.role, c.status, c.pending, c.followUp); got != c.want {
			t.Errorf("%s %s pending=%v followUp=%v: got %q, want %q", c.role, c.status, !c.pending.IsZero(), c.followUp, got, c.want)
		}
	}
}

func TestSniffAttachment(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"\x89PNG\r\n\x1a\n....", "image/png"},
		{"\x89PNG....", ""}, // a broken signature: net/http does not call it PNG either
		{"\xFF\xD8\xFF\xE0..JFIF", "image/jpeg"},
		{"GIF89a....", "image/gif"}, {"GIF87a....", "image/gif"}, {"GIF8....", ""},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"}, {"RIFF\x00\x00\x00\x00WAVEfmt ", ""},
		{"%PDF-1.7\n", "application/pdf"},
		{"PK\x03\x04", ""}, {"hello", ""}, {"", ""},
	} {
		got := SniffAttachment([]byte(c.in))
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
		if got != "" {
			if _, ok := AttachmentTypes[got]; !ok {
				t.Errorf("%q: %q is not an accepted type", c.in, got)
			}
		}
	}
}

func TestCheckAttachment(t *testing.T) {
	if m, err := CheckAttachment("a.pdf", []byte("%PDF-1.4 x")); err != nil || m != "application/pdf" {
		t.Errorf("pdf: got %q, %v", m, err)
	}
	for _, c := range []struct {
		content []byte
		msg     string
	}{
		{nil, "是空的"},
		{append([]byte("%PDF-"), make([]byte, MaxAttachmentSize)...), "超过了 20 MB"},
		{[]byte("PK\x03\x04 zip"), "不是图片或 PDF"},
	} {
		_, err := CheckAttachment("照片.jpg", c.content)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(Message(err), c.msg) || !strings.Contains(Message(err), "照片.jpg") {
			t.Errorf("got %v, want an error naming 照片.jpg and saying %q", err, c.msg)
		}
	}
}

func TestDeliveryPredicates(t *testing.T) {
	for _, c := range []struct {
		kind      DocKind
		status    DocStatus
		delivered bool
		needs     bool
		ok        bool // CheckDeliverable
		awaiting  bool
	}{
		{DocDecision, DocSigned, false, true, true, true},
		{DocDecision, DocSigned, true, true, true, false},
		{DocDecision, DocDraft, false, true, false, false},
		{DocDecision, DocVoided, false, true, false, false},
		{DocRejectionNotice, DocSigned, false, true, true, false},
		{DocOneTimeNotice, DocSigned, false, false, false, false},
		{DocDeliveryReceipt, DocSigned, false, false, false, false},
	} {
		r := DocumentRow{Kind: c.kind, Status: c.status, Delivered: c.delivered, DocNumber: "〔2026〕1号"}
		if got := c.kind.NeedsDelivery(); got != c.needs {
			t.Errorf("%s NeedsDelivery: got %v", c.kind, got)
		}
		if err := r.CheckDeliverable(); (err == nil) != c.ok {
			t.Errorf("%s %s CheckDeliverable: got %v, want ok=%v", c.kind, c.status, err, c.ok)
		}
		if got := r.AwaitingDelivery(); got != c.awaiting {
			t.Errorf("%s %s delivered=%v AwaitingDelivery: got %v", c.kind, c.status, c.delivered, got)
		}
	}
}

func TestQuarterAndMonth(t *testing.T) {
	for _, c := range []struct {
		d              Date
		q              int
		qs, qe, ms, me Date
	}{
		{MustDate(2026, 1, 1), 1, MustDate(2026, 1, 1), MustDate(2026, 3, 31), MustDate(2026, 1, 1), MustDate(2026, 1, 31)},
		{MustDate(2028, 2, 15), 1, MustDate(2028, 1, 1), MustDate(2028, 3, 31), MustDate(2028, 2, 1), MustDate(2028, 2, 29)},
		{MustDate(2026, 6, 30), 2, MustDate(2026, 4, 1), MustDate(2026, 6, 30), MustDate(2026, 6, 1), MustDate(2026, 6, 30)},
		{MustDate(2026, 8, 19), 3, MustDate(2026, 7, 1), MustDate(2026, 9, 30), MustDate(2026, 8, 1), MustDate(2026, 8, 31)},
		{MustDate(2026, 12, 31), 4, MustDate(2026, 10, 1), MustDate(2026, 12, 31), MustDate(2026, 12, 1), MustDate(2026, 12, 31)},
	} {
		if Quarter(c.d) != c.q || QuarterStart(c.d) != c.qs || QuarterEnd(c.d) != c.qe || MonthStart(c.d) != c.ms || MonthEnd(c.d) != c.me {
			t.Errorf("%s: got Q%d %s–%s, month %s–%s", c.d, Quarter(c.d), QuarterStart(c.d), QuarterEnd(c.d), MonthStart(c.d), MonthEnd(c.d))
		}
	}
}

func TestParseMonth(t *testing.T) {
	apr := MustDate(2026, 4, 1)
	for in, want := range map[string]Date{
		"2026-04": apr, "2026-4": apr, "2026.4": apr, "2026/4": apr, "2026年4月": apr, "202604": apr,
		"2026-04-17": apr, "2026年4月17日": apr, "２０２６年４月": apr, " 2026-04 ": apr, "": {},
	} {
		got, err := ParseMonth("effective", in)
		if err != nil || got != want {
			t.Errorf("%q: got %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"2026-13", "2026", "四月", "26-4", "2026-04-31"} {
		_, err := ParseMonth("effective", in)
		var de *Error
		if !errors.As(err, &de) || de.Field != "effective" || !strings.Contains(de.Message, in) {
			t.Errorf("%q: got %v, want an effective error quoting the input", in, err)
		}
	}
}
