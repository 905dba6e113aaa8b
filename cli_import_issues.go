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

// importIssues imports an old issue ledger and says what it did: the problems (stderr and
// --report), the names --add-missing added, how many issues were added and skipped.
func importIssues(ctx context.Context, db *sqlite.DB, rows []data.SheetRow, in, reportPath string, opt sqlite.IssueImportOptions,
	stdout, stderr io.Writer) error {
	rep, ierr := db.ImportIssues(ctx, rows, opt)
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
		ledger := "问题整改台账"
		if opt.Hotline {
			ledger = "12345热线工单"
		}
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
	if opt.DryRun {
		verb = "将添加"
	}
	for _, a := range rep.Added {
		fmt.Fprintf(stdout, "%s%s：%s\n", verb, a.Kind, a.Name)
	}
	unit := "个问题"
	if opt.Hotline {
		unit = "张工单"
	}
	skipped := ""
	if rep.Skipped > 0 {
		skipped = fmt.Sprintf("；%s %s此前已导入，跳过", groupDigits(rep.Skipped), unit)
	}
	if opt.DryRun {
		fmt.Fprintf(stdout, "检查通过：可以导入 %s %s%s，未写入数据库。\n", groupDigits(rep.Imported), unit, skipped)
		return nil
	}
	fmt.Fprintf(stdout, "已导入 %s %s%s。\n", groupDigits(rep.Imported), unit, skipped)
	return nil
}
