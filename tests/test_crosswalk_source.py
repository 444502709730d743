"""The 2024 -> 2022 crosswalk agrees with the fact sheet's mapping table, row by row.

The table (shared/reference/code-2020-2022.md, section 5.2) lists for each 2022 provision
the 2024 provision(s) that carry the same duty. Every 2024 id a row names outside
parentheses must say `previously:` that 2022 id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chc.codes.loading import load_builtin

SHEET = Path(__file__).resolve().parents[2] / "shared" / "reference" / "code-2020-2022.md"


def mapping_rows() -> list[tuple[str, list[str]]]:
    text = SHEET.read_text(encoding="utf-8")
    section = text.split("### 5.2", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"\d+\.\d+", cells[0]):
            continue
        if cells[2] not in ("direct", "partial"):
            continue
        named = re.sub(r"\([^)]*\)", "", cells[1])  # parenthesised ids are "see also"
        rows.append((cells[0], re.findall(r"\b\d+\.\d+\b", named)))
    return rows


@pytest.mark.skipif(not SHEET.exists(), reason=f"the fact sheet is not at {SHEET}")
def test_every_mapped_2024_provision_names_its_2022_counterpart() -> None:
    rows = mapping_rows()
    assert len(rows) > 50, "the table should have been found and read"
    edition = load_builtin("2024")
    missing = []
    for old, news in rows:
        for new in news:
            p = edition.provision(new)
            assert p is not None, new
            if old not in p.previously:
                missing.append(f"2024 {new} should say previously {old}")
    assert not missing, "\n".join(missing)
