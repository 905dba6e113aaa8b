package app

import "taizhang/data"

// savedSeen is the state of record id of table after a form's own save, read off the UI
// goroutine, for a form that stays open: taken only when that newest change is this
// account's, so a change by another PC right after the save still makes the form's next save
// refused; otherwise before stays.
func savedSeen(s *Session, table string, id int64, before data.Seen) data.Seen {
	now, err := s.DB.Seen(s.Ctx(), table, id)
	if err != nil || s.User == nil || now.By != s.User.ID {
		return before
	}
	return now
}
