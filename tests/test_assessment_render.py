"""chc self-assessment render: golden files for every edition and format, escaping, the
form's layout, landlord templates, and a look at the HTML in a real browser.

Golden files are tests/golden/self-assessment-*.{md,html} and the rendered examples in
examples/, all compared through conftest's `golden` fixture. After an intended change,
`.venv/bin/pytest --update-golden` rewrites both (and fails); review the diff (git diff
tests/golden examples), then run again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from chc.assessment.answers import load_answers
from chc.assessment.render import to_html, to_markdown, view
from chc.codes.loading import builtin_editions
from conftest import EXAMPLES, GOLDEN, SHARED, Golden, run_chc

INPUTS = {
    "2020": GOLDEN / "answers-2020.yaml",
    "2022": EXAMPLES / "answers-2022.yaml",
    "2024": GOLDEN / "answers-2024-small.yaml",
}


def rendered(path: Path, fmt: str, *extra: str) -> str:
    result = run_chc("self-assessment", "render", str(path), "--format", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("edition", sorted(INPUTS))
def test_golden(edition: str, fmt: str, golden: Golden) -> None:
    golden(f"self-assessment-{edition}.{fmt}", rendered(INPUTS[edition], fmt))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("edition", ["2022", "2024"])
def test_examples_are_up_to_date(edition: str, fmt: str, golden: Golden) -> None:
    text = rendered(EXAMPLES / f"answers-{edition}.yaml", fmt)
    golden(EXAMPLES / f"self-assessment-{edition}.{fmt}", text)


def test_render_is_byte_stable_and_has_no_clock() -> None:
    from datetime import date

    first = rendered(INPUTS["2024"], "html")
    assert first == rendered(INPUTS["2024"], "html")
    assert date.today().isoformat() not in first


def test_html_escapes_user_text() -> None:
    html = rendered(INPUTS["2020"], "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "Example Homes &lt;Trust&gt; &amp; Co | Ltd" in html


def test_markdown_cells_cannot_break_tables() -> None:
    md = rendered(INPUTS["2020"], "md")
    assert not re.search(r"(?<!\\)<script", md)
    row = next(line for line in md.splitlines() if line.startswith("| Q1.1:"))
    # Two paragraphs kept apart, the pipe escaped, so the row still has four cells.
    assert "Complaints policy, section 2.<br><br>Second paragraph:" in row
    assert "\\| a pipe" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    small = rendered(INPUTS["2024"], "md")
    assert "Policy 3.1 \\| line one<br>line two" in small
    form = small[small.index("## Section 1") :]
    for line in form.splitlines():
        if line.startswith(("| 6.", "| 1.2")):
            assert len(re.findall(r"(?<!\\)\|", line)) == 6, line


def test_html_is_accessible_and_self_contained() -> None:
    html = rendered(EXAMPLES / "answers-2024.yaml", "html")
    assert '<html lang="en-GB">' in html
    assert html.count("<table") == html.count("<caption>")
    assert '<th scope="col">Code provision</th>' in html
    assert '<th scope="row" class="id">6.2</th>' in html
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script" not in html and " src=" not in html
    assert "@page { size: A4" in html and "thead { display: table-header-group; }" in html


def test_2024_layout_one_table_per_section_with_the_form_columns() -> None:
    context = view(load_answers(EXAMPLES / "answers-2024.yaml"))
    assert [len(s["tables"]) for s in context["sections"]] == [1] * 9
    assert context["columns"] == [
        "Code provision",
        "Code requirement",
        "Comply: Yes / No",
        "Evidence",
        "Commentary / explanation",
    ]
    assert context["summary"]["total"] == {
        "yes": 72, "no": 0, "partly": 0, "not_applicable": 0, "unanswered": 0, "total": 72,
    }  # fmt: skip


def test_2022_layout_splits_must_and_should() -> None:
    md = rendered(EXAMPLES / "answers-2022.yaml", "md")
    section1 = md[md.index("## Section 1:") : md.index("## Section 2:")]
    assert section1.index("### Mandatory 'must' requirements") < section1.index(
        "### Best practice 'should' requirements"
    )
    assert "| 1.9 |" in section1.split("### Best practice")[0]
    assert "| 1.4 |" in section1.split("### Best practice")[1]
    summary = md[md.index("## Summary") : md.index("## Actions")]
    assert (
        "| Section 4: Complaint handling principles (should) | 8 | 0 | 0 | 0 | 1 | 9 |" in summary
    )
    assert "| Section 5: Complaint stages (must) | 11 | 0 | 0 | 1 | 0 | 12 |" in summary


def test_2020_layout_themes_with_yes_and_no_columns() -> None:
    md = rendered(INPUTS["2020"], "md")
    assert "## Theme 1: Definition of a complaint" in md
    assert "| Question | Yes | No | Evidence and commentary |" in md
    assert re.search(r"^\| Q1\.3: .*\|  \| No \| No policy yet\. \|$", md, re.MULTILINE)
    assert re.search(r"^\| Q1\.2: .*\|  \| Partly \| ", md, re.MULTILINE)
    assert "Filled in by chc from a policy check; not yet reviewed." in md


def test_summary_and_actions() -> None:
    md = rendered(INPUTS["2024"], "md")
    assert "| **All items** | **1** | **1** | **1** | **0** | **69** | **72** |" in md
    actions = md[md.index("## Actions and target dates") : md.index("## Section 1")]
    rows = [line for line in actions.splitlines() if line.startswith("| 6.")]
    # By target date: 6.10 (2024-12-31) before 6.3 (2025-01-31).
    assert rows == [
        "| 6.10 | Partly | Not stated | 2024-12-31 |",
        "| 6.3 | No | Adopt a 10 working day target. | 2025-01-31 |",
    ]


def test_title_and_landlord_options() -> None:
    md = rendered(INPUTS["2024"], "md", "--title", "Our 2024 | review", "--landlord", "Other <Co>")
    assert md.startswith("# DRAFT: Our 2024 | review\n")
    assert "Landlord: Other \\<Co>" in md
    assert "Small Homes" not in md


def test_render_writes_output_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "sa.html"
    first = run_chc("self-assessment", "render", str(INPUTS["2024"]), "-f", "html", "-o", str(out))
    assert first.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run_chc("self-assessment", "render", str(INPUTS["2024"]), "-f", "html", "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr
    answers = tmp_path / "a.yaml"
    shutil.copy(INPUTS["2024"], answers)
    onto_input = run_chc("self-assessment", "render", str(answers), "-o", str(answers), "--force")
    assert onto_input.exit_code == 2 and "input file" in onto_input.stderr
    assert answers.read_text(encoding="utf-8") == INPUTS["2024"].read_text(encoding="utf-8")


def test_landlord_template(tmp_path: Path) -> None:
    (tmp_path / "self-assessment.md.j2").write_text(
        "{{ landlord }}: {{ summary.total.yes }} of {{ summary.total.total }}\n", encoding="utf-8"
    )
    md = rendered(INPUTS["2024"], "md", "--template", str(tmp_path))
    assert md == "Small Homes: 1 of 72\n"
    # The HTML template is not overridden, so the shipped one is used.
    assert rendered(INPUTS["2024"], "html", "--template", str(tmp_path)).startswith("<!DOCTYPE")


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("line one\n{% for x in %}\n", 2, "template error"),
        ("ok\n\n{{ no_such_thing }}\n", 3, "'no_such_thing' is undefined"),
    ],
)
def test_broken_template_names_its_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    template = tmp_path / "self-assessment.md.j2"
    template.write_text(body, encoding="utf-8")
    result = run_chc("self-assessment", "render", str(INPUTS["2024"]), "--template", str(tmp_path))
    assert result.exit_code == 2
    assert f"{template}:{line}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_library_render_without_cli() -> None:
    context = view(load_answers(INPUTS["2022"]), title="T")
    assert to_markdown(context).startswith("# DRAFT: T\n")
    assert "<title>DRAFT: T: B3Living" in to_html(context)


def test_examples_are_in_our_own_words() -> None:
    """No run of 12 words shared with the seed documents (as ../shared/tools/verbatim-check)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"the seed documents are not at {seeds}")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    n = 12
    source: set[tuple[str, ...]] = set()
    for seed in sorted(seeds.glob("*.txt")):
        w = words(seed.read_text(encoding="utf-8", errors="replace"))
        source.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    # The form's own column headings are reproduced on purpose ("as the form has them").
    headings = {c for e in builtin_editions() for c in e.form.columns}
    shared = []
    for path in sorted(EXAMPLES.glob("answers-*.yaml")) + sorted(
        EXAMPLES.glob("self-assessment-*")
    ):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for heading in headings:
                line = line.replace(heading, "|")
            w = words(line)
            if any(tuple(w[i : i + n]) in source for i in range(len(w) - n + 1)):
                shared.append(f"{path.name}:{number}")
    assert shared == []


# -- the browser ------------------------------------------------------------------------


@pytest.mark.slow
def test_html_in_a_real_browser(tmp_path: Path) -> None:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("no `chromium` on PATH: install Debian's chromium package to run this check")
    page = tmp_path / "self-assessment.html"
    page.write_text(rendered(EXAMPLES / "answers-2022.yaml", "html"), encoding="utf-8")
    shot = tmp_path / "out.png"
    pdf = tmp_path / "out.pdf"
    common = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync",
    ]  # fmt: skip
    for option in (f"--screenshot={shot}", f"--print-to-pdf={pdf}"):
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [*common, f"--user-data-dir={profile}", option, "--window-size=1200,1600",
                 page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 1600)
    # A blank or error page compresses to a few kB; the tables make it far larger.
    assert len(png) > 50_000
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 5, f"72 rows of tables on A4 should take several pages, not {pages}"
