package main

import (
	"time"

	"taizhang/data/sqlite"
	"taizhang/reports"
)

// now is the command line's clock: what the store calls today (the demo's dates, a
// ledger's 制表日期). Tests fix it.
var now = time.Now

// openStore opens the database at path with the PDF writer wired in (the store stays free of
// the report libraries and renders documents, receipts and font checks through it) and the
// command line's clock.
func openStore(path string, opt sqlite.Options) (*sqlite.DB, error) {
	opt.Renderer = reports.Renderer{}
	db, err := sqlite.Open(path, opt)
	if err != nil {
		return nil, err
	}
	db.Now = now
	return db, nil
}
