package reports

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/assets"
	"taizhang/data"
)

// Fuzz targets for the readers of outside files that had none: the spreadsheet reader of the
// importers (any file a clerk picks) and the TrueType parser (a font file named in settings).

func FuzzReadTable(f *testing.F) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号", "联系电话"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"张菊花", "140202195003040012", 13835201234})
	var book bytes.Buffer
	x.Write(&book)
	x.Close()
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"花名册.csv", []byte("姓名,身份证号\n张菊花,140202195003040012\n")},
		{"花名册.csv", []byte("\xef\xbb\xbf姓名,身份证号\r\n李大山,\"1402\"\"02\"\n")},
		{"花名册.txt", []byte("\xff\xfe\x53\x59\x0d\x54\t\x00")},
		{"花名册.csv", []byte("\xd0\xd5\xc3\xfb,\xc9\xed\xb7\xdd\xd6\xa4\xba\xc5\n")}, // GBK
		{"花名册.xlsx", book.Bytes()},
		{"花名册.xlsx", book.Bytes()[:len(book.Bytes())/2]},
		{"花名册.xlsx", []byte("PK\x03\x04")},
		{"照片.csv", []byte("\x89PNG\r\n\x1a\n")},
	} {
		f.Add(c.name, c.b)
	}
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		rows, err := ReadTable(name, bytes.NewReader(b))
		if err != nil {
			var e *data.Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("ReadTable(%q) refused with %v, not a message for the clerk", name, err)
			}
			return
		}
		last := map[string]int{} // per sheet: the real row numbers, increasing
		for _, r := range rows {
			if r.Line <= last[r.Sheet] {
				t.Fatalf("sheet %q: row %d after %d", r.Sheet, r.Line, last[r.Sheet])
			}
			last[r.Sheet] = r.Line
		}
	})
}

func FuzzParseFont(f *testing.F) {
	f.Add(assets.SansRegular[:4096])
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x04\x00\x00\x00\x00"))
	f.Add([]byte("true"))
	f.Fuzz(func(t *testing.T, b []byte) {
		font, err := parseFont(b)
		if err != nil {
			return
		}
		// Whatever a font claims, reading it stays inside its bytes.
		for _, r := range []rune{'中', 'A', '，', 0x20000, 0} {
			g := font.glyph(r)
			font.advance(g)
			font.lsb(g)
			font.glyphData(g)
		}
		font.subset([]rune("台账中文A"))
	})
}
