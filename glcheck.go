package main

import (
	"fmt"
	"runtime"
	"strings"
)

// Fyne draws with OpenGL 2.1. Some PCs lack it: old or missing graphics drivers (Windows then
// offers only its OpenGL 1.1 software renderer), virtual machines and 云桌面 without 3D
// acceleration. Fyne then fails with an English log line and no window, so the program
// tries the context itself first and says in Chinese what to do.

// glProbe is what trying to make an OpenGL 2.1 context found.
type glProbe struct {
	// Stage is where it stopped: "init" (no graphics system at all), "window" (no context of
	// the version asked for) or "" when a context was made.
	Stage string
	// Detail is the graphics library's own words, for the office's IT staff.
	Detail string
	// Major, Minor is the version of the context made.
	Major, Minor int
}

// glTitle is the message box's title.
const glTitle = "台账无法启动"

// glMessage is the message for a failed probe, "" when the PC can show the window. goos
// chooses the advice (runtime.GOOS in the program).
func glMessage(p glProbe, goos string) string {
	if p.Stage == "" && (p.Major > 2 || p.Major == 2 && p.Minor >= 1) {
		return ""
	}
	var b strings.Builder
	if p.Stage == "init" && goos != "windows" {
		b.WriteString("台账无法打开程序窗口：没有找到可用的图形桌面。\n\n")
		b.WriteString("请在图形桌面中启动台账（从开始菜单或桌面图标打开）。通过远程终端登录时，命令行用法见“taizhang help”。\n")
	} else {
		b.WriteString("这台电脑的显卡驱动不支持 OpenGL 2.1，台账无法显示程序窗口。\n\n请这样处理：\n")
		if goos == "windows" {
			b.WriteString("1. 更新显卡驱动：到电脑或显卡厂商的网站下载安装，或请单位的信息技术人员安装；\n")
		} else {
			b.WriteString("1. 更新显卡驱动：在系统的“设备管理器”或应用商店中安装显卡驱动，或请单位的信息技术人员安装；\n")
		}
		b.WriteString("2. 如果是云桌面或虚拟机：请云桌面管理员为这台桌面开启“3D 加速”（显卡加速）；\n")
		b.WriteString("3. 仍不能打开时，请联系单位的信息技术人员。\n")
	}
	b.WriteString("\n技术信息（供信息技术人员参考）：")
	switch {
	case p.Stage == "":
		fmt.Fprintf(&b, "只得到 OpenGL %d.%d，需要 2.1 或更高", p.Major, p.Minor)
	case p.Detail != "":
		b.WriteString(p.Detail)
	default:
		b.WriteString("无法创建 OpenGL 2.1 环境")
	}
	return b.String()
}

// checkGraphics tries an OpenGL 2.1 context and returns the message to show when there is
// none, "" when the window can open.
func checkGraphics() string {
	return glMessage(probeGL(), runtime.GOOS)
}
