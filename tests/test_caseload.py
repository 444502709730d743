"""`chc deadlines --cases`: a caseload CSV through the CLI (in-process).

Every expected date was counted by hand on a calendar (the event day is day 0, "Thu 02 (1)"
means Thursday the 2nd is working day 1, "hol" a bank holiday). England and Wales bank
holidays in the period: Mon 06 May 2024 and Mon 27 May 2024. All runs are as of
Mon 03 Jun 2024; "the next 5 working days" are Tue 04 (1), Wed 05, Thu 06, Fri 07 and
Mon 10 Jun (5).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, Run, run_chc

AS_OF = "2024-06-03"

SMALL_CSV = """\
reference,received,stage1_acknowledged,stage1_responded,code,notes
R1,2024-05-01,2024-05-03,2024-05-20,,"first, with a comma in the notes"
"HA-1,2",2024-05-28,,,,
R3,2024-05-01,2024-05-03,2024-05-20,2022,
R4,2024-05-01,,,,
R5,2024-06-03,,,,
R6,2024-05-24,2024-05-28,,,
R7,2024-05-24,,,,
"""

# The events of SMALL_CSV, counted by hand:
# R1 (2024 rules): acknowledge 5 wd from Wed 01 May: Thu 02 (1), Fri 03 (2), Mon 06 hol,
#   Tue 07 (3), Wed 08 (4), Thu 09 (5) -> 05-09, done 03: on time. Respond 10 wd from the
#   acknowledgement Fri 03: Tue 07 (1) ... Fri 10 (4), Mon 13 (5) ... Fri 17 (9), Mon 20 (10)
#   -> 05-20, done on the day: on time.
# HA-1,2: acknowledge from Tue 28 May: Wed 29 (1), Thu 30 (2), Fri 31 (3), Mon 03 Jun (4),
#   Tue 04 (5) -> 06-04, open. Respond from that assumed date: Wed 05 (1), Thu 06 (2),
#   Fri 07 (3), Mon 10 (4) ... Fri 14 (8), Mon 17 (9), Tue 18 (10) -> 06-18, open.
# R3 (code 2022 in its row): acknowledge 5 calendar days -> Mon 06 May (4.1). Respond 10 wd
#   from logging (= the acknowledgement Fri 03) -> Mon 20 May as for R1 (5.1).
# R4: acknowledge due Thu 09 May, not done; as of Mon 03 Jun: Fri 10 (1), Mon 13 (2) ...
#   Fri 17 (6), Mon 20 (7) ... Fri 24 (11), Mon 27 hol, Tue 28 (12) ... Fri 31 (15),
#   Mon 03 (16) -> 16 late. Respond from the assumed 09 May: Fri 10 (1), Mon 13 (2) ...
#   Fri 17 (6), Mon 20 (7) ... Thu 23 (10) -> 05-23; Fri 24 (1), Tue 28 (2) ... Fri 31 (5),
#   Mon 03 (6) -> 6 late.
# R5: acknowledge from Mon 03 Jun: Tue 04 (1) ... Fri 07 (4), Mon 10 (5) -> 06-10. Respond
#   from it (assumed): Tue 11 (1) ... Fri 14 (4), Mon 17 (5) ... Fri 21 (9), Mon 24 (10).
# R6: acknowledge from Fri 24 May: Mon 27 hol, Tue 28 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4),
#   Mon 03 Jun (5) -> 06-03, done 28 May. Respond from Tue 28 May: Wed 29 (1), Thu 30 (2),
#   Fri 31 (3), Mon 03 (4) ... Fri 07 (8), Mon 10 (9), Tue 11 (10) -> 06-11.
# R7: acknowledge due Mon 03 Jun (as R6), not done: open ON its due date. Respond from it
#   (assumed): Tue 04 (1) ... Fri 07 (4), Mon 10 (5) ... Fri 14 (9), Mon 17 (10) -> 06-17.
HEADER = (
    "reference,code,key,stage,due,from_event,from_date,amount,unit,provision,done,status,"
    "assumed,working_days_late,superseded,assumptions"
)
SMALL_EVENTS = """\
R1,2024,stage1.acknowledge,1,2024-05-09,received,2024-05-01,5,working_days,6.2,2024-05-03,on_time,false,0,false,working-day
R1,2024,stage1.respond,1,2024-05-20,acknowledged,2024-05-03,10,working_days,6.3,2024-05-20,on_time,false,0,false,working-day;respond-from-acknowledgement
"HA-1,2",2024,stage1.acknowledge,1,2024-06-04,received,2024-05-28,5,working_days,6.2,,open,false,0,false,working-day
"HA-1,2",2024,stage1.respond,1,2024-06-18,acknowledged,2024-06-04,10,working_days,6.3,,open,true,0,false,working-day;respond-from-acknowledgement;ack-date-assumed
R3,2022,stage1.acknowledge,1,2024-05-06,received,2024-05-01,5,calendar_days,4.1,2024-05-03,on_time,false,0,false,acknowledge-calendar-days
R3,2022,stage1.respond,1,2024-05-20,logged,2024-05-03,10,working_days,5.1,2024-05-20,on_time,false,0,false,working-day;logged-when-acknowledged
R4,2024,stage1.acknowledge,1,2024-05-09,received,2024-05-01,5,working_days,6.2,,overdue,false,16,false,working-day
R4,2024,stage1.respond,1,2024-05-23,acknowledged,2024-05-09,10,working_days,6.3,,overdue,true,6,false,working-day;respond-from-acknowledgement;ack-date-assumed
R5,2024,stage1.acknowledge,1,2024-06-10,received,2024-06-03,5,working_days,6.2,,open,false,0,false,working-day
R5,2024,stage1.respond,1,2024-06-24,acknowledged,2024-06-10,10,working_days,6.3,,open,true,0,false,working-day;respond-from-acknowledgement;ack-date-assumed
R6,2024,stage1.acknowledge,1,2024-06-03,received,2024-05-24,5,working_days,6.2,2024-05-28,on_time,false,0,false,working-day
R6,2024,stage1.respond,1,2024-06-11,acknowledged,2024-05-28,10,working_days,6.3,,open,false,0,false,working-day;respond-from-acknowledgement
R7,2024,stage1.acknowledge,1,2024-06-03,received,2024-05-24,5,working_days,6.2,,open,false,0,false,working-day
R7,2024,stage1.respond,1,2024-06-17,acknowledged,2024-06-03,10,working_days,6.3,,open,true,0,false,working-day;respond-from-acknowledgement;ack-date-assumed
"""
SMALL_LINES = {"R1": 2, "HA-1,2": 3, "R3": 4, "R4": 5, "R5": 6, "R6": 7, "R7": 8}


def expected_events() -> dict[str, list[dict[str, object]]]:
    """SMALL_EVENTS as the JSON event objects of each case, by reference."""
    out: dict[str, list[dict[str, object]]] = {}
    for row in csv.DictReader(io.StringIO(HEADER + "\n" + SMALL_EVENTS)):
        out.setdefault(row["reference"], []).append(
            {
                "key": row["key"],
                "stage": int(row["stage"]),
                "due": row["due"],
                "from_event": row["from_event"],
                "from_date": row["from_date"],
                "amount": int(row["amount"]),
                "unit": row["unit"],
                "provision": row["provision"],
                "done": row["done"] or None,
                "status": row["status"],
                "assumed": row["assumed"] == "true",
                "working_days_late": int(row["working_days_late"]),
                "superseded": row["superseded"] == "true",
            }
        )
    return out


# What needs attention in SMALL_CSV on Mon 03 Jun 2024, by due date: R4's two overdue events;
# R7's acknowledgement due that very day (0 left); HA-1,2's due Tue 04 (1 left); R5's due
# Mon 10 Jun (Tue 04 (1) ... Mon 10 (5): 5 left, the last day of the window). Not R6's
# response (Tue 11, 6 working days ahead) nor anything done.
SMALL_ATTENTION: list[dict[str, object]] = [
    {
        "reference": "R4",
        "key": "stage1.acknowledge",
        "provision": "6.2",
        "due": "2024-05-09",
        "status": "overdue",
        "working_days_late": 16,
        "working_days_left": 0,
    },
    {
        "reference": "R4",
        "key": "stage1.respond",
        "provision": "6.3",
        "due": "2024-05-23",
        "status": "overdue",
        "working_days_late": 6,
        "working_days_left": 0,
    },
    {
        "reference": "R7",
        "key": "stage1.acknowledge",
        "provision": "6.2",
        "due": "2024-06-03",
        "status": "open",
        "working_days_late": 0,
        "working_days_left": 0,
    },
    {
        "reference": "HA-1,2",
        "key": "stage1.acknowledge",
        "provision": "6.2",
        "due": "2024-06-04",
        "status": "open",
        "working_days_late": 0,
        "working_days_left": 1,
    },
    {
        "reference": "R5",
        "key": "stage1.acknowledge",
        "provision": "6.2",
        "due": "2024-06-10",
        "status": "open",
        "working_days_late": 0,
        "working_days_left": 5,
    },
]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(SMALL_CSV, encoding="utf-8")
    return path


def cases(path: Path, *args: str) -> Run:
    return run_chc("deadlines", "--cases", str(path), "--as-of", AS_OF, *args)


def one_line_error(run: Run, *words: str) -> str:
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("chc: error: "), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- the formats -------------------------------------------------------------------------------


def test_csv_exact(small: Path) -> None:
    run = cases(small)
    assert run.exit_code == 0, run.stderr
    # One short line for a person on stderr: how many complaints from how many columns, and
    # what was ignored; no mapping when every header is its field's own name.
    assert run.stderr == "chc: read cases.csv: 7 complaints from 5 columns; ignored: 'notes'\n"
    assert run.stdout == HEADER + "\n" + SMALL_EVENTS
    assert cases(small, "--quiet").stderr == ""


def test_csv_explicit_format_to_a_file(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "due.csv"
    run = cases(small, "--format", "csv", "--output", str(target))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert target.read_text("utf-8") == HEADER + "\n" + SMALL_EVENTS


def test_jsonl_one_case_per_line(small: Path) -> None:
    run = cases(small, "--format", "jsonl")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 7
    events = expected_events()
    for text in lines:
        case = json.loads(text)
        assert list(case) == [
            "reference",
            "line",
            "code",
            "region",
            "as_of",
            "closed",
            "events",
            "warnings",
            "assumptions",
        ]
        ref = case["reference"]
        assert case["line"] == SMALL_LINES[ref]
        assert case["code"] == ("2022" if ref == "R3" else "2024")
        assert (case["region"], case["as_of"], case["closed"]) == ("england-and-wales", AS_OF, [])
        assert case["events"] == events[ref]
    assert [json.loads(t)["reference"] for t in lines] == list(SMALL_LINES)


def test_json_documented_shape(small: Path) -> None:
    run = cases(small, "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert list(data) == ["as_of", "region", "closed", "cases", "bad_rows", "assumptions"]
    assert (data["as_of"], data["region"], data["closed"], data["bad_rows"]) == (
        AS_OF,
        "england-and-wales",
        [],
        [],
    )
    events = expected_events()
    assert [c["reference"] for c in data["cases"]] == list(SMALL_LINES)
    for case in data["cases"]:
        ref = case["reference"]
        assert case["line"] == SMALL_LINES[ref]
        assert case["events"] == events[ref]
        assert case["warnings"] == []
        # Each line refers to its assumptions by id; the statements are listed once, at the end.
        assert all(set(a) <= {"id", "stage", "date"} for a in case["assumptions"])
    r4 = data["cases"][3]
    assert r4["assumptions"] == [
        {"id": "working-day"},
        {"id": "respond-from-acknowledgement"},
        {"id": "ack-date-assumed", "stage": 1, "date": "2024-05-09"},
    ]
    stated = {a["id"]: a for a in data["assumptions"]}
    assert list(stated) == [
        "working-day",
        "acknowledge-calendar-days",
        "respond-from-acknowledgement",
        "logged-when-acknowledged",
        "ack-date-assumed",
    ]
    assert stated["ack-date-assumed"]["values"] == ["stage", "date"]
    assert "{date}" in stated["ack-date-assumed"]["statement"]
    assert stated["working-day"]["kind"] == "standing"
    assert "values" not in stated["working-day"]


def test_json_with_closure_days(small: Path) -> None:
    # Closed Wed 29 May 2024. HA-1,2: acknowledge from Tue 28 May: Wed 29 closed, Thu 30 (1),
    # Fri 31 (2), Mon 03 (3), Tue 04 (4), Wed 05 (5) -> 2024-06-05.
    run = cases(small, "--format", "json", "--closed", "2024-05-29")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["closed"] == ["2024-05-29"]
    ha = data["cases"][1]
    assert ha["closed"] == ["2024-05-29"]
    assert ha["events"][0]["due"] == "2024-06-05"


def test_text_table(small: Path) -> None:
    run = cases(small, "--format", "text")
    assert run.exit_code == 0, run.stderr
    out = flat(run.stdout)
    assert "7 complaint(s)" in out
    for ref in SMALL_LINES:
        assert ref in run.stdout
    assert "Thu 09 May 2024" in out
    assert "OVERDUE" in out
    assert "on time" in out


# --- the summary -------------------------------------------------------------------------------


def test_summary_json_exact(small: Path) -> None:
    run = cases(small, "--summary", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout) == {
        "as_of": AS_OF,
        "region": "england-and-wales",
        "closed": [],
        "cases": 7,
        "attention": SMALL_ATTENTION,
        "bad_rows": [],
    }


def test_summary_csv_exact(small: Path) -> None:
    run = cases(small, "--summary", "--format", "csv")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        "reference,key,provision,due,status,working_days_late,working_days_left\n"
        "R4,stage1.acknowledge,6.2,2024-05-09,overdue,16,0\n"
        "R4,stage1.respond,6.3,2024-05-23,overdue,6,0\n"
        "R7,stage1.acknowledge,6.2,2024-06-03,open,0,0\n"
        '"HA-1,2",stage1.acknowledge,6.2,2024-06-04,open,0,1\n'
        "R5,stage1.acknowledge,6.2,2024-06-10,open,0,5\n"
    )


def test_summary_text_lists_in_due_date_order(small: Path) -> None:
    run = cases(small, "--summary")
    assert run.exit_code == 0, run.stderr
    out = flat(run.stdout)
    assert "7 complaint(s)" in out
    assert "2 overdue, 3 due in the next 5 working days" in out
    order = [
        "Thu 09 May 2024",
        "Thu 23 May 2024",
        "Mon 03 Jun 2024",
        "Tue 04 Jun 2024",
        "Mon 10 Jun 2024",
    ]
    table = run.stdout[run.stdout.index("reference") :]  # the rows, after the heading line
    positions = [table.find(d) for d in order]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert "16 late" in out
    assert "5 left" in out
    assert "Tue 11 Jun 2024" not in run.stdout  # R6's response is 6 working days away


# --- per-row and whole-file editions -------------------------------------------------------------


def test_code_option_applies_to_rows_without_their_own(tmp_path: Path) -> None:
    # --code 2020: R1 under the 2020 rules: acknowledge 5 calendar days -> Mon 2024-05-06
    # (Q4.3); respond 10 wd from RECEIPT Wed 01 May: Thu 02 (1), Fri 03 (2), Mon 06 hol,
    # Tue 07 (3) ... Fri 10 (6), Mon 13 (7) ... Thu 16 (10) -> 2024-05-16; done Mon 20:
    # Fri 17 (1), Mon 20 (2) -> 2 late. R3 keeps the 2022 of its own row.
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,stage1_acknowledged,stage1_responded,code\n"
        "R1,2024-05-01,2024-05-03,2024-05-20,\n"
        "R3,2024-05-01,2024-05-03,2024-05-20,2022\n",
        encoding="utf-8",
    )
    run = cases(path, "--code", "2020")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        HEADER + "\n"
        "R1,2020,stage1.acknowledge,1,2024-05-06,received,2024-05-01,5,calendar_days,Q4.3,"
        "2024-05-03,on_time,false,0,false,acknowledge-calendar-days\n"
        "R1,2020,stage1.respond,1,2024-05-16,received,2024-05-01,10,working_days,Q4.7,"
        "2024-05-20,late,false,2,false,working-day;respond-from-receipt-2020\n"
        "R3,2022,stage1.acknowledge,1,2024-05-06,received,2024-05-01,5,calendar_days,4.1,"
        "2024-05-03,on_time,false,0,false,acknowledge-calendar-days\n"
        "R3,2022,stage1.respond,1,2024-05-20,logged,2024-05-03,10,working_days,5.1,"
        "2024-05-20,on_time,false,0,false,working-day;logged-when-acknowledged\n"
    )


# --- bad rows ----------------------------------------------------------------------------------

GOOD_HEADER = "reference,received,stage1_acknowledged,stage1_extension,stage1_responded\n"
GOOD_ROW = "G1,2024-05-01,2024-05-03,,2024-05-20\n"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,2023-02-29,,,\n",
            ":3:2:",
            ["2023-02-29"],
            id="impossible-date",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,2024-05-01,,,2024-31-05\n",
            ":3:5:",
            ["2024-31-05"],
            id="impossible-response-date",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,2024-05-01,,ten,\n",
            ":3:4:",
            ["stage1_extension", "ten"],
            id="extension-not-a-number",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,2024-05-01,,-3,\n",
            ":3:4:",
            ["stage1_extension", "-3"],
            id="extension-negative",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + ",2024-05-01,,,\n",
            ":3:1:",
            ["reference"],
            id="empty-reference",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,,,,\n",
            ":3:2:",
            ["received"],
            id="empty-received",
        ),
        pytest.param(
            "reference,date_received\nG1,2024-05-01\n",
            ":1:2:",
            ["'date_received' looks like received", "received: date_received"],
            id="missing-received-column",
        ),
        pytest.param(
            "reference,received,received\nG1,2024-05-01,2024-05-01\n",
            ":1:3:",
            ["received", "twice"],
            id="duplicate-header",
        ),
        pytest.param(
            GOOD_HEADER + GOOD_ROW + "B1,2024-05-01,,,,surplus\n",
            ":3:6:",
            ["6 cells", "5 columns"],
            id="too-many-cells",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_bad_row_stops_the_run_and_writes_nothing(
    tmp_path: Path, text: str, where: str, words: list[str], fmt: str
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    run = cases(path, "--format", fmt, "--output", str(target))
    one_line_error(run, f"{path}{where}", *words)
    assert run.stdout == ""
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


def test_dates_out_of_order_in_a_row_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(GOOD_HEADER + GOOD_ROW + "B1,2024-05-10,,,2024-05-09\n", encoding="utf-8")
    run = cases(path)
    one_line_error(run, f"{path}:3", "out of order")
    assert run.stdout == ""


def test_stage3_under_2024_in_a_row_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,stage2_requested,stage3_requested\n"
        "S3,2024-05-01,2024-06-04,2024-07-10\n",
        encoding="utf-8",
    )
    run = cases(path, "--format", "json")
    one_line_error(run, f"{path}:2", "stage 3")


SKIP_CSV = (
    GOOD_HEADER
    + GOOD_ROW  # line 2
    + "B1,2023-02-29,,,\n"  # line 3: no 29 February in 2023 (column 2)
    + "G2,2024-05-01,,,\n"  # line 4
    + "B2,2024-05-01,,ten,\n"  # line 5: extension not a number (column 4)
    + ",2024-05-01,,,\n"  # line 6: empty reference (column 1)
)


def test_skip_bad_rows_processes_the_rest_and_lists_the_bad(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SKIP_CSV, encoding="utf-8")
    target = tmp_path / "due.json"
    run = cases(path, "--format", "json", "--skip-bad-rows", "--output", str(target))
    assert run.exit_code == 0, run.stderr
    data = json.loads(target.read_text("utf-8"))
    assert [(c["reference"], c["line"]) for c in data["cases"]] == [("G1", 2), ("G2", 4)]
    assert [(b["line"], b["column"]) for b in data["bad_rows"]] == [(3, 2), (5, 4), (6, 1)]
    assert "2023-02-29" in data["bad_rows"][0]["message"]
    for where in (f"{path}:3:2", f"{path}:5:4", f"{path}:6:1"):
        assert where in run.stderr
    assert "3 bad row" in run.stderr


def test_skip_bad_rows_csv(tmp_path: Path) -> None:
    # G2: acknowledge due Thu 09 May 2024 (as R4 above), 16 late; respond 23 May, 6 late.
    path = tmp_path / "cases.csv"
    path.write_text(SKIP_CSV, encoding="utf-8")
    run = cases(path, "--skip-bad-rows")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        HEADER + "\n"
        "G1,2024,stage1.acknowledge,1,2024-05-09,received,2024-05-01,5,working_days,6.2,"
        "2024-05-03,on_time,false,0,false,working-day\n"
        "G1,2024,stage1.respond,1,2024-05-20,acknowledged,2024-05-03,10,working_days,6.3,"
        "2024-05-20,on_time,false,0,false,working-day;respond-from-acknowledgement\n"
        "G2,2024,stage1.acknowledge,1,2024-05-09,received,2024-05-01,5,working_days,6.2,"
        ",overdue,false,16,false,working-day\n"
        "G2,2024,stage1.respond,1,2024-05-23,acknowledged,2024-05-09,10,working_days,6.3,"
        ",overdue,true,6,false,working-day;respond-from-acknowledgement;ack-date-assumed\n"
    )
    for where in (f"{path}:3:2", f"{path}:5:4", f"{path}:6:1"):
        assert where in run.stderr


def test_skip_bad_rows_summary_counts_only_good_rows(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SKIP_CSV, encoding="utf-8")
    run = cases(path, "--skip-bad-rows", "--summary", "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["cases"] == 2
    assert [(a["reference"], a["key"]) for a in data["attention"]] == [
        ("G2", "stage1.acknowledge"),
        ("G2", "stage1.respond"),
    ]
    assert len(data["bad_rows"]) == 3


def test_skip_bad_rows_also_skips_a_row_with_too_many_cells(tmp_path: Path) -> None:
    # A row with too many cells is a bad row like any other: --skip-bad-rows skips it.
    path = tmp_path / "cases.csv"
    path.write_text(
        GOOD_HEADER + GOOD_ROW + "B1,2024-05-01,,,,surplus\n" + "G2,2024-05-01,,,\n",
        encoding="utf-8",
    )
    run = cases(path, "--format", "json", "--skip-bad-rows")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [c["reference"] for c in data["cases"]] == ["G1", "G2"]
    assert [(b["line"], b["column"]) for b in data["bad_rows"]] == [(3, 6)]
    assert f"{path}:3:6" in run.stderr


def test_an_unknown_code_in_a_row_names_its_column(tmp_path: Path) -> None:
    # BUG: a bad `code` cell is reported with its line but not its column (the issue: "a bad
    # row is reported with its line number and the column").
    path = tmp_path / "cases.csv"
    path.write_text("reference,received,code\nC1,2024-05-01,2023\n", encoding="utf-8")
    run = cases(path)
    one_line_error(run, f"{path}:2:3:", "2023")


def test_a_csv_saved_by_excel_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # BUG: Excel's "CSV UTF-8" starts the file with a byte order mark; chc reads the first
    # column as "\ufeffreference" and stops with "no 'reference' column".
    path = tmp_path / "cases.csv"
    path.write_bytes(
        b"\xef\xbb\xbfreference,received,stage1_acknowledged\nR1,2024-05-01,2024-05-03\n"
    )
    run = cases(path)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[1].startswith("R1,2024,stage1.acknowledge,1,2024-05-09,")


def test_blank_lines_and_short_rows_are_accepted(tmp_path: Path) -> None:
    # A row with fewer cells than the header has the rest empty; blank lines are skipped.
    path = tmp_path / "cases.csv"
    path.write_text(GOOD_HEADER + "\nG2,2024-05-01\n,,,,\n", encoding="utf-8")
    run = cases(path, "--format", "jsonl")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    case = json.loads(lines[0])
    assert (case["reference"], case["line"]) == ("G2", 3)


# --- option errors -----------------------------------------------------------------------------


def test_cases_with_received_is_an_error(small: Path) -> None:
    run = run_chc("deadlines", "--cases", str(small), "--received", "2024-05-01")
    one_line_error(run, "--received", "--cases")
    assert run.stdout == ""


def test_summary_without_cases_is_an_error() -> None:
    run = run_chc("deadlines", "--received", "2024-05-01", "--summary")
    one_line_error(run, "--summary", "--cases")


def test_missing_cases_file(tmp_path: Path) -> None:
    run = cases(tmp_path / "nope.csv")
    one_line_error(run, "nope.csv", "not found")


def test_empty_cases_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("", encoding="utf-8")
    one_line_error(cases(path), str(path), "header")


def test_output_never_overwrites_the_input(small: Path) -> None:
    before = small.read_text("utf-8")
    run = cases(small, "--output", str(small), "--force")
    one_line_error(run, "input")
    assert small.read_text("utf-8") == before


# --- the shipped example -----------------------------------------------------------------------

EXAMPLE = EXAMPLES / "cases.csv"


def test_example_caseload_has_the_documented_columns() -> None:
    with EXAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert 10 <= len(rows) <= 15
    assert set(rows[0]) >= {
        "reference",
        "received",
        "stage1_acknowledged",
        "stage1_extension",
        "stage1_responded",
        "stage2_requested",
        "stage2_acknowledged",
        "stage2_extension",
        "stage2_responded",
        "code",
        "category",
        "outcome",
    }
    assert {r["received"][:4] for r in rows} == {"2022", "2023", "2024"}
    assert {r["outcome"] for r in rows} <= {
        "",
        "upheld",
        "partly upheld",
        "not upheld",
        "withdrawn",
    }
    assert {"upheld", "partly upheld", "not upheld", "withdrawn"} <= {r["outcome"] for r in rows}


def test_example_caseload_as_of_2024_06_03() -> None:
    # Counted by hand (see the comments in each case):
    # CHC-2022-002 (2022 rules): acknowledged Thu 15 Sep 2022; respond Fri 16 (1), Mon 19
    #   hol (State Funeral), Tue 20 (2) ... Fri 23 (5), Mon 26 (6) ... Fri 30 (10) -> 09-30;
    #   done Mon 03 Oct: 1 late. Stage 2 asked Mon 10 Oct: 20 wd -> Mon 2022-11-07 (Tue 11
    #   (1) ... Fri 14 (4), Mon 17 (5) ... Fri 28 (14), Mon 31 (15), Tue 01 Nov (16) ...
    #   Fri 04 (19), Mon 07 (20)); done Fri 04 Nov: on time.
    # CHC-2022-003: respond from Wed 21 Dec 2022 -> Mon 2023-01-09 (Christmas substitutes);
    #   extension 10 from Mon 09 Jan: Tue 10 (1) ... Fri 13 (4), Mon 16 (5) ... Fri 20 (9),
    #   Mon 23 (10) -> 2023-01-23. Done Fri 20 Jan: 9 late against 09 Jan, on time extended.
    # CHC-2024-006: received Sun 31 Mar 2024, 2022 rules; respond from Tue 02 Apr -> Tue 16
    #   Apr; done Mon 22 Apr: Wed 17 (1), Thu 18 (2), Fri 19 (3), Mon 22 (4) -> 4 late.
    # CHC-2024-007: received Mon 01 Apr 2024, 2024 rules. Stage 2 asked Wed 01 May,
    #   acknowledged Fri 03 May; respond 20 wd: Tue 07 (1) ... Fri 10 (4), Mon 13 (5) ...
    #   Fri 24 (14), Mon 27 hol, Tue 28 (15) ... Fri 31 (18), Mon 03 Jun (19), Tue 04 (20)
    #   -> 06-04, open, 1 left.
    # CHC-2024-008: respond due Mon 20 May (from Fri 03 May), not done: Tue 21 (1) ... Fri 24
    #   (4), Mon 27 hol, Tue 28 (5) ... Fri 31 (8), Mon 03 Jun (9) -> 9 late.
    # CHC-2024-009: received Mon 20 May, no acknowledgement: due Tue 21 (1) ... Fri 24 (4),
    #   Mon 27 hol, Tue 28 (5) -> 05-28; Wed 29 (1) ... Mon 03 Jun (4) -> 4 late. Respond
    #   from 28 May (assumed) -> Tue 11 Jun, open and outside the 5-day window.
    # CHC-2024-011: acknowledged Tue 16 Apr 2024; respond Wed 17 (1) ... Fri 19 (3), Mon 22
    #   (4) ... Fri 26 (8), Mon 29 (9), Tue 30 (10) -> 04-30. Extension 10 from Tue 30 Apr:
    #   Wed 01 May (1), Thu 02 (2), Fri 03 (3), Mon 06 hol, Tue 07 (4) ... Fri 10 (7),
    #   Mon 13 (8), Tue 14 (9), Wed 15 (10) -> 05-15. As of 03 Jun: from 30 Apr, May 01-03
    #   (3), 07-10 (7), 13-17 (12), 20-24 (17), 28-31 (21), Jun 03 (22) -> 22 late; from
    #   15 May, 16-17 (2), 20-24 (7), 28-31 (11), Jun 03 (12) -> 12 late.
    # CHC-2024-012: received Mon 12 Feb 2024 (the 2022 Code's time) with code 2024 in its
    #   row: acknowledge Tue 13 (1) ... Fri 16 (4), Mon 19 (5) -> 02-19; respond from Tue 13:
    #   Wed 14 (1) ... Fri 16 (3), Mon 19 (4) ... Fri 23 (8), Mon 26 (9), Tue 27 (10) ->
    #   02-27, done Mon 26: on time.
    run = run_chc("deadlines", "--cases", str(EXAMPLE), "--as-of", "2024-06-03", "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["bad_rows"] == []
    by_ref = {c["reference"]: c for c in data["cases"]}
    assert len(by_ref) == 12

    def event(ref: str, key: str) -> tuple[str, str, int]:
        found = [e for e in by_ref[ref]["events"] if e["key"] == key]
        assert len(found) == 1, (ref, key)
        return found[0]["due"], found[0]["status"], found[0]["working_days_late"]

    statuses = {e["status"] for c in data["cases"] for e in c["events"]}
    assert statuses == {"on_time", "late", "open", "overdue"}
    assert event("CHC-2022-002", "stage1.respond") == ("2022-09-30", "late", 1)
    assert event("CHC-2022-002", "stage2.respond") == ("2022-11-07", "on_time", 0)
    assert event("CHC-2022-003", "stage1.respond") == ("2023-01-09", "late", 9)
    assert event("CHC-2022-003", "stage1.respond_extended") == ("2023-01-23", "on_time", 0)
    assert by_ref["CHC-2024-006"]["code"] == "2022"
    assert event("CHC-2024-006", "stage1.respond") == ("2024-04-16", "late", 4)
    assert by_ref["CHC-2024-007"]["code"] == "2024"
    assert event("CHC-2024-007", "stage2.respond") == ("2024-06-04", "open", 0)
    assert event("CHC-2024-008", "stage1.respond") == ("2024-05-20", "overdue", 9)
    assert event("CHC-2024-009", "stage1.acknowledge") == ("2024-05-28", "overdue", 4)
    assert event("CHC-2024-009", "stage1.respond") == ("2024-06-11", "open", 0)
    assert event("CHC-2024-011", "stage1.respond") == ("2024-04-30", "overdue", 22)
    assert event("CHC-2024-011", "stage1.respond_extended") == ("2024-05-15", "overdue", 12)
    assert by_ref["CHC-2024-012"]["code"] == "2024"
    assert event("CHC-2024-012", "stage1.respond") == ("2024-02-27", "on_time", 0)


def test_example_caseload_summary() -> None:
    # From the working above: three overdue events and CHC-2024-007's stage 2 response due
    # Tue 04 Jun (1 left); nothing else is due by Mon 10 Jun. CHC-2024-011's unextended
    # stage 1 date (Tue 30 Apr) is left out: its extension replaced it.
    run = run_chc(
        "deadlines",
        "--cases",
        str(EXAMPLE),
        "--as-of",
        "2024-06-03",
        "--summary",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["cases"] == 12
    fields = ("reference", "key", "due", "status", "working_days_late", "working_days_left")
    assert [tuple(a[f] for f in fields) for a in data["attention"]] == [
        ("CHC-2024-011", "stage1.respond_extended", "2024-05-15", "overdue", 12, 0),
        ("CHC-2024-008", "stage1.respond", "2024-05-20", "overdue", 9, 0),
        ("CHC-2024-009", "stage1.acknowledge", "2024-05-28", "overdue", 4, 0),
        ("CHC-2024-007", "stage2.respond", "2024-06-04", "open", 0, 1),
    ]


def test_stage3_columns_under_2022(tmp_path: Path) -> None:
    # 2022 rules. Stage 2 asked Mon 03 Apr 2023: 20 wd -> Thu 2023-05-04 (Easter 07 and
    # 10 Apr and 01 May skipped: Tue 04 (1), Wed 05 (2), Thu 06 (3), Tue 11 (4) ... Fri 14
    # (7), Mon 17 (8) ... Fri 28 (17), Tue 02 May (18), Wed 03 (19), Thu 04 (20)).
    # Stage 3 asked Wed 10 May: Thu 11 (1), Fri 12 (2), Mon 15 (3) ... Fri 26 (12), Mon 29
    # hol, Tue 30 (13), Wed 31 (14), Thu 01 Jun (15), Fri 02 (16), Mon 05 (17) ... Thu 08
    # (20) -> 2023-06-08; done Fri 09 Jun: 1 late.
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,stage1_acknowledged,stage1_responded,stage2_requested,"
        "stage2_responded,stage3_requested,stage3_responded\n"
        "T1,2023-03-01,2023-03-02,2023-03-16,2023-04-03,2023-05-04,2023-05-10,2023-06-09\n",
        encoding="utf-8",
    )
    run = cases(path, "--format", "jsonl")
    assert run.exit_code == 0, run.stderr
    events = {e["key"]: e for e in json.loads(run.stdout)["events"]}
    assert list(events) == [
        "stage1.acknowledge",
        "stage1.respond",
        "stage2.respond",
        "stage3.respond",
    ]
    s2, s3 = events["stage2.respond"], events["stage3.respond"]
    assert (s2["due"], s2["status"]) == ("2023-05-04", "on_time")
    assert (s3["due"], s3["provision"], s3["status"], s3["working_days_late"]) == (
        "2023-06-08",
        "5.18",
        "late",
        1,
    )


def test_a_large_caseload_gives_the_same_csv_as_the_per_case_path(tmp_path: Path) -> None:
    # Large enough for the two-process CSV path; its rows must match, in file order, the
    # events of the one-process JSON path, and the bad rows of both halves must be listed.
    rows = [
        "R{i},2024-05-01,2024-05-03,2024-05-20",
        "R{i},2024-05-28,,",
        "R{i},2024-05-01,2024-05-03,2024-05-20,2022",
        "R{i},2024-05-01,,",
    ]
    lines = ["reference,received,stage1_acknowledged,stage1_responded,code"]
    lines += [rows[i % 4].format(i=i) for i in range(20_400)]
    lines[101] = "BAD1,2024-02-30,,"  # line 102, column 2
    lines[20_201] = "BAD2,2024-05-10,,2024-05-09"  # line 20202, out of order
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = cases(path, "--skip-bad-rows")
    assert fast.exit_code == 0, fast.stderr
    slow = cases(path, "--skip-bad-rows", "--format", "json")
    assert slow.exit_code == 0, slow.stderr
    data = json.loads(slow.stdout)
    expected = [HEADER]
    for case in data["cases"]:
        for e in case["events"]:
            expected.append(
                ",".join(
                    str(v)
                    for v in (
                        case["reference"],
                        case["code"],
                        e["key"],
                        e["stage"],
                        e["due"],
                        e["from_event"],
                        e["from_date"],
                        e["amount"],
                        e["unit"],
                        e["provision"],
                        e["done"] or "",
                        e["status"],
                        "true" if e["assumed"] else "false",
                        e["working_days_late"],
                        "true" if e["superseded"] else "false",
                    )
                )
            )
    got = fast.stdout.splitlines()
    assert got[0] == HEADER
    assert [line.rsplit(",", 1)[0] for line in got[1:]] == expected[1:]
    assert len(expected) == 1 + 2 * (20_400 - 2)
    # Each event's row names the assumptions its due date rests on; together, a
    # complaint's rows name every assumption its JSON line refers to.
    each = iter(got[1:])
    for case in data["cases"]:
        tags = {t for _ in case["events"] for t in next(each).rsplit(",", 1)[1].split(";")}
        assert tags == {a["id"] for a in case["assumptions"]}, case["reference"]
    assert len(expected) == 1 + 2 * (20_400 - 2)
    # Row R0 is SMALL_CSV's R1 under another name (counted by hand above).
    r0 = [line.replace("R1,", "R0,", 1) for line in SMALL_EVENTS.splitlines()[0:2]]
    assert fast.stdout.splitlines()[1:3] == r0
    assert [b["line"] for b in data["bad_rows"]] == [102, 20_202]
    assert f"{path}:102:2" in fast.stderr
    assert f"{path}:20202" in fast.stderr
    without_skip = cases(path)
    one_line_error(without_skip, f"{path}:102:2:")
    assert without_skip.stdout == ""


def test_csv_output_quotes_awkward_references_as_the_csv_module_reads_them(
    tmp_path: Path,
) -> None:
    import csv
    import io

    path = tmp_path / "cases.csv"
    path.write_text(
        'reference,received\n"A, ""quoted"" one",2024-05-01\nplain,2024-05-02\n',
        encoding="utf-8",
    )
    run = run_chc("deadlines", "--cases", str(path), "--as-of", "2024-05-03")
    assert run.exit_code == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0][:3] == ["reference", "code", "key"]
    assert {r[0] for r in rows[1:]} == {'A, "quoted" one', "plain"}
    assert all(len(r) == len(rows[0]) for r in rows)
