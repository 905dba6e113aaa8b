package demo

import (
	"fmt"
	"sort"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// buildAid gives the demo office a believable aid roster (救助对象台账): the local standards of
// last year and this year (changed on 1 January), and last year's 低保 and 特困 grants with
// some later 增发, 减发 and 停发, and monthly 临时救助 — all signed decisions, so the roster
// and the letters agree. The letters are signed in bulk and delivered, their PDFs rendered at
// the first print as the large office's older letters are (rendering 80 letters would triple
// the small demo's time); this year's letters are the documents builder's (Size.Documents
// counts those). Most cases were reviewed (入户核查) when due, a few are due or overdue.
func buildAid(g *Generator) error {
	admin, reviewer := g.Ctx, g.As("shenhe")
	today := data.Today(g.Now)
	year := today.Year - 1
	std := map[int]data.Fen{year: 73000, year + 1: dibaoStandard}
	for _, s := range []data.AidStandard{
		{Kind: data.StandardDibao, From: data.NewMonth(year, time.January), Amount: std[year], Note: fmt.Sprintf("平政发〔%d〕52号", year-1)},
		{Kind: data.StandardTekun, From: data.NewMonth(year, time.January), Amount: 95000, Note: fmt.Sprintf("平政发〔%d〕52号", year-1)},
		{Kind: data.StandardDibao, From: data.NewMonth(year+1, time.January), Amount: std[year+1], Note: fmt.Sprintf("平政发〔%d〕47号", year)},
		{Kind: data.StandardTekun, From: data.NewMonth(year+1, time.January), Amount: 98800, Note: fmt.Sprintf("平政发〔%d〕47号", year)},
	} {
		if _, err := g.DB.SetAidStandard(admin, s); err != nil {
			return err
		}
	}

	// People without a case yet (the documents builder granted some this year).
	all, err := g.DB.AidRoster(g.Ctx, data.AidFilter{})
	if err != nil {
		return err
	}
	held := map[holdingKey]bool{}
	for _, c := range all.Rows {
		held[holdingKey{c.ResidentID, c.Programme}] = true
	}
	free := func(tag string, p data.Programme) []ResidentRef {
		var out []ResidentRef
		for _, r := range g.Residents {
			if data.AgeOn(r.Birth, g.Now) >= 18 && hasTag(r, tag) && !held[holdingKey{r.ID, p}] {
				out = append(out, r)
			}
		}
		return out
	}
	dibao, tekun := free("低保", data.ProgrammeDibao), free("特困", data.ProgrammeTekun)
	g.Rand.Shuffle(len(dibao), func(i, j int) { dibao[i], dibao[j] = dibao[j], dibao[i] })
	g.Rand.Shuffle(len(tekun), func(i, j int) { tekun[i], tekun[j] = tekun[j], tekun[i] })
	dibao = dibao[:min(len(dibao), max(15, min(len(g.Residents)/40, 400)))]
	tekun = tekun[:min(len(tekun), max(4, min(len(g.Residents)/300, 60)))]

	r := g.Rand
	day := func(from, to data.Date) data.Date { return from.AddDays(r.IntN(max(to.DaysSince(from), 1))) }
	first, last := data.MustDate(year, time.January, 6), data.MustDate(year, time.December, 20)
	sizes := map[int64]int{}
	size := func(id int64) int {
		if n, ok := sizes[id]; ok {
			return n
		}
		n := 1
		if f, err := g.DB.DecisionFacts(g.Ctx, id, data.ProgrammeDibao); err == nil && f.Members > 0 {
			n = f.Members
		}
		sizes[id] = n
		return n
	}
	next := func(d data.Date) data.Date { return (data.MonthOf(d) + 1).First() } // from the month after the decision
	var specs []docSpec
	letter := func(who ResidentRef, p data.Programme, o data.Outcome, date data.Date, persons, income int) *data.Decision {
		texts := decisionTexts[p][o]
		t := texts[r.IntN(len(texts))]
		d := &data.Decision{Programme: p, Outcome: o, Date: date, Reasons: t.reasons, Bases: data.SuggestedBases(p, o),
			Facts: fillFacts(t.facts, persons, income)}
		if o == data.OutcomeGrant {
			d.Applied = date.AddDays(-20 - r.IntN(20))
			d.Investigated = d.Applied.AddDays(3 + r.IntN(10))
		} else {
			d.Investigated = date.AddDays(-3 - r.IntN(10))
		}
		if !p.OneOff() {
			d.Effective = next(date)
		}
		specs = append(specs, docSpec{date: date, resident: who, decision: d})
		return d
	}
	for _, who := range dibao {
		n := size(who.ID)
		income := 150 + r.IntN(500)
		date := day(first, data.MustDate(year, time.September, 30))
		grant := letter(who, data.ProgrammeDibao, data.OutcomeGrant, date, n, income)
		grant.Income, grant.Standard = data.Fen(income*100), std[year]
		grant.AmountAfter = (grant.Standard - grant.Income) * data.Fen(n)
		amount := grant.AmountAfter
		switch x := r.Float64(); {
		case x < 0.15: // income rose: 减发
			later := day(date.AddDays(45), last)
			d := letter(who, data.ProgrammeDibao, data.OutcomeDecrease, later, n, 300+r.IntN(900))
			d.AmountBefore, d.AmountAfter = amount, amount-min(amount/2, data.Fen(5000+1000*r.IntN(20)))
		case x < 0.25: // a member fell ill: 增发
			later := day(date.AddDays(45), last)
			d := letter(who, data.ProgrammeDibao, data.OutcomeIncrease, later, n, 100+r.IntN(300))
			d.AmountBefore, d.AmountAfter = amount, amount+data.Fen(5000+1000*r.IntN(30))
		case x < 0.33: // found work: 停发
			later := day(date.AddDays(60), last)
			d := letter(who, data.ProgrammeDibao, data.OutcomeStop, later, n, 800+r.IntN(900))
			d.AmountBefore, d.Income, d.Standard = amount, data.Fen((800+r.IntN(900))*100), std[year]
		}
	}
	for _, who := range tekun {
		date := day(first, data.MustDate(year, time.October, 31))
		d := letter(who, data.ProgrammeTekun, data.OutcomeGrant, date, 1, 0)
		d.AmountAfter = data.Fen(95000 + 1000*r.IntN(30))
	}
	for m := data.NewMonth(year, time.January); m <= data.NewMonth(year, time.December); m++ {
		for i := 0; i < 1+r.IntN(3); i++ {
			who := Pick(r, g.Residents)
			if data.AgeOn(who.Birth, g.Now) < 18 {
				continue
			}
			date := day(m.First().AddDays(2), data.MonthEnd(m.First()).AddDays(-2))
			d := letter(who, data.ProgrammeTemporary, data.OutcomeGrant, date, size(who.ID), 2000+r.IntN(6000))
			d.AmountAfter = data.Fen(100000 * (1 + r.IntN(4)))
		}
	}
	sort.SliceStable(specs, func(i, j int) bool { return specs[i].date.Before(specs[j].date) })
	server := g.UserNamed("minzheng").Name
	var bulk []data.BulkDocument
	for _, s := range specs {
		bulk = append(bulk, data.BulkDocument{ResidentID: s.resident.ID, Decision: s.decision,
			Delivery: &data.DeliveryReceipt{Method: data.DeliveryDirect, Date: s.date.AddDays(1 + r.IntN(4)), Place: s.resident.Address, Server: server}})
	}
	if _, err := g.DB.BulkSignDocuments(reviewer, bulk); err != nil {
		return err
	}
	if err := reviewAid(g, today); err != nil {
		return err
	}
	return returnNotices(g, today)
}

// returnNotices records the applicants' returns after the 一次性告知单 of the documents
// builder: most come back once with everything (一次办成), some need a second trip, a few
// have not come back yet.
func returnNotices(g *Generator, today data.Date) error {
	rows, _, err := g.DB.ListDocuments(g.Ctx, data.DocumentFilter{Kind: data.DocOneTimeNotice, Status: data.DocSigned, Limit: 100000, Sort: "date"})
	if err != nil {
		return err
	}
	return g.DB.Write(g.As("chuangkou"), func(tx *sqlite.Tx) error {
		return returnEach(g, tx, rows, today)
	})
}

func returnEach(g *Generator, tx *sqlite.Tx, rows []data.DocumentRow, today data.Date) error {
	for _, n := range rows {
		age := today.DaysSince(n.Date)
		if age < 2 || g.Chance(0.1) {
			continue // not back yet
		}
		on := n.Date.AddDays(1 + g.Rand.IntN(min(age-1, 10)))
		if g.Chance(0.2) && today.DaysSince(on) > 2 {
			if _, err := tx.RecordNoticeReturn(n.ID, data.NoticeReturn{Date: on, Note: "仍缺家庭经济状况核对授权书"}); err != nil {
				return err
			}
			on = on.AddDays(1 + g.Rand.IntN(today.DaysSince(on)))
		}
		if _, err := tx.RecordNoticeReturn(n.ID, data.NoticeReturn{Date: on, Complete: true}); err != nil {
			return err
		}
	}
	return nil
}

func hasTag(r ResidentRef, tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// reviewNotes are what a 入户核查 that found no change records.
var reviewNotes = []string{
	"经入户核查，家庭人口、收入和财产状况无明显变化，继续享受原保障待遇。",
	"入户核查：家庭成员身体状况未变，仍无稳定收入来源；已核对银行流水和社保缴纳信息，无明显变化。",
	"经入户走访和邻里了解，家庭经济状况与上次核查相比无明显变化。",
}

// reviewAid records most cases' 入户核查 about when they fell due, some finding the family's
// income unstable (reviewed every half year from then on), so the 待核查 list holds a few
// due this month and a few overdue, as in a real office.
func reviewAid(g *Generator, today data.Date) error {
	l, err := g.DB.AidRoster(g.Ctx, data.AidFilter{Month: data.MonthOf(today), Status: data.AidRunning})
	if err != nil {
		return err
	}
	reviewer := g.UserNamed("minzheng").Name + "、" + g.UserNamed("wangge").Name
	// One transaction for all of them: each its own would wait for the disk a hundred times.
	return g.DB.Write(g.As("minzheng"), func(tx *sqlite.Tx) error {
		return reviewEach(g, tx, l.Rows, today, reviewer)
	})
}

func reviewEach(g *Generator, tx *sqlite.Tx, rows []data.AidRow, today data.Date, reviewer string) error {
	for _, r := range rows {
		due := r.Due
		for !due.IsZero() && g.Chance(0.9) {
			on := due.AddDays(-g.Rand.IntN(20))
			if !on.Before(today.AddDays(-15)) || !on.After(r.Start.First()) {
				break // due lately: left for the 待核查 list
			}
			cat := data.AidStable
			if r.Programme == data.ProgrammeDibao && g.Chance(0.3) {
				cat = data.AidUnstable
			}
			if _, _, err := tx.RecordAidReview(r.CaseID, data.AidReview{Date: on, Category: cat, Finding: data.FindingNoChange,
				Note: Pick(g.Rand, reviewNotes), Reviewer: reviewer}); err != nil {
				return err
			}
			due = data.ReviewDue(r.Case, on, cat, data.DefaultAidReviewRules)
		}
	}
	return nil
}
