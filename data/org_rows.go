package data

// Setup is the first-start set-up: the office, its communities and grids, and the
// administrator account.
type Setup struct {
	Office        Office
	Communities   []string
	Grids         map[string][]string // community name → grid names
	AdminUsername string
	AdminName     string
	AdminPassword string
	// CommunitiesLater lets the command line's init start without communities: an import
	// with --add-missing brings them from the ledgers.
	CommunitiesLater bool
}
