"""`chc report` on the command line: formats, options, the HTML page, and bad input.

Every kind of bad input ends with one line naming the file (and line and column where
there is one) and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLE_YEAR, EXAMPLES, run_chc

CASES = str(EXAMPLES / "cases-2023-24.csv")
YEAR = EXAMPLE_YEAR


def test_json_has_every_figure_with_numerator_denominator_and_definition() -> None:
    result = run_chc("report", CASES, *YEAR, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "report",
        "figures",
        "months",
        "outcomes",
        "categories",
        "refusals",
        "ombudsman_determinations",
        "previous",
        "comparison",
        "notes",
        "warnings",
        "assumptions",
        "sections",
    }
    # What the figures rest on, by id and statement, each once (docs/assumptions.md).
    ids = [a["id"] for a in data["assumptions"]]
    assert ids == ["working-day", "acknowledge-calendar-days", "extension-working-days",
                   "extension-from-due-date", "logged-when-acknowledged"]  # fmt: skip
    assert all(a["statement"].startswith("chc ") for a in data["assumptions"])
    for key, f in data["figures"].items():
        assert set(f) == {
            "label",
            "value",
            "unit",
            "numerator",
            "denominator",
            "shown",
            "counts",
            "definition",
            "why",
        }, key
        assert f["definition"], key
        # Why a figure has nothing to measure goes with it, and only then.
        assert (f["why"] is not None) == (f["value"] is None), key
    assert data["figures"]["ch01_stage1"] == {
        "label": "CH01(1) Stage 1 complaints per 1,000 homes",
        "value": 68.2,
        "unit": "per 1,000 homes",
        "numerator": 393,
        "denominator": 5762,
        "shown": "68.2",
        "counts": "393 complaints / 5,762 homes × 1,000",
        "definition": data["figures"]["ch01_stage1"]["definition"],
        "why": None,
    }
    assert data["figures"]["ch02_stage1"]["value"] == 82.1
    assert data["figures"]["ch02_stage2"]["value"] == 62.5
    assert data["report"]["rules"] == {
        "refused_count_as": "by-policy",
        "withdrawn_count_as": "excluded",
        "over_limit_extensions": "capped",
    }
    assert data["months"][1]["month"] == "2023-05"
    assert data["months"][1]["stage1"]["received"] == 52
    assert data["previous"] is None


def test_text_shows_every_figure_with_its_counts() -> None:
    result = run_chc("report", CASES, *YEAR)
    assert result.exit_code == 0
    # The value first, then the figure's name and its counts, wrapped under the name.
    shown = " ".join(result.stdout.split())
    assert (
        "82.1% CH02(1) Stage 1 complaints responded to within the Code's timescale (312 of 380)"
        in shown
    )
    assert (
        "68.2 CH01(1) Stage 1 complaints per 1,000 homes (393 complaints / 5,762 homes × 1,000)"
        in shown
    )
    assert "Rules: refused by-policy; withdrawn excluded" in result.stdout


def test_refused_count_as_option_changes_ch02() -> None:
    result = run_chc("report", CASES, *YEAR, "-f", "json", "--refused-count-as", "excluded")
    figure = json.loads(result.stdout)["figures"]["ch02_stage1"]
    assert (figure["numerator"], figure["denominator"]) == (312, 370)


def test_markdown_tables_and_escaped_user_text(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,category,refused,refusal_reason\n"
        'A,2024-05-01,"Pipes | <script>x</script>",yes,"a | b"\n',
        encoding="utf-8",
    )
    result = run_chc(
        "report", str(path), "--homes", "10", "--from", "2024-04-01", "--to", "2025-03-31",
        "-f", "md", "--landlord", "L",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "| Pipes \\| \\<script>x\\</script> | 1 | 100.0% |" in out
    assert not re.search(r"(?<!\\)<script>", out)
    assert "| a \\| b | not recorded | not on time | 1 |" in out
    assert "| CH01(1) Stage 1 complaints per 1,000 homes | 100.0 | 1 complaints / 10 homes" in out


def test_html_is_one_self_contained_accessible_page(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,category\nA,2024-05-01,<b>Heating & hot water</b>\n",
        encoding="utf-8",
    )
    result = run_chc(
        "report", str(path), "--homes", "10", "--from", "2024-04-01", "--to", "2025-03-31",
        "-f", "html", "--landlord", "Homes & Co",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<script" not in page.lower()
    # Nothing is fetched: no external stylesheet, image, font or link to a resource.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<svg") == 4
    for ident in ("chart-received", "chart-on-time", "chart-outcomes", "chart-categories"):
        assert f'<title id="{ident}-title">' in page
        assert f'<desc id="{ident}-desc">' in page
        assert f'aria-labelledby="{ident}-title {ident}-desc"' in page
    assert len(re.findall(r"<table[ >]", page)) == page.count("<caption>")
    assert "<th>" not in page  # every header cell has a scope
    assert "&lt;b&gt;Heating &amp; hot water&lt;/b&gt;" in page
    assert "<b>Heating" not in page
    assert (
        "<title>Homes &amp; Co: Annual complaints performance and service improvement "
        "report 2024-25</title>" in page
    )


def test_on_time_chart_has_a_100_percent_line() -> None:
    page = run_chc("report", CASES, *YEAR, "-f", "html").stdout
    chart = page[
        page.index('id="chart-on-time-title"') : page.index(
            "</svg>", page.index('id="chart-on-time-title"')
        )
    ]
    assert 'stroke-dasharray="6 4"' in chart
    assert ">100%</text>" in chart


def test_previous_period_comparison_on_the_command_line() -> None:
    result = run_chc(
        "report", CASES, *YEAR, "--previous", CASES, "--previous-homes", "5700", "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["previous"]["from"] == "2022-04-01"
    assert data["previous"]["homes"] == 5700
    rows = {r["key"]: r for r in data["comparison"]}
    # Last year's file holds only the 7 complaints received before April 2023.
    assert rows["received_stage1"]["previous"] == "7"
    assert rows["received_stage1"]["change"] == "+386"


def test_self_assessment_is_the_appendix() -> None:
    answers = str(EXAMPLES / "answers-2024.yaml")
    page = run_chc("report", CASES, *YEAR, "-f", "html", "--self-assessment", answers).stdout
    assert "Appendix: self-assessment against the Complaint Handling Code" in page
    appendix = page[page.index('<section class="appendix"') :]
    assert "<h1" not in appendix  # the report keeps its one top-level heading
    assert "Section 6: Complaints stages" in appendix
    md = run_chc("report", CASES, *YEAR, "-f", "md", "--self-assessment", answers).stdout
    assert "## Appendix: self-assessment against the Complaint Handling Code" in md
    assert "\n# " not in md[md.index("## Appendix") :]


def test_output_file_is_written_and_not_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert run_chc("report", CASES, *YEAR, "-f", "html", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run_chc("report", CASES, *YEAR, "-f", "html", "-o", str(out))
    assert again.exit_code == 2
    assert "already exists; use --force" in again.stderr


def _bad_csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("reference,received\nA,2024-13-01\n", ":2:2:", "there is no month 13"),
        ("reference,received\nA,\n", ":2:2:", "received: the date is empty"),
        ("reference,notes\nA,called\n", ":1:1:", "no 'received' column"),
        # A column of dates that feeds nothing is named, with the field it may be.
        ("reference,date\nA,2024-05-01\n", ":1:2:", "'date' holds dates but feeds none"),
        ("reference,received,outcome\nA,2024-05-01,fine\n", ":2:3:", "'fine' is not one of"),
        ("reference,received,refused\nA,2024-05-01,sure\n", ":2:3:", "'sure' is not yes or no"),
        ("reference,received,remedy_amount\nA,2024-05-01,£x\n", ":2:3:", "not an amount"),
        (
            "reference,received,stage1_responded\nA,2024-05-01,2024-04-01\n",
            ":2",
            "dates out of order",
        ),
        ("reference,received,stage1_extension\nA,2024-05-01,ten\n", ":2:3:", "whole number"),
    ],
)
def test_bad_cells_give_one_line_with_file_line_and_column(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = _bad_csv(tmp_path, text)
    result = run_chc(
        "report", path, "--homes", "10", "--from", "2024-04-01", "--to", "2025-03-31",
        "--landlord", "L",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}{where}" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--homes", "0"), "--homes must be a whole number above 0"),
        (("--from", "2024-02-30"), "February 2024 has 29 days"),
        (("--from", "2025-01-01", "--to", "2024-01-01"), "before it starts"),
        (("--previous-homes", "10"), "--previous-homes needs --previous"),
        (("--self-assessment", "x.yaml"), "add --format md or html"),
        (("--previous", "/nonexistent/last-year.csv"), "/nonexistent/last-year.csv"),
        (("--region", "wales"), "unknown region"),
        (("--code", "2019"), "2019"),
    ],
)
def test_bad_options_give_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    base = {"--homes": "10", "--from": "2024-04-01", "--to": "2025-03-31", "--landlord": "L"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    merged = [x for k, v in {**base, **given}.items() for x in (k, v)]
    result = run_chc("report", CASES, *merged)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_self_assessment_answers_stop_the_report(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("code: 2024\nanswers:\n  6.3: [unclosed\n", encoding="utf-8")
    result = run_chc("report", CASES, *YEAR, "-f", "md", "--self-assessment", str(answers))
    assert result.exit_code == 2
    assert str(answers) in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_case_file() -> None:
    result = run_chc("report", "/nonexistent/cases.csv", *YEAR)
    assert result.exit_code == 2
    assert "/nonexistent/cases.csv" in result.stderr


def test_help_names_the_options_and_ends_with_an_example() -> None:
    result = run_chc("report", "--help")
    assert result.exit_code == 0
    for option in ("--homes", "--from", "--to", "--previous", "--self-assessment",
                   "--refused-count-as", "--withdrawn-count-as", "--over-limit-extensions",
                   "--template", "--format"):  # fmt: skip
        assert option in result.stdout
    assert "chc report examples/cases-2023-24.csv --homes 5762" in result.stdout


def test_the_report_states_the_target_timescales_it_measured_against() -> None:
    # The example's complaints were all received under the 2022 Code (to 31 March 2024):
    # its 4.1 (5 calendar days to acknowledge), 5.1 (10 working days from logging, with
    # 10 more by extension) and 5.13 (stage 2: 20 working days from the request, 10 more).
    data = json.loads(run_chc("report", CASES, *YEAR, "--format", "json").stdout)
    targets = data["report"]["targets"]
    assert [(t["edition"], t["stage"]) for t in targets] == [("2022", 1), ("2022", 2)]
    assert targets[0]["acknowledge"] == {
        "amount": 5, "unit": "calendar_days", "from": "received", "provision": "4.1"
    }  # fmt: skip
    assert targets[0]["respond"]["amount"] == 10 and targets[0]["respond"]["from"] == "logged"
    assert targets[0]["extension"]["amount"] == 10
    assert targets[1]["acknowledge"] is None
    assert (targets[1]["respond"]["amount"], targets[1]["respond"]["provision"]) == (20, "5.13")
    page = run_chc("report", CASES, *YEAR, "--format", "md").stdout
    assert (
        "| 2022 Code | Stage 2 | no acknowledgement timescale; respond within 20 working days "
        "of the escalation request (Code 5.13); an extension of up to 10 working days beyond "
        "the due date (Code 5.13) [1,3,4] |"
    ) in page
    # The numbers refer to the one list of what the figures rest on, under the method.
    listed = page[page.index("### Assumptions") :]
    assert "\n1. chc counts working days as Monday to Friday" in listed
    assert "\n3. chc reads the 2022 Code" in listed
    assert "\n4. chc adds an extension to the response's unextended due date" in listed


def test_a_figure_with_nothing_to_measure_says_why_in_the_report(tmp_path: Path) -> None:
    # Forty stage 2 requests in March 2026 and none answered by the year's end: CH02(2) has
    # nothing to measure, and the page says so beside it.
    rows = "".join(f"R{i},2026-01-05,2026-01-07,2026-01-16,2026-03-02\n" for i in range(40))
    path = tmp_path / "cases.csv"
    path.write_text(
        "reference,received,stage1_acknowledged,stage1_responded,stage2_requested\n" + rows,
        encoding="utf-8",
    )
    args = ("report", str(path), "--homes", "100", "--from", "2025-04-01", "--to",
            "2026-03-31", "--landlord", "X")  # fmt: skip
    data = json.loads(run_chc(*args, "--format", "json").stdout)
    assert data["figures"]["ch02_stage2"]["shown"] == "n/a"
    why = "no stage 2 response was given in the period; 40 stage 2 complaint(s) received"
    assert data["figures"]["ch02_stage2"]["why"].startswith(why)
    page = run_chc(*args, "--format", "md").stdout
    assert f"| n/a | 0 of 0: {why} in the period |" in page
