"""The columns file chc suggests (``--suggest-columns``) for a case file it cannot place
whole: what it placed, each near miss mapped to the field it resembles, each other unused
event or date column left out with the fields it may be beside it, every guess marked
for the person to check."""

from __future__ import annotations

import json
from collections.abc import Sequence

from chc.caseload.columns import Placement
from chc.caseload.columns_file import STAGE_KEYS, ColumnsFile


def _quoted(text: str) -> str:
    """A YAML scalar for ``text`` whatever it holds (a JSON string is a YAML one)."""
    return json.dumps(text, ensure_ascii=False)


def suggested(
    name: str, header: Sequence[str], placement: Placement, columns: ColumnsFile | None
) -> str:
    """The columns file that would read the file: what chc placed, each near miss mapped
    to the field it resembles, each other unused event or date column left out with the
    fields it may be beside it. Every suggestion is marked for the person to check."""
    lines = [
        f"# A columns file for {name}, suggested by chc: check each line marked 'check',",
        "# then pass it back with --columns FILE.",
    ]
    placed = [(i, f) for f, i in placement.fields.items()]
    for key, event in STAGE_KEYS.items():
        if event in placement.by_stage:
            placed.append((placement.by_stage[event], key))
    for i, key in sorted(placed):
        lines.append(f"{key}: {_quoted(header[i])}")
    left_out: list[tuple[str, str]] = [(h, "") for h in (columns.ignore if columns else ())]
    for problem in placement.problems:
        if problem.field is not None and problem.column is not None:
            lines.append(f"{problem.field}: {_quoted(header[problem.column - 1])}  # check")
        elif problem.column is not None:
            maybe = " or ".join(problem.candidates) or "none of chc's fields"
            note = f"  # check: it may be {maybe}; map it instead if so"
            left_out.append((header[problem.column - 1], note))
    if columns is not None and columns.fold_references:
        lines.append("references: case-insensitive")
    if left_out:
        lines.append("ignore:")
        seen: set[str] = set()
        for h, note in left_out:
            if h not in seen:
                seen.add(h)
                lines.append(f"  - {_quoted(h)}{note}")
    return "\n".join(lines) + "\n"
