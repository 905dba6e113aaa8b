package reports

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"taizhang/data"
)

const tol = 0.01 // mm

// layouts returns every sample document laid out, including long ones that run over a page.
func layouts() map[string][]Page {
	long := sampleDecision()
	long.Outcome = data.OutcomeDecrease
	long.Applied = data.Date{}
	long.AmountBefore, long.AmountAfter = 98000, 54000
	long.Effective = data.MustDate(2026, 7, 1)
	long.Facts = strings.Repeat(long.Facts+"\n", 4)
	out := map[string][]Page{
		"decision":  LayoutDecision(sampleDecision(), Options{}),
		"long":      LayoutDecision(long, Options{}),
		"receipt":   LayoutDeliveryReceipt(sampleReceipt(), Options{}),
		"notice":    LayoutOneTimeNotice(sampleNotice(), Options{}),
		"rejection": LayoutRejectionNotice(sampleRejection(), Options{}),
	}
	// Decisions whose closing block falls at every position of a page.
	for i := range 24 {
		d := sampleDecision()
		d.Facts += strings.Repeat("家", i*GridChars)
		out["filler"+itoa(i)] = LayoutDecision(d, Options{})
	}
	return out
}

func itoa(i int) string { return string(rune('a' + i)) }

func TestLayoutTextBlock(t *testing.T) {
	for name, pages := range layouts() {
		for pi, p := range pages {
			lines := map[float64]bool{}
			for _, tx := range p.Texts {
				if tx.Role == RolePageNumber {
					continue
				}
				if tx.X < Left-tol || tx.X+tx.Width() > Right+tol {
					t.Errorf("%s p%d: %q spans x %.2f–%.2f, outside %.0f–%.0f mm", name, pi+1, tx.S, tx.X, tx.X+tx.Width(), Left, Right)
				}
				if tx.Top() < Top-tol || tx.Y > Bottom+tol {
					t.Errorf("%s p%d: %q at y %.2f–%.2f, outside %.0f–%.0f mm", name, pi+1, tx.S, tx.Top(), tx.Y, Top, Bottom)
				}
				if tx.Role == RoleBody || tx.Role == RoleClosing || tx.Role == RoleDocNumber {
					if tx.Size != BodySize || tx.Face != FaceBody {
						t.Errorf("%s p%d: body text %q in %v pt face %d, want 16 pt body face", name, pi+1, tx.S, tx.Size, tx.Face)
					}
					if Cells(tx.S) > GridChars {
						t.Errorf("%s p%d: %q is %v characters, more than %d", name, pi+1, tx.S, Cells(tx.S), GridChars)
					}
					lines[math.Round(tx.Y*100)/100] = true
				}
				if tx.Role == RoleTitle && tx.Face != FaceTitle {
					t.Errorf("%s: title %q not in the title face", name, tx.S)
				}
			}
			most := GridLines
			if hasRole(p, RoleClosing) || hasRole(p, RoleNote) { // kept with the body or table
				most += 4 // a page set closer to keep the closing with the body
			}
			if len(lines) > most {
				t.Errorf("%s p%d: %d body lines, more than %d", name, pi+1, len(lines), most)
			}
			for _, r := range p.Rules {
				if r.X1 < Left-tol || r.X2 > Right+tol || r.Y1 < Top-tol || r.Y2 > Bottom+tol {
					t.Errorf("%s p%d: rule %+v outside the text block", name, pi+1, r)
				}
			}
		}
	}
}

func hasRole(p Page, role Role) bool {
	for _, t := range p.Texts {
		if t.Role == role {
			return true
		}
	}
	return false
}

// Body lines sit on the 22-line grid: consecutive baselines differ by whole line pitches. A
// page holding the closing or a form's note may be set closer (23–26 lines) but keeps an
// even pitch.
func TestLayoutGrid(t *testing.T) {
	for name, pages := range layouts() {
		for pi, p := range pages {
			pitch := LinePitch
			var ys []float64
			for _, tx := range p.Texts {
				if (tx.Role == RoleBody || tx.Role == RoleClosing) && tx.Size == BodySize {
					ys = append(ys, tx.Y)
				}
				if tx.Role == RoleBody && tx.Cell != BodyCell {
					t.Errorf("%q cell %.3f, want %.3f", tx.S, tx.Cell, BodyCell)
				}
			}
			if hasRole(p, RoleClosing) || hasRole(p, RoleNote) { // kept with the body or table
				// The pitch is BlockH/n; find n from the first line's offset pattern.
				for n := GridLines; n <= GridLines+4; n++ {
					if onGrid(ys, BlockH/float64(n)) {
						pitch = BlockH / float64(n)
						break
					}
				}
			}
			if !onGrid(ys, pitch) {
				t.Errorf("%s p%d: body baselines are not on one grid of 22–26 lines", name, pi+1)
			}
			if pitch < BlockH/float64(GridLines+4)-1e-9 || pitch < 1.5*Em(BodySize) {
				t.Errorf("%s p%d: line pitch %.2f mm, closer than 26 lines", name, pi+1, pitch)
			}
		}
	}
}

// onGrid reports whether every baseline in ys stands on grid line l of pitch: Y =
// baseline(0) + l*pitch.
func onGrid(ys []float64, pitch float64) bool {
	for _, y := range ys {
		l := (y - baseline(0, BodySize)) / pitch
		if math.Abs(l-math.Round(l)) > 1e-6 || l < -1e-6 || l > float64(GridLines+4) {
			return false
		}
	}
	return true
}

func TestLayoutPageNumbers(t *testing.T) {
	for name, pages := range layouts() {
		for i, p := range pages {
			var nums []Text
			onlyClosing := true
			for _, tx := range p.Texts {
				switch tx.Role {
				case RolePageNumber:
					nums = append(nums, tx)
				case RoleClosing:
				default:
					onlyClosing = false
				}
			}
			if onlyClosing {
				t.Errorf("%s p%d holds only the closing block", name, i+1)
			}
			if len(nums) == 0 {
				if p.Number != 0 {
					t.Errorf("%s p%d: Number %d but no page number printed", name, i+1, p.Number)
				}
				continue
			}
			n := nums[0]
			want := "— " + strings.TrimSpace(string(rune('0'+i+1))) + " —"
			if len(nums) != 1 || n.S != want || p.Number != i+1 {
				t.Errorf("%s p%d: page numbers %v (Number %d), want one %q", name, i+1, nums, p.Number, want)
			}
			if n.Size != PageNumberSize {
				t.Errorf("%s p%d: page number %v pt, want 14", name, i+1, n.Size)
			}
			if dash := n.Y - dashTop*Em(n.Size); math.Abs(dash-(Bottom+PageNumberGap)) > tol {
				t.Errorf("%s p%d: page number's 一字线 at %.2f mm, want %.2f (7 mm below the block)", name, i+1, dash, Bottom+PageNumberGap)
			}
			inset := Em(PageNumberSize)
			if (i+1)%2 == 1 && math.Abs(n.X+n.Width()-(Right-inset)) > tol {
				t.Errorf("%s p%d: odd page number ends at %.2f, want %.2f (right, one character in)", name, i+1, n.X+n.Width(), Right-inset)
			}
			if (i+1)%2 == 0 && math.Abs(n.X-(Left+inset)) > tol {
				t.Errorf("%s p%d: even page number starts at %.2f, want %.2f (left, one character in)", name, i+1, n.X, Left+inset)
			}
		}
	}
}

// The closing never stands apart from the body: wherever the body ends, the seal, authority
// and date follow on the same page, the page's lines set closer when needed (GB/T 9704-2012
// 7.3.5.4), and the date stays inside the text block.
func TestClosingStaysWithBody(t *testing.T) {
	for body := 15; body <= GridLines+1; body++ {
		f := newFlow(true)
		for range body {
			f.lineOf("正文", BodySize, FaceBody, alignLeft, 0, RoleBody)
		}
		f.closing("平城区鹿苑街道办事处", "2026年6月2日", true)
		pages := f.finish()
		want := 1
		if body > GridLines {
			want = 2
		}
		if len(pages) != want {
			t.Errorf("%d body lines: got %d pages, want %d", body, len(pages), want)
			continue
		}
		last := pages[len(pages)-1]
		var date, lastBody Text
		for _, tx := range last.Texts {
			switch tx.Role {
			case RoleClosing:
				date = tx
			case RoleBody:
				lastBody = tx
			}
		}
		if lastBody.S == "" || date.S != "2026年6月2日" {
			t.Fatalf("%d body lines: the closing is not on the page of the body", body)
		}
		if date.Y > Bottom+tol || date.Y-lastBody.Y < 2*Em(BodySize) {
			t.Errorf("%d body lines: date baseline %.2f, last body line %.2f: want it inside the block, clear of the body", body, date.Y, lastBody.Y)
		}
		if c := last.Circles; len(c) != 1 || c[0].Y-c[0].R < lastBody.Y-Em(BodySize) {
			t.Errorf("%d body lines: seal guide %+v reaches above the last body line", body, c)
		}
	}
}

// A page holding only the closing block would carry no page number.
func TestClosingOnlyPageUnnumbered(t *testing.T) {
	f := newFlow(true)
	f.lineOf("正文", BodySize, FaceBody, alignLeft, 0, RoleBody)
	f.newPage()
	f.put(Left, "平城区鹿苑街道办事处", BodySize, FaceBody, RoleClosing)
	pages := f.finish()
	if len(pages) != 2 || pages[0].Number != 1 || pages[1].Number != 0 || hasRole(pages[1], RolePageNumber) {
		t.Errorf("got %d pages numbered %v; want 2, the closing-only one unnumbered", len(pages), pages)
	}
}

func TestLayoutClosingBlock(t *testing.T) {
	pages := LayoutDecision(sampleDecision(), Options{})
	last := pages[len(pages)-1]
	var auth, date Text
	for _, tx := range last.Texts {
		if tx.Role == RoleClosing {
			if strings.Contains(tx.S, "年") {
				date = tx
			} else {
				auth = tx
			}
		}
	}
	if date.S != "2026年6月2日" || auth.S != "平城区鹿苑街道办事处" {
		t.Fatalf("closing block %q / %q", auth.S, date.S)
	}
	if got, want := date.X+date.Width(), Right-4*BodyCell; math.Abs(got-want) > tol {
		t.Errorf("date ends at %.2f, want %.2f (four characters in from the right)", got, want)
	}
	if got, want := auth.X+auth.Width()/2, date.X+date.Width()/2; math.Abs(got-want) > tol {
		t.Errorf("authority centred at %.2f, want over the date at %.2f", got, want)
	}
	if len(last.Circles) != 1 {
		t.Errorf("got %d seal circles, want 1", len(last.Circles))
	}
	if p := LayoutDecision(sampleDecision(), Options{NoSealMark: true}); len(p[len(p)-1].Circles) != 0 {
		t.Error("NoSealMark still draws the seal circle")
	}
}

func TestLayoutNoForbiddenLineStarts(t *testing.T) {
	for name, pages := range layouts() {
		for _, p := range pages {
			for _, tx := range p.Texts {
				if tx.Role != RoleBody && tx.Role != RoleNote {
					continue
				}
				r, _ := utf8.DecodeRuneInString(tx.S)
				if NoLineStartRune(r) {
					t.Errorf("%s: line starts with %q: %q", name, r, tx.S)
				}
			}
		}
	}
}

func TestDecisionText(t *testing.T) {
	d := sampleDecision()
	var all strings.Builder
	for _, p := range LayoutDecision(d, Options{}) {
		for _, tx := range p.Texts {
			if tx.Role != RolePageNumber {
				all.WriteString(tx.S)
			}
		}
	}
	s := all.String()
	for _, want := range []string{
		"最低生活保障不予批准决定书", "平民救决〔2026〕15号", "王秀兰", "14020219580312002X", "家庭人口：3人",
		"《社会救助暂行办法》第九条、第十一条、《最低生活保障审核确认办法》第二十一条的规定", "不予批准你家庭的最低生活保障申请。",
		"如不服本决定，依照《中华人民共和国行政复议法》第二十三条第一款第（三）项的规定，应当自收到本决定书之日起六十日内先向平城区人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向平城区人民法院提起行政诉讼。",
		"经核算，你家庭月人均收入为1820.00元，当地最低生活保障标准为每人每月780.00元。",
		"2026年6月2日",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("decision lacks %q", want)
		}
	}
	for _, c := range []struct {
		change func(*data.Decision)
		want   string
	}{
		{func(d *data.Decision) {
			d.Outcome, d.AmountBefore, d.AmountAfter, d.Effective = data.OutcomeDecrease, 98000, 54000, data.MustDate(2026, 7, 1)
		}, "自2026年7月起，你家庭的最低生活保障金由每月980.00元减发至每月540.00元。"},
		{func(d *data.Decision) {
			d.Outcome, d.AmountAfter, d.Effective = data.OutcomeGrant, 68000, data.MustDate(2026, 6, 1)
		}, "自2026年6月起给予你家庭最低生活保障，每月发放最低生活保障金680.00元。"},
		{func(d *data.Decision) {
			d.Programme, d.Outcome, d.AmountAfter = data.ProgrammeTemporary, data.OutcomeGrant, 150000
		}, "给予你家庭临时救助，救助金额1500.00元（一次性发放）。"},
		{func(d *data.Decision) {
			d.Programme, d.Outcome, d.AmountBefore, d.Effective = data.ProgrammeTekun, data.OutcomeStop, 120000, data.MustDate(2026, 8, 1)
		}, "自2026年8月起停发你的基本生活费（原每月1200.00元），终止特困人员救助供养。"},
	} {
		d := sampleDecision()
		c.change(&d)
		if got := decisionText(d); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestCitations(t *testing.T) {
	b := []data.LegalBasis{
		{Law: "社会救助暂行办法", Article: "第九条"}, {Law: "社会救助暂行办法", Article: "第十一条"},
		{Law: "最低生活保障审核确认办法", Article: "第二条"},
	}
	if got, want := Citations(b), "《社会救助暂行办法》第九条、第十一条、《最低生活保障审核确认办法》第二条"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGlyphs(t *testing.T) {
	tx := Text{X: 28, Cell: 5, S: "第1条"}
	gs := tx.Glyphs()
	want := []float64{28, 33, 35.5}
	for i, g := range gs {
		if math.Abs(g.X-want[i]) > 1e-9 {
			t.Errorf("glyph %d at %.2f, want %.2f", i, g.X, want[i])
		}
	}
	if tx.Width() != 12.5 {
		t.Errorf("width %.2f, want 12.5", tx.Width())
	}
}
