package data

import (
	"fmt"
	"regexp"
	"strconv"
)

// DecisionFacts is what the register knows about a decision's person, for checking that the
// letter agrees with it.
type DecisionFacts struct {
	Members int // active members of the person's household in the register; 0 when unknown
	// Current is the monthly amount the person's latest signed decision of the programme
	// left in force (0 after a 停发); HasCurrent is false when there is none.
	Current    Fen
	HasCurrent bool
	CurrentRef string // that decision's 文号, for the message
}

var factsMembers = regexp.MustCompile(`(?:共同生活(?:的)?(?:家庭)?成员|家庭人口)(?:共)?(\d+)人`)

// DecisionWarnings returns what in d disagrees with itself or with the register, as Chinese
// sentences the form shows while the clerk types. They are warnings, not refusals: the clerk
// may know better (a member just moved in), but should look again.
func DecisionWarnings(d Decision, f DecisionFacts) []string {
	var out []string
	warn := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	individual := d.Programme.Individual()

	// Household size: the letter, the facts text and the register.
	if !individual && d.HouseholdSize > 0 {
		if f.Members > 0 && d.HouseholdSize != f.Members {
			warn("家庭人口（%d人）与户籍登记的共同生活成员数（%d人）不一致，请核对居民档案中的家庭成员。", d.HouseholdSize, f.Members)
		}
		if m := factsMembers.FindStringSubmatch(d.Facts); m != nil {
			if n, _ := strconv.Atoi(m[1]); n != d.HouseholdSize {
				warn("查明的事实写明共同生活成员%d人，与家庭人口（%d人）不一致。", n, d.HouseholdSize)
			}
		}
	}

	// Income against the standard, for the outcome (社会救助暂行办法第九条, 特困人员认定办法第六条).
	if d.Income > 0 && d.Standard > 0 && (d.Programme == ProgrammeDibao || individual) {
		above := d.Income >= d.Standard
		what := "月人均收入"
		if individual {
			what = "月收入"
		}
		switch d.Outcome {
		case OutcomeGrant, OutcomeIncrease, OutcomeDecrease:
			if above {
				warn("%s（%s元）不低于当地低保标准（%s元），与“%s”不符，请核对收入或决定。", what, d.Income.Plain(), d.Standard.Plain(), d.Outcome)
			}
		case OutcomeRefuse, OutcomeStop:
			if !above {
				warn("%s（%s元）低于当地低保标准（%s元）：%s须在理由中写明其他原因（如家庭财产状况）。", what, d.Income.Plain(), d.Standard.Plain(), d.Outcome)
			}
		}
		// 低保金 is the gap between income and standard (社会救助暂行办法第十二条).
		if d.Programme == ProgrammeDibao && !above && d.HouseholdSize > 0 &&
			(d.Outcome == OutcomeGrant || d.Outcome == OutcomeIncrease || d.Outcome == OutcomeDecrease) {
			gap := (d.Standard - d.Income) * Fen(d.HouseholdSize)
			if d.AmountAfter > gap {
				warn("每月%s元高于按差额计算的金额（（%s−%s）×%d人＝%s元）。", d.AmountAfter.Plain(), d.Standard.Plain(), d.Income.Plain(), d.HouseholdSize, gap.Plain())
			}
		}
	}

	// A change starts from the amount actually in force.
	if !d.Programme.OneOff() {
		switch d.Outcome {
		case OutcomeIncrease, OutcomeDecrease, OutcomeStop:
			switch {
			case !f.HasCurrent:
				warn("该居民没有已签发的%s给予决定，无从%s：请核对救助项目，或先作出给予决定。", d.Programme.FullName(), d.Outcome)
			case f.Current == 0:
				warn("该居民的%s已由%s停发，无从%s。", d.Programme.FullName(), f.CurrentRef, d.Outcome)
			case d.AmountBefore != 0 && d.AmountBefore != f.Current:
				warn("原金额（每月%s元）与%s决定的金额（每月%s元）不一致。", d.AmountBefore.Plain(), f.CurrentRef, f.Current.Plain())
			}
		case OutcomeGrant:
			if f.HasCurrent && f.Current > 0 {
				warn("该居民已按%s享受%s（每月%s元）：调整金额请选“增发”或“减发”。", f.CurrentRef, d.Programme.FullName(), f.Current.Plain())
			}
		}
	}
	return out
}
