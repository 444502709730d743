"""Exports with one row per stage: a complaint's rows combined into one.

Some case systems write a row for each stage a complaint reached, repeating the reference
and filling in only that stage's dates. With a ``stage`` column saying so, chc merges a
reference's rows: each field takes the one value its rows give. Two different values for
one field, or two rows for the same stage, stop the run naming both cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import LINE, STAGE_FIELD
from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl


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
            f"{first[STAGE_FIELD]!r}, on lines {lines[0]} and {lines[1]}",
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
        f"{line2}; a complaint's stage rows must agree",
        file=path,
        line=line2,
        column=fields[name] + 1,
    )


def _over_one(count: object) -> bool:
    return isinstance(count, int) and count > 1
