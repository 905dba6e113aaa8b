package data

import (
	"fmt"
	"strconv"
	"strings"
)

// The wording of decisions and notices is a rule of the office, so it lives here as pure
// functions; reports lays the paragraphs out and the preview shows the same ones.

// Plain returns f in yuan with two decimals and no thousands separator, as amounts are
// written in official documents: 1234.50.
func (f Fen) Plain() string {
	neg := f < 0
	if neg {
		f = -f
	}
	s := strconv.FormatInt(int64(f/100), 10) + fmt.Sprintf(".%02d", int64(f%100))
	if neg {
		s = "-" + s
	}
	return s
}

// Individual reports whether the programme is granted to a person rather than a household
// (特困人员救助供养: 社会救助暂行办法第十四条, 特困人员认定办法第四条).
func (p Programme) Individual() bool { return p == ProgrammeTekun }

// whom is how a decision names who the programme is for: 你 for an individual programme,
// 你家庭 for one granted to the household. The letter addresses the person as 你 throughout.
func (d Decision) whom() string {
	if d.Programme.Individual() {
		return "你"
	}
	return "你家庭"
}

// money names the monthly payment of the programme.
func (d Decision) money() string {
	if d.Programme == ProgrammeTekun {
		return "基本生活费"
	}
	return d.Programme.FullName() + "金"
}

// Paragraphs returns the body of a decision after the applicant's particulars: what happened
// and what was found, the reasons, the legal basis and the decision, a correction note and
// the remedy clause.
func (d Decision) Paragraphs() []string {
	var ps []string
	prog := d.Programme.FullName()
	whom := d.whom()
	investigator := "本机关"
	if d.Investigator != "" {
		investigator = d.Investigator
	}
	what := "对" + whom + "的经济状况和实际生活情况进行了入户调查"
	if d.Programme.Individual() {
		what = "对你的经济状况、实际生活状况以及赡养、抚养、扶养状况进行了调查核实"
	}

	var b strings.Builder
	switch {
	case !d.Applied.IsZero():
		b.WriteString("你于" + d.Applied.Chinese() + "提出" + prog + "申请。")
		if !d.Investigated.IsZero() {
			b.WriteString(investigator + "于" + d.Investigated.Chinese() + what + "，查明：")
		} else {
			b.WriteString("经调查核实，查明：")
		}
	default:
		b.WriteString(investigator + "对" + whom + "享受" + prog + "的情况进行了复核")
		if !d.Investigated.IsZero() {
			b.WriteString("，于" + d.Investigated.Chinese())
			if d.Programme.Individual() {
				b.WriteString("对你的经济状况、实际生活状况以及赡养、抚养、扶养状况进行了调查核实")
			} else {
				b.WriteString("进行了入户调查")
			}
		}
		b.WriteString("，查明：")
	}
	b.WriteString(sentence(d.Facts))
	if d.Income > 0 || d.Standard > 0 {
		b.WriteString(d.incomeSentence())
	}
	ps = append(ps, b.String())

	if d.Reasons != "" {
		ps = append(ps, "本机关认为："+sentence(d.Reasons))
	}
	basis := "根据" + Citations(d.Bases) + "的规定，"
	if d.Delegation != "" {
		basis += "依据" + d.Delegation + "行使" + prog + "审核确认职权，"
	}
	basis += "决定如下："
	ps = append(ps, basis)
	ps = append(ps, d.DecisionText())

	if d.Corrects != "" {
		ps = append(ps, "本决定书更正本机关"+d.Corrects+"决定书，原决定书自本决定书送达之日起不再执行。")
	}
	ps = append(ps, d.RemedyText())
	return ps
}

// incomeSentence states the figures the decision rests on, when the clerk gave them.
func (d Decision) incomeSentence() string {
	var parts []string
	if d.Income > 0 {
		if d.Programme.Individual() {
			parts = append(parts, "你的月收入为"+d.Income.Plain()+"元")
		} else {
			parts = append(parts, "你家庭月人均收入为"+d.Income.Plain()+"元")
		}
	}
	if d.Standard > 0 {
		parts = append(parts, "当地最低生活保障标准为每人每月"+d.Standard.Plain()+"元")
	}
	return "经核算，" + strings.Join(parts, "，") + "。"
}

// RemedyText is the remedy clause: the one fixed when the document was signed, or, for a
// document made before the clause was generated from a template, the wording printed then.
func (d Decision) RemedyText() string {
	if d.Remedy != "" {
		return d.Remedy
	}
	return "如不服本决定，可以自收到本决定书之日起六十日内向" + d.Government +
		"申请行政复议，或者六个月内向" + d.Court + "提起行政诉讼。"
}

// DecisionText states the decision itself, with the amounts and the month they take effect.
func (d Decision) DecisionText() string {
	prog := d.Programme.FullName()
	month := FormatChineseMonth(d.Effective)
	whom := d.whom()
	money := d.money()
	switch d.Outcome {
	case OutcomeGrant:
		if d.Programme.OneOff() {
			return "给予" + whom + prog + "，救助金额" + d.AmountAfter.Plain() + "元（一次性发放）。"
		}
		return "自" + month + "起给予" + whom + prog + "，每月发放" + money + d.AmountAfter.Plain() + "元。"
	case OutcomeRefuse:
		return "不予批准" + whom + "的" + prog + "申请。"
	case OutcomeIncrease:
		return "自" + month + "起，" + whom + "的" + money + "由每月" + d.AmountBefore.Plain() + "元增发至每月" + d.AmountAfter.Plain() + "元。"
	case OutcomeDecrease:
		return "自" + month + "起，" + whom + "的" + money + "由每月" + d.AmountBefore.Plain() + "元减发至每月" + d.AmountAfter.Plain() + "元。"
	case OutcomeStop:
		return "自" + month + "起停发" + whom + "的" + money + "（原每月" + d.AmountBefore.Plain() + "元），终止" + prog + "。"
	}
	return ""
}

// Paragraphs returns the body of a 不予受理通知书 after the salutation.
func (r RejectionNotice) Paragraphs() []string {
	var b strings.Builder
	b.WriteString("你")
	if !r.Applied.IsZero() {
		b.WriteString("于" + r.Applied.Chinese())
	}
	b.WriteString("提出的" + r.Item + "申请，经审查，" + sentence(r.Reason))
	if len(r.Bases) > 0 {
		b.WriteString("根据" + Citations(r.Bases) + "的规定，")
	}
	b.WriteString("本机关决定不予受理。")
	ps := []string{b.String(), "请你按以下要求办理：" + sentence(r.Correction)}
	if t := r.RemedyText(); t != "" {
		ps = append(ps, t)
	}
	return ps
}

// RemedyText is the notice's remedy clause as signed, or the wording printed before the
// clause came from a template ("" when the office named no 复议机关 then).
func (r RejectionNotice) RemedyText() string {
	if r.Remedy != "" {
		return r.Remedy
	}
	if r.Government == "" || r.Court == "" {
		return ""
	}
	return "如不服本决定，可以自收到本通知书之日起六十日内向" + r.Government +
		"申请行政复议，或者六个月内向" + r.Court + "提起行政诉讼。"
}

// Citations joins legal bases as cited in a document, naming each law once for its
// consecutive articles: 《社会救助暂行办法》第九条、第十一条、《最低生活保障审核确认办法》第二条.
func Citations(bases []LegalBasis) string {
	var b strings.Builder
	for i, lb := range bases {
		switch {
		case i == 0:
			b.WriteString(lb.Cite())
		case lb.Law == bases[i-1].Law:
			b.WriteString("、" + lb.Article)
		default:
			b.WriteString("、" + lb.Cite())
		}
	}
	return b.String()
}

// sentence trims s and ends it with a full stop if it has no closing punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	rs := []rune(s)
	if !strings.ContainsRune("。！？；…", rs[len(rs)-1]) {
		s += "。"
	}
	return s
}
