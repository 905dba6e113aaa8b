//go:build windows

package sqlite

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// networkFilesystem returns "网络共享" when dir is on a UNC path or a mapped network drive.
func networkFilesystem(dir string) string {
	if strings.HasPrefix(dir, `\\`) {
		return "网络共享"
	}
	root := filepath.VolumeName(dir) + `\`
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return ""
	}
	if windows.GetDriveType(p) == windows.DRIVE_REMOTE {
		return "网络驱动器"
	}
	return ""
}
