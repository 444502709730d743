"""The report's figures are defined once, in chc.report.definitions: docs/report.md's table is
made from those rows, the report's Method reads its meanings from them, and the rows name
exactly the figures the report computes.
"""

from __future__ import annotations

from datetime import date

import pytest

from chc.report.definitions import DEFINITIONS, Definition, by_key, markdown_table, meaning
from chc.report.figures import build
from chc.report.options import Options
from chc.workdays import calendar_for
from conftest import EXAMPLES, ROOT, Golden

DOCS = ROOT / "docs" / "report.md"
TABLE_HEAD = "| key | figure | definition |\n"


def computed_keys() -> set[str]:
    options = Options(homes=5762, start=date(2023, 4, 1), end=date(2024, 3, 31), landlord="X")
    report = build(EXAMPLES / "cases-2023-24.csv", options, calendar_for())
    return set(report.figures)


def test_the_docs_table_is_what_the_definitions_render(golden: Golden) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(TABLE_HEAD, text.index("\n## Figures\n"))
    end = text.index("\n\n", start) + 1  # the table ends at the first blank line
    # Compared through the golden fixture, so `pytest --update-golden` rewrites the table.
    golden(DOCS, text[:start] + markdown_table() + text[end:])


def test_every_figure_the_report_computes_has_a_row_and_no_row_is_stale() -> None:
    computed = computed_keys()
    defined = set(by_key())
    assert computed - defined == set(), "figures without a row in chc.report.definitions"
    assert defined - computed == set(), "rows naming a figure the report does not compute"


def test_the_keys_named_in_the_issue_are_among_them() -> None:
    # From issue 11 and docs/report.md, written out by hand.
    named = {
        "received_stage1", "ch01_stage1", "ch02_stage2", "days_mean_stage1", "extended_stage1",
        "beyond_limit_stage1", "ack_on_time_stage1", "refused", "refused_counted_late",
        "withdrawn", "escalation_rate", "upheld_rate", "remedies", "open_at_end",
        "overdue_at_end",
    }  # fmt: skip
    assert named <= set(by_key())
    assert len(by_key()) == 24  # 8 figures at both stages, 8 for the whole report


def test_the_table_has_a_row_per_definition_and_every_key_in_code_quotes() -> None:
    lines = markdown_table().splitlines()
    assert lines[:2] == ["| key | figure | definition |", "|---|---|---|"]
    assert len(lines) == 2 + len(DEFINITIONS)
    assert lines[3].startswith("| `ch01_stage1`, `ch01_stage2` | **CH01** per 1,000 homes | ")
    assert lines[-1] == (
        "| `overdue_at_end` | of those, past their due date | with the due date including any "
        "extension the Code permits |"
    )


def test_a_pipe_or_line_break_in_a_text_cannot_split_a_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import chc.report.definitions as definitions

    row = Definition(("k",), "a | b", "one\ntwo", "m")
    monkeypatch.setattr(definitions, "DEFINITIONS", (row,))
    assert definitions.markdown_table().splitlines()[2] == "| `k` | a \\| b | one two |"


def test_meanings_are_looked_up_by_the_full_key_for_both_stages() -> None:
    assert meaning("ch02_stage1") == meaning("ch02_stage2")
    assert (meaning("ch02_stage1") or "").startswith("The Regulator's measure CH02")
    assert meaning("refused") != meaning("refused_counted_late")
    assert meaning("no_such_figure") is None


def test_the_report_method_uses_the_same_meanings() -> None:
    from chc.report import method

    for key in by_key():
        assert method.meaning(key) == by_key()[key].meaning


def test_a_key_defined_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import chc.report.definitions as definitions

    twice = (Definition(("a",), "A", "a", "a"), Definition(("b", "a"), "B", "b", "b"))
    monkeypatch.setattr(definitions, "DEFINITIONS", twice)
    definitions.by_key.cache_clear()
    try:
        with pytest.raises(ValueError, match="'a' is defined twice"):
            definitions.by_key()
    finally:
        definitions.by_key.cache_clear()


def test_a_row_without_a_key_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a key"):
        Definition((), "nothing", "", "")
