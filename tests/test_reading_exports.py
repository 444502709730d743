"""Case files as complaints officers type them and case systems export them (issue 22).

Due dates are counted by hand on a calendar. There are no bank holidays in England between
Fri 2 Jan and Fri 3 Apr 2026. All runs are as of Fri 30 Jan 2026 under the 2024 Code
(acknowledge within 5 working days of receipt; respond within 10 working days of the
acknowledgement at stage 1; at stage 2 acknowledge within 5 working days of the request
and respond within 20 of the acknowledgement; the event day is day 0).

The answers shared by several tests:

- received Mon 5 Jan 2026: acknowledge by Tue 6 (1), Wed 7 (2), Thu 8 (3), Fri 9 (4),
  Mon 12 (5) -> 2026-01-12. Acknowledged Wed 7: respond by Thu 8 (1), Fri 9 (2), Mon 12
  (3) ... Fri 16 (7), Mon 19 (8), Tue 20 (9), Wed 21 (10) -> 2026-01-21. Answered Fri 16,
  seven working days after the acknowledgement: on time.
- received Fri 2 Jan 2026: acknowledge by Mon 5 (1) ... Fri 9 (5) -> 2026-01-09.
  Acknowledged Mon 5: respond by Tue 6 (1) ... Fri 9 (4), Mon 12 (5) ... Mon 19 (10) ->
  2026-01-19.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from conftest import Run, run_chc

AS_OF = "2026-01-30"


def cases(path: Path, *args: str) -> Run:
    return run_chc("deadlines", "--cases", str(path), "--as-of", AS_OF, "--format", "json", *args)


def due(run: Run) -> dict[tuple[str, str], tuple[str, str]]:
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    return {
        (c["reference"], e["key"]): (e["due"], e["status"])
        for c in data["cases"]
        for e in c["events"]
    }


def references(run: Run) -> list[str]:
    assert run.exit_code == 0, run.stderr
    return [c["reference"] for c in json.loads(run.stdout)["cases"]]


def stop(run: Run, *words: str) -> str:
    """The run stopped with exit 2 and one line naming every word."""
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("chc: error: ") and "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. the generic headers of a typed log; no date column ever ignored ------------------------

TYPED_LOG = """\
Reference,Received,Date Acknowledged,Response Date,Date Escalated,Officer
HC-1,05/01/2026,07/01/2026,16/01/2026,,Jo
HC-2,02/01/2026,05/01/2026,12/01/2026,14/01/2026,Sam
"""


def test_a_typed_log_with_generic_headers_reads_them_as_stage_1_and_the_escalation(
    tmp_path: Path,
) -> None:
    # HC-1: as in the module notes: acknowledged in two working days, answered in seven.
    # HC-2: stage 1 as the second note (answered Mon 12, on time). Escalated Wed 14 Jan:
    #   acknowledge by Thu 15 (1), Fri 16 (2), Mon 19 (3), Tue 20 (4), Wed 21 (5) ->
    #   2026-01-21, not done: overdue. Respond from that assumed date: Thu 22 (1), Fri 23 (2),
    #   Mon 26 (3) ... Fri 30 (7), Mon 2 Feb (8) ... Fri 6 (12), Mon 9 (13) ... Fri 13 (17),
    #   Mon 16 (18), Tue 17 (19), Wed 18 (20) -> 2026-02-18, open.
    run = cases(write(tmp_path, TYPED_LOG))
    got = due(run)
    assert got[("HC-1", "stage1.acknowledge")] == ("2026-01-12", "on_time")
    assert got[("HC-1", "stage1.respond")] == ("2026-01-21", "on_time")
    assert got[("HC-2", "stage1.acknowledge")] == ("2026-01-09", "on_time")
    assert got[("HC-2", "stage1.respond")] == ("2026-01-19", "on_time")
    assert got[("HC-2", "stage2.acknowledge")] == ("2026-01-21", "overdue")
    assert got[("HC-2", "stage2.respond")] == ("2026-02-18", "open")
    assert "stage1_acknowledged <- 'Date Acknowledged'" in run.stderr
    assert "stage1_responded <- 'Response Date'" in run.stderr
    assert "stage2_requested <- 'Date Escalated'" in run.stderr
    assert "ignored: 'Officer'" in run.stderr


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Acknowledged", "stage1_acknowledged"),
        ("Acknowledgement Date", "stage1_acknowledged"),
        ("Date Responded", "stage1_responded"),
        ("Responded", "stage1_responded"),
        ("Escalated", "stage2_requested"),
        ("Escalation Date", "stage2_requested"),
    ],
)
def test_every_generic_alias_of_a_flat_file(tmp_path: Path, header: str, field: str) -> None:
    path = write(tmp_path, f"Reference,Received,{header}\nHC-1,05/01/2026,07/01/2026\n")
    run = cases(path)
    assert run.exit_code == 0, run.stderr
    assert f"{field} <- {header!r}" in run.stderr


def test_a_generic_header_beside_stage_numbered_ones_stops(tmp_path: Path) -> None:
    # With 'Stage 1 Acknowledged' in the file, 'Response Date' could be any stage's.
    path = write(
        tmp_path,
        "Reference,Received,Stage 1 Acknowledged,Response Date\nHC-1,05/01/2026,07/01/2026,"
        "16/01/2026\n",
    )
    stop(
        cases(path),
        f"{path}:1:4:",
        "'Response Date' names a complaint event",
        "stage1_responded or stage2_responded or stage3_responded",
        "'stage1_responded: Response Date'",
        "--ignore-column 'Response Date'",
    )


@pytest.mark.parametrize("header", ["Closed Date", "Completed", "Date Closed"])
def test_a_header_that_could_be_more_than_one_event_stops_and_asks(
    tmp_path: Path, header: str
) -> None:
    path = write(tmp_path, f"Reference,Received,{header}\nHC-1,05/01/2026,16/01/2026\n")
    stop(cases(path), f"{path}:1:3:", repr(header), "stage1_responded or stage2_responded")
    ignored = cases(path, "--ignore-column", header)
    assert ignored.exit_code == 0, ignored.stderr
    assert f"ignored: {header!r}" in ignored.stderr


def test_a_column_of_dates_that_feeds_nothing_stops_whatever_its_name(tmp_path: Path) -> None:
    # One cell of three is not a date: the column still holds dates.
    path = write(
        tmp_path,
        "Reference,Received,Logged On,Notes\n"
        "HC-1,05/01/2026,05/01/2026,called twice\nHC-2,02/01/2026,TBC,\n"
        "HC-3,02/01/2026,2026-01-02,\n",
    )
    stop(cases(path), f"{path}:1:3:", "'Logged On' holds dates", "stage1_acknowledged", "ignore")
    columns = write(tmp_path, "ignore: [Logged On]\n", "columns.yaml")
    run = cases(path, "--columns", str(columns))
    assert run.exit_code == 0, run.stderr
    assert "ignored: 'Logged On', 'Notes'" in run.stderr


def test_a_due_date_column_of_the_export_stops_and_can_be_left_out(tmp_path: Path) -> None:
    path = write(
        tmp_path, "Reference,Received,Response Due\nHC-1,05/01/2026,21/01/2026\n", "due.csv"
    )
    stop(cases(path), f"{path}:1:3:", "'Response Due'", "--ignore-column")
    assert cases(path, "--ignore-column", "Response Due").exit_code == 0


# --- 2. one row per stage with generic date columns (Civica Cx, MRI) ---------------------------

CIVICA = """\
Reference,Stage,Stage Start Date,Acknowledged Date,Response Date,Extension Days
CX-101,Stage 1,05/01/2026,07/01/2026,16/01/2026,
CX-102,Stage 1,02/01/2026,05/01/2026,,10
CX-101,Stage 2,19/01/2026,20/01/2026,,
"""


def test_a_stage_row_export_reads_each_generic_column_as_its_rows_stage(tmp_path: Path) -> None:
    # CX-101 stage 1 as the first module note. Stage 2 asked Mon 19 Jan: acknowledge by
    #   Tue 20 (1) ... Mon 26 (5) -> 2026-01-26, done Tue 20: on time. Respond from Tue 20:
    #   Wed 21 (1), Thu 22, Fri 23 (3), Mon 26 (4) ... Fri 30 (8), Mon 2 Feb (9) ... Fri 6
    #   (13), Mon 9 (14) ... Fri 13 (18), Mon 16 (19), Tue 17 (20) -> 2026-02-17, open.
    # CX-102 as the second note; 10 working days' extension from Mon 19: Tue 20 (1) ...
    #   Fri 23 (4), Mon 26 (5) ... Fri 30 (9), Mon 2 Feb (10) -> 2026-02-02, open.
    run = cases(write(tmp_path, CIVICA))
    got = due(run)
    assert got[("CX-101", "stage1.acknowledge")] == ("2026-01-12", "on_time")
    assert got[("CX-101", "stage1.respond")] == ("2026-01-21", "on_time")
    assert got[("CX-101", "stage2.acknowledge")] == ("2026-01-26", "on_time")
    assert got[("CX-101", "stage2.respond")] == ("2026-02-17", "open")
    assert got[("CX-102", "stage1.acknowledge")] == ("2026-01-09", "on_time")
    assert got[("CX-102", "stage1.respond_extended")] == ("2026-02-02", "open")
    assert ("CX-102", "stage2.acknowledge") not in got
    data = json.loads(run.stdout)
    assert [(c["reference"], c["line"]) for c in data["cases"]] == [("CX-101", 2), ("CX-102", 3)]
    assert (
        "received/stage2_requested/stage3_requested <- 'Stage Start Date' (by each row's stage)"
    ) in run.stderr
    assert "1 stage row(s) combined" in run.stderr


def test_a_stage_row_export_with_its_own_headers_through_the_columns_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Case No,Stage,Opened,Ack Sent,Closed\n"
        "CX-101,1,05/01/2026,07/01/2026,16/01/2026\nCX-101,2,19/01/2026,20/01/2026,\n",
    )
    columns = write(
        tmp_path,
        "reference: Case No\nstage_start: Opened\nstage_acknowledged: Ack Sent\n"
        "stage_responded: Closed\n",
        "columns.yaml",
    )
    got = due(cases(path, "--columns", str(columns)))
    assert got[("CX-101", "stage1.respond")] == ("2026-01-21", "on_time")
    assert got[("CX-101", "stage2.respond")] == ("2026-02-17", "open")


def test_a_stage_row_whose_stage_chc_cannot_read_stops_at_its_stage_cell(tmp_path: Path) -> None:
    path = write(tmp_path, CIVICA.replace("CX-101,Stage 2,", "CX-101,Review,"))
    stop(cases(path), f"{path}:4:2:", "'Review' is not stage 1, 2 or 3", "'Acknowledged Date'")


def test_an_event_a_stage_does_not_have_stops_at_its_cell(tmp_path: Path) -> None:
    path = write(tmp_path, CIVICA + "CX-101,Stage 3,26/01/2026,27/01/2026,,\n")
    stop(cases(path), f"{path}:5:4:", "no stage 3 acknowledged date")


def test_a_complaint_with_no_stage_1_row_has_no_received_date(tmp_path: Path) -> None:
    path = write(tmp_path, CIVICA + "CX-104,Stage 2,19/01/2026,,,\n")
    stop(cases(path), f"{path}:5:3:", "'CX-104' has no stage 1 row")


# --- 3. references that differ only in case -----------------------------------------------------

CASED = """\
reference,stage,received,stage1_acknowledged,stage2_requested
HC-000455,1,02/01/2026,05/01/2026,
HC-000456,1,05/01/2026,07/01/2026,
HC-000457,1,05/01/2026,07/01/2026,
hc-000456,2,05/01/2026,,19/01/2026
"""


def test_references_equal_but_for_case_stop_naming_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, CASED)
    stop(
        cases(path),
        f"{path}:5:1:",
        "'HC-000456' (line 3)",
        "'hc-000456' (line 5)",
        "references: case-insensitive",
    )
    spaced = write(tmp_path, CASED.replace("hc-000456,", '"HC-000456 ",'), "spaced.csv")
    stop(cases(spaced), f"{spaced}:5:1:", "'HC-000456 ' (line 5)", "spaces")
    flat = write(tmp_path, "reference,received\nR1,02/01/2026\nr1,05/01/2026\n", "flat.csv")
    stop(cases(flat), f"{flat}:3:1:", "'R1' (line 2)", "'r1' (line 3)")


def test_references_declared_case_insensitive_are_one_complaint(tmp_path: Path) -> None:
    # HC-000456: stage 2 asked Mon 19 Jan: acknowledge by Mon 26 (as CX-101), not done.
    path = write(tmp_path, CASED)
    columns = write(tmp_path, "references: case-insensitive\n", "columns.yaml")
    run = cases(path, "--columns", str(columns))
    assert references(run) == ["HC-000455", "HC-000456", "HC-000457"]
    assert due(run)[("HC-000456", "stage2.acknowledge")] == ("2026-01-26", "overdue")
    report = run_chc(
        "report", str(path), "--columns", str(columns), "--homes", "100", "--from",
        "2025-04-01", "--to", "2026-03-31", "--landlord", "X", "--format", "json",
    )  # fmt: skip
    assert report.exit_code == 0, report.stderr
    figures = json.loads(report.stdout)["figures"]
    assert figures["received_stage1"]["numerator"] == 3
    assert figures["received_stage2"]["numerator"] == 1


# --- 4. references stored as numbers in a workbook ---------------------------------------------


def _numbered_workbook(tmp_path: Path, extra: tuple[object, str] | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Received"])
    rows: list[tuple[object, str]] = [
        (200, "000000"),
        ("000201", "@"),
        (202, "000000"),
        (203, '"HC-"000000'),
        (1234, "#,##0"),
        (77, "General"),
    ]
    if extra is not None:
        rows.append(extra)
    for n, (value, number_format) in enumerate(rows, start=2):
        sheet.append([value, datetime(2026, 1, 26)])
        sheet.cell(n, 1).number_format = number_format
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    return path


def test_number_references_read_as_the_sheet_shows_them(tmp_path: Path) -> None:
    # Received Mon 26 Jan 2026: acknowledge by Tue 27 (1) ... Fri 30 (4), Mon 2 Feb (5), open.
    path = _numbered_workbook(tmp_path)
    run = cases(path)
    assert references(run) == ["000200", "000201", "000202", "HC-000203", "1,234", "77"]
    assert due(run)[("000200", "stage1.acknowledge")] == ("2026-02-02", "open")
    ics = run_chc("deadlines", "--cases", str(path), "--as-of", AS_OF, "--format", "ics")
    assert ics.exit_code == 0, ics.stderr
    assert "UID:000200.stage1.acknowledge@chc" in ics.stdout
    assert "UID:200." not in ics.stdout and ".0." not in ics.stdout


def test_a_number_reference_in_a_format_chc_cannot_show_stops_at_its_cell(tmp_path: Path) -> None:
    path = _numbered_workbook(tmp_path, (45.5, "0.0"))
    stop(cases(path), f"{path}:8:1:", "45.5", "'0.0'", "format the column as Text")


# --- 5. the header below a title; a sep= first line ---------------------------------------------


def _titled_workbook(tmp_path: Path, title_rows: int = 1) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title_rows:
        sheet["A1"] = "Riverside Homes - complaints log 2025-26"
    sheet["A3"], sheet["B3"], sheet["C3"] = "Reference", "Received", "Stage 1 Acknowledged"
    sheet["A4"], sheet["B4"], sheet["C4"] = "RH-1", datetime(2026, 1, 5), datetime(2026, 1, 7)
    sheet["A5"], sheet["B5"] = "RH-2", "12/22/2025"
    path = tmp_path / f"titled-{title_rows}.xlsx"
    book.save(path)
    return path


def test_a_titled_workbook_is_read_from_its_header_row(tmp_path: Path) -> None:
    path = _titled_workbook(tmp_path)
    # Its bad cell is named at its sheet row: the header is on row 3, RH-2 on row 5.
    stop(cases(path), f"{path}:5:2:", "no month 22")
    run = cases(path, "--skip-bad-rows")
    assert due(run)[("RH-1", "stage1.acknowledge")] == ("2026-01-12", "on_time")
    assert "header on row 3 (2 row(s) above it left out)" in run.stderr
    assert cases(path, "--header-row", "3", "--skip-bad-rows").exit_code == 0
    stop(cases(path, "--header-row", "1"), f"{path}:1:1:", "no 'reference' column", "--header-row")


def test_blank_rows_above_the_header_keep_the_sheet_row_numbers(tmp_path: Path) -> None:
    # Readers start a sheet at its first row with a value; chc still names sheet rows.
    path = _titled_workbook(tmp_path, title_rows=0)
    stop(cases(path), f"{path}:5:2:", "no month 22")


def test_a_titled_csv_is_read_from_its_header_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Riverside Homes complaints log,,\nExported 30/01/2026,,\n"
        "Reference,Received,Stage 1 Acknowledged\nRH-1,05/01/2026,07/01/2026\nRH-2,x,\n",
    )
    stop(cases(path), f"{path}:5:2:", "'x' is not a date")


def test_a_sep_line_sets_the_separator_and_is_not_the_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sep=;\nReference;Received;Stage 1 Acknowledged;Notes\n"
        "RH-1;05/01/2026;07/01/2026;a, b\nRH-2;12/22/2025;;\n",
    )
    stop(cases(path), f"{path}:4:2:", "no month 22")
    comma = write(tmp_path, "sep=,\r\nReference,Received\r\nRH-1,05/01/2026\r\n", "comma.csv")
    run = cases(comma)
    assert due(run)[("RH-1", "stage1.acknowledge")] == ("2026-01-12", "overdue")
    assert "line 1 'sep=,' names the separator" in run.stderr


# --- 6. every problem in one run, with the columns file ready ----------------------------------

FOUR_RUNS = """\
Complaint Ref,Date Received,Stage 1 Response Sent,Closed
C-1,05/01/2026,16/01/2026,16/01/2026
"""


def test_every_column_problem_in_one_stop_and_the_columns_file_that_reads_it(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, FOUR_RUNS)
    line = stop(
        cases(path),
        f"{path}:1:1:",
        "4 columns need a decision",
        "'Complaint Ref' looks like reference",
        "'Date Received' looks like received",
        "'Stage 1 Response Sent' looks like stage1_responded",
        "'Closed' names a complaint event",
        "--suggest-columns",
    )
    assert line.index("Complaint Ref") < line.index("Date Received") < line.index("'Closed'")
    suggestion = tmp_path / "columns.yaml"
    run = cases(path, "--suggest-columns", str(suggestion))
    assert run.exit_code == 2
    assert f"wrote {suggestion}" in run.stderr
    text = suggestion.read_text(encoding="utf-8")
    assert 'reference: "Complaint Ref"  # check' in text
    assert 'received: "Date Received"  # check' in text
    assert 'stage1_responded: "Stage 1 Response Sent"  # check' in text
    assert '  - "Closed"  # check: it may be stage2_responded' in text
    # Passed back, it reads the file. C-1: acknowledgement due Mon 12 Jan, none recorded:
    # overdue; respond from that assumed date: Tue 13 (1) ... Fri 16 (4), Mon 19 (5) ...
    # Fri 23 (9), Mon 26 (10) -> 2026-01-26; answered Fri 16: on time.
    got = due(cases(path, "--columns", str(suggestion)))
    assert got[("C-1", "stage1.acknowledge")] == ("2026-01-12", "overdue")
    assert got[("C-1", "stage1.respond")] == ("2026-01-26", "on_time")


def test_a_two_digit_year_says_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path, "Reference,Received\nR1,12/03/25\n")
    stop(cases(path), f"{path}:2:2:", "12/03/25 has a two-digit year", "--date-format %d/%m/%y")
    run = cases(path, "--date-format", "%d/%m/%y")
    assert due(run)[("R1", "stage1.acknowledge")][0] == "2025-03-19"


def test_a_stage_key_of_the_columns_file_needs_a_stage_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Reference,Received,Ack\nHC-1,05/01/2026,07/01/2026\n")
    columns = write(tmp_path, "# map\nstage_acknowledged: Ack\n", "columns.yaml")
    stop(cases(path, "--columns", str(columns)), f"{columns}:2:", "stage column")
    bad = write(tmp_path, "references: loose\n", "bad.yaml")
    stop(cases(path, "--columns", str(bad)), f"{bad}:1:", "'loose'", "case-insensitive")


def test_a_header_row_the_file_does_not_have_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "Reference,Received\nHC-1,05/01/2026\n")
    stop(cases(path, "--header-row", "9"), f"{path}: --header-row 9", "no such row")
    sheet = _titled_workbook(tmp_path, title_rows=0)
    stop(cases(sheet, "--header-row", "1"), f"{sheet}: --header-row 1", "blank")


def test_the_suggested_columns_file_of_a_stage_row_export_reads_it_the_same(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, CIVICA)
    suggestion = tmp_path / "columns.yaml"
    run = cases(path, "--suggest-columns", str(suggestion))
    assert run.exit_code == 0, run.stderr
    text = suggestion.read_text(encoding="utf-8")
    assert 'stage_start: "Stage Start Date"\nstage_acknowledged: "Acknowledged Date"\n' in text
    assert "# check" not in text.split("\n", 2)[2]  # nothing to check: all placed
    again = cases(path, "--columns", str(suggestion))
    assert due(again) == due(run)


def test_the_case_file_options_are_refused_without_a_case_file() -> None:
    run = run_chc("deadlines", "--received", "2026-01-05", "--header-row", "3", "--summary")
    stop(run, "--summary and --header-row go with --cases")


def test_a_columns_file_is_suggested_for_a_large_file_with_a_line_break_in_a_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chc.caseload import sources
    from chc.caseload.reading import suggest_columns

    rows = "".join(f"R{i},05/01/2026,\n" for i in range(200))
    path = write(tmp_path, 'Complaint Ref,Received,Notes\nR,05/01/2026,"two\nlines"\n' + rows)
    monkeypatch.setattr(sources, "PIECE_BYTES", 300)
    assert 'reference: "Complaint Ref"  # check' in suggest_columns(path)


def test_a_column_shaped_like_dates_only_by_chance_raises_no_alarm(tmp_path: Path) -> None:
    # An account number with dashes is not a date (no month 34); a slip (31/02/2026) in a
    # column of dates leaves it a column of dates.
    path = write(
        tmp_path,
        "Reference,Received,Account,Visit\nHC-1,05/01/2026,12-34-5678,31/02/2026\n"
        "HC-2,05/01/2026,10-99-0001,\n",
    )
    stop(cases(path), f"{path}:1:4:", "'Visit' holds dates")
    run = cases(path, "--ignore-column", "Visit")
    assert run.exit_code == 0, run.stderr
    assert "ignored: 'Account', 'Visit'" in run.stderr


def test_a_sheet_that_starts_in_column_b_names_its_cells_by_the_sheets_columns(
    tmp_path: Path,
) -> None:
    # Readers start at the first row and column holding a value; chc names the sheet's own.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["B3"], sheet["C3"], sheet["D3"] = "Reference", "Received", "Officer"
    sheet["B4"], sheet["C4"], sheet["D4"] = "RH-1", datetime(2026, 1, 5), "Jo"
    sheet["B5"], sheet["C5"] = "RH-2", "12/22/2025"
    path = tmp_path / "column-b.xlsx"
    book.save(path)
    stop(cases(path), f"{path}:5:3:", "no month 22")
    run = cases(path, "--skip-bad-rows")
    # RH-1: received Mon 5 Jan, no acknowledgement recorded: due Mon 12, overdue.
    assert due(run)[("RH-1", "stage1.acknowledge")] == ("2026-01-12", "overdue")
    assert "reference <- 'Reference'" in run.stderr and "ignored: 'Officer';" in run.stderr


def test_the_suggestion_never_replaces_the_columns_file_it_starts_from(tmp_path: Path) -> None:
    path = write(tmp_path, FOUR_RUNS)
    columns = write(tmp_path, "reference: Complaint Ref\n", "columns.yaml")
    run = cases(path, "--columns", str(columns), "--suggest-columns", str(columns), "--force")
    stop(run, f"{columns}: will not overwrite an input file")
    assert columns.read_text(encoding="utf-8") == "reference: Complaint Ref\n"
