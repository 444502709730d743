"""A large CSV is read a piece at a time; whatever the file holds, the result must be the
one reading it whole gives: the same frame, the same bad rows, or the same error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.caseload import sources
from chc.caseload.reading import CasePieces, ReadOptions, read_case_file
from chc.errors import CaseError

HEADER = "reference,received,stage1_responded,stage1_extension,category"

_cells = st.sampled_from(
    [
        "",
        " ",
        "2024-05-01",
        "01/05/2024",
        "31/02/2024",
        "2024-05-01 10:30",
        "12/22/2025",
        "7",
        "0",
        "ten",
        '"quoted, with a comma"',
        '"a ""quote"" inside"',
        '"a line\nbreak"',
        '"crlf\r\ninside"',
        "£150",
        "Repairs",
    ]
)
_row: st.SearchStrategy[list[str]] = st.one_of(
    st.lists(_cells, min_size=5, max_size=5),
    st.lists(_cells, min_size=2, max_size=2),
    st.lists(_cells, min_size=1, max_size=7),  # ragged, now and then
    st.just([]),  # a blank line
)
# A cut inside a quoted cell can leave both pieces reading as whole rows of the header's
# width, with a cell split in two, when the file has few columns.
_HEADERS = st.sampled_from([HEADER, "reference,received"])


def _outcome(path: Path, skip: bool) -> object:
    try:
        cf = read_case_file(path, ReadOptions(skip_bad_rows=skip))
    except CaseError as err:
        return ("error", err.message, err.line, err.column)
    return (cf.frame.to_dicts(), cf.bad_rows, cf.notes, cf.headers)


def _handed_over(path: Path, skip: bool) -> object:
    """:func:`_outcome` of the file as :class:`CasePieces` hands it over, a piece at a time
    (read whole, as the report then reads it, where a piece is not whole rows)."""
    pieces = CasePieces(path, ReadOptions(skip_bad_rows=skip))
    rows: list[dict[str, object]] = []
    try:
        for piece in pieces:
            assert piece.count == piece.frame.height
            rows.extend(piece.frame.to_dicts())
    except sources.Unsliced:
        return _outcome(path, skip)
    except CaseError as err:
        return ("error", err.message, err.line, err.column)
    read = pieces.read
    assert read is not None and read.count == len(rows)
    return (rows, read.bad_rows, read.notes, read.headers)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=_HEADERS,
    rows=st.lists(_row, min_size=1, max_size=40),
    refs=st.booleans(),
    crlf=st.booleans(),
    skip=st.booleans(),
    size=st.integers(min_value=8, max_value=200),
    above=st.sampled_from([[], ["sep=,"], ["Riverside Homes complaints log", ""]]),
)
def test_pieces_read_as_the_whole_file_does(
    header: str,
    rows: list[list[str]],
    refs: bool,
    crlf: bool,
    skip: bool,
    size: int,
    above: list[str],
) -> None:
    # Above the header, as exports have them: Excel's sep= line, or a title and a blank.
    end = "\r\n" if crlf else "\n"
    lines = [*above, header]
    for i, row in enumerate(rows):
        if refs and row:
            row = [f"R{i}", *row[1:]]
        lines.append(",".join(row))
    text = end.join(lines) + end
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "cases.csv"
        path.write_text(text, encoding="utf-8", newline="")
        whole = _outcome(path, skip)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sources, "PIECE_BYTES", size)
            pieces = _outcome(path, skip)
            handed = _handed_over(path, skip)
    assert pieces == whole
    assert handed == whole


def test_a_large_file_is_really_read_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The property above holds trivially if nothing is ever cut: count the pieces.
    path = tmp_path / "cases.csv"
    body = "".join(f"R{i},2024-05-{1 + i % 28:02d},,,Repairs\n" for i in range(500))
    path.write_text(HEADER + "\n" + body, encoding="utf-8")
    monkeypatch.setattr(sources, "PIECE_BYTES", 1000)
    data = path.read_bytes()
    tables = list(sources.read_csv_pieces(path, data))
    assert len(tables) > 5
    assert sum(t.cells.height for t in tables) == 500
    lines = [line for t in tables for line in t.cells["line"].to_list()]
    assert lines == list(range(2, 502))
    frame = read_case_file(path).frame
    assert frame.height == 500 and frame["line"].to_list() == list(range(2, 502))


def test_a_line_break_in_a_late_piece_still_places_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cases.csv"
    rows = [f"R{i},2024-05-01,,,Repairs" for i in range(300)]
    rows[250] = 'R250,2024-05-01,,,"two\nlines"'
    rows[280] = "R280,not a date,,,Repairs"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(sources, "PIECE_BYTES", 500)
    with pytest.raises(CaseError) as caught:
        read_case_file(path)
    # Line 1 is the header, R0 is on line 2, and R250's cell takes two lines.
    assert (caught.value.line, caught.value.column) == (283, 2)


def test_pieces_handed_over_hold_every_row_once_and_repeats_still_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cases.csv"
    rows = [f"R{i},2024-05-{1 + i % 28:02d},,,Repairs" for i in range(400)]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(sources, "PIECE_BYTES", 1000)
    pieces = CasePieces(path)
    heights = [piece.frame.height for piece in pieces]
    assert len(heights) > 5 and sum(heights) == 400
    assert pieces.read is not None and pieces.read.count == 400
    assert pieces.read.frame.height == 0
    # The same reference in the first piece and the last: named as a whole reading names it.
    rows[399] = "r3,2024-06-01,,,Repairs"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CaseError) as whole:
        read_case_file(path)
    with pytest.raises(CaseError) as handed:
        list(CasePieces(path))
    assert "differ only in case" in handed.value.message
    assert (handed.value.message, handed.value.line) == (whole.value.message, whole.value.line)
