"""The JSON text of computed complaints, built as columns of text pieces.

The JSON formats are most of the caseload's output (a complaint's events in full and the
readings its dates rest on: about 1.5 KB each), so how that text is made decides their
speed. A generic encoder walks every value of every record; here each piece is made once
for a whole column and the pieces are laid end to end:

- a date is looked up in a table of the days the batch spans, already quoted (formatting
  a date is the slow part of encoding an event);
- what an event's rule fixes (key, stage, clock start, unit, provision) and its status
  are looked up, already encoded, in small tables by number;
- a value from a small set (the edition) is quoted as it is when none of the set needs
  escaping, and otherwise encoded once per distinct value by polars' own encoder;
- a reference is encoded by polars' own encoder only when one of the batch needs escaping;
- the warnings come pre-encoded from the engine (:meth:`Caseload.warnings_json`).

The text is built a block of complaints at a time, with one query for the block's heads
and events (a polars query has a fixed cost of about a millisecond for expressions of this
size, so small blocks would spend most of their time planning). Each complaint is then its
head, its events and its tail, laid out by one gather and joined a chunk at a time. A test
holds the result to what polars' ``write_ndjson`` writes for the same records, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from chc.caseload.engine import CASE, RULE, STATUSES, Caseload

if TYPE_CHECKING:
    import polars as pl

_NEEDS_ESCAPE = r'["\\\x00-\x1f\x7f]'  # what a JSON string may not hold as it is


class CaseText:
    """The JSON text of one computed batch of complaints, a block at a time, each complaint
    followed by ``separator``. What the batch's values need (escaping, the tables of days
    and rules) is decided once here, so that a block is one call to polars (its heads' and
    events' queries, run side by side)."""

    def __init__(self, c: Caseload, separator: str) -> None:
        self.c = c
        self.head = _head_text(c)
        self.event = _event_text(c.events)
        self.separator = separator
        self.event_cases = c.events[CASE]  # in CASE order: a block's events are a slice

    def tails(self) -> pl.Series:
        """Each complaint's text from the end of its events, in the order of the batch.
        The text around the warnings is part of their table, so each distinct set is
        written once and shared, not copied. Built for the whole batch at once: most of its
        cost is the same for any number of complaints (11 ms of 33 for 50,000 here; 13 ms
        for 5,000)."""
        tails = self.c.warnings_json(self.c.cases, '],"warnings":[', "]}" + self.separator)
        return tails["warnings"]

    def block(self, start: int, size: int, tails: Callable[[], pl.Series]) -> TextBlock:
        """Complaints ``start`` to ``start + size``: their pieces, and the order to lay them
        in; ``tails`` gives :meth:`tails` (built beside the first blocks)."""
        import polars as pl

        cases = self.c.cases.slice(start, size)
        # Slices, not filters: a filter would scan the whole batch for every block.
        low, high = (
            self.event_cases.search_sorted(cases[CASE], "left"),
            self.event_cases.search_sorted(cases[CASE].tail(1), "right"),
        )
        first = int(low[0]) if len(low) else 0
        events = self.c.events.slice(first, int(high[0]) - first if len(high) else 0)
        heads, texts = pl.collect_all(
            [cases.lazy().select(self.head), events.lazy().select(self.event)],
            engine="in-memory",
        )
        return TextBlock(
            pieces=pl.concat(
                [heads.to_series(), texts.to_series(), tails().slice(start, size)],
                rechunk=True,  # copies views, not text; gathers from one chunk 5x faster
            ),
            order=_layout(low - first, events.height),
            starts=low - first,
        )


@dataclass(frozen=True)
class TextBlock:
    """A block's text pieces (heads, then events, then tails), ``order`` to lay them out in
    complaint by complaint, and where each complaint's events start among the events."""

    pieces: pl.Series
    order: pl.Series
    starts: pl.Series

    def chunks(self, size: int) -> Iterator[bytes]:
        """The block's text, ``size`` complaints at a time, as UTF-8."""
        import polars as pl

        n = len(self.starts)
        starts = self.starts.to_list()
        for a in range(0, n, size):
            b = min(a + size, n)
            # Complaint k's head is at 2k + (events before it) in the laid-out order.
            begin = 2 * a + starts[a]
            end = 2 * b + (starts[b] if b < n else len(self.order) - 2 * n)
            text = self.pieces.gather(self.order.slice(begin, end - begin)).str.join("")
            # As bytes straight from polars: one copy, where a Python str would take two.
            yield text.cast(pl.Binary).item()


def _layout(starts: pl.Series, events: int) -> pl.Series:
    """Where each piece goes, given where each complaint's events start: for n complaints
    and m events, the pieces are n heads, m events and n tails; complaint k takes the
    places 2k + s(k) (its head) to 2k + s(k+1) + 1 (its tail), its events between."""
    import polars as pl

    k = pl.int_range(len(starts), dtype=pl.Int64, eager=True)
    j = pl.int_range(events, dtype=pl.Int64, eager=True)
    s = starts.cast(pl.Int64)
    owner = s.search_sorted(j, "right").cast(pl.Int64) - 1  # the complaint of event j
    following = s.shift(-1, fill_value=events)
    places: pl.Series = pl.concat([2 * k + s, 2 * owner + 1 + j, 2 * k + following + 1])
    return places.arg_sort()


def _head_text(c: Caseload) -> pl.Expr:
    """A complaint's text up to its first event."""
    import polars as pl

    where = {"region": c.calendar.region, "as_of": c.as_of.isoformat()}
    closed = [d.isoformat() for d in c.calendar.closed_sorted]
    text = json.dumps({**where, "closed": closed}, ensure_ascii=False, separators=(",", ":"))
    return pl.concat_str(
        pl.lit('{"reference":'),
        _string(c.cases, "reference"),
        pl.lit(',"line":'),
        pl.col("line").cast(pl.String),
        pl.lit(',"code":'),
        *_few(c.cases, "code"),
        pl.lit(f',{text[1:-1]},"events":['),
    )


def _event_text(events: pl.DataFrame) -> pl.Expr:
    """An event's text, with the comma that parts it from the one before."""
    import polars as pl

    dates = _DateTable(events, ("due", "from_date", "done"))
    rules = _RuleTable(events)
    first = (pl.col(CASE) != pl.col(CASE).shift(1)).fill_null(True).cast(pl.Int32)
    status = pl.col("status").to_physical().cast(pl.Int32) * 2 + pl.col("assumed").cast(pl.Int32)
    return pl.concat_str(
        rules.gather(rules.opening, pl.col(RULE) * 2 + first),
        dates.quoted("due"),
        rules.gather(rules.start, pl.col(RULE)),
        dates.quoted("from_date"),
        pl.lit(',"amount":'),
        pl.col("amount").cast(pl.String).fill_null("null"),
        rules.gather(rules.rest, pl.col(RULE)),
        dates.quoted("done"),
        pl.lit(pl.Series(_STATUS_TEXT, dtype=pl.String)).gather(status),
        pl.col("working_days_late").cast(pl.String),
        pl.when(pl.col("superseded"))
        .then(pl.lit(',"superseded":true}'))
        .otherwise(pl.lit(',"superseded":false}')),
    )


_STATUS_TEXT = [
    f',"status":{json.dumps(status)},"assumed":{assumed},"working_days_late":'
    for status in STATUSES
    for assumed in ("false", "true")
]
"""By ``2 * status + assumed``: the status's number in the enum, and 0 or 1."""


class _RuleTable:
    """What an event's rule fixes, encoded once per rule of the batch, by rule number."""

    def __init__(self, events: pl.DataFrame) -> None:
        import polars as pl

        one = events[events[RULE].arg_unique()]  # an event of each rule
        size = int(one[RULE].max() or 0) + 1  # type: ignore[arg-type]
        self.opening: list[str | None] = [None] * (2 * size)  # by 2 * rule + first
        self.start: list[str | None] = [None] * size
        self.rest: list[str | None] = [None] * size

        def encoded(name: str) -> list[str]:
            return _encoded(one[name].cast(pl.String)).to_list()

        fields = zip(
            one[RULE].to_list(),
            encoded("key"),
            one["stage"].to_list(),
            encoded("from_event"),
            encoded("unit"),
            encoded("provision"),
            strict=True,
        )
        for rule, key, stage, from_event, unit, provision in fields:
            opening = f'{{"key":{key},"stage":{stage},"due":'
            self.opening[2 * rule : 2 * rule + 2] = ["," + opening, opening]
            self.start[rule] = f',"from_event":{from_event},"from_date":'
            self.rest[rule] = f',"unit":{unit},"provision":{provision},"done":'

    @staticmethod
    def gather(table: list[str | None], index: pl.Expr) -> pl.Expr:
        import polars as pl

        return pl.lit(pl.Series(table, dtype=pl.String)).gather(index)


class _DateTable:
    """Every day from the earliest to the latest date of some columns, as quoted ISO text."""

    def __init__(self, frame: pl.DataFrame, names: tuple[str, ...]) -> None:
        import polars as pl

        found = [d for n in names for d in (frame[n].min(), frame[n].max()) if isinstance(d, date)]
        self.first = min(found, default=date(2000, 1, 1))
        span = (max(found) - self.first).days + 1 if found else 1
        days = (self.first + timedelta(days=i) for i in range(span))
        self.table = pl.Series([f'"{d.isoformat()}"' for d in days], dtype=pl.String)

    def quoted(self, name: str) -> pl.Expr:
        import polars as pl

        offset = (pl.col(name) - pl.lit(self.first)).dt.total_days()
        return pl.lit(self.table).gather(offset).fill_null("null")


def _few(frame: pl.DataFrame, name: str) -> list[pl.Expr]:
    """A column of few distinct strings, encoded (null as ``null``), as pieces to concat.

    Usually the column's own text between two quote marks: no intermediate column."""
    import polars as pl

    values = frame[name].unique().cast(pl.String)  # unique first: a category is a number
    text = pl.col(name).cast(pl.String)
    if not values.has_nulls() and not values.str.contains(_NEEDS_ESCAPE).any():
        return [pl.lit('"'), text, pl.lit('"')]
    values = values.drop_nulls()
    mapping = dict(zip(values.to_list(), _encoded(values).to_list(), strict=True))
    return [text.replace_strict(mapping, default=None, return_dtype=pl.String).fill_null("null")]


def _string(frame: pl.DataFrame, name: str) -> pl.Expr:
    """A column of any strings, quoted; polars' encoder escapes them when one needs it."""
    import polars as pl

    if frame[name].null_count() or frame[name].str.contains(_NEEDS_ESCAPE).any():
        return _polars_json(name)
    return pl.concat_str(pl.lit('"'), pl.col(name), pl.lit('"'))


def _encoded(values: pl.Series) -> pl.Series:
    """Each string as polars' encoder writes it: quoted, and escaped as it escapes."""
    return values.alias("v").to_frame().select(_polars_json("v")).to_series()


def _polars_json(name: str) -> pl.Expr:
    """The column's values as polars' own JSON encoder writes them."""
    import polars as pl

    encoded = pl.struct(pl.col(name)).struct.json_encode()
    return encoded.str.strip_prefix("{" + json.dumps(name) + ":").str.strip_suffix("}")
