// Package data holds the domain types and rules of Taizhang: ledgers, residents, ID numbers,
// numbering formats, lifecycles, the working calendar and certification cycles. It imports the
// standard library only; the store (data/sqlite), the writers (reports) and the screens (app)
// all call the same rule here.
package data

import (
	"errors"
	"fmt"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrInvalid      = errors.New("invalid")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthorized")
)

// Error carries the message a clerk reads (Chinese, says what to fix) apart from the
// internal detail. Kind is one of the sentinels above, so errors.Is(err, data.ErrInvalid) works.
type Error struct {
	Kind    error  // ErrNotFound, ErrConflict, ErrInvalid, ErrForbidden, ErrUnauthorized
	Field   string // the field at fault, if any (English key, e.g. "id_number")
	Message string // Chinese, for the user
	Err     error  // internal cause, may be nil
	// Other is the record the problem points at (the resident already on file under this
	// ID number), for a screen to offer it; 0 for none.
	Other int64
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

// Unwrap lets errors.Is match both the kind and the cause.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

// Invalid returns an ErrInvalid error for field with a Chinese message.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Kind: ErrInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Forbidden returns an ErrForbidden error with a Chinese message.
func Forbidden(format string, args ...any) *Error {
	return &Error{Kind: ErrForbidden, Message: fmt.Sprintf(format, args...)}
}

// Conflict returns an ErrConflict error with a Chinese message.
func Conflict(format string, args ...any) *Error {
	return &Error{Kind: ErrConflict, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ErrNotFound error with a Chinese message.
func NotFound(format string, args ...any) *Error {
	return &Error{Kind: ErrNotFound, Message: fmt.Sprintf(format, args...)}
}

// Message returns the text to show a clerk for err: the Chinese message of a *Error, or a
// generic sentence that hides internal detail.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "操作未完成：程序内部出错，请重试；如仍出错，请联系管理员。"
}

// Detail is what err hides from the clerk: the cause behind a *Error's message, or the whole
// of any other error (Message shows a generic sentence for it). Nil when nothing is hidden.
func Detail(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e.Err
	}
	return err
}
