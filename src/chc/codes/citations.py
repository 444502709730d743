"""Notes for people: each note's sources as numbered citations, listed with document, date
and address.

The shipped edition files name their sources in words inside a note ("the Ombudsman's page
for residents") and list them by key beside it (``cites: [U4]``), so that a report can cite
each: a reader sees "... [2]" after the note and "[2] Housing Ombudsman: Waiting for a final
response, https://..." beneath. A note is recognised by its text, so a caller hands over
only what it prints (check-policy's notes, `chc deadlines`' assumptions). A Code file of a
user's own may still cite keys inline ("S1", "L2-L4"); those are numbered in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from chc.codes.notes import REGION_NAMES, for_region

if TYPE_CHECKING:
    from chc.codes.model import Edition
    from chc.codes.timetable import Timetable

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class SourceLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def dated(self) -> str | None: ...


def date_words(partial: str | None) -> str:
    """ "2024-05-29" as "29 May 2024", "2024-05" as "May 2024"; no date as "undated"."""
    if not partial:
        return "undated"
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def citation(s: SourceLike) -> str:
    """One source as a person cites it: document, date, address (where it has one)."""
    return ", ".join(x for x in (s.title, date_words(s.dated), s.url) if x)


class Citations:
    """Numbers the sources a report's notes cite, in order of first citation."""

    def __init__(self, edition: Edition | Timetable) -> None:
        self._setup(edition.sources, edition.cited_notes())

    @classmethod
    def of_sources(cls, sources: Iterable[SourceLike]) -> Citations:
        """Citations of these sources, cited by key through :meth:`marks` (no notes known)."""
        self = cls.__new__(cls)
        self._setup(sources, [])
        return self

    def _setup(
        self, sources: Iterable[SourceLike], notes: Iterable[tuple[str, tuple[str, ...]]]
    ) -> None:
        self._sources: dict[str, SourceLike] = {s.key: s for s in sources}
        keys = sorted(self._sources, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
            if keys
            else None
        )
        # Each cited note as printed under any region (a working-day note names the region's
        # bank holidays), longest first so that a note containing another is found first.
        noted: dict[str, tuple[str, ...]] = {}
        for text, cites in notes:
            for region in (None, *REGION_NAMES):
                noted.setdefault(" ".join(for_region(text, region).split()), cites)
        self._noted = sorted(noted.items(), key=lambda kv: len(kv[0]), reverse=True)
        self.cited: list[str] = []

    def _number(self, key: str) -> int:
        if key not in self.cited:
            self.cited.append(key)
        return self.cited.index(key) + 1

    def _expand_ranges(self, note: str) -> str:
        """ "L2-L4" as "L2, L3, L4", so each source in the range is cited."""

        def expand(m: re.Match[str]) -> str:
            prefix, low, high = m.group(1), int(m.group(2)), int(m.group(3))
            keys = [f"{prefix}{n}" for n in range(low, high + 1)]
            if high <= low or not all(k in self._sources for k in keys):
                return m.group(0)
            return ", ".join(keys)

        return re.sub(r"(?<![\w-])([A-Z]+)(\d+)[-\u2013]\1?(\d+)(?![\w])", expand, note)

    def marks(self, keys: Iterable[str]) -> str:
        """ " [1, 3]" for the sources ``keys`` (unknown keys skipped); "" for none."""
        numbers = sorted({self._number(k) for k in keys if k in self._sources})
        return f" [{', '.join(map(str, numbers))}]" if numbers else ""

    def readable(self, note: str) -> str:
        """The note with its sources cited by number: keys written inline are replaced in
        place, and a note of the edition's (found within ``note``) gets its ``cites``."""
        flat = " ".join(note.split())
        found = next((cites for text, cites in self._noted if text in flat), ())
        if self._pattern is not None:
            note = self._pattern.sub(
                lambda m: f"[{self._number(m.group(1))}]", self._expand_ranges(note)
            )
        return note + self.marks(found)

    def listing(self) -> list[str]:
        return [f"[{i}] {citation(self._sources[k])}" for i, k in enumerate(self.cited, 1)]
