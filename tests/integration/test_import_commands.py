"""The importers as a person runs them: `cms import-paf`, `cms import-meter-points` and
`cms import-ldz`, in a process of their own, on both databases.

A file that is not UTF-8 text gets one line naming the file, the line and the byte, and
changes nothing. The meter points importer refuses, by line, what would silently change the
register: an MPRN whose check digits are wrong, a UDPRN the PAF does not hold, a meter point
moved to another delivery point (unless `--allow-moves`), a second meter point at one
delivery point. A PAF less than half the size of the current one replaces it only with
`--force`.
"""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cms.adapters.paf.synthetic import write_paf_csv
from cms.adapters.sql.tables import ldz_prefixes, paf_addresses, uklink_meter_points
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.identifiers import Mprn
from tests.support.world import World, paf_csv_line

WAIT_S = 300.0  # generous: the machine is shared; nothing here asserts on time
MPRN_A, MPRN_B = "3938424403", str(Mprn.from_body("1234567"))
BAD_CHECK_DIGITS = "3938424600"
HOME, NEXT_DOOR, UNKNOWN = "23750001", "23750002", "23759999"
PAF = [
    paf_csv_line(
        udprn=udprn,
        postcode="LS6 2AB",
        post_town="LEEDS",
        thoroughfare="Oak Road",
        building_number=str(number),
    )
    for number, udprn in ((12, HOME), (14, NEXT_DOOR), (16, "23750003"), (18, "23750004"))
]
CAFE = paf_csv_line(  # the é of Latin-1 (0xE9) at character 17 of its line
    udprn="23750005",
    postcode="LS6 2AB",
    post_town="LEEDS",
    thoroughfare="Caf\u00e9 Road",
    building_number="20",
).encode("latin-1")


def cms(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`cms ARGUMENTS` as a person runs it, at a terminal's default width."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
    env.pop("COLUMNS", None)
    env.update(CMS_DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    return subprocess.run(
        [sys.executable, "-m", "cms", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )


Importer = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def importer(database_url: str) -> Importer:
    """`cms ...` on the test's database (the one `world` is on)."""
    return lambda *arguments: cms(database_url, *arguments)


def write(path: Path, lines: Iterable[str | bytes]) -> Path:
    path.write_bytes(b"".join(line if isinstance(line, bytes) else line.encode() for line in lines))
    return path


def lines_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def the_line_saying(result: subprocess.CompletedProcess[str], words: str) -> str:
    said = [line for line in lines_of(result) if words in line]
    assert len(said) == 1, result.stdout + result.stderr
    return said[0]


async def _count(world: World, table: Any) -> int:
    async with world.engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(table))).scalar())


async def _register(world: World) -> dict[str, str | None]:
    query = select(uklink_meter_points.c.mprn, uklink_meter_points.c.udprn)
    async with world.engine.connect() as connection:
        return {mprn: udprn for mprn, udprn in (await connection.execute(query)).all()}


def assert_refused_as_not_utf8(
    result: subprocess.CompletedProcess[str], file: Path, line: int, byte: str
) -> None:
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "UnicodeDecodeError" not in output, output
    said = the_line_saying(result, "UTF-8")
    assert str(file) in said, said
    assert f"line {line:,} " in said and byte in said, said
    assert "nothing was loaded" in said.lower(), said
    assert len(lines_of(result)) <= 3, output  # the message, and at most a progress bar


# --- files that are not UTF-8 text ------------------------------------------------------------


@pytest.mark.parametrize("mode", [[], ["--update"]], ids=["replace", "update"])
def test_a_paf_in_latin_1_is_refused_naming_the_line(
    world: World, run: Any, tmp_path: Path, importer: Importer, mode: list[str]
) -> None:
    run(world.load_paf(PAF))
    file = write(tmp_path / "latin-1.csv", [PAF[0], PAF[1], CAFE, PAF[2]])

    result = importer("import-paf", *mode, str(file))

    assert_refused_as_not_utf8(result, file, line=3, byte="0xE9")
    assert run(_count(world, paf_addresses)) == len(PAF)
    assert run(world.container.address_book().get("23750005")) is None


def test_a_compressed_paf_is_refused_at_its_first_line(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = write(tmp_path / "paf.csv.gz", [gzip.compress("".join(PAF).encode())])

    result = importer("import-paf", str(file))

    assert_refused_as_not_utf8(result, file, line=1, byte="0x8B")
    assert run(_count(world, paf_addresses)) == len(PAF)


def test_a_paf_with_a_nul_byte_is_refused_as_not_text(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    nul = PAF[3].replace("Oak Road", "Oak\x00Road")
    file = write(tmp_path / "nul.csv", [PAF[0], nul])

    result = importer("import-paf", str(file))

    assert result.returncode != 0
    said = the_line_saying(result, "NUL")
    assert str(file) in said and "line 2 " in said, said
    assert "Traceback" not in result.stderr
    assert run(_count(world, paf_addresses)) == len(PAF)


def test_a_large_paf_with_a_latin_1_line_late_on_is_refused_naming_that_line(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    """Past the first chunks, so on PostgreSQL the rows before it are in the worker processes
    and the COPY is under way when the line is read."""
    run(world.load_paf(PAF))
    buffer = io.StringIO()
    write_paf_csv(buffer, 45_000, seed=7)
    lines = buffer.getvalue().encode().splitlines(keepends=True)
    lines.insert(42_000, CAFE)
    file = write(tmp_path / "late.csv", lines)

    result = importer("import-paf", str(file))

    assert_refused_as_not_utf8(result, file, line=42_001, byte="0xE9")
    assert run(_count(world, paf_addresses)) == len(PAF)


def test_meter_points_in_latin_1_are_refused_and_none_loaded(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = write(
        tmp_path / "meters.csv",
        [
            "mprn,udprn\n",
            f"{MPRN_A},{HOME}\n",
            f"{MPRN_B},{NEXT_DOOR} caf\u00e9\n".encode("cp1252"),
        ],
    )

    result = importer("import-meter-points", str(file))

    assert_refused_as_not_utf8(result, file, line=3, byte="0xE9")
    assert run(_register(world)) == {}


def test_an_ldz_file_in_latin_1_is_refused(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    before = run(_count(world, ldz_prefixes))
    file = write(
        tmp_path / "ldz.csv", ["prefix,ldz\n", "LS,NE\n", "M,NW \u00e9\n".encode("latin-1")]
    )

    result = importer("import-ldz", str(file))

    assert_refused_as_not_utf8(result, file, line=3, byte="0xE9")
    assert run(_count(world, ldz_prefixes)) == before


# --- meter points: nothing changes silently ---------------------------------------------------


def meter_points_file(tmp_path: Path, *rows: tuple[str, str]) -> Path:
    return write(tmp_path / "meters.csv", ["mprn,udprn\n", *(f"{m},{u}\n" for m, u in rows)])


def test_a_meter_point_for_a_udprn_not_in_the_paf_is_refused_by_line(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = meter_points_file(
        tmp_path, (MPRN_A, HOME), (MPRN_B, UNKNOWN), (BAD_CHECK_DIGITS, NEXT_DOOR)
    )

    result = importer("import-meter-points", str(file))

    assert result.returncode == 0, result.stderr
    said = the_line_saying(result, "line 3:")
    assert UNKNOWN in said and "not in the PAF" in said, said
    said = the_line_saying(result, "line 4:")
    assert BAD_CHECK_DIGITS in said and "check digits" in said, said
    assert "Loaded 1 meter point; refused 2 rows." in lines_of(result)
    assert run(_register(world)) == {MPRN_A: HOME}


def test_moving_a_meter_point_to_another_delivery_point_is_refused(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    run(world.load_meter_points([(MPRN_A, HOME)]))
    file = meter_points_file(tmp_path, (MPRN_A, NEXT_DOOR))

    result = importer("import-meter-points", str(file))

    assert result.returncode != 0
    said = the_line_saying(result, "line 2:")
    assert all(value in said for value in (MPRN_A, HOME, NEXT_DOOR, "--allow-moves")), said
    assert "Nothing loaded" in result.stderr
    # The site keeps its meter point: a contact for it is still refused.
    gateway = world.container.uk_link()
    assert run(gateway.meter_point_at(HOME)) == Mprn(MPRN_A)
    assert run(gateway.meter_point_at(NEXT_DOOR)) is None


def test_a_meter_point_moves_when_moves_are_allowed(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    run(world.load_meter_points([(MPRN_A, HOME)]))
    file = meter_points_file(tmp_path, (MPRN_A, NEXT_DOOR), (MPRN_B, HOME))

    result = importer("import-meter-points", "--allow-moves", str(file))

    assert result.returncode == 0, result.stderr
    assert "Loaded 2 meter points (1 moved to another delivery point); refused 0 rows." in lines_of(
        result
    )
    assert run(_register(world)) == {MPRN_A: NEXT_DOOR, MPRN_B: HOME}


def test_a_second_meter_point_at_a_delivery_point_is_refused(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    run(world.load_meter_points([(MPRN_A, HOME)]))
    file = meter_points_file(tmp_path, (MPRN_B, HOME))

    result = importer("import-meter-points", "--allow-moves", str(file))

    assert result.returncode != 0
    said = the_line_saying(result, "line 2:")
    assert all(value in said for value in (MPRN_A, MPRN_B, HOME)), said
    assert run(_register(world)) == {MPRN_A: HOME}


def test_one_mprn_on_two_lines_of_a_file_is_a_move(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = meter_points_file(tmp_path, (MPRN_A, HOME), (MPRN_A, HOME), (MPRN_A, NEXT_DOOR))

    result = importer("import-meter-points", str(file))

    assert result.returncode == 0, result.stderr
    said = the_line_saying(result, "line 4:")
    assert "--allow-moves" in said, said
    assert "Loaded 2 meter points; refused 1 row." in lines_of(result)
    assert run(_register(world)) == {MPRN_A: HOME}


def test_a_meter_points_file_with_nothing_valid_exits_non_zero(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    file = meter_points_file(tmp_path, (MPRN_A, HOME), (BAD_CHECK_DIGITS, NEXT_DOOR))

    result = importer("import-meter-points", str(file))  # no PAF loaded

    assert result.returncode != 0
    assert "Nothing loaded" in result.stderr
    assert run(_register(world)) == {}


# --- the PAF: a much smaller file replaces it only when forced --------------------------------


def test_a_paf_less_than_half_the_current_one_is_refused_unless_forced(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = write(tmp_path / "one.csv", [PAF[0]])

    refused = importer("import-paf", str(file))

    assert refused.returncode != 0
    said = the_line_saying(refused, "--force")
    assert "1 delivery point" in said and "4" in said and "current PAF is kept" in said, said
    assert run(_count(world, paf_addresses)) == len(PAF)

    forced = importer("import-paf", "--force", str(file))

    assert forced.returncode == 0, forced.stderr
    assert run(_count(world, paf_addresses)) == 1


def test_a_paf_half_the_current_one_replaces_it(
    world: World, run: Any, tmp_path: Path, importer: Importer
) -> None:
    run(world.load_paf(PAF))
    file = write(tmp_path / "half.csv", PAF[:2])

    result = importer("import-paf", str(file))

    assert result.returncode == 0, result.stderr
    assert run(_count(world, paf_addresses)) == 2
    assert run(world.container.address_book().get(HOME)).postcode == Postcode.parse("LS6 2AB")
