package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite/dbtest"
)

// clock is a fixed test clock that tests can move.
var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// newTestDB opens a real database file in t.TempDir, runs the set-up and returns it with a
// context acting as the administrator.
func newTestDB(t *testing.T) (*DB, context.Context) {
	t.Helper()
	db, err := Open(dbtest.Location(t, "taizhang.db"), Options{Renderer: testRenderer})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return testNow }
	db.BcryptCost = 4
	admin, err := db.RunSetup(context.Background(), data.Setup{
		Office:        data.Office{Name: "平城区鹿苑街道办事处", Government: "平城区人民政府", Court: "平城区人民法院"},
		Communities:   []string{"古城社区", "东关社区"},
		Grids:         map[string][]string{"古城社区": {"第一网格", "第二网格"}},
		AdminUsername: "admin", AdminName: "李管理", AdminPassword: "secret123",
	})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	return db, data.NewContextWithUser(context.Background(), admin)
}

func idn(year, month, day, seq int) string {
	return data.MakeIDNumber("140202", time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), seq)
}

func communityID(t *testing.T, db *DB, name string) int64 {
	t.Helper()
	cs, err := db.Communities(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c.ID
		}
	}
	t.Fatalf("no community %s", name)
	return 0
}

func wantMessage(t *testing.T, err error, kind error, contains string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", contains)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("got %v, want kind %v", err, kind)
	}
	if !strings.Contains(data.Message(err), contains) {
		t.Errorf("got message %q, want it to contain %q", data.Message(err), contains)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dbtest.FileOnly(t)
	dir := t.TempDir()
	t.Run("not a database", func(t *testing.T) {
		p := filepath.Join(dir, "notes.db")
		os.WriteFile(p, []byte("这是一份会议记录，不是数据库。"), 0o644)
		_, err := Open(p, Options{Renderer: testRenderer})
		wantMessage(t, err, data.ErrInvalid, "不是台账数据库文件")
		if b, _ := os.ReadFile(p); !strings.HasPrefix(string(b), "这是") {
			t.Error("the file was changed")
		}
	})
	t.Run("newer version", func(t *testing.T) {
		db, _ := newTestDB(t)
		p := db.Path()
		db.SQL().Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '')")
		db.Close()
		_, err := Open(p, Options{Renderer: testRenderer})
		wantMessage(t, err, data.ErrInvalid, "更新版本的台账程序")
	})
	t.Run("someone else's sqlite", func(t *testing.T) {
		p := filepath.Join(dir, "other.db")
		db, err := Open(p, Options{Renderer: testRenderer})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		// Strip our identity: another program's database.
		raw, _ := openLocked(p)
		raw.db.Exec("PRAGMA application_id = 0")
		raw.db.Close()
		_, err = Open(p, Options{Renderer: testRenderer})
		wantMessage(t, err, data.ErrInvalid, "不是台账的数据库")
	})
	t.Run("read-only missing", func(t *testing.T) {
		_, err := Open(filepath.Join(dir, "missing.db"), Options{ReadOnly: true, Renderer: testRenderer})
		wantMessage(t, err, data.ErrNotFound, "找不到数据库文件")
	})
}

func TestSecondWriterRefused(t *testing.T) {
	dbtest.FileOnly(t)
	db, _ := newTestDB(t)
	_, err := Open(db.Path(), Options{Renderer: testRenderer})
	wantMessage(t, err, data.ErrConflict, "正在被使用")
	// Readers work beside the writer.
	ro, err := Open(db.Path(), Options{ReadOnly: true, Renderer: testRenderer})
	if err != nil {
		t.Fatalf("read-only open beside writer: %v", err)
	}
	ro.Close()
	db.Close()
	again, err := Open(db.Path(), Options{Renderer: testRenderer})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	again.Close()
}

func TestSetupAndLogin(t *testing.T) {
	db, ctx := newTestDB(t)
	if need, _ := db.SetupNeeded(ctx); need {
		t.Fatal("setup still needed after RunSetup")
	}
	_, err := db.RunSetup(ctx, data.Setup{Office: data.Office{Name: "x"}, Communities: []string{"a"}, AdminPassword: "secret123"})
	wantMessage(t, err, data.ErrConflict, "不能重复")

	o, _ := db.Office(ctx)
	if o.Name != "平城区鹿苑街道办事处" || o.Court != "平城区人民法院" {
		t.Errorf("got office %+v", o)
	}
	u, err := db.Login(context.Background(), "admin", "secret123")
	if err != nil || u.Role != data.RoleAdmin {
		t.Fatalf("login: %v %+v", err, u)
	}
	var hash string
	db.SQL().QueryRow("SELECT password_hash FROM users WHERE username = 'admin'").Scan(&hash)
	if strings.Contains(hash, "secret123") || !strings.HasPrefix(hash, "$2") {
		t.Errorf("password not hashed with bcrypt: %q", hash)
	}

	t.Run("lock-out after repeated failures", func(t *testing.T) {
		for i := 1; i < data.MaxLoginFailures; i++ {
			_, err := db.Login(context.Background(), "admin", "wrong")
			wantMessage(t, err, data.ErrUnauthorized, "不正确")
		}
		_, err := db.Login(context.Background(), "admin", "wrong")
		wantMessage(t, err, data.ErrUnauthorized, "已锁定")
		_, err = db.Login(context.Background(), "admin", "secret123")
		wantMessage(t, err, data.ErrUnauthorized, "已锁定")
		later := testNow.Add(data.LockoutDuration + time.Minute)
		db.Now = func() time.Time { return later }
		defer func() { db.Now = func() time.Time { return testNow } }()
		if _, err := db.Login(context.Background(), "admin", "secret123"); err != nil {
			t.Fatalf("login after lock-out expired: %v", err)
		}
	})

	t.Run("clerk cannot manage users", func(t *testing.T) {
		clerk := &data.User{Username: "wang", Name: "王网格", Role: data.RoleClerk}
		if err := db.CreateUser(ctx, clerk, "grid2026a"); err != nil {
			t.Fatal(err)
		}
		cctx := data.NewContextWithUser(context.Background(), clerk)
		err := db.CreateUser(cctx, &data.User{Username: "x", Name: "x", Role: data.RoleAdmin}, "abcdefg12")
		wantMessage(t, err, data.ErrForbidden, "没有此项权限")
		err = db.SaveOffice(cctx, data.Office{Name: "改名"})
		wantMessage(t, err, data.ErrForbidden, "没有此项权限")
		err = db.UpdateUser(ctx, data.User{ID: 1, Name: "李管理", Role: data.RoleClerk})
		wantMessage(t, err, data.ErrConflict, "唯一的管理员")
	})
	t.Run("weak password", func(t *testing.T) {
		err := db.CreateUser(ctx, &data.User{Username: "y", Name: "y", Role: data.RoleClerk}, "123")
		wantMessage(t, err, data.ErrInvalid, "至少 8 位")
	})
	t.Run("no user", func(t *testing.T) {
		_, err := db.AddCommunity(context.Background(), "新社区")
		wantMessage(t, err, data.ErrUnauthorized, "请先登录")
	})
}

func TestResidents(t *testing.T) {
	db, ctx := newTestDB(t)
	gucheng := communityID(t, db, "古城社区")
	r := &data.Resident{Name: "张菊花", IDNumber: idn(1941, 6, 2, 124), Phone: "13912345678",
		Address: "古城街12号院3号楼", CommunityID: gucheng, Tags: []string{"高龄", "独居", "高龄"}}
	if err := db.CreateResident(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := db.Resident(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sex() != "女" || got.Birth.Format("2006-01-02") != "1941-06-02" || got.Age(testNow) != 85 {
		t.Errorf("derived fields: sex %s birth %s age %d", got.Sex(), got.Birth.Format("2006-01-02"), got.Age(testNow))
	}
	if strings.Join(got.Tags, ",") != "高龄,独居" || got.CommunityName != "古城社区" {
		t.Errorf("got tags %v community %q", got.Tags, got.CommunityName)
	}

	t.Run("duplicate ID refused with pointer", func(t *testing.T) {
		dup := &data.Resident{Name: "张菊", IDNumber: r.IDNumber, CommunityID: gucheng}
		err := db.CreateResident(ctx, dup)
		wantMessage(t, err, data.ErrConflict, "身份证号已登记：张菊花（古城社区")
	})
	t.Run("bad input changes nothing", func(t *testing.T) {
		before := countRows(t, db, "residents") + countRows(t, db, "audit_log")
		cases := []struct {
			r    data.Resident
			want string
		}{
			{data.Resident{Name: "", IDNumber: idn(1950, 1, 1, 11), CommunityID: gucheng}, "请填写姓名"},
			{data.Resident{Name: "李四", IDNumber: wrongCheck(idn(1950, 1, 1, 11)), CommunityID: gucheng}, "校验位错误"},
			{data.Resident{Name: "李四", IDNumber: idn(1950, 1, 1, 11), CommunityID: 999}, "社区不存在"},
			{data.Resident{Name: strings.Repeat("长", 40), IDNumber: idn(1950, 1, 1, 11), CommunityID: gucheng}, "姓名过长"},
			{data.Resident{Name: "李四", IDNumber: idn(1950, 1, 1, 11), CommunityID: gucheng, Phone: "1391234"}, "手机号应为 11 位"},
		}
		for _, c := range cases {
			err := db.CreateResident(ctx, &c.r)
			wantMessage(t, err, nil, c.want)
		}
		if after := countRows(t, db, "residents") + countRows(t, db, "audit_log"); after != before {
			t.Errorf("rows changed: %d → %d", before, after)
		}
	})

	more := []data.Resident{
		{Name: "王建国", IDNumber: idn(1950, 10, 1, 131), Phone: "13800001111", Address: "东关大街5号", CommunityID: communityID(t, db, "东关社区")},
		{Name: "单晓明", IDNumber: idn(1988, 2, 3, 141), Phone: "0352-6012345", Address: "古城街8号", CommunityID: gucheng},
	}
	for i := range more {
		if err := db.CreateResident(ctx, &more[i]); err != nil {
			t.Fatal(err)
		}
	}
	search := []struct{ q, want string }{
		{"张菊花", "张菊花"}, {"zjh", "张菊花"}, {"zj", "张菊花"}, {"张", "张菊花"},
		{r.IDNumber[10:16], "张菊花"}, {"0000111", "王建国"}, {"东关大街", "王建国"}, {"sxm", "单晓明"},
		{"wjg", "王建国"},
	}
	for _, s := range search {
		t.Run("search "+s.q, func(t *testing.T) {
			rs, err := db.SearchResidents(ctx, s.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) == 0 || rs[0].Name != s.want {
				t.Fatalf("got %v, want %s first", names(rs), s.want)
			}
		})
	}

	t.Run("update keeps before and after in the audit log", func(t *testing.T) {
		r.Phone = "13700002222"
		if err := db.UpdateResident(ctx, r); err != nil {
			t.Fatal(err)
		}
		es, _ := db.ListAudit(ctx, data.AuditFilter{Table: "residents", RecordID: r.ID})
		if len(es) < 2 || es[0].Action != "update" || !strings.Contains(es[0].Before, "13912345678") || !strings.Contains(es[0].After, "13700002222") {
			t.Fatalf("got audit %+v", es)
		}
		tl, _ := db.ResidentTimeline(ctx, r.ID)
		if len(tl) < 2 || !strings.Contains(tl[0].Title, "修改档案") {
			t.Errorf("timeline %+v", tl)
		}
	})

	t.Run("filters and total", func(t *testing.T) {
		rs, total, err := db.ListResidents(ctx, data.ResidentFilter{CommunityID: gucheng})
		if err != nil || total != 2 || len(rs) != 2 {
			t.Fatalf("got %d/%d %v", len(rs), total, err)
		}
		_, total, _ = db.ListResidents(ctx, data.ResidentFilter{Tag: "独居"})
		if total != 1 {
			t.Errorf("tag filter: got %d, want 1", total)
		}
		_, total, _ = db.ListResidents(ctx, data.ResidentFilter{MinAge: 80})
		if total != 1 {
			t.Errorf("age filter: got %d, want 1", total)
		}
	})

	t.Run("household", func(t *testing.T) {
		hid, err := db.StartHousehold(ctx, more[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.JoinHousehold(ctx, r.ID, hid, "配偶"); err != nil {
			t.Fatal(err)
		}
		err = db.JoinHousehold(ctx, more[1].ID, hid, "户主")
		wantMessage(t, err, data.ErrConflict, "已有户主")
		h, _ := db.Household(ctx, hid)
		if len(h.Members) != 2 || h.Members[0].Name != "王建国" {
			t.Errorf("got members %v", names(h.Members))
		}
	})

	t.Run("void hides and frees the ID number", func(t *testing.T) {
		err := db.VoidResident(ctx, more[1].ID, "")
		wantMessage(t, err, data.ErrInvalid, "作废原因")
		if err := db.VoidResident(ctx, more[1].ID, "重复建档"); err != nil {
			t.Fatal(err)
		}
		rs, _ := db.SearchResidents(ctx, "sxm", 10)
		if len(rs) != 0 {
			t.Errorf("voided resident still listed: %v", names(rs))
		}
		v, _ := db.Resident(ctx, more[1].ID)
		if !v.Voided || v.VoidReason != "重复建档" {
			t.Errorf("got %+v", v)
		}
		err = db.UpdateResident(ctx, &v)
		wantMessage(t, err, data.ErrConflict, "已作废")
		if countRowsWhere(t, db, "residents", "id = ?", more[1].ID) != 1 {
			t.Error("voided resident was deleted")
		}
	})
}

// wrongCheck replaces the check digit of a valid ID number with a wrong one.
func wrongCheck(n string) string {
	if n[17] == '0' {
		return n[:17] + "1"
	}
	return n[:17] + "0"
}

func names(rs []data.Resident) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func countRows(t *testing.T, db *DB, table string) int {
	t.Helper()
	return countRowsWhere(t, db, table, "1 = 1")
}

func countRowsWhere(t *testing.T, db *DB, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM "+table+" WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAuditChainDetectsTampering(t *testing.T) {
	setup := func(t *testing.T) (*DB, context.Context) {
		db, ctx := newTestDB(t)
		for i := 0; i < 5; i++ {
			r := &data.Resident{Name: "居民" + string(rune('甲'+i)), IDNumber: idn(1960, 1, 1+i, 10+i), CommunityID: communityID(t, db, "古城社区")}
			if err := db.CreateResident(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		probs, n, err := db.VerifyAudit(ctx)
		if err != nil || len(probs) != 0 || n == 0 {
			t.Fatalf("fresh chain: %v %v %d", probs, err, n)
		}
		return db, ctx
	}
	mid := func(db *DB) int64 {
		var id int64
		db.SQL().QueryRow("SELECT id FROM audit_log WHERE action = 'create' AND table_name = 'residents' ORDER BY id LIMIT 1 OFFSET 2").Scan(&id)
		return id
	}
	cases := []struct {
		name   string
		tamper func(db *DB, id int64)
		want   string
	}{
		{"edited", func(db *DB, id int64) {
			db.SQL().Exec("UPDATE audit_log SET after = replace(after, '居民', '某人') WHERE id = ?", id)
		}, "条内容被改动"},
		{"removed", func(db *DB, id int64) { db.SQL().Exec("DELETE FROM audit_log WHERE id = ?", id) }, "缺少第"},
		{"reordered", func(db *DB, id int64) {
			db.SQL().Exec("UPDATE audit_log SET id = -1 WHERE id = ?", id)
			db.SQL().Exec("UPDATE audit_log SET id = ? WHERE id = ?", id, id+1)
			db.SQL().Exec("UPDATE audit_log SET id = ? WHERE id = -1", id+1)
		}, "接不上"},
		{"tail removed", func(db *DB, id int64) {
			db.SQL().Exec("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
		}, "末尾不完整"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, ctx := setup(t)
			id := mid(db)
			c.tamper(db, id)
			rep, err := db.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			joined := strings.Join(rep.Problems, "\n")
			if !strings.Contains(joined, c.want) {
				t.Fatalf("got problems %q, want one containing %q", joined, c.want)
			}
		})
	}
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	dbtest.FileOnly(t)
	db, ctx := newTestDB(t)
	r := &data.Resident{Name: "赵六", IDNumber: idn(1939, 5, 5, 151), CommunityID: communityID(t, db, "古城社区")}
	if err := db.CreateResident(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAttachment(ctx, "residents", r.ID, "照片.png", pngBytes); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "备份.db")
	if err := db.Backup(ctx, bak); err != nil {
		t.Fatalf("backup: %v", err)
	}
	// Change after the backup, then restore: the change must be gone.
	db.VoidResident(ctx, r.ID, "测试作废")
	path := db.Path()

	_, err := Restore(ctx, path, bak)
	wantMessage(t, err, data.ErrConflict, "正在被使用")
	db.Close()

	t.Run("corrupt backup refused, nothing changed", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "坏备份.db")
		b, _ := os.ReadFile(bak)
		for i := 4096; i < len(b) && i < 4096*3; i++ {
			b[i] ^= 0x5a
		}
		os.WriteFile(bad, b, 0o644)
		_, err := Restore(ctx, path, bad)
		if err == nil {
			t.Fatal("corrupt backup accepted")
		}
		notdb := filepath.Join(t.TempDir(), "x.db")
		os.WriteFile(notdb, []byte("hello"), 0o644)
		_, err = Restore(ctx, path, notdb)
		wantMessage(t, err, data.ErrInvalid, "不是台账数据库文件")
	})

	kept, err := Restore(ctx, path, bak)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the replaced database was not kept: %v", err)
	}
	db2, err := Open(path, Options{Renderer: testRenderer})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	got, err := db2.Resident(ctx, r.ID)
	if err != nil || got.Voided || got.Name != "赵六" {
		t.Fatalf("after restore: %+v %v", got, err)
	}
	as, _ := db2.Attachments(ctx, "residents", r.ID)
	if len(as) != 1 {
		t.Fatalf("attachments after restore: %d", len(as))
	}
	rep, err := db2.Check(ctx)
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check after restore: %v %v", rep.Problems, err)
	}
}

func TestAutoBackupRotates(t *testing.T) {
	dbtest.FileOnly(t)
	db, ctx := newTestDB(t)
	tx := func(fn func(*Tx) error) {
		if err := db.Write(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	tx(func(tx *Tx) error { return tx.SetSetting(keyBackupKeep, "3") })
	for i := 0; i < 5; i++ {
		at := testNow.Add(time.Duration(i) * time.Hour)
		db.Now = func() time.Time { return at }
		if _, err := db.AutoBackup(ctx, true); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := Backups(db.Path())
	if len(list) != 3 {
		t.Fatalf("got %d backups, want 3", len(list))
	}
	// Not forced and the newest is recent: nothing new.
	if out, _ := db.AutoBackup(ctx, false); out != "" {
		t.Errorf("daily backup written again within a day: %s", out)
	}
	if b, err := NewestGoodBackup(ctx, db.Path()); err != nil || b.Path != list[0].Path {
		t.Errorf("newest good backup: %v %v", b, err)
	}
}

// A 1×1 PNG.
var pngBytes = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}

func TestAttachments(t *testing.T) {
	db, ctx := newTestDB(t)
	_, err := db.AddAttachment(ctx, "residents", 1, "说明.txt", []byte("纯文本，不是图片"))
	wantMessage(t, err, data.ErrInvalid, "不是图片或 PDF")
	_, err = db.AddAttachment(ctx, "residents", 1, "大图.png", append(pngBytes, make([]byte, data.MaxAttachmentSize)...))
	wantMessage(t, err, data.ErrInvalid, "超过了 20 MB")
	a, err := db.AddAttachment(ctx, "residents", 1, "/home/x/现场照片.png", pngBytes)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "现场照片.png" || a.MIME != "image/png" {
		t.Errorf("got %+v", a)
	}
	b, _ := db.AttachmentContent(ctx, a.ID)
	if string(b) != string(pngBytes) {
		t.Error("content differs")
	}
	if err := db.VoidAttachment(ctx, a.ID, "拍错了"); err != nil {
		t.Fatal(err)
	}
	if as, _ := db.Attachments(ctx, "residents", 1); len(as) != 0 {
		t.Errorf("voided attachment listed")
	}
}
