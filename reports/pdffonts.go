package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"

	"taizhang/assets"
)

// This file maps the characters of one document onto the fonts gofpdf embeds.
//
// gofpdf writes a Type0 font with Identity-H encoding whose character codes are the BMP code
// points themselves: its CIDToGIDMap has 65,536 entries, and a rune above U+FFFF indexes past
// it and panics. Yet 196 characters of 《通用规范汉字表》 lie outside the BMP (𠅤, 𬌗, …), and
// residents' names use them. Because we subset each face ourselves (sfnt.go), each such
// character gets a Private Use Area code point (U+E000…) in this document's subset cmap, the
// PUA code is drawn, and the drawing is wrapped in marked content whose /ActualText is the
// real character, so that copying and text extraction (pdftotext) give back the character
// itself rather than gofpdf's identity ToUnicode value.
//
// A character the chosen face lacks (an office font such as simfang.ttf covers far fewer
// characters than Noto) is drawn from the embedded face instead; one no face has is drawn as
// 〓 (the typesetter's mark for a missing character), again with /ActualText. No text makes
// the writer fail.

// missingMark stands in for a character no face can draw.
const missingMark = '〓'

// fontSlot is one font embedded in a document: a face's chosen font, or the embedded face
// standing in for characters the chosen font lacks.
type fontSlot struct {
	family string // gofpdf family name; a placeholder renamed on output
	name   string // the subset's tagged PostScript name, ABCDEF+NotoSerifSC-Regular
	font   *sfnt
	cmap   map[rune]rune // code drawn → character in font
	pua    map[rune]rune // character above U+FFFF → its PUA code in this subset
}

// docFonts holds the fonts of one document and says how to draw each character.
type docFonts struct {
	slots []*fontSlot
	face  map[Face][2]*fontSlot // chosen font, embedded stand-in (nil when the chosen is embedded)

	// What drawText last set on the page being drawn: gofpdf writes a font selection at
	// every SetFont, and the character spacing (Tc) holds until changed within a page's
	// content, so both are written only when they change (a ledger page held ~40 KB of
	// repeated selections and resets).
	page   int
	family string
	size   float64
	tc     string
}

// setFont selects family at size unless drawText already did on this page.
func (d *docFonts) setFont(pdf *gofpdf.Fpdf, family string, size float64) {
	if n := pdf.PageNo(); n != d.page {
		d.page, d.family, d.tc = n, "", "0" // a new content stream starts with Tc 0
	}
	if family != d.family || size != d.size {
		pdf.SetFont(family, "", size)
		d.family, d.size = family, size
	}
}

// setTc sets the character spacing, in points, unless it is already that.
func (d *docFonts) setTc(pdf *gofpdf.Fpdf, pt float64) {
	v := strconv.FormatFloat(pt, 'f', 3, 64)
	if v == "0.000" || v == "-0.000" {
		v = "0"
	}
	if v != d.tc {
		pdf.RawWriteStr(v + " Tc")
		d.tc = v
	}
}

// glyphPlan says how one character is drawn: with which font and code, and whether the code
// differs from the character (then /ActualText carries the character).
type glyphPlan struct {
	slot  *fontSlot
	code  rune // what gofpdf is given
	src   rune // the character in slot's font whose advance applies
	subst bool
}

// invisible reports characters that print nothing: spaces, controls, format characters.
func invisible(r rune) bool {
	return r == ' ' || r == '\u3000' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r)
}

// prepareFonts chooses, for every character used in each face, the font that draws it, and
// builds each font's cmap (with PUA codes for characters above U+FFFF).
func prepareFonts(opts Options, used map[Face]map[rune]bool) (*docFonts, error) {
	d := &docFonts{face: map[Face][2]*fontSlot{}}
	for _, face := range []Face{FaceBody, FaceTitle} {
		chosen, err := parseFontCached(opts.face(face))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFont, err)
		}
		var pair [2]*fontSlot
		pair[0] = &fontSlot{font: chosen}
		emb, err := parseFontCached((Options{}).face(face))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFont, err)
		}
		if emb != chosen {
			pair[1] = &fontSlot{font: emb}
		}
		d.face[face] = pair
		runes := make([]rune, 0, len(used[face]))
		for r := range used[face] {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		for _, r := range runes {
			d.register(face, r, used[face])
		}
	}
	for _, face := range []Face{FaceBody, FaceTitle} {
		for _, s := range d.face[face] {
			if s == nil || len(s.cmap) == 0 {
				continue // nothing drawn with it: not embedded
			}
			s.family = fmt.Sprintf("tz%d%s", len(d.slots), strings.Repeat("x", len(postScriptName(s.font))))
			d.slots = append(d.slots, s)
		}
	}
	for _, s := range d.slots {
		s.name = subsetTag(s) + "+" + postScriptName(s.font)
	}
	return d, nil
}

// register adds r (used in face) to the cmap of the font that will draw it.
func (d *docFonts) register(face Face, r rune, inText map[rune]bool) {
	if invisible(r) {
		return
	}
	s, src := d.fontFor(face, r)
	if s == nil {
		return
	}
	if s.cmap == nil {
		s.cmap = map[rune]rune{}
	}
	if src <= 0xFFFF {
		s.cmap[src] = src
		return
	}
	if _, ok := s.pua[src]; ok {
		return
	}
	// The next Private Use Area code not used otherwise in this font.
	code := rune(0xE000 + len(s.pua))
	for ; code <= 0xF8FF; code++ {
		if _, taken := s.cmap[code]; !taken && !inText[code] {
			break
		}
	}
	if code > 0xF8FF {
		return // no PUA code left (never for real text): drawn as the missing mark
	}
	if s.pua == nil {
		s.pua = map[rune]rune{}
	}
	s.pua[src] = code
	s.cmap[code] = src
}

// fontFor returns the slot and the character in it that draw r: r itself from the chosen
// font or the embedded stand-in, else the missing mark.
func (d *docFonts) fontFor(face Face, r rune) (*fontSlot, rune) {
	pair := d.face[face]
	for _, s := range pair {
		if s != nil && s.font.glyph(r) != 0 {
			return s, r
		}
	}
	for _, s := range pair {
		if s != nil && s.font.glyph(missingMark) != 0 {
			return s, missingMark
		}
	}
	return nil, 0
}

// plan returns how r of face is drawn; ok is false for a character that prints nothing.
func (d *docFonts) plan(face Face, r rune) (glyphPlan, bool) {
	if invisible(r) {
		return glyphPlan{}, false
	}
	s, src := d.fontFor(face, r)
	if s == nil {
		return glyphPlan{}, false
	}
	code := src
	if src > 0xFFFF {
		c, ok := s.pua[src]
		if !ok { // out of PUA codes
			if s2, m := d.fontFor(face, missingMark); s2 != nil {
				return glyphPlan{slot: s2, code: m, src: m, subst: true}, true
			}
			return glyphPlan{}, false
		}
		code = c
	}
	if s.cmap[code] != src {
		return glyphPlan{}, false // not registered (a character added after prepareFonts)
	}
	return glyphPlan{slot: s, code: code, src: src, subst: code != r}, true
}

// rename gives each subset in the written PDF its tagged name. gofpdf names an embedded
// font "utf8" + its family key in the BaseFont and FontName entries; the family was chosen
// as a placeholder exactly as long as the tagged name, so the replacement keeps every byte
// offset of the cross-reference table valid.
func (d *docFonts) rename(pdf []byte) []byte {
	for _, s := range d.slots {
		from, to := "/utf8"+s.family, "/"+s.name
		if len(from) != len(to) {
			continue // cannot happen: the placeholder is built to length
		}
		for _, key := range []string{"/BaseFont ", "/FontName "} {
			pdf = bytes.ReplaceAll(pdf, []byte(key+from), []byte(key+to))
		}
	}
	return pdf
}

// subsetTag is the six capital letters that mark a subset font's name (PDF 32000-1 9.6.4),
// taken from a hash of the subset's character-to-glyph map so that the same document always
// gets the same tag and different subsets of one font differ.
func subsetTag(s *fontSlot) string {
	codes := make([]rune, 0, len(s.cmap))
	for c := range s.cmap {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	h := sha256.New()
	h.Write([]byte(postScriptName(s.font)))
	var b [8]byte
	for _, c := range codes {
		binary.BigEndian.PutUint32(b[:], uint32(c))
		binary.BigEndian.PutUint32(b[4:], uint32(s.font.glyph(s.cmap[c])))
		h.Write(b[:])
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// postScriptName returns the font's PostScript name (name ID 6) reduced to the characters a
// PDF name may hold without escapes, or "Font".
func postScriptName(f *sfnt) string {
	if f.psName != "" {
		return f.psName
	}
	name := "Font"
	t := f.tables["name"]
	if len(t) >= 6 {
		count, base := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
		for i := 0; i < count && 6+12*i+12 <= len(t); i++ {
			rec := t[6+12*i:]
			pid, id := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[6:])
			ln, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
			if id != 6 || base+off+ln > len(t) {
				continue
			}
			raw := t[base+off : base+off+ln]
			var s string
			switch pid {
			case 0, 3: // UTF-16BE
				u := make([]uint16, len(raw)/2)
				for k := range u {
					u[k] = binary.BigEndian.Uint16(raw[2*k:])
				}
				s = string(utf16.Decode(u))
			case 1:
				s = string(raw)
			}
			var b strings.Builder
			for _, r := range s {
				if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
					b.WriteRune(r)
				}
			}
			if b.Len() > 0 {
				name = b.String()
				if len(name) > 48 {
					name = name[:48]
				}
				break
			}
		}
	}
	f.psName = name
	return name
}

// actualText returns the marked-content operator that makes the glyphs up to the next EMC
// read as s: /Span <</ActualText <FEFF…>>> BDC (PDF 32000-1 14.9.4).
func actualText(s string) string {
	var b strings.Builder
	b.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">>> BDC")
	return b.String()
}

// drawText puts each character of t at its grid position. Runs of full-width characters
// whose own advance is one em are written as one string with character spacing (Tc) to fit
// the grid; runs of ASCII are squeezed (Tz) or spaced to fill their half cells; any other
// character is centred in its cell. Text stays selectable and extractable as lines.
func drawText(pdf *gofpdf.Fpdf, t Text, fonts *docFonts) {
	em := Em(t.Size)
	k := 72 / 25.4 // points per mm
	gs := t.Glyphs()
	type item struct {
		g   Glyph
		p   glyphPlan
		ok  bool
		adv float64 // mm
	}
	items := make([]item, len(gs))
	for i, g := range gs {
		p, ok := fonts.plan(t.Face, g.R)
		items[i] = item{g: g, p: p, ok: ok}
		if ok {
			f := p.slot.font
			items[i].adv = float64(f.advance(f.glyph(p.src))) / float64(f.unitsPerEm) * em
		}
	}
	fullEm := func(it item) bool { return it.ok && !it.p.subst && !halfWidth(it.g.R) && math.Abs(it.adv-em) < 1e-3 }
	half := func(it item) bool { return it.ok && !it.p.subst && halfWidth(it.g.R) }
	codes := func(its []item) string {
		rs := make([]rune, len(its))
		for i, it := range its {
			rs[i] = it.p.code
		}
		return string(rs)
	}
	for i := 0; i < len(items); {
		it := items[i]
		j := i + 1
		if !it.ok {
			i = j
			continue
		}
		fonts.setFont(pdf, it.p.slot.family, t.Size)
		switch {
		case fullEm(it):
			for j < len(items) && fullEm(items[j]) && items[j].p.slot == it.p.slot {
				j++
			}
			fonts.setTc(pdf, (it.g.Cell-em)*k)
			pdf.Text(it.g.X, t.Y, codes(items[i:j]))
		case half(it):
			natural, target := 0.0, 0.0
			for j = i; j < len(items) && half(items[j]) && items[j].p.slot == it.p.slot; j++ {
				natural += items[j].adv
				target += items[j].g.Cell
			}
			if natural > target {
				fonts.setTc(pdf, 0)
				pdf.RawWriteStr(fmt.Sprintf("%.2f Tz", 100*target/natural))
				pdf.Text(it.g.X, t.Y, codes(items[i:j]))
				pdf.RawWriteStr("100 Tz")
			} else {
				fonts.setTc(pdf, (target-natural)/float64(j-i)*k)
				pdf.Text(it.g.X, t.Y, codes(items[i:j]))
			}
		default:
			fonts.setTc(pdf, 0)
			if it.p.subst {
				pdf.RawWriteStr(actualText(string(it.g.R)))
			}
			a, c := it.adv, string(it.p.code)
			if a > it.g.Cell && a > 0 {
				pdf.RawWriteStr(fmt.Sprintf("%.2f Tz", 100*it.g.Cell/a))
				pdf.Text(it.g.X, t.Y, c)
				pdf.RawWriteStr("100 Tz")
			} else {
				pdf.Text(it.g.X+(it.g.Cell-a)/2, t.Y, c)
			}
			if it.p.subst {
				pdf.RawWriteStr("EMC")
			}
		}
		i = j
	}
}

// embeddedFaces are the faces the program embeds: documents' serif, screens' sans.
var embeddedFaces = [][]byte{assets.SerifRegular, assets.SerifBold, assets.SansRegular, assets.SansBold}
