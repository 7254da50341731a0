"""UK working days: not weekends, not bank holidays, not extra closure days."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
# A due date falls at the end of the UK working day (decision: close of the support day).
END_OF_WORKING_DAY = time(17, 0)


class WorkingDayCalendar:
    """Counts working days; the holiday source is given so core stays free of packages."""

    def __init__(
        self, is_holiday: Callable[[date], bool], extra_closures: Iterable[date] = ()
    ) -> None:
        self._is_holiday = is_holiday
        self._closures = frozenset(extra_closures)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self._is_holiday(day) and day not in self._closures

    def add_working_days(self, start: date, days: int) -> date:
        """The day that is `days` working days after `start` (start itself not counted)."""
        day = start
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def due_by(self, since: datetime, working_days: int) -> datetime:
        """The end of the UK working day `working_days` after `since`, as a UTC instant."""
        local_day = since.astimezone(UK).date()
        due_day = self.add_working_days(local_day, working_days)
        return datetime.combine(due_day, END_OF_WORKING_DAY, tzinfo=UK).astimezone(UTC)

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie after `start` up to and including `end`."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
