package sqlite

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"taizhang/reports"
	"testing"
	"time"

	"taizhang/assets"
	"taizhang/data"
)

// docEnv is an office with a reviewer, a clerk and three residents: 张秀兰 heads a household of
// three, 王建国 lives alone, 赵桂芳's record is voided.
type docEnv struct {
	db                     *DB
	admin, reviewer, clerk context.Context
	zhang, wang, zhao      int64
	now                    time.Time
}

func newDocEnv(t *testing.T) *docEnv {
	t.Helper()
	db, admin := newTestDB(t)
	e := &docEnv{db: db, admin: admin, now: testNow}
	db.Now = func() time.Time { return e.now }
	for _, u := range []*data.User{
		{Username: "shenhe", Name: "孟丽华", Role: data.RoleReviewer},
		{Username: "chuangkou", Name: "王芳", Role: data.RoleClerk},
	} {
		if err := db.CreateUser(admin, u, "secret123"); err != nil {
			t.Fatal(err)
		}
		if u.Role == data.RoleReviewer {
			e.reviewer = data.NewContextWithUser(context.Background(), u)
		} else {
			e.clerk = data.NewContextWithUser(context.Background(), u)
		}
	}
	o, _ := db.Office(admin)
	o.Address, o.Phone = "平城区鹿苑街道便民服务大厅", "0352-2051234"
	docMust(t, db.SaveOffice(admin, o))
	cid := communityID(t, db, "古城社区")
	add := func(name, id, addr string) int64 {
		r := &data.Resident{Name: name, IDNumber: id, Address: addr, CommunityID: cid}
		docMust(t, db.CreateResident(admin, r))
		return r.ID
	}
	e.zhang = add("张秀兰", idn(1958, 3, 7, 24), "古城社区鹿苑新村3号楼2单元401室")
	hid, err := db.StartHousehold(admin, e.zhang)
	docMust(t, err)
	docMust(t, db.JoinHousehold(admin, add("李国强", idn(1956, 5, 1, 13), "古城社区鹿苑新村3号楼2单元401室"), hid, "配偶"))
	docMust(t, db.JoinHousehold(admin, add("李明", idn(1985, 9, 9, 15), "古城社区鹿苑新村3号楼2单元401室"), hid, "子女"))
	e.wang = add("王建国", idn(1950, 1, 2, 31), "古城社区自由路12号")
	e.zhao = add("赵桂芳", idn(1940, 2, 3, 42), "古城社区和平路5号")
	docMust(t, db.VoidResident(admin, e.zhao, "重复建档"))
	return e
}

func docMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// refusal is a 低保 不予批准 decision ready to sign.
func refusal() data.Decision {
	return data.Decision{
		Programme: data.ProgrammeDibao, Outcome: data.OutcomeRefuse,
		Applied: day("2026-11-02"), Investigated: day("2026-11-10"),
		Facts:   "经入户调查和家庭经济状况核对，你家庭共同生活成员3人，月人均收入1260元。",
		Reasons: "家庭月人均收入高于本市城市最低生活保障标准（每人每月760元）。",
		Bases:   data.SuggestedBases(data.ProgrammeDibao, data.OutcomeRefuse),
	}
}

// decrease is a 低保 减发 decision ready to sign.
func decrease() data.Decision {
	return data.Decision{
		Programme: data.ProgrammeDibao, Outcome: data.OutcomeDecrease,
		Investigated: day("2026-11-10"),
		Facts:        "经年度复核，你家庭成员李明已就业，月收入2800元。",
		Reasons:      "家庭月人均收入增加。",
		AmountBefore: 68000, AmountAfter: 32000, Effective: day("2026-12-01"),
		Bases: data.SuggestedBases(data.ProgrammeDibao, data.OutcomeDecrease),
	}
}

func (e *docEnv) draft(t *testing.T, resident int64, d data.Decision) int64 {
	t.Helper()
	id, err := e.db.CreateDecisionDraft(e.clerk, resident, d)
	docMust(t, err)
	return id
}

func (e *docEnv) sign(t *testing.T, id int64) string {
	t.Helper()
	n, err := e.db.SignDocument(e.reviewer, id)
	docMust(t, err)
	return n
}

func TestDecisionDraftFillsFromResidentAndOffice(t *testing.T) {
	e := newDocEnv(t)
	d := refusal()
	d.Applicant, d.IDNumber, d.HouseholdSize = "别人", "110101190001010000", 9 // typed values are replaced
	id := e.draft(t, e.zhang, d)
	doc, err := e.db.Document(e.clerk, id)
	docMust(t, err)
	got := doc.Decision
	if got.Applicant != "张秀兰" || got.IDNumber != idn(1958, 3, 7, 24) || got.Address != "古城社区鹿苑新村3号楼2单元401室" {
		t.Errorf("got applicant %s %s %s, want the resident record", got.Applicant, got.IDNumber, got.Address)
	}
	if got.HouseholdSize != 3 {
		t.Errorf("got household size %d, want 3", got.HouseholdSize)
	}
	if got.Authority != "平城区鹿苑街道办事处" || got.Government != "平城区人民政府" || got.Court != "平城区人民法院" {
		t.Errorf("got authority %q, government %q, court %q", got.Authority, got.Government, got.Court)
	}
	if doc.Status != data.DocDraft || doc.DocNumber != "" || doc.Title != "最低生活保障不予批准决定书" {
		t.Errorf("got %s %q %q, want a numberless draft", doc.Status, doc.DocNumber, doc.Title)
	}
	alone := e.draft(t, e.wang, refusal())
	doc, _ = e.db.Document(e.clerk, alone)
	if doc.Decision.HouseholdSize != 1 {
		t.Errorf("got household size %d for a resident without household, want 1", doc.Decision.HouseholdSize)
	}
	preview, fonts, err := e.db.DocumentPreview(e.clerk, id)
	docMust(t, err)
	pages := reports.LayoutDocument(preview.Content(), reports.FontOptions(fonts))
	var lines []string
	for _, p := range pages {
		for _, tx := range p.Texts {
			lines = append(lines, tx.S)
		}
	}
	if text := strings.Join(lines, "|"); !strings.Contains(text, "|民救决〔2026〕　　号|") || !strings.Contains(text, "2026年11月23日") {
		t.Errorf("preview lacks the number placeholder or today's date: %s", text)
	}
}

func TestDocNumbering(t *testing.T) {
	e := newDocEnv(t)
	docMust(t, e.db.SetDocNumbering(e.admin, "decision", "平民救决", 38))
	if err := e.db.SetDocNumbering(e.reviewer, "decision", "平民救决", 38); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("reviewer setting numbering: got %v, want forbidden", err)
	}
	wantMessage(t, e.db.SetDocNumbering(e.admin, "rejection_notice", "平民救决", 1), data.ErrConflict, "已用于另一类文书")
	wantMessage(t, e.db.SetDocNumbering(e.admin, "decision", "平民〔救〕", 1), data.ErrInvalid, "不能含括号")

	first := e.sign(t, e.draft(t, e.zhang, refusal()))
	second := e.sign(t, e.draft(t, e.wang, refusal()))
	if first != "平民救决〔2026〕38号" || second != "平民救决〔2026〕39号" {
		t.Fatalf("got %s, %s, want 平民救决〔2026〕38号 and 39号", first, second)
	}

	t.Run("concurrent signing never duplicates", func(t *testing.T) {
		var ids []int64
		for i := 0; i < 8; i++ {
			ids = append(ids, e.draft(t, e.wang, refusal()))
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		got := map[string]bool{}
		errs := make(chan error, len(ids))
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(ids); i += 2 {
					n, err := e.db.SignDocument(e.reviewer, ids[i])
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					got[n] = true
					mu.Unlock()
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("got %d distinct numbers, want %d", len(got), len(ids))
		}
		for s := 40; s < 40+len(ids); s++ {
			if n := data.FormatDocNumber("平民救决", 2026, s); !got[n] {
				t.Errorf("number %s missing from %v", n, got)
			}
		}
	})

	t.Run("voided number stays accounted for", func(t *testing.T) {
		doc, err := e.db.DocumentByNumber(e.clerk, "平民救决[2026]39号")
		docMust(t, err)
		docMust(t, e.db.VoidDocument(e.reviewer, doc.ID, "申请人撤回申请"))
		reg, err := e.db.DocNumberGaps(e.clerk, "decision", 2026)
		docMust(t, err)
		if reg.First != 38 || reg.Last != 47 || len(reg.Gaps) != 0 {
			t.Errorf("got register %d–%d gaps %v, want 38–47 without gaps", reg.First, reg.Last, reg.Gaps)
		}
		if len(reg.Voided) != 1 || reg.Voided[0] != "平民救决〔2026〕39号" {
			t.Errorf("got voided %v, want 39号", reg.Voided)
		}
		// The number is never reused.
		if n := e.sign(t, e.draft(t, e.wang, refusal())); n != "平民救决〔2026〕48号" {
			t.Errorf("got %s after a voided number, want 48号", n)
		}
	})

	t.Run("a gap is listed", func(t *testing.T) {
		// A number taken behind the program's back (or lost) shows as a gap.
		if _, err := e.db.SQL().Exec("UPDATE counters SET value = value + 1 WHERE name = 'doc:decision' AND year = 2026"); err != nil {
			t.Fatal(err)
		}
		e.sign(t, e.draft(t, e.wang, refusal()))
		reg, err := e.db.DocNumberGaps(e.clerk, "decision", 2026)
		docMust(t, err)
		if len(reg.Gaps) != 1 || reg.Gaps[0] != 49 || reg.Last != 50 {
			t.Errorf("got gaps %v last %d, want [49] and 50", reg.Gaps, reg.Last)
		}
	})

	t.Run("a new year restarts at 1", func(t *testing.T) {
		e.now = time.Date(2027, 1, 5, 2, 0, 0, 0, time.UTC)
		if n := e.sign(t, e.draft(t, e.wang, refusal())); n != "平民救决〔2027〕1号" {
			t.Errorf("got %s, want 平民救决〔2027〕1号", n)
		}
	})

	t.Run("a programme numbered apart", func(t *testing.T) {
		docMust(t, e.db.SetDocNumbering(e.admin, "decision:特困供养", "平民特决", 1))
		d := refusal()
		d.Programme, d.Bases = data.ProgrammeTekun, data.SuggestedBases(data.ProgrammeTekun, data.OutcomeRefuse)
		if n := e.sign(t, e.draft(t, e.wang, d)); n != "平民特决〔2027〕1号" {
			t.Errorf("got %s, want 平民特决〔2027〕1号", n)
		}
	})
}

func TestSignedDocumentIsFrozen(t *testing.T) {
	e := newDocEnv(t)
	id := e.draft(t, e.zhang, refusal())
	number := e.sign(t, id)

	wantMessage(t, e.db.UpdateDraft(e.clerk, id, refusal()), data.ErrConflict, "已签发的文书不能修改；如需更正，请新建一份更正文书")
	_, err := e.db.SignDocument(e.reviewer, id)
	wantMessage(t, err, data.ErrConflict, "不能重复签发")
	// Not even behind the store's back.
	for _, q := range []string{"UPDATE document_bodies SET content = '{}' WHERE document_id = ?", "UPDATE document_bodies SET pdf = substr(pdf, 1, 1) WHERE document_id = ?",
		"UPDATE documents SET applicant = '别人' WHERE id = ?"} {
		if _, err := e.db.SQL().Exec(q, id); err == nil || !strings.Contains(err.Error(), "frozen") {
			t.Errorf("%s: got %v, want the trigger to refuse", q, err)
		}
	}
	if _, err := e.db.SQL().Exec("DELETE FROM documents WHERE id = ?", id); err == nil {
		t.Error("raw delete of a document succeeded")
	}

	first, err := e.db.PrintDocument(e.clerk, id)
	docMust(t, err)
	second, err := e.db.PrintDocument(e.clerk, id)
	docMust(t, err)
	view, err := e.db.DocumentPDF(e.clerk, id)
	docMust(t, err)
	if !bytes.Equal(first, second) || !bytes.Equal(first, view) || !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatal("reprints differ")
	}
	doc, _ := e.db.Document(e.clerk, id)
	if doc.PrintCount != 2 {
		t.Errorf("got print count %d, want 2 (DocumentPDF does not count)", doc.PrintCount)
	}
	if doc.PDFSHA256 != sha256Hex(first) || doc.BodyFont.SHA256 != sha256Hex(assets.SerifRegular) || !doc.BodyFont.Embedded() {
		t.Errorf("got pdf sha %s body font %+v, want the printed bytes and the embedded face", doc.PDFSHA256, doc.BodyFont)
	}
	if doc.Decision.Date != day("2026-11-23") || doc.Decision.DocNumber != number {
		t.Errorf("got date %s number %s, want the signing day and %s", doc.Decision.Date, doc.Decision.DocNumber, number)
	}
	if text := pdfText(t, first); text != "" {
		flat := strings.Join(strings.Fields(text), "")
		for _, want := range []string{"张秀兰", number, "最低生活保障不予批准决定书", "2026年11月23日",
			"应当自收到本决定书之日起六十日内先向平城区人民政府申请行政复议"} {
			if !strings.Contains(flat, want) {
				t.Errorf("pdftotext lacks %q:\n%s", want, text)
			}
		}
	}

	t.Run("correction names the old number", func(t *testing.T) {
		cid, err := e.db.CorrectDocument(e.clerk, id)
		docMust(t, err)
		c, _ := e.db.Document(e.clerk, cid)
		if c.Status != data.DocDraft || c.Decision.Corrects != number || c.CorrectsID != id || c.Decision.DocNumber != "" {
			t.Fatalf("got correction %s corrects %q (%d), want a draft naming %s", c.Status, c.Decision.Corrects, c.CorrectsID, number)
		}
		old, _ := e.db.Document(e.clerk, id)
		if old.CorrectedBy != "草稿" || old.Status != data.DocSigned {
			t.Errorf("got old corrected-by %q status %s, want 草稿 and still signed", old.CorrectedBy, old.Status)
		}
		n2 := e.sign(t, cid)
		old, _ = e.db.Document(e.clerk, id)
		if old.CorrectedBy != n2 {
			t.Errorf("got corrected-by %q, want %s", old.CorrectedBy, n2)
		}
		pdf, _ := e.db.DocumentPDF(e.clerk, cid)
		if text := pdfText(t, pdf); text != "" && !strings.Contains(text, number) {
			t.Errorf("the correction's PDF does not name %s:\n%s", number, text)
		}
	})

	t.Run("voided document stays visible and cannot be printed", func(t *testing.T) {
		wantMessage(t, e.db.VoidDocument(e.clerk, id, "内容有误"), data.ErrForbidden, "只能由审核人")
		docMust(t, e.db.VoidDocument(e.reviewer, id, "内容有误，已更正"))
		doc, _ := e.db.Document(e.clerk, id)
		if doc.Status != data.DocVoided || doc.VoidReason != "内容有误，已更正" || doc.DocNumber != number {
			t.Errorf("got %s %q %q", doc.Status, doc.VoidReason, doc.DocNumber)
		}
		_, err := e.db.PrintDocument(e.clerk, id)
		wantMessage(t, err, data.ErrConflict, "已作废")
		wantMessage(t, e.db.VoidDocument(e.reviewer, id, "再次"), data.ErrConflict, "已作废")
	})
}

// pdfText returns the text of a PDF through poppler's pdftotext with white space removed, or
// "" (after t.Log) when pdftotext is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed: PDF text not checked")
		return ""
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	docMust(t, os.WriteFile(p, pdf, 0o644))
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func TestDocumentRefusals(t *testing.T) {
	e := newDocEnv(t)
	docMust(t, e.db.SetDocNumbering(e.admin, "decision", "平民救决", 38))
	signErr := func(d data.Decision) error {
		t.Helper()
		_, err := e.db.SignDocument(e.reviewer, e.draft(t, e.zhang, d))
		return err
	}
	noBasis := refusal()
	noBasis.Bases = nil
	notLower := decrease()
	notLower.AmountAfter = 68000
	early := decrease()
	early.Outcome, early.AmountBefore, early.AmountAfter = data.OutcomeGrant, 0, 68000
	early.Applied, early.Effective = day("2026-11-02"), day("2026-10-01")
	future := refusal()
	future.Date = day("2026-12-01")

	for _, c := range []struct {
		name string
		err  error
		kind error
		msg  string
	}{
		{"no legal basis", signErr(noBasis), data.ErrInvalid, "决定书没有法律依据"},
		{"减发 not lower", signErr(notLower), data.ErrInvalid, "减发后的金额（680.00元）应低于原金额（680.00元）"},
		{"effective before application", signErr(early), data.ErrInvalid, "执行月份（2026年10月）早于申请日期"},
		{"dated in the future", signErr(future), data.ErrInvalid, "晚于今天"},
		{"clerk signing", func() error { _, err := e.db.SignDocument(e.clerk, e.draft(t, e.zhang, refusal())); return err }(), data.ErrForbidden, "只有审核人或管理员可以签发"},
		{"voided resident", func() error { _, err := e.db.CreateDecisionDraft(e.clerk, e.zhao, refusal()); return err }(), data.ErrConflict, "该居民档案已作废"},
		{"no resident", func() error { _, err := e.db.CreateDecisionDraft(e.clerk, 0, refusal()); return err }(), data.ErrInvalid, "请先从居民档案中选择申请人"},
		{"unknown programme", func() error {
			d := refusal()
			d.Programme = "住房救助"
			_, err := e.db.CreateDecisionDraft(e.clerk, e.zhang, d)
			return err
		}(), data.ErrInvalid, "救助类别“住房救助”不在列表中"},
	} {
		t.Run(c.name, func(t *testing.T) { wantMessage(t, c.err, c.kind, c.msg) })
	}

	t.Run("resident voided after drafting", func(t *testing.T) {
		id := e.draft(t, e.wang, refusal())
		docMust(t, e.db.VoidResident(e.admin, e.wang, "迁出后重复建档"))
		_, err := e.db.SignDocument(e.reviewer, id)
		wantMessage(t, err, data.ErrConflict, "该居民档案已作废")
	})

	// Nothing was numbered by the refusals: the first good document takes the start number.
	if n := e.sign(t, e.draft(t, e.zhang, refusal())); n != "平民救决〔2026〕38号" {
		t.Errorf("got %s after the refusals, want 平民救决〔2026〕38号", n)
	}
}

func TestDeliveries(t *testing.T) {
	e := newDocEnv(t)
	e.grantBefore(t, e.zhang) // the 减发 changes a running case
	id := e.draft(t, e.zhang, decrease())
	_, err := e.db.DeliveryReceiptPDF(e.clerk, id)
	wantMessage(t, err, data.ErrConflict, "尚未签发")
	number := e.sign(t, id)
	other := e.sign(t, e.draft(t, e.wang, refusal()))
	if n, _ := e.db.AwaitingDelivery(e.clerk); n != 2 {
		t.Fatalf("got %d awaiting delivery, want 2", n)
	}

	blank, err := e.db.DeliveryReceiptPDF(e.clerk, id)
	docMust(t, err)
	if text := pdfText(t, blank); text != "" {
		for _, want := range []string{"送达回证", number, "最低生活保障减发决定书", "张秀兰", "见证人签名"} {
			if !strings.Contains(text, want) {
				t.Errorf("blank receipt lacks %q", want)
			}
		}
	}

	left := data.DeliveryReceipt{Method: data.DeliveryLeft, Date: day("2026-11-23"), Place: "鹿苑新村3号楼2单元401室", Server: "王芳"}
	wantMessage(t, e.db.RecordDelivery(e.clerk, id, left), data.ErrInvalid, "留置送达须有见证人")
	left.Witness = "赵强"
	wantMessage(t, e.db.RecordDelivery(e.clerk, id, left), data.ErrInvalid, "拒收的情况和理由")
	left.RefusalReason = "受送达人对减发有异议，拒绝签收"
	early := left
	early.Date = day("2026-11-20")
	wantMessage(t, e.db.RecordDelivery(e.clerk, id, early), data.ErrInvalid, "早于文书签发日期")
	docMust(t, e.db.RecordDelivery(e.clerk, id, left))
	wantMessage(t, e.db.RecordDelivery(e.clerk, id, left), data.ErrConflict, "已记录送达")
	if n, _ := e.db.AwaitingDelivery(e.clerk); n != 1 {
		t.Errorf("got %d awaiting delivery after one delivery, want 1", n)
	}
	doc, _ := e.db.Document(e.clerk, id)
	if !doc.Delivered || doc.Delivery == nil || doc.Delivery.Witness != "赵强" || doc.Delivery.Recipient != "张秀兰" || doc.Delivery.Method != data.DeliveryLeft {
		t.Errorf("got delivery %+v", doc.Delivery)
	}
	filled, err := e.db.DeliveryReceiptPDF(e.clerk, id)
	docMust(t, err)
	if text := pdfText(t, filled); text != "" && !strings.Contains(text, "拒绝签收") {
		t.Errorf("recorded receipt lacks the refusal reason")
	}

	otherDoc, _ := e.db.DocumentByNumber(e.clerk, other)
	direct := data.DeliveryReceipt{Method: data.DeliveryDirect, Date: day("2026-11-23"), Place: "便民服务大厅", Server: "王芳", Agent: "王芳"}
	wantMessage(t, e.db.RecordDelivery(e.clerk, otherDoc.ID, direct), data.ErrInvalid, "代收人不能是送达人本人")
	direct.Agent = "李建国"
	docMust(t, e.db.RecordDelivery(e.clerk, otherDoc.ID, direct))
	otherDoc, _ = e.db.Document(e.clerk, otherDoc.ID)
	if otherDoc.Delivery == nil || otherDoc.Delivery.Agent != "李建国" {
		t.Errorf("got delivery %+v, want the 代收人 李建国 kept", otherDoc.Delivery)
	}
	agentReceipt, err := e.db.DeliveryReceiptPDF(e.clerk, otherDoc.ID)
	docMust(t, err)
	if text := pdfText(t, agentReceipt); text != "" && !strings.Contains(text, "李建国") {
		t.Errorf("the receipt of a delivery received by 李建国 does not name him")
	}
	issued, awaiting, err := e.db.DocumentStats(e.clerk, day("2026-11-01"), day("2026-11-30"))
	docMust(t, err)
	if issued != 2 || awaiting != 0 {
		t.Errorf("got issued %d awaiting %d, want 2 and 0", issued, awaiting)
	}
}

func TestNoticesAndRejections(t *testing.T) {
	e := newDocEnv(t)
	id, err := e.db.CreateOneTimeNotice(e.clerk, "临时救助申请", "王建国", []bool{true, true})
	docMust(t, err)
	n, _ := e.db.Document(e.clerk, id)
	if n.Status != data.DocSigned || n.DocNumber != "告知〔2026〕1号" || n.SignedBy != "王芳" || !n.HasPDF {
		t.Fatalf("got notice %s %q by %q (pdf %v), want signed 告知〔2026〕1号 by the clerk", n.Status, n.DocNumber, n.SignedBy, n.HasPDF)
	}
	if missing := n.OneTimeNotice.Missing(); len(missing) != 5 || n.OneTimeNotice.Contact == "" {
		t.Errorf("got %d missing materials and contact %q, want 5 and the office's", len(missing), n.OneTimeNotice.Contact)
	}
	pdf, err := e.db.PrintDocument(e.clerk, id)
	docMust(t, err)
	if text := pdfText(t, pdf); text != "" {
		for _, want := range []string{"一次性告知单", "致困原因证明", "0352-2051234", "存根"} {
			if !strings.Contains(text, want) {
				t.Errorf("notice lacks %q", want)
			}
		}
	}
	_, err = e.db.CreateOneTimeNotice(e.clerk, "办理护照", "王建国", nil)
	wantMessage(t, err, data.ErrNotFound, "事项目录中没有“办理护照”")

	rid, err := e.db.CreateRejectionDraft(e.clerk, e.wang, data.RejectionNotice{
		Item: "最低生活保障", Applied: day("2026-11-20"),
		Reason: "申请人户籍不在本街道辖区", Correction: "请向户籍所在地乡镇人民政府（街道办事处）提出申请",
	})
	docMust(t, err)
	_, err = e.db.SignDocument(e.clerk, rid)
	wantMessage(t, err, data.ErrForbidden, "只有审核人")
	// A 不予受理 needs its legal basis like a decision.
	_, err = e.db.SignDocument(e.reviewer, rid)
	wantMessage(t, err, data.ErrInvalid, "不予受理通知书没有法律依据")
	docMust(t, e.db.UpdateRejectionDraft(e.clerk, rid, data.RejectionNotice{
		Item: "最低生活保障", Applied: day("2026-11-20"),
		Reason: "申请人户籍不在本街道辖区", Correction: "请向户籍所在地乡镇人民政府（街道办事处）提出申请",
		Bases: data.SuggestedRejectionBases("最低生活保障"),
	}))
	if num := e.sign(t, rid); num != "不予受理〔2026〕1号" {
		t.Errorf("got %s, want 不予受理〔2026〕1号", num)
	}
	wantMessage(t, e.db.UpdateRejectionDraft(e.clerk, rid, data.RejectionNotice{}), data.ErrConflict, "已签发的文书不能修改")
}

func TestDocumentListTimelineAndCatalogs(t *testing.T) {
	e := newDocEnv(t)
	a := e.sign(t, e.draft(t, e.zhang, refusal()))
	e.sign(t, e.draft(t, e.wang, refusal()))
	e.draft(t, e.zhang, decrease())
	_, err := e.db.CreateOneTimeNotice(e.clerk, "低保申请", "张秀兰", nil)
	docMust(t, err)

	no := false
	for _, c := range []struct {
		name string
		f    data.DocumentFilter
		want int
	}{
		{"all", data.DocumentFilter{}, 4},
		{"drafts", data.DocumentFilter{Status: data.DocDraft}, 1},
		{"decisions", data.DocumentFilter{Kind: data.DocDecision}, 3},
		{"awaiting delivery", data.DocumentFilter{Delivered: &no}, 2},
		{"by resident", data.DocumentFilter{ResidentID: e.zhang}, 2},
		{"by number", data.DocumentFilter{Query: a}, 1},
		{"by part of a number", data.DocumentFilter{Query: "告知"}, 1},
		{"by applicant", data.DocumentFilter{Query: "张秀"}, 3},
		{"by date", data.DocumentFilter{From: day("2026-11-24")}, 0},
		{"sorted by number", data.DocumentFilter{Sort: "number", Limit: 1}, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, total, err := e.db.ListDocuments(e.clerk, c.f)
			docMust(t, err)
			if total != c.want {
				t.Errorf("got total %d, want %d", total, c.want)
			}
			if c.f.Limit == 0 && len(rows) != total {
				t.Errorf("got %d rows, want %d", len(rows), total)
			}
		})
	}

	tl, err := e.db.ResidentTimeline(e.clerk, e.zhang)
	docMust(t, err)
	var docs []string
	for _, en := range tl {
		if en.Kind == "文书" {
			docs = append(docs, en.Title)
		}
	}
	if len(docs) != 2 || !strings.Contains(strings.Join(docs, "|"), a+"（已签发，待送达）") || !strings.Contains(strings.Join(docs, "|"), "草稿（草稿）") {
		t.Errorf("got timeline documents %q", docs)
	}

	bases, err := e.db.LegalBases(e.clerk)
	docMust(t, err)
	if len(bases) != len(data.DefaultLegalBases) || bases[0].Law != data.LawSocialAssistance || bases[0].Subject == "" {
		t.Fatalf("got %d legal bases (%+v), want the defaults", len(bases), bases[0])
	}
	nb := data.LegalBasis{Law: "山西省最低生活保障实施办法", Article: "第十条", Subject: "本省低保标准"}
	const src = "山西省人民政府令第×号；核对文本：山西省人民政府公报"
	if err := e.db.AddLegalBasis(e.clerk, nb, src); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk adding a legal basis: got %v, want forbidden", err)
	}
	if err := e.db.AddLegalBasis(e.admin, nb, " "); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("adding a legal basis without its source: got %v, want invalid", err)
	}
	docMust(t, e.db.AddLegalBasis(e.admin, nb, src))
	docMust(t, e.db.VoidCatalog(e.admin, data.CatalogLegalBases, data.DefaultLegalBases[0].Cite()))
	bases, _ = e.db.LegalBases(e.clerk)
	if len(bases) != len(data.DefaultLegalBases) || bases[len(bases)-1].Law != nb.Law || bases[0].Cite() == data.DefaultLegalBases[0].Cite() {
		t.Errorf("after add and void got %d bases, last %+v", len(bases), bases[len(bases)-1])
	}
	items, _ := e.db.ServiceItems(e.clerk)
	if len(items) != len(data.DefaultServiceItems) || len(items[0].Materials) != len(data.DefaultServiceItems[0].Materials) {
		t.Errorf("got %d service items", len(items))
	}
	docMust(t, e.db.SaveServiceItem(e.admin, data.ServiceItem{Name: "低保申请", Materials: []data.Material{{Name: "申请书"}}, TimeLimit: "10个工作日"}))
	items, _ = e.db.ServiceItems(e.clerk)
	if len(items[0].Materials) != 1 {
		t.Errorf("got %d materials after saving, want 1", len(items[0].Materials))
	}
}

func TestDocumentFonts(t *testing.T) {
	e := newDocEnv(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "simfang.ttf")
	docMust(t, os.WriteFile(bad, []byte("not a font at all, just text"), 0o644))
	wantMessage(t, e.db.SetDocumentFonts(e.admin, bad, ""), data.ErrInvalid, "须为 TrueType 字体文件")
	wantMessage(t, e.db.SetDocumentFonts(e.admin, filepath.Join(dir, "missing.ttf"), ""), data.ErrInvalid, "无法读取")
	good := filepath.Join(dir, "fangsong.ttf")
	docMust(t, os.WriteFile(good, assets.SerifRegular, 0o644))
	if err := e.db.SetDocumentFonts(e.clerk, good, ""); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk choosing fonts: got %v, want forbidden", err)
	}
	docMust(t, e.db.SetDocumentFonts(e.admin, good, ""))
	id := e.draft(t, e.zhang, refusal())
	e.sign(t, id)
	doc, _ := e.db.Document(e.clerk, id)
	if doc.BodyFont.Path != good || doc.BodyFont.SHA256 != sha256Hex(assets.SerifRegular) || !doc.TitleFont.Embedded() {
		t.Errorf("got fonts %+v %+v, want the chosen body file and the embedded title", doc.BodyFont, doc.TitleFont)
	}
	// The file disappearing does not touch the kept bytes.
	docMust(t, os.Remove(good))
	if _, err := e.db.PrintDocument(e.clerk, id); err != nil {
		t.Errorf("reprint after the font file went: %v", err)
	}
	_, err := e.db.SignDocument(e.reviewer, e.draft(t, e.wang, refusal()))
	wantMessage(t, err, data.ErrInvalid, "无法读取")
}

func TestBulkSignedDocumentsRenderOnFirstPrint(t *testing.T) {
	e := newDocEnv(t)
	d := refusal()
	d.Date = day("2026-11-20")
	g := decrease() // as a grant: a 减发 needs a running case
	g.Outcome, g.AmountBefore, g.Applied, g.Date = data.OutcomeGrant, 0, day("2026-11-02"), day("2026-11-21")
	ids, err := e.db.BulkSignDocuments(e.reviewer, []data.BulkDocument{
		{ResidentID: e.zhang, Decision: &d},
		{ResidentID: e.zhang, Decision: &g, Delivery: &data.DeliveryReceipt{Method: data.DeliveryDirect, Date: day("2026-11-22"), Place: "家中", Server: "王芳"}},
	})
	docMust(t, err)
	if len(ids) != 2 {
		t.Fatalf("got ids %v, want 2", ids)
	}
	rows, _, err := e.db.ListDocuments(e.clerk, data.DocumentFilter{Sort: "number"})
	docMust(t, err)
	if len(rows) != 2 || rows[0].DocNumber != "民救决〔2026〕1号" || rows[0].HasPDF || !rows[1].Delivered {
		t.Fatalf("got %+v", rows)
	}
	view, err := e.db.DocumentPDF(e.clerk, rows[0].ID)
	docMust(t, err)
	first, err := e.db.PrintDocument(e.clerk, rows[0].ID)
	docMust(t, err)
	second, err := e.db.PrintDocument(e.clerk, rows[0].ID)
	docMust(t, err)
	if !bytes.Equal(view, first) || !bytes.Equal(first, second) {
		t.Error("a bulk document's first print differs from its reprint")
	}
	doc, _ := e.db.Document(e.clerk, rows[0].ID)
	if !doc.HasPDF || doc.PDFSHA256 != sha256Hex(first) {
		t.Error("the first print was not kept")
	}
	if _, err := e.db.BulkSignDocuments(e.clerk, []data.BulkDocument{{ResidentID: e.zhang, Decision: &d}}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk bulk signing: got %v, want forbidden", err)
	}
	rep, err := e.db.Check(e.clerk)
	docMust(t, err)
	if len(rep.Problems) > 0 {
		t.Errorf("check: %v", rep.Problems)
	}
}
