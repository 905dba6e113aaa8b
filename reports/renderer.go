package reports

import (
	"bytes"
	"io"

	"taizhang/assets"
	"taizhang/data"
)

// Renderer is the store's data.Renderer: the documents, the 送达回证 and the font check,
// written by this package's writers.
type Renderer struct{}

var _ data.Renderer = Renderer{}

func optionsOf(f data.Fonts) Options { return Options{BodyFont: f.Body, TitleFont: f.Title} }

func render(write func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Decision renders a 决定书.
func (Renderer) Decision(d data.Decision, f data.Fonts) ([]byte, error) {
	return render(func(w io.Writer) error { return WriteDecision(w, d, optionsOf(f)) })
}

// OneTimeNotice renders a 一次性告知单.
func (Renderer) OneTimeNotice(n data.OneTimeNotice, f data.Fonts) ([]byte, error) {
	return render(func(w io.Writer) error { return WriteOneTimeNotice(w, n, optionsOf(f)) })
}

// RejectionNotice renders a 不予受理通知书.
func (Renderer) RejectionNotice(n data.RejectionNotice, f data.Fonts) ([]byte, error) {
	return render(func(w io.Writer) error { return WriteRejectionNotice(w, n, optionsOf(f)) })
}

// DeliveryReceipt renders a 送达回证.
func (Renderer) DeliveryReceipt(r data.DeliveryReceipt, f data.Fonts) ([]byte, error) {
	return render(func(w io.Writer) error { return WriteDeliveryReceipt(w, r, optionsOf(f)) })
}

// CheckFont writes a line of Chinese with ttf as both faces and returns the error (wrapping
// ErrFont) if the PDF writer cannot embed it.
func (Renderer) CheckFont(ttf []byte) error {
	opts := Options{BodyFont: ttf, TitleFont: ttf}
	page := Page{Texts: []Text{{X: 30, Y: 50, Size: 16, Cell: 5.6, S: "台账字体测试，仿宋、小标宋。"}}}
	return WritePDF(io.Discard, []Page{page}, opts)
}

// EmbeddedFonts are the program's own faces.
func (Renderer) EmbeddedFonts() data.Fonts {
	return data.Fonts{Body: assets.SerifRegular, Title: assets.SerifBold}
}

// LayoutDocument lays out a document's content (*data.Decision, *data.OneTimeNotice or
// *data.RejectionNotice) with the page model that writes its PDF, for the preview.
func LayoutDocument(content any, opts Options) []Page {
	switch c := content.(type) {
	case *data.Decision:
		return LayoutDecision(*c, opts)
	case *data.OneTimeNotice:
		return LayoutOneTimeNotice(*c, opts)
	case *data.RejectionNotice:
		return LayoutRejectionNotice(*c, opts)
	}
	return nil
}

// FontOptions are the writer options of a document's fonts.
func FontOptions(f data.Fonts) Options { return optionsOf(f) }
