package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DocKind is the kind of an administrative document (行政文书). The value is the English key
// stored in the database; String gives the Chinese name.
type DocKind string

// Document kinds.
const (
	DocDecision        DocKind = "decision"         // 社会救助决定书
	DocDeliveryReceipt DocKind = "delivery_receipt" // 送达回证
	DocOneTimeNotice   DocKind = "one_time_notice"  // 一次性告知单
	DocRejectionNotice DocKind = "rejection_notice" // 不予受理通知书
)

// DocKinds lists the kinds in display order.
var DocKinds = []DocKind{DocDecision, DocDeliveryReceipt, DocOneTimeNotice, DocRejectionNotice}

// String returns the Chinese name.
func (k DocKind) String() string {
	switch k {
	case DocDecision:
		return "社会救助决定书"
	case DocDeliveryReceipt:
		return "送达回证"
	case DocOneTimeNotice:
		return "一次性告知单"
	case DocRejectionNotice:
		return "不予受理通知书"
	}
	return string(k)
}

// Valid reports whether k is one of DocKinds.
func (k DocKind) Valid() bool { return slices.Contains(DocKinds, k) }

// Programme is a social-assistance programme (救助类别). The list is editable, so the type is
// the name itself; these three are the defaults.
type Programme string

// Default programmes.
const (
	ProgrammeDibao     Programme = "低保"
	ProgrammeTekun     Programme = "特困供养"
	ProgrammeTemporary Programme = "临时救助"
)

// DefaultProgrammes is the starting list of programmes; the administrator edits it.
var DefaultProgrammes = []Programme{ProgrammeDibao, ProgrammeTekun, ProgrammeTemporary}

// FullName returns the name used in a document's title and text: 最低生活保障 for 低保,
// 特困人员救助供养 for 特困供养, the programme itself otherwise.
func (p Programme) FullName() string {
	switch p {
	case ProgrammeDibao:
		return "最低生活保障"
	case ProgrammeTekun:
		return "特困人员救助供养"
	}
	return string(p)
}

// OneOff reports whether the programme pays once rather than monthly (临时救助).
func (p Programme) OneOff() bool { return p == ProgrammeTemporary }

// Outcome is what a decision decides.
type Outcome string

// Outcomes.
const (
	OutcomeGrant    Outcome = "grant"    // 给予（批准）
	OutcomeRefuse   Outcome = "refuse"   // 不予批准
	OutcomeIncrease Outcome = "increase" // 增发
	OutcomeDecrease Outcome = "decrease" // 减发
	OutcomeStop     Outcome = "stop"     // 停发（终止）
)

// Outcomes lists the outcomes in display order.
var Outcomes = []Outcome{OutcomeGrant, OutcomeRefuse, OutcomeIncrease, OutcomeDecrease, OutcomeStop}

// String returns the Chinese name.
func (o Outcome) String() string {
	switch o {
	case OutcomeGrant:
		return "给予"
	case OutcomeRefuse:
		return "不予批准"
	case OutcomeIncrease:
		return "增发"
	case OutcomeDecrease:
		return "减发"
	case OutcomeStop:
		return "停发"
	}
	return string(o)
}

// TitleWord returns the word of the outcome in a decision's title: 批准, 不予批准, 增发, 减发,
// 终止.
func (o Outcome) TitleWord() string {
	switch o {
	case OutcomeGrant:
		return "批准"
	case OutcomeStop:
		return "终止"
	}
	return o.String()
}

// Valid reports whether o is one of Outcomes.
func (o Outcome) Valid() bool { return slices.Contains(Outcomes, o) }

// ParseOutcome accepts the English key or a Chinese name (also 批准, 给予批准, 终止, 停发/终止).
func ParseOutcome(s string) (Outcome, bool) {
	switch s = strings.TrimSpace(s); s {
	case "批准", "给予批准", "给予（批准）":
		return OutcomeGrant, true
	case "终止", "停发/终止", "停发（终止）":
		return OutcomeStop, true
	}
	for _, o := range Outcomes {
		if s == string(o) || s == o.String() {
			return o, true
		}
	}
	return "", false
}

// ChangesMoney reports whether the decision sets or changes a payment, so that it states the
// amounts and the month they take effect.
func (o Outcome) ChangesMoney() bool { return o != OutcomeRefuse && o != "" }

// Fen is an amount of money in fen (分, 0.01 yuan), so that sums are exact.
type Fen int64

// Yuan returns f in yuan with two decimals and thousands separators: 1,234.50.
func (f Fen) Yuan() string {
	neg := f < 0
	if neg {
		f = -f
	}
	whole := strconv.FormatInt(int64(f/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", int64(f%100))
	return b.String()
}

// ParseYuan reads an amount typed in yuan ("680", "680.5", "1,234.50", "680元") into fen.
func ParseYuan(s string) (Fen, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "元")
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	t = strings.TrimSpace(t)
	bad := Invalid("amount", "金额“%s”无法识别：请填写数字，最多两位小数，例如 680 或 680.50。", s)
	if t == "" || len(t) > 40 {
		return 0, bad
	}
	whole, frac, dot := strings.Cut(t, ".")
	if whole == "" || len(whole) > 12 || !digitsOnly(whole) || (dot && (len(frac) == 0 || len(frac) > 2 || !digitsOnly(frac))) {
		return 0, bad
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	c, _ := strconv.ParseInt(frac, 10, 64)
	return Fen(w*100 + c), nil
}

// LegalBasis is one article cited as the legal basis (依据) of a decision.
type LegalBasis struct {
	Law     string // the name of the law or regulation, without 《》: 社会救助暂行办法
	Article string // 第十一条, or 第十一条第（一）项
	Subject string // one line saying what the article is about, for choosing it
}

// Cite returns the citation as printed: 《社会救助暂行办法》第十一条.
func (b LegalBasis) Cite() string { return "《" + b.Law + "》" + b.Article }

// Decision is a 社会救助决定书: the office's decision on an application for, or a review of,
// social assistance.
type Decision struct {
	Authority string // issuing authority (发文机关): 平城区鹿苑街道办事处
	DocNumber string // 平民救决〔2026〕15号; empty on a draft

	Programme Programme
	Outcome   Outcome

	Applicant     string // 申请人 (the head of the household applying)
	IDNumber      string
	Address       string
	HouseholdSize int // 家庭人口

	Applied      Date // date of application; may be empty for a review the office started
	Investigated Date // date of the household investigation (入户调查)

	Facts   string // what was found (查明的事实)
	Reasons string // why this decision follows (理由)

	AmountBefore Fen  // monthly amount before (增发, 减发, 停发)
	AmountAfter  Fen  // monthly amount after (给予, 增发, 减发); the one-off sum for 临时救助
	Effective    Date // first day of the month the change takes effect; the day is ignored

	// Income is the household's monthly income per person (for 特困, the person's monthly
	// income) and Standard the local 低保标准 per person and month, as found; 0 when not
	// stated. The letter states them and the form checks them against the outcome.
	Income   Fen `json:",omitempty"`
	Standard Fen `json:",omitempty"`

	Bases []LegalBasis

	Government string // the 人民政府 named for 行政复议
	Court      string // the 人民法院 named for 行政诉讼

	// Investigator is the office that investigated when the 县级民政部门 decides (the letter's
	// Authority is then the 民政局); empty when the authority investigated itself.
	Investigator string `json:",omitempty"`
	// Delegation is the delegation the authority decides under (data.Competence), empty
	// when it decides on its own competence.
	Delegation string `json:",omitempty"`
	// Remedy is the remedy clause as signed, from version RemedyVersion of the template.
	Remedy        string `json:",omitempty"`
	RemedyVersion int    `json:",omitempty"`

	Date     Date   // date of the decision (成文日期)
	Corrects string // DocNumber of the decision this one corrects, if any
}

// Title returns the document's title: 最低生活保障不予批准决定书, or 社会救助决定书 when the
// programme or outcome is not set.
func (d Decision) Title() string {
	if d.Programme == "" || !d.Outcome.Valid() {
		return "社会救助决定书"
	}
	return d.Programme.FullName() + d.Outcome.TitleWord() + "决定书"
}

// Validate checks that the decision can be issued. It returns every field's problem at once as
// *Problems (ErrInvalid), each Chinese message saying what is wrong and how to fix it.
func (d Decision) Validate() error {
	var p Problems
	for _, c := range []struct{ field, value, name string }{
		{"authority", d.Authority, "发文机关"},
		{"programme", string(d.Programme), "救助类别"},
		{"applicant", d.Applicant, "申请人姓名"},
		{"id_number", d.IDNumber, "身份证号"},
		{"address", d.Address, "住址"},
		{"facts", d.Facts, "查明的事实"},
		{"reasons", d.Reasons, "理由"},
		{"government", d.Government, "行政复议机关（人民政府）"},
		{"court", d.Court, "行政诉讼法院（人民法院）"},
	} {
		if strings.TrimSpace(c.value) == "" {
			p.Addf(c.field, "请填写%s。", c.name)
		}
	}
	if !d.Outcome.Valid() {
		p.Addf("outcome", "请选择决定结果（给予、不予批准、增发、减发或停发）。")
	}
	if d.HouseholdSize < 1 || d.HouseholdSize > 99 {
		p.Addf("household_size", "家庭人口应为 1 至 99 人，请核对后重新填写。")
	}
	if d.Date.IsZero() {
		p.Addf("date", "请填写决定日期。")
	}
	if needsApplication(d.Outcome) && d.Applied.IsZero() {
		p.Addf("applied", "请填写申请日期：%s决定须写明申请人何时提出申请。", d.Outcome)
	}
	if !d.Applied.IsZero() && !d.Date.IsZero() && d.Applied.After(d.Date) {
		p.Addf("applied", "申请日期（%s）晚于决定日期（%s），请核对。", d.Applied.Chinese(), d.Date.Chinese())
	}
	if !d.Investigated.IsZero() {
		if !d.Applied.IsZero() && d.Investigated.Before(d.Applied) {
			p.Addf("investigated", "调查日期（%s）早于申请日期（%s），请核对。", d.Investigated.Chinese(), d.Applied.Chinese())
		}
		if !d.Date.IsZero() && d.Investigated.After(d.Date) {
			p.Addf("investigated", "调查日期（%s）晚于决定日期（%s），请核对。", d.Investigated.Chinese(), d.Date.Chinese())
		}
	}
	if len(d.Bases) == 0 {
		p.Addf("bases", "决定书没有法律依据：请至少选择一条依据的法规条款。")
	}
	for _, b := range d.Bases {
		if strings.TrimSpace(b.Law) == "" || strings.TrimSpace(b.Article) == "" {
			p.Addf("bases", "法律依据须写明法规名称和条款，请补全后再签发。")
		}
	}
	if d.Outcome.Valid() {
		p.Add(d.validateMoney()) // the first problem of the amounts: one wrong amount tells the rest
	}
	if d.Corrects != "" {
		if _, _, _, err := ParseDocNumber(d.Corrects); err != nil {
			p.Addf("corrects", "被更正的文号“%s”格式不对，应如“平民救决〔2026〕15号”。", d.Corrects)
		}
		if d.Corrects == d.DocNumber {
			p.Addf("corrects", "更正决定书不能更正它自己，请填写原决定书的文号。")
		}
	}
	return p.Err()
}

// needsApplication reports whether the outcome answers an application (给予, 不予批准) rather
// than a review the office started (增发, 减发, 停发).
func needsApplication(o Outcome) bool { return o == OutcomeGrant || o == OutcomeRefuse }

func (d Decision) validateMoney() error {
	if !d.Outcome.ChangesMoney() {
		return nil
	}
	if d.AmountBefore < 0 || d.AmountAfter < 0 {
		return Invalid("amount", "金额不能为负数，请核对。")
	}
	switch d.Outcome {
	case OutcomeGrant:
		if d.AmountAfter <= 0 {
			return Invalid("amount_after", "请填写批准的救助金额（元）。")
		}
	case OutcomeIncrease:
		if d.AmountAfter <= d.AmountBefore {
			return Invalid("amount_after", "增发后的金额（%s元）应高于原金额（%s元）：请核对金额，或改选“减发”。", d.AmountAfter.Yuan(), d.AmountBefore.Yuan())
		}
	case OutcomeDecrease:
		if d.AmountAfter >= d.AmountBefore {
			return Invalid("amount_after", "减发后的金额（%s元）应低于原金额（%s元）：请核对金额，或改选“增发”。", d.AmountAfter.Yuan(), d.AmountBefore.Yuan())
		}
		if d.AmountAfter == 0 {
			return Invalid("amount_after", "减发后的金额为零：停止发放请改选“停发”。")
		}
	case OutcomeStop:
		if d.AmountBefore <= 0 {
			return Invalid("amount_before", "请填写停发前每月的救助金额（元）。")
		}
	}
	if d.Programme.OneOff() && d.Outcome == OutcomeGrant {
		return nil // a one-off payment has no effective month
	}
	if d.Effective.IsZero() {
		return Invalid("effective", "请填写%s的起始月份。", d.Outcome)
	}
	if !d.Applied.IsZero() && monthIndex(d.Effective) < monthIndex(d.Applied) {
		return Invalid("effective", "执行月份（%d年%d月）早于申请日期（%s）：请改为申请当月或以后的月份。",
			d.Effective.Year, int(d.Effective.Month), d.Applied.Chinese())
	}
	return nil
}

func monthIndex(d Date) int { return d.Year*12 + int(d.Month) - 1 }

// DeliveryMethod is how a document was delivered (送达方式).
type DeliveryMethod string

// Delivery methods.
const (
	DeliveryDirect    DeliveryMethod = "direct"    // 直接送达
	DeliveryLeft      DeliveryMethod = "left"      // 留置送达
	DeliveryPost      DeliveryMethod = "post"      // 邮寄送达
	DeliveryEntrusted DeliveryMethod = "entrusted" // 委托送达
)

// DeliveryMethods lists the methods in display order.
var DeliveryMethods = []DeliveryMethod{DeliveryDirect, DeliveryLeft, DeliveryPost, DeliveryEntrusted}

// String returns the Chinese name: 直接送达, 留置送达, 邮寄送达, 委托送达.
func (m DeliveryMethod) String() string {
	switch m {
	case DeliveryDirect:
		return "直接送达"
	case DeliveryLeft:
		return "留置送达"
	case DeliveryPost:
		return "邮寄送达"
	case DeliveryEntrusted:
		return "委托送达"
	}
	return string(m)
}

// Valid reports whether m is one of DeliveryMethods.
func (m DeliveryMethod) Valid() bool { return slices.Contains(DeliveryMethods, m) }

// DeliveryReceipt is a 送达回证: proof that a document reached its recipient. The printed
// form leaves the signatures blank; a receipt recorded after delivery also has the method,
// the date and, for 留置, the witness and the reason.
type DeliveryReceipt struct {
	Authority     string // the office serving the document
	DocName       string // name of the document served: 最低生活保障不予批准决定书
	DocNumber     string
	Recipient     string // 受送达人
	Place         string // 送达地点
	Method        DeliveryMethod
	Date          Date   // date of delivery; empty on a blank form
	Server        string // 送达人 (the clerk)
	Witness       string // 见证人, required for 留置
	RefusalReason string // why the recipient refused, required for 留置
	Note          string // 备注
	Agent         string // 代收人: who received it for the recipient (an adult family member), if not the recipient
}

// ValidateForm checks what a printed (blank) receipt needs: the document and its recipient.
func (r DeliveryReceipt) ValidateForm() error {
	var p Problems
	r.checkForm(&p)
	return p.Err()
}

func (r DeliveryReceipt) checkForm(p *Problems) {
	for _, c := range []struct{ field, value, name string }{
		{"authority", r.Authority, "送达机关"},
		{"doc_name", r.DocName, "送达文书名称"},
		{"doc_number", r.DocNumber, "送达文书文号"},
		{"recipient", r.Recipient, "受送达人"},
	} {
		if strings.TrimSpace(c.value) == "" {
			p.Addf(c.field, "请填写%s。", c.name)
		}
	}
}

// Validate checks a recorded delivery: the form's fields, and the place, method, date and
// server; 留置送达 also needs a witness and the reason the recipient refused. It returns every
// field's problem at once as *Problems.
func (r DeliveryReceipt) Validate() error {
	var p Problems
	r.checkForm(&p)
	if !r.Method.Valid() {
		p.Addf("method", "请选择送达方式（直接送达、留置送达、邮寄送达或委托送达）。")
	}
	if strings.TrimSpace(r.Place) == "" && r.Method != DeliveryPost {
		p.Addf("place", "请填写送达地点。")
	}
	if r.Date.IsZero() {
		p.Addf("date", "请填写送达日期。")
	}
	if strings.TrimSpace(r.Server) == "" {
		p.Addf("server", "请填写送达人。")
	}
	if r.Method == DeliveryLeft {
		if strings.TrimSpace(r.Witness) == "" {
			p.Addf("witness", "留置送达须有见证人：请填写见证人姓名（如社区工作人员），并请其在回证上签名。")
		}
		if strings.TrimSpace(r.RefusalReason) == "" {
			p.Addf("refusal_reason", "留置送达须记明受送达人拒收的情况和理由，请填写。")
		}
		if strings.TrimSpace(r.Witness) == strings.TrimSpace(r.Server) {
			p.Addf("witness", "见证人不能是送达人本人，请另请见证人。")
		}
	}
	if agent := strings.TrimSpace(r.Agent); agent != "" {
		switch {
		case r.Method != DeliveryDirect:
			p.Addf("agent", "只有直接送达时才由同住成年家属代收；%s不填代收人。", r.Method)
		case agent == strings.TrimSpace(r.Recipient):
			p.Addf("agent", "代收人是受送达人本人时不用填写代收人。")
		case agent == strings.TrimSpace(r.Server):
			p.Addf("agent", "代收人不能是送达人本人。")
		}
	}
	return p.Err()
}

// Material is one document an applicant must provide for an item, and whether they brought it.
type Material struct {
	Name    string // 户口簿
	Note    string // 原件及复印件1份
	Brought bool
}

// OneTimeNotice is a 一次性告知单: everything an applicant still needs for an item, told once.
type OneTimeNotice struct {
	Authority string // the office
	DocNumber string // optional register number
	Item      string // the service item (事项): 临时救助申请
	Applicant string
	Materials []Material
	TimeLimit string // 材料齐全后10个工作日内办结
	Contact   string // 联系地址和电话
	Clerk     string // 经办人
	Date      Date
	// GuideURL is the item's 办事指南, printed as a QR code for a phone; "" for none.
	GuideURL string `json:",omitempty"`
}

// Missing returns the materials not yet brought.
func (n OneTimeNotice) Missing() []Material {
	var out []Material
	for _, m := range n.Materials {
		if !m.Brought {
			out = append(out, m)
		}
	}
	return out
}

// Validate checks that the notice can be printed; every field's problem at once (*Problems).
func (n OneTimeNotice) Validate() error {
	var p Problems
	for _, c := range []struct{ field, value, name string }{
		{"authority", n.Authority, "告知机关"},
		{"item", n.Item, "办理事项"},
		{"applicant", n.Applicant, "申请人"},
		{"time_limit", n.TimeLimit, "办理时限"},
		{"contact", n.Contact, "联系方式"},
		{"clerk", n.Clerk, "经办人"},
	} {
		if strings.TrimSpace(c.value) == "" {
			p.Addf(c.field, "请填写%s。", c.name)
		}
	}
	if len(n.Materials) == 0 {
		p.Addf("materials", "“%s”没有所需材料清单：请先在事项目录中填写材料。", n.Item)
	}
	for _, m := range n.Materials {
		if strings.TrimSpace(m.Name) == "" {
			p.Addf("materials", "材料清单中有一项没有名称，请补全或删除。")
		}
	}
	if n.Date.IsZero() {
		p.Addf("date", "请填写告知日期。")
	}
	return p.Err()
}

// RejectionNotice is a 不予受理通知书: the office does not accept an application, says why and
// what the applicant can correct.
type RejectionNotice struct {
	Authority  string
	DocNumber  string // optional
	Applicant  string
	Item       string // the item applied for: 最低生活保障
	Applied    Date   // date of application
	Reason     string // why it is not accepted
	Correction string // what to correct or where to apply instead
	Bases      []LegalBasis
	Government string // the 人民政府 named for 行政复议
	Court      string // the 人民法院 named for 行政诉讼
	// Remedy is the remedy clause as signed, from version RemedyVersion of the template.
	Remedy        string `json:",omitempty"`
	RemedyVersion int    `json:",omitempty"`
	Date          Date
}

// Validate checks that the notice can be issued; every field's problem at once (*Problems).
func (r RejectionNotice) Validate() error {
	var p Problems
	for _, c := range []struct{ field, value, name string }{
		{"authority", r.Authority, "发文机关"},
		{"applicant", r.Applicant, "申请人"},
		{"item", r.Item, "申请事项"},
		{"reason", r.Reason, "不予受理的理由"},
		{"correction", r.Correction, "需要补正或改正的内容（或应向哪里申请）"},
	} {
		if strings.TrimSpace(c.value) == "" {
			p.Addf(c.field, "请填写%s。", c.name)
		}
	}
	if r.Date.IsZero() {
		p.Addf("date", "请填写通知日期。")
	}
	if !r.Applied.IsZero() && !r.Date.IsZero() && r.Applied.After(r.Date) {
		p.Addf("applied", "申请日期（%s）晚于通知日期（%s），请核对。", r.Applied.Chinese(), r.Date.Chinese())
	}
	if strings.TrimSpace(r.Government) == "" || strings.TrimSpace(r.Court) == "" {
		p.Addf("government", "救济途径无法写全：请管理员在“设置—单位信息”中填写行政复议机关（人民政府）和人民法院。")
	}
	if len(r.Bases) == 0 {
		p.Addf("bases", "不予受理通知书没有法律依据：请至少选择一条依据的法规条款。")
	}
	for _, b := range r.Bases {
		if strings.TrimSpace(b.Law) == "" || strings.TrimSpace(b.Article) == "" {
			p.Addf("bases", "法律依据须写明法规名称和条款，请补全后再签发。")
		}
	}
	if utf8.RuneCountInString(r.Reason) > 500 {
		p.Addf("reason", "不予受理的理由过长（超过500字），请精简。")
	}
	return p.Err()
}
