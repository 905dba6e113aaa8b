package demo

import (
	"context"
	"taizhang/reports"
	"testing"
	"time"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/data/sqlite/dbtest"
)

func buildSmall(t *testing.T, seed uint64) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(dbtest.Location(t, "demo.db"), sqlite.Options{Renderer: reports.Renderer{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.BcryptCost = 4
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := Build(context.Background(), db, Small, seed, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSmallDemoIsBelievableAndSound(t *testing.T) {
	db := buildSmall(t, 7)
	ctx := context.Background()
	rs, total, err := db.ListResidents(ctx, data.ResidentFilter{Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if total != Small.Residents {
		t.Fatalf("got %d residents, want %d", total, Small.Residents)
	}
	now := db.Now()
	over80, tagged, inHousehold := 0, 0, 0
	for _, r := range rs {
		if _, err := data.ParseIDNumber(r.IDNumber, now); err != nil {
			t.Fatalf("%s has an invalid ID number %s: %v", r.Name, r.IDNumber, err)
		}
		if r.Age(now) >= 80 {
			over80++
			if !r.HasTag("高龄") {
				t.Errorf("%s is %d but not tagged 高龄", r.Name, r.Age(now))
			}
		}
		if len(r.Tags) > 0 {
			tagged++
		}
		if r.HouseholdID != 0 {
			inHousehold++
		}
	}
	if over80 < total/10 || over80 > total/4 {
		t.Errorf("got %d residents over 80 of %d, want a tenth to a quarter", over80, total)
	}
	if inHousehold < total/2 {
		t.Errorf("only %d of %d residents are in households", inHousehold, total)
	}
	rep, err := db.Check(ctx)
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
	if _, err := db.Login(ctx, "shenhe", Password); err != nil {
		t.Errorf("demo reviewer cannot log in: %v", err)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	a, b := buildSmall(t, 3), buildSmall(t, 3)
	ra, _, _ := a.ListResidents(context.Background(), data.ResidentFilter{Limit: 100})
	rb, _, _ := b.ListResidents(context.Background(), data.ResidentFilter{Limit: 100})
	for i := range ra {
		if ra[i].Name != rb[i].Name || ra[i].IDNumber != rb[i].IDNumber || ra[i].Address != rb[i].Address {
			t.Fatalf("row %d differs: %v vs %v", i, ra[i], rb[i])
		}
	}
}
