"""The report's extra caseload columns (outcome, category, refusal, remedy), read and checked.

``chc.caseload`` reads only the columns every command needs and passes the rest through;
the report validates its own here, so a bad cell is reported at its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from chc.caseload.frame import REPORT_FIELDS
from chc.errors import CaseError

if TYPE_CHECKING:
    import polars as pl

OUTCOMES = ("upheld", "partly upheld", "not upheld", "withdrawn")
_OUTCOME_WORDS = {
    "upheld": "upheld",
    "partly upheld": "partly upheld",
    "partially upheld": "partly upheld",
    "part upheld": "partly upheld",
    "not upheld": "not upheld",
    "withdrawn": "withdrawn",
}
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True)
class Facts:
    """What the report reads from a row's extra columns, validated."""

    category: str | None = None
    outcome: str | None = None
    refused: bool = False
    refusal_reason: str | None = None
    refusal_within_policy: bool | None = None
    remedy: Decimal | None = None
    determination: str | None = None


def _yes_no(value: str) -> bool | None:
    text = value.strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"{value!r} is not yes or no")


def parse_facts(path: Path, columns: dict[str, int], line: int, extra: dict[str, str]) -> Facts:
    """The report's columns of one row; a bad cell is a CaseError at its line and column."""

    def bad(name: str, message: str) -> CaseError:
        return CaseError(f"{name}: {message}", file=path, line=line, column=columns.get(name))

    outcome = None
    raw = extra.get("outcome", "")
    if raw:
        words = " ".join(raw.lower().replace("-", " ").replace("_", " ").split())
        outcome = _OUTCOME_WORDS.get(words)
        if outcome is None:
            raise bad("outcome", f"{raw!r} is not one of: {', '.join(OUTCOMES)}")
    flags: dict[str, bool | None] = {}
    for name in ("refused", "refusal_within_policy"):
        try:
            flags[name] = _yes_no(extra.get(name, ""))
        except ValueError as err:
            raise bad(name, f"{err}; write yes or no (or leave it empty)") from None
    refused = bool(flags["refused"])
    reason = extra.get("refusal_reason") or None
    if not refused:
        for name, given in (
            ("refusal_reason", reason is not None),
            ("refusal_within_policy", flags["refusal_within_policy"] is not None),
        ):
            if given:
                raise bad(name, "is given but refused is not yes")
    remedy = None
    raw = extra.get("remedy_amount", "")
    if raw:
        text = raw.replace("£", "").replace(",", "").strip()
        if not re.fullmatch(AMOUNT, text):
            raise bad("remedy_amount", f"{raw!r} is not an amount of money, e.g. 150.00")
        remedy = Decimal(text)
    return Facts(
        category=extra.get("category") or None,
        outcome=outcome,
        refused=refused,
        refusal_reason=reason,
        refusal_within_policy=flags["refusal_within_policy"],
        remedy=remedy,
        determination=extra.get("ombudsman_determination") or None,
    )


def facts_frame(cases: pl.DataFrame, path: Path, columns: dict[str, int]) -> pl.DataFrame:
    """The report's columns of every complaint, validated and normalised, keyed by ``case``.

    The checks run over whole columns; the first row any of them refuses (in file order) is
    explained by :func:`parse_facts`, so the message is the one a row-by-row reading gives.
    """
    import polars as pl

    def yes_no(name: str) -> pl.Expr:
        text = pl.col(name).str.strip_chars().str.to_lowercase()
        return pl.when(text.is_in(list(_YES))).then(True).when(text.is_in(list(_NO))).then(False)

    outcome = (
        pl.col("outcome")
        .str.to_lowercase()
        .str.replace_all(r"[-_]", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .replace_strict(_OUTCOME_WORDS, default=None, return_dtype=pl.String)
    )
    amount = pl.col("remedy_amount").str.replace_all(r"[£,]", "").str.strip_chars()
    out = cases.select(
        "case",
        "line",
        outcome=outcome,
        refused=yes_no("refused"),
        within_policy=yes_no("refusal_within_policy"),
        refusal_reason=pl.col("refusal_reason"),
        category=pl.col("category"),
        determination=pl.col("ombudsman_determination"),
        remedy=amount,
    )
    given = {name: cases[name].is_not_null() for name in REPORT_COLUMNS}
    refused = out["refused"].fill_null(False)
    bad = (
        (given["outcome"] & out["outcome"].is_null())
        | (given["refused"] & out["refused"].is_null())
        | (given["refusal_within_policy"] & out["within_policy"].is_null())
        | (~refused & (given["refusal_reason"] | given["refusal_within_policy"]))
        | (given["remedy_amount"] & ~out["remedy"].str.contains(AMOUNT).fill_null(False))
    )
    failing = out.filter(bad)
    if failing.height:
        first = failing.sort("line").row(0, named=True)
        row = cases.filter(pl.col("case") == first["case"]).row(0, named=True)
        extra = {name: row[name] or "" for name in REPORT_COLUMNS}
        parse_facts(path, columns, first["line"], extra)
        raise AssertionError(f"line {first['line']}: the column checks and parse_facts disagree")
    return out.drop("line").with_columns(refused=refused)


REPORT_COLUMNS = REPORT_FIELDS
# A remedy amount: pounds and pence, below a trillion pounds (so no amount can overflow).
AMOUNT = r"^\d{1,12}(\.\d{1,2})?$"
