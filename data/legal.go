package data

// Names of the regulations in the default catalog of legal bases.
const (
	LawSocialAssistance = "社会救助暂行办法"     // 国务院令第649号，2019年国务院令第709号修订
	LawDibaoReview      = "最低生活保障审核确认办法" // 民发〔2021〕57号
	LawTekunRecognition = "特困人员认定办法"     // 民发〔2021〕43号
)

// CatalogLegalBases names the editable list of legal bases (法律依据目录).
const CatalogLegalBases CatalogKind = "legal_basis"

// DefaultLegalBases is the starting catalog of articles that social-assistance decisions
// cite. Subjects say what each article is about (they are not quotations) so the clerk can
// choose; the printed citation is Law and Article only. The administrator edits the list
// (a province's own implementing rules are usually added).
//
// Entries marked Unchecked are articles whose number the office's legal reviewer should
// confirm against the text in force before first use; the GUI shows them with a mark.
var DefaultLegalBases = []DefaultBasis{
	// 《社会救助暂行办法》
	{LegalBasis{LawSocialAssistance, "第九条", "最低生活保障的对象：人均收入低于当地低保标准且财产状况符合规定的家庭"}, false},
	{LegalBasis{LawSocialAssistance, "第十条", "最低生活保障标准由省级或设区的市级人民政府确定、公布并适时调整"}, false},
	{LegalBasis{LawSocialAssistance, "第十一条", "最低生活保障的申请、调查核实、公示和审批程序；不予批准的应书面说明理由"}, false},
	{LegalBasis{LawSocialAssistance, "第十二条", "按家庭人均收入与低保标准的差额按月发放最低生活保障金"}, false},
	{LegalBasis{LawSocialAssistance, "第十三条", "低保家庭情况变化的告知和定期核查；增发、减发或者停发最低生活保障金"}, false},
	{LegalBasis{LawSocialAssistance, "第十四条", "特困人员供养的对象：无劳动能力、无生活来源、无法定义务人或义务人无能力的老年人、残疾人、未成年人"}, false},
	{LegalBasis{LawSocialAssistance, "第十五条", "特困人员供养的内容"}, false},
	{LegalBasis{LawSocialAssistance, "第十六条", "特困人员供养的申请、审查和审批"}, false},
	{LegalBasis{LawSocialAssistance, "第十八条", "特困供养人员不再符合条件的，终止供养并予以公示"}, false},
	{LegalBasis{LawSocialAssistance, "第四十七条", "临时救助的对象：因意外事件、突发重大疾病或支出骤增导致基本生活暂时严重困难的家庭"}, false},
	{LegalBasis{LawSocialAssistance, "第四十八条", "临时救助的申请、审核、公示和审批；金额较小的可委托乡镇（街道）审批"}, false},
	{LegalBasis{LawSocialAssistance, "第四十九条", "临时救助的具体事项和标准由县级以上地方人民政府确定、公布"}, false},
	{LegalBasis{LawSocialAssistance, "第六十一条", "申请和获得救助的家庭应如实申报收入和财产，并授权核对"}, true},
	{LegalBasis{LawSocialAssistance, "第六十五条", "对社会救助具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼"}, true},
	{LegalBasis{LawSocialAssistance, "第六十八条", "以虚报、隐瞒、伪造等手段骗取救助的，停止救助、责令退回并可处罚款"}, true},

	// 《最低生活保障审核确认办法》
	{LegalBasis{LawDibaoReview, "第二条", "县级民政部门负责审核确认；乡镇人民政府（街道办事处）负责受理、调查、初审"}, false},
	{LegalBasis{LawDibaoReview, "第六条", "以家庭为单位，由一名共同生活的家庭成员向户籍所在地乡镇（街道）提出书面申请"}, false},
	{LegalBasis{LawDibaoReview, "第八条", "共同生活的家庭成员的范围"}, false},
	{LegalBasis{LawDibaoReview, "第十一条", "材料齐备的予以受理；材料不齐备的一次性告知补齐所有规定材料"}, false},
	{LegalBasis{LawDibaoReview, "第十四条", "家庭收入的范围"}, true},
	{LegalBasis{LawDibaoReview, "第十六条", "家庭财产的范围"}, true},
	{LegalBasis{LawDibaoReview, "第十九条", "受理后启动家庭经济状况调查：入户调查、邻里访问、信函索证、信息核对"}, true},
	{LegalBasis{LawDibaoReview, "第二十六条", "不符合条件的不予确认同意，书面告知申请人并说明理由"}, true},
	{LegalBasis{LawDibaoReview, "第三十五条", "低保家庭经济状况的定期核查"}, true},
	{LegalBasis{LawDibaoReview, "第三十七条", "家庭人口、收入或财产状况变化的，增发、减发或者停发最低生活保障金"}, true},

	// 《特困人员认定办法》
	{LegalBasis{LawTekunRecognition, "第三条", "县级民政部门负责审核确认；乡镇人民政府（街道办事处）负责受理、初审"}, false},
	{LegalBasis{LawTekunRecognition, "第四条", "同时具备无劳动能力、无生活来源、无履行义务能力的法定义务人的，纳入特困人员救助供养"}, false},
	{LegalBasis{LawTekunRecognition, "第五条", "无劳动能力的认定情形"}, false},
	{LegalBasis{LawTekunRecognition, "第六条", "无生活来源的认定：收入低于低保标准且财产符合规定"}, false},
	{LegalBasis{LawTekunRecognition, "第八条", "法定义务人无履行义务能力的认定情形"}, true},
	{LegalBasis{LawTekunRecognition, "第十一条", "由本人向户籍所在地乡镇（街道）提出书面申请，也可委托他人代为申请"}, true},
	{LegalBasis{LawTekunRecognition, "第十五条", "乡镇（街道）调查核实申请人的经济状况、生活状况和赡养扶养状况，提出初审意见"}, true},
	{LegalBasis{LawTekunRecognition, "第十九条", "不符合条件的不予确认，书面告知申请人并说明理由"}, true},
	{LegalBasis{LawTekunRecognition, "第二十三条", "终止救助供养的情形：死亡、恢复劳动能力、服刑、收入财产不再符合等"}, true},
}

// DefaultBasis is an entry of the default catalog.
type DefaultBasis struct {
	LegalBasis
	// Unchecked: confirm the article number against the published text before first use.
	Unchecked bool
}

// SuggestedBases returns the default articles usually cited for a decision on programme p
// with outcome o, as a starting choice the clerk can change.
func SuggestedBases(p Programme, o Outcome) []LegalBasis {
	type key struct {
		law, art string
	}
	var want []key
	switch p {
	case ProgrammeDibao:
		switch o {
		case OutcomeGrant:
			want = []key{{LawSocialAssistance, "第九条"}, {LawSocialAssistance, "第十一条"}, {LawSocialAssistance, "第十二条"}}
		case OutcomeRefuse:
			want = []key{{LawSocialAssistance, "第九条"}, {LawSocialAssistance, "第十一条"}}
		default:
			want = []key{{LawSocialAssistance, "第十三条"}}
		}
	case ProgrammeTekun:
		switch o {
		case OutcomeGrant, OutcomeRefuse:
			want = []key{{LawSocialAssistance, "第十四条"}, {LawSocialAssistance, "第十六条"}, {LawTekunRecognition, "第四条"}}
		case OutcomeStop:
			want = []key{{LawSocialAssistance, "第十八条"}}
		default:
			want = []key{{LawSocialAssistance, "第十五条"}}
		}
	case ProgrammeTemporary:
		want = []key{{LawSocialAssistance, "第四十七条"}, {LawSocialAssistance, "第四十八条"}}
	}
	var out []LegalBasis
	for _, k := range want {
		for _, b := range DefaultLegalBases {
			if b.Law == k.law && b.Article == k.art {
				out = append(out, b.LegalBasis)
			}
		}
	}
	return out
}
