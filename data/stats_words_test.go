package data

import (
	"strings"
	"testing"
)

func TestOtherLedgersSummary(t *testing.T) {
	s := ServiceFigures{Total: 12, Completed: 10, OnTheSpot: 4, Elderly: 7,
		ByType: map[string]int{string(ServiceAtHome): 8, string(ServiceCertification): 4, string(ServiceVisit): 0}}
	c := CertFigures{AsOf: MustDate(2026, 9, 30), Certified: 30, Due: 5, Overdue: 2}
	got := strings.Join(OtherLedgersSummary(s, c, 9, 3), "\n")
	want := "上门服务 12 次（已办结 10 次，当场办结 4 次，服务 60 周岁以上老人 7 次；上门办 8、入户认证 4）\n" +
		"定期认证（截至 2026-09-30）：已认证 30 人，待认证 5 人，逾期未认证 2 人\n" +
		"行政文书：签发 9 份，决定书待送达 3 份"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
