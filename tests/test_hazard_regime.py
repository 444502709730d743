"""The Awaab's Law regime file: a conformance battery, the fact sheet's figures pinned, and
the loader's located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chc.errors import CodeFileError
from chc.hazards.regime import BUILTIN_REGIMES, load_builtin_regime, load_regime
from conftest import CODE_VERSIONS, run_chc

REGIME_FILE = CODE_VERSIONS / "awaabs-law-2025.yaml"

# The fact sheet's §2 table, typed by hand from it: (limit, unit, counts from, row).
FACT_SHEET = {
    "emergency.investigate": (24, "hours", "aware", "A1"),
    "emergency.make_safe": (24, "hours", "aware", "A2"),
    "emergency.summary": (3, "working_days", "concluded", "A4"),
    "significant.investigate": (10, "working_days", "aware", "B1"),
    "significant.summary": (3, "working_days", "concluded", "B2"),
    "significant.make_safe": (5, "working_days", "concluded", "B3"),
    "significant.further_works_begin": (5, "working_days", "concluded", "B4"),
    "significant.further_works_start": (12, "weeks", "concluded", "B5"),
}
# The points the fact sheet marks Unverified, and the assumption each step must name.
UNVERIFIED = {
    "emergency.make_safe": "AL-MAKE-SAFE-START",
    "emergency.summary": "AL-EMERGENCY-SUMMARY",
    "significant.further_works_start": "AL-TWELVE-WEEKS-START",
    "significant.investigate": "AL-WORKING-DAY",
    "significant.summary": "AL-DAY-ZERO",
}


def test_the_shipped_regime_loads_and_names_itself() -> None:
    regime = load_builtin_regime()
    assert BUILTIN_REGIMES == ("awaabs-law-2025",)
    assert regime.regime == "awaabs-law-2025"
    assert regime.in_force_from.isoformat() == "2025-10-27"
    assert regime.time_zone == "Europe/London"


def test_every_step_matches_the_fact_sheet() -> None:
    regime = load_regime()
    found = {s.key: (s.limit, s.unit, s.from_event, s.row) for s in regime.steps}
    assert found == FACT_SHEET


@pytest.mark.parametrize(("key", "assumption"), sorted(UNVERIFIED.items()))
def test_unverified_points_carry_their_assumption(key: str, assumption: str) -> None:
    step = load_regime().step(key)
    assert step is not None
    assert assumption in step.assumptions


def test_every_fact_has_sources_and_a_confidence_mark() -> None:
    regime = load_regime()
    keys = {s.key for s in regime.sources}
    for fact in [*regime.steps, *regime.scope]:
        assert fact.cites and set(fact.cites) <= keys
        assert fact.confidence in ("verified", "unverified")
        assert fact.tiers
    for a in regime.assumptions:
        assert a.question.startswith("Q")


def test_the_24_hour_stops_are_the_fact_sheets_three() -> None:
    step = load_regime().step("emergency.make_safe")
    assert step is not None
    assert step.stopped_by == ["decanted", "consent_refused", "no_hazard"]
    assert all(not s.stopped_by for s in load_regime().steps if s.unit != "hours")


def test_scope_dates_phase_one_and_leaves_phase_two_undated() -> None:
    rows = {(r.phase, r.track): r for r in load_regime().scope}
    assert rows[1, "emergency"].all_except == ["crowding_and_space"]
    assert rows[1, "significant"].kinds == ["damp_and_mould"]
    assert rows[2, "significant"].status == "planned"
    assert rows[2, "significant"].in_force_from is None
    assert "excess_cold" in rows[2, "significant"].kinds
    assert rows[2, "significant"].confidence == "unverified"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = REGIME_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "regime.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    unit: hours\n", "    unit: minutes\n", "unit"),
        ("    cites: [R1, R2, N3, T4]\n", "    cites: [R1, Z9]\n", "cites 'Z9'"),
        (
            "    assumptions: [AL-OUT-OF-HOURS, AL-CLOCK-CHANGE]\n",
            "    assumptions: [AL-NOWHERE]\n",
            "AL-NOWHERE",
        ),
        (
            "    tiers: [O]\n    assumptions: [AL-EMERGENCY-SUMMARY, AL-WORKING-DAY, AL-DAY-ZERO, "
            "AL-SUMMARY-EXCEPTION]\n",
            "    tiers: [O]\n",
            "unverified point",
        ),
        ("    limit: 10\n", "    limit: 10\n    limt: 3\n", "limt"),
    ],
)
def test_a_broken_regime_is_located(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(CodeFileError) as caught:
        load_regime(path)
    err = caught.value
    assert message in str(err)
    assert err.file == str(path)
    assert err.line is not None and err.line > 1


def test_chc_codes_lists_and_shows_the_regime(tmp_path: Path) -> None:
    listing = json.loads(run_chc("codes", "--format", "json").stdout)
    assert listing["regimes"] == [
        {
            "regime": "awaabs-law-2025",
            "title": load_regime().title,
            "in_force_from": "2025-10-27",
            "statutory": True,
            "step_count": 8,
            "unverified": 3,
        }
    ]
    shown = run_chc("codes", "awaabs-law-2025")
    assert shown.exit_code == 0
    assert "Start further works on site: 12 weeks from the investigation concluding" in (
        shown.stdout
    )
    regime = load_regime()
    twelve = regime.assumption_text["AL-TWELVE-WEEKS-START"]
    assert " ".join(twelve.split()[:6]) in " ".join(shown.stdout.split())
    data = json.loads(run_chc("codes", "awaabs-law-2025", "-f", "json").stdout)
    assert [s["key"] for s in data["steps"]] == list(FACT_SHEET)
    own = _broken(tmp_path, "    limit: 10\n", "    limit: 11\n")
    mine = json.loads(run_chc("codes", str(own), "-f", "json").stdout)
    assert mine["steps"][3]["limit"] == 11


def test_chc_codes_refuses_provision_filters_on_the_regime() -> None:
    r = run_chc("codes", "awaabs-law-2025", "--section", "1")
    assert r.exit_code == 2
    assert "a regime has steps, not provisions" in r.stderr


def test_the_regime_text_view_speaks_a_complaints_officers_words() -> None:
    """Step names, limits and what each counts from; the open points as what chc
    assumes; no step key, assumption id, question number or research mark (JSON's)."""
    import re

    shown = run_chc("codes", "awaabs-law-2025")
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    data = json.loads(run_chc("codes", "awaabs-law-2025", "-f", "json").stdout)
    for step in data["steps"]:
        assert step["key"] not in text
    for a in data["assumptions"]:
        assert a["id"] not in text
        assert " ".join(a["text"].split()) in text  # each open point, once, in full
        assert text.count(" ".join(a["text"].split())) == 1
    assert not re.search(r"\b(verified|unverified)\b|\([LOP](/[LOP])*\)|\bQ[0-9]+\b", text)
    assert "Make the home safe: 24 hours from awareness" in text
    assert "Investigate the hazard: 10 working days from awareness" in text
    assert "stops applying on: household moved out" in text
    assert "27 October 2025" in text and "planned for 2026, no date confirmed" in text
    assert "Open points: what chc assumes" in text
