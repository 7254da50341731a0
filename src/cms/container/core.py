"""The core part: the settings, the mode decided from them, time and the working calendar."""

from __future__ import annotations

from dependency_injector import containers, providers

from cms.adapters.calendar.bank_holidays import england_and_wales_bank_holidays
from cms.core.accounts.policy import SecurityPolicy
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import SystemClock
from cms.settings import Mode, Settings


def mode_of(settings: Settings) -> Mode:
    return settings.mode


class Core(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    # Embedded or distributed: every part that differs between them selects on this.
    mode = providers.Callable(mode_of, settings)
    clock = providers.Singleton(SystemClock)
    calendar = providers.Singleton(
        WorkingDayCalendar,
        is_holiday=providers.Callable(england_and_wales_bank_holidays),
        extra_closures=settings.provided.closure_days,
    )
    security_policy = providers.Singleton(
        SecurityPolicy,
        idle_timeout_s=settings.provided.session_idle_timeout_s,
        absolute_timeout_s=settings.provided.session_absolute_timeout_s,
    )
