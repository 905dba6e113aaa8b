package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"time"

	"taizhang/data"
)

// serviceTopic is what a service of one type is about: the items it serves and how the clerk
// describes the work.
type serviceTopic struct {
	typ     data.ServiceType
	weight  int
	items   []string
	content []string // %[1]s the item
}

var serviceTopics = []serviceTopic{
	{data.ServiceAtHome, 30, []string{"残疾人证办理", "医保报销", "社保卡办理", "老年优待证办理", "居民养老保险缴费"}, []string{
		"老人行动不便，工作人员携带设备上门办理%[1]s，现场采集信息并指导签字",
		"上门为卧床老人办理%[1]s，代为填写申请表，材料当场收齐",
		"网格员上门收取%[1]s所需材料，核对原件后带回窗口办理",
	}},
	{data.ServiceProxy, 22, []string{"低保申请", "医保报销", "特困供养申请", "临时救助申请", "居住证明开具"}, []string{
		"子女在外地，工作人员代为办理%[1]s，办结后送件上门",
		"帮助居民整理%[1]s材料，代为递交街道便民服务中心",
		"居民委托代办%[1]s，已签订委托书，按一次性告知单补齐材料",
	}},
	{data.ServiceAccompany, 12, []string{"残疾人证办理", "医保报销", "社保卡办理"}, []string{
		"陪同居民到区政务服务中心办理%[1]s，协助排队取号、填写表格",
		"陪同残疾人到定点医院进行鉴定，办理%[1]s",
	}},
	{data.ServiceVisit, 14, []string{"走访慰问"}, []string{
		"走访独居老人，了解身体和生活情况，送去米面油",
		"节前走访慰问困难家庭，宣讲救助政策，登记生活需求",
		"走访空巢老人，检查燃气和用电安全，留下网格员联系电话",
	}},
	{data.ServicePolicy, 8, []string{"政策宣传"}, []string{
		"入户宣传高龄津贴和养老保险资格认证政策，讲解手机自助认证方法",
		"入户宣传医保参保缴费政策，发放明白纸",
		"宣传防范养老诈骗知识，发放宣传册",
	}},
}

var certContent = map[string][]string{
	data.ItemOldAgeAllowance: {
		"入户为高龄老人进行高龄津贴认证，核实本人健在，采集人脸照片",
		"老人行动不便，工作人员上门完成本季度高龄津贴认证",
		"上门核实老人生存状况，完成高龄津贴认证并讲解发放时间",
	},
	data.ItemPension: {
		"上门为退休人员进行养老保险待遇领取资格认证，采集人脸照片",
		"入户协助老人通过手机完成养老保险资格认证",
	},
}

var demoResults = []data.ServiceResult{data.ServiceDone, data.ServiceDone, data.ServiceDone, data.ServiceDone,
	data.ServiceDone, data.ServiceDone, data.ServiceUnfinished, data.ServiceUnfinished, data.ServiceTransferred}

type serviceDemo struct {
	g      *Generator
	today  data.Date
	staff  []data.User
	out    []data.Service
	photos map[int][]data.NamedFile
	jpegs  [][]byte
}

// buildServices records g.Size.Services services over the last year (small) or five years
// (large): certification visits for the 80+ residents quarter by quarter back from this one
// (about half certified so far this quarter, nine in ten last quarter, so some are due and
// some overdue), pension certifications for some 60+ residents, and the other types.
func buildServices(g *Generator) error {
	d := &serviceDemo{g: g, today: data.Today(g.Now), photos: map[int][]data.NamedFile{}}
	for _, un := range []string{"wangge", "minzheng", "chuangkou"} {
		d.staff = append(d.staff, g.UserNamed(un))
	}
	d.images()
	budget := g.Size.Services
	d.certifications(budget * 7 / 10)
	spanDays := 365
	if budget > 10000 {
		spanDays = 5 * 365
	}
	for len(d.out) < budget {
		d.other(spanDays)
	}
	_, err := g.DB.BulkServices(g.As("minzheng"), d.out, d.photos)
	return err
}

func (d *serviceDemo) images() {
	for k, bg := range []color.RGBA{{0xb8, 0xc4, 0xd0, 255}, {0xd6, 0xc8, 0xb0, 255}, {0xc4, 0xd6, 0xbc, 255}} {
		img := image.NewRGBA(image.Rect(0, 0, 48, 36))
		for y := 0; y < 36; y++ {
			for x := 0; x < 48; x++ {
				c := bg
				if (x-24-k*2)*(x-24-k*2)+(y-16)*(y-16) < 60 { // a face
					c = color.RGBA{0xe8, 0xc0, 0xa0, 255}
				}
				img.Set(x, y, c)
			}
		}
		var b bytes.Buffer
		_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 60})
		d.jpegs = append(d.jpegs, b.Bytes())
	}
}

func (d *serviceDemo) staffFor() []data.Staff {
	first := Pick(d.g.Rand, d.staff)
	st := []data.Staff{{UserID: first.ID, Name: first.Name}}
	if d.g.Chance(0.35) {
		second := Pick(d.g.Rand, d.staff)
		if second.ID != first.ID {
			st = append(st, data.Staff{UserID: second.ID, Name: second.Name})
		}
	}
	return st
}

func (d *serviceDemo) add(s data.Service) {
	s.Staff = d.staffFor()
	s.CreatedBy = s.Staff[0].UserID
	photoShare := 0.3
	if d.g.Size.Services > 10000 {
		photoShare = 0.01
	}
	if d.g.Chance(photoShare) {
		d.photos[len(d.out)] = []data.NamedFile{{Name: "现场照片.jpg", Content: Pick(d.g.Rand, d.jpegs)}}
	}
	d.out = append(d.out, s)
}

// dayIn returns a random day in [from, to].
func (d *serviceDemo) dayIn(from, to data.Date) data.Date {
	n := to.DaysSince(from)
	if n <= 0 {
		return from
	}
	return from.AddDays(d.g.Rand.IntN(n + 1))
}

func (d *serviceDemo) certVisit(r ResidentRef, item string, on data.Date) {
	d.add(data.Service{Date: on, Type: data.ServiceCertification, Item: item, ResidentIDs: []int64{r.ID},
		Content: Pick(d.g.Rand, certContent[item]), Result: data.ServiceDone, OnTheSpot: true})
}

func (d *serviceDemo) certifications(budget int) {
	g := d.g
	var elderly, pensioners []ResidentRef
	for _, r := range g.Residents {
		switch age := data.AgeOn(r.Birth, d.today.In(time.UTC)); {
		case age >= 80:
			elderly = append(elderly, r)
		case age >= 60:
			pensioners = append(pensioners, r)
		}
	}
	quarter := func(back int) (data.Date, data.Date) {
		s := data.QuarterStart(d.today)
		for i := 0; i < back; i++ {
			s = data.QuarterStart(s.AddDays(-1))
		}
		e := data.QuarterEnd(s)
		if e.After(d.today) {
			e = d.today
		}
		return s, e
	}
	// This quarter: the share certified grows with the days gone; last quarter: nine in ten.
	qs, qe := quarter(0)
	share := 0.25 + 0.6*float64(qe.DaysSince(qs)+1)/float64(data.QuarterEnd(qs).DaysSince(qs)+1)
	for back := 0; back < 20 && len(d.out) < budget; back++ {
		from, to := quarter(back)
		p := 0.9
		if back == 0 {
			p = share
		}
		for _, r := range elderly {
			if len(d.out) >= budget {
				break
			}
			if data.AgeOn(r.Birth, data.QuarterEnd(from).In(time.UTC)) < 80 || !g.Chance(p) {
				continue
			}
			d.certVisit(r, data.ItemOldAgeAllowance, d.dayIn(from, to))
		}
		if back == 1 {
			// Pension eligibility: most pensioners once in the last year, some in the last
			// month of validity (due) and a few lapsed (overdue).
			for _, r := range pensioners {
				if len(d.out) >= budget || !g.Chance(0.6) {
					continue
				}
				back := 20 + g.Rand.IntN(330)
				if g.Chance(0.06) {
					back = 370 + g.Rand.IntN(60)
				}
				on := d.today.AddDays(-back)
				d.certVisit(r, data.ItemPension, on)
			}
		}
	}
}

func (d *serviceDemo) other(spanDays int) {
	g := d.g
	total := 0
	for _, t := range serviceTopics {
		total += t.weight
	}
	k := g.Rand.IntN(total)
	topic := serviceTopics[0]
	for _, t := range serviceTopics {
		if k < t.weight {
			topic = t
			break
		}
		k -= t.weight
	}
	item := Pick(g.Rand, topic.items)
	// Two in three services are for residents aged 60 and over.
	var r ResidentRef
	for try := 0; try < 8; try++ {
		r = Pick(g.Rand, g.Residents)
		if data.AgeOn(r.Birth, d.today.In(time.UTC)) >= 60 || !g.Chance(0.7) {
			break
		}
	}
	ids := []int64{r.ID}
	if topic.typ == data.ServiceVisit || topic.typ == data.ServicePolicy {
		if o := Pick(g.Rand, g.Residents); o.ID != r.ID && g.Chance(0.2) {
			ids = append(ids, o.ID)
		}
	}
	on := d.today.AddDays(-g.Rand.IntN(spanDays))
	result := Pick(g.Rand, demoResults)
	if topic.typ == data.ServiceVisit || topic.typ == data.ServicePolicy {
		result = data.ServiceDone
	}
	content := Pick(g.Rand, topic.content)
	if strings.Contains(content, "%s") { // some contents name the item, others do not
		content = fmt.Sprintf(content, item)
	}
	s := data.Service{Date: on, Type: topic.typ, Item: item, ResidentIDs: ids, Result: result, Content: content}
	if result == data.ServiceDone && topic.typ != data.ServiceVisit && topic.typ != data.ServicePolicy {
		s.OnTheSpot = g.Chance(0.55)
	}
	if result != data.ServiceDone || g.Chance(0.1) {
		s.FollowUpOn = on.AddDays(7 + g.Rand.IntN(24))
	}
	d.add(s)
}
