"""The authorisation table's probes of contacts: raising one, and each move of its lifecycle."""

from __future__ import annotations

from typing import Any

from cms.core.contacts.lifecycle import ContactStatus
from tests.security.authorisation_policy import PERMITTED, REFUSED
from tests.security.authorisation_probing import (
    Probes,
    Refusal,
    answer,
    answer_unless_refused,
    filing_in,
    union_member,
)
from tests.security.authorisation_world import (
    NETWORK,
    RAISE_SITES,
    SHIPPER,
    VISIT_DAY,
    Caller,
    Contact,
    Scene,
)

PROBES: Probes = {}
probe = filing_in(PROBES)


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
    result = answer_unless_refused(scene, caller, RAISE, "raiseMncContact", input=request)
    # The CDSP sees every contact: the site has the caller's one contact, or none.
    stored = scene.graphql("CDSP USER", CONTACTS_AT, p=postcode)["data"]["contacts"]["totalCount"]
    if result is None:
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
