package app

import (
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// openStore opens the office's database for the window, with the PDF writer wired in (the
// store renders documents, receipts and font checks through it).
func openStore(path string) (*sqlite.DB, error) {
	return sqlite.Open(path, sqlite.Options{Renderer: reports.Renderer{}})
}
