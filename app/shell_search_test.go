package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

// The top bar finds an issue by its number and opens its page.
func TestGlobalSearchFindsIssueNumber(t *testing.T) {
	s, db := loggedInShell(t)
	cs, err := db.Communities(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	today := data.Today(testNow)
	iss := &data.Issue{FoundOn: today, Source: "日常巡查", Category: "环境卫生", Description: "楼道堆放杂物",
		CommunityID: cs[0].ID, Address: "鹿苑小区3号楼", FoundBy: "王建国", Tier: data.TierGeneral,
		ResponsibleUnit: "社区居委会", Deadline: today.AddDays(10)}
	if err := db.CreateIssue(s.Ctx(), iss, nil); err != nil {
		t.Fatal(err)
	}
	test.Type(s.shell.search, strings.ToLower(iss.Number))
	s.shell.search.TypedKey(keyReturn)
	if len(s.shell.searchHits) != 1 || !strings.Contains(s.shell.searchHits[0].Text, iss.Number) {
		var got []string
		for _, b := range s.shell.searchHits {
			got = append(got, b.Text)
		}
		t.Fatalf("search %q: hits %v", iss.Number, got)
	}
	test.Tap(s.shell.searchHits[0])
	sc := s.shell.Screen(ScreenIssues).(*issuesScreen)
	if s.shell.Current() != Screen(sc) || sc.view != "detail" {
		t.Errorf("choosing the hit: screen %T view %q", s.shell.Current(), sc.view)
	}
}
