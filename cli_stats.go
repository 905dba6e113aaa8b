package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"taizhang/data"
	"taizhang/data/sqlite"
)

// cmdStats prints the figures of every ledger for a period and community: one JSON object
// with --json (keys documented in the README), otherwise a short Chinese summary.
func cmdStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	path := fs.String("db", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	community := fs.String("community", "", "")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := need("db", *path); err != nil {
		return err
	}
	var f data.StatsFilter
	var err error
	if f.From, err = flagDate("from", *from); err != nil {
		return err
	}
	if f.To, err = flagDate("to", *to); err != nil {
		return err
	}
	db, err := openStore(*path, sqlite.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	if f.CommunityID, err = communityByName(ctx, db, *community); err != nil {
		return err
	}
	s, err := db.Stats(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	i := s.Issues
	scope := "全街道"
	if s.Period.Community != "" {
		scope = s.Period.Community
	}
	fmt.Fprintf(stdout, "%s，统计至 %s\n", scope, s.Period.AsOf)
	fmt.Fprintf(stdout, "发现问题 %d 件，已销号 %d 件（整改率 %s），按期销号 %d 件（按期整改率 %s）\n",
		i.Found, i.Closed, data.Percent(i.Closed, i.Found), i.ClosedOnTime, data.Percent(i.ClosedOnTime, i.Closed))
	fmt.Fprintf(stdout, "回访 %d 件，满意和基本满意 %d 件（满意率 %s），平均整改 %.1f 天，逾期 %d 件，临期 %d 件\n",
		i.Visited, i.Satisfied, data.Percent(i.Satisfied, i.Visited), i.AvgDaysToClose, i.Overdue, i.DueSoon)
	lines := data.OtherLedgersSummary(s.Services, s.Certifications, s.Documents.Issued, s.Documents.AwaitingDelivery)
	for _, line := range append(lines, data.AidLines(s.Aid, s.Notices)...) {
		fmt.Fprintln(stdout, line)
	}
	return nil
}

// flagDate parses a YYYY-MM-DD command-line date; empty is the zero date.
func flagDate(name, s string) (data.Date, error) {
	if s == "" {
		return data.Date{}, nil
	}
	d, err := data.ParseDate(s)
	if err != nil {
		return d, usageError{fmt.Sprintf("--%s：%s", name, data.Message(err))}
	}
	return d, nil
}

// communityByName finds a community's id; "" is the whole office.
func communityByName(ctx context.Context, db *sqlite.DB, name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	cs, err := db.Communities(ctx, false)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, c := range cs {
		if c.Name == name {
			return c.ID, nil
		}
		names = append(names, c.Name)
	}
	return 0, data.NotFound("没有名为“%s”的社区。现有社区：%v", name, names)
}
