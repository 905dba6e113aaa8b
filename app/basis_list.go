package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// basisList is the checklist of legal bases a decision or a 不予受理通知书 cites: the catalog's
// articles, the draft's ticked, and a draft's articles since removed from the catalog kept
// (ticked, marked). Ticking by the program (the draft, the suggestions) does not count as the
// clerk's change; ticking by the clerk calls onChange.
type basisList struct {
	box      *fyne.Container
	bases    []data.LegalBasis
	checks   []*widget.Check
	grouped  bool // a heading per law and the article alone on each check
	quiet    bool // ticks are the program's, not the clerk's
	onChange func()
}

func newBasisList(grouped bool, onChange func()) *basisList {
	return &basisList{box: container.NewVBox(hint("正在读取法律依据目录……")), grouped: grouped, onChange: onChange}
}

// load reads the catalog in the background and lists it with the draft's articles ticked;
// then runs loaded (which may tick suggestions).
func (l *basisList) load(s *Session, draft []data.LegalBasis, loaded func()) {
	var entries []data.LegalBasisEntry
	s.Go(func() (err error) {
		entries, err = s.DB.LegalBases(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		l.fill(entries, draft)
		loaded()
	})
}

func (l *basisList) fill(entries []data.LegalBasisEntry, draft []data.LegalBasis) {
	chosen := map[string]bool{}
	for _, b := range draft {
		chosen[b.Cite()] = true
	}
	l.box.Objects, l.bases, l.checks = nil, nil, nil
	add := func(b data.LegalBasis, label string, note fyne.CanvasObject) {
		c := widget.NewCheck(label, func(bool) {
			if !l.quiet && l.onChange != nil {
				l.onChange()
			}
		})
		c.Checked = chosen[b.Cite()]
		delete(chosen, b.Cite())
		l.box.Add(container.NewBorder(nil, nil, c, nil, note))
		l.bases, l.checks = append(l.bases, b), append(l.checks, c)
	}
	law := ""
	for _, e := range entries {
		b := e.LegalBasis
		label := b.Cite()
		if l.grouped {
			if e.Law != law {
				law = e.Law
				h := widget.NewLabel("《" + law + "》")
				h.TextStyle = fyne.TextStyle{Bold: true}
				l.box.Add(h)
			}
			label = b.Article
		}
		subject := hint(b.Subject)
		subject.Truncation = fyne.TextTruncateEllipsis
		add(b, label, labelTip(subject))
	}
	for _, b := range draft {
		if chosen[b.Cite()] {
			add(b, b.Cite(), hint("（已不在目录中）"))
		}
	}
	l.box.Refresh()
}

// loaded reports whether the catalog has been listed.
func (l *basisList) loaded() bool { return l.checks != nil }

// tick sets the checks to exactly the articles in want, as the program's choice.
func (l *basisList) tick(want []data.LegalBasis) {
	set := map[string]bool{}
	for _, b := range want {
		set[b.Cite()] = true
	}
	l.quiet = true
	for i, c := range l.checks {
		c.SetChecked(set[l.bases[i].Cite()])
	}
	l.quiet = false
}

// chosen is the ticked articles, in the catalog's order.
func (l *basisList) chosen() []data.LegalBasis {
	var out []data.LegalBasis
	for i, c := range l.checks {
		if c.Checked {
			out = append(out, l.bases[i])
		}
	}
	return out
}
