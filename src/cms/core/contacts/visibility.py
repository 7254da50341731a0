"""Who may see which contacts (a security rule: the unseen behave as if absent)."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.model import OrganisationKind, Viewer


@dataclass(frozen=True, slots=True)
class ContactScope:
    """The contacts one caller may see; adapters turn this into a query condition."""

    everything: bool = False
    shipper_organisation_id: str | None = None
    allocated_network: str | None = None

    def admits(self, shipper_organisation_id: str, allocated_network: str | None) -> bool:
        """Whether a contact with these owners lies within the scope."""
        if self.everything:
            return True
        if self.shipper_organisation_id is not None:
            return shipper_organisation_id == self.shipper_organisation_id
        return self.allocated_network is not None and allocated_network == self.allocated_network

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.shipper_organisation_id or self.allocated_network)


def scope_for(viewer: Viewer) -> ContactScope:
    """A Shipper sees its own contacts, a Network those allocated to it, the CDSP all."""
    organisation = viewer.organisation
    if organisation.kind is OrganisationKind.CDSP:
        return ContactScope(everything=True)
    if organisation.kind is OrganisationKind.SHIPPER:
        return ContactScope(shipper_organisation_id=organisation.id)
    if organisation.kind is OrganisationKind.NETWORK:
        return ContactScope(allocated_network=organisation.short_code)
    return ContactScope()
