package data

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// 一次性告知 that counts trips (跑动). A 一次性告知单 tells an applicant, once, everything still
// missing; each time they come back with materials is a return (a trip). The matter is done
// (办成) at the first return that brings everything; done at the first return is 一次办成,
// and every return after the first is a second trip (二次跑动) the notice did not save.

// NoticeReturn is one return of an applicant after a 一次性告知单.
type NoticeReturn struct {
	ID          int64
	NoticeID    int64
	Date        Date
	Complete    bool   // everything required was then brought
	Application string // the 文号 of the decision the application led to, if any
	Note        string
	RecordedBy  string
}

// Validate checks a return against its notice's date and today.
func (r NoticeReturn) Validate(notice, today Date) error {
	var p Problems
	switch {
	case r.Date.IsZero():
		p.Addf("date", "请填写申请人再次来办理的日期。")
	case r.Date.Before(notice):
		p.Addf("date", "办理日期（%s）早于告知日期（%s），请核对。", r.Date.Chinese(), notice.Chinese())
	case r.Date.After(today):
		p.Addf("date", "办理日期（%s）晚于今天，请核对。", r.Date.Chinese())
	}
	if a := strings.TrimSpace(r.Application); a != "" {
		if _, _, _, err := ParseDocNumber(a); err != nil {
			p.Addf("application", "申请对应的文号“%s”格式不对，应如“平民救决〔2026〕15号”，或留空。", a)
		}
	}
	if len([]rune(r.Note)) > 200 {
		p.Addf("note", "备注不超过200字。")
	}
	return p.Err()
}

// NoticeFact is one notice with its returns in date order, for the figures.
type NoticeFact struct {
	Item    string
	Returns []bool // complete, per return, in order (up to and including the completing one)
}

// NoticeItemFigures are one item's figures.
type NoticeItemFigures struct {
	Issued      int `json:"issued"`
	Completed   int `json:"completed"`
	FirstReturn int `json:"first_return"`
}

// NoticeFigures are the 一次性告知 figures of `stats --json` (notices.*); see
// NoticeFiguresDefinition.
type NoticeFigures struct {
	Issued          int                          `json:"issued"`
	Completed       int                          `json:"completed"`
	FirstReturn     int                          `json:"first_return"`
	FirstReturnRate float64                      `json:"first_return_rate"`
	Trips           int                          `json:"trips"`
	AvgTrips        float64                      `json:"avg_trips"`
	SecondTrips     int                          `json:"second_trips"`
	ByItem          map[string]NoticeItemFigures `json:"by_item"`
}

// NoticeFiguresDefinition says how the figures are counted, word for word as in the README.
const NoticeFiguresDefinition = `一次性告知口径

只计统计期内（按告知日期）制作、未作废的一次性告知单；再次办理的记录截至期末，作废的记录不计。
1. 告知数（issued）：上述告知单份数。
2. 办成数（completed）：其中申请人再次来办理时材料已齐全的份数。
3. 一次办成数（first_return）：办成数中，告知后第一次来办理即材料齐全的份数。
4. 一次办成率（first_return_rate）= 一次办成数 ÷ 办成数。
5. 跑动次数（trips）：各办成事项从告知后到材料齐全来办理的次数之和（一次办成记1次）。
6. 平均跑动次数（avg_trips）= 跑动次数 ÷ 办成数，保留1位小数。
7. 二次跑动数（second_trips）：办成事项中跑动2次及以上的份数。
分母为0时比率记为0。`

// ComputeNoticeFigures counts the figures of the notices given.
func ComputeNoticeFigures(facts []NoticeFact) NoticeFigures {
	f := NoticeFigures{ByItem: map[string]NoticeItemFigures{}}
	for _, n := range facts {
		f.Issued++
		it := f.ByItem[n.Item]
		it.Issued++
		for i, complete := range n.Returns {
			if !complete {
				continue
			}
			f.Completed++
			it.Completed++
			f.Trips += i + 1
			if i == 0 {
				f.FirstReturn++
				it.FirstReturn++
			} else {
				f.SecondTrips++
			}
			break
		}
		f.ByItem[n.Item] = it
	}
	if f.Completed > 0 {
		f.FirstReturnRate = float64(f.FirstReturn) / float64(f.Completed)
		f.AvgTrips = math.Round(float64(f.Trips)/float64(f.Completed)*10) / 10
	}
	return f
}

// AidLines are the statistics screen's and `stats`' line of the aid roster and the notices,
// kept to one line so the screen's figures card keeps its size: 低保 by households and
// persons, 特困 by persons, 临时救助 by payments (人次).
func AidLines(aid map[string]AidFigures, n NoticeFigures) []string {
	var names []string
	for p := range aid {
		names = append(names, p)
	}
	sort.Slice(names, func(i, j int) bool { return programmeOrder(names[i]) < programmeOrder(names[j]) })
	var parts []string
	for _, name := range names {
		a, p := aid[name], Programme(name)
		who := fmt.Sprintf("%d 户 %d 人", a.Households, a.Persons)
		switch {
		case p.Individual():
			who = fmt.Sprintf("%d 人", a.Households)
		case p.OneOff():
			who = fmt.Sprintf("%d 人次", a.Households)
		}
		parts = append(parts, fmt.Sprintf("%s %s %s 元", name, who, Fen(a.Amount).Yuan()))
	}
	return []string{fmt.Sprintf("社会救助发放：%s；一次性告知 %d 份，一次办成 %d 份（%s），平均跑动 %.1f 次",
		strings.Join(parts, "、"), n.Issued, n.FirstReturn, Percent(n.FirstReturn, n.Completed), n.AvgTrips)}
}

func programmeOrder(p string) int {
	for i, d := range DefaultProgrammes {
		if string(d) == p {
			return i
		}
	}
	return len(DefaultProgrammes)
}

// CheckGuideURL tidies an item's 办事指南 address and refuses one a phone could not open from
// the printed QR code: it must be a web address (http:// or https://), at
// most 300 characters, printable ASCII only (as a browser copies it, Chinese percent-encoded).
// Empty is allowed (no QR code).
func CheckGuideURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") || len(s) <= len("https://") {
		return s, Invalid("guide_url", "办事指南网址“%s”应以 http:// 或 https:// 开头，例如 https://www.example.gov.cn/bszn/123", s)
	}
	for _, r := range s {
		if r <= ' ' || r > '~' {
			return s, Invalid("guide_url", "办事指南网址中不能有空格、中文或全角字符：请从浏览器地址栏复制网址（中文会自动转成 %%E5… 形式）。")
		}
	}
	if len(s) > 300 {
		return s, Invalid("guide_url", "办事指南网址过长（超过300个字符），二维码难以识别，请使用较短的地址。")
	}
	return s, nil
}
