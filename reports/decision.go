package reports

import (
	"io"
	"strconv"
	"strings"

	"taizhang/data"
)

// LayoutDecision lays out a 社会救助决定书 (see WriteDecision).
func LayoutDecision(d data.Decision, opts Options) []Page {
	f := newFlow(true)
	head(f, d.Title(), d.DocNumber)

	// 增发, 减发 and 停发 follow a review the office started: the person is then the
	// recipient of assistance, not an applicant.
	who := "申请人："
	if d.Outcome.ChangesMoney() && d.Outcome != data.OutcomeGrant {
		who = "救助对象："
	}
	f.field(who, d.Applicant)
	f.field("公民身份号码：", d.IDNumber)
	f.field("住址：", d.Address)
	if d.HouseholdSize > 0 {
		f.field("家庭人口：", strconv.Itoa(d.HouseholdSize)+"人")
	}
	for _, p := range decisionParagraphs(d) {
		f.para(p, 2)
	}
	f.closing(d.Authority, d.Date.Chinese(), !opts.NoSealMark)
	return f.finish()
}

// WriteDecision writes a 社会救助决定书 as PDF: title, 文号, the applicant, the facts,
// reasons, legal basis and decision, the remedy clause, the issuing authority and date with
// the seal area. Validate the decision first; WriteDecision prints what it is given.
func WriteDecision(w io.Writer, d data.Decision, opts Options) error {
	opts = opts.withDefaults(d.Date, d.Title())
	return WritePDF(w, LayoutDecision(d, opts), opts)
}

// head places a title and, under it, the 文号 centred (GB/T 9704-2012 7.2.4), then a blank line.
func head(f *flow, title, number string) {
	f.title(title, TitleSize)
	if number != "" {
		f.lineOf(number, BodySize, FaceBody, alignCenter, 0, RoleDocNumber)
	}
	f.blank(1)
}

// decisionParagraphs writes the body of a decision.
func decisionParagraphs(d data.Decision) []string {
	var ps []string
	prog := d.Programme.FullName()
	who := "你（户）"

	// What happened: the application, or the review the office started.
	var b strings.Builder
	if !d.Applied.IsZero() {
		b.WriteString(who + "于" + d.Applied.Chinese() + "提出" + prog + "申请。")
	} else {
		b.WriteString("本机关对" + who + "享受" + prog + "的情况进行了复核。")
	}
	if !d.Investigated.IsZero() {
		b.WriteString("本机关于" + d.Investigated.Chinese() + "对你家庭的经济状况和实际生活情况进行了入户调查，")
	} else {
		b.WriteString("经调查核实，")
	}
	b.WriteString("查明：" + sentence(d.Facts))
	ps = append(ps, b.String())

	if d.Reasons != "" {
		ps = append(ps, "本机关认为："+sentence(d.Reasons))
	}

	ps = append(ps, "根据"+Citations(d.Bases)+"的规定，本机关决定如下：")
	ps = append(ps, decisionText(d))

	if d.Corrects != "" {
		ps = append(ps, "本决定书更正本机关"+d.Corrects+"决定书，原决定书自本决定书送达之日起不再执行。")
	}
	ps = append(ps, "如不服本决定，可以自收到本决定书之日起六十日内向"+d.Government+
		"申请行政复议，或者六个月内向"+d.Court+"提起行政诉讼。")
	return ps
}

// decisionText states the decision itself, with the amounts and the month they take effect.
func decisionText(d data.Decision) string {
	prog := d.Programme.FullName()
	month := data.FormatChineseMonth(d.Effective)
	unit := "每月"
	money := prog + "金"
	if d.Programme == data.ProgrammeTekun {
		money = "特困人员基本生活费"
	}
	switch d.Outcome {
	case data.OutcomeGrant:
		if d.Programme.OneOff() {
			return "给予你家庭" + prog + "，救助金额" + d.AmountAfter.Yuan() + "元（一次性发放）。"
		}
		return "自" + month + "起给予你家庭" + prog + "，" + unit + "发放" + money + d.AmountAfter.Yuan() + "元。"
	case data.OutcomeRefuse:
		return "不予批准你家庭的" + prog + "申请。"
	case data.OutcomeIncrease:
		return "自" + month + "起，你家庭的" + money + "由" + unit + d.AmountBefore.Yuan() + "元增发至" +
			unit + d.AmountAfter.Yuan() + "元。"
	case data.OutcomeDecrease:
		return "自" + month + "起，你家庭的" + money + "由" + unit + d.AmountBefore.Yuan() + "元减发至" +
			unit + d.AmountAfter.Yuan() + "元。"
	case data.OutcomeStop:
		return "自" + month + "起停发你家庭的" + money + "（原" + unit + d.AmountBefore.Yuan() + "元），终止" + prog + "。"
	}
	return ""
}

// sentence trims s and ends it with a full stop if it has no closing punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if !strings.ContainsRune("。！？；…", lastRune(s)) {
		s += "。"
	}
	return s
}

func lastRune(s string) rune {
	rs := []rune(s)
	return rs[len(rs)-1]
}

// Citations joins legal bases as cited in a document, naming each law once for its
// consecutive articles: 《社会救助暂行办法》第九条、第十一条、《最低生活保障审核确认办法》第二条.
func Citations(bases []data.LegalBasis) string {
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
