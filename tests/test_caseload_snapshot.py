"""Every example complaint's events and assumptions, held to a snapshot taken before a
change of output shape (issue 24: assumptions are to become ids in the JSON lines).

``tests/golden/caseload-events.json`` was made by ``scripts/snapshot_caseload_events.py``:
for each complaint of the example case files and of a synthetic caseload (every edition,
extensions, stage 3, missing acknowledgements; as given, and with closure days in
Scotland), its events (key, due, done, status, working days late), its problems, and the
assumption ids its "assumption: ..." texts meant. Today's lines carry the ids themselves,
listed in the assumptions table's order: chc must give the same events, the same problems
and the same ids.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = json.loads((ROOT / "tests/golden/caseload-events.json").read_text(encoding="utf-8"))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "snapshot", ROOT / "scripts/snapshot_caseload_events.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _script()


@pytest.fixture(scope="module")
def runs(script: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    return dict(script.corpora(tmp_path_factory.mktemp("corpora")))


@pytest.mark.parametrize("name", list(SNAPSHOT))
def test_every_complaint_gives_the_snapshot(
    script: ModuleType, runs: dict[str, list[str]], name: str
) -> None:
    got = json.loads(json.dumps(script.snapshot(runs[name])))
    want = SNAPSHOT[name]
    assert len(got) == len(want)

    def key(item: dict[str, object]) -> str:
        return json.dumps(item, sort_keys=True)

    for g, w in zip(got, want, strict=True):
        assert g[:4] == w[:4], f"line {w[0]} of {name}"
        assert sorted(g[4], key=key) == sorted(w[4], key=key), f"line {w[0]} of {name}"
        assert len(g[4]) == len({key(i) for i in g[4]}), "each assumption once"


def test_the_snapshot_covers_every_edition_and_a_stage_3() -> None:
    cases = [c for rows in SNAPSHOT.values() for c in rows]
    assert {c[1] for c in cases} >= {"2020", "2022", "2024"}
    assert any(e[0].startswith("stage3.") for c in cases for e in c[2])
    assert any(i["id"] == "ack-date-assumed" for c in cases for i in c[4])
