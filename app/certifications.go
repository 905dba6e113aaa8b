package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// certView is the 定期认证 tab: for one item (高龄津贴认证 …) and community, the residents
// not yet certified this cycle (本季度待认证, 逾期 included), the overdue ones or the certified
// ones, computed by the store as data.CertDefinition says; 登记认证 opens the service form
// prefilled with 入户认证, the item and the resident.
type certView struct {
	sc        *servicesScreen
	item      *widget.Select
	community *widget.Select
	quick     map[data.CertState]*widget.Button
	window    *widget.Label
	state     data.CertState

	table  *widget.Table
	rows   []sqlite.CertRow
	total  int
	offset int
	limit  int
	count  *widget.Label
	page   *widget.Label
	prev   *widget.Button
	next   *widget.Button
	empty  *widget.Label

	content fyne.CanvasObject
}

var certQuick = []struct {
	state data.CertState
	label string
}{
	{data.CertPending, "本季度待认证"}, {data.CertOverdue, "逾期未认证"}, {data.CertCertified, "已认证"},
}

var certColumns = []serviceColumn{
	{"序号", 56, ""}, {"姓名", 90, ""}, {"身份证号", 170, ""}, {"年龄", 56, ""}, {"社区", 110, ""},
	{"住址", 260, ""}, {"最近认证", 104, ""}, {"状态", 96, ""}, {"操作", 90, ""},
}

func newCertView(sc *servicesScreen) *certView {
	v := &certView{sc: sc, state: data.CertPending, limit: 50, quick: map[data.CertState]*widget.Button{}}
	v.item = widget.NewSelect(nil, func(string) { v.offset = 0; v.load() })
	v.community = widget.NewSelect(nil, func(string) { v.offset = 0; v.load() })
	quick := container.NewHBox()
	for i, q := range certQuick {
		q := q
		b := widget.NewButton(q.label, func() { v.state, v.offset = q.state, 0; v.load() })
		v.quick[q.state] = b
		if i > 0 {
			quick.Add(widget.NewSeparator())
		}
		quick.Add(b)
	}
	v.window = hint("")
	v.table = widget.NewTable(func() (int, int) { return len(v.rows), len(certColumns) }, v.createCell, v.updateCell)
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(certColumns) {
			o.(*widget.Label).SetText(certColumns[id.Col].title)
		}
	}
	for i, c := range certColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) { v.table.Unselect(id) }
	v.empty = widget.NewLabel("")
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Importance = widget.LowImportance
	v.empty.Hide()
	v.count = widget.NewLabel("共 0 人")
	v.page = widget.NewLabel("第 1 / 1 页")
	v.prev = widget.NewButtonWithIcon("上一页", theme.NavigateBackIcon(), func() { v.offset = max(v.offset-v.limit, 0); v.load() })
	v.next = widget.NewButtonWithIcon("下一页", theme.NavigateNextIcon(), func() { v.offset += v.limit; v.load() })
	v.next.IconPlacement = widget.ButtonIconTrailingText
	top := container.NewHBox(widget.NewLabel("认证事项"), fixedWidth(200, v.item), widget.NewLabel("社区"), fixedWidth(140, v.community), quick)
	var rulesBtn fyne.CanvasObject = layout.NewSpacer()
	if sc.sess.Can(data.ActManageOrg) {
		rulesBtn = widget.NewButtonWithIcon("认证规则", theme.SettingsIcon(), v.onRules)
	}
	bar := container.NewVBox(container.NewBorder(nil, nil, nil, rulesBtn, top), v.window)
	footer := container.NewHBox(v.count, layout.NewSpacer(), v.prev, v.page, v.next)
	v.content = container.NewBorder(card("", bar), footer, nil, nil,
		card("", container.NewStack(v.table, container.NewCenter(v.empty))))
	return v
}

func (v *certView) setChoices(ch *serviceChoices) {
	var items []string
	for _, r := range ch.rules {
		items = append(items, r.Item)
	}
	keep := v.item.Selected
	if keep == "" && len(items) > 0 {
		keep = items[0]
	}
	v.item.OnChanged = nil
	v.community.OnChanged = nil
	setOptions(v.item, items, keep)
	setOptions(v.community, append([]string{allComms}, ch.communityNames()...), allComms)
	if v.community.Selected == "" {
		v.community.SetSelected(allComms)
	}
	v.item.OnChanged = func(string) { v.offset = 0; v.load() }
	v.community.OnChanged = func(string) { v.offset = 0; v.load() }
}

func (v *certView) filter() sqlite.CertFilter {
	return sqlite.CertFilter{Item: v.item.Selected, CommunityID: v.sc.choices.communityID(v.community.Selected),
		State: v.state, Offset: v.offset, Limit: v.limit}
}

// load reads one page and the counts of the three quick filters.
func (v *certView) load() {
	if v.item.Selected == "" {
		return
	}
	s := v.sc.sess
	f := v.filter()
	var list sqlite.CertList
	var counts map[data.CertState]int
	s.Go(func() (err error) {
		if list, err = s.DB.Certifications(s.Ctx(), f); err != nil {
			return err
		}
		counts, _, err = s.DB.CertCounts(s.Ctx(), f.Item, f.CommunityID, data.Date{})
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		counts[data.CertPending] = counts[data.CertDue] + counts[data.CertOverdue]
		for _, q := range certQuick {
			b := v.quick[q.state]
			b.SetText(fmt.Sprintf("%s %s", q.label, groupDigits(counts[q.state])))
			if q.state == v.state {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.MediumImportance
			}
			b.Refresh()
		}
		w := list.Window
		v.window.SetText(fmt.Sprintf("%s：%s（%s至%s）。“本季度待认证”含逾期未认证。", w.Rule.Describe(), w.Label, w.From, w.To))
		v.rows, v.total = list.Rows, list.Total
		v.update()
	})
}

func (v *certView) update() {
	v.count.SetText(fmt.Sprintf("共 %s 人", groupDigits(v.total)))
	pages := max((v.total+v.limit-1)/v.limit, 1)
	v.page.SetText(fmt.Sprintf("第 %s / %s 页", groupDigits(v.offset/v.limit+1), groupDigits(pages)))
	enable(v.prev, v.offset > 0)
	enable(v.next, v.offset+v.limit < v.total)
	if v.total == 0 {
		v.empty.SetText("没有符合条件的居民")
		v.empty.Show()
		v.table.Hide()
	} else {
		v.empty.Hide()
		v.table.Show()
	}
	v.table.Refresh()
	v.table.ScrollToTop()
}

func (v *certView) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(l, widget.NewHyperlink("", nil))
}

func (v *certView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	l, link := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Hyperlink)
	if id.Row >= len(v.rows) {
		return
	}
	r := v.rows[id.Row]
	if certColumns[id.Col].title == "操作" {
		l.Hide()
		link.Show()
		if v.sc.sess.Can(data.ActRecord) {
			link.SetText("登记认证")
			link.OnTapped = func() { v.onCertify(r) }
		} else {
			link.SetText("")
			link.OnTapped = nil
		}
		return
	}
	link.Hide()
	l.Show()
	var text string
	switch certColumns[id.Col].title {
	case "序号":
		text = groupDigits(v.offset + id.Row + 1)
	case "姓名":
		text = r.Name
	case "身份证号":
		text = data.MaskIDNumber(r.IDNumber)
	case "年龄":
		text = fmt.Sprint(r.Age)
	case "社区":
		text = r.CommunityName
	case "住址":
		text = r.Address
	case "最近认证":
		text = r.Last.String()
		if text == "" {
			text = "从未认证"
		}
	case "状态":
		text = r.State.String()
	}
	l.SetText(text)
}

// onCertify opens the service form for one resident: 入户认证 of the list's item.
func (v *certView) onCertify(r sqlite.CertRow) {
	s := v.sc.sess
	var res data.Resident
	item := v.item.Selected
	s.Go(func() (err error) {
		res, err = s.DB.Resident(s.Ctx(), r.ResidentID)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		v.sc.openForm(data.Service{Type: data.ServiceCertification, Item: item, OnTheSpot: true,
			Content: fmt.Sprintf("入户为%s办理%s，核实本人健在并采集照片", res.Name, item)}, []data.Resident{res})
	})
}

// onRules lets the administrator edit the certification rules: for each item, the age from
// which residents are in the cycle and how often they certify.
func (v *certView) onRules() {
	s := v.sc.sess
	rules := append([]data.CertRule(nil), v.sc.choices.rules...)
	type row struct {
		age    *keyEntry
		cycle  *widget.Select
		months *keyEntry
	}
	var rows []row
	grid := container.NewGridWithColumns(4, widget.NewLabel("认证事项"), widget.NewLabel("起始年龄（周岁）"),
		widget.NewLabel("周期"), widget.NewLabel("最长间隔（月）"))
	cycles := []string{"每季度", "按月数"}
	for _, r := range rules {
		rw := row{age: newEntry(""), cycle: widget.NewSelect(cycles, nil), months: newEntry("")}
		rw.age.SetText(fmt.Sprint(r.MinAge))
		if r.Cycle == data.CycleQuarter {
			rw.cycle.SetSelected(cycles[0])
		} else {
			rw.cycle.SetSelected(cycles[1])
			rw.months.SetText(fmt.Sprint(r.Months))
		}
		rows = append(rows, rw)
		grid.Add(widget.NewLabel(r.Item))
		grid.Add(rw.age)
		grid.Add(rw.cycle)
		grid.Add(rw.months)
	}
	msg := newErrorLabel()
	body := container.NewVBox(grid, hint("修改后，认证名单和工作台按新规则计算；已登记的服务记录不变。"), msg)
	save := func(ok bool) {
		if !ok {
			return
		}
		for i := range rules {
			var age, months int
			if _, err := fmt.Sscan(rows[i].age.Text, &age); err != nil {
				s.ShowMessage("未能保存", fmt.Sprintf("“%s”的起始年龄应为整数", rules[i].Item))
				return
			}
			rules[i].MinAge = age
			if rows[i].cycle.Selected == cycles[0] {
				rules[i].Cycle, rules[i].Months = data.CycleQuarter, 0
			} else {
				if _, err := fmt.Sscan(rows[i].months.Text, &months); err != nil {
					s.ShowMessage("未能保存", fmt.Sprintf("“%s”的最长间隔应为整数（月）", rules[i].Item))
					return
				}
				rules[i].Cycle, rules[i].Months = data.CycleMonths, months
			}
		}
		s.Go(func() error { return s.DB.SetCertRules(s.Ctx(), rules) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已保存认证规则")
			v.sc.loadChoices(v.load)
		})
	}
	d := dialog.NewCustomConfirm("认证规则", "保存", "取消", body, save, s.Window)
	d.Resize(fyne.NewSize(640, 300))
	s.ShowDialog(d)
}
