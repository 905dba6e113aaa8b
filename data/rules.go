package data

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rules that the store, the screens, the importer and the command line all apply: each is
// written once here and called from all of them.

// ParseWorkdays reads a number of working days (a deadline, an extension) as typed: a whole
// number from 1 to MaxDeadlineWorkdays. field names the input in the error.
func ParseWorkdays(field, s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, Invalid(field, "请填写工作日数")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxDeadlineWorkdays {
		return 0, &Error{Kind: ErrInvalid, Field: field, Err: err,
			Message: "工作日数应为 1 到 " + strconv.Itoa(MaxDeadlineWorkdays) + " 之间的整数"}
	}
	return n, nil
}

// CheckVoidReason trims the reason given for voiding (作废) a record of any kind and returns
// it, or the error when it is empty or longer than MaxReasonLen.
func CheckVoidReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", Invalid("reason", "请填写作废原因")
	}
	if n := utf8.RuneCountInString(reason); n > MaxReasonLen {
		return "", Invalid("reason", "作废原因不能超过%d字（现有%d字）", MaxReasonLen, n)
	}
	return reason, nil
}

// CheckPassword is the password policy of staff accounts: 8 to 72 bytes (bcrypt's limit),
// with letters and digits.
func CheckPassword(p string) error {
	if utf8.RuneCountInString(p) < 8 {
		return Invalid("password", "密码至少 8 位")
	}
	if len(p) > 72 {
		return Invalid("password", "密码过长，最多 72 个字符")
	}
	letters, digits := false, false
	for _, c := range p {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters = true
		}
	}
	if !letters || !digits {
		return Invalid("password", "密码需同时包含字母和数字")
	}
	return nil
}

// CheckFoundOn refuses a date found after today.
func CheckFoundOn(found, today Date) error {
	if found.After(today) {
		return Invalid("found_on", "发现日期不能晚于今天（%s）", today)
	}
	return nil
}

// CheckResponsibleUnit: an issue recorded to be rectified names its 责任单位; one settled on
// the spot (当场处置) may have none.
func CheckResponsibleUnit(unit string, onSpot bool) error {
	if !onSpot && strings.TrimSpace(unit) == "" {
		return Invalid("responsible_unit", "请选择责任单位")
	}
	return nil
}

// CheckDeadlineEditable: the deadline of a recorded issue may be corrected directly only
// while it is 待整改 and not yet overdue on today; after that it moves only through an
// approved extension (申请延期).
func CheckDeadlineEditable(status IssueStatus, deadline, today Date) error {
	if status != IssueOpen || today.After(deadline) {
		return Invalid("deadline", "整改已开始或已逾期，整改时限不能直接修改，请在问题页面提出延期申请并经审核人批准")
	}
	return nil
}

// CheckExtensionGate is the part of an extension action that depends on the pending request
// (pending is its deadline, zero when none): one request at a time, and only a pending one
// can be approved or rejected. Other actions pass.
func CheckExtensionGate(act IssueAction, pending Date) error {
	switch act {
	case IssueRequestExtension:
		if !pending.IsZero() {
			return Conflict("该问题已有一项延期申请（延至%s）等待审批，不能重复申请", pending)
		}
	case IssueApproveExtension, IssueRejectExtension:
		if pending.IsZero() {
			return Conflict("该问题没有待审批的延期申请（可能已被他人处理，请刷新后重试）")
		}
	}
	return nil
}

// IssueActionsFor lists, in display order, the actions a user with role may take now on an
// issue in status s with the pending extension request pending (zero when none): the buttons
// of the issue page.
func IssueActionsFor(role Role, s IssueStatus, pending Date) []IssueAction {
	var out []IssueAction
	for _, a := range AvailableIssueActions(role, s) {
		if CheckExtensionGate(a, pending) == nil {
			out = append(out, a)
		}
	}
	return out
}

// NextIssueStep is the one action a list offers for an issue (the 操作 column): approving a
// pending extension first, then the next step of the lifecycle (start, request close-out,
// review, follow-up visit when one is due), or "" when role may take none of them.
func NextIssueStep(role Role, s IssueStatus, pending Date, followUpDue bool) IssueAction {
	can := func(a IssueAction) bool {
		_, err := IssueMove(role, s, a, "-")
		return err == nil && CheckExtensionGate(a, pending) == nil
	}
	for _, a := range []IssueAction{IssueApproveExtension, IssueStart, IssueRequestCloseOut, IssueApproveCloseOut} {
		if can(a) {
			return a
		}
	}
	if followUpDue && can(IssueRecordFollowUp) {
		return IssueRecordFollowUp
	}
	return ""
}

// SniffAttachment is the content type of an attachment told from its first bytes (never its
// name): one of the keys of AttachmentTypes, or "" for anything else. The signatures are
// those of the WHATWG MIME sniffing standard that net/http's DetectContentType applies.
func SniffAttachment(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte("\xFF\xD8\xFF")):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "image/gif"
	case len(b) >= 14 && string(b[:4]) == "RIFF" && string(b[8:14]) == "WEBPVP":
		return "image/webp"
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf"
	}
	return ""
}

// CheckAttachment checks a file offered as an attachment (not empty, not over
// MaxAttachmentSize, a picture or a PDF by its content) and returns its content type.
func CheckAttachment(name string, content []byte) (string, error) {
	if len(content) == 0 {
		return "", Invalid("attachment", "文件“%s”是空的", name)
	}
	if len(content) > MaxAttachmentSize {
		return "", Invalid("attachment", "文件“%s”有 %.1f MB，超过了 %d MB 的上限。请压缩图片或分开上传",
			name, float64(len(content))/(1<<20), MaxAttachmentSize>>20)
	}
	mime := SniffAttachment(content)
	if mime == "" {
		return "", Invalid("attachment", "文件“%s”不是图片或 PDF（只接受 JPEG、PNG、GIF、WebP 图片和 PDF 文件）", name)
	}
	return mime, nil
}

// NeedsDelivery reports whether a document of kind k is served on its recipient with a
// 送达回证: decisions and non-acceptance notices.
func (k DocKind) NeedsDelivery() bool { return k == DocDecision || k == DocRejectionNotice }

// CheckDeliverable refuses a 送达回证 for a document that needs none, is not yet signed or
// is voided.
func (r DocumentRow) CheckDeliverable() error {
	if !r.Kind.NeedsDelivery() {
		return Invalid("kind", "%s不需要送达回证", r.Kind)
	}
	switch r.Status {
	case DocDraft:
		return Conflict("文书尚未签发，不能送达")
	case DocVoided:
		return Conflict("文书 %s 已作废，不能送达", r.DocNumber)
	}
	return nil
}

// AwaitingDelivery reports whether r is 待送达: a signed decision not yet delivered. (A
// non-acceptance notice may be delivered and recorded, but is not chased as 待送达.) The
// store's list filter and dashboard count say the same in SQL (sqlite.sqlAwaiting).
func (r DocumentRow) AwaitingDelivery() bool {
	return r.Kind == DocDecision && r.Status == DocSigned && !r.Delivered
}

// Quarter is the number (1–4) of d's calendar quarter.
func Quarter(d Date) int { return (int(d.Month)-1)/3 + 1 }

// MonthStart is the first day of d's month.
func MonthStart(d Date) Date { return Date{d.Year, d.Month, 1} }

// MonthEnd is the last day of d's month.
func MonthEnd(d Date) Date { return Date{d.Year, d.Month, daysIn(d.Year, d.Month)} }

// ParseMonth reads a month as typed or as a spreadsheet holds it — 2026-04, 2026-4, 2026.4,
// 2026/4, 2026年4月, 202604 — or a whole date (its month is taken), and returns the month's
// first day. Empty input is the zero date. field names the input in the error.
func ParseMonth(field, s string) (Date, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Date{}, nil
	}
	if d, ok := parseYearMonth(t); ok {
		return d, nil
	}
	if d, err := ParseDate(t); err == nil {
		return MonthStart(d), nil
	}
	return Date{}, Invalid(field, "月份“%s”无法识别，请写成 2026-04 或 2026年4月", t)
}
