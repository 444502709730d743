"""Reading whole numbers typed by people: ``5762`` or ``5,762``, as a spreadsheet shows them.

A thousands separator is read only where it is one (groups of three digits after the
first), so that ``5,76`` or ``57,62`` (a slip, or a decimal comma) is refused rather than
read as 576 or 5762.
"""

from __future__ import annotations

import re

from chc.errors import InputError

_COUNT = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)$", re.ASCII)
MAX_COUNT = 99_999_999
"""The largest count accepted: the bound every number in a YAML file keeps too."""


def parse_count(text: str, what: str, *, minimum: int = 0) -> int:
    """``"5,762"`` -> 5762; anything but a whole number from ``minimum`` up is an InputError
    naming ``what``."""
    raw = text.strip()
    if _COUNT.match(raw) is None:
        shown = raw if len(raw) <= 40 else raw[:40] + "..."
        raise InputError(
            f"{what}: {shown!r} is not a whole number; write it in digits 0-9, e.g. 5762 or 5,762"
        )
    n = int(raw.replace(",", ""))
    if not minimum <= n <= MAX_COUNT:
        raise InputError(f"{what}: {raw} must lie between {minimum:,} and {MAX_COUNT:,}")
    return n


def count_option(text: str | None, what: str, *, minimum: int = 0) -> int | None:
    """:func:`parse_count` for an option that may be left out."""
    return None if text is None else parse_count(text, what, minimum=minimum)
