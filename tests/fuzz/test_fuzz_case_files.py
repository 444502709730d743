"""Fuzzing case files (issue 16): whatever a case system or a spreadsheet exports, or a
hostile user writes, `chc deadlines --cases` and `chc report` end with exit 0 or 2 and one
line, never a traceback, and leave the file as it was.

Inputs: random bytes; CSV built from the header grammar (chc's fields, near misses and
other columns) with awkward cells (dates in every shape, month-first ones, year 0,
31 February, non-ASCII digits, 1e999999, long cells, quotes and line breaks); JSON lines
whose values have the wrong types; and Excel workbooks with odd cells.
The budget is small by default; ``pytest tests/fuzz --fuzz-examples 200`` runs more.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_chc

DEFAULT_EXAMPLES = 4


@pytest.fixture
def budget(pytestconfig: pytest.Config) -> int:
    chosen = pytestconfig.getoption("--fuzz-examples")
    return int(chosen) if chosen is not None else DEFAULT_EXAMPLES


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


HEADERS = st.sampled_from(
    [
        "reference", "Reference", "Complaint Ref", "received", "Date Received",
        "stage1_acknowledged", "Stage 1 Acknowledged", "stage1_responded", "stage1_extension",
        "stage2_requested", "stage2_responded", "stage2_extension", "stage3_requested",
        "code", "stage", "category", "Outcome", "refused", "refusal_within_policy",
        "remedy_amount", "ombudsman_determination", "Officer", "Notes", "S1 Response",
        "Stage 1 Ack Date", "",
    ]
)  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        [
            "", "2024-05-01", "01/05/2024", "1/5/2024", "12/22/2025", "31/02/2024",
            "0000-01-01", "9999-12-31", "2024-05-01 14:05:00", "2024-05-01T14:05",
            "٢٠٢٤-٠٥-٠١", "2024-0²-01", "10", "0", "-3", "1e999999", "²", "١٠",
            "yes", "no", "maybe", "upheld", "partly upheld", "£1,250.50", "2024", "2020",
            "nonsense.yaml", '"quoted, with comma"', "line\nbreak", "x" * 2_000,
        ]
    ),
    st.text(max_size=12),
)  # fmt: skip
DELIMITERS = st.sampled_from([",", ";", "\t"])


def _cell(text: str, delimiter: str) -> str:
    if any(c in text for c in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(DELIMITERS)
    header = draw(st.lists(HEADERS, min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=5))
    lines = [delimiter.join(_cell(h, delimiter) for h in header)]
    lines += [delimiter.join(_cell(c, delimiter) for c in row) for row in rows]
    bom = draw(st.sampled_from(["", "\ufeff"]))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return (bom + ending.join(lines) + ending).encode("utf-8", errors="surrogatepass")


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), CELLS,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    rows = draw(st.lists(st.dictionaries(HEADERS, JSON_VALUES, min_size=1, max_size=6), max_size=4))
    lines = [json.dumps(r) for r in rows]
    if draw(st.booleans()):
        lines.append(draw(st.text(max_size=20)))  # a line that is not JSON at all
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "deadlines": lambda f: ["deadlines", "--cases", f, "--as-of", "2025-01-31", "--quiet"],
    "deadlines json skip": lambda f: ["deadlines", "--cases", f, "--as-of", "2025-01-31",
                                      "--format", "json", "--skip-bad-rows", "--quiet"],
    "report": lambda f: ["report", f, "--landlord", "X", "--homes", "10", "--from",
                         "2024-04-01", "--to", "2025-03-31", "--format", "json", "--quiet"],
}  # fmt: skip


def check(name: str, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cases{suffix}"
        path.write_bytes(data)
        for command in COMMANDS.values():
            run = run_chc(*command(str(path)))  # an exception other than SystemExit is raised
            assert run.exit_code in (0, 2), (name, run.exit_code, run.stderr)
            assert "Traceback" not in run.stderr
            if run.exit_code == 2:
                assert run.stderr.strip(), "exit 2 with nothing said"
            assert path.read_bytes() == data, "the case file changed"
            assert sorted(p.name for p in Path(folder).iterdir()) == [path.name]


def test_random_bytes(budget: int) -> None:
    @fuzz(budget)
    @given(st.binary(max_size=400), st.sampled_from([".csv", ".jsonl", ".xlsx"]))
    def run(data: bytes, suffix: str) -> None:
        check("bytes", data, suffix)

    run()


def test_csv_from_the_grammar(budget: int) -> None:
    @fuzz(budget * 2)
    @given(csv_files())
    def run(data: bytes) -> None:
        check("csv", data, ".csv")

    run()


def test_json_lines_with_wrong_types(budget: int) -> None:
    @fuzz(budget)
    @given(jsonl_files())
    def run(data: bytes) -> None:
        check("jsonl", data, ".jsonl")

    run()


def test_workbooks_with_odd_cells(budget: int) -> None:
    import io

    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    cell = st.one_of(
        CELLS.filter(lambda t: len(t) < 1000 and "\x00" not in t),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.sampled_from([datetime(2024, 5, 1, 14, 5), datetime(1900, 1, 1), datetime(2101, 1, 1)]),
    )

    @fuzz(max(3, budget // 2))
    @given(
        st.lists(HEADERS, min_size=1, max_size=6),
        st.lists(st.lists(st.one_of(st.none(), cell), max_size=7), max_size=4),
    )
    def run(header: list[str], rows: list[list[object]]) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(header)
        for row in rows:
            try:
                sheet.append(row)
            except (ValueError, IllegalCharacterError):  # what openpyxl itself will not store
                return
        buffer = io.BytesIO()
        book.save(buffer)
        check("xlsx", buffer.getvalue(), ".xlsx")

    run()


@pytest.mark.parametrize("column", ["Notes", "category", "reference"])
def test_a_cell_over_128_kb_is_no_traceback(tmp_path: Path, column: str) -> None:
    # Python's csv module stops at 131,072 characters a field; chc must read such a cell in
    # a column it ignores, and refuse it with one line where it reads it.
    path = tmp_path / "cases.csv"
    big = "x" * 200_000
    cells = {"reference": "R1", "received": "2024-05-01", column: big}
    header = ["reference", "received"] + ([column] if column not in ("reference",) else [])
    row = [cells[h] for h in header]
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    run = run_chc("deadlines", "--cases", str(path), "--as-of", "2024-06-03", "--quiet")
    assert run.exit_code in (0, 2), run.stderr
    assert "Traceback" not in run.stderr
    if column == "Notes":
        assert run.exit_code == 0, run.stderr
        assert run.stdout.startswith("reference,code,key")
