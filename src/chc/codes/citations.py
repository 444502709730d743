"""Notes for people: the edition file's source keys ("S1", "L2-L4") as numbered citations.

The edition files cite their sources by key in notes, which suits the data but not a
report: a reader sees "[2]" in the note and "[2] B3Living: annual complaints report
2023-24, https://..." beneath it. Any command printing notes for people can use this
(check-policy does; `chc deadlines` prints timescale notes too).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chc.codes.model import Edition
    from chc.codes.timetable import Timetable


class Citations:
    """Numbers the sources a report's notes cite, in order of first citation."""

    def __init__(self, edition: Edition | Timetable) -> None:
        self._sources = {s.key: s for s in edition.sources}
        keys = sorted(self._sources, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
            if keys
            else None
        )
        self.cited: list[str] = []

    def _expand_ranges(self, note: str) -> str:
        """ "L2-L4" as "L2, L3, L4", so each source in the range is cited."""

        def expand(m: re.Match[str]) -> str:
            prefix, low, high = m.group(1), int(m.group(2)), int(m.group(3))
            keys = [f"{prefix}{n}" for n in range(low, high + 1)]
            if high <= low or not all(k in self._sources for k in keys):
                return m.group(0)
            return ", ".join(keys)

        return re.sub(r"(?<![\w-])([A-Z]+)(\d+)[-\u2013]\1?(\d+)(?![\w])", expand, note)

    def readable(self, note: str) -> str:
        """The note with each source key replaced by its citation number, "[2]"."""
        if self._pattern is None:
            return note
        note = self._expand_ranges(note)

        def number(m: re.Match[str]) -> str:
            key = m.group(1)
            if key not in self.cited:
                self.cited.append(key)
            return f"[{self.cited.index(key) + 1}]"

        return self._pattern.sub(number, note)

    def listing(self) -> list[str]:
        out = []
        for i, key in enumerate(self.cited, 1):
            s = self._sources[key]
            out.append(f"[{i}] {s.title}" + (f", {s.url}" if s.url else ""))
        return out
