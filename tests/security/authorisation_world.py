"""The cast and the targets of the authorisation table, on one app, one container, one loop.

Every caller of the table is a signed-in user of a "home" organisation of its kind (or nobody, for
the anonymous caller); every targeted cell aims at something owned by the home organisation
("own") or by a "foreign" one, of the same kind where there is a second one. Helpers who are not
callers (each organisation's keeper LSO, the CDSP registrar, and an agent of each organisation
that works contacts) make the targets through the bus. A contact reaches the status a cell needs
by the lifecycle's own moves, made by the agents (raise, pick up, ask, allocate, book a visit):
nothing is written to the contacts table behind the application's back.

The World and the app share one container, and everything runs in the TestClient's portal loop:
World coroutines go through `Scene.call`, requests through `Scene.graphql`.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import select
from starlette.testclient import TestClient

from cms.adapters.sql.tables import contacts as contacts_table
from cms.core.accounts.commands import (
    ApproveNomination,
    DisableUser,
    EnrolMfa,
    NominateUser,
    SignIn,
)
from cms.core.accounts.model import MfaChannel, OrganisationKind, Role, Viewer
from cms.core.accounts.sign_in import MfaEnrolmentRequired, MfaRequired
from cms.core.contacts.commands import (
    AllocateToNetwork,
    AskShipper,
    BookSiteVisit,
    ContactCommand,
    PickUpContact,
    RaiseMncContact,
)
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from tests.support.world import PASSWORD, START, World, paf_csv_line

T = TypeVar("T")

SHIPPER, NETWORK, CDSP, SUPPLIER = (
    OrganisationKind.SHIPPER,
    OrganisationKind.NETWORK,
    OrganisationKind.CDSP,
    OrganisationKind.SUPPLIER,
)
USER, SUPERVISOR, LSO, ACCOUNT_ADMIN = Role.USER, Role.SUPERVISOR, Role.LSO, Role.ACCOUNT_ADMIN

ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Caller:
    name: str
    kind: OrganisationKind | None  # None: anonymous
    roles: tuple[Role, ...] = ()

    @property
    def anonymous(self) -> bool:
        return self.kind is None

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-").replace("_", "-")


CALLERS: tuple[Caller, ...] = (
    Caller(ANONYMOUS, None),
    Caller("SHIPPER USER", SHIPPER, (USER,)),
    Caller("SHIPPER LSO", SHIPPER, (LSO,)),
    Caller("NETWORK USER", NETWORK, (USER,)),
    Caller("NETWORK SUPERVISOR", NETWORK, (USER, SUPERVISOR)),
    Caller("NETWORK LSO", NETWORK, (LSO,)),
    Caller("CDSP USER", CDSP, (USER,)),
    Caller("CDSP SUPERVISOR", CDSP, (USER, SUPERVISOR)),
    Caller("CDSP LSO", CDSP, (LSO,)),
    Caller("CDSP ACCOUNT_ADMIN", CDSP, (ACCOUNT_ADMIN,)),
    Caller("SUPPLIER USER", SUPPLIER, (USER,)),
)
BY_NAME = {caller.name: caller for caller in CALLERS}

# Our own organisations (the four networks come from World.networks()).
ORGANISATIONS = (
    ("AGS", SHIPPER, "Alpha Gas Shipping"),
    ("BET", SHIPPER, "Beta Energy Trading"),
    ("CDSP", CDSP, "Xoserve (CDSP)"),
    ("SUPA", SUPPLIER, "Acme Gas Supply"),
    ("SUPB", SUPPLIER, "Bright Supply"),
)
ALL_CODES = ("AGS", "BET", "CDSP", "SUPA", "SUPB", "NGN", "WWU")
# The organisations that work contacts: each has an agent, a USER who is no caller, who makes the
# moves that bring a target contact to the status a cell needs.
WORKING_CODES = ("AGS", "BET", "CDSP", "NGN", "WWU")
# Where each kind's callers work, and whose things are "foreign" to them: a second organisation
# of the same kind (the boundary that matters), or a Shipper for the one and only CDSP.
HOME = {SHIPPER: "AGS", NETWORK: "NGN", CDSP: "CDSP", SUPPLIER: "SUPA"}
FOREIGN = {SHIPPER: "BET", NETWORK: "WWU", CDSP: "AGS", SUPPLIER: "SUPB"}
ANONYMOUS_FOREIGN = "AGS"  # every organisation is foreign to the anonymous caller

# The day the site visits are booked for: a week after the World's (fixed) today.
VISIT_DAY = START.date() + timedelta(days=7)

# The password the invitation and changePassword cells set: long, uncommon, not the email.
NEW_PASSWORD = "Quiet-harbour-lanterns-2027"

# PAF: the Alpha contact (Leeds, NE zone: NGN), the Beta contact (Cardiff, WS zone: WWU), the
# address the `address` cells read, and one delivery point for each caller's raiseMncContact.
UDPRN_BASE = 41_000_000
INWARD_LETTERS = "BDEFGHJLN"


def leeds_postcode(index: int) -> str:
    return f"LS6 {1 + index // len(INWARD_LETTERS)}A{INWARD_LETTERS[index % len(INWARD_LETTERS)]}"


def pool_postcode(outward: str, index: int) -> str:
    letters = INWARD_LETTERS
    return f"{outward} {1 + index // 81}{letters[index // 9 % 9]}{letters[index % 9]}"


ALPHA_SITE = (str(UDPRN_BASE), leeds_postcode(0))
BETA_SITE = (str(UDPRN_BASE + 1), "CF10 1AB")
ADDRESS_SITE = (str(UDPRN_BASE + 2), leeds_postcode(2))
RAISE_SITES = {
    caller.name: (str(UDPRN_BASE + 10 + index), leeds_postcode(10 + index))
    for index, caller in enumerate(CALLERS)
}
# Where the contacts made for single cells are raised, one delivery point each (one open
# contact per delivery point): Leeds (NE zone: NGN) for Alpha's, Cardiff (WS zone: WWU) for Beta's.
POOL_SIZE = 400
LEEDS_POOL = [(str(UDPRN_BASE + 100 + i), pool_postcode("LS7", i)) for i in range(POOL_SIZE)]
CARDIFF_POOL = [(str(UDPRN_BASE + 600 + i), pool_postcode("CF11", i)) for i in range(POOL_SIZE)]


def _paf_lines() -> list[str]:
    sites = [ALPHA_SITE, BETA_SITE, ADDRESS_SITE, *RAISE_SITES.values(), *LEEDS_POOL]
    sites += CARDIFF_POOL
    return [
        paf_csv_line(
            postcode=postcode,
            post_town="CARDIFF" if postcode.startswith("CF") else "LEEDS",
            thoroughfare="Meter Lane",
            building_number=str(number),
            udprn=udprn,
        )
        for number, (udprn, postcode) in enumerate(sites, start=1)
    ]


@dataclass(frozen=True)
class Side:
    """A Shipper, where it raises its contacts, and the network those sites belong to."""

    shipper: str
    network: str
    pool: tuple[tuple[str, str], ...]


ALPHA = Side("AGS", "NGN", tuple(LEEDS_POOL))  # the home Shipper's, in the home network's area
BETA = Side("BET", "WWU", tuple(CARDIFF_POOL))  # a foreign Shipper's, in a foreign network's area


@dataclass
class Contact:
    crn: str
    postcode: str


@dataclass(frozen=True)
class ContactState:
    """What a move changes, read behind the API (a refused move must change none of it)."""

    status: ContactStatus
    version: int
    assignee_id: str | None
    allocated_network: str | None
    asked_from: str | None
    planned_visit: date | None


@dataclass
class Scene:
    """The running app with its cast; `call` runs a World coroutine in the app's loop."""

    world: World
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)  # caller -> session token
    emails: dict[str, str] = field(default_factory=dict)  # caller -> email
    keepers: dict[str, Viewer] = field(default_factory=dict)  # org -> an LSO who is no caller
    registrar: Viewer | None = None  # a CDSP account administrator who is no caller
    bystanders: dict[str, str] = field(default_factory=dict)  # org -> a user's id
    pending: dict[str, str] = field(default_factory=dict)  # org -> a pending nomination's id
    ids: dict[str, str] = field(default_factory=dict)  # caller -> user id
    agents: dict[str, Viewer] = field(default_factory=dict)  # org -> a USER who is no caller
    alpha: Contact | None = None  # raised by AGS, allocated to NGN
    visited: Contact | None = None  # Alpha's, with a site visit booked by NGN's agent
    beta: Contact | None = None  # raised by BET, allocated to WWU
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _sites: dict[str, Iterator[tuple[str, str]]] = field(default_factory=dict)

    # ------------------------------------------------------------ plumbing

    def call(self, function: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        portal = self.client.portal
        assert portal is not None, "only inside the TestClient's `with` block"
        return portal.call(partial(function, *args, **kwargs))

    def graphql(self, caller: str | None, query: str, **variables: Any) -> dict[str, Any]:
        """POST one operation as `caller`: a caller's name (anonymous: no credentials at all),
        or a raw session token."""
        token = None if caller in (None, ANONYMOUS) else self.tokens.get(caller, caller)
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def unique(self, stem: str) -> str:
        return f"{stem}-{next(self._serial)}"

    # ------------------------------------------------------------ who is where

    @staticmethod
    def home(caller: Caller) -> str:
        return HOME[caller.kind] if caller.kind else ANONYMOUS_FOREIGN

    @staticmethod
    def organisation_for(caller: Caller, target: str) -> str:
        """The organisation that owns the target of an `own` or `foreign` cell."""
        if caller.kind is None:
            assert target == "foreign", "the anonymous caller has no organisation of its own"
            return ANONYMOUS_FOREIGN
        return HOME[caller.kind] if target == "own" else FOREIGN[caller.kind]

    def contact_for(self, caller: Caller, target: str) -> Contact:
        """`own`: the contact the caller's organisation raised, or that is allocated to it;
        `foreign`: one raised by another Shipper and allocated to another network. The CDSP,
        a Supplier and the anonymous caller are party to no contact: theirs is Alpha's."""
        assert self.alpha is not None and self.beta is not None
        if caller.kind in (SHIPPER, NETWORK):
            return self.alpha if target == "own" else self.beta
        assert target == "foreign"
        return self.alpha

    @staticmethod
    def side_for(caller: Caller, target: str, allocated: bool) -> Side:
        """Whose contact a move's cell aims at, as `contact_for` chooses, for a contact that is
        or is not yet `allocated` to a network. Until it is allocated a contact is no network's:
        a Network's target is then `foreign`, Alpha's, at a site in the Network's own area."""
        if caller.kind is SHIPPER or (caller.kind is NETWORK and allocated):
            return ALPHA if target == "own" else BETA
        assert target == "foreign", f"{caller.name} has no own contact here"
        return ALPHA

    # ------------------------------------------------------------ making people and things

    async def _user(self, organisation: str, roles: Iterable[Role], stem: str) -> tuple[str, str]:
        email = f"{self.unique(stem)}@{organisation.lower()}.example"
        user_id = await self.world.user(email, organisation, stem.replace("-", " ").title(), roles)
        return user_id, email

    def fresh_user(
        self, organisation: str, roles: Iterable[Role] = (USER,), stem: str = "target"
    ) -> tuple[str, str]:
        """A new ACTIVE account (id, email) with the World's password."""
        return self.call(self._user, organisation, tuple(roles), stem)

    def fresh_session(self, caller: Caller) -> tuple[str, str, str]:
        """A new account like the caller's (same organisation, same roles), signed in:
        (id, email, session token). For the cells that end or change the session."""
        user_id, email = self.fresh_user(self.home(caller), caller.roles, caller.slug)
        _, token = self.call(self.world.sign_in, email)
        return user_id, email, token

    def enrolment_challenge(self, organisation: str) -> tuple[str, str]:
        """A new account that has passed its password at its first sign-in: (email, challenge)."""
        _, email = self.fresh_user(organisation, stem="first-timer")
        outcome = self.call(self.world.bus().handle, SignIn(email=email, password=PASSWORD))
        assert isinstance(outcome, MfaEnrolmentRequired), outcome
        return email, outcome.challenge_id

    def code_challenge(self, organisation: str) -> tuple[str, str]:
        """A new account that has chosen email codes and been sent one: (email, challenge)."""
        email, challenge = self.enrolment_challenge(organisation)
        outcome = self.call(
            self.world.bus().handle,
            EnrolMfa(challenge_id=challenge, channel=MfaChannel.EMAIL, destination=None),
        )
        assert isinstance(outcome, MfaRequired), outcome
        return email, outcome.challenge_id

    async def _nominate(self, organisation: str) -> tuple[str, str]:
        email = f"{self.unique('nominee')}@{organisation.lower()}.example"
        nomination = await self.world.bus().handle(
            NominateUser(
                viewer=self.keepers[organisation],
                name="Nora Nominee",
                email=email,
                mobile=None,
                roles=frozenset({USER}),
            )
        )
        return nomination.id, email

    def fresh_nomination(self, organisation: str) -> tuple[str, str]:
        """A pending nomination of `organisation`, made by its keeper LSO: (id, email)."""
        return self.call(self._nominate, organisation)

    def fresh_invitation(self, organisation: str) -> tuple[str, str]:
        """A nomination approved by the registrar: (the invited email, the invitation token)."""
        nomination_id, email = self.fresh_nomination(organisation)
        self.call(
            self.world.bus().handle,
            ApproveNomination(viewer=self._registrar(), nomination_id=nomination_id),
        )
        return email, self.world.sender.last_token_to(email)

    def fresh_disabled_user(self, organisation: str) -> str:
        user_id, _ = self.fresh_user(organisation)
        self.call(
            self.world.bus().handle,
            DisableUser(viewer=self._registrar(), user_id=user_id, reason="Left the company"),
        )
        return user_id

    async def _fresh_contact(
        self, side: Side, status: ContactStatus, asked_by: str | None
    ) -> Contact:
        udprn, postcode = next(self._sites.setdefault(side.shipper, iter(side.pool)))
        crn = await self._raise(side.shipper, udprn)
        bus, cdsp = self.world.bus(), self.agents["CDSP"]
        path: list[ContactCommand] = []
        if status is not ContactStatus.LOGGED:
            path.append(PickUpContact(viewer=cdsp, crn=crn))
        if status is ContactStatus.AWAITING_SHIPPER and asked_by == "CDSP":
            path.append(AskShipper(viewer=cdsp, crn=crn, question="Is the service laid yet?"))
        elif status not in (ContactStatus.LOGGED, ContactStatus.WITH_CDSP):
            network = self.agents[side.network]
            path.append(AllocateToNetwork(viewer=cdsp, crn=crn, note=None))
            if status is ContactStatus.SITE_VISIT_BOOKED:
                path.append(
                    BookSiteVisit(viewer=network, crn=crn, planned_for=VISIT_DAY, note=None)
                )
            elif status is ContactStatus.AWAITING_SHIPPER:
                assert asked_by == side.network, "a network asks about its own contacts only"
                path.append(AskShipper(viewer=network, crn=crn, question="Where is the meter?"))
            else:
                assert status is ContactStatus.WITH_NETWORK, f"no path to {status}"
        for command in path:
            await bus.handle(command)
        state = await self._state_of(crn)
        assert state.status is status, f"{crn} was brought to {state.status}, not {status}"
        if status is ContactStatus.AWAITING_SHIPPER:
            expected = ContactStatus.WITH_CDSP if asked_by == "CDSP" else ContactStatus.WITH_NETWORK
            assert state.asked_from == expected, state
        return Contact(crn=crn, postcode=postcode)

    def fresh_contact(
        self, side: Side, status: ContactStatus, asked_by: str | None = None
    ) -> Contact:
        """A new contact of `side`'s Shipper brought to `status` by the agents' moves through
        the bus; for AWAITING_SHIPPER, `asked_by` is "CDSP" or the side's network."""
        return self.call(self._fresh_contact, side, status, asked_by)

    def user_seen_by(self, caller: Caller, target: str) -> tuple[str, str]:
        """A contact the caller may see and the id of a user it shows (as its raiser or in its
        history): one of the caller's own organisation (`own`) or of another (`foreign`). The
        anonymous caller and a Supplier see no contact: theirs is Alpha's, raised by AGS."""
        assert self.alpha is not None
        kind, alpha = caller.kind, self.alpha.crn
        raiser, cdsp = self.agents["AGS"].user_id, self.agents["CDSP"].user_id
        if kind is SHIPPER:
            return alpha, raiser if target == "own" else cdsp
        if kind is CDSP:
            return alpha, cdsp if target == "own" else raiser
        if kind is NETWORK and target == "own":
            if self.visited is None:
                self.visited = self.fresh_contact(ALPHA, ContactStatus.SITE_VISIT_BOOKED)
            return self.visited.crn, self.agents[ALPHA.network].user_id
        assert target == "foreign", f"{caller.name} sees no user of its own"
        return alpha, raiser

    def _registrar(self) -> Viewer:
        assert self.registrar is not None
        return self.registrar

    # ------------------------------------------------------------ reading state behind the API

    def status_of(self, user_id: str) -> str:
        found = self.call(self.world.container.account_queries().users_by_ids, [user_id])
        return str(found[user_id].status)

    def mfa_channel_of(self, user_id: str) -> str | None:
        found = self.call(self.world.container.account_queries().users_by_ids, [user_id])
        channel = found[user_id].mfa_channel
        return str(channel) if channel else None

    def organisation_id(self, short_code: str, missing_ok: bool = False) -> str | None:
        queries = self.world.container.account_queries()
        found = self.call(queries.organisations_by_short_codes, [short_code])
        assert missing_ok or short_code in found, f"no organisation {short_code}"
        return found[short_code].id if short_code in found else None

    def user_id_of(self, email: str) -> str:
        found = self.call(self.world.container.account_queries().users_by_emails, [email])
        return str(found[email].id)

    async def _state_of(self, crn: str) -> ContactState:
        query = select(contacts_table).where(contacts_table.c.crn == crn)
        async with self.world.engine.connect() as connection:
            row = (await connection.execute(query)).one()
        return ContactState(
            status=ContactStatus(row.status),
            version=row.version,
            assignee_id=row.assignee_id,
            allocated_network=row.allocated_network,
            asked_from=row.asked_from,
            planned_visit=row.planned_visit,
        )

    def state_of(self, crn: str) -> ContactState:
        return self.call(self._state_of, crn)

    async def _drain_mprn_requests(self) -> None:
        requests = self.world.container.mprn_requests()
        drain = getattr(requests, "drain", None)
        if drain is not None:
            await drain()

    def drain_mprn_requests(self) -> None:
        """Let the MPRN creation an acceptance queued (in process) finish."""
        self.call(self._drain_mprn_requests)

    def pending_nomination_ids(self) -> set[str]:
        queries = self.world.container.api_services().accounts.administration
        return {nomination.id for nomination in self.call(queries.pending_nominations, None)}

    def pending_nomination_emails(self) -> set[str]:
        queries = self.world.container.api_services().accounts.administration
        return {nomination.email for nomination in self.call(queries.pending_nominations, None)}

    # ------------------------------------------------------------ the cast

    async def build(self) -> None:
        world = self.world
        await world.reference_data()
        await world.networks()
        for code, kind, name in ORGANISATIONS:
            await world.organisation(code, kind, name)
        await world.load_paf(_paf_lines())

        for caller in CALLERS:
            if caller.kind is None:
                continue
            user_id, email = await self._user(HOME[caller.kind], caller.roles, caller.slug)
            _, self.tokens[caller.name] = await world.sign_in(email)
            self.ids[caller.name] = user_id
            self.emails[caller.name] = email
        for code in ALL_CODES:
            _, email = await self._user(code, (LSO,), "keeper")
            self.keepers[code], _ = await world.sign_in(email)
            self.bystanders[code], _ = await self._user(code, (USER,), "bystander")
            self.pending[code], _ = await self._nominate(code)
        _, email = await self._user("CDSP", (ACCOUNT_ADMIN,), "registrar")
        self.registrar, _ = await world.sign_in(email)
        for code in WORKING_CODES:
            _, email = await self._user(code, (USER,), "agent")
            self.agents[code], _ = await world.sign_in(email)

        self.alpha = await self._raise_and_allocate("AGS", ALPHA_SITE, "NGN")
        self.beta = await self._raise_and_allocate("BET", BETA_SITE, "WWU")

    async def _raise(self, shipper: str, udprn: str) -> str:
        outcome = await self.world.bus().handle(
            RaiseMncContact(
                raised_by=self.agents[shipper],
                udprn=udprn,
                manual_address=None,
                market_sector=MarketSector.DOMESTIC,
                annual_quantity_kwh=12_000,
                reason=MncReason.NEW_SERVICE,
            )
        )
        assert isinstance(outcome, ContactLoggedResult), outcome
        return str(outcome.crn)

    async def _raise_and_allocate(
        self, shipper: str, site: tuple[str, str], network: str
    ) -> Contact:
        """A contact picked up and allocated by the CDSP agent: WITH_NETWORK at `network`."""
        udprn, postcode = site
        crn = await self._raise(shipper, udprn)
        cdsp = self.agents["CDSP"]
        await self.world.bus().handle(PickUpContact(viewer=cdsp, crn=crn))
        await self.world.bus().handle(AllocateToNetwork(viewer=cdsp, crn=crn, note=None))
        state = await self._state_of(crn)
        assert (state.status, state.allocated_network) == (
            ContactStatus.WITH_NETWORK,
            network,
        ), state
        return Contact(crn=crn, postcode=postcode)
