package data

import "context"

type ctxKey int

const userKey ctxKey = 0

// NewContextWithUser returns a context carrying the acting user. The store reads it to check
// permissions and to sign audit entries.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the acting user, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}
