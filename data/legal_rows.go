package data

// LegalBasisEntry is an entry of the legal-basis catalog.
type LegalBasisEntry struct {
	ID int64 // 0 for a default not yet stored
	LegalBasis
	// Source names the published text the entry was checked against; empty only for an
	// entry typed through the plain catalog editor of an old version.
	Source string
}

// RemedyVersion is one stored version of a template, for the history list.
type RemedyVersion struct {
	RemedyTemplate
	By string
	At string // RFC 3339
}
