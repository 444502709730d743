"""`chc check-policy` from the command line: every format, the options, exit codes, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chc.policy.durations import parse_duration
from conftest import CODE_VERSIONS, EXAMPLES, run_chc

NONCOMPLIANT = EXAMPLES / "policy-noncompliant.yaml"
SEED004 = EXAMPLES / "policy-2024-seed004.yaml"
WIDE = {"COLUMNS": "250"}

COMPLIANT_2024 = """\
landlord: Example Homes
document: Complaints policy v3
adopted: 2024-04-01
code: "2024"
definition: ombudsman
stages:
  - name: Stage 1
    acknowledge: 5 working days
    respond: 10 working days
    respond_from: acknowledged
    extension: 10 working days
  - name: Stage 2
    request_within: 20 working days
    acknowledge: 5 working days
    respond: 20 working days
    respond_from: acknowledged
    extension: 20 working days
    reasons_required: false
    different_person: true
pre_complaint_steps: []
time_limit: 12 months
time_limit_from: either
time_limit_discretion: true
exclusions: [legal proceedings, {kind: already_considered}]
channels: [phone, email, letter, website, in person, social media]
representatives: true
accompaniment: true
reasonable_adjustments: true
ombudsman_signposting: [stage 1, stage 2, extension, refusal]
unacceptable_behaviour_policy: true
published_on_website: true
"""


def edition_2024_note(key: str) -> str:
    """A 2024 timescale's (or provision's) note, read from the edition file as plain YAML."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8"))
    items = [t for t in data["timescales"] if t["key"] == key]
    items += [p for p in data["provisions"] if p["id"] == key]
    (item,) = items
    return str(item["note"])


def write(tmp_path: Path, text: str, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- text ------------------------------------------------------------------------------

SUMMARY_ROW = re.compile(
    r"^\s*(must|should)\s+(\d+) pass\s+(\d+) fail\s+(\d+) to review\s+(\d+) not stated"
    r"\s+(\d+) to judge by a person$"
)


def summary_row(line: str) -> tuple[str, int, int, int, int, int]:
    """(level, pass, fail, to review, not stated, to judge) from a text summary line."""
    m = SUMMARY_ROW.match(line)
    assert m, line
    return m[1], int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6])


def test_text_report() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), env=WIDE)
    assert r.exit_code == 1
    out = r.stdout
    assert "checked against Complaint Handling Code 2024" in out
    for heading in (
        "Section 2: Exclusions",
        "Section 3: Accessibility and awareness",
        "Section 5: The complaint handling process",
        "Section 6: Complaints stages",
    ):
        assert heading in out
    # No section without a problem is shown.
    assert "Section 1: Definition of a complaint" not in out
    assert "Section 9:" not in out
    line = next(t for t in out.splitlines() if " 6.3 " in t)
    assert line.split()[:3] == ["FAIL", "6.3", "must"]
    assert "15 working days" in line
    assert line.endswith(f"({NONCOMPLIANT} line 26)")
    assert "Code: at most 10 working days from acknowledgement" in out
    # Advice in the policy's terms first, the policy file's key second.
    assert (
        "Fix: Make Stage 1's full response due within 10 working days of acknowledgement; "
        "the policy says 15 working days from acknowledgement "
        "(policy file: stage 1, respond: 10 working days or less)"
    ) in out
    assert re.search(r"NOT STATED\s+3\.6\s+must", out)
    # Passes are not listed without --verbose.
    assert not re.search(r"^\s*pass\s", out, re.MULTILINE)
    summary = out[out.index("Summary (provisions)") :].splitlines()
    # 23 provisions carry checks (6.13 is new): 9 fail, 3.6 not stated, 13 pass; 49 manual.
    assert summary_row(summary[1]) == ("must", 13, 9, 0, 1, 49)
    assert summary_row(summary[2]) == ("should", 0, 0, 0, 0, 0)
    assert "A 'must' provision fails." in out


def test_text_summary_counts_must_and_should_apart() -> None:
    # 2020: Q3.5, Q4.3 and Q4.7 are 'must' and rest on unverified 2020 readings: review.
    # Q2.1 ('should') fails, Q4.8 ('should') is review, Q6.1 ('should') is not stated;
    # Q1.1, Q1.2, Q2.2, Q2.3 and Q3.6 pass. No must fails: exit 0, and 1 with --strict.
    r = run_chc("check-policy", str(NONCOMPLIANT), "--code", "2020", env=WIDE)
    assert r.exit_code == 0
    summary = r.stdout[r.stdout.index("Summary (provisions)") :].splitlines()
    assert summary_row(summary[1]) == ("must", 0, 0, 3, 0, 0)
    assert summary_row(summary[2]) == ("should", 5, 1, 1, 1, 20)
    strict = run_chc("check-policy", str(NONCOMPLIANT), "--code", "2020", "--strict", env=WIDE)
    assert strict.exit_code == 1
    assert "--strict counts them" in strict.stdout


def test_text_verbose_lists_passes_and_manual_provisions() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--verbose", env=WIDE)
    assert re.search(r"^\s*pass\s+6\.2\s+must", r.stdout, re.MULTILINE)
    assert "For a person to judge (no machine check)" in r.stdout
    assert re.search(r"^\s*4\.1\s+must", r.stdout, re.MULTILINE)


def test_text_says_when_the_policy_claims_another_edition() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--code", "2022", env=WIDE)
    assert "checked against Complaint Handling Code 2022" in r.stdout
    assert "the policy says it follows 2024" in r.stdout


# -- json ------------------------------------------------------------------------------


def json_report(*args: str) -> tuple[int, Any]:
    r = run_chc("check-policy", *args, "--format", "json")
    return r.exit_code, json.loads(r.stdout)


def test_json_shape_and_one_whole_finding() -> None:
    code, data = json_report(str(NONCOMPLIANT))
    assert code == 1
    assert list(data) == ["code", "policy", "summary", "findings"]
    assert data["code"] == "2024"
    assert data["policy"] == {
        "file": str(NONCOMPLIANT),
        "landlord": "Example Homes (deliberately non-compliant)",
        "document": "Complaints policy v1 (invented test fixture)",
        "code": "2024",
        "unreviewed_draft": None,  # a policy file a person wrote, not an extracted draft
    }
    assert data["summary"] == {
        "provisions": 72,
        "pass": 13,
        "fail": 9,
        "review": 0,
        "not_stated": 1,
        "manual": 49,
        "must": {"pass": 13, "fail": 9, "review": 0, "not_stated": 1, "manual": 49},
        "should": {"pass": 0, "fail": 0, "review": 0, "not_stated": 0, "manual": 0},
    }
    keys = [
        "provision",
        "section",
        "obligation",
        "status",
        "check",
        "message",
        "expected",
        "found",
        "location",
        "fix",
        "assumption",
        "ref",
        "notes",
    ]
    for f in data["findings"]:
        assert list(f) == keys
        assert list(f["location"]) == ["line", "column"]
        assert f["status"] in ("pass", "fail", "review", "not_stated", "manual")
    (f63,) = [f for f in data["findings"] if f["provision"] == "6.3"]
    assert f63 == {
        "provision": "6.3",
        "section": 6,
        "obligation": "must",
        "status": "fail",
        "check": "max_duration",
        "message": "Stage 1: response within 15 working days from acknowledgement is "
        "longer than the Code allows",
        "expected": "at most 10 working days from acknowledgement",
        "found": "15 working days from acknowledgement",
        "location": {"line": 26, "column": 5},
        "fix": "Make Stage 1's full response due within 10 working days of acknowledgement; "
        "the policy says 15 working days from acknowledgement "
        "(policy file: stage 1, respond: 10 working days or less)",
        "assumption": None,
        "ref": None,
        # The notes the rule rests on: the timescale's, then the provision's.
        "notes": [edition_2024_note("stage1.respond"), edition_2024_note("6.3")],
    }
    (manual,) = [f for f in data["findings"] if f["provision"] == "4.1"]
    assert manual["status"] == "manual"
    assert manual["check"] is None
    assert manual["location"] == {"line": None, "column": None}


def test_json_all_codes() -> None:
    code, data = json_report(str(NONCOMPLIANT), "--all-codes")
    assert code == 1
    assert list(data) == ["reports"]
    assert [r["code"] for r in data["reports"]] == ["2020", "2022", "2024"]
    for r in data["reports"]:
        assert list(r) == ["code", "policy", "summary", "findings"]


def test_json_is_byte_stable() -> None:
    a = run_chc("check-policy", str(SEED004), "--format", "json").stdout
    b = run_chc("check-policy", str(SEED004), "--format", "json").stdout
    assert a == b


# -- markdown --------------------------------------------------------------------------

AWKWARD = """\
landlord: "Pipe | and <b>bold</b> Homes"
document: "Policy <script>alert(1)</script> | v2"
code: "2024"
stages:
  - name: "Stage | one"
    respond: 15 working days
  - name: Stage 2
pre_complaint_steps: ["quick | fix"]
channels: [letter]
"""


def cells(row: str) -> list[str]:
    """A Markdown table row's cells; an escaped pipe does not split."""
    inner = row.strip()
    assert inner.startswith("|")
    assert inner.endswith("|")
    return re.split(r"(?<!\\)\|", inner[1:-1])


def test_markdown_tables_keep_their_shape_with_pipes_in_user_text(tmp_path: Path) -> None:
    path = write(tmp_path, AWKWARD)
    r = run_chc("check-policy", str(path), "--format", "md")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    tables: list[list[str]] = []
    for line in lines:
        if line.startswith("|"):
            if tables and lines[lines.index(line) - 1].startswith("|"):
                tables[-1].append(line)
            else:
                tables.append([line])
    assert len(tables) >= 4  # summary, sections with problems, provisions to judge
    for table in tables:
        width = len(cells(table[0]))
        assert all(len(cells(row)) == width for row in table), table[0]
    rows = [row for table in tables for row in table]
    assert any(row.startswith("| 6.3 |") and "Stage \\| one" in row for row in rows)
    assert any(row.startswith("| 5.2 |") and "quick \\| fix" in row for row in rows)
    assert "## Section 6: Complaints stages" in r.stdout
    assert "## Provisions for a person to judge" in r.stdout


def test_markdown_escapes_user_html(tmp_path: Path) -> None:
    # Markdown passes raw HTML through, so user text must be escaped everywhere.
    r = run_chc("check-policy", str(write(tmp_path, AWKWARD)), "--format", "md")
    # Escaped with a backslash (chc.render.md_cell), so the text reads as written.
    assert not re.search(r"(?<!\\)<(b|script)>", r.stdout)
    assert "\\<script>" in r.stdout


def test_markdown_all_codes_has_one_report_per_edition() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--all-codes", "--format", "md")
    assert r.exit_code == 1
    for code in ("2020", "2022", "2024"):
        assert f"(edition {code})" in r.stdout


# -- html ------------------------------------------------------------------------------


def test_html_escapes_user_text_and_is_accessible(tmp_path: Path) -> None:
    r = run_chc("check-policy", str(write(tmp_path, AWKWARD)), "--format", "html")
    assert r.exit_code == 1
    html = r.stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "Pipe | and &lt;b&gt;bold&lt;/b&gt; Homes" in html
    assert re.search(r'<html lang="en(-GB)?">', html)
    assert html.count("<table>") == html.count("<caption>") >= 3
    assert '<th scope="col">' in html
    assert '<th scope="row">6.3</th>' in html
    assert "<th>" not in html  # every header cell has a scope


def test_html_refuses_all_codes() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--all-codes", "--format", "html")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1


# -- github ----------------------------------------------------------------------------

GITHUB = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,:]+)"
    r"(?:,line=(?P<line>\d+),col=(?P<col>\d+))?,title=(?P<title>[^:]+)::(?P<msg>.+)$"
)


def test_github_annotations() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--format", "github")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    matches = [GITHUB.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    errors = [m for m in matches if m and m["level"] == "error"]
    warnings = [m for m in matches if m and m["level"] == "warning"]
    # The nine failing 'must' provisions (6.12 and 2.3 twice each), then 3.6 not stated
    # twice (representation and accompaniment).
    assert len(errors) == 11
    assert all(m["line"] and m["col"] for m in errors)
    assert [m["title"] for m in warnings] == ["Code 2024 3.6 (must)"] * 2
    assert (
        f"::error file={NONCOMPLIANT},line=26,col=5,title=Code 2024 6.3 (must)::Stage 1: "
        "response within 15 working days from acknowledgement is longer than the Code "
        "allows; the Code requires at most 10 working days from acknowledgement"
    ) in lines


def test_github_escapes_properties(tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    path = write(folder, AWKWARD)
    r = run_chc("check-policy", str(path), "--format", "github")
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert r.stdout.splitlines()
    assert all(
        line.split(" ", 1)[1].startswith(f"file={escaped},") for line in r.stdout.splitlines()
    )


def test_github_prints_nothing_for_a_compliant_policy(tmp_path: Path) -> None:
    r = run_chc("check-policy", str(write(tmp_path, COMPLIANT_2024)), "--format", "github")
    assert (r.exit_code, r.stdout) == (0, "")


# -- editions --------------------------------------------------------------------------


def test_code_defaults_to_the_policys_own() -> None:
    _, data = json_report(str(EXAMPLES / "policy-2020-seed003.yaml"))
    assert data["code"] == "2020"


def test_code_option_overrides_the_policy(tmp_path: Path) -> None:
    _, data = json_report(str(NONCOMPLIANT), "--code", "2022")
    assert data["code"] == "2022"
    assert data["policy"]["code"] == "2024"


def test_all_codes_text_shows_every_edition() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--all-codes", env=WIDE)
    assert r.exit_code == 1
    for code in ("2020", "2022", "2024"):
        assert f"(edition {code})" in r.stdout
    # 2020: no must fails, but three rest on unverified readings (review).
    verdict = next(line for line in r.stdout.splitlines() if "verdict" in line)
    assert verdict.split("│")[2:5] == [" must to review ", " must fails ", " must fails "]


def test_all_codes_with_code_is_refused() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--all-codes", "--code", "2024")
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1


def own_code_file(tmp_path: Path, old: str, new: str) -> Path:
    text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "my-code.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


STAGE1_RESPOND = 'amount: 10\n    unit: working_days\n    from: acknowledged\n    provision: "6.3"'


def test_code_path_brings_its_own_timescales(tmp_path: Path) -> None:
    # The landlord's own Code file allows 15 working days at stage 1: 6.3 now passes.
    path = own_code_file(tmp_path, STAGE1_RESPOND, STAGE1_RESPOND.replace("10", "15"))
    code, data = json_report(str(NONCOMPLIANT), "--code", str(path))
    assert code == 1
    (f63,) = [f for f in data["findings"] if f["provision"] == "6.3"]
    assert (f63["status"], f63["expected"]) == (
        "pass",
        "at most 15 working days from acknowledgement",
    )


def test_code_path_constructs_a_nine_day_limit(tmp_path: Path) -> None:
    # "2 weeks" is 10 working days at most: it fails a 9-working-day limit.
    path = own_code_file(tmp_path, STAGE1_RESPOND, STAGE1_RESPOND.replace("10", "9"))
    policy = write(tmp_path, "stages:\n  - name: S1\n    respond: 2 weeks\n  - name: S2\n")
    _, data = json_report(str(policy), "--code", str(path))
    (f63,) = [f for f in data["findings"] if f["provision"] == "6.3"]
    assert f63["status"] == "fail"
    assert "10 working days at most" in f63["assumption"]


def test_code_path_with_a_bad_check_names_the_code_file(tmp_path: Path) -> None:
    old = '{kind: "max_duration", timescale: "stage1.respond"}'
    path = own_code_file(tmp_path, old, old.replace("max_duration", "max_durations"))
    r = run_chc("check-policy", str(NONCOMPLIANT), "--code", str(path))
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1
    # Found by pydantic as the file loads, at the check's line.
    assert "'max_durations'" in r.stderr and "max_duration" in r.stderr
    # The error is in the user's Code file: say which file (and where).
    assert f"chc: error: {path}:" in r.stderr


# -- schema ----------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    r = run_chc("check-policy", "--schema")
    assert r.exit_code == 0
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def test_schema_is_a_json_schema_with_stages_required() -> None:
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["type"] == "object"
    assert s["required"] == ["stages"]
    assert s["additionalProperties"] is False
    fields = set(s["properties"])
    assert {"landlord", "code", "stages", "time_limit", "channels"} <= fields
    stage = s["$defs"]["Stage"]
    assert stage["required"] == ["name"]
    assert stage["additionalProperties"] is False
    assert s["properties"]["stages"]["minItems"] == 1
    # Every $ref points at a definition.
    refs = re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(s, indent=1))
    assert refs
    assert set(refs) <= set(s["$defs"])


@pytest.mark.parametrize(
    "text", ["10 working days", "10 Working Days", "2 WEEKS", "12 Months", "48 hours"]
)
def test_schema_duration_pattern_accepts_what_chc_accepts(text: str) -> None:
    parse_duration(text)  # chc reads it
    pattern = schema()["$defs"]["Stage"]["properties"]["respond"]["anyOf"][0]["pattern"]
    # JSON Schema patterns are ECMA-262 regular expressions, case-sensitive, no flags.
    assert re.search(pattern, text), f"an editor using the schema would reject {text!r}"


def test_schema_to_output(tmp_path: Path) -> None:
    out = tmp_path / "policy.schema.json"
    r = run_chc("check-policy", "--schema", "--output", str(out))
    assert (r.exit_code, r.stdout) == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["required"] == ["stages"]


# -- output ----------------------------------------------------------------------------


def test_output_writes_what_stdout_would_show(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    r = run_chc("check-policy", str(NONCOMPLIANT), "--format", "json", "--output", str(out))
    assert (r.exit_code, r.stdout) == (1, "")
    shown = run_chc("check-policy", str(NONCOMPLIANT), "--format", "json").stdout
    assert out.read_text(encoding="utf-8") == shown
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temp file left


def test_output_text_is_plain(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    r = run_chc("check-policy", str(NONCOMPLIANT), "--output", str(out))
    assert r.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "Section 6: Complaints stages" in text
    assert "\x1b[" not in text


def test_output_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = write(tmp_path, "keep me\n", "report.md")
    r = run_chc("check-policy", str(NONCOMPLIANT), "--format", "md", "--output", str(out))
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        f"chc: error: {out}: already exists; use --force to replace it"
    ]
    assert out.read_text(encoding="utf-8") == "keep me\n"
    r = run_chc(
        "check-policy", str(NONCOMPLIANT), "--format", "md", "--output", str(out), "--force"
    )
    assert r.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("# Complaints policy check")


def test_output_never_overwrites_the_input(tmp_path: Path) -> None:
    policy = write(tmp_path, COMPLIANT_2024)
    for extra in ([], ["--force"]):
        r = run_chc("check-policy", str(policy), "--output", str(policy), *extra)
        assert r.exit_code == 2
        assert "will not overwrite an input file" in r.stderr
        assert policy.read_text(encoding="utf-8") == COMPLIANT_2024


def test_output_to_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "report.md"
    r = run_chc("check-policy", str(NONCOMPLIANT), "--output", str(out))
    assert r.exit_code == 2
    assert not out.parent.exists()


# -- exit codes ------------------------------------------------------------------------


def test_exit_0_when_no_must_fails(tmp_path: Path) -> None:
    r = run_chc("check-policy", str(write(tmp_path, COMPLIANT_2024)), env=WIDE)
    assert r.exit_code == 0
    assert "No 'must' provision fails a machine check." in r.stdout
    # 23 checked provisions, all pass (6.13 is new since issue 13).
    assert re.search(r"must +23 pass", r.stdout)


def test_exit_0_when_only_should_provisions_fail(tmp_path: Path) -> None:
    # 2020: Q4.8 (extensions) and Q6.1 (representatives) are 'should' provisions.
    policy = write(
        tmp_path,
        """\
code: "2020"
stages:
  - name: Stage 1
    acknowledge: 5 calendar days
    respond: 10 working days
    respond_from: received
    extension: 10 working days
  - name: Stage 2
    respond: 20 working days
    respond_from: escalation_requested
    extension: 20 working days
pre_complaint_steps: []
representatives: false
""",
    )
    code, data = json_report(str(policy))
    fails = {(f["provision"], f["obligation"]) for f in data["findings"] if f["status"] == "fail"}
    assert fails == {("Q6.1", "should")}
    # The 20-working-day stage 2 extension rests on 2020's unverified 10: review.
    reviews = {
        (f["provision"], f["obligation"]) for f in data["findings"] if f["status"] == "review"
    }
    assert reviews == {("Q4.8", "should")}
    assert code == 0
    assert data["summary"]["should"]["fail"] == 1
    assert data["summary"]["must"]["fail"] == 0


def test_strict_counts_a_must_provision_left_unstated(tmp_path: Path) -> None:
    # Issue 13: a policy silent on the stage 2 acknowledgement (2024 6.11) passed a CI job.
    silent = COMPLIANT_2024.replace(
        "    request_within: 20 working days\n    acknowledge: 5 working days\n",
        "    request_within: 20 working days\n",
    )
    assert silent != COMPLIANT_2024
    path = write(tmp_path, silent)
    plain = run_chc("check-policy", str(path), env=WIDE)
    assert plain.exit_code == 0
    assert re.search(r"NOT STATED\s+6\.11\s+must", plain.stdout)
    assert "1 'must' provision(s) not stated or to review." in plain.stdout
    strict = run_chc("check-policy", str(path), "--strict", env=WIDE)
    assert strict.exit_code == 1
    assert "--strict counts them" in strict.stdout
    # The compliant policy itself passes under --strict too.
    ok = run_chc("check-policy", str(write(tmp_path, COMPLIANT_2024, "ok.yaml")), "--strict")
    assert ok.exit_code == 0


def test_format_choices_come_from_the_formatter_registry() -> None:
    from chc.cli.codes import FORMATTERS as CODES_FORMATTERS
    from chc.cli.policy import FORMATTERS

    assert list(FORMATTERS) == ["text", "json", "md", "html", "github"]
    assert list(CODES_FORMATTERS) == ["text", "json"]
    help_text = " ".join(run_chc("check-policy", "--help", env=WIDE).stdout.split())
    assert "text, json, md, html, github." in help_text
    bad = run_chc("check-policy", str(NONCOMPLIANT), "--format", "pdf")
    assert bad.exit_code == 2
    assert "'pdf' is not one of text, json, md, html, github" in bad.stderr
    bad = run_chc("codes", "--format", "md")
    assert bad.exit_code == 2
    assert "'md' is not one of text, json" in bad.stderr


def test_exit_1_when_a_must_fails() -> None:
    assert run_chc("check-policy", str(NONCOMPLIANT)).exit_code == 1


# -- bad input -------------------------------------------------------------------------

BAD = [
    ("invalid YAML", "stages: [\n  - name\n", 2, 3, "invalid YAML"),
    ("duplicate key", "stages:\n  - name: A\nstages:\n  - name: B\n", 3, 1, "duplicate key"),
    (
        "unknown field",
        "stages:\n  - name: A\n    respnd: 10 days\n",
        3,
        5,
        "stage 1, respnd: unknown field",
    ),
    ("unknown top-level field", "stages: [{name: A}]\nchanels: [phone]\n", 2, 1, "chanels"),
    (
        "wrong type",
        "stages: [{name: A}]\nrepresentatives: maybe\n",
        2,
        1,
        "representatives: Input should be a valid boolean",
    ),
    (
        "a duration that cannot be read",
        "stages:\n  - name: A\n    respond: ten-ish days\n",
        3,
        5,
        "cannot read 'ten-ish days' as a duration",
    ),
    ("a duration as a number", "stages:\n  - name: A\n    respond: 10\n", 3, 5, "not a duration"),
    ("zero days", "stages: [{name: A}]\ntime_limit: 0 days\n", 2, 1, "more than 0"),
    (
        "a stage without a name",
        "stages:\n  - name: A\n  - respond: 10 working days\n",
        3,
        5,
        "stage 2, name: required field is missing",
    ),
    ("a blank stage name", "stages:\n  - name: '  '\n", 2, 5, "a stage needs a name"),
    (
        "two stages with the same name",
        "stages:\n  - name: Stage 1\n  - name: stage 1\n",
        3,
        5,
        "two stages are named 'stage 1'",
    ),
    (
        "an impossible date",
        "adopted: 2024-02-30\nstages: [{name: A}]\n",
        1,
        1,
        "February 2024 has 29 days",
    ),
    ("an impossible month", 'adopted: "2024-13"\nstages: [{name: A}]\n', 1, 1, "adopted"),
    ("no stages", 'code: "2024"\n', 1, 1, "stages: required field is missing"),
    ("an empty stage list", "stages: []\n", 1, 1, "stages"),
    ("an unknown signpost", "stages: [{name: A}]\nombudsman_signposting: [x]\n", 2, 25, "ombud"),
    ("an unknown clock start", "stages:\n  - name: A\n    respond_from: y\n", 3, 5, "respond"),
    ("an unknown code", 'stages: [{name: A}]\ncode: "2019"\n', 2, 1, "unknown Code edition"),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [b[1:] for b in BAD],
    ids=[b[0] for b in BAD],
)
def test_bad_policy(tmp_path: Path, text: str, line: int, column: int, words: str) -> None:
    path = write(tmp_path, text)
    r = run_chc("check-policy", str(path))
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"chc: error: {path}:{line}:{column}: "), lines[0]
    assert words in lines[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the file is empty; a policy needs at least its stages"),
        ("- a\n- b\n", "a policy file must be a YAML mapping (key: value lines)"),
    ],
    ids=["empty file", "not a mapping"],
)
def test_bad_policy_without_a_position(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, text)
    r = run_chc("check-policy", str(path))
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"chc: error: {path}: {words}"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    r = run_chc("check-policy", str(path))
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"chc: error: {path}: file not found"]


def test_no_policy_given() -> None:
    r = run_chc("check-policy")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "give the policy file to check" in lines[0]


def test_unknown_code_option() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--code", "2019")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "unknown Code edition '2019'" in lines[0]
    assert "2020, 2022, 2024" in lines[0]


def test_unknown_format() -> None:
    r = run_chc("check-policy", str(NONCOMPLIANT), "--format", "pdf")
    assert r.exit_code == 2
    assert r.stdout == ""


def test_help_has_an_example_and_the_exit_codes() -> None:
    r = run_chc("check-policy", "--help", env=WIDE)
    assert r.exit_code == 0
    assert "chc check-policy examples/policy-2024-seed004.yaml" in r.stdout
    assert "Exit status: 0" in r.stdout


def test_shape_errors_say_what_was_expected_in_plain_words(tmp_path: Path) -> None:
    cases = {
        'stages: "one"\n': ("1:1", "stages: should be a list"),
        "stages:\n  - 5\n": ("2:5", "stage 1: should be a mapping"),
        "\x00binary\n": ("", "invalid YAML: unacceptable character"),
    }
    for text, (where, message) in cases.items():
        path = tmp_path / "policy.yaml"
        path.write_text(text, encoding="utf-8")
        r = run_chc("check-policy", str(path))
        assert r.exit_code == 2, text
        assert message in r.stderr, r.stderr
        assert f"policy.yaml:{where}" in r.stderr if where else "policy.yaml: " in r.stderr
        assert r.stderr.count("\n") == 1, r.stderr
