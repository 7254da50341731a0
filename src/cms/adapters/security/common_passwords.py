"""The most common passwords, refused when a user chooses a password.

The list ships beside this module (``common_passwords.txt``): the 30,000 most common passwords of
zxcvbn's "passwords" frequency list (zxcvbn 4.5.0 from PyPI, MIT licence; the licence text is in
the file's header), lower-cased, de-duplicated, most common first, one per line.
"""

from __future__ import annotations

import threading
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

DEFAULT_PATH: Traversable = files(__package__ or "cms.adapters.security").joinpath(
    "common_passwords.txt"
)


def _normalise(password: str) -> str:
    return password.strip().lower()


class FileCommonPasswords:
    """Answers whether a password is on the shipped list (or another file of the same format).

    The file is read once, on first use, into a frozenset: lines starting with ``#`` and blank
    lines are skipped. Comparison ignores case and surrounding whitespace.
    """

    def __init__(self, path: Path | str | Traversable | None = None) -> None:
        if path is None:
            path = DEFAULT_PATH
        self._path: Traversable = Path(path) if isinstance(path, str) else path
        self._passwords: frozenset[str] | None = None
        self._lock = threading.Lock()

    def is_common(self, password: str) -> bool:
        return _normalise(password) in self._load()

    def __len__(self) -> int:
        return len(self._load())

    def _load(self) -> frozenset[str]:
        passwords = self._passwords
        if passwords is None:
            with self._lock:
                if self._passwords is None:
                    text = self._path.read_text(encoding="utf-8")
                    self._passwords = frozenset(
                        _normalise(line)
                        for line in text.splitlines()
                        if line.strip() and not line.startswith("#")
                    )
                passwords = self._passwords
        return passwords
