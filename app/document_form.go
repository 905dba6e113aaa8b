package app

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// decisionFields is the reading order of the form's messages, by the store's field keys:
// the first problem in this order is the reason beside a disabled button.
var decisionFields = []string{"office", "applicant", "programme", "outcome", "applied", "investigated", "facts",
	"reasons", "income", "standard", "amount_before", "amount_after", "effective", "bases", "date", "corrects"}

// decisionFieldOf maps a data.Decision.Validate field to the form field showing its message.
func decisionFieldOf(f string) string {
	switch f {
	case "id_number", "address", "household_size":
		return "applicant"
	case "authority", "government", "court":
		return "office"
	case "amount":
		return "amount_after"
	}
	return f
}

// decisionForm makes or edits a 社会救助决定书 draft. The applicant comes from the residents;
// every rule is data.Decision.Validate's, shown under its field as the clerk types.
type decisionForm struct {
	sc  *documentsScreen
	doc data.Document // the draft being edited; zero for a new one
	id  int64         // the draft's id once saved
	// seen is the state of the draft the form holds (after opening it, or after its own
	// save): a save over another PC's change since is refused.
	seen data.Seen

	picker       *applicantPicker
	programme    *widget.Select
	outcome      *widget.RadioGroup
	applied      *dateField
	investigated *dateField
	facts        *keyEntry
	reasons      *keyEntry
	income       *keyEntry // 月人均收入, optional
	standard     *keyEntry // 当地低保标准, optional
	// warnings shows data.DecisionWarnings as the clerk types: what disagrees with itself or
	// with the register. They never stop saving or signing.
	warnings *widget.Label
	casesFor aidKey             // whose cases are in cases
	known    data.DecisionFacts // the register's side, read when the person or programme changes
	// cases are the person's cases of the programme in the aid roster (without the decision
	// this draft corrects): they fill 原金额 and refuse a change of nothing running.
	cases      []data.AidCase
	caseLine   *widget.Label // the case in force, as the roster has it
	autoBefore string        // the 原金额 the form filled in, replaced while untouched
	// standards are the office's 救助标准; the 低保标准 of the month fills its field while
	// untouched, and gapLine shows the income against it.
	standards    []data.AidStandard
	autoStandard string
	gapLine      *widget.Label
	before       *keyEntry
	after        *keyEntry
	effective    *keyEntry
	money        *fyne.Container
	beforeRow    []fyne.CanvasObject
	afterLabel   *widget.Label
	afterRow     []fyne.CanvasObject
	effectiveRow []fyne.CanvasObject
	basis        *basisList
	date         *dateField
	corrects     *widget.Label

	msgs       map[string]*widget.Label
	save       *button
	preview    *button
	signBtn    *button
	cancel     *button
	reason     *widget.Label // why 保存草稿 is disabled
	signReason *widget.Label // why 签发 is disabled
	title      *widget.Label

	touched map[string]bool
	tried   bool
	dirty   bool
	ready   bool
	suggest bool // tick the suggested bases when the programme or outcome changes
	content fyne.CanvasObject
}

func newDecisionForm(sc *documentsScreen, doc data.Document) *decisionForm {
	f := &decisionForm{sc: sc, doc: doc, id: doc.ID, msgs: map[string]*widget.Label{}, touched: map[string]bool{},
		suggest: doc.ID == 0}
	for _, k := range decisionFields {
		f.msgs[k] = newErrorLabel()
	}
	s := sc.sess
	f.picker = newApplicantPicker(s)
	f.picker.OnChosen = func(*data.Resident) { f.changed("applicant"); f.loadFacts() }

	var progs []string
	for _, p := range sc.programmes {
		progs = append(progs, string(p))
	}
	if len(progs) == 0 {
		for _, p := range data.DefaultProgrammes {
			progs = append(progs, string(p))
		}
	}
	f.programme = newSelect(progs, func(string) { f.onKindChanged(); f.fillStandard(); f.changed("programme"); f.loadFacts() })
	f.programme.PlaceHolder = "请选择救助项目"
	var outs []string
	for _, o := range data.Outcomes {
		outs = append(outs, o.String())
	}
	f.outcome = widget.NewRadioGroup(outs, func(string) { f.onKindChanged(); f.fillBefore(); f.changed("outcome") })
	f.outcome.Horizontal = true
	f.applied = newDateField(false)
	f.applied.OnChanged = func(data.Date) { f.changed("applied") }
	f.investigated = newDateField(false)
	f.investigated.OnChanged = func(data.Date) { f.changed("investigated") }
	f.facts = f.multi("facts", "经入户调查、邻里访问和信息核对查明的家庭人口、收入、财产等情况")
	f.reasons = f.multi("reasons", "作出本决定的理由，如：家庭月人均收入高于本地最低生活保障标准")
	f.income = f.entry("income", "核算的家庭月人均收入，如 520")
	f.standard = f.entry("standard", "如 760")
	f.warnings = widget.NewLabel("")
	f.warnings.Importance = widget.WarningImportance
	f.warnings.Wrapping = fyne.TextWrapWord
	f.warnings.Hide()
	f.before = f.entry("amount_before", "如 680 或 680.50")
	f.after = f.entry("amount_after", "如 680 或 680.50")
	f.effective = f.entry("effective", "如 2026-04")
	f.effective.OnChanged = func(string) { f.fillBefore(); f.fillStandard(); f.changed("effective") }
	f.gapLine = widget.NewLabel("")
	f.gapLine.Wrapping = fyne.TextWrapWord
	f.gapLine.Hide()
	f.caseLine = widget.NewLabel("")
	f.caseLine.Wrapping = fyne.TextWrapWord
	f.caseLine.Hide()
	f.date = newDateField(false)
	f.date.entry.PlaceHolder = "留空为签发当天"
	f.date.OnChanged = func(data.Date) { f.changed("date") }
	f.corrects = widget.NewLabel("")
	f.corrects.Importance = widget.WarningImportance
	f.corrects.Hide()
	f.basis = newBasisList(true, func() { f.changed("bases") })

	f.save = newButtonWithIcon("保存草稿", theme.DocumentSaveIcon(), f.onSave)
	f.preview = newButtonWithIcon("预览", theme.VisibilityIcon(), f.onPreview)
	f.signBtn = newButtonWithIcon("签发", theme.ConfirmIcon(), f.onSign)
	f.signBtn.Importance = widget.HighImportance
	f.cancel = newButton("返回", f.onCancel)
	f.reason = widget.NewLabel("")
	f.reason.Importance = widget.DangerImportance
	f.reason.Truncation = fyne.TextTruncateEllipsis
	f.signReason = widget.NewLabel("")
	f.signReason.Importance = widget.WarningImportance
	f.signReason.Truncation = fyne.TextTruncateEllipsis

	// Fill in the draft.
	if d := doc.Decision; d != nil {
		f.programme.SetSelected(string(d.Programme))
		f.outcome.SetSelected(d.Outcome.String())
		f.applied.SetDate(d.Applied)
		f.investigated.SetDate(d.Investigated)
		f.facts.SetText(d.Facts)
		f.reasons.SetText(d.Reasons)
		if d.AmountBefore != 0 {
			f.before.SetText(yuanPlain(d.AmountBefore))
			f.autoBefore = f.before.Text // replaced by the roster's amount while untouched
		}
		if d.Income != 0 {
			f.income.SetText(yuanPlain(d.Income))
		}
		if d.Standard != 0 {
			f.standard.SetText(yuanPlain(d.Standard))
			f.autoStandard = f.standard.Text
		}
		if d.AmountAfter != 0 {
			f.after.SetText(yuanPlain(d.AmountAfter))
		}
		if !d.Effective.IsZero() {
			f.effective.SetText(fmt.Sprintf("%d-%02d", d.Effective.Year, int(d.Effective.Month)))
		}
		f.date.SetDate(d.Date)
		if d.Corrects != "" {
			f.corrects.SetText("本决定书更正 " + d.Corrects)
			f.corrects.Show()
		}
		f.picker.setFixed(data.Resident{Name: d.Applicant, IDNumber: d.IDNumber, Address: d.Address}, d.HouseholdSize)
	} else {
		f.programme.SetSelected(string(data.ProgrammeDibao))
	}

	f.title = heading("新建社会救助决定书")
	if doc.ID != 0 {
		f.title.SetText("编辑决定书草稿 · " + doc.Applicant)
	}
	f.beforeRow = []fyne.CanvasObject{fieldLabel("原救助金额（元/月）", true), field(f.before, f.msgs["amount_before"])}
	f.afterLabel = widget.NewLabel("决定后金额（元/月）")
	f.afterLabel.Alignment = fyne.TextAlignTrailing
	f.effectiveRow = []fyne.CanvasObject{fieldLabel("执行月份", true), field(f.effective, f.msgs["effective"])}
	f.afterRow = []fyne.CanvasObject{f.afterLabel, field(f.after, f.msgs["amount_after"])}
	f.money = formGrid(append(append(append([]fyne.CanvasObject{}, f.beforeRow...), f.afterRow...), f.effectiveRow...)...)

	back := newButtonWithIcon("返回", theme.NavigateBackIcon(), f.onCancel)
	applicant := card("申请人", container.NewVBox(f.picker.content, f.msgs["applicant"], f.msgs["office"]))
	decision := card("决定内容", container.NewVBox(formGrid(
		fieldLabel("救助项目", true), field(f.programme, f.msgs["programme"]),
		fieldLabel("决定", true), field(f.outcome, f.msgs["outcome"]),
		fieldLabel("申请日期", false), field(f.applied.content, f.msgs["applied"]),
		fieldLabel("调查日期", false), field(f.investigated.content, f.msgs["investigated"]),
		fieldLabel("查明的事实", true), field(f.facts, f.msgs["facts"]),
		fieldLabel("理由", true), field(f.reasons, f.msgs["reasons"]),
		fieldLabel("月人均收入（元）", false), field(f.income, f.msgs["income"]),
		fieldLabel("当地低保标准（元/人·月）", false), field(f.standard, f.msgs["standard"]),
	), f.gapLine, f.caseLine, f.money, formGrid(fieldLabel("签发日期", false), field(f.date.content, f.msgs["date"])), f.warnings))
	left := container.NewVBox(f.corrects, applicant, decision)
	bases := card("法律依据", container.NewBorder(
		container.NewVBox(hint("已按救助项目和决定预选常用条款，可增减"), messageLine(f.msgs["bases"])), nil, nil, nil,
		container.NewVScroll(f.basis.box)))
	body := container.New(&docFormColumns{}, container.NewVScroll(left), bases)
	top := container.NewHBox(back, f.title)
	bottom := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(f.save, f.preview, f.signBtn, f.cancel), nil, f.reason),
		container.NewBorder(nil, nil, nil, hint("带 * 的为必填项　Ctrl+S 保存草稿　Esc 返回"), f.signReason))
	f.content = container.NewBorder(top, bottom, nil, nil, body)

	if !s.Can(data.ActReview) {
		f.signBtn.Disable()
	}
	f.onKindChanged()
	f.loadBases()
	if doc.ResidentID != 0 {
		f.loadResident(doc.ResidentID)
	}
	f.loadFacts()
	f.loadStandards()
	f.ready = true
	f.validate()
	return f
}

// docFormColumns puts the form on the left and the legal bases on the right (40%).
type docFormColumns struct{}

func (docFormColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+b.Width+theme.Padding(), max(a.Height, b.Height))
}

func (docFormColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	right := min(max(size.Width*0.4, 360), 560)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width-right-theme.Padding(), size.Height))
	objs[1].Move(fyne.NewPos(size.Width-right, 0))
	objs[1].Resize(fyne.NewSize(right, size.Height))
}

func (f *decisionForm) entry(key, placeHolder string) *keyEntry {
	e := newEntry(placeHolder)
	e.OnChanged = func(string) { f.changed(key) }
	return e
}

func (f *decisionForm) multi(key, placeHolder string) *keyEntry {
	e := newMultiLineEntry(placeHolder)
	e.SetMinRowsVisible(3)
	e.OnChanged = func(string) { f.changed(key) }
	return e
}

// yuanPlain writes fen as a plain number of yuan for an entry: 680, 680.5.
func yuanPlain(f data.Fen) string {
	s := strconv.FormatInt(int64(f/100), 10)
	if c := int64(f % 100); c != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", c), "0")
	}
	return s
}

// loadResident shows a draft's applicant as the resident record has it now (the store reads
// it again when the draft is saved).
func (f *decisionForm) loadResident(id int64) {
	s := f.sc.sess
	var r data.Resident
	s.Go(func() (err error) {
		r, err = s.DB.Resident(s.Ctx(), id)
		return err
	}, func(err error) {
		if err == nil {
			f.picker.chosen = &r
			f.picker.name.SetText(r.Name)
			f.picker.idNumber.SetText(data.MaskIDNumber(r.IDNumber))
			f.picker.address.SetText(r.Address)
			f.validate()
		}
	})
}

// loadBases reads the legal-basis catalog into the checklist, ticking the draft's articles
// or, for a new decision, the suggested ones.
func (f *decisionForm) loadBases() {
	var draft []data.LegalBasis
	if f.doc.Decision != nil {
		draft = f.doc.Decision.Bases
	}
	f.basis.load(f.sc.sess, draft, func() {
		if f.suggest {
			f.tickSuggested()
		}
		f.validate()
	})
}

// tickSuggested ticks the articles usually cited for the programme and outcome.
func (f *decisionForm) tickSuggested() {
	f.basis.tick(data.SuggestedBases(f.programmeValue(), f.outcomeValue()))
}

func (f *decisionForm) programmeValue() data.Programme { return data.Programme(f.programme.Selected) }

func (f *decisionForm) outcomeValue() data.Outcome {
	o, _ := data.ParseOutcome(f.outcome.Selected)
	return o
}

// onKindChanged shows the money fields the outcome needs and, until the clerk changes the
// checklist, ticks the articles suggested for it.
func (f *decisionForm) onKindChanged() {
	o, p := f.outcomeValue(), f.programmeValue()
	show := func(objs []fyne.CanvasObject, on bool) {
		for _, obj := range objs {
			if on {
				obj.Show()
			} else {
				obj.Hide()
			}
		}
	}
	if f.money == nil {
		return
	}
	if o.ChangesMoney() {
		f.money.Show()
	} else {
		f.money.Hide()
	}
	show(f.beforeRow, o == data.OutcomeIncrease || o == data.OutcomeDecrease || o == data.OutcomeStop)
	show(f.afterRow, o != data.OutcomeStop)
	switch {
	case p.OneOff() && o == data.OutcomeGrant:
		f.afterLabel.SetText("救助金额（元）")
	case o == data.OutcomeGrant:
		f.afterLabel.SetText("批准金额（元/月）")
	default:
		f.afterLabel.SetText("调整后金额（元/月）")
	}
	show(f.effectiveRow, !(p.OneOff() && o == data.OutcomeGrant))
	f.money.Refresh()
	if f.ready && f.suggest && !f.touched["bases"] {
		f.tickSuggested()
	}
	relayout(f.money)
}

func (f *decisionForm) changed(key string) {
	if !f.ready {
		return
	}
	f.touched[key] = true
	f.dirty = true
	f.validate()
}

// collect reads the form into a decision and the problems that stop saving a draft (parse
// errors and the draft's essentials), by field.
func (f *decisionForm) collect() (data.Decision, map[string]string) {
	problems := map[string]string{}
	var d data.Decision
	if f.doc.Decision != nil {
		d = *f.doc.Decision
	}
	d.Programme = f.programmeValue()
	d.Outcome = f.outcomeValue()
	if r := f.picker.chosen; r != nil {
		d.Applicant, d.IDNumber, d.Address, d.HouseholdSize = r.Name, r.IDNumber, r.Address, max(f.picker.household, 1)
	} else if f.doc.Decision == nil {
		problems["applicant"] = "请先从居民档案中选择申请人"
	}
	if d.Programme == "" {
		problems["programme"] = "请选择救助项目"
	}
	if !d.Outcome.Valid() {
		problems["outcome"] = "请选择决定（给予、不予批准、增发、减发或停发）"
	}
	date := func(key string, fd *dateField) data.Date {
		v, err := fd.Date()
		if err != nil {
			problems[key] = data.Message(err)
		}
		return v
	}
	d.Applied = date("applied", f.applied)
	d.Investigated = date("investigated", f.investigated)
	d.Date = date("date", f.date)
	d.Facts, d.Reasons = strings.TrimSpace(f.facts.Text), strings.TrimSpace(f.reasons.Text)
	optional := func(key string, e *keyEntry) data.Fen {
		if strings.TrimSpace(e.Text) == "" {
			return 0
		}
		v, err := data.ParseYuan(e.Text)
		if err != nil {
			problems[key] = data.Message(err)
		}
		return v
	}
	d.Income, d.Standard = optional("income", f.income), optional("standard", f.standard)
	d.AmountBefore, d.AmountAfter, d.Effective = 0, 0, data.Date{}
	if d.Outcome.ChangesMoney() {
		amount := func(key string, e *keyEntry) data.Fen {
			if strings.TrimSpace(e.Text) == "" {
				return 0
			}
			v, err := data.ParseYuan(e.Text)
			if err != nil {
				problems[key] = data.Message(err)
			}
			return v
		}
		o := d.Outcome
		if o == data.OutcomeIncrease || o == data.OutcomeDecrease || o == data.OutcomeStop {
			d.AmountBefore = amount("amount_before", f.before)
		}
		if o != data.OutcomeStop {
			d.AmountAfter = amount("amount_after", f.after)
		}
		if !(d.Programme.OneOff() && o == data.OutcomeGrant) {
			m, err := data.ParseMonth("effective", f.effective.Text)
			if err != nil {
				problems["effective"] = data.Message(err)
			}
			d.Effective = m
		}
	}
	d.Bases = f.basis.chosen()
	return d, problems
}

// signProblems returns every message data.Decision.Validate gives, by form field: it validates
// the decision as it will be signed (the office's names, the date defaulting to today).
func (f *decisionForm) signProblems(d data.Decision) map[string]string {
	s := f.sc.sess
	o := s.Office
	d.Authority, d.Government, d.Court = o.Name, o.Government, o.Court
	today := data.Today(s.DB.Now())
	if d.Date.IsZero() {
		d.Date = today
	}
	out := map[string]string{}
	if d.Date.After(today) {
		out["date"] = fmt.Sprintf("文书日期（%s）晚于今天，请改为签发当天或以前的日期", d.Date.Chinese())
		d.Date = today
	}
	addProblems(out, d.Validate(), officeProblem(decisionFieldOf))
	if id := f.residentID(); id != 0 && f.casesFor == (aidKey{id, d.Programme}) {
		// The roster's refusal, as the store will give it at signing.
		addProblems(out, data.CheckAidDecision(f.cases, data.AidDecisionOf(0, id, d)), officeProblem(decisionFieldOf))
	}
	return out
}

// officeProblem maps a data field to its form field with keyOf and words a problem of the
// office's own names (the 单位信息 an administrator fills in) as such.
func officeProblem(keyOf func(string) string) func(field, msg string) (string, string) {
	return func(field, msg string) (string, string) {
		key := keyOf(field)
		if key == "office" {
			msg = "单位信息不全：" + strings.TrimSuffix(msg, "。") + "（请管理员在“设置 › 单位信息”中填写）"
		}
		return key, msg
	}
}

// validate shows each problem under its field (once touched, or after a button was pressed)
// and enables 保存草稿, 预览 and 签发 with the reason when they cannot run.
func (f *decisionForm) validate() (data.Decision, bool, bool) {
	d, problems := f.collect()
	f.showWarnings(d)
	draftOK := len(problems) == 0
	draft := maps.Clone(problems) // what stops saving a draft; signing needs more
	for k, v := range f.signProblems(d) {
		if _, ok := problems[k]; !ok {
			problems[k] = v
		}
	}
	firstDraft := ""
	for _, k := range decisionFields {
		if _, ok := draft[k]; ok && firstDraft == "" {
			firstDraft = problems[k]
		}
	}
	first := formState{fields: decisionFields, msgs: f.msgs, touched: f.touched, tried: f.tried,
		always: []string{"office"}}.show(problems)
	gate(f.save, f.reason, "暂不能保存：", firstDraft)
	enable(f.preview, draftOK)
	signOK := first == ""
	if !f.sc.sess.Can(data.ActReview) {
		f.signBtn.Disable()
		f.signReason.SetText("需审核人签发：请保存草稿后提交审核人或管理员签发")
	} else {
		gate(f.signBtn, f.signReason, "暂不能签发：", first)
	}
	return d, draftOK, signOK
}

// saveDraft writes the draft and then runs after with its id.
func (f *decisionForm) saveDraft(after func(id int64)) {
	d, ok, _ := f.validate()
	if !ok {
		f.tried = true
		f.validate()
		return
	}
	s := f.sc.sess
	id := f.id
	var resident int64
	if f.picker.chosen != nil {
		resident = f.picker.chosen.ID
	}
	f.save.Disable()
	seen := f.seen
	s.Go(func() (err error) {
		if id == 0 {
			id, err = s.DB.CreateDecisionDraft(s.Ctx(), resident, d)
		} else {
			err = s.DB.UpdateDraft(data.WithSeen(s.Ctx(), seen), id, d)
		}
		if err == nil {
			seen = savedSeen(s, "documents", id, seen)
		}
		return err
	}, func(err error) {
		f.save.Enable()
		f.seen = seen
		if err != nil {
			var de *data.Error
			if errors.As(err, &de) {
				if l, ok := f.msgs[decisionFieldOf(de.Field)]; ok {
					setMessage(l, de.Message)
				}
			}
			f.reason.SetText("未保存：" + data.Message(err))
			return
		}
		f.id, f.dirty = id, false
		f.title.SetText("编辑决定书草稿 · " + d.Applicant)
		f.sc.load()
		after(id)
	})
}

// onSave saves the draft and stays on the form (Ctrl+S, 保存草稿).
func (f *decisionForm) onSave() {
	f.saveDraft(func(int64) { f.sc.sess.Notify("已保存草稿") })
}

// onPreview saves the draft and shows it as it will print.
func (f *decisionForm) onPreview() {
	f.saveDraft(func(id int64) {
		f.sc.form = nil
		f.sc.showDetail(id)
	})
}

// onSign saves the draft, asks, signs it and shows the signed document.
func (f *decisionForm) onSign() {
	f.sc.signDraft(func() bool { _, _, ok := f.validate(); return ok }, &f.tried, f.saveDraft,
		func() data.Seen { return f.seen }, func() { f.sc.form = nil })
}

// onCancel leaves the form, asking first if something was typed (Esc, 返回).
func (f *decisionForm) onCancel() {
	leave := func() { f.sc.closeForm(f.id) }
	f.sc.sess.LeaveForm(f.dirty, leave)
}

// residentID is the chosen person's record, or the draft's.
func (f *decisionForm) residentID() int64 {
	if f.picker.chosen != nil {
		return f.picker.chosen.ID
	}
	return f.doc.ResidentID
}

// loadFacts reads what the register knows of the person for the programme (household
// members, the amount in force) and checks the form against it again.
func (f *decisionForm) loadFacts() {
	id, p := f.residentID(), f.programmeValue()
	if id == 0 || p == "" {
		f.known = data.DecisionFacts{}
		return
	}
	s := f.sc.sess
	var known data.DecisionFacts
	var cases []data.AidCase
	skip := f.doc.CorrectsID
	s.Go(func() (err error) {
		if known, err = s.DB.DecisionFacts(s.Ctx(), id, p); err != nil {
			return err
		}
		cases, err = s.DB.AidSubject(s.Ctx(), id, p, skip)
		return err
	}, func(err error) {
		if err != nil || id != f.residentID() || p != f.programmeValue() {
			return // a later choice is being read
		}
		f.known, f.cases, f.casesFor = known, cases, aidKey{id, p}
		f.fillBefore()
		f.validate()
	})
}

// aidKey names whose cases the form holds.
type aidKey struct {
	resident  int64
	programme data.Programme
}

// caseMonth is the month the form's change takes effect: the typed month, or this month.
func (f *decisionForm) caseMonth() data.Month {
	if m, err := data.ParseMonth("effective", f.effective.Text); err == nil && !m.IsZero() {
		return data.MonthOf(m)
	}
	return data.MonthOf(data.Today(f.sc.sess.DB.Now()))
}

// fillBefore shows the case in force in the effective month and, for a 增发, 减发 or 停发,
// fills 原金额 with its amount unless the clerk typed another.
func (f *decisionForm) fillBefore() {
	if f.caseLine == nil || f.before == nil {
		return
	}
	p, o, m := f.programmeValue(), f.outcomeValue(), f.caseMonth()
	if f.residentID() == 0 || f.casesFor != (aidKey{f.residentID(), p}) || p.OneOff() {
		f.caseLine.Hide()
		return
	}
	c, running := data.RunningCase(f.cases, p, m)
	switch {
	case running:
		per, _ := c.In(m)
		f.caseLine.SetText(fmt.Sprintf("救助对象台账：%s在保，自%s起每月%s元（%s，保障%d人）", m.Chinese(), per.From.Chinese(),
			per.Amount.Plain(), per.DocNumber, per.Persons))
	case len(f.cases) > 0:
		last := f.cases[len(f.cases)-1]
		if last.End != 0 {
			f.caseLine.SetText(fmt.Sprintf("救助对象台账：%s起已停发（%s），%s无在保%s", last.End.Chinese(), last.EndNumber, m.Chinese(), p))
		} else {
			f.caseLine.SetText(fmt.Sprintf("救助对象台账：自%s起在保（%s），%s尚未开始发放", last.Start.Chinese(), last.GrantNumber, m.Chinese()))
		}
	default:
		f.caseLine.SetText("救助对象台账：该对象没有" + string(p) + "记录")
	}
	f.caseLine.Show()
	if o != data.OutcomeIncrease && o != data.OutcomeDecrease && o != data.OutcomeStop {
		return
	}
	if t := strings.TrimSpace(f.before.Text); t != "" && t != f.autoBefore {
		return // typed by the clerk: the check says if it disagrees
	}
	v := ""
	if running {
		per, _ := c.In(m)
		v = yuanPlain(per.Amount)
	}
	f.autoBefore = v
	if f.before.Text != v {
		ready := f.ready
		f.ready = false // filled, not typed: the form stays clean
		f.before.SetText(v)
		f.ready = ready
	}
}

// showWarnings lists what disagrees (data.DecisionWarnings) under the decision.
func (f *decisionForm) showWarnings(d data.Decision) {
	if f.warnings == nil {
		return
	}
	if g := data.AidGap(d.Income, d.Standard, d.HouseholdSize); g != "" && d.Programme == data.ProgrammeDibao {
		f.gapLine.SetText(g)
		f.gapLine.Show()
	} else {
		f.gapLine.Hide()
	}
	if f.picker.chosen == nil && f.doc.Decision == nil {
		f.warnings.Hide()
		return
	}
	w := append(data.DecisionWarnings(d, f.known), data.StandardWarnings(d, f.standards)...)
	if len(w) == 0 {
		f.warnings.SetText("")
		f.warnings.Hide()
		return
	}
	f.warnings.SetText("请核对（不影响保存）：" + strings.Join(w, "；"))
	f.warnings.Show()
}

// loadStandards reads the office's 救助标准 once and fills the 低保标准 of the month.
func (f *decisionForm) loadStandards() {
	s := f.sc.sess
	var list []data.AidStandard
	s.Go(func() (err error) {
		list, err = s.DB.AidStandards(s.Ctx())
		return err
	}, func(err error) {
		if err != nil {
			return
		}
		f.standards = list
		f.fillStandard()
		f.validate()
	})
}

// fillStandard puts the 低保标准 in force in the decision's month into its field, unless the
// clerk typed another.
func (f *decisionForm) fillStandard() {
	if f.standard == nil || len(f.standards) == 0 {
		return
	}
	p := f.programmeValue()
	if p != data.ProgrammeDibao && !p.Individual() {
		return
	}
	if t := strings.TrimSpace(f.standard.Text); t != "" && t != f.autoStandard {
		return
	}
	v := ""
	if st, ok := data.StandardIn(f.standards, data.StandardDibao, f.caseMonth()); ok {
		v = yuanPlain(st.Amount)
	}
	f.autoStandard = v
	if f.standard.Text != v {
		ready := f.ready
		f.ready = false // filled, not typed
		f.standard.SetText(v)
		f.ready = ready
	}
}
