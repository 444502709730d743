"""Shared fixtures: the repository's paths, a way to run the CLI in-process, and golden files.

Golden files (tests/golden/, and the rendered examples in examples/) are compared through the
`golden` fixture only. After an intended change, `pytest --update-golden` rewrites the files
that differ and fails every test that rewrote one, so that a regeneration is never silent:
review the diff (git diff tests/golden examples), then run again without the option.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

# chc caches validated Code files and holiday tables on disk; tests use a cache of their own
# so that they neither depend on nor disturb the user's.
os.environ.setdefault("CHC_CACHE_DIR", tempfile.mkdtemp(prefix="chc-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# The example year's report, as the README's tour runs it.
EXAMPLE_YEAR = (
    "--homes",
    "5762",
    "--from",
    "2023-04-01",
    "--to",
    "2024-03-31",
    "--landlord",
    "Example Homes",
)
CODE_VERSIONS = ROOT / "code_versions"
SHARED = ROOT.parent / "shared"
# Beside this file rather than under ROOT, so that a copy of this conftest in a temporary
# directory (the fixture's own tests) keeps its golden files there too.
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_OPTION = "--update-golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    # The fuzz suite (tests/fuzz/) runs a small budget by default so the suite stays fast;
    # `pytest tests/fuzz --fuzz-examples 2000` hunts harder.
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=None,
        help="examples per fuzz test (tests/fuzz; default a small budget)",
    )
    _golden_option(parser)


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_chc(*args: str, env: dict[str, str] | None = None) -> Run:
    from chc.cli import load_commands
    from chc.cli.app import app

    load_commands()

    runner = CliRunner()
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100", **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def chc() -> type[Run]:
    return Run


# -- golden files ---------------------------------------------------------------------------


def _golden_option(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        help="rewrite the golden files that differ from what the code produces now, then fail "
        "each test that rewrote one (review the diff, then run again without the option)",
    )


@dataclass
class _Rewritten:
    paths: list[Path] = field(default_factory=list)


_REWRITTEN = pytest.StashKey[_Rewritten]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_REWRITTEN] = _Rewritten()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    rewritten = terminalreporter.config.stash[_REWRITTEN].paths
    if rewritten:
        terminalreporter.section("golden files rewritten")
        for path in rewritten:
            terminalreporter.line(_shown(path))
        terminalreporter.line(f"review the diff, then run again without {UPDATE_OPTION}")


def _shown(path: Path) -> str:
    """The path as a reviewer types it: relative to the checkout when it is inside it."""
    base = GOLDEN.parents[1]
    return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)


def _as_bytes(actual: str | bytes) -> bytes:
    # Encoded as is: no newline translation, so the file holds exactly what was produced.
    return actual.encode("utf-8") if isinstance(actual, str) else actual


def _difference(path: Path, expected: bytes, actual: bytes, limit: int = 60) -> str:
    """A unified diff of the two texts (clipped), or where two binary files part."""
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        at = next(
            (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
            min(len(expected), len(actual)),
        )
        return (
            f"binary contents differ from byte {at} "
            f"({len(expected)} bytes expected, {len(actual)} produced)"
        )
    if old.splitlines() == new.splitlines():
        return "the texts differ only in their line endings"
    name = _shown(path)
    lines = list(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{name} (golden)",
            tofile=f"{name} (produced now)",
        )
    )
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:limit])
    more = len(lines) - limit
    return shown + (f"... and {more} more diff lines\n" if more > 0 else "")


@dataclass(frozen=True)
class Golden:
    """Compare produced output with a golden file, or rewrite it under --update-golden."""

    update: bool
    rewritten: _Rewritten

    def __call__(self, name: str | Path, actual: str | bytes) -> None:
        """NAME is relative to tests/golden/, or a path (the rendered examples, say)."""
        path = GOLDEN / name if isinstance(name, str) else name
        produced = _as_bytes(actual)
        expected = path.read_bytes() if path.exists() else None
        if expected == produced:
            return
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(produced)
            self.rewritten.paths.append(path)
            pytest.fail(
                f"golden file {_shown(path)} rewritten; review the diff and run again "
                f"without {UPDATE_OPTION}",
                pytrace=False,
            )
        if expected is None:
            pytest.fail(
                f"no golden file {_shown(path)}: create it with pytest {UPDATE_OPTION} "
                "and review it",
                pytrace=False,
            )
        pytest.fail(
            f"output differs from golden file {_shown(path)}; if the change is intended, run "
            f"pytest {UPDATE_OPTION} and review the diff\n" + _difference(path, expected, produced),
            pytrace=False,
        )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    config = request.config
    return Golden(bool(config.getoption(UPDATE_OPTION)), config.stash[_REWRITTEN])
