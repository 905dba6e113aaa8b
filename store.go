package main

import (
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// openStore opens the database at path with the PDF writer wired in: the store stays free of
// the report libraries and renders documents, receipts and font checks through it.
func openStore(path string, opt sqlite.Options) (*sqlite.DB, error) {
	opt.Renderer = reports.Renderer{}
	return sqlite.Open(path, opt)
}
