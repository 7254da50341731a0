"""Nominations: an LSO (or a CDSP account administrator) puts a person forward for an account,
and a CDSP account administrator approves it, which creates the account and invites them, or
rejects it, saying why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from cms.core.accounts.administering import (
    checked_reason,
    is_cdsp_admin,
    one_line,
    person_problems,
)
from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import ApproveNomination, NominateUser, RejectNomination
from cms.core.accounts.emails import email_after_commit
from cms.core.accounts.invitations import InvitationHandlers
from cms.core.accounts.model import (
    AccountStatus,
    Nomination,
    OrganisationKind,
    Role,
    UserAccount,
    normalise_email,
)
from cms.core.accounts.ports import AccountsUnitOfWork, MobileNumbers
from cms.core.accounts.queries import email_clash
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import MessageSender
from cms.core.shared.errors import NotPermitted
from cms.core.shared.ids import new_id
from cms.core.shared.rejections import Rejected, Rejection


class NominationHandlers:
    """nominateUser, approveNomination (through the invitations) and rejectNomination."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        mobiles: MobileNumbers,
        sender: MessageSender,
        clock: Clock,
        invitations: InvitationHandlers,
    ) -> None:
        self._uow = uow
        self._mobiles = mobiles
        self._sender = sender
        self._clock = clock
        self._invitations = invitations

    async def nominate_user(self, command: NominateUser) -> Nomination:
        """An LSO puts forward a person of their own organisation for an account; a CDSP
        account administrator, a person of any organisation (such as its first LSO)."""
        viewer, now = command.viewer, self._clock.now()
        target_id = (command.organisation_id or viewer.organisation.id).strip()
        if target_id != viewer.organisation.id and not is_cdsp_admin(viewer):
            raise NotPermitted("You may nominate people only to your own organisation.")
        if not (viewer.has_role(Role.LSO) or is_cdsp_admin(viewer)):
            raise NotPermitted(
                "Only your organisation's Local Security Officer can nominate users."
            )
        async with self._uow() as uow:
            organisation = await uow.organisations.get(target_id)
        if organisation is None:
            raise Rejected(
                [
                    Rejection(
                        "ORGANISATION_UNKNOWN",
                        "organisationId",
                        "No organisation has that id; choose one from the list of organisations.",
                    )
                ]
            )
        name, email = one_line(command.name), normalise_email(command.email)
        problems = person_problems(name, email, command.email)
        mobile = None
        if command.mobile and command.mobile.strip():
            mobile = self._mobiles.normalise_mobile(
                command.mobile, organisation.international_mobiles_allowed
            )
            if mobile is None:
                problems.append(
                    Rejection(
                        "MOBILE_INVALID",
                        "mobile",
                        f"'{command.mobile[:32]}' is not a mobile number that can receive texts.",
                    )
                )
        if not command.roles:
            problems.append(Rejection("ROLES_REQUIRED", "roles", "Give at least one role."))
        if Role.ACCOUNT_ADMIN in command.roles and organisation.kind is not OrganisationKind.CDSP:
            problems.append(
                Rejection(
                    "ROLE_NOT_ALLOWED", "roles", "Only CDSP users can be account administrators."
                )
            )
        async with self._uow() as uow:
            if not problems:
                problems += await self._already_ours(uow, organisation.id, email)
            if problems:
                raise Rejected(problems)
            nomination = Nomination(
                id=new_id(),
                organisation_id=organisation.id,
                name=name,
                email=email,
                mobile=mobile,
                roles=frozenset(command.roles),
                nominated_by=viewer.user_id,
                created_at=now,
            )
            await uow.nominations.add(nomination)
            await audit(
                uow,
                AuditEvent.NOMINATED,
                now,
                viewer.user_id,
                None,
                command.client_address,
                nomination=nomination.id,
                email=email,
            )
            await uow.commit()
        return nomination

    @staticmethod
    async def _already_ours(
        uow: AccountsUnitOfWork, organisation_id: str, email: str
    ) -> list[Rejection]:
        """The email's account or nomination in the organisation nominated to, which its LSO
        sees anyway.

        Another organisation's is not looked at: answering differently for it would tell the
        LSO who has an account elsewhere. The CDSP sees that clash when approving.
        """
        existing = await uow.users.by_email(email)
        if (
            existing is not None
            and existing.organisation_id == organisation_id
            and existing.status is AccountStatus.INVITED
        ):
            return [
                Rejection(
                    "EMAIL_IN_USE",
                    "email",
                    f"{email} already has an account in your organisation that waits for its "
                    "password; send the invitation again rather than nominating the person anew.",
                )
            ]
        if existing is not None and existing.organisation_id == organisation_id:
            return [
                Rejection(
                    "EMAIL_IN_USE",
                    "email",
                    f"{email} already has an account in your organisation; "
                    "enable it again if it is disabled, rather than nominating the person anew.",
                )
            ]
        if await uow.nominations.pending_for_email(email, organisation_id):
            return [
                Rejection(
                    "EMAIL_IN_USE",
                    "email",
                    f"Your organisation has already nominated {email}; that nomination waits "
                    "for the CDSP's approval.",
                )
            ]
        return []

    async def approve_nomination(self, command: ApproveNomination) -> UserAccount:
        """A CDSP account administrator creates the account and sends its invitation."""
        viewer, now = command.viewer, self._clock.now()
        if not is_cdsp_admin(viewer):
            raise NotPermitted("Only a CDSP account administrator can approve nominations.")
        async with self._uow() as uow:
            nomination = await uow.nominations.get(command.nomination_id.strip())
            if nomination is None or not nomination.is_pending:
                raise Rejected([_no_such_nomination()])
            existing = await uow.users.by_email(nomination.email)
            if existing is not None:
                raise Rejected([await _email_in_use(uow, nomination, existing)])
            user = UserAccount(
                id=new_id(),
                organisation_id=nomination.organisation_id,
                name=nomination.name,
                email=nomination.email,
                roles=nomination.roles,
                status=AccountStatus.INVITED,
                password_hash=None,
                created_at=now,
                mobile=nomination.mobile,
            )
            await uow.users.add(user)
            await uow.nominations.save(_approved(nomination, viewer.user_id, now))
            token = await self._invitations.invite(uow, user, now)
            await audit(
                uow,
                AuditEvent.NOMINATION_APPROVED,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                nomination=nomination.id,
            )
            await audit(
                uow,
                AuditEvent.INVITATION_SENT,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
            )
            await uow.commit()
        await self._invitations.send_invitation(user, token)
        return user

    async def reject_nomination(self, command: RejectNomination) -> Nomination:
        """A CDSP account administrator turns a nomination down, saying why; the LSO who
        made it is told."""
        viewer, now = command.viewer, self._clock.now()
        if not is_cdsp_admin(viewer):
            raise NotPermitted("Only a CDSP account administrator can reject nominations.")
        reason = checked_reason(command.reason)
        async with self._uow() as uow:
            nomination = await uow.nominations.get(command.nomination_id.strip())
            if nomination is None or not nomination.is_pending:
                raise Rejected([_no_such_nomination()])
            rejected = replace(
                nomination, rejected_at=now, rejected_by=viewer.user_id, rejection_reason=reason
            )
            await uow.nominations.save(rejected)
            await audit(
                uow,
                AuditEvent.NOMINATION_REJECTED,
                now,
                viewer.user_id,
                nomination.nominated_by,
                command.client_address,
                nomination=nomination.id,
                email=nomination.email,
                reason=reason,
            )
            nominator = await uow.users.get(nomination.nominated_by)
            await uow.commit()
        if nominator is not None:
            await email_after_commit(
                self._sender,
                nominator,
                f"Your nomination of {nomination.name} was not approved",
                f"The CDSP did not approve your nomination of {nomination.name} "
                f"({nomination.email}) for a CMS account: {reason}\n\n"
                "You may nominate the person again once that is put right.",
            )
        return rejected


async def _email_in_use(
    uow: AccountsUnitOfWork, nomination: Nomination, existing: UserAccount
) -> Rejection:
    held_by = await uow.organisations.get(existing.organisation_id)
    nominated_by = await uow.organisations.get(nomination.organisation_id)
    return Rejection(
        "EMAIL_IN_USE",
        "id",
        email_clash(nomination.email, held_by.name if held_by else "another organisation")
        + f" Ask {nominated_by.name if nominated_by else 'the nominating organisation'}'s LSO "
        "to nominate the person with another email address.",
    )


def _no_such_nomination() -> Rejection:
    return Rejection(
        "NOMINATION_NOT_FOUND", "id", "No nomination with that id is waiting for approval."
    )


def _approved(nomination: Nomination, by: str, at: datetime) -> Nomination:
    return replace(nomination, approved_at=at, approved_by=by)
