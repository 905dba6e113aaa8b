package data

import (
	"encoding/json"
	"fmt"
	"time"
)

// BulkDocument is one signed document made by BulkSignDocuments: exactly one of Decision,
// RejectionNotice and OneTimeNotice, and for a decision optionally its recorded delivery.
type BulkDocument struct {
	ResidentID      int64
	Decision        *Decision
	RejectionNotice *RejectionNotice
	OneTimeNotice   *OneTimeNotice
	Delivery        *DeliveryReceipt
}

// Delivery is a recorded 送达.
type Delivery struct {
	DeliveryReceipt
	RecordedBy string
	RecordedAt time.Time
}

// Document is a whole document: the row, its content (one of the three pointers, by Kind),
// the fonts it was signed with and its recorded delivery.
type Document struct {
	DocumentRow
	Decision        *Decision
	OneTimeNotice   *OneTimeNotice
	RejectionNotice *RejectionNotice
	BodyFont        FontChoice // zero on a draft
	TitleFont       FontChoice
	PDFSHA256       string
	PDFSealedSHA256 string    // of the bytes kept, sealed (data/sqlite crypt.go); set by the store on insert
	Delivery        *Delivery // nil until delivered
}

// Content is the document's content: *Decision, *OneTimeNotice or
// *RejectionNotice, by Kind.
func (d *Document) Content() any {
	switch d.Kind {
	case DocDecision:
		return d.Decision
	case DocOneTimeNotice:
		return d.OneTimeNotice
	case DocRejectionNotice:
		return d.RejectionNotice
	}
	return nil
}

// DecodeContent sets the content of the document's Kind from its stored JSON.
func (d *Document) DecodeContent(js string) error {
	switch d.Kind {
	case DocDecision:
		d.Decision = new(Decision)
		return json.Unmarshal([]byte(js), d.Decision)
	case DocOneTimeNotice:
		d.OneTimeNotice = new(OneTimeNotice)
		return json.Unmarshal([]byte(js), d.OneTimeNotice)
	case DocRejectionNotice:
		d.RejectionNotice = new(RejectionNotice)
		return json.Unmarshal([]byte(js), d.RejectionNotice)
	}
	return fmt.Errorf("document %d: unknown kind %q", d.ID, d.Kind)
}
