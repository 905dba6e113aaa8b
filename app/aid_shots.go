package app

// aidScreenshots are the screenshot steps of 救助对象: the month's roster and the first
// case's page.
func aidScreenshots(s *Session) []struct {
	name string
	show func()
} {
	return []struct {
		name string
		show func()
	}{
		{"50-aid.png", func() {
			s.CloseDialog()
			s.shell.Show(ScreenAid)
		}},
		{"51-aid-case.png", func() {
			sc, ok := s.shell.Screen(ScreenAid).(*aidScreen)
			if !ok || len(sc.rows) == 0 {
				return
			}
			sc.showCase(sc.rows[0].CaseID)
		}},
	}
}
