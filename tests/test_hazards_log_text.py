"""The columnar text view of a log (:mod:`chc.terminal.hazard_log_lines`) is the one-report
path's (:func:`chc.terminal.hazard_log.log_view`, rendered by rich), byte for byte: plain at
a file's width and a pipe's, and in colour, on generated logs (both clock changes, bank
holidays, stops, timed 24-hour clocks, access attempts) and on references rich must wrap or
make inert."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Group, RenderableType

from chc.hazards.columns import FastLog, compute_columns
from chc.hazards.log import compute_log, read_log
from chc.hazards.log_output import LogResult
from chc.hazards.options import build_settings
from chc.hazards.regime import load_regime
from chc.hazards.report import Settings
from chc.terminal.console import InertConsole
from chc.terminal.hazard_log import log_view
from chc.terminal.hazard_log_lines import rendered, view_pieces
from chc.workdays import calendar_for
from test_hazards_log_agreement import Rows, _write, judged_after, report_rows


def _plain(fast: FastLog, settings_: Settings, width: int) -> str:
    pieces = view_pieces(fast, settings_, width, colour=False)
    return "".join(p if isinstance(p, str) else rendered(p, width) for p in pieces)


def _coloured(fast: FastLog, settings_: Settings) -> str:
    out = io.StringIO()
    shown = InertConsole(file=out, width=90, force_terminal=True, color_system="truecolor")
    shown.print(Group(*(p for p in view_pieces(fast, settings_, 90, colour=True))))
    return out.getvalue()


def _both(path: Path, settings_: Settings) -> tuple[FastLog, RenderableType]:
    """The log by the columnar path, and the one-report path's view of it."""
    rules = load_regime()
    calendar = calendar_for(rules.region)
    log = read_log(path)
    computed = compute_columns(log.case_frame, rules, calendar, settings_)
    assert computed is not None  # a log the one-report path reads, the columnar path takes
    fast = FastLog(computed, log.case_frame, rules, calendar)
    view = log_view(LogResult(log, tuple(compute_log(log, rules, calendar, settings_))), calendar)
    return fast, view


def _check(path: Path, settings_: Settings) -> None:
    fast, view = _both(path, settings_)
    for width in (100, 80, 40):
        assert _plain(fast, settings_, width) == rendered(view, width), width
    out = io.StringIO()
    InertConsole(file=out, width=90, force_terminal=True, color_system="truecolor").print(view)
    assert _coloured(fast, settings_) == out.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(report_rows(), min_size=1, max_size=25), st.integers(0, 60 * 24 * 30))
def test_the_columnar_view_equals_the_one_report_paths(rows: Rows, later: int) -> None:
    # Judged from just after the last event to a month later, as the CSV's agreement test
    # judges: every status occurs, and steps fall due within five working days.
    settings_ = judged_after(rows, later)
    with TemporaryDirectory() as name:
        path = Path(name) / "log.csv"
        _write(path, rows)
        _check(path, settings_)


REFERENCES = [
    "HR-1",
    "HR 2/3, flat; B",
    "Ünïcode-7 café",
    "x\u202ey\ttab\x1b[2J",  # shown as escapes
    "R" * 120,  # wider than the view: folded by rich
    "word " * 30,  # wrapped at its spaces
    "é" * 50 + " " + "é" * 60,
]


@pytest.mark.parametrize("timed", [True, False])
def test_references_are_wrapped_and_made_inert_as_rich_does(tmp_path: Path, timed: bool) -> None:
    _check(_references_log(tmp_path, timed), AS_OF)


def _references_log(tmp_path: Path, timed: bool) -> Path:
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(("reference", "track", "aware", "concluded", "access attempts"))
        for i, ref in enumerate(REFERENCES):
            tried = "2026-10-25T01:30+01:00; 2026-10-25T01:30+00:00" if i % 2 else ""
            if timed:
                w.writerow((ref, "emergency", "2026-10-24T09:30", "", tried))
            else:
                w.writerow((ref, "significant", f"2026-12-{20 + i}", "2026-12-31", ""))
    return path


# Some steps overdue, some done late, some due within five working days.
AS_OF = build_settings("2027-01-06T09:00", None, None)


def test_the_view_streams_to_standard_output_a_block_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blocks of two steps: each list in several pieces, rich's batches between them."""
    from chc.cli.hazards import _fast_text
    from chc.cli.options import Destination
    from chc.terminal import hazard_log_lines
    from chc.terminal.console import console

    monkeypatch.setattr(hazard_log_lines, "_BLOCK", 2)
    fast, view = _both(_references_log(tmp_path, timed=True), AS_OF)
    _fast_text(fast, AS_OF, Destination(None))
    shown = capsys.readouterr().out
    assert shown.count("\n") > 40
    assert shown == rendered(view, console().width)
