package reports

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"taizhang/assets"
	"taizhang/data"
)

// TGH2013NonBMP returns the 196 characters of 《通用规范汉字表》 outside the BMP, from the
// Unihan kTGH list in testdata (its source is noted at its top).
func tgh2013NonBMP(t testing.TB) []rune {
	t.Helper()
	f, err := os.Open("testdata/tgh2013-nonbmp.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rs []rune
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 || !strings.HasPrefix(fields[0], "U+") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(fields[1])
		if r <= 0xFFFF || !strings.HasPrefix(fields[2], "2013:") {
			t.Fatalf("bad line %q", sc.Text())
		}
		rs = append(rs, r)
	}
	if len(rs) != 196 {
		t.Fatalf("got %d characters, want 196", len(rs))
	}
	return rs
}

// names spreads rs over names of three characters (surname 王 and two of rs).
func names(rs []rune) []string {
	var out []string
	for i := 0; i < len(rs); i += 2 {
		n := "王" + string(rs[i])
		if i+1 < len(rs) {
			n += string(rs[i+1])
		}
		out = append(out, n)
	}
	return out
}

// Every embedded face (documents' serif and screens' sans) draws all 196 characters; none
// draws 𠮷, the Japanese form of 吉.
func TestEmbeddedFacesCoverTGH2013(t *testing.T) {
	rs := tgh2013NonBMP(t)
	for i, b := range embeddedFaces {
		f, err := parseFontCached(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if f.glyph(r) == 0 {
				t.Errorf("face %d (%s) lacks %c U+%X", i, postScriptName(f), r, r)
			}
		}
		if f.glyph(0x20BB7) != 0 {
			t.Errorf("face %d has 𠮷: the refusal tests need another character", i)
		}
	}
}

// flat is pdftotext's output without white space.
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

// A decision naming each of the 196 characters prints them all: pdftotext gives every one
// back, the fonts are embedded subsets with tagged names, and nothing is drawn as 〓.
func TestDecisionPrintsNonBMPNames(t *testing.T) {
	need(t, "pdftotext", "pdffonts")
	rs := tgh2013NonBMP(t)
	d := sampleDecision()
	d.Applicant = "王" + string(rs[:2])
	d.Facts = "你家庭共同生活成员：" + strings.Join(names(rs), "、") + "。"
	path := writeTemp(t, "decision.pdf", func(b *bytes.Buffer) error { return WriteDecision(b, d, Options{}) })
	text := flat(run(t, "pdftotext", path, "-"))
	for _, r := range rs {
		if !strings.ContainsRune(text, r) {
			t.Errorf("pdftotext lacks %c U+%X", r, r)
		}
	}
	if !strings.Contains(text, "申请人："+d.Applicant) {
		t.Errorf("pdftotext lacks the applicant %q", d.Applicant)
	}
	for _, name := range names(rs)[:5] {
		if !strings.Contains(text, name) {
			t.Errorf("pdftotext lacks the name %q whole", name)
		}
	}
	if strings.ContainsRune(text, missingMark) || strings.ContainsAny(text, "\uE000\uE001") {
		t.Error("pdftotext shows a stand-in code instead of a character")
	}
	checkSubsetNames(t, path, 2)
}

// checkSubsetNames runs pdffonts: want fonts, each an embedded subset named ABCDEF+Name.
func checkSubsetNames(t *testing.T, path string, want int) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")[2:]
	if len(lines) != want {
		t.Errorf("pdffonts lists %d fonts, want %d:\n%s", len(lines), want, strings.Join(lines, "\n"))
	}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9_-]+$`)
	for _, l := range lines {
		f := strings.Fields(l)
		if !tagged.MatchString(f[0]) || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font %q: want an embedded subset named ABCDEF+Name", l)
		}
	}
}

// The tag is the same for the same document and differs between subsets of one face.
func TestSubsetTagDeterministic(t *testing.T) {
	tags := func(d data.Decision) []string {
		var b bytes.Buffer
		if err := WriteDecision(&b, d, Options{}); err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`/BaseFont /([A-Z]{6}\+NotoSerifSC-Regular)`).FindAllString(b.String(), -1)
	}
	a, b := tags(sampleDecision()), tags(sampleDecision())
	other := sampleDecision()
	other.Facts += "另查明龘。"
	c := tags(other)
	if len(a) != 2 || strings.Join(a, "") != strings.Join(b, "") {
		t.Errorf("tags %v then %v, want the same two (Type0 and CIDFont)", a, b)
	}
	if len(c) != 2 || c[0] == a[0] {
		t.Errorf("a different subset got tag %v, want one other than %v", c, a)
	}
}

// A ledger (the issue and roster PDFs) prints the 196 characters too.
func TestLedgerPrintsNonBMPNames(t *testing.T) {
	need(t, "pdftotext", "pdffonts")
	rs := tgh2013NonBMP(t)
	ns := names(rs)
	rows := func(each func([]string) error) error {
		for _, n := range ns {
			if err := each([]string{n, "古城社区", n + "家门口路灯不亮"}); err != nil {
				return err
			}
		}
		return nil
	}
	l := LedgerSheet{Title: "测试台账" + string(rs[0]), Unit: "平城区鹿苑街道办事处", Date: data.MustDate(2026, 7, 1),
		Columns: []Column{{"姓名", 10, AlignCenter, CellText}, {"社区", 10, AlignLeft, CellText}, {"问题", 30, AlignLeft, CellText}}}
	path := writeTemp(t, "ledger.pdf", func(b *bytes.Buffer) error { _, err := WriteLedgerPDF(b, l, rows, Options{}); return err })
	text := flat(run(t, "pdftotext", path, "-"))
	for _, n := range ns {
		if !strings.Contains(text, n+"古城社区"+n+"家门口路灯不亮") {
			t.Errorf("pdftotext lacks the row of %q", n)
		}
	}
	if !strings.Contains(text, l.Title) {
		t.Errorf("pdftotext lacks the title %q (title face)", l.Title)
	}
	checkSubsetNames(t, path, 2)
}

// A character no face has is drawn as 〓 and still extracted as itself; a character the
// office's own font lacks comes from the embedded face, embedded as a third font.
func TestMissingAndFallbackGlyphs(t *testing.T) {
	need(t, "pdftotext", "pdffonts")
	serif, err := parseFontCached(assets.SerifRegular)
	if err != nil {
		t.Fatal(err)
	}
	// An "office font" that has only a few characters (a stand-in for simfang.ttf, which
	// lacks the 196).
	small := serif.subset([]rune("最低生活保障不予批准决定书申请人王秀兰"))
	d := sampleDecision()
	d.Applicant = "王𠅤𠮷"
	path := writeTemp(t, "d.pdf", func(b *bytes.Buffer) error { return WriteDecision(b, d, Options{BodyFont: small}) })
	text := flat(run(t, "pdftotext", path, "-"))
	if !strings.Contains(text, "申请人：王𠅤𠮷") {
		t.Errorf("pdftotext: got %q, want 申请人：王𠅤𠮷", text[:min(len(text), 200)])
	}
	if strings.ContainsRune(text, missingMark) {
		t.Error("the missing mark is extracted instead of the character")
	}
	checkSubsetNames(t, path, 3) // the office's body font, the embedded stand-in, the title
}

// The seal guide is a screen aid: the PDF is byte-identical with and without it.
func TestSealGuideNotPrinted(t *testing.T) {
	with := LayoutDecision(sampleDecision(), Options{})
	without := LayoutDecision(sampleDecision(), Options{NoSealMark: true})
	if n := len(with[len(with)-1].Circles); n != 1 || !with[len(with)-1].Circles[0].Guide {
		t.Fatalf("layout has %d circles, want the one seal guide", n)
	}
	var a, b bytes.Buffer
	if err := WritePDF(&a, with, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&b, without, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the PDF differs with the seal guide: it is printed")
	}
}

// No text makes the writers fail or panic, whatever its characters: one resident with an odd
// name must never block the ledger or a letter for good.
func FuzzWritePDFText(f *testing.F) {
	f.Add("王𠅤兰", "𠮷野家😀")
	f.Add("\x00\t\r\n\uE000\uFFFF\U0010FFFF", "\xff\xfe()\\")
	f.Add(strings.Repeat("𬌗", 40), "")
	f.Fuzz(func(t *testing.T, name, note string) {
		d := sampleDecision()
		d.Applicant, d.Facts = name, note
		if err := WriteDecision(&bytes.Buffer{}, d, Options{}); err != nil {
			t.Fatalf("decision with %q / %q: %v", name, note, err)
		}
		rows := func(each func([]string) error) error { return each([]string{name, note}) }
		l := LedgerSheet{Title: "台账" + name, Unit: note, Date: data.MustDate(2026, 7, 1),
			Columns: []Column{{"姓名", 10, AlignCenter, CellText}, {"备注", 20, AlignLeft, CellText}}}
		if _, err := WriteLedgerPDF(&bytes.Buffer{}, l, rows, Options{}); err != nil {
			t.Fatalf("ledger with %q / %q: %v", name, note, err)
		}
	})
}

// Random runes from every plane, many distinct ones in one ledger.
func TestLedgerRandomRunes(t *testing.T) {
	var rs []rune
	x := uint32(2463534242)
	for len(rs) < 3000 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		rs = append(rs, rune(x%0x110000))
	}
	rows := func(each func([]string) error) error {
		for i := 0; i+6 <= len(rs); i += 6 {
			if err := each([]string{string(rs[i : i+3]), string(rs[i+3 : i+6])}); err != nil {
				return err
			}
		}
		return nil
	}
	l := LedgerSheet{Title: "随机字符", Date: data.MustDate(2026, 7, 1), Columns: []Column{{"姓名", 10, AlignCenter, CellText}, {"备注", 20, AlignLeft, CellText}}}
	var b bytes.Buffer
	if n, err := WriteLedgerPDF(&b, l, rows, Options{}); err != nil || n != 500 {
		t.Fatalf("got %d rows, %v; want 500 rows", n, err)
	}
}
