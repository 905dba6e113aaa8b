package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// ScreenAid is the 救助对象 screen's id on the rail.
const ScreenAid = "aid"

// aidAllStatuses is the status filter's choice that means any.
const aidAllStatuses = "全部状态"

// aidStatuses are the status filter's choices: a case's state in the month viewed.
var aidStatuses = []data.AidStatus{data.AidRunning, data.AidDue, data.AidOneOff, data.AidPending, data.AidEnded}

// aidScreen is 救助对象: the aid roster as the signed decisions make it, for one month — who
// is paid, under which programme, how much — with the month's totals in the footer, a case's
// page with its decisions as a timeline, the month's 发放花名册 and the summary, and (for the
// administrator) the local 救助标准.
type aidScreen struct {
	sess *Session
	*navigator

	month       data.Month
	monthLabel  *widget.Label
	programme   *widget.Select
	community   *widget.Select
	status      *widget.Select
	query       *keyEntry
	communities []data.Community
	totals      *widget.Label

	*pagedTable[data.AidRow]
	page *aidCasePage // the case on show, nil on the list
}

// aidCol makes a column of the aid list that shows text.
func aidCol(title string, width float32, sort string, text func(data.AidRow) string) column[data.AidRow] {
	return column[data.AidRow]{title: title, width: width, sort: sort,
		text: func(_ *pagedTable[data.AidRow], _ int, r data.AidRow) string { return text(r) }}
}

// aidColumns are the columns of the aid list.
var aidColumns = []column[data.AidRow]{
	{title: "序号", width: 56, align: fyne.TextAlignTrailing,
		text: func(t *pagedTable[data.AidRow], row int, _ data.AidRow) string { return t.seqText(row) }},
	aidCol("姓名", 96, "name", func(r data.AidRow) string { return r.Name }),
	aidCol("社区", 120, "community", func(r data.AidRow) string { return r.CommunityName }),
	aidCol("救助项目", 96, "programme", func(r data.AidRow) string { return string(r.Programme) }),
	aidCol("状态", 90, "", func(r data.AidRow) string { return r.Status.String() }),
	aidCol("保障人数", 80, "", func(r data.AidRow) string { return fmt.Sprint(r.Persons) }),
	aidCol("月金额（元）", 110, "amount", func(r data.AidRow) string { return r.Amount.Yuan() }),
	aidCol("起始月份", 96, "start", func(r data.AidRow) string { return r.Start.String() }),
	aidCol("停发月份", 96, "", func(r data.AidRow) string {
		if r.Programme.OneOff() {
			return ""
		}
		return r.End.String()
	}),
	aidCol("依据文号", 200, "", func(r data.AidRow) string { return r.LastNumber }),
	aidCol("下次核查", 104, "due", func(r data.AidRow) string { return r.Due.String() }),
}

func newAidScreen(s *Session) *aidScreen {
	sc := &aidScreen{sess: s, month: data.MonthOf(data.Today(s.Today()))}
	sc.pagedTable = newPagedTable(s, aidColumns, sc.createCell, sc.updateCell, sc.load,
		pagedOptions{unit: "条", pageSizes: true, fit: 9, fitMin: 120, fitMax: 220})
	sc.opens(func(r data.AidRow) { sc.showCase(r.CaseID) })
	sc.key = func(r data.AidRow) int64 { return r.CaseID }
	sc.emptyText = func() string {
		return "没有符合条件的救助对象。救助对象由已签发的给予、增发、减发、停发决定书自动生成，无需录入"
	}
	sc.monthLabel = widget.NewLabel(sc.month.Chinese())
	sc.monthLabel.TextStyle = fyne.TextStyle{Bold: true}
	prev := newButtonWithIcon("", theme.NavigateBackIcon(), func() { sc.setMonth(sc.month - 1) })
	next := newButtonWithIcon("", theme.NavigateNextIcon(), func() { sc.setMonth(sc.month + 1) })
	var progs []string
	for _, p := range data.DefaultProgrammes {
		progs = append(progs, string(p))
	}
	reload := func(string) { sc.offset = 0; sc.load() }
	sc.programme = newSelect(append([]string{allProgrammes}, progs...), nil)
	sc.programme.SetSelected(allProgrammes)
	sc.programme.OnChanged = reload
	sc.community = newSelect([]string{allComms}, nil)
	sc.community.SetSelected(allComms)
	sc.community.OnChanged = reload
	var sts []string
	for _, st := range aidStatuses {
		sts = append(sts, st.String())
	}
	sc.status = newSelect(append([]string{aidAllStatuses}, sts...), nil)
	sc.status.SetSelected(data.AidRunning.String())
	sc.status.OnChanged = reload
	sc.query = newEntry("姓名")
	sc.query.OnSubmitted = func(string) { sc.offset = 0; sc.load() }
	sc.totals = widget.NewLabel("")
	sc.totals.TextStyle = fyne.TextStyle{Bold: true}

	rollBtn := newButtonWithIcon("发放花名册", theme.DownloadIcon(), sc.OnExport)
	sumBtn := newButtonWithIcon("汇总表", theme.DownloadIcon(), sc.onSummary)
	tools := container.NewHBox(rollBtn, sumBtn)
	if s.Can(data.ActManageOrg) {
		tools.Add(newButtonWithIcon("救助标准", theme.SettingsIcon(), sc.onStandards))
		tools.Add(newButtonWithIcon("核查规则", theme.SettingsIcon(), sc.onReviewRules))
	}
	bar := container.NewVBox(
		container.NewHBox(widget.NewLabel("月份"), prev, sc.monthLabel, next, widget.NewLabel("救助项目"), fixedWidth(120, sc.programme),
			widget.NewLabel("社区"), fixedWidth(130, sc.community), widget.NewLabel("状态"), fixedWidth(120, sc.status)),
		container.NewBorder(nil, nil, widget.NewLabel("姓名"), tools, sc.query),
	)
	top := container.NewVBox(container.NewHBox(heading("救助对象台账"), layout.NewSpacer(),
		hint("由已签发的决定书生成　Ctrl+F 查找　Ctrl+E 发放花名册　F5 刷新")), card("", bar))
	footer := container.NewVBox(sc.totals, sc.footer)
	list := container.NewBorder(top, footer, nil, nil, sc.body)
	sc.navigator = newNavigator(list)
	return sc
}

// Title names the screen.
func (sc *aidScreen) Title() string { return "救助对象" }

// Content is the list or a case's page.
func (sc *aidScreen) Content() fyne.CanvasObject { return sc.box }

// Refresh reloads the communities and the list (F5, and whenever the screen is shown).
func (sc *aidScreen) Refresh() {
	s := sc.sess
	load(s, func(ctx context.Context) ([]data.Community, error) { return s.DB.Communities(ctx, false) }, func(cs []data.Community) {
		sc.communities = cs
		names := []string{allComms}
		for _, c := range cs {
			names = append(names, c.Name)
		}
		on := sc.community.OnChanged
		sc.community.OnChanged = nil
		setOptions(sc.community, names, sc.community.Selected)
		if sc.community.Selected == "" {
			sc.community.SetSelected(allComms)
		}
		sc.community.OnChanged = on
		if sc.page != nil {
			sc.showCase(sc.page.id)
		}
		sc.load()
	})
}

// FocusSearch puts the cursor in the name box (Ctrl+F).
func (sc *aidScreen) FocusSearch() {
	sc.showHome()
	sc.page = nil
	sc.sess.Window.Canvas().Focus(sc.query)
}

// OnEscape closes a case's page.
func (sc *aidScreen) OnEscape() bool {
	if sc.onList() {
		return false
	}
	sc.page = nil
	sc.showHome()
	return true
}

func (sc *aidScreen) setMonth(m data.Month) {
	sc.month, sc.offset = m, 0
	sc.monthLabel.SetText(m.Chinese())
	sc.load()
}

func (sc *aidScreen) communityID() int64 {
	for _, c := range sc.communities {
		if c.Name == sc.community.Selected {
			return c.ID
		}
	}
	return 0
}

func (sc *aidScreen) programmeValue() data.Programme {
	if sc.programme.Selected == allProgrammes {
		return ""
	}
	return data.Programme(sc.programme.Selected)
}

// filter is what the bar chooses.
func (sc *aidScreen) filter() data.AidFilter {
	f := data.AidFilter{Month: sc.month, Programme: sc.programmeValue(), CommunityID: sc.communityID(),
		Query: strings.TrimSpace(sc.query.Text)}
	for _, st := range aidStatuses {
		if st.String() == sc.status.Selected {
			f.Status = st
		}
	}
	return f
}

// load reads one page and the month's totals of everything the filter matched.
func (sc *aidScreen) load() {
	s := sc.sess
	f := sc.filter()
	var paid data.AidTotals
	sc.fetch(func(q pageQuery) ([]data.AidRow, int, error) {
		f.Offset, f.Limit, f.Sort, f.Desc = q.offset, q.limit, q.sort, q.desc
		l, err := s.DB.AidRoster(s.Ctx(), f)
		paid = l.Paid
		return l.Rows, l.Total, err
	}, func() {
		sc.totals.SetText(fmt.Sprintf("%s发放合计：%s 户（人）、保障 %s 人、%s 元", f.Month.Chinese(), groupDigits(paid.Households),
			groupDigits(paid.Persons), paid.Amount.Yuan()))
	})
}

func (sc *aidScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (sc *aidScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(sc.rows) {
		return
	}
	c := aidColumns[id.Col]
	l.Alignment = c.align
	if id.Col == 6 || id.Col == 5 {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(c.text(sc.pagedTable, id.Row, sc.rows[id.Row]))
}

// cellText is a cell as shown, for tests.
func (sc *aidScreen) cellText(row, col int) string {
	return aidColumns[col].text(sc.pagedTable, row, sc.rows[row])
}

// payrollExport is the month's 发放花名册 of the bar's programme and community.
func (sc *aidScreen) payrollExport() ledgerExport {
	s, m, p, cid := sc.sess, sc.month, sc.programmeValue(), sc.communityID()
	community := ""
	if cid != 0 {
		community = sc.community.Selected
	}
	o := s.ledgerOptions(community, data.Date{}, data.Date{})
	name := string(p)
	if p == "" {
		name = "社会救助"
	}
	title := reports.LedgerTitle(o.Office, community, name+"资金发放花名册", m.First(), data.MonthEnd(m.First()))
	return ledgerExport{Title: "导出" + m.Chinese() + "发放花名册", Name: title,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Count: func(ctx context.Context) (int, error) {
			rows, _, err := s.DB.AidPayroll(ctx, m, p, cid)
			return len(rows), err
		},
		Write: func(ctx context.Context, w io.Writer, format reports.Format, _ bool, _ reports.ExportProgress) (int, error) {
			rows, tot, err := s.DB.AidPayroll(ctx, m, p, cid)
			if err != nil {
				return 0, err
			}
			return reports.WriteAidPayroll(w, format, reports.AidPayroll{Month: m, Programme: p, Rows: rows, Totals: tot}, o)
		}}
}

// summaryExport is the summary by programme and community of the quarter or year (the
// month's when period is "month") holding the month on show.
func (sc *aidScreen) summaryExport(period string) ledgerExport {
	s, cid := sc.sess, sc.communityID()
	community := ""
	if cid != 0 {
		community = sc.community.Selected
	}
	from, to := sc.month, sc.month
	switch period {
	case "quarter":
		from = data.NewMonth(sc.month.Year(), sc.month.Mon()-(sc.month.Mon()-1)%3)
		to = from + 2
	case "year":
		from, to = data.NewMonth(sc.month.Year(), 1), data.NewMonth(sc.month.Year(), 12)
	}
	o := s.ledgerOptions(community, data.Date{}, data.Date{})
	title := reports.LedgerTitle(o.Office, community, "社会救助资金发放汇总表", from.First(), data.MonthEnd(to.First()))
	return ledgerExport{Title: "导出救助资金发放汇总表", Name: title,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Write: func(ctx context.Context, w io.Writer, format reports.Format, _ bool, _ reports.ExportProgress) (int, error) {
			rows, grand, err := s.DB.AidSummary(ctx, from, to, cid)
			if err != nil {
				return 0, err
			}
			return reports.WriteAidSummary(w, format, rows, grand, from, to, o)
		}}
}

// OnExport exports the month's 发放花名册 (Ctrl+E, 发放花名册).
func (sc *aidScreen) OnExport() { sc.sess.showExport(sc.payrollExport()) }

// onSummary asks for the period and exports the summary.
func (sc *aidScreen) onSummary() {
	s := sc.sess
	periods := []string{"本月", "本季度", "本年度"}
	keys := []string{"month", "quarter", "year"}
	choice := widget.NewRadioGroup(periods, nil)
	choice.SetSelected(periods[1])
	body := container.NewVBox(widget.NewLabel("按救助项目和社区汇总户数、人数和发放金额，期间以"+sc.month.Chinese()+"为准："), choice)
	d := dialog.NewCustomConfirm("救助资金发放汇总表", "下一步", "取消", body, func(ok bool) {
		if ok {
			s.showExport(sc.summaryExport(keys[max(indexOf(periods, choice.Selected), 0)]))
		}
	}, s.Window)
	s.ShowDialog(d)
}

// showDue shows the cases due for review this month (the dashboard's 待核查 card).
func (sc *aidScreen) showDue() {
	sc.page = nil
	sc.showHome()
	if sc.month != data.MonthOf(data.Today(sc.sess.Today())) {
		sc.month = data.MonthOf(data.Today(sc.sess.Today()))
		sc.monthLabel.SetText(sc.month.Chinese())
	}
	sc.status.SetSelected(data.AidDue.String()) // reloads
}

// onReviewRules lets the administrator edit how often each category is reviewed.
func (sc *aidScreen) onReviewRules() {
	s := sc.sess
	load(s, s.DB.AidReviewRules, func(rules []data.AidReviewRule) { sc.showReviewRules(rules) })
}

// reviewRulesDialog is the 核查规则 dialog, kept for tests.
type reviewRulesDialog struct {
	months []*keyEntry
	save   func(bool)
}

func (sc *aidScreen) showReviewRules(rules []data.AidReviewRule) *reviewRulesDialog {
	s := sc.sess
	d := &reviewRulesDialog{}
	grid := container.NewGridWithColumns(2, widget.NewLabel("救助项目（分类）"), widget.NewLabel("核查间隔（月）"))
	for _, r := range rules {
		e := newEntry("")
		e.SetText(fmt.Sprint(r.Months))
		d.months = append(d.months, e)
		who := string(r.Programme)
		if r.Category != "" {
			who += "（" + r.Category.String() + "）"
		}
		grid.Add(widget.NewLabel(who))
		grid.Add(e)
	}
	body := container.NewVBox(grid, hint("默认依据《最低生活保障审核确认办法》第三十一条：经济状况稳定的低保家庭每年核查一次，"+
		"收入来源不固定、有劳动能力的每半年一次；特困人员默认每年一次（本单位规则，可修改）。"))
	d.save = func(ok bool) {
		if !ok {
			return
		}
		out := append([]data.AidReviewRule(nil), rules...)
		for i := range out {
			var n int
			if _, err := fmt.Sscan(d.months[i].Text, &n); err != nil {
				s.ShowMessage("未能保存", fmt.Sprintf("“%s”的核查间隔应为整数（月）", out[i].Programme))
				return
			}
			out[i].Months = n
		}
		s.Go(func() error { return s.DB.SetAidReviewRules(s.Ctx(), out) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已保存核查规则")
			sc.load()
		})
	}
	dlg := dialog.NewCustomConfirm("核查规则", "保存", "取消", body, d.save, s.Window)
	dlg.Resize(fyne.NewSize(600, 300))
	s.ShowDialog(dlg)
	return d
}

// aidDueCard is the dashboard's 待核查: running 低保 and 特困 cases due for their review
// (入户核查) by the end of this month, overdue ones included.
var aidDueCard = DashboardCard{ID: "aid_review_due", Title: "待核查", Hint: "低保、特困本月到期的入户核查（含逾期）",
	Color: colorDueSoon,
	Count: func(s *Session) (int, error) {
		n, _, err := s.DB.AidDueCounts(s.Ctx())
		return n, err
	},
	Open: func(s *Session) {
		s.Open(ScreenAid)
		if sc, ok := s.shell.Screen(ScreenAid).(*aidScreen); ok {
			sc.showDue()
		}
	}}
