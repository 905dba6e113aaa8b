package data

import (
	"fmt"
	"strings"
)

// OtherLedgersSummary says in one line each what the services, certifications and
// documents ledgers hold for a period, for the statistics screen and `taizhang stats`:
// 上门服务 500 次（已办结 420 次，当场办结 200 次，服务 80 周岁以上老人 300 次）…
func OtherLedgersSummary(s ServiceFigures, c CertFigures, issued, awaitingDelivery int) []string {
	var types []string
	for _, t := range ServiceTypes {
		if n := s.ByType[string(t)]; n > 0 {
			types = append(types, fmt.Sprintf("%s %d", t, n))
		}
	}
	svc := fmt.Sprintf("上门服务 %d 次（已办结 %d 次，当场办结 %d 次，服务 %d 周岁以上老人 %d 次", s.Total, s.Completed, s.OnTheSpot, ElderlyAge, s.Elderly)
	if len(types) > 0 {
		svc += "；" + strings.Join(types, "、")
	}
	svc += "）"
	cert := fmt.Sprintf("定期认证（截至 %s）：已认证 %d 人，待认证 %d 人，逾期未认证 %d 人", c.AsOf, c.Certified, c.Due, c.Overdue)
	docs := fmt.Sprintf("行政文书：签发 %d 份，决定书待送达 %d 份", issued, awaitingDelivery)
	return []string{svc, cert, docs}
}
