package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"taizhang/reports/pack"
)

// cmdPack makes the inspection pack (迎检包): `taizhang pack --db F --out FOLDER --from D
// --to D [--full --user LOGIN]`. A masked pack opens the database read-only, so it works
// beside a running app; a full one (whole ID and phone numbers) needs an account allowed to
// see them and is audited with its period and file count, like a full export.
func cmdPack(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pack", flag.ContinueOnError)
	path := fs.String("db", "", "")
	out := fs.String("out", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	full := fs.Bool("full", false, "")
	user := fs.String("user", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"db", *path}, {"out", *out}, {"from", *from}, {"to", *to}} {
		if err := need(f.name, f.v); err != nil {
			return err
		}
	}
	o := pack.Options{Dir: *out, Full: *full}
	var err error
	if o.From, err = flagDate("from", *from); err != nil {
		return err
	}
	if o.To, err = flagDate("to", *to); err != nil {
		return err
	}
	if o.To.Before(o.From) {
		return usageError{"--to 不能早于 --from"}
	}
	db, uctx, err := openForExport(ctx, *path, *user, *full, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := pack.Make(uctx, db, o, func(s string) { fmt.Fprintln(stderr, s+"…") })
	if err != nil {
		return err
	}
	if *full {
		filter := map[string]any{"from": *from, "to": *to, "files": len(res.Files)}
		if err := db.RecordExport(uctx, "pack", filter, len(res.Files), true, *out); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "迎检包已写入 %s：%d 个文件，校验清单 %s（在该文件夹中运行 sha256sum -c %s 核对）\n",
		*out, len(res.Files), pack.ManifestName, pack.ManifestName)
	return nil
}
