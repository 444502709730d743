"""`chc deadlines` for a person cites the notes' sources as numbered citations with their
title and address, never by the edition file's keys ("U4", "S1", "HOS-FAQ22")."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from chc.codes.loading import load_builtin
from chc.codes.timetable import Timetable
from conftest import run_chc

RECEIVED = {"2020": "2021-05-04", "2022": "2023-05-02", "2024": "2024-05-01"}


def _keys(edition: str) -> list[str]:
    return [s.key for s in load_builtin(edition).sources]


@pytest.mark.parametrize("edition", sorted(RECEIVED))
def test_text_cites_sources_by_number_not_by_key(edition: str) -> None:
    run = run_chc(
        "deadlines", "--received", RECEIVED[edition], "--stage1-extension", "30",
        "--stage2-requested", RECEIVED[edition], "--code", edition, "--as-of", "2025-01-31",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    text = " ".join(run.stdout.split())
    # The listing names each source by its title, which may hold an organisation's initials.
    notes_part = text.split("Sources cited in the notes")[0]
    for key in _keys(edition):
        assert not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", notes_part), (key, text)
    json_run = run_chc(
        "deadlines", "--received", RECEIVED[edition], "--code", edition, "--format", "json"
    )
    doc = json.loads(json_run.stdout)
    notes = " ".join(doc["warnings"] + [a["statement"] for a in doc["assumptions"]])
    cited = [k for k in _keys(edition) if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", notes)]
    if cited:  # the notes cite sources: the people's view lists them with their titles
        assert "Sources cited in the notes" in text
        titles = {s.key: s.title for s in load_builtin(edition).sources}
        assert any(" ".join(titles[k].split()) in text for k in cited)


def test_the_timetable_digest_keeps_the_sources() -> None:
    table = Timetable.of(load_builtin("2024"))
    assert table.sources and table.sources[0].key == load_builtin("2024").sources[0].key
    again = Timetable.from_json(json.loads(json.dumps(table.as_json())))
    assert again == table
    assert again.in_force_on(date(2024, 4, 1))
    broken = table.as_json()
    broken["sources"] = [["U1", 5, None]]
    with pytest.raises(ValueError, match="not a timetable"):
        Timetable.from_json(broken)
