"""Placing a case file's headers on chc's fields, and the ``--columns`` file.

A header matches a field when the two are equal once case, spaces, underscores, hyphens and
full stops are left out: ``Stage 1 Acknowledged``, ``STAGE1_ACKNOWLEDGED`` and
``stage1.acknowledged`` are all ``stage1_acknowledged``. A columns file maps any other
header to a field, and lists headers to leave alone under ``ignore:``.

A header that matches nothing but *resembles* a field the command reads (``Stage 1 Ack
Date``, ``S1 Response``, ``Recieved``) stops the run: read silently as "not there", it
would turn every stage 1 acknowledgement into an overdue one. Resemblance is decided by the
documented word list below (:data:`EVENT_WORDS`, :data:`FIELD_WORDS`) and by spelling
(difflib ratio of at least :data:`SPELLING_RATIO` to a field's name), never by guessing
which field a column is: the person maps it, or ignores it, in one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from chc.caseload.frame import FIELDS, STAGE_FIELD
from chc.errors import CaseError, InputError

ALL_FIELDS: tuple[str, ...] = (*FIELDS, STAGE_FIELD)

# Words that name an event of a stage; a header with a stage number and one of these
# resembles stage{n}_{event} (``S1 Ack Date``, ``Stage 2 Response Sent``).
EVENT_WORDS: dict[str, str] = {
    "ack": "acknowledged",
    "acked": "acknowledged",
    "acknowledge": "acknowledged",
    "acknowledged": "acknowledged",
    "acknowledgement": "acknowledged",
    "acknowledgment": "acknowledged",
    "response": "responded",
    "responded": "responded",
    "respond": "responded",
    "resp": "responded",
    "reply": "responded",
    "replied": "responded",
    "request": "requested",
    "requested": "requested",
    "escalated": "requested",
    "escalation": "requested",
    "ext": "extension",
    "extension": "extension",
    "extended": "extension",
}
# Words that, without a stage number, point at one field.
FIELD_WORDS: dict[str, str] = {
    "received": "received",
    "receipt": "received",
    "recd": "received",
    "ref": "reference",
    "reference": "reference",
    "refno": "reference",
    "refusal": "refused",
    "refused": "refused",
    "refuse": "refused",
    "remedy": "remedy_amount",
    "compensation": "remedy_amount",
    "determination": "ombudsman_determination",
    "ombudsman": "ombudsman_determination",
    "outcome": "outcome",
    "category": "category",
}
_STAGE_WORDS = frozenset({"stage", "stg", "s", "st"})
SPELLING_RATIO = 0.85

_SEPARATORS = re.compile(r"[\s_.\-]+")
_TOKENS = re.compile(r"[a-z]+|[0-9]+")


def normalise(header: str) -> str:
    """``'Stage 1_Acknowledged.'`` -> ``'stage1acknowledged'`` (case, spaces, _ - . dropped)."""
    return _SEPARATORS.sub("", header).lower()


_BY_NORMAL = {normalise(name): name for name in ALL_FIELDS}


def resembles(header: str, wanted: Iterable[str]) -> str | None:
    """The field of ``wanted`` that ``header`` looks like, or None (see the module notes)."""
    import difflib

    wanted = tuple(wanted)
    tokens = _TOKENS.findall(header.lower())
    stage = None
    for i, tok in enumerate(tokens):
        if tok in ("1", "2", "3") and (i > 0 and tokens[i - 1] in _STAGE_WORDS):
            stage = tok
    events = [EVENT_WORDS[t] for t in tokens if t in EVENT_WORDS]
    if stage is not None and events:
        name = f"stage{stage}_{events[0]}"
        if name in wanted:
            return name
    # A refusal header names one of three fields; "reason" and "policy" tell them apart.
    if "reason" in tokens and any(t.startswith("refus") for t in tokens):
        return "refusal_reason" if "refusal_reason" in wanted else None
    if "policy" in tokens and any(t.startswith("refus") for t in tokens):
        return "refusal_within_policy" if "refusal_within_policy" in wanted else None
    for tok in tokens:
        word = FIELD_WORDS.get(tok)
        if word is not None and word in wanted and stage is None:
            return word
    key = normalise(header)
    for name in wanted:
        if difflib.SequenceMatcher(None, key, normalise(name)).ratio() >= SPELLING_RATIO:
            return name
    return None


@dataclass(frozen=True)
class ColumnsFile:
    """A ``--columns`` file: field -> the export's header, and headers to ignore."""

    path: Path
    mapping: dict[str, str]
    lines: dict[str, int]
    ignore: tuple[str, ...] = ()


def load_columns(path: Path) -> ColumnsFile:
    """Read and check a columns file; every mistake is located in it."""
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
    for key, value in data.items():
        line, column = position(data, (key,))
        if key == "ignore":
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str | int) and str(v).strip() for v in items):
                raise InputError("ignore: list the headers to ignore", file=path, line=line)
            ignore.extend(str(v).strip() for v in items)
            continue
        if key not in ALL_FIELDS:
            raise InputError(
                f"{key!r} is not one of chc's fields: {', '.join(ALL_FIELDS)}, ignore",
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
    return ColumnsFile(path, mapping, lines, tuple(ignore))


@dataclass(frozen=True)
class Placement:
    """Which header (by 0-based position) feeds which field, and what is left out."""

    fields: dict[str, int]
    ignored: tuple[str, ...]


def _find(header: Sequence[str], wanted: str) -> int | None:
    for i, h in enumerate(header):
        if h.strip() == wanted:
            return i
    key = normalise(wanted)
    for i, h in enumerate(header):
        if normalise(h) == key:
            return i
    return None


def place(
    header: Sequence[str],
    path: Path,
    columns: ColumnsFile | None,
    used: Iterable[str],
) -> Placement:
    """Match ``header`` to the fields; a near miss on one of ``used`` is a located stop."""
    fields: dict[str, int] = {}
    taken: dict[int, str] = {}
    if columns is not None:
        for name, wanted in columns.mapping.items():
            i = _find(header, wanted)
            if i is None:
                raise InputError(
                    f"{name}: the header {wanted!r} is not in {path.name}; its headers are: "
                    + ", ".join(repr(h) for h in header),
                    file=columns.path,
                    line=columns.lines[name],
                )
            if i in taken:
                raise InputError(
                    f"{name}: the header {wanted!r} is already mapped to {taken[i]}",
                    file=columns.path,
                    line=columns.lines[name],
                )
            fields[name], taken[i] = i, name
    mapped = frozenset(fields)
    ignore = {normalise(h) for h in (columns.ignore if columns is not None else ())}
    for i, h in enumerate(header):
        if i in taken or normalise(h) in ignore:
            continue
        auto = _BY_NORMAL.get(normalise(h))
        if auto is None or auto in mapped:
            continue
        if auto in fields:
            raise CaseError(
                f"the columns {header[fields[auto]]!r} ({fields[auto] + 1}) and {h!r} ({i + 1}) "
                f"both match {auto}, which cannot be read twice; list the one to leave out "
                "under 'ignore:' in a --columns file",
                file=path,
                line=1,
                column=i + 1,
            )
        fields[auto], taken[i] = i, auto
    missing = [f for f in used if f not in fields]
    ignored: list[str] = []
    for i, h in enumerate(header):
        if i in taken:
            continue
        if normalise(h) not in ignore and h.strip():
            near = resembles(h, missing)
            if near is not None:
                raise CaseError(_near_miss(h, near), file=path, line=1, column=i + 1)
        ignored.append(h)
    return Placement(fields, tuple(ignored))


def _near_miss(header: str, field: str) -> str:
    return (
        f"the column {header!r} looks like {field} but does not match it; if it is, add "
        f"'{field}: {header}' to a --columns file, or list it under 'ignore:' if it is not"
    )
