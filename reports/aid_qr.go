package reports

import (
	"fmt"

	"github.com/boombuler/barcode/qr"
)

// The 一次性告知单 prints the item's 办事指南 as a QR code. The code is drawn with the page
// model's own rules — one rule per run of dark modules in a row, its width the module's
// height — so the PDF has it as crisp vectors at any printer's resolution and the preview
// shows the same code without an image primitive. The encoding is boombuler/barcode's (the
// library gofpdf's contrib/barcode uses), at error-correction level M.

// qrQuiet is the quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
const qrQuiet = 4

// QRModules returns the dark modules of the QR code of s, row by row, for drawing and tests.
func QRModules(s string) ([][]bool, error) {
	code, err := qr.Encode(s, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	b := code.Bounds()
	rows := make([][]bool, b.Dy())
	for y := range rows {
		rows[y] = make([]bool, b.Dx())
		for x := range rows[y] {
			r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA()
			rows[y][x] = r < 0x8000
		}
	}
	return rows, nil
}

// qrRules draws the QR code of s in a square of side mm (quiet zone included) with its
// top-left corner at x, y.
func qrRules(s string, x, y, side float64) ([]Rule, error) {
	m, err := QRModules(s)
	if err != nil {
		return nil, err
	}
	mod := side / float64(len(m)+2*qrQuiet)
	x0, y0 := x+qrQuiet*mod, y+qrQuiet*mod
	var out []Rule
	for r, row := range m {
		cy := y0 + (float64(r)+0.5)*mod
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			// A hair wider than the module, so rows meet without a seam on screen.
			out = append(out, Rule{X1: x0 + float64(start)*mod, Y1: cy, X2: x0 + float64(c)*mod, Y2: cy, Width: mod * 1.02})
		}
	}
	return out, nil
}

// qrLines is how many grid lines the QR block takes.
const qrLines = 3

// qrBlock remembers where guide drew a code, so that it can be drawn again square if the
// page's lines are later set closer (flow.tighten scales rules' heights, which would squash
// the code by up to an eighth).
type qrBlock struct {
	page, first, count, line int
	x, side                  float64
	url                      string
}

// guide places the item's 办事指南 as a QR code at the left of three grid lines, with a line
// saying what it is and the address beside it. An address the encoder refuses is printed as
// text only.
func guide(f *flow, url string) *qrBlock {
	f.need(qrLines)
	top := lineTop(f.line) + float64(f.line)*(f.pitch[len(f.pitch)-1]-LinePitch)
	side := qrLines*LinePitch - 2
	rules, err := qrRules(url, Left, top+1, side)
	x := Left
	var b *qrBlock
	if err == nil {
		p := f.page()
		b = &qrBlock{page: len(f.pages) - 1, first: len(p.Rules), count: len(rules), line: f.line, x: Left, side: side, url: url}
		p.Rules = append(p.Rules, rules...)
		x = Left + side + 2
	}
	first := f.line
	f.put(x, "扫描二维码查看本事项办事指南：", SmallSize, FaceBody, RoleNote)
	per := int((Right - x) / (Em(SmallSize) / 2)) // ASCII characters per line
	for i := 0; i < 2 && len(url) > 0; i++ {
		f.line++
		n := min(per, len(url))
		f.put(x, url[:n], SmallSize, FaceBody, RoleNote)
		url = url[n:]
	}
	f.line = first + qrLines
	return b
}

// square draws the code again at its line's place on a page whose lines were set closer.
func (b *qrBlock) square(f *flow) {
	if b == nil || f.pitch[b.page] == LinePitch {
		return
	}
	top := Top + float64(b.line)*f.pitch[b.page]
	rules, err := qrRules(b.url, b.x, top+1, b.side)
	if err != nil || len(rules) != b.count {
		return
	}
	copy(f.pages[b.page].Rules[b.first:b.first+b.count], rules)
}
