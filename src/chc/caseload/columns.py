"""Placing a case file's headers on chc's fields.

A header matches a field when the two are equal once case, spaces, underscores, hyphens and
full stops are left out: ``Stage 1 Acknowledged``, ``STAGE1_ACKNOWLEDGED`` and
``stage1.acknowledged`` are all ``stage1_acknowledged``. A columns file
(:mod:`chc.caseload.columns_file`) maps any other header to a field, and lists headers to
leave alone under ``ignore:``. The common generic headers (``Date Acknowledged``,
``Response Date``) are read by the file's shape (:data:`GENERIC`): stage 1's in a flat
log, each row's stage's in a one-row-per-stage export (:data:`ROUTES`).

A header that matches nothing but *resembles* a field the command reads (``Stage 1 Ack
Date``, ``S1 Response``, ``Recieved``) stops the run: read silently as "not there", it
would turn every stage 1 acknowledgement into an overdue one. Resemblance is decided by the
documented word list below (:data:`EVENT_WORDS`, :data:`FIELD_WORDS`) and by spelling
(difflib ratio of at least :data:`SPELLING_RATIO` to a field's name), never by guessing
which field a column is: the person maps it, or ignores it, in one line. So does a column
no field takes whose header names a complaint event (:data:`_EVENT_STEMS`); one whose
cells are dates is found by the reader. Every such column is a :class:`Problem` of the
placement, and the reader stops on them all in one message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chc.caseload.columns_file import STAGE_KEYS, ColumnsFile
from chc.caseload.fields import FieldTable
from chc.caseload.frame import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    REPORT_FIELDS,
    REQUIRED,
    STAGE_FIELD,
    TEXT_FIELDS,
)

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


def by_normal(table: FieldTable) -> dict[str, str]:
    """Each header that places itself on a field, normalised: the field's own name, then
    the table's aliases."""
    found = {normalise(alias): name for alias, name in table.aliases.items()}
    found.update({normalise(name): name for name in table.all_fields})
    return found


def resembles(
    header: str, wanted: Iterable[str], words: Mapping[str, str] | None = None
) -> str | None:
    """The field of ``wanted`` that ``header`` looks like, or None (see the module notes);
    ``words``: the table's own :data:`FIELD_WORDS`."""
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
        word = (FIELD_WORDS if words is None else words).get(tok)
        if word is not None and word in wanted and stage is None:
            return word
    key = normalise(header)
    for name in wanted:
        if difflib.SequenceMatcher(None, key, normalise(name)).ratio() >= SPELLING_RATIO:
            return name
    return None


# The common generic headers: no stage number, one event (normalised header -> event).
# In a file with a stage column they are each row's stage's event (see ROUTES); in a file
# with neither a stage column nor stage numbers in its headers, those of FLAT are stage 1's
# (and the escalation stage 2's request). Anywhere else they stop the run, as unused.
_GENERIC_NAMES: dict[str, str] = {
    "start": "stagestartdate stagestart startdate stagereceived stagereceiveddate requested "
    "daterequested requesteddate stagerequested",
    "acknowledged": "acknowledged dateacknowledged acknowledgeddate acknowledgementdate "
    "acknowledgmentdate dateofacknowledgement stageacknowledged stageacknowledgeddate",
    "extension": "extension extensiondays daysextension extended daysextended extensionlength "
    "stageextension",
    "responded": "responded dateresponded respondeddate responsedate dateofresponse "
    "responsesent dateresponsesent stageresponded stageresponsedate",
    "escalated": "escalated dateescalated escalateddate escalationdate",
}
GENERIC: dict[str, str] = {
    name: event for event, names in _GENERIC_NAMES.items() for name in names.split()
}
FLAT: dict[str, str] = {
    "acknowledged": "stage1_acknowledged",
    "responded": "stage1_responded",
    "escalated": "stage2_requested",
}
ROUTES: dict[str, dict[int, str]] = {
    "start": {1: "received", 2: "stage2_requested", 3: "stage3_requested"},
    "acknowledged": {1: "stage1_acknowledged", 2: "stage2_acknowledged"},
    "extension": {1: "stage1_extension", 2: "stage2_extension"},
    "responded": {1: "stage1_responded", 2: "stage2_responded", 3: "stage3_responded"},
}
"""Each generic event of a one-row-per-stage export: the field it gives at each stage."""

# A header naming a complaint event (a word starting so) that feeds nothing stops the run,
# with the fields it may be: left out, its dates would read as "not done".
_EVENT_STEMS: dict[str, tuple[str, ...]] = {
    "ack": ("stage1_acknowledged", "stage2_acknowledged"),
    "respon": ("stage1_responded", "stage2_responded", "stage3_responded"),
    "repl": ("stage1_responded", "stage2_responded", "stage3_responded"),
    "escalat": ("stage2_requested", "stage3_requested"),
    "request": ("stage2_requested", "stage3_requested"),
    "review": ("stage2_requested", "stage2_responded"),
    "clos": ("stage1_responded", "stage2_responded"),
    "complet": ("stage1_responded", "stage2_responded"),
    "exten": ("stage1_extension", "stage2_extension"),
    "start": ("received", "stage2_requested", "stage3_requested"),
    "due": (),
    "stage": (STAGE_FIELD,),
    "stg": (STAGE_FIELD,),
}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3"}

COMPLAINTS = FieldTable(
    noun="complaint",
    text=TEXT_FIELDS,
    dates=DATE_FIELDS,
    numbers=NUMBER_FIELDS,
    kept=REPORT_FIELDS,
    money=("remedy_amount",),
    required=REQUIRED,
    field_words=FIELD_WORDS,
    event_stems=_EVENT_STEMS,
    stages=True,
    stage_keys=tuple(STAGE_KEYS),
)
"""A complaints case file's fields (``chc deadlines --cases``, ``chc report``)."""


def stage_of(header: str) -> str | None:
    """The stage number a header names (``Stage 1 ...``, ``S2 ...``, ``Stage One``)."""
    tokens: list[str] = _TOKENS.findall(header.lower())
    for i, tok in enumerate(tokens):
        number = _NUMBER_WORDS.get(tok, tok)
        if number in ("1", "2", "3") and i > 0 and tokens[i - 1] in _STAGE_WORDS:
            return number
    return None


def event_candidates(
    header: str, table_stems: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...] | None:
    """The fields a header naming a complaint event (or one of ``table_stems``) may be
    (None: it names none)."""
    all_stems = _EVENT_STEMS if table_stems is None else table_stems
    tokens = _TOKENS.findall(header.lower())
    stems = [s for tok in tokens for s in all_stems if tok.startswith(s)]
    if not stems:
        return None
    if "start" in stems and table_stems is None:
        stems = ["start"]  # "Stage Start Date": the stage's start, not the stage
    found: list[str] = []
    for stem in stems:
        found.extend(f for f in all_stems[stem] if f not in found)
    stage = stage_of(header)
    if stage is not None:
        found = [f for f in found if f.startswith(f"stage{stage}_")]
    return tuple(found)


@dataclass(frozen=True, order=True)
class Problem:
    """A column chc cannot place with certainty, and what it may be."""

    column: int | None
    """1-based column in the file (None for a problem of the file as a whole)."""
    message: str
    field: str | None = None
    """The field it resembles (a near miss), which a suggested columns file maps."""
    candidates: tuple[str, ...] = ()
    """The fields an unused event column may be."""


@dataclass(frozen=True)
class Placement:
    """Which header (by 0-based position) feeds which field, and what is left out."""

    fields: dict[str, int]
    ignored: tuple[str, ...]
    by_stage: dict[str, int] = field(default_factory=dict)
    """A one-row-per-stage export's generic columns: event -> column, read on each row as
    that row's stage's event (:data:`ROUTES`)."""
    problems: tuple[Problem, ...] = ()
    unplaced: tuple[int, ...] = ()
    """Columns left out that raised no alarm by their header: a reader checks whether
    their cells hold dates."""

    def routed(self) -> dict[str, int]:
        """Every field a generic stage-row column gives, and its column."""
        return {f: i for event, i in self.by_stage.items() for f in ROUTES[event].values()}


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
    ignore: Iterable[str] = (),
    table: FieldTable = COMPLAINTS,
) -> Placement:
    """Match ``header`` to the ``table``'s fields. Every header that cannot be placed with
    certainty is a :class:`Problem` of the placement (a reader stops on them all at once)."""
    from chc.errors import InputError

    fields: dict[str, int] = {}
    taken: dict[int, str] = {}
    by_stage: dict[str, int] = {}
    if columns is not None:
        for name, wanted in columns.mapping.items():
            i = _find(header, wanted)
            if i is None:
                raise InputError(
                    f"{name}: the header {wanted!r} is not in {path.name}; "
                    "its headers are: " + ", ".join(repr(h) for h in header),
                    file=columns.path,
                    line=columns.lines[name],
                )
            if i in taken:
                raise InputError(
                    f"{name}: the header {wanted!r} is already mapped to {taken[i]}",
                    file=columns.path,
                    line=columns.lines[name],
                )
            taken[i] = name
            if name in STAGE_KEYS:
                by_stage[STAGE_KEYS[name]] = i
            else:
                fields[name] = i
    skip = {normalise(h) for h in (*(columns.ignore if columns is not None else ()), *ignore)}
    problems = _auto(
        header, fields, taken, by_stage, skip, frozenset(columns.mapping if columns else ()), table
    )
    problems += _crossed(header, fields, by_stage)
    if by_stage and STAGE_FIELD not in fields:
        key = next(f"stage_{event}" for event in by_stage)
        raise InputError(
            f"{key}: a column read by each row's stage needs the file's stage column "
            "(map it with 'stage: Your Header')",
            file=getattr(columns, "path", None),
            line=columns.lines.get(key) if columns is not None else None,
        )
    routed = {f for event in by_stage for f in ROUTES[event].values()}
    missing = [f for f in used if f not in fields and f not in routed]
    ignored: list[str] = []
    unplaced: list[int] = []
    left = [(i, h) for i, h in enumerate(header) if i not in taken]
    near = {
        i: resembles(h, missing, table.field_words)
        for i, h in left
        if normalise(h) not in skip and h.strip()
    }
    # A field a near miss is suggested for is not offered again for another column.
    offered = {*fields, *routed, *(f for f in near.values() if f is not None)}
    for i, h in left:
        if i in near:
            problem = _unplaced(h, i + 1, near[i], offered, table)
            if problem is not None:
                problems.append(problem)
            else:
                unplaced.append(i)
        ignored.append(h)
    return Placement(fields, tuple(ignored), by_stage, tuple(sorted(problems)), tuple(unplaced))


def _auto(
    header: Sequence[str],
    fields: dict[str, int],
    taken: dict[int, str],
    by_stage: dict[str, int],
    skip: set[str],
    mapped: frozenset[str],
    table: FieldTable,
) -> list[Problem]:
    """Headers equal to a field's name (or an alias), then the generic ones the file's
    shape allows (a complaints file's only)."""
    problems: list[Problem] = []
    keys = {
        i: normalise(h) for i, h in enumerate(header) if i not in taken and normalise(h) not in skip
    }
    has_stage = STAGE_FIELD in fields or "stage" in keys.values()
    numbered = any(stage_of(h) is not None for h in header)
    own = by_normal(table)
    for exact in (True, False):
        for i, key in keys.items():
            if i in taken:
                continue
            auto = own.get(key) if exact else None
            if not exact and table.stages and key in GENERIC:
                event = GENERIC[key]
                if (
                    has_stage
                    and event in ROUTES
                    and event not in by_stage
                    and not mapped & set(ROUTES[event].values())
                ):
                    by_stage[event], taken[i] = i, f"stage_{event}"
                    continue
                if not has_stage and not numbered:
                    auto = FLAT.get(event)
            if auto is None or auto in mapped:
                continue
            if auto in fields:
                problems.append(Problem(i + 1, _twice(header, fields[auto], i, auto)))
                taken[i] = auto
                continue
            fields[auto], taken[i] = i, auto
    return problems


def _twice(header: Sequence[str], first: int, second: int, name: str) -> str:
    return (
        f"the columns {header[first]!r} ({first + 1}) and {header[second]!r} ({second + 1}) "
        f"both match {name}, which cannot be read twice; list the one to leave out under "
        "'ignore:' in a --columns file (or give --ignore-column)"
    )


def _crossed(
    header: Sequence[str], fields: dict[str, int], by_stage: dict[str, int]
) -> list[Problem]:
    """A generic stage-row column and a stage-numbered one for the same field: which one a
    row's value comes from cannot be told."""
    problems = []
    for event, i in by_stage.items():
        for name in ROUTES[event].values():
            if name in fields:
                problems.append(Problem(i + 1, _twice(header, fields[name], i, name)))
                break
    return problems


def _unplaced(
    header: str, column: int, near: str | None, placed: set[str], table: FieldTable
) -> Problem | None:
    """The problem a column no field takes raises by its header (``near``: the field it
    resembles), if any."""
    if near is not None:
        return Problem(column, _near_miss(header, near), field=near)
    candidates = event_candidates(header, None if table.stages else table.event_stems)
    if candidates is None:
        return None
    left = tuple(f for f in candidates if f not in placed)
    due = any(tok.startswith("due") for tok in _TOKENS.findall(header.lower()))
    note = " (chc works out due dates itself)" if due else ""
    message = unused_message(header, left, f"names a {table.noun} event", note)
    return Problem(column, message, candidates=left)


def unused_message(header: str, candidates: Sequence[str], why: str, note: str = "") -> str:
    """Why an unused event or date column stops the run, and the two ways on."""
    leave = (
        f"if chc should not read it, give --ignore-column {header!r} or list it under "
        "'ignore:' in a --columns file"
    )
    if not candidates:
        return f"the column {header!r} {why} but feeds none of chc's fields{note}; {leave}"
    return (
        f"the column {header!r} {why} but feeds none of chc's fields; if it is "
        f"{' or '.join(candidates)}, map it in a --columns file ('{candidates[0]}: {header}'); "
        + leave
    )


def date_candidates(placed: Iterable[str], table: FieldTable = COMPLAINTS) -> tuple[str, ...]:
    """The date fields a column of dates may be: those the file does not give."""
    given = set(placed)
    return tuple(f for f in table.date_fields if f not in given)


def _near_miss(header: str, field: str) -> str:
    return (
        f"the column {header!r} looks like {field} but does not match it; if it is, add "
        f"'{field}: {header}' to a --columns file, or list it under 'ignore:' if it is not"
    )


def problems_message(problems: Sequence[Problem]) -> str:
    """One message for every problem of a placement, with the way to a columns file."""
    hint = "; --suggest-columns FILE writes a columns file for {}, for you to check"
    if len(problems) == 1:
        return problems[0].message + hint.format("it")
    parts = [f"(column {p.column}) {p.message}" if p.column else p.message for p in problems]
    return f"{len(problems)} columns need a decision: " + "; ".join(parts) + hint.format("them")
