"""An edition's timescales as plain data: all that one complaint's due dates need.

``chc deadlines --received ...`` should start about as fast as Python itself. Building the
pydantic models of a whole edition (provisions, checks, form layout) costs more than the
rest of the run, so this path reads a small JSON digest of each edition instead: its name,
title, dates in force, stage limits and timescales. The digest is made from the fully
validated :class:`~chc.codes.model.Edition` and cached under a hash of the edition files
(:mod:`chc.cache`); an entry that does not read back as a digest is rebuilt, never trusted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chc.codes.model import Edition, Timescale
    from chc.jsontypes import JSONObject

BUILTIN = ("2020", "2022", "2024")


@dataclass(frozen=True)
class Rule:
    """One timescale: ``amount`` ``unit`` counted from ``from_event`` (see code-format.md)."""

    key: str
    amount: int
    unit: str
    from_event: str
    provision: str
    note: str | None = None
    cites: tuple[str, ...] = ()
    """The keys of the sources the note rests on (see :mod:`chc.codes.citations`)."""
    assumes: tuple[str, ...] = ()
    """The ids of the standing assumptions a result under this timescale rests on
    (``code_versions/assumptions.yaml``), in that table's order."""

    @property
    def stage(self) -> int | None:
        head = self.key.split(".", 1)[0]
        return int(head[5:]) if head.startswith("stage") else None


@dataclass(frozen=True)
class SourceRef:
    """A source the edition's notes cite by key ("U4"), for readable citations."""

    key: str
    title: str
    url: str | None = None
    dated: str | None = None


@dataclass(frozen=True)
class StageSpan:
    min: int
    max: int


@dataclass(frozen=True)
class Timetable:
    """An edition reduced to what due dates need."""

    edition: str
    title: str
    in_force_from: date
    in_force_to: date | None
    stages: StageSpan
    rules: tuple[Rule, ...]
    sources: tuple[SourceRef, ...] = ()

    def timescale(self, key: str) -> Rule | None:
        return next((r for r in self.rules if r.key == key), None)

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def cited_notes(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each timescale note with the sources it cites, for readable citations."""
        return [(r.note, r.cites) for r in self.rules if r.note and r.cites]

    def for_region(self, region: str) -> Timetable:
        """This timetable with its notes as printed for ``region`` (see :mod:`chc.codes.notes`)."""
        return _for_region(self, region)

    @classmethod
    def of(cls, e: Edition) -> Timetable:
        return cls(
            edition=e.edition,
            title=e.title,
            in_force_from=e.in_force_from,
            in_force_to=e.in_force_to,
            stages=StageSpan(e.stages.min, e.stages.max),
            rules=tuple(
                Rule(
                    t.key,
                    t.amount,
                    t.unit,
                    t.from_event,
                    t.provision,
                    t.note,
                    tuple(t.cites),
                    _assumes(e, t),
                )
                for t in e.timescales
            ),
            sources=tuple(SourceRef(s.key, s.title, s.url, s.dated) for s in e.sources),
        )

    def as_json(self) -> JSONObject:
        return {
            "edition": self.edition,
            "title": self.title,
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_to": None if self.in_force_to is None else self.in_force_to.isoformat(),
            "stages": [self.stages.min, self.stages.max],
            "rules": [
                [
                    r.key,
                    r.amount,
                    r.unit,
                    r.from_event,
                    r.provision,
                    r.note,
                    list(r.cites),
                    list(r.assumes),
                ]
                for r in self.rules
            ],
            "sources": [[s.key, s.title, s.url, s.dated] for s in self.sources],
        }

    @classmethod
    def from_json(cls, data: object) -> Timetable:
        """A digest read back; anything else is a ValueError (the entry is then rebuilt)."""
        try:
            if not isinstance(data, dict):
                raise TypeError("expected a mapping")
            until = data["in_force_to"]
            low, high = data["stages"]
            rules = tuple(Rule(*_rule(r)) for r in data["rules"])
            sources = tuple(SourceRef(*_source(s)) for s in data["sources"])
            table = cls(
                edition=_text(data["edition"]),
                title=_text(data["title"]),
                in_force_from=date.fromisoformat(data["in_force_from"]),
                in_force_to=None if until is None else date.fromisoformat(until),
                stages=StageSpan(int(low), int(high)),
                rules=rules,
                sources=sources,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"not a timetable: {err}") from None
        return table


def _assumes(edition: Edition, t: Timescale) -> tuple[str, ...]:
    """The standing assumptions a result under ``t`` rests on, in the table's order.

    For a shipped edition, those the table names for it; for a user's Code file, only
    chc's own counting rules that its units and clock starts bring in (its readings of the
    Code's words are the file's own).
    """
    from chc.codes.assumed import by_kind
    from chc.codes.assumptions import load_builtin_assumptions
    from chc.codes.loading import is_shipped

    if is_shipped(edition):
        table = load_builtin_assumptions()
        return tuple(a.id for a in table.for_timescale(edition.edition, t.key))
    return by_kind(t.key, t.unit, t.from_event)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _maybe_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _source(raw: object) -> tuple[str, str, str | None, str | None]:
    if not isinstance(raw, list):
        raise TypeError("expected a list")
    key, title, url, dated = raw
    return _text(key), _text(title), _maybe_text(url), _maybe_text(dated)


_RuleFields = tuple[str, int, str, str, str, str | None, tuple[str, ...], tuple[str, ...]]


def _rule(raw: object) -> _RuleFields:
    if not isinstance(raw, list):
        raise TypeError("expected a list")
    key, amount, unit, start, provision, note, cites, assumes = raw
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValueError("a timescale's amount is a whole number above 0")
    return (_text(key), amount, _text(unit), _text(start), _text(provision),
            _maybe_text(note), tuple(_text(c) for c in cites),
            tuple(_text(a) for a in assumes))  # fmt: skip


@functools.lru_cache(maxsize=32)
def _for_region(table: Timetable, region: str) -> Timetable:
    # Cached: the one-complaint path stays fast, and a caseload renders each note once.
    from dataclasses import replace

    from chc.codes.notes import for_region

    rules = tuple(replace(r, note=for_region(r.note, region)) if r.note else r for r in table.rules)
    return replace(table, rules=rules)


@functools.cache
def builtin_timetable(name: str) -> Timetable:
    """A shipped edition's digest, from the cache when the edition files are unchanged."""
    from chc import cache
    from chc.resources import package_data

    folder = package_data("code_versions")
    try:
        # The assumptions table too: a rule's ids come from it.
        names = (*BUILTIN, "assumptions")
        stamp = cache.key(*((folder / f"{n}.yaml").read_bytes() for n in names))
    except OSError:
        stamp = None
    entry = f"timetable-{name}-{stamp}" if stamp else None
    if entry is not None:
        cached = cache.read(entry)
        if cached is not None:
            try:
                return Timetable.from_json(cached)
            except ValueError:
                pass  # damaged or from another version: rebuilt below
    from chc.codes.loading import load_builtin

    table = Timetable.of(load_builtin(name))
    if entry is not None:
        cache.write(entry, table.as_json())
    return table


def load_timetable(name_or_path: str | Path) -> Timetable:
    """An edition's timetable by name ("2024"), or a Code file's by path (fully validated)."""
    if str(name_or_path) in BUILTIN:
        return builtin_timetable(str(name_or_path))
    from chc.codes.loading import load_edition

    return Timetable.of(load_edition(name_or_path))
