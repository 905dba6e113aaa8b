package sqlite

import (
	"context"
	"strings"
	"testing"

	"taizhang/data"
)

// The forms' data: the applicant with full numbers, the household, the income of the last
// signed decision that states one; the print audited when recorded; refused without the key
// and for a voided record, saying why.
func TestAidFormData(t *testing.T) {
	e := newDocEnv(t)
	forms := data.AidForms
	d, err := e.db.AidFormData(e.clerk, e.zhang, data.ProgrammeDibao, forms)
	docMust(t, err)
	if d.Applicant.ID != e.zhang || strings.Contains(d.Applicant.IDNumber, "*") || len(d.Applicant.IDNumber) != 18 {
		t.Errorf("applicant %+v: want the full ID number", d.Applicant)
	}
	mine := false
	for _, m := range d.Members {
		mine = mine || m.ID == e.zhang
		if strings.Contains(m.IDNumber, "*") {
			t.Errorf("member %s's ID number masked", m.Name)
		}
	}
	if d.Income != 0 || !mine || d.Office.Name == "" {
		t.Errorf("before any decision: income %d, applicant among members %v, office %q", d.Income, mine, d.Office.Name)
	}

	g := grant()
	g.Income = 53300
	g.Applied, g.Investigated, g.Date, g.Effective = day("2026-10-08"), day("2026-10-12"), day("2026-10-20"), day("2026-11-01")
	_, err = e.db.BulkSignDocuments(e.reviewer, []data.BulkDocument{{ResidentID: e.zhang, Decision: &g}})
	docMust(t, err)
	d, err = e.db.AidFormData(e.clerk, e.zhang, data.ProgrammeDibao, forms)
	docMust(t, err)
	if d.Income != 53300 || d.IncomeRef == "" {
		t.Errorf("income %d (%q), want 533.00 yuan from the signed decision", d.Income, d.IncomeRef)
	}
	if d, _ := e.db.AidFormData(e.clerk, e.zhang, data.ProgrammeTemporary, forms); d.Income != 0 {
		t.Errorf("a 低保 decision's income printed on a 临时救助 form: %d", d.Income)
	}

	docMust(t, e.db.RecordAidFormsPrint(e.clerk, e.zhang, data.ProgrammeDibao, []data.AidForm{data.AidFormProxy}))
	audit, err := e.db.ListAudit(context.Background(), data.AuditFilter{Table: "residents", RecordID: e.zhang})
	docMust(t, err)
	if len(audit) == 0 || audit[0].Action != "print_forms" || !strings.Contains(string(audit[0].After), "授权委托书") {
		t.Errorf("the print is not audited: %+v", audit)
	}

	if _, err := e.db.AidFormData(e.clerk, e.zhang, "", forms); err == nil || !strings.Contains(data.Message(err), "请选择救助项目") {
		t.Errorf("no programme: %v", err)
	}
	docMust(t, e.db.VoidResident(e.admin, e.wang, "重复建档"))
	if _, err := e.db.AidFormData(e.clerk, e.wang, data.ProgrammeDibao, forms); err == nil || !strings.Contains(data.Message(err), "已作废") {
		t.Errorf("voided record: %v", err)
	}
	e.db.Lock()
	if _, err := e.db.AidFormData(e.clerk, e.zhang, data.ProgrammeDibao, forms); err == nil || !strings.Contains(data.Message(err), "须以本单位的账号登录") {
		t.Errorf("without the key: %v", err)
	}
}
