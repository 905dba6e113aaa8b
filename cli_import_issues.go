package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// importIssues imports an old issue ledger or a 12345 export and says what it did.
func importIssues(ctx context.Context, db *sqlite.DB, rows []data.SheetRow, in, reportPath string, opt data.IssueImportOptions,
	stdout, stderr io.Writer) error {
	rep, ierr := db.ImportIssues(ctx, rows, opt)
	ledger, unit := "问题整改台账", "个问题"
	if opt.Hotline {
		ledger, unit = "12345热线工单", "张工单"
	}
	return importReport(ctx, db, rep, ierr, in, reportPath, ledger, unit, stdout, stderr)
}

// importServices imports a services ledger or a certification register.
func importServices(ctx context.Context, db *sqlite.DB, rows []data.SheetRow, in, reportPath string, opt data.ServiceImportOptions,
	stdout, stderr io.Writer) error {
	rep, ierr := db.ImportServices(ctx, rows, opt)
	ledger := "上门服务台账"
	if opt.Certifications {
		ledger = "认证登记表"
	}
	return importReport(ctx, db, rep, ierr, in, reportPath, ledger, "条记录", stdout, stderr)
}

// importReport says what an import did or found: problems to stderr (and --report), the
// names --add-missing added, the counts.
func importReport(ctx context.Context, db *sqlite.DB, rep data.LedgerImportReport, ierr error, in, reportPath, ledger, unit string,
	stdout, stderr io.Writer) error {
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p.String())
	}
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(stderr, "以下列未读取（已忽略）：%s\n", strings.Join(rep.Ignored, "、"))
	}
	var added [][2]string
	for _, a := range rep.Added {
		added = append(added, [2]string{a.Kind, a.Name})
	}
	if reportPath != "" && (len(rep.Problems) > 0 || len(added) > 0) {
		office, _ := db.Office(ctx)
		var buf bytes.Buffer
		if err := reports.WriteImportReport(&buf, ledger, filepath.Base(in), office, data.Today(db.Now()), rep.Problems, added); err != nil {
			return err
		}
		if err := writeFileAtomic(reportPath, buf.Bytes()); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入检查报告“%s”，请检查文件夹是否存在、是否有写入权限", reportPath), Err: err}
		}
		fmt.Fprintf(stderr, "报告已写入 %s\n", reportPath)
	}
	if ierr != nil {
		return ierr
	}
	verb := "已添加"
	if rep.DryRun {
		verb = "将添加"
	}
	for _, a := range rep.Added {
		fmt.Fprintf(stdout, "%s%s：%s\n", verb, a.Kind, a.Name)
	}
	skipped := ""
	if rep.Skipped > 0 {
		skipped = fmt.Sprintf("；%s %s此前已导入，跳过", groupDigits(rep.Skipped), unit)
	}
	if rep.DryRun {
		fmt.Fprintf(stdout, "检查通过：可以导入 %s %s%s，未写入数据库。\n", groupDigits(rep.Imported), unit, skipped)
		return nil
	}
	fmt.Fprintf(stdout, "已导入 %s %s%s。\n", groupDigits(rep.Imported), unit, skipped)
	return nil
}
