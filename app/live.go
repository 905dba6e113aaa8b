package app

import (
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Live office (issue 15): on a server several PCs write the same ledger. The store tells the
// session what kinds of records another PC changed (DB.Watch, over LISTEN/NOTIFY); the
// session gathers what arrives within liveDebounce and then, on the UI goroutine, asks the
// screen on show to reload its data the way its own refresh (F5) does, and recounts the
// rail's badges. What the clerk is doing is never disturbed: a form or a record's page is
// left as it is (its list reloads when the clerk is back on it and presses F5 or reopens
// it), text typed in a search box stays, and a reloaded list keeps its selected row and its
// scroll position. An open dialog stays open.

// liveDebounce gathers a burst of changes (an import writes many transactions) into one
// reload.
const liveDebounce = 300 * time.Millisecond

// liveState is the session's share of the live office.
type liveState struct {
	mu     sync.Mutex
	kinds  map[string]bool
	timer  *time.Timer
	stop   func() // ends the watch of the store (the session's database closes)
	reload bool   // set on the UI goroutine while a screen reloads for another PC's change
	quiet  int    // >0 while the result of such a reload is shown: errors are only logged
	// heard counts the changes reported by the store, applied the reloads finished (tests).
	heard, applied int
}

// changed hears that another PC changed records of kinds (issues, residents, …); any
// goroutine may call it. The screen reloads liveDebounce after the first of a burst.
func (s *Session) changed(kinds []string) {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	s.live.heard++
	if s.live.kinds == nil {
		s.live.kinds = map[string]bool{}
	}
	for _, k := range kinds {
		s.live.kinds[k] = true
	}
	if s.live.timer == nil {
		s.live.timer = time.AfterFunc(liveDebounce, s.flushChanges)
	}
}

// flushChanges hands what gathered to the UI goroutine.
func (s *Session) flushChanges() {
	s.live.mu.Lock()
	var kinds []string
	for k := range s.live.kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	s.live.kinds, s.live.timer = nil, nil
	s.live.mu.Unlock()
	fyne.Do(func() { s.Guard("刷新其他电脑的修改", func() { s.applyChanges(kinds) }) })
}

// liveScreen is a screen that reloads itself for another PC's change in its own way, instead
// of the default (its Refresh, while its list is on show).
type liveScreen interface {
	liveRefresh(kinds []string)
}

// applyChanges reloads the screen on show and the badges for another PC's change; on the UI
// goroutine.
func (s *Session) applyChanges(kinds []string) {
	sh := s.shell
	if sh == nil || s.User == nil {
		return // before log-in there is nothing on show that lists records
	}
	s.live.reload = true
	defer func() {
		s.live.reload = false
		s.live.mu.Lock()
		s.live.applied++ // after the reload: with work done inline (tests) it is on show now
		s.live.mu.Unlock()
	}()
	sh.refreshBadges()
	sc := sh.Current()
	switch v := sc.(type) {
	case nil:
	case liveScreen:
		v.liveRefresh(kinds)
	case *settingsScreen, *statsScreen:
		// Forms and a query the clerk fills in: what another PC changed shows on F5 or at
		// the next 查询.
	case interface{ onList() bool }:
		if v.onList() {
			sc.Refresh()
		}
	default:
		sc.Refresh()
	}
}

// liveReload reports whether the list being loaded reloads for another PC's change: it then
// keeps its selected row and scroll position.
func (s *Session) liveReload() bool { return s.live.reload }

// stopWatching ends the session's watch of the store, before its database closes.
func (s *Session) stopWatching() {
	s.live.mu.Lock()
	stop := s.live.stop
	s.live.stop = nil
	if s.live.timer != nil {
		s.live.timer.Stop()
		s.live.timer = nil
	}
	s.live.mu.Unlock()
	if stop != nil {
		stop()
	}
}
