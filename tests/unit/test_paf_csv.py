"""The CSV PAF reader: good rows, every kind of fault with its line, quoting, headers, BOM."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from cms.adapters.paf.csv_format import (
    COLUMNS,
    PafRow,
    PafRowError,
    open_text,
    read_paf,
)

HEADER_LINE = ",".join(COLUMNS)


def fields(**overrides: str) -> list[str]:
    """A good 16-column row; keyword arguments replace columns by snake_case name."""
    row = {
        "postcode": "LS6 2AB",
        "post_town": "LEEDS",
        "dependent_locality": "Headingley",
        "double_dependent_locality": "",
        "thoroughfare": "Church Road",
        "dependent_thoroughfare": "",
        "building_number": "12",
        "building_name": "",
        "sub_building_name": "",
        "po_box": "",
        "department_name": "",
        "organisation_name": "",
        "udprn": "23456789",
        "postcode_type": "S",
        "su_organisation_indicator": "",
        "delivery_point_suffix": "1A",
    }
    unknown = set(overrides) - set(row)
    assert not unknown, unknown
    row.update(overrides)
    return list(row.values())


def csv_lines(*rows: list[str]) -> list[str]:
    """The rows written by the csv module, split into physical lines as a file gives them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return io.StringIO(buffer.getvalue(), newline="").readlines()


def read_all(lines: list[str]) -> list[PafRow | PafRowError]:
    return list(read_paf(lines))


def only_row(lines: list[str]) -> PafRow:
    [result] = read_all(lines)
    assert isinstance(result, PafRow), result
    return result


def only_error(lines: list[str]) -> PafRowError:
    [result] = read_all(lines)
    assert isinstance(result, PafRowError), result
    return result


def test_a_good_row_is_read_with_every_field() -> None:
    row = only_row(
        csv_lines(
            [
                "LS6 2AB",
                "LEEDS",
                "Headingley",
                "Far Headingley",
                "Church Road",
                "Oak Mews",
                "12",
                "Holly House",
                "Flat 3",
                "",
                "Accounts",
                "Acme Engineering Ltd",
                "23456789",
                "S",
                "Y",
                "1A",
            ]
        )
    )
    assert row == PafRow(
        postcode="LS6 2AB",
        post_town="LEEDS",
        dependent_locality="Headingley",
        double_dependent_locality="Far Headingley",
        thoroughfare="Church Road",
        dependent_thoroughfare="Oak Mews",
        building_number="12",
        building_name="Holly House",
        sub_building_name="Flat 3",
        po_box=None,
        department_name="Accounts",
        organisation_name="Acme Engineering Ltd",
        udprn="23456789",
        postcode_type="S",
        su_organisation_indicator="Y",
        delivery_point_suffix="1A",
    )
    assert row.postcode_compact == "LS62AB"
    assert row.thoroughfare_and_descriptor == "Church Road"
    assert row.dependent_thoroughfare_and_descriptor == "Oak Mews"


def test_empty_optional_fields_are_none() -> None:
    row = only_row(
        csv_lines(
            fields(
                dependent_locality="",
                thoroughfare="",
                building_number="",
                building_name="The Old Rectory",
                delivery_point_suffix="",
            )
        )
    )
    assert row.dependent_locality is None
    assert row.double_dependent_locality is None
    assert row.thoroughfare is None
    assert row.building_number is None
    assert row.building_name == "The Old Rectory"
    assert row.sub_building_name is None
    assert row.po_box is None
    assert row.organisation_name is None
    assert row.su_organisation_indicator is None
    assert row.delivery_point_suffix is None


def test_the_postcode_is_normalised_and_whitespace_stripped() -> None:
    row = only_row(
        csv_lines(
            fields(
                postcode=" ls62ab ",
                post_town="  LEEDS ",
                thoroughfare=" Church Road  ",
                postcode_type="s",
            )
        )
    )
    assert row.postcode == "LS6 2AB"
    assert row.postcode_compact == "LS62AB"
    assert row.post_town == "LEEDS"
    assert row.thoroughfare == "Church Road"
    assert row.postcode_type == "S"


@pytest.mark.parametrize(
    ("given", "expected"), [("1", "00000001"), ("123", "00000123"), ("12345678", "12345678")]
)
def test_short_udprns_are_zero_padded_to_eight_digits(given: str, expected: str) -> None:
    assert only_row(csv_lines(fields(udprn=given))).udprn == expected


def test_a_quoted_field_may_hold_commas() -> None:
    lines = csv_lines(fields(organisation_name="Smith, Jones & Co", building_name="1, The Row"))
    assert lines[0].count('"') == 4
    row = only_row(lines)
    assert row.organisation_name == "Smith, Jones & Co"
    assert row.building_name == "1, The Row"


def test_a_header_line_is_skipped() -> None:
    results = read_all([HEADER_LINE + "\r\n", *csv_lines(fields())])
    assert len(results) == 1
    assert isinstance(results[0], PafRow)


def test_a_lower_case_header_is_skipped_too() -> None:
    results = read_all([HEADER_LINE.lower() + "\n", *csv_lines(fields())])
    assert [type(r) for r in results] == [PafRow]


def test_a_first_row_that_is_data_is_not_taken_for_a_header() -> None:
    results = read_all(csv_lines(fields(udprn="1"), fields(udprn="2")))
    assert [r.udprn for r in results if isinstance(r, PafRow)] == ["00000001", "00000002"]


def test_a_byte_order_mark_is_dropped_before_a_header() -> None:
    results = read_all(["\ufeff" + HEADER_LINE + "\r\n", *csv_lines(fields())])
    assert [type(r) for r in results] == [PafRow]


def test_a_byte_order_mark_is_dropped_before_data() -> None:
    lines = csv_lines(fields(postcode="LS6 2AB"))
    row = only_row(["\ufeff" + lines[0]])
    assert row.postcode == "LS6 2AB"


def test_open_text_reads_a_file_with_a_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "paf.csv"
    content = "".join([HEADER_LINE + "\r\n", *csv_lines(fields(udprn="7"), fields(udprn="8"))])
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    with open_text(path) as handle:
        results = list(read_paf(handle))
    assert [r.udprn for r in results if isinstance(r, PafRow)] == ["00000007", "00000008"]


def test_every_fault_is_reported_on_its_own_line_and_good_rows_are_still_read() -> None:
    too_long_organisation = "O" * 61
    lines = [
        HEADER_LINE + "\r\n",  # 1
        *csv_lines(fields(udprn="1")),  # 2
        ",".join(fields(udprn="2")[:15]) + "\r\n",  # 3: 15 columns
        *csv_lines(fields(udprn="ABC")),  # 4
        *csv_lines(fields(udprn="3", postcode="QQ1 1AA")),  # 5
        *csv_lines(fields(udprn="4", building_number="12A")),  # 6
        *csv_lines(fields(udprn="5", post_town="")),  # 7
        *csv_lines(fields(udprn="6", postcode_type="X")),  # 8
        *csv_lines(fields(udprn="7", organisation_name=too_long_organisation)),  # 9
        *csv_lines(fields(udprn="8")),  # 10
        "\r\n",  # 11: blank
        *csv_lines(fields(udprn="9")),  # 12
        *csv_lines(fields(udprn="123456789")),  # 13: nine digits
        *csv_lines(fields(udprn="10", building_number="12345")),  # 14
        *csv_lines(fields(udprn="11", postcode_type="")),  # 15
        *csv_lines(fields(udprn="12", postcode="")),  # 16
        *csv_lines(fields(udprn="")),  # 17
    ]
    results = read_all(lines)
    good = [r.udprn for r in results if isinstance(r, PafRow)]
    errors = {r.line_number: r.message for r in results if isinstance(r, PafRowError)}
    assert good == ["00000001", "00000008", "00000009"]
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17]
    assert errors[3].startswith("line 3: expected 16 columns, found 15")
    assert errors[4].startswith("line 4: UDPRN 'ABC' is not a number of up to 8 digits")
    assert errors[5].startswith("line 5: postcode 'QQ1 1AA' is not a valid UK postcode")
    assert errors[6].startswith("line 6: building number '12A' is not a number of 1 to 4 digits")
    assert "building name" in errors[6]  # how to fix it
    assert errors[7] == "line 7: the post town is missing; every PAF row has a post town"
    assert errors[8].startswith("line 8: postcode type 'X' is not S or L")
    assert errors[9] == (
        "line 9: the organisation name is 61 characters long; PAF allows at most 60"
    )
    assert errors[13].startswith("line 13: UDPRN '123456789' is not a number of up to 8 digits")
    assert errors[14].startswith("line 14: building number '12345' is not a number of 1 to 4")
    assert errors[15].startswith("line 15: the postcode type is missing; it must be S")
    assert errors[16].startswith("line 16: the postcode is missing")
    assert errors[17].startswith("line 17: the UDPRN is missing")


def test_several_faults_in_one_row_are_reported_together() -> None:
    error = only_error(csv_lines(fields(udprn="X1", postcode="nonsense", post_town="")))
    assert error.line_number == 1
    assert error.message.startswith("line 1: ")
    assert "postcode 'nonsense' is not a valid UK postcode" in error.message
    assert "the post town is missing" in error.message
    assert "UDPRN 'X1' is not a number of up to 8 digits" in error.message


def test_too_many_columns_are_reported() -> None:
    error = only_error([",".join([*fields(), "extra"]) + "\n"])
    assert error.message.startswith("line 1: expected 16 columns, found 17")


@pytest.mark.parametrize(
    ("column", "name", "maximum"),
    [
        ("post_town", "post town", 30),
        ("dependent_locality", "dependent locality", 35),
        ("double_dependent_locality", "double dependent locality", 35),
        ("thoroughfare", "thoroughfare", 80),
        ("dependent_thoroughfare", "dependent thoroughfare", 80),
        ("building_name", "building name", 50),
        ("sub_building_name", "sub-building name", 30),
        ("po_box", "PO box", 6),
        ("department_name", "department name", 60),
        ("organisation_name", "organisation name", 60),
    ],
)
def test_maximum_lengths(column: str, name: str, maximum: int) -> None:
    at_most = only_row(csv_lines(fields(**{column: "A" * maximum})))
    assert getattr(at_most, column) == "A" * maximum
    error = only_error(csv_lines(fields(**{column: "A" * (maximum + 1)})))
    assert error.message == (
        f"line 1: the {name} is {maximum + 1} characters long; PAF allows at most {maximum}"
    )


@pytest.mark.parametrize("number", ["1", "12", "999", "9999"])
def test_building_numbers_of_one_to_four_digits_are_accepted(number: str) -> None:
    assert only_row(csv_lines(fields(building_number=number))).building_number == number


def test_large_user_rows_with_a_po_box_are_read() -> None:
    row = only_row(
        csv_lines(
            fields(
                building_number="",
                thoroughfare="",
                po_box="12345",
                organisation_name="Acme Bank plc",
                postcode_type="L",
            )
        )
    )
    assert row.po_box == "12345"
    assert row.postcode_type == "L"


def test_the_su_organisation_indicator_is_y_or_empty() -> None:
    error = only_error(csv_lines(fields(su_organisation_indicator="N")))
    assert error.message.startswith("line 1: SU organisation indicator 'N' must be Y or empty")


def test_line_numbers_count_the_lines_inside_quoted_fields() -> None:
    lines = [
        *csv_lines(fields(udprn="1", building_name="Holly\nHouse")),  # lines 1 and 2
        *csv_lines(fields(udprn="BAD")),  # line 3
        *csv_lines(fields(udprn="2")),  # line 4
    ]
    assert len(lines) == 4
    results = read_all(lines)
    assert isinstance(results[0], PafRow)
    assert isinstance(results[1], PafRowError)
    assert results[1].line_number == 3
    assert isinstance(results[2], PafRow)


def test_an_unreadable_record_is_reported_and_reading_goes_on() -> None:
    huge = "A" * (csv.field_size_limit() + 10)
    lines = [*csv_lines(fields(udprn="1")), f'"{huge}"\n', *csv_lines(fields(udprn="2"))]
    results = read_all(lines)
    assert isinstance(results[0], PafRow)
    assert isinstance(results[1], PafRowError)
    assert results[1].line_number == 2
    assert "cannot be read" in results[1].message
    assert isinstance(results[-1], PafRow)
    assert results[-1].udprn == "00000002"


def test_reading_streams_without_taking_the_whole_input() -> None:
    def endless() -> Iterator[str]:
        for n in itertools.count(1):
            yield from csv_lines(fields(udprn=str(n)))

    first = list(itertools.islice(read_paf(endless()), 3))
    assert [r.udprn for r in first if isinstance(r, PafRow)] == [
        "00000001",
        "00000002",
        "00000003",
    ]


def test_an_empty_input_gives_nothing() -> None:
    assert read_all([]) == []
    assert read_all([HEADER_LINE + "\n"]) == []
