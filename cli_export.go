package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// ledgerExporters are the ledgers `taizhang export` writes besides residents (cli_roster.go
// hands these on): `export LEDGER --db F --out F.xlsx|F.pdf [--from] [--to] [--community]
// [--status] [--category] [--full]`. The database is opened read-only, so an export works
// beside a running app.
var ledgerExporters = map[string]func(ctx context.Context, args []string, stdout io.Writer) error{
	"issues":         cmdExportIssues,
	"documents":      cmdExportDocuments,
	"services":       cmdExportServices,
	"certifications": cmdExportCertifications,
	"aid":            cmdExportAid, // cli_export_aid.go
}

// exportFlags are the flags every ledger export takes.
type exportFlags struct {
	db, out, from, to, community, status, category string
	user                                           string // --full: the account (cli_account.go)
	full                                           bool
	format                                         reports.Format
	fromDate, toDate                               data.Date
}

func parseExportFlags(args []string) (exportFlags, error) {
	var e exportFlags
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.StringVar(&e.db, "db", "", "")
	fs.StringVar(&e.out, "out", "", "")
	fs.StringVar(&e.from, "from", "", "")
	fs.StringVar(&e.to, "to", "", "")
	fs.StringVar(&e.community, "community", "", "")
	fs.StringVar(&e.status, "status", "", "")
	fs.StringVar(&e.category, "category", "", "")
	fs.BoolVar(&e.full, "full", false, "")
	fs.StringVar(&e.user, "user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return e, err
	}
	if err := need("db", e.db); err != nil {
		return e, err
	}
	if err := need("out", e.out); err != nil {
		return e, err
	}
	var ok bool
	if e.format, ok = reports.FormatOf(e.out); !ok {
		return e, usageError{"--out 的文件名应以 .xlsx 或 .pdf 结尾"}
	}
	var err error
	if e.fromDate, err = flagDate("from", e.from); err != nil {
		return e, err
	}
	if e.toDate, err = flagDate("to", e.to); err != nil {
		return e, err
	}
	if !e.fromDate.IsZero() && !e.toDate.IsZero() && e.toDate.Before(e.fromDate) {
		return e, usageError{"--to 不能早于 --from"}
	}
	return e, nil
}

// options opens nothing: it fills the ledger's heading from the office.
func (e exportFlags) options(ctx context.Context, db *sqlite.DB) (reports.LedgerOptions, error) {
	office, err := db.Office(ctx)
	if err != nil {
		return reports.LedgerOptions{}, err
	}
	return reports.LedgerOptions{Office: office, Community: e.community, From: e.fromDate, To: e.toDate,
		Date: data.Today(db.Now()), Full: e.full, Audit: db.HeadLine(ctx)}, nil
}

// open opens the database read-only acting as the command line, or for --full as the logged-in
// account (cli_account.go).
func (e exportFlags) open(ctx context.Context) (*sqlite.DB, context.Context, error) {
	return openForExport(ctx, e.db, e.user, e.full, os.Stderr)
}

// write writes the export to --out atomically and says what was written; a full export is
// owner-readable only and audited with its filter and row count.
func (e exportFlags) write(ctx context.Context, db *sqlite.DB, stdout io.Writer, ledger, what string, b []byte, n int) error {
	if e.full {
		filter := map[string]any{"from": e.from, "to": e.to, "community": e.community, "status": e.status, "category": e.category}
		if err := finishFullExport(ctx, db, ledger, filter, e.out, b, n); err != nil {
			return err
		}
	} else if err := writeFileAtomic(e.out, b); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", e.out), Err: err}
	}
	how := "身份证号、电话已打码"
	if e.full {
		how = "含完整身份证号和电话，请妥善保管"
	}
	fmt.Fprintf(stdout, "已导出%s %s 条到 %s（%s）\n", what, groupDigits(n), e.out, how)
	return nil
}

// export opens the office (as the --user account for a full export), finds --community,
// renders the ledger with render and writes it to --out: the steps every ledger export shares.
func (e exportFlags) export(ctx context.Context, stdout io.Writer, ledger, what string,
	render func(uctx context.Context, db *sqlite.DB, community int64, o reports.LedgerOptions, w io.Writer) (int, error)) error {
	db, uctx, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	community, err := communityByName(ctx, db, e.community)
	if err != nil {
		return err
	}
	o, err := e.options(ctx, db)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	n, err := render(uctx, db, community, o, &buf)
	if err != nil {
		return err
	}
	return e.write(uctx, db, stdout, ledger, what, buf.Bytes(), n)
}

func cmdExportIssues(ctx context.Context, args []string, stdout io.Writer) error {
	e, err := parseExportFlags(args)
	if err != nil {
		return err
	}
	f := data.IssueFilter{From: e.fromDate, To: e.toDate, Category: e.category}
	if e.status != "" {
		st, ok := data.ParseIssueStatus(e.status)
		if !ok {
			var names []string
			for _, s := range data.IssueStatuses {
				names = append(names, s.String())
			}
			return usageError{fmt.Sprintf("--status 应为以下之一：%s", strings.Join(names, "、"))}
		}
		f.Statuses = []data.IssueStatus{st}
	}
	return e.export(ctx, stdout, "issues", "问题整改台账", func(uctx context.Context, db *sqlite.DB, community int64, o reports.LedgerOptions, w io.Writer) (int, error) {
		f.CommunityID = community
		return reports.ExportIssueLedger(uctx, w, e.format, db, f, o, nil)
	})
}

func cmdExportDocuments(ctx context.Context, args []string, stdout io.Writer) error {
	e, err := parseExportFlags(args)
	if err != nil {
		return err
	}
	if e.community != "" {
		return usageError{"行政文书台账不按社区筛选，请去掉 --community"}
	}
	if e.category != "" {
		return usageError{"行政文书台账没有 --category 条件"}
	}
	f := data.DocumentFilter{From: e.fromDate, To: e.toDate}
	switch e.status {
	case "":
	case "草稿", "draft":
		f.Status = data.DocDraft
	case "已签发", "signed":
		f.Status = data.DocSigned
	case "已作废", "作废", "voided":
		f.Status = data.DocVoided
	default:
		return usageError{"--status 应为以下之一：草稿、已签发、已作废"}
	}
	return e.export(ctx, stdout, "documents", "行政文书台账", func(uctx context.Context, db *sqlite.DB, _ int64, o reports.LedgerOptions, w io.Writer) (int, error) {
		return reports.ExportDocumentLedger(uctx, w, e.format, db, f, o, nil)
	})
}

// cmdExportServices writes the services ledger (上门服务台账): --from/--to by 服务日期,
// --community, --status by 办理结果 (已办结、未办结、转办), --category by 服务事项.
func cmdExportServices(ctx context.Context, args []string, stdout io.Writer) error {
	e, err := parseExportFlags(args)
	if err != nil {
		return err
	}
	f := data.ServiceFilter{From: e.fromDate, To: e.toDate, Item: e.category}
	if e.status != "" {
		var names []string
		for _, r := range data.ServiceResults {
			names = append(names, r.String())
			if r.String() == e.status {
				f.Result = r
			}
		}
		if f.Result == "" {
			return usageError{fmt.Sprintf("--status 应为以下之一：%s", strings.Join(names, "、"))}
		}
	}
	return e.export(ctx, stdout, "services", "上门服务台账", func(uctx context.Context, db *sqlite.DB, community int64, o reports.LedgerOptions, w io.Writer) (int, error) {
		f.CommunityID = community
		total, err := db.CountServices(uctx, f)
		if err != nil {
			return 0, err
		}
		return reports.ExportServiceLedger(uctx, w, e.format, total, func(each func(data.ServiceExportRow) error) error {
			_, err := db.ExportServices(uctx, f, e.full, each)
			return err
		}, o, nil)
	})
}

// certStates are the --status words of the certification ledger.
var certStates = map[string]data.CertState{"已认证": data.CertCertified, "待认证": data.CertDue, "逾期未认证": data.CertOverdue,
	"逾期": data.CertOverdue, "未认证": data.CertPending}

// cmdExportCertifications writes the certification ledger (定期认证台账): the residents of
// each rule's cycle on --to (default today), --category one item, --community, --status
// 已认证、待认证、逾期未认证 or 未认证 (待认证 and 逾期 together).
func cmdExportCertifications(ctx context.Context, args []string, stdout io.Writer) error {
	e, err := parseExportFlags(args)
	if err != nil {
		return err
	}
	if !e.fromDate.IsZero() {
		return usageError{"定期认证台账按认证周期列出，没有 --from；用 --to 指定查看哪一天的认证情况"}
	}
	f := data.CertExportFilter{AsOf: e.toDate}
	if e.category != "" {
		f.Items = []string{e.category}
	}
	if e.status != "" {
		st, ok := certStates[e.status]
		if !ok {
			return usageError{"--status 应为以下之一：已认证、待认证、逾期未认证、未认证"}
		}
		f.State = st
	}
	return e.export(ctx, stdout, "certifications", e.category+"定期认证台账", func(uctx context.Context, db *sqlite.DB, community int64, o reports.LedgerOptions, w io.Writer) (int, error) {
		f.CommunityID = community
		if o.To.IsZero() {
			o.To = o.Date
		}
		total, err := db.CountCertifications(uctx, f)
		if err != nil {
			return 0, err
		}
		return reports.ExportCertLedger(uctx, w, e.format, total, func(each func(data.CertExportRow) error) error {
			_, err := db.ExportCertifications(uctx, f, e.full, each)
			return err
		}, o, e.category, nil)
	})
}
