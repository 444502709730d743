"""Every check kind, run on the policy snippets in ``tests/checks/cases/<kind>.yaml``.

A case file names its kind and, by default, the edition and provision to run against; each
case may override the edition and provision, or give inline ``params`` (with
``provision: null``) to run the kind directly through :func:`chc.policy.checks.run`. Cases come in
groups:

- ``pass:`` snippets the kind passes: every finding is ``pass``;
- ``fail:`` snippets the kind does not pass: at least one finding is ``fail`` or ``review``
  (a failure that rests on an unverified reading or a should-worded rule). For the
  two kinds that only ask whether a field is stated (``field_stated``,
  ``stage_field_stated``) the failing snippet is the field left out, so their failing
  findings are ``not_stated``, as their own documentation says;
- ``not_stated:`` snippets that leave the point out: no ``fail``, at least one
  ``not_stated``.

Each case lists its expected findings in order: ``status``, ``line`` and ``column`` in the
snippet (``null`` where the finding has no place in the file), and optionally text that
``message``, ``expected``, ``found``, ``fix`` or ``assumption`` must contain
(``assumption: null`` means there must be none).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from chc.codes.loading import load_edition
from chc.codes.model import Edition
from chc.policy.checks import KINDS, run_params
from chc.policy.findings import check_policy
from chc.policy.model import load_policy
from chc.yamlio import load_yaml

CASES_DIR = Path(__file__).resolve().parent / "checks" / "cases"
GROUPS = ("pass", "fail", "not_stated")
TEXT_FIELDS = ("message", "expected", "found", "fix", "assumption")
CASE_KEYS = {"name", "edition", "provision", "params", "policy", "findings"}
FINDING_KEYS = {"status", "line", "column", *TEXT_FIELDS}


@dataclass(frozen=True)
class Case:
    kind: str
    group: str
    name: str
    edition: str
    provision: str | None
    params: dict[str, Any] | None
    policy: str
    findings: tuple[dict[str, Any], ...]

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.group}/{self.name}"


def _plain(value: Any) -> Any:
    """ruamel's commented maps and sequences as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_case_file(path: Path) -> tuple[str, list[Case]]:
    data = _plain(load_yaml(path))
    kind = str(data["kind"])
    cases: list[Case] = []
    for group in GROUPS:
        for raw in data.get(group) or []:
            unknown = set(raw) - CASE_KEYS
            assert not unknown, f"{path.name}: {raw.get('name')}: unknown keys {unknown}"
            provision = raw.get("provision", data.get("provision"))
            cases.append(
                Case(
                    kind=kind,
                    group=group,
                    name=str(raw["name"]),
                    edition=str(raw.get("edition", data.get("edition"))),
                    provision=None if provision is None else str(provision),
                    params=raw.get("params"),
                    policy=str(raw["policy"]),
                    findings=tuple(raw["findings"]),
                )
            )
    return kind, cases


def all_case_files() -> dict[Path, tuple[str, list[Case]]]:
    return {p: load_case_file(p) for p in sorted(CASES_DIR.glob("*.yaml"))}


ALL_CASES = [c for _, cases in all_case_files().values() for c in cases]


@functools.cache
def edition(name: str) -> Edition:
    return load_edition(name)


def actual_findings(case: Case, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "policy.yaml"
    path.write_text(case.policy, encoding="utf-8")
    loaded = load_policy(path)
    ed = edition(case.edition)
    if case.params is not None:
        out = []
        for o in run_params(case.kind, case.params, loaded.policy, ed):
            line, column = loaded.position(list(o.loc)) if o.loc else (None, None)
            out.append(
                {
                    "status": o.status,
                    "line": line,
                    "column": column,
                    "message": o.message,
                    "expected": o.expected,
                    "found": o.found,
                    "fix": o.fix,
                    "assumption": o.assumption,
                }
            )
        return out
    report = check_policy(loaded, ed)
    return [
        {
            "status": f.status,
            "line": f.line,
            "column": f.column,
            "message": f.message,
            "expected": f.expected,
            "found": f.found,
            "fix": f.fix,
            "assumption": f.assumption,
        }
        for f in report.findings
        if f.provision == case.provision and f.check == case.kind
    ]


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    got = actual_findings(case, tmp_path)
    want = case.findings
    assert [(f["status"], f["line"], f["column"]) for f in got] == [
        (w["status"], w["line"], w["column"]) for w in want
    ]
    for g, w in zip(got, want, strict=True):
        for name in TEXT_FIELDS:
            if name not in w:
                continue
            if w[name] is None:
                assert g[name] is None, f"{name}: {g[name]!r}"
            else:
                assert g[name] is not None, f"{name} is empty"
                assert w[name] in g[name], f"{name}: {g[name]!r}"


# -- meta-tests: the case files themselves ---------------------------------------------


def test_every_registered_kind_has_a_case_file() -> None:
    kinds = {kind for kind, _ in all_case_files().values()}
    assert kinds == set(KINDS)
    for path, (kind, _) in all_case_files().items():
        assert path.stem == kind


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_passing_and_a_failing_case(kind: str) -> None:
    cases = [c for c in ALL_CASES if c.kind == kind]
    assert any(c.group == "pass" for c in cases), f"{kind} has no pass case"
    assert any(c.group == "fail" for c in cases), f"{kind} has no fail case"


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_case_is_in_the_right_group(case: Case) -> None:
    statuses = [f["status"] for f in case.findings]
    assert statuses, "a case must expect at least one finding"
    for f in case.findings:
        assert set(f) <= FINDING_KEYS, set(f) - FINDING_KEYS
        assert f["status"] in (*GROUPS, "review")
    if case.group == "pass":
        assert set(statuses) == {"pass"}
    elif case.group == "fail":
        assert set(statuses) - {"pass"}
        if case.kind not in ("field_stated", "stage_field_stated"):
            # A failure resting on an unverified reading or a should-worded rule is review.
            assert {"fail", "review"} & set(statuses)
    else:
        assert "not_stated" in statuses
        assert "fail" not in statuses


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_case_runs_a_real_check(case: Case) -> None:
    """A case by provision names a provision that carries a check of its kind."""
    if case.params is not None:
        assert case.provision is None
        return
    assert case.provision is not None
    p = edition(case.edition).provision(case.provision)
    assert p is not None, f"no provision {case.provision} in {case.edition}"
    assert case.kind in [c.kind for c in p.checks]


def test_stated_only_kinds_never_fail(tmp_path: Path) -> None:
    """field_stated and stage_field_stated have no failing status: run them on every snippet."""
    for i, case in enumerate(ALL_CASES):
        folder = tmp_path / str(i)
        folder.mkdir()
        path = folder / "policy.yaml"
        path.write_text(case.policy, encoding="utf-8")
        policy = load_policy(path).policy
        for kind, field in (("field_stated", "exclusions"), ("stage_field_stated", "extension")):
            outcomes = run_params(kind, {"field": field}, policy, edition("2024"))
            assert all(o.status != "fail" for o in outcomes)
