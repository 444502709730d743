"""self-assessment export and import: the workbook read back with openpyxl, a round trip
through edited cells, errors as FILE:SHEET:CELL, and a merge that keeps comments."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from chc.assessment.answers import load_answers
from conftest import EXAMPLES, GOLDEN, run_chc

SMALL = GOLDEN / "answers-2024-small.yaml"


def export(tmp_path: Path, answers: Path = SMALL) -> Path:
    out = tmp_path / "answers.xlsx"
    result = run_chc("self-assessment", "export", str(answers), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def sheet(path: Path) -> Worksheet:
    ws = load_workbook(path)["Self-assessment"]
    assert isinstance(ws, Worksheet)
    return ws


def row_of(ws: Worksheet, pid: str) -> int:
    return next(int(c.row) for c in ws["A"] if c.value == pid)


def test_export_a_row_per_item_with_drop_down_frozen_header_and_wrapping(tmp_path: Path) -> None:
    ws = sheet(export(tmp_path))
    assert [c.value for c in ws[1]] == [
        "Item", "Requirement (chc's summary)", "Comply", "Evidence", "Commentary", "Action",
        "Target date", "Filled in by chc",
    ]  # fmt: skip
    assert ws.max_row == 73  # the header and the 2024 form's 72 items
    assert ws.freeze_panes == "B2"
    r = row_of(ws, "6.3")
    # From tests/golden/answers-2024-small.yaml, item 6.3.
    assert [c.value for c in ws[r]][2:7] == [
        "No",
        "Policy says 15 working days.",
        "Our policy allows 15 working days.\n\nIt is being rewritten.",
        "Adopt a 10 working day target.",
        datetime(2025, 1, 31),
    ]
    assert "10 working days" in str(ws.cell(r, 2).value)
    assert ws.cell(r, 4).alignment.wrap_text
    assert ws.cell(row_of(ws, "6.10"), 1).number_format == "@"
    assert ws.cell(row_of(ws, "1.3"), 3).value is None
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"Yes,No,Partly,Not applicable"'
    assert str(lists[0].sqref) == "C2:C73"
    assert ws.column_dimensions["B"].width == 50 and ws.column_dimensions["A"].width == 9


def test_round_trip_through_edited_cells(tmp_path: Path) -> None:
    book = export(tmp_path)
    wb = load_workbook(book)
    ws = wb["Self-assessment"]
    ws.cell(row_of(ws, "1.3"), 3).value = "Yes"
    ws.cell(row_of(ws, "1.3"), 4).value = "Leaflet, 2024 edition.\n\nWebsite page."
    ws.cell(row_of(ws, "6.3"), 3).value = "Partly"
    ws.cell(row_of(ws, "6.3"), 7).value = datetime(2025, 6, 30)
    ws.cell(row_of(ws, "6.10"), 3).value = "n/a"
    ws.cell(row_of(ws, "9.8"), 6).value = "Board report in March."
    ws.cell(row_of(ws, "9.8"), 7).value = "2025-03-31"
    wb.save(book)
    out = tmp_path / "back.yaml"
    result = run_chc("self-assessment", "import", str(book), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    back = load_answers(out)
    assert back.code == "2024" and back.landlord == "Small Homes" and back.period == "2024-25"
    assert back.answers["1.3"].comply == "yes"
    assert back.answers["1.3"].evidence == "Leaflet, 2024 edition.\n\nWebsite page."
    assert back.answers["6.3"].comply == "partly"
    assert back.answers["6.3"].target_date == date(2025, 6, 30)
    assert back.answers["6.3"].action == "Adopt a 10 working day target."
    assert back.answers["6.10"].comply == "not applicable"
    assert back.answers["9.8"].action == "Board report in March."
    assert back.answers["9.8"].target_date == date(2025, 3, 31)
    # Untouched items come back as they were.
    assert back.answers["1.2"] == load_answers(SMALL).answers["1.2"]
    # The new file is a scaffold: chc's summary above each item.
    assert "# 6.3 (must) Stage 1 full response" in out.read_text(encoding="utf-8")


def test_unchanged_round_trip_gives_the_same_answers(tmp_path: Path) -> None:
    answers = EXAMPLES / "answers-2022.yaml"
    out = tmp_path / "back.yaml"
    assert run_chc("self-assessment", "import", str(export(tmp_path, answers)), "-o", str(out))
    assert dict(load_answers(out).answers) == {
        k: v for k, v in load_answers(answers).answers.items() if not v.is_empty
    } | {k: v for k, v in load_answers(out).answers.items() if v.is_empty}


def test_merge_keeps_comments_and_untouched_text(tmp_path: Path) -> None:
    book = export(tmp_path)
    wb = load_workbook(book)
    ws = wb["Self-assessment"]
    ws.cell(row_of(ws, "6.3"), 3).value = "Yes"
    ws.cell(row_of(ws, "6.3"), 5).value = None
    ws.cell(row_of(ws, "1.3"), 3).value = "Partly"
    ws.cell(row_of(ws, "1.3"), 5).value = "Leaflet\n\nsecond paragraph"
    wb.save(book)
    into = tmp_path / "answers.yaml"
    original = "# Our own note, kept.\n" + SMALL.read_text(encoding="utf-8").replace(
        '  "6.3":\n', '  # 6.3 reviewed by the board\n  "6.3":\n'
    )
    into.write_text(original, encoding="utf-8")
    result = run_chc("self-assessment", "import", str(book), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    text = into.read_text(encoding="utf-8")
    assert text.startswith('# Our own note, kept.\ncode: "2024"\n')
    assert '  # 6.3 reviewed by the board\n  "6.3":\n    comply: yes\n' in text
    assert 'evidence: "Policy 3.1 | line one\\nline two"' in text
    assert "Our policy allows" not in text
    assert (
        '  "1.3":\n    comply: partly\n    commentary: |-\n'
        "      Leaflet\n\n      second paragraph\n" in text
    )
    merged = load_answers(into)
    assert merged.answers["6.3"].commentary is None
    assert merged.answers["6.3"].action == "Adopt a 10 working day target."
    assert "9.8" not in merged.keys  # an empty row does not add an item


def test_merge_into_another_file_leaves_the_original(tmp_path: Path) -> None:
    book = export(tmp_path)
    into = tmp_path / "answers.yaml"
    shutil.copy(SMALL, into)
    out = tmp_path / "merged.yaml"
    result = run_chc("self-assessment", "import", str(book), "--into", str(into), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert into.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")
    assert load_answers(out).answers == load_answers(SMALL).answers


def edited(tmp_path: Path, **cells: object) -> Path:
    book = export(tmp_path)
    wb = load_workbook(book)
    ws = wb["Self-assessment"]
    for address, value in cells.items():
        ws[address] = value  # type: ignore[assignment]
    wb.save(book)
    return book


@pytest.mark.parametrize(
    ("cells", "where", "words"),
    [
        ({"C3": "Maybe"}, "C3", "comply must be yes, no, partly or not applicable"),
        ({"G4": "2025-02-30"}, "G4", "February 2025 has 28 days"),
        ({"G4": "next spring"}, "G4", "target_date"),
        ({"A5": "6.99"}, "A5", "the 2024 edition has no item 6.99"),
        ({"A5": "1.1"}, "A5", "1.1 is not on the 2024 self-assessment form"),
        ({"A6": "1.2"}, "A6", "1.2 is answered twice (first in row 2)"),
        ({"A7": 6.1}, "A7", "is a number"),
        ({"A7": None, "D7": "evidence"}, "A7", "no item id"),
        ({"C1": "Compliance"}, "I1", "lacks the column(s) 'Comply'"),
    ],
)
def test_bad_cells_are_exit_2_with_file_sheet_cell(
    tmp_path: Path, cells: dict[str, object], where: str, words: str
) -> None:
    book = edited(tmp_path, **cells)
    out = tmp_path / "out.yaml"
    result = run_chc("self-assessment", "import", str(book), "-o", str(out))
    assert result.exit_code == 2
    assert f"{book}:Self-assessment:{where}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_every_bad_cell_is_listed_and_into_is_left_alone(tmp_path: Path) -> None:
    book = edited(tmp_path, C3="Maybe", G9="soon")
    into = tmp_path / "answers.yaml"
    shutil.copy(SMALL, into)
    result = run_chc("self-assessment", "import", str(book), "--into", str(into))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert [re.search(r":Self-assessment:([A-Z]+[0-9]+): ", x)[1] for x in lines] == ["C3", "G9"]  # type: ignore[index]
    assert into.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")


def test_not_a_workbook_and_missing_sheets(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    result = run_chc("self-assessment", "import", str(fake), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2 and f"{fake}: not an Excel workbook" in result.stderr
    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    result = run_chc("self-assessment", "import", str(other), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2 and "no sheet named 'Self-assessment'" in result.stderr
    book = export(tmp_path)
    wb = load_workbook(book)
    wb["About"]["B1"] = None
    wb.save(book)
    result = run_chc("self-assessment", "import", str(book), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2 and f"{book}:About:B1: code:" in result.stderr


def test_import_needs_a_destination_and_code_must_match(tmp_path: Path) -> None:
    book = export(tmp_path)
    result = run_chc("self-assessment", "import", str(book))
    assert result.exit_code == 2 and "--into" in result.stderr
    result = run_chc(
        "self-assessment", "import", str(book), "--into", str(EXAMPLES / "answers-2022.yaml"),
        "-o", str(tmp_path / "x.yaml"),
    )  # fmt: skip
    assert result.exit_code == 2 and "the workbook is for Code '2024'" in result.stderr


def test_machine_filled_column_round_trips(tmp_path: Path) -> None:
    answers = tmp_path / "mf.yaml"
    answers.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "    comply: yes\n", "    comply: yes\n    machine_filled: true\n"
        ),
        encoding="utf-8",
    )
    book = export(tmp_path, answers)
    ws = sheet(book)
    assert ws.cell(row_of(ws, "1.2"), 8).value == "yes"
    wb = load_workbook(book)
    wb["Self-assessment"].cell(row_of(ws, "1.2"), 8).value = None  # reviewed
    wb.save(book)
    result = run_chc("self-assessment", "import", str(book), "--into", str(answers))
    assert result.exit_code == 0, result.stderr
    assert "machine_filled" not in answers.read_text(encoding="utf-8")
