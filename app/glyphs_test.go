package app

import (
	"image"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"taizhang/data/sqlite"
)

// The resident form refuses a name no embedded face can draw, naming the character and the
// standard form, and takes a name with characters of 《通用规范汉字表》 outside the BMP.
func TestResidentFormNameCharacters(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	test.Tap(r.newBtn)
	f := r.form
	test.Type(f.name, "𠮷田花子")
	msg := f.msgs["name"]
	if !msg.Visible() || !strings.Contains(msg.Text, "“𠮷”（U+20BB7）") || !strings.Contains(msg.Text, "“吉”") {
		t.Errorf("name message %q (visible %v), want it to name 𠮷 and suggest 吉", msg.Text, msg.Visible())
	}
	if !f.save.Disabled() {
		t.Error("保存 is enabled for a name that cannot be printed")
	}
	f.name.SetText("")
	test.Type(f.name, "王𠅤𬌗")
	if f.msgs["name"].Visible() {
		t.Errorf("王𠅤𬌗 refused: %q", f.msgs["name"].Text)
	}
}

// captureLabel renders s in a label on a headless window and returns the picture.
func captureLabel(t *testing.T, s string) image.Image {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(s))
	w.Resize(fyne.NewSize(120, 40))
	return w.Canvas().Capture()
}

func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				n++
			}
		}
	}
	return n
}

func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// The screens draw characters outside the BMP with the theme's own glyphs: two different
// ones give two different pictures (a missing glyph would draw the same box for both), and
// neither is blank.
func TestScreenDrawsNonBMPCharacters(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	p1, p2, blank := captureLabel(t, "王𠅤"), captureLabel(t, "王𬌗"), captureLabel(t, "王")
	if inked(p1) <= inked(blank) || inked(p2) <= inked(blank) {
		t.Errorf("ink: 王𠅤 %d, 王𬌗 %d, 王 %d: a character drew nothing", inked(p1), inked(p2), inked(blank))
	}
	if samePicture(p1, p2) {
		t.Error("𠅤 and 𬌗 draw the same picture: the theme font lacks them")
	}
}

// A panic in background work or in a UI callback reaches the clerk as a Chinese message,
// and its detail and stack are logged beside the database.
func TestSessionRecoversPanics(t *testing.T) {
	s, db := loggedInShell(t)
	var got error
	s.Go(func() error { panic("forced failure in work") }, func(err error) { got = err })
	if got == nil || !strings.Contains(got.Error(), "程序内部出错") || !strings.Contains(got.Error(), "-日志.txt") {
		t.Fatalf("done got %v, want the Chinese message naming the log", got)
	}
	s.Guard("测试按钮", func() { panic("forced failure in a callback") })
	log, err := os.ReadFile(sqlite.CrashLogPath(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"forced failure in work", "forced failure in a callback", "测试按钮", "goroutine", "session.go"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if s.dialog == nil {
		t.Error("the callback's panic showed no message")
	}
}
