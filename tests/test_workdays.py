import datetime as dt

from conftest import admin_of
from petition_desk.domain.workdays import WorkCalendar
from petition_desk.services.calendar_store import confirm_year, load_calendar, set_override

D = dt.date


def test_national_day_week_is_skipped_and_makeup_saturday_counts():
    cal = WorkCalendar()
    # Mon 28 Sep + 5 working days: 29, 30 Sep, (1-7 Oct off), 8, 9 Oct, Sat 10 Oct (make-up day).
    due = cal.add_working_days(D(2026, 9, 28), 5)
    assert due.day == D(2026, 10, 10) and due.confirmed
    assert cal.is_working_day(D(2026, 10, 10))
    assert not cal.is_working_day(D(2026, 10, 5))


def test_spring_festival_with_both_makeup_saturdays():
    cal = WorkCalendar()
    assert cal.is_working_day(D(2026, 2, 14)) and cal.is_working_day(D(2026, 2, 28))
    assert not any(cal.is_working_day(D(2026, 2, d)) for d in range(15, 24))
    # Fri 13 Feb + 3 working days: Sat 14 (make-up), then 15-23 off, Tue 24, Wed 25.
    assert cal.add_working_days(D(2026, 2, 13), 3).day == D(2026, 2, 25)


def test_labour_day_and_its_makeup_saturday():
    cal = WorkCalendar()
    assert cal.add_working_days(D(2026, 4, 30), 1).day == D(2026, 5, 6)
    assert cal.is_working_day(D(2026, 5, 9))


def test_year_without_data_is_weekdays_and_unconfirmed():
    cal = WorkCalendar()
    due = cal.add_working_days(D(2027, 1, 1), 5)  # Fri 1 Jan 2027 -> Fri 8 Jan, unconfirmed
    assert due.day == D(2027, 1, 8)
    assert not due.confirmed
    # Crossing into an unknown year makes the answer unconfirmed too.
    assert not cal.add_working_days(D(2026, 12, 30), 5).confirmed


def test_override_wins_over_the_package():
    cal = WorkCalendar(overrides={D(2026, 10, 9): False, D(2026, 10, 11): True})
    assert not cal.is_working_day(D(2026, 10, 9))
    assert cal.is_working_day(D(2026, 10, 11))


def test_clerk_entered_year_becomes_confirmed(conn):
    set_override(conn, D(2027, 2, 10), False, "春节", actor=admin_of(conn))
    cal = load_calendar(conn)
    assert not cal.is_working_day(D(2027, 2, 10))
    assert not cal.year_confirmed(2027)
    confirm_year(conn, 2027, actor=admin_of(conn))
    assert load_calendar(conn).add_working_days(D(2027, 2, 8), 3).confirmed


def test_calendar_days_are_plain_days():
    cal = WorkCalendar()
    assert cal.add_calendar_days(D(2026, 9, 20), 15).day == D(2026, 10, 5)
    assert cal.working_days_between(D(2026, 9, 28), D(2026, 10, 10)) == 5
