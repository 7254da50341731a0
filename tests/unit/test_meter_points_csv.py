"""The UK Link meter points CSV reader (mprn,udprn)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from cms.adapters.uklink.meter_points_csv import (
    MeterPointRow,
    MeterPointRowError,
    read_meter_points,
)
from cms.core.contacts.identifiers import Mprn

GOOD = str(Mprn.from_body("1234567"))
OTHER = str(Mprn.from_body("7654321"))


def read_all(lines: list[str]) -> list[MeterPointRow | MeterPointRowError]:
    return list(read_meter_points(lines))


def test_good_rows_are_read_and_udprns_zero_padded() -> None:
    results = read_all([f"{GOOD},12345678\n", f"{OTHER},42\n"])
    assert results == [
        MeterPointRow(Mprn(GOOD), "12345678"),
        MeterPointRow(Mprn(OTHER), "00000042"),
    ]


def test_a_header_is_skipped_in_any_case_and_with_a_bom() -> None:
    for header in ("mprn,udprn\n", "MPRN,UDPRN\r\n", "\ufeffmprn,udprn\n", " mprn , udprn \n"):
        results = read_all([header, f"{GOOD},1\n"])
        assert results == [MeterPointRow(Mprn(GOOD), "00000001")], header


def test_a_bom_before_data_is_dropped() -> None:
    assert read_all([f"\ufeff{GOOD},1\n"]) == [MeterPointRow(Mprn(GOOD), "00000001")]


def test_whitespace_and_blank_lines_are_ignored() -> None:
    results = read_all(["\n", f" {GOOD} , 7 \n", "\n"])
    assert results == [MeterPointRow(Mprn(GOOD), "00000007")]


def test_every_fault_has_its_line_and_good_rows_are_still_read() -> None:
    bad_check = GOOD[:-1] + str((int(GOOD[-1]) + 1) % 10)
    lines = [
        "mprn,udprn\n",  # 1
        f"{GOOD},1\n",  # 2
        f"{bad_check},2\n",  # 3: check digits wrong
        "12AB56,3\n",  # 4: not digits
        f"{GOOD},ABC\n",  # 5: bad UDPRN
        f"{GOOD}\n",  # 6: one column
        f"{GOOD},4,extra\n",  # 7: three columns
        "\n",  # 8: blank
        f"{OTHER},123456789\n",  # 9: nine digits
        ",5\n",  # 10: no MPRN
        "xyz,\n",  # 11: both wrong
        f"{OTHER},6\n",  # 12
    ]
    results = read_all(lines)
    good = [(str(r.mprn), r.udprn) for r in results if isinstance(r, MeterPointRow)]
    errors = {r.line_number: r.message for r in results if isinstance(r, MeterPointRowError)}
    assert good == [(GOOD, "00000001"), (OTHER, "00000006")]
    assert sorted(errors) == [3, 4, 5, 6, 7, 9, 10, 11]
    assert errors[3].startswith(f"line 3: MPRN '{bad_check}' is not a valid MPRN")
    assert "check digits" in errors[3]
    assert errors[4].startswith("line 4: MPRN '12AB56' is not an MPRN")
    assert errors[5] == "line 5: UDPRN 'ABC' is not a number of up to 8 digits"
    assert errors[6] == "line 6: expected 2 columns (mprn,udprn), found 1"
    assert errors[7] == "line 7: expected 2 columns (mprn,udprn), found 3"
    assert errors[9] == "line 9: UDPRN '123456789' is not a number of up to 8 digits"
    assert errors[10] == "line 10: the MPRN is missing"
    assert errors[11].startswith("line 11: MPRN 'xyz' is not an MPRN")
    assert "the UDPRN is missing" in errors[11]


def test_a_wrong_length_mprn_is_refused() -> None:
    [error] = read_all(["12345,1\n"])
    assert isinstance(error, MeterPointRowError)
    assert error.message.startswith("line 1: MPRN '12345' has 5 digits")


def test_reading_streams() -> None:
    def endless() -> Iterator[str]:
        yield "mprn,udprn\n"
        for n in itertools.count(1000):
            yield f"{Mprn.from_body(str(n))},{n}\n"

    first = list(itertools.islice(read_meter_points(endless()), 2))
    assert first == [
        MeterPointRow(Mprn.from_body("1000"), "00001000"),
        MeterPointRow(Mprn.from_body("1001"), "00001001"),
    ]


def test_empty_input() -> None:
    assert read_all([]) == []
    assert read_all(["mprn,udprn\n"]) == []
