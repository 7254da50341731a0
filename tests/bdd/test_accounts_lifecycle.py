"""The life of an account: the scenarios in features/accounts/account_lifecycle.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts import administration_steps, nomination_steps, shared_steps
from tests.bdd.accounts.story import accounts  # noqa: F401  (the fixture the steps share)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, nomination_steps, administration_steps)

scenarios("accounts/account_lifecycle.feature")
