package data

import (
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
