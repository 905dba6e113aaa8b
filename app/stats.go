package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/reports"
)

// Periods of the statistics page.
const (
	periodMonth   = "本月"
	periodQuarter = "本季度"
	periodYear    = "本年"
	periodCustom  = "自定义"
)

// statFigures are the cards of the statistics page, in order.
var statFigures = []string{"整改率", "按期整改率", "满意率", "平均整改天数", "逾期", "临期", "发现", "销号", "已回访"}

// statsScreen is 统计与导出: the figures of data.FiguresDefinition for a period and a
// community, a bar chart by community and a monthly trend, the figures by community as a
// table, and the exports (ledgers and the summary).
type statsScreen struct {
	sess *Session

	period    *widget.Select
	from, to  *dateField
	community *widget.Select
	queryBtn  *button
	note      *widget.Label
	scope     *widget.Label // 2026年第一季度 · 全街道
	others    *widget.Label // services, certifications, documents in a few lines

	figures map[string]*canvas.Text
	define  *link

	byCommunity *barChart
	trend       *barChart
	table       *widget.Table
	tableBox    *fyne.Container   // the table, as tall as its rows
	rows        []data.FiguresRow // the table's rows, 合计 last

	exportIssues, exportDocs, exportSummary *button

	communities []data.Community
	filter      data.StatsFilter // the figures on show
	stats       data.Stats
	content     fyne.CanvasObject
}

func newStatsScreen(s *Session) *statsScreen {
	sc := &statsScreen{sess: s, figures: map[string]*canvas.Text{}}
	sc.period = newSelect([]string{periodMonth, periodQuarter, periodYear, periodCustom}, nil)
	sc.from, sc.to = newDateField(false), newDateField(false)
	sc.from.entry.PlaceHolder, sc.to.entry.PlaceHolder = "起始日", "截止日"
	sc.from.OnSubmitted, sc.to.OnSubmitted = sc.onQuery, sc.onQuery
	sc.community = newSelect([]string{allCommunities}, nil)
	sc.community.SetSelected(allCommunities)
	sc.queryBtn = newButtonWithIcon("查询", theme.SearchIcon(), sc.onQuery)
	sc.queryBtn.Importance = widget.HighImportance
	sc.note = newErrorLabel()
	sc.period.OnChanged = sc.onPeriod
	sc.community.OnChanged = func(string) { sc.onQuery() }
	sc.scope = widget.NewLabel("")
	sc.scope.TextStyle = fyne.TextStyle{Bold: true}

	cards := container.NewGridWithColumns(len(statFigures))
	for _, name := range statFigures {
		v := canvas.NewText("—", colorAccent)
		switch name {
		case "逾期":
			v.Color = colorOverdue
		case "临期":
			v.Color = colorDueSoon
		}
		v.TextSize = 24
		v.TextStyle = fyne.TextStyle{Bold: true}
		sc.figures[name] = v
		cards.Add(card("", container.NewVBox(hint(name), v)))
	}
	sc.define = newLink("统计口径", nil)
	sc.define.OnTapped = sc.showDefinition

	sc.byCommunity = newBarChart()
	sc.trend = newBarChart()
	sc.table = widget.NewTable(func() (int, int) { return len(sc.rows) + 1, len(statsTableCols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if id.Col > 0 && id.Row > 0 {
				l.Alignment = fyne.TextAlignTrailing // numbers right-aligned
			}
			l.TextStyle.Bold = id.Row == 0 || id.Row == len(sc.rows)
			l.SetText(sc.cell(id.Row, id.Col))
		})
	for i, w := range []float32{96, 64, 64, 84, 76, 92, 64, 64, 76, 96, 64, 64} {
		sc.table.SetColumnWidth(i, w)
	}

	sc.exportIssues = newButtonWithIcon("导出问题台账", theme.DownloadIcon(), sc.onExportIssues)
	sc.exportDocs = newButtonWithIcon("导出文书台账", theme.DownloadIcon(), sc.onExportDocuments)
	sc.exportSummary = newButtonWithIcon("导出月度/季度汇总", theme.DownloadIcon(), sc.onExportSummary)
	sc.exportSummary.Importance = widget.HighImportance

	filters := card("", container.NewVBox(container.NewHScroll(container.NewHBox(
		widget.NewLabel("统计期间"), fixedWidth(100, sc.period),
		fixedWidth(132, sc.from.content), widget.NewLabel("至"), fixedWidth(132, sc.to.content),
		widget.NewLabel("社区"), fixedWidth(130, sc.community), sc.queryBtn)), sc.note))
	packBtn := widget.NewButtonWithIcon("迎检包", theme.FolderIcon(), sc.onPack) // app/export_pack.go
	toolbar := container.NewHBox(sc.scope, layout.NewSpacer(), sc.define, sc.exportIssues, sc.exportDocs, sc.exportSummary, packBtn)
	charts := container.NewGridWithColumns(2,
		card("各社区整改率", sc.byCommunity.content),
		card("月度整改率趋势（按发现月份）", sc.trend.content))
	sc.others = widget.NewLabel("—\n—\n—\n—")        // four lines from the start (the last: aid and notices), so the card is laid out for them
	sc.others.Truncation = fyne.TextTruncateEllipsis // each line shortened on a narrow window
	// The page scrolls under its filters, so the table by community shows all its rows even on
	// a 768-pixel screen, instead of what is left under the charts.
	sc.tableBox = container.New(&rowsHeightLayout{rows: func() int { return len(sc.rows) + 1 }}, sc.table)
	body := container.NewVScroll(container.NewVBox(cards, card("服务、认证、文书与救助", sc.others), charts, card("分社区统计", sc.tableBox)))
	sc.content = container.NewBorder(container.NewVBox(heading("统计与导出"), filters, toolbar), nil, nil, nil, body)
	sc.period.SetSelected(periodQuarter) // runs onPeriod; the query waits for Refresh
	return sc
}

// statsTableCols are the table's columns: the community, then the figures.
var statsTableCols = append([]string{"社区"}, reports.SummaryColumns...)

func (sc *statsScreen) cell(row, col int) string {
	if row == 0 {
		return statsTableCols[col]
	}
	r := sc.rows[row-1]
	if col == 0 {
		return r.Label
	}
	switch v := reports.SummaryCells(r.Figures)[col-1].(type) {
	case int:
		return groupDigits(v)
	case string:
		return v
	}
	return ""
}

// Title implements Screen.
func (sc *statsScreen) Title() string { return "统计与导出" }

// Content implements Screen.
func (sc *statsScreen) Content() fyne.CanvasObject { return sc.content }

// Refresh reloads the communities and the figures.
func (sc *statsScreen) Refresh() {
	var cs []data.Community
	sc.sess.Go(func() (err error) {
		cs, err = sc.sess.DB.Communities(sc.sess.Ctx(), false)
		return err
	}, func(err error) {
		if err != nil {
			sc.sess.ShowError(err)
			return
		}
		sc.communities = cs
		names := []string{allCommunities}
		for _, c := range cs {
			names = append(names, c.Name)
		}
		cur := sc.community.Selected
		sc.community.OnChanged = nil
		sc.community.SetOptions(names)
		if indexOf(names, cur) < 0 {
			cur = allCommunities
		}
		sc.community.SetSelected(cur)
		sc.community.OnChanged = func(string) { sc.onQuery() }
		sc.onQuery()
	})
}

// periodRange is the period of a choice on the day today.
func periodRange(choice string, today data.Date) (from, to data.Date) {
	switch choice {
	case periodMonth:
		return data.MonthStart(today), data.MonthEnd(today)
	case periodQuarter:
		return data.QuarterStart(today), data.QuarterEnd(today)
	case periodYear:
		return data.Date{Year: today.Year, Month: time.January, Day: 1}, data.Date{Year: today.Year, Month: time.December, Day: 31}
	}
	return data.Date{}, data.Date{}
}

// onPeriod fills the dates of a chosen period; 自定义 lets the clerk type them.
func (sc *statsScreen) onPeriod(choice string) {
	if choice == periodCustom {
		sc.from.entry.Enable()
		sc.to.entry.Enable()
		return
	}
	from, to := periodRange(choice, data.Today(sc.sess.Today()))
	sc.from.SetText(from.String())
	sc.to.SetText(to.String())
	sc.from.entry.Disable()
	sc.to.entry.Disable()
	if sc.communities != nil {
		sc.onQuery()
	}
}

// filterFromBar reads the period and community; ok is false when a date is wrong.
func (sc *statsScreen) filterFromBar() (data.StatsFilter, bool) {
	var f data.StatsFilter
	var err1, err2 error
	f.From, err1 = sc.from.Date()
	f.To, err2 = sc.to.Date()
	if err1 != nil || err2 != nil {
		setMessage(sc.note, "请先改正日期：可写成 2026-03-05、2026.3.5、20260305 或 2026年3月5日")
		return f, false
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		setMessage(sc.note, "截止日不能早于起始日")
		return f, false
	}
	setMessage(sc.note, "")
	f.CommunityID = sc.communityID()
	return f, true
}

func (sc *statsScreen) communityID() int64 {
	for _, c := range sc.communities {
		if c.Name == sc.community.Selected {
			return c.ID
		}
	}
	return 0
}

func (sc *statsScreen) communityName() string {
	if sc.communityID() == 0 {
		return ""
	}
	return sc.community.Selected
}

// onQuery computes the figures, the charts and the table for the period and community.
func (sc *statsScreen) onQuery() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	s := sc.sess
	var st data.Stats
	var byC, byM []data.FiguresRow
	s.Go(func() (err error) {
		ctx := s.Ctx()
		if st, err = s.DB.Stats(ctx, f); err != nil {
			return err
		}
		if byC, err = s.DB.FiguresByCommunity(ctx, f.From, f.To); err != nil {
			return err
		}
		// The trend shows the months of the period, or the six months up to its end when the
		// period is shorter.
		from := f.From
		end := st.Issues.AsOf
		six := data.DateOf(data.MustDate(end.Year, end.Month, 1).In(time.UTC).AddDate(0, -5, 0))
		if from.IsZero() || six.Before(from) {
			from = six
		}
		byM, err = s.DB.FiguresByMonth(ctx, from, end, f.CommunityID)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		sc.filter, sc.stats, sc.rows = f, st, byC
		sc.show()
		sc.byCommunity.set(chartPoints(byC[:max(len(byC)-1, 0)], sc.communityName()))
		sc.trend.set(chartPoints(byM, ""))
	})
}

func chartPoints(rows []data.FiguresRow, highlight string) []barPoint {
	ps := make([]barPoint, len(rows))
	for i, r := range rows {
		label := r.Label
		if _, m, ok := cutMonth(label); ok {
			label = m
		}
		ps[i] = barPoint{label: label, rate: r.Figures.RectificationRate, has: r.Figures.Found > 0,
			highlight: highlight != "" && r.Label == highlight}
	}
	return ps
}

// cutMonth splits 2026年7月 into 2026年 and 7月 for a chart's short labels.
func cutMonth(s string) (string, string, bool) {
	for i, r := range s {
		if r == '年' {
			return s[:i+len("年")], s[i+len("年"):], true
		}
	}
	return "", s, false
}

// show writes the figures on the cards.
func (sc *statsScreen) show() {
	q := sc.stats.Issues
	scope := "全街道"
	if sc.stats.Period.Community != "" {
		scope = sc.stats.Period.Community
	}
	period := reports.PeriodWords(sc.filter.From, sc.filter.To)
	if period == "" {
		period = "全部"
	}
	sc.scope.SetText(fmt.Sprintf("%s · %s（统计至 %s）", period, scope, q.AsOf))
	set := func(name, v string) {
		sc.figures[name].Text = v
		sc.figures[name].Refresh()
	}
	set("整改率", data.Percent(q.Closed, q.Found))
	set("按期整改率", data.Percent(q.ClosedOnTime, q.Closed))
	set("满意率", data.Percent(q.Satisfied, q.Visited))
	if q.Closed > 0 {
		set("平均整改天数", fmt.Sprintf("%.1f 天", q.AvgDaysToClose))
	} else {
		set("平均整改天数", "—")
	}
	set("逾期", groupDigits(q.Overdue))
	set("临期", groupDigits(q.DueSoon))
	set("发现", groupDigits(q.Found))
	set("销号", groupDigits(q.Closed))
	set("已回访", groupDigits(q.Visited))
	st := sc.stats
	sc.others.SetText(strings.Join(append(data.OtherLedgersSummary(st.Services, st.Certifications, st.Documents.Issued, st.Documents.AwaitingDelivery),
		data.AidLines(st.Aid, st.Notices)...), "\n")) // aid and notices: data/aid_notice.go
	sc.table.Refresh()
	sc.tableBox.Refresh()
}

func (sc *statsScreen) showDefinition() {
	l := widget.NewLabel(data.FiguresDefinition)
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustom("统计口径", "关闭", container.NewVScroll(l), sc.sess.Window)
	dlg.Resize(fyne.NewSize(680, 560))
	sc.sess.ShowDialog(dlg)
}

func (sc *statsScreen) onExportIssues() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	sc.sess.showExport(issueExport(sc.sess, data.IssueFilter{From: f.From, To: f.To, CommunityID: f.CommunityID}, sc.communityName()))
}

func (sc *statsScreen) onExportDocuments() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	sc.sess.showExport(documentExport(sc.sess, data.DocumentFilter{From: f.From, To: f.To}))
}

func (sc *statsScreen) onExportSummary() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	sc.sess.showExport(summaryExport(sc.sess, f.From, f.To, f.CommunityID, sc.communityName()))
}

// barPoint is one bar of a chart: a rate between 0 and 1.
type barPoint struct {
	label     string
	rate      float64
	has       bool // the rate means something (its denominator is not 0)
	highlight bool // the community chosen
}

// barChart draws rates as bars with canvas rectangles, as the 工作台's trend does: no chart
// library.
type barChart struct {
	points  []barPoint
	content *fyne.Container
}

func newBarChart() *barChart {
	c := &barChart{}
	c.content = container.New(&barLayout{c: c})
	return c
}

func (c *barChart) set(ps []barPoint) {
	c.points = ps
	c.content.Objects = nil
	for _, p := range ps {
		col := colorAccent
		if p.highlight {
			col = colorDueSoon
		}
		bar := canvas.NewRectangle(col)
		bar.CornerRadius = 2
		track := canvas.NewRectangle(colorAccentSoft)
		v := "—"
		if p.has {
			v = data.Percent(int(p.rate*1000+0.5), 1000)
		}
		value := canvas.NewText(v, colorText)
		value.TextSize = 12
		value.Alignment = fyne.TextAlignCenter
		label := canvas.NewText(p.label, colorMuted)
		label.TextSize = 12
		label.Alignment = fyne.TextAlignCenter
		c.content.Objects = append(c.content.Objects, track, bar, value, label)
	}
	c.content.Refresh()
}

// barLayout places each bar's track, bar, value and label: four objects a bar.
type barLayout struct{ c *barChart }

func (l *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(300, 150) }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := min(len(objs)/4, len(l.c.points))
	if n == 0 {
		return
	}
	slot := size.Width / float32(n)
	barW := min(slot*0.5, 36)
	top, bottom := float32(18), float32(20)
	h := size.Height - top - bottom
	for i := 0; i < n; i++ {
		p := l.c.points[i]
		x := slot*float32(i) + (slot-barW)/2
		track, bar, value, label := objs[4*i], objs[4*i+1], objs[4*i+2], objs[4*i+3]
		track.Move(fyne.NewPos(x, top))
		track.Resize(fyne.NewSize(barW, h))
		bh := h * float32(min(max(p.rate, 0), 1))
		bar.Move(fyne.NewPos(x, top+h-bh))
		bar.Resize(fyne.NewSize(barW, bh))
		value.Move(fyne.NewPos(slot*float32(i), max(top+h-bh-18, 0)))
		value.Resize(fyne.NewSize(slot, 14))
		label.Move(fyne.NewPos(slot*float32(i), top+h+4))
		label.Resize(fyne.NewSize(slot, 14))
	}
}

// rowsHeightLayout gives a table the height of all its rows, for a table inside a scrolled page
// (a widget.Table's own minimum is one row).
type rowsHeightLayout struct{ rows func() int }

func (l *rowsHeightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *rowsHeightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	row := widget.NewLabel("0").MinSize().Height + theme.Padding()
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, float32(l.rows())*row)
}
