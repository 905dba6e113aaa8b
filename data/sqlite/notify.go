package sqlite

import "context"

// Watch calls fn, from its own goroutine, with the kinds of records (issues, residents, …)
// that another program changed in the office's database, until ctx ends; it returns at once.
// Cancel ctx before Close. On an SQLite file it does nothing: one program writes the file.
func (db *DB) Watch(ctx context.Context, fn func(kinds []string)) {}
