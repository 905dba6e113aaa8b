package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"taizhang/data"
)

func sheet(lines ...[]string) []data.SheetRow {
	out := make([]data.SheetRow, len(lines))
	for i, l := range lines {
		out[i] = data.SheetRow{Sheet: "Sheet1", Line: i + 1, Cells: l}
	}
	return out
}

func TestImportResidents(t *testing.T) {
	db, ctx := newTestDB(t)
	existing := data.Resident{Name: "老住户", IDNumber: idn(1940, 1, 1, 11), CommunityID: communityID(t, db, "古城社区")}
	if err := db.CreateResident(ctx, &existing); err != nil {
		t.Fatal(err)
	}
	in := sheet(
		[]string{"古城社区居民花名册"},
		[]string{"序号", "名字", "公民身份号码", "手机", "家庭住址", "社区", "网格", "人员类别", "与户主关系", "出生年月日"},
		[]string{"1", "张菊花", idn(1944, 3, 5, 22), "13835201234", "古城街 1 号", "古城社区", "第一网格", "高龄、独居", "户主", "1944年3月5日"},
		[]string{"2", "李大山", idn(1942, 7, 1, 13), "", "古城街 1 号", "古城", "第一网格", "高龄", "夫", "15523"},
		[]string{"3", "王小明", idn(1990, 12, 31, 15), "0352-1234567", "东关路 8 号", "东关社区", "", "", "", "1990/12/31"},
		[]string{"填报人：李管理", "", "审核人："},
	)
	t.Run("dry run writes nothing", func(t *testing.T) {
		rep, err := db.ImportResidents(ctx, in, true)
		if err != nil {
			t.Fatalf("got %v (%v), want none", err, rep.Problems)
		}
		if rep.Residents != 3 || rep.Households != 1 || !rep.DryRun {
			t.Errorf("got %+v, want 3 residents in 1 household", rep)
		}
		_, total, _ := db.ListResidents(ctx, data.ResidentFilter{})
		if total != 1 {
			t.Errorf("got %d residents after a dry run, want 1", total)
		}
	})
	t.Run("import", func(t *testing.T) {
		rep, err := db.ImportResidents(ctx, in, false)
		if err != nil {
			t.Fatalf("got %v (%v), want none", err, rep.Problems)
		}
		r, err := db.ResidentByIDNumber(ctx, idn(1942, 7, 1, 13))
		if err != nil {
			t.Fatal(err)
		}
		if r.Name != "李大山" || r.CommunityName != "古城社区" || r.GridName != "第一网格" || r.Relation != "配偶" || r.HouseholdID == 0 ||
			strings.Join(r.Tags, ",") != "高龄" {
			t.Errorf("got %+v", r)
		}
		h, err := db.Household(ctx, r.HouseholdID)
		if err != nil || len(h.Members) != 2 || h.Members[0].Name != "张菊花" {
			t.Errorf("got household %+v, %v; want 张菊花 first of two", h, err)
		}
		for _, q := range []string{"李大山", "ldS", "1942070"} {
			if found, err := db.SearchResidents(ctx, q, 5); err != nil || len(found) != 1 || found[0].ID != r.ID {
				t.Errorf("search %q after import: got %v, %v; want 李大山", q, found, err)
			}
		}
		tl, _ := db.ResidentTimeline(ctx, r.ID)
		if len(tl) == 0 || !strings.Contains(tl[0].Title, "导入档案") {
			t.Errorf("got timeline %v, want 导入档案", tl)
		}
		rep2, err := db.Check(context.Background())
		if err != nil || len(rep2.Problems) > 0 {
			t.Errorf("check after import: %v %v", err, rep2.Problems)
		}
	})
	t.Run("again: every row already registered", func(t *testing.T) {
		rep, err := db.ImportResidents(ctx, in, false)
		wantMessage(t, err, data.ErrConflict, "文件中的 3 人都已登记，无需再次导入")
		if len(rep.Problems) != 3 || !strings.Contains(rep.Problems[0].Problem, "身份证号已登记：张菊花（古城社区") {
			t.Errorf("got %v", rep.Problems)
		}
	})
}

func TestImportRefusesBadRows(t *testing.T) {
	db, ctx := newTestDB(t)
	good := idn(1950, 1, 2, 11)
	wrongCheck := good[:17] + string("10X98765432"[(strings.IndexByte("10X98765432", good[17])+1)%11])
	in := sheet(
		[]string{"姓名", "身份证号", "联系电话", "所属社区", "网格", "出生日期"},
		[]string{"甲", idn(1950, 1, 1, 11), "", "古城社区", "", ""},
		[]string{"乙", wrongCheck, "", "古城社区", "", ""},
		[]string{"丙", idn(1950, 1, 3, 11), "", "西关社区", "", ""},
		[]string{"丁", idn(1950, 1, 4, 11), "", "古城社区", "", "2026-02-30"},
		[]string{"戊", idn(1950, 1, 5, 11), "13800000000", "东关社区", "", ""},
	)
	rep, err := db.ImportResidents(ctx, in, false)
	wantMessage(t, err, data.ErrInvalid, "有 3 行数据有误")
	want := []struct {
		line           int
		column, phrase string
	}{
		{3, "身份证号", "校验位错误"},
		{4, "所属社区", "没有这个社区（现有社区：古城社区、东关社区）"},
		{5, "出生日期", "2月只有28天"},
	}
	if len(rep.Problems) != len(want) {
		t.Fatalf("got %d problems %v, want %d", len(rep.Problems), rep.Problems, len(want))
	}
	for i, w := range want {
		p := rep.Problems[i]
		if p.Line != w.line || p.Column != w.column || !strings.Contains(p.Problem, w.phrase) {
			t.Errorf("problem %d: got %s, want 第 %d 行 · %s · …%s…", i, p, w.line, w.column, w.phrase)
		}
	}
	if _, total, _ := db.ListResidents(ctx, data.ResidentFilter{}); total != 0 {
		t.Errorf("got %d residents, want none imported", total)
	}
}

func TestImportChecks(t *testing.T) {
	db, ctx := newTestDB(t)
	tests := []struct {
		name string
		rows []data.SheetRow
		want string
	}{
		{"unknown grid", sheet([]string{"姓名", "身份证号", "社区", "网格"}, []string{"甲", idn(1950, 1, 1, 11), "古城社区", "第九网格"}),
			"古城社区没有这个网格（该社区的网格：第一网格、第二网格）"},
		{"no grids", sheet([]string{"姓名", "身份证号", "社区", "网格"}, []string{"甲", idn(1950, 1, 1, 11), "东关社区", "第一网格"}),
			"东关社区还没有设置网格"},
		{"no community with two to choose from", sheet([]string{"姓名", "身份证号"}, []string{"甲", idn(1950, 1, 1, 11)}),
			"未填写所属社区（现有社区：古城社区、东关社区）"},
		{"duplicate in the file", sheet([]string{"姓名", "身份证号", "社区"}, []string{"甲", idn(1950, 1, 1, 11), "古城社区"},
			[]string{"乙", idn(1950, 1, 1, 11), "古城社区"}), "与第 2 行重复（甲）"},
		{"masked export", sheet([]string{"姓名", "身份证号", "社区"}, []string{"甲", data.MaskIDNumber(idn(1950, 1, 1, 11)), "古城社区"}),
			"已打码"},
		{"no header", sheet([]string{"会议纪要"}), "没有找到表头行"},
		{"only a header", sheet([]string{"姓名", "身份证号"}), "没有居民数据"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := db.ImportResidents(ctx, tt.rows, true)
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			text := data.Message(err)
			for _, p := range rep.Problems {
				text += "\n" + p.String()
			}
			if !strings.Contains(text, tt.want) {
				t.Errorf("got %s, want %q", text, tt.want)
			}
		})
	}
	t.Run("masked export says so in one sentence", func(t *testing.T) {
		_, err := db.ImportResidents(ctx, sheet([]string{"姓名", "身份证号", "社区"}, []string{"甲", data.MaskIDNumber(idn(1950, 1, 1, 11)), "古城社区"}), false)
		wantMessage(t, err, data.ErrInvalid, "这是打码导出的文件")
	})
	t.Run("a clerk without a log-in", func(t *testing.T) {
		_, err := db.ImportResidents(context.Background(), sheet([]string{"姓名", "身份证号"}), false)
		if !errors.Is(err, data.ErrUnauthorized) {
			t.Errorf("got %v, want ErrUnauthorized", err)
		}
	})
}

func TestExportResidents(t *testing.T) {
	db, ctx := newTestDB(t)
	in := [][]string{{"姓名", "身份证号", "联系电话", "社区", "户号", "与户主关系"}}
	for i := 0; i < 2500; i++ {
		hh, rel := "", ""
		if i%5 < 3 {
			hh, rel = fmt.Sprint(i/5), []string{"户主", "配偶", "子女"}[i%5]
		}
		in = append(in, []string{fmt.Sprintf("居民%d", i), idn(1950+i%50, 1+i%12, 1+i%28, i%1000), "13835201234",
			[]string{"古城社区", "东关社区"}[i%2*0], hh, rel})
	}
	rep, err := db.ImportResidents(ctx, sheet(in...), false)
	if err != nil {
		t.Fatalf("import: %v %v", err, rep.Problems[:min(len(rep.Problems), 5)])
	}
	var got []data.Resident
	n, err := db.ExportResidents(ctx, data.ResidentFilter{}, false, func(r data.Resident) error {
		got = append(got, r)
		return nil
	})
	if err != nil || n != 2500 || len(got) != 2500 {
		t.Fatalf("got %d, %d, %v; want 2500", n, len(got), err)
	}
	if !strings.Contains(got[0].IDNumber, "**********") || got[0].Phone != "138****1234" {
		t.Errorf("got %s %s, want masked", got[0].IDNumber, got[0].Phone)
	}
	// A household's members come together, the 户主 first.
	if got[0].Relation != "户主" || got[1].HouseholdID != got[0].HouseholdID || got[2].HouseholdID != got[0].HouseholdID {
		t.Errorf("got %v %v %v, want one household head first", got[0], got[1], got[2])
	}
	clerk := &data.User{ID: 9, Name: "小王", Role: data.RoleClerk}
	_, err = db.ExportResidents(data.NewContextWithUser(context.Background(), clerk), data.ResidentFilter{}, true, func(data.Resident) error { return nil })
	if !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk asking for full numbers: got %v, want ErrForbidden", err)
	}
}

// BenchmarkImportResidents measures a 10,000-row import with full validation into an office
// that already has them checked against (PRODUCT.md: under 3 s).
func BenchmarkImportResidents(b *testing.B) {
	in := [][]string{{"序号", "姓名", "身份证号", "联系电话", "住址", "所属社区", "网格", "人员类别", "户号", "与户主关系", "出生日期"}}
	for i := 0; i < 10000; i++ {
		birth := time.Date(1930+i%80, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		hh, rel := "", ""
		if i%4 < 2 {
			hh, rel = fmt.Sprint(i/4), []string{"户主", "配偶"}[i%4]
		}
		in = append(in, []string{fmt.Sprint(i + 1), fmt.Sprintf("居民%d", i), data.MakeIDNumber("140202", birth, i%1000),
			"13835201234", "古城街 1 号", "古城社区", "第一网格", "高龄、独居", hh, rel, birth.Format("2006/1/2")})
	}
	rows := sheet(in...)
	for b.Loop() {
		b.StopTimer()
		db, ctx := benchDB(b)
		b.StartTimer()
		rep, err := db.ImportResidents(ctx, rows, false)
		if err != nil {
			b.Fatalf("import: %v %v", err, rep.Problems[:min(3, len(rep.Problems))])
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// benchDB is newTestDB for a benchmark: a fresh office with the test communities.
func benchDB(b *testing.B) (*DB, context.Context) {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "taizhang.db"), Options{Renderer: testRenderer})
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	db.BcryptCost = 4
	admin, err := db.RunSetup(context.Background(), data.Setup{
		Office:        data.Office{Name: "平城区鹿苑街道办事处"},
		Communities:   []string{"古城社区", "东关社区"},
		Grids:         map[string][]string{"古城社区": {"第一网格", "第二网格"}},
		AdminUsername: "admin", AdminName: "李管理", AdminPassword: "secret123",
	})
	if err != nil {
		b.Fatal(err)
	}
	return db, data.NewContextWithUser(context.Background(), admin)
}

// Imported residents are found by the tag filter within their community.
func TestImportedTagsFilterByCommunity(t *testing.T) {
	db, ctx := newTestDB(t)
	c := communityID(t, db, "东关社区")
	rows := []data.SheetRow{
		{Line: 1, Cells: []string{"姓名", "身份证号", "所属社区", "人员类别"}},
		{Line: 2, Cells: []string{"钱桂兰", idn(1938, 4, 9, 162), "东关社区", "高龄,独居"}},
	}
	rep, err := db.ImportResidents(ctx, rows, false)
	if err != nil || !rep.OK() {
		t.Fatalf("import: %v %+v", err, rep.Problems)
	}
	rs, total, err := db.ListResidents(ctx, data.ResidentFilter{CommunityID: c, Tag: "独居"})
	if err != nil || total != 1 || rs[0].Name != "钱桂兰" {
		t.Fatalf("tag filter after import: %d %v %v", total, names(rs), err)
	}
}
