package data

import "strings"

// Competence: a 街道办事处 receives applications and investigates (社会救助暂行办法第四条);
// the decision on 低保 and 特困 belongs to the 县级民政部门 (最低生活保障审核确认办法第二条第一款,
// 特困人员认定办法第三条第二款) unless it has been delegated to the office (低保办法第二条第二款,
// 特困办法第二十八条; for 临时救助 of small amounts, 社会救助暂行办法第四十八条). The office says,
// per programme, which is its case; the letter's 决定机关 and wording follow.

// CompetenceMode is who decides a programme's cases.
type CompetenceMode string

// Competence modes.
const (
	// CompetenceDelegated: the office decides in its own name under a delegation.
	CompetenceDelegated CompetenceMode = "delegated"
	// CompetenceBureau: the office investigates and prepares the letter; the 县级民政部门
	// decides and is the letter's authority.
	CompetenceBureau CompetenceMode = "bureau"
)

// String names the mode.
func (m CompetenceMode) String() string {
	switch m {
	case CompetenceDelegated:
		return "本机关受委托（下放）决定"
	case CompetenceBureau:
		return "报县级民政部门决定"
	}
	return string(m)
}

// Competence is the office's setting for one programme.
type Competence struct {
	Programme Programme
	Mode      CompetenceMode
	// Delegation is what the office decides under: a national article permitting delegation
	// (“《最低生活保障审核确认办法》第二条第二款”) or the local document with its 文号
	// (“《平城区人民政府关于下放最低生活保障审核确认权限的通知》（平政发〔2022〕5号）”).
	Delegation string
	// Bureau is the 县级民政部门 that decides (“平城区民政局”), for CompetenceBureau.
	Bureau string
}

// DefaultDelegation is the national provision permitting delegation of programme p, cited
// until the office types its local document.
func DefaultDelegation(p Programme) string {
	switch p {
	case ProgrammeDibao:
		return "《" + LawDibaoReview + "》第二条第二款"
	case ProgrammeTekun:
		return "《" + LawTekunRecognition + "》第二十八条"
	case ProgrammeTemporary:
		return "《" + LawSocialAssistance + "》第四十八条"
	}
	return ""
}

// DefaultCompetence is the setting of a programme the office has not configured: decided by
// the office under the national provision permitting delegation (what the program did before
// competence was configurable), so that existing offices keep working; the settings screen
// asks them to name their local document or switch to the 民政局.
func DefaultCompetence(p Programme) Competence {
	return Competence{Programme: p, Mode: CompetenceDelegated, Delegation: DefaultDelegation(p)}
}

// Validate checks a setting before it is saved.
func (c Competence) Validate() error {
	switch c.Mode {
	case CompetenceDelegated:
		if strings.TrimSpace(c.Delegation) == "" {
			return Invalid("delegation", "“%s”由本机关决定时须写明委托（下放）依据：国家规定的条款，或本地下放文件的名称和文号。", c.Programme)
		}
	case CompetenceBureau:
		b := strings.TrimSpace(c.Bureau)
		if b == "" {
			return Invalid("bureau", "“%s”报县级民政部门决定时须写明该民政部门的名称，如“平城区民政局”。", c.Programme)
		}
		// 人民政府 contains 民政 too: a government is not its civil-affairs bureau.
		if strings.HasSuffix(b, "人民政府") || !strings.Contains(strings.ReplaceAll(b, "人民政府", ""), "民政") {
			return Invalid("bureau", "“%s”不像县级民政部门的名称（应如“平城区民政局”），请核对。", b)
		}
	default:
		return Invalid("mode", "请选择“%s”的决定方式：本机关受委托决定，或报县级民政部门决定。", c.Programme)
	}
	return nil
}
