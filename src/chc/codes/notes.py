"""A note as printed for one run: the working-day notes name the region's bank holidays.

An edition's working-day note speaks of "the bank holidays of the region chosen (--region;
England and Wales unless another is given)", which is true of every run. A command that
knows its region (`chc deadlines`, one complaint or a caseload) prints the region's name
instead, through :func:`for_region`; one without a region (check-policy, `chc codes`)
prints the note as written.
"""

from __future__ import annotations

import re

REGION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}

# The phrase as the edition files write it (docs/code-format.md); spaces may be line breaks.
_CHOSEN = re.compile(
    r"the\s+bank\s+holidays\s+of\s+the\s+region\s+chosen"
    r"(\s*\(--region;\s+England\s+and\s+Wales\s+unless\s+another\s+is\s+given\))?"
)


def for_region(note: str, region: str | None) -> str:
    """``note`` with "the bank holidays of the region chosen (...)" naming ``region``'s
    bank holidays; as written when ``region`` is None or not a known region."""
    name = REGION_NAMES.get(region or "")
    if name is None:
        return note
    return _CHOSEN.sub(
        f"the bank holidays of {name} (--region; England and Wales unless another is given)", note
    )
