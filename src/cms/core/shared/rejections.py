"""A reason something was refused (or a warning): a code, the field, and advice to act on."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.shared.errors import DomainError


@dataclass(frozen=True, slots=True)
class Rejection:
    code: str
    field: str | None
    message: str


class Rejected(DomainError):
    """Input refused for one or more reasons, every one reported at once."""

    def __init__(self, reasons: list[Rejection]) -> None:
        super().__init__("; ".join(reason.message for reason in reasons))
        self.reasons = tuple(reasons)
