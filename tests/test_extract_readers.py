

def test_pdf_table_rows_keep_their_cells_and_page(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
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
