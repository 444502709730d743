"""chc.caseload.batches: a caseload a batch at a time, used as a library (no CLI)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chc.caseload.batches import Batches, CaseloadRequest
from chc.caseload.frame import BadRow
from chc.caseload.reading import ReadOptions, read_case_file
from chc.errors import CaseError
from chc.workdays import calendar_for


def _request(tmp_path: Path, text: str) -> CaseloadRequest:
    path = tmp_path / "cases.csv"
    path.write_text(text)
    frame = read_case_file(path, ReadOptions(skip_bad_rows=True))
    return CaseloadRequest(frame, calendar_for(), date(2026, 1, 30), skip_bad_rows=True)


def test_no_usable_row_stops_before_any_batch_and_lists_the_bad_rows_first(
    tmp_path: Path,
) -> None:
    seen: list[tuple[BadRow, ...]] = []
    batches = Batches(_request(tmp_path, "reference,received\nA,12/22/2025\nB,\n"), seen.append)
    handed = []
    with pytest.raises(CaseError, match="no row could be used: all 2 row"):
        for part in batches.parts():
            handed.append(part)
    assert handed == []
    assert [b.line for b in sorted(seen[0])] == [2, 3]


def test_batches_and_whole_agree_on_count_and_bad_rows(tmp_path: Path) -> None:
    text = "reference,received\nA,2025-12-22\nB,\nC,2026-01-05\n"
    streamed = Batches(_request(tmp_path, text))
    total = sum(part.count for part in streamed.parts())
    whole = Batches(_request(tmp_path, text))
    assert whole.whole().count == total == streamed.count == whole.count == 2
    assert [b.line for b in streamed.bad] == [b.line for b in whole.bad] == [3]
