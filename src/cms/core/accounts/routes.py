"""The accounts commands' routes: which handler the bus gives each command to."""

from __future__ import annotations

from cms.core.accounts.administration import AdministrationHandlers
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
from cms.core.accounts.mfa import MfaHandlers
from cms.core.accounts.sessions import SessionHandlers
from cms.core.accounts.signing_in import SignInHandlers
from cms.core.shared.bus import Handler
from cms.core.shared.messages import Command


def routes(
    signing_in: SignInHandlers,
    mfa: MfaHandlers,
    sessions: SessionHandlers,
    administration: AdministrationHandlers,
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
        NominateUser: administration.nominate_user,
        ApproveNomination: administration.approve_nomination,
        CreateOrganisation: administration.create_organisation,
        CreateAdministrator: administration.create_administrator,
        RejectNomination: administration.reject_nomination,
        ResendInvitation: administration.resend_invitation,
        ResetSecondFactor: administration.reset_second_factor,
        AcceptInvitation: administration.accept_invitation,
        DisableUser: administration.disable_user,
        EnableUser: administration.enable_user,
        DisableInactiveUsers: inactivity.disable_inactive_users,
    }
