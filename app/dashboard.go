package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// DashboardCard is one number across the top of the 工作台: what needs action today, a
// click away from the list behind it.
type DashboardCard struct {
	ID    string
	Title string
	Hint  string      // one short line under the number
	Color color.Color // the number's colour; nil: the accent
	// Count returns the number, off the UI goroutine; nil shows "—" (not yet available).
	Count func(s *Session) (int, error)
	// Open shows the list behind the number; nil: the card is not clickable.
	Open func(s *Session)
}

var dashboardCards = []DashboardCard{
	{ID: "issues_overdue", Title: "逾期", Hint: "全部已过时限未销号", Color: colorOverdue,
		Count: queueCount(queueOverdue), Open: func(s *Session) { openQueue(s, queueOverdue) }},
	{ID: "issues_due_soon", Title: "临期", Hint: "3 天内到期", Color: colorDueSoon,
		Count: queueCount(queueDueSoon), Open: func(s *Session) { openQueue(s, queueDueSoon) }},
	{ID: "issues_pending_review", Title: "待验收", Hint: "申请销号待审核", Color: colorStatusReview,
		Count: queueCount(queuePendingReview), Open: func(s *Session) { openQueue(s, queuePendingReview) }},
	{ID: "issues_follow_up", Title: "待回访", Hint: "销号后尚未回访", Color: colorStatusProgress,
		Count: queueCount(queueFollowUp), Open: func(s *Session) { openQueue(s, queueFollowUp) }},
	{ID: "issues_extension", Title: "延期待批", Hint: "延期申请待审批", Color: colorAccent,
		Count: queueCount(queueExtension), Open: func(s *Session) { openQueue(s, queueExtension) }},
	{ID: "certification_due", Title: "本季度待认证", Hint: "高龄津贴等定期认证（含逾期）",
		Count: func(s *Session) (int, error) {
			n, _, err := s.DB.CertDueThisQuarter(s.Ctx())
			return n, err
		},
		Open: func(s *Session) {
			s.Open(ScreenServices)
			if sc, ok := s.shell.Screen(ScreenServices).(*servicesScreen); ok {
				sc.showCertifications(data.CertPending)
			}
		}},
	{ID: "delivery_due", Title: "待送达", Hint: "已签发未送达的决定书", Color: colorWarning,
		Count: func(s *Session) (int, error) { return s.DB.AwaitingDelivery(s.Ctx()) },
		Open:  openAwaitingDelivery},
	aidDueCard, // app/aid.go
}

func queueCount(i int) func(s *Session) (int, error) {
	return func(s *Session) (int, error) { return countIssues(s, rectQueues[i].filter) }
}

// dashboardScreen is 工作台: the cards, this quarter's figures with the trend of 整改率, and
// the user's recent records.
type dashboardScreen struct {
	sess    *Session
	cards   []DashboardCard
	numbers []*canvas.Text
	tiles   []*button

	quarter *widget.Label
	figures map[string]*canvas.Text // 整改率, 按期整改率, 满意率, 平均整改天数
	counts  *widget.Label
	chart   *barChart // monthly 整改率, shared with 统计与导出
	recent  *fyne.Container
	content fyne.CanvasObject
}

func newDashboard(s *Session) *dashboardScreen {
	d := &dashboardScreen{sess: s, cards: dashboardCards, figures: map[string]*canvas.Text{}}
	row := container.NewGridWithColumns(len(d.cards))
	for _, c := range d.cards {
		c := c
		n := canvas.NewText("—", colorAccent)
		if c.Color != nil {
			n.Color = c.Color
		}
		n.TextSize = 28
		n.TextStyle = fyne.TextStyle{Bold: true}
		if c.Count == nil {
			n.Color = colorMuted
		}
		title := widget.NewLabel(c.Title)
		title.TextStyle = fyne.TextStyle{Bold: true}
		tile := newButton("", nil)
		tile.Importance = widget.LowImportance
		if c.Open != nil {
			tile.OnTapped = func() { c.Open(s) }
		}
		h := hint(c.Hint)
		h.Truncation = fyne.TextTruncateEllipsis
		body := container.NewVBox(title, container.NewPadded(n), h)
		d.numbers = append(d.numbers, n)
		d.tiles = append(d.tiles, tile)
		row.Add(card("", container.NewStack(tile, body)))
	}

	d.quarter = widget.NewLabel("本季度")
	d.quarter.TextStyle = fyne.TextStyle{Bold: true}
	figs := container.NewGridWithColumns(4)
	for _, name := range []string{"整改率", "按期整改率", "满意率", "平均整改天数"} {
		v := canvas.NewText("—", colorAccent)
		v.TextSize = 24
		v.TextStyle = fyne.TextStyle{Bold: true}
		d.figures[name] = v
		figs.Add(container.NewVBox(hint(name), v))
	}
	d.counts = hint("")
	d.chart = newBarChart()
	define := newLink("统计口径", nil)
	define.OnTapped = d.showDefinition
	left := card("", container.NewVBox(container.NewHBox(d.quarter, layout.NewSpacer(), define), figs, d.counts,
		widget.NewSeparator(), hint("近 6 个月整改率（按发现月份）"), d.chart.content))
	d.recent = container.NewVBox()
	right := card("最近处理", container.NewVScroll(d.recent))
	d.content = container.NewBorder(container.NewVBox(heading("工作台"), row), nil, nil, nil,
		container.NewGridWithColumns(2, left, right))
	return d
}

// Title implements Screen.
func (d *dashboardScreen) Title() string { return "工作台" }

// Content implements Screen.
func (d *dashboardScreen) Content() fyne.CanvasObject { return d.content }

// Refresh recounts the cards and figures.
func (d *dashboardScreen) Refresh() {
	d.loadCards()
	d.loadFigures()
	d.loadRecent()
}

func (d *dashboardScreen) loadCards() {
	for i, c := range d.cards {
		if c.Count == nil {
			continue
		}
		i, c := i, c
		var n int
		d.sess.Go(func() (err error) {
			n, err = c.Count(d.sess)
			return err
		}, func(err error) {
			if err != nil {
				d.numbers[i].Text = "—"
			} else {
				d.numbers[i].Text = groupDigits(n)
			}
			d.numbers[i].Refresh()
		})
	}
}

// cardNumber is what card id shows, for tests.
func (d *dashboardScreen) cardNumber(id string) string {
	for i, c := range d.cards {
		if c.ID == id {
			return d.numbers[i].Text
		}
	}
	return ""
}

func (d *dashboardScreen) loadFigures() {
	s := d.sess
	var dc data.DashboardCounts
	var trend []barPoint
	s.Go(func() (err error) {
		ctx := s.Ctx()
		if dc, err = s.DB.Dashboard(ctx); err != nil {
			return err
		}
		today := dc.Today
		for k := 5; k >= 0; k-- {
			from := data.MonthsBefore(data.MonthStart(today), k)
			to := data.MonthEnd(from)
			f, err := s.DB.IssueFigures(ctx, from, to, 0)
			if err != nil {
				return err
			}
			trend = append(trend, barPoint{label: fmt.Sprintf("%d月", int(from.Month)), rate: f.RectificationRate, has: f.Found > 0})
		}
		return nil
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		q := dc.Quarter
		d.quarter.SetText(fmt.Sprintf("本季度（%d年第%d季度，%s 至今）", dc.QuarterFrom.Year, data.Quarter(dc.QuarterFrom), dc.QuarterFrom))
		set := func(name, v string) {
			d.figures[name].Text = v
			d.figures[name].Refresh()
		}
		set("整改率", data.Percent(q.Closed, q.Found))
		set("按期整改率", data.Percent(q.ClosedOnTime, q.Closed))
		set("满意率", data.Percent(q.Satisfied, q.Visited))
		if q.Closed > 0 {
			set("平均整改天数", fmt.Sprintf("%.1f 天", q.AvgDaysToClose))
		} else {
			set("平均整改天数", "—")
		}
		d.counts.SetText(fmt.Sprintf("发现 %s 条 · 销号 %s 条 · 按期销号 %s 条 · 已回访 %s 条 · 逾期 %s 条（本季度发现的）",
			groupDigits(q.Found), groupDigits(q.Closed), groupDigits(q.ClosedOnTime), groupDigits(q.Visited), groupDigits(q.Overdue)))
		d.chart.set(trend)
		benchMark("dashboard")
	})
}

func (d *dashboardScreen) loadRecent() {
	s := d.sess
	if s.User == nil {
		return
	}
	var rs []data.RecentRecord
	s.Go(func() (err error) {
		rs, err = s.DB.RecentRecords(s.Ctx(), s.User.ID, 10)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		d.recent.Objects = nil
		for _, r := range rs {
			r := r
			kind, text := "居民", r.Ref
			if r.Table == "issues" {
				kind, text = "问题", r.Ref+"　"+truncate(oneLine(r.Title), 22)
			}
			link := newLink(text, nil)
			link.Truncation = fyne.TextTruncateEllipsis
			link.OnTapped = func() {
				if r.Table == "issues" {
					openIssue(s, r.RecordID, ScreenDashboard)
				} else {
					s.OpenResident(r.RecordID)
				}
			}
			when := hint(fmt.Sprintf("%s　%s·%s", r.At.In(data.OfficeZone).Format("01-02 15:04"), kind, auditActionName(r.Action)))
			d.recent.Add(container.NewBorder(nil, nil, nil, when, link))
		}
		if len(rs) == 0 {
			d.recent.Add(mutedLabel("还没有处理记录。登记的问题、修改的档案会列在这里。"))
		}
		d.recent.Refresh()
	})
}

// auditActionName is the Chinese word of an audit action.
func auditActionName(a string) string {
	switch a {
	case "create":
		return "新建"
	case "update":
		return "修改"
	case "void":
		return "作废"
	case "link_duplicate":
		return "关联重复"
	case "bulk_create":
		return "批量导入"
	}
	if s := data.IssueAction(a).String(); s != a {
		return s
	}
	return a
}

func (d *dashboardScreen) showDefinition() {
	l := widget.NewLabel(data.FiguresDefinition)
	l.Wrapping = fyne.TextWrapWord
	s := d.sess
	dlg := dialog.NewCustom("统计口径", "关闭", container.NewVScroll(l), s.Window)
	dlg.Resize(fyne.NewSize(680, 560))
	s.ShowDialog(dlg)
}
