package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// rectQueue is one work list of 整改跟踪.
type rectQueue struct {
	name   string
	filter data.IssueFilter
	empty  string
}

// Work lists of 整改跟踪, in the order of their buttons.
const (
	queueOverdue = iota
	queueDueSoon
	queueInProgress
	queuePendingReview
	queueFollowUp
	queueExtension
)

var rectQueues = []rectQueue{
	{"逾期", data.IssueFilter{Deadline: data.DeadlineOverdue, Sort: "deadline"}, "没有逾期的问题"},
	{"临期", data.IssueFilter{Deadline: data.DeadlineDueSoon, Sort: "deadline"}, "没有 3 天内到期的问题"},
	{"整改中", data.IssueFilter{Statuses: []data.IssueStatus{data.IssueInProgress}, Sort: "deadline"}, "没有整改中的问题"},
	{"待验收", data.IssueFilter{Statuses: []data.IssueStatus{data.IssuePendingReview}, Sort: "updated"}, "没有等待验收销号的问题"},
	{"待回访", data.IssueFilter{FollowUpDue: true, Sort: "closed_on"}, "销号的问题都已回访"},
	{"延期待批", data.IssueFilter{ExtensionDue: true, Sort: "deadline"}, "没有等待审批的延期申请"},
}

// rectificationScreen is 整改跟踪: the working queue, one work list at a time with the count
// of each on its button, in the same table as the ledger.
type rectificationScreen struct {
	sess    *Session
	queue   int
	buttons []*button
	counts  []int
	list    *issueTable
	content fyne.CanvasObject
}

func newRectificationScreen(s *Session) *rectificationScreen {
	r := &rectificationScreen{sess: s, counts: make([]int, len(rectQueues))}
	bar := container.NewHBox()
	for i, q := range rectQueues {
		i := i
		b := newButton(q.name, func() { r.showQueue(i) })
		r.buttons = append(r.buttons, b)
		bar.Add(b)
	}
	r.list = newIssueTable(s)
	r.list.emptyText = func() string { return rectQueues[r.queue].empty }
	r.list.onView = func(id int64) { openIssue(s, id, ScreenRectification) }
	r.list.onStep = func(id int64, act data.IssueAction) { openIssue(s, id, ScreenRectification, act) }
	top := container.NewVBox(heading("整改跟踪"), card("", container.NewHBox(bar, layout.NewSpacer(),
		hint("逾期、临期按整改时限计算，临期为 3 天内到期"))))
	r.content = container.NewBorder(top, nil, nil, nil, r.list.content)
	r.list.filter = rectQueues[0].filter
	r.paintButtons()
	return r
}

// Title implements Screen.
func (r *rectificationScreen) Title() string { return "整改跟踪" }

// Content implements Screen.
func (r *rectificationScreen) Content() fyne.CanvasObject { return r.content }

// Refresh recounts every work list and reloads the one on show.
func (r *rectificationScreen) Refresh() {
	r.loadCounts()
	r.list.load()
}

// showQueue shows work list i.
func (r *rectificationScreen) showQueue(i int) {
	r.queue = i
	r.list.sortCol, r.list.desc = -1, false
	r.paintButtons()
	r.list.apply(rectQueues[i].filter)
}

func (r *rectificationScreen) loadCounts() {
	counts := make([]int, len(rectQueues))
	r.sess.Go(func() error {
		for i, q := range rectQueues {
			n, err := countIssues(r.sess, q.filter)
			if err != nil {
				return err
			}
			counts[i] = n
		}
		return nil
	}, func(err error) {
		if err != nil {
			r.sess.ShowError(err)
			return
		}
		r.counts = counts
		r.paintButtons()
	})
}

func (r *rectificationScreen) paintButtons() {
	for i, b := range r.buttons {
		b.SetText(fmt.Sprintf("%s  %s", rectQueues[i].name, groupDigits(r.counts[i])))
		if i == r.queue {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

// openQueue shows 整改跟踪 with work list i (from the dashboard's cards).
func openQueue(s *Session, i int) {
	if s.shell == nil {
		return
	}
	s.shell.Show(ScreenRectification)
	if r, ok := s.shell.Screen(ScreenRectification).(*rectificationScreen); ok {
		r.showQueue(i)
	}
}
