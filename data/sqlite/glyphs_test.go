package sqlite

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"taizhang/data"
)

// nonBMP returns the 196 characters of 《通用规范汉字表》 outside the BMP (reports/testdata
// notes the source: Unicode's Unihan kTGH).
func nonBMP(t *testing.T) []rune {
	t.Helper()
	b, err := os.ReadFile("../../reports/testdata/tgh2013-nonbmp.txt")
	if err != nil {
		t.Fatal(err)
	}
	var rs []rune
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Split(l, "\t"); len(f) == 3 && strings.HasPrefix(f[0], "U+") {
			r, _ := utf8.DecodeRuneInString(f[1])
			rs = append(rs, r)
		}
	}
	if len(rs) != 196 {
		t.Fatalf("got %d characters, want 196", len(rs))
	}
	return rs
}

// Residents named with each of the 196 characters are stored, found by search (FTS5
// trigram, and the start of a name), and printed in a signed decision and its 送达回证 so that
// pdftotext gives every character back. A name no face can print is refused with a message
// naming the character.
func TestNonBMPNamesStoreSearchAndPrint(t *testing.T) {
	e := newDocEnv(t)
	rs := nonBMP(t)
	cid := communityID(t, e.db, "东关社区")
	var names []string
	var ids []int64
	for i := 0; i < len(rs); i += 2 {
		name := "王" + string(rs[i:i+2])
		r := &data.Resident{Name: name, IDNumber: idn(1960+i%40, 1+i%12, 1+i%28, 100+i), Address: "东关路" + string(rs[i]) + "巷1号", CommunityID: cid}
		docMust(t, e.db.CreateResident(e.admin, r))
		names, ids = append(names, name), append(ids, r.ID)
	}
	for i, name := range names {
		// Three characters or more: the trigram index (name, address); fewer: the start of
		// the name.
		for _, q := range []string{name, string([]rune(name)[:2]), "路" + string([]rune(name)[1]) + "巷"} {
			got, _, err := e.db.ListResidents(e.admin, data.ResidentFilter{Query: q})
			docMust(t, err)
			if len(got) != 1 || got[0].ID != ids[i] || got[0].Name != name {
				t.Errorf("search %q: got %d residents, want %s", q, len(got), name)
			}
		}
	}

	d := refusal()
	d.Facts = "你家庭共同生活成员" + strings.Join(names, "、") + "。"
	id := e.draft(t, ids[0], d)
	number := e.sign(t, id)
	pdf, err := e.db.DocumentPDF(e.admin, id)
	docMust(t, err)
	if text := pdfText(t, pdf); text != "" {
		for _, r := range rs {
			if !strings.ContainsRune(text, r) {
				t.Errorf("signed decision %s: pdftotext lacks %c U+%X", number, r, r)
			}
		}
		if !strings.Contains(text, "申请人："+names[0]) {
			t.Errorf("signed decision: pdftotext lacks 申请人：%s", names[0])
		}
	}
	receipt, err := e.db.DeliveryReceiptPDF(e.admin, id)
	docMust(t, err)
	if text := pdfText(t, receipt); text != "" && !strings.Contains(text, names[0]) {
		t.Errorf("送达回证 lacks the recipient %s", names[0])
	}

	bad := &data.Resident{Name: "𠮷田花子", IDNumber: idn(1970, 1, 1, 999), CommunityID: cid}
	err = e.db.CreateResident(e.admin, bad)
	if !errors.Is(err, data.ErrInvalid) || !strings.Contains(data.Message(err), "“𠮷”") || !strings.Contains(data.Message(err), "“吉”") {
		t.Errorf("resident named 𠮷田花子: got %v, want a refusal naming 𠮷 and suggesting 吉", err)
	}
}

// A panic inside a write rolls the transaction back and leaves the database writable: the
// caller's recovery reports it, and nothing is half-written.
func TestPanicInsideWriteRollsBack(t *testing.T) {
	db, admin := newTestDB(t)
	cid := communityID(t, db, "古城社区")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		_ = db.write(admin, func(tx *Tx) error {
			if _, err := tx.Exec("UPDATE communities SET name = '半途' WHERE id = ?", cid); err != nil {
				return err
			}
			panic("forced")
		})
	}()
	if got, _, err := db.ListResidents(admin, data.ResidentFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("after the panic: %v", err)
	}
	if c := communityID(t, db, "古城社区"); c != cid {
		t.Error("the half-done change was kept")
	}
	r := &data.Resident{Name: "张三", IDNumber: idn(1970, 1, 1, 11), CommunityID: cid}
	if err := db.CreateResident(admin, r); err != nil {
		t.Errorf("the next write after a panic: %v", err)
	}
}
