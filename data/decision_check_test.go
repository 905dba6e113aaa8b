package data

import (
	"strings"
	"testing"
)

func TestDecisionWarnings(t *testing.T) {
	base := func() Decision {
		return Decision{Programme: ProgrammeDibao, Outcome: OutcomeGrant, HouseholdSize: 3,
			Facts: "你家庭共同生活成员3人。", Income: 50000, Standard: 76000, AmountAfter: 60000}
	}
	registered := DecisionFacts{Members: 3}
	granted := DecisionFacts{Members: 3, Current: 60000, HasCurrent: true, CurrentRef: "平民救决〔2026〕15号"}
	for _, c := range []struct {
		name   string
		change func(*Decision)
		facts  DecisionFacts
		want   string // "" for no warning
	}{
		{"consistent grant", func(*Decision) {}, registered, ""},
		{"household size differs from the register", func(d *Decision) { d.HouseholdSize, d.Facts = 1, "" }, registered, "与户籍登记的共同生活成员数（3人）不一致"},
		{"facts name another size", func(d *Decision) { d.Facts = "你家庭共同生活成员2人，月人均收入500元。" }, registered, "共同生活成员2人，与家庭人口（3人）不一致"},
		{"income above the standard yet granted", func(d *Decision) { d.Income = 80000 }, registered, "月人均收入（800.00元）不低于当地低保标准（760.00元），与“给予”不符"},
		{"income below the standard yet refused", func(d *Decision) { d.Outcome = OutcomeRefuse }, registered, "须在理由中写明其他原因"},
		{"amount above the gap", func(d *Decision) { d.AmountAfter = 80000 }, registered, "高于按差额计算的金额（（760.00−500.00）×3人＝780.00元）"},
		{"a raise from an amount never granted", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeIncrease, 50000, 60000
		}, registered, "没有已签发的最低生活保障给予决定，无从增发"},
		{"a raise from another amount than granted", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeIncrease, 50000, 70000
		}, granted, "原金额（每月500.00元）与平民救决〔2026〕15号决定的金额（每月600.00元）不一致"},
		{"a raise from the amount granted", func(d *Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter = OutcomeIncrease, 60000, 70000
		}, granted, ""},
		{"stopping what was stopped", func(d *Decision) { d.Outcome, d.AmountBefore, d.Income = OutcomeStop, 60000, 90000 },
			DecisionFacts{Members: 3, HasCurrent: true, CurrentRef: "平民救决〔2026〕20号"}, "已由平民救决〔2026〕20号停发"},
		{"granting twice", func(*Decision) {}, granted, "请选“增发”或“减发”"},
		{"特困 is individual: no household check", func(d *Decision) {
			d.Programme, d.HouseholdSize, d.Facts, d.Income = ProgrammeTekun, 1, "", 30000
		}, registered, ""},
		{"特困 with income above the standard", func(d *Decision) {
			d.Programme, d.HouseholdSize, d.Facts = ProgrammeTekun, 1, ""
			d.Income = 90000
		}, registered, "月收入（900.00元）不低于当地低保标准"},
		{"临时救助 is one-off: no amount history", func(d *Decision) {
			d.Programme, d.Income, d.Standard = ProgrammeTemporary, 0, 0
		}, granted, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := base()
			c.change(&d)
			got := strings.Join(DecisionWarnings(d, c.facts), "\n")
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("got warnings %q, want %q", got, c.want)
			}
		})
	}
}

func TestDecisionWording(t *testing.T) {
	d := Decision{Programme: ProgrammeTekun, Outcome: OutcomeDecrease, HouseholdSize: 1, Facts: "经复核评估，你的生活自理能力已基本恢复",
		Reasons: "照料护理标准相应调整", Investigated: MustDate(2026, 5, 3), AmountBefore: 123400, AmountAfter: 110000,
		Effective: MustDate(2026, 6, 1), Bases: SuggestedBases(ProgrammeTekun, OutcomeDecrease), Remedy: "如不服本决定……"}
	text := strings.Join(d.Paragraphs(), "\n")
	for _, bad := range []string{"你（户）", "你家庭", "1,234", "。本机关"} {
		if strings.Contains(text, bad) {
			t.Errorf("特困 letter contains %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{"本机关对你享受特困人员救助供养的情况进行了复核，于2026年5月3日对你的经济状况",
		"你的基本生活费由每月1234.00元减发至每月1100.00元"} {
		if !strings.Contains(text, want) {
			t.Errorf("特困 letter lacks %q:\n%s", want, text)
		}
	}
	d = Decision{Programme: ProgrammeDibao, Outcome: OutcomeGrant, HouseholdSize: 2, Applied: MustDate(2026, 4, 1),
		Investigated: MustDate(2026, 4, 8), Facts: "你家庭共同生活成员2人", Reasons: "符合条件", AmountAfter: 152000,
		Effective: MustDate(2026, 5, 1), Bases: SuggestedBases(ProgrammeDibao, OutcomeGrant), Investigator: "平城区鹿苑街道办事处"}
	text = strings.Join(d.Paragraphs(), "\n")
	for _, want := range []string{"你于2026年4月1日提出最低生活保障申请。平城区鹿苑街道办事处于2026年4月8日对你家庭的经济状况",
		"给予你家庭最低生活保障，每月发放最低生活保障金1520.00元"} {
		if !strings.Contains(text, want) {
			t.Errorf("低保 letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "你（户）") || strings.Contains(text, "1,520") {
		t.Errorf("低保 letter mixes forms of address or separates thousands:\n%s", text)
	}
	d.Investigator, d.Delegation = "", "《最低生活保障审核确认办法》第二条第二款"
	if text = strings.Join(d.Paragraphs(), "\n"); !strings.Contains(text, "依据《最低生活保障审核确认办法》第二条第二款行使最低生活保障审核确认职权，决定如下：") {
		t.Errorf("delegated letter does not cite the delegation:\n%s", text)
	}
}

func TestRemedy(t *testing.T) {
	tpl := DefaultRemedy(RemedyScope(OutcomeStop))
	got, err := RenderRemedy(tpl, "平城区人民政府", "平城区人民法院", "本决定书")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"第二十三条第一款第（三）项", "六十日内先向平城区人民政府申请行政复议", "十五日内向平城区人民法院提起行政诉讼"} {
		if !strings.Contains(got, want) {
			t.Errorf("default clause lacks %q: %s", want, got)
		}
	}
	if _, err := RenderRemedy(tpl, "", "平城区人民法院", "本决定书"); err == nil || !strings.Contains(Message(err), "行政复议机关") {
		t.Errorf("no government: got %v", err)
	}
	if _, err := RenderRemedy(tpl, "平城区人民政府", " ", "本决定书"); err == nil || !strings.Contains(Message(err), "人民法院") {
		t.Errorf("no court: got %v", err)
	}
	for _, c := range []struct{ text, want string }{
		{"如不服，可向平城区人民政府申请复议。", "缺少“{复议机关}”"},
		{"向{复议机关}复议，向{法院}起诉。", "缺少“{人民法院}”"},
		{"向{复议机关}复议，向{人民法院}起诉，{期限}。", "无法识别的占位符"},
	} {
		if err := ValidateRemedyText(c.text); err == nil || !strings.Contains(Message(err), c.want) {
			t.Errorf("%q: got %v, want %q", c.text, err, c.want)
		}
	}
	for _, b := range tpl.Bases {
		if b.Law != LawReconsideration && b.Law != LawLitigation {
			t.Errorf("remedy basis %s is not from the remedy laws", b.Cite())
		}
	}
}

func TestCompetenceValidate(t *testing.T) {
	if err := DefaultCompetence(ProgrammeDibao).Validate(); err != nil {
		t.Errorf("default: %v", err)
	}
	for _, c := range []struct {
		c    Competence
		want string
	}{
		{Competence{Programme: ProgrammeDibao, Mode: CompetenceDelegated}, "委托（下放）依据"},
		{Competence{Programme: ProgrammeTekun, Mode: CompetenceBureau}, "民政部门的名称"},
		{Competence{Programme: ProgrammeTekun, Mode: CompetenceBureau, Bureau: "平城区人民政府"}, "不像县级民政部门"},
		{Competence{Programme: ProgrammeTekun}, "请选择"},
	} {
		if err := c.c.Validate(); err == nil || !strings.Contains(Message(err), c.want) {
			t.Errorf("%+v: got %v, want %q", c.c, err, c.want)
		}
	}
}
