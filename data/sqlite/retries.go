package sqlite

// WriteRetries is how many write transactions this handle ran again after the server gave
// one up (serialisation failure, deadlock): the load benchmark reports it.
func (db *DB) WriteRetries() int64 { return db.retried.Load() }
