// Command icons writes the program icon (assets/icon.png) in the sizes desktop menus and the
// Windows icon use, as <out>/<n>x<n>/apps/<name>.png (the hicolor theme layout) and, with -flat,
// as <out>/<n>.png for icotool.
//
//	go run ./assets/package/icons -in assets/icon.png -out DIR -name cn.gov.street.taizhang
//
// Scaling uses golang.org/x/image/draw (Catmull-Rom), already in the module through Fyne.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

func main() {
	in := flag.String("in", "assets/icon.png", "source PNG, square, at least as large as the largest size")
	out := flag.String("out", "", "output folder")
	name := flag.String("name", "", "icon name (file name without .png) in the hicolor layout")
	flat := flag.Bool("flat", false, "write <out>/<size>.png instead of the hicolor layout")
	sizes := flag.String("sizes", "16,24,32,48,64,128,256", "comma-separated pixel sizes")
	flag.Parse()
	if err := run(*in, *out, *name, *flat, *sizes); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(in, out, name string, flat bool, sizes string) error {
	if out == "" || (!flat && name == "") {
		return fmt.Errorf("-out and (without -flat) -name are required")
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	b := src.Bounds()
	if b.Dx() != b.Dy() {
		return fmt.Errorf("%s is %dx%d, not square", in, b.Dx(), b.Dy())
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 || n > b.Dx() {
			return fmt.Errorf("bad size %q (source is %dpx)", s, b.Dx())
		}
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
		path := filepath.Join(out, fmt.Sprintf("%dx%d", n, n), "apps", name+".png")
		if flat {
			path = filepath.Join(out, fmt.Sprintf("%d.png", n))
		}
		if err := writePNG(path, dst); err != nil {
			return err
		}
	}
	return nil
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
