"""The JSON text of computed complaints, laid out from a table of text pieces.

The JSON formats are most of the caseload's output (a complaint's events in full, its
problems and the ids of what its dates rest on: about 850 bytes each), so how that text is
made decides their speed. A generic encoder walks every value of every record. Here an
event's text is ten pieces, each looked up by number in one table built per batch, and
never built for the event itself:

- what an event's rule fixes (key, stage, clock start, unit, provision), by the engine's
  ``rule`` number;
- each of its dates, in the days the batch spans, already quoted (formatting a date is
  the slow part of encoding an event);
- its extension's length, its status and "assumed" flag (by the status enum's number),
  its working days late and its "superseded" flag.

A complaint's head (its reference, line and edition) is built as text, its reference
through polars' own encoder only when one of the batch needs escaping; its tail (the
problems and the assumption ids) comes pre-encoded from the engine
(:meth:`Caseload.warnings_json`). A block of complaints is then one polars call for its heads
and its events' piece numbers, and one scatter that puts every piece's number at its place
in the text; a chunk of text is one gather and one join. (A polars query costs about a
millisecond to plan for expressions of this size whatever the rows, so blocks are large.)
A test holds the result to what polars' ``write_ndjson`` writes for the same records,
byte for byte.
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

# What a JSON string may not hold as it is, and what chc writes escaped though JSON allows
# it (C1 controls, bidi controls, line separators: chc.inert.JSON_ESCAPED), so that no
# output holds a character that acts on its reader.
_NEEDS_ESCAPE = r'["\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]'


class CaseText:
    """The JSON text of one computed batch of complaints, a block at a time, each complaint
    followed by ``separator``. What the batch's values need (escaping, the table of
    pieces) is decided once here, so that a block is one call to polars (its heads' and
    events' queries, run side by side)."""

    def __init__(self, c: Caseload, separator: str) -> None:
        import polars as pl

        self.c = c
        self.head = _head_text(c)
        self.pieces, self.event = _event_pieces(c.events)
        self.separator = separator
        # Each event's complaint, by its place in the batch (both frames are in CASE order).
        owner = c.cases[CASE].search_sorted(c.events[CASE], "left").cast(pl.Int64)
        self.events = c.events.with_columns(owner.alias(_OWNER))

    def block(self, start: int, size: int, tails: Callable[[], pl.Series]) -> TextBlock:
        """Complaints ``start`` to ``start + size``: the pieces of their text, and which
        piece goes at each place of it; ``tails`` gives what :func:`tails` gives (built
        beside this batch's tables, and taken once the block's own queries are done).

        For n complaints and m events of w pieces each, complaint k's head goes to place
        2k + w s(k), where s(k) is the number of the block's events before it; piece i of
        event j (of complaint k) to 2k + 1 + w j + i; its tail to 2k + w s(k+1) + 1. So each
        complaint is its head, its events' pieces in order, and its tail.
        """
        import polars as pl

        cases = self.c.cases.slice(start, size)
        # Slices, not filters: a filter would scan the whole batch for every block.
        n = cases.height
        complaints = pl.int_range(start, start + n + 1, dtype=pl.Int64, eager=True)
        starts = self.events[_OWNER].search_sorted(complaints, "left")  # and where they end
        first, last = int(starts[0]), int(starts[-1])
        m, w = last - first, len(self.event)
        j = pl.int_range(pl.len(), dtype=pl.Int64)
        place = 2 * (pl.col(_OWNER) - start) + 1 + w * j
        heads, numbers = pl.collect_all(
            [
                cases.lazy().select(self.head),
                self.events.slice(first, m)
                .lazy()
                .select(*self.event, *((place + i).alias(f"p{i}") for i in range(w))),
            ],
            engine="in-memory",
        )
        fixed = len(self.pieces)
        pieces = pl.concat(
            [self.pieces, tails().slice(start, n), heads.to_series()],
            rechunk=True,  # copies views, not text; gathers from one chunk 5x faster
        )
        s = (starts - first).cast(pl.Int64)
        k = pl.int_range(n + 1, dtype=pl.Int64, eager=True)
        heads_at = (2 * k + w * s).slice(0, n)
        tails_at = (2 * k + w * s).slice(1, n) - 1  # 2k + w s(k+1) + 1, for k = 0 .. n-1
        order = pl.zeros(2 * n + w * m, dtype=pl.UInt32, eager=True)
        order.scatter(
            pl.concat([heads_at, tails_at, *numbers[:, w:].get_columns()]),
            pl.concat(
                [
                    pl.int_range(fixed + n, fixed + 2 * n, dtype=pl.UInt32, eager=True),
                    pl.int_range(fixed, fixed + n, dtype=pl.UInt32, eager=True),
                    *numbers[:, :w].get_columns(),
                ]
            ),
        )
        return TextBlock(pieces, order, s.slice(0, n), w)


def tails(c: Caseload, separator: str) -> pl.Series:
    """Each complaint's text from the end of its events, in the order of the batch, each
    followed by ``separator``: ``],"warnings":[...],"assumptions":[...]}``. Built for the
    whole batch at once: most of its cost is the same for any number of complaints."""
    around = ('],"warnings":[', '],"assumptions":[', "]}" + separator)
    return c.warnings_json(c.cases, *around)["warnings"]


_OWNER = "\0owner"  # a working column (no field's name holds a NUL)


@dataclass(frozen=True)
class TextBlock:
    """A block's text: its ``pieces``, the number of the piece at each place of the text
    (``order``), where each complaint's events start among the block's events, and how
    many pieces an event has (see :meth:`CaseText.block`)."""

    pieces: pl.Series
    order: pl.Series
    starts: pl.Series
    per_event: int

    def chunks(self, size: int) -> Iterator[bytes]:
        """The block's text, ``size`` complaints at a time, as UTF-8."""
        import polars as pl

        n = len(self.starts)
        starts = self.starts.to_list()
        width = self.per_event
        for a in range(0, n, size):
            b = min(a + size, n)
            begin = 2 * a + width * starts[a]  # complaint a's head
            end = 2 * b + width * starts[b] if b < n else len(self.order)
            text = self.pieces.gather(self.order.slice(begin, end - begin)).str.join("")
            # As bytes straight from polars: one copy, where a Python str would take two.
            yield text.cast(pl.Binary).item()


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


def _event_pieces(events: pl.DataFrame) -> tuple[pl.Series, list[pl.Expr]]:
    """The pieces every event of the batch is made of, in one table, and for each event the
    numbers of its pieces in that table, in the order of its text. An event is ten pieces,
    each looked up rather than built: what its rule fixes (key, stage, clock start, unit,
    provision), its three dates, its extension's length, its status and "assumed" flag,
    its working days late and "superseded" flag."""
    import polars as pl

    table = _Table()
    rules = _RuleTable(events)
    opening = table.add(rules.opening)
    start = table.add(rules.start)
    rest = table.add(rules.rest)
    days = _DateTable(events, ("due", "from_date", "done"))
    day = table.add(days.texts)
    amounts = _Span(events["amount"])
    amount = table.add([f',"amount":{n}' for n in amounts.values] + [',"amount":null'])
    status = table.add(_STATUS_TEXT)
    lateness = _Span(events["working_days_late"])
    late = table.add([str(n) for n in lateness.values])
    superseded = table.add([',"superseded":false}', ',"superseded":true}'])

    rule = pl.col(RULE).cast(pl.Int64)
    first = (pl.col(CASE) != pl.col(CASE).shift(1)).fill_null(True).cast(pl.Int64)
    numbers = [
        opening + 2 * rule + first,
        day + days.offset("due"),
        start + rule,
        day + days.offset("from_date"),
        amount + amounts.offset("amount"),
        rest + rule,
        day + days.offset("done"),
        status
        + 2 * pl.col("status").to_physical().cast(pl.Int64)
        + pl.col("assumed").cast(pl.Int64),
        late + lateness.offset("working_days_late"),
        superseded + pl.col("superseded").cast(pl.Int64),
    ]
    return table.series(), [n.cast(pl.UInt32).alias(str(i)) for i, n in enumerate(numbers)]


class _Span:
    """The whole numbers from the least to the greatest of a column, then ``null``."""

    def __init__(self, column: pl.Series) -> None:
        # The ignore below: polars' stubs type min() and max() as any Python value (a date,
        # a str...); this column holds integers.
        self.low = int(column.min() or 0)  # type: ignore[arg-type]
        self.values = range(self.low, int(column.max() or 0) + 1)  # type: ignore[arg-type]

    def offset(self, name: str) -> pl.Expr:
        """A value's place among :attr:`values` (``null``'s for no value)."""
        import polars as pl

        return (pl.col(name) - self.low).fill_null(len(self.values))


class _Table:
    """Text pieces laid end to end; :meth:`add` says where a kind of piece starts."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []

    def add(self, texts: list[str] | list[str | None]) -> int:
        at = len(self.texts)
        self.texts.extend(texts)
        return at

    def series(self) -> pl.Series:
        import polars as pl

        return pl.Series(self.texts, dtype=pl.String)


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
        # The ignore below: polars' stubs type max() as any Python value; RULE is integers.
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


class _DateTable:
    """Every day from the earliest to the latest date of some columns, as quoted ISO text,
    then ``null``."""

    def __init__(self, frame: pl.DataFrame, names: tuple[str, ...]) -> None:
        found = [d for n in names for d in (frame[n].min(), frame[n].max()) if isinstance(d, date)]
        self.first = min(found, default=date(2000, 1, 1))
        self.span = (max(found) - self.first).days + 1 if found else 0
        days = (self.first + timedelta(days=i) for i in range(self.span))
        self.texts = [f'"{d.isoformat()}"' for d in days] + ["null"]

    def offset(self, name: str) -> pl.Expr:
        """A date's place in :attr:`texts` (``null``'s for no date)."""
        import polars as pl

        days = (pl.col(name) - pl.lit(self.first)).dt.total_days()
        return days.fill_null(self.span)


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

    from chc.inert import JSON_ESCAPED

    encoded = pl.struct(pl.col(name)).struct.json_encode()
    encoded = encoded.str.replace_many(list(JSON_ESCAPED), list(JSON_ESCAPED.values()))
    return encoded.str.strip_prefix("{" + json.dumps(name) + ":").str.strip_suffix("}")
