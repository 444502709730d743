"""Exports with one row per stage: a complaint's rows combined into one.

Some case systems write a row for each stage a complaint reached, repeating the reference
and filling in only that stage's dates. With a ``stage`` column saying so, chc merges a
reference's rows: each field takes the one value its rows give. Two different values for
one field, or two rows for the same stage, stop the run naming both cells.

Others (Civica Cx, MRI) write the same generic columns on every row (``Stage Start Date,
Acknowledged Date, Response Date, Extension Days``): each is read as the event of the
row's own stage (:data:`chc.caseload.columns.ROUTES`), so that a stage 2 row's start is
the stage 2 request and its response the stage 2 response.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import LINE, STAGE_FIELD, BadRow
from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.columns import Placement


def combine_stage_rows(path: Path, rows: pl.DataFrame, fields: dict[str, int]) -> pl.DataFrame:
    """One row per reference, in the order of each complaint's first line."""
    import polars as pl

    _check_stages(path, rows, fields)
    values = [c for c in rows.columns if c not in (LINE, "reference", STAGE_FIELD)]
    grouped = rows.sort(LINE).group_by("reference", maintain_order=True)
    counts = grouped.agg(pl.col(c).drop_nulls().n_unique().alias(c) for c in values)
    clash = counts.filter(pl.any_horizontal(pl.col(c) > 1 for c in values))
    if clash.height:
        _raise_clash(path, rows, clash.row(0, named=True), values, fields)
    return grouped.agg(
        pl.col(LINE).first(),
        pl.col(STAGE_FIELD).first(),
        *(pl.col(c).drop_nulls().first() for c in values),
    ).select(rows.columns)


def _check_stages(path: Path, rows: pl.DataFrame, fields: dict[str, int]) -> None:
    import polars as pl

    stage = pl.col(STAGE_FIELD).str.to_lowercase().str.replace_all(r"[\s_.\-]+", "")
    keyed = rows.with_columns(stage.alias("_stage"))
    twice = keyed.filter(pl.struct("reference", "_stage").is_duplicated()).sort(LINE)
    if twice.height:
        first = twice.row(0, named=True)
        same = twice.filter(
            (pl.col("reference") == first["reference"]) & (pl.col("_stage") == first["_stage"])
        )
        lines = same[LINE].to_list()
        raise CaseError(
            f"the reference {first['reference']!r} has two rows for stage "
            f"{first[STAGE_FIELD]!r}, on lines {lines[0]} and {lines[1]}; remove the one "
            "that is wrong, or correct its stage",
            file=path,
            line=lines[1],
            column=fields[STAGE_FIELD] + 1,
        )


def _raise_clash(
    path: Path,
    rows: pl.DataFrame,
    counts: dict[str, object],
    values: list[str],
    fields: dict[str, int],
) -> None:
    import polars as pl

    ref = counts["reference"]
    name = next(c for c in values if _over_one(counts[c]))
    given = rows.filter((pl.col("reference") == ref) & pl.col(name).is_not_null()).sort(LINE)
    (line1, value1), *rest = given.select(LINE, name).iter_rows()
    line2, value2 = next((ln, v) for ln, v in rest if v != value1)
    raise CaseError(
        f"{name}: the reference {ref!r} has {value1} on line {line1} and {value2} on line "
        f"{line2}; a complaint's stage rows must agree: correct the one that is wrong",
        file=path,
        line=line2,
        column=fields[name] + 1,
    )


def _over_one(count: object) -> bool:
    return isinstance(count, int) and count > 1


# --- generic columns, read by each row's stage -------------------------------------------------

_STAGE_DIGIT = r"(?:^|[^0-9])([1-3])(?:[^0-9]|$)"
_STAGE_WORD = r"\b(one|two|three)\b"


def stage_number(cell: pl.Expr) -> pl.Expr:
    """The stage a row's stage cell names (``Stage 1``, ``2``, ``Stage Two``), or null."""
    import polars as pl

    text = cell.str.to_lowercase()
    word = text.str.extract(_STAGE_WORD, 1).replace_strict(
        {"one": 1, "two": 2, "three": 3}, default=None, return_dtype=pl.Int64
    )
    return pl.coalesce(text.str.extract(_STAGE_DIGIT, 1).cast(pl.Int64, strict=False), word)


def routed_text(placement: Placement) -> dict[str, pl.Expr]:
    """Each field a generic stage-row column gives: its cell on the rows of that stage."""
    import polars as pl

    from chc.caseload.columns import ROUTES

    number = stage_number(pl.col(f"c{placement.fields[STAGE_FIELD]}"))
    text: dict[str, pl.Expr] = {}
    for event, i in placement.by_stage.items():
        cell = pl.col(f"c{i}").str.strip_chars()
        cell = pl.when(cell != "").then(cell)
        for n, name in ROUTES[event].items():
            text[name] = pl.when(number == n).then(cell)
    return text


def routing_errors(
    rows: pl.DataFrame, placement: Placement, header: Sequence[str]
) -> list[tuple[int, int, str]]:
    """Cells of a generic stage-row column on a row whose stage chc cannot read, or whose
    stage has no such event: left unread they would be silently lost."""
    import polars as pl

    from chc.caseload.columns import ROUTES

    stage_column = placement.fields[STAGE_FIELD]
    number = stage_number(pl.col(f"c{stage_column}"))
    found: list[tuple[int, int, str]] = []
    for event, i in placement.by_stage.items():
        cell = pl.col(f"c{i}").str.strip_chars()
        stages = list(ROUTES[event])
        wrong = rows.filter((cell != "") & (number.is_null() | ~number.is_in(stages))).select(
            LINE, pl.col(f"c{stage_column}").alias("stage"), number.alias("n")
        )
        for line, stage, n in wrong.iter_rows():
            if n is None:
                message = (
                    f"stage: the row gives {header[i]!r} but its stage {stage!r} is not "
                    "stage 1, 2 or 3; write the stage as 'Stage 1', 'Stage 2' or 'Stage 3'"
                )
                found.append((line, stage_column + 1, message))
            else:
                message = (
                    f"{header[i]!r}: chc has no stage {n} {event} date (stage {n} has "
                    f"{', '.join(f for f in _stage_fields(n))}); leave the cell empty, or "
                    "check the row's stage"
                )
                found.append((line, i + 1, message))
    return found


def _stage_fields(n: int) -> list[str]:
    from chc.caseload.columns import ROUTES

    return [names[n] for names in ROUTES.values() if n in names]


def without_receipt(
    path: Path, rows: pl.DataFrame, fields: dict[str, int], bad: list[BadRow], skip: bool
) -> pl.DataFrame:
    """Complaints whose receipt comes from their stage 1 row's start and that have none:
    every timescale counts from it. An error at the complaint's line (or, skipping bad
    rows, the complaint set aside)."""
    import polars as pl

    missing = rows.filter(pl.col("received").is_null()).sort(LINE)
    if missing.height == 0:
        return rows
    found = [
        BadRow(
            line,
            fields["received"] + 1,
            f"received: the complaint {ref!r} has no stage 1 row with its start date; chc "
            "counts every timescale from the day a complaint was received: add its stage 1 "
            "row, or its date",
        )
        for line, ref in missing.select(LINE, "reference").iter_rows()
    ]
    if not skip:
        first = found[0]
        raise CaseError(first.message, file=path, line=first.line, column=first.column)
    bad.extend(found)
    return rows.filter(pl.col("received").is_not_null())
