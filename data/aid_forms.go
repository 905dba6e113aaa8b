package data

import "strings"

// AidForm is one of the application forms printed for an applicant of assistance, filled in
// from the resident and household record (一次填写): the applicant signs rather than copies
// what the office already holds.
type AidForm string

// The application forms.
const (
	AidFormApplication AidForm = "申请审批表" // 低保/特困/临时救助申请审批表
	AidFormCheck       AidForm = "核对授权书" // 家庭经济状况核对授权书
	AidFormProxy       AidForm = "授权委托书"
)

// AidForms are the forms in the order a 一次打印 puts them.
var AidForms = []AidForm{AidFormApplication, AidFormCheck, AidFormProxy}

// AidFormAll names every form on the command line.
const AidFormAll = "全部"

// Title returns the form's printed title for programme p.
func (f AidForm) Title(p Programme) string {
	switch f {
	case AidFormApplication:
		return p.FullName() + "申请审批表"
	case AidFormCheck:
		return "家庭经济状况核对授权书"
	}
	return string(f)
}

// ParseAidForms reads a form name of the command line (or 全部) into the forms to print.
func ParseAidForms(s string) ([]AidForm, error) {
	s = strings.TrimSpace(s)
	if s == AidFormAll {
		return AidForms, nil
	}
	for _, f := range AidForms {
		if s == string(f) {
			return []AidForm{f}, nil
		}
	}
	return nil, Invalid("form", "没有名为“%s”的申请材料：请填 申请审批表、核对授权书、授权委托书 或 全部", s)
}

// AidFormData is what the application forms print: the applicant and their household as
// recorded, with full ID and phone numbers (the forms go to the applicant and the office).
// Empty fields print as blanks for the pen.
type AidFormData struct {
	Office    Office
	Programme Programme
	Applicant Resident
	// Members are the applicant's household, head first, the applicant among them; only the
	// applicant when they belong to no household.
	Members []Resident
	// HouseholdAddress is the household's registered address; the applicant's own when empty.
	HouseholdAddress string
	// Income is the household's monthly income per person as the last signed decision for
	// the applicant found it, with that decision's number; 0 when none recorded one.
	Income    Fen
	IncomeRef string
	// Fonts are the office's current document fonts, as new letters use.
	Fonts Fonts
}
