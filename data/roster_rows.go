package data

import "fmt"

// ImportReport is what an import of a resident roster found and did.
type ImportReport struct {
	DryRun     bool
	Rows       int // data rows read (blank, title and footer rows not counted)
	Residents  int // residents imported, or ready to import in a dry run
	Households int // households made from 户号 or 户主 rows
	Problems   []RosterProblem
	Ignored    []string // columns of the file the importer does not read
}

// OK reports whether the file has no problem: everything was (or can be) imported.
func (r ImportReport) OK() bool { return len(r.Problems) == 0 }

// BadRows counts the rows with at least one problem.
func (r ImportReport) BadRows() int {
	seen := map[string]bool{}
	for _, p := range r.Problems {
		seen[fmt.Sprintf("%s\x00%d", p.Sheet, p.Line)] = true
	}
	return len(seen)
}
