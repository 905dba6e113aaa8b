package sqlite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
	"taizhang/reports"
)

// staleNow is the clock of every PC in these tests: all writes share one timestamp, so a
// refusal cannot come from updated_at moving on.
var staleNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// staleOffice opens the office at loc on staleNow; build sets up a small one there first
// (through the store's actions, as the window would): the demo's accounts, three residents,
// three issues 待整改 and two 不予受理通知书 drafts.
func staleOffice(t *testing.T, loc string, build bool) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(loc, sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.BcryptCost = 4
	db.Now = func() time.Time { return staleNow }
	if !build {
		return db
	}
	ctx := context.Background()
	admin, err := db.RunSetup(ctx, data.Setup{Office: demo.Office, Communities: []string{"古城社区", "东关社区"},
		AdminUsername: demo.Staff[0].Username, AdminName: demo.Staff[0].Name, AdminPassword: demo.Password})
	if err != nil {
		t.Fatal(err)
	}
	actx := data.NewContextWithUser(ctx, admin)
	for _, u := range demo.Staff[1:] {
		if err := db.CreateUser(actx, &u, demo.Password); err != nil {
			t.Fatal(err)
		}
	}
	clerk := as(t, db, "chuangkou")
	cs, err := db.Communities(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	today := data.Today(staleNow)
	var people []int64
	for i, name := range []string{"张菊花", "王秀兰", "李建国"} {
		r := data.Resident{Name: name, IDNumber: data.MakeIDNumber("140202", time.Date(1950+i, 3, 5, 0, 0, 0, 0, time.UTC), 120+i),
			CommunityID: cs[0].ID, Address: "自由小区3号楼"}
		if err := db.CreateResident(clerk, &r); err != nil {
			t.Fatal(err)
		}
		people = append(people, r.ID)
		iss := &data.Issue{FoundOn: today.AddDays(-3), Source: "日常巡查", Category: "环境卫生", Description: "楼道堆放杂物，堵塞消防通道",
			CommunityID: cs[0].ID, Address: "自由小区3号楼", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", Deadline: today.AddDays(7)}
		if err := db.CreateIssue(clerk, iss, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.EnsureDocumentCatalogs(actx); err != nil {
		t.Fatal(err)
	}
	for _, id := range people[:2] {
		if _, err := db.CreateRejectionDraft(as(t, db, "minzheng"), id, rejection(today)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func rejection(today data.Date) data.RejectionNotice {
	return data.RejectionNotice{Item: "最低生活保障", Applied: today.AddDays(-2), Reason: "申请人户籍不在本街道辖区",
		Correction: "请向户籍所在地乡镇人民政府（街道办事处）提出申请", Bases: data.SuggestedRejectionBases("最低生活保障")}
}

// as logs the demo account in on db (the data key is then held by that handle).
func as(t *testing.T, db *sqlite.DB, username string) context.Context {
	t.Helper()
	u, err := db.Login(context.Background(), username, demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	return data.NewContextWithUser(context.Background(), u)
}

func seen(t *testing.T, db *sqlite.DB, ctx context.Context, table string, id int64) context.Context {
	t.Helper()
	s, err := db.Seen(ctx, table, id)
	if err != nil {
		t.Fatal(err)
	}
	return data.WithSeen(ctx, s)
}

func wantStale(t *testing.T, err error, msg string) {
	t.Helper()
	if !data.IsStale(err) || !errors.Is(err, data.ErrConflict) || data.Message(err) != msg {
		t.Fatalf("got %v, want the stale refusal %q", err, msg)
	}
}

func firstIssue(t *testing.T, db *sqlite.DB, st data.IssueStatus) data.IssueRow {
	t.Helper()
	rows, _, err := db.ListIssues(context.Background(), data.IssueFilter{Statuses: []data.IssueStatus{st}, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no issue %s in the demo: %v", st, err)
	}
	return rows[0]
}

func historyLen(t *testing.T, db *sqlite.DB, id int64) int {
	t.Helper()
	h, err := db.IssueHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

// staleIssueMoves runs the issue cases with pcA the PC whose screen goes stale and pcB the one
// that acts meanwhile (the same handle on a file; two handles on a server).
func staleIssueMoves(t *testing.T, pcA, pcB *sqlite.DB) {
	clerkA, revA := as(t, pcA, "wangge"), as(t, pcA, "shenhe")
	clerkB := as(t, pcB, "chuangkou")

	// A move that changes the status: A's screen shows 待整改, B starts the work, A's 开始整改
	// (from the same screen) is refused rather than run twice.
	iss := firstIssue(t, pcA, data.IssueOpen)
	screen := seen(t, pcA, clerkA, "issues", iss.ID)
	if err := pcB.StartIssue(clerkB, iss.ID); err != nil {
		t.Fatal(err)
	}
	n := historyLen(t, pcA, iss.ID)
	wantStale(t, pcA.StartIssue(screen, iss.ID), "该问题已被他人处理，请刷新后重试")
	// A move that leaves the status as it was (a progress entry) still makes older screens
	// stale: A's 申请销号 was written against a history without B's entry.
	screen = seen(t, pcA, clerkA, "issues", iss.ID)
	if err := pcB.AddProgress(clerkB, iss.ID, data.Progress{Date: data.Today(staleNow), Note: "已通知住户清理"}, nil); err != nil {
		t.Fatal(err)
	}
	n++
	wantStale(t, pcA.RequestCloseOut(screen, iss.ID, data.CloseOut{Result: "已清理完毕"},
		[]data.NamedFile{{Name: "整改后.png", Content: pixelPNG}}), "该问题已被他人处理，请刷新后重试")
	wantStale(t, pcA.UpdateIssue(screen, &iss.Issue, nil), "该问题已被他人处理，请刷新后重试")
	if got := historyLen(t, pcA, iss.ID); got != n {
		t.Fatalf("history has %d entries, want %d: a refused move wrote one", got, n)
	}
	got, err := pcA.Issue(clerkA, iss.ID)
	if err != nil || got.Status != data.IssueInProgress {
		t.Fatalf("issue after the refusals: %v %v", got.Status, err)
	}
	// Read again (the screen reloads), the same action goes through.
	screen = seen(t, pcA, clerkA, "issues", iss.ID)
	if err := pcA.RequestCloseOut(screen, iss.ID, data.CloseOut{Result: "已清理完毕"},
		[]data.NamedFile{{Name: "整改后.png", Content: pixelPNG}}); err != nil {
		t.Fatalf("close-out from a fresh screen: %v", err)
	}
	// The reviewer's approval from a screen read before the request is refused; from the
	// screen after it, accepted.
	wantStale(t, pcA.ApproveCloseOut(data.WithSeen(revA, mustSeen(screen)), iss.ID, ""), "该问题已被他人处理，请刷新后重试")
	if err := pcA.ApproveCloseOut(seen(t, pcA, revA, "issues", iss.ID), iss.ID, ""); err != nil {
		t.Fatal(err)
	}
	// The seen state of another record does not hold this one back, and no seen state (the
	// command line, imports) is not checked.
	other := firstIssue(t, pcA, data.IssueOpen)
	if err := pcA.StartIssue(seen(t, pcA, clerkA, "issues", iss.ID), other.ID); err != nil {
		t.Fatalf("seen of another issue: %v", err)
	}
	if err := pcA.AddProgress(clerkA, other.ID, data.Progress{Date: data.Today(staleNow), Note: "已约谈"}, nil); err != nil {
		t.Fatal(err)
	}
}

func mustSeen(ctx context.Context) data.Seen {
	s, _ := data.SeenFrom(ctx)
	return s
}

// staleDocuments: a 不予受理通知书 draft changed or voided by B cannot be signed or edited from A's older
// screen, and the refused signing takes no number.
func staleDocuments(t *testing.T, pcA, pcB *sqlite.DB) {
	revA := as(t, pcA, "shenhe")
	clerkB := as(t, pcB, "minzheng")
	rows, _, err := pcA.ListDocuments(revA, data.DocumentFilter{Kind: data.DocRejectionNotice, Status: data.DocDraft, Limit: 2})
	if err != nil || len(rows) < 2 {
		t.Fatalf("the office needs two drafts: %d %v", len(rows), err)
	}
	doc, err := pcB.Document(clerkB, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	screen := seen(t, pcA, revA, "documents", doc.ID)
	d := *doc.RejectionNotice
	d.Correction += "，或补齐材料后重新申请"
	if err := pcB.UpdateRejectionDraft(clerkB, doc.ID, d); err != nil {
		t.Fatal(err)
	}
	_, err = pcA.SignDocument(screen, doc.ID)
	wantStale(t, err, "该文书已被他人处理，请刷新后重试")
	wantStale(t, pcA.UpdateRejectionDraft(screen, doc.ID, *doc.RejectionNotice), "该文书已被他人处理，请刷新后重试")
	after, err := pcA.Document(revA, doc.ID)
	if err != nil || after.Status != data.DocDraft || after.RejectionNotice.Correction != d.Correction {
		t.Fatalf("the draft after the refusals: %v %+v %v", after.Status, after.RejectionNotice, err)
	}
	// Read again, it signs; B's void of the second draft makes A's older screen stale too.
	if _, err := pcA.SignDocument(seen(t, pcA, revA, "documents", doc.ID), doc.ID); err != nil {
		t.Fatalf("sign from a fresh screen: %v", err)
	}
	signed, err := pcA.Document(revA, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := pcA.DocNumberGaps(revA, signed.NumKey, staleNow.Year())
	if err != nil || len(reg.Gaps) > 0 || reg.Signed[len(reg.Signed)-1] != signed.DocNumber {
		t.Fatalf("the refused signing left a gap in the register: %+v %v", reg, err)
	}
	screen = seen(t, pcA, revA, "documents", rows[1].ID)
	if err := pcB.VoidDocument(clerkB, rows[1].ID, "申请人撤回申请"); err != nil {
		t.Fatal(err)
	}
	wantStale(t, pcA.VoidDocument(screen, rows[1].ID, "重复制作"), "该文书已被他人处理，请刷新后重试")
}

// staleResidents: an edit from a screen older than B's edit is refused, B's stays.
func staleResidents(t *testing.T, pcA, pcB *sqlite.DB) {
	clerkA, clerkB := as(t, pcA, "chuangkou"), as(t, pcB, "wangge")
	rs, _, err := pcA.ListResidents(clerkA, data.ResidentFilter{Limit: 1})
	if err != nil || len(rs) == 0 {
		t.Fatal(err)
	}
	mine := rs[0]
	screen := seen(t, pcA, clerkA, "residents", mine.ID)
	theirs := mine
	theirs.Note = "已迁出本社区，待核实"
	if err := pcB.UpdateResident(clerkB, &theirs); err != nil {
		t.Fatal(err)
	}
	mine.Note = "联系电话已核对"
	wantStale(t, pcA.UpdateResident(screen, &mine), "该居民档案已被他人修改，请刷新后重试")
	wantStale(t, pcA.VoidResident(screen, mine.ID, "重复登记"), "该居民档案已被他人修改，请刷新后重试")
	got, err := pcA.Resident(clerkA, mine.ID)
	if err != nil || got.Note != theirs.Note || got.Voided {
		t.Fatalf("resident after the refusals: %q voided=%v %v", got.Note, got.Voided, err)
	}
	if err := pcA.UpdateResident(seen(t, pcA, clerkA, "residents", mine.ID), &mine); err != nil {
		t.Fatalf("edit from a fresh screen: %v", err)
	}
}

// staleServices: a service record edited by B cannot be saved or voided from A's older form.
func staleServices(t *testing.T, pcA, pcB *sqlite.DB) {
	clerkA, revA, clerkB := as(t, pcA, "chuangkou"), as(t, pcA, "shenhe"), as(t, pcB, "wangge")
	rs, _, err := pcA.ListResidents(clerkA, data.ResidentFilter{Limit: 1})
	if err != nil || len(rs) == 0 {
		t.Fatal(err)
	}
	svc := &data.Service{Date: data.Today(staleNow), Type: data.ServiceAtHome, Item: "医保报销", ResidentIDs: []int64{rs[0].ID},
		Content: "上门帮助填写报销单", Result: data.ServiceUnfinished, Staff: []data.Staff{{Name: "王芳"}}}
	if err := pcA.CreateService(clerkA, svc, nil); err != nil {
		t.Fatal(err)
	}
	form := seen(t, pcA, clerkA, "services", svc.ID)
	theirs := *svc
	theirs.Content, theirs.Result = "已代办报销，款项到账", data.ServiceDone
	if err := pcB.UpdateService(clerkB, &theirs, nil); err != nil {
		t.Fatal(err)
	}
	mine := *svc
	mine.Content = "上门帮助填写报销单，材料齐全"
	wantStale(t, pcA.UpdateService(form, &mine, nil), "该服务记录已被他人修改，请刷新后重试")
	wantStale(t, pcA.VoidService(data.WithSeen(revA, mustSeen(form)), svc.ID, "重复登记"), "该服务记录已被他人修改，请刷新后重试")
	got, err := pcA.Service(clerkA, svc.ID)
	if err != nil || got.Content != theirs.Content || got.Voided {
		t.Fatalf("service after the refusals: %q voided=%v %v", got.Content, got.Voided, err)
	}
}

// On a file only one program writes, so the other PC's change is made through the same
// handle and the screen's older state is passed explicitly: the store API is what is tested.
func TestStaleMovesAreRefused(t *testing.T) {
	db := staleOffice(t, dbtest.Location(t, "office.db"), true)
	t.Run("issues", func(t *testing.T) { staleIssueMoves(t, db, db) })
	t.Run("documents", func(t *testing.T) { staleDocuments(t, db, db) })
	t.Run("residents", func(t *testing.T) { staleResidents(t, db, db) })
	t.Run("services", func(t *testing.T) { staleServices(t, db, db) })
	mustCheck(t, db)
}

// Two PCs on one server: two *DB handles (two connection pools) on one schema, each with its
// clerks logged in; what one does makes the other's older screen stale.
func TestStaleMovesBetweenTwoPCsOnAServer(t *testing.T) {
	loc := dbtest.Postgres(t)
	pcA := staleOffice(t, loc, true)
	pcB := staleOffice(t, loc, false)
	t.Run("issues", func(t *testing.T) { staleIssueMoves(t, pcA, pcB) })
	t.Run("documents", func(t *testing.T) { staleDocuments(t, pcA, pcB) })
	t.Run("residents", func(t *testing.T) { staleResidents(t, pcA, pcB) })
	t.Run("services", func(t *testing.T) { staleServices(t, pcA, pcB) })
	mustCheck(t, pcA)
	mustCheck(t, pcB)
}

// mustCheck runs `taizhang check` on db: nothing may be wrong, the audit chain included.
func mustCheck(t *testing.T, db *sqlite.DB) {
	t.Helper()
	rep, err := db.Check(context.Background())
	if err != nil || len(rep.Problems) > 0 || rep.AuditEntries == 0 {
		t.Fatalf("check (%d audit entries): %v %v", rep.AuditEntries, rep.Problems, err)
	}
}

// pixelPNG is a 1×1 PNG, evidence for a close-out.
var pixelPNG = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}
