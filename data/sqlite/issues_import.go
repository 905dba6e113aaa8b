package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"taizhang/data"
)

// importedBy signs the history of imported issues: every entry reads 导入.
var importedBy = data.User{Name: "导入", Role: data.RoleAdmin}

// requireImport checks that the acting user may record (every ledger import) and, when the
// import adds missing communities and catalog entries, manage the organisation.
func requireImport(ctx context.Context, addMissing bool) error {
	u := data.UserFromContext(ctx)
	if err := requireUser(u, data.ActRecord); err != nil {
		return err
	}
	if addMissing {
		return requireUser(u, data.ActManageOrg)
	}
	return nil
}

// ImportIssues imports an old issue ledger (rows as reports.ReadTable reads them): each
// issue with its lifecycle replayed through the same rules as typed-in issues, on the file's
// dates (登记 on 发现日期, 销号 on 销号日期, 回访 on 回访日期), its history signed 导入. A
// number that fits the office's format (WT-2026-0001) is kept and numbering continues after
// it. Every row is checked first; one problem and nothing is written. An issue the office
// already has (same 发现日期 and 问题描述) is skipped, so importing a file twice adds nothing.
func (db *DB) ImportIssues(ctx context.Context, rows []data.SheetRow, opt data.IssueImportOptions) (data.LedgerImportReport, error) {
	rep := data.LedgerImportReport{DryRun: opt.DryRun}
	if err := requireImport(ctx, opt.AddMissing); err != nil {
		return rep, err
	}
	var file data.IssueLedgerFile
	if opt.Hotline {
		file = data.ParseHotlineOrders(rows, db.now())
	} else {
		file = data.ParseIssueLedger(rows, db.now())
	}
	cal, err := db.Calendar(ctx)
	if err != nil {
		return rep, err
	}
	rep.Rows = len(file.Entries)
	for _, h := range file.Headers {
		rep.Ignored = append(rep.Ignored, h.Ignored...)
	}
	if opt.DryRun {
		plan, err := planIssueImport(ctx, db.db, file, opt, db.today(), cal)
		if err != nil {
			return rep, err
		}
		return plan.report(rep, file)
	}
	err = db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		plan, err := planIssueImport(ctx, tx.Tx, file, opt, tx.today(), cal)
		if err != nil {
			return err
		}
		if rep, err = plan.report(rep, file); err != nil {
			return err
		}
		if err := tx.addMissing(plan); err != nil {
			return err
		}
		if len(plan.issues) == 0 {
			return nil
		}
		var ids []int64
		if err := tx.bulkIssues(plan.issues, plan.states, &ids); err != nil {
			return err
		}
		return tx.Audit("import", "issues", 0, nil, map[string]any{"file": opt.File, "imported": len(ids), "skipped": rep.Skipped,
			"added": plan.added})
	})
	return rep, err
}

// issueImportPlan is a checked file: the issues to write with their replayed states, the
// names to add, and every problem.
type issueImportPlan struct {
	issues   []data.BulkIssue
	states   []*bulkState
	entries  []*data.IssueImportEntry // per issue: its row, for the missing names
	added    []data.AddedName
	skipped  int
	problems []data.RosterProblem
}

func (p *issueImportPlan) report(rep data.LedgerImportReport, file data.IssueLedgerFile) (data.LedgerImportReport, error) {
	rep.Problems = append(append([]data.RosterProblem(nil), file.Problems...), p.problems...)
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
	rep.Added, rep.Skipped, rep.Imported = p.added, p.skipped, len(p.issues)
	if len(rep.Problems) > 0 {
		if len(rep.Problems) == 1 && rep.Problems[0].Line == 0 {
			return rep, data.Invalid("file", "%s，未导入任何问题", rep.Problems[0].Problem)
		}
		lines := map[int]bool{}
		for _, pr := range rep.Problems {
			lines[pr.Line] = true
		}
		return rep, data.Invalid("file", "有 %d 行数据有误（共 %d 个问题），未导入任何问题。请改正后重新导入", len(lines), len(rep.Problems))
	}
	if rep.Rows == 0 {
		return rep, data.Invalid("file", "文件中没有问题数据：表头下面没有任何一行")
	}
	return rep, nil
}

// addMissing adds the names the plan found missing, then points the issues at them.
func (tx *Tx) addMissing(p *issueImportPlan) error {
	if len(p.added) == 0 {
		return nil
	}
	comms, grids, err := orgNames(tx.ctx, tx.Tx)
	if err != nil {
		return err
	}
	commID := map[string]int64{}
	for _, c := range comms {
		commID[c.Name] = c.ID
	}
	gridID := map[string]int64{}
	for cid, gs := range grids {
		for _, g := range gs {
			gridID[fmt.Sprint(cid)+"\x00"+g.Name] = g.ID
		}
	}
	kinds := map[string]data.CatalogKind{"问题来源": data.CatalogIssueSources, "问题类别": data.CatalogIssueCategories,
		"责任单位": data.CatalogResponsibleUnits}
	for _, a := range p.added {
		switch a.Kind {
		case "社区":
			c, err := tx.addCommunity(a.Name, len(commID)+1)
			if err != nil {
				return err
			}
			commID[a.Name] = c.ID
		case "网格":
			community, grid, _ := strings.Cut(a.Name, "/")
			cid := commID[community]
			g, err := tx.addGrid(cid, grid, 100)
			if err != nil {
				return err
			}
			gridID[fmt.Sprint(cid)+"\x00"+grid] = g.ID
		default:
			if _, err := tx.addCatalog(kinds[a.Kind], a.Name, "", 100); err != nil {
				return err
			}
		}
	}
	for k, e := range p.entries {
		iss := &p.states[k].iss
		if e.Community != "" && iss.CommunityID == 0 {
			iss.CommunityID = commID[e.Community]
		}
		if e.Grid != "" && iss.GridID == 0 {
			iss.GridID = gridID[fmt.Sprint(iss.CommunityID)+"\x00"+e.Grid]
		}
		p.issues[k].Issue.CommunityID, p.issues[k].Issue.GridID = iss.CommunityID, iss.GridID
	}
	return nil
}

func planIssueImport(ctx context.Context, q querier, file data.IssueLedgerFile, opt data.IssueImportOptions, today data.Date,
	cal *data.Calendar) (*issueImportPlan, error) {
	p := &issueImportPlan{}
	if len(file.Headers) == 0 {
		return p, nil
	}
	multi := len(file.Headers) > 1
	comms, grids, err := orgNames(ctx, q)
	if err != nil {
		return nil, err
	}
	commID := map[string]int64{}
	for _, c := range comms {
		commID[c.Name] = c.ID
	}
	gridID := map[string]int64{}
	for cid, gs := range grids {
		for _, g := range gs {
			gridID[fmt.Sprint(cid)+"\x00"+g.Name] = g.ID
		}
	}
	catalog := map[string]bool{}
	rows, err := q.QueryContext(ctx, "SELECT kind, value FROM catalog WHERE voided = 0 AND kind IN (?, ?, ?)",
		string(data.CatalogIssueSources), string(data.CatalogIssueCategories), string(data.CatalogResponsibleUnits))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, err
		}
		catalog[k+"\x00"+v] = true
	}
	rows.Close()
	// The issues the office has: by number, and by 发现日期 and 问题描述.
	numbers := map[string]string{}
	have := map[string]bool{}
	orders := map[string]bool{}
	rows, err = q.QueryContext(ctx, "SELECT number, found_on, description, hotline_order FROM issues")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var number, found, desc, order string
		if err := rows.Scan(&number, &found, &desc, &order); err != nil {
			rows.Close()
			return nil, err
		}
		numbers[number] = found + "\x00" + desc
		have[found+"\x00"+desc] = true
		if order != "" {
			orders[order] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	addedSet := map[string]bool{}
	add := func(kind, name string) {
		if !addedSet[kind+"\x00"+name] {
			addedSet[kind+"\x00"+name] = true
			p.added = append(p.added, data.AddedName{Kind: kind, Name: name})
		}
	}
	badLine := map[string]bool{} // rows the parser found faults in: not replayed again
	for _, pr := range file.Problems {
		badLine[fmt.Sprint(pr.Sheet, "\x00", pr.Line)] = true
	}
	inFile := map[string]int{}
	for k := range file.Entries {
		e := &file.Entries[k]
		sheet := ""
		if multi {
			sheet = e.Sheet
		}
		bad := func(col, value, format string, args ...any) {
			p.problems = append(p.problems, data.RosterProblem{Sheet: sheet, Line: e.Line, Column: col, Problem: fmt.Sprintf(format, args...), Value: value})
		}
		iss := e.Issue
		// Imported before? A kept number says which issue it is; without one, the date
		// found and the description do.
		key := iss.FoundOn.String() + "\x00" + iss.Description
		if iss.DeadlineWorkdays > 0 && iss.Deadline.IsZero() && !iss.FoundOn.IsZero() {
			iss.SetDeadlineWorkdays(cal, iss.DeadlineWorkdays)
		}
		if e.HotlineOrder != "" {
			// A 12345 order is the order its 工单编号 names: imported before, it is skipped.
			if orders[e.HotlineOrder] {
				p.skipped++
				continue
			}
		} else if iss.Number != "" {
			if k, taken := numbers[iss.Number]; taken {
				if k == key {
					p.skipped++
					continue
				}
				bad(e.Titles["number"], e.FileNumber, "编号已被本单位的另一个问题使用，请核对")
			}
		} else {
			if have[key] {
				p.skipped++
				continue
			}
			if first, dup := inFile[key]; dup {
				bad(e.Titles["description"], iss.Description, "与第 %d 行的发现日期和问题描述相同，是重复的一行", first)
				continue
			}
			inFile[key] = e.Line
		}
		// Community and grid.
		if e.Community != "" {
			id, ok := commID[e.Community]
			switch {
			case ok:
				iss.CommunityID = id
			case opt.AddMissing:
				add("社区", e.Community)
			default:
				bad(communityTitle(e), e.Community, "本单位没有这个社区：请先在“设置”中添加，或导入时选择“添加缺少的社区、类别等”（--add-missing）")
			}
		}
		if e.Grid != "" {
			switch {
			case e.Community == "":
				bad(e.Titles["grid"], e.Grid, "填写了网格，但没有填写社区")
			case iss.CommunityID != 0 && gridID[fmt.Sprint(iss.CommunityID)+"\x00"+e.Grid] != 0:
				iss.GridID = gridID[fmt.Sprint(iss.CommunityID)+"\x00"+e.Grid]
			case opt.AddMissing:
				add("网格", e.Community+"/"+e.Grid)
			default:
				bad(e.Titles["grid"], e.Grid, "社区“%s”没有这个网格：请先在“设置”中添加，或导入时选择添加缺少的网格（--add-missing）", e.Community)
			}
		}
		for _, c := range []struct {
			kind  data.CatalogKind
			label string
			field string
			value string
		}{
			{data.CatalogIssueSources, "问题来源", "source", iss.Source},
			{data.CatalogIssueCategories, "问题类别", "category", iss.Category},
			{data.CatalogResponsibleUnits, "责任单位", "unit", iss.ResponsibleUnit},
		} {
			if c.value == "" || catalog[string(c.kind)+"\x00"+c.value] {
				continue
			}
			if opt.AddMissing {
				add(c.label, c.value)
				continue
			}
			bad(e.Titles[c.field], c.value, "“%s”不在本单位的%s目录中：请先在“设置”中添加，或导入时选择添加缺少的项（--add-missing）", c.value, c.label)
		}
		if badLine[fmt.Sprint(sheet, "\x00", e.Line)] {
			continue
		}
		b := importedIssue(iss, *e, opt.File)
		st, err := replayIssue(&b, today)
		if err != nil {
			bad("", "", "%s", data.Message(err))
			continue
		}
		p.issues = append(p.issues, b)
		p.states = append(p.states, st)
		p.entries = append(p.entries, e)
	}
	return p, nil
}

func communityTitle(e *data.IssueImportEntry) string {
	if t := e.Titles["community"]; t != "" {
		return t
	}
	return e.Titles["community_grid"]
}

// importedIssue is the issue of a ledger row with the history that brings it to the row's
// status on the row's dates, every entry signed 导入.
func importedIssue(iss data.Issue, e data.IssueImportEntry, file string) data.BulkIssue {
	status := iss.Status
	b := data.BulkIssue{Issue: iss, Imported: true, HotlineOrder: e.HotlineOrder}
	b.Issue.Status, b.Issue.ClosedOn, b.Issue.Result = "", data.Date{}, ""
	ev := func(d data.Date, a data.IssueAction, note string) data.BulkEvent {
		return data.BulkEvent{Date: d, Action: a, By: importedBy, Note: note}
	}
	where := fmt.Sprintf("导入：%s 第 %d 行", file, e.Line)
	if e.Sheet != "" {
		where = fmt.Sprintf("导入：%s 工作表“%s”第 %d 行", file, e.Sheet, e.Line)
	}
	if e.HotlineOrder != "" {
		where = fmt.Sprintf("导入 12345 工单 %s（%s）", e.HotlineOrder, strings.TrimPrefix(where, "导入："))
	}
	b.Events = append(b.Events, ev(iss.FoundOn, data.IssueRecord, where))
	switch status {
	case data.IssueInProgress, data.IssuePendingReview, data.IssueClosed:
		b.Events = append(b.Events, ev(iss.FoundOn, data.IssueStart, ""))
	case data.IssueVoided:
		b.Events = append(b.Events, ev(iss.FoundOn, data.IssueVoid, "原台账中已作废（导入）"))
	}
	reworked := iss.FoundOn // the day rectification resumed after an unsatisfied visit
	if e.Satisfaction == data.Unsatisfied && status != data.IssueVoided {
		// The latest visit was unsatisfied: the issue was closed, visited and sent back on
		// that day, as the ledger's own export writes such an issue.
		v := e.FollowUpOn
		f := ev(v, data.IssueReopen, "导入：原台账记回访不满意")
		f.Satisfaction, f.Method = e.Satisfaction, data.FollowUpPhone
		b.Events = append(b.Events, ev(v, data.IssueRequestCloseOut, importedResult(iss.Result)), ev(v, data.IssueApproveCloseOut, ""), f)
		reworked = v
	}
	switch status {
	case data.IssuePendingReview:
		b.Events = append(b.Events, ev(reworked, data.IssueRequestCloseOut, iss.Result))
	case data.IssueClosed:
		if e.Satisfaction == data.Unsatisfied {
			b.Events = append(b.Events, ev(iss.ClosedOn, data.IssueRequestCloseOut, iss.Result), ev(iss.ClosedOn, data.IssueApproveCloseOut, ""))
			break
		}
		b.Events = append(b.Events, ev(iss.ClosedOn, data.IssueRequestCloseOut, iss.Result),
			ev(iss.ClosedOn, data.IssueApproveCloseOut, ""))
		if !e.FollowUpOn.IsZero() {
			f := ev(e.FollowUpOn, data.IssueRecordFollowUp, "导入：原台账未记回访方式")
			f.Satisfaction, f.Method = e.Satisfaction, data.FollowUpPhone
			b.Events = append(b.Events, f)
		}
	}
	return b
}

// importedResult is the result of the first close-out of an issue later sent back: the
// ledger keeps only the last result.
func importedResult(last string) string {
	if last != "" {
		return last
	}
	return "导入：原台账未记首次整改结果"
}
