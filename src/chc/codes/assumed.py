"""The assumptions a result rests on, by id: what outputs carry, and their statements.

Machine outputs refer to an assumption by its id (``{"id": "working-day"}``; a case's own,
with its values: ``{"id": "ack-date-assumed", "stage": 1, "date": "2026-01-30"}``) and
people's outputs state it once. The ids and statements come from
``code_versions/assumptions.yaml`` (:mod:`chc.codes.assumptions` validates it); this module
reads a small cached digest of that table instead, so that one complaint's due dates never
wait for pydantic to validate every edition.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

ACK_DATE_ASSUMED = "ack-date-assumed"
CLOSURE_DAYS = "closure-days-not-working"
WORKING_DAY = "working-day"

Value = str | int


class Assumed(NamedTuple):
    """One assumption a result rests on: its id, and a case's own values (stage, date)."""

    id: str
    values: tuple[tuple[str, Value], ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, **dict(self.values)}

    def statement(self) -> str:
        """The plain statement, with this case's values in place."""
        return statement(self.id, dict(self.values))


class Entry(NamedTuple):
    """What outputs need of one table entry."""

    kind: str
    statement: str
    values: tuple[str, ...]


@functools.cache
def table() -> dict[str, Entry]:
    """Every assumption by id, in the table's order (the order outputs list them in)."""
    from chc import cache
    from chc.resources import package_data

    folder = package_data("code_versions")
    names = ("2020", "2022", "2024", "assumptions")
    try:
        entry: str | None = "assumptions-" + cache.key(
            *((folder / f"{n}.yaml").read_bytes() for n in names)
        )
    except OSError:
        entry = None
    if entry is not None:
        cached = cache.read(entry, _parse)
        if cached is not None:
            return cached
    from chc.codes.assumptions import load_builtin_assumptions

    built = {
        a.id: Entry(a.kind, " ".join(a.statement.split()), tuple(a.values))
        for a in load_builtin_assumptions().assumptions
    }
    if entry is not None:
        cache.write(entry, [[k, e.kind, e.statement, list(e.values)] for k, e in built.items()])
    return built


def _parse(data: object) -> dict[str, Entry]:
    if not isinstance(data, list):
        raise ValueError("expected a list")
    out: dict[str, Entry] = {}
    for row in data:
        aid, kind, text, values = row
        if not all(isinstance(v, str) for v in (aid, kind, text, *values)):
            raise ValueError("expected text")
        out[aid] = Entry(kind, text, tuple(values))
    return out


def statement(assumption_id: str, values: dict[str, Value] | None = None) -> str:
    e = table()[assumption_id]
    return e.statement.format(**(values or {})) if e.values else e.statement


def effect(assumption_id: str) -> str:
    """What chc does, without how to change it: a statement up to its first "; ", for a
    page read by people who do not run chc (a board's report). Statements are written
    "what chc does; how to change it" (``code_versions/assumptions.yaml``)."""
    what = table()[assumption_id].statement.split("; ", 1)[0]
    return what if what.endswith(".") else what + "."


def ordered(items: set[Assumed] | list[Assumed]) -> tuple[Assumed, ...]:
    """Each once, in the table's order, a case's own by their values (stage 1 first)."""
    rank = {aid: i for i, aid in enumerate(table())}
    return tuple(sorted(set(items), key=lambda a: (rank.get(a.id, len(rank)), a.values)))


def by_kind(key: str, unit: str, from_event: str) -> tuple[str, ...]:
    """chc's own counting rules that any timescale of this unit, clock start and kind rests
    on, in the table's order (a user's Code file's readings of the Code are its own)."""
    ids = []
    if unit == "working_days":
        ids.append(WORKING_DAY)
    if key.endswith(".extension"):
        ids.append("extension-from-due-date")
    if from_event == "logged":
        ids.append("logged-when-acknowledged")
    return tuple(ids)
