package app

import (
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// openStore opens the office's database for the window, with the PDF writer wired in (the
// store renders documents, receipts and font checks through it).
func openStore(path string) (*sqlite.DB, error) {
	return openStoreWith(path, sqlite.Options{})
}

// openStoreWith is openStore with options (MustExist for a file the clerk picked).
func openStoreWith(path string, opts sqlite.Options) (*sqlite.DB, error) {
	opts.Renderer = reports.Renderer{}
	return sqlite.Open(path, opts)
}
