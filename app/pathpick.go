package app

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's own file dialog names its places in English (Home, Desktop, Documents, Computer)
// whatever the system's language, and its buttons follow the system locale. The clerk's
// first page must not show English, so picking a data file is a path entry with 浏览…, which
// opens this small Chinese browser: places, 上一级, folders and matching files.

// pathField is a file path, typed or chosen with 浏览….
type pathField struct {
	w      fyne.Window
	entry  *keyEntry
	browse *button
	// exts are the lower-case extensions listed ("" lists every file).
	exts []string
	// startDir is the folder the browser opens in when the entry is empty.
	startDir func() string
	browser  *fileBrowser // while the browser is open
	content  fyne.CanvasObject
}

func newPathField(w fyne.Window, placeHolder string, exts []string, startDir func() string) *pathField {
	f := &pathField{w: w, entry: newEntry(placeHolder), exts: exts, startDir: startDir}
	f.browse = newButtonWithIcon("浏览…", theme.FolderOpenIcon(), f.onBrowse)
	f.content = container.NewBorder(nil, nil, nil, f.browse, f.entry)
	return f
}

// Path is the path typed or chosen, without surrounding blanks or quotes (Windows' 复制路径
// puts the path in quotes).
func (f *pathField) Path() string {
	return strings.Trim(strings.TrimSpace(f.entry.Text), `"`)
}

func (f *pathField) onBrowse() {
	dir := f.startDir()
	if p := f.Path(); p != "" {
		if dirExists(p) {
			dir = p
		} else if dirExists(filepath.Dir(p)) {
			dir = filepath.Dir(p)
		}
	}
	b := newFileBrowser(f.exts, dir)
	f.browser = b
	d := dialog.NewCustomConfirm("选择文件", "选择", "取消", b.content, func(ok bool) { f.onChosen(b, ok) }, f.w)
	d.Resize(fyne.NewSize(680, 500))
	b.dialog = d
	d.Show()
}

// onChosen takes the browser's file into the entry when the clerk pressed 选择.
func (f *pathField) onChosen(b *fileBrowser, ok bool) {
	f.browser = nil
	if ok && b.picked != "" {
		f.entry.SetText(b.picked)
	}
}

// browseItem is one line of the browser's list.
type browseItem struct {
	name string
	dir  bool
}

// fileBrowser lists one folder: subfolders first, then the files that match.
type fileBrowser struct {
	exts    []string
	dir     string
	items   []browseItem
	folder  *widget.Label
	up      *button
	places  map[string]*button
	list    *browseList
	chosen  *widget.Label
	picked  string
	dialog  dialog.Dialog
	content fyne.CanvasObject
	// onPick, if set, hears of each file chosen in the list.
	onPick func(path string)
	// folders lists folders only: the folder shown is the one chosen.
	folders bool
}

// browsePlace is a shortcut on the browser's left.
type browsePlace struct {
	name, path string
}

// browsePlaces are the folders a clerk looks in: 文档, 桌面, the home folder, and the disks
// (U 盘 included) on Windows or the mounted media on Linux.
func browsePlaces() []browsePlace {
	home, _ := os.UserHomeDir()
	var out []browsePlace
	add := func(name, p string) {
		if p != "" && dirExists(p) {
			out = append(out, browsePlace{name, p})
		}
	}
	add("文档", documentsDir())
	for _, d := range []string{"Desktop", "桌面"} {
		add("桌面", filepath.Join(home, d))
	}
	add("个人文件夹", home)
	if runtime.GOOS == "windows" {
		for c := 'C'; c <= 'Z'; c++ {
			add(string(c)+" 盘", string(c)+`:\`)
		}
	} else {
		u := filepath.Base(home)
		add("U 盘和移动硬盘", filepath.Join("/media", u))
		add("U 盘和移动硬盘", filepath.Join("/run/media", u))
		add("计算机", "/")
	}
	return out
}

func newFileBrowser(exts []string, dir string) *fileBrowser {
	return buildBrowser(&fileBrowser{exts: exts}, dir)
}

// buildBrowser builds the browser b (its exts and mode set) showing dir.
func buildBrowser(b *fileBrowser, dir string) *fileBrowser {
	b.places = map[string]*button{}
	b.folder = widget.NewLabel("")
	b.folder.Wrapping = fyne.TextWrapBreak
	b.up = newButtonWithIcon("上一级", theme.MoveUpIcon(), func() { b.show(filepath.Dir(b.dir)) })
	b.chosen = mutedLabel("请选择一个文件")
	if b.folders {
		b.chosen.SetText("请打开要存放的文件夹")
	}
	b.list = &browseList{}
	b.list.Length = func() int { return len(b.items) }
	b.list.CreateItem = func() fyne.CanvasObject {
		return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel("名称"))
	}
	b.list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*fyne.Container)
		it := b.items[i]
		icon := theme.FileIcon()
		if it.dir {
			icon = theme.FolderIcon()
		}
		row.Objects[0].(*widget.Icon).SetResource(icon)
		row.Objects[1].(*widget.Label).SetText(it.name)
	}
	b.list.ExtendBaseWidget(b.list)
	b.list.OnSelected = b.onSelected
	b.list.up = func() {
		if !b.up.Disabled() {
			b.show(filepath.Dir(b.dir))
		}
	}
	side := container.NewVBox()
	for _, p := range browsePlaces() {
		p := p
		btn := newButton(p.name, func() { b.show(p.path) })
		btn.Alignment = widget.ButtonAlignLeading
		btn.Importance = widget.LowImportance
		if _, dup := b.places[p.name]; !dup {
			b.places[p.name] = btn
		}
		side.Add(btn)
	}
	top := container.NewBorder(nil, nil, b.up, nil, b.folder)
	b.content = container.NewBorder(top, b.chosen, container.NewVScroll(side), nil, b.list)
	b.show(dir)
	return b
}

// show lists dir; a folder that cannot be read says so in place of the list.
func (b *fileBrowser) show(dir string) {
	if dir == "" {
		dir = "."
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	b.dir = dir
	b.folder.SetText("位置：" + dir)
	b.items = nil
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.chosen.SetText("无法打开这个文件夹（没有权限，或磁盘未接上）")
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "$") {
			continue // hidden and system entries
		}
		isDir := e.IsDir()
		if !isDir && e.Type()&os.ModeSymlink != 0 {
			isDir = dirExists(filepath.Join(dir, name))
		}
		if !isDir && (b.folders || !b.matches(name)) {
			continue
		}
		b.items = append(b.items, browseItem{name, isDir})
	}
	sort.SliceStable(b.items, func(i, j int) bool {
		if b.items[i].dir != b.items[j].dir {
			return b.items[i].dir
		}
		return b.items[i].name < b.items[j].name
	})
	b.up.Enable()
	if filepath.Dir(dir) == dir {
		b.up.Disable()
	}
	b.list.UnselectAll()
	b.list.Refresh()
	b.list.ScrollToTop()
	if b.folders {
		b.picked = ""
		if err == nil {
			b.picked = dir
			b.chosen.SetText("将存放到：" + dir)
		}
	} else if err == nil && b.picked == "" {
		b.chosen.SetText("请选择一个文件")
	}
}

func (b *fileBrowser) matches(name string) bool {
	if len(b.exts) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range b.exts {
		if ext == e {
			return true
		}
	}
	return false
}

// onSelected opens a folder, or chooses a file.
func (b *fileBrowser) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(b.items) {
		return
	}
	it := b.items[i]
	p := filepath.Join(b.dir, it.name)
	if it.dir {
		b.show(p)
		return
	}
	b.picked = p
	b.chosen.SetText("已选择：" + p)
	if b.onPick != nil {
		b.onPick(p)
	}
}

// browseList is the browser's list by keyboard too: Space or Enter opens the folder or
// chooses the file under the focus (Enter then runs enter, which the dialog sets to press
// its default button), Backspace goes up a folder.
type browseList struct {
	widget.List
	enter func() // after Enter, when a file of the folder shown is chosen
	up    func()
}

func (l *browseList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		if l.enter != nil {
			l.enter()
		}
	case fyne.KeyBackspace:
		if l.up != nil {
			l.up()
		}
	default:
		l.List.TypedKey(ev)
	}
}

// openFileDialog lets the clerk choose an existing file (one of exts) in the Chinese
// browser, starting in dir; onChosen gets its path. Esc closes it; Enter chooses.
func openFileDialog(s *Session, title, confirm string, exts []string, dir string, onChosen func(path string)) *fileBrowser {
	b := newFileBrowser(exts, dir)
	choose := pickDialog(s, b, title, confirm, onChosen)
	b.list.enter = func() {
		if b.pickedHere() {
			choose()
		}
	}
	return b
}

// pickDialog shows the browser b in a dialog whose confirm button, or Enter (the choose it
// returns), hands the path chosen to onChosen; Esc and 取消 hand nothing.
func pickDialog(s *Session, b *fileBrowser, title, confirm string, onChosen func(path string)) (choose func()) {
	entered := false
	d := dialog.NewCustomConfirm(title, confirm, "取消", b.content, func(ok bool) {
		if (ok || entered) && b.picked != "" {
			onChosen(b.picked)
		}
	}, s.Window)
	d.Resize(fyne.NewSize(720, 520))
	b.dialog = d
	choose = func() {
		if b.picked != "" {
			entered = true
			s.CloseDialog()
		}
	}
	s.showDialog(d, choose)
	return choose
}

// pickedHere reports whether the file chosen is in the folder shown (Enter on a folder
// opens it and leaves an earlier choice elsewhere alone).
func (b *fileBrowser) pickedHere() bool {
	return !b.folders && b.picked != "" && filepath.Dir(b.picked) == b.dir
}

// saveFileDialog asks where to save a file: the Chinese browser to find the folder, and the
// file's name (name to start with; ext added when missing). onChosen gets the full path; an
// existing file is replaced only after asking.
func saveFileDialog(s *Session, title string, ext, dir, name string, onChosen func(path string)) *fileBrowser {
	b := newFileBrowser([]string{ext}, dir)
	file := newEntry("文件名")
	file.SetText(name)
	b.onPick = func(p string) { file.SetText(filepath.Base(p)) }
	target := func() string {
		n := strings.TrimSpace(file.Text)
		if n == "" {
			return ""
		}
		if !strings.EqualFold(filepath.Ext(n), ext) {
			n += ext
		}
		return filepath.Join(b.dir, n)
	}
	save := func() {
		p := target()
		if p == "" {
			return
		}
		if _, err := os.Stat(p); err == nil {
			s.Confirm("替换文件", "“"+filepath.Base(p)+"”已经存在，要替换它吗？", "替换", "取消", func() { onChosen(p) })
			return
		}
		onChosen(p)
	}
	entered := false
	body := container.NewBorder(nil, container.NewBorder(nil, nil, widget.NewLabel("文件名"), nil, file), nil, nil, b.content)
	d := dialog.NewCustomConfirm(title, "保存", "取消", body, func(ok bool) {
		if ok || entered {
			save()
		}
	}, s.Window)
	d.Resize(fyne.NewSize(720, 560))
	b.dialog = d
	enter := func() {
		entered = true
		s.CloseDialog()
	}
	file.OnSubmitted = func(string) { enter() }
	b.list.enter = func() {
		if b.pickedHere() {
			s.Window.Canvas().Focus(file)
		}
	}
	s.showDialog(d, enter)
	return b
}

// openFolderDialog lets the clerk choose a folder in the Chinese browser, starting in dir:
// the folder shown when 选择 (or Enter) is pressed is the one chosen.
func openFolderDialog(s *Session, title, confirm, dir string, onChosen func(dir string)) *fileBrowser {
	b := buildBrowser(&fileBrowser{folders: true}, dir)
	pickDialog(s, b, title, confirm, onChosen)
	return b
}

// readChosenFile reads a file the clerk chose to open; a file that cannot be read is said so
// in Chinese, naming it.
func (s *Session) readChosenFile(path string) ([]byte, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		s.ShowMessage("无法读取文件", "无法读取“"+filepath.Base(path)+"”，请确认文件存在、没有被其他程序占用后重试。")
		return nil, false
	}
	return b, true
}

// fileSink writes a chosen file: the file is made only on the first write, so an export
// that fails or is cancelled before writing leaves no empty file under the chosen name.
type fileSink struct {
	path string
	f    *os.File
}

func newFileSink(path string) *fileSink { return &fileSink{path: path} }

func (w *fileSink) Write(p []byte) (int, error) {
	if w.f == nil {
		f, err := os.Create(w.path)
		if err != nil {
			return 0, err
		}
		w.f = f
	}
	return w.f.Write(p)
}

func (w *fileSink) Close() error {
	if w.f == nil {
		return nil
	}
	return w.f.Close()
}

// index is the list position of name, -1 when it is not listed.
func (b *fileBrowser) index(name string) int {
	for i, it := range b.items {
		if it.name == name {
			return i
		}
	}
	return -1
}
