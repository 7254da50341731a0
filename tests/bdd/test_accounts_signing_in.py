"""Signing in: the scenarios in features/accounts/signing_in.feature."""

from pytest_bdd import scenarios

from tests.bdd.accounts import shared_steps, signing_in_steps, wrong_password_steps
from tests.bdd.accounts.story import accounts  # noqa: F401  (the fixture the steps share)
from tests.bdd.step_sharing import use_steps

use_steps(globals(), shared_steps, signing_in_steps, wrong_password_steps)

scenarios("accounts/signing_in.feature")
