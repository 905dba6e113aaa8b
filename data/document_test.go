package data

import (
	"errors"
	"strings"
	"testing"
)

func validDecision() Decision {
	return Decision{
		Authority:     "平城区鹿苑街道办事处",
		DocNumber:     "平民救决〔2026〕15号",
		Programme:     ProgrammeDibao,
		Outcome:       OutcomeGrant,
		Applicant:     "王秀兰",
		IDNumber:      "14020219580312002X",
		Address:       "向阳社区幸福里3号楼2单元501室",
		HouseholdSize: 3,
		Applied:       MustDate(2026, 5, 6),
		Investigated:  MustDate(2026, 5, 20),
		Facts:         "家庭人均月收入低于当地低保标准。",
		Reasons:       "符合最低生活保障条件。",
		AmountAfter:   68000,
		Effective:     MustDate(2026, 6, 1),
		Bases:         SuggestedBases(ProgrammeDibao, OutcomeGrant),
		Government:    "平城区人民政府",
		Court:         "平城区人民法院",
		Date:          MustDate(2026, 6, 2),
	}
}

func TestDecisionValidate(t *testing.T) {
	if err := validDecision().Validate(); err != nil {
		t.Fatalf("valid decision: got %v, want nil", err)
	}
	for _, c := range []struct {
		name   string
		change func(*Decision)
		field  string
		msg    string // a part of the Chinese message
	}{
		{"no legal basis", func(d *Decision) { d.Bases = nil }, "bases", "没有法律依据"},
		{"basis without article", func(d *Decision) { d.Bases = []LegalBasis{{Law: LawSocialAssistance}} }, "bases", "条款"},
		{"decrease not lower", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeDecrease, 50000, 50000
		}, "amount_after", "减发后的金额（500.00元）应低于原金额（500.00元）"},
		{"decrease to zero", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeDecrease, 50000, 0
		}, "amount_after", "停发"},
		{"increase not higher", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeIncrease, 68000, 50000
		}, "amount_after", "增发后的金额（500.00元）应高于原金额（680.00元）"},
		{"effective before application", func(d *Decision) { d.Effective = MustDate(2026, 4, 1) }, "effective", "执行月份（2026年4月）早于申请日期（2026年5月6日）"},
		{"no effective month", func(d *Decision) { d.Effective = Date{} }, "effective", "起始月份"},
		{"grant without amount", func(d *Decision) { d.AmountAfter = 0 }, "amount_after", "救助金额"},
		{"stop without amount", func(d *Decision) { d.Outcome, d.AmountBefore = OutcomeStop, 0 }, "amount_before", "停发前"},
		{"no applicant", func(d *Decision) { d.Applicant = " " }, "applicant", "请填写申请人姓名"},
		{"no court", func(d *Decision) { d.Court = "" }, "court", "人民法院"},
		{"no outcome", func(d *Decision) { d.Outcome = "" }, "outcome", "决定结果"},
		{"household size zero", func(d *Decision) { d.HouseholdSize = 0 }, "household_size", "家庭人口"},
		{"grant without application date", func(d *Decision) { d.Applied = Date{} }, "applied", "申请日期"},
		{"applied after decision", func(d *Decision) { d.Applied = MustDate(2026, 7, 1) }, "applied", "晚于决定日期"},
		{"investigated before applied", func(d *Decision) { d.Investigated = MustDate(2026, 5, 1) }, "investigated", "早于申请日期"},
		{"corrects itself", func(d *Decision) { d.Corrects = d.DocNumber }, "corrects", "不能更正它自己"},
		{"corrects a bad number", func(d *Decision) { d.Corrects = "15号" }, "corrects", "格式不对"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := validDecision()
			c.change(&d)
			err := d.Validate()
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want a *Error of kind ErrInvalid", err)
			}
			if e.Field != c.field || !strings.Contains(e.Message, c.msg) {
				t.Errorf("got field %q message %q, want field %q message containing %q", e.Field, e.Message, c.field, c.msg)
			}
		})
	}
}

func TestDecisionValidateAccepts(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Decision)
	}{
		{"refusal needs no amounts", func(d *Decision) { d.Outcome, d.AmountAfter, d.Effective = OutcomeRefuse, 0, Date{} }},
		{"temporary grant needs no month", func(d *Decision) {
			d.Programme, d.Effective, d.Bases = ProgrammeTemporary, Date{}, SuggestedBases(ProgrammeTemporary, OutcomeGrant)
		}},
		{"review without application", func(d *Decision) {
			d.Outcome, d.Applied, d.AmountBefore, d.AmountAfter = OutcomeDecrease, Date{}, 68000, 40000
		}},
		{"effective in the month of application", func(d *Decision) { d.Effective = MustDate(2026, 5, 1) }},
		{"correction", func(d *Decision) { d.Corrects = "平民救决〔2026〕14号" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := validDecision()
			c.change(&d)
			if err := d.Validate(); err != nil {
				t.Errorf("got %v, want nil", err)
			}
		})
	}
}

func TestDecisionTitle(t *testing.T) {
	for _, c := range []struct {
		p    Programme
		o    Outcome
		want string
	}{
		{ProgrammeDibao, OutcomeRefuse, "最低生活保障不予批准决定书"},
		{ProgrammeDibao, OutcomeGrant, "最低生活保障批准决定书"},
		{ProgrammeTekun, OutcomeStop, "特困人员救助供养终止决定书"},
		{ProgrammeTemporary, OutcomeGrant, "临时救助批准决定书"},
		{"", OutcomeGrant, "社会救助决定书"},
	} {
		if got := (Decision{Programme: c.p, Outcome: c.o}).Title(); got != c.want {
			t.Errorf("Title(%s, %s) = %q, want %q", c.p, c.o, got, c.want)
		}
	}
}

func TestOutcomeNames(t *testing.T) {
	want := []string{"给予", "不予批准", "增发", "减发", "停发"}
	for i, o := range Outcomes {
		if o.String() != want[i] {
			t.Errorf("%s.String() = %q, want %q", string(o), o.String(), want[i])
		}
		if p, ok := ParseOutcome(o.String()); !ok || p != o {
			t.Errorf("ParseOutcome(%q) = %v, %v", o.String(), p, ok)
		}
	}
	if o, ok := ParseOutcome("终止"); !ok || o != OutcomeStop {
		t.Errorf("ParseOutcome(终止) = %v, %v, want stop", o, ok)
	}
}

func TestDeliveryReceiptValidate(t *testing.T) {
	ok := DeliveryReceipt{
		Authority: "平城区鹿苑街道办事处", DocName: "最低生活保障不予批准决定书", DocNumber: "平民救决〔2026〕15号",
		Recipient: "王秀兰", Place: "幸福里3号楼", Method: DeliveryDirect, Date: MustDate(2026, 6, 4), Server: "赵敏",
	}
	if err := ok.Validate(); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	blank := ok
	blank.Method, blank.Date, blank.Server = "", Date{}, ""
	if err := blank.ValidateForm(); err != nil {
		t.Errorf("blank form: got %v, want nil", err)
	}
	for _, c := range []struct {
		name   string
		change func(*DeliveryReceipt)
		field  string
		msg    string
	}{
		{"left without witness", func(r *DeliveryReceipt) { r.Method, r.RefusalReason = DeliveryLeft, "拒收" }, "witness", "留置送达须有见证人"},
		{"left without reason", func(r *DeliveryReceipt) { r.Method, r.Witness = DeliveryLeft, "孙立新" }, "refusal_reason", "拒收的情况和理由"},
		{"witness is the server", func(r *DeliveryReceipt) { r.Method, r.Witness, r.RefusalReason = DeliveryLeft, "赵敏", "拒收" }, "witness", "不能是送达人"},
		{"agent on a posted delivery", func(r *DeliveryReceipt) { r.Method, r.Agent = DeliveryPost, "李建国" }, "agent", "只有直接送达"},
		{"agent is the recipient", func(r *DeliveryReceipt) { r.Agent = "王秀兰" }, "agent", "受送达人本人"},
		{"agent is the server", func(r *DeliveryReceipt) { r.Agent = "赵敏" }, "agent", "不能是送达人"},
		{"no method", func(r *DeliveryReceipt) { r.Method = "" }, "method", "送达方式"},
		{"no date", func(r *DeliveryReceipt) { r.Date = Date{} }, "date", "送达日期"},
		{"no recipient", func(r *DeliveryReceipt) { r.Recipient = "" }, "recipient", "受送达人"},
		{"no number", func(r *DeliveryReceipt) { r.DocNumber = "" }, "doc_number", "文号"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ok
			c.change(&r)
			var e *Error
			if err := r.Validate(); !errors.As(err, &e) || e.Field != c.field || !strings.Contains(e.Message, c.msg) {
				t.Errorf("got %v, want field %q message containing %q", err, c.field, c.msg)
			}
		})
	}
}

func TestOneTimeNotice(t *testing.T) {
	item := DefaultServiceItems[1]
	n := item.Notice([]bool{true, false, true})
	n.Authority, n.Applicant, n.Contact, n.Clerk, n.Date = "鹿苑街道", "陈志强", "电话5021234", "赵敏", MustDate(2026, 7, 1)
	if err := n.Validate(); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	if got, want := len(n.Missing()), len(item.Materials)-2; got != want {
		t.Errorf("missing %d materials, want %d", got, want)
	}
	if item.Materials[0].Brought {
		t.Error("Notice changed the catalog's materials")
	}
	n.Materials = nil
	var e *Error
	if err := n.Validate(); !errors.As(err, &e) || e.Field != "materials" {
		t.Errorf("no materials: got %v, want a materials error", err)
	}
}

func TestRejectionNoticeValidate(t *testing.T) {
	r := RejectionNotice{Authority: "鹿苑街道", Applicant: "刘海波", Item: "最低生活保障", Reason: "户籍不在本街道",
		Correction: "向户籍所在地申请", Date: MustDate(2026, 6, 12), Government: "平城区人民政府", Court: "平城区人民法院",
		Bases: SuggestedRejectionBases("最低生活保障")}
	if err := r.Validate(); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	var e *Error
	for _, c := range []struct {
		name   string
		change func(*RejectionNotice)
		field  string
	}{
		{"no court", func(r *RejectionNotice) { r.Court = "" }, "government"},
		{"no government", func(r *RejectionNotice) { r.Government = " " }, "government"},
		{"no legal basis", func(r *RejectionNotice) { r.Bases = nil }, "bases"},
		{"a basis without its article", func(r *RejectionNotice) { r.Bases = []LegalBasis{{Law: "社会救助暂行办法"}} }, "bases"},
		{"no correction", func(r *RejectionNotice) { r.Correction = "" }, "correction"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := r
			c.change(&x)
			if err := x.Validate(); !errors.As(err, &e) || e.Field != c.field {
				t.Errorf("got %v, want a %s error", err, c.field)
			}
		})
	}
}

func TestFen(t *testing.T) {
	for _, c := range []struct {
		f    Fen
		want string
	}{{0, "0.00"}, {5, "0.05"}, {68000, "680.00"}, {123450, "1,234.50"}, {100000000, "1,000,000.00"}, {-150, "-1.50"}} {
		if got := c.f.Yuan(); got != c.want {
			t.Errorf("Fen(%d).Yuan() = %q, want %q", int64(c.f), got, c.want)
		}
	}
	for in, want := range map[string]Fen{"680": 68000, "680.5": 68050, "1,234.50": 123450, "680元": 68000, " 0.05 ": 5} {
		if got, err := ParseYuan(in); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "1.234", "-5", "1e3", ".5", "5."} {
		if _, err := ParseYuan(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseYuan(%q) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"680", "1,234.50", "0.05", "680元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		if v < 0 {
			t.Fatalf("ParseYuan(%q) = %d, negative", s, v)
		}
		if back, err := ParseYuan(v.Yuan()); err != nil || back != v {
			t.Fatalf("%q → %d → %q → %d, %v", s, v, v.Yuan(), back, err)
		}
	})
}

func TestLegalCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range DefaultLegalBases {
		key := b.Law + b.Article
		if seen[key] {
			t.Errorf("duplicate %s", b.Cite())
		}
		seen[key] = true
		if !strings.HasPrefix(b.Article, "第") || !(strings.HasSuffix(b.Article, "条") || strings.HasSuffix(b.Article, "款")) || b.Subject == "" {
			t.Errorf("malformed entry %+v", b)
		}
		if !strings.Contains(b.Source, "《"+b.Law+"》") || !strings.Contains(b.Source, "核对文本：") {
			t.Errorf("%s has no source naming its document and where it was read: %q", b.Cite(), b.Source)
		}
	}
	for _, p := range DefaultProgrammes {
		for _, o := range Outcomes {
			bs := SuggestedBases(p, o)
			if len(bs) == 0 {
				t.Errorf("no suggested bases for %s %s", p, o)
			}
			for _, b := range bs {
				if !seen[b.Law+b.Article] {
					t.Errorf("suggested basis %s for %s %s is not in the catalog", b.Cite(), p, o)
				}
			}
		}
	}
	for _, item := range []string{"最低生活保障", "特困人员救助供养", "临时救助"} {
		bs := SuggestedRejectionBases(item)
		if len(bs) == 0 {
			t.Errorf("no suggested bases for rejecting %s", item)
		}
		for _, b := range bs {
			if !seen[b.Law+b.Article] {
				t.Errorf("suggested basis %s for rejecting %s is not in the catalog", b.Cite(), item)
			}
		}
	}
	// The articles the review found misnumbered are gone; what they meant is cited right.
	for _, c := range []struct{ law, wrong, right string }{
		{LawSocialAssistance, "第六十一条", "第五十八条"},
		{LawDibaoReview, "第二十六条", "第二十一条"},
		{LawDibaoReview, "第三十七条", "第三十二条"},
		{LawTekunRecognition, "第十九条", "第十八条"},
		{LawTekunRecognition, "第十一条", "第十条"},
	} {
		if seen[c.law+c.wrong] {
			t.Errorf("《%s》%s is still in the catalog", c.law, c.wrong)
		}
		if !seen[c.law+c.right] {
			t.Errorf("《%s》%s is missing", c.law, c.right)
		}
	}
	// Every correction of an old default names an old default.
	old := map[string]bool{}
	for _, b := range LegacyLegalBases {
		old[b.Cite()] = true
	}
	for cite := range LegacyCorrections {
		if !old[cite] {
			t.Errorf("correction of %s, which was never a default", cite)
		}
	}
}

func TestServiceCatalog(t *testing.T) {
	want := []string{"低保申请", "临时救助申请", "特困供养申请", "残疾人证办理", "高龄津贴申领", "医保手工报销", "养老保险资格认证"}
	if len(DefaultServiceItems) != len(want) {
		t.Fatalf("got %d items, want %d", len(DefaultServiceItems), len(want))
	}
	for i, it := range DefaultServiceItems {
		if it.Name != want[i] || len(it.Materials) < 3 || it.TimeLimit == "" {
			t.Errorf("item %d: %+v", i, it)
		}
	}
}
