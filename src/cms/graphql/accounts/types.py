"""The accounts part of the schema: organisations, users and signing in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeAlias

import strawberry

from cms.core.accounts import model, queries
from cms.core.accounts.passwords import PASSWORD_RULES
from cms.core.accounts.queries import UserView, days_inactive, may_see_account_details
from cms.core.addresses import ldz
from cms.graphql.common import GqlNotPermitted, InvalidInput
from cms.graphql.context import ContextInfo

OrganisationKind: TypeAlias = model.OrganisationKind
strawberry.enum(model.OrganisationKind, name="OrganisationKind")
Role: TypeAlias = model.Role
strawberry.enum(model.Role, name="Role")
AccountStatus: TypeAlias = model.AccountStatus
strawberry.enum(model.AccountStatus, name="AccountStatus")
MfaChannel: TypeAlias = model.MfaChannel
strawberry.enum(model.MfaChannel, name="MfaChannel")


@strawberry.type(name="Ldz", description="A Local Distribution Zone of the GB gas networks.")
class GqlLdz:
    code: str = strawberry.field(description="EA, EM, NE, NO, NT, NW, SC, SE, SO, SW, WM, WN, WS.")
    name: str = strawberry.field(description="As the industry writes it, e.g. North West.")

    @classmethod
    def of(cls, code: str) -> GqlLdz:
        return cls(code=code, name=ldz.Ldz(code).display_name)


@strawberry.type(name="Organisation")
class GqlOrganisation:
    id: strawberry.ID
    name: str
    kind: OrganisationKind
    short_code: str
    # Known when the organisation was read with its zones (the networks query).
    known_ldzs: strawberry.Private[tuple[str, ...] | None] = None

    @classmethod
    def of(
        cls, organisation: model.Organisation, ldzs: tuple[str, ...] | None = None
    ) -> GqlOrganisation:
        return cls(
            id=strawberry.ID(organisation.id),
            name=organisation.name,
            kind=organisation.kind,
            short_code=organisation.short_code,
            known_ldzs=ldzs,
        )

    @strawberry.field(
        description="A network's LDZs: its contacts come from these. Empty for others."
    )
    async def ldzs(self, info: ContextInfo) -> list[GqlLdz]:
        codes = self.known_ldzs
        if codes is None:
            if self.kind is not model.OrganisationKind.NETWORK:
                return []
            networks = await info.context.services.accounts.queries.networks()
            codes = next((n.ldzs for n in networks if n.organisation.id == self.id), ())
        return [GqlLdz.of(code) for code in codes]


@strawberry.type
class User:
    view: strawberry.Private[UserView]
    # Shown whole whoever asks: the answer to the person's own sign-in or invitation, when
    # the request has no signed-in viewer yet.
    shown_whole: strawberry.Private[bool] = False

    @classmethod
    def of(cls, user: UserView, shown_whole: bool = False) -> User:
        return cls(view=user, shown_whole=shown_whole)

    def _details_shown(self, info: ContextInfo) -> bool:
        return self.shown_whole or may_see_account_details(info.context.viewer, self.view)

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.view.id)

    @strawberry.field
    def name(self) -> str:
        return self.view.name

    @strawberry.field
    def email(self) -> str:
        return self.view.email

    @strawberry.field
    def organisation(self) -> GqlOrganisation:
        return GqlOrganisation.of(self.view.organisation)

    @strawberry.field(
        description="Empty unless you are this user, their organisation's LSO or a CDSP "
        "account administrator (every account has at least one role)."
    )
    def roles(self, info: ContextInfo) -> list[Role]:
        return sorted(self.view.roles) if self._details_shown(info) else []

    @strawberry.field
    def status(self) -> AccountStatus:
        return self.view.status

    @strawberry.field(
        description="Null unless you are this user, their organisation's LSO or a CDSP "
        "account administrator."
    )
    def last_sign_in_at(self, info: ContextInfo) -> datetime | None:
        return self.view.last_sign_in_at if self._details_shown(info) else None

    @strawberry.field(
        description="Whole days since the account was last active (activated, signed in or "
        "enabled again); null for an invited account, and unless you are this user, their "
        "organisation's LSO or a CDSP account administrator. 90 disable it."
    )
    def days_inactive(self, info: ContextInfo) -> int | None:
        if not self._details_shown(info):
            return None
        return days_inactive(self.view, info.context.services.clock.now())

    @strawberry.field(
        description="Null unless you are this user, their organisation's LSO or a CDSP "
        "account administrator."
    )
    def mfa_channel(self, info: ContextInfo) -> MfaChannel | None:
        return self.view.mfa_channel if self._details_shown(info) else None


@strawberry.input
class SignInInput:
    email: str
    password: str


@strawberry.type(name="SignedIn")
class GqlSignedIn:
    user: User
    session_token: str


@strawberry.type(name="MfaRequired")
class GqlMfaRequired:
    challenge_id: strawberry.ID
    channel: MfaChannel
    masked_destination: str | None
    totp_provisioning_uri: str | None = strawberry.field(
        default=None,
        description="While enrolling an authenticator app: the otpauth:// URI to scan.",
    )


@strawberry.type(name="MfaEnrolmentRequired")
class GqlMfaEnrolmentRequired:
    challenge_id: strawberry.ID


@strawberry.type
class SignInFailed:
    message: str
    account_disabled: bool = strawberry.field(
        default=False,
        description="True only once the password was right: the account is disabled, and the "
        "message says why and whom to ask to enable it.",
    )


@strawberry.type(name="MfaFailed")
class GqlMfaFailed:
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
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="CDSP account administrators only: nominate to another organisation (its "
        "first LSO, say). Others nominate to their own, the default.",
    )


@strawberry.input
class CreateOrganisationInput:
    kind: OrganisationKind = strawberry.field(description="SHIPPER, NETWORK or SUPPLIER.")
    name: str = strawberry.field(description="Up to 120 characters.")
    short_code: str = strawberry.field(description="2 to 16 letters or digits, unique, e.g. AGS.")
    ldzs: list[str] | None = strawberry.field(
        default=None,
        description="A network's LDZ codes (at least one; none already another network's); "
        "none for other kinds.",
    )
    international_mobiles_allowed: bool | None = strawberry.field(
        default=False,
        description="Whether its users may receive sign-in codes on non-UK mobiles.",
    )


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.type(name="Nomination")
class GqlNomination:
    id: strawberry.ID
    name: str
    email: str
    organisation: GqlOrganisation
    roles: list[Role]
    created_at: datetime
    clash: str | None = strawberry.field(
        default=None,
        description="CDSP account administrators only (null for others): why this nomination "
        "cannot become an account as it stands, such as the email having an account at another "
        "organisation, or another organisation having nominated it too.",
    )
    rejected_at: datetime | None = strawberry.field(
        default=None, description="When the CDSP rejected it (null while it waits)."
    )
    rejection_reason: str | None = strawberry.field(
        default=None, description="Why the CDSP rejected it, as its LSO was told."
    )
    nominated_by: User | None = strawberry.field(
        default=None, description="Who put the person forward (their organisation's LSO)."
    )


InvitationState: TypeAlias = queries.InvitationState
strawberry.enum(
    queries.InvitationState,
    name="InvitationState",
    description="VALID: it sets the password now; EXPIRED; USED (or replaced by a newer one); "
    "UNKNOWN: not an invitation CMS gave out.",
)


@strawberry.type(description="What an invitation link can do, for whoever opened it.")
class InvitationStatus:
    state: InvitationState
    name: str | None = strawberry.field(description="VALID only: the person's first name.")
    masked_email: str | None = strawberry.field(description="VALID only, e.g. n***@ags.example.")
    organisation: str | None = strawberry.field(
        description="The organisation's name; null for an UNKNOWN link."
    )
    expires_at: datetime | None = strawberry.field(description="VALID only.")
    ask_whom: str = strawberry.field(
        description="Who sends a new invitation: the organisation's Local Security Officers by "
        "name, or 'your organisation's Local Security Officer'."
    )
    message: str = strawberry.field(description="What to tell the person, in a sentence.")
    password_rules: list[str] = strawberry.field(
        description="The rules a new password must meet, to show before they type."
    )

    @classmethod
    def of(cls, view: queries.InvitationView) -> InvitationStatus:
        return cls(
            state=view.state,
            name=view.first_name,
            masked_email=view.masked_email,
            organisation=view.organisation_name,
            expires_at=view.expires_at,
            ask_whom=view.ask_whom,
            message=view.message,
            password_rules=list(PASSWORD_RULES),
        )


@strawberry.type(description="Whether the audit log's hash chain holds (as cms audit verify).")
class AuditChainStatus:
    ok: bool
    checked_entries: int = strawberry.field(
        description="Entries found intact: all of them when ok, else those before the break."
    )
    first_broken_seq: int | None = strawberry.field(
        description="The first entry that was edited, removed or moved; null when ok."
    )
    reason: str | None = strawberry.field(description="Why that entry breaks the chain.")


@strawberry.type(name="AuditEntry")
class GqlAuditEntry:
    seq: int
    at: datetime
    event: str
    actor_id: strawberry.ID | None
    subject_id: strawberry.ID | None
    client_address: str | None
    details: str = strawberry.field(description="The entry's details as a JSON object.")
    hash: str


SignInResult = Annotated[
    GqlSignedIn | GqlMfaRequired | GqlMfaEnrolmentRequired | SignInFailed,
    strawberry.union("SignInResult"),
]
EnrolMfaResult = Annotated[GqlMfaRequired | InvalidInput, strawberry.union("EnrolMfaResult")]
VerifyMfaResult = Annotated[GqlSignedIn | GqlMfaFailed, strawberry.union("VerifyMfaResult")]
NominateUserResult = Annotated[
    GqlNomination | InvalidInput | GqlNotPermitted, strawberry.union("NominateUserResult")
]
CreateOrganisationResult = Annotated[
    GqlOrganisation | InvalidInput | GqlNotPermitted, strawberry.union("CreateOrganisationResult")
]
NominationChangeResult = Annotated[
    GqlNomination | InvalidInput | GqlNotPermitted, strawberry.union("NominationChangeResult")
]
AccountChangeResult = Annotated[
    User | InvalidInput | GqlNotPermitted, strawberry.union("AccountChangeResult")
]
ChangePasswordResult = Annotated[User | InvalidInput, strawberry.union("ChangePasswordResult")]


@strawberry.type(description="How long the caller's session lasts, for a timeout warning.")
class SessionInfo:
    idle_timeout_seconds: int = strawberry.field(
        description="The session ends after this long without a request."
    )
    absolute_expires_at: datetime = strawberry.field(
        description="The session ends then, however busy; sign in again after it."
    )

    @classmethod
    def of(cls, times: model.SessionTimes) -> SessionInfo:
        return cls(
            idle_timeout_seconds=times.idle_timeout_s, absolute_expires_at=times.absolute_end
        )
