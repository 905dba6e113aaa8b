package data

import "time"

// holidaySpan is one line of a State Council notice: a run of days off (放假) or one
// make-up working day (上班), written as the notice writes it so it can be checked by eye.
type holidaySpan struct {
	y        int
	m1, d1   int // first day
	m2, d2   int // last day (inclusive)
	off      bool
	festival string
}

// shippedHolidays is the published schedule for the years the program ships with. Each block
// copies one notice of the General Office of the State Council; every 休 day (weekends inside
// a holiday included, as the notice counts them in "共N天") and every 调休上班 day is listed.
//
// Years not listed here — 2027 onwards — are entered by the administrator in the working
// calendar screen once the notice is published (usually in November of the year before).
// Until then Calendar.Covers reports the year as missing and that year counts weekends only.
var shippedHolidays = []holidaySpan{
	// 国务院办公厅关于2025年部分节假日安排的通知 (2024年11月12日,
	// https://www.gov.cn/zhengce/content/202411/content_6986382.htm)
	{2025, 1, 1, 1, 1, true, "元旦"},           // 一、元旦：1月1日（周三）放假1天，不调休。
	{2025, 1, 26, 1, 26, false, "春节"},        // 二、春节：1月26日（周日）上班。
	{2025, 1, 28, 2, 4, true, "春节"},          // 1月28日（除夕、周二）至2月4日（正月初七、周二）放假调休，共8天。
	{2025, 2, 8, 2, 8, false, "春节"},          // 2月8日（周六）上班。
	{2025, 4, 4, 4, 6, true, "清明节"},          // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
	{2025, 4, 27, 4, 27, false, "劳动节"},       // 四、劳动节：4月27日（周日）上班。
	{2025, 5, 1, 5, 5, true, "劳动节"},          // 5月1日（周四）至5日（周一）放假调休，共5天。
	{2025, 5, 31, 6, 2, true, "端午节"},         // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
	{2025, 9, 28, 9, 28, false, "国庆节、中秋节"},   // 六、国庆节、中秋节：9月28日（周日）上班。
	{2025, 10, 1, 10, 8, true, "国庆节、中秋节"},    // 10月1日（周三）至8日（周三）放假调休，共8天。
	{2025, 10, 11, 10, 11, false, "国庆节、中秋节"}, // 10月11日（周六）上班。

	// 国务院办公厅关于2026年部分节假日安排的通知 (2025年11月4日, 新华社北京11月4日电,
	// https://politics.gmw.cn/2025-11/04/content_38391083.htm)
	{2026, 1, 1, 1, 3, true, "元旦"},       // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
	{2026, 1, 4, 1, 4, false, "元旦"},      // 1月4日（周日）上班。
	{2026, 2, 14, 2, 14, false, "春节"},    // 二、春节：2月14日（周六）上班。
	{2026, 2, 15, 2, 23, true, "春节"},     // 2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。
	{2026, 2, 28, 2, 28, false, "春节"},    // 2月28日（周六）上班。
	{2026, 4, 4, 4, 6, true, "清明节"},      // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
	{2026, 5, 1, 5, 5, true, "劳动节"},      // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。
	{2026, 5, 9, 5, 9, false, "劳动节"},     // 5月9日（周六）上班。
	{2026, 6, 19, 6, 21, true, "端午节"},    // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
	{2026, 9, 20, 9, 20, false, "国庆节"},   // 七、国庆节：9月20日（周日）上班。
	{2026, 9, 25, 9, 27, true, "中秋节"},    // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
	{2026, 10, 1, 10, 7, true, "国庆节"},    // 10月1日（周四）至7日（周三）放假调休，共7天。
	{2026, 10, 10, 10, 10, false, "国庆节"}, // 10月10日（周六）上班。
}

// DefaultHolidays returns the shipped working-calendar entries (2025 and 2026), one per day in
// date order, as a fresh slice the caller may keep. The store copies them into its editable
// table on first start.
func DefaultHolidays() []HolidayEntry {
	var out []HolidayEntry
	for _, s := range shippedHolidays {
		last := MustDate(s.y, time.Month(s.m2), s.d2)
		for d := MustDate(s.y, time.Month(s.m1), s.d1); !d.After(last); d = d.AddDays(1) {
			out = append(out, HolidayEntry{Date: d, Off: s.off, Name: s.festival})
		}
	}
	return out
}

// DefaultCalendar is NewCalendar(DefaultHolidays()): for tests and for tools that run
// without a database.
func DefaultCalendar() *Calendar { return NewCalendar(DefaultHolidays()) }
