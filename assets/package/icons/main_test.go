package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSource(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{R: 200, G: 30, B: 30, A: 255})
		}
	}
	path := filepath.Join(t.TempDir(), "icon.png")
	if err := writePNG(path, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func size(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}

func TestHicolorLayout(t *testing.T) {
	src := writeSource(t, 64, 64)
	out := t.TempDir()
	if err := run(src, out, "cn.example.app", false, "16, 48,64"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{16, 48, 64} {
		p := filepath.Join(out, fmt.Sprintf("%dx%d", n, n), "apps", "cn.example.app.png")
		if got := size(t, p); got != image.Pt(n, n) {
			t.Errorf("%s is %v, want %dx%d", p, got, n, n)
		}
	}
}

func TestFlatLayout(t *testing.T) {
	src := writeSource(t, 32, 32)
	out := t.TempDir()
	if err := run(src, out, "", true, "16,32"); err != nil {
		t.Fatal(err)
	}
	if got := size(t, filepath.Join(out, "16.png")); got != image.Pt(16, 16) {
		t.Errorf("16.png is %v", got)
	}
	if got := size(t, filepath.Join(out, "32.png")); got != image.Pt(32, 32) {
		t.Errorf("32.png is %v", got)
	}
}

func TestRefusesBadInput(t *testing.T) {
	out := t.TempDir()
	if err := run(writeSource(t, 32, 16), out, "x", false, "16"); err == nil || !strings.Contains(err.Error(), "not square") {
		t.Errorf("non-square source: err = %v", err)
	}
	if err := run(writeSource(t, 32, 32), out, "x", false, "64"); err == nil || !strings.Contains(err.Error(), "bad size") {
		t.Errorf("size larger than the source: err = %v", err)
	}
	if err := run(writeSource(t, 32, 32), out, "", false, "16"); err == nil {
		t.Error("hicolor layout without a name: no error")
	}
}
