"""Who may do what: the authorisation table, every query and mutation the API serves against
every kind of caller.

The policy is the table below, one row per (operation, target) and one column per caller.
test_authorisation_table.py checks each cell by calling the operation over HTTP through the real
app, as that caller, with the operation's probe (the authorisation_probes_* modules).

Callers: anonymous, and a signed-in user of each role of each organisation kind. Targets, for an
operation aimed at something an organisation owns (a user, a nomination, a contact): `own`, the
caller's organisation's, and `foreign`, another organisation's (a second organisation of the
same kind; a Shipper's for the CDSP; any organisation's for the anonymous caller). For a contact
`own` means one the caller's organisation raised (a Shipper) or that is allocated to it (a
Network); the CDSP and a Supplier are party to no contact, so they have only `foreign`, and a
Network has only `foreign` for the moves made before allocation. `-`: the operation has no such
target (it acts on the caller, on the holder of a token, or lists what the caller may see).

A new served operation fails `test_the_table_covers_every_served_operation` until it has rows
here and a probe.
"""

from __future__ import annotations

from tests.security.authorisation_world import BY_NAME, CALLERS, CDSP, NETWORK, SHIPPER

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
