"""The text view of a log laid out from polars columns: the fast path of
``chc hazards --cases --format text``.

The same view as :func:`chc.terminal.hazard_log.log_view` (the same lists, lines, words and
order), made from the columnar path's steps (:class:`chc.hazards.columns.ColumnLog`) a
block of steps at a time, so a log of 100,000 reports streams in bounded memory. Without
colour (a file, a pipe) a step's lines are plain text made a column at a time, wrapped as
rich wraps them: a line of printable ASCII is cut where rich cuts a line of the same shape
(its spaces where they are, every other character one cell), found once per shape by rich
itself; any other line is rendered by rich, row by row. With colour each step's lines are
rich Text, as the one-report path builds them. An agreement test holds the view equal to
the one-report path's, byte for byte.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeAlias

from rich.text import Text

from chc import inert
from chc.hazards.columns import _KEY, LONDON
from chc.hazards.words import STATUS_WORDS, step_words
from chc.terminal.console import plain
from chc.terminal.hazard_log import _SECTIONS, _SOON, SOON_DAYS, totals
from chc.terminal.hazards import when

if TYPE_CHECKING:
    import polars as pl
    from rich.console import RenderableType

    from chc.hazards.columns import FastLog
    from chc.hazards.report import Settings

Piece: TypeAlias = "RenderableType | str"
"""What :func:`view_pieces` yields: a rich renderable, or plain text already laid out."""
_READ = ("reference", "step", "status", "\0due at", "\0due day", "done", "late_by",
         "late_unit", "access_attempts")  # fmt: skip
"""The step columns the view reads."""
_BLOCK = 20_000
"""Steps per block of text."""
_PRINTABLE = r"^[\x20-\x7e]*$"


def _when(at: pl.Expr, day: pl.Expr) -> pl.Expr:
    """:func:`chc.terminal.hazards.when`: a UTC instant in UK time with its zone's name,
    else a date."""
    import polars as pl

    local = at.dt.convert_time_zone(LONDON)
    timed = local.dt.strftime("%a %d %b %Y %H:%M %Z")
    return pl.when(at.is_not_null()).then(timed).otherwise(day.dt.strftime("%a %d %b %Y"))


def _when_iso(text: pl.Expr) -> pl.Expr:
    """``when`` of a moment as the columns give it (``Moment.iso()``: UK time with its
    offset, to the minute, or a date)."""
    import polars as pl

    at = text.str.to_datetime("%Y-%m-%dT%H:%M%:z", strict=False, time_zone="UTC")
    day = text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    return _when(pl.when(text.str.len_chars() > 10).then(at), day)


def _late_words() -> pl.Expr:
    """:func:`chc.terminal.hazards.late_words`, from the ``late_by`` and ``late_unit``."""
    import polars as pl

    amount = pl.col("late_by").cast(pl.Float64)
    minutes = (amount * 60).round(0).cast(pl.Int64)
    hours, rest = minutes // 60, minutes % 60
    in_hours = pl.concat_str(
        pl.lit(" by "), hours.cast(pl.String), pl.lit(" h"),
        pl.when(rest > 0).then(pl.lit(" ") + rest.cast(pl.String).str.zfill(2) + " min")
        .otherwise(pl.lit("")),
    )  # fmt: skip
    n = amount.cast(pl.Int64)
    in_days = (
        pl.when(n == 0).then(pl.lit(" (past its day; no working day since)"))
        .otherwise(pl.lit(" by ") + n.cast(pl.String) + " working day"
                   + pl.when(n != 1).then(pl.lit("s")).otherwise(pl.lit("")))
    )  # fmt: skip
    unit = pl.col("late_unit")
    return (
        pl.when(unit.is_null()).then(pl.lit(""))
        .when(unit == "hours").then(in_hours).otherwise(in_days)
    )  # fmt: skip


def _attempts_words() -> pl.Expr:
    """:func:`chc.terminal.hazards.attempts_words`, from ``access_attempts`` (``;``-joined)."""
    import polars as pl

    listed = pl.col("access_attempts").str.split(";")
    n = listed.list.len().fill_null(0)
    shown = listed.list.eval(_when_iso(pl.element())).list.join(", ")
    some = pl.concat_str(
        pl.lit("    Deadline missed; "), n.cast(pl.String), pl.lit(" access attempt"),
        pl.when(n != 1).then(pl.lit("s")).otherwise(pl.lit("")),
        pl.lit(" recorded by then ("), shown,
        pl.lit("). They do not pause the clock, but may help show that all reasonable "
               "steps were taken."),
    )  # fmt: skip
    return (
        pl.when(n == 0)
        .then(pl.lit("    Deadline missed; no access attempts recorded by then."))
        .otherwise(some)
    )


def _step_columns(steps: pl.DataFrame) -> pl.DataFrame:
    """Each listed step's parts, as :func:`chc.terminal.hazard_log._line` words them."""
    import polars as pl

    # Not made inert here, as the one-report view does not: the console's net does it.
    words = {k: step_words(k) for k in steps["step"].unique().to_list()}
    status = pl.col("status")
    missed = status.is_in(["late", "overdue"])
    reference = pl.col("reference")
    return steps.select(
        reference.alias("ref"),
        reference.str.contains(_PRINTABLE).alias("plain"),
        (pl.lit("  ") + pl.col("step").replace_strict(words, return_dtype=pl.String))
        .alias("words"),
        (pl.lit("    due ") + _when(pl.col("\0due at"), pl.col("\0due day")) + "  ")
        .alias("head"),
        (status.replace_strict(STATUS_WORDS, return_dtype=pl.String) + _late_words())
        .alias("status_words"),
        missed.alias("red"),
        pl.when((status == "late") & pl.col("done").is_not_null())
        .then(pl.lit("    done ") + _when_iso(pl.col("done"))).alias("done_line"),
        pl.when(missed).then(_attempts_words()).alias("attempts_line"),
    )  # fmt: skip


def _texts(row: dict[str, object]) -> list[RenderableType]:
    """A step's lines as rich Text, as :func:`chc.terminal.hazard_log._line` builds them."""
    ref = inert.line(str(row["ref"]))
    lines: list[RenderableType] = [Text.assemble((ref, "bold"), str(row["words"]))]
    text = Text(str(row["head"]))
    text.append(str(row["status_words"]), style="bold red" if row["red"] else "yellow")
    lines.append(text)
    if row["done_line"] is not None:
        lines.append(Text(str(row["done_line"])))
    if row["attempts_line"] is not None:
        lines.append(Text(str(row["attempts_line"]), style="yellow"))
    return lines


def rendered(renderable: RenderableType, width: int) -> str:
    """What a plain console ``width`` wide prints for ``renderable``."""
    out = io.StringIO()
    plain(out, width).print(renderable)
    return out.getvalue()


@functools.cache
def _cuts(shape: str, width: int) -> tuple[tuple[int, int], ...] | None:
    """Where rich cuts a line of this shape (its words' lengths, one space apart): each
    printed line's start and end in it; None where its lines are not pieces of the line,
    in order."""
    line = " ".join("x" * int(n) for n in shape.split(" "))
    printed = rendered(Text(line), width).split("\n")[:-1]
    cuts, at = [], 0
    for i, piece in enumerate(printed):
        if i:
            while at < len(line) and line[at] == " " and not piece.startswith(" "):
                at += 1
        if line[at : at + len(piece)] != piece:
            return None
        cuts.append((at, at + len(piece)))
        at += len(piece)
    return tuple(cuts) if at == len(line) else None


def _wrapped(lines: pl.Series, width: int) -> pl.Series:
    """Each line (null: none) as rich prints it ``width`` wide, with its newline."""
    import polars as pl

    plain_ = lines.str.contains(_PRINTABLE)
    fits = lines.str.len_chars() <= width
    out = pl.select(pl.when(fits & plain_).then(lines + "\n")).to_series()
    long = (~fits & plain_).arg_true()
    if long.len():
        # A line's shape: its words' lengths (a split, several times cheaper than a regex
        # that replaces each character).
        some = lines.gather(long)
        lengths = some.str.split(" ").list.eval(pl.element().str.len_chars().cast(pl.String))
        shaped = pl.DataFrame({"i": long, "line": some, "shape": lengths.list.join(" ")})
        done_rows = []
        for shape, group in shaped.group_by("shape"):
            cuts = _cuts(str(shape[0]), width)
            if cuts is not None:
                text = pl.concat_str(*(pl.col("line").str.slice(a, b - a) + "\n" for a, b in cuts))
                done_rows.append(group.select("i", text.alias("out")))
        if done_rows:
            done = pl.concat(done_rows)
            out = out.scatter(done["i"], done["out"])
    odd = (out.is_null() & lines.is_not_null()).arg_true()
    if odd.len():
        # The reference in a line is made inert already; the rest is as the view words it.
        by_rich = [rendered(Text(v), width) for v in lines.gather(odd).to_list()]
        out = out.scatter(odd, pl.Series(by_rich, dtype=pl.String))
    return out.fill_null("")


def _plain_block(parts: pl.DataFrame, width: int) -> str:
    """A block of listed steps as plain text, ``width`` wide."""
    import polars as pl

    odd = (~parts["plain"]).arg_true()
    first = parts["ref"] + parts["words"]
    if odd.len():  # a reference to make inert: the one-report path's function
        fixed = [inert.line(v) for v in parts["ref"].gather(odd).to_list()]
        first = first.scatter(odd, pl.Series(fixed) + parts["words"].gather(odd))
    columns = [
        _wrapped(first, width),
        _wrapped(parts["head"] + parts["status_words"], width),
        _wrapped(parts["done_line"], width),
        _wrapped(parts["attempts_line"], width),
    ]
    joined = pl.DataFrame({str(i): c for i, c in enumerate(columns)}).select(
        pl.concat_str(pl.all()).str.join("")
    )
    return str(joined.item())


def view_pieces(fast: FastLog, settings: Settings, width: int, colour: bool) -> Iterator[Piece]:
    """The log's view, in order: rich renderables (a heading, a total) and, without colour,
    blocks of steps as the plain text a console ``width`` wide prints for them."""
    import polars as pl

    as_of = settings.as_of
    name = inert.line(fast.case_frame.path.name)
    yield Text(f"Hazard log {name}: Awaab's Law deadlines as of {when(as_of)}.", style="bold")
    yield Text(
        "Times are UK time (Europe/London). Working days are Monday to Friday less "
        "England and Wales bank holidays.",
        style="dim",
    )
    soon = fast.calendar.add(as_of.date(), SOON_DAYS)
    # Only the columns a step's lines read are filtered and sorted (the steps have 25).
    steps = fast.computed.steps.select(_KEY, *_READ)
    status = pl.col("status")
    sections = {
        _SECTIONS["overdue"]: status == "overdue",
        _SECTIONS["late"]: status == "late",
        _SOON: (status == "due") & (pl.col("\0due day") <= soon),
    }
    for title, chosen in sections.items():
        found = steps.filter(chosen).sort("\0due day", _KEY)
        if not found.height:
            continue
        yield Text(f"\n{title} ({found.height})", style="bold")
        for start in range(0, found.height, _BLOCK):
            parts = _step_columns(found.slice(start, _BLOCK))
            if colour:
                for row in parts.iter_rows(named=True):
                    yield from _texts(row)
            else:
                yield _plain_block(parts, width)
    yield Text("\n" + totals(fast.computed.tally()))
    texts = _assumption_texts(fast)
    if texts:
        yield Text("\nWhat these dates rest on", style="bold")
        yield from (Text(f"  - {text}", style="dim") for text in texts.values())


def _assumption_texts(fast: FastLog) -> dict[str, str]:
    """Every report's assumptions, each once, in the order the log first gives them (a
    report the columnar path takes has its track's steps' assumptions)."""
    from chc.hazards.log_lines import _ids

    regime = fast.regime
    tracks = fast.computed.steps["track"].unique(maintain_order=True).to_list()
    return {i: regime.assumption_text[i] for track in tracks for i in _ids(regime, track)}


_SAFE_BYTES = bytes([*range(0x20, 0x7F), 0x0A])


def inert_text(piece: str) -> str:
    """:func:`chc.inert.text` (the net every text output passes), with a fast answer for
    printable ASCII and newlines: one ``bytes.translate`` over a block of text, where the
    regex scans it (0.3 s on a 100,000-row log's view)."""
    if piece.isascii() and not piece.encode("ascii").translate(None, _SAFE_BYTES):
        return piece
    return inert.text(piece)
