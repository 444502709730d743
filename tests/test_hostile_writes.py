"""Where chc writes, under attack (issue 23): a special file given to -o is written into,
never replaced; two runs writing the same new output cannot both succeed.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from chc.errors import InputError
from chc.output import atomic_output, write_atomic
from conftest import EXAMPLES, run_chc

POLICY = EXAMPLES / "policy-noncompliant.yaml"


def _mknod_null(path: Path) -> Path:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the null device's numbers
    except PermissionError:
        pytest.skip("making a device needs root")
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_character_device_is_written_into_never_replaced(
    tmp_path: Path, force: list[str]
) -> None:
    device = _mknod_null(tmp_path / "null")
    r = run_chc("check-policy", str(POLICY), "-o", str(device), *force)
    assert r.exit_code == 1, r.stderr  # the policy's findings; the output went to the device
    assert stat.S_ISCHR(device.stat().st_mode), "the device was replaced by a regular file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left


def test_the_real_dev_null_stays_a_device() -> None:
    r = run_chc("codes", "2024", "-o", os.devnull, "--force")
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_a_fifo_is_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n", force=False)
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_full_device_is_exit_2_naming_it(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    r = run_chc("codes", "2024", "--format", "json", "-o", "/dev/full")
    assert r.exit_code == 2
    assert r.stderr.strip() == "chc: error: /dev/full: cannot be written: the disk is full"


def test_a_block_device_is_refused_not_written(tmp_path: Path) -> None:
    # A disk: writing a report onto it would destroy its file system. (240, 240) is a
    # number reserved for local use, so that nothing is there even if the check failed.
    device = tmp_path / "disk"
    try:
        os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(240, 240))
    except PermissionError:
        pytest.skip("making a device needs root")
    r = run_chc("codes", "2024", "-o", str(device), "--force")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        f"chc: error: {device}: is a block device; chc writes only into a file, a character "
        "device or a FIFO"
    )
    assert stat.S_ISBLK(device.stat().st_mode)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        r = run_chc("codes", "2024", "-o", str(path), "--force")
    assert r.exit_code == 2
    assert "is a socket; chc writes only into a file, a character device or a FIFO" in r.stderr


# -- created exclusively -------------------------------------------------------------------


def test_a_name_taken_while_writing_is_never_replaced(tmp_path: Path) -> None:
    # Two runs, no --force: both passed the early check; the one that finishes second
    # must fail rather than silently replace the first one's file.
    target = tmp_path / "report.txt"
    taken = pytest.raises(InputError, match="created by another program while chc was writing")
    with taken, atomic_output(target, force=False) as handle:
        handle.write(b"second\n")
        target.write_text("first\n", encoding="utf-8")  # the other run finishes first
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_with_force_the_later_run_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    with atomic_output(target, force=True) as handle:
        handle.write(b"second\n")
        target.write_text("first\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "second\n"


def test_two_runs_at_once_one_wins(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "due.csv"
    cmd = [sys.executable, "-m", "chc", "deadlines", "--cases", str(EXAMPLES / "cases-2023-24.csv"),
           "--as-of", "2024-06-03", "--format", "csv", "-o", str(target), "--quiet"]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE) for _ in range(4)]
    results: list[tuple[int, str]] = []
    for proc in procs:
        _, said = proc.communicate(timeout=120)
        results.append((proc.returncode, said.decode()))
    codes = sorted(code for code, _ in results)
    assert codes.count(0) == 1, results
    assert set(codes) == {0, 2}
    for code, text in results:
        if code == 2:
            assert text.count("\n") == 1 and str(target) in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["due.csv"]


def test_a_new_file_is_still_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    write_atomic(target, "whole\n", force=False)
    assert target.read_text(encoding="utf-8") == "whole\n"
    assert target.stat().st_nlink == 1  # the temporary name is gone, not a second link
