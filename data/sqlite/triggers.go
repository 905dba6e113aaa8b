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
func triggerProblems(ctx context.Context, conn *sql.DB, pg bool) ([]string, error) {
	if pg {
		return serverTriggerProblems(ctx, conn)
	}
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

var (
	pgTriggerRE  = regexp.MustCompile(`(?s)CREATE TRIGGER (\w+)\b.*?EXECUTE FUNCTION (\w+)\(`)
	pgFunctionRE = regexp.MustCompile(`(?s)CREATE FUNCTION (\w+)\(.*?AS \$\$(.*?)\$\$;`)
)

// serverTriggerProblems names the triggers of the server's schema that were dropped or
// disabled, and the functions they run that were rewritten, against migrations_pg.
func serverTriggerProblems(ctx context.Context, conn *sql.DB) ([]string, error) {
	ms, err := pgMigrations()
	if err != nil {
		return nil, err
	}
	want := map[string]string{} // trigger → the function it runs
	funcs := map[string]string{}
	for _, m := range ms {
		for _, t := range pgTriggerRE.FindAllStringSubmatch(m.sql, -1) {
			want[t[1]] = t[2]
		}
		for _, f := range pgFunctionRE.FindAllStringSubmatch(m.sql, -1) {
			funcs[f[1]] = f[2]
		}
	}
	rows, err := conn.QueryContext(ctx, `SELECT t.tgname, t.tgenabled, p.proname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		JOIN pg_proc p ON p.oid = t.tgfoid WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	enabled := map[string]bool{}
	runs := map[string]string{}
	for rows.Next() {
		var name, state, fn string
		if err := rows.Scan(&name, &state, &fn); err != nil {
			return nil, err
		}
		enabled[name], runs[name] = state != "D", fn
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var probs []string
	for _, name := range sortedKeys(want) {
		on, ok := enabled[name]
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("数据库的保护规则（触发器 %s）被删除：受它保护的记录可能在程序之外被改动或删除", name))
		case runs[name] != want[name]:
			probs = append(probs, fmt.Sprintf("数据库的保护规则（触发器 %s）被改写：受它保护的记录可能在程序之外被改动或删除", name))
		case !on:
			probs = append(probs, fmt.Sprintf("数据库的保护规则（触发器 %s）被停用：受它保护的记录可能在程序之外被改动或删除", name))
		}
	}
	for _, name := range sortedKeys(funcs) {
		var src string
		err := conn.QueryRowContext(ctx, "SELECT prosrc FROM pg_proc WHERE proname = ? AND pronamespace = current_schema()::regnamespace", name).Scan(&src)
		if err != nil && !isNoRows(err) {
			return nil, err
		}
		if isNoRows(err) || !sameSQL(src, funcs[name]) {
			probs = append(probs, fmt.Sprintf("数据库的保护规则（函数 %s）被删除或改写：受它保护的记录可能在程序之外被改动或删除", name))
		}
	}
	return probs, nil
}
