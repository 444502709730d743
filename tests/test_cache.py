"""The on-disk cache only ever saves time: a stale, corrupt or missing cache changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc import cache
from chc.codes.loading import builtin_path, load_code_file


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the cache, so it is on whatever the caller's environment says."""
    monkeypatch.delenv("CHC_NO_CACHE", raising=False)


def test_a_cached_edition_equals_a_freshly_parsed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHC_CACHE_DIR", str(tmp_path))
    first = load_code_file(builtin_path("2024"))
    assert list(tmp_path.glob("edition-*.json")), "the first load should write the cache"
    second = load_code_file(builtin_path("2024"))
    assert second == first


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHC_CACHE_DIR", str(tmp_path))
    fresh = load_code_file(builtin_path("2022"))
    for entry in tmp_path.glob("edition-*.json"):
        entry.write_text('{"schema": 1, "edition": "tampered"', encoding="utf-8")
    assert load_code_file(builtin_path("2022")) == fresh


def test_a_changed_file_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHC_CACHE_DIR", str(tmp_path / "cache"))
    own = tmp_path / "own.yaml"
    text = builtin_path("2024").read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    assert load_code_file(own).title == "Complaint Handling Code 2024"
    own.write_text(
        text.replace('title: "Complaint Handling Code 2024"', "title: Changed", 1), encoding="utf-8"
    )
    assert load_code_file(own).title == "Changed"


def test_no_cache_when_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHC_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("CHC_NO_CACHE", "1")
    load_code_file(builtin_path("2020"))
    assert not list(tmp_path.iterdir())
    assert cache.cache_dir() is None


def test_an_unwritable_cache_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CHC_CACHE_DIR", str(blocker / "cache"))
    assert load_code_file(builtin_path("2020")).edition == "2020"
