"""Types shared by every module's part of the schema."""

from __future__ import annotations

import strawberry

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.values import PafSuggestion
from cms.core.contacts.values import Rejection as RejectionValue
from cms.core.shared.rejections import Rejected


@strawberry.type(name="Rejection")
class GqlRejection:
    code: str
    field: str | None
    message: str
    suggested_udprn: strawberry.ID | None = strawberry.field(
        default=None,
        description="A typed address the PAF holds (MANUAL_ADDRESS_IN_PAF): the UDPRN of the "
        "PAF delivery point to choose instead.",
    )

    @classmethod
    def of(cls, value: RejectionValue) -> GqlRejection:
        suggested = value.suggested_udprn if isinstance(value, PafSuggestion) else None
        return cls(
            code=value.code,
            field=value.field,
            message=value.message,
            suggested_udprn=strawberry.ID(suggested) if suggested else None,
        )


@strawberry.type(name="NotPermitted")
class GqlNotPermitted:
    message: str


@strawberry.type(name="NotFound")
class GqlNotFound:
    message: str


@strawberry.type
class InvalidInput:
    reasons: list[GqlRejection]

    @classmethod
    def of(cls, error: Rejected) -> InvalidInput:
        return cls(reasons=[GqlRejection.of(reason) for reason in error.reasons])


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(name="InvalidTransition")
class GqlInvalidTransition:
    message: str
    status: ContactStatus
