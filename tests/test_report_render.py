"""`chc report` as a board reads it: landlord and period, the Code's 8.1/8.2 items, the
narrative rendered safely, no paths or option names in the page, warnings on stderr."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from chc.report.method import financial_year_name, period_name
from chc.report.sections import narrative_html, narrative_markdown
from chc.report.settings import financial_year
from conftest import EXAMPLES, run_chc

CASES = EXAMPLES / "cases-2023-24.csv"
YEAR = ("--homes", "5762", "--from", "2023-04-01", "--to", "2024-03-31")
KEYS = ["8.1(a)", "8.1(b)", "8.1(c)", "8.1(d)", "8.1(e)", "8.1(f)", "8.2"]


def _report(*args: str) -> tuple[int, str, str]:
    run = run_chc("report", str(CASES), *args)
    return run.exit_code, run.stdout, run.stderr


def _copy_cases(tmp_path: Path) -> Path:
    target = tmp_path / "cases.csv"
    shutil.copyfile(CASES, target)
    return target


# -- landlord, settings and period -------------------------------------------------------


def test_landlord_is_required() -> None:
    code, out, err = _report(*YEAR)
    assert code == 2
    assert out == ""
    assert "--landlord NAME" in err and "chc-report.yaml" in err
    assert len(err.strip().splitlines()) == 1


def test_settings_file_beside_the_cases_gives_landlord_homes_and_period(tmp_path: Path) -> None:
    cases = _copy_cases(tmp_path)
    (tmp_path / "chc-report.yaml").write_text(
        "landlord: Riverside Homes\nhomes: 5762\nperiod: 2023-24\n", encoding="utf-8"
    )
    run = run_chc("report", str(cases), "-f", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["report"]["landlord"] == "Riverside Homes"
    assert (data["report"]["from"], data["report"]["to"]) == ("2023-04-01", "2024-03-31")
    assert data["figures"]["ch01_stage1"]["value"] == 68.2  # 393 / 5,762 homes
    assert f"settings from {tmp_path / 'chc-report.yaml'}" in run.stderr
    # An option wins over the file.
    run = run_chc("report", str(cases), "-f", "json", "--landlord", "Other", "--homes", "393")
    assert json.loads(run.stdout)["report"]["landlord"] == "Other"
    assert json.loads(run.stdout)["figures"]["ch01_stage1"]["value"] == 1000.0


def test_settings_option_with_from_and_to(tmp_path: Path) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text(
        "landlord: A\nhomes: 10\nfrom: 2024-01-01\nto: 2024-12-31\n", encoding="utf-8"
    )
    code, out, err = _report("--settings", str(settings), "-f", "md")
    assert code == 0, err
    assert out.startswith(
        "# A: Annual complaints performance and service improvement report, "
        "1 January 2024 to 31 December 2024\n"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("landlord: A\nhome: 5\n", ":2:1:", "unknown key"),
        ("landlord: A\nhomes: many\n", ":2:1: homes:", "whole number above 0"),
        ("landlord: A\nperiod: 2023-25\n", ":2:1: period:", "not a financial year"),
        ("landlord: A\nfrom: 2024-02-30\n", ":2:1: from:", "February 2024 has 29 days"),
        ("landlord: [A\n", ":", "invalid YAML"),
        ("- A\n", "", "a settings file is a mapping"),
    ],
)
def test_bad_settings_file(tmp_path: Path, text: str, where: str, message: str) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text(text, encoding="utf-8")
    code, out, err = _report("--settings", str(settings), *YEAR)
    assert code == 2
    assert out == ""
    assert f"{settings}{where}" in err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_missing_homes_and_period_name_both_ways_to_give_them(tmp_path: Path) -> None:
    settings = tmp_path / "s.yaml"
    settings.write_text("landlord: A\n", encoding="utf-8")
    code, _, err = _report("--settings", str(settings))
    assert code == 2
    assert "--homes N, or homes: N in" in err
    code, _, err = _report("--settings", str(settings), "--homes", "5")
    assert code == 2
    assert "period: 2023-24" in err


def test_period_names() -> None:
    assert financial_year_name(date(2023, 4, 1), date(2024, 3, 31)) == "2023-24"
    assert financial_year_name(date(1999, 4, 1), date(2000, 3, 31)) == "1999-00"
    assert financial_year_name(date(2023, 4, 1), date(2024, 3, 30)) is None
    assert financial_year_name(date(2023, 4, 1), date(2025, 3, 31)) is None
    assert period_name(date(2024, 1, 1), date(2024, 6, 30)) == "1 January 2024 to 30 June 2024"
    assert financial_year("2023-24") == (date(2023, 4, 1), date(2024, 3, 31))
    assert financial_year("2023-25") is None


# -- the page speaks to a board ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_page_has_no_paths_option_names_column_names_or_warnings(fmt: str) -> None:
    code, page, err = _report(*YEAR, "--landlord", "Example Homes", "-f", fmt)
    assert code == 0, err
    assert "Annual complaints performance and service improvement report 2023-24" in page
    assert "cases-2023-24.csv" not in page and "examples/" not in page
    assert not re.search(r"--[a-z]", page.replace("<!--", ""))  # no option names
    for column in ("refusal_within_policy", "remedy_amount", "refused = yes", "outcome ="):
        assert column not in page
    assert "2023-04-01" not in page  # dates in words, not ISO
    assert "Warnings" not in page and "no stage 1 response date" not in page
    assert "Method" in page and "Monday to Friday" in page
    # The tool's warnings are on stderr instead.
    assert "chc: warning: 1 stage 2 request(s) in the period have no stage 1" in err


def test_json_sections_list_every_item_with_its_status(tmp_path: Path) -> None:
    (tmp_path / "service-improvements.md").write_text("We fixed the boilers.\n", encoding="utf-8")
    (tmp_path / "governing-body-response.md").write_text("Approved.\n", encoding="utf-8")
    (tmp_path / "non-compliance.md").write_text("   \n\n", encoding="utf-8")  # blank: missing
    (tmp_path / "notes.txt").write_text("not Markdown, not read", encoding="utf-8")
    code, out, err = _report(*YEAR, "--landlord", "L", "-f", "json", "--narrative", str(tmp_path))
    assert code == 0, err
    sections = json.loads(out)["sections"]
    assert [s["key"] for s in sections] == KEYS
    assert {s["key"]: s["status"] for s in sections} == {
        "8.1(a)": "missing",
        "8.1(b)": "included",
        "8.1(c)": "missing",
        "8.1(d)": "included",
        "8.1(e)": "missing",
        "8.1(f)": "missing",
        "8.2": "included",
    }
    assert all(set(s) == {"key", "title", "status"} and s["title"] for s in sections)
    assert "missing from the report: 8.1(c)" in err
    assert "non-compliance.md" in err


def test_self_assessment_makes_item_a_included() -> None:
    answers = str(EXAMPLES / "answers-2024.yaml")
    code, out, _ = _report(*YEAR, "--landlord", "L", "-f", "md", "--self-assessment", answers)
    assert code == 0
    table = out[out.index("## What this report contains") : out.index("## Self-assessment")]
    assert "| 8.1(a) | Self-assessment against the Complaint Handling Code | Included |" in table
    assert "| 8.1(c) | Findings of non-compliance by the Housing Ombudsman | **Missing** |" in table


def test_checklist_and_sections_in_the_html(tmp_path: Path) -> None:
    (tmp_path / "governing-body-response.md").write_text(
        "# Response\n\nThe board **approved** the report.\n", encoding="utf-8"
    )
    code, page, _ = _report(*YEAR, "--landlord", "L", "-f", "html", "--narrative", str(tmp_path))
    assert code == 0
    assert page.count('<tr class="missing">') == 5
    assert page.count('<tr class="included">') == 2
    response = page[page.index('<h2 id="item-7">') :]
    assert "<h3>Response</h3>" in response  # the writer's h1 sits under the section's h2
    assert "<strong>approved</strong>" in response


def test_unknown_narrative_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "service-improvement.md").write_text("x", encoding="utf-8")
    code, _, err = _report(*YEAR, "--landlord", "L", "--narrative", str(tmp_path))
    assert code == 2
    assert "service-improvement.md is not one of the narrative files" in err
    assert "service-improvements.md" in err
    code, _, err = _report(*YEAR, "--landlord", "L", "--narrative", str(tmp_path / "none"))
    assert code == 2
    assert "--narrative must be a folder" in err


# -- narrative text is rendered safely ----------------------------------------------------

HOSTILE = (
    "Intro <script>alert(1)</script> and <img src=x onerror=alert(2)>.\n\n"
    '<div onclick="x()">raw block</div>\n\n'
    "[click](javascript:alert(3)) [ok](https://example.org) ![pic](https://evil.example/p.png)\n\n"
    "[ref]: vbscript:msgbox\n"
)


def test_narrative_html_lets_no_markup_or_script_through() -> None:
    html = narrative_html(HOSTILE)
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html.replace("(javascript:alert(3))", "")  # shown, not linked
    assert 'href="javascript' not in html and "vbscript" not in html.split("href")[-1][:20]
    assert '<a href="https://example.org">ok</a>' in html
    assert 'src="' not in html  # nothing fetched


def test_narrative_markdown_makes_html_inert_without_entities() -> None:
    md = narrative_markdown(HOSTILE + "\nSee <https://example.org/a> & more.\n")
    assert "\\<script>alert(1)\\</script>" in md
    assert "\\<img src=x" in md and "\\<div" in md
    assert "javascript:" not in md and "vbscript:" not in md
    assert "[click]" in md and "[ok](https://example.org)" in md
    assert "<https://example.org/a> & more." in md  # autolinks and "&" left as written
    assert "&amp;" not in md and "&lt;" not in md


def test_hostile_narrative_through_the_command(tmp_path: Path) -> None:
    (tmp_path / "service-improvements.md").write_text(HOSTILE, encoding="utf-8")
    for fmt in ("html", "md"):
        code, page, _ = _report(*YEAR, "--landlord", "L", "-f", fmt, "--narrative", str(tmp_path))
        assert code == 0
        assert not re.search(r"(?<!\\)<(script|img|div onclick)", page, re.I)
        assert 'href="javascript' not in page
        if fmt == "md":  # in HTML the text is shown as written, not as a link
            assert "](javascript" not in page
        assert 'src="https://evil' not in page
