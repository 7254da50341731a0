"""UK working days with the real England and Wales bank holidays, and due dates in UK time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.adapters.calendar.bank_holidays import england_and_wales_bank_holidays
from cms.core.shared.calendar import UK, WorkingDayCalendar

ENGLAND_AND_WALES = england_and_wales_bank_holidays()


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar(ENGLAND_AND_WALES)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # Thursday, Christmas Eve
        (date(2026, 12, 25), False),  # Friday, Christmas Day
        (date(2026, 12, 26), False),  # Saturday, Boxing Day
        (date(2026, 12, 28), False),  # Monday, substitute day for Boxing Day
        (date(2026, 12, 29), True),
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), True),
        (date(2026, 5, 4), False),  # Early May bank holiday
        (date(2026, 8, 31), False),  # Summer bank holiday (England and Wales: last Monday)
        (date(2026, 1, 2), True),  # a bank holiday in Scotland only
        (date(2026, 11, 30), True),  # St Andrew's Day, Scotland only
        (date(2026, 3, 17), True),  # St Patrick's Day, Northern Ireland only
        (date(2026, 3, 7), False),  # an ordinary Saturday
        (date(2026, 3, 8), False),  # an ordinary Sunday
    ],
)
def test_working_days_in_england_and_wales(
    calendar: WorkingDayCalendar, day: date, working: bool
) -> None:
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # over Christmas and the substitute day
        (date(2026, 12, 23), 2, date(2026, 12, 29)),
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Easter
        (date(2026, 3, 2), 10, date(2026, 3, 16)),  # two plain weeks
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday
    ],
)
def test_adding_working_days_skips_weekends_and_bank_holidays(
    calendar: WorkingDayCalendar, start: date, days: int, due: date
) -> None:
    assert calendar.add_working_days(start, days) == due
    assert calendar.working_days_between(start, due) == days


def test_extra_closure_days_are_not_working_days() -> None:
    closed = WorkingDayCalendar(ENGLAND_AND_WALES, extra_closures=[date(2026, 12, 29)])
    assert not closed.is_working_day(date(2026, 12, 29))
    assert closed.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)
    # ...and only those days.
    assert closed.is_working_day(date(2026, 12, 30))


def test_working_days_between_counts_after_the_start_up_to_the_end(
    calendar: WorkingDayCalendar,
) -> None:
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 3)) == 1
    assert calendar.working_days_between(date(2026, 12, 24), date(2026, 12, 28)) == 0
    assert calendar.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.integers(1, 30))
def test_the_due_day_is_a_working_day_strictly_after_the_start(start: date, days: int) -> None:
    calendar = WorkingDayCalendar(ENGLAND_AND_WALES)
    due = calendar.add_working_days(start, days)
    assert due > start
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == days
    # It is the first such day: the day before it is still short of the count.
    assert calendar.working_days_between(start, due - timedelta(days=1)) == days - 1


@pytest.mark.parametrize(
    ("raised", "due"),
    [
        # Friday in GMT; the clocks go forward on Sunday 29 March; due Tuesday 17:00 BST.
        (datetime(2026, 3, 27, 10, 0, tzinfo=UTC), datetime(2026, 3, 31, 16, 0, tzinfo=UTC)),
        # Friday in BST; the clocks go back on Sunday 25 October; due Tuesday 17:00 GMT.
        (datetime(2026, 10, 23, 10, 0, tzinfo=UTC), datetime(2026, 10, 27, 17, 0, tzinfo=UTC)),
    ],
)
def test_due_by_is_five_pm_london_time_across_the_clock_change(
    calendar: WorkingDayCalendar, raised: datetime, due: datetime
) -> None:
    due_by = calendar.due_by(raised, 2)
    assert due_by == due
    assert due_by.utcoffset() == timedelta(0)  # a UTC instant
    assert due_by.astimezone(UK).strftime("%A %H:%M") == "Tuesday 17:00"


def test_the_day_raised_is_the_uk_day_not_the_utc_day(calendar: WorkingDayCalendar) -> None:
    # 23:30 UTC on Thursday 4 June is 00:30 BST on Friday: two working days on is Tuesday.
    due_by = calendar.due_by(datetime(2026, 6, 4, 23, 30, tzinfo=UTC), 2)
    assert due_by.astimezone(UK) == datetime(2026, 6, 9, 17, 0, tzinfo=UK)


def test_due_by_over_christmas(calendar: WorkingDayCalendar) -> None:
    due_by = calendar.due_by(datetime(2026, 12, 24, 15, 0, tzinfo=UTC), 2)
    assert due_by == datetime(2026, 12, 30, 17, 0, tzinfo=UTC)
