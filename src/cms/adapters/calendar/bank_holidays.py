"""England and Wales bank holidays from the maintained `holidays` package."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import holidays


def england_and_wales_bank_holidays() -> Callable[[date], bool]:
    """A predicate for the bank holidays of England and Wales (subdivision ENG covers both)."""
    calendar = holidays.country_holidays("GB", subdiv="ENG")
    return lambda day: day in calendar
