package reports

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
	"unsafe"
)

// This file is a small TrueType (glyf) subsetter. gofpdf parses the whole font every time a
// document adds it (≈25 ms for a 15 MB Noto face) and parses it again to subset on output
// (≈30 ms), which alone would break the 30 ms budget per letter. So each face is indexed once
// (table directory, cmap, loca, hmtx: cached per font), and every document hands gofpdf a tiny
// font holding only the glyphs it uses; gofpdf's own parse and subset of that font take
// well under a millisecond.

// sfnt is a parsed TrueType font: the table directory and what subsetting needs.
type sfnt struct {
	data       []byte
	tables     map[string][]byte
	numGlyphs  int
	numHMetric int
	longLoca   bool
	cmap4      []byte // (3,1) or (0,x) format 4 subtable, may be nil
	cmap12     []byte // (3,10) or (0,4) format 12 subtable, may be nil
	unitsPerEm int
	psName     string // cached postScriptName
}

var errFont = errors.New("font is not a TrueType (glyf) font")

// fontCache holds parsed fonts keyed by the address and length of their bytes: the embedded
// faces and a font read once from disk live for the whole program. It is small and evicts
// the oldest entry, so a caller that reads the font file anew for every document costs a
// parse each time but does not grow memory.
var fontCache struct {
	sync.Mutex
	entries []cachedFont
}

const fontCacheSize = 8

type cachedFont struct {
	p *byte
	n int
	f *sfnt
}

// parseFontCached returns the parsed font for b, parsing it on first use.
func parseFontCached(b []byte) (*sfnt, error) {
	if len(b) == 0 {
		return nil, errFont
	}
	p := unsafe.SliceData(b)
	fontCache.Lock()
	for _, e := range fontCache.entries {
		if e.p == p && e.n == len(b) {
			fontCache.Unlock()
			return e.f, nil
		}
	}
	fontCache.Unlock()
	f, err := parseFont(b)
	if err != nil {
		return nil, err
	}
	fontCache.Lock()
	if len(fontCache.entries) == fontCacheSize {
		fontCache.entries = append(fontCache.entries[:0], fontCache.entries[1:]...)
	}
	fontCache.entries = append(fontCache.entries, cachedFont{p, len(b), f})
	fontCache.Unlock()
	return f, nil
}

func parseFont(b []byte) (*sfnt, error) {
	if len(b) < 12 {
		return nil, errFont
	}
	if v := binary.BigEndian.Uint32(b); v != 0x00010000 && v != 0x74727565 { // 1.0 or 'true'
		return nil, errFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	f := &sfnt{data: b, tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		if len(rec) < 16 {
			return nil, errFont
		}
		tag := string(rec[:4])
		off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("font table %q out of range", tag)
		}
		f.tables[tag] = b[off : off+ln]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %s table", errFont, tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errFont
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.numHMetric = int(binary.BigEndian.Uint16(hhea[34:]))
	if f.numHMetric == 0 || len(f.tables["hmtx"]) < 4*f.numHMetric+2*(f.numGlyphs-f.numHMetric) {
		return nil, errFont
	}
	locaLen := 2
	if f.longLoca {
		locaLen = 4
	}
	if len(f.tables["loca"]) < locaLen*(f.numGlyphs+1) {
		return nil, errFont
	}
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return nil, errFont
	}
	for i, nt := 0, int(binary.BigEndian.Uint16(cmap[2:])); i < nt; i++ {
		if len(cmap) < 12+8*i {
			break
		}
		pid, eid := binary.BigEndian.Uint16(cmap[4+8*i:]), binary.BigEndian.Uint16(cmap[6+8*i:])
		off := int(binary.BigEndian.Uint32(cmap[8+8*i:]))
		if off+8 > len(cmap) || !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			if ln := int(binary.BigEndian.Uint16(sub[2:])); ln <= len(sub) && f.cmap4 == nil {
				f.cmap4 = sub[:ln]
			}
		case 12:
			if ln := int(binary.BigEndian.Uint32(sub[4:])); ln <= len(sub) && f.cmap12 == nil {
				f.cmap12 = sub[:ln]
			}
		}
	}
	if f.cmap4 == nil && f.cmap12 == nil {
		return nil, fmt.Errorf("%w: no Unicode cmap", errFont)
	}
	return f, nil
}

// glyph returns the glyph index of r, 0 (.notdef) when the font lacks it.
func (f *sfnt) glyph(r rune) int {
	if s := f.cmap12; len(s) >= 16 {
		n := int(binary.BigEndian.Uint32(s[12:]))
		if 16+12*n <= len(s) {
			i := sort.Search(n, func(i int) bool { return rune(binary.BigEndian.Uint32(s[16+12*i+4:])) >= r })
			if i < n {
				g := s[16+12*i:]
				start := rune(binary.BigEndian.Uint32(g))
				if r >= start {
					return int(binary.BigEndian.Uint32(g[8:])) + int(r-start)
				}
			}
			return 0
		}
	}
	s := f.cmap4
	if s == nil || r > 0xFFFF || len(s) < 14 {
		return 0
	}
	seg := int(binary.BigEndian.Uint16(s[6:])) / 2
	if len(s) < 16+8*seg {
		return 0
	}
	ends, starts, deltas, ranges := s[14:], s[16+2*seg:], s[16+4*seg:], s[16+6*seg:]
	i := sort.Search(seg, func(i int) bool { return rune(binary.BigEndian.Uint16(ends[2*i:])) >= r })
	if i >= seg || rune(binary.BigEndian.Uint16(starts[2*i:])) > r {
		return 0
	}
	delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
	ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
	if ro == 0 {
		return (int(r) + delta) & 0xFFFF
	}
	p := 16 + 6*seg + 2*i + ro + 2*int(r-rune(binary.BigEndian.Uint16(starts[2*i:])))
	if p+2 > len(s) {
		return 0
	}
	g := int(binary.BigEndian.Uint16(s[p:]))
	if g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

// advance returns the advance width of glyph g in font units.
func (f *sfnt) advance(g int) int {
	if g >= f.numHMetric {
		g = f.numHMetric - 1
	}
	return int(binary.BigEndian.Uint16(f.tables["hmtx"][4*g:]))
}

// lsb returns the left side bearing of glyph g.
func (f *sfnt) lsb(g int) int16 {
	h := f.tables["hmtx"]
	if g < f.numHMetric {
		return int16(binary.BigEndian.Uint16(h[4*g+2:]))
	}
	return int16(binary.BigEndian.Uint16(h[4*f.numHMetric+2*(g-f.numHMetric):]))
}

// glyphData returns the glyf bytes of glyph g (empty for a blank glyph such as space).
func (f *sfnt) glyphData(g int) []byte {
	if g < 0 || g >= f.numGlyphs {
		return nil
	}
	loca := f.tables["loca"]
	var a, b int
	if f.longLoca {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	glyf := f.tables["glyf"]
	if a >= b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	weHaveAScale    = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	compositeHeader = 10
)

// components calls fn with the byte offset of each component's glyph index inside the
// composite glyph d; it does nothing for a simple glyph.
func components(d []byte, fn func(off int)) {
	if len(d) < compositeHeader || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return
	}
	p := compositeHeader
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&weHaveAScale != 0:
			p += 2
		case flags&weHaveXYScale != 0:
			p += 4
		case flags&weHaveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// subset returns a complete TrueType font holding .notdef and the glyphs of runes (and any
// glyphs their composites use), with a format 4 cmap for them. Runes outside the BMP or
// missing from the font are left out; they print as .notdef.
func (f *sfnt) subset(runes []rune) []byte {
	m := make(map[rune]rune, len(runes))
	for _, r := range runes {
		if r <= 0xFFFF {
			m[r] = r
		}
	}
	return f.subsetMap(m)
}

// subsetMap is subset with a cmap that maps each code (a BMP code point) to the glyph of a
// character of the font, which may differ from the code: a character above U+FFFF is given a
// Private Use Area code, since the PDF writer handles BMP codes only (pdffonts.go).
func (f *sfnt) subsetMap(codes map[rune]rune) []byte {
	rs := make([]rune, 0, len(codes))
	for c := range codes {
		rs = append(rs, c)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	newID := map[int]int{0: 0}
	order := []int{0}
	add := func(g int) int {
		if id, ok := newID[g]; ok {
			return id
		}
		newID[g] = len(order)
		order = append(order, g)
		return len(order) - 1
	}
	type mapping struct {
		r  rune
		id int
	}
	var cmap []mapping
	for _, r := range rs {
		if r > 0xFFFF || r == 0xFFFF {
			continue
		}
		if g := f.glyph(codes[r]); g != 0 {
			cmap = append(cmap, mapping{r, add(g)})
		}
	}
	// Copy glyph data, renumbering composite components; order grows while we walk it.
	var glyf []byte
	loca := make([]uint32, 0, len(order)+1)
	for i := 0; i < len(order); i++ {
		d := f.glyphData(order[i])
		loca = append(loca, uint32(len(glyf)))
		if len(d) == 0 {
			continue
		}
		c := append([]byte(nil), d...)
		components(c, func(off int) {
			binary.BigEndian.PutUint16(c[off:], uint16(add(int(binary.BigEndian.Uint16(c[off:])))))
		})
		glyf = append(glyf, c...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = append(loca, uint32(len(glyf)))
	n := len(order)

	hmtx := make([]byte, 4*n)
	for i, g := range order {
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(f.advance(g)))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(f.lsb(g)))
	}
	locaB := make([]byte, 4*len(loca))
	for i, o := range loca {
		binary.BigEndian.PutUint32(locaB[4*i:], o)
	}
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := make([]byte, 32)
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	// cmap: one segment per rune keeps the writer trivial; documents use a few hundred.
	seg := len(cmap) + 1
	sub := make([]byte, 16+8*seg)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*seg))
	sr := 2
	es := 0
	for sr*2 <= 2*seg {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*seg-sr))
	ends, starts, deltas := sub[14:], sub[16+2*seg:], sub[16+4*seg:]
	for i, m := range cmap {
		binary.BigEndian.PutUint16(ends[2*i:], uint16(m.r))
		binary.BigEndian.PutUint16(starts[2*i:], uint16(m.r))
		binary.BigEndian.PutUint16(deltas[2*i:], uint16(m.id-int(m.r)))
	}
	binary.BigEndian.PutUint16(ends[2*(seg-1):], 0xFFFF)
	binary.BigEndian.PutUint16(starts[2*(seg-1):], 0xFFFF)
	binary.BigEndian.PutUint16(deltas[2*(seg-1):], 1)
	cmapT := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, sub...)

	tables := map[string][]byte{
		"cmap": cmapT, "glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx,
		"loca": locaB, "maxp": maxp, "name": f.tables["name"], "post": post,
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if t := f.tables[tag]; t != nil {
			tables[tag] = t
		}
	}
	out := assemble(tables)
	binary.BigEndian.PutUint32(out[headOffset(out)+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// assemble writes the tables (sorted by tag) into one font file.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(n-sr)))
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func headOffset(font []byte) int {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		if string(font[12+16*i:16+16*i]) == "head" {
			return int(binary.BigEndian.Uint32(font[20+16*i:]))
		}
	}
	return 0
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
