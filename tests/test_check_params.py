"""Check parameters are typed: a bad one in a Code file is found as the file loads.

Issue 16: a user's Code file with `min: abc` failed at check time with a traceback. Now the
parameters are pydantic models in a discriminated union, so the loader reports the file,
line and column and chc exits 2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from chc.codes import check_params
from chc.policy.checks import KINDS
from chc.policy.model import Policy, Stage
from conftest import CODE_VERSIONS, EXAMPLES, run_chc

CHANNELS = '{kind: "min_channels", min: 2}'
YES_NO = (bool, type(None))  # the arguments of a `bool | None` field


def own_code_file(tmp_path: Path, old: str, new: str) -> tuple[Path, int, int]:
    """The 2024 file with one check changed, and the line and column of that check."""
    text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    before = text[: text.index(old)]
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    path = tmp_path / "my-code.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, line, column


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ('{kind: "min_channels", min: abc}', "min"),  # a wrong type
        ('{kind: "min_channels", min: 0}', "min"),  # out of range
        ('{kind: "min_channels", mni: 2}', "mni"),  # a parameter the kind does not take
        ('{kind: "min_chanels", min: 2}', "min_chanels"),  # a kind that does not exist
        ('{kind: "field_true", field: "landlord_name"}', "field"),  # no such field
    ],
)
def test_a_bad_check_parameter_is_located_when_the_code_file_loads(
    tmp_path: Path, new: str, words: str
) -> None:
    path, line, column = own_code_file(tmp_path, CHANNELS, new)
    r = run_chc("codes", str(path))
    assert r.exit_code == 2
    assert "Traceback" not in r.stderr
    (message,) = r.stderr.strip().splitlines()
    assert message.startswith(f"chc: error: {path}:{line}:")
    # The column is the check's own or, for a parameter, that parameter's within it.
    where = int(message.removeprefix(f"chc: error: {path}:{line}:").split(":", 1)[0])
    assert column <= where < column + len(new)
    assert words in message
    # The same file given to check-policy stops before any check runs.
    r = run_chc("check-policy", str(EXAMPLES / "policy-noncompliant.yaml"), "--code", str(path))
    assert r.exit_code == 2
    assert "Traceback" not in r.stderr


def test_a_timescale_the_edition_lacks_is_located(tmp_path: Path) -> None:
    old = '{kind: "max_duration", timescale: "stage1.respond"}'
    path, line, _ = own_code_file(tmp_path, old, old.replace("stage1.respond", "stage3.respond"))
    r = run_chc("codes", str(path))
    assert r.exit_code == 2
    assert f"{path}:{line}:" in r.stderr
    assert "stage3.respond" in r.stderr and "lacks" in r.stderr


def test_the_field_names_a_check_may_use_are_the_policy_models() -> None:
    policy_fields = set(Policy.model_fields) - {
        "stages",
        "refs",
        "adopted",
        "ombudsman_signposting",
    }
    assert set(get_args(check_params.PolicyField)) == policy_fields
    bools = {n for n, f in Policy.model_fields.items() if get_args(f.annotation) == YES_NO}
    assert set(get_args(check_params.PolicyBoolField)) == bools
    stage_fields = set(Stage.model_fields) - {"name", "refs", "respond_from"}
    assert set(get_args(check_params.StageField)) == stage_fields
    stage_bools = {n for n, f in Stage.model_fields.items() if get_args(f.annotation) == YES_NO}
    assert set(get_args(check_params.StageBoolField)) == stage_bools


def test_every_kind_has_a_parameter_model_and_back() -> None:
    assert set(KINDS) == set(check_params.PARAM_MODELS)
    for name, model in check_params.PARAM_MODELS.items():
        # Each model's `kind` literal is its registry name: the union's tag finds it.
        assert get_args(model.model_fields["kind"].annotation) == (name,)


def test_check_kinds_prints_the_field_descriptions() -> None:
    r = run_chc("codes", "--check-kinds")
    assert r.exit_code == 0
    description = check_params.MinTimeLimit.model_fields["counts_from"].description
    assert description is not None
    # The view wraps each description under its own indent: compare the words.
    assert f"parameter counts_from: {description}" in " ".join(r.stdout.split())
    assert "parameter review:" in r.stdout


def test_the_codes_package_never_imports_the_policy_package() -> None:
    code = (
        "import sys, chc.codes, chc.codes.loading, chc.codes.shapes, chc.codes.check_params\n"
        "from chc.codes.loading import load_builtin\n"
        "load_builtin('2024')\n"
        "print(sorted(m for m in sys.modules if m.startswith('chc.policy')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
