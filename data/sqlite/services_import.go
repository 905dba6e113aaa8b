package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"taizhang/data"
)

// ImportServices imports an old services ledger or certification register: each row's
// residents are found by ID number, its staff by name among the accounts (others are kept
// by name), and the services are written in one transaction, bringing every resident's
// certification cycle up to date. Every row is checked first; one problem and nothing is
// written. A service the office already has (same day, item, residents and content) is
// skipped, so importing the same file twice adds nothing.
func (db *DB) ImportServices(ctx context.Context, rows []data.SheetRow, opt data.ServiceImportOptions) (data.LedgerImportReport, error) {
	rep := data.LedgerImportReport{DryRun: opt.DryRun}
	if err := requireImport(ctx, opt.AddMissing); err != nil {
		return rep, err
	}
	file := data.ParseServiceLedger(rows, db.now(), opt.Certifications)
	rep.Rows = len(file.Entries)
	for _, h := range file.Headers {
		rep.Ignored = append(rep.Ignored, h.Ignored...)
	}
	people, err := db.residentBriefs(ctx)
	if err != nil {
		return rep, err
	}
	plan := func(q querier) (*serviceImportPlan, error) { return db.planServiceImport(ctx, q, file, opt, people) }
	finish := func(p *serviceImportPlan) (data.LedgerImportReport, error) {
		rep.Problems = append(append([]data.RosterProblem(nil), file.Problems...), p.problems...)
		sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
		rep.Imported, rep.Skipped = len(p.services), p.skipped
		for _, it := range p.addItems {
			rep.Added = append(rep.Added, data.AddedName{Kind: "服务事项", Name: it})
		}
		if len(rep.Problems) > 0 {
			lines := map[int]bool{}
			for _, pr := range rep.Problems {
				lines[pr.Line] = true
			}
			if len(rep.Problems) == 1 && rep.Problems[0].Line == 0 {
				return rep, data.Invalid("file", "%s，未导入任何记录", rep.Problems[0].Problem)
			}
			return rep, data.Invalid("file", "有 %d 行数据有误（共 %d 个问题），未导入任何记录。请改正后重新导入", len(lines), len(rep.Problems))
		}
		if rep.Rows == 0 {
			return rep, data.Invalid("file", "文件中没有数据：表头下面没有任何一行")
		}
		return rep, nil
	}
	if opt.DryRun {
		p, err := plan(db.db)
		if err != nil {
			return rep, err
		}
		return finish(p)
	}
	err = db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		p, err := plan(tx.Tx)
		if err != nil {
			return err
		}
		if rep, err = finish(p); err != nil {
			return err
		}
		for _, it := range p.addItems {
			if _, err := tx.addCatalog(data.CatalogServiceTopics, it, "", 100); err != nil {
				return err
			}
		}
		if len(p.services) == 0 {
			return nil
		}
		order := make([]int, len(p.services))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return p.services[order[a]].Date.Before(p.services[order[b]].Date) })
		ids := make([]int64, len(p.services))
		return tx.bulkServices(p.services, order, nil, people, ids)
	})
	return rep, err
}

type serviceImportPlan struct {
	services []data.Service
	addItems []string
	skipped  int
	problems []data.RosterProblem
}

// serviceKey tells a service apart for re-imports: day, item, residents and content.
func serviceKey(date, item, content string, residents []int64) string {
	ids := append([]int64(nil), residents...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return fmt.Sprint(date, "\x00", item, "\x00", ids, "\x00", strings.TrimSpace(content))
}

func (db *DB) planServiceImport(ctx context.Context, q querier, file data.ServiceLedgerFile, opt data.ServiceImportOptions,
	people map[int64]servedResident) (*serviceImportPlan, error) {
	p := &serviceImportPlan{}
	if len(file.Headers) == 0 {
		return p, nil
	}
	multi := len(file.Headers) > 1
	byID := map[string]servedResident{}
	for _, r := range people {
		byID[r.idNumber] = r
	}
	items, err := stringSet(ctx, q, "SELECT value FROM catalog WHERE kind = ? AND voided = 0", string(data.CatalogServiceTopics))
	if err != nil {
		return nil, err
	}
	users := map[string]int64{}
	rows, err := q.QueryContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, err
		}
		users[name] = id
	}
	rows.Close()
	have := map[string]bool{}
	rows, err = q.QueryContext(ctx, `SELECT s.served_on, s.item, s.content, `+groupConcat(db.pg, "sr.resident_id")+` FROM services s
		JOIN service_residents sr ON sr.service_id = s.id WHERE s.voided = 0 GROUP BY s.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var on, item, content, list string
		if err := rows.Scan(&on, &item, &content, &list); err != nil {
			rows.Close()
			return nil, err
		}
		var ids []int64
		for _, s := range strings.Split(list, ",") {
			var id int64
			fmt.Sscan(s, &id)
			ids = append(ids, id)
		}
		have[serviceKey(on, item, content, ids)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rules, err := db.CertRules(ctx)
	if err != nil {
		return nil, err
	}
	added := map[string]bool{}
	inFile := map[string]int{}
	today := db.today()
	for _, e := range file.Entries {
		sheet := ""
		if multi {
			sheet = e.Sheet
		}
		before := len(p.problems)
		bad := func(col, value, format string, args ...any) {
			p.problems = append(p.problems, data.RosterProblem{Sheet: sheet, Line: e.Line, Column: col, Problem: fmt.Sprintf(format, args...), Value: value})
		}
		s := e.Service
		for k, id := range e.IDNumbers {
			r, ok := byID[id]
			if !ok {
				bad(e.Titles["ids"], id, "没有这个身份证号的居民档案：请先导入或登记该居民")
				continue
			}
			if pr := certAgeProblem(rules, s.Item, []servedResident{r}, s.Date); pr != "" && !s.Date.IsZero() {
				bad(e.Titles["ids"], data.MaskIDNumber(id), "%s，不能登记这项认证", pr)
			}
			if len(e.Names) == len(e.IDNumbers) && e.Names[k] != r.name {
				bad(e.Titles["names"], e.Names[k], "与身份证号 %s 的居民（%s）姓名不符", data.MaskIDNumber(id), r.name)
			}
			s.ResidentIDs = append(s.ResidentIDs, r.id)
			if k == 0 {
				s.CommunityID = r.communityID
			}
		}
		if s.Item != "" && !items[s.Item] {
			if opt.AddMissing {
				if !added[s.Item] {
					added[s.Item] = true
					p.addItems = append(p.addItems, s.Item)
				}
			} else {
				bad(e.Titles["item"], s.Item, "“%s”不在本单位的服务事项目录中：请先在“设置”中添加，或导入时选择添加缺少的项（--add-missing）", s.Item)
			}
		}
		if _, ok := e.Titles["staff"]; !ok && len(s.Staff) == 0 {
			s.Staff = []data.Staff{{Name: importedBy.Name}} // the register names nobody: signed 导入
		}
		for i := range s.Staff {
			s.Staff[i].UserID = users[s.Staff[i].Name]
		}
		key := serviceKey(s.Date.String(), s.Item, s.Content, s.ResidentIDs)
		if len(p.problems) == before && have[key] {
			p.skipped++
			continue
		}
		if first, dup := inFile[key]; dup {
			bad("", "", "与第 %d 行是同一条记录（日期、事项、服务对象和内容都相同）", first)
			continue
		}
		inFile[key] = e.Line
		if len(p.problems) > before || len(s.ResidentIDs) == 0 {
			continue
		}
		if err := s.Validate(today); err != nil {
			ps := data.ProblemsOf(err)
			for _, f := range ps.Fields() {
				bad(e.Titles[serviceField(f)], "", "%s", ps.Get(f))
			}
			continue
		}
		p.services = append(p.services, s)
	}
	return p, nil
}

// serviceField maps data.Service.Validate's field keys to the importer's columns.
func serviceField(key string) string {
	switch key {
	case "date":
		return "date"
	case "residents":
		return "ids"
	case "on_the_spot":
		return "spot"
	}
	return key
}
