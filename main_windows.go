package main

import (
	"os"

	"golang.org/x/sys/windows"
)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// attachConsole connects a GUI-subsystem program started from cmd or PowerShell with
// arguments to that console, so the commands' output and messages appear there. A standard
// handle that is already valid (`taizhang check … > 结果.txt`, a pipe) is kept as it is.
func attachConsole(args []string) {
	if len(args) == 0 {
		return // the window, started from a shortcut: no console wanted
	}
	outOK, errOK := validStd(windows.STD_OUTPUT_HANDLE), validStd(windows.STD_ERROR_HANDLE)
	if outOK && errOK {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started without a console (Explorer, a scheduled task): nothing to attach to
	}
	name, _ := windows.UTF16PtrFromString("CONOUT$")
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return
	}
	con := os.NewFile(uintptr(h), "CONOUT$")
	if !outOK {
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, h)
		os.Stdout = con
	}
	if !errOK {
		_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, h)
		os.Stderr = con
	}
}

// validStd reports whether a standard handle leads somewhere: a console, file or pipe.
func validStd(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, _ := windows.GetFileType(h)
	return t != windows.FILE_TYPE_UNKNOWN
}

// alert shows msg in a plain Windows message box: a GUI program has no console in which a
// start-up failure could be read.
func alert(title, msg string) {
	t, _ := windows.UTF16PtrFromString(title)
	m, _ := windows.UTF16PtrFromString(msg)
	_, _ = windows.MessageBox(0, m, t, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND)
}
