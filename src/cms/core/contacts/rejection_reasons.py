"""The controlled list of reasons a contact is rejected (decision: held here, in one place)."""

from __future__ import annotations

from types import MappingProxyType

from cms.core.shared.rejections import Rejected, Rejection

REJECTION_REASONS = MappingProxyType(
    {
        "ADDRESS_NOT_FOUND": "The site could not be found at the address given.",
        "MPRN_ALREADY_EXISTS": "The site already has a meter point in UK Link.",
        "NOT_A_NEW_SERVICE": "A meter exchange or alteration: the existing MPRN is kept.",
        "NO_GAS_SERVICE": "There is no gas service to the site yet.",
        "DUPLICATE_CONTACT": "Another contact already covers this site.",
        "INSUFFICIENT_INFORMATION": "The contact lacks information needed to go on.",
        "SITE_VISIT_FAILED": "The site visit could not confirm the new service.",
        "OTHER": "Another reason, given in the note.",
    }
)


def known_reason(code: str) -> str:
    """The code as the list holds it (trimmed, upper case), or Rejected if it is not there."""
    known = code.strip().upper()
    if known not in REJECTION_REASONS:
        raise Rejected(
            [
                Rejection(
                    "REASON_CODE_UNKNOWN",
                    "reasonCode",
                    f"'{known[:40]}' is not a rejection reason; use one of "
                    + ", ".join(REJECTION_REASONS)
                    + ".",
                )
            ]
        )
    return known
