package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// Services and certifications export to XLSX and PDF in the inspector's form, every row
// the store holds, numbers masked, dates as date cells.
func TestCLIExportServicesAndCertifications(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	services, err := db.CountServices(ctx, data.ServiceFilter{})
	if err != nil || services == 0 {
		t.Fatalf("CountServices: %d, %v", services, err)
	}
	certs, err := db.CountCertifications(ctx, data.CertExportFilter{})
	if err != nil || certs == 0 {
		t.Fatalf("CountCertifications: %d, %v", certs, err)
	}
	overdue, err := db.CountCertifications(ctx, data.CertExportFilter{State: data.CertOverdue, Items: []string{data.ItemOldAgeAllowance}})
	db.Close()
	if err != nil || overdue == 0 || overdue == certs {
		t.Fatalf("overdue: %d of %d, %v; want some", overdue, certs, err)
	}

	read := func(name string) [][]string {
		t.Helper()
		x, err := excelize.OpenFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheet := x.GetSheetList()[0]
		rows, _ := x.GetRows(sheet)
		// 服务日期 / 最近认证日期 are date cells.
		if raw, _ := x.GetCellValue(sheet, "C4", excelize.Options{RawCellValue: true}); name == "services.xlsx" && strings.Contains(raw, "-") {
			t.Errorf("%s C4 holds %q, want a date serial", name, raw)
		}
		return rows
	}
	dataRows := func(rows [][]string) int {
		n := 0
		for _, r := range rows[3:] {
			if len(r) > 1 && r[1] != "" && r[0] != "" && !strings.HasPrefix(r[0], "共") {
				n++
			}
		}
		return n
	}

	code, stdout, errs := runCLI(t, "export", "services", "--db", path, "--out", filepath.Join(dir, "services.xlsx"))
	if code != 0 {
		t.Fatalf("export services: exit %d, %s", code, errs)
	}
	if !strings.Contains(stdout, "上门服务台账 "+groupDigits(services)+" 条") {
		t.Errorf("stdout %q, want %d rows", stdout, services)
	}
	rows := read("services.xlsx")
	if got := dataRows(rows); got != services {
		t.Errorf("services.xlsx: %d rows, want %d", got, services)
	}
	if !strings.Contains(rows[0][0], "上门服务台账") || rows[2][2] != "服务日期" {
		t.Errorf("services.xlsx head: %q / %q", rows[0], rows[2])
	}
	for _, r := range rows[3 : 3+services] {
		if len(r) > 6 && r[6] != "" && !strings.Contains(r[6], "**********") {
			t.Fatalf("ID number not masked: %q", r)
		}
	}

	if code, _, errs := runCLI(t, "export", "certifications", "--db", path, "--out", filepath.Join(dir, "certs.xlsx")); code != 0 {
		t.Fatalf("export certifications: %s", errs)
	}
	if got := dataRows(read("certs.xlsx")); got != certs {
		t.Errorf("certs.xlsx: %d rows, want %d", got, certs)
	}
	code, stdout, errs = runCLI(t, "export", "certifications", "--db", path, "--out", filepath.Join(dir, "overdue.xlsx"),
		"--category", data.ItemOldAgeAllowance, "--status", "逾期未认证")
	if code != 0 {
		t.Fatalf("export overdue: %s", errs)
	}
	rows = read("overdue.xlsx")
	if got := dataRows(rows); got != overdue {
		t.Errorf("overdue.xlsx: %d rows, want %d (%s)", got, overdue, stdout)
	}
	for _, r := range rows[3 : 3+overdue] {
		if r[10] != "逾期未认证" || r[1] != data.ItemOldAgeAllowance {
			t.Fatalf("row %q is not an overdue %s", r, data.ItemOldAgeAllowance)
		}
	}

	for _, c := range [][]string{{"services", "services.pdf", "上门服务台账"}, {"certifications", "certs.pdf", "定期认证台账"}} {
		out := filepath.Join(dir, c[1])
		if code, _, errs := runCLI(t, "export", c[0], "--db", path, "--out", out); code != 0 {
			t.Fatalf("export %s pdf: %s", c[0], errs)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			b, err := exec.Command("pdftotext", "-layout", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if text := string(b); !strings.Contains(text, "第 1 页 共") || !strings.Contains(text, c[2]) {
				t.Errorf("%s lacks its title or page numbers", c[1])
			}
		}
	}

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "services", "--db", path, "--out", filepath.Join(dir, "x.xlsx"), "--status", "完成"}, exitUsage, "已办结"},
		{[]string{"export", "certifications", "--db", path, "--out", filepath.Join(dir, "x.xlsx"), "--from", "2026-01-01"}, exitUsage, "--from"},
		{[]string{"export", "certifications", "--db", path, "--out", filepath.Join(dir, "x.xlsx"), "--category", "植树"}, exitFail, "植树"},
	} {
		if code, _, errs := runCLI(t, c.args...); code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%q: exit %d, %q; want %d with %q", c.args, code, errs, c.code, c.msg)
		}
	}
}
