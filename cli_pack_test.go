package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"taizhang/data/sqlite"
	"taizhang/reports/pack"
)

// The inspection pack holds every ledger in both formats, the summary, the signed
// documents and a manifest that sha256sum -c verifies, and that fails once a file changes.
func TestCLIPack(t *testing.T) {
	path := demoDB(t)
	dir := filepath.Join(t.TempDir(), "迎检包2026三季度")
	code, out, errs := runCLI(t, "pack", "--db", path, "--user", "admin", "--out", dir, "--from", "2026-07-01", "--to", "2026-09-30")
	if code != 0 || !strings.Contains(out, "迎检包已写入") {
		t.Fatalf("pack: exit %d\n%s%s", code, out, errs)
	}
	for _, name := range []string{"01 问题整改台账.xlsx", "01 问题整改台账.pdf", "02 上门服务台账.xlsx", "02 上门服务台账.pdf",
		"03 定期认证台账.xlsx", "03 定期认证台账.pdf", "04 行政文书台账.xlsx", "04 行政文书台账.pdf", "05 居民花名册.xlsx",
		"05 居民花名册.pdf", "06 问题整改情况汇总表.xlsx", pack.DescriptionName, pack.ManifestName} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	docs, _ := os.ReadDir(filepath.Join(dir, "文书"))
	if len(docs) == 0 {
		t.Error("no signed documents in the pack")
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, pack.ManifestName))
	if n := strings.Count(string(manifest), "\n"); n != 12+len(docs) {
		t.Errorf("manifest lists %d files, want %d", n, 12+len(docs))
	}
	desc, _ := os.ReadFile(filepath.Join(dir, pack.DescriptionName))
	if !strings.Contains(string(desc), "迎检期间：2026年7月1日至2026年9月30日") || !strings.Contains(string(desc), "审计日志：截至第 ") {
		t.Errorf("description:\n%s", desc)
	}
	// Every ledger of the pack names the audit head it was made at, in its footer.
	db, err := openStore(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	head := db.HeadLine(context.Background())
	db.Close()
	x, err := excelize.OpenFile(filepath.Join(dir, "05 居民花名册.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	x.Close()
	var foot string
	for _, r := range rows[max(len(rows)-4, 0):] {
		foot += strings.Join(r, "") + "\n"
	}
	if head == "" || !strings.Contains(foot, "导出时的审计记录："+head) {
		t.Errorf("the roster's footer lacks the audit head %q:\n%s", head, foot)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum not installed")
	}
	check := exec.Command("sha256sum", "--strict", "-c", pack.ManifestName)
	check.Dir = dir
	check.Env = append(os.Environ(), "LC_ALL=C") // sha256sum's own words, whatever the locale
	if b, err := check.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, b)
	}
	// One byte changed in a ledger: the check fails and names it.
	f := filepath.Join(dir, "01 问题整改台账.pdf")
	b, _ := os.ReadFile(f)
	b[len(b)/2] ^= 1
	os.WriteFile(f, b, 0o644)
	check = exec.Command("sha256sum", "-c", pack.ManifestName)
	check.Dir = dir
	check.Env = append(os.Environ(), "LC_ALL=C") // sha256sum's own words, whatever the locale
	if b, err := check.CombinedOutput(); err == nil || !strings.Contains(string(b), "01 问题整改台账.pdf: FAILED") {
		t.Errorf("a changed file passed: %v\n%s", err, b)
	}

	// A folder that is not empty is refused; so is a period the wrong way round.
	if code, _, errs := runCLI(t, "pack", "--db", path, "--user", "admin", "--out", dir, "--from", "2026-07-01", "--to", "2026-09-30"); code != exitFail || !strings.Contains(errs, "不是空的") {
		t.Errorf("non-empty folder: exit %d, %s", code, errs)
	}
	if code, _, _ := runCLI(t, "pack", "--db", path, "--out", t.TempDir()+"/x", "--from", "2026-09-30", "--to", "2026-07-01"); code != exitUsage {
		t.Errorf("period reversed: exit %d", code)
	}
}
