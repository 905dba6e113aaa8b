package data

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckPrintable(t *testing.T) {
	for _, c := range []struct {
		s, want string // want: "" for no error, else parts of the message
	}{
		{"王秀兰", ""},
		{"王𠅤兰", ""}, // U+20164, in 《通用规范汉字表》
		{"阿卜杜·热合曼", ""},
		{"Zhang San", ""},
		{"𠮷田", "姓名中的“𠮷”（U+20BB7）|改用通用写法“吉”"},
		{"李😀", "“😀”（U+1F600）|《通用规范汉字表》"},
	} {
		err := CheckPrintable("name", "姓名", c.s)
		if c.want == "" {
			if err != nil {
				t.Errorf("%q: got %v, want no error", c.s, err)
			}
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: got %v, want ErrInvalid", c.s, err)
			continue
		}
		for _, part := range strings.Split(c.want, "|") {
			if !strings.Contains(Message(err), part) {
				t.Errorf("%q: message %q lacks %q", c.s, Message(err), part)
			}
		}
	}
}

func TestPrintable(t *testing.T) {
	for r, want := range map[rune]bool{'王': true, 0x20164: true, 0x2C488: true, 0x20BB7: false, 0xE000: false, 'A': true} {
		if got := Printable(r); got != want {
			t.Errorf("Printable(%c U+%X) = %v, want %v", r, r, got, want)
		}
	}
}

// The issue form's names (发现人, 责任人) are refused the same way.
func TestIssueNamesPrintable(t *testing.T) {
	for field, set := range map[string]func(*Issue){
		"found_by":           func(i *Issue) { i.FoundBy = "𠮷田" },
		"responsible_person": func(i *Issue) { i.ResponsiblePerson = "𠮷田" },
	} {
		i := validIssue()
		set(&i)
		var e *Error
		if err := i.Validate(); !errors.As(err, &e) || e.Field != field || !strings.Contains(e.Message, "𠮷") {
			t.Errorf("%s: got %v, want a refusal of 𠮷 on %s", field, err, field)
		}
	}
	i := validIssue()
	i.FoundBy, i.ResponsiblePerson = "王𠅤", "李𬌗"
	if err := i.Validate(); err != nil {
		t.Errorf("names with 𠅤 and 𬌗: %v", err)
	}
}
