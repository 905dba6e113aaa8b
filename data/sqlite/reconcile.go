package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"taizhang/data"
)

// Reconciliation replays the audit log and compares what it produces with the tables, so a
// row changed, added or removed behind the program's back is named: residents and staff
// accounts, the records a change of which matters most (personal data, who may do what).

// recState is what the audit log says one row holds.
type recState struct {
	fields map[string]any // the fields the log gives values for (JSON-decoded)
	digest string         // a bulk creation's fingerprint, while no later entry changed the row
}

// residentFields are the fields of a resident the audit log records, with their names.
var residentFields = []struct{ key, name string }{
	{"name", "姓名"}, {"id_number", "身份证号"}, {"phone", "电话"}, {"address", "住址"},
	{"community_id", "社区"}, {"grid_id", "网格"}, {"household_id", "户"}, {"relation", "与户主关系"},
	{"tags", "标签"}, {"status", "状态"}, {"note", "备注"}, {"voided", "作废状态"}, {"void_reason", "作废原因"},
}

// documentFields are the fields of a document the audit log records in every entry that sets them.
var documentFields = []struct{ key, name string }{{"status", "状态"}, {"doc_number", "文号"}}

func documentEvent(st map[int64]*recState, action string, rec int64, after map[string]any) {
	get := func(id int64) *recState {
		if st[id] == nil {
			st[id] = &recState{}
		}
		return st[id]
	}
	switch action {
	case "create", "update", "correct", "sign":
		m := map[string]any{"status": after["status"], "doc_number": after["doc_number"]}
		if m["doc_number"] == nil {
			m["doc_number"] = ""
		}
		get(rec).set(m, "status", "doc_number")
	case "void":
		get(rec).set(map[string]any{"status": after["status"]}, "status")
	case "bulk_sign":
		if ns, ok := after["numbers"].(map[string]any); ok {
			for id, n := range ns {
				k, _ := strconv.ParseInt(id, 10, 64)
				get(k).set(map[string]any{"status": "signed", "doc_number": n}, "status", "doc_number")
			}
			return
		}
		first, _ := after["first_id"].(float64)
		last, _ := after["last_id"].(float64)
		for id := int64(first); id <= int64(last) && id > 0; id++ {
			get(id).set(map[string]any{"status": "signed"}, "status")
		}
	}
}

// userFields are the fields of an account the audit log records.
var userFields = []struct{ key, name string }{
	{"username", "登录名"}, {"name", "姓名"}, {"role", "角色"}, {"community_id", "所属社区"},
	{"phone", "电话"}, {"disabled", "停用状态"},
}

// jsonMap decodes a JSON object; nil when s is not one.
func jsonMap(s string) map[string]any {
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// canonResident is a resident as the audit log writes it, decoded the same way as the log.
func canonResident(r data.Resident) map[string]any {
	m := jsonMap(toJSON(auditResident(r)))
	if m["tags"] == nil {
		m["tags"] = []any{}
	}
	return m
}

// residentDigest fingerprints a resident for bulk creation, where writing every field of
// thousands of records into the log would double the file: 12 bytes of SHA-256 over the whole
// record, then 2 bytes per field (residentFields' order) to name which field changed.
func residentDigest(r data.Resident) string {
	m := canonResident(r)
	b, _ := json.Marshal(m) // map keys sorted: stable
	sum := sha256.Sum256(b)
	out := hex.EncodeToString(sum[:12]) + ":"
	for _, f := range residentFields[:len(residentFields)-2] { // not the void fields: voiding is audited
		v, _ := json.Marshal(m[f.key])
		fs := sha256.Sum256(append([]byte(f.key+"\x1f"), v...))
		out += hex.EncodeToString(fs[:2])
	}
	return out
}

// digestFields names the fields whose part of two digests differ.
func digestFields(want, got string) []string {
	_, w, _ := strings.Cut(want, ":")
	_, g, _ := strings.Cut(got, ":")
	var out []string
	for i, f := range residentFields[:len(residentFields)-2] {
		if len(w) >= 4*(i+1) && len(g) >= 4*(i+1) && w[4*i:4*i+4] != g[4*i:4*i+4] {
			out = append(out, f.name)
		}
	}
	return out
}

// replay reads the entries of table in order and applies each to the state of its rows.
func replay(ctx context.Context, conn *sql.DB, table string, apply func(st map[int64]*recState, action string, rec int64, after map[string]any)) (map[int64]*recState, error) {
	rows, err := conn.QueryContext(ctx, "SELECT action, record_id, after FROM audit_log WHERE table_name = ? ORDER BY id", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	st := map[int64]*recState{}
	for rows.Next() {
		var action, after string
		var rec int64
		if err := rows.Scan(&action, &rec, &after); err != nil {
			return nil, err
		}
		apply(st, action, rec, jsonMap(after))
	}
	return st, rows.Err()
}

func (s *recState) set(m map[string]any, keys ...string) {
	if s.fields == nil {
		s.fields = map[string]any{}
	}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			s.fields[k] = v
		}
	}
	s.digest = ""
}

func residentEvent(st map[int64]*recState, action string, rec int64, after map[string]any) {
	switch action {
	case "create", "import", "update":
		s := &recState{}
		if old := st[rec]; old != nil && action == "update" {
			s = old
		}
		if after["tags"] == nil {
			after["tags"] = []any{}
		}
		s.set(after, "name", "id_number", "phone", "address", "community_id", "grid_id", "household_id", "relation", "tags", "status", "note")
		if action != "update" {
			s.fields["voided"], s.fields["void_reason"] = false, ""
		}
		st[rec] = s
	case "bulk_create":
		if ds, ok := after["digests"].(map[string]any); ok {
			for id, d := range ds {
				n, _ := strconv.ParseInt(id, 10, 64)
				dg, _ := d.(string)
				st[n] = &recState{digest: dg}
			}
			return
		}
		// Written before digests were: the rows exist, their content is not known.
		first, _ := after["first_id"].(float64)
		last, _ := after["last_id"].(float64)
		for id := int64(first); id <= int64(last) && id > 0; id++ {
			st[id] = &recState{}
		}
	case "household":
		if st[rec] == nil {
			st[rec] = &recState{}
		}
		st[rec].set(after, "household_id", "relation")
	case "seal", "rekey":
		// The numbers sealed (an office encrypted after use) or sealed anew (a new key): the
		// log gives the row's new ciphertexts.
		if st[rec] == nil {
			st[rec] = &recState{}
		}
		st[rec].set(after, "id_number", "phone", "address")
	case "void":
		if st[rec] == nil {
			st[rec] = &recState{}
		}
		st[rec].set(map[string]any{"voided": true, "void_reason": after["reason"]}, "voided", "void_reason")
	}
}

func userEvent(st map[int64]*recState, action string, rec int64, after map[string]any) {
	switch action {
	case "create":
		s := &recState{}
		s.set(after, "username", "name", "role", "community_id", "phone", "disabled")
		if _, ok := after["disabled"]; !ok {
			s.fields["disabled"] = false
		}
		st[rec] = s
	case "update":
		if st[rec] == nil {
			st[rec] = &recState{}
		}
		st[rec].set(map[string]any{"name": after["Name"], "role": after["Role"], "community_id": after["CommunityID"],
			"phone": after["Phone"], "disabled": after["Disabled"]}, "name", "role", "community_id", "phone", "disabled")
	}
}

// differing names the fields where the row and the log disagree.
func differing(s *recState, cur map[string]any, fields []struct{ key, name string }) []string {
	var out []string
	for _, f := range fields {
		want, ok := s.fields[f.key]
		if ok && !reflect.DeepEqual(want, cur[f.key]) {
			out = append(out, f.name)
		}
	}
	return out
}

// reconcile compares residents and accounts with their audit history.
func reconcile(ctx context.Context, conn *sql.DB) ([]string, error) {
	var probs []string
	st, err := replay(ctx, conn, "residents", residentEvent)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	rows, err := conn.QueryContext(ctx, "SELECT "+residentCols+residentFrom+" ORDER BY r.id")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		r, err := scanResident(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		seen[r.ID] = true
		s := st[r.ID]
		if s == nil {
			probs = append(probs, fmt.Sprintf("居民 #%d（%s）没有任何审计记录：它是在程序之外写入的", r.ID, r.Name))
			continue
		}
		if s.digest != "" {
			got := residentDigest(r)
			switch d := digestFields(s.digest, got); {
			case r.Voided:
				probs = append(probs, fmt.Sprintf("居民 #%d 的作废状态与审计记录不一致", r.ID))
			case got == s.digest:
			case len(d) > 0:
				probs = append(probs, fmt.Sprintf("居民 #%d 的%s与审计记录不一致", r.ID, strings.Join(d, "、")))
			default:
				probs = append(probs, fmt.Sprintf("居民 #%d 的档案内容与审计记录不一致（与批量建档时记下的指纹不符）", r.ID))
			}
			continue
		}
		cur := canonResident(r)
		cur["voided"], cur["void_reason"] = r.Voided, r.VoidReason
		if d := differing(s, cur, residentFields); len(d) > 0 {
			probs = append(probs, fmt.Sprintf("居民 #%d 的%s与审计记录不一致", r.ID, strings.Join(d, "、")))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	probs = append(probs, deleted(st, seen, "居民")...)

	st, err = replay(ctx, conn, "users", userEvent)
	if err != nil {
		return nil, err
	}
	seen = map[int64]bool{}
	rows, err = conn.QueryContext(ctx, "SELECT "+userCols+" FROM users ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		seen[u.ID] = true
		s := st[u.ID]
		if s == nil {
			probs = append(probs, fmt.Sprintf("账号 #%d（%s）没有任何审计记录：它是在程序之外写入的", u.ID, u.Username))
			continue
		}
		cur := jsonMap(toJSON(map[string]any{"username": u.Username, "name": u.Name, "role": u.Role, "community_id": u.CommunityID,
			"phone": u.Phone, "disabled": u.Disabled}))
		if d := differing(s, cur, userFields); len(d) > 0 {
			probs = append(probs, fmt.Sprintf("账号 #%d（%s）的%s与审计记录不一致", u.ID, u.Username, strings.Join(d, "、")))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	probs = append(probs, deleted(st, seen, "账号")...)

	st, err = replay(ctx, conn, "documents", documentEvent)
	if err != nil {
		return nil, err
	}
	seen = map[int64]bool{}
	drows, err := conn.QueryContext(ctx, "SELECT id, status, COALESCE(doc_number, '') FROM documents ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer drows.Close()
	for drows.Next() {
		var id int64
		var status, number string
		if err := drows.Scan(&id, &status, &number); err != nil {
			return nil, err
		}
		seen[id] = true
		s := st[id]
		if s == nil {
			probs = append(probs, fmt.Sprintf("文书 #%d（%s）没有任何审计记录：它是在程序之外写入的", id, number))
			continue
		}
		if d := differing(s, map[string]any{"status": status, "doc_number": number}, documentFields); len(d) > 0 {
			probs = append(probs, fmt.Sprintf("文书 #%d（%s）的%s与审计记录不一致", id, number, strings.Join(d, "、")))
		}
	}
	if err := drows.Err(); err != nil {
		return nil, err
	}
	probs = append(probs, deleted(st, seen, "文书")...)
	return probs, nil
}

// deleted names the rows the log created that the table no longer has.
func deleted(st map[int64]*recState, seen map[int64]bool, what string) []string {
	var ids []int64
	for id := range st {
		if !seen[id] {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []string
	for _, id := range ids {
		out = append(out, fmt.Sprintf("%s #%d 已被删除：审计记录中有它，数据表中没有", what, id))
	}
	return out
}
