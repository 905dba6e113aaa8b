package reports

import (
	"errors"
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
	// NoSealMark leaves out the faint dashed circle that shows where the seal goes.
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

// ErrFont reports a font file that cannot be used for documents.
var ErrFont = errors.New("unusable font")

var families = [...]string{FaceBody: "body", FaceTitle: "title"}

// WritePDF writes pages as an A4 PDF with the faces of opts, subset and embedded.
func WritePDF(w io.Writer, pages []Page, opts Options) error {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true) // deterministic object order
	if opts.Created.IsZero() {
		opts.Created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(opts.Created)
	pdf.SetModificationDate(opts.Created)
	pdf.SetProducer("taizhang", true)
	pdf.SetCreator("taizhang", true)
	if opts.Title != "" {
		pdf.SetTitle(opts.Title, true)
	}
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)

	// Collect the characters each face prints, then hand gofpdf a font of just those glyphs.
	used := map[Face]map[rune]bool{}
	for _, p := range pages {
		for _, t := range p.Texts {
			if used[t.Face] == nil {
				used[t.Face] = map[rune]bool{}
			}
			for _, r := range t.S {
				used[t.Face][r] = true
			}
		}
	}
	fonts := map[Face]*sfnt{}
	for face := range families {
		f, err := parseFontCached(opts.face(Face(face)))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrFont, err)
		}
		fonts[Face(face)] = f
		if used[Face(face)] == nil {
			continue
		}
		runes := make([]rune, 0, len(used[Face(face)]))
		for r := range used[Face(face)] {
			runes = append(runes, r)
		}
		pdf.AddUTF8FontFromBytes(families[face], "", f.subset(runes))
	}

	for _, p := range pages {
		pdf.AddPage()
		for _, r := range p.Rules {
			setStroke(pdf, r.Width, r.Gray, r.Dash)
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		for _, c := range p.Circles {
			setStroke(pdf, c.Width, c.Gray, c.Dash)
			pdf.Circle(c.X, c.Y, c.R, "D")
		}
		pdf.SetDashPattern(nil, 0)
		pdf.SetTextColor(0, 0, 0)
		for _, t := range p.Texts {
			pdf.SetFont(families[t.Face], "", t.Size)
			drawText(pdf, t, fonts[t.Face])
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
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

// drawText puts each character of t at its grid position. Runs of full-width characters
// whose own advance is one em are written as one string with character spacing (Tc) to fit
// the grid; runs of ASCII are squeezed (Tz) or spaced to fill their half cells; any other
// character is centred in its cell. Text stays selectable and extractable as lines.
func drawText(pdf *gofpdf.Fpdf, t Text, f *sfnt) {
	em := Em(t.Size)
	adv := func(r rune) float64 { return float64(f.advance(f.glyph(r))) / float64(f.unitsPerEm) * em }
	k := 72 / 25.4 // points per mm
	gs := t.Glyphs()
	for i := 0; i < len(gs); {
		g := gs[i]
		j := i + 1
		switch {
		case g.R == ' ' || g.R == '\u3000':
			// nothing to draw
		case !halfWidth(g.R) && math.Abs(adv(g.R)-em) < 1e-3:
			for j < len(gs) && !halfWidth(gs[j].R) && gs[j].R != '\u3000' && math.Abs(adv(gs[j].R)-em) < 1e-3 {
				j++
			}
			tc := (g.Cell - em) * k
			pdf.RawWriteStr(fmt.Sprintf("%.3f Tc", tc))
			pdf.Text(g.X, t.Y, string(runesOf(gs[i:j])))
			pdf.RawWriteStr("0 Tc")
		case halfWidth(g.R):
			natural, target := 0.0, 0.0
			for j = i; j < len(gs) && halfWidth(gs[j].R); j++ {
				natural += adv(gs[j].R)
				target += gs[j].Cell
			}
			if natural > target {
				pdf.RawWriteStr(fmt.Sprintf("%.2f Tz", 100*target/natural))
				pdf.Text(g.X, t.Y, string(runesOf(gs[i:j])))
				pdf.RawWriteStr("100 Tz")
			} else {
				pdf.RawWriteStr(fmt.Sprintf("%.3f Tc", (target-natural)/float64(j-i)*k))
				pdf.Text(g.X, t.Y, string(runesOf(gs[i:j])))
				pdf.RawWriteStr("0 Tc")
			}
		default:
			a := adv(g.R)
			if a > g.Cell && a > 0 {
				pdf.RawWriteStr(fmt.Sprintf("%.2f Tz", 100*g.Cell/a))
				pdf.Text(g.X, t.Y, string(g.R))
				pdf.RawWriteStr("100 Tz")
			} else {
				pdf.Text(g.X+(g.Cell-a)/2, t.Y, string(g.R))
			}
		}
		i = j
	}
}

func runesOf(gs []Glyph) []rune {
	rs := make([]rune, len(gs))
	for i, g := range gs {
		rs[i] = g.R
	}
	return rs
}
