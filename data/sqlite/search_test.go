package sqlite

import (
	"testing"

	"taizhang/data"
)

func TestBigramMatch(t *testing.T) {
	cases := []struct{ q, want string }{
		{"路灯", `"路灯"`},
		{"路灯不亮", `"路灯 灯不 不亮"`},
		{"灯", `"灯"*`},
		{" 井盖  破损 ", `"井盖" AND "破损"`},
		{"，。", ""},
		{"3号楼", `"3号 号楼"`},
	}
	for _, c := range cases {
		if got := bigramMatch(c.q); got != c.want {
			t.Errorf("bigramMatch(%q) = %s, want %s", c.q, got, c.want)
		}
	}
	if got := bigramTerms("路灯不亮，3号楼"); got != "路灯 灯不 不亮 亮 3号 号楼 楼 " {
		t.Errorf("bigramTerms = %q", got)
	}
}

func TestIssueTextSearch(t *testing.T) {
	db, ctx := newTestDB(t)
	c := communityID(t, db, "古城社区")
	texts := []string{"小区东门路灯不亮，夜间行人摔倒", "井盖破损有安全隐患", "楼道堆物严重，影响消防通道", "路面坑洼"}
	for _, d := range texts {
		iss := &data.Issue{FoundOn: data.MustDate(2026, 11, 2), Source: "日常巡查", Category: "基础设施", Description: d,
			CommunityID: c, Address: "古城街12号", FoundBy: "王芳", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会",
			Deadline: data.MustDate(2026, 11, 30)}
		if err := db.CreateIssue(ctx, iss, nil); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{"路灯": 1, "路灯不亮": 1, "灯不": 1, "井盖 破损": 1, "路": 2, "古城街": 4, "消防通道": 1, "火灾": 0, "WT-2026": 4} {
		_, total, err := db.ListIssues(ctx, data.IssueFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if total != want {
			t.Errorf("query %q: got %d issues, want %d", q, total, want)
		}
	}
	// Editing the description re-indexes it.
	rows, _, _ := db.ListIssues(ctx, data.IssueFilter{Query: "路面坑洼"})
	iss := rows[0].Issue
	iss.Description = "路面塌陷"
	if err := db.UpdateIssue(ctx, &iss, nil); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := db.ListIssues(ctx, data.IssueFilter{Query: "坑洼"}); n != 0 {
		t.Errorf("old text still found")
	}
	if _, n, _ := db.ListIssues(ctx, data.IssueFilter{Query: "塌陷"}); n != 1 {
		t.Errorf("new text not found")
	}
}

// The page of a large result is read through the sort order's index with the filter's
// indexes disabled; it must return exactly what the ordinary plan returns.
func TestIssuePagesSameThroughEitherPlan(t *testing.T) {
	db, ctx := newTestDB(t)
	c := communityID(t, db, "古城社区")
	cats := []string{"环境卫生", "基础设施", "安全隐患"}
	for i := 0; i < 30; i++ {
		iss := &data.Issue{FoundOn: data.MustDate(2026, 10, 1+i%28), Source: "日常巡查", Category: cats[i%3],
			Description: []string{"路灯不亮", "井盖破损", "楼道堆物"}[i%3], CommunityID: c, Address: "古城街" + string(rune('A'+i%5)),
			FoundBy: "王芳", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会", Deadline: data.MustDate(2026, 11, 1+i%20)}
		if err := db.CreateIssue(ctx, iss, nil); err != nil {
			t.Fatal(err)
		}
	}
	filters := []data.IssueFilter{
		{Sort: "address", Limit: 7, Offset: 3},
		{Category: "环境卫生", Sort: "deadline", Desc: true, Limit: 5},
		{Statuses: []data.IssueStatus{data.IssueOpen}, Sort: "number", Limit: 10},
		{Query: "路灯", Sort: "found_on", Limit: 4, Offset: 2},
		{Deadline: data.DeadlineOverdue, Sort: "category", Limit: 8},
	}
	defer func(n int) { manyIssues = n }(manyIssues)
	for _, f := range filters {
		manyIssues = 1 << 30
		want, wantTotal, err := db.ListIssues(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		manyIssues = 0
		got, total, err := db.ListIssues(ctx, f)
		if err != nil {
			t.Fatalf("%+v through the sort index: %v", f, err)
		}
		if total != wantTotal || len(got) != len(want) {
			t.Fatalf("%+v: got %d/%d, want %d/%d", f, len(got), total, len(want), wantTotal)
		}
		for i := range got {
			if got[i].Number != want[i].Number {
				t.Errorf("%+v row %d: got %s, want %s", f, i, got[i].Number, want[i].Number)
			}
		}
	}
}

// A word query's total leaves voided issues out, as every other total does.
func TestIssueTextTotalLeavesVoidedOut(t *testing.T) {
	db, ctx := newTestDB(t)
	c := communityID(t, db, "古城社区")
	var ids []int64
	for i := 0; i < 3; i++ {
		iss := &data.Issue{FoundOn: data.MustDate(2026, 11, 2), Source: "日常巡查", Category: "基础设施", Description: "路灯不亮",
			CommunityID: c, Address: "古城街12号", FoundBy: "王芳", Tier: data.TierGeneral, ResponsibleUnit: "社区居委会",
			Deadline: data.MustDate(2026, 11, 30)}
		if err := db.CreateIssue(ctx, iss, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, iss.ID)
	}
	if err := db.VoidIssue(ctx, ids[1], "重复登记"); err != nil {
		t.Fatal(err)
	}
	rows, total, err := db.ListIssues(ctx, data.IssueFilter{Query: "路灯"})
	if err != nil || total != 2 || len(rows) != 2 {
		t.Fatalf("got %d rows of %d, want 2 of 2 (%v)", len(rows), total, err)
	}
	if _, total, _ := db.ListIssues(ctx, data.IssueFilter{Query: "路灯", Statuses: []data.IssueStatus{data.IssueVoided}}); total != 1 {
		t.Errorf("voided filter: got %d, want 1", total)
	}
}
