package app

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for thumbnails
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// Thumbnail size of photos and files.
const thumbW, thumbH = 96, 72

// filePicker gathers files to attach to an action (photos of a progress report, evidence of a
// close-out): an 添加文件 button opening the file dialog, AddPath for a path typed or dropped,
// and a strip of thumbnails with a remove button each. Nothing is stored until the action is.
type filePicker struct {
	sess  *Session
	files []data.NamedFile
	add   *button
	strip *fyne.Container
	msg   *widget.Label
	// OnChanged is called when a file is added or removed.
	OnChanged func()
	content   fyne.CanvasObject
}

func newFilePicker(s *Session, label string) *filePicker {
	p := &filePicker{sess: s, strip: container.NewHBox(), msg: newErrorLabel()}
	p.add = newButtonWithIcon(label, theme.ContentAddIcon(), p.onAdd)
	hintText := hint("照片（JPEG、PNG）或 PDF，每个不超过 20 MB")
	p.content = container.NewVBox(container.NewHBox(p.add, hintText), container.NewHScroll(p.strip), p.msg)
	p.render()
	return p
}

// Files returns the files chosen so far.
func (p *filePicker) Files() []data.NamedFile { return p.files }

// AddPath reads the file at path and adds it; the error is also shown under the strip.
func (p *filePicker) AddPath(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		err = data.Invalid("attachment", "无法读取文件“%s”，请确认文件存在且未被其他程序占用", filepath.Base(path))
		setMessage(p.msg, data.Message(err))
		return err
	}
	return p.AddFile(filepath.Base(path), b)
}

// AddFile adds a file by name and content after checking its size and type.
func (p *filePicker) AddFile(name string, content []byte) error {
	if err := checkFile(name, content); err != nil {
		setMessage(p.msg, data.Message(err))
		if p.OnChanged != nil {
			p.OnChanged()
		}
		return err
	}
	setMessage(p.msg, "")
	p.files = append(p.files, data.NamedFile{Name: name, Content: content})
	p.render()
	if p.OnChanged != nil {
		p.OnChanged()
	}
	return nil
}

// checkFile refuses what the store would refuse, before the user presses 确定.
func checkFile(name string, content []byte) error {
	_, err := data.CheckAttachment(name, content)
	return err
}

func (p *filePicker) remove(i int) {
	p.files = append(p.files[:i:i], p.files[i+1:]...)
	p.render()
	if p.OnChanged != nil {
		p.OnChanged()
	}
}

func (p *filePicker) render() {
	p.strip.Objects = nil
	for i, f := range p.files {
		i := i
		rm := newButtonWithIcon("", theme.CancelIcon(), func() { p.remove(i) })
		rm.Importance = widget.LowImportance
		p.strip.Add(container.NewVBox(thumbnail(f.Name, f.Content), container.NewBorder(nil, nil, nil, rm, shortName(f.Name))))
	}
	if len(p.files) == 0 {
		p.strip.Add(hint("尚未添加文件"))
	}
	p.strip.Refresh()
	relayout(p.strip)
}

func (p *filePicker) onAdd() {
	exts := []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf"}
	openFileDialog(p.sess, "添加照片或扫描件", "添加", exts, documentsDir(), func(path string) {
		f, err := os.Open(path)
		if err != nil {
			setMessage(p.msg, "无法读取所选文件，请重新选择")
			return
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, data.MaxAttachmentSize+1))
		if err != nil {
			setMessage(p.msg, "无法读取所选文件，请重新选择")
			return
		}
		p.AddFile(filepath.Base(path), b)
	})
}

// thumbnail shows a photo scaled into thumbW×thumbH, or a file icon for a PDF or a picture
// that cannot be decoded.
func thumbnail(name string, content []byte) fyne.CanvasObject {
	bg := canvas.NewRectangle(colorHeader)
	bg.CornerRadius = 4
	bg.StrokeColor = colorBorder
	bg.StrokeWidth = 1
	bg.SetMinSize(fyne.NewSize(thumbW, thumbH))
	if img, _, err := image.Decode(bytes.NewReader(content)); err == nil {
		ci := canvas.NewImageFromImage(scaleDown(img, thumbW*2, thumbH*2))
		ci.FillMode = canvas.ImageFillContain
		ci.SetMinSize(fyne.NewSize(thumbW, thumbH))
		return container.NewStack(bg, ci)
	}
	icon := widget.NewIcon(theme.FileIcon())
	if data.SniffAttachment(content) == "application/pdf" {
		icon = widget.NewIcon(theme.FileTextIcon())
	}
	return container.NewStack(bg, container.NewCenter(icon))
}

// scaleDown returns img shrunk (nearest pixel) to fit w×h; a smaller picture is returned as
// it is. Big camera photos are thus not kept at full size for a 96-pixel thumbnail.
func scaleDown(img image.Image, w, h int) image.Image {
	b := img.Bounds()
	if b.Dx() <= w && b.Dy() <= h {
		return img
	}
	scale := min(float64(w)/float64(b.Dx()), float64(h)/float64(b.Dy()))
	nw, nh := max(int(float64(b.Dx())*scale), 1), max(int(float64(b.Dy())*scale), 1)
	out := image.NewNRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		sy := b.Min.Y + y*b.Dy()/nh
		for x := 0; x < nw; x++ {
			out.Set(x, y, color.NRGBAModel.Convert(img.At(b.Min.X+x*b.Dx()/nw, sy)))
		}
	}
	return out
}

func shortName(name string) *widget.Label {
	r := []rune(name)
	if len(r) > 9 {
		name = string(r[:8]) + "…"
	}
	l := widget.NewLabel(name)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// attachmentGallery shows stored files as thumbnails, loading their bytes off the UI
// goroutine; a click shows the photo large.
type attachmentGallery struct {
	sess    *Session
	box     *fyne.Container
	shown   []data.Attachment
	content fyne.CanvasObject
}

func newAttachmentGallery(s *Session) *attachmentGallery {
	g := &attachmentGallery{sess: s, box: container.NewGridWrap(fyne.NewSize(thumbW+8, thumbH+40))}
	g.content = g.box
	return g
}

// thumbs builds the thumbnails of as into a new container (used in timeline entries too).
func attachmentThumbs(s *Session, as []data.Attachment) *fyne.Container {
	box := container.NewGridWrap(fyne.NewSize(thumbW+8, thumbH+40))
	for _, a := range as {
		box.Add(attachmentTile(s, a))
	}
	return box
}

// show replaces the gallery's files.
func (g *attachmentGallery) show(as []data.Attachment) {
	g.shown = as
	g.box.Objects = nil
	for _, a := range as {
		g.box.Add(attachmentTile(g.sess, a))
	}
	g.box.Refresh()
}

// attachmentTile is one file: its thumbnail (filled in once the bytes are read) and name.
func attachmentTile(s *Session, a data.Attachment) fyne.CanvasObject {
	slot := container.NewStack(thumbnail(a.Name, nil))
	var content []byte
	s.Go(func() (err error) {
		content, err = s.DB.AttachmentContent(s.Ctx(), a.ID)
		return err
	}, func(err error) {
		if err != nil {
			return
		}
		slot.Objects = []fyne.CanvasObject{thumbnail(a.Name, content)}
		slot.Refresh()
	})
	open := newButton("", func() { showAttachment(s, a, content) })
	open.Importance = widget.LowImportance
	name := shortName(a.Name)
	return container.NewVBox(container.NewStack(slot, open), name)
}

// showAttachment shows a photo large, or says what the file is.
func showAttachment(s *Session, a data.Attachment, content []byte) {
	var body fyne.CanvasObject
	if img, _, err := image.Decode(bytes.NewReader(content)); err == nil {
		ci := canvas.NewImageFromImage(scaleDown(img, 1200, 900))
		ci.FillMode = canvas.ImageFillContain
		ci.SetMinSize(fyne.NewSize(640, 420))
		body = ci
	} else {
		kind := data.AttachmentTypes[a.MIME]
		if kind == "" {
			kind = "文件"
		}
		body = widget.NewLabel(fmt.Sprintf("%s　%s，%.1f KB。", a.Name, kind, float64(a.Size)/1024))
	}
	info := hint(fmt.Sprintf("%s　%s 上传于 %s", a.Name, a.CreatedBy, a.CreatedAt.In(data.OfficeZone).Format("2006-01-02 15:04")))
	d := dialog.NewCustom(a.Name, "关闭", container.NewBorder(nil, info, nil, nil, body), s.Window)
	d.Resize(fyne.NewSize(720, 540))
	s.ShowDialog(d)
}
