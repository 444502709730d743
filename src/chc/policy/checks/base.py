"""What every check kind returns, and the wording they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

OutcomeStatus = Literal["pass", "fail", "review", "not_stated"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Outcome:
    """What one check found; the caller turns it into a located Finding.

    ``review`` is a failure that rests on an unverified reading of the Code or on a rule
    worded "should": it is printed with its ``assumption`` and counts only under --strict.
    ``notes`` are the Code data's notes the rule rests on; ``ref`` is the policy's own
    section number for the value judged, where the policy file gives one.
    """

    status: OutcomeStatus
    message: str
    expected: str
    found: str | None = None
    loc: Loc = ()
    fix: str | None = None
    assumption: str | None = None
    notes: tuple[str, ...] = ()
    ref: str | None = None


def yaml_value(value: object) -> str:
    """A value as the policy file would spell it (true, not True)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def yaml_path(loc: Loc) -> str:
    """``("stages", 0, "respond")`` as a person reads it: ``stages[0].respond``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def section_words(ref: str) -> str:
    """A policy's own section number as a person says it: "5.3", "section 4"."""
    return ref if "." in ref or not ref.isdigit() else f"section {ref}"


def your(refs: Mapping[str, str], field: str) -> str:
    """How advice names the place in the policy: "your 5.3", else "the policy"."""
    ref = refs.get(field)
    return f"your {section_words(ref)}" if ref else "the policy"


def key_words(loc: Loc) -> str:
    """``("stages", 1, "respond")`` as a person finds it in the file: "stage 2, respond"
    (stages counted from 1, as the policy counts them, never a list index)."""
    if len(loc) >= 2 and loc[0] == "stages" and isinstance(loc[1], int):
        rest = yaml_path(loc[2:])
        return f"stage {loc[1] + 1}" + (f", {rest}" if rest else "")
    return yaml_path(loc)


def fix(advice: str, loc: Loc, value: str) -> str:
    """Advice in the policy's terms first, the policy file's key second."""
    return f"{advice} (policy file: {key_words(loc)}: {value})"


def join_assumptions(items: list[str]) -> str | None:
    return "; ".join(items) or None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
