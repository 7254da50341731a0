"""The account rules' numbers in one place: sessions, codes, sign-in waits, invitations and
inactivity (their reasons are in docs/domain.md)."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.throttling import Backoff

# After 5 wrong passwords in an hour: 30 s, 1, 2, 4, 8 minutes, then 15 minutes between tries.
PASSWORD_BACKOFF = Backoff(free=5, window_s=60 * 60, first_wait_s=30, longest_wait_s=15 * 60)
# After 100 failures in an hour from one address: 1 s, 2 s, ... at most a minute between tries.
ADDRESS_BACKOFF = Backoff(free=100, window_s=60 * 60, first_wait_s=1, longest_wait_s=60)


@dataclass(frozen=True, slots=True)
class SecurityPolicy:
    """The account rules' numbers; tests and settings may give others."""

    idle_timeout_s: int = 30 * 60
    absolute_timeout_s: int = 12 * 60 * 60
    # Wrong passwords slow guessing down rather than lock anyone out (throttling.py): per email
    # address, per client address (a whole office may share one), and per remembered device,
    # which is exempt from the other two.
    account_backoff: Backoff = PASSWORD_BACKOFF
    address_backoff: Backoff = ADDRESS_BACKOFF
    device_backoff: Backoff = PASSWORD_BACKOFF
    # Wrong current passwords one session may give to changePassword before it is ended.
    change_password_attempts: int = 5
    code_ttl_s: int = 5 * 60
    challenge_ttl_s: int = 15 * 60
    code_attempts: int = 5
    codes_per_window: int = 3
    code_window_s: int = 15 * 60
    trusted_device_days: int = 30
    invitation_ttl_s: int = 72 * 60 * 60
    inactivity_days: int = 90
    inactivity_warning_days: int = 14
