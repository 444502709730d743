"""A log's JSON lines laid out from polars columns: the fast path of
``chc hazards --cases --format jsonl``.

Each report's line is exactly what :func:`chc.hazards.log_output.log_jsonl` writes for it
(the one-report contract plus its file ``line``), made a block of reports at a time from
the columnar path's steps (:class:`chc.hazards.columns.ColumnLog`), as the caseload lays
out its JSON (:mod:`chc.caseload.json_text`): what a step's rule fixes (its limit, unit,
start event, assumptions, row) and what a track's reports share (their assumptions with
their text) are encoded once; each step row's text is its values between those pieces, and
a block is one ``str.join``. A report with a date after --as-of carries warnings worded by
the one-report path, so such a report (rare: usually a typing error) is computed and
written by that path. Text a user gave (a reference) is escaped as ``json.dumps`` and
:func:`chc.inert.text` escape it, the net every text output passes; what chc writes itself
(dates, keys, statuses) needs no escape. An agreement test holds the lines equal to the
one-report path's, byte for byte.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, BinaryIO

from chc.hazards.columns import _ROW

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.frame import CaseFrame
    from chc.hazards.columns import ColumnLog
    from chc.hazards.regime import Regime
    from chc.hazards.report import Settings
    from chc.workdays import WorkingCalendar

_BLOCK = 5_000
"""Reports per block of text (about 18 MB of JSON): memory stays bounded."""
_PLAIN = r"^[\x20-\x21\x23-\x5b\x5d-\x7e]*$"
"""Text JSON holds as it is, and the inert net leaves alone (printable ASCII, no quote
mark or backslash)."""


def _encoded(value: object) -> str:
    """A value as ``json.dumps`` writes it, then through the net every text output passes."""
    from chc.inert import text

    return text(json.dumps(value, ensure_ascii=False))


class JsonLines:
    """The pieces of a log's JSON lines, and the expression that lays out a block."""

    def __init__(
        self,
        computed: ColumnLog,
        case_frame: CaseFrame,
        regime: Regime,
        calendar: WorkingCalendar,
        settings: Settings,
    ) -> None:
        import polars as pl

        self.steps = computed.steps
        self.reports = case_frame.frame.height
        steps = [s for track in ("emergency", "significant") for s in regime.steps_for(track)]
        self.opening = {
            s.key: f', "limit": {s.limit}, "unit": {_encoded(s.unit)}, '
            f'"from_event": {_encoded(s.from_event)}, "from": "'
            for s in steps
        }
        self.closing = {
            s.key: f', "assumptions": {_encoded(list(s.assumptions))}, "row": {_encoded(s.row)}}}'
            for s in steps
        }
        self.shared = {
            track: _encoded(
                [{"id": i, "text": regime.assumption_text[i]} for i in _ids(regime, track)]
            )
            for track in ("emergency", "significant")
        }
        self.head = (
            f', "regime": {_encoded(regime.regime)}, "reference": ',
            f', "as_of": {_encoded(settings.as_of.isoformat(timespec="minutes"))}, '
            '"time_zone": "Europe/London", "events": [',
        )
        self.tried = _listed_attempts(computed, self.reports)
        self.reference = _reference(self.steps)
        self.one_report = _one_report_lines(computed, case_frame, regime, calendar, settings)
        self.flagged = pl.Series(list(self.one_report), dtype=pl.UInt32)

    def blocks(self) -> list[tuple[int, int]]:
        """Where each block of reports starts and ends among the step rows."""
        rows = self.steps[_ROW]
        edges = [int(rows.search_sorted(r, "left")) for r in range(0, self.reports, _BLOCK)]
        return list(zip(edges, [*edges[1:], self.steps.height], strict=True))

    def block(self, start: int, end: int) -> bytes:
        """The text of the reports whose steps are rows ``start`` to ``end``."""
        import polars as pl

        part = self.steps.slice(start, end - start)
        part = part.with_columns(self.tried.gather(part[_ROW]).alias("\0tried"))
        line = self._line()
        flagged = pl.col(_ROW).is_in(self.flagged.implode())
        if self.one_report:
            first = pl.col(_ROW) != pl.col(_ROW).shift(1)
            mapping = {int(k): v for k, v in self.one_report.items()}
            theirs = pl.col(_ROW).replace_strict(mapping, default=None, return_dtype=pl.String)
            mine = pl.when(first.fill_null(True)).then(theirs).otherwise(pl.lit(""))
            line = pl.when(flagged).then(mine).otherwise(line)
        text = part.select(line.alias("t")).to_series().str.join("")
        data: bytes = text.cast(pl.Binary).item()
        return data

    def _line(self) -> pl.Expr:
        """Each step row's text: its report's head before the first step, its event, and
        its report's tail after the last."""
        import polars as pl

        row = pl.col(_ROW)
        first = (row != row.shift(1)).fill_null(True)
        last = (row != row.shift(-1)).fill_null(True)
        head = pl.concat_str(
            pl.lit('{"line": '), pl.col("line").cast(pl.String), pl.lit(self.head[0]),
            self.reference, pl.lit(', "track": "'), pl.col("track"), pl.lit('", "hazard": '),
            _maybe(pl.col("hazard")), pl.lit(', "phase": '), pl.col("phase").cast(pl.String),
            pl.lit(', "provisional": false, "aware": "'), pl.col("aware"), pl.lit('"'),
            pl.lit(self.head[1]),
        )  # fmt: skip
        tail = pl.concat_str(
            pl.lit('], "access_attempts": '), pl.col("\0tried"), pl.lit(', "assumptions": '),
            pl.col("track").replace_strict(self.shared, return_dtype=pl.String),
            pl.lit(', "warnings": []}\n'),
        )  # fmt: skip
        return pl.concat_str(
            pl.when(first).then(head).otherwise(pl.lit(", ")),
            self._event(),
            pl.when(last).then(tail).otherwise(pl.lit("")),
        )

    def _event(self) -> pl.Expr:
        import polars as pl

        step = pl.col("step")
        late = pl.concat_str(
            pl.lit('{"amount": '), pl.col("late_by"), pl.lit(', "unit": "'), pl.col("late_unit"),
            pl.lit('"}'),
        )  # fmt: skip
        tried = pl.col("access_attempts").str.replace_all(";", '", "', literal=True)
        return pl.concat_str(
            pl.lit('{"key": "'), step, pl.lit('", "due": "'), pl.col("due"),
            pl.lit('", "done": '), _maybe(pl.col("done")),
            pl.lit(', "done_by": '), _maybe(pl.col("done_by")),
            pl.lit(', "status": "'), pl.col("status"),
            pl.lit('", "late_by": '), late.fill_null("null"),
            step.replace_strict(self.opening, return_dtype=pl.String), pl.col("from"),
            pl.lit('", "from_assumed": '), pl.col("from_assumed"),
            pl.lit(', "alternative_due": '), _maybe(pl.col("alternative_due")),
            pl.lit(', "clock_change": '),
            pl.when(pl.col("clock_change")).then(pl.lit("true")).otherwise(pl.lit("false")),
            pl.lit(', "access_attempts": '),
            pl.concat_str(pl.lit('["'), tried, pl.lit('"]')).fill_null("[]"),
            step.replace_strict(self.closing, return_dtype=pl.String),
        )  # fmt: skip


def _maybe(text: pl.Expr) -> pl.Expr:
    """Text chc wrote itself (a date, an event's name), quoted, or ``null``."""
    import polars as pl

    return pl.concat_str(pl.lit('"'), text, pl.lit('"')).fill_null("null")


def _reference(steps: pl.DataFrame) -> pl.Expr:
    """The reference as the one-report path writes it: quoted as it is when every one of
    the log's is plain text, else each distinct one encoded by Python's own encoder."""
    import polars as pl

    refs = steps["reference"].unique()
    if not refs.has_nulls() and bool(refs.str.contains(_PLAIN).all()):
        return pl.concat_str(pl.lit('"'), pl.col("reference"), pl.lit('"'))
    mapping = {r: _encoded(r) for r in refs.drop_nulls().to_list()}
    return (
        pl.col("reference")
        .replace_strict(mapping, default=None, return_dtype=pl.String)
        .fill_null("null")
    )


def _ids(regime: Regime, track: str) -> list[str]:
    """A report's assumptions on ``track``: its steps', in order, each once (as
    :func:`chc.hazards.report.compute` lists them for a report the columnar path takes)."""
    ids: list[str] = []
    for s in regime.steps_for(track):
        ids += [a for a in s.assumptions if a not in ids]
    return ids


def _listed_attempts(computed: ColumnLog, reports: int) -> pl.Series:
    """Each report's access attempts as a JSON list, by the report's row."""
    import polars as pl

    from chc.hazards.columns import _iso

    every = pl.DataFrame({_ROW: pl.int_range(reports, dtype=pl.UInt32, eager=True)})
    tried = computed.attempts
    if tried is None or tried.height == 0:
        return pl.repeat("[]", reports, dtype=pl.String, eager=True)
    shown = _iso(pl.col("a.at"), pl.col("a.day"))
    listed = (
        tried.sort("\0n")
        .group_by(_ROW, maintain_order=True)
        .agg(shown.str.join('", "').alias("t"))
        .with_columns(pl.col(_ROW).cast(pl.UInt32))
    )
    laid = every.join(listed, on=_ROW, how="left").sort(_ROW)
    return laid.select(pl.concat_str(pl.lit('["'), pl.col("t"), pl.lit('"]')).fill_null("[]"))[:, 0]


def _one_report_lines(
    computed: ColumnLog,
    case_frame: CaseFrame,
    regime: Regime,
    calendar: WorkingCalendar,
    settings: Settings,
) -> dict[int, str]:
    """The lines of the reports with a date after --as-of, by row, written by the
    one-report path (their warnings are its words)."""
    import polars as pl

    from chc.hazards.log import rows_of
    from chc.hazards.log_output import report_json
    from chc.hazards.report import compute

    lines = {line for line, _ in computed.future}
    if not lines:
        return {}
    frame = case_frame.frame.with_row_index(_ROW).filter(pl.col("line").is_in(list(lines)))
    indices = frame[_ROW].to_list()
    out = {}
    for index, row in zip(indices, rows_of(case_frame, indices), strict=True):
        r = compute(row.report, regime, calendar, settings)
        out[index] = _encoded(report_json(row.line, r)) + "\n"
    return out


def write_jsonl(lines: JsonLines, out: BinaryIO) -> None:
    """Every report's line, a block at a time."""
    for start, end in lines.blocks():
        out.write(lines.block(start, end))
