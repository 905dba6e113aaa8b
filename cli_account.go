package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// PasswordEnv gives the password of --user to a command run without a terminal (scheduled
// tasks); on a terminal the command asks for it.
const PasswordEnv = "TAIZHANG_PASSWORD"

// readPassword is where a command reads the password from when the environment has none;
// tests replace it.
var readPassword = func(stderr io.Writer) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", data.Invalid("user", "没有密码：请在终端中运行以输入密码，或用环境变量 %s 提供", PasswordEnv)
	}
	fmt.Fprint(stderr, "密码：")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// accountPassword is the password of --user: from PasswordEnv, else asked for on the terminal.
func accountPassword(stderr io.Writer) (string, error) {
	if p, ok := os.LookupEnv(PasswordEnv); ok {
		return strings.TrimRight(p, "\r\n"), nil
	}
	return readPassword(stderr)
}

// openForExport opens the database for an export: for full numbers (--full) as the logged-in
// account with the permission, written by personalDataAccount; masked, read-only, with --user
// the masks show the numbers' first and last digits, without it the numbers are all asterisks.
func openForExport(ctx context.Context, path, username string, full bool, stderr io.Writer) (*sqlite.DB, context.Context, error) {
	if full {
		return personalDataAccount(ctx, path, username, stderr)
	}
	return openAs(ctx, path, username, true, stderr)
}

// personalDataAccount opens the database as a writer and logs in the account named by --user,
// for a command that writes full ID and phone numbers (`export … --full`): the command line acts
// as that named account, which must have the permission (data.ActUnmask), and the log-in and
// the export are both audited. Opening as a writer means such a command does not run beside an
// open window; the refusal says who holds the database.
func personalDataAccount(ctx context.Context, path, username string, stderr io.Writer) (*sqlite.DB, context.Context, error) {
	if strings.TrimSpace(username) == "" {
		return nil, nil, usageError{"--full 写出完整的身份证号和电话，须用 --user 指定有此权限的账号（审核人或管理员），密码在提示时输入或由环境变量 " + PasswordEnv + " 提供"}
	}
	db, uctx, err := accountDB(ctx, path, username, stderr)
	if err != nil {
		return nil, nil, err
	}
	if err := data.Require(data.UserFromContext(uctx), data.ActUnmask); err != nil {
		db.Close()
		var de *data.Error
		if errors.As(err, &de) && de.Kind == data.ErrForbidden {
			return nil, nil, data.Forbidden("账号“%s”无权导出完整的身份证号和电话（需审核人或管理员）", username)
		}
		return nil, nil, err
	}
	return db, uctx, nil
}

// accountDB opens the database as a writer and logs in the account named by --user, whatever
// its role: the log-in unwraps the office's data key (ID and phone numbers are encrypted in
// the file), and the command acts as that account, within what its role allows.
func accountDB(ctx context.Context, path, username string, stderr io.Writer) (*sqlite.DB, context.Context, error) {
	password, err := accountPassword(stderr)
	if err != nil {
		return nil, nil, err
	}
	db, err := openStore(path, sqlite.Options{MustExist: true})
	if err != nil {
		return nil, nil, err
	}
	u, err := db.Login(ctx, username, password)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, data.NewContextWithUser(ctx, u), nil
}

// openAs opens the database for a command that may act as an account: with --user, as that
// account (a writer, the data key unwrapped); without, as the command line, read-only when
// asked, with no key, where masked work still runs and personal data is refused, in Chinese,
// with the way to give --user.
func openAs(ctx context.Context, path, username string, readOnly bool, stderr io.Writer) (*sqlite.DB, context.Context, error) {
	if strings.TrimSpace(username) != "" {
		return accountDB(ctx, path, username, stderr)
	}
	db, err := openStore(path, sqlite.Options{ReadOnly: readOnly, MustExist: true})
	if err != nil {
		return nil, nil, err
	}
	return db, data.NewContextWithUser(ctx, cliUser), nil
}

// finishFullExport writes a full export owner-readable only (0600) and audits it with its
// filter and row count; the file is taken away again if the audit cannot be written.
func finishFullExport(ctx context.Context, db *sqlite.DB, ledger string, filter map[string]any, out string, b []byte, n int) error {
	if err := writeFileAtomicMode(out, b, 0o600); err != nil {
		return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”，请检查文件夹是否存在、是否有写入权限", out), Err: err}
	}
	if err := db.RecordExport(ctx, ledger, filter, n, true, out); err != nil {
		os.Remove(out)
		return err
	}
	return nil
}
