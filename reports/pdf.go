package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/jung-kurt/gofpdf"

	"taizhang/assets"
	"taizhang/data"
)

// Options tune how a document is written.
type Options struct {
	// BodyFont and TitleFont are TrueType (glyf outline) font files for the body and the
	// title, e.g. a PC's simfang.ttf (仿宋) and 方正小标宋. Nil uses the embedded Noto Serif SC
	// Regular and Bold. OpenType/CFF fonts (.otf) and collections (.ttc) are refused.
	BodyFont, TitleFont []byte
	// NoSealMark leaves out of the layout the faint dashed circle that shows on screen where
	// the seal goes. The PDF writer never prints it either way (Circle.Guide).
	NoSealMark bool
	// Created is the PDF's creation date. Writers set it from the document's date when zero,
	// so a reprint is byte-identical.
	Created time.Time
	// Title is the PDF's title metadata; writers set it to the document's title when empty.
	Title string
}

func (o Options) face(f Face) []byte {
	switch {
	case f == FaceTitle && o.TitleFont != nil:
		return o.TitleFont
	case f == FaceTitle:
		return assets.SerifBold
	case o.BodyFont != nil:
		return o.BodyFont
	}
	return assets.SerifRegular
}

// withDefaults fills Created and Title from the document.
func (o Options) withDefaults(date data.Date, title string) Options {
	if o.Created.IsZero() && !date.IsZero() {
		o.Created = date.In(data.OfficeZone)
	}
	if o.Title == "" {
		o.Title = title
	}
	return o
}

// ErrFont reports a font file that cannot be used for documents (data.ErrFont: the store
// tells it apart without importing this package).
var ErrFont = data.ErrFont

// WritePDF writes pages as an A4 PDF with the faces of opts, subset and embedded.
func WritePDF(w io.Writer, pages []Page, opts Options) error {
	used := map[Face]map[rune]bool{}
	for _, p := range pages {
		for _, t := range p.Texts {
			addRunes(used, t)
		}
	}
	if opts.Created.IsZero() {
		opts.Created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf, fonts, err := newPDF("P", opts, used)
	if err != nil {
		return err
	}
	for _, p := range pages {
		pdf.AddPage()
		for _, r := range p.Rules {
			setStroke(pdf, r.Width, r.Gray, r.Dash)
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		for _, c := range p.Circles {
			if c.Guide {
				continue // the seal's place is shown on screen, never printed
			}
			setStroke(pdf, c.Width, c.Gray, c.Dash)
			pdf.Circle(c.X, c.Y, c.R, "D")
		}
		pdf.SetDashPattern(nil, 0)
		pdf.SetTextColor(0, 0, 0)
		for _, t := range p.Texts {
			drawText(pdf, t, fonts)
		}
	}
	return outputPDF(w, pdf, fonts)
}

// addRunes records the characters t prints in its face.
func addRunes(used map[Face]map[rune]bool, t Text) {
	if used[t.Face] == nil {
		used[t.Face] = map[rune]bool{}
	}
	for _, r := range t.S {
		used[t.Face][r] = true
	}
}

// newPDF starts a PDF (orientation "P" or "L") with the document metadata of opts and the
// fonts for the characters in used, and returns it with the fonts to draw through.
func newPDF(orientation string, opts Options, used map[Face]map[rune]bool) (*gofpdf.Fpdf, *docFonts, error) {
	fonts, err := prepareFonts(opts, used)
	if err != nil {
		return nil, nil, err
	}
	pdf := gofpdf.New(orientation, "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true) // deterministic object order
	pdf.SetCreationDate(opts.Created)
	pdf.SetModificationDate(opts.Created)
	pdf.SetProducer("taizhang", true)
	pdf.SetCreator("taizhang", true)
	if opts.Title != "" {
		pdf.SetTitle(opts.Title, true)
	}
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	for _, s := range fonts.slots {
		pdf.AddUTF8FontFromBytes(s.family, "", s.font.subsetMap(s.cmap))
	}
	return pdf, fonts, nil
}

// outputPDF checks gofpdf's sticky error, writes the PDF and gives each embedded subset its
// tagged name (fontName).
func outputPDF(w io.Writer, pdf *gofpdf.Fpdf, fonts *docFonts) error {
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if _, err := w.Write(fonts.rename(buf.Bytes())); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

func setStroke(pdf *gofpdf.Fpdf, width, gray float64, dash bool) {
	if width <= 0 {
		width = 0.3
	}
	pdf.SetLineWidth(width)
	g := int(math.Round(255 * gray))
	pdf.SetDrawColor(g, g, g)
	if dash {
		pdf.SetDashPattern([]float64{1.5, 1}, 0)
	} else {
		pdf.SetDashPattern(nil, 0)
	}
}
