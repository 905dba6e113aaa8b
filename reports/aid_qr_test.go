package reports

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// The notice's QR code, read back from its rules, is the encoder's code module for module:
// every dark module is covered by a rule and no light one is, with the quiet zone kept.
func TestNoticeGuideQRCode(t *testing.T) {
	const url = "https://zwfw.example.gov.cn/bszn/item?id=140202-LY-0012"
	n := sampleNotice()
	n.GuideURL = url
	pages := LayoutOneTimeNotice(n, Options{})
	want, err := QRModules(url)
	if err != nil {
		t.Fatal(err)
	}
	// The QR rules are those of module width (the form's own rules are 0.3 mm).
	var rules []Rule
	for _, r := range pages[0].Rules {
		if r.Width > 0.4 && !r.Dash {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		t.Fatal("no QR code on the notice")
	}
	mod := rules[0].Width / 1.02
	if mod < 0.5 {
		t.Errorf("module %.2f mm: too small for a phone camera", mod)
	}
	// Rows by their place from the top: a page whose closing was set closer (tighten) moves
	// them a little closer together, which a reader takes in its stride.
	minX := math.Inf(1)
	var ys []float64
	for _, r := range rules {
		minX = math.Min(minX, r.X1)
		if !slices.Contains(ys, r.Y1) {
			ys = append(ys, r.Y1)
		}
	}
	slices.Sort(ys)
	if len(ys) != len(want) {
		t.Fatalf("got %d rows of modules, want %d", len(ys), len(want))
	}
	if pitch := (ys[len(ys)-1] - ys[0]) / float64(len(ys)-1); pitch < 0.9*mod || pitch > mod*1.001 {
		t.Errorf("rows %.3f mm apart for modules %.3f mm wide", pitch, mod)
	}
	got := make([][]bool, len(want))
	for i := range got {
		got[i] = make([]bool, len(want))
	}
	// Finder patterns put a dark module at the left edge of the symbol.
	x0 := minX
	for _, r := range rules {
		row := slices.Index(ys, r.Y1)
		from, to := int(math.Round((r.X1-x0)/mod)), int(math.Round((r.X2-x0)/mod))
		for c := from; c < to; c++ {
			got[row][c] = true
		}
	}
	for y := range want {
		for x := range want[y] {
			if got[y][x] != want[y][x] {
				t.Fatalf("module (%d,%d): got %v, want %v", x, y, got[y][x], want[y][x])
			}
		}
	}
	// The address is printed beside the code, and the quiet zone stays inside the text block.
	var text strings.Builder
	for _, tx := range pages[0].Texts {
		text.WriteString(tx.S)
	}
	if !strings.Contains(text.String(), "扫描二维码查看本事项办事指南") || !strings.Contains(text.String(), "140202-LY-0012") {
		t.Errorf("the guide's line or address is missing")
	}
	if minX-4*mod < Left-0.01 {
		t.Errorf("the quiet zone leaves the text block: code at %.1f mm", minX)
	}

	// Without an address, no code.
	n.GuideURL = ""
	for _, r := range LayoutOneTimeNotice(n, Options{})[0].Rules {
		if r.Width > 0.4 {
			t.Fatal("a QR code on a notice whose item has no guide")
		}
	}
	n.GuideURL = url
	var b bytes.Buffer
	if err := WriteOneTimeNotice(&b, n, Options{}); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("pdf: %v", err)
	}
}
