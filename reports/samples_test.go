package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"taizhang/data"
)

func sampleDecision() data.Decision {
	return data.Decision{
		Authority:     "平城区鹿苑街道办事处",
		DocNumber:     data.FormatDocNumber("平民救决", 2026, 15),
		Programme:     data.ProgrammeDibao,
		Outcome:       data.OutcomeRefuse,
		Applicant:     "王秀兰",
		IDNumber:      "14020219580312002X",
		Address:       "平城区鹿苑街道向阳社区幸福里小区3号楼2单元501室",
		HouseholdSize: 3,
		Applied:       data.MustDate(2026, 5, 6),
		Investigated:  data.MustDate(2026, 5, 20),
		Facts: "你家庭共同生活成员3人，即你本人、配偶李建国和女儿李梅。经入户调查和家庭经济状况信息核对，" +
			"你家庭2026年2月至4月月均收入为5460.00元；配偶名下登记有小型汽车1辆（2021年购置）。",
		Income:   182000,
		Standard: 78000,
		Reasons: "你家庭月人均收入高于本市城市最低生活保障标准，且家庭财产状况不符合本市关于最低生活保障家庭财产状况的规定，" +
			"不符合最低生活保障条件。",
		Bases:      data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse),
		Government: "平城区人民政府",
		Court:      "平城区人民法院",
		Remedy:     sampleRemedy("本决定书"),
		Date:       data.MustDate(2026, 6, 2),
	}
}

// sampleRemedy is the default remedy clause as signing fills it.
func sampleRemedy(doc string) string {
	s, err := data.RenderRemedy(data.DefaultRemedy(data.RemedyScope(data.OutcomeRefuse)), "平城区人民政府", "平城区人民法院", doc)
	if err != nil {
		panic(err)
	}
	return s
}

func sampleReceipt() data.DeliveryReceipt {
	d := sampleDecision()
	return data.DeliveryReceipt{
		Authority:     d.Authority,
		DocName:       d.Title(),
		DocNumber:     d.DocNumber,
		Recipient:     d.Applicant,
		Place:         d.Address,
		Method:        data.DeliveryLeft,
		Date:          data.MustDate(2026, 6, 4),
		Server:        "赵敏",
		Witness:       "孙立新（向阳社区居委会）",
		RefusalReason: "受送达人对决定有异议，拒绝签收。",
	}
}

func sampleNotice() data.OneTimeNotice {
	item := data.DefaultServiceItems[1] // 临时救助申请
	n := item.Notice([]bool{true, true, false, false, true})
	n.Authority = "平城区鹿苑街道办事处"
	n.Applicant = "陈志强"
	n.Contact = "鹿苑街道便民服务中心社会救助窗口，平城区鹿苑路18号，电话0352-5021234"
	n.Clerk = "赵敏"
	n.Date = data.MustDate(2026, 7, 1)
	return n
}

func sampleRejection() data.RejectionNotice {
	return data.RejectionNotice{
		Authority:  "平城区鹿苑街道办事处",
		DocNumber:  data.FormatDocNumber("平民救不受", 2026, 3),
		Applicant:  "刘海波",
		Item:       "最低生活保障",
		Applied:    data.MustDate(2026, 6, 10),
		Reason:     "你的户籍所在地为平城区新华街道，不属于本街道办事处受理范围",
		Correction: "携带申请材料向户籍所在地平城区新华街道办事处提出申请。",
		Bases:      data.SuggestedRejectionBases("最低生活保障"),
		Government: "平城区人民政府",
		Court:      "平城区人民法院",
		Remedy:     sampleRemedy("本通知书"),
		Date:       data.MustDate(2026, 6, 12),
	}
}

// TestWriteSamples writes one PDF of each kind into $DOCSHOTS, for looking at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("DOCSHOTS")
	if dir == "" {
		t.Skip("set DOCSHOTS to a directory to write sample PDFs")
	}
	long := sampleDecision()
	long.Outcome = data.OutcomeDecrease
	long.AmountBefore, long.AmountAfter = 98000, 54000
	long.Effective = data.MustDate(2026, 7, 1)
	long.Applied = data.Date{}
	long.Bases = data.SuggestedBases(data.ProgrammeDibao, data.OutcomeDecrease)
	long.Facts += "\n" + long.Facts
	for name, write := range map[string]func(*bytes.Buffer) error{
		"decision":  func(b *bytes.Buffer) error { return WriteDecision(b, sampleDecision(), Options{}) },
		"decision2": func(b *bytes.Buffer) error { return WriteDecision(b, long, Options{}) },
		"receipt":   func(b *bytes.Buffer) error { return WriteDeliveryReceipt(b, sampleReceipt(), Options{}) },
		"notice":    func(b *bytes.Buffer) error { return WriteOneTimeNotice(b, sampleNotice(), Options{}) },
		"rejection": func(b *bytes.Buffer) error { return WriteRejectionNotice(b, sampleRejection(), Options{}) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, b.Len())
	}
}
