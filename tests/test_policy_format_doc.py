"""docs/policy-format.md documents every field of the policy model, and its example works."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from chc.policy.durations import ClockStart, parse_duration
from chc.policy.model import Policy, Signpost, Stage
from conftest import ROOT, run_chc

DOC = ROOT / "docs" / "policy-format.md"


def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("field", [*Policy.model_fields, *Stage.model_fields])
def test_every_field_has_a_row(field: str) -> None:
    assert f"| `{field}` |" in doc()


@pytest.mark.parametrize("value", [*get_args(Signpost), *get_args(ClockStart)])
def test_every_accepted_value_is_named(value: str) -> None:
    assert f"`{value}`" in doc()


def test_duration_examples_in_the_table_are_read() -> None:
    table = doc().split("## Durations", 1)[1].split("Not durations", 1)[0]
    examples = re.findall(r"`(\d+ [a-z ]+)`", table)
    assert len(examples) >= 10
    for text in examples:
        parse_duration(text)


def test_the_full_example_passes_2024(tmp_path: Path) -> None:
    example = doc().split("## A full example", 1)[1]
    yaml_text = example.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "policy.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    r = run_chc("check-policy", str(path), "--format", "json")
    assert r.exit_code == 0
    assert '"fail": 0' in r.stdout
    assert '"not_stated": 0' in r.stdout


def test_the_doc_says_how_to_get_the_schema() -> None:
    assert "chc check-policy --schema" in doc()
