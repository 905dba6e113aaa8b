//go:build !windows

package app

import (
	"os"
	"os/exec"
)

// documentsDir is the XDG documents folder (~/文档 on a Chinese desktop), or "" when the
// user has none.
func documentsDir() string {
	home, _ := os.UserHomeDir()
	if p := os.Getenv("XDG_DOCUMENTS_DIR"); p != "" {
		return xdgDocuments(os.ExpandEnv(p), home)
	}
	out, err := exec.Command("xdg-user-dir", "DOCUMENTS").Output()
	if err != nil {
		return ""
	}
	return xdgDocuments(string(out), home)
}
