package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// cliUser acts for the command line, which has no log-in: whoever can run the program on
// the office PC administers it. The audit log names it 命令行 so its changes are told apart.
var cliUser = &data.User{Name: "命令行", Role: data.RoleAdmin}

// ledgerArg takes the LEDGER word before the flags: `import residents --db …`.
func ledgerArg(verb string, args []string) (string, []string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", nil, usageError{fmt.Sprintf("%s 需要指明台账，例如：taizhang %s residents --db 文件 …", verb, verb)}
	}
	return args[0], args[1:], nil
}

// cmdImport: `taizhang import residents|issues|hotline|services|certifications|documents --db F --in FILE.xlsx|FILE.csv [--dry-run]
// [--report REPORT.xlsx] [--add-missing]` (issues: cli_import_issues.go). Every row is checked first; one bad row and nothing is imported.
// The problems go to stderr and, with --report, to an XLSX the clerk can work through.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	ledger, args, err := ledgerArg("import", args)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	path := fs.String("db", "", "")
	in := fs.String("in", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	reportPath := fs.String("report", "", "")
	addMissing := fs.Bool("add-missing", false, "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch ledger {
	case "residents":
		if *addMissing {
			return usageError{"导入居民花名册时没有 --add-missing：社区和网格须先在“设置”中建好"}
		}
	case "issues", "hotline", "12345", "services", "certifications", "documents":
	default:
		return usageError{fmt.Sprintf("不能导入“%s”：可导入 residents（居民花名册）、issues（问题整改台账）、hotline（12345 热线工单）、services（上门服务台账）、certifications（认证登记表）、documents（文书登记簿）", ledger)}
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("in", *in); err != nil {
		return err
	}
	if *reportPath != "" && !strings.EqualFold(filepath.Ext(*reportPath), ".xlsx") {
		return usageError{"--report 的文件名应以 .xlsx 结尾"}
	}
	f, err := os.Open(*in)
	if err != nil {
		return data.NotFound("无法打开要导入的文件“%s”：文件不存在或没有读取权限", *in)
	}
	rows, err := reports.ReadTable(*in, f)
	f.Close()
	if err != nil {
		return err
	}
	// A dry run only reads, so it works beside a running app, unless it logs in. Residents,
	// services, certifications and paper documents are matched by ID number, which needs an
	// account (--user) to read.
	db, uctx, err := openAs(ctx, *path, *user, *dryRun, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if ledger == "documents" {
		rep, ierr := db.ImportPaperDocuments(uctx, rows, data.PaperImportOptions{DryRun: *dryRun, AddMissing: *addMissing, File: filepath.Base(*in)})
		return importReport(uctx, db, rep, ierr, *in, *reportPath, "文书登记簿", "份文书", stdout, stderr)
	}
	if ledger == "services" || ledger == "certifications" {
		return importServices(uctx, db, rows, *in, *reportPath, data.ServiceImportOptions{DryRun: *dryRun, AddMissing: *addMissing,
			Certifications: ledger == "certifications"}, stdout, stderr)
	}
	if ledger != "residents" {
		return importIssues(uctx, db, rows, *in, *reportPath, data.IssueImportOptions{DryRun: *dryRun, AddMissing: *addMissing,
			File: filepath.Base(*in), Hotline: ledger != "issues"}, stdout, stderr)
	}
	rep, ierr := db.ImportResidents(uctx, rows, *dryRun)
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p.String())
	}
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(stderr, "以下列未读取（已忽略）：%s\n", strings.Join(rep.Ignored, "、"))
	}
	if *reportPath != "" && len(rep.Problems) > 0 {
		office, _ := db.Office(ctx)
		var buf bytes.Buffer
		if err := reports.WriteImportProblems(&buf, filepath.Base(*in), office, data.Today(db.Now()), rep.Problems); err != nil {
			return err
		}
		if err := writeFileAtomic(*reportPath, buf.Bytes()); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入检查报告“%s”，请检查文件夹是否存在、是否有写入权限", *reportPath), Err: err}
		}
		fmt.Fprintf(stderr, "检查报告已写入 %s\n", *reportPath)
	}
	if ierr != nil {
		return ierr
	}
	if *dryRun {
		fmt.Fprintf(stdout, "检查通过：可以导入 %s 人（%s 户），未写入数据库。\n", groupDigits(rep.Residents), groupDigits(rep.Households))
		return nil
	}
	fmt.Fprintf(stdout, "已导入 %s 人（%s 户）。\n", groupDigits(rep.Residents), groupDigits(rep.Households))
	return nil
}

// cmdExport: `taizhang export residents --db F --out FILE.xlsx|FILE.pdf [--community NAME]
// [--full]`.
// ID and phone numbers are masked unless --full is given, which needs an authorised account
// (--user, cli_account.go) and is audited.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	ledger, args, err := ledgerArg("export", args)
	if err != nil {
		return err
	}
	if export, ok := ledgerExporters[ledger]; ok { // issues, documents: cli_export.go
		return export(ctx, args, stdout)
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	path := fs.String("db", "", "")
	out := fs.String("out", "", "")
	community := fs.String("community", "", "")
	full := fs.Bool("full", false, "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if ledger != "residents" {
		return usageError{fmt.Sprintf("不能导出“%s”：可导出 issues（问题整改台账）、services（上门服务台账）、certifications（定期认证台账）、documents（行政文书台账）、residents（居民花名册）", ledger)}
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("out", *out); err != nil {
		return err
	}
	format, ok := reports.FormatOf(*out)
	if !ok {
		return usageError{"--out 的文件名应以 .xlsx（Excel）或 .pdf（打印）结尾"}
	}
	db, uctx, err := openForExport(ctx, *path, *user, *full, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	var f data.ResidentFilter
	if f.CommunityID, err = communityByName(ctx, db, *community); err != nil {
		return err
	}
	office, err := db.Office(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	o := reports.RosterOptions{Office: office, Community: *community, Date: data.Today(db.Now()), Full: *full, Audit: db.HeadLine(ctx)}
	var n int
	if format == reports.FormatPDF {
		n, err = exportRosterPDF(uctx, db, &buf, f, o)
	} else {
		n, err = exportRoster(uctx, db, &buf, f, o)
	}
	if err != nil {
		return err
	}
	if *full {
		err = finishFullExport(uctx, db, "residents", map[string]any{"community": *community}, *out, buf.Bytes(), n)
	} else {
		err = writeFileAtomic(*out, buf.Bytes())
		if err != nil {
			err = &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", *out), Err: err}
		}
	}
	if err != nil {
		return err
	}
	how := "身份证号、电话已打码"
	if *full {
		how = "含完整身份证号和电话，请妥善保管"
	}
	fmt.Fprintf(stdout, "已导出 %s 人到 %s（%s）\n", groupDigits(n), *out, how)
	return nil
}

// exportRoster writes the residents matching f as a roster XLSX to w.
func exportRoster(ctx context.Context, db *sqlite.DB, w io.Writer, f data.ResidentFilter, o reports.RosterOptions) (int, error) {
	x, err := reports.NewRosterXLSX(o)
	if err != nil {
		return 0, err
	}
	defer x.Close()
	n, err := db.ExportResidents(ctx, f, o.Full, x.Add)
	if err != nil {
		return n, err
	}
	if n == 0 {
		return 0, data.NotFound("没有可导出的居民")
	}
	if _, err := x.WriteTo(w); err != nil {
		return n, err
	}
	return n, nil
}

// exportRosterPDF writes the residents matching f as a printable roster (PDF) to w. The
// residents are read once and laid out twice (pages are counted first).
func exportRosterPDF(ctx context.Context, db *sqlite.DB, w io.Writer, f data.ResidentFilter, o reports.RosterOptions) (int, error) {
	var all []data.Resident
	if _, err := db.ExportResidents(ctx, f, o.Full, func(r data.Resident) error { all = append(all, r); return nil }); err != nil {
		return 0, err
	}
	if len(all) == 0 {
		return 0, data.NotFound("没有可导出的居民")
	}
	return reports.WriteRosterPDF(w, o, func(each func(data.Resident) error) error {
		for _, r := range all {
			if err := each(r); err != nil {
				return err
			}
		}
		return nil
	}, reports.Options{})
}

// groupDigits writes 12345 as 12,345.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
