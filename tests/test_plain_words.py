"""Every text a person reads says what chc does, never how chc was researched (issue 24,
"Plain words"): no account of what could or could not be read or checked, no research keys,
no other landlord's or adviser's document cited as the source of a rule, and no YAML paths
or event keys in people's views. Sources stay in the data's `sources`, its YAML comments and
docs/sources.md."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from chc.yamlio import load_yaml
from conftest import run_chc

ROOT = Path(__file__).resolve().parent.parent
CODE_VERSIONS = ROOT / "code_versions"
EXAMPLES = ROOT / "examples"
EDITIONS = ("2020", "2022", "2024")
DATA_FILES = sorted(CODE_VERSIONS.glob("*.yaml"))

# What is told to a person, wherever it sits in a data file.
SPOKEN_FIELDS = frozenset(
    {
        *("note", "summary", "title", "statement", "text", "ends_text"),
        *("review", "counts_from_review", "above_max_review"),
    }
)
# An account of research: what could or could not be read, checked or verified.
RESEARCH_WORDING = re.compile(
    r"could\s+not\s+be\s+(?:read|checked|found|retrieved)|could\s+be\s+read|"
    r"\bunverified\b|\bnot\s+(?:independently\s+)?verified\b|\bverified\b|"
    r"\bcorroborated\b|\breproduces\s+it\b|by\s+continuity|mapping\s+table|research\s+sheet|"
    r"also\s+checked\s+in",
    re.IGNORECASE,
)
# Other landlords, advisers and third-party summaries: sources of research, never of a rule.
OTHER_BODIES = re.compile(
    r"\b(?:B3Living|Slough|Lambeth|Hyde|Devonshires|Penningtons|TCH|Black\s+Country|"
    r"Southampton|Great\s+Places|Longhurst|Lincolnshire|One\s+Housing|Norwich|Oxford|"
    r"Great\s+Yarmouth|South\s+Norfolk|MCC|Four\s+Million\s+Homes|Support\s+for\s+Tenants|"
    r"Tozers|Cornerstone|Wrekin|Hull|Housing21|Inside\s+Government|Uttlesford|"
    r"Local\s+Government\s+Lawyer|ARCH)\b",
    re.IGNORECASE,
)
# The data's own names, which belong in JSON and the files, not in a person's view.
EVENT_KEYS = (
    "issue_occurred",
    "issue_or_awareness",
    "escalation_requested",
    "due_date",
    "complaint_time_limit",
)
DATA_NAMES = re.compile(
    r"\bstage[1-3]\.(?:acknowledge|respond|extension)\b|"
    + "|".join(rf"\b{k}\b" for k in EVENT_KEYS)
    + r"|`\w+:`|\b(?:previously|cites|applies_to):(?=\s)"
)


def _sources(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                yield from (s["key"] for s in value if isinstance(s, dict) and "key" in s)
            else:
                yield from _sources(value)
    elif isinstance(data, list):
        for item in data:
            yield from _sources(item)


def research_keys() -> set[str]:
    keys: set[str] = set()
    for path in DATA_FILES:
        keys |= set(_sources(load_yaml(path)))
    return {k for k in keys if not k.isdigit()}


KEYS = research_keys()
KEY_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(KEYS, key=len, reverse=True)) + r")"
    r"(?![\w-])"
)


def problems(text: str, *, view: bool = False) -> list[str]:
    """What makes ``text`` an account of research rather than what chc does; with ``view``,
    also the data's own names (event keys, YAML paths), which a person's view never shows."""
    found = [m.group(0) for m in RESEARCH_WORDING.finditer(text)]
    found += [m.group(0) for m in OTHER_BODIES.finditer(text)]
    found += [m.group(0) for m in KEY_PATTERN.finditer(text)]
    if view:
        found += [m.group(0) for m in DATA_NAMES.finditer(text)]
    return found


def spoken(data: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Each (path, text) of a data file that chc prints for a person."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources":
                continue  # the research itself: kept, never printed as a rule's voice
            where = f"{path}.{key}" if path else str(key)
            if key in SPOKEN_FIELDS and isinstance(value, str):
                yield where, value
            else:
                yield from spoken(value, where)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            name = item.get("id") or item.get("key") if isinstance(item, dict) else None
            yield from spoken(item, f"{path}[{name or i}]")


def test_the_check_finds_each_kind_of_research_wording() -> None:
    # Each pattern must be able to fail, or the tests below would pass on anything.
    assert problems("the FAQs could not be read")
    assert problems("whether it could be checked is unverified")
    assert problems("(the Code's 6.3, as B3Living's 2023-24 self-assessment reproduces it)")
    assert problems("Lambeth's self-assessment says so")
    assert problems("The mapping table lists 6.1 among largely new duties")
    assert problems("Also checked in Uttlesford's copy.")
    assert problems(f"see {sorted(KEYS)[0]}")
    assert problems("see the stage1.acknowledge note", view=True)
    assert problems("counted from issue_occurred", view=True)
    assert problems("its previously: links point at 2020", view=True)
    assert not problems("chc counts working days; choose the region with --region.", view=True)
    assert not problems("issue_occurred")  # a data file may name its keys; a view may not


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_text_the_data_prints_is_plain(path: Path) -> None:
    data = load_yaml(path)
    # Printed in people's views, so held to what a view may say (no event keys either).
    bad = {where: found for where, text in spoken(data) if (found := problems(text, view=True))}
    assert bad == {}


def _note_sentences(data: object) -> Iterator[tuple[str, int]]:
    for where, text in spoken(data):
        if where.endswith("note"):
            yield where, len(re.findall(r"[.!?](?:\s|$)", text.strip() + " "))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_note_is_one_or_two_sentences(path: Path) -> None:
    data = load_yaml(path)
    long = {where: n for where, n in _note_sentences(data) if n > 2}
    assert long == {}


def _theirs(args: list[str]) -> str:
    """The text of the files a run reads: what they say is the user's, not chc's words (the
    examples are real landlords' policies and answers, which name their landlord)."""
    files = [Path(a) for a in args if a.startswith(str(EXAMPLES))]
    return " ".join(" ".join(f.read_text(encoding="utf-8").split()) for f in files)


def _chc_words(args: list[str]) -> list[str]:
    """What in the output of ``chc args`` is research wording, less what the input says.
    `chc codes --check-kinds` documents the Code file's own fields for whoever writes one, so
    it may name them (a timescale key, an event); every other view may not."""
    run = run_chc(*args)
    assert run.exit_code in (0, 1), (args, run.stderr)
    theirs = _theirs(args).casefold()
    view = "--check-kinds" not in args
    found = problems(" ".join((run.stdout + run.stderr).split()), view=view)
    return [f for f in found if f.casefold() not in theirs]


def _runs() -> Iterator[list[str]]:
    yield from (["codes"], ["codes", "awaabs-law-2025"], ["codes", "--check-kinds"])
    for edition in EDITIONS:
        yield from (["codes", edition], ["codes", edition, "--checks"])
        yield ["codes", edition, "--assumptions"]
        data = load_yaml(CODE_VERSIONS / f"{edition}.yaml")
        assert isinstance(data, dict)
        yield from (["codes", edition, str(p["id"])] for p in data["provisions"])
        for policy in ("policy-2024-seed004.yaml", "policy-2020-seed003.yaml"):
            yield ["check-policy", str(EXAMPLES / policy), "--code", edition]
        yield ["check-policy", str(EXAMPLES / "policy-noncompliant.yaml"), "--code", edition]
    for answers in ("answers-2022.yaml", "answers-2024.yaml"):
        yield ["self-assessment", "check", str(EXAMPLES / answers)]
        yield ["self-assessment", "render", str(EXAMPLES / answers), "--format", "md"]
    yield ["extract-policy", str(EXAMPLES / "complaints-policy.txt")]
    yield ["check-policy", str(EXAMPLES / "complaints-policy.txt")]
    yield ["hazards", "--cases", str(EXAMPLES / "repairs-log.csv"), "--as-of", "2026-12-20"]
    yield ["hazards", "--aware", "2026-12-04T16:30", "--track", "emergency"]
    yield ["hazards", "--aware", "2026-12-18", "--track", "significant"]


def test_the_users_own_words_are_theirs() -> None:
    # An example policy names its landlord; chc repeating it is not chc citing a source.
    policy = str(EXAMPLES / "policy-2024-seed004.yaml")
    assert "Black Country" in _theirs([policy])
    assert _chc_words(["check-policy", policy, "--code", "2024"]) == []


def test_command_outputs_for_people_are_plain() -> None:
    bad = {" ".join(args[:3]): found for args in _runs() if (found := _chc_words(args))}
    assert bad == {}


def test_deadlines_and_report_outputs_plain() -> None:
    runs: list[list[str]] = []
    for edition, day in (("2020", "2021-05-04"), ("2022", "2023-05-02"), ("2024", "2024-05-01")):
        args = ["deadlines", "--received", day, "--code", edition, "--as-of", "2025-01-31"]
        args += ["--stage1-extension", "5", "--stage2-requested", day]
        runs.append(args)
    cases = ["deadlines", "--cases", str(EXAMPLES / "cases.csv"), "--as-of", "2025-01-31"]
    runs += [[*cases, "--format", "text"], [*cases, "--summary"]]
    report = ["report", str(EXAMPLES / "cases-2023-24.csv"), "--homes", "5762", "--from",
              "2023-04-01", "--to", "2024-03-31", "--landlord", "Example Homes"]  # fmt: skip
    runs += [[*report, "--format", "md"], [*report, "--format", "html"]]
    bad = {" ".join(args[:4]): found for args in runs if (found := _chc_words(args))}
    assert bad == {}


# Strings in chc's own code that use the research words as the data's vocabulary, for whoever
# writes a data file, not as words to a complaints officer: a hazard step's `confidence:` is
# `verified` or `unverified`, and the regime's loader says which value needs an assumption.
VOCABULARY = frozenset(
    {"verified", "unverified", " rests on an unverified point: name its assumption"}
)


def _messages() -> Iterator[tuple[str, int, str]]:
    """Every string literal in chc's code but docstrings: its messages and warnings."""
    for path in sorted((ROOT / "src" / "chc").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) not in docstrings and node.value not in VOCABULARY:
                yield path.relative_to(ROOT).as_posix(), node.lineno, node.value


def test_messages_in_chcs_code_are_plain() -> None:
    # Keys are left out: a code's "S1" is stage 1 in a chart's heading, not a source.
    bad = [
        (where, line, found)
        for where, line, text in _messages()
        if (
            found := [
                m.group(0) for p in (RESEARCH_WORDING, OTHER_BODIES) for m in p.finditer(text)
            ]
        )
    ]
    assert bad == []
    assert any("assumption" in text for _, _, text in _messages())  # the walk finds messages


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_blank_self_assessment_is_plain(edition: str, tmp_path: Path) -> None:
    # A scaffolded form holds only chc's words (the examples' answers are a landlord's own).
    answers = tmp_path / "answers.yaml"
    made = run_chc("self-assessment", "scaffold", "--code", edition, "-o", str(answers))
    assert made.exit_code == 0, made.stderr
    for fmt in ("md", "html"):
        run = run_chc("self-assessment", "render", str(answers), "--format", fmt)
        assert run.exit_code == 0, run.stderr
        assert len(run.stdout) > 5000  # the whole form, every summary in it
        assert problems(" ".join(run.stdout.split()), view=True) == [], fmt
    run = run_chc("self-assessment", "check", str(answers))
    assert problems(" ".join((run.stdout + run.stderr).split()), view=True) == []
