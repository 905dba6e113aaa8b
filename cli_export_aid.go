package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"taizhang/data"
	"taizhang/reports"
)

// cmdExportAid writes the aid roster's exports: `export aid --month 2026-11` the month's
// 发放花名册 (--category 低保 one programme; --summary the month's summary instead),
// `--quarter 2026-Q4` or `--year 2026` the summary by programme and community. The database is
// opened read-only; ID numbers are always masked, and readable only with --user.
func cmdExportAid(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export aid", flag.ContinueOnError)
	path := fs.String("db", "", "")
	out := fs.String("out", "", "")
	month := fs.String("month", "", "")
	quarter := fs.String("quarter", "", "")
	year := fs.String("year", "", "")
	category := fs.String("category", "", "")
	community := fs.String("community", "", "")
	summary := fs.Bool("summary", false, "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("out", *out); err != nil {
		return err
	}
	format, ok := reports.FormatOf(*out)
	if !ok {
		return usageError{"--out 的文件名应以 .xlsx 或 .pdf 结尾"}
	}
	kind, value := "", ""
	for _, p := range []struct{ kind, value string }{{"month", *month}, {"quarter", *quarter}, {"year", *year}} {
		if p.value == "" {
			continue
		}
		if kind != "" {
			return usageError{"--month、--quarter、--year 只能用其中一个"}
		}
		kind, value = p.kind, p.value
	}
	if kind == "" {
		return usageError{"请用 --month 2026-11（发放花名册）、--quarter 2026-Q4 或 --year 2026（汇总表）指定期间"}
	}
	from, to, _, err := data.AidPeriodRange(kind, value)
	if err != nil {
		return usageError{"--" + kind + "：" + data.Message(err)}
	}
	roll := kind == "month" && !*summary
	if !roll && *category != "" {
		return usageError{"汇总表按全部救助项目列出，没有 --category；发放花名册才按项目导出"}
	}
	// The roll's ID numbers are sealed in the file: with --user they are printed masked
	// (1402**********1234), as on screen; without an account, as asterisks.
	db, ctx, err := openAs(ctx, *path, *user, true, os.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	cid, err := communityByName(ctx, db, *community)
	if err != nil {
		return err
	}
	if *category != "" {
		progs, err := db.Programmes(ctx)
		if err != nil {
			return err
		}
		var names []string
		for _, p := range progs {
			names = append(names, string(p))
		}
		if !slices.Contains(names, *category) {
			return usageError{fmt.Sprintf("--category 应为救助项目之一：%s", strings.Join(names, "、"))}
		}
	}
	office, err := db.Office(ctx)
	if err != nil {
		return err
	}
	o := reports.LedgerOptions{Office: office, Community: *community, Date: data.Today(db.Now())}
	var buf bytes.Buffer
	var n int
	what := "救助资金发放汇总表"
	if roll {
		p := data.Programme(*category)
		rows, tot, err := db.AidPayroll(ctx, from, p, cid)
		if err != nil {
			return err
		}
		if n, err = reports.WriteAidPayroll(&buf, format, reports.AidPayroll{Month: from, Programme: p, Rows: rows, Totals: tot}, o); err != nil {
			return err
		}
		what = from.Chinese() + string(p) + "发放花名册"
		if err := writeAidFile(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "已导出%s %s 条到 %s（合计%d户、%d人，%s元；身份证号已打码）\n", what, groupDigits(n), *out,
			tot.Households, tot.Persons, tot.Amount.Yuan())
		return nil
	}
	rows, grand, err := db.AidSummary(ctx, from, to, cid)
	if err != nil {
		return err
	}
	if n, err = reports.WriteAidSummary(&buf, format, rows, grand, from, to, o); err != nil {
		return err
	}
	if err := writeAidFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已导出%s %s 行到 %s（合计%d户、%d人，%s元）\n", what, groupDigits(n), *out, grand.Households, grand.Persons, grand.Amount.Yuan())
	return nil
}

func writeAidFile(path string, b []byte) error {
	if err := writeFileAtomic(path, b); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", path), Err: err}
	}
	return nil
}
