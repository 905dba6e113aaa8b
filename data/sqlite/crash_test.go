package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"taizhang/data/sqlite/dbtest"
	"testing"
	"time"

	"taizhang/data"
)

// TestKilledMidWriteLeavesASoundDatabase kills a process that is writing residents as fast as
// it can, then checks that the database opens, passes the integrity and audit-chain checks,
// and holds only whole actions: every resident has its audit entry and no entry lacks its
// resident.
func TestKilledMidWriteLeavesASoundDatabase(t *testing.T) {
	dbtest.FileOnly(t)
	if path := os.Getenv("TAIZHANG_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	db, _ := newTestDB(t)
	path := db.Path()
	db.Close()
	committed := 0 // residents the children reported committed, over all rounds
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledMidWriteLeavesASoundDatabase$")
		cmd.Env = append(os.Environ(), "TAIZHANG_CRASH_CHILD="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill the child once it says it has committed enough residents (a different number
		// each round), so the kill lands mid-write without guessing a duration.
		want := 20 + 15*round
		lines := bufio.NewScanner(out)
		n := 0
		for n < want && lines.Scan() {
			n++
		}
		cmd.Process.Kill() // SIGKILL: no deferred cleanup, no checkpoint
		cmd.Wait()
		if n < want {
			t.Fatalf("round %d: the child stopped after %d commits, before it was killed", round, n)
		}
		committed += n

		db, err := Open(path, Options{Renderer: testRenderer})
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		rep, err := db.Check(context.Background())
		if err != nil || len(rep.Problems) > 0 {
			t.Fatalf("round %d: check after kill: %v %v", round, rep.Problems, err)
		}
		var residents, created int
		db.SQL().QueryRow("SELECT count(*) FROM residents").Scan(&residents)
		db.SQL().QueryRow("SELECT count(*) FROM audit_log WHERE action = 'create' AND table_name = 'residents'").Scan(&created)
		if residents != created {
			t.Fatalf("round %d: %d residents but %d creation entries: an action was half-written", round, residents, created)
		}
		if residents < committed {
			t.Fatalf("round %d: %d residents after the kill, but %d were reported committed", round, residents, committed)
		}
		db.Close()
	}
}

// crashChild writes residents until it is killed.
func crashChild(path string) {
	db, err := Open(path, Options{Renderer: testRenderer})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	u, err := db.Login(context.Background(), "admin", "secret123")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	ctx := data.NewContextWithUser(context.Background(), u)
	cs, _ := db.Communities(ctx, false)
	start := time.Now().UnixNano() % 400
	for i := 0; ; i++ {
		birth := time.Date(1930+i%70, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		r := &data.Resident{Name: "测试居民", IDNumber: data.MakeIDNumber(regionFor(i), birth, int(start)+i%500), CommunityID: cs[0].ID}
		// Duplicates across rounds are refused; that is fine. Each commit is reported on its
		// own line, after the transaction committed.
		if db.CreateResident(ctx, r) == nil {
			fmt.Println("committed")
		}
	}
}

func regionFor(i int) string {
	return []string{"140202", "140213", "140203", "140211", "140212", "110105", "130705", "150102"}[i/500%8]
}
