"""The ``--columns`` file: chc's fields mapped to an export's own headers, the headers to
leave out, how references compare; and the file chc suggests (``--suggest-columns``).

```yaml
reference: Complaint Ref
received: Date Received
stage_acknowledged: Acknowledged Date     # a one-row-per-stage export: each row's stage
ignore: [Officer, Notes]
references: case-insensitive              # HC-000456 and hc-000456 are one complaint
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chc.caseload.frame import FIELDS, STAGE_FIELD
from chc.errors import InputError

ROW_EVENTS: tuple[str, ...] = ("start", "acknowledged", "extension", "responded")
"""The events a one-row-per-stage export gives without a stage number: each row's stage's."""
STAGE_KEYS: dict[str, str] = {f"stage_{event}": event for event in ROW_EVENTS}
"""The columns file's keys for them (``stage_acknowledged: Acknowledged Date``)."""
ALL_FIELDS: tuple[str, ...] = (*FIELDS, STAGE_FIELD)
KEYS: tuple[str, ...] = (*ALL_FIELDS, *STAGE_KEYS)
REFERENCE_MODES = ("exact", "case-insensitive")


@dataclass(frozen=True)
class ColumnsFile:
    """A ``--columns`` file: field -> the export's header, and headers to ignore."""

    path: Path
    mapping: dict[str, str]
    lines: dict[str, int]
    ignore: tuple[str, ...] = ()
    fold_references: bool = False
    """``references: case-insensitive``: references equal but for case or surrounding
    spaces are one complaint (by default they stop the run)."""


def load_columns(path: Path, keys: tuple[str, ...] = KEYS) -> ColumnsFile:
    """Read and check a columns file mapping ``keys`` (a complaints file's by default);
    every mistake is located in it."""
    from chc.yamlio import load_yaml, position

    data = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            "a columns file is a mapping, e.g. 'reference: Complaint Ref'", file=path, line=1
        )
    mapping: dict[str, str] = {}
    lines: dict[str, int] = {}
    ignore: list[str] = []
    fold = False
    for key, value in data.items():
        line, column = position(data, (key,))
        if key == "ignore":
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str | int) and str(v).strip() for v in items):
                raise InputError("ignore: list the headers to ignore", file=path, line=line)
            ignore.extend(str(v).strip() for v in items)
            continue
        if key == "references":
            if value not in REFERENCE_MODES:
                raise InputError(
                    f"references: {value!r} is not one of {', '.join(REFERENCE_MODES)}",
                    file=path,
                    line=line,
                    column=column,
                )
            fold = value == "case-insensitive"
            continue
        if key not in keys:
            raise InputError(
                f"{key!r} is not one of chc's fields: {', '.join(keys)}, ignore, references",
                file=path,
                line=line,
                column=column,
            )
        if not isinstance(value, str | int) or not str(value).strip():
            raise InputError(
                f"{key}: give the header as the file spells it", file=path, line=line, column=column
            )
        mapping[str(key)] = str(value).strip()
        lines[str(key)] = line or 1
    return ColumnsFile(path, mapping, lines, tuple(ignore), fold)
