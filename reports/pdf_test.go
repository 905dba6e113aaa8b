package reports

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"taizhang/assets"
	"taizhang/data"
)

func TestWriteDecisionDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteDecision(&a, sampleDecision(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteDecision(&b, sampleDecision(), Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same decision differ")
	}
	if a.Len() > 100<<10 {
		t.Errorf("decision PDF is %d bytes, want under 100 KB", a.Len())
	}
	if !bytes.Contains(a.Bytes(), []byte("D:20260602")) {
		t.Error("creation date is not the decision's date")
	}
}

func TestWriteRefusesBadFont(t *testing.T) {
	err := WriteDecision(&bytes.Buffer{}, sampleDecision(), Options{BodyFont: []byte("OTTO not a truetype font")})
	if !errors.Is(err, ErrFont) {
		t.Errorf("got %v, want ErrFont", err)
	}
}

// The subset keeps every character's glyph and advance.
func TestSubset(t *testing.T) {
	full, err := parseFontCached(assets.SerifRegular)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("社会救助决定书〔〕2026年，。—1X")
	sub, err := parseFont(full.subset(runes))
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	if sub.numGlyphs > len(runes)+1+10 {
		t.Errorf("subset has %d glyphs for %d characters", sub.numGlyphs, len(runes))
	}
	for _, r := range runes {
		g := sub.glyph(r)
		if g == 0 {
			t.Errorf("%q missing from the subset", r)
			continue
		}
		if a, b := sub.advance(g), full.advance(full.glyph(r)); a != b {
			t.Errorf("%q advance %d, want %d", r, a, b)
		}
		// Simple glyphs are copied as they are (plus padding); composites are renumbered.
		if d := full.glyphData(full.glyph(r)); len(d) >= 2 && d[0]&0x80 == 0 && !bytes.HasPrefix(sub.glyphData(g), d) {
			t.Errorf("%q glyph data differs", r)
		}
	}
	if sub.glyph('龘') != 0 {
		t.Error("a character not asked for is in the subset")
	}
}

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH (install poppler-utils)", tool)
		}
	}
}

func writeTemp(t *testing.T, name string, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestDecisionWithPoppler reads a written decision back with poppler: every font embedded,
// the text as laid out, and the text block where GB/T 9704 puts it.
func TestDecisionWithPoppler(t *testing.T) {
	need(t, "pdffonts", "pdftotext")
	for name, write := range map[string]func(*bytes.Buffer) error{
		"decision":  func(b *bytes.Buffer) error { return WriteDecision(b, sampleDecision(), Options{}) },
		"receipt":   func(b *bytes.Buffer) error { return WriteDeliveryReceipt(b, sampleReceipt(), Options{}) },
		"notice":    func(b *bytes.Buffer) error { return WriteOneTimeNotice(b, sampleNotice(), Options{}) },
		"rejection": func(b *bytes.Buffer) error { return WriteRejectionNotice(b, sampleRejection(), Options{}) },
	} {
		t.Run(name, func(t *testing.T) {
			path := writeTemp(t, name+".pdf", write)
			fonts := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")
			if len(fonts) < 3 {
				t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(fonts, "\n"))
			}
			for _, l := range fonts[2:] {
				f := strings.Fields(l)
				// name type... encoding emb sub uni object ID: emb is the 5th field from the end.
				if len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
			}
			text := run(t, "pdftotext", "-layout", path, "-")
			for _, l := range strings.Split(text, "\n") {
				l = strings.TrimSpace(l)
				if r := []rune(l); len(r) > 0 && NoLineStartRune(r[0]) {
					t.Errorf("line starts with forbidden punctuation: %q", l)
				}
			}
			if name == "decision" {
				flat := strings.Join(strings.Fields(text), "")
				for _, want := range []string{"最低生活保障不予批准决定书", "平民救决〔2026〕15号", "14020219580312002X",
					"《社会救助暂行办法》第九条、第十一条、《最低生活保障审核确认办法》第二十一条的规定", "如不服本决定", "申请行政复议",
					"平城区鹿苑街道办事处", "2026年6月2日", "—1—"} {
					if !strings.Contains(flat, want) {
						t.Errorf("pdftotext lacks %q:\n%s", want, text)
					}
				}
			}
		})
	}
}

// TestTextBlockWithPoppler checks with pdftotext -bbox that every word of the body lies in
// the text block (28–184 mm across, 37–262 mm down) and the page number 7 mm below it.
func TestTextBlockWithPoppler(t *testing.T) {
	need(t, "pdftotext")
	path := writeTemp(t, "decision.pdf", func(b *bytes.Buffer) error { return WriteDecision(b, sampleDecision(), Options{}) })
	out := run(t, "pdftotext", "-bbox", path, "-")
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	const mm = 72 / 25.4
	words := re.FindAllStringSubmatch(out, -1)
	if len(words) < 20 {
		t.Fatalf("pdftotext -bbox found %d words", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		x0, y0, x1, y1 = x0/mm, y0/mm, x1/mm, y1/mm
		if x0 < Left-0.5 || x1 > Right+0.5 {
			t.Errorf("%q spans %.1f–%.1f mm across, outside the block", w[5], x0, x1)
		}
		isNumber := w[5] == "—" || regexp.MustCompile(`^\d+$`).MatchString(w[5])
		if isNumber && y0 > Bottom {
			// poppler's box starts at the font's ascent line, well above the dash; the 7 mm
			// is measured on the printed ink (TestPageNumberDashWithPoppler).
			if y0 < Bottom || y0 > Bottom+PageNumberGap {
				t.Errorf("page number %q box top at %.1f mm, want %.0f–%.0f", w[5], y0, Bottom, Bottom+PageNumberGap)
			}
			continue
		}
		if y0 < Top-1 || y1 > Bottom+1 {
			t.Errorf("%q spans %.1f–%.1f mm down, outside the block", w[5], y0, y1)
		}
	}
}

func TestWriteAllKinds(t *testing.T) {
	blank := sampleReceipt()
	blank.Method, blank.Date, blank.Witness, blank.RefusalReason = "", data.Date{}, "", ""
	n := sampleNotice()
	for i := range n.Materials {
		n.Materials[i].Brought = true
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"blank receipt":   func(b *bytes.Buffer) error { return WriteDeliveryReceipt(b, blank, Options{}) },
		"complete notice": func(b *bytes.Buffer) error { return WriteOneTimeNotice(b, n, Options{}) },
		"other fonts": func(b *bytes.Buffer) error {
			return WriteDecision(b, sampleDecision(), Options{BodyFont: assets.SansRegular, TitleFont: assets.SansBold, Created: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
		},
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Errorf("%s: not a PDF", name)
		}
	}
}

// TestPageNumberDashWithPoppler measures the printed page: rendered at 600 dpi, the first
// inked row under the text block is the top of the page number's 一字线, 7 mm below the block
// (GB/T 9704-2012 7.5). The review measured 9.1–9.3 mm before this was fixed.
func TestPageNumberDashWithPoppler(t *testing.T) {
	need(t, "pdftoppm")
	path := writeTemp(t, "decision.pdf", func(b *bytes.Buffer) error { return WriteDecision(b, sampleDecision(), Options{}) })
	const dpi = 600
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	// Odd page: the number stands at the right; look across the whole block width.
	out := filepath.Join(t.TempDir(), "p")
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-f", "1", "-l", "1", "-x", strconv.Itoa(px(Left)), "-y", strconv.Itoa(px(Bottom)),
		"-W", strconv.Itoa(px(BlockW)), "-H", strconv.Itoa(px(15)), path, out)
	img, err := os.ReadFile(out + "-1.pgm")
	if err != nil {
		t.Fatal(err)
	}
	var w, h, maxv int
	var hdr int
	if _, err := fmt.Sscanf(string(img), "P5\n%d %d\n%d\n", &w, &h, &maxv); err != nil {
		t.Fatalf("not a PGM: %v", err)
	}
	for nl := 0; nl < 3; hdr++ {
		if img[hdr] == '\n' {
			nl++
		}
	}
	pix := img[hdr:]
	first := -1
	for y := 0; y < h && first < 0; y++ {
		for x := 0; x < w; x++ {
			if pix[y*w+x] < 128 {
				first = y
				break
			}
		}
	}
	if first < 0 {
		t.Fatal("no page number printed under the block")
	}
	// The first row found belongs to the digit (it stands taller); the dash is the first
	// inked row in the dash's own columns: the leftmost ink of the run.
	left := w
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if pix[y*w+x] < 128 && x < left {
				left = x
			}
		}
	}
	dash := -1
	for y := 0; y < h && dash < 0; y++ {
		for x := left; x < left+px(2) && x < w; x++ {
			if pix[y*w+x] < 128 {
				dash = y
				break
			}
		}
	}
	got := float64(dash) / dpi * 25.4
	if math.Abs(got-PageNumberGap) > 0.15 {
		t.Errorf("一字线 top %.2f mm below the text block, want %.1f", got, PageNumberGap)
	}
}
