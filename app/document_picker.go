package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// applicantPicker finds the applicant among the residents by name, pinyin initials or a
// fragment of the ID number, and shows what the document will print (name, masked ID number,
// address, household size) read-only: never retyped.
type applicantPicker struct {
	sess  *Session
	query *keyEntry
	find  *button
	hits  *fyne.Container
	// hitButtons are the last search's results, for tests.
	hitButtons []*button

	chosen    *data.Resident
	household int
	name      *widget.Label
	idNumber  *widget.Label
	address   *widget.Label
	size      *widget.Label
	change    *button
	shown     *fyne.Container // the chosen resident's details
	searchBox *fyne.Container
	seq       int

	// OnChosen is called when a resident is chosen or cleared.
	OnChosen func(r *data.Resident)
	content  fyne.CanvasObject
}

func newApplicantPicker(s *Session) *applicantPicker {
	p := &applicantPicker{sess: s}
	p.query = newEntry("输入姓名、拼音首字母或身份证号的一部分查找居民")
	p.query.OnChanged = func(string) { p.onFind() }
	p.query.OnSubmitted = func(string) {
		if len(p.hitButtons) == 1 {
			p.hitButtons[0].OnTapped()
		}
	}
	p.find = newButtonWithIcon("查找", theme.SearchIcon(), p.onFind)
	p.hits = container.NewVBox()
	downInto(p.query, func() []fyne.CanvasObject { return p.hits.Objects })
	p.name = widget.NewLabel("")
	p.name.TextStyle = fyne.TextStyle{Bold: true}
	p.idNumber = widget.NewLabel("")
	p.address = widget.NewLabel("")
	p.address.Wrapping = fyne.TextWrapWord
	p.size = widget.NewLabel("")
	p.change = newButtonWithIcon("更换申请人", theme.ViewRefreshIcon(), p.clear)
	p.change.Importance = widget.LowImportance
	p.shown = container.NewVBox(formGrid(
		widget.NewLabel("姓名"), container.NewBorder(nil, nil, nil, p.change, p.name),
		widget.NewLabel("身份证号"), p.idNumber,
		widget.NewLabel("住址"), p.address,
		widget.NewLabel("家庭人口"), p.size,
	), hint("以上信息取自居民档案，如有错误请先修改档案"))
	p.shown.Hide()
	p.searchBox = container.NewVBox(container.NewBorder(nil, nil, nil, p.find, p.query), p.hits)
	p.content = container.NewVBox(p.searchBox, p.shown)
	return p
}

func (p *applicantPicker) onFind() {
	q := strings.TrimSpace(p.query.Text)
	p.seq++
	seq := p.seq
	if q == "" {
		p.showHits(nil, false)
		return
	}
	s := p.sess
	var hits []data.Resident
	s.Go(func() (err error) {
		hits, err = s.DB.SearchResidents(s.Ctx(), q, 6)
		return err
	}, func(err error) {
		if seq != p.seq {
			return
		}
		if err != nil {
			s.ShowError(err)
			return
		}
		p.showHits(hits, true)
	})
}

func (p *applicantPicker) showHits(hits []data.Resident, searched bool) {
	p.hits.Objects = nil
	p.hitButtons = nil
	for _, r := range hits {
		r := r
		text := fmt.Sprintf("%s　%s　%s　%s", r.Name, data.MaskIDNumber(r.IDNumber), r.CommunityName, r.Address)
		b := newButtonWithIcon(text, theme.AccountIcon(), func() { p.choose(r) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		p.hitButtons = append(p.hitButtons, b)
		p.hits.Add(b)
	}
	if searched && len(hits) == 0 {
		p.hits.Add(hint("没有找到匹配的居民。可输入姓名、拼音首字母（如 zjh）或身份证号的一部分"))
	}
	p.hits.Refresh()
	relayout(p.hits)
}

// choose makes r the applicant and counts the household.
func (p *applicantPicker) choose(r data.Resident) {
	s := p.sess
	size := 1
	s.Go(func() error {
		if r.HouseholdID == 0 {
			return nil
		}
		h, err := s.DB.Household(s.Ctx(), r.HouseholdID)
		if err != nil {
			return err
		}
		n := 0
		for _, m := range h.Members {
			if m.Status == data.ResidentActive {
				n++
			}
		}
		size = max(n, 1)
		return nil
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		p.set(r, size)
		if p.OnChosen != nil {
			p.OnChosen(p.chosen)
		}
	})
}

// set shows r as the applicant without telling OnChosen (a draft being opened).
func (p *applicantPicker) set(r data.Resident, household int) {
	p.chosen, p.household = &r, household
	p.name.SetText(r.Name)
	p.idNumber.SetText(data.MaskIDNumber(r.IDNumber))
	p.address.SetText(r.Address)
	p.size.SetText(fmt.Sprintf("%d 人", household))
	p.showHits(nil, false)
	p.searchBox.Hide()
	p.shown.Show()
	relayout(p.shown)
}

// setFixed shows the applicant of a draft that cannot change (the store keeps it).
func (p *applicantPicker) setFixed(r data.Resident, household int) {
	p.set(r, household)
	p.change.Hide()
}

func (p *applicantPicker) clear() {
	p.chosen = nil
	p.query.SetText("")
	p.shown.Hide()
	p.searchBox.Show()
	relayout(p.searchBox)
	if c := p.sess.Window.Canvas(); c != nil {
		c.Focus(p.query)
	}
	if p.OnChosen != nil {
		p.OnChosen(nil)
	}
}
