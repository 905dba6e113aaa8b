package app

import "taizhang/data"

// serviceScreenshots are the steps of Screenshots for 上门服务: the ledger, the service form
// and the 定期认证 list.
func serviceScreenshots(s *Session) []struct {
	name string
	show func()
} {
	var sc *servicesScreen
	return []struct {
		name string
		show func()
	}{
		{"30-services.png", func() {
			s.CloseDialog()
			s.shell.Show(ScreenServices)
			sc = s.shell.Screen(ScreenServices).(*servicesScreen)
			sc.showList()
			sc.tabs.Select(sc.listTab)
		}},
		{"31-service-form.png", func() {
			sc.OnNew()
			f := sc.form
			f.typ.SetSelected(string(data.ServiceAtHome))
			if len(f.item.Options) > 2 {
				f.item.SetSelected(f.item.Options[2])
			}
			f.content.SetText("老人行动不便，工作人员携带设备上门办理，现场采集信息并指导签字")
		}},
		{"32-certifications.png", func() {
			sc.closeForm()
			sc.showCertifications(data.CertPending)
		}},
	}
}
