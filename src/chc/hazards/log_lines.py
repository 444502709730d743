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

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from chc.hazards.columns import _ROW

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.frame import CaseFrame
    from chc.hazards.columns import ColumnLog, FastLog
    from chc.hazards.regime import Regime
    from chc.hazards.report import Settings
    from chc.workdays import WorkingCalendar

_BLOCK = 2_500
"""Reports per block of text (about 9 MB of JSON lines): memory stays bounded (on 100,000
rows, blocks of 2,500 peaked at 430 MB for JSON lines, 460 for JSON; of 5,000, 500 and 585,
in the same time)."""
_BUILDERS = 2
_AHEAD = 2
_PLAIN = r"^[\x20-\x21\x23-\x5b\x5d-\x7e]*$"
"""Text JSON holds as it is, and the inert net leaves alone (printable ASCII, no quote
mark or backslash)."""


def _encoded(value: object, indented: bool = False) -> str:
    """A value as ``json.dumps`` writes it (``indented``: as :func:`chc.output.dumps_json`
    writes it, escaped by :func:`chc.inert.json_text`), then through the net every text
    output passes."""
    from chc.inert import json_text, text

    if not indented:
        return text(json.dumps(value, ensure_ascii=False))
    return text(json_text(json.dumps(value, ensure_ascii=False, indent=2)))


@dataclass(frozen=True)
class Layout:
    """Where the text between values breaks: a report a line (``level`` None), or as
    ``json.dumps(indent=2)`` lays out a report whose brace is ``level`` levels in. Levels
    below are counted from the report's brace: its members are at 1, an event's at 3."""

    level: int | None = None

    def _nl(self, depth: int) -> str:
        return "" if self.level is None else "\n" + "  " * (self.level + depth)

    def sep(self, depth: int) -> str:
        """Between two members at ``depth``."""
        return ", " if self.level is None else "," + self._nl(depth)

    def open(self, bracket: str, depth: int) -> str:
        """A bracket whose members are at ``depth``."""
        return bracket + self._nl(depth)

    def close(self, bracket: str, depth: int) -> str:
        """A bracket whose members were at ``depth``."""
        return self._nl(depth - 1) + bracket

    def value(self, value: object, depth: int) -> str:
        """A value known before the run, as a member at ``depth``."""
        if self.level is None:
            return _encoded(value)
        return _encoded(value, True).replace("\n", self._nl(depth))


LINES = Layout()
"""``--format jsonl``: a report a line."""
INDENTED = Layout(2)
"""``--format json``: a report inside the document's ``reports``."""
_R, _E = 1, 3  # the depths of a report's members and of an event's


class JsonLines:
    """The pieces of a log's reports as JSON, and the expression that lays out a block."""

    def __init__(
        self,
        computed: ColumnLog,
        case_frame: CaseFrame,
        regime: Regime,
        calendar: WorkingCalendar,
        settings: Settings,
        layout: Layout = LINES,
    ) -> None:
        import polars as pl

        self.steps = computed.steps
        self.layout = o = layout
        self.reports = case_frame.frame.height
        steps = [s for track in ("emergency", "significant") for s in regime.steps_for(track)]
        self.opening = {
            s.key: f'{o.sep(_E)}"limit": {s.limit}{o.sep(_E)}"unit": {_encoded(s.unit)}'
            f'{o.sep(_E)}"from_event": {_encoded(s.from_event)}{o.sep(_E)}"from": "'
            for s in steps
        }
        self.closing = {
            s.key: f'{o.sep(_E)}"assumptions": {o.value(list(s.assumptions), _E)}'
            f'{o.sep(_E)}"row": {_encoded(s.row)}{o.close("}", _E)}'
            for s in steps
        }
        self.shared = {
            track: o.value(
                [{"id": i, "text": regime.assumption_text[i]} for i in _ids(regime, track)], _R
            )
            for track in ("emergency", "significant")
        }
        as_of = _encoded(settings.as_of.isoformat(timespec="minutes"))
        self.head = (
            f'{o.sep(_R)}"regime": {_encoded(regime.regime)}{o.sep(_R)}"reference": ',
            f'{o.sep(_R)}"as_of": {as_of}{o.sep(_R)}"time_zone": "Europe/London"'
            f'{o.sep(_R)}"events": {o.open("[", _R + 1)}',
        )
        self.tried = _listed_attempts(computed, self.reports, o)
        self.reference = _reference(self.steps, o)
        self.one_report = _one_report_texts(computed, case_frame, regime, calendar, settings, o)
        self.flagged = pl.Series(list(self.one_report), dtype=pl.UInt32)

    def blocks(self) -> list[tuple[int, int]]:
        """Where each block of reports starts and ends among the step rows."""
        rows = self.steps[_ROW]
        edges = [int(rows.search_sorted(r, "left")) for r in range(0, self.reports, _BLOCK)]
        return list(zip(edges, [*edges[1:], self.steps.height], strict=True))

    def block(
        self, start: int, end: int, lead: str = "", before: str = "", after: str = "\n"
    ) -> bytes:
        """The text of the reports whose steps are rows ``start`` to ``end``, each between
        ``before`` (``lead`` for the first) and ``after``."""
        import polars as pl

        part = self.steps.slice(start, end - start)
        part = part.with_columns(self.tried.gather(part[_ROW]).alias("\0tried"))
        first = (pl.col(_ROW) != pl.col(_ROW).shift(1)).fill_null(True)
        last = (pl.col(_ROW) != pl.col(_ROW).shift(-1)).fill_null(True)
        text = self._text(first, last)
        if self.one_report:
            mapping = {int(k): v for k, v in self.one_report.items()}
            theirs = pl.col(_ROW).replace_strict(mapping, default=None, return_dtype=pl.String)
            mine = pl.when(first).then(theirs).otherwise(pl.lit(""))
            text = pl.when(pl.col(_ROW).is_in(self.flagged.implode())).then(mine).otherwise(text)
        framed = pl.concat_str(
            pl.when(pl.int_range(pl.len()) == 0)
            .then(pl.lit(lead))
            .when(first)
            .then(pl.lit(before))
            .otherwise(pl.lit("")),
            text,
            pl.when(last).then(pl.lit(after)).otherwise(pl.lit("")),
        )
        joined = part.select(framed.alias("t")).to_series().str.join("")
        data: bytes = joined.cast(pl.Binary).item()
        return data

    def _text(self, first: pl.Expr, last: pl.Expr) -> pl.Expr:
        """Each step row's text: its report's head before its first step, its event, and
        its report's tail after its last."""
        import polars as pl

        o = self.layout
        head = pl.concat_str(
            pl.lit(o.open("{", _R) + '"line": '), pl.col("line").cast(pl.String),
            pl.lit(self.head[0]), self.reference,
            pl.lit(f'{o.sep(_R)}"track": "'), pl.col("track"),
            pl.lit(f'"{o.sep(_R)}"hazard": '), _maybe(pl.col("hazard")),
            pl.lit(f'{o.sep(_R)}"phase": '), pl.col("phase").cast(pl.String),
            pl.lit(f'{o.sep(_R)}"provisional": false{o.sep(_R)}"aware": "'), pl.col("aware"),
            pl.lit('"' + self.head[1]),
        )  # fmt: skip
        tail = pl.concat_str(
            pl.lit(f'{o.close("]", _R + 1)}{o.sep(_R)}"access_attempts": '), pl.col("\0tried"),
            pl.lit(f'{o.sep(_R)}"assumptions": '),
            pl.col("track").replace_strict(self.shared, return_dtype=pl.String),
            pl.lit(f'{o.sep(_R)}"warnings": []{o.close("}", _R)}'),
        )  # fmt: skip
        return pl.concat_str(
            pl.when(first).then(head).otherwise(pl.lit(o.sep(_R + 1))),
            self._event(),
            pl.when(last).then(tail).otherwise(pl.lit("")),
        )

    def _event(self) -> pl.Expr:
        import polars as pl

        o = self.layout
        step = pl.col("step")
        late = pl.concat_str(
            pl.lit(o.open("{", _E + 1) + '"amount": '), pl.col("late_by"),
            pl.lit(f'{o.sep(_E + 1)}"unit": "'), pl.col("late_unit"),
            pl.lit('"' + o.close("}", _E + 1)),
        )  # fmt: skip
        return pl.concat_str(
            pl.lit(o.open("{", _E) + '"key": "'), step,
            pl.lit(f'"{o.sep(_E)}"due": "'), pl.col("due"),
            pl.lit(f'"{o.sep(_E)}"done": '), _maybe(pl.col("done")),
            pl.lit(f'{o.sep(_E)}"done_by": '), _maybe(pl.col("done_by")),
            pl.lit(f'{o.sep(_E)}"status": "'), pl.col("status"),
            pl.lit(f'"{o.sep(_E)}"late_by": '), late.fill_null("null"),
            step.replace_strict(self.opening, return_dtype=pl.String), pl.col("from"),
            pl.lit(f'"{o.sep(_E)}"from_assumed": '), pl.col("from_assumed"),
            pl.lit(f'{o.sep(_E)}"alternative_due": '), _maybe(pl.col("alternative_due")),
            pl.lit(f'{o.sep(_E)}"clock_change": '),
            pl.when(pl.col("clock_change")).then(pl.lit("true")).otherwise(pl.lit("false")),
            pl.lit(f'{o.sep(_E)}"access_attempts": '),
            _strings(pl.col("access_attempts"), o, _E + 1),
            step.replace_strict(self.closing, return_dtype=pl.String),
        )  # fmt: skip


def _strings(joined: pl.Expr, o: Layout, depth: int) -> pl.Expr:
    """A list of chc's own texts (moments) as members at ``depth``, given joined by
    ``;``; ``[]`` for none."""
    import polars as pl

    listed = joined.str.replace_all(";", '"' + o.sep(depth) + '"', literal=True)
    quoted = pl.concat_str(
        pl.lit(o.open("[", depth) + '"'), listed, pl.lit('"' + o.close("]", depth))
    )
    return quoted.fill_null("[]")


def _maybe(text: pl.Expr) -> pl.Expr:
    """Text chc wrote itself (a date, an event's name), quoted, or ``null``."""
    import polars as pl

    return pl.concat_str(pl.lit('"'), text, pl.lit('"')).fill_null("null")


def _reference(steps: pl.DataFrame, o: Layout) -> pl.Expr:
    """The reference as the one-report path writes it: quoted as it is when every one of
    the log's is plain text, else each distinct one encoded by Python's own encoder."""
    import polars as pl

    refs = steps["reference"].unique()
    if not refs.has_nulls() and bool(refs.str.contains(_PLAIN).all()):
        return pl.concat_str(pl.lit('"'), pl.col("reference"), pl.lit('"'))
    mapping = {r: o.value(r, _R) for r in refs.drop_nulls().to_list()}
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


def _listed_attempts(computed: ColumnLog, reports: int, o: Layout) -> pl.Series:
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
        .agg(shown.str.join(";").alias("t"))
        .with_columns(pl.col(_ROW).cast(pl.UInt32))
    )
    laid = every.join(listed, on=_ROW, how="left").sort(_ROW)
    return laid.select(_strings(pl.col("t"), o, _R + 1))[:, 0]


def _one_report_texts(
    computed: ColumnLog,
    case_frame: CaseFrame,
    regime: Regime,
    calendar: WorkingCalendar,
    settings: Settings,
    o: Layout,
) -> dict[int, str]:
    """The text of the reports with a date after --as-of, by row, written by the
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
        out[index] = o.value(report_json(row.line, r), 0)
    return out


def document_parts(
    fast: FastLog, settings: Settings
) -> tuple[dict[str, object], dict[str, object]]:
    """What :func:`chc.hazards.log_output.log_json` puts before the reports, and after."""
    from chc.hazards.log_output import summary_json

    head: dict[str, object] = {
        "regime": fast.regime.regime,
        "file": fast.case_frame.path.name,
        "as_of": settings.as_of.isoformat(timespec="minutes"),
        "time_zone": "Europe/London",
        "count": fast.case_frame.frame.height,
    }
    return head, {"summary": summary_json(fast.computed.tally())}


def _written(blocks: Iterator[Callable[[], bytes]], out: BinaryIO) -> None:
    """Each block's text made on ``_BUILDERS`` threads (polars lets go of the GIL while it
    works), at most ``_AHEAD`` ahead of the one being written, and written in order."""
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=_BUILDERS, thread_name_prefix="chc-hazards") as pool:
        pending: deque[Future[bytes]] = deque()
        for make in blocks:
            pending.append(pool.submit(make))
            if len(pending) > _AHEAD:
                out.write(pending.popleft().result())
        while pending:
            out.write(pending.popleft().result())


def write_jsonl(lines: JsonLines, out: BinaryIO) -> None:
    """Every report's line, a block at a time."""
    _written((functools.partial(lines.block, a, b) for a, b in lines.blocks()), out)


def write_json(
    lines: JsonLines, head: dict[str, object], tail: dict[str, object], out: BinaryIO
) -> None:
    """The log's document (:func:`chc.hazards.log_output.log_json`): ``head``'s members,
    the reports a block at a time, then ``tail``'s, as :func:`chc.output.dumps_json`
    writes it (``lines`` laid out :data:`INDENTED`)."""
    opening = _encoded({**head, "reports": []}, True)
    out.write(opening[: opening.rindex("[")].encode() + b"[")
    between = ",\n    "  # each report four spaces in, after a comma
    blocks = lines.blocks()
    _written(
        (
            functools.partial(lines.block, a, b, "\n    " if i == 0 else between, between, "")
            for i, (a, b) in enumerate(blocks)
        ),
        out,
    )
    rest = _encoded({"reports": None, **tail}, True)
    out.write(b"\n  ]" + rest[rest.index(",\n") :].encode() + b"\n")
