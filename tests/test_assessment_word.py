"""self-assessment render --format docx, DRAFT marking, --final and --format json.

The Word files are read back with python-docx (and their XML), and once through LibreOffice
as a PDF where LibreOffice is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from conftest import EXAMPLES, GOLDEN, run_chc

FINISHED = EXAMPLES / "answers-2024.yaml"  # all 72 items answered, none machine-filled
SMALL = GOLDEN / "answers-2024-small.yaml"  # 3 of 72 answered


def render_docx(tmp_path: Path, answers: Path, *extra: str, name: str = "sa.docx") -> Document:
    out = tmp_path / name
    result = run_chc(
        "self-assessment", "render", str(answers), "-f", "docx", "-o", str(out), *extra
    )
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(out))


def mm(length: Length | None) -> int:
    assert length is not None
    return round(float(length.mm))


def header_texts(doc: Document) -> list[str]:
    return [p.text for s in doc.sections for p in s.header.paragraphs]


def test_word_is_landscape_a4_with_a_table_per_section(tmp_path: Path) -> None:
    doc = render_docx(tmp_path, FINISHED)
    for section in doc.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert mm(section.page_width) == 297 and mm(section.page_height) == 210
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[:2] == ["Summary", "Actions and target dates"]
    assert headings[2] == "Section 1: Definition of a complaint"
    assert headings[-1] == "Section 9: Scrutiny & oversight: continuous learning and improvement"
    # Summary, actions, then the 2024 form's nine sections.
    assert len(doc.tables) == 11
    form = doc.tables[2:]
    assert [c.text for c in form[0].rows[0].cells] == [
        "Code provision",
        "Code requirement",
        "Comply: Yes / No",
        "Evidence",
        "Commentary / explanation",
    ]
    assert sum(len(t.rows) - 1 for t in form) == 72
    row = next(r for t in form for r in t.rows if r.cells[0].text == "6.2")
    # From examples/answers-2024.yaml, item 6.2.
    assert row.cells[2].text == "Yes"
    assert row.cells[3].text == "Complaints policy (b3living.org.uk), 3.2.6."
    assert row.cells[4].text.startswith("Stage 1 is acknowledged in writing within five")
    assert "DRAFT" not in " ".join(header_texts(doc))
    assert not doc.paragraphs[0].text.startswith("DRAFT")


def test_every_table_repeats_its_header_row(tmp_path: Path) -> None:
    doc = render_docx(tmp_path, FINISHED)
    for table in doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        first = rows[0].find(qn("w:trPr"))
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        assert all(
            r.find(qn("w:trPr")) is None or r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
            for r in rows[1:]
        )


def test_named_styles_a_landlord_can_restyle(tmp_path: Path) -> None:
    doc = render_docx(tmp_path, FINISHED)
    names = {s.name for s in doc.styles}
    assert {"Form Table", "Form Header", "Form Item", "Form Text", "Draft Mark"} <= names
    assert all(t.style is not None and t.style.name == "Form Table" for t in doc.tables)
    form = doc.tables[2]
    assert form.rows[0].cells[0].paragraphs[0].style.name == "Form Header"
    assert form.rows[1].cells[0].paragraphs[0].style.name == "Form Item"
    assert form.rows[1].cells[3].paragraphs[0].style.name == "Form Text"


def test_draft_marked_in_the_header_of_every_page(tmp_path: Path) -> None:
    out = tmp_path / "sa.docx"
    result = run_chc("self-assessment", "render", str(SMALL), "-f", "docx", "-o", str(out))
    assert result.exit_code == 0
    assert "marked DRAFT" in result.stderr and "not answered (69): 1.3, 1.4," in result.stderr
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text.startswith("DRAFT: Self-assessment against")
    for section in doc.sections:
        assert not section.header.is_linked_to_previous
        mark = section.header.paragraphs[0]
        assert mark.text == (
            "DRAFT: not finished, not for publication. 69 items of 72 are not answered."
        )
        assert mark.style.name == "Draft Mark"


def test_template_styles_and_letterhead_are_kept(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    ours = docx.Document()
    style = ours.styles.add_style("Form Text", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(14)
    style.font.name = "Comic Sans MS"
    ours.sections[0].header.paragraphs[0].text = "Acme Housing letterhead"
    ours.sections[0].left_margin = Mm(30)
    ours.add_paragraph("Template body text that must not appear")
    template = tmp_path / "ours.docx"
    ours.save(str(template))
    before = template.read_bytes()

    doc = render_docx(tmp_path, SMALL, "--template", str(template))
    assert doc.styles["Form Text"].font.size == Pt(14)
    assert doc.styles["Form Text"].font.name == "Comic Sans MS"
    assert doc.tables[2].rows[1].cells[3].paragraphs[0].style.name == "Form Text"
    assert header_texts(doc) == [
        "DRAFT: not finished, not for publication. 69 items of 72 are not answered.",
        "Acme Housing letterhead",
    ]
    assert mm(doc.sections[0].left_margin) == 30
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert "Template body text" not in "\n".join(p.text for p in doc.paragraphs)
    assert template.read_bytes() == before


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.mkdir(), "must be a Word .docx file"),
        (lambda p: p.write_text("not a zip", encoding="utf-8"), "not a Word document"),
        (lambda p: None, "not found"),
    ],
)
def test_bad_word_template_is_exit_2(tmp_path: Path, make: object, words: str) -> None:
    template = tmp_path / "t.docx"
    make(template)  # type: ignore[operator]
    out = tmp_path / "sa.docx"
    args = ["self-assessment", "render", str(SMALL), "-f", "docx", "-o", str(out)]
    result = run_chc(*args, "--template", str(template))
    assert result.exit_code == 2
    assert f"{template}: " in result.stderr and words in result.stderr
    assert not out.exists()


def test_docx_goes_down_a_pipe_and_is_byte_stable(tmp_path: Path) -> None:
    # Not at a terminal (a pipe, as here), the Word file goes to standard output; at a
    # terminal it is refused (tests/test_cli_voice.py).
    result = run_chc("self-assessment", "render", str(FINISHED), "-f", "docx")
    assert result.exit_code == 0 and result.stdout.startswith("PK")
    render_docx(tmp_path, FINISHED, name="one.docx")
    render_docx(tmp_path, FINISHED, name="two.docx")
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


# -- DRAFT and --final in every format --------------------------------------------------------


def unreviewed(tmp_path: Path) -> Path:
    """The finished example with one answer marked as chc's, not yet reviewed."""
    text = FINISHED.read_text(encoding="utf-8")
    text = text.replace(
        '  "6.2":\n    comply: yes\n', '  "6.2":\n    comply: yes\n    machine_filled: true\n'
    )
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_finished_form_has_no_draft_mark(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        result = run_chc("self-assessment", "render", str(FINISHED), "-f", fmt, "--final")
        assert result.exit_code == 0 and result.stderr == ""
        assert "DRAFT" not in result.stdout


def test_unreviewed_answer_makes_a_draft(tmp_path: Path) -> None:
    answers = unreviewed(tmp_path)
    md = run_chc("self-assessment", "render", str(answers))
    assert md.exit_code == 0
    assert "filled in by chc, not reviewed (1): 6.2" in md.stderr
    assert md.stdout.startswith("# DRAFT: ")
    assert (
        "> **DRAFT: not finished, not for publication.** "
        "1 answer filled in by chc has not been reviewed." in md.stdout
    )
    html = run_chc("self-assessment", "render", str(answers), "-f", "html").stdout
    assert '<div class="draft-page" aria-hidden="true">DRAFT: NOT FOR PUBLICATION</div>' in html
    # Printed, the fixed element repeats on every page.
    assert re.search(
        r"@media print \{\s*/\*[^*]*\*/\s*\.draft-page \{ display: block; position: fixed", html
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_final_refuses_an_unfinished_form(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"sa.{fmt}"
    args = ["self-assessment", "render", str(SMALL), "-f", fmt, "-o", str(out), "--final"]
    result = run_chc(*args)
    assert result.exit_code == 1
    assert "not rendered: the form is not finished" in result.stderr
    assert "not answered (69): 1.3, 1.4, 1.5, 1.6, 2.1," in result.stderr
    assert not out.exists()


def test_render_json_shape(tmp_path: Path) -> None:
    result = run_chc("self-assessment", "render", str(SMALL), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "file", "title", "landlord", "period", "code", "draft", "unfinished", "summary", "items",
    ]  # fmt: skip
    assert data["landlord"] == "Small Homes" and data["period"] == "2024-25"
    assert data["code"]["edition"] == "2024"
    assert data["draft"] is True
    assert len(data["unfinished"]["unanswered"]) == 69 and data["unfinished"]["unreviewed"] == []
    assert data["summary"]["total"] == {
        "yes": 1, "no": 1, "partly": 1, "not_applicable": 0, "unanswered": 69, "total": 72,
    }  # fmt: skip
    item = next(i for i in data["items"] if i["id"] == "6.3")
    assert item == {
        "id": "6.3",
        "section": 6,
        "obligation": "must",
        "requirement": item["requirement"],
        "comply": "no",
        "evidence": "Policy says 15 working days.",
        "commentary": "Our policy allows 15 working days.\n\nIt is being rewritten.",
        "action": "Adopt a 10 working day target.",
        "target_date": "2025-01-31",
        "machine_filled": False,
    }
    assert "10 working days" in item["requirement"]
    assert len(data["items"]) == 72


def test_json_refuses_a_template(tmp_path: Path) -> None:
    result = run_chc(
        "self-assessment", "render", str(SMALL), "-f", "json", "--template", str(tmp_path)
    )
    assert result.exit_code == 2 and "--template has no effect" in result.stderr


def test_format_choices_come_from_the_registry() -> None:
    from chc.assessment.formats import FORMATTERS

    assert sorted(FORMATTERS) == ["docx", "html", "json", "md"]
    result = run_chc("self-assessment", "render", str(SMALL), "-f", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of md, html, docx, json" in " ".join(result.stderr.split())


# -- looked at once as pages ----------------------------------------------------------------


@pytest.mark.slow
def test_word_file_through_libreoffice(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice or poppler is not installed "
            "(apt-get install libreoffice-writer-nogui poppler-utils)"
        )
    render_docx(tmp_path, SMALL)
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "sa.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "sa.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info.stdout), info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 5, f"72 rows of tables in landscape A4 take several pages, not {pages}"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheets = text.split("\f")[:pages]
    assert all("DRAFT: not finished, not for publication." in page for page in sheets)
    # The header row is on every page that continues a form table.
    continued = [p for p in sheets[2:] if "Code requirement" in p]
    assert len(continued) >= pages - 3
