package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
	"taizhang/reports/pack"
)

// The statistics screen shows the services, certifications and documents too; 迎检包 on it asks for a place, and the pack it makes holds its manifest.
func TestPackFromStatsScreen(t *testing.T) {
	s, _ := demoShell(t, 0)
	sc := statsOf(t, s)
	sc.period.SetSelected(periodYear)
	sc.onQuery()
	if !strings.Contains(sc.others.Text, "上门服务 ") || !strings.Contains(sc.others.Text, "定期认证（截至 ") ||
		!strings.Contains(sc.others.Text, "行政文书：签发 ") {
		t.Errorf("the other ledgers' figures: %q", sc.others.Text)
	}
	sc.onPack()
	if s.dialog == nil {
		t.Fatal("迎检包 showed nothing")
	}
	s.CloseDialog()
	dir := filepath.Join(t.TempDir(), "迎检包")
	s.makePack(dir, data.MustDate(2026, 1, 1), data.MustDate(2026, 6, 30), false)
	m, err := os.ReadFile(filepath.Join(dir, pack.ManifestName))
	if err != nil || !strings.Contains(string(m), "  01 问题整改台账.xlsx\n") {
		t.Fatalf("manifest: %v\n%s", err, m)
	}
	if s.dialog == nil {
		t.Error("no message saying where the pack went")
	}
}
