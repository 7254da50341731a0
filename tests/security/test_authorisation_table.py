"""Who may do what: every query and mutation the API serves, against every kind of caller.

The policy is the table below, one row per (operation, target) and one column per caller. Each
cell is checked by calling the operation over HTTP through the real app, as that caller.

Callers: anonymous, and a signed-in user of each role of each organisation kind. Targets, for an
operation aimed at something an organisation owns (a user, a nomination, a contact): `own`, the
caller's organisation's, and `foreign`, another organisation's (a second organisation of the
same kind; a Shipper's for the CDSP; any organisation's for the anonymous caller). For a contact
`own` means one the caller's organisation raised (a Shipper) or that is allocated to it (a
Network); the CDSP and a Supplier are party to no contact, so they have only `foreign`, and a
Network has only `foreign` for the moves made before allocation. `-`: the operation has no such
target (it acts on the caller, on the holder of a token, or lists what the caller may see).

How an answer is read:
- refused: a `NotPermitted` member; a `NotFound` member for a contact the caller may not see
  (checked: `contact` answers null to the same caller); an `UNAUTHENTICATED` error (anonymous
  callers only: for a signed-in caller it would mean the test's session is broken, and fails the
  cell) or a `FORBIDDEN` one; and, for reads, the visibility rule: a contact not visible answers
  null or is not listed (with a total count of 0), `users`/`nominations` leave out a target that
  exists, `me` answers null.
- permitted: the operation took effect (checked where it shows: a contact's move left it in the
  status the move leads to) or answered the data.
- Anything else (an `InvalidInput`, a rejected contact, an `InvalidTransition`, an unexpected
  error) fails the cell: the inputs are designed to be valid and each contact is prepared in the
  status its move starts from, so such an answer is the test's fault or a bug, never a verdict.
  A refused mutation is also checked to have changed nothing.

The cells that end or change a session (signOut, changePassword) and the first-sign-in cells
(signIn, enrolMfa, verifyMfa) act through a fresh account with the caller's organisation and roles,
so the cast's own sessions stay valid. A new served operation fails
`test_the_table_covers_every_served_operation` until it has rows here and a probe below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

import graphql
import pytest
from starlette.testclient import TestClient

from cms.app import create_app
from cms.core.accounts.commands import SignIn
from cms.core.accounts.sign_in import SignInRefused
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.notifications.model import Notification
from cms.core.shared.ids import new_id
from cms.graphql.schema import build_schema
from cms.settings import Settings
from tests.security.authorisation_world import (
    ADDRESS_SITE,
    ALPHA,
    BETA,
    BY_NAME,
    CALLERS,
    CDSP,
    NETWORK,
    NEW_PASSWORD,
    RAISE_SITES,
    SHIPPER,
    SUPPLIER,
    VISIT_DAY,
    Caller,
    Contact,
    Scene,
)
from tests.support.databases import SqliteTemplate
from tests.support.world import PASSWORD, World

PERMITTED, REFUSED = "permitted", "refused"
Cell = tuple[str, str, str]  # (operation, caller, target)

# ---------------------------------------------------------------- the policy
#
# P = permitted, R = refused, . = no such cell.
# Columns: SHP = SHIPPER, NET = NETWORK, CDS = CDSP, SUP = SUPPLIER;
#          .u = USER, .S = SUPERVISOR (who is also a USER), .L = LSO, .A = ACCOUNT_ADMIN.
POLICY = """
operation                  target  anon  SHP.u SHP.L NET.u NET.S NET.L CDS.u CDS.S CDS.L CDS.A SUP.u
me                         -       R     P     P     P     P     P     P     P     P     P     P
session                    -       R     P     P     P     P     P     P     P     P     P     P
staySignedIn               -       R     P     P     P     P     P     P     P     P     P     P
address                    -       R     P     P     P     P     P     P     P     P     P     P
addressSearch              -       R     P     P     P     P     P     P     P     P     P     P
contact                    own     .     P     P     P     P     P     .     .     .     .     .
contact                    foreign R     R     R     R     R     R     P     P     P     P     R
contacts                   own     .     P     P     P     P     P     .     .     .     .     .
contacts                   foreign R     R     R     R     R     R     P     P     P     P     R
users                      own     .     R     P     R     R     P     R     R     P     P     R
users                      foreign R     R     R     R     R     R     R     R     R     P     R
user                       own     .     R     P     R     R     P     R     R     P     P     R
user                       foreign R     R     R     R     R     R     R     R     R     P     R
nominations                own     .     R     P     R     R     P     R     R     P     P     R
nominations                foreign R     R     R     R     R     R     R     R     R     P     R
auditLog                   -       R     R     R     R     R     R     R     R     P     P     R
auditChainVerified         -       R     R     R     R     R     R     R     R     P     P     R
invitation                 -       P     P     P     P     P     P     P     P     P     P     P
passwordRules              -       P     P     P     P     P     P     P     P     P     P     P
signIn                     -       P     P     P     P     P     P     P     P     P     P     P
enrolMfa                   -       P     P     P     P     P     P     P     P     P     P     P
verifyMfa                  -       P     P     P     P     P     P     P     P     P     P     P
signOut                    -       P     P     P     P     P     P     P     P     P     P     P
changePassword             -       R     P     P     P     P     P     P     P     P     P     P
raiseMncContact            -       R     P     P     R     R     R     R     R     R     R     R
nominateUser               own     .     R     P     R     R     P     R     R     P     P     R
nominateUser               foreign R     R     R     R     R     R     R     R     R     P     R
createOrganisation         -       R     R     R     R     R     R     R     R     R     P     R
organisations              own     .     R     P     R     R     P     R     R     P     P     R
organisations              foreign R     R     R     R     R     R     R     R     R     P     R
approveNomination          own     .     R     R     R     R     R     R     R     R     P     R
approveNomination          foreign R     R     R     R     R     R     R     R     R     P     R
acceptInvitation           -       P     P     P     P     P     P     P     P     P     P     P
disableUser                own     .     R     P     R     R     P     R     R     P     P     R
disableUser                foreign R     R     R     R     R     R     R     R     R     P     R
enableUser                 own     .     R     P     R     R     P     R     R     P     P     R
enableUser                 foreign R     R     R     R     R     R     R     R     R     P     R
rejectNomination           own     .     R     R     R     R     R     R     R     R     P     R
rejectNomination           foreign R     R     R     R     R     R     R     R     R     P     R
resendInvitation           own     .     R     P     R     R     P     R     R     P     P     R
resendInvitation           foreign R     R     R     R     R     R     R     R     R     P     R
resetSecondFactor          own     .     R     P     R     R     P     R     R     P     P     R
resetSecondFactor          foreign R     R     R     R     R     R     R     R     R     P     R
workQueue                  -       R     P     P     P     P     P     P     P     P     P     P
colleagues                 own     .     R     R     R     P     R     R     P     R     R     R
colleagues                 foreign R     R     R     R     R     R     R     R     R     R     R
rejectionReasons           -       R     P     P     P     P     P     P     P     P     P     P
pickUpContact              own     .     R     R     .     .     .     .     .     .     .     .
pickUpContact              foreign R     R     R     R     R     R     P     P     P     P     R
assignContact              own     .     R     R     R     P     R     .     .     .     .     .
assignContact              foreign R     R     R     R     R     R     R     P     R     R     R
askShipper                 own     .     R     R     P     P     P     .     .     .     .     .
askShipper                 foreign R     R     R     R     R     R     P     P     P     P     R
answerQuestion             own     .     P     P     R     R     R     .     .     .     .     .
answerQuestion             foreign R     R     R     R     R     R     R     R     R     R     R
allocateToNetwork          own     .     R     R     .     .     .     .     .     .     .     .
allocateToNetwork          foreign R     R     R     R     R     R     P     P     P     P     R
bookSiteVisit              own     .     R     R     P     P     P     .     .     .     .     .
bookSiteVisit              foreign R     R     R     R     R     R     R     R     R     R     R
acceptContact              own     .     R     R     P     P     P     .     .     .     .     .
acceptContact              foreign R     R     R     R     R     R     R     R     R     R     R
rejectContact              own     .     R     R     P     P     P     .     .     .     .     .
rejectContact              foreign R     R     R     R     R     R     P     P     P     P     R
withdrawContact            own     .     P     P     R     R     R     .     .     .     .     .
withdrawContact            foreign R     R     R     R     R     R     R     R     R     R     R
moveToNetwork              own     .     R     R     R     R     R     .     .     .     .     .
moveToNetwork              foreign R     R     R     R     R     R     P     P     P     P     R
handBackToCdsp             own     .     R     R     P     P     P     .     .     .     .     .
handBackToCdsp             foreign R     R     R     R     R     R     R     R     R     R     R
networks                   -       R     P     P     P     P     P     P     P     P     P     P
ldzs                       -       R     P     P     P     P     P     P     P     P     P     P
notifications              -       R     P     P     P     P     P     P     P     P     P     P
unreadNotificationCount    -       R     P     P     P     P     P     P     P     P     P     P
notificationPreferences    -       R     P     P     P     P     P     P     P     P     P     P
markNotificationRead       own     .     P     P     P     P     P     P     P     P     P     P
markNotificationRead       foreign R     R     R     R     R     R     R     R     R     R     R
markAllNotificationsRead   -       R     P     P     P     P     P     P     P     P     P     P
setNotificationPreferences -       R     P     P     P     P     P     P     P     P     P     P
User.email                 own     .     P     P     P     P     P     P     P     P     P     .
User.email                 foreign R     R     R     R     R     R     R     R     R     P     R
User.roles                 own     .     R     P     R     R     P     R     R     P     P     .
User.roles                 foreign R     R     R     R     R     R     R     R     R     P     R
User.status                own     .     R     P     R     R     P     R     R     P     P     .
User.status                foreign R     R     R     R     R     R     R     R     R     P     R
User.lastSignInAt          own     .     R     P     R     R     P     R     R     P     P     .
User.lastSignInAt          foreign R     R     R     R     R     R     R     R     R     P     R
User.mfaChannel            own     .     R     P     R     R     P     R     R     P     P     .
User.mfaChannel            foreign R     R     R     R     R     R     R     R     R     P     R
User.daysInactive          own     .     R     P     R     R     P     R     R     P     P     .
User.daysInactive          foreign R     R     R     R     R     R     R     R     R     P     R
"""
COLUMNS = {
    "anon": "anonymous",
    "SHP.u": "SHIPPER USER",
    "SHP.L": "SHIPPER LSO",
    "NET.u": "NETWORK USER",
    "NET.S": "NETWORK SUPERVISOR",
    "NET.L": "NETWORK LSO",
    "CDS.u": "CDSP USER",
    "CDS.S": "CDSP SUPERVISOR",
    "CDS.L": "CDSP LSO",
    "CDS.A": "CDSP ACCOUNT_ADMIN",
    "SUP.u": "SUPPLIER USER",
}
# Notes on rows a reviewer may stop at:
# - enrolMfa, verifyMfa, acceptInvitation and invitation are authorised by the challenge id or the
#   invitation token, whoever sends it (passwordRules is for everyone); signOut by an anonymous
#   caller answers false (nothing to end).
# - nominateUser's `own` target is the caller's organisation (the default); `foreign` names
#   another with organisationId: only a CDSP account administrator nominates there (a new
#   organisation's first LSO). createOrganisation is theirs alone; organisations lists where the
#   caller may nominate (all for them, an LSO's own, nothing for others).
# - A CDSP LSO disables and enables any organisation's accounts (DOMAIN: "its LSO, or the CDSP")
#   but lists only the CDSP's own users and nominations (contract: "LSO: own organisation; CDSP
#   admin: all"). An inconsistency to decide on, not a breach of DOMAIN.md.
# - The contact moves aim at a new contact per cell, brought by the agents' own moves to the
#   status the move starts from (so a permitted cell can make it, and any InvalidTransition means
#   the test prepared the wrong status, which fails the cell): pickUpContact LOGGED;
#   allocateToNetwork WITH_CDSP; askShipper and rejectContact WITH_CDSP for every caller but a
#   Network's, WITH_NETWORK for those; answerQuestion AWAITING_SHIPPER, asked by the CDSP (by the
#   network itself, for a Network caller); bookSiteVisit and withdrawContact WITH_NETWORK;
#   acceptContact SITE_VISIT_BOOKED; assignContact what waits on the caller's party (WITH_CDSP
#   for the CDSP and a Supplier, WITH_NETWORK for a Network, AWAITING_SHIPPER for a Shipper);
#   moveToNetwork and handBackToCdsp WITH_NETWORK (a move goes to SGN, neither side's network).
#   A hand-back answers ContactHandedBack, and the network no longer sees the contact.
# - A contact is a Network's only once allocated to it: before that (pickUpContact,
#   allocateToNetwork) a Network has only a `foreign` target, a contact at a site in its own area
#   that it may not see yet (NotFound). A Shipper's `own` is one its organisation raised,
#   whoever of its users raised it; "the raising Shipper" of withdraw and answer is the
#   organisation (DOMAIN: "each by its named actor", a kind of organisation).
# - The moves are authorised by the organisation's kind and the contact's visibility, not by
#   role: a CDSP LSO or ACCOUNT_ADMIN may pick up, allocate, ask and reject like any CDSP user,
#   as a Shipper LSO may raise contacts. DOMAIN.md names roles for assigning (a supervisor) and
#   not for working contacts; whether an account-administration role should also work contacts
#   is a product decision to confirm, not a breach.
# - assignContact is refused to every non-supervisor before the contact is looked at (so even a
#   foreign contact answers NotPermitted, which reveals nothing); a supervisor's foreign target
#   answers NotFound. The assignee is an active user of the caller's own organisation.
# - workQueue answers every signed-in caller (a Supplier's queue is empty); the probe checks
#   every queue scope lists only contacts the caller may see, never a foreign contact waiting on
#   the caller's party, and does list the caller's own (for the CDSP: any Shipper's).
# - colleagues lists whom the caller may assign a contact to: a supervisor's own organisation's
#   active users (the probe's target: a user of that organisation, or of another for
#   `foreign`); anyone else is answered an empty list.
# - rejectionReasons: the list is reference data, but nothing needs it before sign-in and every
#   other read but `me` refuses an anonymous caller (even `address`, public PAF data): the table
#   says sign-in is required. The resolver does not ask for one: a known gap below.
# - The notification area is a person's own: `own` is a notification addressed to the caller,
#   `foreign` one addressed to somebody else (a user of another organisation). Reads answer
#   only the caller's own; marking another's answers null and leaves it unread.

# - The `User.*` rows are what a caller is shown of another person, seen as a contact's raiser
#   or in its history (raisedBy, history.actor; assignee alike): `own` is a user of the caller's
#   organisation, `foreign` one of another. Whoever sees the contact sees the person's name and
#   organisation's name. Their roles, status, last sign-in and second factor are for the person,
#   their own LSO and the CDSP's account administrators (not a CDSP LSO, who administers other
#   organisations' accounts but lists only the CDSP's own). Their email is for them and their
#   own organisation too (decision: colleagues work together and have each other's address),
#   not for another organisation. A Supplier and the anonymous caller see no contact, so no one.
#   Withheld fields answer null; roles, a non-null list, answers [] (every account has a role).


def parse_policy(text: str) -> dict[Cell, str]:
    header, *rows = text.strip().splitlines()
    _, _, *columns = header.split()
    assert [COLUMNS[column] for column in columns] == [caller.name for caller in CALLERS]
    table: dict[Cell, str] = {}
    for row in rows:
        operation, target, *marks = row.split()
        assert len(marks) == len(CALLERS), f"a mark per caller: {row!r}"
        for caller, mark in zip(CALLERS, marks, strict=True):
            if mark == ".":
                continue
            cell = (operation, caller.name, target)
            assert cell not in table, f"two rows for {cell}"
            table[cell] = {"P": PERMITTED, "R": REFUSED}[mark]
    return table


EXPECTED = parse_policy(POLICY)

# Cells where the application does what DOMAIN.md, or a decision recorded in this table,
# forbids: (operation, caller, target) -> why. Each is an xfail(strict=True): fixing the
# application turns it into a failure to remove here.
NON_NULL_IN_CONTRACT = (
    "The API contract (docs/api/contract.graphql) types it non-null, so it cannot answer null "
    "for a caller who may not see it; changing the contract is a decision for its owners."
)
KNOWN_GAPS: dict[Cell, str] = {
    cell: NON_NULL_IN_CONTRACT
    for cell, verdict in EXPECTED.items()
    if cell[0] in ("User.email", "User.status")
    and verdict == REFUSED
    and BY_NAME[cell[1]].kind in (SHIPPER, NETWORK, CDSP)  # the callers who see contacts
}

# ---------------------------------------------------------------- the app, once for the module


@pytest.fixture(scope="module")
def scene(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: SqliteTemplate
) -> Iterator[Scene]:
    with sqlite_template.clone(tmp_path_factory.mktemp("authorisation")) as url:
        world = World.start(url)
        app = create_app(settings=Settings(database_url=url, env="test"), container=world.container)
        # One client, one portal loop: the World's coroutines run in it through Scene.call, and
        # the app's lifespan closes the shared container at the end.
        with TestClient(app) as client:
            built = Scene(world=world, client=client)
            built.call(built.build)
            yield built


# ---------------------------------------------------------------- reading answers


class Refusal(Exception):
    """The API refused with an error (UNAUTHENTICATED, FORBIDDEN)."""


def field_of(body: dict[str, Any], caller: Caller, name: str) -> Any:
    """The answer's field, or Refusal for an authorisation error; any other error fails."""
    errors = body.get("errors") or []
    if not errors:
        return body["data"][name]
    codes = {(error.get("extensions") or {}).get("code") for error in errors}
    expected = {"UNAUTHENTICATED"} if caller.anonymous else {"FORBIDDEN"}
    assert len(errors) == 1 and codes <= expected, (
        f"{caller.name}: an error that is not a refusal: {errors}"
    )
    raise Refusal(errors[0]["message"])


def answer(scene: Scene, caller: Caller, query: str, name: str, **variables: Any) -> Any:
    return field_of(scene.graphql(caller.name, query, **variables), caller, name)


def union_member(result: dict[str, Any]) -> str:
    """The member's name; InvalidInput or a rejected contact fail: inputs here are valid."""
    kind = str(result["__typename"])
    assert kind not in ("InvalidInput", "ContactRejected"), (
        f"the test's input was refused: {result}"
    )
    return kind


Probe = Callable[[Scene, Caller, str], str]
PROBES: dict[str, Probe] = {}


def probe(operation: str) -> Callable[[Probe], Probe]:
    def register(function: Probe) -> Probe:
        PROBES[operation] = function
        return function

    return register


def refused_by_error(function: Probe) -> Probe:
    """An authorisation error is a refusal."""

    def checked(scene: Scene, caller: Caller, target: str) -> str:
        try:
            return function(scene, caller, target)
        except Refusal:
            return REFUSED

    checked.__name__ = function.__name__
    return checked


# ---------------------------------------------------------------- queries


@probe("me")
@refused_by_error
def _me(scene: Scene, caller: Caller, target: str) -> str:
    me = answer(scene, caller, "{ me { id email } }", "me")
    if me is None:
        return REFUSED
    assert me["email"] == scene.emails[caller.name]
    return PERMITTED


@probe("session")
@refused_by_error
def _session(scene: Scene, caller: Caller, target: str) -> str:
    found = answer(scene, caller, "{ session { idleTimeoutSeconds } }", "session")
    if found is None:
        return REFUSED
    assert found["idleTimeoutSeconds"] > 0
    return PERMITTED


@probe("staySignedIn")
@refused_by_error
def _stay_signed_in(scene: Scene, caller: Caller, target: str) -> str:
    found = answer(
        scene, caller, "mutation { staySignedIn { idleTimeoutSeconds } }", "staySignedIn"
    )
    if found is None:
        return REFUSED
    assert found["idleTimeoutSeconds"] > 0
    return PERMITTED


@probe("address")
@refused_by_error
def _address(scene: Scene, caller: Caller, target: str) -> str:
    udprn, postcode = ADDRESS_SITE
    query = "query($u: ID!) { address(udprn: $u) { udprn postcode lines } }"
    found = answer(scene, caller, query, "address", u=udprn)
    assert found is not None, "the delivery point is in the PAF"
    assert found["postcode"] == postcode
    return PERMITTED


@probe("addressSearch")
@refused_by_error
def _address_search(scene: Scene, caller: Caller, target: str) -> str:
    udprn, postcode = ADDRESS_SITE
    query = "query($q: String!) { addressSearch(query: $q) { udprn postcode summary } }"
    found = answer(scene, caller, query, "addressSearch", q=postcode.lower().replace(" ", ""))
    assert [match["udprn"] for match in found] == [udprn], found
    assert found[0]["postcode"] == postcode
    return PERMITTED


@probe("contact")
@refused_by_error
def _contact(scene: Scene, caller: Caller, target: str) -> str:
    contact = scene.contact_for(caller, target)
    query = "query($crn: String!) { contact(crn: $crn) { crn shipper { shortCode } } }"
    found = answer(scene, caller, query, "contact", crn=contact.crn)
    if found is None:
        return REFUSED
    assert found["crn"] == contact.crn
    return PERMITTED


@probe("contacts")
@refused_by_error
def _contacts(scene: Scene, caller: Caller, target: str) -> str:
    """Listed by its postcode, and found by its CRN typed as people type it (in any order):
    the two answers agree, and one the caller may not see is neither listed nor counted."""
    contact = scene.contact_for(caller, target)
    query = """query($f: ContactFilter!, $o: ContactOrder) {
      contacts(filter: $f, first: 25, orderBy: $o) { totalCount edges { node { crn } } } }"""
    typed_crn = contact.crn.lower().replace("-", " ")
    verdicts = set()
    for search, order in (({"postcode": contact.postcode}, None), ({"text": typed_crn}, "OLDEST")):
        page = answer(scene, caller, query, "contacts", f=search, o=order)
        crns = [edge["node"]["crn"] for edge in page["edges"]]
        if contact.crn in crns:
            verdicts.add(PERMITTED)
            continue
        assert page["totalCount"] == 0 and not crns, f"the count gives the contact away: {page}"
        verdicts.add(REFUSED)
    (verdict,) = verdicts
    return verdict


@probe("users")
@refused_by_error
def _users(scene: Scene, caller: Caller, target: str) -> str:
    wanted = scene.bystanders[scene.organisation_for(caller, target)]
    listed = {user["id"] for user in answer(scene, caller, "{ users { id } }", "users")}
    return PERMITTED if wanted in listed else REFUSED


@probe("user")
@refused_by_error
def _user(scene: Scene, caller: Caller, target: str) -> str:
    wanted = scene.bystanders[scene.organisation_for(caller, target)]
    found = answer(scene, caller, f'{{ user(id: "{wanted}") {{ id }} }}', "user")
    return PERMITTED if found is not None and found["id"] == wanted else REFUSED


@probe("nominations")
@refused_by_error
def _nominations(scene: Scene, caller: Caller, target: str) -> str:
    wanted = scene.pending[scene.organisation_for(caller, target)]
    found = answer(scene, caller, "{ nominations { id } }", "nominations")
    return PERMITTED if wanted in {nomination["id"] for nomination in found} else REFUSED


@probe("auditLog")
@refused_by_error
def _audit_log(scene: Scene, caller: Caller, target: str) -> str:
    entries = answer(scene, caller, "{ auditLog(afterSeq: 0, first: 3) { seq event } }", "auditLog")
    assert entries, "signing the cast in wrote audit entries"
    return PERMITTED


@probe("auditChainVerified")
@refused_by_error
def _audit_chain_verified(scene: Scene, caller: Caller, target: str) -> str:
    query = "{ auditChainVerified { ok checkedEntries } }"
    status = answer(scene, caller, query, "auditChainVerified")
    assert status["ok"] and status["checkedEntries"] > 0, status
    return PERMITTED


@probe("invitation")
@refused_by_error
def _invitation(scene: Scene, caller: Caller, target: str) -> str:
    """Whoever holds the link: it is the invitation's token that authorises, like accepting."""
    _, token = scene.fresh_invitation(scene.home(caller))
    query = "query($t: String!) { invitation(token: $t) { state maskedEmail } }"
    found = answer(scene, caller, query, "invitation", t=token)
    assert found["state"] == "VALID" and found["maskedEmail"], found
    return PERMITTED


@probe("passwordRules")
@refused_by_error
def _password_rules(scene: Scene, caller: Caller, target: str) -> str:
    assert answer(scene, caller, "{ passwordRules }", "passwordRules")
    return PERMITTED


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


# ---------------------------------------------------------------- contacts

RAISE = """mutation($input: RaiseMncContactInput!) { raiseMncContact(input: $input) {
  __typename ... on ContactLogged { contact { crn shipper { shortCode } } }
  ... on ContactRejected { reasons { code field message } } ... on NotPermitted { message } } }"""
CONTACTS_AT = """query($p: String!) { contacts(filter: {postcode: $p}) { totalCount } }"""


@probe("raiseMncContact")
def _raise_mnc_contact(scene: Scene, caller: Caller, target: str) -> str:
    udprn, postcode = RAISE_SITES[caller.name]
    request = {
        "udprn": udprn,
        "marketSector": "DOMESTIC",
        "annualQuantityKwh": 12_000,
        "reason": "NEW_SERVICE",
    }
    try:
        result = answer(scene, caller, RAISE, "raiseMncContact", input=request)
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    # The CDSP sees every contact: the site has the caller's one contact, or none.
    stored = scene.graphql("CDSP USER", CONTACTS_AT, p=postcode)["data"]["contacts"]["totalCount"]
    if refused:
        assert stored == 0, "refused, yet a contact was stored"
        return REFUSED
    assert result["__typename"] == "ContactLogged", result
    assert result["contact"]["shipper"]["shortCode"] == scene.home(caller)
    assert stored == 1
    return PERMITTED


# ---------------------------------------------------------------- the contact's moves

ACTION_RESULT = """__typename ... on Contact { crn status assignee { id } }
  ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message }
  ... on NotFound { message } ... on InvalidTransition { message status }"""
PICK_UP = f"mutation($crn: String!) {{ pickUpContact(crn: $crn) {{ {ACTION_RESULT} }} }}"
ASSIGN = f"""mutation($crn: String!, $to: ID) {{
  assignContact(crn: $crn, assigneeId: $to) {{ {ACTION_RESULT} }} }}"""
ASK = f"""mutation($crn: String!, $q: String!) {{
  askShipper(crn: $crn, question: $q) {{ {ACTION_RESULT} }} }}"""
ANSWER = f"""mutation($crn: String!, $a: String!) {{
  answerQuestion(crn: $crn, answer: $a) {{ {ACTION_RESULT} }} }}"""
ALLOCATE = f"mutation($crn: String!) {{ allocateToNetwork(crn: $crn) {{ {ACTION_RESULT} }} }}"
BOOK = f"""mutation($crn: String!, $d: Date!) {{
  bookSiteVisit(crn: $crn, plannedFor: $d) {{ {ACTION_RESULT} }} }}"""
ACCEPT_CONTACT = f"mutation($crn: String!) {{ acceptContact(crn: $crn) {{ {ACTION_RESULT} }} }}"
REJECT = f"""mutation($crn: String!, $r: String!, $n: String!) {{
  rejectContact(crn: $crn, reasonCode: $r, note: $n) {{ {ACTION_RESULT} }} }}"""
WITHDRAW = f"""mutation($crn: String!, $n: String!) {{
  withdrawContact(crn: $crn, note: $n) {{ {ACTION_RESULT} }} }}"""
VISIBLE = "query($crn: String!) { contact(crn: $crn) { crn } }"
S = ContactStatus
# The member answers that refuse a move; an error (Refusal) refuses it too.
REFUSALS = ("NotPermitted", "NotFound")


def _move(
    scene: Scene,
    caller: Caller,
    target: str,
    name: str,
    query: str,
    start: ContactStatus,
    then: ContactStatus,
    member: str = "Contact",
    **variables: Any,
) -> tuple[str, Contact, dict[str, Any] | None]:
    """Make the move `name` as `caller` on a new contact in `start`; a permitted move must
    leave it in `then`, a refused one must leave it as it was. A question (AWAITING_SHIPPER)
    is asked by the CDSP, or by the network for a Network caller (so that it may see it). A
    permitted move answers `member`: the contact, or for a hand-back (after which the network
    no longer sees the contact) ContactHandedBack."""
    network_asks = start is S.AWAITING_SHIPPER and caller.kind is NETWORK
    allocated = network_asks or start in (S.WITH_NETWORK, S.SITE_VISIT_BOOKED)
    side = scene.side_for(caller, target, allocated)
    asked_by = None
    if start is S.AWAITING_SHIPPER:
        asked_by = side.network if network_asks else "CDSP"
    contact = scene.fresh_contact(side, start, asked_by)
    before = scene.state_of(contact.crn)
    try:
        result = answer(scene, caller, query, name, crn=contact.crn, **variables)
        kind = union_member(result)
    except Refusal:
        result, kind = None, "Refusal"
    if kind in (*REFUSALS, "Refusal"):
        assert scene.state_of(contact.crn) == before, f"refused ({kind}), yet the contact changed"
        if kind == "NotFound":
            seen = answer(scene, caller, VISIBLE, "contact", crn=contact.crn)
            assert seen is None, f"NotFound for a contact the caller sees: {result}"
        return REFUSED, contact, None
    assert kind == member, (
        f"{name} on a {start} contact answered {result}: an InvalidTransition is the test's "
        "fault (the contact was prepared in the wrong status), never a verdict"
    )
    assert result is not None
    assert result["crn"] == contact.crn, result
    assert member != "Contact" or result["status"] == then, result
    after = scene.state_of(contact.crn)
    assert after.status is then and after.version > before.version, after
    return PERMITTED, contact, result


@probe("pickUpContact")
def _pick_up_contact(scene: Scene, caller: Caller, target: str) -> str:
    outcome, contact, result = _move(
        scene, caller, target, "pickUpContact", PICK_UP, S.LOGGED, S.WITH_CDSP
    )
    if outcome == PERMITTED:
        assert result is not None and result["assignee"] == {"id": scene.ids[caller.name]}
        assert scene.state_of(contact.crn).assignee_id == scene.ids[caller.name]
    return outcome


@probe("assignContact")
def _assign_contact(scene: Scene, caller: Caller, target: str) -> str:
    """To a user of the caller's own organisation; a contact waiting on the caller's party."""
    start = S.WITH_CDSP  # the CDSP's (and what a Supplier or an anonymous caller aims at)
    if caller.kind is SHIPPER:
        start = S.AWAITING_SHIPPER
    elif caller.kind is NETWORK:
        start = S.WITH_NETWORK
    assignee = scene.bystanders[scene.home(caller)]
    outcome, contact, result = _move(
        scene, caller, target, "assignContact", ASSIGN, start, start, to=assignee
    )
    if outcome == PERMITTED:
        assert result is not None and result["assignee"] == {"id": assignee}, result
        assert scene.state_of(contact.crn).assignee_id == assignee
    return outcome


@probe("askShipper")
def _ask_shipper(scene: Scene, caller: Caller, target: str) -> str:
    start = S.WITH_NETWORK if caller.kind is NETWORK else S.WITH_CDSP
    outcome, contact, _ = _move(
        scene, caller, target, "askShipper", ASK, start, S.AWAITING_SHIPPER, q="Is gas laid?"
    )
    if outcome == PERMITTED:
        assert scene.state_of(contact.crn).asked_from == start
    return outcome


@probe("answerQuestion")
def _answer_question(scene: Scene, caller: Caller, target: str) -> str:
    # Asked by the CDSP, so the answer sends it back to WITH_CDSP (a Network caller's contact is
    # asked by the Network: it is refused before the answer would send it anywhere).
    outcome, _, _ = _move(
        scene, caller, target, "answerQuestion", ANSWER, S.AWAITING_SHIPPER, S.WITH_CDSP,
        a="Laid last week.",
    )  # fmt: skip
    return outcome


@probe("allocateToNetwork")
def _allocate_to_network(scene: Scene, caller: Caller, target: str) -> str:
    outcome, contact, _ = _move(
        scene, caller, target, "allocateToNetwork", ALLOCATE, S.WITH_CDSP, S.WITH_NETWORK
    )
    if outcome == PERMITTED:
        assert scene.state_of(contact.crn).allocated_network == "NGN", "Leeds is NGN's"
    return outcome


@probe("bookSiteVisit")
def _book_site_visit(scene: Scene, caller: Caller, target: str) -> str:
    outcome, contact, _ = _move(
        scene, caller, target, "bookSiteVisit", BOOK, S.WITH_NETWORK, S.SITE_VISIT_BOOKED,
        d=VISIT_DAY.isoformat(),
    )  # fmt: skip
    if outcome == PERMITTED:
        assert scene.state_of(contact.crn).planned_visit == VISIT_DAY
    return outcome


@probe("acceptContact")
def _accept_contact(scene: Scene, caller: Caller, target: str) -> str:
    outcome, contact, _ = _move(
        scene, caller, target, "acceptContact", ACCEPT_CONTACT, S.SITE_VISIT_BOOKED,
        S.NETWORK_ACCEPTED,
    )  # fmt: skip
    if outcome == PERMITTED:
        # The acceptance queued the MPRN's creation: let it finish inside this cell.
        scene.drain_mprn_requests()
        assert scene.state_of(contact.crn).status in (S.NETWORK_ACCEPTED, S.MPRN_CREATED)
    return outcome


def rejection_reason(scene: Scene) -> str:
    """A reason code as the API lists it (read by a CDSP user)."""
    body = scene.graphql("CDSP USER", "{ rejectionReasons { code } }")
    codes = [reason["code"] for reason in body["data"]["rejectionReasons"]]
    assert "INSUFFICIENT_INFORMATION" in codes, codes
    return "INSUFFICIENT_INFORMATION"


@probe("rejectContact")
def _reject_contact(scene: Scene, caller: Caller, target: str) -> str:
    start = S.WITH_NETWORK if caller.kind is NETWORK else S.WITH_CDSP
    outcome, _, _ = _move(
        scene, caller, target, "rejectContact", REJECT, start, S.REJECTED,
        r=rejection_reason(scene), n="Not enough to go on.",
    )  # fmt: skip
    return outcome


@probe("withdrawContact")
def _withdraw_contact(scene: Scene, caller: Caller, target: str) -> str:
    outcome, _, _ = _move(
        scene, caller, target, "withdrawContact", WITHDRAW, S.WITH_NETWORK, S.WITHDRAWN,
        n="Raised in error.",
    )  # fmt: skip
    return outcome


MOVE_TO_NETWORK = f"""mutation($crn: String!, $to: ID!, $n: String!) {{
  moveToNetwork(crn: $crn, networkId: $to, note: $n) {{ {ACTION_RESULT} }} }}"""
HAND_BACK = """mutation($crn: String!, $n: String!) { handBackToCdsp(crn: $crn, note: $n) {
  __typename ... on ContactHandedBack { crn message }
  ... on InvalidInput { reasons { code field message } } ... on NotPermitted { message }
  ... on NotFound { message } ... on InvalidTransition { message status } } }"""
# Neither Alpha's network (NGN) nor Beta's (WWU): a move there is always to another network.
ELSEWHERE = "SGN"


@probe("moveToNetwork")
def _move_to_network(scene: Scene, caller: Caller, target: str) -> str:
    found = scene.call(
        scene.world.container.account_queries().organisations_by_short_codes, [ELSEWHERE]
    )
    outcome, contact, _ = _move(
        scene, caller, target, "moveToNetwork", MOVE_TO_NETWORK, S.WITH_NETWORK, S.WITH_NETWORK,
        to=found[ELSEWHERE].id, n="The site is fed from SGN's main.",
    )  # fmt: skip
    if outcome == PERMITTED:
        assert scene.state_of(contact.crn).allocated_network == ELSEWHERE
    return outcome


@probe("handBackToCdsp")
def _hand_back_to_cdsp(scene: Scene, caller: Caller, target: str) -> str:
    outcome, contact, _ = _move(
        scene, caller, target, "handBackToCdsp", HAND_BACK, S.WITH_NETWORK, S.WITH_CDSP,
        member="ContactHandedBack", n="Not our area.",
    )  # fmt: skip
    if outcome == PERMITTED:
        after = scene.state_of(contact.crn)
        assert (after.status, after.allocated_network) == (S.WITH_CDSP, None), after
        assert answer(scene, caller, VISIBLE, "contact", crn=contact.crn) is None
    return outcome


# ---------------------------------------------------------------- queues and reference lists

QUEUE = """query($s: QueueScope!, $after: String) {
  workQueue(scope: $s, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { crn } } } }"""
ALL_CONTACTS = """query($after: String) { contacts(first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { crn } } } }"""


def every_crn(scene: Scene, caller: Caller, query: str, name: str, **variables: Any) -> list[str]:
    """Every page of a connection; its totalCount must count exactly what it lists."""
    crns: list[str] = []
    after = None
    while True:
        page = answer(scene, caller, query, name, after=after, **variables)
        crns += [edge["node"]["crn"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert page["totalCount"] == len(crns) == len(set(crns)), f"{name}: {page['totalCount']}"
    return crns


@probe("workQueue")
@refused_by_error
def _work_queue(scene: Scene, caller: Caller, target: str) -> str:
    if caller.anonymous:
        answer(scene, caller, QUEUE, "workQueue", s="ORGANISATION", after=None)
        raise AssertionError("an anonymous caller read a work queue")
    # A contact waiting on the caller's party of the caller's own (for the CDSP: any Shipper's,
    # Beta's), and the same of a foreign organisation, which must never be listed.
    if caller.kind is SHIPPER:
        mine = scene.fresh_contact(ALPHA, S.AWAITING_SHIPPER, "CDSP")
        theirs = scene.fresh_contact(BETA, S.AWAITING_SHIPPER, "CDSP")
    elif caller.kind is NETWORK:
        mine = scene.fresh_contact(ALPHA, S.WITH_NETWORK)
        theirs = scene.fresh_contact(BETA, S.WITH_NETWORK)
    elif caller.kind is CDSP:
        mine, theirs = scene.fresh_contact(BETA, S.LOGGED), None
    else:  # a Supplier: party to no contact, with an empty queue
        mine, theirs = None, scene.fresh_contact(ALPHA, S.LOGGED)
    visible = set(every_crn(scene, caller, ALL_CONTACTS, "contacts"))
    queues = {
        scope: every_crn(scene, caller, QUEUE, "workQueue", s=scope)
        for scope in ("MINE", "ORGANISATION", "UNASSIGNED")
    }
    for scope, crns in queues.items():
        assert set(crns) <= visible, f"{scope}: lists contacts the caller may not see"
        assert theirs is None or theirs.crn not in crns, f"{scope}: lists a foreign contact"
    if mine is not None:
        assert mine.crn in queues["ORGANISATION"], "the caller's own waiting contact is missing"
    else:
        assert not any(queues.values()), queues
    return PERMITTED


@probe("colleagues")
@refused_by_error
def _colleagues(scene: Scene, caller: Caller, target: str) -> str:
    wanted = scene.bystanders[scene.organisation_for(caller, target)]
    listed = {user["id"] for user in answer(scene, caller, "{ colleagues { id } }", "colleagues")}
    return PERMITTED if wanted in listed else REFUSED


@probe("networks")
@refused_by_error
def _networks(scene: Scene, caller: Caller, target: str) -> str:
    found = answer(scene, caller, "{ networks { shortCode ldzs { code name } } }", "networks")
    ldzs = {network["shortCode"]: [ldz["code"] for ldz in network["ldzs"]] for network in found}
    assert ldzs["NGN"] == ["NE", "NO"] and ldzs["WWU"] == ["SW", "WN", "WS"], ldzs
    return PERMITTED


@probe("ldzs")
@refused_by_error
def _ldzs(scene: Scene, caller: Caller, target: str) -> str:
    found = answer(scene, caller, "{ ldzs { code name } }", "ldzs")
    assert len(found) == 13 and {"code": "NW", "name": "North West"} in found, found
    return PERMITTED


@probe("rejectionReasons")
@refused_by_error
def _rejection_reasons(scene: Scene, caller: Caller, target: str) -> str:
    found = answer(scene, caller, "{ rejectionReasons { code description } }", "rejectionReasons")
    assert [reason["code"] for reason in found] == list(REJECTION_REASONS), found
    assert all(reason["description"] for reason in found)
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
    try:
        result = answer(scene, caller, NOMINATE, "nominateUser", input=request)
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    if refused:
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
    try:
        result = answer(scene, caller, CREATE_ORGANISATION, "createOrganisation", input=request)
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    exists = scene.organisation_id(code, missing_ok=True) is not None
    if refused:
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
    try:
        result = answer(scene, caller, APPROVE, "approveNomination", id=nomination_id)
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    if refused:
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
    try:
        result = answer(scene, caller, query, name, id=user_id, **variables)
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    if refused:
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
    try:
        result = answer(
            scene, caller, REJECT_NOMINATION, "rejectNomination", id=nomination_id, r=why
        )
        refused = union_member(result) == "NotPermitted"
    except Refusal:
        refused = True
    if refused:
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


# ---------------------------------------------------------------- the notification area


def _notification_for(scene: Scene, user_id: str) -> str:
    """A new unread notification addressed to this user; its id."""
    notification = Notification(
        id=new_id(),
        recipient_id=user_id,
        event_id=new_id(),
        created_at=datetime.now(UTC),
        message="MNC-2026-000001 is now with the CDSP.",
        crn="MNC-2026-000001",
        status=ContactStatus.WITH_CDSP,
    )
    scene.call(scene.world.container.notification_store().add, [notification])
    return notification.id


def _someone_else(scene: Scene, caller: Caller) -> str:
    return scene.bystanders[scene.organisation_for(caller, "foreign")]


NOTIFICATIONS = "{ notifications(first: 50) { totalCount edges { node { id read } } } }"


@probe("notifications")
@refused_by_error
def _notifications(scene: Scene, caller: Caller, target: str) -> str:
    mine = _notification_for(scene, scene.ids[caller.name]) if not caller.anonymous else None
    theirs = _notification_for(scene, _someone_else(scene, caller))
    listed = answer(scene, caller, NOTIFICATIONS, "notifications")
    ids = {edge["node"]["id"] for edge in listed["edges"]}
    assert theirs not in ids, "another person's notification was listed"
    assert mine in ids
    return PERMITTED


@probe("unreadNotificationCount")
@refused_by_error
def _unread_count(scene: Scene, caller: Caller, target: str) -> str:
    before = answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount")
    _notification_for(scene, _someone_else(scene, caller))
    _notification_for(scene, scene.ids[caller.name])
    after = answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount")
    assert after == before + 1, "the count includes only the caller's own"
    return PERMITTED


@probe("notificationPreferences")
@refused_by_error
def _notification_preferences(scene: Scene, caller: Caller, target: str) -> str:
    query = "{ notificationPreferences { emailCopies } }"
    preferences = answer(scene, caller, query, "notificationPreferences")
    assert isinstance(preferences["emailCopies"], bool)
    return PERMITTED


@probe("setNotificationPreferences")
@refused_by_error
def _set_notification_preferences(scene: Scene, caller: Caller, target: str) -> str:
    mutation = "mutation { setNotificationPreferences(emailCopies: true) { emailCopies } }"
    set_to = answer(scene, caller, mutation, "setNotificationPreferences")
    assert set_to == {"emailCopies": True}
    stored = scene.call(
        scene.world.container.notification_preferences().get, scene.ids[caller.name]
    )
    assert stored.email_copies
    scene.graphql(
        caller.name, "mutation { setNotificationPreferences(emailCopies: false) { emailCopies } }"
    )
    return PERMITTED


@probe("markNotificationRead")
@refused_by_error
def _mark_notification_read(scene: Scene, caller: Caller, target: str) -> str:
    owner = scene.ids[caller.name] if target == "own" else _someone_else(scene, caller)
    notification_id = _notification_for(scene, owner)
    mutation = "mutation($id: ID!) { markNotificationRead(id: $id) { id read } }"
    marked = answer(scene, caller, mutation, "markNotificationRead", id=notification_id)
    unread = scene.call(scene.world.container.notification_store().unread_count, owner)
    page = scene.call(
        partial(
            scene.world.container.notification_store().page,
            owner,
            unread_only=True,
            first=50,
            after=None,
        )
    )
    still_unread = notification_id in {item.id for _, item in page.items}
    if marked is None:
        assert still_unread, "a refused mark changed the notification"
        return REFUSED
    assert marked == {"id": notification_id, "read": True} and not still_unread, unread
    return PERMITTED


@probe("markAllNotificationsRead")
@refused_by_error
def _mark_all_notifications_read(scene: Scene, caller: Caller, target: str) -> str:
    theirs = _notification_for(scene, _someone_else(scene, caller))
    if not caller.anonymous:
        _notification_for(scene, scene.ids[caller.name])
    marked = answer(
        scene, caller, "mutation { markAllNotificationsRead }", "markAllNotificationsRead"
    )
    assert marked >= 1
    assert answer(scene, caller, "{ unreadNotificationCount }", "unreadNotificationCount") == 0
    page = scene.call(
        partial(
            scene.world.container.notification_store().page,
            _someone_else(scene, caller),
            unread_only=True,
            first=50,
            after=None,
        )
    )
    assert theirs in {item.id for _, item in page.items}, "another person's was marked"
    return PERMITTED


# ---------------------------------------------------------------- people as others see them

PEOPLE_ON = """query($crn: String!) { contact(crn: $crn) {
  raisedBy { ...Person } history { actor { ...Person } } } }
fragment Person on User {
  id name email roles status lastSignInAt mfaChannel daysInactive organisation { name } }"""


def _person_field(field: str) -> Probe:
    """Is the field of a person on a contact the caller sees shown (not null, not empty)?"""

    @refused_by_error
    def person_field(scene: Scene, caller: Caller, target: str) -> str:
        crn, user_id = scene.user_seen_by(caller, target)
        found = answer(scene, caller, PEOPLE_ON, "contact", crn=crn)
        if found is None:
            return REFUSED  # the contact, and so the person, is not the caller's to see
        people = [found["raisedBy"], *(event["actor"] for event in found["history"])]
        (person, *_) = [p for p in people if p is not None and p["id"] == user_id]
        assert person["name"] and person["organisation"]["name"], person
        return REFUSED if person[field] in (None, []) else PERMITTED

    return person_field


for _field in ("email", "roles", "status", "lastSignInAt", "mfaChannel", "daysInactive"):
    probe(f"User.{_field}")(_person_field(_field))


# ---------------------------------------------------------------- the table's shape


def served_operations() -> set[str]:
    schema = graphql.build_schema(build_schema().as_str())
    assert schema.query_type is not None and schema.mutation_type is not None
    return {*schema.query_type.fields, *schema.mutation_type.fields}


def test_each_field_row_names_a_served_field() -> None:
    schema = graphql.build_schema(build_schema().as_str())
    for row in {operation for operation, _, _ in EXPECTED if "." in operation}:
        type_name, field = row.split(".")
        served = schema.get_type(type_name)
        assert isinstance(served, graphql.GraphQLObjectType), row
        assert field in served.fields, f"{row} is not served"


def test_the_table_covers_every_served_operation() -> None:
    in_table = {operation for operation, _, _ in EXPECTED if "." not in operation}
    missing = served_operations() - in_table
    assert not missing, f"served but not in the authorisation table: {sorted(missing)}"
    stale = in_table - served_operations()
    assert not stale, f"in the table but no longer served: {sorted(stale)}"
    assert set(PROBES) == {operation for operation, _, _ in EXPECTED}, "a probe for every row"


ALL_KINDS = frozenset({SHIPPER, NETWORK, CDSP, SUPPLIER})
PARTIES = frozenset({SHIPPER, NETWORK})  # the kinds a contact can be `own` to
# The kinds of caller with an `own` target, for the operations aimed at a contact (every other
# targeted operation aims at something every organisation has: users, nominations).
OWN_TARGETS = {
    **dict.fromkeys(
        (
            "contact",
            "contacts",
            "assignContact",
            "askShipper",
            "answerQuestion",
            "bookSiteVisit",
            "acceptContact",
            "rejectContact",
            "withdrawContact",
            "moveToNetwork",
            "handBackToCdsp",
        ),
        PARTIES,
    ),
    # Not yet allocated: a contact is no network's (see the notes under the table).
    **dict.fromkeys(("pickUpContact", "allocateToNetwork"), frozenset({SHIPPER})),
    # A person is seen on a contact: a Supplier, party to none, sees no colleague there.
    **dict.fromkeys(
        (
            f"User.{field}"
            for field in ("email", "roles", "status", "lastSignInAt", "mfaChannel", "daysInactive")
        ),
        frozenset({SHIPPER, NETWORK, CDSP}),
    ),
}


@pytest.mark.parametrize("operation", sorted({operation for operation, _, _ in EXPECTED}))
def test_each_operation_has_a_cell_for_every_caller(operation: str) -> None:
    cells = [(caller, target) for op, caller, target in EXPECTED if op == operation]
    targets = {target for _, target in cells}
    assert targets in ({"-"}, {"own", "foreign"}), f"{operation}: targets {targets}"
    for caller in CALLERS:
        mine = {target for name, target in cells if name == caller.name}
        if targets == {"-"}:
            assert mine == {"-"}, f"{operation}: no cell for {caller.name}"
        elif caller.anonymous:
            assert mine == {"foreign"}, f"{operation}: anonymous has no own target"
        else:
            assert "foreign" in mine, f"{operation}: no foreign cell for {caller.name}"
            party_to_it = caller.kind in OWN_TARGETS.get(operation, ALL_KINDS)
            assert ("own" in mine) == party_to_it, f"{operation}: own cell of {caller.name}"


# ---------------------------------------------------------------- every cell


def _cells() -> list[Any]:
    assert set(KNOWN_GAPS) <= set(EXPECTED), "a known gap names no cell of the table"
    return [
        pytest.param(
            operation,
            caller,
            target,
            id=f"{operation}-{caller.replace(' ', '_')}-{target}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[cell])]
            if (cell := (operation, caller, target)) in KNOWN_GAPS
            else [],
        )
        for operation, caller, target in EXPECTED
    ]


@pytest.mark.parametrize(("operation", "caller", "target"), _cells())
def test_cell(scene: Scene, operation: str, caller: str, target: str) -> None:
    expected = EXPECTED[(operation, caller, target)]
    outcome = PROBES[operation](scene, BY_NAME[caller], target)
    assert outcome == expected, (
        f"{operation} by {caller} on a {target} target was {outcome}; the table says {expected}"
    )
