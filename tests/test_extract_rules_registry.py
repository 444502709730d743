"""Every registered rule has its own test file, as every check kind has its cases."""

from __future__ import annotations

from pathlib import Path

from chc.policy.extract.rules import LOOKED_FOR, RULES
from chc.policy.extract.rules.durations import find_durations


def test_every_rule_has_a_test_file() -> None:
    here = Path(__file__).parent
    missing = [n for n in RULES if not (here / f"test_extract_rule_{n}.py").exists()]
    assert missing == []
    # Durations are read inside the timescale and time limit rules; they have their own file.
    assert (here / f"test_extract_rule_{find_durations.__module__.rsplit('.', 1)[1]}.py").exists()


def test_every_policy_field_says_what_was_looked_for() -> None:
    from chc.policy.model import Policy, Stage

    fields = (set(Policy.model_fields) - {"stages"}) | (set(Stage.model_fields) - {"name"})
    assert fields - set(LOOKED_FOR) == set()
