"""Where an error is in a data file, said as a person counts (issue 26, point 4): items from
1 and by the name of what they are, never a zero-based path such as ``stages[0].respond``."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.yamlio import format_loc


@pytest.mark.parametrize(
    ("loc", "said"),
    [
        (("stages", 0, "respond"), "stage 1, respond"),
        (("stages", 1), "stage 2"),
        (("provisions", 3, "topics", 0), "provision 4, topic 1"),
        (("answers", "6.2", "comply"), "answers, 6.2, comply"),
        ((0, "name"), "item 1, name"),
        (("evidence", 2), "evidence item 3"),
        ((), ""),
    ],
)
def test_places_are_counted_from_one_by_name(loc: tuple[str | int, ...], said: str) -> None:
    assert format_loc(loc) == said


def test_a_bad_policy_error_has_no_zero_based_path(tmp_path: Path) -> None:
    from conftest import run_chc

    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "name: X\ncode: 2024\nstages:\n  - name: Stage 1\n    respnd: 10 working days\n",
        encoding="utf-8",
    )
    result = run_chc("check-policy", str(policy))
    assert result.exit_code == 2
    assert "[0]" not in result.stderr
    assert f"{policy}:5:5: stage 1, respnd: unknown field" in result.stderr
