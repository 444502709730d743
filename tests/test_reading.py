"""The case-file reader: exports as case systems and spreadsheets write them.

Due dates are counted by hand on a calendar (the event day is day 0; England and Wales bank
holidays: Thu 25 Dec 2025, Fri 26 Dec 2025, Thu 1 Jan 2026). All runs are as of
Fri 30 Jan 2026 under the 2024 Code (acknowledge within 5 working days of receipt; respond
within 10 working days of the acknowledgement at stage 1, 20 at stage 2).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from chc.caseload.frame import frame_schema
from chc.caseload.reading import REPORT_READS, ReadOptions, describe, read_case_file
from chc.errors import ChcError
from conftest import EXAMPLES, Run, run_chc

AS_OF = "2026-01-30"
EXPORT = EXAMPLES / "case-system-export.csv"
COLUMNS = EXAMPLES / "case-system-columns.yaml"


def due(run: Run) -> dict[tuple[str, str], tuple[str, str]]:
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    return {
        (c["reference"], e["key"]): (e["due"], e["status"])
        for c in data["cases"]
        for e in c["events"]
    }


def cases(path: Path, *args: str) -> Run:
    return run_chc("deadlines", "--cases", str(path), "--as-of", AS_OF, *args)


def report(path: Path) -> Run:
    """``chc report`` on the case file, for a year, with the options it needs."""
    return run_chc(
        "report", str(path), "--homes", "100", "--from", "2025-04-01", "--to", "2026-03-31",
        "--landlord", "X",
    )  # fmt: skip


def one_line_error(run: Run, *words: str) -> str:
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("chc: error: "), lines[0]
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped case-system example, with its columns file ------------------------------------


def test_case_system_export_with_its_columns_file() -> None:
    # CS-1001: received Mon 22 Dec 2025. Acknowledge: Tue 23 (1), Wed 24 (2), Thu 25 hol,
    #   Fri 26 hol, Mon 29 (3), Tue 30 (4), Wed 31 (5) -> 2025-12-31. Respond from the
    #   acknowledgement Tue 23: Wed 24 (1), Mon 29 (2), Tue 30 (3), Wed 31 (4), Thu 1 hol,
    #   Fri 2 (5), Mon 5 (6) ... Fri 9 Jan (10) -> 2026-01-09, responded that day: on time.
    # CS-1002: received Fri 2 Jan 2026 09:14. Acknowledge: Mon 5 (1) ... Fri 9 (5). Respond
    #   from the acknowledgement Mon 5: Tue 6 (1) ... Fri 9 (4), Mon 12 (5) ... Fri 16 (9),
    #   Mon 19 (10) -> 2026-01-19; not responded by Fri 30: overdue.
    # CS-1003: acknowledged Tue 2 Dec 2025; respond: Wed 3 (1) ... Fri 5 (3), Mon 8 (4) ...
    #   Fri 12 (8), Mon 15 (9), Tue 16 (10) -> 2025-12-16; 10 more working days: Wed 17 (1),
    #   Thu 18, Fri 19, Mon 22, Tue 23, Wed 24 (6), Mon 29 (7), Tue 30, Wed 31 (9),
    #   Fri 2 Jan (10) -> 2026-01-02. Stage 2 asked Mon 5 Jan: acknowledge Tue 6 (1) ...
    #   Mon 12 (5); respond from the acknowledgement Wed 7: Thu 8 (1), Fri 9 (2), Mon 12 (3)
    #   ... Fri 30 (17), Mon 2 Feb (18), Tue 3 (19), Wed 4 (20) -> 2026-02-04, open.
    got = due(cases(EXPORT, "--columns", str(COLUMNS), "--format", "json"))
    assert got[("CS-1001", "stage1.acknowledge")] == ("2025-12-31", "on_time")
    assert got[("CS-1001", "stage1.respond")] == ("2026-01-09", "on_time")
    assert got[("CS-1002", "stage1.acknowledge")] == ("2026-01-09", "on_time")
    assert got[("CS-1002", "stage1.respond")] == ("2026-01-19", "overdue")
    assert got[("CS-1003", "stage1.respond")][0] == "2025-12-16"
    assert got[("CS-1003", "stage1.respond_extended")] == ("2026-01-02", "on_time")
    assert got[("CS-1003", "stage2.acknowledge")] == ("2026-01-12", "on_time")
    assert got[("CS-1003", "stage2.respond")] == ("2026-02-04", "open")


def test_the_run_says_which_column_fed_which_field() -> None:
    run = cases(EXPORT, "--columns", str(COLUMNS), "--format", "json")
    assert run.stderr.count("\n") == 1
    line = run.stderr.strip()
    assert line.startswith(
        "chc: read case-system-export.csv: 3 complaints from 10 columns; "
        "reference <- 'Complaint Ref', "
    )
    assert "stage1_acknowledged <- 'S1 Ack Date'" in line
    assert "stage2_requested <- 'Stage 2 Requested'" in line
    assert line.endswith("ignored: 'Officer', 'Notes'")
    quiet = cases(EXPORT, "--columns", str(COLUMNS), "--format", "json", "--quiet")
    assert quiet.stderr == ""


def test_without_the_columns_file_the_export_stops_at_its_first_unplaced_column() -> None:
    one_line_error(
        cases(EXPORT),
        f"{EXPORT}:1:1:",
        "'Complaint Ref' looks like reference",
        "'reference: Complaint Ref'",
        "--columns",
    )


def test_the_frame_has_exactly_the_schema_and_the_file_columns() -> None:
    frame = read_case_file(EXPORT, ReadOptions(columns=COLUMNS))
    assert dict(frame.frame.schema) == frame_schema()
    assert frame.frame["line"].to_list() == [2, 3, 4]
    assert frame.frame["received"].to_list() == [
        date(2025, 12, 22),
        date(2026, 1, 2),
        date(2025, 12, 1),
    ]
    assert frame.frame["stage1_extension"].to_list() == [None, None, 10]
    assert frame.columns["stage1_responded"] == 5
    assert frame.headers["category"] == "Complaint Type"
    assert frame.ignored == ("Officer", "Notes")
    assert "stage3_requested" not in frame.present


# --- header matching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Stage 1 Acknowledged", "STAGE1_ACKNOWLEDGED", "stage1_acknowledged", "Stage-1.Acknowledged"],
)
def test_headers_match_ignoring_case_spaces_underscores_hyphens_and_stops(
    tmp_path: Path, header: str
) -> None:
    path = write(tmp_path, f"Reference,Received,{header}\nR1,2025-12-22,2025-12-23\n")
    frame = read_case_file(path)
    assert frame.frame["stage1_acknowledged"].to_list() == [date(2025, 12, 23)]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Stage 1 Ack Date", "stage1_acknowledged"),
        ("S1 Response", "stage1_responded"),
        ("Stage 2 Escalation Date", "stage2_requested"),
        ("Recieved", "received"),
        ("S2 Ext", "stage2_extension"),
    ],
)
def test_a_near_miss_header_stops_naming_column_field_and_the_line_to_add(
    tmp_path: Path, header: str, field: str
) -> None:
    path = write(tmp_path, f"reference,received,Officer,{header}\nR1,2025-12-22,Jo,\n")
    if field == "received":
        path = write(tmp_path, f"reference,{header},Officer\nR1,2025-12-22,Jo\n")
    column = 2 if field == "received" else 4
    one_line_error(
        cases(path),
        f"{path}:1:{column}:",
        f"the column {header!r} looks like {field}",
        f"'{field}: {header}'",
        "--columns",
    )


def test_common_other_columns_raise_no_false_alarm(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reference,received,Officer,Category,Tenancy,Stage,Notes,Outcome\n"
        "R1,2025-12-22,Jo,Repairs,Weekly,1,,Upheld\n",
    )
    run = cases(path, "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert "ignored: 'Officer', 'Tenancy', 'Notes'" in run.stderr
    # 'Date Closed' names an event (the last response?): it stops until mapped or left out
    # knowingly (tests/test_reading_exports.py).
    yearly = report(path)
    assert yearly.exit_code == 0, yearly.stderr


def test_a_near_miss_in_ignore_is_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received,Stage 1 Ack Date\nR1,2025-12-22,\n")
    columns = write(tmp_path, "ignore: [Stage 1 Ack Date]\n", "columns.yaml")
    run = cases(path, "--columns", str(columns))
    assert run.exit_code == 0, run.stderr
    assert "ignored: 'Stage 1 Ack Date'" in run.stderr


def test_report_stops_on_a_column_it_uses_under_another_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reference,received,Complaint Outcome,Refused?\nR1,2025-12-22,Upheld,\n",
    )
    # chc deadlines does not read the outcome, so it passes ...
    assert cases(path).exit_code == 0
    # ... but the report would count every outcome as "not recorded".
    run = report(path)
    one_line_error(run, f"{path}:1:3:", "looks like outcome", "'outcome: Complaint Outcome'")


def test_two_headers_for_one_field_stop(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,Received,received\nR1,2025-12-22,2025-12-22\n")
    one_line_error(cases(path), f"{path}:1:3:", "'Received' (2)", "'received' (3)", "ignore")


# --- the columns file --------------------------------------------------------------------------


def test_a_mapped_header_missing_from_the_file_is_named_with_the_headers_found(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "Ref,Received\nR1,2025-12-22\n")
    columns = write(tmp_path, "# map\nreference: Complaint Ref\n", "columns.yaml")
    one_line_error(
        cases(path, "--columns", str(columns)),
        f"{columns}:2:",
        "'Complaint Ref' is not in cases.csv",
        "'Ref', 'Received'",
    )


def test_an_unknown_field_in_the_columns_file_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nR1,2025-12-22\n")
    columns = write(tmp_path, "reference: reference\nrecieved: Date\n", "columns.yaml")
    one_line_error(cases(path, "--columns", str(columns)), f"{columns}:2:1:", "'recieved'")


# --- dates and numbers -------------------------------------------------------------------------


def test_uk_iso_and_spreadsheet_date_times_all_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reference,received\n"
        "A,22/12/2025\nB,2/1/2026\nC,22/12/2025 14:05\nD,2025-12-22T14:05:00\n"
        "E,2025-12-22 00:00:00\nF,2025-12-22\n",
    )
    got = read_case_file(path).frame["received"].to_list()
    assert got == [date(2025, 12, 22), date(2026, 1, 2)] + [date(2025, 12, 22)] * 4


def test_a_month_first_date_is_never_guessed(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,22/12/2025\nB,12/22/2025\n")
    one_line_error(
        cases(path), f"{path}:3:2:", "12/22/2025", "no month 22", "--date-format %m/%d/%Y"
    )


def test_date_format_states_an_unusual_format(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,12/22/2025\nB,2025-12-23\n")
    frame = read_case_file(path, ReadOptions(date_format="%m/%d/%Y"))
    assert frame.frame["received"].to_list() == [date(2025, 12, 22), date(2025, 12, 23)]
    bad = write(tmp_path, "reference,received\nA,22/12/2025\n", "bad.csv")
    one_line_error(cases(bad, "--date-format", "%m/%d/%Y"), f"{bad}:2:2:", "%m/%d/%Y")


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("0000-01-01", ["0000-01-01", "1990 to 2100"]),
        ("2101-01-04", ["2101-01-04", "1990 to 2100"]),
        ("31/02/2026", ["February 2026 has 28 days"]),
        ("2025-13-01", ["no month 13"]),
        ("٢٠٢٥-١٢-٢٢", ["digits other than 0-9"]),
        ("2025-12-2²", ["digits other than 0-9"]),
        ("yesterday", ["'yesterday' is not a date", "22/12/2025"]),
    ],
)
def test_a_bad_date_is_an_error_at_its_cell(tmp_path: Path, cell: str, words: list[str]) -> None:
    path = write(tmp_path, f"reference,Officer,received\nA,Jo,2025-12-22\nB,Jo,{cell}\n")
    one_line_error(cases(path), f"{path}:3:3:", "received: ", *words)


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("²", ["digits other than 0-9"]),
        ("١٠", ["digits other than 0-9"]),
        ("1e999999", ["'1e999999'", "1 to 365"]),
        ("99999999999999999999999", ["1 to 365"]),
        ("0", ["1 to 365"]),
        ("10.5", ["1 to 365"]),
    ],
)
def test_a_bad_extension_is_an_error_at_its_cell(
    tmp_path: Path, cell: str, words: list[str]
) -> None:
    path = write(tmp_path, f"reference,received,stage1_extension\nA,2025-12-22,{cell}\n")
    one_line_error(cases(path), f"{path}:2:3:", "stage1_extension: ", *words)


def test_a_spreadsheet_whole_number_is_an_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received,stage1_extension\nA,2025-12-22,10.0\n")
    assert read_case_file(path).frame["stage1_extension"].to_list() == [10]


@pytest.mark.parametrize("cell", ["1e999999", "٣٠٠", "20000000", "£12,34"])
def test_an_absurd_remedy_amount_stops_the_report(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, f'reference,received,remedy_amount\nA,2025-12-22,"{cell}"\n')
    run = report(path)
    one_line_error(run, f"{path}:2:3:", "remedy_amount")


def test_a_sane_remedy_amount_reads(tmp_path: Path) -> None:
    path = write(tmp_path, 'reference,received,remedy_amount\nA,2025-12-22,"£1,250.00"\n')
    frame = read_case_file(path, ReadOptions(fields=REPORT_READS))
    assert frame.frame["remedy_amount"].to_list() == ["£1,250.00"]


# --- CSV shapes --------------------------------------------------------------------------------


def test_semicolons_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(
        b"\xef\xbb\xbfReference;Received;Stage 1 Acknowledged;Notes\r\n"
        b"R1;22/12/2025;23/12/2025;a, b\r\n"
        b"R2;2/1/2026;;\r\n"
    )
    got = due(cases(path, "--format", "json"))
    # R1 as CS-1001 in the example above. R2: acknowledge due Fri 9 Jan 2026 (as CS-1002),
    # not done; respond from that assumed date: Mon 12 (1) ... Fri 16 (5), Mon 19 (6) ...
    # Fri 23 (10) -> 2026-01-23, overdue on Fri 30.
    assert got[("R1", "stage1.acknowledge")] == ("2025-12-31", "on_time")
    assert got[("R2", "stage1.acknowledge")] == ("2026-01-09", "overdue")
    assert got[("R2", "stage1.respond")] == ("2026-01-23", "overdue")


def test_tabs(tmp_path: Path) -> None:
    path = write(tmp_path, "reference\treceived\nR1\t22/12/2025\n")
    assert read_case_file(path).frame["received"].to_list() == [date(2025, 12, 22)]


def test_a_huge_cell_in_an_ignored_column_is_no_error(tmp_path: Path) -> None:
    path = write(tmp_path, f'reference,received,Notes\nR1,2025-12-22,"{"x" * 200_000}"\n')
    assert read_case_file(path).frame["reference"].to_list() == ["R1"]


def test_a_cell_with_a_line_break_keeps_the_line_numbers_exact(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'reference,received,Notes\nR1,2025-12-22,"two\nlines"\n\nR2,2025-12-40,\n',
    )
    one_line_error(cases(path), f"{path}:5:2:", "2025-12-40")
    huge = write(
        tmp_path, f'reference,received,Notes\nR1,2025-12-22,"{"y" * 200_000}\n"\nR2,x,\n', "h.csv"
    )
    one_line_error(cases(huge), f"{huge}:4:2:", "'x' is not a date")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(b"reference,received\nR1,2025-12-22\nR\xe92,2025-12-22\n")
    one_line_error(cases(path), f"{path}:3:", "not UTF-8")


def test_a_fifo_is_refused(tmp_path: Path) -> None:
    import os

    path = tmp_path / "cases.csv"
    os.mkfifo(path)
    one_line_error(cases(path), str(path), "not a regular file")


# --- duplicates and one-row-per-stage exports --------------------------------------------------


def test_a_duplicate_reference_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nR1,2025-12-22\nR2,2025-12-22\nR1,2025-12-23\n")
    one_line_error(cases(path), f"{path}:4:1:", "'R1'", "line 2", "line 4", "stage")


STAGE_ROWS = (
    (
        "Reference,Stage,Received,Stage 1 Acknowledged,Stage 1 Responded,Stage 2 Requested,"
        "Stage 2 Acknowledged\n"
    )
    + """\
CS-1,Stage 1,22/12/2025,23/12/2025,09/01/2026,,
CS-2,Stage 1,2/1/2026,5/1/2026,,,
CS-1,Stage 2,22/12/2025,,,12/01/2026,14/01/2026
"""
)


def test_one_row_per_stage_is_combined(tmp_path: Path) -> None:
    # CS-1 stage 2 asked Mon 12 Jan 2026: acknowledge Tue 13 (1) ... Mon 19 (5), done Wed 14.
    #   Respond from the acknowledgement Wed 14: Thu 15 (1), Fri 16 (2), Mon 19 (3) ...
    #   Fri 23 (7), Mon 26 (8) ... Fri 30 (12), Mon 2 Feb (13) ... Fri 6 (17), Mon 9 (18),
    #   Tue 10 (19), Wed 11 (20) -> 2026-02-11, open.
    path = write(tmp_path, STAGE_ROWS)
    run = cases(path, "--format", "json")
    got = due(run)
    assert got[("CS-1", "stage1.respond")] == ("2026-01-09", "on_time")
    assert got[("CS-1", "stage2.acknowledge")] == ("2026-01-19", "on_time")
    assert got[("CS-1", "stage2.respond")] == ("2026-02-11", "open")
    data = json.loads(run.stdout)
    assert [(c["reference"], c["line"]) for c in data["cases"]] == [("CS-1", 2), ("CS-2", 3)]
    assert "1 stage row(s) combined" in run.stderr


def test_stage_rows_that_disagree_name_both_cells(tmp_path: Path) -> None:
    path = write(tmp_path, STAGE_ROWS.replace("CS-1,Stage 2,22/12/2025", "CS-1,Stage 2,23/12/2025"))
    one_line_error(
        cases(path), f"{path}:4:3:", "received", "2025-12-22 on line 2", "2025-12-23 on line 4"
    )


def test_the_same_stage_twice_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, STAGE_ROWS.replace("CS-1,Stage 2,", "CS-1,stage 1,"))
    one_line_error(cases(path), f"{path}:4:2:", "'CS-1'", "lines 2 and 4")


# --- --skip-bad-rows ---------------------------------------------------------------------------


def test_skip_bad_rows_with_no_usable_row_exits_2_and_says_how_many(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,12/22/2025\nB,\n")
    run = cases(path, "--skip-bad-rows")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "skipped 2 bad row(s)" in run.stderr
    assert f"{path}:2:2:" in run.stderr and f"{path}:3:2:" in run.stderr
    assert "no row could be used" in run.stderr


def test_skip_bad_rows_always_reports_the_count(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,2025-12-22\n")
    run = cases(path, "--skip-bad-rows", "--quiet")
    assert run.exit_code == 0
    assert run.stderr.strip() == f"chc: skipped 0 bad rows in {path}"


def test_skip_bad_rows_in_the_library(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,2025-12-22\nB,2025-02-30\nC,2025-12-23\n")
    frame = read_case_file(path, ReadOptions(skip_bad_rows=True))
    assert frame.frame["reference"].to_list() == ["A", "C"]
    assert [(b.line, b.column) for b in frame.bad_rows] == [(3, 2)]
    assert "February 2025 has 28 days" in frame.bad_rows[0].message


# --- Excel and JSON lines ----------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Summary"
    sheet.append(["This sheet is a summary"])
    cases_sheet = book.create_sheet("Cases")
    cases_sheet.append(
        ["Reference", "Received", "Stage 1 Acknowledged", "Stage 1 Extension", "Officer"]
    )
    cases_sheet.append(["CS-1", datetime(2025, 12, 22), datetime(2025, 12, 23, 14, 5), None, "Jo"])
    cases_sheet.append(["CS-2", datetime(2026, 1, 2), None, 10, "Sam"])
    cases_sheet.append(["CS-3", "22/12/2025", None, None, None])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    return path


def test_excel_date_cells_and_title_case_headers(workbook: Path) -> None:
    run = cases(workbook, "--sheet", "Cases", "--format", "json")
    got = due(run)
    assert got[("CS-1", "stage1.acknowledge")] == ("2025-12-31", "on_time")
    assert got[("CS-1", "stage1.respond")] == ("2026-01-09", "overdue")
    # CS-2: acknowledge due Fri 9 Jan as CS-1002 above; respond from that assumed date:
    #   Mon 12 (1) ... Fri 16 (5), Mon 19 (6) ... Thu 22 (9), Fri 23 (10) -> 2026-01-23;
    #   10 working days' extension: Mon 26 (1) ... Fri 30 (5), Mon 2 Feb (6) ... Fri 6 (10).
    assert got[("CS-2", "stage1.respond_extended")] == ("2026-02-06", "open")
    assert got[("CS-3", "stage1.acknowledge")] == ("2025-12-31", "overdue")
    assert "read cases.xlsx (sheet 'Cases')" in run.stderr


def test_excel_reads_the_first_sheet_by_default(workbook: Path) -> None:
    one_line_error(cases(workbook), f"{workbook}:1:1:", "no 'reference' column")


def test_excel_unknown_sheet_lists_the_sheets(workbook: Path) -> None:
    one_line_error(cases(workbook, "--sheet", "Nope"), "'Summary', 'Cases'")


def test_excel_bad_cell_is_located_by_sheet_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Received"])
    sheet.append(["A", datetime(2025, 12, 22)])
    sheet.append(["B", "12/22/2025"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    one_line_error(cases(path), f"{path}:3:2:", "no month 22")


def test_a_broken_workbook_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    one_line_error(cases(path), str(path), "Excel workbook")


def test_json_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{"reference": "R1", "received": "22/12/2025", "stage1_extension": 10}\n'
        "\n"
        '{"reference": "R2", "received": "2026-01-02", "notes": null}\n',
        "cases.jsonl",
    )
    frame = read_case_file(path)
    assert frame.frame["line"].to_list() == [1, 3]
    assert frame.frame["stage1_extension"].to_list() == [10, None]
    assert frame.ignored == ("notes",)
    bad = write(tmp_path, '{"reference": "R1", "received": [1]}\n', "bad.jsonl")
    one_line_error(cases(bad), f"{bad}:1:2:", "received")


# --- regions and closures ----------------------------------------------------------------------


def test_regions_in_any_case() -> None:
    # St Andrew's Day, Mon 1 Dec 2025, is a Scottish bank holiday: from Fri 28 Nov, Tue 2 (1),
    # Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5).
    for region in ("Scotland", "SCOTLAND", "scotland"):
        run = run_chc(
            "deadlines", "--received", "2025-11-28", "--region", region, "--format", "json"
        )
        assert run.exit_code == 0, run.stderr
        events = json.loads(run.stdout)["events"]
        assert events[0]["due"] == "2025-12-08"


def test_closed_ranges_on_the_command_line_and_in_the_file(tmp_path: Path) -> None:
    # Received Mon 22 Dec 2025, closed 29-31 Dec: Tue 23 (1), Wed 24 (2), Fri 2 Jan (3),
    # Mon 5 (4), Tue 6 (5).
    args = ("deadlines", "--received", "2025-12-22", "--format", "json")
    run = run_chc(*args, "--closed", "2025-12-29..2025-12-31")
    assert json.loads(run.stdout)["events"][0]["due"] == "2026-01-06"
    closures = write(tmp_path, "# winter\n2025-12-29..2025-12-31\n", "closed.txt")
    run = run_chc(*args, "--closed-file", str(closures))
    assert json.loads(run.stdout)["events"][0]["due"] == "2026-01-06"
    backwards = write(tmp_path, "2025-12-31..2025-12-29\n", "back.txt")
    one_line_error(
        run_chc(*args, "--closed-file", str(backwards)), f"{backwards}:1:", "ends before"
    )


def test_describe_is_one_line() -> None:
    text = describe(read_case_file(EXPORT, ReadOptions(columns=COLUMNS)))
    assert "\n" not in text


def test_library_errors_are_chc_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "reference,received\nA,12/22/2025\n")
    with pytest.raises(ChcError) as caught:
        read_case_file(path)
    assert (caught.value.line, caught.value.column) == (2, 2)


@pytest.mark.parametrize("name", ["cases.xlsx", "cases.XLS", "cases.ods"])
def test_a_file_named_as_a_workbook_that_is_not_one_is_refused(tmp_path: Path, name: str) -> None:
    # Read as CSV, it would give nonsense or an error about its text.
    path = tmp_path / name
    path.write_bytes(b"reference,received\nR1,2024-05-01\n")
    one_line_error(cases(path), str(path), "not an Excel workbook", "CSV UTF-8")


def test_an_excel_97_workbook_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"  # whatever its name, the bytes say what it is
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    one_line_error(cases(path), str(path), "Excel 97-2003", ".xlsx")


def test_a_key_given_twice_in_a_json_line_is_an_error_at_its_line(tmp_path: Path) -> None:
    # json keeps the last of two, silently; which date was meant cannot be told.
    path = write(
        tmp_path,
        '{"reference": "R1", "received": "2024-05-01"}\n'
        '{"reference": "R2", "received": "2024-05-01", "received": "2024-06-01"}\n',
        "cases.jsonl",
    )
    one_line_error(cases(path), f"{path}:2:", "'received'", "twice")


def test_a_formula_never_calculated_is_an_error_at_its_cell(tmp_path: Path) -> None:
    # openpyxl, like many report generators, stores a formula without its value; every
    # reader then sees an empty cell, which would make a late response look open.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Received", "Stage 1 Responded", "Days open"])
    sheet.append(["R1", datetime(2024, 5, 1), datetime(2024, 5, 20), "=C2-B2"])
    sheet.append(["R2", datetime(2024, 5, 1), "=B3+30", "=C3-B3"])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    # D2 is a formula too, but in a column chc does not read: no error for it.
    one_line_error(cases(path), f"{path}:3:3:", "stage1_responded", "never calculated")
    # The sheet is read in pieces cut after whole cells: tiny pieces find the same cells.
    from chc import sheet_extent
    from chc.caseload import workbooks

    found = workbooks._uncalculated(path, "Sheet")
    assert found == ((2, 4), (3, 3), (3, 4))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sheet_extent, "_CHUNK", 7)
        assert workbooks._uncalculated(path, "Sheet") == found
    frame = read_case_file(path, ReadOptions(skip_bad_rows=True))
    assert frame.frame["reference"].to_list() == ["R1"]
    assert [(b.line, b.column) for b in frame.bad_rows] == [(3, 3)]


def test_only_formulas_without_a_value_are_taken_for_uncalculated() -> None:
    from chc.caseload.workbooks import _FORMULA

    xml = (
        b'<row r="2"><c r="C2" s="1"><f>B2+1</f><v>45415</v></c>'  # calculated: fine
        b'<c r="D2"><f>B2+2</f><v></v></c>'
        b'<c r="E2"><f t="shared" si="0"/></c>'
        b'<c r="AA2" t="str"><f>A2</f><v/></c></row>'
    )
    assert _FORMULA.findall(xml) == [(b"D", b"2"), (b"E", b"2"), (b"AA", b"2")]
