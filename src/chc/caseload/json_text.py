"""The JSON text of computed complaints, built as columns of text pieces.

The JSON formats are most of the caseload's output (a complaint's events in full and the
readings its dates rest on: about 1.5 KB each), so how that text is made decides their
speed. A generic encoder walks every value of every record; here each piece is made once
for a whole column and the pieces are laid end to end:

- a date is looked up in a table of the days the batch spans, already quoted (formatting
  a date is the slow part of encoding an event);
- a value from a small set (an event key, a unit, a status, the edition) is quoted as it
  is when none of the set needs escaping, and otherwise encoded once per distinct value
  by polars' own encoder;
- a reference is encoded by polars' own encoder only when one of the batch needs escaping;
- the warnings come pre-encoded from the engine (:meth:`Caseload.warnings_json`).

Each complaint is then a head piece, its event pieces and a tail piece; sorted by
(complaint, place) and joined, they are the text. One lazy query per chunk lets polars
build the three kinds of piece side by side. A test holds the result to what polars'
``write_ndjson`` writes for the same records, byte for byte.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING

from chc.caseload.engine import CASE, Caseload

if TYPE_CHECKING:
    import polars as pl

_PLACE = "place"
_TEXT = "text"
_HEAD, _TAIL = -1, 1 << 20  # an event's place is its "order" (10 to 32)
_NEEDS_ESCAPE = r'["\\\x00-\x1f\x7f]'  # what a JSON string may not hold as it is


class CaseText:
    """The JSON text of one computed batch of complaints, a chunk at a time, each complaint
    followed by ``separator``. What the batch's values need (escaping, the table of days)
    is decided once here, so that a chunk is one query."""

    def __init__(self, c: Caseload, separator: str) -> None:
        self.c = c
        self.head = _head_text(c)
        self.event = _event_text(c.events)
        # The text around the warnings is in their table: they are written once, not copied.
        # One row per complaint, in the order of c.cases (both by CASE).
        self.tails = c.warnings_json(c.cases, '],"warnings":[', "]}" + separator)
        self.event_cases = c.events[CASE]  # in CASE order: a chunk's events are a slice

    def chunk(self, start: int, size: int) -> bytes:
        """Complaints ``start`` to ``start + size`` as JSON objects, in file order, as UTF-8."""
        import polars as pl

        cases = self.c.cases.slice(start, size)
        if cases.height == 0:
            return b""
        # Slices, not filters: a filter would scan the whole batch for every chunk.
        first, last = cases[CASE][0], cases[CASE][-1]
        low = self.event_cases.search_sorted(first, "left")
        high = self.event_cases.search_sorted(last, "right")
        heads = cases.lazy().select(pl.col(CASE), _place(_HEAD), self.head.alias(_TEXT))
        events = self.c.events.slice(low, high - low).lazy()
        events = events.select(pl.col(CASE), _place(pl.col("order")), self.event.alias(_TEXT))
        tails = self.tails.slice(start, size).lazy()
        tails = tails.select(pl.col(CASE), _place(_TAIL), pl.col("warnings").alias(_TEXT))
        query = (
            pl.concat([heads, events, tails], how="vertical")
            .sort(CASE, _PLACE)
            .select(pl.col(_TEXT).str.join("").cast(pl.Binary))
        )
        # As bytes straight from polars: one copy, where a Python str would take two.
        text: bytes = query.collect(engine="in-memory").item()
        return text


def _place(value: int | pl.Expr) -> pl.Expr:
    import polars as pl

    place = pl.lit(value) if isinstance(value, int) else value
    return place.cast(pl.Int32).alias(_PLACE)


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
    return pl.concat_str(
        pl.when(pl.col(CASE).is_first_distinct()).then(pl.lit("")).otherwise(pl.lit(",")),
        pl.lit('{"key":'),
        *_few(events, "key"),
        pl.lit(',"stage":'),
        pl.col("stage").cast(pl.String),
        pl.lit(',"due":'),
        dates.quoted("due"),
        pl.lit(',"from_event":'),
        *_few(events, "from_event"),
        pl.lit(',"from_date":'),
        dates.quoted("from_date"),
        pl.lit(',"amount":'),
        pl.col("amount").cast(pl.String).fill_null("null"),
        pl.lit(',"unit":'),
        *_few(events, "unit"),
        pl.lit(',"provision":'),
        *_few(events, "provision"),
        pl.lit(',"done":'),
        dates.quoted("done"),
        pl.lit(',"status":'),
        *_few(events, "status"),
        pl.lit(',"assumed":'),
        _boolean("assumed"),
        pl.lit(',"working_days_late":'),
        pl.col("working_days_late").cast(pl.String),
        pl.lit(',"superseded":'),
        _boolean("superseded"),
        pl.lit("}"),
    )


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


def _boolean(name: str) -> pl.Expr:
    import polars as pl

    return pl.when(pl.col(name)).then(pl.lit("true")).otherwise(pl.lit("false"))
