package data

import (
	"fmt"
	"time"
)

// AuditFilter selects audit entries.
type AuditFilter struct {
	Table    string
	RecordID int64
	Limit    int
}

// AuditHeadInfo is the newest audit entry: sequence, hash and time, signed with the office's
// key. Backup manifests carry it, and so can export footers.
type AuditHeadInfo struct {
	OfficeID string    `json:"office_id"`
	Seq      int64     `json:"audit_seq"`
	Hash     string    `json:"audit_hash"`
	At       time.Time `json:"audit_at"`
	MAC      string    `json:"audit_mac"`
}

// String is the head as one line, for export footers: 审计 #1234 · 2026-11-30 08:15 · 3f2a9c1e.
func (h AuditHeadInfo) String() string {
	short := h.Hash
	if len(short) > 12 {
		short = short[:12]
	}
	return fmt.Sprintf("审计 #%d · %s · %s", h.Seq, h.At.Local().Format("2006-01-02 15:04"), short)
}
