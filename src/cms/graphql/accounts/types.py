"""The accounts part of the schema: organisations, users and signing in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeAlias

import strawberry

from cms.core.accounts import model
from cms.core.accounts.queries import UserView
from cms.graphql.common import InvalidInput, NotPermitted

OrganisationKind: TypeAlias = model.OrganisationKind
strawberry.enum(model.OrganisationKind, name="OrganisationKind")
Role: TypeAlias = model.Role
strawberry.enum(model.Role, name="Role")
AccountStatus: TypeAlias = model.AccountStatus
strawberry.enum(model.AccountStatus, name="AccountStatus")
MfaChannel: TypeAlias = model.MfaChannel
strawberry.enum(model.MfaChannel, name="MfaChannel")


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    kind: OrganisationKind
    short_code: str

    @classmethod
    def of(cls, organisation: model.Organisation) -> Organisation:
        return cls(
            id=strawberry.ID(organisation.id),
            name=organisation.name,
            kind=organisation.kind,
            short_code=organisation.short_code,
        )


@strawberry.type
class User:
    id: strawberry.ID
    name: str
    email: str
    organisation: Organisation
    roles: list[Role]
    status: AccountStatus
    last_sign_in_at: datetime | None
    mfa_channel: MfaChannel | None

    @classmethod
    def of(cls, user: UserView) -> User:
        return cls(
            id=strawberry.ID(user.id),
            name=user.name,
            email=user.email,
            organisation=Organisation.of(user.organisation),
            roles=sorted(user.roles),
            status=user.status,
            last_sign_in_at=user.last_sign_in_at,
            mfa_channel=user.mfa_channel,
        )


@strawberry.input
class SignInInput:
    email: str
    password: str


@strawberry.type
class SignedIn:
    user: User
    session_token: str


@strawberry.type
class MfaRequired:
    challenge_id: strawberry.ID
    channel: MfaChannel
    masked_destination: str | None
    totp_provisioning_uri: str | None = strawberry.field(
        default=None,
        description="While enrolling an authenticator app: the otpauth:// URI to scan.",
    )


@strawberry.type
class MfaEnrolmentRequired:
    challenge_id: strawberry.ID


@strawberry.type
class SignInFailed:
    message: str


@strawberry.type
class MfaFailed:
    message: str
    attempts_left: int


@strawberry.input
class VerifyMfaInput:
    challenge_id: strawberry.ID
    code: str
    remember_device: bool | None = False


@strawberry.input
class EnrolMfaInput:
    challenge_id: strawberry.ID
    channel: MfaChannel
    destination: str | None = None


@strawberry.input
class NominateUserInput:
    name: str
    email: str
    mobile: str | None = None
    roles: list[Role]


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.type
class Nomination:
    id: strawberry.ID
    name: str
    email: str
    organisation: Organisation
    roles: list[Role]
    created_at: datetime
    clash: str | None = strawberry.field(
        default=None,
        description="CDSP account administrators only (null for others): why this nomination "
        "cannot become an account as it stands, such as the email having an account at another "
        "organisation, or another organisation having nominated it too.",
    )


@strawberry.type
class AuditEntry:
    seq: int
    at: datetime
    event: str
    actor_id: strawberry.ID | None
    subject_id: strawberry.ID | None
    client_address: str | None
    details: str = strawberry.field(description="The entry's details as a JSON object.")
    hash: str


SignInResult = Annotated[
    SignedIn | MfaRequired | MfaEnrolmentRequired | SignInFailed,
    strawberry.union("SignInResult"),
]
EnrolMfaResult = Annotated[MfaRequired | InvalidInput, strawberry.union("EnrolMfaResult")]
VerifyMfaResult = Annotated[SignedIn | MfaFailed, strawberry.union("VerifyMfaResult")]
NominateUserResult = Annotated[
    Nomination | InvalidInput | NotPermitted, strawberry.union("NominateUserResult")
]
AccountChangeResult = Annotated[
    User | InvalidInput | NotPermitted, strawberry.union("AccountChangeResult")
]
ChangePasswordResult = Annotated[User | InvalidInput, strawberry.union("ChangePasswordResult")]
