"""Shared fixtures: the repository's paths and a way to run the CLI in-process."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

# chc caches validated Code files and holiday tables on disk; tests use a cache of their own
# so that they neither depend on nor disturb the user's.
os.environ.setdefault("CHC_CACHE_DIR", tempfile.mkdtemp(prefix="chc-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CODE_VERSIONS = ROOT / "code_versions"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    # The fuzz suite (tests/fuzz/) runs a small budget by default so the suite stays fast;
    # `pytest tests/fuzz --fuzz-examples 2000` hunts harder.
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=None,
        help="examples per fuzz test (tests/fuzz; default a small budget)",
    )


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_chc(*args: str, env: dict[str, str] | None = None) -> Run:
    from chc.cli import app

    runner = CliRunner()
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100", **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def chc() -> type[Run]:
    return Run
