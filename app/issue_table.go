package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// Status colours of the issue ledger: for status only.
var (
	colorStatusOpen     = color.NRGBA{R: 0x0E, G: 0x7C, B: 0x86, A: 0xFF} // 待整改 teal: to do, not 作废's grey
	colorStatusProgress = color.NRGBA{R: 0x16, G: 0x77, B: 0xFF, A: 0xFF} // 整改中 blue
	colorStatusReview   = color.NRGBA{R: 0x7B, G: 0x3F, B: 0xB5, A: 0xFF} // 待验收 purple
	colorStatusClosed   = colorSuccess                                    // 已销号 green
	colorStatusVoided   = color.NRGBA{R: 0x9E, G: 0x9E, B: 0x9E, A: 0xFF} // 作废 grey
	colorOverdue        = colorError                                      // 逾期 red
	colorDueSoon        = colorWarning                                    // 临期 orange
)

// issueTag is what the 状态 column says of an issue: its workflow status, and beside it 逾期
// or 临期 (with its colour) when the deadline says so, so an overdue 整改中 and an overdue
// 待验收 still look different.
func issueTag(r data.IssueRow) string {
	if text, _ := deadlineTag(r); text != "" {
		return r.Status.String() + " " + text
	}
	return r.Status.String()
}

// deadlineTag is 逾期 or 临期 and its colour; "" when the deadline needs no mark.
func deadlineTag(r data.IssueRow) (string, color.Color) {
	switch r.State {
	case data.DeadlineOverdue:
		return "逾期", colorOverdue
	case data.DeadlineDueSoon:
		return "临期", colorDueSoon
	}
	return "", nil
}

func statusColor(s data.IssueStatus) color.Color {
	switch s {
	case data.IssueOpen:
		return colorStatusOpen
	case data.IssueInProgress:
		return colorStatusProgress
	case data.IssuePendingReview:
		return colorStatusReview
	case data.IssueClosed:
		return colorStatusClosed
	}
	return colorStatusVoided
}

// tag is a small coloured label: soft background, coloured border and text.
type tag struct {
	bg    *canvas.Rectangle
	text  *canvas.Text
	box   *fyne.Container
	outer *fyne.Container // the tag centred in its space
}

func newTag() *tag {
	t := &tag{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", colorText)}
	t.bg.CornerRadius = 4
	t.bg.StrokeWidth = 1
	t.text.TextSize = 13
	t.text.Alignment = fyne.TextAlignCenter
	t.box = container.NewStack(t.bg, container.New(&tagPadding{}, t.text))
	t.outer = container.NewCenter(t.box)
	return t
}

func (t *tag) set(text string, c color.Color) {
	r, g, b, _ := c.RGBA()
	soft := color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x1E}
	t.bg.FillColor = soft
	t.bg.StrokeColor = c
	t.text.Text = text
	t.text.Color = c
	// The box, not its centring: in the table the box sits in the status cell's own row.
	t.box.Refresh()
}

// tagPadding gives a tag's text a little room.
type tagPadding struct{}

func (tagPadding) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width+14, m.Height+4)
}

func (tagPadding) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(7, 2))
	objs[0].Resize(fyne.NewSize(size.Width-14, size.Height-4))
}

// statusTag returns a tag object for an issue, for pages outside the table.
func statusTag(text string, c color.Color) fyne.CanvasObject {
	t := newTag()
	t.set(text, c)
	return t.outer
}

// Columns the code refers to.
const (
	issueColSource   = 3
	issueColCategory = 4
	issueColDesc     = 5
	issueColPlace    = 6
	issueColUnit     = 7
	issueColStatus   = 9
	issueColOps      = 10
)

// issueColumns are the columns of the issue table.
var issueColumns = []column[data.IssueRow]{
	{"序号", 46, "", false, fyne.TextAlignTrailing, func(t *pagedTable[data.IssueRow], row int, _ data.IssueRow) string {
		return t.seqText(row)
	}},
	{"编号", 112, "number", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.Number }},
	{"发现日期", 96, "found_on", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.FoundOn.String() }},
	{"来源", 80, "source", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.Source }},
	{"类别", 84, "category", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.Category }},
	{"问题描述", 200, "", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string {
		return oneLine(r.Description)
	}},
	{"社区/网格", 120, "community", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string {
		return placeText(r.Issue)
	}},
	{"责任单位", 112, "unit", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.ResponsibleUnit }},
	{"整改时限", 96, "deadline", false, fyne.TextAlignLeading, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string { return r.Deadline.String() }},
	{"状态", 120, "status", false, fyne.TextAlignCenter, func(_ *pagedTable[data.IssueRow], _ int, r data.IssueRow) string {
		return issueTag(r)
	}},
	{"操作", 120, "", false, fyne.TextAlignLeading, func(*pagedTable[data.IssueRow], int, data.IssueRow) string { return "" }},
}

// oneLine joins the lines of a text for a table cell.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// placeText is 鹿苑社区 / 第一网格, or the community alone.
func placeText(i data.Issue) string {
	switch {
	case i.CommunityName == "":
		return "全街道"
	case i.GridName == "":
		return i.CommunityName
	}
	return i.CommunityName + "/" + i.GridName
}

// stepLabels are the 操作 column's short words for the steps data.NextIssueStep offers.
var stepLabels = map[data.IssueAction]string{
	data.IssueApproveExtension: "审批延期",
	data.IssueStart:            "开始整改",
	data.IssueRequestCloseOut:  "申请销号",
	data.IssueApproveCloseOut:  "审核",
	data.IssueRecordFollowUp:   "回访",
}

// nextStep is the lifecycle step the 操作 column offers for r, if role may take it.
func nextStep(role data.Role, r data.IssueRow) (data.IssueAction, string) {
	act := data.NextIssueStep(role, r.Status, r.PendingDeadline, r.FollowUpDue)
	return act, stepLabels[act]
}

// issueTable is the paged, sortable table of issues shared by 问题台账 and 整改跟踪: one page
// from ListIssues at a time, the total and the page navigation in its footer.
type issueTable struct {
	sess *Session
	*pagedTable[data.IssueRow]
	content fyne.CanvasObject

	filter   data.IssueFilter // as last applied
	cells    map[*fyne.Container]*issueCell
	onView   func(id int64)
	onStep   func(id int64, act data.IssueAction)
	onLoaded func()
}

func newIssueTable(s *Session) *issueTable {
	t := &issueTable{sess: s, cells: map[*fyne.Container]*issueCell{}}
	t.pagedTable = newPagedTable(s, issueColumns, t.createCell, t.updateCell, t.load,
		pagedOptions{pageSizes: true, fit: issueColDesc, fitMin: 130, fitMax: 480,
			grow: []int{issueColSource, issueColCategory, issueColPlace, issueColUnit}})
	t.emptyText = func() string { return "没有符合条件的问题，请调整查询条件后再查询" }
	t.key = func(r data.IssueRow) int64 { return r.ID }
	t.opens(func(r data.IssueRow) {
		if t.onView != nil {
			t.onView(r.ID)
		}
	})
	t.content = container.NewBorder(nil, t.footer, nil, nil, t.body)
	return t
}

func (t *issueTable) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	tg, due := newTag(), newTag()
	tagBox := container.NewCenter(container.NewHBox(tg.box, due.box))
	tagBox.Hide()
	view := newLink("查看", nil)
	step := newLink("", nil)
	ops := container.NewHBox(view, step)
	ops.Hide()
	box := container.NewStack(l, tagBox, ops)
	t.cells[box] = &issueCell{label: l, tag: tg, due: due, tagBox: tagBox, ops: ops, view: view, step: step}
	return box
}

// issueCell is one cell: a label, a status tag or the 操作 links, one of them shown.
type issueCell struct {
	label  *widget.Label
	tag    *tag
	due    *tag // 逾期 or 临期 beside the status
	tagBox *fyne.Container
	ops    *fyne.Container
	view   *link
	step   *link
}

func (t *issueTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := t.cells[o.(*fyne.Container)]
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	r := t.rows[id.Row]
	c.label.Hide()
	c.tagBox.Hide()
	c.ops.Hide()
	switch id.Col {
	case issueColOps:
		c.ops.Show()
		rid := r.ID
		c.view.OnTapped = func() {
			if t.onView != nil {
				t.onView(rid)
			}
		}
		act, label := nextStep(t.role(), r)
		if act == "" {
			c.step.Hide()
		} else {
			c.step.SetText(label)
			c.step.OnTapped = func() {
				if t.onStep != nil {
					t.onStep(rid, act)
				}
			}
			c.step.Show()
		}
	case issueColStatus:
		c.tag.set(r.Status.String(), statusColor(r.Status))
		if text, col := deadlineTag(r); text != "" {
			c.due.set(text, col)
			c.due.box.Show()
		} else {
			c.due.box.Hide()
		}
		c.tagBox.Show()
		c.tagBox.Refresh()
	default:
		col := issueColumns[id.Col]
		c.label.Show()
		c.label.Alignment = col.align
		c.label.Importance = widget.MediumImportance
		if r.Status == data.IssueVoided {
			c.label.Importance = widget.LowImportance
		}
		if id.Col == 8 && r.State == data.DeadlineOverdue {
			c.label.Importance = widget.DangerImportance
		}
		c.label.SetText(col.text(t.pagedTable, id.Row, r))
	}
}

func (t *issueTable) role() data.Role {
	if t.sess.User == nil {
		return ""
	}
	return t.sess.User.Role
}

// cellText is what the table shows at row, col: the 状态 tag's text, and "查看 开始整改" in
// the 操作 column.
func (t *issueTable) cellText(row, col int) string {
	o := t.createCell()
	t.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	c := t.cells[o.(*fyne.Container)]
	delete(t.cells, o.(*fyne.Container))
	switch col {
	case issueColOps:
		if c.step.Visible() {
			return c.view.Text + " " + c.step.Text
		}
		return c.view.Text
	case issueColStatus:
		if c.due.box.Visible() {
			return c.tag.text.Text + " " + c.due.text.Text
		}
		return c.tag.text.Text
	}
	return c.label.Text
}

// apply sets a new filter and shows its first page.
func (t *issueTable) apply(f data.IssueFilter) {
	t.filter = f
	t.offset = 0
	t.load()
}

// load fetches the current page: one page at a time, never the whole ledger.
func (t *issueTable) load() {
	f := t.filter
	t.fetch(func(q pageQuery) ([]data.IssueRow, int, error) {
		f.Offset, f.Limit, f.Sort, f.Desc = q.offset, q.limit, q.sort, q.desc
		return t.sess.DB.ListIssues(t.sess.Ctx(), f)
	}, func() {
		if t.onLoaded != nil {
			t.onLoaded()
		}
	})
}
