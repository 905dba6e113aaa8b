package data

import (
	"errors"
	"reflect"
	"testing"
)

func TestProblems(t *testing.T) {
	var p Problems
	if p.Err() != nil || p.Add(nil) {
		t.Fatal("empty problems must be no error")
	}
	p.Addf("name", "请填写姓名")
	p.Addf("name", "姓名过长") // a field keeps its first problem
	p.Add(Invalid("phone", "电话号码有误"))
	p.Add(errors.New("disk full"))
	err := p.Err()
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("errors.Is(ErrInvalid) = false for %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Field != "name" || Message(err) != "请填写姓名" {
		t.Errorf("first problem: got %v, message %q", e, Message(err))
	}
	if got := p.Fields(); !reflect.DeepEqual(got, []string{"name", "phone", ""}) {
		t.Errorf("fields: %v", got)
	}
	if p.Get("phone") != "电话号码有误" || p.Get("address") != "" || p.Len() != 3 {
		t.Errorf("get: %q %q %d", p.Get("phone"), p.Get("address"), p.Len())
	}
	if q := ProblemsOf(Invalid("x", "坏")); q.Get("x") != "坏" || q.Len() != 1 {
		t.Errorf("ProblemsOf a single error: %v", q.Fields())
	}
	if q := ProblemsOf(err); !reflect.DeepEqual(q.Fields(), p.Fields()) {
		t.Errorf("ProblemsOf problems: %v", q.Fields())
	}
}

// Every Validate reports each bad field at once, in its order, and says nothing spurious about
// a comparison with a field that is itself missing.
func TestValidateReportsEveryField(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want []string
	}{
		{"issue", (&Issue{Tier: TierSimple, Deadline: MustDate(2026, 5, 1)}).Validate(),
			[]string{"found_on", "source", "category", "description"}},
		{"decision", Decision{Authority: "平安街道办事处", Programme: "低保", Outcome: OutcomeGrant, HouseholdSize: 0,
			Applied: MustDate(2026, 5, 1), Investigated: MustDate(2026, 5, 2)}.Validate(),
			[]string{"applicant", "id_number", "address", "facts", "reasons", "government", "court", "household_size", "date", "bases", "amount_after"}},
		{"receipt", DeliveryReceipt{Authority: "a", DocName: "b", DocNumber: "c", Method: DeliveryLeft}.Validate(),
			[]string{"recipient", "place", "date", "server", "witness", "refusal_reason"}},
		{"one-time notice", OneTimeNotice{Item: "低保", Applicant: "张三"}.Validate(),
			[]string{"authority", "time_limit", "contact", "clerk", "materials", "date"}},
		{"rejection notice", RejectionNotice{Applicant: "张三", Applied: MustDate(2026, 5, 1)}.Validate(),
			[]string{"authority", "item", "reason", "correction", "date", "government", "bases"}},
		{"service", (&Service{Type: "?", FollowUpOn: MustDate(2026, 1, 1)}).Validate(MustDate(2026, 5, 1)),
			[]string{"residents", "date", "type", "item", "staff", "content", "result"}},
		{"resident", (&Resident{IDNumber: "123", Phone: "12"}).Normalize(MustDate(2026, 5, 1).In(OfficeZone)),
			[]string{"name", "id_number", "phone", "community"}},
	} {
		if !errors.Is(c.err, ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", c.name, c.err)
			continue
		}
		if got := ProblemsOf(c.err).Fields(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.want)
		}
	}
}
