"""The columnar engine: every complaint's due dates, statuses and lateness as one frame.

One complaint takes the scalar path (:func:`chc.deadlines.compute`); a caseload takes this
one. Both read the same rules from the edition files (timescales, clock starts, extensions,
notes) and the same holiday tables, and a property test holds them to the same answers.

The engine works per edition and stage over whole columns: a due date is
``add_business_days`` with the region's bank holidays and the closure days as the holiday
list, rolled backward first, which makes a clock that starts on a weekend or holiday count
that day as day 0 exactly as the scalar calendar does. Anything unusual (dates out of order,
a stage 3 the edition lacks, a due date past the calendar's end) is found by a vectorised
mask and explained by the scalar path on those rows only, so every message is the one the
scalar path would give.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from chc import inert
from chc.caseload.frame import LINE, BadRow, CaseFrame
from chc.codes.assumed import ACK_DATE_ASSUMED, CLOSURE_DAYS, Assumed, by_kind, ordered
from chc.codes.assumed import table as assumption_table
from chc.codes.timetable import Rule, Timetable
from chc.deadlines import DATED, FUTURE_TEXT, Complaint, DueStatus
from chc.errors import CaseError, ChcError
from chc.workdays import MAX_YEAR, WorkingCalendar

if TYPE_CHECKING:
    import polars as pl

CASE = "case"
"""The frame's column numbering complaints in file order (events sort by it)."""

RULE = "rule"
"""The events' column naming the rule that made each: ``64 * n + order`` for the batch's
n-th timetable, so that key, stage, clock start, unit and provision are the same for every
event with the same number (the JSON text is built from a table of them)."""

ASSUMPTIONS = "assumptions"
"""The events' column of the assumption ids each due date rests on, ``;``-separated (a
case's own values are in the row: an assumed acknowledgement date is its ``from_date``)."""

STATUSES: tuple[str, ...] = get_args(DueStatus)
"""The statuses in the order of their numbers in the ``status`` column (an enum)."""

EVENT_COLUMNS: tuple[str, ...] = (
    "reference",
    "code",
    "key",
    "stage",
    "due",
    "from_event",
    "from_date",
    "amount",
    "unit",
    "provision",
    "done",
    "status",
    "assumed",
    "working_days_late",
    "superseded",
)

_REQUESTED = {1: "received", 2: "stage2_requested", 3: "stage3_requested"}
_ACKNOWLEDGED = {1: "stage1_acknowledged", 2: "stage2_acknowledged", 3: None}
_RESPONDED = {1: "stage1_responded", 2: "stage2_responded", 3: "stage3_responded"}
_EXTENSION = {1: "stage1_extension", 2: "stage2_extension", 3: None}


class ColumnCalendar:
    """Working-day arithmetic over columns, with one holiday list for the whole caseload."""

    def __init__(self, calendar: WorkingCalendar, first: int, last: int) -> None:
        self.last = last
        self.closed = bool(calendar.closed)
        days: set[date] = set(calendar.closed)
        for year in range(first, last + 1):
            days.update(calendar.bank_holidays(year))
        self.holidays = sorted(days)

    def add(self, start: pl.Expr, amount: pl.Expr | int, unit: str) -> pl.Expr:
        import polars as pl

        n = amount if isinstance(amount, pl.Expr) else pl.lit(amount)
        if unit == "working_days":
            # Rolling a weekend or holiday start back to the working day before it makes
            # that start day 0, as the scalar calendar counts.
            return start.dt.add_business_days(n, holidays=self.holidays, roll="backward")
        if unit == "calendar_days":
            return start + pl.duration(days=n)
        if unit == "months":
            return start.dt.offset_by(pl.format("{}mo", n))
        raise ValueError(f"unknown unit {unit!r}")

    def between(self, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        """Working days after ``start`` up to and including ``end`` (``end`` >= ``start``)."""
        import polars as pl

        one = pl.duration(days=1)
        return pl.business_day_count(start + one, end + one, holidays=self.holidays).cast(pl.Int64)


@dataclass(frozen=True)
class _Text:
    """A message: fixed text, or a template whose ``{}`` take the values of ``args``."""

    template: str
    args: tuple[pl.Expr, ...] = ()
    raw: bool = False
    """Whether the template is JSON text already (an assumption's object), not a message."""

    def expr(self, prefix: str = "") -> pl.Expr:
        return _fill(prefix + self.template, self.args)

    def json(self, prefix: str = "") -> pl.Expr:
        """The message as a JSON string literal (an assumption as its object). The values
        filled in are dates and whole numbers, which never need escaping, so the template
        is escaped once, here."""
        return _fill(self._quoted(prefix), self.args)

    def _quoted(self, prefix: str) -> str:
        return self.template if self.raw else json.dumps(prefix + self.template, ensure_ascii=False)

    def fixed_json(self, prefix: str = "") -> str:
        """A message without values, as a JSON string literal (an assumption as itself)."""
        assert not self.args, "a message with values is built per row"
        return self._quoted(prefix)


def _fill(template: str, args: tuple[pl.Expr, ...]) -> pl.Expr:
    """``template`` with each ``{}`` taking the next of ``args`` (null if any is null).
    Not ``pl.format``: that reads the braces of a JSON object as column names."""
    import polars as pl

    pieces = template.split("{}")
    if len(pieces) != len(args) + 1:
        raise ValueError(f"{template!r} does not take {len(args)} value(s)")
    if not args:
        return pl.lit(template)
    parts: list[pl.Expr] = [pl.lit(pieces[0])]
    for arg, piece in zip(args, pieces[1:], strict=True):
        parts += [arg.cast(pl.String), pl.lit(piece)]
    return pl.concat_str(parts)


def _assumed(assumption_id: str) -> _Text:
    """A standing assumption as each line carries it: ``{"id":"working-day"}``."""
    return _Text(json.dumps({"id": assumption_id}, separators=(",", ":")), raw=True)


def _ack_date_assumed(stage: int, day: pl.Expr) -> _Text:
    """``{"id":"ack-date-assumed","stage":1,"date":"2026-01-30"}``, the date per row (an ISO
    date never needs escaping)."""
    head = json.dumps({"id": ACK_DATE_ASSUMED, "stage": stage}, separators=(",", ":"))[:-1]
    return _Text(head + ',"date":"{}"}', (day.dt.to_string("%Y-%m-%d"),), raw=True)


@dataclass
class _Notes:
    """A stage's problems and assumptions, each a (condition, text) pair of expressions;
    an assumption's text is its JSON object, its id kept beside it for the order."""

    problems: list[tuple[pl.Expr, _Text]]
    assumptions: list[tuple[pl.Expr, str, _Text]]

    def standing(self, condition: pl.Expr, ids: tuple[str, ...]) -> None:
        self.assumptions.extend((condition, i, _assumed(i)) for i in ids)

    def in_order(self) -> None:
        """Each standing assumption once, under any of its conditions, and a case's own
        by stage, all in the table's order: as :func:`chc.codes.assumed.ordered` gives."""
        rank = {aid: n for n, aid in enumerate(assumption_table())}
        merged: dict[str, tuple[pl.Expr, str, _Text]] = {}
        own: list[tuple[pl.Expr, str, _Text]] = []
        for cond, aid, text in self.assumptions:
            if text.args:
                own.append((cond, aid, text))
            elif aid in merged:
                merged[aid] = (merged[aid][0] | cond, aid, text)
            else:
                merged[aid] = (cond, aid, text)
        items = [*merged.values(), *own]  # a stable sort keeps own in stage order
        self.assumptions = sorted(items, key=lambda item: rank.get(item[1], len(rank)))


@dataclass(frozen=True)
class Caseload:
    """A caseload computed: one frame of complaints, one of their events."""

    path: Path
    cases: pl.DataFrame
    """One row per complaint: case, line, reference, code, problems, assumptions, the dates."""
    events: pl.DataFrame
    """One row per due date, in file order then stage order: :data:`EVENT_COLUMNS` + case."""
    bad_rows: tuple[BadRow, ...]
    calendar: WorkingCalendar
    as_of: date
    editions: dict[str, Timetable]
    columns: ColumnCalendar
    """The same working-day arithmetic over columns, for figures built on the frames."""
    notes: dict[str, _Notes]
    """Each edition's problems and assumptions, as expressions: texts a few hundred bytes
    long, repeated on most rows, are built only for the rows being written."""

    @property
    def count(self) -> int:
        return self.cases.height

    def warnings_json(
        self, cases: pl.DataFrame, before: str = "[", middle: str = "],[", after: str = "]"
    ) -> pl.DataFrame:
        """``case`` and ``warnings`` for each of ``cases``, in order: the text of the row's
        problems as a JSON array's items, then ``middle``, then its assumptions' objects
        likewise, between ``before`` and ``after`` (the output around them).

        Most rows share a set of texts, so each distinct set is written once and shared by
        the rows it belongs to; only a row whose texts hold its own values (a date, a
        number of days) has its text built for it.
        """
        import polars as pl

        parts = [
            _warnings(cases.filter(pl.col("ekey") == key), n, (before, middle, after))
            for key, n in self.notes.items()
        ]
        if not parts:
            return cases.select(pl.col(CASE), warnings=pl.lit(before + middle + after))
        return pl.concat(parts, how="vertical").sort(CASE)

    def with_notes(self, cases: pl.DataFrame | None = None) -> pl.DataFrame:
        """``cases`` (default: all) with each row's ``problems`` and ``assumptions`` lists
        (the assumptions as JSON objects' text), in the order the scalar path gives them."""
        import polars as pl

        rows = self.cases if cases is None else cases
        parts = [
            rows.filter(pl.col("ekey") == key).with_columns(
                problems=_texts(n.problems),
                assumptions=_texts([(c, t) for c, _, t in n.assumptions]),
            )
            for key, n in self.notes.items()
        ]
        if not parts:
            empty = pl.lit([], dtype=pl.List(pl.String))
            return rows.with_columns(problems=empty, assumptions=empty)
        return pl.concat(parts, how="vertical").sort(CASE)


def compute(
    cf: CaseFrame,
    calendar: WorkingCalendar,
    as_of: date,
    *,
    code: str | None = None,
    skip_bad_rows: bool = False,
) -> Caseload:
    """Every complaint's events under the edition that applies to it (see
    :func:`chc.codes.choice.choose_edition`); a bad row stops everything unless
    ``skip_bad_rows``, when it joins ``bad_rows``."""
    import polars as pl

    frame = cf.frame.with_row_index(CASE)
    bad = list(cf.bad_rows)
    frame, editions = _assign_editions(cf, frame, code, skip_bad_rows, bad)
    editions = {k: e.for_region(calendar.region) for k, e in editions.items()}
    frame = _drop_bad(cf, frame, editions, calendar, as_of, skip_bad_rows, bad)
    days = _days_for(frame, editions, calendar, as_of)
    # One lazy query for the whole batch: polars runs the editions' and stages' branches
    # side by side (compute took 0.14 s for 100,000 complaints as 86 eager steps).
    rows = frame.lazy()
    parts = [
        _edition_part(rows.filter(pl.col("ekey") == key), n, edition, days, calendar, as_of)
        for n, (key, edition) in enumerate(editions.items())
    ]
    if parts:
        all_cases = pl.concat([p[0] for p in parts], how="vertical").sort(CASE)
        all_events = pl.concat([p[1] for p in parts], how="vertical")
    else:
        all_cases = rows.with_columns(code=pl.lit(None, dtype=pl.String)).clear()
        all_events = _no_events().lazy()
    all_events = _statuses(all_events.sort(CASE, "order"), days, as_of)
    cases, events = pl.collect_all([all_cases, all_events], engine="in-memory")
    late = events.filter(pl.col("due") > date(MAX_YEAR, 12, 31))
    if late.height:
        # Past the calendar's end: the scalar path says so in its own words.
        cases, events = _explain_rows(
            cf,
            cases,
            events,
            late[CASE].unique().to_list(),
            editions,
            calendar,
            as_of,
            skip_bad_rows,
            bad,
        )
    return Caseload(
        path=cf.path,
        cases=cases,
        events=events,
        bad_rows=tuple(sorted(bad)),
        calendar=calendar,
        as_of=as_of,
        editions=editions,
        columns=days,
        notes={key: p[2] for key, p in zip(editions, parts, strict=True)},
    )


BATCH = 50_000
"""Complaints computed at once by :func:`parts`: enough for polars to work in bulk, few
enough that a large file does not hold all its events in memory at once. On 100,000
complaints written as CSV, one batch of all of them peaked at 204 to 208 MB and batches
of 50,000 at 176 to 181 MB, in the same time within the machine's noise (0.95 to 1.2 s)."""


def parts(
    cf: CaseFrame,
    calendar: WorkingCalendar,
    as_of: date,
    *,
    code: str | None = None,
    skip_bad_rows: bool = False,
    size: int = BATCH,
) -> Iterator[Caseload]:
    """:func:`compute` a batch of complaints at a time, in file order (always one part, if
    empty); a bad row stops the run at the first batch that holds one."""
    for start in range(0, max(cf.frame.height, 1), size):
        batch = dataclasses.replace(
            cf, frame=cf.frame.slice(start, size), bad_rows=cf.bad_rows if start == 0 else ()
        )
        yield compute(batch, calendar, as_of, code=code, skip_bad_rows=skip_bad_rows)


# -- which edition each row takes ------------------------------------------------------


def _assign_editions(
    cf: CaseFrame, frame: pl.DataFrame, code: str | None, skip: bool, bad: list[BadRow]
) -> tuple[pl.DataFrame, dict[str, Timetable]]:
    """An ``ekey`` column naming each row's edition, and the editions by key."""
    import polars as pl

    from chc.codes.rule import in_force_ranges
    from chc.codes.timetable import builtin_timetable, load_timetable

    editions: dict[str, Timetable] = {}
    given = frame["code"].drop_nulls().unique(maintain_order=True).to_list()
    for name in given:
        try:
            editions[name] = load_timetable(name)
        except ChcError as err:
            rows = frame.filter(pl.col("code") == name)
            _fail_rows(cf, rows, err.message, cf.columns.get("code"), skip, bad)
            frame = frame.filter(pl.col("code") != name)
    by_date = pl.lit(None, dtype=pl.String)
    if code is not None:
        editions[code] = load_timetable(code)
        by_date = pl.lit(code)
    else:
        # The date rule of chc.codes.rule, as one column.
        for name, start, end in in_force_ranges():
            editions.setdefault(name, builtin_timetable(name))
            upto = pl.lit(True) if end is None else pl.col("received") <= end
            by_date = (
                pl.when((pl.col("received") >= start) & upto).then(pl.lit(name)).otherwise(by_date)
            )
    frame = frame.with_columns(ekey=pl.coalesce(pl.col("code"), by_date))
    orphans = frame.filter(pl.col("ekey").is_null())
    if orphans.height:
        from chc.codes.choice import edition_for_date

        for row in orphans.iter_rows(named=True):
            try:
                edition_for_date(row["received"])
            except ChcError as err:
                _fail_rows(
                    cf, orphans.filter(pl.col(CASE) == row[CASE]), err.message, None, skip, bad
                )
        frame = frame.filter(pl.col("ekey").is_not_null())
    used = set(frame["ekey"].unique().to_list())
    return frame, {k: v for k, v in editions.items() if k in used}


def _fail_rows(
    cf: CaseFrame,
    rows: pl.DataFrame,
    message: str,
    column: int | None,
    skip: bool,
    bad: list[BadRow],
) -> None:
    lines = rows[LINE].to_list()
    if not skip:
        raise CaseError(message, file=cf.path, line=lines[0], column=column)
    bad.extend(BadRow(line, column, message) for line in lines)


# -- rows the scalar path must explain ---------------------------------------------------


def _suspect(editions: dict[str, Timetable]) -> pl.Expr:
    """Rows :func:`chc.deadlines.check_order` may refuse (a superset: it decides)."""
    import polars as pl

    def given(name: str) -> pl.Expr:
        return pl.col(name).is_not_null()

    def before(later: str, earlier: str) -> pl.Expr:
        return (pl.col(later) < pl.col(earlier)).fill_null(False)

    no_stage3 = [k for k, e in editions.items() if e.timescale("stage3.respond") is None]
    return (
        (
            (given("stage2_acknowledged") | given("stage2_responded") | given("stage2_extension"))
            & ~given("stage2_requested")
        )
        | (given("stage3_responded") & ~given("stage3_requested"))
        | (
            given("stage3_requested")
            & (~given("stage2_requested") | pl.col("ekey").is_in(no_stage3))
        )
        | (pl.col("stage1_extension") <= 0).fill_null(False)
        | (pl.col("stage2_extension") <= 0).fill_null(False)
        | before("stage1_acknowledged", "received")
        | before("stage1_responded", "received")
        | before("stage2_requested", "received")
        | before("stage2_requested", "stage1_responded")
        | before("stage2_acknowledged", "stage2_requested")
        | before("stage2_responded", "stage2_requested")
        | before("stage3_requested", "stage2_requested")
        | before("stage3_requested", "stage2_responded")
        | before("stage3_responded", "stage3_requested")
    )


def _drop_bad(
    cf: CaseFrame,
    frame: pl.DataFrame,
    editions: dict[str, Timetable],
    calendar: WorkingCalendar,
    as_of: date,
    skip: bool,
    bad: list[BadRow],
) -> pl.DataFrame:
    import polars as pl

    from chc.deadlines import compute as scalar

    suspects = frame.filter(_suspect(editions))
    refused: list[int] = []
    for row in suspects.iter_rows(named=True):
        try:
            scalar(_complaint(row), editions[row["ekey"]], calendar, as_of)
        except ChcError as err:
            refused.append(row[CASE])
            _fail_rows(cf, suspects.filter(pl.col(CASE) == row[CASE]), err.message, None, skip, bad)
    return frame.filter(~pl.col(CASE).is_in(refused)) if refused else frame


def _complaint(row: dict[str, object]) -> Complaint:
    fields = {name: row.get(name) for name in Complaint._fields if name != "reference"}
    # The ignore below: a row's values come typed as object (polars' iter_rows); the columns
    # are the Complaint's own dates and counts.
    return Complaint(reference=row.get("reference"), **fields)  # type: ignore[arg-type]


def _explain_rows(
    cf: CaseFrame,
    cases: pl.DataFrame,
    events: pl.DataFrame,
    rows: list[int],
    editions: dict[str, Timetable],
    calendar: WorkingCalendar,
    as_of: date,
    skip: bool,
    bad: list[BadRow],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    import polars as pl

    from chc.deadlines import compute as scalar

    for row in cases.filter(pl.col(CASE).is_in(rows)).iter_rows(named=True):
        try:
            scalar(_complaint(row), editions[row["ekey"]], calendar, as_of)
        except ChcError as err:
            _fail_rows(cf, cases.filter(pl.col(CASE) == row[CASE]), err.message, None, skip, bad)
    keep = ~pl.col(CASE).is_in(rows)
    return cases.filter(keep), events.filter(keep)


# -- the events ----------------------------------------------------------------------------


def _days_for(
    frame: pl.DataFrame, editions: dict[str, Timetable], calendar: WorkingCalendar, as_of: date
) -> ColumnCalendar:
    """Holiday tables for every year a due date or a lateness count can reach."""
    from chc.caseload.frame import DATE_FIELDS
    from chc.workdays import MIN_YEAR

    dates: list[date] = [as_of]
    for name in DATE_FIELDS:
        dates.extend(d for d in (frame[name].min(), frame[name].max()) if isinstance(d, date))
    first = max(MIN_YEAR, min(dates).year - 1)
    reach = 0  # calendar days the longest chain of timescales can span
    for e in editions.values():
        reach = max(reach, sum(_span(t.amount, t.unit) for t in e.rules))
    longest = [frame[n].max() for n in ("stage1_extension", "stage2_extension")]
    reach += _span(max([0, *(n for n in longest if isinstance(n, int))]), "working_days")
    last = max(dates) + timedelta(days=reach)
    return ColumnCalendar(calendar, first, min(MAX_YEAR, last.year + 1))


def _span(amount: int, unit: str) -> int:
    """The most calendar days ``amount`` ``unit`` can span (holidays included)."""
    if unit == "working_days":
        return amount * 2 + 30
    if unit == "months":
        return amount * 31
    return amount


def future_dated(cf: CaseFrame, as_of: date, shown: int = 5) -> str | None:
    """One sentence naming the complaints with a date after ``as_of`` (the first ``shown``
    by line and reference), or None: each is still counted as done, and its JSON warnings
    hold the dates, but a person should hear of them once, at the end of the run."""
    import polars as pl

    fields = [f for f, _ in DATED if f in cf.frame.columns]
    if not fields:
        return None
    late = cf.frame.filter(
        pl.any_horizontal([(pl.col(f) > as_of).fill_null(False) for f in fields])
    )
    if late.height == 0:
        return None
    named = [
        f"line {row[LINE]}" + (f" ({inert.line(row['reference'])})" if row["reference"] else "")
        for row in late.head(shown).iter_rows(named=True)
    ]
    more = f" and {late.height - shown} more" if late.height > shown else ""
    return (
        f"{late.height} complaint(s) have a date after the status date {as_of.isoformat()}: "
        f"{', '.join(named)}{more}; each is shown as done, but a date still to come is "
        "usually a typing error: check them"
    )


def _edition_part(
    rows: pl.LazyFrame,
    number: int,
    edition: Timetable,
    days: ColumnCalendar,
    calendar: WorkingCalendar,
    as_of: date,
) -> tuple[pl.LazyFrame, pl.LazyFrame, _Notes]:
    """The events of every row under one edition, and each row's problems and assumptions."""
    import polars as pl

    notes = _Notes([], [])
    events: list[pl.LazyFrame] = []
    for stage in (1, 2, 3):
        events.extend(_stage_events(rows, edition, stage, days, notes))
    for field, words in DATED:  # the scalar path's future_dates, in its order
        day = pl.col(field)
        text = FUTURE_TEXT.format(words, "{}", as_of.isoformat())
        notes.problems.append(
            ((day > as_of).fill_null(False), _Text(text, (day.dt.to_string("%Y-%m-%d"),)))
        )
    if calendar.closed:
        notes.standing(pl.lit(True), (CLOSURE_DAYS,))
    notes.in_order()
    cases = rows.with_columns(code=pl.lit(edition.edition))
    frame = pl.concat(events, how="vertical") if events else _no_events().lazy()
    rule = (pl.lit(64 * number) + pl.col("order")).cast(pl.Int32)
    return cases, frame.with_columns(code=pl.lit(edition.edition), rule=rule), notes


def _texts(pairs: list[tuple[pl.Expr, _Text]]) -> pl.Expr:
    """The texts whose condition holds, in order, as a list per row.

    Joined with a separator and split again: several times faster in polars than a list
    built from as many conditional elements.
    """
    import polars as pl

    empty = pl.lit([], dtype=pl.List(pl.String))
    if not pairs:
        return empty
    joined = pl.concat_str(
        [pl.when(cond).then(text.expr() + pl.lit(_SEP)) for cond, text in pairs],
        ignore_nulls=True,
    )
    return (
        pl.when(joined == "").then(empty).otherwise(joined.str.strip_suffix(_SEP).str.split(_SEP))
    )


_SEP = "\x1f"  # the ASCII unit separator: in no message chc writes


def _warnings(rows: pl.DataFrame, n: _Notes, around: tuple[str, str, str]) -> pl.DataFrame:
    """:meth:`Caseload.warnings_json` for the rows of one edition.

    A case's own assumptions (an assumed acknowledgement date) come after every standing
    one in the table's order, so they are appended to the shared text of the standing
    set rather than making the row's whole text its own.
    """
    import polars as pl

    before, middle, after = around
    listed = [(c, t) for c, _, t in n.assumptions]
    first = next((i for i, (_, t) in enumerate(listed) if t.args), len(listed))
    standing, own = listed[:first], listed[first:]
    if any(not t.args for _, t in own):  # not so for this table: each row's own text
        standing, own = listed, []
    problems = _joined(rows, n.problems)
    shared = _joined(rows, standing)
    assumed = pl.concat_str(
        [pl.when(shared != "").then(shared), *(pl.when(c).then(t.json()) for c, t in own)],
        separator=",",
        ignore_nulls=True,
    )
    text = pl.concat_str(pl.lit(before), problems, pl.lit(middle), assumed, pl.lit(after))
    return rows.select(pl.col(CASE), text.alias("warnings"))


def _joined(rows: pl.DataFrame, items: list[tuple[pl.Expr, _Text]]) -> pl.Series:
    """Each row's texts (as JSON) whose condition holds, in order, joined by commas.

    Most rows share a set of texts, so each distinct set is joined once and looked up by
    the set's bits; only a row whose texts hold its own values (a date, a number of days)
    has its text built for it, and put in its place.
    """
    import polars as pl

    def built(frame: pl.DataFrame) -> pl.Series:
        texts: list[pl.Expr] = [pl.when(c).then(t.json()) for c, t in items]
        joined = pl.concat_str(texts or [pl.lit("")], separator=",", ignore_nulls=True)
        return frame.select(joined.fill_null("").alias("text")).to_series()

    if len(items) > 62:  # more than a bit set can hold: build every row's text
        return built(rows)
    bits = [
        pl.when(c).then(pl.lit(1 << i, dtype=pl.Int64)).otherwise(0)
        for i, (c, _) in enumerate(items)
    ]
    own = [c for c, t in items if t.args]
    keyed = rows.select(
        pl.sum_horizontal(bits or [pl.lit(0, dtype=pl.Int64)]).alias("set"),
        pl.any_horizontal([c.fill_null(False) for c in own] or [pl.lit(False)]).alias("own"),
    )
    sets = keyed.filter(~pl.col("own"))["set"].unique().sort().to_list()
    table = pl.Series(
        [
            "",
            *(
                ",".join(t.fixed_json() for i, (_, t) in enumerate(items) if s >> i & 1)
                for s in sets
            ),
        ],
        dtype=pl.String,
    )
    index = {s: i + 1 for i, s in enumerate(sets)}
    looked_up = keyed.select(
        pl.lit(table)
        .gather(pl.col("set").replace_strict(index, default=0, return_dtype=pl.UInt32))
        .alias("text")
    ).to_series()
    odd = keyed["own"].arg_true()
    if len(odd):
        looked_up = looked_up.scatter(odd, built(rows[odd]))
    return looked_up


def _stage_events(
    rows: pl.LazyFrame, edition: Timetable, stage: int, days: ColumnCalendar, notes: _Notes
) -> Iterator[pl.LazyFrame]:
    import polars as pl

    requested = pl.col(_REQUESTED[stage])
    opened = requested.is_not_null()
    live = rows.filter(opened)
    ack_col = _ACKNOWLEDGED[stage]
    ack_done = pl.col(ack_col) if ack_col else pl.lit(None, dtype=pl.Date)
    start_event = "received" if stage == 1 else "escalation_requested"
    ack_t = edition.timescale(f"stage{stage}.acknowledge")
    ack_due: pl.Expr | None = None
    if ack_t is not None:
        ack_due = days.add(requested, ack_t.amount, ack_t.unit)
        yield _events(
            live, ack_t, 10 * stage, start_event, requested, ack_due, ack_done,
            tags=_tags(ack_t.assumes, days),
        )  # fmt: skip
        notes.standing(opened, ack_t.assumes)
    resp_t = edition.timescale(f"stage{stage}.respond")
    if resp_t is None:
        text = f"the {edition.edition} Code sets no stage {stage} response timescale"
        notes.problems.append((opened, _Text(text)))
        return
    origin = resp_t.from_event
    if origin in ("received", "escalation_requested"):
        from_date, assumed = requested, pl.lit(False)
    elif origin in ("acknowledged", "logged"):
        from_date = ack_done if ack_due is None else pl.coalesce(ack_done, ack_due)
        assumed = pl.lit(False) if ack_due is None else ack_done.is_null()
        if ack_due is None:
            notes.problems.append(
                (
                    opened & ack_done.is_null(),
                    _Text(
                        f"stage {stage} response counts from acknowledgement, but neither the "
                        "acknowledgement date nor an acknowledgement timescale is known"
                    ),
                )
            )
    else:
        text = f"stage{stage}.respond counts from {origin!r}, which chc cannot place"
        notes.problems.append((opened, _Text(text)))
        return
    placed = live.filter(from_date.is_not_null())
    due = days.add(from_date, resp_t.amount, resp_t.unit)
    extension = _EXTENSION[stage]
    ext = pl.col(extension) if extension else pl.lit(None, dtype=pl.Int64)
    respond = _events(
        placed,
        resp_t,
        10 * stage + 1,
        origin,
        from_date,
        due,
        _done(stage),
        assumed,
        superseded=ext.is_not_null(),
        tags=_tags(resp_t.assumes, days),
    )
    yield respond
    # Only where the response is placed: the scalar path states nothing of a stage whose
    # clock it cannot start (it says why instead).
    notes.standing(opened & from_date.is_not_null(), resp_t.assumes)
    notes.assumptions.append(
        (
            opened & from_date.is_not_null() & assumed,
            ACK_DATE_ASSUMED,
            _ack_date_assumed(stage, from_date),
        )
    )
    if extension is not None:
        given = ext.is_not_null() & opened & from_date.is_not_null()
        yield from _extension(placed, edition, stage, resp_t, due, assumed, ext, given, days, notes)


def _extension(
    rows: pl.LazyFrame,
    edition: Timetable,
    stage: int,
    resp_t: Rule,
    respond_due: pl.Expr,
    assumed: pl.Expr,
    ext: pl.Expr,
    given: pl.Expr,
    days: ColumnCalendar,
    notes: _Notes,
) -> Iterator[pl.LazyFrame]:

    ext_t = edition.timescale(f"stage{stage}.extension")
    if ext_t is None:
        notes.problems.append(
            (
                given,
                _Text(
                    f"the {edition.edition} Code sets no stage {stage} extension limit; "
                    "the extension is counted in working days"
                ),
            )
        )
        ext_t = Rule(
            key=f"stage{stage}.extension",
            amount=1,
            unit="working_days",
            from_event="due_date",
            provision=resp_t.provision,
            assumes=by_kind(f"stage{stage}.extension", "working_days", "due_date"),
        )
    else:
        unit = ext_t.unit.replace("_", " ")
        notes.problems.append(
            (
                given & (ext > ext_t.amount),
                _Text(
                    f"the stage {stage} extension of {{}} {unit} is longer than the {ext_t.amount} "
                    f"that provision {ext_t.provision} of the {edition.edition} Code allows "
                    "without good reason",
                    (ext,),
                ),
            )
        )
    notes.standing(given, ext_t.assumes)
    live = rows.filter(given)
    due = days.add(respond_due, ext, ext_t.unit)
    yield _events(
        live,
        ext_t,
        10 * stage + 2,
        "due_date",
        respond_due,
        due,
        _done(stage),
        assumed,
        amount=ext,
        key=f"stage{stage}.respond_extended",
        tags=_tags(ext_t.assumes, days),
    )


def _done(stage: int) -> pl.Expr:
    import polars as pl

    return pl.col(_RESPONDED[stage])


def _events(
    rows: pl.LazyFrame,
    t: Rule,
    order: int,
    from_event: str,
    from_date: pl.Expr,
    due: pl.Expr,
    done: pl.Expr,
    assumed: pl.Expr | None = None,
    *,
    amount: pl.Expr | None = None,
    key: str | None = None,
    superseded: pl.Expr | None = None,
    tags: tuple[str, str] = ("", ""),
) -> pl.LazyFrame:
    import polars as pl

    flag = pl.lit(False) if assumed is None else assumed
    return rows.select(
        pl.col(CASE),
        pl.lit(order).alias("order"),
        pl.col("reference"),
        pl.lit(None, dtype=pl.String).alias("code"),
        pl.lit(key or t.key, dtype=pl.Categorical).alias("key"),
        pl.lit(t.stage or 0, dtype=pl.Int64).alias("stage"),
        due.alias("due"),
        pl.lit(from_event, dtype=pl.Categorical).alias("from_event"),
        from_date.alias("from_date"),
        (pl.lit(t.amount) if amount is None else amount).cast(pl.Int64).alias("amount"),
        pl.lit(t.unit, dtype=pl.Categorical).alias("unit"),
        pl.lit(t.provision, dtype=pl.Categorical).alias("provision"),
        done.alias("done"),
        flag.alias("assumed"),
        (pl.lit(False) if superseded is None else superseded).alias("superseded"),
        pl.when(flag)
        .then(pl.lit(tags[1]))
        .otherwise(pl.lit(tags[0]))
        .cast(pl.Categorical)
        .alias(ASSUMPTIONS),
    )


def _tags(ids: tuple[str, ...], days: ColumnCalendar) -> tuple[str, str]:
    """An event's assumption ids as its CSV row lists them, ``;``-separated in the table's
    order: as counted from a date given, and from an acknowledgement due date assumed."""
    own = [Assumed(i) for i in ids] + ([Assumed(CLOSURE_DAYS)] if days.closed else [])
    plain = ";".join(a.id for a in ordered(own))
    return plain, ";".join(a.id for a in ordered([*own, Assumed(ACK_DATE_ASSUMED)]))


def _no_events() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        schema={
            CASE: pl.UInt32,
            "order": pl.Int32,
            "reference": pl.String,
            "code": pl.String,
            "key": pl.Categorical,
            "stage": pl.Int64,
            "due": pl.Date,
            "from_event": pl.Categorical,
            "from_date": pl.Date,
            "amount": pl.Int64,
            "unit": pl.Categorical,
            "provision": pl.Categorical,
            "done": pl.Date,
            "assumed": pl.Boolean,
            "superseded": pl.Boolean,
            ASSUMPTIONS: pl.Categorical,
            RULE: pl.Int32,
        }
    )


def _statuses(events: pl.LazyFrame, days: ColumnCalendar, as_of: date) -> pl.LazyFrame:
    import polars as pl

    due, done, today = pl.col("due"), pl.col("done"), pl.lit(as_of)
    status = (
        pl.when(done.is_not_null())
        .then(pl.when(done <= due).then(pl.lit("on_time")).otherwise(pl.lit("late")))
        .otherwise(pl.when(today <= due).then(pl.lit("open")).otherwise(pl.lit("overdue")))
    ).cast(pl.Enum(STATUSES))
    late = (
        pl.when(done.is_not_null() & (done > due))
        .then(days.between(due, done))
        .when(done.is_null() & (today > due))
        .then(days.between(due, today))
        .otherwise(pl.lit(0, dtype=pl.Int64))
    )
    return events.with_columns(status=status, working_days_late=late)
