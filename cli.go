package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"taizhang/app"
	"taizhang/data"
	"taizhang/data/demo"
	"taizhang/data/sqlite"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "0.1.0"

// exit statuses
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const usage = `用法：
  taizhang [--db 文件|postgres://…]                 打开台账程序窗口
  taizhang demo --db 文件|postgres://… [--size small|large] [--seed N]   生成演示数据
  taizhang init --db 文件|postgres://… --office 单位名称 [--short 简称] [--community 社区 …] [--admin 登录名]
                                                    建立新单位（管理员密码从标准输入读取）
  taizhang check --db 文件|postgres://… [--user 登录名]   检查数据库完整性、数据版本、审计日志，核对数据表与审计记录、文书和附件的校验值；
                                                    以账号登录时还逐条解密核对加密的身份证号和电话
  taizhang backup --db 文件|postgres://… --out 备份文件   备份（程序打开时也可以）
  taizhang restore --db 文件|postgres://… --from 备份文件 --user 登录名   校验备份，由备份中的管理员登录后恢复
  taizhang migrate --from 文件|postgres://… --to 文件|postgres://… [--user 管理员]
                                                    把整个单位迁移到空的数据库（文件 ↔ 服务器），核对行数、审计日志和文件校验值
  taizhang import residents|issues|hotline|services|certifications|documents --db 文件|postgres://… --in 文件.xlsx|文件.csv [--dry-run] [--report 报告.xlsx] [--add-missing] [--user 登录名]
                                                    导入居民花名册、问题整改台账、12345 热线工单、上门服务台账、认证登记表、纸质文书登记簿
  taizhang export residents --db 文件|postgres://… --out 文件.xlsx|文件.pdf [--community 社区] [--full --user 登录名]
                                                    导出居民花名册（--full：完整证件号码，须有权限的账号）
  taizhang export issues|services|certifications|documents --db 文件|postgres://… --out 文件.xlsx|文件.pdf [--from 日期] [--to 日期]
                 [--community 社区] [--status 状态] [--category 类别或事项] [--full --user 登录名]
                                                    导出问题台账、上门服务台账、定期认证台账、文书台账
  taizhang export aid --db 文件|postgres://… --out 文件.xlsx|文件.pdf --month 2026-11 [--category 低保] [--community 社区] [--summary] [--user 登录名]
                 | --quarter 2026-Q4 | --year 2026          导出救助资金发放花名册（按月）或按项目、社区的发放汇总表
  taizhang print --db 文件|postgres://… --doc 文号|编号 [--receipt] --out 文件.pdf --user 登录名   输出已签发文书的 PDF，计入打印次数（--receipt：其送达回证）
  taizhang print --db 文件|postgres://… --form 申请审批表|核对授权书|授权委托书|全部 --resident 档案编号 --programme 低保 --out 文件.pdf --user 登录名   打印从档案填好的申请材料
  taizhang pack --db 文件|postgres://… --out 文件夹 --from 日期 --to 日期 --user 登录名 [--full]   迎检包：全部台账、汇总表、已签发文书和 SHA-256 校验清单
  taizhang stats --db 文件|postgres://… [--from 日期] [--to 日期] [--community 社区] [--json]   统计数字
  taizhang screenshots --db 文件|postgres://… --out 文件夹 [--user 登录名] [--size 1920x1080|all]   把每个主要界面截图为 PNG
  taizhang version                                  显示版本
`

// usageError is a wrong command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	run func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is every subcommand of the headless CLI, by name.
var commands = map[string]command{
	"demo":        {cmdDemo},
	"init":        {cmdInit},
	"check":       {cmdCheck},
	"backup":      {cmdBackup},
	"restore":     {cmdRestore},
	"migrate":     {cmdMigrate},
	"import":      {cmdImport},
	"export":      {cmdExport},
	"print":       {cmdPrint},
	"pack":        {cmdPack},
	"stats":       {cmdStats},
	"screenshots": {cmdScreenshots},
	"version":     {cmdVersion},
}

// run dispatches the command line and returns the exit status. A panic anywhere below is
// recovered here: the clerk reads one Chinese sentence, the detail and the stack go to the
// log beside the database (sqlite.LogCrash), and the exit status is 1. The store's
// transactions roll back on a panic, so nothing half-written remains.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			code = crashed(args, v, debug.Stack(), stderr)
		}
	}()
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runGUI(args, stderr)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "未知的子命令“%s”。\n\n%s", name, usage)
		return exitUsage
	}
	err := cmd.run(context.Background(), args[1:], stdout, stderr)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s\n\n%s", app.MaskURL(ue.msg), usage)
		return exitUsage
	default:
		if db := dbArg(args); db != "" { // the detail behind the message, beside the database
			sqlite.LogError(app.LogTarget(db), commandLine(args), app.MaskErr(err))
		}
		fmt.Fprintln(stderr, app.MaskURL(cliMessage(err)))
		return exitFail
	}
}

// crashed reports a recovered panic of the command line args and returns exit status 1.
func crashed(args []string, v any, stack []byte, stderr io.Writer) int {
	db := dbArg(args)
	if db == "" && (len(args) == 0 || strings.HasPrefix(args[0], "-")) {
		db, _ = app.StartDatabase("") // the window's own database
	}
	// A server URL's password never reaches the log or the screen.
	what, value := commandLine(args), app.MaskURL(fmt.Sprint(v))
	msg := "程序内部出错，操作未完成（已写入的数据不受影响，未完成的修改已撤销）。"
	if path, err := sqlite.LogCrash(app.LogTarget(db), what, value, stack); err == nil {
		msg += "详细情况已记入日志文件“" + path + "”，请把它交给技术支持。"
	} else {
		msg += fmt.Sprintf("详细情况也未能记入日志（%v）：%s", err, value)
	}
	fmt.Fprintln(stderr, msg)
	return exitFail
}

// commandLine is args as the log names them: taizhang and the arguments, a server URL's
// password masked.
func commandLine(args []string) string {
	return app.MaskURL("taizhang " + strings.Join(args, " "))
}

// dbArg returns the value of --db (or -db) in args, "" when there is none.
func dbArg(args []string) string {
	for i, a := range args {
		for _, p := range []string{"--db", "-db"} {
			if a == p && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, p+"="); ok {
				return v
			}
		}
	}
	return ""
}

// cliMessage is the Chinese sentence for err; internal detail only for unexpected errors.
func cliMessage(err error) string {
	var e *data.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "操作失败：" + err.Error()
}

// flags parses a subcommand's flags; a wrong flag is a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usageError{fmt.Sprintf("参数错误：%v", err)}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	return nil
}

func need(name, value string) error {
	if value == "" {
		return usageError{fmt.Sprintf("缺少参数 --%s", name)}
	}
	return nil
}

func runGUI(args []string, stderr io.Writer) (status int) {
	fs := flag.NewFlagSet("taizhang", flag.ContinueOnError)
	db := fs.String("db", "", "数据库文件或单位服务器")
	if err := parseFlags(fs, args); err != nil {
		fmt.Fprintf(stderr, "%s\n\n%s", app.MaskURL(err.Error()), usage)
		return exitUsage
	}
	// Said in Chinese, on Windows in a message box: a GUI program has nowhere else to say it.
	fail := func(msg string) int {
		msg = app.MaskURL(msg)
		fmt.Fprintf(stderr, "%s：%s\n", glTitle, msg)
		alert(glTitle, msg)
		return exitFail
	}
	defer func() {
		if r := recover(); r != nil {
			status = fail(fmt.Sprintf("程序出现意外错误，已退出。请把这段话告诉单位的信息技术人员：%v", r))
		}
	}()
	if msg := checkGraphics(); msg != "" {
		return fail(msg)
	}
	path, missing := app.StartDatabase(*db)
	app.Version = Version
	if err := app.Run(path, missing); err != nil {
		return fail(cliMessage(err))
	}
	return exitOK
}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	path := fs.String("db", "", "")
	size := fs.String("size", "small", "")
	seed := fs.Uint64("seed", 1, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	sz, ok := map[string]demo.Size{"small": demo.Small, "large": demo.Large}[*size]
	if !ok {
		return usageError{fmt.Sprintf("--size 只能是 small 或 large，不能是“%s”", *size)}
	}
	if sqlite.IsServerURL(*path) {
		// On a server the office is built straight into the database, which must be empty
		// (Open refuses another with Bulk).
		return buildDemo(ctx, *path, *path, sz, *seed, stdout, stderr)
	}
	if st, err := os.Stat(*path); err == nil && st.Size() > 0 {
		return data.Conflict("文件“%s”已存在。演示数据只写入新文件，请换一个文件名或先删除它", *path)
	}
	// Built in a temporary file beside the asked one and renamed into place only when whole:
	// a killed or failed demo leaves no half-built office under the asked name.
	tmp, err := sqlite.TempDatabase(*path)
	if err != nil {
		return err
	}
	return buildDemo(ctx, tmp, *path, sz, *seed, stdout, stderr)
}

// buildDemo builds the demo office in the database at loc and names it as final: a file is
// built under a temporary name and renamed into place when whole; a server's database is
// built in place.
func buildDemo(ctx context.Context, loc, final string, sz demo.Size, seed uint64, stdout, stderr io.Writer) error {
	tmp := loc
	db, err := openStore(tmp, sqlite.Options{Bulk: true})
	if err != nil {
		if tmp != final {
			sqlite.RemoveDatabase(tmp)
		}
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The build holds a ledger's generated records at a time (a few hundred MB at most):
		// a soft limit makes the collector keep to that instead of letting the heap double.
		debug.SetMemoryLimit(256 << 20)
	}
	start := time.Now()
	err = demo.Build(ctx, db, sz, seed, func(s string) { fmt.Fprintln(stderr, s+"…") })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && tmp != final {
		err = sqlite.PlaceDatabase(tmp, final)
	}
	if err != nil {
		if tmp != final {
			sqlite.RemoveDatabase(tmp)
		}
		return err
	}
	fmt.Fprintf(stdout, "演示数据已生成：%s（用时 %.1f 秒）\n登录名 admin（管理员）、shenhe（审核人）、chuangkou / wangge / minzheng（工作人员），密码均为 %s\n",
		sqlite.LocationName(final), time.Since(start).Seconds(), demo.Password)
	return nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	path := fs.String("db", "", "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	db, _, err := openAs(ctx, *path, *user, true, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Check(ctx)
	if err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, p)
		}
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("检查未通过：发现 %d 个问题", len(rep.Problems))}
	}
	fmt.Fprintf(stdout, "检查通过：数据库完整，数据版本 %d，审计日志 %d 条，链条和签名完整；居民、账号与审计记录一致；文书 PDF 和附件与校验值一致。\n",
		rep.SchemaVersion, rep.AuditEntries)
	if rep.Decrypted {
		fmt.Fprintln(stdout, "加密保存的身份证号和电话已逐条解密核对，无一被改动。")
	} else {
		fmt.Fprintln(stdout, "未以账号登录：加密保存的身份证号和电话未逐条解密核对（加 --user 登录名 可核对）。")
	}
	return nil
}

func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	path := fs.String("db", "", "")
	out := fs.String("out", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("out", *out); err != nil {
		return err
	}
	db, err := openStore(*path, sqlite.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "已备份到 %s（%.1f MB，已校验）\n", *out, float64(st.Size())/(1<<20))
	return nil
}

func cmdRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	path := fs.String("db", "", "")
	from := fs.String("from", "", "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("from", *from); err != nil {
		return err
	}
	// Restoring replaces everything: an administrator of the backup logs in for it, as in the
	// window, and the restore is audited as that administrator.
	if strings.TrimSpace(*user) == "" {
		return usageError{"恢复备份须由管理员进行：请用 --user 指定备份中的管理员账号，密码在提示时输入或由环境变量 " + PasswordEnv + " 提供"}
	}
	password, err := accountPassword(stderr)
	if err != nil {
		return err
	}
	kept, err := sqlite.RestoreAs(ctx, *path, *from, *user, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已从 %s 恢复到 %s。\n", *from, sqlite.LocationName(*path))
	if kept != "" {
		fmt.Fprintf(stdout, "恢复前的数据库已保存为 %s\n", kept)
	}
	return nil
}

func cmdScreenshots(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	path := fs.String("db", "", "")
	out := fs.String("out", "", "")
	sizeFlag := fs.String("size", "1366x768", "")
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
	sizes, err := screenshotSizes(*sizeFlag)
	if err != nil {
		return err
	}
	// With --user the screens are that account's, the numbers readable (masked as on screen);
	// without, the first administrator's, with the numbers as asterisks (no key).
	db, uctx, err := openAs(ctx, *path, *user, true, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	admin := data.UserFromContext(uctx)
	if admin == cliUser {
		admin = nil
		users, err := db.Users(ctx)
		if err != nil {
			return err
		}
		for i := range users {
			if users[i].Role == data.RoleAdmin && !users[i].Disabled {
				admin = &users[i]
				break
			}
		}
	}
	if admin == nil {
		return data.Invalid("db", "数据库还没有完成初始设置（没有管理员账号），无法截图")
	}
	for _, sz := range sizes {
		dir := *out
		if len(sizes) > 1 {
			dir = filepath.Join(*out, sz.name)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := app.Screenshots(db, admin, dir, sz.size); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s 截图已保存到 %s\n", sz.name, dir)
	}
	return nil
}

// screenshotSize is one window size of `taizhang screenshots --size`.
type screenshotSize struct {
	name string // 1366x768
	size fyne.Size
}

// screenshotSizes reads --size: 1366x768, 1920x1080, several joined by commas (each into a
// folder of that name), or all for both.
func screenshotSizes(v string) ([]screenshotSize, error) {
	if strings.TrimSpace(v) == "all" {
		v = "1366x768,1920x1080"
	}
	var out []screenshotSize
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		w, h, ok := strings.Cut(strings.ToLower(part), "x")
		wi, err1 := strconv.Atoi(w)
		hi, err2 := strconv.Atoi(h)
		if !ok || err1 != nil || err2 != nil || wi < 800 || hi < 600 || wi > 7680 || hi > 4320 {
			return nil, data.Invalid("size", "--size “%s”写法不对，应为 宽x高，如 1366x768 或 1920x1080（多个用逗号隔开，all 为两种都截）", part)
		}
		out = append(out, screenshotSize{fmt.Sprintf("%dx%d", wi, hi), fyne.NewSize(float32(wi), float32(hi))})
	}
	return out, nil
}

func cmdVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError{"version 不需要参数"}
	}
	fmt.Fprintf(stdout, "台账 Taizhang %s（数据版本 %d）\n", Version, sqlite.SchemaVersion())
	return nil
}
