package data

// PaperFilter selects paper letters: of a kind, a programme, a resident (zero: any).
type PaperFilter struct {
	Kind       DocKind
	Programme  Programme
	ResidentID int64
}

// PaperImportOptions say how ImportPaperDocuments treats a file.
type PaperImportOptions struct {
	DryRun bool
	// AddMissing gives a prefix the office has no register for one: the register of the
	// letters' kind takes it while that register has numbered nothing yet (a fresh office
	// whose paper prefix differs from the built-in one), or a programme's own register
	// (decision:低保) is made for it when every letter with the prefix is of that programme.
	AddMissing bool
	File       string // the file's name, kept with each letter
}
