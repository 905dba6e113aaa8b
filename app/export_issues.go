package app

// onExport exports the issues the filter bar selects (导出 on the ledger's toolbar), as
// XLSX or PDF. The ledger is exported in the inspector's order (oldest found first),
// whatever the list's sort.
func (sc *issuesScreen) onExport() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	f.Sort, f.Desc, f.Offset, f.Limit = "", false, 0, 0
	community := ""
	if f.CommunityID != 0 {
		community = sc.community.Selected
	}
	sc.sess.showExport(issueExport(sc.sess, f, community))
}
