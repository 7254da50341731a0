"""The account lifecycle: nomination by the LSO, approval by the CDSP, invitation, enabling."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    CreateAdministrator,
    CreateOrganisation,
    DisableUser,
    EnableUser,
    NominateUser,
    RejectNomination,
    ResendInvitation,
    ResetSecondFactor,
)
from cms.core.accounts.model import (
    AccountStatus,
    Invitation,
    Nomination,
    Organisation,
    OrganisationKind,
    Role,
    UserAccount,
    Viewer,
    is_email,
    normalise_email,
)
from cms.core.accounts.passwords import password_problems
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import (
    AccountsUnitOfWork,
    CommonPasswords,
    MobileNumbers,
    PasswordHasher,
)
from cms.core.accounts.queries import email_clash
from cms.core.accounts.sign_in import whom_to_ask, whom_to_ask_about
from cms.core.addresses.ldz import Ldz
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import (
    Channel,
    MessageSender,
    OutgoingMessage,
    send_after_commit,
)
from cms.core.shared.errors import NotPermitted
from cms.core.shared.ids import hash_token, new_id, new_secret_token
from cms.core.shared.rejections import Rejected, Rejection

MAX_NAME = 120
MAX_REASON = 500
_SHORT_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
CDSP_SHORT_CODE = "CDSP"
LDZ_NAMES = {ldz.value: ldz.display_name for ldz in Ldz}
LDZ_CODES = frozenset(LDZ_NAMES)
NOT_YOURS = "You may administer only the accounts of your own organisation."


def is_cdsp_admin(viewer: Viewer) -> bool:
    return viewer.kind is OrganisationKind.CDSP and viewer.has_role(Role.ACCOUNT_ADMIN)


def may_administer(viewer: Viewer, organisation_id: str) -> bool:
    """The organisation's own LSO, or a CDSP account administrator (for every organisation).

    The same rule decides what `users` lists, so nobody acts on accounts they cannot see.
    """
    if is_cdsp_admin(viewer):
        return True
    return viewer.has_role(Role.LSO) and viewer.organisation.id == organisation_id


def _clean(value: str) -> str:
    return " ".join(value.split())


def _has_control(value: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in value)


def _person_problems(name: str, email: str, given_email: str) -> list[Rejection]:
    problems: list[Rejection] = []
    if not name or len(name) > MAX_NAME or _has_control(name):
        problems.append(
            Rejection(
                "NAME_INVALID", "name", f"Give the person's name, up to {MAX_NAME} characters."
            )
        )
    if not is_email(email):
        problems.append(
            Rejection("EMAIL_INVALID", "email", f"'{given_email[:60]}' is not an email address.")
        )
    return problems


@dataclass(frozen=True, slots=True)
class AdministratorInvited:
    user: UserAccount
    link: str  # to print: the invitation is emailed too


def _reason(value: str | None, required: bool = True) -> str:
    """The reason given for an administrator's act, on one line ("" when optional and not
    given); refused when missing."""
    reason = _clean(value or "")
    if (required and not reason) or len(reason) > MAX_REASON or _has_control(reason):
        raise Rejected(
            [
                Rejection(
                    "REASON_REQUIRED",
                    "reason",
                    f"Say why, in up to {MAX_REASON} characters of plain text.",
                )
            ]
        )
    return reason


class AdministrationHandlers:
    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        hasher: PasswordHasher,
        mobiles: MobileNumbers,
        common_passwords: CommonPasswords,
        sender: MessageSender,
        clock: Clock,
        policy: SecurityPolicy,
        public_url: str,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._mobiles = mobiles
        self._common = common_passwords
        self._sender = sender
        self._clock = clock
        self._policy = policy
        self._public_url = public_url.rstrip("/")

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
        name, email = _clean(command.name), normalise_email(command.email)
        problems = _person_problems(name, email, command.email)
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
        token = new_secret_token()
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
            await self._invite(uow, user, token, now)
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
        await self._send_invitation(user, token)
        return user

    async def create_administrator(self, command: CreateAdministrator) -> AdministratorInvited:
        """A CDSP account administrator (and the CDSP's LSO), invited to set a password."""
        now = self._clock.now()
        name, email = _clean(command.name), normalise_email(command.email)
        problems = _person_problems(name, email, command.email)
        token = new_secret_token()
        async with self._uow() as uow:
            if not problems and await uow.users.by_email(email) is not None:
                problems.append(
                    Rejection(
                        "EMAIL_IN_USE",
                        "email",
                        f"{email} already has an account: sign in with it (or, if the password "
                        "is lost, have an account administrator help), rather than making "
                        "another.",
                    )
                )
            cdsp = await uow.organisations.by_short_code(CDSP_SHORT_CODE)
            if cdsp is not None and cdsp.kind is not OrganisationKind.CDSP:
                problems.append(
                    Rejection(
                        "SHORT_CODE_IN_USE",
                        "shortCode",
                        f"The short code {CDSP_SHORT_CODE} belongs to {cdsp.name}, which is not "
                        "the CDSP.",
                    )
                )
            if problems:
                raise Rejected(problems)
            if cdsp is None:
                cdsp = Organisation(
                    id=new_id(),
                    name=_clean(command.cdsp_name) or CDSP_SHORT_CODE,
                    kind=OrganisationKind.CDSP,
                    short_code=CDSP_SHORT_CODE,
                )
                await uow.organisations.add(cdsp)
                await audit(
                    uow,
                    AuditEvent.ORGANISATION_CREATED,
                    now,
                    None,
                    None,
                    None,
                    organisation=cdsp.id,
                    short_code=CDSP_SHORT_CODE,
                    kind=str(OrganisationKind.CDSP),
                    source="cms admin create",
                )
            user = UserAccount(
                id=new_id(),
                organisation_id=cdsp.id,
                name=name,
                email=email,
                roles=frozenset({Role.USER, Role.LSO, Role.ACCOUNT_ADMIN}),
                status=AccountStatus.INVITED,
                password_hash=None,
                created_at=now,
            )
            await uow.users.add(user)
            await self._invite(uow, user, token, now)
            await audit(
                uow,
                AuditEvent.INVITATION_SENT,
                now,
                None,
                user.id,
                None,
                source="cms admin create",
                roles=" ".join(sorted(user.roles)),
            )
            await uow.commit()
        await self._send_invitation(user, token)
        return AdministratorInvited(user=user, link=self._invitation_link(token))

    def _invitation_link(self, token: str) -> str:
        return f"{self._public_url}/invitation?token={token}"

    async def create_organisation(self, command: CreateOrganisation) -> Organisation:
        """A CDSP account administrator sets up an organisation; a network owns its LDZs,
        none of which another network owns already (a zone has one network)."""
        viewer, now = command.viewer, self._clock.now()
        if not is_cdsp_admin(viewer):
            raise NotPermitted("Only a CDSP account administrator can set up organisations.")
        name = _clean(command.name)
        short_code = command.short_code.strip().upper()
        ldzs = tuple(dict.fromkeys(code.strip().upper() for code in command.ldzs))
        problems: list[Rejection] = []
        if not name or len(name) > MAX_NAME or _has_control(name):
            problems.append(
                Rejection(
                    "NAME_INVALID",
                    "name",
                    f"Give the organisation's name, up to {MAX_NAME} characters of plain text.",
                )
            )
        if not _SHORT_CODE.match(short_code):
            problems.append(
                Rejection(
                    "SHORT_CODE_INVALID",
                    "shortCode",
                    f"'{command.short_code[:20]}' is not a short code: use 2 to 16 letters or "
                    "digits, such as AGS.",
                )
            )
        if command.kind is OrganisationKind.CDSP:
            problems.append(
                Rejection(
                    "KIND_NOT_ALLOWED",
                    "kind",
                    "There is one CDSP, and it exists already: choose SHIPPER, NETWORK or "
                    "SUPPLIER.",
                )
            )
        unknown = [code for code in ldzs if code not in LDZ_CODES]
        if unknown:
            problems.append(
                Rejection(
                    "LDZ_UNKNOWN",
                    "ldzs",
                    f"{', '.join(code[:4] for code in unknown)} "
                    f"{'is not an LDZ' if len(unknown) == 1 else 'are not LDZs'}; use "
                    f"{', '.join(sorted(LDZ_CODES))}.",
                )
            )
        if command.kind is OrganisationKind.NETWORK and not ldzs:
            problems.append(
                Rejection(
                    "LDZS_REQUIRED",
                    "ldzs",
                    "A network must own at least one LDZ: give the zones its pipes serve.",
                )
            )
        if command.kind is not OrganisationKind.NETWORK and ldzs:
            problems.append(
                Rejection("LDZS_NOT_ALLOWED", "ldzs", "Only a network owns LDZs; give none.")
            )
        async with self._uow() as uow:
            if _SHORT_CODE.match(short_code):
                holder = await uow.organisations.by_short_code(short_code)
                if holder is not None:
                    problems.append(
                        Rejection(
                            "SHORT_CODE_IN_USE",
                            "shortCode",
                            f"The short code {short_code} is already used by {holder.name}; "
                            "choose another.",
                        )
                    )
            owners = await uow.organisations.owners_of_ldzs(c for c in ldzs if c in LDZ_CODES)
            problems += [
                Rejection(
                    "LDZ_OWNED",
                    "ldzs",
                    f"LDZ {code} ({LDZ_NAMES[code]}) already belongs to {owner.name}; a zone "
                    "has one network.",
                )
                for code, owner in sorted(owners.items())
            ]
            if problems:
                raise Rejected(problems)
            organisation = Organisation(
                id=new_id(),
                name=name,
                kind=command.kind,
                short_code=short_code,
                international_mobiles_allowed=command.international_mobiles_allowed,
            )
            await uow.organisations.add(organisation)
            await uow.organisations.give_ldzs(organisation.id, ldzs)
            await audit(
                uow,
                AuditEvent.ORGANISATION_CREATED,
                now,
                viewer.user_id,
                None,
                command.client_address,
                organisation=organisation.id,
                short_code=short_code,
                kind=str(command.kind),
                ldzs=" ".join(ldzs),
            )
            await uow.commit()
        return organisation

    async def reject_nomination(self, command: RejectNomination) -> Nomination:
        """A CDSP account administrator turns a nomination down, saying why; the LSO who
        made it is told."""
        viewer, now = command.viewer, self._clock.now()
        if not is_cdsp_admin(viewer):
            raise NotPermitted("Only a CDSP account administrator can reject nominations.")
        reason = _reason(command.reason)
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
            await send_after_commit(
                self._sender,
                OutgoingMessage(
                    channel=Channel.EMAIL,
                    to=nominator.email,
                    subject=f"Your nomination of {nomination.name} was not approved",
                    body=f"Hello {nominator.name},\n\nThe CDSP did not approve your nomination "
                    f"of {nomination.name} ({nomination.email}) for a CMS account: {reason}\n\n"
                    "You may nominate the person again once that is put right.",
                ),
            )
        return rejected

    async def resend_invitation(self, command: ResendInvitation) -> UserAccount:
        """A new invitation for an account still waiting for its password; earlier ones end."""
        viewer, now = command.viewer, self._clock.now()
        token = new_secret_token()
        async with self._uow() as uow:
            user = await self._administered(uow, viewer, command.user_id)
            if user.status is not AccountStatus.INVITED:
                raise Rejected(
                    [
                        Rejection(
                            "NOT_INVITED",
                            "id",
                            f"The account is {user.status.lower()}: its password is set "
                            "already, so there is no invitation to send.",
                        )
                    ]
                )
            await uow.invitations.void_unused_for(user.id, now)
            await self._invite(uow, user, token, now)
            await audit(
                uow,
                AuditEvent.INVITATION_SENT,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
            )
            await uow.commit()
        await self._send_invitation(user, token)
        return user

    async def _invite(
        self, uow: AccountsUnitOfWork, user: UserAccount, token: str, now: datetime
    ) -> None:
        await uow.invitations.add(
            Invitation(
                token_hash=hash_token(token),
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(seconds=self._policy.invitation_ttl_s),
            )
        )

    async def _send_invitation(self, user: UserAccount, token: str) -> None:
        hours = self._policy.invitation_ttl_s // 3600
        await send_after_commit(
            self._sender,
            OutgoingMessage(
                channel=Channel.EMAIL,
                to=user.email,
                subject="Your CMS account invitation",
                body=f"Hello {user.name},\n\nAn account has been created for you in the Contact "
                f"Management Service. Set your password within {hours} hours at:\n\n"
                f"{self._invitation_link(token)}\n\n(invitation token: {token})\n\n"
                "At your first sign-in you will set up a second factor.",
            ),
        )

    async def accept_invitation(self, command: AcceptInvitation) -> UserAccount:
        now = self._clock.now()
        async with self._uow() as uow:
            invitation = await uow.invitations.get(hash_token(command.token.strip()))
            user = await uow.users.get(invitation.user_id) if invitation else None
            whom = await whom_to_ask_about(uow, user) if user else whom_to_ask([])
            invalid = Rejected(
                [
                    Rejection(
                        "INVITATION_INVALID",
                        "token",
                        "This invitation is not valid, was used already or has expired "
                        f"(invitations last {self._policy.invitation_ttl_s // 3600} hours); ask "
                        f"{whom} to send you a new one.",
                    )
                ]
            )
            if invitation is None or invitation.used_at is not None or now >= invitation.expires_at:
                raise invalid
            if user is None or user.status is not AccountStatus.INVITED:
                raise invalid
            problems = password_problems(command.password, user.email, self._common)
            if problems:
                raise Rejected(problems)
            if not await uow.invitations.mark_used(invitation.token_hash, now):
                raise invalid
            user.activate(self._hasher.hash(command.password), now)
            await uow.users.save(user)
            await audit(
                uow, AuditEvent.INVITATION_ACCEPTED, now, user.id, user.id, command.client_address
            )
            await uow.commit()
        return user

    async def disable_user(self, command: DisableUser) -> UserAccount:
        viewer, now = command.viewer, self._clock.now()
        reason = _reason(command.reason)
        if command.user_id == viewer.user_id:
            raise Rejected(
                [Rejection("CANNOT_DISABLE_SELF", "id", "You cannot disable your own account.")]
            )
        async with self._uow() as uow:
            user = await self._administered(uow, viewer, command.user_id)
            if user.status is AccountStatus.DISABLED:
                return user
            user.disable(now, reason)
            await uow.users.save(user)
            await uow.sessions.revoke_all_for(user.id, now)
            await uow.devices.revoke_all_for(user.id, now)
            await audit(
                uow,
                AuditEvent.USER_DISABLED,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                reason=reason,
            )
            await uow.commit()
        await send_after_commit(
            self._sender,
            OutgoingMessage(
                channel=Channel.EMAIL,
                to=user.email,
                subject="Your CMS account has been disabled",
                body=f"Hello {user.name},\n\nYour CMS account was disabled by {viewer.name}: "
                f"{reason}\n\nYour organisation's Local Security Officer can enable it again.",
            ),
        )
        return user

    async def enable_user(self, command: EnableUser) -> UserAccount:
        viewer, now = command.viewer, self._clock.now()
        reason = _reason(command.reason, required=False)
        async with self._uow() as uow:
            user = await self._administered(uow, viewer, command.user_id)
            if user.status is not AccountStatus.DISABLED:
                raise Rejected(
                    [
                        Rejection(
                            "NOT_DISABLED",
                            "id",
                            f"The account is {user.status.lower()}, not disabled.",
                        )
                    ]
                )
            user.enable(now)
            await uow.users.save(user)
            await audit(
                uow,
                AuditEvent.USER_ENABLED,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                **({"reason": reason} if reason else {}),
            )
            await uow.commit()
        because = f": {reason}" if reason else "."
        await send_after_commit(
            self._sender,
            OutgoingMessage(
                channel=Channel.EMAIL,
                to=user.email,
                subject="Your CMS account is enabled again",
                body=f"Hello {user.name},\n\nYour CMS account was enabled again by {viewer.name}"
                f"{because}\n\nYou can sign in now.",
            ),
        )
        return user

    async def reset_second_factor(self, command: ResetSecondFactor) -> UserAccount:
        """A lost phone or app: the user chooses a second factor again at their next sign-in.

        Their remembered devices, their sessions and any sign-in waiting for a code end too, so
        that whoever holds the old phone cannot finish a sign-in with it.
        """
        viewer, now = command.viewer, self._clock.now()
        reason = _reason(command.reason)
        if command.user_id.strip() == viewer.user_id:
            raise Rejected(
                [
                    Rejection(
                        "CANNOT_RESET_SELF",
                        "id",
                        "You cannot reset your own second factor; ask your organisation's "
                        "Local Security Officer or a CDSP account administrator.",
                    )
                ]
            )
        async with self._uow() as uow:
            user = await self._administered(uow, viewer, command.user_id)
            if not user.has_mfa:
                raise Rejected(
                    [
                        Rejection(
                            "NO_SECOND_FACTOR",
                            "id",
                            f"{user.name} has not set up a second factor yet: they choose one "
                            "at their next sign-in.",
                        )
                    ]
                )
            channel = user.mfa_channel
            user.forget_factor()
            await uow.users.save(user)
            await uow.challenges.void_open_for(user.id, now)
            await uow.devices.revoke_all_for(user.id, now)
            await uow.sessions.revoke_all_for(user.id, now)
            await audit(
                uow,
                AuditEvent.MFA_RESET,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
                reason=reason,
                channel=str(channel),
            )
            await uow.commit()
        await send_after_commit(
            self._sender,
            OutgoingMessage(
                channel=Channel.EMAIL,
                to=user.email,
                subject="Your CMS second factor has been reset",
                body=f"Hello {user.name},\n\n{viewer.name} reset your CMS second factor: "
                f"{reason}\n\nAt your next sign-in you will choose a new one (a code by text or "
                "email, or an authenticator app); your remembered devices are forgotten. If you "
                "did not ask for this, tell your Local Security Officer at once.",
            ),
        )
        return user

    async def _administered(
        self, uow: AccountsUnitOfWork, viewer: Viewer, user_id: str
    ) -> UserAccount:
        # An unknown id and another organisation's user answer alike.
        user = await uow.users.get(user_id.strip())
        if user is None or not may_administer(viewer, user.organisation_id):
            raise NotPermitted(NOT_YOURS)
        return user


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
