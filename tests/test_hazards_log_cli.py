"""`chc hazards --cases`: a repairs log through the CLI. Each report's JSON equals what
`chc hazards --aware ...` gives for the same facts; CSV, JSON lines, .ics and the summary
agree with it; outputs are written whole and made inert; every bad input exits 2 with its
file:line:column and one line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import vobject

from conftest import Run, run_chc
from test_hazards_cli import one_line_error

AS_OF = "2027-01-07T12:00"
HEADER = "Job Ref,Track,Date Reported,Investigation Concluded,Made Safe,Access Attempts,Decanted"
ROWS = [
    # Emergency, investigated and made safe in time.
    "R1,emergency,2026-12-04T16:30,2026-12-05T09:00,2026-12-05T11:00,,",
    # Emergency, never made safe, two attempts before the deadline (evidence to show).
    "R2,Emergency,04/12/2026 17:00,2026-12-05T10:00,,04/12/2026 20:00; 2026-12-05T09:00,",
    # Emergency across the spring clock change (23 elapsed hours), made safe late.
    "R3,emergency,2026-03-28T12:00,2026-03-28T15:00,2026-03-29T12:30,,",
    # Emergency, household decanted in time: the make-safe duty stops applying.
    "R4,emergency,2026-12-10T08:00,,,,2026-12-10T20:00",
    # Significant (damp and mould) over Christmas, concluded, nothing else yet.
    "R5,significant,18/12/2026,2027-01-05,,,",
    # Significant, not yet investigated.
    "R6,significant,2027-01-04,,,,",
]
ONE_REPORT = {
    "Investigation Concluded": "--concluded",
    "Made Safe": "--made-safe",
    "Decanted": "--decanted",
}


def write_log(tmp_path: Path, rows: list[str] = ROWS, header: str = HEADER) -> Path:
    path = tmp_path / "repairs.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run_log(path: Path, *args: str) -> Run:
    return run_chc("hazards", "--cases", str(path), "--as-of", AS_OF, "--quiet", *args)


def log_json(path: Path, *args: str) -> dict[str, Any]:
    r = run_log(path, "--format", "json", *args)
    assert r.exit_code == 0, r.stderr
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _iso(cell: str) -> str:
    """A UK day-first cell as the one-report options take it."""
    m = re.match(r"^(\d{2})/(\d{2})/(\d{4})(?: (\d{2}:\d{2}))?$", cell)
    if m is None:
        return cell
    return f"{m[3]}-{m[2]}-{m[1]}" + (f"T{m[4]}" if m[4] else "")


def _one_report_args(header: list[str], cells: list[str]) -> list[str]:
    args = ["--reference", cells[0], "--track", cells[1].lower(), "--aware", _iso(cells[2])]
    for name, cell in zip(header, cells, strict=True):
        if name in ONE_REPORT and cell:
            args += [ONE_REPORT[name], _iso(cell)]
        if name == "Access Attempts" and cell:
            for attempt in cell.split(";"):
                args += ["--access-attempt", _iso(attempt.strip())]
    return args


def test_each_report_equals_the_one_report_answer(tmp_path: Path) -> None:
    data = log_json(write_log(tmp_path))
    assert data["count"] == len(ROWS)
    header = HEADER.split(",")
    for line, (row, report) in enumerate(zip(ROWS, data["reports"], strict=True), start=2):
        one = run_chc(
            "hazards", *_one_report_args(header, row.split(",")), "--as-of", AS_OF, "-f", "json"
        )
        assert one.exit_code == 0, one.stderr
        assert report == {"line": line, **json.loads(one.stdout)}


def _statuses(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(r["reference"], e["key"]): e["status"] for r in data["reports"] for e in r["events"]}


def test_the_log_answers_what_was_worked_out_by_hand(tmp_path: Path) -> None:
    data = log_json(write_log(tmp_path))
    status = _statuses(data)
    assert status[("R1", "emergency.make_safe")] == "on_time"
    assert status[("R2", "emergency.make_safe")] == "overdue"
    assert status[("R3", "emergency.make_safe")] == "late"
    assert status[("R4", "emergency.make_safe")] == "stopped"
    assert status[("R5", "significant.investigate")] == "on_time"
    r3 = data["reports"][2]["events"][1]
    # Aware Sat 28 Mar 12:00 GMT; the clocks go forward that night: due Sun 12:00 BST.
    assert r3["due"] == "2026-03-29T12:00+01:00" and r3["clock_change"] is True
    assert r3["late_by"] == {"amount": 0.5, "unit": "hours"}
    r2 = data["reports"][1]["events"][1]
    assert r2["access_attempts"] == ["2026-12-04T20:00+00:00", "2026-12-05T09:00+00:00"]
    # R5: 18 Dec 2026 is day 0; Christmas, Boxing Day (28 Dec) and 1 Jan are not working days.
    assert data["reports"][4]["events"][0]["due"] == "2027-01-06"


def test_csv_has_one_row_per_report_and_step(tmp_path: Path) -> None:
    path = write_log(tmp_path)
    data = log_json(path)
    r = run_log(path, "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    expected = [
        (rep["reference"], str(rep["line"]), e["key"], e["due"], e["status"])
        for rep in data["reports"]
        for e in rep["events"]
    ]
    assert [(x["reference"], x["line"], x["step"], x["due"], x["status"]) for x in rows] == expected
    missed = next(x for x in rows if x["reference"] == "R2" and x["step"] == "emergency.make_safe")
    assert missed["access_attempts"] == "2026-12-04T20:00+00:00;2026-12-05T09:00+00:00"


def test_json_lines_are_the_reports(tmp_path: Path) -> None:
    path = write_log(tmp_path)
    r = run_log(path, "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    assert [json.loads(line) for line in r.stdout.splitlines()] == log_json(path)["reports"]


def test_summary_counts_each_steps_statuses(tmp_path: Path) -> None:
    path = write_log(tmp_path)
    status = _statuses(log_json(path))
    r = run_log(path, "--summary", "--format", "json")
    assert r.exit_code == 0, r.stderr
    summary = json.loads(r.stdout)
    for row in summary:
        mine = [s for (_, key), s in status.items() if key == row["step"]]
        assert row["total"] == len(mine)
        for name in ("on_time", "late", "overdue", "due", "waiting", "stopped", "not_required"):
            assert row[name] == mine.count(name), (row["step"], name)
    assert sum(row["total"] for row in summary) == len(status)
    text = run_log(path, "--summary")
    assert text.exit_code == 0, text.stderr
    lines = text.stdout.splitlines()
    first = lines.index("Emergency hazards (24 hours)")
    assert (
        lines[first + 2]
        == "  Make the home safe: 4 (1 on time, 1 late, 1 overdue, 1 no longer applies)"
    )
    assert f"{len(ROWS)} hazard reports, {len(status)} steps" in text.stdout


def test_the_calendar_has_timed_events_for_the_24_hour_clocks(tmp_path: Path) -> None:
    r = run_log(write_log(tmp_path), "--format", "ics")
    assert r.exit_code == 0, r.stderr
    cal = vobject.readOne(r.stdout)
    events = {ev.uid.value: ev for ev in cal.vevent_list}
    assert len(events) == len(cal.vevent_list)  # every report's steps have their own UID
    safe = events["R2.emergency.make_safe@chc"].dtstart.value
    assert safe.isoformat() == "2026-12-05T17:00:00+00:00"
    day = events["R5.significant.summary@chc"].dtstart.value
    assert day.isoformat() == "2027-01-08"
    assert "R4.emergency.make_safe@chc" not in events  # stopped: no longer to be done


def test_text_lists_what_is_overdue_late_and_due_soon(tmp_path: Path) -> None:
    r = run_log(write_log(tmp_path))
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert out.index("Overdue (") < out.index("Done late (") < out.index("Due within 5")
    assert "R2  Make the home safe" in out
    assert "2 access attempts recorded by then" in out
    lines = out.splitlines()
    late = lines.index("R3  Make the home safe")
    assert lines[late + 1] == "    due Sun 29 Mar 2026 12:00 BST  late by 0 h 30 min"
    assert lines[late + 2] == "    done Sun 29 Mar 2026 12:30 BST"
    assert any(line.startswith(f"{len(ROWS)} hazard reports, ") for line in lines)
    assert "What these dates rest on" in out


@pytest.mark.parametrize("summary", [(), ("--summary",)])
def test_the_log_views_fit_80_columns(tmp_path: Path, summary: tuple[str, ...]) -> None:
    r = run_chc(
        "hazards", "--cases", str(write_log(tmp_path)), "--as-of", AS_OF, "-q", *summary,
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert max(len(line.rstrip()) for line in r.stdout.splitlines()) <= 80


def test_the_reader_says_which_column_fed_which_field(tmp_path: Path) -> None:
    r = run_chc("hazards", "--cases", str(write_log(tmp_path)), "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    assert "6 hazard reports from 7 columns" in r.stderr
    assert "reference <- 'Job Ref'" in r.stderr and "aware <- 'Date Reported'" in r.stderr


def test_an_excel_log_and_a_json_lines_log(tmp_path: Path) -> None:
    from datetime import date, datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Reference", "Track", "Reported", "Made safe"])
    ws.append(["X1", "emergency", datetime(2026, 12, 4, 16, 30), datetime(2026, 12, 5, 11, 0)])
    ws.append(["X2", "significant", date(2026, 12, 18), None])
    wb.save(tmp_path / "log.xlsx")
    data = log_json(tmp_path / "log.xlsx")
    assert [r["aware"] for r in data["reports"]] == ["2026-12-04T16:30+00:00", "2026-12-18"]
    ws.append(["X3", "emergency", date(2026, 12, 18), None])  # a date cell: no time
    wb.save(tmp_path / "log.xlsx")
    one_line_error(run_log(tmp_path / "log.xlsx"), "log.xlsx:4:3:", "has no time")
    lines = tmp_path / "log.jsonl"
    lines.write_text('{"reference": "J1", "track": "emergency", "aware": "2026-12-04T16:30"}\n')
    assert log_json(lines)["reports"][0]["reference"] == "J1"


def test_outputs_are_written_whole_and_need_force(tmp_path: Path) -> None:
    path = write_log(tmp_path)
    out = tmp_path / "out.csv"
    assert run_log(path, "-f", "csv", "-o", str(out)).exit_code == 0
    first = out.read_text()
    assert first.startswith("reference,line,")
    one_line_error(run_log(path, "-f", "csv", "-o", str(out)), "--force")
    assert run_log(path, "-f", "json", "-o", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())["count"] == len(ROWS)
    one_line_error(run_log(path, "-f", "csv", "-o", str(path), "--force"))  # never the input
    assert path.read_text().startswith(HEADER)


def test_user_text_is_made_inert(tmp_path: Path) -> None:
    path = write_log(
        tmp_path,
        [
            '"=HYPERLINK(""x"")",emergency,2026-12-04T16:30,,,,',
            "B\x1b[2J,emergency,2026-12-04T16:30,,,,",
        ],
    )
    r = run_log(path, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    refs = {row["reference"] for row in csv.DictReader(io.StringIO(r.stdout))}
    assert refs == {'\'=HYPERLINK("x")', "B\\x1b[2J"}
    text = run_log(path)
    assert "\x1b" not in text.stdout and "B\\x1b[2J" in text.stdout
    ics = run_log(path, "-f", "ics")
    assert "\x1b" not in ics.stdout
    for fmt in ("jsonl", "json"):  # the columnar writers: escaped, and read back the same
        data = run_log(path, "-f", fmt)
        assert data.exit_code == 0 and "\x1b" not in data.stdout, data.stderr
        assert "\\u001b[2J" in data.stdout and '"=HYPERLINK(\\"x\\")"' in data.stdout
    # A carriage return inside a quoted cell is shown, not sent, by either CSV path.
    path.write_text('reference,track,aware\n"A\rB",emergency,2026-12-04T16:30\n')
    r = run_log(path, "-f", "csv")
    assert r.exit_code == 0 and "\r" not in r.stdout and '"A\\rB",2,' in r.stdout


# Words a hazards people's view must not hold: step and event keys, assumption ids, the
# research account and library versions (those belong in JSON, the regime's sources and docs).
_NOT_FOR_PEOPLE = re.compile(
    r"emergency\.|significant\.|made_safe|summary_sent|works_begun|works_started|no_hazard|"
    r"consent_refused|on_time|not_required|AL-[A-Z]|commentator|unverified|holidays \d|"
    r"\(\d+\.\d+(\.\d+)?\)"
)


def _people_words(text: str) -> list[str]:
    return [m.group() for m in _NOT_FOR_PEOPLE.finditer(text)]


def test_people_views_hold_no_keys_or_research_words(tmp_path: Path) -> None:
    path = write_log(tmp_path)
    views = [run_log(path).stdout, run_log(path, "--summary").stdout]
    views.append(
        run_chc(
            "hazards", "--aware", "2026-12-04T16:30", "--track", "emergency",
            "--made-safe", "2026-12-05T18:00", "--as-of", AS_OF,
        ).stdout
    )  # fmt: skip
    views.append(
        run_chc(
            "hazards", "--aware", "2026-12-18", "--track", "significant",
            "--concluded", "2027-01-05", "--as-of", AS_OF,
        ).stdout
    )  # fmt: skip
    cal = vobject.readOne(run_log(path, "-f", "ics").stdout)
    views += [f"{ev.summary.value}\n{ev.description.value}" for ev in cal.vevent_list]
    for view in views:
        assert view.strip()
        assert _people_words(view) == [], view


def test_the_wording_test_can_fail() -> None:
    # The pattern catches what it is there to catch.
    assert _people_words("emergency.make_safe due; AL-NO-PAUSE; (holidays 0.109)") == [
        "emergency.", "AL-N", "holidays 0",
    ]  # fmt: skip


# --- bad input: each kind exits 2 with its file:line:column, one line, no traceback ---


@pytest.mark.parametrize(
    ("header", "row", "where", "words"),
    [
        ("reference,track", "R1,emergency", "repairs.csv:1:1:", "no 'aware' column"),
        ("reference,track,aware,Made Safe Dt", "R1,emergency,2026-12-04T16:30,", "repairs.csv:1:4:",
         "looks like made_safe"),
        ("reference,track,aware,made_safe", "R1,emergency,2026-12-04T16:30,2026-12-05",
         "repairs.csv:2:4:", "has no time"),
        ("reference,track,aware", "R1,urgent,2026-12-04T16:30", "repairs.csv:2:2:",
         "'urgent' is not emergency or significant"),
        ("reference,track,aware,concluded", "R1,significant,2026-12-18,2026-12-01",
         "repairs.csv:2:4:", "before aware"),
        ("reference,track,aware,made_safe", "R1,emergency,2026-12-04T16:30,tomorrow",
         "repairs.csv:2:4:", "'tomorrow' is not a date"),
        ("reference,track,aware", "R1,emergency,2026-03-29T01:30", "repairs.csv:2:3:",
         "does not exist in UK time"),
        ("reference,track,aware,hazard", "R1,emergency,2026-12-04T16:30,ghosts",
         "repairs.csv:2:4:", "unknown kind 'ghosts'"),
        ("reference,track,aware,Visited", "R1,emergency,2026-12-04T16:30,2026-12-05",
         "repairs.csv:1:4:", "holds dates"),
        ("reference,track,aware,concluded", "R1,significant,2026-12-04,2026-12-01",
         "repairs.csv:2:4:", "concluded: 2026-12-01 is before aware"),
    ],
)  # fmt: skip
def test_bad_logs_exit_2_located(
    tmp_path: Path, header: str, row: str, where: str, words: str
) -> None:
    path = write_log(tmp_path, [row], header)
    one_line_error(run_log(path), where, words)


def test_a_repeated_reference_is_located(tmp_path: Path) -> None:
    rows = ["R1,emergency,2026-12-04T16:30", "R1,emergency,2026-12-04T17:30"]
    path = write_log(tmp_path, rows, "reference,track,aware")
    one_line_error(run_log(path), "repairs.csv:3:1:", "each hazard report must be on one row")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--aware", "2026-12-04T16:30"], "--aware cannot be used with --cases"),
        (["--made-safe", "2026-12-05T10:00"], "--made-safe cannot be used with --cases"),
    ],
)
def test_one_reports_options_are_refused_with_a_log(
    tmp_path: Path, args: list[str], words: str
) -> None:
    one_line_error(run_log(write_log(tmp_path), *args), words)


def test_log_options_need_a_log() -> None:
    one_line = ["hazards", "--aware", "2026-12-04T16:30", "--track", "emergency"]
    one_line_error(run_chc(*one_line, "--summary"), "--summary goes with --cases")
    one_line_error(run_chc(*one_line, "-f", "csv"), "--format csv goes with --cases")
    one_line_error(run_chc("hazards"), "give --aware and --track")


def test_a_calendar_summary_is_refused(tmp_path: Path) -> None:
    one_line_error(run_log(write_log(tmp_path), "--summary", "-f", "ics"), "--summary goes with")


def test_suggest_columns_writes_the_columns_file_a_near_miss_needs(tmp_path: Path) -> None:
    path = write_log(tmp_path, ["R1,emergency,2026-12-04T16:30,2026-12-05T10:00"],
                     "reference,track,aware,Made Safe Dt")  # fmt: skip
    columns = tmp_path / "columns.yaml"
    r = run_log(path, "--suggest-columns", str(columns))
    assert r.exit_code == 2 and "looks like made_safe" in r.stderr  # the run still stops
    assert f"wrote {columns}" in r.stderr
    assert 'made_safe: "Made Safe Dt"  # check' in columns.read_text()
    data = log_json(path, "--columns", str(columns))
    assert data["reports"][0]["events"][1]["status"] == "on_time"
