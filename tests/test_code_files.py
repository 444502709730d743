"""A conformance battery every shipped Code file must pass, and the loader's error messages."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from chc.codes.choice import edition_for_date
from chc.codes.loading import builtin_editions, load_builtin, load_code_file, load_edition
from chc.codes.model import BUILTIN_EDITIONS, Edition, provision_sort_key
from chc.errors import CodeFileError

EDITIONS = list(BUILTIN_EDITIONS)


@pytest.fixture(params=EDITIONS)
def edition(request: pytest.FixtureRequest) -> Edition:
    return load_builtin(request.param)


def test_every_edition_loads_and_names_itself(edition: Edition) -> None:
    assert edition.edition in EDITIONS
    assert edition.schema_version == 1


def test_provisions_are_in_code_order_and_sections_exist(edition: Edition) -> None:
    keys = [provision_sort_key(p.id) for p in edition.provisions]
    assert keys == sorted(keys)
    sections = [s.number for s in edition.sections]
    assert sections == list(range(1, len(sections) + 1))
    assert {p.section for p in edition.provisions} == set(sections)


def test_provision_numbers_run_without_gaps(edition: Edition) -> None:
    for s in edition.sections:
        numbers = [int(p.id.split(".")[1]) for p in edition.provisions if p.section == s.number]
        assert numbers == list(range(1, len(numbers) + 1)), f"section {s.number}"


def test_self_assessed_provisions_have_an_obligation(edition: Edition) -> None:
    for p in edition.provisions:
        if p.self_assessed:
            assert p.obligation in ("must", "should"), p.id
        else:
            assert p.obligation is None, p.id
            assert p.note, f"{p.id} is left out of the form; a note must say why"


def test_summaries_are_short_paraphrases(edition: Edition) -> None:
    for p in edition.provisions:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", p.summary.strip()) if s]
        assert 1 <= len(sentences) <= 3, f"{p.id}: {len(sentences)} sentences"
        assert len(p.summary) <= 600, p.id


def test_timescales_point_at_timescale_provisions(edition: Edition) -> None:
    for t in edition.timescales:
        p = edition.provision(t.provision)
        assert p is not None
        assert "timescale" in p.topics or "time-limit" in p.topics, f"{t.key} -> {p.id}"


def test_every_edition_sets_stage_one_timescales(edition: Edition) -> None:
    for key in ("stage1.acknowledge", "stage1.respond", "stage1.extension", "stage2.respond"):
        assert edition.timescale(key) is not None, key


def test_previously_points_at_real_provisions(edition: Edition) -> None:
    if edition.previous_edition is None:
        assert all(not p.previously for p in edition.provisions)
        return
    before = load_builtin(edition.previous_edition)
    linked = [p for p in edition.provisions if p.previously]
    assert linked, "an edition with a previous edition should carry a crosswalk"
    for p in linked:
        for old in p.previously:
            assert before.provision(old) is not None, f"{p.id} -> {old}"


def test_sources_are_cited_with_unique_keys(edition: Edition) -> None:
    keys = [s.key for s in edition.sources]
    assert len(keys) == len(set(keys))


def test_in_force_windows_are_contiguous_and_ordered() -> None:
    editions = sorted(builtin_editions(), key=lambda e: e.in_force_from)
    assert [e.edition for e in editions] == ["2020", "2022", "2024"]
    for before, after in itertools.pairwise(editions):
        assert before.in_force_to is not None
        assert before.in_force_to + timedelta(days=1) == after.in_force_from
    assert editions[-1].in_force_to is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 7, 6), "2020"),
        (date(2021, 6, 15), "2020"),
        (date(2022, 3, 31), "2020"),
        (date(2022, 4, 1), "2022"),
        (date(2024, 3, 31), "2022"),
        (date(2024, 4, 1), "2024"),
        (date(2026, 11, 23), "2024"),
    ],
)
def test_edition_in_force_at_each_boundary(day: date, expected: str) -> None:
    assert edition_for_date(day).edition == expected


def test_a_date_before_the_first_edition_is_an_error() -> None:
    with pytest.raises(CodeFileError, match="before the first Complaint Handling Code"):
        edition_for_date(date(2020, 7, 5))


def test_unknown_edition_lists_the_valid_ones() -> None:
    with pytest.raises(CodeFileError, match="2020, 2022, 2024"):
        load_edition("2023")


# -- a user's own Code file -------------------------------------------------------------

MINIMAL = """\
schema: 1
edition: "internal"
title: Our stricter standard
publisher: Example Homes
published: "2025-01"
in_force_from: 2025-01-01
statutory: false
previous_edition: "2024"
sources:
  - {key: own, title: Board decision}
form:
  title: Internal checklist
  layout: sections
  columns: [Provision, Requirement, Comply, Evidence]
stages: {min: 2, max: 2, provision: "1.1"}
sections:
  - {number: 1, title: Stages}
timescales:
  - {key: stage1.acknowledge, amount: 3, unit: working_days, from: received, provision: "1.1"}
provisions:
  - id: "1.1"
    section: 1
    obligation: must
    summary: Two stages, acknowledged within three working days.
    topics: [stages, timescale]
    previously: "6.2"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_users_own_code_file_loads_by_path(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    edition = load_edition(str(path))
    assert edition.edition == "internal"
    assert edition.provision("1.1") is not None
    assert load_code_file(path).timescales[0].amount == 3


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "message"),
    [
        (
            "obligation: must",
            "obligation: mandatory",
            23,
            5,
            "obligation: Input should be 'must' or 'should'",
        ),
        ("unit: working_days, ", "", 19, 5, "timescale 1, unit: required field is missing"),
        ('id: "1.1"', "id: 1.1", 21, 5, 'write it in quotes, for example "1.1"'),
        (
            "    topics: [stages, timescale]",
            "    topics: [stages, timescale]\n    topcs: [x]",
            26,
            5,
            "provision 1, topcs: unknown field",
        ),
        (
            'previously: "6.2"',
            'previously: "4.99"',
            26,
            5,
            "the 2024 edition has no provision 4.99",
        ),
        (
            "title: Our stricter standard",
            "title: Our stricter standard\ntitle: Again",
            4,
            1,
            'duplicate key "title"',
        ),
        (
            "  - {number: 1, title: Stages}",
            "  - {number: 1, title: Stages}\n  - {number: 1, title: Again}",
            18,
            5,
            "section 1 is listed twice",
        ),
        (
            "in_force_from: 2025-01-01",
            "in_force_from: 2025-02-30",
            6,
            1,
            "in_force_from: Input should be a valid date",
        ),
        (
            'provision: "1.1"}\nsections',
            'provision: "9.9"}\nsections',
            15,
            26,
            "provision 9.9 does not exist",
        ),
        (
            "topics: [stages, timescale]",
            "topics: [stages, deadlines]",
            25,
            22,
            "topic 2: Input should be",
        ),
        ("amount: 3", "amount: 0", 19, 31, "greater than 0"),
    ],
)
def test_bad_code_files_name_file_line_and_column(
    tmp_path: Path, old: str, new: str, line: int, column: int, message: str
) -> None:
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(CodeFileError) as info:
        load_code_file(path)
    err = info.value
    assert err.file == str(path)
    assert message in err.message
    assert (err.line, err.column) == (line, column), str(err)


def test_a_duplicate_provision_id_points_at_the_second(tmp_path: Path) -> None:
    text = MINIMAL.replace('    previously: "6.2"\n', "") + (
        '  - id: "1.1"\n    section: 1\n    obligation: should\n    summary: Again.\n'
    )
    with pytest.raises(CodeFileError) as info:
        load_code_file(write(tmp_path, text))
    assert "duplicate provision id '1.1'" in info.value.message
    assert info.value.line == 26


def test_missing_and_empty_code_files(tmp_path: Path) -> None:
    with pytest.raises(CodeFileError, match="file not found"):
        load_edition(str(tmp_path / "nope.yaml"))
    with pytest.raises(CodeFileError, match="empty"):
        load_code_file(write(tmp_path, ""))
    with pytest.raises(CodeFileError, match="mapping"):
        load_code_file(write(tmp_path, "- a list\n"))
