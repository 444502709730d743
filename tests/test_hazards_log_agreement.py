"""The log paths and the one-report path give the same answers, for generated repairs logs.

`chc hazards --cases` computes each row with :func:`chc.hazards.report.compute`, the
one-report path; its CSV comes from the columnar path (:mod:`chc.hazards.columns`) where
that path takes the log. The second test holds the columnar CSV equal to the row-by-row
one, byte for byte. What the log adds to one report is the reading: the
case-file reader with the hazard log's field table, cells in ISO or UK day-first layouts,
with or without a time, an offset where the autumn clock change repeats an hour, several
access attempts in one cell. So the property held here is that a generated log, written as
a repairs system would write it and read back, gives for every row exactly the JSON that
the one-report path gives for the same facts typed as options.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.hazards.log import HazardLog, compute_log, read_log
from chc.hazards.log_output import LogResult, log_json
from chc.hazards.options import build_report, build_settings
from chc.hazards.regime import load_regime
from chc.hazards.report import HazardResult, Settings, compute
from chc.workdays import calendar_for

UK = ZoneInfo("Europe/London")
# Every event a log records, the three that stop the make-safe duty among them.
EVENTS = ("concluded", "summary_sent", "made_safe", "works_begun", "works_started",
          "works_completed", "decanted", "consent_refused", "no_hazard")  # fmt: skip
AS_OF = "2028-06-01T00:00"
# 27 Oct 2025 (in force) to the end of 2027, in minutes: both clock changes of each year,
# Christmas and Easter inside.
FIRST = datetime(2025, 10, 27, tzinfo=timezone.utc)
# The clock changes inside it (01:00 UTC each time).
CHANGES = [datetime(y, m, d, 1, tzinfo=timezone.utc) for y, m, d in
           ((2026, 3, 29), (2026, 10, 25), (2027, 3, 28), (2027, 10, 31))]  # fmt: skip
SPAN = int((datetime(2027, 12, 1, tzinfo=timezone.utc) - FIRST).total_seconds() // 60)


def typed(moment: datetime, timed: bool, layout: int) -> tuple[str, str]:
    """The cell a repairs system writes (ISO or UK day-first, a spreadsheet's date cell) and
    the option text a person types for the same moment (ISO, with the offset the autumn
    change needs)."""
    local = moment.astimezone(UK)
    if not timed:
        cell = (f"{local:%Y-%m-%d}", f"{local:%d/%m/%Y}", f"{local:%Y-%m-%d} 00:00:00")[layout]
        return cell, f"{local:%Y-%m-%d}"
    naive = local.replace(tzinfo=None)
    twice = (
        naive.replace(tzinfo=UK, fold=0).utcoffset() != naive.replace(tzinfo=UK, fold=1).utcoffset()
    )
    if twice:
        text = local.isoformat(timespec="minutes")
        return text, text
    if local.second:  # seconds as a spreadsheet writes them
        cell = (f"{local:%Y-%m-%dT%H:%M:%S}", f"{local:%d/%m/%Y %H:%M:%S}")[layout % 2]
        return cell, f"{local:%Y-%m-%dT%H:%M:%S}"
    cell = (f"{local:%Y-%m-%dT%H:%M}", f"{local:%d/%m/%Y %H:%M}", f"{local:%Y-%m-%d %H:%M}")[layout]
    return cell, f"{local:%Y-%m-%dT%H:%M}"


@st.composite
def report_rows(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """One row's cells, the same facts as options, and its access attempts as options."""
    track = draw(st.sampled_from(("emergency", "significant")))
    aware = FIRST + timedelta(minutes=draw(st.integers(0, SPAN)))
    if draw(st.integers(0, 3)) == 0:  # often a day or two before a clock change
        change = draw(st.sampled_from(CHANGES))
        aware = change - timedelta(minutes=draw(st.integers(0, 60 * 50)))
    aware += timedelta(seconds=draw(st.sampled_from((0, 0, 1, 59))))
    emergency = track == "emergency"
    layout = st.integers(0, 2)
    cells = {"track": draw(st.sampled_from((track, track.upper(), track.title())))}
    options: dict[str, str] = {"track": track}
    # A 24-hour clock needs times; the significant track's cells may be dates alone.
    timed_aware = emergency or draw(st.booleans())
    cells["aware"], options["aware"] = typed(aware, timed_aware, draw(layout))
    for event in EVENTS:
        # A stop is rarer than the rest: the make-safe duty is usually done, not stopped.
        if draw(st.integers(0, 5 if event in STOPS else 1)) == 0:
            after = timedelta(minutes=draw(st.integers(0, 60 * 24 * 40)))
            timed_event = emergency or draw(st.booleans())
            cells[event], options[event] = typed(aware + after, timed_event, draw(layout))
    attempts = []
    for _ in range(draw(st.integers(0, 3))):
        at = aware + timedelta(minutes=draw(st.integers(0, 60 * 48)))
        attempts.append(typed(at, True, draw(layout)))
    cells["access_attempts"] = "; ".join(c for c, _ in attempts)
    return cells, options, [o for _, o in attempts]


STOPS = ("decanted", "consent_refused", "no_hazard")
COLUMNS = ("reference", "track", "aware", *EVENTS, "access_attempts")
HEADERS = ("Job Ref", "Track", "Date Reported", "Investigation Concluded", "Summary Sent",
           "Made Safe", "Works Begun", "Works Started", "Works Completed", "Decanted",
           "Consent Refused", "No Hazard Found", "Access Attempts")  # fmt: skip


Rows = list[tuple[dict[str, str], dict[str, str], list[str]]]


def _write(path: Path, rows: Rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(HEADERS)
        for i, (cells, _, _) in enumerate(rows):
            w.writerow([f"HR-{i}", *(cells.get(c, "") for c in COLUMNS[1:])])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(report_rows(), min_size=1, max_size=12))
def test_a_generated_log_equals_the_one_report_path_row_by_row(rows: Rows) -> None:
    rules = load_regime()
    calendar = calendar_for(rules.region)
    settings_ = build_settings(AS_OF, None, None)
    with TemporaryDirectory() as name:
        path = Path(name) / "log.csv"
        _write(path, rows)
        log = read_log(path)
        results = compute_log(log, rules, calendar, settings_)
    data = log_json(LogResult(log, tuple(results)))
    assert [r["line"] for r in data["reports"]] == list(range(2, len(rows) + 2))
    for i, ((_, options, attempts), got) in enumerate(zip(rows, data["reports"], strict=True)):
        events = {e: options.get(e) for e in EVENTS}
        report = build_report(
            options["track"], options["aware"], events, attempts, reference=f"HR-{i}"
        )
        one = compute(report, rules, calendar, settings_).as_json()
        assert got == {"line": i + 2, **one}


def _latest(rows: Rows) -> datetime:
    """The latest moment a generated log records (a date alone as its end)."""
    from chc.hazards.moments import parse_moment

    found = []
    for _, options, attempts in rows:
        for text in (*(options.get(e) for e in ("aware", *EVENTS)), *attempts):
            if text:
                m = parse_moment(text, "cell")
                day_end = datetime.combine(m.day + timedelta(days=1), datetime.min.time(), UK)
                found.append(m.at if m.at is not None else day_end)
    return max(found)


def judged_after(rows: Rows, later: int) -> Settings:
    """Settings judging a generated log from just after its last event plus ``later``
    minutes, so that every status occurs. In UTC: adding to a UK time would lose which of a
    repeated hour it is (fold). A minute on: --as-of is to the minute, a cell may have
    seconds."""
    as_of = _latest(rows).astimezone(timezone.utc).replace(second=0) + timedelta(minutes=later + 1)
    return build_settings(as_of.isoformat(timespec="minutes"), None, None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(report_rows(), min_size=1, max_size=25), st.integers(0, 60 * 24 * 30))
def test_the_columnar_csv_equals_the_row_by_row_csv(rows: Rows, later: int) -> None:
    from chc.hazards.columns import log_csv as columnar_csv
    from chc.hazards.log_output import log_csv

    rules = load_regime()
    calendar = calendar_for(rules.region)
    # Judged from just after the last event to a month later: every status occurs.
    settings_ = judged_after(rows, later)
    with TemporaryDirectory() as name:
        path = Path(name) / "log.csv"
        _write(path, rows)
        log = read_log(path)
        fast = columnar_csv(log.case_frame, rules, calendar, settings_)
        results = compute_log(log, rules, calendar, settings_)
    assert fast is not None  # a log the one-report path reads, the columnar path takes
    assert fast == log_csv(LogResult(log, tuple(results)))
    _same_summaries(log, results, settings_)
    _same_lines(log, results, settings_)


def _same_summaries(log: HazardLog, results: list[HazardResult], settings_: Settings) -> None:
    """--summary by the columnar path says what the row-by-row path says, in every format."""
    from chc.hazards.columns import compute_columns
    from chc.hazards.log_output import Tally, summary_csv, summary_json, summary_jsonl

    rules = load_regime()
    fast = compute_columns(log.case_frame, rules, calendar_for(rules.region), settings_)
    assert fast is not None
    mine, theirs = fast.tally(), Tally.of(results)
    assert mine == theirs
    for write in (summary_json, summary_csv, summary_jsonl):
        assert write(mine) == write(theirs)


def _same_lines(log: HazardLog, results: list[HazardResult], settings_: Settings) -> None:
    """--format jsonl by the columnar path: each line, read back, is the row-by-row path's;
    and the bytes are what that path writes through the net every text output passes."""
    import io
    import json

    from chc.hazards.columns import compute_columns
    from chc.hazards.log_lines import JsonLines, write_jsonl
    from chc.hazards.log_output import log_jsonl
    from chc.inert import text

    rules = load_regime()
    calendar = calendar_for(rules.region)
    fast = compute_columns(log.case_frame, rules, calendar, settings_)
    assert fast is not None
    out = io.BytesIO()
    write_jsonl(JsonLines(fast, log.case_frame, rules, calendar, settings_), out)
    theirs = log_jsonl(LogResult(log, tuple(results)))
    mine = out.getvalue().decode("utf-8")
    assert [json.loads(x) for x in mine.splitlines()] == [
        json.loads(x) for x in theirs.splitlines()
    ]
    assert mine == text(theirs)
    # The document: read back, and byte for byte as dumps_json and the net write it.
    from chc.hazards.columns import FastLog
    from chc.hazards.log_lines import INDENTED, document_parts, write_json
    from chc.output import dumps_json

    whole = FastLog(fast, log.case_frame, rules, calendar)
    head, tail = document_parts(whole, settings_)
    out = io.BytesIO()
    write_json(JsonLines(*whole, settings_, INDENTED), head, tail, out)
    document = text(dumps_json(log_json(LogResult(log, tuple(results)))))
    assert json.loads(out.getvalue()) == json.loads(document)
    assert out.getvalue().decode("utf-8") == document


def test_the_columnar_path_declines_what_it_does_not_take(tmp_path: Path) -> None:
    from chc.hazards.columns import log_csv as columnar_csv

    rules = load_regime()
    calendar = calendar_for(rules.region)
    path = tmp_path / "log.csv"
    cases = {
        "emergency,2026-12-04": build_settings(AS_OF, None, None),  # no time: the cell is named
        "emergency,2026-12-04T10:00": build_settings(AS_OF, "09:00", None),  # --assume-time
        "urgent,2026-12-04T10:00": build_settings(AS_OF, None, None),  # unknown track
    }
    for row, settings_ in cases.items():
        path.write_text(f"reference,track,aware\nR1,{row}\n", encoding="utf-8")
        log = read_log(path) if not row.startswith("urgent") else None
        if log is None:
            from chc.caseload.reading import read_case_file
            from chc.hazards.log import read_options

            frame = read_case_file(path, read_options())
        else:
            frame = log.case_frame
        assert columnar_csv(frame, rules, calendar, settings_) is None, row


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(report_rows(), min_size=1, max_size=20), st.integers(0, SPAN))
def test_rows_dated_after_as_of_are_computed_and_named_alike_by_both_paths(
    rows: Rows, minutes: int
) -> None:
    """--as-of anywhere in the generated span: rows with a date after it (an awareness
    still to come, an event recorded ahead) are computed as recorded by both paths, and
    both name the same rows, each flagged in the one-report JSON."""
    from chc.hazards.columns import compute_columns
    from chc.hazards.log import future_rows
    from chc.hazards.log_output import log_csv
    from chc.hazards.report import FUTURE_DATE

    rules = load_regime()
    calendar = calendar_for(rules.region)
    as_of = FIRST + timedelta(minutes=minutes)
    settings_ = build_settings(as_of.isoformat(timespec="minutes"), None, None)
    with TemporaryDirectory() as name:
        path = Path(name) / "log.csv"
        _write(path, rows)
        log = read_log(path)
        fast = compute_columns(log.case_frame, rules, calendar, settings_)
        results = compute_log(log, rules, calendar, settings_)
    assert fast is not None
    assert fast.csv() == log_csv(LogResult(log, tuple(results)))
    _same_summaries(log, results, settings_)
    _same_lines(log, results, settings_)
    named = future_rows(log, results)
    assert fast.future == named
    # By hand: a row is named when a moment it records is after --as-of (a date alone,
    # when its day is after --as-of's day); each named row's JSON carries a warning.
    from chc.hazards.moments import parse_moment

    def ahead(text: str) -> bool:
        m = parse_moment(text, "cell")
        return m.at > as_of if m.at is not None else m.day > as_of.astimezone(UK).date()

    expected = [
        (i + 2, f"HR-{i}")
        for i, (_, options, attempts) in enumerate(rows)
        if any(ahead(t) for t in (*(options.get(e) for e in ("aware", *EVENTS)), *attempts) if t)
    ]
    assert named == expected
    for i, r in enumerate(results):
        assert bool(r.warnings) == ((i + 2, f"HR-{i}") in expected)
        assert all(w.startswith(FUTURE_DATE) for w in r.warnings)


def test_the_columnar_lines_escape_references_as_the_row_by_row_lines(tmp_path: Path) -> None:
    """References with a quote mark, a backslash, accents and a bidi control; one report
    dated after --as-of (written by the one-report path)."""
    path = tmp_path / "log.csv"
    rows = [
        ('HR "1"', "emergency", "2026-03-28T02:30", "2026-03-29T09:00"),
        ("HR\\2", "significant", "24/12/2026", ""),
        ("Ünïcode-3", "significant", "2026-04-02", "2026-04-10"),
        ("x\u202ey", "emergency", "2026-10-25T01:30+01:00", ""),
        ("HR-5 café", "significant", "2026-12-30", "2027-01-04"),
        ("HR-6", "emergency", "2028-01-02T10:00", ""),  # after --as-of
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(("reference", "track", "aware", "concluded"))
        w.writerows(rows)
    settings_ = build_settings("2027-06-01T00:00", None, None)
    log = read_log(path)
    results = compute_log(log, load_regime(), calendar_for(load_regime().region), settings_)
    assert [bool(r.warnings) for r in results] == [False] * 5 + [True]
    _same_lines(log, results, settings_)
