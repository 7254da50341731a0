"""The authorisation table's probes of what a caller reads: the queries, the work queues and
reference lists, and the fields of a person seen on a contact (the `User.*` rows)."""

from __future__ import annotations

from typing import Any

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from tests.security.authorisation_policy import PERMITTED, REFUSED
from tests.security.authorisation_probing import Probe, Probes, answer, filing_in, refused_by_error
from tests.security.authorisation_world import (
    ADDRESS_SITE,
    ALPHA,
    BETA,
    CDSP,
    NETWORK,
    SHIPPER,
    Caller,
    Scene,
)

PROBES: Probes = {}
probe = filing_in(PROBES)


# ---------------------------------------------------------------- queries


@probe("me")
@refused_by_error
def _me(scene: Scene, caller: Caller, target: str) -> str:
    me = answer(scene, caller, "{ me { id email } }", "me")
    if me is None:
        return REFUSED
    assert me["email"] == scene.emails[caller.name]
    return PERMITTED


def _session_answered_by(document: str, name: str) -> Probe:
    """Is the caller's session answered (read, or kept alive), with its idle timeout?"""

    @refused_by_error
    def session_answered(scene: Scene, caller: Caller, target: str) -> str:
        found = answer(scene, caller, document, name)
        if found is None:
            return REFUSED
        assert found["idleTimeoutSeconds"] > 0
        return PERMITTED

    return session_answered


probe("session")(_session_answered_by("{ session { idleTimeoutSeconds } }", "session"))
probe("staySignedIn")(
    _session_answered_by("mutation { staySignedIn { idleTimeoutSeconds } }", "staySignedIn")
)


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


def _lists_a_bystander(field: str) -> Probe:
    """Does the list of users `field` include the target organisation's bystander?"""

    @refused_by_error
    def lists_a_bystander(scene: Scene, caller: Caller, target: str) -> str:
        wanted = scene.bystanders[scene.organisation_for(caller, target)]
        listed = {user["id"] for user in answer(scene, caller, f"{{ {field} {{ id }} }}", field)}
        return PERMITTED if wanted in listed else REFUSED

    return lists_a_bystander


probe("users")(_lists_a_bystander("users"))


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


# ---------------------------------------------------------------- queues and reference lists

S = ContactStatus
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


probe("colleagues")(_lists_a_bystander("colleagues"))


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
