package data

import "strings"

// Names of the regulations in the default catalog of legal bases.
const (
	LawSocialAssistance = "社会救助暂行办法"     // 国务院令第649号，2019年国务院令第709号修订
	LawDibaoReview      = "最低生活保障审核确认办法" // 民发〔2021〕57号
	LawTekunRecognition = "特困人员认定办法"     // 民发〔2021〕43号
	LawReconsideration  = "中华人民共和国行政复议法" // 2023年9月1日修订，2024年1月1日起施行
	LawLitigation       = "中华人民共和国行政诉讼法" // 2017年6月27日第二次修正
)

// Where each text of the default catalog was read. Every article below was checked against
// these copies of the published text; an entry whose text could not be read is not shipped
// (国发〔2014〕47号 among them: 临时救助 decisions cite 社会救助暂行办法第四十七至四十九条).
const (
	SourceSocialAssistance = "《社会救助暂行办法》（2014年国务院令第649号公布，2019年3月2日国务院令第709号修订）；" +
		"核对文本：github.com/LawRefBook/Laws 行政法规/社会救助暂行办法(2019-03-02).md"
	SourceDibaoReview = "《最低生活保障审核确认办法》（民政部 民发〔2021〕57号，2021年7月1日起施行）；" +
		"核对文本：github.com/passwordgloo/Comet-law docs/department/1.1.1.md"
	SourceTekunRecognition = "《特困人员认定办法》（民政部 民发〔2021〕43号，2021年7月1日起施行）；" +
		"核对文本：github.com/passwordgloo/Comet-law docs/department/1.2.md"
	SourceReconsideration = "《中华人民共和国行政复议法》（2023年9月1日第十四届全国人大常委会第五次会议修订，2024年1月1日起施行）；" +
		"核对文本：github.com/LawRefBook/Laws 诉讼与非诉讼程序法/行政复议法(2023-09-01).md"
	SourceLitigation = "《中华人民共和国行政诉讼法》（2017年6月27日第二次修正）；" +
		"核对文本：github.com/LawRefBook/Laws 诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md"
)

// CatalogLegalBases names the editable list of legal bases (法律依据目录).
const CatalogLegalBases CatalogKind = "legal_basis"

// DefaultLegalBases is the starting catalog of articles that social-assistance decisions
// cite. Subjects paraphrase each article (they are not quotations) so the clerk can choose;
// the printed citation is Law and Article only. Source says which published text the entry
// was checked against. The administrator edits the list (a province's own implementing rules
// are usually added, each with its source).
var DefaultLegalBases = []DefaultBasis{
	// 《社会救助暂行办法》
	sa("第四条", "乡镇人民政府、街道办事处负责社会救助的申请受理、调查审核；村（居）民委员会协助"),
	sa("第九条", "最低生活保障的对象：共同生活的家庭成员人均收入低于当地低保标准，且符合当地低保家庭财产状况规定的家庭"),
	sa("第十条", "最低生活保障标准由省级或设区的市级人民政府确定、公布并适时调整；收入、财产认定办法由其制定"),
	sa("第十一条", "最低生活保障的申请、调查核实、公示和审批程序；不符合条件的不予批准，书面说明理由"),
	sa("第十二条", "按共同生活的家庭成员人均收入低于当地低保标准的差额，按月发给最低生活保障金"),
	sa("第十三条", "低保家庭人口、收入、财产变化的告知和定期核查；县级民政部门决定增发、减发或停发，停发的书面说明理由"),
	sa("第十四条", "特困人员供养的对象：无劳动能力、无生活来源且无法定义务人或义务人无能力的老年人、残疾人和未满16周岁的未成年人"),
	sa("第十五条", "特困人员供养的内容；供养标准由省级或设区的市级人民政府确定、公布"),
	sa("第十六条", "特困人员供养由本人向户籍所在地乡镇（街道）书面申请，审批程序适用第十一条"),
	sa("第十八条", "特困供养人员不再符合条件的，经乡镇（街道）审核、县级民政部门核准，终止供养并予以公示"),
	sa("第四十七条", "临时救助的对象：因意外事件、突发重大疾病等致基本生活暂时严重困难的家庭，支出骤增的低保家庭，以及遭遇其他特殊困难的家庭"),
	sa("第四十八条", "临时救助向乡镇（街道）申请，经审核、公示后由县级民政部门审批；救助金额较小的可委托乡镇（街道）审批"),
	sa("第四十九条", "临时救助的具体事项、标准由县级以上地方人民政府确定、公布"),
	sa("第五十八条", "申请或已获得社会救助的家庭应如实申报家庭收入状况、财产状况；民政部门可代为查询、核对"),
	sa("第六十五条", "对社会救助管理部门作出的具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼"),
	sa("第六十八条", "以虚报、隐瞒、伪造等手段骗取救助的，决定停止救助、责令退回，可处1倍以上3倍以下罚款"),

	// 《最低生活保障审核确认办法》
	db("第二条", "县级民政部门负责审核确认，乡镇人民政府（街道办事处）负责受理、初审；有条件的地方可下放审核确认权限"),
	db("第二条第二款", "有条件的地方可按程序将低保审核确认权限下放至乡镇人民政府（街道办事处）"),
	db("第四条", "以家庭为单位，由一名共同生活的家庭成员作为申请人，向户籍所在地乡镇（街道）提出书面申请"),
	db("第七条", "共同生活的家庭成员的范围，以及不计入的人员"),
	db("第十条", "材料齐备的予以受理；材料不齐备的一次性告知补齐所有规定材料"),
	db("第十三条", "家庭收入的范围，以及不计入家庭收入的项目"),
	db("第十四条", "家庭财产的范围；维持生产生活的必需财产可以豁免"),
	db("第十五条", "受理之日起3个工作日内启动家庭经济状况调查：入户调查、邻里访问、信函索证或信息核对"),
	db("第十九条", "乡镇（街道）提出初审意见并在村、社区公示7天"),
	db("第二十一条", "符合条件的确认同意、确定救助金额并自决定之日下月起发放；不符合的不予确认同意，3个工作日内书面告知并说明理由"),
	db("第二十二条", "审核确认自受理之日起30个工作日内完成，特殊情况可延长至45个工作日"),
	db("第二十三条", "低保金按申请家庭人均收入与当地低保标准的实际差额计算，也可分档计算"),
	db("第三十一条", "乡镇（街道）定期核查低保家庭经济状况，并及时报办增发、减发、停发手续"),
	db("第三十二条", "增发、减发、停发低保金应符合法定事由和规定程序；减发、停发的告知家庭成员并说明理由"),

	// 《特困人员认定办法》
	tk("第三条", "县级民政部门负责特困人员认定的审核确认，乡镇人民政府（街道办事处）负责受理、初审"),
	tk("第四条", "同时具备无劳动能力、无生活来源、无法定义务人或其无履行义务能力的老年人、残疾人和未成年人，纳入特困人员救助供养"),
	tk("第五条", "无劳动能力的认定情形"),
	tk("第六条", "无生活来源的认定：收入低于当地低保标准且财产符合当地特困人员财产状况规定"),
	tk("第八条", "法定义务人无履行义务能力的认定情形"),
	tk("第十条", "由本人向户籍所在地乡镇（街道）提出书面申请；本人申请有困难的可委托村（居）民委员会或他人代为申请"),
	tk("第十二条", "材料齐备的予以受理；材料不齐备的一次性告知补齐所有规定材料"),
	tk("第十三条", "乡镇（街道）自受理之日起15个工作日内调查核实经济状况、生活状况和赡养抚养扶养状况，提出初审意见"),
	tk("第十五条", "初审意见在申请人所在村（社区）公示7天"),
	tk("第十六条", "县级民政部门全面审核、抽查，15个工作日内提出确认意见"),
	tk("第十七条", "符合条件的予以确认，自确认之日下月起给予救助供养待遇"),
	tk("第十八条", "不符合条件、不予同意的，3个工作日内通过乡镇（街道）书面告知并说明理由"),
	tk("第二十条", "评估特困人员生活自理能力，据以确定照料护理标准档次"),
	tk("第二十三条", "生活自理能力变化的，10个工作日内复核评估并调整认定类别"),
	tk("第二十四条", "终止救助供养的情形：死亡或被宣告死亡、失踪，具备或恢复劳动能力，在监狱服刑，收入财产不再符合等"),
	tk("第二十六条", "拟终止的公示7天，无异议的作出终止决定并自下月起终止，书面告知终止理由"),
	tk("第二十八条", "有条件的地方可将审核确认权限下放至乡镇人民政府（街道办事处）"),
}

func sa(art, subject string) DefaultBasis {
	return DefaultBasis{LegalBasis{LawSocialAssistance, art, subject}, SourceSocialAssistance}
}

func db(art, subject string) DefaultBasis {
	return DefaultBasis{LegalBasis{LawDibaoReview, art, subject}, SourceDibaoReview}
}

func tk(art, subject string) DefaultBasis {
	return DefaultBasis{LegalBasis{LawTekunRecognition, art, subject}, SourceTekunRecognition}
}

// DefaultBasis is an entry of the default catalog with the text it was checked against.
type DefaultBasis struct {
	LegalBasis
	// Source names the document (name, 文号) and where its text was read.
	Source string
}

// DefaultBasisOf returns the default entry citing law and article.
func DefaultBasisOf(law, article string) (DefaultBasis, bool) {
	for _, b := range DefaultLegalBases {
		if b.Law == law && b.Article == article {
			return b, true
		}
	}
	return DefaultBasis{}, false
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
			want = []key{{LawSocialAssistance, "第九条"}, {LawSocialAssistance, "第十二条"}, {LawDibaoReview, "第二十一条"}}
		case OutcomeRefuse:
			want = []key{{LawSocialAssistance, "第九条"}, {LawSocialAssistance, "第十一条"}, {LawDibaoReview, "第二十一条"}}
		default: // 增发, 减发, 停发
			want = []key{{LawSocialAssistance, "第十三条"}, {LawDibaoReview, "第三十一条"}, {LawDibaoReview, "第三十二条"}}
		}
	case ProgrammeTekun:
		switch o {
		case OutcomeGrant:
			want = []key{{LawSocialAssistance, "第十四条"}, {LawTekunRecognition, "第四条"}, {LawTekunRecognition, "第十七条"}}
		case OutcomeRefuse:
			want = []key{{LawSocialAssistance, "第十四条"}, {LawTekunRecognition, "第四条"}, {LawTekunRecognition, "第十八条"}}
		case OutcomeStop:
			want = []key{{LawSocialAssistance, "第十八条"}, {LawTekunRecognition, "第二十四条"}, {LawTekunRecognition, "第二十六条"}}
		default: // 增发, 减发: the 供养标准 or the care grade changed
			want = []key{{LawSocialAssistance, "第十五条"}, {LawTekunRecognition, "第二十条"}, {LawTekunRecognition, "第二十三条"}}
		}
	case ProgrammeTemporary:
		want = []key{{LawSocialAssistance, "第四十七条"}, {LawSocialAssistance, "第四十八条"}, {LawSocialAssistance, "第四十九条"}}
	}
	var out []LegalBasis
	for _, k := range want {
		if b, ok := DefaultBasisOf(k.law, k.art); ok {
			out = append(out, b.LegalBasis)
		}
	}
	return out
}

// SuggestedRejectionBases returns the default articles a 不予受理通知书 on item usually
// cites: where the application must be made and the office's duty to check the materials.
func SuggestedRejectionBases(item string) []LegalBasis {
	var keys [][2]string
	switch {
	case strings.Contains(item, "特困"):
		keys = [][2]string{{LawTekunRecognition, "第十条"}, {LawTekunRecognition, "第十二条"}}
	case strings.Contains(item, "临时救助"):
		keys = [][2]string{{LawSocialAssistance, "第四十八条"}}
	default:
		keys = [][2]string{{LawDibaoReview, "第四条"}, {LawDibaoReview, "第十条"}}
	}
	var out []LegalBasis
	for _, k := range keys {
		if b, ok := DefaultBasisOf(k[0], k[1]); ok {
			out = append(out, b.LegalBasis)
		}
	}
	return out
}

// LegacyLegalBases is the catalog shipped before every article was checked against the
// published text. The migration that corrects a stored catalog compares each row
// with it: a row still equal to its old default is corrected, one the office edited is left.
var LegacyLegalBases = []LegalBasis{
	{LawSocialAssistance, "第九条", "最低生活保障的对象：人均收入低于当地低保标准且财产状况符合规定的家庭"},
	{LawSocialAssistance, "第十条", "最低生活保障标准由省级或设区的市级人民政府确定、公布并适时调整"},
	{LawSocialAssistance, "第十一条", "最低生活保障的申请、调查核实、公示和审批程序；不予批准的应书面说明理由"},
	{LawSocialAssistance, "第十二条", "按家庭人均收入与低保标准的差额按月发放最低生活保障金"},
	{LawSocialAssistance, "第十三条", "低保家庭情况变化的告知和定期核查；增发、减发或者停发最低生活保障金"},
	{LawSocialAssistance, "第十四条", "特困人员供养的对象：无劳动能力、无生活来源、无法定义务人或义务人无能力的老年人、残疾人、未成年人"},
	{LawSocialAssistance, "第十五条", "特困人员供养的内容"},
	{LawSocialAssistance, "第十六条", "特困人员供养的申请、审查和审批"},
	{LawSocialAssistance, "第十八条", "特困供养人员不再符合条件的，终止供养并予以公示"},
	{LawSocialAssistance, "第四十七条", "临时救助的对象：因意外事件、突发重大疾病或支出骤增导致基本生活暂时严重困难的家庭"},
	{LawSocialAssistance, "第四十八条", "临时救助的申请、审核、公示和审批；金额较小的可委托乡镇（街道）审批"},
	{LawSocialAssistance, "第四十九条", "临时救助的具体事项和标准由县级以上地方人民政府确定、公布"},
	{LawSocialAssistance, "第六十一条", "申请和获得救助的家庭应如实申报收入和财产，并授权核对"},
	{LawSocialAssistance, "第六十五条", "对社会救助具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼"},
	{LawSocialAssistance, "第六十八条", "以虚报、隐瞒、伪造等手段骗取救助的，停止救助、责令退回并可处罚款"},
	{LawDibaoReview, "第二条", "县级民政部门负责审核确认；乡镇人民政府（街道办事处）负责受理、调查、初审"},
	{LawDibaoReview, "第六条", "以家庭为单位，由一名共同生活的家庭成员向户籍所在地乡镇（街道）提出书面申请"},
	{LawDibaoReview, "第八条", "共同生活的家庭成员的范围"},
	{LawDibaoReview, "第十一条", "材料齐备的予以受理；材料不齐备的一次性告知补齐所有规定材料"},
	{LawDibaoReview, "第十四条", "家庭收入的范围"},
	{LawDibaoReview, "第十六条", "家庭财产的范围"},
	{LawDibaoReview, "第十九条", "受理后启动家庭经济状况调查：入户调查、邻里访问、信函索证、信息核对"},
	{LawDibaoReview, "第二十六条", "不符合条件的不予确认同意，书面告知申请人并说明理由"},
	{LawDibaoReview, "第三十五条", "低保家庭经济状况的定期核查"},
	{LawDibaoReview, "第三十七条", "家庭人口、收入或财产状况变化的，增发、减发或者停发最低生活保障金"},
	{LawTekunRecognition, "第三条", "县级民政部门负责审核确认；乡镇人民政府（街道办事处）负责受理、初审"},
	{LawTekunRecognition, "第四条", "同时具备无劳动能力、无生活来源、无履行义务能力的法定义务人的，纳入特困人员救助供养"},
	{LawTekunRecognition, "第五条", "无劳动能力的认定情形"},
	{LawTekunRecognition, "第六条", "无生活来源的认定：收入低于低保标准且财产符合规定"},
	{LawTekunRecognition, "第八条", "法定义务人无履行义务能力的认定情形"},
	{LawTekunRecognition, "第十一条", "由本人向户籍所在地乡镇（街道）提出书面申请，也可委托他人代为申请"},
	{LawTekunRecognition, "第十五条", "乡镇（街道）调查核实申请人的经济状况、生活状况和赡养扶养状况，提出初审意见"},
	{LawTekunRecognition, "第十九条", "不符合条件的不予确认，书面告知申请人并说明理由"},
	{LawTekunRecognition, "第二十三条", "终止救助供养的情形：死亡、恢复劳动能力、服刑、收入财产不再符合等"},
}

// LegacyCorrections says, for each old default whose number pointed at another provision,
// what that article really is and where the subject is. A stored row still equal to its old
// default is voided with this reason when the citation is not in the new catalog, or given
// the new subject when it is. Old defaults not listed kept their number.
var LegacyCorrections = map[string]string{
	"《最低生活保障审核确认办法》第十四条":  "第十四条是家庭财产；家庭收入是第十三条",
	"《最低生活保障审核确认办法》第十六条":  "第十六条是调查方式；家庭财产是第十四条",
	"《特困人员认定办法》第二十三条":     "第二十三条是生活自理能力复核；终止救助供养的情形是第二十四条",
	"《社会救助暂行办法》第六十一条":     "第六十一条是工作人员保密义务；如实申报家庭收入、财产是第五十八条",
	"《最低生活保障审核确认办法》第六条":   "第六条是委托申请；以家庭为单位申请是第四条",
	"《最低生活保障审核确认办法》第八条":   "第八条是可单独提出申请的人员；共同生活的家庭成员范围是第七条",
	"《最低生活保障审核确认办法》第十一条":  "第十一条是近亲属单独登记备案；一次性告知是第十条",
	"《最低生活保障审核确认办法》第十九条":  "第十九条是初审和公示；启动家庭经济状况调查是第十五条",
	"《最低生活保障审核确认办法》第二十六条": "第二十六条是代管存折协议；不予确认同意是第二十一条",
	"《最低生活保障审核确认办法》第三十五条": "第三十五条是监督检查；定期核查是第三十一条",
	"《最低生活保障审核确认办法》第三十七条": "第三十七条是实名举报；增发、减发、停发是第三十一条、第三十二条",
	"《特困人员认定办法》第十一条":      "第十一条是主动发现、帮助申请；本人书面申请是第十条",
	"《特困人员认定办法》第十五条":      "第十五条是公示；调查核实和初审是第十三条",
	"《特困人员认定办法》第十九条":      "第十九条是城乡待遇；不予同意、书面告知是第十八条",
}
