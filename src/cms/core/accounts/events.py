"""Events of the accounts module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cms.core.shared.messages import Event


@dataclass(frozen=True, kw_only=True)
class UserSignedIn(Event):
    kind: ClassVar[str] = "USER_SIGNED_IN"
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class UserSignedOut(Event):
    kind: ClassVar[str] = "USER_SIGNED_OUT"
