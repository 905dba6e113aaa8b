package sqlite

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// The live office (issue 15): on a server several PCs write the same ledger, and each window
// shows what the others wrote within two seconds. Each write transaction on PostgreSQL sends
// a notification inside the transaction, which the server delivers to every listener when
// (and only if) it commits; each window listens on a connection of its own.
//
// The payload is "schema|writer|kinds": the office's schema (one database may hold several
// offices' schemas, the tests' among them, and a channel is per database), the writing
// handle (so a window does not reload for its own writes, which its screens show already),
// and the tables the transaction's audit entries name (issues, residents, documents, …),
// comma-separated, or AnyChange.

// changesChannel is the channel of the notifications.
const changesChannel = "taizhang_changes"

// AnyChange is the kind Watch reports when it cannot tell what changed (after it reconnects,
// when changes may have been missed): reload everything on show.
const AnyChange = "*"

// writerID names this handle of the database among all the programs on the server: host,
// process and handle.
func (db *DB) writerID() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d-%p", host, os.Getpid(), db)
}

// notifyChanges sends, inside tx, the notification of what tx changed: the tables its audit
// entries name, or AnyChange when it wrote none. On SQLite it does nothing: one program
// writes the file.
func (tx *Tx) notifyChanges() error {
	if !tx.db.pg {
		return nil
	}
	kinds := make([]string, 0, len(tx.changed))
	for k := range tx.changed {
		kinds = append(kinds, k)
	}
	if len(kinds) == 0 {
		kinds = []string{AnyChange}
	}
	sort.Strings(kinds)
	payload := tx.db.writerID() + "|" + strings.Join(kinds, ",")
	_, err := tx.ExecContext(tx.ctx, "SELECT pg_notify('"+changesChannel+"', current_schema() || '|' || ?)", payload)
	return err
}

// Watch calls fn, from a goroutine of its own, with the kinds of records (issues, residents,
// … or AnyChange) that another program changed in the office's database, until ctx ends. It
// listens on a connection of its own, made with the store's settings, and returns once that
// listens, or with the error of its first try, after which it keeps trying in the background.
// A lost connection is made again with a growing pause (1 s up to 30 s), and AnyChange is
// then reported, since changes may have been missed meanwhile. Notifications of this
// handle's own writes are left out. Cancel ctx before Close. On an SQLite file it does
// nothing: one program writes the file.
func (db *DB) Watch(ctx context.Context, fn func(kinds []string)) error {
	if !db.pg {
		return nil
	}
	ready := make(chan error, 1)
	go db.watch(ctx, fn, ready)
	select {
	case err := <-ready:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// watch listens until ctx ends, telling ready (once) how the first try went.
func (db *DB) watch(ctx context.Context, fn func(kinds []string), ready chan<- error) {
	self := db.writerID()
	pause := time.Second
	told := false // ready has heard
	tell := func(err error) {
		if !told {
			told = true
			ready <- err
		}
	}
	for ctx.Err() == nil {
		err := db.listen(ctx, self, func() {
			pause = time.Second
			if told {
				fn([]string{AnyChange}) // listening again: what changed meanwhile is unknown
			}
			tell(nil)
		}, fn)
		if err != nil {
			tell(err)
		}
		if ctx.Err() != nil || err == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 30*time.Second)
	}
}

// listen holds one listening connection until ctx ends or the connection fails; listening
// runs once LISTEN is in place.
func (db *DB) listen(ctx context.Context, self string, listening func(), fn func([]string)) error {
	conn, err := pgx.Connect(ctx, db.path)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return err
	}
	listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		inSchema, rest, ok := strings.Cut(n.Payload, "|")
		if !ok || inSchema != schema {
			continue
		}
		writer, kinds, _ := strings.Cut(rest, "|")
		if writer == self {
			continue
		}
		fn(strings.Split(kinds, ","))
	}
}
