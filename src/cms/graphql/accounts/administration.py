"""Administering accounts: users, nominations, invitations, organisations and the audit log."""

from __future__ import annotations

import json
from typing import Any

import strawberry

from cms.core.accounts.audit import verify_chain
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    CreateOrganisation,
    DisableUser,
    EnableUser,
    NominateUser,
    RejectNomination,
    ResendInvitation,
    ResetSecondFactor,
)
from cms.core.accounts.model import Nomination as NominationValue
from cms.core.accounts.passwords import PASSWORD_RULES
from cms.core.accounts.queries import (
    administered_organisations,
    administered_user,
    administered_users,
    invitation_status,
    may_read_audit,
    nomination_clashes,
    parse_audit_event,
    visible_nominations,
)
from cms.core.addresses import ldz
from cms.core.shared.errors import InvalidValue
from cms.core.shared.errors import NotPermitted as NotPermittedError
from cms.core.shared.messages import Command
from cms.core.shared.rejections import Rejected
from cms.graphql.accounts.results import user_result
from cms.graphql.accounts.types import (
    AccountChangeResult,
    AccountStatus,
    AuditChainStatus,
    CreateOrganisationInput,
    CreateOrganisationResult,
    GqlAuditEntry,
    GqlLdz,
    GqlNomination,
    GqlOrganisation,
    InvitationStatus,
    NominateUserInput,
    NominateUserResult,
    NominationChangeResult,
    User,
)
from cms.graphql.common import GqlNotPermitted, InvalidInput
from cms.graphql.context import Context, ContextInfo
from cms.graphql.errors import UserFacingError, bad_input

MAX_AUDIT_PAGE = 500


async def _nomination(
    context: Context, nomination: NominationValue, clash: str | None = None
) -> GqlNomination:
    organisation = await context.organisations.load(nomination.organisation_id)
    assert organisation is not None
    nominator = await context.users.load(nomination.nominated_by)
    return GqlNomination(
        id=strawberry.ID(nomination.id),
        name=nomination.name,
        email=nomination.email,
        organisation=GqlOrganisation.of(organisation),
        roles=sorted(nomination.roles),
        created_at=nomination.created_at,
        clash=clash,
        rejected_at=nomination.rejected_at,
        rejection_reason=nomination.rejection_reason,
        nominated_by=User.of(nominator) if nominator is not None else None,
    )


Refusal = GqlNotPermitted | InvalidInput


async def _handled(context: Context, command: Command) -> Any | Refusal:
    """What the command's handler returns, or the refusal the caller is shown."""
    try:
        return await context.bus.handle(command)
    except NotPermittedError as refusal:
        return GqlNotPermitted(message=refusal.message)
    except Rejected as error:
        return InvalidInput.of(error)


async def _account_change(
    context: Context, command: Command, shown_whole: bool = False
) -> AccountChangeResult:
    account = await _handled(context, command)
    if isinstance(account, Refusal):
        return account
    return await user_result(context, account.id, shown_whole)


@strawberry.type
class AdministrationQuery:
    @strawberry.field(
        description="LSO: own organisation's users; CDSP account admin: all. `search`: words "
        "each found in the name or email (any case, at most 100 characters); `status`: only "
        "those active, invited or disabled."
    )
    async def users(
        self,
        info: ContextInfo,
        search: str | None = None,
        status: AccountStatus | None = None,
    ) -> list[User]:
        viewer = info.context.require_viewer()
        try:
            views = await administered_users(
                info.context.services.accounts.administration, viewer, search, status
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return [User.of(view) for view in views]

    @strawberry.field(
        description="One account, for those who look after it (its organisation's LSO, or a "
        "CDSP account administrator); null when absent or not theirs to see."
    )
    async def user(self, info: ContextInfo, id: strawberry.ID) -> User | None:
        viewer = info.context.require_viewer()
        view = await administered_user(
            info.context.services.accounts.administration, viewer, str(id)
        )
        return User.of(view) if view is not None else None

    @strawberry.field(
        description="Where the caller may nominate people: every organisation for a CDSP account "
        "administrator, their own for an LSO, none for others."
    )
    async def organisations(self, info: ContextInfo) -> list[GqlOrganisation]:
        viewer = info.context.require_viewer()
        found = await administered_organisations(
            info.context.services.accounts.administration, viewer
        )
        return [GqlOrganisation.of(organisation) for organisation in found]

    @strawberry.field(description="Nominations waiting for approval that the caller may see.")
    async def nominations(self, info: ContextInfo) -> list[GqlNomination]:
        viewer = info.context.require_viewer()
        queries = info.context.services.accounts.administration
        found = await visible_nominations(queries, viewer)
        clashes = await nomination_clashes(queries, viewer, found)
        return [await _nomination(info.context, n, clashes.get(n.id)) for n in found]

    @strawberry.field(
        description="Anyone, signed in or not: what the invitation link with this token can "
        "do, and whom to ask for a new one."
    )
    async def invitation(self, info: ContextInfo, token: str) -> InvitationStatus:
        services = info.context.services
        try:
            view = await invitation_status(
                services.accounts.administration, token, services.clock.now()
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return InvitationStatus.of(view)

    @strawberry.field(description="The rules a new password must meet, to show before typing.")
    def password_rules(self) -> list[str]:
        return list(PASSWORD_RULES)

    @strawberry.field(
        description="Every Local Distribution Zone of GB, by code: a new network may be given "
        "those that no network in `networks` owns."
    )
    def ldzs(self, info: ContextInfo) -> list[GqlLdz]:
        info.context.require_viewer()
        return [GqlLdz.of(zone.value) for zone in sorted(ldz.Ldz, key=lambda zone: zone.value)]

    @strawberry.field(
        description="The security audit log, oldest first (CDSP only). `userId`: entries the "
        "user acted in or was the subject of; `event`: one event, e.g. USER_DISABLED."
    )
    async def audit_log(
        self,
        info: ContextInfo,
        after_seq: int = 0,
        first: int = 100,
        user_id: strawberry.ID | None = None,
        event: str | None = None,
    ) -> list[GqlAuditEntry]:
        _require_audit_reader(info)
        try:
            wanted = parse_audit_event(event) if event is not None else None
        except InvalidValue as error:
            raise bad_input(error) from error
        first = max(1, min(first, MAX_AUDIT_PAGE))
        entries = await info.context.services.accounts.administration.audit_entries(
            after_seq, first, str(user_id) if user_id is not None else None, wanted
        )
        return [
            GqlAuditEntry(
                seq=entry.seq,
                at=entry.record.at,
                event=str(entry.record.event),
                actor_id=strawberry.ID(entry.record.actor_id) if entry.record.actor_id else None,
                subject_id=(
                    strawberry.ID(entry.record.subject_id) if entry.record.subject_id else None
                ),
                client_address=entry.record.client_address,
                details=json.dumps(dict(entry.record.details), sort_keys=True),
                hash=entry.hash,
            )
            for entry in entries
        ]

    @strawberry.field(
        description="CDSP only: whether the audit log's hash chain holds, as `cms audit verify` "
        "checks it (the whole log: slow on a very long one)."
    )
    async def audit_chain_verified(self, info: ContextInfo) -> AuditChainStatus:
        _require_audit_reader(info)
        queries = info.context.services.accounts.administration
        check = await verify_chain(lambda after, limit: queries.audit_entries(after, limit))
        broken = check.broken
        return AuditChainStatus(
            ok=check.ok,
            checked_entries=check.checked,
            first_broken_seq=broken.entry.seq if broken else None,
            reason=broken.reason if broken else None,
        )


def _require_audit_reader(info: ContextInfo) -> None:
    if not may_read_audit(info.context.require_viewer()):
        raise UserFacingError("Only the CDSP's administrators can read the audit log.", "FORBIDDEN")


@strawberry.type
class AdministrationMutation:
    @strawberry.mutation(description="LSO: put forward a person of your organisation.")
    async def nominate_user(
        self, info: ContextInfo, input: NominateUserInput
    ) -> NominateUserResult:
        context = info.context
        viewer = context.require_viewer()
        nomination = await _handled(
            context,
            NominateUser(
                viewer=viewer,
                name=input.name,
                email=input.email,
                mobile=input.mobile,
                roles=frozenset(input.roles),
                organisation_id=(
                    str(input.organisation_id) if input.organisation_id is not None else None
                ),
                client_address=context.client_address,
            ),
        )
        if isinstance(nomination, Refusal):
            return nomination
        return await _nomination(context, nomination)

    @strawberry.mutation(
        description="CDSP account admin: set up an organisation (a network with its LDZs); then "
        "nominate its first Local Security Officer with nominateUser(organisationId)."
    )
    async def create_organisation(
        self, info: ContextInfo, input: CreateOrganisationInput
    ) -> CreateOrganisationResult:
        context = info.context
        organisation = await _handled(
            context,
            CreateOrganisation(
                viewer=context.require_viewer(),
                kind=input.kind,
                name=input.name,
                short_code=input.short_code,
                ldzs=tuple(input.ldzs or ()),
                international_mobiles_allowed=bool(input.international_mobiles_allowed),
                client_address=context.client_address,
            ),
        )
        if isinstance(organisation, Refusal):
            return organisation
        return GqlOrganisation.of(organisation)

    @strawberry.mutation(description="CDSP account admin: create the account and invite.")
    async def approve_nomination(self, info: ContextInfo, id: strawberry.ID) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            ApproveNomination(
                viewer=context.require_viewer(),
                nomination_id=id,
                client_address=context.client_address,
            ),
        )

    @strawberry.mutation(
        description="CDSP account admin: turn a nomination down, saying why; the LSO who made "
        "it is emailed the reason."
    )
    async def reject_nomination(
        self, info: ContextInfo, id: strawberry.ID, reason: str
    ) -> NominationChangeResult:
        context = info.context
        nomination = await _handled(
            context,
            RejectNomination(
                viewer=context.require_viewer(),
                nomination_id=id,
                reason=reason,
                client_address=context.client_address,
            ),
        )
        if isinstance(nomination, Refusal):
            return nomination
        return await _nomination(context, nomination)

    @strawberry.mutation(
        description="LSO (own organisation) or CDSP account admin: a new invitation for an "
        "account still waiting for its password; earlier links stop working."
    )
    async def resend_invitation(self, info: ContextInfo, id: strawberry.ID) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            ResendInvitation(
                viewer=context.require_viewer(), user_id=id, client_address=context.client_address
            ),
        )

    @strawberry.mutation(
        description="LSO (own organisation) or CDSP account admin: reset a user's second factor "
        "(a lost phone), saying why. They choose one again at their next sign-in; their "
        "remembered devices and sessions end. Not your own."
    )
    async def reset_second_factor(
        self, info: ContextInfo, id: strawberry.ID, reason: str
    ) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            ResetSecondFactor(
                viewer=context.require_viewer(),
                user_id=id,
                reason=reason,
                client_address=context.client_address,
            ),
        )

    @strawberry.mutation(description="Set your password from an invitation; activates the account.")
    async def accept_invitation(
        self, info: ContextInfo, token: str, password: str
    ) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            AcceptInvitation(token=token, password=password, client_address=context.client_address),
            shown_whole=True,  # the holder of the invitation is the person it was sent to
        )

    @strawberry.mutation(description="LSO (own organisation) or CDSP: disable an account.")
    async def disable_user(
        self, info: ContextInfo, id: strawberry.ID, reason: str
    ) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            DisableUser(
                viewer=context.require_viewer(),
                user_id=id,
                reason=reason,
                client_address=context.client_address,
            ),
        )

    @strawberry.mutation(
        description="LSO (own organisation) or CDSP: enable an account again; the reason, if "
        "given, is audited and told to the user."
    )
    async def enable_user(
        self, info: ContextInfo, id: strawberry.ID, reason: str | None = None
    ) -> AccountChangeResult:
        context = info.context
        return await _account_change(
            context,
            EnableUser(
                viewer=context.require_viewer(),
                user_id=id,
                reason=reason,
                client_address=context.client_address,
            ),
        )
