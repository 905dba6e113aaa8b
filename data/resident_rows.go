package data

// Household is a 户: its members, head first.
type Household struct {
	ID      int64
	Address string
	Members []Resident
}
