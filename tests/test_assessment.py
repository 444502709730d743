"""chc self-assessment: the answers file, scaffold, carry-forward, pre-fill and check.

Rendering (golden files, escaping, the browser check) is in test_assessment_render.py.

Golden files live in tests/golden/ and are compared through conftest's `golden` fixture: after
an intended change, `.venv/bin/pytest --update-golden` rewrites them (and fails), then review
the diff (git diff tests/golden examples) and run again.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from chc.assessment.answers import Answer, check_answers, load_answers, read_answers
from chc.assessment.carry import answers_from_policy, carry_forward, crosswalk
from chc.assessment.render import form_groups, scaffold
from chc.codes.loading import load_builtin
from chc.errors import AnswersError, InputError
from conftest import CODE_VERSIONS, EXAMPLES, Golden, run_chc

EDITIONS = ("2020", "2022", "2024")
ITEM_KEY = re.compile(r"^  [\"']?([Q0-9.]+)[\"']?:", re.MULTILINE)


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- scaffold -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", EDITIONS)
def test_scaffold_has_every_form_item_in_form_order_and_loads_empty(
    tmp_path: Path, name: str
) -> None:
    edition = load_builtin(name)
    path = write(tmp_path, scaffold(edition, code=name))
    loaded = load_answers(path)
    expected = [p.id for _, _, ps in form_groups(edition) for p in ps]
    assert list(loaded.answers) == expected
    assert set(expected) == {p.id for p in edition.self_assessed}
    assert all(a.is_empty for a in loaded.answers.values())
    report = check_answers(loaded, today=date(2024, 6, 1))
    assert {p.check for p in report.problems} == {"unanswered"}
    assert report.errors == 0


def test_scaffold_puts_the_requirement_summary_in_a_comment_above_each_item() -> None:
    edition = load_builtin("2024")
    text = scaffold(edition, code="2024")
    lines = text.splitlines()
    at = lines.index('  "6.2":')
    above = " ".join(line.strip("# ") for line in lines[at - 4 : at])
    assert "6.2 (must) Stage 1 acknowledgement" in above
    assert "five working days" in above
    assert lines[at + 1 : at + 6] == [
        "    comply:",
        "    evidence:",
        "    commentary:",
        "    action:",
        "    target_date:",
    ]


def test_scaffold_splits_2022_sections_into_must_and_should() -> None:
    text = scaffold(load_builtin("2022"), code="2022")
    must = text.index("Section 1: Definition of a complaint: Mandatory 'must' requirements")
    should = text.index("Section 1: Definition of a complaint: Best practice 'should' requirements")
    assert must < text.index('"1.9":') < should < text.index('"1.4":')


def test_scaffold_matches_golden(golden: Golden) -> None:
    text = scaffold(load_builtin("2024"), code="2024", landlord="Example Homes")
    golden("scaffold-2024.yaml", text)


def test_scaffold_text_survives_awkward_values(tmp_path: Path) -> None:
    awkward = {
        "1.2": Answer(comply="yes", evidence='He said: "no" # not a comment', action="true"),
        "1.3": Answer(comply="no", commentary="Line one\n\n  indented\nend", evidence=" lead"),
        "1.4": Answer(
            comply="partly", evidence="tab\there \u2028 sep", target_date=date(2025, 1, 2)
        ),
    }
    path = write(tmp_path, scaffold(load_builtin("2024"), code="2024", answers=awkward))
    loaded = load_answers(path)
    for pid, answer in awkward.items():
        expected = answer.model_copy(update={"evidence": (answer.evidence or "").strip() or None})
        assert loaded.answers[pid] == expected


def test_round_trip_editing_keeps_comments_and_order(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    text = scaffold(load_builtin("2024"), code="2024")
    yaml = YAML(typ="rt")
    data = yaml.load(text)
    data["items"]["6.2"]["comply"] = "yes"
    out = StringIO()
    yaml.dump(data, out)
    edited = out.getvalue()
    assert edited.count("\n  # ") == text.count("\n  # ")
    assert "6.2 (must) Stage 1 acknowledgement" in edited
    assert ITEM_KEY.findall(edited) == ITEM_KEY.findall(text)
    assert len(ITEM_KEY.findall(text)) == 72
    loaded = load_answers(write(tmp_path, edited))
    assert loaded.answers["6.2"].comply == "yes"


def test_cli_scaffold_writes_and_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    first = run_chc("self-assessment", "scaffold", "--code", "2024", "-o", str(out))
    assert first.exit_code == 0
    assert '"9.8":' in out.read_text(encoding="utf-8")
    out.write_text("# mine\n", encoding="utf-8")
    again = run_chc("self-assessment", "scaffold", "--code", "2024", "-o", str(out))
    assert again.exit_code == 2
    assert "already exists; use --force" in again.stderr
    assert out.read_text(encoding="utf-8") == "# mine\n"
    forced = run_chc(
        "self-assessment", "scaffold", "--code", "2024", "-o", str(out), "--force",
        "--landlord", "Acme", "--period", "2024-25",
    )  # fmt: skip
    assert forced.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'landlord: Acme\nperiod: "2024-25"\n' in text


def test_cli_scaffold_to_stdout_and_needs_code() -> None:
    shown = run_chc("self-assessment", "scaffold", "--code", "2020")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("# Self-assessment answers for chc")
    assert "  Q8.3:" not in shown.stdout and '  "Q8.3":' in shown.stdout
    missing = run_chc("self-assessment", "scaffold")
    assert missing.exit_code == 2
    assert "--code 2024" in missing.stderr


# -- pre-filling from a policy check -------------------------------------------------------


def test_from_policy_fills_what_the_checks_decide(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    policy = EXAMPLES / "policy-2024-seed004.yaml"
    result = run_chc(
        "self-assessment",
        "scaffold",
        "--code",
        "2024",
        "--from-policy",
        str(policy),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    answers = load_answers(out).answers
    # 6.3: its one check passes -> yes, the finding as evidence, marked for review.
    assert answers["6.3"].comply == "yes"
    assert answers["6.3"].machine_filled
    # Evidence cites the policy's own section (its 7.3), never a line of the YAML file,
    # which a reader of the published self-assessment does not have (issue 26).
    evidence = answers["6.3"].evidence or ""
    assert "Customer Complaint Policy, 7.3: Stage 1: response within 10 working days." in evidence
    assert "(line " not in evidence and not evidence.startswith("Policy ")
    # 5.2: a check fails -> no, with the finding in the commentary.
    assert answers["5.2"].comply == "no"
    assert "step(s) before stage 1" in (answers["5.2"].commentary or "")
    # 2.3: one pass and one not stated -> left for a person; 1.4 has no check.
    assert answers["2.3"].is_empty
    assert answers["1.4"].is_empty
    checks = {p.check for p in check_answers(load_answers(out), today=date(2024, 6, 1)).problems}
    assert "machine-filled" in checks


def test_answers_from_policy_covers_only_pass_and_fail() -> None:
    from chc.policy.findings import check_policy
    from chc.policy.model import load_policy

    report = check_policy(load_policy(EXAMPLES / "policy-2024-seed004.yaml"), load_builtin("2024"))
    filled = answers_from_policy(report)
    statuses = report.provision_status()
    assert set(filled) == {pid for pid, s in statuses.items() if s in ("pass", "fail")}
    assert {filled[pid].comply for pid in filled} == {"yes", "no"}


# -- carrying answers forward --------------------------------------------------------------


def test_crosswalk_follows_previously_and_chains_editions() -> None:
    e2024 = load_builtin("2024")
    walk = crosswalk(e2024, "2022")
    assert walk["6.2"] == ["4.1"]
    assert crosswalk(e2024, "2024")["6.2"] == ["6.2"]
    chained = crosswalk(e2024, "2020")
    e2022 = load_builtin("2022")
    for old in walk["6.2"]:
        for older in e2022.provision(old).previously:  # type: ignore[union-attr]
            assert older in chained["6.2"]
    with pytest.raises(InputError, match="carried forward only"):
        crosswalk(load_builtin("2022"), "2024")


def test_carry_forward_2022_to_2024(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    previous = EXAMPLES / "answers-2022.yaml"
    result = run_chc(
        "self-assessment", "scaffold", "--code", "2024", "--from", str(previous), "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    old = load_answers(previous)
    new = load_answers(out)
    # A 2022 answer for 4.1 lands on 2024's 6.2.
    assert new.answers["6.2"].evidence == old.answers["4.1"].evidence
    assert new.landlord == old.landlord
    text = out.read_text(encoding="utf-8")
    assert "# carried from 2022 4.1: review it for this year" in text
    # 2024 5.6 continues 2022 4.2 and 5.10: combined, and the commentary says so.
    combined = new.answers["5.6"]
    assert (combined.commentary or "").startswith("Combined from the 2022 answers to 4.2, 5.10")
    assert "2022 4.2: Customer Feedback policy, 3.2.6." in (combined.evidence or "")
    # Every answered 2022 item no 2024 provision continues is listed, and nothing else.
    e2024 = load_builtin("2024")
    successors = {o for p in e2024.self_assessed for o in p.previously}
    lost = sorted(
        (k for k, a in old.answers.items() if not a.is_empty and k not in successors),
        key=lambda k: [int(x) for x in k.split(".")],
    )
    assert lost, "the example should exercise the not-carried list"
    assert f"Not carried (no successor in the 2024 edition): 2022 {', '.join(lost)}" in (
        result.stderr.replace("\n", " ")
    )


def test_combine_rules(tmp_path: Path) -> None:
    text = """\
code: "2022"
items:
  "4.2": {comply: yes, evidence: A, target_date: 2024-09-01}
  "5.10": {comply: no, commentary: B, action: Fix it, target_date: 2024-08-01}
"""
    carried = carry_forward(load_answers(write(tmp_path, text)), load_builtin("2024"))
    combined = carried.answers["5.6"]
    assert combined.comply == "partly"
    assert combined.target_date == date(2024, 8, 1)
    assert combined.evidence == "2022 4.2: A"
    assert combined.action == "2022 5.10: Fix it"
    assert "(4.2 yes, 5.10 no)" in (combined.commentary or "")
    assert carried.notes["5.6"] == "combined from 2022 4.2, 5.10: review it for this year"


def test_carry_backwards_is_refused(tmp_path: Path) -> None:
    result = run_chc(
        "self-assessment", "scaffold", "--code", "2022",
        "--from", str(EXAMPLES / "answers-2024.yaml"), "-o", str(tmp_path / "a.yaml"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "carried forward only" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_from_policy_fills_only_what_from_left_empty(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    result = run_chc(
        "self-assessment", "scaffold", "--code", "2024",
        "--from", str(EXAMPLES / "answers-2022.yaml"),
        "--from-policy", str(EXAMPLES / "policy-2024-seed004.yaml"), "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    answers = load_answers(out).answers
    assert not answers["6.2"].machine_filled  # carried from 2022 4.1 by a person
    assert answers["5.2"].machine_filled or not answers["5.2"].is_empty


# -- check: one case per message ---------------------------------------------------------

HEAD = 'code: "2024"\nitems:\n'


def only(problems: list[dict[str, object]], check: str) -> dict[str, object]:
    found = [p for p in problems if p["check"] == check]
    assert len(found) == 1, problems
    return found[0]


CASES = [
    # (items text, check, severity, line, column, words in the message)
    ('  "10.1": {comply: yes}\n', "unknown-id", "error", 3, 3, "no item 10.1"),
    (
        '  "1.1": {comply: yes}\n',
        "unknown-id",
        "error",
        3,
        3,
        "not on the 2024 self-assessment form",
    ),
    (
        '  "6.1": {}\n  " 6.1": {}\n',
        "duplicate-id",
        "error",
        4,
        3,
        "answered twice (first at line 3)",
    ),
    ("  6.10: {comply: yes}\n", "bad-id", "error", 3, 3, 'write it in quotes, "6.1"'),
    ('  "6.1": {comply: maybe}\n', "bad-comply", "error", 3, 11, "not 'maybe'"),
    ('  "6.1": {comply: true}\n', "bad-comply", "error", 3, 11, "not true"),
    ('  "6.1": {evidence: [a, b]}\n', "bad-type", "error", 3, 11, "evidence must be text"),
    ('  "6.1": [yes]\n', "bad-type", "error", 3, 3, "expected the fields"),
    ('  "6.1": {target_date: 2025-02-30}\n', "bad-date", "error", 3, 11, "February 2025 has 28"),
    ('  "6.1": {target_date: 20250101}\n', "bad-date", "error", 3, 11, "YYYY-MM-DD"),
    ('  "6.1": {evidance: x}\n', "unknown-field", "error", 3, 11, "unknown field 'evidance'"),
    ('  "6.1": {comply: yes}\n', "no-evidence", "warning", 4, 5, '"yes" with no evidence'),
    ('  "6.1": {comply: no, target_date: 2030-01-01}\n', "no-explanation", "warning", 4, 5, "why"),
    ('  "6.1": {comply: partly, commentary: x}\n', "no-target-date", "warning", 4, 5, "by when"),
    (
        '  "6.1": {comply: yes, evidence: x, target_date: 2024-05-31}\n',
        "past-target-date",
        "warning",
        6,
        5,
        "before 2024-06-01",
    ),
    (
        '  "6.1": {comply: yes, evidence: x, machine_filled: true}\n',
        "machine-filled",
        "warning",
        6,
        5,
        "review it",
    ),
    ('  "6.1":\n', "unanswered", "warning", 3, 3, "comply is empty"),
    (
        '  "6.1": {comply: yes, evidence: x}\n',
        "missing-item",
        "warning",
        2,
        1,
        "6.2 is not answered",
    ),
]


@pytest.mark.parametrize(
    ("items", "check", "severity", "line", "column", "words"),
    CASES,
    ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_check_reports_each_problem_where_it_is(
    tmp_path: Path, items: str, check: str, severity: str, line: int, column: int, words: str
) -> None:
    # Errors are written as flow mappings (the field on the item's line); warnings in block
    # style, as people write them, so that each field has its own line.
    text = HEAD + items
    if severity == "warning" and check not in ("unanswered", "missing-item"):
        text = HEAD + _block(items)
    path = write(tmp_path, text)
    result = run_chc("self-assessment", "check", str(path), "--today", "2024-06-01", "-f", "json")
    data = json.loads(result.stdout)
    problems = [
        p for p in data["problems"] if p["check"] != "missing-item" or check == "missing-item"
    ]
    if check == "missing-item":
        found = next(p for p in problems if p["item"] == "6.2")
    else:
        found = only(problems, check)
    assert (found["severity"], found["line"], found["column"]) == (severity, line, column)
    assert words in str(found["message"])
    assert found["file"] == str(path)
    assert result.exit_code == (2 if severity == "error" else 0)


def _block(items: str) -> str:
    """`  "6.1": {a: 1, b: 2}` as block style, so each field has its own line."""
    key, _, flow = items.strip().partition(": ")
    fields = [f.strip() for f in flow.strip("{}").split(", ")]
    return f"  {key}:\n" + "".join(f"    {f}\n" for f in fields)


def test_check_lists_every_error_not_just_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD + '  "10.1": {}\n  "6.1": {comply: maybe}\n  "6.2": {target_date: 2025-02-30}\n',
    )
    report = check_answers(read_answers(path), today=date(2024, 6, 1))
    assert [(p.line, p.check) for p in report.problems if p.severity == "error"] == [
        (3, "unknown-id"),
        (4, "bad-comply"),
        (5, "bad-date"),
    ]


def test_check_exit_codes(tmp_path: Path) -> None:
    edition = load_builtin("2024")
    full = {p.id: Answer(comply="yes", evidence="x") for p in edition.self_assessed}
    clean = write(tmp_path, scaffold(edition, code="2024", answers=full), "clean.yaml")
    warned = write(tmp_path, scaffold(edition, code="2024"), "warned.yaml")
    bad = write(tmp_path, HEAD + '  "6.1": {comply: maybe}\n', "bad.yaml")
    assert run_chc("self-assessment", "check", str(clean), "--strict").exit_code == 0
    assert run_chc("self-assessment", "check", str(warned)).exit_code == 0
    assert run_chc("self-assessment", "check", str(warned), "--strict").exit_code == 1
    assert run_chc("self-assessment", "check", str(bad)).exit_code == 2
    text = run_chc("self-assessment", "check", str(clean), "--today", "2024-06-01")
    assert "0 error(s), 0 warning(s); 72 of 72 items answered" in " ".join(text.stdout.split())


def test_check_json_shape(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '  "6.1":\n    comply: no\n    evidence: x\n')
    result = run_chc("self-assessment", "check", str(path), "--today", "2024-06-01", "-f", "json")
    data = json.loads(result.stdout)
    assert data["problems"][0] == {
        "file": str(path),
        "line": 2,
        "column": 1,
        "severity": "warning",
        "item": "1.2",
        "check": "missing-item",
        "message": "1.2 is not answered: add it",
    }
    mine = [p for p in data["problems"] if p["item"] == "6.1"]
    assert mine == [
        {
            "file": str(path),
            "line": 4,
            "column": 5,
            "severity": "warning",
            "item": "6.1",
            "check": "no-explanation",
            "message": '6.1: "no" needs commentary explaining why',
        },
        {
            "file": str(path),
            "line": 4,
            "column": 5,
            "severity": "warning",
            "item": "6.1",
            "check": "no-target-date",
            "message": '6.1: "no" needs a target_date: by when the landlord will comply',
        },
    ]
    assert {k: v for k, v in data.items() if k != "problems"} == {
        "file": str(path),
        "code": "2024",
        "today": "2024-06-01",
        "summary": {"items": 72, "answered": 1, "errors": 0, "warnings": 73},
    }


def test_comply_accepts_case_and_na() -> None:
    assert Answer.model_validate({"comply": " Yes "}).comply == "yes"
    assert Answer.model_validate({"comply": "N/A"}).comply == "not applicable"
    assert Answer.model_validate({"comply": ""}).comply is None


def test_examples_check_clean_of_errors() -> None:
    for name, today in (("answers-2022.yaml", "2022-12-31"), ("answers-2024.yaml", "2024-06-30")):
        result = run_chc("self-assessment", "check", str(EXAMPLES / name), "--today", today)
        assert result.exit_code == 0, result.stdout
        # The summary wraps at the terminal's width, where depends on the file's path.
        assert " 0 error(s)" in " ".join(result.stdout.split())


def test_code_file_named_in_the_answers_is_found_beside_them(tmp_path: Path) -> None:
    shutil.copy(CODE_VERSIONS / "2024.yaml", tmp_path / "my-code.yaml")
    sub = tmp_path / "run"
    sub.mkdir()
    path = write(tmp_path, 'code: my-code.yaml\nitems:\n  "6.1": {comply: yes, evidence: x}\n')
    loaded = load_answers(path)
    assert loaded.edition.edition == "2024"
    # scaffold writes the path so that it is found from where the answers are.
    out = sub / "answers.yaml"
    made = run_chc(
        "self-assessment", "scaffold", "--code", str(tmp_path / "my-code.yaml"), "-o", str(out)
    )
    assert made.exit_code == 0, made.stderr
    assert '\ncode: "../my-code.yaml"\n' in out.read_text(encoding="utf-8")
    assert load_answers(out).edition.edition == "2024"


# -- bad input: one message with file, line and column, exit 2 ---------------------------

BAD = [
    ("missing", None, "file not found", None),
    ("invalid", 'code: "2024"\nitems: [\n', "invalid YAML", 3),
    ("duplicate key", 'code: "2024"\nitems:\n  "6.1": {}\n  "6.1": {}\n', "duplicate key", 4),
    ("wrong type", 'code: "2024"\nitems: [a, b]\n', "items: ", 2),
    ("unknown field", 'code: "2024"\nlandlrd: x\n', "unknown field", 2),
    ("unknown code", 'code: "2019"\nitems: {}\n', "unknown Code edition '2019'", 1),
    ("no code", "items: {}\n", "code: required field is missing", 1),
    ("unknown id", 'code: "2024"\nitems:\n  "10.1": {}\n', "no item 10.1", 3),
    (
        "impossible date",
        'code: "2024"\nitems:\n  "6.1": {target_date: 2025-02-30}\n',
        "2025-02-30",
        3,
    ),
    ("empty", "", "the file is empty", None),
    ("not a mapping", "- a\n", "must be a YAML mapping", None),
    ("both years", 'code: "2024"\nperiod: a\nyear: b\n', "period or year, not both", 1),
]


@pytest.mark.parametrize(("case", "text", "words", "line"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize("command", ["check", "render"])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, case: str, text: str | None, words: str, line: int | None, command: str
) -> None:
    path = tmp_path / "answers.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    result = run_chc("self-assessment", command, str(path))
    if command == "check" and case in ("unknown id", "impossible date"):
        # check lists item errors as findings rather than stopping at the first.
        assert result.exit_code == 2
        assert f"{path}:{line}:" in result.stdout and words in result.stdout
        return
    assert result.exit_code == 2, result.stdout
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in message
    assert message.startswith(f"chc: error: {path}" + (f":{line}:" if line else ":"))
    assert words in message


def test_bad_today_and_unknown_scaffold_code() -> None:
    bad_day = run_chc(
        "self-assessment", "check", str(EXAMPLES / "answers-2024.yaml"), "--today", "2024-02-30"
    )
    assert bad_day.exit_code == 2 and "February 2024 has 29 days" in bad_day.stderr
    bad_code = run_chc("self-assessment", "scaffold", "--code", "2019")
    assert bad_code.exit_code == 2 and "unknown Code edition '2019'" in bad_code.stderr


def test_load_answers_raises_the_first_item_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '  "6.1": {comply: maybe}\n  "10.1": {}\n')
    with pytest.raises(AnswersError) as info:
        load_answers(path)
    assert (info.value.line, info.value.column) == (3, 11)
