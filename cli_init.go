package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// cliStdin is where init reads the administrator's password (a variable for tests).
var cliStdin io.Reader = os.Stdin

// stringList is a flag given more than once: --community 甲 --community 乙.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error {
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// cmdInit sets up a new office without the window: `taizhang init --db F --office NAME
// [--short NAME] [--community NAME …] [--admin LOGIN]`. The administrator's password is the
// first line of standard input, so it never shows in the process list or the shell history:
// `echo '密码' | taizhang init …`. Communities may be left out and come with the ledgers
// (`import … --add-missing`).
func cmdInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	path := fs.String("db", "", "")
	office := fs.String("office", "", "")
	short := fs.String("short", "", "")
	admin := fs.String("admin", "admin", "")
	var communities stringList
	fs.Var(&communities, "community", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	if err := need("office", *office); err != nil {
		return err
	}
	server := sqlite.IsServerURL(*path)
	if st, err := os.Stat(*path); !server && err == nil && st.Size() > 0 {
		return data.Conflict("文件“%s”已存在。新单位只写入新文件，请换一个文件名", *path)
	}
	line, err := bufio.NewReader(cliStdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return data.Invalid("password", "无法读取管理员密码")
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return usageError{"请在标准输入中给出管理员密码，例如：echo '密码' | taizhang init --db 文件 --office 单位名称"}
	}
	if err := data.CheckPassword(password); err != nil {
		return err
	}
	name := strings.TrimSpace(*short)
	if name == "" {
		name = strings.TrimSuffix(strings.TrimSpace(*office), "办事处")
	}
	db, err := openStore(*path, sqlite.Options{})
	if err != nil {
		return err
	}
	_, err = db.RunSetup(data.NewContextWithUser(ctx, cliUser), data.Setup{
		Office:        data.Office{Name: strings.TrimSpace(*office), ShortName: name},
		Communities:   communities,
		AdminUsername: *admin, AdminName: "管理员", AdminPassword: password,
		CommunitiesLater: true,
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// The set-up is one transaction: a server database is left as it was; a new file
		// is taken away.
		if !server {
			os.Remove(*path)
			os.Remove(*path + "-wal")
			os.Remove(*path + "-shm")
		}
		return err
	}
	fmt.Fprintf(stdout, "已建立单位“%s”：%s，%d 个社区；管理员登录名 %s\n", strings.TrimSpace(*office), sqlite.LocationName(*path), len(communities), *admin)
	return nil
}
