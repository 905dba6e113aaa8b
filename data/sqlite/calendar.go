package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"taizhang/data"
)

// The working calendar is the table work_calendar: one row per day that differs from the
// Monday–Friday week. Migration 0003 seeds it with data.DefaultHolidays (2025 and 2026); the
// administrator adds later years as the State Council publishes them. Changing the calendar
// never moves a deadline already set: a deadline given in working days is turned into a date
// when the issue is recorded, and the date is what is kept.

// Calendar returns the working calendar as stored.
func (db *DB) Calendar(ctx context.Context) (*data.Calendar, error) {
	es, err := db.CalendarEntries(ctx, 0)
	if err != nil {
		return nil, err
	}
	return data.NewCalendar(es), nil
}

// CalendarEntries lists the calendar's entries of one year (every year when year is 0), in
// date order: the rows of the working-calendar screen.
func (db *DB) CalendarEntries(ctx context.Context, year int) ([]data.HolidayEntry, error) {
	return calendarEntries(ctx, db.db, year)
}

// sqlQueryer is a *sql.DB or a *sql.Tx.
type sqlQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func calendarEntries(ctx context.Context, q sqlQueryer, year int) ([]data.HolidayEntry, error) {
	query := "SELECT day, off, name FROM work_calendar"
	var args []any
	if year != 0 {
		query += " WHERE day >= ? AND day <= ?"
		args = append(args, data.MustDate(year, 1, 1), data.MustDate(year, 12, 31))
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY day", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.HolidayEntry
	for rows.Next() {
		var e data.HolidayEntry
		if err := rows.Scan(&e.Date, &e.Off, &e.Name); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// calendar reads the working calendar inside tx, for deadlines given in working days.
func (tx *Tx) calendar() (*data.Calendar, error) {
	es, err := calendarEntries(tx.ctx, tx.Tx, 0)
	if err != nil {
		return nil, err
	}
	return data.NewCalendar(es), nil
}

// SetCalendarDay marks date as a day off (off, 休) or as a make-up working day (!off, 调休上班)
// named after its festival, replacing any entry for that date (administrators only, audited).
func (db *DB) SetCalendarDay(ctx context.Context, date data.Date, off bool, name string) error {
	name = strings.TrimSpace(name)
	if date.IsZero() || !date.IsValid() {
		return data.Invalid("date", "请填写有效的日期")
	}
	if name == "" {
		return data.Invalid("name", "请填写节日名称（如：春节、国庆节）")
	}
	if utf8.RuneCountInString(name) > 20 {
		return data.Invalid("name", "节日名称过长，最多 20 字")
	}
	wd := date.Weekday()
	weekend := wd == 0 || wd == 6
	if !off && !weekend {
		return data.Invalid("off", "%s是工作日（星期%s），不需要登记为调休上班", date.Chinese(), weekdayName(date))
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		before, err := tx.calendarDay(date)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO work_calendar (day, off, name) VALUES (?, ?, ?)
			ON CONFLICT(day) DO UPDATE SET off = excluded.off, name = excluded.name`, date, off, name); err != nil {
			return err
		}
		return tx.Audit("update", "work_calendar", 0, before, calendarAudit(data.HolidayEntry{Date: date, Off: off, Name: name}))
	})
}

// RemoveCalendarDay takes date back to the ordinary week (administrators only, audited; the
// audit log keeps what the entry said).
func (db *DB) RemoveCalendarDay(ctx context.Context, date data.Date) error {
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		before, err := tx.calendarDay(date)
		if err != nil {
			return err
		}
		if before == nil {
			return data.NotFound("工作日历中没有%s这一天的安排", date.Chinese())
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM work_calendar WHERE day = ?", date); err != nil {
			return err
		}
		return tx.Audit("delete", "work_calendar", 0, before, nil)
	})
}

func (tx *Tx) calendarDay(date data.Date) (map[string]any, error) {
	var e data.HolidayEntry
	err := tx.QueryRowContext(tx.ctx, "SELECT day, off, name FROM work_calendar WHERE day = ?", date).Scan(&e.Date, &e.Off, &e.Name)
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return calendarAudit(e), nil
}

func calendarAudit(e data.HolidayEntry) map[string]any {
	return map[string]any{"day": e.Date.String(), "off": e.Off, "name": e.Name}
}

func weekdayName(d data.Date) string {
	return []string{"日", "一", "二", "三", "四", "五", "六"}[d.Weekday()]
}
