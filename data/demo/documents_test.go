package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"taizhang/data"
)

func TestSmallDemoDocuments(t *testing.T) {
	db := buildSmall(t, 11)
	ctx := data.NewContextWithUser(context.Background(), &data.User{ID: 3, Name: "王芳", Role: data.RoleClerk})
	// This year's: last year's letters are the aid roster's (aid.go).
	rows, total, err := db.ListDocuments(ctx, data.DocumentFilter{Limit: 1000, From: data.MustDate(2026, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if total != Small.Documents {
		t.Errorf("got %d documents, want %d", total, Small.Documents)
	}
	outcomes := map[data.Outcome]bool{}
	programmes := map[data.Programme]bool{}
	kinds := map[data.DocKind]int{}
	status := map[data.DocStatus]int{}
	var signedDecision int64
	left, corrected := 0, 0
	for _, r := range rows {
		kinds[r.Kind]++
		status[r.Status]++
		if r.Status == data.DocSigned {
			if !r.HasPDF {
				t.Errorf("%s has no PDF: every small-office document is rendered when signed", r.DocNumber)
			}
			if r.Kind == data.DocDecision {
				outcomes[r.Outcome] = true
				programmes[r.Programme] = true
				signedDecision = r.ID
			}
		}
		if r.Corrects != "" {
			corrected++
		}
	}
	for _, o := range data.Outcomes {
		if !outcomes[o] {
			t.Errorf("no signed decision with outcome %s", o)
		}
	}
	for _, p := range data.DefaultProgrammes {
		if !programmes[p] {
			t.Errorf("no signed decision of programme %s", p)
		}
	}
	if kinds[data.DocOneTimeNotice] == 0 || kinds[data.DocRejectionNotice] == 0 {
		t.Errorf("got kinds %v, want one-time and rejection notices too", kinds)
	}
	if status[data.DocDraft] == 0 || status[data.DocVoided] != 1 || corrected != 1 {
		t.Errorf("got states %v and %d corrections, want drafts, one voided and its correction", status, corrected)
	}
	awaiting, err := db.AwaitingDelivery(ctx)
	if err != nil || awaiting == 0 {
		t.Errorf("got %d awaiting delivery (%v), want some", awaiting, err)
	}
	delivered := true
	_, nDelivered, _ := db.ListDocuments(ctx, data.DocumentFilter{Delivered: &delivered})
	if nDelivered == 0 {
		t.Error("no delivered decisions")
	}
	for _, r := range rows {
		if !r.Delivered {
			continue
		}
		doc, err := db.Document(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Delivery.Method == data.DeliveryLeft {
			left++
			if doc.Delivery.Witness == "" || doc.Delivery.RefusalReason == "" {
				t.Errorf("留置 delivery of %s lacks witness or reason", doc.DocNumber)
			}
		}
	}
	t.Logf("%d delivered (%d 留置), %d awaiting, kinds %v, states %v", nDelivered, left, awaiting, kinds, status)

	reg, err := db.DocNumberGaps(ctx, "decision", 2026)
	if err != nil || len(reg.Gaps) != 0 {
		t.Errorf("got gaps %v (%v), want none", reg.Gaps, err)
	}
	a, err := db.PrintDocument(ctx, signedDecision)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := db.PrintDocument(ctx, signedDecision)
	if !bytes.Equal(a, b) {
		t.Error("reprint differs")
	}
	rep, err := db.Check(ctx)
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
}

func TestDocumentsDemoIsDeterministic(t *testing.T) {
	a, b := buildSmall(t, 5), buildSmall(t, 5)
	ctx := context.Background()
	ra, _, _ := a.ListDocuments(ctx, data.DocumentFilter{Sort: "number", Limit: 100})
	rb, _, _ := b.ListDocuments(ctx, data.DocumentFilter{Sort: "number", Limit: 100})
	if len(ra) != len(rb) {
		t.Fatalf("got %d and %d documents", len(ra), len(rb))
	}
	for i := range ra {
		if ra[i].DocNumber != rb[i].DocNumber || ra[i].Applicant != rb[i].Applicant || ra[i].Date != rb[i].Date {
			t.Fatalf("document %d differs: %+v vs %+v", i, ra[i], rb[i])
		}
	}
}

func TestDemoFactsHaveNoFormattingDebris(t *testing.T) {
	for p, byOutcome := range decisionTexts {
		for o, texts := range byOutcome {
			for _, tx := range texts {
				if got := fillFacts(tx.facts, 3, 1260); strings.Contains(got, "%") {
					t.Errorf("%s %s: %q", p, o, got)
				}
			}
		}
	}
}

// The demo's letters agree with themselves and with each resident's earlier letters: the
// consistency warnings the decision form shows find nothing in them.
func TestDemoDecisionsAreConsistent(t *testing.T) {
	db := buildSmall(t, 11)
	ctx := data.NewContextWithUser(context.Background(), &data.User{ID: 3, Name: "王芳", Role: data.RoleClerk})
	rows, _, err := db.ListDocuments(ctx, data.DocumentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var docs []data.Document
	for _, r := range rows {
		if r.Kind == data.DocRejectionNotice && r.Status == data.DocSigned {
			doc, err := db.Document(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.RejectionNotice.Bases) == 0 {
				t.Errorf("%s cites no legal basis", r.DocNumber)
			}
		}
		if r.Kind != data.DocDecision || r.Status != data.DocSigned {
			continue
		}
		doc, err := db.Document(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	// Oldest first, as they were decided; the amount each left in force.
	for i, j := 0, len(docs)-1; i < j; i, j = i+1, j-1 {
		docs[i], docs[j] = docs[j], docs[i]
	}
	type key struct {
		id int64
		p  data.Programme
	}
	current := map[key]data.Fen{}
	held := map[key]bool{}
	checked := 0
	for _, doc := range docs {
		d := *doc.Decision
		k := key{doc.ResidentID, d.Programme}
		facts, err := db.DecisionFacts(ctx, doc.ResidentID, d.Programme)
		if err != nil {
			t.Fatal(err)
		}
		facts.Current, facts.HasCurrent, facts.CurrentRef = current[k], held[k], "之前的决定"
		if d.Outcome == data.OutcomeGrant && !d.Programme.OneOff() {
			facts.HasCurrent = false // a new grant after a 停发 is a new application
		}
		if w := data.DecisionWarnings(d, facts); len(w) != 0 {
			t.Errorf("%s (%s): %q", doc.DocNumber, d.Title(), w)
		}
		if !d.Programme.OneOff() && d.Outcome != data.OutcomeRefuse {
			current[k], held[k] = d.AmountAfter, true
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d decisions checked", checked)
	}
}
