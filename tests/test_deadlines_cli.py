"""`chc deadlines` for one complaint, through the CLI (in-process).

Every expected date was counted by hand on a calendar (working in the comments; the event
day is day 0, "Thu 02 (1)" means Thursday the 2nd is working day 1, "hol" a bank holiday).
The assumption texts in the JSON are the notes of the edition files, read here with
ruamel.yaml straight from ``code_versions/`` so that editing a note does not break this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import CODE_VERSIONS, Run, run_chc


def stated(*ids: str, **values: object) -> list[dict[str, object]]:
    """What the JSON lists for these assumption ids: each id, a case's own values, and the
    statement of it in ``code_versions/assumptions.yaml`` (values filled in)."""
    data: Any = YAML(typ="safe").load((CODE_VERSIONS / "assumptions.yaml").read_text("utf-8"))
    table = {a["id"]: a for a in data["assumptions"]}
    out: list[dict[str, object]] = []
    for aid in ids:
        entry = table[aid]
        own = {k: values[k] for k in entry.get("values", [])}
        text = " ".join(entry["statement"].split()).format(**own)
        out.append({"id": aid, **own, "statement": text})
    return out


def one_line_error(run: Run, *words: str) -> str:
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("chc: error: "), lines[0]
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def flat(text: str) -> str:
    """The text with every run of white space made one space (rich wraps long lines)."""
    return " ".join(text.split())


# --- --format json, the whole object ---------------------------------------------------------


def test_json_the_readme_example_exactly() -> None:
    # 2024 rules. Received Wed 01 May 2024, acknowledged Fri 03; closed Tue 28 May.
    # Acknowledge 5 wd: Thu 02 (1), Fri 03 (2), Mon 06 hol, Tue 07 (3), Wed 08 (4),
    # Thu 09 (5) -> 2024-05-09; done Fri 03: on time.
    # Respond 10 wd from Fri 03: Tue 07 (1) ... Fri 10 (4), Mon 13 (5) ... Fri 17 (9),
    # Mon 20 (10) -> 2024-05-20. Not done; as of Mon 03 Jun: Tue 21 (1) ... Fri 24 (4),
    # Mon 27 hol, Tue 28 closed, Wed 29 (5), Thu 30 (6), Fri 31 (7), Mon 03 (8) -> 8 late.
    run = run_chc(
        "deadlines",
        "--received",
        "2024-05-01",
        "--stage1-acknowledged",
        "2024-05-03",
        "--as-of",
        "2024-06-03",
        "--closed",
        "2024-05-28",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    assert json.loads(run.stdout) == {
        "code": "2024",
        "region": "england-and-wales",
        "as_of": "2024-06-03",
        "closed": ["2024-05-28"],
        "events": [
            {
                "key": "stage1.acknowledge",
                "stage": 1,
                "due": "2024-05-09",
                "from_event": "received",
                "from_date": "2024-05-01",
                "amount": 5,
                "unit": "working_days",
                "provision": "6.2",
                "done": "2024-05-03",
                "status": "on_time",
                "assumed": False,
                "working_days_late": 0,
                "superseded": False,
            },
            {
                "key": "stage1.respond",
                "stage": 1,
                "due": "2024-05-20",
                "from_event": "acknowledged",
                "from_date": "2024-05-03",
                "amount": 10,
                "unit": "working_days",
                "provision": "6.3",
                "done": None,
                "status": "overdue",
                "assumed": False,
                "working_days_late": 8,
                "superseded": False,
            },
        ],
        "warnings": [],
        "assumptions": stated(
            "working-day", "respond-from-acknowledgement", "closure-days-not-working"
        ),
    }


def test_json_2022_extension_late_and_stage2_exactly() -> None:
    # 2022 rules. Received Wed 01 Mar 2023, acknowledged Fri 03 Mar.
    # Acknowledge 5 calendar days -> Mon 2023-03-06; done Fri 03: on time.
    # Respond 10 wd from logging (= acknowledgement, Fri 03): Mon 06 (1) ... Fri 10 (5),
    # Mon 13 (6) ... Fri 17 (10) -> 2023-03-17.
    # Extension 12 wd from Fri 17: Mon 20 (1) ... Fri 24 (5), Mon 27 (6) ... Fri 31 (10),
    # Mon 03 Apr (11), Tue 04 (12) -> 2023-04-04; 12 is more than the 10 of 5.1: warning.
    # Responded Wed 05 Apr: against 17 Mar, Mon 20 (1) ... Fri 31 (10), Mon 03 (11),
    # Tue 04 (12), Wed 05 (13) -> 13 late; against 04 Apr -> 1 late.
    # Stage 2 requested Tue 11 Apr: 20 wd: Wed 12 (1), Thu 13 (2), Fri 14 (3), Mon 17 (4)
    # ... Fri 21 (8), Mon 24 (9) ... Fri 28 (13), Mon 01 May hol, Tue 02 (14) ... Fri 05
    # (17), Mon 08 hol (Coronation), Tue 09 (18), Wed 10 (19), Thu 11 (20) -> 2023-05-11;
    # as of Wed 10 May: open.
    run = run_chc(
        "deadlines",
        "--received",
        "2023-03-01",
        "--stage1-acknowledged",
        "2023-03-03",
        "--stage1-extension",
        "12",
        "--stage1-responded",
        "2023-04-05",
        "--stage2-requested",
        "2023-04-11",
        "--as-of",
        "2023-05-10",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    common = {"stage": 1, "from_event": "logged", "unit": "working_days"}
    assert json.loads(run.stdout) == {
        "code": "2022",
        "region": "england-and-wales",
        "as_of": "2023-05-10",
        "closed": [],
        "events": [
            {
                "key": "stage1.acknowledge",
                "stage": 1,
                "due": "2023-03-06",
                "from_event": "received",
                "from_date": "2023-03-01",
                "amount": 5,
                "unit": "calendar_days",
                "provision": "4.1",
                "done": "2023-03-03",
                "status": "on_time",
                "assumed": False,
                "working_days_late": 0,
                "superseded": False,
            },
            {
                **common,
                "key": "stage1.respond",
                "due": "2023-03-17",
                "from_date": "2023-03-03",
                "amount": 10,
                "provision": "5.1",
                "done": "2023-04-05",
                "status": "late",
                "assumed": False,
                "working_days_late": 13,
                "superseded": True,
            },
            {
                **common,
                "key": "stage1.respond_extended",
                "due": "2023-04-04",
                "from_event": "due_date",
                "from_date": "2023-03-17",
                "amount": 12,
                "provision": "5.1",
                "done": "2023-04-05",
                "status": "late",
                "assumed": False,
                "working_days_late": 1,
                "superseded": False,
            },
            {
                "key": "stage2.respond",
                "stage": 2,
                "due": "2023-05-11",
                "from_event": "escalation_requested",
                "from_date": "2023-04-11",
                "amount": 20,
                "unit": "working_days",
                "provision": "5.13",
                "done": None,
                "status": "open",
                "assumed": False,
                "working_days_late": 0,
                "superseded": False,
            },
        ],
        "warnings": [
            "the stage 1 extension of 12 working days is longer than the 10 that provision "
            "5.1 of the 2022 Code allows without good reason",
        ],
        "assumptions": stated(
            "working-day",
            "acknowledge-calendar-days",
            "extension-working-days",
            "extension-from-due-date",
            "logged-when-acknowledged",
        ),
    }


def test_json_assumed_response_under_2024() -> None:
    # Received Wed 01 May 2024, nothing else. Respond from the acknowledgement due date
    # Thu 09 May (assumed): Fri 10 (1), Mon 13 (2) ... Fri 17 (6), Mon 20 (7) ... Thu 23 (10)
    # -> 2024-05-23; as of that day: open.
    run = run_chc(
        "deadlines", "--received", "2024-05-01", "--as-of", "2024-05-23", "--format", "json"
    )
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    respond = data["events"][1]
    assert respond == {
        "key": "stage1.respond",
        "stage": 1,
        "due": "2024-05-23",
        "from_event": "acknowledged",
        "from_date": "2024-05-09",
        "amount": 10,
        "unit": "working_days",
        "provision": "6.3",
        "done": None,
        "status": "open",
        "assumed": True,
        "working_days_late": 0,
        "superseded": False,
    }
    assert data["warnings"] == []
    assert data["assumptions"] == stated(
        "working-day",
        "respond-from-acknowledgement",
        "ack-date-assumed",
        stage=1,
        date="2024-05-09",
    )


def test_json_region_and_sorted_closed_days() -> None:
    # Scotland, 2024 rules, received Wed 31 Jul 2024: acknowledge Thu 01 Aug (1), Fri 02 (2),
    # Mon 05 hol, Tue 06 (3), Wed 07 closed, Thu 08 (4), Fri 09 (5) -> 2024-08-09.
    run = run_chc(
        "deadlines",
        "--received",
        "2024-07-31",
        "--region",
        "scotland",
        "--closed",
        "2024-08-07",
        "--closed",
        "2024-06-03",
        "--as-of",
        "2024-07-31",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["region"] == "scotland"
    assert data["closed"] == ["2024-06-03", "2024-08-07"]
    assert data["events"][0]["due"] == "2024-08-09"


def test_closed_file_is_read(tmp_path: Path) -> None:
    # As above without a region: Thu 01 (1), Fri 02 (2), Mon 05 (3), Tue 06 (4), Wed 07
    # closed, Thu 08 (5) -> 2024-08-08.
    days = tmp_path / "closed.txt"
    days.write_text("# office closures\n\n2024-08-07  # staff training\n", encoding="utf-8")
    run = run_chc(
        "deadlines",
        "--received",
        "2024-07-31",
        "--closed-file",
        str(days),
        "--as-of",
        "2024-07-31",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["closed"] == ["2024-08-07"]
    assert data["events"][0]["due"] == "2024-08-08"


# --- text --------------------------------------------------------------------------------------


def test_text_shows_weekday_dates_statuses_provisions_and_edition() -> None:
    # Acknowledge due Thu 09 May 2024, done Fri 03; respond due Mon 20 May, open on Mon 20.
    run = run_chc(
        "deadlines",
        "--received",
        "2024-05-01",
        "--stage1-acknowledged",
        "2024-05-03",
        "--as-of",
        "2024-05-20",
    )
    assert run.exit_code == 0, run.stderr
    out = flat(run.stdout)
    assert "Code edition 2024" in out
    assert "in force on 2024-05-01, the day it was received" in out
    assert "Status as of Mon 20 May 2024" in out
    assert "stage 1 acknowledgement due Thu 09 May 2024 on time, done Fri 03 May 2024" in out
    assert "5 working days from receipt (Wed 01 May 2024); provision 6.2" in out
    assert "stage 1 response due Mon 20 May 2024 open" in out
    assert "5 working days from receipt (Wed 01 May 2024); provision 6.2 [1]" in out
    assert "10 working days from acknowledgement (Fri 03 May 2024); provision 6.3 [1,2]" in out
    # Each assumption stated once, at the end, in the words of the assumptions table.
    assert out.count("chc counts working days as Monday to Friday") == 1
    assert "Assumptions 1. chc counts working days" in out
    assert "2. chc counts the 2024 stage 1 and stage 2 responses from the day" in out


def test_text_overdue_late_assumed_and_chosen_edition() -> None:
    # No acknowledgement; as of Tue 28 May 2024. Acknowledge due Thu 09 May: Fri 10 (1),
    # Mon 13 (2) ... Fri 17 (6), Mon 20 (7) ... Fri 24 (11), Mon 27 hol, Tue 28 (12)
    # -> 12 late. Respond due Thu 23 May (from the assumed 09 May): Fri 24 (1), Tue 28 (2)
    # -> 2 late.
    run = run_chc(
        "deadlines", "--received", "2024-05-01", "--as-of", "2024-05-28", "--code", "2024"
    )
    assert run.exit_code == 0, run.stderr
    out = flat(run.stdout)
    assert "Code edition 2024" in out
    assert "chosen with --code" in out
    assert "stage 1 acknowledgement due Thu 09 May 2024 OVERDUE, 12 working days late" in out
    assert "stage 1 response due Thu 23 May 2024 OVERDUE, 2 working days late" in out
    assert "(Thu 09 May 2024, assumed); provision 6.3 [1,2,3]" in out
    assert (
        "3. chc counts the stage 1 response from the acknowledgement due date, 2024-05-09," in out
    )


def test_text_late_and_extension_warning_and_closure_assumption() -> None:
    # 2022 rules as in the JSON test above: respond due Fri 17 Mar 2023, done Wed 05 Apr,
    # 13 working days late; extension 12 > 10 of 5.1.
    run = run_chc(
        "deadlines",
        "--received",
        "2023-03-01",
        "--stage1-acknowledged",
        "2023-03-03",
        "--stage1-extension",
        "12",
        "--stage1-responded",
        "2023-04-05",
        "--closed",
        "2023-12-27",
        "--as-of",
        "2023-05-10",
    )
    assert run.exit_code == 0, run.stderr
    out = flat(run.stdout)
    assert "Code edition 2022" in out
    assert "in force on 2023-03-01, the day it was received" in out
    assert "stage 1 acknowledgement due Mon 06 Mar 2023 on time, done Fri 03 Mar 2023" in out
    assert (
        "stage 1 response due Fri 17 Mar 2023 late (before the extension), done Wed 05 Apr 2023, "
        "13 working days" in out
    )
    assert "stage 1 response, extended due Tue 04 Apr 2023 late" in out
    assert "1 working day late" in out
    assert "provision 5.1" in out
    assert "warning: the stage 1 extension of 12 working days" in out
    assert "1 closure day(s)" in out
    assert "chc treats the landlord's closure days as non-working days" in out


# The calendar (--format ics) is tested in tests/test_ics.py.


# --- --output -----------------------------------------------------------------------------------

JSON_ARGS = ("deadlines", "--received", "2024-05-01", "--as-of", "2024-05-02", "-f", "json")


def test_output_writes_the_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "due.json"
    run = run_chc(*JSON_ARGS, "--output", str(target))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    data = json.loads(target.read_text("utf-8"))
    assert data["events"][0]["due"] == "2024-05-09"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["due.json"]


def test_output_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "due.json"
    target.write_text("keep me\n", encoding="utf-8")
    run = run_chc(*JSON_ARGS, "--output", str(target))
    one_line_error(run, "already exists", "--force")
    assert target.read_text("utf-8") == "keep me\n"
    run = run_chc(*JSON_ARGS, "--output", str(target), "--force")
    assert run.exit_code == 0, run.stderr
    assert json.loads(target.read_text("utf-8"))["as_of"] == "2024-05-02"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["due.json"]


def test_output_not_written_on_error(tmp_path: Path) -> None:
    target = tmp_path / "due.json"
    run = run_chc(
        "deadlines",
        "--received",
        "2024-05-10",
        "--stage1-responded",
        "2024-05-09",
        "-f",
        "json",
        "--output",
        str(target),
    )
    one_line_error(run, "out of order")
    assert list(tmp_path.iterdir()) == []


def test_text_output_to_a_file_is_plain(tmp_path: Path) -> None:
    target = tmp_path / "due.txt"
    run = run_chc(
        "deadlines", "--received", "2024-05-01", "--as-of", "2024-05-02", "-o", str(target)
    )
    assert run.exit_code == 0, run.stderr
    text = target.read_text("utf-8")
    assert "\x1b[" not in text
    assert "due Thu 09 May 2024" in flat(text)


# --- errors: exit 2 and one line on stderr --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        pytest.param(("deadlines",), ["--received"], id="missing-received"),
        pytest.param(
            ("deadlines", "--received", "2023-02-29"),
            ["--received", "2023-02-29", "28 days"],
            id="impossible-date",
        ),
        pytest.param(
            # 01/05/2024 is read day-first now (issue 26); words are still refused.
            ("deadlines", "--received", "1st May 2024"),
            ["--received", "1st May 2024", "is not a date", "04/12/2026"],
            id="malformed-date",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-01", "--stage1-acknowledged", "2024-13-01"),
            ["--stage1-acknowledged", "month 13"],
            id="impossible-month",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-01", "--code", "2023"),
            ["2023", "edition"],
            id="unknown-code",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-01", "--region", "wales"),
            ["wales", "region"],
            id="unknown-region",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-10", "--stage1-responded", "2024-05-09"),
            ["out of order", "2024-05-09", "2024-05-10"],
            id="response-before-receipt",
        ),
        pytest.param(
            (
                "deadlines",
                "--received",
                "2024-05-01",
                "--stage1-responded",
                "2024-05-20",
                "--stage2-requested",
                "2024-05-17",
            ),
            ["out of order", "stage 2 requested"],
            id="stage2-before-stage1-response",
        ),
        pytest.param(
            (
                "deadlines",
                "--received",
                "2024-05-01",
                "--stage2-requested",
                "2024-06-04",
                "--stage2-acknowledged",
                "2024-06-03",
            ),
            ["out of order", "stage 2 acknowledged"],
            id="stage2-acknowledged-before-requested",
        ),
        pytest.param(
            (
                "deadlines",
                "--received",
                "2024-05-01",
                "--stage2-requested",
                "2024-06-04",
                "--stage3-requested",
                "2024-07-10",
            ),
            ["2024", "stage 3"],
            id="stage3-under-2024",
        ),
        pytest.param(
            ("deadlines", "--received", "2020-01-01"),
            ["2020-01-01", "before the first"],
            id="before-the-first-edition",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-01", "--format", "csv"),
            ["csv", "--cases"],
            id="csv-without-cases",
        ),
        pytest.param(
            ("deadlines", "--received", "2024-05-01", "--closed", "2024-02-30"),
            ["--closed", "2024-02-30"],
            id="impossible-closed-day",
        ),
    ],
)
def test_errors_exit_2_with_one_line(args: tuple[str, ...], words: list[str]) -> None:
    run = run_chc(*args)
    one_line_error(run, *words)
    assert run.stdout == ""


def test_closed_file_with_a_bad_line_names_file_and_line(tmp_path: Path) -> None:
    days = tmp_path / "closed.txt"
    # 28/05/2024 is read day-first, as in a case file (issue 26); a word is not a date.
    days.write_text("2024-05-28\n# comment\n28/05/2024\n28 May 2024\n", encoding="utf-8")
    run = run_chc("deadlines", "--received", "2024-05-01", "--closed-file", str(days))
    one_line_error(run, f"{days}:4:", "28 May 2024")


def test_missing_closed_file_is_an_error(tmp_path: Path) -> None:
    run = run_chc(
        "deadlines", "--received", "2024-05-01", "--closed-file", str(tmp_path / "nope.txt")
    )
    one_line_error(run, "nope.txt", "not found")


def test_a_code_file_of_ones_own_sets_the_timescales(tmp_path: Path) -> None:
    # The 2024 file with the stage 1 response set to 15 working days: from Fri 03 May 2024,
    # Tue 07 (1) ... Fri 10 (4), Mon 13 (5) ... Fri 17 (9), Mon 20 (10) ... Fri 24 (14),
    # Mon 27 hol, Tue 28 (15) -> 2024-05-28.
    text = (CODE_VERSIONS / "2024.yaml").read_text("utf-8")
    old = "  - key: stage1.respond\n    amount: 10\n"
    assert old in text
    own = tmp_path / "stricter.yaml"
    own.write_text(text.replace(old, "  - key: stage1.respond\n    amount: 15\n"), "utf-8")
    run = run_chc(
        "deadlines",
        "--received",
        "2024-05-01",
        "--stage1-acknowledged",
        "2024-05-03",
        "--code",
        str(own),
        "--as-of",
        "2024-05-03",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    respond = json.loads(run.stdout)["events"][1]
    assert (respond["key"], respond["amount"], respond["due"]) == (
        "stage1.respond",
        15,
        "2024-05-28",
    )
