"""The shipped list of common passwords, and the lookup that refuses them."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from cms.adapters.security.common_passwords import DEFAULT_PATH, FileCommonPasswords

MAX_FILE_BYTES = 1_000_000


@pytest.fixture(scope="module")
def common() -> FileCommonPasswords:
    return FileCommonPasswords()


def test_the_shipped_list_holds_at_least_ten_thousand_passwords(
    common: FileCommonPasswords,
) -> None:
    assert len(common) >= 10_000


def test_the_shipped_file_names_its_source_and_stays_small() -> None:
    data = DEFAULT_PATH.read_bytes()
    assert len(data) < MAX_FILE_BYTES
    lines = data.decode("utf-8").splitlines()
    assert lines[0].startswith("# source: zxcvbn ")
    assert "MIT" in lines[0]
    entries = [line for line in lines if not line.startswith("#")]
    assert entries[:2] == ["123456", "password"]  # most common first
    assert len(entries) == len(set(entries))
    assert all(entry == entry.lower() and entry == entry.strip() and entry for entry in entries)


@pytest.mark.parametrize("password", ["password", "123456", "qwerty", "iloveyou"])
def test_the_most_common_passwords_are_refused(common: FileCommonPasswords, password: str) -> None:
    assert common.is_common(password)


@pytest.mark.parametrize("password", ["PASSWORD", "Password", "QwErTy", "ILoveYou", " iloveyou\t"])
def test_case_and_surrounding_whitespace_do_not_matter(
    common: FileCommonPasswords, password: str
) -> None:
    assert common.is_common(password)


def test_a_long_random_passphrase_is_not_common(common: FileCommonPasswords) -> None:
    assert not common.is_common("correct horse battery staple " + secrets.token_urlsafe(16))
    assert not common.is_common("")


def test_another_file_can_be_given_and_is_read_once_lazily(tmp_path: Path) -> None:
    path = tmp_path / "passwords.txt"
    path.write_text("# a comment\n\nHunter2\nletmein\n", encoding="utf-8")
    passwords = FileCommonPasswords(path)
    path.write_text("changed\n", encoding="utf-8")  # not yet read: the change is seen
    assert passwords.is_common("CHANGED")
    path.unlink()  # read once: the file is no longer needed
    assert passwords.is_common("changed")
    assert not passwords.is_common("# a comment")
    assert len(passwords) == 1
    assert FileCommonPasswords(str(tmp_path / "missing.txt")) is not None  # lazy: no error yet
