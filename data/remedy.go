package data

import (
	"slices"
	"strings"
)

// The remedy clause (救济途径告知) of a decision or a 不予受理通知书 is generated from an
// editable, versioned template, never typed into a document. The text names the 复议机关 and
// the 人民法院 through placeholders filled from the office settings.
//
// Why the default sends the person to 行政复议 first: 行政复议法 (2023) 第二十三条第一款第（三）
// 项 makes 复议 a precondition of suing where the person "认为行政机关存在本法第十一条规定的未履行
// 法定职责情形", and 第十一条第（十二）项 is "申请行政机关依法给付抚恤金、社会保险待遇或者最低生活
// 保障等社会保障，行政机关没有依法给付". Refusing, cutting or stopping a social-assistance payment
// the person applied for is that case, and 第二十三条第二款 obliges the office to say so in the
// act. The deadline is 第二十条's sixty days; after the 复议决定 the person has fifteen days to
// sue (行政诉讼法第四十五条; 第四十四条第二款 defers to the law that requires 复议 first). The
// 复议机关 is the 县级以上地方人民政府 of 第二十四条 (a 街道办事处 is the 派出机关 of the district
// government, 第一款第（三）项; a 民政局 its 工作部门, 第一款第（一）项).

// Placeholders of a remedy template.
const (
	PlaceGovernment = "{复议机关}" // the 人民政府 (Office.Government)
	PlaceCourt      = "{人民法院}" // the court (Office.Court)
	PlaceDocument   = "{文书}"   // 本决定书 or 本通知书
)

// RemedyScope is what a remedy template applies to: one decision outcome, or the
// 不予受理通知书.
type RemedyScope string

// RemedyRejection is the scope of the 不予受理通知书; the outcomes are the other scopes.
const RemedyRejection RemedyScope = "rejection_notice"

// RemedyScopes lists the scopes in display order.
func RemedyScopes() []RemedyScope {
	out := make([]RemedyScope, 0, len(Outcomes)+1)
	for _, o := range Outcomes {
		out = append(out, RemedyScope(o))
	}
	return append(out, RemedyRejection)
}

// String names the scope: 给予决定书, 不予受理通知书 …
func (s RemedyScope) String() string {
	if s == RemedyRejection {
		return "不予受理通知书"
	}
	return Outcome(s).String() + "决定书"
}

// Valid reports whether s is one of RemedyScopes.
func (s RemedyScope) Valid() bool { return slices.Contains(RemedyScopes(), s) }

// RemedyTemplate is one version of the remedy clause of a scope.
type RemedyTemplate struct {
	Scope   RemedyScope
	Version int    // 0 for the built-in default never edited
	Text    string // with PlaceGovernment, PlaceCourt, PlaceDocument
	Bases   []LegalBasis
	Sources []string // where the articles of Bases were read
}

// DefaultRemedyText is the built-in clause: 复议 first (行政复议法第二十三条), then fifteen
// days to sue after the 复议决定.
const DefaultRemedyText = "如不服本决定，依照《中华人民共和国行政复议法》第二十三条第一款第（三）项的规定，应当自收到" +
	PlaceDocument + "之日起六十日内先向" + PlaceGovernment + "申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向" +
	PlaceCourt + "提起行政诉讼。"

// RemedyBases are the articles the default clause rests on.
var RemedyBases = []LegalBasis{
	{LawReconsideration, "第十一条第（十二）项", "申请依法给付最低生活保障等社会保障，行政机关没有依法给付的，可以申请行政复议"},
	{LawReconsideration, "第二十条", "自知道或者应当知道行政行为之日起六十日内提出行政复议申请"},
	{LawReconsideration, "第二十三条", "未履行第十一条规定的法定职责等情形应当先申请行政复议，对复议决定不服的再提起诉讼；行政机关作出行政行为时应当告知"},
	{LawReconsideration, "第二十四条", "县级以上地方各级人民政府管辖对本级工作部门、派出机关等作出的行政行为不服的复议案件"},
	{LawLitigation, "第四十四条", "可以先复议再诉讼或直接起诉；法律、法规规定应当先复议的，依照其规定"},
	{LawLitigation, "第四十五条", "不服复议决定的，在收到复议决定书之日起十五日内向人民法院提起诉讼"},
}

// DefaultRemedy returns the built-in template of a scope (Version 0).
func DefaultRemedy(s RemedyScope) RemedyTemplate {
	return RemedyTemplate{Scope: s, Text: DefaultRemedyText, Bases: slices.Clone(RemedyBases),
		Sources: []string{SourceReconsideration, SourceLitigation}}
}

// ValidateRemedyText checks an edited template: it must name the 复议机关 and the 人民法院 by
// their placeholders (so the office settings fill them) and use no other placeholder.
func ValidateRemedyText(text string) error {
	t := strings.TrimSpace(text)
	if t == "" {
		return Invalid("remedy", "救济途径告知不能为空。")
	}
	for _, p := range []string{PlaceGovernment, PlaceCourt} {
		if !strings.Contains(t, p) {
			return Invalid("remedy", "救济途径告知中缺少“%s”：请用它代替机关名称，签发时由文书设置中的名称填入。", p)
		}
	}
	rest := t
	for _, p := range []string{PlaceGovernment, PlaceCourt, PlaceDocument} {
		rest = strings.ReplaceAll(rest, p, "")
	}
	if i := strings.IndexAny(rest, "{}"); i >= 0 {
		return Invalid("remedy", "救济途径告知中有无法识别的占位符（只能使用 %s、%s、%s）。", PlaceGovernment, PlaceCourt, PlaceDocument)
	}
	return nil
}

// RenderRemedy fills the template for a document: gov and court from the office settings,
// doc is 本决定书 or 本通知书. It refuses when the clause cannot be completed.
func RenderRemedy(t RemedyTemplate, gov, court, doc string) (string, error) {
	if strings.TrimSpace(gov) == "" {
		return "", Invalid("government", "救济途径无法写全：没有设置行政复议机关（人民政府）。请管理员在“设置—单位信息”中填写后再签发。")
	}
	if strings.TrimSpace(court) == "" {
		return "", Invalid("court", "救济途径无法写全：没有设置管辖的人民法院。请管理员在“设置—单位信息”中填写后再签发。")
	}
	if err := ValidateRemedyText(t.Text); err != nil {
		return "", err
	}
	r := strings.NewReplacer(PlaceGovernment, strings.TrimSpace(gov), PlaceCourt, strings.TrimSpace(court), PlaceDocument, doc)
	return r.Replace(strings.TrimSpace(t.Text)), nil
}
