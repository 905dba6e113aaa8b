package app

import (
	"taizhang/data"
)

// documentScreenshots are the steps of Screenshots for 行政文书: the list, the decision form,
// a decision's page with its preview, the 登记送达 dialog and the one-time notice.
func documentScreenshots(s *Session) []struct {
	name string
	show func()
} {
	var sc *documentsScreen
	// firstWhere returns the first listed document that satisfies ok.
	firstWhere := func(ok func(r data.DocumentRow) bool) int64 {
		for _, r := range sc.rows {
			if ok(r) {
				return r.ID
			}
		}
		return 0
	}
	return []struct {
		name string
		show func()
	}{
		{"20-documents.png", func() {
			s.CloseDialog()
			s.shell.Show(ScreenDocuments)
			sc = s.shell.Screen(ScreenDocuments).(*documentsScreen)
			sc.showList()
		}},
		{"21-decision-form.png", func() {
			sc.OnNew()
			f := sc.form
			hits, err := s.DB.SearchResidents(s.Ctx(), "", 1)
			if err != nil || len(hits) == 0 {
				if rows, _, err := s.DB.ListResidents(s.Ctx(), data.ResidentFilter{Limit: 1}); err == nil {
					hits = rows
				}
			}
			if len(hits) > 0 {
				f.picker.choose(hits[0])
			}
			f.programme.SetSelected(string(data.ProgrammeDibao))
			f.outcome.SetSelected(data.OutcomeRefuse.String())
			f.applied.SetText("2026-02-10")
			f.investigated.SetText("2026-02-20")
			f.facts.SetText("经入户调查、邻里访问和信息核对，申请人家庭共 3 人，其子在本市务工，月收入 4,600 元；家庭名下有机动车一辆。")
			f.reasons.SetText("家庭月人均收入高于本市最低生活保障标准，且拥有机动车，不符合最低生活保障条件。")
			f.changed("reasons")
		}},
		{"22-decision-preview.png", func() {
			sc.form.dirty = false
			sc.form = nil
			sc.showList()
			sc.load()
			if id := firstWhere(func(r data.DocumentRow) bool {
				return r.Kind == data.DocDecision && r.Status == data.DocSigned
			}); id != 0 {
				sc.showDetail(id)
			}
		}},
		{"23-delivery.png", func() {
			id := firstWhere(func(r data.DocumentRow) bool {
				return r.AwaitingDelivery()
			})
			if id == 0 {
				return
			}
			sc.showDetail(id)
			sc.detail.onDeliver()
			df := sc.detail.delivery
			df.method.SetSelected(data.DeliveryLeft.String())
			df.witness.SetText("王丽（社区工作人员）")
		}},
		{"24-one-time-notice.png", func() {
			s.CloseDialog()
			sc.openNotice()
			f := sc.notice
			f.search.SetText("临时")
			f.applicant.entry.SetText("张菊花")
			f.applicant.showHits(nil)
			for i, c := range f.checks {
				if i < 2 {
					c.SetChecked(true)
				}
			}
		}},
	}
}
