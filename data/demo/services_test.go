package demo

import (
	"context"
	"testing"

	"taizhang/data"
)

func TestSmallDemoServices(t *testing.T) {
	db := buildSmall(t, 7)
	ctx := context.Background()
	rows, total, err := db.ListServices(ctx, data.ServiceFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if total != Small.Services || len(rows) != total {
		t.Fatalf("got %d services, want %d", total, Small.Services)
	}
	byType := map[data.ServiceType]int{}
	byResult := map[data.ServiceResult]int{}
	for _, r := range rows {
		byType[r.Type]++
		byResult[r.Result]++
		if r.Date.After(data.Today(db.Now())) {
			t.Errorf("%s is dated in the future: %s", r.Number, r.Date)
		}
	}
	for _, typ := range data.ServiceTypes {
		if byType[typ] == 0 {
			t.Errorf("no service of type %s: %v", typ, byType)
		}
	}
	for _, res := range data.ServiceResults {
		if byResult[res] == 0 {
			t.Errorf("no service ended %s: %v", res, byResult)
		}
	}
	for _, item := range []string{data.ItemOldAgeAllowance, data.ItemPension} {
		counts, _, err := db.CertCounts(ctx, item, 0, data.Date{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %v", item, counts)
		if counts[data.CertDue] == 0 || counts[data.CertCertified] == 0 {
			t.Errorf("%s: want some due and some certified, got %v", item, counts)
		}
		if item == data.ItemOldAgeAllowance && counts[data.CertOverdue] == 0 {
			t.Errorf("%s: want some overdue, got %v", item, counts)
		}
	}
	st, err := db.Stats(ctx, data.StatsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Services.Total != Small.Services || st.Services.ElderlyShare < 0.5 || st.Services.OnTheSpot == 0 {
		t.Errorf("stats: got %+v", st.Services)
	}
	photos := 0
	for _, r := range rows[:100] {
		as, err := db.ServicePhotos(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		photos += len(as)
	}
	if photos == 0 {
		t.Error("no photos in the first 100 services")
	}
	rep, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("check: %v", rep.Problems)
	}
}
