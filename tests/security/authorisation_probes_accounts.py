"""The authorisation table's probes of accounts: signing in and out, and account administration.

The cells that end or change a session (signOut, changePassword) and the first-sign-in cells
(signIn, enrolMfa, verifyMfa) act through a fresh account with the caller's organisation and roles,
so the cast's own sessions stay valid.
"""

from __future__ import annotations

from typing import Any

from cms.core.accounts.commands import SignIn
from cms.core.accounts.sign_in import SignInRefused
from tests.security.authorisation_policy import PERMITTED, REFUSED
from tests.security.authorisation_probing import (
    Probes,
    answer,
    answer_unless_refused,
    field_of,
    filing_in,
    refused_by_error,
    union_member,
)
from tests.security.authorisation_world import NEW_PASSWORD, Caller, Scene
from tests.support.world import PASSWORD

PROBES: Probes = {}
probe = filing_in(PROBES)


# ---------------------------------------------------------------- signing in and out

SIGN_IN = """mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) {
  __typename ... on MfaEnrolmentRequired { challengeId } ... on SignInFailed { message } } }"""
ENROL = """mutation($c: ID!) { enrolMfa(input: {challengeId: $c, channel: EMAIL}) {
  __typename ... on MfaRequired { challengeId maskedDestination }
  ... on InvalidInput { reasons { code message } } } }"""
VERIFY = """mutation($c: ID!, $code: String!) { verifyMfa(input: {challengeId: $c, code: $code}) {
  __typename ... on SignedIn { user { email } sessionToken } ... on MfaFailed { message } } }"""
CHANGE_PASSWORD = """mutation($old: String!, $new: String!) {
  changePassword(input: {currentPassword: $old, newPassword: $new}) {
    __typename ... on User { id } ... on InvalidInput { reasons { code message } } } }"""


@probe("signIn")
@refused_by_error
def _sign_in(scene: Scene, caller: Caller, target: str) -> str:
    _, email = scene.fresh_user(scene.home(caller), stem="first-timer")
    result = answer(scene, caller, SIGN_IN, "signIn", e=email, p=PASSWORD)
    if union_member(result) == "SignInFailed":
        return REFUSED
    assert result["__typename"] == "MfaEnrolmentRequired", result
    return PERMITTED


@probe("enrolMfa")
@refused_by_error
def _enrol_mfa(scene: Scene, caller: Caller, target: str) -> str:
    _, challenge = scene.enrolment_challenge(scene.home(caller))
    result = answer(scene, caller, ENROL, "enrolMfa", c=challenge)
    assert union_member(result) == "MfaRequired", result
    return PERMITTED


@probe("verifyMfa")
@refused_by_error
def _verify_mfa(scene: Scene, caller: Caller, target: str) -> str:
    email, challenge = scene.code_challenge(scene.home(caller))
    code = scene.world.sender.last_code_to(email)
    result = answer(scene, caller, VERIFY, "verifyMfa", c=challenge, code=code)
    if union_member(result) == "MfaFailed":
        return REFUSED
    assert result["__typename"] == "SignedIn" and result["user"]["email"] == email, result
    return PERMITTED


@probe("signOut")
@refused_by_error
def _sign_out(scene: Scene, caller: Caller, target: str) -> str:
    if caller.anonymous:
        # Nothing to end: it answers false, and clears the cookies, without an error.
        assert answer(scene, caller, "mutation { signOut }", "signOut") is False
        return PERMITTED
    _, _, token = scene.fresh_session(caller)
    body = scene.graphql(token, "mutation { signOut }")
    assert "errors" not in body, body
    if body["data"]["signOut"] is not True:
        return REFUSED
    assert scene.graphql(token, "{ me { id } }")["data"]["me"] is None, "the session lives on"
    return PERMITTED


@probe("changePassword")
@refused_by_error
def _change_password(scene: Scene, caller: Caller, target: str) -> str:
    if caller.anonymous:
        answer(scene, caller, CHANGE_PASSWORD, "changePassword", old=PASSWORD, new=NEW_PASSWORD)
        raise AssertionError("an anonymous caller changed a password")
    user_id, email, token = scene.fresh_session(caller)
    body = scene.graphql(token, CHANGE_PASSWORD, old=PASSWORD, new=NEW_PASSWORD)
    result = field_of(body, caller, "changePassword")
    assert union_member(result) == "User" and result["id"] == user_id, result
    outcome = scene.call(scene.world.bus().handle, SignIn(email=email, password=NEW_PASSWORD))
    assert not isinstance(outcome, SignInRefused), "the new password does not sign in"
    return PERMITTED


# ---------------------------------------------------------------- account administration

NOMINATE = """mutation($input: NominateUserInput!) { nominateUser(input: $input) {
  __typename ... on Nomination { id email organisation { shortCode } }
  ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message } } }"""
ACCOUNT_FIELDS = """__typename ... on User { id email status organisation { shortCode } }
  ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message }"""
APPROVE = f"mutation($id: ID!) {{ approveNomination(id: $id) {{ {ACCOUNT_FIELDS} }} }}"
ACCEPT = f"""mutation($t: String!, $p: String!) {{
  acceptInvitation(token: $t, password: $p) {{ {ACCOUNT_FIELDS} }} }}"""
DISABLE = f"""mutation($id: ID!, $r: String!) {{
  disableUser(id: $id, reason: $r) {{ {ACCOUNT_FIELDS} }} }}"""
ENABLE = f"mutation($id: ID!) {{ enableUser(id: $id) {{ {ACCOUNT_FIELDS} }} }}"


@probe("nominateUser")
def _nominate_user(scene: Scene, caller: Caller, target: str) -> str:
    """To the caller's own organisation (by default), or to another (a CDSP account
    administrator's onboarding)."""
    organisation = scene.organisation_for(caller, target)
    email = f"{scene.unique('nominated')}@{organisation.lower()}.example"
    request: dict[str, Any] = {"name": "Nadia Newcomer", "email": email, "roles": ["USER"]}
    if target == "foreign":
        request["organisationId"] = scene.organisation_id(organisation)
    result = answer_unless_refused(scene, caller, NOMINATE, "nominateUser", input=request)
    if result is None:
        assert email not in scene.pending_nomination_emails(), "refused, yet nominated"
        return REFUSED
    assert result["__typename"] == "Nomination", result
    assert (result["email"], result["organisation"]["shortCode"]) == (email, organisation)
    return PERMITTED


CREATE_ORGANISATION = """mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename ... on Organisation { shortCode kind }
    ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message } } }"""


@probe("createOrganisation")
def _create_organisation(scene: Scene, caller: Caller, target: str) -> str:
    code = f"NEW{next(scene._serial)}"
    request = {"kind": "SHIPPER", "name": f"New Shipper {code}", "shortCode": code}
    result = answer_unless_refused(
        scene, caller, CREATE_ORGANISATION, "createOrganisation", input=request
    )
    exists = scene.organisation_id(code, missing_ok=True) is not None
    if result is None:
        assert not exists, "refused, yet the organisation was set up"
        return REFUSED
    assert result == {"__typename": "Organisation", "shortCode": code, "kind": "SHIPPER"}
    assert exists
    return PERMITTED


@probe("organisations")
@refused_by_error
def _organisations(scene: Scene, caller: Caller, target: str) -> str:
    wanted = scene.organisation_for(caller, target)
    listed = {
        o["shortCode"]
        for o in answer(scene, caller, "{ organisations { shortCode } }", "organisations")
    }
    return PERMITTED if wanted in listed else REFUSED


@probe("approveNomination")
def _approve_nomination(scene: Scene, caller: Caller, target: str) -> str:
    organisation = scene.organisation_for(caller, target)
    nomination_id, email = scene.fresh_nomination(organisation)
    result = answer_unless_refused(scene, caller, APPROVE, "approveNomination", id=nomination_id)
    if result is None:
        assert nomination_id in scene.pending_nomination_ids(), "refused, yet approved"
        return REFUSED
    assert result["__typename"] == "User", result
    assert (result["email"], result["status"]) == (email, "INVITED")
    assert result["organisation"]["shortCode"] == organisation
    return PERMITTED


@probe("acceptInvitation")
@refused_by_error
def _accept_invitation(scene: Scene, caller: Caller, target: str) -> str:
    email, token = scene.fresh_invitation(scene.home(caller))
    result = answer(scene, caller, ACCEPT, "acceptInvitation", t=token, p=NEW_PASSWORD)
    if union_member(result) == "NotPermitted":
        return REFUSED
    assert result["__typename"] == "User", result
    assert (result["email"], result["status"]) == (email, "ACTIVE")
    return PERMITTED


def _account_change(
    scene: Scene, caller: Caller, user_id: str, query: str, name: str, **variables: Any
) -> str:
    before = scene.status_of(user_id)
    result = answer_unless_refused(scene, caller, query, name, id=user_id, **variables)
    if result is None:
        assert scene.status_of(user_id) == before, "refused, yet the account changed"
        return REFUSED
    assert result["__typename"] == "User" and result["id"] == user_id, result
    return PERMITTED


@probe("disableUser")
def _disable_user(scene: Scene, caller: Caller, target: str) -> str:
    user_id, _ = scene.fresh_user(scene.organisation_for(caller, target))
    outcome = _account_change(scene, caller, user_id, DISABLE, "disableUser", r="Left the company")
    if outcome == PERMITTED:
        assert scene.status_of(user_id) == "DISABLED"
    return outcome


@probe("enableUser")
def _enable_user(scene: Scene, caller: Caller, target: str) -> str:
    user_id = scene.fresh_disabled_user(scene.organisation_for(caller, target))
    outcome = _account_change(scene, caller, user_id, ENABLE, "enableUser")
    if outcome == PERMITTED:
        assert scene.status_of(user_id) == "ACTIVE"
    return outcome


REJECT_NOMINATION = """mutation($id: ID!, $r: String!) { rejectNomination(id: $id, reason: $r) {
  __typename ... on Nomination { id rejectionReason }
  ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message } } }"""
RESEND = f"mutation($id: ID!) {{ resendInvitation(id: $id) {{ {ACCOUNT_FIELDS} }} }}"
RESET = f"""mutation($id: ID!, $r: String!) {{
  resetSecondFactor(id: $id, reason: $r) {{ {ACCOUNT_FIELDS} }} }}"""


@probe("rejectNomination")
def _reject_nomination(scene: Scene, caller: Caller, target: str) -> str:
    nomination_id, _ = scene.fresh_nomination(scene.organisation_for(caller, target))
    why = "The email address has a typing error."
    result = answer_unless_refused(
        scene, caller, REJECT_NOMINATION, "rejectNomination", id=nomination_id, r=why
    )
    if result is None:
        assert nomination_id in scene.pending_nomination_ids(), "refused, yet rejected"
        return REFUSED
    assert result == {"__typename": "Nomination", "id": nomination_id, "rejectionReason": why}
    assert nomination_id not in scene.pending_nomination_ids()
    return PERMITTED


@probe("resendInvitation")
def _resend_invitation(scene: Scene, caller: Caller, target: str) -> str:
    email, token = scene.fresh_invitation(scene.organisation_for(caller, target))
    user_id = scene.user_id_of(email)
    outcome = _account_change(scene, caller, user_id, RESEND, "resendInvitation")
    again = scene.world.sender.last_token_to(email)
    assert (again != token) is (outcome == PERMITTED), "a new invitation only when permitted"
    return outcome


@probe("resetSecondFactor")
def _reset_second_factor(scene: Scene, caller: Caller, target: str) -> str:
    user_id, email = scene.fresh_user(scene.organisation_for(caller, target))
    scene.call(scene.world.sign_in, email)  # sets up codes by email
    outcome = _account_change(scene, caller, user_id, RESET, "resetSecondFactor", r="Lost phone")
    assert (scene.mfa_channel_of(user_id) is None) is (outcome == PERMITTED)
    return outcome
