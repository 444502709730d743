"""A hazard report dated after --as-of (an awareness still to come, an event recorded
ahead) is computed as recorded and said, never a stop: as `chc deadlines` does for a
complaint (tests/test_future_dates.py), for one report and for a log by both its paths."""

from __future__ import annotations

import json
from pathlib import Path

from chc.hazards.options import build_report, build_settings
from chc.hazards.regime import load_regime
from chc.hazards.report import FUTURE_DATE, compute
from chc.workdays import calendar_for
from conftest import run_chc

LOG = (
    "reference,track,aware,made_safe,concluded\n"
    "A,emergency,2026-12-04T16:30,2026-12-05T10:00,\n"
    "B,emergency,2029-12-04T16:30,,\n"
    "C,significant,2026-12-01,,2027-03-01\n"
    "D,significant,2026-12-01,,\n"
)


def test_an_awareness_after_as_of_is_computed_and_flagged() -> None:
    rules = load_regime()
    report = build_report("emergency", "2029-12-04T16:30", {})
    r = compute(report, rules, calendar_for(rules.region), build_settings("2027-01-08", None, None))
    assert [s.status for s in r.steps] == ["due", "due", "waiting"]
    assert r.steps[0].due.isoformat() == "2029-12-05T16:30:00+00:00"
    assert len(r.warnings) == 1 and r.warnings[0].startswith(FUTURE_DATE)
    assert "2029-12-04T16:30+00:00" in r.warnings[0] and "2027-01-08T00:00" in r.warnings[0]


def test_an_event_after_as_of_counts_as_done_and_is_flagged() -> None:
    rules = load_regime()
    report = build_report("significant", "2026-12-04", {"made_safe": "2026-12-09"})
    settings = build_settings("2026-12-08", None, None)
    r = compute(report, rules, calendar_for(rules.region), settings)
    made_safe = next(s for s in r.steps if s.key == "significant.make_safe")
    assert made_safe.done is not None and made_safe.done.day.isoformat() == "2026-12-09"
    assert [w for w in r.future_dates if w.startswith("the making safe")]
    same_day = build_report("significant", "2026-12-04", {"made_safe": "2026-12-08"})
    assert compute(same_day, rules, calendar_for(rules.region), settings).warnings == ()


def test_one_report_warns_on_stderr_and_in_json_exit_0() -> None:
    run = run_chc(
        "hazards", "--aware", "2026-12-04", "--track", "significant", "--as-of", "2026-12-01",
        "--format", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert "chc: warning: the awareness is dated 2026-12-04, after the status date" in run.stderr
    data = json.loads(run.stdout)
    assert [w for w in data["warnings"] if w.startswith(FUTURE_DATE + "the awareness")]
    assert data["events"][0]["due"] == "2026-12-18"


def _log(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    return path


def test_a_log_names_the_rows_and_computes_every_row(tmp_path: Path) -> None:
    log = _log(tmp_path)
    for fmt in ("csv", "jsonl", "json", "text"):  # columnar (csv) and row by row alike
        run = run_chc("hazards", "--cases", str(log), "--as-of", "2027-01-08T09:00", "-f", fmt)
        assert run.exit_code == 0, (fmt, run.stderr)
        assert "2 hazard report(s) have a date after the status date" in run.stderr, fmt
        assert "line 3 (B), line 4 (C);" in run.stderr, fmt
    csv_run = run_chc("hazards", "--cases", str(log), "--as-of", "2027-01-08T09:00", "-f", "csv")
    assert {line.split(",")[0] for line in csv_run.stdout.splitlines()[1:]} == set("ABCD")
    lines = run_chc("hazards", "--cases", str(log), "--as-of", "2027-01-08T09:00", "-f", "jsonl")
    by_ref = {r["reference"]: r for r in map(json.loads, lines.stdout.splitlines())}
    assert [len(by_ref[ref]["warnings"]) for ref in "ABCD"] == [0, 1, 1, 0]
    late = next(e for e in by_ref["C"]["events"] if e["key"] == "significant.investigate")
    assert (late["status"], late["done"]) == ("late", "2027-03-01")


def test_the_log_says_no_more_than_five_rows_by_name(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    rows = [f"R{i},significant,2029-01-0{1 + i % 5}" for i in range(7)]
    path.write_text("reference,track,aware\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = run_chc("hazards", "--cases", str(path), "--as-of", "2027-01-08", "-f", "csv")
    assert run.exit_code == 0, run.stderr
    assert "7 hazard report(s)" in run.stderr and "line 6 (R4) and 2 more;" in run.stderr


def test_an_event_before_the_awareness_still_stops(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "reference,track,aware,concluded\nA,significant,2026-12-04,2026-12-01\n",
        encoding="utf-8",
    )
    run = run_chc("hazards", "--cases", str(path), "--as-of", "2027-01-08", "-f", "csv")
    assert run.exit_code == 2 and "is before aware" in run.stderr
