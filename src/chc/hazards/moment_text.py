"""Moments as text a column at a time, as :meth:`chc.hazards.moments.Moment.iso` writes one.

Formatting a date or a time is the slow part of writing a log's CSV (polars' strftime with
a time zone takes about 0.4 us a value, and a log of 100,000 reports has two million
moments to write). Here a moment's text is looked up instead, as the caseload's JSON is
laid out from pieces (:mod:`chc.caseload.json_text`): its local day from a table of every
day the log spans, its time of day from a table of the 1,440 minutes, its offset from the
offsets Europe/London takes in the span. The UK time and its offset come from the clock
changes in the span, found from the time-zone database a hour at a time, so that no
conversion is made per value. A moment outside the span is an error, never a wrong text.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

LONDON = "Europe/London"
_US_DAY = 86_400_000_000
_US_MINUTE = 60_000_000


class MomentText:
    """The tables for every moment from 1 January of ``first`` to 31 December of ``last``."""

    def __init__(self, first: int, last: int) -> None:
        import polars as pl

        self.first = date(first, 1, 1)
        span = (date(last, 12, 31) - self.first).days + 1
        self.days = pl.Series([(self.first + timedelta(i)).isoformat() for i in range(span)])
        self.minutes = pl.Series([f"T{h:02d}:{m:02d}" for h in range(24) for m in range(60)])
        self.epoch_day = (self.first - date(1970, 1, 1)).days
        hours = pl.datetime_range(
            pl.datetime(first, 1, 1, time_zone="UTC"),
            pl.datetime(last, 12, 31, 23, time_zone="UTC"),
            interval="1h",
            eager=True,
        )
        local = hours.dt.convert_time_zone(LONDON).dt.replace_time_zone(None)
        offset = (local - hours.dt.replace_time_zone(None)).dt.total_minutes()
        # Europe/London changes its clocks on the hour (01:00 UTC), so hourly samples find
        # every change; each entry is the first hour of an offset, the span's start first.
        changes = pl.DataFrame({"at": hours.dt.epoch("us"), "offset": offset}).filter(
            pl.col("offset") != pl.col("offset").shift(1).fill_null(-(10**6))
        )
        self.changes = changes["at"]
        self.offsets = changes["offset"]
        self.offset_texts = pl.Series([_offset(int(m)) for m in self.offsets])

    def iso(self, at: pl.Expr, day: pl.Expr) -> pl.Expr:
        """``at`` (UTC) in UK time with its offset, to the minute, else the date ``day``;
        null where both are."""
        import polars as pl

        us = at.dt.epoch("us")
        # The last change at or before the moment (the span's start is the first entry).
        found = pl.lit(self.changes).search_sorted(us, side="right").cast(pl.Int64) - 1
        change = pl.when(us.is_not_null()).then(found)
        local = us + pl.lit(self.offsets).gather(change) * _US_MINUTE
        untimed = day.cast(pl.Int32).cast(pl.Int64)
        at_day = pl.coalesce(local // _US_DAY, untimed) - self.epoch_day
        text = pl.concat_str(
            pl.lit(self.days).gather(at_day),
            pl.lit(self.minutes).gather((local % _US_DAY) // _US_MINUTE),
            pl.lit(self.offset_texts).gather(change),
            ignore_nulls=True,
        )
        return pl.when(at_day.is_not_null()).then(text)


def _offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"
