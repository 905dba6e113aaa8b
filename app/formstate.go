package app

import (
	"slices"

	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// formState is what every entry form does with its problems: each field's message shows under
// the field once the field was touched (or a button was pressed, or the field is one whose
// problem always shows), and a button is enabled only when nothing is wrong, with the reason
// beside it. The forms keep their touched sets; formState is built for each check.
type formState struct {
	fields  []string                 // the form's fields in display order
	msgs    map[string]*widget.Label // the message label under each field (some may have none)
	touched map[string]bool          // fields the user has changed
	tried   bool                     // a button was pressed: show every problem
	always  []string                 // fields whose problem shows even untouched
}

// show writes each field's problem under it (or clears it) and returns the first problem in
// display order, "" when there is none.
func (s formState) show(problems map[string]string) string {
	first := ""
	for _, k := range s.fields {
		msg := problems[k]
		if first == "" {
			first = msg
		}
		if !s.tried && !s.touched[k] && !slices.Contains(s.always, k) {
			msg = ""
		}
		if l := s.msgs[k]; l != nil {
			setMessage(l, msg)
		}
	}
	return first
}

// gate enables b when problem is empty and otherwise disables it, with prefix and the problem
// beside it in reason; it reports whether b is enabled.
func gate(b *button, reason *widget.Label, prefix, problem string) bool {
	enable(b, problem == "")
	text := ""
	if problem != "" {
		text = prefix + problem
	}
	if reason.Text != text {
		reason.SetText(text)
	}
	return problem == ""
}

// addProblems adds every problem of err (a *data.Problems from a Validate method, or one
// error) to problems, keyed by the form field keyOf gives for the data field (nil: the same);
// a field that has a problem already keeps it.
func addProblems(problems map[string]string, err error, keyOf func(field, msg string) (string, string)) {
	p := data.ProblemsOf(err)
	for _, field := range p.Fields() {
		key, msg := field, p.Get(field)
		if keyOf != nil {
			key, msg = keyOf(field, msg)
		}
		if _, ok := problems[key]; !ok {
			problems[key] = msg
		}
	}
}
