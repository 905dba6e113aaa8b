package app

import "golang.org/x/sys/windows"

// documentsDir is the user's Documents known folder (文档), wherever the user or the domain
// policy moved it.
func documentsDir() string {
	p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return p
}
