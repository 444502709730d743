"""A repairs log of hazard reports read by chc's one case-file reader with the hazard log's
field table: headers placed by name, alias or a --columns file, near misses stopped, cells
read as UK-time dates or date-times, every bad cell located by file, line and column."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from chc.errors import CaseError, ChcError
from chc.hazards.log import cell_moment, compute_log, read_log
from chc.hazards.moments import LONDON
from chc.hazards.options import build_settings
from chc.hazards.regime import load_regime
from chc.workdays import calendar_for


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_repairs_system_headers_are_placed_by_alias(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Job Ref,Track,Date Reported,Date Made Safe,Inspection Date,No Access\n"
        "R1,Emergency,2026-12-04 16:30,05/12/2026 11:00,,\n",
    )
    log = read_log(path)
    assert log.case_frame.columns == {
        "reference": 1, "track": 2, "aware": 3, "made_safe": 4, "concluded": 5,
        "access_attempts": 6,
    }  # fmt: skip
    report = log.rows[0].report
    assert (report.reference, report.track) == ("R1", "emergency")
    assert report.aware.at == datetime(2026, 12, 4, 16, 30, tzinfo=LONDON)
    assert report.made_safe is not None
    assert report.made_safe.at == datetime(2026, 12, 5, 11, 0, tzinfo=LONDON)
    assert report.concluded is None


def test_cells_in_uk_and_iso_layouts() -> None:
    assert cell_moment("4/12/2026 9:05", "aware").iso() == "2026-12-04T09:05+00:00"
    assert cell_moment("2026-06-04T09:05", "aware").iso() == "2026-06-04T09:05+01:00"
    assert cell_moment("04.12.2026", "aware") == (date(2026, 12, 4), None)
    # A spreadsheet's date cell, read as text: a date without a time, never midnight.
    assert cell_moment("2026-12-04 00:00:00", "aware").at is None
    assert cell_moment("2026-12-04T00:00", "aware").at is not None


def test_several_access_attempts_in_one_cell(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reference,track,aware,access_attempts\n"
        "R3,emergency,2026-12-04T17:00,2026-12-04T20:00; 05/12/2026 09:00\n",
    )
    attempts = read_log(path).rows[0].report.access_attempts
    assert [a.iso() for a in attempts] == ["2026-12-04T20:00+00:00", "2026-12-05T09:00+00:00"]


def test_the_header_row_is_found_below_a_title(tmp_path: Path) -> None:
    path = write(
        tmp_path, "Hazard log export\n\nJob Ref,Track,Reported\nR1,significant,2026-12-18\n"
    )
    log = read_log(path)
    assert log.rows[0].line == 4
    assert log.rows[0].report.aware == (date(2026, 12, 18), None)


def test_a_columns_file_maps_any_header(tmp_path: Path) -> None:
    columns = write(tmp_path, "reference: Work No\naware: When Told\ntrack: Clock Type\n", "c.yaml")
    path = write(tmp_path, "Work No,Clock Type,When Told\nW9,significant,2026-12-18\n")
    from chc.caseload.reading import ReadOptions

    log = read_log(path, ReadOptions(columns=columns))
    assert log.rows[0].report.reference == "W9"


def where(err: pytest.ExceptionInfo[ChcError]) -> tuple[str | None, int | None, int | None]:
    return (Path(err.value.file).name if err.value.file else None, err.value.line, err.value.column)


def test_a_near_miss_header_stops_the_run(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,track,aware,Made Safe Dt\nR1,emergency,2026-12-04T16:30,\n")
    with pytest.raises(CaseError) as err:
        read_log(path)
    assert where(err) == ("log.csv", 1, 4)
    assert "'Made Safe Dt' looks like made_safe" in err.value.message


def test_an_unused_column_of_dates_stops_the_run(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reference,track,aware,Visited\nR1,emergency,2026-12-04T16:30,2026-12-05\n",
    )
    with pytest.raises(CaseError) as err:
        read_log(path)
    assert where(err) == ("log.csv", 1, 4)
    assert "holds dates" in err.value.message and "concluded" in err.value.message


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,track\nR1,emergency\n")
    with pytest.raises(CaseError) as err:
        read_log(path)
    assert "no 'aware' column" in err.value.message


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("R1,urgent,2026-12-04T16:30,", 2, "'urgent' is not emergency or significant"),
        ("R1,emergency,2026-13-04T16:30,", 3, "aware:"),
        ("R1,emergency,2026-12-04T16:30,soon", 4, "made_safe: 'soon' is not a date"),
        ("R1,emergency,,", 3, "aware: the cell is empty"),
    ],
)
def test_bad_cells_are_located(tmp_path: Path, row: str, column: int, words: str) -> None:
    path = write(
        tmp_path, f"reference,track,aware,made_safe\nR0,emergency,2026-12-04T10:00,\n{row}\n"
    )
    with pytest.raises(CaseError) as err:
        read_log(path)
    assert where(err) == ("log.csv", 3, column)
    assert words in err.value.message


def _compute(path: Path, as_of: str = "2027-01-20", assume: str | None = None) -> None:
    rules = load_regime()
    settings = build_settings(as_of, assume, None)
    compute_log(read_log(path), rules, calendar_for(rules.region), settings)


def test_a_date_without_a_time_for_a_24_hour_clock_names_its_cell(tmp_path: Path) -> None:
    path = write(
        tmp_path, "reference,track,aware,made_safe\nR1,emergency,2026-12-04T16:30,2026-12-05\n"
    )
    with pytest.raises(CaseError) as err:
        _compute(path)
    assert where(err) == ("log.csv", 2, 4)
    assert err.value.message.startswith("made_safe: 2026-12-05 has no time")
    _compute(path, assume="09:00")  # --assume-time reads it, and says so


def test_an_event_before_the_awareness_names_its_cell(tmp_path: Path) -> None:
    path = write(
        tmp_path, "reference,track,aware,concluded\nR1,significant,2026-12-18,2026-12-01\n"
    )
    with pytest.raises(CaseError) as err:
        _compute(path)
    assert where(err) == ("log.csv", 2, 4)
    assert "concluded: 2026-12-01 is before aware 2026-12-18" in err.value.message


def test_the_docs_list_every_header_the_log_reads() -> None:
    from chc.caseload.columns import normalise
    from chc.hazards.log_fields import ALIASES, HAZARD_LOG

    text = (Path(__file__).parent.parent / "docs" / "hazards.md").read_text(encoding="utf-8")
    section = text.split("### Reading the log", 1)[1].split("###", 1)[0]
    documented: dict[str, str] = {}
    required = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            field = cells[0].strip("`")
            documented.update({normalise(a): field for a in cells[2].split(", ") if a})
            if cells[1] == "yes":
                required.add(field)
    assert documented == ALIASES
    assert required == set(HAZARD_LOG.required)
