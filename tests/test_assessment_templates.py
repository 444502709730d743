"""Markdown without HTML entities, and landlords' templates in Jinja's sandbox (issues 15, 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chc.render import md_cell, md_text
from conftest import EXAMPLES, GOLDEN, run_chc

SMALL = GOLDEN / "answers-2024-small.yaml"


def test_markdown_keeps_ampersands_as_written() -> None:
    md = run_chc("self-assessment", "render", str(EXAMPLES / "answers-2024.yaml")).stdout
    assert "## Section 9: Scrutiny & oversight: continuous learning and improvement" in md
    assert "&amp;" not in md and "&lt;" not in md and "&gt;" not in md


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("Scrutiny & oversight", "Scrutiny & oversight"),
        ("a < b > c", "a < b > c"),
        ("<script>x</script>", "\\<script>x\\</script>"),
        ("<!-- hidden -->", "\\<!-- hidden -->"),
        ("&copy; and &#60;", "\\&copy; and \\&#60;"),
        ("one | two", "one \\| two"),
        ("back\\slash", "back\\\\slash"),
        ("line\n\npara", "line<br><br>para"),
    ],
)
def test_md_cell_escapes_only_what_would_be_markup(text: str, cell: str) -> None:
    assert md_cell(text) == cell


def test_md_text_is_readable() -> None:
    assert md_text("Smith & Sons <Trust>") == "Smith & Sons \\<Trust>"


def test_escaped_markdown_renders_as_the_text_in_a_commonmark_parser() -> None:
    from markdown_it import MarkdownIt

    hostile = '<script>alert("x")</script> &amp; | <b>bold</b> & co'
    page = MarkdownIt("commonmark", {"html": True}).enable("table")
    html = page.render(f"| a |\n|---|\n| {md_cell(hostile)} |\n")
    assert "<script" not in html and "<b>" not in html
    # The text comes back exactly as written, one cell, escaped once for HTML.
    assert html.count("<td>") == 1
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;amp; | "
        "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    )


# -- the sandbox ----------------------------------------------------------------------------


def render_with(tmp_path: Path, body: str, name: str = "self-assessment.md.j2") -> tuple[int, str]:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    fmt = "html" if name.endswith("html.j2") else "md"
    result = run_chc("self-assessment", "render", str(SMALL), "-f", fmt, "--template", str(folder))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    "escape",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ 'MARKER' }}",
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
        ".system('touch MARKER') }}",
    ],
)
def test_template_cannot_reach_python_internals(tmp_path: Path, escape: str) -> None:
    marker = tmp_path / "pwned"
    code, stderr = render_with(tmp_path, "line 1\n" + escape.replace("MARKER", str(marker)))
    assert code == 2
    assert f"{tmp_path / 'templates' / 'self-assessment.md.j2'}:2: " in stderr
    assert "unsafe" in stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("a\nb\n{{ 1 // 0 }}\n", 3, "ZeroDivisionError"),
        ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n", 1, "calls itself"),
        ("\n{{ 'x' * 10 ** 9 }}\n", 2, "too large"),
        ("{{ 2 ** 100000 }}\n", 1, "exponent"),
        ("{{ summary.total.nope.deeper }}\n", 1, "has no attribute 'nope'"),
        ("{% if %}\n", 1, "template error"),
    ],
)
def test_failing_template_is_exit_2_with_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    code, stderr = render_with(tmp_path, body)
    assert code == 2
    assert f"self-assessment.md.j2:{line}: template error" in stderr
    assert words in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("chc: error:")]
    assert len(errors) == 1 and errors[0].endswith(stderr.strip().splitlines()[-1])


def test_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "part.j2").write_text("ok\nok\n{{ missing_name }}\n", encoding="utf-8")
    code, stderr = render_with(tmp_path, 'top\n{% include "part.j2" %}\n')
    assert code == 2
    assert re.search(r"part\.j2:3: template error: 'missing_name' is undefined", stderr)


def test_sandboxed_template_still_renders_ordinary_things(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "self-assessment.md.j2").write_text(
        "{{ landlord | upper }} {{ '%d' % summary.total.total }} "
        "{{ sections | map(attribute='number') | join(',') }} {{ 'ab' * 2 }}\n",
        encoding="utf-8",
    )
    result = run_chc("self-assessment", "render", str(SMALL), "--template", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "SMALL HOMES 72 1,2,3,4,5,6,7,8,9 abab\n"
