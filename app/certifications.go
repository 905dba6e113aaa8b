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
)

// certView is the 定期认证 tab: for one item (高龄津贴认证 …) and community, the residents
// not yet certified this cycle (本季度待认证, 逾期 included), the overdue ones or the certified
// ones, computed by the store as data.CertDefinition says; 登记认证 opens the service form
// prefilled with 入户认证, the item and the resident.
type certView struct {
	sc        *servicesScreen
	item      *widget.Select
	community *widget.Select
	quick     map[data.CertState]*button
	window    *widget.Label
	state     data.CertState

	*pagedTable[data.CertRow]

	content fyne.CanvasObject
}

var certQuick = []struct {
	state data.CertState
	label string
}{
	{data.CertPending, "本季度待认证"}, {data.CertOverdue, "逾期未认证"}, {data.CertCertified, "已认证"},
}

// certCol makes a column of the certification list that shows text.
func certCol(title string, width float32, text func(data.CertRow) string) column[data.CertRow] {
	return column[data.CertRow]{title: title, width: width,
		text: func(_ *pagedTable[data.CertRow], _ int, r data.CertRow) string { return text(r) }}
}

// Columns the code refers to: 住址 takes the width the others leave, 社区 grows on a wide
// screen, 操作 holds the link.
const (
	certColCommunity = 4
	certColAddress   = 5
	certColOps       = 8
)

// certColumns are the columns of the certification list; none sorts (the store orders it).
var certColumns = []column[data.CertRow]{
	{title: "序号", width: 56,
		text: func(t *pagedTable[data.CertRow], row int, _ data.CertRow) string { return t.seqText(row) }},
	certCol("姓名", 90, func(r data.CertRow) string { return r.Name }),
	certCol("身份证号", 170, func(r data.CertRow) string { return data.MaskIDNumber(r.IDNumber) }),
	certCol("年龄", 56, func(r data.CertRow) string { return fmt.Sprint(r.Age) }),
	certCol("社区", 110, func(r data.CertRow) string { return r.CommunityName }),
	certCol("住址", 260, func(r data.CertRow) string { return r.Address }),
	certCol("最近认证", 104, func(r data.CertRow) string {
		if t := r.Last.String(); t != "" {
			return t
		}
		return "从未认证"
	}),
	certCol("状态", 96, func(r data.CertRow) string { return r.State.String() }),
	{title: "操作", width: 90},
}

func newCertView(sc *servicesScreen) *certView {
	v := &certView{sc: sc, state: data.CertPending, quick: map[data.CertState]*button{}}
	v.pagedTable = newPagedTable(sc.sess, certColumns, v.createCell, v.updateCell, v.load, pagedOptions{unit: "人", fit: certColAddress, fitMin: 160, fitMax: 420,
		grow: []int{certColCommunity}})
	v.key = func(r data.CertRow) int64 { return r.ResidentID }
	v.opens(func(r data.CertRow) {
		if v.sc.sess.Can(data.ActRecord) {
			v.onCertify(r)
		}
	})
	v.emptyText = func() string { return "没有符合条件的居民" }
	v.item = newSelect(nil, func(string) { v.offset = 0; v.load() })
	v.community = newSelect(nil, func(string) { v.offset = 0; v.load() })
	quick := container.NewHBox()
	for i, q := range certQuick {
		q := q
		b := newButton(q.label, func() { v.state, v.offset = q.state, 0; v.load() })
		v.quick[q.state] = b
		if i > 0 {
			quick.Add(widget.NewSeparator())
		}
		quick.Add(b)
	}
	v.window = hint("")
	exportBtn := widget.NewButtonWithIcon("导出", theme.DownloadIcon(), v.onExport) // app/export_services.go
	top := container.NewHBox(widget.NewLabel("认证事项"), fixedWidth(200, v.item), widget.NewLabel("社区"), fixedWidth(140, v.community), quick,
		widget.NewSeparator(), exportBtn)
	var rulesBtn fyne.CanvasObject = layout.NewSpacer()
	if sc.sess.Can(data.ActManageOrg) {
		rulesBtn = newButtonWithIcon("认证规则", theme.SettingsIcon(), v.onRules)
	}
	bar := container.NewVBox(container.NewBorder(nil, nil, nil, rulesBtn, top), v.window)
	v.content = container.NewBorder(card("", bar), v.footer, nil, nil, v.body)
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

func (v *certView) filter() data.CertFilter {
	return data.CertFilter{Item: v.item.Selected, CommunityID: v.sc.choices.communityID(v.community.Selected),
		State: v.state}
}

// load reads one page and the counts of the three quick filters.
func (v *certView) load() {
	if v.item.Selected == "" {
		return
	}
	s := v.sc.sess
	f := v.filter()
	var window data.CertWindow
	var counts map[data.CertState]int
	v.fetch(func(q pageQuery) ([]data.CertRow, int, error) {
		f.Offset, f.Limit = q.offset, q.limit
		list, err := s.DB.Certifications(s.Ctx(), f)
		if err != nil {
			return nil, 0, err
		}
		window = list.Window
		counts, _, err = s.DB.CertCounts(s.Ctx(), f.Item, f.CommunityID, data.Date{})
		return list.Rows, list.Total, err
	}, func() {
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
		v.window.SetText(fmt.Sprintf("%s：%s（%s至%s）。“本季度待认证”含逾期未认证。", window.Rule.Describe(), window.Label, window.From, window.To))
	})
}

func (v *certView) createCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(l, newLink("", nil))
}

func (v *certView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	l, link := c.Objects[0].(*widget.Label), c.Objects[1].(*link)
	if id.Row >= len(v.rows) {
		return
	}
	r := v.rows[id.Row]
	if id.Col == certColOps {
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
	l.SetText(certColumns[id.Col].text(v.pagedTable, id.Row, r))
}

// onCertify opens the service form for one resident: 入户认证 of the list's item.
func (v *certView) onCertify(r data.CertRow) {
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
		rw := row{age: newEntry(""), cycle: newSelect(cycles, nil), months: newEntry("")}
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
