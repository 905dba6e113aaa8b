package sqlite

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"taizhang/data"
)

// An office whose catalog was seeded before the articles were checked: rows still equal to
// the old seed are corrected or voided with the reason, a row the office edited is kept,
// checked articles are added, all audited and nothing deleted.
func TestFixLegacyLegalCatalog(t *testing.T) {
	e := newDocEnv(t)
	err := e.db.write(e.admin, func(tx *Tx) error {
		for i, b := range data.LegacyLegalBases {
			x := legalExtra{Law: b.Law, Article: b.Article, Subject: b.Subject}
			if b.Cite() == "《最低生活保障审核确认办法》第三十五条" {
				x.Subject = "本省规定：定期核查" // edited by the office
			}
			if _, err := tx.addCatalog(data.CatalogLegalBases, b.Cite(), toJSON(x), i+1); err != nil {
				return err
			}
		}
		if _, err := tx.addCatalog(CatalogServiceItems, "特困供养申请", toJSON(serviceExtra{TimeLimit: data.LegacyTekunTimeLimit}), 1); err != nil {
			return err
		}
		_, err := tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", keyDocCatalogs, ts(tx.now))
		return err
	})
	docMust(t, err)
	var before int
	docMust(t, e.db.db.QueryRow("SELECT count(*) FROM catalog").Scan(&before))
	docMust(t, e.db.write(e.admin, fixLegalCatalog))

	entries, err := e.db.LegalBases(e.clerk)
	docMust(t, err)
	got := map[string]data.LegalBasisEntry{}
	for _, en := range entries {
		got[en.Cite()] = en
	}
	for _, c := range []string{"《社会救助暂行办法》第六十一条", "《最低生活保障审核确认办法》第二十六条", "《特困人员认定办法》第十九条"} {
		if _, ok := got[c]; ok {
			t.Errorf("%s still offered", c)
		}
	}
	for _, c := range []string{"《社会救助暂行办法》第五十八条", "《最低生活保障审核确认办法》第二十一条", "《特困人员认定办法》第十八条"} {
		if en, ok := got[c]; !ok || en.Source == "" {
			t.Errorf("%s missing or without source: %+v", c, en)
		}
	}
	if en := got["《最低生活保障审核确认办法》第十四条"]; !strings.Contains(en.Subject, "家庭财产") || en.Source == "" {
		t.Errorf("第十四条 not corrected to 家庭财产: %+v", en)
	}
	if en := got["《最低生活保障审核确认办法》第三十五条"]; en.Subject != "本省规定：定期核查" {
		t.Errorf("the office's own edit was changed: %+v", en)
	}
	var after, voided int
	docMust(t, e.db.db.QueryRow("SELECT count(*), COALESCE(SUM(voided), 0) FROM catalog").Scan(&after, &voided))
	if after < before || voided == 0 {
		t.Errorf("catalog rows %d → %d, %d voided: nothing may be deleted, the wrong ones voided", before, after, voided)
	}
	var reason string
	docMust(t, e.db.db.QueryRow(`SELECT after FROM audit_log WHERE action = 'void' AND table_name = 'catalog'
		AND before LIKE '%第六十一条%'`).Scan(&reason))
	if !strings.Contains(reason, "第五十八条") {
		t.Errorf("void of 第六十一条 audited with %q, want the reason naming 第五十八条", reason)
	}
	items, err := e.db.ServiceItems(e.clerk)
	docMust(t, err)
	for _, it := range items {
		if it.Name == "特困供养申请" && it.TimeLimit != data.TekunTimeLimit {
			t.Errorf("特困 time limit %q, want %q", it.TimeLimit, data.TekunTimeLimit)
		}
	}
	if probs, _, err := e.db.VerifyAudit(e.admin); err != nil || len(probs) != 0 {
		t.Errorf("audit chain after the fix: %v %v", probs, err)
	}
	// Run twice: nothing more to change.
	var n1, n2 int
	docMust(t, e.db.db.QueryRow("SELECT count(*) FROM audit_log").Scan(&n1))
	docMust(t, e.db.write(e.admin, fixLegalCatalog))
	docMust(t, e.db.db.QueryRow("SELECT count(*) FROM audit_log").Scan(&n2))
	if n1 != n2 {
		t.Errorf("a second run wrote %d audit entries", n2-n1)
	}
}

func TestRemedyTemplateVersions(t *testing.T) {
	e := newDocEnv(t)
	scope := data.RemedyScope(data.OutcomeRefuse)
	id := e.draft(t, e.zhang, refusal())
	first := e.sign(t, id)
	doc, err := e.db.Document(e.clerk, id)
	docMust(t, err)
	if doc.Decision.RemedyVersion != 0 || !strings.Contains(doc.Decision.Remedy, "先向平城区人民政府申请行政复议") {
		t.Fatalf("signed with %d %q, want the built-in clause", doc.Decision.RemedyVersion, doc.Decision.Remedy)
	}

	text := "如不服本决定，可以自收到{文书}之日起六十日内向{复议机关}申请行政复议；对复议决定不服的，自收到复议决定书之日起十五日内向{人民法院}起诉。"
	bases := data.RemedyBases[:2]
	if _, err := e.db.SaveRemedyTemplate(e.reviewer, scope, text, bases); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("reviewer edits the template: got %v, want forbidden", err)
	}
	if _, err := e.db.SaveRemedyTemplate(e.admin, scope, "向平城区人民政府复议。", bases); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("template without placeholders: got %v, want invalid", err)
	}
	v, err := e.db.SaveRemedyTemplate(e.admin, scope, text, bases)
	docMust(t, err)
	if v != 1 {
		t.Errorf("first edit is version %d, want 1", v)
	}
	v, err = e.db.SaveRemedyTemplate(e.admin, scope, text+"（本机关地址：鹿苑路18号）", bases)
	docMust(t, err)
	hist, err := e.db.RemedyHistory(e.admin, scope)
	docMust(t, err)
	if v != 2 || len(hist) != 2 || hist[0].Version != 2 || hist[1].Text != text || hist[0].By == "" {
		t.Errorf("history %+v after version %d", hist, v)
	}
	// Other outcomes keep the default.
	if o, _ := e.db.RemedyTemplate(e.admin, data.RemedyScope(data.OutcomeGrant)); o.Version != 0 {
		t.Errorf("grant template version %d, want the default", o.Version)
	}

	id2 := e.draft(t, e.zhang, refusal())
	e.sign(t, id2)
	doc2, _ := e.db.Document(e.clerk, id2)
	if doc2.Decision.RemedyVersion != 2 || !strings.Contains(doc2.Decision.Remedy, "自收到本决定书之日起六十日内向平城区人民政府") {
		t.Errorf("second letter signed with v%d %q", doc2.Decision.RemedyVersion, doc2.Decision.Remedy)
	}
	// The first letter keeps what it was signed with.
	doc, _ = e.db.Document(e.clerk, id)
	if doc.Decision.DocNumber != first || doc.Decision.RemedyVersion != 0 || strings.Contains(doc.Decision.Remedy, "鹿苑路18号") {
		t.Errorf("signed letter changed with the template: %q", doc.Decision.Remedy)
	}
	var audits int
	docMust(t, e.db.db.QueryRow("SELECT count(*) FROM audit_log WHERE table_name = 'remedy_templates'").Scan(&audits))
	if audits != 2 {
		t.Errorf("%d audit entries for template versions, want 2", audits)
	}
}

func TestSigningNeedsACompleteRemedy(t *testing.T) {
	e := newDocEnv(t)
	o, _ := e.db.Office(e.admin)
	o.Court = ""
	docMust(t, e.db.SaveOffice(e.admin, o))
	id := e.draft(t, e.zhang, refusal())
	_, err := e.db.SignDocument(e.reviewer, id)
	if !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), "人民法院") {
		t.Errorf("signing without a court: got %v", err)
	}
	rid, err := e.db.CreateRejectionDraft(e.clerk, e.wang, data.RejectionNotice{Item: "最低生活保障", Reason: "户籍不在本街道",
		Correction: "向户籍所在地申请", Bases: data.SuggestedRejectionBases("最低生活保障")})
	docMust(t, err)
	if _, err := e.db.SignDocument(e.reviewer, rid); !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), "人民法院") {
		t.Errorf("signing a 不予受理 without a court: got %v", err)
	}
	doc, _ := e.db.Document(e.clerk, id)
	if doc.Status != data.DocDraft {
		t.Errorf("status %s, want still a draft", doc.Status)
	}
}

func TestCompetenceSetsTheAuthority(t *testing.T) {
	e := newDocEnv(t)
	c, err := e.db.Competence(e.clerk, data.ProgrammeDibao)
	docMust(t, err)
	if c.Mode != data.CompetenceDelegated || c.Delegation != "《最低生活保障审核确认办法》第二条第二款" {
		t.Errorf("default %+v", c)
	}
	bureau := data.Competence{Programme: data.ProgrammeDibao, Mode: data.CompetenceBureau, Bureau: "平城区民政局"}
	if err := e.db.SetCompetence(e.reviewer, bureau); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("reviewer sets competence: got %v", err)
	}
	if err := e.db.SetCompetence(e.admin, data.Competence{Programme: data.ProgrammeDibao, Mode: data.CompetenceBureau}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("bureau without a name: got %v", err)
	}
	docMust(t, e.db.SetCompetence(e.admin, bureau))
	id := e.draft(t, e.zhang, refusal())
	e.sign(t, id)
	doc, _ := e.db.Document(e.clerk, id)
	d := doc.Decision
	if d.Authority != "平城区民政局" || d.Investigator == "" || d.Delegation != "" {
		t.Errorf("bureau mode: authority %q investigator %q delegation %q", d.Authority, d.Investigator, d.Delegation)
	}
	if text := pdfText(t, mustPDF(t, e, id)); text != "" {
		flat := strings.Join(strings.Fields(text), "")
		if !strings.Contains(flat, d.Investigator+"于2026年11月10日对你家庭") || !strings.Contains(flat, "平城区民政局") {
			t.Errorf("bureau letter:\n%s", text)
		}
	}
	local := data.Competence{Programme: data.ProgrammeTekun, Mode: data.CompetenceDelegated,
		Delegation: "《平城区人民政府关于下放特困人员认定审核确认权限的通知》（平政发〔2022〕5号）"}
	docMust(t, e.db.SetCompetence(e.admin, local))
	got, _ := e.db.Competence(e.clerk, data.ProgrammeTekun)
	if got != local {
		t.Errorf("got %+v, want %+v", got, local)
	}
	var audit string
	docMust(t, e.db.db.QueryRow("SELECT after FROM audit_log WHERE table_name = 'settings' ORDER BY id DESC LIMIT 1").Scan(&audit))
	var back data.Competence
	if json.Unmarshal([]byte(audit), &back) != nil || back.Delegation != local.Delegation {
		t.Errorf("competence change audited as %s", audit)
	}
}

func TestDecisionFacts(t *testing.T) {
	e := newDocEnv(t)
	f, err := e.db.DecisionFacts(e.clerk, e.zhang, data.ProgrammeDibao)
	docMust(t, err)
	if f.Members != 3 || f.HasCurrent {
		t.Errorf("before any grant: %+v", f)
	}
	g := decrease()
	g.Outcome, g.AmountBefore, g.AmountAfter, g.Applied = data.OutcomeGrant, 0, 68000, day("2026-11-02")
	number := e.sign(t, e.draft(t, e.zhang, g))
	f, _ = e.db.DecisionFacts(e.clerk, e.zhang, data.ProgrammeDibao)
	if !f.HasCurrent || f.Current != 68000 || f.CurrentRef != number {
		t.Errorf("after the grant: %+v", f)
	}
	if w := data.DecisionWarnings(decrease(), f); len(w) != 0 {
		t.Errorf("a decrease from the granted amount warns %q", w)
	}
}

func mustPDF(t *testing.T, e *docEnv, id int64) []byte {
	t.Helper()
	b, err := e.db.DocumentPDF(e.clerk, id)
	docMust(t, err)
	return b
}
