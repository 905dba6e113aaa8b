package sqlite

import "taizhang/data"

// The list rows, filters and document states live in data (the screens, the CLI and the
// report writers take them without the store); these names keep the store's callers reading
// as they did.
type (
	DocStatus         = data.DocStatus
	FontChoice        = data.FontChoice
	DocumentRow       = data.DocumentRow
	DocumentFilter    = data.DocumentFilter
	DocumentExportRow = data.DocumentExportRow
	IssueRow          = data.IssueRow
	IssueFilter       = data.IssueFilter
	FiguresRow        = data.FiguresRow
)

// Document states, as in data.
const (
	DocDraft  = data.DocDraft
	DocSigned = data.DocSigned
	DocVoided = data.DocVoided
)

// DocStatuses lists the states in display order.
var DocStatuses = data.DocStatuses
