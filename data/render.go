package data

import "errors"

// Fonts are the TrueType files a document is rendered with; nil is the program's own
// embedded face.
type Fonts struct {
	Body, Title []byte
}

// ErrFont reports a font file that cannot be used for documents (not a TrueType face with
// outlines the PDF writer can embed). Renderers wrap it.
var ErrFont = errors.New("unusable font")

// Renderer writes the PDFs the store keeps or hands out. The reports package implements it
// and main wires it to the store, so the store builds and tests without the PDF and
// spreadsheet libraries. Signing calls it inside the writing transaction: the bytes are
// frozen in the same transaction that gives the document its number, so the write lock is
// held while one document renders (well under a second).
type Renderer interface {
	Decision(d Decision, f Fonts) ([]byte, error)
	OneTimeNotice(n OneTimeNotice, f Fonts) ([]byte, error)
	RejectionNotice(n RejectionNotice, f Fonts) ([]byte, error)
	DeliveryReceipt(r DeliveryReceipt, f Fonts) ([]byte, error)
	// CheckFont returns an error wrapping ErrFont when ttf cannot be used for documents.
	CheckFont(ttf []byte) error
	// EmbeddedFonts are the program's own faces, whose SHA-256 a document records when it
	// is signed with them.
	EmbeddedFonts() Fonts
}
