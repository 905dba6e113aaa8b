package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"taizhang/data"
)

// serviceEnv is the issue test office with residents of every age the rules care about, on
// 2026-05-10 (second quarter).
type serviceEnv struct {
	*issueEnv
	old85, turns80, old80lastQ, aged65, young, dead int64
}

func newServiceEnv(t *testing.T) *serviceEnv {
	t.Helper()
	e := &serviceEnv{issueEnv: newIssueEnv(t)}
	e.at("2026-05-10")
	add := func(name, id string, status data.ResidentStatus, community int64) int64 {
		t.Helper()
		r := &data.Resident{Name: name, IDNumber: id, CommunityID: community, Status: status, Address: "自由小区1号楼"}
		if err := e.db.CreateResident(e.admin, r); err != nil {
			t.Fatalf("resident %s: %v", name, err)
		}
		return r.ID
	}
	e.old85 = add("张菊花", idn(1941, 1, 5, 2), data.ResidentActive, e.gucheng)       // 85, in Q1 too
	e.turns80 = add("李建国", idn(1946, 6, 20, 1), data.ResidentActive, e.gucheng)    // 80 on 2026-06-20: enters in Q2
	e.old80lastQ = add("王秀英", idn(1946, 3, 1, 4), data.ResidentActive, e.dongguan) // 80 since 2026-03-01
	e.aged65 = add("赵德明", idn(1961, 2, 1, 3), data.ResidentActive, e.gucheng)      // 65
	e.young = add("刘小红", idn(1990, 8, 8, 6), data.ResidentActive, e.gucheng)       // 35
	e.dead = add("孙桂兰", idn(1935, 9, 9, 8), data.ResidentDeceased, e.gucheng)      // 90, deceased
	return e
}

func (e *serviceEnv) visit(residents ...int64) *data.Service {
	return &data.Service{Date: mustDate("2026-05-09"), Type: data.ServiceCertification, Item: data.ItemOldAgeAllowance,
		ResidentIDs: residents, Content: "入户核实本人健在，采集认证照片", Result: data.ServiceDone, OnTheSpot: true}
}

func (e *serviceEnv) counts(t *testing.T, item string) map[data.CertState]int {
	t.Helper()
	c, _, err := e.db.CertCounts(context.Background(), item, 0, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCertificationListFollowsServices(t *testing.T) {
	e := newServiceEnv(t)
	ctx := context.Background()
	// Before any visit: 张菊花 and 王秀英 were 80+ last quarter and never certified → overdue;
	// 李建国 turns 80 this quarter → due; 孙桂兰 is deceased → out.
	got := e.counts(t, data.ItemOldAgeAllowance)
	if got[data.CertOverdue] != 2 || got[data.CertDue] != 1 || got[data.CertCertified] != 0 {
		t.Fatalf("before: got %v, want 2 overdue, 1 due", got)
	}
	list, err := e.db.Certifications(ctx, data.CertFilter{Item: data.ItemOldAgeAllowance, State: data.CertOverdue})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 2 || list.Rows[0].Name != "张菊花" || list.Rows[0].Age != 85 {
		t.Fatalf("overdue list: got %+v", list)
	}
	if list.Window.Label != "2026年第二季度" {
		t.Errorf("window: got %q", list.Window.Label)
	}

	s := e.visit(e.old85)
	must(t, e.db.CreateService(e.clerk, s, photo))
	if s.Number != "FW-2026-0001" || s.StaffNames() != "赵强" {
		t.Errorf("stored: number %s staff %s", s.Number, s.StaffNames())
	}
	got = e.counts(t, data.ItemOldAgeAllowance)
	if got[data.CertOverdue] != 1 || got[data.CertCertified] != 1 {
		t.Fatalf("after the visit: got %v, want 1 overdue, 1 certified", got)
	}
	// Community filter.
	list, err = e.db.Certifications(ctx, data.CertFilter{Item: data.ItemOldAgeAllowance, State: data.CertCertified, CommunityID: e.gucheng})
	if err != nil || list.Total != 1 || list.Rows[0].ResidentID != e.old85 || list.Rows[0].Last != mustDate("2026-05-09") {
		t.Fatalf("certified in 古城: got %+v, %v", list, err)
	}
	// An unfinished visit does not certify.
	u := e.visit(e.turns80)
	u.Result, u.OnTheSpot = data.ServiceUnfinished, false
	must(t, e.db.CreateService(e.clerk, u, nil))
	if got := e.counts(t, data.ItemOldAgeAllowance); got[data.CertDue] != 1 {
		t.Errorf("unfinished visit: got %v, want 李建国 still due", got)
	}
	// Editing the item withdraws the certification; voiding too.
	s.Item = "医保报销"
	must(t, e.db.UpdateService(e.clerk, s, nil))
	if got := e.counts(t, data.ItemOldAgeAllowance); got[data.CertCertified] != 0 || got[data.CertOverdue] != 2 {
		t.Errorf("after changing the item: got %v", got)
	}
	s.Item = data.ItemOldAgeAllowance
	must(t, e.db.UpdateService(e.clerk, s, nil))
	must(t, e.db.VoidService(e.rev, s.ID, "重复登记"))
	if got := e.counts(t, data.ItemOldAgeAllowance); got[data.CertCertified] != 0 {
		t.Errorf("after voiding: got %v", got)
	}
	// Deceased leave the cycle even when certified before.
	must(t, e.db.CreateService(e.clerk, e.visit(e.old85, e.old80lastQ), nil))
	if got := e.counts(t, data.ItemOldAgeAllowance); got[data.CertCertified] != 2 || got[data.CertOverdue] != 0 {
		t.Errorf("two at once: got %v", got)
	}
	r, err := e.db.Resident(ctx, e.old85)
	must(t, err)
	r.Status = data.ResidentMovedOut
	must(t, e.db.UpdateResident(e.admin, &r))
	if got := e.counts(t, data.ItemOldAgeAllowance); got[data.CertCertified] != 1 {
		t.Errorf("moved out: got %v, want 1 certified", got)
	}
	// Pension: everyone 60+ and active: 李建国, 王秀英, 赵德明 — never certified: due.
	if got := e.counts(t, data.ItemPension); got[data.CertDue] != 3 || got[data.CertOverdue] != 0 {
		t.Errorf("pension: got %v, want 3 due", got)
	}
	// The timeline shows the services.
	tl, err := e.db.ResidentTimeline(ctx, e.old80lastQ)
	must(t, err)
	found := false
	for _, x := range tl {
		found = found || (x.Kind == "服务" && x.Ref == "FW-2026-0003")
	}
	if !found {
		t.Errorf("timeline: got %+v", tl)
	}
}

func TestServiceRefusalsChangeNothing(t *testing.T) {
	e := newServiceEnv(t)
	must(t, e.db.CreateService(e.clerk, e.visit(e.old85), nil))
	voided := &data.Resident{Name: "周作废", IDNumber: idn(1940, 1, 1, 5), CommunityID: e.gucheng}
	must(t, e.db.CreateResident(e.admin, voided))
	must(t, e.db.VoidResident(e.admin, voided.ID, "重复建档"))
	before := map[string]int{}
	tables := []string{"services", "service_residents", "service_staff", "cert_last", "attachments", "audit_log", "counters"}
	for _, tbl := range tables {
		before[tbl] = countRows(t, e.db, tbl)
	}
	cases := []struct {
		name string
		ctx  context.Context
		edit func(*data.Service)
		kind error
		msg  string
	}{
		{"no resident", e.clerk, func(s *data.Service) { s.ResidentIDs = nil }, data.ErrInvalid, "请选择服务对象"},
		{"future date", e.clerk, func(s *data.Service) { s.Date = mustDate("2026-05-11") }, data.ErrInvalid, "服务日期不能晚于今天"},
		{"item not in catalog", e.clerk, func(s *data.Service) { s.Item = "不存在的事项" }, data.ErrInvalid, "不在列表中"},
		{"voided resident", e.clerk, func(s *data.Service) { s.ResidentIDs = []int64{voided.ID} }, data.ErrInvalid, "档案已作废"},
		{"unknown resident", e.clerk, func(s *data.Service) { s.ResidentIDs = []int64{999999} }, data.ErrInvalid, "居民档案不存在"},
		{"no content", e.clerk, func(s *data.Service) { s.Content = "" }, data.ErrInvalid, "请填写服务内容"},
		{"unknown staff account", e.clerk, func(s *data.Service) { s.Staff = []data.Staff{{UserID: 999}} }, data.ErrInvalid, "服务人员账号不存在"},
		{"not logged in", context.Background(), func(s *data.Service) {}, data.ErrUnauthorized, "请先登录"},
		{"bad photo", e.clerk, func(s *data.Service) {}, data.ErrInvalid, "不是图片或 PDF"},
		{"too young for 高龄津贴认证", e.clerk, func(s *data.Service) { s.ResidentIDs = []int64{e.old85, e.young} }, data.ErrInvalid,
			"刘小红 35 周岁，未满高龄津贴认证的起始年龄 80 周岁，不能登记这项认证"},
		{"too young for 养老保险资格认证", e.clerk, func(s *data.Service) { s.Item, s.ResidentIDs = data.ItemPension, []int64{e.young} }, data.ErrInvalid,
			"未满养老保险资格认证的起始年龄 60 周岁"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := e.visit(e.turns80)
			c.edit(s)
			var files []data.NamedFile
			if c.name == "bad photo" {
				files = []data.NamedFile{{Name: "a.txt", Content: []byte("hello")}}
			}
			wantMessage(t, e.db.CreateService(c.ctx, s, files), c.kind, c.msg)
		})
	}
	s, err := e.db.ServiceByNumber(context.Background(), "fw-2026-0001")
	must(t, err)
	wantMessage(t, e.db.VoidService(e.clerk, s.ID, "错了"), data.ErrForbidden, "只有审核人或管理员可以作废")
	wantMessage(t, e.db.VoidService(e.rev, s.ID, " "), data.ErrInvalid, "请填写作废原因")
	next := s.Service
	next.ResidentIDs = []int64{e.young}
	wantMessage(t, e.db.UpdateService(e.clerk, &next, nil), data.ErrInvalid, "刘小红 35 周岁，未满高龄津贴认证")
	next = s.Service
	next.Date = mustDate("2025-12-30")
	wantMessage(t, e.db.UpdateService(e.clerk, &next, nil), data.ErrInvalid, "不能改到另一年")
	for _, tbl := range tables {
		if n := countRows(t, e.db, tbl); n != before[tbl] {
			t.Errorf("%s: got %d rows, want %d", tbl, n, before[tbl])
		}
	}
	must(t, e.db.VoidService(e.rev, s.ID, "重复登记"))
	wantMessage(t, e.db.VoidService(e.rev, s.ID, "再次"), data.ErrConflict, "已经作废")
	wantMessage(t, e.db.UpdateService(e.clerk, &next, nil), data.ErrConflict, "已作废")
}

func TestServiceListAndStats(t *testing.T) {
	e := newServiceEnv(t)
	ctx := context.Background()
	mk := func(day string, typ data.ServiceType, item string, result data.ServiceResult, spot bool, residents ...int64) {
		t.Helper()
		s := &data.Service{Date: mustDate(day), Type: typ, Item: item, ResidentIDs: residents, Content: "服务内容",
			Result: result, OnTheSpot: spot, Staff: []data.Staff{{Name: "王芳"}, {Name: "赵强"}}}
		must(t, e.db.CreateService(e.clerk, s, nil))
	}
	// Five services; the fifth falls outside the period (April–May 2026).
	mk("2026-04-02", data.ServiceCertification, data.ItemOldAgeAllowance, data.ServiceDone, true, e.old85) // elderly, spot
	mk("2026-04-15", data.ServiceAtHome, "医保报销", data.ServiceUnfinished, false, e.young)                   // not elderly
	mk("2026-05-03", data.ServiceProxy, "低保申请", data.ServiceTransferred, false, e.young, e.aged65)         // elderly (65)
	mk("2026-05-08", data.ServiceAtHome, "残疾人证办理", data.ServiceDone, true, e.young)                        // spot
	mk("2026-03-30", data.ServiceVisit, "走访慰问", data.ServiceDone, false, e.old85)                          // outside
	st, err := e.db.Stats(ctx, data.StatsFilter{From: mustDate("2026-04-01"), To: mustDate("2026-05-31")})
	must(t, err)
	sv := st.Services
	if sv.Total != 4 || sv.Elderly != 2 || sv.OnTheSpot != 2 || sv.Completed != 2 {
		t.Errorf("figures: got %+v, want total 4, elderly 2, on the spot 2, completed 2", sv)
	}
	if math.Abs(sv.ElderlyShare-0.5) > 1e-9 {
		t.Errorf("elderly share: got %v, want 0.5", sv.ElderlyShare)
	}
	if sv.ByType["上门办"] != 2 || sv.ByType["入户认证"] != 1 || sv.ByType["帮办代办"] != 1 || sv.ByType["走访慰问"] != 0 {
		t.Errorf("by type: got %v", sv.ByType)
	}
	if sv.ByMonth["2026-04"]["上门办"] != 1 || sv.ByMonth["2026-05"]["上门办"] != 1 {
		t.Errorf("by month: got %v", sv.ByMonth)
	}
	// Certifications as of today (2026-05-10): 张菊花 certified; 王秀英 overdue; 李建国 due;
	// pension: 张菊花, 李建国, 王秀英, 赵德明 due (never certified for it).
	c := st.Certifications
	if c.Certified != 1 || c.Overdue != 1 || c.Due != 5 {
		t.Errorf("certifications: got %+v, want certified 1, overdue 1, due 5", c)
	}

	for _, tc := range []struct {
		name string
		f    data.ServiceFilter
		want int
	}{
		{"all", data.ServiceFilter{}, 5},
		{"period", data.ServiceFilter{From: mustDate("2026-04-01"), To: mustDate("2026-04-30")}, 2},
		{"type", data.ServiceFilter{Type: data.ServiceAtHome}, 2},
		{"item", data.ServiceFilter{Item: "低保申请"}, 1},
		{"result", data.ServiceFilter{Result: data.ServiceDone}, 3},
		{"staff", data.ServiceFilter{Staff: "王芳"}, 5},
		{"resident", data.ServiceFilter{ResidentID: e.young}, 3},
		{"query name", data.ServiceFilter{Query: "赵德"}, 1},
		{"query number", data.ServiceFilter{Query: "FW-2026-0002"}, 1},
		{"community", data.ServiceFilter{CommunityID: e.dongguan}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, total, err := e.db.ListServices(ctx, tc.f)
			must(t, err)
			if total != tc.want || len(rows) != tc.want {
				t.Errorf("got %d (%d rows), want %d", total, len(rows), tc.want)
			}
		})
	}
	rows, _, err := e.db.ListServices(ctx, data.ServiceFilter{Sort: "date"})
	must(t, err)
	if rows[0].Date != mustDate("2026-03-30") || rows[0].ResidentNames != "张菊花" || rows[0].StaffNames != "王芳、赵强" {
		t.Errorf("ascending first row: got %+v", rows[0])
	}
	// 编号 sorts by year and sequence, not by date: FW-2026-0005 was served first (30 March).
	for _, desc := range []bool{false, true} {
		byNumber, _, err := e.db.ListServices(ctx, data.ServiceFilter{Sort: "number", Desc: desc})
		must(t, err)
		var got []string
		for _, r := range byNumber {
			got = append(got, r.Number)
		}
		want := "FW-2026-0001 FW-2026-0002 FW-2026-0003 FW-2026-0004 FW-2026-0005"
		if desc {
			want = "FW-2026-0005 FW-2026-0004 FW-2026-0003 FW-2026-0002 FW-2026-0001"
		}
		if strings.Join(got, " ") != want {
			t.Errorf("sorted by number (desc %v): %v", desc, got)
		}
	}
	for _, key := range ServiceSortKeys {
		if _, _, err := e.db.ListServices(ctx, data.ServiceFilter{Sort: key, Staff: "王芳"}); err != nil {
			t.Errorf("sort %s: %v", key, err)
		}
	}
	full, err := e.db.Service(ctx, rows[3].ID)
	must(t, err)
	if len(full.ResidentIDs) != 2 || full.ResidentIDs[0] != e.young || len(full.Staff) != 2 {
		t.Errorf("service: got %+v", full)
	}
}

// TestLargeOfficeTimings reports page+total times of the service and certification lists on a
// large demo office (taizhang demo --size large), with their query plans. It runs only when
// TAIZHANG_LARGE_DB names such a file; speed is judged by the benchmark, not by this test.
func TestLargeOfficeTimings(t *testing.T) {
	path := os.Getenv("TAIZHANG_LARGE_DB")
	if path == "" {
		t.Skip("TAIZHANG_LARGE_DB not set")
	}
	db, err := Open(path, Options{ReadOnly: true, Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	cs, err := db.Communities(ctx, false)
	must(t, err)
	today := db.today()
	lists := []struct {
		name string
		f    data.ServiceFilter
	}{
		{"all", data.ServiceFilter{}},
		{"all, page 100", data.ServiceFilter{Offset: 5000}},
		{"this year", data.ServiceFilter{From: data.MustDate(today.Year, 1, 1), To: today}},
		{"type", data.ServiceFilter{Type: data.ServiceCertification}},
		{"type sorted by item", data.ServiceFilter{Type: data.ServiceAtHome, Sort: "item"}},
		{"item", data.ServiceFilter{Item: "低保申请"}},
		{"result", data.ServiceFilter{Result: data.ServiceUnfinished}},
		{"community+type", data.ServiceFilter{CommunityID: cs[0].ID, Type: data.ServiceProxy}},
		{"staff", data.ServiceFilter{Staff: "刘敏"}},
		{"sort follow-up", data.ServiceFilter{Sort: "follow_up", Desc: true}},
		{"sort result asc", data.ServiceFilter{Sort: "result"}},
		{"query name", data.ServiceFilter{Query: "王秀"}},
		{"query number", data.ServiceFilter{Query: fmt.Sprintf("FW-%d-0100", today.Year)}},
		{"month+community", data.ServiceFilter{From: data.MustDate(today.Year, today.Month, 1), To: today, CommunityID: cs[1].ID}},
	}
	for _, l := range lists {
		best := time.Hour
		var total int
		for i := 0; i < 5; i++ {
			start := time.Now()
			_, n, err := db.ListServices(ctx, l.f)
			must(t, err)
			best, total = min(best, time.Since(start)), n
		}
		t.Logf("services %-22s total %7d  %6.1f ms", l.name, total, float64(best.Microseconds())/1000)
	}
	for _, item := range []string{data.ItemOldAgeAllowance, data.ItemPension} {
		for _, st := range []data.CertState{data.CertPending, data.CertDue, data.CertOverdue, data.CertCertified} {
			for _, c := range []int64{0, cs[2].ID} {
				best := time.Hour
				var total int
				for i := 0; i < 5; i++ {
					start := time.Now()
					l, err := db.Certifications(ctx, data.CertFilter{Item: item, State: st, CommunityID: c})
					must(t, err)
					best, total = min(best, time.Since(start)), l.Total
				}
				t.Logf("certs %s %-9s community %d: total %6d  %6.1f ms", item, st, c, total, float64(best.Microseconds())/1000)
			}
		}
	}
	start := time.Now()
	n, _, err := db.CertDueThisQuarter(ctx)
	must(t, err)
	t.Logf("dashboard card: %d in %.1f ms", n, float64(time.Since(start).Microseconds())/1000)
	start = time.Now()
	st, err := db.Stats(ctx, data.StatsFilter{From: data.MustDate(today.Year, 1, 1)})
	must(t, err)
	t.Logf("stats (this year): services %d, elderly share %.3f, certs %+v in %.1f ms", st.Services.Total,
		st.Services.ElderlyShare, st.Certifications, float64(time.Since(start).Microseconds())/1000)
	for _, q := range []struct {
		name string
		f    data.ServiceFilter
	}{{"all", data.ServiceFilter{}}, {"type", data.ServiceFilter{Type: data.ServiceAtHome}}, {"staff", data.ServiceFilter{Staff: "刘敏"}}} {
		where, args := serviceWhere(serviceSearch{ServiceFilter: q.f}, "+s.")
		plan := explain(t, db, "SELECT s.id"+serviceFrom+where+" ORDER BY s.served_on DESC, s.id DESC LIMIT 50", args...)
		t.Logf("plan %s page: %s", q.name, plan)
		where, args = serviceWhere(serviceSearch{ServiceFilter: q.f}, "s.")
		t.Logf("plan %s count: %s", q.name, explain(t, db, "SELECT count(*) FROM services s"+where, args...))
	}
	w := data.DefaultCertRules[0].Window(today)
	where, args := certWhere(w, 0, data.CertPending)
	t.Logf("plan certs: %s", explain(t, db, "SELECT count(*)"+certFrom+where, append([]any{w.Rule.Item}, args...)...))
}

func explain(t *testing.T, db *DB, q string, args ...any) string {
	t.Helper()
	rows, err := db.SQL().Query("EXPLAIN QUERY PLAN "+q, args...)
	must(t, err)
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		must(t, rows.Scan(&id, &parent, &notused, &detail))
		parts = append(parts, detail)
	}
	return strings.Join(parts, " | ")
}

// crossCheck compares, for every rule, the store's counts (index arithmetic), the per-state
// SQL of the lists and data.CertStateOf applied to each resident one by one.
func crossCheck(t *testing.T, db *DB, asOf data.Date) {
	t.Helper()
	ctx := context.Background()
	rules, err := db.CertRules(ctx)
	must(t, err)
	rs, _, err := db.ListResidents(ctx, data.ResidentFilter{Limit: 100000, WithVoided: true})
	must(t, err)
	for _, rule := range rules {
		w := rule.Window(asOf)
		want := map[data.CertState]int{}
		for _, r := range rs {
			var last data.Date
			var s string
			err := db.SQL().QueryRow("SELECT last_on FROM cert_last WHERE resident_id = ? AND item = ?", r.ID, rule.Item).Scan(&s)
			if err == nil {
				must(t, last.Scan(s))
			}
			status := r.Status
			if r.Voided {
				status = data.ResidentDeceased // voided: out of every cycle
			}
			st := rule.Window(asOf).State(data.DateOf(r.Birth), status, last)
			if st != data.CertNotInCycle {
				want[st]++
				want[data.CertNotInCycle]++
			}
		}
		want[data.CertPending] = want[data.CertDue] + want[data.CertOverdue]
		got, err := db.certCounts(ctx, w, 0)
		must(t, err)
		for _, st := range []data.CertState{data.CertNotInCycle, data.CertDue, data.CertOverdue, data.CertCertified, data.CertPending} {
			where, args := certWhere(w, 0, st)
			var n int
			must(t, db.SQL().QueryRow("SELECT count(*)"+certFrom+where, append([]any{rule.Item}, args...)...).Scan(&n))
			if got[st] != want[st] || n != want[st] {
				t.Errorf("%s %s on %s: counts %d, list SQL %d, one by one %d", rule.Item, st, asOf, got[st], n, want[st])
			}
			if st == data.CertNotInCycle || st == data.CertPending {
				continue
			}
			page, err := db.Certifications(ctx, data.CertFilter{Item: rule.Item, State: st, AsOf: asOf, Limit: 1000})
			must(t, err)
			if page.Total != want[st] || len(page.Rows) != want[st] {
				t.Errorf("%s %s on %s: list total %d rows %d, want %d", rule.Item, st, asOf, page.Total, len(page.Rows), want[st])
			}
			for _, r := range page.Rows {
				if r.State != st {
					t.Errorf("%s %s on %s: %s listed as %s", rule.Item, st, asOf, r.Name, r.State)
				}
			}
		}
	}
}

func TestCertCountsAgree(t *testing.T) {
	e := newServiceEnv(t)
	must(t, e.db.CreateService(e.clerk, e.visit(e.old85, e.turns80), nil))
	s := e.visit(e.aged65)
	s.Item, s.Date = data.ItemPension, mustDate("2025-05-01")
	must(t, e.db.CreateService(e.clerk, s, nil))
	s = e.visit(e.old80lastQ)
	s.Item, s.Date = data.ItemPension, mustDate("2025-06-01")
	must(t, e.db.CreateService(e.clerk, s, nil))
	for _, day := range []string{"2026-05-10", "2026-06-30", "2026-07-01", "2026-10-01", "2025-12-31"} {
		crossCheck(t, e.db, mustDate(day))
	}
}

func TestSetCertRules(t *testing.T) {
	e := newServiceEnv(t)
	ctx := context.Background()
	rules := []data.CertRule{{Item: data.ItemOldAgeAllowance, MinAge: 90, Cycle: data.CycleQuarter}}
	wantMessage(t, e.db.SetCertRules(e.clerk, rules), data.ErrForbidden, "没有此项权限")
	wantMessage(t, e.db.SetCertRules(e.admin, []data.CertRule{{Item: "不存在", MinAge: 80, Cycle: data.CycleQuarter}}),
		data.ErrInvalid, "不在服务事项列表中")
	wantMessage(t, e.db.SetCertRules(e.admin, []data.CertRule{{Item: data.ItemPension, MinAge: 60, Cycle: data.CycleMonths}}),
		data.ErrInvalid, "认证间隔应在1到60个月之间")
	must(t, e.db.SetCertRules(e.admin, rules))
	got, err := e.db.CertRules(ctx)
	must(t, err)
	if len(got) != 1 || got[0].MinAge != 90 {
		t.Fatalf("rules: got %+v", got)
	}
	// Only 孙桂兰 is 90+, and she is deceased: nobody is in the cycle.
	if c := e.counts(t, data.ItemOldAgeAllowance); c[data.CertNotInCycle] != 0 {
		t.Errorf("90+: got %v", c)
	}
	if _, err := e.db.CertRule(ctx, data.ItemPension); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("pension rule removed: got %v", err)
	}
}

// TestCertAgeRuleInImports: a register certifying someone too young for the item is refused
// on that line, naming the resident and the masked ID; nothing is imported.
func TestCertAgeRuleInImports(t *testing.T) {
	e := newServiceEnv(t)
	young, old := idn(1990, 8, 8, 6), idn(1941, 1, 5, 2)
	rows := []data.SheetRow{
		{Line: 1, Cells: []string{"序号", "姓名", "身份证号", "认证事项", "认证日期", "认证人"}},
		{Line: 2, Cells: []string{"1", "张菊花", old, data.ItemOldAgeAllowance, "2026-05-02", "赵强"}},
		{Line: 3, Cells: []string{"2", "刘小红", young, data.ItemOldAgeAllowance, "2026-05-03", "赵强"}},
	}
	before := countRows(t, e.db, "services")
	rep, err := e.db.ImportServices(e.clerk, rows, data.ServiceImportOptions{Certifications: true})
	wantMessage(t, err, data.ErrInvalid, "有 1 行数据有误")
	if len(rep.Problems) != 1 || rep.Problems[0].Line != 3 || rep.Problems[0].Value != data.MaskIDNumber(young) ||
		!strings.Contains(rep.Problems[0].Problem, "刘小红 35 周岁，未满高龄津贴认证的起始年龄 80 周岁") {
		t.Errorf("problems: %+v", rep.Problems)
	}
	if n := countRows(t, e.db, "services"); n != before {
		t.Errorf("services: %d after a refused import, want %d", n, before)
	}
}
