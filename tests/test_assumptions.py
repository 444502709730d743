"""The assumptions file: ids, plain statements, sources apart, validated like an edition."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from chc.codes.assumptions import (
    Assumptions,
    case_assumption,
    load_assumptions,
    load_builtin_assumptions,
)
from chc.codes.loading import builtin_editions, data_dir
from chc.errors import CodeFileError

# Wording that tells how chc was researched rather than what it does.
RESEARCH_WORDING = re.compile(
    r"could not be read|unverified|not independently|self-assessment|reproduces it|"
    r"as printed in|by continuity|no dated .* source",
    re.IGNORECASE,
)
# Other landlords and advisers, whose documents are sources, never the voice of a rule.
OTHER_BODIES = re.compile(
    r"B3Living|Slough|Lambeth|Hyde|Devonshires|TCH|Four Million Homes|Southampton|"
    r"Great Places|Longhurst|Black Country|Lincolnshire|One Housing|HQN",
    re.IGNORECASE,
)


def research_keys() -> set[str]:
    return {s.key for e in builtin_editions() for s in e.sources}


def plain_words_problems(text: str) -> list[str]:
    """What makes ``text`` research wording rather than a statement of what chc does."""
    problems = [m.group(0) for m in RESEARCH_WORDING.finditer(text)]
    problems += [m.group(0) for m in OTHER_BODIES.finditer(text)]
    words = set(re.findall(r"[A-Za-z0-9-]+", text))
    problems += sorted(k for k in research_keys() if k in words and not k.isdigit())
    return problems


def test_plain_words_finds_each_kind() -> None:
    # The check itself must be able to fail, on each kind of wording it stands guard over.
    assert plain_words_problems("the FAQs could not be read")
    assert plain_words_problems("as B3Living's 2023-24 self-assessment gives it")
    key = sorted(research_keys())[0]
    assert plain_words_problems(f"see {key}")
    assert not plain_words_problems("chc counts working days; use --region to change it.")


def test_every_statement_is_plain_words() -> None:
    table = load_builtin_assumptions()
    for a in table.assumptions:
        assert plain_words_problems(a.statement) == [], a.id
        assert a.statement.startswith("chc "), f"{a.id} says what chc does"


def test_ids_are_unique_and_stable_in_docs() -> None:
    table = load_builtin_assumptions()
    ids = [a.id for a in table.assumptions]
    assert len(ids) == len(set(ids))
    docs = (Path(__file__).parents[1] / "docs" / "assumptions.md").read_text(encoding="utf-8")
    for a in table.assumptions:
        assert f"`{a.id}`" in docs, f"{a.id} is documented"


def test_every_noted_timescale_has_an_assumption() -> None:
    # A timescale whose figure rests on a reading (it carries a note) must be covered by an
    # assumption id, or an output could rest on a reading it never names.
    table = load_builtin_assumptions()
    for edition in builtin_editions():
        for t in edition.timescales:
            if t.note:
                found = table.for_timescale(edition.edition, t.key)
                assert found, f"{edition.edition} {t.key}"


def test_case_assumption_carries_id_and_values() -> None:
    value = case_assumption("ack-date-assumed", stage=2, date="2026-01-30")
    assert value == {"id": "ack-date-assumed", "stage": 2, "date": "2026-01-30"}
    stated = load_builtin_assumptions().get("ack-date-assumed").state(stage=2, date="2026-01-30")
    assert "stage 2" in stated and "2026-01-30" in stated
    with pytest.raises(ValueError, match="needs date"):
        case_assumption("ack-date-assumed", stage=2)
    with pytest.raises(KeyError):
        case_assumption("no-such-id")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "assumptions.yaml"
    path.write_text(body, encoding="utf-8")
    return path


ENTRY = """\
  - id: {id}
    kind: {kind}
    statement: "{statement}"
    sources: ["a source"]
"""


@pytest.mark.parametrize(
    ("entries", "message", "line"),
    [
        (
            [("a-b", "standing", "chc does x."), ("a-b", "standing", "chc does y.")],
            "given twice",
            7,
        ),
        ([("Bad_Id", "standing", "chc does x.")], "pattern", 3),
        ([("a-b", "standing", "chc counts from {date}.")], "no values", 3),
        ([("a-b", "standing", "chc does x. It does y. And z.")], "one or two sentences", 3),
    ],
)
def test_bad_file_is_refused_with_its_place(
    tmp_path: Path, entries: list[tuple[str, str, str]], message: str, line: int
) -> None:
    body = "schema: 1\nassumptions:\n" + "".join(
        ENTRY.format(id=i, kind=k, statement=s) for i, k, s in entries
    )
    with pytest.raises(CodeFileError, match=message) as info:
        load_assumptions(_write(tmp_path, body))
    assert str(tmp_path / "assumptions.yaml") in str(info.value)
    assert info.value.line is not None and info.value.line >= line


def test_unknown_timescale_is_refused_at_its_line(tmp_path: Path) -> None:
    body = (
        "schema: 1\nassumptions:\n"
        + ENTRY.format(id="a-b", kind="standing", statement="chc does x.")
        + '    applies_to:\n      - {edition: "2024", timescales: [stage9.respond]}\n'
    )
    with pytest.raises(CodeFileError, match=r"no timescale stage9\.respond") as info:
        load_assumptions(_write(tmp_path, body))
    assert info.value.line == 8


def test_shipped_file_is_beside_the_editions() -> None:
    assert (data_dir() / "assumptions.yaml").is_file()
    assert isinstance(load_builtin_assumptions(), Assumptions)


def test_a_shipped_timescale_rests_on_its_counting_rules() -> None:
    # What any timescale's unit, clock start and kind bring in (a working day, an extension
    # added to the due date, logging taken as acknowledgement) is in the table's entry for
    # every shipped timescale of that shape: a user's Code file gets those and no more.
    from chc.codes.assumed import by_kind
    from chc.codes.timetable import builtin_timetable

    for name in ("2020", "2022", "2024"):
        for rule in builtin_timetable(name).rules:
            missing = set(by_kind(rule.key, rule.unit, rule.from_event)) - set(rule.assumes)
            assert not missing, (name, rule.key, missing)


def test_a_code_file_rests_on_chc_counting_rules_not_the_editions_readings(
    tmp_path: Path,
) -> None:
    from chc.codes.timetable import builtin_timetable, load_timetable

    own = tmp_path / "our-code.yaml"
    own.write_text((data_dir() / "2024.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    mine = load_timetable(own)
    shipped = builtin_timetable("2024")
    respond = mine.timescale("stage1.respond")
    assert respond is not None and respond.assumes == ("working-day",)
    # The shipped edition's own, the same rule but for the reading of 6.3 the table names.
    ours = dataclasses.replace(respond, assumes=("working-day", "respond-from-acknowledgement"))
    assert shipped.timescale("stage1.respond") == ours
    extension = mine.timescale("stage1.extension")
    assert extension is not None
    assert extension.assumes == ("working-day", "extension-from-due-date")


def test_statements_come_from_the_table_in_its_order() -> None:
    from chc.codes.assumed import Assumed, ordered, statement, table

    entries = load_builtin_assumptions().assumptions
    assert list(table()) == [a.id for a in entries]
    late = Assumed("ack-date-assumed", (("stage", 2), ("date", "2024-06-27")))
    early = Assumed("ack-date-assumed", (("stage", 1), ("date", "2024-05-09")))
    got = ordered([late, Assumed("closure-days-not-working"), early, Assumed("working-day"), late])
    assert got == (Assumed("working-day"), Assumed("closure-days-not-working"), early, late)
    assert "stage 2 response from the acknowledgement due date, 2024-06-27" in late.statement()
    assert statement("working-day") == " ".join(entries[0].statement.split())


def test_what_chc_does_is_said_before_how_to_change_it() -> None:
    # A board's report states only what chc did (chc.codes.assumed.effect): that part of
    # every statement names no option and no file of chc's.
    from chc.codes.assumed import effect, table

    for aid in table():
        what = effect(aid)
        assert what.startswith("chc ") and what.endswith("."), aid
        assert "--" not in what and "Code file" not in what, (aid, what)
