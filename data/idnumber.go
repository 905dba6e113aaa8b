package data

import (
	"fmt"
	"strings"
	"time"
)

// IDInfo is what an 18-digit resident ID number (GB 11643-1999) says about its holder.
type IDInfo struct {
	Number string    // normalised: 18 characters, upper-case X
	Region string    // the 6-digit administrative division code
	Birth  time.Time // date of birth (UTC midnight)
	Male   bool      // the 17th digit is odd
}

// Sex returns 男 or 女.
func (i IDInfo) Sex() string {
	if i.Male {
		return "男"
	}
	return "女"
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// provinces holds the first two digits of valid division codes (GB/T 2260).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true, "91": true,
}

// IDCheckDigit computes the GB 11643 check character for the first 17 digits.
func IDCheckDigit(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// ParseIDNumber validates an 18-character ID number: its shape, region code, date of birth
// (a real date, not after today, not before 1890) and check digit. today bounds the birth
// date; pass the store's clock. Errors are *Error with a Chinese message naming the fault.
func ParseIDNumber(s string, today time.Time) (IDInfo, error) {
	n := strings.ToUpper(strings.TrimSpace(s))
	n = strings.ReplaceAll(n, " ", "")
	const field = "id_number"
	if n == "" {
		return IDInfo{}, Invalid(field, "请填写身份证号")
	}
	if len(n) != 18 {
		return IDInfo{}, Invalid(field, "身份证号应为 18 位，现在是 %d 位", len([]rune(n)))
	}
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return IDInfo{}, Invalid(field, "身份证号第 %d 位应为数字", i+1)
		}
	}
	if c := n[17]; (c < '0' || c > '9') && c != 'X' {
		return IDInfo{}, Invalid(field, "身份证号最后一位应为数字或 X")
	}
	if !provinces[n[:2]] {
		return IDInfo{}, Invalid(field, "身份证号前两位 %s 不是有效的省级行政区划代码", n[:2])
	}
	birth, err := time.Parse("20060102", n[6:14])
	if err != nil || birth.Format("20060102") != n[6:14] {
		return IDInfo{}, Invalid(field, "身份证号中的出生日期 %s 不是有效日期", n[6:14])
	}
	if birth.Year() < 1890 || birth.After(today) {
		return IDInfo{}, Invalid(field, "身份证号中的出生日期 %s 不合理", birth.Format("2006-01-02"))
	}
	if want := IDCheckDigit(n); n[17] != want {
		return IDInfo{}, Invalid(field, "身份证号校验位错误，应为 %c", want)
	}
	return IDInfo{Number: n, Region: n[:6], Birth: birth, Male: (n[16]-'0')%2 == 1}, nil
}

// AgeOn returns the age in whole years on day.
func AgeOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}

// MaskIDNumber shows the first 4 and last 4 characters: 1402**********1234.
func MaskIDNumber(n string) string {
	if len(n) <= 8 {
		return strings.Repeat("*", len(n))
	}
	return n[:4] + strings.Repeat("*", len(n)-8) + n[len(n)-4:]
}

// MaskPhone shows the first 3 and last 4 digits of a mobile number: 138****5678.
func MaskPhone(p string) string {
	r := []rune(p)
	if len(r) < 8 {
		return p
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// ValidatePhone accepts an 11-digit mobile number or a landline with an optional area code
// (0352-1234567); empty is allowed.
func ValidatePhone(p string) error {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil
	}
	digits := 0
	for i, c := range p {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' && i > 0:
		default:
			return Invalid("phone", "联系电话只能包含数字和“-”")
		}
	}
	if p[0] == '1' && !strings.Contains(p, "-") {
		if digits != 11 {
			return Invalid("phone", "手机号应为 11 位，现在是 %d 位", digits)
		}
		return nil
	}
	if digits < 7 || digits > 12 {
		return Invalid("phone", "电话号码位数不对（%d 位）", digits)
	}
	return nil
}

// MakeIDNumber builds a valid ID number from a region code, birth date and a 3-digit
// sequence (odd for men); the demo data and tests use it.
func MakeIDNumber(region string, birth time.Time, seq int) string {
	first := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq%1000)
	return first + string(IDCheckDigit(first))
}
