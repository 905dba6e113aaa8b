package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The schema's triggers keep signed documents frozen and keep records from being deleted;
// someone with an SQLite tool must drop or rewrite one before changing such a record, so
// check compares them with the migrations that made them.

var triggerRE = regexp.MustCompile(`(?s)CREATE TRIGGER (\w+)\b.*?\bEND;`)

// expectedTriggers is every trigger the migrations create, by name, with its SQL.
func expectedTriggers() (map[string]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, m := range ms {
		for _, t := range triggerRE.FindAllStringSubmatch(m.sql, -1) {
			out[t[1]] = strings.TrimSuffix(t[0], ";")
		}
	}
	return out, nil
}

func sameSQL(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// triggerProblems names the triggers that were dropped or rewritten.
func triggerProblems(ctx context.Context, conn *sql.DB) ([]string, error) {
	want, err := expectedTriggers()
	if err != nil {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]string{}
	for rows.Next() {
		var name string
		var text sql.NullString
		if err := rows.Scan(&name, &text); err != nil {
			return nil, err
		}
		have[name] = text.String
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var probs []string
	for _, name := range sortedKeys(want) {
		got, ok := have[name]
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("数据库的保护规则（触发器 %s）被删除：受它保护的记录可能在程序之外被改动或删除", name))
		case !sameSQL(got, want[name]):
			probs = append(probs, fmt.Sprintf("数据库的保护规则（触发器 %s）被改写：受它保护的记录可能在程序之外被改动或删除", name))
		}
	}
	return probs, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
