"""The regime's hazards and instrument, as people read them in the text views."""

from __future__ import annotations

from chc.hazards.regime import load_regime
from chc.hazards.words import HAZARD_WORDS, hazard_words
from conftest import run_chc


def test_every_kind_the_regime_names_has_a_readable_name() -> None:
    regime = load_regime()
    kinds = {k for row in regime.scope for k in (*row.kinds, *row.all_except)}
    assert kinds, "the shipped regime names its hazards"
    assert kinds <= set(HAZARD_WORDS), kinds - set(HAZARD_WORDS)
    assert hazard_words("falls_baths") == "falls in baths and showers"
    assert hazard_words("a_kind_of_my_own") == "a kind of my own"


def test_the_regime_view_reads_cleanly() -> None:
    r = run_chc("codes", "awaabs-law-2025")
    assert r.exit_code == 0
    text = " ".join(r.stdout.split())
    assert "(SI 2025/1042 (made" not in text  # no brackets inside brackets
    assert "SI 2025/1042 (made under section 10A" in text
    assert "falls baths" not in text and "structural collapse and falling" in text


def test_one_report_names_its_hazard_in_words() -> None:
    r = run_chc(
        "hazards", "--aware", "2026-12-04", "--track", "significant", "--hazard",
        "falls_baths", "--phase-start", "2026-06-01", "--as-of", "2026-12-10",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "(falls in baths and showers)" in r.stdout and "falls baths" not in r.stdout
