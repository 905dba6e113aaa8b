package data

import (
	"errors"
	"strings"
)

// Problems is everything wrong with a record or a form, one Chinese message per field, in the
// order found, so a form can show each field's problem at once. It is an error: errors.Is(err,
// ErrInvalid) holds, errors.As(err, &e) with e *Error finds the first problem, and Message(err)
// is the first problem's message, so a caller that wants one message keeps working.
type Problems struct {
	list []*Error
}

// Add records err against its field, unless that field has a problem already (the first check
// of a field is the one that says what to fix). A nil err is ignored; Add reports whether err
// was not nil. An error that is no *Error is kept under the field "".
func (p *Problems) Add(err error) bool {
	if err == nil {
		return false
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Kind: ErrInvalid, Message: Message(err), Err: err}
	}
	if !p.Has(e.Field) {
		p.list = append(p.list, e)
	}
	return true
}

// Addf records an ErrInvalid problem of field with a Chinese message (see Add).
func (p *Problems) Addf(field, format string, args ...any) {
	p.Add(Invalid(field, format, args...))
}

// Merge adds each problem of err (a *Problems or a single error) in its order.
func (p *Problems) Merge(err error) {
	var q *Problems
	if errors.As(err, &q) {
		for _, e := range q.list {
			p.Add(e)
		}
		return
	}
	p.Add(err)
}

// Has reports whether field has a problem.
func (p *Problems) Has(field string) bool { return p.Get(field) != "" }

// Get is field's message, or "".
func (p *Problems) Get(field string) string {
	if p == nil {
		return ""
	}
	for _, e := range p.list {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Len is the number of fields with a problem.
func (p *Problems) Len() int {
	if p == nil {
		return 0
	}
	return len(p.list)
}

// Fields lists the fields with a problem, in the order found.
func (p *Problems) Fields() []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.list))
	for i, e := range p.list {
		out[i] = e.Field
	}
	return out
}

// Err is p as an error, or nil when nothing is wrong.
func (p *Problems) Err() error {
	if p.Len() == 0 {
		return nil
	}
	return p
}

// Error joins the messages.
func (p *Problems) Error() string {
	msgs := make([]string, len(p.list))
	for i, e := range p.list {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "；")
}

// Unwrap gives each problem, so errors.Is and errors.As see them.
func (p *Problems) Unwrap() []error {
	out := make([]error, len(p.list))
	for i, e := range p.list {
		out[i] = e
	}
	return out
}

// ProblemsOf returns err's problems: all of them for a *Problems, the one for a single error.
func ProblemsOf(err error) *Problems {
	var p Problems
	p.Merge(err)
	return &p
}
