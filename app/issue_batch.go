package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// issueBatch is 批量录入: a round-table's or a walk-through's problems typed one row after
// another without the mouse. What the whole batch shares (source, date, community, who found
// it, tier) is set once at the top. A row is 类别 · 问题描述 · 地点 · 责任单位 · 时限; Enter moves
// to the next field, and Enter in the last one saves the row (one transaction) and starts the
// next with the category, place, unit and deadline carried over and the cursor in 问题描述.
type issueBatch struct {
	sc *issuesScreen

	source    *widget.Select
	foundOn   *dateField
	community *widget.Select
	grid      *widget.Select
	foundBy   *keyEntry
	tier      *widget.RadioGroup

	category    *keyEntry
	description *keyEntry
	address     *keyEntry
	unit        *keyEntry
	days        *keyEntry
	categoryIs  *widget.Label // what the typed category resolves to
	unitIs      *widget.Label
	msg         *widget.Label
	saveRow     *button
	done        *button
	count       *widget.Label

	saved     []data.Issue
	savedRows *fyne.Container
	busy      bool
	content   fyne.CanvasObject
}

// defaultBatchSource is the source a batch starts with: the round-table of PRODUCT.md.
const defaultBatchSource = "议事协商"

func newIssueBatch(sc *issuesScreen) *issueBatch {
	s := sc.sess
	ch := sc.ch
	b := &issueBatch{sc: sc}
	b.source = newSelect(ch.sources, nil)
	if indexOf(ch.sources, defaultBatchSource) >= 0 {
		b.source.SetSelected(defaultBatchSource)
	} else if len(ch.sources) > 0 {
		b.source.SetSelected(ch.sources[0])
	}
	b.foundOn = newDateField(true)
	b.foundOn.SetDate(data.Today(s.Today()))
	b.grid = newSelect([]string{noGrid}, nil)
	b.grid.SetSelected(noGrid)
	b.community = newSelect(append([]string{"（不选）"}, ch.communityNames()...), func(string) { b.onCommunity() })
	b.community.SetSelected("（不选）")
	b.foundBy = newEntry("发现人")
	if s.User != nil {
		b.foundBy.SetText(s.User.Name)
	}
	var tiers []string
	for _, t := range data.Tiers {
		tiers = append(tiers, t.String())
	}
	b.tier = widget.NewRadioGroup(tiers, nil)
	b.tier.Horizontal = true
	b.tier.SetSelected(data.TierGeneral.String())

	b.category = newEntry("序号或名称")
	b.description = newEntry("问题描述")
	b.address = newEntry("地点")
	b.unit = newEntry("序号或名称")
	b.days = newEntry("工作日")
	b.days.SetText("10")
	// What carries over to the next row is selected when the cursor arrives: typing replaces it.
	for _, e := range []*keyEntry{b.category, b.address, b.unit, b.days} {
		e.selectOnFocus = true
	}
	b.categoryIs = hint("")
	b.unitIs = hint("")
	b.category.OnChanged = func(string) { b.showResolved() }
	b.unit.OnChanged = func(string) { b.showResolved() }
	next := func(e fyne.Focusable) func(string) { return func(string) { s.Window.Canvas().Focus(e) } }
	b.category.OnSubmitted = next(b.description)
	b.description.OnSubmitted = next(b.address)
	b.address.OnSubmitted = next(b.unit)
	b.unit.OnSubmitted = next(b.days)
	b.days.OnSubmitted = func(string) { b.onSaveRow() }
	b.msg = newErrorLabel()
	b.saveRow = newButtonWithIcon("保存本行", theme.DocumentSaveIcon(), b.onSaveRow)
	b.saveRow.Importance = widget.HighImportance
	b.done = newButtonWithIcon("完成", theme.ConfirmIcon(), b.onClose)
	b.count = widget.NewLabel("本次已录入 0 条")
	b.savedRows = container.NewVBox()
	b.renderSaved()

	shared := card("本批共同信息（只填一次）", container.NewVBox(
		container.NewHBox(widget.NewLabel("问题来源"), fixedWidth(170, b.source),
			widget.NewLabel("发现日期"), fixedWidth(150, b.foundOn.content),
			widget.NewLabel("社区"), fixedWidth(130, b.community), widget.NewLabel("网格"), fixedWidth(120, b.grid)),
		container.NewHBox(widget.NewLabel("发现人"), fixedWidth(150, b.foundBy),
			widget.NewLabel("处置层级"), b.tier),
	))
	legend := mutedLabel("类别：" + numbered(ch.categories) + "\n责任单位：" + numbered(ch.units))
	col := func(title string, w float32, obj fyne.CanvasObject, under fyne.CanvasObject) fyne.CanvasObject {
		head := widget.NewLabel(title)
		head.TextStyle = fyne.TextStyle{Bold: true}
		if under == nil {
			under = hint("")
		}
		return fixedWidth(w, container.NewVBox(head, obj, under))
	}
	row := container.New(&batchRowLayout{},
		col("类别 *", 140, b.category, b.categoryIs),
		col("问题描述 *", 0, b.description, nil),
		col("地点", 200, b.address, nil),
		col("责任单位 *", 180, b.unit, b.unitIs),
		col("时限（工作日）", 104, b.days, nil),
	)
	entry := card("逐条录入　Enter 到下一格，最后一格 Enter 保存本行并开始下一行", container.NewVBox(legend, row, b.msg,
		container.NewHBox(b.saveRow, b.count)))
	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), b.onClose)
	top := container.NewVBox(container.NewHBox(back, heading("批量录入"), layout.NewSpacer(), b.done), shared, entry)
	b.content = container.NewBorder(top, nil, nil, nil, card("已保存", container.NewVScroll(b.savedRows)))
	return b
}

// batchRowLayout gives every column its fixed width and the one of width 0 the rest.
type batchRowLayout struct{}

func (batchRowLayout) widths(objs []fyne.CanvasObject, total float32) []float32 {
	ws := make([]float32, len(objs))
	fixed := float32(0)
	flex := -1
	for i, o := range objs {
		w := o.(*fyne.Container).Layout.(*widthLayout).w
		if w == 0 {
			flex = i
		}
		ws[i] = w
		fixed += w
	}
	if flex >= 0 {
		ws[flex] = max(total-fixed-float32(len(objs)-1)*8, 160)
	}
	return ws
}

func (l batchRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for _, x := range l.widths(objs, 0) {
		w += x + 8
	}
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (l batchRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range l.widths(objs, size.Width) {
		objs[i].Move(fyne.NewPos(x, 0))
		objs[i].Resize(fyne.NewSize(w, size.Height))
		x += w + 8
	}
}

// numbered lists a catalog as 1 环境卫生　2 安全隐患 …
func numbered(list []string) string {
	var parts []string
	for i, v := range list {
		parts = append(parts, fmt.Sprintf("%d.%s", i+1, v))
	}
	return strings.Join(parts, "　")
}

// resolveChoice reads what was typed for a catalog value: its number in the list, the whole
// value, or the beginning or any part of exactly one value.
func resolveChoice(text string, list []string) (string, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return "", false
	}
	if n, err := strconv.Atoi(t); err == nil {
		if n >= 1 && n <= len(list) {
			return list[n-1], true
		}
		return "", false
	}
	if indexOf(list, t) >= 0 {
		return t, true
	}
	for _, match := range []func(string, string) bool{strings.HasPrefix, strings.Contains} {
		found := ""
		n := 0
		for _, v := range list {
			if match(v, t) {
				found = v
				n++
			}
		}
		if n == 1 {
			return found, true
		}
		if n > 1 {
			return "", false
		}
	}
	return "", false
}

func (b *issueBatch) showResolved() {
	show := func(l *widget.Label, text string, list []string, what string) {
		if strings.TrimSpace(text) == "" {
			l.SetText("")
			return
		}
		if v, ok := resolveChoice(text, list); ok {
			l.SetText("→ " + v)
			l.Importance = widget.LowImportance
		} else {
			l.SetText("没有这个" + what)
			l.Importance = widget.DangerImportance
		}
		l.Refresh()
	}
	show(b.categoryIs, b.category.Text, b.sc.ch.categories, "类别")
	show(b.unitIs, b.unit.Text, b.sc.ch.units, "单位")
}

func (b *issueBatch) onCommunity() {
	cid := b.sc.ch.communityID(b.community.Selected)
	setOptions(b.grid, append([]string{noGrid}, b.sc.ch.gridNames(cid)...), noGrid)
	if b.grid.Selected == "" {
		b.grid.SetSelected(noGrid)
	}
}

func (b *issueBatch) focusFirst() {
	b.sc.sess.Window.Canvas().Focus(b.category)
}

// row reads the row and the shared fields into an issue; the error is the first problem.
func (b *issueBatch) row() (data.Issue, error) {
	ch := b.sc.ch
	var iss data.Issue
	var err error
	if iss.FoundOn, err = b.foundOn.Date(); err != nil {
		return iss, data.Invalid("found_on", "发现日期：%s", data.Message(err))
	}
	iss.Source = b.source.Selected
	if iss.Source == "" {
		return iss, data.Invalid("source", "请在上方选择问题来源")
	}
	var ok bool
	if iss.Category, ok = resolveChoice(b.category.Text, ch.categories); !ok {
		return iss, data.Invalid("category", "请填写类别：输入序号（如 1）或名称")
	}
	iss.Description = b.description.Text
	if strings.TrimSpace(iss.Description) == "" {
		return iss, data.Invalid("description", "请填写问题描述")
	}
	iss.Address = b.address.Text
	if iss.ResponsibleUnit, ok = resolveChoice(b.unit.Text, ch.units); !ok {
		return iss, data.Invalid("responsible_unit", "请填写责任单位：输入序号（如 1）或名称")
	}
	n, err := data.ParseWorkdays("deadline", b.days.Text)
	if err != nil {
		return iss, err
	}
	iss.SetDeadlineWorkdays(ch.cal, n)
	iss.Tier, _ = data.ParseTier(b.tier.Selected)
	iss.CommunityID = ch.communityID(b.community.Selected)
	iss.GridID = ch.gridID(iss.CommunityID, b.grid.Selected)
	iss.FoundBy = strings.TrimSpace(b.foundBy.Text)
	if u := b.sc.sess.User; u != nil && iss.FoundBy == u.Name {
		iss.FoundByID = u.ID
	}
	return iss, iss.Validate()
}

// onSaveRow saves the row as one issue and starts the next row.
func (b *issueBatch) onSaveRow() {
	if b.busy {
		return
	}
	iss, err := b.row()
	if err != nil {
		setMessage(b.msg, data.Message(err))
		return
	}
	s := b.sc.sess
	b.busy = true
	s.Go(func() error { return s.DB.CreateIssue(s.Ctx(), &iss, nil) }, func(err error) {
		b.busy = false
		if err != nil {
			setMessage(b.msg, "未保存："+data.Message(err))
			return
		}
		setMessage(b.msg, "")
		b.saved = append(b.saved, iss)
		b.renderSaved()
		b.description.SetText("")
		s.Window.Canvas().Focus(b.description)
		s.Notify("已保存 " + iss.Number)
	})
}

func (b *issueBatch) renderSaved() {
	b.count.SetText(fmt.Sprintf("本次已录入 %d 条", len(b.saved)))
	b.savedRows.Objects = nil
	if len(b.saved) == 0 {
		b.savedRows.Add(mutedLabel("保存的问题按顺序列在这里，带编号。"))
	}
	for i := len(b.saved) - 1; i >= 0; i-- {
		iss := b.saved[i]
		id := iss.ID
		num := newLink(iss.Number, nil)
		num.OnTapped = func() { b.sc.showDetail(id) }
		text := fmt.Sprintf("%s　%s　%s　%s　整改时限 %s", iss.Category, truncate(oneLine(iss.Description), 40),
			iss.Address, iss.ResponsibleUnit, iss.Deadline)
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		b.savedRows.Add(container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(fmt.Sprintf("%d.", i+1)), num), nil, labelTip(l)))
	}
	b.savedRows.Refresh()
}

// savedNumbers lists the numbers saved in this batch, in order.
func (b *issueBatch) savedNumbers() []string {
	var out []string
	for _, iss := range b.saved {
		out = append(out, iss.Number)
	}
	return out
}

// onClose returns to the ledger, asking first if a row was half typed.
func (b *issueBatch) onClose() {
	leave := func() {
		b.sc.batch = nil
		b.sc.showList()
		b.sc.list.load()
		b.sc.sess.shellBadges()
	}
	if strings.TrimSpace(b.description.Text) == "" {
		leave()
		return
	}
	b.sc.sess.Confirm("放弃本行", "本行还没有保存，确定离开吗？已保存的问题不受影响。", "离开", "继续录入", leave)
}
