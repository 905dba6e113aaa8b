package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/reports"
)

// 导出 on the services ledger and on the 定期认证 tab export what they list, in both formats.
func TestExportServicesAndCertificationsFromScreens(t *testing.T) {
	s, db := demoShell(t, 0)
	s.shell.Show(ScreenServices)
	sc := s.shell.Screen(ScreenServices).(*servicesScreen)
	sc.onExport()
	if s.dialog == nil {
		t.Fatal("导出 on the services ledger showed nothing")
	}
	s.CloseDialog()

	services, err := db.CountServices(s.Ctx(), data.ServiceFilter{})
	if err != nil || services == 0 {
		t.Fatalf("CountServices: %d, %v", services, err)
	}
	item := data.ItemOldAgeAllowance
	cf := data.CertExportFilter{Items: []string{item}, State: data.CertPending}
	pending, err := db.CountCertifications(s.Ctx(), cf)
	if err != nil || pending == 0 {
		t.Fatalf("CountCertifications: %d, %v", pending, err)
	}
	for _, c := range []struct {
		e    ledgerExport
		want int
	}{
		{serviceExport(s, data.ServiceFilter{}, ""), services},
		{certExport(s, cf, item, ""), pending},
	} {
		d := s.showExport(c.e)
		if d.dlg == nil || !strings.Contains(d.scope.Text, groupDigits(c.want)+" 条") {
			t.Errorf("%s dialog: %q, want %d", c.e.Title, d.scope.Text, c.want)
		}
		s.CloseDialog()
		for _, format := range []reports.Format{reports.FormatXLSX, reports.FormatPDF} {
			path := filepath.Join(t.TempDir(), "ledger."+format.String())
			w, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			r := s.runExport(c.e, w, filepath.Base(path), format, false)
			if !r.done || r.err != nil || r.rows != c.want {
				t.Errorf("%s %s: %d rows, %v; want %d", c.e.Title, format, r.rows, r.err, c.want)
			}
		}
	}
	if got := certExport(s, cf, item, "").Name; !strings.Contains(got, item+"定期认证台账") {
		t.Errorf("file name %q", got)
	}
}
