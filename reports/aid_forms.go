package reports

import (
	"io"
	"strconv"

	"taizhang/data"
)

// The application forms of assistance (一次填写): what the record holds is printed, and only
// what the applicant must write by hand — signatures, fingerprints, dates, what the record
// lacks — is left as an empty box or line.

// handDate is the date written by hand under a signature.
const handDate = "年　　月　　日"

// LayoutAidForm lays out one application form for d.
func LayoutAidForm(form data.AidForm, d data.AidFormData) []Page {
	f := newFlow(false)
	switch form {
	case data.AidFormApplication:
		applicationForm(f, d)
	case data.AidFormCheck:
		checkAuthorisation(f, d)
	default:
		proxyForm(f, d)
	}
	return f.finish()
}

// LayoutAidForms lays out forms one after another, each starting on a new page and numbered
// on its own (一次打印).
func LayoutAidForms(forms []data.AidForm, d data.AidFormData) []Page {
	var pages []Page
	for _, form := range forms {
		pages = append(pages, LayoutAidForm(form, d)...)
	}
	return pages
}

// WriteAidForms writes forms for d as one PDF.
func WriteAidForms(w io.Writer, forms []data.AidForm, d data.AidFormData, opts Options) error {
	if opts.Title == "" {
		opts.Title = d.Applicant.Name + "申请材料"
		if len(forms) == 1 {
			opts.Title = d.Applicant.Name + forms[0].Title(d.Programme)
		}
	}
	return WritePDF(w, LayoutAidForms(forms, d), opts)
}

// formHead places the form's title and, in small print, the office and the record's number.
func formHead(f *flow, title string, d data.AidFormData) {
	f.title(title, TitleSize)
	f.note(d.Office.Name + "　　居民档案编号：" + strconv.FormatInt(d.Applicant.ID, 10))
}

func addressOf(d data.AidFormData) string {
	if d.Applicant.Address != "" {
		return d.Applicant.Address
	}
	return d.HouseholdAddress
}

func incomeOf(d data.AidFormData) string {
	if d.Income <= 0 {
		return "" // a box for the pen
	}
	s := d.Income.Plain() + " 元"
	if d.IncomeRef != "" {
		s += "（" + d.IncomeRef + "）"
	}
	return s
}

// incomeLabel names the income a decision states: the person's own for a programme granted
// to a person (特困), the household's per person otherwise.
func incomeLabel(p data.Programme) string {
	if p.Individual() {
		return "本人月收入"
	}
	return "家庭人均月收入"
}

// applicationForm is the 申请审批表: the applicant, the household, then the boxes for the
// applicant's reasons and signature and for each level's opinion.
func applicationForm(f *flow, d data.AidFormData) {
	a := d.Applicant
	formHead(f, data.AidFormApplication.Title(d.Programme), d)
	f.table([]row{
		{label: "申请人", value: a.Name + "　　性别：" + a.Sex()},
		{label: "身份证号", value: a.IDNumber},
		{label: "联系电话", value: a.Phone},
		{label: "所在社区", value: a.CommunityName},
		{label: "家庭住址", value: addressOf(d)},
		{label: "申请项目", value: d.Programme.FullName()},
		{label: incomeLabel(d.Programme), value: incomeOf(d)},
	}, 8)
	members(f, d, "备注")
	f.table([]row{
		{label: "申请理由", minLines: 3},
		{label: "申请人承诺", value: "以上所填情况真实、完整，如有隐瞒或虚报，愿承担相应责任。", minLines: 2},
		{label: "申请人签字", value: "（按指印）", minLines: 2, foot: handDate},
		{label: "社区（村）意见", minLines: 3, foot: "（盖章）　" + handDate},
		{label: "街道审核意见", minLines: 3, foot: "（盖章）　" + handDate},
		{label: "审批意见", minLines: 3, foot: "（盖章）　" + handDate},
	}, 8)
}

// checkAuthorisation is the 家庭经济状况核对授权书: plain wording (no article is cited), the
// household with a box for each member's signature.
func checkAuthorisation(f *flow, d data.AidFormData) {
	a := d.Applicant
	formHead(f, data.AidFormCheck.Title(d.Programme), d)
	office := d.Office.Name
	if office == "" {
		office = "街道办事处"
	}
	who := "身份证号：" + a.IDNumber
	if a.Phone != "" {
		who += "，联系电话：" + a.Phone
	}
	f.para("本人"+a.Name+"（"+who+"）申请"+d.Programme.FullName()+
		"。本人及下列共同生活的家庭成员同意并授权"+office+"和民政部门，向有关部门和金融机构查询、核对本人及家庭成员的收入、财产等家庭经济状况。", 2)
	f.para("查询、核对所得的信息仅用于审核确认社会救助，不作他用。本人及家庭成员承诺所提供的情况真实、完整。", 2)
	members(f, d, "本人签字")
	signLine(f, "申请人（签字、按指印）：")
}

// proxyForm is the 授权委托书: the applicant as 委托人 from the record, the 受托人 and the
// term as boxes for the pen.
func proxyForm(f *flow, d data.AidFormData) {
	a := d.Applicant
	formHead(f, data.AidFormProxy.Title(d.Programme), d)
	f.table([]row{
		{label: "委托人", value: a.Name + "　　性别：" + a.Sex()},
		{label: "身份证号", value: a.IDNumber},
		{label: "联系电话", value: a.Phone},
		{label: "住址", value: addressOf(d)},
		{label: "受托人"},
		{label: "身份证号"},
		{label: "联系电话"},
		{label: "与委托人关系"},
		{label: "委托事项", value: "代为办理" + d.Programme.FullName() + "申请的有关事项：递交申请材料，配合调查核实，领取、签收有关文书。", minLines: 2},
		{label: "委托期限", value: "自　　年　月　日　至　　年　月　日"},
	}, 8)
	signLine(f, "委托人（签字、按指印）：")
	signLine(f, "受托人（签字、按指印）：")
}

// signLine places a signature label with a line to sign on and the date to write by hand.
func signLine(f *flow, label string) {
	f.need(2)
	f.line++
	t := f.put(Left, label, BodySize, FaceBody, RoleBody)
	dateX := alignX(handDate, BodySize, alignRight, Left, BlockW)
	f.rule(Left+t.Width(), t.Y+1, dateX-BodyCell, t.Y+1, false)
	f.put(dateX, handDate, BodySize, FaceBody, RoleBody)
	f.line++
}

// memberCols are the household table's columns, in cells of the 28-cell line.
var memberCols = []struct {
	head  string
	cells int
}{{"关系", 4}, {"姓名", 5}, {"性别", 3}, {"身份证号", 10}, {"", 6}}

// members places the household table: relation, name, sex and full ID number from the
// record, and an empty last column (lastHead) for the pen.
func members(f *flow, d data.AidFormData, lastHead string) {
	rows := [][]string{}
	for _, m := range d.Members {
		rel := m.Relation
		if rel == "" && m.ID == d.Applicant.ID {
			rel = "申请人"
		}
		rows = append(rows, []string{rel, m.Name, m.Sex(), m.IDNumber, ""})
	}
	f.need(2)
	f.title("家庭成员（共"+strconv.Itoa(len(d.Members))+"人）", BodySize)
	grid(f, lastHead, rows)
}

// grid places the members table: a header row and one line per member, smaller print where
// a cell's text is wider than its column.
func grid(f *flow, lastHead string, rows [][]string) {
	draw := func(cells []string, header bool) {
		f.need(1)
		x := Left
		y0 := lineTop(f.line)
		f.rule(Left, y0, Right, y0, false)
		f.rule(Left, y0+LinePitch, Right, y0+LinePitch, false)
		f.rule(Left, y0, Left, y0+LinePitch, false)
		for i, c := range memberCols {
			w := float64(c.cells) * BodyCell
			s := cells[i]
			if header && i == len(memberCols)-1 {
				s = lastHead
			}
			size := BodySize
			for size > 9 && Cells(s)*cellFor(size) > w-BodyCell/2 {
				size -= 1.5
			}
			if s != "" {
				f.put(alignX(s, size, alignCenter, x, w), s, size, FaceBody, RoleBody)
			}
			x += w
			f.rule(x, y0, x, y0+LinePitch, false)
		}
		f.line++
	}
	head := make([]string, len(memberCols))
	for i, c := range memberCols {
		head[i] = c.head
	}
	draw(head, true)
	for _, r := range rows {
		draw(r, false)
	}
}
