package main

import (
	"strings"
	"testing"
)

func TestGLMessage(t *testing.T) {
	tests := []struct {
		name  string
		probe glProbe
		goos  string
		want  []string // "" when the window can open
	}{
		{"OpenGL 2.1 opens the window", glProbe{Major: 2, Minor: 1}, "windows", nil},
		{"OpenGL 4.6 opens the window", glProbe{Major: 4, Minor: 6}, "linux", nil},
		{"Windows' software OpenGL 1.1", glProbe{Major: 1, Minor: 1}, "windows",
			[]string{"不支持 OpenGL 2.1", "更新显卡驱动", "3D 加速", "只得到 OpenGL 1.1"}},
		{"no context of version 2.1 on a 云桌面", glProbe{Stage: "window", Detail: "WGL: Driver does not support OpenGL version 2.1"}, "windows",
			[]string{"不支持 OpenGL 2.1", "云桌面", "3D 加速", "信息技术人员", "WGL: Driver does not support"}},
		{"Linux without a desktop", glProbe{Stage: "init", Detail: "X11: The DISPLAY environment variable is missing"}, "linux",
			[]string{"没有找到可用的图形桌面", "taizhang help", "DISPLAY"}},
		{"Linux driver without 2.1", glProbe{Stage: "window"}, "linux",
			[]string{"不支持 OpenGL 2.1", "显卡驱动", "无法创建 OpenGL 2.1 环境"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := glMessage(tt.probe, tt.goos)
			if tt.want == nil {
				if got != "" {
					t.Errorf("got %q, want no message", got)
				}
				return
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("message %q lacks %q", got, w)
				}
			}
		})
	}
}
