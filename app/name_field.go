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

// nameField is an applicant's name typed in, or picked from the residents that match what is
// typed (name, pinyin initials, ID fragment). For papers that may go to someone not yet on
// file: the one-time notice and the non-acceptance notice.
type nameField struct {
	sess     *Session
	entry    *keyEntry
	hits     *fyne.Container
	resident int64 // the resident picked; 0 when the name was typed
	picked   string
	// hitButtons are the last search's results, for tests.
	hitButtons []*button
	seq        int
	OnChanged  func()
	content    fyne.CanvasObject
}

func newNameField(s *Session) *nameField {
	f := &nameField{sess: s}
	f.entry = newEntry("姓名；输入后可从居民档案中选择")
	f.entry.OnChanged = func(string) { f.onChanged() }
	f.hits = container.NewVBox()
	downInto(f.entry, func() []fyne.CanvasObject { return f.hits.Objects })
	f.content = container.NewVBox(f.entry, f.hits)
	return f
}

// Name is the applicant's name as it will print.
func (f *nameField) Name() string { return strings.TrimSpace(f.entry.Text) }

func (f *nameField) onChanged() {
	if f.resident != 0 && f.entry.Text != f.picked {
		f.resident = 0
	}
	if f.OnChanged != nil {
		f.OnChanged()
	}
	q := strings.TrimSpace(f.entry.Text)
	f.seq++
	seq := f.seq
	if q == "" || f.resident != 0 {
		f.showHits(nil)
		return
	}
	s := f.sess
	var hits []data.Resident
	s.Go(func() (err error) {
		hits, err = s.DB.SearchResidents(s.Ctx(), q, 5)
		return err
	}, func(err error) {
		if seq != f.seq || err != nil {
			return
		}
		f.showHits(hits)
	})
}

func (f *nameField) showHits(hits []data.Resident) {
	f.hits.Objects = nil
	f.hitButtons = nil
	for _, r := range hits {
		r := r
		text := fmt.Sprintf("%s　%s　%s", r.Name, data.MaskIDNumber(r.IDNumber), r.Address)
		b := newButtonWithIcon(text, theme.AccountIcon(), func() { f.choose(r) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		f.hitButtons = append(f.hitButtons, b)
		f.hits.Add(b)
	}
	f.hits.Refresh()
	relayout(f.hits)
}

func (f *nameField) choose(r data.Resident) {
	f.resident, f.picked = r.ID, r.Name
	f.entry.SetText(r.Name)
	f.showHits(nil)
}
