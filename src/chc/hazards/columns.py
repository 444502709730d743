"""A hazard log's CSV computed a column at a time: the fast path of `chc hazards --cases`.

The same rules as :mod:`chc.hazards.report` (every limit, start, end, stop and waiver from
the regime file), over polars columns: working days by the caseload engine's
:class:`chc.caseload.engine.ColumnCalendar` (chc's one calendar, as the complaints'
columns use it), hours in Europe/London with the clock-change rule of
:func:`chc.hazards.clocks.add_hours`. It handles the common log; anything else (a cell it
does not read, an offset, a date without a time where an hour clock needs one,
``--assume-time``, an event out of order, a provisional phase, an unknown kind) returns
None, and the caller takes the one-report path row by row, which says what is wrong at its
cell. Agreement tests hold the two paths to the same CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, overload

from chc.hazards.log_fields import MOMENTS
from chc.hazards.log_output import CSV_COLUMNS

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl

    from chc.caseload.engine import ColumnCalendar
    from chc.caseload.frame import CaseFrame
    from chc.caseload.reading import ReadOptions
    from chc.hazards.log_output import Tally
    from chc.hazards.regime import Regime, Step
    from chc.hazards.report import Settings
    from chc.workdays import WorkingCalendar

LONDON = "Europe/London"
_ISO = (
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
)
_UK = (
    r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}),?"
    r"(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$"
)
_NEVER = 2**62  # an untimed moment sorts after every timed one on its day
_ROW, _KEY = "\0row", "\0key"
# The working columns of one step, dropped before the next (its due columns are kept).
_STEP_LOCAL = (
    r"^\x00(start |assumed|done\.|stop\.|alternative at|elapsed|naive|wall|due at|due day"
    r"|change|check ).*$"
)
_REPORT = ("reference", "line", "track", "hazard", "phase", "provisional", "aware")


class Unplaced(Exception):
    """The columnar path does not take this log: the one-report path will."""


def _moments(frame: pl.DataFrame, sources: dict[str, str]) -> pl.DataFrame:
    """For each ``name: source column``: ``name.day`` (Date), ``name.at`` (UTC Datetime,
    null without a time) and ``name.bad`` (a given cell this path cannot read exactly).
    Built in stages, each a column once: one expression tree per cell would be evaluated
    again wherever a part of it is used. One event at a time: its twenty working columns
    are then freed before the next event's are made (on 100,000 rows, 155 MB at the peak
    rather than 282, and sooner)."""
    import polars as pl

    h = frame.height
    parts = []
    for n, src in sources.items():
        if frame[src].null_count() == h:  # an event the log never records: parsed as nothing
            nothing = pl.select(
                pl.repeat(None, h, dtype=pl.Date).alias(f"{n}.day"),
                pl.repeat(None, h, dtype=pl.Datetime("us", "UTC")).alias(f"{n}.at"),
                pl.repeat(False, h, dtype=pl.Boolean).alias(f"{n}.bad"),
            )
            parts.append(nothing)
        else:
            parts.append(_parse_moments(frame.select(src), {n: src}).drop(src))
    return pl.concat(parts, how="horizontal")


def _c(name: str, part: str) -> pl.Expr:
    """One of the working columns ``_parse_moments`` builds for the event ``name``."""
    import polars as pl

    return pl.col(f"\0{part} {name}")


def _parse_moments(frame: pl.DataFrame, sources: dict[str, str]) -> pl.DataFrame:
    """``_moments`` for columns that have at least one cell."""
    import polars as pl

    c = _c
    lf = frame.lazy().with_columns(
        pl.col(src).str.strip_chars().str.replace(r"^(.+?)[T ]00:00:00$", "$1").alias(f"\0t {n}")
        for n, src in sources.items()
    )
    lf = lf.with_columns(
        e
        for n in sources
        for e in (c(n, "t").str.extract_groups(_ISO).alias(f"\0iso {n}"),
                  c(n, "t").str.extract_groups(_UK).alias(f"\0uk {n}"))
    )  # fmt: skip
    parts = {"y": ("1", "3"), "m": ("2", "2"), "d": ("3", "1"), "hh": ("4", "4"),
             "mm": ("5", "5"), "ss": ("6", "6")}  # fmt: skip
    lf = lf.with_columns(
        *(
            pl.coalesce(c(n, "iso").struct.field(i), c(n, "uk").struct.field(u)).alias(f"\0{k} {n}")
            for n in sources
            for k, (i, u) in parts.items()
        ),
        *(c(n, "iso").struct.field("7").alias(f"\0off {n}") for n in sources),
    )
    lf = lf.with_columns(
        e
        for n in sources
        for e in (
            pl.concat_str([c(n, "y"), c(n, "m").str.zfill(2), c(n, "d").str.zfill(2)],
                          separator="-")
            .str.to_date("%Y-%m-%d", strict=False).alias(f"\0day {n}"),
            *(c(n, k).cast(pl.Int64).alias(f"\0{k} {n}") for k in ("hh", "mm")),
            c(n, "ss").cast(pl.Int64).fill_null(0).alias(f"\0ss {n}"),
            c(n, "off").str.slice(1, 2).cast(pl.Int64, strict=False).fill_null(0)
            .alias(f"\0oh {n}"),
            c(n, "off").str.slice(4, 2).cast(pl.Int64, strict=False).fill_null(0)
            .alias(f"\0om {n}"),
        )
    )  # fmt: skip
    lf = lf.with_columns(
        e
        for n in sources
        for e in (
            pl.when(c(n, "day").dt.year().is_between(1990, 2100)).then(c(n, "day"))
            .alias(f"\0day {n}"),
            (c(n, "day").cast(pl.Datetime("us"))
             + pl.duration(hours=c(n, "hh"), minutes=c(n, "mm"), seconds=c(n, "ss")))
            .alias(f"\0naive {n}"),
        )
    )  # fmt: skip

    lf = lf.with_columns(_at(n).alias(f"{n}.at") for n in sources)

    lf = lf.with_columns(
        *(_bad(n).alias(f"{n}.bad") for n in sources),
        *(c(n, "day").alias(f"{n}.day") for n in sources),
    )
    return lf.select(pl.exclude(r"^\x00.*$")).collect()


def _at(n: str) -> pl.Expr:
    """The instant of event ``n``'s cell, in UTC (null without a time)."""
    import polars as pl

    c = _c
    naive, off = c(n, "naive"), c(n, "off")
    local = naive.dt.replace_time_zone(LONDON, ambiguous="null", non_existent="null")
    # An offset pins the instant (the autumn change's repeated hour needs one).
    sign = pl.when(off.str.starts_with("-")).then(-1).otherwise(1)
    shift = pl.duration(minutes=sign * (c(n, "oh") * 60 + c(n, "om")))
    pinned = naive.dt.replace_time_zone("UTC") - shift
    return pl.when(off.is_not_null()).then(pinned).otherwise(local.dt.convert_time_zone("UTC"))


def _bad(n: str) -> pl.Expr:
    """Whether event ``n``'s given cell cannot be read exactly."""
    import polars as pl

    c = _c
    ok = (c(n, "hh") <= 23) & (c(n, "mm") <= 59) & (c(n, "ss") <= 59)
    ok = ok & (c(n, "off").is_null() | ((c(n, "oh") <= 14) & (c(n, "om") <= 59)))
    given = c(n, "t").is_not_null() & (c(n, "t") != "")
    timed_bad = c(n, "hh").is_not_null() & (~ok.fill_null(False) | pl.col(f"{n}.at").is_null())
    return given & (c(n, "day").is_null() | timed_bad)


def _iso(at: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Moment.iso(): the time in UK time with its offset, to the minute, else the date."""
    import polars as pl

    shown = at.dt.convert_time_zone(LONDON).dt.strftime("%Y-%m-%dT%H:%M%:z")
    return pl.when(at.is_not_null()).then(shown).otherwise(day.dt.strftime("%Y-%m-%d"))


def _key(name: str) -> pl.Expr:
    import polars as pl

    return pl.col(f"{name}.at").dt.epoch("us").fill_null(_NEVER)


def _first(lf: pl.LazyFrame, events: list[str], to: str) -> pl.LazyFrame:
    """Columns ``to.day``, ``to.at`` and ``to.by``: the earliest of ``events`` by day, then
    by time (an untimed one after a timed one on its day; ties to the first listed), as
    :func:`chc.hazards.report._first` picks. One column stage per event."""
    import polars as pl

    day, at, key, by = (pl.col(f"{to}.{part}") for part in ("day", "at", "key", "by"))
    lf = lf.with_columns(
        pl.lit(None, pl.Date).alias(f"{to}.day"),
        pl.lit(None, pl.Datetime("us", "UTC")).alias(f"{to}.at"),
        pl.lit(_NEVER, pl.Int64).alias(f"{to}.key"),
        pl.lit(None, pl.String).alias(f"{to}.by"),
    )
    for name in events:
        d, k = pl.col(f"{name}.day"), _key(name)
        takes = d.is_not_null() & (day.is_null() | (d < day) | ((d == day) & (k < key)))
        new = (d, pl.col(f"{name}.at"), k, pl.lit(name))
        lf = lf.with_columns(
            pl.when(takes).then(n).otherwise(o).alias(o.meta.output_name())
            for n, o in zip(new, (day, at, key, by), strict=True)
        )
    return lf


def _add_hours(lf: pl.LazyFrame, begin: str, hours: int) -> pl.LazyFrame:
    """Columns ``\0due at`` and ``\0change``, as :func:`chc.hazards.clocks.add_hours`: the
    earlier of the elapsed hours and the same clock time ``hours // 24`` days later, and
    whether the two differ."""
    import polars as pl

    start = pl.col(begin)
    naive = start.dt.convert_time_zone(LONDON).dt.replace_time_zone(None)
    lf = lf.with_columns(
        (start + pl.duration(hours=hours)).alias("\0elapsed"),
        (naive + pl.duration(days=hours // 24)).alias("\0naive"),
    )
    naive = pl.col("\0naive")
    wall = naive.dt.replace_time_zone(LONDON, ambiguous="earliest", non_existent="null")
    # A time the spring change skips is read with the offset before it (Python's fold=0).
    skipped = (naive - pl.duration(hours=1)).dt.replace_time_zone(
        LONDON, ambiguous="earliest", non_existent="null"
    )
    wall = pl.coalesce(wall, skipped + pl.duration(hours=1)).dt.convert_time_zone("UTC")
    lf = lf.with_columns(wall.alias("\0wall"))
    elapsed, wall = pl.col("\0elapsed"), pl.col("\0wall")
    return lf.with_columns(
        pl.min_horizontal(elapsed, wall).alias("\0due at"), (elapsed != wall).alias("\0change")
    )


def _hours_late(due: pl.Expr, done: pl.Expr) -> pl.Expr:
    import polars as pl

    seconds = (done - due).dt.total_seconds()
    minutes = -((-seconds) // 60)
    return (minutes / 60).round(2).cast(pl.String)


def _status(*cases: tuple[pl.Expr, str]) -> pl.Expr:
    import polars as pl

    expr: pl.Expr = pl.lit("due")
    for when, status in reversed(cases):
        expr = pl.when(when).then(pl.lit(status)).otherwise(expr)
    return expr


def _hour_clock(
    lf: pl.LazyFrame, step: Step, as_of: pl.Expr
) -> tuple[pl.LazyFrame, pl.Expr, list[pl.Expr]]:
    """An hour step's due moment, status, stop and lateness, as
    :func:`chc.hazards.report._hour_step`; and the checks for a time it needs and lacks."""
    import polars as pl

    start_day, start_at = pl.col("\0start day"), pl.col("\0start at")
    done_day, done_at, done_by = (pl.col(f"\0done.{p}") for p in ("day", "at", "by"))
    lf = _first(lf, list(step.stopped_by), "\0stop")
    alternative = pl.lit(None, pl.Datetime("us", "UTC"))
    if step.alternative_from is not None:  # the later reading of the start (its own time)
        lf = _add_hours(lf, f"{step.alternative_from}.at", step.limit)
        alternative = pl.col("\0due at")
    lf = lf.with_columns(alternative.alias("\0alternative at"))
    lf = _add_hours(lf, "\0start at", step.limit)
    stop_day, stop_at, stop_by = (pl.col(f"\0stop.{p}") for p in ("day", "at", "by"))
    due = pl.col("\0due at")
    lf = lf.with_columns(
        _status(
            (done_at <= due, "on_time"), (stop_at <= due, "stopped"),
            (done_at.is_not_null(), "late"), (pl.col("\0assumed"), "waiting"),
            (as_of > due, "overdue"),
        ).alias("status"),
        due.dt.convert_time_zone(LONDON).dt.date().alias("\0due day"),
    )  # fmt: skip
    checks = [start_at.is_null() & start_day.is_not_null()]
    checks += [done_at.is_null() & done_day.is_not_null()]
    checks += [stop_at.is_null() & stop_day.is_not_null()]
    stopped = pl.col("status") == "stopped"
    lf = lf.with_columns(
        *_checks_named(checks),
        pl.when(stopped).then(stop_day).otherwise(done_day).alias("\0done.day"),
        pl.when(stopped).then(stop_at).otherwise(done_at).alias("\0done.at"),
        pl.when(stopped).then(stop_by).otherwise(done_by).alias("\0done.by"),
    )
    late = (
        pl.when(pl.col("status") == "late").then(_hours_late(due, done_at))
        .when(pl.col("status") == "overdue").then(_hours_late(due, as_of))
    )  # fmt: skip
    lf = lf.with_columns(late.alias("late_by"))
    return lf, _iso(due, pl.lit(None, pl.Date)), [pl.col(f"\0check {i}") for i in range(3)]


def _checks_named(checks: list[pl.Expr]) -> list[pl.Expr]:
    """The checks kept as columns before the done columns they read are replaced."""
    return [c.alias(f"\0check {i}") for i, c in enumerate(checks)]


def _day_clock(
    lf: pl.LazyFrame, step: Step, settings: Settings, days: ColumnCalendar
) -> tuple[pl.LazyFrame, pl.Expr]:
    """A working-day or week step's due day, status and lateness, as
    :func:`chc.hazards.report._step` counts them on chc's one calendar."""
    import polars as pl

    start_day = pl.col("\0start day")
    done_day = pl.col("\0done.day")
    if step.unit == "working_days":
        due_day = days.add(start_day, step.limit, "working_days")
    else:
        due_day = start_day + pl.duration(days=7 * step.limit)
    lf = lf.with_columns(
        due_day.alias("\0due day"),
        pl.lit(None, pl.Datetime("us", "UTC")).alias("\0due at"),
        pl.lit(False).alias("\0change"),
        pl.lit(None, pl.Datetime("us", "UTC")).alias("\0alternative at"),
    )
    due_day = pl.col("\0due day")
    waived = pl.col(f"{step.waived_by}.day") if step.waived_by else pl.lit(None, pl.Date)
    today = pl.lit(settings.as_of.date())
    lf = lf.with_columns(
        _status(
            (done_day <= due_day, "on_time"),
            (waived.is_not_null() & done_day.is_null() & (waived <= due_day), "not_required"),
            (done_day.is_not_null(), "late"), (pl.col("\0assumed"), "waiting"),
            (today > due_day, "overdue"),
        ).alias("status")
    )  # fmt: skip
    late = (
        pl.when(pl.col("status") == "late").then(days.between(due_day, done_day))
        .when(pl.col("status") == "overdue").then(days.between(due_day, today))
    )  # fmt: skip
    return lf.with_columns(late.cast(pl.String).alias("late_by")), due_day.dt.strftime("%Y-%m-%d")


def _step(
    step: Step,
    index: int,
    frame: pl.LazyFrame,
    settings: Settings,
    days: ColumnCalendar,
    ends_due: dict[str, tuple[str, str]],
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """One step for every row of one track: the frame with its due columns added (for the
    steps counting from what it ends), and its CSV columns (see the module notes)."""
    import polars as pl

    stand_day, stand_at = ends_due[step.from_event]
    assumed = pl.col(f"{step.from_event}.day").is_null()
    lf = frame.with_columns(
        pl.when(assumed).then(pl.col(stand_day)).otherwise(pl.col(f"{step.from_event}.day"))
        .alias("\0start day"),
        pl.when(assumed).then(pl.col(stand_at)).otherwise(pl.col(f"{step.from_event}.at"))
        .alias("\0start at"),
        assumed.alias("\0assumed"),
    )  # fmt: skip
    lf = _first(lf, list(step.ends), "\0done")
    start_day, start_at = pl.col("\0start day"), pl.col("\0start at")
    assumed_c = pl.col("\0assumed")
    done_day, done_at, done_by = (pl.col(f"\0done.{p}") for p in ("day", "at", "by"))
    as_of = pl.lit(settings.as_of).dt.convert_time_zone("UTC")
    if step.unit == "hours":
        lf, due_text, checks = _hour_clock(lf, step, as_of)
        late_unit = "hours"
    else:
        lf, due_text = _day_clock(lf, step, settings, days)
        late_unit, checks = "working_days", []
    out = lf.select(
        (pl.col(_ROW).cast(pl.Int64) * 64 + index).alias(_KEY),
        pl.col(_ROW),
        *(pl.col(c) for c in _REPORT),
        due_text.alias("due"),
        _iso(done_at, done_day).alias("done"),
        pl.when(done_day.is_not_null()).then(done_by).alias("done_by"),
        pl.col("status"),
        pl.col("late_by"),
        pl.when(pl.col("late_by").is_not_null()).then(pl.lit(late_unit)).alias("late_unit"),
        _iso(start_at, start_day).alias("from"),
        pl.when(assumed_c).then(pl.lit("true")).otherwise(pl.lit("false")).alias("from_assumed"),
        pl.col("\0due at"),
        pl.col("\0due day"),
        pl.any_horizontal(*checks, pl.lit(False)).alias("\0bad"),
        pl.lit(step.key).alias("step"),
        pl.lit(";".join(step.assumptions)).alias("assumptions"),
        # What only the JSON says of a step.
        pl.col("\0change").alias("clock_change"),
        _iso(pl.col("\0alternative at"), pl.lit(None, pl.Date)).alias("alternative_due"),
    )
    kept = f"\0due {index}"
    frame = lf.with_columns(
        pl.col("\0due day").alias(kept + " day"), pl.col("\0due at").alias(kept + " at")
    ).select(pl.exclude(_STEP_LOCAL, "status", "late_by"))
    for event in step.ends:
        ends_due.setdefault(event, (kept + " day", kept + " at"))
    return frame, out


@dataclass(frozen=True)
class ColumnLog:
    """A log computed a column at a time: one row per report and step, in file order, with
    the CSV's columns; and the file line and reference of each report dated after --as-of."""

    steps: pl.DataFrame
    future: list[tuple[int, str | None]]
    attempts: pl.DataFrame | None = None
    """Each access attempt of the log (its report's row, the attempt's day and time, in
    the order of the file), for the JSON (None with ``tally_only``)."""

    @overload
    def csv(self, handle: None = None) -> str: ...
    @overload
    def csv(self, handle: BinaryIO) -> None: ...

    def csv(self, handle: BinaryIO | None = None) -> str | None:
        """The log's CSV, as :func:`chc.hazards.log_output.log_csv` writes it: returned, or
        written to ``handle``."""
        import polars as pl

        from chc.inert import csv_column

        out = self.steps.select(
            csv_column("reference"), pl.col("line"), pl.col("track"), csv_column("hazard"),
            *(pl.col(c) for c in CSV_COLUMNS[4:]),
        )  # fmt: skip
        if handle is None:
            text: str = out.write_csv(null_value="", line_terminator="\n")
            return text
        out.write_csv(handle, null_value="", line_terminator="\n")
        return None

    @property
    def csv_has_return(self) -> bool:
        """Whether a reference or a hazard holds a carriage return: the one thing in the
        CSV :func:`chc.cli.app.emit`'s net would still change (the rest is made inert a
        column at a time, or is chc's own)."""
        return any(
            bool(self.steps[c].str.contains("\r", literal=True).any())
            for c in ("reference", "hazard")
        )

    def tally(self) -> Tally:
        """Per step, how many of each status, as :meth:`chc.hazards.log_output.Tally.of`
        counts the one-report path's results (steps in the order the log first gives them)."""
        import polars as pl

        from chc.hazards.log_output import STATUSES, Tally

        # Steps in the order the log first gives them: by each step's first row and place.
        counted = (
            self.steps.group_by("step")
            .agg(pl.col(_KEY).min(), *((pl.col("status") == s).sum().alias(s) for s in STATUSES))
            .sort(_KEY)
        )
        counts = {
            row["step"]: {s: int(row[s]) for s in STATUSES} for row in counted.iter_rows(named=True)
        }
        return Tally(counts, self.steps[_ROW].n_unique())


def log_csv(
    case_frame: CaseFrame, regime: Regime, calendar: WorkingCalendar, settings: Settings
) -> str | None:
    """The log's CSV (as :func:`chc.hazards.log_output.log_csv` writes it), or None where
    this path does not take the log."""
    computed = compute_columns(case_frame, regime, calendar, settings)
    return None if computed is None else computed.csv()


def compute_columns(
    case_frame: CaseFrame,
    regime: Regime,
    calendar: WorkingCalendar,
    settings: Settings,
    *,
    tally_only: bool = False,
) -> ColumnLog | None:
    """Every report's steps, or None where this path does not take the log. With
    ``tally_only``, only what :meth:`ColumnLog.tally` reads (the summary): no text is made
    for a CSV, no access attempts listed, no rows put in order."""
    try:
        return _compute(case_frame, regime, calendar, settings, tally_only)
    except Unplaced:
        return None


def _compute(
    case_frame: CaseFrame,
    regime: Regime,
    calendar: WorkingCalendar,
    settings: Settings,
    tally_only: bool,
) -> ColumnLog:
    import polars as pl

    from chc.caseload.engine import ColumnCalendar

    if settings.assume_time is not None or settings.phase_start is not None:
        raise Unplaced
    if case_frame.frame.height == 0:
        raise Unplaced
    src = case_frame.frame.with_row_index(_ROW)
    names = [n for n in MOMENTS if n != "access_attempts"]
    frame = src.select(
        pl.col(_ROW), pl.col("line"), pl.col("reference"),
        pl.col("track").str.strip_chars().str.to_lowercase().alias("track"),
        pl.col("hazard").str.strip_chars().str.to_lowercase().str.replace_all(r"[- ]", "_")
        .alias("hazard"),
    )  # fmt: skip
    frame = frame.hstack(_moments(src.select(names), {n: n for n in names}))
    if frame.select(pl.any_horizontal(pl.col(f"{n}.bad") for n in names).any()).item():
        raise Unplaced
    attempts = _attempts(src)
    future = _order_checks(frame, attempts, settings, names)
    first = frame["aware.day"].min()
    last = frame.select(pl.max_horizontal(pl.col(f"{n}.day").max() for n in names)).item()
    assert isinstance(first, date) and isinstance(last, date)
    # Holidays far enough on for the latest due date (a date after --as-of counts too).
    days = ColumnCalendar(calendar, first.year, max(last.year, settings.as_of.year) + 2)
    if not frame["track"].is_in(["emergency", "significant"]).all():
        raise Unplaced
    parts = [
        _track(frame.filter(pl.col("track") == track), track, regime, settings, days, tally_only)
        for track in ("emergency", "significant")
        if (frame["track"] == track).any()
    ]
    if tally_only:
        steps = pl.concat(parts, how="vertical")
    else:
        steps = _in_order(parts)
        listed = _missed(steps, attempts)
        at = steps[_KEY].search_sorted(listed[_KEY])
        tried = pl.Series("access_attempts", [None] * steps.height, dtype=pl.String)
        steps = steps.with_columns(tried.scatter(at, listed["access_attempts"]))
    flagged = future.join(frame.select(_ROW, "line", "reference"), on=_ROW).sort(_ROW)
    said = [(int(line), ref) for line, ref in flagged.select("line", "reference").iter_rows()]
    return ColumnLog(steps, said, None if tally_only else attempts)


def _in_order(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The ``parts`` (emptied) as one frame sorted by report and step, a column at a time:
    each column is freed once its sorted copy is made, where a sort (and a join) would
    hold two whole copies of the log's steps (on 100,000 rows: 486 MB at the peak before)."""
    import polars as pl

    steps = pl.concat(parts, how="vertical")
    parts.clear()  # the caller's list held the only other reference to each column
    order = steps[_KEY].arg_sort()
    sorted_parts = []
    names = steps.columns
    for i in range(0, len(names), _GATHERED):  # a few columns at once: gathered in parallel
        group = names[i : i + _GATHERED]
        sorted_parts.append(steps.select(pl.col(group).gather(order)))
        steps = steps.drop(group)
    return pl.concat(sorted_parts, how="horizontal")


_GATHERED = 8
"""Columns sorted at once by :func:`_in_order` (100,000 rows: one at a time took 0.28 s;
eight, 0.15 s, and no more memory at the peak; all at once, 0.16 s and 30 MB more)."""


def _attempts(src: pl.DataFrame) -> pl.DataFrame:
    """Each access attempt a row: the report's row, the attempt's day and time, in order."""
    import polars as pl

    cell = pl.col("access_attempts").str.replace_all(r"\s*[;|]\s*|\s*,\s+", "\x00")
    found = (
        src.select(pl.col(_ROW), cell.str.split("\x00").alias("t"))
        .explode("t")
        .filter(pl.col("t").is_not_null() & (pl.col("t") != ""))
        .with_row_index("\0n")
    )
    parsed = found.select(pl.col("\0n"), pl.col(_ROW)).hstack(_moments(found, {"a": "t"}))
    if parsed["a.bad"].any():
        raise Unplaced
    return parsed


def _order_checks(
    frame: pl.DataFrame, attempts: pl.DataFrame, settings: Settings, names: list[str]
) -> pl.DataFrame:
    """The rows with a date after --as-of (each row's ``_ROW``, in order), as
    :func:`chc.hazards.report.future_dates` finds them; any event before the awareness is
    Unplaced (the one-report path says which, at its cell)."""
    import polars as pl

    as_of = pl.lit(settings.as_of).dt.convert_time_zone("UTC")
    today = settings.as_of.date()

    def before(day: pl.Expr, at: pl.Expr, aware_day: pl.Expr, aware_at: pl.Expr) -> pl.Expr:
        timed = at.is_not_null() & aware_at.is_not_null()
        return pl.when(timed).then(at < aware_at).otherwise(day < aware_day).fill_null(False)

    def after(day: pl.Expr, at: pl.Expr) -> pl.Expr:
        return pl.when(at.is_not_null()).then(at > as_of).otherwise(day > today).fill_null(False)

    aware = (pl.col("aware.day"), pl.col("aware.at"))
    events = [n for n in names if n != "aware"]
    early = [before(pl.col(f"{n}.day"), pl.col(f"{n}.at"), *aware) for n in events]
    late = [after(pl.col(f"{n}.day"), pl.col(f"{n}.at")) for n in names]
    joined = attempts.join(frame.select(_ROW, "aware.day", "aware.at"), on=_ROW)
    if frame.select(pl.any_horizontal(early).any()).item() or bool(
        joined.select(before(pl.col("a.day"), pl.col("a.at"), *aware).any()).item()
    ):
        raise Unplaced
    rows = frame.filter(pl.any_horizontal(late)).select(_ROW)
    tried = attempts.filter(after(pl.col("a.day"), pl.col("a.at"))).select(_ROW)
    return pl.concat([rows, tried]).unique().sort(_ROW)


def _track(
    rows: pl.DataFrame,
    track: str,
    regime: Regime,
    settings: Settings,
    days: ColumnCalendar,
    tally_only: bool = False,
) -> pl.DataFrame:
    """Every step of one track, for its rows, with each report's columns (with
    ``tally_only``, only the columns a tally reads, so no text is made)."""
    import polars as pl

    from chc.errors import InputError
    from chc.hazards.scope import resolve_scope

    kinds: dict[str | None, tuple[int, str | None]] = {}
    for kind in rows["hazard"].unique().to_list():
        first = rows.filter(pl.col("hazard").eq_missing(kind))["aware.day"].min()
        assert isinstance(first, date)
        try:
            scope = resolve_scope(regime, track, kind or None, first, None)
        except InputError:
            raise Unplaced from None
        if scope.provisional:
            raise Unplaced
        kinds[kind] = (scope.phase, scope.kind)
    steps = regime.steps_for(track)
    hourly = any(s.unit == "hours" and s.from_event == "aware" for s in steps)
    if hourly and rows["aware.at"].is_null().any():
        raise Unplaced
    ends_due: dict[str, tuple[str, str]] = {}
    lf = rows.lazy().with_columns(
        pl.lit(None, pl.Date).alias("\0none day"),
        pl.lit(None, pl.Datetime("us", "UTC")).alias("\0none at"),
        # Each report's own columns, carried into every step's rows (no join after).
        pl.col("hazard").replace_strict({k: v[1] for k, v in kinds.items()}, default=None,
                                        return_dtype=pl.String).alias("hazard"),
        pl.col("hazard").replace_strict({k: v[0] for k, v in kinds.items()}, default=None,
                                        return_dtype=pl.Int64).alias("phase"),
        pl.lit("false").alias("provisional"),
        # A tally never reads the awareness's text: not made for one.
        (pl.lit(None, pl.String) if tally_only else _iso(pl.col("aware.at"), pl.col("aware.day")))
        .alias("aware"),
    )  # fmt: skip
    parts = []
    for index, step in enumerate(steps):
        if step.from_event not in ends_due:
            if rows[f"{step.from_event}.day"].is_null().any():
                raise Unplaced  # counts from an event nothing sets: the one-report path says so
            ends_due[step.from_event] = ("\0none day", "\0none at")
        lf, out = _step(step, index, lf, settings, days, ends_due)
        if tally_only:  # polars then plans none of the text columns
            out = out.select(_KEY, _ROW, "step", "status", "\0bad")
        # Each step's frame made once: the next step reads its due columns, not its plan.
        done, frame = pl.collect_all([out, lf])
        parts.append(done)
        lf = frame.lazy()
    computed = pl.concat(parts, how="vertical")
    if computed["\0bad"].any():
        raise Unplaced
    return computed.drop("\0bad")


def _missed(steps: pl.DataFrame, attempts: pl.DataFrame) -> pl.DataFrame:
    """The access attempts recorded by each missed deadline, as the CSV lists them (in the
    order the cell gives them)."""
    import polars as pl

    # Only the rows with an attempt are joined; each attempt is written out once.
    tried = attempts.lazy().select(
        pl.col(_ROW), pl.col("\0n"), pl.col("a.day"), pl.col("a.at"),
        _iso(pl.col("a.at"), pl.col("a.day")).alias("\0shown"),
    )  # fmt: skip
    missed = (
        steps.lazy()
        .filter(pl.col("status").is_in(["late", "overdue"]))
        .select(_KEY, _ROW, "\0due at", "\0due day")
    )
    joined = missed.join(tried, on=_ROW)
    by = pl.when(pl.col("\0due at").is_not_null() & pl.col("a.at").is_not_null())
    kept = joined.filter(
        by.then(pl.col("a.at") <= pl.col("\0due at")).otherwise(
            pl.col("a.day") <= pl.col("\0due day")
        )
    ).sort("\0n")
    listed = (
        kept.group_by(_KEY, maintain_order=True)
        .agg(pl.col("\0shown").str.join(";").alias("access_attempts"))
        .collect()
    )
    empty = pl.DataFrame(schema={_KEY: pl.Int64, "access_attempts": pl.String})
    return pl.concat([listed, empty], how="vertical")


def fast_log(
    path: Path,
    options: ReadOptions | None,
    regime_path: str | None,
    settings: Settings,
    *,
    tally_only: bool = False,
) -> FastLog | None:
    """The log computed by this columnar path, with the frame the reader made, the regime
    and the calendar it was counted on; None where
    that path does not take the log (the caller then computes it report by report, which
    locates what is wrong). ``tally_only``: as :func:`compute_columns`."""
    from chc.caseload.reading import read_case_file
    from chc.hazards.log import read_options
    from chc.hazards.regime import load_regime
    from chc.workdays import calendar_for

    rules = load_regime(regime_path)
    case_frame = read_case_file(path, read_options(options))
    calendar = calendar_for(rules.region)
    computed = compute_columns(case_frame, rules, calendar, settings, tally_only=tally_only)
    return None if computed is None else FastLog(computed, case_frame, rules, calendar)


class FastLog(NamedTuple):
    """A log computed by the columnar path, and what it was read and counted with."""

    computed: ColumnLog
    case_frame: CaseFrame
    regime: Regime
    calendar: WorkingCalendar
