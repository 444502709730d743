"""A date after the status date is still done, but said (issue 26, point 8): on stderr,
and in the JSON warnings with the prefix ``future date: ``, by both paths alike."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from chc.deadlines import FUTURE_DATE, Complaint, compute, future_dates
from conftest import run_chc


def test_a_response_after_the_status_date_is_done_and_flagged() -> None:
    from chc.codes.timetable import builtin_timetable
    from chc.workdays import calendar_for

    complaint = Complaint(received=date(2024, 5, 1), stage1_responded=date(2042, 5, 10))
    t = compute(
        complaint, builtin_timetable("2024"), calendar_for("england-and-wales"), date(2024, 6, 1)
    )
    respond = next(e for e in t.events if e.key == "stage1.respond")
    assert respond.done == date(2042, 5, 10)  # the record says done: it stays done
    flagged = [p for p in t.problems if p.startswith(FUTURE_DATE)]
    assert len(flagged) == 1 and "2042-05-10" in flagged[0] and "2024-06-01" in flagged[0]
    assert t.future_dates == (flagged[0].removeprefix(FUTURE_DATE),)


def test_a_date_on_the_status_date_is_not_flagged() -> None:
    complaint = Complaint(received=date(2024, 5, 1), stage1_responded=date(2024, 6, 1))
    assert future_dates(complaint, date(2024, 6, 1)) == []
    later = Complaint(received=date(2024, 5, 1), stage1_acknowledged=date(2024, 6, 2))
    assert len(future_dates(later, date(2024, 6, 1))) == 1


def test_one_complaint_warns_on_stderr_and_flags_in_json() -> None:
    run = run_chc(
        "deadlines", "--received", "2024-05-01", "--stage1-responded", "2042-05-10",
        "--as-of", "2024-06-01", "--format", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert "chc: warning: the stage 1 response is dated 2042-05-10" in run.stderr
    warnings = json.loads(run.stdout)["warnings"]
    assert [w for w in warnings if w.startswith("future date: the stage 1 response")]


def test_a_caseload_flags_the_same_in_json_and_names_the_rows_on_stderr(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "reference,received,stage1_acknowledged,stage1_responded\n"
        "A,2024-05-01,2024-05-02,2042-05-10\n"
        "B,2024-05-01,2024-05-02,2024-05-10\n"
        "C,2024-05-01,2024-07-02,\n",
        encoding="utf-8",
    )
    run = run_chc("deadlines", "--cases", str(cases), "--as-of", "2024-06-01", "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert "2 complaint(s) have a date after the status date 2024-06-01" in run.stderr
    assert "line 2 (A), line 4 (C)" in run.stderr
    by_ref = {c["reference"]: c for c in json.loads(run.stdout)["cases"]}
    flags = {
        ref: [w for w in c["warnings"] if w.startswith(FUTURE_DATE)] for ref, c in by_ref.items()
    }
    assert [len(flags[r]) for r in "ABC"] == [1, 0, 1]
    # The columnar path says what the scalar path says, word for word.
    one = run_chc(
        "deadlines", "--received", "2024-05-01", "--stage1-acknowledged", "2024-05-02",
        "--stage1-responded", "2042-05-10", "--as-of", "2024-06-01", "--format", "json",
    )  # fmt: skip
    assert by_ref["A"]["warnings"] == json.loads(one.stdout)["warnings"]
    done = next(e for e in by_ref["A"]["events"] if e["key"] == "stage1.respond")
    assert done["done"] == "2042-05-10"


def test_no_warning_without_a_future_date(tmp_path: Path) -> None:
    run = run_chc("deadlines", "--received", "2024-05-01", "--as-of", "2024-06-01")
    assert "after the status date" not in run.stderr + run.stdout
