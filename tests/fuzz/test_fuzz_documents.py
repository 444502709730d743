"""Fuzzing the policy-document readers with the shapes an attacker uses (issue 23): deep
nesting, huge single nodes, entity expansion, broken XML. Every document must end as
blocks or an InputError, soon: never a traceback, a hang or a crash.

The budget is small by default; ``pytest tests/fuzz --fuzz-examples 200`` runs more.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.errors import ChcError

DEFAULT_EXAMPLES = 10
SECONDS = 15  # far above a good document's read, far below a hang

TAGS = ["div", "p", "li", "ul", "table", "tr", "td", "span", "b", "section", "main"]


@pytest.fixture
def budget(pytestconfig: pytest.Config) -> int:
    chosen = pytestconfig.getoption("--fuzz-examples")
    return int(chosen) if chosen is not None else DEFAULT_EXAMPLES


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def read(path: Path) -> None:
    from chc.policy.extract.readers import read_document

    start = time.monotonic()
    with contextlib.suppress(ChcError):
        read_document(path)
    assert time.monotonic() - start < SECONDS, f"{path.name} took too long"


@st.composite
def hostile_html(draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([1, 10, 255, 999, 1_001, 50_000]))
    tag = draw(st.sampled_from(TAGS))
    closed = draw(st.booleans())
    text = draw(st.sampled_from(["x", "word " * 30_000, "w" * 120_000, "Stage 1: 10 working days"]))
    body = f"<{tag}>" * depth + text + (f"</{tag}>" * depth if closed else "")
    junk = draw(st.text(alphabet="<>/&;!-[]x \"'=", max_size=40))
    return f"<html><body>{junk}{body}</body></html>"


@st.composite
def hostile_document_xml(draw: st.DrawFn) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    kind = draw(st.sampled_from(["entities", "nested", "huge", "broken", "plain"]))
    para = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    doctype = ""
    if kind == "entities":
        levels = draw(st.integers(1, 9))
        doctype = (
            "<!DOCTYPE w:document ["
            + '<!ENTITY e0 "lol">'
            + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels + 1))
            + "]>"
        )
        body = para.format(f"&e{levels};")
    elif kind == "nested":
        depth = draw(st.sampled_from([2, 80, 90, 3_000]))
        body = (
            "<w:tbl><w:tr><w:tc>" * depth + para.format("deep") + ("</w:tc></w:tr></w:tbl>" * depth)
        )
    elif kind == "huge":
        body = para.format("x" * draw(st.sampled_from([100, 200_000, 11_000_000])))
    elif kind == "broken":
        body = para.format("x")[: draw(st.integers(0, 30))]
    else:
        body = para.format("Stage 1: we respond within 10 working days.")
    xml = f'<?xml version="1.0"?>{doctype}<w:document {ns}><w:body>{body}</w:body></w:document>'
    return xml.encode("utf-8")


def _docx(folder: Path, document_xml: bytes) -> Path:
    from docx import Document

    base = folder / "base.docx"
    Document().save(str(base))
    path = folder / "fuzzed.docx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            out.writestr(info, data)
    return path


def test_web_pages_deep_wide_and_huge(budget: int) -> None:
    @fuzz(budget)
    @given(hostile_html())
    def run(text: str) -> None:
        with tempfile.TemporaryDirectory() as name:
            path = Path(name) / "page.html"
            path.write_text(text, encoding="utf-8")
            read(path)

    run()


def test_word_files_with_bombs_nesting_and_broken_xml(budget: int) -> None:
    @fuzz(budget)
    @given(hostile_document_xml())
    def run(xml: bytes) -> None:
        with tempfile.TemporaryDirectory() as name:
            read(_docx(Path(name), xml))

    run()


def test_plain_text_with_huge_lines(budget: int) -> None:
    @fuzz(budget)
    @given(st.integers(1, 400_000), st.sampled_from(["w", "word ", "| a | b |\n"]))
    def run(size: int, unit: str) -> None:
        with tempfile.TemporaryDirectory() as name:
            path = Path(name) / "policy.md"
            path.write_text("# Policy\n\n" + unit * (size // len(unit)), encoding="utf-8")
            read(path)

    run()
