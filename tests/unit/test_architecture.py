"""The dependency rule of ARCHITECTURE.md, checked on the source with the ast module."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CMS = SRC / "cms"
CORE = CMS / "core"
GRAPHQL = CMS / "graphql"
ADAPTERS = CMS / "adapters"

# Only the composition root, the application and the command line know every part.
KNOW_EVERY_PART = {*(CMS / "container").glob("*.py"), CMS / "app.py", CMS / "cli.py"}
FORBIDDEN_IN_CORE = (
    "sqlalchemy",
    "starlette",
    "strawberry",
    "redis",
    "arq",
    "httpx",
    "cms.adapters",
    "cms.graphql",
)


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = SRC) -> Iterator[tuple[int, str]]:
    """Every module the file imports, anywhere in it (functions and TYPE_CHECKING included).

    Relative imports are resolved against the file's package; ``from a import b`` yields both
    ``a`` and ``a.b`` (b may be a module).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{module}.{alias.name}"


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def outside_stdlib_and_core(path: Path, root: Path = SRC) -> list[str]:
    """The imports of one core file that are neither the standard library nor cms.core."""
    problems = set()
    for line, module in imported_modules(path, root):
        if module.split(".")[0] in sys.stdlib_module_names or is_within(module, "cms.core"):
            continue
        if module == "cms":  # ``from cms import x`` also yields cms.x, which is judged on its own
            continue
        problems.add(f"{path.relative_to(root)}:{line} imports {module}")
    return sorted(problems)


def python_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.py"))


def test_the_core_is_found() -> None:
    files = python_files(CORE)
    assert len(files) > 20
    assert CORE / "contacts" / "raising.py" in files


def test_the_core_imports_only_the_standard_library_and_itself() -> None:
    problems = [p for path in python_files(CORE) for p in outside_stdlib_and_core(path)]
    assert problems == []


@pytest.mark.parametrize("forbidden", FORBIDDEN_IN_CORE)
def test_the_core_never_imports_a_framework_or_an_outer_layer(forbidden: str) -> None:
    found = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for path in python_files(CORE)
        for line, module in imported_modules(path)
        if is_within(module, forbidden)
    ]
    assert found == []


def test_the_graphql_layer_never_imports_the_adapters() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for path in python_files(GRAPHQL)
        for line, module in imported_modules(path)
        if is_within(module, "cms.adapters")
    ]
    assert found == []


def test_the_adapters_never_import_the_graphql_layer() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for path in python_files(ADAPTERS)
        for line, module in imported_modules(path)
        if is_within(module, "cms.graphql")
    ]
    assert found == []


def test_only_container_app_and_cli_import_both_adapters_and_graphql() -> None:
    knowing_both = set()
    for path in python_files(CMS):
        modules = [module for _, module in imported_modules(path)]
        if any(is_within(m, "cms.adapters") for m in modules) and any(
            is_within(m, "cms.graphql") for m in modules
        ):
            knowing_both.add(path)
    assert {str(p.relative_to(SRC)) for p in knowing_both - KNOW_EVERY_PART} == set()


# ---------------------------------------------------------------- the checker can fail


def fake_core(tmp_path: Path, source: str, name: str = "model.py") -> Path:
    package = tmp_path / "cms" / "core" / "contacts"
    package.mkdir(parents=True, exist_ok=True)
    path = package / name
    path.write_text(source, encoding="utf-8")
    return path


def test_the_checker_reports_sqlalchemy_in_the_core(tmp_path: Path) -> None:
    path = fake_core(tmp_path, "from __future__ import annotations\n\nimport sqlalchemy\n")
    assert outside_stdlib_and_core(path, tmp_path) == [
        "cms/core/contacts/model.py:3 imports sqlalchemy"
    ]


@pytest.mark.parametrize(
    ("source", "culprit"),
    [
        ("from sqlalchemy.orm import Session\n", "sqlalchemy.orm"),
        ("from cms.adapters.sql import tables\n", "cms.adapters.sql"),
        ("from cms import graphql\n", "cms.graphql"),
        ("from ...graphql import schema\n", "cms.graphql"),
        ("def f():\n    import httpx\n", "httpx"),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import redis\n", "redis"),
    ],
)
def test_the_checker_finds_every_form_of_import(tmp_path: Path, source: str, culprit: str) -> None:
    path = fake_core(tmp_path, source)
    problems = outside_stdlib_and_core(path, tmp_path)
    assert any(f"imports {culprit}" in problem for problem in problems), problems


@pytest.mark.parametrize(
    "source",
    [
        "import re\nimport unicodedata\nfrom zoneinfo import ZoneInfo\n",
        "from __future__ import annotations\nfrom collections.abc import Callable\n",
        "from cms.core.shared.errors import InvalidValue\nfrom cms.core import shared\n",
        "from . import lifecycle\nfrom ..shared.bus import MessageBus\n",
    ],
)
def test_the_checker_accepts_the_standard_library_and_the_core(tmp_path: Path, source: str) -> None:
    assert outside_stdlib_and_core(fake_core(tmp_path, source), tmp_path) == []
