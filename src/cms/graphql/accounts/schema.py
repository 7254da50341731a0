"""The accounts' root fields: signing in (signing_in.py) and administration
(administration.py), in the order the schema has always listed them."""

from __future__ import annotations

import strawberry

from cms.graphql.accounts.administration import AdministrationMutation, AdministrationQuery
from cms.graphql.accounts.signing_in import SigningInMutation, SigningInQuery


@strawberry.type
class AccountsQuery(SigningInQuery, AdministrationQuery):
    pass


@strawberry.type
class AccountsMutation(SigningInMutation, AdministrationMutation):
    pass
