"""A computed caseload written out: CSV, JSON lines and JSON, streamed to a binary handle.

Each writer takes the caseload as a sequence of parts (:func:`chc.caseload.engine.parts`:
a large file is computed a batch of complaints at a time, so memory stays bounded) and a
handle opened by the caller (standard output, or :func:`chc.output.atomic_output`), and
writes polars' own serialisation of the frames, never the whole output as one string.
The shapes are documented in the README and are part of chc's interface.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from chc.caseload.engine import ASSUMPTIONS, CASE, EVENT_COLUMNS, Caseload
from chc.caseload.frame import BadRow
from chc.caseload.json_text import CaseText, TextBlock, tails

if TYPE_CHECKING:
    from concurrent.futures import Future

    import polars as pl

    from chc.deadlines import Event

SUMMARY_COLUMNS: tuple[str, ...] = (
    "reference",
    "key",
    "provision",
    "due",
    "status",
    "working_days_late",
    "working_days_left",
)
_EVENT_FIELDS = (*EVENT_COLUMNS[2:],)  # an event's own fields (not reference, code)
CSV_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, ASSUMPTIONS)
"""The events CSV's columns: each event's fields, then the ids of the assumptions its due
date rests on (``docs/assumptions.md``), ``;``-separated."""
# The JSON formats are built a block of _BLOCK complaints at a time (one call to polars
# each), by _BUILDERS threads, at most _AHEAD blocks ahead of the one being written, and
# written _CHUNK complaints (about 2 MB of text) at a time, to bound memory. On 100,000
# complaints to JSON lines, taking turns (best of 9, bare copy 0.96 s): blocks of 5,000
# two ahead 1.10 x the copy, 167 MB, 1.27 s of CPU; one ahead 1.24 x; 10,000 one ahead
# 1.08 x, 173 MB, 1.19 s. Medians of 11 in a slower spell: 5,000 two ahead 1.09 x 165 MB,
# 10,000 one ahead 1.08 x 173 MB, chunks made into bytes by the builders 1.08 x 180 MB.
# Within the machine's noise, so the setting with the least memory. (Measured while blocks
# still built each event's text; built from numbered pieces, a block of 5,000 takes 4.5 ms
# rather than 8.5, and the peak is 156 to 158 MB.) Once the lines carried assumption ids
# rather than their texts (issue 24; 850 bytes a complaint, not 2.5 KB), fewer, larger
# blocks won: CPU over the bare copy's, best of 5 on a busy machine, blocks of 5,000
# 1.13 to 1.30 x, 12,500 0.89 to 0.92 x, 25,000 1.26 x; peak 165 MB to 173 MB.
_BLOCK = 12_500
_CHUNK = 1_500
_AHEAD = 2
_BUILDERS = 2

Writer = Callable[[Iterable[Caseload], BinaryIO], None]


def _head(c: Caseload) -> dict[str, object]:
    return {
        "as_of": c.as_of.isoformat(),
        "region": c.calendar.region,
        "closed": [d.isoformat() for d in c.calendar.closed_sorted],
    }


def write_events_csv(parts: Iterable[Caseload], out: BinaryIO, *, raw: bool = False) -> None:
    """One row per due date (:data:`CSV_COLUMNS`), in file order then stage order; text
    a spreadsheet would run made inert (:func:`chc.inert.csv_frame`) unless ``raw``."""
    from chc.inert import csv_cell, csv_frame, csv_needs_care

    for i, c in enumerate(parts):
        out.flush()
        rows = c.events.select(CSV_COLUMNS)
        if not raw:
            # The text columns are the reference and the edition: each checked where it
            # is smallest (a complaint's reference, not each of its events'; the editions
            # by name), so that ordinary references cost one pass over 100,000, not three.
            care = ["reference"] if csv_needs_care(c.cases["reference"]) else []
            care += ["code"] if any(csv_cell(k) != k for k in c.editions) else []
            rows = csv_frame(rows, care)
        rows.write_csv(out, include_header=i == 0, line_terminator="\n")
        del c, rows  # before the next batch is computed, not after


def write_events_raw_csv(parts: Iterable[Caseload], out: BinaryIO) -> None:
    """The CSV with every value as the case file gave it, for programs (``csv-raw``)."""
    write_events_csv(parts, out, raw=True)


def case_records(c: Caseload) -> pl.DataFrame:
    """One row per complaint in the documented JSON shape (a column per key, in order; the
    assumptions as their JSON objects' text)."""
    import polars as pl

    event = pl.struct([pl.col(name) for name in _EVENT_FIELDS]).alias("events")
    grouped = c.events.group_by(CASE, maintain_order=True).agg(event)
    cases = c.with_notes()
    closed = [d.isoformat() for d in c.calendar.closed_sorted]
    return (
        cases.join(grouped, on=CASE, how="left")
        .sort(CASE)
        .select(
            pl.col("reference"),
            pl.col("line"),
            pl.col("code"),
            pl.lit(c.calendar.region).alias("region"),
            pl.lit(c.as_of.isoformat()).alias("as_of"),
            pl.lit(closed, dtype=pl.List(pl.String)).alias("closed"),
            pl.col("events").fill_null(pl.lit([], dtype=grouped.schema["events"])),
            pl.col("problems").alias("warnings"),
            pl.col("assumptions"),
        )
    )


def assumption_ids(c: Caseload) -> set[str]:
    """The ids of every assumption the batch's due dates rest on."""
    return {i for tags in c.events[ASSUMPTIONS].cast(str).unique() if tags for i in tags.split(";")}


def assumptions_table(ids: set[str]) -> list[dict[str, object]]:
    """The assumptions used, stated once, as ``--format json`` lists them at its end."""
    from chc.codes.assumed import table

    rows: list[dict[str, object]] = []
    for aid, entry in table().items():
        if aid in ids:
            row: dict[str, object] = {"id": aid, "kind": entry.kind, "statement": entry.statement}
            if entry.values:
                row["values"] = list(entry.values)
            rows.append(row)
    return rows


class _Builders:
    """Builds a batch's JSON text on ``_BUILDERS`` threads, a block each, while the caller
    writes the blocks before them in order. At most ``_AHEAD`` blocks are built ahead of
    the writing, so memory stays bounded."""

    def __enter__(self) -> _Builders:
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=_BUILDERS, thread_name_prefix="chc-json")
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def texts(self, parts: Iterable[Caseload], separator: str) -> Iterator[Caseload | bytes]:
        """Each batch, then its text a chunk at a time. Once the batch's last blocks are
        being built, the next batch is computed, and its text prepared, on a builder.
        (Starting it sooner saved about 0.04 s of 1.1 on 100,000 complaints, for 25 MB
        more at the peak: two computed batches alive at once.)"""
        from collections import deque

        batches = iter(parts)
        following = self.pool.submit(self._prepared, batches, separator)
        while (ready := following.result()) is not None:
            c, text, later = ready
            yield c
            pending: deque[Future[TextBlock]] = deque()
            for start in range(0, c.cases.height, _BLOCK):
                pending.append(self.pool.submit(text.block, start, _BLOCK, later.result))
                if len(pending) > _AHEAD:
                    yield from pending.popleft().result().chunks(_CHUNK)
            del c, text, later, ready  # the blocks hold what they need
            following = self.pool.submit(self._prepared, batches, separator)
            while pending:
                yield from pending.popleft().result().chunks(_CHUNK)

    def _prepared(self, batches: Iterator[Caseload], separator: str) -> _Prepared | None:
        """The next batch computed, with its text's tables; its tails are built on the
        other builder meanwhile (None after the last batch)."""
        c = next(batches, None)
        if c is None:
            return None
        later = self.pool.submit(tails, c, separator)
        return c, CaseText(c, separator), later


_Prepared = tuple[Caseload, CaseText, "Future[pl.Series]"]


def write_cases_jsonl(parts: Iterable[Caseload], out: BinaryIO) -> None:
    """One JSON object per complaint per line."""
    with _Builders() as builders:
        for text in builders.texts(parts, "\n"):
            if isinstance(text, bytes):
                out.write(text)


def write_cases_json(parts: Iterable[Caseload], out: BinaryIO) -> None:
    """One document: the calendar used, every complaint, and the rows skipped."""
    bad: list[BadRow] = []
    used: set[str] = set()
    opened, first = False, True
    with _Builders() as builders:
        for text in builders.texts(parts, ",\n"):
            if isinstance(text, bytes):
                # Each case is on a line of its own after the comma that ends the one before.
                out.write(b"\n" if first else b",\n")
                out.write(memoryview(text)[:-2])
                first = False
                continue
            if not opened:
                head = json.dumps(_head(text), ensure_ascii=False)[:-1]
                out.write(f'{head}, "cases": ['.encode())
                opened = True
            bad.extend(text.bad_rows)
            used |= assumption_ids(text)
    bad_text = json.dumps([b.as_json() for b in sorted(bad)], ensure_ascii=False)
    stated = json.dumps(assumptions_table(used), ensure_ascii=False)
    out.write(f'\n], "bad_rows": {bad_text}, "assumptions": {stated}}}\n'.encode())


def attention(c: Caseload, days: int = 5, *, assumptions: bool = False) -> pl.DataFrame:
    """Due dates that need attention: overdue, or open and due within ``days`` working days
    of the as-of date; a due date an extension replaced never counts. With
    ``assumptions``, each row's stage and assumption ids too (for the view)."""
    import polars as pl

    horizon = c.calendar.add(c.as_of, days)
    e = c.events.filter(~pl.col("superseded"))
    e = e.filter(
        (pl.col("status") == "overdue")
        | ((pl.col("status") == "open") & (pl.col("due") <= horizon))
    )
    left = [
        c.calendar.between(c.as_of, d) if s == "open" else 0
        for d, s in zip(e["due"], e["status"], strict=True)
    ]
    return (
        e.with_columns(
            reference=pl.col("reference").fill_null(""),
            key=pl.col("key").cast(pl.String),
            provision=pl.col("provision").cast(pl.String),
            status=pl.col("status").cast(pl.String),
            working_days_left=pl.Series(left, dtype=pl.Int64),
        )
        .sort("due", "reference", "key")
        .select(*SUMMARY_COLUMNS, *(("stage", ASSUMPTIONS) if assumptions else ()))
    )


def _summary(parts: Iterable[Caseload]) -> tuple[pl.DataFrame, Caseload, int, list[BadRow]]:
    """What needs attention across every part, the first part, complaints and bad rows."""
    import polars as pl

    frames: list[pl.DataFrame] = []
    bad: list[BadRow] = []
    count = 0
    first: Caseload | None = None
    for c in parts:
        first = first or c
        frames.append(attention(c))
        bad.extend(c.bad_rows)
        count += c.count
    assert first is not None, "a caseload has at least one part"
    items = pl.concat(frames).sort("due", "reference", "key")
    return items, first, count, sorted(bad)


def write_summary_csv(parts: Iterable[Caseload], out: BinaryIO) -> None:
    from chc.inert import csv_frame

    csv_frame(_summary(parts)[0]).write_csv(out, line_terminator="\n")


def write_summary_raw_csv(parts: Iterable[Caseload], out: BinaryIO) -> None:
    _summary(parts)[0].write_csv(out, line_terminator="\n")


def write_summary_jsonl(parts: Iterable[Caseload], out: BinaryIO) -> None:
    from chc.inert import json_text

    # What needs attention is a few hundred lines: escaped as one text, as dumps_json does.
    out.write(json_text(_summary(parts)[0].write_ndjson()).encode())


def write_summary_json(parts: Iterable[Caseload], out: BinaryIO) -> None:
    import polars as pl

    from chc.output import dumps_json

    items, c, count, bad = _summary(parts)
    doc = {
        **_head(c),
        "cases": count,
        "attention": items.with_columns(pl.col("due").dt.to_string("%Y-%m-%d")).to_dicts(),
        "bad_rows": [b.as_json() for b in bad],
    }
    out.write(dumps_json(doc).encode())


WRITERS: dict[str, Writer] = {
    "csv": write_events_csv,
    "csv-raw": write_events_raw_csv,
    "jsonl": write_cases_jsonl,
    "json": write_cases_json,
}
"""``chc deadlines --cases --format``: the machine formats (``text`` is the terminal's)."""

SUMMARY_WRITERS: dict[str, Writer] = {
    "csv": write_summary_csv,
    "csv-raw": write_summary_raw_csv,
    "jsonl": write_summary_jsonl,
    "json": write_summary_json,
}


def event_pairs(c: Caseload) -> Iterator[tuple[str, Event]]:
    """Every event as (reference, :class:`chc.deadlines.Event`), for the calendar writer."""
    from chc.deadlines import Event

    notes = {(e.edition, t.key): t.note for e in c.editions.values() for t in e.rules if t.note}
    for e in c.events.iter_rows(named=True):
        timescale = e["key"].replace("respond_extended", "extension")
        e["note"] = notes.get((e["code"], timescale))
        e["assumes"] = tuple(e[ASSUMPTIONS].split(";")) if e[ASSUMPTIONS] else ()
        yield e["reference"] or "", Event(*(e[name] for name in Event._fields))
