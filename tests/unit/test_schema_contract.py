"""The served GraphQL schema keeps the API contract, and matches its committed snapshot.

The contract (docs/api/contract.graphql) is what clients and the acceptance tests rely on. The
server may extend it (new types, fields, optional arguments, union members) but nothing in it
may be renamed, dropped or retyped. The snapshot (src/cms/graphql/schema.graphql) is the whole
served schema, so that a change to it shows up in review.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import graphql
import pytest
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)

from cms.graphql.schema import build_schema

# What this issue implements: each name is a whole contract type, or "Type.field" for one field.
IMPLEMENTED = [
    # scalars
    "DateTime", "Date",
    # types
    "Organisation", "User", "SignedIn", "MfaRequired", "MfaEnrolmentRequired", "SignInFailed",
    "MfaFailed", "Nomination",
    "Address", "Contact", "ContactEvent", "PageInfo", "ContactEdge", "ContactConnection",
    "Rejection", "ContactLogged", "ContactRejected", "NotPermitted", "NotFound", "InvalidInput",
    "InvalidTransition", "Notification", "NotificationEdge", "NotificationConnection",
    "ContactStatusChange", "AddressMatch",
    # inputs
    "SignInInput", "VerifyMfaInput", "EnrolMfaInput", "NominateUserInput",
    "ContactFilter", "ManualAddressInput", "RaiseMncContactInput",
    # enums
    "OrganisationKind", "Role", "AccountStatus", "MfaChannel", "ContactType", "ContactStatus",
    "MarketSector", "MncReason", "QueueScope",
    # unions
    "SignInResult", "EnrolMfaResult", "VerifyMfaResult", "NominateUserResult",
    "AccountChangeResult", "RaiseMncContactResult", "ContactActionResult",
    # operations: queries
    "Query.me", "Query.addressSearch", "Query.contact", "Query.contacts", "Query.workQueue",
    "Query.address",
    "Query.users", "Query.nominations", "Query.notifications", "Query.unreadNotificationCount",
    # operations: mutations
    "Mutation.signIn", "Mutation.enrolMfa", "Mutation.verifyMfa", "Mutation.signOut",
    "Mutation.raiseMncContact", "Mutation.pickUpContact", "Mutation.assignContact",
    "Mutation.askShipper", "Mutation.answerQuestion", "Mutation.allocateToNetwork",
    "Mutation.bookSiteVisit", "Mutation.acceptContact", "Mutation.rejectContact",
    "Mutation.withdrawContact",
    "Mutation.nominateUser", "Mutation.approveNomination", "Mutation.acceptInvitation",
    "Mutation.disableUser", "Mutation.enableUser",
    "Mutation.markNotificationRead", "Mutation.markAllNotificationsRead",
    # operations: subscriptions
    "Subscription.contactStatusChanged", "Subscription.notificationAdded",
]  # fmt: skip

REPOSITORY = Path(__file__).resolve().parents[2]
CONTRACT_SDL = REPOSITORY / "docs" / "api" / "contract.graphql"
SNAPSHOT_SDL = REPOSITORY / "src" / "cms" / "graphql" / "schema.graphql"

# Mismatches found when this test was written (src/ is not this test's to fix).
KNOWN_MISMATCHES: dict[str, str] = {}  # name -> why, for a mismatch not yet mended


# ---------------------------------------------------------------- the checker


def type_string(value: GraphQLField | GraphQLArgument | GraphQLInputField) -> str:
    return str(value.type)


def default_literal(value: GraphQLArgument | GraphQLInputField) -> str:
    """The default as written in SDL; no default and ``= null`` read alike to a client."""
    node = value.ast_node.default_value if value.ast_node is not None else None
    return "null" if node is None else graphql.print_ast(node)


def is_optional(value: GraphQLArgument | GraphQLInputField) -> bool:
    node = value.ast_node.default_value if value.ast_node is not None else None
    return not isinstance(value.type, GraphQLNonNull) or node is not None


def _compare_inputs(
    where: str,
    kind: str,
    expected: dict[str, GraphQLArgument] | dict[str, GraphQLInputField],
    actual: dict[str, GraphQLArgument] | dict[str, GraphQLInputField],
) -> list[str]:
    problems = []
    for name, want in expected.items():
        have = actual.get(name)
        if have is None:
            problems.append(f"{where}: {kind} {name} is missing")
            continue
        if type_string(have) != type_string(want):
            problems.append(
                f"{where}: {kind} {name} is {type_string(have)}, the contract says "
                f"{type_string(want)}"
            )
        if default_literal(have) != default_literal(want):
            problems.append(
                f"{where}: {kind} {name} defaults to {default_literal(have)}, the contract says "
                f"{default_literal(want)}"
            )
    for name, have in actual.items():
        if name not in expected and not is_optional(have):
            problems.append(
                f"{where}: added {kind} {name} is required ({type_string(have)}); an added "
                f"{kind} must be optional"
            )
    return problems


def _compare_field(where: str, want: GraphQLField, have: GraphQLField | None) -> list[str]:
    if have is None:
        return [f"{where} is missing"]
    problems = []
    if type_string(have) != type_string(want):
        problems.append(f"{where} is {type_string(have)}, the contract says {type_string(want)}")
    problems += _compare_inputs(where, "argument", want.args, have.args)
    return problems


def contract_mismatches(
    contract: GraphQLSchema, served: GraphQLSchema, implemented: Iterable[str]
) -> list[str]:
    """Every way the served schema departs from the contract for the names given."""
    problems: list[str] = []
    for name in implemented:
        type_name, _, field_name = name.partition(".")
        want = contract.get_type(type_name)
        if want is None:
            problems.append(f"{type_name} is not in the contract")
            continue
        have = served.get_type(type_name)
        if have is None:
            problems.append(f"{type_name} is missing from the served schema")
            continue
        if type(have) is not type(want):
            problems.append(
                f"{type_name} is served as {type(have).__name__}, the contract has "
                f"{type(want).__name__}"
            )
            continue
        if field_name:
            assert isinstance(want, GraphQLObjectType | GraphQLInterfaceType)
            assert isinstance(have, GraphQLObjectType | GraphQLInterfaceType)
            if field_name not in want.fields:
                problems.append(f"{name} is not in the contract")
            else:
                problems += _compare_field(
                    name, want.fields[field_name], have.fields.get(field_name)
                )
        elif isinstance(want, GraphQLObjectType | GraphQLInterfaceType):
            assert isinstance(have, GraphQLObjectType | GraphQLInterfaceType)
            for field, definition in want.fields.items():
                problems += _compare_field(
                    f"{type_name}.{field}", definition, have.fields.get(field)
                )
        elif isinstance(want, GraphQLInputObjectType):
            assert isinstance(have, GraphQLInputObjectType)
            problems += _compare_inputs(type_name, "input field", want.fields, have.fields)
        elif isinstance(want, GraphQLEnumType):
            assert isinstance(have, GraphQLEnumType)
            for value in want.values:
                if value not in have.values:
                    problems.append(f"{type_name} lacks the value {value}")
        elif isinstance(want, GraphQLUnionType):
            assert isinstance(have, GraphQLUnionType)
            served_members = {member.name for member in have.types}
            for member in want.types:
                if member.name not in served_members:
                    problems.append(f"{type_name} lacks the member {member.name}")
    return problems


# ---------------------------------------------------------------- the served schema


@pytest.fixture(scope="module")
def contract() -> GraphQLSchema:
    return graphql.build_schema(CONTRACT_SDL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def served() -> GraphQLSchema:
    return graphql.build_schema(build_schema().as_str())


def test_the_served_schema_is_the_committed_snapshot() -> None:
    served = build_schema().as_str() + "\n"
    assert served == SNAPSHOT_SDL.read_text(encoding="utf-8"), (
        "The served schema differs from src/cms/graphql/schema.graphql. If the change is meant, "
        "regenerate the snapshot with `cms schema > src/cms/graphql/schema.graphql` and commit it."
    )


def test_every_implemented_name_is_in_the_contract(contract: GraphQLSchema) -> None:
    assert [p for p in contract_mismatches(contract, contract, IMPLEMENTED)] == []
    assert len(IMPLEMENTED) == len(set(IMPLEMENTED))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISMATCHES[name]))
        if name in KNOWN_MISMATCHES
        else name
        for name in IMPLEMENTED
    ],
)
def test_the_served_schema_keeps_the_contract(
    contract: GraphQLSchema, served: GraphQLSchema, name: str
) -> None:
    problems = contract_mismatches(contract, served, [name])
    assert problems == [], "\n".join(problems)


def contract_names(contract: GraphQLSchema) -> set[str]:
    """Every name of the contract: its own types, and each field of its root types."""
    names: set[str] = set()
    for type_name, defined in contract.type_map.items():
        if type_name.startswith("__") or type_name in graphql.specified_scalar_types:
            continue
        if defined in (contract.query_type, contract.mutation_type, contract.subscription_type):
            assert isinstance(defined, GraphQLObjectType)
            names |= {f"{type_name}.{field}" for field in defined.fields}
        else:
            names.add(type_name)
    return names


def is_served(served: GraphQLSchema, name: str) -> bool:
    type_name, _, field_name = name.partition(".")
    have = served.get_type(type_name)
    if have is None or not field_name:
        return have is not None
    return isinstance(have, GraphQLObjectType) and field_name in have.fields


def test_every_served_name_of_the_contract_is_checked(
    contract: GraphQLSchema, served: GraphQLSchema
) -> None:
    """A contract name the server starts serving joins IMPLEMENTED, so it is held to the
    contract; and IMPLEMENTED names nothing the server does not serve."""
    names = contract_names(contract)
    unlisted = sorted(name for name in names - set(IMPLEMENTED) if is_served(served, name))
    assert unlisted == [], f"served, not in IMPLEMENTED: {unlisted}"
    unserved = sorted(name for name in IMPLEMENTED if not is_served(served, name))
    assert unserved == [], f"in IMPLEMENTED, not served: {unserved}"


def test_the_rest_of_the_contract_holds_all_at_once(
    contract: GraphQLSchema, served: GraphQLSchema
) -> None:
    names = [name for name in IMPLEMENTED if name not in KNOWN_MISMATCHES]
    problems = contract_mismatches(contract, served, names)
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- the checker can fail


def doctored(*edits: tuple[str, str]) -> GraphQLSchema:
    sdl = CONTRACT_SDL.read_text(encoding="utf-8")
    for old, new in edits:
        assert sdl.count(old) == 1, f"cannot doctor: {old!r} occurs {sdl.count(old)} times"
        sdl = sdl.replace(old, new)
    return graphql.build_schema(sdl)


def test_the_checker_reports_every_mismatch_at_once(contract: GraphQLSchema) -> None:
    served = doctored(
        (
            "  roles: [Role!]!\n  status: AccountStatus!",
            "  roles: [Role!]\n  status: AccountStatus!",
        ),
        ("contact(crn: String!): Contact ", "contact(crn: ID!): Contact "),
        (
            "contacts(filter: ContactFilter, first: Int = 25,",
            "contacts(filter: ContactFilter, first: Int = 10,",
        ),
        (
            "enum MncReason { NEW_SERVICE SERVICE_RELAID GAS_IN_USE_NO_MPRN }",
            "enum MncReason { NEW_SERVICE SERVICE_RELAID }",
        ),
        (
            "union RaiseMncContactResult = ContactLogged | ContactRejected",
            "union RaiseMncContactResult = ContactLogged",
        ),
        (
            "input SignInInput { email: String!, password: String! }",
            "input SignInInput { email: String!, passcode: String! }",
        ),
        (
            "type PageInfo { hasNextPage: Boolean!, endCursor: String }",
            "type PageInfo { hasNextPage: Boolean! }",
        ),
        ("type Rejection {", "input Rejection {"),
    )
    problems = contract_mismatches(contract, served, IMPLEMENTED)
    expected = [
        "User.roles is [Role!], the contract says [Role!]!",
        "Query.contact: argument crn is ID!, the contract says String!",
        "Query.contacts: argument first defaults to 10, the contract says 25",
        "MncReason lacks the value GAS_IN_USE_NO_MPRN",
        "RaiseMncContactResult lacks the member ContactRejected",
        "SignInInput: input field password is missing",
        "SignInInput: added input field passcode is required (String!); an added input field "
        "must be optional",
        "PageInfo.endCursor is missing",
        "Rejection is served as GraphQLInputObjectType, the contract has GraphQLObjectType",
    ]
    assert sorted(problems) == sorted(expected)


def test_the_checker_reports_a_required_argument_added_to_a_field(contract: GraphQLSchema) -> None:
    served = doctored(("  me: User ", "  me(asOf: Date!): User "))
    assert contract_mismatches(contract, served, ["Query.me"]) == [
        "Query.me: added argument asOf is required (Date!); an added argument must be optional"
    ]


def test_the_checker_reports_a_missing_type(contract: GraphQLSchema) -> None:
    served = graphql.build_schema("type Query { me: String }")
    assert contract_mismatches(contract, served, ["NotFound", "Query.me"]) == [
        "NotFound is missing from the served schema",
        "Query.me is String, the contract says User",
    ]


def test_the_checker_allows_what_the_contract_allows_the_server_to_add(
    contract: GraphQLSchema,
) -> None:
    served = doctored(
        ("  mfaChannel: MfaChannel\n}", "  mfaChannel: MfaChannel\n  phone: String\n}"),
        ("contact(crn: String!): Contact ", "contact(crn: String!, asOf: Date): Contact "),
        (
            "union RaiseMncContactResult = ContactLogged | ContactRejected",
            "union RaiseMncContactResult = ContactLogged | ContactRejected | NotPermitted",
        ),
        (
            "input SignInInput { email: String!, password: String! }",
            "input SignInInput { email: String!, password: String!, remember: Boolean! = false }",
        ),
        ("contacts(filter: ContactFilter, first", "contacts(filter: ContactFilter = null, first"),
    )
    assert contract_mismatches(contract, served, IMPLEMENTED) == []
