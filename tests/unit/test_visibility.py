"""Who may see which contacts: own organisation, allocated network, everything, or nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cms.core.accounts.model import Organisation, OrganisationKind, Role, Viewer
from cms.core.contacts.visibility import ContactScope, scope_for

ids = st.text(alphabet="abcdef0123456789-", min_size=1, max_size=36)
short_codes = st.sampled_from(["CADENT", "NGN", "SGN", "WWU", "ALPHA", "XOSERVE"])
roles = st.frozensets(st.sampled_from(Role))


def viewer(
    kind: OrganisationKind, organisation_id: str, short_code: str, held: frozenset[Role]
) -> Viewer:
    organisation = Organisation(organisation_id, f"A {kind} organisation", kind, short_code)
    return Viewer("user-1", "Sam Jones", "sam@example.com", organisation, held)


@given(ids, short_codes, roles)
def test_a_shipper_sees_only_its_own_organisations_contacts(
    organisation_id: str, short_code: str, held: frozenset[Role]
) -> None:
    scope = scope_for(viewer(OrganisationKind.SHIPPER, organisation_id, short_code, held))
    assert scope == ContactScope(shipper_organisation_id=organisation_id)
    assert not scope.everything
    assert scope.allocated_network is None
    assert not scope.nothing


@given(ids, short_codes, roles)
def test_a_network_sees_only_contacts_allocated_to_it(
    organisation_id: str, short_code: str, held: frozenset[Role]
) -> None:
    scope = scope_for(viewer(OrganisationKind.NETWORK, organisation_id, short_code, held))
    assert scope == ContactScope(allocated_network=short_code)
    assert scope.shipper_organisation_id is None
    assert not scope.everything
    assert not scope.nothing


@given(ids, short_codes, roles)
def test_the_cdsp_sees_every_contact(
    organisation_id: str, short_code: str, held: frozenset[Role]
) -> None:
    scope = scope_for(viewer(OrganisationKind.CDSP, organisation_id, short_code, held))
    assert scope.everything
    assert not scope.nothing


@given(ids, short_codes, roles)
def test_a_supplier_sees_no_contact(
    organisation_id: str, short_code: str, held: frozenset[Role]
) -> None:
    scope = scope_for(viewer(OrganisationKind.SUPPLIER, organisation_id, short_code, held))
    assert scope.nothing
    assert scope == ContactScope()


def test_every_kind_of_organisation_has_a_decided_scope() -> None:
    seen = {
        kind: scope_for(viewer(kind, "org-1", "CODE", frozenset())) for kind in OrganisationKind
    }
    assert {kind for kind, scope in seen.items() if scope.nothing} == {OrganisationKind.SUPPLIER}
    assert {kind for kind, scope in seen.items() if scope.everything} == {OrganisationKind.CDSP}
