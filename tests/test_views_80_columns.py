"""Every text view at 80 columns (issue 26, point 3): nothing that identifies a complaint,
a provision or a date is cut short, wrapped lines keep their indent, and no web address is
split. And what a person reads holds no event key, YAML path or line of a draft that is not
on disk (point 4); the policy summary counts what it shows (point 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import EXAMPLES, run_chc
from test_report_cli import YEAR

NARROW = {"COLUMNS": "80"}
# Files are named from the checkout's root, as a person types them: a view names the file
# as given, and an absolute path would make each line's length depend on where CI checks
# the project out.
EX = Path("examples")


@pytest.fixture(autouse=True)
def _from_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)


URL = re.compile(r"https?://\S+")
DAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2} \d{4}\b")
EVENT_KEY = re.compile(r"\bstage[0-9]\.[a-z_]+")
YAML_PATH = re.compile(r"\b[a-z_]+\[[0-9]+\]")

HAZARD = (
    "hazards", "--aware", "2026-12-04T18:45", "--track", "emergency", "--concluded",
    "2026-12-04T22:10", "--made-safe", "2026-12-05T21:30", "--access-attempt",
    "2026-12-05T09:00", "--as-of", "2026-12-07T09:00", "--reference", "HR-0412",
)  # fmt: skip
CASES = str(EX / "cases.csv")
AS_OF = ("--as-of", "2024-06-03", "-q")
NONCOMPLIANT = str(EX / "policy-noncompliant.yaml")
VIEWS = {
    "deadlines one complaint": (
        "deadlines", "--received", "2024-05-01", "--stage1-acknowledged", "2024-05-03",
        "--stage1-extension", "10", "--as-of", "2024-06-20", "--reference", "CHC-2024-011",
    ),
    "deadlines caseload text": ("deadlines", "--cases", CASES, *AS_OF, "--format", "text"),
    "deadlines caseload summary": ("deadlines", "--cases", CASES, *AS_OF, "--summary"),
    "check-policy": ("check-policy", str(EX / "policy-2024-seed004.yaml")),
    "check-policy noncompliant": ("check-policy", NONCOMPLIANT, "--verbose"),
    "check-policy all codes": ("check-policy", NONCOMPLIANT, "--all-codes"),
    "check-policy a document": ("check-policy", str(EX / "complaints-policy.txt")),
    "codes": ("codes",),
    "codes 2024": ("codes", "2024"),
    "codes 2022 section 5": ("codes", "2022", "--section", "5"),
    "codes 2024 6.3": ("codes", "2024", "6.3"),
    "codes checks": ("codes", "2024", "--checks"),
    "codes check kinds": ("codes", "--check-kinds"),
    "codes for date": ("codes", "--for-date", "2023-05-01"),
    "codes awaabs law": ("codes", "awaabs-law-2025"),
    "self-assessment check": ("self-assessment", "check", str(EX / "answers-2022.yaml")),
    "report text": ("report", str(EX / "cases-2023-24.csv"), *YEAR, "--previous",
                    str(EX / "cases-2022-23.csv"), "--quiet"),
    "hazards": HAZARD,
    "help": ("--help",),
}  # fmt: skip


def _view(name: str) -> str:
    run = run_chc(*VIEWS[name], env=NARROW)
    assert run.exit_code in (0, 1), run.stderr
    return run.stdout


@pytest.mark.parametrize("name", VIEWS)
def test_every_line_fits_80_columns_or_is_one_whole_address(name: str) -> None:
    for line in _view(name).splitlines():
        if cell_len(line.rstrip()) <= 80:
            continue
        # Only a web address too long for any line may pass the edge, whole and alone.
        words = line.split()
        assert len(words) <= 2 and URL.fullmatch(words[-1]), f"over 80 columns: {line!r}"


@pytest.mark.parametrize("name", VIEWS)
def test_nothing_is_cut_short(name: str) -> None:
    assert "…" not in _view(name)  # rich's mark for a cell or line it cut


def _known_addresses() -> set[str]:
    import json

    urls: set[str] = set()
    for name in ("2020", "2022", "2024", "awaabs-law-2025"):
        data = json.loads(run_chc("codes", name, "--format", "json").stdout)
        urls.update(s["url"] for s in data["sources"] if s.get("url"))
    return urls


KNOWN = _known_addresses()


@pytest.mark.parametrize("name", VIEWS)
def test_addresses_are_never_split(name: str) -> None:
    # Every address shown is a whole one from the Code data, never a piece of one.
    for url in URL.findall(_view(name)):
        assert url.rstrip(".,;)") in KNOWN or url in KNOWN, url


def test_caseload_summary_shows_reference_due_date_and_status_whole() -> None:
    lines = _view("deadlines caseload summary").splitlines()
    row = next(line for line in lines if line.startswith("CHC-2024-011"))
    assert row.split()[:6] == ["CHC-2024-011", "Wed", "15", "May", "2024", "OVERDUE"]
    for ref in ("CHC-2024-008", "CHC-2024-009", "CHC-2024-007"):
        assert any(line.startswith(ref + " ") for line in lines), ref


def test_caseload_text_names_every_complaint_and_date_whole() -> None:
    out = _view("deadlines caseload text")
    refs = set(re.findall(r"^CHC-\d{4}-\d{3}", out, re.MULTILINE))
    assert len(refs) == 12
    events, listed = out.split("\nAssumptions\n")
    for line in events.splitlines():
        if " due " in line:
            assert DAY.search(line), line
    # Each event refers to what its due date rests on, stated once at the end.
    assert re.search(r"^1\. chc counts working days", listed, re.MULTILINE)
    assert listed.count("chc counts working days") == 1


def _continuations(out: str, start: str, indent: int) -> list[str]:
    """The lines that continue the first line starting with ``start``, up to a blank one
    or one at a smaller indent than ``indent``."""
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.lstrip().startswith(start))
    rest = []
    for line in lines[at + 1 :]:
        if not line.strip() or len(line) - len(line.lstrip()) < indent:
            break
        rest.append(line)
    return rest


def test_a_findings_notes_wrap_under_the_finding_not_at_column_0() -> None:
    out = _view("check-policy")
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  REVIEW     2.3"))
    block = []
    for line in lines[at + 1 :]:
        if re.match(r"^  (REVIEW|FAIL|NOT STATED) ", line) or not line.strip():
            break
        block.append(line)
    assert len(block) > 5
    assert all(line.startswith(" " * 26) for line in block), block


def test_deadline_assumptions_wrap_under_their_number() -> None:
    out = _view("deadlines one complaint")
    rest = _continuations(out, "1. chc counts working days", 3)
    assert rest and all(line.startswith("   ") for line in rest)


def test_sources_wrap_under_their_number() -> None:
    out = _view("check-policy noncompliant")
    sources = out[out.index("Sources cited in the notes") :].splitlines()[1:]
    for line in sources:
        if line.strip() and not re.match(r"^  \[\d+\] ", line):
            if line.startswith(("No 'must'", "A 'must'")):
                break
            assert line.startswith("      "), line


def test_help_shows_each_commands_description_whole() -> None:
    out = " ".join(_view("help").split())
    assert "List the Code editions, show an edition's provisions" in out
    assert "..." not in out.split("Commands:")[-1]


# -- people's words (point 4) ---------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in VIEWS if n not in ("codes check kinds", "help")])
def test_no_event_key_or_yaml_path_in_a_peoples_view(name: str) -> None:
    out = _view(name)
    assert not EVENT_KEY.search(out), EVENT_KEY.search(out)
    assert not YAML_PATH.search(out), YAML_PATH.search(out)
    assert "names the Ombudsman at:" not in out


def test_a_draft_from_a_document_points_at_no_line_of_the_draft() -> None:
    out = _view("check-policy a document")
    assert "(unreviewed draft):" not in out and "unreviewed draft) line" not in out
    # A policy file on disk may still be pointed at by line, in words.
    noncompliant = _view("check-policy noncompliant")
    # (the file is named as given, absolute here, so where the line wraps depends on the
    # checkout's path: any white space between the words)
    assert re.search(r"policy-noncompliant\.yaml\s+line\s+\d+\)", noncompliant)


def test_the_publishable_self_assessment_cites_sections_not_yaml_lines(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    run = run_chc(
        "self-assessment", "scaffold", "--code", "2024", "--from-policy",
        str(EX / "policy-2024-seed004.yaml"), "-o", str(out),
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    html = run_chc("self-assessment", "render", str(out), "--format", "html").stdout
    assert "(line " not in html and "Policy Customer Complaint Policy" not in html
    assert "Customer Complaint Policy, 7.3:" in html


def test_json_keeps_the_keys() -> None:
    import json

    run = run_chc("deadlines", "--received", "2024-05-01", "--format", "json")
    keys = [e["key"] for e in json.loads(run.stdout)["events"]]
    assert keys[:2] == ["stage1.acknowledge", "stage1.respond"]


# -- counts that match what is shown (point 9) ----------------------------------------


@pytest.mark.parametrize("policy", ["policy-2024-seed004.yaml", "policy-noncompliant.yaml"])
def test_the_summary_counts_the_lines_it_shows(policy: str) -> None:
    out = run_chc("check-policy", str(EX / policy), env=NARROW).stdout
    said = re.search(r"Lines above: (.*?) \(a provision", " ".join(out.split()))
    assert said, out
    counted = {word: int(n) for n, word in re.findall(r"(\d+) (FAIL|REVIEW|NOT STATED)", said[1])}
    for word in ("FAIL", "REVIEW", "NOT STATED"):
        shown = len(re.findall(rf"^  {word} +\d", out, re.MULTILINE))
        assert counted.get(word, 0) == shown, word


DOCUMENTS = {
    "check-policy md": ("check-policy", NONCOMPLIANT, "--format", "md"),
    "check-policy html": ("check-policy", str(EX / "policy-2024-seed004.yaml"), "-f", "html"),
    "self-assessment md": ("self-assessment", "render", str(EX / "answers-2024.yaml")),
    "report md": ("report", str(EX / "cases-2023-24.csv"), *YEAR, "-f", "md", "-q"),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_event_key_or_yaml_path_in_a_document_for_people(name: str) -> None:
    run = run_chc(*DOCUMENTS[name])
    assert run.exit_code in (0, 1), run.stderr
    assert not EVENT_KEY.search(run.stdout), EVENT_KEY.search(run.stdout)
    assert not YAML_PATH.search(run.stdout), YAML_PATH.search(run.stdout)


def test_the_text_report_honours_columns() -> None:
    args = VIEWS["report text"]
    wide = run_chc(*args, env={"COLUMNS": "160"}).stdout.splitlines()
    narrow = run_chc(*args, env={"COLUMNS": "60"}).stdout.splitlines()
    assert max(cell_len(line) for line in wide) > 100
    assert max(cell_len(line) for line in narrow) <= 60
    assert len(narrow) > len(wide)
