"""Types shared by every module's part of the schema."""

from __future__ import annotations

import strawberry

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.values import PafSuggestion
from cms.core.contacts.values import Rejection as RejectionValue


@strawberry.type
class Rejection:
    code: str
    field: str | None
    message: str
    suggested_udprn: strawberry.ID | None = strawberry.field(
        default=None,
        description="A typed address the PAF holds (MANUAL_ADDRESS_IN_PAF): the UDPRN of the "
        "PAF delivery point to choose instead.",
    )

    @classmethod
    def of(cls, value: RejectionValue) -> Rejection:
        suggested = value.suggested_udprn if isinstance(value, PafSuggestion) else None
        return cls(
            code=value.code,
            field=value.field,
            message=value.message,
            suggested_udprn=strawberry.ID(suggested) if suggested else None,
        )


@strawberry.type
class NotPermitted:
    message: str


@strawberry.type
class NotFound:
    message: str


@strawberry.type
class InvalidInput:
    reasons: list[Rejection]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class InvalidTransition:
    message: str
    status: ContactStatus
