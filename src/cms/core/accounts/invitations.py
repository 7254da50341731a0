"""Invitations to set a password: the first CDSP administrator's, one sent again, one accepted;
approving a nomination sends one through `invite` and `send_invitation`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cms.core.accounts.administering import administered_account, one_line, person_problems
from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import AcceptInvitation, CreateAdministrator, ResendInvitation
from cms.core.accounts.emails import email_after_commit
from cms.core.accounts.model import (
    AccountStatus,
    Invitation,
    Organisation,
    OrganisationKind,
    Role,
    UserAccount,
    normalise_email,
)
from cms.core.accounts.passwords import password_problems
from cms.core.accounts.policy import SecurityPolicy
from cms.core.accounts.ports import AccountsUnitOfWork, CommonPasswords, PasswordHasher
from cms.core.accounts.sign_in import whom_to_ask, whom_to_ask_about
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import MessageSender
from cms.core.shared.ids import hash_token, new_id, new_secret_token
from cms.core.shared.rejections import Rejected, Rejection

CDSP_SHORT_CODE = "CDSP"


@dataclass(frozen=True, slots=True)
class AdministratorInvited:
    user: UserAccount
    link: str  # to print: the invitation is emailed too


class InvitationHandlers:
    """createAdministrator, resendInvitation and acceptInvitation; nominations invite too."""

    def __init__(
        self,
        uow: Callable[[], AccountsUnitOfWork],
        hasher: PasswordHasher,
        common_passwords: CommonPasswords,
        sender: MessageSender,
        clock: Clock,
        policy: SecurityPolicy,
        public_url: str,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._common = common_passwords
        self._sender = sender
        self._clock = clock
        self._policy = policy
        self._public_url = public_url.rstrip("/")

    async def create_administrator(self, command: CreateAdministrator) -> AdministratorInvited:
        """A CDSP account administrator (and the CDSP's LSO), invited to set a password."""
        now = self._clock.now()
        name, email = one_line(command.name), normalise_email(command.email)
        problems = person_problems(name, email, command.email)
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
                    name=one_line(command.cdsp_name) or CDSP_SHORT_CODE,
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
            token = await self.invite(uow, user, now)
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
        await self.send_invitation(user, token)
        return AdministratorInvited(user=user, link=self._invitation_link(token))

    async def resend_invitation(self, command: ResendInvitation) -> UserAccount:
        """A new invitation for an account still waiting for its password; earlier ones end."""
        viewer, now = command.viewer, self._clock.now()
        async with self._uow() as uow:
            user = await administered_account(uow, viewer, command.user_id)
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
            token = await self.invite(uow, user, now)
            await audit(
                uow,
                AuditEvent.INVITATION_SENT,
                now,
                viewer.user_id,
                user.id,
                command.client_address,
            )
            await uow.commit()
        await self.send_invitation(user, token)
        return user

    async def invite(self, uow: AccountsUnitOfWork, user: UserAccount, now: datetime) -> str:
        """A new invitation for the user, in the caller's transaction; its secret token, to send
        once that commits."""
        token = new_secret_token()
        await uow.invitations.add(
            Invitation(
                token_hash=hash_token(token),
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(seconds=self._policy.invitation_ttl_s),
            )
        )
        return token

    async def send_invitation(self, user: UserAccount, token: str) -> None:
        hours = self._policy.invitation_ttl_s // 3600
        await email_after_commit(
            self._sender,
            user,
            "Your CMS account invitation",
            "An account has been created for you in the Contact Management Service. Set your "
            f"password within {hours} hours at:\n\n{self._invitation_link(token)}\n\n"
            f"(invitation token: {token})\n\n"
            "At your first sign-in you will set up a second factor.",
        )

    def _invitation_link(self, token: str) -> str:
        return f"{self._public_url}/invitation?token={token}"

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
