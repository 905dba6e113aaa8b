package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// The preview draws the very pages the PDF writer draws (reports.Page, in millimetres): one
// layout, two outputs. Each character is a canvas.Text at its grid position, in the face the
// PDF embeds, so what the clerk reads on screen is what prints.

const (
	previewMargin = 16 // grey around the pages, px
	previewGap    = 16 // between pages, px
	previewShadow = 3  // the paper's shadow offset, px
	// measureSize is the text size glyph metrics are measured at.
	measureSize = 100
)

var (
	colorPreviewDesk   = color.NRGBA{R: 0xC9, G: 0xCE, B: 0xD6, A: 0xFF}
	colorPreviewShadow = color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x38}
)

// layoutPreview lays out document id as its preview shows it (sqlite.DB.DocumentPreview)
// and returns the options to draw it with.
func layoutPreview(ctx context.Context, db *sqlite.DB, id int64) ([]reports.Page, reports.Options, error) {
	d, fonts, err := db.DocumentPreview(ctx, id)
	opts := reports.FontOptions(fonts)
	if err != nil {
		return nil, opts, err
	}
	return reports.LayoutDocument(d.Content(), opts), opts, nil
}

// fontResources keeps one fyne.Resource per font's bytes: Fyne caches a parsed face by its
// resource, so a preview must hand the same resource every time for the same font.
var fontResources struct {
	sync.Mutex
	m map[*byte]fyne.Resource
}

// previewFont returns the resource for a document face: the office's chosen font (b), or the
// embedded Noto Serif SC face when b is nil.
func previewFont(b []byte, face reports.Face) fyne.Resource {
	name := "NotoSerifSC-Regular.ttf"
	if b == nil {
		b = assets.SerifRegular
		if face == reports.FaceTitle {
			b, name = assets.SerifBold, "NotoSerifSC-Bold.ttf"
		}
	} else {
		name = fmt.Sprintf("docfont-%p.ttf", &b[0])
	}
	if len(b) == 0 {
		return nil
	}
	fontResources.Lock()
	defer fontResources.Unlock()
	if fontResources.m == nil {
		fontResources.m = map[*byte]fyne.Resource{}
	}
	if r, ok := fontResources.m[&b[0]]; ok {
		return r
	}
	r := fyne.NewStaticResource(name, b)
	fontResources.m[&b[0]] = r
	return r
}

// faceMetrics measures glyphs of one face as fractions of the font size: where the baseline
// sits below the top of a canvas.Text, and each character's advance.
type faceMetrics struct {
	res      fyne.Resource
	baseline float32 // per unit of text size
	widths   map[rune]float32
}

// faceMetricsCache keeps the measurements of each face for the preview's lifetime: a live
// preview lays its pages out again at every tick of a checkbox.
var faceMetricsCache struct {
	sync.Mutex
	m map[fyne.Resource]*faceMetrics
}

func metricsOf(res fyne.Resource) *faceMetrics {
	faceMetricsCache.Lock()
	defer faceMetricsCache.Unlock()
	if faceMetricsCache.m == nil {
		faceMetricsCache.m = map[fyne.Resource]*faceMetrics{}
	}
	if m, ok := faceMetricsCache.m[res]; ok {
		return m
	}
	m := newFaceMetrics(res)
	faceMetricsCache.m[res] = m
	return m
}

func newFaceMetrics(res fyne.Resource) *faceMetrics {
	m := &faceMetrics{res: res, widths: map[rune]float32{}, baseline: 0.88}
	if a := fyne.CurrentApp(); a != nil {
		if _, base := a.Driver().RenderedTextSize("国", measureSize, fyne.TextStyle{}, res); base > 0 {
			m.baseline = base / measureSize
		}
	}
	return m
}

func (m *faceMetrics) width(r rune) float32 {
	if w, ok := m.widths[r]; ok {
		return w
	}
	w := float32(1)
	if a := fyne.CurrentApp(); a != nil {
		s, _ := a.Driver().RenderedTextSize(string(r), measureSize, fyne.TextStyle{}, m.res)
		w = s.Width / measureSize
	}
	m.widths[r] = w
	return w
}

// previewGlyph is one drawn character: its cell in millimetres and its text object.
type previewGlyph struct {
	text     *canvas.Text
	x, cell  float32 // left edge and width of its grid cell, mm
	baseline float32 // mm from the top of the page
	em       float32 // the font size, mm
	width    float32 // the glyph's advance, in em
	base     float32 // baseline below the text object's top, in em
	centre   bool    // centred in its cell rather than at its left edge
}

// previewPage is one sheet: paper, rules, circles and glyphs, laid out at the preview's scale.
type previewPage struct {
	model   reports.Page
	shadow  *canvas.Rectangle
	paper   *canvas.Rectangle
	rules   []*canvas.Line
	circles []*canvas.Circle
	glyphs  []previewGlyph
	box     *fyne.Container
	scale   float32 // px per mm at the last layout
}

func gray(g float64) color.Color {
	v := uint8(max(0, min(1, g)) * 255)
	return color.NRGBA{R: v, G: v, B: v, A: 0xFF}
}

func newPreviewPage(p reports.Page, faces [2]*faceMetrics) *previewPage {
	pp := &previewPage{model: p}
	pp.shadow = canvas.NewRectangle(colorPreviewShadow)
	pp.paper = canvas.NewRectangle(color.White)
	objs := []fyne.CanvasObject{pp.shadow, pp.paper}
	for _, r := range p.Rules {
		l := canvas.NewLine(gray(r.Gray))
		if r.Dash {
			l.StrokeColor = gray(max(r.Gray, 0.55))
		}
		pp.rules = append(pp.rules, l)
		objs = append(objs, l)
	}
	for _, c := range p.Circles {
		ci := canvas.NewCircle(color.Transparent)
		ci.StrokeColor = gray(c.Gray)
		if c.Dash {
			ci.StrokeColor = gray(max(c.Gray, 0.6))
		}
		pp.circles = append(pp.circles, ci)
		objs = append(objs, ci)
	}
	for _, t := range p.Texts {
		fm := faces[0]
		if t.Face == reports.FaceTitle {
			fm = faces[1]
		}
		em := float32(reports.Em(t.Size))
		for _, g := range t.Glyphs() {
			if g.R == ' ' || g.R == '\u3000' {
				continue
			}
			ct := canvas.NewText(string(g.R), color.Black)
			ct.FontSource = fm.res
			w := fm.width(g.R)
			// As the PDF writer does: a full-width character one em wide, and any half-width
			// one, starts at its cell's left edge; a full-width cell holding a glyph of
			// another width (a dash, some punctuation) has it centred.
			full := g.Cell > t.Cell*0.75
			pp.glyphs = append(pp.glyphs, previewGlyph{text: ct, x: float32(g.X), cell: float32(g.Cell),
				baseline: float32(t.Y), em: em, width: w, base: fm.baseline, centre: full && math.Abs(float64(w)-1) > 0.01})
			objs = append(objs, ct)
		}
	}
	pp.box = container.New(&previewPageLayout{p: pp}, objs...)
	return pp
}

// previewPageLayout places everything of a page from its millimetres at the page's scale.
type previewPageLayout struct{ p *previewPage }

func (l *previewPageLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	s := l.p.scale
	return fyne.NewSize(float32(reports.PageWidth)*s, float32(reports.PageHeight)*s)
}

func (l *previewPageLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	s := p.scale
	p.shadow.Move(fyne.NewPos(previewShadow, previewShadow))
	p.shadow.Resize(size)
	p.paper.Move(fyne.NewPos(0, 0))
	p.paper.Resize(size)
	for i, r := range p.model.Rules {
		ln := p.rules[i]
		ln.StrokeWidth = max(float32(r.Width)*s, 1)
		ln.Position1 = fyne.NewPos(float32(r.X1)*s, float32(r.Y1)*s)
		ln.Position2 = fyne.NewPos(float32(r.X2)*s, float32(r.Y2)*s)
		ln.Refresh()
	}
	for i, c := range p.model.Circles {
		ci := p.circles[i]
		ci.StrokeWidth = max(float32(c.Width)*s, 1)
		ci.Position1 = fyne.NewPos(float32(c.X-c.R)*s, float32(c.Y-c.R)*s)
		ci.Position2 = fyne.NewPos(float32(c.X+c.R)*s, float32(c.Y+c.R)*s)
		ci.Refresh()
	}
	for _, g := range p.glyphs {
		size := g.em * s
		if g.text.TextSize != size {
			g.text.TextSize = size
			g.text.Refresh()
		}
		x := g.x * s
		if g.centre {
			x = (g.x + (g.cell-g.width*g.em)/2) * s
		}
		y := g.baseline*s - g.base*size
		g.text.Move(fyne.NewPos(x, y))
		g.text.Resize(fyne.NewSize(g.width*size, size*1.2))
	}
}

// docPreview is a scrollable column of A4 pages drawn from the page model at a zoom: fit to
// the width (the default) or a fixed scale.
type docPreview struct {
	widget.BaseWidget

	pages  []*previewPage
	model  []reports.Page
	zoom   float32 // px per mm; 0 fits the width
	scale  float32 // px per mm in use
	sheets *fyne.Container
	scroll *container.Scroll
	empty  *widget.Label
	// OnPage is told the page at the top of the view and the number of pages.
	OnPage  func(page, pages int)
	current int
}

func newDocPreview() *docPreview {
	p := &docPreview{scale: 2}
	p.sheets = container.New(&previewSheetsLayout{p: p})
	p.scroll = container.NewScroll(p.sheets)
	p.scroll.OnScrolled = func(fyne.Position) { p.updateCounter() }
	p.empty = hint("")
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Hide()
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *docPreview) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(colorPreviewDesk)
	return widget.NewSimpleRenderer(container.New(&previewFitLayout{p: p}, bg, p.scroll, container.NewCenter(p.empty)))
}

// SetPages shows pages drawn with the fonts of opts (nil: the embedded faces).
func (p *docPreview) SetPages(pages []reports.Page, opts reports.Options) {
	faces := [2]*faceMetrics{
		metricsOf(previewFont(opts.BodyFont, reports.FaceBody)),
		metricsOf(previewFont(opts.TitleFont, reports.FaceTitle)),
	}
	p.model = pages
	p.pages = nil
	objs := make([]fyne.CanvasObject, 0, len(pages))
	for _, pg := range pages {
		pp := newPreviewPage(pg, faces)
		pp.scale = p.scale
		p.pages = append(p.pages, pp)
		objs = append(objs, pp.box)
	}
	p.sheets.Objects = objs
	p.empty.Hide()
	p.scroll.Show()
	p.current = 0
	p.sheets.Refresh()
	p.Refresh()
	p.updateCounter()
}

// ShowMessage clears the pages and says why there is nothing to show.
func (p *docPreview) ShowMessage(msg string) {
	p.model, p.pages = nil, nil
	p.sheets.Objects = nil
	p.sheets.Refresh()
	p.scroll.Hide()
	p.empty.SetText(msg)
	p.empty.Show()
	p.updateCounter()
}

// Pages returns the number of pages drawn.
func (p *docPreview) Pages() int { return len(p.pages) }

// Model returns the pages drawn.
func (p *docPreview) Model() []reports.Page { return p.model }

// SetZoom sets the scale in px per mm; 0 fits the width.
func (p *docPreview) SetZoom(z float32) {
	p.zoom = z
	p.Refresh()
}

// ZoomBy multiplies the current scale by f.
func (p *docPreview) ZoomBy(f float32) {
	p.SetZoom(min(max(p.scale*f, 0.8), 8))
}

func (p *docPreview) setScale(s float32) {
	if s == p.scale {
		return
	}
	p.scale = s
	for _, pg := range p.pages {
		pg.scale = s
	}
	p.sheets.Refresh()
}

func (p *docPreview) pageStride() float32 {
	return float32(reports.PageHeight)*p.scale + previewGap
}

func (p *docPreview) updateCounter() {
	n := len(p.pages)
	cur := 0
	if n > 0 {
		top := p.scroll.Offset.Y + p.scroll.Size().Height/3 - previewMargin
		cur = min(max(int(top/p.pageStride()), 0), n-1) + 1
	}
	if cur != p.current || p.OnPage != nil {
		p.current = cur
		if p.OnPage != nil {
			p.OnPage(cur, n)
		}
	}
}

// previewFitLayout sizes the pages to the width before the scroll lays them out.
type previewFitLayout struct{ p *docPreview }

func (l *previewFitLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(240, 240) }

func (l *previewFitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	s := p.zoom
	if s <= 0 {
		s = max((size.Width-2*previewMargin-theme.ScrollBarSize()-previewShadow)/float32(reports.PageWidth), 0.5)
	}
	p.setScale(s)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	p.updateCounter()
}

// previewSheetsLayout stacks the pages, centred, with grey between them.
type previewSheetsLayout struct{ p *docPreview }

func (l *previewSheetsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := l.p.scale
	w := float32(reports.PageWidth)*s + 2*previewMargin + previewShadow
	h := float32(len(objs))*l.p.pageStride() - previewGap + 2*previewMargin + previewShadow
	return fyne.NewSize(w, max(h, 0))
}

func (l *previewSheetsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	s := l.p.scale
	w, h := float32(reports.PageWidth)*s, float32(reports.PageHeight)*s
	x := max((size.Width-w)/2, previewMargin)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, previewMargin+float32(i)*l.p.pageStride()))
		o.Resize(fyne.NewSize(w, h))
	}
}

// previewPanel is a preview with its toolbar: the page counter, zoom, 打印 and 另存为 PDF.
type previewPanel struct {
	view    *docPreview
	counter *widget.Label
	zoomOut *button
	zoomIn  *button
	fit     *button
	print   *button
	save    *button
	note    *widget.Label // why 打印 is disabled
	content fyne.CanvasObject
}

// newPreviewPanel returns a preview whose 打印 and 另存为 PDF call onPrint and onSave.
func newPreviewPanel(onPrint, onSave func()) *previewPanel {
	pp := &previewPanel{view: newDocPreview()}
	pp.counter = widget.NewLabel("第 0 / 0 页")
	pp.view.OnPage = func(page, pages int) {
		pp.counter.SetText(fmt.Sprintf("第 %d / %d 页", page, pages))
	}
	pp.zoomOut = newButtonWithIcon("", theme.ZoomOutIcon(), func() { pp.view.ZoomBy(1 / 1.25) })
	pp.zoomIn = newButtonWithIcon("", theme.ZoomInIcon(), func() { pp.view.ZoomBy(1.25) })
	pp.fit = newButtonWithIcon("适合宽度", theme.ViewFullScreenIcon(), func() { pp.view.SetZoom(0) })
	for _, b := range []*button{pp.zoomOut, pp.zoomIn, pp.fit} {
		b.Importance = widget.LowImportance
	}
	pp.print = newButtonWithIcon("打印", theme.DocumentPrintIcon(), onPrint)
	pp.print.Importance = widget.HighImportance
	pp.save = newButtonWithIcon("另存为 PDF", theme.DocumentSaveIcon(), onSave)
	pp.note = hint("")
	pp.note.Hide()
	if onPrint == nil {
		pp.print.Hide()
	}
	if onSave == nil {
		pp.save.Hide()
	}
	bar := container.NewHBox(pp.counter, pp.zoomOut, pp.zoomIn, pp.fit, layout.NewSpacer(), pp.note, pp.print, pp.save)
	pp.content = container.NewBorder(bar, nil, nil, nil, pp.view)
	return pp
}

// setPrintable enables 打印 and 另存为 PDF, or disables them saying why.
func (pp *previewPanel) setPrintable(ok bool, why string) {
	enable(pp.print, ok)
	enable(pp.save, ok)
	if ok || why == "" {
		pp.note.Hide()
	} else {
		pp.note.SetText(why)
		pp.note.Show()
	}
}
