"""The synthetic PAF generator: deterministic, valid for our reader, and realistic enough."""

from __future__ import annotations

import csv
import io
import itertools
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cms.adapters.paf import synthetic
from cms.adapters.paf.csv_format import PafRow, PafRowError, read_paf
from cms.adapters.paf.synthetic import (
    AREA_REGION,
    DISTRICTS,
    HEADER,
    MAX_POSTCODES,
    REGION_AREAS,
    generate_paf,
    main,
    write_paf_csv,
)
from cms.adapters.paf.synthetic.postcodes import PostcodeKind, all_postcodes, kind_of
from cms.core.addresses.postcode import Postcode

ROWS = 20_000
LDZ_REGIONS = {"EA", "EM", "NE", "NO", "NT", "NW", "SC", "SE", "SO", "SW", "WM", "WN", "WS"}
# Royal Mail's exception rule: a building name that is really a number ("12A", "1-3").
EXCEPTION = re.compile(r"^(\d|\d.*\d|\d(.*\d)?[a-z]|[a-z])$", re.IGNORECASE)


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return list(generate_paf(ROWS, seed=2026))


@pytest.fixture(scope="module")
def parsed() -> list[PafRow | PafRowError]:
    buffer = io.StringIO(newline="")
    write_paf_csv(buffer, ROWS, seed=2026)
    return list(read_paf(io.StringIO(buffer.getvalue(), newline="")))


def test_the_same_seed_gives_the_same_rows() -> None:
    assert list(generate_paf(3_000, seed=11)) == list(generate_paf(3_000, seed=11))


def test_another_seed_gives_other_rows() -> None:
    assert list(generate_paf(500, seed=11)) != list(generate_paf(500, seed=12))


def test_exactly_the_rows_asked_for_with_16_columns(rows: list[list[str]]) -> None:
    assert len(rows) == ROWS
    assert all(len(row) == 16 for row in rows)
    assert list(generate_paf(0)) == []
    assert len(list(generate_paf(1))) == 1
    assert len(list(generate_paf(37, seed=3))) == 37


def test_impossible_row_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        list(generate_paf(-1))
    with pytest.raises(ValueError):
        list(generate_paf(synthetic.MAX_ROWS + 1))


def test_every_row_reads_cleanly_through_read_paf(parsed: list[PafRow | PafRowError]) -> None:
    errors = [r for r in parsed if isinstance(r, PafRowError)]
    assert errors == []
    assert len(parsed) == ROWS


def test_a_header_can_be_written_and_is_skipped() -> None:
    buffer = io.StringIO(newline="")
    write_paf_csv(buffer, 50, seed=4, header=True)
    text = buffer.getvalue()
    assert text.startswith(",".join(HEADER) + "\r\n")
    results = list(read_paf(io.StringIO(text, newline="")))
    assert len(results) == 50
    assert all(isinstance(r, PafRow) for r in results)


def test_the_fast_writer_writes_what_the_csv_module_would() -> None:
    buffer = io.StringIO(newline="")
    write_paf_csv(buffer, 5_000, seed=8)
    expected = io.StringIO(newline="")
    csv.writer(expected, lineterminator="\r\n").writerows(generate_paf(5_000, seed=8))
    assert buffer.getvalue() == expected.getvalue()
    assert '"Smith, Jones & Co"' in buffer.getvalue() or '"Harris, Webb' in buffer.getvalue()


def test_writing_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / "paf.csv"
    assert write_paf_csv(path, 100, seed=5) == 100
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == list(generate_paf(100, seed=5))


def test_about_sixteen_delivery_points_per_postcode(rows: list[list[str]]) -> None:
    per_postcode = Counter(row[0] for row in rows)
    mean = ROWS / len(per_postcode)
    assert 15 <= mean <= 17, mean
    assert max(per_postcode.values()) <= 60
    counts = set(per_postcode.values())
    assert 1 in counts
    assert max(counts) >= 50


@pytest.mark.parametrize("seed", [1, 77, 123456])
def test_the_mean_holds_for_other_seeds(seed: int) -> None:
    per_postcode = Counter(row[0] for row in generate_paf(ROWS, seed=seed))
    assert 15 <= ROWS / len(per_postcode) <= 17


def test_a_postcodes_delivery_points_are_consecutive_and_it_never_comes_back(
    rows: list[list[str]],
) -> None:
    runs = [postcode for postcode, _ in itertools.groupby(row[0] for row in rows)]
    assert len(runs) == len(set(runs))


def test_postcodes_are_valid_and_normalised(rows: list[list[str]]) -> None:
    for postcode in {row[0] for row in rows}:
        parsed = Postcode.parse(postcode)
        assert str(parsed) == postcode
        assert set(parsed.inward[1:]) <= set("ABDEFGHJLNPQRSTUWXYZ")


def test_every_ldz_region_appears(rows: list[list[str]]) -> None:
    assert set(REGION_AREAS) == LDZ_REGIONS
    regions = Counter(AREA_REGION[Postcode.parse(row[0]).area] for row in rows)
    assert set(regions) == LDZ_REGIONS
    areas = {Postcode.parse(row[0]).area for row in rows}
    for region, region_areas in REGION_AREAS.items():
        assert {area for area, _ in region_areas} & areas, region


def test_every_ldz_region_appears_in_a_small_file() -> None:
    postcodes = {row[0] for row in generate_paf(2_000, seed=9)}
    assert {AREA_REGION[Postcode.parse(p).area] for p in postcodes} == LDZ_REGIONS


def test_the_named_example_areas_are_in_their_regions() -> None:
    expected = {
        "EA": "CB IP NR",
        "EM": "NG LE DE",
        "NE": "LS HU YO BD",
        "NO": "NE DH SR TS",
        "NT": "N NW E EN WD",
        "NW": "M L PR WA CH",
        "SC": "EH G AB DD",
        "SE": "BR CR TN ME BN",
        "SO": "SO PO RG OX",
        "SW": "EX PL BS TA TR",
        "WM": "B CV WV ST",
        "WN": "LL SY",
        "WS": "CF SA NP",
    }
    for region, areas in expected.items():
        for area in areas.split():
            assert AREA_REGION[area] == region, area


def test_each_area_belongs_to_one_region_and_districts_are_unique() -> None:
    regions_of: dict[str, set[str]] = {}
    for district in DISTRICTS:
        regions_of.setdefault(district.area, set()).add(district.region)
        assert 1 <= len(district.post_town) <= 30
        assert district.post_town == district.post_town.upper()
    assert all(len(regions) == 1 for regions in regions_of.values())
    assert len({d.outward for d in DISTRICTS}) == len(DISTRICTS)


def test_there_are_postcodes_enough_for_a_full_size_paf() -> None:
    # 31 million delivery points at about 16 a postcode need about 1.94 million postcodes.
    assert MAX_POSTCODES >= 4 * 31_000_000 // 16


def test_postcodes_do_not_repeat_across_many_district_cycles() -> None:
    # Enough to visit every district over a dozen times, crossing into other sectors.
    taken = 12 * 8 * len(DISTRICTS)
    postcodes = [p for _, p, _ in itertools.islice(all_postcodes(random.Random(1)), taken)]
    assert len(set(postcodes)) == taken


def test_a_draw_picks_the_kind_of_postcode_by_its_share() -> None:
    assert kind_of(0.0) is PostcodeKind.LARGE
    assert kind_of(0.05) is PostcodeKind.PO_BOX
    assert kind_of(0.1) is PostcodeKind.RURAL
    assert kind_of(0.2) is PostcodeKind.BUSINESS
    assert kind_of(0.3) is PostcodeKind.FLATS
    assert kind_of(0.37) is PostcodeKind.STREET
    assert kind_of(0.999) is PostcodeKind.STREET
    large_user_kinds = {k for k in PostcodeKind if k.postcode_type == "L"}
    assert large_user_kinds == {PostcodeKind.LARGE, PostcodeKind.PO_BOX}


def test_udprns_are_unique_increasing_and_eight_digits(rows: list[list[str]]) -> None:
    udprns = [row[12] for row in rows]
    assert all(len(u) == 8 and u.isdigit() for u in udprns)
    numbers = [int(u) for u in udprns]
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == len(numbers)


def test_delivery_point_suffixes_run_within_a_postcode(rows: list[list[str]]) -> None:
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        suffixes = [row[15] for row in group]
        assert suffixes[0] == "1A"
        assert len(set(suffixes)) == len(suffixes)


def test_the_file_has_the_variety_of_a_real_paf(rows: list[list[str]]) -> None:
    flats = [r for r in rows if r[8]]
    named_houses = [r for r in rows if r[7] and not EXCEPTION.match(r[7]) and not r[11]]
    organisations = [r for r in rows if r[11]]
    large_users = [r for r in rows if r[13] == "L"]
    assert len(flats) > ROWS * 0.05
    assert any(r[8].startswith("Flat ") and r[7] for r in flats)  # in a named building
    assert any(r[8].startswith("Flat ") and r[6] and not r[7] for r in flats)  # numbered one
    assert len(named_houses) > ROWS * 0.03
    assert any(r[7] == "The Old Rectory" or r[7].endswith(" House") for r in named_houses)
    assert len(organisations) > ROWS * 0.02
    assert any(r[13] == "S" and r[14] == "Y" for r in organisations)
    assert large_users
    assert all(r[11] for r in large_users)
    assert any(r[10] for r in large_users)  # departments
    assert any(r[9] for r in large_users)  # PO boxes
    assert any(r[2] for r in rows)  # dependent localities
    assert any(r[3] for r in rows)  # double dependent localities
    assert any(r[5] for r in rows)  # dependent thoroughfares
    assert any(EXCEPTION.match(r[7]) and r[7].endswith("A") for r in rows)  # "12A"
    assert any(EXCEPTION.match(r[7]) and "-" in r[7] for r in rows)  # "1-3"
    assert sum(1 for r in rows if r[6]) > ROWS * 0.5  # mostly numbered houses


def test_street_names_repeat_across_towns(rows: list[list[str]]) -> None:
    towns_of: dict[str, set[str]] = {}
    for row in rows:
        if row[4]:
            towns_of.setdefault(row[4], set()).add(row[1])
    assert sum(1 for towns in towns_of.values() if len(towns) >= 3) >= 25
    assert len(towns_of["High Street"]) >= 5
    assert len(towns_of) >= 300


def test_the_command_line_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "paf.csv"
    assert main(["--rows", "120", "--seed", "3", "--out", str(out)]) == 0
    assert "wrote 120 rows" in capsys.readouterr().err
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == list(generate_paf(120, seed=3))


def test_the_command_line_writes_to_standard_output() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cms.adapters.paf.synthetic", "--rows", "25", "--seed", "6"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 25
    assert list(csv.reader(lines)) == list(generate_paf(25, seed=6))
