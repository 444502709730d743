"""Hostile documents and workbooks (issue 23): every reader keeps bounds on depth, size and
work, and a document past one is exit 2 naming the bound, in seconds, never a traceback,
a hang or an abort.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from chc.policy.extract import bounds
from conftest import EXAMPLES, Run, run_chc

POLICY_TEXT = "Stage 1: we respond within 10 working days of acknowledging the complaint."


def refused(r: Run, *words: str) -> str:
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def quickly(*args: str, seconds: float = 20) -> Run:
    start = time.monotonic()
    r = run_chc(*args)
    assert time.monotonic() - start < seconds, f"took {time.monotonic() - start:.1f} s"
    return r


# -- Word ----------------------------------------------------------------------------------


def docx_with(tmp_path: Path, name: str, change: object) -> Path:
    """A real .docx (python-docx) whose document.xml is rewritten by ``change``."""
    from docx import Document

    base = tmp_path / "base.docx"
    doc = Document()
    doc.add_paragraph("Complaints policy")
    doc.add_paragraph(POLICY_TEXT)
    doc.save(str(base))
    path = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            out.writestr(info, data)
    return path


def _bomb(xml: str) -> str:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    head, body = xml.split("?>", 1)
    return f"{head}?><!DOCTYPE w:document [{entities}]>" + body.replace("Complaints policy", "&a9;")


def _nested(xml: str) -> str:
    cell = "<w:tbl><w:tr><w:tc>"
    inner = "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
    return xml.replace("<w:sectPr", cell * 3000 + inner + "<w:p/></w:tc></w:tr></w:tbl>" * 3000
                       + "<w:sectPr", 1)  # fmt: skip


def test_an_entity_bomb_in_document_xml_is_refused(tmp_path: Path) -> None:
    path = docx_with(tmp_path, "bomb.docx", _bomb)
    refused(quickly("extract-policy", str(path)), str(path), "declares a DTD", "refused")


def test_malformed_document_xml_is_one_located_line(tmp_path: Path) -> None:
    path = docx_with(tmp_path, "broken.docx", lambda xml: xml.replace("</w:body>", ""))
    line = refused(quickly("extract-policy", str(path)), "its XML is not well formed")
    assert "(line 2, column" in line


def test_a_part_that_unpacks_past_the_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1.2 GB from 1 MB is the attack; the same bound is tried with a smaller one.
    monkeypatch.setattr(bounds, "MAX_PART_BYTES", 2 * 1024 * 1024)
    path = docx_with(tmp_path, "huge.docx", lambda xml: xml.replace("Complaints", "x" * 3_000_000))
    assert path.stat().st_size < 200_000
    refused(quickly("extract-policy", str(path)), "word/document.xml unpacks to 3 MB",
            "parts of up to 2 MB")  # fmt: skip


def test_a_single_text_over_ten_megabytes_is_said_in_words(tmp_path: Path) -> None:
    path = docx_with(tmp_path, "long.docx", lambda xml: xml.replace("Complaints", "x" * 11_000_000))
    refused(quickly("extract-policy", str(path)), "a single text of over 10 MB")


def test_tables_nested_3000_deep_are_refused(tmp_path: Path) -> None:
    path = docx_with(tmp_path, "nested.docx", _nested)
    refused(quickly("extract-policy", str(path)), "nests elements (tables in tables) more than 256")


# -- web pages -----------------------------------------------------------------------------


def page(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"<html><body><p>{POLICY_TEXT}</p>{body}</body></html>", encoding="utf-8")
    return path


def test_100000_nested_divs_are_refused_at_the_1001st(tmp_path: Path) -> None:
    path = page(tmp_path, "divs.html", "<div>" * 100_000 + "x" + "</div>" * 100_000)
    line = refused(quickly("extract-policy", str(path), seconds=10), "nested more than 1,000 deep")
    assert line.startswith(f"chc: error: {path}:1:")


def test_180000_unclosed_tags_are_refused(tmp_path: Path) -> None:
    path = page(tmp_path, "unclosed.html", "<b>" * 180_000 + "x")
    refused(quickly("extract-policy", str(path), seconds=10), "nested more than 1,000 deep")


def test_too_many_elements_are_refused(tmp_path: Path) -> None:
    path = page(tmp_path, "many.html", "<br>" * (bounds.MAX_HTML_ELEMENTS + 1))
    refused(quickly("extract-policy", str(path), seconds=10), "more than 100,000 elements")


def test_an_old_page_that_leaves_its_items_open_is_still_read(tmp_path: Path) -> None:
    # <li> and <p> left open nest, as the parser builds them: 400 of each is within bounds.
    items = "<ul>" + "".join(f"<li>item {i}" for i in range(400)) + "</ul>"
    paras = "".join(f"<p>Stage {i}: within 20 working days." for i in range(400))
    path = page(tmp_path, "old.html", items + paras)
    start = time.monotonic()
    from chc.policy.extract.readers import read_document

    assert read_document(path).blocks
    assert time.monotonic() - start < 10


def test_stray_end_tags_deep_down_break_the_work_bound(tmp_path: Path) -> None:
    # Each end tag with no open element of its name makes the parser look through them all.
    path = page(tmp_path, "stray.html", "<div>" * 900 + "</x>" * 10_000)
    refused(quickly("extract-policy", str(path), seconds=10), "passes 5,000,000 steps")


@pytest.mark.parametrize("unit", ["word ", "w"])
def test_a_50_mb_paragraph_or_word_is_refused_by_the_page_bound(tmp_path: Path, unit: str) -> None:
    path = page(tmp_path, "big.html", "<p>" + unit * (50_000_000 // len(unit)) + "</p>")
    refused(quickly("extract-policy", str(path)), "is 48 MB; chc reads web pages of up to 16 MB")


@pytest.mark.parametrize("unit", ["word ", "w"])
def test_a_paragraph_past_the_block_bound_is_refused(tmp_path: Path, unit: str) -> None:
    path = page(tmp_path, "long.html", "<p>" + unit * (2_000_000 // len(unit)) + "</p>")
    refused(quickly("extract-policy", str(path)), "chc reads paragraphs of up to 100,000")


def test_a_long_paragraph_in_a_text_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(f"{POLICY_TEXT}\n\n" + "word " * 30_000 + "\n", encoding="utf-8")
    refused(
        quickly("extract-policy", str(path)), f"{path}:3: its paragraph holds 149,999 characters"
    )


# -- workbooks -----------------------------------------------------------------------------


def stray_cell_workbook(path: Path, rows: list[list[str]], sheet: str | None = None) -> Path:
    from openpyxl import Workbook, load_workbook

    if sheet is None:
        book = Workbook()
        ws = book.active
        assert ws is not None
        for row in rows:
            ws.append(row)
    else:
        book = load_workbook(path)
        ws = book[sheet]
    ws["XFD1048576"] = "stray"
    out = path.with_name("stray.xlsx")
    book.save(out)
    return out


def test_a_case_file_with_a_cell_at_xfd1048576_is_refused_with_its_size(tmp_path: Path) -> None:
    path = stray_cell_workbook(tmp_path / "cases.xlsx", [["reference", "received"],
                                                         ["A-1", "2024-05-01"]])  # fmt: skip
    r = quickly("deadlines", "--cases", str(path), "--as-of", "2024-06-03")
    refused(r, "sheet 'Sheet' reaches", "XFD1048576", "16,384 columns",
            "chc reads sheets of up to 30,000,000 cells")  # fmt: skip


def test_a_case_file_past_column_z_is_still_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["reference", "received", *(f"note {i}" for i in range(40))])
    ws.append(["A-1", "2024-05-01", *("" for _ in range(40))])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    r = run_chc("deadlines", "--cases", str(path), "--as-of", "2024-06-03", "--format", "csv",
                "--columns", str(_ignore_notes(tmp_path)))  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "A-1" in r.stdout


def _ignore_notes(tmp_path: Path) -> Path:
    path = tmp_path / "columns.yaml"
    notes = ", ".join(f'"note {i}"' for i in range(40))
    path.write_text(f"ignore: [{notes}]\n", encoding="utf-8")
    return path


def exported(tmp_path: Path) -> Path:
    out = tmp_path / "sa.xlsx"
    r = run_chc("self-assessment", "export", str(EXAMPLES / "answers-2024.yaml"), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    return out


def test_import_of_a_sheet_with_a_cell_at_xfd1048576_is_refused(tmp_path: Path) -> None:
    path = stray_cell_workbook(exported(tmp_path), [], sheet="Self-assessment")
    r = quickly("self-assessment", "import", str(path), "-o", str(tmp_path / "a.yaml"))
    refused(r, "sheet 'Self-assessment' reaches", "XFD1048576", "at most 5,000 rows")


def test_import_of_a_zip_bomb_of_rows_stops_at_the_bound(tmp_path: Path) -> None:
    # The bomb had 2,000,000 rows; 100,000 are built here, past the row bound and
    # within the size bound (which a bigger one meets first).
    source = exported(tmp_path)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                head, tail = data.split(b"</sheetData>")
                rows = b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                    for i in range(10, 100_000)
                )
                data = head + rows + b"</sheetData>" + tail
            out.writestr(info, data)
    r = quickly("self-assessment", "import", str(path), "-o", str(tmp_path / "a.yaml"),
                seconds=10)  # fmt: skip
    refused(r, "sheet 'About' reaches at least row", "it declares A1:B6", "at most 5,000 rows")


def test_the_extent_scan_finds_outlying_cells_wherever_the_rows_say() -> None:
    import io

    from chc.sheet_extent import measure

    # A hostile sheet whose row element says 2 but whose cell says row 1,048,576.
    xml = b'<dimension ref="A1:B2"/><row r="2"><c r="A1048576"><v>1</v></c></row>'
    extent = measure(io.BytesIO(xml), bound=10**12)
    assert (extent.rows, extent.columns) == (1_048_576, 0)
    wide = measure(io.BytesIO(b'<row r="3"><c r="AB3"><v>1</v></c></row>'), bound=10**12)
    assert (wide.rows, wide.columns) == (3, 28)
    assert wide.describe() == "reaches AB3 (3 rows by 28 columns, 84 cells)"


def test_import_of_a_sheet_whose_xml_unpacks_past_the_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chc.assessment import sheet

    monkeypatch.setattr(sheet, "MAX_SHEET_BYTES", 20_000)  # the export's is about 60 KB
    r = run_chc("self-assessment", "import", str(exported(tmp_path)), "-o", str(tmp_path / "a"))
    refused(r, "sheet 'Self-assessment' unpacks to", "MB of XML")
