package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"taizhang/data/sqlite"
)

// moveLabels name the tables of a moved office a clerk counts, in the order said.
var moveLabels = []struct{ table, label, unit string }{
	{"users", "账号", "个"},
	{"communities", "社区", "个"},
	{"households", "户", "户"},
	{"residents", "居民", "人"},
	{"issues", "问题", "条"},
	{"services", "上门服务", "次"},
	{"documents", "文书", "份"},
	{"paper_documents", "纸质文书登记", "份"},
	{"aid_cases", "救助对象", "个"},
	{"attachments", "附件", "个"},
}

func cmdMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("from", *from); err != nil {
		return err
	}
	if err := need("to", *to); err != nil {
		return err
	}
	password := ""
	if strings.TrimSpace(*user) != "" {
		p, err := accountPassword(stderr)
		if err != nil {
			return err
		}
		password = p
	}
	fmt.Fprintf(stderr, "正在把“%s”迁移到“%s”…\n", sqlite.LocationName(*from), sqlite.LocationName(*to))
	ctx = sqlite.WithMoveProgress(ctx, func(s string) { fmt.Fprintln(stderr, s+"…") })
	rep, err := sqlite.Migrate(ctx, *from, *to, *user, password)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, moveSummary(rep))
	return nil
}

// moveSummary says in Chinese what a move copied and what was checked.
func moveSummary(rep sqlite.MoveReport) string {
	var parts []string
	for _, l := range moveLabels {
		if n := rep.Rows(l.table); n > 0 {
			s := fmt.Sprintf("%s %d %s", l.label, n, l.unit)
			if l.table == "documents" && rep.SignedPDFs > 0 {
				s += fmt.Sprintf("（其中已签发的 PDF %d 份）", rep.SignedPDFs)
			}
			parts = append(parts, s)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "已把“%s”迁移到“%s”。\n", rep.From, rep.To)
	if len(parts) > 0 {
		fmt.Fprintf(&b, "迁移了：%s。\n", strings.Join(parts, "、"))
	}
	fmt.Fprintf(&b, "共 %d 张表 %d 行，逐表核对行数与源一致；审计日志 %d 条，链条和签名完整，链头与源一致（%s）；文书 PDF 和附件与校验值一致。\n",
		len(rep.Tables), rep.Total(), rep.Rows("audit_log"), rep.Head)
	return b.String()
}
