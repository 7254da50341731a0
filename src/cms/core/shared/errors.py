"""The small hierarchy of domain exceptions that the outer layers translate for users."""

from __future__ import annotations


class DomainError(Exception):
    """Something the business rules refuse; its message is written for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidValue(DomainError, ValueError):
    """A value that breaks its own format rules (an MPRN, a postcode, a CRN...)."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class NotFound(DomainError):
    """The thing does not exist, or the caller may not see it: the two answer alike."""


class NotPermitted(DomainError):
    """The caller may see the thing but may not do this to it."""


class ConcurrencyConflict(DomainError):
    """Somebody else changed the aggregate between our read and our write."""
