"""Fuzzing every reader (issue 16): nothing a user feeds chc may end in a traceback.

Three sources of input, for each reader (Code files, policies, answers files, closure files,
case files) and for the commands that use them: random bytes; random YAML built from the
formats' own keys and value shapes; and the shipped examples with random damage (a line
deleted, repeated or cut, characters replaced). A library reader must return or raise
ChcError; a command must exit 0, 1 or 2 with no traceback.

The budget is small by default (the whole file runs in well under 20 s);
``pytest tests/fuzz --fuzz-examples 2000`` runs a larger one.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chc.errors import ChcError
from conftest import CODE_VERSIONS, EXAMPLES, run_chc

DEFAULT_EXAMPLES = 10


@pytest.fixture
def budget(pytestconfig: pytest.Config) -> int:
    chosen = pytestconfig.getoption("--fuzz-examples")
    return int(chosen) if chosen is not None else DEFAULT_EXAMPLES


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # Thousands of random Code files would each leave a cache entry behind.
    monkeypatch.setenv("CHC_NO_CACHE", "1")


def fuzz(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- the readers ---------------------------------------------------------------------------


def _load_code(path: Path) -> object:
    from chc.codes.loading import load_code_file

    return load_code_file(path)


def _load_policy(path: Path) -> object:
    from chc.policy.model import load_policy

    return load_policy(path)


def _read_answers(path: Path) -> object:
    from chc.assessment.answers import read_answers

    return read_answers(path)


def _read_closed(path: Path) -> object:
    from chc.closures import read_closed

    return read_closed(None, path)


READERS: dict[str, Callable[[Path], object]] = {
    "code": _load_code,
    "policy": _load_policy,
    "answers": _read_answers,
    "closed": _read_closed,
}


def feed(reader: Callable[[Path], object], data: bytes, suffix: str = ".yaml") -> None:
    """Write ``data`` to a file and read it: success or a ChcError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            reader(path)
        except ChcError as err:
            assert str(err).strip(), "an error with no message"
            assert "\n" not in err.message.strip() or "Traceback" not in err.message


# -- random YAML from the formats' grammar -------------------------------------------------

KEYS = sorted(
    {
        # the formats' own keys, so that random documents get past the first checks
        "edition", "title", "publisher", "published", "in_force_from", "in_force_to",
        "statutory", "sources", "stages", "form", "sections", "provisions", "timescales",
        "id", "section", "obligation", "summary", "checks", "kind", "params", "previously",
        "key", "amount", "unit", "from", "provision", "note", "landlord", "document", "code",
        "adopted", "acknowledge", "respond", "extension", "time_limit", "exclusions",
        "channels", "items", "comply", "evidence", "commentary", "action", "target_date",
        "machine_filled", "year", "period", "min", "max", "number", "name",
    }
)  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "2024-05-01", "0000-01-01", "9999-12-31", "2024-02-30", "٢٠٢٤-٠٥-٠١", "2024-05-0²",
            "10 working days", "5 days", "1 month", "100000000 months", "must", "should",
            "yes", "no", "partly", "working_days", "calendar_days", "months", "received",
            "6.3", "2024", "2022", "2020", "max_duration", "stage_count", "",
        ]
    ),
    st.text(max_size=20),
)  # fmt: skip

VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    ),
    max_leaves=25,
)

DOCUMENTS = st.dictionaries(st.sampled_from(KEYS), VALUES, min_size=1, max_size=8)


def as_yaml(document: Any) -> bytes:
    # JSON is YAML; allow_nan writes NaN/Infinity, which YAML reads as text.
    return json.dumps(document, allow_nan=True, ensure_ascii=False).encode("utf-8")


# -- damaged real examples -----------------------------------------------------------------

REAL = {
    "code": [CODE_VERSIONS / f"{n}.yaml" for n in ("2020", "2022", "2024")],
    "policy": sorted(EXAMPLES.glob("policy-*.yaml")),
    "answers": sorted(EXAMPLES.glob("answers-*.yaml")),
}
HOSTILE_SNIPPETS = [
    "&a [*a]", "*nowhere", "[[[[[[", "0000-01-01", "1e999999", "100000000", "٢",
    "!!python/object:os.system", "\t", ": :", "- - -", "'", '"', "{", "? ", "<<: *a", "\x00",
    "\ufeff", "---\n", "...\n", "!!binary x", "!!int x",
]  # fmt: skip


@st.composite
def damaged(draw: st.DrawFn, files: list[Path]) -> bytes:
    lines = draw(st.sampled_from(files)).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "cut", "insert", "replace"]))
        if action == "delete":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            snippet = draw(st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(max_size=5)))
            lines[i] = lines[i][:at] + snippet + lines[i][at:]
        else:
            at = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:at] + draw(st.characters()) + lines[i][at + 1 :]
        if not lines:
            lines = [""]
    return "".join(lines).encode("utf-8", errors="surrogatepass")


# -- the tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(READERS))
def test_random_bytes(name: str, budget: int) -> None:
    @fuzz(budget)
    @given(st.binary(max_size=2000))
    def run(data: bytes) -> None:
        feed(READERS[name], data)

    run()


@pytest.mark.parametrize("name", ["code", "policy", "answers"])
def test_random_yaml_from_the_grammar(name: str, budget: int) -> None:
    @fuzz(budget)
    @given(DOCUMENTS)
    def run(document: Any) -> None:
        feed(READERS[name], as_yaml(document))

    run()


@pytest.mark.parametrize("name", sorted(REAL))
def test_damaged_real_examples(name: str, budget: int) -> None:
    @fuzz(budget)
    @given(damaged(REAL[name]))
    def run(data: bytes) -> None:
        feed(READERS[name], data)

    run()


def test_random_closure_files(budget: int) -> None:
    line = st.one_of(
        st.sampled_from(["2024-05-28", "0000-01-01", "9999-12-31", "2024-02-30", "# note"]),
        st.text(max_size=12),
    )

    @fuzz(budget)
    @given(st.lists(line, max_size=6))
    def run(lines: list[str]) -> None:
        feed(_read_closed, "\n".join(lines).encode("utf-8", errors="surrogatepass"), ".txt")

    run()


# -- the commands --------------------------------------------------------------------------

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "check-policy": lambda f: ["check-policy", f, "--format", "json"],
    "self-assessment check": lambda f: ["self-assessment", "check", f, "--today", "2024-06-30"],
    "self-assessment render": lambda f: ["self-assessment", "render", f],
    "deadlines --code": lambda f: ["deadlines", "--received", "2024-05-01", "--code", f],
    "deadlines --closed-file": lambda f: ["deadlines", "--received", "2024-05-01",
                                          "--closed-file", f],
    "codes --code": lambda f: ["codes", f, "--format", "json"],
}  # fmt: skip


def run_command(args: list[str]) -> None:
    run = run_chc(*args)  # any exception but SystemExit is re-raised: a traceback
    assert run.exit_code in (0, 1, 2), (run.exit_code, run.stderr)
    assert "Traceback" not in run.stderr
    if run.exit_code == 2:
        # One line on stderr, or (self-assessment check) the list of problems on stdout.
        assert run.stderr.strip() or run.stdout.strip(), "exit 2 with nothing said"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_on_damaged_and_random_input(command: str, budget: int) -> None:
    files = REAL["answers"] if "self-assessment" in command else REAL["policy"]
    if "--code" in command:
        files = REAL["code"]
    source = st.one_of(damaged(files), st.binary(max_size=500), DOCUMENTS.map(as_yaml))

    @fuzz(max(3, budget // 3))
    @given(source)
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "input.yaml"
            path.write_bytes(data)
            run_command(COMMANDS[command](str(path)))

    run()


def test_date_options_take_any_text(budget: int) -> None:
    text = st.text(max_size=14).filter(lambda t: not t.startswith("-") and "\x00" not in t)

    @fuzz(budget)
    @given(text, st.sampled_from(["--received", "--as-of", "--closed"]))
    def run(value: str, option: str) -> None:
        args = ["deadlines", "--received", "2024-05-01"]
        args = ["deadlines", option, value] if option == "--received" else [*args, option, value]
        run_command(args)

    run()
