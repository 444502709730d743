"""The columnar calendar of a log (:mod:`chc.hazards.log_ics`) is the one-report path's
(:func:`chc.hazards.ics.log_ics`, written by icalendar), byte for byte, on generated logs:
both clock changes, Christmas and Easter, stops and waivers (left out), 24-hour clocks
with times and working-day clocks with dates, and references icalendar must escape, fold
or percent-encode."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.errors import InputError
from chc.hazards.columns import compute_columns
from chc.hazards.ics import log_ics
from chc.hazards.log import compute_log, read_log
from chc.hazards.log_ics import write_ics
from chc.hazards.options import build_settings
from chc.hazards.regime import load_regime
from chc.hazards.report import Settings
from chc.workdays import calendar_for
from test_hazards_log_agreement import Rows, _write, judged_after, report_rows


def _moves_escapes() -> bool:
    """Whether the icalendar installed keeps a backslash at a fold with what it escapes
    (its fix of issue 1501, which the columnar path follows); before it, the two fold
    differently and only the unfolded lines can be the same."""
    from chc.hazards.log_ics import _fold

    probe = "x" * 73 + "\\;"
    return _fold(probe) == probe[:-2] + "\r\n " + probe[-2:]


def _unfolded(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n ", b"").split(b"\r\n")


def _both(path: Path, settings_: Settings) -> tuple[bytes, bytes]:
    """The log's calendar by the columnar path, and by the one-report path."""
    rules = load_regime()
    calendar = calendar_for(rules.region)
    log = read_log(path)
    fast = compute_columns(log.case_frame, rules, calendar, settings_)
    assert fast is not None  # a log the one-report path reads, the columnar path takes
    out = io.BytesIO()
    write_ics(fast, rules, settings_, out)
    return out.getvalue(), log_ics(compute_log(log, rules, calendar, settings_))


def _same(mine: bytes, theirs: bytes) -> None:
    assert _unfolded(mine) == _unfolded(theirs)
    if _moves_escapes():
        assert mine == theirs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(report_rows(), min_size=1, max_size=25), st.integers(0, 60 * 24 * 30))
def test_the_columnar_calendar_equals_the_one_report_paths(rows: Rows, later: int) -> None:
    # As the CSV's agreement test judges: from just after the last event to a month later,
    # so every status occurs (and the stopped and the waived steps are left out).
    settings_ = judged_after(rows, later)
    with TemporaryDirectory() as name:
        path = Path(name) / "log.csv"
        _write(path, rows)
        mine, theirs = _both(path, settings_)
    assert mine.count(b"BEGIN:VEVENT") == theirs.count(b"BEGIN:VEVENT")
    _same(mine, theirs)


REFERENCES = [
    "HR-1",
    "HR 2/3, flat; B",  # escaped in the summary, percent-encoded in the UID
    "HR\\N4",  # icalendar reads a literal \N as a line break
    'HR "5" ^6',
    "Ünïcode-7 café",
    "x\u202ey\ttab",  # shown as escapes
    "R" * 80,  # a UID and a summary folded twice
    "é" * 40 + "\\" + "é" * 3,  # multi-byte characters at a fold
    "a" * 52 + "," + "b" * 30,  # an escape where the summary folds
    "a" * 51 + "\\" + "b" * 30,
]


@pytest.mark.parametrize("timed", [True, False])
def test_references_are_escaped_folded_and_encoded_as_icalendar_does(
    tmp_path: Path, timed: bool
) -> None:
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(("reference", "track", "aware", "concluded"))
        for i, ref in enumerate(REFERENCES):
            if timed:
                w.writerow((ref, "emergency", f"2026-10-{24 + i % 3}T0{i % 10}:30+01:00", ""))
            else:
                w.writerow((ref, "significant", f"2026-12-{20 + i}", "2026-12-31"))
    mine, theirs = _both(path, build_settings("2027-02-01T09:00", None, None))
    assert mine.count(b"BEGIN:VEVENT") == theirs.count(b"BEGIN:VEVENT") > len(REFERENCES)
    _same(mine, theirs)


def test_a_report_without_a_reference_stops_the_calendar_before_a_line(tmp_path: Path) -> None:
    """The reader refuses an empty reference; should one reach the calendar, it stops it
    as the one-report path does, rather than give events that overwrite each other."""
    import dataclasses

    import polars as pl

    path = tmp_path / "log.csv"
    path.write_text("reference,track,aware\nHR-1,emergency,2026-12-04T10:00\n", encoding="utf-8")
    settings_ = build_settings("2027-01-01T00:00", None, None)
    rules = load_regime()
    fast = compute_columns(read_log(path).case_frame, rules, calendar_for(rules.region), settings_)
    assert fast is not None
    blank = dataclasses.replace(fast, steps=fast.steps.with_columns(pl.lit("").alias("reference")))
    out = io.BytesIO()
    with pytest.raises(InputError, match="a calendar needs the report's reference"):
        write_ics(blank, rules, settings_, out)
    assert out.getvalue() == b""  # nothing written before the error
