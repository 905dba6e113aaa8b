package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// IssueStatus is where an issue (问题) stands in its rectification (整改) lifecycle. The value is
// the English key stored in the database; String gives the Chinese name.
//
//	待整改 → 整改中 → 待验收 → 已销号
//	           ↑        │         │
//	           └────────┴─────────┘  failed review / unsatisfied follow-up (with a reason)
//
// 作废 (Voided) can be reached from any other state and is final.
type IssueStatus string

// Issue statuses. IssueNew is the zero value: an issue not yet recorded, the "from" state of
// IssueRecord and IssueCloseOnSpot.
const (
	IssueNew           IssueStatus = ""
	IssueOpen          IssueStatus = "open"           // 待整改
	IssueInProgress    IssueStatus = "in_progress"    // 整改中
	IssuePendingReview IssueStatus = "pending_review" // 待验收 (申请销号)
	IssueClosed        IssueStatus = "closed"         // 已销号
	IssueVoided        IssueStatus = "voided"         // 作废
)

// IssueStatuses lists the recorded statuses in display order.
var IssueStatuses = []IssueStatus{IssueOpen, IssueInProgress, IssuePendingReview, IssueClosed, IssueVoided}

// String returns the Chinese name.
func (s IssueStatus) String() string {
	switch s {
	case IssueNew:
		return "未登记"
	case IssueOpen:
		return "待整改"
	case IssueInProgress:
		return "整改中"
	case IssuePendingReview:
		return "待验收"
	case IssueClosed:
		return "已销号"
	case IssueVoided:
		return "作废"
	}
	return string(s)
}

// Valid reports whether s is one of IssueStatuses.
func (s IssueStatus) Valid() bool { return isOneOf(IssueStatuses, s) }

// ParseIssueStatus accepts the English key or the Chinese name (also 已作废 and 申请销号), as
// typed on the command line (--status) or found in an imported ledger.
func ParseIssueStatus(s string) (IssueStatus, bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "已作废":
		return IssueVoided, true
	case "申请销号":
		return IssuePendingReview, true
	}
	for _, v := range IssueStatuses {
		if s == string(v) || s == v.String() {
			return v, true
		}
	}
	return "", false
}

// IssueAction is one thing a user does to an issue. Each action has one rule (issueRules):
// the permission it needs, the statuses it may start from, the status it leads to and whether
// a reason is required. The store calls IssueMove before writing and then updates with
// "UPDATE … WHERE id=? AND status=?", so a move made from a stale screen changes nothing.
type IssueAction string

// Issue actions. Those marked "no status change" are checked the same way (who, from which
// status) but leave the status as it is.
const (
	IssueRecord           IssueAction = "record"            // 登记: new → 待整改
	IssueCloseOnSpot      IssueAction = "close_on_spot"     // 当场处置: new → 已销号 (简易 only)
	IssueEdit             IssueAction = "edit"              // 修改登记内容: no status change
	IssueStart            IssueAction = "start"             // 开始整改: 待整改 → 整改中
	IssueReportProgress   IssueAction = "report_progress"   // 报告进展: no status change
	IssueRequestCloseOut  IssueAction = "request_close_out" // 申请销号: 整改中 → 待验收
	IssueApproveCloseOut  IssueAction = "approve_close_out" // 验收通过、销号: 待验收 → 已销号
	IssueRejectCloseOut   IssueAction = "reject_close_out"  // 验收不通过、退回: 待验收 → 整改中, reason
	IssueRecordFollowUp   IssueAction = "record_follow_up"  // 回访 (满意/基本满意): no status change
	IssueReopen           IssueAction = "reopen"            // 不满意回访、重新整改: 已销号 → 整改中, reason
	IssueRequestExtension IssueAction = "request_extension" // 申请延期: no status change, reason
	IssueApproveExtension IssueAction = "approve_extension" // 批准延期: no status change
	IssueRejectExtension  IssueAction = "reject_extension"  // 驳回延期: no status change, reason
	IssueVoid             IssueAction = "void"              // 作废: any but 作废 → 作废, reason
)

// IssueActions lists every action in the order the issue page offers them.
var IssueActions = []IssueAction{
	IssueRecord, IssueCloseOnSpot, IssueEdit, IssueStart, IssueReportProgress,
	IssueRequestCloseOut, IssueApproveCloseOut, IssueRejectCloseOut,
	IssueRecordFollowUp, IssueReopen,
	IssueRequestExtension, IssueApproveExtension, IssueRejectExtension, IssueVoid,
}

type issueRule struct {
	label  string        // Chinese, as on the button and in the history
	needs  Action        // permission, checked with Role.Can
	from   []IssueStatus // statuses the action may start from
	to     IssueStatus   // resulting status; "" (IssueNew) = unchanged
	reason bool          // a reason must be given, and is kept in the history
}

var (
	issueNotVoided = []IssueStatus{IssueOpen, IssueInProgress, IssuePendingReview, IssueClosed}
	issueUnclosed  = []IssueStatus{IssueOpen, IssueInProgress, IssuePendingReview}
)

// issueRules is the transition table and the permission table in one place. Who may do what:
// 工作人员 (and everyone with ActRecord) records issues, closes simple ones on the spot, starts
// work, reports progress, requests close-out and extensions and records follow-up visits,
// including an unsatisfied one that reopens the issue; 审核人 and 管理员 (ActReview) approve or
// reject close-outs and extensions and void issues.
//
// Closing on the spot needs no reviewer: PRODUCT.md has a 简易 issue "recorded and closed in
// one step" by the person who settled it; CheckCloseOnSpot limits it to the 简易 tier.
var issueRules = map[IssueAction]issueRule{
	IssueRecord:           {"登记", ActRecord, []IssueStatus{IssueNew}, IssueOpen, false},
	IssueCloseOnSpot:      {"当场处置销号", ActRecord, []IssueStatus{IssueNew}, IssueClosed, false},
	IssueEdit:             {"修改登记内容", ActRecord, issueUnclosed, IssueNew, false},
	IssueStart:            {"开始整改", ActRecord, []IssueStatus{IssueOpen}, IssueInProgress, false},
	IssueReportProgress:   {"报告整改进展", ActRecord, []IssueStatus{IssueOpen, IssueInProgress}, IssueNew, false},
	IssueRequestCloseOut:  {"申请销号", ActRecord, []IssueStatus{IssueInProgress}, IssuePendingReview, false},
	IssueApproveCloseOut:  {"验收销号", ActReview, []IssueStatus{IssuePendingReview}, IssueClosed, false},
	IssueRejectCloseOut:   {"退回重新整改", ActReview, []IssueStatus{IssuePendingReview}, IssueInProgress, true},
	IssueRecordFollowUp:   {"登记回访", ActRecord, []IssueStatus{IssueClosed}, IssueNew, false},
	IssueReopen:           {"不满意回访并重新整改", ActRecord, []IssueStatus{IssueClosed}, IssueInProgress, true},
	IssueRequestExtension: {"申请延期", ActRecord, []IssueStatus{IssueOpen, IssueInProgress}, IssueNew, true},
	IssueApproveExtension: {"批准延期", ActReview, []IssueStatus{IssueOpen, IssueInProgress}, IssueNew, false},
	IssueRejectExtension:  {"驳回延期", ActReview, []IssueStatus{IssueOpen, IssueInProgress}, IssueNew, true},
	IssueVoid:             {"作废", ActReview, issueNotVoided, IssueVoided, true},
}

// String returns the Chinese label of the action.
func (a IssueAction) String() string {
	if r, ok := issueRules[a]; ok {
		return r.label
	}
	return string(a)
}

// NeedsReason reports whether the action must be given a reason (退回, 不满意, 延期, 作废 …).
func (a IssueAction) NeedsReason() bool { return issueRules[a].reason }

// Permit returns nil if role may perform act on an issue, or an ErrForbidden error whose
// Chinese message says who may.
func Permit(role Role, act IssueAction) error {
	r, ok := issueRules[act]
	if !ok {
		return Forbidden("未知的问题操作“%s”", string(act))
	}
	if role.Can(r.needs) {
		return nil
	}
	if r.needs == ActReview {
		return Forbidden("只有审核人或管理员可以%s，当前账号是%s", r.label, role)
	}
	return Forbidden("当前账号（%s）无权%s", role, r.label)
}

// CanTransition reports whether some action moves an issue from status from to status to.
// Actions that leave the status unchanged are not transitions.
func CanTransition(from, to IssueStatus) bool {
	if from == to {
		return false
	}
	for _, r := range issueRules {
		if r.to == to && r.to != IssueNew && hasStatus(r.from, from) {
			return true
		}
	}
	return false
}

// IssueMove checks one action by a user with role on an issue now in status from, with the
// reason given (ignored where none is needed), and returns the resulting status (from itself
// for actions that change nothing). Errors, in the order checked:
//   - ErrForbidden: the role may not perform the action;
//   - ErrConflict: the action is not possible from this status — usually someone else moved
//     the issue since the screen was drawn;
//   - ErrInvalid (field "reason"): a required reason is missing or too long.
func IssueMove(role Role, from IssueStatus, act IssueAction, reason string) (IssueStatus, error) {
	if err := Permit(role, act); err != nil {
		return from, err
	}
	r := issueRules[act]
	if !hasStatus(r.from, from) {
		if from == IssueVoided {
			return from, Conflict("该问题已作废，不能再%s", r.label)
		}
		return from, Conflict("该问题当前状态为“%s”，不能%s（可能已被他人处理，请刷新后重试）", from, r.label)
	}
	if r.reason {
		n := utf8.RuneCountInString(strings.TrimSpace(reason))
		if n == 0 {
			return from, Invalid("reason", "请填写%s的理由", r.label)
		}
		if n > MaxReasonLen {
			return from, Invalid("reason", "理由不能超过%d字（现有%d字）", MaxReasonLen, n)
		}
	}
	if r.to == IssueNew {
		return from, nil
	}
	return r.to, nil
}

// AvailableIssueActions lists, in display order, the actions a user with role may take on an
// issue in status s: the buttons of the issue page.
func AvailableIssueActions(role Role, s IssueStatus) []IssueAction {
	var out []IssueAction
	for _, a := range IssueActions {
		r := issueRules[a]
		if role.Can(r.needs) && hasStatus(r.from, s) {
			out = append(out, a)
		}
	}
	return out
}

func hasStatus(list []IssueStatus, s IssueStatus) bool { return isOneOf(list, s) }

func isOneOf[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Tier is the handling tier 处置层级 of an issue.
type Tier string

// Tiers.
const (
	TierSimple  Tier = "simple"  // 简易: settled on the spot
	TierGeneral Tier = "general" // 一般: needs a meeting or a professional
	TierComplex Tier = "complex" // 疑难: needs other departments
)

// Tiers lists the tiers in display order.
var Tiers = []Tier{TierSimple, TierGeneral, TierComplex}

// String returns the Chinese name.
func (t Tier) String() string {
	switch t {
	case TierSimple:
		return "简易"
	case TierGeneral:
		return "一般"
	case TierComplex:
		return "疑难"
	}
	return string(t)
}

// ParseTier accepts the English key or the Chinese name.
func ParseTier(s string) (Tier, bool) {
	s = strings.TrimSpace(s)
	for _, t := range Tiers {
		if s == string(t) || s == t.String() {
			return t, true
		}
	}
	return "", false
}

// Satisfaction is the result of a follow-up visit 回访.
type Satisfaction string

// Satisfaction levels. SatisfactionNone is the zero value: no visit yet.
const (
	SatisfactionNone   Satisfaction = ""
	Satisfied          Satisfaction = "satisfied"   // 满意
	BasicallySatisfied Satisfaction = "basic"       // 基本满意
	Unsatisfied        Satisfaction = "unsatisfied" // 不满意
)

// Satisfactions lists the levels in display order.
var Satisfactions = []Satisfaction{Satisfied, BasicallySatisfied, Unsatisfied}

// String returns the Chinese name.
func (s Satisfaction) String() string {
	switch s {
	case SatisfactionNone:
		return "未回访"
	case Satisfied:
		return "满意"
	case BasicallySatisfied:
		return "基本满意"
	case Unsatisfied:
		return "不满意"
	}
	return string(s)
}

// Counts reports whether s counts as satisfied in 满意率 (满意 or 基本满意).
func (s Satisfaction) Counts() bool { return s == Satisfied || s == BasicallySatisfied }

// ParseSatisfaction accepts the English key or the Chinese name.
func ParseSatisfaction(s string) (Satisfaction, bool) {
	s = strings.TrimSpace(s)
	for _, v := range Satisfactions {
		if s == string(v) || s == v.String() {
			return v, true
		}
	}
	return "", false
}

// FollowUpMethod is how a follow-up visit was made.
type FollowUpMethod string

// Follow-up methods.
const (
	FollowUpPhone   FollowUpMethod = "phone"   // 电话
	FollowUpHome    FollowUpMethod = "home"    // 上门
	FollowUpSite    FollowUpMethod = "site"    // 现场
	FollowUpMessage FollowUpMethod = "message" // 短信/微信
)

// FollowUpMethods lists the methods in display order.
var FollowUpMethods = []FollowUpMethod{FollowUpPhone, FollowUpHome, FollowUpSite, FollowUpMessage}

// String returns the Chinese name.
func (m FollowUpMethod) String() string {
	switch m {
	case FollowUpPhone:
		return "电话"
	case FollowUpHome:
		return "上门"
	case FollowUpSite:
		return "现场"
	case FollowUpMessage:
		return "短信/微信"
	}
	return string(m)
}

// ParseFollowUpMethod accepts the English key or the Chinese name (also 短信 or 微信 alone).
func ParseFollowUpMethod(s string) (FollowUpMethod, bool) {
	s = strings.TrimSpace(s)
	if s == "短信" || s == "微信" {
		return FollowUpMessage, true
	}
	for _, m := range FollowUpMethods {
		if s == string(m) || s == m.String() {
			return m, true
		}
	}
	return "", false
}

// Editable catalogs of the issue ledger (CatalogEntry.Kind).
const (
	CatalogIssueSources     CatalogKind = "issue_source"     // 问题来源
	CatalogIssueCategories  CatalogKind = "issue_category"   // 问题类别
	CatalogResponsibleUnits CatalogKind = "responsible_unit" // 责任单位
)

// DefaultIssueSources is the starting list of sources 问题来源; the administrator edits it.
var DefaultIssueSources = []string{
	"沉浸式体验/走流程", "日常巡查", "居民反映", "12345热线", "上级交办", "督查检查", "网格员上报", "议事协商",
}

// DefaultIssueCategories is the starting list of categories 问题类别; the administrator edits it.
var DefaultIssueCategories = []string{
	"环境卫生", "安全隐患", "政务服务/办事指引", "物业管理", "矛盾纠纷", "基础设施", "其他",
}

// Length limits of issue fields, in characters.
const (
	MaxIssueDescription = 2000
	MaxIssueText        = 2000 // measures, result, lasting measure, progress notes
	MaxIssueShort       = 100  // source, category, unit, person, names
	MaxIssueAddress     = 200
	MaxDeadlineWorkdays = 365
)

// Issue is one problem in the ledger 问题台账, with its recorded fields and the state of its
// rectification. Deadline state (逾期/临期) is never stored: see DeadlineStateOf.
type Issue struct {
	ID     int64
	Number string // 编号 WT-2026-0001, assigned by the store from a yearly counter

	FoundOn     Date   // 发现日期
	Source      string // 问题来源, from CatalogIssueSources
	Category    string // 问题类别, from CatalogIssueCategories
	Description string // 问题描述

	CommunityID   int64  // 社区; 0 if the issue concerns the whole office
	CommunityName string // read with the issue, for lists and exports
	GridID        int64  // 小区/网格; 0 if none
	GridName      string
	Address       string  // 具体地点
	ResidentIDs   []int64 // linked residents 涉及居民, optional

	FoundByID int64  // staff account that found it; 0 if found by someone without an account
	FoundBy   string // 发现人, the name as shown

	Tier              Tier   // 处置层级
	ResponsibleUnit   string // 责任单位, from CatalogResponsibleUnits
	ResponsiblePerson string // 责任人
	Deadline          Date   // 整改时限, the current one (after any approved extension)
	DeadlineWorkdays  int    // >0: the deadline was given as this many working days after FoundOn
	Measures          string // 整改措施 (planned)

	Status         IssueStatus
	Result         string // 整改结果, required to request close-out
	LastingMeasure string // 长效机制/建章立制, optional at close-out
	ClosedOn       Date   // 销号日期; zero unless Status is IssueClosed
	DuplicateOf    int64  // the issue this one was linked to as a likely duplicate; 0 none
	VoidReason     string // 作废理由

	CreatedBy int64
	CreatedAt time.Time // UTC
	UpdatedAt time.Time // UTC
}

// SetDeadlineWorkdays gives the deadline as n working days after the date found, counted on
// cal (see Calendar.AddWorkdays), and remembers n. An n outside 0..MaxDeadlineWorkdays is
// remembered but leaves Deadline alone, for Validate to report.
func (i *Issue) SetDeadlineWorkdays(cal *Calendar, n int) {
	i.DeadlineWorkdays = n
	if n >= 0 && n <= MaxDeadlineWorkdays {
		i.Deadline = cal.AddWorkdays(i.FoundOn, n)
	}
}

// Validate checks the issue's own fields and returns every field's problem at once as
// *Problems (ErrInvalid, a Chinese message under each field's key). Catalog membership (source, category, unit)
// and the existence of communities, grids and residents are the store's to check.
func (i *Issue) Validate() error {
	var p Problems
	if i.FoundOn.IsZero() {
		p.Addf("found_on", "请填写发现日期")
	}
	if !i.FoundOn.IsValid() {
		p.Addf("found_on", "发现日期“%s”不是有效日期", i.FoundOn)
	}
	p.Add(requireText("source", "问题来源", i.Source, MaxIssueShort))
	p.Add(requireText("category", "问题类别", i.Category, MaxIssueShort))
	p.Add(requireText("description", "问题描述", i.Description, MaxIssueDescription))
	p.Add(limitText("address", "具体地点", i.Address, MaxIssueAddress))
	p.Add(limitText("found_by", "发现人", i.FoundBy, MaxIssueShort))
	p.Add(CheckPrintable("found_by", "发现人", i.FoundBy))
	if i.Tier == "" {
		p.Addf("tier", "请选择处置层级（简易、一般或疑难）")
	}
	if !isOneOf(Tiers, i.Tier) {
		p.Addf("tier", "处置层级“%s”不存在，只能是简易、一般或疑难", string(i.Tier))
	}
	p.Add(limitText("responsible_unit", "责任单位", i.ResponsibleUnit, MaxIssueShort))
	p.Add(limitText("responsible_person", "责任人", i.ResponsiblePerson, MaxIssueShort))
	p.Add(CheckPrintable("responsible_person", "责任人", i.ResponsiblePerson))
	if i.Deadline.IsZero() {
		p.Addf("deadline", "请填写整改时限")
	}
	if !i.Deadline.IsValid() {
		p.Addf("deadline", "整改时限“%s”不是有效日期", i.Deadline)
	}
	if !p.Has("found_on") && i.Deadline.Before(i.FoundOn) {
		p.Addf("deadline", "整改时限不能早于发现日期（发现日期%s，整改时限%s）", i.FoundOn, i.Deadline)
	}
	if i.DeadlineWorkdays < 0 || i.DeadlineWorkdays > MaxDeadlineWorkdays {
		p.Addf("deadline_workdays", "整改时限的工作日数应在0到%d之间", MaxDeadlineWorkdays)
	}
	for _, f := range []struct{ key, name, v string }{
		{"measures", "整改措施", i.Measures},
		{"result", "整改结果", i.Result},
		{"lasting_measure", "长效机制", i.LastingMeasure},
	} {
		p.Add(limitText(f.key, f.name, f.v, MaxIssueText))
	}
	if i.Status != IssueNew && !i.Status.Valid() {
		p.Addf("status", "问题状态“%s”不存在", string(i.Status))
	}
	switch {
	case i.Status == IssueClosed && i.ClosedOn.IsZero():
		p.Addf("closed_on", "已销号的问题须有销号日期")
	case i.Status != IssueClosed && i.Status != IssueVoided && !i.ClosedOn.IsZero():
		p.Addf("closed_on", "问题尚未销号，不应有销号日期")
	case !i.ClosedOn.IsZero() && !i.ClosedOn.IsValid():
		p.Addf("closed_on", "销号日期“%s”不是有效日期", i.ClosedOn)
	case !i.ClosedOn.IsZero() && !p.Has("found_on") && i.ClosedOn.Before(i.FoundOn):
		p.Addf("closed_on", "销号日期不能早于发现日期（发现日期%s，销号日期%s）", i.FoundOn, i.ClosedOn)
	}
	if i.Status == IssueVoided && strings.TrimSpace(i.VoidReason) == "" {
		p.Addf("void_reason", "请填写作废理由")
	}
	return p.Err()
}

func requireText(key, name, v string, max int) error {
	if strings.TrimSpace(v) == "" {
		return Invalid(key, "请填写%s", name)
	}
	return limitText(key, name, v, max)
}

func limitText(key, name, v string, max int) error {
	if n := utf8.RuneCountInString(v); n > max {
		return Invalid(key, "%s不能超过%d字（现有%d字）", name, max, n)
	}
	return nil
}

// CheckCloseOnSpot returns an ErrInvalid error unless an issue of tier t may be closed on the
// spot (当场处置): only 简易 issues are settled where they are found.
func CheckCloseOnSpot(t Tier) error {
	if t != TierSimple {
		return Invalid("tier", "只有处置层级为“简易”的问题可以当场处置销号，本问题为“%s”", t)
	}
	return nil
}

// CloseOut is what a close-out 销号 records: the result, how many evidence files were
// attached, and optionally the lasting measure 长效机制 it led to.
type CloseOut struct {
	Result         string
	EvidenceCount  int
	LastingMeasure string
}

// Validate checks a close-out request. A request for review (申请销号) needs the result and at
// least one evidence file; closing on the spot (onTheSpot) needs the result only, the clerk
// having settled it in person — a photo is welcome but not required.
func (c CloseOut) Validate(onTheSpot bool) error {
	if err := requireText("result", "整改结果", c.Result, MaxIssueText); err != nil {
		return err
	}
	if !onTheSpot && c.EvidenceCount < 1 {
		return Invalid("evidence", "申请销号须上传整改佐证材料（照片或文件）")
	}
	return limitText("lasting_measure", "长效机制", c.LastingMeasure, MaxIssueText)
}

// Progress is one progress entry 整改进展 of an issue; who made it and the evidence files are
// kept by the store.
type Progress struct {
	Date Date   // 日期
	Note string // 进展情况 (what was done)
}

// Validate checks the entry against the date the issue was found.
func (p Progress) Validate(foundOn Date) error {
	if p.Date.IsZero() {
		return Invalid("date", "请填写进展日期")
	}
	if p.Date.Before(foundOn) {
		return Invalid("date", "进展日期不能早于发现日期（%s）", foundOn)
	}
	return requireText("note", "进展情况", p.Note, MaxIssueText)
}

// Extension is a request to move a deadline 延期. Once approved, the issue's Deadline becomes
// NewDeadline; the history keeps both.
type Extension struct {
	OldDeadline Date
	NewDeadline Date
	Reason      string
}

// Validate checks the request: a later deadline and a reason.
func (e Extension) Validate() error {
	if e.NewDeadline.IsZero() {
		return Invalid("new_deadline", "请填写延期后的整改时限")
	}
	if !e.NewDeadline.After(e.OldDeadline) {
		return Invalid("new_deadline", "延期后的整改时限须晚于原时限（%s）", e.OldDeadline)
	}
	if strings.TrimSpace(e.Reason) == "" {
		return Invalid("reason", "请填写延期理由")
	}
	return limitText("reason", "延期理由", e.Reason, MaxReasonLen)
}

// FollowUp is a follow-up visit 回访 after close-out. An unsatisfied visit reopens the issue
// (IssueReopen), its remarks being the reason.
type FollowUp struct {
	Date         Date
	Method       FollowUpMethod
	Satisfaction Satisfaction
	Remarks      string
}

// Validate checks the visit against the issue's close-out date.
func (f FollowUp) Validate(closedOn Date) error {
	if f.Date.IsZero() {
		return Invalid("date", "请填写回访日期")
	}
	if !closedOn.IsZero() && f.Date.Before(closedOn) {
		return Invalid("date", "回访日期不能早于销号日期（%s）", closedOn)
	}
	if !isOneOf(FollowUpMethods, f.Method) {
		return Invalid("method", "请选择回访方式（电话、上门、现场或短信/微信）")
	}
	if !isOneOf(Satisfactions, f.Satisfaction) {
		return Invalid("satisfaction", "请选择满意度（满意、基本满意或不满意）")
	}
	if f.Satisfaction == Unsatisfied && strings.TrimSpace(f.Remarks) == "" {
		return Invalid("remarks", "回访不满意时，请在备注中写明群众不满意的原因")
	}
	return limitText("remarks", "备注", f.Remarks, MaxReasonLen)
}

// Action returns the lifecycle action a visit with this satisfaction performs:
// IssueReopen if unsatisfied, else IssueRecordFollowUp.
func (f FollowUp) Action() IssueAction {
	if f.Satisfaction == Unsatisfied {
		return IssueReopen
	}
	return IssueRecordFollowUp
}

// IssueNumberPrefix begins every issue number.
const IssueNumberPrefix = "WT"

// FormatIssueNumber returns the human-visible number of the seq-th issue of year:
// WT-2026-0001. The sequence has at least four digits and grows past 9999 (WT-2026-10000).
func FormatIssueNumber(year, seq int) string {
	return fmt.Sprintf("%s-%04d-%04d", IssueNumberPrefix, year, seq)
}

// ParseIssueNumber reads a number written by FormatIssueNumber (the prefix in either case,
// surrounding spaces ignored) and returns its year and sequence.
func ParseIssueNumber(s string) (year, seq int, err error) {
	bad := func() (int, int, error) {
		return 0, 0, Invalid("number", "问题编号“%s”格式不对，应为 WT-2026-0001 的样式", strings.TrimSpace(s))
	}
	f := strings.Split(strings.TrimSpace(s), "-")
	if len(f) != 3 || !strings.EqualFold(f[0], IssueNumberPrefix) || len(f[1]) != 4 || !asciiDigits(f[1]) ||
		len(f[2]) < 4 || len(f[2]) > 9 || !asciiDigits(f[2]) || (len(f[2]) > 4 && f[2][0] == '0') {
		return bad()
	}
	year, _ = strconv.Atoi(f[1])
	seq, _ = strconv.Atoi(f[2])
	if seq < 1 || year < MinDateYear {
		return bad()
	}
	return year, seq, nil
}

// DeadlineState says whether an unfinished rectification is due soon or overdue. It is
// computed from the clock every time it is shown, never stored.
type DeadlineState int

// Deadline states.
const (
	DeadlineNone    DeadlineState = iota // nothing to flag: closed, voided, no deadline, or more than DueSoonDays left
	DeadlineDueSoon                      // 临期
	DeadlineOverdue                      // 逾期
)

// String returns 临期, 逾期 or "".
func (s DeadlineState) String() string {
	switch s {
	case DeadlineDueSoon:
		return "临期"
	case DeadlineOverdue:
		return "逾期"
	}
	return ""
}

// DueSoonDays is the 临期 window: an issue is due soon from DueSoonDays calendar days before
// its deadline up to and including the deadline day.
const DueSoonDays = 3

// DeadlineStateOf returns the deadline state on the day today of an issue with this deadline,
// status and close-out date:
//   - a voided issue, or one without a deadline, is DeadlineNone;
//   - an issue counts as closed on today if its status is 已销号 and it was closed on or
//     before today (closedOn ≤ today; a zero closedOn is taken as closed). Closed issues are
//     DeadlineNone — closing late shows in 按期整改率, not here. Passing a past day as today
//     therefore gives the state the issue had on that day, which the figures use;
//   - otherwise it is DeadlineOverdue when today is after the deadline, and DeadlineDueSoon
//     when 0 to DueSoonDays days remain (the deadline day itself is due soon, not overdue).
//
// Days are calendar days, not working days: PRODUCT.md says "临期, ≤3 days", and a clerk
// reading "还剩3天" counts the days on the wall calendar. A deadline given in working days is
// already turned into a date by Calendar.AddWorkdays, so holidays are counted there.
func DeadlineStateOf(deadline Date, status IssueStatus, closedOn Date, today Date) DeadlineState {
	if status == IssueVoided || deadline.IsZero() {
		return DeadlineNone
	}
	if status == IssueClosed && (closedOn.IsZero() || !closedOn.After(today)) {
		return DeadlineNone
	}
	switch left := deadline.DaysSince(today); {
	case left < 0:
		return DeadlineOverdue
	case left <= DueSoonDays:
		return DeadlineDueSoon
	}
	return DeadlineNone
}
