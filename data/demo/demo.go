// Package demo fills a new database with a believable street office: communities and grids
// of 平城区鹿苑街道, staff accounts, residents with valid ID numbers, households and tags, and
// issues, services and documents (one file of this package each).
//
// The output is deterministic for a given seed and day: names, numbers and relations come from
// one seeded generator; dates are relative to the store's clock.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// Size of the demo office.
type Size struct {
	Residents int
	Issues    int
	Services  int
	Documents int
}

// The two sizes of PRODUCT.md.
var (
	Small = Size{Residents: 2000, Issues: 300, Services: 500, Documents: 50}
	Large = Size{Residents: 200000, Issues: 100000, Services: 300000, Documents: 20000}
)

// Password of every demo account.
const Password = "demo1234"

// Office is the demo office's set-up.
var Office = data.Office{
	Name:       "平城区鹿苑街道办事处",
	ShortName:  "鹿苑街道",
	Government: "平城区人民政府",
	Court:      "平城区人民法院",
	Address:    "平城区鹿苑街道办事处一楼便民服务大厅",
	Phone:      "0352-2051234",
}

// Communities and their grids; the streets give addresses their look.
var Communities = []struct {
	Name    string
	Grids   []string
	Streets []string
	Estates []string
}{
	{"自由路社区", []string{"第一网格", "第二网格", "第三网格", "第四网格"}, []string{"自由路", "魏都大道", "鹿苑路"}, []string{"自由小区", "铁路宿舍", "鹿苑新村"}},
	{"和平路社区", []string{"第一网格", "第二网格", "第三网格"}, []string{"和平路", "新建南路", "迎宾街"}, []string{"和平家园", "电业小区", "迎宾花园"}},
	{"福寓苑社区", []string{"第一网格", "第二网格", "第三网格", "第四网格", "第五网格"}, []string{"福寓街", "御河西路", "南环路"}, []string{"福寓苑小区", "御河湾", "南环新城"}},
	{"云泉里社区", []string{"第一网格", "第二网格", "第三网格"}, []string{"云泉路", "清远街", "新开里"}, []string{"云泉里小区", "清远小区", "新开里平房区"}},
	{"惠民里社区", []string{"第一网格", "第二网格", "第三网格", "第四网格"}, []string{"惠民街", "永泰南路", "文源巷"}, []string{"惠民里小区", "永泰苑", "文源雅居"}},
}

// Staff of the demo office; every account's password is Password.
var Staff = []data.User{
	{Username: "admin", Name: "李卫东", Role: data.RoleAdmin},
	{Username: "shenhe", Name: "孟丽华", Role: data.RoleReviewer},
	{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk},
	{Username: "wangge", Name: "赵强", Role: data.RoleClerk},
	{Username: "minzheng", Name: "刘敏", Role: data.RoleClerk},
}

// Generator holds what the ledgers' builders share.
type Generator struct {
	DB          *sqlite.DB
	Ctx         context.Context // acts as the administrator
	Rand        *rand.Rand
	Now         time.Time
	Size        Size
	Users       []data.User
	Communities []data.Community
	Grids       map[int64][]data.Grid
	Residents   []ResidentRef // every generated resident, in insertion order
}

// ResidentRef is what the ledgers' builders need of a resident without reading it back.
type ResidentRef struct {
	ID          int64
	Name        string
	Birth       time.Time
	CommunityID int64
	GridID      int64
	Address     string
	Tags        []string
}

// Builder adds one ledger's demo records.
type Builder struct {
	Name  string
	Build func(g *Generator) error
}

// builders run after the residents, in this order; the order is part of what a seed
// produces, so a new ledger goes at the end.
var builders = []Builder{
	{Name: "行政文书", Build: buildDocuments},
	{Name: "问题台账", Build: buildIssues},
	{Name: "上门服务", Build: buildServices},
	{Name: "救助对象", Build: buildAid}, // data/demo/aid.go
}

// Build fills db (which must be new: set-up not done) with a demo office. progress, if not
// nil, is told what is being built.
func Build(ctx context.Context, db *sqlite.DB, size Size, seed uint64, progress func(string)) error {
	if progress == nil {
		progress = func(string) {}
	}
	need, err := db.SetupNeeded(ctx)
	if err != nil {
		return err
	}
	if !need {
		return data.Conflict("该数据库已经有数据，演示数据只能写入新的数据库文件")
	}
	setup := data.Setup{Office: Office, Grids: map[string][]string{},
		AdminUsername: Staff[0].Username, AdminName: Staff[0].Name, AdminPassword: Password}
	for _, c := range Communities {
		setup.Communities = append(setup.Communities, c.Name)
		setup.Grids[c.Name] = c.Grids
	}
	progress("建立单位、社区和网格")
	admin, err := db.RunSetup(ctx, setup)
	if err != nil {
		return err
	}
	g := &Generator{DB: db, Ctx: data.NewContextWithUser(ctx, admin), Rand: rand.New(rand.NewPCG(seed, seed^0x7a6a)),
		Now: db.Now(), Size: size, Grids: map[int64][]data.Grid{}}
	g.Users = append(g.Users, *admin)
	hint := fmt.Sprintf("演示单位，密码均为 %s：\nadmin 管理员 · shenhe 审核人 · chuangkou 工作人员", Password)
	if err := db.Write(g.Ctx, func(tx *sqlite.Tx) error { return tx.SetSetting(sqlite.KeyDemoHint, hint) }); err != nil {
		return err
	}
	for _, u := range Staff[1:] {
		u := u
		if err := db.CreateUser(g.Ctx, &u, Password); err != nil {
			return err
		}
		g.Users = append(g.Users, u)
	}
	if g.Communities, err = db.Communities(ctx, false); err != nil {
		return err
	}
	for _, c := range g.Communities {
		gs, err := db.Grids(ctx, c.ID)
		if err != nil {
			return err
		}
		g.Grids[c.ID] = gs
	}
	progress(fmt.Sprintf("生成 %d 名居民", size.Residents))
	if err := g.residents(); err != nil {
		return err
	}
	for _, b := range builders {
		progress("生成" + b.Name)
		if err := b.Build(g); err != nil {
			return fmt.Errorf("demo %s: %w", b.Name, err)
		}
	}
	progress("整理索引统计")
	return db.Analyze(ctx)
}

// Pick returns a random element.
func Pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Chance reports true with probability p.
func (g *Generator) Chance(p float64) bool { return g.Rand.Float64() < p }

// UserNamed returns the demo account with that login name.
func (g *Generator) UserNamed(username string) data.User {
	for _, u := range g.Users {
		if u.Username == username {
			return u
		}
	}
	return g.Users[0]
}

// As returns a context acting as the demo account with that login name.
func (g *Generator) As(username string) context.Context {
	u := g.UserNamed(username)
	return data.NewContextWithUser(context.Background(), &u)
}

var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
	"梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
	"苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
	"范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
	"顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文",
	"牛", "温", "耿", "霍", "尉", "单", "阎", "樊", "兰", "岳",
}

// Given-name characters by generation: the fashion of names changes with the decades.
var (
	oldMale     = []string{"国", "建", "志", "福", "德", "明", "文", "忠", "贵", "富", "玉", "成", "树", "有", "永", "保", "宝", "才", "生", "林", "山", "海", "荣", "华", "民", "军", "春", "和"}
	oldFemale   = []string{"秀", "兰", "英", "桂", "凤", "玉", "珍", "梅", "花", "芳", "菊", "淑", "琴", "翠", "香", "云", "娥", "莲", "荣", "霞", "素", "月", "金", "银"}
	midMale     = []string{"伟", "强", "军", "勇", "磊", "涛", "斌", "刚", "平", "辉", "鹏", "杰", "峰", "明", "东", "波", "亮", "兵", "宏", "新", "卫", "红", "晓"}
	midFemale   = []string{"丽", "娟", "艳", "静", "敏", "燕", "红", "霞", "玲", "萍", "颖", "慧", "晶", "雪", "琳", "婷", "洁", "丹", "晓", "芬", "丽"}
	youngMale   = []string{"浩", "宇", "轩", "子", "博", "文", "俊", "泽", "睿", "晨", "思", "嘉", "一", "天", "奕", "铭", "皓", "辰", "航", "然", "涵", "瑞"}
	youngFemale = []string{"欣", "怡", "梓", "涵", "雨", "诗", "可", "萱", "语", "思", "佳", "琪", "悦", "彤", "若", "晴", "妍", "一", "心", "雅", "芮", "溪"}
)

// regions: 平城区 and the older 城区/矿区 codes of 大同, with a few from elsewhere in 山西.
var regions = []string{"140213", "140213", "140213", "140202", "140202", "140203", "140211", "140212", "140221", "140222", "140106", "140302", "130705", "150102"}

func (g *Generator) name(birth time.Time, male bool) string {
	s := Pick(g.Rand, surnames)
	var pool []string
	switch y := birth.Year(); {
	case y < 1960:
		pool = map[bool][]string{true: oldMale, false: oldFemale}[male]
	case y < 1990:
		pool = map[bool][]string{true: midMale, false: midFemale}[male]
	default:
		pool = map[bool][]string{true: youngMale, false: youngFemale}[male]
	}
	n := Pick(g.Rand, pool)
	if g.Chance(0.7) {
		n += Pick(g.Rand, pool)
	}
	return s + n
}

// birth draws a birth date with many elderly residents, as in an old city quarter.
func (g *Generator) birth() time.Time {
	var age int
	switch p := g.Rand.Float64(); {
	case p < 0.14:
		age = 80 + g.Rand.IntN(22) // 80–101: about one in seven
	case p < 0.34:
		age = 60 + g.Rand.IntN(20)
	case p < 0.82:
		age = 18 + g.Rand.IntN(42)
	default:
		age = 1 + g.Rand.IntN(17)
	}
	return time.Date(g.Now.Year()-age, time.Month(1+g.Rand.IntN(12)), 1+g.Rand.IntN(28), 0, 0, 0, 0, time.UTC)
}

func (g *Generator) phone() string {
	prefixes := []string{"139", "138", "137", "135", "150", "151", "152", "158", "159", "186", "187", "188", "131", "132", "133", "153", "180", "189", "177", "199"}
	return fmt.Sprintf("%s%08d", Pick(g.Rand, prefixes), g.Rand.IntN(100000000))
}

// residents generates households of one to five people sharing an address.
func (g *Generator) residents() error {
	ids := map[string]bool{}
	var batch []data.Resident
	var households []int // members per household, parallel to batch runs
	for len(batch) < g.Size.Residents {
		ci := g.Rand.IntN(len(Communities))
		spec := Communities[ci]
		c := g.Communities[ci]
		grid := Pick(g.Rand, g.Grids[c.ID])
		var addr string
		if g.Chance(0.15) && strings.Contains(spec.Estates[2], "平房") {
			addr = fmt.Sprintf("%s%d号", Pick(g.Rand, spec.Streets), 1+g.Rand.IntN(180))
		} else {
			addr = fmt.Sprintf("%s%s%d号楼%d单元%d%02d室", Pick(g.Rand, spec.Streets)+fmt.Sprint(1+g.Rand.IntN(90))+"号",
				Pick(g.Rand, spec.Estates), 1+g.Rand.IntN(24), 1+g.Rand.IntN(4), 1+g.Rand.IntN(7), 1+g.Rand.IntN(4))
		}
		size := 1 + g.Rand.IntN(4)
		if g.Chance(0.2) {
			size = 1
		}
		headBirth := g.birth()
		if headBirth.Year() > g.Now.Year()-20 {
			headBirth = headBirth.AddDate(-30, 0, 0)
		}
		headMale := g.Chance(0.55)
		surname := ""
		for m := 0; m < size && len(batch) < g.Size.Residents; m++ {
			var r data.Resident
			switch m {
			case 0:
				r.Relation = "户主"
				r.Birth, r.Male = headBirth, headMale
			case 1:
				r.Relation = "配偶"
				r.Birth = headBirth.AddDate(g.Rand.IntN(7)-3, g.Rand.IntN(12), 0)
				r.Male = !headMale
			default:
				r.Relation = "子女"
				r.Birth = headBirth.AddDate(22+g.Rand.IntN(12), g.Rand.IntN(12), 0)
				if r.Birth.After(g.Now) {
					r.Birth = g.Now.AddDate(-1-g.Rand.IntN(5), 0, 0)
				}
				r.Male = g.Chance(0.5)
			}
			r.Name = g.name(r.Birth, r.Male)
			if m == 0 {
				surname = string([]rune(r.Name)[0])
			} else if r.Relation == "子女" {
				r.Name = surname + string([]rune(r.Name)[1:])
			}
			for {
				seq := g.Rand.IntN(500)*2 + map[bool]int{true: 1, false: 0}[r.Male]
				r.IDNumber = data.MakeIDNumber(Pick(g.Rand, regions), r.Birth, seq)
				if !ids[r.IDNumber] {
					ids[r.IDNumber] = true
					break
				}
			}
			r.Address, r.CommunityID, r.GridID = addr, c.ID, grid.ID
			if g.Now.Year()-r.Birth.Year() >= 16 && g.Chance(0.85) {
				r.Phone = g.phone()
			}
			age := data.AgeOn(r.Birth, g.Now)
			if age >= 80 {
				r.Tags = append(r.Tags, "高龄")
			}
			if size == 1 && age >= 60 && g.Chance(0.6) {
				r.Tags = append(r.Tags, "独居")
			}
			if size == 2 && age >= 60 && m < 2 && g.Chance(0.3) {
				r.Tags = append(r.Tags, "空巢")
			}
			if g.Chance(0.035) {
				r.Tags = append(r.Tags, "低保")
			} else if age >= 60 && size == 1 && g.Chance(0.04) {
				r.Tags = append(r.Tags, "特困")
			}
			if g.Chance(0.025) {
				r.Tags = append(r.Tags, "残疾")
			}
			if r.Male && age >= 40 && g.Chance(0.03) {
				r.Tags = append(r.Tags, "退役军人")
			}
			if age < 16 && g.Chance(0.03) {
				r.Tags = append(r.Tags, "困境儿童")
			}
			r.Status = data.ResidentActive
			if age >= 85 && g.Chance(0.04) {
				r.Status = data.ResidentDeceased
			} else if g.Chance(0.01) {
				r.Status = data.ResidentMovedOut
			}
			batch = append(batch, r)
		}
		households = append(households, size)
	}
	refs, err := g.DB.BulkResidents(g.Ctx, batch, households)
	if err != nil {
		return err
	}
	for i, r := range batch {
		g.Residents = append(g.Residents, ResidentRef{ID: refs[i], Name: r.Name, Birth: r.Birth, CommunityID: r.CommunityID,
			GridID: r.GridID, Address: r.Address, Tags: r.Tags})
	}
	return nil
}
