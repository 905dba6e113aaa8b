package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"taizhang/data"
)

// RosterOptions say what a resident roster export (居民花名册) says about itself.
type RosterOptions struct {
	Office    data.Office
	Community string    // the community exported, empty for the whole office
	Date      data.Date // 填报日期; ages are counted on it
	Preparer  string    // 填报人
	Reviewer  string    // 审核人
	// Full writes whole ID and phone numbers. The default masks them (1402**********1234,
	// 138****5678); only a user allowed to unmask may ask for full values, and only a full
	// export can be imported again.
	Full bool
	// Audit is the audit head at the export, printed in the footer (audit_footer.go).
	Audit string
}

// RosterColumns are the columns of the roster export, after 序号. The importer reads every
// one of them back (年龄 and 性别 are checked against the ID number).
var RosterColumns = []struct {
	Field data.RosterField
	Col   Column
}{
	{data.RosterName, Column{"姓名", 10, AlignCenter, CellText}},
	{data.RosterSex, Column{"性别", 5, AlignCenter, CellText}},
	{data.RosterAge, Column{"年龄", 5, AlignCenter, CellNumber}},
	{data.RosterIDNumber, Column{"身份证号", 21, AlignCenter, CellText}},
	{data.RosterPhone, Column{"联系电话", 14, AlignCenter, CellText}},
	{data.RosterCommunity, Column{"所属社区", 12, AlignLeft, CellText}},
	{data.RosterGrid, Column{"网格", 10, AlignLeft, CellText}},
	{data.RosterAddress, Column{"住址", 30, AlignLeft, CellText}},
	{data.RosterHousehold, Column{"户号", 6, AlignCenter, CellNumber}},
	{data.RosterRelation, Column{"与户主关系", 8, AlignCenter, CellText}},
	{data.RosterTags, Column{"人员类别", 14, AlignLeft, CellText}},
	{data.RosterStatus, Column{"状态", 6, AlignCenter, CellText}},
	{data.RosterNote, Column{"备注", 20, AlignLeft, CellText}},
}

// RosterTitle is the export's title: 平城区鹿苑街道居民花名册（2026年11月）, or with the
// community: 平城区鹿苑街道古城社区居民花名册（2026年11月）.
func RosterTitle(office data.Office, community string, d data.Date) string {
	name := strings.TrimSuffix(strings.TrimSpace(office.Name), "办事处")
	if name == "" {
		name = office.ShortName
	}
	return fmt.Sprintf("%s%s居民花名册（%d年%d月）", name, community, d.Year, int(d.Month))
}

// RosterXLSX writes a resident roster in the inspector's form. Add residents in the order
// they should appear, then WriteTo.
type RosterXLSX struct {
	l     *LedgerXLSX
	cells *rosterCells
}

// RosterSheet is the ledger sheet of a roster export (XLSX or PDF).
func RosterSheet(o RosterOptions) LedgerSheet {
	cols := make([]Column, len(RosterColumns))
	for i, c := range RosterColumns {
		cols[i] = c.Col
	}
	unit := o.Office.Name
	if o.Community != "" {
		unit += o.Community
	}
	note := "身份证号、联系电话已隐去中间位。"
	if o.Full {
		note = "本表含完整身份证号和联系电话，请妥善保管，不得外传。"
	}
	return LedgerSheet{Sheet: "居民花名册", Title: RosterTitle(o.Office, o.Community, o.Date), Unit: unit,
		Date: o.Date, Columns: cols, Preparer: o.Preparer, Reviewer: o.Reviewer, Note: note, Audit: o.Audit}
}

// NewRosterXLSX starts a roster export.
func NewRosterXLSX(o RosterOptions) (*RosterXLSX, error) {
	l, err := NewLedgerXLSX(RosterSheet(o))
	if err != nil {
		return nil, err
	}
	return &RosterXLSX{l: l, cells: newRosterCells(o)}, nil
}

// Add writes one resident.
func (x *RosterXLSX) Add(r data.Resident) error { return x.l.Row(x.cells.of(r)...) }

// rosterCells makes the cells of roster rows: numbers masked unless Full, ages on the
// roster's date, 户号 numbered from 1 in the order households first appear.
type rosterCells struct {
	o     RosterOptions
	today time.Time
	hh    map[int64]int // household id → 户号 in this file
}

func newRosterCells(o RosterOptions) *rosterCells {
	return &rosterCells{o: o, today: o.Date.In(time.UTC), hh: map[int64]int{}}
}

// of returns the cells of r in RosterColumns' order.
func (x *rosterCells) of(r data.Resident) []string {
	idn, phone := r.IDNumber, r.Phone
	if !x.o.Full {
		idn, phone = data.MaskIDNumber(idn), data.MaskPhone(phone)
	}
	household, relation := "", ""
	if r.HouseholdID != 0 {
		n, ok := x.hh[r.HouseholdID]
		if !ok {
			n = len(x.hh) + 1
			x.hh[r.HouseholdID] = n
		}
		household, relation = strconv.Itoa(n), r.Relation
	}
	age := ""
	if !r.Birth.IsZero() {
		age = strconv.Itoa(r.Age(x.today))
	}
	return []string{r.Name, r.Sex(), age, idn, phone, r.CommunityName, r.GridName, r.Address, household, relation,
		strings.Join(r.Tags, "、"), r.Status.String(), r.Note}
}

// WriteRosterPDF writes a resident roster (居民花名册) as a printable A4 landscape ledger like
// the issue and document ledgers. residents yields the residents in order and is called
// twice (the ledger counts its pages first); it returns the number of residents written.
func WriteRosterPDF(w io.Writer, o RosterOptions, residents func(each func(data.Resident) error) error, opts Options) (int, error) {
	rows := func(each func([]string) error) error {
		cells := newRosterCells(o) // 户号 restart on each pass
		return residents(func(r data.Resident) error { return each(cells.of(r)) })
	}
	return WriteLedgerPDF(w, RosterSheet(o), rows, opts)
}

// Rows returns the number of residents written.
func (x *RosterXLSX) Rows() int { return x.l.Rows() }

// WriteTo finishes the workbook and writes it to w.
func (x *RosterXLSX) WriteTo(w io.Writer) (int64, error) { return x.l.WriteTo(w) }

// Close discards an unfinished export.
func (x *RosterXLSX) Close() { x.l.Close() }

// WriteImportProblems writes the problems an import found as a ledger (导入检查报告), one
// row per problem: 行号, 列名, 问题, 原值, for the clerk to work through in Excel.
func WriteImportProblems(w io.Writer, file string, office data.Office, d data.Date, problems []data.RosterProblem) error {
	return WriteImportReport(w, "居民花名册", file, office, d, problems, nil)
}

// WriteImportReport writes an import's report (导入检查报告) for the ledger named: one row
// per problem (行号, 列名, 问题, 原值) when the file was refused, else one row per name the
// import added to the office (社区, 网格, 类别 … with --add-missing).
func WriteImportReport(w io.Writer, ledger, file string, office data.Office, d data.Date, problems []data.RosterProblem, added [][2]string) error {
	if len(problems) == 0 {
		l, err := NewLedgerXLSX(LedgerSheet{Sheet: "导入报告", Title: ledger + "导入报告（" + file + "）", Unit: office.Name, Date: d,
			Columns: []Column{{"类型", 12, AlignCenter, CellText}, {"名称", 40, AlignLeft, CellText}}, Note: "文件无误。以上是导入时新添加到本单位的社区、网格和目录项。"})
		if err != nil {
			return err
		}
		defer l.Close()
		for _, a := range added {
			if err := l.Row(a[0], a[1]); err != nil {
				return err
			}
		}
		_, err = l.WriteTo(w)
		return err
	}
	multi := false
	for _, p := range problems {
		if p.Sheet != "" {
			multi = true
		}
	}
	var cols []Column
	if multi {
		cols = append(cols, Column{"工作表", 14, AlignLeft, CellText})
	}
	cols = append(cols, Column{"行号", 7, AlignCenter, CellText}, Column{"列名", 14, AlignCenter, CellText}, Column{"问题", 60, AlignLeft, CellText}, Column{"原值", 26, AlignLeft, CellText})
	l, err := NewLedgerXLSX(LedgerSheet{Sheet: "导入检查报告", Title: ledger + "导入检查报告（" + file + "）", Unit: office.Name,
		Date: d, Columns: cols, Note: "以上各行有误，整个文件未导入。请改正后重新导入。"})
	if err != nil {
		return err
	}
	defer l.Close()
	for _, p := range problems {
		line := ""
		if p.Line > 0 {
			line = "第 " + strconv.Itoa(p.Line) + " 行"
		}
		vals := []string{line, p.Column, p.Problem, p.Value}
		if multi {
			vals = append([]string{p.Sheet}, vals...)
		}
		if err := l.Row(vals...); err != nil {
			return err
		}
	}
	_, err = l.WriteTo(w)
	return err
}
