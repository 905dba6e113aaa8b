package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"taizhang/data"
)

func TestResidentsScreen(t *testing.T) {
	s, _ := loggedInShell(t)
	r := residentsOf(t, s)
	id := data.MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123)

	t.Run("empty list says what to do", func(t *testing.T) {
		if !r.empty.Visible() || !strings.Contains(r.empty.Text, "还没有居民档案") {
			t.Errorf("empty state %q (visible %v)", r.empty.Text, r.empty.Visible())
		}
		if got := r.total.Text; got != "共 0 条" {
			t.Errorf("total %q, want 共 0 条", got)
		}
	})

	t.Run("new resident: a wrong check digit is refused as you type", func(t *testing.T) {
		test.Tap(r.newBtn)
		f := r.form
		if f == nil || r.view != "form" {
			t.Fatal("新增 did not open the form")
		}
		if !f.save.Disabled() || !strings.Contains(f.reason.Text, "请填写姓名") {
			t.Errorf("empty form: save disabled %v, reason %q", f.save.Disabled(), f.reason.Text)
		}
		test.Type(f.name, "张菊花")
		wrong := id[:17] + map[bool]string{true: "1", false: "0"}[id[17] == '0']
		test.Type(f.idNumber, wrong)
		msg := f.msgs["id_number"]
		want := "身份证号校验位错误，应为 " + id[17:]
		if !msg.Visible() || msg.Text != want {
			t.Errorf("ID message %q (visible %v), want %q", msg.Text, msg.Visible(), want)
		}
		if !f.save.Disabled() {
			t.Error("保存 is enabled with a wrong ID number")
		}
		if !strings.Contains(f.reason.Text, want) {
			t.Errorf("reason %q does not say why 保存 is disabled", f.reason.Text)
		}
	})

	t.Run("fixing the ID shows birth date, sex and age", func(t *testing.T) {
		f := r.form
		f.idNumber.SetText("")
		test.Type(f.idNumber, id)
		if f.msgs["id_number"].Visible() {
			t.Errorf("message still shown: %q", f.msgs["id_number"].Text)
		}
		if got, want := f.derived.Text, "1944-03-05　男　82 岁"; got != want {
			t.Errorf("derived %q, want %q", got, want)
		}
		if !f.save.Disabled() || !strings.Contains(f.reason.Text, "请选择所属社区") {
			t.Errorf("without a community: save disabled %v, reason %q", f.save.Disabled(), f.reason.Text)
		}
		f.community.SetSelected("鹿苑社区")
		f.grid.SetSelected("第二网格")
		test.Type(f.phone, "1383520")
		if got := f.msgs["phone"].Text; got != "手机号应为 11 位，现在是 7 位" {
			t.Errorf("phone message %q", got)
		}
		test.Type(f.phone, "1234")
		f.tags.SetSelected([]string{"高龄", "独居"})
		test.Type(f.address, "鹿苑小区 3 号楼 2 单元 501")
		if f.save.Disabled() {
			t.Fatalf("保存 still disabled: %q", f.reason.Text)
		}
	})

	t.Run("Enter in the last field saves and keeps the record on screen", func(t *testing.T) {
		f := r.form
		test.Type(f.note, "独居老人，子女在外地")
		f.note.TypedKey(keyReturn)
		if got := s.shell.notice.Text; got != "已保存 张菊花" || !s.shell.noticeBar.Visible() {
			t.Errorf("confirmation %q (visible %v), want 已保存 张菊花", got, s.shell.noticeBar.Visible())
		}
		if r.view != "detail" || r.detail.r.Name != "张菊花" {
			t.Fatalf("after saving, view %q shows %q", r.view, r.detail.r.Name)
		}
		if got := r.detail.r.IDNumber; got != id {
			t.Errorf("detail shows ID %q, want the full %q", got, id)
		}
		if got := r.total.Text; got != "共 1 条" {
			t.Errorf("total %q, want 共 1 条", got)
		}
		for col, want := range map[int]string{1: "张菊花", 2: "男", 3: "82", 4: data.MaskIDNumber(id), 5: "138****1234",
			6: "鹿苑社区", 7: "第二网格", 9: "高龄、独居", 10: "在册", colOps: "查看 编辑"} {
			if got := r.cellText(0, col); got != want {
				t.Errorf("cell (0, %s) = %q, want %q", residentColumns[col].title, got, want)
			}
		}
		if len(r.detail.timeline) == 0 || !strings.Contains(r.detail.timeline[0].Title, "建立档案") {
			t.Errorf("timeline %v, want 建立档案", r.detail.timeline)
		}
	})

	t.Run("pinyin initials find the resident", func(t *testing.T) {
		r.showList()
		test.Type(r.query, "zjh")
		test.Tap(r.searchBtn)
		if got := r.total.Text; got != "共 1 条" || r.cellText(0, 1) != "张菊花" {
			t.Errorf("zjh: total %q, first %q", got, r.cellText(0, 1))
		}
		r.query.SetText("")
		test.Type(r.query, "wxy")
		test.Tap(r.searchBtn)
		if got := r.total.Text; got != "共 0 条" || !strings.Contains(r.empty.Text, "没有符合条件") {
			t.Errorf("wxy: total %q, empty %q", got, r.empty.Text)
		}
		test.Tap(r.resetBtn)
		if r.query.Text != "" || r.total.Text != "共 1 条" {
			t.Errorf("重置: query %q, total %q", r.query.Text, r.total.Text)
		}
	})

	t.Run("global search opens the resident", func(t *testing.T) {
		test.Type(s.shell.search, "zjh")
		s.shell.search.TypedKey(keyReturn)
		if len(s.shell.searchHits) != 1 || !strings.HasPrefix(s.shell.searchHits[0].Text, "张菊花") {
			t.Fatalf("search hits %d", len(s.shell.searchHits))
		}
		test.Tap(s.shell.searchHits[0])
		if r.view != "detail" || r.detail.r.Name != "张菊花" {
			t.Errorf("choosing the hit: view %q", r.view)
		}
	})

	t.Run("edit the phone", func(t *testing.T) {
		test.Tap(r.detail.edit)
		f := r.form
		if f == nil || f.name.Text != "张菊花" || f.derived.Text == "" {
			t.Fatal("编辑 did not open the filled form")
		}
		f.phone.SetText("")
		test.Type(f.phone, "13900001111")
		test.Tap(f.save)
		if r.view != "detail" || r.detail.r.Phone != "13900001111" {
			t.Errorf("after editing: view %q, phone %q", r.view, r.detail.r.Phone)
		}
		if got := r.cellText(0, 5); got != "139****1111" {
			t.Errorf("phone cell %q, want 139****1111", got)
		}
		if len(r.detail.timeline) < 2 || !strings.Contains(r.detail.timeline[0].Title, "修改档案") {
			t.Errorf("timeline does not show the change: %v", r.detail.timeline)
		}
	})

	t.Run("a second resident with the same ID number is refused", func(t *testing.T) {
		r.showList()
		test.Tap(r.newBtn)
		f := r.form
		test.Type(f.name, "张菊华")
		test.Type(f.idNumber, id)
		f.community.SetSelected("南关社区")
		test.Tap(f.save)
		msg := f.msgs["id_number"]
		if r.view != "form" || !msg.Visible() || !strings.HasPrefix(msg.Text, "身份证号已登记：张菊花（鹿苑社区") {
			t.Errorf("duplicate: view %q, message %q", r.view, msg.Text)
		}
		if got := r.total.Text; got != "共 1 条" {
			t.Errorf("total %q after the refused save", got)
		}
	})

	t.Run("Esc on a typed form asks first", func(t *testing.T) {
		r.form.onCancel()
		if s.dialog == nil || r.view != "form" {
			t.Fatal("no question before throwing away typed text")
		}
		s.CloseDialog()
		r.form.dirty = false
		r.OnEscape()
		if r.view != "list" {
			t.Errorf("view %q, want list", r.view)
		}
	})

	t.Run("void needs a reason and hides the resident", func(t *testing.T) {
		r.showDetail(r.rows[0].ID)
		test.Tap(r.detail.void)
		d := r.detail
		if d.voidConfirm == nil || !d.voidConfirm.Disabled() {
			t.Fatal("确认作废 must wait for a reason")
		}
		test.Type(d.voidReason, "重复建档")
		if d.voidConfirm.Disabled() {
			t.Fatal("确认作废 still disabled with a reason")
		}
		test.Tap(d.voidConfirm)
		if r.view != "list" || r.total.Text != "共 0 条" || !r.empty.Visible() {
			t.Errorf("after 作废: view %q, total %q", r.view, r.total.Text)
		}
		if got := s.shell.notice.Text; got != "已作废 张菊花" {
			t.Errorf("confirmation %q", got)
		}
	})
}

func TestResidentsPaging(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(s.Ctx(), false)
	for i := 0; i < 45; i++ {
		addResident(t, db, s.User, "居民"+string(rune('甲'+i)), time.Date(1930+i, 1, 1, 0, 0, 0, 0, time.UTC), 1+2*i, cs[0].ID)
	}
	r := residentsOf(t, s)
	bg := runInBackground(t, s)
	r.pageSize.SetSelected("20 条/页")
	bg.finishAll()
	if got := r.total.Text; got != "共 45 条" {
		t.Fatalf("total %q", got)
	}
	if len(r.rows) != 20 || r.page.Text != "第 1 / 3 页" || !r.prev.Disabled() {
		t.Errorf("first page: %d rows, %q, prev disabled %v", len(r.rows), r.page.Text, r.prev.Disabled())
	}
	test.Tap(r.next)
	bg.finishAll()
	test.Tap(r.next)
	bg.finishAll()
	if len(r.rows) != 5 || r.page.Text != "第 3 / 3 页" || !r.next.Disabled() || r.cellText(0, 0) != "41" {
		t.Errorf("last page: %d rows, %q, 序号 %q", len(r.rows), r.page.Text, r.cellText(0, 0))
	}
	// 年龄 sorts ascending: the youngest (born 1974) first.
	r.onSort(3)
	bg.finishAll()
	if got := r.cellText(0, 3); got != "52" || r.offset != 0 {
		t.Errorf("age ascending: first age %q", got)
	}
	r.onSort(3)
	bg.finishAll()
	if got := r.cellText(0, 3); got != "96" {
		t.Errorf("age descending: first age %q", got)
	}
	if got := r.headerText(3); got != "年龄 ▼" {
		t.Errorf("header %q", got)
	}

	// A slow page that finishes after a newer one is dropped: ascending is asked first,
	// descending second; the second finishes first.
	first := bg.started()
	r.onSort(3) // ascending
	r.onSort(3) // descending
	bg.finish(first + 1)
	if got := r.cellText(0, 3); got != "96" {
		t.Fatalf("the newer page: first age %q, want 96", got)
	}
	bg.finish(first)
	if got := r.cellText(0, 3); got != "96" || r.headerText(3) != "年龄 ▼" {
		t.Errorf("after the stale page came in: first age %q, header %q; want 96 and 年龄 ▼", got, r.headerText(3))
	}
}

func TestHousehold(t *testing.T) {
	s, db := loggedInShell(t)
	cs, _ := db.Communities(s.Ctx(), false)
	head := addResident(t, db, s.User, "赵德胜", time.Date(1948, 5, 1, 0, 0, 0, 0, time.UTC), 11, cs[0].ID)
	wife := addResident(t, db, s.User, "钱秀兰", time.Date(1950, 6, 1, 0, 0, 0, 0, time.UTC), 22, cs[0].ID)
	r := residentsOf(t, s)

	r.showDetail(head.ID)
	d := r.detail
	if d.makeHead.Disabled() || !d.leave.Disabled() {
		t.Fatal("a resident outside any household can be made 户主 and cannot leave")
	}
	test.Tap(d.makeHead)
	if d.r.Relation != "户主" || len(d.household.Members) != 1 {
		t.Fatalf("设为户主: relation %q, members %d", d.r.Relation, len(d.household.Members))
	}

	r.showDetail(wife.ID)
	test.Tap(d.join)
	test.Type(d.joinQuery, "赵德胜")
	d.joinQuery.TypedKey(keyReturn)
	if len(d.joinHits.Options) != 1 {
		t.Fatalf("join search found %d households", len(d.joinHits.Options))
	}
	d.joinHits.SetSelected(d.joinHits.Options[0])
	d.joinRelation.SetSelected("配偶")
	test.Tap(d.joinConfirm)
	if len(d.household.Members) != 2 || d.household.Members[0].Name != "赵德胜" || d.r.Relation != "配偶" {
		t.Fatalf("加入户: members %v, relation %q", d.household.Members, d.r.Relation)
	}

	test.Tap(d.leave)
	s.dialog.(interface{ Confirm() }).Confirm()
	if d.r.HouseholdID != 0 || !d.leave.Disabled() {
		t.Errorf("移出户: household %d", d.r.HouseholdID)
	}
}
