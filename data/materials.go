package data

// ServiceItem is an entry of the one-time-notice catalog (一次性告知事项目录): a service the
// office handles, the materials it needs and how long it takes.
type ServiceItem struct {
	Name      string
	Materials []Material // Brought is false in the catalog
	TimeLimit string     // as printed on the notice
	// GuideURL is the item's 办事指南 online; the notice prints it as a QR code. Optional.
	GuideURL string
}

// Notice returns a one-time notice for the item with brought[i] marking the materials the
// applicant has already brought (missing entries count as not brought).
func (s ServiceItem) Notice(brought []bool) OneTimeNotice {
	n := OneTimeNotice{Item: s.Name, TimeLimit: s.TimeLimit, GuideURL: s.GuideURL, Materials: make([]Material, len(s.Materials))}
	copy(n.Materials, s.Materials)
	for i := range n.Materials {
		n.Materials[i].Brought = i < len(brought) && brought[i]
	}
	return n
}

func material(name, note string) Material { return Material{Name: name, Note: note} }

// Notes used by many materials.
const (
	noteOrigCopy = "原件及复印件各1份"
	noteOrig     = "原件"
)

// DefaultServiceItems is the starting catalog of items and materials; the administrator edits
// it to the county's own list (时限 and 材料 vary by province).
var DefaultServiceItems = []ServiceItem{
	{
		Name: "低保申请",
		Materials: []Material{
			material("最低生活保障申请书", "申请人签名，1份"),
			material("申请人及共同生活家庭成员的居民身份证", noteOrigCopy),
			material("户口簿", noteOrigCopy),
			material("家庭经济状况核对授权书", "共同生活家庭成员逐一签名"),
			material("家庭收入情况说明", "工资流水、退休金、养老金等证明"),
			material("家庭财产申报表", "房产、车辆、存款、有价证券等"),
			material("婚姻状况证明", "结婚证或离婚证、离婚协议（判决书）"),
			material("残疾人证或重病诊断证明", "家庭成员有残疾或重病的提供"),
			material("近期一寸免冠照片", "申请人2张"),
		},
		// 《最低生活保障审核确认办法》第二十二条: 自受理之日起30个工作日之内完成；特殊情况下，
		// 可以延长至45个工作日 (SourceDibaoReview).
		TimeLimit: "受理之日起30个工作日内办结（情况复杂的可延长至45个工作日）",
	},
	{
		Name: "临时救助申请",
		Materials: []Material{
			material("临时救助申请书", "写明困难情况和申请理由，申请人签名"),
			material("申请人居民身份证", noteOrigCopy),
			material("户口簿或居住证", noteOrigCopy),
			material("家庭经济状况核对授权书", "共同生活家庭成员逐一签名"),
			material("致困原因证明", "医疗费用票据、诊断证明、火灾或事故证明等"),
			material("其他救助和保险赔付情况说明", "已获医保报销、商业保险赔付的提供结算单"),
			material("申请人银行账户", "一卡通或本人银行卡复印件"),
		},
		TimeLimit: "受理之日起10个工作日内办结；情况紧急的先行救助",
	},
	{
		Name: "特困供养申请",
		Materials: []Material{
			material("特困人员救助供养申请书", "本人或代理人签名"),
			material("申请人居民身份证", noteOrigCopy),
			material("户口簿", noteOrigCopy),
			material("家庭经济状况核对授权书", "申请人签名"),
			material("无劳动能力证明", "残疾人证、年龄证明或疾病诊断证明"),
			material("法定赡养、抚养、扶养义务人情况说明", "义务人身份证明及其无履行能力的证明"),
			material("生活自理能力评估表", "需集中供养或照料的提供"),
			material("近期一寸免冠照片", "申请人2张"),
		},
		TimeLimit: TekunTimeLimit,
	},
	{
		Name: "残疾人证办理",
		Materials: []Material{
			material("残疾人证申请表", "申请人或监护人签名"),
			material("申请人居民身份证或户口簿", noteOrigCopy),
			material("近期二寸白底免冠彩色照片", "3张"),
			material("相关病历、诊断材料", "既往就诊病历、检查报告"),
			material("监护人身份证", "申请人为未成年人或无民事行为能力人的提供，原件及复印件"),
		},
		TimeLimit: "残疾评定后15个工作日内核发",
	},
	{
		Name: "高龄津贴申领",
		Materials: []Material{
			material("高龄津贴申请表", "本人或代理人签名"),
			material("申请人居民身份证", noteOrigCopy),
			material("户口簿", noteOrigCopy),
			material("申请人本人银行卡或社保卡", "复印件"),
			material("代理人身份证及委托书", "由他人代办的提供"),
		},
		TimeLimit: "受理之日起10个工作日内审核，次月起发放",
	},
	{
		Name: "医保手工报销",
		Materials: []Material{
			material("医保报销申请表", "参保人或代办人签名"),
			material("参保人社会保障卡或居民身份证", noteOrigCopy),
			material("医疗费用收据（发票）", noteOrig),
			material("费用明细清单", noteOrig),
			material("出院小结或门诊病历", "住院的提供出院小结，复印件加盖医院公章"),
			material("异地就医备案或转诊证明", "异地就医的提供"),
			material("银行卡", "参保人本人账户，复印件"),
			material("代办人身份证", "他人代办的提供，原件及复印件"),
		},
		TimeLimit: "材料齐全之日起20个工作日内结算支付",
	},
	{
		Name: "养老保险资格认证",
		Materials: []Material{
			material("领取待遇人员居民身份证或社会保障卡", noteOrig),
			material("本人近期照片", "现场采集"),
			material("行动不便人员的上门认证申请", "由家属代为提出，附医院诊断证明"),
			material("居住在外地人员的居住地证明", "异地居住的提供"),
		},
		TimeLimit: "当场办结",
	},
}

// TekunTimeLimit is the time limit of a 特困 application as 特困人员认定办法 sets it:
// 第十三条 (15 working days to investigate), 第十五条 (7 days of publication), 第十六条 (15
// working days for the county's confirmation). The office's part and the county's are told
// apart because the 办法 sets no single total.
const TekunTimeLimit = "街道自受理之日起15个工作日内调查核实并提出初审意见，公示7天；" +
	"县级民政部门收到后15个工作日内提出确认意见（《特困人员认定办法》第十三条、第十五条、第十六条）"

// LegacyTekunTimeLimit is the time limit shipped before it was checked against the 办法.
const LegacyTekunTimeLimit = "受理之日起20个工作日内办结"
