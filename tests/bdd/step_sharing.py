"""Bringing step definitions from other modules into a test module, without `import *`.

pytest-bdd makes each `@given`/`@when`/`@then` function a fixture of the module that defines
it, under a name it generates from the step's text (`pytestbdd_stepdef_<type>_<text>`), and a
scenario finds its steps among the fixtures its test module can see. Those names cannot be
written in an import, so a test module imports the step modules it uses and hands them to
`use_steps`, which puts their step fixtures, and nothing else, into its namespace.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from pytest_bdd.steps import StepNamePrefix

_STEP_FIXTURE = f"{StepNamePrefix.step_def.value}_"


def use_steps(namespace: dict[str, Any], *modules: ModuleType) -> None:
    """Let the steps defined in `modules` serve the scenarios of the module whose globals are
    `namespace`. Two modules may not define the same step: neither would silently win."""
    for module in modules:
        steps = {
            name: value for name, value in vars(module).items() if name.startswith(_STEP_FIXTURE)
        }
        if not steps:
            raise ValueError(f"{module.__name__} defines no steps")
        for name, value in steps.items():
            if namespace.get(name, value) is not value:
                raise ValueError(f"{module.__name__} defines a step another module defines: {name}")
            namespace[name] = value
