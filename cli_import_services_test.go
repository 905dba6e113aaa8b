package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// A certification register imported completes the cycle of each resident it names; a
// services ledger brings its residents by ID number; the same files again add nothing.
func TestCLIImportServicesAndCertifications(t *testing.T) {
	path := demoDB(t) // today 2026-11-23: the cycle is 2026年第四季度
	ctx := context.Background()
	db, _, err := accountDB(ctx, path, "admin", io.Discard) // the ID numbers need the key
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.Certifications(ctx, data.CertFilter{Item: data.ItemOldAgeAllowance, State: data.CertPending, Limit: 3})
	if err != nil || len(list.Rows) < 3 {
		t.Fatalf("pending: %d, %v", len(list.Rows), err)
	}
	before, _, err := db.CertCounts(ctx, data.ItemOldAgeAllowance, 0, data.Date{})
	services, _ := db.CountServices(ctx, data.ServiceFilter{})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	p := list.Rows
	dir := t.TempDir()
	register := filepath.Join(dir, "高龄津贴认证登记表.csv")
	os.WriteFile(register, []byte("2026年第四季度高龄津贴认证登记表\n序号,姓名,身份证号,认证事项,认证日期,认证人\n"+
		"1,"+p[0].Name+","+p[0].IDNumber+",高龄津贴认证,2026年11月2日,王芳\n"+
		"2,"+p[1].Name+","+p[1].IDNumber+",高龄津贴认证,2026/11/3,王芳\n"), 0o644)
	code, out, errs := runCLI(t, "import", "certifications", "--user", "admin", "--db", path, "--in", register)
	if code != 0 || !strings.Contains(out, "已导入 2 条记录") {
		t.Fatalf("import certifications: exit %d\n%s%s", code, out, errs)
	}
	ledger := filepath.Join(dir, "上门服务台账.csv")
	os.WriteFile(ledger, []byte("服务日期,服务类型,服务事项,服务对象,身份证号,服务人员,服务内容,办理结果,当场办结\n"+
		"2026-11-05,上门办,残疾人证办理,"+p[2].Name+","+p[2].IDNumber+",赵强,上门采集照片和材料,已办结,是\n"), 0o644)
	if code, out, errs := runCLI(t, "import", "services", "--user", "admin", "--db", path, "--in", ledger); code != 0 || !strings.Contains(out, "已导入 1 条记录") {
		t.Fatalf("import services: exit %d\n%s%s", code, out, errs)
	}

	db, err = openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	after, _, err := db.CertCounts(ctx, data.ItemOldAgeAllowance, 0, data.Date{})
	n, _ := db.CountServices(ctx, data.ServiceFilter{})
	rows, _, _ := db.ListServices(ctx, data.ServiceFilter{ResidentID: p[2].ResidentID})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if after[data.CertCertified] != before[data.CertCertified]+2 {
		t.Errorf("certified: %d before, %d after; want 2 more", before[data.CertCertified], after[data.CertCertified])
	}
	if n != services+3 {
		t.Errorf("services: %d, want %d", n, services+3)
	}
	if len(rows) == 0 || rows[0].Item != "残疾人证办理" || !rows[0].OnTheSpot || rows[0].StaffNames != "赵强" {
		t.Errorf("imported service: %+v", rows)
	}

	for _, c := range [][]string{{"certifications", register}, {"services", ledger}} {
		if code, out, errs := runCLI(t, "import", c[0], "--user", "admin", "--db", path, "--in", c[1]); code != 0 || !strings.Contains(out, "已导入 0 条记录") {
			t.Errorf("%s again: exit %d\n%s%s", c[0], code, out, errs)
		}
	}

	// An unknown ID number, a name that does not match and an unknown item are each reported.
	bad := filepath.Join(dir, "有误.csv")
	os.WriteFile(bad, []byte("服务日期,服务事项,服务对象,身份证号,服务人员,服务内容\n"+
		"2026-11-05,修自行车,"+p[0].Name+","+p[0].IDNumber+",赵强,修车\n"+
		"2026-11-06,上门办理,李四,"+p[1].IDNumber+",赵强,办理\n"+
		"2026-11-06,残疾人证办理,某人,110101199003074514,赵强,办理\n"), 0o644)
	code, _, errs = runCLI(t, "import", "services", "--user", "admin", "--db", path, "--in", bad)
	for _, want := range []string{"第 2 行 · 服务事项 · “修自行车”不在本单位的服务事项目录中", "第 3 行 · 服务对象 · 与身份证号", "第 4 行 · 身份证号 · 没有这个身份证号的居民档案"} {
		if !strings.Contains(errs, want) {
			t.Errorf("problems lack %q:\n%s", want, errs)
		}
	}
	if code != exitFail {
		t.Errorf("exit %d", code)
	}
}
