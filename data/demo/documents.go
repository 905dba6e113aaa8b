package demo

import (
	"sort"
	"strconv"
	"strings"

	"taizhang/data"
)

// How the demo's documents are made.
//
// Every signed document of the small office goes through the store's own actions (draft,
// sign, record delivery), so each has its PDF rendered and kept at signing like a real one.
// Rendering one letter takes about 13 ms, so the large office's 20,000 would take minutes and
// add about a gigabyte of PDFs: there only the newest eagerSign documents are signed that
// way, and the older ones are signed in bulk by sqlite.BulkSignDocuments. Those are
// validated, numbered and frozen (content and fonts) like any other; their PDF is rendered
// from the frozen content at the first print and kept from then on, so every reprint is
// byte-identical to the first.
const eagerSign = 200

// docSpec is one document the demo will make.
type docSpec struct {
	date      data.Date
	resident  ResidentRef
	decision  *data.Decision
	rejection *data.RejectionNotice
	notice    *data.OneTimeNotice
	delivery  *data.DeliveryReceipt
}

// docText is the facts and reasons of one programme and outcome.
type docText struct{ facts, reasons string }

var decisionTexts = map[data.Programme]map[data.Outcome][]docText{
	data.ProgrammeDibao: {
		data.OutcomeGrant: {
			{"经入户调查、邻里访问和家庭经济状况信息核对，你家庭共同生活成员%[1]d人，家庭财产状况符合规定。",
				"你家庭月人均收入低于本市城市最低生活保障标准，且家庭财产状况符合规定，符合最低生活保障条件。"},
		},
		data.OutcomeRefuse: {
			{"经入户调查和家庭经济状况信息核对，你家庭共同生活成员%[1]d人。",
				"你家庭月人均收入高于本市城市最低生活保障标准，不符合最低生活保障条件。"},
			{"经家庭经济状况信息核对，你家庭共同生活成员名下有机动车1辆（非生活必需），另有商业用房1处。",
				"你家庭财产状况不符合本市最低生活保障家庭财产认定的规定。"},
		},
		data.OutcomeIncrease: {
			{"经定期核查，你家庭成员因病住院治疗后丧失劳动能力，家庭月收入由%[2]d元减少。",
				"你家庭月人均收入下降，按家庭月人均收入与保障标准的差额计算，保障金额相应增加。"},
		},
		data.OutcomeDecrease: {
			{"经定期核查，你家庭成员已实现就业，家庭月收入增加约%[2]d元。",
				"你家庭月人均收入增加，按家庭月人均收入与保障标准的差额计算，保障金额相应减少。"},
		},
		data.OutcomeStop: {
			{"经年度核查，你家庭共同生活成员%[1]d人，月人均收入已高于本市城市最低生活保障标准。",
				"你家庭经济状况已不符合最低生活保障条件。"},
		},
	},
	data.ProgrammeTekun: {
		data.OutcomeGrant: {
			{"经调查核实，你年满60周岁，无劳动能力、无生活来源，无法定赡养、抚养、扶养义务人。",
				"你同时具备无劳动能力、无生活来源、无履行义务能力的法定义务人的条件，符合特困人员认定条件。"},
		},
		data.OutcomeRefuse: {
			{"经调查核实，你有法定赡养义务人（子女）2人，均有稳定工作和收入。",
				"你的法定赡养义务人具备履行义务能力，不符合特困人员认定条件。"},
		},
		data.OutcomeIncrease: {
			{"经生活自理能力评估，你的生活自理能力为部分丧失。",
				"按规定提高你的照料护理标准，救助供养金额相应增加。"},
		},
		data.OutcomeDecrease: {
			{"经复核评估，你的生活自理能力已基本恢复。",
				"照料护理标准相应调整，救助供养金额相应减少。"},
		},
		data.OutcomeStop: {
			{"经核查，你的法定赡养义务人已具备履行赡养义务的能力并实际履行。",
				"你已不再符合特困人员救助供养条件，终止救助供养。"},
		},
	},
	data.ProgrammeTemporary: {
		data.OutcomeGrant: {
			{"你家庭成员突发重大疾病住院治疗，经医疗保险报销后个人自付医疗费用%[2]d元，家庭基本生活暂时出现严重困难。",
				"你家庭因突发重大疾病导致基本生活暂时出现严重困难，符合临时救助条件。"},
			{"你家庭住房于近日发生火灾，家中生活用品损毁，家庭基本生活暂时出现严重困难。",
				"你家庭因意外事件导致基本生活暂时出现严重困难，符合临时救助条件。"},
		},
		data.OutcomeRefuse: {
			{"经核实，你申请所涉医疗费用已由基本医疗保险和大病保险报销大部分，个人自付%[2]d元，家庭月人均收入高于当地最低生活保障标准。",
				"你家庭基本生活未因此出现严重困难，不符合临时救助条件。"},
		},
	},
}

var rejectionReasons = []struct{ item, reason, correction string }{
	{"最低生活保障", "申请人户籍不在本街道辖区", "请向户籍所在地乡镇人民政府（街道办事处）提出申请"},
	{"临时救助", "申请材料不齐全，经一次性告知后仍未补齐家庭经济状况核对授权书", "请补齐全部共同生活家庭成员签名的家庭经济状况核对授权书后重新申请"},
	{"特困人员救助供养", "申请人已在其他地区享受特困人员救助供养待遇", "请向原认定机关申请终止原待遇后，再向户籍所在地提出申请"},
	{"最低生活保障", "申请事项已于本年度内经审核确认不予批准，家庭情况未发生变化", "家庭收入、财产或人口状况发生变化后，可以重新提出申请"},
}

var witnesses = []string{"赵强", "社区居委会委员 周玉梅", "楼栋长 郭建华", "社区网格员 韩晓燕"}

func buildDocuments(g *Generator) error {
	admin, reviewer := g.Ctx, g.As("shenhe")
	if err := g.DB.EnsureDocumentCatalogs(admin); err != nil {
		return err
	}
	// The office continues this year's paper register at 15 (numbers 1–14 were issued on
	// paper before the program was installed).
	for _, n := range []struct {
		key, prefix string
		start       int
	}{{"decision", "平民救决", 15}, {"rejection_notice", "平民不受", 1}, {"one_time_notice", "平民告知", 1}} {
		if err := g.DB.SetDocNumbering(admin, n.key, n.prefix, n.start); err != nil {
			return err
		}
	}
	d := &docDemo{g: g, today: data.Today(g.Now), current: map[holdingKey]data.Fen{},
		recipients: map[data.Programme][]ResidentRef{}, sizes: map[int64]int{}}
	d.people()
	specs, drafts, notices := d.plan(g.Size.Documents)
	sort.SliceStable(specs, func(i, j int) bool { return specs[i].date.Before(specs[j].date) })

	// Older documents in bulk, the newest through the store's actions (see eagerSign).
	split := 0
	if len(specs) > eagerSign*2 {
		split = len(specs) - eagerSign
	}
	var bulk []data.BulkDocument
	for _, s := range specs[:split] {
		bulk = append(bulk, data.BulkDocument{ResidentID: s.resident.ID, Decision: s.decision,
			RejectionNotice: s.rejection, OneTimeNotice: s.notice, Delivery: s.delivery})
	}
	if _, err := g.DB.BulkSignDocuments(reviewer, bulk); err != nil {
		return err
	}
	var signed []int64
	for _, s := range specs[split:] {
		id, err := d.make(s)
		if err != nil {
			return err
		}
		signed = append(signed, id)
	}
	// One decision voided and corrected: the household size was wrong.
	if len(signed) > 0 {
		for i := len(signed) - 1; i >= 0; i-- {
			doc, err := g.DB.Document(admin, signed[i])
			if err != nil {
				return err
			}
			if doc.Kind != data.DocDecision || doc.Delivered {
				continue
			}
			if err := g.DB.VoidDocument(reviewer, doc.ID, "家庭人口核对有误，原决定书作废，以更正决定书为准"); err != nil {
				return err
			}
			cid, err := g.DB.CorrectDocument(g.As("minzheng"), doc.ID)
			if err != nil {
				return err
			}
			if _, err := g.DB.SignDocument(reviewer, cid); err != nil {
				return err
			}
			break
		}
	}
	// Today's window: one-time notices made by the clerk, and drafts awaiting the reviewer.
	for i := 0; i < notices; i++ {
		item := Pick(g.Rand, data.DefaultServiceItems)
		brought := make([]bool, len(item.Materials))
		for j := range brought {
			brought[j] = g.Chance(0.6)
		}
		if _, err := g.DB.CreateOneTimeNotice(g.As("chuangkou"), item.Name, Pick(g.Rand, d.adults).Name, brought); err != nil {
			return err
		}
	}
	for i := 0; i < drafts; i++ {
		if i%3 == 2 {
			r := rejectionReasons[i%len(rejectionReasons)]
			if _, err := g.DB.CreateRejectionDraft(g.As("minzheng"), Pick(g.Rand, d.adults).ID, data.RejectionNotice{
				Item: r.item, Applied: d.today.AddDays(-2), Reason: r.reason, Correction: r.correction,
				Bases: data.SuggestedRejectionBases(r.item)}); err != nil {
				return err
			}
			continue
		}
		s := d.decisionSpec(d.today, data.ProgrammeDibao, []data.Outcome{data.OutcomeGrant, data.OutcomeDecrease}[i%2])
		s.decision.Date = data.Date{} // dated when signed
		if _, err := g.DB.CreateDecisionDraft(g.As("minzheng"), s.resident.ID, *s.decision); err != nil {
			return err
		}
	}
	return nil
}

type docDemo struct {
	g      *Generator
	today  data.Date
	dibao  []ResidentRef
	tekun  []ResidentRef
	adults []ResidentRef
	// What each resident receives as the planned letters leave it, in date order.
	current    map[holdingKey]data.Fen
	recipients map[data.Programme][]ResidentRef
	sizes      map[int64]int
}

func (d *docDemo) people() {
	for _, r := range d.g.Residents {
		if data.AgeOn(r.Birth, d.g.Now) < 18 {
			continue
		}
		d.adults = append(d.adults, r)
		for _, t := range r.Tags {
			switch t {
			case "低保":
				d.dibao = append(d.dibao, r)
			case "特困":
				d.tekun = append(d.tekun, r)
			}
		}
	}
	// A tiny office may have nobody tagged: anyone will do.
	if len(d.dibao) == 0 {
		d.dibao = d.adults
	}
	if len(d.tekun) == 0 {
		d.tekun = d.dibao
	}
}

// plan lays out n documents: every programme with every outcome it can have first, then a
// believable mix; it returns the dated specs, and how many drafts and today's notices to add.
func (d *docDemo) plan(n int) (specs []docSpec, drafts, notices int) {
	drafts = max(3, min(n*3/100, 30))
	notices = max(4, min(n/10, 20))
	correction := 1 // the correction of a voided decision
	rest := max(n-drafts-notices-correction, 0)
	days := 120
	if n > 1000 {
		days = 5 * 365
	}
	// Dates first, in order, so that each resident's letters follow one another: a 增发,
	// 减发 or 停发 starts from the amount an earlier letter granted that person.
	dates := make([]data.Date, rest)
	for i := range dates {
		dates[i] = d.today.AddDays(-1 - d.g.Rand.IntN(days))
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	var combos [][2]string
	for _, p := range data.DefaultProgrammes {
		for _, o := range data.Outcomes {
			if p.OneOff() && o != data.OutcomeGrant && o != data.OutcomeRefuse {
				continue // a one-off payment is granted or refused, never changed
			}
			combos = append(combos, [2]string{string(p), string(o)})
		}
	}
	for i := 0; len(specs) < rest; i++ {
		date := dates[len(specs)]
		switch {
		case i < len(combos):
			specs = append(specs, d.decisionSpec(date, data.Programme(combos[i][0]), data.Outcome(combos[i][1])))
		case d.g.Chance(0.12):
			specs = append(specs, d.rejectionSpec(date))
		case d.g.Chance(0.15):
			specs = append(specs, d.noticeSpec(date))
		default:
			p := Pick(d.g.Rand, []data.Programme{data.ProgrammeDibao, data.ProgrammeDibao, data.ProgrammeDibao, data.ProgrammeTekun, data.ProgrammeTemporary, data.ProgrammeTemporary})
			o := Pick(d.g.Rand, []data.Outcome{data.OutcomeGrant, data.OutcomeGrant, data.OutcomeRefuse, data.OutcomeIncrease, data.OutcomeDecrease, data.OutcomeStop})
			if p.OneOff() && o != data.OutcomeRefuse {
				o = data.OutcomeGrant
			}
			specs = append(specs, d.decisionSpec(date, p, o))
		}
	}
	for i := range specs {
		if specs[i].decision != nil {
			specs[i].delivery = d.deliverySpec(specs[i])
		}
	}
	return specs, drafts, notices
}

// fillFacts puts the household size (%[1]d) and the amount (%[2]d) into a facts text; a text
// may use either, both or neither, which fmt.Sprintf would report as extra arguments.
func fillFacts(text string, size, income int) string {
	return strings.NewReplacer("%[1]d", strconv.Itoa(size), "%[2]d", strconv.Itoa(income)).Replace(text)
}

// dibaoStandard is the demo city's 低保标准 per person and month, as the texts state it.
const dibaoStandard data.Fen = 76000

// holdingKey names what a resident receives under a programme.
type holdingKey struct {
	resident int64
	p        data.Programme
}

// decisionSpec makes one decision that agrees with itself and with the resident's earlier
// letters: the household size is the register's, the income lies on the side of the
// standard the outcome needs, the 低保 amount is the gap to the standard, and a change starts
// from the amount in force. A change for a programme nobody receives becomes a grant.
func (d *docDemo) decisionSpec(date data.Date, p data.Programme, o data.Outcome) docSpec {
	r := d.g.Rand
	changes := o == data.OutcomeIncrease || o == data.OutcomeDecrease || o == data.OutcomeStop
	var who ResidentRef
	var before data.Fen
	if changes {
		var holders []ResidentRef
		for _, c := range d.recipients[p] {
			if d.current[holdingKey{c.ID, p}] > 0 {
				holders = append(holders, c)
			}
		}
		if len(holders) == 0 {
			o, changes = data.OutcomeGrant, false
		} else {
			who = Pick(r, holders)
			before = d.current[holdingKey{who.ID, p}]
		}
	}
	if !changes {
		pool := d.adults
		switch {
		case p == data.ProgrammeDibao && o == data.OutcomeGrant:
			pool = d.dibao
		case p == data.ProgrammeTekun && o == data.OutcomeGrant:
			pool = d.tekun
		}
		who = Pick(r, pool)
		for try := 0; try < 20 && o == data.OutcomeGrant && !p.OneOff() && d.current[holdingKey{who.ID, p}] > 0; try++ {
			who = Pick(r, pool)
		}
	}
	size := d.members(who.ID)
	texts := decisionTexts[p][o]
	pick := r.IntN(len(texts))
	text := texts[pick]
	dec := &data.Decision{Programme: p, Outcome: o, Date: date, Reasons: text.reasons,
		Bases: data.SuggestedBases(p, o)}
	income := 0 // yuan per person and month, as the facts state it
	switch {
	case p == data.ProgrammeDibao && o == data.OutcomeGrant:
		income = 150 + r.IntN(550)
		dec.Income, dec.Standard = data.Fen(income*100), dibaoStandard
		dec.AmountAfter = (dibaoStandard - dec.Income) * data.Fen(size)
	case p == data.ProgrammeDibao && (o == data.OutcomeStop || (o == data.OutcomeRefuse && pick == 0)):
		income = 800 + r.IntN(900)
		dec.Income, dec.Standard = data.Fen(income*100), dibaoStandard
	case p == data.ProgrammeDibao:
		income = 300 + r.IntN(1500) // a change of the household's monthly income, as the texts say
	case p == data.ProgrammeTemporary:
		income = 2000 + r.IntN(6000) // the cost that caused the hardship
	}
	dec.Facts = fillFacts(text.facts, size, income)
	if o == data.OutcomeGrant || o == data.OutcomeRefuse {
		dec.Applied = date.AddDays(-20 - r.IntN(25))
		dec.Investigated = dec.Applied.AddDays(3 + r.IntN(10))
	} else {
		dec.Investigated = date.AddDays(-3 - r.IntN(12))
	}
	switch o {
	case data.OutcomeGrant:
		switch p {
		case data.ProgrammeTekun:
			dec.AmountAfter = data.Fen(98000 + 1000*r.IntN(40))
		case data.ProgrammeTemporary:
			dec.AmountAfter = data.Fen(100000 * (1 + r.IntN(5)))
		}
	case data.OutcomeIncrease:
		dec.AmountBefore, dec.AmountAfter = before, before+data.Fen(5000+1000*r.IntN(30))
	case data.OutcomeDecrease:
		dec.AmountBefore = before
		dec.AmountAfter = before - min(before/2, data.Fen(5000+1000*r.IntN(20)))
	case data.OutcomeStop:
		dec.AmountBefore = before
	}
	if o.ChangesMoney() && !(p.OneOff() && o == data.OutcomeGrant) {
		// From the first day of the month after the decision.
		y, m := date.Year, date.Month+1
		if m > 12 {
			y, m = y+1, 1
		}
		dec.Effective = data.MustDate(y, m, 1)
	}
	if !p.OneOff() && o != data.OutcomeRefuse {
		k := holdingKey{who.ID, p}
		if o == data.OutcomeGrant && d.current[k] == 0 {
			d.recipients[p] = append(d.recipients[p], who)
		}
		d.current[k] = dec.AmountAfter // 0 after a 停发
	}
	return docSpec{date: date, resident: who, decision: dec}
}

// members is the register's count of the resident's household, as the store prints it.
func (d *docDemo) members(id int64) int {
	if n, ok := d.sizes[id]; ok {
		return n
	}
	n := 1
	if f, err := d.g.DB.DecisionFacts(d.g.Ctx, id, data.ProgrammeDibao); err == nil && f.Members > 0 {
		n = f.Members
	}
	d.sizes[id] = n
	return n
}

func (d *docDemo) rejectionSpec(date data.Date) docSpec {
	rr := Pick(d.g.Rand, rejectionReasons)
	return docSpec{date: date, resident: Pick(d.g.Rand, d.adults), rejection: &data.RejectionNotice{
		Item: rr.item, Applied: date.AddDays(-1 - d.g.Rand.IntN(5)), Reason: rr.reason, Correction: rr.correction, Date: date,
		Bases: data.SuggestedRejectionBases(rr.item)}}
}

func (d *docDemo) noticeSpec(date data.Date) docSpec {
	item := Pick(d.g.Rand, data.DefaultServiceItems)
	brought := make([]bool, len(item.Materials))
	for j := range brought {
		brought[j] = d.g.Chance(0.6)
	}
	n := item.Notice(brought)
	n.Authority, n.Applicant, n.Date = Office.Name, Pick(d.g.Rand, d.adults).Name, date
	n.Contact = Office.Address + "，电话 " + Office.Phone
	n.Clerk = d.g.UserNamed("chuangkou").Name
	return docSpec{date: date, notice: &n}
}

// deliverySpec delivers most decisions within a week; the last month's are often still
// awaiting delivery.
func (d *docDemo) deliverySpec(s docSpec) *data.DeliveryReceipt {
	age := d.today.DaysSince(s.date)
	if (age < 30 && d.g.Chance(0.5)) || (age >= 30 && d.g.Chance(0.04)) {
		return nil
	}
	on := s.date.AddDays(d.g.Rand.IntN(6))
	if on.After(d.today) {
		on = d.today
	}
	server := Pick(d.g.Rand, []string{d.g.UserNamed("minzheng").Name, d.g.UserNamed("wangge").Name})
	r := &data.DeliveryReceipt{Method: data.DeliveryDirect, Date: on, Place: s.resident.Address, Server: server}
	switch p := d.g.Rand.Float64(); {
	case p < 0.10:
		r.Method, r.RefusalReason = data.DeliveryLeft, "受送达人对决定有异议，拒绝签收"
		for r.Witness == "" || r.Witness == server {
			r.Witness = Pick(d.g.Rand, witnesses)
		}
	case p < 0.18:
		r.Method, r.Place = data.DeliveryPost, "邮寄至"+s.resident.Address
	case p < 0.23:
		r.Method, r.Note = data.DeliveryEntrusted, "委托社区居委会代为送达"
	case p < 0.45:
		r.Place = Office.Address // collected at the window
	}
	return r
}

// make signs one spec through the store's actions, as an office would.
func (d *docDemo) make(s docSpec) (int64, error) {
	g := d.g
	clerk, reviewer := g.As("minzheng"), g.As("shenhe")
	var id int64
	var err error
	switch {
	case s.decision != nil:
		id, err = g.DB.CreateDecisionDraft(clerk, s.resident.ID, *s.decision)
	case s.rejection != nil:
		id, err = g.DB.CreateRejectionDraft(clerk, s.resident.ID, *s.rejection)
	default:
		// CreateOneTimeNotice dates a notice today; a past one is signed as BulkSignDocuments
		// does and printed at once below, which renders and keeps its PDF.
		ids, err := g.DB.BulkSignDocuments(reviewer, []data.BulkDocument{{OneTimeNotice: s.notice}})
		if err != nil {
			return 0, err
		}
		id = ids[0]
	}
	if err != nil {
		return 0, err
	}
	if s.notice == nil {
		if _, err := g.DB.SignDocument(reviewer, id); err != nil {
			return 0, err
		}
	}
	// Printed once when issued, as in the office.
	if _, err := g.DB.PrintDocument(clerk, id); err != nil {
		return 0, err
	}
	if s.delivery != nil {
		if err := g.DB.RecordDelivery(clerk, id, *s.delivery); err != nil {
			return 0, err
		}
	}
	return id, nil
}
