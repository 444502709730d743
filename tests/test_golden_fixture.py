"""The `golden` fixture itself: a mismatch fails with a diff naming the file, --update-golden
rewrites and fails (never silently), and the next run passes.

Each test runs pytest on a tiny test file in a temporary directory that holds a copy of the
suite's own conftest.py, so what is exercised is the real fixture, with its golden files in
that directory's golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import conftest

pytest_plugins = ["pytester"]

USES_GOLDEN = """
def test_greeting(golden):
    golden("greeting.txt", "hello\\nworld\\n")
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(Path(conftest.__file__).read_text(encoding="utf-8"))
    pytester.makepyfile(test_uses=USES_GOLDEN)
    (pytester.path / "golden").mkdir()
    return pytester


def run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    # Plain asserts (the fixture fails through pytest.fail) and no hypothesis plugin: each
    # in-process run would otherwise rewrite or import them afresh, a second or two a time.
    return suite.runpytest(
        "-p", "no:cacheprovider", "--assert=plain", "-p", "no:hypothesispytest", *args
    )


def test_a_matching_file_passes(suite: pytest.Pytester) -> None:
    (suite.path / "golden" / "greeting.txt").write_bytes(b"hello\nworld\n")
    result = run(suite)
    result.assert_outcomes(passed=1)


def test_a_mismatch_fails_with_a_diff_naming_the_file(suite: pytest.Pytester) -> None:
    path = suite.path / "golden" / "greeting.txt"
    path.write_bytes(b"hello\nthere\n")
    result = run(suite)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "output differs from golden file" in out
    assert f"{suite.path.name}/golden/greeting.txt" in out
    assert "--update-golden" in out
    # A unified diff: the golden line taken out, the produced one put in.
    result.stdout.fnmatch_lines(["*-there", "*+world"])
    assert path.read_bytes() == b"hello\nthere\n", "a plain run must never write"


def test_a_missing_file_fails_and_says_how_to_create_it(suite: pytest.Pytester) -> None:
    result = run(suite)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no golden file*golden/greeting.txt*--update-golden*"])
    assert not (suite.path / "golden" / "greeting.txt").exists()


def test_update_rewrites_and_fails_then_the_next_run_passes(suite: pytest.Pytester) -> None:
    path = suite.path / "golden" / "greeting.txt"
    path.write_bytes(b"hello\nthere\n")

    updated = run(suite, "--update-golden")
    updated.assert_outcomes(failed=1)
    updated.stdout.fnmatch_lines(
        [
            "*golden file*golden/greeting.txt rewritten; review the diff and run again "
            "without --update-golden*",
        ]
    )
    # The end-of-run summary lists every rewritten file.
    updated.stdout.fnmatch_lines(["*golden files rewritten*", "*golden/greeting.txt"])
    assert path.read_bytes() == b"hello\nworld\n"

    again = run(suite)
    again.assert_outcomes(passed=1)
    assert updated.ret != 0 and again.ret == 0


def test_update_leaves_a_matching_file_alone_and_passes(suite: pytest.Pytester) -> None:
    path = suite.path / "golden" / "greeting.txt"
    path.write_bytes(b"hello\nworld\n")
    before = path.stat().st_mtime_ns
    result = run(suite, "--update-golden")
    result.assert_outcomes(passed=1)
    assert "rewritten" not in result.stdout.str()
    assert path.stat().st_mtime_ns == before


def test_bytes_are_compared_exactly_line_ends_included(suite: pytest.Pytester) -> None:
    (suite.path / "golden" / "greeting.txt").write_bytes(b"hello\r\nworld\r\n")
    result = run(suite)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*differ only in their line endings*"])


def test_binary_output_says_where_it_parts(suite: pytest.Pytester) -> None:
    suite.makepyfile(
        test_uses="""
def test_blob(golden):
    golden("blob.bin", bytes([0, 255, 1, 2]))
"""
    )
    (suite.path / "golden" / "blob.bin").write_bytes(bytes([0, 255, 9, 2]))
    result = run(suite)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*binary contents differ from byte 2 (4 bytes expected, 4*"])
