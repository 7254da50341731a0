"""The accounts commands' routes: which handler the bus gives each command to."""

from __future__ import annotations

from cms.core.accounts.account_care import AccountCareHandlers
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    Authenticate,
    ChangePassword,
    CreateAdministrator,
    CreateOrganisation,
    DescribeSession,
    DisableInactiveUsers,
    DisableUser,
    EnableUser,
    EnrolMfa,
    NominateUser,
    PurgeExpiredSessions,
    RejectNomination,
    ResendInvitation,
    ResetSecondFactor,
    SignIn,
    SignOut,
    VerifyMfa,
)
from cms.core.accounts.inactivity import InactivityHandlers
from cms.core.accounts.invitations import InvitationHandlers
from cms.core.accounts.mfa import MfaHandlers
from cms.core.accounts.nominations import NominationHandlers
from cms.core.accounts.organisations import OrganisationHandlers
from cms.core.accounts.sessions import SessionHandlers
from cms.core.accounts.signing_in import SignInHandlers
from cms.core.shared.bus import Handler
from cms.core.shared.messages import Command


def routes(
    signing_in: SignInHandlers,
    mfa: MfaHandlers,
    sessions: SessionHandlers,
    nominations: NominationHandlers,
    invitations: InvitationHandlers,
    organisations: OrganisationHandlers,
    account_care: AccountCareHandlers,
    inactivity: InactivityHandlers,
) -> dict[type[Command], Handler]:
    return {
        SignIn: signing_in.sign_in,
        EnrolMfa: mfa.enrol_mfa,
        VerifyMfa: mfa.verify_mfa,
        SignOut: sessions.sign_out,
        DescribeSession: sessions.describe_session,
        Authenticate: sessions.authenticate,
        ChangePassword: signing_in.change_password,
        PurgeExpiredSessions: sessions.purge_expired_sessions,
        NominateUser: nominations.nominate_user,
        ApproveNomination: nominations.approve_nomination,
        RejectNomination: nominations.reject_nomination,
        CreateAdministrator: invitations.create_administrator,
        ResendInvitation: invitations.resend_invitation,
        AcceptInvitation: invitations.accept_invitation,
        CreateOrganisation: organisations.create_organisation,
        DisableUser: account_care.disable_user,
        EnableUser: account_care.enable_user,
        ResetSecondFactor: account_care.reset_second_factor,
        DisableInactiveUsers: inactivity.disable_inactive_users,
    }
