package app

// statsScreenshots are the screenshot steps of 统计与导出: the page for this quarter, and
// the export dialog of the issue ledger.
func statsScreenshots(s *Session) []struct {
	name string
	show func()
} {
	return []struct {
		name string
		show func()
	}{
		{"40-stats.png", func() {
			s.CloseDialog()
			s.shell.Show(ScreenStats)
		}},
		{"41-export.png", func() {
			sc, ok := s.shell.Screen(ScreenStats).(*statsScreen)
			if !ok {
				return
			}
			sc.onExportIssues()
		}},
	}
}
