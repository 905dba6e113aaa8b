package data

import "strings"

// PaperDocument is a letter the office issued on paper before it used the program: one line
// of its register of documents (文书登记簿). It holds its number, so the register's numbering
// continues after it, and names its applicant (and resident, when the register gives an ID
// number), so the aid roster can start from the decisions among them.
type PaperDocument struct {
	ID         int64
	NumKey     string // the numbering register the number belongs to: decision, decision:低保 …
	DocNumber  string // 平民救决〔2025〕15号, written the standard way
	Prefix     string
	Year, Seq  int
	Kind       DocKind
	Programme  Programme // decisions only
	Outcome    Outcome   // decisions only, when the register says
	SignedOn   Date
	Applicant  string
	ResidentID int64
	Amount     Fen
	HasAmount  bool // the register gives an amount (0 is an amount, as in a 停发 decision)
	Note       string
	SourceFile string
	SourceRow  int
}

// ParseDocKindWord reads the 文书种类 of a register row: 决定书, 社会救助决定书, 不予受理通知书,
// 一次性告知单 and their short forms, or a decision's full title (最低生活保障批准决定书), from
// which the programme and outcome are read too when it names a default one.
func ParseDocKindWord(s string) (DocKind, Programme, Outcome, bool) {
	s = strings.Join(strings.Fields(s), "")
	if k := DocKind(s); k.Valid() && k != DocDeliveryReceipt {
		return k, "", "", true
	}
	switch {
	case s == "" || strings.Contains(s, "送达回证"):
		return "", "", "", false
	case strings.Contains(s, "不予受理"):
		return DocRejectionNotice, "", "", true
	case strings.Contains(s, "告知"):
		return DocOneTimeNotice, "", "", true
	case !strings.Contains(s, "决定"):
		return "", "", "", false
	}
	var prog Programme
	for _, p := range DefaultProgrammes {
		if strings.Contains(s, p.FullName()) || strings.Contains(s, string(p)) {
			prog = p
			break
		}
	}
	var out Outcome
	for _, w := range []struct {
		word string
		o    Outcome
	}{{"不予批准", OutcomeRefuse}, {"批准", OutcomeGrant}, {"给予", OutcomeGrant}, {"增发", OutcomeIncrease},
		{"减发", OutcomeDecrease}, {"终止", OutcomeStop}, {"停发", OutcomeStop}} {
		if strings.Contains(s, w.word) {
			out = w.o
			break
		}
	}
	return DocDecision, prog, out, true
}

// ParseProgrammeWord reads a programme as a register writes it: the name (低保) or the full
// name of a default programme (最低生活保障 → 低保).
func ParseProgrammeWord(s string) Programme {
	s = strings.TrimSpace(s)
	for _, p := range DefaultProgrammes {
		if s == p.FullName() {
			return p
		}
	}
	return Programme(s)
}
