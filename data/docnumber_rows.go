package data

// DocNumberRegister is a year of one register: the numbers accounted for and any gaps.
type DocNumberRegister struct {
	Key    string
	Year   int
	First  int      // the first number of the year (0 when none was issued)
	Last   int      // the last number allocated
	Signed []string // numbers of documents in force
	Voided []string // numbers of voided documents: accounted for, never reused
	Paper  []string // numbers of letters issued on paper before the program (文书登记簿)
	Gaps   []int    // numbers between First and Last held by no document
}

// DocNumbering is one 文号 register: its key, prefix and starting number. Keys are a
// document kind ("decision", "one_time_notice", "rejection_notice") or "decision:" and a
// programme, for an office that numbers a programme's decisions apart.
type DocNumbering struct {
	Key    string
	Prefix string
	// Start is the first number of StartYear, for an office continuing that year's paper
	// register; every other year starts at 1.
	Start     int
	StartYear int
}

// StartFor returns the first number of year.
func (n DocNumbering) StartFor(year int) int {
	if year == n.StartYear && n.Start > 1 {
		return n.Start
	}
	return 1
}
