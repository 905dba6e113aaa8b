package main

import (
	"strings"
	"testing"

	"taizhang/data"
)

func TestScreenshotSizes(t *testing.T) {
	got, err := screenshotSizes("all")
	if err != nil || len(got) != 2 || got[0].name != "1366x768" || got[1].name != "1920x1080" || got[1].size.Width != 1920 {
		t.Fatalf("all: %+v, %v", got, err)
	}
	if got, err := screenshotSizes(" 1920X1080 "); err != nil || len(got) != 1 || got[0].size.Height != 1080 {
		t.Errorf("1920X1080: %+v, %v", got, err)
	}
	for _, bad := range []string{"1920", "1920x", "宽x高", "100x100"} {
		if _, err := screenshotSizes(bad); err == nil || !strings.Contains(data.Message(err), "写法不对") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
