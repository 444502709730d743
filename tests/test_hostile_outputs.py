"""Outputs and the cache under hostile conditions (issue 16).

An output never replaces an input of the same run, whatever name it is given (a symbolic
link, a hard link, the --code file, with or without --force); an unwritable destination is
exit 2 naming it; a new output gets the usual 0666-less-umask mode (issue 11). A cache
entry that fails validation, in every reader of the cache, is ignored and rewritten.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from chc import cache, inputs
from chc.codes.loading import builtin_path, load_code_file
from chc.errors import InputError
from chc.output import write_atomic
from conftest import EXAMPLES, Run, run_chc

POLICY = EXAMPLES / "policy-noncompliant.yaml"


def one_line(run: Run, *words: str) -> str:
    assert run.exit_code == 2, (run.exit_code, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    copy = tmp_path / "policy.yaml"
    copy.write_bytes(POLICY.read_bytes())
    return copy


# -- never an input ----------------------------------------------------------------------


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_symlink_to_the_input_is_refused(policy: Path, force: list[str]) -> None:
    link = policy.parent / "report.txt"
    link.symlink_to(policy)
    before = snapshot(policy.parent)
    r = run_chc("check-policy", str(policy), "-o", str(link), *force)
    one_line(r, str(link), "will not overwrite an input file")
    assert snapshot(policy.parent) == before
    assert link.is_symlink()


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_hard_link_to_the_input_is_refused(policy: Path, force: list[str]) -> None:
    link = policy.parent / "report.txt"
    os.link(policy, link)
    before = snapshot(policy.parent)
    r = run_chc("check-policy", str(policy), "-o", str(link), *force)
    one_line(r, "will not overwrite an input file")
    assert snapshot(policy.parent) == before


def test_the_code_file_is_an_input_even_when_the_command_does_not_list_it(
    tmp_path: Path,
) -> None:
    # check-policy passes only the policy as its input; the Code file it read is caught by
    # the run's record of every file read.
    code = tmp_path / "my-code.yaml"
    code.write_bytes(builtin_path("2024").read_bytes())
    before = snapshot(tmp_path)
    r = run_chc("check-policy", str(POLICY), "--code", str(code), "-o", str(code), "--force")
    one_line(r, str(code), "will not overwrite an input file")
    assert snapshot(tmp_path) == before


def test_the_closure_file_via_a_hard_link_is_refused_for_deadlines(tmp_path: Path) -> None:
    closed = tmp_path / "closed.txt"
    closed.write_text("2024-05-28\n", encoding="utf-8")
    out = tmp_path / "due.json"
    os.link(closed, out)
    r = run_chc(
        "deadlines", "--received", "2024-05-01", "--closed-file", str(closed),
        "--format", "json", "-o", str(out), "--force",
    )  # fmt: skip
    one_line(r, "will not overwrite an input file")
    assert closed.read_text(encoding="utf-8") == "2024-05-28\n"


def test_a_file_read_in_an_earlier_run_is_not_protected_in_the_next(tmp_path: Path) -> None:
    # Each command starts a new run: writing over last run's input with --force is allowed.
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    inputs.start_run()
    inputs.read_text(out)
    inputs.start_run()
    write_atomic(out, "new\n", force=True)
    assert out.read_text(encoding="utf-8") == "new\n"


def test_library_callers_name_their_inputs(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("x\n", encoding="utf-8")
    inputs.start_run()
    with pytest.raises(InputError, match="will not overwrite an input file"):
        write_atomic(source, "y\n", force=True, inputs=[source])
    assert source.read_text(encoding="utf-8") == "x\n"


# -- unwritable destinations -------------------------------------------------------------


def test_a_destination_under_sys_is_exit_2_naming_it(tmp_path: Path) -> None:
    # root ignores chmod, so a folder the kernel itself refuses stands in for a read-only one.
    target = Path("/sys/chc-report.txt")
    if not Path("/sys").is_dir():
        pytest.skip("no /sys")
    r = run_chc("check-policy", str(POLICY), "--format", "json", "-o", str(target))
    one_line(r, str(target), "cannot be written")


def test_a_read_only_file_system_is_exit_2_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace

    def read_only(self: Path, target: object) -> Path:
        if Path(str(target)).parent == tmp_path:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_replace(self, target)  # type: ignore[arg-type]

    real_link = os.link

    def no_link(source: object, target: object) -> None:
        if Path(str(target)).parent == tmp_path:
            raise OSError(errno.EROFS, "Read-only file system")
        real_link(source, target)  # type: ignore[arg-type]

    # A new output is linked into place (created exclusively); a replaced one renamed.
    monkeypatch.setattr(Path, "replace", read_only)
    monkeypatch.setattr(os, "link", no_link)
    out = tmp_path / "report.json"
    r = run_chc("check-policy", str(POLICY), "--format", "json", "-o", str(out))
    assert one_line(r) == f"chc: error: {out}: cannot be written: the file system is read-only"
    assert list(tmp_path.iterdir()) == []


def test_no_temporary_file_can_be_made_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "codes.json"
    r = run_chc("codes", "--format", "json", "-o", str(out))
    assert one_line(r) == f"chc: error: {out}: cannot be written: the file system is read-only"
    assert not out.exists()


# -- the mode of a new output (issue 11) ---------------------------------------------------


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_output_gets_0666_less_the_umask_not_0600(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "codes.json"
    r = run_chc("codes", "--format", "json", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert out.stat().st_mode & 0o777 == 0o640  # 0666 & ~0027


def test_a_replaced_output_keeps_its_own_mode(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "codes.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o604)
    r = run_chc("codes", "--format", "json", "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert out.stat().st_mode & 0o777 == 0o604
    assert json.loads(out.read_text(encoding="utf-8"))["editions"]


# -- the cache: every reader, every kind of corrupt entry ---------------------------------


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CHC_NO_CACHE", raising=False)
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHC_CACHE_DIR", str(folder))
    return folder


def corrupt(entry: Path, kind: str) -> None:
    entry.unlink()
    if kind == "truncated":
        entry.write_text('{"2024-01-01": "New Year', encoding="utf-8")
    elif kind == "bad-date":
        entry.write_text('{"2024-02-30": "Not a day"}', encoding="utf-8")
    elif kind == "wrong-shape":
        entry.write_text('[["2024-01-01", 1]]', encoding="utf-8")
    elif kind == "deep":
        entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif kind == "not-utf8":
        entry.write_bytes(b"\xff\xfe")
    elif kind == "fifo":
        os.mkfifo(entry)
    elif kind == "directory":
        entry.mkdir()
    elif kind == "huge":
        with entry.open("wb") as handle:
            handle.truncate(cache.MAX_ENTRY_BYTES + 1)  # sparse: no disk used
    else:
        raise AssertionError(kind)


KINDS = ["truncated", "bad-date", "wrong-shape", "deep", "not-utf8", "fifo", "directory", "huge"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_holiday_entry_is_ignored_and_rewritten(cache_folder: Path, kind: str) -> None:
    from chc import workdays

    workdays._bank_holidays.cache_clear()
    fresh = workdays._bank_holidays("ENG", 2024)
    (entry,) = cache_folder.glob("holidays-ENG-2024-*.json")
    corrupt(entry, kind)
    workdays._bank_holidays.cache_clear()
    assert workdays._bank_holidays("ENG", 2024) == fresh  # never trusted, never fatal
    workdays._bank_holidays.cache_clear()
    assert entry.is_file()
    written = json.loads(entry.read_text(encoding="utf-8"))
    assert written["2024-12-25"] == "Christmas Day"  # rewritten whole


def test_a_holiday_entry_of_the_wrong_year_is_not_trusted(cache_folder: Path) -> None:
    from chc import workdays

    workdays._bank_holidays.cache_clear()
    workdays._bank_holidays("ENG", 2024)
    (entry,) = cache_folder.glob("holidays-ENG-2024-*.json")
    # Valid JSON, valid dates, but Christmas moved: a tampered or mis-keyed entry.
    entry.write_text('{"2023-12-25": "Christmas Day"}', encoding="utf-8")
    workdays._bank_holidays.cache_clear()
    table = workdays._bank_holidays("ENG", 2024)
    workdays._bank_holidays.cache_clear()
    assert table[date(2024, 12, 25)] == "Christmas Day"
    assert date(2023, 12, 25) not in table


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_edition_entry_is_ignored_and_rewritten(cache_folder: Path, kind: str) -> None:
    fresh = load_code_file(builtin_path("2020"))
    entries = {p.name for p in cache_folder.glob("edition-*.json")}
    assert entries
    for name in entries:
        corrupt(cache_folder / name, kind)
    assert load_code_file(builtin_path("2020")) == fresh
    for name in entries:
        assert (cache_folder / name).is_file()
        assert json.loads((cache_folder / name).read_text(encoding="utf-8"))["edition"]


def test_a_bad_cache_entry_never_breaks_a_run(cache_folder: Path) -> None:
    # The case: a valid-JSON entry with a bad date broke every later run.
    r = run_chc("deadlines", "--received", "2024-05-01", "--format", "json")
    assert r.exit_code == 0
    for entry in cache_folder.glob("holidays-*.json"):
        entry.write_text('{"2024-02-30": "x"}', encoding="utf-8")
    from chc import workdays

    workdays._bank_holidays.cache_clear()
    workdays.calendar_for.cache_clear()
    again = run_chc("deadlines", "--received", "2024-05-01", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == json.loads(r.stdout)


def test_a_large_output_is_written_back_while_it_is_still_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk takes a large output as it grows, so that the sync before the rename has
    # little left to do; the output itself is exactly what was written.
    import time

    from chc import output

    synced: list[int] = []
    real = os.fdatasync

    def fdatasync(fd: int) -> None:
        synced.append(os.fstat(fd).st_size)
        real(fd)

    monkeypatch.setattr(output, "WRITEBACK_BYTES", 1000)
    monkeypatch.setattr(os, "fdatasync", fdatasync)
    target = tmp_path / "out.jsonl"
    with output.atomic_output(target, force=False) as handle, output.written_back(handle, 0.001):
        assert _writeback_threads() == 1
        for _ in range(20):
            handle.write(b"x" * 999 + b"\n")
            handle.flush()
            time.sleep(0.01)
    assert target.read_bytes() == (b"x" * 999 + b"\n") * 20
    assert synced, "nothing was written back while the output grew"
    assert all(later - earlier >= 1000 for earlier, later in itertools.pairwise([0, *synced]))
    assert _writeback_threads() == 0  # the thread ended with the block


def _writeback_threads() -> int:
    import threading

    return sum(t.name == "chc-writeback" for t in threading.enumerate())


def test_the_writeback_thread_ends_when_the_output_fails(tmp_path: Path) -> None:
    from chc import output

    with (
        pytest.raises(RuntimeError, match="stopped"),
        output.atomic_output(tmp_path / "out.csv", force=False) as handle,
        output.written_back(handle),
    ):
        handle.write(b"half")
        raise RuntimeError("stopped")
    assert _writeback_threads() == 0
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file
