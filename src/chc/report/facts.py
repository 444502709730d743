"""The report's extra caseload columns (outcome, category, refusal, remedy), read and checked.

``chc.caseload`` reads only the columns every command needs and passes the rest through;
the report validates its own here, so a bad cell is reported at its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from chc.errors import CaseError

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


def parse_facts(path: Path, header: list[str], line: int, extra: dict[str, str]) -> Facts:
    """The report's columns of one row; a bad cell is a CaseError at its line and column."""

    def bad(name: str, message: str) -> CaseError:
        return CaseError(f"{name}: {message}", file=path, line=line, column=header.index(name) + 1)

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
        try:
            remedy = Decimal(text)
        except InvalidOperation:
            raise bad("remedy_amount", f"{raw!r} is not an amount of money, e.g. 150.00") from None
        if not remedy.is_finite() or remedy < 0:
            raise bad("remedy_amount", f"{raw!r} is not an amount of money, e.g. 150.00")
    return Facts(
        category=extra.get("category") or None,
        outcome=outcome,
        refused=refused,
        refusal_reason=reason,
        refusal_within_policy=flags["refusal_within_policy"],
        remedy=remedy,
        determination=extra.get("ombudsman_determination") or None,
    )
