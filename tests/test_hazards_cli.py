"""`chc hazards` for one report, through the CLI (in-process): the JSON contract compared
exactly, what the text view shows and does not, the calendar read back by vobject, and every
bad input ending with one line and exit status 2.

Expected times and dates were worked out by hand (day 0 is the awareness or conclusion day;
"Mon 07 (1)" means Monday the 7th is working day 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import vobject

from conftest import Run, run_chc

ASSUMPTIONS: dict[str, str] = {}


def _text(aid: str) -> str:
    from chc.hazards.regime import load_regime

    return load_regime().assumption_text[aid]


def one_line_error(run: Run, *words: str) -> str:
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("chc: error: "), lines[0]
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def hazards_json(*args: str) -> dict[str, Any]:
    r = run_chc("hazards", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def test_emergency_report_json_is_exact() -> None:
    # Aware Fri 04 Dec 2026 16:30 GMT: 24 hours end Sat 05 Dec 16:30 GMT (no clock change).
    # Investigated Sat 09:00, made safe Sat 18:00 (1 h 30 min late), two attempts before.
    data = hazards_json(
        "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--concluded", "2026-12-05T09:00", "--made-safe", "2026-12-05T18:00",
        "--access-attempt", "2026-12-05T10:00", "--access-attempt", "2026-12-05T17:00",
        "--as-of", "2026-12-07", "--reference", "HR-1",
    )  # fmt: skip
    assert data["track"] == "emergency"
    assert data["aware"] == "2026-12-04T16:30+00:00"
    assert data["as_of"] == "2026-12-07T00:00+00:00"
    assert [e["key"] for e in data["events"]] == [
        "emergency.investigate",
        "emergency.make_safe",
        "emergency.summary",
    ]
    investigate, make_safe, summary = data["events"]
    assert investigate == {
        "key": "emergency.investigate",
        "due": "2026-12-05T16:30+00:00",
        "done": "2026-12-05T09:00+00:00",
        "done_by": "concluded",
        "status": "on_time",
        "late_by": None,
        "limit": 24,
        "unit": "hours",
        "from_event": "aware",
        "from": "2026-12-04T16:30+00:00",
        "from_assumed": False,
        "alternative_due": None,
        "clock_change": False,
        "access_attempts": [],
        "assumptions": ["AL-OUT-OF-HOURS", "AL-CLOCK-CHANGE"],
        "row": "A1",
    }
    assert make_safe["status"] == "late"
    assert make_safe["late_by"] == {"amount": 1.5, "unit": "hours"}
    # The later reading: 24 hours from the investigation's end, Sun 06 Dec 09:00.
    assert make_safe["alternative_due"] == "2026-12-06T09:00+00:00"
    # Beside the missed deadline: only the attempt made by 16:30; the report keeps both.
    assert make_safe["access_attempts"] == ["2026-12-05T10:00+00:00"]
    assert data["access_attempts"] == ["2026-12-05T10:00+00:00", "2026-12-05T17:00+00:00"]
    assert "AL-MAKE-SAFE-START" in make_safe["assumptions"]
    # Concluded Sat 05 (day 0): Mon 07 (1), Tue 08 (2), Wed 09 (3).
    assert (summary["due"], summary["status"]) == ("2026-12-09", "due")
    assert data["assumptions"][0] == {"id": "AL-OUT-OF-HOURS", "text": _text("AL-OUT-OF-HOURS")}


def test_damp_and_mould_over_christmas() -> None:
    # Aware Fri 18 Dec 2026: Mon 21 (1) .. Thu 24 (4), Fri 25 and Mon 28 hol, Tue 29 (5),
    # Wed 30 (6), Thu 31 (7), Fri 01 hol, Mon 04 (8), Tue 05 (9), Wed 06 Jan (10).
    data = hazards_json(
        "--aware", "2026-12-18", "--track", "significant", "--concluded", "2027-01-05",
        "--summary-sent", "2027-01-11", "--as-of", "2027-01-20",
    )  # fmt: skip
    assert data["aware"] == "2026-12-18"
    assert data["hazard"] == "damp_and_mould"
    got = {e["key"]: (e["due"], e["status"], e["late_by"]) for e in data["events"]}
    assert got == {
        "significant.investigate": ("2027-01-06", "on_time", None),
        # From Tue 05 Jan: Wed 06 (1), Thu 07 (2), Fri 08 (3); sent Mon 11: 1 working day late.
        "significant.summary": ("2027-01-08", "late", {"amount": 1, "unit": "working_days"}),
        # Mon 11 (4), Tue 12 (5); not done by Wed 20: Wed 13 .. Wed 20 is 6 working days.
        "significant.make_safe": ("2027-01-12", "overdue", {"amount": 6, "unit": "working_days"}),
        "significant.further_works_begin": (
            "2027-01-12",
            "overdue",
            {"amount": 6, "unit": "working_days"},
        ),
        # 84 days after Tue 05 Jan 2027.
        "significant.further_works_start": ("2027-03-30", "due", None),
    }


def test_a_decant_stops_the_24_hour_make_safe_duty() -> None:
    data = hazards_json(
        "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--decanted", "2026-12-05T12:00", "--as-of", "2026-12-06T09:00",
    )  # fmt: skip
    make_safe = data["events"][1]
    assert (make_safe["status"], make_safe["done_by"]) == ("stopped", "decanted")
    # The investigation is not stopped by a decant: it is still overdue.
    assert data["events"][0]["status"] == "overdue"


def test_a_decant_after_the_deadline_does_not_stop_it() -> None:
    data = hazards_json(
        "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--decanted", "2026-12-05T17:00", "--as-of", "2026-12-06T09:00",
    )  # fmt: skip
    assert data["events"][1]["status"] == "overdue"


def test_a_date_alone_needs_assume_time_for_a_24_hour_clock() -> None:
    one_line_error(
        run_chc("hazards", "--aware", "2026-12-04", "--track", "emergency"),
        "--aware: 2026-12-04 has no time",
        "--assume-time",
    )
    data = hazards_json(
        "--aware", "2026-12-04", "--track", "emergency", "--assume-time", "09:00",
        "--as-of", "2026-12-04T10:00",
    )  # fmt: skip
    assert data["aware"] == "2026-12-04T09:00+00:00"
    assert "AL-ASSUMED-TIME" in [a["id"] for a in data["assumptions"]]


def test_a_phase_two_hazard_is_provisional_only_from_a_named_start() -> None:
    one_line_error(
        run_chc(
            "hazards", "--aware", "2026-12-04", "--track", "significant", "--hazard", "excess_cold"
        ),
        "phase 2",
        "--phase-start",
    )
    data = hazards_json(
        "--aware", "2026-12-04", "--track", "significant", "--hazard", "excess-cold",
        "--phase-start", "2026-11-30", "--as-of", "2026-12-04",
    )  # fmt: skip
    assert (data["provisional"], data["phase"], data["hazard"]) == (True, 2, "excess_cold")
    assert "AL-PHASE-TWO" in [a["id"] for a in data["assumptions"]]


def test_text_view_in_a_complaints_officers_words() -> None:
    r = run_chc(
        "hazards", "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--access-attempt", "2026-12-05T10:00", "--as-of", "2026-12-06T09:00",
        "--reference", "HR-7",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    text = " ".join(r.stdout.split())
    for shown in (
        "Hazard report HR-7: emergency hazard",
        "Landlord aware Fri 04 Dec 2026 16:30 GMT",
        "Make the home safe",
        "due Sat 05 Dec 2026 16:30 GMT",
        "OVERDUE by 16 h 30 min",
        "Deadline missed; 1 access attempt recorded by then (Sat 05 Dec 2026 10:00 GMT)",
        "offer a complaint",
        _text("AL-MAKE-SAFE-START"),
    ):
        assert shown in text, shown
    # Machine vocabulary stays in the JSON.
    for hidden in ("emergency.make_safe", "AL-", "on_time", "made_safe"):
        assert hidden not in text, hidden


def test_text_view_says_when_a_clock_change_shortens_the_day() -> None:
    r = run_chc(
        "hazards", "--aware", "2026-03-28T12:00", "--track", "emergency",
        "--as-of", "2026-03-28T13:00",
    )  # fmt: skip
    text = " ".join(r.stdout.split())
    assert "due Sun 29 Mar 2026 12:00 BST" in text
    assert "the clocks change inside it" in text


def test_calendar_has_timed_and_all_day_events(tmp_path: Path) -> None:
    out = tmp_path / "hr.ics"
    r = run_chc(
        "hazards", "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--as-of", "2026-12-04T17:00", "--reference", "HR 1", "--format", "ics", "-o", str(out),
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    cal = vobject.readOne(out.read_text(encoding="utf-8"))
    events = {e.uid.value: e for e in cal.vevent_list}
    investigate = events["HR%201.emergency.investigate@chc"]
    assert investigate.dtstart.value.isoformat() == "2026-12-05T16:30:00+00:00"
    summary = events["HR%201.emergency.summary@chc"]
    assert summary.dtstart.value.isoformat() == "2026-12-09"
    again = run_chc(
        "hazards", "--aware", "2026-12-04T16:30", "--track", "emergency",
        "--reference", "HR 1", "--format", "ics", "-o", str(out),
    )  # fmt: skip
    one_line_error(again, "already exists")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--aware", "2026-10-25T01:30", "--track", "emergency"), ("happened twice", "+01:00")),
        (("--aware", "2026-03-29T01:30", "--track", "emergency"), ("does not exist",)),
        (("--aware", "2025-10-01", "--track", "significant"), ("before Awaab's Law",)),
        (("--aware", "2026-12-04", "--track", "significant", "--concluded", "2026-12-01"),
         ("--concluded: 2026-12-01 is before --aware",)),
        (("--aware", "2026-12-04", "--track", "significant", "--concluded", "2026-02-30"),
         ("February 2026 has 28 days",)),
        (("--aware", "2026-12-04T25:00", "--track", "emergency"), ("no such time",)),
        (("--aware", "04/12/2026", "--track", "significant"), ("YYYY-MM-DD",)),
        (("--aware", "2026-12-04T16:30", "--track", "emergency", "--made-safe", "2026-12-05"),
         ("--made-safe: 2026-12-05 has no time",)),
        (("--aware", "2026-12-04", "--track", "significant", "--hazard", "damp"),
         ("unknown kind 'damp'",)),
        (("--aware", "2026-12-04", "--track", "emergency", "--hazard", "crowding_and_space",
          "--assume-time", "9:00"), ("not covered on the emergency track",)),
        (("--aware", "2026-12-04T16:30", "--track", "emergency", "-f", "ics"),
         ("needs the report's reference",)),
        (("--aware", "2026-12-04", "--track", "significant", "--assume-time", "noon"),
         ("not a time of day",)),
        (("--aware", "2026-12-04", "--track", "significant", "--regime", "missing.yaml"),
         ("missing.yaml",)),
        (("--aware", "2026-12-04", "--track", "significant", "--reference", "HR\u202e1"),
         ("--reference: character 3", "U+202E")),
        (("--aware", "2026-12-04", "--track", "significant", "--reference", "HR\x1b[31m"),
         ("U+001B",)),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    one_line_error(run_chc("hazards", *args), *words)


def test_an_unknown_track_or_format_is_refused_with_status_2() -> None:
    for args in (("--track", "urgent"), ("--track", "emergency", "--format", "csv")):
        r = run_chc("hazards", "--aware", "2026-12-04T16:30", *args)
        assert r.exit_code == 2
        assert "Traceback" not in r.stderr


def _tour_blocks() -> list[tuple[list[str], list[str]]]:
    """The README tour's `chc hazards` examples: each command's arguments and shown lines."""
    import shlex

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `chc hazards`", 1)[1].split("\n### ", 1)[0]
    blocks = []
    for block in section.split("```console\n")[1:]:
        lines = block.split("```", 1)[0].replace("\\\n", " ").splitlines()
        args = shlex.split(lines[0].removeprefix("$ chc "))
        blocks.append((args, [line for line in lines[1:] if "..." not in line]))
    return blocks


def test_the_readme_tour_shows_what_chc_prints() -> None:
    blocks = _tour_blocks()
    assert len(blocks) == 2
    for args, shown in blocks:
        r = run_chc(*args, env={"COLUMNS": "200"})
        assert r.exit_code == 0, r.stderr
        printed = [" ".join(line.split()) for line in r.stdout.splitlines()]
        for line in shown:
            assert " ".join(line.split()) in printed, line
