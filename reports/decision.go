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
	if d.HouseholdSize > 0 && !d.Programme.Individual() {
		f.field("家庭人口：", strconv.Itoa(d.HouseholdSize)+"人")
	}
	for _, p := range d.Paragraphs() {
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

// Citations joins legal bases as cited in a document (data.Citations).
func Citations(bases []data.LegalBasis) string { return data.Citations(bases) }

// decisionText states the decision itself (data.Decision.DecisionText).
func decisionText(d data.Decision) string { return d.DecisionText() }
