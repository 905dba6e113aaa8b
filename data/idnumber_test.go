package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func TestParseIDNumber(t *testing.T) {
	valid := MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 123)
	wrongCheck := valid[:17] + string("10X98765432"[(strings.IndexByte("10X98765432", valid[17])+1)%11])
	tests := []struct {
		name, in, wantErr string
	}{
		{"valid", valid, ""},
		{"valid lower-case x and spaces", " 11010519491231002x ", ""},
		{"empty", "", "请填写身份证号"},
		{"too short", "14020219440305", "应为 18 位"},
		{"letter inside", "1402021944O305123X", "第 11 位应为数字"},
		{"wrong check digit", wrongCheck, "校验位错误，应为 " + string(valid[17])},
		{"impossible date", MakeIDNumber("140202", time.Date(1944, 3, 5, 0, 0, 0, 0, time.UTC), 1)[:10] + "0230" + "1234", "不是有效日期"},
		{"future birth", MakeIDNumber("140202", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 1), "不合理"},
		{"bad province", "991234194403051231", "不是有效的省级行政区划代码"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := ParseIDNumber(tt.in, today)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				if len(info.Number) != 18 {
					t.Fatalf("got number %q", info.Number)
				}
				return
			}
			if err == nil {
				t.Fatalf("got no error, want %q", tt.wantErr)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
			if !strings.Contains(Message(err), tt.wantErr) {
				t.Errorf("got %q, want it to contain %q", Message(err), tt.wantErr)
			}
		})
	}
}

func TestIDDerivedFields(t *testing.T) {
	// GB 11643's own example: 11010519491231002X, a woman born 1949-12-31.
	info, err := ParseIDNumber("11010519491231002X", today)
	if err != nil {
		t.Fatal(err)
	}
	if info.Male || info.Sex() != "女" {
		t.Errorf("got male=%v, want female", info.Male)
	}
	if got := info.Birth.Format("2006-01-02"); got != "1949-12-31" {
		t.Errorf("got birth %s, want 1949-12-31", got)
	}
	if got := AgeOn(info.Birth, today); got != 76 {
		t.Errorf("got age %d, want 76", got)
	}
	if got := AgeOn(info.Birth, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)); got != 77 {
		t.Errorf("got age on birthday %d, want 77", got)
	}
}

func TestMasks(t *testing.T) {
	if got := MaskIDNumber("140202194403051234"); got != "1402**********1234" {
		t.Errorf("got %s", got)
	}
	if got := MaskPhone("13812345678"); got != "138****5678" {
		t.Errorf("got %s", got)
	}
}

func TestValidatePhone(t *testing.T) {
	for _, ok := range []string{"", "13812345678", "0352-1234567", "6123456"} {
		if err := ValidatePhone(ok); err != nil {
			t.Errorf("%q: got %v, want ok", ok, err)
		}
	}
	for _, bad := range []string{"1381234567", "138-abc", "12"} {
		if err := ValidatePhone(bad); err == nil {
			t.Errorf("%q: got ok, want error", bad)
		}
	}
}

func FuzzParseIDNumber(f *testing.F) {
	f.Add("11010519491231002X")
	f.Add("140202194403051234")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		info, err := ParseIDNumber(s, today)
		if err != nil {
			if Message(err) == "" {
				t.Fatalf("error without a message for %q", s)
			}
			return
		}
		if len(info.Number) != 18 || IDCheckDigit(info.Number) != info.Number[17] {
			t.Fatalf("accepted %q as %q", s, info.Number)
		}
	})
}
