"""A contact as the read side would show it, for unit tests that have the aggregate in hand."""

from __future__ import annotations

from cms.core.contacts.model import MncContact
from cms.core.contacts.queries import ContactView


def view_of(contact: MncContact) -> ContactView:
    """The view the summaries projection would hold of this contact now."""
    return ContactView(
        crn=str(contact.crn),
        status=contact.status,
        raised_at=contact.raised_at,
        raised_by_id=contact.raised_by,
        shipper_organisation_id=contact.shipper_organisation_id,
        network=contact.site.network,
        address=contact.site.address,
        manual_address=contact.site.manual,
        ldz=contact.site.ldz.value,
        request=contact.request,
        mprn=str(contact.mprn) if contact.mprn else None,
        assignee_id=contact.assignee_id,
        due_by=contact.due_by,
        planned_visit=contact.planned_visit,
        rejection_reason=contact.rejection_reason,
        allocated_network=contact.allocated_network,
    )
