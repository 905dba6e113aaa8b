package data

import (
	"context"
	"errors"
)

// Seen is the state of one record as a screen showed it: Version is the newest audit entry of
// the record when the screen read it (the store's Seen). An action taken from that screen
// carries it in its context (WithSeen); the store refuses the action with a Stale error when
// another PC changed the record since, instead of applying it on top of a state the clerk
// never saw.
type Seen struct {
	Table   string // the store's table: "issues", "documents", "residents", "services"
	ID      int64
	Version int64 // 0: no audit entry names the record yet
	// By is the account that made that change (0: none, or the program itself). A form that
	// stays open after its own save takes the state read after it only when By is its own
	// account: then nobody changed the record in between.
	By int64
}

const seenKey ctxKey = 1

// WithSeen returns a context carrying the state of the record the action was taken on.
func WithSeen(ctx context.Context, s Seen) context.Context {
	return context.WithValue(ctx, seenKey, s)
}

// SeenFrom returns the state WithSeen put in ctx, if any.
func SeenFrom(ctx context.Context) (Seen, bool) {
	s, ok := ctx.Value(seenKey).(Seen)
	return s, ok
}

// ErrStale is the cause of a Stale error: the record changed since the screen read it. The
// screen shows the message and reads the record again.
var ErrStale = errors.New("stale")

// staleMessages are the sentences of Stale by table.
var staleMessages = map[string]string{
	"issues":    "该问题已被他人处理，请刷新后重试",
	"documents": "该文书已被他人处理，请刷新后重试",
	"residents": "该居民档案已被他人修改，请刷新后重试",
	"services":  "该服务记录已被他人修改，请刷新后重试",
}

// Stale returns the ErrConflict error of an action on a record of table that another PC
// changed since the screen read it.
func Stale(table string) *Error {
	m := staleMessages[table]
	if m == "" {
		m = "该记录已被他人修改，请刷新后重试"
	}
	return &Error{Kind: ErrConflict, Message: m, Err: ErrStale}
}

// IsStale reports whether err is a Stale error.
func IsStale(err error) bool { return errors.Is(err, ErrStale) }
