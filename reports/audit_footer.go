package reports

// The audit head (sequence, time and the start of its hash) at the moment of an export is
// printed under every ledger, XLSX and PDF alike, and so in the 迎检包: a printed or sent
// ledger can later be matched to the audit log of the file it came from, and a log cut back
// or rewritten since then no longer reaches that head (see the README's threat model).

// auditFooter is the footer line for l's audit head; "" when the export has none.
func auditFooter(l LedgerSheet) string {
	if l.Audit == "" {
		return ""
	}
	return "导出时的审计记录：" + l.Audit
}
