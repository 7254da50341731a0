"""Setting up organisations: a CDSP account administrator adds a shipper, a network (with the
LDZs it owns) or a supplier."""

from __future__ import annotations

import re
from collections.abc import Callable

from cms.core.accounts.administering import (
    MAX_NAME,
    has_control_characters,
    is_cdsp_admin,
    one_line,
)
from cms.core.accounts.audit import AuditEvent, audit
from cms.core.accounts.commands import CreateOrganisation
from cms.core.accounts.model import Organisation, OrganisationKind
from cms.core.accounts.ports import AccountsUnitOfWork
from cms.core.addresses.ldz import Ldz
from cms.core.shared.clock import Clock
from cms.core.shared.errors import NotPermitted
from cms.core.shared.ids import new_id
from cms.core.shared.rejections import Rejected, Rejection

_SHORT_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
LDZ_NAMES = {ldz.value: ldz.display_name for ldz in Ldz}
LDZ_CODES = frozenset(LDZ_NAMES)


class OrganisationHandlers:
    """createOrganisation."""

    def __init__(self, uow: Callable[[], AccountsUnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def create_organisation(self, command: CreateOrganisation) -> Organisation:
        """A CDSP account administrator sets up an organisation; a network owns its LDZs,
        none of which another network owns already (a zone has one network)."""
        viewer, now = command.viewer, self._clock.now()
        if not is_cdsp_admin(viewer):
            raise NotPermitted("Only a CDSP account administrator can set up organisations.")
        name = one_line(command.name)
        short_code = command.short_code.strip().upper()
        ldzs = tuple(dict.fromkeys(code.strip().upper() for code in command.ldzs))
        problems: list[Rejection] = []
        if not name or len(name) > MAX_NAME or has_control_characters(name):
            problems.append(
                Rejection(
                    "NAME_INVALID",
                    "name",
                    f"Give the organisation's name, up to {MAX_NAME} characters of plain text.",
                )
            )
        if not _SHORT_CODE.match(short_code):
            problems.append(
                Rejection(
                    "SHORT_CODE_INVALID",
                    "shortCode",
                    f"'{command.short_code[:20]}' is not a short code: use 2 to 16 letters or "
                    "digits, such as AGS.",
                )
            )
        if command.kind is OrganisationKind.CDSP:
            problems.append(
                Rejection(
                    "KIND_NOT_ALLOWED",
                    "kind",
                    "There is one CDSP, and it exists already: choose SHIPPER, NETWORK or "
                    "SUPPLIER.",
                )
            )
        unknown = [code for code in ldzs if code not in LDZ_CODES]
        if unknown:
            problems.append(
                Rejection(
                    "LDZ_UNKNOWN",
                    "ldzs",
                    f"{', '.join(code[:4] for code in unknown)} "
                    f"{'is not an LDZ' if len(unknown) == 1 else 'are not LDZs'}; use "
                    f"{', '.join(sorted(LDZ_CODES))}.",
                )
            )
        if command.kind is OrganisationKind.NETWORK and not ldzs:
            problems.append(
                Rejection(
                    "LDZS_REQUIRED",
                    "ldzs",
                    "A network must own at least one LDZ: give the zones its pipes serve.",
                )
            )
        if command.kind is not OrganisationKind.NETWORK and ldzs:
            problems.append(
                Rejection("LDZS_NOT_ALLOWED", "ldzs", "Only a network owns LDZs; give none.")
            )
        async with self._uow() as uow:
            if _SHORT_CODE.match(short_code):
                holder = await uow.organisations.by_short_code(short_code)
                if holder is not None:
                    problems.append(
                        Rejection(
                            "SHORT_CODE_IN_USE",
                            "shortCode",
                            f"The short code {short_code} is already used by {holder.name}; "
                            "choose another.",
                        )
                    )
            owners = await uow.organisations.owners_of_ldzs(c for c in ldzs if c in LDZ_CODES)
            problems += [
                Rejection(
                    "LDZ_OWNED",
                    "ldzs",
                    f"LDZ {code} ({LDZ_NAMES[code]}) already belongs to {owner.name}; a zone "
                    "has one network.",
                )
                for code, owner in sorted(owners.items())
            ]
            if problems:
                raise Rejected(problems)
            organisation = Organisation(
                id=new_id(),
                name=name,
                kind=command.kind,
                short_code=short_code,
                international_mobiles_allowed=command.international_mobiles_allowed,
            )
            await uow.organisations.add(organisation)
            await uow.organisations.give_ldzs(organisation.id, ldzs)
            await audit(
                uow,
                AuditEvent.ORGANISATION_CREATED,
                now,
                viewer.user_id,
                None,
                command.client_address,
                organisation=organisation.id,
                short_code=short_code,
                kind=str(command.kind),
                ldzs=" ".join(ldzs),
            )
            await uow.commit()
        return organisation
