"""The readers: every format becomes the same blocks, each knowing where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.policy.extract.document import heading_level, split_sentences
from chc.policy.extract.readers import read_document

CORPUS = Path(__file__).parent / "extract" / "corpus"


def test_sentences_keep_abbreviations_and_quotes() -> None:
    text = "We accept complaints e.g. by phone. He said “no.” Then   we wrote."
    assert split_sentences(text) == (
        "We accept complaints e.g. by phone.",
        "He said “no.”",
        "Then we wrote.",
    )


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("4. Feedback, complaints and escalation", 1),
        ("7.3 Summary of approach", 2),
        ("WHAT IS NOT A COMPLAINT", 1),
        ("6.1 There are some things that we will not deal with through our procedure.", 0),
        ("5.1 A complaint is defined as:", 0),
        ("Stage 1 Complaint, the complaint, earlier findings and any feedback.", 0),
    ],
)
def test_heading_level(line: str, level: int) -> None:
    assert heading_level(line) == level


def test_html_drops_navigation_header_footer_and_cookie_banner() -> None:
    text = read_document(CORPUS / "oakfield.html").text()
    assert "Stage 3 appeals" not in text  # a nav link
    assert "Call us on" not in text  # the header
    assert "Registered provider" not in text  # the footer
    assert "We use cookies" not in text
    assert "analytics" not in text  # a script
    assert "You can tell us about your complaint in any of these ways:" in text


def test_html_table_rows_keep_their_cells() -> None:
    rows = [b for b in read_document(CORPUS / "oakfield.html").blocks if b.kind == "row"]
    assert rows[1].cells == (
        "Stage 1",
        "5 working days",
        "10 working days from acknowledgement",
        "up to 10 working days",
    )
    assert rows[1].where() == 'under "Our complaints process", table row 3'


def test_docx_keeps_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Timescales", level=1)
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Stage 1"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "10 working days"
    document.add_paragraph("After the table.")
    document.add_paragraph("an item", style="List Bullet")
    path = tmp_path / "p.docx"
    document.save(str(path))
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Timescales"),
        ("paragraph", "Before the table."),
        ("row", "Stage 1 | 10 working days"),  # the merged cell once, not twice
        ("paragraph", "After the table."),
        ("item", "an item"),
    ]
    assert blocks[1].where() == 'under "Timescales", paragraph 1'


def test_text_blocks_know_their_line() -> None:
    blocks = read_document(CORPUS / "seed003.txt").blocks
    stage1 = next(b for b in blocks if b.text.startswith("Stage 1 Complaint"))
    assert stage1.line == 47
    assert stage1.headings == ("4. Feedback, complaints and escalation",)


def test_pdf_table_rows_keep_their_cells_and_page(tmp_path: Path) -> None:
    from test_extract_corpus import build_pdf

    path = tmp_path / "harbour.pdf"
    build_pdf(CORPUS / "harbour.pdf.md", path)
    blocks = read_document(path).blocks
    rows = [b for b in blocks if b.kind == "row"]
    assert rows[1].cells == (
        "Stage 1",
        "A complaints officer investigates and writes to you.",
        "We will respond within two weeks of acknowledgement.",
    )
    assert rows[1].page == 1
    # The title wraps onto two lines in the PDF and is read as one heading.
    assert blocks[0].text == "Harbour Housing Association Complaints Procedure"


def test_an_unmapped_bullet_glyph_is_a_bullet_and_others_are_dropped() -> None:
    from chc.policy.extract.pdf_reader import unmapped_glyphs

    assert unmapped_glyphs("(cid:127) insurance claims;") == "• insurance claims;"
    assert unmapped_glyphs("rent (cid:3) levels") == "rent levels"
