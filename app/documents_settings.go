package app

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// docSettings is the 文书设置 tab of 设置: 文号 registers, document fonts and the legal-basis
// catalog. Administrators change them; others see them.
type docSettings struct {
	sess *Session
	tabs *container.AppTabs

	// 文号设置
	numberRows *fyne.Container
	numberMsg  *widget.Label
	newProg    *widget.Select
	newPrefix  *keyEntry
	addProg    *button
	// prefix and start entries and 保存 of each register, by key, for tests
	prefixes map[string]*keyEntry
	starts   map[string]*keyEntry
	saves    map[string]*button

	// 文书字体
	bodyPath, titlePath *keyEntry
	fontSave            *button
	fontMsg             *widget.Label
	fontNow             *widget.Label

	// 法律依据
	basisRows    *fyne.Container
	basisLaw     *keyEntry
	basisArticle *keyEntry
	basisSubject *keyEntry
	basisSource  *keyEntry
	basisAdd     *button
	basisMsg     *widget.Label

	// 救济途径
	remedyScope   *widget.Select
	remedyText    *keyEntry
	remedyBases   *keyEntry
	remedyVersion *widget.Label
	remedyHistory *widget.Label
	remedySave    *button
	remedyMsg     *widget.Label
	remedyScopes  map[string]data.RemedyScope

	// 决定权限, by programme
	compMode map[data.Programme]*widget.RadioGroup
	compText map[data.Programme]*keyEntry
	compSave map[data.Programme]*button
	compMsg  map[data.Programme]*widget.Label
	compRows *fyne.Container

	guides *guideSettings // 办事指南 (app/aid_notice.go)
}

func newDocSettings(s *Session) *docSettings {
	ds := &docSettings{sess: s}
	ds.tabs = container.NewAppTabs(
		container.NewTabItem("文号设置", ds.numberTab()),
		container.NewTabItem("文书字体", ds.fontTab()),
		container.NewTabItem("法律依据", ds.basisTab()),
		container.NewTabItem("救济途径", ds.remedyTab()),
		container.NewTabItem("决定权限", ds.competenceTab()),
		container.NewTabItem("办事指南", ds.guideTab()),
	)
	return ds
}

// tab is the one tab 设置 shows for documents.
func (ds *docSettings) tab() *container.TabItem {
	return container.NewTabItemWithIcon("文书设置", theme.FileTextIcon(), ds.tabs)
}

func (ds *docSettings) admin() bool { return ds.sess.Can(data.ActManageOrg) }

func (ds *docSettings) note(what string) fyne.CanvasObject {
	role := ""
	if ds.sess.User != nil {
		role = ds.sess.User.Role.String()
	}
	l := mutedLabel(fmt.Sprintf("只有管理员可以%s。当前账号为%s，可以查看，不能修改。", what, role))
	if ds.admin() {
		l.Hide()
	}
	return l
}

// load reads all three parts from the store.
func (ds *docSettings) load() {
	ds.loadNumbers()
	ds.loadFonts()
	ds.loadBases()
	ds.loadRemedy()
	ds.loadCompetence()
	ds.loadGuides()
}

// ---- 文号设置 ----

// registerName is a register's key in words: 决定书, 决定书（低保）, 一次性告知单 …
func registerName(key string) string {
	kind, prog, ok := strings.Cut(key, ":")
	name := data.DocKind(kind).String()
	if ok {
		name += "（" + prog + "）"
	}
	return name
}

func (ds *docSettings) numberTab() fyne.CanvasObject {
	ds.numberRows = container.NewVBox()
	ds.numberMsg = newErrorLabel()
	ds.newProg = newSelect(nil, nil)
	ds.newProg.PlaceHolder = "救助项目"
	ds.newPrefix = newEntry("前缀，如 平民低保决")
	ds.addProg = newButtonWithIcon("单独编号", theme.ContentAddIcon(), ds.onAddProgramme)
	if !ds.admin() {
		ds.newProg.Disable()
		ds.newPrefix.Disable()
		ds.addProg.Disable()
	}
	intro := mutedLabel("文号格式为“前缀〔年份〕序号号”，如“平民救决〔2026〕15号”，每年从 1 起编号。继续使用纸质文号的，" +
		"在本年度第一份文书签发前把起始号设为下一个纸质文号（如 38）。已用过的文号不会重复使用。")
	add := container.NewBorder(nil, nil, widget.NewLabel("按救助项目单独编号"), ds.addProg,
		container.NewGridWithColumns(2, ds.newProg, ds.newPrefix))
	top := container.NewVBox(ds.note("修改文号设置"), intro, ds.numberMsg)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(ds.numberRows,
		widget.NewSeparator(), narrow(900, add))))
}

func (ds *docSettings) loadNumbers() {
	s := ds.sess
	var regs []data.DocNumbering
	var gaps []data.DocNumberRegister
	var progs []data.Programme
	year := data.Today(s.DB.Now()).Year
	s.Go(func() (err error) {
		if regs, err = s.DB.DocNumberings(s.Ctx()); err != nil {
			return err
		}
		for _, r := range regs {
			g, err := s.DB.DocNumberGaps(s.Ctx(), r.Key, year)
			if err != nil {
				return err
			}
			gaps = append(gaps, g)
		}
		progs, err = s.DB.Programmes(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		ds.prefixes = map[string]*keyEntry{}
		ds.starts = map[string]*keyEntry{}
		ds.saves = map[string]*button{}
		ds.numberRows.Objects = nil
		header := container.NewGridWithColumns(5, boldLabel("文书类别"), boldLabel("前缀"), boldLabel("本年起始号"),
			boldLabel("本年情况"), layout.NewSpacer())
		ds.numberRows.Add(header)
		have := map[string]bool{}
		for i, r := range regs {
			have[r.Key] = true
			ds.numberRows.Add(ds.numberRow(r, gaps[i], year))
		}
		var opts []string
		for _, p := range progs {
			if !have[sqlite.NumberingKey(data.DocDecision, p)] {
				opts = append(opts, string(p))
			}
		}
		ds.newProg.Options = opts
		ds.newProg.ClearSelected()
		ds.newProg.Refresh()
		ds.numberRows.Refresh()
	})
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

func (ds *docSettings) numberRow(r data.DocNumbering, g data.DocNumberRegister, year int) fyne.CanvasObject {
	prefix := newEntry("前缀")
	prefix.SetText(r.Prefix)
	start := newEntry("1")
	if r.StartYear == year && r.Start > 1 {
		start.SetText(strconv.Itoa(r.Start))
	} else {
		start.SetText("1")
	}
	state := "本年尚未编号"
	if g.Last > 0 {
		state = fmt.Sprintf("已用至 %d 号", g.Last)
		if len(g.Gaps) > 0 {
			var gs []string
			for _, n := range g.Gaps {
				gs = append(gs, strconv.Itoa(n))
			}
			state += "，空号 " + strings.Join(gs, "、")
		}
		if len(g.Voided) > 0 {
			state += fmt.Sprintf("，作废 %d 个", len(g.Voided))
		}
	}
	stateLabel := widget.NewLabel(state)
	stateLabel.Wrapping = fyne.TextWrapWord
	key := r.Key
	save := newButton("保存", func() { ds.onSaveNumbering(key, prefix.Text, start.Text) })
	if !ds.admin() {
		prefix.Disable()
		start.Disable()
		save.Disable()
	}
	ds.prefixes[key], ds.starts[key], ds.saves[key] = prefix, start, save
	return container.NewGridWithColumns(5, widget.NewLabel(registerName(key)), prefix, start, stateLabel,
		container.NewHBox(save))
}

func (ds *docSettings) onSaveNumbering(key, prefix, start string) {
	s := ds.sess
	n, err := strconv.Atoi(strings.TrimSpace(start))
	if err != nil {
		setMessage(ds.numberMsg, "起始号应为整数，如 1 或 38")
		return
	}
	s.Go(func() error { return s.DB.SetDocNumbering(s.Ctx(), key, prefix, n) }, func(err error) {
		if err != nil {
			setMessage(ds.numberMsg, data.Message(err))
			return
		}
		setMessage(ds.numberMsg, "")
		s.Notify(fmt.Sprintf("已保存 %s 的文号设置：%s", registerName(key), data.FormatDocNumber(strings.TrimSpace(prefix), data.Today(s.DB.Now()).Year, n)))
		ds.loadNumbers()
	})
}

func (ds *docSettings) onAddProgramme() {
	if ds.newProg.Selected == "" {
		setMessage(ds.numberMsg, "请选择要单独编号的救助项目")
		return
	}
	key := sqlite.NumberingKey(data.DocDecision, data.Programme(ds.newProg.Selected))
	ds.onSaveNumbering(key, ds.newPrefix.Text, "1")
	ds.newPrefix.SetText("")
}

// ---- 文书字体 ----

func (ds *docSettings) fontTab() fyne.CanvasObject {
	ds.bodyPath = newEntry("留空使用内置字体（思源宋体）")
	ds.titlePath = newEntry("留空使用内置字体（思源宋体 粗）")
	pick := func(e *keyEntry) *button {
		return newButtonWithIcon("选择文件…", theme.FolderOpenIcon(), func() { ds.pickFont(e) })
	}
	builtin := func(e *keyEntry) *button {
		b := newButton("用内置字体", func() { e.SetText("") })
		b.Importance = widget.LowImportance
		return b
	}
	bodyPick, titlePick := pick(ds.bodyPath), pick(ds.titlePath)
	bodyBuiltin, titleBuiltin := builtin(ds.bodyPath), builtin(ds.titlePath)
	ds.fontSave = newButtonWithIcon("保存", theme.DocumentSaveIcon(), ds.onSaveFonts)
	ds.fontSave.Importance = widget.HighImportance
	ds.fontMsg = newErrorLabel()
	ds.fontNow = mutedLabel("")
	if !ds.admin() {
		for _, w := range []fyne.Disableable{ds.bodyPath, ds.titlePath, bodyPick, titlePick, bodyBuiltin, titleBuiltin, ds.fontSave} {
			w.Disable()
		}
	}
	grid := formGrid(
		fieldLabel("正文（仿宋）", false), container.NewBorder(nil, nil, nil, container.NewHBox(bodyPick, bodyBuiltin), ds.bodyPath),
		fieldLabel("标题（小标宋）", false), container.NewBorder(nil, nil, nil, container.NewHBox(titlePick, titleBuiltin), ds.titlePath),
	)
	intro := mutedLabel("文书默认使用程序内置的字体，任何电脑上打印效果相同。本机装有单位常用字体的，可以改用：" +
		"Windows 的仿宋为 C:\\Windows\\Fonts\\simfang.ttf，方正小标宋一般为 C:\\Windows\\Fonts\\FZXBSJW.TTF。" +
		"须为 TrueType（.ttf）字体。每份文书签发时记下所用字体，重新打印与签发时一致。")
	return narrow(860, card("文书字体", container.NewVBox(ds.note("更改文书字体"), intro, grid, ds.fontMsg,
		container.NewHBox(ds.fontSave), ds.fontNow)))
}

func (ds *docSettings) pickFont(e *keyEntry) {
	s := ds.sess
	dir := fontsDir()
	if p := strings.TrimSpace(e.Text); p != "" {
		dir = filepath.Dir(p)
	}
	openFileDialog(s, "选择字体文件", "选择", []string{".ttf"}, dir, func(path string) { e.SetText(path) })
}

// fontsDir is where the system keeps its fonts, for the font browser to start in.
func fontsDir() string {
	if runtime.GOOS == "windows" {
		return `C:\Windows\Fonts`
	}
	return "/usr/share/fonts"
}

func (ds *docSettings) loadFonts() {
	s := ds.sess
	var body, title data.FontChoice
	s.Go(func() (err error) {
		body, title, err = s.DB.DocumentFonts(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			setMessage(ds.fontMsg, data.Message(err))
			return
		}
		ds.bodyPath.SetText(body.Path)
		ds.titlePath.SetText(title.Path)
		ds.fontNow.SetText("当前：正文 " + fontName(body) + "；标题 " + fontName(title))
	})
}

func fontName(f data.FontChoice) string {
	if f.Embedded() {
		return "内置字体"
	}
	return f.Path
}

func (ds *docSettings) onSaveFonts() {
	s := ds.sess
	body, title := ds.bodyPath.Text, ds.titlePath.Text
	s.Go(func() error { return s.DB.SetDocumentFonts(s.Ctx(), body, title) }, func(err error) {
		if err != nil {
			setMessage(ds.fontMsg, data.Message(err))
			return
		}
		setMessage(ds.fontMsg, "")
		s.Notify("已保存文书字体，此后签发的文书使用新字体")
		ds.loadFonts()
	})
}

// ---- 法律依据 ----

func (ds *docSettings) basisTab() fyne.CanvasObject {
	ds.basisRows = container.NewVBox()
	ds.basisLaw = newEntry("法规名称，如 社会救助暂行办法")
	ds.basisArticle = newEntry("条款，如 第十一条")
	ds.basisSubject = newEntry("内容提要（供选择时参考）")
	ds.basisSource = newEntry("核对出处：文件名称、文号，核对所用文本的网址或公报")
	ds.basisSource.OnSubmitted = func(string) { ds.onAddBasis() }
	ds.basisAdd = newButtonWithIcon("添加", theme.ContentAddIcon(), ds.onAddBasis)
	ds.basisMsg = newErrorLabel()
	if !ds.admin() {
		ds.basisLaw.Disable()
		ds.basisArticle.Disable()
		ds.basisSubject.Disable()
		ds.basisSource.Disable()
		ds.basisAdd.Disable()
	}
	intro := hint("决定书可引用的法规条款。每条均已对照公布的文本核对，出处列在法规名称下；" +
		"添加本省、本市的实施细则时，请写明文件名称、文号和核对所用文本的来源。")
	intro.Wrapping = fyne.TextWrapWord
	add := container.NewVBox(container.NewBorder(nil, nil, nil, ds.basisAdd,
		container.NewVBox(container.New(&basisAddLayout{}, ds.basisLaw, ds.basisArticle, ds.basisSubject), ds.basisSource)), ds.basisMsg)
	top := container.NewVBox(ds.note("修改法律依据目录"), intro)
	return container.NewBorder(top, add, nil, nil, container.NewVScroll(ds.basisRows))
}

// basisAddLayout: law 40%, article 20%, subject the rest.
type basisAddLayout struct{}

func (basisAddLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(480, objs[0].MinSize().Height)
}

func (basisAddLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := theme.Padding()
	w := size.Width - 2*p
	ws := []float32{w * 0.35, w * 0.2, w * 0.45}
	x := float32(0)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], size.Height))
		x += ws[i] + p
	}
}

func (ds *docSettings) loadBases() {
	s := ds.sess
	load(s, s.DB.LegalBases, func(entries []data.LegalBasisEntry) {
		ds.basisRows.Objects = nil
		law, source := "", ""
		for _, e := range entries {
			if e.Law != law {
				law, source = e.Law, e.Source
				ds.basisRows.Add(boldLabel("《" + law + "》"))
				src := hint("出处：" + e.Source)
				if e.Source == "" {
					src = hint("出处：未注明，请核对后重新添加")
				}
				src.Wrapping = fyne.TextWrapWord
				ds.basisRows.Add(src)
			}
			b := e.LegalBasis
			rm := newButton("移除", func() { ds.onVoidBasis(b) })
			rm.Importance = widget.LowImportance
			if !ds.admin() {
				rm.Disable()
			}
			right := container.NewHBox(rm)
			text := b.Subject
			if e.Source != source {
				text += "（出处：" + e.Source + "）"
			}
			subject := hint(text)
			subject.Truncation = fyne.TextTruncateEllipsis
			ds.basisRows.Add(container.NewBorder(nil, nil, fixedWidth(110, widget.NewLabel(b.Article)), right, labelTip(subject)))
		}
		ds.basisRows.Refresh()
	})
}

func (ds *docSettings) onAddBasis() {
	s := ds.sess
	b := data.LegalBasis{Law: ds.basisLaw.Text, Article: ds.basisArticle.Text, Subject: ds.basisSubject.Text}
	source := ds.basisSource.Text
	s.Go(func() error { return s.DB.AddLegalBasis(s.Ctx(), b, source) }, func(err error) {
		if err != nil {
			setMessage(ds.basisMsg, data.Message(err))
			return
		}
		setMessage(ds.basisMsg, "")
		ds.basisArticle.SetText("")
		ds.basisSubject.SetText("")
		s.Notify("已添加 《" + strings.Trim(strings.TrimSpace(b.Law), "《》") + "》" + strings.TrimSpace(b.Article))
		ds.loadBases()
	})
}

func (ds *docSettings) onVoidBasis(b data.LegalBasis) {
	s := ds.sess
	s.Confirm("移除法律依据", fmt.Sprintf("从目录中移除%s？已签发的文书不受影响，草稿中已勾选的仍保留。", b.Cite()), "移除", "取消", func() {
		s.Go(func() error {
			if err := s.DB.EnsureDocumentCatalogs(s.Ctx()); err != nil {
				return err
			}
			return s.DB.VoidCatalog(s.Ctx(), data.CatalogLegalBases, b.Cite())
		}, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已移除 " + b.Cite())
			ds.loadBases()
		})
	})
}

// ---- 救济途径 ----

// remedyTab edits the remedy clause's template of each kind of letter. Each save is a new
// version; a signed letter keeps the text it was signed with.
func (ds *docSettings) remedyTab() fyne.CanvasObject {
	ds.remedyScopes = map[string]data.RemedyScope{}
	var names []string
	for _, sc := range data.RemedyScopes() {
		ds.remedyScopes[sc.String()] = sc
		names = append(names, sc.String())
	}
	ds.remedyScope = newSelect(names, func(string) { ds.loadRemedy() })
	ds.remedyText = newMultiLineEntry("救济途径告知")
	ds.remedyText.SetMinRowsVisible(5)
	ds.remedyText.Wrapping = fyne.TextWrapWord
	ds.remedyBases = newMultiLineEntry("所依据的条款，每行一条，如《中华人民共和国行政复议法》第二十条")
	ds.remedyBases.SetMinRowsVisible(4)
	ds.remedyVersion = mutedLabel("")
	ds.remedyHistory = mutedLabel("")
	ds.remedyHistory.Wrapping = fyne.TextWrapWord
	ds.remedyMsg = newErrorLabel()
	ds.remedySave = newButtonWithIcon("保存为新版本", theme.DocumentSaveIcon(), ds.onSaveRemedy)
	if !ds.admin() {
		ds.remedyText.Disable()
		ds.remedyBases.Disable()
		ds.remedySave.Disable()
	}
	intro := hint("决定书和不予受理通知书的救济途径告知由此生成，不在文书中手工填写。用 " + data.PlaceGovernment + "、" +
		data.PlaceCourt + "、" + data.PlaceDocument + " 代替机关名称和文书名称，签发时由“单位信息”中的名称填入。" +
		"默认文本依《中华人民共和国行政复议法》第二十三条第一款第（三）项（拒绝、减少或停止给付最低生活保障等社会保障，应当先申请行政复议）" +
		"和《中华人民共和国行政诉讼法》第四十五条（收到复议决定书之日起十五日内起诉）。每次保存为新版本，已签发的文书保留签发时的文本。")
	intro.Wrapping = fyne.TextWrapWord
	ds.remedyScope.SetSelected(names[0])
	form := container.NewVBox(ds.note("修改救济途径告知"), intro,
		formGrid(fieldLabel("适用文书", true), ds.remedyScope,
			fieldLabel("告知文本", true), ds.remedyText,
			fieldLabel("依据条款", true), ds.remedyBases),
		container.NewHBox(ds.remedySave, ds.remedyVersion), ds.remedyMsg, ds.remedyHistory)
	return container.NewVScroll(narrow(900, form))
}

func (ds *docSettings) scope() data.RemedyScope { return ds.remedyScopes[ds.remedyScope.Selected] }

func (ds *docSettings) loadRemedy() {
	if ds.remedyText == nil {
		return
	}
	s, scope := ds.sess, ds.scope()
	var t data.RemedyTemplate
	var hist []data.RemedyVersion
	s.Go(func() (err error) {
		if t, err = s.DB.RemedyTemplate(s.Ctx(), scope); err != nil {
			return err
		}
		hist, err = s.DB.RemedyHistory(s.Ctx(), scope)
		return err
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		if scope != ds.scope() {
			return
		}
		ds.remedyText.SetText(t.Text)
		var lines []string
		for _, b := range t.Bases {
			lines = append(lines, b.Cite())
		}
		ds.remedyBases.SetText(strings.Join(lines, "\n"))
		if t.Version == 0 {
			ds.remedyVersion.SetText("当前使用：内置默认文本")
		} else {
			ds.remedyVersion.SetText(fmt.Sprintf("当前使用：第 %d 版", t.Version))
		}
		var hs []string
		for _, h := range hist {
			hs = append(hs, fmt.Sprintf("第 %d 版 · %s · %s", h.Version, h.By, strings.Replace(h.At, "T", " ", 1)[:min(16, len(h.At))]))
		}
		ds.remedyHistory.SetText(strings.Join(hs, "\n"))
		setMessage(ds.remedyMsg, "")
	})
}

// parseCitations reads one citation per line: 《法规名称》第二十条.
func parseCitations(text string) ([]data.LegalBasis, error) {
	var out []data.LegalBasis
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		law, art, ok := strings.Cut(strings.TrimPrefix(line, "《"), "》")
		if !strings.HasPrefix(line, "《") || !ok || strings.TrimSpace(law) == "" || !strings.HasPrefix(strings.TrimSpace(art), "第") {
			return nil, data.Invalid("bases", "依据条款第 %d 行“%s”应写成《法规名称》第×条", i+1, line)
		}
		b := data.LegalBasis{Law: strings.TrimSpace(law), Article: strings.TrimSpace(art)}
		for _, d := range data.RemedyBases {
			if d.Law == b.Law && d.Article == b.Article {
				b.Subject = d.Subject
			}
		}
		out = append(out, b)
	}
	return out, nil
}

func (ds *docSettings) onSaveRemedy() {
	s, scope := ds.sess, ds.scope()
	bases, err := parseCitations(ds.remedyBases.Text)
	if err != nil {
		setMessage(ds.remedyMsg, data.Message(err))
		return
	}
	text := ds.remedyText.Text
	var v int
	s.Go(func() (err error) {
		v, err = s.DB.SaveRemedyTemplate(s.Ctx(), scope, text, bases)
		return err
	}, func(err error) {
		if err != nil {
			setMessage(ds.remedyMsg, data.Message(err))
			return
		}
		s.Notify(fmt.Sprintf("已保存%s的救济途径告知第 %d 版", scope, v))
		ds.loadRemedy()
	})
}

// ---- 决定权限 ----

var competenceModes = []string{data.CompetenceDelegated.String(), data.CompetenceBureau.String()}

// competenceTab says, per programme, whether the office decides under a delegation or
// prepares the letter for the 县级民政部门.
func (ds *docSettings) competenceTab() fyne.CanvasObject {
	ds.compMode = map[data.Programme]*widget.RadioGroup{}
	ds.compText = map[data.Programme]*keyEntry{}
	ds.compSave = map[data.Programme]*button{}
	ds.compMsg = map[data.Programme]*widget.Label{}
	ds.compRows = container.NewVBox()
	for _, p := range data.DefaultProgrammes {
		p := p
		text := newEntry("")
		mode := widget.NewRadioGroup(competenceModes, func(m string) {
			if m == data.CompetenceBureau.String() {
				text.SetPlaceHolder("县级民政部门名称，如 平城区民政局")
			} else {
				text.SetPlaceHolder("委托（下放）依据：文件名称和文号，如《平城区人民政府关于下放……的通知》（平政发〔2022〕5号）")
			}
		})
		mode.Horizontal = true
		save := newButtonWithIcon("保存", theme.DocumentSaveIcon(), func() { ds.onSaveCompetence(p) })
		msg := newErrorLabel()
		if !ds.admin() {
			mode.Disable()
			text.Disable()
			save.Disable()
		}
		ds.compMode[p], ds.compText[p], ds.compSave[p], ds.compMsg[p] = mode, text, save, msg
		ds.compRows.Add(card(p.FullName(), container.NewVBox(mode, container.NewBorder(nil, nil, nil, save, text), msg)))
	}
	intro := hint("街道办事处负责受理和调查（《社会救助暂行办法》第四条）；最低生活保障、特困人员的审核确认属县级民政部门" +
		"（《最低生活保障审核确认办法》第二条、《特困人员认定办法》第三条），经下放或委托的由本机关决定" +
		"（《最低生活保障审核确认办法》第二条第二款、《特困人员认定办法》第二十八条、《社会救助暂行办法》第四十八条）。" +
		"由本机关决定的，请写明本地下放文件的名称和文号；报民政局决定的，决定书以民政局名义作出。")
	intro.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(narrow(900, container.NewVBox(ds.note("修改决定权限"), intro, ds.compRows)))
}

func (ds *docSettings) loadCompetence() {
	if ds.compMode == nil {
		return
	}
	s := ds.sess
	got := map[data.Programme]data.Competence{}
	s.Go(func() error {
		for _, p := range data.DefaultProgrammes {
			c, err := s.DB.Competence(s.Ctx(), p)
			if err != nil {
				return err
			}
			got[p] = c
		}
		return nil
	}, func(err error) {
		if err != nil {
			s.ShowError(err)
			return
		}
		for p, c := range got {
			ds.compMode[p].SetSelected(c.Mode.String())
			if c.Mode == data.CompetenceBureau {
				ds.compText[p].SetText(c.Bureau)
			} else {
				ds.compText[p].SetText(c.Delegation)
			}
		}
	})
}

func (ds *docSettings) onSaveCompetence(p data.Programme) {
	s := ds.sess
	c := data.Competence{Programme: p}
	switch ds.compMode[p].Selected {
	case data.CompetenceBureau.String():
		c.Mode, c.Bureau = data.CompetenceBureau, ds.compText[p].Text
	case data.CompetenceDelegated.String():
		c.Mode, c.Delegation = data.CompetenceDelegated, ds.compText[p].Text
	}
	s.Go(func() error { return s.DB.SetCompetence(s.Ctx(), c) }, func(err error) {
		if err != nil {
			setMessage(ds.compMsg[p], data.Message(err))
			return
		}
		setMessage(ds.compMsg[p], "")
		s.Notify("已保存" + p.FullName() + "的决定权限")
	})
}
