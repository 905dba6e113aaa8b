package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sort"
	"strings"

	"taizhang/data"
)

// issueTopic is one kind of problem: how it is described, what is planned and what is done.
type issueTopic struct {
	category string
	unit     string
	texts    []string // %[1]s street, %[2]s estate, %[3]d a number
	measures string
	progress []string
	result   string
	lasting  string
}

var issueTopics = []issueTopic{
	{"环境卫生", "社区居委会", []string{
		"%[2]s%[3]d号楼楼道堆放纸箱、旧家具等杂物，占用消防通道",
		"%[1]s沿街垃圾桶满溢，清运不及时，气味较大",
		"%[2]s绿化带内长期堆放建筑垃圾，居民多次反映",
		"%[2]s%[3]d号楼楼道墙面野广告、小广告张贴严重",
		"%[1]s%[3]d号附近背街小巷卫生死角，积存生活垃圾",
	}, "通知住户限期清理，组织党员志愿者协助清运", []string{
		"已入户发放清理通知书，张贴限期清理告示", "组织党员志愿者和物业人员清理楼道杂物", "联系环卫所增加清运频次",
	}, "杂物、垃圾已全部清运，楼道恢复整洁", "楼栋长每周巡查楼道，发现堆物当日劝导清理"},
	{"安全隐患", "街道应急管理办公室", []string{
		"%[2]s%[3]d号楼存在电动自行车飞线充电现象",
		"%[1]s%[3]d号门前井盖破损松动，存在行人跌落隐患",
		"%[2]s%[3]d号楼消防栓无水，灭火器过期未更换",
		"%[1]s路段路灯不亮，夜间行人出行不便、存在安全隐患",
		"%[2]s地下室私拉乱接电线，堆放易燃物品",
	}, "现场排查并设置警示标识，通知产权单位限期整改", []string{
		"已设置警示标识和临时围挡", "联系产权单位现场勘查，制定维修方案", "入户宣传安全用电知识",
	}, "隐患已消除，现场复查符合安全要求", "纳入网格员每日巡查清单，建立隐患台账动态清零"},
	{"政务服务/办事指引", "街道便民服务中心", []string{
		"沉浸式体验%[4]s发现办事指引不清晰，群众看不懂需要哪些材料",
		"%[4]s申请材料要求与区里公布的不一致，群众来回跑",
		"便民服务大厅%[4]s窗口叫号屏故障，群众不知道排到几号",
		"%[4]s办事流程图未上墙，老年人咨询多次仍不清楚",
		"陪同残疾人办理%[4]s，发现无障碍通道被占用",
	}, "对照区级办事指南修订一次性告知单，重新制作指引", []string{
		"对照区级办事指南逐项核对申请材料", "重新制作办事指引并在窗口张贴", "组织窗口人员业务培训",
	}, "办事指引已修订上墙，一次性告知单同步更新", "每季度开展一次沉浸式体验，动态更新办事指南"},
	{"物业管理", "物业服务企业", []string{
		"%[2]s电梯频繁故障，物业维修不及时，老人上下楼困难",
		"%[2]s物业收费公示不透明，业主意见较大",
		"%[2]s二次供水水箱未按期清洗，居民担心水质",
		"%[2]s%[3]d号楼单元门禁损坏多日无人维修",
		"%[2]s物业与业主因地面停车位划线产生矛盾",
	}, "约谈物业服务企业，督促限期维修、公开收费明细", []string{
		"约谈物业负责人，明确整改时限", "召开居民议事协商会听取意见", "物业公司已联系维保单位现场维修",
	}, "物业已完成维修并公示收费明细，业主认可", "建立社区、物业、业主三方月度联席会议制度"},
	{"矛盾纠纷", "社区人民调解委员会", []string{
		"%[2]s%[3]d号楼上下楼邻居因卫生间漏水产生纠纷",
		"%[2]s%[3]d号楼住户反映楼上夜间噪音扰民",
		"%[1]s商户占道经营与周边居民发生争执",
		"%[2]s居民因饲养宠物犬未拴绳引发邻里矛盾",
	}, "人民调解员上门了解情况，组织双方调解", []string{
		"调解员分别上门听取双方诉求", "组织双方当面调解，达成初步意向", "联系维修人员查明漏水原因",
	}, "双方达成调解协议，已履行完毕", "网格内矛盾纠纷每周排查、每月研判"},
	{"基础设施", "街道城建办", []string{
		"%[1]s人行道地砖松动破损，雨天溅水",
		"%[2]s雨水管网堵塞，雨后路面积水严重",
		"%[1]s%[3]d号附近路灯杆倾斜，存在倒伏风险",
		"%[2]s健身器材损坏，存在安全隐患",
		"%[2]s%[3]d号楼外墙保温层脱落",
	}, "报区住建局、市政部门协调维修", []string{
		"已上报区住建局并现场会勘", "市政养护单位进场施工", "施工期间设置围挡和绕行提示",
	}, "设施已修复，经现场验收合格", "建立老旧小区公共设施定期巡检制度"},
	{"其他", "社区居委会", []string{
		"议事协商会上居民提出在%[2]s增设休闲座椅",
		"居民建议%[2]s%[3]d号楼加装电梯，希望社区协调",
		"%[2]s老年人反映缺少助餐服务点",
		"居民反映%[1]s公交站牌信息陈旧",
	}, "收集居民意见，协调相关部门研究解决", []string{
		"入户征求居民意见", "与相关部门对接可行方案", "召开居民议事协商会商议",
	}, "已按居民意见落实", "议事协商成果纳入社区年度民生实事清单"},
}

var serviceItems = []string{"低保申请", "临时救助", "高龄津贴认证", "居住证办理", "残疾人证办理", "医保报销", "养老保险资格认证"}

var (
	rejectReasons = []string{"整改佐证照片不清晰，请补充整改后现场照片", "现场复查仍有杂物未清理", "整改结果与群众诉求不符，请进一步落实",
		"未附维修验收单，请补充"}
	extensionReasons = []string{"需协调产权单位，维修材料尚未到位", "涉及多个部门，需召开联席会议研究", "遇节假日施工队无法进场",
		"当事人外出，需待其返回后调解"}
	unsatisfiedRemarks = []string{"问题反弹，楼道又堆了杂物", "维修后再次损坏", "群众认为处理不彻底", "噪音问题仍然存在"}
	voidReasons        = []string{"重复登记", "经核实不属于本街道职责，已转交相关部门", "经核实情况不属实"}
	extensionRejects   = []string{"整改时限内可以完成，不予延期", "延期理由不充分"}
)

// issueDemo is the shared state of the issue builder.
type issueDemo struct {
	g        *Generator
	cal      *data.Calendar
	today    data.Date
	finders  []data.User
	reviewer data.User
	clerk    data.User
	units    []string
	byComm   map[int64][]ResidentRef
	pngs     [][]byte
	jpegs    [][]byte
}

// buildIssues fills g.Size.Issues issues: a year of them for the small office, five for the
// large one, in every state, through the store's bulk path (BulkIssues replays every history
// through the lifecycle rules).
func buildIssues(g *Generator) error {
	if g.Size.Issues == 0 {
		return nil
	}
	cal, err := g.DB.Calendar(g.Ctx)
	if err != nil {
		return err
	}
	units, err := g.DB.CatalogValues(g.Ctx, data.CatalogResponsibleUnits)
	if err != nil {
		return err
	}
	d := &issueDemo{g: g, cal: cal, today: data.Today(g.Now), units: units, byComm: map[int64][]ResidentRef{},
		finders:  []data.User{g.UserNamed("wangge"), g.UserNamed("wangge"), g.UserNamed("chuangkou"), g.UserNamed("minzheng")},
		reviewer: g.UserNamed("shenhe"), clerk: g.UserNamed("minzheng")}
	for _, r := range g.Residents {
		d.byComm[r.CommunityID] = append(d.byComm[r.CommunityID], r)
	}
	d.images()
	days := 365
	if g.Size.Issues > 5000 {
		days = 5 * 365
	}
	// Dates found, oldest first; now and then a round-table (议事协商) brings a batch in one day.
	type slot struct {
		on    data.Date
		batch int // >0: one of a round-table's problems, all in community index batch-1
	}
	var slots []slot
	for len(slots) < g.Size.Issues {
		on := d.today.AddDays(-g.Rand.IntN(days))
		if wd := on.Weekday(); (wd == 0 || wd == 6) && g.Chance(0.7) {
			continue
		}
		if g.Chance(0.01) {
			ci := 1 + g.Rand.IntN(len(g.Communities))
			for k := 5 + g.Rand.IntN(8); k > 0 && len(slots) < g.Size.Issues; k-- {
				slots = append(slots, slot{on, ci})
			}
			continue
		}
		slots = append(slots, slot{on, 0})
	}
	sort.SliceStable(slots, func(i, j int) bool { return slots[i].on.Before(slots[j].on) })
	// Made and written a chunk at a time (a multiple of BulkIssues' batch, so the numbers and
	// audit entries are the same as in one call): five years of histories held at once would
	// take most of a gigabyte.
	const chunk = 10000
	issues := make([]data.BulkIssue, 0, min(len(slots), chunk))
	for k, s := range slots {
		// The newest few are held early in their life so every state shows; the last three
		// are due within days.
		hold := 0
		if age := d.today.DaysSince(s.on); age <= 45 && g.Chance(0.4) {
			hold = 1 + g.Rand.IntN(4)
		}
		dueSoon := k >= len(slots)-3
		if dueSoon {
			hold = 1 + g.Rand.IntN(2)
		}
		issues = append(issues, d.issue(s.on, s.batch, hold, dueSoon))
		if len(issues) == chunk || k == len(slots)-1 {
			if _, err := g.DB.BulkIssues(g.Ctx, issues); err != nil {
				return err
			}
			issues = issues[:0]
		}
	}
	return d.duplicates()
}

// images draws a few small evidence photos (64×48): a coloured scene with a wall, a floor and
// a box, in PNG and JPEG.
func (d *issueDemo) images() {
	palette := []color.RGBA{{0x8d, 0xa9, 0xc4, 255}, {0xc9, 0xb7, 0x9c, 255}, {0x9b, 0xc5, 0x8f, 255}, {0xd8, 0xd2, 0xc4, 255},
		{0xa7, 0xa3, 0xb8, 255}, {0xb5, 0xc9, 0xc3, 255}}
	for k, bg := range palette {
		img := image.NewRGBA(image.Rect(0, 0, 64, 48))
		for y := 0; y < 48; y++ {
			for x := 0; x < 64; x++ {
				c := bg
				if y > 30 { // floor
					c = color.RGBA{bg.R / 2, bg.G / 2, bg.B / 2, 255}
				}
				if x > 8+k*4 && x < 26+k*4 && y > 20 && y < 38 { // an object
					c = color.RGBA{0x7a, 0x52, 0x30, 255}
				}
				if (x+y)%17 == 0 {
					c.R, c.G, c.B = c.R-10, c.G-10, c.B-10
				}
				img.Set(x, y, c)
			}
		}
		var b bytes.Buffer
		_ = png.Encode(&b, img)
		d.pngs = append(d.pngs, b.Bytes())
		b = bytes.Buffer{}
		_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 60})
		d.jpegs = append(d.jpegs, b.Bytes())
	}
}

func (d *issueDemo) photo(name string) []data.NamedFile {
	if d.g.Chance(0.5) {
		return []data.NamedFile{{Name: name + ".jpg", Content: Pick(d.g.Rand, d.jpegs)}}
	}
	return []data.NamedFile{{Name: name + ".png", Content: Pick(d.g.Rand, d.pngs)}}
}

// issue makes one issue found on found and lives it up to today, or up to stage hold
// (1 待整改, 2 整改中, 3 待验收, 4 延期待批) when hold > 0.
func (d *issueDemo) issue(found data.Date, batch, hold int, dueSoon bool) data.BulkIssue {
	g := d.g
	ci := g.Rand.IntN(len(g.Communities))
	source := pickSource(g)
	if batch > 0 {
		ci, source = batch-1, "议事协商"
	}
	comm := g.Communities[ci]
	spec := Communities[ci]
	grid := Pick(g.Rand, g.Grids[comm.ID])
	topic := Pick(g.Rand, issueTopics)
	if source == "沉浸式体验/走流程" {
		topic = issueTopics[2]
	}
	street, estate, num := Pick(g.Rand, spec.Streets), Pick(g.Rand, spec.Estates), 1+g.Rand.IntN(24)
	// Templates pick their arguments by index, so unused ones are not reported.
	desc := fmt.Sprintf(Pick(g.Rand, topic.texts), street, estate, num, Pick(g.Rand, serviceItems))
	addr := fmt.Sprintf("%s%d号楼", estate, num)
	if strings.HasPrefix(desc, street) || topic.category == "政务服务/办事指引" {
		addr = fmt.Sprintf("%s%d号", street, 1+g.Rand.IntN(120))
	}
	if topic.category == "政务服务/办事指引" {
		addr = "街道便民服务中心"
	}
	finder := Pick(g.Rand, d.finders)
	unit := topic.unit
	if !contains(d.units, unit) || g.Chance(0.15) {
		unit = Pick(g.Rand, d.units)
	}
	iss := data.Issue{FoundOn: found, Source: source, Category: topic.category, Description: desc,
		CommunityID: comm.ID, GridID: grid.ID, Address: addr, FoundByID: finder.ID, FoundBy: finder.Name,
		ResponsibleUnit: unit, ResponsiblePerson: g.name(g.Now.AddDate(-40, 0, 0), g.Chance(0.5)), Measures: topic.measures}
	switch p := g.Rand.Float64(); {
	case p < 0.3:
		iss.Tier = data.TierSimple
	case p < 0.85:
		iss.Tier = data.TierGeneral
	default:
		iss.Tier = data.TierComplex
	}
	b := data.BulkIssue{Issue: iss}
	if (topic.category == "矛盾纠纷" || source == "居民反映" || source == "12345热线") && g.Chance(0.6) {
		if rs := d.byComm[comm.ID]; len(rs) > 0 {
			b.ResidentIDs = append(b.ResidentIDs, Pick(g.Rand, rs).ID)
			if topic.category == "矛盾纠纷" {
				b.ResidentIDs = append(b.ResidentIDs, Pick(g.Rand, rs).ID)
			}
		}
	}
	// 简易 problems are mostly settled on the spot.
	if iss.Tier == data.TierSimple && hold == 0 && g.Chance(0.75) {
		b.Issue.Deadline = found
		ev := []data.BulkEvent{{Date: found, Action: data.IssueCloseOnSpot, By: finder, Note: "当场处置：" + topic.result}}
		if g.Chance(0.4) {
			ev[0].Files = d.photo("现场处置")
		}
		b.Events = ev
		d.followUp(&b, found)
		return b
	}
	switch iss.Tier {
	case data.TierSimple:
		b.Issue.SetDeadlineWorkdays(d.cal, 3)
	case data.TierGeneral:
		if g.Chance(0.5) {
			b.Issue.SetDeadlineWorkdays(d.cal, Pick(g.Rand, []int{5, 10, 15}))
		} else {
			b.Issue.Deadline = found.AddDays(7 + g.Rand.IntN(24))
		}
	default:
		if g.Chance(0.5) {
			b.Issue.SetDeadlineWorkdays(d.cal, Pick(g.Rand, []int{20, 30}))
		} else {
			b.Issue.Deadline = found.AddDays(30 + g.Rand.IntN(60))
		}
	}
	if dueSoon {
		b.Issue.Deadline, b.Issue.DeadlineWorkdays = d.today.AddDays(1+g.Rand.IntN(3)), 0
		if b.Issue.Deadline.Before(found) {
			b.Issue.Deadline = found
		}
	}
	d.rectify(&b, finder, topic, hold)
	return b
}

func contains(xs []string, v string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

func pickSource(g *Generator) string {
	switch p := g.Rand.Float64(); {
	case p < 0.25:
		return "网格员上报"
	case p < 0.45:
		return "日常巡查"
	case p < 0.63:
		return "居民反映"
	case p < 0.76:
		return "12345热线"
	case p < 0.86:
		return "沉浸式体验/走流程"
	case p < 0.92:
		return "上级交办"
	case p < 0.96:
		return "督查检查"
	}
	return "议事协商"
}

// timeline appends events in date order and stops at today: an event planned for later has
// not happened yet.
type timeline struct {
	d    *issueDemo
	b    *data.BulkIssue
	last data.Date
	done bool
}

func (t *timeline) add(on data.Date, ev data.BulkEvent) bool {
	if t.done {
		return false
	}
	if on.Before(t.last) {
		on = t.last
	}
	if on.After(t.d.today) {
		t.done = true
		return false
	}
	ev.Date, t.last = on, on
	t.b.Events = append(t.b.Events, ev)
	return true
}

// rectify lives a 一般/疑难 issue (or a 简易 one not settled on the spot) through its
// rectification: start, progress, perhaps an extension, close-out (sometimes refused once),
// approval and a follow-up visit.
func (d *issueDemo) rectify(b *data.BulkIssue, finder data.User, topic issueTopic, hold int) {
	g := d.g
	found := b.Issue.FoundOn
	t := &timeline{d: d, b: b, last: found}
	t.add(found, data.BulkEvent{Action: data.IssueRecord, By: finder})
	if hold == 1 {
		return
	}
	// 2% are voided soon after: a duplicate, or not the office's business.
	if g.Chance(0.02) {
		t.add(found.AddDays(1+g.Rand.IntN(10)), data.BulkEvent{Action: data.IssueVoid, By: d.reviewer, Note: Pick(g.Rand, voidReasons)})
		return
	}
	worker := d.clerk
	if g.Chance(0.5) {
		worker = finder
	}
	if !t.add(found.AddDays(g.Rand.IntN(3)), data.BulkEvent{Action: data.IssueStart, By: worker}) || hold == 2 && g.Chance(0.5) {
		return
	}
	deadline := b.Issue.Deadline
	allowed := deadline.DaysSince(found)
	work := allowed * (30 + g.Rand.IntN(70)) / 100
	switch p := g.Rand.Float64(); {
	case p < 0.15: // late
		work = allowed + 3 + g.Rand.IntN(40)
	case p < 0.16 && b.Issue.Tier == data.TierComplex: // stuck with other departments
		work = 5000
	}
	finish := found.AddDays(max(work, 1))
	// Extension: asked a few days before the deadline, usually granted.
	if hold == 4 || (b.Issue.Tier != data.TierSimple && g.Chance(0.12)) {
		ask := deadline.AddDays(-2 - g.Rand.IntN(4))
		newDL := deadline.AddDays(7 + g.Rand.IntN(24))
		if t.add(ask, data.BulkEvent{Action: data.IssueRequestExtension, By: worker, NewDeadline: newDL, Note: Pick(g.Rand, extensionReasons)}) {
			if hold == 4 {
				return
			}
			if g.Chance(0.8) {
				if t.add(t.last.AddDays(g.Rand.IntN(3)), data.BulkEvent{Action: data.IssueApproveExtension, By: d.reviewer}) {
					finish = found.AddDays(max(work, 1) + newDL.DaysSince(deadline)/2)
				}
			} else {
				t.add(t.last.AddDays(g.Rand.IntN(3)), data.BulkEvent{Action: data.IssueRejectExtension, By: d.reviewer, Note: Pick(g.Rand, extensionRejects)})
			}
		}
	}
	span := finish.DaysSince(t.last)
	for k, n := 0, g.Rand.IntN(3); k < n; k++ {
		on := t.last.AddDays(g.Rand.IntN(max(span/(n+1), 1)) + 1)
		if on.After(finish) {
			break
		}
		ev := data.BulkEvent{Action: data.IssueReportProgress, By: worker, Note: topic.progress[k%len(topic.progress)]}
		if g.Chance(0.4) {
			ev.Files = d.photo(fmt.Sprintf("整改过程%d", k+1))
		}
		if !t.add(on, ev) {
			return
		}
	}
	if hold == 2 {
		return
	}
	d.closeOut(t, worker, topic, finish, hold == 3)
	if !t.done && b.Events[len(b.Events)-1].Action == data.IssueApproveCloseOut {
		d.followUp(b, t.last)
	}
}

// closeOut requests close-out on finish with evidence, and has the reviewer approve it (once in
// eight times only after a refusal and more work).
func (d *issueDemo) closeOut(t *timeline, worker data.User, topic issueTopic, finish data.Date, hold bool) {
	g := d.g
	req := data.BulkEvent{Action: data.IssueRequestCloseOut, By: worker, Note: topic.result, Files: d.photo("整改后")}
	if g.Chance(0.3) {
		req.LastingMeasure = topic.lasting
	}
	if !t.add(finish, req) || hold {
		return
	}
	if g.Chance(0.12) {
		if !t.add(t.last.AddDays(g.Rand.IntN(4)), data.BulkEvent{Action: data.IssueRejectCloseOut, By: d.reviewer, Note: Pick(g.Rand, rejectReasons)}) {
			return
		}
		if !t.add(t.last.AddDays(2+g.Rand.IntN(8)), data.BulkEvent{Action: data.IssueRequestCloseOut, By: worker,
			Note: topic.result + "，已按审核意见补充整改", Files: d.photo("补充整改")}) {
			return
		}
	}
	ap := data.BulkEvent{Action: data.IssueApproveCloseOut, By: d.reviewer}
	if g.Chance(0.2) {
		ap.Note = topic.lasting
	}
	t.add(t.last.AddDays(g.Rand.IntN(5)), ap)
}

// followUp visits a closed issue a few days after closing; an unsatisfied visit reopens it,
// and the rework is closed and visited again.
func (d *issueDemo) followUp(b *data.BulkIssue, closed data.Date) {
	g := d.g
	if d.today.DaysSince(closed) < 20 && g.Chance(0.3) {
		return // not visited yet: on the list of visits owed
	}
	t := &timeline{d: d, b: b, last: closed}
	by := Pick(g.Rand, d.finders)
	method := Pick(g.Rand, data.FollowUpMethods)
	on := closed.AddDays(2 + g.Rand.IntN(9))
	switch p := g.Rand.Float64(); {
	case p < 0.07:
		if !t.add(on, data.BulkEvent{Action: data.IssueReopen, By: by, Method: method, Satisfaction: data.Unsatisfied,
			Note: Pick(g.Rand, unsatisfiedRemarks)}) {
			return
		}
		topic := issueTopics[0]
		for _, tp := range issueTopics {
			if tp.category == b.Issue.Category {
				topic = tp
			}
		}
		d.closeOut(t, by, topic, t.last.AddDays(5+g.Rand.IntN(10)), false)
		if !t.done && b.Events[len(b.Events)-1].Action == data.IssueApproveCloseOut {
			t.add(t.last.AddDays(3+g.Rand.IntN(7)), data.BulkEvent{Action: data.IssueRecordFollowUp, By: by,
				Method: data.FollowUpHome, Satisfaction: data.Satisfied})
		}
	case p < 0.25:
		t.add(on, data.BulkEvent{Action: data.IssueRecordFollowUp, By: by, Method: method, Satisfaction: data.BasicallySatisfied})
	default:
		t.add(on, data.BulkEvent{Action: data.IssueRecordFollowUp, By: by, Method: method, Satisfaction: data.Satisfied})
	}
}

// duplicates links a few recent issues of the same place and category, as a clerk would when
// the program points them out.
func (d *issueDemo) duplicates() error {
	rows, _, err := d.g.DB.ListIssues(d.g.Ctx, data.IssueFilter{From: d.today.AddDays(-60), Limit: 400})
	if err != nil {
		return err
	}
	ctx := d.g.As("wangge")
	linked := 0
	for _, r := range rows {
		if linked >= 3 || r.DuplicateOf != 0 {
			continue
		}
		cands, err := d.g.DB.LikelyDuplicates(ctx, r.CommunityID, r.GridID, r.Address, r.Category, r.FoundOn)
		if err != nil {
			return err
		}
		for _, c := range cands {
			if c.ID < r.ID && c.DuplicateOf == 0 {
				if err := d.g.DB.LinkDuplicate(ctx, r.ID, c.ID); err != nil {
					return err
				}
				linked++
				break
			}
		}
	}
	return nil
}
