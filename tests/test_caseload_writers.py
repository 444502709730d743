"""The caseload's JSON writers build each line as text; they must give exactly what polars'
own encoder gives for the same records, byte for byte, whatever the references hold."""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chc.caseload import engine, json_text, writers
from chc.caseload.reading import ReadOptions, read_case_file
from chc.workdays import WorkingCalendar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

AWKWARD = (
    "reference,received,stage1_acknowledged,stage1_extension,stage1_responded,"
    "stage2_requested,code\n"
    '"quote "" and, comma",2024-05-01,2024-05-03,,2024-05-20,,\n'
    "back\\slash,2023-12-20,,12,,,\n"
    "Ünïcødé – ref,2022-03-31,2022-04-01,,2022-04-20,2022-05-01,\n"
    "tab\tref,2024-06-01,,,,,2020\n"
)


def _generic(c: engine.Caseload) -> bytes:
    """The JSON lines as polars' own encoder writes the records; each complaint's
    assumptions, whose objects differ in their keys, are its JSON texts as the engine's
    per-row path (:meth:`Caseload.with_notes`) builds them, put in the array as they are."""
    records = writers.case_records(c)
    text = records.drop("assumptions").write_ndjson()
    lines = []
    rows = text.split("\n")[:-1]  # not splitlines: a reference may hold U+0085 or U+2028
    for line, assumed in zip(rows, records["assumptions"].to_list(), strict=True):
        lines.append(f'{line[:-1]},"assumptions":[{",".join(assumed)}]}}\n')
    return "".join(lines).encode()


def _both(path: Path, calendar: WorkingCalendar, as_of: date) -> tuple[bytes, bytes]:
    c = engine.compute(read_case_file(path, ReadOptions()), calendar, as_of)
    ours, polars_own = io.BytesIO(), io.BytesIO(_generic(c))
    writers.write_cases_jsonl([c], ours)
    # chc writes as polars does, and escapes what JSON allows but no output should hold
    # (C1 and bidi controls, issue 23): the oracle is polars' text, escaped the same way
    # by the other path, a regular expression over the whole text.
    from chc.inert import json_text

    return ours.getvalue(), json_text(polars_own.getvalue().decode("utf-8")).encode("utf-8")


@pytest.mark.parametrize("closed", [(), (date(2024, 5, 29), date(2024, 5, 30))])
def test_jsonl_is_byte_for_byte_what_the_generic_encoder_gives(
    tmp_path: Path, closed: tuple[date, ...]
) -> None:
    awkward = tmp_path / "awkward.csv"
    awkward.write_text(AWKWARD, encoding="utf-8")
    for path in (EXAMPLES / "cases.csv", EXAMPLES / "cases-2023-24.csv", awkward):
        ours, theirs = _both(path, WorkingCalendar("england-and-wales", closed), date(2024, 6, 3))
        assert ours == theirs, path
        assert ours.count(b"\n") > 0


def test_json_document_holds_the_same_cases(tmp_path: Path) -> None:
    path = tmp_path / "awkward.csv"
    path.write_text(AWKWARD, encoding="utf-8")
    c = engine.compute(read_case_file(path, ReadOptions()), WorkingCalendar(), date(2024, 6, 3))
    doc, lines = io.BytesIO(), io.BytesIO()
    writers.write_cases_json([c], doc)
    writers.write_cases_jsonl([c], lines)
    data = json.loads(doc.getvalue())
    assert data["cases"] == [json.loads(line) for line in lines.getvalue().splitlines()]
    assert [case["reference"] for case in data["cases"]] == [
        'quote " and, comma',
        "back\\slash",
        "Ünïcødé – ref",
        "tab\tref",
    ]
    assert (data["as_of"], data["region"], data["bad_rows"]) == (
        "2024-06-03",
        "england-and-wales",
        [],
    )


@pytest.mark.parametrize("summary", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_batches_write_what_one_pass_writes(fmt: str, summary: bool) -> None:
    # A large file is computed a batch of complaints at a time; the output must not show it.
    frame = read_case_file(EXAMPLES / "cases-2023-24.csv", ReadOptions())
    cal, as_of = WorkingCalendar(), date(2024, 3, 31)
    table = writers.SUMMARY_WRITERS if summary else writers.WRITERS
    whole, batched = io.BytesIO(), io.BytesIO()
    table[fmt]([engine.compute(frame, cal, as_of)], whole)
    table[fmt](engine.parts(frame, cal, as_of, size=37), batched)
    assert frame.frame.height > 37 * 3
    assert batched.getvalue() == whole.getvalue()
    if fmt == "json":
        json.loads(batched.getvalue())  # still one valid document


@settings(max_examples=60, deadline=None)
@given(
    references=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)
        .map(str.strip)
        .filter(bool),
        min_size=1,
        max_size=6,
        # The reader takes references that differ only in case as one complaint and stops
        # (issue 22), so each generated reference is distinct as the reader compares them.
        unique_by=str.lower,
    )
)
def test_any_reference_is_encoded_as_polars_encodes_it(references: list[str]) -> None:
    # References are the one free text in the output: quotes, backslashes, control
    # characters and any other Unicode must come out exactly as the generic encoder writes.
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "cases.jsonl"
        lines = [
            json.dumps({"reference": ref, "received": "2024-05-01", "stage1_extension": 3})
            for ref in references
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ours, theirs = _both(path, WorkingCalendar(), date(2024, 6, 3))
    assert ours == theirs
    assert [json.loads(line)["reference"] for line in ours.splitlines()] == references


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_block_that_fails_on_its_thread_fails_the_write(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The JSON text is built on threads; a failure there must reach the caller, not be
    # lost with the thread, and nothing after the failed block may be written.
    frame = read_case_file(EXAMPLES / "cases-2023-24.csv", ReadOptions())
    c = engine.compute(frame, WorkingCalendar(), date(2024, 3, 31))
    monkeypatch.setattr(writers, "_BLOCK", 10)
    monkeypatch.setattr(writers, "_CHUNK", 4)
    built = json_text.CaseText.block

    def block(
        self: json_text.CaseText, start: int, size: int, tails: Callable[[], pl.Series]
    ) -> json_text.TextBlock:
        if start == 30:
            raise RuntimeError("the fourth block failed")
        return built(self, start, size, tails)

    monkeypatch.setattr(json_text.CaseText, "block", block)
    out = io.BytesIO()
    with pytest.raises(RuntimeError, match="fourth block"):
        writers.WRITERS[fmt]([c], out)
    written = out.getvalue().decode()
    assert f'"line":{c.cases["line"][29]},' in written
    assert f'"line":{c.cases["line"][30]},' not in written


@functools.cache
def _sixty() -> engine.Caseload:
    frame = read_case_file(EXAMPLES / "cases-2023-24.csv", ReadOptions())
    frame = dataclasses.replace(frame, frame=frame.frame.head(60))
    return engine.compute(frame, WorkingCalendar(), date(2024, 3, 31))


@settings(max_examples=40, deadline=None)
@given(
    block=st.integers(1, 25),
    chunk=st.integers(1, 25),
    dropped=st.sets(st.integers(0, 59), max_size=20),
)
def test_any_block_and_chunk_size_write_the_same_text(
    block: int, chunk: int, dropped: set[int]
) -> None:
    # The text is laid out by computed places (a complaint's head, its events, its tail);
    # however the blocks and chunks fall, and whichever complaints have no events (none
    # of the Code data's rules leaves one without today: their events are removed here),
    # the text is the generic encoder's.
    c = _sixty()
    cases = c.cases[engine.CASE].to_list()
    gone = [cases[i] for i in dropped]
    c = dataclasses.replace(c, events=c.events.filter(~pl.col(engine.CASE).is_in(gone)))
    polars_own = io.BytesIO(_generic(c))
    ours = io.BytesIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writers, "_BLOCK", block)
        patch.setattr(writers, "_CHUNK", chunk)
        writers.write_cases_jsonl([c], ours)
    assert ours.getvalue() == polars_own.getvalue()
    assert ours.getvalue().count(b'"events":[]') == len(gone)
