"""What an account and an MFA challenge do when told: the fields each intention sets."""

from __future__ import annotations

from datetime import timedelta

from cms.core.accounts.model import (
    AccountStatus,
    ChallengePurpose,
    MfaChallenge,
    MfaChannel,
    UserAccount,
)
from tests.support.accounts import CREATED_AT as AT
from tests.support.accounts import an_account

LATER = AT + timedelta(days=3)


def invited() -> UserAccount:
    return an_account(AccountStatus.INVITED, None)


def test_an_account_is_activated_disabled_and_enabled() -> None:
    user = invited()
    user.activate("hash", AT)
    assert (user.status, user.password_hash, user.activated_at, user.last_active_at) == (
        AccountStatus.ACTIVE,
        "hash",
        AT,
        AT,
    )
    user.disable(LATER, "left")
    assert (user.status, user.disabled_at, user.disabled_reason) == (
        AccountStatus.DISABLED,
        LATER,
        "left",
    )
    user.inactivity_warned_at = AT
    user.enable(LATER)
    assert user.status is AccountStatus.ACTIVE
    assert (user.disabled_at, user.disabled_reason, user.inactivity_warned_at) == (None, None, None)
    assert user.last_active_at == LATER
    user.change_password("new hash")
    assert user.password_hash == "new hash"


def test_a_sign_in_restarts_the_inactivity_clock() -> None:
    user = invited()
    user.inactivity_warned_at = AT
    user.record_sign_in(LATER)
    assert (user.last_sign_in_at, user.last_active_at, user.inactivity_warned_at) == (
        LATER,
        LATER,
        None,
    )


def test_a_factor_is_adopted_used_and_forgotten() -> None:
    user = invited()
    user.adopt_factor(MfaChannel.TOTP, None, "secret")
    user.use_totp_step(41)
    assert (user.mfa_channel, user.totp_secret, user.totp_last_step) == (
        MfaChannel.TOTP,
        "secret",
        41,
    )
    user.adopt_factor(MfaChannel.SMS, "+447911123456", None)
    assert user.totp_last_step is None and user.mfa_destination == "+447911123456"
    user.forget_factor()
    assert not user.has_mfa
    assert (user.mfa_destination, user.totp_secret, user.totp_last_step) == (None, None, None)


def test_a_challenge_issues_codes_and_spends_attempts() -> None:
    challenge = MfaChallenge(
        id_hash="h",
        user_id="u1",
        purpose=ChallengePurpose.ENROL,
        created_at=AT,
        expires_at=AT + timedelta(minutes=15),
        attempts_left=2,
    )
    challenge.choose_factor(MfaChannel.EMAIL, "ann@alpha.example")
    challenge.issue_code("code secret", AT + timedelta(minutes=5))
    assert not challenge.code_expired(AT) and challenge.code_expired(AT + timedelta(minutes=5))
    challenge.choose_factor(MfaChannel.TOTP, None, "app secret")
    assert (challenge.code_secret, challenge.pending_totp_secret) == (None, "app secret")
    challenge.spend_attempt()
    assert challenge.is_open(AT) and not challenge.is_void
    challenge.spend_attempt()
    challenge.spend_attempt()
    assert challenge.attempts_left == 0 and challenge.is_void and not challenge.is_open(AT)
    challenge.attempts_left = 1
    challenge.complete(AT)
    assert challenge.completed_at == AT and not challenge.is_open(AT)
